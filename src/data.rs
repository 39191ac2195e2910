//! The user's imported data as the UI sees it: one entry per file and the analytics
//! report computed from all of them.
//!
//! This is the seam between the import flow and the dashboard: the import page adds files,
//! the dashboard and the quarterly report read [`DataStore::report`]. The rows themselves
//! live in the import worker (`src/bin/import_worker/`); this module is its client and
//! mirrors the worker's file list and report into signals.

use crate::browser::{self, PickedFile, WorkerHandle};
use crate::protocol::{self, FileInfo, Request, Response};
use analytics::{Report, ReportOptions};
use leptos::prelude::*;
use records::{Dataset, DatasetKind};
use std::{cell::RefCell, collections::HashMap, rc::Rc, sync::Arc};

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

impl From<FileInfo> for FileEntry {
    fn from(f: FileInfo) -> FileEntry {
        FileEntry { id: f.id, name: f.name, kind: f.kind, accounting: f.accounting }
    }
}

type Handler = Rc<dyn Fn(Response)>;

/// The UI thread's side of the worker: requests wait in `queue` until the worker is ready.
#[derive(Default)]
struct Client {
    worker: Option<WorkerHandle>,
    ready: bool,
    broken: bool,
    queue: Vec<(wasm_bindgen::JsValue, Option<PickedFile>)>,
    handlers: HashMap<u32, Handler>,
    next_job: u32,
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
    /// The import worker could not be started or failed.
    pub worker_failed: RwSignal<bool>,
    client: StoredValue<Rc<RefCell<Client>>, LocalStorage>,
}

impl DataStore {
    /// An empty store; starts the import worker (in a browser).
    pub fn new() -> DataStore {
        let store = DataStore {
            files: RwSignal::new(Vec::new()),
            report: RwSignal::new(None),
            options: RwSignal::new(ReportOptions::default()),
            busy: RwSignal::new(None),
            worker_failed: RwSignal::new(false),
            client: StoredValue::new_local(Rc::new(RefCell::new(Client::default()))),
        };
        let client = store.client.get_value();
        let on_message = {
            let client = client.clone();
            move |value| {
                if let Ok(response) = serde_wasm_bindgen::from_value::<Response>(value) {
                    store.receive(&client, response);
                }
            }
        };
        let on_error = {
            let client = client.clone();
            move || store.fail_all(&client)
        };
        let worker = browser::start_worker(protocol::WORKER_URL, on_message, on_error);
        client.borrow_mut().worker = worker;
        store
    }

    fn receive(&self, client: &Rc<RefCell<Client>>, response: Response) {
        match response {
            Response::Ready => {
                let queue = {
                    let mut c = client.borrow_mut();
                    c.ready = true;
                    std::mem::take(&mut c.queue)
                };
                let c = client.borrow();
                if let Some(w) = &c.worker {
                    for (msg, file) in queue {
                        browser::post_to_worker(w, &msg, file.as_ref());
                    }
                }
            }
            Response::Files { files, report } => {
                self.files.try_set(files.into_iter().map(FileEntry::from).collect());
                self.report.try_set(report.map(|r| Arc::new(*r)));
                self.busy.try_set(None);
            }
            response => {
                let Some(job) = response.job() else { return };
                let handler = {
                    let mut c = client.borrow_mut();
                    if matches!(response, Response::Progress { .. }) {
                        c.handlers.get(&job).cloned()
                    } else {
                        c.handlers.remove(&job)
                    }
                };
                if let Some(h) = handler {
                    h(response);
                }
            }
        }
    }

    /// The worker is gone: every waiting request fails, so no screen waits forever.
    fn fail_all(&self, client: &Rc<RefCell<Client>>) {
        let handlers: Vec<(u32, Handler)> = {
            let mut c = client.borrow_mut();
            c.broken = true;
            c.handlers.drain().collect()
        };
        self.worker_failed.try_set(true);
        self.busy.try_set(None);
        for (job, h) in handlers {
            h(Response::Failed { job, error: worker_error() });
        }
    }

    /// Sends `request` (with `file`) to the worker; `on_answer` gets the answers for the
    /// job id that `make` receives (progress, then one final answer).
    pub fn request(
        &self,
        make: impl FnOnce(u32) -> Request,
        file: Option<&PickedFile>,
        on_answer: impl Fn(Response) + 'static,
    ) -> u32 {
        let client = self.client.get_value();
        let job = {
            let mut c = client.borrow_mut();
            c.next_job += 1;
            c.next_job
        };
        let request = make(job);
        let usable = {
            let c = client.borrow();
            c.worker.is_some() && !c.broken
        };
        if !usable {
            on_answer(Response::Failed { job, error: worker_error() });
            return job;
        }
        client.borrow_mut().handlers.insert(job, Rc::new(on_answer));
        if !self.send(request, file) {
            let handler = client.borrow_mut().handlers.remove(&job);
            if let Some(h) = handler {
                h(Response::Failed { job, error: worker_error() });
            }
        }
        job
    }

    /// Sends `request` without waiting for an answer of its own; false when there is no
    /// worker to send it to.
    pub fn send(&self, request: Request, file: Option<&PickedFile>) -> bool {
        let Ok(msg) = serde_wasm_bindgen::to_value(&request) else { return false };
        let client = self.client.get_value();
        let mut c = client.borrow_mut();
        if c.broken {
            return false;
        }
        match &c.worker {
            Some(w) if c.ready => browser::post_to_worker(w, &msg, file),
            Some(_) => {
                c.queue.push((msg, file.cloned()));
                true
            }
            None => false,
        }
    }

    /// Adds an imported dataset and recomputes the report (in the worker).
    pub fn add(&self, name: String, dataset: Dataset, accounting: ingest::Accounting) {
        let _ = self.send(Request::AddDataset { name, dataset, accounting }, None);
    }

    /// Removes a file and recomputes the report.
    pub fn remove(&self, id: u32) {
        let _ = self.send(Request::Remove { file: id }, None);
    }

    /// Recomputes the report with the current options.
    pub fn recompute(&self) {
        let _ = self.send(Request::Options { options: self.options.get_untracked() }, None);
    }

    /// Loads the deterministic sample data of every kind (the "try with sample data" button).
    pub fn load_sample(&self, lang: locale::Lang) {
        let de = lang == locale::Lang::De;
        let text = if de { "Beispieldaten werden geladen" } else { "Loading sample data" };
        self.busy.set(Some(text.into()));
        if !self.send(Request::LoadSample { de }, None) {
            self.busy.set(None);
        }
    }

    /// Loads the sample data when the page was opened with `?sample=1` and nothing is loaded
    /// yet, so that links to the dashboard or the quarterly report can show an example.
    pub fn load_sample_if_asked(&self, lang: locale::Lang) {
        if browser::query_param("sample").as_deref() == Some("1")
            && self.report.with_untracked(|r| r.is_none())
        {
            self.load_sample(lang);
        }
    }
}

fn worker_error() -> ingest::IngestError {
    ingest::IngestError::Read {
        line: 0,
        message: "the import worker is not available (Web Worker blocked or failed to load)".into(),
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
