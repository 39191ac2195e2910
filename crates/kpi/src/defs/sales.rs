//! Sales and funnel.

use super::{amount, count, money, ratio, variant};
use crate::eval::{part_of, per, Calc, Computed, Tok::*};
use crate::{t, Category, ChartKind, Direction, KpiDef, KpiError, Unit};

/// sales_velocity
pub(crate) const SALES_VELOCITY: KpiDef = KpiDef {
    id: "sales_velocity",
    name: t("Sales Pipeline Velocity", "Sales pipeline velocity"),
    abbr: t("Sales Velocity", "Sales velocity"),
    category: Category::Sales,
    description: t(
        "Umsatz, den die Pipeline pro Tag erwirtschaftet.",
        "Revenue the pipeline generates per day.",
    ),
    explanation: t(
        "Die Sales Pipeline Velocity ist ein Indikator für die Effizienz des Vertriebsprozesses: qualifizierte Opportunities mal durchschnittlichem Umsatzwert mal Gewinnrate, geteilt durch die Verkaufszykluslänge in Tagen. Beispiel: (100 × 3.000 € × 0,20) / 30 Tage = 2.000 € pro Tag. Sie hilft, Engpässe im Vertrieb zu finden.",
        "Sales pipeline velocity indicates how efficient the sales process is: qualified opportunities times average deal value times win rate, divided by the sales-cycle length in days. Example: (100 × €3,000 × 0.20) / 30 days = €2,000 per day. It helps find bottlenecks in sales.",
    ),
    inputs: &[
        count("opportunities", t("Opportunities", "Opportunities"), t("Anzahl qualifizierter Leads in der Pipeline.", "Number of qualified leads in the pipeline."), 100.0),
        money("deal_value", t("Ø Umsatzwert pro Deal", "Average deal value"), t("Durchschnittlicher Umsatz eines gewonnenen Deals.", "Average revenue of a won deal."), 3000.0),
        ratio("win_rate", t("Gewinnrate", "Win rate"), t("Anteil der Opportunities, die gewonnen werden.", "Share of opportunities that are won."), 0.2),
        amount("cycle_days", t("Verkaufszyklus (Tage)", "Sales cycle (days)"), t("Durchschnittliche Tage vom ersten Kontakt bis zum Abschluss.", "Average days from first contact to close."), Unit::Days, 30.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer; die Formel aus dem Bitrix24-Artikel.", "Always; the formula from the Bitrix24 article."),
        t("(Opportunities × Ø Umsatzwert × Gewinnrate) / Zyklustage", "(Opportunities × Ø deal value × win rate) / cycle days"),
        &["opportunities", "deal_value", "win_rate", "cycle_days"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::MoneyPerDay,
    seeds: &["000"],
    chart: ChartKind::VelocityCumulative,
    dataset_only: false,
};

const WON: crate::InputDef = count(
    "won",
    t("Gewonnene Deals", "Deals won"),
    t("Im Zeitraum abgeschlossene Deals.", "Deals closed as won during the period."),
    20.0,
);
const LOST: crate::InputDef = count(
    "lost",
    t("Verlorene Deals", "Deals lost"),
    t("Im Zeitraum verlorene Deals.", "Deals closed as lost during the period."),
    30.0,
);

/// win_rate
pub(crate) const WIN_RATE: KpiDef = KpiDef {
    id: "win_rate",
    name: t("Gewinnrate", "Win rate"),
    abbr: t("Win Rate", "Win rate"),
    category: Category::Sales,
    description: t("Anteil der entschiedenen Deals, die gewonnen wurden.", "Share of decided deals that were won."),
    explanation: t(
        "Die Gewinnrate setzt gewonnene Deals ins Verhältnis zu allen entschiedenen Deals, gewonnenen und verlorenen. Sie fließt als Prozentsatz in die Sales Velocity ein.",
        "The win rate relates deals won to all decided deals, won and lost. It enters sales velocity as its percentage.",
    ),
    inputs: &[WON, LOST],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer; offene Deals zählen nicht.", "Always; open deals do not count."),
        t("Gewonnen ÷ (gewonnen + verloren)", "won ÷ (won + lost)"),
        &["won", "lost"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["000"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// win_loss_ratio
pub(crate) const WIN_LOSS_RATIO: KpiDef = KpiDef {
    id: "win_loss_ratio",
    name: t("Deal Win-Loss Ratio", "Deal win-loss ratio"),
    abbr: t("Win-Loss", "Win-loss"),
    category: Category::Sales,
    description: t("Gewonnene Deals je verlorenem Deal.", "Deals won per deal lost."),
    explanation: t(
        "Die Win-Loss Ratio ist der Quotient aus gewonnenen und verlorenen Deals und zeigt, wie erfolgreich die Neukundenakquise verläuft. Als reine Anzahl sagt sie nichts über den Wert: Der Verlust eines Stammkunden mit 100.000 € wird durch drei neue Deals zu je 20.000 € nicht ausgeglichen. Deshalb steht die wertgewichtete Variante daneben.",
        "The win-loss ratio divides deals won by deals lost and shows how well new business goes. As a count it says nothing about value: losing one €100,000 customer is not made up by three new €20,000 deals. That is why the value-weighted variant sits beside it.",
    ),
    inputs: &[
        WON,
        LOST,
        money("won_value", t("Wert gewonnener Deals", "Value of deals won"), t("Summe der gewonnenen Deals.", "Total of the deals won."), 60000.0),
        money("lost_value", t("Wert verlorener Deals", "Value of deals lost"), t("Summe der verlorenen Deals.", "Total of the deals lost."), 100000.0),
    ],
    variants: &[
        variant(
            "by_count",
            t("Nach Anzahl", "By count"),
            t("Um die Trefferquote im Vertrieb zu sehen.", "To see the hit rate of sales."),
            t("Gewonnene Deals ÷ verlorene Deals", "deals won ÷ deals lost"),
            &["won", "lost"],
        ),
        variant(
            "by_value",
            t("Nach Wert", "By value"),
            t("Wenn Deals sehr unterschiedlich groß sind.", "When deals differ a lot in size."),
            t("Wert gewonnener Deals ÷ Wert verlorener Deals", "value won ÷ value lost"),
            &["won_value", "lost_value"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Number,
    seeds: &["000"],
    chart: ChartKind::None,
    dataset_only: false,
};

const CONVERSIONS: crate::InputDef = count(
    "conversions",
    t("Conversions", "Conversions"),
    t(
        "Ausgeführte Zielaktionen (Kauf, Registrierung, Formular).",
        "Target actions taken (purchase, sign-up, form).",
    ),
    30.0,
);

/// conversion_rate
pub(crate) const CONVERSION_RATE: KpiDef = KpiDef {
    id: "conversion_rate",
    name: t("Konversionsrate", "Conversion rate"),
    abbr: t("CR", "CR"),
    category: Category::Sales,
    description: t("Anteil der Besucher oder Leads, die eine Zielaktion ausführen.", "Share of visitors or leads who take a target action."),
    explanation: t(
        "Die Conversion Rate ist der Prozentsatz der Besucher, die eine geplante Aktion ausführen, etwa einen Kauf, eine Registrierung oder ein Newsletter-Abonnement. Aussagekräftiger wird sie, wenn Besucher nur einmal gezählt werden. Ein Shop mit günstigen Produkten erreicht leichter eine hohe Rate als einer mit Luxusartikeln, deshalb nur zusammen mit anderen KPIs auswerten.",
        "The conversion rate is the share of visitors who take a planned action such as a purchase, a sign-up or a newsletter subscription. It says more when each visitor is counted once. A shop with cheap products reaches a high rate more easily than one selling luxury goods, so read it together with other KPIs.",
    ),
    inputs: &[
        CONVERSIONS,
        count("visitors", t("Eindeutige Besucher", "Unique visitors"), t("Besucher im Zeitraum, jeder nur einmal gezählt.", "Visitors in the period, each counted once."), 1000.0),
        count("leads", t("Leads", "Leads"), t("Leads im Zeitraum.", "Leads in the period."), 200.0),
    ],
    variants: &[
        variant(
            "per_visitor",
            t("Je Besucher", "Per visitor"),
            t("Für Website- und Landingpage-Ziele.", "For website and landing-page goals."),
            t("Conversions ÷ eindeutige Besucher", "conversions ÷ unique visitors"),
            &["conversions", "visitors"],
        ),
        variant(
            "per_lead",
            t("Je Lead", "Per lead"),
            t("Für den Vertriebsfunnel vom Lead zum Kunden.", "For the sales funnel from lead to customer."),
            t("Conversions ÷ Leads", "conversions ÷ leads"),
            &["conversions", "leads"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["000", "002"],
    chart: ChartKind::Funnel,
    dataset_only: false,
};

/// free_to_paid
pub(crate) const FREE_TO_PAID: KpiDef = KpiDef {
    id: "free_to_paid",
    name: t("Free-to-Paid-Konvertierung", "Free-to-paid conversion"),
    abbr: t("Free-to-Paid", "Free-to-paid"),
    category: Category::Sales,
    description: t("Anteil der Testnutzer, die zahlende Kunden werden.", "Share of trial users who become paying customers."),
    explanation: t(
        "Ein Upgrade von kostenlosen auf kostenpflichtige Pläne ist ein starker Indikator für Kundenerfolg. Steigt dieses Verhältnis, zeigen die Bemühungen des CS-Teams Wirkung.",
        "An upgrade from free to paid plans is a strong indicator of customer success. When this ratio rises, the CS team's efforts are working.",
    ),
    inputs: &[
        count("converted", t("Zahlend gewordene Tests", "Trials converted"), t("Testnutzer, die zu zahlenden Kunden wurden.", "Trial users who became paying customers."), 15.0),
        count("trials", t("Testnutzer", "Trials"), t("Begonnene kostenlose Tests im Zeitraum.", "Free trials started in the period."), 100.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Bei Freemium- oder Testmodellen.", "For freemium or trial models."),
        t("Zahlend gewordene Tests ÷ Testnutzer", "trials converted ÷ trials"),
        &["converted", "trials"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["002"],
    chart: ChartKind::Funnel,
    dataset_only: false,
};

/// onboarding_dropoff
pub(crate) const ONBOARDING_DROPOFF: KpiDef = KpiDef {
    id: "onboarding_dropoff",
    name: t("Onboarding-Abbruchrate", "Onboarding drop-off"),
    abbr: t("Drop-off", "Drop-off"),
    category: Category::Sales,
    description: t("Anteil der Nutzer, die das Onboarding an einem Schritt verlassen.", "Share of users who leave onboarding at a step."),
    explanation: t(
        "In der Onboarding-Phase entscheiden Kunden, ob sie das Produkt nutzen oder für immer aufgeben. Die Abbrüche je Schritt zeigen, wo Nutzer verloren gehen und wer eher zum zahlenden Kunden wird.",
        "During onboarding customers decide to use the product or give it up for good. Drop-offs per step show where users are lost and who is more likely to become a paying customer.",
    ),
    inputs: &[
        count("reached", t("Schritt erreicht", "Reached step"), t("Nutzer, die diesen Schritt erreicht haben.", "Users who reached this step."), 200.0),
        count("left", t("Am Schritt abgebrochen", "Left at step"), t("Nutzer, die an diesem Schritt aufgehört haben.", "Users who stopped at this step."), 30.0),
        count("started", t("Onboarding begonnen", "Started onboarding"), t("Nutzer im ersten Schritt.", "Users in the first step."), 200.0),
        count("completed", t("Onboarding abgeschlossen", "Completed onboarding"), t("Nutzer, die den letzten Schritt abgeschlossen haben.", "Users who finished the last step."), 120.0),
    ],
    variants: &[
        variant(
            "step",
            t("Je Schritt", "Per step"),
            t("Um einen einzelnen Schritt zu untersuchen.", "To examine a single step."),
            t("Abgebrochen ÷ Schritt erreicht", "left at step ÷ reached step"),
            &["reached", "left"],
        ),
        variant(
            "overall",
            t("Gesamt", "Overall"),
            t("Um das ganze Onboarding zu bewerten.", "To judge the whole onboarding."),
            t("1 − abgeschlossen ÷ begonnen", "1 − completed ÷ started"),
            &["started", "completed"],
        ),
    ],
    direction: Direction::LowerIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["002"],
    chart: ChartKind::Funnel,
    dataset_only: false,
};

/// Calculators of this section; `None` when the KPI is not in this section.
pub(crate) fn calculate(
    kpi: &str,
    variant: &str,
    c: &mut Calc,
) -> Option<Result<Computed, KpiError>> {
    Some(match (kpi, variant) {
        ("sales_velocity", "standard") => velocity(c),
        ("win_rate", "standard") => win_rate(c),
        ("win_loss_ratio", "by_count") => per(c, "won", "lost", Unit::Number),
        ("win_loss_ratio", "by_value") => per(c, "won_value", "lost_value", Unit::Number),
        ("conversion_rate", "per_visitor") => part_of(c, "conversions", "visitors"),
        ("conversion_rate", "per_lead") => part_of(c, "conversions", "leads"),
        ("free_to_paid", "standard") => part_of(c, "converted", "trials"),
        ("onboarding_dropoff", "step") => part_of(c, "left", "reached"),
        ("onboarding_dropoff", "overall") => dropoff_overall(c),
        _ => return None,
    })
}

fn velocity(c: &mut Calc) -> Result<Computed, KpiError> {
    let opportunities = c.num("opportunities")?;
    let deal_value = c.num("deal_value")?;
    let win_rate = c.num("win_rate")?;
    let cycle_days = c.num("cycle_days")?;
    let per_cycle = opportunities * deal_value * win_rate;
    let value = c.div(per_cycle, cycle_days, "cycle_days")?;
    let toks = vec![
        O("("),
        I("opportunities"),
        O("×"),
        I("deal_value"),
        O("×"),
        I("win_rate"),
        O(")"),
        O("/"),
        I("cycle_days"),
    ];
    Ok(Computed::new(value, Unit::MoneyPerDay, toks).with(
        t("Erwarteter Umsatz je Zyklus", "Expected revenue per cycle"),
        per_cycle,
        Unit::Money,
    ))
}

fn win_rate(c: &mut Calc) -> Result<Computed, KpiError> {
    let won = c.num("won")?;
    let lost = c.num("lost")?;
    let value = c.div(won, won + lost, "won")?;
    Ok(Computed::new(
        value,
        Unit::Ratio,
        vec![I("won"), O("÷"), O("("), I("won"), O("+"), I("lost"), O(")")],
    ))
}

fn dropoff_overall(c: &mut Calc) -> Result<Computed, KpiError> {
    let started = c.num("started")?;
    let completed = c.num("completed")?;
    let completion = c.div(completed, started, "started")?;
    if completed > started {
        return Err(KpiError::FunnelGrows {
            part: "completed",
            whole: "started",
            part_value: completed,
            whole_value: started,
        });
    }
    Ok(Computed::new(
        1.0 - completion,
        Unit::Ratio,
        vec![T(t("1", "1")), O("−"), I("completed"), O("÷"), I("started")],
    )
    .with(t("Abschlussquote", "Completion rate"), completion, Unit::Ratio))
}
