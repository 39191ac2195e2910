//! Parse + type throughput per dataset kind, dialect and size, against the plain `csv` crate
//! reading the same bytes into `StringRecord`s without typing (the peer in the same run).
//!
//! Run: `cargo bench -p ingest --bench parse`. `tools/bench/divan_ratios.py` turns the output
//! into typed/untyped ratios (each case is a module, `parse/<kind>_<dialect>_<size>/typed` next
//! to `.../untyped_csv`). Costs are left out: the generator caps them at 12,000 months
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

/// The chunked importer the app's worker uses, fed 2 MiB slices (`SLICE_BYTES` in the app).
fn typed_chunked(bencher: Bencher, case: Case) {
    let data = bytes(case);
    bencher.counter(BytesCount::new(data.len())).bench(|| {
        let mut importer = Importer::new(ImportOptions::default());
        for chunk in black_box(data).chunks(2 << 20) {
            importer.push(chunk).unwrap();
        }
        importer.finish().unwrap().accounting.used
    });
}

// One module per case, so divan runs a case's typed import and its peer back to back: on a
// shared machine the load changes within minutes, and the ratio should compare like with like.
// The first word names the typed import under test (`typed` or `typed_chunked`).
macro_rules! cases {
    ($typed:ident; $($name:ident: $kind:ident, $format:ident, $mb:literal;)*) => {$(
        mod $name {
            use super::*;
            const CASE: Case = case(DatasetKind::$kind, CsvFormat::$format, $mb);

            #[divan::bench(sample_count = 8, sample_size = 1, max_time = 2)]
            fn $typed(bencher: Bencher) {
                super::$typed(bencher, CASE);
            }

            #[divan::bench(sample_count = 8, sample_size = 1, max_time = 2)]
            fn untyped_csv(bencher: Bencher) {
                super::untyped_csv(bencher, CASE);
            }
        }
    )*};
}

cases! {
    typed;
    subscriptions_en_1mb: Subscriptions, English, 1;
    subscriptions_en_10mb: Subscriptions, English, 10;
    subscriptions_de_1mb: Subscriptions, GermanExcel, 1;
    subscriptions_de_10mb: Subscriptions, GermanExcel, 10;
    invoices_en_1mb: Invoices, English, 1;
    invoices_en_10mb: Invoices, English, 10;
    invoices_de_1mb: Invoices, GermanExcel, 1;
    invoices_de_10mb: Invoices, GermanExcel, 10;
    surveys_en_1mb: Surveys, English, 1;
    surveys_en_10mb: Surveys, English, 10;
    surveys_de_1mb: Surveys, GermanExcel, 1;
    surveys_de_10mb: Surveys, GermanExcel, 10;
    tickets_en_1mb: Tickets, English, 1;
    tickets_en_10mb: Tickets, English, 10;
    tickets_de_1mb: Tickets, GermanExcel, 1;
    tickets_de_10mb: Tickets, GermanExcel, 10;
    deals_en_1mb: Deals, English, 1;
    deals_en_10mb: Deals, English, 10;
    deals_de_1mb: Deals, GermanExcel, 1;
    deals_de_10mb: Deals, GermanExcel, 10;
    leads_en_1mb: Leads, English, 1;
    leads_en_10mb: Leads, English, 10;
    leads_de_1mb: Leads, GermanExcel, 1;
    leads_de_10mb: Leads, GermanExcel, 10;
    usage_en_1mb: Usage, English, 1;
    usage_en_10mb: Usage, English, 10;
    usage_de_1mb: Usage, GermanExcel, 1;
    usage_de_10mb: Usage, GermanExcel, 10;
}

// The chunked importer next to the whole-buffer import, on 10 MB English subscriptions and
// the German Excel dialect (Windows-1252, `;`, CRLF line ends).
cases! {
    typed_chunked;
    chunked_subscriptions_en_10mb: Subscriptions, English, 10;
    chunked_subscriptions_de_10mb: Subscriptions, GermanExcel, 10;
}

/// The fixed cost of every import: sniffing the first 64 KiB (layout, header, column
/// profiles, kind and mapping). It explains why 1 MB files parse slower per byte than 10 MB.
mod sniff_only {
    use super::*;

    #[divan::bench(sample_count = 20, sample_size = 1, max_time = 1)]
    fn subscriptions_en(bencher: Bencher) {
        let data = bytes(case(DatasetKind::Subscriptions, CsvFormat::English, 1));
        bencher.bench(|| ingest::sniff(black_box(data)).unwrap().columns.len());
    }

    #[divan::bench(sample_count = 20, sample_size = 1, max_time = 1)]
    fn subscriptions_de(bencher: Bencher) {
        let data = bytes(case(DatasetKind::Subscriptions, CsvFormat::GermanExcel, 1));
        bencher.bench(|| ingest::sniff(black_box(data)).unwrap().columns.len());
    }
}
