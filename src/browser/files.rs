//! Files the user hands over: dropped, picked or pasted. They stay browser `File`s (only the
//! import worker reads them).

use wasm_bindgen::{JsCast, JsValue};

/// A file the user dropped, picked or pasted; it stays a browser `File` (read only by the
/// import worker).
#[derive(Clone)]
pub struct PickedFile(pub(super) web_sys::File);

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
