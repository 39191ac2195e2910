//! The what-if page's fields and its share link: which keys the URL carries, how a field's
//! text becomes a number, and the scenario and typed-in baseline those numbers make. Pure,
//! tested natively.
//!
//! The URL carries the basis (`basis=3|6|12`), the horizon (`h=12|24|36`), the scenario
//! (`churn`, `exp`, `con`, `new`, `react`) and, only when no data is loaded, the typed-in
//! baseline (`mrr`, `cust`, `bnew`, `breact`, `bcust`, `bexp`, `bcon`, `bchurn`). Imported
//! data never reaches the URL. Numbers are written locale-free (`-1`, `2000`, `0.5`).

use crate::display::smart_decimals;
use crate::route::{encode, parse_query, Route};
use analytics::whatif::{Baseline, Scenario};
use locale::{format_number, parse_number, Lang, ParseError};
use records::Money;
use std::collections::BTreeMap;

/// The months a baseline from data may average.
pub const BASES: [u32; 3] = [3, 6, 12];
/// The horizons a projection may cover.
pub const HORIZONS: [u32; 3] = [12, 24, 36];

/// What a field's number means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldUnit {
    /// An amount in the chosen currency (major units).
    Money,
    /// A count (customers).
    Count,
    /// A rate in percent (`3` = 3 %), 0–100.
    Percent,
    /// A change in percentage points (`-1` = one point less).
    Points,
    /// A relative change in percent (`10` = × 1.1), at least −100.
    Relative,
}

/// One input of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// URL key and element id suffix.
    pub key: &'static str,
    /// What the number means.
    pub unit: FieldUnit,
    /// Label (German, English).
    pub label: (&'static str, &'static str),
    /// Hint under the field (German, English).
    pub hint: (&'static str, &'static str),
    /// The text a new page starts with (locale-free).
    pub start: &'static str,
}

const fn field(
    key: &'static str,
    unit: FieldUnit,
    label: (&'static str, &'static str),
    hint: (&'static str, &'static str),
    start: &'static str,
) -> Field {
    Field { key, unit, label, hint, start }
}

/// The scenario's fields, in the order of [`scenario`].
pub const SCENARIO: [Field; 5] = [
    field(
        "churn",
        FieldUnit::Points,
        ("Churn-Rate ändern um", "Change churn rate by"),
        (
            "In Prozentpunkten; −1 = ein Punkt weniger Kunden- und MRR-Churn pro Monat.",
            "In percentage points; −1 = one point less customer and MRR churn per month.",
        ),
        "-1",
    ),
    field(
        "exp",
        FieldUnit::Relative,
        ("Expansion ändern um", "Change expansion by"),
        ("Relativ: +10 = Expansionsrate × 1,1.", "Relative: +10 = expansion rate × 1.1."),
        "",
    ),
    field(
        "con",
        FieldUnit::Relative,
        ("Kontraktion ändern um", "Change contraction by"),
        ("Relativ: −50 = halb so viel Kontraktion.", "Relative: −50 = half the contraction."),
        "",
    ),
    field(
        "new",
        FieldUnit::Money,
        ("Neuer MRR pro Monat zusätzlich", "Additional new MRR per month"),
        (
            "Betrag pro Monat; bringt anteilig mehr neue Kunden.",
            "Amount per month; brings proportionally more new customers.",
        ),
        "",
    ),
    field(
        "react",
        FieldUnit::Money,
        ("Reaktivierungs-MRR pro Monat zusätzlich", "Additional reactivation MRR per month"),
        ("Betrag pro Monat.", "Amount per month."),
        "",
    ),
];

/// The typed-in baseline's fields, in the order of [`typed_baseline`].
pub const BASELINE: [Field; 8] = [
    field(
        "mrr",
        FieldUnit::Money,
        ("MRR heute", "MRR today"),
        (
            "Monatlich wiederkehrender Umsatz am Ende des letzten Monats.",
            "Monthly recurring revenue at the end of the last month.",
        ),
        "10000",
    ),
    field(
        "cust",
        FieldUnit::Count,
        ("Zahlende Kunden heute", "Paying customers today"),
        (
            "Kunden mit MRR am Ende des letzten Monats.",
            "Customers with MRR at the end of the last month.",
        ),
        "100",
    ),
    field(
        "bnew",
        FieldUnit::Money,
        ("Neuer MRR pro Monat", "New MRR per month"),
        ("MRR neuer Kunden im Monatsdurchschnitt.", "MRR of new customers, monthly average."),
        "500",
    ),
    field(
        "breact",
        FieldUnit::Money,
        ("Reaktivierungs-MRR pro Monat", "Reactivation MRR per month"),
        (
            "MRR zurückgekehrter Kunden im Monatsdurchschnitt.",
            "MRR of returning customers, monthly average.",
        ),
        "0",
    ),
    field(
        "bcust",
        FieldUnit::Count,
        ("Neue Kunden pro Monat", "New customers per month"),
        (
            "Neue und zurückgekehrte Kunden im Monatsdurchschnitt.",
            "New and returning customers, monthly average.",
        ),
        "5",
    ),
    field(
        "bexp",
        FieldUnit::Percent,
        ("Expansionsrate pro Monat", "Expansion rate per month"),
        ("Expansions-MRR ÷ MRR zu Monatsbeginn.", "Expansion MRR ÷ MRR at the start of the month."),
        "1",
    ),
    field(
        "bcon",
        FieldUnit::Percent,
        ("Kontraktionsrate pro Monat", "Contraction rate per month"),
        (
            "Kontraktions-MRR ÷ MRR zu Monatsbeginn.",
            "Contraction MRR ÷ MRR at the start of the month.",
        ),
        "0.5",
    ),
    field(
        "bchurn",
        FieldUnit::Percent,
        ("Churn-Rate pro Monat", "Churn rate per month"),
        (
            "Anteil der Kunden und des MRR, die pro Monat abwandern.",
            "Share of customers and of MRR lost per month.",
        ),
        "3",
    ),
];

