//! Segments on the dashboard: "split by" an attribute (plan, country, channel, …) with up
//! to five segments side by side, and a global filter ("only plan Team") that applies to
//! every section. The worker computes each segment's report ([`analytics::segment`]); the
//! figures come from `analytics::tiles`, as the tiles' own.
//!
//! The URL carries the choice (`&by=plan&only=plan%3DTeam`): only an attribute key and a value
//! the files offer, and a link restores it once the data is there ([`keep_in_url`]).

use super::format;
use super::segment_chart::{self, SegmentTiles};
use super::Dash;
use crate::browser;
use crate::components::chart::ChartPanel;
use crate::data::use_data;
use crate::protocol::SegmentChoice;
use crate::state::use_app;
use analytics::segment::{AttributeInfo, Condition};
use analytics::{Kpi, Tile};
use leptos::prelude::*;
use locale::Lang;

/// The segment strings in one language.
struct SegText {
    split_by: &'static str,
    no_split: &'static str,
    filter: &'static str,
    all_rows: &'static str,
    title: &'static str,
    kpi: &'static str,
    rule: &'static str,
    trend: &'static str,
    in_tile: &'static str,
}

const DE: SegText = SegText {
    split_by: "Aufteilen nach",
    no_split: "nicht aufteilen",
    filter: "Nur",
    all_rows: "alle Zeilen",
    title: "Segmente",
    kpi: "Kennzahl",
    rule: "Wechselt ein Kunde das Segment (z. B. den Tarif) und bleibt Kunde, zählt sein MRR \
           als Contraction im alten und Expansion im neuen Segment. Die MRR der Segmente ergibt \
           zusammen die Gesamt-MRR. Gezeigt: die fünf Segmente mit den meisten Zeilen, die \
           übrigen zusammen als „Rest“.",
    trend: "Verlauf je Segment",
    in_tile: "Nach",
};

const EN: SegText = SegText {
    split_by: "Split by",
    no_split: "no split",
    filter: "Only",
    all_rows: "all rows",
    title: "Segments",
    kpi: "KPI",
    rule: "When a customer moves to another segment (e.g. plan) and stays a customer, its MRR \
           counts as contraction in the old segment and expansion in the new one. The \
           segments' MRR adds up to the total MRR. Shown: the five segments with most rows; \
           the others together as \"rest\".",
    trend: "Trend by segment",
    in_tile: "By",
};

fn seg_text(lang: Lang) -> &'static SegText {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The URL's `&by=…&only=…` pairs for a choice (empty without a split or filter).
pub fn url_pairs(choice: &SegmentChoice) -> String {
    let mut out = String::new();
    if let Some(by) = &choice.by {
        out.push_str(&format!("&by={}", crate::route::encode(by)));
    }
    if let Some(c) = choice.filter.first() {
        let only = format!("{}={}", c.attribute, c.value);
        out.push_str(&format!("&only={}", crate::route::encode(&only)));
    }
    out
}

/// The choice a link asks for, as far as the files offer it: `by` must be an attribute key,
/// `only` a `key=value` of one of its values; anything else is left out.
pub fn choice_from_url(
    by: Option<&str>,
    only: Option<&str>,
    attributes: &[AttributeInfo],
) -> SegmentChoice {
    let by = by.and_then(|b| attributes.iter().find(|a| a.key == b)).map(|a| a.key.clone());
    let filter = only
        .and_then(|o| o.parse::<Condition>().ok())
        .filter(|c| attributes.iter().any(|a| a.key == c.attribute && a.values.contains(&c.value)))
        .into_iter()
        .collect();
    SegmentChoice { by, filter }
}

/// Restores the choice of the URL the board was opened with, then keeps the URL in step with
/// the choice. Without `by` or `only` in the URL the worker's choice stays as it is.
pub fn keep_in_url(dash: Dash) {
    let data = use_data();
    let (by, only) = (browser::query_param("by"), browser::query_param("only"));
    let current = data.choice.get_untracked();
    let wanted = (by.is_some() || only.is_some()).then(|| {
        data.attributes.with_untracked(|a| choice_from_url(by.as_deref(), only.as_deref(), a))
    });
    // `set_choice` shows the new choice at once, so the first run writes the URL with it.
    let write_first = match &wanted {
        Some(w) if *w != current => {
            data.set_choice(w.clone());
            true
        }
        Some(_) => true,
        None => current != SegmentChoice::default(),
    };
    Effect::new(move |prev: Option<SegmentChoice>| {
        let choice = data.choice.get();
        let write = match &prev {
            None => write_first,
            Some(p) => *p != choice,
        };
        if write {
            dash.sync_url(false);
        }
        choice
    });
}

