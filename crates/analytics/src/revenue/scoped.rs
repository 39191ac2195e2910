//! One customer's MRR row within a segment, next to its total row (see [`crate::segment`]).
//!
//! The customer's rows carry segment keys. Month by month (at change points only) the
//! twelfths of a cent of each key are summed; a customer's total is rounded once, as in the
//! report without segments, and shared out over its keys by cumulative rounding in key order
//! (key k gets `round(P≤k) − round(P<k)`, where `P≤k` sums the keys up to k), so the segments'
//! cents add up to the customer's total exactly. Credits (negative sums of a key) first
//! reduce the customer's other keys in key order and are 0 themselves, so no segment is ever
//! negative.

use super::sparse::Segment;
use super::{column, Contribution};
use records::Month;

/// The key of rows outside every segment (a `--where` filter left them out): they count for
/// the customer's total only.
pub(crate) const EXCLUDED: u16 = u16::MAX;

#[derive(Default)]
pub(super) struct Scratch {
    /// `(column, key, units, is_end)`, stably sorted by column.
    events: Vec<(u32, u16, i64, bool)>,
    /// Running units per key, sorted by key.
    running: Vec<(u16, i128)>,
    seg: Vec<Segment>,
    total: Vec<Segment>,
}

/// Twelfths of a cent to cents, half up (as the report without segments rounds).
fn cents(units: i128) -> i64 {
    let clamped = units.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
    clamped.saturating_add(6).div_euclid(12).max(0)
}

impl Scratch {
    /// The customer's row in segment `target` and its total row (both start at column 0,
    /// adjacent values differ) and whether it paid before the baseline month.
    pub(super) fn build<'r>(
        &mut self,
        rows: impl Iterator<Item = &'r Contribution>,
        key: impl Fn(&Contribution) -> Option<u16>,
        target: u16,
        baseline: Month,
        width: usize,
    ) -> (&[Segment], &[Segment], bool) {
        let mut paid_before = false;
        self.events.clear();
        self.running.clear();
        for r in rows {
            if r.from < baseline && r.units > 0 {
                paid_before = true;
            }
            let k = key(r).unwrap_or(EXCLUDED);
            let lo = column(r.from, baseline, width);
            let hi = column(r.to, baseline, width);
            if lo < hi {
                self.events.push((lo, k, r.units, false));
                if (hi as usize) < width {
                    self.events.push((hi, k, r.units, true));
                }
                if let Err(at) = self.running.binary_search_by_key(&k, |e| e.0) {
                    self.running.insert(at, (k, 0));
                }
            }
        }
        self.events.sort_by_key(|e| e.0);
        self.seg.clear();
        self.total.clear();
        self.seg.push((0, 0));
        self.total.push((0, 0));
        let mut i = 0;
        while let Some(&(col, _, _, _)) = self.events.get(i) {
            while let Some(&(c, k, units, is_end)) = self.events.get(i) {
                if c != col {
                    break;
                }
                if let Ok(at) = self.running.binary_search_by_key(&k, |e| e.0) {
                    let delta = if is_end { -i128::from(units) } else { i128::from(units) };
                    self.running[at].1 += delta;
                }
                i += 1;
            }
            let (mine, total) = share(&self.running, target);
            for (list, value) in [(&mut self.seg, mine), (&mut self.total, total)] {
                match list.last_mut() {
                    Some(last) if col == 0 => last.1 = value,
                    Some(last) if last.1 == value => {}
                    _ => list.push((col, value)),
                }
            }
        }
        (&self.seg, &self.total, paid_before)
    }
}

/// Key `target`'s cents and the customer's total cents, from the running units per key
/// (sorted by key).
fn share(running: &[(u16, i128)], target: u16) -> (i64, i64) {
    let mut debt: i128 = running.iter().map(|e| (-e.1).max(0)).sum();
    let mut below = 0i128;
    let mut mine = 0i64;
    for &(k, units) in running {
        let mut units = units.max(0);
        let paid = units.min(debt);
        units -= paid;
        debt -= paid;
        if k == target {
            mine = cents(below + units) - cents(below);
        }
        below += units;
    }
    (mine, cents(below))
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn segments_share_the_rounded_total_and_credits_reduce_the_first_keys() {
        // Three yearly 1.00 subscriptions in keys 0, 1, 2: 100 twelfths each (8⅓ cents).
        // Apart each rounds to 8 (24 in all), together 300 twelfths are 25 cents: the keys get
        // 8, 9 and 8 (round(100), round(200) − round(100), round(300) − round(200)).
        let rows = [(0, 100), (1, 100), (2, 100)];
        assert_eq!(share(&rows, 0), (8, 25));
        assert_eq!(share(&rows, 1), (9, 25));
        assert_eq!(share(&rows, 2), (8, 25));
        // A credit of 5.00 in key 2 against 10.00 in key 0 and 3.00 in key 1 (twelfths):
        // key 0 pays it (5.00 left), key 1 keeps 3.00, key 2 is 0; the total is 8.00.
        let credit = [(0, 12_000), (1, 3_600), (2, -6_000)];
        assert_eq!(share(&credit, 0), (500, 800));
        assert_eq!(share(&credit, 1), (300, 800));
        assert_eq!(share(&credit, 2), (0, 800));
    }
}
