//! [`figure`]: the value of one [`Kpi`] for one [`Period`], with the basis it was formed
//! from, read from a [`Report`]. This is the only place that knows how a KPI is computed for a
//! period; the dashboard, the quarterly report, the exports, the alerts, the CLI and the
//! report's `latest` values all call it.
//!
//! Every period is computed from its own start and end, never as an average of monthly
//! values:
//! - levels (MRR, ARR, customers, ARPU) are the value at the end of the period's last month
//!   with data;
//! - movements, ticket volume and pooled counts (NPS, CSAT, CES, FCR, resolution, leads, win
//!   rate, costs, sessions) are summed over the period's months, then divided once;
//! - churn and retention compare the customers at the end of the month before the period
//!   with the end of the period (`revenue` quarters, years and requested ranges);
//! - response-time medians and percentiles are taken over all tickets of the period, and
//!   DAU/MAU counts distinct users over the whole period (the sections' period roll-ups);
//! - the pipeline's sales velocity, the health score and the at-risk count are current
//!   states and the same for every period.
//!
//! A month range that is exactly one month, one calendar quarter or one calendar year is read
//! as that. Any other range needs the report to have been computed with it
//! (`ReportOptions::ranges`, see [`ranges_for`]); without it, its start-to-end figures are
//! `None`, never an estimate.

use crate::kpis::Kpi;
use crate::period::{quarter_start, Period};
use crate::report::Report;
use crate::revenue::{PeriodRevenue, Retention};
use crate::util::ratio;
use records::Month;
use serde::{Deserialize, Serialize};

/// How a figure was formed, for the note beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// The value of the month.
    Month,
    /// The level at the end of the period.
    EndOfPeriod,
    /// Customers at the period's start compared with its end.
    StartToEnd,
    /// Counted over the whole period (answers, tickets, deals, users pooled).
    Pooled,
    /// Summed over the period's months.
    Sum,
    /// The current state, independent of the period (open pipeline, health window).
    Current,
}

/// What the numerator and denominator of a basis count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counted {
    /// Customers (accounts).
    Customers,
    /// Survey answers.
    Answers,
    /// Tickets.
    Tickets,
    /// Leads.
    Leads,
    /// Closed deals.
    Deals,
    /// Users.
    Users,
    /// Sessions.
    Sessions,
    /// Days.
    Days,
    /// Free trials.
    Trials,
    /// Invoice lines.
    Lines,
    /// Money in cents.
    Cents,
}

/// What a figure was formed from: "12 of 380 customers", "4.210,00 € of 5.000,00 €".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Basis {
    /// How the value was formed.
    pub how: How,
    /// The numerator, where the value is a ratio (or the count behind a sum).
    pub numerator: Option<f64>,
    /// The denominator, where the value is a ratio.
    pub denominator: Option<f64>,
    /// What they count.
    pub counted: Option<Counted>,
}

impl Basis {
    fn plain(how: How) -> Basis {
        Basis { how, numerator: None, denominator: None, counted: None }
    }

    fn of(how: How, numerator: f64, denominator: f64, counted: Counted) -> Basis {
        Basis {
            how,
            numerator: Some(numerator),
            denominator: Some(denominator),
            counted: Some(counted),
        }
    }

    fn count(how: How, n: f64, counted: Counted) -> Basis {
        Basis { how, numerator: Some(n), denominator: None, counted: Some(counted) }
    }
}

/// One KPI's value for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The KPI.
    pub kpi: Kpi,
    /// The period.
    pub period: Period,
    /// The value in the KPI's stored unit (cents, fractions, points, minutes, …); `None` when
    /// the period has no data for it or its denominator is zero.
    pub value: Option<f64>,
    /// What it was formed from.
    pub basis: Basis,
    /// Whether the period holds the as-of month and that month is cut short (measured on the
    /// as-of day).
    #[serde(default)]
    pub partial: bool,
}

