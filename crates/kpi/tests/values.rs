//! Hand-computed values for every KPI and every variant, the catalogue's worked examples, band
//! edges and the formula shape the app renders.

// Helpers outside #[test] functions may unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kpi::{evaluate, registry, FormulaPart, InputValue, Inputs, Outcome, Quantity, Tone, Unit};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// Every (KPI, variant) pair a `check` has verified, for the coverage test.
static COVERED: Mutex<BTreeSet<(String, String)>> = Mutex::new(BTreeSet::new());

fn covered(kpi: &str, variant: &str) {
    COVERED.lock().unwrap().insert((kpi.to_string(), variant.to_string()));
}

fn inputs(values: &[(&str, f64)]) -> Inputs {
    values.iter().map(|(id, v)| (id.to_string(), InputValue::Number(*v))).collect()
}

fn run(kpi: &str, variant: &str, values: &[(&str, f64)]) -> Outcome {
    match evaluate(kpi, variant, &inputs(values)) {
        Ok(outcome) => outcome,
        Err(e) => panic!("{kpi}/{variant}: {e}"),
    }
}

/// Evaluates and compares with a hand-computed value (relative tolerance 1e-12, because
/// values like 2/110 have no exact binary form).
fn registry_default(kpi: &str) -> &'static str {
    registry().iter().find(|k| k.id == kpi).unwrap().default_variant().id
}

fn check(kpi: &str, variant: &str, values: &[(&str, f64)], expected: f64) {
    covered(kpi, variant);
    let got = run(kpi, variant, values).value.value;
    let tolerance = 1e-12 * expected.abs().max(1.0);
    assert!((got - expected).abs() <= tolerance, "{kpi}/{variant}: got {got}, expected {expected}");
}

/// Like [`check`] for variants that take one list input.
fn check_list(kpi: &str, variant: &str, id: &str, list: &[f64], expected: f64) {
    covered(kpi, variant);
    let mut map = Inputs::new();
    map.insert(id.to_string(), InputValue::List(list.to_vec()));
    let got = match evaluate(kpi, variant, &map) {
        Ok(outcome) => outcome.value.value,
        Err(e) => panic!("{kpi}/{variant}: {e}"),
    };
    let tolerance = 1e-12 * expected.abs().max(1.0);
    assert!((got - expected).abs() <= tolerance, "{kpi}/{variant}: got {got}, expected {expected}");
}

#[test]
fn worked_example_sales_velocity_is_2000_per_day() {
    // Seed 000: (100 × 3.000 € × 0,20) / 30 Tage = 2.000 € pro Tag.
    let values = [
        ("opportunities", 100.0),
        ("deal_value", 3000.0),
        ("win_rate", 0.20),
        ("cycle_days", 30.0),
    ];
    let outcome = run("sales_velocity", "standard", &values);
    assert_eq!(outcome.value, Quantity { value: 2000.0, unit: Unit::MoneyPerDay });
    assert_eq!(kpi::sales_velocity(100.0, 3000.0, 0.20, 30.0), Ok(2000.0));
}

#[test]
fn sales_velocity_formula_parts_are_exactly_the_contract() {
    let values = [
        ("opportunities", 100.0),
        ("deal_value", 3000.0),
        ("win_rate", 0.20),
        ("cycle_days", 30.0),
    ];
    let outcome = run("sales_velocity", "standard", &values);
    let input = |id, value, unit| FormulaPart::Input { id, value: Quantity { value, unit } };
    assert_eq!(
        outcome.formula,
        vec![
            FormulaPart::Op("("),
            input("opportunities", 100.0, Unit::Count),
            FormulaPart::Op("×"),
            input("deal_value", 3000.0, Unit::Money),
            FormulaPart::Op("×"),
            input("win_rate", 0.20, Unit::Ratio),
            FormulaPart::Op(")"),
            FormulaPart::Op("/"),
            input("cycle_days", 30.0, Unit::Days),
            FormulaPart::Op("="),
            FormulaPart::Result(Quantity { value: 2000.0, unit: Unit::MoneyPerDay }),
        ]
    );
}

#[test]
fn worked_example_churn_two_of_a_hundred() {
    // Catalogue: 2 lost of 100 at start = 2 %; variant B adds new customers to the base.
    check("churn_rate", "a", &[("lost", 2.0), ("start", 100.0)], 0.02);
    assert_eq!(run("churn_rate", "a", &[("lost", 2.0), ("start", 100.0)]).value.value, 0.02);
    check("churn_rate", "b", &[("lost", 2.0), ("start", 100.0), ("new", 10.0)], 2.0 / 110.0);
}

