//! Deal fixture with hand-computed win rates, velocity and funnel.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::deals::{deals, sales_velocity, StageOrder};
use records::{Date, Deal, DealOutcome, Money};

fn deal(
    i: usize,
    created: Date,
    cycle: Option<i32>,
    outcome: DealOutcome,
    euros: i64,
    stage: &str,
) -> Deal {
    Deal {
        id: format!("D{i}"),
        created,
        closed: cycle.map(|c| created.add_days(c)),
        outcome,
        value: Some(Money(euros * 100)),
        stage: Some(stage.into()),
        source: None,
        lost_at_stage: None,
    }
}

// | close month | won (value, cycle)             | lost      | win rate | W/L | value W/L | avg won | cycle |
// |-------------|--------------------------------|-----------|----------|-----|-----------|---------|-------|
// | Jan         | 20k/10d, 20k/20d, 20k/30d       | 100k      | 0.75     | 3   | 0.6       | 20k     | 20    |
// | Feb         | 40k/40d                        | 10k       | 0.5      | 1   | 4         | 40k     | 40    |
// Total: won 4 (100k), lost 2 (110k): win rate 4/6, avg won 25k, avg cycle 25 days.
// Velocity: 5 open × 25,000 € × 2/3 ÷ 25 days = 3,333.33 € a day.
fn fixture() -> Vec<Deal> {
    use DealOutcome::*;
    let jan = |d| Date::from_ymd(2025, 1, d).unwrap();
    let mut v = vec![
        deal(1, Date::from_ymd(2024, 12, 31).unwrap(), Some(10), Won, 20_000, "Gewonnen"),
        deal(2, jan(1), Some(20), Won, 20_000, "Gewonnen"),
        deal(3, jan(1), Some(30), Won, 20_000, "Gewonnen"),
        deal(4, jan(2), Some(5), Lost, 100_000, "Verloren"),
        deal(5, jan(10), Some(40), Won, 40_000, "Gewonnen"),
        deal(6, jan(10), Some(25), Lost, 10_000, "Verloren"),
    ];
    for (i, stage) in ["Angebot", "Qualifizierung", "Angebot", "Verhandlung", "Qualifizierung"]
        .into_iter()
        .enumerate()
    {
        v.push(deal(10 + i, jan(20), None, Open, 1_000, stage));
    }
    v
}

