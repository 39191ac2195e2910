//! Aggregations over typed records: the numbers behind every Kennzahl dashboard.
//!
//! Reading path:
//! 1. [`revenue`] — MRR per customer and month, the movement waterfall (new, reactivation,
//!    expansion, contraction, churn), logo churn A/B, revenue churn, NRR, GRR, ARPU per month,
//!    quarter and year, and cohorts. Start with its module docs: they define every figure.
//! 2. [`surveys`], [`tickets`] (with leads), [`deals`], [`usage`], [`costs`] — one module per
//!    dataset kind, each with its definitions in the module docs.
//! 3. [`billing`] — the conventions revenue follows: the as-of date, paid start and end,
//!    trials, recurring vs one-time invoice lines, currencies.
//! 4. [`health`] — health score per account and the at-risk list.
//! 5. [`alerts`] — thresholds evaluated against the latest values.
//! 6. [`segment`] — the report of the rows with one value of an attribute (plan, country,
//!    channel, …) and the global filter; the plan-switch rule.
//! 7. [`whatif`] — projections of MRR, customers, NRR and CLV from monthly averages, and
//!    scenarios against them.
//! 8. [`drill`] — the rows behind a figure: customers, tickets, deals or answers with their
//!    contribution and the file rows they come from.
//! 9. [`report()`] — everything available for a set of datasets in one serde struct, which
//!    the CLI (`report --json`) and the dashboard both print.
//!
//! Conventions: money is [`records::Money`] (integer cents, serialised as an integer);
//! ratios are fractions (`0.25` = 25 %); NPS is in points (−100 … +100); a figure whose
//! denominator is zero is `None` (`null` in JSON), never NaN; months serialise as
//! `"YYYY-MM"`, days as `"YYYY-MM-DD"`. Every KPI has a German and English definition text
//! ([`definitions::definition`]) that the UI shows beside the number.
//!
//! All functions are pure, never panic on input and never look at the clock.
//!
//! ```
//! use analytics::{report, ReportOptions};
//! use records::{BillingInterval, Dataset, Date, Money, Subscription};
//!
//! let start = Date::from_ymd(2025, 1, 1).unwrap();
//! let sub = Subscription {
//!     interval: BillingInterval::YEAR,
//!     ..Subscription::new("acme", start, None, Money(120_000))
//! };
//! let r = report(&[Dataset::Subscriptions(vec![sub].into())], &ReportOptions::default());
//! assert_eq!(r.revenue.unwrap().months[0].mrr, Money(10_000)); // 1,200.00 a year = 100.00 a month
//! ```

#![deny(missing_docs)]

pub mod alerts;
pub mod billing;
pub mod costs;
pub mod deals;
pub mod definitions;
pub mod drill;
pub mod figure;
pub mod health;
pub mod kpis;
pub mod period;
pub mod report;
pub mod revenue;
pub mod segment;
pub mod surveys;
pub mod tickets;
pub mod usage;
mod util;
pub mod whatif;

pub use drill::{
    drill, drill_account, drill_cohort, drill_where, Combine, Drill, DrillItem, RowRef, Target,
};
pub use figure::{figure, tiles, Basis, Counted, Figure, How, Tile};
pub use kpis::{Better, Kpi, Unit};
pub use period::{Period, PeriodKind};
pub use report::{report, Report, ReportOptions};
pub use util::{date_str, iso_week_label, month_str};
