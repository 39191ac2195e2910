//! The worker's message loop: one handler per request, async where a file is read.

use super::store::{Extra, Store};
use crate::protocol::{
    from_wire, Failure, ImportEvent, Imported, Request, Response, Snapshot, SniffedFile,
    HEAD_BYTES, PROGRESS_EVERY_MS, SHOWN_REJECTIONS, SLICE_BYTES,
};
use ingest::{HeadSniff, ImportOptions, Importer};
use records::DatasetKind;
use std::cell::RefCell;
use std::collections::HashSet;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::default());
    static CANCELLED: RefCell<HashSet<u32>> = RefCell::new(HashSet::new());
    /// Dataset kinds whose import code [`warm_up`] has run already.
    static WARMED: RefCell<HashSet<DatasetKind>> = RefCell::new(HashSet::new());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(response: &Response) {
    if let Some(text) = crate::protocol::to_wire(response) {
        let _ = scope().post_message(&JsValue::from_str(&text));
    }
}

fn snapshot() -> Snapshot {
    STORE.with(|s| s.borrow_mut().snapshot())
}

fn post_import(job: u32, answer: Result<ImportEvent, Failure>) {
    post(&Response::Import { job, answer });
}

/// Installs the message handler and tells the UI thread it may send.
pub fn start() {
    let handler = Closure::<dyn Fn(MessageEvent)>::new(|ev: MessageEvent| {
        let data = ev.data();
        let msg = js_sys::Reflect::get(&data, &"msg".into()).unwrap_or(JsValue::UNDEFINED);
        let file = js_sys::Reflect::get(&data, &"file".into())
            .ok()
            .and_then(|f| f.dyn_into::<Blob>().ok());
        if let Some(request) = msg.as_string().and_then(|t| from_wire::<Request>(&t)) {
            handle(request, file);
        }
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&Response::Ready);
}

fn handle(request: Request, file: Option<Blob>) {
    match request {
        Request::Sniff { job, options } => spawn_local(sniff(job, file, options)),
        Request::Import { job, name, options } => spawn_local(import(job, name, file, options)),
        Request::Cancel { job } => {
            CANCELLED.with(|c| c.borrow_mut().insert(job));
        }
        Request::Remove { job, file } => update(job, |s| s.remove(file)),
        Request::Options { job, options } => update(job, |s| s.set_options(options)),
        Request::Segments { job, choice } => update(job, |s| s.set_choice(choice)),
        Request::LoadSample { job, lang } => update(job, |s| s.add_sample(lang)),
        Request::RejectionsCsv { job, file, lang } => {
            let answer =
                STORE.with(|s| s.borrow().rejections_csv(file, lang)).ok_or(Failure::UnknownFile);
            post(&Response::RejectionsCsv { job, answer });
        }
        Request::Drill { job, kpi, period, cohort, account } => {
            let target = match (account, cohort) {
                (Some(a), _) => analytics::Target::Account(a),
                (None, Some((first, since))) => analytics::Target::Cohort(first, since),
                (None, None) => analytics::Target::Kpi(kpi, period),
            };
            let answer = STORE.with(|s| s.borrow().drill(&target));
            post(&Response::Drill { job, answer: Ok(answer) });
        }
    }
}

/// Changes the store and answers with the new snapshot.
fn update(job: u32, change: impl FnOnce(&mut Store)) {
    STORE.with(|s| change(&mut s.borrow_mut()));
    post(&Response::Update { job, answer: Ok(snapshot()) });
}

/// The browser's own reason (in the browser's language, often English) is left out: the
/// user gets our text in their language.
fn read_error(_: JsValue) -> Failure {
    Failure::Unreadable
}

/// Starts reading bytes `start..end` of `blob` right away (the browser reads while the caller
/// goes on); await the result with [`take`].
fn start_read(blob: &Blob, start: u64, end: u64) -> Result<JsFuture, Failure> {
    let part = blob.slice_with_f64_and_f64(start as f64, end as f64).map_err(read_error)?;
    Ok(JsFuture::from(part.array_buffer()))
}

/// Waits for a read started by [`start_read`] and copies its bytes into `buf` (reused from
/// slice to slice).
async fn take(read: JsFuture, buf: &mut Vec<u8>) -> Result<(), Failure> {
    let buffer = read.await.map_err(read_error)?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    buf.resize(bytes.length() as usize, 0);
    bytes.copy_to(buf);
    Ok(())
}

async fn read(blob: &Blob, start: u64, end: u64) -> Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    take(start_read(blob, start, end)?, &mut buf).await?;
    Ok(buf)
}

