//! Per-month, per-period and per-cohort accumulators fed by each customer's change points.
//!
//! A customer's MRR row is piecewise constant: a list of segments `(first column, value)`
//! whose adjacent values differ. Everything the report needs changes only at segment starts
//! or is constant over a segment, so a customer costs O(segments), not O(months):
//! - MRR and customer counts are range adds on difference arrays;
//! - movements happen only at segment starts, and the monthly retention is the movements
//!   plus the previous month's MRR and count (see [`Accumulators::finish`]);
//! - a period's start customers and start MRR are the MRR and count of the month before it;
//!   a quarter or year that contains no segment start has the same value at both ends and
//!   no new movement, so it adds nothing else. Periods containing a segment start (at most
//!   two per start) are evaluated directly, scanning forward from that start;
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

/// Retention sums of one period beyond its start (which the month totals give).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RetSum {
    pub(super) churned_customers: u32,
    pub(super) churned_mrr: i128,
    pub(super) expansion: i128,
    pub(super) contraction: i128,
    pub(super) new_or_reactivated: u32,
}

/// A quarter or year as column range `a..=b` (1-based, reported months).
struct Period {
    label: String,
    a: usize,
    b: usize,
    complete: bool,
}

/// Period index (into `Accumulators::periods`) of every column, for quarters and for years;
/// column 0 has none.
fn period_of_col(periods: &[Period], range: std::ops::Range<usize>, width: usize) -> Box<[u32]> {
    let mut of_col = vec![u32::MAX; width];
    for idx in range {
        let p = &periods[idx];
        for slot in of_col.iter_mut().take(p.b + 1).skip(p.a) {
            *slot = idx as u32;
        }
    }
    of_col.into_boxed_slice()
}

pub(super) struct Accumulators {
    first: Month,
    n: usize,
    width: usize,
    // Boxed slices rather than `Vec`s: the release profile optimises for size, and there
    // indexing a `Vec` stays a function call while indexing a slice is inline.
    mrr_diff: Box<[i128]>,
    customers_diff: Box<[i64]>,
    movements: Box<[MoveSum]>,
    periods: Vec<Period>,
    n_quarters: usize,
    n_years: usize,
    /// Period index of every column, one layer of non-overlapping periods each: quarters,
    /// years, then the requested ranges (as few layers as keep each layer's ranges apart).
    period_of_col: Vec<Box<[u32]>>,
    /// Per-layer scratch of `add_customer`: the last period a segment start was seen in.
    last_period: Vec<u32>,
    period_sums: Box<[RetSum]>,
    /// Difference arrays of cohort row c (1-based start column), indexed by months since;
    /// row c starts at `cohort_start[c]` and has `width − c + 1` entries.
    cohort_start: Box<[usize]>,
    cohort_customers: Box<[i64]>,
    cohort_mrr: Box<[i128]>,
}

impl Accumulators {
    /// Accumulators for the `n` months from `first`, with quarters, years and the given
    /// ranges of months (first, last; clipped to the analysed months, marked incomplete then).
    pub(super) fn new(first: Month, n: usize, ranges: &[(Month, Month)]) -> Accumulators {
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
        let n_years = periods.len() - n_quarters;
        let mut period_of_col = vec![
            period_of_col(&periods, 0..n_quarters, width),
            period_of_col(&periods, n_quarters..periods.len(), width),
        ];
        // Ranges, each put into the first layer where it overlaps no other range.
        let mut layers: Vec<Vec<usize>> = Vec::new();
        for &(a, b) in ranges {
            let (a, b) = (a.min(b), a.max(b));
            let (lo, hi) = (a.since(first) + 1, b.since(first) + 1);
            if hi < 1 || lo > n as i32 {
                continue;
            }
            let (ca, cb) = (lo.max(1) as usize, (hi as usize).min(n));
            let label = crate::period::Period::Range(a, b).key();
            if periods.iter().skip(n_quarters + n_years).any(|p| p.label == label) {
                continue;
            }
            let complete = lo >= 1 && hi as usize <= n;
            let idx = periods.len();
            periods.push(Period { label, a: ca, b: cb, complete });
            let fits =
                |layer: &Vec<usize>| layer.iter().all(|&j| periods[j].b < ca || periods[j].a > cb);
            match layers.iter_mut().find(|l| fits(l)) {
                Some(layer) => layer.push(idx),
                None => layers.push(vec![idx]),
            }
        }
        for layer in &layers {
            let mut of_col = vec![u32::MAX; width];
            for &idx in layer {
                let p = &periods[idx];
                for slot in of_col.iter_mut().take(p.b + 1).skip(p.a) {
                    *slot = idx as u32;
                }
            }
            period_of_col.push(of_col.into_boxed_slice());
        }
        let n_periods = periods.len();
        let cohort_start: Box<[usize]> = (0..=width)
            .scan(0, |next, c| Some(std::mem::replace(next, *next + width + 1 - c)))
            .collect();
        let cohort_len = cohort_start.last().copied().unwrap_or(0);
        Accumulators {
            first,
            n,
            width,
            mrr_diff: vec![0; width + 1].into(),
            customers_diff: vec![0; width + 1].into(),
            movements: vec![MoveSum::default(); width].into(),
            periods,
            n_quarters,
            n_years,
            last_period: vec![u32::MAX; period_of_col.len()],
            period_of_col,
            period_sums: vec![RetSum::default(); n_periods].into(),
            cohort_start,
            cohort_customers: vec![0; cohort_len].into(),
            cohort_mrr: vec![0; cohort_len].into(),
        }
    }

