//! kpi (placeholder, being built).
