//! Support tickets and leads: volume per ISO week and month (by urgency and type), first
//! response time (median and nearest-rank p90, minutes), first-contact resolution, resolution
//! rate, spike weeks; lead response time.
//!
//! - A ticket belongs to the week and month of `created` (UTC).
//! - First response minutes = `first_response − created`; negative gaps are data errors and
//!   left out. Median: middle value (mean of the two middle values for an even count). p90:
//!   nearest rank, the value at rank `ceil(0.9 × n)`.
//! - FCR: the `first_contact_resolution` flag if exported, otherwise `contacts == 1` for a
//!   resolved ticket (and false for `contacts > 1` or an unresolved ticket with a count);
//!   tickets with neither field are left out of the denominator.
//! - Resolution rate: of the tickets opened in the period, the share resolved (at any time);
//!   unknown (not 0 %) when no ticket of the file has a resolution time at all (no such
//!   column, as the import says). Resolution time: median minutes from creation to
//!   resolution of the resolved tickets (negative gaps left out).
//! - Spike: a week whose volume is greater than mean + k × standard deviation (population) of
//!   the previous N weeks **and** at least `min_rise` tickets (default 5) and `min_relative_rise`
//!   (default 50 %) above that mean, so that +1 ticket over a flat baseline (standard deviation
//!   0) is no spike; needs at least `min_baseline_weeks` previous weeks. Empty weeks between the
//!   first and last ticket count as 0.
//! - Latest complete week and month: the data ends on the day of the last ticket, so the week
//!   or month around that day is partial unless the day is its last (Sunday, month end). The
//!   "latest" ticket volume is that of the last complete month, not the partial one.
//! - Leads are judged one by one: the lead-response KPI is the share of a month's leads first
//!   contacted within 5 minutes (300 s, inclusive) of coming in; a lead never contacted counts
//!   as not within 5 minutes. Unknown is not zero: a lead contacted before it came in (a data
//!   error) is left out of the share, and a file in which no lead has a first contact at all
//!   (no such column) has no share. The median minutes to first contact of the contacted
//!   leads is kept as its own figure.

use crate::util::{date_str, iso_week_label, median_sorted, month_str, percentile_nearest_rank};
use crate::util::{plausible, quarter_ranges, range_spans, ratio, sort_f64, year_ranges};
use records::{Date, DateTime, Lead, Month, Ticket};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Spike detection parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpikeOptions {
    /// Number of previous weeks forming the baseline (default 8).
    pub baseline_weeks: usize,
    /// Standard deviations above the baseline mean (default 2).
    pub k: f64,
    /// Fewer previous weeks than this → no verdict (default 4).
    pub min_baseline_weeks: usize,
    /// Tickets a spike week must have above the baseline mean at least (default 5).
    #[serde(default = "default_min_rise")]
    pub min_rise: u32,
    /// Share a spike week must lie above the baseline mean at least (default 0.5 = +50 %).
    #[serde(default = "default_min_relative_rise")]
    pub min_relative_rise: f64,
}

fn default_min_rise() -> u32 {
    5
}

fn default_min_relative_rise() -> f64 {
    0.5
}

impl Default for SpikeOptions {
    fn default() -> Self {
        SpikeOptions {
            baseline_weeks: 8,
            k: 2.0,
            min_baseline_weeks: 4,
            min_rise: default_min_rise(),
            min_relative_rise: default_min_relative_rise(),
        }
    }
}

/// Options of the ticket analysis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketOptions {
    /// Spike detection.
    pub spikes: SpikeOptions,
}

/// Ticket volume of one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketWeek {
    /// ISO week, e.g. `2025-W48`.
    pub week: String,
    /// Monday of the week.
    #[serde(with = "date_str")]
    pub week_start: Date,
    /// Tickets opened.
    pub opened: u32,
    /// Opened tickets per urgency (`unknown` when missing).
    pub by_urgency: BTreeMap<String, u32>,
    /// Opened tickets per type (`unknown` when missing).
    pub by_type: BTreeMap<String, u32>,
}

