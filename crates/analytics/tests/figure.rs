//! `figure` on a hand-computed fixture: every revenue KPI for a month, a quarter, a year and a
//! range that is no calendar period, plus ticket medians, NPS and DAU/MAU over a range, each
//! computed from the period's own start and end. Ranges are chosen so that the exact figure
//! differs from the average of its months.

#![allow(clippy::unwrap_used)] // fixtures

use analytics::{figure, tiles, Counted, How, Kpi, Period, Report, ReportOptions};
use records::{
    Dataset, Date, DateTime, Money, Month, Subscription, SurveyAnswer, Ticket, UsageEvent,
};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd(y, m, day).unwrap()
}

fn m(y: i32, n: u32) -> Month {
    Month::from_ym(y, n).unwrap()
}

fn sub(customer: &str, cents: i64, start: Date, end: Option<Date>) -> Subscription {
    Subscription::new(customer, start, end, Money(cents))
}

// MRR at each month's end (cents):
//   Dec 2024: A 10000, B 10000, D 20000                 = 40000 (3 customers)
//   Jan 2025: A 10000, B 10000, C 5000 (new), D 20000    = 45000 (4)
//   Feb:      A 10000, C 5000, D 20000 (B churned 10000)  = 35000 (3)
//   Mar:      A 15000 (expansion 5000), C 5000 (D churned 20000) = 20000 (2)
//   Apr:      A 15000, C 5000, D 30000 (reactivation)     = 50000 (3)
// The revenue window ends in April (the latest month in which a row starts or ends).
fn subscriptions() -> Vec<Subscription> {
    vec![
        sub("A", 10_000, d(2024, 12, 1), None),
        sub("A", 5_000, d(2025, 3, 1), None),
        sub("B", 10_000, d(2024, 12, 1), Some(d(2025, 2, 15))),
        sub("C", 5_000, d(2025, 1, 10), None),
        sub("D", 20_000, d(2024, 12, 1), Some(d(2025, 3, 10))),
        sub("D", 30_000, d(2025, 4, 1), None),
    ]
}

fn at(date: Date, minutes: i64) -> DateTime {
    DateTime::from_unix(date.at_midnight().unix() + 9 * 3600 + minutes * 60)
}

// First response minutes: Feb 10 20 30 (median 20), Mar 100 (median 100), Apr 40 50
// (median 45). Over Feb–Apr: 10 20 30 40 50 100 → median (30 + 40) / 2 = 35, p90 = rank
// ceil(0.9 × 6) = 6 → 100. The mean of the monthly medians would be 55.
fn tickets() -> Vec<Ticket> {
    let rows = [(d(2025, 2, 3), 10), (d(2025, 2, 4), 20), (d(2025, 2, 5), 30)];
    let more = [(d(2025, 3, 3), 100), (d(2025, 4, 1), 40), (d(2025, 4, 2), 50)];
    rows.iter()
        .chain(&more)
        .enumerate()
        .map(|(i, &(day, min))| Ticket {
            id: format!("T{i}"),
            created: at(day, 0),
            first_response: Some(at(day, min)),
            resolved: None,
            contacts: None,
            first_contact_resolution: None,
            channel: None,
            urgency: None,
            ticket_type: None,
            customer: None,
        })
        .collect()
}

// NPS: Feb 10 10 0 (+33.3), Mar 9 (+100), Apr 5 6 (−100). Over Feb–Apr: 3 promoters,
// 3 detractors of 6 → 0 (the mean of the months would be +11.1).
fn answers() -> Vec<SurveyAnswer> {
    [(d(2025, 2, 1), 10.0), (d(2025, 2, 2), 10.0), (d(2025, 2, 3), 0.0)]
        .into_iter()
        .chain([(d(2025, 3, 1), 9.0), (d(2025, 4, 1), 5.0), (d(2025, 4, 2), 6.0)])
        .map(|(date, score)| SurveyAnswer {
            date,
            score,
            kind: Some(records::SurveyKind::Nps),
            customer: None,
            segment: None,
            comment: None,
            scale: None,
        })
        .collect()
}

