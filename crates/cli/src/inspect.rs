//! `kennzahl inspect FILE`: prints what `ingest` detects and imports, as text or JSON.
//!
//! Every file the sniffer can read is shown as read (header and cells, `ingest::read_table`)
//! before what the import made of it, so a file whose kind is unknown or whose required
//! column is missing still shows its table before the reason. Text mode escapes control
//! characters (a cell is no way to send escape sequences to the terminal) and cuts long
//! cells with `…`; JSON has every cell whole.
//!
//! The JSON shape is documented in `crates/cli/README.md`; dates in rows are rendered as
//! ISO strings (`2025-12-31`, `2025-12-31T14:05:00Z`, months `2025-12`), money as cents.

use ingest::{ImportOptions, ImportResult, IngestError, Lang, Sniffed, Table};
use records::{Dataset, DatasetKind, Date, DateTime, Month};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

/// Rows shown in text mode.
const TEXT_ROWS: usize = 20;
/// Characters of a cell shown in text mode before `…`.
const TEXT_CELL_CHARS: usize = 40;
/// Columns of the table as read shown in text mode.
const TEXT_COLUMNS: usize = 12;

/// Arguments of `inspect`.
#[derive(Debug, PartialEq)]
pub struct Args {
    /// The file to read.
    pub file: PathBuf,
    /// Dataset kind chosen by the user.
    pub kind: Option<DatasetKind>,
    /// JSON instead of text.
    pub json: bool,
    /// Language of messages.
    pub lang: Lang,
    /// Day/month order for ambiguous date columns.
    pub date_order: Option<ingest::DateOrder>,
    /// Scale of a survey file's CSAT and CES answers.
    pub scale: Option<records::SurveyScale>,
}

/// Runs `inspect`; returns the exit code (0 imported, 1 with rejections, 2 unusable).
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            let msg = match args.lang {
                Lang::De => format!("Datei {} kann nicht gelesen werden: {e}", args.file.display()),
                Lang::En => format!("cannot read {}: {e}", args.file.display()),
            };
            if args.json {
                let v = json!({"file": args.file, "status": "unusable", "exit_code": 2,
                    "error": {"error": "io", "message_de": msg, "message_en": msg}});
                let _ = writeln!(out, "{}", pretty(&v));
            } else {
                let _ = writeln!(out, "{msg}");
            }
            return 2;
        }
    };
    let options = ImportOptions {
        kind: args.kind,
        date_order: args.date_order,
        survey_scale: args.scale,
        ..Default::default()
    };
    let sniffed = ingest::sniff_with(&bytes, &options);
    let table = sniffed.as_ref().ok().and_then(|s| ingest::read_table(&bytes, s).ok());
    let result = ingest::import(&bytes, &options);
    let code = match &result {
        Ok(r) if r.accounting.rejected == 0 => 0,
        Ok(_) => 1,
        Err(_) => 2,
    };
    let read = Read { sniffed: &sniffed, table: table.as_ref(), result: &result };
    let written = if args.json {
        writeln!(out, "{}", pretty(&json_report(args, &read, code)))
    } else {
        text_report(args, &read, out)
    };
    // A closed pipe (e.g. `| head`) is not a failure of the import.
    let _ = written;
    code
}

/// What `inspect` found: the sniff, the table as read (when the sniff worked) and the import.
struct Read<'a> {
    sniffed: &'a Result<Sniffed, IngestError>,
    table: Option<&'a Table>,
    result: &'a Result<ImportResult, IngestError>,
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into())
}

fn error_json(e: &IngestError) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("message_de".into(), e.message(Lang::De).into());
        map.insert("message_en".into(), e.message(Lang::En).into());
    }
    v
}

fn json_report(args: &Args, read: &Read<'_>, code: u8) -> Value {
    let (sniffed, result) = (read.sniffed, read.result);
    let status = match code {
        0 => "imported",
        1 => "imported_with_rejections",
        _ => "unusable",
    };
    let mut report = json!({"file": args.file, "status": status, "exit_code": code});
    let Value::Object(map) = &mut report else { return report };
    if let Ok(s) = sniffed {
        let mut sniff = serde_json::to_value(s).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut sniff {
            // The preview duplicates the rows below; keep the report focused.
            m.remove("preview");
            m.remove("raw_lines");
        }
        map.insert("sniff".into(), sniff);
    }
    if let Some(table) = read.table {
        map.insert("table".into(), serde_json::to_value(table).unwrap_or_default());
    }
    match result {
        Ok(r) => {
            map.insert("settings".into(), serde_json::to_value(&r.settings).unwrap_or_default());
            map.insert("kind".into(), r.dataset.kind().id().into());
            map.insert("rows".into(), Value::Array(rows_json(&r.dataset)));
            map.insert("accounting".into(), accounting_json(r));
            map.insert(
                "assumptions".into(),
                serde_json::to_value(&r.assumptions).unwrap_or_default(),
            );
            map.insert(
                "rejections".into(),
                serde_json::to_value(&r.rejections).unwrap_or_default(),
            );
        }
        Err(e) => {
            map.insert("error".into(), error_json(e));
        }
    }
    report
}

