//! The csv-spectrum acceptance cases: each file must parse to the records in its JSON twin.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use std::collections::BTreeMap;

fn check(name: &str) {
    let dir = format!("{}/tests/data/csv-spectrum", env!("CARGO_MANIFEST_DIR"));
    let csv = std::fs::read(format!("{dir}/{name}.csv")).unwrap();
    let json = std::fs::read_to_string(format!("{dir}/{name}.json")).unwrap();
    let want: Vec<BTreeMap<String, String>> = serde_json::from_str(&json).unwrap();
    let sniffed = ingest::sniff(&csv).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_eq!(sniffed.delimiter, ',', "{name}");
    assert!(sniffed.has_header, "{name}");
    let got: Vec<BTreeMap<String, String>> = sniffed
        .preview
        .iter()
        .map(|row| sniffed.headers.iter().cloned().zip(row.iter().cloned()).collect())
        .collect();
    assert_eq!(got, want, "{name}");
}

#[test]
fn comma_in_quotes() {
    check("comma_in_quotes");
}

#[test]
fn empty() {
    check("empty");
}

#[test]
fn empty_crlf() {
    check("empty_crlf");
}

#[test]
fn escaped_quotes() {
    check("escaped_quotes");
}

#[test]
fn json() {
    check("json");
}

#[test]
fn newlines() {
    check("newlines");
}

#[test]
fn newlines_crlf() {
    check("newlines_crlf");
}

#[test]
fn quotes_and_newlines() {
    check("quotes_and_newlines");
}

#[test]
fn simple() {
    check("simple");
}

#[test]
fn simple_crlf() {
    check("simple_crlf");
}

#[test]
fn utf8() {
    check("utf8");
}
