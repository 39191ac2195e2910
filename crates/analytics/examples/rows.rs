//! The wasm aggregation bench (`tools/bench/agg-wasm`) natively, for profiling: the same rows
//! (`sample::generate`, seed 7, cut to `n`), then `report`, the revenue section or the
//! one-pass month sum `repeat` times each, with the median time of each.
//!
//! Run: `cargo run --release -p analytics --example rows -- 1000000 5 report,revenue,naive`;
//! under `taskset -c 0` the revenue pass stays on one thread, like the wasm build.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use analytics::{report, revenue::revenue_from_subscriptions, ReportOptions};
use records::{Dataset, DatasetKind, Month};
use std::hint::black_box;
use std::time::Instant;

fn naive(datasets: &[Dataset]) -> u32 {
    let first = Month::from_ym(2024, 1).unwrap();
    let mut mrr = [0i64; 36];
    if let Some(Dataset::Subscriptions(v)) = datasets.first() {
        for s in v.rows() {
            let from = s.start().month().since(first).max(0) as usize;
            let to = s
                .end()
                .map_or(mrr.len(), |e| (e.month().since(first).max(0) as usize).min(mrr.len()));
            let monthly = s.amount().0 / s.interval().months();
            for m in mrr.iter_mut().take(to).skip(from) {
                *m += monthly;
            }
        }
    }
    mrr.iter().fold(0u32, |acc, m| acc.wrapping_add(*m as u32))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(1_000_000, |a| a.parse().unwrap());
    let repeat: usize = args.next().map_or(5, |a| a.parse().unwrap());
    let which = args.next().unwrap_or_else(|| "report,revenue,naive".to_string());
    let Dataset::Subscriptions(mut v) = sample::generate(DatasetKind::Subscriptions, n, 7) else {
        unreachable!()
    };
    v.truncate(n);
    let datasets = [Dataset::Subscriptions(v)];
    let options = ReportOptions::default();
    let mut line = format!("{} rows", datasets[0].len());
    let mut medians = Vec::new();
    for w in which.split(',') {
        let mut times: Vec<f64> = (0..repeat)
            .map(|_| {
                let t = Instant::now();
                let out = match w {
                    "report" => report(black_box(&datasets), &options).latest.len() as u32,
                    "revenue" => match &datasets[0] {
                        Dataset::Subscriptions(v) => {
                            revenue_from_subscriptions(v, &Default::default())
                                .map_or(0, |r| r.months.len() as u32)
                        }
                        _ => 0,
                    },
                    _ => naive(black_box(&datasets)),
                };
                black_box(out);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        medians.push(median);
        line += &format!(", {w} {median:.1} ms");
    }
    if let (Some(first), Some(last)) = (medians.first(), medians.last()) {
        line += &format!(" (first ÷ last {:.2})", first / last);
    }
    println!("{line}");
}
