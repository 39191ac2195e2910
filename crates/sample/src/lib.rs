//! Deterministic sample data for every dataset kind, and CSV files of it in English or German
//! Excel form — for demos, tests and benchmarks.
//!
//! Reading path: [`generate`] builds a [`records::Dataset`]; [`write_csv`] turns it into
//! bytes; [`generate_bytes`] makes a file of about a given size. The same `(kind, n, seed)`
//! always gives the same rows and bytes (own SplitMix64 generator, no clock, no hashing with
//! random state).
//!
//! The data covers the 24 months 2024-01 … 2025-12. Customers are `K00001`, `K00002`, … in
//! every kind, and each customer's subscription history depends only on the seed and its
//! number, so usage events, surveys and tickets refer to the subscription customers (usage
//! accounts are active only while they subscribe).
//!
//! ```
//! use records::DatasetKind;
//! use sample::{generate, write_csv, CsvFormat};
//!
//! let subs = generate(DatasetKind::Subscriptions, 50, 7);
//! let csv = write_csv(&subs, CsvFormat::GermanExcel);
//! assert!(csv.starts_with(b"Kunde;Beginn;Ende;Betrag;Intervall;Tarif;Status\r\n"));
//! ```

#![deny(missing_docs)]

mod csv;
mod generate;
mod rng;

pub use csv::{write_csv, CsvFormat};
pub use generate::{customer_id, customer_life};

use records::{Dataset, DatasetKind};

/// Generates a dataset. `rows_or_customers` means customers for subscriptions and invoices
/// (about 1.2 subscription rows and 10 invoices per customer), months for costs (ending
/// 2025-12, at most 12,000), and rows for every other kind. Usage events belong to
/// `max(3, n / 400)` accounts (so generate about 400 × customers events for a full demo),
/// survey answers to `max(3, n / 3)` customers and tickets to `max(3, n / 4)` customers.
pub fn generate(kind: DatasetKind, rows_or_customers: usize, seed: u64) -> Dataset {
    let n = rows_or_customers;
    match kind {
        DatasetKind::Subscriptions => {
            Dataset::Subscriptions(generate::subscriptions(n, seed).into())
        }
        DatasetKind::Invoices => Dataset::Invoices(generate::invoices(n, seed)),
        DatasetKind::Surveys => Dataset::Surveys(generate::surveys(n, seed)),
        DatasetKind::Tickets => Dataset::Tickets(generate::tickets(n, seed)),
        DatasetKind::Deals => Dataset::Deals(generate::deals(n, seed)),
        DatasetKind::Leads => Dataset::Leads(generate::leads(n, seed)),
        DatasetKind::Usage => Dataset::Usage(generate::usage(n, seed)),
        DatasetKind::Costs => Dataset::Costs(generate::costs(n, seed)),
        DatasetKind::Accounts => Dataset::Accounts(generate::accounts(n, seed)),
    }
}

/// A CSV file of about `target_bytes` (never more): the row count is estimated from a small
/// sample, a little more is generated, and the text is cut after the last complete line that
/// fits. For benchmarks with 1, 10 and 100 MB files.
pub fn generate_bytes(
    kind: DatasetKind,
    target_bytes: usize,
    format: CsvFormat,
    seed: u64,
) -> Vec<u8> {
    const PROBE: usize = 200;
    let probe = write_csv(&generate(kind, PROBE, seed), format);
    let header = probe.iter().position(|&b| b == b'\n').map_or(probe.len(), |p| p + 1);
    let per_unit = ((probe.len() - header) as f64 / PROBE as f64).max(1.0);
    let mut units =
        (target_bytes.saturating_sub(header) as f64 / per_unit * 1.1).ceil() as usize + 1;
    let mut bytes = write_csv(&generate(kind, units, seed), format);
    // The probe can underestimate (e.g. customers with long histories); one corrected retry.
    if bytes.len() < target_bytes && bytes.len() > header {
        let scale = target_bytes as f64 / (bytes.len() - header) as f64;
        units = (units as f64 * scale * 1.05).ceil() as usize + 1;
        bytes = write_csv(&generate(kind, units, seed), format);
    }
    if bytes.len() > target_bytes {
        let cut = bytes[..target_bytes].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        bytes.truncate(cut);
    }
    bytes
}

/// The demo data set behind "try with sample data" and `kennzahl sample`: one dataset per
/// kind with these sizes (customers for subscriptions, rows for the rest) and seed
/// [`DEMO_SEED`]. One constant, so the app and the CLI produce the same numbers.
pub const DEMO_SIZES: [(DatasetKind, usize); 6] = [
    (DatasetKind::Subscriptions, 120),
    (DatasetKind::Surveys, 600),
    (DatasetKind::Tickets, 900),
    (DatasetKind::Deals, 300),
    (DatasetKind::Usage, 12_000),
    (DatasetKind::Costs, 24),
];

/// Seed of the demo data set.
pub const DEMO_SEED: u64 = 42;

/// The demo data set: [`generate`] for every entry of [`DEMO_SIZES`].
pub fn demo() -> Vec<Dataset> {
    DEMO_SIZES.iter().map(|(kind, size)| generate(*kind, *size, DEMO_SEED)).collect()
}
