//! Drill-down: the rows behind a figure — the customers (or tickets, deals, answers, users,
//! cost rows, accounts) with their contribution, each with the dataset rows it comes from
//! (the import keeps each row's file line, `ingest::ImportResult::lines`).
//!
//! A drill is a [`Period`] plus a filter on the same computation as [`crate::figure`]:
//! revenue parts are read from each customer's MRR row as the report builds it (same
//! grouping, same rounding to the cent, same movement and retention rules), the other kinds
//! count their rows by the rules of their sections. With a filter ([`drill_where`], the
//! dashboard's "Only" and the CLI's `--where`) the same happens within the filter's rows, by
//! the segment report's rules (`segment.rs`). So **the contributions reproduce the figure**,
//! in one of three ways ([`Drill::combine`]):
//!
//! - [`Combine::Sum`]: the contributions add up to the figure — exactly for money and counts,
//!   within rounding of `f64` for ratios, whose contributions are already divided by
//!   [`Drill::denominator`];
//! - [`Combine::PerUnit`]: money per unit (ARPU, CAC, retention cost): the contributions are
//!   the numerator's parts in cents, the figure is their sum ÷ [`Drill::denominator`] rounded
//!   to the cent as the report rounds it;
//! - [`Combine::Rank`]: a median or p90 has no additive parts: the items carry their
//!   [`DrillItem::value`] and the one(s) the figure is read from are marked
//!   ([`DrillItem::is_figure`]; a median of an even count is the mean of the two marked).
//!
//! What a contribution is:
//! - MRR, ARR: the customer's MRR (×12) at the end of the period; customers: 1 per paying
//!   customer; ARPU: the customer's MRR, ÷ paying customers;
//! - new, expansion, contraction, churned, reactivation MRR: the customer's movements of
//!   that kind inside the period, summed;
//! - churn rate (A): 1 ÷ start customers per churned start customer; variant B: 1 ÷ (start
//!   customers + new or reactivated customers);
//! - revenue churn: (churned MRR + contraction) ÷ start MRR; NRR: the start customer's MRR
//!   at the end ÷ start MRR (its part of the numerator start + expansion − contraction −
//!   churn); GRR: (start − contraction − churn) ÷ start MRR per start customer;
//! - rates (CSAT, FCR, resolution rate, leads within 5 minutes, win rate): 1 ÷ n per item in
//!   the numerator, 0 per item only in the denominator (n items listed); NPS: +100 ÷ n per
//!   promoter, −100 ÷ n per detractor, 0 per passive; win/loss ratio: 1 ÷ lost per won deal
//!   (its value ÷ lost value for the value ratio), 0 per lost deal; ticket volume: 1 per
//!   ticket opened;
//! - averages (CES, session duration, health score): the item's value ÷ n; sessions per day:
//!   1 ÷ observed days per session; DAU/MAU: the user's active days ÷ (observed days × active
//!   users); usage rate: 1 ÷ licensed users per active user;
//! - CAC and retention cost: each cost row's sales + marketing (customer-success) cost ÷ the
//!   new customers (customer-months) of the months with a count;
//! - at-risk accounts: 1 per account on the list;
//! - a cohort cell ([`drill_cohort`]): the MRR of each cohort customer still paying then;
//! - one account's health score ([`drill_account`], an at-risk row): one item per part of
//!   the score, its weighted share `weight × part ÷ Σ weights used` (they add up to the
//!   score), with the rows behind it: the account's usage events in the window, its NPS
//!   answer that counts, its tickets open on the day.
//!
//! KPIs without a drill are in [`NOT_DRILLABLE`], each with the reason.

use crate::billing::{latest_happened, revenue_inputs, AsOf, Terms};
use crate::deals::close_day;
use crate::health::{HealthPart, HealthReport};
use crate::kpis::Kpi;
use crate::period::Period;
use crate::report::{report_in, Report, ReportOptions, Scope};
use crate::revenue::div_round;
use crate::revenue::drill::{parts, Measure, Parts};
use crate::revenue::Builder;
use crate::segment::{Condition, SegmentError};
use crate::surveys::{ces_rule, csat_rule, nps_category, NpsCategory};
use crate::util::plausible;
use records::{Attributes, Dataset, DealOutcome, Month};
use serde::{Deserialize, Serialize};

/// A row of the input: dataset `dataset` (in the order given), row `row` of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowRef {
    /// Index into the datasets.
    pub dataset: usize,
    /// Row of that dataset (0-based, as imported).
    pub row: usize,
}

