//! Files built to break the reader: a first data row longer than the sniffing window, a
//! huge quoted cell with line breaks and delimiters in it, a quote that is never closed.
//! Each is read by the one-shot import and by the chunked importer in the app's slices, and
//! both must give the same real rows or the same error with its line.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{HeadSniff, ImportOptions, ImportResult, IngestError};
use records::{Dataset, DatasetKind, Money, Subscription};

/// The app reads the head (64 KiB) first, then 2 MiB slices (`src/protocol.rs`).
fn import_like_the_app(bytes: &[u8]) -> Result<ImportResult, IngestError> {
    let mut importer =
        ingest::Importer::with_file_size(ImportOptions::default(), bytes.len() as u64);
    let (head, rest) = bytes.split_at(bytes.len().min(64 * 1024));
    importer.push(head)?;
    for slice in rest.chunks(2 * 1024 * 1024) {
        importer.push(slice)?;
    }
    importer.finish()
}

/// Imports both ways, checks they agree, and returns the result.
fn import_both(bytes: &[u8]) -> Result<ImportResult, IngestError> {
    let one_shot = ingest::import(bytes, &ImportOptions::default());
    assert_eq!(import_like_the_app(bytes), one_shot);
    // Small slices too: the head then grows step by step while the sniffer asks for more.
    let mut importer = ingest::Importer::new(ImportOptions::default());
    let chunked = bytes.chunks(100_003).try_for_each(|c| importer.push(c).map(|_| ()));
    assert_eq!(chunked.and_then(|()| importer.finish()), one_shot);
    one_shot
}

fn subscriptions(result: &ImportResult) -> Vec<Subscription> {
    match &result.dataset {
        Dataset::Subscriptions(rows) => rows.to_vec(),
        other => panic!("not subscriptions: {:?}", other.kind()),
    }
}

#[test]
fn a_2_mb_cell_in_the_first_row_imports() {
    // Bug: the sniffer looked at 64 KiB only, so a first data row with a 2 MB cell made the
    // file "only a header row and no data rows".
    let cell = "x".repeat(2_000_000);
    let csv = format!(
        "customer,start,amount,plan\nK1,2025-01-01,10.00,{cell}\nK2,2025-02-01,20.00,basic\n"
    );
    let sniffed = ingest::sniff(csv.as_bytes()).unwrap();
    assert_eq!(sniffed.headers, ["customer", "start", "amount", "plan"]);
    assert_eq!(sniffed.kind, Some(DatasetKind::Subscriptions));
    // The window grew to 4 MiB (64 KiB → 256 KiB → 1 MiB → 4 MiB), which holds the file.
    assert_eq!((sniffed.sample_rows, sniffed.truncated), (2, false));
    let result = import_both(csv.as_bytes()).unwrap();
    let a = &result.accounting;
    assert_eq!((a.rows, a.used, a.rejected), (2, 2, 0));
    let rows = subscriptions(&result);
    assert_eq!(rows[0].customer, "K1");
    assert_eq!(rows[0].amount, Money(1000));
    assert_eq!(rows[0].plan.as_deref().map(str::len), Some(2_000_000));
    assert_eq!(rows[1].plan.as_deref(), Some("basic"));
    assert_eq!(rows[1].amount, Money(2000));
}

#[test]
fn the_app_is_asked_for_a_longer_head_until_the_first_row_ends() {
    // Bug: the app sniffed the first 64 KiB of the file and nothing more.
    let csv = format!("customer,start,amount,plan\nK1,2025-01-01,10.00,{}\n", "x".repeat(300_000));
    let size = csv.len() as u64;
    let options = ImportOptions::default();
    let ask = |n: usize| ingest::sniff_head(&csv.as_bytes()[..n], size, &options).unwrap();
    assert_eq!(ask(64 * 1024), HeadSniff::ReadMore(256 * 1024));
    assert_eq!(ask(256 * 1024), HeadSniff::ReadMore(1024 * 1024));
    let HeadSniff::Sniffed(sniffed) = ask(csv.len()) else { panic!("not sniffed") };
    assert_eq!(*sniffed, ingest::sniff(csv.as_bytes()).unwrap());
    assert_eq!(sniffed.preview[0][3].len(), 300_000);
}

