//! The printable quarterly report: every KPI of the quarter with its trend and the change
//! against the previous quarter, the MRR bridge, the at-risk list and a free comment. The
//! print stylesheet (style/dashboard.css) lays it out on A4 without navigation, so the
//! browser's "Save as PDF" gives a clean document.

mod table;

use crate::components::{chart::ChartData, chart::ChartPanel, link::Link};
use crate::pages::dashboard::basis::DataBasis;
use crate::pages::dashboard::risk::AtRiskList;
use crate::pages::dashboard::text::text;
use crate::{browser, data::use_data, route::Route, state::use_app};
use analytics::figure::{default_month, quarters_with_data};
use analytics::period::{parse_quarter, quarter_label, quarter_start};
use analytics::Period;
use leptos::prelude::*;

const COMMENT_KEY: &str = "kennzahl.report_comment";
/// Rows of the at-risk list on paper (style/dashboard.css hides the rest in print).
const PRINTED_RISK_ROWS: usize = 10;

/// The quarterly report page for `quarter` (`2025-Q3`), or the latest one.
#[component]
pub fn QuarterlyReport(
    /// Quarter label from the URL.
    quarter: Option<String>,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    data.load_sample_if_asked(state.lang.get_untracked());
    let asked = quarter.as_deref().and_then(parse_quarter);
    let chosen = Memo::new(move |_| {
        asked.or_else(|| {
            data.report.with(|r| r.as_deref().and_then(default_month)).map(quarter_start)
        })
    });
    let body = move || {
        let Some(q) = chosen.get() else {
            return view! {
                <div class="card empty-state" data-testid="report-empty">
                    <p>{t().empty_text}</p>
                    <Link route=Route::Dashboard class="button">{t().back_to_dashboard}</Link>
                </div>
            }
            .into_any();
        };
        view! { <ReportBody quarter=q /> }.into_any()
    };
    view! {
        <article class="page report" data-testid="report">
            <header class="page-head">
                <h1>{move || t().report_title}" "{move || chosen.get().map(quarter_label).unwrap_or_default()}</h1>
                <p class="lead">{move || t().report_lead}</p>
            </header>
            {body}
        </article>
    }
}