/// The value of `kpi` for `period`; `None` when the report has no section the KPI is computed
/// from (for example NPS without survey data).
pub fn figure(r: &Report, kpi: Kpi, period: Period) -> Option<Figure> {
    let period = normalise(period);
    let (mut value, basis) = compute(r, kpi, period)?;
    // Nothing is known of a period that begins after the as-of date (a sum would read 0).
    if r.as_of.is_some_and(|a| period.months().0 > a.month()) && basis.how != How::Current {
        value = None;
    }
    let partial = r.as_of.is_some_and(|a| a.partial && period.contains(a.month()));
    Some(Figure { kpi, period, value: value.filter(|v| v.is_finite()), basis, partial })
}

/// A range of one month, one calendar quarter or one calendar year as that period.
fn normalise(period: Period) -> Period {
    let Period::Range(..) = period else { return period };
    let (a, b) = period.months();
    if a == b {
        Period::Month(a)
    } else if b.since(a) == 2 && quarter_start(a) == a {
        Period::Quarter(a)
    } else if b.since(a) == 11 && a.number() == 1 {
        Period::Year(a.year())
    } else {
        period
    }
}

/// The ranges a report must be computed with so that `period` and the periods of its trend
/// line have exact figures (empty unless `period` is a range of another length).
pub fn ranges_for(period: Period) -> Vec<(Month, Month)> {
    match normalise(period) {
        Period::Range(..) => period.trailing(TREND_LEN).iter().map(Period::months).collect(),
        _ => Vec::new(),
    }
}

/// Periods in a tile's trend line (the period and the ones before it).
pub const TREND_LEN: i32 = 12;

type Computed = Option<(Option<f64>, Basis)>;

fn compute(r: &Report, kpi: Kpi, p: Period) -> Computed {
    let single = matches!(p, Period::Month(_));
    let pooled = if single { How::Month } else { How::Pooled };
    let summed = if single { How::Month } else { How::Sum };
    match kpi {
        Kpi::Mrr | Kpi::Arr | Kpi::Customers | Kpi::Arpu => level(r, kpi, p),
        Kpi::NewMrr
        | Kpi::ReactivationMrr
        | Kpi::ExpansionMrr
        | Kpi::ContractionMrr
        | Kpi::ChurnedMrr => movement(r, kpi, p, summed),
        Kpi::NonRecurringRevenue => {
            let list = &r.billing.as_ref()?.non_recurring;
            if list.is_empty() {
                return None;
            }
            let months = list.iter().filter(|m| p.contains(m.month));
            let (cents, lines) = months
                .fold((0i64, 0u32), |(c, n), m| (c.saturating_add(m.net().cents()), n + m.lines));
            Some((Some(cents as f64), Basis::count(summed, f64::from(lines), Counted::Lines)))
        }
        Kpi::TrialsStarted | Kpi::FreeToPaid => {
            let list = &r.billing.as_ref()?.trials;
            if list.is_empty() {
                return None;
            }
            let months = list.iter().filter(|m| p.contains(m.month));
            let (started, ended, converted) = months.fold((0u32, 0u32, 0u32), |(s, e, c), m| {
                (s + m.started, e + m.ended, c + m.converted)
            });
            Some(if kpi == Kpi::TrialsStarted {
                let n = f64::from(started);
                (Some(n), Basis::count(summed, n, Counted::Trials))
            } else {
                let (c, e) = (f64::from(converted), f64::from(ended));
                (ratio(c, e), Basis::of(pooled, c, e, Counted::Trials))
            })
        }
        Kpi::ChurnRate | Kpi::ChurnRateB | Kpi::RevenueChurn | Kpi::Ndr | Kpi::Grr => {
            let how = if single { How::Month } else { How::StartToEnd };
            Some(retention(retention_of(r, p)?, kpi, how))
        }
        Kpi::Nps | Kpi::Csat | Kpi::Ces => survey(r, kpi, p, pooled),
        Kpi::TicketVolume | Kpi::Fcr | Kpi::ResolutionRate => ticket_counts(r, kpi, p, summed),
        Kpi::FirstResponseTime | Kpi::FirstResponseTimeP90 => response(r, kpi, p, pooled),
        Kpi::LeadResponseTime => {
            let months = r.leads.as_ref()?.iter().filter(|m| p.contains(m.month));
            let (fast, all) =
                months.fold((0u32, 0u32), |(f, a), m| (f + m.contacted_within_5_min, a + m.judged));
            let (fast, all) = (f64::from(fast), f64::from(all));
            Some((ratio(fast, all), Basis::of(pooled, fast, all, Counted::Leads)))
        }
        Kpi::WinRate | Kpi::WinLossRatio | Kpi::WinLossValueRatio => deals(r, kpi, p, pooled),
        Kpi::SalesVelocity => {
            let v = &r.deals.as_ref()?.velocity;
            let basis = Basis::count(How::Current, f64::from(v.open_deals), Counted::Deals);
            Some((v.per_day.map(|c| c.cents() as f64), basis))
        }
        Kpi::DauMau | Kpi::AvgSessionDuration | Kpi::SessionsPerDay | Kpi::ProductUsageRate => {
            usage(r, kpi, p, pooled)
        }
        Kpi::Cac | Kpi::RetentionCost => costs(r, kpi, p, pooled),
        Kpi::AtRisk => {
            let h = r.health.as_ref()?;
            let basis = Basis::count(How::Current, h.accounts.len() as f64, Counted::Customers);
            Some((Some(h.at_risk_total as f64), basis))
        }
        Kpi::HealthScore => {
            let h = r.health.as_ref()?;
            let scored = h.accounts.iter().filter(|a| a.score.is_some()).count() as f64;
            Some((h.mean_score, Basis::count(How::Current, scored, Counted::Customers)))
        }
    }
}

