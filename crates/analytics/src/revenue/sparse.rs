//! Per-month, per-period and per-cohort accumulators fed by each customer's change points.
//!
//! A customer's MRR row is piecewise constant: a list of segments `(first column, value)`
//! whose adjacent values differ. Everything the report needs changes only at segment starts
//! or is constant over a segment, so a customer costs O(segments), not O(months):
//! - MRR and customer counts are range adds on difference arrays;
//! - movements happen only at segment starts, and the monthly retention is the movements
//!   plus the previous month's MRR and count (see [`Accumulators::finish`]);
//! - a quarter or year that contains no segment start has the same value at its start and
//!   end and no new movement, so it only adds a start customer and start MRR; those periods
//!   form an index range per positive segment, again a range add. Periods containing a
//!   segment start (at most two per start) are evaluated directly;
//! - cohort rows are difference arrays as well.
//!
//! Sums are kept in `i128` and clamped to `i64::MAX` at the end: every summand is
//! non-negative, so this equals the saturating `Money` sums in any order.

use super::{div_round, Cohort, CohortCell, Money, MonthRevenue, Movements, PeriodRevenue};
use super::{Retention, RevenueReport};
use crate::util::{quarter_label, ratio};
use records::Month;

/// One segment of a customer's row: value (cents, ≥ 0) from column `.0` to the next start.
pub(super) type Segment = (u32, i64);

/// Movement sums of one month.
#[derive(Debug, Clone, Copy, Default)]
struct MoveSum {
    new: i128,
    reactivation: i128,
    expansion: i128,
    contraction: i128,
    churn: i128,
    counts: [u32; 5],
}

/// Retention sums of one period, for the customers evaluated directly.
#[derive(Debug, Clone, Copy, Default)]
struct RetSum {
    start_customers: u32,
    start_mrr: i128,
    churned_customers: u32,
    churned_mrr: i128,
    expansion: i128,
    contraction: i128,
    new_or_reactivated: u32,
}

/// A quarter or year as column range `a..=b` (1-based, reported months).
struct Period {
    label: String,
    a: usize,
    b: usize,
    complete: bool,
}

/// Index lookups for one kind of period (quarters or years), which tile columns `1..=n`.
struct Tiling {
    /// Period index (into `Accumulators::periods`) of every column; column 0 has none.
    of_col: Vec<u32>,
    /// `first_from[x]` = index of the first period with `a ≥ x`.
    first_from: Vec<u32>,
    /// `end_upto[y]` = one past the last period with `b ≤ y`.
    end_upto: Vec<u32>,
}

impl Tiling {
    fn new(periods: &[Period], range: std::ops::Range<usize>, width: usize) -> Tiling {
        let mut of_col = vec![u32::MAX; width];
        let mut first_from = vec![range.end as u32; width + 1];
        let mut end_upto = vec![range.start as u32; width + 1];
        for idx in range.clone().rev() {
            let p = &periods[idx];
            for slot in of_col.iter_mut().take(p.b + 1).skip(p.a) {
                *slot = idx as u32;
            }
            for slot in first_from.iter_mut().take(p.a + 1) {
                *slot = idx as u32;
            }
        }
        for idx in range {
            for slot in end_upto.iter_mut().skip(periods[idx].b) {
                *slot = idx as u32 + 1;
            }
        }
        Tiling { of_col, first_from, end_upto }
    }
}

pub(super) struct Accumulators {
    first: Month,
    n: usize,
    width: usize,
    mrr_diff: Vec<i128>,
    customers_diff: Vec<i64>,
    movements: Vec<MoveSum>,
    periods: Vec<Period>,
    n_quarters: usize,
    tilings: [Tiling; 2],
    period_direct: Vec<RetSum>,
    period_start_customers: Vec<i64>,
    period_start_mrr: Vec<i128>,
    /// Difference arrays of cohort row c (1-based start column), indexed by months since.
    cohort_customers: Vec<Vec<i64>>,
    cohort_mrr: Vec<Vec<i128>>,
}

impl Accumulators {
    pub(super) fn new(first: Month, n: usize) -> Accumulators {
        let width = n + 1;
        let mut periods = Vec::new();
        let mut push_periods = |key: &dyn Fn(Month) -> (i32, String), span: i32| {
            let mut col = 1;
            while col <= n {
                let month = first.add(col as i32 - 1);
                let (id, label) = key(month);
                let mut end = col;
                while end < n && key(first.add(end as i32)).0 == id {
                    end += 1;
                }
                let complete = (end - col + 1) as i32 == span;
                periods.push(Period { label, a: col, b: end, complete });
                col = end + 1;
            }
        };
        push_periods(&|m| (m.year() * 4 + m.quarter() as i32, quarter_label(m)), 3);
        push_periods(&|m| (m.year(), format!("{}", m.year())), 12);
        let n_quarters = periods.iter().filter(|p| p.label.contains('Q')).count();
        let n_periods = periods.len();
        let tilings = [
            Tiling::new(&periods, 0..n_quarters, width),
            Tiling::new(&periods, n_quarters..n_periods, width),
        ];
        Accumulators {
            first,
            n,
            width,
            mrr_diff: vec![0; width + 1],
            customers_diff: vec![0; width + 1],
            movements: vec![MoveSum::default(); width],
            periods,
            n_quarters,
            tilings,
            period_direct: vec![RetSum::default(); n_periods],
            period_start_customers: vec![0; n_periods + 1],
            period_start_mrr: vec![0; n_periods + 1],
            cohort_customers: (0..width).map(|c| vec![0; width - c + 1]).collect(),
            cohort_mrr: (0..width).map(|c| vec![0; width - c + 1]).collect(),
        }
    }

