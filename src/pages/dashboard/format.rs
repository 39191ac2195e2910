//! KPI values and their changes as the user reads them, per language and currency.

use crate::display::smart_decimals;
use analytics::{Better, Tile, Unit};
use locale::{format_money, format_number, format_percent, Currency, Lang};

/// A value in its unit: `12.345 €`, `2,5 %`, `+23`, `42 Min.`.
pub fn value(unit: Unit, v: f64, lang: Lang, cur: Currency) -> String {
    let de = lang == Lang::De;
    match unit {
        Unit::Money => {
            let major = v / 100.0;
            format_money(major, cur, lang, if major.abs() >= 10_000.0 { 0 } else { 2 })
        }
        Unit::MoneyPerDay => format!(
            "{} {}",
            format_money(v / 100.0, cur, lang, 0),
            if de { "pro Tag" } else { "per day" }
        ),
        Unit::Count => format_number(v, smart_decimals(v, 1), lang),
        Unit::Ratio => format_percent(v, 1, lang),
        Unit::Points => format_number(v, smart_decimals(v, 1), lang),
        Unit::Score => format_number(v, 2.min(smart_decimals(v, 2)), lang),
        Unit::Minutes => {
            format!(
                "{} {}",
                format_number(v, smart_decimals(v, 1), lang),
                if de { "Min." } else { "min" }
            )
        }
        Unit::Seconds => {
            let minutes = v / 60.0;
            format!("{} {}", format_number(minutes, 1, lang), if de { "Min." } else { "min" })
        }
        Unit::Multiple => format!("{} : 1", format_number(v, 2, lang)),
        Unit::PerDay => format!(
            "{} {}",
            format_number(v, smart_decimals(v, 1), lang),
            if de { "pro Tag" } else { "per day" }
        ),
    }
}

/// Whether a change is good, bad or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// In the good direction.
    Good,
    /// In the bad direction.
    Bad,
    /// No change, no direction, or no comparison.
    Flat,
}

/// The change against the previous period: arrow, text and tone. Ratios and NPS change in
/// points, everything else in percent of the previous value.
pub fn change(f: &Tile, lang: Lang) -> Option<(&'static str, String, Tone)> {
    let (now, before) = (f.figure.value?, f.previous?);
    let diff = now - before;
    let de = lang == Lang::De;
    let signed = |v: f64, d: usize| {
        let text = format_number(v.abs(), d, lang);
        if v > 0.0 {
            format!("+{text}")
        } else if v < 0.0 {
            format!("−{text}")
        } else {
            text
        }
    };
    let text = match f.figure.kpi.unit() {
        Unit::Ratio => format!("{} {}", signed(diff * 100.0, 1), if de { "Pp." } else { "pp" }),
        Unit::Points => format!("{} {}", signed(diff, 1), if de { "Pkt." } else { "pts" }),
        _ if before != 0.0 => {
            let pct = signed(diff / before.abs() * 100.0, 1);
            // The same spacing as locale::format_percent: narrow space in German, none in English.
            if de {
                format!("{pct}\u{202f}%")
            } else {
                format!("{pct}%")
            }
        }
        // No base to relate to: the difference itself, money in currency units (not cents).
        Unit::Money | Unit::MoneyPerDay => signed(diff / 100.0, 2),
        _ => signed(diff, smart_decimals(diff, 1)),
    };
    let arrow = if diff > 0.0 {
        "▲"
    } else if diff < 0.0 {
        "▼"
    } else {
        "▶"
    };
    let tone = match (f.figure.kpi.better(), diff.partial_cmp(&0.0)) {
        (_, Some(std::cmp::Ordering::Equal)) | (Better::Neutral, _) | (_, None) => Tone::Flat,
        (Better::Higher, Some(std::cmp::Ordering::Greater))
        | (Better::Lower, Some(std::cmp::Ordering::Less)) => Tone::Good,
        _ => Tone::Bad,
    };
    Some((arrow, text, tone))
}

