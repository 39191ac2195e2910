//! Bad input is a typed error naming the field to fix, with a German and an English message.

// Helpers outside #[test] functions may unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kpi::{evaluate, InputValue, Inputs, KpiError, Lang};

fn inputs(values: &[(&str, f64)]) -> Inputs {
    values.iter().map(|(id, v)| (id.to_string(), InputValue::Number(*v))).collect()
}

fn check_err(kpi: &str, variant: &str, values: &[(&str, f64)], expected: KpiError) {
    assert_eq!(evaluate(kpi, variant, &inputs(values)), Err(expected), "{kpi}/{variant}");
}

fn list(id: &str, values: &[f64]) -> Inputs {
    let mut map = Inputs::new();
    map.insert(id.to_string(), InputValue::List(values.to_vec()));
    map
}

const VELOCITY: [(&str, f64); 4] =
    [("opportunities", 100.0), ("deal_value", 3000.0), ("win_rate", 0.2), ("cycle_days", 30.0)];

fn velocity_with(id: &str, value: f64) -> Vec<(&'static str, f64)> {
    VELOCITY.iter().map(|&(k, v)| (k, if k == id { value } else { v })).collect()
}

#[test]
fn sales_velocity_errors() {
    let sv = "sales_velocity";
    check_err(
        sv,
        "standard",
        &velocity_with("cycle_days", 0.0),
        KpiError::DivisionByZero { input: "cycle_days" },
    );
    check_err(
        sv,
        "standard",
        &velocity_with("opportunities", -1.0),
        KpiError::Negative { input: "opportunities", value: -1.0 },
    );
    check_err(
        sv,
        "standard",
        &velocity_with("deal_value", -5.0),
        KpiError::Negative { input: "deal_value", value: -5.0 },
    );
    check_err(
        sv,
        "standard",
        &velocity_with("win_rate", 1.5),
        KpiError::RatioAboveOne { input: "win_rate", value: 1.5 },
    );
    check_err(
        sv,
        "standard",
        &velocity_with("deal_value", f64::NAN),
        KpiError::NotFinite { input: "deal_value" },
    );
    check_err(
        sv,
        "standard",
        &velocity_with("cycle_days", f64::INFINITY),
        KpiError::NotFinite { input: "cycle_days" },
    );
    check_err(
        sv,
        "standard",
        &velocity_with("opportunities", 2.5),
        KpiError::NotWhole { input: "opportunities", value: 2.5 },
    );
    // The free function reports the same errors.
    assert_eq!(
        kpi::sales_velocity(100.0, 3000.0, 0.2, 0.0),
        Err(KpiError::DivisionByZero { input: "cycle_days" })
    );
    assert_eq!(
        kpi::sales_velocity(-1.0, 3000.0, 0.2, 30.0),
        Err(KpiError::Negative { input: "opportunities", value: -1.0 })
    );
    assert_eq!(
        kpi::sales_velocity(100.0, 3000.0, 1.2, 30.0),
        Err(KpiError::RatioAboveOne { input: "win_rate", value: 1.2 })
    );
    assert_eq!(
        kpi::sales_velocity(100.0, f64::NAN, 0.2, 30.0),
        Err(KpiError::NotFinite { input: "deal_value" })
    );
    assert_eq!(
        kpi::sales_velocity(f64::MAX, f64::MAX, 1.0, 1.0),
        Err(KpiError::Overflow { kpi: "sales_velocity" })
    );
}

#[test]
fn missing_and_wrong_kind() {
    check_err("churn_rate", "a", &[("lost", 2.0)], KpiError::MissingInput { input: "start" });
    let mut map = inputs(&[("lost", 2.0)]);
    map.insert("start".into(), InputValue::List(vec![100.0]));
    assert_eq!(
        evaluate("churn_rate", "a", &map),
        Err(KpiError::WrongKind { input: "start", expected_list: false })
    );
    assert_eq!(
        evaluate("nps", "scores", &inputs(&[("answers", 9.0)])),
        Err(KpiError::WrongKind { input: "answers", expected_list: true })
    );
}

