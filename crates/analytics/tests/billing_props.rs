//! Properties of the billing conventions (issue 15): no figure after the as-of date, MRR never
//! negative, and a trial's days never in MRR.

#![allow(clippy::unwrap_used)] // tests

use analytics::{figure, report, Kpi, Period, ReportOptions};
use proptest::prelude::*;
use records::{BillingInterval, Dataset, Date, Money, SubState, Subscription};

fn base() -> Date {
    Date::from_ymd(2024, 1, 1).unwrap()
}

fn arb_sub() -> impl Strategy<Value = Subscription> {
    let state = prop_oneof![
        Just(SubState::Active),
        Just(SubState::Trialing),
        Just(SubState::PastDue),
        Just(SubState::Ended),
        Just(SubState::NeverPaid),
        Just(SubState::Unknown),
    ];
    let interval = prop_oneof![Just(1u32), Just(3), Just(12), Just(24), Just(5)];
    (
        0u8..8,
        0i32..700,
        proptest::option::of(1i32..400),
        proptest::option::of(-10i32..90),
        -2_000i64..50_000,
        (state, interval, any::<bool>()),
    )
        .prop_map(|(c, start, len, trial, cents, (state, months, scheduled))| {
            let start = base().add_days(start);
            Subscription {
                trial_end: trial.map(|t| start.add_days(t)),
                end_scheduled: scheduled,
                interval: BillingInterval::of_months(months).unwrap(),
                state,
                ..Subscription::new(
                    &format!("K{c}"),
                    start,
                    len.map(|l| start.add_days(l)),
                    Money(cents),
                )
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn nothing_after_the_as_of_date_and_mrr_never_negative(
        subs in proptest::collection::vec(arb_sub(), 1..30),
        as_of in proptest::option::of(0i32..800),
    ) {
        let options = ReportOptions {
            as_of: as_of.map(|d| base().add_days(d)),
            ..ReportOptions::default()
        };
        let r = report(&[Dataset::Subscriptions(subs.into())], &options);
        let Some(a) = r.as_of else { return Ok(()) };
        if let Some(rev) = &r.revenue {
            for m in &rev.months {
                prop_assert!(m.month <= a.month(), "{} after {}", m.month, a.date);
                prop_assert!(m.mrr.cents() >= 0);
            }
        }
        for k in 1..4 {
            let later = Period::Month(a.month().add(k));
            for kpi in Kpi::ALL {
                if let Some(f) = figure(&r, kpi, later) {
                    prop_assert!(
                        f.value.is_none() || f.basis.how == analytics::How::Current,
                        "{:?} has {:?} for {}", kpi, f.value, later.key()
                    );
                }
            }
        }
    }

    #[test]
    fn trials_never_in_mrr(
        subs in proptest::collection::vec(arb_sub(), 1..30),
        as_of in 0i32..800,
    ) {
        // The same subscriptions with their trial cut off (starting on the first paid day)
        // give the same MRR every month: a trial's days add nothing.
        let cut: Vec<Subscription> = subs
            .iter()
            .map(|s| Subscription { start: s.paid_start(), trial_end: None, ..s.clone() })
            .collect();
        let options = ReportOptions {
            as_of: Some(base().add_days(as_of)),
            ..ReportOptions::default()
        };
        let months = |subs: Vec<Subscription>| {
            report(&[Dataset::Subscriptions(subs.into())], &options)
                .revenue
                .map(|r| r.months.iter().map(|m| (m.month, m.mrr)).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        let (with, without) = (months(subs), months(cut));
        // The cut rows can start the analysed range later; compare the months both have.
        for (m, mrr) in &with {
            let other = without.iter().find(|x| x.0 == *m).map_or(Money::ZERO, |x| x.1);
            prop_assert_eq!(*mrr, other, "{}", m);
        }
    }
}
