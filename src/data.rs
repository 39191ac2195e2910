//! The user's imported data as the UI sees it: one entry per file and the analytics
//! report computed from all of them.
//!
//! This is the seam between the import flow and the dashboard: the import page adds files,
//! the dashboard and the quarterly report read [`DataStore::report`]. The rows themselves
//! should live where they are parsed (the import worker), not in the UI thread.

use analytics::{Report, ReportOptions};
use leptos::prelude::*;
use records::{Dataset, DatasetKind};
use std::sync::Arc;

/// One imported file, as listed in the UI.
#[derive(Debug, Clone, PartialEq)]
pub struct FileEntry {
    /// Stable id within this session.
    pub id: u32,
    /// File name as the user chose it (or "Beispieldaten …" for sample data).
    pub name: String,
    /// Dataset kind it was imported as.
    pub kind: DatasetKind,
    /// Rows in the file, used, rejected, skipped.
    pub accounting: ingest::Accounting,
}

/// The data context.
#[derive(Clone, Copy)]
pub struct DataStore {
    /// Files imported in this session (nothing is stored across sessions).
    pub files: RwSignal<Vec<FileEntry>>,
    /// The report over all files, `None` until there is data.
    pub report: RwSignal<Option<Arc<Report>>>,
    /// Options the report is computed with (period, thresholds, health weights …).
    pub options: RwSignal<ReportOptions>,
    /// A running task's description, for progress display.
    pub busy: RwSignal<Option<String>>,
    datasets: StoredValue<Vec<(u32, Dataset)>>,
}

impl DataStore {
    /// An empty store.
    pub fn new() -> DataStore {
        DataStore {
            files: RwSignal::new(Vec::new()),
            report: RwSignal::new(None),
            options: RwSignal::new(ReportOptions::default()),
            busy: RwSignal::new(None),
            datasets: StoredValue::new(Vec::new()),
        }
    }

    /// Adds an imported dataset and recomputes the report.
    pub fn add(&self, name: String, dataset: Dataset, accounting: ingest::Accounting) {
        let id = self.files.with_untracked(|f| f.iter().map(|e| e.id).max().unwrap_or(0) + 1);
        let kind = dataset.kind();
        self.datasets.update_value(|d| d.push((id, dataset)));
        self.files.update(|f| f.push(FileEntry { id, name, kind, accounting }));
        self.recompute();
    }

    /// Removes a file and recomputes the report.
    pub fn remove(&self, id: u32) {
        self.datasets.update_value(|d| d.retain(|(i, _)| *i != id));
        self.files.update(|f| f.retain(|e| e.id != id));
        self.recompute();
    }

    /// Recomputes the report with the current options.
    pub fn recompute(&self) {
        let options = self.options.get_untracked();
        let report = self.datasets.with_value(|d| {
            let sets: Vec<Dataset> = d.iter().map(|(_, s)| s.clone()).collect();
            (!sets.is_empty()).then(|| Arc::new(analytics::report(&sets, &options)))
        });
        self.report.set(report);
    }

    /// Loads the deterministic sample data of every kind (the "try with sample data" button).
    pub fn load_sample(&self, lang: locale::Lang) {
        let de = lang == locale::Lang::De;
        for dataset in sample::demo() {
            let kind = dataset.kind();
            let rows = dataset.len() as u64;
            let accounting = ingest::Accounting { rows, used: rows, ..Default::default() };
            let name =
                format!("{} ({})", if de { "Beispieldaten" } else { "Sample data" }, kind.id());
            self.add(name, dataset, accounting);
        }
    }
}

impl Default for DataStore {
    fn default() -> Self {
        DataStore::new()
    }
}

/// The data store; the App provides it.
pub fn use_data() -> DataStore {
    use_context::<DataStore>().unwrap_or_default()
}
