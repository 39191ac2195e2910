//! The revenue report over 100k and 1M subscription rows, and the full report over the demo
//! data set. The peer in the same run is the least a month grouping can do: one pass summing
//! each row's monthly amount into a `Vec` per month (no per-customer state, no movements).
//!
//! Run: `cargo bench -p analytics --bench report`; `tools/bench/divan_ratios.py` prints the
//! ratios report/peer.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use analytics::{report, revenue::revenue_from_subscriptions, ReportOptions};
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use records::{Dataset, DatasetKind, Month, Subscriptions};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// Subscription rows (about 1.2 per customer), generated once per size.
fn rows(n: usize) -> &'static Subscriptions {
    static SMALL: OnceLock<Subscriptions> = OnceLock::new();
    static LARGE: OnceLock<Subscriptions> = OnceLock::new();
    let cell = if n <= 100_000 { &SMALL } else { &LARGE };
    cell.get_or_init(|| {
        let Dataset::Subscriptions(v) = sample::generate(DatasetKind::Subscriptions, n, 7) else {
            unreachable!()
        };
        let mut v = v.to_vec();
        // The generator makes whole customer histories; cut to the exact row count.
        while v.len() < n {
            let extra = v.clone();
            v.extend(extra);
        }
        v.truncate(n);
        v.into()
    })
}

/// `analytics::report` over one subscriptions dataset: MRR per customer and month, movements,
/// churn and retention per month/quarter/year, cohorts, latest values.
fn report_subscriptions(bencher: Bencher, n: usize) {
    let datasets = [Dataset::Subscriptions(rows(n).clone())];
    bencher.counter(ItemsCount::new(n)).bench(|| {
        let r = report(black_box(&datasets), &ReportOptions::default());
        r.revenue.map(|rev| rev.months.len())
    });
}

/// Only the revenue section (the month grouping and movements).
fn revenue_only(bencher: Bencher, n: usize) {
    let subs = rows(n);
    bencher.counter(ItemsCount::new(n)).bench(|| {
        revenue_from_subscriptions(black_box(subs), &Default::default()).map(|r| r.months.len())
    });
}

/// The peer: total MRR per month in one pass, the floor of any month grouping.
fn naive_month_sum(bencher: Bencher, n: usize) {
    let subs = rows(n);
    let first = Month::from_ym(2024, 1).unwrap();
    bencher.counter(ItemsCount::new(n)).bench(|| {
        let mut mrr = vec![0i64; 36];
        for s in black_box(subs).rows() {
            let from = s.start().month().since(first).max(0) as usize;
            let to = s
                .end()
                .map_or(mrr.len(), |e| (e.month().since(first).max(0) as usize).min(mrr.len()));
            let monthly = s.amount().0 / s.interval().months();
            for m in mrr.iter_mut().take(to).skip(from) {
                *m += monthly;
            }
        }
        mrr
    });
}

// One module per size, so each report runs right next to its peer (the load on a shared
// machine drifts within minutes).
macro_rules! sizes {
    ($($name:ident: $n:literal;)*) => {$(
        mod $name {
            use super::*;

            #[divan::bench(sample_count = 5, sample_size = 1, max_time = 5)]
            fn naive_month_sum(bencher: Bencher) {
                super::naive_month_sum(bencher, $n);
            }

            #[divan::bench(sample_count = 5, sample_size = 1, max_time = 5)]
            fn report_subscriptions(bencher: Bencher) {
                super::report_subscriptions(bencher, $n);
            }

            #[divan::bench(sample_count = 5, sample_size = 1, max_time = 5)]
            fn revenue_only(bencher: Bencher) {
                super::revenue_only(bencher, $n);
            }
        }
    )*};
}

sizes! {
    rows_100k: 100_000;
    rows_1m: 1_000_000;
}

/// Every section over the demo data set ("try with sample data").
#[divan::bench(sample_count = 10, sample_size = 1, max_time = 3)]
fn report_demo(bencher: Bencher) {
    let datasets = sample::demo();
    bencher.bench(|| report(black_box(&datasets), &ReportOptions::default()).latest.len());
}
