//! Invariants over arbitrary input: no panics, no NaN or infinity, ranges and relations the
//! definitions imply, monotonicity.

// Helpers outside #[test] functions may unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kpi::{evaluate, registry, FormulaPart, InputValue, Inputs};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(256)
}

/// Mostly plausible values (so calculators get past validation) mixed with hostile ones.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (0u32..200).prop_map(f64::from),
        2 => 0.0..1.0f64,
        1 => (0u32..11).prop_map(f64::from),
        1 => any::<f64>(),
        1 => prop_oneof![
            Just(0.0),
            Just(-0.0),
            Just(-1.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(f64::MAX),
            Just(f64::MIN_POSITIVE),
            Just(1e300),
        ],
    ]
}

fn number(x: f64) -> InputValue {
    InputValue::Number(x)
}

fn num_inputs(values: &[(&str, f64)]) -> Inputs {
    values.iter().map(|(id, v)| (id.to_string(), number(*v))).collect()
}

fn finite(outcome: &kpi::Outcome) -> bool {
    outcome.value.value.is_finite()
        && outcome.breakdown.iter().all(|(_, q)| q.value.is_finite())
        && outcome.formula.iter().all(|part| match part {
            FormulaPart::Input { value, .. } | FormulaPart::Result(value) => {
                value.value.is_finite()
            }
            FormulaPart::Text(_) | FormulaPart::Op(_) => true,
        })
}

/// Every KPI and variant evaluated on `numbers`/`list`: outcomes must be finite and money
/// whole cents. Returns how many evaluations succeeded.
fn check_outcomes(numbers: &[f64], list: &[f64], as_list: bool) -> Result<u64, TestCaseError> {
    let mut ok = 0;
    for kpi in registry() {
        // Every input gets a value; list inputs sometimes get a number and vice versa.
        let inputs: Inputs = kpi
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| {
                let wants_list = input.unit.is_list() != (as_list && i == 0);
                let v = if wants_list {
                    InputValue::List(list.to_vec())
                } else {
                    number(numbers[i % numbers.len()])
                };
                (input.id.to_string(), v)
            })
            .collect();
        for variant in kpi.variants {
            if let Ok(outcome) = evaluate(kpi.id, variant.id, &inputs) {
                ok += 1;
                prop_assert!(finite(&outcome), "{}/{}: {:?}", kpi.id, variant.id, outcome);
                if outcome.value.unit.is_money() {
                    let cents = outcome.value.value * 100.0;
                    // Whole cents, within f64 precision for large sums.
                    prop_assert!((cents - cents.round()).abs() <= cents.abs() * 1e-15);
                }
            }
        }
    }
    Ok(ok)
}

