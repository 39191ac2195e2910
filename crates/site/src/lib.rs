//! Static KPI pages, one per KPI and language, rendered natively from the `kpi` registry after
//! the wasm build (`./dev build` runs `kennzahl-site DIST`).
//!
//! Each page is readable with JavaScript off: title, meta description, canonical URL, hreflang
//! pairs (de, en, x-default), Open Graph and Twitter card tags, JSON-LD (schema.org
//! `WebApplication` about a `DefinedTerm`, citing the source articles), and in the body the
//! KPI's name, the worked example (the registry's default inputs evaluated with
//! [`kpi::evaluate`], formatted with [`kpi::show`] like the app), the formula, explanation,
//! bands and sources. The page's `<head>` is the built `index.html`'s (its CSS, CSP and module
//! loader), so the app loads on the page and mounts in place: the body carries
//! `data-kz-kpi` and `data-kz-lang`, which the app reads when the query string names no page,
//! and the static markup uses the calculator's structure and classes (`.app`, `.topbar`,
//! `.page.calculator`, `.calc-grid`, `.card`), marked `data-kz-static` so the app removes it in
//! the same task as it mounts.
//!
//! Pages live beside `index.html` (`nps-en.html`), so every relative asset URL of the head
//! stays right and no server needs rewrites. URLs in canonical, hreflang, Open Graph and the
//! sitemap are absolute when a base URL is given (`KZ_SITE_URL`, e.g.
//! `https://example.com/kpi/`), else relative to the page.

#![deny(missing_docs)]

mod html;
mod page;
mod words;

pub use html::escape;
pub use page::{render_page, Example};

use kpi::{KpiDef, Lang};

/// Both languages, German first.
pub const LANGS: [Lang; 2] = [Lang::De, Lang::En];

/// The file name of a KPI's static page in `lang`: `nps-en.html`, beside `index.html`.
pub fn page_file(id: &str, lang: Lang) -> String {
    format!("{id}-{}.html", lang.code())
}

/// Where the pages are published, for absolute URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    url: String,
}

impl Base {
    /// From `KZ_SITE_URL`'s value: an `http(s)://` URL of the folder holding `index.html`
    /// (a missing final `/` is added). Empty or anything else gives relative URLs.
    pub fn new(url: Option<&str>) -> Base {
        let url = url.map(str::trim).unwrap_or("");
        if url.starts_with("https://") || url.starts_with("http://") {
            let mut url = url.to_string();
            if !url.ends_with('/') {
                url.push('/');
            }
            Base { url }
        } else {
            Base { url: String::new() }
        }
    }

    /// Whether URLs are absolute.
    pub fn is_absolute(&self) -> bool {
        !self.url.is_empty()
    }

    /// The URL of a file of `dist/` (`nps-en.html`, `./`).
    pub fn url(&self, file: &str) -> String {
        let file = file.trim_start_matches("./");
        if self.url.is_empty() {
            if file.is_empty() {
                "./".to_string()
            } else {
                file.to_string()
            }
        } else {
            format!("{}{file}", self.url)
        }
    }
}

/// The head of the built `index.html`, without its title and description: the charset, the
/// Content-Security-Policy, viewport, CSS links, the module loader and preloads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shell {
    head: String,
}

/// Why `index.html` cannot serve as the pages' shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShellError {
    /// No `<head>…</head>` found.
    NoHead,
}

impl std::fmt::Display for ShellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShellError::NoHead => write!(f, "index.html has no <head>…</head>"),
        }
    }
}

impl std::error::Error for ShellError {}

impl Shell {
    /// Takes the `<head>` of the built `index.html`, dropping its `<title>` and
    /// `<meta name="description">` (each page writes its own). Every other tag is kept as it
    /// is, so a changed loader (script or link tags) needs no change here.
    pub fn from_index(index_html: &str) -> Result<Shell, ShellError> {
        let start = index_html.find("<head>").ok_or(ShellError::NoHead)? + "<head>".len();
        let end = index_html[start..].find("</head>").ok_or(ShellError::NoHead)? + start;
        let mut head = index_html[start..end].to_string();
        head = html::remove_element(&head, "<title>", "</title>");
        head = html::remove_tag(&head, "<meta name=\"description\"");
        Ok(Shell { head })
    }

    /// The kept head.
    pub fn head(&self) -> &str {
        &self.head
    }
}

/// Every page of the site: (KPI, language, file name), in registry order, German first.
pub fn pages() -> Vec<(&'static KpiDef, Lang, String)> {
    kpi::registry()
        .iter()
        .flat_map(|def| LANGS.iter().map(move |&lang| (def, lang, page_file(def.id, lang))))
        .collect()
}

/// `sitemap.xml`: the app's start page and every KPI page, each with its language alternates.
pub fn sitemap(base: &Base) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    out.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&base.url("./"))));
    for (def, _, file) in pages() {
        out.push_str(&format!("  <url><loc>{}</loc>", escape(&base.url(&file))));
        for alt in LANGS {
            out.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                alt.code(),
                escape(&base.url(&page_file(def.id, alt)))
            ));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled; names the sitemap when URLs are absolute.
pub fn robots(base: &Base) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if base.is_absolute() {
        out.push_str(&format!("\nSitemap: {}\n", base.url("sitemap.xml")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_only_for_http_urls() {
        let b = Base::new(Some("https://example.com/kpi"));
        assert_eq!(b.url("nps-en.html"), "https://example.com/kpi/nps-en.html");
        assert_eq!(b.url("./"), "https://example.com/kpi/");
        let rel = Base::new(None);
        assert_eq!(rel.url("nps-en.html"), "nps-en.html");
        assert_eq!(rel.url("./"), "./");
        assert!(!Base::new(Some("javascript:alert(1)")).is_absolute());
        assert!(!Base::new(Some("")).is_absolute());
    }

    #[test]
    fn the_shell_keeps_the_loader_and_drops_title_and_description() {
        let index = "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>Kennzahl</title>\n  <meta name=\"description\" content=\"x\">\n<script type=\"module\">import init from './a.js';</script>\n  <link rel=\"stylesheet\" href=\"./main-1.css\"/>\n</head>\n<body></body></html>";
        let shell = Shell::from_index(index);
        let head = shell.as_ref().map(|s| s.head()).unwrap_or("");
        assert!(head.contains("<script type=\"module\">import init from './a.js';</script>"));
        assert!(head.contains("href=\"./main-1.css\""));
        assert!(head.contains("<meta charset=\"utf-8\">"));
        assert!(!head.contains("<title>"));
        assert!(!head.contains("description"));
        assert_eq!(Shell::from_index("<html></html>"), Err(ShellError::NoHead));
    }

    #[test]
    fn every_kpi_has_a_page_in_each_language_and_the_sitemap_lists_them() {
        let pages = pages();
        assert_eq!(pages.len(), kpi::registry().len() * 2);
        assert_eq!(pages.len(), 84);
        let sitemap = sitemap(&Base::new(Some("https://example.com/")));
        for (_, _, file) in &pages {
            assert!(sitemap.contains(&format!("<loc>https://example.com/{file}</loc>")), "{file}");
        }
        assert_eq!(sitemap.matches("<url>").count(), 85);
        assert!(robots(&Base::new(Some("https://example.com/")))
            .contains("Sitemap: https://example.com/sitemap.xml"));
        assert!(!robots(&Base::new(None)).contains("Sitemap"));
    }
}
