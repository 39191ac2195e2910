//! The revenue pass of a single subscriptions dataset (the app's and the CLI's usual case),
//! grouped by customer id instead of by hash, without storing a contribution per row.
//!
//! A dataset's customer ids are dense (`0..customers`, in order of first appearance), and
//! two of its rows are the same customer exactly when their ids are equal (what
//! [`super::Names::same`] decides for them). One pass over the rows finds the analysed months
//! and whether every customer's rows are contiguous; then each run of equal ids is one
//! customer (most exports list a customer's rows together, and the generated bench files
//! do). Otherwise a stable counting sort by id lists every customer's row indices in input
//! order: 4 bytes a row and 4 a customer, where the hash pass keeps a 24-byte contribution
//! per row. Each customer's contributions are then built from its rows ([`super::span`], the
//! same function the hash pass uses), turned into segments ([`RowScratch`]) and folded into
//! the accumulators, one customer at a time; natively on several threads, each with its own
//! accumulators, added up at the end (every sum in them is exact, see
//! [`parallel`](super::parallel)). Customers are visited by id rather than by hash, which no
//! figure depends on.

use super::{open_end, span, window, Contribution, RevenueOptions, RevenueReport, RowScratch};
use super::{sparse, Span};
use crate::billing::Terms;
use records::{Date, Month, MonthOf, SubRow, Subscriptions};

/// How the rows are grouped by customer.
enum Groups {
    /// Every customer's rows are contiguous: each run of equal ids is one customer.
    Runs,
    /// Customer `c`'s row indices, in input order, are `order[start(c)..ends[c]]`, where
    /// `start(c)` is `ends[c - 1]` (0 for the first).
    Sorted { order: Vec<u32>, ends: Vec<u32> },
}

/// The revenue report of `subscriptions` (its only source) under `terms`: the report the
/// hash pass ([`super::Builder::finish`]) gives for the same rows.
pub(super) fn finish(
    terms: &Terms,
    subscriptions: &Subscriptions,
    options: &RevenueOptions,
    ranges: &[(Month, Month)],
) -> Option<RevenueReport> {
    let rows = subscriptions.rows();
    let (earliest, latest, grouped) = scan(terms, rows);
    let (first, n_months) = window(terms, earliest, latest, options)?;
    let groups = if grouped { Groups::Runs } else { sort(rows) };
    let pass = Pass { terms, rows, baseline: first.add(-1), width: n_months + 1, first, ranges };
    #[cfg(not(target_arch = "wasm32"))]
    match super::parallel::threads_for(rows.len()) {
        1 => {}
        threads => return pass.on_threads(&groups, threads),
    }
    let mut worker = pass.worker();
    match &groups {
        Groups::Runs => worker.runs(rows),
        Groups::Sorted { order, ends } => worker.sorted(order, ends, 0),
    }
    Some(worker.acc.finish(worker.customers))
}

/// The earliest and latest month of the rows that count (those the hash pass sees: the
/// start month, and the end month when it is later), and whether every customer's rows are
/// contiguous.
fn scan(terms: &Terms, rows: &[SubRow]) -> (Option<Month>, Option<Month>, bool) {
    // Days rather than months: a month is a monotone function of the day, so the months of
    // the extreme days are the extreme months, and only two days are converted.
    let (mut lo, mut hi): (Option<Date>, Option<Date>) = (None, None);
    let mut grouped = true;
    // The previous row's customer and the largest id so far: ids are handed out in order of
    // first appearance, so a customer's rows are contiguous when each row's id is the
    // previous row's or larger than any before (a new customer).
    let (mut prev, mut max): (Option<u32>, Option<u32>) = (None, None);
    for sub in rows {
        let id = sub.customer_id().0;
        if prev != Some(id) {
            if max.is_some_and(|m| id <= m) {
                grouped = false;
            } else {
                max = Some(id);
            }
            prev = Some(id);
        }
        let Some((start, end)) = terms.paid_days(sub) else { continue };
        if terms.amount(sub.amount(), sub.currency()).is_none() {
            continue;
        }
        if lo.is_none_or(|l| start < l) {
            lo = Some(start);
        }
        // An end in the start's month or before adds no later month than the start's.
        let last = end.map_or(start, |e| e.max(start));
        if hi.is_none_or(|h| last > h) {
            hi = Some(last);
        }
    }
    let month_of = MonthOf::default();
    (lo.map(|d| month_of.get(d)), hi.map(|d| month_of.get(d)), grouped)
}

/// A stable counting sort of the row indices by customer id ([`Groups::Sorted`]).
fn sort(rows: &[SubRow]) -> Groups {
    let n_ids = rows.iter().map(|r| r.customer_id().index() + 1).max().unwrap_or(0);
    let mut ends = vec![0u32; n_ids];
    let counts = ends.as_mut_slice();
    for r in rows {
        if let Some(n) = counts.get_mut(r.customer_id().index()) {
            *n += 1;
        }
    }
    // Each id's first slot, then (after the fill) one past its last.
    let mut next = 0u32;
    for n in counts.iter_mut() {
        next += std::mem::replace(n, next);
    }
    let mut order = vec![0u32; rows.len()];
    let slots = order.as_mut_slice();
    for (i, r) in (0u32..).zip(rows) {
        if let Some(at) = counts.get_mut(r.customer_id().index()) {
            if let Some(slot) = slots.get_mut(*at as usize) {
                *slot = i;
            }
            *at += 1;
        }
    }
    Groups::Sorted { order, ends }
}

/// What every worker of one pass shares.
struct Pass<'p> {
    terms: &'p Terms,
    rows: &'p [SubRow],
    first: Month,
    baseline: Month,
    width: usize,
    ranges: &'p [(Month, Month)],
}

