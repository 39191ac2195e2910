//! The import loop: every data row is used, rejected with a reason, or skipped by a named
//! rule, and the three counts add up to the rows in the file.
//!
//! Rows are read as `csv::ByteRecord`s into one reused buffer; cells are borrowed `&str`s
//! and only the typed values that end up in the dataset (and rejected rows) allocate.

use crate::csv_safe::{neutralise, restore};
use crate::encoding::DecodeReader;
use crate::error::{IngestError, Lang};
use crate::schema::{self, FieldSpec};
use crate::sniff::{self, Sniffed};
use crate::value::{self, DateOrder, DecimalStyle};
use crate::ImportOptions;
use records::{
    BillingInterval, CostRow, Dataset, DatasetKind, Date, DateTime, Deal, DealOutcome, Invoice,
    Lead, Money, Month, Subscription, SurveyAnswer, SurveyKind, Ticket, UsageEvent,
};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Why a row was skipped without being an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipRule {
    /// An empty line, or one with only delimiters and spaces.
    BlankLine,
    /// The header row repeated (concatenated exports, page breaks).
    RepeatedHeader,
    /// A sum row such as "Summe", "Total", "Gesamt", "Gesamtergebnis".
    TotalRow,
}

impl SkipRule {
    /// Name of the rule for the user.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SkipRule::BlankLine, Lang::De) => "Leerzeile",
            (SkipRule::BlankLine, Lang::En) => "blank line",
            (SkipRule::RepeatedHeader, Lang::De) => "wiederholte Kopfzeile",
            (SkipRule::RepeatedHeader, Lang::En) => "repeated header",
            (SkipRule::TotalRow, Lang::De) => "Summenzeile",
            (SkipRule::TotalRow, Lang::En) => "total row",
        }
    }
}

/// Where every data row of the file went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounting {
    /// Data rows in the file (physical records after the header, blank lines included).
    pub rows: u64,
    /// Rows that became records.
    pub used: u64,
    /// Rows rejected with a reason.
    pub rejected: u64,
    /// Rows skipped, per rule (only rules that fired, in rule order).
    pub skipped_by_rule: Vec<(SkipRule, u64)>,
}

impl Accounting {
    /// Total skipped rows.
    pub fn skipped(&self) -> u64 {
        self.skipped_by_rule.iter().map(|(_, n)| n).sum()
    }

    /// The invariant `used + rejected + skipped == rows`.
    pub fn adds_up(&self) -> bool {
        self.used + self.rejected + self.skipped() == self.rows
    }
}

/// What a rejected cell should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expected {
    /// A number.
    Number,
    /// An amount of money.
    Money,
    /// A whole number ≥ 0.
    Count,
    /// A date.
    Date,
    /// A date, optionally with time.
    DateTime,
    /// A month.
    Month,
    /// A yes/no value.
    Bool,
    /// A billing interval.
    Interval,
    /// won/lost/open.
    Outcome,
    /// NPS/CSAT/CES.
    SurveyKind,
    /// A duration.
    Duration,
    /// Any non-empty value (a required cell was empty).
    Value,
    /// A row with the header's number of fields.
    Fields {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
}

impl Expected {
    /// Short label (`Zahl` / `number`).
    pub fn label(self, lang: Lang) -> &'static str {
        use Expected::*;
        match (self, lang) {
            (Number, Lang::De) => "Zahl",
            (Number, Lang::En) => "number",
            (Money, Lang::De) => "Betrag",
            (Money, Lang::En) => "amount",
            (Count, Lang::De) => "ganze Zahl",
            (Count, Lang::En) => "whole number",
            (Date, Lang::De) => "Datum",
            (Date, Lang::En) => "date",
            (DateTime, Lang::De) => "Datum/Uhrzeit",
            (DateTime, Lang::En) => "date/time",
            (Month, Lang::De) => "Monat",
            (Month, Lang::En) => "month",
            (Bool, Lang::De) => "Ja/Nein",
            (Bool, Lang::En) => "yes/no",
            (Interval, Lang::De) => "Intervall",
            (Interval, Lang::En) => "interval",
            (Outcome, Lang::De) => "Ergebnis",
            (Outcome, Lang::En) => "outcome",
            (SurveyKind, Lang::De) => "Fragetyp",
            (SurveyKind, Lang::En) => "question type",
            (Duration, Lang::De) => "Dauer",
            (Duration, Lang::En) => "duration",
            (Value, Lang::De) => "Wert",
            (Value, Lang::En) => "value",
            (Fields { .. }, Lang::De) => "Feldanzahl",
            (Fields { .. }, Lang::En) => "field count",
        }
    }
}

/// One rejected row: where, what was expected, what was found, and what to fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// Physical line where the row starts (the header is line 1 when the file starts with it).
    pub line: u64,
    /// Header of the offending column (`None` for a wrong field count).
    pub column: Option<String>,
    /// Index of the offending column.
    pub column_index: Option<usize>,
    /// What the cell should have been.
    pub expected: Expected,
    /// The cell as found.
    pub found: String,
    /// German message, e.g. `Zeile 17, Spalte Betrag: »12,5,0« ist keine Zahl …`.
    pub message_de: String,
    /// English message.
    pub message_en: String,
    /// The row's cells as read, untrimmed, a neutralised cell as its original value
    /// ([`crate::csv_safe::restore`]), for the rejected-rows file.
    pub fields: Vec<String>,
}

impl Rejection {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.message_de,
            Lang::En => &self.message_en,
        }
    }
}

/// How one field was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSetting {
    /// Field id (`amount`, `start`, …).
    pub field: String,
    /// Column index.
    pub column: usize,
    /// Column header.
    pub header: String,
    /// Decimal style used for numbers.
    pub decimal: DecimalStyle,
    /// Day/month order used for slash dates.
    pub date_order: DateOrder,
    /// True when the order was not decidable from the values (taken from the options or
    /// day-first by default).
    pub date_ambiguous: bool,
}