fn level(r: &Report, kpi: Kpi, p: Period) -> Computed {
    let rev = r.revenue.as_ref()?;
    let how = if matches!(p, Period::Month(_)) { How::Month } else { How::EndOfPeriod };
    let Some(m) = rev.months.iter().rev().find(|m| p.contains(m.month)) else {
        return Some((None, Basis::plain(how)));
    };
    let customers = f64::from(m.customers);
    Some(match kpi {
        Kpi::Arr => (Some(m.arr.cents() as f64), Basis::plain(how)),
        Kpi::Customers => (Some(customers), Basis::plain(how)),
        Kpi::Arpu => {
            (m.arpu.map(|a| a.cents() as f64), Basis::count(how, customers, Counted::Customers))
        }
        _ => (Some(m.mrr.cents() as f64), Basis::count(how, customers, Counted::Customers)),
    })
}

fn movement(r: &Report, kpi: Kpi, p: Period, how: How) -> Computed {
    let rev = r.revenue.as_ref()?;
    let months: Vec<_> = rev.months.iter().filter(|m| p.contains(m.month)).collect();
    if months.is_empty() {
        return Some((None, Basis::plain(how)));
    }
    let (mut cents, mut customers) = (0i64, 0u32);
    for m in months {
        let mv = &m.movements;
        let (c, n) = match kpi {
            Kpi::NewMrr => (mv.new, mv.new_customers),
            Kpi::ReactivationMrr => (mv.reactivation, mv.reactivated_customers),
            Kpi::ExpansionMrr => (mv.expansion, mv.expanded_customers),
            Kpi::ContractionMrr => (mv.contraction, mv.contracted_customers),
            _ => (mv.churn, mv.churned_customers),
        };
        cents = cents.saturating_add(c.cents());
        customers += n;
    }
    Some((Some(cents as f64), Basis::count(how, f64::from(customers), Counted::Customers)))
}

