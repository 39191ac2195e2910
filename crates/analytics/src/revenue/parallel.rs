//! The revenue pass on several threads (native builds only; the wasm build stays on one).
//!
//! The grouping by customer ([`super::group`]) is already a hash partition: a customer's
//! contributions all share their hash, so whole partitions can go to different threads.
//! One pass partitions the contributions by the top [`TOP_BITS`] bits of their hash (256
//! write streams, which stay in the cache); the partitions are shared out over the threads
//! in contiguous runs of about equal size, and every thread groups its run by the bits below
//! ([`group::for_each_customer_below`]) into its own accumulators. The accumulators are then
//! added up: every sum in them is exact ([`sparse`](super::sparse) keeps `i128`), and each
//! customer's rows still come in input order, so the report is the one of a single thread,
//! to the cent (the tests below compare both).

use super::{group, sparse, Builder, Contribution, RevenueOptions, RevenueReport, RowScratch};
use records::Month;

/// Hash bits of the first, shared partitioning pass.
const TOP_BITS: u32 = 8;

/// Below this many contributions the pass stays on one thread: starting a thread costs more
/// than grouping them.
const MIN_ROWS: usize = 1 << 16;

/// The threads [`Builder::finish`] uses for `rows` contributions: the available cores for a
/// large pass, else one.
pub(super) fn threads_for(rows: usize) -> usize {
    if rows < MIN_ROWS {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

impl Builder<'_> {
    /// [`Builder::finish`] on `threads` threads (the report is the same for any number).
    pub(super) fn finish_on_threads(
        mut self,
        options: &RevenueOptions,
        ranges: &[(Month, Month)],
        threads: usize,
    ) -> Option<RevenueReport> {
        let (first, n_months) = self.window(options)?;
        let baseline = first.add(-1);
        let names = &self.names;
        let same = |a, b| names.same(a, b);
        let new_state =
            || (RowScratch::default(), sparse::Accumulators::new(first, n_months, ranges));
        let each = |(row, acc): &mut (RowScratch, sparse::Accumulators),
                    rows: &[Contribution],
                    indices: &[u32]| {
            let (segments, paid_before) = row.build(rows, indices, baseline, n_months + 1);
            acc.add_customer(segments, paid_before);
        };
        let parts = for_each_customer(&mut self.rows, threads, same, new_state, each);
        merged(parts.into_iter().map(|(n, (_, acc))| (n, acc)).collect())
    }
}

/// The report of each thread's customer count and accumulators, added up (every sum in the
/// accumulators is exact, so the order does not matter); `None` when there is no part.
pub(super) fn merged(mut parts: Vec<(u32, sparse::Accumulators)>) -> Option<RevenueReport> {
    let (mut n_customers, mut acc) = parts.pop()?;
    for (n, other) in &parts {
        n_customers += n;
        acc.merge(other);
    }
    Some(acc.finish(n_customers))
}

/// `f` of every item of `work`, each on a scoped thread of its own but the last, which runs on
/// this thread; the results in `work`'s order. A panic on a thread is resumed here.
pub(super) fn on_threads<W: Send, T: Send>(mut work: Vec<W>, f: impl Fn(W) -> T + Sync) -> Vec<T> {
    let last = work.pop();
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = work.into_iter().map(|w| scope.spawn(move || f(w))).collect();
        let mine = last.map(f);
        let mut out: Vec<T> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect();
        out.extend(mine);
        out
    })
}

/// [`group::for_each_customer`] on up to `threads` threads: `each(state, rows, indices)` is
/// called once per customer with the state of the thread that groups it (made by
/// `new_state`). Returns per thread the customers it saw and its state.
fn for_each_customer<T, S, N, F>(
    rows: &mut [Contribution],
    threads: usize,
    same: S,
    new_state: N,
    each: F,
) -> Vec<(u32, T)>
where
    T: Send,
    S: Fn(u32, u32) -> bool + Sync,
    N: Fn() -> T + Sync,
    F: Fn(&mut T, &[Contribution], &[u32]) + Sync,
{
    let bounds = group::partition_top(rows, 0, TOP_BITS);
    let runs = share_out(&bounds, threads.max(1));
    // Cut the rows into one slice per run, with the run's partition boundaries in it.
    let mut work: Vec<(&mut [Contribution], Vec<usize>)> = Vec::with_capacity(runs.len());
    let mut rest = rows;
    let mut cut = 0;
    for (a, b) in runs {
        let (lo, hi) =
            (bounds.get(a).copied().unwrap_or(cut), bounds.get(b).copied().unwrap_or(cut));
        let (run, tail) = std::mem::take(&mut rest).split_at_mut(hi - cut);
        let local = bounds.get(a..=b).unwrap_or(&[]).iter().map(|&x| x - lo).collect();
        work.push((run, local));
        rest = tail;
        cut = hi;
    }
    let group = |(run, local): (&mut [Contribution], Vec<usize>)| {
        let mut state = new_state();
        let mut n = 0;
        for w in local.windows(2) {
            if let Some(part) = run.get_mut(w[0]..w[1]) {
                let per = |rows: &[Contribution], indices: &[u32]| each(&mut state, rows, indices);
                n += group::for_each_customer_below(part, TOP_BITS, &same, per);
            }
        }
        (n, state)
    };
    on_threads(work, group)
}

