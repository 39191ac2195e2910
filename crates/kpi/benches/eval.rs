//! Evaluating every registry KPI (every variant) with its default inputs — the work behind
//! one keystroke on a calculator. The peer in the same run builds the same default input
//! maps without evaluating, so the ratio shows what evaluation adds to that bookkeeping.
//!
//! Run: `cargo bench -p kpi --bench eval`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

fn variants() -> usize {
    kpi::registry().iter().filter(|k| !k.dataset_only).map(|k| k.variants.len()).sum()
}

/// `kpi::evaluate` for every variant of every KPI that has a calculator.
#[divan::bench(sample_count = 50, max_time = 2)]
fn evaluate_all(bencher: Bencher) {
    bencher.counter(ItemsCount::new(variants())).bench(|| {
        let mut ok = 0usize;
        for def in kpi::registry().iter().filter(|k| !k.dataset_only) {
            let inputs = def.default_inputs();
            for variant in def.variants {
                ok += kpi::evaluate(black_box(def.id), variant.id, black_box(&inputs)).is_ok()
                    as usize;
            }
        }
        ok
    });
}

/// The peer: only the default input maps.
#[divan::bench(sample_count = 50, max_time = 2)]
fn default_inputs_only(bencher: Bencher) {
    bencher.counter(ItemsCount::new(variants())).bench(|| {
        let mut n = 0usize;
        for def in kpi::registry().iter().filter(|k| !k.dataset_only) {
            let inputs = def.default_inputs();
            for _ in def.variants {
                n += black_box(&inputs).len();
            }
        }
        n
    });
}

/// One calculator: sales velocity (the keystroke benchmark's page).
#[divan::bench(sample_count = 50, max_time = 1)]
fn evaluate_sales_velocity() -> usize {
    let def = kpi::find("sales_velocity").unwrap();
    let inputs = def.default_inputs();
    kpi::evaluate(black_box(def.id), def.default_variant().id, black_box(&inputs))
        .map(|o| o.breakdown.len())
        .unwrap_or(0)
}