/// One customer (ticket, deal, answer, user, cost row, account, health part) behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillItem {
    /// The customer, ticket id, deal id, user, account, the month of a cost row, a health
    /// part's id (`frequency`, `breadth`, `depth`, `nps`, `tickets`), or for an answer its
    /// customer ("" if none).
    pub key: String,
    /// Its part of the figure, in the KPI's unit (cents, customers, fraction, points);
    /// `None` where the figure has no additive parts (a median, a percentile).
    pub contribution: Option<f64>,
    /// Its own value where the figure is an average, median or percentile of such values
    /// (minutes, seconds, score, active days, a health part's 0–100 points).
    #[serde(default)]
    pub value: Option<f64>,
    /// Whether the figure is read from this item ([`Combine::Rank`]).
    #[serde(default)]
    pub is_figure: bool,
    /// The rows it comes from.
    pub rows: Vec<RowRef>,
}

/// How the contributions make the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// Their sum is the figure.
    #[default]
    Sum,
    /// Their sum ÷ [`Drill::denominator`], rounded to the cent, is the figure.
    PerUnit,
    /// No additive parts: the marked items' value is the figure (a median, a percentile).
    Rank,
}

/// The rows behind one figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drill {
    /// The KPI.
    pub kpi: Kpi,
    /// The period.
    pub period: Period,
    /// Whether the contributions add up to the figure (false for a median or percentile;
    /// true for [`Combine::PerUnit`], whose contributions add up to its numerator).
    pub additive: bool,
    /// How the contributions make the figure.
    #[serde(default)]
    pub combine: Combine,
    /// The figure as the items give it: the sum of the contributions, the sum ÷ the
    /// denominator, or the marked value (`None` when the figure has no value: no data in the
    /// period, or a zero denominator).
    pub total: Option<f64>,
    /// The ratio's or average's denominator, as counted (answers, tickets, customers, days,
    /// users, cents of start MRR …), `None` for sums.
    #[serde(default)]
    pub denominator: Option<f64>,
    /// Largest contribution (value) first, ties by key.
    pub items: Vec<DrillItem>,
}

/// What to drill into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A KPI's figure in a period (a tile, a chart point or bar, a movement bar).
    Kpi(Kpi, Period),
    /// A cohort cell: the cohort's first month and months since.
    Cohort(Month, u32),
    /// One account's health score (an at-risk row).
    Account(String),
}

/// The KPIs [`drill`] cannot open, each with why (every other [`Kpi`] is [`drillable`]).
pub const NOT_DRILLABLE: &[(Kpi, &str)] = &[
    (Kpi::NonRecurringRevenue, "one-time invoice lines are classified by `billing`; not yet"),
    (Kpi::TrialsStarted, "trials are classified by `billing`; not yet"),
    (Kpi::FreeToPaid, "trials are classified by `billing`; not yet"),
    (
        Kpi::SalesVelocity,
        "a product of pipeline factors (open deals × average won value × win rate ÷ cycle), \
         no row has an additive part of it",
    ),
];

/// Whether [`drill`] can list the rows behind `kpi`.
pub fn drillable(kpi: Kpi) -> bool {
    !NOT_DRILLABLE.iter().any(|(k, _)| *k == kpi)
}

fn revenue_measure(kpi: Kpi) -> Option<Measure> {
    use crate::revenue::drill::Move;
    Some(match kpi {
        Kpi::Mrr | Kpi::Arr | Kpi::Arpu => Measure::Mrr,
        Kpi::Customers => Measure::Customers,
        Kpi::NewMrr => Measure::Movement(Move::New),
        Kpi::ReactivationMrr => Measure::Movement(Move::Reactivation),
        Kpi::ExpansionMrr => Measure::Movement(Move::Expansion),
        Kpi::ContractionMrr => Measure::Movement(Move::Contraction),
        Kpi::ChurnedMrr => Measure::Movement(Move::Churn),
        Kpi::ChurnRate => Measure::Churned { b: false },
        Kpi::ChurnRateB => Measure::Churned { b: true },
        Kpi::RevenueChurn => Measure::Lost,
        Kpi::Ndr => Measure::Kept,
        Kpi::Grr => Measure::KeptGross,
        _ => return None,
    })
}

