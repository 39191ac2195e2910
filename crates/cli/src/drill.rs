//! `kennzahl drill FILE... --kpi ID [--period P] [--cohort YYYY-MM+K] [--account ID]
//! [--where COLUMN=VALUE] [--as-of DAY] [--csv] [--json]`: the rows behind one figure
//! ([`analytics::drill`]) — each customer (ticket, deal, answer, user, cost row) with its
//! contribution, and the file and line of each of its rows; `--account` lists the parts of
//! one account's health score (an at-risk row), `--where` the rows behind the filtered
//! figure. The contributions reproduce the figure `report --period P [--where …]` prints (their
//! sum, their sum ÷ the denominator, or the marked value of a median; see
//! [`analytics::Combine`]). `--csv` writes one line per row (the contribution on an item's
//! first row only, so the column sums to the figure's numerator), formula-safe
//! ([`ingest::csv_safe::neutralise`]).

use crate::report::{load_files, report_options, Args as ReportArgs, Loaded};
use analytics::drill::{drill_where, Combine, Drill, Target};
use analytics::figure::default_month;
use analytics::segment;
use analytics::{figure, Kpi, Period, Unit};
use ingest::csv_safe::neutralise;
use ingest::Lang;
use records::Month;
use std::io::Write;

/// Arguments of `drill`.
#[derive(Debug, PartialEq)]
pub struct Args {
    /// The KPI (`mrr`, `churned_mrr`, `nps`, …); `mrr` with `--cohort`.
    pub kpi: Kpi,
    /// A cohort cell instead of a KPI: the cohort's first month and months since.
    pub cohort: Option<(Month, u32)>,
    /// One account's health score instead of a KPI (an at-risk row).
    pub account: Option<String>,
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

/// Runs `drill`; returns the exit code (0, 1 with rejections, 2 unusable file or no data).
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    let r = &args.report;
    let (loaded, code) = match load_files(r) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut options = report_options(r);
    let de = r.lang == Lang::De;
    let (data, attrs) = (&loaded.datasets, &loaded.attributes);
    let refused = |e: segment::SegmentError| {
        let _ = writeln!(std::io::stderr(), "kennzahl: {}", e.message(de));
        2
    };
    // The figure is the filtered report's, as `report --where` prints it.
    let rep = match segment::filtered(data, attrs, &options, &r.filter) {
        Ok(rep) => rep,
        Err(e) => return refused(e),
    };
    let period = r.period.or_else(|| default_month(&rep).map(Period::Month));
    let (target, value) = match (&args.account, args.cohort, period) {
        (Some(account), _, _) => {
            let h = rep.health.as_ref();
            let a = h.and_then(|h| h.accounts.iter().find(|a| &a.account == account));
            (Some(Target::Account(account.clone())), a.and_then(|a| a.score))
        }
        (None, Some((first, since)), _) => {
            let cell = rep.revenue.as_ref().and_then(|rev| {
                let c = rev.cohorts.iter().find(|c| c.first_month == first)?;
                c.cells.get(since as usize).map(|cell| cell.mrr.cents() as f64)
            });
            (Some(Target::Cohort(first, since)), cell)
        }
        (None, None, Some(p)) => {
            options.period = Some(p);
            let value = figure(&rep, args.kpi, p).and_then(|f| f.value);
            (Some(Target::Kpi(args.kpi, p)), value)
        }
        (None, None, None) => (None, None),
    };
    let found = match target.map(|t| drill_where(data, attrs, &options, &r.filter, &t)) {
        Some(Ok(found)) => found,
        Some(Err(e)) => return refused(e),
        None => None,
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
    value: Option<f64>,
    is_figure: bool,
    rows: Vec<JsonRow>,
}

#[derive(serde::Serialize)]
struct JsonDrill<'a> {
    kpi: Kpi,
    period: Period,
    /// The figure `report` prints.
    value: Option<f64>,
    additive: bool,
    combine: Combine,
    total: Option<f64>,
    denominator: Option<f64>,
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
            value: i.value,
            is_figure: i.is_figure,
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
        combine: d.combine,
        total: d.total,
        denominator: d.denominator,
        items,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// `key,contribution,file,line,value,figure`: one line per row; the contribution, the item's
/// value and `1` for the item a median is read from on an item's first row.
fn csv(d: &Drill, loaded: &Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "key,contribution,file,line,value,figure")?;
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
            let (value, mark) = match i.value {
                Some(v) if n == 0 => (v.to_string(), if i.is_figure { "1" } else { "" }),
                _ => (String::new(), ""),
            };
            writeln!(out, "{},{c},{},{line},{value},{mark}", quote(&i.key), quote(&file))?;
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
    let (fig, sum, none, per) = if de {
        (
            "Kennzahl",
            "Summe der Beiträge",
            "kein additiver Beitrag (Median, Perzentil): markiert (*) ist der Wert der Kennzahl",
            "geteilt durch",
        )
    } else {
        (
            "figure",
            "sum of contributions",
            "no additive contribution (a median, a percentile): the figure's item is marked (*)",
            "divided by",
        )
    };
    writeln!(out, "{name} {}: {fig} {}", d.period.key(), shown(unit, value))?;
    match d.combine {
        Combine::Sum => writeln!(out, "{sum} ({}): {}", d.items.len(), shown(unit, d.total))?,
        Combine::PerUnit => {
            let s: f64 = d.items.iter().filter_map(|i| i.contribution).sum();
            let n = d.denominator.unwrap_or(0.0);
            let total = shown(unit, d.total);
            writeln!(
                out,
                "{sum} ({}): {} {per} {n} = {total}",
                d.items.len(),
                shown(unit, Some(s))
            )?
        }
        Combine::Rank => writeln!(out, "{none} ({})", d.items.len())?,
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
        let mark = if i.is_figure { " *" } else { "" };
        let value =
            i.value.map(|v| format!("{}{mark}", (v * 1e6).round() / 1e6)).unwrap_or_default();
        let part = shown(unit, i.contribution);
        writeln!(out, "{key}\t{part}\t{value}\t{}", places.join(" "))?;
    }
    Ok(())
}
