//! Export buttons: the KPI table and the at-risk list as CSV (optionally with pseudonyms),
//! the whole report as JSON. Files are made in the page; nothing is sent anywhere.

use super::export::{at_risk_csv, kpi_csv};
use super::text::text;
use super::Dash;
use crate::{browser, data::use_data, state::use_app};
use analytics::{Kpi, Tile};
use leptos::prelude::*;

/// The export panel.
#[component]
pub fn ExportPanel(
    /// The dashboard's state.
    dash: Dash,
    /// Figures of the chosen period.
    #[prop(into)]
    figures: Signal<Vec<Tile>>,
    /// Breached KPIs.
    #[prop(into)]
    breached: Signal<Vec<Kpi>>,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let pseudo = RwSignal::new(false);
    let kpis = move |_| {
        let period = dash.period.get_untracked();
        let csv = figures.with_untracked(|f| {
            breached.with_untracked(|b| {
                kpi_csv(
                    f,
                    &period.label(),
                    b,
                    state.lang.get_untracked(),
                    state.currency.get_untracked(),
                )
            })
        });
        browser::download(
            &format!("kennzahl-kpis-{}.csv", period.key().replace("..", "_")),
            "text/csv;charset=utf-8",
            csv.as_bytes(),
        );
    };
    let risk = move |_| {
        let Some(report) = data.report.get_untracked() else { return };
        let list = report.health.as_ref().map(|h| h.at_risk.clone()).unwrap_or_default();
        let csv = at_risk_csv(&list, pseudo.get_untracked(), state.lang.get_untracked());
        browser::download("kennzahl-at-risk.csv", "text/csv;charset=utf-8", csv.as_bytes());
    };
    let json = move |_| {
        let Some(report) = data.report.get_untracked() else { return };
        if let Some(text) = browser::to_json(&*report) {
            browser::download("kennzahl-report.json", "application/json", text.as_bytes());
        }
    };
    view! {
        <section class="card exports" aria-labelledby="exports-h">
            <h2 id="exports-h">{move || t().exports}</h2>
            <label class="check">
                <input type="checkbox" data-testid="pseudonymise" prop:checked=move || pseudo.get()
                    on:change=move |ev| pseudo.set(event_target_checked(&ev)) />
                {move || t().pseudonymise}
            </label>
            <div class="export-buttons">
                <button type="button" class="button" data-testid="export-kpis" on:click=kpis>{move || t().export_kpis}</button>
                <button type="button" class="button" data-testid="export-risk" on:click=risk>{move || t().export_risk}</button>
                <button type="button" class="button" data-testid="export-json" on:click=json>{move || t().export_json}</button>
            </div>
        </section>
    }
}
