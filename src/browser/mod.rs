//! The only module that touches `web-sys` (besides the import worker), one file per concern:
//! the address bar and history (`url`), storage (`storage`), the document (`dom`), what leaves
//! the page at the user's request (`export`), files handed over (`files`), the embedding page
//! (`embed`) and the import worker (`worker`). Every function degrades to a no-op (or `None`)
//! where the browser refuses, never panics. Callers use the flat paths (`browser::query_param`).

pub mod dom;
pub mod embed;
pub mod export;
pub mod files;
pub mod storage;
pub mod url;
pub mod worker;

pub use dom::{
    active_is_input, click_id, confirm, focus_main, guard_unload, in_frame, lift_focused,
    move_focus, out_of_view_while, preferred_lang, register_service_worker, remove_static_markup,
    set_document_lang, static_page,
};
pub use embed::start_embed_messaging;
pub use export::{copy_text, download, download_svg_as_png, print_page, to_json};
pub use files::{dropped_files, input_files, pasted_text, text_file, PickedFile};
pub use storage::{
    forget_all, storage_allowed, storage_get, storage_remove, storage_set, stored_keys,
};
pub use url::{
    app_query, load_query, location_base, location_search, on_popstate, origin_of, own_origin,
    push_query, query_param, replace_query,
};
pub use worker::{now_ms, post_to_worker, start_worker, Ticker, WorkerHandle};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}
