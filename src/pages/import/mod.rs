//! Import: drop, pick or paste files; see what was detected; map columns; import with row
//! accounting. Files are read by the import worker (see `crate::data`); nothing is uploaded.
//!
//! Reading path: `job` (one file's state and its requests to the worker) → `mapping` and
//! `table` (the mapping screen and preview, computed in `preview`) → `outcome` (progress,
//! result, error) → `card` (puts them together) → `drop` and `files` (ways in, file list).

mod card;
mod drop;
mod files;
mod job;
mod mapping;
mod outcome;
mod preview;
mod scale;
mod table;
mod usage_key;

use crate::{
    browser::PickedFile,
    data::{use_data, Busy},
    i18n::{import::text, tr},
    state::use_app,
};
use card::JobCard;
use drop::{DropZone, PasteBox};
use files::FileList;
use job::Job;
use leptos::prelude::*;

/// The import page.
#[component]
pub fn Import() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let jobs: RwSignal<Vec<Job>, LocalStorage> = RwSignal::new_local(Vec::new());
    let next = StoredValue::new(0u32);
    let add = Callback::new(move |files: Vec<PickedFile>| {
        for file in files {
            next.update_value(|n| *n += 1);
            let job = Job::start(next.get_value(), file, data);
            jobs.update(|j| j.insert(0, job));
        }
    });
    let discard = Callback::new(move |key: u32| jobs.update(|j| j.retain(|job| job.key != key)));
    view! {
        <section class="page imp-page">
            <h1>{move || t().title}</h1>
            <p class="lead">{move || t().intro}</p>
            {move || data.worker_failed.get().then(|| view! {
                <p class="imp-failed" role="alert">{t().worker_failed}</p>
            })}
            {move || data.failure.get().map(|f| view! {
                <p class="imp-failed" role="alert" data-testid="data-failure">
                    {move || crate::i18n::failure(&f, state.lang.get())}
                </p>
            })}
            <div class="imp-inputs card">
                <DropZone on_files=add />
                <PasteBox on_files=add />
                <div class="imp-sample">
                    <button type="button" class="secondary" data-testid="load-sample"
                        disabled=move || data.busy.with(|b| b.is_some())
                        on:click=move |_| data.load_sample(state.lang.get_untracked())>
                        {move || t().sample}
                    </button>
                    <span class="muted" aria-live="polite">
                        {move || data.busy.get().map(|busy| match busy {
                            Busy::LoadingSample => tr(state.lang.get()).loading_sample.to_string(),
                            Busy::Importing(name) => name,
                        })}
                    </span>
                </div>
            </div>
            {move || {
                // Several files waiting: one button imports every one whose mapping is
                // complete; the others stay open with their question.
                let waiting = jobs.with(|j| j.iter().filter(|job| job.phase.with(|p| matches!(p, job::Phase::Mapping))).count());
                let ready: Vec<Job> = jobs.with(|j| j.iter().copied().filter(|job| job.ready()).collect());
                (waiting >= 2 && !ready.is_empty()).then(|| {
                    let n = ready.len();
                    view! {
                        <div class="imp-all card">
                            <button type="button" class="button" data-testid="import-all"
                                on:click=move |_| {
                                    for job in jobs.get_untracked().into_iter().filter(|job| job.ready()) {
                                        job.import(data);
                                    }
                                }>
                                {move || format!("{} ({n})", t().import_all)}
                            </button>
                            {(waiting > n).then(|| view! { <p class="muted">{move || t().import_all_note}</p> })}
                        </div>
                    }
                })
            }}
            <For each=move || jobs.get() key=|j| j.key let:job>
                <JobCard job=job on_discard=discard />
            </For>
            <FileList />
        </section>
    }
}
