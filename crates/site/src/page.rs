//! One KPI page in one language.

use crate::html::{escape, json_string};
use crate::words::{words, Words};
use crate::{page_file, Base, Shell, LANGS};
use kpi::show::{band_range, formula, quantity};
use kpi::{Direction, InputValue, KpiDef, Lang, Outcome};
use locale::Currency;

/// The worked example of a page: the registry's default inputs of the default variant,
/// evaluated, as text in the page's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Each input's label and the value as the calculator's field shows it.
    pub inputs: Vec<(String, String)>,
    /// The result with its unit (`2.000,00 € pro Tag`), or the engine's message.
    pub value: Result<String, String>,
    /// The formula with the numbers (`(100 × 3.000 € × 20 %) ÷ 30 Tage = …`), if evaluated.
    pub formula: Option<String>,
}

impl Example {
    /// The example of `def` in `lang` (money in the app's default currency).
    pub fn of(def: &KpiDef, lang: Lang) -> Example {
        Example::from_outcome(def, lang, &evaluate(def))
    }

    fn from_outcome(def: &KpiDef, lang: Lang, outcome: &Result<Outcome, kpi::KpiError>) -> Example {
        let cur = Currency::default();
        let inputs = example_inputs(def)
            .map(|(input, value)| {
                (input.name.get(lang).to_string(), input_text(value, input.unit, lang))
            })
            .collect();
        match outcome {
            Ok(o) => Example {
                inputs,
                value: Ok(quantity(&o.value, lang, cur, true)),
                formula: Some(formula(&o.formula, lang, cur)),
            },
            Err(e) => Example { inputs, value: Err(e.message_for(def, lang)), formula: None },
        }
    }
}

fn evaluate(def: &KpiDef) -> Result<Outcome, kpi::KpiError> {
    kpi::evaluate(def.id, def.default_variant().id, &def.default_inputs())
}

