//! What the segment attributes add to an import: their bytes per row, beside the typed rows.
//!
//! Run: `cargo run --release -p ingest --example attributes -- FILE`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

fn main() {
    let path = std::env::args().nth(1).expect("usage: attributes FILE");
    let bytes = std::fs::read(&path).unwrap();
    let start = std::time::Instant::now();
    let r = ingest::import(&bytes, &ingest::ImportOptions::default()).unwrap();
    let took = start.elapsed();
    let rows = r.dataset.len().max(1);
    let attr = r.attributes.heap_bytes();
    println!("{} rows in {:.2} s", r.dataset.len(), took.as_secs_f64());
    for c in &r.attributes.columns {
        println!("  {} ({:?}): {} values", c.name, c.field, c.values.len());
    }
    println!("attributes: {attr} bytes, {:.2} bytes per row", attr as f64 / rows as f64);
}
