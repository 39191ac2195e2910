//! Alert thresholds: a KPI id, a direction and a value, evaluated against the latest value of
//! each KPI in a report (the value of the most recent period that has one).

use crate::kpis::Kpi;
use serde::{Deserialize, Serialize};

/// Which side of the threshold is bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Breached when the value is greater than the threshold.
    Above,
    /// Breached when the value is less than the threshold.
    Below,
}

/// An alert rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// The KPI (its id in JSON, e.g. `churn_rate`, `nps`; an unknown id does not parse).
    pub kpi_id: Kpi,
    /// Direction.
    pub op: Op,
    /// Threshold in the KPI's stored unit (fractions for ratios, cents for money).
    pub value: f64,
}

/// The latest value of one KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatestValue {
    /// The KPI.
    pub kpi_id: Kpi,
    /// Period label (`YYYY-MM`, ISO week or date).
    pub period: String,
    /// The value in the KPI's stored unit.
    pub value: f64,
}

/// A breached threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breach {
    /// The KPI.
    pub kpi_id: Kpi,
    /// Direction of the rule.
    pub op: Op,
    /// The rule's value.
    pub threshold: f64,
    /// The latest value.
    pub actual: f64,
    /// Its period.
    pub period: String,
}

/// The rules whose KPI's latest value is strictly beyond the threshold; rules for KPIs
/// without a value are skipped.
pub fn evaluate(thresholds: &[Threshold], latest: &[LatestValue]) -> Vec<Breach> {
    thresholds
        .iter()
        .filter_map(|t| {
            let v = latest.iter().find(|v| v.kpi_id == t.kpi_id)?;
            let breached = match t.op {
                Op::Above => v.value > t.value,
                Op::Below => v.value < t.value,
            };
            breached.then(|| Breach {
                kpi_id: t.kpi_id,
                op: t.op,
                threshold: t.value,
                actual: v.value,
                period: v.period.clone(),
            })
        })
        .collect()
}
