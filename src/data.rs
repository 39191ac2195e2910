//! The user's imported data as the UI sees it: one entry per file and the analytics
//! report computed from all of them.
//!
//! This is the seam between the import flow and the dashboard: the import page adds files,
//! the dashboard and the quarterly report read [`DataStore::report`]. The rows themselves
//! live in the import worker (`crate::worker`); this module is its client: it sends
//! typed requests, hands each answer to the request that waits for it (`crate::pending`),
//! ends requests the worker stays silent on, and mirrors the file list and report into
//! signals.

use crate::browser::{self, PickedFile, Ticker, WorkerHandle};
use crate::pending::{Asked, Handler, Pending};
use crate::protocol::{
    self, CsvFile, DrillTable, Failure, FileInfo, ImportEvent, Kind, Request, Response,
    SegmentChoice, Snapshot, SniffedFile,
};
use analytics::segment::{AttributeInfo, Segment};
use analytics::{Report, ReportOptions};
use ingest::ImportOptions;
use leptos::prelude::*;
use locale::Lang;
use records::DatasetKind;
use std::{cell::RefCell, rc::Rc, sync::Arc};
use wasm_bindgen::JsValue;

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

/// What the data store is busy with, shown beside the sample-data button.
#[derive(Debug, Clone, PartialEq)]
pub enum Busy {
    /// Loading the sample data.
    LoadingSample,
    /// Importing the file with this name.
    Importing(String),
}

/// How often the UI checks for requests the worker has been silent on (milliseconds).
const SILENCE_CHECK_MS: u32 = 1000;

/// The UI thread's side of the worker: requests wait in `queue` until the worker is ready,
/// answers go to the handlers waiting in the table of their kind.
struct Client {
    worker: Option<WorkerHandle>,
    ticker: Option<Ticker>,
    ready: bool,
    broken: bool,
    queue: Vec<(JsValue, Option<PickedFile>)>,
    sniffs: Pending<SniffedFile>,
    imports: Pending<ImportEvent>,
    updates: Pending<()>,
    csvs: Pending<CsvFile>,
    drills: Pending<Option<DrillTable>>,
    /// The segment choice asked for last, ahead of the worker's answers.
    choice: Asked<SegmentChoice>,
    next_job: u32,
}

impl Client {
    fn new() -> Client {
        Client {
            worker: None,
            ticker: None,
            ready: false,
            broken: false,
            queue: Vec::new(),
            sniffs: Pending::new(Kind::Sniff),
            imports: Pending::new(Kind::Import),
            updates: Pending::new(Kind::Update),
            csvs: Pending::new(Kind::RejectionsCsv),
            drills: Pending::new(Kind::Drill),
            choice: Asked::new(),
            next_job: 0,
        }
    }
}

fn sniffs(c: &mut Client) -> &mut Pending<SniffedFile> {
    &mut c.sniffs
}

fn imports(c: &mut Client) -> &mut Pending<ImportEvent> {
    &mut c.imports
}

fn updates(c: &mut Client) -> &mut Pending<()> {
    &mut c.updates
}

fn csvs(c: &mut Client) -> &mut Pending<CsvFile> {
    &mut c.csvs
}

fn drills(c: &mut Client) -> &mut Pending<Option<DrillTable>> {
    &mut c.drills
}

/// Calls each handler of requests that ended with its failure (outside any borrow of the
/// client, so a handler may send the next request).
fn fail_expired<A>(ended: Vec<(u32, Handler<A>, Failure)>) {
    for (_, handler, failure) in ended {
        handler(Err(failure));
    }
}

/// Calls every handler with `failure` (outside any borrow of the client).
fn fail_each<A>(handlers: Vec<Handler<A>>, failure: &Failure) {
    for handler in handlers {
        handler(Err(failure.clone()));
    }
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
    /// The attributes the files offer for splitting and filtering.
    pub attributes: RwSignal<Vec<AttributeInfo>>,
    /// The split and filter the report was computed with.
    pub choice: RwSignal<SegmentChoice>,
    /// The segments of the split, side by side on the dashboard.
    pub segments: RwSignal<Arc<Vec<Segment>>>,
    /// A running task, for progress display.
    pub busy: RwSignal<Option<Busy>>,
    /// The import worker could not be started or failed.
    pub worker_failed: RwSignal<bool>,
    /// Why the last change of the file list (sample data, removal, new options) failed.
    pub failure: RwSignal<Option<Failure>>,
    /// Ids of the files the user imported (not the sample data): while one of them is
    /// listed, leaving or reloading the page asks first (issue 19).
    own_files: RwSignal<Vec<u32>>,
    client: StoredValue<Rc<RefCell<Client>>, LocalStorage>,
}

