//! The physical line of every imported row (the drill-down shows it beside the row).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{ImportOptions, ImportResult};
use records::Dataset;

fn import(text: &str) -> ImportResult {
    ingest::import(text.as_bytes(), &ImportOptions::default()).unwrap()
}

fn customers(r: &ImportResult) -> Vec<String> {
    match &r.dataset {
        Dataset::Subscriptions(v) => v.iter().map(|s| s.customer().to_string()).collect(),
        other => panic!("expected subscriptions, got {:?}", other.kind()),
    }
}

#[test]
fn every_row_names_the_line_it_starts_on_past_preamble_blanks_quotes_and_rejections() {
    // Line 1: Excel's `sep=`; 2: header; 3: a1; 4: blank; 5–6: a2 with a quoted line break
    // in its plan; 7: a row with a bad amount (rejected); 8: a3.
    let text = "sep=;\n\
                customer;plan;start;end;amount\n\
                a1;Team;2025-01-01;;10.00\n\
                \n\
                a2;\"Team\nPlus\";2025-01-01;;20.00\n\
                bad;Team;2025-01-01;;zehn\n\
                a3;Pro;2025-02-01;;30.00\n";
    let r = import(text);
    assert_eq!(customers(&r), ["a1", "a2", "a3"]);
    assert_eq!(r.lines, [3, 5, 8]);
    assert_eq!(r.rejections.len(), 1);
}

#[test]
fn the_german_fixture_has_one_line_per_row_after_its_header() {
    let path =
        format!("{}/../../tests/data/segments_subscriptions.csv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let r = import(&text);
    assert_eq!(r.lines, [2, 3, 4, 5, 6, 7]);
    // Each named line holds the row's customer.
    let file: Vec<&str> = text.lines().collect();
    for (c, &l) in customers(&r).iter().zip(&r.lines) {
        assert!(file[l as usize - 1].starts_with(&format!("{c};")), "line {l}");
    }
}
