//! Cell parsers: numbers with decimal comma or point, dates in the common European and US
//! shapes, booleans, billing intervals, months and durations.
//!
//! Every parser takes a trimmed `&str` and returns `None` (or an error shape) instead of
//! panicking; the column-level decisions (which decimal style, which date order) are made by
//! the caller from many values and passed in.

use records::{BillingInterval, Date, DateTime, Month};
use serde::{Deserialize, Serialize};

/// Which character separates the fraction in a column's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalStyle {
    /// `1,234.56` (English).
    Point,
    /// `1.234,56` (German Excel).
    Comma,
}

/// Order of day and month in `a/b/yyyy` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Day first: `31/12/2025`.
    Dmy,
    /// Month first: `12/31/2025`.
    Mdy,
}

/// An exact decimal number: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// Digits as an integer, with sign.
    pub mantissa: i128,
    /// Number of fraction digits.
    pub scale: u32,
}

impl Decimal {
    /// Value in hundredths, rounded half away from zero; `None` outside the `i64` range.
    pub fn cents(self) -> Option<i64> {
        // Up to two fraction digits scale up exactly: no 128-bit division (same result,
        // tested by `cents_without_division_matches_rounding_path`).
        if self.scale <= 2 {
            let m = self.mantissa.checked_mul(10i128.pow(2 - self.scale))?;
            return i64::try_from(m).ok();
        }
        self.cents_rounded()
    }

    /// [`Decimal::cents`] by division with rounding, for any scale.
    fn cents_rounded(self) -> Option<i64> {
        let m = self.mantissa.checked_mul(100)?;
        let div = 10i128.checked_pow(self.scale)?;
        let q = m / div;
        let r = m % div;
        let q = if r.abs() * 2 >= div { q + m.signum() } else { q };
        i64::try_from(q).ok()
    }

    /// Value as `f64` (for scores and durations).
    pub fn as_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    /// The value if it is a whole number that fits `i64`.
    pub fn as_integer(self) -> Option<i64> {
        let div = 10i128.checked_pow(self.scale)?;
        if self.mantissa % div != 0 {
            return None;
        }
        i64::try_from(self.mantissa / div).ok()
    }
}

/// A parsed number cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The value as written (a percent cell `12,5 %` gives 12.5).
    pub value: Decimal,
    /// Whether the cell ended in `%`.
    pub percent: bool,
    /// Whether the cell carried a currency symbol or code.
    pub currency: bool,
}

const CURRENCIES: [&str; 8] = ["CHF", "EUR", "USD", "GBP", "€", "$", "£", "Fr."];
const GROUP_SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

fn strip_currency(s: &str) -> (&str, bool) {
    for c in CURRENCIES {
        if let Some(rest) = s.strip_prefix(c) {
            return (rest.trim_start_matches(GROUP_SPACES), true);
        }
        if let Some(rest) = s.strip_suffix(c) {
            return (rest.trim_end_matches(GROUP_SPACES), true);
        }
    }
    (s, false)
}

fn strip_sign(s: &str) -> (&str, bool) {
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        (rest.trim_start_matches(GROUP_SPACES), true)
    } else if let Some(rest) = s.strip_prefix('+') {
        (rest.trim_start_matches(GROUP_SPACES), false)
    } else if let Some(rest) = s.strip_suffix('-') {
        // SAP and some accounting exports write the minus sign after the number.
        (rest.trim_end_matches(GROUP_SPACES), true)
    } else {
        (s, false)
    }
}

/// Parses a number cell with the given decimal style; thousands separators (the other of
/// `.`/`,`, spaces, `'`) must group by three. Currency symbols and codes, a trailing `%`,
/// a sign before or after and accounting parentheses are accepted.
pub fn parse_number(s: &str, style: DecimalStyle) -> Option<Number> {
    // Most cells of an export are plain `1234` or `1234.50`: read those without the general
    // path's trimming, sign/currency stripping and digit string (same result, tested by
    // `plain_number_fast_path_matches_general_path`; 15 % of a typed import's time, measured).
    if let Some(value) = plain_number(s, style) {
        return value.map(|value| Number { value, percent: false, currency: false });
    }
    parse_number_general(s, style)
}

/// `Some(result)` when `s` holds only ASCII digits and the style's decimal mark (then the
/// general path would find no space, sign, currency, percent or grouping to strip), `None`
/// when the general path must decide. One pass over the bytes: this runs for every number
/// cell of an import.
fn plain_number(s: &str, style: DecimalStyle) -> Option<Option<Decimal>> {
    let dec = match style {
        DecimalStyle::Point => b'.',
        DecimalStyle::Comma => b',',
    };
    let bytes = s.as_bytes();
    if bytes.is_empty() || bytes.len() > 31 {
        return None;
    }
    let mut mantissa = 0i128;
    let mut marks = 0;
    let mut mark_at = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            mantissa = mantissa * 10 + i128::from(b - b'0');
        } else if b == dec {
            marks += 1;
            mark_at = i;
        } else {
            return None;
        }
    }
    let scale = match marks {
        0 => 0,
        1 if mark_at + 1 < bytes.len() => (bytes.len() - mark_at - 1) as u32,
        // A trailing mark (`12.`), or two marks: not a number.
        _ => return Some(None),
    };
    if bytes.len() - marks > 30 {
        return Some(None);
    }
    Some(Some(Decimal { mantissa, scale }))
}

/// [`parse_number`] for every other shape.
fn parse_number_general(s: &str, style: DecimalStyle) -> Option<Number> {
    // Without an ASCII digit every group and fraction below is empty, so this is `None`; text
    // columns (names, plans, statuses) end here when the sniffer tries them as numbers.
    if !s.bytes().any(|b| b.is_ascii_digit()) || cannot_be_number(s.as_bytes()) {
        return None;
    }
    parse_number_slow(s, style)
}

/// Whether `s` has something no number cell has: an ASCII character other than digits, the
/// letters of the currency codes, separators, signs, brackets, `%`, `$` and white space, or a
/// `-` between two digits (a sign is only stripped at the edge of a part, next to a space,
/// bracket, currency, `%` or the end). Ids like `K00042` and dates like `2025-12-31` end here
/// (the sniffer tries every cell as a number in both styles).
fn cannot_be_number(b: &[u8]) -> bool {
    let mut prev = 0u8;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let allowed = c >= 0x80
            || c.is_ascii_digit()
            || matches!(
                c,
                b'.' | b',' | b'\'' | b' ' | b'\t'
                    ..=b'\r'
                        | b'('
                        | b')'
                        | b'%'
                        | b'-'
                        | b'+'
                        | b'$'
                        | b'C'
                        | b'H'
                        | b'F'
                        | b'E'
                        | b'U'
                        | b'R'
                        | b'S'
                        | b'D'
                        | b'G'
                        | b'B'
                        | b'P'
                        | b'r'
            );
        if !allowed {
            return true;
        }
        if prev == b'-' && c.is_ascii_digit() && i >= 2 && b[i - 2].is_ascii_digit() {
            return true;
        }
        prev = c;
        i += 1;
    }
    false
}

