//! From a cell the conversion could not read to a [`Rejection`]: where, what was expected,
//! what was found, and a message in German and English.

use super::plan::Plan;
use super::result::{Expected, Rejection};
use crate::csv_safe::restore;
use crate::value::DecimalStyle;

pub(crate) struct Problem {
    pub(crate) col: usize,
    pub(crate) expected: Expected,
    pub(crate) found: String,
    pub(crate) decimal: DecimalStyle,
}

pub(crate) fn rejection(
    plan: &Plan,
    buf: &[u8],
    ends: &[usize],
    sep: usize,
    line: u64,
    p: Problem,
) -> Rejection {
    let column = plan.headers.get(p.col).cloned();
    // A column without a header cell is named by its position.
    let col = match &column {
        Some(h) if !h.is_empty() => h.clone(),
        _ => format!("#{}", p.col + 1),
    };
    let (message_de, message_en) = match p.expected {
        Expected::Fields { expected, found } => (
            format!(
                "Zeile {line}: {found} Felder statt {expected} – Trennzeichen und \
                 Anführungszeichen in dieser Zeile prüfen."
            ),
            format!(
                "Line {line}: {found} fields instead of {expected} – check delimiters and \
                 quotes in this row."
            ),
        ),
        Expected::ClosingQuote { last_line } => {
            let (rest_de, rest_en) = if last_line > line {
                (
                    format!(" – die Zeilen {line} bis {last_line} stünden alle in dieser Zelle"),
                    format!(" – lines {line} to {last_line} would all be this one cell"),
                )
            } else {
                (String::new(), String::new())
            };
            (
                format!(
                    "Zeile {line}, Spalte {col}: Anführungszeichen nicht geschlossen{rest_de}. \
                     Bitte das schließende Anführungszeichen ergänzen oder das öffnende \
                     entfernen."
                ),
                format!(
                    "Line {line}, column {col}: quote not closed{rest_en}. Please add the \
                     closing quote or remove the opening one."
                ),
            )
        }
        Expected::Value => (
            format!("Zeile {line}, Spalte {col}: Pflichtwert fehlt – bitte ausfüllen."),
            format!("Line {line}, column {col}: required value is missing – please fill it in."),
        ),
        e => {
            let (what_de, what_en, hint_de, hint_en) = describe(e, p.decimal);
            (
                format!("Zeile {line}, Spalte {col}: »{}« {what_de} ({hint_de}).", p.found),
                format!("Line {line}, column {col}: “{}” {what_en} ({hint_en}).", p.found),
            )
        }
    };
    let column_index = match p.expected {
        Expected::Fields { .. } => None,
        _ => Some(p.col),
    };
    Rejection {
        line,
        column: column_index.and(column),
        column_index,
        expected: p.expected,
        found: p.found,
        message_de,
        message_en,
        fields: ends
            .iter()
            .scan(0, |start, &end| {
                let field = String::from_utf8_lossy(buf.get(*start..end).unwrap_or_default());
                *start = end + sep;
                // The cell's own value: a cell neutralised by an earlier download loses its
                // apostrophe here and gets it back from `write_rejections_csv`.
                Some(restore(&field).to_string())
            })
            .collect(),
    }
}

/// "is not a …" and a hint with an example, per expected type.
fn describe(e: Expected, decimal: DecimalStyle) -> (&'static str, &'static str, String, String) {
    let num = match decimal {
        DecimalStyle::Comma => "1.234,56",
        DecimalStyle::Point => "1,234.56",
    };
    match e {
        Expected::Number | Expected::Money => (
            "ist keine Zahl",
            "is not a number",
            format!("erwartet z. B. {num}"),
            format!("expected e.g. {num}"),
        ),
        Expected::Count => (
            "ist keine ganze Zahl ≥ 0",
            "is not a whole number ≥ 0",
            "erwartet z. B. 3".into(),
            "expected e.g. 3".into(),
        ),
        Expected::Date | Expected::DateTime => (
            "ist kein gültiges Datum",
            "is not a valid date",
            "erwartet z. B. 31.12.2025 oder 2025-12-31".into(),
            "expected e.g. 2025-12-31 or 12/31/2025".into(),
        ),
        Expected::Month => (
            "ist kein Monat",
            "is not a month",
            "erwartet z. B. 2025-01 oder 01.2025".into(),
            "expected e.g. 2025-01 or Jan 2025".into(),
        ),
        Expected::Bool => (
            "ist kein Ja/Nein-Wert",
            "is not a yes/no value",
            "erwartet ja/nein, 1/0 oder x".into(),
            "expected yes/no, true/false or 1/0".into(),
        ),
        Expected::Interval => (
            "ist kein Abrechnungsintervall",
            "is not a billing interval",
            "erwartet monatlich, quartalsweise, halbjährlich oder jährlich".into(),
            "expected month, quarter, half-year or year".into(),
        ),
        Expected::Outcome => (
            "ist kein Ergebnis",
            "is not an outcome",
            "erwartet gewonnen, verloren oder offen".into(),
            "expected won, lost or open".into(),
        ),
        Expected::SurveyKind => (
            "ist kein Fragetyp",
            "is not a question type",
            "erwartet NPS, CSAT oder CES".into(),
            "expected NPS, CSAT or CES".into(),
        ),
        Expected::Duration => (
            "ist keine Dauer",
            "is not a duration",
            "erwartet Sekunden oder hh:mm:ss".into(),
            "expected seconds or hh:mm:ss".into(),
        ),
        Expected::Scale { min, max } => (
            "liegt nicht auf der Skala der Datei",
            "is not on the file's scale",
            format!("erwartet {min} bis {max}; Skala beim Import ändern, falls sie falsch ist"),
            format!("expected {min} to {max}; change the scale on import if it is wrong"),
        ),
        Expected::Value | Expected::Fields { .. } | Expected::ClosingQuote { .. } => {
            ("", "", String::new(), String::new())
        }
    }
}

/// Characters of a cell kept as a rejection's `found` when the cell may be huge (an open
/// quote's cell holds the rest of the file); the row's `fields` keep it whole.
const FOUND_CHARS: usize = 60;

/// `cell` cut after [`FOUND_CHARS`] characters with `…`.
pub(crate) fn shorten(cell: &str) -> String {
    match cell.char_indices().nth(FOUND_CHARS) {
        Some((i, _)) => format!("{}…", &cell[..i]),
        None => cell.to_string(),
    }
}
