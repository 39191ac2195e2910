//! Alert thresholds: sensible defaults, the settings panel, the list of breached alerts, and
//! the storage form (kept only when the user ticks "save thresholds").

use super::format::{shown_unit, to_shown, to_stored};
use super::text::text;
use super::Dash;
use crate::{browser, state::use_app};
use analytics::alerts::{evaluate, LatestValue, Op, Threshold};
use analytics::{Kpi, Tile};
use leptos::prelude::*;
use locale::{parse_number, Lang};

/// Storage key; it starts with the app prefix, so "forget my data" clears it.
pub const KEY: &str = "kennzahl.thresholds";

fn rule(kpi_id: Kpi, op: Op, value: f64) -> Threshold {
    Threshold { kpi_id, op, value }
}

/// The thresholds a new user starts with (stored units: fractions, points, minutes).
pub fn defaults() -> Vec<Threshold> {
    vec![
        rule(Kpi::ChurnRate, Op::Above, 0.03),
        rule(Kpi::RevenueChurn, Op::Above, 0.03),
        rule(Kpi::Grr, Op::Below, 0.9),
        rule(Kpi::Nps, Op::Below, 20.0),
        rule(Kpi::Csat, Op::Below, 0.75),
        rule(Kpi::FirstResponseTimeP90, Op::Above, 24.0 * 60.0),
        rule(Kpi::Fcr, Op::Below, 0.6),
    ]
}

/// `churn_rate:above:0.03;nps:below:20`.
pub fn serialise(rules: &[Threshold]) -> String {
    let parts: Vec<String> = rules
        .iter()
        .map(|t| {
            let op = if t.op == Op::Above { "above" } else { "below" };
            format!("{}:{op}:{}", t.kpi_id.id(), t.value)
        })
        .collect();
    parts.join(";")
}

/// Reads [`serialise`]'s form; unknown KPIs and broken parts are skipped.
pub fn parse(text: &str) -> Vec<Threshold> {
    text.split(';')
        .filter_map(|part| {
            let mut it = part.splitn(3, ':');
            let (id, op, value) = (it.next()?, it.next()?, it.next()?);
            let op = match op {
                "above" => Op::Above,
                "below" => Op::Below,
                _ => return None,
            };
            let value: f64 = value.parse().ok().filter(|v: &f64| v.is_finite())?;
            Kpi::from_id(id).map(|k| rule(k, op, value))
        })
        .collect()
}

/// The KPIs whose value in the tiles breaches a rule.
pub fn breached(rules: &[Threshold], tiles: &[Tile]) -> Vec<Kpi> {
    let values: Vec<LatestValue> = tiles
        .iter()
        .filter_map(|t| {
            let f = &t.figure;
            Some(LatestValue { kpi_id: f.kpi, period: f.period.key(), value: f.value? })
        })
        .collect();
    evaluate(rules, &values).into_iter().map(|b| b.kpi_id).collect()
}

/// Stores the rules if the user asked for it.
pub fn persist(dash: Dash) {
    if dash.save.get_untracked() {
        browser::storage_set(KEY, &dash.thresholds.with_untracked(|t| serialise(t)));
    }
}

/// The settings: one row per KPI with direction and value, and the "save" box.
#[component]
pub fn ThresholdPanel(
    /// The dashboard's state.
    dash: Dash,
) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let on_save = move |ev| {
        let on = event_target_checked(&ev);
        dash.save.set(on);
        if on {
            persist(dash);
        } else {
            browser::storage_remove(KEY);
        }
    };
    view! {
        <details class="card thresholds">
            <summary>{move || t().thresholds}</summary>
            <p class="hint">{move || t().thresholds_hint}</p>
            <div class="threshold-rows">
                {Kpi::ALL.into_iter().map(|kpi| view! { <ThresholdRow dash=dash kpi=kpi /> }).collect_view()}
            </div>
            // An embedded frame never stores, so it offers no "remember" box.
            {browser::storage_allowed().then(|| view! {
                <label class="check">
                    <input type="checkbox" data-testid="save-thresholds" prop:checked=move || dash.save.get() on:change=on_save />
                    {move || t().save_thresholds}
                </label>
            })}
            <button type="button" class="button" on:click=move |_| { dash.thresholds.set(defaults()); persist(dash); }>
                {move || t().reset_thresholds}
            </button>
        </details>
    }
}

