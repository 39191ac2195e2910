//! Usage, health, costs and alert fixtures with hand-computed values.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::alerts::{evaluate, LatestValue, Op, Threshold};
use analytics::costs::costs;
use analytics::health::{
    health, HealthOptions, HealthPart, HealthTargets, LeftOut, Missing, RiskReason,
};
use analytics::revenue::{revenue_from_subscriptions, RevenueOptions};
use analytics::usage::{usage, UsageOptions};
use records::{
    CostRow, Date, DateTime, Money, Month, Subscription, SurveyAnswer, SurveyKind, Ticket,
    UsageEvent,
};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd(y, m, day).unwrap()
}

fn event(day: Date, user: &str, account: &str, feature: &str, session: Option<f64>) -> UsageEvent {
    UsageEvent {
        timestamp: DateTime::from_unix(day.at_midnight().unix() + 10 * 3600),
        user: user.into(),
        account: Some(account.into()),
        event: Some(feature.into()),
        session_seconds: session,
    }
}

fn sub(customer: &str, start: Date) -> Subscription {
    Subscription::new(customer, start, None, Money(10_000))
}

// | day    | users  | sessions (s) | DAU |
// |--------|--------|--------------|-----|
// | Jan 30 | u1 u1 u2 | 600, 300   | 2   |
// | Jan 31 | u1     |              | 1   |
// | Feb 1  | u2 u3  | 120          | 2   |
// | Feb 2  | u3 u1  |              | 2   |
// Jan: MAU 2, observed days 2, avg DAU 1.5 → DAU/MAU 0.75; 2 sessions, 450 s, 1 per day;
//      usage rate 2/10. Feb: MAU 3, avg DAU 2 → 2/3; 1 session, 120 s, 0.5 per day; 3/10.
#[test]
fn dau_mau_sessions() {
    let rows = vec![
        event(d(2025, 1, 30), "u1", "A", "login", Some(600.0)),
        event(d(2025, 1, 30), "u1", "A", "report", None),
        event(d(2025, 1, 30), "u2", "B", "login", Some(300.0)),
        event(d(2025, 1, 31), "u1", "A", "login", None),
        event(d(2025, 2, 1), "u2", "B", "login", None),
        event(d(2025, 2, 1), "u3", "B", "login", Some(120.0)),
        event(d(2025, 2, 2), "u3", "B", "export", Some(f64::NAN)),
        event(d(2025, 2, 2), "u1", "A", "login", None),
    ];
    let r = usage(&rows, &UsageOptions { licensed_users: Some(10) }).unwrap();
    let dau: Vec<(String, u32, u32)> =
        r.days.iter().map(|x| (x.date.to_string(), x.dau, x.sessions)).collect();
    assert_eq!(
        dau,
        [
            ("2025-01-30".into(), 2, 2),
            ("2025-01-31".into(), 1, 0),
            ("2025-02-01".into(), 2, 1),
            ("2025-02-02".into(), 2, 0),
        ]
    );
    let jan = &r.months[0];
    assert_eq!((jan.mau, jan.days_observed, jan.sessions, jan.active_accounts), (2, 2, 2, 2));
    assert_eq!(jan.average_dau, Some(1.5));
    assert_eq!(jan.dau_mau, Some(0.75));
    assert_eq!(jan.average_session_seconds, Some(450.0));
    assert_eq!(jan.sessions_per_day, Some(1.0));
    assert_eq!(jan.product_usage_rate, Some(0.2));
    let feb = &r.months[1];
    assert_eq!((feb.mau, feb.days_observed, feb.sessions), (3, 2, 1));
    assert_eq!(feb.dau_mau, Some(2.0 / 3.0));
    assert_eq!(feb.average_session_seconds, Some(120.0));
    assert_eq!(feb.sessions_per_day, Some(0.5));
    assert_eq!(feb.product_usage_rate, Some(0.3));
}

