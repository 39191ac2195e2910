//! `kennzahl-site DIST`: writes the static KPI pages, `sitemap.xml` and `robots.txt` into the
//! built `DIST/` (after `trunk build` and `tools/postbuild.py`, before precompression).
//! `KZ_SITE_URL` (e.g. `https://example.com/kpi/`) makes canonical, hreflang, Open Graph and
//! sitemap URLs absolute; without it they are relative to the page.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dist = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "dist".to_string()));
    let base = site::Base::new(std::env::var("KZ_SITE_URL").ok().as_deref());
    match run(&dist, &base) {
        Ok(n) => {
            let how = if base.is_absolute() {
                "absolute URLs from KZ_SITE_URL".to_string()
            } else {
                "relative URLs; set KZ_SITE_URL for absolute ones".to_string()
            };
            println!("static pages: {n} KPI pages, sitemap.xml, robots.txt written ({how})");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kennzahl-site: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dist: &std::path::Path, base: &site::Base) -> Result<usize, Box<dyn std::error::Error>> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let shell = site::Shell::from_index(&html)?;
    let pages = site::pages();
    for (def, lang, file) in &pages {
        std::fs::write(dist.join(file), site::render_page(def, *lang, &shell, base))?;
    }
    // The pages' loader waits for their first paint; servers send csp.txt as a header, so it
    // must allow that loader too.
    if let Some(hash) = shell.loader_hash() {
        let csp = dist.join("csp.txt");
        if let Ok(policy) = std::fs::read_to_string(&csp) {
            std::fs::write(&csp, site::allow_in_csp(&policy, hash))?;
        }
    }
    std::fs::write(dist.join("sitemap.xml"), site::sitemap(base))?;
    std::fs::write(dist.join("robots.txt"), site::robots(base))?;
    Ok(pages.len())
}
