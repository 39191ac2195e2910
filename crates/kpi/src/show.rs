//! Quantities and formulas as a reader reads them, per language and currency: `2.000,00 € pro
//! Tag`, `20 %`, `30 Tage`, `€2,000.00 per day`. The app's calculator and the static KPI pages
//! (`crates/site`) both format with these functions, so the two show the same text.

use crate::{FormulaPart, Quantity, Unit};
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
}

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::De => &Words {
            per_day: "pro Tag",
            day: "Tag",
            days: "Tage",
            minutes: "Min.",
            month: "Monat",
            months: "Monate",
            year: "Jahr",
            years: "Jahre",
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