impl<'p> Pass<'p> {
    fn worker(&self) -> Worker<'p> {
        Worker {
            terms: self.terms,
            rows: self.rows,
            month_of: MonthOf::default(),
            open_end: open_end(),
            baseline: self.baseline,
            width: self.width,
            scratch: RowScratch::default(),
            mine: Vec::new(),
            acc: sparse::Accumulators::new(self.first, self.width - 1, self.ranges),
            customers: 0,
        }
    }

    /// The pass on `threads` threads, each over a contiguous share of the customers with
    /// about as many rows as the others.
    #[cfg(not(target_arch = "wasm32"))]
    fn on_threads(&self, groups: &Groups, threads: usize) -> Option<RevenueReport> {
        let rows = self.rows;
        let run = |share: (usize, usize)| {
            let mut worker = self.worker();
            match groups {
                Groups::Runs => worker.runs(rows.get(share.0..share.1).unwrap_or(&[])),
                Groups::Sorted { order, ends } => {
                    let start = share.0.checked_sub(1).and_then(|i| ends.get(i)).copied();
                    let mine = ends.get(share.0..share.1).unwrap_or(&[]);
                    worker.sorted(order, mine, start.unwrap_or(0) as usize);
                }
            }
            worker
        };
        let shares = match groups {
            Groups::Runs => run_shares(rows, threads),
            Groups::Sorted { ends, .. } => id_shares(ends, threads),
        };
        let mut workers = std::thread::scope(|scope| {
            let (last, others) = shares.split_last()?;
            let handles: Vec<_> = others.iter().map(|&s| scope.spawn(move || run(s))).collect();
            // The last share on this thread.
            let mine = run(*last);
            let mut out: Vec<Worker<'_>> = handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect();
            out.push(mine);
            Some(out)
        })?;
        let mut total = workers.pop()?;
        for w in &workers {
            total.customers += w.customers;
            total.acc.merge(&w.acc);
        }
        Some(total.acc.finish(total.customers))
    }
}

/// Up to `threads` row ranges `(a, b)` of about equal length that cut no run of equal ids.
#[cfg(not(target_arch = "wasm32"))]
fn run_shares(rows: &[SubRow], threads: usize) -> Vec<(usize, usize)> {
    let mut shares = Vec::with_capacity(threads);
    let mut a = 0;
    for t in 1..=threads.max(1) {
        let mut b = (rows.len() * t / threads.max(1)).max(a);
        // Move the cut past the rows of the customer it falls into.
        while let (Some(x), Some(y)) = (rows.get(b.wrapping_sub(1)), rows.get(b)) {
            if b == a || x.customer_id() != y.customer_id() {
                break;
            }
            b += 1;
        }
        if b > a {
            shares.push((a, b));
        }
        a = b;
    }
    shares
}

/// Up to `threads` id ranges `(a, b)` with about equal rows, from the customers' `ends`.
#[cfg(not(target_arch = "wasm32"))]
fn id_shares(ends: &[u32], threads: usize) -> Vec<(usize, usize)> {
    let total = ends.last().copied().unwrap_or(0) as usize;
    let mut shares = Vec::with_capacity(threads);
    let mut a = 0;
    for t in 1..=threads.max(1) {
        // The share ends after the first id whose rows reach t/threads of all rows.
        let target = (total * t / threads.max(1)) as u32;
        let b = if t == threads.max(1) {
            ends.len()
        } else {
            ends.partition_point(|&e| e < target).saturating_add(1).min(ends.len()).max(a)
        };
        if b > a {
            shares.push((a, b));
        }
        a = b;
    }
    shares
}

/// One thread's customers: their contributions, segments and accumulators.
struct Worker<'p> {
    terms: &'p Terms,
    rows: &'p [SubRow],
    month_of: MonthOf,
    open_end: Month,
    baseline: Month,
    width: usize,
    scratch: RowScratch,
    /// The contributions of the current customer, in input order.
    mine: Vec<Contribution>,
    acc: sparse::Accumulators,
    customers: u32,
}

impl Worker<'_> {
    /// Folds in the customer of `rows` (its rows, in input order; at least one).
    fn customer<'r>(&mut self, rows: impl Iterator<Item = &'r SubRow>) {
        self.mine.clear();
        for (row, sub) in (0u32..).zip(rows) {
            let Span { units, from, to, .. } = span(self.terms, self.month_of, self.open_end, sub);
            self.mine.push(Contribution { units, hash: 0, row, from, to });
        }
        let (segments, paid_before) = match self.mine.as_slice() {
            [] => return,
            [one] => self.scratch.build_one(one, self.baseline, self.width),
            many => self.scratch.build_many(many.iter(), self.baseline, self.width),
        };
        self.acc.add_customer(segments, paid_before);
        self.customers += 1;
    }

    /// Every customer of `rows`, whose customers' rows are contiguous.
    fn runs(&mut self, rows: &[SubRow]) {
        let mut rest = rows;
        while let Some(first) = rest.first() {
            let id = first.customer_id();
            let n = rest.iter().position(|r| r.customer_id() != id).unwrap_or(rest.len());
            let (mine, after) = rest.split_at(n);
            self.customer(mine.iter());
            rest = after;
        }
    }

    /// The customers whose ends in `order` are `ends` (a sorted pass, [`Groups::Sorted`]),
    /// the first of them starting at `start`: ids without rows are no customers.
    fn sorted(&mut self, order: &[u32], ends: &[u32], mut start: usize) {
        let all = self.rows;
        for &end in ends {
            let indices = order.get(start..end as usize).unwrap_or(&[]);
            if !indices.is_empty() {
                self.customer(indices.iter().filter_map(|&i| all.get(i as usize)));
            }
            start = end as usize;
        }
    }
}