/// The report of one quarter.
#[component]
fn ReportBody(quarter: records::Month) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let t = move || text(state.lang.get());
    let quarters = Memo::new(move |_| {
        data.report.with(|r| r.as_deref().map(quarters_with_data).unwrap_or_default())
    });
    let on_pick = move |ev| {
        let q = event_target_value(&ev);
        if parse_quarter(&q).is_some() {
            state.navigate(Route::Report { quarter: Some(q) });
        }
    };
    let bridge = Signal::derive(move || -> Option<ChartData> {
        let r = data.report.get()?;
        table::bridge(&r, quarter, state.lang.get(), state.currency.get())
    });
    view! {
        <div class="report-tools no-print">
            <label class="field-inline">{move || t().quarter}
                <select data-testid="report-quarter" on:change=on_pick>
                    {move || quarters.get().into_iter().rev().map(|q| view! {
                        <option value=quarter_label(q) selected=q == quarter>{quarter_label(q)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="button" class="button primary" data-testid="print" on:click=move |_| browser::print_page()>{move || t().print}</button>
            <Link route=Route::Dashboard class="button">{move || t().back_to_dashboard}</Link>
        </div>
        <section class="card report-section" aria-labelledby="rk-h">
            <h2 id="rk-h">{move || t().kpi}</h2>
            <table::KpiTable period=Period::Quarter(quarter) />
            <DataBasis />
        </section>
        <section class="card report-section" aria-labelledby="rb-h">
            <h2 id="rb-h">"MRR"</h2>
            <ChartPanel chart=bridge file_stem=format!("kennzahl-mrr-{}", quarter_label(quarter)) />
        </section>
        <div class="report-section"><AtRiskList /><PrintCut /></div>
        <Comment quarter=quarter />
    }
}

/// A free comment, stored only when the user ticks the box.
#[component]
fn Comment(quarter: records::Month) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let key = format!("{COMMENT_KEY}.{}", quarter_label(quarter));
    let stored = browser::storage_get(&key);
    let save = RwSignal::new(stored.is_some() && browser::storage_allowed());
    let comment = RwSignal::new(stored.unwrap_or_default());
    let key = StoredValue::new(key);
    let keep = move || {
        if save.get_untracked() {
            browser::storage_set(&key.get_value(), &comment.get_untracked());
        }
    };
    view! {
        <section class="card report-section comment" aria-labelledby="rc-h">
            <h2 id="rc-h">{move || t().comment}</h2>
            <label for="report-comment" class="visually-hidden">{move || t().comment}</label>
            <textarea id="report-comment" rows="5" data-testid="report-comment" aria-describedby="report-comment-hint"
                prop:value=move || comment.get()
                on:input=move |ev| { comment.set(event_target_value(&ev)); keep(); }></textarea>
            <p class="print-only comment-print">{move || comment.get()}</p>
            <p class="hint no-print" id="report-comment-hint">{move || t().comment_hint}</p>
            // An embedded frame never stores, so it offers no "remember" box.
            {browser::storage_allowed().then(|| view! {
                <label class="check no-print">
                    <input type="checkbox" data-testid="save-comment" prop:checked=move || save.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            save.set(on);
                            if on { keep() } else { browser::storage_remove(&key.get_value()) }
                        } />
                    {move || t().save_comment}
                </label>
            })}
        </section>
    }
}

/// On paper only: how many of the at-risk accounts the page shows and where the full list is.
#[component]
fn PrintCut() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let note = move || {
        let total = data
            .report
            .with(|r| r.as_deref().and_then(|r| r.health.as_ref()).map_or(0, |h| h.at_risk.len()));
        let lang = state.lang.get();
        print_cut_note(lang, total, text(lang).export_risk)
    };
    view! { <p class="print-cut muted" data-testid="print-cut">{note}</p> }
}

/// The sentence under a list cut to [`PRINTED_RISK_ROWS`] rows on paper; empty when the list
/// is short enough to print whole.
fn print_cut_note(lang: locale::Lang, total: usize, export_label: &str) -> String {
    if total <= PRINTED_RISK_ROWS {
        return String::new();
    }
    match lang {
        locale::Lang::De => format!(
            "Gedruckt: die ersten {PRINTED_RISK_ROWS} von {total} gefährdeten Kunden. \
             Die vollständige Liste gibt es auf dem Dashboard als CSV-Export („{export_label}“)."
        ),
        locale::Lang::En => format!(
            "Printed: the first {PRINTED_RISK_ROWS} of {total} accounts at risk. \
             The full list is on the dashboard as a CSV export (“{export_label}”)."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::print_cut_note;
    use locale::Lang;

    #[test]
    fn a_long_list_names_its_printed_rows_its_total_and_the_export() {
        assert_eq!(
            print_cut_note(Lang::De, 42, "Gefährdete Kunden als CSV"),
            "Gedruckt: die ersten 10 von 42 gefährdeten Kunden. Die vollständige Liste gibt es \
             auf dem Dashboard als CSV-Export („Gefährdete Kunden als CSV“)."
        );
        assert_eq!(
            print_cut_note(Lang::En, 11, "Accounts at risk as CSV"),
            "Printed: the first 10 of 11 accounts at risk. The full list is on the dashboard as \
             a CSV export (“Accounts at risk as CSV”)."
        );
    }

    #[test]
    fn a_list_of_ten_or_fewer_prints_whole_without_a_note() {
        assert_eq!(print_cut_note(Lang::En, 10, "x"), "");
        assert_eq!(print_cut_note(Lang::De, 0, "x"), "");
    }
}
