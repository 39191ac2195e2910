//! The canonical CSV files: each imported dataset as the table [`crate::schema`] names.
//!
//! UTF-8, comma-separated, RFC 4180 quoting, a header of the canonical column names, ISO dates,
//! timestamps as `2025-07-01 09:30:00`, money in integer cents, `true`/`false`, an empty cell
//! for a missing value. Text cells pass through [`ingest::csv_safe::neutralise`] like every
//! CSV Kennzahl writes from user data, so an id that starts like a spreadsheet formula is
//! written with a leading apostrophe (and is still one distinct id in SQL).

use crate::schema::table;
use ingest::csv_safe::neutralise;
use records::{Dataset, DatasetKind, Date, DateTime, DealOutcome, LineKind, Money, SurveyKind};
use std::io::{self, Write};

/// One row's cells, in the canonical column order.
type Cells = Vec<String>;

fn text(s: &str) -> String {
    neutralise(s)
}

fn opt_text(s: Option<&str>) -> String {
    s.map(text).unwrap_or_default()
}

fn day(d: Date) -> String {
    d.to_string()
}

fn opt_day(d: Option<Date>) -> String {
    d.map(day).unwrap_or_default()
}

fn stamp(t: DateTime) -> String {
    let secs = t.unix().rem_euclid(86_400);
    format!("{} {:02}:{:02}:{:02}", t.date(), secs / 3600, secs / 60 % 60, secs % 60)
}

fn opt_stamp(t: Option<DateTime>) -> String {
    t.map(stamp).unwrap_or_default()
}

fn cents(m: Money) -> String {
    m.cents().to_string()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn line_kind(k: LineKind) -> &'static str {
    match k {
        LineKind::Recurring => "recurring",
        LineKind::OneTime => "one_time",
        LineKind::Refund => "refund",
    }
}

fn survey_kind(k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Nps => "nps",
        SurveyKind::Csat => "csat",
        SurveyKind::Ces => "ces",
    }
}

fn outcome(o: DealOutcome) -> &'static str {
    match o {
        DealOutcome::Won => "won",
        DealOutcome::Lost => "lost",
        DealOutcome::Open => "open",
    }
}

/// The state's serde id (`past_due`, `never_paid`, …).
fn state_id(s: records::SubState) -> String {
    match serde_json::to_value(s) {
        Ok(serde_json::Value::String(id)) => id,
        _ => "unknown".into(),
    }
}

/// The rows of one dataset as canonical cells.
fn rows(dataset: &Dataset) -> Vec<Cells> {
    match dataset {
        Dataset::Subscriptions(rows) => rows
            .iter()
            .map(|s| {
                vec![
                    text(s.customer()),
                    day(s.start()),
                    opt_day(s.trial_end()),
                    opt_day(s.end()),
                    s.end_scheduled().to_string(),
                    cents(s.amount()),
                    s.interval().months().to_string(),
                    opt_text(s.plan()),
                    state_id(s.state()),
                    opt(s.currency().as_ref().map(|c| c.code().to_string())),
                ]
            })
            .collect(),
        Dataset::Invoices(rows) => rows
            .iter()
            .map(|i| {
                vec![
                    text(&i.customer),
                    day(i.date),
                    cents(i.amount),
                    i.period_months.to_string(),
                    opt_day(i.service_start),
                    line_kind(i.line).into(),
                    opt(i.currency.as_ref().map(|c| c.code().to_string())),
                ]
            })
            .collect(),
        Dataset::Surveys(rows) => rows
            .iter()
            .map(|a| {
                vec![
                    day(a.date),
                    a.score.to_string(),
                    opt(a.kind.map(survey_kind)),
                    opt_text(a.customer.as_deref()),
                    opt_text(a.segment.as_deref()),
                    opt(a.scale.map(|s| s.id())),
                ]
            })
            .collect(),
        Dataset::Tickets(rows) => rows
            .iter()
            .map(|t| {
                vec![
                    text(&t.id),
                    stamp(t.created),
                    opt_stamp(t.first_response),
                    opt_stamp(t.resolved),
                    opt(t.contacts),
                    opt(t.first_contact_resolution),
                    opt_text(t.channel.as_deref()),
                    opt_text(t.urgency.as_deref()),
                    opt_text(t.ticket_type.as_deref()),
                    opt_text(t.customer.as_deref()),
                ]
            })
            .collect(),
        Dataset::Deals(rows) => rows
            .iter()
            .map(|d| {
                vec![
                    text(&d.id),
                    day(d.created),
                    opt_day(d.closed),
                    outcome(d.outcome).into(),
                    opt(d.value.map(Money::cents)),
                    opt_text(d.stage.as_deref()),
                    opt_text(d.source.as_deref()),
                    opt_text(d.lost_at_stage.as_deref()),
                ]
            })
            .collect(),
        Dataset::Leads(rows) => rows
            .iter()
            .map(|l| vec![opt_text(l.id.as_deref()), stamp(l.created), opt_stamp(l.first_contact)])
            .collect(),
        Dataset::Usage(rows) => rows
            .iter()
            .map(|u| {
                vec![
                    stamp(u.timestamp),
                    text(&u.user),
                    opt_text(u.account.as_deref()),
                    opt_text(u.event.as_deref()),
                    opt(u.session_seconds),
                ]
            })
            .collect(),
        Dataset::Costs(rows) => rows
            .iter()
            .map(|c| {
                vec![
                    day(c.month.first_day()),
                    cents(c.sales),
                    cents(c.marketing),
                    cents(c.customer_success),
                ]
            })
            .collect(),
        Dataset::Accounts(rows) => rows.iter().map(|a| vec![text(&a.customer)]).collect(),
    }
}

