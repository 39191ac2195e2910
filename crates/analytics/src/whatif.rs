//! What-if: project MRR, ARR, customers, NRR and CLV month by month from a [`Baseline`] of
//! monthly averages, and compare a [`Scenario`] (one point less churn, 10 % more expansion,
//! 2.000 € more new MRR a month, …) with it.
//!
//! # The model
//!
//! Every projected month applies the same rates to the month before:
//!
//! - **MRR**: `MRR(t) = MRR(t−1) × g + N`, with `g = 1 − churn − contraction + expansion`
//!   (each rate a share of the MRR at the start of the month, the denominator of the
//!   dashboard's revenue churn and NRR) and `N = new MRR + reactivation MRR` per month. With
//!   constant rates this has the closed form `MRR(t) = gᵗ × MRR(0) + N × (1 − gᵗ) ÷ (1 − g)`
//!   (`MRR(0) + t × N` for `g = 1`).
//! - **Customers**: `C(t) = C(t−1) × (1 − logo churn) + n`, `n` the customers arriving per
//!   month (new and reactivated). Customers are expected values and may be fractional; the
//!   page shows them rounded to whole customers.
//! - **ARR** = 12 × MRR; **ARPU** = MRR ÷ customers.
//! - **NRR**: the dashboard's definition (start MRR + expansion − contraction − churned MRR)
//!   ÷ start MRR, applied to the model's customers at the start: `g` for a month and `g¹²`
//!   over twelve months (new and reactivation MRR excluded). The rates are constant, so NRR is
//!   the same in every projected month.
//! - **CLV** = ARPU ÷ monthly logo churn rate: the catalogue's "ARPU × gross margin ÷ churn
//!   rate" (the calculator's CLV variant D) with a gross margin of 100 %, i.e. revenue per
//!   customer over the expected lifetime of `1 ÷ churn` months. No CLV without churn.
//! - **Revenue over the horizon** = the sum of the projected months' MRR (a month's revenue
//!   is its MRR).
//!
//! # Rounding
//!
//! MRR is carried unrounded (an expected value, not an invoice) from month to month and
//! rounded once per month, half away from zero, to whole cents; ARR is 12 × that rounded MRR,
//! revenue sums the rounded months, and the difference of two projections is the difference
//! of those integer sums. ARPU and CLV are rounded to cents from the unrounded MRR and
//! customers. Averages of money from data (new and reactivation MRR per month) are rounded
//! half away from zero to a cent.
//!
//! # The baseline from data
//!
//! [`baseline`] reads the last `n` complete months of a [`Report`] through [`figure`] (so
//! every number is the dashboard's own): the last complete month is the as-of date's
//! ([`crate::billing::AsOf::last_complete_month`]; a partial as-of month is never averaged);
//! a month that begins without MRR (the first month of the data) is left out. Rates are
//! pooled over the months: Σ churned MRR ÷ Σ MRR at the months' starts (likewise contraction
//! and expansion), Σ churned customers ÷ Σ customers at the months' starts — a month with
//! more MRR weighs more, and one month alone gives exactly the dashboard's monthly figure.
//! New and reactivation MRR and arriving customers are the monthly mean. The projection
//! starts from the MRR and customers at the end of the last complete month.
//!
//! # Scenarios
//!
//! A churn change in percentage points moves the MRR churn rate and the logo churn rate
//! alike (−1 pt: both one point lower); expansion and contraction change relative to their
//! rate (+10 %: × 1.1); new and reactivation MRR change by an amount per month. More (or
//! less) new and reactivation MRR brings proportionally more (or fewer) arriving customers
//! at the baseline's MRR per arriving customer. Rates are limited to what is possible:
//! churn 0–100 %, contraction at most what churn leaves, expansion 0–100 %, money per month
//! not below 0.

use crate::figure::figure;
use crate::kpis::Kpi;
use crate::period::Period;
use crate::report::Report;
use records::{Money, Month};

