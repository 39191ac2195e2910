//! Every dashboard and report string in German and English. One struct per language, so a
//! missing translation is a compile error, not a mixed-language screen.

use analytics::health::{LeftOut, Missing, RiskReason};
use analytics::surveys::SurveyReport;
use analytics::usage::UsageMatch;
use analytics::{Counted, Figure, How, Period};
use locale::Currency;
use locale::{format_number, Lang};
use records::SurveyScale;

/// The dashboard's strings in one language. Each field is named after the text it holds; the
/// German and English tables below document them.
#[allow(missing_docs)]
pub struct Text {
    pub title: &'static str,
    pub lead: &'static str,
    pub empty_title: &'static str,
    pub empty_text: &'static str,
    pub load_sample: &'static str,
    pub go_import: &'static str,
    pub period: &'static str,
    pub period_kind: &'static str,
    pub month: &'static str,
    pub quarter: &'static str,
    pub year: &'static str,
    pub range: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub previous_month: &'static str,
    pub previous_quarter: &'static str,
    pub previous_year: &'static str,
    pub previous_range: &'static str,
    pub no_value: &'static str,
    pub definition: &'static str,
    pub details: &'static str,
    pub close: &'static str,
    pub alert: &'static str,
    pub alerts_title: &'static str,
    pub no_alerts: &'static str,
    pub thresholds: &'static str,
    pub thresholds_hint: &'static str,
    pub off: &'static str,
    pub above: &'static str,
    pub below: &'static str,
    pub save_thresholds: &'static str,
    pub reset_thresholds: &'static str,
    pub charts: &'static str,
    pub at_risk_title: &'static str,
    pub at_risk_lead: &'static str,
    pub none_at_risk: &'static str,
    pub show_all: &'static str,
    pub sort_by: &'static str,
    pub sort_score: &'static str,
    pub sort_drop: &'static str,
    pub show_fewer: &'static str,
    pub customer: &'static str,
    pub score: &'static str,
    pub drop: &'static str,
    pub reasons: &'static str,
    pub weights: &'static str,
    pub weights_sum: &'static str,
    pub w_frequency: &'static str,
    pub w_breadth: &'static str,
    pub w_depth: &'static str,
    pub w_nps: &'static str,
    pub w_tickets: &'static str,
    pub risk_below: &'static str,
    pub exports: &'static str,
    pub export_kpis: &'static str,
    pub export_risk: &'static str,
    pub export_json: &'static str,
    pub pseudonymise: &'static str,
    pub open_report: &'static str,
    pub kpi: &'static str,
    pub value: &'static str,
    pub previous: &'static str,
    pub change: &'static str,
    pub trend: &'static str,
    pub numbers: &'static str,
    pub no_data: &'static str,
    pub report_title: &'static str,
    pub report_lead: &'static str,
    pub comment: &'static str,
    pub comment_hint: &'static str,
    pub save_comment: &'static str,
    pub print: &'static str,
    pub back_to_dashboard: &'static str,
    pub as_of: &'static str,
    pub sql_lead: &'static str,
    pub sql_dialect: &'static str,
    pub sql_copy: &'static str,
    pub sql_copied: &'static str,
    pub sql_copy_failed: &'static str,
    pub sql_none: &'static str,
}

