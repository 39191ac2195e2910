//! One module per page.

pub mod calculator;
pub mod catalogue;
pub mod dashboard;
pub mod import;
pub mod privacy;
pub mod report;
pub mod whatif;
