//! The import loop: every data row is used, rejected with a reason, or skipped by a named
//! rule, and the three counts add up to the rows in the file.
//!
//! Rows are read as `csv::ByteRecord`s into one reused buffer; cells are borrowed `&str`s
//! and only the typed values that end up in the dataset (and rejected rows) allocate.
//!
//! Modules by role: `result` (what an import produces: accounting, rejections, settings),
//! `plan` (the column plan), `cells` (one record's cells and the skip rules), `convert`
//! (per-kind row conversion, also used cell by cell by the preview), `rejection` (messages
//! for cells that could not be read), `table` (the file as read, untyped) and `write` (the
//! rejected-rows download). This file holds the row session both readers feed and the
//! one-shot reader.

mod assume;
mod attrs;
mod cells;
mod convert;
mod join;
mod plan;
mod rejection;
mod result;
mod table;
mod write;

pub use cells::is_total_word;
pub use convert::{outcome_from_stage, parse_outcome, read_cell, CellValue};
pub use result::{
    Accounting, Assumption, Expected, FieldSetting, ImportResult, Progress, Rejection,
    ScaleSetting, ScaleSource, Settings, SkipRule,
};
pub use table::{read_table, Table, TableRow};
pub use write::write_rejections_csv;

use crate::encoding::DecodeReader;
use crate::error::IngestError;
use crate::sniff::{self, Sniffed};
use crate::ImportOptions;
use cells::{is_sub_header, recycle, skip_rule, CellView, Cells};
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
    /// The used rows' segment attributes.
    attrs: attrs::AttrSession,
    /// The physical line of every used row (for the drill-down's "file and line").
    lines: Vec<u32>,
    /// A session for a later part of the file (see `join`): its first record is a data
    /// row like any other, never the header or a sub-header.
    continued: bool,
    /// A later part's rows taken out of `out` block by block (`join::Session::spill`), so
    /// that joining frees them block by block instead of holding them twice at once.
    spilled: Vec<Dataset>,
}