fn accounting_json(r: &ImportResult) -> Value {
    let a = &r.accounting;
    let skipped: serde_json::Map<String, Value> = a
        .skipped_by_rule
        .iter()
        .map(|(rule, n)| {
            (
                serde_json::to_value(rule)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
                (*n).into(),
            )
        })
        .collect();
    json!({"rows": a.rows, "used": a.used, "rejected": a.rejected, "skipped": a.skipped(),
        "skipped_by_rule": skipped})
}

/// Date fields of each kind and how they are stored, for rendering as ISO text.
fn date_fields(kind: DatasetKind) -> &'static [(&'static str, char)] {
    match kind {
        DatasetKind::Subscriptions => &[("start", 'd'), ("end", 'd'), ("trial_end", 'd')],
        DatasetKind::Invoices => &[("date", 'd'), ("service_start", 'd')],
        DatasetKind::Surveys => &[("date", 'd')],
        DatasetKind::Tickets => &[("created", 't'), ("first_response", 't'), ("resolved", 't')],
        DatasetKind::Deals => &[("created", 'd'), ("closed", 'd')],
        DatasetKind::Leads => &[("created", 't'), ("first_contact", 't')],
        DatasetKind::Usage => &[("timestamp", 't')],
        DatasetKind::Costs => &[("month", 'm')],
        DatasetKind::Accounts => &[],
    }
}

/// Typed rows as JSON objects with dates as ISO strings.
fn rows_json(dataset: &Dataset) -> Vec<Value> {
    let Ok(Value::Object(mut top)) = serde_json::to_value(dataset) else { return Vec::new() };
    let Some(Value::Array(mut rows)) = top.remove("rows") else { return Vec::new() };
    let fields = date_fields(dataset.kind());
    for row in &mut rows {
        let Value::Object(obj) = row else { continue };
        for (name, ty) in fields {
            let Some(n) = obj.get(*name).and_then(Value::as_i64) else { continue };
            let text = match ty {
                'd' => Date::from_days(n as i32).to_string(),
                't' => DateTime::from_unix(n).to_string(),
                _ => Month::from_ym(n.div_euclid(12) as i32, (n.rem_euclid(12) + 1) as u32)
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            };
            obj.insert((*name).to_string(), text.into());
        }
    }
    rows
}

fn text_report(args: &Args, read: &Read<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let (sniffed, result) = (read.sniffed, read.result);
    writeln!(out, "file: {}", safe(&args.file.display().to_string()))?;
    if let Ok(s) = sniffed {
        writeln!(
            out,
            "encoding: {}  delimiter: {:?}  quote: {:?}  header: {}",
            s.encoding.label(),
            s.delimiter,
            s.quote,
            if s.has_header { format!("yes (line {})", s.header_line) } else { "no".into() }
        )?;
        writeln!(out, "columns:")?;
        for c in &s.columns {
            let mut detail = format!("{:?}", c.ty).to_lowercase();
            if let Some(d) = c.decimal {
                detail.push_str(match d {
                    ingest::DecimalStyle::Comma => ", decimal comma",
                    ingest::DecimalStyle::Point => ", decimal point",
                });
                if c.decimal_ambiguous {
                    detail.push_str(" (guessed)");
                }
                if let Some(t) = c.thousands {
                    detail.push_str(&format!(", thousands {t:?}"));
                }
            }
            if let Some(d) = &c.date {
                detail.push_str(&format!(", {}", d.pattern));
                if d.ambiguous {
                    detail.push_str(" (AMBIGUOUS: day/month order unknown, use --date-order)");
                }
            }
            writeln!(out, "  {:>2} {:<32} {detail}", c.index + 1, safe(&c.header))?;
        }
        let scores: Vec<String> = s
            .kind_scores
            .iter()
            .take(3)
            .map(|k| format!("{} {:.1}", k.kind.id(), k.score))
            .collect();
        writeln!(out, "kind scores: {}", scores.join(", "))?;
    }
    if let Some(table) = read.table {
        table_text(table, out)?;
    }
    let r = match result {
        Ok(r) => r,
        Err(e) => {
            writeln!(out, "unusable: {}", safe(&e.message(args.lang)))?;
            return Ok(());
        }
    };
    writeln!(out, "kind: {}", r.settings.kind.id())?;
    writeln!(out, "mapping:")?;
    for f in &r.settings.fields {
        writeln!(out, "  {:<20} <- {} (column {})", f.field, safe(&f.header), f.column + 1)?;
    }
    for s in &r.settings.survey_scales {
        let (word, kind) = match args.lang {
            Lang::De => ("Skala", format!("{:?}", s.kind).to_uppercase()),
            Lang::En => ("scale", format!("{:?}", s.kind).to_uppercase()),
        };
        writeln!(out, "{kind} {word}: {} ({})", s.scale.label(), s.source.label(args.lang))?;
    }
    let rows = rows_json(&r.dataset);
    writeln!(out, "rows (first {} of {}):", TEXT_ROWS.min(rows.len()), rows.len())?;
    for row in rows.iter().take(TEXT_ROWS) {
        writeln!(out, "  {}", safe(&cut_strings(row.clone()).to_string()))?;
    }
    let a = &r.accounting;
    writeln!(
        out,
        "accounting: {} rows = {} used + {} rejected + {} skipped",
        a.rows,
        a.used,
        a.rejected,
        a.skipped()
    )?;
    for (rule, n) in &a.skipped_by_rule {
        writeln!(out, "  skipped {n} × {}", rule.label(args.lang))?;
    }
    if !r.assumptions.is_empty() {
        writeln!(out, "assumed:")?;
        for a in &r.assumptions {
            writeln!(out, "  {}", a.message(args.lang))?;
        }
    }
    if !r.rejections.is_empty() {
        writeln!(out, "rejections:")?;
        for rej in &r.rejections {
            writeln!(out, "  {}", safe(rej.message(args.lang)))?;
        }
    }
    Ok(())
}