/// The settings an import ran with (detected or given), so the UI can show and change them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Encoding.
    pub encoding: crate::Encoding,
    /// Delimiter.
    pub delimiter: char,
    /// Quote character.
    pub quote: char,
    /// Whether a header row was used.
    pub has_header: bool,
    /// Header cells.
    pub headers: Vec<String>,
    /// Dataset kind.
    pub kind: DatasetKind,
    /// Field id → column index.
    pub mapping: BTreeMap<String, usize>,
    /// Per mapped field: column, decimal style and date order.
    pub fields: Vec<FieldSetting>,
}

/// Progress of a running import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Data rows processed so far.
    pub rows: u64,
    /// Input bytes consumed so far (approximate: the reader buffers ahead).
    pub bytes: u64,
    /// Input size.
    pub total_bytes: u64,
}

/// Everything an import produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportResult {
    /// The typed rows.
    pub dataset: Dataset,
    /// Where every row went.
    pub accounting: Accounting,
    /// Rejected rows (at most `max_rejections`; the accounting counts all).
    pub rejections: Vec<Rejection>,
    /// Settings used.
    pub settings: Settings,
}

struct ColPlan {
    index: usize,
    decimal: DecimalStyle,
    order: DateOrder,
    /// Seconds per unit for duration fields (from the header: minutes, hours, ms).
    unit: f64,
}

struct Plan {
    kind: DatasetKind,
    specs: &'static [FieldSpec],
    cols: Vec<Option<ColPlan>>,
    headers: Vec<String>,
    /// Survey kind implied by the score column's header (`NPS`, `CSAT`, `CES`).
    survey_kind: Option<SurveyKind>,
}

struct Problem {
    col: usize,
    expected: Expected,
    found: String,
    decimal: DecimalStyle,
}

const TOTAL_WORDS: [&str; 13] = [
    "summe",
    "gesamt",
    "gesamtsumme",
    "zwischensumme",
    "gesamtergebnis",
    "ergebnis",
    "total",
    "totals",
    "subtotal",
    "sub-total",
    "grand total",
    "sum",
    "insgesamt",
];

fn unit_seconds(header: &str) -> f64 {
    let h = schema::normalize_header(header);
    let words: Vec<&str> = h.split(' ').collect();
    if words.iter().any(|w| matches!(*w, "ms" | "millisekunden" | "milliseconds")) {
        0.001
    } else if words.iter().any(|w| matches!(*w, "min" | "minuten" | "minutes" | "mins")) {
        60.0
    } else if words.iter().any(|w| matches!(*w, "h" | "std" | "stunden" | "hours")) {
        3600.0
    } else {
        1.0
    }
}

fn build_plan(sniffed: &Sniffed, options: &ImportOptions) -> Result<Plan, IngestError> {
    let Some(kind) = sniffed.kind else {
        return Err(IngestError::UnknownKind { headers: sniffed.headers.clone() });
    };
    let specs = schema::fields(kind);
    let n_cols = sniffed.headers.len();
    for (field, &index) in &sniffed.mapping {
        if index >= n_cols || !specs.iter().any(|s| s.id == field) {
            return Err(IngestError::BadMapping { field: field.clone(), index, columns: n_cols });
        }
    }
    for spec in specs.iter().filter(|s| s.required) {
        if !sniffed.mapping.contains_key(spec.id) {
            return Err(missing(kind, spec));
        }
    }
    if kind == DatasetKind::Costs
        && !["sales", "marketing", "customer_success"]
            .iter()
            .any(|f| sniffed.mapping.contains_key(*f))
    {
        if let Some(spec) = specs.iter().find(|s| s.id == "sales") {
            return Err(missing(kind, spec));
        }
    }
    let cols = specs
        .iter()
        .map(|spec| {
            let index = *sniffed.mapping.get(spec.id)?;
            let profile = sniffed.columns.get(index);
            let detected = profile.and_then(|p| p.decimal);
            let fallback =
                if sniffed.delimiter == ';' { DecimalStyle::Comma } else { DecimalStyle::Point };
            let decimal = options.decimal.get(&index).copied().or(detected).unwrap_or(fallback);
            let date = profile.and_then(|p| p.date.as_ref());
            let order = match date.and_then(|d| d.order) {
                Some(order) => order,
                None => options.date_order.unwrap_or(DateOrder::Dmy),
            };
            let unit = unit_seconds(&sniffed.headers[index]);
            Some(ColPlan { index, decimal, order, unit })
        })
        .collect();
    let survey_kind = sniffed.mapping.get("score").and_then(|&i| {
        let h = schema::normalize_header(&sniffed.headers[i]);
        h.split(' ').find_map(parse_survey_kind)
    });
    Ok(Plan { kind, specs, cols, headers: sniffed.headers.clone(), survey_kind })
}

fn missing(kind: DatasetKind, spec: &FieldSpec) -> IngestError {
    IngestError::MissingColumn {
        kind,
        field: spec.id.to_string(),
        label_de: spec.label_de.to_string(),
    }
}

