//! Product usage: DAU per day, MAU per month, stickiness (DAU/MAU), sessions and product usage
//! rate.
//!
//! - DAU = distinct users with an event on a UTC day; MAU = distinct users in a month.
//! - DAU/MAU = average DAU over the month's observed days ÷ MAU. Observed days are the days of
//!   the month between the first and the last event of the dataset, so a partial first or last
//!   month is not diluted by days without data.
//! - A session is a row with `session_seconds` (finite, ≥ 0). Average session duration =
//!   seconds ÷ sessions; sessions per day = sessions ÷ observed days.
//! - Product usage rate = MAU ÷ licensed users (a parameter; `None` when not given).

use crate::util::Interner;
use crate::util::{
    date_str, month_str, plausible, quarter_ranges, range_spans, ratio, year_ranges,
};
use records::{Date, Month, UsageEvent};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// How many customers of the revenue data the usage data names as accounts. A usage file
/// keyed by another id (an email, a workspace slug) matches none of them; its customers'
/// usage is then unknown, not zero, and the health score leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageMatch {
    /// Distinct customers of the subscriptions (of the invoices when there are none).
    pub customers: u32,
    /// Of them, those that are an account in the usage data.
    pub matched: u32,
    /// Distinct accounts in the usage data.
    pub usage_accounts: u32,
}

impl UsageMatch {
    /// Fewer than half of the customers matched: worth another account column.
    pub fn is_poor(&self) -> bool {
        self.matched * 2 < self.customers
    }
}

/// Every account the usage data names, at any date.
pub(crate) fn account_set(events: &[UsageEvent]) -> FxHashSet<&str> {
    events.iter().filter_map(|e| e.account.as_deref()).collect()
}

/// The match of `customers` (repeats allowed) against the usage accounts; `None` without
/// usage events or without customers.
pub(crate) fn usage_match<'a>(
    events: &[UsageEvent],
    accounts: &FxHashSet<&str>,
    customers: impl IntoIterator<Item = &'a str>,
) -> Option<UsageMatch> {
    if events.is_empty() {
        return None;
    }
    let customers: FxHashSet<&str> = customers.into_iter().collect();
    if customers.is_empty() {
        return None;
    }
    let matched = customers.iter().filter(|c| accounts.contains(*c)).count();
    Some(UsageMatch {
        customers: customers.len() as u32,
        matched: matched as u32,
        usage_accounts: accounts.len() as u32,
    })
}

/// Options of the usage analysis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageOptions {
    /// Licensed users, for the product usage rate.
    pub licensed_users: Option<u32>,
}

/// Usage of one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageDay {
    /// The day.
    #[serde(with = "date_str")]
    pub date: Date,
    /// Distinct active users.
    pub dau: u32,
    /// Sessions.
    pub sessions: u32,
}

/// Usage of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageMonth {
    /// The month.
    #[serde(with = "month_str")]
    pub month: Month,
    /// Distinct active users.
    pub mau: u32,
    /// Distinct active accounts.
    pub active_accounts: u32,
    /// Days of the month inside the data range.
    pub days_observed: u32,
    /// Mean DAU over the observed days.
    pub average_dau: Option<f64>,
    /// average DAU ÷ MAU.
    pub dau_mau: Option<f64>,
    /// Sessions.
    pub sessions: u32,
    /// Mean session length in seconds.
    pub average_session_seconds: Option<f64>,
    /// Sessions ÷ observed days.
    pub sessions_per_day: Option<f64>,
    /// MAU ÷ licensed users.
    pub product_usage_rate: Option<f64>,
}

/// Usage of a quarter, a year or a requested month range, from its own events: active users
/// are distinct over the whole period, not summed or averaged over months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsagePeriod {
    /// `2025-Q1`, `2025` or `2025-01..2025-06`.
    pub label: String,
    /// Distinct users active in the period.
    pub active_users: u32,
    /// Days of the period inside the data range.
    pub days_observed: u32,
    /// Mean DAU over the observed days.
    pub average_dau: Option<f64>,
    /// average DAU ÷ active users.
    pub dau_mau: Option<f64>,
    /// Active users ÷ licensed users.
    pub product_usage_rate: Option<f64>,
}

/// Everything the usage analysis produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageReport {
    /// Every day from the first to the last event.
    pub days: Vec<UsageDay>,
    /// Every month from the first to the last event.
    pub months: Vec<UsageMonth>,
    /// Quarters and years overlapping the months, then the requested ranges.
    #[serde(default)]
    pub periods: Vec<UsagePeriod>,
}

/// Counts distinct `(bucket, id)` pairs per bucket by sorting packed keys.
fn distinct_per_bucket(pairs: &mut Vec<u64>, n_buckets: usize) -> Vec<u32> {
    pairs.sort_unstable();
    pairs.dedup();
    let mut counts = vec![0u32; n_buckets];
    for p in pairs.iter() {
        if let Some(c) = counts.get_mut((p >> 32) as usize) {
            *c += 1;
        }
    }
    counts
}

