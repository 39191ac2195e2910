//! Exports for the in-browser aggregation benchmark (no wasm-bindgen: plain `extern "C"`
//! functions, timed from JavaScript with `performance.now()`).
//!
//! `prepare(rows)` generates that many subscription rows once (not timed as aggregation);
//! `report()` runs `analytics::report` over them; `revenue()` only the revenue section;
//! `naive()` is the peer: one pass summing each row's monthly amount per month.

use analytics::{report as full_report, revenue::revenue_from_subscriptions, ReportOptions};
use records::{Dataset, DatasetKind, Month};
use std::cell::RefCell;

thread_local! {
    static DATA: RefCell<Vec<Dataset>> = const { RefCell::new(Vec::new()) };
}

/// Generates `rows` subscription rows (seed 7, as the native bench); returns the row count.
#[no_mangle]
pub extern "C" fn prepare(rows: u32) -> u32 {
    let n = rows as usize;
    let Dataset::Subscriptions(mut v) = sample::generate(DatasetKind::Subscriptions, n, 7) else {
        return 0;
    };
    v.truncate(n);
    let len = v.len() as u32;
    DATA.with(|d| *d.borrow_mut() = vec![Dataset::Subscriptions(v)]);
    len
}

/// The full report; returns the number of months of the revenue section.
#[no_mangle]
pub extern "C" fn report() -> u32 {
    DATA.with(|d| {
        let r = full_report(&d.borrow(), &ReportOptions::default());
        r.revenue.map_or(0, |rev| rev.months.len() as u32)
    })
}

/// Only the revenue section.
#[no_mangle]
pub extern "C" fn revenue() -> u32 {
    DATA.with(|d| match d.borrow().first() {
        Some(Dataset::Subscriptions(v)) => {
            revenue_from_subscriptions(v, &Default::default()).map_or(0, |r| r.months.len() as u32)
        }
        _ => 0,
    })
}

/// The peer: total MRR per month in one pass; returns a checksum so nothing is optimised away.
#[no_mangle]
pub extern "C" fn naive() -> u32 {
    let Some(first) = Month::from_ym(2024, 1) else { return 0 };
    DATA.with(|d| {
        let mut mrr = [0i64; 36];
        if let Some(Dataset::Subscriptions(v)) = d.borrow().first() {
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
    })
}
