//! Quantities and formulas as a reader reads them, per language and currency: `2.000,00 € pro
//! Tag`, `20 %`, `30 Tage`, `€2,000.00 per day`. The app's calculator and the static KPI pages
//! (`crates/site`) both format with these functions, so the two show the same text.

use crate::{Band, FormulaPart, Quantity, Unit};
use locale::{format_money, format_number, format_percent, Currency, Lang};

/// Unit words in both languages.
struct Words {
    per_day: &'static str,
    day: &'static str,
    days: &'static str,
    minutes: &'static str,
    month: &'static str,
    months: &'static str,
    year: &'static str,
    years: &'static str,
    from: &'static str,
    up_to: &'static str,
}

fn words(lang: Lang) -> &'static Words {
    match crate::built_lang(lang) {
        Lang::De => &Words {
            per_day: "pro Tag",
            day: "Tag",
            days: "Tage",
            minutes: "Min.",
            month: "Monat",
            months: "Monate",
            year: "Jahr",
            years: "Jahre",
            from: "ab",
            up_to: "bis",
        },
        Lang::En => &Words {
            per_day: "per day",
            day: "day",
            days: "days",
            minutes: "min",
            month: "month",
            months: "months",
            year: "year",
            years: "years",
            from: "from",
            up_to: "up to",
        },
    }
}

/// Decimals that show `value` without noise: none for whole numbers, else up to `max`.
pub fn smart_decimals(value: f64, max: usize) -> usize {
    for d in 0..max {
        let scale = 10f64.powi(d as i32);
        if ((value * scale).round() - value * scale).abs() < 1e-9 * scale.max(1.0) {
            return d;
        }
    }
    max
}

fn plural(n: f64, one: &'static str, many: &'static str) -> &'static str {
    if (n - 1.0).abs() < f64::EPSILON {
        one
    } else {
        many
    }
}

/// A quantity with its unit: `2.000,00 € pro Tag`, `20 %`, `30 Tage`, `€2,000.00 per day`.
/// Money results always show cents; inputs only when they have them.
pub fn quantity(q: &Quantity, lang: Lang, cur: Currency, is_result: bool) -> String {
    let v = q.value;
    let num = |max: usize| format_number(v, smart_decimals(v, max), lang);
    let money = |v: f64| {
        // Results always show cents; inputs only when they have them.
        let decimals = if is_result || smart_decimals(v, 2) > 0 { 2 } else { 0 };
        format_money(v, cur, lang, decimals)
    };
    let t = words(lang);
    match q.unit {
        Unit::Count | Unit::Number | Unit::Score { .. } => num(2),
        Unit::Money => money(v),
        Unit::MoneyPerDay => format!("{} {}", money(v), t.per_day),
        Unit::Ratio => format_percent(v, smart_decimals(v * 100.0, 2), lang),
        Unit::Days => format!("{} {}", num(1), plural(v, t.day, t.days)),
        Unit::Minutes => format!("{} {}", num(1), t.minutes),
        Unit::Seconds => format!("{} s", num(1)),
        Unit::Months => format!("{} {}", num(1), plural(v, t.month, t.months)),
        Unit::Years => format!("{} {}", num(1), plural(v, t.year, t.years)),
        Unit::ScoreList { .. } => num(2),
    }
}

/// The unit written after an input field (`€`, `%`, `Tage`), empty for plain counts.
pub fn unit_suffix(unit: Unit, lang: Lang, cur: Currency) -> String {
    let t = words(lang);
    match unit {
        Unit::Money => cur.symbol().to_string(),
        Unit::MoneyPerDay => format!("{} / {}", cur.symbol(), t.day),
        Unit::Ratio => "%".into(),
        Unit::Days => t.days.into(),
        Unit::Minutes => "min".into(),
        Unit::Seconds => "s".into(),
        Unit::Months => t.months.into(),
        Unit::Years => t.years.into(),
        Unit::Score { min, max } | Unit::ScoreList { min, max } => {
            format!("{}–{}", format_number(min, 0, lang), format_number(max, 0, lang))
        }
        Unit::Count | Unit::Number => String::new(),
    }
}

/// The formula with the user's numbers, as one line of text.
pub fn formula(parts: &[FormulaPart], lang: Lang, cur: Currency) -> String {
    let mut out = String::new();
    for part in parts {
        let (text, space_before, space_after) = match part {
            FormulaPart::Op("(") => ("(".to_string(), true, false),
            FormulaPart::Op(")") => (")".to_string(), false, true),
            FormulaPart::Op(op) => (op.to_string(), true, true),
            FormulaPart::Text(t) => (t.get(lang).to_string(), true, true),
            FormulaPart::Input { value, .. } => (quantity(value, lang, cur, false), true, true),
            FormulaPart::Result(value) => (quantity(value, lang, cur, true), true, true),
        };
        if space_before {
            if !out.is_empty() && !out.ends_with('(') && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            // A closing parenthesis hugs what it closes.
            while out.ends_with(' ') {
                out.pop();
            }
        }
        out.push_str(&text);
        if space_after {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// A band's range in the KPI's result unit: `ab 50`, `bis 10 %`, `10 % – 30 %`
/// (edges inclusive, see [`Band`]); empty for a band without edges.
pub fn band_range(band: &Band, unit: Unit, lang: Lang, cur: Currency) -> String {
    let t = words(lang);
    let q = |value: f64| quantity(&Quantity { value, unit }, lang, cur, false);
    match (band.min, band.max) {
        (Some(min), Some(max)) => format!("{} – {}", q(min), q(max)),
        (Some(min), None) => format!("{} {}", t.from, q(min)),
        (None, Some(max)) => format!("{} {}", t.up_to, q(max)),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_ranges_read_in_the_result_unit() {
        let nps = crate::find("nps").map(|d| d.bands).unwrap_or(&[]);
        let ranges: Vec<String> =
            nps.iter().map(|b| band_range(b, Unit::Number, Lang::De, Currency::Eur)).collect();
        assert!(!ranges.is_empty());
        let churn =
            Band { min: Some(0.05), max: None, label: crate::t("", ""), tone: crate::Tone::Bad };
        assert_eq!(band_range(&churn, Unit::Ratio, Lang::De, Currency::Eur), "ab 5\u{202f}%");
        assert_eq!(band_range(&churn, Unit::Ratio, Lang::En, Currency::Eur), "from 5%");
        let low =
            Band { min: None, max: Some(30.0), label: crate::t("", ""), tone: crate::Tone::Good };
        assert_eq!(band_range(&low, Unit::Days, Lang::En, Currency::Eur), "up to 30 days");
        let mid = Band {
            min: Some(1000.0),
            max: Some(2500.5),
            label: crate::t("", ""),
            tone: crate::Tone::Warn,
        };
        assert_eq!(
            band_range(&mid, Unit::Money, Lang::De, Currency::Eur),
            "1.000\u{a0}€ – 2.500,50\u{a0}€"
        );
    }
}
