//! Bytes → typed rows for Kennzahl: CSV exports from billing, CRM, help desk, survey and
//! analytics tools, very often saved by German Excel.
//!
//! Reading path:
//! 1. [`sniff`] looks at the first 64 KiB, or on to the end of the first data row when that
//!    is longer (up to [`SNIFF_MAX_BYTES`]): [`Encoding`], delimiter, quote, header row, and
//!    per column the type, [`DecimalStyle`] and date format (flagging day/month ambiguity),
//!    then scores every [`records::DatasetKind`] against the headers and suggests a mapping
//!    field → column ([`schema`] holds the German and English header names).
//! 2. [`import`] / [`import_with_progress`] read a whole `&[u8]` with `csv::Reader`
//!    (flexible, one reused `ByteRecord`); [`Importer`] takes the file slice by slice
//!    (`push`, then `finish`) and parses with `csv_core` as the slices arrive. Both feed the
//!    same row session, so they give identical results: the [`records::Dataset`] and an
//!    [`Accounting`] where every data row is used, rejected with a [`Rejection`] (physical
//!    line, column, expected, found, German and English message), or skipped by a
//!    [`SkipRule`] (blank line, repeated header, total row).
//!    [`write_rejections_csv`] writes the rejected rows back out with a reason column,
//!    every cell passed through [`csv_safe::neutralise`] so no cell opens as a spreadsheet
//!    formula; the importer reads such cells back ([`csv_safe::restore`]), so a fixed
//!    download imports with the original values.
//!    A last record whose quote is never closed is rejected with its line, not read as a
//!    cell that runs to the end of the file.
//! 3. Files that cannot be imported at all give an [`IngestError`] with
//!    [`IngestError::message`] in German or English.
//! 4. [`read_table`] gives the table as read (header and every row's cells, untyped) for
//!    any file the sniffer can read, also one whose kind is unknown.
//!
//! Module map, each depending only on those before it: `error`, [`value`] (cell parsers),
//! [`csv_safe`] (formula-safe cells and the way back), `decode` (the four decoders and
//! [`Encoding`]), `encoding` (detection, streaming reader, line tracking), [`schema`]
//! (fields, header names and column types per kind), `sniff` (layout and column profiles),
//! `quote` (where records end, quotes left open), `import` (split by role: `result` types,
//! column `plan`, `cells` and skip rules, per-kind `convert`ion, `rejection` messages, the
//! rejected-rows `write`r, the untyped `table`, and the row session),
//! `stream` (the chunked importer). [`read_cell`] is the import's reader for one cell, which
//! the import preview uses, so the preview never accepts a cell the import rejects.
//!
//! Architecture invariants: no function panics on input (property tests feed arbitrary
//! bytes); no web or UI dependency; nothing is written to disk or network; every result
//! type is `serde`-serialisable and deserialisable for the Web Worker boundary.
//!
//! ```
//! let csv = "Kunde;Beginn;Betrag\nACME;31.12.2025;1.234,50\n".as_bytes();
//! let result = ingest::import(csv, &ingest::ImportOptions::default()).unwrap();
//! assert_eq!(result.accounting.used, 1);
//! let records::Dataset::Subscriptions(rows) = result.dataset else { panic!() };
//! let row = rows.get(0).unwrap();
//! assert_eq!((row.customer(), row.amount()), ("ACME", records::Money(123_450)));
//! ```

#![deny(missing_docs)]

pub mod capacity;
pub mod csv_safe;
mod decode;
mod encoding;
mod error;
mod import;
mod quote;
pub mod schema;
mod sniff;
mod stream;
pub mod value;

pub use decode::Encoding;
pub use encoding::{SNIFF_BYTES, SNIFF_MAX_BYTES};
pub use error::{IngestError, Lang, SpreadsheetFormat};
pub use import::{
    is_total_word, outcome_from_stage, parse_outcome, read_cell, read_table, write_rejections_csv,
    Accounting, Assumption, CellValue, Expected, FieldSetting, ImportResult, Progress, Rejection,
    ScaleSetting, ScaleSource, Settings, SkipRule, Table, TableRow,
};
pub use schema::{ColumnType, FieldSpec, FieldType, KindScore};
pub use sniff::{ColumnProfile, DateInfo, HeadSniff, Sniffed};
pub use stream::{Fork, Importer, Part};
pub use value::{parse_survey_kind, parse_survey_scale, scale_in_header, DateOrder, DecimalStyle};

use records::DatasetKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Overrides for what [`sniff`] would decide; everything `None`/empty means "detect".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// Encoding of the bytes.
    pub encoding: Option<Encoding>,
    /// Field delimiter (`,` `;` `\t` `|` or any ASCII character).
    pub delimiter: Option<char>,
    /// Quote character.
    pub quote: Option<char>,
    /// Whether the first non-blank row is a header.
    pub has_header: Option<bool>,
    /// Decimal style per column index.
    pub decimal: BTreeMap<usize, DecimalStyle>,
    /// Day/month order for date columns whose values do not decide it (every `a/b/yyyy`
    /// fits both); columns where only one order fits keep that order.
    pub date_order: Option<DateOrder>,
    /// Dataset kind.
    pub kind: Option<DatasetKind>,
    /// Field id → column index (replaces the suggested mapping completely).
    pub mapping: Option<BTreeMap<String, usize>>,
    /// Rejections kept in the result (default 10 000; the accounting counts all).
    pub max_rejections: Option<usize>,
    /// Rows between progress callbacks (default 10 000).
    pub progress_every: Option<u64>,
    /// Scale of a survey file's CSAT and CES answers, as the user chose it; `None` = from
    /// the score column's header, else from the file's values (see [`ScaleSetting`]).
    pub survey_scale: Option<records::SurveyScale>,
}

/// Detects encoding, delimiter, header, column formats, kind and mapping from the first
/// 64 KiB of the whole file `bytes` (read on to the end of the first data row when it is
/// longer, up to [`SNIFF_MAX_BYTES`]).
pub fn sniff(bytes: &[u8]) -> Result<Sniffed, IngestError> {
    sniff::sniff_with(bytes, &ImportOptions::default())
}

/// Like [`sniff`], with some decisions given (e.g. the kind the user chose, to see the
/// mapping for it).
pub fn sniff_with(bytes: &[u8], options: &ImportOptions) -> Result<Sniffed, IngestError> {
    sniff::sniff_with(bytes, options)
}

/// Like [`sniff_with`] for the first bytes of a file of `file_size` bytes (the app reads a
/// `Blob` slice by slice): [`HeadSniff::ReadMore`] asks for a longer head when the first data
/// row goes on past `head`. The decisions are those [`sniff_with`] makes on the whole file.
pub fn sniff_head(
    head: &[u8],
    file_size: u64,
    options: &ImportOptions,
) -> Result<HeadSniff, IngestError> {
    sniff::sniff_prefix(head, head.len() as u64 >= file_size, options)
}

/// Imports the whole input.
pub fn import(bytes: &[u8], options: &ImportOptions) -> Result<ImportResult, IngestError> {
    import::run(bytes, options, &mut |_| true)
}

/// Imports the whole input, calling `progress` every `options.progress_every` rows and once
/// at the end; returning `false` cancels with [`IngestError::Cancelled`].
pub fn import_with_progress(
    bytes: &[u8],
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<ImportResult, IngestError> {
    import::run(bytes, options, progress)
}

/// The fields of a dataset kind (for the mapping UI).
pub fn fields(kind: DatasetKind) -> &'static [FieldSpec] {
    schema::fields(kind)
}
