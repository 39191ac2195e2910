//! Entry point of the calculator module: the calculator, catalogue and privacy pages only
//! (`kennzahl::CalcApp`), so a calculator page or an embedded widget downloads a small wasm.
//! index.html's loader starts it unless the query names a workbench page.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kennzahl::CalcApp);
    // On a static KPI page the app has just rendered the same page beside it.
    kennzahl::browser::remove_static_markup();
}
