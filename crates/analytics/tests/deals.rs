//! Deal fixture with hand-computed win rates, velocity and funnel.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::deals::{deals, sales_velocity};
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

#[test]
fn funnel_in_given_then_first_seen_order() {
    // Given order Qualifizierung, Angebot, Verhandlung; Gewonnen and Verloren follow in
    // first-seen order. Reached counts from the bottom: Verloren 2, Gewonnen 6, Verhandlung 7,
    // Angebot 9, Qualifizierung 11.
    let r = deals(&fixture(), &["Qualifizierung", "Angebot", "Verhandlung"]).unwrap();
    let f: Vec<(&str, u32, u32)> =
        r.funnel.iter().map(|s| (s.stage.as_str(), s.deals, s.reached)).collect();
    assert_eq!(
        f,
        [
            ("Qualifizierung", 2, 11),
            ("Angebot", 2, 9),
            ("Verhandlung", 1, 7),
            ("Gewonnen", 4, 6),
            ("Verloren", 2, 2),
        ]
    );
    assert_eq!(r.funnel[0].conversion, None);
    assert_eq!(r.funnel[1].conversion, Some(9.0 / 11.0));
    assert_eq!(r.without_stage, 0);
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
