//! Every reason a whole file cannot be imported, reached from real bytes where the importer
//! can produce it, with its German and its English message written out.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{ImportOptions, IngestError, Lang};
use records::DatasetKind;
use std::collections::BTreeMap;

/// Imports `bytes`, expects an error and compares both messages.
fn check(bytes: &[u8], options: &ImportOptions, de: &str, en: &str) {
    let err = match ingest::import(bytes, options) {
        Ok(r) => {
            panic!("imported {} rows from {:?}", r.accounting.rows, String::from_utf8_lossy(bytes))
        }
        Err(e) => e,
    };
    assert_eq!(err.message(Lang::De), de, "{err:?}");
    assert_eq!(err.message(Lang::En), en, "{err:?}");
}

fn plain(bytes: &[u8], de: &str, en: &str) {
    check(bytes, &ImportOptions::default(), de, en);
}

#[test]
fn empty_blank_and_header_only_files() {
    plain(
        b"",
        "Die Datei ist leer (0 Bytes). Bitte den Export erneut speichern.",
        "The file is empty (0 bytes). Please export it again.",
    );
    plain(
        b"\n  \r\n\t\n",
        "Die Datei enthält nur Leerzeilen.",
        "The file contains only blank lines.",
    );
    plain(
        b"Kunde;Beginn;Betrag\r\n",
        "Die Datei hat nur eine Kopfzeile (Kunde, Beginn, Betrag) und keine Datenzeilen.",
        "The file has only a header row (Kunde, Beginn, Betrag) and no data rows.",
    );
}

#[test]
fn binary_files_and_spreadsheets() {
    // "Kunde,Betrag\nA," is 15 bytes: the first NUL is byte 15.
    let mut binary = b"Kunde,Betrag\nA,".to_vec();
    binary.extend([0u8; 64]);
    plain(
        &binary,
        "Die Datei ist keine Textdatei (Binärdaten ab Byte 15). Bitte als CSV exportieren.",
        "The file is not text (binary data at byte 15). Please export as CSV.",
    );
    let mut xlsx = b"PK\x03\x04".to_vec();
    xlsx.extend([1u8; 64]);
    plain(
        &xlsx,
        "Das ist eine Excel-Datei (.xlsx), keine CSV-Datei. In Excel »Speichern unter« → \
         »CSV (Trennzeichen-getrennt)« wählen.",
        "This is an Excel file (.xlsx), not a CSV file. In Excel choose “Save as” → “CSV”.",
    );
    let mut xls = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    xls.extend([0u8; 64]);
    plain(
        &xls,
        "Das ist eine Excel-Datei (.xls), keine CSV-Datei. In Excel »Speichern unter« → \
         »CSV (Trennzeichen-getrennt)« wählen.",
        "This is an Excel file (.xls), not a CSV file. In Excel choose “Save as” → “CSV”.",
    );
}

#[test]
fn unknown_kind_and_missing_columns() {
    plain(
        b"Farbe,Gewicht\nrot,3\nblau,4\n",
        "Die Spalten (Farbe, Gewicht) passen zu keiner bekannten Datenart. Bitte die Datenart \
         auswählen und die Spalten zuordnen.",
        "The columns (Farbe, Gewicht) match no known dataset kind. Please choose the kind and map \
         the columns.",
    );
    // Deals without any column for the deal's creation date.
    let options = ImportOptions { kind: Some(DatasetKind::Deals), ..Default::default() };
    let err = ingest::import(b"Farbe,Gewicht\nrot,3\n", &options).unwrap_err();
    assert!(matches!(err, IngestError::MissingColumn { kind: DatasetKind::Deals, .. }), "{err:?}");
    assert_eq!(
        err.message(Lang::De),
        "Für deals fehlt die Pflichtspalte »Erstellt«. Bitte eine Spalte zuordnen."
    );
    assert_eq!(
        err.message(Lang::En),
        "The required column “created” for deals is missing. Please map a column to it."
    );
}

#[test]
fn a_mapping_to_a_column_the_file_does_not_have() {
    let mapping: BTreeMap<String, usize> =
        [("customer".to_string(), 0), ("start".to_string(), 1), ("amount".to_string(), 7)].into();
    let options = ImportOptions {
        kind: Some(DatasetKind::Subscriptions),
        mapping: Some(mapping),
        ..Default::default()
    };
    // Column index 7 is the 8th column; the file has 3.
    check(
        b"Kunde;Beginn;Betrag\nA;01.01.2025;10,00\n",
        &options,
        "Zuordnung ungültig: Feld »amount« → Spalte 8 (die Datei hat 3 Spalten).",
        "Invalid mapping: field “amount” → column 8 (the file has 3 columns).",
    );
}

#[test]
fn cancelled_and_read_errors() {
    let cancelled = IngestError::Cancelled { rows: 1200 };
    assert_eq!(cancelled.message(Lang::De), "Import nach 1200 Zeilen abgebrochen.");
    assert_eq!(cancelled.message(Lang::En), "Import cancelled after 1200 rows.");
    let read = IngestError::Read { line: 7, message: "stream closed".into() };
    assert_eq!(read.message(Lang::De), "Lesefehler bei Zeile 7: stream closed");
    assert_eq!(read.message(Lang::En), "Read error near line 7: stream closed");
}

#[test]
fn a_row_too_long_names_its_line_and_an_open_quote() {
    let plain = IngestError::RowTooLong { line: 2, limit_bytes: 16 << 20, open_quote: false };
    assert_eq!(
        plain.message(Lang::En),
        "Line 2: the row does not end within 16 MiB. Please check that the file has line breaks \
         and really is a CSV file."
    );
    let quoted = IngestError::RowTooLong { line: 7, limit_bytes: 16 << 20, open_quote: true };
    assert_eq!(
        quoted.message(Lang::De),
        "Zeile 7: Die Zeile endet nicht innerhalb von 16 MiB. Ein Anführungszeichen in ihr wird \
         nicht geschlossen – bitte das schließende Anführungszeichen ergänzen oder das öffnende \
         entfernen."
    );
}
