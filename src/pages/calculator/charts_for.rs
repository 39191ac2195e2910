//! Which chart a calculator shows, built from its outcome and inputs. A picture is drawn
//! where it helps: velocity over the cycle, NPS distribution, CLV:CAC against its bands,
//! customers remaining under a churn rate, CAC payback, funnels, the MRR waterfall.

use crate::components::chart::ChartData;
use crate::display::smart_decimals;
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

/// Picks the German or English text.
struct Tx(Lang);

impl Tx {
    fn t(&self, de: &str, en: &str) -> String {
        if self.0 == Lang::De {
            de.into()
        } else {
            en.into()
        }
    }
    fn no_data(&self) -> String {
        self.t("Keine Daten", "No data")
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
    let tx = Tx(lang);
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
                    tx.t(
                        "Erwarteter Umsatz über den Verkaufszyklus",
                        "Expected revenue over the sales cycle",
                    ),
                    tx.t(
                        &format!("Kumulierter erwarteter Umsatz: {total} nach {days} Tagen."),
                        &format!("Cumulative expected revenue: {total} after {days} days."),
                    ),
                    tx.no_data(),
                ),
                opportunities: opps,
                deal_value: deal,
                win_rate: win,
                cycle_days: days.round().clamp(0.0, 3650.0) as u32,
                x_label: tx.t("Tag", "Day"),
                y_label: tx.t("Erwarteter Umsatz", "Expected revenue"),
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
            let labels = [
                tx.t("Kritiker (0–6)", "Detractors (0–6)"),
                tx.t("Passive (7–8)", "Passives (7–8)"),
                tx.t("Promotoren (9–10)", "Promoters (9–10)"),
            ];
            let spec = charts::nps_bar::NpsBarSpec {
                meta: Meta::new(
                    "nps",
                    tx.t("Verteilung der Antworten", "Distribution of answers"),
                    tx.t(
                        &format!(
                            "{} Kritiker, {} Passive, {} Promotoren; NPS {}.",
                            b.detractors,
                            b.passives,
                            b.promoters,
                            count(b.nps)
                        ),
                        &format!(
                            "{} detractors, {} passives, {} promoters; NPS {}.",
                            b.detractors,
                            b.passives,
                            b.promoters,
                            count(b.nps)
                        ),
                    ),
                    tx.no_data(),
                ),
                detractors: b.detractors as f64,
                passives: b.passives as f64,
                promoters: b.promoters as f64,
                labels,
                category_header: tx.t("Gruppe", "Group"),
                count_header: tx.t("Anzahl", "Count"),
                share_header: tx.t("Anteil", "Share"),
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
                    tx.t("CLV:CAC im Vergleich zu den Bereichen", "CLV:CAC against its bands"),
                    tx.t(
                        &format!("Ihr Verhältnis liegt bei {}.", ratio(value)),
                        &format!("Your ratio is {}.", ratio(value)),
                    ),
                    tx.no_data(),
                ),
                value,
                bands,
                value_label: "CLV:CAC".into(),
                band_header: tx.t("Bereich", "Band"),
                range_header: tx.t("Von – bis", "From – to"),
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
                    tx.t("Verbleibende Kunden über 12 Perioden", "Customers remaining over 12 periods"),
                    tx.t(
                        &format!("Bei {} Abwanderung je Periode bleiben von {} Kunden nach 12 Perioden {} (ohne Neukunden).", percent(monthly_churn), count(customers), count(left.round())),
                        &format!("At {} churn per period, {} of {} customers remain after 12 periods (without new customers).", percent(monthly_churn), count(left.round()), count(customers)),
                    ),
                    tx.no_data(),
                ),
                customers,
                monthly_churn,
                months: 12,
                x_label: tx.t("Periode", "Period"),
                y_label: tx.t("Kunden", "Customers"),
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
                    tx.t("Amortisation der Akquisekosten", "CAC payback"),
                    tx.t(
                        &format!("Der kumulierte Rohertrag von {} pro Monat deckt die CAC von {} nach {} Monaten.", money(margin), money(cac), count(value)),
                        &format!("Cumulative gross margin of {} per month covers the CAC of {} after {} months.", money(margin), money(cac), count(value)),
                    ),
                    tx.no_data(),
                ),
                cac,
                monthly_margin: margin,
                months,
                x_label: tx.t("Monat", "Month"),
                y_label: tx.t("Betrag", "Amount"),
                margin_label: tx.t("Kumulierter Rohertrag", "Cumulative gross margin"),
                cac_label: "CAC".into(),
                crossing_label: tx.t("amortisiert", "paid back"),
            };
            charts::payback::draw(&spec, &money)
        }
        (ChartKind::Funnel, id) => {
            let steps: Vec<(String, f64)> = match (id, outcome.variant) {
                ("conversion_rate", "per_lead") => vec![
                    (tx.t("Leads", "Leads"), num(inputs, "leads")?),
                    (tx.t("Conversions", "Conversions"), num(inputs, "conversions")?),
                ],
                ("conversion_rate", _) => vec![
                    (tx.t("Besucher", "Visitors"), num(inputs, "visitors")?),
                    (tx.t("Conversions", "Conversions"), num(inputs, "conversions")?),
                ],
                ("free_to_paid", _) => vec![
                    (tx.t("Testnutzer", "Trials"), num(inputs, "trials")?),
                    (tx.t("Zahlende", "Paying"), num(inputs, "converted")?),
                ],
                ("onboarding_dropoff", "overall") => vec![
                    (tx.t("Begonnen", "Started"), num(inputs, "started")?),
                    (tx.t("Abgeschlossen", "Completed"), num(inputs, "completed")?),
                ],
                ("onboarding_dropoff", _) => {
                    let reached = num(inputs, "reached")?;
                    vec![
                        (tx.t("Schritt erreicht", "Reached the step"), reached),
                        (tx.t("Weiter", "Went on"), reached - num(inputs, "left")?),
                    ]
                }
                _ => return None,
            };
            let spec = charts::funnel::FunnelSpec {
                meta: Meta::new(
                    "funnel",
                    tx.t("Funnel", "Funnel"),
                    tx.t(
                        &format!(
                            "Von {} zu {}: {}.",
                            count(steps[0].1),
                            count(steps[1].1),
                            percent(value)
                        ),
                        &format!(
                            "From {} to {}: {}.",
                            count(steps[0].1),
                            count(steps[1].1),
                            percent(value)
                        ),
                    ),
                    tx.no_data(),
                ),
                steps: steps
                    .into_iter()
                    .map(|(label, count)| charts::funnel::Step { label, count })
                    .collect(),
                step_header: tx.t("Schritt", "Step"),
                count_header: tx.t("Anzahl", "Count"),
                drop_header: tx.t("Verlust", "Drop-off"),
            };
            charts::funnel::draw(&spec, &count, &percent)
        }
        (_, "mrr_movements") => {
            let step = |de: &str, en: &str, id: &str, sign: f64| {
                num(inputs, id)
                    .map(|v| charts::waterfall::Step { label: tx.t(de, en), delta: sign * v })
            };
            let spec = charts::waterfall::WaterfallSpec {
                meta: Meta::new(
                    "waterfall",
                    tx.t("MRR-Bewegungen", "MRR movements"),
                    tx.t(
                        &format!(
                            "Von {} MRR zu {}.",
                            money(num(inputs, "mrr_start")?),
                            money(value)
                        ),
                        &format!(
                            "From {} MRR to {}.",
                            money(num(inputs, "mrr_start")?),
                            money(value)
                        ),
                    ),
                    tx.no_data(),
                ),
                start_label: tx.t("Start", "Start"),
                start: num(inputs, "mrr_start")?,
                steps: vec![
                    step("Neu", "New", "new_mrr", 1.0)?,
                    step("Reaktivierung", "Reactivation", "reactivation_mrr", 1.0)?,
                    step("Expansion", "Expansion", "expansion_mrr", 1.0)?,
                    step("Kontraktion", "Contraction", "contraction_mrr", -1.0)?,
                    step("Abwanderung", "Churn", "churned_mrr", -1.0)?,
                ],
                end_label: tx.t("Ende", "End"),
                x_label: tx.t("Bewegung", "Movement"),
                y_label: "MRR".into(),
                total_label: tx.t("Summe", "Total"),
            };
            charts::waterfall::draw(&spec, &money)
        }
        _ => return None,
    };
    Some(wrap(chart))
}
