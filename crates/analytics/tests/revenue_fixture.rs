//! Hand-computed revenue fixture: 6 customers over 4 months (2024-12 … 2025-03) with every
//! movement type, a reactivation, an annual and a quarterly plan.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::revenue::{revenue_from_invoices, revenue_from_subscriptions, RevenueOptions};
use records::{BillingInterval, Date, Invoice, Money, Month, Subscription};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd(y, m, day).unwrap()
}

fn sub(
    c: &str,
    start: Date,
    end: Option<Date>,
    euros: i64,
    interval: BillingInterval,
) -> Subscription {
    Subscription { interval, ..Subscription::new(c, start, end, Money(euros * 100)) }
}

// Subscriptions (a month counts when the subscription is active on its last day):
//
// | customer | rows                                                    | Dec  | Jan  | Feb    | Mar    |
// |----------|---------------------------------------------------------|------|------|--------|--------|
// | A        | 100/month from 12-01; +50/month from 02-01                | 100  | 100  | 150    | 150    |
// | B        | 1200/year from 12-15 (annual → 100)                      | 100  | 100  | 100    | 100    |
// | C        | 200/month 12-01 … 02-01; 80/month from 03-10              | 200  | 200  | 0      | 80     |
// | D        | 300/month 12-01 … 02-01; 150/month from 02-01             | 300  | 300  | 150    | 150    |
// | E        | 50/month 01-01 … 03-15                                    | 0    | 50   | 50     | 0      |
// | F        | 250/quarter from 02-01 (250 × 12 / 3 = 1000 twelfths → 83.333 → 83.33) | 0 | 0 | 83.33 | 83.33 |
// | MRR      |                                                         | 700  | 750  | 533.33 | 563.33 |
// | customers|                                                         | 4    | 5    | 5      | 5      |
//
// Movements (€):
// | month | new            | reactivation | expansion | contraction | churn   | check                         |
// |-------|----------------|--------------|-----------|-------------|---------|-------------------------------|
// | Dec   | 700 (A,B,C,D)  | 0            | 0         | 0           | 0       | 0 → 700                       |
// | Jan   | 50 (E)         | 0            | 0         | 0           | 0       | 700 + 50 = 750                |
// | Feb   | 83.33 (F)      | 0            | 50 (A)    | 150 (D)     | 200 (C) | 750+83.33+50−150−200 = 533.33 |
// | Mar   | 0              | 80 (C)       | 0         | 0           | 50 (E)  | 533.33+80−50 = 563.33         |
//
// Rates (start = end of previous month):
// | month | logo A      | logo B          | revenue churn       | NRR                    | GRR           |
// |-------|-------------|-----------------|---------------------|------------------------|---------------|
// | Dec   | None (0)    | None            | None                | None                   | None          |
// | Jan   | 0/4 = 0     | 0/(4+1) = 0     | 0/700 = 0           | 700/700 = 1            | 1             |
// | Feb   | 1/5 = 0.2   | 1/(5+1 F) = 1/6 | 350/750             | (750+50−350)/750 = 0.6 | 400/750       |
// | Mar   | 1/5 = 0.2   | 1/(5+1 C) = 1/6 | 50/533.33           | 483.33/533.33          | 483.33/533.33 |
//
// Q1 2025 (Jan–Mar) from start (end of Dec: A,B,C,D = 700) to end (Mar: A 150, B 100, C 80,
// D 150): churned 0 (C is back), expansion 50 (A), contraction 120 (C) + 150 (D) = 270,
// new or reactivated non-start customers E, F = 2 → logo A 0/4, B 0/6, revenue churn 270/700,
// NRR 480/700, GRR 430/700. The summed monthly movements: new 133.33, reactivation 80,
// expansion 50, contraction 150, churn 250; net −136.67 = 563.33 − 700.
//
// Cohorts (month of first MRR):
// | cohort | size | k0          | k1          | k2                   | k3                   |
// |--------|------|-------------|-------------|----------------------|----------------------|
// | Dec    | 4    | 4, 700 (1,1)| 4, 700 (1,1)| 3, 400 (0.75, 4/7)   | 4, 480 (1, 480/700)  |
// | Jan    | 1    | 1, 50       | 1, 50       | 0, 0 (0, 0)          |                      |
// | Feb    | 1    | 1, 83.33    | 1, 83.33    |                      |                      |
fn fixture() -> Vec<Subscription> {
    const MONTH: BillingInterval = BillingInterval::MONTH;
    const QUARTER: BillingInterval = BillingInterval::QUARTER;
    const YEAR: BillingInterval = BillingInterval::YEAR;
    vec![
        sub("A", d(2024, 12, 1), None, 100, MONTH),
        sub("A", d(2025, 2, 1), None, 50, MONTH),
        sub("B", d(2024, 12, 15), None, 1200, YEAR),
        sub("C", d(2024, 12, 1), Some(d(2025, 2, 1)), 200, MONTH),
        sub("C", d(2025, 3, 10), None, 80, MONTH),
        sub("D", d(2024, 12, 1), Some(d(2025, 2, 1)), 300, MONTH),
        sub("D", d(2025, 2, 1), None, 150, MONTH),
        sub("E", d(2025, 1, 1), Some(d(2025, 3, 15)), 50, MONTH),
        sub("F", d(2025, 2, 1), None, 250, QUARTER),
    ]
}

