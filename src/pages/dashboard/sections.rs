//! Reads one KPI for a month range from one section of the report. Months without data are
//! skipped; a range with no month of data gives `None`.

use super::model::quarter_label;
use analytics::Report;
use records::Month;

fn within(m: Month, first: Month, last: Month) -> bool {
    first <= m && m <= last
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den > 0.0).then(|| num / den)
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    ratio(sum, f64::from(n))
}

/// MRR, ARR, customers or ARPU at the end of the latest month of the range with data.
pub fn revenue_level(r: &Report, id: &str, first: Month, last: Month) -> Option<f64> {
    let m = r.revenue.as_ref()?.months.iter().rev().find(|m| within(m.month, first, last))?;
    match id {
        "mrr" => Some(m.mrr.cents() as f64),
        "arr" => Some(m.arr.cents() as f64),
        "customers" => Some(f64::from(m.customers)),
        "arpu" => m.arpu.map(|a| a.cents() as f64),
        _ => None,
    }
}

/// A movement summed over the range's months.
pub fn movement(r: &Report, id: &str, first: Month, last: Month) -> Option<f64> {
    let months: Vec<_> =
        r.revenue.as_ref()?.months.iter().filter(|m| within(m.month, first, last)).collect();
    if months.is_empty() {
        return None;
    }
    let cents: i64 = months
        .iter()
        .map(|m| match id {
            "new_mrr" => m.movements.new.cents(),
            "expansion_mrr" => m.movements.expansion.cents(),
            "contraction_mrr" => m.movements.contraction.cents(),
            _ => m.movements.churn.cents(),
        })
        .sum();
    Some(cents as f64)
}

fn rate(ret: &analytics::revenue::Retention, id: &str) -> Option<f64> {
    match id {
        "churn_rate" => ret.logo_churn_a,
        "revenue_churn" => ret.revenue_churn,
        "ndr" => ret.nrr,
        _ => ret.grr,
    }
}

/// A churn or retention rate of the quarter, comparing its start with its end.
pub fn quarter_rate(r: &Report, id: &str, first: Month) -> Option<f64> {
    let label = quarter_label(first);
    let q = r.revenue.as_ref()?.quarters.iter().find(|q| q.label == label)?;
    rate(&q.retention, id)
}

/// A churn or retention rate: the month's, or the mean over the range's months.
pub fn mean_rate(r: &Report, id: &str, first: Month, last: Month) -> Option<f64> {
    let rev = r.revenue.as_ref()?;
    mean(
        rev.months
            .iter()
            .filter(|m| within(m.month, first, last))
            .filter_map(|m| rate(&m.retention, id)),
    )
}

/// NPS, CSAT or CES with the answers of the range pooled (the quarter roll-up for quarters).
pub fn survey(r: &Report, id: &str, first: Month, last: Month, quarter: bool) -> Option<f64> {
    let s = r.surveys.as_ref()?;
    if quarter {
        let label = quarter_label(first);
        let q = s.quarters.iter().find(|q| q.label == label)?;
        return match id {
            "nps" => q.nps.nps,
            "csat" => q.csat.csat,
            _ => q.ces.mean,
        };
    }
    let months: Vec<_> = s.months.iter().filter(|m| within(m.month, first, last)).collect();
    let sum =
        |f: &dyn Fn(&&analytics::surveys::MonthSurveys) -> f64| months.iter().map(f).sum::<f64>();
    match id {
        "nps" => {
            let net = sum(&|m| f64::from(m.nps.promoters) - f64::from(m.nps.detractors));
            ratio(net * 100.0, sum(&|m| f64::from(m.nps.responses)))
        }
        "csat" => {
            ratio(sum(&|m| f64::from(m.csat.satisfied)), sum(&|m| f64::from(m.csat.responses)))
        }
        _ => {
            let total = sum(&|m| m.ces.mean.map_or(0.0, |v| v * f64::from(m.ces.responses)));
            ratio(
                total,
                sum(&|m| if m.ces.mean.is_some() { f64::from(m.ces.responses) } else { 0.0 }),
            )
        }
    }
}