/// The "split by" and "only" selects.
#[component]
pub fn SegmentBar() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || seg_text(state.lang.get());
    let has_attributes = move || data.attributes.with(|a| !a.is_empty());
    let by_value = move || data.choice.with(|c| c.by.clone().unwrap_or_default());
    let on_by = move |ev| {
        let by = event_target_value(&ev);
        let mut choice = data.choice.get_untracked();
        choice.by = (!by.is_empty()).then_some(by);
        data.set_choice(choice);
    };
    let filter_value = move || {
        data.choice.with(|c| {
            c.filter.first().map(|f| format!("{}={}", f.attribute, f.value)).unwrap_or_default()
        })
    };
    let on_filter = move |ev| {
        let text = event_target_value(&ev);
        let choice = SegmentChoice {
            filter: text.parse::<Condition>().ok().into_iter().collect(),
            ..data.choice.get_untracked()
        };
        data.set_choice(choice);
    };
    let by_options = move || {
        data.attributes
            .get()
            .into_iter()
            .map(|a| view! { <option value=a.key.clone()>{a.name}</option> })
            .collect_view()
    };
    let filter_options = move || {
        data.attributes
            .get()
            .into_iter()
            .map(|a| {
                let key = a.key.clone();
                view! {
                    <optgroup label=a.name>
                        {a.values.into_iter().map(|v| {
                            let value = format!("{key}={v}");
                            view! { <option value=value>{v}</option> }
                        }).collect_view()}
                    </optgroup>
                }
            })
            .collect_view()
    };
    move || {
        has_attributes().then(|| {
            view! {
                <fieldset class="segment-bar" data-testid="segment-bar">
                    <legend class="visually-hidden">{t().title}</legend>
                    <label class="field-inline">{t().split_by}
                        <select data-testid="split-by" on:change=on_by prop:value=by_value>
                            <option value="">{t().no_split}</option>
                            {by_options}
                        </select>
                    </label>
                    <label class="field-inline">{t().filter}
                        <select data-testid="segment-filter" on:change=on_filter prop:value=filter_value>
                            <option value="">{t().all_rows}</option>
                            {filter_options}
                        </select>
                    </label>
                </fieldset>
            }
        })
    }
}

/// The shown segments' tiles of the dashboard's period, computed once for the tiles, the
/// table and the trend chart (provided by [`provide_segment_tiles`]).
#[derive(Clone, Copy)]
pub struct SegmentTilesMemo(pub Memo<SegmentTiles>);

/// Computes the segments' tiles of the period and provides them to the board's components.
pub fn provide_segment_tiles(dash: Dash) {
    let state = use_app();
    let data = use_data();
    let memo = Memo::new(move |_| {
        let period = dash.period.get();
        let de = state.lang.get() == Lang::De;
        data.segments.with(|segs| {
            segs.iter()
                .map(|s| (s.label(de), analytics::tiles(&s.report, period)))
                .collect::<Vec<_>>()
        })
    });
    provide_context(SegmentTilesMemo(memo));
}

/// The segments' tiles; empty outside a board.
fn use_segment_tiles() -> SegmentTilesMemo {
    use_context::<SegmentTilesMemo>()
        .unwrap_or_else(|| SegmentTilesMemo(Memo::new(|_| SegmentTiles::new())))
}

/// The name of the attribute the board is split by.
fn attribute_name(data: crate::data::DataStore) -> Option<String> {
    let by = data.choice.with(|c| c.by.clone())?;
    data.attributes.with(|a| a.iter().find(|x| x.key == by).map(|x| x.name.clone()))
}

