//! After "Import": the progress bar with Cancel, the result with the row accounting and the
//! rejections, or why the file cannot be imported.

use super::job::Job;
use crate::{
    components::link::Link, data::use_data, i18n::import::text, protocol, route::Route,
    state::use_app,
};
use ingest::{Accounting, Rejection};
use leptos::prelude::*;
use locale::{format_number, Lang};

fn n(v: u64, lang: Lang) -> String {
    format_number(v as f64, 0, lang)
}

/// Progress bar, row count and Cancel.
#[component]
pub fn ProgressPanel(job: Job, rows: u64, bytes: u64, total: u64) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let pct = protocol::percent(bytes, total);
    let label = format!("job{}-progress", job.key);
    view! {
        <div class="imp-progress" data-testid="progress">
            <label for=label.clone()>{move || t().importing}</label>
            <progress id=label max="100" value=pct.round().to_string()></progress>
            <p aria-live="polite" data-testid="progress-text">
                {move || {
                    let lang = state.lang.get();
                    format!("{} {} · {} %", n(rows, lang), t().rows_read, format_number(pct, 0, lang))
                }}
            </p>
            <button type="button" class="button danger" data-testid="cancel" on:click=move |_| job.cancel(data)>
                {move || t().cancel}
            </button>
        </div>
    }
}

/// The row accounting: used + rejected + skipped = rows.
#[component]
fn AccountingLine(accounting: Accounting) -> impl IntoView {
    let state = use_app();
    move || {
        let lang = state.lang.get();
        let t = text(lang);
        let a = &accounting;
        let rules = a
            .skipped_by_rule
            .iter()
            .map(|(rule, k)| format!("{} × {}", n(*k, lang), rule.label(lang)))
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <p class="imp-accounting" data-testid="accounting">
                <span class="imp-num" data-testid="acc-used">{n(a.used, lang)}</span>" "{t.used}" + "
                <span class="imp-num" data-testid="acc-rejected">{n(a.rejected, lang)}</span>" "{t.rejected}" + "
                <span class="imp-num" data-testid="acc-skipped">{n(a.skipped(), lang)}</span>" "{t.skipped}" = "
                <span class="imp-num" data-testid="acc-rows">{n(a.rows, lang)}</span>" "{t.rows}
            </p>
            {(!rules.is_empty()).then(|| view! { <p class="muted" data-testid="skipped-rules">{t.skipped}": "{rules.clone()}</p> })}
        }
    }
}

/// The finished import.
#[component]
pub fn ResultPanel(
    job: Job,
    file: protocol::FileInfo,
    rejections: Vec<Rejection>,
    assumptions: Vec<ingest::Assumption>,
    millis: f64,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let id = file.id;
    let rejected = file.accounting.rejected;
    let is_usage = file.kind == records::DatasetKind::Usage;
    let scales = file.survey_scales.clone();
    let scales = move || {
        let lang = state.lang.get();
        scales
            .iter()
            .map(|s| {
                let kind = format!("{:?}", s.kind).to_uppercase();
                let line = format!(
                    "{kind} – {}: {} ({})",
                    t().scale_applied,
                    s.scale.label(),
                    s.source.label(lang)
                );
                view! { <p class="muted" data-testid="applied-scale">{line}</p> }
            })
            .collect_view()
    };
    let more = rejected.saturating_sub(rejections.len() as u64);
    let list = (!rejections.is_empty()).then(|| {
        view! {
            <div class="imp-scroll" tabindex="0" role="region" aria-label=move || t().rejected_rows>
                <table class="imp-rejections" data-testid="rejections">
                    <thead><tr>
                        <th scope="col">{move || t().line}</th>
                        <th scope="col">{move || t().column}</th>
                        <th scope="col">{move || t().expected}</th>
                        <th scope="col">{move || t().found}</th>
                        <th scope="col">{move || t().message}</th>
                    </tr></thead>
                    <tbody>
                        {rejections.into_iter().map(|r| {
                            let r2 = r.clone();
                            view! {
                                <tr>
                                    <td class="imp-num">{r.line}</td>
                                    <td>{r.column.clone().unwrap_or_default()}</td>
                                    <td>{move || r.expected.label(state.lang.get())}</td>
                                    <td><code>{r.found.clone()}</code></td>
                                    <td>{move || r2.message(state.lang.get()).to_string()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    view! {
        <div class="imp-result" data-testid="result" role="status">
            <p class="imp-done">
                <strong>{move || t().done}</strong>
                {move || {
                    let lang = state.lang.get();
                    format!(" ({} {})", format_number(millis / 1000.0, 2, lang), t().seconds)
                }}
            </p>
            <AccountingLine accounting=file.accounting.clone() />
            {(!assumptions.is_empty()).then(|| view! {
                <div class="imp-assumed" data-testid="assumptions">
                    <p>{move || t().assumed}</p>
                    <ul>
                        {assumptions.into_iter().map(|a| view! {
                            <li>{move || a.message(state.lang.get()).to_string()}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {scales}
            {is_usage.then(|| view! { <super::usage_key::UsageKey job=job file_id=id /> })}
            {list}
            {(more > 0).then(|| view! { <p class="muted">{move || format!("+ {} {}", n(more, state.lang.get()), t().more_rejections)}</p> })}
            <div class="imp-actions">
                {(rejected > 0).then(|| view! {
                    <button type="button" class="secondary" data-testid="download-rejections"
                        on:click=move |_| job.download_rejections(data, id, state.lang.get_untracked())>
                        {move || t().download_rejections}
                    </button>
                })}
                <Link route=Route::Dashboard>{move || t().to_dashboard}</Link>
            </div>
            {move || job.csv_failure.get().map(|f| view! {
                <p class="imp-failed" role="alert">
                    {move || format!("{}: {}", t().csv_failed, crate::i18n::failure(&f, state.lang.get()))}
                </p>
            })}
        </div>
    }
}

/// Why the file cannot be imported, in the user's language.
#[component]
pub fn FailedPanel(
    /// What went wrong.
    failure: protocol::Failure,
) -> impl IntoView {
    let state = use_app();
    view! {
        <div class="imp-failed" role="alert" data-testid="error">
            <strong>{move || text(state.lang.get()).failed}": "</strong>
            {move || crate::i18n::failure(&failure, state.lang.get())}
        </div>
    }
}
