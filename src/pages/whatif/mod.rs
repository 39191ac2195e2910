//! What-if: MRR, ARR, customers, NRR and CLV projected 12, 24 or 36 months ahead from the
//! user's data (or typed-in figures), and a scenario against that baseline as chart and
//! tables with the revenue difference over the horizon.
//!
//! Reading path: the model and the baseline from data are `analytics::whatif`; [`link`] has
//! the fields and the share link (scenario and horizon, typed-in figures only without data);
//! [`text`] the texts and number formats; [`results`] the chart and the tables.

pub mod link;
pub mod results;
pub mod text;

use crate::components::number_field::NumberField;
use crate::{browser, data::use_data, state::use_app};
use analytics::whatif::{self, Baseline, Comparison, Scenario};
use leptos::prelude::*;
use link::{Field, FieldUnit, Settings, BASELINE, BASES, HORIZONS, SCENARIO};
use locale::{Currency, Lang};
use text::t;

/// One field and its text.
#[derive(Clone, Copy)]
struct Input {
    field: &'static Field,
    text: RwSignal<String>,
}

/// The page's state: the basis, the horizon and every field's text.
#[derive(Clone, Copy)]
struct Page {
    basis: RwSignal<u32>,
    horizon: RwSignal<u32>,
    scenario: StoredValue<Vec<Input>>,
    typed: StoredValue<Vec<Input>>,
}

impl Page {
    fn from_url(lang: Lang) -> Page {
        let s = Settings::from_query(&browser::location_search());
        let inputs = |fields: &'static [Field]| -> Vec<Input> {
            fields
                .iter()
                .map(|f| {
                    let raw = s.values.get(f.key).cloned().unwrap_or_default();
                    Input { field: f, text: RwSignal::new(link::shown(&raw, lang)) }
                })
                .collect()
        };
        Page {
            basis: RwSignal::new(s.basis),
            horizon: RwSignal::new(s.horizon),
            scenario: StoredValue::new(inputs(&SCENARIO)),
            typed: StoredValue::new(inputs(&BASELINE)),
        }
    }

    /// Every field's number, or `None` while one of them is invalid.
    fn values<const N: usize>(inputs: StoredValue<Vec<Input>>, lang: Lang) -> Option<[f64; N]> {
        let mut out = [0.0; N];
        for (slot, i) in out.iter_mut().zip(inputs.get_value()) {
            *slot = link::read(i.field, &i.text.get(), lang).ok()?;
        }
        Some(out)
    }

    fn settings(&self, lang: Lang) -> Settings {
        let values = self
            .scenario
            .get_value()
            .into_iter()
            .chain(self.typed.get_value())
            .map(|i| (i.field.key.to_string(), link::canonical(i.field, &i.text.get(), lang)))
            .collect();
        Settings { basis: self.basis.get(), horizon: self.horizon.get(), values }
    }
}

/// The what-if page.
#[component]
pub fn WhatIf() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let lang = move || state.lang.get();
    data.load_sample_if_asked(state.lang.get_untracked());
    let page = Page::from_url(state.lang.get_untracked());
    let from_data = Memo::new(move |_| {
        let n = page.basis.get();
        data.report.with(|r| r.as_deref().and_then(|r| whatif::baseline(r, n)))
    });
    let typed = Memo::new(move |_| Page::values::<8>(page.typed, lang()).map(link::typed_baseline));
    let baseline: Memo<Option<Baseline>> = Memo::new(move |_| from_data.get().or(typed.get()));
    let scenario: Memo<Option<Scenario>> =
        Memo::new(move |_| Page::values::<5>(page.scenario, lang()).map(link::scenario));
    let comparison: Memo<Option<Comparison>> = Memo::new(move |_| {
        Some(whatif::compare(&baseline.get()?, &scenario.get()?, page.horizon.get()))
    });
    // On a language switch, valid texts are rewritten in the new language's format, so that
    // `10.000` typed in German does not become ten in English.
    let shown_lang = StoredValue::new(state.lang.get_untracked());
    Effect::new(move |_| {
        let (old, new) = (shown_lang.get_value(), lang());
        if old == new {
            return;
        }
        for i in page.scenario.get_value().into_iter().chain(page.typed.get_value()) {
            let text = i.text.get_untracked();
            if let (false, Ok(v)) = (text.trim().is_empty(), link::read(i.field, &text, old)) {
                i.text.set(link::shown(&format!("{v}"), new));
            }
        }
        shown_lang.set_value(new);
    });
    // The URL is the share link: the scenario always, typed-in figures only without data.
    Effect::new(move |_| {
        let settings = page.settings(lang());
        let with_baseline = from_data.with(Option::is_none);
        state.currency.track();
        browser::replace_query(&settings.to_query(&state.keep_pairs(), with_baseline));
    });
    // The texts are static per language and currency: the page is drawn again when either
    // changes (the inputs keep their texts in signals), which keeps the wasm small.
    let body = move || {
        let (l, c) = (lang(), state.currency.get());
        view! {
            <header class="page-head">
                <h1>{t(l, "Was wäre, wenn", "What-if")}</h1>
                <p class="lead">{t(l,
                    "Projektion von MRR, ARR, Kunden, NRR und CLV aus Ihren Monatsdurchschnitten – und was eine Änderung wert ist, etwa ein Punkt weniger Churn.",
                    "A projection of MRR, ARR, customers, NRR and CLV from your monthly averages – and what a change is worth, such as one point less churn.")}</p>
            </header>
            <div class="calc-grid">
                <BasisCard page=page from_data=from_data l=l c=c />
                <ScenarioCard page=page l=l c=c />
            </div>
            <results::Results comparison=comparison horizon=page.horizon l=l c=c />
        }
    };
    view! { <section class="page whatif">{body}</section> }
}

