//! `kennzahl drill FILE... --kpi ID [--period P] [--cohort YYYY-MM+K] [--as-of DAY] [--csv]
//! [--json]`: the rows behind one figure ([`analytics::drill`]) — each customer (ticket,
//! deal, answer) with its contribution, and the file and line of each of its rows. The
//! contributions add up to the figure `report --period P` prints. `--csv` writes one line per
//! row (the contribution on an item's first row only, so the column sums to the figure),
//! formula-safe ([`ingest::csv_safe::neutralise`]).

use crate::report::Args as ReportArgs;
use analytics::drill::{drill, drill_cohort, Drill};
use analytics::figure::default_month;
use analytics::{figure, report, Kpi, Period, ReportOptions, Unit};
use ingest::csv_safe::neutralise;
use ingest::Lang;
use records::{Dataset, Month};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `drill`.
#[derive(Debug, PartialEq)]
pub struct Args {
    /// The KPI (`mrr`, `churned_mrr`, `nps`, …); `mrr` with `--cohort`.
    pub kpi: Kpi,
    /// A cohort cell instead of a KPI: the cohort's first month and months since.
    pub cohort: Option<(Month, u32)>,
    /// CSV instead of a table.
    pub csv: bool,
    /// Files, period, as-of day, currency, `--json`, `--lang`, `--scale` as for `report`.
    pub report: ReportArgs,
}

/// `2025-01+3`: cohort January 2025, three months later.
pub(crate) fn parse_cohort(text: &str) -> Option<(Month, u32)> {
    let (m, k) = text.split_once('+')?;
    Some((analytics::period::parse_month(m.trim())?, k.trim().parse().ok()?))
}

/// The imported files: the datasets, and per dataset its file and the line of each row
/// (none for the demo data).
struct Loaded {
    datasets: Vec<Dataset>,
    sources: Vec<(String, Vec<u32>)>,
}

fn load(args: &ReportArgs) -> Result<(Loaded, u8), u8> {
    let demo = if args.sample { sample::demo() } else { Vec::new() };
    let mut loaded = Loaded {
        sources: demo.iter().map(|_| ("sample".to_string(), Vec::new())).collect(),
        datasets: demo,
    };
    let mut code = 0;
    let fail = |file: &PathBuf, msg: &dyn std::fmt::Display| {
        let _ = writeln!(std::io::stderr(), "kennzahl: {}: {msg}", file.display());
        2
    };
    for file in &args.files {
        let options = |head: &[u8]| crate::report::import_options(head, args);
        let result = crate::read::import_file(file, options)
            .map_err(|e| fail(file, &e.message(args.lang)))?;
        if result.accounting.rejected > 0 {
            code = 1;
        }
        loaded.datasets.push(result.dataset);
        loaded.sources.push((file.display().to_string(), result.lines));
    }
    Ok((loaded, code))
}

/// Runs `drill`; returns the exit code (0, 1 with rejections, 2 unusable file or no data).
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    let r = &args.report;
    let (loaded, code) = match load(r) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut options = ReportOptions {
        today: crate::report::today(),
        period: r.period,
        as_of: r.as_of,
        currency: r.currency.clone(),
        ..ReportOptions::default()
    };
    let de = r.lang == Lang::De;
    let rep = report(&loaded.datasets, &options);
    let period = r.period.or_else(|| default_month(&rep).map(Period::Month));
    let (found, value) = match (args.cohort, period) {
        (Some((first, since)), _) => {
            let cell = rep.revenue.as_ref().and_then(|rev| {
                let c = rev.cohorts.iter().find(|c| c.first_month == first)?;
                c.cells.get(since as usize).map(|cell| cell.mrr.cents() as f64)
            });
            (drill_cohort(&loaded.datasets, &options, first, since), cell)
        }
        (None, Some(p)) => {
            options.period = Some(p);
            let value = figure(&rep, args.kpi, p).and_then(|f| f.value);
            (drill(&loaded.datasets, &options, args.kpi, p), value)
        }
        (None, None) => (None, None),
    };
    let Some(d) = found else {
        let msg = if de {
            "keine Daten für diese Kennzahl in den Dateien"
        } else {
            "no data for this KPI in the files"
        };
        let _ = writeln!(std::io::stderr(), "kennzahl: {msg}");
        return 2;
    };
    let written = if r.json {
        json(&d, value, &loaded, out)
    } else if args.csv {
        csv(&d, &loaded, out)
    } else {
        table(&d, value, &loaded, de, out)
    };
    if written.is_err() {
        return 2;
    }
    code
}

