//! The mapping screen: kind, detected settings, field → column, number formats and the
//! day/month question. Every control changes the job's options; the preview follows.

use super::{job::Job, preview};
use crate::{
    data::use_data,
    i18n::import::{field_label, kind_label, text},
    state::use_app,
};
use ingest::{
    value::{DateOrder, DecimalStyle},
    Encoding,
};
use leptos::prelude::*;
use records::DatasetKind;

const ENCODINGS: [Encoding; 5] = [
    Encoding::Utf8,
    Encoding::Utf8Bom,
    Encoding::Windows1252,
    Encoding::Utf16Le,
    Encoding::Utf16Be,
];

/// Kind, settings and field mapping of one job.
#[component]
pub fn MappingPanel(job: Job) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let id = move |what: &str| format!("job{}-{what}", job.key);
    let sniffed = move |f: &dyn Fn(&ingest::Sniffed) -> String| {
        job.sniffed.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    let kind = Memo::new(move |_| job.sniffed.with(|s| s.as_ref().and_then(|s| s.kind)));
    let headers =
        Memo::new(move |_| job.sniffed.with(|s| s.as_ref().map(|s| s.headers.clone()))).into();

    let kind_select = view! {
        <div class="imp-setting">
            <label for=id("kind")>{move || t().kind}</label>
            <select id=id("kind") data-testid="kind" on:change=move |ev| {
                let k = DatasetKind::from_id(&event_target_value(&ev));
                job.change_and_resniff(data, |o| { o.kind = k; o.mapping = None; });
            }>
                <option value="" disabled=true selected=move || kind.get().is_none()>{move || t().choose_kind}</option>
                {move || {
                    let lang = state.lang.get();
                    let scores = job.sniffed.with(|s| s.as_ref().map(|s| s.kind_scores.clone()).unwrap_or_default());
                    DatasetKind::ALL.into_iter().map(|k| {
                        let score = scores.iter().find(|s| s.kind == k).map_or(0.0, |s| s.score);
                        let label = format!("{} ({} {})", kind_label(k, lang), text(lang).score,
                            locale::format_number(score, 1, lang));
                        view! { <option value=k.id() selected=move || kind.get() == Some(k)>{label}</option> }
                    }).collect_view()
                }}
            </select>
        </div>
    };

    let settings = view! {
        <fieldset class="imp-settings">
            <legend>{move || t().settings}</legend>
            <div class="imp-setting">
                <label for=id("enc")>{move || t().encoding}</label>
                <select id=id("enc") data-testid="encoding" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let e = ENCODINGS.into_iter().find(|e| e.label() == v);
                    job.change_and_resniff(data, |o| o.encoding = e);
                }>
                    {ENCODINGS.into_iter().map(|e| view! {
                        <option value=e.label() selected=move || sniffed(&|s| s.encoding.label().into()) == e.label()>{e.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="imp-setting">
                <label for=id("delim")>{move || t().delimiter}</label>
                <select id=id("delim") data-testid="delimiter" on:change=move |ev| {
                    let d = event_target_value(&ev).chars().next();
                    job.change_and_resniff(data, |o| { o.delimiter = d; o.mapping = None; o.decimal.clear(); });
                }>
                    {[(';', 0), (',', 1), ('\t', 2), ('|', 3)].into_iter().map(|(d, i)| view! {
                        <option value=d.to_string() selected=move || sniffed(&|s| s.delimiter.to_string()) == d.to_string()>
                            {move || [t().semicolon, t().comma, t().tab, t().pipe][i]}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="imp-setting imp-check">
                <input type="checkbox" id=id("header") prop:checked=move || job.sniffed.with(|s| s.as_ref().is_some_and(|s| s.has_header))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        job.change_and_resniff(data, |o| { o.has_header = Some(on); o.mapping = None; });
                    } />
                <label for=id("header")>{move || t().header_row}</label>
            </div>
        </fieldset>
    };

    view! {
        <div class="imp-mapping">
            <div class="imp-col">
                {kind_select}
                {settings}
                <NumberFormats job=job />
                <DateQuestion job=job />
                <super::scale::ScaleChoice job=job />
            </div>
            <FieldTable job=job kind=kind headers=headers />
        </div>
    }
}

/// One row per field of the kind: label, required mark, column dropdown.
#[component]
fn FieldTable(
    job: Job,
    kind: Memo<Option<DatasetKind>>,
    headers: Signal<Option<Vec<String>>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let current = move |field: &'static str| {
        job.sniffed.with(|s| {
            s.as_ref()
                .and_then(|s| job.options.with(|o| preview::mapping(s, o).get(field).copied()))
        })
    };
    let set = move |field: &'static str, col: Option<usize>| {
        let Some(s) = job.sniffed.get_untracked() else { return };
        job.options.update(|o| {
            let mut map = preview::mapping(&s, o);
            match col {
                Some(c) => map.insert(field.to_string(), c),
                None => map.remove(field),
            };
            o.mapping = Some(map);
        });
    };
    view! {
        <table class="imp-fields">
            <caption>{move || t().fields}</caption>
            <thead><tr><th scope="col">{move || t().field}</th><th scope="col">{move || t().column}</th></tr></thead>
            <tbody>
                {move || {
                    let Some(k) = kind.get() else { return ().into_any() };
                    let headers = headers.get().unwrap_or_default();
                    ingest::fields(k).iter().map(|f| {
                        let sel = format!("job{}-field-{}", job.key, f.id);
                        let headers = headers.clone();
                        view! {
                            <tr>
                                <th scope="row">
                                    <label for=sel.clone()>{move || field_label(f, state.lang.get())}</label>
                                    {f.required.then(|| view! { <span class="imp-req" title=move || t().required>" *"</span> })}
                                </th>
                                <td>
                                    <select id=sel data-testid=format!("map-{}", f.id) on:change=move |ev| {
                                        set(f.id, event_target_value(&ev).parse().ok());
                                    }>
                                        <option value="" selected=move || current(f.id).is_none()>{move || t().not_mapped}</option>
                                        {headers.into_iter().enumerate().map(|(i, h)| view! {
                                            <option value=i.to_string() selected=move || current(f.id) == Some(i)>{h}</option>
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
        </table>
    }
}

/// A decimal-style choice for every column read as numbers.
#[component]
fn NumberFormats(job: Job) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let cols = Memo::new(move |_| {
        job.sniffed.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let Some(k) = s.kind else { return Vec::new() };
            job.options.with(|o| {
                preview::number_columns(s, o, ingest::fields(k))
                    .into_iter()
                    .map(|c| (c, s.headers.get(c).cloned().unwrap_or_default()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let style = move |c: usize| {
        job.sniffed.with(|s| s.as_ref().map(|s| job.options.with(|o| preview::decimal(s, o, c))))
    };
    move || {
        cols.get().into_iter().map(|(c, header)| {
            let sel = format!("job{}-dec-{c}", job.key);
            view! {
                <div class="imp-setting">
                    <label for=sel.clone()>{move || t().decimal_of}" »"{header.clone()}"«"</label>
                    <select id=sel data-testid=format!("decimal-{c}") on:change=move |ev| {
                        let d = if event_target_value(&ev) == "comma" { DecimalStyle::Comma } else { DecimalStyle::Point };
                        job.options.update(|o| { o.decimal.insert(c, d); });
                    }>
                        <option value="comma" selected=move || style(c) == Some(DecimalStyle::Comma)>{move || t().decimal_comma}</option>
                        <option value="point" selected=move || style(c) == Some(DecimalStyle::Point)>{move || t().decimal_point}</option>
                    </select>
                </div>
            }
        }).collect_view()
    }
}

/// Asks day-first or month-first when a mapped date column reads both ways.
#[component]
fn DateQuestion(job: Job) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    // Columns that are ambiguous by their values; the question stays after it is answered.
    let example = Memo::new(move |_| {
        job.sniffed.with(|s| {
            let s = s.as_ref()?;
            let map = job.options.with(|o| preview::mapping(s, o));
            map.values()
                .filter_map(|&c| s.columns.get(c))
                .find(|c| c.date.as_ref().is_some_and(|d| d.ambiguous))
                .map(|c| (c.header.clone(), c.examples.first().cloned().unwrap_or_default()))
        })
    });
    let name = format!("job{}-order", job.key);
    move || {
        let (header, ex) = example.get()?;
        let choice = move |order: DateOrder| {
            let lang = state.lang.get();
            let read = preview::format_cell(
                ingest::FieldType::Date,
                &ex,
                DecimalStyle::Point,
                order,
                lang,
            )
            .unwrap_or_default();
            let label = if order == DateOrder::Dmy { t().day_first } else { t().month_first };
            format!("{label}: {ex} = {read}")
        };
        let name = name.clone();
        Some(view! {
            <fieldset class="imp-date-question" data-testid="date-question">
                <legend>{move || t().date_question}" (»"{header.clone()}"«)"</legend>
                {[DateOrder::Dmy, DateOrder::Mdy].into_iter().map(|order| {
                    let choice = choice.clone();
                    view! {
                        <label class="imp-radio">
                            <input type="radio" name=name.clone()
                                prop:checked=move || job.options.with(|o| o.date_order == Some(order))
                                on:change=move |_| job.options.update(|o| o.date_order = Some(order)) />
                            {move || choice(order)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        })
    }
}
