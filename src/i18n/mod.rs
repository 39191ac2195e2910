//! Every UI string in German and English. One struct per table, so a missing translation is
//! a compile error, not a mixed-language screen; the tests below check that no text is empty
//! and that German and English differ wherever they should. KPI texts come from the `kpi`
//! registry, engine errors carry their own two texts, everything else the user reads is here.

pub mod charts;
pub mod import;

use crate::protocol::{Failure, Kind};
pub use locale::Lang;
use records::DatasetKind;

/// Declares a table of UI texts: a struct of `&'static str` fields and `entries`, which lists
/// them by name for the test that compares the languages. The field names say where a text
/// is used; the German and English values are their documentation.
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$meta])*
        pub struct $name {
            $(pub(crate) $field: &'static str,)*
        }

        impl $name {
            /// Every text with its field name, in declaration order.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}
pub(crate) use texts;

texts! {
    /// The app's general strings in one language.
    Strings {
        app_name,
        tagline,
        skip_to_content,
        nav_label,
        nav_catalogue,
        nav_privacy,
        nav_import,
        nav_dashboard,
        nav_whatif,
        language,
        currency,
        switch_to,
        result,
        formula,
        variant,
        inputs,
        understood,
        read_as_percent,
        read_as_fraction,
        about,
        sources,
        formula_general,
        bands,
        page_link,
        chart,
        data_table,
        download_svg,
        download_png,
        copy_link,
        link_copied,
        copy_failed,
        remember_inputs,
        embed_code,
        forget_inputs,
        higher_is_better,
        lower_is_better,
        neutral_direction,
        fix_inputs,
        unknown_kpi,
        back_to_catalogue,
        search_label,
        search_placeholder,
        search_hint,
        no_results,
        results_count,
        catalogue_title,
        catalogue_intro,
        dataset_only,
        score_list_hint,
        privacy_title,
        footer_local,
        sample_data,
        loading_sample,
        rejected_file_suffix,
        answers,
        privacy_local,
        privacy_stored_only,
        privacy_links,
        privacy_remember,
        privacy_stored,
        privacy_entries,
        privacy_forget,
        privacy_confirm,
        embed_nothing_stored,
        embed_title,
        embed_origin,
        embed_origin_hint,
        embed_compact,
        embed_invalid_origin,
        unit_per_day,
        unit_day,
        unit_days,
        unit_minutes,
        unit_month,
        unit_months,
        unit_year,
        unit_years,
    }
}

/// German.
pub const DE: Strings = Strings {
    app_name: "Kennzahl",
    tagline: "Customer-Success-Kennzahlen, lokal im Browser berechnet",
    skip_to_content: "Zum Inhalt springen",
    nav_label: "Hauptnavigation",
    nav_catalogue: "Alle Kennzahlen",
    nav_privacy: "Datenschutz",
    nav_import: "Daten importieren",
    nav_dashboard: "Dashboard",
    nav_whatif: "Was wäre, wenn",
    language: "Sprache",
    currency: "Währung",
    switch_to: "English",
    result: "Ergebnis",
    formula: "Formel mit Ihren Zahlen",
    variant: "Berechnungsvariante",
    inputs: "Eingaben",
    understood: "verstanden als",
    read_as_percent: "als Prozent gelesen",
    read_as_fraction: "als Anteil gelesen",
    about: "Worum es geht",
    sources: "Quellen",
    formula_general: "Formel",
    bands: "Einordnung",
    page_link: "Erklärung und Rechenbeispiel",
    chart: "Diagramm",
    data_table: "Daten als Tabelle",
    download_svg: "SVG herunterladen",
    download_png: "PNG herunterladen",
    copy_link: "Link kopieren",
    link_copied: "Link kopiert – er öffnet genau diese Berechnung.",
    copy_failed: "Kopieren nicht möglich – bitte den Link aus der Adresszeile kopieren.",
    remember_inputs: "Eingaben in diesem Browser merken",
    embed_code: "Code zum Einfügen",
    forget_inputs: "Gespeichertes vergessen",
    higher_is_better: "Höher ist besser.",
    lower_is_better: "Niedriger ist besser.",
    neutral_direction: "Weder höher noch niedriger ist für sich besser.",
    fix_inputs: "Bitte korrigieren Sie die markierten Eingaben.",
    unknown_kpi: "Diese Kennzahl gibt es nicht.",
    back_to_catalogue: "Zur Übersicht aller Kennzahlen",
    search_label: "Kennzahl suchen",
    search_placeholder: "z. B. Abwanderung, NPS, CLV",
    search_hint: "Tippen zum Filtern, Pfeiltasten zum Wählen, Enter zum Öffnen.",
    no_results: "Keine Kennzahl passt zu dieser Suche.",
    results_count: "Kennzahlen gefunden",
    catalogue_title: "Alle Kennzahlen",
    catalogue_intro: "Wählen Sie eine Kennzahl, geben Sie Ihre Zahlen ein – Formel, Ergebnis und Diagramm erscheinen sofort. Nichts verlässt Ihren Rechner.",
    dataset_only: "am besten aus Ihren Daten",
    score_list_hint: "Werte durch Leerzeichen oder Semikolon trennen",
    privacy_title: "Datenschutz",
    footer_local: "Alle Berechnungen laufen lokal in Ihrem Browser. Es werden keine Daten übertragen.",
    sample_data: "Beispieldaten",
    loading_sample: "Beispieldaten werden geladen",
    rejected_file_suffix: "abgelehnt",
    answers: "Antworten",
    privacy_local: "Kennzahl rechnet vollständig in Ihrem Browser. Eingaben und Dateien verlassen Ihren Rechner nicht: Nach dem Laden der Seite stellt die App keine einzige Netzwerkanfrage mehr, lädt keine fremden Schriften, Skripte oder Bilder und verwendet keine Analyse- oder Tracking-Dienste.",
    privacy_stored_only: "Gespeichert wird nur, worum Sie bitten: Wenn Sie »Einstellungen merken« einschalten, legt die App Sprache, Währung und Ihre Eingaben im lokalen Speicher (localStorage) dieses Browsers ab, unter Schlüsseln, die mit »kennzahl.« beginnen. Nichts davon wird übertragen.",
    privacy_links: "Ein geteilter Link enthält die Eingaben der Berechnung in der Adresse – teilen Sie ihn nur, wenn die Zahlen geteilt werden dürfen.",
    privacy_remember: "Einstellungen in diesem Browser merken",
    privacy_stored: "Derzeit gespeichert:",
    privacy_entries: "Einträge.",
    privacy_forget: "Meine Daten vergessen",
    privacy_confirm: "Alle von Kennzahl in diesem Browser gespeicherten Daten löschen?",
    embed_nothing_stored: "Eingebettet speichert Kennzahl nichts in diesem Browser.",
    embed_title: "Einbetten (iframe für Ihr Intranet)",
    embed_origin: "Adresse der einbettenden Seite (Origin)",
    embed_origin_hint: "Nur diese Seite erhält Höhenmeldungen; der Server muss sie in frame-ancestors erlauben.",
    embed_compact: "Kompaktes Layout",
    embed_invalid_origin: "Bitte eine gültige Adresse wie https://intranet.example.com angeben.",
    unit_per_day: "pro Tag",
    unit_day: "Tag",
    unit_days: "Tage",
    unit_minutes: "Min.",
    unit_month: "Monat",
    unit_months: "Monate",
    unit_year: "Jahr",
    unit_years: "Jahre",
};

/// English.
pub const EN: Strings = Strings {
    app_name: "Kennzahl",
    tagline: "Customer-success KPIs, computed locally in your browser",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_catalogue: "All KPIs",
    nav_privacy: "Privacy",
    nav_import: "Import data",
    nav_dashboard: "Dashboard",
    nav_whatif: "What-if",
    language: "Language",
    currency: "Currency",
    switch_to: "Deutsch",
    result: "Result",
    formula: "Formula with your numbers",
    variant: "Variant",
    inputs: "Inputs",
    understood: "understood as",
    read_as_percent: "read as a percentage",
    read_as_fraction: "read as a fraction",
    about: "What it means",
    sources: "Sources",
    formula_general: "Formula",
    bands: "How to read it",
    page_link: "explanation and worked example",
    chart: "Chart",
    data_table: "Data as a table",
    download_svg: "Download SVG",
    download_png: "Download PNG",
    copy_link: "Copy link",
    link_copied: "Link copied – it opens exactly this calculation.",
    copy_failed: "Could not copy – please copy the link from the address bar.",
    remember_inputs: "Remember my inputs in this browser",
    embed_code: "Code to paste",
    forget_inputs: "Forget what is stored",
    higher_is_better: "Higher is better.",
    lower_is_better: "Lower is better.",
    neutral_direction: "Neither higher nor lower is better by itself.",
    fix_inputs: "Please correct the marked inputs.",
    unknown_kpi: "There is no such KPI.",
    back_to_catalogue: "Back to all KPIs",
    search_label: "Search KPIs",
    search_placeholder: "e.g. churn, NPS, CLV",
    search_hint: "Type to filter, arrow keys to choose, Enter to open.",
    no_results: "No KPI matches this search.",
    results_count: "KPIs found",
    catalogue_title: "All KPIs",
    catalogue_intro: "Pick a KPI, type your figures – formula, result and chart appear at once. Nothing leaves your computer.",
    dataset_only: "best computed from your data",
    score_list_hint: "separate values by spaces or semicolons",
    privacy_title: "Privacy",
    footer_local: "All calculations run locally in your browser. No data is sent anywhere.",
    sample_data: "Sample data",
    loading_sample: "Loading sample data",
    rejected_file_suffix: "rejected",
    answers: "answers",
    privacy_local: "Kennzahl computes everything in your browser. Your inputs and files never leave your computer: after the page has loaded, the app makes no network request at all, loads no third-party fonts, scripts or images, and uses no analytics or tracking.",
    privacy_stored_only: "Only what you ask for is stored: when you switch on “remember settings”, the app keeps language, currency and your inputs in this browser's local storage (localStorage), under keys starting with “kennzahl.”. None of it is sent anywhere.",
    privacy_links: "A shared link carries the calculation's inputs in its address – share it only where the figures may be shared.",
    privacy_remember: "Remember settings in this browser",
    privacy_stored: "Currently stored:",
    privacy_entries: "entries.",
    privacy_forget: "Forget my data",
    privacy_confirm: "Delete all data Kennzahl stored in this browser?",
    embed_nothing_stored: "Embedded, Kennzahl stores nothing in this browser.",
    embed_title: "Embed (iframe for your intranet)",
    embed_origin: "Origin of the embedding page",
    embed_origin_hint: "Only this page receives height messages; the server must allow it in frame-ancestors.",
    embed_compact: "Compact layout",
    embed_invalid_origin: "Please enter a valid origin such as https://intranet.example.com.",
    unit_per_day: "per day",
    unit_day: "day",
    unit_days: "days",
    unit_minutes: "min",
    unit_month: "month",
    unit_months: "months",
    unit_year: "year",
    unit_years: "years",
};

/// The strings for `lang`.
pub fn tr(lang: Lang) -> &'static Strings {
    match kpi::built_lang(lang) {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The name of the sample data file of `kind` in `lang`, e.g. `Beispieldaten (costs)`.
pub fn sample_file_name(kind: DatasetKind, lang: Lang) -> String {
    format!("{} ({})", tr(lang).sample_data, kind.id())
}

/// The name of the rejected rows' CSV file of `stem` in `lang`, e.g. `abo-abgelehnt.csv`.
pub fn rejections_file_name(stem: &str, lang: Lang) -> String {
    format!("{stem}-{}.csv", tr(lang).rejected_file_suffix)
}

/// What a request was for, as the end of "… did not answer …".
fn kind_text(kind: Kind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Kind::Sniff, Lang::De) => "beim Erkennen der Datei",
        (Kind::Sniff, Lang::En) => "while detecting the file's format",
        (Kind::Import, Lang::De) => "beim Import",
        (Kind::Import, Lang::En) => "during the import",
        (Kind::Update, Lang::De) => "beim Aktualisieren der Dateiliste",
        (Kind::Update, Lang::En) => "while updating the file list",
        (Kind::RejectionsCsv, Lang::De) => "beim Erstellen der CSV-Datei",
        (Kind::RejectionsCsv, Lang::En) => "while writing the CSV file",
        (Kind::Drill, Lang::De) => "beim Suchen der Zeilen hinter der Zahl",
        (Kind::Drill, Lang::En) => "while finding the rows behind the figure",
    }
}

/// Bytes as gigabytes with one decimal (`1,5` / `1.5`), rounded down (so that a limit is
/// never overstated; add half a tenth to round a size to the nearest).
fn gigabytes(bytes: u64, lang: Lang) -> String {
    let tenths = bytes / 100_000_000;
    let sep = if lang == Lang::De { ',' } else { '.' };
    format!("{}{sep}{}", tenths / 10, tenths % 10)
}

/// Why a request to the import worker ended without its result, in `lang`.
pub fn failure(failure: &Failure, lang: Lang) -> String {
    match (failure, lang) {
        (Failure::Ingest(e), _) => e.message(lang).to_string(),
        (Failure::Cancelled { rows }, Lang::De) => {
            format!("Import nach {rows} Zeilen abgebrochen – die Datei wurde nicht übernommen.")
        }
        (Failure::Cancelled { rows }, Lang::En) => {
            format!("Import cancelled after {rows} rows – the file was not added.")
        }
        (Failure::NoFile, Lang::De) => "Es wurde keine Datei mitgeschickt.".into(),
        (Failure::NoFile, Lang::En) => "No file came with the request.".into(),
        (Failure::Unreadable, Lang::De) => "Der Browser konnte die Datei nicht lesen. Wurde sie \
            seit der Auswahl verschoben, gelöscht oder geändert? Bitte erneut auswählen."
            .into(),
        (Failure::Unreadable, Lang::En) => "The browser could not read the file. Was it moved, \
            deleted or changed since it was chosen? Please choose it again."
            .into(),
        (Failure::UnknownFile, Lang::De) => {
            "Diese Datei ist nicht mehr importiert (inzwischen entfernt).".into()
        }
        (Failure::UnknownFile, Lang::En) => {
            "This file is no longer imported (removed meanwhile).".into()
        }
        (Failure::WorkerUnavailable, Lang::De) => "Der Import-Hintergrundprozess (Web Worker) \
            ist nicht verfügbar: Er wurde blockiert oder konnte nicht laden. Bitte die Seite neu \
            laden."
            .into(),
        (Failure::WorkerUnavailable, Lang::En) => "The import background process (Web Worker) \
            is not available: it was blocked or failed to load. Please reload the page."
            .into(),
        (Failure::TooBig { size, max_file }, Lang::De) => format!(
            "Diese Datei ist zu groß für den Browser: {} GB, in diesem Tab passen Dateien dieser \
             Art bis etwa {} GB. Die Kommandozeile rechnet dieselben Kennzahlen ohne diese \
             Grenze: `kennzahl report DATEI` – oder mit SQL: `kennzahl tables DATEI` schreibt \
             die Tabellen für eine Datenbank, `kennzahl sql` die Abfragen dazu.",
            gigabytes(size.saturating_add(50_000_000), lang),
            gigabytes(*max_file, lang)
        ),
        (Failure::TooBig { size, max_file }, Lang::En) => format!(
            "This file is too big for the browser: {} GB, while this tab holds files of this \
             kind up to about {} GB. The command line computes the same figures without that \
             limit: `kennzahl report FILE` – or with SQL: `kennzahl tables FILE` writes the \
             tables for a database, `kennzahl sql` the queries for them.",
            gigabytes(size.saturating_add(50_000_000), lang),
            gigabytes(*max_file, lang)
        ),
        (Failure::NoAnswer { kind, seconds }, Lang::De) => format!(
            "Der Import-Hintergrundprozess hat {} {seconds} Sekunden lang nicht geantwortet \
             und wurde aufgegeben. Bitte die Seite neu laden und es erneut versuchen.",
            kind_text(*kind, lang)
        ),
        (Failure::NoAnswer { kind, seconds }, Lang::En) => format!(
            "The import background process gave no answer {} for {seconds} seconds and was \
             given up on. Please reload the page and try again.",
            kind_text(*kind, lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table's texts by field name.
    type Entries = Vec<(&'static str, &'static str)>;

    /// Every table in both languages, by name.
    fn tables() -> Vec<(&'static str, Entries, Entries)> {
        vec![
            ("Strings", DE.entries(), EN.entries()),
            ("import::Text", import::text(Lang::De).entries(), import::text(Lang::En).entries()),
            (
                "charts::Labels",
                charts::labels(Lang::De).entries(),
                charts::labels(Lang::En).entries(),
            ),
        ]
    }

    /// Texts that are the same word in both languages (names, loanwords, units).
    const SAME: [&str; 8] = [
        "app_name",
        "nav_dashboard",
        "seconds",
        "funnel",
        "conversions",
        "expansion",
        "start",
        "leads",
    ];

    #[test]
    fn every_text_exists_in_both_languages_and_differs_unless_it_is_the_same_word() {
        for (table, de, en) in tables() {
            assert_eq!(de.len(), en.len(), "{table}");
            for ((name, de), (name_en, en)) in de.iter().zip(&en) {
                assert_eq!(name, name_en, "{table}");
                assert!(!de.trim().is_empty(), "{table}.{name} is empty in German");
                assert!(!en.trim().is_empty(), "{table}.{name} is empty in English");
                if de == en {
                    assert!(SAME.contains(name), "{table}.{name} is {de:?} in both languages");
                }
            }
        }
    }

    #[test]
    fn every_failure_is_said_in_both_languages() {
        let mut failures = vec![
            Failure::Ingest(ingest::IngestError::ZeroBytes),
            Failure::Cancelled { rows: 12 },
            Failure::NoFile,
            Failure::Unreadable,
            Failure::UnknownFile,
            Failure::WorkerUnavailable,
            Failure::TooBig { size: 1_499_999_982, max_file: 1_316_807_314 },
        ];
        failures.extend(Kind::ALL.map(|kind| Failure::NoAnswer { kind, seconds: 30 }));
        for f in &failures {
            let (de, en) = (failure(f, Lang::De), failure(f, Lang::En));
            assert!(!de.is_empty() && !en.is_empty(), "{f:?}");
            assert_ne!(de, en, "{f:?}");
        }
        // The bug this replaces: a German user read "Lesefehler bei Zeile 0: the import
        // worker is not available …".
        let de = failure(&Failure::WorkerUnavailable, Lang::De);
        assert!(de.starts_with("Der Import-Hintergrundprozess"), "{de}");
        assert!(!de.contains("worker is"), "{de}");
        // Too big: the size, the limit, and both ways out, in the user's language.
        let too_big = Failure::TooBig { size: 1_499_999_982, max_file: 1_316_807_314 };
        let en = failure(&too_big, Lang::En);
        assert!(
            en.contains("1.5 GB, while this tab holds files of this kind up to about 1.3 GB"),
            "{en}"
        );
        assert!(
            en.contains("`kennzahl report FILE`") && en.contains("`kennzahl tables FILE`"),
            "{en}"
        );
        assert!(en.contains("`kennzahl sql`"), "{en}");
        let de = failure(&too_big, Lang::De);
        assert!(
            de.contains("1,5 GB, in diesem Tab passen Dateien dieser Art bis etwa 1,3 GB"),
            "{de}"
        );
        assert!(de.contains("`kennzahl report DATEI`") && de.contains("`kennzahl sql`"), "{de}");
        let de = failure(&Failure::NoAnswer { kind: Kind::Import, seconds: 60 }, Lang::De);
        assert!(de.contains("beim Import 60 Sekunden lang nicht geantwortet"), "{de}");
    }

    #[test]
    fn sample_files_are_named_in_the_users_language() {
        assert_eq!(sample_file_name(DatasetKind::Costs, Lang::De), "Beispieldaten (costs)");
        assert_eq!(sample_file_name(DatasetKind::Costs, Lang::En), "Sample data (costs)");
    }
}
