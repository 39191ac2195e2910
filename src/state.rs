//! App-wide state in one context: language, currency, the current page, embed mode, and
//! whether the user asked to remember settings.

use crate::{
    browser,
    route::{self, Route},
};
use leptos::prelude::*;
use locale::{Currency, Lang};

/// Storage key prefix: every key the app writes starts with it, so "forget" can find them all.
pub const STORAGE_PREFIX: &str = "kennzahl.";
const KEY_REMEMBER: &str = "kennzahl.remember";
const KEY_LANG: &str = "kennzahl.lang";
const KEY_CURRENCY: &str = "kennzahl.currency";

/// Shared state; cheap to copy (signals are handles).
#[derive(Clone, Copy)]
pub struct AppState {
    /// UI language.
    pub lang: RwSignal<Lang>,
    /// Currency for money inputs and results.
    pub currency: RwSignal<Currency>,
    /// The page the URL names.
    pub route: RwSignal<Route>,
    /// Shown chrome-less inside an iframe (`?embed=1`).
    pub embed: bool,
    /// The user asked to remember language, currency and inputs in this browser.
    pub remember: RwSignal<bool>,
    /// The language came from the URL (`?lang=`), so links keep it.
    pub lang_in_url: bool,
    /// Compact layout for small widgets (`?compact=1`).
    pub compact: bool,
    /// The embedding page's origin (`?parent=`), the only one the widget talks to.
    pub parent_origin: StoredValue<Option<String>>,
    /// This module has the workbench pages (import, dashboard, what-if, report); the
    /// calculator module (`CalcApp`) has not and opens them with a full page load.
    pub workbench: bool,
}

impl AppState {
    /// Builds the state from the URL, stored preferences (only if the user opted in) and the
    /// browser's language list (a static KPI page names its KPI and language in its body:
    /// `browser::app_query`). `workbench`: this module has the workbench pages.
    pub fn from_browser(workbench: bool) -> AppState {
        let query = browser::app_query();
        let get = |key: &str| route::query_value(&query, key);
        let embed = route::is_embed(&query);
        // Storage in an embedded frame is off by default: partitioned storage surprises users.
        let remember = !embed && browser::storage_get(KEY_REMEMBER).is_some();
        let url_lang = get("lang").and_then(|l| Lang::from_code(&l));
        let lang = url_lang
            .or_else(|| {
                remember
                    .then(|| browser::storage_get(KEY_LANG))
                    .flatten()
                    .and_then(|l| Lang::from_code(&l))
            })
            .or_else(browser::preferred_lang)
            .unwrap_or(Lang::En);
        // A one-language calculator module (issue 18) has only its language's texts; index.html's
        // loader picked it by the same rules, so this changes nothing unless they disagree.
        let lang = kpi::built_lang(lang);
        let currency = get("cur")
            .and_then(|c| Currency::from_code(&c))
            .or_else(|| {
                remember
                    .then(|| browser::storage_get(KEY_CURRENCY))
                    .flatten()
                    .and_then(|c| Currency::from_code(&c))
            })
            .unwrap_or_default();
        AppState {
            lang: RwSignal::new(lang),
            currency: RwSignal::new(currency),
            route: RwSignal::new(Route::from_query(&query)),
            embed,
            remember: RwSignal::new(remember),
            lang_in_url: url_lang.is_some(),
            compact: route::flag(get("compact").as_deref()),
            parent_origin: StoredValue::new(if embed {
                get("parent").and_then(|p| browser::origin_of(&p))
            } else {
                None
            }),
            workbench,
        }
    }

    /// Reserved query pairs every link carries: embed mode, a URL-given language, a currency
    /// other than the default.
    pub fn keep_pairs(&self) -> Vec<(&'static str, String)> {
        let mut keep = Vec::new();
        if self.lang_in_url {
            keep.push(("lang", self.lang.get_untracked().code().to_string()));
        }
        let cur = self.currency.get_untracked();
        if cur != Currency::default() {
            keep.push(("cur", cur.code().to_string()));
        }
        if self.embed {
            keep.push(("embed", "1".to_string()));
            if self.compact {
                keep.push(("compact", "1".to_string()));
            }
            if let Some(p) = self.parent_origin.get_value() {
                keep.push(("parent", p));
            }
        }
        keep
    }

    /// Opens `route` as a new history entry, without reloading the page; a workbench page
    /// from the calculator module with a full page load (index.html's loader then starts the
    /// workbench module).
    pub fn navigate(&self, route: Route) {
        if !self.workbench && route.is_workbench() {
            browser::load_query(&route.to_query(&self.keep_pairs()));
            return;
        }
        browser::push_query(&route.to_query(&self.keep_pairs()));
        self.route.set(route);
        browser::focus_main();
    }

    /// Sets the language, and stores it only if the user asked to remember settings.
    /// A calculator module built with one language's texts (`kpi::ONLY_LANG`) loads the page
    /// again with `lang=` (and the currency, `cur=`) in the query instead; index.html's loader then starts the module of
    /// that language.
    pub fn set_lang(&self, lang: Lang) {
        if self.remember.get_untracked() {
            browser::storage_set(KEY_LANG, lang.code());
        }
        if kpi::built_lang(lang) != lang {
            let currency = self.currency.get_untracked();
            browser::load_query(&route::with_lang(&browser::location_search(), lang, currency));
            return;
        }
        self.lang.set(lang);
    }

    /// Sets the currency, and stores it only if the user asked to remember settings.
    pub fn set_currency(&self, currency: Currency) {
        self.currency.set(currency);
        if self.remember.get_untracked() {
            browser::storage_set(KEY_CURRENCY, currency.code());
        }
    }

    /// Turns remembering on (storing the current settings) or off (deleting every key).
    pub fn set_remember(&self, on: bool) {
        self.remember.set(on);
        if on {
            browser::storage_set(KEY_REMEMBER, "1");
            browser::storage_set(KEY_LANG, self.lang.get_untracked().code());
            browser::storage_set(KEY_CURRENCY, self.currency.get_untracked().code());
        } else {
            browser::forget_all(STORAGE_PREFIX);
        }
    }

    /// Reads the page from the address bar again (after Back or Forward).
    pub fn follow_location(&self) {
        let route = Route::from_query(&browser::app_query());
        if !self.workbench && route.is_workbench() {
            browser::load_query(&browser::location_search());
            return;
        }
        self.route.set(route);
    }
}

/// The app state, which the `App` component provides before any page renders.
///
/// # Panics
/// When called outside the `App` component's tree. That is a programming error, not a user's
/// input: building a second state here instead would read the URL and storage again and
/// split the app into two states that do not see each other's changes.
// A missing provider is a bug in the app, so it panics (see above) instead of going on.
#[allow(clippy::expect_used)]
pub fn use_app() -> AppState {
    use_context::<AppState>()
        .expect("use_app: no AppState in context; it is provided by kennzahl::App (src/lib.rs)")
}