impl DataStore {
    /// An empty store; starts the import worker (in a browser). The `App` calls it once and
    /// provides the store as context ([`use_data`]): a second store would start a second
    /// worker that holds none of the files.
    pub fn start() -> DataStore {
        let store = DataStore {
            files: RwSignal::new(Vec::new()),
            report: RwSignal::new(None),
            // The default as-of date is never after today (see `ReportOptions::today`).
            options: RwSignal::new(ReportOptions {
                today: Some(records::Date::from_days((browser::now_ms() / 86_400_000.0) as i32)),
                ..ReportOptions::default()
            }),
            attributes: RwSignal::new(Vec::new()),
            choice: RwSignal::new(SegmentChoice::default()),
            segments: RwSignal::new(Arc::new(Vec::new())),
            busy: RwSignal::new(None),
            worker_failed: RwSignal::new(false),
            failure: RwSignal::new(None),
            own_files: RwSignal::new(Vec::new()),
            client: StoredValue::new_local(Rc::new(RefCell::new(Client::new()))),
        };
        let client = store.client.get_value();
        let on_message = {
            let client = client.clone();
            move |value: JsValue| {
                let response = value.as_string().and_then(|t| protocol::from_wire(&t));
                if let Some(response) = response {
                    store.receive(&client, response);
                }
            }
        };
        let on_error = {
            let client = client.clone();
            move || store.fail_all(&client)
        };
        let worker = browser::start_worker(protocol::WORKER_URL, on_message, on_error);
        let ticker = {
            let client = client.clone();
            Ticker::every(SILENCE_CHECK_MS, move || store.end_silent(&client))
        };
        let mut c = client.borrow_mut();
        c.worker = worker;
        c.ticker = ticker;
        store.guard_unload();
        store
    }

