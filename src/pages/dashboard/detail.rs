//! The detail view of one KPI: its trend chart, related charts, the definition and the
//! numbers behind it as a table, and the KPI as SQL ([`super::sql`]).

use super::charts::trend;
use super::format;
use super::text::{basis_text, text};
use super::Dash;
use crate::components::chart::{ChartData, ChartPanel};
use crate::data::use_data;
use crate::state::use_app;
use analytics::{Kpi, Period, Tile};
use leptos::prelude::*;
use locale::Lang;

/// Overview charts that belong to a KPI's detail view.
pub fn related(kpi: Kpi) -> &'static [&'static str] {
    match kpi {
        Kpi::Mrr => &["mrr-movements"],
        Kpi::Arr
        | Kpi::Arpu
        | Kpi::NewMrr
        | Kpi::ReactivationMrr
        | Kpi::ExpansionMrr
        | Kpi::ContractionMrr
        | Kpi::ChurnedMrr => &["mrr-movements", "mrr"],
        Kpi::NonRecurringRevenue | Kpi::TrialsStarted | Kpi::FreeToPaid => &["mrr"],
        Kpi::ChurnRate | Kpi::ChurnRateB | Kpi::RevenueChurn | Kpi::Ndr | Kpi::Grr => {
            &["cohorts-logo", "cohorts-revenue"]
        }
        Kpi::Nps => &["nps"],
        Kpi::TicketVolume => &["tickets-per-week"],
        Kpi::FirstResponseTime | Kpi::FirstResponseTimeP90 => &["first-response-time"],
        Kpi::WinRate | Kpi::WinLossRatio | Kpi::WinLossValueRatio | Kpi::SalesVelocity => {
            &["deal-funnel"]
        }
        Kpi::DauMau => &["dau-mau"],
        Kpi::AtRisk | Kpi::HealthScore => &["health-distribution"],
        Kpi::Customers
        | Kpi::Csat
        | Kpi::Ces
        | Kpi::Fcr
        | Kpi::ResolutionRate
        | Kpi::LeadResponseTime
        | Kpi::AvgSessionDuration
        | Kpi::SessionsPerDay
        | Kpi::ProductUsageRate
        | Kpi::Cac
        | Kpi::RetentionCost => &[],
    }
}

/// The open detail panel, or nothing.
#[component]
pub fn DetailView(
    /// The dashboard's state.
    dash: Dash,
    /// Figures of the chosen period.
    #[prop(into)]
    figures: Signal<Vec<Tile>>,
    /// The overview charts, by file stem.
    #[prop(into)]
    charts: Signal<Vec<(&'static str, ChartData)>>,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let dialect = RwSignal::new(warehouse::Dialect::DuckDb);
    // A point of the trend (a period of the numbers table) whose rows are open.
    let point: RwSignal<Option<(Kpi, Period)>> = RwSignal::new(None);
    move || {
        let kpi = dash.selected.get()?;
        let period = dash.period.get();
        // The query names the as-of date and, when the files hold several, the analysed currency.
        let (as_of, currency) = data.report.with(|r| {
            let r = r.as_deref();
            let as_of = r.and_then(|r| r.as_of.as_ref()).map(|a| a.date);
            let currency = r
                .and_then(|r| r.billing.as_ref())
                .and_then(|b| b.currency.as_ref())
                .filter(|c| c.rows.len() > 1)
                .map(|c| c.base.code().to_string());
            (as_of, currency)
        });
        let f = figures.with(|all| all.iter().find(|f| f.figure.kpi == kpi).cloned())?;
        let lang = state.lang.get();
        let cur = state.currency.get();
        let name = kpi.name(lang == Lang::De);
        let def = kpi.definition(lang == Lang::De);
        let chart = trend(&f, lang, cur);
        let extra: Vec<(&'static str, ChartData)> = charts
            .with(|c| c.iter().filter(|(stem, _)| related(kpi).contains(stem)).cloned().collect());
        let drills = analytics::drill::drillable(kpi);
        let rows = f
            .trend
            .iter()
            .rev()
            .map(|p| {
                let shown = p
                    .value
                    .map(|v| format::value(kpi.unit(), v, lang, cur))
                    .unwrap_or_else(|| "–".into());
                let at = p.period;
                let label = at.label();
                // Each point of the trend opens the rows behind it.
                let head = match (drills, p.value) {
                    (true, Some(v)) => {
                        let aria = if lang == Lang::De {
                            format!("{name} {label}: {shown}, Zeilen anzeigen")
                        } else {
                            format!("{name} {label}: {shown}, show the rows")
                        };
                        let pressed = move || (point.get() == Some((kpi, at))).to_string();
                        view! {
                            <button type="button" class="linklike" data-testid="trend-point"
                                data-period=at.key() data-value=v.to_string() aria-label=aria
                                aria-pressed=pressed on:click=move |_| point.set(Some((kpi, at)))>{label}</button>
                        }
                        .into_any()
                    }
                    _ => label.into_any(),
                };
                view! { <tr><th scope="row">{head}</th><td>{shown}</td></tr> }
            })
            .collect_view();
        let point_rows = move || {
            let (k, at) = point.get().filter(|(k, _)| *k == kpi)?;
            Some(view! { <super::drill::DrillRows kpi=k period=at auto=true id="point-drill" /> })
        };
        let caption = if drills {
            if lang == Lang::De {
                format!(
                    "{} – ein Zeitraum (ein Punkt des Verlaufs) zeigt seine Zeilen",
                    t().numbers
                )
            } else {
                format!("{} – a period (a point of the trend) shows its rows", t().numbers)
            }
        } else {
            t().numbers.to_string()
        };
        Some(view! {
            <section class="card detail" data-testid="detail" aria-labelledby="detail-h">
                <div class="detail-head">
                    <h2 id="detail-h">{t().details}": "{name}</h2>
                    <button type="button" class="button" on:click=move |_| dash.open_none()>{t().close}</button>
                </div>
                <p class="detail-def"><strong>{t().definition}": "</strong>{def}" "<span data-testid="detail-basis">{basis_text(&f.figure, lang, cur)}</span></p>
                <div class="detail-charts">
                    <div class="chart-box">
                        <h3>{super::charts::svg_title(&chart.svg)}</h3>
                        <ChartPanel chart=Signal::derive(move || Some(chart.clone())) file_stem=format!("kennzahl-{}", kpi.id()) />
                    </div>
                    {extra.into_iter().map(|(stem, data)| view! {
                        <div class="chart-box">
                            <h3>{super::charts::svg_title(&data.svg)}</h3>
                            <ChartPanel chart=Signal::derive(move || Some(data.clone())) file_stem=format!("kennzahl-{stem}") />
                        </div>
                    }).collect_view()}
                </div>
                <table class="numbers" data-testid="detail-table">
                    <caption>{caption}</caption>
                    <thead><tr><th scope="col">{t().period}</th><th scope="col">{name}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {point_rows}
                <super::sql::SqlPanel kpi=kpi period=period as_of=as_of currency=currency dialect=dialect />
                {analytics::drill::drillable(kpi).then(|| view! { <super::drill::DrillRows kpi=kpi period=f.figure.period /> })}
                {related(kpi).contains(&"cohorts-revenue").then(|| view! { <super::drill::CohortCells /> })}
                {related(kpi).contains(&"mrr-movements").then(|| view! { <super::drill::MovementBars /> })}
            </section>
        })
    }
}
