//! Formatting per locale. Non-finite values are written as `–` so that `NaN` or `inf` can
//! never reach a screen.

use crate::{Currency, Lang};

/// Narrow no-break space, used between a number and `%` or `€` in German.
const NNBSP: char = '\u{202F}';
/// No-break space.
const NBSP: char = '\u{00A0}';

/// `value` with `decimals` decimals and thousands grouping: `2.000,5` (de), `2,000.5` (en).
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let (group, point) = match lang {
        Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    };
    let decimals = decimals.min(12);
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 2);
    // A value that rounds to zero is shown without a minus sign.
    let is_zero = text.bytes().all(|b| b == b'0' || b == b'.');
    if value < 0.0 && !is_zero {
        out.push('−');
    }
    let digits = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(ch);
    }
    if let Some(frac) = frac_part {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// Money per locale: `2.000,00 €` and `2.000,00 CHF` (de), `€2,000.00` and `CHF 2,000.00` (en).
pub fn format_money(value: f64, currency: Currency, lang: Lang, decimals: usize) -> String {
    let number = format_number(value, decimals, lang);
    match lang {
        Lang::De => format!("{number}{NBSP}{}", currency.symbol()),
        Lang::En => {
            let (sign, digits) = match number.strip_prefix('−') {
                Some(rest) => ("−", rest),
                None => ("", number.as_str()),
            };
            match currency {
                Currency::Chf => format!("{sign}CHF{NBSP}{digits}"),
                _ => format!("{sign}{}{digits}", currency.symbol()),
            }
        }
    }
}

/// A fraction as a percentage: `0.2` → `20 %` (de, narrow no-break space) or `20%` (en).
pub fn format_percent(fraction: f64, decimals: usize, lang: Lang) -> String {
    let number = format_number(fraction * 100.0, decimals, lang);
    match lang {
        Lang::De => format!("{number}{NNBSP}%"),
        Lang::En => format!("{number}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: f64, decimals: usize, de: &str, en: &str) {
        assert_eq!(format_number(value, decimals, Lang::De), de, "de {value}");
        assert_eq!(format_number(value, decimals, Lang::En), en, "en {value}");
    }

    #[test]
    fn numbers() {
        check(2000.0, 2, "2.000,00", "2,000.00");
        check(0.0, 0, "0", "0");
        check(999.0, 0, "999", "999");
        check(1234567.891, 1, "1.234.567,9", "1,234,567.9");
        check(-1234.5, 2, "−1.234,50", "−1,234.50");
        // Bug guard: −0.004 rounded to two decimals must not show as "−0,00".
        check(-0.004, 2, "0,00", "0.00");
        check(f64::NAN, 2, "–", "–");
        check(f64::INFINITY, 2, "–", "–");
    }

    #[test]
    fn money_and_percent() {
        assert_eq!(format_money(2000.0, Currency::Eur, Lang::De, 2), "2.000,00\u{a0}€");
        assert_eq!(format_money(2000.0, Currency::Eur, Lang::En, 2), "€2,000.00");
        assert_eq!(format_money(-5.0, Currency::Usd, Lang::En, 2), "−$5.00");
        assert_eq!(format_money(1500.0, Currency::Chf, Lang::En, 0), "CHF\u{a0}1,500");
        assert_eq!(format_money(1500.0, Currency::Gbp, Lang::De, 0), "1.500\u{a0}£");
        assert_eq!(format_percent(0.2, 0, Lang::De), "20\u{202f}%");
        assert_eq!(format_percent(0.025, 1, Lang::En), "2.5%");
    }
}