/// Daily and monthly usage; `None` without events.
pub fn usage(events: &[UsageEvent], options: &UsageOptions) -> Option<UsageReport> {
    usage_with_ranges(events, options, &[])
}

/// [`usage`] with the figures of the given month ranges as well.
pub fn usage_with_ranges(
    events: &[UsageEvent],
    options: &UsageOptions,
    ranges: &[(Month, Month)],
) -> Option<UsageReport> {
    let dates = || events.iter().map(|e| e.timestamp.date()).filter(|d| plausible(*d));
    let first = dates().min()?;
    let last = dates().max()?;
    let n_days = (last.days() - first.days() + 1) as usize;
    let (first_month, last_month) = (first.month(), last.month());
    let n_months = (last_month.since(first_month) + 1) as usize;
    let mut users = Interner::default();
    let mut accounts = Interner::default();
    let mut day_pairs = Vec::with_capacity(events.len());
    let mut month_pairs = Vec::with_capacity(events.len());
    let mut account_pairs = Vec::new();
    let mut day_sessions = vec![0u32; n_days];
    let mut month_seconds = vec![0.0f64; n_months];
    for e in events {
        let day = e.timestamp.date();
        if !plausible(day) {
            continue;
        }
        let d_idx = (day.days() - first.days()) as u64;
        let m_idx = day.month().since(first_month) as u64;
        let user = u64::from(users.intern(&e.user));
        day_pairs.push(d_idx << 32 | user);
        month_pairs.push(m_idx << 32 | user);
        if let Some(acc) = e.account.as_deref() {
            account_pairs.push(m_idx << 32 | u64::from(accounts.intern(acc)));
        }
        if let Some(secs) = e.session_seconds.filter(|s| s.is_finite() && *s >= 0.0) {
            day_sessions[d_idx as usize] += 1;
            month_seconds[m_idx as usize] += secs;
        }
    }
    let dau = distinct_per_bucket(&mut day_pairs, n_days);
    let mau = distinct_per_bucket(&mut month_pairs, n_months);
    let active_accounts = distinct_per_bucket(&mut account_pairs, n_months);
    let days: Vec<UsageDay> = (0..n_days)
        .map(|i| UsageDay {
            date: first.add_days(i as i32),
            dau: dau[i],
            sessions: day_sessions[i],
        })
        .collect();
    let mut months: Vec<UsageMonth> = first_month
        .through(last_month)
        .enumerate()
        .map(|(i, month)| UsageMonth {
            month,
            mau: mau[i],
            active_accounts: active_accounts[i],
            days_observed: 0,
            average_dau: None,
            dau_mau: None,
            sessions: 0,
            average_session_seconds: None,
            sessions_per_day: None,
            product_usage_rate: None,
        })
        .collect();
    let mut dau_sums = vec![0u64; n_months];
    for d in &days {
        let idx = d.date.month().since(first_month) as usize;
        months[idx].days_observed += 1;
        months[idx].sessions += d.sessions;
        dau_sums[idx] += u64::from(d.dau);
    }
    for (i, m) in months.iter_mut().enumerate() {
        let observed = f64::from(m.days_observed);
        m.average_dau = ratio(dau_sums[i] as f64, observed);
        m.dau_mau = m.average_dau.and_then(|a| ratio(a, f64::from(m.mau)));
        m.average_session_seconds = ratio(month_seconds[i], f64::from(m.sessions));
        m.sessions_per_day = ratio(f64::from(m.sessions), observed);
        m.product_usage_rate =
            options.licensed_users.and_then(|l| ratio(f64::from(m.mau), f64::from(l)));
    }
    let mut spans = quarter_ranges(first_month, n_months);
    spans.extend(year_ranges(first_month, n_months));
    spans.extend(range_spans(first_month, n_months, ranges));
    // `month_pairs` is sorted and deduplicated: (month index, user) once each.
    let periods = spans
        .into_iter()
        .map(|(label, range)| {
            let mut users: Vec<u32> = month_pairs
                .iter()
                .filter(|p| range.contains(&((*p >> 32) as usize)))
                .map(|p| *p as u32)
                .collect();
            users.sort_unstable();
            users.dedup();
            let active_users = users.len() as u32;
            let (mut observed, mut dau_sum) = (0u32, 0u64);
            for d in &days {
                if range.contains(&(d.date.month().since(first_month) as usize)) {
                    observed += 1;
                    dau_sum += u64::from(d.dau);
                }
            }
            let average_dau = ratio(dau_sum as f64, f64::from(observed));
            UsagePeriod {
                label,
                active_users,
                days_observed: observed,
                average_dau,
                dau_mau: average_dau.and_then(|a| ratio(a, f64::from(active_users))),
                product_usage_rate: options
                    .licensed_users
                    .and_then(|l| ratio(f64::from(active_users), f64::from(l))),
            }
        })
        .collect();
    Some(UsageReport { days, months, periods })
}
