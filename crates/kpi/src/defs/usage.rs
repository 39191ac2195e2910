//! Product usage.

use super::{amount, count, variant};
use crate::eval::{part_of, per, Calc, Computed};
use crate::{t, Category, ChartKind, Direction, KpiDef, KpiError, Unit};

const SESSIONS: crate::InputDef = count(
    "sessions",
    t("Sitzungen", "Sessions"),
    t("Alle Sitzungen im Zeitraum.", "All sessions in the period."),
    120.0,
);

/// dau_mau
pub(crate) const DAU_MAU: KpiDef = KpiDef {
    id: "dau_mau",
    name: t("DAU/MAU-Verhältnis", "DAU/MAU ratio"),
    abbr: t("Stickiness", "Stickiness"),
    category: Category::Usage,
    description: t("Anteil der monatlich aktiven Nutzer, die an einem Tag aktiv sind.", "Share of monthly active users who are active on a day."),
    explanation: t(
        "Das Verhältnis von täglich zu monatlich aktiven Nutzern zeigt, ob Nutzer wirklich am Produkt interessiert sind oder nur einmal hineinschauen und nie wiederkommen. Vorher festlegen, was einen aktiven Nutzer ausmacht. Je höher der Prozentsatz, desto besser.",
        "The ratio of daily to monthly active users shows whether users are really interested in the product or just look once and never return. Define first what makes a user active. The higher the percentage, the better.",
    ),
    inputs: &[
        // An average over the month's days, so it may have decimals (312,5).
        amount("dau", t("Täglich aktive Nutzer (Durchschnitt)", "Daily active users (average)"), t("Durchschnittliche aktive Nutzer pro Tag, auch mit Nachkommastellen (312,5).", "Average active users per day, decimals allowed (312.5)."), Unit::Number, 300.0),
        count("mau", t("Monatlich aktive Nutzer", "Monthly active users"), t("Aktive Nutzer im Monat.", "Active users in the month."), 1000.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer, mit derselben Definition von „aktiv“.", "Always, with the same definition of “active”."),
        t("DAU ÷ MAU", "DAU ÷ MAU"),
        &["dau", "mau"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["002"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// avg_session_duration
pub(crate) const AVG_SESSION_DURATION: KpiDef = KpiDef {
    id: "avg_session_duration",
    name: t("Durchschnittliche Sitzungsdauer", "Average session duration"),
    abbr: t("Ø Sitzung", "Avg session"),
    category: Category::Usage,
    description: t("Wie lange eine Sitzung im Durchschnitt dauert.", "How long a session lasts on average."),
    explanation: t(
        "Die durchschnittliche Sitzungsdauer zeigt, wie viel Zeit Kunden mit dem Produkt verbringen und welche Bereiche sie länger oder kürzer ansehen. Sie ist die Summe der Sekunden aller Sitzungen geteilt durch die Zahl der Sitzungen.",
        "Average session duration shows how much time customers spend in the product and which sections they view longer or shorter. It is the total seconds of all sessions divided by the number of sessions.",
    ),
    inputs: &[
        amount("total_seconds", t("Summe Sitzungssekunden", "Total session seconds"), t("Sekunden aller Sitzungen, addiert.", "Seconds of all sessions, added up."), Unit::Seconds, 36000.0),
        SESSIONS,
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer.", "Always."),
        t("Summe Sitzungssekunden ÷ Sitzungen", "total session seconds ÷ sessions"),
        &["total_seconds", "sessions"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Seconds,
    seeds: &["002"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// product_usage_rate
pub(crate) const PRODUCT_USAGE_RATE: KpiDef = KpiDef {
    id: "product_usage_rate",
    name: t("Produktnutzungsrate", "Product usage rate"),
    abbr: t("Nutzung", "Usage"),
    category: Category::Usage,
    description: t("Anteil der lizenzierten Nutzer oder Kernfunktionen, die genutzt werden.", "Share of licensed users or key features in use."),
    explanation: t(
        "Die Produktnutzungsrate zeigt, wie viele Nutzer welche Teile des Produkts wie lange nutzen: Nutzungshäufigkeit, bestimmte Funktionen, Nutzungsdauer. Sie ist eine einfachere Vorstufe des Health Scores. Vorher ein Zeitintervall festlegen (täglich, wöchentlich, monatlich).",
        "The product usage rate shows how many users use which parts of the product and for how long: frequency, specific features, duration. It is a simpler forerunner of the health score. Pick a time interval first (daily, weekly, monthly).",
    ),
    inputs: &[
        count("active_users", t("Aktive Nutzer", "Active users"), t("Nutzer, die das Produkt im Intervall genutzt haben.", "Users who used the product in the interval."), 60.0),
        count("licensed_users", t("Lizenzierte Nutzer", "Licensed users"), t("Nutzer mit Lizenz.", "Users with a licence."), 100.0),
        count("features_used", t("Genutzte Kernfunktionen", "Key features used"), t("Kernfunktionen, die genutzt wurden.", "Key features that were used."), 6.0),
        count("key_features", t("Kernfunktionen", "Key features"), t("Alle Kernfunktionen des Produkts.", "All key features of the product."), 10.0),
    ],
    variants: &[
        variant(
            "users",
            t("Nutzer", "Users"),
            t("Für die Breite der Nutzung.", "For breadth of use."),
            t("Aktive Nutzer ÷ lizenzierte Nutzer", "active users ÷ licensed users"),
            &["active_users", "licensed_users"],
        ),
        variant(
            "features",
            t("Funktionen", "Features"),
            t("Für die Tiefe der Nutzung.", "For depth of use."),
            t("Genutzte Kernfunktionen ÷ Kernfunktionen", "key features used ÷ key features"),
            &["features_used", "key_features"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["001", "002"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// sessions_per_day
pub(crate) const SESSIONS_PER_DAY: KpiDef = KpiDef {
    id: "sessions_per_day",
    name: t("Sitzungen pro Tag", "Sessions per day"),
    abbr: t("Sitzungen/Tag", "Sessions/day"),
    category: Category::Usage,
    description: t("Durchschnittliche Zahl der Nutzersitzungen pro Tag.", "Average number of user sessions per day."),
    explanation: t(
        "Nutzungsmetriken müssen zum Produkt passen; ein Beispiel ist die Anzahl der Benutzersitzungen pro Tag. Sie können Probleme bei bestimmten Interaktionen aufzeigen, die Kunden am Erreichen ihrer Ziele hindern.",
        "Usage metrics must fit the product; one example is the number of user sessions per day. They can reveal problems in specific interactions that keep customers from their goals.",
    ),
    inputs: &[
        SESSIONS,
        amount("days", t("Tage", "Days"), t("Tage im Zeitraum.", "Days in the period."), Unit::Days, 30.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer.", "Always."),
        t("Sitzungen ÷ Tage", "sessions ÷ days"),
        &["sessions", "days"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Number,
    seeds: &["001"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// Calculators of this section; `None` when the KPI is not in this section.
pub(crate) fn calculate(
    kpi: &str,
    variant: &str,
    c: &mut Calc,
) -> Option<Result<Computed, KpiError>> {
    Some(match (kpi, variant) {
        ("dau_mau", "standard") => part_of(c, "dau", "mau"),
        ("avg_session_duration", "standard") => per(c, "total_seconds", "sessions", Unit::Seconds),
        ("product_usage_rate", "users") => part_of(c, "active_users", "licensed_users"),
        ("product_usage_rate", "features") => part_of(c, "features_used", "key_features"),
        ("sessions_per_day", "standard") => per(c, "sessions", "days", Unit::Number),
        _ => return None,
    })
}
