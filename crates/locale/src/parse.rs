//! Reading numbers as users type them, in either locale.
//!
//! Rules, in order:
//! 1. Spaces (also no-break ones), currency symbols and codes are ignored; a trailing or
//!    leading `%` marks a percentage; `−` (U+2212) counts as a minus sign.
//! 2. With both `.` and `,` present, the last one is the decimal separator and the other must
//!    group digits in threes (`3.000,50`, `3,000.50`).
//! 3. With one kind of separator only: several of them, or one followed by exactly three
//!    digits in the locale where that character groups (`.` in German, `,` in English), group
//!    thousands (`1.000.000`, de `3.000`, en `3,000`); otherwise it is the decimal separator
//!    (`0,2`, `0.2`, `3000.50`).

use crate::Lang;
use thiserror::Error;

/// Why a text is not a number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Nothing was typed.
    #[error("empty input")]
    Empty,
    /// A character that belongs in no number.
    #[error("unexpected character {found:?} in {text:?}")]
    UnexpectedChar {
        /// The whole text.
        text: String,
        /// The first character that does not fit.
        found: char,
    },
    /// Separators in impossible places, such as `12,5,0` or `1.00.0`.
    #[error("separators do not form a number in {text:?}")]
    BadSeparators {
        /// The whole text.
        text: String,
    },
}

impl ParseError {
    /// A message that says what to change, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ParseError::Empty, Lang::De) => "Bitte eine Zahl eingeben.".into(),
            (ParseError::Empty, Lang::En) => "Please enter a number.".into(),
            (ParseError::UnexpectedChar { text, found }, Lang::De) => {
                format!("»{text}« ist keine Zahl: das Zeichen »{found}« gehört nicht hinein.")
            }
            (ParseError::UnexpectedChar { text, found }, Lang::En) => {
                format!("“{text}” is not a number: remove the character “{found}”.")
            }
            (ParseError::BadSeparators { text }, Lang::De) => format!(
                "»{text}« ist keine Zahl: Tausenderpunkte und Dezimalkomma passen nicht (z. B. 3.000,50)."
            ),
            (ParseError::BadSeparators { text }, Lang::En) => format!(
                "“{text}” is not a number: check the separators (e.g. 3,000.50)."
            ),
        }
    }
}

/// How a ratio input was read, so the UI can say what it understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatioReading {
    /// Typed with a percent sign: `20 %`.
    PercentSign,
    /// A bare number of at least 1, read as percent: `20` → 20 %.
    BareNumberAsPercent,
    /// A bare number below 1, read as a fraction: `0,2` → 20 %.
    Fraction,
}

struct Cleaned {
    negative: bool,
    percent: bool,
    body: String,
}

fn clean(text: &str) -> Result<Cleaned, ParseError> {
    let mut body = String::with_capacity(text.len());
    let mut negative = false;
    let mut percent = false;
    let mut rest = text.trim();
    for code in ["EUR", "USD", "GBP", "CHF", "eur", "usd", "gbp", "chf"] {
        rest = rest.trim_start_matches(code).trim_end_matches(code);
    }
    for ch in rest.chars() {
        match ch {
            '0'..='9' | '.' | ',' => body.push(ch),
            '-' | '−' | '–' if body.is_empty() && !negative => negative = true,
            '+' if body.is_empty() => {}
            '%' if !percent => percent = true,
            '€' | '$' | '£' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’' => {}
            _ => {
                return Err(ParseError::UnexpectedChar { text: text.trim().to_string(), found: ch })
            }
        }
    }
    if body.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(Cleaned { negative, percent, body })
}

/// True when `groups` (the parts between grouping separators) form valid thousands groups.
fn valid_groups(groups: &[&str]) -> bool {
    match groups.split_first() {
        Some((first, rest)) => {
            !first.is_empty() && first.len() <= 3 && rest.iter().all(|g| g.len() == 3)
        }
        None => false,
    }
}

