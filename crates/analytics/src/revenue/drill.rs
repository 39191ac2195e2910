//! The customers behind a revenue figure (see [`crate::drill`]): every customer's MRR row is
//! built by the same code as for the report (`RowScratch`, the same grouping and rounding),
//! and its part of a figure is read from that row by the functions the accumulators use
//! (`movement`, `period_part`, `cohort_of`, `value_at`), so the parts add up to the figure.

pub(crate) use super::sparse::Move;
use super::sparse::{between_segments, cohort_of, movement, period_part, value_at, Segment};
use super::sparse::{period_part_in_segment, RetSum};
use super::{column, group, scoped, Builder, Contribution, RevenueOptions, RowScratch};
use records::Month;

/// Which revenue figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    /// MRR at the end of the period (cents).
    Mrr,
    /// Paying customers at the end of the period (1 each).
    Customers,
    /// The movements of one kind inside the period (cents).
    Movement(Move),
    /// Start customers at 0 at the end (1 each; denominator: start customers, plus for
    /// variant B the customers new or reactivated inside the period).
    Churned {
        /// Variant B.
        b: bool,
    },
    /// Churned MRR + contraction of the start customers (denominator: start MRR).
    Lost,
    /// End MRR of the start customers, i.e. start + expansion − contraction − churn (NRR's
    /// numerator; denominator: start MRR).
    Kept,
    /// start − contraction − churn of the start customers (GRR's numerator).
    KeptGross,
    /// MRR of cohort `first` in month `first + since` (cents).
    CohortMrr {
        /// The cohort's first month.
        first: Month,
        /// Months since.
        since: u32,
    },
}

/// One customer's part of a figure.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    /// The customer.
    pub(crate) customer: String,
    /// Its part of the numerator (cents or customers).
    pub(crate) amount: i64,
    /// The rows behind it: (slice in the order added to the builder, row in that slice),
    /// the rows active in the months the figure looks at (all of the customer's, if none is).
    pub(crate) rows: Vec<(usize, usize)>,
}

/// The parts of a figure, and its denominator where it is a ratio.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Parts {
    /// Customers with a part (in the order the report groups them; callers sort).
    pub(crate) items: Vec<Part>,
    /// Start customers, start customers + new or reactivated, or start MRR in cents.
    pub(crate) denominator: i64,
    /// Whether the period overlaps the analysed months (else the figure has no value).
    pub(crate) in_range: bool,
}

/// The parts of `measure` for the months `a..=b` (one month, a quarter, a year or a range);
/// with `target`, of the customers' rows within that segment (keys from
/// [`Builder::add_keys`]), by the segment report's rules (`finish_scoped`).
pub(crate) fn parts(
    mut builder: Builder<'_>,
    options: &RevenueOptions,
    measure: Measure,
    (a, b): (Month, Month),
    target: Option<u16>,
) -> Option<Parts> {
    builder.materialise();
    let (first, n) = builder.window(options)?;
    let baseline = first.add(-1);
    let width = n + 1;
    let col = |m: Month| m.since(baseline);
    let (mut ca, mut cb) = (col(a).max(1), col(b).min(n as i32));
    if let Measure::CohortMrr { first: f, since } = measure {
        let c = col(f) + since as i32;
        (ca, cb) = (c, c);
    }
    let mut out = Parts { in_range: ca >= 1 && ca <= cb && cb <= n as i32, ..Parts::default() };
    if !out.in_range {
        return Some(out);
    }
    let (ca, cb) = (ca as usize, cb as usize);
    // The columns whose rows are listed.
    let (look_from, look_to) = match measure {
        Measure::Mrr | Measure::Customers | Measure::CohortMrr { .. } => (cb, cb),
        _ => (ca - 1, cb),
    };
    let mut scratch = RowScratch::default();
    let mut in_segment = scoped::Scratch::default();
    let names = &builder.names;
    let keys = &builder.keys;
    let key = |r: &Contribution| keys.get(r.row as usize).copied();
    let same = |x, y| names.same(x, y);
    let mut denominator = 0i64;
    group::for_each_customer(&mut builder.rows, same, |rows, indices| {
        let mine = || indices.iter().filter_map(|&i| rows.get(i as usize));
        let (amount, listed, den) = match target {
            None => {
                let (segs, paid_before) = scratch.build(rows, indices, baseline, width);
                part(segs, measure, ca, cb, &Row::Total { paid_before })
            }
            Some(t) => {
                if !mine().any(|r| key(r) == Some(t)) {
                    return;
                }
                let (segs, total, paid_before) = in_segment.build(mine(), key, t, baseline, width);
                part(segs, measure, ca, cb, &Row::InSegment { total, paid_before })
            }
        };
        denominator += den;
        if !listed {
            return;
        }
        // Within a segment, only the rows of the segment are behind its part.
        let ours = |r: &&Contribution| target.is_none_or(|t| key(r) == Some(t));
        let Some(name) = mine().next().map(|r| names.get(r.row)) else { return };
        let active = |r: &&Contribution| {
            let (lo, hi) = (column(r.from, baseline, width), column(r.to, baseline, width));
            lo < hi && lo as usize <= look_to && hi as usize > look_from
        };
        let mut list: Vec<(usize, usize)> =
            mine().filter(ours).filter(active).filter_map(|r| names.locate(r.row)).collect();
        if list.is_empty() {
            list = mine().filter(ours).filter_map(|r| names.locate(r.row)).collect();
        }
        list.dedup();
        out.items.push(Part { customer: name.to_string(), amount, rows: list });
    });
    out.denominator = denominator;
    Some(out)
}