fn settings(sniffed: &Sniffed, plan: &Plan) -> Settings {
    let fields = plan
        .specs
        .iter()
        .zip(&plan.cols)
        .filter_map(|(spec, col)| {
            let col = col.as_ref()?;
            let ambiguous = sniffed
                .columns
                .get(col.index)
                .and_then(|p| p.date.as_ref())
                .is_some_and(|d| d.ambiguous);
            Some(FieldSetting {
                field: spec.id.to_string(),
                column: col.index,
                header: plan.headers[col.index].clone(),
                decimal: col.decimal,
                date_order: col.order,
                date_ambiguous: ambiguous,
            })
        })
        .collect();
    Settings {
        encoding: sniffed.encoding,
        delimiter: sniffed.delimiter,
        quote: sniffed.quote,
        has_header: sniffed.has_header,
        headers: sniffed.headers.clone(),
        kind: plan.kind,
        mapping: sniffed.mapping.clone(),
        fields,
    }
}

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
        ImportResult {
            dataset: self.out,
            accounting: self.acc,
            rejections: self.rejections,
            settings: self.settings,
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

/// The cell without the white space `str::trim` removes. Most cells start and end with a
/// visible ASCII character, and then there is nothing to trim. (`inline(always)` here and on
/// the other per-cell helpers: the size-optimised build, also used for wasm, would otherwise
/// call them.)
#[inline(always)]
fn trim_cell(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    let bytes = s.as_bytes();
    if bytes.is_empty() || (visible(bytes.first()) && visible(bytes.last())) {
        return s;
    }
    s.trim()
}

/// Reused buffers for one record's cells: each cell is checked as UTF-8 and trimmed once per
/// record, not on every access (skip rules, conversion and messages read cells repeatedly).
#[derive(Default)]
pub(crate) struct Cells {
    /// The allocation of the cell list, kept empty between records (a list of `&str` cannot
    /// outlive its record, so it is handed back empty; see [`recycle`]).
    spare: Vec<&'static str>,
    /// The valid, trimmed cells of a record that is not UTF-8 as a whole (only possible when
    /// a non-ASCII delimiter or quote cut a character).
    fallback: String,
}

/// An empty `Vec` of another lifetime on the same allocation (collecting a `vec::IntoIter`
/// into a `Vec` of the same layout reuses the buffer; nothing is mapped, it is empty).
fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

impl Cells {
    /// Splits `buf` at `ends` into trimmed cells; a cell that is not valid UTF-8 on its own
    /// reads as empty. Hand the list back with [`Cells::put_back`] to reuse its allocation.
    fn load<'a>(&'a mut self, buf: &'a [u8], ends: &[usize], sep: usize) -> Vec<&'a str> {
        // `Vec<&'static str>` is a `Vec<&'a str>` already (covariance); only the way back
        // needs `recycle`.
        let mut cells: Vec<&'a str> = std::mem::take(&mut self.spare);
        let mut start = 0;
        match std::str::from_utf8(buf) {
            Ok(text) => {
                // In valid text a field is valid on its own exactly when it starts and ends
                // on character boundaries (`get` checks both).
                cells.extend(ends.iter().map(|&end| {
                    let cell = text.get(start..end).map_or("", |c| trim_cell(restore(c)));
                    start = end + sep;
                    cell
                }));
            }
            Err(_) => {
                self.fallback.clear();
                let mut ranges = Vec::with_capacity(ends.len());
                for &end in ends {
                    let field = buf.get(start..end).and_then(|b| std::str::from_utf8(b).ok());
                    let at = self.fallback.len();
                    self.fallback.push_str(trim_cell(restore(field.unwrap_or(""))));
                    ranges.push((at, self.fallback.len()));
                    start = end + sep;
                }
                let text = self.fallback.as_str();
                cells.extend(ranges.into_iter().map(|(a, b)| text.get(a..b).unwrap_or("")));
            }
        }
        cells
    }

    /// Keeps the list's allocation for the next record (`recycle` the list first, which
    /// ends its borrow of `self`).
    fn put_back(&mut self, spare: Vec<&'static str>) {
        self.spare = spare;
    }
}

/// One record's trimmed cells.
#[derive(Clone, Copy)]
struct CellView<'a> {
    cells: &'a [&'a str],
}

impl<'a> CellView<'a> {
    fn len(self) -> usize {
        self.cells.len()
    }

    /// Cell `i`, trimmed; `""` past the end.
    #[inline(always)]
    fn get(self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }
}

fn skip_rule(cells: CellView, headers: &[String], has_header: bool) -> Option<SkipRule> {
    let n = cells.len();
    let Some(first) = (0..n).map(|i| cells.get(i)).find(|c| !c.is_empty()) else {
        return Some(SkipRule::BlankLine);
    };
    if has_header
        && n == headers.len()
        && headers.iter().enumerate().all(|(i, h)| cells.get(i).eq_ignore_ascii_case(h))
    {
        return Some(SkipRule::RepeatedHeader);
    }
    // No total word has a digit, and lower-casing neither adds nor removes ASCII digits, so
    // rows starting with an id or a date (nearly all) skip the allocation below (8 % of a
    // typed import, measured with perf).
    if first.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if is_total_word(first) {
        return Some(SkipRule::TotalRow);
    }
    None
}

/// Whether a row whose first cell is `cell` is a total row that the import skips (`Summe`,
/// `Gesamt:`, `Total`, …, in any case, with or without a colon).
pub fn is_total_word(cell: &str) -> bool {
    let word = cell.trim_end_matches(':').trim().to_lowercase();
    TOTAL_WORDS.contains(&word.as_str())
}

fn rejection(
    plan: &Plan,
    buf: &[u8],
    ends: &[usize],
    sep: usize,
    line: u64,
    p: Problem,
) -> Rejection {
    let column = plan.headers.get(p.col).cloned();
    // A column without a header cell is named by its position.
    let col = match &column {
        Some(h) if !h.is_empty() => h.clone(),
        _ => format!("#{}", p.col + 1),
    };
    let (message_de, message_en) = match p.expected {
        Expected::Fields { expected, found } => (
            format!(
                "Zeile {line}: {found} Felder statt {expected} – Trennzeichen und \
                 Anführungszeichen in dieser Zeile prüfen."
            ),
            format!(
                "Line {line}: {found} fields instead of {expected} – check delimiters and \
                 quotes in this row."
            ),
        ),
        Expected::Value => (
            format!("Zeile {line}, Spalte {col}: Pflichtwert fehlt – bitte ausfüllen."),
            format!("Line {line}, column {col}: required value is missing – please fill it in."),
        ),
        e => {
            let (what_de, what_en, hint_de, hint_en) = describe(e, p.decimal);
            (
                format!("Zeile {line}, Spalte {col}: »{}« {what_de} ({hint_de}).", p.found),
                format!("Line {line}, column {col}: “{}” {what_en} ({hint_en}).", p.found),
            )
        }
    };
    let column_index = match p.expected {
        Expected::Fields { .. } => None,
        _ => Some(p.col),
    };
    Rejection {
        line,
        column: column_index.and(column),
        column_index,
        expected: p.expected,
        found: p.found,
        message_de,
        message_en,
        fields: ends
            .iter()
            .scan(0, |start, &end| {
                let field = String::from_utf8_lossy(buf.get(*start..end).unwrap_or_default());
                *start = end + sep;
                // The cell's own value: a cell neutralised by an earlier download loses its
                // apostrophe here and gets it back from `write_rejections_csv`.
                Some(restore(&field).to_string())
            })
            .collect(),
    }
}

