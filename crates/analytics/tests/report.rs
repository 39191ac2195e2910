//! The combined report: sections, source choice, latest values, alerts, definitions, JSON
//! field names, and that hostile input never panics.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::alerts::{Op, Threshold};
use analytics::{report, Kpi, Report, ReportOptions};
use proptest::prelude::*;
use records::{
    Dataset, DatasetKind, Date, DateTime, Invoice, Lead, Money, Subscription, SurveyAnswer, Ticket,
    UsageEvent,
};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd(y, m, day).unwrap()
}

fn sub(c: &str, start: Date, end: Option<Date>, cents: i64) -> Subscription {
    Subscription::new(c, start, end, Money(cents))
}

fn answer(date: Date, score: f64) -> SurveyAnswer {
    SurveyAnswer {
        date,
        score,
        kind: None,
        customer: None,
        segment: None,
        comment: None,
        scale: None,
    }
}

// Two customers: a pays 100 from January, b pays 50 in January only (churns in February).
// February: MRR 100, 1 customer, logo churn 1/2, revenue churn 50/150, NRR 100/150.
// Surveys: January 10, 0 → NPS 0; February none → latest NPS is January's.
fn datasets() -> Vec<Dataset> {
    vec![
        Dataset::Subscriptions(vec![sub("a", d(2025, 1, 1), None, 10_000)].into()),
        Dataset::Subscriptions(vec![sub("b", d(2025, 1, 1), Some(d(2025, 2, 1)), 5_000)].into()),
        Dataset::Surveys(vec![answer(d(2025, 1, 5), 10.0), answer(d(2025, 1, 6), 0.0)]),
    ]
}

fn latest(r: &Report, id: &str) -> (String, f64) {
    let v = r.latest.iter().find(|v| v.kpi_id.id() == id).unwrap();
    (v.period.clone(), v.value)
}

#[test]
fn sections_latest_alerts_and_definitions() {
    let options = ReportOptions {
        thresholds: vec![
            Threshold { kpi_id: Kpi::ChurnRate, op: Op::Above, value: 0.1 },
            Threshold { kpi_id: Kpi::Mrr, op: Op::Below, value: 5_000.0 },
        ],
        ..ReportOptions::default()
    };
    let r = report(&datasets(), &options);
    assert_eq!(r.schema_version, 3);
    assert_eq!(r.revenue_source, Some(DatasetKind::Subscriptions));
    let kinds: Vec<(DatasetKind, usize)> = r.datasets.iter().map(|s| (s.kind, s.rows)).collect();
    assert_eq!(kinds, [(DatasetKind::Subscriptions, 2), (DatasetKind::Surveys, 2)]);
    let rev = r.revenue.as_ref().unwrap();
    let mrr: Vec<i64> = rev.months.iter().map(|m| m.mrr.cents()).collect();
    assert_eq!(mrr, [15_000, 10_000]);
    assert_eq!(latest(&r, "mrr"), ("2025-02".into(), 10_000.0));
    assert_eq!(latest(&r, "churn_rate"), ("2025-02".into(), 0.5));
    assert_eq!(latest(&r, "revenue_churn"), ("2025-02".into(), 5_000.0 / 15_000.0));
    assert_eq!(latest(&r, "ndr"), ("2025-02".into(), 10_000.0 / 15_000.0));
    assert_eq!(latest(&r, "nps"), ("2025-01".into(), 0.0));
    assert!(r.tickets.is_none() && r.usage.is_none() && r.health.is_none());
    let breached: Vec<&str> = r.alerts.iter().map(|a| a.kpi_id.id()).collect();
    assert_eq!(breached, ["churn_rate"]);
    assert!(r.definitions["ndr"].en.starts_with("Net revenue retention"));
    assert!(r.definitions["churn_rate"].de.starts_with("Kundenabwanderung (Variante A)"));
    assert_eq!(r.definitions.len(), r.latest.len());
}