/// The longest projection [`project`] computes (months).
pub const MAX_HORIZON: u32 = 120;

/// The starting point and the monthly averages a projection continues.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Baseline {
    /// The last complete month it was measured in (`None`: typed in); projected month `t` is
    /// `t` months after it.
    pub last: Option<Month>,
    /// How many months were averaged (0: typed in).
    pub months: u32,
    /// MRR at the end of the last month, in cents.
    pub mrr: Money,
    /// Paying customers at the end of the last month.
    pub customers: f64,
    /// New MRR per month.
    pub new_mrr: Money,
    /// Reactivation MRR per month.
    pub reactivation_mrr: Money,
    /// Customers arriving per month (new and reactivated).
    pub new_customers: f64,
    /// Expansion MRR ÷ MRR at the start of the month.
    pub expansion_rate: f64,
    /// Contraction MRR ÷ MRR at the start of the month.
    pub contraction_rate: f64,
    /// Churned MRR ÷ MRR at the start of the month.
    pub churn_rate: f64,
    /// Churned customers ÷ customers at the start of the month (the dashboard's churn rate,
    /// variant A).
    pub logo_churn_rate: f64,
}

/// Changes to a [`Baseline`]; the default changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scenario {
    /// Percentage points added to the MRR and the logo churn rate (−1.0: one point less).
    pub churn_pts: f64,
    /// Relative change of the expansion rate in percent (10.0: × 1.1).
    pub expansion_pct: f64,
    /// Relative change of the contraction rate in percent.
    pub contraction_pct: f64,
    /// Added to the new MRR per month.
    pub new_mrr: Money,
    /// Added to the reactivation MRR per month.
    pub reactivation_mrr: Money,
}

/// The rates a projection applies every month, after the scenario and the limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// MRR churn rate.
    pub churn: f64,
    /// Logo churn rate.
    pub logo_churn: f64,
    /// Contraction rate.
    pub contraction: f64,
    /// Expansion rate.
    pub expansion: f64,
    /// New MRR per month.
    pub new_mrr: Money,
    /// Reactivation MRR per month.
    pub reactivation_mrr: Money,
    /// Customers arriving per month.
    pub new_customers: f64,
}

impl Rates {
    /// The baseline's rates changed by `scenario`, within the limits (see the module docs).
    pub fn of(b: &Baseline, s: &Scenario) -> Rates {
        let unit = |x: f64| if x.is_finite() { x.clamp(0.0, 1.0) } else { 0.0 };
        let finite = |x: f64| if x.is_finite() { x } else { 0.0 };
        let churn = unit(b.churn_rate + finite(s.churn_pts) / 100.0);
        let logo_churn = unit(b.logo_churn_rate + finite(s.churn_pts) / 100.0);
        let factor = |pct: f64| (1.0 + finite(pct) / 100.0).max(0.0);
        let contraction =
            unit(b.contraction_rate * factor(s.contraction_pct)).min(1.0 - churn).max(0.0);
        let expansion = unit(b.expansion_rate * factor(s.expansion_pct));
        let money = |a: Money, d: Money| Money(a.cents().max(0).saturating_add(d.cents()).max(0));
        let new_mrr = money(b.new_mrr, s.new_mrr);
        let reactivation_mrr = money(b.reactivation_mrr, s.reactivation_mrr);
        let inflow = |n: Money, r: Money| n.cents().saturating_add(r.cents()) as f64;
        let before = inflow(b.new_mrr.max(Money::ZERO), b.reactivation_mrr.max(Money::ZERO));
        let after = inflow(new_mrr, reactivation_mrr);
        let arriving = finite(b.new_customers).max(0.0);
        let new_customers = if before > 0.0 {
            arriving * after / before
        } else if after > 0.0 && b.mrr.cents() > 0 && b.customers > 0.0 {
            // Nothing arrived before: the new MRR comes at today's ARPU.
            after / (b.mrr.cents() as f64 / b.customers)
        } else {
            arriving
        };
        Rates {
            churn,
            logo_churn,
            contraction,
            expansion,
            new_mrr,
            reactivation_mrr,
            new_customers: finite(new_customers),
        }
    }