/// Contiguous runs `(a, b)` of the partitions between `bounds` (partition `p` is
/// `bounds[p]..bounds[p + 1]`), at most `threads` of them, each ending where its share of the
/// rows is reached; no run is empty of partitions.
fn share_out(bounds: &[usize], threads: usize) -> Vec<(usize, usize)> {
    let n_parts = bounds.len().saturating_sub(1);
    let total = bounds.last().copied().unwrap_or(0);
    let mut runs = Vec::with_capacity(threads);
    let mut a = 0;
    for t in 1..=threads {
        if a >= n_parts {
            break;
        }
        // The run ends at the first boundary at or past t/threads of the rows.
        let target = total * t / threads;
        let mut b = a + 1;
        while b < n_parts && bounds[b] < target {
            b += 1;
        }
        if t == threads {
            b = n_parts;
        }
        runs.push((a, b));
        a = b;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::Terms;
    use proptest::prelude::*;
    use records::{BillingInterval, Date, Invoice, Money, Subscription};

    /// The report of `subs` and `invoices` on one thread (the sequential code) and on
    /// `threads` threads.
    fn both(
        subs: &[Subscription],
        invoices: &[Invoice],
        options: &RevenueOptions,
        ranges: &[(Month, Month)],
        threads: usize,
    ) -> (Option<RevenueReport>, Option<RevenueReport>) {
        let subs = records::Subscriptions::from(subs.to_vec());
        let build = || {
            let mut b = Builder::new(Terms::default());
            b.add_subscriptions(&subs);
            b.add_invoices(invoices);
            b
        };
        let one = build().finish_on_one_thread(options, ranges);
        (one, build().finish_on_threads(options, ranges, threads))
    }

    fn day(d: i32) -> Date {
        Date::from_days(20_000 + d)
    }

    fn arb_sub() -> impl Strategy<Value = Subscription> {
        // Few names, so customers have several rows in and out of order; small amounts so
        // rounding per customer and month shows; credits; rows that are never active.
        (0u32..40, 0i32..900, proptest::option::of(-30i32..700), -500i64..9_000, 0usize..4)
            .prop_map(|(c, start, len, cents, i)| Subscription {
                interval: BillingInterval::of_months([1, 3, 12, 5][i]).unwrap(),
                ..Subscription::new(
                    &format!("K{c}"),
                    day(start),
                    len.map(|l| day(start + l)),
                    Money(cents),
                )
            })
    }

    fn arb_invoice() -> impl Strategy<Value = Invoice> {
        (0u32..40, 0i32..900, 0i64..50_000, 0u32..13).prop_map(|(c, d, cents, months)| {
            Invoice::new(&format!("K{c}"), day(d), Money(cents), months)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn threads_give_the_one_thread_report(
            subs in proptest::collection::vec(arb_sub(), 0..300),
            invoices in proptest::collection::vec(arb_invoice(), 0..20),
            threads in 1usize..6,
            max_months in 1usize..40,
            range in proptest::option::of((0i32..20, 0i32..12)),
        ) {
            let options = RevenueOptions { until: None, max_months };
            let ranges: Vec<(Month, Month)> = range
                .map(|(a, len)| (day(0).month().add(a), day(0).month().add(a + len)))
                .into_iter()
                .collect();
            let (one, many) = both(&subs, &invoices, &options, &ranges, threads);
            prop_assert_eq!(one, many);
        }
    }

    /// 120,000 subscriptions of 30,000 customers (above `MIN_ROWS`, so `finish` itself goes
    /// on threads where there are cores): customer k pays 10.00 a month from month k % 12 of
    /// 2025 on, in four rows of 2.50 each (the rows of a customer far apart in the input).
    #[test]
    fn a_large_pass_on_threads_adds_up_to_the_hand_computed_mrr() {
        let subs: Vec<Subscription> = (0..120_000u32)
            .map(|i| {
                let k = i % 30_000;
                let start = Date::from_ymd(2025, k % 12 + 1, 1).unwrap();
                Subscription::new(&format!("K{k:06}"), start, None, Money(250))
            })
            .collect();
        let options = RevenueOptions::default();
        for threads in [2, 3] {
            let (one, many) = both(&subs, &[], &options, &[], threads);
            assert!(one == many, "{threads} threads differ from one");
            let many = many.unwrap();
            assert_eq!(many.customers_total, 30_000);
            // By December all 30,000 pay 10.00; in June the 2,500 customers per month of
            // January to June do: 15,000 × 1000 cents.
            let mrr: Vec<i64> = many.months.iter().map(|m| m.mrr.cents()).collect();
            assert_eq!(mrr.len(), 12);
            assert_eq!((mrr[5], mrr[11]), (15_000_000, 30_000_000));
            assert_eq!(many.months[0].movements.new_customers, 2_500);
            assert_eq!(many.cohorts.len(), 12);
            assert_eq!(many.cohorts[3].cells[2].active_customers, 2_500);
        }
        // `finish` picks the threads; the report stays the same.
        let rows = records::Subscriptions::from(subs.clone());
        let mut b = Builder::new(Terms::default());
        b.add_subscriptions(&rows);
        assert_eq!(b.finish(&options, &[]), both(&subs, &[], &options, &[], 1).0);
    }

    #[test]
    fn runs_share_the_rows_out_evenly_and_skip_no_partition() {
        // Four partitions of 10, 50, 10, 30 rows.
        let bounds = [0, 10, 60, 70, 100];
        assert_eq!(share_out(&bounds, 1), vec![(0, 4)]);
        // Half is 50 rows: the first run ends at the first boundary at or past it (60).
        assert_eq!(share_out(&bounds, 2), vec![(0, 2), (2, 4)]);
        assert_eq!(share_out(&bounds, 3), vec![(0, 2), (2, 3), (3, 4)]);
        // Nine threads: the first run reaches 100 × 1/9 = 11 rows only at 60; then every
        // run takes one partition, and no thread gets an empty run.
        assert_eq!(share_out(&bounds, 9), vec![(0, 2), (2, 3), (3, 4)]);
        assert_eq!(share_out(&[0, 0], 2), vec![(0, 1)]);
        assert_eq!(threads_for(MIN_ROWS - 1), 1);
    }
}