/// Ticket figures of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketMonth {
    /// The month.
    #[serde(with = "month_str")]
    pub month: Month,
    /// Tickets opened.
    pub opened: u32,
    /// Of those, resolved.
    pub resolved: u32,
    /// Resolved ÷ opened.
    pub resolution_rate: Option<f64>,
    /// Median minutes from creation to resolution of the resolved tickets.
    #[serde(default)]
    pub resolution_median_minutes: Option<f64>,
    /// Tickets with a (valid) first response.
    pub responded: u32,
    /// Median first response time in minutes.
    pub first_response_median_minutes: Option<f64>,
    /// Nearest-rank 90th percentile of the first response time in minutes.
    pub first_response_p90_minutes: Option<f64>,
    /// Tickets whose first-contact resolution is known.
    pub fcr_known: u32,
    /// Of those, resolved in the first contact.
    pub fcr_resolved: u32,
    /// `fcr_resolved ÷ fcr_known`.
    pub fcr: Option<f64>,
    /// Opened tickets per urgency.
    pub by_urgency: BTreeMap<String, u32>,
    /// Opened tickets per type.
    pub by_type: BTreeMap<String, u32>,
}

/// Ticket figures of a quarter, pooled from its tickets (medians and p90 over all its
/// response times, not averaged from months).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketPeriod {
    /// `2025-Q1`.
    pub label: String,
    /// Tickets opened.
    pub opened: u32,
    /// Of those, resolved.
    pub resolved: u32,
    /// Resolved ÷ opened.
    pub resolution_rate: Option<f64>,
    /// Tickets with a (valid) first response.
    pub responded: u32,
    /// Median first response time in minutes.
    pub first_response_median_minutes: Option<f64>,
    /// Nearest-rank p90 of the first response time in minutes.
    pub first_response_p90_minutes: Option<f64>,
    /// Tickets whose first-contact resolution is known.
    pub fcr_known: u32,
    /// Of those, resolved in the first contact.
    pub fcr_resolved: u32,
    /// `fcr_resolved ÷ fcr_known`.
    pub fcr: Option<f64>,
}

/// A week flagged as a spike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spike {
    /// ISO week label.
    pub week: String,
    /// Monday of the week.
    #[serde(with = "date_str")]
    pub week_start: Date,
    /// Tickets opened that week.
    pub volume: u32,
    /// Mean of the baseline weeks.
    pub baseline_mean: f64,
    /// Population standard deviation of the baseline weeks.
    pub baseline_stddev: f64,
    /// mean + k × stddev; the volume exceeded it.
    pub threshold: f64,
}

/// Everything the ticket analysis produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketReport {
    /// Every ISO week from the first to the last ticket.
    pub weeks: Vec<TicketWeek>,
    /// Every month from the first to the last ticket.
    pub months: Vec<TicketMonth>,
    /// Calendar quarters overlapping the months.
    pub quarters: Vec<TicketPeriod>,
    /// Calendar years overlapping the months, then the requested month ranges
    /// (`ReportOptions::ranges`), each pooled over its tickets; labelled `2025` and
    /// `2025-01..2025-06`.
    #[serde(default)]
    pub periods: Vec<TicketPeriod>,
    /// Spike weeks, oldest first.
    pub spikes: Vec<Spike>,
    /// The last month the data covers to its last day (see the module docs); `None` when no
    /// month is complete.
    #[serde(default, with = "month_opt_str")]
    pub latest_complete_month: Option<Month>,
    /// The last ISO week the data covers to its Sunday, e.g. `2025-W05`.
    #[serde(default)]
    pub latest_complete_week: Option<String>,
}

