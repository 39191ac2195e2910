//! The survey scale of one file: automatic (the score column's header, else the file's
//! values) or the scale the user knows the survey used. Each file keeps its own scale, so a
//! stray answer in one file never changes another.

use super::{job::Job, preview};
use crate::{i18n::import::text, state::use_app};
use leptos::prelude::*;
use records::{DatasetKind, SurveyScale};

/// The scale select of a survey file (nothing for other kinds).
#[component]
pub fn ScaleChoice(job: Job) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let is_survey = Memo::new(move |_| {
        job.sniffed.with(|s| s.as_ref().and_then(|s| s.kind) == Some(DatasetKind::Surveys))
    });
    // The scale the score column's header names, as the import would read it.
    let from_header = Memo::new(move |_| {
        job.sniffed.with(|s| {
            let s = s.as_ref()?;
            let col = job.options.with(|o| preview::mapping(s, o).get("score").copied())?;
            ingest::scale_in_header(s.headers.get(col)?)
        })
    });
    let chosen = move || job.options.with(|o| o.survey_scale);
    let id = format!("job{}-scale", job.key);
    move || {
        is_survey.get().then(|| {
            let auto = move || match from_header.get() {
                Some(scale) => format!("{} ({})", t().scale_auto_header, scale.label()),
                None => t().scale_auto_values.to_string(),
            };
            view! {
                <div class="imp-setting">
                    <label for=id.clone()>{move || t().scale}</label>
                    <select id=id.clone() data-testid="survey-scale" on:change=move |ev| {
                        let scale = ingest::parse_survey_scale(&event_target_value(&ev));
                        job.options.update(|o| o.survey_scale = scale);
                    }>
                        <option value="" selected=move || chosen().is_none()>{auto}</option>
                        {SurveyScale::ALL.into_iter().map(|s| view! {
                            <option value=s.id() selected=move || chosen() == Some(s)>{s.label()}</option>
                        }).collect_view()}
                    </select>
                    <p class="hint">{move || t().scale_hint}</p>
                </div>
            }
        })
    }
}
