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
use super::{single, sparse, DayMonths, Span};
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
    // Natively, a large pass goes on all cores.
    #[cfg(not(target_arch = "wasm32"))]
    let threads = super::parallel::threads_for(subscriptions.len());
    #[cfg(target_arch = "wasm32")]
    let threads = 1;
    finish_on(terms, subscriptions, options, ranges, threads)
}

/// [`finish`] on `threads` threads (one in the wasm build).
fn finish_on(
    terms: &Terms,
    subscriptions: &Subscriptions,
    options: &RevenueOptions,
    ranges: &[(Month, Month)],
    threads: usize,
) -> Option<RevenueReport> {
    let rows = subscriptions.rows();
    let (earliest, latest, grouped) = scan(terms, rows);
    let (first, n_months) = window(terms, earliest, latest, options)?;
    let groups = if grouped { Groups::Runs } else { sort(rows) };
    let months = DayMonths::ending_after(first.add(n_months as i32 - 1));
    let pass = Pass {
        terms,
        rows,
        months: &months,
        baseline: first.add(-1),
        width: n_months + 1,
        first,
        ranges,
    };
    #[cfg(not(target_arch = "wasm32"))]
    if threads > 1 {
        return pass.on_threads(&groups, threads);
    }
    #[cfg(target_arch = "wasm32")]
    let _ = threads;
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
    months: &'p DayMonths,
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
            months: self.months,
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
            (worker.customers, worker.acc)
        };
        let shares = match groups {
            Groups::Runs => run_shares(rows, threads),
            Groups::Sorted { ends, .. } => id_shares(ends, threads),
        };
        super::parallel::merged(super::parallel::on_threads(shares, run))
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
    months: &'p DayMonths,
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
        let (terms, months, open_end) = (self.terms, self.months, self.open_end);
        self.mine.clear();
        self.mine.extend(rows.map(|sub| {
            let Span { units, from, to, .. } = span(terms, months, open_end, sub);
            Contribution { units, hash: 0, row: 0, from, to }
        }));
        let (segments, paid_before) = match self.mine.as_slice() {
            [] => return,
            [one] => {
                let one = *one;
                return self.single(&one);
            }
            many => self.scratch.build_many(many.iter(), self.baseline, self.width),
        };
        self.acc.add_customer(segments, paid_before);
        self.customers += 1;
    }

    /// Folds in the customer of the one row `sub`.
    fn one(&mut self, sub: &SubRow) {
        let Span { units, from, to, .. } = span(self.terms, self.months, self.open_end, sub);
        self.single(&Contribution { units, hash: 0, row: 0, from, to });
    }

    /// Folds in a customer with the single contribution `c`.
    fn single(&mut self, c: &Contribution) {
        self.customers += 1;
        if let (Some((lo, hi, value)), paid_before) = single(c, self.baseline, self.width) {
            self.acc.add_single(lo as usize, hi as usize, value, paid_before);
        }
    }

    /// Every customer of `rows`, whose customers' rows are contiguous.
    fn runs(&mut self, rows: &[SubRow]) {
        let mut rest = rows;
        while let Some(first) = rest.first() {
            let id = first.customer_id();
            let n = rest.iter().position(|r| r.customer_id() != id).unwrap_or(rest.len());
            let (mine, after) = rest.split_at(n);
            match mine {
                [sub] => self.one(sub),
                _ => self.customer(mine.iter()),
            }
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

#[cfg(test)]
mod tests {
    use super::super::reference::tests::{arb_as_of, arb_options, arb_ranges, arb_sub, arb_terms};
    use super::super::{Builder, RowScratch};
    use super::*;
    use crate::billing::CurrencyOptions;
    use proptest::prelude::*;
    use records::{BillingInterval, Dataset, DatasetKind, Money, Subscription};

    /// The hash pass over the same rows (their contributions built and grouped by hash), on
    /// one thread.
    fn hash_pass(
        terms: &Terms,
        subs: &Subscriptions,
        options: &RevenueOptions,
        ranges: &[(Month, Month)],
    ) -> Option<RevenueReport> {
        let mut b = Builder::new(terms.clone());
        b.add_subscriptions(subs);
        b.materialise();
        b.finish_on_one_thread(options, ranges)
    }

    fn terms(as_of: Option<Date>, money: &CurrencyOptions, subs: &Subscriptions) -> Terms {
        Terms::new(as_of, money, &[subs], &[]).0
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Random rows of six customers, as they come (mostly not grouped: the counting
        /// sort) and stably sorted by customer (grouped: the runs), on 1 to 4 threads.
        #[test]
        fn customer_ids_give_the_hash_pass_report(
            subs in proptest::collection::vec(arb_sub(), 0..60),
            options in arb_options(),
            ranges in arb_ranges(),
            as_of in arb_as_of(),
            money in arb_terms(),
            threads in 1usize..5,
        ) {
            let mut grouped = subs.clone();
            grouped.sort_by(|a, b| a.customer.as_str().cmp(b.customer.as_str()));
            for rows in [subs, grouped] {
                let rows = Subscriptions::from(rows);
                let terms = terms(as_of, &money, &rows);
                let want = hash_pass(&terms, &rows, &options, &ranges);
                let got = finish_on(&terms, &rows, &options, &ranges, threads);
                prop_assert_eq!(got, want);
            }
        }

        /// A customer with one contribution is folded in by `add_single` exactly as by the
        /// general row (`build_one` → `add_customer`), whatever its columns, amount and the
        /// periods.
        #[test]
        fn a_single_row_folds_in_like_the_general_row(
            from in -5i32..40,
            len in -3i32..40,
            units in prop_oneof![-30i64..400, any::<i64>()],
            n in 1usize..30,
            ranges in arb_ranges(),
        ) {
            let first = Month::from_ym(2021, 6).unwrap().add(3);
            let baseline = first.add(-1);
            let r = Contribution { units, hash: 0, row: 0, from: first.add(from), to: first.add(from + len) };
            let mut general = sparse::Accumulators::new(first, n, &ranges);
            let mut scratch = RowScratch::default();
            let (segs, paid_before) = scratch.build_one(&r, baseline, n + 1);
            general.add_customer(segs, paid_before);
            let mut straight = sparse::Accumulators::new(first, n, &ranges);
            if let (Some((lo, hi, value)), paid_before) = single(&r, baseline, n + 1) {
                straight.add_single(lo as usize, hi as usize, value, paid_before);
            }
            prop_assert_eq!(straight.finish(1), general.finish(1));
        }
    }

    /// Generated exports (rows grouped by customer, as the bench files) and the same rows
    /// shuffled (the counting sort), with and without an as-of day, on 1 to 3 threads.
    #[test]
    fn generated_rows_give_the_hash_pass_report() {
        let Dataset::Subscriptions(grouped) =
            sample::generate(DatasetKind::Subscriptions, 20_000, 7)
        else {
            unreachable!()
        };
        let mut shuffled = grouped.to_vec();
        // A fixed permutation: rows i and (i × 7919) mod n swap places.
        let n = shuffled.len();
        for i in 0..n {
            shuffled.swap(i, i * 7919 % n);
        }
        let shuffled = Subscriptions::from(shuffled);
        let as_of = Date::from_ymd(2025, 6, 15);
        let options = RevenueOptions::default();
        let ranges = [(Month::from_ym(2024, 11).unwrap(), Month::from_ym(2025, 4).unwrap())];
        for (rows, is_grouped) in [(&grouped, true), (&shuffled, false)] {
            assert_eq!(scan(&Terms::default(), rows.rows()).2, is_grouped);
            for day in [None, as_of] {
                let terms = terms(day, &CurrencyOptions::default(), rows);
                let want = hash_pass(&terms, rows, &options, &ranges);
                assert!(want.as_ref().is_some_and(|r| r.customers_total > 1_000));
                for threads in 1..=3 {
                    let got = finish_on(&terms, rows, &options, &ranges, threads);
                    assert!(got == want, "{threads} threads, grouped {is_grouped}, as of {day:?}");
                }
            }
        }
    }

    /// Three customers, B's rows apart (the counting sort): MRR and movements by hand.
    #[test]
    fn a_small_file_by_hand() {
        let day = |y, m, d| Date::from_ymd(y, m, d).unwrap();
        let row = |c: &str, start, end, cents, months| Subscription {
            interval: BillingInterval::of_months(months).unwrap(),
            ..Subscription::new(c, start, end, Money(cents))
        };
        let rows = Subscriptions::from(vec![
            // A: 30.00 a month from 10 January.
            row("A", day(2025, 1, 10), None, 3_000, 1),
            // B: 10.00 a month in February and March, and 120.00 a year from 5 March.
            row("B", day(2025, 2, 1), Some(day(2025, 4, 1)), 1_000, 1),
            // C: 5.00 a month, ended on 15 March (so not active at the end of March).
            row("C", day(2025, 1, 1), Some(day(2025, 3, 15)), 500, 1),
            row("B", day(2025, 3, 5), None, 12_000, 12),
        ]);
        assert!(!scan(&Terms::default(), rows.rows()).2);
        let options = RevenueOptions { until: Month::from_ym(2025, 5), max_months: 120 };
        for threads in [1, 2] {
            let r = finish_on(&Terms::default(), &rows, &options, &[], threads).unwrap();
            assert_eq!(r.customers_total, 3);
            let mrr: Vec<i64> = r.months.iter().map(|m| m.mrr.cents()).collect();
            assert_eq!(mrr, [3_500, 4_500, 5_000, 4_000, 4_000]);
            let customers: Vec<u32> = r.months.iter().map(|m| m.customers).collect();
            assert_eq!(customers, [2, 3, 2, 2, 2]);
            let [jan, feb, mar, apr, _] = [0, 1, 2, 3, 4].map(|i| r.months[i].movements);
            assert_eq!((jan.new.cents(), jan.new_customers), (3_500, 2));
            assert_eq!((feb.new.cents(), feb.new_customers), (1_000, 1));
            assert_eq!((mar.expansion.cents(), mar.churn.cents()), (1_000, 500));
            assert_eq!((apr.contraction.cents(), apr.contracted_customers), (1_000, 1));
        }
    }

    /// The day table gives every day's month, inside it, at its edges and outside it.
    #[test]
    fn the_day_table_gives_every_days_month() {
        for until in [Month::from_ym(2025, 6).unwrap(), Month::from_ym(1901, 2).unwrap()] {
            let months = DayMonths::ending_after(until);
            assert_eq!(months.table.len(), DayMonths::DAYS);
            // 400 days past the first day of `until`: its whole month is in the table.
            assert_eq!(i64::from(months.first) + 16_384, i64::from(until.first_day().days()) + 400);
            let plain = DayMonths::default();
            for d in months.first - 800..months.first + DayMonths::DAYS as i32 + 800 {
                let day = Date::from_days(d);
                assert_eq!(months.get(day), day.month(), "day {d}");
                assert_eq!(plain.get(day), day.month(), "day {d}");
            }
        }
    }

    #[test]
    fn shares_cut_no_customer_and_cover_every_row() {
        let rows = Subscriptions::from(
            ["a", "a", "b", "c", "c", "c", "d"]
                .iter()
                .map(|c| Subscription::new(c, Date::from_days(0), None, Money(100)))
                .collect::<Vec<_>>(),
        );
        // Half of 7 rows is row 3, where "c" starts: a clean cut. In thirds, row 2 starts
        // "b" (clean) and row 4 falls inside "c", so that cut moves past "c" to row 6.
        assert_eq!(run_shares(rows.rows(), 2), vec![(0, 3), (3, 7)]);
        assert_eq!(run_shares(rows.rows(), 3), vec![(0, 2), (2, 6), (6, 7)]);
        assert_eq!(run_shares(rows.rows(), 1), vec![(0, 7)]);
        // Ends of 4 ids with 2, 0, 5, 1 rows: halves at 4 rows fall after id 2.
        let ends = [2, 2, 7, 8];
        assert_eq!(id_shares(&ends, 2), vec![(0, 3), (3, 4)]);
        assert_eq!(id_shares(&ends, 1), vec![(0, 4)]);
        assert_eq!(id_shares(&[], 2), vec![]);
    }
}
