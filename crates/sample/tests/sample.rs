//! Determinism, row counts, consistency and the German Excel dialect of the sample data.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::revenue::{revenue_from_subscriptions, RevenueOptions};
use records::{BillingInterval, Dataset, DatasetKind};
use sample::{generate, generate_bytes, write_csv, CsvFormat};
use std::collections::{BTreeMap, BTreeSet};

/// FNV-1a, so that the test compares whole outputs without a hashing dependency.
fn fnv(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    for kind in DatasetKind::ALL {
        for format in [CsvFormat::English, CsvFormat::GermanExcel] {
            let a = write_csv(&generate(kind, 300, 42), format);
            let b = write_csv(&generate(kind, 300, 42), format);
            let c = write_csv(&generate(kind, 300, 43), format);
            assert_eq!(fnv(&a), fnv(&b), "{kind:?} {format:?}");
            assert_ne!(fnv(&a), fnv(&c), "{kind:?} {format:?}");
        }
    }
}

#[test]
fn exact_first_lines_for_seed_42() {
    // Regression guard: any change to the generator changes these lines on purpose only.
    let csv = write_csv(&generate(DatasetKind::Subscriptions, 400, 42), CsvFormat::English);
    let text = String::from_utf8(csv).unwrap();
    let first: Vec<&str> = text.lines().take(4).collect();
    assert_eq!(
        first,
        [
            "customer,start,end,amount,interval,plan,status",
            "K00001,2024-07-25,,490.00,year,Basic,active",
            "K00002,2024-07-07,,49.00,month,Basic,active",
            "K00003,2024-04-20,2025-06-22,249.00,month,Business,canceled",
        ]
    );
}

#[test]
fn row_counts() {
    let check =
        |kind, n, expected: usize| assert_eq!(generate(kind, n, 1).len(), expected, "{kind:?}");
    check(DatasetKind::Surveys, 250, 250);
    check(DatasetKind::Tickets, 250, 250);
    check(DatasetKind::Deals, 250, 250);
    check(DatasetKind::Leads, 250, 250);
    check(DatasetKind::Usage, 2_500, 2_500);
    check(DatasetKind::Costs, 24, 24);
    check(DatasetKind::Costs, 0, 0);
    let Dataset::Subscriptions(subs) = generate(DatasetKind::Subscriptions, 250, 1) else {
        panic!("wrong kind")
    };
    let subs = subs.to_vec();
    let customers: BTreeSet<&str> = subs.iter().map(|s| s.customer.as_str()).collect();
    assert_eq!(customers.len(), 250);
    assert!(subs.len() > 250 && subs.len() < 500, "{}", subs.len());
}

#[test]
fn subscriptions_have_every_movement_and_annual_plans() {
    let Dataset::Subscriptions(subs) = generate(DatasetKind::Subscriptions, 2_000, 5) else {
        panic!("wrong kind")
    };
    let subs = subs.to_vec();
    assert!(subs.iter().all(|s| s.end.is_none_or(|e| e > s.start)));
    assert!(subs.iter().any(|s| s.interval == BillingInterval::YEAR));
    let r = revenue_from_subscriptions(&subs.clone().into(), &RevenueOptions::default()).unwrap();
    assert_eq!(r.months.len(), 24);
    let sum = |f: fn(&analytics::revenue::Movements) -> i64| -> i64 {
        r.months.iter().map(|m| f(&m.movements)).sum()
    };
    assert!(sum(|m| m.new.0) > 0);
    assert!(sum(|m| m.expansion.0) > 0);
    assert!(sum(|m| m.contraction.0) > 0);
    assert!(sum(|m| m.churn.0) > 0);
    assert!(sum(|m| m.reactivation.0) > 0);
    // A growing business: more MRR at the end than after the first year.
    assert!(r.months[23].mrr > r.months[11].mrr);
}

#[test]
fn usage_accounts_are_subscription_customers_while_active() {
    let Dataset::Usage(events) = generate(DatasetKind::Usage, 5_000, 9) else { panic!() };
    let Dataset::Subscriptions(subs) = generate(DatasetKind::Subscriptions, 50, 9) else {
        panic!()
    };
    let subs = subs.to_vec();
    let mut by_customer: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for s in &subs {
        by_customer.entry(s.customer.as_str()).or_default().push(s);
    }
    for e in &events {
        let day = e.timestamp.date();
        let rows = &by_customer[e.account.as_deref().unwrap()];
        assert!(rows.iter().any(|s| s.start <= day && s.end.is_none_or(|end| day < end)), "{e:?}");
        assert!(e.user.starts_with(e.account.as_deref().unwrap()));
    }
}

#[test]
fn survey_answers_come_from_subscribers() {
    let Dataset::Surveys(answers) = generate(DatasetKind::Surveys, 600, 9) else { panic!() };
    let Dataset::Subscriptions(subs) = generate(DatasetKind::Subscriptions, 200, 9) else {
        panic!()
    };
    let subs = subs.to_vec();
    for a in &answers {
        let c = a.customer.as_deref().unwrap();
        let active = subs
            .iter()
            .any(|s| s.customer == c && s.start <= a.date && s.end.is_none_or(|e| a.date < e));
        assert!(active, "{a:?}");
    }
}

#[test]
fn tickets_contain_a_spike_week() {
    let Dataset::Tickets(rows) = generate(DatasetKind::Tickets, 2_000, 3) else { panic!() };
    let r = analytics::tickets::tickets(&rows, &Default::default()).unwrap();
    let top = r.weeks.iter().map(|w| w.opened).max().unwrap();
    assert!(r.spikes.iter().any(|s| s.volume == top), "{:?}", r.spikes);
}

