//! analytics (placeholder, being built).
