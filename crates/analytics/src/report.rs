//! The combined report: everything that the given datasets allow, in one serde struct with
//! stable snake_case field names (the CLI's `report --json` and the dashboard print it).
//!
//! Revenue comes from subscriptions when there are any, otherwise from invoices. Several
//! datasets of the same kind are analysed together as one.

use crate::alerts::{evaluate, Breach, LatestValue, Threshold};
use crate::billing::{
    billing, latest_happened, revenue_inputs, AsOf, BillingReport, CurrencyOptions, Terms,
};
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
use crate::usage::{account_set, usage_with_ranges, UsageMatch, UsageOptions, UsageReport};
use records::{Dataset, DatasetKind, Date, DealOutcome, Month, Subscriptions};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Version of the report layout; bumped when a field is renamed or removed or its meaning
/// changes. 2: `latest` comes from the KPI spine (ticket volume per month, movements and at-risk
/// added, `lead_response_time_minutes` gone); `period`, `tiles`, revenue `ranges`, ticket and
/// usage `periods` added. 3: the billing conventions (`as_of`, `billing`; MRR from paid days
/// and recurring lines only; figures carry `partial`).
pub const SCHEMA_VERSION: u32 = 3;

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
    /// The day the analysis ends; `None`: the latest date in the data that records something
    /// that happened ([`crate::billing`]).
    #[serde(default)]
    pub as_of: Option<Date>,
    /// The currency to analyse and conversion rates.
    #[serde(default)]
    pub currency: CurrencyOptions,
    /// The day the analysis runs: the default as-of date is never after it, since an export
    /// can hold scheduled dates it does not mark as such (a Recurly `expires_at` of a
    /// subscription still running). `None`: no bound (tests, reproducible runs).
    #[serde(default)]
    pub today: Option<Date>,
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
    /// How many subscription (else invoice) customers the usage data names: "usage: 0 of
    /// 104 customers matched" means its usage is unknown, not zero.
    #[serde(default)]
    pub usage_match: Option<UsageMatch>,
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
    /// The day the analysis ends, and whether its month is partial.
    pub as_of: Option<AsOf>,
    /// What the billing conventions did: currency, never-paid and past-due subscriptions,
    /// trials, one-time revenue.
    pub billing: Option<BillingReport>,
}

/// Which rows a segment's report reads ([`crate::segment`]): per dataset one key per row,
/// and the key of the segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'a> {
    /// One slice per dataset, one key per row.
    pub(crate) keys: &'a [Vec<u16>],
    /// The segment's key.
    pub(crate) target: u16,
}

impl<'a> Scope<'a> {
    /// Whether row `row` of dataset `d` is in the segment.
    pub(crate) fn has(&self, d: usize, row: usize) -> bool {
        self.keys.get(d).and_then(|k| k.get(row)) == Some(&self.target)
    }

    /// The rows of dataset `d` (of `len` rows) in the segment.
    fn rows(self, d: usize, len: usize) -> impl Iterator<Item = usize> + 'a {
        (0..len).filter(move |&r| self.has(d, r))
    }
}

/// Rows of one kind, borrowed when there is a single dataset and no scope, concatenated
/// (and for a scope, filtered) otherwise.
fn gather<'a, T: Clone>(
    datasets: &'a [Dataset],
    scope: Option<Scope<'_>>,
    pick: impl Fn(&'a Dataset) -> Option<&'a Vec<T>>,
) -> Cow<'a, [T]> {
    if let Some(scope) = scope {
        let mut out = Vec::new();
        for (d, ds) in datasets.iter().enumerate() {
            if let Some(v) = pick(ds) {
                out.extend(scope.rows(d, v.len()).filter_map(|i| v.get(i).cloned()));
            }
        }
        return Cow::Owned(out);
    }
    let parts: Vec<&'a Vec<T>> = datasets.iter().filter_map(pick).collect();
    match parts.as_slice() {
        [] => Cow::Borrowed(&[]),
        [one] => Cow::Borrowed(one.as_slice()),
        many => Cow::Owned(many.iter().flat_map(|v| v.iter().cloned()).collect()),
    }
}

