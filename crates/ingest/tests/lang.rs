//! The product has one language type: `kpi::Lang` and `ingest::Lang` are re-exports of
//! `locale::Lang`.

use std::any::TypeId;

// Regression: `locale`, `kpi` and `ingest` each defined their own `Lang`, and the app converted
// between them with hand-written `match` bridges that had to be kept in step.
#[test]
fn the_three_lang_paths_are_one_type() {
    assert_eq!(TypeId::of::<kpi::Lang>(), TypeId::of::<locale::Lang>());
    assert_eq!(TypeId::of::<ingest::Lang>(), TypeId::of::<locale::Lang>());
    // Passing one path's value where another is expected compiles without a conversion.
    let from_kpi: ingest::Lang = kpi::Lang::En;
    let to_locale: locale::Lang = from_kpi;
    assert_eq!(to_locale.code(), "en");
}

// The worker protocol sends `ingest::Lang` as JSON; the shared type must keep ingest's old
// spelling (`"de"` / `"en"`) and default (German).
#[test]
fn lang_serialises_as_before() {
    assert_eq!(serde_json::to_string(&ingest::Lang::De).unwrap(), r#""de""#);
    assert_eq!(serde_json::to_string(&ingest::Lang::En).unwrap(), r#""en""#);
    assert_eq!(serde_json::from_str::<ingest::Lang>(r#""en""#).unwrap(), ingest::Lang::En);
    assert!(serde_json::from_str::<ingest::Lang>(r#""fr""#).is_err());
    assert_eq!(ingest::Lang::default(), ingest::Lang::De);
}