#[test]
fn german_excel_is_cp1252_with_semicolons_and_decimal_commas() {
    let bytes = write_csv(&generate(DatasetKind::Subscriptions, 300, 2), CsvFormat::GermanExcel);
    assert!(bytes.starts_with(b"Kunde;Beginn;Ende;Betrag;Intervall;Tarif;Status\r\n"));
    // "jährlich" in Windows-1252 is 6A E4 68 …; the UTF-8 form C3 A4 must not occur.
    assert!(bytes.windows(3).any(|w| w == b"j\xE4h"));
    assert!(!bytes.windows(2).any(|w| w == b"\xC3\xA4"));
    let (text, _, malformed) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(!malformed);
    let line = text.lines().nth(1).unwrap();
    let fields: Vec<&str> = line.split(';').collect();
    assert_eq!(fields.len(), 7, "{line}");
    let (start, amount) = (fields[1], fields[3]);
    assert!(start.len() == 10 && &start[2..3] == "." && &start[5..6] == ".", "{start}");
    assert!(amount.ends_with(|c: char| c.is_ascii_digit()) && amount.contains(','), "{amount}");
    // Comments with separators are quoted; German Excel uses ; so commas stay bare.
    let surveys = write_csv(&generate(DatasetKind::Surveys, 500, 2), CsvFormat::GermanExcel);
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&surveys);
    assert!(text.contains(";Toller Support, schnelle Antworten\r\n"));
    let english = write_csv(&generate(DatasetKind::Surveys, 500, 2), CsvFormat::English);
    let english = String::from_utf8(english).unwrap();
    assert!(english.contains("\"Toller Support, schnelle Antworten\""));
    assert!(english.contains("übersichtlich") || english.contains("Ständig"));
}

#[test]
fn generate_bytes_is_close_to_the_target() {
    for kind in [DatasetKind::Subscriptions, DatasetKind::Usage, DatasetKind::Tickets] {
        for target in [10_000usize, 200_000] {
            let bytes = generate_bytes(kind, target, CsvFormat::English, 4);
            assert!(
                bytes.len() <= target && bytes.len() * 100 >= target * 95,
                "{kind:?} {}",
                bytes.len()
            );
            assert!(bytes.ends_with(b"\n"));
            assert_eq!(bytes, generate_bytes(kind, target, CsvFormat::English, 4));
        }
    }
    let german = generate_bytes(DatasetKind::Tickets, 50_000, CsvFormat::GermanExcel, 4);
    assert!(german.len() <= 50_000 && german.len() >= 47_500, "{}", german.len());
    assert!(german.ends_with(b"\r\n"));
}

#[test]
fn report_over_every_kind_fills_every_section() {
    let datasets: Vec<Dataset> = [
        (DatasetKind::Subscriptions, 300),
        (DatasetKind::Surveys, 900),
        (DatasetKind::Tickets, 1_200),
        (DatasetKind::Deals, 300),
        (DatasetKind::Leads, 300),
        (DatasetKind::Usage, 120_000),
        (DatasetKind::Costs, 24),
    ]
    .into_iter()
    .map(|(kind, n)| generate(kind, n, 11))
    .collect();
    let options = analytics::ReportOptions {
        usage: analytics::usage::UsageOptions { licensed_users: Some(2_000) },
        ..Default::default()
    };
    let r = analytics::report(&datasets, &options);
    assert_eq!(r.revenue.as_ref().unwrap().months.len(), 24);
    assert_eq!(r.revenue.as_ref().unwrap().quarters.len(), 8);
    // Answers come from subscribers only, so the first months (few customers) may be empty.
    let survey_months = &r.surveys.as_ref().unwrap().months;
    assert_eq!(survey_months.last().unwrap().month.to_string(), "2025-12");
    assert!(survey_months.len() >= 20, "{}", survey_months.len());
    assert!(!r.tickets.as_ref().unwrap().spikes.is_empty());
    assert!(r.deals.as_ref().unwrap().velocity.per_day.is_some());
    assert!(r.leads.is_some() && r.usage.is_some());
    assert!(r.costs.as_ref().unwrap().months.iter().all(|c| c.cac.is_some()));
    let health = r.health.as_ref().unwrap();
    assert_eq!(health.as_of.to_string(), "2025-12-31");
    assert!(!health.at_risk.is_empty());
    // Every KPI with a definition text is among the latest values.
    for id in ["mrr", "churn_rate", "ndr", "nps", "csat", "fcr", "win_rate", "dau_mau", "cac"] {
        assert!(r.latest.iter().any(|v| v.kpi_id.id() == id), "{id}");
        assert!(r.definitions.contains_key(id), "{id}");
    }
}

/// Timing of the hot paths on a million rows; run with
/// `cargo test -p sample --release -- --ignored --nocapture million`.
#[test]
#[ignore]
fn million_rows_timing() {
    let subs = generate(DatasetKind::Subscriptions, 800_000, 1);
    let events = generate(DatasetKind::Usage, 1_000_000, 1);
    eprintln!("rows: {} subscriptions, {} events", subs.len(), events.len());
    let t = std::time::Instant::now();
    let r = analytics::report(&[subs], &Default::default());
    eprintln!("revenue report: {:?}", t.elapsed());
    assert_eq!(r.revenue.unwrap().months.len(), 24);
    let t = std::time::Instant::now();
    let r = analytics::report(&[events], &Default::default());
    eprintln!("usage + health report: {:?}", t.elapsed());
    assert!(r.usage.is_some());
}