const DE: Text = Text {
    title: "Dashboard",
    lead: "Kennzahlen aus Ihren Dateien, berechnet in diesem Browser.",
    empty_title: "Noch keine Daten",
    empty_text: "Importieren Sie Ihre Abonnements, Umfragen, Tickets, Deals, Nutzungs- oder Kostendaten – oder sehen Sie sich das Dashboard mit Beispieldaten an. Nichts verlässt Ihren Rechner.",
    load_sample: "Mit Beispieldaten ausprobieren",
    go_import: "Eigene Dateien importieren",
    period: "Zeitraum",
    period_kind: "Art des Zeitraums",
    month: "Monat",
    quarter: "Quartal",
    year: "Jahr",
    range: "Monatsbereich",
    from: "Von",
    to: "Bis",
    previous_month: "ggü. Vormonat",
    previous_quarter: "ggü. Vorquartal",
    previous_year: "ggü. Vorjahr",
    previous_range: "ggü. Vorperiode",
    no_value: "kein Wert",
    definition: "Definition",
    details: "Details",
    close: "Schließen",
    alert: "Alarm",
    alerts_title: "Alarme",
    no_alerts: "Keine Schwelle überschritten.",
    thresholds: "Alarm-Schwellen",
    thresholds_hint: "Eine Kachel wird rot, wenn ihr Wert im gewählten Zeitraum die Schwelle überschreitet.",
    off: "aus",
    above: "über",
    below: "unter",
    save_thresholds: "Schwellen in diesem Browser speichern",
    reset_thresholds: "Standardwerte",
    charts: "Diagramme",
    at_risk_title: "Gefährdete Kunden",
    at_risk_lead: "Kunden unter der Schwelle oder mit dem stärksten Rückgang.",
    none_at_risk: "Kein Kunde ist gefährdet.",
    show_all: "Alle anzeigen",
    sort_by: "Sortieren nach",
    sort_score: "niedrigstem Score",
    sort_drop: "stärkstem Rückgang",
    show_fewer: "Weniger anzeigen",
    customer: "Kunde",
    score: "Health Score",
    drop: "Rückgang",
    reasons: "Gründe",
    weights: "Gewichte des Health Scores",
    weights_sum: "Summe der Gewichte",
    w_frequency: "Häufigkeit (aktive Tage)",
    w_breadth: "Breite (aktive Nutzer)",
    w_depth: "Tiefe (Funktionen)",
    w_nps: "Letzter NPS",
    w_tickets: "Offene Tickets",
    risk_below: "Gefährdet unter Score",
    exports: "Exporte",
    export_kpis: "Kennzahlen als CSV",
    export_risk: "Gefährdete Kunden als CSV",
    export_json: "Ganzer Bericht als JSON",
    pseudonymise: "Kundenkennungen durch Pseudonyme ersetzen",
    open_report: "Quartalsbericht öffnen",
    kpi: "Kennzahl",
    value: "Wert",
    previous: "Vorperiode",
    change: "Veränderung",
    trend: "Verlauf",
    numbers: "Zahlen",
    no_data: "Keine Daten",
    report_title: "Quartalsbericht",
    report_lead: "Alle Kennzahlen des Quartals mit Verlauf und Veränderung zum Vorquartal.",
    comment: "Kommentar",
    comment_hint: "Wird nur gespeichert, wenn Sie es unten ankreuzen.",
    save_comment: "Kommentar in diesem Browser speichern",
    print: "Drucken / als PDF speichern",
    back_to_dashboard: "Zum Dashboard",
    as_of: "Stand",
    sql_lead: "Diese Kennzahl als SQL für Ihr Data Warehouse, für den gezeigten Zeitraum und Stichtag. Sie liest die Tabellen, die „kennzahl tables“ aus Ihren Dateien schreibt, und ergibt dort diesen Wert.",
    sql_dialect: "SQL-Dialekt",
    sql_copy: "SQL kopieren",
    sql_copied: "In die Zwischenablage kopiert.",
    sql_copy_failed: "Kopieren nicht möglich – bitte den Text markieren und kopieren.",
    sql_none: "Für diese Kennzahl gibt es noch kein SQL.",
};

