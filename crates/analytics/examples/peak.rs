//! Peak heap of `analytics::report` over generated subscription rows, measured with a counting
//! global allocator: the bytes allocated beyond the input at the highest point.
//!
//! Run: `cargo run -p analytics --example peak -- 1000000 2000000`; with `--shuffled` the rows
//! come in a fixed shuffled order (a customer's rows apart, as in an export sorted by date).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use analytics::{report, ReportOptions};
use records::{Dataset, DatasetKind};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes currently allocated and their maximum.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`; only the counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A moving realloc holds both blocks for a moment; count that as the worst case.
        grow(new_size);
        let out = unsafe { System.realloc(ptr, layout, new_size) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        out
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Subscription rows (about 1.2 per customer), cut to exactly `n` like benches/report.rs.
fn rows(n: usize, shuffled: bool) -> Dataset {
    let Dataset::Subscriptions(v) = sample::generate(DatasetKind::Subscriptions, n, 7) else {
        unreachable!()
    };
    let mut v = v.to_vec();
    while v.len() < n {
        let extra = v.clone();
        v.extend(extra);
    }
    v.truncate(n);
    if shuffled {
        // Rows i and (i × 7919) mod n swap places.
        for i in 0..n {
            v.swap(i, i * 7919 % n);
        }
    }
    let mut v = records::Subscriptions::from(v);
    v.shrink_to_fit();
    Dataset::Subscriptions(v)
}

fn main() {
    let shuffled = std::env::args().any(|a| a == "--shuffled");
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter(|a| a != "--shuffled")
        .map(|a| a.parse().unwrap())
        .collect();
    for n in if sizes.is_empty() { vec![1_000_000] } else { sizes } {
        let datasets = [rows(n, shuffled)];
        let base = CURRENT.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let r = report(&datasets, &ReportOptions::default());
        let peak = PEAK.load(Ordering::Relaxed) - base;
        let months = r.revenue.as_ref().map_or(0, |rev| rev.months.len());
        println!(
            "{n} rows: input {} MB, peak above input {:.1} MB ({:.1} bytes/row), {months} months",
            base / 1_000_000,
            peak as f64 / 1e6,
            peak as f64 / n as f64
        );
        drop(r);
    }
}
