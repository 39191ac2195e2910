//! The at-risk list with reasons in the user's language, and the health weights that the
//! user can change (the report is recomputed on every change).

use super::text::{left_out_text, reason_text, text};
use crate::{data::use_data, state::use_app};
use analytics::health::HealthWeights;
use leptos::prelude::*;

/// Accounts listed before "show all".
const SHORT_LIST: usize = 15;
use locale::{format_number, parse_number, Lang};

/// Accounts below the threshold or falling fastest (lowest score first, as the report sorts).
#[component]
pub fn AtRiskList(
    /// Shows the weight inputs (the dashboard) or not (the printed report).
    #[prop(optional)]
    editable: bool,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    // The printed report lists every account; the screen starts with the worst ones.
    let show_all = RwSignal::new(!editable);
    // The account whose health-score rows are open (the dashboard only).
    let chosen: RwSignal<Option<String>> = RwSignal::new(None);
    let by_drop = RwSignal::new(false);
    let list = move || {
        let lang = state.lang.get();
        let report = data.report.get()?;
        let health = report.health.as_ref()?;
        if health.at_risk.is_empty() {
            return Some(view! { <p class="muted">{t().none_at_risk}</p> }.into_any());
        }
        let n = |v: Option<f64>| v.map(|v| format_number(v, 0, lang)).unwrap_or_else(|| "–".into());
        let total = health.at_risk.len();
        let shown = if show_all.get() { total } else { total.min(SHORT_LIST) };
        let mut ordered: Vec<&analytics::health::AtRisk> = health.at_risk.iter().collect();
        if by_drop.get() {
            // Fastest falling first; accounts without a previous score last.
            ordered
                .sort_by(|a, b| b.drop.unwrap_or(f64::MIN).total_cmp(&a.drop.unwrap_or(f64::MIN)));
        }
        let rows = ordered
            .into_iter()
            .take(shown)
            .map(|a| {
                let mut reasons: Vec<String> =
                    a.reasons.iter().map(|r| reason_text(r, lang)).collect();
                // Which parts the score lacks, so a low score from few inputs reads as such.
                if !a.left_out.is_empty() {
                    reasons.push(left_out_text(&a.left_out, lang));
                }
                let account = a.account.clone();
                let head = if editable {
                    let de = lang == Lang::De;
                    let aria = if de {
                        format!("{account}: Gesundheitswert {}, Zeilen anzeigen", n(a.score))
                    } else {
                        format!("{account}: health score {}, show the rows", n(a.score))
                    };
                    let mine = account.clone();
                    let pressed = {
                        let mine = account.clone();
                        move || (chosen.get().as_deref() == Some(mine.as_str())).to_string()
                    };
                    view! {
                        <button type="button" class="linklike" data-testid="risk-account"
                            data-value=a.score.map(|s| s.to_string()) aria-label=aria aria-pressed=pressed
                            on:click=move |_| chosen.set(Some(mine.clone()))>{account.clone()}</button>
                    }
                    .into_any()
                } else {
                    account.clone().into_any()
                };
                view! {
                    <tr>
                        <th scope="row">{head}</th>
                        <td class="num">{n(a.score)}</td>
                        <td class="num">{n(a.drop)}</td>
                        <td>{reasons.join("; ")}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(
            view! {
                <div class="table-scroll">
                    <table class="numbers risk-table" data-testid="at-risk-table">
                        <caption class="muted">{format!("{} {}", t().as_of, health.as_of)}</caption>
                        <thead><tr>
                            <th scope="col">{t().customer}</th>
                            <th scope="col">{t().score}</th>
                            <th scope="col">{t().drop}</th>
                            <th scope="col">{t().reasons}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {(total > SHORT_LIST).then(|| view! {
                    <button type="button" class="linklike no-print" data-testid="risk-toggle" on:click=move |_| show_all.update(|v| *v = !*v)>
                        {if show_all.get() { t().show_fewer.to_string() } else { format!("{} ({total})", t().show_all) }}
                    </button>
                })}
            }
            .into_any(),
        )
    };
    view! {
        <section class="card risk" aria-labelledby="risk-h">
            <h2 id="risk-h">{move || t().at_risk_title}</h2>
            <p class="hint">{move || t().at_risk_lead}</p>
            {editable.then(|| view! { <Weights /> })}
            {editable.then(|| view! {
                <label class="field-inline risk-sort">{move || t().sort_by}
                    <select data-testid="risk-sort" on:change=move |ev| by_drop.set(event_target_value(&ev) == "drop")>
                        <option value="score">{move || t().sort_score}</option>
                        <option value="drop">{move || t().sort_drop}</option>
                    </select>
                </label>
            })}
            <div aria-live="polite">{list}</div>
            {move || chosen.get().map(|account| view! {
                <super::drill::DrillRows kpi=analytics::Kpi::HealthScore
                    period=analytics::Period::Month(records::Date::from_days(0).month())
                    account=account />
            })}
        </section>
    }
}

/// Number inputs for the five weights and the at-risk threshold, with the sum shown.
#[component]
fn Weights() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    type Pick = fn(&mut HealthWeights) -> &mut f64;
    type Label = fn(&super::text::Text) -> &'static str;
    let fields: [(&'static str, Label, Pick); 5] = [
        ("frequency", |t| t.w_frequency, |w| &mut w.frequency),
        ("breadth", |t| t.w_breadth, |w| &mut w.breadth),
        ("depth", |t| t.w_depth, |w| &mut w.depth),
        ("nps", |t| t.w_nps, |w| &mut w.nps),
        ("tickets", |t| t.w_tickets, |w| &mut w.tickets),
    ];
    let shown = move |v: f64| {
        let plain = format!("{}", (v * 1000.0).round() / 1000.0);
        if state.lang.get() == Lang::De {
            plain.replace('.', ",")
        } else {
            plain
        }
    };
    let inputs = fields.into_iter().map(|(key, label, pick)| {
        let value = move || {
            let mut w = data.options.with(|o| o.health.weights);
            shown(*pick(&mut w))
        };
        let on_change = move |ev| {
            if let Ok(v) = parse_number(&event_target_value(&ev), state.lang.get_untracked()) {
                data.options.update(|o| *pick(&mut o.health.weights) = v.max(0.0));
                data.recompute();
            }
        };
        view! {
            <label class="field-inline">{move || label(t())}
                <input type="text" inputmode="decimal" size="5" data-testid=format!("weight-{key}") prop:value=value on:change=on_change />
            </label>
        }
    }).collect_view();
    let on_below = move |ev| {
        if let Ok(v) = parse_number(&event_target_value(&ev), state.lang.get_untracked()) {
            data.options.update(|o| o.health.at_risk_below = v.clamp(0.0, 100.0));
            data.recompute();
        }
    };
    view! {
        <fieldset class="weights">
            <legend>{move || t().weights}</legend>
            {inputs}
            <p class="weights-sum" aria-live="polite" data-testid="weights-sum">
                {move || t().weights_sum}": "
                {move || format_number(data.options.with(|o| o.health.weights.sum()), 2, state.lang.get())}
            </p>
            <label class="field-inline">{move || t().risk_below}
                <input type="text" inputmode="decimal" size="4" data-testid="risk-below"
                    prop:value=move || shown(data.options.with(|o| o.health.at_risk_below)) on:change=on_below />
            </label>
        </fieldset>
    }
}