/// The retention of the period: a month's own, or the roll-up computed from start to end.
fn retention_of(r: &Report, p: Period) -> Option<Option<Retention>> {
    let rev = r.revenue.as_ref()?;
    let find = |list: &[PeriodRevenue]| {
        let key = p.key();
        list.iter().find(|x| x.label == key).map(|x| x.retention)
    };
    Some(match p {
        Period::Month(m) => rev.months.iter().find(|x| x.month == m).map(|x| x.retention),
        Period::Quarter(_) => find(&rev.quarters),
        Period::Year(_) => find(&rev.years),
        Period::Range(..) => find(&rev.ranges),
    })
}

fn retention(ret: Option<Retention>, kpi: Kpi, how: How) -> (Option<f64>, Basis) {
    let Some(t) = ret else { return (None, Basis::plain(how)) };
    let start = t.start_mrr.cents() as f64;
    let lost = (t.churned_mrr + t.contraction).cents() as f64;
    let churned = f64::from(t.churned_customers);
    let starters = f64::from(t.start_customers);
    match kpi {
        Kpi::ChurnRate => (t.logo_churn_a, Basis::of(how, churned, starters, Counted::Customers)),
        Kpi::ChurnRateB => {
            let den = starters + f64::from(t.new_or_reactivated_customers);
            (t.logo_churn_b, Basis::of(how, churned, den, Counted::Customers))
        }
        Kpi::RevenueChurn => (t.revenue_churn, Basis::of(how, lost, start, Counted::Cents)),
        Kpi::Ndr => {
            let kept = (t.start_mrr + t.expansion).cents() as f64 - lost;
            (t.nrr, Basis::of(how, kept, start, Counted::Cents))
        }
        _ => (t.grr, Basis::of(how, start - lost, start, Counted::Cents)),
    }
}

fn survey(r: &Report, kpi: Kpi, p: Period, how: How) -> Computed {
    let s = r.surveys.as_ref()?;
    let months: Vec<_> = s.months.iter().filter(|m| p.contains(m.month)).collect();
    let sum = |f: &dyn Fn(&crate::surveys::MonthSurveys) -> u32| {
        f64::from(months.iter().map(|m| f(m)).sum::<u32>())
    };
    Some(match kpi {
        Kpi::Nps => {
            let n = sum(&|m| m.nps.responses);
            let net = sum(&|m| m.nps.promoters) - sum(&|m| m.nps.detractors);
            (ratio(net * 100.0, n), Basis::count(how, n, Counted::Answers))
        }
        Kpi::Csat => {
            let (ok, n) = (sum(&|m| m.csat.satisfied), sum(&|m| m.csat.responses));
            (ratio(ok, n), Basis::of(how, ok, n, Counted::Answers))
        }
        _ => {
            let with: Vec<_> = months
                .iter()
                .filter_map(|m| Some((m.ces.mean?, f64::from(m.ces.responses))))
                .collect();
            let n: f64 = with.iter().map(|(_, n)| n).sum();
            let total: f64 = with.iter().map(|(mean, n)| mean * n).sum();
            (ratio(total, n), Basis::count(how, n, Counted::Answers))
        }
    })
}

fn ticket_counts(r: &Report, kpi: Kpi, p: Period, summed: How) -> Computed {
    let t = r.tickets.as_ref()?;
    let months: Vec<_> = t.months.iter().filter(|m| p.contains(m.month)).collect();
    let sum = |f: &dyn Fn(&crate::tickets::TicketMonth) -> u32| {
        f64::from(months.iter().map(|m| f(m)).sum::<u32>())
    };
    let pooled = if summed == How::Month { How::Month } else { How::Pooled };
    Some(match kpi {
        Kpi::TicketVolume => {
            let v = (!months.is_empty()).then(|| sum(&|m| m.opened));
            (v, Basis::plain(summed))
        }
        Kpi::Fcr => {
            let (ok, n) = (sum(&|m| m.fcr_resolved), sum(&|m| m.fcr_known));
            (ratio(ok, n), Basis::of(pooled, ok, n, Counted::Tickets))
        }
        _ => {
            let (ok, n) = (sum(&|m| m.resolved), sum(&|m| m.opened));
            // Without a resolution column no month has a rate: unknown, not 0 %.
            let known = t.months.iter().any(|m| m.resolution_rate.is_some());
            (ratio(ok, n).filter(|_| known), Basis::of(pooled, ok, n, Counted::Tickets))
        }
    })
}