/// A customer's row: its total, or its row within a segment beside its total.
enum Row<'a> {
    Total { paid_before: bool },
    InSegment { total: &'a [Segment], paid_before: bool },
}

impl Row<'_> {
    fn paid_before(&self) -> bool {
        match self {
            Row::Total { paid_before } | Row::InSegment { paid_before, .. } => *paid_before,
        }
    }

    /// The customer's cohort column (its first paying month, in this segment).
    fn cohort(&self, segs: &[Segment]) -> Option<usize> {
        match self {
            Row::Total { paid_before } => cohort_of(segs, *paid_before),
            Row::InSegment { total, paid_before } => {
                let first = total.iter().find(|s| s.1 > 0).map(|s| s.0 as usize);
                first.filter(|&c| !paid_before && c > 0 && value_at(segs, c) > 0)
            }
        }
    }

    /// The movement at segment start `segs[j]` (`j ≥ 1`) and its amount.
    fn movement(&self, segs: &[Segment], j: usize, ever: &mut bool) -> (Move, i64) {
        let (p, (s, v)) = (segs[j - 1].1, segs[j]);
        match self {
            Row::Total { .. } => movement(p, v, ever),
            Row::InSegment { total, paid_before } => {
                let s = s as usize;
                match between_segments(total, s, p, v) {
                    Some(Move::Expansion) => (Move::Expansion, v),
                    Some(_) => (Move::Contraction, p),
                    None => {
                        let first = total.iter().find(|x| x.1 > 0).map(|x| x.0 as usize);
                        let mut ever = *paid_before || first.is_some_and(|c| c < s);
                        movement(p, v, &mut ever)
                    }
                }
            }
        }
    }

    fn period(&self, segs: &[Segment], a: usize, b: usize) -> RetSum {
        match self {
            Row::Total { .. } => period_part(segs, a, b),
            Row::InSegment { total, .. } => period_part_in_segment(segs, total, a, b),
        }
    }
}

/// One customer's (numerator part, whether it is listed, denominator part).
fn part(segs: &[Segment], measure: Measure, ca: usize, cb: usize, row: &Row) -> (i64, bool, i64) {
    let start = value_at(segs, ca - 1);
    let start_customer = i64::from(start > 0);
    match measure {
        Measure::Mrr => {
            let v = value_at(segs, cb);
            (v, v > 0, 0)
        }
        Measure::Customers => {
            let v = value_at(segs, cb);
            (i64::from(v > 0), v > 0, 0)
        }
        Measure::CohortMrr { since, .. } => {
            let c = cb - since as usize;
            let v = value_at(segs, cb);
            let member = row.cohort(segs) == Some(c);
            (v, member && v > 0, 0)
        }
        Measure::Movement(kind) => {
            let mut ever = row.paid_before() || segs.first().is_some_and(|s| s.1 > 0);
            let (mut sum, mut any) = (0i64, false);
            for j in 1..segs.len() {
                let (k, amount) = row.movement(segs, j, &mut ever);
                if k == kind && (ca..=cb).contains(&(segs[j].0 as usize)) {
                    sum = sum.saturating_add(amount);
                    any = true;
                }
            }
            (sum, any, 0)
        }
        Measure::Churned { b } => {
            let ret = row.period(segs, ca, cb);
            let den = start_customer + if b { i64::from(ret.new_or_reactivated) } else { 0 };
            let churned = i64::from(ret.churned_customers);
            (churned, churned > 0, den)
        }
        Measure::Lost | Measure::Kept | Measure::KeptGross => {
            let ret = row.period(segs, ca, cb);
            let cents = |x: i128| x.clamp(0, i128::from(i64::MAX)) as i64;
            let lost = cents(ret.churned_mrr).saturating_add(cents(ret.contraction));
            let amount = match measure {
                Measure::Lost => lost,
                Measure::Kept => start.saturating_add(cents(ret.expansion)).saturating_sub(lost),
                _ => start.saturating_sub(lost),
            };
            // Within a segment, MRR arriving from another segment of a paying customer is
            // expansion of a customer who starts at 0 here: it is in NRR's numerator.
            let listed = match measure {
                Measure::Lost => lost > 0,
                Measure::Kept => start > 0 || amount != 0,
                _ => start > 0,
            };
            (amount, listed, start)
        }
    }
}
