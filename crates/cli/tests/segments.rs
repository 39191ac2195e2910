//! `kennzahl report --by COLUMN [--where COLUMN=VALUE]` on a hand-computed German Excel
//! fixture (semicolons, decimal commas) with a plan switch: customer K1 moves from Team
//! (100,00) to Pro (250,00) on 1 March 2025.

// Test helpers outside #[test] functions may unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::process::Command;

const SUBS: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/segments_subscriptions.csv");
const TICKETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/segments_tickets.csv");

fn kennzahl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kennzahl")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn report(extra: &[&str]) -> Value {
    let mut args = vec!["report", SUBS, TICKETS, "--as-of", "2025-04-30", "--json"];
    args.extend(extra);
    let (code, json, err) = kennzahl(&args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&json).unwrap()
}

/// `kpi → value` of a list of tiles.
fn tile(tiles: &Value, kpi: &str) -> Option<f64> {
    tiles.as_array().unwrap().iter().find(|t| t["kpi"] == kpi).and_then(|t| t["value"].as_f64())
}

#[test]
fn by_plan_gives_each_plans_tiles_and_the_switch_moves_mrr_between_plans() {
    let r = report(&["--by", "plan", "--period", "2025-03"]);
    assert_eq!(r["split_by"]["name"], "Tarif");
    assert_eq!(r["segment_period"], "2025-03");
    let segs = r["segments"].as_array().unwrap();
    let values: Vec<&str> = segs.iter().map(|s| s["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["Team", "Pro", "Basic"]);
    let (team, pro, basic) = (&segs[0]["tiles"], &segs[1]["tiles"], &segs[2]["tiles"]);
    // March: Team K2 50 + K4 80; Pro K1 250 + K3 300; Basic K5 20,50 (cents).
    assert_eq!(tile(team, "mrr"), Some(13_000.0));
    assert_eq!(tile(pro, "mrr"), Some(55_000.0));
    assert_eq!(tile(basic, "mrr"), Some(2_050.0));
    // K1's switch: contraction 100 in Team, expansion 250 in Pro, no churn, no new MRR.
    assert_eq!(tile(team, "contraction_mrr"), Some(10_000.0));
    assert_eq!(tile(team, "churned_mrr"), Some(0.0));
    assert_eq!(tile(pro, "expansion_mrr"), Some(25_000.0));
    assert_eq!(tile(pro, "new_mrr"), Some(0.0));
    assert_eq!(tile(basic, "new_mrr"), Some(2_050.0));
    // NRR: Team (230 − 100) ÷ 230, Pro (300 + 250) ÷ 300; ARPU Team 130 ÷ 2.
    assert_eq!(tile(team, "ndr"), Some(130.0 / 230.0));
    assert_eq!(tile(pro, "ndr"), Some(550.0 / 300.0));
    assert_eq!(tile(team, "arpu"), Some(6_500.0));
    // Tickets take the plan of their customer: K2's two in Team, K1's and K3's in Pro.
    assert_eq!(tile(team, "ticket_volume"), Some(2.0));
    assert_eq!(tile(pro, "ticket_volume"), Some(2.0));
    // The segments' MRR adds up to the total's.
    let total = tile(&r["tiles"], "mrr").unwrap();
    assert_eq!(total, 70_050.0);
    let sum: f64 = segs.iter().map(|s| tile(&s["tiles"], "mrr").unwrap()).sum();
    assert_eq!(sum, total);
}

#[test]
fn where_keeps_only_those_rows_in_every_section() {
    // Land = DE: K1, K3, K4; in April K1 250 + K4 80 (K3 churned), and K1's and K3's tickets
    // in March.
    let r = report(&["--where", "Land=DE", "--period", "2025-04"]);
    assert_eq!(tile(&r["tiles"], "mrr"), Some(33_000.0));
    assert_eq!(tile(&r["tiles"], "churned_mrr"), Some(30_000.0));
    let march = report(&["--where", "land=de", "--period", "2025-03"]);
    assert_eq!(tile(&march["tiles"], "ticket_volume"), Some(2.0));
    // Both conditions: DE and Team.
    let both = report(&["--where", "Land=DE", "--where", "plan=Team", "--period", "2025-03"]);
    // K4 80 only: K1 left Team for Pro on 1 March (contraction 100 in Team).
    assert_eq!(tile(&both["tiles"], "mrr"), Some(8_000.0));
    assert_eq!(tile(&both["tiles"], "contraction_mrr"), Some(10_000.0));
}

#[test]
fn text_output_names_each_segment_and_the_tiles_default_to_the_as_of_month() {
    let (code, text, _) =
        kennzahl(&["report", SUBS, "--as-of", "2025-04-30", "--by", "Tarif", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(text.contains("Tarif = Pro: Tiles for 2025-04"), "{text}");
    let pro = text.split("Tarif = Pro").nth(1).unwrap();
    let mrr_line = pro.lines().find(|l| l.trim_start().starts_with("MRR")).unwrap();
    assert!(mrr_line.contains("250.00") && mrr_line.contains("550.00"), "{mrr_line}");
}

#[test]
fn an_unknown_column_lists_the_attributes_there_are() {
    let (code, _, err) = kennzahl(&["report", SUBS, TICKETS, "--by", "Branche", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("No column \"Branche\" in the files. Available attributes: Tarif, Land, Kanal, Priorität"),
        "{err}"
    );
    let (code, _, err) = kennzahl(&["report", SUBS, "--where", "plan", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("\"plan\" is no condition COLUMN=VALUE."), "{err}");
}

#[test]
fn the_demo_data_splits_by_plan_and_its_segments_add_up() {
    let (code, json, _) = kennzahl(&["report", "--sample", "--by", "plan", "--json"]);
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&json).unwrap();
    let segs = r["segments"].as_array().unwrap();
    assert!(segs.len() >= 2);
    let sum: f64 = segs.iter().filter_map(|s| tile(&s["tiles"], "mrr")).sum();
    let month = r["segment_period"].as_str().unwrap();
    let total =
        r["revenue"]["months"].as_array().unwrap().iter().find(|m| m["month"] == month).unwrap()
            ["mrr"]
            .as_f64()
            .unwrap();
    assert_eq!(sum, total);
}

const ACCOUNTS: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/segments_accounts.csv");

/// `kpi → value` of the segment labelled `label`.
fn segment<'a>(r: &'a Value, label: &str) -> &'a Value {
    let segs = r["segments"].as_array().unwrap();
    let found = segs.iter().find(|s| s["label"] == label);
    &found.unwrap_or_else(|| panic!("no segment {label}: {segs:?}"))["tiles"]
}

#[test]
fn an_accounts_file_splits_revenue_by_industry() {
    // The CRM export (Kunden-ID;Firma;Branche;Land;Betreuer) carries no money: K1 and K3 are
    // Handel, K2 and K4 Software, K6 (no subscription) Industrie; K5 is not in it.
    let mut args = vec!["report", SUBS, ACCOUNTS, "--as-of", "2025-04-30", "--json"];
    args.extend(["--by", "industry", "--period", "2025-03", "--lang", "en"]);
    let (code, json, err) = kennzahl(&args);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["split_by"]["key"], "industry");
    assert_eq!(r["split_by"]["name"], "Branche");
    // March: Handel K1 250 + K3 300, Software K2 50 + K4 80, (none) K5 20,50, Industrie 0.
    let (handel, software) = (segment(&r, "Handel"), segment(&r, "Software"));
    assert_eq!(tile(handel, "mrr"), Some(55_000.0));
    assert_eq!(tile(software, "mrr"), Some(13_000.0));
    assert_eq!(tile(segment(&r, "(none)"), "mrr"), Some(2_050.0));
    assert_eq!(tile(segment(&r, "Industrie"), "mrr"), Some(0.0));
    // K1's switch from Team 100 to Pro 250 stays inside Handel: expansion 150.
    assert_eq!(tile(handel, "expansion_mrr"), Some(15_000.0));
    assert_eq!(tile(handel, "contraction_mrr"), Some(0.0));
    assert_eq!(tile(software, "arpu"), Some(6_500.0));
    // April: K3 (Handel) ended on 1 April: churn 300 in Handel, none in Software.
    let mut april = vec!["report", SUBS, ACCOUNTS, "--as-of", "2025-04-30", "--json"];
    april.extend(["--by", "Branche", "--period", "2025-04"]);
    let (code, json, err) = kennzahl(&april);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(tile(segment(&r, "Handel"), "churned_mrr"), Some(30_000.0));
    assert_eq!(tile(segment(&r, "Handel"), "mrr"), Some(25_000.0));
    assert_eq!(tile(segment(&r, "Software"), "churned_mrr"), Some(0.0));
    // The accounts file changes no total: April MRR K1 250 + K2 50 + K4 80 + K5 20,50.
    assert_eq!(tile(&r["tiles"], "mrr"), Some(40_050.0));
}
