//! Calendar dates, months and UTC instants without a time-zone database.
//!
//! Conversions use Howard Hinnant's `days_from_civil` algorithm (proleptic Gregorian). This
//! is the product's one calendar: `ingest` and `analytics` call it (including the table-driven
//! fast paths [`Date::from_ymd`] and [`MonthOf`]) instead of keeping their own copies.

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
pub const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1–12) of `year`; 0 for an invalid month.
pub const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// First year of [`YEAR_START`].
const TABLE_FROM: i32 = 1900;
/// Years in [`YEAR_START`] (1900–2150, every business date).
const TABLE_YEARS: usize = 251;
/// Days from 1970-01-01 to 1 January of each year from 1900, and of the year after the last,
/// computed at compile time.
static YEAR_START: [i32; TABLE_YEARS + 1] = year_starts();
/// Days before the first of each month in a common year.
static MONTH_START: [u16; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

const fn year_starts() -> [i32; TABLE_YEARS + 1] {
    let mut out = [0; TABLE_YEARS + 1];
    // 1900-01-01 is 70 · 365 + 17 leap days (1904–1968) before 1970-01-01.
    let mut days = -25_567;
    let mut i = 0;
    while i <= TABLE_YEARS {
        out[i] = days;
        days += if is_leap_year(TABLE_FROM + i as i32) { 366 } else { 365 };
        i += 1;
    }
    out
}

impl Date {
    /// The date for year, month (1–12) and day; `None` if it does not exist or the year is
    /// outside 1000–9999 (which no business export contains).
    #[inline]
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        // Years 1900–2150 by table lookups: `days_from_civil` divides by 4, 100 and 400, and
        // the size-optimised build (also for wasm) emits real divisions for that, which was
        // 6 % of an import's time (every date cell comes through here).
        let i = year.wrapping_sub(TABLE_FROM) as usize;
        let (Some(&start), Some(&next), Some(&before)) = (
            YEAR_START.get(i),
            YEAR_START.get(i.wrapping_add(1)),
            MONTH_START.get((month as usize).wrapping_sub(1)),
        ) else {
            return Date::from_ymd_civil(year, month, day);
        };
        let leap = next - start == 366;
        let len = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > len {
            return None;
        }
        Some(Date(start + i32::from(before) + i32::from(leap && month > 2) + day as i32 - 1))
    }

    /// [`Date::from_ymd`] by `days_from_civil` for every year (the general path of the table
    /// lookup, and its test oracle).
    fn from_ymd_civil(year: i32, month: u32, day: u32) -> Option<Date> {
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

    /// ISO 8601 week-numbering year and week (1–53). The ISO year is the year of the week's
    /// Thursday, so 2024-12-30 is in 2025-W01 and 2021-01-03 in 2020-W53.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.week_start().add_days(3);
        let (year, _, _) = thursday.ymd();
        // Days since 1 January of the Thursday's year, without a `from_ymd` that could fail.
        let jan1 = days_from_civil(year.into(), 1, 1);
        let week = (i64::from(thursday.days()) - jan1) / 7 + 1;
        (year, week as u32)
    }

    /// The ISO week as text, e.g. `2025-W01`.
    pub fn iso_week_label(self) -> String {
        let (year, week) = self.iso_week();
        format!("{year:04}-W{week:02}")
    }
}

/// `YYYY-MM-DD` (what [`Date`]'s `Display` writes), e.g. from a date input or `--as-of`.
impl std::str::FromStr for Date {
    type Err = ();