#[test]
fn counts_that_contradict_each_other() {
    check_err(
        "churn_rate",
        "a",
        &[("lost", 120.0), ("start", 100.0)],
        KpiError::LostExceedsExisting { lost: 120.0, existing: 100.0 },
    );
    check_err(
        "churn_rate",
        "b",
        &[("lost", 120.0), ("start", 100.0), ("new", 10.0)],
        KpiError::LostExceedsExisting { lost: 120.0, existing: 110.0 },
    );
    check_err(
        "churn_rate",
        "a",
        &[("lost", 0.0), ("start", 0.0)],
        KpiError::DivisionByZero { input: "start" },
    );
    check_err(
        "retention_rate",
        "standard",
        &[("start", 100.0), ("end", 5.0), ("new", 10.0)],
        KpiError::PartExceedsWhole {
            part: "new",
            whole: "end",
            part_value: 10.0,
            whole_value: 5.0,
        },
    );
    check_err(
        "retention_rate",
        "standard",
        &[("start", 100.0), ("end", 150.0), ("new", 10.0)],
        KpiError::RetainedExceedsStart { retained: 140.0, start: 100.0 },
    );
    check_err(
        "renewal_rate",
        "standard",
        &[("renewed", 11.0), ("up_for_renewal", 10.0)],
        KpiError::PartExceedsWhole {
            part: "renewed",
            whole: "up_for_renewal",
            part_value: 11.0,
            whole_value: 10.0,
        },
    );
    check_err(
        "onboarding_dropoff",
        "overall",
        &[("started", 10.0), ("completed", 12.0)],
        KpiError::FunnelGrows {
            part: "completed",
            whole: "started",
            part_value: 12.0,
            whole_value: 10.0,
        },
    );
}

#[test]
fn mrr_losses_cannot_exceed_what_there_was() {
    let losses = [("mrr_start", 1000.0), ("churned_mrr", 800.0), ("contraction_mrr", 300.0)];
    let expected = KpiError::MrrLossExceedsStart { lost: 1100.0, start: 1000.0 };
    check_err("revenue_churn", "gross", &losses, expected.clone());
    check_err("grr", "standard", &losses, expected.clone());
    let mut ndr = losses.to_vec();
    ndr.push(("expansion_mrr", 500.0));
    check_err("ndr", "standard", &ndr, expected);
    check_err(
        "mrr_movements",
        "waterfall",
        &[
            ("mrr_start", 100.0),
            ("new_mrr", 0.0),
            ("expansion_mrr", 0.0),
            ("reactivation_mrr", 0.0),
            ("contraction_mrr", 50.0),
            ("churned_mrr", 60.0),
        ],
        KpiError::MrrLossExceedsStart { lost: 110.0, start: 100.0 },
    );
}

#[test]
fn divisions_by_zero_name_the_divisor() {
    check_err(
        "clv",
        "d",
        &[("arpu", 100.0), ("gross_margin", 0.8), ("churn_rate", 0.0)],
        KpiError::DivisionByZero { input: "churn_rate" },
    );
    check_err(
        "cac_payback_months",
        "standard",
        &[("cac", 100.0), ("arpu", 0.0), ("gross_margin", 0.8)],
        KpiError::DivisionByZero { input: "arpu" },
    );
    check_err(
        "cac_payback_months",
        "standard",
        &[("cac", 100.0), ("arpu", 10.0), ("gross_margin", 0.0)],
        KpiError::DivisionByZero { input: "gross_margin" },
    );
    check_err(
        "win_rate",
        "standard",
        &[("won", 0.0), ("lost", 0.0)],
        KpiError::DivisionByZero { input: "won" },
    );
    check_err(
        "win_loss_ratio",
        "by_count",
        &[("won", 3.0), ("lost", 0.0)],
        KpiError::DivisionByZero { input: "lost" },
    );
    check_err(
        "nps",
        "counts",
        &[("promoters", 0.0), ("passives", 0.0), ("detractors", 0.0)],
        KpiError::NoAnswers { input: "promoters" },
    );
    let zero_weights = [
        ("frequency", 0.5),
        ("w_frequency", 0.0),
        ("breadth", 0.5),
        ("w_breadth", 0.0),
        ("depth", 0.5),
        ("w_depth", 0.0),
    ];
    check_err(
        "health_score",
        "weighted",
        &zero_weights,
        KpiError::DivisionByZero { input: "w_frequency" },
    );
}