/// The general number parser itself (what [`parse_number`] was before its fast paths; the
/// tests compare against it).
fn parse_number_slow(s: &str, style: DecimalStyle) -> Option<Number> {
    let mut t = s.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return None;
    }
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    let percent = t.ends_with('%');
    if percent {
        t = t[..t.len() - 1].trim_end_matches(GROUP_SPACES);
    }
    let (t1, neg1) = strip_sign(t);
    let (t2, currency) = strip_currency(t1);
    let (t3, neg2) = strip_sign(t2);
    if (neg1 as u8 + neg2 as u8 + negative as u8) > 1 || (percent && currency) {
        return None;
    }
    let value = parse_digits(t3, style)?;
    let mantissa = if neg1 || neg2 || negative { -value.mantissa } else { value.mantissa };
    Some(Number { value: Decimal { mantissa, scale: value.scale }, percent, currency })
}

/// Core of [`parse_number`]: digits with one decimal separator and consistent grouping.
fn parse_digits(s: &str, style: DecimalStyle) -> Option<Decimal> {
    let (dec, group_mark) = match style {
        DecimalStyle::Point => ('.', ','),
        DecimalStyle::Comma => (',', '.'),
    };
    if s.is_empty() || s.matches(dec).count() > 1 {
        return None;
    }
    let (int_part, frac_part) = match s.split_once(dec) {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let is_group = |c: char| c == group_mark || c == '\'' || GROUP_SPACES.contains(&c);
    let mut group_char = None;
    let mut digits = String::with_capacity(s.len());
    let groups = int_part.split(is_group);
    let mut first = true;
    for c in int_part.chars().filter(|c| is_group(*c)) {
        match group_char {
            None => group_char = Some(c),
            Some(g) if g != c => return None,
            _ => {}
        }
    }
    for g in groups {
        let ok_len = if group_char.is_none() {
            true
        } else if first {
            (1..=3).contains(&g.len())
        } else {
            g.len() == 3
        };
        if !ok_len || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(g);
        first = false;
    }
    let mut scale = 0u32;
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(f);
        scale = f.len() as u32;
    }
    if digits.is_empty() || digits.len() > 30 {
        return None;
    }
    let mantissa = digits.parse::<i128>().ok()?;
    Some(Decimal { mantissa, scale })
}

/// Which decimal styles a cell can be read with: `(point, comma)`.
pub fn number_styles(s: &str) -> (bool, bool) {
    (parse_number(s, DecimalStyle::Point).is_some(), parse_number(s, DecimalStyle::Comma).is_some())
}

/// Whether the cell shows a decimal separator that only one style explains, e.g. `12,5`
/// (comma) or `1,234.5` (point). Used to decide a column's style from evidence.
pub fn decisive_style(s: &str) -> Option<DecimalStyle> {
    match number_styles(s) {
        (true, false) => Some(DecimalStyle::Point),
        (false, true) => Some(DecimalStyle::Comma),
        _ => None,
    }
}

/// The written shape of a date, before day/month order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateShape {
    /// `2025-12-31` or `2025/12/31`: year first, unambiguous.
    Iso,
    /// `31.12.2025` or `31.12.25`: German, always day first.
    Dots,
    /// `31. Dezember 2025`, `Dec 31, 2025`: month by name, unambiguous.
    Named,
    /// `a/b/yyyy` or `a-b-yyyy`: day or month first.
    Slash {
        /// First number.
        a: u32,
        /// Second number.
        b: u32,
    },
}

/// A date cell split into its parts, before the order of a slash date is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawDate {
    /// How the date part was written.
    pub shape: DateShape,
    /// Year (two-digit years mapped to 1970–2069).
    pub year: i32,
    /// Month for `Iso`/`Dots` (for `Slash` see the shape).
    pub month: u32,
    /// Day for `Iso`/`Dots` (for `Slash` see the shape).
    pub day: u32,
    /// Hours, minutes, seconds if a time was given.
    pub time: Option<(u32, u32, u32)>,
    /// Offset east of UTC in seconds if one was given (`Z` = 0).
    pub offset: Option<i32>,
}

impl RawDate {
    /// Whether a slash date reads as a real day in the given order.
    pub fn fits(&self, order: DateOrder) -> bool {
        self.ymd(order).is_some_and(|(y, m, d)| Date::from_ymd(y, m, d).is_some())
    }

    /// Year, month, day with `order` applied to slash dates.
    pub fn ymd(&self, order: DateOrder) -> Option<(i32, u32, u32)> {
        match (self.shape, order) {
            (DateShape::Slash { a, b }, DateOrder::Dmy) => Some((self.year, b, a)),
            (DateShape::Slash { a, b }, DateOrder::Mdy) => Some((self.year, a, b)),
            _ => Some((self.year, self.month, self.day)),
        }
    }

    /// The calendar day as written (local to the file, offset ignored).
    pub fn date(&self, order: DateOrder) -> Option<Date> {
        let (y, m, d) = self.ymd(order)?;
        Date::from_ymd(y, m, d)
    }

    /// The instant in UTC: a given offset is subtracted; no time means midnight.
    pub fn datetime(&self, order: DateOrder) -> Option<DateTime> {
        let (y, m, d) = self.ymd(order)?;
        let (h, mi, s) = self.time.unwrap_or((0, 0, 0));
        let local = DateTime::from_ymd_hms(y, m, d, h, mi, s)?;
        let offset = i64::from(self.offset.unwrap_or(0));
        Some(DateTime::from_unix(local.unix() - offset))
    }
}