/// The rows as of `day`: `fix` says for each row whether it stays as it is (`None`), is left
/// out (`Some(None)`) or changes (`Some(Some(row))`). Borrowed when nothing changes.
fn clip<'a, T: Clone>(
    rows: Cow<'a, [T]>,
    day: Option<Date>,
    fix: impl Fn(&T, Date) -> Option<Option<T>>,
) -> Cow<'a, [T]> {
    let Some(day) = day else { return rows };
    let Some(first) = rows.iter().position(|r| fix(r, day).is_some()) else { return rows };
    let mut out: Vec<T> = rows[..first].to_vec();
    for r in &rows[first..] {
        match fix(r, day) {
            None => out.push(r.clone()),
            Some(Some(changed)) => out.push(changed),
            Some(None) => {}
        }
    }
    Cow::Owned(out)
}

/// Computes every section the datasets allow.
pub fn report(datasets: &[Dataset], options: &ReportOptions) -> Report {
    report_in(datasets, options, None)
}

/// [`report`] of the rows in `scope` (all rows: `None`). The as-of day, the analysed months
/// and the currency come from all rows, so every segment's report covers the same months.
pub(crate) fn report_in(
    datasets: &[Dataset],
    options: &ReportOptions,
    scope: Option<Scope<'_>>,
) -> Report {
    let mut summary: Vec<DatasetSummary> = Vec::new();
    for (i, d) in datasets.iter().enumerate() {
        let rows = match scope {
            Some(scope) => (0..d.len()).filter(|&r| scope.has(i, r)).count(),
            None => d.len(),
        };
        match summary.iter_mut().find(|s| s.kind == d.kind()) {
            Some(s) => s.rows += rows,
            None => summary.push(DatasetSummary { kind: d.kind(), rows }),
        }
    }
    let as_of = AsOf::new(options.as_of, latest_happened(datasets, options.today));
    let day = as_of.map(|a| a.date);
    let (subs, invoices) = revenue_inputs(datasets);
    let (terms, currency) = Terms::new(day, &options.currency, &subs, &invoices);
    let billing = billing(&terms, &subs, &invoices, currency);
    let mut builder = Builder::new(terms);
    let mut revenue_source = None;
    let keys_of = |i: usize| scope.and_then(|s| s.keys.get(i));
    for (i, d) in datasets.iter().enumerate() {
        if let Dataset::Subscriptions(rows) = d {
            builder.add_subscriptions(rows);
            if let Some(keys) = keys_of(i) {
                builder.add_keys(keys, 1);
            }
            revenue_source = Some(DatasetKind::Subscriptions);
        }
    }
    if revenue_source.is_none() {
        for (i, d) in datasets.iter().enumerate() {
            if let Dataset::Invoices(rows) = d {
                builder.add_invoices(rows);
                if let Some(keys) = keys_of(i) {
                    builder.add_keys(keys, 2);
                }
                revenue_source = Some(DatasetKind::Invoices);
            }
        }
    }
    let mut ranges: Vec<(Month, Month)> = options.ranges.iter().map(Period::months).collect();
    if let Some(p) = options.period {
        ranges.extend(ranges_for(p));
    }
    let revenue = match scope {
        Some(scope) => builder.finish_scoped(&options.revenue, &ranges, scope.target),
        None => builder.finish(&options.revenue, &ranges),
    };
    // The segment's own subscriptions and invoices, for health and the usage match.
    let scoped_subs: Vec<Subscriptions>;
    let subs = match scope {
        Some(scope) => {
            scoped_subs = datasets
                .iter()
                .enumerate()
                .filter_map(|(d, ds)| match ds {
                    Dataset::Subscriptions(v) => Some((d, v)),
                    _ => None,
                })
                .map(|(d, v)| {
                    let rows = v.iter().enumerate().filter(|(i, _)| scope.has(d, *i));
                    rows.map(|(_, s)| s.to_subscription()).collect()
                })
                .collect();
            scoped_subs.iter().collect()
        }
        None => subs,
    };
    let revenue_source = revenue.as_ref().and(revenue_source);
    // Every other kind ends on the as-of day too: later rows are left out, and what happened
    // later (a reply, a resolution, a deal's close) has not happened yet.
    let answers =
        gather(datasets, scope, |d| if let Dataset::Surveys(v) = d { Some(v) } else { None });
    let answers = clip(answers, day, |a, day| (a.date > day).then_some(None));
    let ticket_rows =
        gather(datasets, scope, |d| if let Dataset::Tickets(v) = d { Some(v) } else { None });
    let ticket_rows = clip(ticket_rows, day, |t, day| {
        let late = |x: &Option<records::DateTime>| x.is_some_and(|x| x.date() > day);
        if t.created.date() > day {
            Some(None)
        } else if late(&t.first_response) || late(&t.resolved) {
            let mut t = t.clone();
            t.first_response = t.first_response.filter(|x| x.date() <= day);
            t.resolved = t.resolved.filter(|x| x.date() <= day);
            Some(Some(t))
        } else {
            None
        }
    });
    let lead_rows =
        gather(datasets, scope, |d| if let Dataset::Leads(v) = d { Some(v) } else { None });
    let lead_rows = clip(lead_rows, day, |l, day| {
        if l.created.date() > day {
            Some(None)
        } else if l.first_contact.is_some_and(|x| x.date() > day) {
            Some(Some(records::Lead { first_contact: None, ..l.clone() }))
        } else {
            None
        }
    });
    let deal_rows =
        gather(datasets, scope, |d| if let Dataset::Deals(v) = d { Some(v) } else { None });
    let deal_rows = clip(deal_rows, day, |x, day| {
        if x.created > day {
            Some(None)
        } else if x.closed.is_some_and(|c| c > day) {
            let open = records::Deal { closed: None, outcome: DealOutcome::Open, ..x.clone() };
            Some(Some(open))
        } else {
            None
        }
    });
    let events =
        gather(datasets, scope, |d| if let Dataset::Usage(v) = d { Some(v) } else { None });
    let events = clip(events, day, |e, day| (e.timestamp.date() > day).then_some(None));
    let cost_rows =
        gather(datasets, scope, |d| if let Dataset::Costs(v) = d { Some(v) } else { None });
    let cost_rows = clip(cost_rows, day, |c, day| (c.month > day.month()).then_some(None));
    let mut health_options = options.health;
    // Health needs usage; with it, its window ends on the report's as-of day.
    health_options.as_of = health_options.as_of.or(day.filter(|_| !events.is_empty()));
    let stage_order: Vec<&str> = options.stage_order.iter().map(String::as_str).collect();
    let usage_accounts = account_set(&events);
    let usage_match = if subs.is_empty() {
        let invoices = gather(datasets, scope, |d| match d {
            Dataset::Invoices(v) => Some(v),
            _ => None,
        });
        crate::usage::usage_match(
            &events,
            &usage_accounts,
            invoices.iter().map(|i| i.customer.as_str()),
        )
    } else {
        let customers = subs.iter().flat_map(|part| part.iter()).map(|s| s.customer());
        crate::usage::usage_match(&events, &usage_accounts, customers)
    };
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
        health: health_parts(
            &events,
            &usage_accounts,
            &answers,
            &ticket_rows,
            &subs,
            &health_options,
        ),
        usage_match,
        revenue,
        latest: Vec::new(),
        alerts: Vec::new(),
        definitions: BTreeMap::new(),
        period: options.period,
        tiles: Vec::new(),
        as_of,
        billing,
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
