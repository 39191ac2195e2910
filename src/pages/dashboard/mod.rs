//! Dashboard: KPI tiles with trend and alerts, detail views, charts, the at-risk list and
//! exports, all from the user's files (or the sample data).
//!
//! Reading path: the numbers come from `analytics::tiles` (one definition per KPI, every
//! period computed from its own start and end); here are [`format`] (values and changes as
//! text), [`export`] (CSV), then the components: [`tiles`], [`detail`], [`alerts`], [`risk`],
//! [`period`], [`exports`], [`charts`].
//! The page keeps its period, open KPI and segment choice in the URL
//! (`&period=2025-Q3&kpi=mrr&by=plan&only=plan%3DTeam`).

pub mod alerts;
pub mod asof;
pub mod basis;
pub mod charts;
pub mod detail;
pub mod drill;
pub mod export;
pub mod exports;
pub mod format;
pub mod period;
pub mod risk;
pub mod segment_chart;
pub mod segments;
pub mod sql;
pub mod text;
pub mod tiles;

use crate::components::{chart::ChartPanel, link::Link};
use crate::{browser, data::use_data, route::Route, state::use_app};
use analytics::alerts::Threshold;
use analytics::figure::{default_month, months_with_data};
use analytics::period::quarter_label;
use analytics::{Kpi, Period};
use leptos::prelude::*;
use records::Month;
use text::text;

/// The dashboard's own state: period, thresholds, the open KPI.
#[derive(Clone, Copy)]
pub struct Dash {
    /// The chosen period.
    pub period: RwSignal<Period>,
    /// Alert rules.
    pub thresholds: RwSignal<Vec<Threshold>>,
    /// The user asked to keep the rules in this browser.
    pub save: RwSignal<bool>,
    /// The KPI whose detail view is open.
    pub selected: RwSignal<Option<Kpi>>,
    /// The app state (event handlers run without a reactive owner to read context from).
    app: crate::state::AppState,
    /// The data store, whose segment choice the URL carries.
    data: crate::data::DataStore,
}

impl Dash {
    fn new(fallback: Period) -> Dash {
        let period = browser::query_param("period").and_then(|p| Period::parse(&p));
        let stored = browser::storage_get(alerts::KEY);
        let selected = browser::query_param("kpi").and_then(|k| Kpi::from_id(&k));
        Dash {
            period: RwSignal::new(period.unwrap_or(fallback)),
            thresholds: RwSignal::new(
                stored.as_deref().map(alerts::parse).unwrap_or_else(alerts::defaults),
            ),
            save: RwSignal::new(stored.is_some() && browser::storage_allowed()),
            selected: RwSignal::new(selected),
            app: use_app(),
            data: use_data(),
        }
    }

    /// Shows another period.
    pub fn set_period(&self, period: Period) {
        self.period.set(period);
        self.sync_url(false);
    }

    /// Opens the detail view of a KPI (a new history entry, so Back closes it).
    pub fn open(&self, kpi: Kpi) {
        self.selected.set(Some(kpi));
        self.sync_url(true);
        browser::focus_main();
    }

    /// Closes the detail view.
    pub fn open_none(&self) {
        self.selected.set(None);
        self.sync_url(false);
    }

    fn sync_url(&self, push: bool) {
        let mut query = Route::Dashboard.to_query(&self.app.keep_pairs());
        query.push_str(&format!(
            "&period={}",
            crate::route::encode(&self.period.get_untracked().key())
        ));
        if let Some(kpi) = self.selected.get_untracked() {
            query.push_str(&format!("&kpi={}", kpi.id()));
        }
        query.push_str(&self.data.choice.with_untracked(segments::url_pairs));
        if push {
            browser::push_query(&query);
        } else {
            browser::replace_query(&query);
        }
    }
}

/// The dashboard page: an invitation without data, the board with data.
#[component]
pub fn Dashboard() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    data.load_sample_if_asked(state.lang.get_untracked());
    let has_data = Memo::new(move |_| data.report.with(|r| r.is_some()));
    view! {
        <section class="page dashboard">
            <header class="page-head">
                <h1>{move || t().title}</h1>
                <p class="lead">{move || t().lead}</p>
            </header>
            {move || if has_data.get() { view! { <Board /> }.into_any() } else { view! { <Empty /> }.into_any() }}
        </section>
    }
}

