//! Each dashboard KPI as SQL.
//!
//! [`kpi_sql`] is one `match` over [`Kpi`] that hands the KPI to the module of its dataset
//! family: [`revenue`] (subscriptions and invoices: MRR, movements, churn, retention, trials,
//! ARPU, CAC and retention cost) and [`activity`] (surveys, tickets, leads, deals, usage,
//! health). A [`Ctx`] carries the dialect, the period, the as-of date and the user's table and
//! column names; the modules write table and column names only through it.
//!
//! Every query returns rows `(kpi, value)`: see the crate docs.

pub mod activity;
pub mod revenue;

use analytics::{Kpi, Period};
use records::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// An SQL dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// DuckDB.
    DuckDb,
    /// PostgreSQL.
    Postgres,
    /// Spark SQL.
    Spark,
}

impl Dialect {
    /// Every dialect.
    pub const ALL: [Dialect; 3] = [Dialect::DuckDb, Dialect::Postgres, Dialect::Spark];

    /// `duckdb`, `postgres` or `spark`.
    pub fn id(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Postgres => "postgres",
            Dialect::Spark => "spark",
        }
    }

    /// Inverse of [`Dialect::id`].
    pub fn parse(text: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.id() == text)
    }
}

/// The user's own table and column names, read from a mapping file (JSON or TOML):
/// `{"tables": {"subscriptions": "billing.subs"},
///   "columns": {"subscriptions.customer": "account_id"}}`.
/// A name left out keeps the canonical one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Canonical table name → the user's (may be qualified, `schema.table`).
    #[serde(default)]
    pub tables: BTreeMap<String, String>,
    /// `table.column` (canonical) → the user's column name.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

/// What a query is rendered for.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The SQL dialect.
    pub dialect: Dialect,
    /// The period the figures are for.
    pub period: Period,
    /// The day the analysis ends (the report's as-of date). `None`: the query derives it
    /// from the data it reads (the latest day something happened), never after today.
    pub as_of: Option<Date>,
    /// The currency to analyse (`None`: every row, as when the data has one currency).
    pub currency: Option<&'a str>,
    /// The user's table and column names.
    pub mapping: &'a Mapping,
}

impl Ctx<'_> {
    /// The user's name for a canonical table, quoted where it needs to be.
    pub fn table(&self, table: &str) -> String {
        self.mapping.tables.get(table).cloned().unwrap_or_else(|| table.to_string())
    }

    /// The user's name for a canonical column of a canonical table.
    pub fn col(&self, table: &str, column: &str) -> String {
        let key = format!("{table}.{column}");
        match self.mapping.columns.get(&key) {
            Some(name) => self.quote(name),
            None => column.to_string(),
        }
    }

    /// An identifier quoted for the dialect when it is not a plain lower-case name.
    pub fn quote(&self, name: &str) -> String {
        let plain = name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if plain {
            return name.to_string();
        }
        match self.dialect {
            Dialect::Spark => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// A date literal.
    pub fn date(&self, d: Date) -> String {
        format!("DATE '{d}'")
    }

    /// A string literal.
    pub fn text(&self, s: &str) -> String {
        match self.dialect {
            Dialect::Spark => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            _ => format!("'{}'", s.replace('\'', "''")),
        }
    }
}

/// The SQL for one KPI over `ctx.period`, or `None` where the KPI has no SQL form.
pub fn kpi_sql(kpi: Kpi, ctx: &Ctx<'_>) -> Option<String> {
    match kpi {
        Kpi::Mrr
        | Kpi::Arr
        | Kpi::Customers
        | Kpi::Arpu
        | Kpi::NewMrr
        | Kpi::ReactivationMrr
        | Kpi::ExpansionMrr
        | Kpi::ContractionMrr
        | Kpi::ChurnedMrr
        | Kpi::NonRecurringRevenue
        | Kpi::TrialsStarted
        | Kpi::FreeToPaid
        | Kpi::ChurnRate
        | Kpi::ChurnRateB
        | Kpi::RevenueChurn
        | Kpi::Ndr
        | Kpi::Grr
        | Kpi::Cac
        | Kpi::RetentionCost => revenue::sql(kpi, ctx),
        Kpi::Nps
        | Kpi::Csat
        | Kpi::Ces
        | Kpi::TicketVolume
        | Kpi::FirstResponseTime
        | Kpi::FirstResponseTimeP90
        | Kpi::Fcr
        | Kpi::ResolutionRate
        | Kpi::LeadResponseTime
        | Kpi::WinRate
        | Kpi::WinLossRatio
        | Kpi::WinLossValueRatio
        | Kpi::SalesVelocity
        | Kpi::DauMau
        | Kpi::AvgSessionDuration
        | Kpi::SessionsPerDay
        | Kpi::ProductUsageRate
        | Kpi::AtRisk
        | Kpi::HealthScore => activity::sql(kpi, ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(dialect: Dialect, mapping: &'a Mapping) -> Ctx<'a> {
        Ctx {
            dialect,
            period: Period::parse("2025-07").unwrap(),
            as_of: None,
            currency: None,
            mapping,
        }
    }

    #[test]
    fn names_come_from_the_mapping_and_are_quoted_per_dialect() {
        let mapping: Mapping = serde_json::from_str(
            r#"{"tables": {"subscriptions": "billing.subs"},
                "columns": {"subscriptions.customer": "Kunden-Nr."}}"#,
        )
        .unwrap();
        let pg = ctx(Dialect::Postgres, &mapping);
        assert_eq!(pg.table("subscriptions"), "billing.subs");
        assert_eq!(pg.table("tickets"), "tickets");
        assert_eq!(pg.col("subscriptions", "customer"), "\"Kunden-Nr.\"");
        assert_eq!(pg.col("subscriptions", "plan"), "plan");
        assert_eq!(ctx(Dialect::Spark, &mapping).col("subscriptions", "customer"), "`Kunden-Nr.`");
        assert_eq!(pg.quote("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn string_literals_escape_per_dialect() {
        let m = Mapping::default();
        assert_eq!(ctx(Dialect::DuckDb, &m).text("O'Brien"), "'O''Brien'");
        assert_eq!(ctx(Dialect::Spark, &m).text("O'Brien"), "'O\\'Brien'");
        assert_eq!(
            ctx(Dialect::Postgres, &m).date(records::Date::from_days(0)),
            "DATE '1970-01-01'"
        );
    }
}
