//! What-if projections against hand-computed values: the constant-rate closed form, zero
//! churn, 100 % churn, a scenario equal to the baseline, one point less churn over two years,
//! and a baseline read from a small subscription fixture whose movements are known.

#![allow(clippy::unwrap_used)] // fixtures

use analytics::whatif::{baseline, compare, project, Baseline, Rates, Scenario};
use analytics::{figure, Kpi, Period, ReportOptions};
use records::{Dataset, Date, Money, Month, Subscription};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd(y, m, day).unwrap()
}

fn m(y: i32, n: u32) -> Month {
    Month::from_ym(y, n).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

/// MRR 1.000,00, 100 customers, 80 + 20 € new and reactivation MRR and 4 customers arriving
/// a month, churn 5 %, contraction 1 %, expansion 2 %: g = 0.96, N = 10.000 cents.
fn typed() -> Baseline {
    Baseline {
        mrr: Money(100_000),
        customers: 100.0,
        new_mrr: Money(8_000),
        reactivation_mrr: Money(2_000),
        new_customers: 4.0,
        expansion_rate: 0.02,
        contraction_rate: 0.01,
        churn_rate: 0.05,
        logo_churn_rate: 0.05,
        ..Baseline::default()
    }
}

/// `MRR(t) = gᵗ M0 + N (1 − gᵗ) ÷ (1 − g)`, or `M0 + t N` for `g = 1`.
fn closed_form(m0: f64, g: f64, n: f64, t: i32) -> f64 {
    if (g - 1.0).abs() < 1e-15 {
        m0 + f64::from(t) * n
    } else {
        g.powi(t) * m0 + n * (1.0 - g.powi(t)) / (1.0 - g)
    }
}

/// `(month, MRR cents, customers, ARPU cents, CLV cents)`.
type Row = (u32, i64, f64, Option<i64>, Option<i64>);

/// Checks rows of a projection.
fn check(p: &analytics::whatif::Projection, rows: &[Row]) {
    for &(n, mrr, customers, arpu, clv) in rows {
        let got = p.months[n as usize - 1];
        assert_eq!(got.n, n);
        assert_eq!(got.mrr, Money(mrr), "MRR of month {n}");
        assert_eq!(got.arr, Money(12 * mrr), "ARR of month {n}");
        assert!(close(got.customers, customers), "customers of month {n}: {}", got.customers);
        assert_eq!(got.arpu, arpu.map(Money), "ARPU of month {n}");
        assert_eq!(got.clv, clv.map(Money), "CLV of month {n}");
    }
}

#[test]
fn constant_rates_follow_the_closed_form() {
    let p = project(&typed(), &Scenario::default(), 36);
    assert_eq!(p.months.len(), 36);
    assert!(close(p.rates.retained(), 0.96));
    // By hand: 1000 × 0.96 + 100 = 1060; 1060 × 0.96 + 100 = 1117.60; 1117.60 × 0.96 + 100 =
    // 1172.896 → 1172.90. Customers 100 × 0.95 + 4 = 99, 98.05, 97.1475.
    // ARPU 106000 ÷ 99 = 1070.71 → 1071 cents; CLV 1070.71 ÷ 5 % = 21414.14 → 21414; month 2
    // 111760 ÷ 98.05 = 1139.83, ÷ 5 % = 22796.53; month 3 from the unrounded MRR:
    // 117289.6 ÷ 97.1475 = 1207.34, ÷ 5 % = 24146.70.
    #[rustfmt::skip]
    check(&p, &[
        (1, 106_000, 99.0, Some(1_071), Some(21_414)),
        (2, 111_760, 98.05, Some(1_140), Some(22_797)),
        (3, 117_290, 97.1475, Some(1_207), Some(24_147)),
    ]);
    for t in 1..=36 {
        let want = closed_form(100_000.0, 0.96, 10_000.0, t).round() as i64;
        assert_eq!(p.months[t as usize - 1].mrr, Money(want), "month {t}");
        // Customers: the same closed form with 1 − logo churn and the arrivals.
        let c = closed_form(100.0, 0.95, 4.0, t);
        assert!(close(p.months[t as usize - 1].customers, c), "customers {t}");
    }
    // Towards N ÷ (1 − g) = 2500 € and n ÷ churn = 80 customers.
    assert!((p.end().mrr.cents() - 250_000).abs() < 60_000);
    // Revenue = Σ of the rounded months; over three months 1060 + 1117.60 + 1172.90.
    let three = project(&typed(), &Scenario::default(), 3);
    assert_eq!(three.revenue, Money(335_050));
    assert_eq!(p.revenue, Money(p.months.iter().map(|m| m.mrr.cents()).sum()));
    assert!(close(p.nrr_month, 0.96));
    assert!(close(p.nrr_year, 0.612_709_757_329_767_1));
    // Month 0 is the starting point: 1000 € ÷ 100 customers, CLV 10 € ÷ 5 % = 200 €.
    assert_eq!(
        (p.start.mrr, p.start.arpu, p.start.clv),
        (Money(100_000), Some(Money(1_000)), Some(Money(20_000)))
    );
}

#[test]
fn zero_churn_adds_the_inflow_every_month() {
    let b = Baseline {
        churn_rate: 0.0,
        logo_churn_rate: 0.0,
        contraction_rate: 0.0,
        expansion_rate: 0.0,
        ..typed()
    };
    let p = project(&b, &Scenario::default(), 24);
    // g = 1: MRR(t) = 1000 € + t × 100 €, customers 100 + 4 t, no CLV without churn.
    #[rustfmt::skip]
    check(&p, &[
        (1, 110_000, 104.0, Some(1_058), None),
        (12, 220_000, 148.0, Some(1_486), None),
        (24, 340_000, 196.0, Some(1_735), None),
    ]);
    assert_eq!(p.revenue, Money((1..=24).map(|t| 100_000 + t * 10_000).sum()));
    assert_eq!((p.nrr_month, p.nrr_year), (1.0, 1.0));
    // Zero churn with 1 % expansion: g = 1.01, the closed form again.
    let growing = project(&Baseline { expansion_rate: 0.01, ..b }, &Scenario::default(), 24);
    for t in 1..=24 {
        let want = closed_form(100_000.0, 1.01, 10_000.0, t).round() as i64;
        assert_eq!(growing.months[t as usize - 1].mrr, Money(want), "month {t}");
    }
    assert!(close(growing.nrr_year, 1.01f64.powi(12)));
}

#[test]
fn full_churn_leaves_only_the_inflow() {
    let b = Baseline { churn_rate: 1.0, logo_churn_rate: 1.0, expansion_rate: 0.0, ..typed() };
    let p = project(&b, &Scenario::default(), 12);
    // Contraction is limited to what churn leaves (nothing): g = 0, MRR(t) = N = 100 €,
    // customers = the 4 arriving, ARPU 25 €, CLV = ARPU ÷ 100 % = 25 €.
    assert_eq!(p.rates.contraction, 0.0);
    for t in 1..=12 {
        check(&p, &[(t, 10_000, 4.0, Some(2_500), Some(2_500))]);
    }
    assert_eq!((p.nrr_month, p.nrr_year), (0.0, 0.0));
    assert_eq!(p.revenue, Money(120_000));
    // A scenario cannot push churn past 100 % or below 0 %.
    let more = project(&b, &Scenario { churn_pts: 50.0, ..Scenario::default() }, 12);
    assert_eq!(more.months, p.months);
    let less = Rates::of(&typed(), &Scenario { churn_pts: -20.0, ..Scenario::default() });
    assert_eq!((less.churn, less.logo_churn), (0.0, 0.0));
}

#[test]
fn a_scenario_equal_to_the_baseline_changes_nothing() {
    for b in [typed(), Baseline { churn_rate: 0.0, logo_churn_rate: 0.0, ..typed() }] {
        let explicit = Scenario {
            churn_pts: 0.0,
            expansion_pct: 0.0,
            contraction_pct: 0.0,
            new_mrr: Money(0),
            reactivation_mrr: Money(0),
        };
        for s in [Scenario::default(), explicit] {
            let c = compare(&b, &s, 36);
            assert_eq!(c.revenue_difference, Money::ZERO);
            assert_eq!(c.baseline, c.scenario);
        }
    }
}

#[test]
fn one_point_less_churn_over_two_years() {
    // 1000 €, 100 customers, churn 3 % of MRR and of customers, nothing else.
    let b = Baseline {
        mrr: Money(100_000),
        customers: 100.0,
        churn_rate: 0.03,
        logo_churn_rate: 0.03,
        ..Baseline::default()
    };
    let c = compare(&b, &Scenario { churn_pts: -1.0, ..Scenario::default() }, 24);
    // Σ 1000 × 0.97ᵗ (t = 1 … 24) = 16767.51 €, each month rounded: 16767.49 €;
    // Σ 1000 × 0.98ᵗ = 18826.76 €, rounded months: 18826.77 €.
    assert_eq!(c.baseline.revenue, Money(1_676_749));
    assert_eq!(c.scenario.revenue, Money(1_882_677));
    assert_eq!(c.revenue_difference, Money(205_928));
    // Month 24: 1000 × 0.97²⁴ = 481.42 €, 1000 × 0.98²⁴ = 615.78 €.
    assert_eq!(c.baseline.end().mrr, Money(48_142));
    assert_eq!(c.scenario.end().mrr, Money(61_578));
    // ARPU stays 10 € (MRR and customers shrink alike); CLV 10 € ÷ 3 % and ÷ 2 %.
    assert_eq!(c.baseline.end().clv, Some(Money(33_333)));
    assert_eq!(c.scenario.end().clv, Some(Money(50_000)));
}

#[test]
fn scenario_changes_follow_their_definitions() {
    let s = Scenario {
        churn_pts: -1.0,
        expansion_pct: 10.0,
        contraction_pct: -50.0,
        new_mrr: Money(200_000),
        reactivation_mrr: Money(-5_000),
    };
    let r = Rates::of(&typed(), &s);
    assert!(close(r.churn, 0.04) && close(r.logo_churn, 0.04));
    assert!(close(r.expansion, 0.022));
    assert!(close(r.contraction, 0.005));
    // New 80 € + 2000 €; reactivation 20 € − 50 € stays at 0.
    assert_eq!((r.new_mrr, r.reactivation_mrr), (Money(208_000), Money(0)));
    // Arrivals in proportion to the inflow: 4 × 2080 ÷ 100 = 83.2 customers a month.
    assert!(close(r.new_customers, 83.2));
    // Without arrivals before, new MRR comes at today's ARPU (10 €): 2000 € = 200 customers.
    let empty =
        Baseline { new_mrr: Money(0), reactivation_mrr: Money(0), new_customers: 0.0, ..typed() };
    let r = Rates::of(&empty, &Scenario { new_mrr: Money(200_000), ..Scenario::default() });
    assert!(close(r.new_customers, 200.0));
    // "new MRR +2.000 € a month" adds 2000 € in month 1 and 2000 × (1 + 0.96) in month 2.
    let c = compare(&typed(), &Scenario { new_mrr: Money(200_000), ..Scenario::default() }, 2);
    assert_eq!(c.scenario.months[0].mrr.cents() - c.baseline.months[0].mrr.cents(), 200_000);
    assert_eq!(c.scenario.months[1].mrr.cents() - c.baseline.months[1].mrr.cents(), 392_000);
    assert_eq!(c.revenue_difference, Money(592_000));
}

fn sub(customer: &str, euros: i64, start: Date, end: Option<Date>) -> Subscription {
    Subscription::new(customer, start, end, Money(euros * 100))
}

// MRR at each month's end (euros), monthly plans:
//   Dec 2024: A 100, B 100, C 200, D 100                         = 500 (4), the data's first month
//   Jan 2025: A 150 (+50), B churns (−100), E new 100             = 550 (A C D E)
//   Feb:      C 150 (−50), D churns (−100), F new 50              = 450 (A C E F)
//   Mar:      A 200 (+50), B returns 100 (reactivation)          = 600 (A B C E F)
//   Apr:      G new 200 on Apr 2 — the as-of month (Apr 15), partial, never averaged.
fn subscriptions() -> Vec<Subscription> {
    vec![
        sub("A", 100, d(2024, 12, 1), Some(d(2025, 1, 1))),
        sub("A", 150, d(2025, 1, 1), Some(d(2025, 3, 1))),
        sub("A", 200, d(2025, 3, 1), None),
        sub("B", 100, d(2024, 12, 1), Some(d(2025, 1, 20))),
        sub("B", 100, d(2025, 3, 5), None),
        sub("C", 200, d(2024, 12, 1), Some(d(2025, 2, 1))),
        sub("C", 150, d(2025, 2, 1), None),
        sub("D", 100, d(2024, 12, 1), Some(d(2025, 2, 10))),
        sub("E", 100, d(2025, 1, 5), None),
        sub("F", 50, d(2025, 2, 5), None),
        sub("G", 200, d(2025, 4, 2), None),
    ]
}

fn fixture() -> analytics::Report {
    let options = ReportOptions { as_of: Some(d(2025, 4, 15)), ..ReportOptions::default() };
    analytics::report(&[Dataset::Subscriptions(subscriptions().into())], &options)
}

#[test]
fn the_baseline_averages_the_last_complete_months() {
    let r = fixture();
    // 3 and 6 months both use Jan–Mar: December begins without MRR, April is partial.
    for n in [3, 6, 12] {
        let b = baseline(&r, n).unwrap();
        assert_eq!((b.last, b.months), (Some(m(2025, 3)), 3), "{n}");
        assert_eq!((b.mrr, b.customers), (Money(60_000), 5.0));
        // Starts of Jan, Feb, Mar: 500 + 550 + 450 = 1500 €.
        assert!(close(b.churn_rate, 200.0 / 1500.0), "churned B 100 + D 100");
        assert!(close(b.contraction_rate, 50.0 / 1500.0));
        assert!(close(b.expansion_rate, 100.0 / 1500.0));
        // Churned customers 1 + 1 + 0 of 4 + 4 + 4 at the starts.
        assert!(close(b.logo_churn_rate, 2.0 / 12.0));
        // New 100 + 50 € over 3 months = 50 €; reactivation 100 ÷ 3 = 33.33 €.
        assert_eq!((b.new_mrr, b.reactivation_mrr), (Money(5_000), Money(3_333)));
        // E, F new and B back: 1 a month.
        assert!(close(b.new_customers, 1.0));
    }
    // One month is the dashboard's own month: March's NRR and churn.
    let b = baseline(&r, 1).unwrap();
    assert_eq!(b.months, 1);
    let g = Rates::of(&b, &Scenario::default()).retained();
    let ndr = figure(&r, Kpi::Ndr, Period::Month(m(2025, 3))).unwrap().value.unwrap();
    assert!(close(g, ndr) && close(g, 500.0 / 450.0), "{g} {ndr}");
    let churn = figure(&r, Kpi::ChurnRate, Period::Month(m(2025, 3))).unwrap().value.unwrap();
    assert!(close(b.logo_churn_rate, churn));
    let p = project(&b, &Scenario::default(), 2);
    assert_eq!(p.months[0].month, Some(m(2025, 4)));
    assert_eq!(p.months[1].month, Some(m(2025, 5)));
    // March alone: no new MRR, reactivation 100 €: 600 × 500/450 + 100 = 766.67 €.
    assert_eq!(p.months[0].mrr, Money(76_667));
}

#[test]
fn no_revenue_no_baseline() {
    let r = analytics::report(&[], &ReportOptions::default());
    assert_eq!(baseline(&r, 3), None);
    // Only the data's first month, which begins without MRR.
    let one = vec![sub("A", 100, d(2025, 1, 1), None)];
    let options = ReportOptions { as_of: Some(d(2025, 1, 31)), ..ReportOptions::default() };
    let r = analytics::report(&[Dataset::Subscriptions(one.into())], &options);
    assert_eq!(baseline(&r, 3), None);
}

#[test]
fn the_browser_specs_case() {
    // tests/specs/whatif.spec.ts types these figures: MRR 10.000 €, 100 customers, 500 € new
    // MRR and 5 new customers a month, expansion 1 %, contraction 0,5 %, churn 3 %; scenario
    // churn −1 pt over 24 months. g = 0.975 against 0.985.
    let b = Baseline {
        mrr: Money(1_000_000),
        customers: 100.0,
        new_mrr: Money(50_000),
        new_customers: 5.0,
        expansion_rate: 0.01,
        contraction_rate: 0.005,
        churn_rate: 0.03,
        logo_churn_rate: 0.03,
        ..Baseline::default()
    };
    let c = compare(&b, &Scenario { churn_pts: -1.0, ..Scenario::default() }, 24);
    for t in 1..=24 {
        let want = closed_form(1_000_000.0, 0.975, 50_000.0, t).round() as i64;
        assert_eq!(c.baseline.months[t as usize - 1].mrr, Money(want));
        let want = closed_form(1_000_000.0, 0.985, 50_000.0, t).round() as i64;
        assert_eq!(c.scenario.months[t as usize - 1].mrr, Money(want));
    }
    assert_eq!(c.baseline.end().mrr, Money(1_455_358));
    assert_eq!(c.scenario.end().mrr, Money(1_709_856));
    assert_eq!((c.baseline.revenue, c.scenario.revenue), (Money(30_241_020), Money(33_386_146)));
    assert_eq!(c.revenue_difference, Money(3_145_126));
    assert_eq!(
        (c.baseline.end().clv, c.scenario.end().clv),
        (Some(Money(360_490)), Some(Money(542_354)))
    );
    assert!(close(c.scenario.nrr_year, 0.985f64.powi(12)));
}
