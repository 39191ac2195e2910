//! The top bar: brand, navigation, language switch and currency choice.

use crate::{
    components::link::Link,
    i18n::tr,
    route::{Route, HOME_KPI},
    state::use_app,
};
use leptos::prelude::*;
use locale::{Currency, Lang};

/// Header with navigation and the language and currency switches.
#[component]
pub fn Header() -> impl IntoView {
    let state = use_app();
    let s = move || tr(state.lang.get());
    let home = Route::Kpi { id: HOME_KPI.into(), variant: None, values: Default::default() };
    view! {
        <a class="skip" href="#main">{move || s().skip_to_content}</a>
        <header class="topbar">
            <Link route=home class="brand">
                // Inline, so that re-rendering the header never fetches an image again.
                <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
                    <rect width="32" height="32" rx="6" fill="#1d4ed8"></rect>
                    <path d="M7 23l6-7 5 4 7-10" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"></path>
                </svg>
                <span class="brand-name">{move || s().app_name}</span>
                <span class="brand-tag">{move || s().tagline}</span>
            </Link>
            <nav aria-label=move || s().nav_label class="nav">
                <Link route=Route::Catalogue>{move || s().nav_catalogue}</Link>
                <Link route=Route::Import>{move || s().nav_import}</Link>
                <Link route=Route::Dashboard>{move || s().nav_dashboard}</Link>
                <Link route=Route::WhatIf>{move || s().nav_whatif}</Link>
                <Link route=Route::Privacy>{move || s().nav_privacy}</Link>
            </nav>
            <div class="switches">
                <label class="visually-hidden" for="currency">{move || s().currency}</label>
                <select
                    id="currency"
                    on:change=move |ev| {
                        if let Some(c) = Currency::from_code(&event_target_value(&ev)) {
                            state.set_currency(c);
                        }
                    }
                >
                    {Currency::ALL
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=c.code() selected=move || state.currency.get() == c>
                                    {c.code()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button
                    type="button"
                    class="lang-switch"
                    lang=move || if state.lang.get() == Lang::De { "en" } else { "de" }
                    aria-label=move || format!("{}: {}", s().language, s().switch_to)
                    on:click=move |_| {
                        let next = if state.lang.get() == Lang::De { Lang::En } else { Lang::De };
                        state.set_lang(next);
                    }
                >
                    {move || s().switch_to}
                </button>
            </div>
        </header>
    }
}
