//! The printable quarterly report. (Being built.)

use crate::state::use_app;
use leptos::prelude::*;
use locale::Lang;

/// The quarterly report page for `quarter` (`2025-Q3`), or the latest one.
#[component]
pub fn QuarterlyReport(
    /// Quarter label from the URL.
    quarter: Option<String>,
) -> impl IntoView {
    let state = use_app();
    view! {
        <section class="page">
            <h1>{move || if state.lang.get() == Lang::De { "Quartalsbericht" } else { "Quarterly report" }}</h1>
            <p>{quarter.clone().unwrap_or_default()}</p>
        </section>
    }
}