    /// No silent data loss (issue 19): imported files live only in this tab (nothing is
    /// stored across sessions), so leaving or reloading the page while one is listed asks
    /// first. The sample data comes back with one click and does not ask; nor does an
    /// embedded frame, which must not hold up the page around it.
    fn guard_unload(&self) {
        if browser::in_frame() || crate::route::is_embed(&browser::location_search()) {
            return;
        }
        let (files, own) = (self.files, self.own_files);
        browser::guard_unload(move || {
            let files = files.try_get_untracked().unwrap_or_default();
            let own = own.try_get_untracked().unwrap_or_default();
            asks_before_leaving(&files, &own)
        });
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
            Response::Sniff { job, answer } => {
                let handler = client.borrow_mut().sniffs.done(job);
                if let Some(h) = handler {
                    h(answer);
                }
            }
            Response::Import { job, answer } => {
                let handler = {
                    let mut c = client.borrow_mut();
                    match &answer {
                        Ok(ImportEvent::Progress { .. }) => c.imports.heard(job, browser::now_ms()),
                        Ok(ImportEvent::Done(_)) | Err(_) => c.imports.done(job),
                    }
                };
                // The new file list counts even if nobody waits any more; the report over it
                // follows as `Response::Snapshot`.
                let answer = answer.map(|event| match event {
                    ImportEvent::Done(mut imported) => {
                        self.own_files.try_update(|own| own.push(imported.file.id));
                        let files = std::mem::take(&mut imported.files);
                        self.files.try_set(files.into_iter().map(FileEntry::from).collect());
                        ImportEvent::Done(imported)
                    }
                    progress @ ImportEvent::Progress { .. } => progress,
                });
                if let Some(h) = handler {
                    h(answer);
                }
            }
            Response::Snapshot { answer, .. } => self.apply(answer),
            Response::Update { job, answer } => {
                let handler = client.borrow_mut().updates.done(job);
                let answer = answer.map(|snapshot| self.apply(snapshot));
                if let Some(h) = handler {
                    h(answer);
                }
            }
            Response::RejectionsCsv { job, answer } => {
                let handler = client.borrow_mut().csvs.done(job);
                if let Some(h) = handler {
                    h(answer);
                }
            }
            Response::Drill { job, answer } => {
                let handler = client.borrow_mut().drills.done(job);
                if let Some(h) = handler {
                    h(answer);
                }
            }
        }
    }

    fn apply(&self, snapshot: Snapshot) {
        self.files.try_set(snapshot.files.into_iter().map(FileEntry::from).collect());
        self.report.try_set(snapshot.report.map(|r| Arc::new(*r)));
        self.attributes.try_set(snapshot.attributes);
        // A choice asked for after this answer's request stays on screen (issue 17).
        let choice = self.client.try_with_value(|c| c.borrow().choice.current(&snapshot.choice));
        self.choice.try_set(choice.unwrap_or(snapshot.choice));
        self.segments.try_set(Arc::new(snapshot.segments));
    }

    /// The worker is gone: every waiting request fails, so no screen waits forever.
    fn fail_all(&self, client: &Rc<RefCell<Client>>) {
        let (s, i, u, c, d) = {
            let mut c = client.borrow_mut();
            c.broken = true;
            (
                c.sniffs.drain(),
                c.imports.drain(),
                c.updates.drain(),
                c.csvs.drain(),
                c.drills.drain(),
            )
        };
        self.worker_failed.try_set(true);
        self.busy.try_set(None);
        let gone = Failure::WorkerUnavailable;
        fail_each(s, &gone);
        fail_each(i, &gone);
        fail_each(u, &gone);
        fail_each(c, &gone);
        fail_each(d, &gone);
    }

    /// Ends the requests the worker has been silent on for longer than their kind allows;
    /// an import that ends so is also cancelled, so that it cannot add its file later.
    fn end_silent(&self, client: &Rc<RefCell<Client>>) {
        let now = browser::now_ms();
        let (s, i, u, c, d) = {
            let mut c = client.borrow_mut();
            (
                c.sniffs.expired(now),
                c.imports.expired(now),
                c.updates.expired(now),
                c.csvs.expired(now),
                c.drills.expired(now),
            )
        };
        for (job, _, _) in &i {
            let _ = self.post(Request::Cancel { job: *job }, None);
        }
        fail_expired(s);
        fail_expired(i);
        fail_expired(u);
        fail_expired(c);
        fail_expired(d);
    }

    /// Sends the request that `make` builds with a new job id and hands its answers to
    /// `handler` (waiting in `table`); a request that cannot be sent fails at once.
    fn ask<A>(
        &self,
        table: fn(&mut Client) -> &mut Pending<A>,
        make: impl FnOnce(u32) -> Request,
        file: Option<&PickedFile>,
        handler: Handler<A>,
    ) -> u32 {
        let client = self.client.get_value();
        let job = {
            let mut c = client.borrow_mut();
            c.next_job += 1;
            c.next_job
        };
        let usable = {
            let c = client.borrow();
            c.worker.is_some() && !c.broken
        };
        if !usable {
            handler(Err(Failure::WorkerUnavailable));
            return job;
        }
        table(&mut client.borrow_mut()).wait(job, browser::now_ms(), handler);
        if !self.post(make(job), file) {
            let handler = table(&mut client.borrow_mut()).done(job);
            if let Some(h) = handler {
                h(Err(Failure::WorkerUnavailable));
            }
        }
        job
    }

    /// Posts `request` (with `file`), or queues it until the worker is ready; false when there
    /// is no worker to send it to.
    fn post(&self, request: Request, file: Option<&PickedFile>) -> bool {
        let Some(msg) = protocol::to_wire(&request) else { return false };
        let msg = JsValue::from_str(&msg);
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

    /// Sniffs the head of `file` with `options`; `on_answer` gets the result.
    pub fn sniff(
        &self,
        file: &PickedFile,
        options: ImportOptions,
        on_answer: impl Fn(Result<SniffedFile, Failure>) + 'static,
    ) {
        self.ask(sniffs, |job| Request::Sniff { job, options }, Some(file), Rc::new(on_answer));
    }

    /// Imports `file` as `name`; `on_answer` gets the progress and then the end. Returns the
    /// job id, for [`DataStore::cancel`].
    pub fn import(
        &self,
        file: &PickedFile,
        name: String,
        options: ImportOptions,
        on_answer: impl Fn(Result<ImportEvent, Failure>) + 'static,
    ) -> u32 {
        self.busy.set(Some(Busy::Importing(name.clone())));
        let busy = self.busy;
        let on_answer = move |answer: Result<ImportEvent, Failure>| {
            if !matches!(answer, Ok(ImportEvent::Progress { .. })) {
                busy.try_set(None);
            }
            on_answer(answer);
        };
        let make = |job| Request::Import { job, name, options };
        self.ask(imports, make, Some(file), Rc::new(on_answer))
    }

    /// Asks the worker to stop the import `job`; it then ends with [`Failure::Cancelled`].
    pub fn cancel(&self, job: u32) {
        let _ = self.post(Request::Cancel { job }, None);
    }

    /// The rejected rows of imported file `file`, with the reason column in `lang`.
    pub fn rejections_csv(
        &self,
        file: u32,
        lang: Lang,
        on_answer: impl Fn(Result<CsvFile, Failure>) + 'static,
    ) {
        let make = |job| Request::RejectionsCsv { job, file, lang };
        self.ask(csvs, make, None, Rc::new(on_answer));
    }

    /// The rows behind `kpi` in `period`, or with `cohort` behind that cohort cell, or with
    /// `account` behind that account's health score (`None`: no drill-down for the KPI).
    pub fn drill(
        &self,
        kpi: analytics::Kpi,
        period: analytics::Period,
        cohort: Option<(records::Month, u32)>,
        account: Option<String>,
        on_answer: impl Fn(Result<Option<DrillTable>, Failure>) + 'static,
    ) {
        let make = |job| Request::Drill { job, kpi, period, cohort, account };
        self.ask(drills, make, None, Rc::new(on_answer));
    }

    /// Changes the file list or the options in the worker; a failure is shown on the import
    /// page ([`DataStore::failure`]).
    fn update(&self, make: impl FnOnce(u32) -> Request) {
        self.update_then(make, |_| {});
    }

    /// [`DataStore::update`], calling `on_end` with the job id when its request ends.
    fn update_then(&self, make: impl FnOnce(u32) -> Request, on_end: impl Fn(u32) + 'static) {
        self.failure.set(None);
        let (busy, failure) = (self.busy, self.failure);
        let job = Rc::new(std::cell::Cell::new(0u32));
        let make = {
            let job = job.clone();
            move |j| {
                job.set(j);
                make(j)
            }
        };
        let on_answer = move |answer: Result<(), Failure>| {
            on_end(job.get());
            if busy.try_get_untracked() == Some(Some(Busy::LoadingSample)) {
                busy.try_set(None);
            }
            if let Err(f) = answer {
                failure.try_set(Some(f));
            }
        };
        self.ask(updates, make, None, Rc::new(on_answer));
    }

    /// Removes a file and recomputes the report.
    pub fn remove(&self, id: u32) {
        self.update(|job| Request::Remove { job, file: id });
    }

    /// Recomputes the report with the current options.
    pub fn recompute(&self) {
        let options = self.options.get_untracked();
        self.update(|job| Request::Options { job, options });
    }

    /// Splits and filters the report ([`analytics::segment`]).
    /// The next change starts from this choice ([`DataStore::choice`] shows it at once), so a
    /// filter picked before the split's answer arrives keeps the split.
    pub fn set_choice(&self, choice: SegmentChoice) {
        self.choice.set(choice.clone());
        let client = self.client.get_value();
        let settle = client.clone();
        let on_end = move |job| settle.borrow_mut().choice.settled(job);
        self.update_then(
            |job| {
                client.borrow_mut().choice.ask(job, choice.clone());
                Request::Segments { job, choice }
            },
            on_end,
        );
    }

    /// Loads the deterministic sample data of every kind (the "try with sample data" button),
    /// its files named in `lang`.
    pub fn load_sample(&self, lang: Lang) {
        self.busy.set(Some(Busy::LoadingSample));
        self.update(|job| Request::LoadSample { job, lang });
    }

    /// Loads the sample data when the page was opened with `?sample=1` and nothing is loaded
    /// yet, so that links to the dashboard or the quarterly report can show an example.
    pub fn load_sample_if_asked(&self, lang: Lang) {
        if browser::query_param("sample").as_deref() == Some("1")
            && self.report.with_untracked(|r| r.is_none())
        {
            self.load_sample(lang);
        }
    }
}

