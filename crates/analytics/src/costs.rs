//! Costs per month against the revenue analysis: CAC and retention cost.
//!
//! - CAC = (sales + marketing) ÷ new customers of the month (the `new` movement count, not
//!   reactivations), rounded to the cent.
//! - Retention cost = customer-success cost ÷ paying customers at the end of the month.
//!
//! Several rows for the same month are added up. Without revenue data, only the sums appear.

use crate::revenue::{div_round, RevenueReport};
use crate::util::month_str;
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

/// Monthly CAC and retention cost; `None` without cost rows.
pub fn costs(rows: &[CostRow], revenue: Option<&RevenueReport>) -> Option<Vec<CostMonth>> {
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
        m.cac = m
            .new_customers
            .and_then(|n| div_round(m.acquisition_cost.cents(), i64::from(n)))
            .map(Money);
        m.retention_cost = m
            .customers
            .and_then(|n| div_round(m.customer_success_cost.cents(), i64::from(n)))
            .map(Money);
    }
    Some(out)
}
