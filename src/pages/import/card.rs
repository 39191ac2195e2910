//! One file's card: its name and, by phase, the mapping screen, the progress, the result or
//! the error.

use super::{
    job::{Job, Phase},
    mapping::MappingPanel,
    outcome::{FailedPanel, ProgressPanel, ResultPanel},
    table::PreviewTable,
};
use crate::{data::use_data, i18n::import::text, state::use_app};
use leptos::prelude::*;

/// The card of one job; `on_discard` removes it from the page.
#[component]
pub fn JobCard(job: Job, on_discard: Callback<u32>) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    // Re-render the body only when the phase kind changes, so selects keep their focus.
    let phase_kind = Memo::new(move |_| {
        job.phase.with(|p| match p {
            Phase::Sniffing => 0,
            Phase::Mapping => 1,
            Phase::Importing { .. } => 2,
            Phase::Done { .. } => 3,
            Phase::Failed(_) => 4,
            Phase::Cancelled => 5,
        })
    });
    let blockers = move || job.blockers(state.lang.get());
    let body = move || {
        match phase_kind.get() {
        0 => view! { <p aria-live="polite">{move || t().reading}</p> }.into_any(),
        1 => view! {
            <MappingPanel job=job />
            <PreviewTable job=job />
            <div class="imp-actions">
                <button type="button" class="button" data-testid="import"
                    disabled=move || !blockers().is_empty()
                    on:click=move |_| job.import(data)>
                    {move || t().import}
                </button>
                <p class="imp-blockers" aria-live="polite">{move || blockers().join(" ")}</p>
            </div>
        }
        .into_any(),
        2 => (move || match job.phase.get() {
            Phase::Importing { rows, bytes, total } => {
                view! { <ProgressPanel job=job rows=rows bytes=bytes total=total /> }.into_any()
            }
            _ => ().into_any(),
        })
        .into_any(),
        3 => match job.phase.get_untracked() {
            Phase::Done { file, rejections, assumptions, millis } => {
                view! { <ResultPanel job=job file=file rejections=rejections assumptions=assumptions millis=millis /> }.into_any()
            }
            _ => ().into_any(),
        },
        4 => match job.phase.get_untracked() {
            Phase::Failed(failure) => view! { <FailedPanel failure=failure /> }.into_any(),
            _ => ().into_any(),
        },
        _ => view! { <p class="imp-cancelled" role="status" data-testid="cancelled">{move || t().cancelled}</p> }.into_any(),
    }
    };
    let heading = format!("job{}-title", job.key);
    let labelled_by = heading.clone();
    view! {
        <article class="card imp-job" data-testid="job" aria-labelledby=labelled_by>
            <header class="imp-job-head">
                <h2 id=heading>{job.name.get_value()}</h2>
                {move || (phase_kind.get() != 2).then(|| view! {
                    <button type="button" class="secondary" data-testid="discard"
                        on:click=move |_| on_discard.run(job.key)>
                        {move || t().discard}
                    </button>
                })}
            </header>
            {body}
        </article>
    }
}