#[test]
fn survey_answers_off_the_scale() {
    let off = |value, index, min, max| KpiError::ScoreOffScale { value, index, min, max };
    assert_eq!(
        evaluate("nps", "scores", &list("answers", &[9.0, 11.0])),
        Err(off(11.0, 1, 0.0, 10.0))
    );
    assert_eq!(evaluate("nps", "scores", &list("answers", &[7.5])), Err(off(7.5, 0, 0.0, 10.0)));
    assert_eq!(evaluate("nps", "scores", &list("answers", &[-1.0])), Err(off(-1.0, 0, 0.0, 10.0)));
    assert_eq!(
        evaluate("nps", "scores", &list("answers", &[])),
        Err(KpiError::NoAnswers { input: "answers" })
    );
    assert_eq!(evaluate("csat", "a", &list("answers", &[5.0, 0.0])), Err(off(0.0, 1, 1.0, 5.0)));
    assert_eq!(evaluate("csat", "b", &list("answers_10", &[0.0])), Err(off(0.0, 0, 1.0, 10.0)));
    assert_eq!(evaluate("ces", "b", &list("answers_7", &[8.0])), Err(off(8.0, 0, 1.0, 7.0)));
    // NaN is off every scale rather than slipping through a comparison.
    let nan = evaluate("ces", "a", &list("answers", &[f64::NAN]));
    assert!(matches!(nan, Err(KpiError::ScoreOffScale { index: 0, .. })));
    assert_eq!(kpi::nps_from_scores(&[10.0, 10.5]), Err(off(10.5, 1, 0.0, 10.0)));
    assert_eq!(kpi::nps_from_counts(0, 0, 0), Err(KpiError::NoAnswers { input: "promoters" }));
}

#[test]
fn score_errors_point_at_the_list_of_their_scale() {
    let off = |min, max| KpiError::ScoreOffScale { value: 99.0, index: 0, min, max };
    assert_eq!(off(0.0, 10.0).input(), Some("answers"));
    assert_eq!(off(1.0, 5.0).input(), Some("answers"));
    assert_eq!(off(1.0, 7.0).input(), Some("answers_7"));
    assert_eq!(off(1.0, 10.0).input(), Some("answers_10"));
}

#[test]
fn response_times_must_be_non_negative() {
    assert_eq!(
        evaluate("first_response_time", "median", &list("response_minutes", &[3.0, -1.0])),
        Err(KpiError::BadListEntry { input: "response_minutes", index: 1, value: -1.0 })
    );
}

#[test]
fn huge_but_finite_inputs_overflow_instead_of_returning_infinity() {
    check_err(
        "mrr",
        "arpu_customers",
        &[("arpu", 1e300), ("customers", 1e300)],
        KpiError::Overflow { kpi: "mrr" },
    );
}

#[test]
fn dataset_only_kpis_say_so() {
    assert_eq!(
        evaluate("qualitative_feedback", "word_frequency", &Inputs::new()),
        Err(KpiError::DatasetOnly { kpi: "qualitative_feedback" })
    );
}

#[test]
fn messages_exist_in_both_languages_and_say_what_to_change() {
    let errors = [
        KpiError::UnknownKpi { kpi: "x".into() },
        KpiError::UnknownVariant { kpi: "churn_rate".into(), variant: "z".into() },
        KpiError::MissingInput { input: "start" },
        KpiError::WrongKind { input: "answers", expected_list: true },
        KpiError::WrongKind { input: "start", expected_list: false },
        KpiError::NotFinite { input: "start" },
        KpiError::Negative { input: "start", value: -1.0 },
        KpiError::NotWhole { input: "start", value: 1.5 },
        KpiError::DivisionByZero { input: "cycle_days" },
        KpiError::LostExceedsExisting { lost: 3.0, existing: 2.0 },
        KpiError::MrrLossExceedsStart { lost: 3.0, start: 2.0 },
        KpiError::RetainedExceedsStart { retained: 3.0, start: 2.0 },
        KpiError::PartExceedsWhole { part: "a", whole: "b", part_value: 3.0, whole_value: 2.0 },
        KpiError::RatioAboveOne { input: "win_rate", value: 1.5 },
        KpiError::ScoreOffScale { value: 11.0, index: 0, min: 0.0, max: 10.0 },
        KpiError::OutOfRange { input: "x", value: 5.0, min: Some(1.0), max: Some(4.0) },
        KpiError::NoAnswers { input: "answers" },
        KpiError::BadListEntry { input: "response_minutes", index: 0, value: -1.0 },
        KpiError::FunnelGrows { part: "a", whole: "b", part_value: 3.0, whole_value: 2.0 },
        KpiError::Overflow { kpi: "mrr" },
        KpiError::DatasetOnly { kpi: "qualitative_feedback" },
    ];
    for error in &errors {
        let de = error.message(Lang::De);
        let en = error.message(Lang::En);
        assert!(!de.is_empty() && !en.is_empty(), "{error:?}");
        assert_ne!(de, en, "{error:?}: German and English are the same");
        if let Some(input) = error.input() {
            // The message names the field, except where the field is implied by the variant.
            let implied = matches!(
                error,
                KpiError::LostExceedsExisting { .. }
                    | KpiError::MrrLossExceedsStart { .. }
                    | KpiError::RetainedExceedsStart { .. }
                    | KpiError::ScoreOffScale { .. }
            );
            assert!(implied || en.contains(input), "{error:?}: English message lacks {input}");
        }
    }
    assert_eq!(
        KpiError::DivisionByZero { input: "cycle_days" }.message(Lang::De),
        "„cycle_days“ ist 0, es wird aber dadurch geteilt. Bitte einen Wert über 0 eingeben."
    );
    assert_eq!(KpiError::LostExceedsExisting { lost: 3.0, existing: 2.0 }.input(), Some("lost"));
    assert_eq!(KpiError::Overflow { kpi: "mrr" }.input(), None);
}

