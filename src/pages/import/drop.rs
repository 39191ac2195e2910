//! The ways in: a drop zone that is also a button opening the file picker, and a paste box.

use crate::{
    browser::{self, PickedFile},
    i18n::import::text,
    state::use_app,
};
use leptos::prelude::*;

const INPUT_ID: &str = "import-file-input";

/// Drop zone + hidden file input; `on_files` gets every dropped or picked file.
#[component]
pub fn DropZone(on_files: Callback<Vec<PickedFile>>) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let over = RwSignal::new(false);
    view! {
        <div class="imp-drop-wrap">
            <button
                type="button"
                class="imp-drop"
                class:over=move || over.get()
                data-testid="dropzone"
                aria-describedby="import-drop-hint"
                on:click=move |_| browser::click_id(INPUT_ID)
                on:dragenter=move |ev| { ev.prevent_default(); over.set(true); }
                on:dragover=move |ev| { ev.prevent_default(); over.set(true); }
                on:dragleave=move |_| over.set(false)
                on:drop=move |ev| {
                    ev.prevent_default();
                    over.set(false);
                    let files = browser::dropped_files(&ev);
                    if !files.is_empty() {
                        on_files.run(files);
                    }
                }
            >
                <span class="imp-drop-icon" aria-hidden="true">"⤓"</span>
                <span class="imp-drop-title">{move || t().drop_title}</span>
                <span class="imp-drop-hint" id="import-drop-hint">{move || t().drop_hint}</span>
            </button>
            <label class="visually-hidden" for=INPUT_ID>{move || t().file_input}</label>
            <input
                type="file"
                id=INPUT_ID
                class="visually-hidden"
                tabindex="-1"
                multiple=true
                accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                data-testid="file-input"
                on:change=move |ev| {
                    let files = browser::input_files(&ev);
                    if !files.is_empty() {
                        on_files.run(files);
                    }
                }
            />
        </div>
    }
}

/// A text area for cells pasted from a spreadsheet; a paste takes the range right away.
#[component]
pub fn PasteBox(on_files: Callback<Vec<PickedFile>>) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let content = RwSignal::new(String::new());
    let count = StoredValue::new(0u32);
    let take = move |txt: String| {
        if txt.trim().is_empty() {
            return;
        }
        count.update_value(|c| *c += 1);
        let name = format!("{} {}.tsv", t().pasted_name, count.get_value());
        if let Some(f) = browser::text_file(&name, &txt) {
            on_files.run(vec![f]);
        }
        content.set(String::new());
    };
    view! {
        <div class="imp-paste">
            <label for="import-paste">{move || t().paste_label}</label>
            <textarea
                id="import-paste"
                rows="3"
                data-testid="paste"
                aria-describedby="import-paste-hint"
                prop:value=move || content.get()
                on:input=move |ev| content.set(event_target_value(&ev))
                on:paste=move |ev| {
                    if let Some(txt) = browser::pasted_text(&ev) {
                        ev.prevent_default();
                        take(txt);
                    }
                }
            ></textarea>
            <p class="hint" id="import-paste-hint">{move || t().paste_hint}</p>
            <button type="button" class="secondary" data-testid="paste-use"
                disabled=move || content.with(|c| c.trim().is_empty())
                on:click=move |_| take(content.get_untracked())>
                {move || t().paste_button}
            </button>
        </div>
    }
}
