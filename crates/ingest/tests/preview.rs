//! The import preview reads cells with the import's own readers: a cell the import rejects is
//! never shown as readable.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{read_cell, CellValue, DateOrder, DecimalStyle, Expected, FieldType, ImportOptions};
use records::DatasetKind;
use std::collections::BTreeMap;

/// A cell every field of this type (and reader) reads.
fn valid(kind: DatasetKind, ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "x",
        FieldType::Date => "2025-01-31",
        FieldType::DateTime => "2025-01-31 10:00",
        FieldType::Money => "10.00",
        FieldType::Number => "5",
        FieldType::Count => "3",
        FieldType::Bool => "yes",
        FieldType::Interval if kind == DatasetKind::Invoices => "1",
        FieldType::Interval => "month",
        FieldType::Outcome => "won",
        FieldType::SurveyKind => "nps",
        FieldType::Month => "2025-01",
        FieldType::Duration => "60",
    }
}

/// Cells to try in every field: readable by some readers and not by others.
const CANDIDATES: [&str; 24] = [
    "",
    "abc",
    "12,5,0",
    "5 %",
    "-1",
    "7",
    "13",
    "4294967296",
    "1e3",
    "€ 12",
    "2025-13-01",
    "31.12.2025",
    "45658",
    "2025-01",
    "ja",
    "x",
    "month",
    "zweiwöchentlich",
    "won",
    "Qualifiziert",
    "nps",
    "1:30:00",
    "=1",
    "Summe",
];

/// One file of `kind` with every field in its own column, all cells valid except `cell` in
/// field `target`; imported with a fixed layout. Returns whether the import rejected the row
/// for the target's column, and whether the preview reads the cell.
fn check(kind: DatasetKind, target: usize, cell: &str) -> (bool, Result<CellValue, Expected>) {
    let fields = ingest::fields(kind);
    // Known header names, so the sniffer takes the first line as the header row.
    let headers: Vec<&str> =
        fields.iter().map(|f| f.synonyms.first().copied().unwrap_or(f.id)).collect();
    let row: Vec<&str> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| if i == target { cell } else { valid(kind, f.ty) })
        .collect();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    w.write_record(&row).unwrap();
    let bytes = w.into_inner().unwrap();
    let mapping: BTreeMap<String, usize> =
        fields.iter().enumerate().map(|(i, f)| (f.id.to_string(), i)).collect();
    let options = ImportOptions {
        encoding: Some(ingest::Encoding::Utf8),
        delimiter: Some(','),
        quote: Some('"'),
        has_header: Some(true),
        kind: Some(kind),
        mapping: Some(mapping),
        decimal: (0..fields.len()).map(|i| (i, DecimalStyle::Point)).collect(),
        date_order: Some(DateOrder::Dmy),
        ..ImportOptions::default()
    };
    let result = ingest::import(&bytes, &options).unwrap();
    let rejected = result.rejections.iter().any(|r| r.column_index == Some(target));
    let setting = result.settings.fields.iter().find(|s| s.column == target).unwrap();
    let preview = read_cell(
        kind,
        &fields[target],
        cell,
        setting.decimal,
        setting.date_order,
        &result.settings.headers[target],
    );
    (rejected, preview)
}

#[test]
fn a_cell_the_import_rejects_is_never_readable_in_the_preview() {
    let mut rejected_cells = 0;
    for kind in DatasetKind::ALL {
        for (target, field) in ingest::fields(kind).iter().enumerate() {
            for cell in CANDIDATES {
                let (rejected, preview) = check(kind, target, cell);
                if rejected {
                    rejected_cells += 1;
                    assert!(preview.is_err(), "{kind:?}.{} {cell:?}: {preview:?}", field.id);
                }
            }
        }
    }
    // Enough rejections happened for the comparison to mean something (each typed field
    // rejects most candidates; counted on the schema of 2026-12: several hundred).
    assert!(rejected_cells > 300, "{rejected_cells}");
}

#[test]
fn preview_reads_cells_as_the_import_does() {
    let spec = |kind, id: &str| *ingest::fields(kind).iter().find(|f| f.id == id).unwrap();
    let read = |kind, id: &str, cell: &str| {
        read_cell(kind, &spec(kind, id), cell, DecimalStyle::Comma, DateOrder::Dmy, "Dauer (min)")
    };
    use DatasetKind::*;
    assert_eq!(
        read(Subscriptions, "amount", " 1.234,50 € "),
        Ok(CellValue::Money(records::Money(123_450)))
    );
    assert_eq!(read(Subscriptions, "amount", "12,5,0"), Err(Expected::Money));
    assert_eq!(read(Subscriptions, "amount", ""), Err(Expected::Value));
    assert_eq!(read(Subscriptions, "end", ""), Ok(CellValue::Empty));
    assert_eq!(
        read(Subscriptions, "interval", "jährlich"),
        Ok(CellValue::Interval(records::BillingInterval::YEAR))
    );
    // Bug: the preview read an invoice's period as an interval word only (and a duration or
    // an outcome as any text), so it disagreed with the import both ways.
    assert_eq!(read(Invoices, "period", "3"), Ok(CellValue::Months(3)));
    assert_eq!(read(Invoices, "period", "121"), Err(Expected::Interval));
    assert_eq!(read(Subscriptions, "interval", "zweiwöchentlich"), Err(Expected::Interval));
    assert_eq!(read(Usage, "session", "1,5"), Ok(CellValue::Duration(90.0)));
    assert_eq!(read(Usage, "session", "lang"), Err(Expected::Duration));
    assert_eq!(read(Tickets, "contacts", "4294967296"), Err(Expected::Count));
    assert_eq!(read(Deals, "outcome", "Qualifiziert"), Err(Expected::Outcome));
    assert_eq!(read(Subscriptions, "customer", "  ACME "), Ok(CellValue::Text("ACME".into())));
}
