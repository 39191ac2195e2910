//! Property: MRR(M) − MRR(M−1) equals the summed movements exactly, every month and every
//! period, and MRR equals a naive per-customer recomputation.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::revenue::{revenue_from_invoices, revenue_from_subscriptions, RevenueOptions};
use proptest::prelude::*;
use records::{BillingInterval, Date, Invoice, Money, Month, Subscription};

fn arb_sub() -> impl Strategy<Value = Subscription> {
    let intervals = prop_oneof![
        Just(BillingInterval::MONTH),
        Just(BillingInterval::QUARTER),
        Just(BillingInterval::HALF_YEAR),
        Just(BillingInterval::YEAR),
    ];
    (0u8..8, 0i32..700, proptest::option::of(1i32..500), -5_000i64..200_000, intervals).prop_map(
        |(c, start, len, amount, interval)| {
            let base = Date::from_ymd(2023, 1, 1).unwrap();
            Subscription {
                interval,
                ..Subscription::new(
                    &format!("c{c}"),
                    base.add_days(start),
                    len.map(|l| base.add_days(start + l)),
                    Money(amount),
                )
            }
        },
    )
}

/// Naive MRR of the month: per customer, sum of twelfth-cents of active rows, rounded once.
fn naive_mrr(subs: &[Subscription], month: Month) -> i64 {
    let last = month.last_day();
    let mut per_customer = std::collections::BTreeMap::<&str, i64>::new();
    for s in subs {
        if s.start <= last && s.end.is_none_or(|e| last < e) {
            *per_customer.entry(&s.customer).or_default() +=
                s.amount.cents() * 12 / s.interval.months();
        }
    }
    per_customer.values().map(|u| (u + 6).div_euclid(12).max(0)).sum()
}

fn arb_invoice() -> impl Strategy<Value = Invoice> {
    (0u8..6, 0i32..700, -5_000i64..100_000, 0u32..13).prop_map(|(c, day, amount, months)| {
        let date = Date::from_ymd(2023, 1, 1).unwrap().add_days(day);
        Invoice::new(&format!("c{c}"), date, Money(amount), months)
    })
}

/// Naive MRR from invoices: spread each invoice (remainder to the first month), sum per
/// customer, clamp credits to 0.
fn naive_invoice_mrr(invoices: &[Invoice], month: Month) -> i64 {
    let mut per_customer = std::collections::BTreeMap::<&str, i64>::new();
    for inv in invoices {
        let n = i64::from(inv.period_months.max(1));
        let k = i64::from(month.since(inv.date.month()));
        if (0..n).contains(&k) {
            let base = inv.amount.cents().div_euclid(n);
            let share = if k == 0 { inv.amount.cents() - base * (n - 1) } else { base };
            *per_customer.entry(&inv.customer).or_default() += share;
        }
    }
    per_customer.values().map(|c| (*c).max(0)).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn movements_explain_every_mrr_change(
        subs in proptest::collection::vec(arb_sub(), 1..40),
        max_months in 1usize..40,
    ) {
        let options = RevenueOptions { until: None, max_months };
        let report = revenue_from_subscriptions(&subs.clone().into(), &options).unwrap();
        let first = report.months[0].month;
        let mut prev = naive_mrr(&subs, first.add(-1));
        for m in &report.months {
            prop_assert_eq!(m.mrr.cents(), naive_mrr(&subs, m.month));
            prop_assert_eq!(m.mrr.cents() - prev, m.movements.net().cents());
            prop_assert_eq!(m.retention.start_mrr.cents(), prev);
            prev = m.mrr.cents();
        }
        for p in report.quarters.iter().chain(&report.years) {
            prop_assert_eq!(p.mrr_end - p.mrr_start, p.movements.net());
            let r = p.retention;
            // NRR numerator = start customers' MRR at the end of the period.
            prop_assert!(r.churned_mrr.0 + r.contraction.0 <= r.start_mrr.0);
            if let (Some(nrr), Some(grr)) = (r.nrr, r.grr) {
                prop_assert!(grr <= nrr + 1e-12);
                prop_assert!(grr >= -1e-12);
            }
        }
    }

    #[test]
    fn invoices_spread_exactly_and_movements_explain_changes(
        invoices in proptest::collection::vec(arb_invoice(), 1..30),
    ) {
        let report = revenue_from_invoices(&invoices, &RevenueOptions::default()).unwrap();
        let mut prev = 0;
        for m in &report.months {
            prop_assert_eq!(m.mrr.cents(), naive_invoice_mrr(&invoices, m.month));
            prop_assert_eq!(m.mrr.cents() - prev, m.movements.net().cents());
            prev = m.mrr.cents();
        }
    }
}
