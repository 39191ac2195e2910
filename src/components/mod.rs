//! Reusable views.

pub mod chart;
pub mod embed;
pub mod header;
pub mod link;
pub mod number_field;
