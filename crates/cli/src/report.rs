//! `kennzahl report FILE... [--json]`: the dashboard's numbers from the same ingestion and
//! analytics the browser runs. `--sample` adds the demo data set behind the app's "try with
//! sample data" button, so scripts and tests can compare with the browser.

use analytics::{Period, Report, ReportOptions, Tile, Unit};
use ingest::{ImportOptions, Lang};
use records::Dataset;
use std::ffi::OsString;
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
}

impl Args {
    /// Parses the arguments after `report`.
    pub fn parse(args: &[OsString]) -> Result<Args, String> {
        let mut parsed =
            Args { files: Vec::new(), sample: false, json: false, lang: Lang::De, period: None };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.to_str() {
                Some("--json") => parsed.json = true,
                Some("--sample") => parsed.sample = true,
                Some("--lang") => {
                    parsed.lang = match it.next().and_then(|v| v.to_str()) {
                        Some("de") => Lang::De,
                        Some("en") => Lang::En,
                        other => return Err(format!("unknown language {other:?}")),
                    }
                }
                Some("--period") => {
                    let text = it.next().and_then(|v| v.to_str()).unwrap_or("");
                    parsed.period = Some(Period::parse(text).ok_or_else(|| {
                        format!(
                            "--period needs 2025-07, 2025-Q3, 2025 or 2025-01..2025-06, not {text:?}"
                        )
                    })?);
                }
                Some(flag) if flag.starts_with("--") => {
                    return Err(format!("unknown option {flag}"))
                }
                _ => parsed.files.push(PathBuf::from(arg)),
            }
        }
        if parsed.files.is_empty() && !parsed.sample {
            return Err("report needs at least one FILE (or --sample)".into());
        }
        Ok(parsed)
    }
}

/// Runs `report`; returns the exit code (0, 1 with rejections, 2 unusable file).
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    let mut datasets: Vec<Dataset> = if args.sample { sample::demo() } else { Vec::new() };
    let mut code = 0;
    for file in &args.files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "kennzahl: {}: {e}", file.display());
                return 2;
            }
        };
        match ingest::import(&bytes, &ImportOptions::default()) {
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
                datasets.push(result.dataset);
            }
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "kennzahl: {}: {}",
                    file.display(),
                    e.message(args.lang)
                );
                return 2;
            }
        }
    }
    let options = ReportOptions { period: args.period, ..ReportOptions::default() };
    let report = analytics::report(&datasets, &options);
    let written = if args.json {
        serde_json::to_string_pretty(&report)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        write_tables(&report, args.lang, out)
    };
    if written.is_err() {
        return 2;
    }
    code
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
    writeln!(
        out,
        "  {:<32} {:>14}   {} {:>14}   {}",
        f.kpi.name(de),
        value_text(unit, f.value),
        if de { "vorher" } else { "before" },
        value_text(unit, t.previous),
        basis
    )
}
