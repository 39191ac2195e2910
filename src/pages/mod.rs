//! One module per page.

pub mod calculator;
pub mod catalogue;
pub mod privacy;