// Usage: u1 on Feb 1, u2 on Mar 1, u1 on Apr 1; observed days Feb 1 – Apr 1 = 60. Over
// Feb–Apr: 3 user-days ÷ 60 days = 0.05 average DAU, 2 distinct users → DAU/MAU 0.025.
// Each month alone has 1 active user.
fn events() -> Vec<UsageEvent> {
    [(d(2025, 2, 1), "u1"), (d(2025, 3, 1), "u2"), (d(2025, 4, 1), "u1")]
        .into_iter()
        .map(|(day, user)| UsageEvent {
            timestamp: at(day, 0),
            user: user.into(),
            account: None,
            event: None,
            session_seconds: None,
        })
        .collect()
}

fn fixture(options: &ReportOptions) -> Report {
    let data = [
        Dataset::Subscriptions(subscriptions().into()),
        Dataset::Tickets(tickets()),
        Dataset::Surveys(answers()),
        Dataset::Usage(events()),
    ];
    analytics::report(&data, options)
}

fn range() -> Period {
    Period::Range(m(2025, 2), m(2025, 4))
}

fn with_range() -> Report {
    fixture(&ReportOptions { ranges: vec![range()], ..ReportOptions::default() })
}

fn value(r: &Report, kpi: Kpi, p: Period) -> Option<f64> {
    figure(r, kpi, p).unwrap().value
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Checks `(kpi, Feb 2025, 2025-Q1, 2025, Feb–Apr 2025)` rows against the report.
fn check_periods(r: &Report, table: &[(Kpi, f64, f64, f64, f64)]) {
    let periods = [Period::Month(m(2025, 2)), Period::Quarter(m(2025, 1)), Period::Year(2025)];
    for &(kpi, vf, vq, vy, vr) in table {
        for (p, want) in periods.into_iter().chain([range()]).zip([vf, vq, vy, vr]) {
            let got = value(r, kpi, p);
            assert!(close(got, want), "{kpi:?} {p}: got {got:?}, want {want}");
        }
    }
}

#[test]
fn revenue_figures_for_every_period_kind() {
    let r = with_range();
    // (kpi, Feb, Q1 = Jan–Mar, 2025 = Jan–Apr in the window, Feb–Apr)
    #[rustfmt::skip]
    let table: &[(Kpi, f64, f64, f64, f64)] = &[
        (Kpi::Mrr, 35_000.0, 20_000.0, 50_000.0, 50_000.0),
        (Kpi::Arr, 420_000.0, 240_000.0, 600_000.0, 600_000.0),
        (Kpi::Customers, 3.0, 2.0, 3.0, 3.0),
        // 50000 ÷ 3 = 16666.67 → 16667 cents
        (Kpi::Arpu, 11_667.0, 10_000.0, 16_667.0, 16_667.0),
        (Kpi::NewMrr, 0.0, 5_000.0, 5_000.0, 0.0),
        (Kpi::ReactivationMrr, 0.0, 0.0, 30_000.0, 30_000.0),
        (Kpi::ExpansionMrr, 0.0, 5_000.0, 5_000.0, 5_000.0),
        (Kpi::ContractionMrr, 0.0, 0.0, 0.0, 0.0),
        (Kpi::ChurnedMrr, 10_000.0, 30_000.0, 30_000.0, 30_000.0),
        // Q1: start Dec (A, B, D = 40000), end Mar: B and D gone, A +5000.
        // 2025: start Dec, end Apr: B gone, A +5000, D 20000 → 30000 (+10000).
        // Feb–Apr: start Jan (A, B, C, D = 45000), end Apr: B gone, A +5000, D +10000.
        (Kpi::ChurnRate, 1.0 / 4.0, 2.0 / 3.0, 1.0 / 3.0, 1.0 / 4.0),
        // B variant: + customers outside the start with a new or reactivation movement (C in Q1
        // and 2025; none in Feb–Apr since D was a start customer).
        (Kpi::ChurnRateB, 1.0 / 4.0, 2.0 / 4.0, 1.0 / 4.0, 1.0 / 4.0),
        (Kpi::RevenueChurn, 10_000.0 / 45_000.0, 30_000.0 / 40_000.0, 10_000.0 / 40_000.0, 10_000.0 / 45_000.0),
        (Kpi::Ndr, 35_000.0 / 45_000.0, 15_000.0 / 40_000.0, 45_000.0 / 40_000.0, 50_000.0 / 45_000.0),
        (Kpi::Grr, 35_000.0 / 45_000.0, 10_000.0 / 40_000.0, 30_000.0 / 40_000.0, 35_000.0 / 45_000.0),
    ];
    check_periods(&r, table);
}

#[test]
fn a_range_is_not_the_average_of_its_months() {
    let r = with_range();
    let months: Vec<f64> =
        (2..=4).map(|n| value(&r, Kpi::Ndr, Period::Month(m(2025, n))).unwrap()).collect();
    let mean = months.iter().sum::<f64>() / 3.0;
    // Feb 35/45, Mar (35 + 5 − 20)/35, Apr 20/20: mean 0.783; the exact figure is 50/45.
    assert!((mean - 0.783_068_783).abs() < 1e-6, "{mean}");
    let exact = value(&r, Kpi::Ndr, range()).unwrap();
    assert!((exact - 50.0 / 45.0).abs() < 1e-12);
    // Ticket median over the range's tickets, not the mean of monthly medians (55).
    assert_eq!(value(&r, Kpi::FirstResponseTime, range()), Some(35.0));
    assert_eq!(value(&r, Kpi::FirstResponseTimeP90, range()), Some(100.0));
    assert_eq!(value(&r, Kpi::FirstResponseTime, Period::Month(m(2025, 3))), Some(100.0));
    assert_eq!(value(&r, Kpi::TicketVolume, range()), Some(6.0));
    // NPS pooled over the range's answers.
    assert!(close(value(&r, Kpi::Nps, range()), 0.0));
    assert!(close(value(&r, Kpi::Nps, Period::Month(m(2025, 2))), 100.0 / 3.0));
    // DAU/MAU counts distinct users over the whole range.
    assert!(close(value(&r, Kpi::DauMau, range()), 0.025));
    assert!(close(value(&r, Kpi::DauMau, Period::Month(m(2025, 2))), 1.0 / 28.0));
}

#[test]
fn the_basis_names_what_was_counted() {
    let r = with_range();
    let f = figure(&r, Kpi::ChurnRate, range()).unwrap();
    assert_eq!(f.basis.how, How::StartToEnd);
    assert_eq!((f.basis.numerator, f.basis.denominator), (Some(1.0), Some(4.0)));
    assert_eq!(f.basis.counted, Some(Counted::Customers));
    let f = figure(&r, Kpi::Ndr, range()).unwrap();
    assert_eq!((f.basis.numerator, f.basis.denominator), (Some(50_000.0), Some(45_000.0)));
    assert_eq!(f.basis.counted, Some(Counted::Cents));
    let f = figure(&r, Kpi::Nps, Period::Month(m(2025, 2))).unwrap();
    assert_eq!((f.basis.how, f.basis.numerator), (How::Month, Some(3.0)));
    // A KPI whose data is missing has no figure at all; one without a value in the period
    // has a figure with no value.
    assert_eq!(figure(&r, Kpi::WinRate, range()), None);
    assert_eq!(value(&r, Kpi::Mrr, Period::Month(m(2023, 1))), None);
}

#[test]
fn ranges_that_are_calendar_periods_read_as_them_and_others_need_the_report() {
    let plain = fixture(&ReportOptions::default());
    // A range equal to Q1 is Q1, available without asking.
    let q1_range = Period::Range(m(2025, 1), m(2025, 3));
    assert_eq!(value(&plain, Kpi::Ndr, q1_range), Some(15_000.0 / 40_000.0));
    // Feb–Apr was not computed: unknown, never an estimate.
    assert_eq!(value(&plain, Kpi::Ndr, range()), None);
    // Asking for the period computes it and its trend's ranges.
    let r = fixture(&ReportOptions { period: Some(range()), ..ReportOptions::default() });
    assert!(close(value(&r, Kpi::Ndr, range()), 50.0 / 45.0));
    let t = r.tiles.iter().find(|t| t.figure.kpi == Kpi::Ndr).unwrap();
    // The previous range (Nov 2024 – Jan 2025) starts at the end of Oct, before any data.
    assert_eq!(t.previous, None);
    assert_eq!(t.trend.last().unwrap().period, range());
}

#[test]
fn tiles_are_every_kpi_with_data_in_order() {
    let r = with_range();
    let ids: Vec<Kpi> = tiles(&r, range()).iter().map(|t| t.figure.kpi).collect();
    for kpi in [Kpi::Mrr, Kpi::Ndr, Kpi::Nps, Kpi::FirstResponseTime, Kpi::DauMau] {
        assert!(ids.contains(&kpi), "{kpi:?} missing");
    }
    for kpi in [Kpi::WinRate, Kpi::Cac, Kpi::SalesVelocity] {
        assert!(!ids.contains(&kpi), "{kpi:?} has no data");
    }
    let mut sorted = ids.clone();
    sorted.sort_by_key(|k| Kpi::ALL.iter().position(|x| x == k));
    assert_eq!(ids, sorted);
    let mrr = &tiles(&r, Period::Month(m(2025, 3)))[0];
    assert_eq!(mrr.figure.kpi, Kpi::Mrr);
    assert_eq!((mrr.figure.value, mrr.previous), (Some(20_000.0), Some(35_000.0)));
    // Trend from the first month with data (Dec 2024) to March.
    assert_eq!(mrr.trend.len(), 4);
}

fn survey(date: Date, score: f64, kind: records::SurveyKind) -> SurveyAnswer {
    SurveyAnswer {
        date,
        score,
        kind: Some(kind),
        customer: None,
        segment: None,
        comment: None,
        scale: None,
    }
}

fn deal(closed: Date, outcome: records::DealOutcome, euros: Option<i64>) -> records::Deal {
    records::Deal {
        id: format!("{closed}"),
        created: d(2025, 1, 2),
        closed: Some(closed),
        outcome,
        value: euros.map(|e| Money(e * 100)),
        stage: None,
        source: None,
        lost_at_stage: None,
    }
}

// Pooled KPIs, Feb, Mar, Apr and the range Feb–Apr (hand-computed):
// CSAT (1–5, satisfied = 4–5): Feb 5 4 2 → 2/3, Mar 1 → 0/1, Apr 5 → 1/1; range 3/5.
// CES: Feb 2 4 → 3, Apr 5 → 5; range (2 + 4 + 5) / 3.
// Tickets: FCR Feb true false, Mar true → range 2/3; resolved Feb 1 of 2, Mar 1 of 1,
// Apr 0 of 1 → range 2/4.
// Leads: first contact after 3 and 10 min (Feb), 4 min (Mar), none (Apr) → range 2/4.
// Deals closed: Feb won 1,000 € and lost 500 €, Mar won 2,000 €, Apr lost without amount →
// win rate 2/4, win/loss 2/2, by value 3,000 / 500 = 6 (the deal without amount is left out).
fn pooled_fixture() -> Report {
    use records::{DealOutcome as O, Lead, SurveyKind as K};
    let answers = vec![
        survey(d(2025, 2, 1), 5.0, K::Csat),
        survey(d(2025, 2, 2), 4.0, K::Csat),
        survey(d(2025, 2, 3), 2.0, K::Csat),
        survey(d(2025, 3, 1), 1.0, K::Csat),
        survey(d(2025, 4, 1), 5.0, K::Csat),
        survey(d(2025, 2, 4), 2.0, K::Ces),
        survey(d(2025, 2, 5), 4.0, K::Ces),
        survey(d(2025, 4, 2), 5.0, K::Ces),
    ];
    let ticket = |day: Date, fcr: Option<bool>, resolved: bool| Ticket {
        id: format!("{day}"),
        created: at(day, 0),
        first_response: None,
        resolved: resolved.then(|| at(day, 60)),
        contacts: None,
        first_contact_resolution: fcr,
        channel: None,
        urgency: None,
        ticket_type: None,
        customer: None,
    };
    let tickets = vec![
        ticket(d(2025, 2, 3), Some(true), true),
        ticket(d(2025, 2, 4), Some(false), false),
        ticket(d(2025, 3, 3), Some(true), true),
        ticket(d(2025, 4, 1), None, false),
    ];
    let lead = |day: Date, min: Option<i64>| Lead {
        id: None,
        created: at(day, 0),
        first_contact: min.map(|m| at(day, m)),
    };
    let leads = vec![
        lead(d(2025, 2, 3), Some(3)),
        lead(d(2025, 2, 4), Some(10)),
        lead(d(2025, 3, 3), Some(4)),
        lead(d(2025, 4, 1), None),
    ];
    let deals = vec![
        deal(d(2025, 2, 10), O::Won, Some(1_000)),
        deal(d(2025, 2, 11), O::Lost, Some(500)),
        deal(d(2025, 3, 10), O::Won, Some(2_000)),
        deal(d(2025, 4, 10), O::Lost, None),
    ];
    let data = [
        Dataset::Surveys(answers),
        Dataset::Tickets(tickets),
        Dataset::Leads(leads),
        Dataset::Deals(deals),
    ];
    analytics::report(&data, &ReportOptions { ranges: vec![range()], ..ReportOptions::default() })
}

#[test]
fn pooled_figures_for_every_period_kind() {
    let r = pooled_fixture();
    // Q1 = Jan–Mar holds Feb and Mar; 2025 and the range hold all three months.
    #[rustfmt::skip]
    let table: &[(Kpi, f64, f64, f64, f64)] = &[
        (Kpi::Csat, 2.0 / 3.0, 2.0 / 4.0, 3.0 / 5.0, 3.0 / 5.0),
        (Kpi::Ces, 3.0, 3.0, 11.0 / 3.0, 11.0 / 3.0),
        (Kpi::Fcr, 1.0 / 2.0, 2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0),
        (Kpi::ResolutionRate, 1.0 / 2.0, 2.0 / 3.0, 2.0 / 4.0, 2.0 / 4.0),
        (Kpi::TicketVolume, 2.0, 3.0, 4.0, 4.0),
        (Kpi::LeadResponseTime, 1.0 / 2.0, 2.0 / 3.0, 2.0 / 4.0, 2.0 / 4.0),
        (Kpi::WinRate, 1.0 / 2.0, 2.0 / 3.0, 2.0 / 4.0, 2.0 / 4.0),
        (Kpi::WinLossRatio, 1.0, 2.0, 1.0, 1.0),
        (Kpi::WinLossValueRatio, 2.0, 6.0, 6.0, 6.0),
    ];
    check_periods(&r, table);
    let (feb, rg) = (Period::Month(m(2025, 2)), range());
    let f = figure(&r, Kpi::Csat, rg).unwrap();
    assert_eq!(
        (f.basis.how, f.basis.numerator, f.basis.denominator),
        (How::Pooled, Some(3.0), Some(5.0))
    );
    // The open pipeline is a current state: the same figure for every period.
    let v = figure(&r, Kpi::SalesVelocity, feb).unwrap();
    assert_eq!(v.basis.how, How::Current);
    assert_eq!(value(&r, Kpi::SalesVelocity, rg), v.value);
}