/// The user's number in a threshold field converted to the stored unit (percent → fraction,
/// currency → cents), and back.
pub fn to_stored(unit: Unit, shown: f64) -> f64 {
    match unit {
        Unit::Ratio => shown / 100.0,
        Unit::Money | Unit::MoneyPerDay => shown * 100.0,
        Unit::Seconds => shown * 60.0,
        _ => shown,
    }
}

/// The inverse of [`to_stored`].
pub fn to_shown(unit: Unit, stored: f64) -> f64 {
    match unit {
        Unit::Ratio => stored * 100.0,
        Unit::Money | Unit::MoneyPerDay => stored / 100.0,
        Unit::Seconds => stored / 60.0,
        _ => stored,
    }
}

/// The unit a threshold is typed in: `%`, `€`, `Min.`.
pub fn shown_unit(unit: Unit, lang: Lang, cur: Currency) -> String {
    let de = lang == Lang::De;
    match unit {
        Unit::Ratio => "%".into(),
        Unit::Money => cur.symbol().into(),
        Unit::MoneyPerDay => format!("{} / {}", cur.symbol(), if de { "Tag" } else { "day" }),
        Unit::Minutes | Unit::Seconds => (if de { "Min." } else { "min" }).into(),
        Unit::Points => (if de { "Punkte" } else { "points" }).into(),
        Unit::PerDay => (if de { "pro Tag" } else { "per day" }).into(),
        Unit::Count | Unit::Score | Unit::Multiple => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use analytics::{Basis, Figure, How, Kpi, Period};

    fn fig(id: &str, value: f64, previous: f64) -> Tile {
        let basis = Basis { how: How::Month, numerator: None, denominator: None, counted: None };
        let kpi = Kpi::from_id(id).unwrap();
        let period = Period::parse("2025-03").unwrap();
        let figure = Figure { kpi, period, value: Some(value), basis, partial: false };
        Tile { figure, previous: Some(previous), trend: Vec::new() }
    }

    #[test]
    fn changes_read_in_points_or_percent_with_the_right_tone() {
        let check = |f: Tile, lang, expected: (&str, &str, Tone)| {
            let (a, t, tone) = change(&f, lang).unwrap();
            assert_eq!((a, t.as_str(), tone), expected);
        };
        check(fig("churn_rate", 0.03, 0.02), Lang::De, ("▲", "+1,0 Pp.", Tone::Bad));
        check(fig("nps", 20.0, 25.0), Lang::En, ("▼", "−5.0 pts", Tone::Bad));
        check(fig("mrr", 11_000.0, 10_000.0), Lang::En, ("▲", "+10.0%", Tone::Good));
        check(fig("mrr", 9_000.0, 10_000.0), Lang::De, ("▼", "−10,0\u{202f}%", Tone::Bad));
        check(fig("ces", 3.0, 2.0), Lang::En, ("▲", "+50.0%", Tone::Flat));
        check(fig("customers", 5.0, 0.0), Lang::De, ("▲", "+5", Tone::Good));
        // Regression: a rise from 0 € printed the cents ("+20,000" for 200 €).
        check(fig("expansion_mrr", 20_000.0, 0.0), Lang::En, ("▲", "+200.00", Tone::Good));
    }

    #[test]
    fn values_per_unit() {
        let (de, en, eur) = (Lang::De, Lang::En, Currency::Eur);
        assert_eq!(value(Unit::Money, 123_456.0, de, eur), "1.234,56\u{a0}€");
        assert_eq!(value(Unit::Money, 1_234_567.0, de, eur), "12.346\u{a0}€");
        assert_eq!(value(Unit::Money, 234_560_000.0, en, eur), "€2,345,600");
        assert_eq!(value(Unit::Ratio, 0.025, en, eur), "2.5%");
        assert_eq!(value(Unit::Seconds, 90.0, de, eur), "1,5 Min.");
        assert_eq!(to_stored(Unit::Ratio, 3.0), 0.03);
        assert_eq!(to_shown(Unit::Money, to_stored(Unit::Money, 12.5)), 12.5);
    }
}
