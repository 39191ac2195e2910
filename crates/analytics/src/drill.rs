//! Drill-down: the rows behind a figure — the customers (or tickets, deals, answers) with
//! their contribution, each with the dataset rows it comes from (the import keeps each row's
//! file line, `ingest::ImportResult::lines`).
//!
//! A drill is a [`Period`] plus a filter on the same computation as [`crate::figure`]:
//! revenue parts are read from each customer's MRR row as the report builds it (same
//! grouping, same rounding to the cent, same movement and retention rules), the other kinds
//! count their rows by the rules of their sections. So **the contributions add up to the
//! figure**: exactly for money and counts, within rounding of `f64` for ratios.
//!
//! What a contribution is:
//! - MRR, ARR: the customer's MRR (×12) at the end of the period; customers: 1 per paying
//!   customer;
//! - new, expansion, contraction, churned, reactivation MRR: the customer's movements of
//!   that kind inside the period, summed;
//! - churn rate (A): 1 ÷ start customers per churned start customer; variant B: 1 ÷ (start
//!   customers + new or reactivated customers);
//! - revenue churn: (churned MRR + contraction) ÷ start MRR; NRR: the start customer's MRR
//!   at the end ÷ start MRR (its part of the numerator start + expansion − contraction −
//!   churn); GRR: (start − contraction − churn) ÷ start MRR per start customer;
//! - NPS: +100 ÷ n per promoter, −100 ÷ n per detractor, 0 per passive (n answers);
//!   CSAT: 1 ÷ n per satisfied answer, 0 otherwise; win rate: 1 ÷ (won + lost) per won deal,
//!   0 per lost deal; ticket volume: 1 per ticket opened;
//! - a cohort cell ([`drill_cohort`]): the MRR of each cohort customer still paying then.
//!
//! A median (first response time) has no additive contribution: its drill lists the tickets
//! it is the median of, with `contribution: None` and [`Drill::additive`] false. Other KPIs
//! have no drill yet ([`drill`] returns `None`).

use crate::billing::{latest_happened, AsOf, Terms};
use crate::deals::close_day;
use crate::kpis::Kpi;
use crate::period::Period;
use crate::report::ReportOptions;
use crate::revenue::drill::{parts, Measure, Parts};
use crate::revenue::Builder;
use crate::surveys::{csat_rule, nps_category, NpsCategory};
use crate::util::plausible;
use records::{Dataset, DealOutcome, Invoice, Month, Subscription};
use serde::{Deserialize, Serialize};

/// A row of the input: dataset `dataset` (in the order given), row `row` of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowRef {
    /// Index into the datasets.
    pub dataset: usize,
    /// Row of that dataset (0-based, as imported).
    pub row: usize,
}

/// One customer (ticket, deal, answer) behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillItem {
    /// The customer, ticket id, deal id, or for an answer its customer ("" if none).
    pub key: String,
    /// Its part of the figure, in the KPI's unit (cents, customers, fraction, points);
    /// `None` where the figure has no additive parts (a median).
    pub contribution: Option<f64>,
    /// The rows it comes from.
    pub rows: Vec<RowRef>,
}

/// The rows behind one figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drill {
    /// The KPI.
    pub kpi: Kpi,
    /// The period.
    pub period: Period,
    /// Whether the contributions add up to the figure (false for a median).
    pub additive: bool,
    /// The sum of the contributions (`None` when not additive or the figure has no value:
    /// no data in the period, or a zero denominator).
    pub total: Option<f64>,
    /// Largest contribution first (ties and non-additive items by key).
    pub items: Vec<DrillItem>,
}

/// Whether [`drill`] can list the rows behind `kpi`.
pub fn drillable(kpi: Kpi) -> bool {
    revenue_measure(kpi).is_some()
        || matches!(
            kpi,
            Kpi::Nps | Kpi::Csat | Kpi::TicketVolume | Kpi::WinRate | Kpi::FirstResponseTime
        )
}

