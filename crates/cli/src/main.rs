//! `kennzahl`: command-line front end of the Kennzahl engine crates.
//!
//! Reading path: [`main`] parses the subcommand and dispatches in one `match`; each
//! subcommand lives in its own module with a `run(args) -> ExitCode`-style function
//! (`inspect` today; a `report` subcommand is added by a new `Command` variant, a parser
//! arm and a module). Argument parsing is hand-written to keep the binary dependency-free.

mod drill;
mod inspect;
mod report;
mod sample;
mod sql;
mod tables;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
usage: kennzahl <command> [options]

commands:
  inspect FILE [--kind KIND] [--json] [--lang de|en] [--date-order dmy|mdy] [--scale S]
      show how a CSV export is read: encoding, delimiter, decimal and date formats,
      dataset kind, column mapping, typed rows, row accounting and every rejection.
      KIND: subscriptions, invoices, surveys, tickets, deals, leads, usage, costs
      S: the CSAT/CES scale of a survey file, 1-5, 1-7, 1-10 or 0-10 (default: from the
      score column's header, else the smallest scale holding the file's answers)
  report FILE... [--sample] [--period P] [--as-of DAY] [--currency CODE] [--rate CODE=RATE]
         [--json] [--lang de|en] [--scale S] [--usage-account COLUMN]
         [--by COLUMN] [--where COLUMN=VALUE]...
      the dashboard's numbers per month (MRR, movements, churn, NRR, GRR, …) and the
      latest value of every KPI, from the same ingestion and analytics as the app;
      --period 2025-07 | 2025-Q3 | 2025 | 2025-01..2025-06 prints the dashboard's tiles for
      that period (value, previous period, basis; in JSON: `tiles`);
      --as-of 2025-10-15 ends the analysis on that day (default: the latest event in the
      data; a scheduled date such as a period end never counts); --currency EUR analyses
      that currency (default: the one with the most rows); --rate USD=0.92 converts rows in
      USD into it (without a rate they are left out and counted);
      --sample adds the app's demo data set (the button 'try with sample data');
      --scale as for inspect, for every survey file;
      --usage-account reads the accounts of usage files from the column with that header
      (e.g. the company name when the account ids match no subscription customer);
      --by plan splits every figure by a segment attribute (a text column of the files, or
      plan, segment, channel, urgency, ticket_type, source, stage) and prints each
      segment's tiles for --period (default: the as-of month; JSON: `segments`);
      --where plan=Team keeps only those rows in every section (repeatable: all must hold);
      a customer's attributes apply to its rows in other files; a plan switch is
      contraction in the old plan and expansion in the new
  tables FILE... [--sample] --out DIR
      writes the imported files as canonical tables for a warehouse (one UTF-8 CSV per
      dataset kind: ISO dates, money in cents) and schema-duckdb.sql, schema-postgres.sql,
      schema-spark.sql (CREATE TABLE and the load statement for each)
  sql --dialect duckdb|postgres|spark [--kpi ID]... [--period P] [--as-of DAY]
      [--currency CODE] [--mapping FILE] [--json]
      every dashboard KPI (or the ones named) as SQL over the canonical tables, or over
      your own tables named in a mapping file (JSON or TOML, e.g. [tables] subscriptions =
      'billing.subs' and [columns] 'subscriptions.customer' = 'acct');
      each query returns rows (kpi, value) for the period; --as-of as for report (without
      it the query takes the latest day in the tables it reads)
  drill FILE... --kpi ID [--period P] [--as-of DAY] [--csv] [--json] [--lang de|en]
        [--cohort FIRST-MONTH+MONTHS] [--currency CODE] [--rate CODE=RATE] [--sample]
        [--account ID] [--where COLUMN=VALUE]
      the rows behind one figure: each customer (ticket, deal, answer, user, cost row)
      with its contribution and the file and line of its rows; the contributions
      reproduce the figure report --period P [--where ...] prints (their sum; for ARPU,
      CAC and retention cost their sum / the denominator; a median or p90 marks its
      item); ID: every KPI id but non_recurring_revenue, trials_started, free_to_paid,
      sales_velocity; --period as for report (default: the last complete month);
      --cohort 2025-01+3: the customers of the January 2025 cohort still paying three
      months later, with their MRR; --account ID: the parts of that account's health
      score (an at-risk row) with their rows; --where COLUMN=VALUE: the rows behind the
      filtered figure; --csv: key,contribution,file,line,value,figure (one line per
      row, formula-safe)
  sample --out DIR [--format en|de] [--kind KIND --bytes N]
      writes the demo data set as one CSV per kind (German Excel format with --format de),
      or one file of about N bytes for benchmarks

