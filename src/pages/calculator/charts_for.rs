//! Which chart a calculator shows, built from its outcome and inputs.

use crate::components::chart::ChartData;
use kpi::{ChartKind, InputValue, Inputs, KpiDef, Outcome};
use locale::{format_money, Currency, Lang};

fn num(inputs: &Inputs, id: &str) -> Option<f64> {
    match inputs.get(id)? {
        InputValue::Number(v) => Some(*v),
        InputValue::List(_) => None,
    }
}

/// Width and height from the SVG's own attributes (for PNG export).
pub fn svg_size(svg: &str) -> (u32, u32) {
    let attr = |name: &str| -> Option<u32> {
        let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = svg[start..].find('"')? + start;
        svg[start..end].parse::<f64>().ok().map(|v| v as u32)
    };
    (attr("width").unwrap_or(640), attr("height").unwrap_or(360))
}

fn wrap(chart: charts::Chart) -> ChartData {
    let (width, height) = svg_size(&chart.svg);
    ChartData {
        svg: chart.svg,
        headers: chart.table.headers,
        rows: chart.table.rows,
        width,
        height,
    }
}

/// The chart for `def`'s outcome, or `None` where a picture would not help.
pub fn chart(
    def: &KpiDef,
    outcome: &Outcome,
    inputs: &Inputs,
    lang: Lang,
    cur: Currency,
) -> Option<ChartData> {
    let de = lang == Lang::De;
    let money = move |v: f64| format_money(v, cur, lang, 0);
    match def.chart {
        ChartKind::VelocityCumulative => {
            let spec = charts::velocity::VelocitySpec {
                meta: charts::Meta::new(
                    "velocity",
                    if de {
                        "Erwarteter Umsatz über den Verkaufszyklus"
                    } else {
                        "Expected revenue over the sales cycle"
                    },
                    if de {
                        format!(
                            "Kumulierter erwarteter Umsatz: {} nach {} Tagen.",
                            money(
                                num(inputs, "opportunities")?
                                    * num(inputs, "deal_value")?
                                    * num(inputs, "win_rate")?
                            ),
                            num(inputs, "cycle_days")?
                        )
                    } else {
                        format!(
                            "Cumulative expected revenue: {} after {} days.",
                            money(
                                num(inputs, "opportunities")?
                                    * num(inputs, "deal_value")?
                                    * num(inputs, "win_rate")?
                            ),
                            num(inputs, "cycle_days")?
                        )
                    },
                    if de { "Keine Daten" } else { "No data" },
                ),
                opportunities: num(inputs, "opportunities")?,
                deal_value: num(inputs, "deal_value")?,
                win_rate: num(inputs, "win_rate")?,
                cycle_days: num(inputs, "cycle_days")?.round().clamp(0.0, 3650.0) as u32,
                x_label: (if de { "Tag" } else { "Day" }).into(),
                y_label: (if de { "Erwarteter Umsatz" } else { "Expected revenue" }).into(),
            };
            let _ = outcome;
            Some(wrap(charts::velocity::draw(&spec, &money)))
        }
        _ => None,
    }
}