    /// Folds one customer in: `segs` starts at column 0, adjacent values differ, all ≥ 0.
    pub(super) fn add_customer(&mut self, segs: &[Segment], paid_before: bool) {
        let Some(&(_, v0)) = segs.first() else { return };
        let mut ever = paid_before || v0 > 0;
        // The cohort is the column of the "new" movement: the first positive segment of a
        // customer who has not paid before.
        let cohort = if ever { None } else { segs.iter().find(|s| s.1 > 0).map(|s| s.0 as usize) };
        let mut last_period = [u32::MAX; 2];
        for (j, &(s, v)) in segs.iter().enumerate() {
            let s = s as usize;
            let e = segs.get(j + 1).map_or(self.width, |next| next.0 as usize);
            if v > 0 {
                self.add_segment(s, e, v, cohort);
            }
            if j == 0 {
                continue;
            }
            let p = segs[j - 1].1;
            self.add_movement(s, p, v, &mut ever);
            for (kind, last) in last_period.iter_mut().enumerate() {
                let idx = self.tilings[kind].of_col[s];
                if idx != *last {
                    *last = idx;
                    self.add_period(idx as usize, segs);
                }
            }
        }
    }

    fn add_segment(&mut self, s: usize, e: usize, v: i64, cohort: Option<usize>) {
        let v128 = i128::from(v);
        self.mrr_diff[s] += v128;
        self.mrr_diff[e] -= v128;
        self.customers_diff[s] += 1;
        self.customers_diff[e] -= 1;
        // Periods with a − 1 ≥ s and b ≤ e − 1 see v at both ends and no movement inside.
        for tiling in &self.tilings {
            let lo = tiling.first_from[s + 1] as usize;
            let hi = tiling.end_upto[e - 1] as usize;
            if lo < hi {
                self.period_start_customers[lo] += 1;
                self.period_start_customers[hi] -= 1;
                self.period_start_mrr[lo] += v128;
                self.period_start_mrr[hi] -= v128;
            }
        }
        if let Some(c) = cohort {
            let (customers, mrr) = (&mut self.cohort_customers[c], &mut self.cohort_mrr[c]);
            customers[s - c] += 1;
            customers[e - c] -= 1;
            mrr[s - c] += v128;
            mrr[e - c] -= v128;
        }
    }

    fn add_movement(&mut self, col: usize, prev: i64, cur: i64, ever: &mut bool) {
        let mv = &mut self.movements[col];
        if prev == 0 {
            if *ever {
                mv.reactivation += i128::from(cur);
                mv.counts[1] += 1;
            } else {
                mv.new += i128::from(cur);
                mv.counts[0] += 1;
            }
            *ever = true;
        } else if cur == 0 {
            mv.churn += i128::from(prev);
            mv.counts[4] += 1;
        } else if cur > prev {
            mv.expansion += i128::from(cur - prev);
            mv.counts[2] += 1;
        } else {
            mv.contraction += i128::from(prev - cur);
            mv.counts[3] += 1;
        }
    }

    /// A period containing at least one segment start, evaluated from its two ends.
    fn add_period(&mut self, idx: usize, segs: &[Segment]) {
        let (a, b) = (self.periods[idx].a, self.periods[idx].b);
        let value_at = |col: usize| {
            let j = segs.partition_point(|s| s.0 as usize <= col);
            segs[j.saturating_sub(1)].1
        };
        let (start, end) = (value_at(a - 1), value_at(b));
        let ret = &mut self.period_direct[idx];
        if start > 0 {
            ret.start_customers += 1;
            ret.start_mrr += i128::from(start);
            if end == 0 {
                ret.churned_customers += 1;
                ret.churned_mrr += i128::from(start);
            } else if end > start {
                ret.expansion += i128::from(end - start);
            } else {
                ret.contraction += i128::from(start - end);
            }
            return;
        }
        // A new or reactivation movement is a segment start inside a..=b after a zero.
        let first = segs.partition_point(|s| (s.0 as usize) < a).max(1);
        let any_new = (first..segs.len())
            .take_while(|&j| segs[j].0 as usize <= b)
            .any(|j| segs[j - 1].1 == 0);
        if any_new {
            ret.new_or_reactivated += 1;
        }
    }

