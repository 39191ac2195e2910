//! "Rows behind this figure" in a KPI's detail view: the customers (tickets, deals, answers,
//! users, cost rows) with their contribution and file and line, from the worker's
//! `analytics::drill_where` (of the rows the "Only" filter keeps); sortable, searchable,
//! downloadable as formula-safe CSV. Besides the tile's own figure, every figure opens its
//! rows: a period of the trend (the chart's points, in the numbers table), a movement bar
//! ([`MovementBars`]), a cohort cell ([`CohortCells`]) and an at-risk row (`risk.rs`, the
//! parts of the account's health score).

use super::format;
use crate::data::use_data;
use crate::protocol::{DrillLine, DrillTable, Failure};
use crate::state::use_app;
use analytics::Combine;
use analytics::{Kpi, Period};
use leptos::prelude::*;
use locale::{format_number, Lang};
use records::Month;

/// Rows shown at most; the search narrows them, the CSV holds all.
const SHOWN: usize = 500;

/// The column the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Customer, ticket, deal.
    Key,
    /// Contribution.
    Contribution,
    /// File and line.
    Place,
}

/// The items matching `query` (key or file name, any case), sorted by `by`.
pub fn arrange(items: &[DrillLine], query: &str, by: SortBy, descending: bool) -> Vec<DrillLine> {
    let q = query.trim().to_lowercase();
    let mut out: Vec<DrillLine> = items
        .iter()
        .filter(|i| {
            q.is_empty()
                || i.key.to_lowercase().contains(&q)
                || i.rows.iter().any(|r| r.file.to_lowercase().contains(&q))
        })
        .cloned()
        .collect();
    let place = |i: &DrillLine| i.rows.first().map(|r| (r.file.clone(), r.line));
    out.sort_by(|a, b| {
        let o = match by {
            SortBy::Key => a.key.cmp(&b.key),
            SortBy::Contribution => {
                a.contribution.unwrap_or(0.0).total_cmp(&b.contribution.unwrap_or(0.0))
            }
            SortBy::Place => place(a).cmp(&place(b)),
        };
        if descending {
            o.reverse()
        } else {
            o
        }
    });
    out
}

