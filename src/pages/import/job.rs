//! One file on its way in: sniffed, mapped by the user, imported with progress, done.
//! The worker does the reading; a job holds only what the screen shows.

use super::preview;
use crate::browser::PickedFile;
use crate::data::DataStore;
use crate::protocol::{FileInfo, Request, Response};
use ingest::{ImportOptions, IngestError, Rejection, Sniffed};
use leptos::prelude::*;

/// Where a job is.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Waiting for the sniffing result.
    Sniffing,
    /// Showing the mapping screen.
    Mapping,
    /// Reading the file.
    Importing {
        /// Data rows so far.
        rows: u64,
        /// Bytes read.
        bytes: u64,
        /// File size.
        total: u64,
    },
    /// Imported.
    Done {
        /// The new file entry.
        file: FileInfo,
        /// The first rejections.
        rejections: Vec<Rejection>,
        /// Import time in milliseconds.
        millis: f64,
    },
    /// Cannot be imported.
    Failed(IngestError),
    /// The user cancelled the import.
    Cancelled,
}

/// A file on the import page.
#[derive(Clone, Copy)]
pub struct Job {
    /// Key in the page's list.
    pub key: u32,
    /// File name.
    pub name: StoredValue<String>,
    file: StoredValue<PickedFile, LocalStorage>,
    /// The user's decisions.
    pub options: RwSignal<ImportOptions>,
    /// The latest sniffing result.
    pub sniffed: RwSignal<Option<Sniffed>>,
    /// Where the job is.
    pub phase: RwSignal<Phase>,
    worker_job: StoredValue<u32>,
    sniff_seq: StoredValue<u32>,
}

impl Job {
    /// A job for `file`; sniffing starts right away.
    pub fn start(key: u32, file: PickedFile, data: DataStore) -> Job {
        let job = Job {
            key,
            name: StoredValue::new(file.name()),
            file: StoredValue::new_local(file),
            options: RwSignal::new(ImportOptions::default()),
            sniffed: RwSignal::new(None),
            phase: RwSignal::new(Phase::Sniffing),
            worker_job: StoredValue::new(0),
            sniff_seq: StoredValue::new(0),
        };
        job.resniff(data);
        job
    }

    /// Sniffs again with the current options (after the kind, encoding, delimiter or header
    /// choice changed); answers to older requests are ignored.
    pub fn resniff(self, data: DataStore) {
        let seq = self.sniff_seq.get_value() + 1;
        self.sniff_seq.set_value(seq);
        let options = self.options.get_untracked();
        let file = self.file.get_value();
        data.request(
            |job| Request::Sniff { job, options },
            Some(&file),
            move |answer| {
                if self.sniff_seq.try_get_value() != Some(seq) {
                    return;
                }
                match answer {
                    Response::Sniffed { result: Ok(s), .. } => {
                        self.sniffed.try_set(Some(s));
                        self.phase.try_set(Phase::Mapping);
                    }
                    Response::Sniffed { result: Err(e), .. }
                    | Response::Failed { error: e, .. } => {
                        self.phase.try_set(Phase::Failed(e));
                    }
                    _ => {}
                }
            },
        );
    }

    /// Changes the options with `f` and sniffs again.
    pub fn change_and_resniff(self, data: DataStore, f: impl FnOnce(&mut ImportOptions)) {
        self.options.update(f);
        self.resniff(data);
    }

    /// The options the import runs with: everything the mapping screen shows, made explicit
    /// so the worker reads the file exactly as previewed.
    pub fn import_options(self) -> Option<ImportOptions> {
        let s = self.sniffed.get_untracked()?;
        let mut o = self.options.get_untracked();
        o.encoding = Some(s.encoding);
        o.delimiter = Some(s.delimiter);
        o.has_header = Some(s.has_header);
        o.kind = s.kind;
        o.mapping = Some(preview::mapping(&s, &o));
        Some(o)
    }

    /// Starts the import.
    pub fn import(self, data: DataStore) {
        let Some(options) = self.import_options() else { return };
        let file = self.file.get_value();
        let total = file.size();
        let name = self.name.get_value();
        self.phase.set(Phase::Importing { rows: 0, bytes: 0, total });
        data.busy.set(Some(name.clone()));
        let id = data.request(
            |job| Request::Import { job, name, options },
            Some(&file),
            move |answer| {
                let next = match answer {
                    Response::Progress { rows, bytes, total_bytes, .. } => {
                        Phase::Importing { rows, bytes, total: total_bytes }
                    }
                    Response::Imported { file, rejections, millis, .. } => {
                        Phase::Done { file, rejections, millis }
                    }
                    Response::Failed { error: IngestError::Cancelled { .. }, .. } => {
                        data.busy.try_set(None);
                        Phase::Cancelled
                    }
                    Response::Failed { error, .. } => {
                        data.busy.try_set(None);
                        Phase::Failed(error)
                    }
                    _ => return,
                };
                self.phase.try_set(next);
            },
        );
        self.worker_job.set_value(id);
    }

    /// Asks the worker to stop this job's import.
    pub fn cancel(self, data: DataStore) {
        let _ = data.send(Request::Cancel { job: self.worker_job.get_value() }, None);
    }

    /// Asks the worker for the rejected rows of the imported file and offers them as a
    /// download.
    pub fn download_rejections(self, data: DataStore, file: u32, lang: locale::Lang) {
        data.request(
            |job| Request::RejectionsCsv { job, file, lang },
            None,
            |answer| {
                if let Response::RejectionsCsv { name, csv, .. } = answer {
                    crate::browser::download(&name, "text/csv;charset=utf-8", csv.as_bytes());
                }
            },
        );
    }
}
