//! Baseline against scenario: the revenue difference, the figures at the horizon, the MRR
//! chart (with its table) and the table per month, each number with a `data-testid`.

use super::text::{self, t};
use crate::components::chart::{ChartData, ChartPanel};
use crate::state::use_app;
use analytics::whatif::{Comparison, ProjectedMonth, Projection};
use charts::lines::{LinesSpec, Series};
use charts::Meta;
use leptos::prelude::*;
use locale::{Currency, Lang};
use records::Money;

/// One row of the summary table: id, label, baseline, scenario, difference (texts), and the
/// raw difference for `data-value`.
type Row = (&'static str, String, String, String, String, String);

fn summary(c: &Comparison, horizon: u32, lang: Lang, cur: Currency) -> Vec<Row> {
    let (b, s) = (c.baseline.end(), c.scenario.end());
    let money = |m: Money| text::money(m, lang, cur);
    let opt = |m: Option<Money>| m.map_or_else(|| "–".to_string(), money);
    let diff = |x: Option<Money>, y: Option<Money>| match (x, y) {
        (Some(x), Some(y)) => {
            let d = y.saturating_sub(x);
            (text::signed_money(d, lang, cur), d.cents().to_string())
        }
        _ => ("–".to_string(), String::new()),
    };
    let count_diff = s.customers - b.customers;
    let nrr_diff = (c.scenario.nrr_year - c.baseline.nrr_year) * 100.0;
    let pts = t(lang, "Pkt.", "pts");
    let revenue = match lang {
        Lang::De => format!("Umsatz über {horizon} Monate"),
        Lang::En => format!("Revenue over {horizon} months"),
    };
    let (d_mrr, v_mrr) = diff(Some(b.mrr), Some(s.mrr));
    let (d_arr, v_arr) = diff(Some(b.arr), Some(s.arr));
    let (d_arpu, v_arpu) = diff(b.arpu, s.arpu);
    let (d_clv, v_clv) = diff(b.clv, s.clv);
    let (d_rev, v_rev) = diff(Some(c.baseline.revenue), Some(c.scenario.revenue));
    vec![
        (
            "mrr",
            t(lang, "MRR am Ende", "MRR at the end").into(),
            money(b.mrr),
            money(s.mrr),
            d_mrr,
            v_mrr,
        ),
        (
            "arr",
            t(lang, "ARR am Ende", "ARR at the end").into(),
            money(b.arr),
            money(s.arr),
            d_arr,
            v_arr,
        ),
        (
            "customers",
            t(lang, "Kunden am Ende", "Customers at the end").into(),
            text::customers(b.customers, lang),
            text::customers(s.customers, lang),
            format!(
                "{}{}",
                if count_diff >= 0.5 { "+" } else { "" },
                text::customers(count_diff, lang)
            ),
            format!("{count_diff}"),
        ),
        (
            "arpu",
            t(lang, "ARPU am Ende", "ARPU at the end").into(),
            opt(b.arpu),
            opt(s.arpu),
            d_arpu,
            v_arpu,
        ),
        (
            "clv",
            t(lang, "CLV am Ende", "CLV at the end").into(),
            opt(b.clv),
            opt(s.clv),
            d_clv,
            v_clv,
        ),
        (
            "nrr",
            t(lang, "NRR über 12 Monate", "NRR over 12 months").into(),
            text::percent(c.baseline.nrr_year, lang),
            text::percent(c.scenario.nrr_year, lang),
            format!(
                "{}{} {pts}",
                if nrr_diff > 0.0 { "+" } else { "" },
                locale::format_number(nrr_diff, 2, lang)
            ),
            format!("{nrr_diff}"),
        ),
        ("revenue", revenue, money(c.baseline.revenue), money(c.scenario.revenue), d_rev, v_rev),
    ]
}

/// The MRR chart: baseline and scenario per month, starting with month 0.
fn chart(c: &Comparison, lang: Lang, cur: Currency) -> ChartData {
    let points = |p: &Projection| -> Vec<f64> {
        std::iter::once(&p.start).chain(&p.months).map(|m| m.mrr.cents() as f64).collect()
    };
    let labels: Vec<String> = std::iter::once(&c.baseline.start)
        .chain(&c.baseline.months)
        .map(|m| text::month_label(m.n, m.month, lang))
        .collect();
    let (b, s) = (c.baseline.end(), c.scenario.end());
    let desc = match lang {
        Lang::De => format!(
            "MRR je Monat: Basis endet bei {}, Szenario bei {}.",
            text::money(b.mrr, lang, cur),
            text::money(s.mrr, lang, cur)
        ),
        Lang::En => format!(
            "MRR per month: the baseline ends at {}, the scenario at {}.",
            text::money(b.mrr, lang, cur),
            text::money(s.mrr, lang, cur)
        ),
    };
    let spec = LinesSpec {
        meta: Meta::new(
            "wi-mrr",
            t(lang, "MRR: Basis und Szenario", "MRR: baseline and scenario"),
            desc,
            t(lang, "Keine Daten", "No data"),
        ),
        x_labels: labels,
        series: vec![
            Series {
                name: t(lang, "Basis", "Baseline").into(),
                values: points(&c.baseline),
                ..Default::default()
            },
            Series {
                name: t(lang, "Szenario", "Scenario").into(),
                values: points(&c.scenario),
                ..Default::default()
            },
        ],
        x_label: t(lang, "Monat", "Month").into(),
        y_label: "MRR".into(),
        flag_label: String::new(),
    };
    let money = move |v: f64| text::money(Money(v.round() as i64), lang, cur);
    charts::lines::draw(&spec, &money).into()
}

/// One row of the table per month.
fn month_row(b: &ProjectedMonth, s: &ProjectedMonth, lang: Lang, cur: Currency) -> impl IntoView {
    let n = b.n;
    let diff = s.mrr.saturating_sub(b.mrr);
    view! {
        <tr data-testid=format!("wi-month-{n}")>
            <th scope="row">{text::month_label(n, b.month, lang)}</th>
            <td class="num" data-value=b.mrr.cents().to_string()>{text::money(b.mrr, lang, cur)}</td>
            <td class="num" data-value=s.mrr.cents().to_string()>{text::money(s.mrr, lang, cur)}</td>
            <td class="num" data-value=diff.cents().to_string()>{text::signed_money(diff, lang, cur)}</td>
            <td class="num">{text::customers(b.customers, lang)}</td>
            <td class="num">{text::customers(s.customers, lang)}</td>
        </tr>
    }
}

/// Everything below the inputs.
#[component]
pub fn Results(
    /// Baseline and scenario projected, `None` while an input is invalid.
    comparison: Memo<Option<Comparison>>,
    /// Months projected.
    horizon: Signal<u32>,
) -> impl IntoView {
    let state = use_app();
    let lang = move || state.lang.get();
    let cur = move || state.currency.get();
    let chart_data =
        Signal::derive(move || comparison.with(|c| c.as_ref().map(|c| chart(c, lang(), cur()))));
    let body = move || {
        let Some(c) = comparison.get() else {
            return view! {
                <p class="error" role="status" data-testid="wi-invalid">{t(lang(),
                    "Bitte korrigieren Sie die markierten Eingaben.",
                    "Please correct the marked inputs.")}</p>
            }
            .into_any();
        };
        let (l, cu, h) = (lang(), cur(), horizon.get());
        let rows = summary(&c, h, l, cu)
            .into_iter()
            .map(|(id, label, b, s, d, raw)| {
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td class="num" data-testid=format!("wi-{id}-base")>{b}</td>
                        <td class="num" data-testid=format!("wi-{id}-scen")>{s}</td>
                        <td class="num" data-testid=format!("wi-{id}-diff") data-value=raw>{d}</td>
                    </tr>
                }
            })
            .collect_view();
        let months = c
            .baseline
            .months
            .iter()
            .zip(&c.scenario.months)
            .map(|(b, s)| month_row(b, s, l, cu))
            .collect_view();
        view! {
            <p class="wi-headline" data-testid="wi-diff" data-value=c.revenue_difference.cents().to_string()>
                {text::headline(&c, h, l, cu)}
            </p>
            <div class="table-scroll">
                <table class="numbers" data-testid="wi-summary">
                    <caption>{match l {
                        Lang::De => format!("Nach {h} Monaten"),
                        Lang::En => format!("After {h} months"),
                    }}</caption>
                    <thead><tr>
                        <th scope="col">{t(l, "Kennzahl", "KPI")}</th>
                        <th scope="col">{t(l, "Basis", "Baseline")}</th>
                        <th scope="col">{t(l, "Szenario", "Scenario")}</th>
                        <th scope="col">{t(l, "Differenz", "Difference")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <details class="chart-table" data-testid="wi-months">
                <summary>{t(l, "Tabelle je Monat", "Table per month")}</summary>
                <div class="table-scroll">
                    <table class="numbers">
                        <thead><tr>
                            <th scope="col">{t(l, "Monat", "Month")}</th>
                            <th scope="col">{t(l, "MRR Basis", "MRR baseline")}</th>
                            <th scope="col">{t(l, "MRR Szenario", "MRR scenario")}</th>
                            <th scope="col">{t(l, "Differenz", "Difference")}</th>
                            <th scope="col">{t(l, "Kunden Basis", "Customers baseline")}</th>
                            <th scope="col">{t(l, "Kunden Szenario", "Customers scenario")}</th>
                        </tr></thead>
                        <tbody>{months}</tbody>
                    </table>
                </div>
            </details>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="wi-result-h" data-testid="wi-result">
            <h2 id="wi-result-h">{move || t(lang(), "Basis und Szenario", "Baseline and scenario")}</h2>
            <div aria-live="polite">{body}</div>
            <ChartPanel chart=Signal::derive(move || chart_data.get()) file_stem="kennzahl-was-waere-wenn" />
            <ShareLink />
            <p class="hint" data-testid="wi-model-note">{move || text::model_note(lang())}</p>
        </section>
    }
}

/// "Copy link": the address bar holds the scenario (never imported data).
#[component]
fn ShareLink() -> impl IntoView {
    let state = use_app();
    let lang = move || state.lang.get();
    let status: RwSignal<Option<bool>> = RwSignal::new(None);
    view! {
        <div class="share">
            <button type="button" class="button" data-testid="wi-copy-link" on:click=move |_| {
                let url = format!("{}{}", crate::browser::location_base(), crate::browser::location_search());
                crate::browser::copy_text(url, move |ok| status.set(Some(ok)));
            }>{move || t(lang(), "Link zum Szenario kopieren", "Copy link to this scenario")}</button>
            <span class="share-status" role="status">{move || match status.get() {
                Some(true) => t(lang(), "Link kopiert – er enthält das Szenario, nie Ihre Daten.", "Link copied – it holds the scenario, never your data."),
                Some(false) => t(lang(), "Kopieren nicht möglich – bitte den Link aus der Adresszeile kopieren.", "Copying failed – please copy the link from the address bar."),
                None => "",
            }}</span>
        </div>
    }
}
