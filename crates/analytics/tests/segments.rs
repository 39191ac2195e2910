//! Segments on a hand-computed fixture (German Excel subscriptions with a plan switch, and
//! tickets that take the plan from their customer), and the segments adding up to the total.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::segment::{self, Condition, SegmentError};
use analytics::{figure, Kpi, Period, Report, ReportOptions};
use records::{Attributes, Dataset, Date, Money, Month};

fn fixture(name: &str) -> (Dataset, Attributes) {
    let path = format!("{}/../../tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    let r = ingest::import(&bytes, &ingest::ImportOptions::default()).unwrap();
    (r.dataset, r.attributes)
}

fn data() -> (Vec<Dataset>, Vec<Attributes>) {
    let (subs, subs_attrs) = fixture("segments_subscriptions.csv");
    let (tickets, ticket_attrs) = fixture("segments_tickets.csv");
    (vec![subs, tickets], vec![subs_attrs, ticket_attrs])
}

fn options() -> ReportOptions {
    ReportOptions { as_of: Date::from_ymd(2025, 4, 30), ..ReportOptions::default() }
}

fn month(m: u32) -> Period {
    Period::Month(Month::from_ym(2025, m).unwrap())
}

fn value(r: &Report, kpi: Kpi, period: Period) -> Option<f64> {
    figure(r, kpi, period).and_then(|f| f.value)
}

/// MRR in cents of each month January–April.
fn mrr(r: &Report) -> Vec<i64> {
    r.revenue.as_ref().unwrap().months.iter().map(|m| m.mrr.cents()).collect()
}

#[test]
fn plan_switch_is_contraction_in_the_old_plan_and_expansion_in_the_new() {
    let (datasets, attrs) = data();
    let split = segment::split(&datasets, &attrs, &options(), "plan", &[]).unwrap();
    let labels: Vec<String> = split.segments.iter().map(|s| s.label(false)).collect();
    // Rows: Team 3, Pro 2, Basic 1.
    assert_eq!(labels, ["Team", "Pro", "Basic"]);
    let (team, pro, basic) =
        (&split.segments[0].report, &split.segments[1].report, &split.segments[2].report);
    // K1 Team 100 (Jan–Feb) → Pro 250 (from March); K2 Team 50; K3 Pro 300 until March;
    // K4 Team 80 from February; K5 Basic 20,50 from March.
    assert_eq!(mrr(team), [15_000, 23_000, 13_000, 13_000]);
    assert_eq!(mrr(pro), [30_000, 30_000, 55_000, 25_000]);
    assert_eq!(mrr(basic), [0, 0, 2_050, 2_050]);
    let march = |r: &Report| r.revenue.as_ref().unwrap().months[2].movements;
    let (t, p) = (march(team), march(pro));
    assert_eq!((t.contraction, t.churn, t.contracted_customers), (Money(10_000), Money(0), 1));
    assert_eq!((p.expansion, p.new, p.expanded_customers), (Money(25_000), Money(0), 1));
    assert_eq!(march(basic).new, Money(2_050));
    // K3 leaves altogether in April: churn in Pro.
    let april = pro.revenue.as_ref().unwrap().months[3].movements;
    assert_eq!((april.churn, april.churned_customers), (Money(30_000), 1));
    // NRR March: Team (230 − 100) ÷ 230, Pro (300 + 250) ÷ 300; logo churn in Team is 0 (K1
    // switched, it did not leave). ARPU: Team 130 ÷ 2, Pro 550 ÷ 2.
    assert_eq!(value(team, Kpi::Ndr, month(3)), Some(130.0 / 230.0));
    assert_eq!(value(pro, Kpi::Ndr, month(3)), Some(550.0 / 300.0));
    assert_eq!(value(team, Kpi::ChurnRate, month(3)), Some(0.0));
    assert_eq!(value(team, Kpi::Arpu, month(3)), Some(6_500.0));
    assert_eq!(value(pro, Kpi::Arpu, month(3)), Some(27_500.0));
    // Q1 starts at the end of December 2024, when nobody paid: no NRR.
    assert_eq!(value(team, Kpi::Ndr, Period::Quarter(Month::from_ym(2025, 1).unwrap())), None);
    // Q2 (start = end of March): Pro starts with K1 250 + K3 300, K3 churns in April.
    assert_eq!(
        value(pro, Kpi::Grr, Period::Quarter(Month::from_ym(2025, 4).unwrap())),
        Some(250.0 / 550.0)
    );
    // Tickets take the plan of their customer's last subscription row: K1 → Pro, K2 → Team,
    // K3 → Pro.
    assert_eq!(value(team, Kpi::TicketVolume, month(3)), Some(2.0));
    assert_eq!(value(pro, Kpi::TicketVolume, month(3)), Some(2.0));
    assert_eq!(value(basic, Kpi::TicketVolume, month(3)), None);
}

#[test]
fn segments_add_up_to_the_total_every_month() {
    let (datasets, attrs) = data();
    let total = analytics::report(&datasets, &options());
    for by in ["plan", "Land", "Kanal"] {
        let split = segment::split(&datasets, &attrs, &options(), by, &[]).unwrap();
        let months = &total.revenue.as_ref().unwrap().months;
        for (i, m) in months.iter().enumerate() {
            let of = |f: &dyn Fn(&analytics::revenue::MonthRevenue) -> i64| -> i64 {
                split
                    .segments
                    .iter()
                    .map(|s| f(&s.report.revenue.as_ref().unwrap().months[i]))
                    .sum()
            };
            assert_eq!(of(&|x| x.mrr.cents()), m.mrr.cents(), "{by} {}", m.month);
            assert_eq!(of(&|x| x.movements.new.cents()), m.movements.new.cents());
            assert_eq!(of(&|x| x.movements.churn.cents()), m.movements.churn.cents());
            assert_eq!(of(&|x| x.movements.net().cents()), m.movements.net().cents());
        }
    }
}

#[test]
fn where_filters_every_section_and_unknown_names_list_what_there_is() {
    let (datasets, attrs) = data();
    let only_de = [Condition { attribute: "land".into(), value: "de".into() }];
    let r = segment::filtered(&datasets, &attrs, &options(), &only_de).unwrap();
    // DE: K1, K3, K4. March: K1 250 + K3 300 + K4 80; tickets of K1 and K3.
    assert_eq!(mrr(&r), [40_000, 48_000, 63_000, 33_000]);
    assert_eq!(value(&r, Kpi::TicketVolume, month(3)), Some(2.0));
    // Split by channel within plan Team: K2's two tickets, one by mail and one by phone.
    let team = ["plan=Team".parse::<Condition>().unwrap()];
    let split = segment::split(&datasets, &attrs, &options(), "channel", &team).unwrap();
    let per: Vec<(String, Option<f64>)> = split
        .segments
        .iter()
        .map(|s| (s.label(true), value(&s.report, Kpi::TicketVolume, month(3))))
        .collect();
    assert_eq!(
        per,
        [
            ("E-Mail".to_string(), Some(1.0)),
            ("Telefon".to_string(), Some(1.0)),
            ("(ohne Angabe)".to_string(), None)
        ]
    );
    let err = segment::split(&datasets, &attrs, &options(), "Branche", &[]).unwrap_err();
    assert_eq!(
        err.message(false),
        "No column \"Branche\" in the files. Available attributes: Tarif, Land, Kanal, Priorität"
    );
    let bad = [Condition { attribute: "plan".into(), value: "Gold".into() }];
    let err = segment::filtered(&datasets, &attrs, &options(), &bad).unwrap_err();
    assert!(
        matches!(err, SegmentError::UnknownValue { ref available, .. } if available == &["Team", "Pro", "Basic"])
    );
}

#[test]
fn a_split_shown_in_part_ends_with_the_rest_and_still_adds_up() {
    let (datasets, attrs) = data();
    // Only the first segment (Team) and the rest (Pro and Basic in one segment).
    let split = segment::split_first(&datasets, &attrs, &options(), ("plan", &[]), 1).unwrap();
    let labels: Vec<String> = split.segments.iter().map(|s| s.label(false)).collect();
    assert_eq!(labels, ["Team", "rest (2 more)"]);
    assert_eq!(split.segments[1].label(true), "Rest (2 weitere)");
    let (team, rest) = (&split.segments[0].report, &split.segments[1].report);
    assert_eq!(mrr(team), [15_000, 23_000, 13_000, 13_000]);
    // Pro + Basic: 300 | 300 | 550 + 20,50 | 250 + 20,50.
    assert_eq!(mrr(rest), [30_000, 30_000, 57_050, 27_050]);
    // Every month the lines add up to the total line.
    let total = segment::filtered(&datasets, &attrs, &options(), &[]).unwrap();
    for (i, m) in mrr(&total).into_iter().enumerate() {
        assert_eq!(mrr(team)[i] + mrr(rest)[i], m, "month {i}");
    }
    // K1's switch leaves Team for the rest: contraction there, expansion here.
    let march = rest.revenue.as_ref().unwrap().months[2].movements;
    assert_eq!((march.expansion, march.new), (Money(25_000), Money(2_050)));
    // Five or more shown: no rest.
    let all = segment::split_first(&datasets, &attrs, &options(), ("plan", &[]), 5).unwrap();
    assert!(all.segments.iter().all(|s| s.rest == 0));
    assert_eq!(all.segments.len(), 3);
}

#[test]
fn an_accounts_file_gives_its_customers_industry_to_their_subscriptions() {
    let (subs, subs_attrs) = fixture("segments_subscriptions.csv");
    let (accounts, accounts_attrs) = fixture("segments_accounts.csv");
    let (datasets, attrs) = (vec![subs, accounts], vec![subs_attrs, accounts_attrs]);
    let split = segment::split(&datasets, &attrs, &options(), "industry", &[]).unwrap();
    let by_label = |l: &str| {
        let s = split.segments.iter().find(|s| s.label(false) == l);
        mrr(&s.unwrap_or_else(|| panic!("{l}")).report)
    };
    // Handel: K1 (100, then 250 from March) + K3 (300 until March); Software: K2 50 + K4 80
    // from February; K5 is in no account: (none); Industrie (K6) has no subscription.
    assert_eq!(by_label("Handel"), [40_000, 40_000, 55_000, 25_000]);
    assert_eq!(by_label("Software"), [5_000, 13_000, 13_000, 13_000]);
    assert_eq!(by_label("(none)"), [0, 0, 2_050, 2_050]);
    assert_eq!(by_label("Industrie"), [0, 0, 0, 0]);
    // The accounts file adds no revenue: the total is the subscriptions' alone.
    let total = segment::filtered(&datasets, &attrs, &options(), &[]).unwrap();
    assert_eq!(mrr(&total), [45_000, 53_000, 70_050, 40_050]);
}
