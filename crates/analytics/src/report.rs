//! The combined report: everything that the given datasets allow, in one serde struct with
//! stable snake_case field names (the CLI's `report --json` and the dashboard print it).
//!
//! Revenue comes from subscriptions when there are any, otherwise from invoices. Several
//! datasets of the same kind are analysed together as one.

use crate::alerts::{evaluate, Breach, LatestValue, Threshold};
use crate::costs::{costs, CostMonth, CostReport};
use crate::deals::{deals, DealReport};
use crate::definitions::{definition, Definition};
use crate::health::{health_parts, HealthOptions, HealthReport};
use crate::revenue::{Builder, RevenueOptions, RevenueReport};
use crate::surveys::{surveys, SurveyOptions, SurveyReport};
use crate::tickets::{leads, tickets, LeadMonth, TicketOptions, TicketReport};
use crate::usage::{usage, UsageOptions, UsageReport};
use records::{Dataset, DatasetKind, Subscription};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Version of the report layout; bumped when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// All options of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportOptions {
    /// Revenue range.
    pub revenue: RevenueOptions,
    /// Survey word list length.
    pub surveys: SurveyOptions,
    /// Spike detection.
    pub tickets: TicketOptions,
    /// Licensed users.
    pub usage: UsageOptions,
    /// Health weights, targets and at-risk rules.
    pub health: HealthOptions,
    /// Funnel stage order (stages not listed follow in first-seen order).
    pub stage_order: Vec<String>,
    /// Alert rules.
    pub thresholds: Vec<Threshold>,
}

/// Rows per dataset kind that went into the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetSummary {
    /// Kind.
    pub kind: DatasetKind,
    /// Rows (summed over datasets of this kind).
    pub rows: usize,
}

/// The combined report. Sections are `null` when their data is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Inputs.
    pub datasets: Vec<DatasetSummary>,
    /// `subscriptions` or `invoices`, whichever the revenue section is based on.
    pub revenue_source: Option<DatasetKind>,
    /// MRR, movements, churn, retention per month, quarter and year, cohorts.
    pub revenue: Option<RevenueReport>,
    /// NPS, CSAT, CES per month and comment words.
    pub surveys: Option<SurveyReport>,
    /// Ticket volume, response times, FCR, spikes.
    pub tickets: Option<TicketReport>,
    /// Lead response per month.
    pub leads: Option<Vec<LeadMonth>>,
    /// Win rate, velocity, funnel.
    pub deals: Option<DealReport>,
    /// DAU, MAU, sessions.
    pub usage: Option<UsageReport>,
    /// CAC and retention cost per month.
    pub costs: Option<CostReport>,
    /// Health scores and at-risk accounts.
    pub health: Option<HealthReport>,
    /// The latest value of every KPI that has one.
    pub latest: Vec<LatestValue>,
    /// Breached alert rules.
    pub alerts: Vec<Breach>,
    /// Definition texts of the KPIs in `latest`.
    pub definitions: BTreeMap<String, Definition>,
}

/// Rows of one kind, borrowed when there is a single dataset and concatenated otherwise.
fn gather<'a, T: Clone>(
    datasets: &'a [Dataset],
    pick: impl Fn(&'a Dataset) -> Option<&'a Vec<T>>,
) -> Cow<'a, [T]> {
    let parts: Vec<&'a Vec<T>> = datasets.iter().filter_map(pick).collect();
    match parts.as_slice() {
        [] => Cow::Borrowed(&[]),
        [one] => Cow::Borrowed(one.as_slice()),
        many => Cow::Owned(many.iter().flat_map(|v| v.iter().cloned()).collect()),
    }
}

/// Computes every section the datasets allow.
pub fn report(datasets: &[Dataset], options: &ReportOptions) -> Report {
    let mut summary: Vec<DatasetSummary> = Vec::new();
    for d in datasets {
        match summary.iter_mut().find(|s| s.kind == d.kind()) {
            Some(s) => s.rows += d.len(),
            None => summary.push(DatasetSummary { kind: d.kind(), rows: d.len() }),
        }
    }
    let mut builder = Builder::default();
    let mut revenue_source = None;
    for d in datasets {
        if let Dataset::Subscriptions(rows) = d {
            builder.add_subscriptions(rows);
            revenue_source = Some(DatasetKind::Subscriptions);
        }
    }
    if revenue_source.is_none() {
        for d in datasets {
            if let Dataset::Invoices(rows) = d {
                builder.add_invoices(rows);
                revenue_source = Some(DatasetKind::Invoices);
            }
        }
    }
    let revenue = builder.finish(&options.revenue);
    let revenue_source = revenue.as_ref().and(revenue_source);
    let answers = gather(datasets, |d| if let Dataset::Surveys(v) = d { Some(v) } else { None });
    let ticket_rows =
        gather(datasets, |d| if let Dataset::Tickets(v) = d { Some(v) } else { None });
    let lead_rows = gather(datasets, |d| if let Dataset::Leads(v) = d { Some(v) } else { None });
    let deal_rows = gather(datasets, |d| if let Dataset::Deals(v) = d { Some(v) } else { None });
    let events = gather(datasets, |d| if let Dataset::Usage(v) = d { Some(v) } else { None });
    let cost_rows = gather(datasets, |d| if let Dataset::Costs(v) = d { Some(v) } else { None });
    // Not gathered: a concatenated copy of millions of subscription rows would be the
    // report's largest allocation.
    let subs: Vec<&[Subscription]> = datasets
        .iter()
        .filter_map(|d| if let Dataset::Subscriptions(v) = d { Some(v.as_slice()) } else { None })
        .collect();
    let stage_order: Vec<&str> = options.stage_order.iter().map(String::as_str).collect();
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        datasets: summary,
        revenue_source,
        surveys: surveys(&answers, &options.surveys),
        tickets: tickets(&ticket_rows, &options.tickets),
        leads: leads(&lead_rows),
        deals: deals(&deal_rows, &stage_order),
        usage: usage(&events, &options.usage),
        costs: costs(&cost_rows, revenue.as_ref()),
        health: health_parts(&events, &answers, &ticket_rows, &subs, &options.health),
        revenue,
        latest: Vec::new(),
        alerts: Vec::new(),
        definitions: BTreeMap::new(),
    };
    report.latest = latest_values(&report);
    report.alerts = evaluate(&options.thresholds, &report.latest);
    for v in &report.latest {
        let base = v.kpi_id.trim_end_matches("_p90").trim_end_matches("_minutes");
        if let Some(def) = definition(&v.kpi_id).or_else(|| definition(base)) {
            report.definitions.insert(v.kpi_id.clone(), def);
        }
    }
    report
}

