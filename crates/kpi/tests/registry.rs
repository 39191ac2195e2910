//! The registry is complete and consistent: every catalogue id, valid references, texts in both
//! languages, defaults within range, and every variant evaluates on its defaults.

// Helpers outside #[test] functions may unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kpi::{evaluate, find, registry, Category, KpiError, Unit};
use std::collections::BTreeSet;

/// Every KPI id of /work/shared/kpi-catalogue.md, spelled out so a dropped entry fails here.
const CATALOGUE_IDS: &[&str] = &[
    "retention_rate",
    "churn_rate",
    "revenue_churn",
    "ndr",
    "grr",
    "renewal_rate",
    "mrr",
    "arr",
    "arpu",
    "expansion_mrr",
    "mrr_movements",
    "upsell_rate",
    "cross_sell_rate",
    "share_of_wallet",
    "clv",
    "cac",
    "clv_cac_ratio",
    "cac_payback_months",
    "retention_cost",
    "roi",
    "nps",
    "csat",
    "ces",
    "advocacy_rate",
    "engagement_score",
    "health_score",
    "qualitative_feedback",
    "fcr",
    "resolution_rate",
    "first_response_time",
    "lead_response_time",
    "ticket_volume",
    "sales_velocity",
    "win_rate",
    "win_loss_ratio",
    "conversion_rate",
    "free_to_paid",
    "onboarding_dropoff",
    "dau_mau",
    "avg_session_duration",
    "product_usage_rate",
    "sessions_per_day",
];

#[test]
fn registry_covers_every_catalogue_id_and_nothing_else() {
    for id in CATALOGUE_IDS {
        assert!(find(id).is_some(), "catalogue id {id} missing from the registry");
    }
    let ids: BTreeSet<&str> = registry().iter().map(|kpi| kpi.id).collect();
    let expected: BTreeSet<&str> = CATALOGUE_IDS.iter().copied().collect();
    assert_eq!(ids, expected);
}

#[test]
fn kpi_ids_are_unique() {
    let ids: BTreeSet<&str> = registry().iter().map(|kpi| kpi.id).collect();
    assert_eq!(ids.len(), registry().len());
}

#[test]
fn input_and_variant_ids_are_unique_within_a_kpi() {
    for kpi in registry() {
        let inputs: BTreeSet<&str> = kpi.inputs.iter().map(|i| i.id).collect();
        assert_eq!(inputs.len(), kpi.inputs.len(), "{}: duplicate input id", kpi.id);
        let variants: BTreeSet<&str> = kpi.variants.iter().map(|v| v.id).collect();
        assert_eq!(variants.len(), kpi.variants.len(), "{}: duplicate variant id", kpi.id);
    }
}

#[test]
fn every_kpi_has_a_variant_and_every_variant_input_exists() {
    for kpi in registry() {
        assert!(!kpi.variants.is_empty(), "{} has no variant", kpi.id);
        for variant in kpi.variants {
            for input in variant.inputs {
                assert!(
                    kpi.input(input).is_some(),
                    "{}/{}: unknown input {input}",
                    kpi.id,
                    variant.id
                );
            }
        }
        // Every declared input is used by some variant, so no field is shown for nothing.
        for input in kpi.inputs {
            let used = kpi.variants.iter().any(|v| v.inputs.contains(&input.id));
            assert!(used, "{}: input {} used by no variant", kpi.id, input.id);
        }
    }
}

fn assert_text(what: &str, text: kpi::Text) {
    assert!(!text.de.trim().is_empty(), "{what}: empty German text");
    assert!(!text.en.trim().is_empty(), "{what}: empty English text");
}

#[test]
fn every_text_exists_in_german_and_english() {
    for category in Category::ALL {
        assert_text(category.id(), category.name());
    }
    for kpi in registry() {
        assert_text(kpi.id, kpi.name);
        assert_text(kpi.id, kpi.abbr);
        assert_text(kpi.id, kpi.description);
        assert_text(kpi.id, kpi.explanation);
        for input in kpi.inputs {
            assert_text(input.id, input.name);
            assert_text(input.id, input.hint);
        }
        for variant in kpi.variants {
            assert_text(variant.id, variant.name);
            assert_text(variant.id, variant.when);
            assert_text(variant.id, variant.formula);
        }
        for band in kpi.bands {
            assert_text(kpi.id, band.label);
        }
        assert!(!kpi.seeds.is_empty(), "{}: no seed", kpi.id);
    }
}

