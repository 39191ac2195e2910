//! Entry point: installs the panic hook and mounts the app, or, started again inside the
//! import worker (`kennzahl::worker`), runs the worker's message loop. Everything else lives
//! in lib.rs.

fn main() {
    console_error_panic_hook::set_once();
    if kennzahl::worker::in_worker() {
        kennzahl::worker::start();
        return;
    }
    leptos::mount::mount_to_body(kennzahl::App);
    // On a static KPI page the app has just rendered the same page beside it.
    kennzahl::browser::remove_static_markup();
}