/// Why a field's text cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldError {
    /// Not a number.
    Parse(ParseError),
    /// A number outside what the field allows.
    Range(FieldUnit),
}

impl FieldError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            FieldError::Parse(e) => e.message(lang),
            FieldError::Range(FieldUnit::Percent) => if de {
                "Bitte einen Wert von 0 bis 100 % eingeben."
            } else {
                "Please enter a value from 0 to 100 %."
            }
            .into(),
            FieldError::Range(FieldUnit::Relative) => if de {
                "Weniger als −100 % geht nicht."
            } else {
                "Less than −100 % is not possible."
            }
            .into(),
            FieldError::Range(_) => if de {
                "Bitte keinen negativen Wert eingeben."
            } else {
                "Please enter no negative value."
            }
            .into(),
        }
    }
}

/// The number in `text` (`%` signs ignored: percent fields are in percent), checked against
/// the field's range; an empty text is 0 in a scenario field and an error elsewhere.
pub fn read(field: &Field, text: &str, lang: Lang) -> Result<f64, FieldError> {
    let cleaned = text.replace('%', "");
    if cleaned.trim().is_empty() && SCENARIO.iter().any(|f| f.key == field.key) {
        return Ok(0.0);
    }
    let v = parse_number(&cleaned, lang).map_err(FieldError::Parse)?;
    let ok = match field.unit {
        FieldUnit::Money if SCENARIO.iter().any(|f| f.key == field.key) => true,
        FieldUnit::Money | FieldUnit::Count => v >= 0.0,
        FieldUnit::Percent => (0.0..=100.0).contains(&v),
        FieldUnit::Points => true,
        FieldUnit::Relative => v >= -100.0,
    };
    if ok {
        Ok(v)
    } else {
        Err(FieldError::Range(field.unit))
    }
}

fn money(v: f64) -> Money {
    Money::from_f64(v).unwrap_or(Money::ZERO)
}

/// The scenario from the [`SCENARIO`] values.
pub fn scenario(v: [f64; 5]) -> Scenario {
    Scenario {
        churn_pts: v[0],
        expansion_pct: v[1],
        contraction_pct: v[2],
        new_mrr: money(v[3]),
        reactivation_mrr: money(v[4]),
    }
}

/// The baseline from the [`BASELINE`] values (typed in: no month, no averaging).
pub fn typed_baseline(v: [f64; 8]) -> Baseline {
    Baseline {
        last: None,
        months: 0,
        mrr: money(v[0]),
        customers: v[1],
        new_mrr: money(v[2]),
        reactivation_mrr: money(v[3]),
        new_customers: v[4],
        expansion_rate: v[5] / 100.0,
        contraction_rate: v[6] / 100.0,
        churn_rate: v[7] / 100.0,
        logo_churn_rate: v[7] / 100.0,
    }
}

/// The page's state as the URL carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Months averaged for a baseline from data.
    pub basis: u32,
    /// Months projected.
    pub horizon: u32,
    /// Field texts by key, locale-free where they were numbers.
    pub values: BTreeMap<String, String>,
}

impl Settings {
    /// Reads a query string; missing or unknown values take the defaults (6 months, 24
    /// months, each field's start text).
    pub fn from_query(query: &str) -> Settings {
        let pairs = parse_query(query);
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let pick = |key: &str, allowed: &[u32], default: u32| {
            get(key).and_then(|v| v.parse().ok()).filter(|v| allowed.contains(v)).unwrap_or(default)
        };
        let values = SCENARIO
            .iter()
            .chain(BASELINE.iter())
            .map(|f| (f.key.to_string(), get(f.key).unwrap_or_else(|| f.start.to_string())))
            .collect();
        Settings { basis: pick("basis", &BASES, 6), horizon: pick("h", &HORIZONS, 24), values }
    }