/// One KPI's rule: off / above / below and the value in the unit the user reads.
#[component]
fn ThresholdRow(dash: Dash, kpi: Kpi) -> impl IntoView {
    let state = use_app();
    let id = kpi.id();
    let current = move || dash.thresholds.with(|r| r.iter().find(|t| t.kpi_id == kpi).cloned());
    let op_value = move || match current().map(|t| t.op) {
        Some(Op::Above) => "above",
        Some(Op::Below) => "below",
        None => "off",
    };
    let shown = move || {
        current().map(|t| {
            // Plain digits with the user's decimal mark, so the field reads back exactly.
            let v = (to_shown(kpi.unit(), t.value) * 1e6).round() / 1e6;
            let plain = format!("{v}");
            if state.lang.get() == Lang::De {
                plain.replace('.', ",")
            } else {
                plain
            }
        })
    };
    let set = move |op: Option<Op>, value: Option<f64>| {
        dash.thresholds.update(|rules| {
            let old = rules.iter().find(|t| t.kpi_id == kpi).map(|t| t.value);
            rules.retain(|t| t.kpi_id != kpi);
            if let Some(op) = op {
                rules.push(rule(kpi, op, value.or(old).unwrap_or(0.0)));
            }
        });
        persist(dash);
    };
    let on_op = move |ev| {
        let op = match event_target_value(&ev).as_str() {
            "above" => Some(Op::Above),
            "below" => Some(Op::Below),
            _ => None,
        };
        set(op, None);
    };
    let on_value = move |ev| {
        if let Ok(v) = parse_number(&event_target_value(&ev), state.lang.get_untracked()) {
            let op = current().map(|t| t.op).unwrap_or(Op::Above);
            set(Some(op), Some(to_stored(kpi.unit(), v)));
        }
    };
    let name = move || kpi.name(state.lang.get() == Lang::De);
    let t = move || text(state.lang.get());
    view! {
        <div class="threshold-row">
            <span class="threshold-name" id=format!("th-{id}")>{name}</span>
            <select aria-label=move || format!("{}: {}", name(), t().alert) data-testid=format!("th-op-{id}") on:change=on_op prop:value=op_value>
                <option value="off">{move || t().off}</option>
                <option value="above">{move || t().above}</option>
                <option value="below">{move || t().below}</option>
            </select>
            <input type="text" inputmode="decimal" aria-label=move || format!("{} – {}", name(), t().value) data-testid=format!("th-value-{id}")
                prop:value=move || shown().unwrap_or_default() on:change=on_value />
            <span class="unit">{move || shown_unit(kpi.unit(), state.lang.get(), state.currency.get())}</span>
        </div>
    }
}

/// The breached alerts, listed at the top of the dashboard.
#[component]
pub fn AlertList(
    /// The dashboard's state.
    dash: Dash,
    /// Breached KPIs.
    #[prop(into)]
    breached: Signal<Vec<Kpi>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    view! {
        <section class="alerts" aria-labelledby="alerts-h" data-testid="alert-list" aria-live="polite">
            <h2 id="alerts-h">{move || t().alerts_title}</h2>
            {move || {
                let ids = breached.get();
                if ids.is_empty() {
                    return view! { <p class="muted">{t().no_alerts}</p> }.into_any();
                }
                let lang = state.lang.get();
                view! {
                    <ul>
                        {ids.into_iter().map(|kpi| {
                            let id = kpi.id();
                            view! {
                                <li data-testid=format!("alert-{id}")>
                                    <span class="badge-alert">{t().alert}</span>" "
                                    <button type="button" class="linklike" on:click=move |_| dash.open(kpi)>
                                        {kpi.name(lang == Lang::De)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_round_trip_through_storage_text() {
        let rules = defaults();
        assert_eq!(parse(&serialise(&rules)), rules);
        assert_eq!(
            parse("nps:below:20;bogus:above:1;mrr:sideways:3;arr:above:x;"),
            vec![rule(Kpi::Nps, Op::Below, 20.0)]
        );
    }
}