// as_of 2025-03-31; window Mar 2 … Mar 31, previous window Jan 31 … Mar 1.
// Targets: 10 days, 2 users, 2 features, 0 points at 2 open tickets; default weights
// 0.3 / 0.2 / 0.2 / 0.15 / 0.15.
// | account | days | users | feats | NPS | open | components            | score                          |
// |---------|------|-------|-------|-----|------|-----------------------|--------------------------------|
// | good    | 10   | 2     | 2     | 9   | 0    | 100 100 100 90 100    | 30+20+20+13.5+15 = 98.5        |
// | bad     | 2    | 1     | 1     | 3   | 1    | 20 50 50 30 50        | 6+10+10+4.5+7.5 = 38           |
// | silent  | ?    | ?     | ?     | —   | 0    | — — — — 100           | 15 / 0.15 = 100                |
// Previous: bad had 10 days, 2 users, 2 features, NPS 8 (Feb 10), 0 open → 30+20+20+12+15 = 97;
// good had no usage, no NPS yet, and its ticket of Mar 1 (resolved Mar 2) was open at the end
// of Mar 1 → tickets 50 → 7.5 / 0.85.
// Bug: "silent" (a subscription customer the usage data never names) scored 0 on usage
// (15 / 0.85 = 17.6) and was listed at risk for low usage and few users. Its usage is
// unknown, not zero: the usage parts are left out and only the tickets part remains.
#[test]
fn health_scores_and_at_risk() {
    let mut events = Vec::new();
    for i in 0..10 {
        events.push(event(d(2025, 3, 2 + 3 * i), "g1", "good", "login", None));
        events.push(event(d(2025, 3, 2 + 3 * i), "g2", "good", "report", None));
        events.push(event(d(2025, 2, 1 + i), "b1", "bad", "login", None));
        events.push(event(d(2025, 2, 1 + i), "b2", "bad", "report", None));
    }
    events.push(event(d(2025, 3, 20), "b1", "bad", "login", None));
    // An account last seen in 2024 is gone, not at risk.
    events.push(event(d(2024, 6, 1), "o1", "old", "login", None));
    events.push(event(d(2025, 3, 21), "b1", "bad", "login", None));
    let nps = |customer: &str, date, score| SurveyAnswer {
        date,
        score,
        kind: Some(SurveyKind::Nps),
        customer: Some(customer.into()),
        segment: None,
        comment: None,
        scale: None,
    };
    let answers = vec![
        nps("good", d(2025, 3, 5), 9.0),
        nps("bad", d(2025, 2, 10), 8.0),
        nps("bad", d(2025, 3, 15), 3.0),
    ];
    let ticket = |customer: &str, created: Date, resolved: Option<Date>| Ticket {
        id: "t".into(),
        created: created.at_midnight(),
        first_response: None,
        resolved: resolved.map(|r| r.at_midnight()),
        contacts: None,
        first_contact_resolution: None,
        channel: None,
        urgency: None,
        ticket_type: None,
        customer: Some(customer.into()),
    };
    let tickets = vec![
        ticket("bad", d(2025, 3, 20), None),
        ticket("good", d(2025, 3, 1), Some(d(2025, 3, 2))),
    ];
    // "gone" used the product last month but its subscription ended: churned, not at risk.
    events.push(event(d(2025, 3, 3), "x1", "gone", "login", None));
    let mut ended = sub("gone", d(2024, 1, 1));
    ended.end = Some(d(2025, 3, 10));
    let subs = vec![sub("silent", d(2025, 1, 1)), sub("good", d(2025, 1, 1)), ended];
    let options = HealthOptions {
        targets: HealthTargets {
            active_days: 10,
            active_users: 2,
            features: 2,
            zero_at_open_tickets: 2,
        },
        as_of: Some(d(2025, 3, 31)),
        ..HealthOptions::default()
    };
    let r = health(&events, &answers, &tickets, &subs.clone().into(), &options).unwrap();
    assert_eq!(r.as_of, d(2025, 3, 31));
    assert!((r.weights_sum - 1.0).abs() < 1e-12);
    let names: Vec<&str> = r.accounts.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(names, ["bad", "good", "silent"]);
    let close = |a: Option<f64>, e: f64| assert!((a.unwrap() - e).abs() < 1e-9, "{a:?} != {e}");
    close(r.accounts[2].score, 100.0);
    close(r.accounts[0].score, 38.0);
    close(r.accounts[0].previous_score, 97.0);
    close(r.accounts[1].score, 98.5);
    close(r.accounts[1].previous_score, 7.5 / 0.85);
    let silent = &r.accounts[2];
    assert!(!silent.usage_known);
    assert_eq!(silent.used, [HealthPart::Tickets]);
    assert_eq!(
        silent.left_out,
        [
            LeftOut { part: HealthPart::Frequency, why: Missing::NotInUsage },
            LeftOut { part: HealthPart::Breadth, why: Missing::NotInUsage },
            LeftOut { part: HealthPart::Depth, why: Missing::NotInUsage },
            LeftOut { part: HealthPart::Nps, why: Missing::NoNpsAnswer },
        ]
    );
    assert_eq!(r.accounts[1].used, HealthPart::ALL);
    assert_eq!(r.usage_unknown, 1);
    let bad = &r.accounts[0];
    assert_eq!(
        (bad.active_days, bad.previous_active_days, bad.active_users, bad.features),
        (2, 10, 1, 1)
    );
    assert_eq!((bad.latest_nps, bad.open_tickets), (Some(3.0), Some(1)));
    let at_risk: Vec<&str> = r.at_risk.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(at_risk, ["bad"]);
    let reasons = &r.at_risk[0].reasons;
    assert_eq!(reasons.len(), 6);
    assert!(matches!(reasons[0], RiskReason::LowScore { score } if (score - 38.0).abs() < 1e-9));
    assert!(matches!(reasons[1], RiskReason::ScoreDrop { .. }));
    assert_eq!(
        reasons[2..],
        [
            RiskReason::LowUsage { active_days: 2 },
            RiskReason::FallingUsage { from: 10, to: 2 },
            RiskReason::Detractor { score: 3.0 },
            RiskReason::FewUsers { n: 1 },
        ]
    );
    let json = serde_json::to_string(&r.at_risk[0].reasons[3]).unwrap();
    assert_eq!(json, r#"{"reason":"falling_usage","from":10,"to":2}"#);

    // Scores 38, 98.5 and 100: one in the band 30–40, two in 90–100.
    assert_eq!((r.accounts_total, r.at_risk_total), (3, 1));
    assert_eq!(r.score_histogram, [0, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
    close(r.mean_score, (38.0 + 98.5 + 100.0) / 3.0);
    // Regression: a report of 354k accounts froze the tab for 4 s; the display copy is
    // trimmed but keeps totals, mean and histogram.
    let small = r.trimmed(1, 1);
    assert_eq!((small.accounts.len(), small.at_risk.len()), (1, 1));
    assert_eq!(small.accounts[0].account, "bad");
    assert_eq!((small.accounts_total, small.at_risk_total), (3, 1));
    assert_eq!((small.score_histogram, small.mean_score), (r.score_histogram, r.mean_score));
}

// Customers a, b new in Jan, c new in Feb. Jan: (1,000 + 500) / 2 = 750 €, retention
// 300 / 2 = 150 €. Feb: 600 / 1 = 600 €, 300 / 3 = 100 €. Mar: no new customer → CAC None.
#[test]
fn cac_and_retention_cost() {
    let subs = vec![sub("a", d(2025, 1, 1)), sub("b", d(2025, 1, 5)), sub("c", d(2025, 2, 1))];
    let options =
        RevenueOptions { until: Some(Month::from_ym(2025, 3).unwrap()), ..Default::default() };
    let rev = revenue_from_subscriptions(&subs.clone().into(), &options).unwrap();
    let row = |m: u32, s: i64, mk: i64, cs: i64| CostRow {
        month: Month::from_ym(2025, m).unwrap(),
        sales: Money(s * 100),
        marketing: Money(mk * 100),
        customer_success: Money(cs * 100),
    };
    let rows =
        vec![row(1, 1_000, 500, 300), row(2, 400, 0, 300), row(2, 200, 0, 0), row(3, 100, 0, 600)];
    let report = costs(&rows, Some(&rev)).unwrap();
    let c = &report.months;
    let got: Vec<(Option<Money>, Option<Money>)> =
        c.iter().map(|m| (m.cac, m.retention_cost)).collect();
    assert_eq!(
        got,
        [
            (Some(Money(75_000)), Some(Money(15_000))),
            (Some(Money(60_000)), Some(Money(10_000))),
            (None, Some(Money(20_000))),
        ]
    );
    // Q1: (1,500 + 600 + 100) / 3 new = 733.33 €; 1,200 / (2 + 3 + 3) customer-months = 150 €.
    // Issue 14: the quarter divided by the customers at its end (400 €, a per-quarter figure)
    // while the dashboard divided by customer-months; both now use customer-months.
    let q = &report.quarters[0];
    assert_eq!((q.new_customers, q.cac), (Some(3), Some(Money(73_333))));
    assert_eq!((q.customers, q.retention_cost), (Some(8), Some(Money(15_000))));
    let r = analytics::report(
        &[
            records::Dataset::Subscriptions(subs.clone().into()),
            records::Dataset::Costs(rows.clone()),
        ],
        &analytics::ReportOptions { revenue: options, ..Default::default() },
    );
    let q1 = analytics::Period::parse("2025-Q1").unwrap();
    let f = analytics::figure(&r, kpi("retention_cost"), q1).unwrap();
    assert_eq!(f.value, Some(15_000.0));
    assert_eq!(analytics::figure(&r, kpi("cac"), q1).unwrap().value, Some(73_333.0));
    assert_eq!(costs(&rows, None).unwrap().months[0].cac, None);
}

// Bug: the quarter's retention cost in the cost report summed `Option` counts, so one month
// without a customer count (costs beyond the revenue data) made the quarter's retention cost
// and CAC unknown, while the dashboard's figure left that month out and showed a value. Both
// now call `costs::retention_cost` and `costs::cac`.
#[test]
fn retention_cost_has_one_definition_for_quarters_and_the_dashboard() {
    let subs = vec![sub("a", d(2025, 1, 1)), sub("b", d(2025, 1, 5)), sub("c", d(2025, 2, 1))];
    // Revenue ends in February; March's costs have no customer count.
    let options =
        RevenueOptions { until: Some(Month::from_ym(2025, 2).unwrap()), ..Default::default() };
    let row = |m: u32, s: i64, cs: i64| CostRow {
        month: Month::from_ym(2025, m).unwrap(),
        sales: Money(s * 100),
        marketing: Money::ZERO,
        customer_success: Money(cs * 100),
    };
    let rows = vec![row(1, 1_500, 300), row(2, 600, 300), row(3, 100, 600)];
    let r = analytics::report(
        &[records::Dataset::Subscriptions(subs.into()), records::Dataset::Costs(rows)],
        &analytics::ReportOptions { revenue: options, ..Default::default() },
    );
    // Q1 over January and February: (300 + 300) ÷ (2 + 3) customer-months = 120 €;
    // CAC (1,500 + 600) ÷ (2 + 1) new customers = 700 €.
    let q = &r.costs.as_ref().unwrap().quarters[0];
    assert_eq!((q.customers, q.retention_cost), (Some(5), Some(Money(12_000))));
    assert_eq!(q.cac, Some(Money(70_000)));
    let q1 = analytics::Period::parse("2025-Q1").unwrap();
    assert_eq!(analytics::figure(&r, kpi("retention_cost"), q1).unwrap().value, Some(12_000.0));
    assert_eq!(analytics::figure(&r, kpi("cac"), q1).unwrap().value, Some(70_000.0));
}

fn kpi(id: &str) -> analytics::Kpi {
    analytics::Kpi::from_id(id).unwrap()
}

#[test]
fn alerts_breach_strictly() {
    let latest = |id: &str, value| LatestValue { kpi_id: kpi(id), period: "2025-03".into(), value };
    let values = vec![latest("churn_rate", 0.05), latest("nps", 20.0), latest("csat", 0.8)];
    let rule = |id: &str, op, value| Threshold { kpi_id: kpi(id), op, value };
    let rules = vec![
        rule("churn_rate", Op::Above, 0.03),
        rule("nps", Op::Below, 20.0),
        rule("csat", Op::Below, 0.9),
        rule("mrr", Op::Below, 1.0),
    ];
    // nps 20 is not below 20; mrr has no value and is skipped.
    let breaches: Vec<(String, f64)> = evaluate(&rules, &values)
        .into_iter()
        .map(|b| (b.kpi_id.id().to_string(), b.actual))
        .collect();
    assert_eq!(breaches, [("churn_rate".into(), 0.05), ("csat".into(), 0.8)]);
}

// Issue 10: the report concatenated all subscription datasets into one copy for health, and
// health kept a map over every subscription customer; both were replaced by a per-account
// state over the slices. An account is listed unless it has subscription rows and none is
// active on `as_of`, wherever its rows are.
#[test]
fn subscription_state_over_several_datasets() {
    use analytics::{report, ReportOptions};
    use records::Dataset;
    let ended = |customer: &str| {
        let mut s = sub(customer, d(2024, 1, 1));
        s.end = Some(d(2025, 3, 10));
        s
    };
    let mut free = sub("credit", d(2025, 1, 1));
    free.amount = Money(0);
    let events: Vec<UsageEvent> = ["returned", "gone", "trial", "credit", "revived"]
        .iter()
        .map(|a| event(d(2025, 3, 20), "u", a, "login", None))
        .collect();
    // "returned": ended in the first dataset, active in the second → listed.
    // "revived": active in the first, ended in the second → listed.
    // "gone": ended rows in both → not listed. "trial": no rows → listed.
    // "credit": only a zero-amount row, which is not active → not listed.
    // "fresh": active, without usage → listed (and interned by its subscription).
    let first = vec![ended("returned"), ended("gone"), sub("revived", d(2025, 1, 1))];
    let second = vec![sub("returned", d(2025, 2, 1)), ended("gone"), ended("revived"), free];
    let third = vec![sub("fresh", d(2025, 3, 1))];
    let datasets = [
        Dataset::Usage(events),
        Dataset::Subscriptions(first.into()),
        Dataset::Subscriptions(second.into()),
        Dataset::Subscriptions(third.into()),
    ];
    let mut options = ReportOptions::default();
    options.health.as_of = Some(d(2025, 3, 31));
    let r = report(&datasets, &options).health.unwrap();
    let mut names: Vec<&str> = r.accounts.iter().map(|a| a.account.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["fresh", "returned", "revived", "trial"]);
    assert_eq!(r.accounts_total, 4);
}

// Bug: of two NPS answers of one account on its latest day the file's later row counted, so
// the health score depended on row order (and SQL, which has none, could not match it).
#[test]
fn latest_nps_tie_takes_the_lowest_in_any_row_order() {
    let events = vec![event(d(2025, 3, 3), "u1", "acme", "login", None)];
    let nps = |date, score| SurveyAnswer {
        date,
        score,
        kind: Some(SurveyKind::Nps),
        customer: Some("acme".into()),
        segment: None,
        comment: None,
        scale: None,
    };
    let subs = vec![sub("acme", d(2025, 1, 1))];
    let options = HealthOptions { as_of: Some(d(2025, 3, 31)), ..HealthOptions::default() };
    let mut answers =
        vec![nps(d(2025, 2, 1), 2.0), nps(d(2025, 3, 9), 9.0), nps(d(2025, 3, 9), 4.0)];
    for _ in 0..2 {
        let r = health(&events, &answers, &[], &subs.clone().into(), &options).unwrap();
        assert_eq!(r.accounts[0].latest_nps, Some(4.0));
        answers.reverse();
    }
}