/// The rows behind `kpi` in `period`, for the report of `datasets` with `options` (the same
/// as-of day, currency and analysed months); `None` for a KPI without a drill-down
/// ([`drillable`]) or without the data it needs.
pub fn drill(
    datasets: &[Dataset],
    options: &ReportOptions,
    kpi: Kpi,
    period: Period,
) -> Option<Drill> {
    drill_in(datasets, options, None, &Target::Kpi(kpi, period))
}

/// The customers of cohort `first` (the month of their first MRR) still paying `since`
/// months later, each with its MRR then (cents); the total is the cohort cell's MRR and the
/// number of items its active customers.
pub fn drill_cohort(
    datasets: &[Dataset],
    options: &ReportOptions,
    first: Month,
    since: u32,
) -> Option<Drill> {
    drill_in(datasets, options, None, &Target::Cohort(first, since))
}

/// The parts of `account`'s health score with the rows behind each (an at-risk row).
pub fn drill_account(
    datasets: &[Dataset],
    options: &ReportOptions,
    account: &str,
) -> Option<Drill> {
    drill_in(datasets, options, None, &Target::Account(account.to_string()))
}

/// [`drill`], [`drill_cohort`] or [`drill_account`] of the rows that meet every condition of
/// `filter` (the report [`crate::segment::filtered`] makes): the rows behind the filtered
/// figure. `Ok(None)`: no drill for the target or no data for it.
pub fn drill_where(
    datasets: &[Dataset],
    attrs: &[Attributes],
    options: &ReportOptions,
    filter: &[Condition],
    target: &Target,
) -> Result<Option<Drill>, SegmentError> {
    if filter.is_empty() {
        return Ok(drill_in(datasets, options, None, target));
    }
    let keys = crate::segment::filter_keys(datasets, attrs, filter)?;
    Ok(drill_in(datasets, options, Some(Scope { keys: &keys, target: 0 }), target))
}

fn drill_in(
    datasets: &[Dataset],
    options: &ReportOptions,
    scope: Option<Scope<'_>>,
    target: &Target,
) -> Option<Drill> {
    let day = AsOf::new(options.as_of, latest_happened(datasets, options.today)).map(|a| a.date);
    let ctx = Ctx { datasets, options, scope, day };
    let mut out = match target {
        Target::Kpi(kpi, period) => {
            if !drillable(*kpi) {
                return None;
            }
            ctx.kpi(*kpi, *period)?
        }
        Target::Cohort(first, since) => ctx.cohort(*first, *since)?,
        Target::Account(account) => ctx.account(account)?,
    };
    sort(&mut out.items);
    Some(out)
}

/// What every drill reads: the data, the options, the filter's rows, the as-of day.
struct Ctx<'a> {
    datasets: &'a [Dataset],
    options: &'a ReportOptions,
    scope: Option<Scope<'a>>,
    day: Option<records::Date>,
}

fn refs(rows: &[(usize, usize)], sources: &[usize]) -> Vec<RowRef> {
    rows.iter().filter_map(|&(s, row)| Some(RowRef { dataset: *sources.get(s)?, row })).collect()
}

fn item(key: String, contribution: Option<f64>, rows: Vec<RowRef>) -> DrillItem {
    DrillItem { key, contribution, value: None, is_figure: false, rows }
}

fn empty(kpi: Kpi, period: Period) -> Drill {
    Drill {
        kpi,
        period,
        additive: true,
        combine: Combine::Sum,
        total: None,
        denominator: None,
        items: Vec::new(),
    }
}