    /// `g = 1 − churn − contraction + expansion`: the MRR of the month's starting customers
    /// at its end per unit at its start (the monthly NRR).
    pub fn retained(&self) -> f64 {
        1.0 - self.churn - self.contraction + self.expansion
    }

    /// New plus reactivation MRR per month, in cents.
    pub fn inflow(&self) -> i64 {
        self.new_mrr.cents().saturating_add(self.reactivation_mrr.cents())
    }
}

/// One projected month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectedMonth {
    /// Months after the baseline's last month (1 = the first projected month).
    pub n: u32,
    /// The calendar month, when the baseline came from data.
    pub month: Option<Month>,
    /// MRR at the end of the month, rounded to the cent.
    pub mrr: Money,
    /// 12 × `mrr`.
    pub arr: Money,
    /// Expected paying customers (fractional).
    pub customers: f64,
    /// MRR ÷ customers; `None` without customers.
    pub arpu: Option<Money>,
    /// ARPU ÷ logo churn rate; `None` without churn or customers.
    pub clv: Option<Money>,
}

/// A projection month by month.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// The rates applied.
    pub rates: Rates,
    /// The starting point (month 0).
    pub start: ProjectedMonth,
    /// Months 1 … horizon.
    pub months: Vec<ProjectedMonth>,
    /// Σ of the months' rounded MRR.
    pub revenue: Money,
    /// NRR of a month (`g`).
    pub nrr_month: f64,
    /// NRR over twelve months (`g¹²`).
    pub nrr_year: f64,
}

impl Projection {
    /// The last projected month (the start for a horizon of 0).
    pub fn end(&self) -> &ProjectedMonth {
        self.months.last().unwrap_or(&self.start)
    }
}

/// Rounds to whole cents, half away from zero, saturating at the `i64` range (NaN: 0).
fn cents(x: f64) -> Money {
    // `as` saturates and maps NaN to 0.
    Money(x.round() as i64)
}

fn month_figures(
    n: u32,
    month: Option<Month>,
    mrr: f64,
    customers: f64,
    logo_churn: f64,
) -> ProjectedMonth {
    let rounded = cents(mrr);
    let arpu = (customers > 0.0).then(|| mrr / customers);
    ProjectedMonth {
        n,
        month,
        mrr: rounded,
        arr: Money(rounded.cents().saturating_mul(12)),
        customers,
        arpu: arpu.map(cents),
        clv: arpu.filter(|_| logo_churn > 0.0).map(|a| cents(a / logo_churn)),
    }
}

/// Projects `baseline` changed by `scenario` over `months` months (at most
/// [`MAX_HORIZON`]).
pub fn project(baseline: &Baseline, scenario: &Scenario, months: u32) -> Projection {
    let rates = Rates::of(baseline, scenario);
    let g = rates.retained();
    let inflow = rates.inflow() as f64;
    let keep = 1.0 - rates.logo_churn;
    let mut mrr = baseline.mrr.cents().max(0) as f64;
    let mut customers =
        if baseline.customers.is_finite() { baseline.customers.max(0.0) } else { 0.0 };
    let at = |n: u32| baseline.last.map(|m| m.add(n as i32));
    let start = month_figures(0, at(0), mrr, customers, rates.logo_churn);
    let mut out = Vec::new();
    let mut revenue = Money::ZERO;
    for n in 1..=months.min(MAX_HORIZON) {
        mrr = mrr * g + inflow;
        customers = customers * keep + rates.new_customers;
        let m = month_figures(n, at(n), mrr, customers, rates.logo_churn);
        revenue = revenue.saturating_add(m.mrr);
        out.push(m);
    }
    Projection { rates, start, months: out, revenue, nrr_month: g, nrr_year: g.powi(12) }
}

