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
    loader_hash: Option<String>,
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
        // The page is readable before the app: no preloads competing with its first paint.
        while head.contains("<link rel=\"modulepreload\"") {
            head = html::remove_tag(&head, "<link rel=\"modulepreload\"");
        }
        while head.contains("<link rel=\"preload\"") {
            head = html::remove_tag(&head, "<link rel=\"preload\"");
        }
        let mut loader_hash = None;
        if let Some((body_start, body_end)) = html::inline_module(&head) {
            let body = defer_start(&head[body_start..body_end]);
            let hash = csp_hash(&body);
            head = format!("{}{body}{}", &head[..body_start], &head[body_end..]);
            head = head.replacen("'wasm-unsafe-eval'", &format!("'wasm-unsafe-eval' {hash}"), 1);
            loader_hash = Some(hash);
        }
        Ok(Shell { head, loader_hash })
    }

    /// The CSP source (`'sha256-…'`) of the pages' loader, which `csp.txt` must allow too
    /// (servers send it as a header); `None` when `index.html` had no inline module loader.
    pub fn loader_hash(&self) -> Option<&str> {
        self.loader_hash.as_deref()
    }

    /// The kept head.
    pub fn head(&self) -> &str {
        &self.head
    }
}

/// What the pages' loader waits for before it starts the app: two frames after the first
/// paint, so the page's text is painted (its largest contentful paint) before the wasm is
/// fetched and compiled. A hidden tab starts the app when it is shown.
pub const DEFER_START: &str =
    "await new Promise((go) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(go))));";

/// The loader's text with [`DEFER_START`] after its static imports (which only fetch the
/// small JavaScript glue), before anything that starts the app.
pub fn defer_start(loader: &str) -> String {
    let mut out = String::with_capacity(loader.len() + DEFER_START.len() + 1);
    let mut inserted = false;
    let lines: Vec<&str> = loader.split_inclusive('\n').collect();
    let last_import = lines.iter().rposition(|l| l.trim_start().starts_with("import "));
    if last_import.is_none() {
        out.push_str(DEFER_START);
        out.push('\n');
        inserted = true;
    }
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if !inserted && Some(i) == last_import {
            if !line.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(DEFER_START);
            out.push('\n');
            inserted = true;
        }
    }
    out
}

/// The CSP source for an inline script's text: `'sha256-BASE64'`.
pub fn csp_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// `csp.txt` with `hash` added to its `script-src` (unchanged if it is there already).
pub fn allow_in_csp(policy: &str, hash: &str) -> String {
    if policy.contains(hash) {
        return policy.to_string();
    }
    policy.replacen("'wasm-unsafe-eval'", &format!("'wasm-unsafe-eval' {hash}"), 1)
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
        assert!(head.contains(&format!(
            "<script type=\"module\">import init from './a.js';\n{DEFER_START}\n</script>"
        )));
        assert!(head.contains("href=\"./main-1.css\""));
        assert!(head.contains("<meta charset=\"utf-8\">"));
        assert!(!head.contains("<title>"));
        assert!(!head.contains("description"));
        assert_eq!(Shell::from_index("<html></html>"), Err(ShellError::NoHead));
    }

    #[test]
    fn the_loader_waits_for_the_first_paint_and_the_csp_allows_it() {
        let loader = "\nimport init, * as b from './k.js';\nconst wasm = await init({ module_or_path: './k_bg.wasm' });\n";
        let deferred = defer_start(loader);
        assert_eq!(
            deferred,
            format!("\nimport init, * as b from './k.js';\n{DEFER_START}\nconst wasm = await init({{ module_or_path: './k_bg.wasm' }});\n")
        );
        assert_eq!(defer_start("start();"), format!("{DEFER_START}\nstart();"));
        // The hash of the empty string, as `openssl dgst -sha256 -binary | base64` gives it.
        assert_eq!(csp_hash(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
        let index = format!("<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'wasm-unsafe-eval' 'sha256-old'\">\n<script type=\"module\">{loader}</script><link rel=\"modulepreload\" href=\"./k.js\"><link rel=\"preload\" href=\"./k_bg.wasm\" as=\"fetch\"></head><body></body></html>");
        let shell = Shell::from_index(&index);
        let Ok(shell) = shell else { panic!("no shell") };
        let hash = csp_hash(&deferred);
        assert_eq!(shell.loader_hash(), Some(hash.as_str()));
        assert!(shell.head().contains(&format!("'wasm-unsafe-eval' {hash} 'sha256-old'")));
        assert!(shell.head().contains(DEFER_START));
        assert!(!shell.head().contains("preload"));
        assert_eq!(
            allow_in_csp(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-old'; style-src 'self'",
                &hash
            ),
            format!("script-src 'self' 'wasm-unsafe-eval' {hash} 'sha256-old'; style-src 'self'")
        );
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
