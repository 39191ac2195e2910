//! What the figures rest on, where it is incomplete: how many customers the usage data
//! matched (unknown usage is left out of the health score, never counted as zero) and the
//! survey scales CSAT and CES are computed on.

use super::text::{scales_text, usage_match_text};
use crate::{data::use_data, state::use_app};
use leptos::prelude::*;

/// The usage match and the survey scales, each only when the data has them.
#[component]
pub fn DataBasis() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let usage = move || {
        let lang = state.lang.get();
        let report = data.report.get()?;
        let (line, hint) = usage_match_text(report.usage_match.as_ref()?, lang);
        let poor = hint.is_some();
        Some(view! {
            <p class=if poor { "basis-warning" } else { "muted" } data-testid="usage-match"
                role=poor.then_some("status")>
                {line}
                {hint.map(|h| view! { <br /><span data-testid="usage-match-hint">{h}</span> })}
            </p>
        })
    };
    let scales = move || {
        let lang = state.lang.get();
        let report = data.report.get()?;
        let lines = scales_text(report.surveys.as_ref()?, lang);
        (!lines.is_empty()).then(|| {
            view! { <p class="muted" data-testid="survey-scales">{lines.join(" · ")}</p> }
        })
    };
    view! { <div class="data-basis">{usage}{scales}</div> }
}