    /// Folds one customer in: `segs` starts at column 0, adjacent values differ, all ≥ 0.
    pub(super) fn add_customer(&mut self, segs: &[Segment], paid_before: bool) {
        let Some(&(_, v0)) = segs.first() else { return };
        let mut ever = paid_before || v0 > 0;
        let cohort = cohort_of(segs, paid_before);
        let mut last_period = std::mem::take(&mut self.last_period);
        last_period.fill(u32::MAX);
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
            // At a period's first segment start, `p` is its start value.
            self.add_period_starts(&mut last_period, s, |period| period_move(segs, j, period.b));
        }
        self.last_period = last_period;
    }

    /// [`Accumulators::add_customer`] for the row of a customer with a single contribution
    /// that pays (`RowScratch::build_one`'s row: `value` > 0 in the columns `lo..hi`, 0
    /// elsewhere), in straight-line code: most customers have one row, and the general loop
    /// was a sixth of the report in wasm.
    pub(super) fn add_single(&mut self, lo: usize, hi: usize, value: i64, paid_before: bool) {
        let v = i128::from(value);
        // A first payment inside the range is the customer's cohort, unless it paid before.
        let cohort = (lo > 0 && !paid_before).then_some(lo);
        self.add_segment(lo, hi, value, cohort);
        let ends = hi < self.width;
        if let (true, Some(mv)) = (lo > 0, self.movements.get_mut(lo)) {
            let kind = if paid_before { Move::Reactivation } else { Move::New };
            match kind {
                Move::Reactivation => mv.reactivation += v,
                _ => mv.new += v,
            }
            mv.counts[kind as usize] += 1;
        }
        if let (true, Some(mv)) = (ends, self.movements.get_mut(hi)) {
            mv.churn += v;
            mv.counts[Move::Churn as usize] += 1;
        }
        // Per layer of periods: the start's period sees a new or reactivated customer, the
        // end's period (when another) a churned one (`period_move` of these rows).
        for of_col in &self.period_of_col {
            let at_lo = if lo > 0 { of_col.get(lo).copied().unwrap_or(u32::MAX) } else { u32::MAX };
            if let Some(sum) = self.period_sums.get_mut(at_lo as usize) {
                sum.new_or_reactivated += 1;
            }
            let at_hi = if ends { of_col.get(hi).copied().unwrap_or(u32::MAX) } else { u32::MAX };
            if at_hi != at_lo {
                if let Some(sum) = self.period_sums.get_mut(at_hi as usize) {
                    sum.churned_customers += 1;
                    sum.churned_mrr += v;
                }
            }
        }
    }

    /// Folds one customer's row within a segment in (`segs`), next to its total row
    /// (`total`): both start at column 0, adjacent values differ, all ≥ 0. Movements and
    /// period retention follow the segment row but are classified by the total: MRR that
    /// arrives in the segment while the customer already pays (in another segment) is
    /// expansion, MRR that leaves it while the customer still pays is contraction; new,
    /// reactivation and churn are the customer's own. The cohort is the customer's first
    /// paying month, when it paid in this segment then.
    pub(super) fn add_customer_in_segment(
        &mut self,
        segs: &[Segment],
        total: &[Segment],
        paid_before: bool,
    ) {
        if segs.is_empty() {
            return;
        }
        let first_paid = total.iter().find(|s| s.1 > 0).map(|s| s.0 as usize);
        let ever_before = |col: usize| paid_before || first_paid.is_some_and(|c| c < col);
        let cohort = match first_paid {
            Some(c) if !paid_before && c > 0 && value_at(segs, c) > 0 => Some(c),
            _ => None,
        };
        let mut last_period = std::mem::take(&mut self.last_period);
        last_period.fill(u32::MAX);
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
            match between_segments(total, s, p, v) {
                Some(Move::Expansion) => {
                    let mv = &mut self.movements[s];
                    mv.expansion += i128::from(v);
                    mv.counts[2] += 1;
                }
                Some(_) => {
                    let mv = &mut self.movements[s];
                    mv.contraction += i128::from(p);
                    mv.counts[3] += 1;
                }
                None => self.add_movement(s, p, v, &mut ever_before(s)),
            }
            self.add_period_starts(&mut last_period, s, |period| {
                PeriodMove::Sum(period_sum_in_segment(segs, total, j, (period.a, period.b)))
            });
        }
        self.last_period = last_period;
    }

    /// Adds `part(period)` to the retention sums of every period whose first segment start in
    /// the customer's row is column `s` (`last_period` remembers, per period layer, the period
    /// already counted for this customer).
    fn add_period_starts(
        &mut self,
        last_period: &mut [u32],
        s: usize,
        part: impl Fn(&Period) -> PeriodMove,
    ) {
        for (of_col, last) in self.period_of_col.iter().zip(last_period.iter_mut()) {
            let idx = of_col.get(s).copied().unwrap_or(u32::MAX);
            if idx != *last {
                *last = idx;
                if let Some(period) = self.periods.get(idx as usize) {
                    if let Some(sum) = self.period_sums.get_mut(idx as usize) {
                        sum.add_move(part(period));
                    }
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
        if let Some(c) = cohort {
            let row = self.cohort_start[c] - c;
            self.cohort_customers[row + s] += 1;
            self.cohort_customers[row + e] -= 1;
            self.cohort_mrr[row + s] += v128;
            self.cohort_mrr[row + e] -= v128;
        }
    }

    fn add_movement(&mut self, col: usize, prev: i64, cur: i64, ever: &mut bool) {
        let mv = &mut self.movements[col];
        let (kind, amount) = movement(prev, cur, ever);
        let amount = i128::from(amount);
        match kind {
            Move::New => mv.new += amount,
            Move::Reactivation => mv.reactivation += amount,
            Move::Expansion => mv.expansion += amount,
            Move::Contraction => mv.contraction += amount,
            Move::Churn => mv.churn += amount,
        }
        mv.counts[kind as usize] += 1;
    }

    /// Adds `other`'s sums (the same months and periods, other customers) to these: every
    /// sum is exact (`i128`, counts), so the customers may be shared out over accumulators
    /// in any way. Used by [`super::parallel`].
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn merge(&mut self, other: &Accumulators) {
        fn add<T: Copy + std::ops::AddAssign>(into: &mut [T], from: &[T]) {
            for (a, &b) in into.iter_mut().zip(from) {
                *a += b;
            }
        }
        add(&mut self.mrr_diff, &other.mrr_diff);
        add(&mut self.customers_diff, &other.customers_diff);
        add(&mut self.cohort_customers, &other.cohort_customers);
        add(&mut self.cohort_mrr, &other.cohort_mrr);
        for (a, b) in self.movements.iter_mut().zip(other.movements.iter()) {
            a.new += b.new;
            a.reactivation += b.reactivation;
            a.expansion += b.expansion;
            a.contraction += b.contraction;
            a.churn += b.churn;
            for (x, y) in a.counts.iter_mut().zip(b.counts) {
                *x += y;
            }
        }
        for (a, b) in self.period_sums.iter_mut().zip(other.period_sums.iter()) {
            a.add(b);
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
        let ranges = periods.split_off(self.n_quarters + self.n_years);
        let years = periods.split_off(self.n_quarters);
        let cohorts = self.cohorts();
        RevenueReport { customers_total, months, quarters: periods, years, ranges, cohorts }
    }

    fn period_reports(
        &self,
        mrr: &[Money],
        customers: &[u32],
        movements: &[Movements],
    ) -> Vec<PeriodRevenue> {
        let mut out = Vec::with_capacity(self.periods.len());
        for (idx, p) in self.periods.iter().enumerate() {
            let mut sum = Movements::default();
            for mv in &movements[p.a..=p.b] {
                sum.add(mv);
            }
            let d = &self.period_sums[idx];
            let retention = Retention {
                start_customers: customers[p.a - 1],
                start_mrr: mrr[p.a - 1],
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
            let row = self.cohort_start[c]..self.cohort_start[c] + len;
            let active = prefix_count(&self.cohort_customers[row.clone()]);
            let mrr = prefix_money(&self.cohort_mrr[row]);
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

/// One customer's part of a period's retention ([`period_move`]): at most one of the sums
/// changes, so only that one is added (a whole [`RetSum`] of `i128`s per period start was a
/// twentieth of the report in wasm).
#[derive(Debug, Clone, Copy)]
pub(super) enum PeriodMove {
    Nothing,
    /// A start customer at 0 at the end, with its start MRR.
    Churned(i64),
    Expansion(i64),
    Contraction(i64),
    NewOrReactivated,
    /// Any sum (the rows within a segment).
    Sum(RetSum),
}

impl From<PeriodMove> for RetSum {
    fn from(part: PeriodMove) -> RetSum {
        let mut sum = RetSum::default();
        sum.add_move(part);
        sum
    }
}

impl RetSum {
    fn add_move(&mut self, part: PeriodMove) {
        match part {
            PeriodMove::Nothing => {}
            PeriodMove::Churned(mrr) => {
                self.churned_customers += 1;
                self.churned_mrr += i128::from(mrr);
            }
            PeriodMove::Expansion(x) => self.expansion += i128::from(x),
            PeriodMove::Contraction(x) => self.contraction += i128::from(x),
            PeriodMove::NewOrReactivated => self.new_or_reactivated += 1,
            PeriodMove::Sum(sum) => self.add(&sum),
        }
    }

    fn add(&mut self, other: &RetSum) {
        self.churned_customers += other.churned_customers;
        self.churned_mrr += other.churned_mrr;
        self.expansion += other.expansion;
        self.contraction += other.contraction;
        self.new_or_reactivated += other.new_or_reactivated;
    }
}

/// A movement kind, in the order of `MoveSum::counts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    New = 0,
    Reactivation = 1,
    Expansion = 2,
    Contraction = 3,
    Churn = 4,
}

/// The movement of a customer whose MRR goes from `prev` to `cur` (they differ) at a segment
/// start, and its amount; `ever` says whether it paid before and is updated.
#[inline]
pub(super) fn movement(prev: i64, cur: i64, ever: &mut bool) -> (Move, i64) {
    if prev == 0 {
        let kind = if *ever { Move::Reactivation } else { Move::New };
        *ever = true;
        (kind, cur)
    } else if cur == 0 {
        (Move::Churn, prev)
    } else if cur > prev {
        (Move::Expansion, cur - prev)
    } else {
        (Move::Contraction, prev - cur)
    }
}

/// The cohort of a customer's row: the column of its "new" movement, i.e. its first positive
/// segment when it has not paid before (`None` if it paid before or at the baseline).
pub(super) fn cohort_of(segs: &[Segment], paid_before: bool) -> Option<usize> {
    let ever = paid_before || segs.first().is_some_and(|s| s.1 > 0);
    if ever {
        None
    } else {
        segs.iter().find(|s| s.1 > 0).map(|s| s.0 as usize)
    }
}

/// One customer's part of the retention of the period of columns `a..=b` (what
/// `add_customer` adds for it): [`period_sum`] from its first segment start in the period,
/// nothing without one.
pub(super) fn period_part(segs: &[Segment], a: usize, b: usize) -> RetSum {
    let j = segs.partition_point(|s| (s.0 as usize) < a);
    match segs.get(j) {
        Some(&(col, _)) if j >= 1 && col as usize <= b => period_sum(segs, j, b),
        _ => RetSum::default(),
    }
}

/// Within a segment, the change from `p` to `v` at column `s` while the customer's total
/// row is `total`: MRR arriving from another segment of a paying customer is expansion,
/// MRR leaving to another while it still pays is contraction (`None`: the customer's own
/// movement, [`movement`]).
pub(super) fn between_segments(total: &[Segment], s: usize, p: i64, v: i64) -> Option<Move> {
    let (tp, tv) = (value_at(total, s - 1), value_at(total, s));
    if p == 0 && tp > 0 {
        Some(Move::Expansion)
    } else if v == 0 && p > 0 && tv > 0 {
        Some(Move::Contraction)
    } else {
        None
    }
}

/// [`period_part`] of a customer's row `segs` within a segment, its total row `total`.
pub(super) fn period_part_in_segment(
    segs: &[Segment],
    total: &[Segment],
    a: usize,
    b: usize,
) -> RetSum {
    let j = segs.partition_point(|s| (s.0 as usize) < a);
    match segs.get(j) {
        Some(&(col, _)) if j >= 1 && col as usize <= b => {
            period_sum_in_segment(segs, total, j, (a, b))
        }
        _ => RetSum::default(),
    }
}

/// One customer's part of a period whose first segment start is `segs[j]` (`j ≥ 1`) and whose
/// last column is `b`: the start value is the segment before `j`, the end value the last
/// segment starting at or before `b`.
fn period_sum(segs: &[Segment], j: usize, b: usize) -> RetSum {
    period_move(segs, j, b).into()
}

/// [`period_sum`] as the one sum it changes.
fn period_move(segs: &[Segment], j: usize, b: usize) -> PeriodMove {
    let start = segs.get(j.wrapping_sub(1)).map_or(0, |s| s.1);
    let mut end = start;
    let mut any_new = false;
    let mut prev = start;
    for &(col, value) in segs.get(j..).unwrap_or(&[]) {
        if col as usize > b {
            break;
        }
        any_new |= prev == 0;
        prev = value;
        end = value;
    }
    if start > 0 {
        if end == 0 {
            PeriodMove::Churned(start)
        } else if end > start {
            PeriodMove::Expansion(end - start)
        } else {
            PeriodMove::Contraction(start - end)
        }
    } else if any_new {
        // A new or reactivation movement is a segment start inside the period after a zero.
        PeriodMove::NewOrReactivated
    } else {
        PeriodMove::Nothing
    }
}

/// The value of a row at column `col`.
pub(super) fn value_at(segs: &[Segment], col: usize) -> i64 {
    let after = segs.partition_point(|s| s.0 as usize <= col);
    segs.get(after.wrapping_sub(1)).map_or(0, |s| s.1)
}

/// [`period_sum`] within a segment: a start customer of the segment whose segment MRR is 0
/// at the end while it still pays is contraction (it moved), not churn; a customer who paid
/// at the start in another segment and pays in this one at the end is expansion; new or
/// reactivated are those who did not pay at all at the start and came to the segment from 0
/// while paying nothing before.
fn period_sum_in_segment(
    segs: &[Segment],
    total: &[Segment],
    j: usize,
    (a, b): (usize, usize),
) -> RetSum {
    let mut ret = RetSum::default();
    let start = segs.get(j.wrapping_sub(1)).map_or(0, |s| s.1);
    let (total_start, end, total_end) =
        (value_at(total, a - 1), value_at(segs, b), value_at(total, b));
    let mut any_new = false;
    let mut prev = start;
    for &(col, value) in segs.get(j..).unwrap_or(&[]) {
        if col as usize > b {
            break;
        }
        any_new |= prev == 0 && value_at(total, col as usize - 1) == 0;
        prev = value;
    }
    if start > 0 {
        if end == 0 && total_end == 0 {
            ret.churned_customers = 1;
            ret.churned_mrr = i128::from(start);
        } else if end > start {
            ret.expansion = i128::from(end - start);
        } else {
            ret.contraction = i128::from(start - end);
        }
    } else if total_start > 0 {
        ret.expansion = i128::from(end);
    } else if any_new {
        ret.new_or_reactivated = 1;
    }
    ret
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