fn num(s: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if s.len() < min_len || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn year(s: &str) -> Option<i32> {
    match s.len() {
        4 => num(s, 4, 4).map(|y| y as i32),
        // Two-digit years in business exports are this or last century's recent decades.
        2 => num(s, 2, 2).map(|y| if y < 70 { 2000 + y as i32 } else { 1900 + y as i32 }),
        _ => None,
    }
}

/// Splits a date cell into parts; `None` if it is not one of the supported shapes.
pub fn parse_raw_date(s: &str) -> Option<RawDate> {
    // `2025-12-31` and `31.12.2025` without the general path's splitting (same result, tested
    // by `fixed_date_fast_path_matches_general_path`).
    if let Some(raw) = fixed_date(s.as_bytes()) {
        return raw;
    }
    parse_raw_date_general(s)
}

/// `Some(result)` for exactly `dddd-dd-dd` or `dd.dd.dddd`, `None` for every other shape.
fn fixed_date(b: &[u8]) -> Option<Option<RawDate>> {
    let (shape, year, month, day) = fixed_ymd(b)?;
    let raw = RawDate { shape, year, month, day, time: None, offset: None };
    Some(Date::from_ymd(year, month, day).map(|_| raw))
}

/// The shape and numbers of exactly `dddd-dd-dd` or `dd.dd.dddd` (not checked as a date).
/// Straight-line code: this runs for every date cell of an import, and the size-optimised
/// build (`opt-level = "z"`, also for wasm) does not inline loops over iterators.
fn fixed_ymd(b: &[u8]) -> Option<(DateShape, i32, u32, u32)> {
    let &[b0, b1, b2, b3, b4, b5, b6, b7, b8, b9] = b else { return None };
    if b4 == b'-' && b7 == b'-' {
        let year = digit(b0)? * 1000 + digit(b1)? * 100 + digit(b2)? * 10 + digit(b3)?;
        let month = digit(b5)? * 10 + digit(b6)?;
        let day = digit(b8)? * 10 + digit(b9)?;
        Some((DateShape::Iso, year as i32, month, day))
    } else if b2 == b'.' && b5 == b'.' {
        let day = digit(b0)? * 10 + digit(b1)?;
        let month = digit(b3)? * 10 + digit(b4)?;
        let year = digit(b6)? * 1000 + digit(b7)? * 100 + digit(b8)? * 10 + digit(b9)?;
        Some((DateShape::Dots, year as i32, month, day))
    } else {
        None
    }
}

/// The value of an ASCII digit.
#[inline(always)]
fn digit(c: u8) -> Option<u32> {
    let d = c.wrapping_sub(b'0');
    (d <= 9).then_some(u32::from(d))
}

/// `parse_raw_date(s)?.date(order)`, with fixed-width ISO and German dates turned into the
/// day directly: one calendar conversion instead of a check and then the conversion.
pub fn parse_date(s: &str, order: DateOrder) -> Option<Date> {
    match fixed_ymd(s.as_bytes()) {
        Some((_, y, m, d)) => Date::from_ymd(y, m, d),
        None => parse_raw_date_general(s)?.date(order),
    }
}

/// An Excel date serial number, as a spreadsheet writes a date cell whose format is a number:
/// days since 1899-12-30 (Excel's count, which includes its phantom 29 February 1900, so from
/// March 1900 on this origin is exact), with an optional fraction of a day after `.` or `,`
/// (`45658,75` = 2025-01-01 18:00). Only five-digit whole parts (10000–99999, the years
/// 1927–2173) are read as serials, so a year (`2025`) or a compact date (`20251231`) never is.
/// The import uses this only where a date column's cell is no date in any written form.
pub fn parse_excel_serial(s: &str) -> Option<DateTime> {
    let (whole, fraction) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if whole.len() != 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i32 = whole.parse().ok()?;
    let seconds = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 12 && f.bytes().all(|b| b.is_ascii_digit()) => {
            let part: f64 = format!("0.{f}").parse().ok()?;
            // Whole seconds, rounded: Excel stores times as binary fractions of a day.
            ((part * 86_400.0).round() as i64).min(86_399)
        }
        Some(_) => return None,
    };
    let day = Date::from_ymd(1899, 12, 30)?.add_days(days);
    Some(DateTime::from_unix(day.at_midnight().unix() + seconds))
}

/// `parse_raw_date(s)?.datetime(order)`, with the same shortcut as [`parse_date`] and one for
/// `2025-12-31T14:05:09Z` and `31.12.2025 14:05:09` (what the exports write per ticket,
/// lead and event).
pub fn parse_datetime(s: &str, order: DateOrder) -> Option<DateTime> {
    let b = s.as_bytes();
    if let Some((_, y, m, d)) = fixed_ymd(b) {
        return Date::from_ymd(y, m, d).map(Date::at_midnight);
    }
    if let Some(((y, m, d), (h, mi, sec))) = fixed_datetime(b) {
        // The general path's time check (seconds up to 59, no leap second).
        if h > 23 || mi > 59 || sec > 59 {
            return None;
        }
        let day = Date::from_ymd(y, m, d)?;
        return Some(DateTime::from_unix(
            day.at_midnight().unix() + i64::from(h * 3600 + mi * 60 + sec),
        ));
    }
    parse_raw_date_general(s)?.datetime(order)
}

/// Year, month, day.
type Ymd = (i32, u32, u32);
/// Hours, minutes, seconds.
type Hms = (u32, u32, u32);

/// Date and clock of exactly `<fixed date>[T ]hh:mm:ss` with an optional `Z` (UTC, the same
/// instant as no offset); `None` for every other shape.
fn fixed_datetime(b: &[u8]) -> Option<(Ymd, Hms)> {
    let b = match b {
        [rest @ .., b'Z'] if rest.len() == 19 => rest,
        _ if b.len() == 19 => b,
        _ => return None,
    };
    let (date, time) = b.split_at(10);
    let (_, y, m, d) = fixed_ymd(date)?;
    let &[sep, h0, h1, b':', m0, m1, b':', s0, s1] = time else { return None };
    if sep != b' ' && sep != b'T' {
        return None;
    }
    let h = digit(h0)? * 10 + digit(h1)?;
    let mi = digit(m0)? * 10 + digit(m1)?;
    let sec = digit(s0)? * 10 + digit(s1)?;
    Some(((y, m, d), (h, mi, sec)))
}

/// [`parse_raw_date`] for every other shape.
fn parse_raw_date_general(s: &str) -> Option<RawDate> {
    // Every supported date has a year of two or four digits and a day of at least one, in
    // different parts: ids, names and words (the sniffer tries every cell) end here.
    if s.bytes().filter(u8::is_ascii_digit).count() < 3 {
        return None;
    }
    parse_raw_date_unguarded(s)
}

/// [`parse_raw_date_general`] without its digit count (the tests compare the two).
fn parse_raw_date_unguarded(s: &str) -> Option<RawDate> {
    let s = s.trim();
    if s.len() < 6 || s.len() > 40 {
        return None;
    }
    parse_numeric_date(s).or_else(|| parse_named_date(s))
}

/// `31. Dezember 2025`, `31 Dec 2025`, `Dec 31, 2025`, optionally followed by a time.
fn parse_named_date(s: &str) -> Option<RawDate> {
    // Day, month and year are three tokens: without a separator there is at most one.
    if !s.contains([' ', ',']) {
        return None;
    }
    let tokens: Vec<&str> = s.split([' ', ',']).filter(|t| !t.is_empty()).collect();
    let time_at = tokens.iter().position(|t| t.contains(':')).unwrap_or(tokens.len());
    let (date, time) = tokens.split_at(time_at);
    let [a, b, y] = date else { return None };
    let clean = |t: &str| t.trim_end_matches('.').to_string();
    let (day, month) = match month_from_name(&clean(a)) {
        Some(m) => (num(&clean(b), 1, 2)?, m),
        None => (num(&clean(a), 1, 2)?, month_from_name(&clean(b))?),
    };
    let year = year(y)?;
    Date::from_ymd(year, month, day)?;
    let mut raw = RawDate { shape: DateShape::Named, year, month, day, time: None, offset: None };
    if !time.is_empty() {
        let (t, offset) = parse_time_part(&time.join(" "))?;
        raw.time = Some(t);
        raw.offset = offset;
    }
    Some(raw)
}

