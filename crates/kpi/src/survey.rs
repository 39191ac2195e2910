//! Survey KPIs from raw answers, and the seed's sales velocity as a plain function.

use crate::KpiError;

/// NPS answers split into the three groups, with the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NpsBreakdown {
    /// Answers 9–10.
    pub promoters: u64,
    /// Answers 7–8.
    pub passives: u64,
    /// Answers 0–6.
    pub detractors: u64,
    /// All answers.
    pub total: u64,
    /// % promoters − % detractors, in points from −100 to 100.
    pub nps: f64,
}

impl NpsBreakdown {
    /// Share of promoters as a fraction.
    pub fn promoter_share(&self) -> f64 {
        share(self.promoters, self.total)
    }

    /// Share of passives as a fraction.
    pub fn passive_share(&self) -> f64 {
        share(self.passives, self.total)
    }

    /// Share of detractors as a fraction.
    pub fn detractor_share(&self) -> f64 {
        share(self.detractors, self.total)
    }
}

fn share(part: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 / total as f64
    }
}

/// NPS from answers on the 0–10 scale: 0–6 detractors, 7–8 passives, 9–10 promoters.
///
/// ```
/// let b = kpi::nps_from_scores(&[10.0, 9.0, 8.0, 7.0, 6.0, 0.0, 10.0, 3.0])?;
/// assert_eq!((b.promoters, b.passives, b.detractors), (3, 2, 3));
/// assert_eq!(b.nps, 0.0);
/// # Ok::<(), kpi::KpiError>(())
/// ```
pub fn nps_from_scores(scores: &[f64]) -> Result<NpsBreakdown, KpiError> {
    check_scores(scores, 0.0, 10.0)?;
    let count = |lo: f64, hi: f64| scores.iter().filter(|s| **s >= lo && **s <= hi).count() as u64;
    nps_from_counts(count(9.0, 10.0), count(7.0, 8.0), count(0.0, 6.0))
}

/// NPS from the numbers of promoters, passives and detractors.
///
/// ```
/// let b = kpi::nps_from_counts(50, 30, 20)?;
/// assert_eq!(b.nps, 30.0);
/// # Ok::<(), kpi::KpiError>(())
/// ```
pub fn nps_from_counts(
    promoters: u64,
    passives: u64,
    detractors: u64,
) -> Result<NpsBreakdown, KpiError> {
    let total = promoters.saturating_add(passives).saturating_add(detractors);
    if total == 0 {
        return Err(KpiError::NoAnswers { input: "promoters" });
    }
    // Difference of counts first, one division last: exact for whole percentages.
    let nps = 100.0 * (promoters as f64 - detractors as f64) / total as f64;
    Ok(NpsBreakdown { promoters, passives, detractors, total, nps })
}

/// The CSAT answer scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CsatScale {
    /// Variant A: 1–5, answers 4 and 5 count as satisfied (seed 002).
    FivePoint,
    /// Variant B: 1–10, answers 6 to 10 count as positive (seeds 003, 004 "CSS").
    TenPoint,
}

impl CsatScale {
    /// (lowest answer, highest answer, lowest satisfied answer).
    pub fn bounds(self) -> (f64, f64, f64) {
        match self {
            CsatScale::FivePoint => (1.0, 5.0, 4.0),
            CsatScale::TenPoint => (1.0, 10.0, 6.0),
        }
    }
}

/// CSAT as the fraction of satisfied answers.
///
/// ```
/// use kpi::{csat_from_scores, CsatScale};
/// assert_eq!(csat_from_scores(&[5.0, 4.0, 3.0, 1.0], CsatScale::FivePoint)?, 0.5);
/// assert_eq!(csat_from_scores(&[6.0, 5.0, 10.0, 1.0], CsatScale::TenPoint)?, 0.5);
/// # Ok::<(), kpi::KpiError>(())
/// ```
pub fn csat_from_scores(scores: &[f64], scale: CsatScale) -> Result<f64, KpiError> {
    let (min, max, satisfied) = scale.bounds();
    check_scores(scores, min, max)?;
    let n_satisfied = scores.iter().filter(|s| **s >= satisfied).count();
    Ok(n_satisfied as f64 / scores.len() as f64)
}

