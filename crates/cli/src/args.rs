//! The command line as `clap` sees it: one derive struct per subcommand, turned into the
//! subcommand's own `Args` (`report::Args`, `drill::Args`, …) by `into_args`. Help, usage
//! errors (exit code 2), `--version` and shell completions come from here; the subcommands
//! never see `clap`. A value is checked by its own parser (`period`, `day`, `rate`, …), so a
//! bad value is a usage error that names the option.
//!
//! To add an option to `report` or `drill`: a field here (with its help line), the field in
//! the subcommand's `Args`, and one line in `into_args`.

use analytics::billing::{CurrencyOptions, Rate};
use analytics::segment::Condition;
use analytics::{Kpi, Period};
use clap::{Parser, Subcommand, ValueEnum};
use ingest::Lang;
use records::{Currency, DatasetKind, Date, Month, SurveyScale};
use std::path::PathBuf;
use warehouse::Dialect;

/// Exit codes, shown below every help text.
const EXIT_CODES: &str = "\
Exit codes / Rückgabewerte: 0 imported / importiert, 1 imported with rejections / mit \
abgelehnten Zeilen importiert, 2 unusable file or bad arguments / Datei unbrauchbar oder \
Argumente falsch.";

/// kennzahl: customer-success KPIs from CSV exports (Kennzahlen aus CSV-Exporten).
#[derive(Debug, Parser)]
// An option given twice takes the last value, as the hand-written parser did.
#[command(name = "kennzahl", version, propagate_version = true, after_help = EXIT_CODES)]
#[command(args_override_self = true)]
#[command(about = "Customer-success KPIs from CSV exports, the engine of the Kennzahl app \
                   (Kennzahlen aus CSV-Exporten, dieselbe Rechnung wie die App)")]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Cmd,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Show how a CSV export is read: encoding, delimiter, decimal and date formats, dataset
    /// kind, column mapping, the table as read, typed rows, row accounting and every rejection
    #[command(after_help = EXIT_CODES, args_override_self = true)]
    Inspect(InspectCli),
    /// The dashboard's numbers per month (MRR, movements, churn, NRR, GRR, …) and the latest
    /// value of every KPI, from the same ingestion and analytics as the app
    #[command(after_help = EXIT_CODES, args_override_self = true)]
    Report(ReportCli),
    /// The rows behind one figure: each customer (ticket, deal, answer) with its contribution
    /// and the file and line of its rows; the contributions add up to `report --period P`
    #[command(after_help = EXIT_CODES, args_override_self = true)]
    Drill(DrillCli),
    /// Write the imported files as canonical tables for a warehouse (one UTF-8 CSV per
    /// dataset kind: ISO dates, money in cents) and schema-duckdb.sql, schema-postgres.sql,
    /// schema-spark.sql
    #[command(after_help = EXIT_CODES, args_override_self = true)]
    Tables(TablesCli),
    /// Every dashboard KPI (or the ones named) as SQL over the canonical tables, or over your
    /// own tables named in a mapping file; each query returns rows (kpi, value)
    #[command(args_override_self = true)]
    Sql(SqlCli),
    /// Write the demo data set as one CSV per kind, or one file of about N bytes for
    /// benchmarks
    #[command(args_override_self = true)]
    Sample(SampleCli),
    /// Print a shell completion script: `kennzahl completions bash > ~/.local/share/bash-completion/completions/kennzahl`
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// German
    De,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }
}

/// Day/month order for date columns whose values fit both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    /// day, month, year
    Dmy,
    /// month, day, year
    Mdy,
}

/// Format of `sample`'s files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// English: `,`, decimal point, ISO dates, UTF-8
    En,
    /// German Excel: `;`, decimal comma, Windows-1252
    De,
}