fn close(actual: Option<f64>, expected: Option<f64>) {
    match (actual, expected) {
        (Some(a), Some(e)) => assert!((a - e).abs() < 1e-12, "{a} != {e}"),
        (a, e) => assert_eq!(a, e),
    }
}

#[test]
fn months_movements_and_rates() {
    let report = revenue_from_subscriptions(&fixture().into(), &RevenueOptions::default()).unwrap();
    assert_eq!(report.customers_total, 6);
    let labels: Vec<String> = report.months.iter().map(|m| m.month.to_string()).collect();
    assert_eq!(labels, ["2024-12", "2025-01", "2025-02", "2025-03"]);
    let mrr: Vec<i64> = report.months.iter().map(|m| m.mrr.cents()).collect();
    assert_eq!(mrr, [70_000, 75_000, 53_333, 56_333]);
    let customers: Vec<u32> = report.months.iter().map(|m| m.customers).collect();
    assert_eq!(customers, [4, 5, 5, 5]);
    assert_eq!(report.months[3].arr, Money(56_333 * 12));
    assert_eq!(report.months[3].arpu, Some(Money(11_267))); // 563.33 / 5 = 112.666 → 112.67

    // (new, reactivation, expansion, contraction, churn) in cents per month.
    let mv: Vec<(i64, i64, i64, i64, i64)> = report
        .months
        .iter()
        .map(|m| {
            let v = m.movements;
            (v.new.0, v.reactivation.0, v.expansion.0, v.contraction.0, v.churn.0)
        })
        .collect();
    assert_eq!(
        mv,
        [
            (70_000, 0, 0, 0, 0),
            (5_000, 0, 0, 0, 0),
            (8_333, 0, 5_000, 15_000, 20_000),
            (0, 8_000, 0, 0, 5_000),
        ]
    );
    assert_eq!(report.months[0].movements.new_customers, 4);
    assert_eq!(report.months[3].movements.reactivated_customers, 1);
    assert_eq!(report.months[2].movements.churned_customers, 1);

    let r: Vec<_> = report.months.iter().map(|m| m.retention).collect();
    close(r[0].logo_churn_a, None);
    close(r[0].nrr, None);
    close(r[1].logo_churn_a, Some(0.0));
    close(r[1].logo_churn_b, Some(0.0));
    close(r[1].nrr, Some(1.0));
    close(r[2].logo_churn_a, Some(0.2));
    close(r[2].logo_churn_b, Some(1.0 / 6.0));
    close(r[2].revenue_churn, Some(35_000.0 / 75_000.0));
    close(r[2].nrr, Some(0.6));
    close(r[2].grr, Some(40_000.0 / 75_000.0));
    close(r[3].logo_churn_a, Some(0.2));
    close(r[3].logo_churn_b, Some(1.0 / 6.0));
    close(r[3].revenue_churn, Some(5_000.0 / 53_333.0));
    close(r[3].nrr, Some(48_333.0 / 53_333.0));
    close(r[3].grr, Some(48_333.0 / 53_333.0));
}