#[test]
fn seed_004_churn_example_is_computed_right() {
    // Seed 004 claims 100 at start, 2 lost, 5 won gives "10/5 or 100 %"; the right answer is
    // 2 of 100 = 2 %, and new customers do not change variant A.
    check("churn_rate", "a", &[("lost", 2.0), ("start", 100.0), ("new", 5.0)], 0.02);
}

#[test]
fn worked_example_advocacy_25_of_100() {
    let outcome = run("advocacy_rate", "standard", &[("would_recommend", 25.0), ("asked", 100.0)]);
    assert_eq!(outcome.value, Quantity { value: 0.25, unit: Unit::Ratio });
}

#[test]
fn worked_example_nps_from_a_hand_counted_list() {
    // 10 9 8 6 10 7 3 9 0 10 5 8: promoters 10,9,10,9,10 = 5; passives 8,7,8 = 3;
    // detractors 6,3,0,5 = 4; NPS = (5 − 4) / 12 × 100 = 8.33…
    let answers = [10.0, 9.0, 8.0, 6.0, 10.0, 7.0, 3.0, 9.0, 0.0, 10.0, 5.0, 8.0];
    let b = kpi::nps_from_scores(&answers).unwrap();
    assert_eq!((b.promoters, b.passives, b.detractors, b.total), (5, 3, 4, 12));
    assert_eq!(b.nps, 100.0 / 12.0);
    check_list("nps", "scores", "answers", &answers, 100.0 / 12.0);
    let mut map = Inputs::new();
    map.insert("answers".into(), InputValue::List(answers.to_vec()));
    let outcome = evaluate("nps", "scores", &map).unwrap();
    let shares: Vec<f64> = outcome.breakdown.iter().map(|(_, q)| q.value).collect();
    assert_eq!(shares, vec![5.0 / 12.0, 3.0 / 12.0, 4.0 / 12.0, 12.0]);
}

fn clv_cac_band(clv: f64, cac: f64) -> (f64, Tone, &'static str) {
    let outcome = run("clv_cac_ratio", "ratio", &[("clv", clv), ("cac", cac)]);
    let band = outcome.band.unwrap();
    (outcome.value.value, band.tone, band.label.en)
}

#[test]
fn clv_cac_bands_at_their_edges() {
    assert_eq!(clv_cac_band(1500.0, 500.0), (3.0, Tone::Good, "Healthy (≥ 3:1)"));
    assert_eq!(clv_cac_band(1000.0, 500.0), (2.0, Tone::Warn, "Marginal profit (2:1 to 3:1)"));
    assert_eq!(clv_cac_band(500.0, 500.0), (1.0, Tone::Bad, "Break-even or loss (≤ 1:1)"));
    assert_eq!(clv_cac_band(750.0, 500.0), (1.5, Tone::Bad, "Barely profitable (1:1 to 2:1)"));
    assert_eq!(clv_cac_band(1250.0, 500.0), (2.5, Tone::Warn, "Marginal profit (2:1 to 3:1)"));
    assert_eq!(clv_cac_band(2000.0, 500.0), (4.0, Tone::Good, "Healthy (≥ 3:1)"));
    assert_eq!(clv_cac_band(400.0, 500.0), (0.8, Tone::Bad, "Break-even or loss (≤ 1:1)"));
}

#[test]
fn clv_cac_breakdown_shows_clv_cac_and_profit() {
    let outcome = run("clv_cac_ratio", "ratio", &[("clv", 1500.0), ("cac", 500.0)]);
    let values: Vec<f64> = outcome.breakdown.iter().map(|(_, q)| q.value).collect();
    assert_eq!(values, vec![1500.0, 500.0, 1000.0]);
}

#[test]
fn nps_bands_split_at_zero() {
    let tone = |p: f64, d: f64| {
        run("nps", "counts", &[("promoters", p), ("passives", 10.0), ("detractors", d)])
            .band
            .map(|b| b.tone)
    };
    assert_eq!(tone(20.0, 20.0), Some(Tone::Warn));
    assert_eq!(tone(21.0, 20.0), Some(Tone::Good));
    assert_eq!(tone(20.0, 21.0), Some(Tone::Bad));
}