/// `Option<Month>` as `"2025-01"` or null.
mod month_opt_str {
    use records::Month;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(m: &Option<Month>, s: S) -> Result<S::Ok, S::Error> {
        m.map(|m| m.to_string()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Month>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        text.map(|t| {
            crate::util::month_str::parse(&t)
                .ok_or_else(|| serde::de::Error::custom(format!("expected YYYY-MM, found {t:?}")))
        })
        .transpose()
    }
}

/// Indices of `volumes` that are spikes, with baseline mean, standard deviation and threshold.
pub fn detect_spikes(volumes: &[u32], options: &SpikeOptions) -> Vec<(usize, f64, f64, f64)> {
    let mut out = Vec::new();
    let n_base = options.baseline_weeks.max(1);
    for (i, &v) in volumes.iter().enumerate() {
        let from = i.saturating_sub(n_base);
        let base = &volumes[from..i];
        if base.len() < options.min_baseline_weeks.max(1) {
            continue;
        }
        let n = base.len() as f64;
        let mean = base.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
        let var = base.iter().map(|&x| (f64::from(x) - mean).powi(2)).sum::<f64>() / n;
        let sd = var.sqrt();
        let threshold = mean + options.k * sd;
        let v = f64::from(v);
        // A flat baseline has no spread, so the statistical test alone would flag +1 ticket.
        let big_enough = v - mean >= f64::from(options.min_rise)
            && v >= mean * (1.0 + options.min_relative_rise);
        if v > threshold && big_enough {
            out.push((i, mean, sd, threshold));
        }
    }
    out
}

fn label(value: Option<&str>) -> String {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => "unknown".to_string(),
    }
}

/// Canonical urgency (`low`, `normal`, `high`, `urgent`) for the labels help desks export in
/// German or English, so that one company's German and English files group together; other
/// labels are kept as they are (lower-cased).
pub fn urgency_id(value: Option<&str>) -> String {
    let raw = label(value);
    let lower = raw.to_lowercase();
    match lower.as_str() {
        "low" | "niedrig" | "gering" | "p4" | "4" => "low".into(),
        "normal" | "medium" | "mittel" | "p3" | "3" => "normal".into(),
        "high" | "hoch" | "p2" | "2" => "high".into(),
        "urgent" | "dringend" | "critical" | "kritisch" | "sehr hoch" | "p1" | "1" => {
            "urgent".into()
        }
        _ => lower,
    }
}

/// Canonical ticket type (`question`, `problem`, `complaint`, `incident`, `task`) for German
/// and English labels; other labels are kept (lower-cased).
pub fn ticket_type_id(value: Option<&str>) -> String {
    let raw = label(value);
    let lower = raw.to_lowercase();
    match lower.as_str() {
        "question" | "frage" | "anfrage" => "question".into(),
        "problem" | "störung" | "fehler" | "bug" => "problem".into(),
        "complaint" | "beschwerde" | "reklamation" => "complaint".into(),
        "incident" | "vorfall" => "incident".into(),
        "task" | "aufgabe" => "task".into(),
        _ => lower,
    }
}

fn minutes(from: DateTime, to: DateTime) -> Option<f64> {
    let secs = to.seconds_since(from);
    (secs >= 0).then(|| secs as f64 / 60.0)
}

fn fcr_of(t: &Ticket) -> Option<bool> {
    if let Some(flag) = t.first_contact_resolution {
        return Some(flag);
    }
    t.contacts.map(|c| c == 1 && t.resolved.is_some())
}

/// Weekly and monthly ticket figures and spikes; `None` without tickets.
pub fn tickets(tickets: &[Ticket], options: &TicketOptions) -> Option<TicketReport> {
    tickets_with_ranges(tickets, options, &[])
}