impl Ctx<'_> {
    /// Whether row `row` of dataset `d` is in the filter's rows.
    fn keep(&self, d: usize, row: usize) -> bool {
        self.scope.is_none_or(|s| s.has(d, row))
    }

    /// On or before the as-of day.
    fn by_day(&self, date: records::Date) -> bool {
        self.day.is_none_or(|d| date <= d)
    }

    /// The report of the filter's rows (for denominators the sections count).
    fn report(&self) -> Report {
        report_in(self.datasets, self.options, self.scope)
    }

    fn kpi(&self, kpi: Kpi, period: Period) -> Option<Drill> {
        // Nothing is known of a period that begins after the as-of day (as `figure` says).
        let after = self.day.is_some_and(|d| period.months().0 > d.month());
        let mut out = if let Some(measure) = revenue_measure(kpi) {
            self.revenue(kpi, period, measure)?
        } else {
            self.rows(kpi, period)?
        };
        let current = matches!(kpi, Kpi::HealthScore | Kpi::AtRisk);
        if after && !current {
            out.items.clear();
            out.total = None;
        }
        Some(out)
    }

    fn revenue(&self, kpi: Kpi, period: Period, measure: Measure) -> Option<Drill> {
        let (p, sources) = self.revenue_parts(measure, period.months())?;
        let mut out = empty(kpi, period);
        let scale = if kpi == Kpi::Arr { 12.0 } else { 1.0 };
        let den = match measure {
            Measure::Mrr | Measure::Customers | Measure::Movement(_) => None,
            _ => Some(p.denominator as f64),
        };
        let valid = p.in_range && den != Some(0.0);
        if !valid {
            return Some(out);
        }
        out.denominator = den;
        out.items = p
            .items
            .into_iter()
            .map(|part| {
                let amount = part.amount as f64 * scale;
                let c = den.map_or(amount, |d| amount / d);
                item(part.customer, Some(c), refs(&part.rows, &sources))
            })
            .collect();
        let sum: f64 = out.items.iter().filter_map(|i| i.contribution).sum();
        out.total = Some(sum);
        if kpi == Kpi::Arpu {
            // ARPU: the customers' MRR ÷ the paying customers, rounded as the report does.
            let n = out.items.len() as i64;
            out.combine = Combine::PerUnit;
            out.denominator = Some(n as f64);
            let cents: i64 =
                out.items.iter().filter_map(|i| i.contribution).map(|c| c as i64).sum();
            out.total = div_round(cents, n).map(|c| c as f64);
        }
        Some(out)
    }

    fn cohort(&self, first: Month, since: u32) -> Option<Drill> {
        let month = first.add(since as i32);
        let measure = Measure::CohortMrr { first, since };
        let (p, sources) = self.revenue_parts(measure, (month, month))?;
        let mut out = empty(Kpi::Mrr, Period::Month(month));
        out.items = p
            .items
            .into_iter()
            .map(|part| item(part.customer, Some(part.amount as f64), refs(&part.rows, &sources)))
            .collect();
        out.total = p.in_range.then(|| out.items.iter().filter_map(|i| i.contribution).sum());
        Some(out)
    }

    /// The revenue builder of the report (subscriptions, else invoices; the report's terms;
    /// the filter's keys), its parts of `measure`, and the dataset index of each slice added.
    fn revenue_parts(
        &self,
        measure: Measure,
        months: (Month, Month),
    ) -> Option<(Parts, Vec<usize>)> {
        let datasets = self.datasets;
        let (subs, invoices) = revenue_inputs(datasets);
        let (terms, _) = Terms::new(self.day, &self.options.currency, &subs, &invoices);
        let mut builder = Builder::new(terms);
        let mut sources = Vec::new();
        let keys_of = |i: usize| self.scope.and_then(|s| s.keys.get(i));
        for (i, d) in datasets.iter().enumerate() {
            if let Dataset::Subscriptions(rows) = d {
                builder.add_subscriptions(rows);
                if let Some(keys) = keys_of(i) {
                    builder.add_keys(keys, 1);
                }
                sources.push(i);
            }
        }
        if sources.is_empty() {
            for (i, d) in datasets.iter().enumerate() {
                if let Dataset::Invoices(rows) = d {
                    builder.add_invoices(rows);
                    if let Some(keys) = keys_of(i) {
                        builder.add_keys(keys, 2);
                    }
                    sources.push(i);
                }
            }
        }
        if sources.is_empty() {
            return None;
        }
        let target = self.scope.map(|s| s.target);
        Some((parts(builder, &self.options.revenue, measure, months, target)?, sources))
    }

    /// The KPIs counted from rows of the other kinds.
    fn rows(&self, kpi: Kpi, period: Period) -> Option<Drill> {
        let seen = |date: records::Date| {
            plausible(date) && self.by_day(date) && period.contains(date.month())
        };
        let one = |dataset: usize, row: usize| vec![RowRef { dataset, row }];
        let mut out = empty(kpi, period);
        // (key, numerator part, value, rows); for most kinds the denominator is their number.
        let mut listed: Vec<(String, f64, Option<f64>, Vec<RowRef>)> = Vec::new();
        let mut any_kind = false;
        // Set where the denominator is not the number of items listed.
        let mut den: Option<f64> = None;
        let kept = |d: usize, len: usize| (0..len).filter(move |&i| self.keep(d, i));
        match kpi {
            Kpi::Nps | Kpi::Csat | Kpi::Ces => {
                let mut answers = Vec::new();
                let mut at = Vec::new();
                for (d, ds) in self.datasets.iter().enumerate() {
                    if let Dataset::Surveys(v) = ds {
                        any_kind = true;
                        for i in kept(d, v.len()) {
                            if let Some(a) = v.get(i).filter(|a| self.by_day(a.date)) {
                                answers.push(a.clone());
                                at.push((d, i));
                            }
                        }
                    }
                }
                // The CSAT and CES scales are decided over all answers up to the as-of day.
                let csat = csat_rule(&answers);
                let ces = ces_rule(&answers);
                for (a, &(d, i)) in answers.iter().zip(&at) {
                    if !seen(a.date) {
                        continue;
                    }
                    let key = a.customer.clone().unwrap_or_default();
                    let part = match kpi {
                        Kpi::Nps => match nps_category(a) {
                            Some(NpsCategory::Promoter) => 100.0,
                            Some(NpsCategory::Passive) => 0.0,
                            Some(NpsCategory::Detractor) => -100.0,
                            None => continue,
                        },
                        Kpi::Csat => match csat(a) {
                            Some(ok) => f64::from(u8::from(ok)),
                            None => continue,
                        },
                        _ => match ces(a) {
                            Some(score) => score,
                            None => continue,
                        },
                    };
                    let value = (kpi != Kpi::Nps).then_some(a.score);
                    listed.push((key, part, value, one(d, i)));
                }
            }
            Kpi::TicketVolume
            | Kpi::FirstResponseTime
            | Kpi::FirstResponseTimeP90
            | Kpi::Fcr
            | Kpi::ResolutionRate => {
                let late = |x: Option<records::DateTime>| x.filter(|x| self.by_day(x.date()));
                let mut records_resolution = false;
                for (d, ds) in self.datasets.iter().enumerate() {
                    let Dataset::Tickets(v) = ds else { continue };
                    any_kind = true;
                    for i in kept(d, v.len()) {
                        let Some(t) = v.get(i) else { continue };
                        if !self.by_day(t.created.date()) {
                            continue;
                        }
                        // What happened after the as-of day has not happened yet.
                        let resolved = late(t.resolved);
                        records_resolution |= resolved.is_some();
                        if !seen(t.created.date()) {
                            continue;
                        }
                        let entry = match kpi {
                            Kpi::TicketVolume => Some((1.0, None)),
                            Kpi::ResolutionRate => {
                                Some((f64::from(u8::from(resolved.is_some())), None))
                            }
                            Kpi::Fcr => {
                                let fcr = t
                                    .first_contact_resolution
                                    .or_else(|| t.contacts.map(|c| c == 1 && resolved.is_some()));
                                fcr.map(|ok| (f64::from(u8::from(ok)), None))
                            }
                            _ => late(t.first_response)
                                .map(|r| r.seconds_since(t.created))
                                .filter(|&secs| secs >= 0)
                                .map(|secs| (0.0, Some(secs as f64 / 60.0))),
                        };
                        if let Some((part, value)) = entry {
                            listed.push((t.id.clone(), part, value, one(d, i)));
                        }
                    }
                }
                if kpi == Kpi::ResolutionRate && !records_resolution {
                    // Without a resolution column the rate is unknown, not 0 %.
                    den = Some(0.0);
                }
            }
            Kpi::LeadResponseTime => {
                let mut leads = Vec::new();
                let mut records_contacts = false;
                for (d, ds) in self.datasets.iter().enumerate() {
                    let Dataset::Leads(v) = ds else { continue };
                    any_kind = true;
                    for i in kept(d, v.len()) {
                        let Some(l) = v.get(i).filter(|l| self.by_day(l.created.date())) else {
                            continue;
                        };
                        let contact = l.first_contact.filter(|c| self.by_day(c.date()));
                        records_contacts |= contact.is_some();
                        leads.push((l, contact, d, i));
                    }
                }
                for (l, contact, d, i) in leads {
                    if !seen(l.created.date()) {
                        continue;
                    }
                    let key = l.id.clone().unwrap_or_default();
                    match contact.map(|c| c.seconds_since(l.created)) {
                        Some(secs) if secs >= 0 => {
                            let min = secs as f64 / 60.0;
                            let fast = f64::from(u8::from(min <= 5.0));
                            listed.push((key, fast, Some(min), one(d, i)));
                        }
                        // Contacted before it came in: its response time is unknown.
                        Some(_) => {}
                        None if records_contacts => listed.push((key, 0.0, None, one(d, i))),
                        None => {}
                    }
                }
            }
            Kpi::WinRate | Kpi::WinLossRatio | Kpi::WinLossValueRatio => {
                let mut lost_total = 0.0;
                for (d, ds) in self.datasets.iter().enumerate() {
                    let Dataset::Deals(v) = ds else { continue };
                    any_kind = true;
                    for i in kept(d, v.len()) {
                        let Some(x) = v.get(i) else { continue };
                        // A deal closed after the as-of day is still open then.
                        if x.outcome == DealOutcome::Open
                            || !seen(close_day(x))
                            || !self.by_day(x.created)
                        {
                            continue;
                        }
                        let won = x.outcome == DealOutcome::Won;
                        let cents = x.value.map_or(0.0, |v| v.cents() as f64);
                        let part = match kpi {
                            Kpi::WinLossValueRatio if won => cents,
                            _ => f64::from(u8::from(won)),
                        };
                        if !won {
                            lost_total += if kpi == Kpi::WinLossValueRatio { cents } else { 1.0 };
                        }
                        let value = x.value.map(|v| v.cents() as f64);
                        listed.push((x.id.clone(), part, value, one(d, i)));
                    }
                }
                if kpi != Kpi::WinRate {
                    den = Some(lost_total);
                }
            }
            Kpi::AvgSessionDuration | Kpi::SessionsPerDay | Kpi::DauMau | Kpi::ProductUsageRate => {
                let r = self.report();
                let u = r.usage.as_ref()?;
                any_kind = true;
                let days: u32 = u
                    .months
                    .iter()
                    .filter(|m| period.contains(m.month))
                    .map(|m| m.days_observed)
                    .sum();
                // Per user: active days and rows (DAU/MAU, usage rate).
                let mut users: std::collections::BTreeMap<&str, (Vec<records::Date>, Vec<RowRef>)> =
                    Default::default();
                for (d, ds) in self.datasets.iter().enumerate() {
                    let Dataset::Usage(v) = ds else { continue };
                    for i in kept(d, v.len()) {
                        let Some(e) = v.get(i).filter(|e| seen(e.timestamp.date())) else {
                            continue;
                        };
                        match kpi {
                            Kpi::AvgSessionDuration | Kpi::SessionsPerDay => {
                                if let Some(secs) =
                                    e.session_seconds.filter(|s| s.is_finite() && *s >= 0.0)
                                {
                                    let part = if kpi == Kpi::SessionsPerDay { 1.0 } else { secs };
                                    listed.push((e.user.to_string(), part, Some(secs), one(d, i)));
                                }
                            }
                            _ => {
                                let entry = users.entry(e.user.as_str()).or_default();
                                entry.0.push(e.timestamp.date());
                                entry.1.push(RowRef { dataset: d, row: i });
                            }
                        }
                    }
                }
                let n_users = users.len() as f64;
                for (user, (mut dates, rows)) in users {
                    dates.sort_unstable();
                    dates.dedup();
                    let active = dates.len() as f64;
                    let part = if kpi == Kpi::DauMau { active } else { 1.0 };
                    listed.push((user.to_string(), part, Some(active), rows));
                }
                den = match kpi {
                    Kpi::SessionsPerDay => Some(f64::from(days)),
                    Kpi::DauMau => Some(f64::from(days) * n_users),
                    Kpi::ProductUsageRate => {
                        Some(self.options.usage.licensed_users.map_or(0.0, f64::from))
                    }
                    _ => None,
                };
            }
            Kpi::Cac | Kpi::RetentionCost => {
                let r = self.report();
                let c = r.costs.as_ref()?;
                let count = |m: Month| {
                    let cm = c.months.iter().find(|x| x.month == m)?;
                    if kpi == Kpi::Cac {
                        cm.new_customers
                    } else {
                        cm.customers
                    }
                };
                let mut n = 0u32;
                for m in c.months.iter().filter(|m| period.contains(m.month)) {
                    n = n.saturating_add(count(m.month).unwrap_or(0));
                }
                let mut cents = 0i64;
                for (d, ds) in self.datasets.iter().enumerate() {
                    let Dataset::Costs(v) = ds else { continue };
                    for i in kept(d, v.len()) {
                        let Some(row) = v.get(i) else { continue };
                        let known = count(row.month).is_some();
                        if !period.contains(row.month)
                            || !known
                            || self.day.is_some_and(|d| row.month > d.month())
                        {
                            continue;
                        }
                        let money = if kpi == Kpi::Cac {
                            row.sales + row.marketing
                        } else {
                            row.customer_success
                        };
                        cents = cents.saturating_add(money.cents());
                        listed.push((row.month.to_string(), money.cents() as f64, None, one(d, i)));
                    }
                }
                out.combine = Combine::PerUnit;
                out.denominator = Some(f64::from(n));
                out.total = div_round(cents, i64::from(n)).map(|c| c as f64);
                out.items = listed
                    .into_iter()
                    .map(|(k, part, _, rows)| item(k, Some(part), rows))
                    .collect();
                return Some(out);
            }
            Kpi::HealthScore | Kpi::AtRisk => {
                let r = self.report();
                let h = r.health.as_ref()?;
                let rows = AccountRows::new(self, h);
                if kpi == Kpi::AtRisk {
                    for a in &h.at_risk {
                        listed.push((a.account.clone(), 1.0, a.score, rows.all(&a.account)));
                    }
                    den = Some(1.0);
                } else {
                    for a in &h.accounts {
                        if let Some(score) = a.score.filter(|s| s.is_finite()) {
                            listed.push((
                                a.account.clone(),
                                score,
                                Some(score),
                                rows.all(&a.account),
                            ));
                        }
                    }
                }
                any_kind = true;
            }
            _ => return None,
        }
        if !any_kind {
            return None;
        }
        let n = den.unwrap_or(listed.len() as f64);
        out.denominator = (!matches!(kpi, Kpi::TicketVolume | Kpi::AtRisk)).then_some(n);
        let rank = matches!(kpi, Kpi::FirstResponseTime | Kpi::FirstResponseTimeP90);
        let per = match kpi {
            Kpi::TicketVolume | Kpi::AtRisk => Some(1.0),
            _ if rank => None,
            _ => (n > 0.0).then(|| 1.0 / n),
        };
        out.items = listed
            .into_iter()
            .map(|(key, part, value, rows)| DrillItem {
                key,
                contribution: per.map(|p| part * p),
                value,
                is_figure: false,
                rows,
            })
            .collect();
        if rank {
            out.additive = false;
            out.combine = Combine::Rank;
            out.denominator = None;
            out.total = mark_rank(&mut out.items, kpi == Kpi::FirstResponseTimeP90);
        } else {
            let any = !out.items.is_empty();
            out.total = match kpi {
                Kpi::TicketVolume | Kpi::AtRisk => any.then(|| n_items(&out.items)),
                _ => per.map(|_| out.items.iter().filter_map(|i| i.contribution).sum()),
            };
        }
        Some(out)
    }

    /// The parts of one account's health score, each with the rows behind it.
    fn account(&self, account: &str) -> Option<Drill> {
        let r = self.report();
        let h = r.health.as_ref()?;
        let a = h.accounts.iter().find(|a| a.account == account)?;
        let rows = AccountRows::new(self, h);
        let c = &a.components;
        let w = &h.weights;
        let parts = [
            (HealthPart::Frequency, c.frequency, w.frequency, rows.usage(account)),
            (HealthPart::Breadth, c.breadth, w.breadth, rows.usage(account)),
            (HealthPart::Depth, c.depth, w.depth, rows.usage(account)),
            (HealthPart::Nps, c.nps, w.nps, rows.nps(account)),
            (HealthPart::Tickets, c.tickets, w.tickets, rows.tickets(account)),
        ];
        let used: f64 = parts.iter().filter(|p| p.1.is_some()).map(|p| p.2.max(0.0)).sum();
        let mut out = empty(Kpi::HealthScore, Period::Month(h.as_of.month()));
        out.denominator = Some(used);
        out.items = parts
            .into_iter()
            .filter_map(|(part, value, weight, rows)| {
                let v = value?;
                Some(DrillItem {
                    key: part_id(part).to_string(),
                    contribution: (used > 0.0).then(|| v * weight.max(0.0) / used),
                    value: Some(v),
                    is_figure: false,
                    rows,
                })
            })
            .collect();
        out.total = (used > 0.0).then(|| out.items.iter().filter_map(|i| i.contribution).sum());
        Some(out)
    }
}