/// `key,contribution,file,line,value,figure`, one line per row, the contribution (and the
/// item's value, `1` in `figure` for a median's item) on an item's first row only (so the
/// column adds up to the figure), cells neutralised against formulas, with a byte-order mark
/// so Excel reads umlauts.
pub fn csv(items: &[DrillLine]) -> String {
    let cell = |s: &str| {
        let s = ingest::csv_safe::neutralise(s);
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let mut out = String::from("\u{feff}key,contribution,file,line,value,figure\n");
    for i in items {
        for (n, r) in i.rows.iter().enumerate() {
            let c = match i.contribution {
                Some(c) if n == 0 => c.to_string(),
                _ => String::new(),
            };
            let line = r.line.map(|l| l.to_string()).unwrap_or_default();
            let (value, mark) = match i.value {
                Some(v) if n == 0 => (v.to_string(), if i.is_figure { "1" } else { "" }),
                _ => (String::new(), ""),
            };
            out.push_str(&format!(
                "{},{c},{},{line},{value},{mark}\n",
                cell(&i.key),
                cell(&r.file)
            ));
        }
    }
    out
}

/// The CSV's file name: `kennzahl-mrr-2025-03-rows.csv`, for a cohort cell
/// `kennzahl-cohort-2025-01+3-rows.csv`, for an account `kennzahl-health-K1-rows.csv`.
pub fn file_name(
    kpi: Kpi,
    period: Period,
    cohort: Option<(Month, u32)>,
    account: Option<&str>,
    de: bool,
) -> String {
    let what = match (account, cohort) {
        (Some(a), _) => {
            let safe: String =
                a.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
            format!("health-{safe}")
        }
        (None, Some((first, since))) => format!("cohort-{first}+{since}"),
        (None, None) => format!("{}-{}", kpi.id(), period.key()),
    };
    format!("kennzahl-{what}-{}.csv", if de { "zeilen" } else { "rows" })
}

/// An item's key as shown: a health part's name for an account's drill, "–" for none.
fn key_text(key: &str, account: bool, de: bool) -> String {
    if account {
        let part = analytics::health::HealthPart::ALL
            .into_iter()
            .find(|&p| analytics::drill::part_id(p) == key);
        if let Some(p) = part {
            return p.label(de).to_string();
        }
    }
    if key.is_empty() {
        "–".to_string()
    } else {
        key.to_string()
    }
}

/// The MRR movements of the last twelve months as a table of buttons (the movement chart's
/// bars): each cell carries the movement's cents in `data-value` and opens the customers
/// behind it.
#[component]
pub fn MovementBars() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let chosen: RwSignal<Option<(Kpi, Month)>> = RwSignal::new(None);
    const KINDS: [Kpi; 5] = [
        Kpi::NewMrr,
        Kpi::ReactivationMrr,
        Kpi::ExpansionMrr,
        Kpi::ContractionMrr,
        Kpi::ChurnedMrr,
    ];
    let table = move || {
        let lang = state.lang.get();
        let cur = state.currency.get();
        let de = lang == Lang::De;
        let months = data.report.with(|r| {
            r.as_deref().and_then(|r| r.revenue.as_ref()).map(|rev| {
                let n = rev.months.len();
                rev.months[n.saturating_sub(12)..].to_vec()
            })
        })?;
        if months.is_empty() {
            return None;
        }
        let head = KINDS.iter().map(|k| view! { <th scope="col">{k.name(de)}</th> }).collect_view();
        let body = months
            .into_iter()
            .rev()
            .map(|m| {
                let month = m.month;
                let mv = m.movements;
                let cells = KINDS
                    .into_iter()
                    .map(|kpi| {
                        let cents = match kpi {
                            Kpi::NewMrr => mv.new,
                            Kpi::ReactivationMrr => mv.reactivation,
                            Kpi::ExpansionMrr => mv.expansion,
                            Kpi::ContractionMrr => mv.contraction,
                            _ => mv.churn,
                        }
                        .cents();
                        let shown = format::value(kpi.unit(), cents as f64, lang, cur);
                        let name = kpi.name(de);
                        let aria = if de {
                            format!("{name} {month}: {shown}, Zeilen anzeigen")
                        } else {
                            format!("{name} {month}: {shown}, show the rows")
                        };
                        let pressed = move || (chosen.get() == Some((kpi, month))).to_string();
                        view! {
                            <td><button type="button" class="cohort-cell" data-testid="movement-bar"
                                data-kpi=kpi.id() data-month=month.to_string() data-value=cents.to_string()
                                aria-label=aria aria-pressed=pressed
                                on:click=move |_| chosen.set(Some((kpi, month)))>{shown.clone()}</button></td>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{month.to_string()}</th>{cells}</tr> }
            })
            .collect_view();
        let caption = if de {
            "MRR-Bewegungen je Monat (die Balken des Diagramms) – ein Betrag zeigt seine Kunden"
        } else {
            "MRR movements per month (the chart's bars) – an amount shows its customers"
        };
        let corner = if de { "Monat" } else { "Month" };
        Some(view! {
            <div class="table-scroll">
                <table class="numbers cohort-cells" data-testid="movement-bars">
                    <caption>{caption}</caption>
                    <thead><tr><th scope="col">{corner}</th>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        })
    };
    view! {
        {table}
        {move || chosen.get().map(|(kpi, month)| view! {
            <DrillRows kpi=kpi period=Period::Month(month) auto=true id="movement-drill" />
        })}
    }
}

/// The cohorts as a table of buttons: each cell shows the revenue retention, carries the
/// cohort's MRR then (cents) in `data-value` and opens the customers behind it.
#[component]
pub fn CohortCells() -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let chosen: RwSignal<Option<(Month, u32)>> = RwSignal::new(None);
    let table = move || {
        let lang = state.lang.get();
        let cur = state.currency.get();
        let de = lang == Lang::De;
        let cohorts = data.report.with(|r| {
            r.as_deref().and_then(|r| r.revenue.as_ref()).map(|rev| {
                let n = rev.cohorts.len();
                rev.cohorts[n.saturating_sub(12)..].to_vec()
            })
        })?;
        let cols = cohorts.iter().map(|c| c.cells.len()).max().unwrap_or(0).min(13);
        if cols == 0 {
            return None;
        }
        let head = (0..cols).map(|k| view! { <th scope="col">{k}</th> }).collect_view();
        let body = cohorts
            .into_iter()
            .map(|c| {
                let first = c.first_month;
                let cells = (0..cols)
                    .map(|k| match c.cells.get(k) {
                        None => view! { <td></td> }.into_any(),
                        Some(cell) => {
                            let since = cell.months_since;
                            let cents = cell.mrr.cents();
                            let mrr = format::value(Kpi::Mrr.unit(), cents as f64, lang, cur);
                            let shown = cell
                                .revenue_retention
                                .map(|r| format!("{:.0} %", r * 100.0))
                                .unwrap_or_else(|| "–".into());
                            let aria = if de {
                                format!("Kohorte {first}, Monat {since} ({}): {shown}, MRR {mrr}, Zeilen anzeigen", cell.month)
                            } else {
                                format!("Cohort {first}, month {since} ({}): {shown}, MRR {mrr}, show the rows", cell.month)
                            };
                            let pressed = move || (chosen.get() == Some((first, since))).to_string();
                            view! {
                                <td><button type="button" class="cohort-cell" data-testid="cohort-cell"
                                    data-cohort=format!("{first}+{since}") data-value=cents.to_string()
                                    aria-label=aria aria-pressed=pressed
                                    on:click=move |_| chosen.set(Some((first, since)))>{shown}</button></td>
                            }
                            .into_any()
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{first.to_string()}</th>{cells}</tr> }
            })
            .collect_view();
        let caption = if de {
            "Kohorten: Umsatzbindung je Monat seit Start – eine Zelle zeigt ihre Kunden"
        } else {
            "Cohorts: revenue retention by month since start – a cell shows its customers"
        };
        let corner = if de { "Kohorte" } else { "Cohort" };
        Some(view! {
            <table class="numbers cohort-cells" data-testid="cohort-cells">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">{corner}</th>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        })
    };
    view! {
        {table}
        {move || chosen.get().map(|(first, since)| view! {
            <DrillRows kpi=Kpi::Mrr period=Period::Month(first.add(since as i32)) cohort=(first, since) />
        })}
    }
}

/// The table, behind a button (the worker computes it on demand).
#[component]
pub fn DrillRows(
    /// The KPI of the detail view.
    kpi: Kpi,
    /// The period shown.
    period: Period,
    /// A cohort cell (first month, months since) instead of the KPI; opens at once.
    #[prop(optional)]
    cohort: Option<(Month, u32)>,
    /// An account's health score (an at-risk row) instead of the KPI; opens at once.
    #[prop(optional)]
    account: Option<String>,
    /// Opens at once (a chart point or movement bar was chosen).
    #[prop(optional)]
    auto: bool,
    /// The section's test id and heading id stem (default `drill`, `cohort-drill`,
    /// `account-drill`).
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let answer: RwSignal<Option<Result<Option<DrillTable>, Failure>>> = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new((SortBy::Contribution, true));
    let de = move || state.lang.get() == Lang::De;
    let is_account = account.is_some();
    let asked = StoredValue::new(account.clone());
    let open = move || {
        loading.set(true);
        data.drill(kpi, period, cohort, asked.get_value(), move |a| {
            loading.try_set(false);
            answer.try_set(Some(a));
        });
    };
    if cohort.is_some() || account.is_some() || auto {
        open();
    }
    let testid = id.unwrap_or(match (cohort, &account) {
        (_, Some(_)) => "account-drill",
        (Some(_), None) => "cohort-drill",
        (None, None) => "drill",
    });
    let head_id = format!("{testid}-h");
    let title_account = account.clone();
    let file_account = account.clone();
    let header = move |by: SortBy, de_label: &'static str, en_label: &'static str| {
        let aria = move || match sort.get() {
            (b, true) if b == by => "descending",
            (b, false) if b == by => "ascending",
            _ => "none",
        };
        let click = move |_| {
            sort.update(|s| {
                *s = if s.0 == by { (by, !s.1) } else { (by, by == SortBy::Contribution) }
            })
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=click>
                    {move || if de() { de_label } else { en_label }}
                </button>
            </th>
        }
    };
    let table = move || {
        let lang = state.lang.get();
        let cur = state.currency.get();
        let de = lang == Lang::De;
        let t = match answer.get()? {
            Err(f) => {
                return Some(
                    view! { <p class="error" role="alert">{crate::i18n::failure(&f, lang)}</p> }
                        .into_any(),
                )
            }
            Ok(None) => {
                let none =
                    if de { "Keine Zeilen für diese Zahl." } else { "No rows for this figure." };
                return Some(view! { <p data-testid="drill-none">{none}</p> }.into_any());
            }
            Ok(Some(t)) => t,
        };
        let unit = if is_account { analytics::Unit::Score } else { kpi.unit() };
        let shown = move |v: Option<f64>| {
            v.map(|v| format::value(unit, v, lang, cur)).unwrap_or_else(|| "–".into())
        };
        let (by, desc) = sort.get();
        let list = arrange(&t.items, &query.get(), by, desc);
        let matching = list.len();
        let rows = list
            .into_iter()
            .take(SHOWN)
            .map(|i| {
                let places = i
                    .rows
                    .iter()
                    .map(|r| match r.line {
                        Some(l) => format!("{}:{l}", r.file),
                        None => r.file.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let key = key_text(&i.key, is_account, de);
                let value = i.value.map(|v| format_number(v, 2, lang)).unwrap_or_default();
                let mark = i.is_figure.then_some(if de { " (Kennzahl)" } else { " (the figure)" });
                view! {
                    <tr class:is-figure=i.is_figure data-figure=i.is_figure.then_some("1")>
                        <th scope="row">{key}</th>
                        <td data-value=i.contribution.map(|c| c.to_string())>{shown(i.contribution)}</td>
                        <td data-value=i.value.map(|v| v.to_string())>{value}{mark}</td>
                        <td>{places}</td>
                    </tr>
                }
            })
            .collect_view();
        let count_text = match (de, matching > SHOWN) {
            (true, true) => {
                format!("{SHOWN} von {matching} Zeilen gezeigt (Download: alle {}).", t.items.len())
            }
            (false, true) => {
                format!("Showing {SHOWN} of {matching} rows (download: all {}).", t.items.len())
            }
            (true, false) => format!("{matching} von {} Einträgen.", t.count),
            (false, false) => format!("{matching} of {} entries.", t.count),
        };
        let capped = (t.count > t.items.len()).then(|| {
            if de {
                format!(
                    "Nur die größten {} von {} Einträgen wurden geladen.",
                    t.items.len(),
                    t.count
                )
            } else {
                format!("Only the largest {} of {} entries were loaded.", t.items.len(), t.count)
            }
        });
        let total_cell = view! {
            <td data-testid="drill-total" data-value=t.total.map(|v| v.to_string())>{shown(t.total)}</td>
        };
        let n = t.denominator.map(|d| format_number(d, 2, lang)).unwrap_or_default();
        let foot = match t.combine {
            Combine::Sum => {
                let label = if de { "Summe der Beiträge" } else { "Sum of contributions" };
                let den = t.denominator.map(|_| {
                    if de {
                        format!("Nenner: {n}")
                    } else {
                        format!("Denominator: {n}")
                    }
                });
                view! {
                    <tr><th scope="row">{label}</th>{total_cell}<td></td><td data-testid="drill-denominator">{den}</td></tr>
                }
                .into_any()
            }
            Combine::PerUnit => {
                let sum: f64 = t.items.iter().filter_map(|i| i.contribution).sum();
                let label = if de {
                    format!("Summe der Beiträge {} ÷ {n}", shown(Some(sum)))
                } else {
                    format!("Sum of contributions {} ÷ {n}", shown(Some(sum)))
                };
                view! {
                    <tr><th scope="row">{label}</th>{total_cell}<td></td><td data-testid="drill-denominator">{n.clone()}</td></tr>
                }
                .into_any()
            }
            Combine::Rank => {
                let label = if de {
                    "Median bzw. Perzentil: kein additiver Beitrag; markiert ist der Eintrag, dessen Wert die Kennzahl ist."
                } else {
                    "A median or percentile has no additive contribution: the marked entry's value is the figure."
                };
                view! { <tr><td colspan="2" data-testid="drill-median">{label}</td>{total_cell}<td></td></tr> }
                    .into_any()
            }
        };
        let items = t.items.clone();
        let file = file_name(kpi, period, cohort, file_account.as_deref(), de);
        let download = move |_| {
            crate::browser::download(&file, "text/csv;charset=utf-8", csv(&items).as_bytes())
        };
        Some(
            view! {
                <div class="drill-tools">
                    <label>
                        {if de { "Suchen" } else { "Search" }}" "
                        <input type="search" data-testid="drill-search"
                            prop:value=move || query.get()
                            on:input=move |e| query.set(event_target_value(&e)) />
                    </label>
                    <button type="button" class="button" data-testid="drill-csv" on:click=download>
                        {if de { "Als CSV herunterladen" } else { "Download as CSV" }}
                    </button>
                </div>
                <p aria-live="polite" data-testid="drill-count">{count_text}</p>
                {capped.map(|c| view! { <p>{c}</p> })}
                <table class="numbers drill" data-testid="drill-table">
                    <caption>{if de { "Zeilen hinter dieser Zahl" } else { "Rows behind this figure" }}</caption>
                    <thead><tr>
                        {header(SortBy::Key, "Kunde / Ticket / Deal", "Customer / ticket / deal")}
                        {header(SortBy::Contribution, "Beitrag", "Contribution")}
                        <th scope="col">{if de { "Wert" } else { "Value" }}</th>
                        {header(SortBy::Place, "Datei: Zeile", "File: line")}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot>{foot}</tfoot>
                </table>
            }
            .into_any(),
        )
    };
    view! {
        <section class="drill-rows" data-testid=testid aria-labelledby=head_id.clone()>
            <h3 id=head_id.clone()>{move || match (de(), cohort, &title_account) {
                (true, _, Some(a)) => format!("Zeilen hinter dem Gesundheitswert von {a}"),
                (false, _, Some(a)) => format!("Rows behind {a}'s health score"),
                (true, Some((f, k)), None) => format!("Zeilen hinter der Kohorte {f}, Monat {k}"),
                (false, Some((f, k)), None) => format!("Rows behind cohort {f}, month {k}"),
                (true, None, None) if auto => format!("Zeilen hinter {}, {}", kpi.name(true), period.label()),
                (false, None, None) if auto => format!("Rows behind {}, {}", kpi.name(false), period.label()),
                (true, None, None) => "Zeilen hinter dieser Zahl".to_string(),
                (false, None, None) => "Rows behind this figure".to_string(),
            }}</h3>
            <Show when=move || answer.get().is_none()>
                <button type="button" class="button" data-testid="drill-open" on:click=move |_| open() disabled=move || loading.get()>
                    {move || match (de(), loading.get()) {
                        (true, false) => "Zeilen anzeigen",
                        (false, false) => "Show the rows",
                        (true, true) => "Suche die Zeilen …",
                        (false, true) => "Finding the rows …",
                    }}
                </button>
            </Show>
            {table}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Place;

    fn line(key: &str, c: Option<f64>, file: &str, l: u32) -> DrillLine {
        DrillLine {
            key: key.into(),
            contribution: c,
            value: None,
            is_figure: false,
            rows: vec![Place { file: file.into(), line: Some(l) }],
        }
    }

    #[test]
    fn search_filters_by_key_or_file_and_sort_orders_each_column() {
        let items = [
            line("K2", Some(5.0), "b.csv", 9),
            line("K10", Some(20.0), "a.csv", 3),
            line("x", Some(-1.0), "a.csv", 2),
        ];
        let keys = |v: Vec<DrillLine>| v.into_iter().map(|i| i.key).collect::<Vec<_>>();
        assert_eq!(keys(arrange(&items, "", SortBy::Contribution, true)), ["K10", "K2", "x"]);
        assert_eq!(keys(arrange(&items, "", SortBy::Key, false)), ["K10", "K2", "x"]);
        assert_eq!(keys(arrange(&items, "", SortBy::Place, false)), ["x", "K10", "K2"]);
        assert_eq!(keys(arrange(&items, "k", SortBy::Key, true)), ["K2", "K10"]);
        assert_eq!(keys(arrange(&items, "A.CSV", SortBy::Contribution, false)), ["x", "K10"]);
    }

    #[test]
    fn a_cohort_cells_file_is_named_after_the_cell() {
        let m = Month::from_ym(2025, 3).unwrap_or_else(|| panic!("month"));
        let p = Period::Month(m);
        assert_eq!(file_name(Kpi::Mrr, p, None, None, false), "kennzahl-mrr-2025-03-rows.csv");
        assert_eq!(
            file_name(Kpi::HealthScore, p, None, Some("K 1/x"), false),
            "kennzahl-health-K_1_x-rows.csv"
        );
        let jan = Month::from_ym(2025, 1).unwrap_or_else(|| panic!("month"));
        assert_eq!(
            file_name(Kpi::Mrr, p, Some((jan, 2)), None, true),
            "kennzahl-cohort-2025-01+2-zeilen.csv"
        );
    }

    #[test]
    fn csv_puts_the_contribution_on_the_first_row_and_neutralises_formulas() {
        let mut two = line("=1+1", Some(2.5), "a,b.csv", 4);
        two.rows.push(Place { file: "a,b.csv".into(), line: Some(7) });
        let mut median = line("T1", None, "s", 1);
        median.value = Some(42.5);
        median.is_figure = true;
        let text = csv(&[two, median]);
        assert_eq!(
            text,
            "\u{feff}key,contribution,file,line,value,figure\n'=1+1,2.5,\"a,b.csv\",4,,\n'=1+1,,\"a,b.csv\",7,,\nT1,,s,1,42.5,1\n"
        );
    }

    #[test]
    fn an_accounts_parts_are_named_in_the_users_language() {
        assert_eq!(key_text("frequency", true, true), "Nutzungstage");
        assert_eq!(key_text("frequency", true, false), "active days");
        assert_eq!(key_text("frequency", false, false), "frequency");
        assert_eq!(key_text("", false, true), "–");
    }
}