/// `inspect`'s options.
#[derive(Debug, clap::Args)]
pub struct InspectCli {
    /// The CSV export to read
    pub file: PathBuf,
    /// Read the file as this kind instead of guessing: subscriptions, invoices, surveys,
    /// tickets, deals, leads, usage, costs
    #[arg(long, value_name = "KIND", value_parser = kind)]
    pub kind: Option<DatasetKind>,
    /// Print the JSON report instead of text
    #[arg(long)]
    pub json: bool,
    /// Language of messages in text mode (JSON always carries both)
    #[arg(long, value_enum, default_value = "de")]
    pub lang: LangArg,
    /// Order for date columns whose values fit both (01/02/2025)
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// The CSAT/CES scale of a survey file, 1-5, 1-7, 1-10 or 0-10 (default: from the score
    /// column's header, else the smallest scale holding the file's answers)
    #[arg(long, value_name = "S", value_parser = scale)]
    pub scale: Option<SurveyScale>,
}

/// How files are read: shared by `report`, `drill` and `tables`.
#[derive(Debug, clap::Args)]
pub struct InputCli {
    /// CSV exports; the kind of each is detected (read in slices, never whole)
    #[arg(value_name = "FILE", required_unless_present = "sample")]
    pub files: Vec<PathBuf>,
    /// Add the app's demo data set ('try with sample data')
    #[arg(long)]
    pub sample: bool,
    /// Language of messages
    #[arg(long, value_enum, default_value = "de")]
    pub lang: LangArg,
    /// The CSAT/CES scale of every survey file, 1-5, 1-7, 1-10 or 0-10
    #[arg(long, value_name = "S", value_parser = scale)]
    pub scale: Option<SurveyScale>,
    /// Read the accounts of usage files from the column with this header (e.g. the company
    /// name when the account ids match no subscription customer)
    #[arg(long, value_name = "COLUMN")]
    pub usage_account: Option<String>,
}

/// What `report` and `drill` compute.
#[derive(Debug, clap::Args)]
pub struct AnalysisCli {
    /// Print the dashboard's tiles for this period: 2025-07, 2025-Q3, 2025 or
    /// 2025-01..2025-06 (value, previous period, basis; in JSON: `tiles`)
    #[arg(long, value_name = "P", value_parser = period)]
    pub period: Option<Period>,
    /// End the analysis on this day, e.g. 2025-10-15 (default: the latest event in the data;
    /// a scheduled date such as a period end never counts)
    #[arg(long, value_name = "DAY", value_parser = day)]
    pub as_of: Option<Date>,
    /// Analyse this currency (default: the one with the most rows)
    #[arg(long, value_name = "CODE", value_parser = currency)]
    pub currency: Option<Currency>,
    /// Convert rows in CODE into the analysed currency: USD=0.92 (repeatable; without a rate
    /// such rows are left out and counted)
    #[arg(long, value_name = "CODE=RATE", value_parser = rate)]
    pub rate: Vec<Rate>,
    /// Print JSON instead of tables
    #[arg(long)]
    pub json: bool,
    /// Split every figure by a segment attribute (a text column of the files, or plan,
    /// segment, channel, urgency, ticket_type, source, stage) and print each segment's tiles
    /// for --period (default: the as-of month; JSON: `segments`)
    #[arg(long, value_name = "COLUMN")]
    pub by: Option<String>,
    /// Keep only the rows where COLUMN has VALUE, in every section (repeatable: all must
    /// hold); a customer's attributes apply to its rows in other files
    #[arg(long = "where", value_name = "COLUMN=VALUE", value_parser = condition)]
    pub filter: Vec<Condition>,
}

/// `report`'s options.
#[derive(Debug, clap::Args)]
pub struct ReportCli {
    /// How files are read.
    #[command(flatten)]
    pub input: InputCli,
    /// What is computed.
    #[command(flatten)]
    pub analysis: AnalysisCli,
}

