//! CRM deals: win rate, win-loss by count and by value, average won value and sales cycle by
//! close month, sales velocity of the open pipeline and the stage funnel.
//!
//! - A won or lost deal belongs to the month of `closed` (its creation month if the export
//!   has no close date; its cycle is then unknown).
//! - Win rate = won ÷ (won + lost). Win-loss ratio = won ÷ lost (count) and won value ÷ lost
//!   value (the seed warns that counts alone mislead).
//! - Cycle days = closed − created of won deals (negative gaps are left out).
//! - Sales velocity per day = open deals × average won value × win rate ÷ average cycle days,
//!   all taken over every closed deal (seed 000: 100 × 3,000 € × 0.20 ÷ 30 = 2,000 € a day).
//! - Funnel: deals per stage, in the given stage order or in first-seen order; `reached` counts
//!   deals at this stage or a later one of the order, `conversion` = reached ÷ reached of the
//!   previous stage.

use crate::revenue::div_round;
use crate::util::{month_str, plausible, quarter_ranges, ratio};
use records::{Date, Deal, DealOutcome, Money, Month};
use serde::{Deserialize, Serialize};

/// Closed-deal statistics of a month or overall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DealStats {
    /// Won deals.
    pub won: u32,
    /// Lost deals.
    pub lost: u32,
    /// Sum of won values (deals without a value add nothing).
    pub won_value: Money,
    /// Sum of lost values (deals without a value add nothing).
    pub lost_value: Money,
    /// won ÷ (won + lost).
    pub win_rate: Option<f64>,
    /// won ÷ lost (count).
    pub win_loss_ratio: Option<f64>,
    /// won value ÷ lost value.
    pub win_loss_value_ratio: Option<f64>,
    /// Mean value of the won deals that have a value, rounded to the cent.
    pub average_won_value: Option<Money>,
    /// Mean days from creation to close of won deals with a close date.
    pub average_cycle_days: Option<f64>,
    /// Won deals with a value (the divisor of the mean).
    #[serde(skip)]
    won_valued: u32,
    #[serde(skip)]
    cycle_sum: i64,
    #[serde(skip)]
    cycle_n: u32,
}

impl DealStats {
    fn add(&mut self, deal: &Deal) {
        match deal.outcome {
            DealOutcome::Won => {
                self.won += 1;
                if let Some(value) = deal.value {
                    self.won_value = self.won_value + value;
                    self.won_valued += 1;
                }
                if let Some(days) = deal.closed.map(|c| c.days() - deal.created.days()) {
                    if days >= 0 {
                        self.cycle_sum += i64::from(days);
                        self.cycle_n += 1;
                    }
                }
            }
            DealOutcome::Lost => {
                self.lost += 1;
                if let Some(value) = deal.value {
                    self.lost_value = self.lost_value + value;
                }
            }
            DealOutcome::Open => {}
        }
    }

    fn merge(&mut self, other: &DealStats) {
        self.won += other.won;
        self.lost += other.lost;
        self.won_value = self.won_value + other.won_value;
        self.won_valued += other.won_valued;
        self.lost_value = self.lost_value + other.lost_value;
        self.cycle_sum += other.cycle_sum;
        self.cycle_n += other.cycle_n;
    }

    fn finish(mut self) -> DealStats {
        self.win_rate = ratio(f64::from(self.won), f64::from(self.won + self.lost));
        self.win_loss_ratio = ratio(f64::from(self.won), f64::from(self.lost));
        self.win_loss_value_ratio =
            ratio(self.won_value.cents() as f64, self.lost_value.cents() as f64);
        self.average_won_value =
            div_round(self.won_value.cents(), i64::from(self.won_valued)).map(Money);
        self.average_cycle_days = ratio(self.cycle_sum as f64, f64::from(self.cycle_n));
        self
    }
}

/// Closed deals of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DealMonth {
    /// Close month.
    #[serde(with = "month_str")]
    pub month: Month,
    /// The month's statistics.
    #[serde(flatten)]
    pub stats: DealStats,
}

/// Closed deals of a quarter (pooled, not averaged from months).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DealPeriod {
    /// `2025-Q1`.
    pub label: String,
    /// The quarter's statistics.
    #[serde(flatten)]
    pub stats: DealStats,
}

/// Sales velocity of the open pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SalesVelocity {
    /// Open deals.
    pub open_deals: u32,
    /// Average won value over all closed deals.
    pub average_won_value: Option<Money>,
    /// Win rate over all closed deals.
    pub win_rate: Option<f64>,
    /// Average cycle days over all won deals.
    pub average_cycle_days: Option<f64>,
    /// Expected revenue per day, rounded to the cent.
    pub per_day: Option<Money>,
}

/// One funnel stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    /// Stage name.
    pub stage: String,
    /// Deals currently in this stage.
    pub deals: u32,
    /// Their value.
    pub value: Money,
    /// Deals in this stage or a later one.
    pub reached: u32,
    /// reached ÷ reached of the previous stage (`None` for the first).
    pub conversion: Option<f64>,
}