// Bug: this property checked outcomes only `if let Ok`, with no minimum of successful
// evaluations, so it passed even if every evaluation failed. It now counts them: at least
// a tenth of all evaluations over the run must succeed and so be checked (about a fifth do
// today: 3,189 of 16,128 with the fixed case budget; hostile values fail validation).
#[test]
fn evaluate_never_panics_and_never_returns_non_finite() {
    let strategy =
        (prop::collection::vec(value(), 12), prop::collection::vec(value(), 0..12), any::<bool>());
    let (ok, all) = (std::cell::Cell::new(0u64), std::cell::Cell::new(0u64));
    let per_case: u64 = registry().iter().map(|k| k.variants.len() as u64).sum();
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let result = runner.run(&strategy, |(numbers, list, as_list)| {
        ok.set(ok.get() + check_outcomes(&numbers, &list, as_list)?);
        all.set(all.get() + per_case);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(ok.get() * 10 >= all.get(), "only {} of {} evaluations succeeded", ok.get(), all.get());
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn nps_lies_between_minus_100_and_100(
        promoters in 0u64..1_000_000,
        passives in 0u64..1_000_000,
        detractors in 0u64..1_000_000,
        scores in prop::collection::vec((0u32..=10).prop_map(f64::from), 1..200),
    ) {
        // Counts fail only when there are none at all; every other case is checked.
        match kpi::nps_from_counts(promoters, passives, detractors) {
            Ok(b) => prop_assert!((-100.0..=100.0).contains(&b.nps)),
            Err(e) => prop_assert_eq!(promoters + passives + detractors, 0, "{:?}", e),
        }
        let b = kpi::nps_from_scores(&scores).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!((-100.0..=100.0).contains(&b.nps));
        prop_assert_eq!(b.total, scores.len() as u64);
        prop_assert_eq!(b.promoters + b.passives + b.detractors, b.total);
    }

    #[test]
    fn grr_never_exceeds_100_percent_and_revenue_churn_complements_it(
        start in 0.0..1e7f64,
        contraction in 0.0..1e6f64,
        churned in 0.0..1e6f64,
        expansion in 0.0..1e6f64,
    ) {
        let base = [("mrr_start", start), ("contraction_mrr", contraction), ("churned_mrr", churned)];
        let grr = evaluate("grr", "standard", &num_inputs(&base));
        let churn = evaluate("revenue_churn", "gross", &num_inputs(&base));
        let mut with_expansion = base.to_vec();
        with_expansion.push(("expansion_mrr", expansion));
        let ndr = evaluate("ndr", "standard", &num_inputs(&with_expansion));
        match (grr, churn, ndr) {
            (Ok(grr), Ok(churn), Ok(ndr)) => {
                prop_assert!(grr.value.value <= 1.0 && grr.value.value >= 0.0);
                prop_assert!((grr.value.value + churn.value.value - 1.0).abs() < 1e-9);
                prop_assert!(ndr.value.value >= grr.value.value - 1e-12);
            }
            (Err(a), Err(b), Err(c)) => {
                // All three reject the same impossible losses or zero start.
                prop_assert_eq!(&a, &b);
                prop_assert_eq!(&a, &c);
            }
            other => prop_assert!(false, "inconsistent results: {:?}", other),
        }
    }

    #[test]
    fn retention_plus_churn_is_one_when_counts_agree(
        start in 1u32..10_000,
        lost_share in 0.0..=1.0f64,
        new in 0u32..10_000,
    ) {
        let start = f64::from(start);
        let lost = (start * lost_share).floor();
        let new = f64::from(new);
        let end = start - lost + new;
        let retention = evaluate(
            "retention_rate",
            "standard",
            &num_inputs(&[("start", start), ("end", end), ("new", new)]),
        );
        let churn_a = evaluate("churn_rate", "a", &num_inputs(&[("lost", lost), ("start", start)]));
        let churn_b = evaluate(
            "churn_rate",
            "b",
            &num_inputs(&[("lost", lost), ("start", start), ("new", new)]),
        );
        match (retention, churn_a, churn_b) {
            (Ok(r), Ok(a), Ok(b)) => {
                prop_assert!((r.value.value + a.value.value - 1.0).abs() < 1e-12);
                // Counting new customers in the base can only lower the rate.
                prop_assert!(b.value.value <= a.value.value);
            }
            other => prop_assert!(false, "valid counts rejected: {:?}", other),
        }
    }

    #[test]
    fn more_won_deals_never_lower_the_win_rate(won in 0u32..10_000, lost in 0u32..10_000, more in 1u32..100) {
        let rate = |won: u32| {
            evaluate(
                "win_rate",
                "standard",
                &num_inputs(&[("won", f64::from(won)), ("lost", f64::from(lost))]),
            )
            .map(|o| o.value.value)
        };
        match (rate(won), rate(won + more)) {
            (Ok(before), Ok(after)) => {
                prop_assert!(after >= before);
                prop_assert!((0.0..=1.0).contains(&after));
            }
            (Err(_), Ok(after)) => prop_assert!(won == 0 && lost == 0 && after == 1.0),
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn survey_results_stay_on_their_scale(
        five in prop::collection::vec((1u32..=5).prop_map(f64::from), 1..100),
        seven in prop::collection::vec((1u32..=7).prop_map(f64::from), 1..100),
    ) {
        use kpi::{ces_from_scores, csat_from_scores, CesVariant, CsatScale};
        let csat = csat_from_scores(&five, CsatScale::FivePoint);
        prop_assert!(matches!(csat, Ok(v) if (0.0..=1.0).contains(&v)));
        let ces_a = ces_from_scores(&five, CesVariant::A);
        prop_assert!(matches!(ces_a, Ok(v) if (1.0..=5.0).contains(&v)));
        let ces_b = ces_from_scores(&seven, CesVariant::B);
        prop_assert!(matches!(ces_b, Ok(v) if (1.0..=7.0).contains(&v)));
        let ces_c = ces_from_scores(&seven, CesVariant::C);
        prop_assert!(matches!(ces_c, Ok(v) if (0.0..=1.0).contains(&v)));
    }

    #[test]
    fn sales_velocity_free_function_matches_evaluate(
        opportunities in 0u32..10_000,
        deal_value in 0.0..1e6f64,
        win_rate in 0.0..=1.0f64,
        cycle_days in 1u32..365,
    ) {
        let direct = kpi::sales_velocity(
            f64::from(opportunities),
            deal_value,
            win_rate,
            f64::from(cycle_days),
        );
        let via = evaluate(
            "sales_velocity",
            "standard",
            &num_inputs(&[
                ("opportunities", f64::from(opportunities)),
                ("deal_value", deal_value),
                ("win_rate", win_rate),
                ("cycle_days", f64::from(cycle_days)),
            ]),
        )
        .map(|o| o.value.value);
        prop_assert_eq!(direct, via);
    }
}

/// `num ÷ den` in whole cents, rounded half up, in exact integer arithmetic (`num`, `den` ≥ 0).
fn half_up(num: i128, den: i128) -> i64 {
    ((2 * num + den) / (2 * den)) as i64
}

/// The cents of a money outcome, failing the case for an error or a non-money result.
fn cents_of(kpi: &str, variant: &str, values: &[(&str, f64)]) -> Result<i64, TestCaseError> {
    let outcome = evaluate(kpi, variant, &num_inputs(values))
        .map_err(|e| TestCaseError::fail(format!("{kpi}/{variant}: {e:?}")))?;
    // The value is the cents exactly, as an f64 in major units.
    let cents = outcome.value.cents().ok_or_else(|| TestCaseError::fail("not money"))?;
    prop_assert_eq!(outcome.value.value, cents as f64 / 100.0);
    Ok(cents)
}

proptest! {
    #![proptest_config(config())]

    // Inputs typed as whole cents: the result's cents are the exact value rounded half up,
    // computed with integers, so a calculator agrees with the dashboard's integer division.
    #[test]
    fn money_results_are_the_exact_value_rounded_half_up(
        revenue in 0i64..100_000_000_000,
        customers in 1i64..50_000,
        monthly in 0i64..1_000_000_000,
        annual in 0i64..1_000_000_000,
        start in 0i64..1_000_000_000,
        growth in 0i64..1_000_000_000,
    ) {
        let major = |cents: i64| cents as f64 / 100.0;
        let arpu = cents_of(
            "arpu",
            "per_customer",
            &[("revenue", major(revenue)), ("customers", customers as f64)],
        )?;
        prop_assert_eq!(arpu, half_up(revenue.into(), customers.into()));
        // monthly + annual ÷ 12 = (12 × monthly + annual) ÷ 12 cents.
        let mrr = cents_of(
            "mrr",
            "normalised",
            &[("monthly_plans", major(monthly)), ("annual_plans", major(annual))],
        )?;
        prop_assert_eq!(mrr, half_up(12 * i128::from(monthly) + i128::from(annual), 12));
        let expansion = cents_of(
            "expansion_mrr",
            "movement",
            &[("expanding_mrr_end", major(start + growth)), ("expanding_mrr_start", major(start))],
        )?;
        prop_assert_eq!(expansion, growth);
    }

    #[test]
    fn money_cents_rounds_every_division_of_cents_half_up(
        amount in -100_000_000_000i64..100_000_000_000,
        divisor in 1i64..50_000,
    ) {
        let got = kpi::money_cents(amount as f64 / 100.0 / divisor as f64);
        // Half away from zero for negative amounts.
        let magnitude = half_up(i128::from(amount.abs()), i128::from(divisor));
        prop_assert_eq!(got, Some(if amount < 0 { -magnitude } else { magnitude }));
    }

    // Random divisions rarely land on a half cent, so ties get their own cases: q + ½ cent is
    // (2q + 1) × h ÷ 2h for any h, and must round up to q + 1.
    #[test]
    fn exact_half_cents_round_up(q in 0i64..1_000_000_000, h in 1i64..25_000) {
        let amount = (2 * q + 1) * h;
        let divisor = 2 * h;
        prop_assert_eq!(kpi::money_cents(amount as f64 / 100.0 / divisor as f64), Some(q + 1));
        let arpu = cents_of(
            "arpu",
            "per_customer",
            &[("revenue", amount as f64 / 100.0), ("customers", divisor as f64)],
        )?;
        prop_assert_eq!(arpu, q + 1);
    }
}