#[test]
fn quarter_from_start_and_end() {
    let report = revenue_from_subscriptions(&fixture().into(), &RevenueOptions::default()).unwrap();
    let labels: Vec<(&str, bool)> =
        report.quarters.iter().map(|q| (q.label.as_str(), q.complete)).collect();
    assert_eq!(labels, [("2024-Q4", false), ("2025-Q1", true)]);
    let q1 = &report.quarters[1];
    assert_eq!((q1.mrr_start, q1.mrr_end), (Money(70_000), Money(56_333)));
    assert_eq!((q1.customers_start, q1.customers_end), (4, 5));
    let m = q1.movements;
    assert_eq!((m.new.0, m.reactivation.0, m.expansion.0), (13_333, 8_000, 5_000));
    assert_eq!((m.contraction.0, m.churn.0), (15_000, 25_000));
    assert_eq!(m.net(), Money(56_333 - 70_000));
    let r = q1.retention;
    assert_eq!((r.start_customers, r.churned_customers, r.new_or_reactivated_customers), (4, 0, 2));
    assert_eq!((r.expansion.0, r.contraction.0, r.churned_mrr.0), (5_000, 27_000, 0));
    close(r.logo_churn_a, Some(0.0));
    close(r.logo_churn_b, Some(0.0));
    close(r.revenue_churn, Some(270.0 / 700.0));
    close(r.nrr, Some(480.0 / 700.0));
    close(r.grr, Some(430.0 / 700.0));
    let years: Vec<&str> = report.years.iter().map(|y| y.label.as_str()).collect();
    assert_eq!(years, ["2024", "2025"]);
    assert_eq!(report.years[1].retention, q1.retention);
}

#[test]
fn cohorts() {
    let report = revenue_from_subscriptions(&fixture().into(), &RevenueOptions::default()).unwrap();
    type Row = (String, u32, i64, Vec<(u32, i64)>);
    let rows: Vec<Row> = report
        .cohorts
        .iter()
        .map(|c| {
            let cells = c.cells.iter().map(|x| (x.active_customers, x.mrr.0)).collect();
            (c.first_month.to_string(), c.customers, c.initial_mrr.0, cells)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2024-12".into(), 4, 70_000, vec![(4, 70_000), (4, 70_000), (3, 40_000), (4, 48_000)]),
            ("2025-01".into(), 1, 5_000, vec![(1, 5_000), (1, 5_000), (0, 0)]),
            ("2025-02".into(), 1, 8_333, vec![(1, 8_333), (1, 8_333)]),
        ]
    );
    let dec = &report.cohorts[0].cells;
    close(dec[2].logo_retention, Some(0.75));
    close(dec[2].revenue_retention, Some(4.0 / 7.0));
    close(dec[3].revenue_retention, Some(480.0 / 700.0));
    close(report.cohorts[1].cells[2].logo_retention, Some(0.0));
}

#[test]
fn until_and_window() {
    // Cutting the range to two months keeps February as baseline history: E's first month
    // (January) lies before the window, so only the February cohort (F) remains.
    let options = RevenueOptions { until: Some(Month::from_ym(2025, 3).unwrap()), max_months: 2 };
    let report = revenue_from_subscriptions(&fixture().into(), &options).unwrap();
    let mrr: Vec<i64> = report.months.iter().map(|m| m.mrr.cents()).collect();
    assert_eq!(mrr, [53_333, 56_333]);
    // February vs January stays the same movement set even though January is only baseline.
    assert_eq!(report.months[0].movements.churn, Money(20_000));
    // C paid before the window, so March is a reactivation, not new.
    assert_eq!(report.months[1].movements.reactivation, Money(8_000));
    assert_eq!(report.cohorts.len(), 1);
}

#[test]
fn invoices_spread_with_remainder_in_first_month() {
    // 100.00 over 3 months → 33.34, 33.33, 33.33; a second invoice of 10.00 in month 2.
    let inv = |c: &str, date, cents, months| Invoice::new(c, date, Money(cents), months);
    let rows = vec![inv("X", d(2025, 1, 20), 10_000, 3), inv("X", d(2025, 2, 3), 1_000, 1)];
    let report = revenue_from_invoices(&rows, &RevenueOptions::default()).unwrap();
    let mrr: Vec<i64> = report.months.iter().map(|m| m.mrr.cents()).collect();
    assert_eq!(mrr, [3_334, 4_333, 3_333]);
    let total: i64 = mrr.iter().sum();
    assert_eq!(total, 11_000);
}

#[test]
fn empty_input_is_none() {
    assert!(revenue_from_subscriptions(&records::Subscriptions::new(), &RevenueOptions::default())
        .is_none());
}