fn revenue_measure(kpi: Kpi) -> Option<Measure> {
    use crate::revenue::drill::Move;
    Some(match kpi {
        Kpi::Mrr | Kpi::Arr => Measure::Mrr,
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
    let day = AsOf::new(options.as_of, latest_happened(datasets, options.today)).map(|a| a.date);
    // Nothing is known of a period that begins after the as-of day (as `figure` says).
    let after = day.is_some_and(|d| period.months().0 > d.month());
    let mut out = Drill { kpi, period, additive: true, total: None, items: Vec::new() };
    if let Some(measure) = revenue_measure(kpi) {
        let (p, sources) = revenue_parts(datasets, options, day, measure, period.months())?;
        let scale = if kpi == Kpi::Arr { 12.0 } else { 1.0 };
        let den = match measure {
            Measure::Mrr | Measure::Customers | Measure::Movement(_) => None,
            _ => Some(p.denominator as f64),
        };
        let valid = p.in_range && !after && den != Some(0.0);
        out.items = p
            .items
            .into_iter()
            .map(|part| {
                let amount = part.amount as f64 * scale;
                let rows = part
                    .rows
                    .iter()
                    .filter_map(|&(s, row)| Some(RowRef { dataset: *sources.get(s)?, row }));
                DrillItem {
                    key: part.customer,
                    contribution: valid.then(|| den.map_or(amount, |d| amount / d)),
                    rows: rows.collect(),
                }
            })
            .collect();
        if !valid {
            out.items.clear();
        }
        out.total = valid.then(|| out.items.iter().filter_map(|i| i.contribution).sum());
    } else {
        let (items, total) = row_items(datasets, day, kpi, period)?;
        out.additive = kpi != Kpi::FirstResponseTime;
        out.total = total.filter(|_| !after && out.additive);
        out.items = if after { Vec::new() } else { items };
    }
    sort(&mut out.items);
    Some(out)
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
    let day = AsOf::new(options.as_of, latest_happened(datasets, options.today)).map(|a| a.date);
    let month = first.add(since as i32);
    let measure = Measure::CohortMrr { first, since };
    let (p, sources) = revenue_parts(datasets, options, day, measure, (month, month))?;
    let mut items: Vec<DrillItem> = p
        .items
        .into_iter()
        .map(|part| DrillItem {
            key: part.customer,
            contribution: Some(part.amount as f64),
            rows: part
                .rows
                .iter()
                .filter_map(|&(s, row)| Some(RowRef { dataset: *sources.get(s)?, row }))
                .collect(),
        })
        .collect();
    sort(&mut items);
    let total = p.in_range.then(|| items.iter().filter_map(|i| i.contribution).sum());
    Some(Drill { kpi: Kpi::Mrr, period: Period::Month(month), additive: true, total, items })
}

/// The revenue builder of the report (subscriptions, else invoices; the report's terms), its
/// parts of `measure`, and the dataset index of each slice added to it.
fn revenue_parts(
    datasets: &[Dataset],
    options: &ReportOptions,
    day: Option<records::Date>,
    measure: Measure,
    months: (Month, Month),
) -> Option<(Parts, Vec<usize>)> {
    let subs: Vec<&[Subscription]> = datasets
        .iter()
        .filter_map(|d| if let Dataset::Subscriptions(v) = d { Some(v.as_slice()) } else { None })
        .collect();
    let invoices: Vec<&[Invoice]> = datasets
        .iter()
        .filter_map(|d| if let Dataset::Invoices(v) = d { Some(v.as_slice()) } else { None })
        .collect();
    let (terms, _) = Terms::new(day, &options.currency, &subs, &invoices);
    let mut builder = Builder::new(terms);
    let mut sources = Vec::new();
    for (i, d) in datasets.iter().enumerate() {
        if let Dataset::Subscriptions(rows) = d {
            builder.add_subscriptions(rows);
            sources.push(i);
        }
    }
    if sources.is_empty() {
        for (i, d) in datasets.iter().enumerate() {
            if let Dataset::Invoices(rows) = d {
                builder.add_invoices(rows);
                sources.push(i);
            }
        }
    }
    if sources.is_empty() {
        return None;
    }
    Some((parts(builder, &options.revenue, measure, months)?, sources))
}

/// Items of the row-counted KPIs and their total (`None`: no rows or a zero denominator).
fn row_items(
    datasets: &[Dataset],
    day: Option<records::Date>,
    kpi: Kpi,
    period: Period,
) -> Option<(Vec<DrillItem>, Option<f64>)> {
    let seen = |date: records::Date| {
        plausible(date) && day.is_none_or(|d| date <= d) && period.contains(date.month())
    };
    let one = |dataset: usize, row: usize| vec![RowRef { dataset, row }];
    // (key, numerator part, rows); the denominator is the number of rows listed.
    let mut listed: Vec<(String, f64, Vec<RowRef>)> = Vec::new();
    let mut any_kind = false;
    for (d, ds) in datasets.iter().enumerate() {
        match (kpi, ds) {
            (Kpi::Nps, Dataset::Surveys(v)) => {
                any_kind = true;
                for (i, a) in v.iter().enumerate().filter(|(_, a)| seen(a.date)) {
                    let Some(c) = nps_category(a) else { continue };
                    let part = match c {
                        NpsCategory::Promoter => 100.0,
                        NpsCategory::Passive => 0.0,
                        NpsCategory::Detractor => -100.0,
                    };
                    listed.push((a.customer.clone().unwrap_or_default(), part, one(d, i)));
                }
            }
            (Kpi::TicketVolume | Kpi::FirstResponseTime, Dataset::Tickets(v)) => {
                any_kind = true;
                for (i, t) in v.iter().enumerate().filter(|(_, t)| seen(t.created.date())) {
                    let responded =
                        t.first_response.is_some_and(|r| day.is_none_or(|d| r.date() <= d));
                    if kpi == Kpi::FirstResponseTime && !responded {
                        continue;
                    }
                    listed.push((t.id.clone(), 1.0, one(d, i)));
                }
            }
            (Kpi::WinRate, Dataset::Deals(v)) => {
                any_kind = true;
                for (i, x) in v.iter().enumerate() {
                    // A deal closed after the as-of day is still open then.
                    let closed = close_day(x);
                    if x.outcome == DealOutcome::Open || !seen(closed) || !seen_created(x, day) {
                        continue;
                    }
                    let won = f64::from(u8::from(x.outcome == DealOutcome::Won));
                    listed.push((x.id.clone(), won, one(d, i)));
                }
            }
            _ => {}
        }
    }
    if kpi == Kpi::Csat {
        // The headline scale is decided over all answers up to the as-of day.
        let mut answers = Vec::new();
        let mut refs = Vec::new();
        for (d, ds) in datasets.iter().enumerate() {
            if let Dataset::Surveys(v) = ds {
                for (i, a) in v.iter().enumerate() {
                    if day.is_none_or(|day| a.date <= day) {
                        answers.push(a.clone());
                        refs.push((d, i));
                    }
                }
            }
        }
        any_kind = !refs.is_empty() || datasets.iter().any(|d| matches!(d, Dataset::Surveys(_)));
        let rule = csat_rule(&answers);
        for (a, &(d, i)) in answers.iter().zip(&refs) {
            if !(plausible(a.date) && period.contains(a.date.month())) {
                continue;
            }
            let Some(ok) = rule(a) else { continue };
            listed.push((
                a.customer.clone().unwrap_or_default(),
                f64::from(u8::from(ok)),
                one(d, i),
            ));
        }
    }
    if !any_kind {
        return None;
    }
    let n = listed.len() as f64;
    let per = match kpi {
        Kpi::TicketVolume => Some(1.0),
        Kpi::FirstResponseTime => None,
        _ => (n > 0.0).then(|| 1.0 / n),
    };
    let items: Vec<DrillItem> = listed
        .into_iter()
        .map(|(key, part, rows)| DrillItem { key, contribution: per.map(|p| part * p), rows })
        .collect();
    let total = match kpi {
        Kpi::TicketVolume => Some(n).filter(|_| !items.is_empty()),
        _ => per.map(|_| items.iter().filter_map(|i| i.contribution).sum()),
    };
    Some((items, total))
}

/// A deal created after the as-of day is not in the data yet.
fn seen_created(x: &records::Deal, day: Option<records::Date>) -> bool {
    day.is_none_or(|d| x.created <= d)
}

fn sort(items: &mut [DrillItem]) {
    items.sort_by(|a, b| {
        let (x, y) = (a.contribution.unwrap_or(0.0), b.contribution.unwrap_or(0.0));
        y.total_cmp(&x).then_with(|| a.key.cmp(&b.key))
    });
}
