//! ingest (placeholder, being built).
