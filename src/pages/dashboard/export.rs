//! CSV exports of the KPI table and the at-risk list: spreadsheet-safe text cells, plain
//! numbers, optional pseudonyms for customer identifiers. Pure functions, tested natively.

use super::format::to_shown;
use super::text::reason_text;
use analytics::health::AtRisk;
use analytics::{Kpi, Tile, Unit};
use locale::{Currency, Lang};
use std::collections::HashMap;

/// A text cell that a spreadsheet would run as a formula gets a leading `'`, so it stays text
/// (one definition for every download, shared with the rejected-rows file and the importer).
pub use ingest::csv_safe::neutralise;

/// Quotes a cell when it holds the delimiter, a quote or a line break.
fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// A number as spreadsheets read it everywhere: decimal point, no thousands separator, at
/// most six decimals, no trailing zeros; empty for a missing value.
pub fn number(v: Option<f64>) -> String {
    let Some(v) = v.filter(|v| v.is_finite()) else { return String::new() };
    let text = format!("{v:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

/// One cell of a CSV row.
pub enum Cell {
    /// Text from data or the UI: neutralised.
    Text(String),
    /// A number written by [`number`].
    Num(Option<f64>),
}

/// Rows of cells as CSV text (comma, CRLF, UTF-8 byte-order mark for spreadsheets).
pub fn csv(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = String::from("\u{feff}");
    let line: Vec<String> = header.iter().map(|h| quote(&neutralise(h))).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => quote(&neutralise(t)),
                Cell::Num(v) => number(*v),
            })
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Replaces identifiers by `Kunde 001`, `Kunde 002`, … in order of first appearance; the same
/// identifier gets the same pseudonym within one export.
pub struct Pseudonyms {
    prefix: &'static str,
    seen: HashMap<String, usize>,
}

impl Pseudonyms {
    /// Pseudonyms in the user's language.
    pub fn new(lang: Lang) -> Pseudonyms {
        let prefix = if lang == Lang::De { "Kunde" } else { "Customer" };
        Pseudonyms { prefix, seen: HashMap::new() }
    }

    /// The pseudonym of `id`.
    pub fn of(&mut self, id: &str) -> String {
        let next = self.seen.len() + 1;
        let n = *self.seen.entry(id.to_string()).or_insert(next);
        format!("{} {n:03}", self.prefix)
    }
}

/// The stored-unit name of a KPI's number in the CSV.
fn unit_name(unit: Unit, cur: Currency) -> String {
    match unit {
        Unit::Money => cur.code().to_string(),
        Unit::MoneyPerDay => format!("{}/day", cur.code()),
        Unit::Ratio => "percent".into(),
        Unit::Points => "points".into(),
        Unit::Count => "count".into(),
        Unit::Score => "score".into(),
        Unit::Minutes | Unit::Seconds => "minutes".into(),
        Unit::Multiple => "ratio".into(),
        Unit::PerDay => "per_day".into(),
    }
}

/// The KPI table: id, name, period, value, previous value, unit, alert.
pub fn kpi_csv(
    figures: &[Tile],
    period: &str,
    alerts: &[Kpi],
    lang: Lang,
    cur: Currency,
) -> String {
    let de = lang == Lang::De;
    let header: &[&str] = if de {
        &["kpi_id", "Kennzahl", "Zeitraum", "Wert", "Vorperiode", "Einheit", "Alarm"]
    } else {
        &["kpi_id", "KPI", "period", "value", "previous", "unit", "alert"]
    };
    let rows: Vec<Vec<Cell>> = figures
        .iter()
        .map(|f| {
            let kpi = f.figure.kpi;
            let shown = |v: Option<f64>| v.map(|v| to_shown(kpi.unit(), v));
            let alert = alerts.contains(&kpi);
            vec![
                Cell::Text(kpi.id().into()),
                Cell::Text(kpi.name(de).into()),
                Cell::Text(period.into()),
                Cell::Num(shown(f.figure.value)),
                Cell::Num(shown(f.previous)),
                Cell::Text(unit_name(kpi.unit(), cur)),
                Cell::Text(
                    (if alert {
                        if de {
                            "Alarm"
                        } else {
                            "alert"
                        }
                    } else {
                        ""
                    })
                    .into(),
                ),
            ]
        })
        .collect();
    csv(header, &rows)
}

/// The at-risk list: customer (or pseudonym), score, drop, reasons in the user's language.
pub fn at_risk_csv(list: &[AtRisk], pseudonymise: bool, lang: Lang) -> String {
    let de = lang == Lang::De;
    let header: &[&str] = if de {
        &["Kunde", "Health Score", "Rückgang", "Gründe"]
    } else {
        &["customer", "health_score", "drop", "reasons"]
    };
    let mut names = Pseudonyms::new(lang);
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .map(|a| {
            let who = if pseudonymise { names.of(&a.account) } else { a.account.clone() };
            let reasons: Vec<String> = a.reasons.iter().map(|r| reason_text(r, lang)).collect();
            vec![
                Cell::Text(who),
                Cell::Num(a.score.map(|s| (s * 10.0).round() / 10.0)),
                Cell::Num(a.drop.map(|s| (s * 10.0).round() / 10.0)),
                Cell::Text(reasons.join("; ")),
            ]
        })
        .collect();
    csv(header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use analytics::health::RiskReason;

    #[test]
    fn formula_starts_are_neutralised() {
        let check = |input: &str, expected: &str| assert_eq!(neutralise(input), expected);
        check("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")");
        check("+49 30 1234", "'+49 30 1234");
        check("-1+2", "'-1+2");
        check("@SUM(A1)", "'@SUM(A1)");
        check("\tx", "'\tx");
        check("\rx", "'\rx");
        check("K00001", "K00001");
        check("", "");
        check("a=b", "a=b");
    }

    #[test]
    fn numbers_are_plain() {
        let check = |v: Option<f64>, expected: &str| assert_eq!(number(v), expected);
        check(Some(1234567.5), "1234567.5");
        check(Some(-12.0), "-12");
        check(Some(0.1 + 0.2), "0.3");
        check(Some(-0.0000001), "0");
        check(Some(f64::NAN), "");
        check(None, "");
    }

    #[test]
    fn pseudonyms_are_stable_within_an_export() {
        let mut p = Pseudonyms::new(Lang::De);
        assert_eq!(p.of("acme"), "Kunde 001");
        assert_eq!(p.of("globex"), "Kunde 002");
        assert_eq!(p.of("acme"), "Kunde 001");
        assert_eq!(Pseudonyms::new(Lang::En).of("globex"), "Customer 001");
    }

    #[test]
    fn at_risk_csv_quotes_neutralises_and_pseudonymises() {
        let list = vec![AtRisk {
            account: "=HYPERLINK(\"http://x\",\"y\")".into(),
            score: Some(12.345),
            drop: None,
            reasons: vec![RiskReason::LowScore { score: 12.345 }, RiskReason::FewUsers { n: 1 }],
            left_out: Vec::new(),
        }];
        let plain = at_risk_csv(&list, false, Lang::En);
        let lines: Vec<&str> = plain.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "customer,health_score,drop,reasons");
        assert!(
            lines[1].starts_with("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",12.3,,"),
            "{}",
            lines[1]
        );
        let hidden = at_risk_csv(&list, true, Lang::De);
        assert!(hidden.contains("\r\nKunde 001,12.3,,"), "{hidden}");
        assert!(!hidden.contains("HYPERLINK"));
    }
}
