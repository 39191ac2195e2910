//! Messages between the UI thread and the import worker (`crate::worker`).
//!
//! The rows of every imported file live in the worker; the UI thread sees only what it
//! shows: file entries, the report, sniffing results, progress and the first rejections.
//! Messages cross `postMessage` as `{ msg, file }`: `msg` is one of these enums as one JSON
//! string ([`to_wire`], [`from_wire`]; no per-field JS calls, datasets never cross), `file` is
//! the user's `File` itself (structured-cloned, so the worker reads it slice by slice).
//! A finished import is answered twice: first its result ([`ImportEvent::Done`], drawn at
//! once), then the report over every file as [`Response::Snapshot`] (issue 18).

use analytics::segment::{AttributeInfo, Condition, Segment};
use analytics::{Kpi, Period, Report, ReportOptions};
use ingest::{Accounting, ImportOptions, IngestError, Rejection, ScaleSetting, Settings, Sniffed};
use locale::Lang;
use records::DatasetKind;
use serde::{Deserialize, Serialize};

/// URL of the worker's module script (written by `tools/postbuild.py`: it starts the
/// workbench module itself in the worker, `crate::worker`), relative to the page so the app
/// works below any sub-path.
pub const WORKER_URL: &str = "./import_worker_loader.js";
/// Bytes read from the file per step; between steps the worker sees a Cancel message.
pub const SLICE_BYTES: u64 = 2 * 1024 * 1024;
/// Bytes of the file read first for the mapping screen (`ingest::SNIFF_BYTES`; the worker
/// reads more while `ingest::sniff_head` asks for it).
pub const HEAD_BYTES: u64 = ingest::SNIFF_BYTES as u64;
/// Progress messages are at least this far apart (milliseconds).
pub const PROGRESS_EVERY_MS: f64 = 50.0;
/// Rejections sent to the UI for display; the worker keeps the rest for the CSV download.
pub const SHOWN_REJECTIONS: usize = 200;
/// Segments the dashboard shows side by side (the ones with the most rows; the others form
/// one more segment, the rest).
pub const SHOWN_SEGMENTS: usize = 5;

/// How the dashboard splits and filters the data ([`analytics::segment`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SegmentChoice {
    /// Split by this attribute's key (none: no split).
    pub by: Option<String>,
    /// Only the rows that meet every condition, in every section.
    pub filter: Vec<Condition>,
}

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
    /// A survey file's CSAT and CES scales and where they came from.
    #[serde(default)]
    pub survey_scales: Vec<ScaleSetting>,
}

/// UI thread → worker. Every request but [`Request::Cancel`] carries the UI's job id and gets
/// exactly one final answer under it, of the [`Kind`] that [`Request::waits`] names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Sniff the head of the file sent along; answered by [`Response::Sniff`].
    Sniff {
        /// UI job id.
        job: u32,
        /// Decisions the user made so far.
        options: ImportOptions,
    },
    /// Import the file sent along; answered by [`Response::Import`] (progress, then the end).
    Import {
        /// UI job id.
        job: u32,
        /// File name for the list.
        name: String,
        /// Settings confirmed on the mapping screen.
        options: ImportOptions,
    },
    /// Stop the running import of `job`; the file is not added. No answer of its own: the
    /// import itself ends with [`Failure::Cancelled`].
    Cancel {
        /// UI job id of the import.
        job: u32,
    },
    /// Remove an imported file; answered by [`Response::Update`].
    Remove {
        /// UI job id.
        job: u32,
        /// File id.
        file: u32,
    },
    /// Recompute the report with these options; answered by [`Response::Update`].
    Options {
        /// UI job id.
        job: u32,
        /// Report options.
        options: ReportOptions,
    },
    /// Split and filter the report; answered by [`Response::Update`].
    Segments {
        /// UI job id.
        job: u32,
        /// The split and the filter.
        choice: SegmentChoice,
    },
    /// Add the demo data of every kind; answered by [`Response::Update`].
    LoadSample {
        /// UI job id.
        job: u32,
        /// Language of the file names.
        #[serde(with = "lang_code")]
        lang: Lang,
    },
    /// The rejected rows of a file as CSV with a reason column; answered by
    /// [`Response::RejectionsCsv`].
    RejectionsCsv {
        /// UI job id.
        job: u32,
        /// File id.
        file: u32,
        /// Language of the reason column and the file name.
        #[serde(with = "lang_code")]
        lang: Lang,
    },
    /// The rows behind one figure (`analytics::drill`); answered by [`Response::Drill`].
    Drill {
        /// UI job id.
        job: u32,
        /// The KPI.
        kpi: Kpi,
        /// The period.
        period: Period,
        /// A cohort cell instead (`analytics::drill_cohort`): the cohort's first month and
        /// the months since; `kpi` and `period` are then ignored.
        #[serde(default)]
        cohort: Option<(records::Month, u32)>,
        /// One account's health score instead (`analytics::drill_account`, an at-risk row);
        /// `kpi`, `period` and `cohort` are then ignored.
        #[serde(default)]
        account: Option<String>,
    },
}