/// A baseline and a scenario projected over the same months.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Without changes.
    pub baseline: Projection,
    /// With the scenario.
    pub scenario: Projection,
    /// Scenario revenue − baseline revenue over the horizon.
    pub revenue_difference: Money,
}

/// Projects `baseline` with and without `scenario`.
pub fn compare(baseline: &Baseline, scenario: &Scenario, months: u32) -> Comparison {
    let base = project(baseline, &Scenario::default(), months);
    let with = project(baseline, scenario, months);
    let revenue_difference = with.revenue.saturating_sub(base.revenue);
    Comparison { baseline: base, scenario: with, revenue_difference }
}

/// The baseline of the last `months` complete months of `r` (see the module docs); `None`
/// without revenue data or without a complete month that begins with MRR.
pub fn baseline(r: &Report, months: u32) -> Option<Baseline> {
    let rev = r.revenue.as_ref()?;
    let (first, latest) = (rev.months.first()?.month, rev.months.last()?.month);
    let last = r.as_of.map_or(latest, |a| a.last_complete_month()).min(latest);
    if last < first {
        return None;
    }
    let span = months.clamp(1, MAX_HORIZON) as i32;
    let from = last.add(1 - span).max(first);
    let value = |kpi: Kpi, m: Month| figure(r, kpi, Period::Month(m));
    let (mut start_mrr, mut start_customers, mut churned_customers) = (0.0, 0.0, 0.0);
    let (mut churned, mut contraction, mut expansion) = (0i64, 0i64, 0i64);
    let (mut new, mut reactivation, mut arriving) = (0i64, 0i64, 0.0);
    let mut used = 0u32;
    let money = |kpi: Kpi, m: Month| -> i64 {
        value(kpi, m).and_then(|f| f.value).map_or(0, |v| v.round() as i64)
    };
    let count = |kpi: Kpi, m: Month| -> f64 {
        value(kpi, m).and_then(|f| f.basis.numerator).unwrap_or(0.0)
    };
    for m in from.through(last) {
        // The start MRR is the denominator of the month's revenue churn.
        let start = value(Kpi::RevenueChurn, m).and_then(|f| f.basis.denominator);
        let Some(start) = start.filter(|s| *s > 0.0) else { continue };
        let logo = value(Kpi::ChurnRate, m).map(|f| f.basis);
        used += 1;
        start_mrr += start;
        start_customers += logo.and_then(|b| b.denominator).unwrap_or(0.0);
        churned_customers += logo.and_then(|b| b.numerator).unwrap_or(0.0);
        churned = churned.saturating_add(money(Kpi::ChurnedMrr, m));
        contraction = contraction.saturating_add(money(Kpi::ContractionMrr, m));
        expansion = expansion.saturating_add(money(Kpi::ExpansionMrr, m));
        new = new.saturating_add(money(Kpi::NewMrr, m));
        reactivation = reactivation.saturating_add(money(Kpi::ReactivationMrr, m));
        arriving += count(Kpi::NewMrr, m) + count(Kpi::ReactivationMrr, m);
    }
    if used == 0 {
        return None;
    }
    let n = f64::from(used);
    let mean =
        |total: i64| crate::revenue::div_round(total, i64::from(used)).map_or(Money::ZERO, Money);
    let share = |x: f64, of: f64| if of > 0.0 { x / of } else { 0.0 };
    Some(Baseline {
        last: Some(last),
        months: used,
        mrr: Money(money(Kpi::Mrr, last)),
        customers: value(Kpi::Customers, last).and_then(|f| f.value).unwrap_or(0.0),
        new_mrr: mean(new),
        reactivation_mrr: mean(reactivation),
        new_customers: arriving / n,
        expansion_rate: share(expansion as f64, start_mrr),
        contraction_rate: share(contraction as f64, start_mrr),
        churn_rate: share(churned as f64, start_mrr),
        logo_churn_rate: share(churned_customers, start_customers),
    })
}