#[test]
fn message_for_uses_the_input_names() {
    let Some(def) = kpi::find("sales_velocity") else { panic!("sales_velocity missing") };
    let error = KpiError::DivisionByZero { input: "cycle_days" };
    assert_eq!(
        error.message_for(def, Lang::De),
        "„Verkaufszyklus (Tage)“ ist 0, es wird aber dadurch geteilt. Bitte einen Wert über 0 eingeben."
    );
    assert_eq!(
        error.message_for(def, Lang::En),
        "“Sales cycle (days)” is 0 but the formula divides by it. Please enter a value above 0."
    );
}

// Bug: error texts printed raw f64 values, so a win rate of 1.1 read "cannot exceed 100 %
// (110.00000000000001)" and German texts used a decimal point ("(2.5)").
#[test]
fn error_texts_format_their_numbers_in_the_users_locale() {
    let nnbsp = '\u{202F}';
    let above = KpiError::RatioAboveOne { input: "win_rate", value: 1.1 };
    assert_eq!(
        above.message(Lang::De),
        format!("„win_rate“ ist ein Anteil und darf höchstens 100{nnbsp}% sein (110{nnbsp}%).")
    );
    assert_eq!(above.message(Lang::En), "“win_rate” is a share and cannot exceed 100% (110%).");
    assert_eq!(above.to_string(), "input `win_rate` is above 100 % (110%)");
    // Decimals in the locale's separator, thousands grouped, f64 noise gone.
    let whole = KpiError::NotWhole { input: "opportunities", value: 312.5 };
    assert!(whole.message(Lang::De).ends_with("(312,5)."), "{}", whole.message(Lang::De));
    assert!(whole.message(Lang::En).ends_with("(312.5)."), "{}", whole.message(Lang::En));
    let mrr = KpiError::MrrLossExceedsStart { lost: 0.1 + 0.2 + 1000.0, start: 1000.0 };
    let de = mrr.message(Lang::De);
    assert!(de.contains("= 1.000,3)") && de.contains("(1.000)"), "{de}");
    assert!(mrr.message(Lang::En).contains("= 1,000.3)"), "{}", mrr.message(Lang::En));
    assert_eq!(mrr.to_string(), "MRR lost (1,000.3) exceeds MRR available (1,000)");
    // With the KPI known, a share input's value shows as a percentage.
    let Some(def) = kpi::find("sales_velocity") else { panic!("sales_velocity missing") };
    let negative = KpiError::Negative { input: "win_rate", value: -0.05 };
    assert!(
        negative.message_for(def, Lang::De).contains(&format!("(−5{nnbsp}%)")),
        "{}",
        negative.message_for(def, Lang::De)
    );
    let range = KpiError::OutOfRange { input: "x", value: 5.25, min: Some(1.0), max: Some(4.5) };
    assert_eq!(
        range.message(Lang::De),
        "„x“ (5,25) liegt außerhalb des gültigen Bereichs 1 … 4,5."
    );
    // Every variant's texts: no float noise in either language.
    let noisy = [
        KpiError::LostExceedsExisting { lost: 0.1 + 0.2, existing: 0.2 },
        KpiError::RetainedExceedsStart { retained: 0.1 + 0.2, start: 0.2 },
        KpiError::PartExceedsWhole {
            part: "a",
            whole: "b",
            part_value: 0.1 + 0.2,
            whole_value: 0.2,
        },
        KpiError::ScoreOffScale { value: 0.1 + 0.2, index: 0, min: 0.0, max: 10.0 },
        KpiError::BadListEntry { input: "response_minutes", index: 0, value: 0.1 + 0.2 },
        KpiError::FunnelGrows { part: "a", whole: "b", part_value: 0.1 + 0.2, whole_value: 0.2 },
    ];
    for error in &noisy {
        for text in [error.message(Lang::De), error.message(Lang::En), error.to_string()] {
            assert!(!text.contains("0000"), "{error:?}: {text}");
        }
        assert!(error.message(Lang::De).contains("0,3"), "{error:?}");
        assert!(error.message(Lang::En).contains("0.3"), "{error:?}");
    }
}
