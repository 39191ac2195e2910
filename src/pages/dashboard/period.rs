//! The period picker: a month, a quarter, a year, or a custom range of months.

use super::text::text;
use super::Dash;
use crate::state::use_app;
use analytics::period::{parse_month, parse_quarter, quarter_label, quarter_start};
use analytics::Period;
use leptos::prelude::*;
use records::Month;

/// Kind select plus the month, quarter or from/to selects.
#[component]
pub fn PeriodPicker(
    /// The dashboard's state.
    dash: Dash,
    /// Months with data, oldest first.
    #[prop(into)]
    months: Signal<Vec<Month>>,
) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let kind = move || match dash.period.get() {
        Period::Month(_) => "month",
        Period::Quarter(_) => "quarter",
        Period::Year(_) => "year",
        Period::Range(..) => "range",
    };
    let on_kind = move |ev| {
        let (first, last) = dash.period.get_untracked().months();
        let next = match event_target_value(&ev).as_str() {
            "quarter" => Period::Quarter(quarter_start(last)),
            "year" => Period::Year(last.year()),
            "range" => Period::Range(first.add(-2).min(last), last),
            _ => Period::Month(last),
        };
        dash.set_period(next);
    };
    let data = crate::data::use_data();
    // The as-of month, when it is cut short, is named so in the menu.
    let partial = Memo::new(move |_| {
        data.report
            .with(|r| r.as_deref().and_then(|r| r.as_of).filter(|a| a.partial).map(|a| a.month()))
    });
    let month_options = move |selected: Month| {
        let cut = partial.get();
        let label = move |m: Month| match (Some(m) == cut, state.lang.get()) {
            (true, locale::Lang::De) => format!("{m} (Teilmonat)"),
            (true, locale::Lang::En) => format!("{m} (partial)"),
            _ => m.to_string(),
        };
        months
            .get()
            .into_iter()
            .rev()
            .map(|m| view! { <option value=m.to_string() selected=m == selected>{label(m)}</option> })
            .collect_view()
    };
    let quarter_options = move |selected: Month| {
        let mut qs: Vec<Month> = months.get().into_iter().map(quarter_start).collect();
        qs.dedup();
        qs.into_iter()
            .rev()
            .map(|q| view! { <option value=quarter_label(q) selected=q == selected>{quarter_label(q)}</option> })
            .collect_view()
    };
    let detail = move || {
        let p = dash.period.get();
        match p {
            Period::Month(m) => view! {
                <label class="field-inline">{t().month}
                    <select data-testid="period-month" on:change=move |ev| {
                        if let Some(m) = parse_month(&event_target_value(&ev)) { dash.set_period(Period::Month(m)) }
                    }>{month_options(m)}</select>
                </label>
            }.into_any(),
            Period::Quarter(q) => view! {
                <label class="field-inline">{t().quarter}
                    <select data-testid="period-quarter" on:change=move |ev| {
                        if let Some(q) = parse_quarter(&event_target_value(&ev)) { dash.set_period(Period::Quarter(q)) }
                    }>{quarter_options(q)}</select>
                </label>
            }.into_any(),
            Period::Year(y) => {
                let mut years: Vec<i32> = months.get().iter().map(|m| m.year()).collect();
                years.dedup();
                view! {
                    <label class="field-inline">{t().year}
                        <select data-testid="period-year" on:change=move |ev| {
                            if let Ok(y) = event_target_value(&ev).parse::<i32>() { dash.set_period(Period::Year(y)) }
                        }>{years.into_iter().rev().map(|v| view! { <option value=v.to_string() selected=v == y>{v.to_string()}</option> }).collect_view()}</select>
                    </label>
                }.into_any()
            }
            Period::Range(..) => {
                let (a, b) = p.months();
                view! {
                    <label class="field-inline">{t().from}
                        <select data-testid="period-from" on:change=move |ev| {
                            if let Some(m) = parse_month(&event_target_value(&ev)) { dash.set_period(Period::range(m, b)) }
                        }>{month_options(a)}</select>
                    </label>
                    <label class="field-inline">{t().to}
                        <select data-testid="period-to" on:change=move |ev| {
                            if let Some(m) = parse_month(&event_target_value(&ev)) { dash.set_period(Period::range(a, m)) }
                        }>{month_options(b)}</select>
                    </label>
                }.into_any()
            }
        }
    };
    view! {
        <fieldset class="period-picker">
            <legend>{move || t().period}</legend>
            <label class="field-inline">{move || t().period_kind}
                <select data-testid="period-kind" on:change=on_kind prop:value=kind>
                    <option value="month">{move || t().month}</option>
                    <option value="quarter">{move || t().quarter}</option>
                    <option value="year">{move || t().year}</option>
                    <option value="range">{move || t().range}</option>
                </select>
            </label>
            {detail}
        </fieldset>
    }
}