exit codes: 0 imported, 1 imported with rejections, 2 unusable file or bad arguments
";

/// The value after an option such as `--kind`, as UTF-8 text.
fn option_value<'a>(
    it: &mut impl Iterator<Item = &'a OsString>,
    name: &str,
) -> Result<String, String> {
    it.next()
        .and_then(|v| v.to_str())
        .map(str::to_string)
        .ok_or_else(|| format!("{name} needs a value"))
}

/// A survey scale given as `1-5`, `1-7`, `1-10` or `0-10`.
fn scale_value(text: &str) -> Result<records::SurveyScale, String> {
    ingest::parse_survey_scale(text)
        .ok_or_else(|| format!("--scale needs 1-5, 1-7, 1-10 or 0-10, not {text:?}"))
}

/// A parsed command line.
#[derive(Debug, PartialEq)]
enum Command {
    /// `kennzahl inspect …`
    Inspect(inspect::Args),
    /// `kennzahl report …`
    Report(report::Args),
    /// `kennzahl drill …`
    Drill(drill::Args),
    /// `kennzahl sample …`
    Sample(sample::Args),
    /// `kennzahl tables …`
    Tables(tables::Args),
    /// `kennzahl sql …`
    Sql(sql::Args),
    /// `kennzahl help`, `-h`, `--help`
    Help,
}

fn parse(args: &[OsString]) -> Result<Command, String> {
    let Some(first) = args.first() else {
        return Err("missing command".into());
    };
    match first.to_str() {
        Some("inspect") => inspect::Args::parse(&args[1..]).map(Command::Inspect),
        Some("report") => report::Args::parse(&args[1..]).map(Command::Report),
        Some("drill") => drill::Args::parse(&args[1..]).map(Command::Drill),
        Some("sample") => sample::Args::parse(&args[1..]).map(Command::Sample),
        Some("tables") => tables::Args::parse(&args[1..]).map(Command::Tables),
        Some("sql") => sql::Args::parse(&args[1..]).map(Command::Sql),
        Some("help" | "-h" | "--help") => Ok(Command::Help),
        _ => Err(format!("unknown command {:?}", first.to_string_lossy())),
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match parse(&args) {
        Ok(Command::Inspect(a)) => inspect::run(&a, &mut out),
        Ok(Command::Report(a)) => report::run(&a, &mut out),
        Ok(Command::Drill(a)) => drill::run(&a, &mut out),
        Ok(Command::Sample(a)) => sample::run(&a, &mut out),
        Ok(Command::Tables(a)) => tables::run(&a, &mut out),
        Ok(Command::Sql(a)) => sql::run(&a, &mut out),
        Ok(Command::Help) => {
            let _ = write!(out, "{USAGE}");
            0
        }
        Err(msg) => {
            // Not `eprint!`: it panics when stderr is closed.
            let _ = write!(std::io::stderr(), "kennzahl: {msg}\n\n{USAGE}");
            2
        }
    };
    let _ = out.flush();
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_subcommands() {
        assert_eq!(parse(&args(&["help"])), Ok(Command::Help));
        assert!(parse(&args(&[])).is_err());
        assert!(parse(&args(&["frobnicate"])).is_err());
        let Ok(Command::Inspect(a)) =
            parse(&args(&["inspect", "x.csv", "--kind", "deals", "--json"]))
        else {
            panic!("inspect not parsed");
        };
        assert_eq!(a.file, std::path::PathBuf::from("x.csv"));
        assert_eq!(a.kind, Some(records::DatasetKind::Deals));
        assert!(a.json);
        assert!(parse(&args(&["inspect", "x.csv", "--kind", "nonsense"])).is_err());
        assert!(parse(&args(&["inspect"])).is_err());
        assert!(parse(&args(&["inspect", "a", "b"])).is_err());
    }
}
