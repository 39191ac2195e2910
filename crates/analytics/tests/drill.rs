//! Drill-down: the rows behind a figure, hand-computed on the German segments fixture, and on
//! the demo data of every kind the contributions adding up to the figure for every drillable
//! KPI and many periods.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::drill::{
    drill, drill_account, drill_cohort, drill_where, drillable, Combine, Drill, Target,
    NOT_DRILLABLE,
};
use analytics::segment::{self, Condition};
use analytics::{figure, report, Kpi, Period, ReportOptions};
use records::{Dataset, Date, Month};

fn fixture(name: &str) -> Dataset {
    let path = format!("{}/../../tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    ingest::import(&bytes, &ingest::ImportOptions::default()).unwrap().dataset
}

fn options() -> ReportOptions {
    ReportOptions { as_of: Date::from_ymd(2025, 4, 30), ..ReportOptions::default() }
}

fn month(m: u32) -> Month {
    Month::from_ym(2025, m).unwrap()
}

/// (key, contribution, rows of dataset 0) of every item.
fn items(d: &Drill) -> Vec<(String, Option<f64>, Vec<usize>)> {
    d.items
        .iter()
        .map(|i| (i.key.clone(), i.contribution, i.rows.iter().map(|r| r.row).collect()))
        .collect()
}

fn item(key: &str, c: f64, rows: &[usize]) -> (String, Option<f64>, Vec<usize>) {
    (key.to_string(), Some(c), rows.to_vec())
}

#[test]
fn the_fixture_customers_behind_mrr_movements_churn_nrr_and_a_cohort_cell() {
    // Rows (0-based): 0 K1 Team 100 Jan–Feb, 1 K1 Pro 250 from March, 2 K2 50 from Jan,
    // 3 K3 300 Jan–March, 4 K4 80 from Feb, 5 K5 20,50 from March. As of 30 April.
    let data = vec![fixture("segments_subscriptions.csv")];
    let o = options();
    let april = Period::Month(month(4));
    let mrr = drill(&data, &o, Kpi::Mrr, april).unwrap();
    // K1's April MRR comes from its Pro row only.
    assert_eq!(
        items(&mrr),
        [
            item("K1", 25_000.0, &[1]),
            item("K4", 8_000.0, &[4]),
            item("K2", 5_000.0, &[2]),
            item("K5", 2_050.0, &[5])
        ]
    );
    assert_eq!(mrr.total, Some(40_050.0));
    // ARPU: the same customers' MRR ÷ 4 customers, 100,125 € rounded half up to the cent.
    let arpu = drill(&data, &o, Kpi::Arpu, april).unwrap();
    assert_eq!(items(&arpu), items(&mrr));
    assert_eq!(
        (arpu.combine, arpu.denominator, arpu.total),
        (Combine::PerUnit, Some(4.0), Some(10_013.0))
    );
    let arr = drill(&data, &o, Kpi::Arr, april).unwrap();
    assert_eq!(arr.total, Some(40_050.0 * 12.0));
    let churned = drill(&data, &o, Kpi::ChurnedMrr, april).unwrap();
    assert_eq!(items(&churned), [item("K3", 30_000.0, &[3])]);
    // March: K1 expands 100 → 250 (both rows behind it), K5 is new.
    let march = Period::Month(month(3));
    let exp = drill(&data, &o, Kpi::ExpansionMrr, march).unwrap();
    assert_eq!(items(&exp), [item("K1", 15_000.0, &[0, 1])]);
    let new = drill(&data, &o, Kpi::NewMrr, march).unwrap();
    assert_eq!(items(&new), [item("K5", 2_050.0, &[5])]);
    // Q1 adds K1, K2, K3 (January) and K4, K5 as new; no one churns in Q1.
    let q1 = Period::Quarter(month(1));
    let new_q1 = drill(&data, &o, Kpi::NewMrr, q1).unwrap();
    assert_eq!(new_q1.total, Some(10_000.0 + 5_000.0 + 30_000.0 + 8_000.0 + 2_050.0));
    // April against March: 5 start customers, K3 churns: 1/5; start MRR 700,50.
    let churn = drill(&data, &o, Kpi::ChurnRate, april).unwrap();
    assert_eq!(items(&churn), [item("K3", 0.2, &[3])]);
    let nrr = drill(&data, &o, Kpi::Ndr, april).unwrap();
    let k1 = nrr.items.iter().find(|i| i.key == "K1").unwrap();
    assert_eq!(k1.contribution, Some(25_000.0 / 70_050.0));
    assert_eq!(nrr.items.len(), 5, "every start customer, K3 with 0");
    assert!((nrr.total.unwrap() - 40_050.0 / 70_050.0).abs() < 1e-12);
    // Cohort January (K1, K2, K3), three months later (April): K1 250 and K2 50.
    let cell = drill_cohort(&data, &o, month(1), 3).unwrap();
    assert_eq!(items(&cell), [item("K1", 25_000.0, &[1]), item("K2", 5_000.0, &[2])]);
    let r = report(&data, &o);
    let cohort = &r.revenue.unwrap().cohorts[0];
    assert_eq!(cohort.cells[3].mrr.cents() as f64, cell.total.unwrap());
    assert_eq!(cohort.cells[3].active_customers as usize, cell.items.len());
}

/// Every period of the demo data: each month, each quarter, each year, and a 5-month range.
fn periods(r: &analytics::Report) -> Vec<Period> {
    let months = analytics::figure::months_with_data(r);
    let mut out: Vec<Period> = months.iter().map(|&m| Period::Month(m)).collect();
    out.extend(analytics::figure::quarters_with_data(r).into_iter().map(Period::Quarter));
    let mut years: Vec<i32> = months.iter().map(|m| m.year()).collect();
    years.dedup();
    out.extend(years.into_iter().map(Period::Year));
    if let (Some(&a), Some(_)) = (months.first(), months.last()) {
        out.push(Period::Range(a.add(3), a.add(7)));
    }
    out
}

/// Whether the drill reproduces `value` by its rule: the sum (exact for money and counts,
/// within `f64` rounding for ratios), the sum ÷ denominator rounded to the cent, or the
/// marked item's value (the mean of the two marked for an even median).
fn reproduces(d: &Drill, value: f64) -> bool {
    let sum: f64 = d.items.iter().filter_map(|i| i.contribution).sum();
    match d.combine {
        Combine::Sum => (value - sum).abs() <= 1e-9 * value.abs().max(1.0),
        Combine::PerUnit => {
            let n = d.denominator.unwrap() as i64;
            let cents = sum as i64;
            // Half away from zero, as the report's integer division rounds.
            let q = (cents as f64 / n as f64).round();
            sum.fract() == 0.0 && q == value
        }
        Combine::Rank => {
            let marked: Vec<f64> =
                d.items.iter().filter(|i| i.is_figure).map(|i| i.value.unwrap()).collect();
            !marked.is_empty() && marked.iter().sum::<f64>() / marked.len() as f64 == value
        }
    }
}

#[test]
fn on_the_demo_data_every_drill_reproduces_its_figure_in_every_period() {
    // The demo data has no leads: 400 generated ones beside it.
    let mut data = sample::demo();
    data.push(sample::generate(records::DatasetKind::Leads, 400, 42));
    let mut o = ReportOptions::default();
    // The range's figures are exact only when the report is asked for it.
    let first = analytics::figure::months_with_data(&report(&data, &o))[0];
    o.ranges = vec![Period::Range(first.add(3), first.add(7))];
    o.usage.licensed_users = Some(40);
    let r = report(&data, &o);
    let mut checked = std::collections::BTreeMap::<Kpi, usize>::new();
    for kpi in Kpi::ALL.into_iter().filter(|&k| drillable(k)) {
        for p in periods(&r) {
            let Some(f) = figure(&r, kpi, p) else { continue };
            let d = drill(&data, &o, kpi, p).unwrap();
            match (f.value, d.total) {
                (Some(v), Some(t)) => {
                    assert!((v - t).abs() <= 1e-9 * v.abs().max(1.0), "{kpi:?} {p:?}: {v} vs {t}");
                    assert!(reproduces(&d, v), "{kpi:?} {p:?}: {v} from {d:?}");
                    *checked.entry(kpi).or_default() += 1;
                }
                (None, t) => assert!(t.is_none() || t == Some(0.0), "{kpi:?} {p:?}: {t:?}"),
                (Some(v), None) => assert_eq!(v, 0.0, "{kpi:?} {p:?}"),
            }
            // Money and counts are whole cents and whole customers, item by item.
            if matches!(
                kpi,
                Kpi::Mrr | Kpi::NewMrr | Kpi::ChurnedMrr | Kpi::Customers | Kpi::Arpu | Kpi::Cac
            ) {
                assert!(d.items.iter().all(|i| i.contribution.unwrap().fract() == 0.0));
            }
            // A health score may rest on no row at all (no open tickets: 100 points).
            let rowless = d.items.iter().filter(|i| i.rows.is_empty()).count();
            if !matches!(kpi, Kpi::HealthScore | Kpi::AtRisk) {
                assert_eq!(rowless, 0, "{kpi:?} {p:?}");
            }
        }
    }
    // Every drillable KPI of the demo data is checked in many periods (the health figures
    // are current states: one value in every period).
    let drillable_kpis = Kpi::ALL.into_iter().filter(|&k| drillable(k)).count();
    assert_eq!(checked.len(), drillable_kpis, "{checked:?}");
    assert!(checked.values().all(|&n| n >= 10), "{checked:?}");
}

#[test]
fn every_kpi_drills_or_is_listed_with_a_reason() {
    for kpi in Kpi::ALL {
        let listed = NOT_DRILLABLE.iter().find(|(k, _)| *k == kpi);
        assert_eq!(drillable(kpi), listed.is_none(), "{kpi:?}");
        if let Some((_, why)) = listed {
            assert!(why.len() > 20, "{kpi:?}: {why}");
        }
    }
    // The list names each KPI once, and the drill of a listed KPI is refused.
    let data = sample::demo();
    let o = ReportOptions::default();
    let month = analytics::figure::default_month(&report(&data, &o)).unwrap();
    for (kpi, _) in NOT_DRILLABLE {
        assert_eq!(NOT_DRILLABLE.iter().filter(|(k, _)| k == kpi).count(), 1);
        assert_eq!(drill(&data, &o, *kpi, Period::Month(month)), None, "{kpi:?}");
    }
}

#[test]
fn from_invoices_each_listed_row_is_an_invoice_of_the_customer_and_mrr_adds_up() {
    let data = vec![sample::generate(records::DatasetKind::Invoices, 60, 7)];
    let Dataset::Invoices(invoices) = &data[0] else { unreachable!() };
    let o = ReportOptions::default();
    let r = report(&data, &o);
    let mut checked = 0;
    for p in periods(&r) {
        for kpi in [Kpi::Mrr, Kpi::NewMrr, Kpi::ChurnedMrr, Kpi::Ndr] {
            let Some(v) = figure(&r, kpi, p).and_then(|f| f.value) else { continue };
            let d = drill(&data, &o, kpi, p).unwrap();
            let t = d.total.unwrap_or(0.0);
            assert!((v - t).abs() <= 1e-9 * v.abs().max(1.0), "{kpi:?} {p:?}: {v} vs {t}");
            for i in &d.items {
                for row in &i.rows {
                    assert_eq!((row.dataset, invoices[row.row].customer.as_str()), (0, &*i.key));
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}

fn segments_data() -> (Vec<Dataset>, Vec<records::Attributes>) {
    let import = |name: &str| {
        let path = format!("{}/../../tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let r = ingest::import(&std::fs::read(path).unwrap(), &ingest::ImportOptions::default());
        let r = r.unwrap();
        (r.dataset, r.attributes)
    };
    let (subs, a) = import("segments_subscriptions.csv");
    let (tickets, b) = import("segments_tickets.csv");
    (vec![subs, tickets], vec![a, b])
}

fn only(attribute: &str, value: &str) -> Vec<Condition> {
    vec![Condition { attribute: attribute.into(), value: value.into() }]
}

#[test]
fn with_a_filter_the_rows_behind_the_filtered_figure_by_the_segment_rules() {
    let (data, attrs) = segments_data();
    let o = options();
    let march = Period::Month(month(3));
    let kpi = |filter: &[Condition], kpi: Kpi, p: Period| {
        drill_where(&data, &attrs, &o, filter, &Target::Kpi(kpi, p)).unwrap().unwrap()
    };
    let team = only("tarif", "Team");
    let pro = only("tarif", "Pro");
    // March, plan Team: K2 50 + K4 80; K1 left Team for Pro: contraction 100 in Team (its
    // Team row only), expansion 250 in Pro (its Pro row only), no churn in Team.
    assert_eq!(
        items(&kpi(&team, Kpi::Mrr, march)),
        [item("K4", 8_000.0, &[4]), item("K2", 5_000.0, &[2])]
    );
    assert_eq!(items(&kpi(&team, Kpi::ContractionMrr, march)), [item("K1", 10_000.0, &[0])]);
    assert_eq!(items(&kpi(&pro, Kpi::ExpansionMrr, march)), [item("K1", 25_000.0, &[1])]);
    assert_eq!(kpi(&team, Kpi::ChurnedMrr, march).items, []);
    let churn = kpi(&team, Kpi::ChurnRate, march);
    assert_eq!((churn.total, churn.denominator), (Some(0.0), Some(3.0)));
    // ARPU Team March: 130 ÷ 2 customers; Pro: (250 + 300) ÷ 2.
    let arpu = kpi(&team, Kpi::Arpu, march);
    assert_eq!(
        (arpu.combine, arpu.total, arpu.denominator),
        (Combine::PerUnit, Some(6_500.0), Some(2.0))
    );
    // Tickets take their customer's plan: Team has K2's T2 and T4 (rows 1 and 3).
    let tickets = kpi(&team, Kpi::TicketVolume, march);
    let rows: Vec<(usize, usize)> =
        tickets.items.iter().flat_map(|i| i.rows.iter().map(|r| (r.dataset, r.row))).collect();
    assert_eq!((tickets.total, rows), (Some(2.0), vec![(1, 1), (1, 3)]));
    // A cohort cell within the filter: a customer is in the cohort of its first paying month
    // when it paid in the segment then. Team's January cohort (K1, K2) in April: K1 pays in
    // Pro now, so only K2; Pro's January cohort (K3) has left, K1 is not in it.
    let cell = |f: &[Condition]| {
        drill_where(&data, &attrs, &o, f, &Target::Cohort(month(1), 3)).unwrap().unwrap()
    };
    assert_eq!(items(&cell(&team)), [item("K2", 5_000.0, &[2])]);
    assert_eq!((cell(&pro).items.len(), cell(&pro).total), (0, Some(0.0)));
    // An unknown value is the filter's own error.
    assert!(drill_where(&data, &attrs, &o, &only("tarif", "Gold"), &Target::Kpi(Kpi::Mrr, march))
        .is_err());
}

#[test]
fn on_the_demo_data_a_filtered_drill_reproduces_the_filtered_figure() {
    let data = sample::demo();
    let attrs: Vec<records::Attributes> = data.iter().map(segment::label_attributes).collect();
    let info = segment::attributes(&attrs);
    let plan = info.iter().find(|a| a.key == "plan").unwrap();
    let o = ReportOptions::default();
    let mut checked = 0;
    for value in plan.values.iter().take(2) {
        let filter = only("plan", value);
        let r = segment::filtered(&data, &attrs, &o, &filter).unwrap();
        let months = analytics::figure::months_with_data(&r);
        let mut ps: Vec<Period> = months.iter().rev().take(6).map(|&m| Period::Month(m)).collect();
        ps.push(Period::Quarter(analytics::period::quarter_start(months[months.len() / 2])));
        ps.push(Period::Year(months[months.len() / 2].year()));
        for kpi in Kpi::ALL.into_iter().filter(|&k| drillable(k)) {
            for &p in &ps {
                let Some(v) = figure(&r, kpi, p).and_then(|f| f.value) else { continue };
                let d = drill_where(&data, &attrs, &o, &filter, &Target::Kpi(kpi, p));
                let d = d.unwrap().unwrap();
                assert!(reproduces(&d, v), "{value} {kpi:?} {p:?}: {v} vs {:?}", d.total);
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked}");
}

#[test]
fn an_accounts_health_parts_add_up_to_its_score_with_the_rows_behind_them() {
    let data = sample::demo();
    let o = ReportOptions::default();
    let r = report(&data, &o);
    let h = r.health.as_ref().unwrap();
    let mut checked = 0;
    // At-risk rows and accounts whose usage the data knows.
    let known = h.accounts.iter().filter(|a| a.usage_known && a.score.is_some()).take(10);
    let listed = h
        .at_risk
        .iter()
        .take(10)
        .filter_map(|r| h.accounts.iter().find(|a| a.account == r.account));
    for a in listed.chain(known) {
        let d = drill_account(&data, &o, &a.account).unwrap();
        let score = a.score.unwrap();
        let sum: f64 = d.items.iter().filter_map(|i| i.contribution).sum();
        assert!((sum - score).abs() < 1e-9, "{}: {sum} vs {score}", a.account);
        assert_eq!(d.total, Some(sum));
        // Usage parts list the account's events in the 30-day window ending on the day.
        let Some(usage) = d.items.iter().find(|i| i.key == "frequency") else { continue };
        let Dataset::Usage(events) = &data[4] else { unreachable!() };
        let from = h.as_of.add_days(-29);
        for row in &usage.rows {
            let e = &events[row.row];
            assert_eq!((row.dataset, e.account.as_deref()), (4, Some(a.account.as_str())));
            assert!((from..=h.as_of).contains(&e.timestamp.date()));
        }
        let in_window = events
            .iter()
            .filter(|e| e.account.as_deref() == Some(&a.account))
            .filter(|e| (from..=h.as_of).contains(&e.timestamp.date()))
            .count();
        assert_eq!(usage.rows.len(), in_window);
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
    assert_eq!(drill_account(&data, &o, "no such account"), None);
}
