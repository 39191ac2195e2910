//! The KPI definitions for data that outgrows the browser.
//!
//! Reading path: [`schema`] names the canonical tables (one per dataset kind: ISO dates,
//! money in integer cents) that `kennzahl tables` writes and that every query reads;
//! [`sql`] renders each dashboard KPI ([`analytics::Kpi`]) as SQL for DuckDB, PostgreSQL
//! or Spark SQL, following the same conventions as [`analytics::report`] (paid start and
//! end, the as-of date, per-customer monthly MRR rounded to the cent, movements, retention
//! from period start to end).
//!
//! Every generated query returns rows of two columns, `kpi` (the KPI's id, e.g. `mrr`)
//! and `value` (a double in the KPI's stored unit, as `Figure::value`: cents, fractions,
//! points, minutes; `NULL` where the engine has no value).

pub mod schema;
pub mod sql;
pub mod tables;

pub use schema::{ColType, Column, Table};
pub use sql::{kpi_sql, Ctx, Dialect, Mapping};
