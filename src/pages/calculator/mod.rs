//! The calculator of any KPI, generated from the registry: inputs of the chosen variant,
//! the result with the formula in the user's numbers, band, interpretation, chart, share link.

mod charts_for;
mod result;

use crate::{
    components::{chart::ChartPanel, embed::EmbedPanel, link::Link, number_field::NumberField},
    display::{self, Reading},
    i18n::tr,
    route::Route,
    state::{use_app, STORAGE_PREFIX},
};
use kpi::{InputDef, InputValue, KpiDef, KpiError, Outcome, Unit};
use leptos::prelude::*;
use locale::{ParseError, RatioReading};
use result::ResultPanel;
use std::collections::BTreeMap;

/// One input of the page: its definition and the text in its field.
#[derive(Clone, Copy)]
struct Field {
    def: &'static InputDef,
    text: RwSignal<String>,
}

/// Readings of the active variant's inputs, in display order.
type Readings = Vec<(&'static str, Result<Reading, ParseError>)>;

/// The calculator page for KPI `id`.
#[component]
pub fn Calculator(
    /// KPI id from the registry.
    id: String,
) -> impl IntoView {
    let state = use_app();
    let Some(def) = kpi::find(&id) else {
        return view! {
            <section class="page">
                <h1>{move || tr(state.lang.get()).unknown_kpi}</h1>
                <Link route=Route::Catalogue>{move || tr(state.lang.get()).back_to_catalogue}</Link>
            </section>
        }
        .into_any();
    };
    let (mut url_variant, mut url_values) = match state.route.get_untracked() {
        Route::Kpi { variant, values, .. } => (variant, values),
        _ => (None, Default::default()),
    };
    let storage_key = format!("{STORAGE_PREFIX}inputs.{}", def.id);
    if url_values.is_empty() && state.remember.get_untracked() {
        if let Some(Route::Kpi { variant, values, .. }) =
            crate::browser::storage_get(&storage_key).map(|q| Route::from_query(&q))
        {
            url_variant = variant;
            url_values = values;
        }
    }
    let variant = RwSignal::new(
        url_variant.and_then(|v| def.variant(&v)).unwrap_or(def.default_variant()).id,
    );
    let lang0 = state.lang.get_untracked();
    let fields: Vec<Field> = def
        .inputs
        .iter()
        .map(|input| {
            let text = match url_values.get(input.id) {
                Some(raw) => match display::from_link(raw, input.unit, lang0) {
                    Some(value) => display::input_text(&value, input.unit, lang0),
                    // An invalid value in a link is shown as it is, with its error.
                    None => raw.clone(),
                },
                None => display::input_text(&input.default_value(), input.unit, lang0),
            };
            Field { def: input, text: RwSignal::new(text) }
        })
        .collect();
    let fields = StoredValue::new(fields);

    // On a language switch, valid texts are rewritten in the new language's format so that
    // "3.000" (de) does not become 3 in English.
    let shown_lang = StoredValue::new(lang0);
    Effect::new(move |_| {
        let lang = state.lang.get();
        let old = shown_lang.get_value();
        if old == lang {
            return;
        }
        for f in fields.get_value() {
            if let Ok(r) = display::read_input(&f.text.get_untracked(), f.def.unit, old) {
                f.text.set(display::input_text(&r.value, f.def.unit, lang));
            }
        }
        shown_lang.set_value(lang);
    });

    let active_fields = move || {
        let v = def.variant(variant.get()).unwrap_or(def.default_variant());
        let all = fields.get_value();
        v.inputs
            .iter()
            .filter_map(|iid| all.iter().find(|f| f.def.id == *iid).copied())
            .collect::<Vec<_>>()
    };
    let readings: Memo<Readings> = Memo::new(move |_| {
        let lang = state.lang.get();
        active_fields()
            .into_iter()
            .map(|f| (f.def.id, display::read_input(&f.text.get(), f.def.unit, lang)))
            .collect()
    });
    let outcome: Memo<Option<Result<Outcome, KpiError>>> = Memo::new(move |_| {
        readings.with(|rs| {
            if rs.iter().any(|(_, r)| r.is_err()) {
                return None;
            }
            let inputs =
                kpi::inputs_from(rs.iter().filter_map(|(id, r)| {
                    r.as_ref().ok().map(|r| (id.to_string(), r.value.clone()))
                }));
            Some(kpi::evaluate(def.id, variant.get(), &inputs))
        })
    });

    let current = RwSignal::new(Route::Kpi {
        id: def.id.to_string(),
        variant: None,
        values: Default::default(),
    });
    // The URL always holds the calculation (share link); values in a locale-free form.
    Effect::new(move |_| {
        let values = readings.with(|rs| {
            let mut values = BTreeMap::new();
            for ((id, r), f) in rs.iter().zip(active_fields()) {
                let text = match r {
                    Ok(r) => display::canonical(&r.value),
                    Err(_) => f.text.get(),
                };
                values.insert(id.to_string(), text);
            }
            values
        });
        let v = variant.get();
        let route = Route::Kpi {
            id: def.id.to_string(),
            variant: (v != def.default_variant().id).then(|| v.to_string()),
            values,
        };
        state.currency.track();
        current.set(route.clone());
        let query = route.to_query(&state.keep_pairs());
        crate::browser::replace_query(&query);
        // Stored only when the user asked to remember inputs.
        if state.remember.get() {
            crate::browser::storage_set(&storage_key, &query);
        }
    });

    let s = move || tr(state.lang.get());
    let kl = move || state.lang.get();
    let chart = Signal::derive(move || {
        let lang = state.lang.get();
        let cur = state.currency.get();
        let outcome = outcome.get()?.ok()?;
        let inputs =
            readings.with(|rs| {
                kpi::inputs_from(rs.iter().filter_map(|(id, r)| {
                    r.as_ref().ok().map(|r| (id.to_string(), r.value.clone()))
                }))
            });
        charts_for::chart(def, &outcome, &inputs, lang, cur)
    });

    view! {
        <article class="page calculator" data-kpi=def.id>
            <header class="page-head">
                <p class="crumb">
                    <Link route=Route::Catalogue>{move || s().nav_catalogue}</Link>
                    " · "
                    {move || def.category.name().get(kl())}
                </p>
                <h1>
                    {move || def.name.get(kl())}
                    <span class="abbr">{move || def.abbr.get(kl())}</span>
                </h1>
                <p class="lead">{move || def.description.get(kl())}</p>
            </header>
            <div class="calc-grid">
                <section class="card inputs" aria-labelledby="inputs-h">
                    <h2 id="inputs-h">{move || s().inputs}</h2>
                    <VariantSwitch def=def variant=variant />
                    {move || {
                        active_fields()
                            .into_iter()
                            .map(|f| field_view(def, f, readings, outcome))
                            .collect_view()
                    }}
                    <ShareTools />
                    {(!state.embed).then(|| view! {
                        <EmbedPanel route=current title=Signal::derive(move || def.name.get(kl()).to_string()) />
                    })}
                </section>
                <ResultPanel def=def variant=variant outcome=outcome readings=readings />
            </div>
            {(def.chart != kpi::ChartKind::None || def.id == "mrr_movements").then(|| view! {
                <section class="card chart-card" aria-labelledby="chart-h">
                    <h2 id="chart-h">{move || s().chart}</h2>
                    <ChartPanel chart=chart file_stem=def.id.to_string() />
                </section>
            })}
            <section class="card about" aria-labelledby="about-h">
                <h2 id="about-h">{move || s().about}</h2>
                <p>{move || def.explanation.get(kl())}</p>
                <About def=def />
            </section>
        </article>
    }
    .into_any()
}

/// The field view of one input, with its own error and what was understood.
fn field_view(
    def: &'static KpiDef,
    f: Field,
    readings: Memo<Readings>,
    outcome: Memo<Option<Result<Outcome, KpiError>>>,
) -> impl IntoView {
    let state = use_app();
    let id = f.def.id;
    let kl = move || state.lang.get();
    let reading =
        move || readings.with(|rs| rs.iter().find(|(i, _)| *i == id).map(|(_, r)| r.clone()));
    let error = Signal::derive(move || {
        // A one-language module (`kpi::ONLY_LANG`) keeps only its language's parse messages.
        let lang = kpi::built_lang(state.lang.get());
        match reading() {
            Some(Err(e)) => Some(e.message(lang)),
            _ => outcome.with(|o| match o {
                Some(Err(e)) if e.input() == Some(id) => Some(e.message_for(def, lang)),
                _ => None,
            }),
        }
    });
    let understood = Signal::derive(move || {
        let lang = state.lang.get();
        let cur = state.currency.get();
        let s = tr(lang);
        let r = reading()?.ok()?;
        let shown = match &r.value {
            InputValue::Number(v) => {
                display::quantity(&kpi::Quantity { value: *v, unit: f.def.unit }, lang, cur, false)
            }
            InputValue::List(vs) => {
                format!("{} {}", vs.len(), s.answers)
            }
        };
        let how = match r.ratio {
            Some(RatioReading::BareNumberAsPercent) => format!(" ({})", s.read_as_percent),
            Some(RatioReading::Fraction) => format!(" ({})", s.read_as_fraction),
            _ => String::new(),
        };
        Some(format!("{} {shown}{how}", s.understood))
    });
    let hint = Signal::derive(move || {
        let lang = state.lang.get();
        let base = f.def.hint.get(kl()).to_string();
        if f.def.unit.is_list() {
            format!("{base} ({})", tr(lang).score_list_hint)
        } else {
            base
        }
    });
    view! {
        <NumberField
            id=format!("in-{id}")
            label=Signal::derive(move || f.def.name.get(kl()).to_string())
            unit=Signal::derive(move || display::unit_suffix(f.def.unit, state.lang.get(), state.currency.get()))
            hint=hint
            text=f.text
            understood=understood
            error=error
            multiline=matches!(f.def.unit, Unit::ScoreList { .. })
        />
    }
}

/// Radio buttons for the KPI's variants, each with the sentence on when it applies.
#[component]
fn VariantSwitch(def: &'static KpiDef, variant: RwSignal<&'static str>) -> impl IntoView {
    let state = use_app();
    let kl = move || state.lang.get();
    (def.variants.len() > 1).then(|| {
        view! {
            <fieldset class="variants">
                <legend>{move || tr(state.lang.get()).variant}</legend>
                {def
                    .variants
                    .iter()
                    .map(|v| {
                        let input_id = format!("variant-{}", v.id);
                        view! {
                            <div class="variant">
                                <input
                                    type="radio"
                                    name="variant"
                                    id=input_id.clone()
                                    value=v.id
                                    prop:checked=move || variant.get() == v.id
                                    on:change=move |_| variant.set(v.id)
                                />
                                <label for=input_id>
                                    <span class="variant-name">{move || v.name.get(kl())}</span>
                                    <span class="variant-when">{move || v.when.get(kl())}</span>
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    })
}

/// "Copy link" with a status message.
#[component]
fn ShareTools() -> impl IntoView {
    let state = use_app();
    let status: RwSignal<Option<bool>> = RwSignal::new(None);
    let s = move || tr(state.lang.get());
    view! {
        <div class="share">
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    let url = format!("{}{}", crate::browser::location_base(), crate::browser::location_search());
                    crate::browser::copy_text(url, move |ok| status.set(Some(ok)));
                }
            >
                {move || s().copy_link}
            </button>
            <span class="share-status" role="status">
                {move || match status.get() {
                    Some(true) => s().link_copied,
                    Some(false) => s().copy_failed,
                    None => "",
                }}
            </span>
            {(!state.embed).then(|| view! {
                <label class="check remember">
                    <input
                        type="checkbox"
                        data-testid="remember"
                        prop:checked=move || state.remember.get()
                        on:change=move |ev| state.set_remember(event_target_checked(&ev))
                    />
                    {move || s().remember_inputs}
                </label>
                <button
                    type="button"
                    class="linklike"
                    hidden=move || !state.remember.get()
                    on:click=move |_| state.set_remember(false)
                >
                    {move || s().forget_inputs}
                </button>
            })}
        </div>
    }
}

/// Formulas, bands and sources of the "about" card, with the same markup as the static KPI
/// pages (`crates/site`), so the app mounting on such a page replaces it without a jump.
#[component]
fn About(def: &'static KpiDef) -> impl IntoView {
    let state = use_app();
    let s = move || tr(state.lang.get());
    let kl = move || state.lang.get();
    let tone = |t: kpi::Tone| match t {
        kpi::Tone::Good => "band band-good",
        kpi::Tone::Warn => "band band-warn",
        kpi::Tone::Bad => "band band-bad",
        kpi::Tone::Neutral => "band band-neutral",
    };
    view! {
        <h3>{move || s().formula_general}</h3>
        <dl class="formulas">
            {def
                .variants
                .iter()
                .map(|v| view! {
                    <div class="kv">
                        <dt>{move || v.name.get(kl())}</dt>
                        <dd>
                            <code>{move || v.formula.get(kl())}</code>
                            " "
                            <span class="variant-when">{move || v.when.get(kl())}</span>
                        </dd>
                    </div>
                })
                .collect_view()}
        </dl>
        {(!def.bands.is_empty()).then(|| view! {
            <h3>{move || s().bands}</h3>
            <ul class="bands">
                {def
                    .bands
                    .iter()
                    .map(|b| view! {
                        <li>
                            <span class=tone(b.tone)>{move || b.label.get(kl())}</span>
                            " "
                            {move || kpi::show::band_range(b, def.result_unit, kl(), state.currency.get())}
                        </li>
                    })
                    .collect_view()}
            </ul>
        })}
        <h3>{move || s().sources}</h3>
        <ul class="sources" data-testid="sources">
            {def
                .seeds
                .iter()
                .map(|seed| view! {
                    <li>
                        {move || kpi::source(seed).map(|src| src.citation(kl())).unwrap_or_else(|| seed.to_string())}
                    </li>
                })
                .collect_view()}
        </ul>
    }
}
