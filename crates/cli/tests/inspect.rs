//! `kennzahl inspect` end to end: exit codes and JSON fields on the ingest fixtures.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use serde_json::Value;
use std::process::Command;

fn fixture(name: &str) -> String {
    format!("{}/../ingest/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary; returns exit code and stdout.
fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kennzahl")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

fn run_json(args: &[&str]) -> (i32, Value) {
    let (code, out) = run(args);
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")))
}

#[test]
fn clean_file_exits_0_with_typed_rows() {
    let (code, v) = run_json(&["inspect", &fixture("stripe_subscriptions.csv"), "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["status"], "imported");
    assert_eq!(v["kind"], "subscriptions");
    assert_eq!(v["sniff"]["encoding"], "utf8");
    assert_eq!(v["sniff"]["delimiter"], ",");
    assert_eq!(v["settings"]["mapping"]["customer"], 1);
    assert_eq!(v["rows"][1]["customer"], "cus_B");
    assert_eq!(v["rows"][1]["amount"], 6000);
    assert_eq!(v["rows"][1]["start"], "2024-02-01");
    assert_eq!(v["rows"][1]["end"], "2024-07-01");
    // The interval is its number of months.
    assert_eq!(v["rows"][1]["interval"], 1);
    assert_eq!(v["rows"][1]["state"], "ended");
    assert_eq!(v["accounting"]["rows"], 3);
    assert_eq!(v["accounting"]["used"], 3);
    assert_eq!(v["rejections"].as_array().map(Vec::len), Some(0));
}

#[test]
fn rejections_exit_1_and_are_listed() {
    let (code, v) = run_json(&["inspect", &fixture("ragged_rows.csv"), "--json"]);
    assert_eq!(code, 1);
    assert_eq!(v["status"], "imported_with_rejections");
    assert_eq!(v["accounting"]["rejected"], 2);
    assert_eq!(v["rejections"][0]["line"], 3);
    assert_eq!(v["rejections"][0]["expected"]["kind"], "fields");
    assert_eq!(
        v["rejections"][1]["message_en"],
        "Line 4: 2 fields instead of 3 – check delimiters and quotes in this row."
    );
}

#[test]
fn skipped_rows_are_counted_per_rule() {
    let (code, v) = run_json(&["inspect", &fixture("repeated_header.csv"), "--json"]);
    assert_eq!(code, 0);
    let skipped = &v["accounting"]["skipped_by_rule"];
    assert_eq!(
        (skipped["blank_line"].as_u64(), skipped["repeated_header"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(skipped["total_row"], 1);
    assert_eq!(v["accounting"]["skipped"], 3);
}

#[test]
fn unusable_files_exit_2_with_reason() {
    let (code, v) = run_json(&["inspect", &fixture("empty.csv"), "--json"]);
    assert_eq!(code, 2);
    assert_eq!(v["status"], "unusable");
    assert_eq!(v["error"]["error"], "zero_bytes");
    assert_eq!(v["error"]["message_en"], "The file is empty (0 bytes). Please export it again.");
    let (code, text) = run(&["inspect", &fixture("header_only.csv"), "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(text.contains("only a header row (Kunde, Beginn, Betrag)"), "{text}");
    let (code, _) = run(&["inspect", &fixture("does_not_exist.csv")]);
    assert_eq!(code, 2);
}

#[test]
fn kind_override_can_make_a_file_unusable() {
    // Read as tickets, the invoice file lacks the ticket id column.
    let (code, v) =
        run_json(&["inspect", &fixture("ambiguous_dates.csv"), "--kind", "tickets", "--json"]);
    assert_eq!(code, 2);
    assert_eq!(v["error"]["error"], "missing_column");
    assert_eq!(v["error"]["field"], "id");
}

#[test]
fn date_order_option_resolves_ambiguity() {
    let (code, v) = run_json(&["inspect", &fixture("ambiguous_dates.csv"), "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["sniff"]["columns"][1]["date"]["ambiguous"], true);
    assert_eq!(v["rows"][0]["date"], "2025-02-01");
    let (_, v) =
        run_json(&["inspect", &fixture("ambiguous_dates.csv"), "--date-order", "mdy", "--json"]);
    assert_eq!(v["rows"][0]["date"], "2025-01-02");
}

#[test]
fn text_mode_shows_detection_and_accounting() {
    let (code, text) = run(&["inspect", &fixture("semicolon_decimal_comma_cp1252.csv")]);
    assert_eq!(code, 0);
    assert!(text.contains("encoding: Windows-1252  delimiter: ';'"), "{text}");
    assert!(text.contains("decimal comma"), "{text}");
    assert!(text.contains("DD.MM.YYYY"), "{text}");
    assert!(text.contains("kind: subscriptions"), "{text}");
    assert!(text.contains("\"customer\":\"Müller GmbH\""), "{text}");
    assert!(text.contains("accounting: 3 rows = 3 used + 0 rejected + 0 skipped"), "{text}");
    let (code, text) = run(&["inspect", &fixture("tickets_de_cp1252.csv")]);
    assert_eq!(code, 1);
    assert!(
        text.contains("Zeile 5, Spalte Erstellt am: »31.02.2025 08:00« ist kein gültiges Datum")
    );
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(run(&[]).0, 2);
    assert_eq!(run(&["frobnicate"]).0, 2);
    assert_eq!(run(&["inspect"]).0, 2);
    assert_eq!(run(&["inspect", "x.csv", "--kind", "nonsense"]).0, 2);
    assert_eq!(run(&["help"]).0, 0);
}

/// Writes `bytes` to a file of its own in the temp dir and returns its path.
fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("kennzahl-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_file_of_unknown_kind_shows_its_table_before_the_reason() {
    // Bug: inspect stopped at "no known dataset kind" and never showed what it had read.
    let file = temp_file("unknown.csv", b"Titel\n\nfoo;bar\n1;\"a\nb\"\n2;x\n");
    let (code, v) = run_json(&["inspect", &file, "--json"]);
    assert_eq!(code, 2);
    assert_eq!(v["error"]["error"], "unknown_kind");
    assert_eq!(v["table"]["header_line"], 3);
    assert_eq!(v["table"]["headers"], serde_json::json!(["foo", "bar"]));
    assert_eq!(v["table"]["rows"][0]["line"], 4);
    assert_eq!(v["table"]["rows"][0]["cells"], serde_json::json!(["1", "a\nb"]));
    assert_eq!(v["table"]["rows"][1]["line"], 6);
    assert_eq!(v["table"]["rows"].as_array().map(Vec::len), Some(2));
    let (code, text) = run(&["inspect", &file, "--lang", "en"]);
    assert_eq!(code, 2);
    let table = text.find("table as read: 2 data rows\n").unwrap();
    let reason = text.find("unusable: The columns (foo, bar) match no known dataset kind").unwrap();
    assert!(table < reason, "{text}");
    assert!(text.contains("\n       4 | 1   | a\\nb\n       6 | 2   | x\n"), "{text}");
}

#[test]
fn a_missing_required_column_shows_the_table_first() {
    // Bug: read as tickets, the invoice file only said which column was missing.
    let (code, text) =
        run(&["inspect", &fixture("ambiguous_dates.csv"), "--kind", "tickets", "--lang", "en"]);
    assert_eq!(code, 2);
    let table = text.find("table as read: 3 data rows\n").unwrap();
    let reason = text.find("unusable: The required column “id” for tickets is missing").unwrap();
    assert!(table < reason, "{text}");
    assert!(text.contains("    line | customer | invoice date | amount\n"), "{text}");
    assert!(text.contains("       4 | C        | 05/06/2025   | 30.00\n"), "{text}");
}

#[test]
fn text_mode_escapes_control_characters_and_cuts_long_cells_json_keeps_them() {
    // Bug: a cell was written to the terminal as it was, so an escape sequence in an export
    // could clear the screen or recolour it, and a 2 MB cell filled it.
    let mut csv = String::from("customer,start,amount,plan\n");
    csv.push_str(&format!("K0,2025-01-01,10.00,{}\n", "p".repeat(2_000_000)));
    csv.push_str("K1,2025-01-01,10.00,\u{1b}[2Jrot\u{202e}x\n");
    for i in 2..25 {
        csv.push_str(&format!("K{i},2025-01-01,10.00,basic\n"));
    }
    let file = temp_file("long_and_escaped.csv", csv.as_bytes());
    let (code, text) = run(&["inspect", &file]);
    assert_eq!(code, 0);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "escape sequence printed");
    assert!(text.contains("table as read: 25 data rows, the first 20 below\n"), "{text}");
    assert!(text.contains(&format!("| {}…\n", "p".repeat(40))), "long cell not cut");
    assert!(text.contains("| \\u{1b}[2Jrot\\u{202e}x\n"), "{text}");
    assert!(text.contains("\n      21 | K19"), "{text}");
    assert!(!text.contains("\n      22 | K20"), "more than 20 rows shown");
    assert!(text.len() < 20_000, "{} bytes of text", text.len());
    let (_, v) = run_json(&["inspect", &file, "--json"]);
    let rows = v["table"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 25);
    assert_eq!(rows[0]["cells"][3].as_str().map(str::len), Some(2_000_000));
    assert_eq!(rows[1]["cells"][3], "\u{1b}[2Jrot\u{202e}x");
    assert_eq!(rows[24]["cells"][0], "K24");
    assert_eq!(v["accounting"]["used"], 25);
}
