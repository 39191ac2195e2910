//! The one-language builds of the calculator modules (issue 18): with exactly one of the
//! features `lang-de` / `lang-en` every text is that language's, whatever language is asked
//! for; with neither (this crate's default) or both, each language has its own text.
//! `./dev test` runs this file three times: `cargo test -p kpi`, and with each feature.

use kpi::{find, Lang, ONLY_LANG};

const GERMAN: &str = "Kundenabwanderungsrate";
const ENGLISH: &str = "Customer churn rate";

#[test]
fn a_lookup_gets_the_built_language() {
    let churn = find("churn_rate").expect("churn_rate is in the registry");
    let (de, en) = (churn.name.get(Lang::De), churn.name.get(Lang::En));
    match ONLY_LANG {
        None => assert_eq!((de, en), (GERMAN, ENGLISH)),
        Some(Lang::De) => assert_eq!((de, en), (GERMAN, GERMAN)),
        Some(Lang::En) => assert_eq!((de, en), (ENGLISH, ENGLISH)),
    }
    assert_eq!(cfg!(feature = "lang-de") != cfg!(feature = "lang-en"), ONLY_LANG.is_some());
    // The fields themselves: a one-language constant holds no literal of the other language
    // (what keeps it out of the module), not only a lookup that never reads it.
    let fields = (churn.name.de, churn.name.en);
    match ONLY_LANG {
        None => assert_eq!(fields, (GERMAN, ENGLISH)),
        Some(Lang::De) => assert_eq!(fields, (GERMAN, GERMAN)),
        Some(Lang::En) => assert_eq!(fields, (ENGLISH, ENGLISH)),
    }
}

#[test]
fn an_error_message_is_in_the_built_language() {
    let err = kpi::KpiError::MissingInput { input: "start" };
    let german = "Bitte einen Wert für „start“ eingeben.";
    let english = "Please enter a value for “start”.";
    let want_de = if ONLY_LANG == Some(Lang::En) { english } else { german };
    let want_en = if ONLY_LANG == Some(Lang::De) { german } else { english };
    assert_eq!(err.message(Lang::De), want_de);
    assert_eq!(err.message(Lang::En), want_en);
}