impl Request {
    /// The job id and the kind of answer this request waits for; `None` for
    /// [`Request::Cancel`], which is answered through the import it stops.
    pub fn waits(&self) -> Option<(u32, Kind)> {
        match self {
            Request::Sniff { job, .. } => Some((*job, Kind::Sniff)),
            Request::Import { job, .. } => Some((*job, Kind::Import)),
            Request::Cancel { .. } => None,
            Request::Remove { job, .. }
            | Request::Options { job, .. }
            | Request::Segments { job, .. }
            | Request::LoadSample { job, .. } => Some((*job, Kind::Update)),
            Request::RejectionsCsv { job, .. } => Some((*job, Kind::RejectionsCsv)),
            Request::Drill { job, .. } => Some((*job, Kind::Drill)),
        }
    }
}

/// The kinds of answer the UI waits for, each with how long it waits in silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The sniffing result of a file's head.
    Sniff,
    /// An import's progress and end.
    Import,
    /// The file list and report after a removal, new options or the sample data.
    Update,
    /// The rejected rows of a file as CSV.
    RejectionsCsv,
    /// The rows behind a figure.
    Drill,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] =
        [Kind::Sniff, Kind::Import, Kind::Update, Kind::RejectionsCsv, Kind::Drill];

    /// Seconds without any answer after which the UI gives up on a request of this kind. The
    /// clock starts when the request is made (so a worker that never starts is caught too)
    /// and, for an import, starts again with every progress message: a large file may take
    /// minutes, but it reports progress at least every slice ([`SLICE_BYTES`]), which takes
    /// well under a second. The other answers need a read of the head (64 kB; up to 16 MiB
    /// for a file whose first row is that long) or a report over data already in memory
    /// (about 0.1 s per million rows, BENCHMARKS.md), so 30 s of silence means the worker is
    /// stuck or gone, and an import may wait behind a few slices of another.
    pub fn silence_limit_secs(self) -> u64 {
        match self {
            Kind::Sniff | Kind::Update | Kind::RejectionsCsv | Kind::Drill => 30,
            Kind::Import => 60,
        }
    }
}

/// A sniffed file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SniffedFile {
    /// File size in bytes.
    pub size: u64,
    /// What was detected.
    pub sniffed: Sniffed,
}

/// The file list and the report, as they are after a change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Snapshot {
    /// Every file.
    pub files: Vec<FileInfo>,
    /// The report over all files (`None` without files), of the filtered rows.
    pub report: Option<Box<Report>>,
    /// The attributes the files offer for splitting and filtering.
    #[serde(default)]
    pub attributes: Vec<AttributeInfo>,
    /// The split applied (it is dropped when its attribute or value is gone).
    #[serde(default)]
    pub choice: SegmentChoice,
    /// The first [`SHOWN_SEGMENTS`] segments of the split (none without one).
    #[serde(default)]
    pub segments: Vec<Segment>,
}

/// A finished import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    /// The new file entry.
    pub file: FileInfo,
    /// The first [`SHOWN_REJECTIONS`] rejections.
    pub rejections: Vec<Rejection>,
    /// The settings the import ran with.
    pub settings: Settings,
    /// What the import assumed because the export lacks a column.
    #[serde(default)]
    pub assumptions: Vec<ingest::Assumption>,
    /// Wall time of the import in milliseconds.
    pub millis: f64,
    /// The file list with the new file; the report over it follows as [`Response::Snapshot`].
    pub files: Vec<FileInfo>,
}

/// What a running import reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportEvent {
    /// Progress so far (more answers follow).
    Progress {
        /// Data rows so far.
        rows: u64,
        /// Bytes read so far.
        bytes: u64,
        /// File size.
        total_bytes: u64,
    },
    /// The import finished (the final answer).
    Done(Box<Imported>),
}

/// The rejected rows of a file, ready to download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvFile {
    /// Suggested file name.
    pub name: String,
    /// The CSV text (UTF-8, starts with a byte-order mark for Excel).
    pub csv: String,
}

/// Items of a drill-down sent to the page at most; the total is over all of them.
pub const MAX_DRILL_ITEMS: usize = 10_000;

/// Where a row comes from: the file's name and the row's line in it (`None` for the demo
/// data, which has no file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// File name as the user chose it.
    pub file: String,
    /// Physical line, 1 = the first.
    pub line: Option<u32>,
}

