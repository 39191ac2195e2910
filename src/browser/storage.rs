//! localStorage, sessionStorage and IndexedDB. [`storage_set`] is the only function of the app
//! that writes any of them, and it refuses inside an embedded frame, so no page can forget
//! that embeds never store.

use super::window;
use std::cell::OnceCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// Whether this page may write storage, decided once from the URL the app was opened with
    /// (links inside an embed keep `embed=1`, so the first URL is the one that counts).
    static ALLOWED: OnceCell<bool> = const { OnceCell::new() };
}

/// Whether a page opened with `query` may write storage: never in an embedded frame, whether
/// the URL says so (`embed=1`, `embed=true`) or the page just runs inside a frame. Embedded
/// storage is partitioned per host page and surprises users, and a host page must not be
/// able to make the widget remember anything.
pub fn writes_allowed(query: &str, in_frame: bool) -> bool {
    !in_frame && !crate::route::is_embed(query)
}

/// Whether this page may write storage (see [`writes_allowed`]); pages use it to hide their
/// "remember" boxes in an embed.
pub fn storage_allowed() -> bool {
    ALLOWED
        .with(|a| *a.get_or_init(|| writes_allowed(&super::location_search(), super::in_frame())))
}

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// Reads a stored value.
pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Stores a value (callers store only what the user asked to be remembered). The one function
/// that writes storage: inside an embedded frame it writes nothing.
pub fn storage_set(key: &str, value: &str) {
    if !storage_allowed() {
        return;
    }
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}

/// Deletes one stored value.
pub fn storage_remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_pages_never_write() {
        assert!(writes_allowed("", false));
        assert!(writes_allowed("?kpi=nps&lang=de", false));
        assert!(writes_allowed("?embed=0", false));
        assert!(!writes_allowed("?kpi=nps&embed=1&parent=https%3A%2F%2Fa.example", false));
        assert!(!writes_allowed("?page=report&embed=true", false));
        // A frame without the embed parameter is still a frame.
        assert!(!writes_allowed("?kpi=nps", true));
    }
}
