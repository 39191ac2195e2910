//! The import loop: every data row is used, rejected with a reason, or skipped by a named
//! rule, and the three counts add up to the rows in the file.
//!
//! Rows are read as `csv::ByteRecord`s into one reused buffer; cells are borrowed `&str`s
//! and only the typed values that end up in the dataset (and rejected rows) allocate.
//!
//! Modules by role: `result` (what an import produces: accounting, rejections, settings),
//! `plan` (the column plan), `cells` (one record's cells and the skip rules), `convert`
//! (per-kind row conversion, also used cell by cell by the preview), `rejection` (messages
//! for cells that could not be read) and `write` (the rejected-rows download). This file
//! holds the row session both readers feed and the one-shot reader.

mod assume;
mod cells;
mod convert;
mod plan;
mod rejection;
mod result;
mod write;

pub use cells::is_total_word;
pub use convert::{outcome_from_stage, parse_outcome, read_cell, CellValue};
pub use result::{
    Accounting, Assumption, Expected, FieldSetting, ImportResult, Progress, Rejection, Settings,
    SkipRule,
};
pub use write::write_rejections_csv;

use crate::encoding::DecodeReader;
use crate::error::IngestError;
use crate::sniff::{self, Sniffed};
use crate::ImportOptions;
use cells::{recycle, skip_rule, CellView, Cells};
use convert::{Memo, PushRow, Row};
use plan::{build_plan, settings, Plan};
use records::Dataset;
use rejection::rejection;
use std::collections::BTreeMap;

/// Row processing shared by the one-shot reader ([`run`]) and the chunked
/// [`crate::Importer`]: skip rules, typed conversion, rejections and the accounting.
pub(crate) struct Session {
    plan: Plan,
    settings: Settings,
    has_header: bool,
    /// Physical line of the header (or first data row); records above it are a preamble.
    start_line: u64,
    /// Whether the header (or first data row) has been seen; blank lines count from then on.
    started: bool,
    acc: Accounting,
    skips: BTreeMap<SkipRule, u64>,
    rejections: Vec<Rejection>,
    out: Dataset,
    max_rejections: usize,
    /// The current record's trimmed cells (buffers reused from record to record).
    cells: Cells,
    /// The last cells converted, per column type that repeats a few words.
    memo: Memo,
}

impl Session {
    /// Prepares an import from a sniff result; fails on unknown kind or a bad mapping.
    pub(crate) fn new(sniffed: &Sniffed, options: &ImportOptions) -> Result<Session, IngestError> {
        let plan = build_plan(sniffed, options)?;
        Ok(Session {
            settings: settings(sniffed, &plan),
            out: Dataset::empty(plan.kind),
            plan,
            has_header: sniffed.has_header,
            start_line: sniffed.header_line,
            started: false,
            acc: Accounting::default(),
            skips: BTreeMap::new(),
            rejections: Vec::new(),
            max_rejections: options.max_rejections.unwrap_or(10_000),
            cells: Cells::default(),
            memo: Memo::default(),
        })
    }

    /// Encoding the session was sniffed with.
    pub(crate) fn encoding(&self) -> crate::Encoding {
        self.settings.encoding
    }

    /// Reserves room for about `rows` typed rows (see [`crate::Importer::with_file_size`]).
    pub(crate) fn reserve(&mut self, rows: usize) {
        self.out.reserve(rows);
    }

    /// Typed rows the output has room for (for tests of the estimate).
    #[cfg(test)]
    pub(crate) fn capacity(&self) -> usize {
        self.out.capacity()
    }

    /// Data rows counted so far.
    pub(crate) fn rows(&self) -> u64 {
        self.acc.rows
    }