/// [`tickets`] with pooled figures for the given month ranges as well.
pub fn tickets_with_ranges(
    tickets: &[Ticket],
    options: &TicketOptions,
    ranges: &[(Month, Month)],
) -> Option<TicketReport> {
    let dates = || tickets.iter().map(|t| t.created.date()).filter(|d| plausible(*d));
    let first_day = dates().min()?;
    let last_day = dates().max()?;
    let first_week = first_day.week_start();
    let n_weeks = ((last_day.week_start().days() - first_week.days()) / 7 + 1) as usize;
    let mut weeks: Vec<TicketWeek> = (0..n_weeks)
        .map(|i| {
            let week_start = first_week.add_days(7 * i as i32);
            TicketWeek {
                week: iso_week_label(week_start),
                week_start,
                opened: 0,
                by_urgency: BTreeMap::new(),
                by_type: BTreeMap::new(),
            }
        })
        .collect();
    let (first_month, last_month) = (first_day.month(), last_day.month());
    let n_months = (last_month.since(first_month) + 1) as usize;
    let mut months: Vec<TicketMonth> = first_month
        .through(last_month)
        .map(|month| TicketMonth {
            month,
            opened: 0,
            resolved: 0,
            resolution_rate: None,
            resolution_median_minutes: None,
            responded: 0,
            first_response_median_minutes: None,
            first_response_p90_minutes: None,
            fcr_known: 0,
            fcr_resolved: 0,
            fcr: None,
            by_urgency: BTreeMap::new(),
            by_type: BTreeMap::new(),
        })
        .collect();
    let mut response_minutes: Vec<Vec<f64>> = vec![Vec::new(); n_months];
    let mut resolution_minutes: Vec<Vec<f64>> = vec![Vec::new(); n_months];
    // A file without a single resolution has no resolution column: its rate is unknown.
    let records_resolution = tickets.iter().any(|t| t.resolved.is_some());
    for t in tickets {
        let day = t.created.date();
        if !plausible(day) {
            continue;
        }
        let urgency = urgency_id(t.urgency.as_deref());
        let kind = ticket_type_id(t.ticket_type.as_deref());
        let w_idx = ((day.week_start().days() - first_week.days()) / 7) as usize;
        if let Some(w) = weeks.get_mut(w_idx) {
            w.opened += 1;
            *w.by_urgency.entry(urgency.clone()).or_default() += 1;
            *w.by_type.entry(kind.clone()).or_default() += 1;
        }
        let m_idx = day.month().since(first_month) as usize;
        let Some(m) = months.get_mut(m_idx) else { continue };
        m.opened += 1;
        m.resolved += u32::from(t.resolved.is_some());
        *m.by_urgency.entry(urgency).or_default() += 1;
        *m.by_type.entry(kind).or_default() += 1;
        if let Some(min) = t.first_response.and_then(|r| minutes(t.created, r)) {
            response_minutes[m_idx].push(min);
        }
        if let Some(min) = t.resolved.and_then(|r| minutes(t.created, r)) {
            resolution_minutes[m_idx].push(min);
        }
        if let Some(fcr) = fcr_of(t) {
            m.fcr_known += 1;
            m.fcr_resolved += u32::from(fcr);
        }
    }
    for ((m, mins), resolution) in
        months.iter_mut().zip(response_minutes.iter_mut()).zip(resolution_minutes.iter_mut())
    {
        sort_f64(mins);
        sort_f64(resolution);
        m.responded = mins.len() as u32;
        m.first_response_median_minutes = median_sorted(mins);
        m.first_response_p90_minutes = percentile_nearest_rank(mins, 90.0);
        m.resolution_median_minutes = median_sorted(resolution);
        m.resolution_rate =
            ratio(f64::from(m.resolved), f64::from(m.opened)).filter(|_| records_resolution);
        m.fcr = ratio(f64::from(m.fcr_resolved), f64::from(m.fcr_known));
    }
    let quarters: Vec<TicketPeriod> = quarter_ranges(first_month, months.len())
        .into_iter()
        .map(|(label, range)| pooled(label, &months, &response_minutes, range))
        .collect();
    let mut spans = year_ranges(first_month, months.len());
    spans.extend(range_spans(first_month, months.len(), ranges));
    let periods: Vec<TicketPeriod> = spans
        .into_iter()
        .map(|(label, range)| pooled(label, &months, &response_minutes, range))
        .collect();
    let volumes: Vec<u32> = weeks.iter().map(|w| w.opened).collect();
    let spikes = detect_spikes(&volumes, &options.spikes)
        .into_iter()
        .map(|(i, mean, sd, threshold)| Spike {
            week: weeks[i].week.clone(),
            week_start: weeks[i].week_start,
            volume: volumes[i],
            baseline_mean: mean,
            baseline_stddev: sd,
            threshold,
        })
        .collect();
    // A period is complete when the data reaches its last day.
    let latest_complete_month =
        if last_day == last_month.last_day() { Some(last_month) } else { Some(last_month.add(-1)) }
            .filter(|m| *m >= first_month);
    let latest_complete_week =
        weeks.iter().rev().find(|w| w.week_start.add_days(6) <= last_day).map(|w| w.week.clone());
    Some(TicketReport {
        weeks,
        months,
        quarters,
        periods,
        spikes,
        latest_complete_month,
        latest_complete_week,
    })
}

