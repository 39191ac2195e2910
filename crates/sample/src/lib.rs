//! sample (placeholder, being built).
