//! Kennzahl, the browser app: providers, the query-string router and the page frame.
//!
//! Pages are chosen by the URL query, not the path (`?kpi=churn_rate`, `?page=catalogue`), so
//! that `dist/` works from any sub-path of any static server without rewrite rules and
//! without a `<base>` element (which the Content-Security-Policy forbids).

pub mod browser;
pub mod components;
pub mod data;
pub mod display;
pub mod i18n;
pub mod pages;
pub mod pending;
pub mod protocol;
pub mod route;
pub mod state;
pub mod worker;

use components::header::Header;
use leptos::prelude::*;
use pages::{
    calculator::Calculator, catalogue::Catalogue, dashboard::Dashboard, import::Import,
    privacy::Privacy, report::QuarterlyReport, whatif::WhatIf,
};
use route::Route;
use state::AppState;

/// The release shown in the footer ("Kennzahl 0.1.0"), from the workspace version.
pub const VERSION_LABEL: &str = concat!("Kennzahl ", env!("CARGO_PKG_VERSION"));

/// The whole app (the workbench module): state providers, header and every page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::from_browser(true);
    provide_context(state);
    provide_context(data::DataStore::start());
    frame(state, move |route| match route {
        Route::Catalogue => view! { <Catalogue /> }.into_any(),
        Route::Kpi { id, .. } => view! { <Calculator id=id /> }.into_any(),
        Route::Privacy => view! { <Privacy /> }.into_any(),
        Route::Import => view! { <Import /> }.into_any(),
        Route::Dashboard => view! { <Dashboard /> }.into_any(),
        Route::WhatIf => view! { <WhatIf /> }.into_any(),
        Route::Report { quarter } => view! { <QuarterlyReport quarter=quarter /> }.into_any(),
    })
}

/// The calculator module (`src/bin/calc.rs`): the pages that need no imported data
/// (calculator, catalogue, privacy). It names no workbench code, so the linker leaves the
/// import, dashboard, report, what-if and SQL code out of its wasm; links to those pages load
/// the workbench module with a full page load (`AppState::navigate`).
#[component]
pub fn CalcApp() -> impl IntoView {
    let state = AppState::from_browser(false);
    provide_context(state);
    frame(state, move |route| match route {
        Route::Catalogue => view! { <Catalogue /> }.into_any(),
        Route::Kpi { id, .. } => view! { <Calculator id=id /> }.into_any(),
        Route::Privacy => view! { <Privacy /> }.into_any(),
        // index.html's loader never starts this module on a workbench page, and navigate()
        // loads such a page in full; this only renders for the moment before that.
        _ => ().into_any(),
    })
}

/// What both modules share: popstate, embed messaging or the service worker, the document
/// language, header, footer and the page `page` renders for the current route.
fn frame(
    state: AppState,
    page: impl Fn(Route) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    browser::on_popstate(move || state.follow_location());
    if state.embed {
        if let Some(origin) = state.parent_origin.get_value() {
            browser::start_embed_messaging(origin, move |kind, data| {
                if kind == "kennzahl:lang" {
                    let lang = js_sys::Reflect::get(&data, &"lang".into())
                        .ok()
                        .and_then(|v| v.as_string());
                    if let Some(lang) = lang.and_then(|l| locale::Lang::from_code(&l)) {
                        state.set_lang(lang);
                    }
                }
            });
        }
    } else {
        browser::register_service_worker();
    }
    Effect::new(move |_| browser::set_document_lang(state.lang.get().code()));

    view! {
        <div class="app" class:embed=state.embed class:compact=state.compact>
            {(!state.embed).then(|| view! { <Header /> })}
            <main id="main" class="main" tabindex="-1">
                {move || page(state.route.get())}
            </main>
            {(!state.embed).then(|| view! {
                <footer class="footer">
                    <p>{move || i18n::tr(state.lang.get()).footer_local}</p>
                    <p class="footer-version" data-testid="version">{VERSION_LABEL}</p>
                </footer>
            })}
        </div>
    }
}