#[test]
fn twenty_thousand_columns_import() {
    // Bug: a header of 20,000 columns (about 120 kB) did not fit the 64 KiB window, so the
    // file was "only a header row".
    let n = 20_000;
    let mut header = vec!["customer".to_string(), "start".into(), "amount".into()];
    header.extend((3..n).map(|i| format!("c{i}")));
    let row = |k: &str, start: &str, amount: &str| {
        let mut cells = vec![k.to_string(), start.into(), amount.into()];
        cells.extend((3..n).map(|i| i.to_string()));
        cells.join(",")
    };
    let csv = format!(
        "{}\n{}\n{}\n",
        header.join(","),
        row("K1", "2025-01-01", "10.00"),
        row("K2", "2025-03-01", "7.50")
    );
    assert!(csv.len() > 300_000, "{}", csv.len());
    let sniffed = ingest::sniff(csv.as_bytes()).unwrap();
    assert_eq!(sniffed.headers.len(), n);
    assert_eq!(sniffed.headers[n - 1], "c19999");
    assert_eq!(sniffed.delimiter, ',');
    let result = import_both(csv.as_bytes()).unwrap();
    assert_eq!((result.accounting.rows, result.accounting.used), (2, 2));
    let rows = subscriptions(&result);
    assert_eq!((rows[0].amount, rows[1].amount), (Money(1000), Money(750)));
    assert_eq!(rows[1].start, records::Date::from_ymd(2025, 3, 1).unwrap());
}

#[test]
fn a_200_kb_quoted_cell_with_line_breaks_and_semicolons_imports() {
    // Bug: the 64 KiB window ended inside the quoted cell; the sniffer cut the text at its
    // last line break (inside the quotes) and read the half cell as if it were closed.
    let cell = "a;b\nc;".repeat(40_000);
    assert_eq!((cell.len(), cell.matches('\n').count()), (240_000, 40_000));
    let csv = format!(
        "Kunde;Beginn;Betrag;Tarif\nK1;01.01.2025;10,00;\"{cell}\"\nK2;01.02.2025;20,00;kurz\n\
         K3;01.03.2025;abc;lang\n"
    );
    let sniffed = ingest::sniff(csv.as_bytes()).unwrap();
    assert_eq!((sniffed.delimiter, sniffed.headers.len()), (';', 4));
    assert_eq!(sniffed.columns[2].decimal, Some(ingest::DecimalStyle::Comma));
    let result = import_both(csv.as_bytes()).unwrap();
    let a = &result.accounting;
    assert_eq!((a.rows, a.used, a.rejected), (3, 2, 1));
    let rows = subscriptions(&result);
    assert_eq!(rows[0].plan.as_deref(), Some(cell.as_str()));
    assert_eq!((rows[0].amount, rows[1].amount), (Money(1000), Money(2000)));
    // K1 starts on line 2 and spans 40,001 lines, so K2 is on line 40,003 and K3 on 40,004.
    assert_eq!(result.rejections[0].line, 40_004);
    assert_eq!(
        result.rejections[0].message_de,
        "Zeile 40004, Spalte Betrag: »abc« ist keine Zahl (erwartet z. B. 1.234,56)."
    );
}

#[test]
fn a_quote_never_closed_rejects_its_row_with_the_lines_it_would_swallow() {
    // Bug: a quote opened in the last cell of line 3 and never closed took lines 4 and 5 into
    // that cell, and the row was imported with a plan of three lines: two rows were gone
    // without a word.
    let csv = "customer,start,amount,plan\nK1,2025-01-01,10.00,basic\n\
               K2,2025-02-01,20.00,\"pro\nK3,2025-03-01,30.00,basic\nK4,2025-04-01,40.00,basic\n";
    let result = import_both(csv.as_bytes()).unwrap();
    let a = &result.accounting;
    assert_eq!((a.rows, a.used, a.rejected), (2, 1, 1));
    assert_eq!(subscriptions(&result)[0].customer, "K1");
    let r = &result.rejections[0];
    assert_eq!((r.line, r.column.as_deref()), (3, Some("plan")));
    assert_eq!(r.expected, ingest::Expected::ClosingQuote { last_line: 5 });
    assert_eq!(
        r.message_de,
        "Zeile 3, Spalte plan: Anführungszeichen nicht geschlossen – die Zeilen 3 bis 5 stünden \
         alle in dieser Zelle. Bitte das schließende Anführungszeichen ergänzen oder das \
         öffnende entfernen."
    );
    assert_eq!(
        r.message_en,
        "Line 3, column plan: quote not closed – lines 3 to 5 would all be this one cell. \
         Please add the closing quote or remove the opening one."
    );
    // The row as read goes to the rejected-rows file whole.
    assert_eq!(r.fields[3], "pro\nK3,2025-03-01,30.00,basic\nK4,2025-04-01,40.00,basic\n");
    assert_eq!(r.found, "pro\nK3,2025-03-01,30.00,basic\nK4,2025-04-01,40.00,basic\n");
}

