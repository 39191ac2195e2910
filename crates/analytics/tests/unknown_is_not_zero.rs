//! Unknown is not zero: a usage file whose accounts match none or few of the subscription
//! customers leaves their usage unknown. The report says how many matched, and the health
//! score leaves the usage parts out for unmatched customers instead of scoring them 0 and
//! listing every customer as at risk. The same holds for NPS and tickets. Files are read
//! through `ingest`, as the app and the CLI read them.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::health::{AccountHealth, HealthPart, LeftOut, Missing, RiskReason};
use analytics::usage::UsageMatch;
use analytics::{report, Report, ReportOptions};
use records::Dataset;

fn read(csv: &str) -> Dataset {
    let r = ingest::import(csv.as_bytes(), &ingest::ImportOptions::default()).unwrap();
    assert_eq!(r.accounting.rejected, 0, "{:?}", r.rejections);
    r.dataset
}

/// Subscriptions of C-1 … C-n, 100 € a month from January 2025, none ended.
fn subscriptions(n: usize) -> Dataset {
    let mut csv = String::from("customer,start,amount\n");
    for i in 1..=n {
        csv.push_str(&format!("C-{i},2025-01-01,100.00\n"));
    }
    read(&csv)
}

fn account<'a>(r: &'a Report, name: &str) -> &'a AccountHealth {
    let h = r.health.as_ref().unwrap();
    h.accounts.iter().find(|a| a.account == name).unwrap_or_else(|| panic!("{name} not listed"))
}

const NOT_IN_USAGE: [LeftOut; 3] = [
    LeftOut { part: HealthPart::Frequency, why: Missing::NotInUsage },
    LeftOut { part: HealthPart::Breadth, why: Missing::NotInUsage },
    LeftOut { part: HealthPart::Depth, why: Missing::NotInUsage },
];

#[test]
fn usage_keyed_by_another_column_matches_no_customer_and_puts_none_at_risk() {
    // Bug: a usage file keyed by company domain matched none of the 4 subscription
    // customers; each scored 0 on usage and every customer was listed at risk. Now: 0 of 4
    // matched, their usage parts are left out, they have no other input (no surveys, no
    // tickets) and so no score, and none is at risk.
    let usage = read(
        "timestamp,user_id,account_id,event\n\
         2025-03-10T09:00:00Z,u1,acme.com,login\n\
         2025-03-11T09:00:00Z,u2,beta.io,login\n",
    );
    let r = report(&[subscriptions(4), usage], &ReportOptions::default());
    assert_eq!(r.usage_match, Some(UsageMatch { customers: 4, matched: 0, usage_accounts: 2 }));
    assert!(r.usage_match.unwrap().is_poor());
    let h = r.health.as_ref().unwrap();
    for name in ["C-1", "C-2", "C-3", "C-4"] {
        let a = account(&r, name);
        assert_eq!((a.score, a.usage_known), (None, false), "{name}");
        assert!(a.used.is_empty(), "{name}");
        assert_eq!(a.left_out[..3], NOT_IN_USAGE, "{name}");
        assert!(h.at_risk.iter().all(|x| x.account != name), "{name} at risk");
    }
    assert_eq!(h.usage_unknown, 4);
    // The usage accounts themselves are scored on their own usage: 1 day of 15, 1 user of
    // 5, 1 feature of 5 → (0.3 × 6.67 + 0.2 × 20 + 0.2 × 20) ÷ 0.7 = 10 ÷ 0.7 = 14.29.
    let acme = account(&r, "acme.com");
    assert!((acme.score.unwrap() - 10.0 / 0.7).abs() < 1e-9);
    let listed: Vec<&str> = h.at_risk.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(listed, ["acme.com", "beta.io"]);
}

#[test]
fn partial_match_gives_only_matched_customers_the_usage_part() {
    // C-1 uses the product 15 days with 5 users and 5 features (100 on every usage part),
    // C-2 one day with one user and one feature (14.29, as above); C-3 is not in the usage
    // file but answered NPS 10 (score 100 from NPS alone); C-4 has no input at all.
    let mut csv = String::from("timestamp,user_id,account_id,event\n");
    for day in 1..=15 {
        let user = (day - 1) % 5 + 1;
        csv.push_str(&format!("2025-03-{day:02}T09:00:00Z,u{user},C-1,feature{user}\n"));
    }
    csv.push_str("2025-03-10T09:00:00Z,x1,C-2,login\n");
    let surveys = read("date,customer,kind,score\n2025-03-05,C-3,NPS,10\n");
    // Tickets keyed by other ids say nothing about these accounts: left out for everyone.
    let tickets = read(
        "ticket id,created,requester\n\
         T-1,2025-03-02 10:00,someone@else.org\n",
    );
    assert!(matches!(&tickets, Dataset::Tickets(t) if t[0].customer.is_some()));
    let r = report(&[subscriptions(4), read(&csv), surveys, tickets], &ReportOptions::default());
    assert_eq!(r.usage_match, Some(UsageMatch { customers: 4, matched: 2, usage_accounts: 2 }));
    assert!(!r.usage_match.unwrap().is_poor());
    let no_tickets = LeftOut { part: HealthPart::Tickets, why: Missing::NoTicketData };
    let no_nps = LeftOut { part: HealthPart::Nps, why: Missing::NoNpsAnswer };

    let c1 = account(&r, "C-1");
    assert_eq!(c1.score, Some(100.0));
    assert_eq!(c1.used, [HealthPart::Frequency, HealthPart::Breadth, HealthPart::Depth]);
    assert_eq!(c1.left_out, [no_nps, no_tickets]);

    let c2 = account(&r, "C-2");
    assert!((c2.score.unwrap() - 10.0 / 0.7).abs() < 1e-9);
    assert!(c2.usage_known);

    let c3 = account(&r, "C-3");
    assert_eq!((c3.score, c3.usage_known), (Some(100.0), false));
    assert_eq!(c3.used, [HealthPart::Nps]);
    assert_eq!(c3.left_out, [NOT_IN_USAGE[0], NOT_IN_USAGE[1], NOT_IN_USAGE[2], no_tickets]);

    let c4 = account(&r, "C-4");
    assert_eq!(c4.score, None);
    assert!(c4.used.is_empty());

    // Only C-2, whose low usage is known, is at risk, and for usage reasons.
    let h = r.health.as_ref().unwrap();
    let listed: Vec<&str> = h.at_risk.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(listed, ["C-2"]);
    assert_eq!(
        h.at_risk[0].reasons[1..],
        [RiskReason::LowUsage { active_days: 1 }, RiskReason::FewUsers { n: 1 }]
    );
    assert_eq!(h.usage_unknown, 2);
}

#[test]
fn no_usage_data_no_match_line() {
    // Without usage events there is nothing to match, so no "0 of N" line.
    let r = report(&[subscriptions(2)], &ReportOptions::default());
    assert_eq!(r.usage_match, None);
}