const EN: Text = Text {
    title: "Dashboard",
    lead: "KPIs from your files, computed in this browser.",
    empty_title: "No data yet",
    empty_text: "Import your subscriptions, surveys, tickets, deals, usage or cost data – or explore the dashboard with sample data. Nothing leaves your computer.",
    load_sample: "Try with sample data",
    go_import: "Import your own files",
    period: "Period",
    period_kind: "Kind of period",
    month: "Month",
    quarter: "Quarter",
    year: "Year",
    range: "Month range",
    from: "From",
    to: "To",
    previous_month: "vs previous month",
    previous_quarter: "vs previous quarter",
    previous_year: "vs previous year",
    previous_range: "vs previous period",
    no_value: "no value",
    definition: "Definition",
    details: "Details",
    close: "Close",
    alert: "Alert",
    alerts_title: "Alerts",
    no_alerts: "No threshold breached.",
    thresholds: "Alert thresholds",
    thresholds_hint: "A tile turns red when its value in the chosen period is beyond the threshold.",
    off: "off",
    above: "above",
    below: "below",
    save_thresholds: "Save thresholds in this browser",
    reset_thresholds: "Defaults",
    charts: "Charts",
    at_risk_title: "Accounts at risk",
    at_risk_lead: "Accounts below the threshold or falling fastest.",
    none_at_risk: "No account is at risk.",
    show_all: "Show all",
    sort_by: "Sort by",
    sort_score: "lowest score",
    sort_drop: "fastest fall",
    show_fewer: "Show fewer",
    customer: "Customer",
    score: "Health score",
    drop: "Drop",
    reasons: "Reasons",
    weights: "Health score weights",
    weights_sum: "Sum of weights",
    w_frequency: "Frequency (active days)",
    w_breadth: "Breadth (active users)",
    w_depth: "Depth (features)",
    w_nps: "Latest NPS",
    w_tickets: "Open tickets",
    risk_below: "At risk below score",
    exports: "Exports",
    export_kpis: "KPIs as CSV",
    export_risk: "Accounts at risk as CSV",
    export_json: "Whole report as JSON",
    pseudonymise: "Replace customer identifiers by pseudonyms",
    open_report: "Open quarterly report",
    kpi: "KPI",
    value: "Value",
    previous: "Previous period",
    change: "Change",
    trend: "Trend",
    numbers: "Numbers",
    no_data: "No data",
    report_title: "Quarterly report",
    report_lead: "Every KPI of the quarter with its trend and the change against the previous quarter.",
    comment: "Comment",
    comment_hint: "Stored only if you tick the box below.",
    save_comment: "Save the comment in this browser",
    print: "Print / save as PDF",
    back_to_dashboard: "To the dashboard",
    as_of: "As of",
    sql_lead: "This KPI as SQL for your data warehouse, for the period and as-of date shown. It reads the tables “kennzahl tables” writes from your files and gives this value there.",
    sql_dialect: "SQL dialect",
    sql_copy: "Copy SQL",
    sql_copied: "Copied to the clipboard.",
    sql_copy_failed: "Could not copy – please select the text and copy it.",
    sql_none: "There is no SQL for this KPI yet.",
};

/// The strings of `lang`.
pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::De => &DE,
        _ => &EN,
    }
}

/// "vs previous month/quarter/year/period".
pub fn versus(period: &Period, lang: Lang) -> &'static str {
    let t = text(lang);
    match period {
        Period::Month(_) => t.previous_month,
        Period::Quarter(_) => t.previous_quarter,
        Period::Year(_) => t.previous_year,
        Period::Range(..) => t.previous_range,
    }
}

/// The note on how a figure was formed, with its basis ("12 of 380 customers") where it has
/// one.
pub fn basis_text(f: &Figure, lang: Lang, cur: Currency) -> String {
    let de = lang == Lang::De;
    let how = match (f.basis.how, de) {
        (How::Month, true) => "Wert des Monats.",
        (How::Month, false) => "Value of the month.",
        (How::EndOfPeriod, true) => "Stand am Ende des Zeitraums.",
        (How::EndOfPeriod, false) => "Level at the end of the period.",
        (How::StartToEnd, true) => "Aus Anfang und Ende des Zeitraums berechnet (Kunden am Ende des Monats davor verglichen mit dem Ende des Zeitraums), nicht als Mittel der Monate.",
        (How::StartToEnd, false) => "Computed from the period's start and end (customers at the end of the month before it against the period's end), not as a mean of months.",
        (How::Pooled, true) => "Über alle Fälle des Zeitraums zusammen gezählt.",
        (How::Pooled, false) => "Counted over all cases of the period together.",
        (How::Sum, true) => "Summe der Monate des Zeitraums.",
        (How::Sum, false) => "Sum of the period's months.",
        (How::Current, true) => "Aktueller Stand, unabhängig vom Zeitraum.",
        (How::Current, false) => "Current state, independent of the period.",
    };
    match basis_numbers(f, lang, cur) {
        Some(numbers) => format!("{how} {numbers}"),
        None => how.to_string(),
    }
}

