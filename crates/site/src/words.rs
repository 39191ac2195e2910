//! The few UI strings a static page shows before the app takes over, in both languages.
//! They are the app's own (`src/i18n`), copied because this crate must not depend on the
//! web app; the browser test `static.spec.ts` checks the page against the mounted app.

use kpi::Lang;

/// Strings of one language.
pub struct Words {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_catalogue: &'static str,
    pub nav_import: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_whatif: &'static str,
    pub nav_privacy: &'static str,
    pub language: &'static str,
    pub currency: &'static str,
    pub copy_link: &'static str,
    pub remember_inputs: &'static str,
    pub embed_title: &'static str,
    pub switch_to: &'static str,
    pub inputs: &'static str,
    pub result: &'static str,
    pub formula_numbers: &'static str,
    pub variant: &'static str,
    pub about: &'static str,
    pub formula: &'static str,
    pub bands: &'static str,
    pub sources: &'static str,
    pub higher_is_better: &'static str,
    pub lower_is_better: &'static str,
    pub neutral_direction: &'static str,
    pub footer_local: &'static str,
    pub title_suffix: &'static str,
    pub og_locale: &'static str,
}

const DE: Words = Words {
    app_name: "Kennzahl",
    tagline: "Customer-Success-Kennzahlen, lokal im Browser berechnet",
    skip_to_content: "Zum Inhalt springen",
    nav_label: "Hauptnavigation",
    nav_catalogue: "Alle Kennzahlen",
    nav_import: "Daten importieren",
    nav_dashboard: "Dashboard",
    nav_whatif: "Was wäre, wenn",
    nav_privacy: "Datenschutz",
    language: "Sprache",
    currency: "Währung",
    copy_link: "Link kopieren",
    remember_inputs: "Eingaben in diesem Browser merken",
    embed_title: "Einbetten (iframe für Ihr Intranet)",
    switch_to: "English",
    inputs: "Eingaben",
    result: "Ergebnis",
    formula_numbers: "Formel mit Ihren Zahlen",
    variant: "Berechnungsvariante",
    about: "Worum es geht",
    formula: "Formel",
    bands: "Einordnung",
    sources: "Quellen",
    higher_is_better: "Höher ist besser.",
    lower_is_better: "Niedriger ist besser.",
    neutral_direction: "Weder höher noch niedriger ist für sich besser.",
    footer_local:
        "Alle Berechnungen laufen lokal in Ihrem Browser. Es werden keine Daten übertragen.",
    title_suffix: "Formel, Beispiel und Rechner",
    og_locale: "de_DE",
};

const EN: Words = Words {
    app_name: "Kennzahl",
    tagline: "Customer-success KPIs, computed locally in your browser",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_catalogue: "All KPIs",
    nav_import: "Import data",
    nav_dashboard: "Dashboard",
    nav_whatif: "What-if",
    nav_privacy: "Privacy",
    language: "Language",
    currency: "Currency",
    copy_link: "Copy link",
    remember_inputs: "Remember my inputs in this browser",
    embed_title: "Embed (iframe for your intranet)",
    switch_to: "Deutsch",
    inputs: "Inputs",
    result: "Result",
    formula_numbers: "Formula with your numbers",
    variant: "Variant",
    about: "What it means",
    formula: "Formula",
    bands: "How to read it",
    sources: "Sources",
    higher_is_better: "Higher is better.",
    lower_is_better: "Lower is better.",
    neutral_direction: "Neither higher nor lower is better by itself.",
    footer_local: "All calculations run locally in your browser. No data is sent anywhere.",
    title_suffix: "formula, example and calculator",
    og_locale: "en_US",
};

/// The strings of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}
