//! `kennzahl sql --dialect D [--kpi ID]... [--period P] [--as-of DAY] [--currency CODE]
//! [--mapping FILE] [--json]`: the dashboard's KPI definitions as SQL for a warehouse
//! (`warehouse::kpi_sql`), over the canonical tables `kennzahl tables` writes or the user's
//! own tables named in a mapping file.

use analytics::{Kpi, Period};
use records::{Currency, Date};
use std::io::Write;
use std::path::PathBuf;
use warehouse::{kpi_sql, Ctx, Dialect, Mapping};

/// Arguments of `sql`.
#[derive(Debug, PartialEq)]
pub struct Args {
    /// The SQL dialect.
    pub dialect: Dialect,
    /// The KPIs (empty: every one).
    pub kpis: Vec<Kpi>,
    /// The period (default: the last complete month before the as-of date).
    pub period: Option<Period>,
    /// The as-of date (default: derived by the query from the tables).
    pub as_of: Option<Date>,
    /// The currency to analyse.
    pub currency: Option<Currency>,
    /// The user's table and column names.
    pub mapping: Option<PathBuf>,
    /// JSON instead of SQL text.
    pub json: bool,
}

pub(crate) fn kpi_value(text: &str) -> Result<Kpi, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| {
        let ids: Vec<String> = Kpi::ALL.iter().map(|k| k.id().to_string()).collect();
        format!("unknown KPI {text:?}; known: {}", ids.join(", "))
    })
}

/// Reads a mapping file: JSON, or TOML when the name ends in `.toml`.
pub fn read_mapping(path: &std::path::Path) -> Result<Mapping, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let is_toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let parsed = if is_toml {
        toml::from_str::<Mapping>(&text).map_err(|e| e.to_string())
    } else {
        serde_json::from_str::<Mapping>(&text).map_err(|e| e.to_string())
    };
    parsed.map_err(|e| format!("{}: not a mapping file: {e}", path.display()))
}

/// The last complete month before `day`: the month of `day` when it is that month's last
/// day, else the month before.
fn last_complete_month(day: Date) -> Period {
    let m = day.month();
    if day == m.last_day() {
        Period::Month(m)
    } else {
        Period::Month(m.add(-1))
    }
}

/// Runs `sql`; returns the exit code (0, 2 for a bad mapping file).
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    let mapping = match &args.mapping {
        Some(path) => match read_mapping(path) {
            Ok(m) => m,
            Err(msg) => {
                let _ = writeln!(std::io::stderr(), "kennzahl: {msg}");
                return 2;
            }
        },
        None => Mapping::default(),
    };
    let day = args.as_of.or_else(crate::report::today).unwrap_or(Date::from_days(0));
    let currency = args.currency.as_ref().map(|c| c.code().to_string());
    let ctx = Ctx {
        dialect: args.dialect,
        period: args.period.unwrap_or_else(|| last_complete_month(day)),
        as_of: args.as_of,
        currency: currency.as_deref(),
        mapping: &mapping,
    };
    let kpis: Vec<Kpi> = if args.kpis.is_empty() { Kpi::ALL.to_vec() } else { args.kpis.clone() };
    let queries: Vec<(Kpi, Option<String>)> =
        kpis.into_iter().map(|k| (k, kpi_sql(k, &ctx))).collect();
    let written = if args.json {
        let list: Vec<serde_json::Value> = queries
            .iter()
            .map(|(k, sql)| serde_json::json!({ "kpi": k.id(), "sql": sql }))
            .collect();
        serde_json::to_string_pretty(&list)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        queries.iter().try_for_each(|(k, sql)| match sql {
            Some(sql) => writeln!(out, "{}\n", sql.trim_end()),
            None => writeln!(out, "-- {}: no SQL form yet\n", k.id()),
        })
    };
    if written.is_err() {
        return 2;
    }
    0
}