/// "is not a …" and a hint with an example, per expected type.
fn describe(e: Expected, decimal: DecimalStyle) -> (&'static str, &'static str, String, String) {
    let num = match decimal {
        DecimalStyle::Comma => "1.234,56",
        DecimalStyle::Point => "1,234.56",
    };
    match e {
        Expected::Number | Expected::Money => (
            "ist keine Zahl",
            "is not a number",
            format!("erwartet z. B. {num}"),
            format!("expected e.g. {num}"),
        ),
        Expected::Count => (
            "ist keine ganze Zahl ≥ 0",
            "is not a whole number ≥ 0",
            "erwartet z. B. 3".into(),
            "expected e.g. 3".into(),
        ),
        Expected::Date | Expected::DateTime => (
            "ist kein gültiges Datum",
            "is not a valid date",
            "erwartet z. B. 31.12.2025 oder 2025-12-31".into(),
            "expected e.g. 2025-12-31 or 12/31/2025".into(),
        ),
        Expected::Month => (
            "ist kein Monat",
            "is not a month",
            "erwartet z. B. 2025-01 oder 01.2025".into(),
            "expected e.g. 2025-01 or Jan 2025".into(),
        ),
        Expected::Bool => (
            "ist kein Ja/Nein-Wert",
            "is not a yes/no value",
            "erwartet ja/nein, 1/0 oder x".into(),
            "expected yes/no, true/false or 1/0".into(),
        ),
        Expected::Interval => (
            "ist kein Abrechnungsintervall",
            "is not a billing interval",
            "erwartet monatlich, quartalsweise, halbjährlich oder jährlich".into(),
            "expected month, quarter, half-year or year".into(),
        ),
        Expected::Outcome => (
            "ist kein Ergebnis",
            "is not an outcome",
            "erwartet gewonnen, verloren oder offen".into(),
            "expected won, lost or open".into(),
        ),
        Expected::SurveyKind => (
            "ist kein Fragetyp",
            "is not a question type",
            "erwartet NPS, CSAT oder CES".into(),
            "expected NPS, CSAT or CES".into(),
        ),
        Expected::Duration => (
            "ist keine Dauer",
            "is not a duration",
            "erwartet Sekunden oder hh:mm:ss".into(),
            "expected seconds or hh:mm:ss".into(),
        ),
        Expected::Value | Expected::Fields { .. } => ("", "", String::new(), String::new()),
    }
}

/// Reads `nps`, `csat`, `ces` (and the long names) as a survey kind.
pub fn parse_survey_kind(s: &str) -> Option<SurveyKind> {
    let t = s.trim().to_lowercase();
    match t.as_str() {
        "nps" | "net promoter score" | "net promoter" => Some(SurveyKind::Nps),
        "csat" | "customer satisfaction" | "kundenzufriedenheit" | "zufriedenheit" => {
            Some(SurveyKind::Csat)
        }
        "ces" | "customer effort score" | "customer effort" | "kundenaufwand" => {
            Some(SurveyKind::Ces)
        }
        _ => None,
    }
}

/// Reads an explicit outcome word; `None` for anything else.
pub fn parse_outcome(s: &str) -> Option<DealOutcome> {
    // One ASCII word (nearly every outcome or stage cell) is its own normal form up to case,
    // so it is matched without normalising (which cost a third of a deals import).
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return outcome_of_words(&[s], false);
    }
    let t = schema::normalize_header(s);
    let words: Vec<&str> = t.split(' ').collect();
    outcome_of_words(&words, t == "in progress")
}

/// The outcome the (normalised, or single ASCII) words name.
fn outcome_of_words(words: &[&str], in_progress: bool) -> Option<DealOutcome> {
    let has = |list: &[&str]| words.iter().any(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)));
    if has(&["won", "gewonnen", "closedwon", "win", "erfolgreich", "auftrag"]) {
        Some(DealOutcome::Won)
    } else if has(&["lost", "verloren", "closedlost", "abgesagt", "abgelehnt", "lose"]) {
        Some(DealOutcome::Lost)
    } else if has(&["open", "offen", "pending", "laufend"]) || in_progress {
        Some(DealOutcome::Open)
    } else {
        None
    }
}

/// Outcome implied by a pipeline stage name: won and lost stages by name, anything else open.
pub fn outcome_from_stage(stage: &str) -> DealOutcome {
    parse_outcome(stage).unwrap_or(DealOutcome::Open)
}

/// A field of a dataset kind: its position in [`schema::fields`], which is also its place in
/// [`Plan::cols`], so reading a cell needs no search by id.
#[derive(Clone, Copy)]
struct Field(usize);

/// The field `id` of `kind`. Only called through [`fld!`], i.e. at compile time, so an
/// unknown id fails the build instead of panicking at run time.
const fn field(kind: DatasetKind, id: &str) -> Field {
    let specs = schema::fields(kind);
    let mut i = 0;
    while i < specs.len() {
        if str_eq(specs[i].id, id) {
            return Field(i);
        }
        i += 1;
    }
    panic!("unknown field id")
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `fld!("start")`: the [`Field`] with that id of the kind `K` in scope, resolved at compile
/// time.
macro_rules! fld {
    ($id:literal) => {
        const { field(K, $id) }
    };
}

/// Borrowed view of one row with typed getters that turn failures into [`Problem`]s.
struct Row<'a> {
    plan: &'a Plan,
    cells: CellView<'a>,
    memo: &'a Memo,
}

/// The last few interval cells and what they read as. Interval columns repeat a handful of
/// words, so nearly every cell is one of the last four and skips the word match (5 % of a
/// subscriptions import in the size-optimised build).
#[derive(Default)]
struct Memo {
    intervals: RefCell<IntervalMemo>,
}