    /// The share link's query; the typed-in baseline only `with_baseline` (no data loaded).
    pub fn to_query(&self, keep: &[(&str, String)], with_baseline: bool) -> String {
        let mut q = Route::WhatIf.to_query(&[]);
        q.push_str(&format!("&basis={}&h={}", self.basis, self.horizon));
        let fields = SCENARIO.iter().chain(BASELINE.iter().filter(|_| with_baseline));
        for f in fields {
            let text = self.values.get(f.key).map(String::as_str).unwrap_or_default();
            q.push_str(&format!("&{}={}", f.key, encode(text)));
        }
        for (k, v) in keep {
            q.push_str(&format!("&{}={}", encode(k), encode(v)));
        }
        q
    }
}

/// The locale-free form of a field's text for the URL: the number when it reads as one, the
/// text as typed otherwise.
pub fn canonical(field: &Field, text: &str, lang: Lang) -> String {
    match read(field, text, lang) {
        Ok(v) if !text.trim().is_empty() => format!("{v}"),
        _ => text.to_string(),
    }
}

/// A URL value as the field shows it in `lang`: numbers formatted, anything else as it is.
pub fn shown(text: &str, lang: Lang) -> String {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => {
            let s = format_number(v, smart_decimals(v, 4), lang);
            // Grouped thousands read back in either language; a minus stays ASCII.
            s.replace('\u{2212}', "-")
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(key: &str) -> &'static Field {
        SCENARIO.iter().chain(BASELINE.iter()).find(|f| f.key == key).unwrap()
    }

    #[test]
    fn fields_read_in_either_language() {
        use Lang::{De, En};
        #[rustfmt::skip]
        let table: &[(&str, &str, Lang, Result<f64, ()>)] = &[
            ("churn", "-1", De, Ok(-1.0)),
            ("churn", "−1", En, Ok(-1.0)),
            ("churn", "", De, Ok(0.0)),
            ("exp", "10 %", De, Ok(10.0)),
            ("exp", "-150", De, Err(())),
            ("new", "2.000", De, Ok(2000.0)),
            ("new", "2,000", En, Ok(2000.0)),
            ("new", "-500", En, Ok(-500.0)),
            ("mrr", "10.000,50", De, Ok(10_000.5)),
            ("mrr", "", De, Err(())),
            ("mrr", "-1", De, Err(())),
            ("bchurn", "0,5", De, Ok(0.5)),
            ("bchurn", "3 %", En, Ok(3.0)),
            ("bchurn", "101", En, Err(())),
            ("cust", "abc", En, Err(())),
        ];
        for (key, text, lang, want) in table {
            let got = read(field(key), text, *lang).map_err(|_| ());
            assert_eq!(&got, want, "{key} {text:?} {lang:?}");
        }
    }

    #[test]
    fn the_share_link_carries_the_scenario_never_data() {
        let mut s = Settings::from_query("?page=whatif");
        assert_eq!((s.basis, s.horizon), (6, 24));
        assert_eq!(s.values["churn"], "-1");
        assert_eq!(s.values["mrr"], "10000");
        s.values.insert("new".into(), canonical(field("new"), "2.000", Lang::De));
        s.horizon = 36;
        let with_data = s.to_query(&[("lang", "en".into())], false);
        assert_eq!(
            with_data,
            "?page=whatif&basis=6&h=36&churn=-1&exp=&con=&new=2000&react=&lang=en"
        );
        assert!(!with_data.contains("mrr="));
        let typed = s.to_query(&[], true);
        assert!(typed
            .ends_with("&mrr=10000&cust=100&bnew=500&breact=0&bcust=5&bexp=1&bcon=0.5&bchurn=3"));
        // Reading the link gives the same settings back.
        assert_eq!(Settings::from_query(&typed), s);
        // Unknown horizons and bases fall back to the defaults.
        let odd = Settings::from_query("?page=whatif&h=7&basis=5");
        assert_eq!((odd.basis, odd.horizon), (6, 24));
    }

    #[test]
    fn values_are_shown_per_language_and_read_back() {
        for (text, de, en) in
            [("2000", "2.000", "2,000"), ("-1", "-1", "-1"), ("0.5", "0,5", "0.5")]
        {
            assert_eq!(shown(text, Lang::De), de);
            assert_eq!(shown(text, Lang::En), en);
            let back = read(field("new"), de, Lang::De).unwrap();
            assert_eq!(format!("{back}"), text);
        }
        assert_eq!(shown("abc", Lang::De), "abc");
    }

    #[test]
    fn typed_figures_make_the_engine_values() {
        let b = typed_baseline([10_000.0, 100.0, 500.0, 0.0, 5.0, 1.0, 0.5, 3.0]);
        assert_eq!((b.mrr, b.new_mrr), (Money(1_000_000), Money(50_000)));
        assert_eq!((b.churn_rate, b.logo_churn_rate, b.contraction_rate), (0.03, 0.03, 0.005));
        let s = scenario([-1.0, 10.0, 0.0, 2000.0, 0.0]);
        assert_eq!((s.churn_pts, s.expansion_pct, s.new_mrr), (-1.0, 10.0, Money(200_000)));
    }
}
