//! The periods a figure is computed for: a month, a calendar quarter, a calendar year or a
//! range of whole months. Every period is computed from its own first and last month (see
//! [`crate::figure`]); this module only names them, shifts them and reads and writes them.
//!
//! Text forms, used by the CLI (`--period`), the dashboard's URL and the report JSON:
//! `2025-07`, `2025-Q3`, `2025`, `2025-01..2025-06` (the URL's older `2025-01_2025-06` is read
//! too).

use records::Month;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A period of whole months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// One calendar month.
    Month(Month),
    /// A calendar quarter, named by its first month.
    Quarter(Month),
    /// A calendar year.
    Year(i32),
    /// Whole months from the first to the last, both included (first ≤ last).
    Range(Month, Month),
}

impl Period {
    /// The range from `a` to `b` in either order.
    pub fn range(a: Month, b: Month) -> Period {
        Period::Range(a.min(b), a.max(b))
    }

    /// The quarter that contains `m`.
    pub fn quarter_of(m: Month) -> Period {
        Period::Quarter(quarter_start(m))
    }

    /// First and last month, both included.
    pub fn months(&self) -> (Month, Month) {
        match *self {
            Period::Month(m) => (m, m),
            Period::Quarter(first) => {
                let first = quarter_start(first);
                (first, first.add(2))
            }
            Period::Year(y) => match (Month::from_ym(y, 1), Month::from_ym(y, 12)) {
                (Some(a), Some(b)) => (a, b),
                // Years outside records' calendar have no months; an empty-looking period.
                _ => {
                    let epoch = records::Date::from_days(0).month();
                    (epoch, epoch.add(-1))
                }
            },
            Period::Range(a, b) => (a.min(b), a.max(b)),
        }
    }

    /// Number of months.
    pub fn len(&self) -> i32 {
        let (a, b) = self.months();
        b.since(a) + 1
    }

    /// Whether the period has no month (only a year outside the calendar).
    pub fn is_empty(&self) -> bool {
        self.len() <= 0
    }

    /// Whether `m` lies inside the period.
    pub fn contains(&self, m: Month) -> bool {
        let (a, b) = self.months();
        a <= m && m <= b
    }

    /// The period of the same kind and length just before.
    pub fn previous(&self) -> Period {
        self.shifted(-1)
    }

    /// The period `n` lengths later (earlier for negative `n`).
    pub fn shifted(&self, n: i32) -> Period {
        match *self {
            Period::Month(m) => Period::Month(m.add(n)),
            Period::Quarter(first) => Period::Quarter(quarter_start(first).add(3 * n)),
            Period::Year(y) => Period::Year(y + n),
            Period::Range(..) => {
                let (a, b) = self.months();
                let len = self.len();
                Period::Range(a.add(len * n), b.add(len * n))
            }
        }
    }

    /// The `n` periods ending with this one, oldest first (a tile's trend line).
    pub fn trailing(&self, n: i32) -> Vec<Period> {
        (0..n.max(1)).rev().map(|k| self.shifted(-k)).collect()
    }

    /// Which kind of period this is.
    pub fn kind(&self) -> PeriodKind {
        match self {
            Period::Month(_) => PeriodKind::Month,
            Period::Quarter(_) => PeriodKind::Quarter,
            Period::Year(_) => PeriodKind::Year,
            Period::Range(..) => PeriodKind::Range,
        }
    }

    /// `2025-11`, `2025-Q3`, `2025` or `2025-01..2025-06`; [`Period::parse`] reads it back.
    pub fn key(&self) -> String {
        match *self {
            Period::Month(m) => m.to_string(),
            Period::Quarter(first) => quarter_label(first),
            Period::Year(y) => format!("{y}"),
            Period::Range(..) => {
                let (a, b) = self.months();
                format!("{a}..{b}")
            }
        }
    }

    /// The label shown on screen: the key, with a range written `2025-01–2025-06`.
    pub fn label(&self) -> String {
        match self {
            Period::Range(..) => {
                let (a, b) = self.months();
                format!("{a}–{b}")
            }
            other => other.key(),
        }
    }

    /// Reads `2025-07`, `2025-Q3`, `2025`, `2025-01..2025-06` or `2025-01_2025-06`.
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        for sep in ["..", "_", "–"] {
            if let Some((a, b)) = text.split_once(sep) {
                return Some(Period::range(parse_month(a)?, parse_month(b)?));
            }
        }
        if let Some(q) = parse_quarter(text) {
            return Some(Period::Quarter(q));
        }
        if let Some(m) = parse_month(text) {
            return Some(Period::Month(m));
        }
        let year: i32 = text.parse().ok().filter(|_| text.len() == 4)?;
        Month::from_ym(year, 1).map(|_| Period::Year(year))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let text = String::deserialize(d)?;
        Period::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a period: {text:?}")))
    }
}

/// The kinds of [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
    /// A range of whole months.
    Range,
}

/// `2025-Q3` for any month of that quarter (records' calendar writes it).
pub fn quarter_label(m: Month) -> String {
    m.quarter_label()
}

/// The first month of the quarter containing `m`.
pub fn quarter_start(m: Month) -> Month {
    m.quarter_start()
}

/// Reads `2025-07`.
pub fn parse_month(text: &str) -> Option<Month> {
    let (y, m) = text.trim().split_once('-')?;
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    Month::from_ym(y.parse().ok()?, m.parse().ok()?)
}

/// Reads `2025-Q3` into its first month.
pub fn parse_quarter(text: &str) -> Option<Month> {
    let (y, q) = text.trim().split_once("-Q")?;
    let q: u32 = q.parse().ok()?;
    if !(1..=4).contains(&q) {
        return None;
    }
    Month::from_ym(y.parse().ok()?, (q - 1) * 3 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, n: u32) -> Month {
        Month::from_ym(y, n).unwrap()
    }

    #[test]
    fn periods_shift_and_round_trip_through_their_text() {
        let check = |p: Period, key: &str, prev: Period, len: i32| {
            assert_eq!(p.key(), key);
            assert_eq!(p.previous(), prev);
            assert_eq!(p.len(), len);
            assert_eq!(Period::parse(key), Some(p));
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{key}\""));
        };
        check(Period::Month(m(2025, 1)), "2025-01", Period::Month(m(2024, 12)), 1);
        check(Period::Quarter(m(2025, 1)), "2025-Q1", Period::Quarter(m(2024, 10)), 3);
        check(Period::Year(2025), "2025", Period::Year(2024), 12);
        check(
            Period::Range(m(2025, 3), m(2025, 5)),
            "2025-03..2025-05",
            Period::Range(m(2024, 12), m(2025, 2)),
            3,
        );
        // The dashboard's older URL form and reversed ends still read.
        assert_eq!(Period::parse("2025-05_2025-03"), Some(Period::Range(m(2025, 3), m(2025, 5))));
        assert_eq!(Period::Range(m(2025, 3), m(2025, 5)).label(), "2025-03–2025-05");
        assert_eq!(quarter_start(m(2025, 9)), m(2025, 7));
        assert_eq!(Period::Year(2025).months(), (m(2025, 1), m(2025, 12)));
        for bad in ["2025-Q5", "x", "2025-13", "25", "2025-1-1", "20251", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn trailing_periods_tile_the_time_before() {
        let p = Period::Range(m(2025, 1), m(2025, 6));
        let t = p.trailing(3);
        assert_eq!(
            t,
            vec![Period::Range(m(2024, 1), m(2024, 6)), Period::Range(m(2024, 7), m(2024, 12)), p]
        );
    }
}
