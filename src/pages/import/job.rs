//! One file on its way in: sniffed, mapped by the user, imported with progress, done.
//! The worker does the reading; a job holds only what the screen shows.

use super::preview;
use crate::browser::PickedFile;
use crate::data::DataStore;
use crate::protocol::{Failure, FileInfo, ImportEvent};
use ingest::{ImportOptions, Rejection, Sniffed};
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
        /// What the import assumed for missing columns.
        assumptions: Vec<ingest::Assumption>,
        /// Import time in milliseconds.
        millis: f64,
    },
    /// Cannot be imported, or the worker did not answer.
    Failed(Failure),
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
    /// Why the rejected rows could not be downloaded.
    pub csv_failure: RwSignal<Option<Failure>>,
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
            csv_failure: RwSignal::new(None),
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
        data.sniff(&file, options, move |answer| {
            if self.sniff_seq.try_get_value() != Some(seq) {
                return;
            }
            match answer {
                Ok(s) => {
                    self.sniffed.try_set(Some(s.sniffed));
                    self.phase.try_set(Phase::Mapping);
                }
                Err(e) => {
                    self.phase.try_set(Phase::Failed(e));
                }
            }
        });
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

    /// What stops the import, in `lang` (empty: it can start). Reactive.
    pub fn blockers(self, lang: locale::Lang) -> Vec<&'static str> {
        let t = crate::i18n::import::text(lang);
        self.sniffed.with(|s| {
            let Some(s) = s else { return vec![t.reading] };
            let Some(kind) = s.kind else { return vec![t.choose_kind] };
            self.options.with(|o| {
                let mut out = Vec::new();
                let mapping = super::preview::mapping(s, o);
                if !super::preview::missing_required(ingest::fields(kind), &mapping).is_empty() {
                    out.push(t.missing_required);
                }
                if !super::preview::open_date_columns(s, o).is_empty() {
                    out.push(t.date_needed);
                }
                out
            })
        })
    }

    /// Whether the file waits on the mapping screen with nothing left to decide. Reactive.
    pub fn ready(self) -> bool {
        self.phase.with(|p| matches!(p, Phase::Mapping))
            && self.blockers(locale::Lang::En).is_empty()
    }

    /// Starts the import.
    pub fn import(self, data: DataStore) {
        let Some(options) = self.import_options() else { return };
        let file = self.file.get_value();
        let total = file.size();
        let name = self.name.get_value();
        self.phase.set(Phase::Importing { rows: 0, bytes: 0, total });
        let id = data.import(&file, name, options, move |answer| {
            let next = match answer {
                Ok(ImportEvent::Progress { rows, bytes, total_bytes }) => {
                    Phase::Importing { rows, bytes, total: total_bytes }
                }
                Ok(ImportEvent::Done(imported)) => Phase::Done {
                    file: imported.file,
                    rejections: imported.rejections,
                    assumptions: imported.assumptions,
                    millis: imported.millis,
                },
                Err(Failure::Cancelled { .. }) => Phase::Cancelled,
                Err(failure) => Phase::Failed(failure),
            };
            self.phase.try_set(next);
        });
        self.worker_job.set_value(id);
    }

    /// Asks the worker to stop this job's import.
    pub fn cancel(self, data: DataStore) {
        data.cancel(self.worker_job.get_value());
    }

    /// Asks the worker for the rejected rows of the imported file and offers them as a
    /// download (or says why not).
    pub fn download_rejections(self, data: DataStore, file: u32, lang: locale::Lang) {
        self.csv_failure.set(None);
        data.rejections_csv(file, lang, move |answer| match answer {
            Ok(f) => crate::browser::download(&f.name, "text/csv;charset=utf-8", f.csv.as_bytes()),
            Err(failure) => {
                self.csv_failure.try_set(Some(failure));
            }
        });
    }
}
