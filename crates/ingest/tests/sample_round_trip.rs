//! The sample generator's CSV (English and German Excel dialects) reads back to the same
//! typed rows: the two crates agree on every header name, number and date format.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::ImportOptions;
use records::{Dataset, DatasetKind};
use sample::CsvFormat;

/// The German dialect translates category words (as German tools export them); ingest keeps
/// text as written, so the expected rows carry the German words too.
/// Works on `String` and `records::Text` fields alike.
fn german_word<T: std::ops::Deref<Target = str> + for<'a> From<&'a str>>(v: &mut Option<T>) {
    let german = match v.as_deref() {
        Some("low") => "niedrig",
        Some("high") => "hoch",
        Some("urgent") => "dringend",
        Some("question") => "Frage",
        Some("problem") => "Problem",
        Some("complaint") => "Beschwerde",
        Some("mail") => "E-Mail",
        Some("phone") => "Telefon",
        Some("chat") => "Chat",
        _ => return,
    };
    *v = Some(T::from(german));
}

fn as_written(dataset: &Dataset, format: CsvFormat) -> Dataset {
    let mut d = dataset.clone();
    if format == CsvFormat::GermanExcel {
        if let Dataset::Tickets(rows) = &mut d {
            rows.iter_mut().for_each(|r| {
                german_word(&mut r.channel);
                german_word(&mut r.urgency);
                german_word(&mut r.ticket_type);
            });
        }
    }
    d
}

fn check(kind: DatasetKind, format: CsvFormat) {
    let generated = sample::generate(kind, 40, 7);
    let bytes = sample::write_csv(&generated, format);
    let dataset = as_written(&generated, format);
    let r = ingest::import(&bytes, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{kind:?} {format:?}: {e:?}"));
    assert_eq!(r.settings.kind, kind, "{format:?}");
    assert_eq!(r.accounting.rejected, 0, "{kind:?} {format:?}: {:?}", r.rejections.first());
    assert!(r.accounting.adds_up());
    if r.dataset != dataset {
        // Name the first differing row rather than dumping both datasets.
        let got = serde_json::to_value(&r.dataset).unwrap();
        let want = serde_json::to_value(&dataset).unwrap();
        let rows = |v: &serde_json::Value| v["rows"].as_array().cloned().unwrap_or_default();
        let (got, want) = (rows(&got), rows(&want));
        let i = got.iter().zip(&want).position(|(g, w)| g != w).unwrap_or(got.len());
        panic!("{kind:?} {format:?} row {i}: got {:?}, want {:?}", got.get(i), want.get(i));
    }
}

#[test]
fn every_kind_in_both_dialects() {
    for kind in DatasetKind::ALL {
        for format in [CsvFormat::English, CsvFormat::GermanExcel] {
            check(kind, format);
        }
    }
}

#[test]
fn large_german_file_streams_like_one_shot() {
    let bytes = sample::generate_bytes(DatasetKind::Tickets, 300_000, CsvFormat::GermanExcel, 3);
    let one_shot = ingest::import(&bytes, &ImportOptions::default()).unwrap();
    assert_eq!(one_shot.accounting.rejected, 0);
    let mut importer = ingest::Importer::new(ImportOptions::default());
    for chunk in bytes.chunks(10_000) {
        importer.push(chunk).unwrap();
    }
    assert_eq!(importer.finish().unwrap(), one_shot);
    let _: &Dataset = &one_shot.dataset;
}
