//! The pages, read from and written to the URL query string.

use std::collections::BTreeMap;

/// Query keys that are not calculator inputs.
pub const RESERVED_KEYS: [&str; 8] =
    ["page", "kpi", "v", "lang", "cur", "embed", "compact", "parent"];

/// One page of the app, with what its URL carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// The list of every KPI.
    Catalogue,
    /// The calculator of one KPI, with the variant and raw input texts from the URL.
    Kpi {
        /// KPI id from the registry.
        id: String,
        /// Variant id, if the URL names one.
        variant: Option<String>,
        /// Raw input texts by input id, as typed by whoever made the link.
        values: BTreeMap<String, String>,
    },
    /// What is stored, where, and how to delete it.
    Privacy,
    /// Drop, pick or paste files; map columns; see the row accounting.
    Import,
    /// KPIs from the user's files.
    Dashboard,
    /// Projections and scenarios (`?page=whatif`; the page reads its own keys, see
    /// `pages::whatif::link`).
    WhatIf,
    /// Printable quarterly report (`q` = `2025-Q3`; latest quarter when absent).
    Report {
        /// Quarter label, e.g. `2025-Q3`.
        quarter: Option<String>,
    },
}

/// The KPI the app opens with when the URL names no page.
pub const HOME_KPI: &str = "sales_velocity";

impl Route {
    /// A page of the workbench module (it needs imported data or the import itself); the
    /// others are in the calculator module too. index.html's loader makes the same choice
    /// from the query string (`page=import|dashboard|whatif|report`).
    pub fn is_workbench(&self) -> bool {
        matches!(self, Route::Import | Route::Dashboard | Route::WhatIf | Route::Report { .. })
    }

    /// Parses a query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> Route {
        let pairs = parse_query(query);
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        match get("page").as_deref() {
            Some("catalogue") => return Route::Catalogue,
            Some("privacy") => return Route::Privacy,
            Some("import") => return Route::Import,
            Some("dashboard") => return Route::Dashboard,
            Some("whatif") => return Route::WhatIf,
            Some("report") => return Route::Report { quarter: get("q") },
            _ => {}
        }
        let id = get("kpi").unwrap_or_else(|| HOME_KPI.to_string());
        // Inserted one by one (a later pair wins, as with `collect`): `BTreeMap`'s
        // `FromIterator` sorts first and brings std's stable sort into the calculator's wasm.
        let mut values = BTreeMap::new();
        for (k, v) in pairs.iter().filter(|(k, _)| !RESERVED_KEYS.contains(&k.as_str())) {
            values.insert(k.clone(), v.clone());
        }
        Route::Kpi { id, variant: get("v"), values }
    }

    /// The query string (with `?`) that opens this page; `keep` are reserved pairs to carry
    /// over (language, currency, embed).
    pub fn to_query(&self, keep: &[(&str, String)]) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        match self {
            Route::Catalogue => pairs.push(("page".into(), "catalogue".into())),
            Route::Privacy => pairs.push(("page".into(), "privacy".into())),
            Route::Import => pairs.push(("page".into(), "import".into())),
            Route::Dashboard => pairs.push(("page".into(), "dashboard".into())),
            Route::WhatIf => pairs.push(("page".into(), "whatif".into())),
            Route::Report { quarter } => {
                pairs.push(("page".into(), "report".into()));
                if let Some(q) = quarter {
                    pairs.push(("q".into(), q.clone()));
                }
            }
            Route::Kpi { id, variant, values } => {
                pairs.push(("kpi".into(), id.clone()));
                if let Some(v) = variant {
                    pairs.push(("v".into(), v.clone()));
                }
                pairs.extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        pairs.extend(keep.iter().map(|(k, v)| (k.to_string(), v.clone())));
        let encoded: Vec<String> =
            pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        format!("?{}", encoded.join("&"))
    }
}

/// The query the app reads on a static KPI page (`crates/site`), whose `<body>` names a KPI
/// and a language (`page`): the address bar's query with `kpi` and `lang` in front, unless it
/// names a page or KPI itself (share links and embeds on such a page keep their meaning).
/// Without `page` the query is returned as it is.
pub fn with_static_page(query: &str, page: Option<(String, String)>) -> String {
    let Some((kpi, lang)) = page else {
        return query.to_string();
    };
    let pairs = parse_query(query);
    if pairs.iter().any(|(k, _)| k == "page" || k == "kpi") || kpi.is_empty() {
        return query.to_string();
    }
    let mut out = format!("?kpi={}", encode(&kpi));
    if locale::Lang::from_code(&lang).is_some() && !pairs.iter().any(|(k, _)| k == "lang") {
        out.push_str(&format!("&lang={}", encode(&lang)));
    }
    for (k, v) in pairs {
        out.push_str(&format!("&{}={}", encode(&k), encode(&v)));
    }
    out
}

