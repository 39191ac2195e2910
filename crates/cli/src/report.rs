//! `kennzahl report FILE... [--json]`: the dashboard's numbers from the same ingestion and
//! analytics the browser runs. `--sample` adds the demo data set behind the app's "try with
//! sample data" button, so scripts and tests can compare with the browser.
//!
//! `--by COLUMN` splits the report by a segment attribute (per segment the tiles; in JSON
//! `segments: [{value, label, tiles}]`), `--where COLUMN=VALUE` keeps only those rows in
//! every section ([`analytics::segment`]).

use analytics::billing::{notes, CurrencyOptions, Rate};
use analytics::segment::{self, Condition};
use analytics::{Period, Report, ReportOptions, Tile, Unit};
use ingest::{ImportOptions, Lang};
use records::{Attributes, Currency, Dataset, Date};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(Debug, PartialEq)]
pub struct Args {
    /// Files to read; the kind of each is detected.
    pub files: Vec<PathBuf>,
    /// Add the demo data set.
    pub sample: bool,
    /// JSON instead of tables.
    pub json: bool,
    /// Language of messages.
    pub lang: Lang,
    /// Print the dashboard's tiles for this period.
    pub period: Option<Period>,
    /// Scale of the survey files' CSAT and CES answers.
    pub scale: Option<records::SurveyScale>,
    /// Header of the column usage files name their accounts in.
    pub usage_account: Option<String>,
    /// The day the analysis ends (default: the latest event in the data).
    pub as_of: Option<Date>,
    /// The currency to analyse and conversion rates into it.
    pub currency: CurrencyOptions,
    /// Split by this segment attribute (a column header or field id).
    pub by: Option<String>,
    /// Only the rows that meet every condition.
    pub filter: Vec<Condition>,
}

/// The machine's date (UTC): no default as-of date lies after it.
pub fn today() -> Option<Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Date::from_days(i32::try_from(secs / 86_400).ok()?))
}

/// `USD=0.92` (or `USD=0,92`): one USD is 0.92 of the analysed currency.
pub(crate) fn parse_rate(text: &str) -> Option<Rate> {
    let (code, rate) = text.split_once('=')?;
    let to_base: f64 = rate.trim().replace(',', ".").parse().ok()?;
    (to_base.is_finite() && to_base > 0.0)
        .then_some(Rate { currency: Currency::parse(code)?, to_base })
}

/// Runs `report`; returns the exit code (0, 1 with rejections, 2 unusable file).
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    match load(args) {
        Ok((datasets, attributes, code)) => analyse(args, &datasets, &attributes, code, out),
        Err(code) => code,
    }
}

/// Imports the files (and the demo data with `--sample`) as `report` and `tables` read them;
/// problems go to stderr. `Ok((datasets, their segment attributes, 0 or 1 with rejections))`, `Err(2)` for an unusable
/// file.
pub fn load(args: &Args) -> Result<(Vec<Dataset>, Vec<Attributes>, u8), u8> {
    load_files(args).map(|(l, code)| (l.datasets, l.attributes, code))
}

/// The imported files: the datasets, their segment attributes, and per dataset its file and
/// the line of each row (`"sample"` and no lines for the demo data).
pub struct Loaded {
    /// The datasets, the demo data's first.
    pub datasets: Vec<Dataset>,
    /// The segment attributes of each dataset.
    pub attributes: Vec<Attributes>,
    /// File name and the line of each row, per dataset.
    pub sources: Vec<(String, Vec<u32>)>,
}

