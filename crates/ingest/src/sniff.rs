//! Sniffing: from the first 64 KiB (more when the first data row is longer, up to 16 MiB)
//! decide delimiter, quote, header row and, per column, the value type, the decimal style
//! and the date format.
//!
//! Every decision is made from evidence in many cells, never from one; where the evidence
//! cannot decide (a date column where every value reads both day-first and month-first), the
//! profile says so and the caller's options decide.

use crate::csv_safe::restore;
use crate::decode::Encoding;
use crate::encoding::{self, SNIFF_BYTES};
use crate::error::IngestError;
use crate::schema::{self, ColumnType, KindScore};
use crate::value::{self, DateOrder, DateShape, DecimalStyle};
use crate::ImportOptions;
use records::DatasetKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Rows of the sample used for column profiles.
const PROFILE_ROWS: usize = 1000;
/// Raw lines and parsed rows shown in the preview.
const PREVIEW_ROWS: usize = 20;

/// How a date column is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInfo {
    /// Pattern for display, e.g. `DD.MM.YYYY`, `YYYY-MM-DD hh:mm`, `DD/MM/YYYY`.
    pub pattern: String,
    /// Day/month order decided from the values (`None` when no value has slashes or the
    /// column is ambiguous).
    pub order: Option<DateOrder>,
    /// True when every slash date reads both as day-first and month-first: ask the user.
    pub ambiguous: bool,
    /// Whether values carry a time of day.
    pub with_time: bool,
}

/// Profile of one column in the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// Column index (0-based).
    pub index: usize,
    /// Header cell (or `column_N` without a header row).
    pub header: String,
    /// Detected value type.
    pub ty: ColumnType,
    /// Non-empty cells in the sample.
    pub non_empty: usize,
    /// Decimal style for number columns.
    pub decimal: Option<DecimalStyle>,
    /// True when no value showed which style it is (e.g. only `1.234`) and the style was
    /// taken from the delimiter (`;` → comma, otherwise point).
    pub decimal_ambiguous: bool,
    /// Thousands separator seen in the values (`.` `,` space or `'`), if any.
    pub thousands: Option<char>,
    /// Date format for date columns.
    pub date: Option<DateInfo>,
    /// Up to three example values.
    pub examples: Vec<String>,
}

/// The result of [`crate::sniff`]: everything the UI shows before importing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sniffed {
    /// Detected encoding.
    pub encoding: Encoding,
    /// Field delimiter.
    pub delimiter: char,
    /// Quote character.
    pub quote: char,
    /// Whether the first non-blank row is a header.
    pub has_header: bool,
    /// Physical line of the header row (1 when the file starts with it), or of the first
    /// data row without a header. Lines above it (a title, Excel's `sep=;`) are ignored.
    pub header_line: u64,
    /// Header cells (generated `column_N` names without a header row).
    pub headers: Vec<String>,
    /// One profile per column.
    pub columns: Vec<ColumnProfile>,
    /// Every kind with its score, best first.
    pub kind_scores: Vec<KindScore>,
    /// The guessed (or, with options, chosen) kind.
    pub kind: Option<DatasetKind>,
    /// Suggested field id → column index for `kind`.
    pub mapping: BTreeMap<String, usize>,
    /// First raw lines of the decoded file, each cut after 2,000 characters with `…`.
    pub raw_lines: Vec<String>,
    /// First parsed data rows as text.
    pub preview: Vec<Vec<String>>,
    /// Data rows seen in the sample (not the whole file unless it is small).
    pub sample_rows: usize,
    /// True when the file goes on past the sample.
    pub truncated: bool,
}

/// Decoded head of the file and the records parsed from it.
pub(crate) struct Sample {
    pub records: Vec<(u64, Vec<String>)>,
    pub raw_lines: Vec<String>,
    pub truncated: bool,
}

const DELIMITERS: [u8; 4] = [b'\t', b';', b',', b'|'];