#[test]
fn defaults_lie_within_min_and_max() {
    for kpi in registry() {
        for input in kpi.inputs {
            let values: Vec<f64> = if input.unit.is_list() {
                assert!(
                    !input.default_list.is_empty(),
                    "{}/{}: empty default list",
                    kpi.id,
                    input.id
                );
                input.default_list.to_vec()
            } else {
                vec![input.default]
            };
            for v in values {
                assert!(
                    input.min.is_none_or(|m| v >= m),
                    "{}/{} default {v} < min",
                    kpi.id,
                    input.id
                );
                assert!(
                    input.max.is_none_or(|m| v <= m),
                    "{}/{} default {v} > max",
                    kpi.id,
                    input.id
                );
            }
        }
    }
}

#[test]
fn every_variant_evaluates_on_its_defaults() {
    for kpi in registry() {
        let inputs = kpi.default_inputs();
        for variant in kpi.variants {
            let result = evaluate(kpi.id, variant.id, &inputs);
            if kpi.dataset_only {
                assert_eq!(result, Err(KpiError::DatasetOnly { kpi: kpi.id }));
                continue;
            }
            let outcome = match result {
                Ok(outcome) => outcome,
                Err(e) => panic!("{}/{} fails on defaults: {e}", kpi.id, variant.id),
            };
            assert!(outcome.value.value.is_finite());
            assert_eq!(outcome.kpi, kpi.id);
            assert_eq!(outcome.variant, variant.id);
            // The formula ends in "= result" and names only the variant's own inputs.
            let n = outcome.formula.len();
            assert!(n >= 3, "{}/{}: formula too short", kpi.id, variant.id);
            assert_eq!(outcome.formula[n - 2], kpi::FormulaPart::Op("="));
            assert_eq!(outcome.formula[n - 1], kpi::FormulaPart::Result(outcome.value));
            for part in &outcome.formula {
                if let kpi::FormulaPart::Input { id, .. } = part {
                    assert!(
                        variant.inputs.contains(id),
                        "{}/{}: formula uses {id}",
                        kpi.id,
                        variant.id
                    );
                }
            }
        }
    }
}

#[test]
fn every_variant_needs_only_its_own_inputs() {
    // The app sends only the active variant's fields; a calculator reading any other input
    // would fail there with MissingInput.
    for kpi in registry().iter().filter(|kpi| !kpi.dataset_only) {
        for variant in kpi.variants {
            let defaults = kpi.default_inputs();
            let own: kpi::Inputs = defaults
                .into_iter()
                .filter(|(id, _)| variant.inputs.contains(&id.as_str()))
                .collect();
            let result = evaluate(kpi.id, variant.id, &own);
            assert!(result.is_ok(), "{}/{}: {:?}", kpi.id, variant.id, result);
        }
    }
}

#[test]
fn only_dataset_only_kpis_lack_a_calculator() {
    let dataset_only: Vec<&str> =
        registry().iter().filter(|kpi| kpi.dataset_only).map(|kpi| kpi.id).collect();
    assert_eq!(dataset_only, ["qualitative_feedback"]);
}

#[test]
fn default_variant_unit_matches_result_unit() {
    for kpi in registry().iter().filter(|kpi| !kpi.dataset_only) {
        let outcome = evaluate(kpi.id, kpi.default_variant().id, &kpi.default_inputs());
        let unit = outcome.map(|o| o.value.unit);
        let same =
            unit.map(|u| std::mem::discriminant(&u) == std::mem::discriminant(&kpi.result_unit));
        assert_eq!(same, Ok(true), "{}: default variant unit differs from result_unit", kpi.id);
    }
}

#[test]
fn money_results_are_whole_cents() {
    for kpi in registry().iter().filter(|kpi| !kpi.dataset_only) {
        for variant in kpi.variants {
            if let Ok(outcome) = evaluate(kpi.id, variant.id, &kpi.default_inputs()) {
                if outcome.value.unit.is_money() {
                    let cents = outcome.value.value * 100.0;
                    assert_eq!(cents, cents.round(), "{}/{}", kpi.id, variant.id);
                }
            }
        }
    }
    assert!(matches!(kpi::find("arr").map(|k| k.result_unit), Some(Unit::Money)));
}

#[test]
fn unknown_ids_are_errors() {
    let inputs = kpi::Inputs::new();
    assert_eq!(evaluate("nope", "a", &inputs), Err(KpiError::UnknownKpi { kpi: "nope".into() }));
    assert_eq!(
        evaluate("churn_rate", "z", &inputs),
        Err(KpiError::UnknownVariant { kpi: "churn_rate".into(), variant: "z".into() })
    );
}
