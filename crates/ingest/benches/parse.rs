//! Parse + type throughput per dataset kind, dialect and size, against the plain `csv` crate
//! reading the same bytes into `StringRecord`s without typing (the peer in the same run).
//!
//! Run: `cargo bench -p ingest --bench parse`. `tools/bench/divan_ratios.py` turns the output
//! into typed/untyped ratios. Costs are left out: the generator caps them at 12,000 months
//! (≈ 0.4 MB), so they have no 10 MB file.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use ingest::{ImportOptions, Importer};
use records::DatasetKind;
use sample::CsvFormat;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

fn main() {
    divan::main();
}

const MB: usize = 1_000_000;
const SEED: u64 = 7;

#[derive(Clone, Copy)]
struct Case {
    kind: DatasetKind,
    format: CsvFormat,
    mb: usize,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = match self.format {
            CsvFormat::English => "en",
            CsvFormat::GermanExcel => "de",
        };
        write!(f, "{:?}/{}/{}MB", self.kind, format, self.mb)
    }
}

const fn case(kind: DatasetKind, format: CsvFormat, mb: usize) -> Case {
    Case { kind, format, mb }
}

use CsvFormat::{English as EN, GermanExcel as DE};
use DatasetKind::*;

const CASES: &[Case] = &[
    case(Subscriptions, EN, 1),
    case(Subscriptions, EN, 10),
    case(Subscriptions, DE, 1),
    case(Subscriptions, DE, 10),
    case(Invoices, EN, 1),
    case(Invoices, EN, 10),
    case(Invoices, DE, 1),
    case(Invoices, DE, 10),
    case(Surveys, EN, 1),
    case(Surveys, EN, 10),
    case(Surveys, DE, 1),
    case(Surveys, DE, 10),
    case(Tickets, EN, 1),
    case(Tickets, EN, 10),
    case(Tickets, DE, 1),
    case(Tickets, DE, 10),
    case(Deals, EN, 1),
    case(Deals, EN, 10),
    case(Deals, DE, 1),
    case(Deals, DE, 10),
    case(Leads, EN, 1),
    case(Leads, EN, 10),
    case(Leads, DE, 1),
    case(Leads, DE, 10),
    case(Usage, EN, 1),
    case(Usage, EN, 10),
    case(Usage, DE, 1),
    case(Usage, DE, 10),
];

/// The generated files, made once per case and shared by the typed run and its peer.
fn bytes(case: Case) -> &'static [u8] {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static [u8]>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache.entry(case.to_string()).or_insert_with(|| {
        let data = sample::generate_bytes(case.kind, case.mb * MB, case.format, SEED);
        Box::leak(data.into_boxed_slice())
    })
}

/// Our import: sniff, decode, parse, type every cell into records, account for every row.
#[divan::bench(args = CASES, sample_count = 8, sample_size = 1, max_time = 2)]
fn typed(bencher: Bencher, case: Case) {
    let data = bytes(case);
    bencher.counter(BytesCount::new(data.len())).bench(|| {
        let result = ingest::import(black_box(data), &ImportOptions::default()).unwrap();
        assert_eq!(result.dataset.kind(), case.kind);
        result.accounting.used
    });
}

/// The peer: decode (Windows-1252 for the German dialect, as our import does), then the `csv`
/// crate into one reused `StringRecord` per row, no typing.
#[divan::bench(args = CASES, sample_count = 8, sample_size = 1, max_time = 2)]
fn untyped_csv(bencher: Bencher, case: Case) {
    let data = bytes(case);
    let delimiter = match case.format {
        CsvFormat::English => b',',
        CsvFormat::GermanExcel => b';',
    };
    bencher.counter(BytesCount::new(data.len())).bench(|| {
        let text = match case.format {
            CsvFormat::English => {
                std::borrow::Cow::Borrowed(std::str::from_utf8(black_box(data)).unwrap())
            }
            CsvFormat::GermanExcel => encoding_rs::WINDOWS_1252.decode(black_box(data)).0,
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut rows = 0u64;
        while reader.read_record(&mut record).unwrap() {
            rows += 1;
        }
        rows
    });
}

/// The chunked importer the app's worker uses, fed 1 MiB slices (subscriptions only).
#[divan::bench(args = [case(Subscriptions, EN, 10), case(Subscriptions, DE, 10)], sample_count = 8, sample_size = 1, max_time = 2)]
fn typed_chunked(bencher: Bencher, case: Case) {
    let data = bytes(case);
    bencher.counter(BytesCount::new(data.len())).bench(|| {
        let mut importer = Importer::new(ImportOptions::default());
        for chunk in black_box(data).chunks(1 << 20) {
            importer.push(chunk).unwrap();
        }
        importer.finish().unwrap().accounting.used
    });
}
