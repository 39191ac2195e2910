//! Small shared helpers: interning, order statistics, serde for months, period labels.

use records::{Date, Month};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hash (as in rustc): much faster than SipHash for short ids; the keys are the user's
/// own identifiers, so there is no attacker to defend against with a keyed hash.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown picks the bucket from the low bits, and after the multiply those depend
        // only on the input's low bits. Ids like `K1000001` fill one 8-byte word whose low
        // bytes (`K1`) never change, so without this final mix nearly all customers shared 32
        // buckets: a 2M-row subscriptions file took 37 s instead of 2. Folding the high half
        // down and multiplying once more spreads them like random values (see the test).
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let h = (self.0 ^ (self.0 >> 32)).wrapping_mul(K);
        h ^ (h >> 32)
    }
}

/// The Fx hash of a byte string, as `FxHasher::write` then `finish`, inlined for hot loops.
#[inline]
pub(crate) fn fx_hash(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// A `HashMap` with the Fx hash.
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Maps borrowed identifiers to dense `u32` indices so that hot loops index `Vec`s instead of
/// hashing or cloning strings per row.
#[derive(Debug, Default)]
pub(crate) struct Interner<'a> {
    map: FxMap<&'a str, u32>,
    names: Vec<&'a str>,
}

impl<'a> Interner<'a> {
    /// The index of `name`, assigning the next free one on first sight.
    pub(crate) fn intern(&mut self, name: &'a str) -> u32 {
        // One hash per row (the entry), not a lookup and then an insert.
        match self.map.entry(name) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let idx = self.names.len() as u32;
                e.insert(idx);
                self.names.push(name);
                idx
            }
        }
    }

    /// The index of `name` if it was interned.
    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.map.get(name).copied()
    }

    /// Number of distinct names.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The name behind an index.
    pub(crate) fn name(&self, idx: u32) -> &'a str {
        self.names.get(idx as usize).copied().unwrap_or("")
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
        // March-based: 0 = March … 10 = January, 11 = February of the next civil year.
        let year = (k / 12 + 1) as u32;
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        day += match k % 12 {
            1 | 3 | 6 | 8 => 30,
            11 if leap => 29,
            11 => 28,
            _ => 31,
        };
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

/// `Date::month` through two small tables instead of the civil-date division chain: the
/// revenue builder converts two dates per row, which was a sixth of its time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthOf {
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
    pub(crate) fn get(self, date: Date) -> Month {
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

/// Days since 1970 of 1000-01-01 and 9999-12-31, the range `records::Date::from_ymd` accepts.
const PLAUSIBLE_DAYS: std::ops::RangeInclusive<i32> = -354_285..=2_932_896;

/// True for dates inside the years 1000–9999; rows outside (only possible through hostile
/// timestamps) are skipped so that no per-day array can grow without bound.
pub(crate) fn plausible(date: Date) -> bool {
    PLAUSIBLE_DAYS.contains(&date.days())
}

/// `num / den` as `f64`, `None` when the denominator is zero (never NaN or infinity).
pub(crate) fn ratio(num: f64, den: f64) -> Option<f64> {
    if den == 0.0 || !den.is_finite() || !num.is_finite() {
        None
    } else {
        Some(num / den)
    }
}

/// Median of already sorted values: the middle value, or the mean of the two middle values
/// for an even count; `None` when empty.
pub(crate) fn median_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    if n % 2 == 1 {
        Some(sorted[n / 2])
    } else {
        Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0)
    }
}

/// Nearest-rank percentile of sorted values: the value at rank `ceil(p / 100 × n)` (1-based),
/// so p90 of 10 values is the 9th and p90 of 11 values is the 10th; `None` when empty.
pub(crate) fn percentile_nearest_rank(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = ((p / 100.0) * n as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, n) - 1])
}

/// Sorts finite values ascending (non-finite values must be filtered out before).
pub(crate) fn sort_f64(values: &mut [f64]) {
    values.sort_unstable_by(f64::total_cmp);
}

/// Label of a calendar quarter, e.g. `2025-Q1`.
pub(crate) fn quarter_label(month: Month) -> String {
    format!("{}-Q{}", month.year(), month.quarter())
}

/// Consecutive index ranges of `n` months starting at `first` that share a calendar quarter,
/// with the quarter's label.
pub(crate) fn quarter_ranges(first: Month, n: usize) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    for i in 0..n {
        let label = quarter_label(first.add(i as i32));
        match out.last_mut() {
            Some((last, range)) if *last == label => range.end = i + 1,
            _ => out.push((label, i..i + 1)),
        }
    }
    out
}

