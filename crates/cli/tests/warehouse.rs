//! `kennzahl tables` and `kennzahl sql`: what a user moves into a warehouse, checked by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests

use std::path::PathBuf;
use std::process::Command;

fn kennzahl() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kennzahl"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kz-warehouse-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// A FastBill export (semicolons, decimal commas, Windows-1252, an inclusive "Enddatum") as the
// canonical table: 3 × 19,90 € = 5970 cents, 1.188,00 € a year = 118800 cents over 12 months,
// the last paid day 31.03.2025 becomes the paid end 2025-04-01.
#[test]
fn tables_write_a_german_export_as_canonical_csv_and_schemas() {
    let out = temp_dir("fastbill");
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ingest/tests/data/exports/fastbill_abos.csv");
    let run = kennzahl().arg("tables").arg(&file).arg("--out").arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let csv = std::fs::read_to_string(out.join("subscriptions.csv")).unwrap();
    assert_eq!(
        csv,
        "customer,start_date,trial_end,end_date,end_scheduled,amount_cents,interval_months,plan,state,currency\n\
         Alpha GmbH,2025-01-15,,,false,5970,1,Team-Lizenz,active,EUR\n\
         Beta KG,2025-02-01,,,false,118800,12,Jahreslizenz,active,EUR\n\
         Gamma AG,2025-01-01,,2025-04-01,false,4900,1,Team-Lizenz,ended,EUR\n\
         Delta UG,2025-04-14,,,false,3980,1,Team-Lizenz,active,EUR\n"
    );
    // Every kind gets a table, empty (its header only) where no file has it.
    assert_eq!(
        std::fs::read_to_string(out.join("leads.csv")).unwrap(),
        "id,created,first_contact\n"
    );
    let pg = std::fs::read_to_string(out.join("schema-postgres.sql")).unwrap();
    assert!(pg.contains("CREATE TABLE subscriptions (\n  customer VARCHAR NOT NULL,"), "{pg}");
    assert!(pg.contains("\\copy subscriptions FROM 'subscriptions.csv'"), "{pg}");
    assert!(pg.contains("CREATE TABLE tickets ("));
    let spark = std::fs::read_to_string(out.join("schema-spark.sql")).unwrap();
    assert!(spark.contains("customer STRING, --"), "{spark}");
    assert!(spark.contains("USING csv OPTIONS (path 'subscriptions.csv', header 'true');"));
    let duck = std::fs::read_to_string(out.join("schema-duckdb.sql")).unwrap();
    assert!(duck.contains("COPY subscriptions FROM 'subscriptions.csv' (HEADER);"), "{duck}");
}

// A hostile id that starts like a formula is written neutralised (and quoted where the CSV
// needs it), so the canonical file is safe to open in a spreadsheet too.
#[test]
fn tables_neutralise_formula_cells() {
    let dir = temp_dir("hostile");
    let file = dir.join("subs.csv");
    std::fs::write(
        &file,
        "customer,start,end,mrr\n=HYPERLINK(\"x\";\"y\"),2025-01-01,,10.00\nK2,2025-01-01,,20.00\n",
    )
    .unwrap();
    let out = dir.join("out");
    let run = kennzahl().arg("tables").arg(&file).arg("--out").arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let csv = std::fs::read_to_string(out.join("subscriptions.csv")).unwrap();
    let first = csv.lines().nth(1).unwrap();
    assert!(first.starts_with("\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\",2025-01-01,"), "{csv}");
}

#[test]
fn sql_reads_json_and_toml_mappings_and_rejects_bad_ones() {
    let dir = temp_dir("mapping");
    let json = dir.join("m.json");
    std::fs::write(&json, r#"{"tables": {"subscriptions": "billing.subs"}}"#).unwrap();
    let toml = dir.join("m.toml");
    std::fs::write(&toml, "[tables]\nsubscriptions = \"billing.subs\"\n[columns]\n\"subscriptions.customer\" = \"Kunde\"\n").unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"tabels": {}}"#).unwrap();
    for (file, ok) in [(&json, true), (&toml, true), (&bad, false)] {
        let run = kennzahl()
            .args(["sql", "--dialect", "postgres", "--kpi", "mrr", "--mapping"])
            .arg(file)
            .output()
            .unwrap();
        assert_eq!(run.status.success(), ok, "{}", String::from_utf8_lossy(&run.stderr));
    }
    let run = kennzahl().args(["sql", "--dialect", "oracle"]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    let run = kennzahl().args(["sql", "--dialect", "spark", "--kpi", "mrrr"]).output().unwrap();
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown KPI \"mrrr\""));
}
