//! The import worker: starting it, posting to it, and the clock its requests are timed by.

use super::PickedFile;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

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

/// Starts the module worker script at `url` (it imports the workbench module itself,
/// `crate::worker`); `on_message` gets every message's data, `on_error` is called when the
/// script fails to load or throws. `None` outside a browser.
pub fn start_worker(
    url: &str,
    on_message: impl Fn(JsValue) + 'static,
    on_error: impl Fn() + 'static,
) -> Option<WorkerHandle> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(url, &options).ok()?;
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            on_message(ev.data())
        });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| on_error());
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The worker runs this very module (`crate::worker`): its loader waits for the compiled
    // module as the first message, so the wasm is neither downloaded nor compiled twice.
    worker.post_message(&wasm_bindgen::module()).ok()?;
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

/// Milliseconds since the epoch, the clock request timeouts are measured with.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Calls a function at a fixed interval until dropped.
pub struct Ticker {
    _interval: gloo::timers::callback::Interval,
}

impl Ticker {
    /// Calls `f` every `millis` milliseconds; `None` outside a browser.
    pub fn every(millis: u32, f: impl FnMut() + 'static) -> Option<Ticker> {
        cfg!(target_arch = "wasm32")
            .then(|| Ticker { _interval: gloo::timers::callback::Interval::new(millis, f) })
    }
}