fn parse_numeric_date(s: &str) -> Option<RawDate> {
    let split = s.find([' ', 'T']).unwrap_or(s.len());
    let (date_part, rest) = s.split_at(split);
    let rest = rest.strip_prefix(['T', ' ']).unwrap_or(rest);
    let mut raw = parse_date_part(date_part)?;
    let rest = rest.trim();
    if !rest.is_empty() {
        let (time, offset) = parse_time_part(rest)?;
        raw.time = Some(time);
        raw.offset = offset;
    }
    Some(raw)
}

fn parse_date_part(s: &str) -> Option<RawDate> {
    let sep = if s.contains('.') {
        '.'
    } else if s.contains('/') {
        '/'
    } else {
        '-'
    };
    let mut parts = s.split(sep);
    let (p1, p2, p3) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    // Jira's default date format `06/Jan/25` (and Excel's `06-Jan-2025`) names the month.
    if sep != '.' && p1.len() <= 2 {
        if let Some(month) = month_from_name(p2) {
            let (day, year) = (num(p1, 1, 2)?, year(p3)?);
            Date::from_ymd(year, month, day)?;
            return Some(RawDate {
                shape: DateShape::Named,
                year,
                month,
                day,
                time: None,
                offset: None,
            });
        }
    }
    let mut raw =
        RawDate { shape: DateShape::Iso, year: 0, month: 0, day: 0, time: None, offset: None };
    if p1.len() == 4 && sep != '.' {
        raw.year = year(p1)?;
        raw.month = num(p2, 1, 2)?;
        raw.day = num(p3, 1, 2)?;
    } else if sep == '.' {
        raw.shape = DateShape::Dots;
        raw.day = num(p1, 1, 2)?;
        raw.month = num(p2, 1, 2)?;
        raw.year = year(p3)?;
    } else {
        let a = num(p1, 1, 2)?;
        let b = num(p2, 1, 2)?;
        raw.shape = DateShape::Slash { a, b };
        raw.year = year(p3)?;
        return (raw.fits(DateOrder::Dmy) || raw.fits(DateOrder::Mdy)).then_some(raw);
    }
    Date::from_ymd(raw.year, raw.month, raw.day).map(|_| raw)
}

/// Parses `14:05`, `14:05:09`, `14:05:09.123`, `2:05 PM`, `14:05 Uhr`, with an optional
/// `Z`, `UTC` or `±hh:mm` offset.
fn parse_time_part(s: &str) -> Option<((u32, u32, u32), Option<i32>)> {
    let mut t = s.trim();
    let mut offset = None;
    for suffix in ["UTC", "Uhr", "Z", "GMT"] {
        if let Some(r) = t.strip_suffix(suffix) {
            t = r.trim_end();
            if suffix != "Uhr" {
                offset = Some(0);
            }
            break;
        }
    }
    let mut pm = None;
    for (suffix, is_pm) in [("AM", false), ("PM", true), ("am", false), ("pm", true)] {
        if let Some(r) = t.strip_suffix(suffix) {
            t = r.trim_end();
            pm = Some(is_pm);
            break;
        }
    }
    if offset.is_none() {
        if let Some(idx) = t.rfind(['+', '-']) {
            let (clock, off) = t.split_at(idx);
            offset = Some(parse_offset(off)?);
            t = clock.trim_end();
        }
    }
    let mut parts = t.split(':');
    let h = num(parts.next()?, 1, 2)?;
    let mi = num(parts.next()?, 2, 2)?;
    let s = match parts.next() {
        Some(sec) => {
            let whole = sec.split_once(['.', ',']).map_or(sec, |(w, frac)| {
                if frac.bytes().all(|b| b.is_ascii_digit()) {
                    w
                } else {
                    "x"
                }
            });
            num(whole, 2, 2)?
        }
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let h = match pm {
        Some(is_pm) if (1..=12).contains(&h) => (h % 12) + if is_pm { 12 } else { 0 },
        Some(_) => return None,
        None => h,
    };
    if h > 23 || mi > 59 || s > 59 {
        return None;
    }
    Some(((h, mi, s), offset))
}

fn parse_offset(s: &str) -> Option<i32> {
    // Only ASCII offsets exist; checking first also keeps the byte slicing below on char
    // boundaries.
    if !s.is_ascii() || s.len() < 2 {
        return None;
    }
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let body = &s[1..];
    let (h, m) = match body.split_once(':') {
        Some((h, m)) => (num(h, 2, 2)?, num(m, 2, 2)?),
        None if body.len() == 4 => (num(&body[..2], 2, 2)?, num(&body[2..], 2, 2)?),
        None => (num(body, 2, 2)?, 0),
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h as i32 * 3600 + m as i32 * 60))
}

/// Reads a boolean in German or English: ja/nein, yes/no, true/false, wahr/falsch, 1/0, x.
pub fn parse_bool(s: &str) -> Option<bool> {
    let t = s.trim();
    // ASCII text is compared without the lower-cased copy (the sniffer asks this for every
    // cell of every text column); the words' non-ASCII forms have no case.
    if t.is_ascii() {
        return bool_word(t);
    }
    bool_word(&t.to_lowercase())
}

/// [`parse_bool`] for a trimmed cell, ASCII letters in any case: lower-cased into a small
/// buffer (no word is longer than six bytes) and matched as bytes.
fn bool_word(t: &str) -> Option<bool> {
    let b = t.as_bytes();
    if b.len() > 6 {
        return None;
    }
    let mut lower = [0u8; 6];
    let mut i = 0;
    while i < b.len() {
        lower[i] = b[i].to_ascii_lowercase();
        i += 1;
    }
    match &lower[..b.len()] {
        b"ja" | b"j" | b"yes" | b"y" | b"true" | b"wahr" | b"1" | b"x" => Some(true),
        b"nein" | b"n" | b"no" | b"false" | b"falsch" | b"0" | b"-" => Some(false),
        // `✓` and `✔` are three bytes each and have no case.
        [0xE2, 0x9C, 0x93] | [0xE2, 0x9C, 0x94] => Some(true),
        _ => None,
    }
}