/// Parses up to `limit` records with their physical start lines (csv's own `Position`
/// points before skipped blank lines, so lines come from a [`encoding::LineTracker`]).
fn parse_records(text: &str, delimiter: u8, quote: u8, limit: usize) -> Vec<(u64, Vec<String>)> {
    let mut rdr = sample_reader(text, delimiter, quote);
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    let mut read_start = 0;
    while out.len() < limit {
        match rdr.read_record(&mut rec) {
            Ok(true) => {
                let (line, _) = rdr.get_mut().lines.locate(read_start);
                read_start = rdr.position().byte();
                // Cells neutralised by an earlier download read as their own value, as in
                // the import.
                out.push((line, rec.iter().map(|c| restore(c).to_string()).collect()));
            }
            _ => break,
        }
    }
    out
}

/// `sep=;` in the first line is Excel's way to name the delimiter.
fn excel_sep_line(text: &str) -> Option<u8> {
    let first = text.lines().next()?.trim_end_matches('\r');
    let rest = first.get(..4).filter(|p| p.eq_ignore_ascii_case("sep="))?;
    let d = &first.as_bytes()[rest.len()..];
    (d.len() == 1 && d[0].is_ascii()).then(|| d[0])
}

/// Index of the header row among the first non-blank records: the one naming the most
/// known fields (at least two), otherwise the first with the usual number of fields, so
/// that a title line ("Report Q1 2025") or Excel's `sep=;` line above the table is skipped.
fn choose_header(records: &[(u64, Vec<String>)]) -> Option<usize> {
    let candidates: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, (_, r))| !is_blank(r))
        .filter(|(_, (_, r))| !(r.len() <= 2 && r[0].to_ascii_lowercase().starts_with("sep=")))
        .map(|(i, _)| i)
        .take(10)
        .collect();
    let first = *candidates.first()?;
    let known = |i: usize| records[i].1.iter().filter(|c| schema::is_known_header(c)).count();
    let best = candidates.iter().copied().max_by_key(|&i| (known(i), std::cmp::Reverse(i)))?;
    if known(best) >= 2 && known(best) > known(first) {
        return Some(best);
    }
    let mut freq: BTreeMap<usize, usize> = BTreeMap::new();
    for (_, r) in records.iter().filter(|(_, r)| !is_blank(r)) {
        *freq.entry(r.len()).or_default() += 1;
    }
    let mode = freq.iter().max_by_key(|(len, n)| (**n, **len)).map_or(0, |(len, _)| *len);
    Some(candidates.iter().copied().find(|&i| records[i].1.len() == mode).unwrap_or(first))
}

fn sample_reader(text: &str, delimiter: u8, quote: u8) -> csv::Reader<encoding::DecodeReader<'_>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quote(quote)
        .from_reader(encoding::DecodeReader::new(text.as_bytes(), Encoding::Utf8))
}

/// The field counts of the non-blank records among the first `limit` that
/// [`parse_records`] would give, without copying every cell into a `String` (the delimiter
/// detection reads the sample once per candidate).
fn field_counts(text: &str, delimiter: u8, quote: u8, limit: usize) -> Vec<usize> {
    let mut rdr = sample_reader(text, delimiter, quote);
    let mut rec = csv::StringRecord::new();
    let mut counts = Vec::new();
    let mut n = 0;
    while n < limit {
        match rdr.read_record(&mut rec) {
            Ok(true) => n += 1,
            _ => break,
        }
        if !rec.iter().all(|f| f.trim().is_empty()) {
            counts.push(rec.len());
        }
    }
    counts
}

