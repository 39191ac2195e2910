//! KPI tiles: value, change against the previous period, sparkline, alert state and the
//! definition one click away. A click on the name opens the detail view.

use super::charts::sparkline;
use super::format::{self, change, Tone};
use super::text::{basis_text, text, versus};
use super::Dash;
use crate::state::use_app;
use analytics::{Kpi, Tile as KpiTile};
use leptos::prelude::*;
use locale::Lang;

/// The grid of tiles.
#[component]
pub fn TileGrid(
    /// The dashboard's state.
    dash: Dash,
    /// Figures of the chosen period.
    #[prop(into)]
    figures: Signal<Vec<KpiTile>>,
    /// Breached KPIs.
    #[prop(into)]
    breached: Signal<Vec<Kpi>>,
) -> impl IntoView {
    view! {
        <div class="tiles" data-testid="tiles">
            <For
                each=move || figures.get()
                key=|f| f.figure.kpi
                children=move |f| {
                    let kpi = f.figure.kpi;
                    let figure = Signal::derive(move || figures.with(|all| all.iter().find(|x| x.figure.kpi == kpi).cloned()));
                    let alert = Signal::derive(move || breached.with(|b| b.contains(&kpi)));
                    view! { <Tile dash=dash kpi=kpi figure=figure alert=alert /> }
                }
            />
        </div>
    }
}

/// One KPI tile.
#[component]
fn Tile(
    dash: Dash,
    kpi: Kpi,
    figure: Signal<Option<KpiTile>>,
    alert: Signal<bool>,
) -> impl IntoView {
    let state = use_app();
    let id = kpi.id();
    let lang = move || state.lang.get();
    let t = move || text(lang());
    let name = move || kpi.name(lang() == Lang::De);
    let value_text = move || {
        figure.with(|f| match f.as_ref().and_then(|f| f.figure.value) {
            Some(v) => format::value(kpi.unit(), v, lang(), state.currency.get()),
            None => t().no_value.to_string(),
        })
    };
    let raw = move || {
        figure.with(|f| {
            f.as_ref().and_then(|f| f.figure.value).map(|v| v.to_string()).unwrap_or_default()
        })
    };
    let delta = move || {
        let f = figure.get()?;
        let (arrow, text, tone) = change(&f, lang())?;
        let class = match tone {
            Tone::Good => "tile-change good",
            Tone::Bad => "tile-change bad",
            Tone::Flat => "tile-change flat",
        };
        Some(view! {
            <p class=class>
                <span aria-hidden="true">{arrow}" "</span>
                {text}" "<span class="muted">{versus(&dash.period.get(), lang())}</span>
            </p>
        })
    };
    let spark = move || {
        figure.with(|f| {
            f.as_ref().map(|f| sparkline(f, lang(), state.currency.get())).unwrap_or_default()
        })
    };
    let definition = move || {
        figure.with(|f| {
            let f = f.as_ref()?;
            let de = lang() == Lang::De;
            Some(format!(
                "{} {}",
                kpi.definition(de),
                basis_text(&f.figure, lang(), state.currency.get())
            ))
        })
    };
    view! {
        <article class="tile" class:alert=move || alert.get() data-testid=format!("tile-{id}") aria-labelledby=format!("tile-h-{id}")>
            <h3 id=format!("tile-h-{id}")>
                <button type="button" class="tile-open" aria-expanded=move || (dash.selected.get() == Some(kpi)).to_string() on:click=move |_| dash.open(kpi)>
                    {name}
                </button>
            </h3>
            {move || alert.get().then(|| view! { <p class="badge-alert" data-testid=format!("tile-alert-{id}")>{t().alert}</p> })}
            <p class="tile-value" data-testid=format!("tile-value-{id}") data-value=raw>{value_text}</p>
            {move || figure.with(|f| f.as_ref().is_some_and(|f| f.figure.partial)).then(|| view! {
                <p class="tile-partial" data-testid=format!("tile-partial-{id}")>
                    {if lang() == Lang::De { "Teilmonat: bis zum Stichtag" } else { "Partial month: to the as-of date" }}
                </p>
            })}
            {delta}
            <super::segments::TileSegments kpi=kpi />
            <div class="tile-spark" aria-hidden="true" inner_html=spark></div>
            <details class="tile-def">
                <summary>{move || t().definition}</summary>
                <p>{definition}</p>
            </details>
        </article>
    }
}
