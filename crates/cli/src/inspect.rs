//! `kennzahl inspect FILE`: prints what `ingest` detects and imports, as text or JSON.
//!
//! The JSON shape is documented in `crates/cli/README.md`; dates in rows are rendered as
//! ISO strings (`2025-12-31`, `2025-12-31T14:05:00Z`, months `2025-12`), money as cents.

use ingest::{ImportOptions, ImportResult, IngestError, Lang, Sniffed};
use records::{Dataset, DatasetKind, Date, DateTime, Month};
use serde_json::{json, Value};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

/// Rows shown in text mode.
const TEXT_ROWS: usize = 20;

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
}

impl Args {
    /// Parses the arguments after `inspect`.
    pub fn parse(args: &[OsString]) -> Result<Args, String> {
        let mut file = None;
        let mut kind = None;
        let mut json = false;
        let mut lang = Lang::De;
        let mut date_order = None;
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| crate::option_value(&mut it, name);
            match arg.to_str() {
                Some("--json") => json = true,
                Some("--kind") => {
                    let v = value("--kind")?;
                    kind = Some(
                        DatasetKind::from_id(&v).ok_or_else(|| format!("unknown kind {v:?}"))?,
                    );
                }
                Some("--lang") => {
                    lang = match value("--lang")?.as_str() {
                        "de" => Lang::De,
                        "en" => Lang::En,
                        other => return Err(format!("unknown language {other:?}")),
                    }
                }
                Some("--date-order") => {
                    date_order = match value("--date-order")?.as_str() {
                        "dmy" => Some(ingest::DateOrder::Dmy),
                        "mdy" => Some(ingest::DateOrder::Mdy),
                        other => return Err(format!("unknown date order {other:?}")),
                    }
                }
                Some(flag) if flag.starts_with("--") => {
                    return Err(format!("unknown option {flag}"))
                }
                _ if file.is_none() => file = Some(PathBuf::from(arg)),
                _ => return Err(format!("unexpected argument {:?}", arg.to_string_lossy())),
            }
        }
        let file = file.ok_or("inspect needs a FILE")?;
        Ok(Args { file, kind, json, lang, date_order })
    }
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
    let options =
        ImportOptions { kind: args.kind, date_order: args.date_order, ..Default::default() };
    let sniffed = ingest::sniff_with(&bytes, &options);
    let result = ingest::import(&bytes, &options);
    let code = match &result {
        Ok(r) if r.accounting.rejected == 0 => 0,
        Ok(_) => 1,
        Err(_) => 2,
    };
    let written = if args.json {
        writeln!(out, "{}", pretty(&json_report(args, &sniffed, &result, code)))
    } else {
        text_report(args, &sniffed, &result, out)
    };
    // A closed pipe (e.g. `| head`) is not a failure of the import.
    let _ = written;
    code
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

fn json_report(
    args: &Args,
    sniffed: &Result<Sniffed, IngestError>,
    result: &Result<ImportResult, IngestError>,
    code: u8,
) -> Value {
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
        DatasetKind::Subscriptions => &[("start", 'd'), ("end", 'd')],
        DatasetKind::Invoices | DatasetKind::Surveys => &[("date", 'd')],
        DatasetKind::Tickets => &[("created", 't'), ("first_response", 't'), ("resolved", 't')],
        DatasetKind::Deals => &[("created", 'd'), ("closed", 'd')],
        DatasetKind::Leads => &[("created", 't'), ("first_contact", 't')],
        DatasetKind::Usage => &[("timestamp", 't')],
        DatasetKind::Costs => &[("month", 'm')],
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

fn text_report(
    args: &Args,
    sniffed: &Result<Sniffed, IngestError>,
    result: &Result<ImportResult, IngestError>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "file: {}", args.file.display())?;
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
            writeln!(out, "  {:>2} {:<32} {detail}", c.index + 1, c.header)?;
        }
        let scores: Vec<String> = s
            .kind_scores
            .iter()
            .take(3)
            .map(|k| format!("{} {:.1}", k.kind.id(), k.score))
            .collect();
        writeln!(out, "kind scores: {}", scores.join(", "))?;
    }
    let r = match result {
        Ok(r) => r,
        Err(e) => {
            writeln!(out, "unusable: {}", e.message(args.lang))?;
            return Ok(());
        }
    };
    writeln!(out, "kind: {}", r.settings.kind.id())?;
    writeln!(out, "mapping:")?;
    for f in &r.settings.fields {
        writeln!(out, "  {:<20} <- {} (column {})", f.field, f.header, f.column + 1)?;
    }
    let rows = rows_json(&r.dataset);
    writeln!(out, "rows (first {} of {}):", TEXT_ROWS.min(rows.len()), rows.len())?;
    for row in rows.iter().take(TEXT_ROWS) {
        writeln!(out, "  {row}")?;
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
            writeln!(out, "  {}", rej.message(args.lang))?;
        }
    }
    Ok(())
}
