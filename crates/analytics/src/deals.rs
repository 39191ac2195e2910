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
//! - Funnel: the pipeline stages, then one "won" step. A deal reaches every stage up to its
//!   furthest one: an open deal its current stage, a won deal every stage and the won step, a
//!   lost deal the stage it was lost at (`Deal::lost_at_stage`) and no later one. A lost deal
//!   whose export does not say where it was lost (HubSpot and Salesforce move it to "Closed
//!   Lost") is counted in the first stage only, and `lost_stage_unknown` says how many were.
//!   `reached` = deals whose furthest stage is this one or a later one; the won step holds won
//!   deals only. `conversion` = reached ÷ reached of the previous step.
//! - Closing stages ("Closed Won", "Closed Lost", "Gewonnen") are outcomes, not pipeline
//!   stages: a stage that holds only closed deals of one outcome, is no lost deal's last stage
//!   and is in no known default pipeline is read as one.
//! - Stage order: the given order; else the default pipeline of HubSpot, Salesforce or
//!   Pipedrive when every stage is one of its stages; else first-seen order, which the report
//!   states (`stage_order`), because a file's row order says little about a pipeline.

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

/// One funnel step: a pipeline stage or the final won step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    /// Stage name (for the won step, the export's won stage name or `won`).
    pub stage: String,
    /// Open deals in this stage; on the won step, the won deals.
    pub deals: u32,
    /// Their value.
    pub value: Money,
    /// Deals that got this far: their furthest step is this one or a later one.
    pub reached: u32,
    /// reached ÷ reached of the previous step (`None` for the first).
    pub conversion: Option<f64>,
    /// Lost deals lost at this stage (their furthest step).
    #[serde(default)]
    pub lost: u32,
    /// True for the final step that holds the won deals.
    #[serde(default)]
    pub won_step: bool,
}

/// How the funnel's stage order was decided.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StageOrder {
    /// The order given in the report options.
    Given,
    /// A CRM's default pipeline (HubSpot, Salesforce, Pipedrive) that names every stage.
    KnownPipeline,
    /// Order of first appearance in the file: an assumption the dashboard states.
    #[default]
    FirstSeen,
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
    /// Pipeline stages in order, then the won step.
    pub funnel: Vec<FunnelStage>,
    /// Open and lost deals without a stage (not in the funnel).
    pub without_stage: u32,
    /// How the stage order was decided.
    #[serde(default)]
    pub stage_order: StageOrder,
    /// Lost deals whose stage at loss is unknown, counted in the first stage only.
    #[serde(default)]
    pub lost_stage_unknown: u32,
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

pub(crate) fn close_day(d: &Deal) -> Date {
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
    let Funnel { steps: funnel, without_stage, order, lost_stage_unknown } =
        funnel(deals, stage_order);
    Some(DealReport {
        months,
        quarters,
        total,
        velocity,
        open_value: open.iter().filter_map(|d| d.value).sum(),
        funnel,
        without_stage,
        stage_order: order,
        lost_stage_unknown,
        without_value: deals.iter().filter(|d| d.value.is_none()).count() as u32,
    })
}

/// Default pipelines as their CRMs document them, first stage first (closing stages left
/// out): HubSpot's default sales pipeline (knowledge.hubspot.com, "Set up and customize your
/// deal pipelines and deal stages"), Salesforce's default opportunity stages (help.salesforce.com,
/// "Opportunity Stage"), Pipedrive's default pipeline (support.pipedrive.com, "Pipelines"), and
/// the plain German pipeline many small CRMs and the sample data use.
const KNOWN_PIPELINES: &[&[&str]] = &[
    &[
        "appointment scheduled",
        "qualified to buy",
        "presentation scheduled",
        "decision maker bought-in",
        "contract sent",
    ],
    &[
        "prospecting",
        "qualification",
        "needs analysis",
        "value proposition",
        "id. decision makers",
        "perception analysis",
        "proposal/price quote",
        "negotiation/review",
    ],
    &["qualified", "contact made", "demo scheduled", "proposal made", "negotiations started"],
    // A common German pipeline (and the sample data's).
    &["lead", "kontakt", "qualifizierung", "bedarfsanalyse", "angebot", "verhandlung"],
];

/// The funnel and what it had to assume.
#[derive(Debug, Clone, PartialEq)]
pub struct Funnel {
    /// Pipeline stages in order, then the won step (when there is a won deal).
    pub steps: Vec<FunnelStage>,
    /// Open and lost deals with neither a stage nor a stage at loss (won deals are all in the
    /// won step).
    pub without_stage: u32,
    /// How the order was decided.
    pub order: StageOrder,
    /// Lost deals counted in the first stage only because the stage at loss is unknown.
    pub lost_stage_unknown: u32,
}

