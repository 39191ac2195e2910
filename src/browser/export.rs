//! What leaves the page at the user's request: the clipboard, file downloads (also a chart
//! as PNG), printing, and JSON for the export files.

use super::window;
use wasm_bindgen::{closure::Closure, JsCast};

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

/// Opens the browser's print dialog (where "Save as PDF" lives).
pub fn print_page() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Serialises `value` to pretty JSON (two-space indent, maps as objects, missing values as
/// `null`), as the CLI's `report --json` writes it.
pub fn to_json<T: serde::Serialize>(value: &T) -> Option<String> {
    crate::protocol::to_wire(value).map(|text| crate::protocol::pretty(&text))
}
