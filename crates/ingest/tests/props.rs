//! Invariants over generated input: no panics, exact round trips, accounting adds up.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{ImportOptions, IngestError};
use proptest::prelude::*;
use records::{Dataset, Date, Money, Subscription};

fn config() -> ProptestConfig {
    // A fixed budget (the machine is shared); PROPTEST_CASES raises it for a deeper run.
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Imports and checks the accounting invariant on success.
fn import_checked(bytes: &[u8]) -> Result<ingest::ImportResult, IngestError> {
    let _ = ingest::sniff(bytes);
    let r = ingest::import(bytes, &ImportOptions::default());
    if let Ok(r) = &r {
        assert!(r.accounting.adds_up(), "{:?}", r.accounting);
        assert_eq!(r.accounting.used as usize, r.dataset.len());
        assert_eq!(r.accounting.rejected as usize, r.rejections.len());
    }
    r
}

/// CSV-ish text: the characters that matter to delimiters, quotes, numbers and dates.
fn csvish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            "a",
            "1",
            "9",
            ",",
            ";",
            "\t",
            "|",
            "\"",
            "'",
            "\n",
            "\r\n",
            " ",
            ".",
            "-",
            "/",
            ":",
            "€",
            "ä",
            "Summe",
            "12,50",
            "31.12.2025",
            "2025-01-01",
            "x",
            "",
        ]),
        0..200,
    )
    .prop_map(|parts| parts.concat())
}

/// Pushes `bytes` into an [`ingest::Importer`] in slices of `chunk` bytes.
fn import_chunked(bytes: &[u8], chunk: usize) -> Result<ingest::ImportResult, IngestError> {
    let mut importer = ingest::Importer::new(ImportOptions::default());
    for slice in bytes.chunks(chunk.max(1)) {
        importer.push(slice)?;
    }
    importer.finish()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn cell_parsers_never_panic(cell in "[0-9+\\-:.,/ TZäx€%()A-Pa-p]{0,24}|\\PC{0,24}") {
        use ingest::value::*;
        for style in [DecimalStyle::Point, DecimalStyle::Comma] {
            let _ = parse_number(&cell, style);
            let _ = parse_duration(&cell, style, 60.0);
        }
        if let Some(raw) = parse_raw_date(&cell) {
            let _ = raw.datetime(DateOrder::Mdy);
            let _ = raw.date(DateOrder::Dmy);
        }
        let _ = parse_month(&cell, DateOrder::Dmy);
        let _ = (parse_bool(&cell), parse_interval(&cell), ingest::parse_outcome(&cell));
    }

    #[test]
    fn chunked_importer_matches_one_shot_import(
        body in csvish(),
        semicolon in any::<bool>(),
        chunk in 1usize..40,
        utf16 in any::<bool>(),
    ) {
        let header = if semicolon { "Kunde;Beginn;Betrag\n" } else { "customer,start,amount\n" };
        let text = format!("{header}{body}");
        let bytes = if utf16 {
            let mut b = vec![0xFF, 0xFE];
            b.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
            b
        } else {
            text.into_bytes()
        };
        prop_assert_eq!(import_chunked(&bytes, chunk), ingest::import(&bytes, &ImportOptions::default()));
    }

    #[test]
    fn chunked_importer_matches_on_arbitrary_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        chunk in 1usize..50,
    ) {
        prop_assert_eq!(import_chunked(&bytes, chunk), ingest::import(&bytes, &ImportOptions::default()));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = import_checked(&bytes);
    }

    #[test]
    fn written_tables_read_back_exactly(
        rows in proptest::collection::vec(row(), 1..30),
        delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|']),
        comma in any::<bool>(),
        grouping in any::<bool>(),
        euro in any::<bool>(),
        dots in any::<bool>(),
        encoding in 0u8..3,
        german in any::<bool>(),
    ) {
        let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
        let header: [&str; 3] = if german { ["Kunde", "Beginn", "Betrag"] } else { ["customer", "start", "amount"] };
        w.write_record(header).unwrap();
        for (name, date, cents) in &rows {
            let (y, m, d) = date.ymd();
            let date_text = if dots { format!("{d:02}.{m:02}.{y}") } else { date.to_string() };
            let mut amount = format_cents(*cents, comma, grouping);
            if euro {
                amount.push_str(" €");
            }
            w.write_record([name.as_str(), &date_text, &amount]).unwrap();
        }
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let bytes = match encoding {
            0 => text.into_bytes(),
            1 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
            _ => {
                let mut b = vec![0xFF, 0xFE];
                b.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
                b
            }
        };
        // Bug (found by this property): "ß€" in Windows-1252 is DF 80, which is also valid
        // UTF-8 (U+07C0). Such a file is ambiguous and is read as UTF-8, as a valid UTF-8 file
        // must be (`ambiguous_windows_1252_reads_as_utf8` pins that); only files whose
        // Windows-1252 bytes are not valid UTF-8 can read back exactly.
        prop_assume!(encoding != 1 || bytes.is_ascii() || std::str::from_utf8(&bytes).is_err());
        let r = import_checked(&bytes).unwrap();
        let want: Vec<Subscription> = rows
            .iter()
            .map(|(name, date, cents)| Subscription::new(name, *date, None, Money(*cents)))
            .collect();
        prop_assert_eq!(r.dataset, Dataset::Subscriptions(want.into()));
        prop_assert_eq!(r.accounting.rows as usize, rows.len());
    }
}