/// `drill`'s options.
#[derive(Debug, clap::Args)]
pub struct DrillCli {
    /// The KPI: every dashboard KPI id but non_recurring_revenue, trials_started,
    /// free_to_paid and sales_velocity (`mrr` with --cohort, `health_score` with --account)
    #[arg(long, value_name = "ID", value_parser = drill_kpi, required_unless_present_any = ["cohort", "account"])]
    pub kpi: Option<Kpi>,
    /// A cohort cell: 2025-01+3 lists the customers of the January 2025 cohort still paying
    /// three months later, with their MRR
    #[arg(long, value_name = "FIRST-MONTH+MONTHS", value_parser = cohort)]
    pub cohort: Option<(Month, u32)>,
    /// The parts of this account's health score (an at-risk row), with their rows
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// One CSV line per row: key,contribution,file,line,value,figure (formula-safe)
    #[arg(long)]
    pub csv: bool,
    /// The files, as for report.
    #[command(flatten)]
    pub report: ReportCli,
}

/// `tables`' options.
#[derive(Debug, clap::Args)]
pub struct TablesCli {
    /// The folder the tables go to
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The files, read as report reads them.
    #[command(flatten)]
    pub input: InputCli,
}

/// `sql`'s options.
#[derive(Debug, clap::Args)]
pub struct SqlCli {
    /// The SQL dialect: duckdb, postgres or spark
    #[arg(long, value_name = "D", value_parser = dialect)]
    pub dialect: Dialect,
    /// Only this KPI (repeatable; default: every one)
    #[arg(long, value_name = "ID", value_parser = kpi)]
    pub kpi: Vec<Kpi>,
    /// The period, as for report (default: the last complete month before the as-of day)
    #[arg(long, value_name = "P", value_parser = period)]
    pub period: Option<Period>,
    /// The as-of day, as for report (default: the query takes the latest day in its tables)
    #[arg(long, value_name = "DAY", value_parser = day)]
    pub as_of: Option<Date>,
    /// The currency to analyse
    #[arg(long, value_name = "CODE", value_parser = currency)]
    pub currency: Option<Currency>,
    /// Your own table and column names, JSON or TOML ([tables] subscriptions =
    /// 'billing.subs', [columns] 'subscriptions.customer' = 'acct')
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// JSON (kpi, sql) instead of SQL text
    #[arg(long)]
    pub json: bool,
}

/// `sample`'s options.
#[derive(Debug, clap::Args)]
pub struct SampleCli {
    /// The folder the files go to
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// English or German Excel files
    #[arg(long, value_enum, default_value = "en")]
    pub format: FormatArg,
    /// With --bytes: one file of this kind
    #[arg(long, value_name = "KIND", value_parser = kind, requires = "bytes")]
    pub kind: Option<DatasetKind>,
    /// With --kind: about this many bytes
    #[arg(long, value_name = "N", requires = "kind")]
    pub bytes: Option<usize>,
}

fn kind(text: &str) -> Result<DatasetKind, String> {
    DatasetKind::from_id(text).ok_or_else(|| {
        let ids: Vec<&str> = DatasetKind::ALL.iter().map(|k| k.id()).collect();
        format!("unknown kind; one of {}", ids.join(", "))
    })
}

/// A survey scale given as `1-5`, `1-7`, `1-10` or `0-10`.
fn scale(text: &str) -> Result<SurveyScale, String> {
    ingest::parse_survey_scale(text).ok_or_else(|| "needs 1-5, 1-7, 1-10 or 0-10".to_string())
}

fn period(text: &str) -> Result<Period, String> {
    Period::parse(text).ok_or_else(|| "needs 2025-07, 2025-Q3, 2025 or 2025-01..2025-06".into())
}

fn day(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|_| "needs a day such as 2025-10-15".to_string())
}

fn currency(text: &str) -> Result<Currency, String> {
    Currency::parse(text).ok_or_else(|| "needs a code such as EUR".to_string())
}