/// The default variant's inputs with their default values, in display order.
fn example_inputs(def: &KpiDef) -> impl Iterator<Item = (&'static kpi::InputDef, InputValue)> + '_ {
    def.default_variant()
        .inputs
        .iter()
        .filter_map(|id| def.input(id))
        .map(|input| (input, input.default_value()))
}

/// The text a calculator field starts with (the app's `display::input_text`): no currency
/// symbol (the field shows the unit beside it), ratios as percentages.
fn input_text(value: InputValue, unit: kpi::Unit, lang: Lang) -> String {
    use kpi::show::smart_decimals;
    use locale::{format_number, format_percent};
    match value {
        InputValue::Number(v) => match unit {
            kpi::Unit::Ratio => format_percent(v, smart_decimals(v * 100.0, 4), lang),
            _ => format_number(v, smart_decimals(v, 4), lang),
        },
        InputValue::List(values) => values
            .iter()
            .map(|v| format_number(*v, smart_decimals(*v, 2), lang))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The header's currency choice as the app draws it (default currency), disabled until the
/// app runs, so the top bar has the same width before and after.
fn currency_select(w: &Words) -> String {
    let options: String = Currency::ALL
        .iter()
        .map(|c| {
            let selected = if *c == Currency::default() { " selected" } else { "" };
            format!("<option value=\"{0}\"{selected}>{0}</option>", c.code())
        })
        .collect();
    format!(
        "<label class=\"visually-hidden\" for=\"currency\">{}</label><select id=\"currency\" disabled>{options}</select>",
        escape(w.currency)
    )
}

fn direction_text(w: &Words, d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => w.higher_is_better,
        Direction::LowerIsBetter => w.lower_is_better,
        Direction::Neutral => w.neutral_direction,
    }
}

/// The page's `<title>`: `Net Promoter Score (NPS) – Formel, Beispiel und Rechner | Kennzahl`.
pub fn title(def: &KpiDef, lang: Lang) -> String {
    let w = words(lang);
    let name = def.name.get(lang);
    let abbr = def.abbr.get(lang);
    let named =
        if abbr.is_empty() || abbr == name { name.to_string() } else { format!("{name} ({abbr})") };
    format!("{named} – {} | {}", w.title_suffix, w.app_name)
}

/// The meta description: the KPI's one-line description and the example's result.
pub fn description(def: &KpiDef, lang: Lang, example: &Example) -> String {
    let desc = def.description.get(lang).trim_end_matches('.');
    match (&example.formula, lang) {
        (Some(f), Lang::De) => format!(
            "{desc}. Formel, Rechenbeispiel ({f}), Einordnung und Quellen; Rechner im Browser."
        ),
        (Some(f), Lang::En) => format!(
            "{desc}. Formula, worked example ({f}), bands and sources; calculator in your browser."
        ),
        (None, Lang::De) => format!(
            "{desc}. Formel, Einordnung und Quellen; Berechnung aus Ihren Daten im Browser."
        ),
        (None, Lang::En) => {
            format!("{desc}. Formula, bands and sources; computed from your data in your browser.")
        }
    }
}

/// The whole HTML of `def`'s page in `lang`.
pub fn render_page(def: &KpiDef, lang: Lang, shell: &Shell, base: &Base) -> String {
    let w = words(lang);
    let cur = Currency::default();
    let example = Example::of(def, lang);
    let outcome = evaluate(def);
    let title = title(def, lang);
    let description = description(def, lang, &example);
    let url = base.url(&page_file(def.id, lang));
    let other = if lang == Lang::De { Lang::En } else { Lang::De };
    let e = |s: &str| escape(s);
    let name = def.name.get(lang);
    let abbr = def.abbr.get(lang);

    let mut h = String::with_capacity(16 * 1024);
    h.push_str(&format!("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>", lang.code()));
    h.push_str(shell.head());
    h.push_str(&format!("\n  <title>{}</title>\n", e(&title)));
    h.push_str(&format!("  <meta name=\"description\" content=\"{}\">\n", e(&description)));
    h.push_str(&format!("  <link rel=\"canonical\" href=\"{}\">\n", e(&url)));
    for alt in LANGS {
        h.push_str(&format!(
            "  <link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
            alt.code(),
            e(&base.url(&page_file(def.id, alt)))
        ));
    }
    h.push_str(&format!(
        "  <link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
        e(&base.url(&page_file(def.id, Lang::En)))
    ));
    let og = [
        ("og:type", "article".to_string()),
        ("og:site_name", w.app_name.to_string()),
        ("og:title", title.clone()),
        ("og:description", description.clone()),
        ("og:url", url.clone()),
        ("og:locale", w.og_locale.to_string()),
        ("og:locale:alternate", words(other).og_locale.to_string()),
    ];
    for (property, content) in og {
        h.push_str(&format!("  <meta property=\"{property}\" content=\"{}\">\n", e(&content)));
    }
    for (n, content) in [
        ("twitter:card", "summary"),
        ("twitter:title", &title),
        ("twitter:description", &description),
    ] {
        h.push_str(&format!("  <meta name=\"{n}\" content=\"{}\">\n", e(content)));
    }
    h.push_str("  <script type=\"application/ld+json\">");
    h.push_str(&json_ld(def, lang, &url, &title, &description, base));
    h.push_str("</script>\n</head>\n");

    // Body: the calculator's frame and page structure (src/lib.rs, components/header.rs,
    // pages/calculator), marked for the app to replace when it mounts.
    h.push_str(&format!(
        "<body data-kz-page=\"kpi\" data-kz-kpi=\"{}\" data-kz-lang=\"{}\">\n<div class=\"app\" data-kz-static>\n",
        e(def.id),
        lang.code()
    ));
    let q = |query: &str| format!("./?{query}&amp;lang={}", lang.code());
    h.push_str(&format!("<a class=\"skip\" href=\"#main\">{}</a>\n", e(w.skip_to_content)));
    h.push_str("<header class=\"topbar\">\n");
    h.push_str(&format!(
        "<a href=\"{}\" class=\"brand\"><svg class=\"logo\" viewBox=\"0 0 32 32\" width=\"28\" height=\"28\" aria-hidden=\"true\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#1d4ed8\"></rect><path d=\"M7 23l6-7 5 4 7-10\" fill=\"none\" stroke=\"#fff\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\"></path></svg><span class=\"brand-name\">{}</span><span class=\"brand-tag\">{}</span></a>\n",
        q("kpi=sales_velocity"),
        e(w.app_name),
        e(w.tagline)
    ));
    h.push_str(&format!("<nav aria-label=\"{}\" class=\"nav\">", e(w.nav_label)));
    for (query, label) in [
        ("page=catalogue", w.nav_catalogue),
        ("page=import", w.nav_import),
        ("page=dashboard", w.nav_dashboard),
        ("page=whatif", w.nav_whatif),
        ("page=privacy", w.nav_privacy),
    ] {
        h.push_str(&format!("<a href=\"{}\">{}</a>", q(query), e(label)));
    }
    h.push_str("</nav>\n");
    h.push_str(&format!(
        "<div class=\"switches\">{}<a class=\"lang-switch\" href=\"{}\" hreflang=\"{o}\" lang=\"{o}\" aria-label=\"{}: {}\">{}</a></div>\n",
        currency_select(w),
        e(&page_file(def.id, other)),
        e(w.language),
        e(w.switch_to),
        e(w.switch_to),
        o = other.code(),
    ));
    h.push_str("</header>\n<main id=\"main\" class=\"main\" tabindex=\"-1\">\n");
    h.push_str(&format!("<article class=\"page calculator\" data-kpi=\"{}\">\n", e(def.id)));
    h.push_str(&format!(
        "<header class=\"page-head\"><p class=\"crumb\"><a href=\"{}\">{}</a> · {}</p><h1>{}<span class=\"abbr\">{}</span></h1><p class=\"lead\">{}</p></header>\n",
        q("page=catalogue"),
        e(w.nav_catalogue),
        e(def.category.name().get(lang)),
        e(name),
        e(abbr),
        e(def.description.get(lang))
    ));

    // Inputs: the example's values in the calculator's fields, read-only until the app runs.
    h.push_str(
        "<div class=\"calc-grid\">\n<section class=\"card inputs\" aria-labelledby=\"inputs-h\">",
    );
    h.push_str(&format!("<h2 id=\"inputs-h\">{}</h2>", e(w.inputs)));
    if def.variants.len() > 1 {
        h.push_str(&format!("<fieldset class=\"variants\"><legend>{}</legend>", e(w.variant)));
        for (i, v) in def.variants.iter().enumerate() {
            h.push_str(&format!(
                "<div class=\"variant\"><input type=\"radio\" name=\"variant\" id=\"variant-{id}\" value=\"{id}\" disabled{checked}><label for=\"variant-{id}\"><span class=\"variant-name\">{}</span><span class=\"variant-when\">{}</span></label></div>",
                e(v.name.get(lang)),
                e(v.when.get(lang)),
                id = e(v.id),
                checked = if i == 0 { " checked" } else { "" },
            ));
        }
        h.push_str("</fieldset>");
    }
    for ((input, value), (_, text)) in example_inputs(def).zip(example.inputs.iter()) {
        // What the calculator says under a valid field ("verstanden als 3.000 €"); the
        // example's ratios are written with a percent sign, so no "read as" note follows.
        let understood = match &value {
            InputValue::Number(v) => format!(
                "{} {}",
                w.understood,
                quantity(&kpi::Quantity { value: *v, unit: input.unit }, lang, cur, false)
            ),
            InputValue::List(vs) => format!("{} {} {}", w.understood, vs.len(), w.answers),
        };
        let hint = if input.unit.is_list() {
            format!("{} ({})", input.hint.get(lang), w.score_list_hint)
        } else {
            input.hint.get(lang).to_string()
        };
        let id = format!("in-{}", input.id);
        let unit = kpi::show::unit_suffix(input.unit, lang, cur);
        let control = if input.unit.is_list() {
            format!("<textarea id=\"{id}\" rows=\"3\" aria-describedby=\"{id}-hint\" readonly>{}</textarea>", e(text))
        } else {
            format!("<input id=\"{id}\" type=\"text\" inputmode=\"decimal\" aria-describedby=\"{id}-hint\" value=\"{}\" readonly>", e(text))
        };
        h.push_str(&format!(
            "<div class=\"field\"><label for=\"{id}\">{}</label><div class=\"field-row\">{control}<span class=\"unit\" aria-hidden=\"true\">{}</span></div><p class=\"hint\" id=\"{id}-hint\">{}</p><p class=\"field-msg\"><span class=\"understood\">{}</span></p></div>",
            e(input.name.get(lang)),
            e(&unit),
            e(&hint),
            e(&understood),
        ));
    }
    // The calculator's share tools and embed panel, invisible and inert until the app draws
    // them, so the cards below keep their place when it mounts.
    h.push_str(&format!(
        "<div class=\"kz-reserve\" aria-hidden=\"true\"><div class=\"share\"><button type=\"button\" class=\"button\" disabled>{}</button><span class=\"share-status\"></span><label class=\"check remember\"><input type=\"checkbox\" disabled>{}</label></div><details class=\"embed-panel\"><summary>{}</summary></details></div>",
        e(w.copy_link),
        e(w.remember_inputs),
        e(w.embed_title)
    ));
    h.push_str("</section>\n");

    // Result: as the calculator's result card shows the example.
    h.push_str(&format!(
        "<section class=\"card result\" aria-labelledby=\"result-h\"><h2 id=\"result-h\">{}</h2><div class=\"result-body\">",
        e(w.result)
    ));
    match &outcome {
        Ok(o) => {
            let value = quantity(&o.value, lang, cur, true);
            let direction = direction_text(w, def.direction_for(def.default_variant().id));
            h.push_str(&format!(
                "<p class=\"result-value\" data-testid=\"result-value\">{}</p>",
                e(&value)
            ));
            let interpretation = match o.band {
                Some(b) => {
                    h.push_str(&format!(
                        "<span class=\"band band-{}\" data-testid=\"band\">{}</span>",
                        b.tone.css_class(),
                        e(b.label.get(lang))
                    ));
                    format!("{} {} – {}. {direction}", abbr, value, b.label.get(lang))
                }
                None => format!("{abbr} {value}. {direction}"),
            };
            h.push_str(&format!(
                "<p class=\"interpretation\" data-testid=\"interpretation\">{}</p>",
                e(&interpretation)
            ));
            h.push_str(&format!("<h3 class=\"formula-h\">{}</h3>", e(w.formula_numbers)));
            h.push_str(&format!(
                "<p class=\"formula\" data-testid=\"formula\">{}</p>",
                e(example.formula.as_deref().unwrap_or(""))
            ));
            h.push_str("<dl class=\"breakdown\">");
            for (label, q) in &o.breakdown {
                h.push_str(&format!(
                    "<div class=\"kv\"><dt>{}</dt><dd>{}</dd></div>",
                    e(label.get(lang)),
                    e(&quantity(q, lang, cur, true))
                ));
            }
            h.push_str("</dl>");
        }
        Err(err) => {
            h.push_str("<p class=\"result-value muted\" data-testid=\"result-value\">–</p>");
            h.push_str(&format!(
                "<p class=\"error\" data-testid=\"result-error\">{}</p>",
                e(&err.message_for(def, lang))
            ));
        }
    }
    h.push_str("</div></section>\n</div>\n");
    h.push_str(&about(def, lang));
    h.push_str("</article>\n</main>\n");
    h.push_str(&format!("<footer class=\"footer\"><p>{}</p></footer>\n", e(w.footer_local)));
    h.push_str("</div>\n</body>\n</html>\n");
    h
}

/// The "about" card: explanation, formulas, bands and sources (the calculator shows the same).
fn about(def: &KpiDef, lang: Lang) -> String {
    let w = words(lang);
    let e = |s: &str| escape(s);
    let cur = Currency::default();
    let mut h = format!(
        "<section class=\"card about\" aria-labelledby=\"about-h\"><h2 id=\"about-h\">{}</h2><p>{}</p>",
        e(w.about),
        e(def.explanation.get(lang))
    );
    h.push_str(&format!("<h3>{}</h3><dl class=\"formulas\">", e(w.formula)));
    for v in def.variants {
        h.push_str(&format!(
            "<div class=\"kv\"><dt>{}</dt><dd><code>{}</code> <span class=\"variant-when\">{}</span></dd></div>",
            e(v.name.get(lang)),
            e(v.formula.get(lang)),
            e(v.when.get(lang))
        ));
    }
    h.push_str("</dl>");
    if !def.bands.is_empty() {
        h.push_str(&format!("<h3>{}</h3><ul class=\"bands\">", e(w.bands)));
        for b in def.bands {
            h.push_str(&format!(
                "<li><span class=\"band band-{}\">{}</span> {}</li>",
                b.tone.css_class(),
                e(b.label.get(lang)),
                e(&band_range(b, def.result_unit, lang, cur))
            ));
        }
        h.push_str("</ul>");
    }
    h.push_str(&format!("<h3>{}</h3><ul class=\"sources\">", e(w.sources)));
    for seed in def.seeds {
        let text = kpi::source(seed).map(|s| s.citation(lang)).unwrap_or_else(|| seed.to_string());
        h.push_str(&format!("<li>{}</li>", e(&text)));
    }
    h.push_str("</ul></section>\n");
    h
}

/// schema.org JSON-LD: the calculator as a free `WebApplication` about the KPI as a
/// `DefinedTerm`, citing the source articles.
fn json_ld(
    def: &KpiDef,
    lang: Lang,
    url: &str,
    title: &str,
    description: &str,
    base: &Base,
) -> String {
    let j = |s: &str| json_string(s);
    let citations: Vec<String> = def
        .seeds
        .iter()
        .filter_map(|seed| kpi::source(seed))
        .filter(|s| s.is_article)
        .map(|s| {
            let mut parts = vec![
                "\"@type\":\"Article\"".to_string(),
                format!("\"name\":{}", j(s.title.de)),
                "\"inLanguage\":\"de\"".to_string(),
            ];
            if let Some(a) = s.author {
                parts.push(format!("\"author\":{{\"@type\":\"Person\",\"name\":{}}}", j(a)));
            }
            if let Some(p) = s.publisher {
                parts.push(format!(
                    "\"publisher\":{{\"@type\":\"Organization\",\"name\":{}}}",
                    j(p)
                ));
            }
            if let Some(d) = s.published {
                parts.push(format!("\"datePublished\":{}", j(d)));
            }
            format!("{{{}}}", parts.join(","))
        })
        .collect();
    let mut fields = vec![
        "\"@context\":\"https://schema.org\"".to_string(),
        "\"@type\":\"WebApplication\"".to_string(),
        format!("\"name\":{}", j(title)),
        format!("\"description\":{}", j(description)),
        format!("\"inLanguage\":{}", j(lang.code())),
        "\"applicationCategory\":\"BusinessApplication\"".to_string(),
        "\"operatingSystem\":\"Any (web browser)\"".to_string(),
        "\"isAccessibleForFree\":true".to_string(),
        "\"offers\":{\"@type\":\"Offer\",\"price\":\"0\",\"priceCurrency\":\"EUR\"}".to_string(),
        format!(
            "\"about\":{{\"@type\":\"DefinedTerm\",\"name\":{},\"alternateName\":{},\"description\":{}}}",
            j(def.name.get(lang)),
            j(def.abbr.get(lang)),
            j(def.explanation.get(lang))
        ),
        format!("\"citation\":[{}]", citations.join(",")),
    ];
    if base.is_absolute() {
        fields.push(format!("\"url\":{}", j(url)));
    }
    format!("{{{}}}", fields.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell() -> Shell {
        Shell { head: "\n  <meta charset=\"utf-8\">\n  <script type=\"module\">import init from './k.js';</script>\n".into(), loader_hash: None }
    }

    fn velocity() -> &'static KpiDef {
        kpi::find("sales_velocity").unwrap_or(&kpi::registry()[0])
    }

    #[test]
    fn the_velocity_example_has_the_seeds_numbers() {
        let de = Example::of(velocity(), Lang::De);
        assert_eq!(de.value.as_deref(), Ok("2.000,00\u{a0}€ pro Tag"));
        assert_eq!(
            de.formula.as_deref(),
            Some("(100 × 3.000\u{a0}€ × 20\u{202f}%) / 30 Tage = 2.000,00\u{a0}€ pro Tag")
        );
        let en = Example::of(velocity(), Lang::En);
        assert_eq!(en.value.as_deref(), Ok("€2,000.00 per day"));
        assert!(de.inputs.iter().any(|(_, v)| v == "3.000"), "{:?}", de.inputs);
    }

    #[test]
    fn a_page_has_head_tags_example_and_sources() {
        let base = Base::new(Some("https://example.com/k/"));
        let html = render_page(velocity(), Lang::De, &shell(), &base);
        for needle in [
            "<html lang=\"de\">",
            "<script type=\"module\">import init from './k.js';</script>",
            "<link rel=\"canonical\" href=\"https://example.com/k/sales_velocity-de.html\">",
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/k/sales_velocity-en.html\">",
            "<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.com/k/sales_velocity-de.html\">",
            "hreflang=\"x-default\"",
            "<meta property=\"og:url\" content=\"https://example.com/k/sales_velocity-de.html\">",
            "<meta name=\"twitter:card\" content=\"summary\">",
            "\"@type\":\"WebApplication\"",
            "data-kz-kpi=\"sales_velocity\" data-kz-lang=\"de\"",
            "<p class=\"result-value\" data-testid=\"result-value\">2.000,00\u{a0}€ pro Tag</p>",
            "Bitrix24",
        ] {
            assert!(html.contains(needle), "missing {needle}");
        }
        assert_eq!(html.matches("<title>").count(), 1);
        assert!(!html.contains("Seed"));
    }

    #[test]
    fn every_kpi_renders_in_both_languages_without_raw_markup_from_texts() {
        let base = Base::new(None);
        for def in kpi::registry() {
            for lang in LANGS {
                let html = render_page(def, lang, &shell(), &base);
                assert!(
                    html.contains(&format!("<h1>{}<span", escape(def.name.get(lang)))),
                    "{}",
                    def.id
                );
                assert!(html.contains(&format!("href=\"{}-{}.html\"", def.id, lang.code())));
                // Every text went through escape: no text of the registry opens a tag.
                let ld_start = html.find("<script type=\"application/ld+json\">").unwrap_or(0);
                let ld = &html[ld_start + 35..];
                let ld = &ld[..ld.find("</script>").unwrap_or(0)];
                assert!(!ld.contains('<'), "{}: JSON-LD holds a raw <", def.id);
                assert!(!html.contains("NaN") && !html.contains("∞"), "{}", def.id);
            }
        }
    }

    #[test]
    fn texts_are_escaped() {
        assert_eq!(escape("<b>\"x\" & y</b>"), "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;");
        let t = title(velocity(), Lang::En);
        assert_eq!(
            t,
            "Sales pipeline velocity (Sales velocity) – formula, example and calculator | Kennzahl"
        );
    }
}