async fn sniff(job: u32, file: Option<Blob>, options: ImportOptions) {
    let Some(file) = file else {
        return post(&Response::Sniff { job, answer: Err(Failure::NoFile) });
    };
    let size = file.size() as u64;
    let head = read_head(&file, size, &options).await;
    let answer = match &head {
        Ok((head, sniffed)) => {
            fits(head, size, sniffed.kind).map(|()| SniffedFile { size, sniffed: sniffed.clone() })
        }
        Err(e) => Err(e.clone()),
    };
    let head = head.map(|(head, _)| head);
    let kind = answer.as_ref().ok().and_then(|s| s.sniffed.kind);
    post(&Response::Sniff { job, answer });
    if let (Some(kind), Ok(head)) = (kind, head) {
        if WARMED.with(|w| w.borrow_mut().insert(kind)) {
            warm_up(&head, &options);
        }
    }
}

/// Reads the file's head and sniffs it: 64 KiB, and more while the sniffer says the first
/// data row goes on past it (up to `ingest::SNIFF_MAX_BYTES`).
async fn read_head(
    file: &Blob,
    size: u64,
    options: &ImportOptions,
) -> Result<(Vec<u8>, ingest::Sniffed), Failure> {
    let mut head = read(file, 0, HEAD_BYTES.min(size)).await?;
    loop {
        match ingest::sniff_head(&head, size, options).map_err(Failure::Ingest)? {
            HeadSniff::Sniffed(sniffed) => return Ok((head, *sniffed)),
            HeadSniff::ReadMore(need) => {
                let more = read(file, head.len() as u64, (need as u64).min(size)).await?;
                // A file that shrank since it was chosen would ask for ever.
                if more.is_empty() {
                    return Err(Failure::Unreadable);
                }
                head.extend_from_slice(&more);
            }
        }
    }
}

/// Whether the file fits into what is left of this worker's memory (`ingest::capacity`),
/// asked before anything past the head is read: a file too big would trap the worker (and
/// lose every file imported before) instead of saying so.
fn fits(head: &[u8], size: u64, kind: Option<DatasetKind>) -> Result<(), Failure> {
    let Some(footprint) = kind.and_then(|k| ingest::capacity::footprint(head, size, k)) else {
        return Ok(());
    };
    let in_use = core::arch::wasm32::memory_size::<0>() as u64 * 65_536;
    ingest::capacity::check(footprint, size, in_use)
        .map_err(|too_big| Failure::TooBig { size, max_file: too_big.max_file })
}

/// Files from this size on are checked again at the start of the import (a 100 MB
/// subscriptions export needs 0.24 GB; the limit is over 1 GB).
const CHECK_FROM_BYTES: u64 = 64 << 20;

/// The dataset kind an import of a file starting with `head` will have: the chosen one, or
/// the sniffed one.
fn kind_of(head: &[u8], size: u64, options: &ImportOptions) -> Option<DatasetKind> {
    options.kind.or_else(|| match ingest::sniff_head(head, size, options) {
        Ok(HeadSniff::Sniffed(sniffed)) => sniffed.kind,
        _ => None,
    })
}