#[test]
fn lead_response_bands_include_5_and_30_minutes_in_the_better_band() {
    let tone = |minutes: f64| {
        run("lead_response_time", "mean", &[("total_minutes", minutes * 10.0), ("leads", 10.0)])
            .band
            .map(|b| b.tone)
    };
    assert_eq!(tone(5.0), Some(Tone::Good));
    assert_eq!(tone(5.5), Some(Tone::Warn));
    assert_eq!(tone(30.0), Some(Tone::Warn));
    assert_eq!(tone(31.0), Some(Tone::Bad));
    // The share variant is a ratio, so the minute bands do not apply.
    let share =
        run("lead_response_time", "share_within_5", &[("within_5_min", 1.0), ("leads", 2.0)]);
    assert_eq!(share.band, None);
}

#[test]
fn retention_and_churn() {
    check("retention_rate", "standard", &[("start", 200.0), ("end", 190.0), ("new", 30.0)], 0.8);
    check(
        "revenue_churn",
        "gross",
        &[("mrr_start", 20000.0), ("churned_mrr", 1000.0), ("contraction_mrr", 500.0)],
        0.075,
    );
    let ndr = [
        ("mrr_start", 20000.0),
        ("expansion_mrr", 3000.0),
        ("contraction_mrr", 500.0),
        ("churned_mrr", 1000.0),
    ];
    check("ndr", "standard", &ndr, 1.075);
    check("grr", "standard", &ndr, 0.925);
    check("renewal_rate", "standard", &[("renewed", 45.0), ("up_for_renewal", 60.0)], 0.75);
}

#[test]
fn revenue() {
    check("mrr", "arpu_customers", &[("arpu", 49.5), ("customers", 300.0)], 14850.0);
    check("mrr", "normalised", &[("monthly_plans", 12000.0), ("annual_plans", 24000.0)], 14000.0);
    check("arr", "standard", &[("mrr", 14850.0)], 178200.0);
    check("arpu", "per_customer", &[("revenue", 25000.0), ("customers", 200.0)], 125.0);
    check("arpu", "per_average_user", &[("revenue", 25000.0), ("average_users", 160.0)], 156.25);
    check(
        "expansion_mrr",
        "with_one_time",
        &[("customers", 200.0), ("arpu", 50.0), ("one_time", 750.0)],
        10750.0,
    );
    // The default is the dashboard's movement: end minus start MRR of the customers who grew.
    assert_eq!(registry_default("expansion_mrr"), "movement");
    check(
        "expansion_mrr",
        "movement",
        &[("expanding_mrr_end", 5800.0), ("expanding_mrr_start", 5000.0)],
        800.0,
    );
    check(
        "expansion_mrr",
        "by_source",
        &[("upgrade_mrr", 400.0), ("cross_sell_mrr", 150.5), ("addon_mrr", 99.5)],
        650.0,
    );
    let movements = [
        ("mrr_start", 50000.0),
        ("new_mrr", 5000.0),
        ("expansion_mrr", 2000.0),
        ("reactivation_mrr", 500.0),
        ("contraction_mrr", 1500.0),
        ("churned_mrr", 2500.0),
    ];
    check("mrr_movements", "waterfall", &movements, 53500.0);
    let net = run("mrr_movements", "waterfall", &movements).breakdown[0].1.value;
    assert_eq!(net, 3500.0);
    check("upsell_rate", "customer_share", &[("upgraded", 30.0), ("customers", 400.0)], 0.075);
    check(
        "upsell_rate",
        "revenue_share",
        &[("upsell_revenue", 4500.0), ("revenue", 60000.0)],
        0.075,
    );
    check(
        "cross_sell_rate",
        "customer_share",
        &[("cross_bought", 20.0), ("customers", 400.0)],
        0.05,
    );
    check(
        "cross_sell_rate",
        "revenue_share",
        &[("cross_sell_revenue", 3000.0), ("revenue", 60000.0)],
        0.05,
    );
    check(
        "share_of_wallet",
        "standard",
        &[("our_revenue", 2500.0), ("category_spend", 10000.0)],
        0.25,
    );
}

#[test]
fn money_sums_are_exact_to_the_cent() {
    // 0.10 + 0.20 is 0.30000000000000004 in f64; money results are rounded to cents.
    let outcome = run(
        "expansion_mrr",
        "by_source",
        &[("upgrade_mrr", 0.1), ("cross_sell_mrr", 0.2), ("addon_mrr", 0.0)],
    );
    assert_eq!(outcome.value.value, 0.3);
    assert_eq!(outcome.value.cents(), Some(30));
    // 100 ÷ 3 = 33.333… → 33.33.
    check("arpu", "per_customer", &[("revenue", 100.0), ("customers", 3.0)], 33.33);
}