fn response(r: &Report, kpi: Kpi, p: Period, how: How) -> Computed {
    let t = r.tickets.as_ref()?;
    let key = p.key();
    // (median, p90, tickets with a response) of the month or of the period's own roll-up.
    let found =
        match p {
            Period::Month(m) => t.months.iter().find(|x| x.month == m).map(|x| {
                (x.first_response_median_minutes, x.first_response_p90_minutes, x.responded)
            }),
            Period::Quarter(_) => t.quarters.iter().find(|x| x.label == key).map(|x| {
                (x.first_response_median_minutes, x.first_response_p90_minutes, x.responded)
            }),
            Period::Year(_) | Period::Range(..) => {
                t.periods.iter().find(|x| x.label == key).map(|x| {
                    (x.first_response_median_minutes, x.first_response_p90_minutes, x.responded)
                })
            }
        };
    let found = found.map(|(median, p90, n)| {
        let v = if kpi == Kpi::FirstResponseTimeP90 { p90 } else { median };
        (v, Basis::count(how, f64::from(n), Counted::Tickets))
    });
    Some(found.unwrap_or((None, Basis::plain(how))))
}

fn deals(r: &Report, kpi: Kpi, p: Period, how: How) -> Computed {
    let d = r.deals.as_ref()?;
    let months: Vec<_> = d.months.iter().filter(|m| p.contains(m.month)).collect();
    let won = f64::from(months.iter().map(|m| m.stats.won).sum::<u32>());
    let lost = f64::from(months.iter().map(|m| m.stats.lost).sum::<u32>());
    let cents = |f: &dyn Fn(&crate::deals::DealStats) -> i64| {
        months.iter().map(|m| f(&m.stats)).sum::<i64>() as f64
    };
    Some(match kpi {
        Kpi::WinRate => (ratio(won, won + lost), Basis::of(how, won, won + lost, Counted::Deals)),
        Kpi::WinLossRatio => (ratio(won, lost), Basis::of(how, won, lost, Counted::Deals)),
        _ => {
            let (w, l) = (cents(&|s| s.won_value.cents()), cents(&|s| s.lost_value.cents()));
            (ratio(w, l), Basis::of(how, w, l, Counted::Cents))
        }
    })
}

fn usage(r: &Report, kpi: Kpi, p: Period, how: How) -> Computed {
    let u = r.usage.as_ref()?;
    let months: Vec<_> = u.months.iter().filter(|m| p.contains(m.month)).collect();
    let sessions = f64::from(months.iter().map(|m| m.sessions).sum::<u32>());
    let days = f64::from(months.iter().map(|m| m.days_observed).sum::<u32>());
    let period = || {
        let key = p.key();
        u.periods.iter().find(|x| x.label == key)
    };
    Some(match kpi {
        Kpi::AvgSessionDuration => {
            let secs: f64 = months
                .iter()
                .filter_map(|m| Some(m.average_session_seconds? * f64::from(m.sessions)))
                .sum();
            (ratio(secs, sessions), Basis::count(how, sessions, Counted::Sessions))
        }
        Kpi::SessionsPerDay => {
            (ratio(sessions, days), Basis::of(how, sessions, days, Counted::Days))
        }
        // DAU/MAU and the usage rate: the month's own, or the period's distinct users.
        _ => {
            let pick = |dau_mau: Option<f64>, rate: Option<f64>| {
                if kpi == Kpi::DauMau {
                    dau_mau
                } else {
                    rate
                }
            };
            let found = match p {
                Period::Month(m) => months
                    .first()
                    .filter(|x| x.month == m)
                    .map(|x| (pick(x.dau_mau, x.product_usage_rate), x.mau)),
                _ => period().map(|x| (pick(x.dau_mau, x.product_usage_rate), x.active_users)),
            };
            match found {
                Some((v, users)) => (v, Basis::count(how, f64::from(users), Counted::Users)),
                None => (None, Basis::plain(how)),
            }
        }
    })
}

