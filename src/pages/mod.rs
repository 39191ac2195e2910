//! One module per page.

pub mod calculator;
pub mod catalogue;
// Removed once the KPI-spine rewrite of these pages lands.
#[allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]
pub mod dashboard;
pub mod import;
pub mod privacy;
// Removed once the KPI-spine rewrite of these pages lands.
#[allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]
pub mod report;
