//! KPI tiles: value, change against the previous period, sparkline, alert state and the
//! definition one click away. A click on the name opens the detail view.

use super::charts::sparkline;
use super::format::{self, change, Tone};
use super::model::Figure;
use super::text::{basis_text, text, versus};
use super::Dash;
use crate::state::use_app;
use leptos::prelude::*;
use locale::Lang;

/// The grid of tiles.
#[component]
pub fn TileGrid(
    /// The dashboard's state.
    dash: Dash,
    /// Figures of the chosen period.
    #[prop(into)]
    figures: Signal<Vec<Figure>>,
    /// Breached KPI ids.
    #[prop(into)]
    breached: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <div class="tiles" data-testid="tiles">
            <For
                each=move || figures.get()
                key=|f| f.spec.id
                children=move |f| {
                    let id = f.spec.id;
                    let figure = Signal::derive(move || figures.with(|all| all.iter().find(|x| x.spec.id == id).cloned()));
                    let alert = Signal::derive(move || breached.with(|b| b.iter().any(|x| x == id)));
                    view! { <Tile dash=dash id=id figure=figure alert=alert /> }
                }
            />
        </div>
    }
}

/// One KPI tile.
#[component]
fn Tile(
    dash: Dash,
    id: &'static str,
    figure: Signal<Option<Figure>>,
    alert: Signal<bool>,
) -> impl IntoView {
    let state = use_app();
    let lang = move || state.lang.get();
    let t = move || text(lang());
    let name = move || {
        figure.with(|f| {
            f.as_ref().map(|f| if lang() == Lang::De { f.spec.de } else { f.spec.en }).unwrap_or(id)
        })
    };
    let value_text = move || {
        figure.with(|f| match f.as_ref().and_then(|f| f.value.map(|v| (f.spec.unit, v))) {
            Some((unit, v)) => format::value(unit, v, lang(), state.currency.get()),
            None => t().no_value.to_string(),
        })
    };
    let raw = move || {
        figure.with(|f| f.as_ref().and_then(|f| f.value).map(|v| v.to_string()).unwrap_or_default())
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
            let d = analytics::definitions::definition(f.spec.def_id)?;
            Some(format!(
                "{} {}",
                if lang() == Lang::De { d.de } else { d.en },
                basis_text(f.basis, lang())
            ))
        })
    };
    view! {
        <article class="tile" class:alert=move || alert.get() data-testid=format!("tile-{id}") aria-labelledby=format!("tile-h-{id}")>
            <h3 id=format!("tile-h-{id}")>
                <button type="button" class="tile-open" aria-expanded=move || (dash.selected.get().as_deref() == Some(id)).to_string() on:click=move |_| dash.open(id)>
                    {name}
                </button>
            </h3>
            {move || alert.get().then(|| view! { <p class="badge-alert" data-testid=format!("tile-alert-{id}")>{t().alert}</p> })}
            <p class="tile-value" data-testid=format!("tile-value-{id}") data-value=raw>{value_text}</p>
            {delta}
            <div class="tile-spark" aria-hidden="true" inner_html=spark></div>
            <details class="tile-def">
                <summary>{move || t().definition}</summary>
                <p>{definition}</p>
            </details>
        </article>
    }
}