/// The CES variants of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CesVariant {
    /// A: mean on 1 (very easy) … 5 (difficult); lower is better (seed 000).
    A,
    /// B: mean agreement with "it was easy" on 1 … 7; higher is better (seed 004).
    B,
    /// C: share of positive answers (5–7 on the 1–7 agreement scale); higher is better (002).
    C,
}

impl CesVariant {
    /// (lowest answer, highest answer).
    pub fn bounds(self) -> (f64, f64) {
        match self {
            CesVariant::A => (1.0, 5.0),
            CesVariant::B | CesVariant::C => (1.0, 7.0),
        }
    }
}

/// CES from answers: the mean for A and B, the positive share (a fraction) for C.
///
/// ```
/// use kpi::{ces_from_scores, CesVariant};
/// assert_eq!(ces_from_scores(&[1.0, 2.0, 3.0, 2.0], CesVariant::A)?, 2.0);
/// assert_eq!(ces_from_scores(&[7.0, 5.0, 4.0, 1.0], CesVariant::C)?, 0.5);
/// # Ok::<(), kpi::KpiError>(())
/// ```
pub fn ces_from_scores(scores: &[f64], variant: CesVariant) -> Result<f64, KpiError> {
    let (min, max) = variant.bounds();
    check_scores(scores, min, max)?;
    let n = scores.len() as f64;
    Ok(match variant {
        CesVariant::A | CesVariant::B => scores.iter().sum::<f64>() / n,
        CesVariant::C => scores.iter().filter(|s| **s >= 5.0).count() as f64 / n,
    })
}

/// Checks that a list of answers is non-empty and holds whole numbers on the scale.
pub(crate) fn check_scores(scores: &[f64], min: f64, max: f64) -> Result<(), KpiError> {
    if scores.is_empty() {
        return Err(KpiError::NoAnswers { input: "answers" });
    }
    for (index, &value) in scores.iter().enumerate() {
        // NaN fails every comparison, so it lands here as well.
        let on_scale = value >= min && value <= max && value.fract() == 0.0;
        if !on_scale {
            return Err(KpiError::ScoreOffScale { value, index, min, max });
        }
    }
    Ok(())
}

/// Sales velocity in money per day: (opportunities × average deal value × win rate) / cycle
/// days, rounded to cents.
///
/// The seed's worked example: (100 × 3.000 € × 0,20) / 30 days = 2.000 € per day.
///
/// ```
/// assert_eq!(kpi::sales_velocity(100.0, 3000.0, 0.20, 30.0)?, 2000.0);
/// # Ok::<(), kpi::KpiError>(())
/// ```
pub fn sales_velocity(
    opportunities: f64,
    avg_deal_value: f64,
    win_rate: f64,
    cycle_days: f64,
) -> Result<f64, KpiError> {
    let named = [
        ("opportunities", opportunities),
        ("deal_value", avg_deal_value),
        ("win_rate", win_rate),
        ("cycle_days", cycle_days),
    ];
    for (input, value) in named {
        if !value.is_finite() {
            return Err(KpiError::NotFinite { input });
        }
        if value < 0.0 {
            return Err(KpiError::Negative { input, value });
        }
    }
    if win_rate > 1.0 {
        return Err(KpiError::RatioAboveOne { input: "win_rate", value: win_rate });
    }
    if cycle_days == 0.0 {
        return Err(KpiError::DivisionByZero { input: "cycle_days" });
    }
    let value = crate::eval::round_cents(opportunities * avg_deal_value * win_rate / cycle_days);
    if value.is_finite() {
        Ok(value)
    } else {
        Err(KpiError::Overflow { kpi: "sales_velocity" })
    }
}