fn costs(r: &Report, kpi: Kpi, p: Period, how: How) -> Computed {
    let c = r.costs.as_ref()?;
    let months = c.months.iter().filter(|m| p.contains(m.month));
    // The costs module's definitions, which its quarters use too.
    let (value, n) = match kpi {
        Kpi::Cac => crate::costs::cac(months),
        _ => crate::costs::retention_cost(months),
    };
    Some((value.map(|v| v.cents() as f64), Basis::count(how, f64::from(n), Counted::Customers)))
}

/// One dashboard tile: the figure, the previous period's value and the trend line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tile {
    /// The figure for the period.
    #[serde(flatten)]
    pub figure: Figure,
    /// The value of the period before (`None` for current states).
    pub previous: Option<f64>,
    /// The period and the ones before it, oldest first, from the first with a value.
    pub trend: Vec<TrendPoint>,
}

/// One point of a tile's trend line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// The period.
    pub period: Period,
    /// Its value.
    pub value: Option<f64>,
}

/// The tiles the dashboard shows for `period`: every KPI whose data is present and that has a
/// value in the period or in its trend, in [`Kpi::ALL`] order.
pub fn tiles(r: &Report, period: Period) -> Vec<Tile> {
    Kpi::ALL
        .into_iter()
        .filter_map(|kpi| {
            let figure = figure(r, kpi, period)?;
            // The trend ends with the period itself, after the period before it: both are read
            // from it rather than computed again.
            let mut trend: Vec<TrendPoint> = period
                .trailing(TREND_LEN)
                .into_iter()
                .map(|p| {
                    let value = if p == period { figure.value } else { figure_value(r, kpi, p) };
                    TrendPoint { period: p, value }
                })
                .collect();
            let previous = match trend.len().checked_sub(2).and_then(|i| trend.get(i)) {
                Some(t) if figure.basis.how != How::Current => t.value,
                _ => None,
            };
            let first = trend.iter().position(|t| t.value.is_some())?;
            trend.drain(..first);
            Some(Tile { figure, previous, trend })
        })
        .collect()
}

/// The value of `kpi` in `period`, if any.
pub fn figure_value(r: &Report, kpi: Kpi, period: Period) -> Option<f64> {
    figure(r, kpi, period)?.value
}

/// Every month any section of the report has figures for, oldest first.
pub fn months_with_data(r: &Report) -> Vec<Month> {
    let mut out: Vec<Month> = Vec::new();
    if let Some(x) = &r.revenue {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.surveys {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.tickets {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.deals {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.usage {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.costs {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.leads {
        out.extend(x.iter().map(|m| m.month));
    }
    out.sort();
    out.dedup();
    out
}

/// The default period: the last complete month by the as-of date (the as-of month itself when
/// the data begin in it); without an as-of date the latest month with data, unless the data
/// visibly end inside it (the health window ends before its last day), then the month before.
pub fn default_month(r: &Report) -> Option<Month> {
    let months = months_with_data(r);
    let last = *months.last()?;
    if let Some(a) = r.as_of {
        // The last complete month by the as-of date, unless the data begin after it.
        let complete = a.last_complete_month();
        return Some(if months.contains(&complete) { complete } else { last.min(a.month()) });
    }
    let ends_inside =
        r.health.as_ref().is_some_and(|h| h.as_of.month() == last && h.as_of < last.last_day());
    Some(if ends_inside { last.add(-1) } else { last })
}

/// Quarters (first months) that have any data, oldest first.
pub fn quarters_with_data(r: &Report) -> Vec<Month> {
    let mut out: Vec<Month> = months_with_data(r).into_iter().map(quarter_start).collect();
    out.dedup();
    out
}
