//! What the app stores, where, and how to delete it; the "remember" switch and "forget my
//! data".

use crate::{
    browser,
    i18n::tr,
    state::{use_app, STORAGE_PREFIX},
};
use leptos::prelude::*;
use locale::Lang;

/// The privacy page.
#[component]
pub fn Privacy() -> impl IntoView {
    let state = use_app();
    let s = move || tr(state.lang.get());
    let keys = RwSignal::new(browser::stored_keys(STORAGE_PREFIX));
    let de = move || state.lang.get() == Lang::De;
    let forget = move |_| {
        let question = if de() {
            "Alle von Kennzahl in diesem Browser gespeicherten Daten löschen?"
        } else {
            "Delete all data Kennzahl stored in this browser?"
        };
        if browser::confirm(question) {
            state.set_remember(false);
            browser::forget_all(STORAGE_PREFIX);
            keys.set(browser::stored_keys(STORAGE_PREFIX));
        }
    };
    view! {
        <article class="page prose">
            <h1>{move || s().privacy_title}</h1>
            {move || if de() {
                view! {
                    <p>"Kennzahl rechnet vollständig in Ihrem Browser. Eingaben und Dateien verlassen Ihren Rechner nicht: Nach dem Laden der Seite stellt die App keine einzige Netzwerkanfrage mehr, lädt keine fremden Schriften, Skripte oder Bilder und verwendet keine Analyse- oder Tracking-Dienste."</p>
                    <p>"Gespeichert wird nur, worum Sie bitten: Wenn Sie »Einstellungen merken« einschalten, legt die App Sprache, Währung und Ihre Eingaben im lokalen Speicher (localStorage) dieses Browsers ab, unter Schlüsseln, die mit »kennzahl.« beginnen. Nichts davon wird übertragen."</p>
                    <p>"Ein geteilter Link enthält die Eingaben der Berechnung in der Adresse – teilen Sie ihn nur, wenn die Zahlen geteilt werden dürfen."</p>
                }.into_any()
            } else {
                view! {
                    <p>"Kennzahl computes everything in your browser. Your inputs and files never leave your computer: after the page has loaded, the app makes no network request at all, loads no third-party fonts, scripts or images, and uses no analytics or tracking."</p>
                    <p>"Only what you ask for is stored: when you switch on “remember settings”, the app keeps language, currency and your inputs in this browser's local storage (localStorage), under keys starting with “kennzahl.”. None of it is sent anywhere."</p>
                    <p>"A shared link carries the calculation's inputs in its address – share it only where the figures may be shared."</p>
                }.into_any()
            }}
            <div class="card">
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || state.remember.get()
                        on:change=move |ev| {
                            state.set_remember(event_target_checked(&ev));
                            keys.set(browser::stored_keys(STORAGE_PREFIX));
                        }
                    />
                    {move || if de() { "Einstellungen in diesem Browser merken" } else { "Remember settings in this browser" }}
                </label>
                <p data-testid="stored-keys">
                    {move || {
                        let n = keys.get().len();
                        if de() { format!("Derzeit gespeichert: {n} Einträge.") } else { format!("Currently stored: {n} entries.") }
                    }}
                </p>
                <button type="button" class="button danger" on:click=forget>
                    {move || if de() { "Meine Daten vergessen" } else { "Forget my data" }}
                </button>
            </div>
        </article>
    }
}