/// Ticket figures: volume summed, FCR and resolution pooled, response times averaged.
pub fn tickets(r: &Report, id: &str, first: Month, last: Month) -> Option<f64> {
    let t = r.tickets.as_ref()?;
    let months: Vec<_> = t.months.iter().filter(|m| within(m.month, first, last)).collect();
    if months.is_empty() {
        return None;
    }
    let sum = |f: &dyn Fn(&&analytics::tickets::TicketMonth) -> u32| {
        months.iter().map(f).map(f64::from).sum::<f64>()
    };
    match id {
        "ticket_volume" => Some(sum(&|m| m.opened)),
        "fcr" => ratio(sum(&|m| m.fcr_resolved), sum(&|m| m.fcr_known)),
        "resolution_rate" => ratio(sum(&|m| m.resolved), sum(&|m| m.opened)),
        "first_response_time" => {
            mean(months.iter().filter_map(|m| m.first_response_median_minutes))
        }
        _ => mean(months.iter().filter_map(|m| m.first_response_p90_minutes)),
    }
}

/// Response-time median or p90 over the quarter's tickets.
pub fn ticket_quarter(r: &Report, id: &str, first: Month) -> Option<f64> {
    let label = quarter_label(first);
    let q = r.tickets.as_ref()?.quarters.iter().find(|q| q.label == label)?;
    if id == "first_response_time" {
        q.first_response_median_minutes
    } else {
        q.first_response_p90_minutes
    }
}

/// Share of leads contacted within 5 minutes, pooled.
pub fn leads(r: &Report, first: Month, last: Month) -> Option<f64> {
    let months: Vec<_> =
        r.leads.as_ref()?.iter().filter(|m| within(m.month, first, last)).collect();
    let fast: u32 = months.iter().map(|m| m.contacted_within_5_min).sum();
    let all: u32 = months.iter().map(|m| m.leads).sum();
    ratio(f64::from(fast), f64::from(all))
}

/// Win rate and win-loss ratios with the range's closed deals pooled.
pub fn deals(r: &Report, id: &str, first: Month, last: Month) -> Option<f64> {
    let months: Vec<_> =
        r.deals.as_ref()?.months.iter().filter(|m| within(m.month, first, last)).collect();
    let won: u32 = months.iter().map(|m| m.stats.won).sum();
    let lost: u32 = months.iter().map(|m| m.stats.lost).sum();
    let won_value: i64 = months.iter().map(|m| m.stats.won_value.cents()).sum();
    let lost_value: i64 = months.iter().map(|m| m.stats.lost_value.cents()).sum();
    match id {
        "win_rate" => ratio(f64::from(won), f64::from(won + lost)),
        "win_loss_ratio" => ratio(f64::from(won), f64::from(lost)),
        _ => ratio(won_value as f64, lost_value as f64),
    }
}

/// DAU/MAU averaged over months; session duration weighted by sessions.
pub fn usage(r: &Report, id: &str, first: Month, last: Month) -> Option<f64> {
    let months: Vec<_> =
        r.usage.as_ref()?.months.iter().filter(|m| within(m.month, first, last)).collect();
    if id == "dau_mau" {
        return mean(months.iter().filter_map(|m| m.dau_mau));
    }
    let with: Vec<_> =
        months.iter().filter_map(|m| Some((m.average_session_seconds?, m.sessions))).collect();
    let total: f64 = with.iter().map(|(s, n)| s * f64::from(*n)).sum();
    ratio(total, with.iter().map(|(_, n)| f64::from(*n)).sum())
}

/// CAC = acquisition cost ÷ new customers; retention cost = success cost ÷ customer-months.
pub fn costs(r: &Report, id: &str, first: Month, last: Month) -> Option<f64> {
    let months: Vec<_> =
        r.costs.as_ref()?.months.iter().filter(|m| within(m.month, first, last)).collect();
    let pairs: Vec<(i64, u32)> = months
        .iter()
        .filter_map(|m| {
            if id == "cac" {
                Some((m.acquisition_cost.cents(), m.new_customers?))
            } else {
                Some((m.customer_success_cost.cents(), m.customers?))
            }
        })
        .collect();
    let cost: i64 = pairs.iter().map(|(c, _)| c).sum();
    let n: u32 = pairs.iter().map(|(_, n)| n).sum();
    ratio(cost as f64, f64::from(n)).map(f64::round)
}

/// Mean health score of the scored accounts.
pub fn health_mean(r: &Report) -> Option<f64> {
    r.health.as_ref()?.mean_score
}