/// A field of the page as a labelled input.
#[component]
fn FieldInput(input: Input, l: Lang, c: Currency) -> impl IntoView {
    let f = input.field;
    let unit = match f.unit {
        FieldUnit::Money => c.symbol().to_string(),
        FieldUnit::Count => String::new(),
        FieldUnit::Percent | FieldUnit::Relative => "%".into(),
        FieldUnit::Points => t(l, "Pkt.", "pts").into(),
    };
    let error = move || link::read(f, &input.text.get(), l).err().map(|e| e.message(l));
    let understood: Option<String> = None;
    view! {
        <NumberField
            id=format!("wi-{}", f.key)
            label=t(l, f.label.0, f.label.1).to_string()
            unit=unit
            hint=t(l, f.hint.0, f.hint.1).to_string()
            text=input.text
            understood=understood
            error=Signal::derive(error)
        />
    }
}

/// The baseline: from data (with the months to average), or typed in with the sample-data
/// button.
#[component]
fn BasisCard(page: Page, from_data: Memo<Option<Baseline>>, l: Lang, c: Currency) -> impl IntoView {
    let data = use_data();
    // Drawn again only when data arrive or go, so the basis select keeps its focus.
    let has_data = Memo::new(move |_| from_data.with(Option::is_some));
    let inner = move || {
        if has_data.get() {
            return view! { <DataBasis page=page from_data=from_data l=l c=c /> }.into_any();
        }
        view! {
            <p class="hint">{t(l,
                "Ohne importierte Daten: Geben Sie Ihre Zahlen ein – oder probieren Sie es mit Beispieldaten.",
                "Without imported data: type in your figures – or try it with sample data.")}</p>
            <p>
                <button type="button" class="button" data-testid="load-sample"
                    on:click=move |_| data.load_sample(l)>
                    {t(l, "Mit Beispieldaten ausprobieren", "Try with sample data")}
                </button>
            </p>
            {page.typed.get_value().into_iter().map(|input| view! { <FieldInput input=input l=l c=c /> }).collect_view()}
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="wi-basis-h" data-testid="wi-basis">
            <h2 id="wi-basis-h">{t(l, "Ausgangslage", "Baseline")}</h2>
            {inner}
        </section>
    }
}

/// A select of month counts (`BASES` or `HORIZONS`) bound to `value`.
fn months_select(
    id: &'static str,
    label: &'static str,
    unit: &'static str,
    options: [u32; 3],
    value: RwSignal<u32>,
) -> impl IntoView {
    let now = value.get_untracked();
    view! {
        <label class="field-inline">{label}
            <select data-testid=id on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse::<u32>() { value.set(n) }
            }>
                {options.into_iter().map(|n| view! {
                    <option value=n.to_string() selected=n == now>{format!("{n} {unit}")}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// The baseline read from data, with the choice of months.
#[component]
fn DataBasis(page: Page, from_data: Memo<Option<Baseline>>, l: Lang, c: Currency) -> impl IntoView {
    let table = move || {
        from_data.with(|b| b.as_ref().map(|b| results::baseline_html(b, l, c))).unwrap_or_default()
    };
    let note = move || text::basis_note(&from_data.get().unwrap_or_default(), page.basis.get(), l);
    view! {
        {months_select("wi-basis-months", t(l, "Durchschnitt der letzten", "Average of the last"), t(l, "vollständigen Monate", "complete months"), BASES, page.basis)}
        <div inner_html=table></div>
        <p class="hint" data-testid="wi-basis-note">{note}</p>
    }
}

/// The horizon and the scenario's fields.
#[component]
fn ScenarioCard(page: Page, l: Lang, c: Currency) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="wi-scenario-h" data-testid="wi-scenario">
            <h2 id="wi-scenario-h">{t(l, "Szenario", "Scenario")}</h2>
            {months_select("wi-horizon", t(l, "Zeitraum", "Horizon"), t(l, "Monate", "months"), HORIZONS, page.horizon)}
            {page.scenario.get_value().into_iter().map(|input| view! { <FieldInput input=input l=l c=c /> }).collect_view()}
            <p class="hint">{text::scenario_note(l)}</p>
        </section>
    }
}