#[derive(Default)]
struct IntervalMemo {
    /// Cell length (0 = free slot: an empty cell never reaches the parser), the cell's bytes
    /// zero-padded (only cells of up to 16 bytes are remembered) and the value.
    slots: [(usize, [u8; 16], Option<BillingInterval>); 4],
    /// The slot the next new cell replaces.
    next: usize,
}

impl Memo {
    /// [`value::parse_interval`], answered from memory when the text was seen lately.
    fn interval(&self, s: &str) -> Option<BillingInterval> {
        let b = s.as_bytes();
        let Ok(mut memo) = self.intervals.try_borrow_mut() else {
            return value::parse_interval(s);
        };
        for (len, text, value) in &memo.slots {
            if *len == b.len() && text.get(..b.len()) == Some(b) {
                return *value;
            }
        }
        let value = value::parse_interval(s);
        let mut text = [0u8; 16];
        if let (Some(dst), false) = (text.get_mut(..b.len()), b.is_empty()) {
            dst.copy_from_slice(b);
            let next = memo.next % 4;
            memo.next = next + 1;
            if let Some(slot) = memo.slots.get_mut(next) {
                *slot = (b.len(), text, value);
            }
        }
        value
    }
}

impl<'a> Row<'a> {
    #[inline(always)]
    fn col(&self, f: Field) -> Option<&'a ColPlan> {
        self.plan.cols.get(f.0)?.as_ref()
    }

    fn is_mapped(&self, f: Field) -> bool {
        self.col(f).is_some()
    }

    #[inline(always)]
    fn cell(&self, f: Field) -> Option<(&'a ColPlan, &'a str)> {
        let col = self.col(f)?;
        let s = self.cells.get(col.index);
        (!s.is_empty()).then_some((col, s))
    }

    /// The cell's text as a `String` or a `records::Text` (short ids inline, no allocation).
    #[inline(always)]
    fn text<T: for<'s> From<&'s str>>(&self, f: Field) -> Option<T> {
        self.cell(f).map(|(_, s)| T::from(s))
    }

    #[inline(always)]
    fn need_text<T: for<'s> From<&'s str>>(&self, f: Field) -> Result<T, Problem> {
        self.text(f).ok_or_else(|| self.empty(f))
    }

    fn empty(&self, f: Field) -> Problem {
        let (col, decimal) = self.col(f).map_or((0, DecimalStyle::Point), |c| (c.index, c.decimal));
        Problem { col, expected: Expected::Value, found: String::new(), decimal }
    }

    #[inline(always)]
    fn opt<T>(
        &self,
        f: Field,
        expected: Expected,
        parse: impl Fn(&str, &ColPlan) -> Option<T>,
    ) -> Result<Option<T>, Problem> {
        let Some((col, s)) = self.cell(f) else { return Ok(None) };
        match parse(s, col) {
            Some(v) => Ok(Some(v)),
            None => Err(Problem {
                col: col.index,
                expected,
                found: s.to_string(),
                decimal: col.decimal,
            }),
        }
    }

    #[inline(always)]
    fn need<T>(
        &self,
        f: Field,
        expected: Expected,
        parse: impl Fn(&str, &ColPlan) -> Option<T>,
    ) -> Result<T, Problem> {
        self.opt(f, expected, parse)?.ok_or_else(|| self.empty(f))
    }
}

fn money(s: &str, c: &ColPlan) -> Option<Money> {
    let n = value::parse_number(s, c.decimal)?;
    if n.percent {
        return None;
    }
    n.value.cents().map(Money)
}

fn number(s: &str, c: &ColPlan) -> Option<f64> {
    value::parse_number(s, c.decimal).filter(|n| !n.currency).map(|n| n.value.as_f64())
}

fn count(s: &str, c: &ColPlan) -> Option<u32> {
    let n = value::parse_number(s, c.decimal)?;
    n.value.as_integer().and_then(|i| u32::try_from(i).ok())
}

fn date(s: &str, c: &ColPlan) -> Option<Date> {
    value::parse_date(s, c.order).or_else(|| value::parse_excel_serial(s).map(DateTime::date))
}

fn datetime(s: &str, c: &ColPlan) -> Option<DateTime> {
    value::parse_datetime(s, c.order).or_else(|| value::parse_excel_serial(s))
}

fn boolean(s: &str, _: &ColPlan) -> Option<bool> {
    value::parse_bool(s)
}

/// Invoice period: a number of months (1–120) or an interval word.
fn period_months(s: &str, c: &ColPlan) -> Option<u32> {
    if let Some(n) = count(s, c) {
        return (1..=120).contains(&n).then_some(n);
    }
    value::parse_interval(s).map(|i| i.months() as u32)
}

fn month(s: &str, c: &ColPlan) -> Option<Month> {
    value::parse_month(s, c.order)
}

fn duration(s: &str, c: &ColPlan) -> Option<f64> {
    value::parse_duration(s, c.decimal, c.unit)
}

/// Converts one record and appends it to the dataset of the file's kind.
trait PushRow {
    fn push_row(&mut self, row: Row, line: u64) -> Result<(), Problem>;
}

impl PushRow for Dataset {
    fn push_row(&mut self, row: Row, line: u64) -> Result<(), Problem> {
        let (plan, cells) = (row.plan, row.cells);
        if cells.len() != plan.headers.len() {
            return Err(Problem {
                col: 0,
                expected: Expected::Fields { expected: plan.headers.len(), found: cells.len() },
                found: String::new(),
                decimal: DecimalStyle::Point,
            });
        }
        match self {
            Dataset::Subscriptions(v) => v.push(subscription(&row)?),
            Dataset::Invoices(v) => v.push(invoice(&row)?),
            Dataset::Surveys(v) => v.push(survey(&row)?),
            Dataset::Tickets(v) => v.push(ticket(&row)?),
            Dataset::Deals(v) => v.push(deal(&row, line)?),
            Dataset::Leads(v) => v.push(lead(&row)?),
            Dataset::Usage(v) => v.push(usage(&row)?),
            Dataset::Costs(v) => v.push(cost(&row)?),
        }
        Ok(())
    }
}