/// One customer (ticket, deal, answer) behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillLine {
    /// The customer, ticket id, deal id ("" for an answer without customer).
    pub key: String,
    /// Its part of the figure in the KPI's stored unit; `None` for a median.
    pub contribution: Option<f64>,
    /// Its own value where the figure is an average, median or percentile of such values.
    #[serde(default)]
    pub value: Option<f64>,
    /// Whether the figure is read from it (a median's or p90's item).
    #[serde(default)]
    pub is_figure: bool,
    /// Its rows.
    pub rows: Vec<Place>,
}

/// The rows behind one figure, as the page shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillTable {
    /// The KPI.
    pub kpi: Kpi,
    /// The period.
    pub period: Period,
    /// Whether the contributions add up to the figure (false for a median).
    pub additive: bool,
    /// How the contributions make the figure (`analytics::Combine`).
    #[serde(default)]
    pub combine: analytics::Combine,
    /// The figure as the items give it (over all items).
    pub total: Option<f64>,
    /// The denominator of a ratio or average.
    #[serde(default)]
    pub denominator: Option<f64>,
    /// All items (largest contribution first), at most [`MAX_DRILL_ITEMS`].
    pub items: Vec<DrillLine>,
    /// How many items there are in all.
    pub count: usize,
}

/// Why a request ended without its result. The worker sends some, the UI thread makes the
/// others; `crate::i18n::failure` says each in German and English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// The file cannot be imported (the engine's own error, with its position).
    Ingest(IngestError),
    /// The user cancelled the import after `rows` data rows.
    Cancelled {
        /// Data rows read before the import stopped.
        rows: u64,
    },
    /// The request needs a file and none came with it.
    NoFile,
    /// The browser could not read the file (moved, deleted or changed since it was picked).
    Unreadable,
    /// The file the request names is no longer in the worker (removed meanwhile).
    UnknownFile,
    /// The worker could not start, failed, or the browser refused to send it the request.
    WorkerUnavailable,
    /// The file is larger than the import worker's memory can hold (`ingest::capacity`),
    /// found before reading past its head.
    TooBig {
        /// File size in bytes.
        size: u64,
        /// The largest file of its kind and row length that fits now, in bytes.
        max_file: u64,
    },
    /// The worker sent nothing for this request for longer than its kind allows.
    NoAnswer {
        /// What the request was for.
        kind: Kind,
        /// The silence that ended it, in seconds.
        seconds: u64,
    },
}

/// Worker → UI thread: one variant per kind of answer, so a handler receives exactly the
/// answers of its own request.
///
/// The protocol's enums are externally tagged (`{"snapshot":{…}}`, serde's default): an
/// internally tagged enum (`#[serde(tag = …)]`) is read through serde's `Content` buffer,
/// which parsed every report twice on the page's thread and compiled its deserialisation twice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The worker listens; requests sent before this are queued by the UI.
    Ready,
    /// Answer to [`Request::Sniff`].
    Sniff {
        /// UI job id.
        job: u32,
        /// What was detected, or why not.
        answer: Result<SniffedFile, Failure>,
    },
    /// Answers to [`Request::Import`]: progress, then `Done` or a failure.
    Import {
        /// UI job id.
        job: u32,
        /// Progress, the finished import, or why it ended.
        answer: Result<ImportEvent, Failure>,
    },
    /// Answer to [`Request::Remove`], [`Request::Options`] and [`Request::LoadSample`].
    Update {
        /// UI job id.
        job: u32,
        /// The file list and report after the change.
        answer: Result<Snapshot, Failure>,
    },
    /// The file list and report after an import, sent right after its
    /// [`ImportEvent::Done`] (so the result is on screen while the report is computed).
    Snapshot {
        /// UI job id of the import.
        job: u32,
        /// The file list and report with the new file.
        answer: Snapshot,
    },
    /// Answer to [`Request::RejectionsCsv`].
    RejectionsCsv {
        /// UI job id.
        job: u32,
        /// The file, or why there is none.
        answer: Result<CsvFile, Failure>,
    },
    /// Answer to [`Request::Drill`]: the rows, `None` when the KPI has no drill-down or no
    /// data.
    Drill {
        /// UI job id.
        job: u32,
        /// The rows, or why there are none.
        answer: Result<Option<DrillTable>, Failure>,
    },
}

/// `locale::Lang` on the wire as its code (`"de"`, `"en"`), the form `ingest::Lang` has.
mod lang_code {
    use locale::Lang;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(lang.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(d)?;
        Lang::from_code(&code).ok_or_else(|| D::Error::custom(format!("unknown language {code}")))
    }
}

