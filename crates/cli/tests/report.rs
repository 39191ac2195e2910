//! End-to-end: `kennzahl sample` writes the demo data set, `kennzahl report` reads it back.
//! The same data as English CSV, as German Excel CSV and in memory (`--sample`) must give
//! the same dashboard numbers.

// Test helpers outside #[test] functions may unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn kennzahl(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kennzahl")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn report_of_dir(dir: &Path) -> Value {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut args = vec!["report", "--json"];
    args.extend(files.iter().map(String::as_str));
    let (code, json) = kennzahl(&args);
    assert_eq!(code, 0, "report exit code");
    serde_json::from_str(&json).unwrap()
}

/// Everything but the list of input files, whose order follows the command line.
fn numbers(mut report: Value) -> Value {
    report.as_object_mut().unwrap().remove("datasets");
    report
}

#[test]
fn english_german_and_in_memory_demo_data_give_the_same_report() {
    let tmp = std::env::temp_dir().join(format!("kennzahl-report-{}", std::process::id()));
    let (en, de) = (tmp.join("en"), tmp.join("de"));
    assert_eq!(kennzahl(&["sample", "--out", en.to_str().unwrap()]).0, 0);
    assert_eq!(kennzahl(&["sample", "--out", de.to_str().unwrap(), "--format", "de"]).0, 0);
    let german_bytes = std::fs::read(de.join("subscriptions.csv")).unwrap();
    assert!(german_bytes.starts_with("Kunde;".as_bytes()), "German header");

    let from_en = numbers(report_of_dir(&en));
    let from_de = numbers(report_of_dir(&de));
    let (code, json) = kennzahl(&["report", "--sample", "--json"]);
    assert_eq!(code, 0);
    let in_memory = numbers(serde_json::from_str(&json).unwrap());

    // Regression: German ticket labels (dringend, Frage) once formed their own groups.
    assert_eq!(from_en["tickets"], from_de["tickets"]);
    assert_eq!(from_en, from_de);
    assert_eq!(from_en, in_memory);
    let latest = from_en["latest"].as_array().unwrap();
    assert!(latest.iter().any(|v| v["kpi_id"] == "mrr"));
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn report_exit_codes() {
    let tmp = std::env::temp_dir().join(format!("kennzahl-report-codes-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let empty = tmp.join("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(kennzahl(&["report", empty.to_str().unwrap()]).0, 2);
    let bad = tmp.join("bad.csv");
    std::fs::write(&bad, "Kunde;Beginn;Betrag\nA;01.01.2025;10,00\nB;01.13.2025;5,00\n").unwrap();
    let (code, text) = kennzahl(&["report", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "rejected row gives exit code 1");
    assert!(text.contains("subscriptions: 1"), "{text}");
    assert_eq!(kennzahl(&["report"]).0, 2);
    std::fs::remove_dir_all(&tmp).ok();
}

/// `--period` prints the dashboard's tiles. A range that is no calendar period is computed
/// from its own start and end: its NRR is the revenue section's roll-up for that range, and
/// its MRR is the level at the range's last month.
#[test]
fn period_prints_the_tiles_of_that_period() {
    let (code, json) = kennzahl(&["report", "--sample", "--json", "--period", "2025-02..2025-05"]);
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["period"], "2025-02..2025-05");
    let tiles = r["tiles"].as_array().unwrap();
    let tile = |id: &str| tiles.iter().find(|t| t["kpi"] == id).unwrap().clone();
    let ranges = r["revenue"]["ranges"].as_array().unwrap();
    let range = ranges.iter().find(|p| p["label"] == "2025-02..2025-05").unwrap();
    assert_eq!(tile("ndr")["value"], range["retention"]["nrr"]);
    assert_eq!(tile("ndr")["basis"]["how"], "start_to_end");
    let may = r["revenue"]["months"].as_array().unwrap().iter().find(|m| m["month"] == "2025-05");
    assert_eq!(tile("mrr")["value"].as_f64(), may.unwrap()["mrr"].as_f64());
    // The previous range and the trend's twelve ranges were computed too.
    let previous = ranges.iter().find(|p| p["label"] == "2024-10..2025-01").unwrap();
    assert_eq!(tile("ndr")["previous"], previous["retention"]["nrr"]);
    assert_eq!(tile("ndr")["trend"].as_array().unwrap().last().unwrap()["period"], r["period"]);

    let (code, text) = kennzahl(&["report", "--sample", "--period", "2025-Q3", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(text.contains("Tiles for 2025-Q3:"), "{text}");
    assert!(text.contains("Net revenue retention"), "{text}");
    let (code, _) = kennzahl(&["report", "--sample", "--period", "2025-Q5"]);
    assert_eq!(code, 2, "a wrong period is a usage error");
}

/// Writes `files` (name, text) into a fresh temporary directory and returns their paths.
fn write_files(tag: &str, files: &[(&str, &str)]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("kennzahl-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn report_says_how_many_customers_the_usage_matched_and_rekeys_on_request() {
    // The usage file names its accounts by company; the subscriptions by customer id. Read
    // as detected, 0 of 3 customers match; keyed by the `customer_ref` column, 2 of 3 do.
    let paths = write_files(
        "usage-match",
        &[
            ("subs.csv", "customer,start,amount\nC-1,2025-01-01,10.00\nC-2,2025-01-01,10.00\nC-3,2025-01-01,10.00\n"),
            (
                "usage.csv",
                "timestamp,user_id,account_id,customer_ref,event\n\
                 2025-03-10T09:00:00Z,u1,acme.com,C-1,login\n\
                 2025-03-11T09:00:00Z,u2,beta.io,C-2,login\n",
            ),
        ],
    );
    let files: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (code, text) = kennzahl(&[&["report", "--lang", "en"], &files[..]].concat());
    assert_eq!(code, 0);
    assert!(
        text.contains(
            "usage: 0 of 3 customers matched – their usage is unknown; choose another account \
             column (--usage-account COLUMN)"
        ),
        "{text}"
    );
    assert!(
        text.contains("health score without usage parts (usage unknown): 3 accounts"),
        "{text}"
    );
    let (code, text) =
        kennzahl(&[&["report", "--usage-account", "customer_ref"], &files[..]].concat());
    assert_eq!(code, 0);
    assert!(text.contains("Nutzung: 2 von 3 Kunden zugeordnet\n"), "{text}");
    let (_, json) =
        kennzahl(&[&["report", "--json", "--usage-account", "customer_ref"], &files[..]].concat());
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["usage_match"]["matched"], 2);
    assert_eq!(v["usage_match"]["customers"], 3);
    let (code, _) = kennzahl(&[&["report", "--usage-account", "nope"], &files[..]].concat());
    assert_eq!(code, 2);
}

#[test]
fn scale_option_rejects_answers_off_the_chosen_scale() {
    // A CSAT file with one stray 7: read as detected it is 1–7 (6–7 satisfied: 1 of 3);
    // with --scale 1-5 the 7 is rejected (exit 1) and 4, 5 are both satisfied.
    let paths = write_files(
        "scale",
        &[(
            "csat.csv",
            "date,kind,score\n2025-03-01,CSAT,4\n2025-03-02,CSAT,5\n2025-03-03,CSAT,7\n",
        )],
    );
    let (code, json) = kennzahl(&["report", "--json", &paths[0]]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["surveys"]["csat_scale"], "1-7");
    assert_eq!(v["surveys"]["csat_total"]["satisfied"], 1);
    let (code, json) = kennzahl(&["report", "--json", "--scale", "1-5", &paths[0]]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["surveys"]["csat_scale"], "1-5");
    assert_eq!(v["surveys"]["csat_total"]["satisfied"], 2);
    assert_eq!(v["surveys"]["csat_total"]["responses"], 2);
    let (code, text) = kennzahl(&["report", "--lang", "en", "--scale", "1-5", &paths[0]]);
    assert_eq!(code, 1);
    assert!(text.contains("CSAT scale: 1–5 (scales in the data: 1–5)"), "{text}");
    assert_eq!(kennzahl(&["report", "--scale", "2-6", &paths[0]]).0, 2);
}

// An export without a first-response or FCR column: the report names what it could not know
// (on stderr, beside the rejection notes), and the exit code stays 0.
#[test]
fn report_says_what_it_assumed_for_missing_columns() {
    let file =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../analytics/tests/data/exports/jsm_issues.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_kennzahl"))
        .args(["report", "--lang", "en", file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("No first-response column: the first response time is unknown."),
        "{stderr}"
    );
    assert!(stderr.contains("first contact resolution (FCR) is unknown"), "{stderr}");
}