fn subscription(row: &Row) -> Result<Subscription, Problem> {
    use DatasetKind::Subscriptions as K;
    let customer = row.need_text(fld!("customer"))?;
    let start = row.need(fld!("start"), Expected::Date, date)?;
    let end = row.opt(fld!("end"), Expected::Date, date)?;
    let cancelled = row.opt(fld!("cancelled_at"), Expected::Date, date)?;
    let mut amount = row.need(fld!("amount"), Expected::Money, money)?;
    if let Some(q) = row.opt(fld!("quantity"), Expected::Number, number)? {
        // Stripe's Amount is per unit; the subscription bills amount × quantity.
        amount = Money::from_f64(amount.as_f64() * q).unwrap_or(amount);
    }
    let interval = row.opt(fld!("interval"), Expected::Interval, |s, _| row.memo.interval(s))?;
    Ok(Subscription {
        customer,
        start,
        end: end.or(cancelled),
        amount,
        interval: interval.unwrap_or(BillingInterval::Month),
        plan: row.text(fld!("plan")),
        status: row.text(fld!("status")),
    })
}

fn invoice(row: &Row) -> Result<Invoice, Problem> {
    use DatasetKind::Invoices as K;
    Ok(Invoice {
        customer: row.need_text(fld!("customer"))?,
        date: row.need(fld!("date"), Expected::Date, date)?,
        amount: row.need(fld!("amount"), Expected::Money, money)?,
        period_months: row.opt(fld!("period"), Expected::Interval, period_months)?.unwrap_or(1),
    })
}

fn survey(row: &Row) -> Result<SurveyAnswer, Problem> {
    use DatasetKind::Surveys as K;
    let kind = row.opt(fld!("kind"), Expected::SurveyKind, |s, _| parse_survey_kind(s))?;
    Ok(SurveyAnswer {
        date: row.need(fld!("date"), Expected::Date, date)?,
        score: row.need(fld!("score"), Expected::Number, number)?,
        kind: kind.or(row.plan.survey_kind),
        customer: row.text(fld!("customer")),
        segment: row.text(fld!("segment")),
        comment: row.text(fld!("comment")),
    })
}

fn ticket(row: &Row) -> Result<Ticket, Problem> {
    use DatasetKind::Tickets as K;
    let created = row.need(fld!("created"), Expected::DateTime, datetime)?;
    let mut first_response = row.opt(fld!("first_response"), Expected::DateTime, datetime)?;
    if first_response.is_none() {
        // Zendesk exports the first reply as minutes after creation.
        if let Some(minutes) = row.opt(fld!("first_reply_minutes"), Expected::Number, number)? {
            let secs = (minutes * 60.0).round() as i64;
            first_response = Some(DateTime::from_unix(created.unix().saturating_add(secs)));
        }
    }
    Ok(Ticket {
        id: row.need_text(fld!("id"))?,
        created,
        first_response,
        resolved: row.opt(fld!("resolved"), Expected::DateTime, datetime)?,
        contacts: row.opt(fld!("contacts"), Expected::Count, count)?,
        first_contact_resolution: row.opt(fld!("fcr"), Expected::Bool, boolean)?,
        channel: row.text(fld!("channel")),
        urgency: row.text(fld!("urgency")),
        ticket_type: row.text(fld!("type")),
        customer: row.text(fld!("customer")),
    })
}

fn deal(row: &Row, line: u64) -> Result<Deal, Problem> {
    use DatasetKind::Deals as K;
    let created = row.need(fld!("created"), Expected::Date, date)?;
    let closed = row.opt(fld!("closed"), Expected::Date, date)?;
    let value = row.opt(fld!("value"), Expected::Money, money)?;
    let stage = row.text(fld!("stage"));
    let outcome = deal_outcome(row, stage.as_deref(), closed)?;
    let id =
        row.text(fld!("id")).or_else(|| row.text(fld!("name"))).unwrap_or_else(|| line.to_string());
    Ok(Deal { id, created, closed, outcome, value, stage, source: row.text(fld!("source")) })
}

/// Outcome from, in this order: an outcome column, Salesforce-style Won/Closed flags, the
/// stage name; without any of them the deal is open.
fn deal_outcome(
    row: &Row,
    stage: Option<&str>,
    closed: Option<Date>,
) -> Result<DealOutcome, Problem> {
    use DatasetKind::Deals as K;
    let explicit = row.opt(fld!("outcome"), Expected::Outcome, |s, _| parse_outcome(s));
    match explicit {
        Ok(Some(o)) => return Ok(o),
        Ok(None) => {}
        // A status column that does not say won/lost/open still leaves the stage to decide.
        Err(p) if stage.is_none() => return Err(p),
        Err(_) => {}
    }
    let won = row.opt(fld!("won"), Expected::Bool, boolean)?;
    let closed_flag = row.opt(fld!("closed_flag"), Expected::Bool, boolean)?;
    if let Some(won) = won {
        return Ok(match (won, closed_flag) {
            (true, _) => DealOutcome::Won,
            (false, Some(true)) => DealOutcome::Lost,
            (false, Some(false)) => DealOutcome::Open,
            (false, None) if closed.is_some() && !row.is_mapped(fld!("closed_flag")) => {
                DealOutcome::Lost
            }
            (false, None) => DealOutcome::Open,
        });
    }
    Ok(stage.map_or(DealOutcome::Open, outcome_from_stage))
}

fn lead(row: &Row) -> Result<Lead, Problem> {
    use DatasetKind::Leads as K;
    Ok(Lead {
        id: row.text(fld!("id")),
        created: row.need(fld!("created"), Expected::DateTime, datetime)?,
        first_contact: row.opt(fld!("first_contact"), Expected::DateTime, datetime)?,
    })
}

fn usage(row: &Row) -> Result<UsageEvent, Problem> {
    use DatasetKind::Usage as K;
    Ok(UsageEvent {
        timestamp: row.need(fld!("timestamp"), Expected::DateTime, datetime)?,
        user: row.need_text(fld!("user"))?,
        account: row.text(fld!("account")),
        event: row.text(fld!("event")),
        session_seconds: row.opt(fld!("session"), Expected::Duration, duration)?,
    })
}

