//! The as-of bar: the day the analysis ends (changeable), the notes of the billing
//! conventions (partial month, never-paid, past-due and trial subscriptions, the currency
//! analysed) and, when the files hold several currencies, the choice of one and the
//! conversion rates into it. The notes come from `analytics::billing::notes`, the same
//! sentences the CLI prints.

use super::Dash;
use crate::data::use_data;
use crate::state::use_app;
use analytics::billing::{notes, AsOf, Rate};
use analytics::Period;
use leptos::prelude::*;
use locale::Lang;
use records::{Currency, Date};

struct AsOfText {
    as_of: &'static str,
    reset: &'static str,
    currency: &'static str,
    rate: &'static str,
    apply: &'static str,
    notes: &'static str,
}

const DE: AsOfText = AsOfText {
    as_of: "Stichtag",
    reset: "Aus den Daten",
    currency: "Analysierte Währung",
    rate: "Kurs: 1 {c} =",
    apply: "Übernehmen",
    notes: "So wurde gerechnet",
};

const EN: AsOfText = AsOfText {
    as_of: "As of",
    reset: "From the data",
    currency: "Currency analysed",
    rate: "Rate: 1 {c} =",
    apply: "Apply",
    notes: "How it was computed",
};

fn text(lang: Lang) -> &'static AsOfText {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The as-of date input, the notes and the currency choice.
#[component]
pub fn AsOfBar(
    /// The dashboard's state.
    dash: Dash,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let as_of = Memo::new(move |_| data.report.with(|r| r.as_deref().and_then(|r| r.as_of)));
    let set_day = move |day: Option<Date>| {
        data.options.update(|o| o.as_of = day);
        if let Some(a) = AsOf::new(day, None) {
            dash.set_period(Period::Month(a.last_complete_month()));
        }
        data.recompute();
    };
    let lines = move || {
        let de = state.lang.get() == Lang::De;
        data.report.with(|r| {
            r.as_deref()
                .map(|r| notes(r.as_of.as_ref(), r.billing.as_ref(), de))
                .unwrap_or_default()
        })
    };
    let currencies = Memo::new(move |_| {
        data.report.with(|r| {
            r.as_deref()
                .and_then(|r| r.billing.as_ref()?.currency.clone())
                .filter(|c| c.rows.len() > 1 || c.chosen)
        })
    });
    // Amounts are shown in the analysed currency.
    Effect::new(move |_| {
        let Some(base) = data.report.with(|r| {
            r.as_deref().and_then(|r| r.billing.as_ref()?.currency.as_ref().map(|c| c.base))
        }) else {
            return;
        };
        if let Some(shown) = locale::Currency::ALL.into_iter().find(|c| c.code() == base.code()) {
            if state.currency.get_untracked() != shown {
                state.currency.set(shown);
            }
        }
    });
    let rates = RwSignal::new(Vec::<(Currency, String)>::new());
    let choose = move |ev| {
        let base = Currency::parse(&event_target_value(&ev));
        data.options.update(|o| {
            o.currency.base = base;
            o.currency.rates.retain(|r| Some(r.currency) != base);
        });
        data.recompute();
    };
    let apply_rates = move |_| {
        let parsed: Vec<Rate> = rates.with_untracked(|list| {
            list.iter()
                .filter_map(|(c, text)| {
                    let to_base: f64 = text.trim().replace(',', ".").parse().ok()?;
                    (to_base.is_finite() && to_base > 0.0).then_some(Rate { currency: *c, to_base })
                })
                .collect()
        });
        data.options.update(|o| o.currency.rates = parsed);
        data.recompute();
    };
    let currency_choice = move || {
        let c = currencies.get()?;
        let base = c.base;
        let others: Vec<Currency> = c.rows.iter().map(|r| r.0).filter(|x| *x != base).collect();
        let known = data.options.with_untracked(|o| o.currency.rates.clone());
        rates.set(
            others
                .iter()
                .map(|x| {
                    let r = known.iter().find(|r| r.currency == *x).map(|r| r.to_base.to_string());
                    (*x, r.unwrap_or_default())
                })
                .collect(),
        );
        Some(view! {
            <div class="asof-currency" data-testid="currency-choice">
                <label class="field-inline">{move || t().currency}
                    <select data-testid="currency-base" on:change=choose>
                        {c.rows.iter().map(|(x, n)| {
                            let code = x.code().to_string();
                            view! { <option value=code.clone() selected=*x == base>{format!("{code} ({n})")}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {others.into_iter().enumerate().map(|(i, x)| {
                    let label = move || t().rate.replace("{c}", x.code());
                    view! {
                        <label class="field-inline">{label}
                            <input type="text" inputmode="decimal" size="7"
                                data-testid=format!("currency-rate-{}", x.code())
                                prop:value=move || rates.with(|r| r.get(i).map(|r| r.1.clone()).unwrap_or_default())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    rates.update(|r| if let Some(slot) = r.get_mut(i) { slot.1 = v });
                                } />
                            " "{base.code().to_string()}
                        </label>
                    }
                }).collect_view()}
                <button type="button" class="button" data-testid="currency-apply" on:click=apply_rates>{move || t().apply}</button>
            </div>
        })
    };
    view! {
        <section class="card asof" aria-labelledby="asof-h" data-testid="asof">
            <h2 id="asof-h" class="visually-hidden">{move || t().notes}</h2>
            <div class="asof-row">
                <label class="field-inline">{move || t().as_of}
                    <input type="date" data-testid="asof-date"
                        prop:value=move || as_of.get().map(|a| a.date.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            if let Ok(day) = event_target_value(&ev).parse::<Date>() { set_day(Some(day)) }
                        } />
                </label>
                {move || as_of.get().filter(|a| a.chosen).map(|_| view! {
                    <button type="button" class="button" data-testid="asof-reset" on:click=move |_| set_day(None)>{t().reset}</button>
                })}
            </div>
            <ul class="asof-notes" data-testid="billing-notes">
                {move || lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            {currency_choice}
        </section>
    }
}
