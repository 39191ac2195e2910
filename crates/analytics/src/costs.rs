//! Costs per month against the revenue analysis: CAC and retention cost.
//!
//! - CAC = (sales + marketing) ÷ new customers of the month (the `new` movement count, not
//!   reactivations), rounded to the cent.
//! - Retention cost = customer-success cost ÷ paying customers at the end of the month.
//!
//! Several rows for the same month are added up. Without revenue data, only the sums appear.
//! A period pools its months: CAC = its acquisition cost ÷ its new customers, retention cost
//! = its customer-success cost ÷ its customer-months (each month's paying customers at its
//! end), months without the count left out of both sums. [`cac`] and [`retention_cost`] are
//! the one definition: the quarters here, the dashboard and the quarterly report (through
//! `figure`) all call them.

use crate::revenue::{div_round, RevenueReport};
use crate::util::{month_str, quarter_ranges};
use records::{CostRow, Money, Month};
use serde::{Deserialize, Serialize};

/// Costs of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostMonth {
    /// The month.
    #[serde(with = "month_str")]
    pub month: Month,
    /// Sales + marketing cost.
    pub acquisition_cost: Money,
    /// Customer-success cost.
    pub customer_success_cost: Money,
    /// New customers that month (from the revenue analysis).
    pub new_customers: Option<u32>,
    /// Acquisition cost ÷ new customers.
    pub cac: Option<Money>,
    /// Paying customers at the end of the month.
    pub customers: Option<u32>,
    /// Customer-success cost ÷ customers.
    pub retention_cost: Option<Money>,
}

/// Costs of a quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostPeriod {
    /// `2025-Q1`.
    pub label: String,
    /// Sales + marketing cost.
    pub acquisition_cost: Money,
    /// Customer-success cost.
    pub customer_success_cost: Money,
    /// New customers in the quarter.
    pub new_customers: Option<u32>,
    /// Acquisition cost ÷ new customers.
    pub cac: Option<Money>,
    /// Customer-months: the paying customers at each month's end, summed.
    pub customers: Option<u32>,
    /// Customer-success cost ÷ customer-months.
    pub retention_cost: Option<Money>,
}

/// Costs per month and quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostReport {
    /// Every month from the first to the last cost row.
    pub months: Vec<CostMonth>,
    /// Calendar quarters overlapping the months.
    pub quarters: Vec<CostPeriod>,
}

/// Monthly and quarterly CAC and retention cost; `None` without cost rows.
pub fn costs(rows: &[CostRow], revenue: Option<&RevenueReport>) -> Option<CostReport> {
    let first = rows.iter().map(|r| r.month).min()?;
    let last = rows.iter().map(|r| r.month).max()?;
    let mut out: Vec<CostMonth> = first
        .through(last)
        .map(|month| {
            let rev = revenue.and_then(|r| r.months.iter().find(|m| m.month == month));
            CostMonth {
                month,
                acquisition_cost: Money::ZERO,
                customer_success_cost: Money::ZERO,
                new_customers: rev.map(|m| m.movements.new_customers),
                cac: None,
                customers: rev.map(|m| m.customers),
                retention_cost: None,
            }
        })
        .collect();
    for r in rows {
        if let Some(m) = out.get_mut(r.month.since(first) as usize) {
            m.acquisition_cost = m.acquisition_cost + r.sales + r.marketing;
            m.customer_success_cost = m.customer_success_cost + r.customer_success;
        }
    }
    for m in &mut out {
        m.cac = per(m.acquisition_cost, m.new_customers);
        m.retention_cost = per(m.customer_success_cost, m.customers);
    }
    let quarters = quarter_ranges(first, out.len())
        .into_iter()
        .map(|(label, range)| {
            let ms = &out[range];
            let acquisition_cost = ms.iter().map(|m| m.acquisition_cost).sum();
            let customer_success_cost = ms.iter().map(|m| m.customer_success_cost).sum();
            let new_customers = ms.iter().map(|m| m.new_customers).sum::<Option<u32>>();
            let (cac, _) = cac(ms);
            // Customer-months: the quarter's retention cost is then in the same unit as a
            // month's (cost per customer and month).
            let (retention_cost, customer_months) = retention_cost(ms);
            CostPeriod {
                label,
                acquisition_cost,
                customer_success_cost,
                new_customers,
                cac,
                customers: (customer_months > 0).then_some(customer_months),
                retention_cost,
            }
        })
        .collect();
    Some(CostReport { months: out, quarters })
}

/// CAC of some months pooled: their sales + marketing cost ÷ their new customers, rounded to
/// the cent, over the months with a new-customer count; with that count of new customers.
pub fn cac<'a>(months: impl IntoIterator<Item = &'a CostMonth>) -> (Option<Money>, u32) {
    pool(months, |m| (m.acquisition_cost, m.new_customers))
}

/// Retention cost of some months pooled: their customer-success cost ÷ their customer-months
/// (each month's paying customers at its end), rounded to the cent, over the months with a
/// customer count; with that number of customer-months.
pub fn retention_cost<'a>(months: impl IntoIterator<Item = &'a CostMonth>) -> (Option<Money>, u32) {
    pool(months, |m| (m.customer_success_cost, m.customers))
}

fn pool<'a>(
    months: impl IntoIterator<Item = &'a CostMonth>,
    of: impl Fn(&CostMonth) -> (Money, Option<u32>),
) -> (Option<Money>, u32) {
    let (mut cost, mut n) = (Money::ZERO, 0u32);
    for (c, count) in months.into_iter().map(of) {
        if let Some(count) = count {
            cost = cost.saturating_add(c);
            n = n.saturating_add(count);
        }
    }
    (per(cost, Some(n)), n)
}

/// `amount ÷ n` rounded to the cent; `None` for a missing or zero count.
fn per(amount: Money, n: Option<u32>) -> Option<Money> {
    n.and_then(|n| div_round(amount.cents(), i64::from(n))).map(Money)
}
