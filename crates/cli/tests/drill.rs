//! `kennzahl drill`: on the demo files `kennzahl sample` writes, the contributions of many
//! figures add up to the tile `report --period P --json` prints, and every listed line of a
//! file holds that row (the test reads the line and finds the customer, ticket or deal id
//! in it); the CSV sums to the figure too and is formula-safe.

// Test helpers outside #[test] functions may unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn kennzahl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kennzahl")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn sample_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kennzahl-drill-{name}-{}", std::process::id()));
    let (code, _, err) = kennzahl(&["sample", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    dir
}

fn files(dir: &Path) -> Vec<String> {
    ["subscriptions", "surveys", "tickets", "deals"]
        .iter()
        .map(|k| dir.join(format!("{k}.csv")).to_str().unwrap().to_string())
        .collect()
}

fn run_json(args: &[&str]) -> Value {
    let (code, json, err) = kennzahl(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&json).unwrap()
}

/// `kennzahl report FILES --period P --json`.
fn report_json(files: &[String], period: &str) -> Value {
    let mut args: Vec<&str> = vec!["report"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--period", period, "--json"]);
    run_json(&args)
}

/// The tile of `kpi` in `report` and `kennzahl drill` of the same KPI and period, which must
/// name the tile's value as its figure.
fn tile_and_drill(files: &[String], report: &Value, kpi: &str, period: &str) -> (f64, Value) {
    let tile = report["tiles"].as_array().unwrap().iter().find(|t| t["kpi"] == kpi);
    let value = tile.and_then(|t| t["value"].as_f64()).unwrap();
    let mut args: Vec<&str> = vec!["drill"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--kpi", kpi, "--period", period, "--json"]);
    let d = run_json(&args);
    assert_eq!(d["value"].as_f64(), Some(value), "{kpi} {period}");
    (value, d)
}

/// Every row a drill lists: its line in its file holds the item's key as a cell. Returns how
/// many lines were read back.
fn check_lines<K>(d: &Value, texts: &HashMap<K, String>) -> usize
where
    K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    let mut checked = 0;
    for i in d["items"].as_array().unwrap() {
        let key = i["key"].as_str().unwrap();
        for row in i["rows"].as_array().unwrap() {
            let file = row["file"].as_str().unwrap();
            let n = row["line"].as_u64().unwrap() as usize;
            let line = texts[file].lines().nth(n - 1).unwrap();
            assert!(line.split(',').any(|cell| cell == key), "{file}:{n} {line:?} {key}");
            checked += 1;
        }
    }
    checked
}

#[test]
fn contributions_add_up_to_the_reports_tiles_and_every_line_holds_its_row() {
    let dir = sample_dir("sum");
    let files = files(&dir);
    let mut texts = std::collections::HashMap::new();
    for f in &files {
        texts.insert(f.clone(), std::fs::read_to_string(f).unwrap());
    }
    let kpis = [
        "mrr",
        "arr",
        "customers",
        "new_mrr",
        "expansion_mrr",
        "contraction_mrr",
        "churned_mrr",
        "reactivation_mrr",
        "churn_rate",
        "ndr",
        "grr",
        "nps",
        "csat",
        "ticket_volume",
        "win_rate",
    ];
    let mut checked = 0;
    let mut lines_checked = 0;
    for period in ["2025-06", "2025-Q2", "2025", "2024-03..2024-08"] {
        let report = report_json(&files, period);
        for kpi in kpis {
            let (value, d) = tile_and_drill(&files, &report, kpi, period);
            let items = d["items"].as_array().unwrap();
            let sum: f64 = items.iter().map(|i| i["contribution"].as_f64().unwrap()).sum();
            assert!((sum - value).abs() <= 1e-9 * value.abs().max(1.0), "{kpi} {period}: {sum}");
            lines_checked += check_lines(&d, &texts);
            checked += 1;
        }
    }
    assert_eq!(checked, 60);
    assert!(lines_checked > 2_000, "{lines_checked}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_cohort_cell_lists_its_paying_customers_and_the_csv_sums_to_the_cell() {
    let dir = sample_dir("cohort");
    let subs = dir.join("subscriptions.csv");
    let subs = subs.to_str().unwrap();
    let report = run_json(&["report", subs, "--json"]);
    // The largest cohort, four months on.
    let cohorts = report["revenue"]["cohorts"].as_array().unwrap();
    let cohort = cohorts.iter().max_by_key(|c| c["customers"].as_u64().unwrap()).unwrap();
    let first = cohort["first_month"].as_str().unwrap();
    let cell = &cohort["cells"][4];
    let arg = format!("{first}+4");
    let (code, csv, err) = kennzahl(&["drill", subs, "--cohort", &arg, "--csv"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("key,contribution,file,line,value,figure"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let sum: f64 = rows.iter().filter_map(|r| r[1].parse::<f64>().ok()).sum();
    let customers = rows.iter().filter(|r| !r[1].is_empty()).count();
    assert_eq!(sum, cell["mrr"].as_f64().unwrap());
    assert_eq!(customers as u64, cell["active_customers"].as_u64().unwrap());
    assert!(customers > 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn csv_cells_that_start_like_a_formula_get_an_apostrophe() {
    let dir = std::env::temp_dir().join(format!("kennzahl-drill-formula-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("subs.csv");
    std::fs::write(
        &file,
        "customer,start,end,amount\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",2025-01-01,,10.00\nok,2025-01-01,,5.00\n",
    )
    .unwrap();
    let (code, csv, err) = kennzahl(&[
        "drill",
        file.to_str().unwrap(),
        "--kpi",
        "mrr",
        "--period",
        "2025-01",
        "--csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    // 10.00 first: the formula cell quoted (it holds commas and quotes) behind an apostrophe.
    assert!(
        lines[1].starts_with("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1000,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",2,,"), "{}", lines[1]);
    assert!(lines[2].starts_with("ok,500,") && lines[2].ends_with(",3,,"), "{}", lines[2]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Whether the drill JSON `d` reproduces `value` by its `combine` rule.
fn reproduces(d: &Value, value: f64) -> bool {
    let items = d["items"].as_array().unwrap();
    let sum: f64 = items.iter().filter_map(|i| i["contribution"].as_f64()).sum();
    match d["combine"].as_str().unwrap() {
        "sum" => (sum - value).abs() <= 1e-9 * value.abs().max(1.0),
        "per_unit" => (sum / d["denominator"].as_f64().unwrap()).round() == value,
        _ => {
            let marked: Vec<f64> = items
                .iter()
                .filter(|i| i["is_figure"] == true)
                .map(|i| i["value"].as_f64().unwrap())
                .collect();
            !marked.is_empty() && marked.iter().sum::<f64>() / marked.len() as f64 == value
        }
    }
}

#[test]
fn the_newer_kinds_reproduce_their_tiles_and_every_line_holds_its_row() {
    let dir = sample_dir("kinds");
    let files: Vec<String> = ["subscriptions", "surveys", "tickets", "deals", "usage", "costs"]
        .iter()
        .map(|k| dir.join(format!("{k}.csv")).to_str().unwrap().to_string())
        .collect();
    let texts: std::collections::HashMap<&str, String> =
        files.iter().map(|f| (f.as_str(), std::fs::read_to_string(f).unwrap())).collect();
    let kpis = [
        "arpu",
        "churn_rate_b",
        "revenue_churn",
        "ces",
        "fcr",
        "resolution_rate",
        "first_response_time",
        "first_response_time_p90",
        "win_loss_ratio",
        "win_loss_value_ratio",
        "dau_mau",
        "avg_session_duration",
        "sessions_per_day",
        "cac",
        "retention_cost",
        "health_score",
        "at_risk",
    ];
    let (mut checked, mut lines_checked) = (0, 0);
    for period in ["2025-06", "2025-Q2"] {
        let report = report_json(&files, period);
        for kpi in kpis {
            let (value, d) = tile_and_drill(&files, &report, kpi, period);
            assert!(reproduces(&d, value), "{kpi} {period}: {value} {}", d["total"]);
            lines_checked += check_lines(&d, &texts);
            checked += 1;
        }
    }
    assert_eq!(checked, 34);
    assert!(lines_checked > 5_000, "{lines_checked}");
    // An at-risk row: the parts of the account's score add up to it, and each usage line is
    // the account's.
    let mut args: Vec<&str> = vec!["report"];
    args.extend(files.iter().map(String::as_str));
    args.push("--json");
    let report = run_json(&args);
    let risk = &report["health"]["at_risk"][0];
    let account = risk["account"].as_str().unwrap();
    let mut args: Vec<&str> = vec!["drill"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--account", account, "--json"]);
    let d = run_json(&args);
    let sum: f64 =
        d["items"].as_array().unwrap().iter().map(|i| i["contribution"].as_f64().unwrap()).sum();
    assert!((sum - risk["score"].as_f64().unwrap()).abs() < 1e-9, "{sum} {risk}");
    assert_eq!(d["value"], risk["score"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_where_the_rows_behind_the_filtered_tile() {
    let dir = sample_dir("where");
    let files: Vec<String> = ["subscriptions", "tickets"]
        .iter()
        .map(|k| dir.join(format!("{k}.csv")).to_str().unwrap().to_string())
        .collect();
    let subs = std::fs::read_to_string(&files[0]).unwrap();
    let mut checked = 0;
    for kpi in ["mrr", "arpu", "expansion_mrr", "contraction_mrr", "ndr", "ticket_volume"] {
        let base = |cmd: &'static str| {
            let mut args: Vec<&str> = vec![cmd];
            args.extend(files.iter().map(String::as_str));
            args.extend(["--period", "2025-Q2", "--where", "plan=Basic", "--json"]);
            args
        };
        let report = run_json(&base("report"));
        let tile = report["tiles"].as_array().unwrap().iter().find(|t| t["kpi"] == kpi).unwrap();
        let value = tile["value"].as_f64().unwrap();
        let mut args = base("drill");
        args.extend(["--kpi", kpi]);
        let d = run_json(&args);
        assert_eq!(d["value"].as_f64(), Some(value), "{kpi}");
        assert!(reproduces(&d, value), "{kpi}: {value} {}", d["total"]);
        // Every subscription row listed is a Basic row.
        for i in d["items"].as_array().unwrap() {
            for row in i["rows"].as_array().unwrap() {
                if row["file"].as_str() == Some(files[0].as_str()) {
                    let n = row["line"].as_u64().unwrap() as usize;
                    let line = subs.lines().nth(n - 1).unwrap();
                    assert_eq!(line.split(',').nth(5), Some("Basic"), "{kpi} {line}");
                }
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 6);
    let _ = std::fs::remove_dir_all(&dir);
}