#[test]
fn monthly_and_total() {
    let r = deals(&fixture(), &[]).unwrap();
    type Row = (String, u32, u32, Option<f64>, Option<f64>, Option<f64>);
    let months: Vec<Row> = r
        .months
        .iter()
        .map(|m| {
            let s = m.stats;
            (
                m.month.to_string(),
                s.won,
                s.lost,
                s.win_rate,
                s.win_loss_ratio,
                s.win_loss_value_ratio,
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2025-01".into(), 3, 1, Some(0.75), Some(3.0), Some(0.6)),
            ("2025-02".into(), 1, 1, Some(0.5), Some(1.0), Some(4.0)),
        ]
    );
    assert_eq!(r.months[0].stats.average_won_value, Some(Money(2_000_000)));
    assert_eq!(r.months[0].stats.average_cycle_days, Some(20.0));
    assert_eq!(r.months[1].stats.average_cycle_days, Some(40.0));
    let q = &r.quarters[0];
    assert_eq!((q.label.as_str(), q.stats.won, q.stats.lost), ("2025-Q1", 4, 2));
    assert_eq!(q.stats.average_cycle_days, Some(25.0));
    assert_eq!(r.total.win_rate, Some(4.0 / 6.0));
    assert_eq!(r.total.average_won_value, Some(Money(2_500_000)));
    assert_eq!(r.total.average_cycle_days, Some(25.0));
    assert_eq!(r.velocity.open_deals, 5);
    assert_eq!(r.velocity.per_day, Some(Money(333_333)));
    assert_eq!(r.open_value, Money(500_000));
}

#[test]
fn seed_velocity_example() {
    // Seed 000: (100 × 3.000 € × 0,20) / 30 Tage = 2.000 € pro Tag.
    assert_eq!(sales_velocity(100, Money(300_000), 0.2, 30.0), Some(Money(200_000)));
    assert_eq!(sales_velocity(100, Money(300_000), 0.2, 0.0), None);
}

type Step = (&'static str, u32, u32, u32, bool);

fn steps(r: &analytics::deals::DealReport) -> Vec<(String, u32, u32, u32, bool)> {
    r.funnel.iter().map(|s| (s.stage.clone(), s.deals, s.lost, s.reached, s.won_step)).collect()
}

fn owned(want: &[Step]) -> Vec<(String, u32, u32, u32, bool)> {
    want.iter().map(|&(s, d, l, r, w)| (s.to_string(), d, l, r, w)).collect()
}

// Bug: "Gewonnen" and "Verloren" were funnel stages and `reached` counted every deal at a
// stage or a later one, so the won step also held the lost deals after it in the order, and a
// deal lost early was counted in every stage before "Verloren".
#[test]
fn funnel_counts_lost_deals_only_up_to_where_they_were_lost() {
    // Given order Qualifizierung, Angebot, Verhandlung; "Gewonnen" and "Verloren" hold only
    // won or only lost deals and are outcomes, not stages. The two lost deals do not say where
    // they were lost, so each counts in the first stage only.
    // Furthest step: Qualifizierung 2 open + 2 lost = 4, Angebot 2, Verhandlung 1, won 4.
    // Reached from the bottom: won 4, Verhandlung 5, Angebot 7, Qualifizierung 11.
    let r = deals(&fixture(), &["Qualifizierung", "Angebot", "Verhandlung"]).unwrap();
    let want: [Step; 4] = [
        ("Qualifizierung", 2, 2, 11, false),
        ("Angebot", 2, 0, 7, false),
        ("Verhandlung", 1, 0, 5, false),
        ("Gewonnen", 4, 0, 4, true),
    ];
    assert_eq!(steps(&r), owned(&want));
    assert_eq!(r.funnel[0].conversion, None);
    assert_eq!(r.funnel[1].conversion, Some(7.0 / 11.0));
    assert_eq!(r.funnel[3].conversion, Some(4.0 / 5.0));
    assert_eq!(r.stage_order, StageOrder::Given);
    assert_eq!((r.lost_stage_unknown, r.without_stage), (2, 0));

    // With the stage at loss known (D4 at Verhandlung, D6 at Angebot): furthest step
    // Qualifizierung 2, Angebot 2 + 1, Verhandlung 1 + 1, won 4; reached won 4 (won deals
    // only), Verhandlung 6, Angebot 9, Qualifizierung 11.
    let mut v = fixture();
    v[3].lost_at_stage = Some("Verhandlung".into());
    v[5].lost_at_stage = Some("Angebot".into());
    let r = deals(&v, &["Qualifizierung", "Angebot", "Verhandlung"]).unwrap();
    let want: [Step; 4] = [
        ("Qualifizierung", 2, 0, 11, false),
        ("Angebot", 2, 1, 9, false),
        ("Verhandlung", 1, 1, 6, false),
        ("Gewonnen", 4, 0, 4, true),
    ];
    assert_eq!(steps(&r), owned(&want));
    assert_eq!(r.lost_stage_unknown, 0);
}

#[test]
fn stage_order_from_a_known_pipeline_else_first_seen() {
    use DealOutcome::*;
    let jan = |d| Date::from_ymd(2025, 1, d).unwrap();
    // HubSpot's default pipeline, rows in a shuffled order: the order comes from the pipeline.
    let v = vec![
        deal(1, jan(1), None, Open, 1_000, "Contract sent"),
        deal(2, jan(1), None, Open, 1_000, "Appointment scheduled"),
        deal(3, jan(1), Some(9), Won, 1_000, "Closed won"),
        deal(4, jan(1), None, Open, 1_000, "Qualified to buy"),
        deal(5, jan(1), Some(9), Lost, 1_000, "Closed lost"),
    ];
    let r = deals(&v, &[]).unwrap();
    assert_eq!(r.stage_order, StageOrder::KnownPipeline);
    // Furthest: Appointment 1 + lost 1 (unknown stage), Qualified 1, Contract 1, won 1.
    let want: [Step; 4] = [
        ("Appointment scheduled", 1, 1, 5, false),
        ("Qualified to buy", 1, 0, 3, false),
        ("Contract sent", 1, 0, 2, false),
        ("Closed won", 1, 0, 1, true),
    ];
    assert_eq!(steps(&r), owned(&want));
    // The plain German pipeline: first seen Angebot, Qualifizierung, Verhandlung, put in
    // pipeline order.
    let r = deals(&fixture(), &[]).unwrap();
    assert_eq!(r.stage_order, StageOrder::KnownPipeline);
    let names: Vec<&str> = r.funnel.iter().map(|s| s.stage.as_str()).collect();
    assert_eq!(names, ["Qualifizierung", "Angebot", "Verhandlung", "Gewonnen"]);
    // Unknown stage names keep the file's order, and the report says so.
    let mut v = fixture();
    v[6].stage = Some("Workshop".into());
    let r = deals(&v, &[]).unwrap();
    assert_eq!(r.stage_order, StageOrder::FirstSeen);
    let names: Vec<&str> = r.funnel.iter().map(|s| s.stage.as_str()).collect();
    assert_eq!(names, ["Workshop", "Qualifizierung", "Angebot", "Verhandlung", "Gewonnen"]);
}

#[test]
fn deals_without_a_value_count_but_are_in_no_value_figure() {
    // Bug: an empty amount was read as 0 €, so a won deal without an amount pulled the mean
    // won value down (here to 13,333.33 € instead of 20,000 €).
    use DealOutcome::*;
    let jan = |d| Date::from_ymd(2025, 1, d).unwrap();
    let mut v = vec![
        deal(1, jan(1), Some(10), Won, 10_000, "Gewonnen"),
        deal(2, jan(1), Some(10), Won, 0, "Gewonnen"),
        deal(3, jan(1), Some(10), Won, 30_000, "Gewonnen"),
        deal(4, jan(2), Some(10), Lost, 5_000, "Verloren"),
        deal(5, jan(3), None, Open, 7_000, "Angebot"),
        deal(6, jan(3), None, Open, 0, "Angebot"),
    ];
    v[1].value = None;
    v[5].value = None;
    let r = deals(&v, &[]).unwrap();
    assert_eq!((r.total.won, r.total.lost), (3, 1));
    assert_eq!(r.total.won_value, Money(4_000_000));
    assert_eq!(r.total.average_won_value, Some(Money(2_000_000)));
    assert_eq!(r.total.win_loss_value_ratio, Some(8.0));
    assert_eq!(r.open_value, Money(700_000));
    assert_eq!(r.without_value, 2);
    // Both open deals are in the funnel stage, the one without a value adds nothing to its sum.
    let angebot = r.funnel.iter().find(|s| s.stage == "Angebot").unwrap();
    assert_eq!((angebot.deals, angebot.value), (2, Money(700_000)));
}
