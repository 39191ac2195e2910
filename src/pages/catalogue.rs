//! Every KPI of the registry grouped by category, with a search over German and English
//! names, abbreviations and descriptions. Keyboard: type to filter, arrows to move, Enter
//! to open.

use crate::{browser, components::link::Link, i18n::tr, route::Route, state::use_app};
use kpi::{Category, KpiDef};
use leptos::prelude::*;

/// Lowercase with umlauts folded, so "abwanderung", "Abwanderung" and "uberblick" match.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            '-' | '_' | '/' => ' ',
            c => c,
        })
        .collect()
}

/// True when every word of `query` occurs in one of the KPI's texts (either language).
pub fn matches(def: &KpiDef, query: &str) -> bool {
    let q = fold(query);
    let haystack = fold(
        &[
            def.id,
            def.name.de,
            def.name.en,
            def.abbr.de,
            def.abbr.en,
            def.description.de,
            def.description.en,
            def.category.name().de,
            def.category.name().en,
        ]
        .join(" "),
    );
    q.split_whitespace().all(|word| haystack.contains(word))
}

/// The catalogue page.
#[component]
pub fn Catalogue() -> impl IntoView {
    let state = use_app();
    let query = RwSignal::new(String::new());
    let s = move || tr(state.lang.get());
    let kl = move || state.lang.get();
    let hits = Memo::new(move |_| {
        let q = query.get();
        kpi::registry().iter().filter(|d| matches(d, &q)).map(|d| d.id).collect::<Vec<_>>()
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            browser::move_focus(".kpi-link", 1);
        }
        "ArrowUp" => {
            ev.prevent_default();
            browser::move_focus(".kpi-link", -1);
        }
        "Enter" if browser::active_is_input() => {
            if let Some(first) = hits.get_untracked().first() {
                ev.prevent_default();
                state.navigate(Route::Kpi {
                    id: first.to_string(),
                    variant: None,
                    values: Default::default(),
                });
            }
        }
        _ => {}
    };
    view! {
        <section class="page catalogue" on:keydown=on_key>
            <header class="page-head">
                <h1>{move || s().catalogue_title}</h1>
                <p class="lead">{move || s().catalogue_intro}</p>
            </header>
            <div class="search">
                <label for="kpi-search">{move || s().search_label}</label>
                <input
                    id="kpi-search"
                    type="search"
                    autocomplete="off"
                    placeholder=move || s().search_placeholder
                    aria-describedby="kpi-search-hint"
                    aria-controls="kpi-groups"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <p class="hint" id="kpi-search-hint">{move || s().search_hint}</p>
                <p class="hint" role="status" data-testid="hit-count">
                    {move || format!("{} {}", hits.get().len(), s().results_count)}
                </p>
            </div>
            <div id="kpi-groups">
                {move || {
                    let ids = hits.get();
                    if ids.is_empty() {
                        return view! { <p class="empty">{s().no_results}</p> }.into_any();
                    }
                    Category::ALL
                        .iter()
                        .filter_map(|cat| {
                            let defs: Vec<&'static KpiDef> = kpi::registry()
                                .iter()
                                .filter(|d| d.category == *cat && ids.contains(&d.id))
                                .collect();
                            (!defs.is_empty()).then(|| {
                                let heading = format!("cat-{}", cat.id());
                                let labelled_by = heading.clone();
                                view! {
                                    <section class="cat" aria-labelledby=labelled_by>
                                        <h2 id=heading>{cat.name().get(kl())}</h2>
                                        <ul class="kpi-list">
                                            {defs.into_iter().map(|d| kpi_item(d, kl())).collect_view()}
                                        </ul>
                                    </section>
                                }
                            })
                        })
                        .collect_view()
                        .into_any()
                }}
            </div>
        </section>
    }
}

fn kpi_item(def: &'static KpiDef, kl: kpi::Lang) -> impl IntoView {
    let route = Route::Kpi { id: def.id.into(), variant: None, values: Default::default() };
    view! {
        <li>
            <Link route=route class="kpi-link">
                <span class="kpi-name">{def.name.get(kl)}</span>
                <span class="abbr">{def.abbr.get(kl)}</span>
                <span class="kpi-desc">{def.description.get(kl)}</span>
            </Link>
            // The KPI's static page (crates/site): readable without the app, found by search.
            <a class="kpi-page" href=site::page_file(def.id, kl) hreflang=kl.code()>
                {format!("{} – {}", def.abbr.get(kl), tr(kl).page_link)}
            </a>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(query: &str) -> Vec<&'static str> {
        kpi::registry().iter().filter(|d| matches(d, query)).map(|d| d.id).collect()
    }

    #[test]
    fn search_finds_kpis_in_both_languages() {
        assert!(ids("churn").contains(&"churn_rate"));
        assert!(ids("Abwanderung").contains(&"churn_rate"));
        assert!(ids("NPS").contains(&"nps"));
        assert!(ids("").len() == kpi::registry().len());
        assert!(ids("zzzz-nothing").is_empty());
    }
}
