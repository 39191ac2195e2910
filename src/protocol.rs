//! Messages between the UI thread and the import worker (`src/bin/import_worker.rs`).
//!
//! The rows of every imported file live in the worker; the UI thread sees only what it
//! shows: file entries, the report, sniffing results, progress and the first rejections.
//! Messages cross `postMessage` as `{ msg, file }`: `msg` is one of these enums converted
//! with `serde-wasm-bindgen` (no per-row JS calls: datasets never cross), `file` is the
//! user's `File` itself (structured-cloned, so the worker reads it slice by slice).

use analytics::{Report, ReportOptions};
use ingest::{Accounting, ImportOptions, IngestError, Rejection, Settings, Sniffed};
use records::{Dataset, DatasetKind};
use serde::{Deserialize, Serialize};

/// URL of the worker's loader script (written by trunk's `data-loader-shim`), relative to
/// the page so the app works below any sub-path.
pub const WORKER_URL: &str = "./import_worker_loader.js";
/// Bytes read from the file per step; between steps the worker sees a Cancel message.
pub const SLICE_BYTES: u64 = 2 * 1024 * 1024;
/// Bytes sniffed for the mapping screen (what `ingest::sniff` looks at).
pub const HEAD_BYTES: u64 = 64 * 1024;
/// Progress messages are at least this far apart (milliseconds).
pub const PROGRESS_EVERY_MS: f64 = 50.0;
/// Rejections sent to the UI for display; the worker keeps the rest for the CSV download.
pub const SHOWN_REJECTIONS: usize = 200;

/// A file as the UI lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileInfo {
    /// Stable id within this session.
    pub id: u32,
    /// File name as the user chose it.
    pub name: String,
    /// Kind the file was imported as.
    pub kind: DatasetKind,
    /// Where every row went.
    pub accounting: Accounting,
}

/// UI thread → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Sniff the head of the file sent along (job = the UI's id for this file).
    Sniff {
        /// UI job id.
        job: u32,
        /// Decisions the user made so far.
        options: ImportOptions,
    },
    /// Import the file sent along.
    Import {
        /// UI job id.
        job: u32,
        /// File name for the list.
        name: String,
        /// Settings confirmed on the mapping screen.
        options: ImportOptions,
    },
    /// Stop the running import of `job`; the file is not added.
    Cancel {
        /// UI job id.
        job: u32,
    },
    /// Add a dataset built elsewhere (`DataStore::add`).
    AddDataset {
        /// Name for the list.
        name: String,
        /// The rows.
        dataset: Dataset,
        /// Its accounting.
        accounting: Accounting,
    },
    /// Remove an imported file.
    Remove {
        /// File id.
        file: u32,
    },
    /// Recompute the report with these options.
    Options {
        /// Report options.
        options: ReportOptions,
    },
    /// Add the demo data of every kind.
    LoadSample {
        /// Name the files in German.
        de: bool,
    },
    /// The rejected rows of a file as CSV with a reason column.
    RejectionsCsv {
        /// UI job id (for the answer).
        job: u32,
        /// File id.
        file: u32,
        /// Language of the reason column.
        lang: ingest::Lang,
    },
}

/// Worker → UI thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker listens; requests sent before this are queued by the UI.
    Ready,
    /// Result of [`Request::Sniff`].
    Sniffed {
        /// UI job id.
        job: u32,
        /// File size in bytes.
        size: u64,
        /// What was detected, or why the file cannot be imported.
        result: Result<Sniffed, IngestError>,
    },
    /// A running import's progress.
    Progress {
        /// UI job id.
        job: u32,
        /// Data rows so far.
        rows: u64,
        /// Bytes read so far.
        bytes: u64,
        /// File size.
        total_bytes: u64,
    },
    /// An import finished; a [`Response::Files`] follows.
    Imported {
        /// UI job id.
        job: u32,
        /// The new file entry.
        file: FileInfo,
        /// The first [`SHOWN_REJECTIONS`] rejections.
        rejections: Vec<Rejection>,
        /// The settings the import ran with.
        settings: Settings,
        /// Wall time of the import in milliseconds.
        millis: f64,
    },
    /// An import or sniff failed (also [`IngestError::Cancelled`]).
    Failed {
        /// UI job id.
        job: u32,
        /// Why.
        error: IngestError,
    },
    /// The file list and the report after any change.
    Files {
        /// Every file.
        files: Vec<FileInfo>,
        /// The report over all files (`None` without files).
        report: Option<Box<Report>>,
    },
    /// Answer to [`Request::RejectionsCsv`].
    RejectionsCsv {
        /// UI job id.
        job: u32,
        /// Suggested file name.
        name: String,
        /// The CSV text (UTF-8, starts with a byte-order mark for Excel).
        csv: String,
    },
}

impl Response {
    /// The UI job this answer belongs to, if any.
    pub fn job(&self) -> Option<u32> {
        match self {
            Response::Sniffed { job, .. }
            | Response::Progress { job, .. }
            | Response::Imported { job, .. }
            | Response::Failed { job, .. }
            | Response::RejectionsCsv { job, .. } => Some(*job),
            Response::Ready | Response::Files { .. } => None,
        }
    }
}

/// Percent of `bytes` in `total` (0–100, 100 for an empty total).
pub fn percent(bytes: u64, total: u64) -> f64 {
    if total == 0 {
        100.0
    } else {
        (bytes as f64 * 100.0 / total as f64).clamp(0.0, 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_clamped_and_empty_files_are_done() {
        assert_eq!(percent(0, 0), 100.0);
        assert_eq!(percent(1, 4), 25.0);
        assert_eq!(percent(9, 4), 100.0);
    }

    #[test]
    fn every_job_answer_names_its_job() {
        let failed = Response::Failed { job: 7, error: IngestError::ZeroBytes };
        assert_eq!(failed.job(), Some(7));
        let progress = Response::Progress { job: 3, rows: 1, bytes: 2, total_bytes: 4 };
        assert_eq!(progress.job(), Some(3));
        assert_eq!(Response::Ready.job(), None);
        assert_eq!(Response::Files { files: vec![], report: None }.job(), None);
    }
}
