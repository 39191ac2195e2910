//! Dashboard: KPI tiles with trend and alerts, detail views, charts from the user's files.
//! (Being built.)

use crate::{data::use_data, state::use_app};
use leptos::prelude::*;
use locale::Lang;

/// The dashboard page.
#[component]
pub fn Dashboard() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let de = move || state.lang.get() == Lang::De;
    view! {
        <section class="page">
            <h1>"Dashboard"</h1>
            <p>{move || match data.report.get() {
                Some(r) => format!("{} KPIs", r.latest.len()),
                None => (if de() { "Noch keine Daten." } else { "No data yet." }).to_string(),
            }}</p>
        </section>
    }
}