/// [`load`], keeping each file's name and row lines (`kennzahl drill` names them).
pub fn load_files(args: &Args) -> Result<(Loaded, u8), u8> {
    let datasets: Vec<Dataset> = if args.sample { sample::demo() } else { Vec::new() };
    let mut loaded = Loaded {
        attributes: datasets.iter().map(segment::label_attributes).collect(),
        sources: datasets.iter().map(|_| ("sample".to_string(), Vec::new())).collect(),
        datasets,
    };
    let mut code = 0;
    for file in &args.files {
        // Slice by slice, never the whole file in memory (`read`).
        match crate::read::import_file(file, |head| import_options(head, args)) {
            Ok(result) => {
                if result.accounting.rejected > 0 {
                    code = 1;
                    let _ = writeln!(
                        std::io::stderr(),
                        "kennzahl: {}: {} of {} rows rejected (see `kennzahl inspect`)",
                        file.display(),
                        result.accounting.rejected,
                        result.accounting.rows
                    );
                }
                // What the figures rest on where the export lacks a column, beside them.
                for a in &result.assumptions {
                    let _ = writeln!(
                        std::io::stderr(),
                        "kennzahl: {}: {}",
                        file.display(),
                        a.message(args.lang)
                    );
                }
                loaded.datasets.push(result.dataset);
                loaded.attributes.push(result.attributes);
                loaded.sources.push((file.display().to_string(), result.lines));
            }
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "kennzahl: {}: {}",
                    file.display(),
                    e.message(args.lang)
                );
                return Err(2);
            }
        }
    }
    Ok((loaded, code))
}

/// The report options of the arguments (as-of day, currency, period, the machine's date).
pub fn report_options(args: &Args) -> ReportOptions {
    ReportOptions {
        today: today(),
        period: args.period,
        as_of: args.as_of,
        currency: args.currency.clone(),
        ..ReportOptions::default()
    }
}

/// The report (and with `--by` its segments) of the loaded files.
fn analyse(
    args: &Args,
    datasets: &[Dataset],
    attributes: &[Attributes],
    code: u8,
    out: &mut dyn Write,
) -> u8 {
    let options = report_options(args);
    let de = args.lang == Lang::De;
    let refused = |e: segment::SegmentError| {
        let _ = writeln!(std::io::stderr(), "kennzahl: {}", e.message(de));
        2
    };
    let report = match segment::filtered(datasets, attributes, &options, &args.filter) {
        Ok(r) => r,
        Err(e) => return refused(e),
    };
    let split = match &args.by {
        Some(by) => match segment::split(datasets, attributes, &options, by, &args.filter) {
            Ok(s) => Some(s),
            Err(e) => return refused(e),
        },
        None => None,
    };
    // Segments show tiles: of `--period`, else of the as-of month.
    let period = args.period.or(report.as_of.map(|a| Period::Month(a.date.month())));
    let segments: Vec<SegmentTiles> = match (&split, period) {
        (Some(split), Some(period)) => split
            .segments
            .iter()
            .map(|s| SegmentTiles {
                value: s.value.clone(),
                other: s.other,
                label: s.label(de),
                tiles: analytics::tiles(&s.report, period),
            })
            .collect(),
        _ => Vec::new(),
    };
    let written = if args.json {
        json(&report, split.as_ref(), period, &segments, out)
    } else {
        write_tables(&report, args.lang, out).and_then(|()| match (&split, period) {
            (Some(split), Some(period)) => {
                write_segments(&split.attribute.name, period, &segments, de, out)
            }
            _ => Ok(()),
        })
    };
    if written.is_err() {
        return 2;
    }
    code
}

/// One segment's tiles, as `report --by --json` writes them.
#[derive(serde::Serialize)]
struct SegmentTiles {
    /// The value (`null` for "other" and for rows without a value).
    value: Option<String>,
    /// Values beyond the first 50.
    other: bool,
    /// The value as shown.
    label: String,
    tiles: Vec<Tile>,
}

