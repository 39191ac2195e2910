//! The articles the registry's definitions come from, as a reader can find them: title,
//! author and publication as far as the article's own text names them (the seed files in
//! `../shared/seeds/`, German articles), keyed by the seed id that [`crate::KpiDef::seeds`]
//! lists. Where an article has no title line (seeds 000 and 003), the title is its topic as
//! its own headings name it; no date or author is made up.

use crate::{t, Lang, Text};

/// One source of KPI definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The seed id the registry uses (`"000"` … `"004"`, `"convention"`).
    pub id: &'static str,
    /// The article's title (German as published; English as a translation).
    pub title: Text,
    /// Author, if the article names one.
    pub author: Option<&'static str>,
    /// Publisher or site, if the article names it.
    pub publisher: Option<&'static str>,
    /// Publication date (ISO), if the article gives one.
    pub published: Option<&'static str>,
    /// Whether the source is an article in German (all seeds are); false for "convention".
    pub is_article: bool,
}

impl Source {
    /// One line for a reader: `„Titel“ – Autor, Verlag, 2021-10-01` (German) or
    /// `"Title" – Author, Publisher, 2021-10-01` (English, with "(in German)").
    pub fn citation(&self, lang: Lang) -> String {
        let lang = crate::built_lang(lang);
        let title = self.title.get(lang);
        let mut out = if self.is_article {
            match lang {
                Lang::De => format!("„{title}“"),
                Lang::En => format!("“{title}”"),
            }
        } else {
            title.to_string()
        };
        let by: Vec<&str> =
            [self.author, self.publisher, self.published].into_iter().flatten().collect();
        if !by.is_empty() {
            out.push_str(" – ");
            out.push_str(&by.join(", "));
        }
        if self.is_article && lang == Lang::En {
            out.push_str(" (in German)");
        }
        out
    }
}

/// Every source the registry names, in seed order.
pub const SOURCES: &[Source] = &[
    Source {
        id: "000",
        title: t(
            "Customer-Success-KPIs: Kundenerfolg messen",
            "Customer success KPIs: measuring customer success",
        ),
        author: None,
        publisher: Some("Bitrix24"),
        published: None,
        is_article: true,
    },
    Source {
        id: "001",
        title: t(
            "Was ist Kundenerfolg – Der ultimative Leitfaden",
            "What is customer success – the ultimate guide",
        ),
        author: None,
        publisher: Some("Rio SEO / Forsta"),
        published: Some("2022-09-07"),
        is_article: true,
    },
    Source {
        id: "002",
        title: t(
            "16 Kundenerfolgsmetriken und KPIs, die im Jahr 2022 zu verfolgen sind",
            "16 customer success metrics and KPIs to track in 2022",
        ),
        author: None,
        publisher: None,
        published: Some("2021-10-01"),
        is_article: true,
    },
    Source {
        id: "003",
        title: t("Kundenerfolgs-KPIs", "Customer success KPIs"),
        author: None,
        publisher: Some("Winning by Design"),
        published: None,
        is_article: true,
    },
    Source {
        id: "004",
        title: t(
            "7 Kundenerfolgsmetriken, die Sie verfolgen sollten",
            "7 customer success metrics you should track",
        ),
        author: Some("Rebecca Wentworth"),
        publisher: Some("SharpSpring"),
        published: None,
        is_article: true,
    },
    Source {
        id: "convention",
        title: t(
            "Branchenübliche Definition (in keinem der Artikel berechnet)",
            "Common industry definition (not computed in any of the articles)",
        ),
        author: None,
        publisher: None,
        published: None,
        is_article: false,
    },
];

/// The source with this seed id.
pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_the_registry_names_has_a_title() {
        for def in crate::registry() {
            for seed in def.seeds {
                let s = source(seed);
                assert!(s.is_some(), "{}: seed {seed:?} has no entry in SOURCES", def.id);
                if let Some(s) = s {
                    assert!(!s.title.de.is_empty() && !s.title.en.is_empty(), "{seed}");
                }
            }
        }
    }

    #[test]
    fn no_registry_text_names_a_seed_number() {
        let texts = crate::registry().iter().flat_map(|d| {
            let mut t = vec![d.name, d.description, d.explanation];
            t.extend(d.variants.iter().flat_map(|v| [v.name, v.when, v.formula]));
            t.extend(d.inputs.iter().flat_map(|i| [i.name, i.hint]));
            t
        });
        for text in texts {
            for s in [text.de, text.en] {
                assert!(!s.to_lowercase().contains("seed"), "{s}");
            }
        }
    }

    #[test]
    fn citations_read_like_a_reference() {
        let s = source("004");
        assert_eq!(
            s.map(|s| s.citation(Lang::De)).as_deref(),
            Some("„7 Kundenerfolgsmetriken, die Sie verfolgen sollten“ – Rebecca Wentworth, SharpSpring")
        );
        assert_eq!(
            source("002").map(|s| s.citation(Lang::En)).as_deref(),
            Some(
                "“16 customer success metrics and KPIs to track in 2022” – 2021-10-01 (in German)"
            )
        );
        assert_eq!(
            source("convention").map(|s| s.citation(Lang::En)).as_deref(),
            Some("Common industry definition (not computed in any of the articles)")
        );
        assert!(source("005").is_none());
    }
}
