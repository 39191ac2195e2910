//! The combined report: everything that the given datasets allow, in one serde struct with
//! stable snake_case field names (the CLI's `report --json` and the dashboard print it).
//!
//! Revenue comes from subscriptions when there are any, otherwise from invoices. Several
//! datasets of the same kind are analysed together as one.

use crate::alerts::{evaluate, Breach, LatestValue, Threshold};
use crate::costs::{costs, CostReport};
use crate::deals::{deals, DealReport};
use crate::definitions::Definition;
use crate::figure::{figure, figure_value, months_with_data, ranges_for, tiles, How, Tile};
use crate::health::{health_parts, HealthOptions, HealthReport};
use crate::kpis::Kpi;
use crate::period::Period;
use crate::revenue::{Builder, RevenueOptions, RevenueReport};
use crate::surveys::{surveys, SurveyOptions, SurveyReport};
use crate::tickets::{leads, tickets_with_ranges, LeadMonth, TicketOptions, TicketReport};
use crate::usage::{usage_with_ranges, UsageOptions, UsageReport};
use records::{Dataset, DatasetKind, Month, Subscription};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Version of the report layout; bumped when a field is renamed or removed or its meaning
/// changes. 2: `latest` comes from the KPI spine (ticket volume per month, movements and at-risk
/// added, `lead_response_time_minutes` gone); `period`, `tiles`, revenue `ranges`, ticket and
/// usage `periods` added.
pub const SCHEMA_VERSION: u32 = 2;

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
    /// The period whose dashboard tiles the report carries in `tiles` (none: no tiles).
    #[serde(default)]
    pub period: Option<Period>,
    /// Month ranges to compute exactly from their start and end, beyond months, quarters and
    /// years (the dashboard's custom range and the ranges of its trend line). Ranges that
    /// `period` needs are added by themselves.
    #[serde(default)]
    pub ranges: Vec<Period>,
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
    /// The period of `tiles` (`ReportOptions::period`).
    pub period: Option<Period>,
    /// The dashboard's tiles for `period`: value, basis, previous period's value and trend.
    pub tiles: Vec<Tile>,
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
    let mut ranges: Vec<(Month, Month)> = options.ranges.iter().map(Period::months).collect();
    if let Some(p) = options.period {
        ranges.extend(ranges_for(p));
    }
    let revenue = builder.finish(&options.revenue, &ranges);
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
        tickets: tickets_with_ranges(&ticket_rows, &options.tickets, &ranges),
        leads: leads(&lead_rows),
        deals: deals(&deal_rows, &stage_order),
        usage: usage_with_ranges(&events, &options.usage, &ranges),
        costs: costs(&cost_rows, revenue.as_ref()),
        health: health_parts(&events, &answers, &ticket_rows, &subs, &options.health),
        revenue,
        latest: Vec::new(),
        alerts: Vec::new(),
        definitions: BTreeMap::new(),
        period: options.period,
        tiles: Vec::new(),
    };
    report.latest = latest_values(&report);
    report.alerts = evaluate(&options.thresholds, &report.latest);
    for v in &report.latest {
        let def = Definition {
            de: v.kpi_id.definition(true).to_string(),
            en: v.kpi_id.definition(false).to_string(),
        };
        report.definitions.insert(v.kpi_id.id().to_string(), def);
    }
    if let Some(p) = options.period {
        report.tiles = tiles(&report, p);
    }
    report
}

/// The latest value of every KPI: the value of the latest month (searching backwards from the
/// last month with data) that has one, as [`figure`] computes it; current states (pipeline,
/// health) with their own label. Money in cents, ratios as fractions, NPS in points, times
/// in minutes or seconds.
pub fn latest_values(r: &Report) -> Vec<LatestValue> {
    let months = months_with_data(r);
    // Any month tells whether a KPI is a current state (the same figure for every period).
    let probe = months.last().copied().unwrap_or_else(|| records::Date::from_days(0).month());
    let mut out = Vec::new();
    for kpi in Kpi::ALL {
        let Some(f) = figure(r, kpi, Period::Month(probe)) else { continue };
        if f.basis.how == How::Current {
            // The pipeline is `open`; the health figures carry the health window's as-of day.
            let period = match (kpi, &r.health) {
                (Kpi::SalesVelocity, _) => "open".to_string(),
                (_, Some(h)) => h.as_of.to_string(),
                (_, None) => continue,
            };
            if let Some(value) = f.value {
                out.push(LatestValue { kpi_id: kpi, period, value });
            }
            continue;
        }
        // A partial month's ticket count reads as a drop: the latest volume is that of the
        // last complete month (`TicketReport::latest_complete_month`).
        let complete = |m: Month| match (kpi, &r.tickets) {
            (Kpi::TicketVolume, Some(t)) => t.latest_complete_month.is_some_and(|c| m <= c),
            _ => true,
        };
        let found = months
            .iter()
            .rev()
            .filter(|&&m| complete(m))
            .find_map(|&m| figure_value(r, kpi, Period::Month(m)).map(|v| (m, v)));
        if let Some((m, value)) = found {
            out.push(LatestValue { kpi_id: kpi, period: m.to_string(), value });
        }
    }
    out
}
