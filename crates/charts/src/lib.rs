//! charts (placeholder, being built).
