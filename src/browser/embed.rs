//! Talking to the page that embeds the app: height reports and messages from exactly the
//! origin the embed snippet named.

use super::window;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

fn post_to_parent(origin: &str, kind: &str, height: f64) {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &kind.into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
    // Never "*": the message goes only to the origin the embed snippet named.
    let _ = parent.post_message(&msg, origin);
}

fn document_height() -> f64 {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map(|e| f64::from(e.scroll_height()))
        .unwrap_or(0.0)
}

/// In an embedded frame: tells `parent_origin` the page height whenever it changes, and
/// passes messages from exactly that origin to `on_message` (type and payload); messages
/// from any other origin are ignored.
pub fn start_embed_messaging(
    parent_origin: String,
    on_message: impl Fn(String, JsValue) + 'static,
) {
    let Some(w) = window() else { return };
    let origin = parent_origin.clone();
    let observer_cb = Closure::<dyn Fn()>::new(move || {
        post_to_parent(&origin, "kennzahl:height", document_height())
    });
    if let (Ok(observer), Some(body)) = (
        web_sys::ResizeObserver::new(observer_cb.as_ref().unchecked_ref()),
        w.document().and_then(|d| d.body()),
    ) {
        observer.observe(&body);
    }
    observer_cb.forget();
    post_to_parent(&parent_origin, "kennzahl:height", document_height());
    let handle = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        if ev.origin() != parent_origin {
            return;
        }
        let data = ev.data();
        let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string());
        if let Some(kind) = kind {
            if kind == "kennzahl:ping" {
                post_to_parent(&parent_origin, "kennzahl:height", document_height());
            }
            on_message(kind, data);
        }
    });
    std::mem::forget(handle);
}