    pub(super) fn finish(self, customers_total: u32) -> RevenueReport {
        let mrr = prefix_money(&self.mrr_diff[..self.width]);
        let customers = prefix_count(&self.customers_diff[..self.width]);
        let movements: Vec<Movements> = self.movements.iter().map(to_movements).collect();
        let mut months = Vec::with_capacity(self.n);
        for col in 1..=self.n {
            let mv = movements[col];
            // Against the previous month, retention is exactly the movements.
            let retention = Retention {
                start_customers: customers[col - 1],
                start_mrr: mrr[col - 1],
                churned_customers: mv.churned_customers,
                churned_mrr: mv.churn,
                expansion: mv.expansion,
                contraction: mv.contraction,
                new_or_reactivated_customers: mv.new_customers + mv.reactivated_customers,
                ..Retention::default()
            };
            months.push(MonthRevenue {
                month: self.first.add(col as i32 - 1),
                mrr: mrr[col],
                arr: Money(mrr[col].cents().saturating_mul(12)),
                customers: customers[col],
                arpu: div_round(mrr[col].cents(), i64::from(customers[col])).map(Money),
                movements: mv,
                retention: retention.finish(),
            });
        }
        let mut periods = self.period_reports(&mrr, &customers, &movements);
        let years = periods.split_off(self.n_quarters);
        let cohorts = self.cohorts();
        RevenueReport { customers_total, months, quarters: periods, years, cohorts }
    }

    fn period_reports(
        &self,
        mrr: &[Money],
        customers: &[u32],
        movements: &[Movements],
    ) -> Vec<PeriodRevenue> {
        let start_customers = prefix_count(&self.period_start_customers);
        let start_mrr = prefix_i128(&self.period_start_mrr);
        let mut out = Vec::with_capacity(self.periods.len());
        for (idx, p) in self.periods.iter().enumerate() {
            let mut sum = Movements::default();
            for mv in &movements[p.a..=p.b] {
                sum.add(mv);
            }
            let d = &self.period_direct[idx];
            let retention = Retention {
                start_customers: d.start_customers + start_customers[idx],
                start_mrr: money(d.start_mrr + start_mrr[idx]),
                churned_customers: d.churned_customers,
                churned_mrr: money(d.churned_mrr),
                expansion: money(d.expansion),
                contraction: money(d.contraction),
                new_or_reactivated_customers: d.new_or_reactivated,
                ..Retention::default()
            };
            out.push(PeriodRevenue {
                label: p.label.clone(),
                first: self.first.add(p.a as i32 - 1),
                last: self.first.add(p.b as i32 - 1),
                complete: p.complete,
                mrr_start: mrr[p.a - 1],
                mrr_end: mrr[p.b],
                customers_start: customers[p.a - 1],
                customers_end: customers[p.b],
                movements: sum,
                retention: retention.finish(),
            });
        }
        out
    }

    fn cohorts(&self) -> Vec<Cohort> {
        let mut cohorts = Vec::new();
        for c in 1..=self.n {
            let len = self.width - c;
            let active = prefix_count(&self.cohort_customers[c][..len]);
            let mrr = prefix_money(&self.cohort_mrr[c][..len]);
            let size = active[0];
            if size == 0 {
                continue;
            }
            let initial = mrr[0];
            let cells = (0..len)
                .map(|k| CohortCell {
                    months_since: k as u32,
                    month: self.first.add((c + k) as i32 - 1),
                    active_customers: active[k],
                    mrr: mrr[k],
                    logo_retention: ratio(f64::from(active[k]), f64::from(size)),
                    revenue_retention: ratio(mrr[k].cents() as f64, initial.cents() as f64),
                })
                .collect();
            cohorts.push(Cohort {
                first_month: self.first.add(c as i32 - 1),
                customers: size,
                initial_mrr: initial,
                cells,
            });
        }
        cohorts
    }
}

/// A non-negative exact sum as saturating `Money`.
fn money(sum: i128) -> Money {
    Money(sum.clamp(0, i128::from(i64::MAX)) as i64)
}

fn prefix_i128(diff: &[i128]) -> Vec<i128> {
    let mut running = 0i128;
    diff.iter()
        .map(|d| {
            running += d;
            running
        })
        .collect()
}

fn prefix_money(diff: &[i128]) -> Vec<Money> {
    prefix_i128(diff).into_iter().map(money).collect()
}

fn prefix_count(diff: &[i64]) -> Vec<u32> {
    let mut running = 0i64;
    diff.iter()
        .map(|d| {
            running += d;
            running.clamp(0, i64::from(u32::MAX)) as u32
        })
        .collect()
}

fn to_movements(m: &MoveSum) -> Movements {
    Movements {
        new: money(m.new),
        reactivation: money(m.reactivation),
        expansion: money(m.expansion),
        contraction: money(m.contraction),
        churn: money(m.churn),
        new_customers: m.counts[0],
        reactivated_customers: m.counts[1],
        expanded_customers: m.counts[2],
        contracted_customers: m.counts[3],
        churned_customers: m.counts[4],
    }
}