// Bug: money results were rounded with `(x × 100).round() / 100` on the f64, and the f64
// nearest to 2.01 ÷ 2 = 1.005 lies just below it, so 2,01 € ÷ 2 came out as 1,00 € while the
// dashboard's integer division (201 cents ÷ 2 rounded half up) says 1,01 €.
#[test]
fn money_results_round_half_up_like_the_dashboard() {
    let half = |revenue: f64, customers: f64| {
        run("arpu", "per_customer", &[("revenue", revenue), ("customers", customers)]).value
    };
    assert_eq!(half(2.01, 2.0).value, 1.01);
    assert_eq!(half(2.01, 2.0).cents(), Some(101));
    // 0,05 € ÷ 2 = 0,025 € → 0,03 €; 10,01 € ÷ 2 = 5,005 € → 5,01 €; 0,03 € ÷ 2 → 0,02 €.
    assert_eq!(half(0.05, 2.0).cents(), Some(3));
    assert_eq!(half(10.01, 2.0).cents(), Some(501));
    assert_eq!(half(0.03, 2.0).cents(), Some(2));
    // Just below a half cent stays below: 0,02 € ÷ 3 = 0,00666… € → 0,01 €; 1,00 € ÷ 8 =
    // 0,125 € → 0,13 €; 1,00 € ÷ 400 = 0,0025 € → 0,00 €.
    assert_eq!(half(0.02, 3.0).cents(), Some(1));
    assert_eq!(half(1.0, 8.0).cents(), Some(13));
    assert_eq!(half(1.0, 400.0).cents(), Some(0));
    // A negative money result (net new MRR) rounds half away from zero, as the dashboard does:
    // 1.000 − 1.000,005 is −0,005 € → −0,01 €.
    let net = run(
        "mrr_movements",
        "waterfall",
        &[
            ("mrr_start", 1000.005),
            ("new_mrr", 0.0),
            ("expansion_mrr", 0.0),
            ("reactivation_mrr", 0.0),
            ("contraction_mrr", 0.005),
            ("churned_mrr", 0.0),
        ],
    );
    assert_eq!(net.value.cents(), Some(100_000));
    assert_eq!(net.breakdown[0].1.cents(), Some(-1));
    // Not money: no cents.
    assert_eq!(run("churn_rate", "a", &[("lost", 1.0), ("start", 3.0)]).value.cents(), None);
}

// Bug: the DAU input was a count, so the average 312,5 daily users was refused as "must be a
// whole number".
#[test]
fn dau_accepts_an_average() {
    check("dau_mau", "standard", &[("dau", 312.5), ("mau", 1250.0)], 0.25);
}

#[test]
fn value_and_cost() {
    let clv_a = [("purchase_value", 80.0), ("purchase_frequency", 6.0), ("lifespan_years", 2.5)];
    check("clv", "a", &clv_a, 1200.0);
    check(
        "clv",
        "b",
        &[("annual_revenue", 2400.0), ("lifespan_years", 4.0), ("cac", 1500.0)],
        8100.0,
    );
    check("clv", "c", &[("customer_value", 1500.0), ("lifespan_years", 2.5)], 3750.0);
    check("clv", "d", &[("arpu", 200.0), ("gross_margin", 0.75), ("churn_rate", 0.05)], 3000.0);
    check(
        "cac",
        "standard",
        &[("sales_cost", 40000.0), ("marketing_cost", 20000.0), ("customers_won", 120.0)],
        500.0,
    );
    check("clv_cac_ratio", "ratio", &[("clv", 1500.0), ("cac", 500.0)], 3.0);
    check(
        "cac_payback_months",
        "standard",
        &[("cac", 900.0), ("arpu", 150.0), ("gross_margin", 0.6)],
        10.0,
    );
    check(
        "retention_cost",
        "standard",
        &[
            ("cs_payroll", 40000.0),
            ("programmes", 6000.0),
            ("services", 3000.0),
            ("customer_marketing", 1000.0),
            ("customers", 250.0),
        ],
        200.0,
    );
    check("roi", "standard", &[("gain", 12000.0), ("cost", 8000.0)], 0.5);
    check("roi", "standard", &[("gain", 6000.0), ("cost", 8000.0)], -0.25);
}

