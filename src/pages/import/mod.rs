//! Import: drop, pick or paste files; see what was detected; map columns; import with row
//! accounting. (Being built.)

use crate::{data::use_data, state::use_app};
use leptos::prelude::*;
use locale::Lang;

/// The import page.
#[component]
pub fn Import() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let de = move || state.lang.get() == Lang::De;
    view! {
        <section class="page">
            <h1>{move || if de() { "Daten importieren" } else { "Import data" }}</h1>
            <button type="button" class="button" on:click=move |_| data.load_sample(state.lang.get_untracked())>
                {move || if de() { "Mit Beispieldaten ausprobieren" } else { "Try with sample data" }}
            </button>
            <p data-testid="file-count">{move || data.files.get().len()}</p>
        </section>
    }
}
