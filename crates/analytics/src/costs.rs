//! Costs per month against the revenue analysis: CAC and retention cost.
//!
//! - CAC = (sales + marketing) ÷ new customers of the month (the `new` movement count, not
//!   reactivations), rounded to the cent.
//! - Retention cost = customer-success cost ÷ paying customers at the end of the month.
//!
//! Several rows for the same month are added up. Without revenue data, only the sums appear.
//! Quarters pool costs and new customers over their months; their retention cost divides by
//! the customers at the end of the quarter.

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
            // Customer-months, as `figure` pools them: the quarter's retention cost is then in
            // the same unit as a month's (cost per customer and month).
            let customers = ms.iter().map(|m| m.customers).sum::<Option<u32>>();
            CostPeriod {
                label,
                acquisition_cost,
                customer_success_cost,
                new_customers,
                cac: per(acquisition_cost, new_customers),
                customers,
                retention_cost: per(customer_success_cost, customers),
            }
        })
        .collect();
    Some(CostReport { months: out, quarters })
}

/// `amount ÷ n` rounded to the cent; `None` for a missing or zero count.
fn per(amount: Money, n: Option<u32>) -> Option<Money> {
    n.and_then(|n| div_round(amount.cents(), i64::from(n))).map(Money)
}
