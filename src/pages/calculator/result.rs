//! The result card: value, formula with the user's numbers, band, interpretation and the
//! breakdown, announced to screen readers as it changes.

use super::Readings;
use crate::{display, i18n::tr, state::use_app};
use kpi::{Direction, KpiDef, KpiError, Outcome};
use leptos::prelude::*;

/// Result of the calculation, or what to fix.
#[component]
pub fn ResultPanel(
    def: &'static KpiDef,
    variant: RwSignal<&'static str>,
    outcome: Memo<Option<Result<Outcome, KpiError>>>,
    readings: Memo<Readings>,
) -> impl IntoView {
    let state = use_app();
    let s = move || tr(state.lang.get());
    let body = move || {
        let lang = state.lang.get();
        let cur = state.currency.get();
        let kl = lang;
        match outcome.get() {
            Some(Ok(o)) => {
                let value = display::quantity(&o.value, lang, cur, true);
                let formula = display::formula(&o.formula, lang, cur);
                let direction = match def.direction_for(variant.get()) {
                    Direction::HigherIsBetter => s().higher_is_better,
                    Direction::LowerIsBetter => s().lower_is_better,
                    Direction::Neutral => s().neutral_direction,
                };
                let band = o.band.map(|b| {
                    let tone = b.tone.css_class();
                    view! { <span class=format!("band band-{tone}") data-testid="band">{b.label.get(kl)}</span> }
                });
                let interpretation = match o.band {
                    Some(b) => {
                        format!("{} {} – {}. {direction}", def.abbr.get(kl), value, b.label.get(kl))
                    }
                    None => format!("{} {}. {direction}", def.abbr.get(kl), value),
                };
                let breakdown = o
                    .breakdown
                    .iter()
                    .map(|(label, q)| {
                        view! {
                            <div class="kv">
                                <dt>{label.get(kl)}</dt>
                                <dd>{display::quantity(q, lang, cur, true)}</dd>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="result-value" data-testid="result-value">{value}</p>
                    {band}
                    <p class="interpretation" data-testid="interpretation">{interpretation}</p>
                    <h3 class="formula-h">{s().formula}</h3>
                    <p class="formula" data-testid="formula">{formula}</p>
                    <dl class="breakdown">{breakdown}</dl>
                }
                .into_any()
            }
            Some(Err(e)) => {
                // Errors that belong to a field are shown there; the rest here.
                let general = e.input().is_none().then(|| e.message_for(def, kl));
                view! {
                    <p class="result-value muted" data-testid="result-value">"–"</p>
                    <p class="error" data-testid="result-error">{general.unwrap_or_else(|| s().fix_inputs.to_string())}</p>
                }
                .into_any()
            }
            None => {
                let n_bad = readings.with(|rs| rs.iter().filter(|(_, r)| r.is_err()).count());
                view! {
                    <p class="result-value muted" data-testid="result-value">"–"</p>
                    <p class="error" data-testid="result-error">{s().fix_inputs} " (" {n_bad} ")"</p>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="card result" aria-labelledby="result-h">
            <h2 id="result-h">{move || s().result}</h2>
            <div class="result-body" aria-live="polite" aria-atomic="true">{body}</div>
        </section>
        {(!state.embed).then(|| view! { <ResultSummary def=def outcome=outcome /> })}
    }
}

/// Phone first (issue 19): value and band in a bar at the bottom of the screen while the
/// inputs are in view and the result card's value is not (on a phone the result sits below
/// the inputs). It repeats what the live region of the result card announces, so it is hidden
/// from assistive technology: nothing is announced twice. Not in an embed, whose frame grows
/// with its content and so has no screen bottom of its own.
#[component]
fn ResultSummary(
    def: &'static KpiDef,
    outcome: Memo<Option<Result<Outcome, KpiError>>>,
) -> impl IntoView {
    let state = use_app();
    let shown = RwSignal::new(false);
    let check = move || {
        shown.try_set(crate::browser::out_of_view_while(
            ".result [data-testid=result-value]",
            ".calc-grid .inputs",
        ));
    };
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| check());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| check());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    // A new result may change the card's height: check after it is drawn; while typing, the
    // field keeps clear of the bar that may just have appeared over it.
    Effect::new(move |_| {
        outcome.track();
        request_animation_frame(move || {
            check();
            if shown.get_untracked() {
                crate::browser::lift_focused(".calc-grid .inputs", 96.0);
            }
        });
    });
    let content = move || {
        let lang = state.lang.get();
        let cur = state.currency.get();
        match outcome.get() {
            Some(Ok(o)) => {
                let band = o.band.map(|b| {
                    view! { <span class=format!("band band-{}", b.tone.css_class())>{b.label.get(lang)}</span> }
                });
                view! {
                    <span class="rs-label">{def.abbr.get(lang)}</span>
                    <span class="rs-value" data-testid="sticky-value">{display::quantity(&o.value, lang, cur, true)}</span>
                    {band}
                }
                .into_any()
            }
            _ => view! {
                <span class="rs-label">{def.abbr.get(lang)}</span>
                <span class="rs-value muted" data-testid="sticky-value">"–"</span>
                <span class="rs-label">{tr(lang).fix_inputs}</span>
            }
            .into_any(),
        }
    };
    view! {
        <div class="result-sticky" data-testid="result-sticky" aria-hidden="true" hidden=move || !shown.get()>
            {content}
        </div>
    }
}