/// Writes every dataset of `kind` among `datasets` as one canonical CSV (header included);
/// returns the number of rows written.
pub fn write_csv(
    kind: DatasetKind,
    datasets: &[Dataset],
    out: &mut dyn Write,
) -> io::Result<usize> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    w.write_record(table(kind).columns.iter().map(|c| c.name))?;
    let mut n = 0;
    for dataset in datasets.iter().filter(|d| d.kind() == kind) {
        for row in rows(dataset) {
            w.write_record(&row)?;
            n += 1;
        }
    }
    w.flush()?;
    Ok(n)
}

/// `CREATE TABLE` statements of the canonical tables of `kinds`, for one dialect, each followed
/// by the statement that loads `<table>.csv` from the current folder (DuckDB `COPY`, psql
/// `\\copy`; Spark reads the file through the table's `USING csv`), so
/// `duckdb k.db < schema-duckdb.sql`, `psql -f schema-postgres.sql` and
/// `spark-sql -f schema-spark.sql` run in the folder `kennzahl tables` wrote.
pub fn schema_sql(kinds: &[DatasetKind], dialect: crate::Dialect) -> String {
    let mut sql = format!(
        "-- Kennzahl canonical tables ({}): one per dataset kind; dates ISO, money in cents.\n",
        dialect.id()
    );
    for kind in kinds {
        let t = table(*kind);
        sql.push_str(&format!("\nCREATE TABLE {} (\n", t.name));
        let cols: Vec<String> = t
            .columns
            .iter()
            .map(|c| {
                // Spark's CSV tables take no constraints.
                let null =
                    if c.nullable || dialect == crate::Dialect::Spark { "" } else { " NOT NULL" };
                format!("  {} {}{null} -- {}", c.name, c.ty.sql(dialect), c.doc)
            })
            .collect();
        // The comma goes before the comment, so a column's line ends in its comment.
        let n = cols.len();
        for (i, line) in cols.into_iter().enumerate() {
            let (decl, doc) = line.split_once(" -- ").unwrap_or((&line, ""));
            let comma = if i + 1 < n { "," } else { "" };
            sql.push_str(&format!("{decl}{comma} -- {doc}\n"));
        }
        if dialect == crate::Dialect::Spark {
            sql.push_str(&format!(
                ")\nUSING csv OPTIONS (path '{}.csv', header 'true');\n",
                t.name
            ));
        } else {
            sql.push_str(");\n");
        }
        match dialect {
            crate::Dialect::DuckDb => {
                sql.push_str(&format!("COPY {0} FROM '{0}.csv' (HEADER);\n", t.name));
            }
            crate::Dialect::Postgres => sql.push_str(&format!(
                "\\copy {0} FROM '{0}.csv' WITH (FORMAT csv, HEADER true)\n",
                t.name
            )),
            crate::Dialect::Spark => {}
        }
    }
    sql
}