/// Everything the deal analysis produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DealReport {
    /// Every close month from the first to the last, oldest first.
    pub months: Vec<DealMonth>,
    /// Calendar quarters overlapping the months.
    pub quarters: Vec<DealPeriod>,
    /// All closed deals.
    pub total: DealStats,
    /// Open pipeline velocity.
    pub velocity: SalesVelocity,
    /// Value of open deals.
    pub open_value: Money,
    /// Deals per stage.
    pub funnel: Vec<FunnelStage>,
    /// Deals without a stage (not in the funnel).
    pub without_stage: u32,
    /// Deals whose export left the value empty: counted everywhere, but in no value sum or mean.
    pub without_value: u32,
}

/// Sales velocity per day in cents: `open × average value × win rate ÷ cycle days`.
pub fn sales_velocity(
    open: u32,
    average_value: Money,
    win_rate: f64,
    cycle_days: f64,
) -> Option<Money> {
    let v = f64::from(open) * average_value.cents() as f64 * win_rate;
    ratio(v, cycle_days).and_then(|cents| Money::from_f64(cents / 100.0))
}

fn close_day(d: &Deal) -> Date {
    d.closed.unwrap_or(d.created)
}

/// Deal figures; `stage_order` fixes the funnel order (stages not in it follow in first-seen
/// order). `None` without deals.
pub fn deals(deals: &[Deal], stage_order: &[&str]) -> Option<DealReport> {
    if deals.is_empty() {
        return None;
    }
    let closed =
        || deals.iter().filter(|d| d.outcome != DealOutcome::Open && plausible(close_day(d)));
    let close_month = |d: &Deal| close_day(d).month();
    let mut months: Vec<DealMonth> = Vec::new();
    let mut quarters = Vec::new();
    if let (Some(first), Some(last)) =
        (closed().map(close_month).min(), closed().map(close_month).max())
    {
        let mut stats = vec![DealStats::default(); (last.since(first) + 1) as usize];
        for d in closed() {
            if let Some(s) = stats.get_mut(close_month(d).since(first) as usize) {
                s.add(d);
            }
        }
        quarters = quarter_ranges(first, stats.len())
            .into_iter()
            .map(|(label, range)| {
                let mut pooled = DealStats::default();
                stats[range].iter().for_each(|s| pooled.merge(s));
                DealPeriod { label, stats: pooled.finish() }
            })
            .collect();
        months = first
            .through(last)
            .zip(stats)
            .map(|(month, s)| DealMonth { month, stats: s.finish() })
            .collect();
    }
    let mut total = DealStats::default();
    closed().for_each(|d| total.add(d));
    let total = total.finish();
    let open: Vec<&Deal> = deals.iter().filter(|d| d.outcome == DealOutcome::Open).collect();
    let open_deals = open.len() as u32;
    let per_day = match (total.average_won_value, total.win_rate, total.average_cycle_days) {
        (Some(v), Some(w), Some(c)) => sales_velocity(open_deals, v, w, c),
        _ => None,
    };
    let velocity = SalesVelocity {
        open_deals,
        average_won_value: total.average_won_value,
        win_rate: total.win_rate,
        average_cycle_days: total.average_cycle_days,
        per_day,
    };
    let (funnel, without_stage) = funnel(deals, stage_order);
    Some(DealReport {
        months,
        quarters,
        total,
        velocity,
        open_value: open.iter().filter_map(|d| d.value).sum(),
        funnel,
        without_stage,
        without_value: deals.iter().filter(|d| d.value.is_none()).count() as u32,
    })
}

/// Deals per stage (see the module docs) and the number of deals without a stage.
pub fn funnel(deals: &[Deal], stage_order: &[&str]) -> (Vec<FunnelStage>, u32) {
    let mut stages: Vec<FunnelStage> = stage_order
        .iter()
        .map(|s| FunnelStage {
            stage: s.to_string(),
            deals: 0,
            value: Money::ZERO,
            reached: 0,
            conversion: None,
        })
        .collect();
    let mut without = 0;
    for d in deals {
        let Some(name) = d.stage.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
            without += 1;
            continue;
        };
        let idx = match stages.iter().position(|s| s.stage == name) {
            Some(i) => i,
            None => {
                stages.push(FunnelStage {
                    stage: name.to_string(),
                    deals: 0,
                    value: Money::ZERO,
                    reached: 0,
                    conversion: None,
                });
                stages.len() - 1
            }
        };
        stages[idx].deals += 1;
        stages[idx].value = stages[idx].value + d.value.unwrap_or(Money::ZERO);
    }
    let mut reached = 0;
    for s in stages.iter_mut().rev() {
        reached += s.deals;
        s.reached = reached;
    }
    for i in 1..stages.len() {
        stages[i].conversion =
            ratio(f64::from(stages[i].reached), f64::from(stages[i - 1].reached));
    }
    (stages, without)
}