/// `parse_bool` before its ASCII shortcut, kept for the tests to compare against.
/// Reads `nps`, `csat`, `ces` (and the long names) as a survey kind.
pub fn parse_survey_kind(s: &str) -> Option<records::SurveyKind> {
    let t = s.trim().to_lowercase();
    match t.as_str() {
        "nps" | "net promoter score" | "net promoter" => Some(records::SurveyKind::Nps),
        "csat" | "customer satisfaction" | "kundenzufriedenheit" | "zufriedenheit" => {
            Some(records::SurveyKind::Csat)
        }
        "ces" | "customer effort score" | "customer effort" | "kundenaufwand" => {
            Some(records::SurveyKind::Ces)
        }
        _ => None,
    }
}

/// Reads a survey scale as a user types it: `1-5`, `1–7`, `1 bis 10`, `0 to 10`, `0..10`.
pub fn parse_survey_scale(s: &str) -> Option<records::SurveyScale> {
    let t = crate::schema::normalize_header(s);
    let words: Vec<&str> = t.split(' ').collect();
    match words.as_slice() {
        [a, b] | [a, "bis" | "to", b] => scale_of(a, b),
        _ => None,
    }
}

/// The scale a header names, e.g. `Zufriedenheit (1–5)`, `CSAT 0-10`, `Aufwand (1 bis 7)`:
/// the last pair of bounds of a known scale among its words.
pub fn scale_in_header(header: &str) -> Option<records::SurveyScale> {
    let t = crate::schema::normalize_header(header);
    let words: Vec<&str> = t.split(' ').collect();
    let mut found = None;
    for (i, a) in words.iter().enumerate() {
        let next = words.get(i + 1).copied();
        let b = match next {
            Some("bis" | "to") => words.get(i + 2).copied(),
            other => other,
        };
        if let Some(scale) = b.and_then(|b| scale_of(a, b)) {
            found = Some(scale);
        }
    }
    found
}

fn scale_of(a: &str, b: &str) -> Option<records::SurveyScale> {
    use records::SurveyScale as S;
    match (a, b) {
        ("1", "5") => Some(S::OneToFive),
        ("1", "7") => Some(S::OneToSeven),
        ("1", "10") => Some(S::OneToTen),
        ("0", "10") => Some(S::ZeroToTen),
        _ => None,
    }
}

#[cfg(test)]
fn parse_bool_lowercased(s: &str) -> Option<bool> {
    let t = s.trim().to_lowercase();
    match t.as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "wahr" | "1" | "x" | "✓" | "✔" => Some(true),
        "nein" | "n" | "no" | "false" | "falsch" | "0" | "-" => Some(false),
        _ => None,
    }
}

/// Whether the cell is one of the boolean words (not counting the digits 1/0).
pub fn is_bool_word(s: &str) -> bool {
    let t = s.trim();
    t != "1" && t != "0" && t != "-" && parse_bool(t).is_some()
}

/// Reads a billing interval: words in German or English, or a number of months.
pub fn parse_interval(s: &str) -> Option<BillingInterval> {
    // A cell already in normal form (lower-case ASCII, inner spaces only) is matched as it is:
    // normalising it below would give the same text, at two allocations per row.
    // German words keep their lower-case umlauts (`jährlich`), which lower-casing leaves as
    // they are.
    let b = s.as_bytes();
    let normal = is_lower_word(b) && b.first() != Some(&b' ') && b.last() != Some(&b' ');
    if normal {
        return interval_word(s);
    }
    // `half_year`, `half-year` and `half year` are the same word.
    let t = s.trim().to_lowercase().replace(['_', '-'], " ");
    interval_word(t.trim_end_matches('.'))
}

/// Whether the bytes are only lower-case ASCII letters, digits, spaces and `ä` `ö` `ü` `ß`
/// (UTF-8 `C3 A4`, `C3 B6`, `C3 BC`, `C3 9F`): text that lower-casing leaves unchanged.
fn is_lower_word(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == b' ' {
            i += 1;
        } else if c == 0xC3 && matches!(b.get(i + 1), Some(0xA4 | 0xB6 | 0xBC | 0x9F)) {
            i += 2;
        } else {
            return false;
        }
    }
    true
}

/// The interval a normalised word names.
fn interval_word(t: &str) -> Option<BillingInterval> {
    Some(match t {
        "month" | "months" | "monthly" | "monat" | "monatlich" | "mtl" | "m" | "1" | "1 month"
        | "per month" | "pro monat" | "mo" => BillingInterval::MONTH,
        "quarter" | "quarterly" | "quartal" | "quartalsweise" | "vierteljährlich" | "q" | "3"
        | "3 months" | "3 monate" => BillingInterval::QUARTER,
        "half year" | "halfyear" | "semiannual" | "semi annual" | "halbjahr" | "halbjährlich"
        | "6" | "6 months" | "6 monate" => BillingInterval::HALF_YEAR,
        "year" | "yearly" | "annual" | "annually" | "jahr" | "jährlich" | "jaehrlich" | "y"
        | "12" | "12 months" | "12 monate" | "per year" | "pro jahr" => BillingInterval::YEAR,
        _ => return interval_phrase(t),
    })
}

/// "every 2 months", "alle 2 Jahre", "2 years", "24 Monate", "2": a count of months,
/// quarters or years (1–120 months in all).
fn interval_phrase(t: &str) -> Option<BillingInterval> {
    let mut words = t.split(' ').filter(|w| !w.is_empty()).peekable();
    if words.peek().is_some_and(|w| matches!(*w, "every" | "alle" | "each" | "jede" | "jeden")) {
        words.next();
    }
    let count: u32 = words.next()?.parse().ok()?;
    let unit = match words.next() {
        None => 1,
        Some("month" | "months" | "monat" | "monate" | "monaten" | "monatlich") => 1,
        Some("quarter" | "quarters" | "quartal" | "quartale" | "quartalen") => 3,
        Some("year" | "years" | "jahr" | "jahre" | "jahren" | "jährlich") => 12,
        Some(_) => return None,
    };
    if words.next().is_some() {
        return None;
    }
    BillingInterval::of_months(count.checked_mul(unit)?)
}

const MONTH_NAMES: [[&str; 3]; 12] = [
    ["jan", "januar", "january"],
    ["feb", "februar", "february"],
    ["mar", "märz", "march"],
    ["apr", "april", "april"],
    ["may", "mai", "may"],
    ["jun", "juni", "june"],
    ["jul", "juli", "july"],
    ["aug", "august", "august"],
    ["sep", "september", "september"],
    ["oct", "oktober", "october"],
    ["nov", "november", "november"],
    ["dec", "dezember", "december"],
];

fn month_from_name(s: &str) -> Option<u32> {
    let t = s.trim().trim_end_matches('.').to_lowercase();
    let t = match t.as_str() {
        "mär" | "mrz" => "mar",
        "mai" => "may",
        "okt" => "oct",
        "dez" => "dec",
        "sept" => "sep",
        other => other,
    };
    MONTH_NAMES.iter().position(|names| names.contains(&t)).map(|i| i as u32 + 1)
}