/// Pools the months `range` (indices into `months`): counts summed, response times merged
/// before the median and p90 are taken.
fn pooled(
    label: String,
    months: &[TicketMonth],
    response_minutes: &[Vec<f64>],
    range: std::ops::Range<usize>,
) -> TicketPeriod {
    let ms = months.get(range.clone()).unwrap_or(&[]);
    let mut mins: Vec<f64> = response_minutes.get(range).unwrap_or(&[]).concat();
    sort_f64(&mut mins);
    let opened = ms.iter().map(|m| m.opened).sum::<u32>();
    let resolved = ms.iter().map(|m| m.resolved).sum::<u32>();
    let fcr_known = ms.iter().map(|m| m.fcr_known).sum::<u32>();
    let fcr_resolved = ms.iter().map(|m| m.fcr_resolved).sum::<u32>();
    TicketPeriod {
        label,
        opened,
        resolved,
        // Months carry no rate when the file has no resolution column; nor does a period.
        resolution_rate: ratio(f64::from(resolved), f64::from(opened))
            .filter(|_| months.iter().any(|m| m.resolution_rate.is_some())),
        responded: mins.len() as u32,
        first_response_median_minutes: median_sorted(&mins),
        first_response_p90_minutes: percentile_nearest_rank(&mins, 90.0),
        fcr_known,
        fcr_resolved,
        fcr: ratio(f64::from(fcr_resolved), f64::from(fcr_known)),
    }
}

/// Lead response figures of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadMonth {
    /// Month the leads came in.
    #[serde(with = "month_str")]
    pub month: Month,
    /// Leads.
    pub leads: u32,
    /// Leads with a (valid) first contact.
    pub contacted: u32,
    /// Leads contacted within 5 minutes.
    pub contacted_within_5_min: u32,
    /// Leads whose response is known: contacted (at or after coming in) or never contacted,
    /// when the file records first contacts at all.
    #[serde(default)]
    pub judged: u32,
    /// `contacted_within_5_min ÷ judged`.
    pub share_within_5_min: Option<f64>,
    /// Median minutes to first contact of the contacted leads.
    pub median_minutes_to_contact: Option<f64>,
}

/// Lead response per month; `None` without leads.
pub fn leads(leads: &[Lead]) -> Option<Vec<LeadMonth>> {
    let dates = || leads.iter().map(|l| l.created.date()).filter(|d| plausible(*d));
    let first = dates().min()?.month();
    let last = dates().max()?.month();
    let mut mins: Vec<Vec<f64>> = vec![Vec::new(); (last.since(first) + 1) as usize];
    let mut out: Vec<LeadMonth> = first
        .through(last)
        .map(|month| LeadMonth {
            month,
            leads: 0,
            contacted: 0,
            contacted_within_5_min: 0,
            judged: 0,
            share_within_5_min: None,
            median_minutes_to_contact: None,
        })
        .collect();
    // Without a single first contact the file does not record contacts: nothing is judged.
    let records_contacts = leads.iter().any(|l| l.first_contact.is_some());
    for l in leads {
        let idx = l.created.date().month().since(first) as usize;
        let Some(m) = out.get_mut(idx) else { continue };
        m.leads += 1;
        match l.first_contact.map(|c| minutes(l.created, c)) {
            Some(Some(min)) => {
                m.contacted += 1;
                m.judged += 1;
                m.contacted_within_5_min += u32::from(min <= 5.0);
                mins[idx].push(min);
            }
            // Contacted before it came in: its response time is unknown.
            Some(None) => {}
            None => m.judged += u32::from(records_contacts),
        }
    }
    for (m, v) in out.iter_mut().zip(mins.iter_mut()) {
        sort_f64(v);
        m.median_minutes_to_contact = median_sorted(v);
        m.share_within_5_min = ratio(f64::from(m.contacted_within_5_min), f64::from(m.judged));
    }
    Some(out)
}