/// A health part's id (its serde name).
pub fn part_id(part: HealthPart) -> &'static str {
    match part {
        HealthPart::Frequency => "frequency",
        HealthPart::Breadth => "breadth",
        HealthPart::Depth => "depth",
        HealthPart::Nps => "nps",
        HealthPart::Tickets => "tickets",
    }
}

fn n_items(items: &[DrillItem]) -> f64 {
    items.len() as f64
}

/// Marks the item(s) a median (or nearest-rank p90) is read from and returns the figure.
fn mark_rank(items: &mut [DrillItem], p90: bool) -> Option<f64> {
    items.sort_by(|a, b| {
        let (x, y) = (a.value.unwrap_or(0.0), b.value.unwrap_or(0.0));
        x.total_cmp(&y).then_with(|| a.key.cmp(&b.key))
    });
    let n = items.len();
    if n == 0 {
        return None;
    }
    let marked: Vec<usize> = if p90 {
        let rank = (0.9 * n as f64).ceil() as usize;
        vec![rank.clamp(1, n) - 1]
    } else if n % 2 == 1 {
        vec![n / 2]
    } else {
        vec![n / 2 - 1, n / 2]
    };
    let mut sum = 0.0;
    for &i in &marked {
        if let Some(it) = items.get_mut(i) {
            it.is_figure = true;
            sum += it.value.unwrap_or(0.0);
        }
    }
    Some(sum / marked.len() as f64)
}