#[test]
fn json_field_names_are_stable() {
    let r = report(&datasets(), &ReportOptions::default());
    let text = serde_json::to_string(&r).unwrap();
    let prefix = r#"{"schema_version":3,"datasets":[{"kind":"subscriptions","rows":2}"#;
    assert!(text.starts_with(prefix), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    // serde_json's map sorts keys; the struct order is checked by the prefix above.
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    let expected = "alerts as_of billing costs datasets deals definitions health latest leads \
                    period revenue revenue_source schema_version surveys tickets tiles usage \
                    usage_match";
    assert_eq!(keys, expected.split_whitespace().collect::<Vec<_>>());
    let month = &json["revenue"]["months"][1];
    assert_eq!(month["month"], "2025-02");
    assert_eq!(month["mrr"], 10_000);
    assert_eq!(month["movements"]["churn"], 5_000);
    assert_eq!(month["retention"]["logo_churn_a"], 0.5);
    assert!(json["revenue"]["months"][0]["retention"]["nrr"].is_null());
    assert_eq!(json["revenue_source"], "subscriptions");
    assert_eq!(json["revenue"]["quarters"][0]["label"], "2025-Q1");
    let back: Report = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn invoices_only_when_there_are_no_subscriptions() {
    let invoices = Dataset::Invoices(vec![Invoice::new("x", d(2025, 3, 3), Money(1_200), 12)]);
    let r = report(std::slice::from_ref(&invoices), &ReportOptions::default());
    assert_eq!(r.revenue_source, Some(DatasetKind::Invoices));
    // The analysis ends on the as-of date, the invoice's own day: no month after March.
    assert_eq!(r.revenue.unwrap().months.len(), 1);
    let later = ReportOptions { as_of: Some(d(2026, 2, 28)), ..ReportOptions::default() };
    let r = report(std::slice::from_ref(&invoices), &later);
    assert_eq!(r.revenue.unwrap().months.len(), 12);
    let mut both = datasets();
    both.push(invoices);
    assert_eq!(
        report(&both, &ReportOptions::default()).revenue_source,
        Some(DatasetKind::Subscriptions)
    );
    assert_eq!(report(&[], &ReportOptions::default()).revenue_source, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    // Timestamps anywhere in the i64 range (not only what ingest produces) must not panic or
    // allocate per-day arrays without bound.
    #[test]
    fn hostile_timestamps_never_panic(secs in proptest::collection::vec(any::<i64>(), 1..6)) {
        let t = |s: i64| DateTime::from_unix(s);
        let tickets = secs.iter().map(|&s| Ticket {
            id: "t".into(), created: t(s), first_response: Some(t(s / 2)), resolved: None,
            contacts: Some(1), first_contact_resolution: None, channel: None, urgency: None,
            ticket_type: None, customer: Some("a".into()),
        }).collect();
        let usage = secs.iter().map(|&s| UsageEvent {
            timestamp: t(s), user: "u".into(), account: Some("a".into()),
            event: None, session_seconds: Some(f64::INFINITY),
        }).collect();
        let leads = secs.iter().map(|&s| Lead { id: None, created: t(s), first_contact: Some(t(0)) }).collect();
        let subs = secs.iter().map(|&s| sub("a", Date::from_days((s % 3_000_000) as i32), None, s % 1_000)).collect();
        let r = report(
            &[Dataset::Tickets(tickets), Dataset::Usage(usage), Dataset::Leads(leads), Dataset::Subscriptions(subs)],
            &ReportOptions::default(),
        );
        // Bug: this asserted `to_string(&r).is_ok()`, which holds for every report. The report
        // must count every row it was given and keep every latest value finite (sections may
        // be absent: timestamps outside the calendar's range are left out).
        let mut rows: Vec<(DatasetKind, usize)> = r.datasets.iter().map(|d| (d.kind, d.rows)).collect();
        rows.sort_by_key(|(kind, _)| kind.id());
        let n = secs.len();
        let mut want = vec![
            (DatasetKind::Tickets, n), (DatasetKind::Usage, n),
            (DatasetKind::Leads, n), (DatasetKind::Subscriptions, n),
        ];
        want.sort_by_key(|(kind, _)| kind.id());
        prop_assert_eq!(rows, want);
        prop_assert!(r.latest.iter().all(|l| l.value.is_finite()), "{:?}", r.latest);
    }
}
