//! Calendar dates, months and UTC instants without a time-zone database.
//!
//! Conversions use Howard Hinnant's `days_from_civil` algorithm (proleptic Gregorian).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date(i32);

/// A calendar month, stored as `year * 12 + (month - 1)` so months order and subtract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month(i32);

/// An instant in UTC, in seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DateTime(i64);

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// True for leap years of the Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date for year, month (1–12) and day; `None` if it does not exist or the year is
    /// outside 1000–9999 (which no business export contains).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1000..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year.into(), month.into(), day.into()) as i32))
    }

    /// The date `days` after 1970-01-01 (negative before).
    pub fn from_days(days: i32) -> Date {
        Date(days)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i32 {
        self.0
    }

    /// Year, month (1–12) and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let (y, m, d) = civil_from_days(self.0.into());
        (y as i32, m, d)
    }

    /// The month this day lies in.
    pub fn month(self) -> Month {
        let (y, m, _) = self.ymd();
        Month(y * 12 + m as i32 - 1)
    }

    /// The day `n` days later (earlier for negative `n`).
    pub fn add_days(self, n: i32) -> Date {
        Date(self.0.saturating_add(n))
    }

    /// Midnight UTC of this day.
    pub fn at_midnight(self) -> DateTime {
        DateTime(i64::from(self.0) * 86_400)
    }

    /// ISO weekday, 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((i64::from(self.0) + 3).rem_euclid(7) + 1) as u32
    }

    /// The Monday of this date's ISO week.
    pub fn week_start(self) -> Date {
        self.add_days(-(self.weekday() as i32 - 1))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Month {
    /// The month for a year and month number (1–12); `None` for an invalid month.
    pub fn from_ym(year: i32, month: u32) -> Option<Month> {
        if (1..=12).contains(&month) && (1000..=9999).contains(&year) {
            Some(Month(year * 12 + month as i32 - 1))
        } else {
            None
        }
    }

    /// Year of this month.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// Month number, 1–12.
    pub fn number(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }

    /// Quarter, 1–4.
    pub fn quarter(self) -> u32 {
        (self.number() - 1) / 3 + 1
    }

    /// The month `n` months later (earlier for negative `n`).
    // A plain method rather than `std::ops::Add`: "month + 3" reads as months, which an
    // operator on `i32` would hide.
    #[allow(clippy::should_implement_trait)]
    pub fn add(self, n: i32) -> Month {
        Month(self.0.saturating_add(n))
    }

    /// Number of months from `earlier` to `self` (negative if `earlier` is later).
    pub fn since(self, earlier: Month) -> i32 {
        self.0 - earlier.0
    }

    /// First day of the month.
    pub fn first_day(self) -> Date {
        Date(days_from_civil(self.year().into(), self.number().into(), 1) as i32)
    }

    /// Last day of the month.
    pub fn last_day(self) -> Date {
        self.add(1).first_day().add_days(-1)
    }

    /// Every month from `self` to `last`, both included (empty if `last` is earlier).
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        (self.0..=last.0).map(Month)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.number())
    }
}

impl DateTime {
    /// The instant `secs` seconds after the Unix epoch.
    pub fn from_unix(secs: i64) -> DateTime {
        DateTime(secs)
    }

    /// Date and wall-clock time in UTC; `None` for an invalid date or time.
    pub fn from_ymd_hms(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime> {
        let date = Date::from_ymd(y, mo, d)?;
        if h > 23 || mi > 59 || s > 60 {
            return None;
        }
        Some(DateTime(date.at_midnight().0 + i64::from(h * 3600 + mi * 60 + s)))
    }

    /// Seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.0
    }

    /// The UTC calendar day of this instant.
    pub fn date(self) -> Date {
        Date(self.0.div_euclid(86_400) as i32)
    }

    /// Seconds from `earlier` to `self` (negative if `earlier` is later).
    pub fn seconds_since(self, earlier: DateTime) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.rem_euclid(86_400);
        write!(f, "{}T{:02}:{:02}:{:02}Z", self.date(), secs / 3600, secs / 60 % 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::from_ymd(2000, 3, 1).unwrap().days(), 11_017);
        assert_eq!(Date::from_ymd(2025, 12, 31).unwrap().to_string(), "2025-12-31");
        assert_eq!(Date::from_ymd(2024, 2, 29).unwrap().ymd(), (2024, 2, 29));
        assert!(Date::from_ymd(2025, 2, 29).is_none());
        assert!(Date::from_ymd(2025, 13, 1).is_none());
    }

    #[test]
    fn round_trip_every_day_of_four_centuries() {
        let start = Date::from_ymd(1900, 1, 1).unwrap().days();
        let end = Date::from_ymd(2300, 1, 1).unwrap().days();
        for n in start..end {
            let (y, m, d) = Date::from_days(n).ymd();
            assert_eq!(Date::from_ymd(y, m, d).unwrap().days(), n);
        }
    }

    #[test]
    fn months() {
        let m = Month::from_ym(2025, 12).unwrap();
        assert_eq!(m.add(1).to_string(), "2026-01");
        assert_eq!(m.last_day().to_string(), "2025-12-31");
        assert_eq!(Month::from_ym(2024, 2).unwrap().last_day().to_string(), "2024-02-29");
        assert_eq!(m.add(1).since(m), 1);
        assert_eq!(m.quarter(), 4);
        assert_eq!(Month::from_ym(2025, 1).unwrap().through(m).count(), 12);
    }

    #[test]
    fn weekdays_and_times() {
        // 2025-11-24 is a Monday.
        let monday = Date::from_ymd(2025, 11, 24).unwrap();
        assert_eq!(monday.weekday(), 1);
        assert_eq!(monday.add_days(6).week_start(), monday);
        let t = DateTime::from_ymd_hms(2025, 11, 24, 13, 5, 9).unwrap();
        assert_eq!(t.to_string(), "2025-11-24T13:05:09Z");
        assert_eq!(t.date(), monday);
    }
}
