//! The import worker: holds every imported dataset, reads the user's files slice by slice
//! into `ingest::Importer`, and computes the report. The UI thread only gets what it shows
//! (see `kennzahl::protocol`). Trunk builds it with `data-type="worker"`.

// Natively only the store's tests use the store.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(target_arch = "wasm32")]
mod run;
mod store;

fn main() {
    // Natively (cargo test) there is no worker scope; the bin only exists for the tests of
    // its store.
    #[cfg(target_arch = "wasm32")]
    run::start();
}
