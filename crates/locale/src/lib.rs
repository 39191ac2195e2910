//! Numbers as people type them, and numbers as people expect to read them.
//!
//! Reading: [`parse_number`] accepts `3.000,50`, `3000.50`, `3,000.50`, `−5`, `2.000 €`;
//! [`parse_ratio`] accepts `20 %`, `20`, `0,2` and `0.2` and says how it read them.
//! Writing: [`format_number`], [`format_money`] and [`format_percent`] follow German
//! (`2.000,00 €`, `20 %`) or English (`€2,000.00`, `20%`) conventions.
//!
//! ```
//! use locale::{parse_number, format_money, Currency, Lang};
//! assert_eq!(parse_number("3.000,50", Lang::De), Ok(3000.5));
//! // German puts a no-break space between amount and symbol.
//! assert_eq!(format_money(2000.0, Currency::Eur, Lang::De, 2), "2.000,00\u{a0}€");
//! assert_eq!(format_money(2000.0, Currency::Eur, Lang::En, 2), "€2,000.00");
//! ```

#![deny(missing_docs)]

mod decimal;
mod format;
mod parse;

pub use decimal::{parse_decimal, parse_f64};
pub use format::{format_money, format_number, format_percent};
pub use parse::{parse_number, parse_ratio, ParseError, RatioReading};

use serde::{Deserialize, Serialize};

/// The two languages of the product; the one definition that `kpi::Lang` and `ingest::Lang`
/// re-export, so no crate needs a conversion. Serialised as `"de"` / `"en"` (the worker
/// protocol sends it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// German (default).
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// `de` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Inverse of [`Lang::code`]; accepts tags such as `de-DE` or `en_GB`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        if lower.starts_with("de") {
            Some(Lang::De)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// Currencies the user can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Currency {
    /// Euro (default).
    #[default]
    Eur,
    /// US dollar.
    Usd,
    /// Pound sterling.
    Gbp,
    /// Swiss franc.
    Chf,
}

impl Currency {
    /// Every currency, in menu order.
    pub const ALL: [Currency; 4] = [Currency::Eur, Currency::Usd, Currency::Gbp, Currency::Chf];

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Chf => "CHF",
        }
    }

    /// The symbol written next to amounts.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Eur => "€",
            Currency::Usd => "$",
            Currency::Gbp => "£",
            Currency::Chf => "CHF",
        }
    }

    /// Inverse of [`Currency::code`], case-insensitive.
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }
}