fn digits_only(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn to_plain(body: &str, lang: Lang, original: &str) -> Result<String, ParseError> {
    let bad = || ParseError::BadSeparators { text: original.trim().to_string() };
    let last_dot = body.rfind('.');
    let last_comma = body.rfind(',');
    let (int_part, frac_part, group) = match (last_dot, last_comma) {
        (None, None) => (body, "", None),
        (Some(d), Some(c)) => {
            let (dec_at, group) = if d > c { (d, ',') } else { (c, '.') };
            let int_part = &body[..dec_at];
            if int_part.contains(if group == ',' { '.' } else { ',' }) {
                return Err(bad());
            }
            (int_part, &body[dec_at + 1..], Some(group))
        }
        (Some(_), None) | (None, Some(_)) => {
            let sep = if last_dot.is_some() { '.' } else { ',' };
            let parts: Vec<&str> = body.split(sep).collect();
            let grouping_char = match lang {
                Lang::De => '.',
                Lang::En => ',',
            };
            let groups_thousands = parts.len() > 2
                || (sep == grouping_char && parts.len() == 2 && parts[1].len() == 3);
            if groups_thousands {
                (body, "", Some(sep))
            } else {
                let (i, f) = body.split_once(sep).ok_or_else(bad)?;
                (i, f, None)
            }
        }
    };
    let int_digits = match group {
        Some(g) => {
            let groups: Vec<&str> = int_part.split(g).collect();
            if groups.len() > 1 && !valid_groups(&groups) {
                return Err(bad());
            }
            groups.concat()
        }
        None => int_part.to_string(),
    };
    if !digits_only(&int_digits) || !digits_only(frac_part) {
        return Err(bad());
    }
    if int_digits.is_empty() && frac_part.is_empty() {
        return Err(bad());
    }
    let int_digits = if int_digits.is_empty() { "0".to_string() } else { int_digits };
    Ok(if frac_part.is_empty() { int_digits } else { format!("{int_digits}.{frac_part}") })
}

fn parse_inner(text: &str, lang: Lang) -> Result<(f64, bool), ParseError> {
    let cleaned = clean(text)?;
    let plain = to_plain(&cleaned.body, lang, text)?;
    let value = crate::parse_f64(&plain)
        .ok_or_else(|| ParseError::BadSeparators { text: text.trim().to_string() })?;
    if !value.is_finite() {
        return Err(ParseError::BadSeparators { text: text.trim().to_string() });
    }
    let value = if cleaned.negative { -value } else { value };
    Ok((value, cleaned.percent))
}

/// Reads a number typed in `lang`'s habits (both locales' forms are accepted where they are
/// unambiguous). A `%` sign divides by 100.
///
/// ```
/// use locale::{parse_number, Lang};
/// assert_eq!(parse_number("3,000.50", Lang::En), Ok(3000.5));
/// assert_eq!(parse_number("3000.50", Lang::De), Ok(3000.5));
/// assert_eq!(parse_number("2.000 €", Lang::De), Ok(2000.0));
/// assert!(parse_number("12,5,0", Lang::De).is_err());
/// ```
pub fn parse_number(text: &str, lang: Lang) -> Result<f64, ParseError> {
    let (value, percent) = parse_inner(text, lang)?;
    Ok(if percent { value / 100.0 } else { value })
}

/// Reads a ratio (win rate, churn rate …) as a fraction, and says how it was read:
/// `20 %` and `20` give 0.2, and so do `0,2` and `0.2`. A bare number of at least 1 is a
/// percentage; below 1 it is a fraction.
///
/// ```
/// use locale::{parse_ratio, Lang, RatioReading};
/// assert_eq!(parse_ratio("20 %", Lang::De), Ok((0.2, RatioReading::PercentSign)));
/// assert_eq!(parse_ratio("20", Lang::De), Ok((0.2, RatioReading::BareNumberAsPercent)));
/// assert_eq!(parse_ratio("0,20", Lang::De), Ok((0.2, RatioReading::Fraction)));
/// assert_eq!(parse_ratio("0.2", Lang::En), Ok((0.2, RatioReading::Fraction)));
/// ```
pub fn parse_ratio(text: &str, lang: Lang) -> Result<(f64, RatioReading), ParseError> {
    let (value, percent) = parse_inner(text, lang)?;
    Ok(if percent {
        (value / 100.0, RatioReading::PercentSign)
    } else if value.abs() >= 1.0 {
        (value / 100.0, RatioReading::BareNumberAsPercent)
    } else {
        (value, RatioReading::Fraction)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, lang: Lang, expected: Option<f64>) {
        let got = parse_number(text, lang);
        match expected {
            Some(v) => assert_eq!(got, Ok(v), "{text:?} in {lang:?}"),
            None => assert!(got.is_err(), "{text:?} in {lang:?} should fail, got {got:?}"),
        }
    }

    #[test]
    fn as_users_type_them() {
        use Lang::{De, En};
        for (text, lang, expected) in [
            ("3.000,50", De, Some(3000.5)),
            ("3000,50", De, Some(3000.5)),
            ("3000.50", De, Some(3000.5)),
            ("3.000", De, Some(3000.0)),
            ("3,000", En, Some(3000.0)),
            ("3.000", En, Some(3.0)),
            ("3,000.50", En, Some(3000.5)),
            ("3,000.50", De, Some(3000.5)),
            ("1.000.000", De, Some(1_000_000.0)),
            ("1,000,000", De, Some(1_000_000.0)),
            ("0,2", En, Some(0.2)),
            ("0,2", De, Some(0.2)),
            (",5", De, Some(0.5)),
            ("−12", De, Some(-12.0)),
            ("-12,5", De, Some(-12.5)),
            ("€ 2,000", En, Some(2000.0)),
            ("2.000 €", De, Some(2000.0)),
            ("100 EUR", De, Some(100.0)),
            ("20 %", De, Some(0.2)),
            ("  42  ", En, Some(42.0)),
            ("12,5,0", De, None),
            ("1.00.0", De, None),
            ("3.000,5.0", De, None),
            ("1,2.3,4", En, None),
            ("abc", De, None),
            ("", De, None),
            ("   ", De, None),
            ("1e5", En, None),
            (".", De, None),
            ("--5", De, None),
        ] {
            check(text, lang, expected);
        }
    }

    #[test]
    fn errors_have_messages_in_both_languages() {
        let err = parse_number("12,5,0", Lang::De).unwrap_err();
        assert!(err.message(Lang::De).contains("»12,5,0«"));
        assert!(err.message(Lang::En).contains("12,5,0"));
        assert_eq!(
            parse_number("", Lang::En).unwrap_err().message(Lang::En),
            "Please enter a number."
        );
    }

    #[test]
    fn ratios() {
        assert_eq!(parse_ratio("1", Lang::De), Ok((0.01, RatioReading::BareNumberAsPercent)));
        assert_eq!(parse_ratio("100 %", Lang::De), Ok((1.0, RatioReading::PercentSign)));
        assert_eq!(parse_ratio("12,5", Lang::De), Ok((0.125, RatioReading::BareNumberAsPercent)));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics(text in "\\PC{0,24}") {
            let _ = parse_number(&text, Lang::De);
            let _ = parse_ratio(&text, Lang::En);
        }

        #[test]
        fn formatted_numbers_read_back(cents in -1_000_000_000_i64..1_000_000_000) {
            let value = cents as f64 / 100.0;
            for lang in [Lang::De, Lang::En] {
                let text = crate::format_number(value, 2, lang);
                let back = parse_number(&text, lang).unwrap();
                prop_assert!((back - value).abs() < 1e-9, "{} → {}", text, back);
            }
        }
    }
}