/// Runs the import once over the file's head and drops the result, while the user looks at
/// the mapping screen (once per dataset kind and worker: the code is compiled by then). The browser compiles wasm functions on their first call and optimises
/// them once they are hot; without this the first real import pays for it (measured: the
/// first 1 MB import of a fresh worker took 27 ms to parse, the next ones 7–9 ms).
fn warm_up(head: &[u8], options: &ImportOptions) {
    let mut importer = Importer::with_file_size(options.clone(), head.len() as u64);
    if importer.push(head).is_ok() {
        let _ = importer.finish();
    }
}

fn cancelled(job: u32) -> bool {
    CANCELLED.with(|c| c.borrow_mut().remove(&job))
}

async fn import(job: u32, name: String, file: Option<Blob>, options: ImportOptions) {
    let Some(file) = file else {
        return post_import(job, Err(Failure::NoFile));
    };
    let started = js_sys::Date::now();
    let size = file.size() as u64;
    // Only a big file can be too big; small ones skip the second look at the head.
    let check_options = (size >= CHECK_FROM_BYTES).then(|| options.clone());
    let mut importer = Importer::with_file_size(options, size);
    let mut offset = 0;
    let mut last_progress = started;
    let mut chunk = Vec::new();
    // The next slice is always being read while the current one is parsed.
    // The first read is only the head, which arrives sooner, so the importer starts while the
    // first full slice is read.
    let mut pending = match start_read(&file, 0, HEAD_BYTES.min(size)) {
        Ok(read) => Some(read),
        Err(failure) => return post_import(job, Err(failure)),
    };
    while let Some(read) = pending.take() {
        if cancelled(job) {
            let rows = importer.progress().rows;
            return post_import(job, Err(Failure::Cancelled { rows }));
        }
        if let Err(failure) = take(read, &mut chunk).await {
            return post_import(job, Err(failure));
        }
        if let (0, Some(options)) = (offset, &check_options) {
            // The head: the sniffing answer said so already, but an import may come with
            // other options (another kind), or after other files filled the memory.
            if let Err(failure) = fits(&chunk, size, kind_of(&chunk, size, options)) {
                return post_import(job, Err(failure));
            }
        }
        offset += chunk.len() as u64;
        if offset < size && !chunk.is_empty() {
            match start_read(&file, offset, (offset + SLICE_BYTES).min(size)) {
                Ok(read) => pending = Some(read),
                Err(failure) => return post_import(job, Err(failure)),
            }
        }
        if let Err(error) = importer.push(&chunk) {
            return post_import(job, Err(Failure::Ingest(error)));
        }
        let now = js_sys::Date::now();
        if now - last_progress >= PROGRESS_EVERY_MS {
            last_progress = now;
            let rows = importer.progress().rows;
            let progress = ImportEvent::Progress { rows, bytes: offset, total_bytes: size };
            post_import(job, Ok(progress));
        }
    }
    // A Cancel that arrived during the last slice still wins: the user asked for it.
    if cancelled(job) {
        let rows = importer.progress().rows;
        return post_import(job, Err(Failure::Cancelled { rows }));
    }
    match importer.finish() {
        Ok(result) => {
            let shown: Vec<_> = result.rejections.iter().take(SHOWN_REJECTIONS).cloned().collect();
            let extra = Extra {
                rejections: result.rejections,
                headers: result.settings.headers.clone(),
                delimiter: result.settings.delimiter,
                survey_scales: result.settings.survey_scales.clone(),
                lines: result.lines,
                attributes: result.attributes,
            };
            let file =
                STORE.with(|s| s.borrow_mut().add(name, result.dataset, result.accounting, extra));
            let imported = Imported {
                file,
                rejections: shown,
                settings: result.settings,
                assumptions: result.assumptions,
                millis: js_sys::Date::now() - started,
                files: STORE.with(|s| s.borrow().files()),
            };
            // The result first, so the page draws it while the report is computed here.
            post_import(job, Ok(ImportEvent::Done(Box::new(imported))));
            post(&Response::Snapshot { job, answer: snapshot() });
        }
        Err(error) => post_import(job, Err(Failure::Ingest(error))),
    }
}