fn is_blank(fields: &[String]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

/// Quote character: `'` only when fields start with it and never with `"`.
fn detect_quote(text: &str) -> u8 {
    // Bytes instead of chars: the quote and the characters before it are ASCII, and no byte
    // of a multi-byte character equals an ASCII one, so the counts are the same.
    let count = |q: u8| {
        let mut n = 0;
        let mut prev = b'\n';
        for &c in text.as_bytes() {
            if c == q && matches!(prev, b'\n' | b',' | b';' | b'\t' | b'|') {
                n += 1;
            }
            prev = c;
        }
        n
    };
    if count(b'"') == 0 && count(b'\'') >= 2 {
        b'\''
    } else {
        b'"'
    }
}

/// Delimiter whose field counts are most consistent (header included) with more than one
/// field; ties go to the wider split, then to tab, `;`, `,`, `|` in that order.
fn detect_delimiter(text: &str, quote: u8) -> u8 {
    let mut best = (b',', false, 0usize, 0usize);
    for d in DELIMITERS {
        let counts = field_counts(text, d, quote, 200);
        if counts.is_empty() {
            continue;
        }
        let mut freq: BTreeMap<usize, usize> = BTreeMap::new();
        for c in &counts {
            *freq.entry(*c).or_default() += 1;
        }
        let (mode, hits) =
            freq.iter().max_by_key(|(len, n)| (**n, **len)).map_or((1, 0), |(l, n)| (*l, *n));
        // Consistency in per-mille so that tiny differences still order candidates.
        let consistency = hits * 1000 / counts.len();
        if mode < 2 {
            continue;
        }
        let cand = (d, mode > 1, consistency, mode);
        if (cand.1, cand.2, cand.3) > (best.1, best.2, best.3) {
            best = cand;
        }
    }
    best.0
}

/// Header row: a cell that names a known field, or no cell that reads as a number or date.
fn detect_header(first: &[String]) -> bool {
    if first.iter().any(|c| schema::is_known_header(c)) {
        return true;
    }
    !first.iter().any(|c| {
        let (p, k) = value::number_styles(c);
        p || k || value::parse_raw_date(c).is_some()
    })
}

/// What the head of a file gives the sniffer (see [`crate::sniff_head`]).
#[derive(Debug, Clone, PartialEq)]
pub enum HeadSniff {
    /// The head held the header and a complete data record (or was the whole file).
    Sniffed(Box<Sniffed>),
    /// The first data record (or the header) goes on past the head: give the first this many
    /// bytes of the file (never more than [`crate::SNIFF_MAX_BYTES`]).
    ReadMore(usize),
}

/// Where a window ended inside a record: the physical line the cut record starts on, and
/// whether the cut fell inside a quoted field.
struct Cut {
    line: u64,
    open_quote: bool,
}

/// Sniffs the first bytes of a file; `whole` says whether `bytes` is the whole file.
///
/// The decisions are made on a window of the first [`SNIFF_BYTES`]; when that window ends
/// before the header and one complete data record, the window grows fourfold (the same
/// windows for every caller, so the chunked and the one-shot import decide alike) up to
/// [`encoding::SNIFF_MAX_BYTES`]. A record still cut there is refused with its line.
pub(crate) fn sniff_prefix(
    bytes: &[u8],
    whole: bool,
    options: &ImportOptions,
) -> Result<HeadSniff, IngestError> {
    encoding::check_usable(bytes)?;
    let enc = options.encoding.unwrap_or_else(|| encoding::detect(bytes));
    let mut end = bytes.len().min(SNIFF_BYTES);
    loop {
        let cut = !(whole && end == bytes.len());
        let cut = match sniff_window(&bytes[..end], enc, cut, options)? {
            Ok(sniffed) => return Ok(HeadSniff::Sniffed(Box::new(sniffed))),
            Err(cut) => cut,
        };
        let next = end.saturating_mul(4).min(encoding::SNIFF_MAX_BYTES);
        if end >= encoding::SNIFF_MAX_BYTES || (whole && end == bytes.len()) {
            return Err(IngestError::RowTooLong {
                line: cut.line,
                limit_bytes: encoding::SNIFF_MAX_BYTES as u64,
                open_quote: cut.open_quote,
            });
        }
        if next > bytes.len() {
            if !whole {
                return Ok(HeadSniff::ReadMore(next));
            }
            end = bytes.len();
        } else {
            end = next;
        }
    }
}

/// Full sniff of a whole input: layout, header, column profiles, kind and mapping.
pub(crate) fn sniff_with(bytes: &[u8], options: &ImportOptions) -> Result<Sniffed, IngestError> {
    match sniff_prefix(bytes, true, options)? {
        HeadSniff::Sniffed(sniffed) => Ok(*sniffed),
        // The whole input never asks for more; should it, the first row is what is missing.
        HeadSniff::ReadMore(_) => Err(IngestError::RowTooLong {
            line: 1,
            limit_bytes: encoding::SNIFF_MAX_BYTES as u64,
            open_quote: false,
        }),
    }
}

/// Decides delimiter and quote and parses the sample of one window. A `cut` window keeps
/// only its complete records and says where the cut one starts.
fn layout(
    window: &[u8],
    enc: Encoding,
    cut: bool,
    options: &ImportOptions,
) -> Result<(u8, u8, Sample, Option<Cut>), IngestError> {
    let mut text = encoding::decode_head(window, enc);
    if text.trim().is_empty() && !cut {
        return Err(IngestError::OnlyWhitespace);
    }
    // Delimiter and quote are decided on whole lines, so the cut one does not look ragged.
    let lines_end = if cut { text.rfind('\n').map_or(text.len(), |i| i + 1) } else { text.len() };
    let detect_text = &text[..lines_end];
    let quote = options.quote.map_or_else(|| detect_quote(detect_text), |q| q as u8);
    let delimiter = options
        .delimiter
        .map(|d| d as u8)
        .or_else(|| excel_sep_line(detect_text))
        .unwrap_or_else(|| detect_delimiter(detect_text, quote));
    let mut cut_at = None;
    if cut {
        let (complete, open_quote) =
            crate::quote::complete_records(text.as_bytes(), delimiter, quote);
        // A record ends after a line break (ASCII), so this is a character boundary; the
        // search only keeps `truncate` from ever splitting a character.
        let complete = (0..=complete).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        cut_at = Some(Cut { line: start_line(&text, complete), open_quote });
        text.truncate(complete);
    }
    let records = parse_records(&text, delimiter, quote, PROFILE_ROWS + 1);
    let raw_lines = text.lines().take(PREVIEW_ROWS).map(raw_line).collect();
    Ok((delimiter, quote, Sample { records, raw_lines, truncated: cut }, cut_at))
}

/// The physical line of the first non-blank line at or after byte `at` of `text`.
fn start_line(text: &str, at: usize) -> u64 {
    let rest = &text.as_bytes()[at..];
    let blank = rest.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
    let newlines = text.as_bytes()[..at + blank].iter().filter(|&&b| b == b'\n').count();
    newlines as u64 + 1
}

/// Characters of a raw line kept for the preview: enough for any real line, while a 2 MB
/// cell is not sent to the page in full.
const RAW_LINE_CHARS: usize = 2000;

fn raw_line(line: &str) -> String {
    match line.char_indices().nth(RAW_LINE_CHARS) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

/// Sniffs one window: `Ok(Err(cut))` when it is cut before the header and one complete data
/// record.
fn sniff_window(
    window: &[u8],
    encoding: Encoding,
    cut: bool,
    options: &ImportOptions,
) -> Result<Result<Sniffed, Cut>, IngestError> {
    let (delimiter, quote, sample, cut_at) = layout(window, encoding, cut, options)?;
    let Some(start) = choose_header(&sample.records) else {
        return match cut_at {
            Some(cut) => Ok(Err(cut)),
            None => Err(IngestError::OnlyWhitespace),
        };
    };
    let (first_line, first) = &sample.records[start];
    let has_header = options.has_header.unwrap_or_else(|| detect_header(first));
    let rest = sample.records[start..].iter().skip(usize::from(has_header));
    let data: Vec<&Vec<String>> = rest.map(|(_, r)| r).filter(|r| !is_blank(r)).collect();
    let n_cols =
        if has_header { first.len() } else { data.iter().map(|r| r.len()).max().unwrap_or(0) };
    let headers: Vec<String> = if has_header {
        first.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect()
    } else {
        (1..=n_cols).map(|i| format!("column_{i}")).collect()
    };
    if has_header && data.is_empty() {
        return match cut_at {
            Some(cut) => Ok(Err(cut)),
            None => Err(IngestError::HeaderOnly { headers }),
        };
    }
    let columns: Vec<ColumnProfile> =
        headers.iter().enumerate().map(|(i, h)| profile_column(i, h, &data, delimiter)).collect();
    let types: Vec<ColumnType> = columns.iter().map(|c| c.ty).collect();
    let kind_scores = schema::score_kinds(&headers, &types);
    let kind = options.kind.or_else(|| schema::guess_kind(&kind_scores));
    let mapping = match (&options.mapping, kind) {
        (Some(m), _) => m.clone(),
        (None, Some(k)) => {
            let mut m = schema::suggest_mapping(k, &headers, &types);
            drop_unread_survey_kind(k, &mut m, &data);
            m
        }
        (None, None) => BTreeMap::new(),
    };
    Ok(Ok(Sniffed {
        encoding,
        delimiter: delimiter as char,
        quote: quote as char,
        has_header,
        header_line: *first_line,
        headers,
        columns,
        kind_scores,
        kind,
        mapping,
        raw_lines: sample.raw_lines,
        preview: data.iter().take(PREVIEW_ROWS).map(|r| (*r).clone()).collect(),
        sample_rows: data.len(),
        truncated: sample.truncated,
    }))
}

/// Unmaps a suggested question-type column none of whose sample values is a question type:
/// Typeform's "Response Type" (`completed`, `partial`) fits the name but would reject every
/// row. The score column's header still gives the kind.
fn drop_unread_survey_kind(
    kind: DatasetKind,
    mapping: &mut BTreeMap<String, usize>,
    data: &[&Vec<String>],
) {
    let Some(&col) = mapping.get("kind").filter(|_| kind == DatasetKind::Surveys) else {
        return;
    };
    let mut values = data
        .iter()
        .filter_map(|r| r.get(col))
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .peekable();
    if values.peek().is_some() && values.all(|v| crate::value::parse_survey_kind(v).is_none()) {
        mapping.remove("kind");
    }
}

/// Decides type, decimal style and date format of one column from its sample values.
fn profile_column(
    index: usize,
    header: &str,
    data: &[&Vec<String>],
    delimiter: u8,
) -> ColumnProfile {
    let values: Vec<&str> = data
        .iter()
        .filter_map(|r| r.get(index))
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    let mut profile = ColumnProfile {
        index,
        header: header.to_string(),
        ty: ColumnType::Empty,
        non_empty: values.len(),
        decimal: None,
        decimal_ambiguous: false,
        thousands: None,
        date: None,
        examples: values.iter().take(3).map(|v| v.to_string()).collect(),
    };
    if values.is_empty() {
        return profile;
    }
    let n = values.len();
    // Most values, tolerating one stray value in a small sample or 10 % in a large one, so
    // that a single typo does not turn a date column into text.
    let mostly = |k: usize| k * 2 > n && n - k <= (n / 10).max(1);
    let dates: Vec<value::RawDate> =
        values.iter().filter_map(|v| value::parse_raw_date(v)).collect();
    if mostly(dates.len()) {
        let info = date_info(&dates);
        profile.ty = if info.with_time { ColumnType::DateTime } else { ColumnType::Date };
        profile.date = Some(info);
        return profile;
    }
    if mostly(values.iter().filter(|v| looks_like_month(v)).count()) {
        profile.ty = ColumnType::Month;
        return profile;
    }
    let (style, ambiguous) = decide_decimal(&values, delimiter);
    let numbers: Vec<value::Number> =
        values.iter().filter_map(|v| value::parse_number(v, style)).collect();
    if mostly(numbers.len()) {
        profile.decimal = Some(style);
        profile.decimal_ambiguous = ambiguous;
        profile.thousands = values
            .iter()
            .filter(|v| value::parse_number(v, style).is_some())
            .find_map(|v| thousands_mark(v, style));
        profile.ty = if numbers.iter().any(|n| n.currency) {
            ColumnType::Money
        } else if numbers.iter().any(|n| n.percent) {
            ColumnType::Percent
        } else if numbers.iter().all(|n| n.value.scale == 0) {
            ColumnType::Integer
        } else {
            ColumnType::Decimal
        };
        // 1/0 columns are reported as integers; boolean fields still accept them.
        return profile;
    }
    let bools = values.iter().filter(|v| value::parse_bool(v).is_some()).count();
    let words = values.iter().filter(|v| value::is_bool_word(v)).count();
    profile.ty = if bools == n && words > 0 { ColumnType::Bool } else { ColumnType::Text };
    profile
}

/// A month with a four-digit year or a month name (`12.25` stays a number).
fn looks_like_month(v: &str) -> bool {
    // Byte-wise, as the separators are ASCII; only non-ASCII text needs the char check.
    let has_year =
        v.as_bytes().split(|b| matches!(b, b'-' | b'.' | b'/' | b' ')).any(|p| p.len() == 4);
    let has_name = v.bytes().any(|b| b.is_ascii_alphabetic())
        || (!v.is_ascii() && v.chars().any(char::is_alphabetic));
    (has_year || has_name) && value::parse_month(v, DateOrder::Dmy).is_some()
}

/// The grouping character of a number that parses with `style`, e.g. `.` in `1.234,5`.
fn thousands_mark(v: &str, style: DecimalStyle) -> Option<char> {
    let dec = if style == DecimalStyle::Comma { ',' } else { '.' };
    let int_part = v.split(dec).next().unwrap_or(v);
    let digits_around = |i: usize| {
        let before = int_part[..i].chars().next_back().is_some_and(|c| c.is_ascii_digit());
        let after = int_part[i..].chars().nth(1).is_some_and(|c| c.is_ascii_digit());
        before && after
    };
    int_part
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'') && digits_around(*i)
        })
        .map(|(_, c)| if c == '\u{a0}' || c == '\u{202f}' { ' ' } else { c })
}

