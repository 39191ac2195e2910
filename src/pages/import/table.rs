//! The preview: the first rows as the import will read them, next to the raw lines; while
//! the kind or a required column is missing, first the table as read.

use super::{job::Job, preview};
use crate::{
    i18n::import::{field_label, text},
    state::use_app,
};
use leptos::prelude::*;

/// Rows shown in the preview.
const ROWS: usize = 8;

/// Parsed preview table and raw lines of one job.
#[component]
pub fn PreviewTable(job: Job) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let table = move || {
        let lang = state.lang.get();
        job.sniffed.with(|s| {
            let s = s.as_ref()?;
            let kind = s.kind?;
            job.options.with(|o| {
                let map = preview::mapping(s, o);
                let cols: Vec<_> = ingest::fields(kind)
                    .iter()
                    .filter_map(|f| map.get(f.id).map(|&c| (f, c)))
                    .collect();
                let head = cols
                    .iter()
                    .map(|(f, c)| {
                        let label = field_label(f, lang);
                        let header = s.headers.get(*c).cloned().unwrap_or_default();
                        view! { <th scope="col">{label}<span class="imp-colname">{header}</span></th> }
                    })
                    .collect_view();
                let rows = s
                    .preview
                    .iter()
                    .take(ROWS)
                    .map(|row| {
                        let cells = cols
                            .iter()
                            .map(|(f, c)| {
                                let raw = row.get(*c).map(String::as_str).unwrap_or("");
                                let format = (preview::decimal(s, o, *c), preview::order(s, o, *c));
                                let header = s.headers.get(*c).map(String::as_str).unwrap_or("");
                                match preview::cell(kind, f, raw, format, header, lang) {
                                    Ok(v) => view! { <td>{preview::shown_cell(&v)}</td> }.into_any(),
                                    Err(()) => view! {
                                        <td class="imp-bad" title=text(lang).not_readable>
                                            {preview::shown_cell(raw)}<span class="visually-hidden">{format!(" ({})", text(lang).not_readable)}</span>
                                        </td>
                                    }
                                    .into_any(),
                                }
                            })
                            .collect_view();
                        view! { <tr>{cells}</tr> }
                    })
                    .collect_view();
                Some(view! {
                    // Focusable, so keyboard users can scroll a wide preview.
                    <div class="imp-scroll" tabindex="0" role="region" aria-label=text(lang).preview_parsed>
                        <table class="imp-preview" data-testid="preview">
                            <caption>{text(lang).preview_parsed}</caption>
                            <thead><tr>{head}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                })
            })
        })
    };
    let raw = move || {
        job.sniffed.with(|s| {
            s.as_ref()
                .map(|s| s.raw_lines.iter().take(ROWS + 1).cloned().collect::<Vec<_>>().join("\n"))
        })
    };
    view! {
        <section class="imp-preview-block">
            <h3>{move || t().preview}</h3>
            <RawTable job=job />
            <div class="imp-side">
                <div class="imp-parsed">{table}</div>
                <div class="imp-raw">
                    <h4>{move || t().raw_lines}</h4>
                    <pre data-testid="raw-lines" tabindex="0" role="region" aria-label=move || t().raw_lines>{raw}</pre>
                </div>
            </div>
        </section>
    }
}

/// The header and first rows as read, every column (up to [`preview::RAW_COLUMNS`]), while
/// the kind is unknown or a required field has no column: what was read comes before the
/// message about what is missing.
#[component]
fn RawTable(job: Job) -> impl IntoView {
    let state = use_app();
    move || {
        let lang = state.lang.get();
        job.sniffed.with(|s| {
            let s = s.as_ref()?;
            if !job.options.with(|o| preview::shows_raw_table(s, o)) {
                return None;
            }
            let n_cols = s.headers.len().max(s.preview.iter().map(Vec::len).max().unwrap_or(0));
            let cols = n_cols.min(preview::RAW_COLUMNS);
            let more = (n_cols > cols).then(|| {
                let n = locale::format_number((n_cols - cols) as f64, 0, lang);
                view! { <th scope="col" class="muted">{format!("+ {n} {}", text(lang).more_columns)}</th> }
            });
            let cell = |row: &[String], i: usize| {
                preview::shown_cell(row.get(i).map(String::as_str).unwrap_or(""))
            };
            let head = (0..cols)
                .map(|i| view! { <th scope="col">{cell(&s.headers, i)}</th> })
                .collect_view();
            let rows = s
                .preview
                .iter()
                .take(ROWS)
                .map(|row| {
                    let cells = (0..cols).map(|i| view! { <td>{cell(row, i)}</td> }).collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            Some(view! {
                <div class="imp-scroll" tabindex="0" role="region" aria-label=text(lang).preview_raw>
                    <table class="imp-preview" data-testid="preview-raw">
                        <caption>{text(lang).preview_raw}</caption>
                        <thead><tr>{head}{more}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })
        })
    }
}