    fn from_str(text: &str) -> Result<Date, ()> {
        let mut parts = text.trim().splitn(3, '-');
        let mut next = || parts.next().and_then(|p| p.parse::<u32>().ok()).ok_or(());
        let (y, m, d) = (next()?, next()?, next()?);
        Date::from_ymd(i32::try_from(y).map_err(|_| ())?, m, d).ok_or(())
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

    /// The calendar quarter as text, e.g. `2025-Q1` (the label in reports, links and exports).
    pub fn quarter_label(self) -> String {
        format!("{}-Q{}", self.year(), self.quarter())
    }

    /// First month of this month's quarter.
    pub fn quarter_start(self) -> Month {
        self.add(-((self.number() as i32 - 1) % 3))
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

/// Days of a 400-year Gregorian era (the calendar repeats after it).
const ERA_DAYS: i64 = 146_097;

/// First day (counted from the era's 1 March of year 0) of each of the era's 4800 months,
/// March first, and the era's end.
static ERA_MONTH_STARTS: [u32; 4801] = era_month_starts();

/// For every 32-day block of the era, the month its first day lies in.
static ERA_BLOCK_MONTH: [u16; 4566] = era_block_month();

const fn era_month_starts() -> [u32; 4801] {
    let mut out = [0u32; 4801];
    let mut k = 0;
    let mut day = 0u32;
    while k < 4800 {
        out[k] = day;
        // March-based: 0 = March … 9 = December, 10 = January and 11 = February of the next
        // civil year. Year 0 of an era is divisible by 400, so years 0–399 have its leap days.
        let month = ((k + 2) % 12 + 1) as u32;
        let year = (k / 12) as i32 + if month <= 2 { 1 } else { 0 };
        day += days_in_month(year, month);
        k += 1;
    }
    out[4800] = day;
    out
}

const fn era_block_month() -> [u16; 4566] {
    let mut out = [0u16; 4566];
    let mut block = 0;
    let mut k = 0;
    while block < 4566 {
        while ERA_MONTH_STARTS[k + 1] <= (block * 32) as u32 {
            k += 1;
        }
        out[block] = k as u16;
        block += 1;
    }
    out
}

/// [`Date::month`] through two small tables (28 kB, so only code that asks for them links
/// them) instead of the civil-date division chain: the revenue builder converts two dates
/// per row, which was a sixth of its time.
#[derive(Debug, Clone, Copy)]
pub struct MonthOf {
    /// January 1970, the month of day 0.
    epoch: Month,
}

impl Default for MonthOf {
    fn default() -> Self {
        MonthOf { epoch: Date::from_days(0).month() }
    }
}

impl MonthOf {
    /// The month `date` lies in (equal to `date.month()`).
    #[inline]
    pub fn get(self, date: Date) -> Month {
        // Eras start on 1 March of years divisible by 400; day 0 is 1970-01-01.
        let z = i64::from(date.days()) + 719_468;
        // From year 0 on, u32 arithmetic: wasm has no 64-bit multiply-high, so a 64-bit
        // division by a constant becomes a call to a 128-bit multiply.
        let (era, doe) = match u32::try_from(z) {
            Ok(z) => (i64::from(z / ERA_DAYS as u32), (z % ERA_DAYS as u32) as usize),
            Err(_) => (z.div_euclid(ERA_DAYS), z.rem_euclid(ERA_DAYS) as usize),
        };
        // doe < 146_097 = 4566 × 32 − 15, and ERA_MONTH_STARTS[4800] = 146_097 > doe stops
        // the scan at k ≤ 4799: the indexing cannot go out of bounds.
        let mut k = ERA_BLOCK_MONTH[doe / 32] as usize;
        // A 32-day block can touch three months (one of them February).
        while ERA_MONTH_STARTS[k + 1] as usize <= doe {
            k += 1;
        }
        // Month k of era e is (400 e) × 12 + 2 + k months after January of year 0.
        let since_epoch = era * 4800 + k as i64 + 2 - 1970 * 12;
        // At most 2^31 days ≈ 77 million months from the epoch, so the cast is exact.
        self.epoch.add(since_epoch as i32)
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
    #[test]
    fn dates_read_back_what_display_writes() {
        let d = Date::from_ymd(2025, 4, 15).unwrap();
        assert_eq!(d.to_string().parse::<Date>(), Ok(d));
        assert_eq!(" 2025-04-15 ".parse::<Date>(), Ok(d));
        for bad in ["2025-02-29", "2025-13-01", "2025-04", "15.04.2025", "", "-2025-04-15"] {
            assert_eq!(bad.parse::<Date>(), Err(()), "{bad}");
        }
    }

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
    fn leap_years() {
        let check = |year, leap| assert_eq!(is_leap_year(year), leap, "{year}");
        check(1900, false);
        check(2000, true);
        check(2023, false);
        check(2024, true);
        check(2100, false);
        check(2400, true);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2025, 4), 30);
        assert_eq!(days_in_month(2025, 13), 0);
    }

    /// The year table (1900–2150) and `days_from_civil` give the same day, and refuse the same
    /// dates, for every day, month and year from 1899 to 2152 (both ends of the table) and for
    /// years far outside it.
    #[test]
    fn from_ymd_table_equals_civil_path() {
        for year in (1899..=2152).chain([-5, 0, 999, 1000, 9999, 10_000, i32::MIN, i32::MAX]) {
            for month in 0..=13 {
                for day in 0..=32 {
                    let civil = Date::from_ymd_civil(year, month, day);
                    assert_eq!(Date::from_ymd(year, month, day), civil, "{year}-{month}-{day}");
                }
            }
        }
        let check = |y, m, d, days: Option<i32>| {
            assert_eq!(Date::from_ymd(y, m, d).map(Date::days), days, "{y}-{m}-{d}")
        };
        check(1900, 1, 1, Some(-25_567));
        check(1900, 2, 29, None);
        check(2000, 2, 29, Some(11_016));
        check(2024, 2, 29, Some(19_782));
        check(2023, 2, 29, None);
        check(2150, 12, 31, Some(66_108));
        check(999, 12, 31, None);
        check(10_000, 1, 1, None);
    }

    #[test]
    fn iso_weeks() {
        let check = |y, m, d, expected: (i32, u32), label: &str| {
            let date = Date::from_ymd(y, m, d).unwrap();
            assert_eq!(date.iso_week(), expected, "{date}");
            assert_eq!(date.iso_week_label(), label);
        };
        check(2025, 1, 1, (2025, 1), "2025-W01");
        check(2025, 11, 24, (2025, 48), "2025-W48");
        // Years with 53 weeks (those starting on a Thursday, or leap years on a Wednesday).
        check(2020, 12, 31, (2020, 53), "2020-W53");
        check(2021, 1, 3, (2020, 53), "2020-W53");
        check(2021, 1, 4, (2021, 1), "2021-W01");
        check(2015, 12, 31, (2015, 53), "2015-W53");
        check(2026, 12, 31, (2026, 53), "2026-W53");
        // Late-December days that belong to the next year's week 1.
        check(2024, 12, 29, (2024, 52), "2024-W52");
        check(2024, 12, 30, (2025, 1), "2025-W01");
        check(2019, 12, 30, (2020, 1), "2020-W01");
        // Early-January days that belong to the previous year's last week.
        check(2023, 1, 1, (2022, 52), "2022-W52");
        check(2027, 1, 1, (2026, 53), "2026-W53");
        // Leap day.
        check(2024, 2, 29, (2024, 9), "2024-W09");
    }

    #[test]
    fn quarters() {
        let check = |y, m, label: &str, start: &str| {
            let month = Month::from_ym(y, m).unwrap();
            assert_eq!(month.quarter_label(), label);
            assert_eq!(month.quarter_start().to_string(), start);
        };
        check(2025, 1, "2025-Q1", "2025-01");
        check(2025, 3, "2025-Q1", "2025-01");
        check(2025, 4, "2025-Q2", "2025-04");
        check(2025, 9, "2025-Q3", "2025-07");
        check(2025, 12, "2025-Q4", "2025-10");
        check(2024, 2, "2024-Q1", "2024-01");
    }

    #[test]
    fn month_of_equals_date_month_on_every_plausible_day() {
        let month_of = MonthOf::default();
        assert_eq!(i64::from(ERA_MONTH_STARTS[4800]), ERA_DAYS);
        let first = Date::from_ymd(1000, 1, 1).unwrap().days();
        let last = Date::from_ymd(9999, 12, 31).unwrap().days();
        for days in first - 400..=last + 400 {
            let date = Date::from_days(days);
            assert_eq!(month_of.get(date), date.month(), "day {days}");
        }
        for days in [i32::MIN, i32::MIN + 1, -1, 0, i32::MAX - 1, i32::MAX] {
            let date = Date::from_days(days);
            assert_eq!(month_of.get(date), date.month(), "day {days}");
        }
        let check = |y, m, d, expected: &str| {
            let date = Date::from_ymd(y, m, d).unwrap();
            assert_eq!(month_of.get(date).to_string(), expected);
        };
        check(2024, 2, 29, "2024-02");
        check(2024, 3, 1, "2024-03");
        check(2000, 2, 29, "2000-02");
        check(2100, 2, 28, "2100-02");
        check(2100, 3, 1, "2100-03");
        check(1970, 1, 1, "1970-01");
        check(1969, 12, 31, "1969-12");
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
