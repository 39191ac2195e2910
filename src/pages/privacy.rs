//! What the app stores, where, and how to delete it; the "remember" switch and "forget my
//! data".

use crate::{
    browser,
    i18n::tr,
    state::{use_app, STORAGE_PREFIX},
};
use leptos::prelude::*;

/// The privacy page.
#[component]
pub fn Privacy() -> impl IntoView {
    let state = use_app();
    let s = move || tr(state.lang.get());
    let keys = RwSignal::new(browser::stored_keys(STORAGE_PREFIX));
    // Inside an embed nothing is stored (`browser::storage_allowed`), so there is nothing to
    // switch on.
    let can_store = browser::storage_allowed();
    let forget = move |_| {
        if browser::confirm(s().privacy_confirm) {
            state.set_remember(false);
            browser::forget_all(STORAGE_PREFIX);
            keys.set(browser::stored_keys(STORAGE_PREFIX));
        }
    };
    view! {
        <article class="page prose">
            <h1>{move || s().privacy_title}</h1>
            <p>{move || s().privacy_local}</p>
            <p>{move || s().privacy_stored_only}</p>
            <p>{move || s().privacy_links}</p>
            <div class="card">
                {can_store.then(|| view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || state.remember.get()
                            on:change=move |ev| {
                                state.set_remember(event_target_checked(&ev));
                                keys.set(browser::stored_keys(STORAGE_PREFIX));
                            }
                        />
                        {move || s().privacy_remember}
                    </label>
                })}
                {(!can_store).then(|| view! { <p>{move || s().embed_nothing_stored}</p> })}
                <p data-testid="stored-keys">
                    {move || format!("{} {} {}", s().privacy_stored, keys.get().len(), s().privacy_entries)}
                </p>
                <button type="button" class="button danger" on:click=forget>
                    {move || s().privacy_forget}
                </button>
            </div>
        </article>
    }
}