/// Reads a month: `2025-01`, `01.2025`, `1/2025`, `Jan 2025`, `Januar 2025`, `Jan-25`, or a
/// full date (its month).
pub fn parse_month(s: &str, order: DateOrder) -> Option<Month> {
    // Every month form has a year of two or four digits and a separator (`-./ ` between
    // month and year, or `,` in a named date): words and ids end here.
    let (mut digits, mut separator) = (0, false);
    for b in s.bytes() {
        digits += usize::from(b.is_ascii_digit());
        separator |= matches!(b, b'-' | b'.' | b'/' | b' ' | b',');
    }
    if digits < 2 || !separator {
        return None;
    }
    parse_month_unguarded(s, order)
}

/// [`parse_month`] without its digit count (the tests compare the two).
fn parse_month_unguarded(s: &str, order: DateOrder) -> Option<Month> {
    let t = s.trim();
    if let Some(raw) = parse_raw_date(t) {
        return raw.date(order).map(|d| d.month());
    }
    let (a, b) = t.split_once(['-', '.', '/', ' '])?;
    let (a, b) = (a.trim(), b.trim());
    if a.len() == 4 {
        return Month::from_ym(year(a)?, num(b, 1, 2)?);
    }
    if let Some(m) = num(a, 1, 2) {
        return Month::from_ym(year(b)?, m);
    }
    Month::from_ym(year(b)?, month_from_name(a)?)
}