/// True when a file the user imported (`own`, by id) is still listed: leaving would lose it.
fn asks_before_leaving(files: &[FileEntry], own: &[u32]) -> bool {
    files.iter().any(|f| own.contains(&f.id))
}

/// The data store, which the `App` component provides before any page renders.
///
/// # Panics
/// When called outside the `App` component's tree. That is a programming error, not a user's
/// input: making a store here instead would start a second import worker that holds none of
/// the user's files.
// A missing provider is a bug in the app, so it panics (see above) instead of going on.
#[allow(clippy::expect_used)]
pub fn use_data() -> DataStore {
    use_context::<DataStore>()
        .expect("use_data: no DataStore in context; it is provided by kennzahl::App (src/lib.rs)")
}

#[cfg(test)]
mod tests {
    use super::{asks_before_leaving, FileEntry};
    use records::DatasetKind;

    fn entry(id: u32) -> FileEntry {
        FileEntry {
            id,
            name: format!("f{id}.csv"),
            kind: DatasetKind::Subscriptions,
            accounting: Default::default(),
        }
    }

    #[test]
    fn only_a_listed_file_of_the_user_asks_before_leaving() {
        // Nothing loaded, or only the sample data (ids 1 and 2): nothing to lose.
        assert!(!asks_before_leaving(&[], &[]));
        assert!(!asks_before_leaving(&[entry(1), entry(2)], &[]));
        // The user's file 3 beside the sample data.
        assert!(asks_before_leaving(&[entry(1), entry(2), entry(3)], &[3]));
        // File 3 imported and removed again.
        assert!(!asks_before_leaving(&[entry(1), entry(2)], &[3]));
    }
}