/// A message as it crosses `postMessage`: one JSON string. Measured against
/// `serde-wasm-bindgen`'s tree of JS objects (BENCHMARKS.md, issue 18 round three): the
/// report is read on the page's thread many times faster, and neither module needs
/// `serde-wasm-bindgen`. `None` only for a value JSON cannot hold (a map with non-text keys).
pub fn to_wire<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// A message read back from [`to_wire`]'s string (`None`: not one of these messages).
pub fn from_wire<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// Compact JSON ([`to_wire`]'s text) with two-space indents, byte for byte as
/// `serde_json::to_string_pretty` writes the same value: the report's JSON export is made so,
/// which keeps a second, pretty-printing copy of every `Serialize` out of the module (issue 18).
/// Compact JSON has no whitespace outside its strings, so only the structure is re-laid.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '[' | '{' => {
                out.push(c);
                let close = if c == '[' { ']' } else { '}' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
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
    fn every_request_but_cancel_waits_for_its_own_kind() {
        let lang = Lang::De;
        let cases = [
            (Request::Sniff { job: 1, options: ImportOptions::default() }, Some((1, Kind::Sniff))),
            (Request::Cancel { job: 2 }, None),
            (Request::Remove { job: 3, file: 9 }, Some((3, Kind::Update))),
            (Request::LoadSample { job: 4, lang }, Some((4, Kind::Update))),
            (Request::RejectionsCsv { job: 5, file: 9, lang }, Some((5, Kind::RejectionsCsv))),
            (
                Request::Segments { job: 6, choice: SegmentChoice::default() },
                Some((6, Kind::Update)),
            ),
            (
                Request::Drill {
                    job: 7,
                    kpi: Kpi::Mrr,
                    period: Period::Year(2025),
                    cohort: None,
                    account: None,
                },
                Some((7, Kind::Drill)),
            ),
        ];
        for (request, waits) in cases {
            assert_eq!(request.waits(), waits, "{request:?}");
        }
    }

    #[test]
    fn a_drill_without_cohort_reads_as_a_kpi_drill_and_a_cohort_crosses() {
        let json = serde_json::to_string(&Request::Drill {
            job: 1,
            kpi: Kpi::Mrr,
            period: Period::Year(2025),
            cohort: None,
            account: None,
        })
        .unwrap_or_default();
        // A message from before the fields (the page and the worker are deployed together, but
        // the default keeps an older message readable).
        let old = json.replace(r#","cohort":null"#, "").replace(r#","account":null"#, "");
        assert_ne!(old, json);
        let parsed: Option<Request> = serde_json::from_str(&old).ok();
        assert!(matches!(parsed, Some(Request::Drill { job: 1, cohort: None, .. })), "{old}");
        let month = records::Month::from_ym(2025, 1);
        let with = month.map(|m| Request::Drill {
            job: 2,
            kpi: Kpi::Mrr,
            period: Period::Year(2025),
            cohort: Some((m, 3)),
            account: Some("K1".to_string()),
        });
        let json = serde_json::to_string(&with).unwrap_or_default();
        let back: Option<Request> = serde_json::from_str(&json).ok().flatten();
        assert_eq!(
            back.and_then(|r| if let Request::Drill { cohort, .. } = r { cohort } else { None }),
            month.map(|m| (m, 3))
        );
    }

    #[test]
    fn pretty_lays_out_compact_json_as_serde_json_does() {
        // Written by hand: empty containers stay on one line, brackets, commas, colons and
        // escaped quotes inside strings are text.
        let compact = r#"{"a":[],"b":{"c":[1,2.5],"e":{}},"d":"x,[]{}:\"y\\","n":null}"#;
        let want = "{\n  \"a\": [],\n  \"b\": {\n    \"c\": [\n      1,\n      2.5\n    ],\n    \"e\": {}\n  },\n  \"d\": \"x,[]{}:\\\"y\\\\\",\n  \"n\": null\n}";
        assert_eq!(pretty(compact), want);
        let value: serde_json::Value = serde_json::from_str(compact).unwrap_or_default();
        assert_eq!(serde_json::to_string_pretty(&value).ok().as_deref(), Some(want));
        assert_eq!(pretty("[]"), "[]");
        assert_eq!(pretty("\"a\""), "\"a\"");
    }

    #[test]
    fn languages_cross_as_their_codes() {
        let request = Request::LoadSample { job: 1, lang: Lang::En };
        let json = serde_json::to_string(&request).unwrap_or_default();
        assert_eq!(json, r#"{"load_sample":{"job":1,"lang":"en"}}"#);
        let back: Option<Request> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(request));
        let wrong = r#"{"load_sample":{"job":1,"lang":"fr"}}"#;
        assert!(serde_json::from_str::<Request>(wrong).is_err());
    }
}