fn cost(row: &Row) -> Result<CostRow, Problem> {
    use DatasetKind::Costs as K;
    Ok(CostRow {
        month: row.need(fld!("month"), Expected::Month, month)?,
        sales: row.opt(fld!("sales"), Expected::Money, money)?.unwrap_or(Money::ZERO),
        marketing: row.opt(fld!("marketing"), Expected::Money, money)?.unwrap_or(Money::ZERO),
        customer_success: row
            .opt(fld!("customer_success"), Expected::Money, money)?
            .unwrap_or(Money::ZERO),
    })
}

/// Writes rejected rows as CSV: line, reason, then the original cells, with the given
/// delimiter, so the user can fix them in Excel and import them again.
///
/// Every text cell (header, reason and the row's cells) goes through
/// [`crate::csv_safe::neutralise`], so a cell such as `=HYPERLINK(…)` from a hostile file is
/// written as `'=HYPERLINK(…)` and opens as text, not as a formula; the importer reads such
/// cells back to their original value ([`crate::csv_safe::restore`]).
pub fn write_rejections_csv<W: std::io::Write>(
    out: W,
    headers: &[String],
    rejections: &[Rejection],
    delimiter: char,
    lang: Lang,
) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(if delimiter.is_ascii() { delimiter as u8 } else { b';' })
        .from_writer(out);
    let (line, reason) = match lang {
        Lang::De => ("Zeile", "Grund"),
        Lang::En => ("line", "reason"),
    };
    let mut header = vec![line.to_string(), reason.to_string()];
    header.extend(headers.iter().map(|h| neutralise(h)));
    w.write_record(&header)?;
    for r in rejections {
        let mut row = vec![r.line.to_string(), neutralise(r.message(lang))];
        row.extend(r.fields.iter().map(|f| neutralise(f)));
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Cells, TOTAL_WORDS};
    use proptest::prelude::*;

    /// How a cell was read before `Cells`: its own UTF-8 check and trim on every access.
    fn cell_before(buf: &[u8], ends: &[usize], i: usize) -> String {
        let start = if i == 0 { 0 } else { ends[i - 1] };
        let field = ends.get(i).and_then(|&end| buf.get(start..end)).unwrap_or_default();
        std::str::from_utf8(field).unwrap_or("").trim().to_string()
    }

    fn cells_now(buf: &[u8], ends: &[usize]) -> Vec<String> {
        let mut cells = Cells::default();
        let list = cells.load(buf, ends, 0);
        let view = super::CellView { cells: &list };
        (0..=ends.len()).map(|i| view.get(i).to_string()).collect()
    }

    fn check_cells(buf: &[u8], ends: &[usize]) {
        let before: Vec<String> = (0..=ends.len()).map(|i| cell_before(buf, ends, i)).collect();
        assert_eq!(cells_now(buf, ends), before, "{buf:?} {ends:?}");
    }

    fn ends_from(len: usize, mut cuts: Vec<usize>) -> Vec<usize> {
        cuts.iter_mut().for_each(|c| *c = (*c).min(len));
        cuts.push(len);
        cuts.sort_unstable();
        cuts
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        // One UTF-8 check per record and one trim per cell give every cell exactly as the
        // per-access check did, also when cuts split a character (then a cell is no text).
        #[test]
        fn cells_match_per_access_reading(
            text in "[ a1\t\r\u{a0}\u{2003}ä€x]{0,16}",
            cuts in proptest::collection::vec(0..20usize, 0..6),
        ) {
            check_cells(text.as_bytes(), &ends_from(text.len(), cuts));
        }

        #[test]
        fn cells_match_per_access_reading_on_bytes(
            buf in proptest::collection::vec(any::<u8>(), 0..24),
            cuts in proptest::collection::vec(0..30usize, 0..6),
        ) {
            let ends = ends_from(buf.len(), cuts);
            check_cells(&buf, &ends);
        }
    }

    /// A line split at `delimiter` both ways: in place (`sep` 1) and copied together
    /// without the delimiters (`sep` 0, as csv_core writes fields); cells and rejected
    /// fields must match.
    fn check_in_place(line: &[u8], delimiter: u8) {
        let (mut joined, mut joined_ends, mut line_ends) = (Vec::new(), Vec::new(), Vec::new());
        for (i, &b) in line.iter().enumerate() {
            if b == delimiter {
                joined_ends.push(joined.len());
                line_ends.push(i);
            } else {
                joined.push(b);
            }
        }
        joined_ends.push(joined.len());
        line_ends.push(line.len());
        let read = |buf: &[u8], ends: &[usize], sep: usize| {
            let mut cells = Cells::default();
            let list = cells.load(buf, ends, sep);
            list.iter().map(|c| c.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(read(line, &line_ends, 1), read(&joined, &joined_ends, 0), "{line:?}");
        let plan = super::build_plan(&sniffed_subscriptions(), &Default::default()).unwrap();
        let problem = || super::Problem {
            col: 0,
            expected: super::Expected::Value,
            found: String::new(),
            decimal: crate::value::DecimalStyle::Point,
        };
        let in_place = super::rejection(&plan, line, &line_ends, 1, 3, problem());
        let copied = super::rejection(&plan, &joined, &joined_ends, 0, 3, problem());
        assert_eq!(in_place, copied);
    }

    fn sniffed_subscriptions() -> crate::Sniffed {
        crate::sniff(b"customer,start,amount\nK1,2025-01-01,10\n").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        // Cells read in place between delimiters are the cells of the copied fields, for any
        // bytes and any delimiter byte (also one that is part of a UTF-8 character).
        #[test]
        fn cells_in_place_match_copied_fields(
            line in proptest::collection::vec(
                prop::sample::select(vec![b'a', b' ', b',', b';', 0xC3, 0xA4, 0xE2, 0x82, 0xAC, 0xFF]),
                0..24,
            ),
            delimiter in prop::sample::select(vec![b',', b';', 0xA4, 0xC3]),
        ) {
            check_in_place(&line, delimiter);
        }
    }

    #[test]
    fn cells_in_place_are_the_fields_between_delimiters() {
        let mut cells = Cells::default();
        // ` ACME ,€12,50,` (`€` is three bytes) with `,` at 6, 12 and 15: four cells, the
        // last empty.
        let line = " ACME ,€12,50,".as_bytes();
        let list = cells.load(line, &[6, 12, 15, 16], 1);
        assert_eq!(list, ["ACME", "€12", "50", ""]);
        // An `ä` (C3 A4) cut by a delimiter byte A4: neither side is text.
        check_in_place("xä,y".as_bytes(), 0xA4);
    }

    #[test]
    fn cells_are_trimmed_and_cut_characters_read_as_empty() {
        // `€` is E2 82 AC: cut after its first byte, neither half is text on its own.
        let buf = " ACME \u{a0}€12,50\t".as_bytes();
        assert_eq!(cells_now(buf, &[6, 9, 17]), ["ACME", "", "", ""]);
        assert_eq!(cells_now(buf, &[6, 11, 17]), ["ACME", "€", "12,50", ""]);
        // A record that is not UTF-8 as a whole keeps its valid cells.
        assert_eq!(cells_now(b" K\xfcnde;x \x80", &[6, 7, 9, 10]), ["", ";", "x", "", ""]);
        assert_eq!(cells_now(b"ab \xff", &[3, 4]), ["ab", "", ""]);
    }

    /// `parse_outcome` as it was: always normalised first.
    fn parse_outcome_normalised(s: &str) -> Option<records::DealOutcome> {
        use records::DealOutcome;
        let t = crate::schema::normalize_header(s);
        let words: Vec<&str> = t.split(' ').collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
        if has(&["won", "gewonnen", "closedwon", "win", "erfolgreich", "auftrag"]) {
            Some(DealOutcome::Won)
        } else if has(&["lost", "verloren", "closedlost", "abgesagt", "abgelehnt", "lose"]) {
            Some(DealOutcome::Lost)
        } else if has(&["open", "offen", "pending", "laufend"]) || t == "in progress" {
            Some(DealOutcome::Open)
        } else {
            None
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        // Single ASCII words skip the normalisation; every answer stays the same.
        #[test]
        fn outcome_shortcut_matches_normalised_words(
            s in "(?i)(won|gewonnen|closedwon|lost|verloren|abgesagt|open|offen|laufend|in progress|closed won)|[A-Za-z0-9 _-]{0,12}|\\PC{0,8}"
        ) {
            prop_assert_eq!(super::parse_outcome(&s), parse_outcome_normalised(&s));
        }
    }

    #[test]
    fn outcomes_in_both_languages() {
        use records::DealOutcome;
        assert_eq!(super::parse_outcome("Gewonnen"), Some(DealOutcome::Won));
        assert_eq!(super::parse_outcome("verloren"), Some(DealOutcome::Lost));
        assert_eq!(super::parse_outcome("OFFEN"), Some(DealOutcome::Open));
        assert_eq!(super::parse_outcome("Closed Won"), Some(DealOutcome::Won));
        assert_eq!(super::parse_outcome("In Progress"), Some(DealOutcome::Open));
        assert_eq!(super::parse_outcome("Qualifiziert"), None);
    }

    #[test]
    fn field_positions_are_the_schema_order() {
        use records::DatasetKind;
        // The compile-time lookup behind `fld!` must name the field it was asked for.
        for kind in DatasetKind::ALL {
            for (i, spec) in crate::schema::fields(kind).iter().enumerate() {
                assert_eq!(super::field(kind, spec.id).0, i, "{kind:?} {}", spec.id);
            }
        }
        assert_eq!(super::field(DatasetKind::Subscriptions, "start").0, 1);
    }

    // The digit shortcut in `skip_rule` must never hide a total row: whatever the text, if
    // it has an ASCII digit, its normalised form is no total word.
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn cells_with_digits_are_never_total_words(s in "\\PC{0,8}[0-9]\\PC{0,8}") {
            let word = s.trim_end_matches(':').trim().to_lowercase();
            prop_assert!(!TOTAL_WORDS.contains(&word.as_str()));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        // The interval memory answers every cell of a column as the parser does, also when
        // words repeat, differ only in case or length, or are longer than a memory slot.
        #[test]
        fn interval_memo_matches_the_parser(
            cells in proptest::collection::vec(
                "(?i)(month|monthly|year|jährlich|quarter|q|half year|semi-annual|x|)|[a-zä 1-9]{0,20}",
                0..40,
            ),
        ) {
            let memo = super::Memo::default();
            for s in &cells {
                prop_assert_eq!(memo.interval(s), crate::value::parse_interval(s), "{:?}", s);
            }
        }
    }

    #[test]
    fn interval_memo_keeps_the_last_four_words() {
        use records::BillingInterval::*;
        let memo = super::Memo::default();
        let cells = ["month", "year", "month", "Quarter", "halbjährlich", "nope", "year", "mont"];
        let want = [Some(Month), Some(Year), Some(Month), Some(Quarter), Some(HalfYear), None];
        for (s, want) in cells.iter().zip(want.iter().chain(&[Some(Year), None])) {
            assert_eq!(memo.interval(s), *want, "{s}");
        }
        // Six different texts went in, replacing slots in turn (not the least recently
        // used): `nope` took the slot of the first `month`, `mont` the one of `year`.
        let memo = memo.intervals.borrow();
        let held: Vec<&[u8]> = memo.slots.iter().map(|(len, text, _)| &text[..*len]).collect();
        let want: [&[u8]; 4] = [b"nope", b"mont", b"Quarter", "halbjährlich".as_bytes()];
        assert_eq!(held, want);
        // The next new text replaces `Quarter`.
        assert_eq!(memo.next % 4, 2);
    }

    #[test]
    fn total_words_have_no_digits() {
        assert!(TOTAL_WORDS.iter().all(|w| !w.bytes().any(|b| b.is_ascii_digit())));
        for (cell, total) in [
            ("Summe:", true),
            ("  Gesamt ", true),
            ("GRAND TOTAL", true),
            ("sum", true),
            ("Summen", false),
            ("Total Care GmbH", false),
            ("", false),
        ] {
            assert_eq!(super::is_total_word(cell), total, "{cell:?}");
        }
    }
}