#[test]
fn clv_b_may_be_negative_when_cac_exceeds_lifetime_revenue() {
    check(
        "clv",
        "b",
        &[("annual_revenue", 100.0), ("lifespan_years", 2.0), ("cac", 500.0)],
        -300.0,
    );
}

#[test]
fn surveys() {
    check("nps", "counts", &[("promoters", 40.0), ("passives", 35.0), ("detractors", 25.0)], 15.0);
    check_list("csat", "a", "answers", &[5.0, 4.0, 3.0, 2.0, 1.0, 4.0, 5.0, 5.0], 0.625);
    check_list("csat", "b", "answers_10", &[6.0, 5.0, 10.0, 1.0, 7.0, 9.0, 2.0, 6.0], 0.625);
    check("csat", "counts", &[("satisfied", 45.0), ("responses", 60.0)], 0.75);
    check_list("ces", "a", "answers", &[1.0, 2.0, 3.0, 4.0, 5.0, 1.0, 2.0, 2.0], 2.5);
    check_list("ces", "b", "answers_7", &[7.0, 7.0, 6.0, 5.0, 4.0, 3.0, 6.0, 6.0], 5.5);
    check("ces", "c", &[("positive", 30.0), ("responses", 40.0)], 0.75);
    check("advocacy_rate", "standard", &[("would_recommend", 25.0), ("asked", 100.0)], 0.25);
    // 20×1 + 60×0.5 + 1×2 + 4×1.5 + 0.5×10 + 0.25×8 = 20 + 30 + 2 + 6 + 5 + 2 = 65.
    check(
        "engagement_score",
        "weighted",
        &[
            ("visits", 20.0),
            ("w_visits", 1.0),
            ("minutes_on_site", 60.0),
            ("w_minutes", 0.5),
            ("forms", 1.0),
            ("w_forms", 2.0),
            ("social", 4.0),
            ("w_social", 1.5),
            ("newsletter_rate", 0.5),
            ("w_newsletter", 10.0),
            ("survey_rate", 0.25),
            ("w_survey", 8.0),
        ],
        65.0,
    );
    // (1×1.0 + 1×0.5 + 2×0.0) ÷ 4 × 100 = 37.5.
    check(
        "health_score",
        "weighted",
        &[
            ("frequency", 1.0),
            ("w_frequency", 1.0),
            ("breadth", 0.5),
            ("w_breadth", 1.0),
            ("depth", 0.0),
            ("w_depth", 2.0),
        ],
        37.5,
    );
}

#[test]
fn survey_helpers_match_the_registry() {
    use kpi::{ces_from_scores, csat_from_scores, CesVariant, CsatScale};
    assert_eq!(csat_from_scores(&[5.0, 4.0, 3.0, 2.0], CsatScale::FivePoint), Ok(0.5));
    assert_eq!(csat_from_scores(&[6.0, 5.0, 10.0, 1.0], CsatScale::TenPoint), Ok(0.5));
    assert_eq!(ces_from_scores(&[7.0, 7.0, 6.0, 5.0, 4.0, 3.0, 6.0, 6.0], CesVariant::B), Ok(5.5));
    assert_eq!(ces_from_scores(&[5.0, 4.0, 7.0, 1.0], CesVariant::C), Ok(0.5));
    let counts = kpi::nps_from_counts(40, 35, 25).unwrap();
    assert_eq!(counts.nps, 15.0);
    assert_eq!(counts.promoter_share(), 0.4);
    assert_eq!(counts.passive_share(), 0.35);
    assert_eq!(counts.detractor_share(), 0.25);
}

#[test]
fn support() {
    check("fcr", "standard", &[("resolved_first", 60.0), ("tickets", 80.0)], 0.75);
    check("resolution_rate", "standard", &[("resolved", 95.0), ("opened", 100.0)], 0.95);
    check("first_response_time", "mean", &[("total_minutes", 4500.0), ("tickets", 90.0)], 50.0);
    // Sorted 10 15 20 30 400: median 20; nearest-rank p90 = 5th value = 400; mean 95.
    let times = [30.0, 10.0, 20.0, 400.0, 15.0];
    check_list("first_response_time", "median", "response_minutes", &times, 20.0);
    let mut map = Inputs::new();
    map.insert("response_minutes".into(), InputValue::List(times.to_vec()));
    let outcome = evaluate("first_response_time", "median", &map).unwrap();
    let extra: Vec<f64> = outcome.breakdown.iter().map(|(_, q)| q.value).collect();
    assert_eq!(extra, vec![400.0, 95.0]);
    // Even count: mean of the two middle values.
    check_list("first_response_time", "median", "response_minutes", &[1.0, 2.0, 4.0, 9.0], 3.0);
    check("lead_response_time", "mean", &[("total_minutes", 700.0), ("leads", 140.0)], 5.0);
    check(
        "lead_response_time",
        "share_within_5",
        &[("within_5_min", 35.0), ("leads", 140.0)],
        0.25,
    );
    check("ticket_volume", "per_period", &[("tickets", 300.0), ("periods", 12.0)], 25.0);
    check("ticket_volume", "vs_baseline", &[("current", 60.0), ("baseline", 40.0)], 1.5);
}

