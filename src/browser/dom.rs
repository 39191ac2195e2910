//! The document itself: language, focus, keyboard movement, dialogs and the service worker.

use super::window;
use locale::Lang;
use wasm_bindgen::{JsCast, JsValue};

/// The first of the browser's preferred languages that the app speaks.
pub fn preferred_lang() -> Option<Lang> {
    let nav = window()?.navigator();
    nav.languages()
        .iter()
        .filter_map(|v| v.as_string())
        .chain(nav.language())
        .find_map(|tag| Lang::from_code(&tag))
}

/// Sets `<html lang>` so screen readers pronounce the page right.
pub fn set_document_lang(code: &str) {
    if let Some(el) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", code);
    }
}

/// The KPI and language a static KPI page names on its `<body>` (`data-kz-kpi`,
/// `data-kz-lang`, written by `crates/site`), if this document is one.
pub fn static_page() -> Option<(String, String)> {
    let body = window()?.document()?.body()?;
    let kpi = body.get_attribute("data-kz-kpi")?;
    Some((kpi, body.get_attribute("data-kz-lang").unwrap_or_default()))
}

/// Removes a static KPI page's markup (`[data-kz-static]`) once the app has mounted beside it,
/// in the same task, so no frame shows both.
pub fn remove_static_markup() {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-kz-static]").ok().flatten())
    {
        el.remove();
    }
}

/// Moves focus to the main region after navigation (for keyboard and screen-reader users).
pub fn focus_main() {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// True when the page runs inside a frame.
pub fn in_frame() -> bool {
    match window() {
        Some(w) => match (w.top(), w.self_()) {
            (Ok(Some(top)), me) => !js_sys::Object::is(&top, &me),
            _ => true,
        },
        None => false,
    }
}

/// Moves focus `delta` steps among the elements matching `selector` (from the search field,
/// down goes to the first).
pub fn move_focus(selector: &str, delta: i32) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let Ok(list) = doc.query_selector_all(selector) else { return };
    let items: Vec<web_sys::HtmlElement> =
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
    if items.is_empty() {
        return;
    }
    let active = doc.active_element();
    let pos =
        items.iter().position(|el| active.as_ref().is_some_and(|a| js_sys::Object::is(a, el)));
    let next = match pos {
        None if delta > 0 => Some(0),
        None => None,
        Some(p) => {
            let n = p as i32 + delta;
            if n < 0 {
                // Up from the first result returns to the search field.
                if let Some(search) = doc
                    .query_selector("input[type=search]")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = search.focus();
                }
                None
            } else {
                Some((n as usize).min(items.len() - 1))
            }
        }
    };
    if let Some(i) = next {
        let _ = items[i].focus();
    }
}

/// True when the focused element is a text field.
pub fn active_is_input() -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("input"))
}

/// Asks the user to confirm; `false` where the browser cannot ask.
pub fn confirm(message: &str) -> bool {
    window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}

/// Clicks the element with `id` (opens a file picker from a drop zone).
pub fn click_id(id: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.click();
    }
}

/// Registers the service worker that keeps the app usable offline. Skipped inside frames
/// (storage and caches there are partitioned and surprise users) and where unsupported.
pub fn register_service_worker() {
    let Some(w) = window() else { return };
    let nav = w.navigator();
    if !js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let _ = nav.service_worker().register("./sw.js");
}

/// Asks before the page is left or reloaded while `should_ask()` is true (data that lives only
/// in this tab). The browser shows its own wording; the listener lives as long as the app.
pub fn guard_unload(should_ask: impl Fn() -> bool + 'static) {
    let handle = leptos::prelude::window_event_listener(
        leptos::ev::beforeunload,
        move |ev: web_sys::BeforeUnloadEvent| {
            if should_ask() {
                ev.prevent_default();
                // Older browsers ask only when `returnValue` is a non-empty string.
                let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"unsaved".into());
            }
        },
    );
    std::mem::forget(handle);
}

/// True when the element matching `target` is not wholly in the viewport while the one
/// matching `context` is at least partly in it (the calculator's result and its inputs).
pub fn out_of_view_while(target: &str, context: &str) -> bool {
    let Some(w) = window() else { return false };
    let Some(doc) = w.document() else { return false };
    let height = w.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let rect =
        |sel: &str| doc.query_selector(sel).ok().flatten().map(|e| e.get_bounding_client_rect());
    match (rect(target), rect(context)) {
        (Some(t), Some(c)) => {
            (t.top() < 0.0 || t.bottom() > height) && c.bottom() > 0.0 && c.top() < height
        }
        _ => false,
    }
}

/// Scrolls the focused element inside `within` up when it ends less than `clear` pixels above
/// the bottom of the viewport (under a bar fixed there); the page's `scroll-padding-bottom`
/// keeps it clear of the bar.
pub fn lift_focused(within: &str, clear: f64) {
    let Some(w) = window() else { return };
    let Some(doc) = w.document() else { return };
    let Some(el) = doc.active_element() else { return };
    if el.closest(within).ok().flatten().is_none() {
        return;
    }
    let height = w.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    if el.get_bounding_client_rect().bottom() > height - clear {
        el.scroll_into_view_with_bool(false);
    }
}