#[test]
fn an_open_quote_on_the_last_line_without_line_break_is_named_too() {
    // Bug: `K2,"pro` at the very end (no line break) was read as the plan `pro`.
    for (csv, encoding) in [
        ("customer,start,amount,plan\nK1,2025-01-01,10.00,x\nK2,2025-02-01,20.00,\"pro", None),
        ("Kunde;Beginn;Betrag;Tarif\r\nK1;01.01.2025;10,00;x\r\nK2;01.02.2025;20,00;\"pro", None),
        // Windows-1252, so the check decodes the tail again.
        (
            "Kunde;Beginn;Betrag;Tarif\nK1;01.01.2025;10,00;Größe\nK2;01.02.2025;20,00;\"pro",
            Some(()),
        ),
    ] {
        let bytes = match encoding {
            Some(()) => csv.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect(),
            None => csv.as_bytes().to_vec(),
        };
        let result = import_both(&bytes).unwrap();
        let a = &result.accounting;
        assert_eq!((a.rows, a.used, a.rejected), (2, 1, 1), "{csv}");
        let r = &result.rejections[0];
        assert_eq!((r.line, r.expected), (3, ingest::Expected::ClosingQuote { last_line: 3 }));
        assert!(r.message_de.starts_with("Zeile 3, Spalte "), "{}", r.message_de);
        assert!(r.message_de.contains("Anführungszeichen nicht geschlossen. Bitte"), "{csv}");
    }
    // A closed quote at the very end and a quote inside a cell are no such case.
    for csv in [
        "customer,start,amount,plan\nK1,2025-01-01,10.00,\"pro\"",
        "customer,start,amount,plan\nK1,2025-01-01,10.00,15\" screen\n",
        "customer,start,amount,plan\nK1,2025-01-01,10.00,\"two\nlines\"\n",
    ] {
        let result = import_both(csv.as_bytes()).unwrap();
        assert_eq!((result.accounting.used, result.accounting.rejected), (1, 0), "{csv}");
    }
}

#[test]
fn a_first_row_longer_than_16_mib_is_refused_with_its_line() {
    // Bug: a row longer than the window was "only a header row"; past the bound it is now
    // named, with the reason when a quote is open.
    let limit = ingest::SNIFF_MAX_BYTES;
    let long = "x".repeat(limit + 10);
    let plain = format!("customer,start,amount,plan\n\nK1,2025-01-01,10.00,{long}\n");
    let err = ingest::sniff(plain.as_bytes()).unwrap_err();
    assert_eq!(err, IngestError::RowTooLong { line: 3, limit_bytes: 16 << 20, open_quote: false });
    assert_eq!(
        err.message(ingest::Lang::De),
        "Zeile 3: Die Zeile endet nicht innerhalb von 16 MiB. Bitte prüfen, ob die Datei \
         Zeilenumbrüche hat und wirklich eine CSV-Datei ist."
    );
    assert_eq!(import_both(plain.as_bytes()), Err(err));
    let quoted = format!("customer,start,amount,plan\nK1,2025-01-01,10.00,\"{long}\n");
    let err = ingest::import(quoted.as_bytes(), &ImportOptions::default()).unwrap_err();
    assert_eq!(err, IngestError::RowTooLong { line: 2, limit_bytes: 16 << 20, open_quote: true });
    assert_eq!(
        err.message(ingest::Lang::En),
        "Line 2: the row does not end within 16 MiB. A quote in it is never closed – please \
         add the closing quote or remove the opening one."
    );
    assert_eq!(import_like_the_app(quoted.as_bytes()), Err(err));
}

#[test]
fn the_table_as_read_comes_before_the_kind() {
    // Bug: a file whose kind is unknown could not be shown at all: the import stopped at
    // "no known kind" and nothing showed what had been read.
    let csv = "Titel\n\nfoo;bar\n1;\"a\nb\"\n;\n2;\u{1b}[31mrot\n";
    let sniffed = ingest::sniff(csv.as_bytes()).unwrap();
    assert_eq!((sniffed.kind, sniffed.header_line), (None, 3));
    let err = ingest::import(csv.as_bytes(), &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, IngestError::UnknownKind { .. }), "{err:?}");
    let table = ingest::read_table(csv.as_bytes(), &sniffed).unwrap();
    assert_eq!(table.headers, ["foo", "bar"]);
    assert_eq!(table.header_line, 3);
    let rows: Vec<(u64, Vec<&str>)> =
        table.rows.iter().map(|r| (r.line, r.cells.iter().map(String::as_str).collect())).collect();
    // The title above the header and the row of only a delimiter are not data; the quoted
    // cell keeps its line break, the escape sequence is kept as read (showing it safely is
    // the viewer's job).
    assert_eq!(rows, [(4, vec!["1", "a\nb"]), (7, vec!["2", "\u{1b}[31mrot"])]);
}