fn stage_name(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

fn known_position(name: &str) -> Option<(usize, usize)> {
    let lower = name.to_lowercase();
    KNOWN_PIPELINES
        .iter()
        .enumerate()
        .find_map(|(p, stages)| stages.iter().position(|s| *s == lower).map(|i| (p, i)))
}

/// The pipeline stages (closing stages left out, see the module docs) in order.
fn pipeline_stages<'a>(deals: &'a [Deal], given: &[&'a str]) -> (Vec<&'a str>, StageOrder) {
    // Per stage name: (first seen, open deals, won, lost, some lost deal's last stage).
    let mut seen: Vec<(&str, u32, u32, u32, bool)> = Vec::new();
    fn entry<'a>(seen: &mut Vec<(&'a str, u32, u32, u32, bool)>, name: &'a str) -> usize {
        match seen.iter().position(|e| e.0 == name) {
            Some(i) => i,
            None => {
                seen.push((name, 0, 0, 0, false));
                seen.len() - 1
            }
        }
    }
    for d in deals {
        if let Some(name) = stage_name(d.stage.as_deref()) {
            let i = entry(&mut seen, name);
            match d.outcome {
                DealOutcome::Open => seen[i].1 += 1,
                DealOutcome::Won => seen[i].2 += 1,
                DealOutcome::Lost => seen[i].3 += 1,
            }
        }
        if let (DealOutcome::Lost, Some(name)) = (d.outcome, stage_name(d.lost_at_stage.as_deref()))
        {
            let i = entry(&mut seen, name);
            seen[i].4 = true;
        }
    }
    let is_pipeline = |&(name, open, won, lost, last_stage): &(&str, u32, u32, u32, bool)| {
        let closing = open == 0 && !last_stage && (won == 0 || lost == 0);
        !closing || known_position(name).is_some()
    };
    let stages: Vec<&str> = seen.iter().filter(|e| is_pipeline(e)).map(|e| e.0).collect();
    if !given.is_empty() {
        // A given stage no deal sits in is still a step deals passed; a closing one is not.
        let closing = |g: &&str| seen.iter().any(|e| e.0 == *g) && !stages.contains(g);
        let mut ordered: Vec<&str> = given.iter().copied().filter(|g| !closing(g)).collect();
        ordered.extend(stages.iter().filter(|s| !given.contains(s)));
        return (ordered, StageOrder::Given);
    }
    let positions: Option<Vec<(usize, usize)>> = stages.iter().map(|s| known_position(s)).collect();
    if let Some(mut positions) = positions {
        let pipeline = positions.first().map(|p| p.0);
        if positions.iter().all(|p| Some(p.0) == pipeline) {
            let mut by_position: Vec<(usize, &str)> =
                positions.drain(..).map(|p| p.1).zip(stages.iter().copied()).collect();
            by_position.sort_by_key(|p| p.0);
            return (by_position.into_iter().map(|p| p.1).collect(), StageOrder::KnownPipeline);
        }
    }
    (stages, StageOrder::FirstSeen)
}

/// The funnel of `deals` (see the module docs); `stage_order` fixes the order of the stages it
/// names, others follow in first-seen order.
pub fn funnel(deals: &[Deal], stage_order: &[&str]) -> Funnel {
    let (stages, order) = pipeline_stages(deals, stage_order);
    let won_name = deals
        .iter()
        .filter(|d| d.outcome == DealOutcome::Won)
        .filter_map(|d| stage_name(d.stage.as_deref()))
        .find(|s| !stages.contains(s))
        .unwrap_or("won");
    let has_won = deals.iter().any(|d| d.outcome == DealOutcome::Won);
    let n_steps = stages.len() + usize::from(has_won);
    let mut steps: Vec<FunnelStage> = (0..n_steps)
        .map(|i| FunnelStage {
            stage: stages.get(i).copied().unwrap_or(won_name).to_string(),
            deals: 0,
            value: Money::ZERO,
            reached: 0,
            conversion: None,
            lost: 0,
            won_step: i == stages.len(),
        })
        .collect();
    let position =
        |name: Option<&str>| stage_name(name).and_then(|n| stages.iter().position(|s| *s == n));
    let (mut without_stage, mut lost_stage_unknown) = (0, 0);
    // The furthest step of every deal in the funnel.
    let mut furthest = vec![0u32; n_steps];
    for d in deals {
        let step = match d.outcome {
            // A won deal went through every stage, whatever stage the export left it in.
            DealOutcome::Won => Some(stages.len()),
            DealOutcome::Open => position(d.stage.as_deref()),
            DealOutcome::Lost => match position(d.lost_at_stage.as_deref()) {
                Some(i) => Some(i),
                // A lost deal with a stage but no stage at loss entered the pipeline at least.
                None if stage_name(d.stage.as_deref()).is_some() && !stages.is_empty() => {
                    lost_stage_unknown += 1;
                    Some(0)
                }
                None => None,
            },
        };
        let Some((i, step)) = step.and_then(|i| Some((i, steps.get_mut(i)?))) else {
            without_stage += 1;
            continue;
        };
        if d.outcome == DealOutcome::Lost {
            step.lost += 1;
        } else {
            step.deals += 1;
            step.value = step.value + d.value.unwrap_or(Money::ZERO);
        }
        if let Some(n) = furthest.get_mut(i) {
            *n += 1;
        }
    }
    let mut reached = 0;
    for (step, n) in steps.iter_mut().zip(furthest).rev() {
        reached += n;
        step.reached = reached;
    }
    let mut previous: Option<u32> = None;
    for step in &mut steps {
        step.conversion = previous.and_then(|p| ratio(f64::from(step.reached), f64::from(p)));
        previous = Some(step.reached);
    }
    Funnel { steps, without_stage, order, lost_stage_unknown }
}