/// The invitation to load sample data or import files.
#[component]
fn Empty() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    view! {
        <div class="card empty-state" data-testid="dashboard-empty">
            <h2>{move || t().empty_title}</h2>
            <p>{move || t().empty_text}</p>
            <p class="empty-actions">
                <button type="button" class="button primary" data-testid="load-sample"
                    on:click=move |_| data.load_sample(state.lang.get_untracked())>
                    {move || t().load_sample}
                </button>
                <Link route=Route::Import class="button">{move || t().go_import}</Link>
            </p>
        </div>
    }
}

/// Everything shown once there is data.
#[component]
fn Board() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let fallback = data.report.with_untracked(|r| r.as_deref().and_then(default_month));
    let fallback = fallback.or_else(|| Month::from_ym(2025, 1)).map(Period::Month);
    let Some(fallback) = fallback else { return ().into_any() };
    let dash = Dash::new(fallback);
    segments::keep_in_url(dash);
    segments::provide_segment_tiles(dash);
    let months = Memo::new(move |_| {
        data.report.with(|r| r.as_deref().map(months_with_data).unwrap_or_default())
    });
    // A month range that is no calendar period is computed exactly only when the report is
    // asked for it (and for the ranges of its trend line): ask the worker once per range.
    Effect::new(move |_| {
        let period = dash.period.get();
        if analytics::figure::ranges_for(period).is_empty() {
            return;
        }
        let wanted = period.trailing(analytics::figure::TREND_LEN);
        if data.options.with_untracked(|o| o.ranges != wanted) {
            data.options.update(|o| o.ranges = wanted);
            data.recompute();
        }
    });
    let figs = Memo::new(move |_| {
        let period = dash.period.get();
        data.report.with(|r| r.as_deref().map(|r| analytics::tiles(r, period)).unwrap_or_default())
    });
    let breached =
        Memo::new(move |_| dash.thresholds.with(|rules| figs.with(|f| alerts::breached(rules, f))));
    let overview = Memo::new(move |_| {
        let (lang, cur) = (state.lang.get(), state.currency.get());
        let below = data.options.with(|o| o.health.at_risk_below);
        data.report.with(|r| {
            r.as_deref().map(|r| charts::overview(r, lang, cur, below)).unwrap_or_default()
        })
    });
    let summary = move || {
        let n = figs.with(|f| f.iter().filter(|x| x.figure.value.is_some()).count());
        format!("{}: {} – {} {}", t().period, dash.period.get().label(), n, t().kpi)
    };
    let report_link = move || {
        let (_, last) = dash.period.get().months();
        view! { <Link route=Route::Report { quarter: Some(quarter_label(last)) } class="button">{t().open_report}</Link> }
    };
    view! {
        <div class="dash-bar">
            <period::PeriodPicker dash=dash months=months />
            {report_link}
        </div>
        <segments::SegmentBar />
        <asof::AsOfBar dash=dash />
        <p class="visually-hidden" aria-live="polite" data-testid="dash-status">{summary}</p>
        <alerts::AlertList dash=dash breached=breached />
        <detail::DetailView dash=dash figures=figs charts=overview />
        <tiles::TileGrid dash=dash figures=figs breached=breached />
        <segments::SegmentTable figures=figs />
        <basis::DataBasis />
        <alerts::ThresholdPanel dash=dash />
        <risk::AtRiskList editable=true />
        <section class="card" aria-labelledby="charts-h">
            <h2 id="charts-h">{move || t().charts}</h2>
            <div class="chart-grid">
                {move || overview.get().into_iter().map(|(stem, data)| {
                    let title = charts::svg_title(&data.svg);
                    view! {
                        <div class="chart-box" data-testid=format!("chart-{stem}")>
                            <h3>{title}</h3>
                            <ChartPanel chart=Signal::derive(move || Some(data.clone())) file_stem=format!("kennzahl-{stem}") />
                        </div>
                    }
                }).collect_view()}
            </div>
        </section>
        <exports::ExportPanel dash=dash figures=figs breached=breached />
    }
    .into_any()
}
