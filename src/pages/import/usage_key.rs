//! After a usage file is imported: how many customers its accounts matched and, to match on
//! another column (company name, email domain), a column choice that reads the file again.

use super::{job::Job, preview};
use crate::pages::dashboard::text::usage_match_text;
use crate::{data::use_data, i18n::import::text, state::use_app};
use leptos::prelude::*;

/// The usage match of the current data and the account column of this usage file.
#[component]
pub fn UsageKey(
    /// The job that imported the file.
    job: Job,
    /// The imported file, replaced when it is read again.
    file_id: u32,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let headers = job.sniffed.with_untracked(|s| s.as_ref().map(|s| s.headers.clone()));
    let current = job.sniffed.with_untracked(|s| {
        let s = s.as_ref()?;
        job.options.with_untracked(|o| preview::mapping(s, o).get("account").copied())
    });
    let pick = RwSignal::new(current);
    let line = move || {
        let lang = state.lang.get();
        data.report.with(|r| {
            let m = r.as_deref()?.usage_match?;
            Some(usage_match_text(&m, lang))
        })
    };
    let rekey = move |_| {
        let (Some(col), Some(s)) = (pick.get_untracked(), job.sniffed.get_untracked()) else {
            return;
        };
        // Other fields keep their columns: the chosen one may also be the user id.
        job.options.update(|o| {
            let mut map = preview::mapping(&s, o);
            map.insert("account".into(), col);
            o.mapping = Some(map);
        });
        data.remove(file_id);
        job.import(data);
    };
    let id = format!("job{}-usage-key", job.key);
    view! {
        <div class="imp-usage-key">
            {move || line().map(|(line, hint)| view! {
                <p class=if hint.is_some() { "imp-blockers" } else { "muted" } data-testid="import-usage-match">
                    {line}
                </p>
            })}
            <label for=id.clone()>{move || t().usage_key}</label>
            <select id=id data-testid="usage-key" on:change=move |ev| pick.set(event_target_value(&ev).parse().ok())>
                {headers.unwrap_or_default().into_iter().enumerate().map(|(i, h)| view! {
                    <option value=i.to_string() selected=move || pick.get() == Some(i)>{h}</option>
                }).collect_view()}
            </select>
            <button type="button" class="secondary" data-testid="usage-rekey"
                disabled=move || pick.get().is_none() || pick.get() == current
                on:click=rekey>
                {move || t().usage_rekey}
            </button>
            <p class="hint">{move || t().usage_key_hint}</p>
        </div>
    }
}
