//! The report's KPI table and the quarter's MRR bridge.

use crate::components::chart::ChartData;
use crate::pages::dashboard::charts::sparkline;
use crate::pages::dashboard::format::{self, change, Tone};
use crate::pages::dashboard::text::{basis_text, text, versus};
use crate::{data::use_data, state::use_app};
use analytics::period::quarter_label;
use analytics::Period;
use analytics::Report;
use charts::Meta;
use leptos::prelude::*;
use locale::{format_money, Currency, Lang};

/// Every KPI of the period with value, previous value, change and trend.
#[component]
pub fn KpiTable(
    /// The quarter.
    period: Period,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let period = StoredValue::new(period);
    move || {
        let lang = state.lang.get();
        let cur = state.currency.get();
        let t = text(lang);
        let figs = data.report.with(|r| {
            r.as_deref().map(|r| analytics::tiles(r, period.get_value())).unwrap_or_default()
        });
        let rows = figs.into_iter().map(|f| {
            let kpi = f.figure.kpi;
            let show = |v: Option<f64>| v.map(|v| format::value(kpi.unit(), v, lang, cur)).unwrap_or_else(|| "–".into());
            let (arrow, delta, tone) = change(&f, lang).unwrap_or(("", String::new(), Tone::Flat));
            let class = match tone {
                Tone::Good => "good",
                Tone::Bad => "bad",
                Tone::Flat => "flat",
            };
            let id = kpi.id();
            view! {
                <tr data-testid=format!("report-row-{id}")>
                    <th scope="row">{kpi.name(lang == Lang::De)}
                        <span class="row-note">{basis_text(&f.figure, lang, cur)}</span></th>
                    <td class="num" data-testid=format!("report-value-{id}") data-value=f.figure.value.map(|v| v.to_string()).unwrap_or_default()>{show(f.figure.value)}</td>
                    <td class="num">{show(f.previous)}</td>
                    <td class=format!("num {class}")><span aria-hidden="true">{arrow}" "</span>{delta}</td>
                    <td class="spark" aria-hidden="true" inner_html=sparkline(&f, lang, cur)></td>
                </tr>
            }
        }).collect_view();
        view! {
            <div class="table-scroll">
                <table class="numbers report-table" data-testid="report-table">
                    <thead><tr>
                        <th scope="col">{t.kpi}</th>
                        <th scope="col">{t.value}</th>
                        <th scope="col">{t.previous}</th>
                        <th scope="col">{format!("{} ({})", t.change, versus(&period.get_value(), lang))}</th>
                        <th scope="col" class="spark">{t.trend}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    }
}

/// The quarter's MRR bridge: start, movements, end.
pub fn bridge(r: &Report, quarter: records::Month, lang: Lang, cur: Currency) -> Option<ChartData> {
    let label = quarter_label(quarter);
    let q = r.revenue.as_ref()?.quarters.iter().find(|q| q.label == label)?;
    let de = lang == Lang::De;
    let tx = |a: &str, b: &str| (if de { a } else { b }).to_string();
    let m = &q.movements;
    let step = |label: String, cents: i64| charts::waterfall::Step { label, delta: cents as f64 };
    let spec = charts::waterfall::WaterfallSpec {
        meta: Meta::new(
            "r-bridge",
            tx("MRR-Brücke des Quartals", "MRR bridge of the quarter"),
            tx(
                "MRR am Anfang, die Bewegungen des Quartals und MRR am Ende.",
                "MRR at the start, the quarter's movements and MRR at the end.",
            ),
            tx("Keine Daten", "No data"),
        ),
        start_label: tx("Anfang", "Start"),
        start: q.mrr_start.cents() as f64,
        steps: vec![
            step(tx("Neu", "New"), m.new.cents()),
            step(tx("Reaktivierung", "Reactivation"), m.reactivation.cents()),
            step(tx("Expansion", "Expansion"), m.expansion.cents()),
            step(tx("Kontraktion", "Contraction"), -m.contraction.cents()),
            step(tx("Abwanderung", "Churn"), -m.churn.cents()),
        ],
        end_label: tx("Ende", "End"),
        x_label: tx("Bewegung", "Movement"),
        y_label: "MRR".into(),
        total_label: tx("Stand", "Level"),
    };
    let chart = charts::waterfall::draw(&spec, &move |v| format_money(v / 100.0, cur, lang, 0));
    Some(ChartData::from(chart))
}
