//! The detail view of one KPI: its trend chart, related charts, the definition and the
//! numbers behind it as a table.

use super::charts::trend;
use super::format;
use super::model::Figure;
use super::text::{basis_text, text};
use super::Dash;
use crate::components::chart::{ChartData, ChartPanel};
use crate::state::use_app;
use leptos::prelude::*;
use locale::Lang;

/// Overview charts that belong to a KPI's detail view.
pub fn related(id: &str) -> &'static [&'static str] {
    match id {
        "mrr" => &["mrr-movements"],
        "arr" | "arpu" | "new_mrr" | "expansion_mrr" | "contraction_mrr" | "churned_mrr" => {
            &["mrr-movements", "mrr"]
        }
        "customers" => &[],
        "churn_rate" | "revenue_churn" | "ndr" | "grr" => &["cohorts-logo", "cohorts-revenue"],
        "nps" => &["nps"],
        "ticket_volume" => &["tickets-per-week"],
        "first_response_time" | "first_response_time_p90" => &["first-response-time"],
        "win_rate" | "win_loss_ratio" | "win_loss_value_ratio" | "sales_velocity" => {
            &["deal-funnel"]
        }
        "dau_mau" => &["dau-mau"],
        "at_risk" | "health_score" => &["health-distribution"],
        _ => &[],
    }
}

/// The open detail panel, or nothing.
#[component]
pub fn DetailView(
    /// The dashboard's state.
    dash: Dash,
    /// Figures of the chosen period.
    #[prop(into)]
    figures: Signal<Vec<Figure>>,
    /// The overview charts, by file stem.
    #[prop(into)]
    charts: Signal<Vec<(&'static str, ChartData)>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    move || {
        let id = dash.selected.get()?;
        let f = figures.with(|all| all.iter().find(|f| f.spec.id == id).cloned())?;
        let lang = state.lang.get();
        let cur = state.currency.get();
        let name = if lang == Lang::De { f.spec.de } else { f.spec.en };
        let def = analytics::definitions::definition(f.spec.def_id)
            .map(|d| if lang == Lang::De { d.de } else { d.en })
            .unwrap_or_default();
        let chart = trend(&f, lang, cur);
        let extra: Vec<(&'static str, ChartData)> = charts
            .with(|c| c.iter().filter(|(stem, _)| related(&id).contains(stem)).cloned().collect());
        let rows = f
            .trend
            .iter()
            .rev()
            .map(|(label, v)| {
                let shown = v
                    .map(|v| format::value(f.spec.unit, v, lang, cur))
                    .unwrap_or_else(|| "–".into());
                view! { <tr><th scope="row">{label.clone()}</th><td>{shown}</td></tr> }
            })
            .collect_view();
        Some(view! {
            <section class="card detail" data-testid="detail" aria-labelledby="detail-h">
                <div class="detail-head">
                    <h2 id="detail-h">{t().details}": "{name}</h2>
                    <button type="button" class="button" on:click=move |_| dash.open_none()>{t().close}</button>
                </div>
                <p class="detail-def"><strong>{t().definition}": "</strong>{def}" "{basis_text(f.basis, lang)}</p>
                <div class="detail-charts">
                    <div class="chart-box">
                        <h3>{super::charts::svg_title(&chart.svg)}</h3>
                        <ChartPanel chart=Signal::derive(move || Some(chart.clone())) file_stem=format!("kennzahl-{}", f.spec.id) />
                    </div>
                    {extra.into_iter().map(|(stem, data)| view! {
                        <div class="chart-box">
                            <h3>{super::charts::svg_title(&data.svg)}</h3>
                            <ChartPanel chart=Signal::derive(move || Some(data.clone())) file_stem=format!("kennzahl-{stem}") />
                        </div>
                    }).collect_view()}
                </div>
                <table class="numbers" data-testid="detail-table">
                    <caption>{t().numbers}</caption>
                    <thead><tr><th scope="col">{t().period}</th><th scope="col">{name}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        })
    }
}