/// "Basis: 12 von 380 Kunden." / "Basis: 4.210,00 € of 5.000,00 €." / "Basis: 58 answers."
pub fn basis_numbers(f: &Figure, lang: Lang, cur: Currency) -> Option<String> {
    let de = lang == Lang::De;
    let counted = f.basis.counted?;
    let num = |v: f64| match counted {
        Counted::Cents => locale::format_money(v / 100.0, cur, lang, 2),
        _ => locale::format_number(v, 0, lang),
    };
    let noun = match (counted, de) {
        (Counted::Customers, true) => "Kunden",
        (Counted::Customers, false) => "customers",
        (Counted::Answers, true) => "Antworten",
        (Counted::Answers, false) => "answers",
        (Counted::Tickets, true) => "Tickets",
        (Counted::Tickets, false) => "tickets",
        (Counted::Leads, true) => "Leads",
        (Counted::Leads, false) => "leads",
        (Counted::Deals, true) => "Deals",
        (Counted::Deals, false) => "deals",
        (Counted::Users, true) => "Nutzer",
        (Counted::Users, false) => "users",
        (Counted::Sessions, true) => "Sitzungen",
        (Counted::Sessions, false) => "sessions",
        (Counted::Days, true) => "Tage",
        (Counted::Days, false) => "days",
        (Counted::Trials, true) => "Testphasen",
        (Counted::Trials, false) => "trials",
        (Counted::Lines, true) => "Rechnungspositionen",
        (Counted::Lines, false) => "invoice lines",
        (Counted::Cents, _) => "",
    };
    let text = match (f.basis.numerator, f.basis.denominator) {
        (Some(n), Some(d)) => {
            format!("{} {} {} {}", num(n), if de { "von" } else { "of" }, num(d), noun)
        }
        (Some(n), None) => format!("{} {}", num(n), noun),
        _ => return None,
    };
    Some(format!("{}: {}.", if de { "Grundlage" } else { "Basis" }, text.trim_end()))
}

/// One at-risk reason as a sentence fragment.
pub fn reason_text(reason: &RiskReason, lang: Lang) -> String {
    let de = lang == Lang::De;
    let n = |v: f64| format_number(v, 0, lang);
    match reason {
        RiskReason::LowScore { score } => {
            if de {
                format!("niedriger Score ({})", n(*score))
            } else {
                format!("low score ({})", n(*score))
            }
        }
        RiskReason::ScoreDrop { from, to } => {
            if de {
                format!("Score gefallen von {} auf {}", n(*from), n(*to))
            } else {
                format!("score fell from {} to {}", n(*from), n(*to))
            }
        }
        RiskReason::LowUsage { active_days } => {
            if de {
                format!("wenig Nutzung ({active_days} aktive Tage in 30)")
            } else {
                format!("low usage ({active_days} active days in 30)")
            }
        }
        RiskReason::FallingUsage { from, to } => {
            if de {
                format!("Nutzung sinkt ({from} → {to} aktive Tage)")
            } else {
                format!("falling usage ({from} → {to} active days)")
            }
        }
        RiskReason::Detractor { score } => {
            if de {
                format!("Kritiker im NPS ({})", n(*score))
            } else {
                format!("NPS detractor ({})", n(*score))
            }
        }
        RiskReason::ManyOpenTickets { n } => {
            if de {
                format!("{n} offene Tickets")
            } else {
                format!("{n} open tickets")
            }
        }
        RiskReason::FewUsers { n } => {
            if de {
                format!("nur {n} aktive Nutzer")
            } else {
                format!("only {n} active users")
            }
        }
    }
}

