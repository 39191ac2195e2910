//! The only module that touches `web-sys`: URL, history, storage, clipboard, downloads.
//! Every function degrades to a no-op (or `None`) where the browser refuses, never panics.

use leptos::prelude::*;
use locale::Lang;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The query string of the current URL, with its `?` (empty if none).
pub fn location_search() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
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

fn path() -> String {
    window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}

/// Calls `f` on Back/Forward.
pub fn on_popstate(f: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::popstate, move |_| f());
    // The listener lives as long as the app.
    std::mem::forget(handle);
}

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

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// Reads a stored value.
pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Stores a value (callers store only what the user asked to be remembered).
pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}

/// Deletes everything this app may have written: localStorage and sessionStorage keys that
/// start with `prefix`, and IndexedDB databases whose name starts with `kennzahl`. The
/// service worker's cache holds only the app's own files (no user data) and stays, so the
/// app keeps working offline.
pub fn forget_all(prefix: &str) {
    let Some(w) = window() else { return };
    for storage in
        [w.local_storage(), w.session_storage()].into_iter().filter_map(|s| s.ok().flatten())
    {
        let n = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..n).filter_map(|i| storage.key(i).ok().flatten()).collect();
        for key in keys.iter().filter(|k| k.starts_with(prefix)) {
            let _ = storage.remove_item(key);
        }
    }
    forget_indexed_db(&w);
}

fn forget_indexed_db(w: &web_sys::Window) {
    use js_sys::{Array, Function, Promise, Reflect};
    let Ok(idb) = Reflect::get(w, &"indexedDB".into()) else { return };
    let call = |name: &str, args: &Array| -> Option<JsValue> {
        let f: Function = Reflect::get(&idb, &name.into()).ok()?.dyn_into().ok()?;
        f.apply(&idb, args).ok()
    };
    let Some(promise) = call("databases", &Array::new()).and_then(|p| p.dyn_into::<Promise>().ok())
    else {
        return;
    };
    let idb2 = idb.clone();
    leptos::task::spawn_local(async move {
        let Ok(list) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        for db in Array::from(&list).iter() {
            let name = Reflect::get(&db, &"name".into()).ok().and_then(|n| n.as_string());
            if let Some(name) = name.filter(|n| n.starts_with("kennzahl")) {
                if let Ok(f) = Reflect::get(&idb2, &"deleteDatabase".into())
                    .and_then(|f| f.dyn_into::<Function>())
                {
                    let _ = f.call1(&idb2, &name.into());
                }
            }
        }
    });
}

/// Number of localStorage keys with `prefix` (shown on the privacy page).
pub fn stored_keys(prefix: &str) -> Vec<String> {
    let Some(s) = local_storage() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// Copies `text` to the clipboard and calls `done(true)` on success.
pub fn copy_text(text: String, done: impl Fn(bool) + 'static) {
    let Some(w) = window() else { return done(false) };
    let promise = w.navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Offers `bytes` as a file download, without any network request.
pub fn download(filename: &str, mime: &str, bytes: &[u8]) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    download_blob(filename, &blob);
}

fn download_blob(filename: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    let anchor = window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Renders an SVG string to a PNG at `scale` × its size and offers it as a download.
pub fn download_svg_as_png(filename: &str, svg: &str, width: u32, height: u32, scale: f64) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return };
    let Some(canvas) = doc
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
    else {
        return;
    };
    canvas.set_width((f64::from(width) * scale) as u32);
    canvas.set_height((f64::from(height) * scale) as u32);
    let filename = filename.to_string();
    let img2 = img.clone();
    let onload = Closure::once(move || {
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
            &img2,
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
        let cb = Closure::once(move |blob: Option<web_sys::Blob>| {
            if let Some(blob) = blob {
                download_blob(&filename, &blob);
            }
        });
        let _ = canvas.to_blob(cb.as_ref().unchecked_ref());
        cb.forget();
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    // A data: URL keeps the rendering inside the page (img-src allows data:).
    let encoded = js_sys::encode_uri_component(svg);
    img.set_src(&format!("data:image/svg+xml;charset=utf-8,{}", String::from(encoded)));
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

/// A file the user dropped, picked or pasted; it stays a browser `File` (read only by the
/// import worker).
#[derive(Clone)]
pub struct PickedFile(web_sys::File);

impl PickedFile {
    /// The file name.
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// Size in bytes.
    pub fn size(&self) -> u64 {
        self.0.size() as u64
    }
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<PickedFile> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).map(PickedFile).collect()
}

/// The files of a drop event.
pub fn dropped_files(ev: &web_sys::DragEvent) -> Vec<PickedFile> {
    files_of(ev.data_transfer().and_then(|d| d.files()))
}

/// The files chosen in an `<input type=file>` (from its change event); the input is reset
/// so that choosing the same file again fires another change.
pub fn input_files(ev: &web_sys::Event) -> Vec<PickedFile> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = files_of(input.files());
    input.set_value("");
    files
}

/// The plain text of a paste event.
pub fn pasted_text(ev: &web_sys::ClipboardEvent) -> Option<String> {
    ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()).filter(|t| !t.is_empty())
}

/// A file made from text (pasted cells), UTF-8 encoded.
pub fn text_file(name: &str, text: &str) -> Option<PickedFile> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("text/plain");
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &opts).ok().map(PickedFile)
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

/// A running Web Worker and its handlers (dropping it ends the worker).
pub struct WorkerHandle {
    worker: web_sys::Worker,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Starts the classic worker script at `url`; `on_message` gets every message's data,
/// `on_error` is called when the script fails to load or throws. `None` outside a browser.
pub fn start_worker(
    url: &str,
    on_message: impl Fn(JsValue) + 'static,
    on_error: impl Fn() + 'static,
) -> Option<WorkerHandle> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let worker = web_sys::Worker::new(url).ok()?;
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            on_message(ev.data())
        });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| on_error());
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(WorkerHandle { worker, _on_message: on_message, _on_error: on_error })
}

/// Posts `{ msg, file }` to the worker (the file is structured-cloned, not copied into
/// memory). Returns false where the browser refuses.
pub fn post_to_worker(handle: &WorkerHandle, msg: &JsValue, file: Option<&PickedFile>) -> bool {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"msg".into(), msg);
    if let Some(f) = file {
        let _ = js_sys::Reflect::set(&data, &"file".into(), &f.0);
    }
    handle.worker.post_message(&data).is_ok()
}

/// Deletes one stored value.
pub fn storage_remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}

/// Opens the browser's print dialog (where "Save as PDF" lives).
pub fn print_page() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// The value of one query parameter of the current URL.
pub fn query_param(key: &str) -> Option<String> {
    crate::route::parse_query(&location_search())
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// Serialises `value` to pretty JSON through the browser's `JSON.stringify` (maps as
/// objects, missing values as `null`).
pub fn to_json<T: serde::Serialize>(value: &T) -> Option<String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js = value.serialize(&serializer).ok()?;
    js_sys::JSON::stringify_with_replacer_and_space(&js, &JsValue::NULL, &JsValue::from(2))
        .ok()
        .and_then(|s| s.as_string())
}