/// Imports `text` as UTF-8, Windows-1252 and UTF-16LE (the last two go through the
/// streaming decoder); returns how many of the three imports succeeded.
fn import_three_ways(text: &str) -> usize {
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    [text.as_bytes(), &cp1252, &utf16].iter().filter(|b| import_checked(b).is_ok()).count()
}

// Bug: this property checked the accounting only on a successful import (`if let Ok`), with
// no minimum of successes, so it passed even if every import failed. It now counts them: at
// least one import in twelve over the run must succeed and have its accounting checked
// (about one in six does today, 129 of 768: most random bodies make no table).
#[test]
fn csvish_text_after_a_known_header_never_panics() {
    let (ok, all) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let result = runner.run(&(csvish(), any::<bool>()), |(body, semicolon)| {
        let header = if semicolon { "Kunde;Beginn;Betrag\n" } else { "customer,start,amount\n" };
        ok.set(ok.get() + import_three_ways(&format!("{header}{body}")));
        all.set(all.get() + 3);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(ok.get() * 12 >= all.get(), "only {} of {} imports succeeded", ok.get(), all.get());
}

/// A customer name (no surrounding spaces; may contain delimiters, quotes, umlauts, €),
/// a date and an amount in cents.
fn row() -> impl Strategy<Value = (String, Date, i64)> {
    (
        "[A-Za-zäöüß][A-Za-z0-9äöüß€&,;|\" ]{0,12}[A-Za-z0-9ß]",
        (1990i32..2040, 1u32..=12, 1u32..=28),
        -1_000_000_000i64..1_000_000_000,
    )
        .prop_map(|(name, (y, m, d), cents)| (name, Date::from_ymd(y, m, d).unwrap(), cents))
        // Bug in this generator: it made the customer `sUm`, and a row starting with a total
        // word is rightly skipped as a total row, so the table did not read back. Names that
        // are total words (the import's list) are not customers here.
        .prop_filter("a total word names a total row", |(name, _, _)| !ingest::is_total_word(name))
}

/// Formats cents with a decimal point or comma and optional thousands grouping.
fn format_cents(cents: i64, comma: bool, grouping: bool) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let digits = (abs / 100).to_string();
    let (dec, group) = if comma { (',', '.') } else { ('.', ',') };
    let mut int = String::new();
    for (i, c) in digits.chars().enumerate() {
        if grouping && i > 0 && (digits.len() - i).is_multiple_of(3) {
            int.push(group);
        }
        int.push(c);
    }
    format!("{sign}{int}{dec}{:02}", abs % 100)
}

#[test]
fn format_cents_examples() {
    assert_eq!(format_cents(123_456, true, true), "1.234,56");
    assert_eq!(format_cents(-5, false, true), "-0.05");
    assert_eq!(format_cents(100_000_000, false, true), "1,000,000.00");
}

// The ambiguity behind the `prop_assume!` in `written_tables_read_back_exactly`: bytes that are
// valid UTF-8 are read as UTF-8 even when a Windows-1252 writer meant "ß€" (DF 80).
#[test]
fn ambiguous_windows_1252_reads_as_utf8() {
    let mut bytes = b"customer,start,amount\n".to_vec();
    bytes.extend([0xDF, 0x80]);
    bytes.extend(b"1,2025-01-01,10.00\n");
    let r = import_checked(&bytes).unwrap();
    let Dataset::Subscriptions(rows) = r.dataset else { panic!("not subscriptions") };
    let rows = rows.to_vec();
    assert_eq!(rows[0].customer.as_str(), "\u{7c0}1");
}