/// The table as read: its header and first rows, one column per cell (the first
/// [`TEXT_COLUMNS`]), each cut to [`TEXT_CELL_CHARS`] and made safe for the terminal.
fn table_text(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    let n = table.rows.len();
    let plural = if n == 1 { "" } else { "s" };
    let below =
        if n > TEXT_ROWS { format!(", the first {TEXT_ROWS} below") } else { String::new() };
    writeln!(out, "table as read: {n} data row{plural}{below}")?;
    let n_cols =
        table.headers.len().max(table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    let cols = n_cols.min(TEXT_COLUMNS);
    let cell = |cells: &[String], i: usize| cut(&safe(cells.get(i).map_or("", String::as_str)));
    let head: Vec<String> = (0..cols).map(|i| cell(&table.headers, i)).collect();
    let body: Vec<(u64, Vec<String>)> = table
        .rows
        .iter()
        .take(TEXT_ROWS)
        .map(|r| (r.line, (0..cols).map(|i| cell(&r.cells, i)).collect()))
        .collect();
    let width = |i: usize| {
        let rows = body.iter().map(|(_, cells)| cells[i].chars().count());
        rows.chain([head[i].chars().count()]).max().unwrap_or(0)
    };
    let widths: Vec<usize> = (0..cols).map(width).collect();
    let more = match n_cols - cols {
        0 => String::new(),
        k => format!(" | … {k} more column{}", if k == 1 { "" } else { "s" }),
    };
    let line = |no: &str, cells: &[String]| {
        let padded: Vec<String> =
            cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        format!("  {no:>6} | {}{more}", padded.join(" | ")).trim_end().to_string()
    };
    writeln!(out, "{}", line("line", &head))?;
    for (no, cells) in &body {
        writeln!(out, "{}", line(&no.to_string(), cells))?;
    }
    Ok(())
}

/// `text` with control characters escaped (`\n`, `\t`, `\u{1b}` …), and the invisible
/// marks that reorder text (bidirectional overrides and isolates) too, so a cell cannot
/// move the cursor, change colours or make the line read differently from what it holds.
fn safe(text: &str) -> String {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// A typed row with every text value cut by [`cut`] (a 2 MB plan name is no line to read).
fn cut_strings(row: Value) -> Value {
    match row {
        Value::String(text) => Value::String(cut(&text)),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, cut_strings(v))).collect())
        }
        other => other,
    }
}

/// `text` cut after [`TEXT_CELL_CHARS`] characters with `…`.
fn cut(text: &str) -> String {
    match text.char_indices().nth(TEXT_CELL_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_made_safe_for_the_terminal() {
        assert_eq!(safe("Müller GmbH"), "Müller GmbH");
        assert_eq!(safe("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(safe("\u{1b}[2J\u{7}x"), "\\u{1b}[2J\\u{7}x");
        assert_eq!(safe("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(safe("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(cut(&"ä".repeat(41)), format!("{}…", "ä".repeat(40)));
        assert_eq!(cut(&"ä".repeat(40)), "ä".repeat(40));
    }
}