fn rate(text: &str) -> Result<Rate, String> {
    crate::report::parse_rate(text).ok_or_else(|| "needs CODE=RATE such as USD=0.92".to_string())
}

fn condition(text: &str) -> Result<Condition, String> {
    text.parse::<Condition>().map_err(|e| e.to_string())
}

fn dialect(text: &str) -> Result<Dialect, String> {
    Dialect::parse(text).ok_or_else(|| "needs duckdb, postgres or spark".to_string())
}

fn kpi(text: &str) -> Result<Kpi, String> {
    crate::sql::kpi_value(text)
}

fn drill_kpi(text: &str) -> Result<Kpi, String> {
    Kpi::from_id(text).filter(|&k| analytics::drill::drillable(k)).ok_or_else(|| {
        let ids: Vec<&str> =
            Kpi::ALL.into_iter().filter(|&k| analytics::drill::drillable(k)).map(Kpi::id).collect();
        format!("no drill-down for this KPI; one of {}", ids.join(", "))
    })
}

fn cohort(text: &str) -> Result<(Month, u32), String> {
    crate::drill::parse_cohort(text)
        .ok_or_else(|| "needs FIRST-MONTH+MONTHS such as 2025-01+3".to_string())
}

impl InspectCli {
    /// `inspect`'s arguments.
    pub fn into_args(self) -> crate::inspect::Args {
        crate::inspect::Args {
            file: self.file,
            kind: self.kind,
            json: self.json,
            lang: self.lang.into(),
            date_order: self.date_order.map(|o| match o {
                DateOrderArg::Dmy => ingest::DateOrder::Dmy,
                DateOrderArg::Mdy => ingest::DateOrder::Mdy,
            }),
            scale: self.scale,
        }
    }
}

impl InputCli {
    /// `report::Args` with these files and nothing analysed beyond the defaults.
    fn into_args(self) -> crate::report::Args {
        crate::report::Args {
            files: self.files,
            sample: self.sample,
            json: false,
            lang: self.lang.into(),
            period: None,
            scale: self.scale,
            usage_account: self.usage_account,
            as_of: None,
            currency: CurrencyOptions::default(),
            by: None,
            filter: Vec::new(),
        }
    }
}

impl ReportCli {
    /// `report`'s arguments.
    pub fn into_args(self) -> crate::report::Args {
        let a = self.analysis;
        crate::report::Args {
            json: a.json,
            period: a.period,
            as_of: a.as_of,
            currency: CurrencyOptions { base: a.currency, rates: a.rate },
            by: a.by,
            filter: a.filter,
            ..self.input.into_args()
        }
    }
}

impl DrillCli {
    /// `drill`'s arguments.
    pub fn into_args(self) -> crate::drill::Args {
        crate::drill::Args {
            kpi: match (self.kpi, self.cohort, &self.account) {
                (Some(k), _, _) => k,
                (None, None, Some(_)) => Kpi::HealthScore,
                (None, _, _) => Kpi::Mrr,
            },
            cohort: self.cohort,
            account: self.account,
            csv: self.csv,
            report: self.report.into_args(),
        }
    }
}

impl TablesCli {
    /// `tables`' arguments.
    pub fn into_args(self) -> crate::tables::Args {
        crate::tables::Args { out: self.out, input: self.input.into_args() }
    }
}

impl SqlCli {
    /// `sql`'s arguments.
    pub fn into_args(self) -> crate::sql::Args {
        crate::sql::Args {
            dialect: self.dialect,
            kpis: self.kpi,
            period: self.period,
            as_of: self.as_of,
            currency: self.currency,
            mapping: self.mapping,
            json: self.json,
        }
    }
}

impl SampleCli {
    /// `sample`'s arguments.
    pub fn into_args(self) -> crate::sample::Args {
        crate::sample::Args {
            out: self.out,
            german: self.format == FormatArg::De,
            bytes: self.kind.zip(self.bytes),
        }
    }
}