/// File and line of a row (`None` line for the demo data).
fn place(loaded: &Loaded, row: &analytics::RowRef) -> (String, Option<u32>) {
    match loaded.sources.get(row.dataset) {
        Some((file, lines)) => (file.clone(), lines.get(row.row).copied()),
        None => (String::new(), None),
    }
}

#[derive(serde::Serialize)]
struct JsonRow {
    file: String,
    line: Option<u32>,
}

#[derive(serde::Serialize)]
struct JsonItem<'a> {
    key: &'a str,
    contribution: Option<f64>,
    rows: Vec<JsonRow>,
}

#[derive(serde::Serialize)]
struct JsonDrill<'a> {
    kpi: Kpi,
    period: Period,
    /// The figure `report` prints.
    value: Option<f64>,
    additive: bool,
    total: Option<f64>,
    items: Vec<JsonItem<'a>>,
}

fn json(
    d: &Drill,
    value: Option<f64>,
    loaded: &Loaded,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let items = d
        .items
        .iter()
        .map(|i| JsonItem {
            key: &i.key,
            contribution: i.contribution,
            rows: i
                .rows
                .iter()
                .map(|row| {
                    let (file, line) = place(loaded, row);
                    JsonRow { file, line }
                })
                .collect(),
        })
        .collect();
    let doc = JsonDrill {
        kpi: d.kpi,
        period: d.period,
        value,
        additive: d.additive,
        total: d.total,
        items,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// `key,contribution,file,line`: one line per row; the contribution on an item's first row.
fn csv(d: &Drill, loaded: &Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "key,contribution,file,line")?;
    let quote = |s: &str| {
        let s = neutralise(s);
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    for i in &d.items {
        for (n, row) in i.rows.iter().enumerate() {
            let (file, line) = place(loaded, row);
            let c = match i.contribution {
                Some(c) if n == 0 => c.to_string(),
                _ => String::new(),
            };
            let line = line.map(|l| l.to_string()).unwrap_or_default();
            writeln!(out, "{},{c},{},{line}", quote(&i.key), quote(&file))?;
        }
    }
    Ok(())
}

/// A value in the KPI's unit as shown: money in currency units, ratios in %, else as is.
fn shown(unit: Unit, v: Option<f64>) -> String {
    match (unit, v) {
        (_, None) => "–".into(),
        (Unit::Money, Some(v)) => format!("{:.2}", v / 100.0),
        (Unit::Ratio, Some(v)) => format!("{:.4} %", v * 100.0),
        (_, Some(v)) => format!("{}", (v * 1e6).round() / 1e6),
    }
}

fn table(
    d: &Drill,
    value: Option<f64>,
    loaded: &Loaded,
    de: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let unit = d.kpi.unit();
    let name = d.kpi.id();
    let (fig, sum, none) = if de {
        ("Kennzahl", "Summe der Beiträge", "kein additiver Beitrag (Median): die Zeilen dahinter")
    } else {
        ("figure", "sum of contributions", "no additive contribution (a median): its rows")
    };
    writeln!(out, "{name} {}: {fig} {}", d.period.key(), shown(unit, value))?;
    if d.additive {
        writeln!(out, "{sum} ({}): {}", d.items.len(), shown(unit, d.total))?;
    } else {
        writeln!(out, "{none} ({})", d.items.len())?;
    }
    for i in &d.items {
        let places: Vec<String> = i
            .rows
            .iter()
            .map(|row| match place(loaded, row) {
                (file, Some(line)) => format!("{file}:{line}"),
                (file, None) => file,
            })
            .collect();
        let key = if i.key.is_empty() { "–" } else { &i.key };
        writeln!(out, "{key}\t{}\t{}", shown(unit, i.contribution), places.join(" "))?;
    }
    Ok(())
}