/// The calendar years among the `n` months from `first`, as labels and index ranges.
pub(crate) fn year_ranges(first: Month, n: usize) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    for i in 0..n {
        let label = format!("{}", first.add(i as i32).year());
        match out.last_mut() {
            Some((last, range)) if *last == label => range.end = i + 1,
            _ => out.push((label, i..i + 1)),
        }
    }
    out
}

/// The indices of the months `a..=b` among the `n` months from `first`, clipped; `None`
/// when the range lies outside them.
pub(crate) fn columns(
    first: Month,
    n: usize,
    a: Month,
    b: Month,
) -> Option<std::ops::Range<usize>> {
    let (a, b) = (a.min(b), a.max(b));
    let lo = a.since(first).max(0);
    let hi = b.since(first).min(n as i32 - 1);
    (lo <= hi).then(|| lo as usize..hi as usize + 1)
}

/// ISO 8601 week label of the week containing `date`, e.g. `2025-W01`; the ISO year is the
/// year of the week's Thursday.
pub fn iso_week_label(date: Date) -> String {
    let thursday = date.week_start().add_days(3);
    let (year, _, _) = thursday.ymd();
    let jan1 = Date::from_ymd(year, 1, 1).map(|d| d.days()).unwrap_or(thursday.days());
    let week = (thursday.days() - jan1) / 7 + 1;
    format!("{year:04}-W{week:02}")
}

/// Serialises a [`Month`] as `"YYYY-MM"` so the JSON report is readable and stable.
pub mod month_str {
    use records::Month;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes `YYYY-MM`.
    pub fn serialize<S: Serializer>(month: &Month, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(month)
    }

    /// Reads `YYYY-MM`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).ok_or_else(|| D::Error::custom(format!("expected YYYY-MM, found {text:?}")))
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        Month::from_ym(y.parse().ok()?, m.parse().ok()?)
    }
}

/// Serialises a [`Date`] as `"YYYY-MM-DD"`.
pub mod date_str {
    use records::Date;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    /// Reads `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        let mut parts = text.splitn(3, '-');
        let parsed = (|| {
            let y = parts.next()?.parse().ok()?;
            let m = parts.next()?.parse().ok()?;
            let day = parts.next()?.parse().ok()?;
            Date::from_ymd(y, m, day)
        })();
        parsed.ok_or_else(|| D::Error::custom(format!("expected YYYY-MM-DD, found {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Regression: 8-character ids (`K1000000` …) hashed to a handful of buckets, which made
    // the interner quadratic. The low 12 bits (a 4096-bucket table) must spread 4096 such ids
    // about as well as random values do (≈ 2590 distinct; before the fix: 32).
    #[test]
    fn fx_hash_spreads_eight_byte_ids_over_low_bits() {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let build = BuildHasherDefault::<FxHasher>::default();
        let buckets: std::collections::BTreeSet<u64> = (0..4096)
            .map(|i| build.hash_one(format!("K{}", 1_000_000 + i).as_str()) & 0xfff)
            .collect();
        assert!(buckets.len() > 2000, "only {} of 4096 buckets used", buckets.len());
    }

    #[test]
    fn month_of_equals_date_month_on_every_plausible_day() {
        let month_of = MonthOf::default();
        assert_eq!(ERA_MONTH_STARTS[4800] as i64, ERA_DAYS);
        for days in PLAUSIBLE_DAYS.start() - 400..=PLAUSIBLE_DAYS.end() + 400 {
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
        check(1970, 1, 1, "1970-01");
        check(1969, 12, 31, "1969-12");
    }

    #[test]
    fn nearest_rank_and_median() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile_nearest_rank(&v, 90.0), Some(9.0));
        assert_eq!(percentile_nearest_rank(&v, 50.0), Some(5.0));
        assert_eq!(median_sorted(&v), Some(5.5));
        let v11: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(percentile_nearest_rank(&v11, 90.0), Some(10.0));
        assert_eq!(median_sorted(&v11), Some(6.0));
        assert_eq!(percentile_nearest_rank(&[], 90.0), None);
        assert_eq!(ratio(1.0, 0.0), None);
    }

    #[test]
    fn plausible_range_matches_records() {
        assert_eq!(Date::from_ymd(1000, 1, 1).unwrap().days(), *PLAUSIBLE_DAYS.start());
        assert_eq!(Date::from_ymd(9999, 12, 31).unwrap().days(), *PLAUSIBLE_DAYS.end());
    }

    #[test]
    fn iso_weeks() {
        let check = |y, m, d, expected: &str| {
            assert_eq!(iso_week_label(Date::from_ymd(y, m, d).unwrap()), expected)
        };
        check(2025, 1, 1, "2025-W01");
        check(2024, 12, 30, "2025-W01");
        check(2021, 1, 3, "2020-W53");
        check(2025, 11, 24, "2025-W48");
    }
}
