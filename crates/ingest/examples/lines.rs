//! What the line numbers add to an import: bytes per row, beside the typed rows.
//!
//! Run: `cargo run --release -p ingest --example lines -- FILE`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

fn main() {
    let path = std::env::args().nth(1).expect("usage: lines FILE");
    let bytes = std::fs::read(&path).unwrap();
    let r = ingest::import(&bytes, &ingest::ImportOptions::default()).unwrap();
    let rows = r.dataset.len();
    let heap = r.lines.capacity() * std::mem::size_of::<u32>();
    println!(
        "{rows} rows, last line {}: line numbers {heap} bytes, {:.2} bytes per row",
        r.lines.last().copied().unwrap_or(0),
        heap as f64 / rows.max(1) as f64
    );
}
