//! "Rows behind this figure" in a KPI's detail view: the customers (tickets, deals, answers)
//! with their contribution and file and line, from the worker's `analytics::drill`;
//! sortable, searchable, downloadable as formula-safe CSV.

use super::format;
use crate::data::use_data;
use crate::protocol::{DrillLine, DrillTable, Failure};
use crate::state::use_app;
use analytics::{Kpi, Period};
use leptos::prelude::*;
use locale::Lang;
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

/// `key,contribution,file,line`, one line per row, the contribution on an item's first row
/// only (so the column adds up to the figure), cells neutralised against formulas, with a
/// byte-order mark so Excel reads umlauts.
pub fn csv(items: &[DrillLine]) -> String {
    let cell = |s: &str| {
        let s = ingest::csv_safe::neutralise(s);
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let mut out = String::from("\u{feff}key,contribution,file,line\n");
    for i in items {
        for (n, r) in i.rows.iter().enumerate() {
            let c = match i.contribution {
                Some(c) if n == 0 => c.to_string(),
                _ => String::new(),
            };
            let line = r.line.map(|l| l.to_string()).unwrap_or_default();
            out.push_str(&format!("{},{c},{},{line}\n", cell(&i.key), cell(&r.file)));
        }
    }
    out
}

/// The CSV's file name: `kennzahl-mrr-2025-03-rows.csv`, for a cohort cell
/// `kennzahl-cohort-2025-01+3-rows.csv`.
pub fn file_name(kpi: Kpi, period: Period, cohort: Option<(Month, u32)>, de: bool) -> String {
    let what = match cohort {
        Some((first, since)) => format!("cohort-{first}+{since}"),
        None => format!("{}-{}", kpi.id(), period.key()),
    };
    format!("kennzahl-{what}-{}.csv", if de { "zeilen" } else { "rows" })
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
) -> impl IntoView {
    let state = use_app();
    let data = use_data();
    let answer: RwSignal<Option<Result<Option<DrillTable>, Failure>>> = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new((SortBy::Contribution, true));
    let de = move || state.lang.get() == Lang::De;
    let open = move || {
        loading.set(true);
        data.drill(kpi, period, cohort, move |a| {
            loading.try_set(false);
            answer.try_set(Some(a));
        });
    };
    if cohort.is_some() {
        open();
    }
    let (testid, head_id) =
        if cohort.is_some() { ("cohort-drill", "cohort-drill-h") } else { ("drill", "drill-h") };
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
        let t =
            match answer.get()? {
                Err(f) => return Some(
                    view! { <p class="error" role="alert">{crate::i18n::failure(&f, lang)}</p> }
                        .into_any(),
                ),
                Ok(None) => {
                    let none = if de {
                        "Keine Zeilen für diese Zahl (mit einem Filter „Nur“ noch nicht verfügbar)."
                    } else {
                        "No rows for this figure (not yet with an \"Only\" filter)."
                    };
                    return Some(view! { <p data-testid="drill-none">{none}</p> }.into_any());
                }
                Ok(Some(t)) => t,
            };
        let unit = kpi.unit();
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
                let key = if i.key.is_empty() { "–".to_string() } else { i.key.clone() };
                view! {
                    <tr>
                        <th scope="row">{key}</th>
                        <td data-value=i.contribution.map(|c| c.to_string())>{shown(i.contribution)}</td>
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
        let foot = if t.additive {
            let label = if de { "Summe der Beiträge" } else { "Sum of contributions" };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td data-testid="drill-total" data-value=t.total.map(|v| v.to_string())>{shown(t.total)}</td>
                    <td></td>
                </tr>
            }
            .into_any()
        } else {
            let label = if de {
                "Ein Median hat keinen additiven Beitrag: die Zeilen, deren Median er ist."
            } else {
                "A median has no additive contribution: the rows it is the median of."
            };
            view! { <tr><td colspan="3" data-testid="drill-median">{label}</td></tr> }.into_any()
        };
        let items = t.items.clone();
        let file = file_name(kpi, period, cohort, de);
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
        <section class="drill-rows" data-testid=testid aria-labelledby=head_id>
            <h3 id=head_id>{move || match (de(), cohort) {
                (true, None) => "Zeilen hinter dieser Zahl".to_string(),
                (false, None) => "Rows behind this figure".to_string(),
                (true, Some((f, k))) => format!("Zeilen hinter der Kohorte {f}, Monat {k}"),
                (false, Some((f, k))) => format!("Rows behind cohort {f}, month {k}"),
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
        assert_eq!(file_name(Kpi::Mrr, p, None, false), "kennzahl-mrr-2025-03-rows.csv");
        let jan = Month::from_ym(2025, 1).unwrap_or_else(|| panic!("month"));
        assert_eq!(
            file_name(Kpi::Mrr, p, Some((jan, 2)), true),
            "kennzahl-cohort-2025-01+2-zeilen.csv"
        );
    }

    #[test]
    fn csv_puts_the_contribution_on_the_first_row_and_neutralises_formulas() {
        let mut two = line("=1+1", Some(2.5), "a,b.csv", 4);
        two.rows.push(Place { file: "a,b.csv".into(), line: Some(7) });
        let text = csv(&[two, line("K1", None, "s", 1)]);
        assert_eq!(
            text,
            "\u{feff}key,contribution,file,line\n'=1+1,2.5,\"a,b.csv\",4\n'=1+1,,\"a,b.csv\",7\nK1,,s,1\n"
        );
    }
}