impl Session {
    /// Prepares an import from a sniff result; fails on unknown kind or a bad mapping.
    pub(crate) fn new(sniffed: &Sniffed, options: &ImportOptions) -> Result<Session, IngestError> {
        let plan = build_plan(sniffed, options)?;
        let attrs = attrs::AttrSession::new(sniffed, &plan);
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
            attrs,
            lines: Vec::new(),
            continued: false,
            spilled: Vec::new(),
        })
    }

    /// Encoding the session was sniffed with.
    pub(crate) fn encoding(&self) -> crate::Encoding {
        self.settings.encoding
    }

    /// Reserves room for about `rows` typed rows (see [`crate::Importer::with_file_size`]).
    pub(crate) fn reserve(&mut self, rows: usize) {
        self.out.reserve(rows);
        self.attrs.reserve(rows);
        self.lines.reserve_exact(rows);
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
        if !self.begin_row(line, blanks) {
            return;
        }
        // The list borrows `self.cells` only, so the other fields stay usable next to it
        // (taking `cells` out of `self` and putting it back cost a drop per record).
        let list = self.cells.load(buf, ends, sep);
        let view = CellView { cells: &list };
        let sub_header = self.has_header
            && self.acc.rows == 1
            && !self.continued
            && is_sub_header(view, &self.plan);
        let rule = if sub_header {
            Some(SkipRule::SubHeader)
        } else {
            skip_rule(view, &self.plan.headers, self.has_header)
        };
        if let Some(rule) = rule {
            *self.skips.entry(rule).or_default() += 1;
        } else {
            let row = Row { plan: &self.plan, cells: view, memo: &self.memo };
            match self.out.push_row(row, line) {
                Ok(()) => {
                    self.acc.used += 1;
                    self.attrs.push(view);
                    // Past 4 billion lines the last one is named (no file is that long).
                    self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
                }
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

    /// Sets the customer ids of the rows whose lookup is pending
    /// ([`records::Subscriptions::push_deferred`]): before `out` is read or moved.
    pub(crate) fn flush_pending(&mut self) {
        if let Dataset::Subscriptions(subs) = &mut self.out {
            subs.flush_pending();
        }
    }

    /// Counts the blank lines before a record and the record itself as rows; `false` for a
    /// record that is no data row (above the table, or the header).
    #[inline(always)]
    fn begin_row(&mut self, line: u64, blanks: u64) -> bool {
        if line < self.start_line {
            // A title line or Excel's `sep=;` above the table: not a data row.
            return false;
        }
        if !self.started {
            // Blank lines before the table are not data rows either.
            self.started = true;
            if self.has_header {
                return false;
            }
        } else {
            self.blank_lines(blanks);
        }
        self.acc.rows += 1;
        true
    }

    /// The file's last record, whose last cell opens a quote that is never closed (so it
    /// runs to the end of the file, line `last_line`): rejected with that reason instead of
    /// being read as a cell holding every line after it.
    pub(crate) fn unclosed_quote(
        &mut self,
        record: (&[u8], &[usize], usize),
        line: u64,
        blanks: u64,
        last_line: u64,
    ) {
        let (buf, ends, sep) = record;
        if !self.begin_row(line, blanks) {
            return;
        }
        self.acc.rejected += 1;
        if self.rejections.len() < self.max_rejections {
            let col = ends.len().saturating_sub(1);
            let start = match col {
                0 => 0,
                _ => ends.get(col - 1).map_or(0, |e| e + sep),
            };
            let cell = ends.get(col).and_then(|&end| buf.get(start..end)).unwrap_or_default();
            let found = String::from_utf8_lossy(cell);
            let problem = rejection::Problem {
                col,
                expected: Expected::ClosingQuote { last_line },
                found: rejection::shorten(&found),
                decimal: crate::DecimalStyle::Point,
            };
            self.rejections.push(rejection(&self.plan, buf, ends, sep, line, problem));
        }
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
        if let Dataset::Surveys(answers) = &mut self.out {
            self.settings.survey_scales = decide_scales(answers, self.plan.survey_scale);
        }
        if let Dataset::Subscriptions(subs) = &mut self.out {
            subs.seal();
        }
        let assumptions = assume::assumptions(&self.out, &self.settings.mapping);
        ImportResult {
            dataset: self.out,
            accounting: self.acc,
            rejections: self.rejections,
            settings: self.settings,
            assumptions,
            attributes: self.attrs.finish(),
            lines: {
                // 4 bytes a row, not up to 8 after the vector's doublings (the one-shot reader
                // does not know the row count in advance).
                self.lines.shrink_to_fit();
                self.lines
            },
        }
    }
}

/// Gives the CSAT and CES answers of one survey file their scale and says where it came
/// from: the chosen or named scale (already on each answer), else the smallest scale of the
/// kind that holds every answer of the file (CES: 1–5 or 1–7; CSAT: 1–5, 1–7, 1–10, 0–10).
/// Decided per file and per kind, so one file's answers never change another file's scale.
fn decide_scales(
    answers: &mut [records::SurveyAnswer],
    fixed: Option<(records::SurveyScale, ScaleSource)>,
) -> Vec<ScaleSetting> {
    use records::{SurveyKind, SurveyScale};
    let mut out = Vec::new();
    for (kind, candidates) in
        [(SurveyKind::Csat, &SurveyScale::ALL[..]), (SurveyKind::Ces, &SurveyScale::CES[..])]
    {
        let of_kind = || answers.iter().filter(|a| a.kind == Some(kind));
        let Some(first) = of_kind().next() else { continue };
        let (scale, source) = match fixed {
            Some(fixed) => fixed,
            None => {
                let min = of_kind().map(|a| a.score).fold(first.score, f64::min);
                let max = of_kind().map(|a| a.score).fold(first.score, f64::max);
                // Every answer passed the widest scale of its kind, so one always fits.
                let Some(scale) = SurveyScale::fitting(min, max, candidates) else { continue };
                (scale, ScaleSource::Values)
            }
        };
        for a in answers.iter_mut().filter(|a| a.kind == Some(kind)) {
            a.scale = Some(scale);
        }
        out.push(ScaleSetting { kind, scale, source });
    }
    out
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
    let mut rdr = reader(bytes, &sniffed);
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
        let record_start = read_start;
        let (line, blanks) = rdr.get_mut().lines.locate(read_start);
        read_start = rdr.position().byte();
        let before = session.rows() / every;
        ends.clear();
        ends.extend((0..rec.len()).filter_map(|i| rec.range(i)).map(|r| r.end));
        let last = runs_to_end(&rdr, read_start).then_some(&rdr);
        let at = (record_start, line, blanks);
        if !last
            .is_some_and(|rdr| unclosed_last(bytes, &sniffed, rdr, (&rec, &ends), at, &mut session))
        {
            session.record(rec.as_slice(), &ends, 0, line, blanks);
        }
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

/// Whether the record just read reached the end of the input (nothing was left after it).
#[inline(always)]
/// A CSV reader of the whole input in the layout `sniffed` found, every record as it is (the
/// header and ragged rows too): the import and [`read_table`] read the same records.
pub(crate) fn reader<'a>(bytes: &'a [u8], sniffed: &Sniffed) -> csv::Reader<DecodeReader<'a>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniffed.delimiter as u8)
        .quote(sniffed.quote as u8)
        .from_reader(DecodeReader::new(bytes, sniffed.encoding))
}

fn runs_to_end(rdr: &csv::Reader<DecodeReader<'_>>, end: u64) -> bool {
    let input = rdr.get_ref();
    input.exhausted() && input.lines.fed() == end
}

/// The last record `rec` (with its field `ends`), read from decoded offset `start` of line
/// `line` after `blanks` blank lines: when its quote was never closed, it goes to the session
/// as such and the answer is `true`. Out of line, so the loop above stays as small as it was
/// (inlined, this check made every record's field ends slower to collect).
#[cold]
#[inline(never)]
fn unclosed_last(
    bytes: &[u8],
    sniffed: &Sniffed,
    rdr: &csv::Reader<DecodeReader<'_>>,
    (rec, ends): (&csv::ByteRecord, &[usize]),
    (start, line, blanks): (u64, u64, u64),
    session: &mut Session,
) -> bool {
    let lines = &rdr.get_ref().lines;
    if !open_quote(bytes, sniffed, (start, lines.ends_with_newline()), (rec.as_slice(), ends)) {
        return false;
    }
    session.unclosed_quote((rec.as_slice(), ends, 0), line, blanks, lines.last_line());
    true
}

/// Whether the last record, read from decoded offset `start`, ends inside a quote that was
/// never closed. Most last records are ruled out without looking back: in a file that ends
/// with a line break, an open quote's cell ends with that line break, so a last cell that
/// does not end in one was closed.
fn open_quote(
    bytes: &[u8],
    sniffed: &Sniffed,
    (start, ends_with_newline): (u64, bool),
    (cells, ends): (&[u8], &[usize]),
) -> bool {
    // The last cell from the field ends (`ByteRecord::get` here would be a second caller of
    // csv's field bounds, which the size-optimised build then stops inlining in the loop).
    let last_start = ends.len().checked_sub(2).and_then(|i| ends.get(i)).copied().unwrap_or(0);
    let last_end = ends.last().copied().unwrap_or(0);
    let last_cell = cells.get(last_start..last_end).unwrap_or_default();
    if ends_with_newline && !matches!(last_cell.last(), Some(b'\n' | b'\r')) {
        return false;
    }
    let tail = crate::encoding::decoded_from(bytes, sniffed.encoding, start);
    crate::quote::ends_in_open_quote(&tail, sniffed.delimiter as u8, sniffed.quote as u8)
}