/// The rows behind accounts' health scores, by the rules of `health.rs`.
struct AccountRows<'a> {
    ctx: &'a Ctx<'a>,
    as_of: records::Date,
    window_days: i32,
}

impl<'a> AccountRows<'a> {
    fn new(ctx: &'a Ctx<'a>, h: &HealthReport) -> AccountRows<'a> {
        AccountRows { ctx, as_of: h.as_of, window_days: h.window_days.max(1) as i32 }
    }

    fn all(&self, account: &str) -> Vec<RowRef> {
        let mut rows = self.usage(account);
        rows.extend(self.nps(account));
        rows.extend(self.tickets(account));
        rows
    }

    /// The account's usage events in the window ending on the as-of day.
    fn usage(&self, account: &str) -> Vec<RowRef> {
        let (from, to) = (self.as_of.days() - self.window_days + 1, self.as_of.days());
        let mut out = Vec::new();
        for (d, ds) in self.ctx.datasets.iter().enumerate() {
            let Dataset::Usage(v) = ds else { continue };
            for (i, e) in v.iter().enumerate() {
                let day = e.timestamp.date().days();
                if e.account.as_deref() == Some(account)
                    && (from..=to).contains(&day)
                    && self.ctx.keep(d, i)
                {
                    out.push(RowRef { dataset: d, row: i });
                }
            }
        }
        out
    }

    /// The account's NPS answer that counts: its latest up to the as-of day (the lowest of
    /// that day's).
    fn nps(&self, account: &str) -> Vec<RowRef> {
        let mut best: Option<(records::Date, f64, RowRef)> = None;
        for (d, ds) in self.ctx.datasets.iter().enumerate() {
            let Dataset::Surveys(v) = ds else { continue };
            for (i, a) in v.iter().enumerate() {
                let is_nps = matches!(a.kind, Some(records::SurveyKind::Nps) | None);
                let valid = a.score.is_finite() && (0.0..=10.0).contains(&a.score);
                if a.customer.as_deref() != Some(account)
                    || !is_nps
                    || !valid
                    || a.date > self.as_of
                    || !self.ctx.keep(d, i)
                {
                    continue;
                }
                let better = match best {
                    Some((day, score, _)) => a.date > day || (a.date == day && a.score < score),
                    None => true,
                };
                if better {
                    best = Some((a.date, a.score, RowRef { dataset: d, row: i }));
                }
            }
        }
        best.map(|b| vec![b.2]).unwrap_or_default()
    }

    /// The account's tickets open at the end of the as-of day.
    fn tickets(&self, account: &str) -> Vec<RowRef> {
        let end = self.as_of.add_days(1).at_midnight();
        let mut out = Vec::new();
        for (d, ds) in self.ctx.datasets.iter().enumerate() {
            let Dataset::Tickets(v) = ds else { continue };
            for (i, t) in v.iter().enumerate() {
                let open = t.created < end && t.resolved.is_none_or(|r| r >= end);
                if t.customer.as_deref() == Some(account) && open && self.ctx.keep(d, i) {
                    out.push(RowRef { dataset: d, row: i });
                }
            }
        }
        out
    }
}

fn sort(items: &mut [DrillItem]) {
    items.sort_by(|a, b| {
        let key = |i: &DrillItem| i.contribution.or(i.value).unwrap_or(0.0);
        key(b).total_cmp(&key(a)).then_with(|| a.key.cmp(&b.key))
    });
}