/// A tile's value in each shown segment (at most five and the rest), under its own value.
#[component]
pub fn TileSegments(
    /// The tile's KPI.
    kpi: Kpi,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let columns = use_segment_tiles().0;
    let id = kpi.id();
    move || {
        let (lang, cur) = (state.lang.get(), state.currency.get());
        let items = columns.with(|cols| {
            cols.iter()
                .enumerate()
                .map(|(i, (label, tiles))| {
                    let value =
                        tiles.iter().find(|x| x.figure.kpi == kpi).and_then(|x| x.figure.value);
                    let raw = value.map(|v| v.to_string()).unwrap_or_default();
                    let shown = value
                        .map_or_else(|| "–".to_string(), |v| format::value(kpi.unit(), v, lang, cur));
                    view! {
                        <li>
                            <span class="tile-seg-label">{label.clone()}</span>" "
                            <span class="tile-seg-value" data-testid=format!("tile-seg-{id}-{i}") data-value=raw>{shown}</span>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        });
        (!items.is_empty()).then(|| {
            let label = format!("{} {}", seg_text(lang).in_tile, attribute_name(data).unwrap_or_default());
            view! {
                <ul class="tile-segments" data-testid=format!("tile-segs-{id}") aria-label=label>{items}</ul>
            }
        })
    }
}

/// The segments side by side: one row per tile of the period, one column per segment.
#[component]
pub fn SegmentTable(
    /// The tiles of the whole (filtered) data, whose KPIs the rows follow.
    #[prop(into)]
    figures: Signal<Vec<Tile>>,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || seg_text(state.lang.get());
    let columns = use_segment_tiles().0;
    let attribute = move || attribute_name(data);
    let trend_kpi = RwSignal::new(Kpi::Mrr);
    let trend = move || {
        let (lang, cur) = (state.lang.get(), state.currency.get());
        let kpi = trend_kpi.get();
        figures.with(|f| columns.with(|c| segment_chart::chart(kpi, f, c, lang, cur)))
    };
    let trend_options = move || {
        let de = state.lang.get() == Lang::De;
        figures
            .get()
            .into_iter()
            .map(|f| {
                let kpi = f.figure.kpi;
                view! { <option value=kpi.id() selected=move || trend_kpi.get() == kpi>{kpi.name(de)}</option> }
            })
            .collect_view()
    };
    let on_trend = move |ev| {
        let id = event_target_value(&ev);
        if let Some(kpi) = Kpi::ALL.iter().copied().find(|k| k.id() == id) {
            trend_kpi.set(kpi);
        }
    };
    let trend_view = move || {
        view! {
            <div class="segment-trend" data-testid="segment-trend">
                <h3>{t().trend}</h3>
                <label class="field-inline">{t().kpi}
                    <select data-testid="segment-trend-kpi" on:change=on_trend prop:value=move || trend_kpi.get().id()>
                        {trend_options}
                    </select>
                </label>
                <ChartPanel chart=Signal::derive(trend) file_stem="kennzahl-segments" />
            </div>
        }
    };
    move || {
        let cols = columns.get();
        if cols.is_empty() {
            return None;
        }
        let (lang, cur) = (state.lang.get(), state.currency.get());
        let de = lang == Lang::De;
        let head = cols
            .iter()
            .map(|(label, _)| view! { <th scope="col">{label.clone()}</th> })
            .collect_view();
        let rows = figures
            .get()
            .into_iter()
            .map(|total| {
                let kpi = total.figure.kpi;
                let cells = cols
                    .iter()
                    .enumerate()
                    .map(|(i, (_, tiles))| {
                        let value = tiles
                            .iter()
                            .find(|x| x.figure.kpi == kpi)
                            .and_then(|x| x.figure.value);
                        let raw = value.map(|v| v.to_string()).unwrap_or_default();
                        let shown = value.map_or_else(
                            || "–".to_string(),
                            |v| format::value(kpi.unit(), v, lang, cur),
                        );
                        view! {
                            <td data-testid=format!("seg-{}-{i}", kpi.id()) data-value=raw>{shown}</td>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{kpi.name(de)}</th>{cells}</tr> }
            })
            .collect_view();
        Some(view! {
            <section class="card segments" data-testid="segments" aria-labelledby="segments-h">
                <h2 id="segments-h">{t().title}": "{attribute}</h2>
                <p class="muted">{t().rule}</p>
                <div class="table-scroll">
                    <table class="segment-table">
                        <thead><tr><th scope="col">{t().kpi}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {trend_view}
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes() -> Vec<AttributeInfo> {
        vec![AttributeInfo {
            key: "plan".into(),
            name: "Tarif".into(),
            values: vec!["Team".into(), "Pro & Co".into()],
        }]
    }

    #[test]
    fn the_url_carries_only_offered_keys_and_values() {
        let a = attributes();
        let choice = choice_from_url(Some("plan"), Some("plan=Pro & Co"), &a);
        assert_eq!(choice.by.as_deref(), Some("plan"));
        assert_eq!(
            choice.filter,
            vec![Condition { attribute: "plan".into(), value: "Pro & Co".into() }]
        );
        assert_eq!(url_pairs(&choice), "&by=plan&only=plan%3DPro%20%26%20Co");
        // Unknown attribute, unknown value, no `=`: ignored.
        assert_eq!(choice_from_url(Some("land"), Some("plan=Gold"), &a), SegmentChoice::default());
        assert_eq!(choice_from_url(None, Some("plan"), &a), SegmentChoice::default());
        assert_eq!(choice_from_url(Some("%ff"), Some("land=Team"), &[]), SegmentChoice::default());
        assert_eq!(url_pairs(&SegmentChoice::default()), "");
    }
}