/// `query` with `lang=` and `cur=` set to `lang` and `currency` (replacing every such pair,
/// the rest kept in order): where a one-language calculator module loads the page again in
/// the other language, keeping the currency even when the address bar does not show it yet.
pub fn with_lang(query: &str, lang: locale::Lang, currency: locale::Currency) -> String {
    let mut pairs: Vec<String> = parse_query(query)
        .into_iter()
        .filter(|(k, _)| k != "lang" && k != "cur")
        .map(|(k, v)| format!("{}={}", encode(&k), encode(&v)))
        .collect();
    pairs.push(format!("lang={}", lang.code()));
    pairs.push(format!("cur={}", currency.code()));
    format!("?{}", pairs.join("&"))
}

/// The value of `key` in a query string (the first, if it occurs twice).
pub fn query_value(query: &str, key: &str) -> Option<String> {
    parse_query(query).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// True when `query` asks for the embedded widget (`embed=1` or `embed=true`).
pub fn is_embed(query: &str) -> bool {
    flag(query_value(query, "embed").as_deref())
}

/// A yes/no query value: `1` and `true` are yes, anything else (or absence) is no.
pub fn flag(value: Option<&str>) -> bool {
    matches!(value, Some("1" | "true"))
}

/// Splits `a=1&b=x%20y` into decoded pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+`; invalid escapes stay as they are, invalid UTF-8 is replaced.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_through_the_query() {
        let route = Route::Kpi {
            id: "churn_rate".into(),
            variant: Some("b".into()),
            values: [("lost".to_string(), "2".to_string()), ("start".into(), "1.000,5 €".into())]
                .into_iter()
                .collect(),
        };
        let query = route.to_query(&[("lang", "en".into())]);
        assert_eq!(query, "?kpi=churn_rate&v=b&lost=2&start=1.000%2C5%20%E2%82%AC&lang=en");
        assert_eq!(Route::from_query(&query), route);
        assert_eq!(Route::from_query("?page=catalogue"), Route::Catalogue);
        // The loader in index.html picks the module by the same rule.
        let workbench: Vec<bool> = [
            "?page=import",
            "?page=dashboard",
            "?page=whatif",
            "?page=report&q=2025-Q1",
            "?page=catalogue",
            "?page=privacy",
            "?kpi=nps",
            "",
            "?page=nonsense",
        ]
        .iter()
        .map(|q| Route::from_query(q).is_workbench())
        .collect();
        assert_eq!(workbench, [true, true, true, true, false, false, false, false, false]);
        for route in [
            Route::Import,
            Route::Dashboard,
            Route::WhatIf,
            Route::Report { quarter: Some("2025-Q3".into()) },
        ] {
            assert_eq!(Route::from_query(&route.to_query(&[])), route);
        }
        assert_eq!(
            Route::from_query(""),
            Route::Kpi { id: HOME_KPI.into(), variant: None, values: BTreeMap::new() }
        );
    }

    #[test]
    fn a_static_page_names_the_kpi_unless_the_query_does() {
        let page = || Some(("nps".to_string(), "en".to_string()));
        assert_eq!(with_static_page("", page()), "?kpi=nps&lang=en");
        assert_eq!(with_static_page("?promoters=5", page()), "?kpi=nps&lang=en&promoters=5");
        assert_eq!(with_static_page("?lang=de", page()), "?kpi=nps&lang=de");
    }

    #[test]
    fn with_lang_replaces_the_language_and_keeps_the_rest() {
        use locale::{Currency, Lang};
        assert_eq!(with_lang("", Lang::De, Currency::Eur), "?lang=de&cur=EUR");
        assert_eq!(
            with_lang("?kpi=nps&lang=en&promoters=5&cur=GBP&lang=en", Lang::De, Currency::Chf),
            "?kpi=nps&promoters=5&lang=de&cur=CHF"
        );
        assert_eq!(
            with_lang("?embed=1&start=1.000%2C5", Lang::En, Currency::Usd),
            "?embed=1&start=1.000%2C5&lang=en&cur=USD"
        );
    }

    #[test]
    fn embed_and_other_flags_are_one_or_true() {
        assert!(is_embed("?kpi=nps&embed=1"));
        assert!(is_embed("embed=true&lang=de"));
        assert!(!is_embed("?embed=0"));
        assert!(!is_embed("?embed"));
        assert!(!is_embed("?kpi=nps"));
        assert_eq!(query_value("?a=1&b=x%20y&b=2", "b").as_deref(), Some("x y"));
    }

    #[test]
    fn hostile_queries_do_not_panic() {
        for q in
            ["%", "%e", "%zz", "a=%", "=&=&", "kpi=%ff%fe", "v", "&&&", "%E2%82", "%ä€", "x=%€1"]
        {
            let _ = Route::from_query(q);
        }
        assert_eq!(decode("%zz+1"), "%zz 1");
        assert_eq!(decode("100%"), "100%");
    }
}
