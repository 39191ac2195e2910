//! The revenue SQL as text, per dialect (insta snapshots), and what a mapping file changes.
//!
//! The figures themselves are checked on the real engines: `tools/sql_props.py` (DuckDB on
//! generated data) and the SQL harness (DuckDB, PostgreSQL, Spark on the fixtures).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::{Kpi, Period};
use records::{Date, Month};
use warehouse::sql::revenue::{core_sql, CORE};
use warehouse::{kpi_sql, Ctx, Dialect, Mapping};

fn month(y: i32, m: u32) -> Month {
    Month::from_ym(y, m).unwrap()
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn ctx<'a>(dialect: Dialect, period: Period, as_of: Option<Date>, mapping: &'a Mapping) -> Ctx<'a> {
    Ctx { dialect, period, as_of, currency: None, mapping }
}

/// The MRR core query (every level, movement, churn and retention KPI) for a quarter with a
/// chosen as-of date that cuts its last month short.
#[test]
fn core_query_per_dialect() {
    let mapping = Mapping::default();
    for dialect in Dialect::ALL {
        let c = ctx(dialect, Period::Quarter(month(2025, 7)), Some(day("2025-09-15")), &mapping);
        let sql = kpi_sql(Kpi::Ndr, &c).unwrap();
        insta::assert_snapshot!(format!("core_2025_q3_{}", dialect.id()), sql);
    }
}

/// Trials with the as-of date derived from the tables (no date chosen).
#[test]
fn free_to_paid_per_dialect() {
    let mapping = Mapping::default();
    for dialect in Dialect::ALL {
        let c = ctx(dialect, Period::Month(month(2025, 6)), None, &mapping);
        let sql = kpi_sql(Kpi::FreeToPaid, &c).unwrap();
        insta::assert_snapshot!(format!("free_to_paid_2025_06_{}", dialect.id()), sql);
    }
}

/// Non-recurring revenue of a year in a chosen currency.
#[test]
fn non_recurring_revenue_per_dialect() {
    let mapping = Mapping::default();
    for dialect in Dialect::ALL {
        let mut c = ctx(dialect, Period::Year(2025), Some(day("2025-12-31")), &mapping);
        c.currency = Some("EUR");
        let sql = kpi_sql(Kpi::NonRecurringRevenue, &c).unwrap();
        insta::assert_snapshot!(format!("non_recurring_revenue_2025_{}", dialect.id()), sql);
    }
}

/// CAC over a range of months (its months are a generated series, the one part where the
/// dialects differ most).
#[test]
fn cac_per_dialect() {
    let mapping = Mapping::default();
    for dialect in Dialect::ALL {
        let period = Period::Range(month(2025, 2), month(2025, 5));
        let c = ctx(dialect, period, Some(day("2025-06-30")), &mapping);
        let sql = kpi_sql(Kpi::Cac, &c).unwrap();
        insta::assert_snapshot!(format!("cac_2025_02_05_{}", dialect.id()), sql);
    }
}

/// Every core KPI gets the same query text (a runner caching by text runs it once), whose
/// header names and defines each of them; the other revenue KPIs have queries of their own.
#[test]
fn core_kpis_share_one_query() {
    let mapping = Mapping::default();
    let c = ctx(Dialect::DuckDb, Period::Month(month(2025, 3)), Some(day("2025-04-02")), &mapping);
    let core = core_sql(&c);
    let first = core.lines().next().unwrap();
    assert!(first.starts_with("-- KPIs mrr, arr, customers, arpu, new_mrr,"), "{first}");
    for kpi in CORE {
        assert_eq!(kpi_sql(kpi, &c).unwrap(), core, "{}", kpi.id());
        assert!(core.contains(&format!("\n-- {} (", kpi.id())), "{}", kpi.id());
        assert!(core.contains(&format!("WHEN '{}' THEN", kpi.id())), "{}", kpi.id());
    }
    for kpi in [Kpi::TrialsStarted, Kpi::NonRecurringRevenue, Kpi::Cac, Kpi::RetentionCost] {
        let sql = kpi_sql(kpi, &c).unwrap();
        assert!(sql.starts_with(&format!("-- KPI {} (", kpi.id())), "{sql}");
        assert!(!CORE.iter().any(|k| sql.contains(&format!("'{}'", k.id()))), "{sql}");
    }
}

/// A mapping file's table and column names replace the canonical ones everywhere, quoted
/// where they need to be.
#[test]
fn mapping_names_every_table_and_column() {
    let mut mapping = Mapping::default();
    mapping.tables.insert("subscriptions".into(), "billing.subs".into());
    mapping.tables.insert("invoices".into(), "billing.invoice_lines".into());
    mapping.columns.insert("subscriptions.customer".into(), "account_id".into());
    mapping.columns.insert("subscriptions.amount_cents".into(), "MRR Cents".into());
    mapping.columns.insert("invoices.invoice_date".into(), "issued_on".into());
    for dialect in Dialect::ALL {
        let c = ctx(dialect, Period::Month(month(2025, 3)), None, &mapping);
        let sql = kpi_sql(Kpi::Mrr, &c).unwrap();
        assert!(sql.contains("FROM billing.subs AS s"), "{sql}");
        assert!(sql.contains("FROM billing.invoice_lines AS i"), "{sql}");
        assert!(sql.contains("s.account_id AS customer"), "{sql}");
        assert!(!sql.contains("s.customer"), "{sql}");
        assert!(!sql.contains("i.invoice_date"), "{sql}");
        assert!(sql.contains("i.issued_on"), "{sql}");
        let quoted = if dialect == Dialect::Spark { "s.`MRR Cents`" } else { "s.\"MRR Cents\"" };
        assert!(sql.contains(quoted), "{sql}");
        let code: Vec<&str> = sql.lines().filter(|l| !l.trim_start().starts_with("--")).collect();
        assert!(code.iter().all(|l| !l.contains(" subscriptions ")), "{sql}");
        assert!(code.iter().all(|l| !l.contains(" invoices ")), "{sql}");
    }
}

/// Integer division is written per dialect (DuckDB's `/` would divide as doubles).
#[test]
fn integer_division_per_dialect() {
    let mapping = Mapping::default();
    let expect =
        [(Dialect::DuckDb, " // "), (Dialect::Postgres, ") / ("), (Dialect::Spark, " div ")];
    for (dialect, op) in expect {
        let c = ctx(dialect, Period::Month(month(2025, 3)), Some(day("2025-03-31")), &mapping);
        let sql = kpi_sql(Kpi::Arpu, &c).unwrap();
        assert!(sql.contains(op), "{}: {sql}", dialect.id());
        for (other, op) in expect {
            if other != dialect && op != ") / (" {
                assert!(!sql.contains(op), "{} uses {op}", dialect.id());
            }
        }
    }
}
