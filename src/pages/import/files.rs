//! The list of imported files (the data store's), each with its counts and a remove button.

use crate::{
    data::use_data,
    i18n::import::{kind_label, text},
    state::use_app,
};
use leptos::prelude::*;
use locale::format_number;

/// Imported files of this session.
#[component]
pub fn FileList() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    view! {
        <section class="card imp-files" aria-labelledby="import-files-title">
            <h2 id="import-files-title">{move || t().files_title}</h2>
            <p class="muted" data-testid="file-count" data-count=move || data.files.with(|f| f.len())>
                {move || data.files.with(|f| f.is_empty()).then(|| t().no_files)}
            </p>
            <ul class="imp-file-list">
                <For each=move || data.files.get() key=|f| f.id let:f>
                    {
                        let (id, kind, used) = (f.id, f.kind, f.accounting.used);
                        let name = f.name.clone();
                        let label = move || {
                            let lang = state.lang.get();
                            format!("{} · {} {} {}", kind_label(kind, lang),
                                format_number(used as f64, 0, lang), t().rows, t().used)
                        };
                        let aria = move || format!("{} {}", t().remove, name);
                        view! {
                            <li data-testid="file-entry">
                                <span class="imp-file-name">{f.name.clone()}</span>
                                <span class="muted">{label}</span>
                                <button type="button" class="secondary" aria-label=aria on:click=move |_| data.remove(id)>
                                    {move || t().remove}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}
