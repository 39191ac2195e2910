//! Small shared helpers: interning, order statistics, serde for months, period labels.

use records::{Date, Month};
use std::hash::Hasher;

/// The Fx hash of a byte string.
///
/// `rustc-hash` 2 (rustc's own hasher, kept by the Rust project) instead of the hand-written
/// copy of the older Fx hash that was here: that one mixed 8 bytes per multiply and needed its
/// own final mix after it put ids like `K1000001` into 32 buckets. rustc-hash folds a string
/// through a wide multiply first, so ids that differ only in one byte differ in the low bits
/// too. It was already in the lock file (through leptos' reactive_graph): no new crate to
/// fetch or review.
/// Measured against the hand-written hash in BENCHMARKS.md ("Hasher: rustc-hash").
///
/// On 32-bit targets (wasm32) `FxHasher` works on `usize`, so the upper half of `finish()` is
/// always 0; callers that keep 32 bits must fold both halves, as `revenue::hash32` does.
#[inline]
pub(crate) fn fx_hash(bytes: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// A `HashMap` with the Fx hash: much faster than SipHash for short ids; the keys are the
/// user's own identifiers, so there is no attacker to defend against with a keyed hash.
pub(crate) type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

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

/// Label of a calendar quarter, e.g. `2025-Q1` (`records` writes it).
pub(crate) fn quarter_label(month: Month) -> String {
    month.quarter_label()
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

/// The requested month ranges as labels (`2025-01..2025-06`) and index ranges among the `n`
/// months from `first`, clipped to them; ranges outside them and repeats are left out.
pub(crate) fn range_spans(
    first: Month,
    n: usize,
    ranges: &[(Month, Month)],
) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    for &(a, b) in ranges {
        let label = crate::period::Period::range(a, b).key();
        let (a, b) = (a.min(b), a.max(b));
        let lo = a.since(first).max(0);
        let hi = b.since(first).min(n as i32 - 1);
        if lo <= hi && !out.iter().any(|(l, _)| *l == label) {
            out.push((label, lo as usize..hi as usize + 1));
        }
    }
    out
}

/// ISO 8601 week label of the week containing `date`, e.g. `2025-W01` (`records` computes it;
/// this name stays for the callers of `analytics::iso_week_label`).
pub fn iso_week_label(date: Date) -> String {
    date.iso_week_label()
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
        text.parse::<Date>()
            .map_err(|_| D::Error::custom(format!("expected YYYY-MM-DD, found {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Regression: 8-character ids (`K1000000` …) hashed to a handful of buckets, which made
    // the interner quadratic. The low 12 bits (a 4096-bucket table) must spread 4096 such ids
    // about as well as random values do (≈ 2590 distinct; with the first hand-written hash: 32).
    #[test]
    fn fx_hash_spreads_eight_byte_ids_over_low_bits() {
        use std::hash::BuildHasher;
        let build = rustc_hash::FxBuildHasher;
        let buckets: std::collections::BTreeSet<u64> = (0..4096)
            .map(|i| build.hash_one(format!("K{}", 1_000_000 + i).as_str()) & 0xfff)
            .collect();
        assert!(buckets.len() > 2000, "only {} of 4096 buckets used", buckets.len());
        let direct: std::collections::BTreeSet<u64> =
            (0..4096).map(|i| fx_hash(format!("K{}", 1_000_000 + i).as_bytes()) & 0xfff).collect();
        assert!(direct.len() > 2000, "only {} of 4096 buckets used", direct.len());
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
}
