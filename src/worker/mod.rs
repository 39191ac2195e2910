//! The import worker: holds every imported dataset, reads the user's files slice by slice
//! into `ingest::Importer`, and computes the report. The UI thread only gets what it shows
//! (see [`crate::protocol`]).
//!
//! Since issue 18 round four the worker is not a module of its own: the page's workbench
//! module starts itself a second time in a module worker (`import_worker_loader.js`, written
//! by `tools/postbuild.py`), and its `main` sees the worker scope ([`in_worker`]) and runs
//! [`start`] instead of mounting the app. So the dashboard downloads one wasm file, and the
//! code both sides use (std, serde, records, analytics' types) only once.

// Natively only the store's tests use the store.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(target_arch = "wasm32")]
mod run;
mod store;

/// True when this instance of the module runs in the import worker (a dedicated worker's
/// global scope), not on the page.
pub fn in_worker() -> bool {
    use wasm_bindgen::JsCast;
    cfg!(target_arch = "wasm32")
        && js_sys::global().dyn_ref::<web_sys::DedicatedWorkerGlobalScope>().is_some()
}

/// Installs the worker's message handler and tells the page it may send (wasm only).
pub fn start() {
    #[cfg(target_arch = "wasm32")]
    run::start();
}