/// Pushes the value of the latest period (searching backwards) that has one.
fn push_latest<T>(
    out: &mut Vec<LatestValue>,
    id: &str,
    rows: &[T],
    period: impl Fn(&T) -> String,
    value: impl Fn(&T) -> Option<f64>,
) {
    if let Some((row, v)) = rows.iter().rev().find_map(|r| value(r).map(|v| (r, v))) {
        out.push(LatestValue { kpi_id: id.to_string(), period: period(row), value: v });
    }
}

/// The latest value of every KPI in the report (money in cents, ratios as fractions, NPS in
/// points, times in minutes or seconds as the field names say).
pub fn latest_values(r: &Report) -> Vec<LatestValue> {
    let mut out = Vec::new();
    let o = &mut out;
    if let Some(rev) = &r.revenue {
        let p = |m: &crate::revenue::MonthRevenue| m.month.to_string();
        let m = &rev.months;
        push_latest(o, "mrr", m, p, |m| Some(m.mrr.cents() as f64));
        push_latest(o, "arr", m, p, |m| Some(m.arr.cents() as f64));
        push_latest(o, "customers", m, p, |m| Some(f64::from(m.customers)));
        push_latest(o, "arpu", m, p, |m| m.arpu.map(|a| a.cents() as f64));
        push_latest(o, "churn_rate", m, p, |m| m.retention.logo_churn_a);
        push_latest(o, "churn_rate_b", m, p, |m| m.retention.logo_churn_b);
        push_latest(o, "revenue_churn", m, p, |m| m.retention.revenue_churn);
        push_latest(o, "ndr", m, p, |m| m.retention.nrr);
        push_latest(o, "grr", m, p, |m| m.retention.grr);
    }
    if let Some(s) = &r.surveys {
        let p = |m: &crate::surveys::MonthSurveys| m.month.to_string();
        push_latest(o, "nps", &s.months, p, |m| m.nps.nps);
        push_latest(o, "csat", &s.months, p, |m| m.csat.csat);
        push_latest(o, "ces", &s.months, p, |m| m.ces.mean);
    }
    if let Some(t) = &r.tickets {
        let p = |m: &crate::tickets::TicketMonth| m.month.to_string();
        push_latest(
            o,
            "ticket_volume",
            &t.weeks,
            |w| w.week.clone(),
            |w| Some(f64::from(w.opened)),
        );
        push_latest(o, "first_response_time", &t.months, p, |m| m.first_response_median_minutes);
        push_latest(o, "first_response_time_p90", &t.months, p, |m| m.first_response_p90_minutes);
        push_latest(o, "fcr", &t.months, p, |m| m.fcr);
        push_latest(o, "resolution_rate", &t.months, p, |m| m.resolution_rate);
    }
    if let Some(l) = &r.leads {
        let p = |m: &LeadMonth| m.month.to_string();
        push_latest(o, "lead_response_time", l, p, |m| m.share_within_5_min);
        push_latest(o, "lead_response_time_minutes", l, p, |m| m.median_minutes_to_contact);
    }
    if let Some(d) = &r.deals {
        let p = |m: &crate::deals::DealMonth| m.month.to_string();
        push_latest(o, "win_rate", &d.months, p, |m| m.stats.win_rate);
        push_latest(o, "win_loss_ratio", &d.months, p, |m| m.stats.win_loss_ratio);
        if let Some(v) = d.velocity.per_day {
            o.push(LatestValue {
                kpi_id: "sales_velocity".into(),
                period: "open".into(),
                value: v.cents() as f64,
            });
        }
    }
    if let Some(u) = &r.usage {
        let p = |m: &crate::usage::UsageMonth| m.month.to_string();
        push_latest(o, "dau_mau", &u.months, p, |m| m.dau_mau);
        push_latest(o, "avg_session_duration", &u.months, p, |m| m.average_session_seconds);
        push_latest(o, "sessions_per_day", &u.months, p, |m| m.sessions_per_day);
        push_latest(o, "product_usage_rate", &u.months, p, |m| m.product_usage_rate);
    }
    if let Some(c) = &r.costs {
        let p = |m: &CostMonth| m.month.to_string();
        let c = &c.months;
        push_latest(o, "cac", c, p, |m| m.cac.map(|v| v.cents() as f64));
        push_latest(o, "retention_cost", c, p, |m| m.retention_cost.map(|v| v.cents() as f64));
    }
    if let Some(h) = &r.health {
        let scores: Vec<f64> = h.accounts.iter().filter_map(|a| a.score).collect();
        if let Some(mean) = crate::util::mean(&scores) {
            o.push(LatestValue {
                kpi_id: "health_score".into(),
                period: h.as_of.to_string(),
                value: mean,
            });
        }
    }
    out
}