/// Reads a duration in seconds: a number (scaled by `unit_seconds`) or `h:mm:ss` / `mm:ss`.
pub fn parse_duration(s: &str, style: DecimalStyle, unit_seconds: f64) -> Option<f64> {
    let t = s.trim();
    if t.contains(':') {
        let parts: Vec<&str> = t.split(':').collect();
        let nums: Option<Vec<u32>> = parts.iter().map(|p| num(p, 1, 3)).collect();
        let nums = nums?;
        return match nums.as_slice() {
            [m, s] if *s < 60 => Some(f64::from(m * 60 + s)),
            [h, m, s] if *m < 60 && *s < 60 => Some(f64::from(h * 3600 + m * 60 + s)),
            _ => None,
        };
    }
    let n = parse_number(t, style)?;
    if n.percent || n.currency || n.value.mantissa < 0 {
        return None;
    }
    Some(n.value.as_f64() * unit_seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn excel_serials_are_days_since_1899_12_30() {
        let dt = |y, mo, d, h, mi, s| DateTime::from_ymd_hms(y, mo, d, h, mi, s);
        for (cell, want) in [
            ("45658", dt(2025, 1, 1, 0, 0, 0)),
            ("45657", dt(2024, 12, 31, 0, 0, 0)),
            ("45717", dt(2025, 3, 1, 0, 0, 0)),
            ("45658,75", dt(2025, 1, 1, 18, 0, 0)),
            ("45658.5", dt(2025, 1, 1, 12, 0, 0)),
            // 14:05:09 is 50,709 s = 0.586909722… of a day, as Excel writes it.
            ("45658.5869097222", dt(2025, 1, 1, 14, 5, 9)),
            ("10000", dt(1927, 5, 18, 0, 0, 0)),
            // Not serials: a year, a compact date, too short or long, text, a bare separator.
            ("2025", None),
            ("20251231", None),
            ("4565", None),
            ("456580", None),
            ("45658,", None),
            ("4565a", None),
            ("-45658", None),
            ("45658,5,5", None),
        ] {
            assert_eq!(parse_excel_serial(cell), want, "{cell}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        // The fast path for plain digits must give exactly what the general path gives.
        #[test]
        fn plain_number_fast_path_matches_general_path(s in "[0-9.,]{0,34}", comma: bool) {
            let style = if comma { DecimalStyle::Comma } else { DecimalStyle::Point };
            prop_assert_eq!(parse_number(&s, style), parse_number_general(&s, style));
        }

        // Intervals in normal form skip the normalisation; the answer must not change.
        #[test]
        fn interval_fast_path_matches_normalised_word(s in "[a-zA-Z0-9 ._äöüßÄÖÜ-]{0,12}|(?i)(jährlich|halbjährlich|vierteljährlich)") {
            let t = s.trim().to_lowercase().replace(['_', '-'], " ");
            prop_assert_eq!(parse_interval(&s), interval_word(t.trim_end_matches('.')));
        }

        // Both fast paths (plain digits, no digit at all) against the slow parser, on any
        // text: letters, signs, currencies, spaces, separators.
        #[test]
        fn number_fast_paths_match_slow_parser(s in "[0-9a-zA-Z.,%€$() '+-]{0,16}|\\PC{0,12}", comma: bool) {
            let style = if comma { DecimalStyle::Comma } else { DecimalStyle::Point };
            prop_assert_eq!(parse_number(&s, style), parse_number_slow(&s, style));
        }

        // The same for fixed-width ISO and German dates, valid or not.
        #[test]
        fn fixed_date_fast_path_matches_general_path(
            s in "([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}[.][0-9]{2}[.][0-9]{4}|[0-9.-]{10})"
        ) {
            prop_assert_eq!(parse_raw_date(&s), parse_raw_date_general(&s));
        }

        // `parse_date`/`parse_datetime` skip the RawDate for fixed shapes; any date text must
        // still give what the RawDate route gives, in both orders.
        #[test]
        fn direct_dates_match_raw_date_route(
            s in "([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}[.][0-9]{2}[.][0-9]{4}|[0-9./: -]{6,19}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}( [0-9]{2}:[0-9]{2})?)|([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}[.][0-9]{2}[.][0-9]{4})[T ][0-6][0-9]:[0-6][0-9]:[0-6][0-9][Z ]?",
            mdy: bool,
        ) {
            let order = if mdy { DateOrder::Mdy } else { DateOrder::Dmy };
            prop_assert_eq!(parse_date(&s, order), parse_raw_date(&s).and_then(|r| r.date(order)));
            prop_assert_eq!(
                parse_datetime(&s, order),
                parse_raw_date(&s).and_then(|r| r.datetime(order))
            );
        }

        // The quick rejection of ids and dates must never turn away a number: compare with
        // the slow parser on text made of digits, letters and the usual punctuation.
        #[test]
        fn quick_rejection_matches_slow_parser(
            s in "[0-9A-Za-z:/_#.,'()%$€ +-]{0,14}|[0-9]{1,4}-[0-9]{1,4}( ?[A-Z]{0,3})",
            comma: bool,
        ) {
            let style = if comma { DecimalStyle::Comma } else { DecimalStyle::Point };
            prop_assert_eq!(parse_number(&s, style), parse_number_slow(&s, style));
        }

        // The digit counts in front of the date and month parsers only turn away text that
        // the parsers reject anyway.
        #[test]
        fn digit_guards_match_unguarded_parsers(
            s in "[0-9A-Za-z.,/: -]{0,14}|[A-Za-zä]{1,9}[ .,]?[0-9]{0,4}|[0-9]{1,2}[./ ,-][A-Za-z0-9]{1,9}[ ./,-]?[0-9]{0,4}",
            mdy: bool,
        ) {
            let order = if mdy { DateOrder::Mdy } else { DateOrder::Dmy };
            prop_assert_eq!(parse_raw_date_general(&s), parse_raw_date_unguarded(&s));
            prop_assert_eq!(parse_month(&s, order), parse_month_unguarded(&s, order));
        }

        // Booleans compared without lower-casing ASCII cells give the same answers.
        #[test]
        fn bool_shortcut_matches_lowercased_words(
            s in "(?i)( ?(ja|j|yes|y|true|wahr|nein|n|no|false|falsch|x|1|0|-) ?)|\\PC{0,7}"
        ) {
            prop_assert_eq!(parse_bool(&s), parse_bool_lowercased(&s));
        }

        // Cents without division for scales 0–2 against the rounding path.
        #[test]
        fn cents_without_division_matches_rounding_path(
            mantissa in prop_oneof![any::<i64>().prop_map(i128::from), -(10i128.pow(30))..10i128.pow(30)],
            scale in 0u32..3,
        ) {
            let d = Decimal { mantissa, scale };
            prop_assert_eq!(d.cents(), d.cents_rounded());
        }
    }

    #[test]
    fn fast_paths_agree_on_edge_cases() {
        for s in [
            "",
            ".",
            ",",
            "5.",
            ".5",
            "007",
            "1.2.3",
            "0",
            "12,50",
            "1234.5678",
            "123456789012345678901234567890",
            "1234567890123456789012345678901",
            "12345678901234567890123456789.0",
        ] {
            for style in [DecimalStyle::Point, DecimalStyle::Comma] {
                assert_eq!(
                    parse_number(s, style),
                    parse_number_general(s, style),
                    "{s:?} {style:?}"
                );
            }
        }
        for s in [
            "2025-02-29",
            "2024-02-29",
            "2025-13-01",
            "0000-01-01",
            "31.12.2025",
            "31.11.2025",
            "00.01.2025",
            "2025-1-011",
            "12.31.2025",
            "9999-12-31",
        ] {
            assert_eq!(parse_raw_date(s), parse_raw_date_general(s), "{s:?}");
        }
        for (s, want) in [
            ("month", Some(BillingInterval::MONTH)),
            ("half year", Some(BillingInterval::HALF_YEAR)),
            ("Half_Year", Some(BillingInterval::HALF_YEAR)),
            (" year ", Some(BillingInterval::YEAR)),
            ("jährlich", Some(BillingInterval::YEAR)),
            ("mtl.", Some(BillingInterval::MONTH)),
            ("", None),
            ("weekly", None),
        ] {
            assert_eq!(parse_interval(s), want, "{s:?}");
        }
        // Hand-checked values: the fast paths really ran and read the digits right.
        assert_eq!(
            plain_number("1234,50", DecimalStyle::Comma),
            Some(Some(Decimal { mantissa: 123_450, scale: 2 }))
        );
        assert_eq!(plain_number("12.", DecimalStyle::Point), Some(None));
        assert_eq!(
            fixed_date(b"31.12.2025").flatten().map(|r| (r.year, r.month, r.day)),
            Some((2025, 12, 31))
        );
        assert_eq!(fixed_date(b"2024-02-30"), Some(None));
        // 2025-12-31 is day 20453 after 1970-01-01 (55 years, 14 of them leap: 55·365+14+364).
        assert_eq!(parse_date("31.12.2025", DateOrder::Mdy).map(Date::days), Some(20_453));
        assert_eq!(parse_date("2025-12-31", DateOrder::Dmy).map(Date::days), Some(20_453));
        assert_eq!(parse_date("2025-02-29", DateOrder::Dmy), None);
        assert_eq!(
            parse_datetime("2025-12-31", DateOrder::Dmy).map(DateTime::unix),
            Some(20_453 * 86_400)
        );
        assert_eq!(Decimal { mantissa: 4_950, scale: 2 }.cents(), Some(4_950));
        // 2025-12-31T14:05:09Z is 20453 days and 14:05:09 (50709 s) after the epoch.
        let at = |s| parse_datetime(s, DateOrder::Dmy).map(DateTime::unix);
        assert_eq!(at("2025-12-31T14:05:09Z"), Some(20_453 * 86_400 + 50_709));
        assert_eq!(at("31.12.2025 14:05:09"), Some(20_453 * 86_400 + 50_709));
        assert_eq!(at("2025-12-31 24:00:00"), None);
        assert_eq!(at("2025-12-31T14:05:60Z"), None);
        assert_eq!(fixed_datetime(b"2025-12-31T14:05:09+01:00"), None);
        // Ids and ISO dates are no numbers; a sign next to a currency or a space still is one.
        assert!(cannot_be_number(b"K00042"));
        assert!(cannot_be_number(b"2025-12-31"));
        assert!(!cannot_be_number(b"USD-10"));
        assert!(!cannot_be_number(b"10- EUR"));
        assert_eq!(cents("USD-10", DecimalStyle::Point), Some(-1000));
        assert_eq!(cents("10-EUR", DecimalStyle::Point), Some(-1000));
        assert_eq!(parse_bool(" NEIN "), Some(false));
        assert_eq!(parse_bool("Wahr"), Some(true));
        assert_eq!(parse_bool("✓"), Some(true));
        assert_eq!(parse_bool(" ✔ "), Some(true));
        assert_eq!(parse_bool("FALSCH"), Some(false));
        assert_eq!(parse_bool("falsche"), None);
        assert_eq!(parse_bool("Basic"), None);
        // The guards keep short real dates and months.
        assert_eq!(parse_raw_date("1.2.25").map(|r| (r.year, r.month, r.day)), Some((2025, 2, 1)));
        assert_eq!(
            parse_month("Jan 25", DateOrder::Dmy).map(|m| m.to_string()).as_deref(),
            Some("2025-01")
        );
        assert_eq!(parse_month("Januar", DateOrder::Dmy), None);
        assert_eq!(parse_month("K00042", DateOrder::Dmy), None);
        assert_eq!(
            parse_month("Dec,31,2025", DateOrder::Dmy).map(|m| m.to_string()).as_deref(),
            Some("2025-12")
        );
        assert_eq!(parse_interval("jährlich"), Some(BillingInterval::YEAR));
        assert_eq!(parse_interval("halbjährlich"), Some(BillingInterval::HALF_YEAR));
        assert_eq!(Decimal { mantissa: 49, scale: 0 }.cents(), Some(4_900));
        assert_eq!(Decimal { mantissa: 10i128.pow(30), scale: 1 }.cents(), None);
    }

    fn cents(s: &str, style: DecimalStyle) -> Option<i64> {
        parse_number(s, style).and_then(|n| n.value.cents())
    }

    #[test]
    fn numbers_in_both_styles() {
        use DecimalStyle::*;
        let cases: &[(&str, DecimalStyle, Option<i64>)] = &[
            ("12,50", Comma, Some(1250)),
            ("1.234,56", Comma, Some(123_456)),
            ("1.234.567,8", Comma, Some(123_456_780)),
            ("-1.234,56 €", Comma, Some(-123_456)),
            ("€ 49,00", Comma, Some(4900)),
            ("1 234,5", Comma, Some(123_450)),
            ("1234,5", Comma, Some(123_450)),
            ("12,5,0", Comma, None),
            ("1.23,4", Comma, None),
            ("1,234.56", Point, Some(123_456)),
            ("$1,234.56", Point, Some(123_456)),
            ("(99.99)", Point, Some(-9999)),
            ("99.99-", Point, Some(-9999)),
            ("USD 10", Point, Some(1000)),
            ("1'234.50", Point, Some(123_450)),
            ("0.005", Point, Some(1)),
            ("-0.005", Point, Some(-1)),
            ("12,5", Point, None),
            ("abc", Point, None),
            ("", Point, None),
            ("-", Point, None),
            ("1e5", Point, None),
        ];
        for (input, style, want) in cases {
            assert_eq!(cents(input, *style), *want, "{input} {style:?}");
        }
        let p = parse_number("12,5 %", Comma).unwrap();
        assert!(p.percent);
        assert_eq!(p.value.as_f64(), 12.5);
    }

    #[test]
    fn dates_in_all_supported_shapes() {
        let cases: &[(&str, Option<DateOrder>, Option<&str>)] = &[
            ("2025-12-31", None, Some("2025-12-31T00:00:00Z")),
            ("31.12.2025", None, Some("2025-12-31T00:00:00Z")),
            ("31.12.25", None, Some("2025-12-31T00:00:00Z")),
            ("1.2.2025", None, Some("2025-02-01T00:00:00Z")),
            ("12/31/2025", Some(DateOrder::Mdy), Some("2025-12-31T00:00:00Z")),
            ("31/12/2025", Some(DateOrder::Dmy), Some("2025-12-31T00:00:00Z")),
            ("2025-12-31 14:05", None, Some("2025-12-31T14:05:00Z")),
            ("2025-12-31 14:05:09", None, Some("2025-12-31T14:05:09Z")),
            ("2025-12-31T14:05:09+01:00", None, Some("2025-12-31T13:05:09Z")),
            ("2025-12-31T14:05:09Z", None, Some("2025-12-31T14:05:09Z")),
            ("2025-12-31T14:05:09.250Z", None, Some("2025-12-31T14:05:09Z")),
            ("31.12.2025 14:05", None, Some("2025-12-31T14:05:00Z")),
            ("31.12.2025 14:05 Uhr", None, Some("2025-12-31T14:05:00Z")),
            ("12/31/2025 2:05 PM", Some(DateOrder::Mdy), Some("2025-12-31T14:05:00Z")),
            ("2025-02-30", None, None),
            ("32.01.2025", None, None),
            ("2025-12-31 25:00", None, None),
            ("hello", None, None),
            ("31. Dezember 2025", None, Some("2025-12-31T00:00:00Z")),
            ("1. Dez. 2025 14:05", None, Some("2025-12-01T14:05:00Z")),
            ("Dec 31, 2025", None, Some("2025-12-31T00:00:00Z")),
            ("March 5 2025 2:05 PM", None, Some("2025-03-05T14:05:00Z")),
            // Jira's CSV export (`dd/MMM/yy h:mm a`) and Excel's `dd-MMM-yyyy`.
            ("06/Jan/25 9:00 AM", None, Some("2025-01-06T09:00:00Z")),
            ("20/Jan/25 2:00 PM", None, Some("2025-01-20T14:00:00Z")),
            ("06-Jan-2025", None, Some("2025-01-06T00:00:00Z")),
            ("31/Feb/25 9:00 AM", None, None),
            ("31 Feb 2025", None, None),
            ("Plan A 2025", None, None),
            ("12,50", None, None),
        ];
        for (input, order, want) in cases {
            let got = parse_raw_date(input)
                .and_then(|r| r.datetime(order.unwrap_or(DateOrder::Dmy)))
                .map(|d| d.to_string());
            assert_eq!(got.as_deref(), *want, "{input}");
        }
        // 12/31/2025 does not fit day-first.
        let raw = parse_raw_date("12/31/2025").unwrap();
        assert!(!raw.fits(DateOrder::Dmy));
        assert!(raw.fits(DateOrder::Mdy));
    }

    #[test]
    fn multibyte_offset_does_not_panic() {
        // Bug: `+x€` is four bytes, and slicing it at byte 2 as an `hhmm` offset panicked.
        assert_eq!(parse_raw_date("2025-12-31 14:05+x€"), None);
        assert_eq!(parse_raw_date("2025-12-31 14:05+ää"), None);
        assert_eq!(parse_raw_date("2025-12-31 14:05+0130").and_then(|r| r.offset), Some(5400));
    }

    #[test]
    fn words_months_intervals_durations() {
        assert_eq!(parse_bool("Ja"), Some(true));
        assert_eq!(parse_bool("falsch"), Some(false));
        assert_eq!(parse_bool("vielleicht"), None);
        assert_eq!(parse_interval("jährlich"), Some(BillingInterval::YEAR));
        assert_eq!(parse_interval("Quarter"), Some(BillingInterval::QUARTER));
        assert_eq!(parse_interval("half_year"), Some(BillingInterval::HALF_YEAR));
        assert_eq!(parse_interval("Semi-Annual"), Some(BillingInterval::HALF_YEAR));
        let m = |s| parse_month(s, DateOrder::Dmy).map(|m| m.to_string());
        assert_eq!(m("2025-01").as_deref(), Some("2025-01"));
        assert_eq!(m("03.2025").as_deref(), Some("2025-03"));
        assert_eq!(m("März 2025").as_deref(), Some("2025-03"));
        assert_eq!(m("Dez 24").as_deref(), Some("2024-12"));
        assert_eq!(m("15.07.2025").as_deref(), Some("2025-07"));
        assert_eq!(m("13/2025"), None);
        assert_eq!(parse_duration("1:02:03", DecimalStyle::Point, 1.0), Some(3723.0));
        assert_eq!(parse_duration("2,5", DecimalStyle::Comma, 60.0), Some(150.0));
    }
}
