//! Prints the activity KPIs' SQL as JSON for the checking script
//! (`tools/sql_check_activity.py`): `activity_sql DIALECT PERIOD [AS_OF]`.

use analytics::{Kpi, Period};
use warehouse::{kpi_sql, Ctx, Dialect, Mapping};

const KPIS: [Kpi; 19] = [
    Kpi::Nps,
    Kpi::Csat,
    Kpi::Ces,
    Kpi::TicketVolume,
    Kpi::FirstResponseTime,
    Kpi::FirstResponseTimeP90,
    Kpi::Fcr,
    Kpi::ResolutionRate,
    Kpi::LeadResponseTime,
    Kpi::WinRate,
    Kpi::WinLossRatio,
    Kpi::WinLossValueRatio,
    Kpi::SalesVelocity,
    Kpi::DauMau,
    Kpi::AvgSessionDuration,
    Kpi::SessionsPerDay,
    Kpi::ProductUsageRate,
    Kpi::AtRisk,
    Kpi::HealthScore,
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dialect), Some(period)) =
        (args.get(1).and_then(|d| Dialect::parse(d)), args.get(2).and_then(|p| Period::parse(p)))
    else {
        eprintln!("usage: activity_sql duckdb|postgres|spark PERIOD [AS_OF]");
        std::process::exit(2);
    };
    let as_of = args.get(3).and_then(|d| d.parse().ok());
    let mapping = Mapping::default();
    let ctx = Ctx { dialect, period, as_of, currency: None, mapping: &mapping };
    let out: Vec<serde_json::Value> =
        KPIS.iter().map(|k| serde_json::json!({"kpi": k.id(), "sql": kpi_sql(*k, &ctx)})).collect();
    println!("{}", serde_json::Value::Array(out));
}
