//! Properties of segments: summed over the segments of an attribute, MRR, new, reactivation
//! and churn MRR and the net movement equal the total's, every month and every period; a
//! single segment holding every row is the report without segments.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::revenue::RevenueReport;
use analytics::segment;
use analytics::{report, ReportOptions};
use proptest::prelude::*;
use records::Subscription;
use records::{AttributeColumn, Attributes, BillingInterval, Dataset, Date, Invoice, Money};

fn arb_sub() -> impl Strategy<Value = (Subscription, u8)> {
    let intervals = prop_oneof![
        Just(BillingInterval::MONTH),
        Just(BillingInterval::QUARTER),
        Just(BillingInterval::YEAR),
    ];
    // Plans 0–2, and 3 for an empty cell.
    (0u8..6, 0i32..500, proptest::option::of(1i32..400), -3_000i64..100_000, intervals, 0u8..4)
        .prop_map(|(c, start, len, amount, interval, plan)| {
            let base = Date::from_ymd(2023, 1, 1).unwrap();
            let sub = Subscription {
                interval,
                ..Subscription::new(
                    &format!("c{c}"),
                    base.add_days(start),
                    len.map(|l| base.add_days(start + l)),
                    Money(amount),
                )
            };
            (sub, plan)
        })
}

fn arb_invoice() -> impl Strategy<Value = (Invoice, u8)> {
    (0u8..5, 0i32..500, -3_000i64..80_000, 0u32..7, 0u8..4).prop_map(
        |(c, day, amount, months, plan)| {
            let date = Date::from_ymd(2023, 1, 1).unwrap().add_days(day);
            (Invoice::new(&format!("c{c}"), date, Money(amount), months), plan)
        },
    )
}

fn plan_column(plans: &[u8]) -> Attributes {
    let mut col = AttributeColumn::new("Plan", Some("plan"));
    for &p in plans {
        col.push(["A", "B", "C", ""][usize::from(p)]);
    }
    Attributes { columns: vec![col] }
}

fn revenue(r: &analytics::Report) -> &RevenueReport {
    r.revenue.as_ref().unwrap()
}

/// Checks the sums; `Err` names the first difference.
fn adds_up(datasets: &[Dataset], attrs: &[Attributes]) -> Result<(), TestCaseError> {
    let options = ReportOptions::default();
    let total = report(datasets, &options);
    let split = segment::split(datasets, attrs, &options, "plan", &[]).unwrap();
    let Some(total) = total.revenue.as_ref() else {
        prop_assert!(split.segments.iter().all(|s| s.report.revenue.is_none()));
        return Ok(());
    };
    let segs: Vec<&RevenueReport> = split.segments.iter().map(|s| revenue(&s.report)).collect();
    for (i, m) in total.months.iter().enumerate() {
        let sum = |f: &dyn Fn(&analytics::revenue::MonthRevenue) -> i64| -> i64 {
            segs.iter().map(|s| f(&s.months[i])).sum()
        };
        prop_assert_eq!(sum(&|x| x.month.since(m.month).into()), 0);
        prop_assert_eq!(sum(&|x| x.mrr.cents()), m.mrr.cents(), "MRR {}", m.month);
        let mv = &m.movements;
        prop_assert_eq!(sum(&|x| x.movements.new.cents()), mv.new.cents(), "new {}", m.month);
        prop_assert_eq!(sum(&|x| x.movements.reactivation.cents()), mv.reactivation.cents());
        prop_assert_eq!(sum(&|x| x.movements.churn.cents()), mv.churn.cents(), "churn");
        prop_assert_eq!(sum(&|x| x.movements.net().cents()), mv.net().cents(), "net");
        prop_assert!(sum(&|x| x.movements.expansion.cents()) >= mv.expansion.cents());
        prop_assert!(sum(&|x| x.movements.contraction.cents()) >= mv.contraction.cents());
        prop_assert!(sum(&|x| x.customers.into()) >= i64::from(m.customers));
    }
    for (i, q) in total.quarters.iter().chain(&total.years).enumerate() {
        let of = |s: &&RevenueReport| s.quarters.iter().chain(&s.years).nth(i).unwrap().clone();
        let parts: Vec<_> = segs.iter().map(of).collect();
        let sum = |f: &dyn Fn(&analytics::revenue::PeriodRevenue) -> i64| -> i64 {
            parts.iter().map(f).sum()
        };
        let r = &q.retention;
        prop_assert_eq!(sum(&|p| p.retention.start_mrr.cents()), r.start_mrr.cents());
        prop_assert_eq!(sum(&|p| p.retention.churned_mrr.cents()), r.churned_mrr.cents());
        let net = |p: &analytics::revenue::Retention| p.expansion.cents() - p.contraction.cents();
        prop_assert_eq!(sum(&|p| net(&p.retention)), net(r), "{}", q.label);
        prop_assert_eq!(sum(&|p| p.movements.net().cents()), q.movements.net().cents());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn subscription_segments_add_up_to_the_total(rows in proptest::collection::vec(arb_sub(), 1..30)) {
        let (subs, plans): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
        adds_up(&[Dataset::Subscriptions(subs.into())], &[plan_column(&plans)])?;
    }

    #[test]
    fn invoice_segments_add_up_to_the_total(rows in proptest::collection::vec(arb_invoice(), 1..30)) {
        let (invoices, plans): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
        adds_up(&[Dataset::Invoices(invoices)], &[plan_column(&plans)])?;
    }

    #[test]
    fn one_segment_of_every_row_is_the_report_without_segments(
        rows in proptest::collection::vec(arb_sub(), 1..30),
    ) {
        let (subs, plans): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
        let datasets = [Dataset::Subscriptions(subs.into())];
        let attrs = [plan_column(&vec![0; plans.len()])];
        let options = ReportOptions::default();
        let split = segment::split(&datasets, &attrs, &options, "plan", &[]).unwrap();
        let total = report(&datasets, &options);
        prop_assert_eq!(split.segments.len(), 1);
        prop_assert_eq!(&split.segments[0].report.revenue, &total.revenue);
        // And the filter that keeps every row is the report itself.
        let all = ["plan=A".parse().unwrap()];
        let filtered = segment::filtered(&datasets, &attrs, &options, &all).unwrap();
        prop_assert_eq!(filtered, total);
    }
}