/// "Nutzung: 0 von 104 Kunden zugeordnet", and when fewer than half matched, what that means
/// and where to choose another account column.
pub fn usage_match_text(m: &UsageMatch, lang: Lang) -> (String, Option<&'static str>) {
    let (matched, customers) = (format_number(m.matched.into(), 0, lang), m.customers);
    let customers = format_number(customers.into(), 0, lang);
    let line = match lang {
        Lang::De => format!("Nutzung: {matched} von {customers} Kunden zugeordnet"),
        Lang::En => format!("usage: {matched} of {customers} customers matched"),
    };
    let hint = m.is_poor().then_some(match lang {
        Lang::De => {
            "Die Nutzung der übrigen Kunden ist unbekannt, nicht null: Der Health Score lässt sie \
             weg. Beim Import der Nutzungsdatei eine andere Kontospalte wählen (z. B. Firmenname)."
        }
        Lang::En => {
            "The other customers' usage is unknown, not zero: the health score leaves it out. \
             Choose another account column when importing the usage file (e.g. company name)."
        }
    });
    (line, hint)
}

/// The parts left out of a score, grouped by reason: "ohne NPS (keine NPS-Antwort)".
pub fn left_out_text(list: &[LeftOut], lang: Lang) -> String {
    let de = lang == Lang::De;
    let mut groups: Vec<(Missing, Vec<&str>)> = Vec::new();
    for l in list {
        match groups.iter_mut().find(|(why, _)| *why == l.why) {
            Some((_, parts)) => parts.push(l.part.label(de)),
            None => groups.push((l.why, vec![l.part.label(de)])),
        }
    }
    let without = if de { "ohne" } else { "without" };
    groups
        .iter()
        .map(|(why, parts)| format!("{without} {} ({})", parts.join(", "), why.label(de)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The survey scales the CSAT and CES figures use, and answers on other scales that are shown
/// apart: "CSAT auf der Skala 1–5 (getrennt: 3 Antworten auf 1–7)".
pub fn scales_text(s: &SurveyReport, lang: Lang) -> Vec<String> {
    let de = lang == Lang::De;
    let line = |name: &str, scale: Option<SurveyScale>, others: Vec<(SurveyScale, u32)>| {
        let scale = scale?;
        let mut text = if de {
            format!("{name} auf der Skala {}", scale.label())
        } else {
            format!("{name} on the {} scale", scale.label())
        };
        let apart: Vec<String> = others
            .iter()
            .filter(|(s, _)| *s != scale)
            .map(|(s, n)| {
                let n = format_number(f64::from(*n), 0, lang);
                if de {
                    format!("{n} Antworten auf {}", s.label())
                } else {
                    format!("{n} answers on {}", s.label())
                }
            })
            .collect();
        if !apart.is_empty() {
            let head = if de { "getrennt, nicht mitgezählt" } else { "apart, not pooled" };
            text.push_str(&format!(" ({head}: {})", apart.join(", ")));
        }
        Some(text)
    };
    let csat = s.csat_by_scale.iter().map(|c| (c.scale, c.csat.responses)).collect();
    let ces = s.ces_by_scale.iter().map(|c| (c.scale, c.ces.responses)).collect();
    [line("CSAT", s.csat_scale, csat), line("CES", s.ces_scale, ces)]
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use analytics::health::HealthPart;

    #[test]
    fn usage_match_line_and_hint() {
        let none = UsageMatch { customers: 104, matched: 0, usage_accounts: 80 };
        let (line, hint) = usage_match_text(&none, Lang::De);
        assert_eq!(line, "Nutzung: 0 von 104 Kunden zugeordnet");
        assert!(hint.is_some_and(|h| h.contains("unbekannt, nicht null")));
        let most = UsageMatch { customers: 104, matched: 100, usage_accounts: 100 };
        assert_eq!(
            usage_match_text(&most, Lang::En),
            ("usage: 100 of 104 customers matched".into(), None)
        );
    }

    #[test]
    fn left_out_parts_grouped_by_reason() {
        let list = [
            LeftOut { part: HealthPart::Frequency, why: Missing::NotInUsage },
            LeftOut { part: HealthPart::Breadth, why: Missing::NotInUsage },
            LeftOut { part: HealthPart::Nps, why: Missing::NoNpsAnswer },
        ];
        assert_eq!(
            left_out_text(&list, Lang::En),
            "without active days, active users (not in the usage data); without NPS (no NPS answer)"
        );
        assert_eq!(left_out_text(&[], Lang::De), "");
    }
}
