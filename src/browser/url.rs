//! The address bar and history: the query string, Back/Forward, origins.

use super::window;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The query string of the current URL, with its `?` (empty if none).
pub fn location_search() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The query the app reads: the address bar's, or on a static KPI page with its KPI and
/// language in front (`route::with_static_page`).
pub fn app_query() -> String {
    crate::route::with_static_page(&location_search(), super::dom::static_page())
}

/// The current URL without query and fragment.
pub fn location_base() -> String {
    window()
        .and_then(|w| {
            let loc = w.location();
            Some(format!("{}{}", loc.origin().ok()?, loc.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// Adds a history entry with `query`, keeping the path.
pub fn push_query(query: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(&JsValue::NULL, "", Some(&format!("{}{query}", path())));
    }
}

/// Replaces the current history entry's query (used while typing, so Back leaves the page).
pub fn replace_query(query: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{}{query}", path())));
    }
}

/// Loads this page with `query` as a new document (a full navigation, not a history entry of
/// this one): how the calculator module opens a workbench page.
pub fn load_query(query: &str) {
    if let Some(w) = window() {
        let _ = w.location().assign(&format!("{}{query}", path()));
    }
}

fn path() -> String {
    window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}

/// Calls `f` on Back/Forward.
pub fn on_popstate(f: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::popstate, move |_| f());
    // The listener lives as long as the app.
    std::mem::forget(handle);
}

/// The value of one query parameter of the current URL.
pub fn query_param(key: &str) -> Option<String> {
    crate::route::query_value(&location_search(), key)
}

/// The origin (`scheme://host[:port]`) of `url`, if it is an http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let parsed = web_sys::Url::new(url).ok()?;
    let protocol = parsed.protocol();
    (protocol == "https:" || protocol == "http:").then(|| parsed.origin())
}

/// This page's origin.
pub fn own_origin() -> String {
    window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}