    /// One physical record starting at `line`, with `blanks` empty lines before it: field
    /// `i` ends at `ends[i]` in `buf`, and the next one starts `sep` bytes later (0 for
    /// `csv`'s fields one after another, 1 for a plain line with its delimiters).
    pub(crate) fn record(
        &mut self,
        buf: &[u8],
        ends: &[usize],
        sep: usize,
        line: u64,
        blanks: u64,
    ) {
        if line < self.start_line {
            // A title line or Excel's `sep=;` above the table: not a data row.
            return;
        }
        if !self.started {
            // Blank lines before the table are not data rows either.
            self.started = true;
            if self.has_header {
                return;
            }
        } else {
            self.blank_lines(blanks);
        }
        self.acc.rows += 1;
        // The list borrows `self.cells` only, so the other fields stay usable next to it
        // (taking `cells` out of `self` and putting it back cost a drop per record).
        let list = self.cells.load(buf, ends, sep);
        let view = CellView { cells: &list };
        if let Some(rule) = skip_rule(view, &self.plan.headers, self.has_header) {
            *self.skips.entry(rule).or_default() += 1;
        } else {
            let row = Row { plan: &self.plan, cells: view, memo: &self.memo };
            match self.out.push_row(row, line) {
                Ok(()) => self.acc.used += 1,
                Err(problem) => {
                    self.acc.rejected += 1;
                    if self.rejections.len() < self.max_rejections {
                        let rejection = rejection(&self.plan, buf, ends, sep, line, problem);
                        self.rejections.push(rejection);
                    }
                }
            }
        }
        let spare = recycle(list);
        self.cells.put_back(spare);
    }

    fn skip(&mut self, rule: SkipRule, n: u64) {
        if n > 0 {
            *self.skips.entry(rule).or_default() += n;
        }
    }

    /// Empty lines that `csv` skipped silently: rows of their own, skipped as blank lines.
    fn blank_lines(&mut self, n: u64) {
        self.skip(SkipRule::BlankLine, n);
        self.acc.rows += n;
    }

    /// Ends the import; `trailing_blanks` are the empty lines after the last record.
    pub(crate) fn finish(mut self, trailing_blanks: u64) -> ImportResult {
        if self.started {
            self.blank_lines(trailing_blanks);
        }
        self.acc.skipped_by_rule = self.skips.into_iter().collect();
        let assumptions = assume::assumptions(&self.out, &self.settings.mapping);
        ImportResult {
            dataset: self.out,
            accounting: self.acc,
            rejections: self.rejections,
            settings: self.settings,
            assumptions,
        }
    }
}

/// Runs the import over the whole input with `csv::Reader`, calling `progress` every
/// `options.progress_every` rows; returning `false` from it cancels with
/// [`IngestError::Cancelled`].
pub fn run(
    bytes: &[u8],
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<ImportResult, IngestError> {
    let sniffed = sniff::sniff_with(bytes, options)?;
    let mut session = Session::new(&sniffed, options)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniffed.delimiter as u8)
        .quote(sniffed.quote as u8)
        .from_reader(DecodeReader::new(bytes, sniffed.encoding));
    let mut rec = csv::ByteRecord::new();
    let mut ends = Vec::new();
    let every = options.progress_every.unwrap_or(10_000).max(1);
    let total_bytes = bytes.len() as u64;
    // Decoded offset where the next record's read starts (see `LineTracker`).
    let mut read_start = 0u64;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(IngestError::Read { line, message: e.to_string() });
            }
        }
        let (line, blanks) = rdr.get_mut().lines.locate(read_start);
        read_start = rdr.position().byte();
        let before = session.rows() / every;
        ends.clear();
        ends.extend((0..rec.len()).filter_map(|i| rec.range(i)).map(|r| r.end));
        session.record(rec.as_slice(), &ends, 0, line, blanks);
        if session.rows() / every > before {
            let bytes = rdr.get_ref().consumed() as u64;
            if !progress(Progress { rows: session.rows(), bytes, total_bytes }) {
                return Err(IngestError::Cancelled { rows: session.rows() });
            }
        }
    }
    let trailing = rdr.get_mut().lines.trailing_blanks(read_start);
    let result = session.finish(trailing);
    progress(Progress { rows: result.accounting.rows, bytes: total_bytes, total_bytes });
    Ok(result)
}
