//! Quantities, formulas and input texts as the user reads them, per language and currency.
//! Pure functions, tested natively.

use kpi::{InputValue, Unit};
use locale::{format_number, format_percent, parse_number, parse_ratio, Lang};
use locale::{ParseError, RatioReading};

pub use kpi::show::{formula, quantity, smart_decimals, unit_suffix};

/// The text an input field starts with for `value` (no currency symbol; the field shows it).
pub fn input_text(value: &InputValue, unit: Unit, lang: Lang) -> String {
    match value {
        InputValue::Number(v) => match unit {
            Unit::Ratio => format_percent(*v, smart_decimals(v * 100.0, 4), lang),
            _ => format_number(*v, smart_decimals(*v, 4), lang),
        },
        InputValue::List(values) => values
            .iter()
            .map(|v| format_number(*v, smart_decimals(*v, 2), lang))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// What the app understood an input to be.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The value for the engine.
    pub value: InputValue,
    /// How a ratio was read, if it was one.
    pub ratio: Option<RatioReading>,
}

/// Reads one input field's text per its unit.
pub fn read_input(text: &str, unit: Unit, lang: Lang) -> Result<Reading, ParseError> {
    match unit {
        Unit::Ratio => parse_ratio(text, lang)
            .map(|(v, how)| Reading { value: InputValue::Number(v), ratio: Some(how) }),
        Unit::ScoreList { .. } => {
            let values: Result<Vec<f64>, ParseError> = text
                .split(|c: char| c.is_whitespace() || c == ';' || c == '|' || c == ',')
                .filter(|t| !t.is_empty())
                .map(|t| parse_number(t, lang))
                .collect();
            let values = values?;
            if values.is_empty() {
                return Err(ParseError::Empty);
            }
            Ok(Reading { value: InputValue::List(values), ratio: None })
        }
        _ => {
            parse_number(text, lang).map(|v| Reading { value: InputValue::Number(v), ratio: None })
        }
    }
}

/// A locale-independent form for share links: `3000`, `0.2`, `9 10 7`.
pub fn canonical(value: &InputValue) -> String {
    match value {
        InputValue::Number(v) => format!("{v}"),
        InputValue::List(values) => {
            values.iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(" ")
        }
    }
}

/// Reads a value from a share link: the canonical form first, else as typed text.
pub fn from_link(text: &str, unit: Unit, lang: Lang) -> Option<InputValue> {
    if unit.is_list() {
        let values: Option<Vec<f64>> = text
            .split_whitespace()
            .map(|t| locale::parse_f64(t).filter(|v| v.is_finite()))
            .collect();
        return values.filter(|v| !v.is_empty()).map(InputValue::List);
    }
    // locale::parse_f64: in the calculator module the same value without core's 11 kB table.
    match locale::parse_f64(text) {
        Some(v) if v.is_finite() => Some(InputValue::Number(v)),
        _ => read_input(text, unit, lang).ok().map(|r| r.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kpi::{FormulaPart, Quantity};
    use locale::Currency;

    fn q(value: f64, unit: Unit) -> Quantity {
        Quantity { value, unit }
    }

    #[test]
    fn quantities_per_locale() {
        let (de, en, eur) = (Lang::De, Lang::En, Currency::Eur);
        assert_eq!(
            quantity(&q(2000.0, Unit::MoneyPerDay), de, eur, true),
            "2.000,00\u{a0}€ pro Tag"
        );
        assert_eq!(quantity(&q(2000.0, Unit::MoneyPerDay), en, eur, true), "€2,000.00 per day");
        assert_eq!(quantity(&q(3000.0, Unit::Money), de, eur, false), "3.000\u{a0}€");
        assert_eq!(quantity(&q(3000.5, Unit::Money), en, eur, false), "€3,000.50");
        assert_eq!(quantity(&q(0.2, Unit::Ratio), de, eur, false), "20\u{202f}%");
        assert_eq!(quantity(&q(0.025, Unit::Ratio), en, eur, false), "2.5%");
        assert_eq!(quantity(&q(30.0, Unit::Days), de, eur, false), "30 Tage");
        assert_eq!(quantity(&q(1.0, Unit::Days), en, eur, false), "1 day");
        assert_eq!(quantity(&q(f64::NAN, Unit::Count), en, eur, true), "–");
    }

    #[test]
    fn velocity_formula_reads_like_the_seed() {
        let parts = [
            FormulaPart::Op("("),
            FormulaPart::Input { id: "opportunities", value: q(100.0, Unit::Count) },
            FormulaPart::Op("×"),
            FormulaPart::Input { id: "deal_value", value: q(3000.0, Unit::Money) },
            FormulaPart::Op("×"),
            FormulaPart::Input { id: "win_rate", value: q(0.2, Unit::Ratio) },
            FormulaPart::Op(")"),
            FormulaPart::Op("/"),
            FormulaPart::Input { id: "cycle_days", value: q(30.0, Unit::Days) },
            FormulaPart::Op("="),
            FormulaPart::Result(q(2000.0, Unit::MoneyPerDay)),
        ];
        assert_eq!(
            formula(&parts, Lang::De, Currency::Eur),
            "(100 × 3.000\u{a0}€ × 20\u{202f}%) / 30 Tage = 2.000,00\u{a0}€ pro Tag"
        );
        assert_eq!(
            formula(&parts, Lang::En, Currency::Eur),
            "(100 × €3,000 × 20%) / 30 days = €2,000.00 per day"
        );
    }

    #[test]
    fn inputs_round_trip_through_text_and_links() {
        for (value, unit) in [
            (InputValue::Number(3000.5), Unit::Money),
            (InputValue::Number(0.2), Unit::Ratio),
            (InputValue::Number(0.125), Unit::Ratio),
            (InputValue::Number(100.0), Unit::Count),
            (InputValue::List(vec![9.0, 10.0, 3.0]), Unit::ScoreList { min: 0.0, max: 10.0 }),
        ] {
            for lang in [Lang::De, Lang::En] {
                let text = input_text(&value, unit, lang);
                assert_eq!(read_input(&text, unit, lang).unwrap().value, value, "{text}");
            }
            assert_eq!(from_link(&canonical(&value), unit, Lang::En), Some(value.clone()));
        }
        assert_eq!(from_link("20 %", Unit::Ratio, Lang::De), Some(InputValue::Number(0.2)));
        assert_eq!(from_link("abc", Unit::Ratio, Lang::De), None);
        assert_eq!(from_link("NaN", Unit::Count, Lang::De), None);
    }
}
