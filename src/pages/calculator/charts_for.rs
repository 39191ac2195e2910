//! Which chart a calculator shows, built from its outcome and inputs. A picture is drawn
//! where it helps: velocity over the cycle, NPS distribution, CLV:CAC against its bands,
//! customers remaining under a churn rate, CAC payback, funnels, the MRR waterfall.

use crate::components::chart::ChartData;
use crate::{display::smart_decimals, i18n};
use charts::{Colour, Meta};
use kpi::{ChartKind, InputValue, Inputs, KpiDef, Outcome, Tone};
use locale::{format_money, format_number, format_percent, Currency, Lang};

fn num(inputs: &Inputs, id: &str) -> Option<f64> {
    match inputs.get(id)? {
        InputValue::Number(v) => Some(*v),
        InputValue::List(_) => None,
    }
}

fn wrap(chart: charts::Chart) -> ChartData {
    ChartData::from(chart)
}

/// The chart for `def`'s outcome, or `None` where a picture would not help.
pub fn chart(
    def: &KpiDef,
    outcome: &Outcome,
    inputs: &Inputs,
    lang: Lang,
    cur: Currency,
) -> Option<ChartData> {
    let l = i18n::charts::labels(lang);
    let money = move |v: f64| format_money(v, cur, lang, 0);
    let count = move |v: f64| format_number(v, smart_decimals(v, 1), lang);
    let percent = move |v: f64| format_percent(v, smart_decimals(v * 100.0, 1), lang);
    let value = outcome.value.value;
    let chart = match (def.chart, def.id) {
        (ChartKind::VelocityCumulative, _) => {
            let (opps, deal, win) = (
                num(inputs, "opportunities")?,
                num(inputs, "deal_value")?,
                num(inputs, "win_rate")?,
            );
            let days = num(inputs, "cycle_days")?;
            let total = money(opps * deal * win);
            let spec = charts::velocity::VelocitySpec {
                meta: Meta::new(
                    "velocity",
                    l.velocity_title,
                    i18n::charts::velocity_desc(lang, &total, days),
                    l.no_data,
                ),
                opportunities: opps,
                deal_value: deal,
                win_rate: win,
                cycle_days: days.round().clamp(0.0, 3650.0) as u32,
                x_label: l.day.into(),
                y_label: l.expected_revenue.into(),
            };
            charts::velocity::draw(&spec, &money)
        }
        (ChartKind::NpsDistribution, _) => {
            let b = match (
                num(inputs, "promoters"),
                num(inputs, "passives"),
                num(inputs, "detractors"),
            ) {
                (Some(p), Some(pa), Some(d)) if outcome.variant == "counts" => {
                    kpi::nps_from_counts(p as u64, pa as u64, d as u64).ok()?
                }
                _ => match inputs.get("answers")? {
                    InputValue::List(scores) => kpi::nps_from_scores(scores).ok()?,
                    InputValue::Number(_) => return None,
                },
            };
            let labels = [l.detractors.into(), l.passives.into(), l.promoters.into()];
            let spec = charts::nps_bar::NpsBarSpec {
                meta: Meta::new(
                    "nps",
                    l.nps_title,
                    i18n::charts::nps_desc(
                        lang,
                        b.detractors,
                        b.passives,
                        b.promoters,
                        &count(b.nps),
                    ),
                    l.no_data,
                ),
                detractors: b.detractors as f64,
                passives: b.passives as f64,
                promoters: b.promoters as f64,
                labels,
                category_header: l.group.into(),
                count_header: l.count.into(),
                share_header: l.share.into(),
            };
            charts::nps_bar::draw(&spec, &count, &percent)
        }
        (ChartKind::ClvCacBands, _) => {
            let kl = lang;
            let upper =
                def.bands.iter().filter_map(|b| b.min).fold(0.0_f64, f64::max).max(value) * 1.35;
            let bands = def
                .bands
                .iter()
                .map(|b| charts::bands::Band {
                    from: b.min.unwrap_or(0.0),
                    to: b.max.unwrap_or(upper),
                    label: b.label.get(kl).to_string(),
                    colour: match b.tone {
                        Tone::Good => Colour::BluishGreen,
                        Tone::Warn => Colour::Orange,
                        Tone::Bad => Colour::Vermillion,
                        Tone::Neutral => Colour::Grey,
                    },
                })
                .collect();
            let ratio = move |v: f64| format_number(v, smart_decimals(v, 2), lang);
            let spec = charts::bands::BandsSpec {
                meta: Meta::new(
                    "bands",
                    l.bands_title,
                    i18n::charts::bands_desc(lang, &ratio(value)),
                    l.no_data,
                ),
                value,
                bands,
                value_label: "CLV:CAC".into(),
                band_header: l.band.into(),
                range_header: l.from_to.into(),
            };
            charts::bands::draw(&spec, &ratio)
        }
        (ChartKind::ChurnRemaining, id) => {
            let customers = num(inputs, "start")?;
            let monthly_churn = if id == "retention_rate" { 1.0 - value } else { value };
            let left = customers * (1.0 - monthly_churn).powi(12);
            let spec = charts::remaining::RemainingSpec {
                meta: Meta::new(
                    "remaining",
                    l.remaining_title,
                    i18n::charts::remaining_desc(
                        lang,
                        &percent(monthly_churn),
                        &count(customers),
                        &count(left.round()),
                    ),
                    l.no_data,
                ),
                customers,
                monthly_churn,
                months: 12,
                x_label: l.period.into(),
                y_label: l.customers.into(),
            };
            charts::remaining::draw(&spec, &count)
        }
        (ChartKind::CacPayback, _) => {
            let cac = num(inputs, "cac")?;
            let margin = num(inputs, "arpu")? * num(inputs, "gross_margin")?;
            let months = (value.ceil() * 1.5).clamp(6.0, 120.0) as u32;
            let spec = charts::payback::PaybackSpec {
                meta: Meta::new(
                    "payback",
                    l.payback_title,
                    i18n::charts::payback_desc(lang, &money(margin), &money(cac), &count(value)),
                    l.no_data,
                ),
                cac,
                monthly_margin: margin,
                months,
                x_label: l.month.into(),
                y_label: l.amount.into(),
                margin_label: l.cumulative_margin.into(),
                cac_label: "CAC".into(),
                crossing_label: l.paid_back.into(),
            };
            charts::payback::draw(&spec, &money)
        }
        (ChartKind::Funnel, id) => {
            let steps: Vec<(String, f64)> = match (id, outcome.variant) {
                ("conversion_rate", "per_lead") => vec![
                    (l.leads.into(), num(inputs, "leads")?),
                    (l.conversions.into(), num(inputs, "conversions")?),
                ],
                ("conversion_rate", _) => vec![
                    (l.visitors.into(), num(inputs, "visitors")?),
                    (l.conversions.into(), num(inputs, "conversions")?),
                ],
                ("free_to_paid", _) => vec![
                    (l.trials.into(), num(inputs, "trials")?),
                    (l.paying.into(), num(inputs, "converted")?),
                ],
                ("onboarding_dropoff", "overall") => vec![
                    (l.started.into(), num(inputs, "started")?),
                    (l.completed.into(), num(inputs, "completed")?),
                ],
                ("onboarding_dropoff", _) => {
                    let reached = num(inputs, "reached")?;
                    vec![
                        (l.reached_step.into(), reached),
                        (l.went_on.into(), reached - num(inputs, "left")?),
                    ]
                }
                _ => return None,
            };
            let spec = charts::funnel::FunnelSpec {
                meta: Meta::new(
                    "funnel",
                    l.funnel,
                    i18n::charts::funnel_desc(
                        lang,
                        &count(steps[0].1),
                        &count(steps[1].1),
                        &percent(value),
                    ),
                    l.no_data,
                ),
                steps: steps
                    .into_iter()
                    .map(|(label, count)| charts::funnel::Step { label, count })
                    .collect(),
                step_header: l.step.into(),
                count_header: l.count.into(),
                drop_header: l.drop_off.into(),
            };
            charts::funnel::draw(&spec, &count, &percent)
        }
        (_, "mrr_movements") => {
            let step = |label: &str, id: &str, sign: f64| {
                num(inputs, id)
                    .map(|v| charts::waterfall::Step { label: label.into(), delta: sign * v })
            };
            let spec = charts::waterfall::WaterfallSpec {
                meta: Meta::new(
                    "waterfall",
                    l.mrr_movements,
                    i18n::charts::waterfall_desc(
                        lang,
                        &money(num(inputs, "mrr_start")?),
                        &money(value),
                    ),
                    l.no_data,
                ),
                start_label: l.start.into(),
                start: num(inputs, "mrr_start")?,
                steps: vec![
                    step(l.new, "new_mrr", 1.0)?,
                    step(l.reactivation, "reactivation_mrr", 1.0)?,
                    step(l.expansion, "expansion_mrr", 1.0)?,
                    step(l.contraction, "contraction_mrr", -1.0)?,
                    step(l.churn, "churned_mrr", -1.0)?,
                ],
                end_label: l.end.into(),
                x_label: l.movement.into(),
                y_label: "MRR".into(),
                total_label: l.total.into(),
            };
            charts::waterfall::draw(&spec, &money)
        }
        _ => return None,
    };
    Some(wrap(chart))
}