/// The column's decimal style and whether it was a guess (no decisive value).
pub(crate) fn decide_decimal(values: &[&str], delimiter: u8) -> (DecimalStyle, bool) {
    let (mut point_ok, mut comma_ok, mut point_dec, mut comma_dec) = (0, 0, 0, 0);
    let mut any_separator = false;
    for v in values {
        let (p, c) = value::number_styles(v);
        point_ok += p as usize;
        comma_ok += c as usize;
        // What `value::decisive_style` says, from the two parses already made.
        match (p, c) {
            (true, false) => point_dec += 1,
            (false, true) => comma_dec += 1,
            _ => any_separator |= p && c && (v.contains('.') || v.contains(',')),
        }
    }
    let fallback = if delimiter == b';' { DecimalStyle::Comma } else { DecimalStyle::Point };
    if comma_ok > point_ok {
        (DecimalStyle::Comma, false)
    } else if point_ok > comma_ok {
        (DecimalStyle::Point, false)
    } else if comma_dec > point_dec {
        (DecimalStyle::Comma, false)
    } else if point_dec > comma_dec {
        (DecimalStyle::Point, false)
    } else {
        (fallback, any_separator)
    }
}

fn date_info(dates: &[value::RawDate]) -> DateInfo {
    let with_time = dates.iter().any(|d| d.time.is_some());
    let (mut iso, mut dots, mut named, mut slash, mut dmy, mut mdy) = (0, 0, 0, 0, 0, 0);
    for d in dates {
        match d.shape {
            DateShape::Iso => iso += 1,
            DateShape::Dots => dots += 1,
            DateShape::Named => named += 1,
            DateShape::Slash { .. } => {
                slash += 1;
                dmy += d.fits(DateOrder::Dmy) as usize;
                mdy += d.fits(DateOrder::Mdy) as usize;
            }
        }
    }
    let (order, ambiguous) = if slash == 0 {
        (None, false)
    } else if dmy == slash && mdy == slash {
        (None, true)
    } else if dmy >= mdy {
        (Some(DateOrder::Dmy), false)
    } else {
        (Some(DateOrder::Mdy), false)
    };
    let base = if named > iso && named > dots && named > slash {
        "D. MMMM YYYY"
    } else if iso >= dots && iso >= slash {
        "YYYY-MM-DD"
    } else if dots >= slash {
        "DD.MM.YYYY"
    } else {
        match order {
            Some(DateOrder::Mdy) => "MM/DD/YYYY",
            Some(DateOrder::Dmy) => "DD/MM/YYYY",
            None => "??/??/YYYY",
        }
    };
    let pattern = if with_time { format!("{base} hh:mm") } else { base.to_string() };
    DateInfo { pattern, order, ambiguous, with_time }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `detect_quote` as it was, over chars, to compare the byte version with.
    fn detect_quote_by_chars(text: &str) -> u8 {
        let count = |q: char| {
            let mut n = 0;
            let mut prev = '\n';
            for c in text.chars() {
                if c == q && matches!(prev, '\n' | ',' | ';' | '\t' | '|') {
                    n += 1;
                }
                prev = c;
            }
            n
        };
        if count('"') == 0 && count('\'') >= 2 {
            b'\''
        } else {
            b'"'
        }
    }

    /// `looks_like_month` as it was, over chars and a char-pattern split.
    fn looks_like_month_by_chars(v: &str) -> bool {
        let has_year = v.split(['-', '.', '/', ' ']).any(|p| p.len() == 4);
        let has_name = v.chars().any(char::is_alphabetic);
        (has_year || has_name) && value::parse_month(v, DateOrder::Dmy).is_some()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        // Field counts without the cells: what the counts from `parse_records` were.
        #[test]
        fn field_counts_match_parsed_records(
            text in "[a;,\" \n\r\t|ä]{0,40}",
            d in proptest::sample::select(DELIMITERS.to_vec()),
            limit in 0..6usize,
        ) {
            let recs = parse_records(&text, d, b'"', limit);
            let want: Vec<usize> =
                recs.iter().filter(|(_, r)| !is_blank(r)).map(|(_, r)| r.len()).collect();
            proptest::prop_assert_eq!(field_counts(&text, d, b'"', limit), want);
        }

        #[test]
        fn month_look_by_bytes_matches_chars(v in "[A-Za-zäÄ0-9./ -]{0,10}|\\PC{0,8}") {
            proptest::prop_assert_eq!(looks_like_month(&v), looks_like_month_by_chars(&v));
        }

        #[test]
        fn quote_by_bytes_matches_chars(text in "[a'\",;|\t\nä€]{0,24}") {
            proptest::prop_assert_eq!(detect_quote(&text), detect_quote_by_chars(&text));
        }
    }

    #[test]
    fn quotes_after_delimiters_only() {
        assert_eq!(detect_quote("'a';'b'\n'c';'d'\n"), b'\'');
        assert_eq!(detect_quote("l'a;b'c\n"), b'"');
        assert_eq!(detect_quote("'a';\"b\"\n"), b'"');
    }

    #[test]
    fn delimiter_and_header() {
        let check = |text: &str, want: u8| {
            assert_eq!(detect_delimiter(text, b'"'), want, "{text:?}");
        };
        check("Kunde;Betrag\nA;12,50\nB;3,10\n", b';');
        check("a,b,c\n1,2,3\n", b',');
        check("a\tb\n1,5\t2\n", b'\t');
        check("a|b\n1|2\n", b'|');
        check("single\nvalue\n", b',');
        assert!(detect_header(&["Kunde".into(), "Betrag".into()]));
        assert!(!detect_header(&["A".into(), "12,50".into()]));
        assert!(detect_header(&["foo".into(), "bar".into()]));
    }

    #[test]
    fn quote_sep_line_and_header_choice() {
        assert_eq!(detect_quote("a;b\n'x;y';2\n'z';3\n"), b'\'');
        assert_eq!(detect_quote("a;b\n\"x;y\";2\n'z';3\n"), b'"');
        assert_eq!(detect_quote("a;b\nit's;2\n"), b'"');
        assert_eq!(excel_sep_line("sep=;\r\na;b\n"), Some(b';'));
        assert_eq!(excel_sep_line("SEP=|\na|b\n"), Some(b'|'));
        assert_eq!(excel_sep_line("separator;b\n"), None);
        let recs = |rows: &[&[&str]]| -> Vec<(u64, Vec<String>)> {
            let to_row = |r: &[&str]| r.iter().map(|c| c.to_string()).collect();
            rows.iter().enumerate().map(|(i, r)| (i as u64 + 1, to_row(r))).collect()
        };
        let check = |rows: &[&[&str]], want: usize| {
            assert_eq!(choose_header(&recs(rows)), Some(want), "{rows:?}");
        };
        check(&[&["Kunde", "Betrag"], &["A", "1"]], 0);
        check(&[&["Report 2025"], &["Kunde", "Betrag"], &["A", "1"]], 1);
        check(&[&["sep=", ""], &["x", "y"], &["A", "1"]], 1);
        check(&[&["Report"], &["a", "b"], &["A", "1"]], 1);
        check(&[&["A", "1"], &["B", "2"]], 0);
    }

    #[test]
    fn month_columns() {
        let col = |values: &[&str]| {
            let rows: Vec<Vec<String>> = values.iter().map(|v| vec![v.to_string()]).collect();
            let refs: Vec<&Vec<String>> = rows.iter().collect();
            profile_column(0, "Monat", &refs, b';').ty
        };
        assert_eq!(col(&["01.2025", "02.2025", "12.2025"]), ColumnType::Month);
        assert_eq!(col(&["2025-01", "2025-02"]), ColumnType::Month);
        assert_eq!(col(&["Jan 2025", "März 2025"]), ColumnType::Month);
        assert_eq!(col(&["12,25", "1,5"]), ColumnType::Decimal);
        assert_eq!(col(&["12.25", "1.5"]), ColumnType::Decimal);
    }

    #[test]
    fn thousands_marks() {
        assert_eq!(thousands_mark("1.234,56", DecimalStyle::Comma), Some('.'));
        assert_eq!(thousands_mark("1 234,56 €", DecimalStyle::Comma), Some(' '));
        assert_eq!(thousands_mark("$12,345.00", DecimalStyle::Point), Some(','));
        assert_eq!(thousands_mark("1'000.5", DecimalStyle::Point), Some('\''));
        assert_eq!(thousands_mark("1234,5", DecimalStyle::Comma), None);
        assert_eq!(thousands_mark("€ 12", DecimalStyle::Comma), None);
    }

    #[test]
    fn decimal_decisions() {
        let check = |values: &[&str], delimiter: u8, want: (DecimalStyle, bool)| {
            assert_eq!(decide_decimal(values, delimiter), want, "{values:?}");
        };
        check(&["12,50", "3"], b',', (DecimalStyle::Comma, false));
        check(&["1,234.50", "3"], b';', (DecimalStyle::Point, false));
        check(&["1.234", "2.000"], b';', (DecimalStyle::Comma, true));
        check(&["1.234", "2.000"], b',', (DecimalStyle::Point, true));
        check(&["1.234", "2.000,5"], b',', (DecimalStyle::Comma, false));
        check(&["12", "3"], b',', (DecimalStyle::Point, false));
    }
}