#[test]
fn sales_and_funnel() {
    let velocity =
        [("opportunities", 50.0), ("deal_value", 1200.0), ("win_rate", 0.25), ("cycle_days", 15.0)];
    check("sales_velocity", "standard", &velocity, 1000.0);
    check("win_rate", "standard", &[("won", 30.0), ("lost", 70.0)], 0.3);
    // Seed 000: three won deals of 20.000 € against one lost customer of 100.000 €.
    check("win_loss_ratio", "by_count", &[("won", 3.0), ("lost", 1.0)], 3.0);
    check("win_loss_ratio", "by_value", &[("won_value", 60000.0), ("lost_value", 100000.0)], 0.6);
    check("conversion_rate", "per_visitor", &[("conversions", 25.0), ("visitors", 500.0)], 0.05);
    check("conversion_rate", "per_lead", &[("conversions", 25.0), ("leads", 100.0)], 0.25);
    check("free_to_paid", "standard", &[("converted", 18.0), ("trials", 120.0)], 0.15);
    check("onboarding_dropoff", "step", &[("reached", 300.0), ("left", 45.0)], 0.15);
    check("onboarding_dropoff", "overall", &[("started", 300.0), ("completed", 75.0)], 0.75);
}

#[test]
fn usage() {
    check("dau_mau", "standard", &[("dau", 250.0), ("mau", 1000.0)], 0.25);
    check(
        "avg_session_duration",
        "standard",
        &[("total_seconds", 5400.0), ("sessions", 18.0)],
        300.0,
    );
    check("product_usage_rate", "users", &[("active_users", 45.0), ("licensed_users", 60.0)], 0.75);
    check(
        "product_usage_rate",
        "features",
        &[("features_used", 3.0), ("key_features", 12.0)],
        0.25,
    );
    check("sessions_per_day", "standard", &[("sessions", 210.0), ("days", 7.0)], 30.0);
}

#[test]
fn extra_inputs_are_ignored() {
    // Variant A must not read "new", even when it is nonsense.
    check("churn_rate", "a", &[("lost", 2.0), ("start", 100.0), ("new", -5.0)], 0.02);
}

#[test]
fn direction_follows_the_variant() {
    let ces = kpi::find("ces").unwrap();
    assert_eq!(ces.direction_for("a"), kpi::Direction::LowerIsBetter);
    assert_eq!(ces.direction_for("b"), kpi::Direction::HigherIsBetter);
    let lead = kpi::find("lead_response_time").unwrap();
    assert_eq!(lead.direction_for("mean"), kpi::Direction::LowerIsBetter);
    assert_eq!(lead.direction_for("share_within_5"), kpi::Direction::HigherIsBetter);
    let churn = kpi::find("churn_rate").unwrap();
    assert_eq!(churn.direction_for("b"), kpi::Direction::LowerIsBetter);
}

#[test]
fn default_inputs_use_lists_for_list_units() {
    let nps = kpi::find("nps").unwrap();
    let defaults = nps.default_inputs();
    assert!(matches!(defaults.get("answers"), Some(InputValue::List(l)) if l.len() == 10));
    assert_eq!(defaults.get("promoters"), Some(&InputValue::Number(50.0)));
}

#[test]
fn hand_computed_cases_cover_every_variant() {
    worked_example_churn_two_of_a_hundred();
    worked_example_nps_from_a_hand_counted_list();
    retention_and_churn();
    revenue();
    value_and_cost();
    surveys();
    support();
    sales_and_funnel();
    usage();
    let covered = COVERED.lock().unwrap().clone();
    for kpi in registry().iter().filter(|kpi| !kpi.dataset_only) {
        for variant in kpi.variants {
            let pair = (kpi.id.to_string(), variant.id.to_string());
            assert!(covered.contains(&pair), "no hand-computed case for {}/{}", kpi.id, variant.id);
        }
    }
}
