//! The SQL panel of a KPI's detail view: the KPI as SQL for DuckDB, PostgreSQL or Spark SQL,
//! generated in the browser by `warehouse::kpi_sql` for the period and as-of date shown (the
//! same text as `kennzahl sql`), with a copy button. No network.

use super::text::text;
use crate::state::use_app;
use analytics::{Kpi, Period};
use leptos::prelude::*;
use records::Date;
use warehouse::{kpi_sql, Ctx, Dialect, Mapping};

/// The name of a dialect on its switch.
pub fn dialect_name(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::DuckDb => "DuckDB",
        Dialect::Postgres => "PostgreSQL",
        Dialect::Spark => "Spark SQL",
    }
}

/// The query for the detail view: canonical table names, the dashboard's period and as-of
/// date, the analysed currency when the files name several (`None`: no SQL for this KPI yet).
pub fn query(
    kpi: Kpi,
    dialect: Dialect,
    period: Period,
    as_of: Option<Date>,
    currency: Option<&str>,
) -> Option<String> {
    let mapping = Mapping::default();
    kpi_sql(kpi, &Ctx { dialect, period, as_of, currency, mapping: &mapping })
}

/// The panel: dialect switch, query text (or why there is none) and the copy button.
#[component]
pub fn SqlPanel(
    /// The KPI.
    kpi: Kpi,
    /// The period shown.
    period: Period,
    /// The report's as-of date.
    as_of: Option<Date>,
    /// The currency to name in the query (only when the files hold several).
    currency: Option<String>,
    /// The chosen dialect (kept by the detail view, so it survives a change of period).
    dialect: RwSignal<Dialect>,
) -> impl IntoView {
    let state = use_app();
    let t = move || text(state.lang.get());
    let status: RwSignal<Option<bool>> = RwSignal::new(None);
    let sql = Memo::new(move |_| query(kpi, dialect.get(), period, as_of, currency.as_deref()));
    let switch = Dialect::ALL
        .into_iter()
        .map(|d| {
            view! {
                <button type="button" class="button" data-testid=format!("sql-{}", d.id())
                    aria-pressed=move || (dialect.get() == d).to_string()
                    on:click=move |_| { dialect.set(d); status.set(None); }>
                    {dialect_name(d)}
                </button>
            }
        })
        .collect_view();
    let body = move || match sql.get() {
        Some(q) => view! {
            <pre class="sql-text" data-testid="sql-text" tabindex="0"><code>{q}</code></pre>
            <p class="sql-actions">
                <button type="button" class="button" data-testid="sql-copy"
                    on:click=move |_| {
                        if let Some(q) = sql.get_untracked() {
                            crate::browser::copy_text(q, move |ok| status.set(Some(ok)));
                        }
                    }>
                    {move || t().sql_copy}
                </button>
                " "
                <span role="status" data-testid="sql-status">{move || match status.get() {
                    Some(true) => t().sql_copied,
                    Some(false) => t().sql_copy_failed,
                    None => "",
                }}</span>
            </p>
        }
        .into_any(),
        None => view! { <p data-testid="sql-none">{move || t().sql_none}</p> }.into_any(),
    };
    view! {
        <section class="sql-panel" data-testid="sql-panel" aria-labelledby="sql-h">
            <h3 id="sql-h">"SQL"</h3>
            <p class="sql-lead">{move || t().sql_lead}</p>
            <div class="sql-dialects" role="group" aria-label=move || t().sql_dialect>{switch}</div>
            {body}
        </section>
    }
}
