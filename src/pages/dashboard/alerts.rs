//! Alert thresholds: sensible defaults, the settings panel, the list of breached alerts, and
//! the storage form (kept only when the user ticks "save thresholds").

use super::format::{shown_unit, to_shown, to_stored};
use super::model::{spec, Figure, KPIS};
use super::text::text;
use super::Dash;
use crate::{browser, state::use_app};
use analytics::alerts::{evaluate, LatestValue, Op, Threshold};
use leptos::prelude::*;
use locale::{parse_number, Lang};

/// Storage key; it starts with the app prefix, so "forget my data" clears it.
pub const KEY: &str = "kennzahl.thresholds";

fn rule(kpi_id: &str, op: Op, value: f64) -> Threshold {
    Threshold { kpi_id: kpi_id.into(), op, value }
}

/// The thresholds a new user starts with (stored units: fractions, points, minutes).
pub fn defaults() -> Vec<Threshold> {
    vec![
        rule("churn_rate", Op::Above, 0.03),
        rule("revenue_churn", Op::Above, 0.03),
        rule("grr", Op::Below, 0.9),
        rule("nps", Op::Below, 20.0),
        rule("csat", Op::Below, 0.75),
        rule("first_response_time_p90", Op::Above, 24.0 * 60.0),
        rule("fcr", Op::Below, 0.6),
    ]
}

/// `churn_rate:above:0.03;nps:below:20`.
pub fn serialise(rules: &[Threshold]) -> String {
    let parts: Vec<String> = rules
        .iter()
        .map(|t| {
            let op = if t.op == Op::Above { "above" } else { "below" };
            format!("{}:{op}:{}", t.kpi_id, t.value)
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
            spec(id).map(|s| rule(s.id, op, value))
        })
        .collect()
}

/// Ids of the KPIs whose value in the figures breaches a rule.
pub fn breached(rules: &[Threshold], figures: &[Figure]) -> Vec<String> {
    let values: Vec<LatestValue> = figures
        .iter()
        .filter_map(|f| {
            Some(LatestValue { kpi_id: f.spec.id.into(), period: String::new(), value: f.value? })
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
                {KPIS.iter().map(|s| view! { <ThresholdRow dash=dash id=s.id /> }).collect_view()}
            </div>
            <label class="check">
                <input type="checkbox" data-testid="save-thresholds" prop:checked=move || dash.save.get() on:change=on_save />
                {move || t().save_thresholds}
            </label>
            <button type="button" class="button" on:click=move |_| { dash.thresholds.set(defaults()); persist(dash); }>
                {move || t().reset_thresholds}
            </button>
        </details>
    }
}

/// One KPI's rule: off / above / below and the value in the unit the user reads.
#[component]
fn ThresholdRow(dash: Dash, id: &'static str) -> impl IntoView {
    let state = use_app();
    let Some(kpi) = spec(id) else { return ().into_any() };
    let current = move || dash.thresholds.with(|r| r.iter().find(|t| t.kpi_id == id).cloned());
    let op_value = move || match current().map(|t| t.op) {
        Some(Op::Above) => "above",
        Some(Op::Below) => "below",
        None => "off",
    };
    let shown = move || {
        current().map(|t| {
            // Plain digits with the user's decimal mark, so the field reads back exactly.
            let v = (to_shown(kpi.unit, t.value) * 1e6).round() / 1e6;
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
            let old = rules.iter().find(|t| t.kpi_id == id).map(|t| t.value);
            rules.retain(|t| t.kpi_id != id);
            if let Some(op) = op {
                rules.push(rule(id, op, value.or(old).unwrap_or(0.0)));
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
            set(Some(op), Some(to_stored(kpi.unit, v)));
        }
    };
    let name = move || if state.lang.get() == Lang::De { kpi.de } else { kpi.en };
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
            <span class="unit">{move || shown_unit(kpi.unit, state.lang.get(), state.currency.get())}</span>
        </div>
    }
    .into_any()
}

/// The breached alerts, listed at the top of the dashboard.
#[component]
pub fn AlertList(
    /// The dashboard's state.
    dash: Dash,
    /// Breached KPI ids.
    #[prop(into)]
    breached: Signal<Vec<String>>,
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
                        {ids.into_iter().filter_map(|id| spec(&id)).map(|s| {
                            let id = s.id;
                            view! {
                                <li data-testid=format!("alert-{id}")>
                                    <span class="badge-alert">{t().alert}</span>" "
                                    <button type="button" class="linklike" on:click=move |_| dash.open(id)>
                                        {if lang == Lang::De { s.de } else { s.en }}
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
            vec![rule("nps", Op::Below, 20.0)]
        );
    }
}