/// The report as JSON; with `--by`, the attribute (`split_by`), the segments' period
/// (`segment_period`) and `segments`.
fn json(
    report: &Report,
    split: Option<&segment::Split>,
    period: Option<Period>,
    segments: &[SegmentTiles],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut value = serde_json::to_value(report).map_err(std::io::Error::other)?;
    if let Some(map) = value.as_object_mut() {
        // Which release computed the figures; consumers read fields by name, so an added
        // field changes no schema version.
        map.insert("version".into(), env!("CARGO_PKG_VERSION").into());
    }
    if let (Some(split), Some(map)) = (split, value.as_object_mut()) {
        let by = serde_json::to_value(&split.attribute).map_err(std::io::Error::other)?;
        map.insert("split_by".into(), by);
        let p = serde_json::to_value(period).map_err(std::io::Error::other)?;
        map.insert("segment_period".into(), p);
        let s = serde_json::to_value(segments).map_err(std::io::Error::other)?;
        map.insert("segments".into(), s);
    }
    let text = serde_json::to_string_pretty(&value).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

/// Every segment's tiles, one block per segment.
fn write_segments(
    name: &str,
    period: Period,
    segments: &[SegmentTiles],
    de: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let head = if de { "Kacheln für" } else { "Tiles for" };
    for s in segments {
        writeln!(out)?;
        writeln!(out, "{name} = {}: {head} {}", s.label, period.label())?;
        for t in &s.tiles {
            write_tile(t, de, out)?;
        }
    }
    Ok(())
}

/// The import options of one file: the survey scale, and for a usage file the account
/// column the user named (the rest of the detected mapping kept).
pub(crate) fn import_options(bytes: &[u8], args: &Args) -> Result<ImportOptions, String> {
    let mut options = ImportOptions { survey_scale: args.scale, ..ImportOptions::default() };
    let Some(column) = &args.usage_account else { return Ok(options) };
    let Ok(sniffed) = ingest::sniff(bytes) else { return Ok(options) };
    if sniffed.kind != Some(records::DatasetKind::Usage) {
        return Ok(options);
    }
    let index = sniffed.headers.iter().position(|h| h.trim().eq_ignore_ascii_case(column.trim()));
    let Some(index) = index else {
        return Err(format!(
            "--usage-account: no column {column:?} (columns: {})",
            sniffed.headers.join(", ")
        ));
    };
    // Other fields keep their columns: the chosen one may also be the user id.
    let mut mapping = sniffed.mapping.clone();
    mapping.insert("account".into(), index);
    options.mapping = Some(mapping);
    options.kind = sniffed.kind;
    Ok(options)
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{:.2} %", v * 100.0)).unwrap_or_else(|| "–".into())
}

fn money(cents: i64) -> String {
    format!("{:.2}", cents as f64 / 100.0)
}

fn write_tables(report: &Report, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let de = lang == Lang::De;
    for d in &report.datasets {
        writeln!(out, "{}: {} {}", d.kind.id(), d.rows, if de { "Zeilen" } else { "rows" })?;
    }
    for note in notes(report.as_of.as_ref(), report.billing.as_ref(), de) {
        writeln!(out, "{note}")?;
    }
    write_inputs(report, de, out)?;
    if let Some(rev) = &report.revenue {
        writeln!(out)?;
        writeln!(
            out,
            "{:<8} {:>12} {:>6} {:>10} {:>10} {:>10} {:>10} {:>10} {:>9} {:>9} {:>9}",
            if de { "Monat" } else { "month" },
            "MRR",
            if de { "Kunden" } else { "cust." },
            if de { "neu" } else { "new" },
            "reakt.",
            "expansion",
            "contract.",
            "churn",
            "churn A",
            "NRR",
            "GRR"
        )?;
        for m in &rev.months {
            let mv = &m.movements;
            writeln!(
                out,
                "{:<8} {:>12} {:>6} {:>10} {:>10} {:>10} {:>10} {:>10} {:>9} {:>9} {:>9}",
                m.month.to_string(),
                money(m.mrr.cents()),
                m.customers,
                money(mv.new.cents()),
                money(mv.reactivation.cents()),
                money(mv.expansion.cents()),
                money(mv.contraction.cents()),
                money(mv.churn.cents()),
                pct(m.retention.logo_churn_a),
                pct(m.retention.nrr),
                pct(m.retention.grr)
            )?;
        }
    }
    writeln!(out)?;
    if let Some(period) = report.period {
        let head = if de { "Kacheln für" } else { "Tiles for" };
        writeln!(out, "{head} {}:", period.label())?;
        for t in &report.tiles {
            write_tile(t, de, out)?;
        }
        return Ok(());
    }
    writeln!(out, "{}", if de { "Letzte Werte je Kennzahl:" } else { "Latest value per KPI:" })?;
    for v in &report.latest {
        writeln!(out, "  {:<28} {:<10} {}", v.kpi_id.id(), v.period, v.value)?;
    }
    Ok(())
}

/// What the figures rest on: how many customers the usage data matched, how many health
/// scores lack usage, and the survey scales of the headline CSAT and CES.
fn write_inputs(report: &Report, de: bool, out: &mut dyn Write) -> std::io::Result<()> {
    if let Some(m) = &report.usage_match {
        let line = if de {
            format!("Nutzung: {} von {} Kunden zugeordnet", m.matched, m.customers)
        } else {
            format!("usage: {} of {} customers matched", m.matched, m.customers)
        };
        let hint = match (m.is_poor(), de) {
            (true, true) => {
                " – Nutzung dieser Kunden unbekannt, andere Kontospalte wählen \
                             (--usage-account SPALTE)"
            }
            (true, false) => {
                " – their usage is unknown; choose another account column \
                              (--usage-account COLUMN)"
            }
            (false, _) => "",
        };
        writeln!(out, "{line}{hint}")?;
    }
    if let Some(h) = report.health.as_ref().filter(|h| h.usage_unknown > 0) {
        if de {
            writeln!(
                out,
                "Health-Score ohne Nutzungsteil (Nutzung unbekannt): {} Kunden",
                h.usage_unknown
            )?;
        } else {
            writeln!(
                out,
                "health score without usage parts (usage unknown): {} accounts",
                h.usage_unknown
            )?;
        }
    }
    if let Some(s) = &report.surveys {
        let scales = |list: Vec<records::SurveyScale>| {
            list.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")
        };
        if let Some(scale) = s.csat_scale {
            let all = scales(s.csat_by_scale.iter().map(|c| c.scale).collect());
            let head = if de { "CSAT-Skala" } else { "CSAT scale" };
            let of = if de { "Skalen in den Daten" } else { "scales in the data" };
            writeln!(out, "{head}: {} ({of}: {all})", scale.label())?;
        }
        if let Some(scale) = s.ces_scale {
            let all = scales(s.ces_by_scale.iter().map(|c| c.scale).collect());
            let head = if de { "CES-Skala" } else { "CES scale" };
            let of = if de { "Skalen in den Daten" } else { "scales in the data" };
            writeln!(out, "{head}: {} ({of}: {all})", scale.label())?;
        }
    }
    Ok(())
}

/// A stored value in its unit: money with two decimals, ratios in percent.
fn value_text(unit: Unit, v: Option<f64>) -> String {
    let Some(v) = v else { return "–".into() };
    match unit {
        Unit::Money | Unit::MoneyPerDay => money(v.round() as i64),
        Unit::Ratio => pct(Some(v)),
        Unit::Count => format!("{v:.0}"),
        _ => format!("{v:.2}"),
    }
}

/// One tile: name, value, previous value and the basis ("1 of 4").
fn write_tile(t: &Tile, de: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let f = &t.figure;
    let unit = f.kpi.unit();
    let num = |v: f64| match f.basis.counted {
        Some(analytics::Counted::Cents) => money(v.round() as i64),
        _ => format!("{v}"),
    };
    let basis = match (f.basis.numerator, f.basis.denominator) {
        (Some(n), Some(d)) if unit != Unit::Money => {
            format!("{} {} {}", num(n), if de { "von" } else { "of" }, num(d))
        }
        (Some(n), None) => format!("n = {}", num(n)),
        _ => String::new(),
    };
    let partial = match (f.partial, de) {
        (false, _) => "",
        (true, true) => "   (Teilmonat bis Stichtag)",
        (true, false) => "   (partial month, to the as-of date)",
    };
    writeln!(
        out,
        "  {:<32} {:>14}   {} {:>14}   {}{partial}",
        f.kpi.name(de),
        value_text(unit, f.value),
        if de { "vorher" } else { "before" },
        value_text(unit, t.previous),
        basis
    )
}
