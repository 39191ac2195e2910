//! Aggregations over typed records: the numbers behind every Kennzahl dashboard.
//!
//! Reading path:
//! 1. [`revenue`] — MRR per customer and month, the movement waterfall (new, reactivation,
//!    expansion, contraction, churn), logo churn A/B, revenue churn, NRR, GRR, ARPU per month,
//!    quarter and year, and cohorts.
//! 2. [`surveys`], [`tickets`], [`deals`], [`usage`], [`costs`] — one module per dataset kind.
//! 3. [`health`] — health score per account and the at-risk list.
//! 4. [`alerts`] — thresholds evaluated against the latest values.
//! 5. [`report()`] — everything available for a set of datasets in one serde struct, which the
//!    CLI (`report --json`) and the dashboard both print.
//!
//! Conventions: money is [`records::Money`] (integer cents, serialised as an integer);
//! ratios are fractions (`0.25` = 25 %); a ratio with a zero denominator is `None`, never NaN;
//! months serialise as `"YYYY-MM"`. Every KPI has a German and English definition text
//! ([`definitions::definition`]) that the UI shows beside the number.
//!
//! All functions are pure, never panic on input and never look at the clock.

#![deny(missing_docs)]

pub mod revenue;
mod util;

pub use util::{date_str, iso_week_label, month_str};
