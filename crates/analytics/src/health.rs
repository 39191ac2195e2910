//! Health score per account and the at-risk list.
//!
//! Components, each normalised to 0–100 against fixed targets (deterministic, independent of
//! the other accounts; `min(100, value ÷ target × 100)`):
//! - frequency: distinct active days of the account in the 30-day window ending `as_of`;
//! - breadth: distinct active users of the account in the window;
//! - depth: distinct event names of the account in the window (only when the dataset has
//!   event names);
//! - NPS: the account's latest NPS answer up to `as_of` (the lowest of that day's), score × 10
//!   (only when it has one);
//! - tickets: tickets of the account open at `as_of`, `max(0, 100 − open × 100 ÷
//!   zero_at_open_tickets)` (only when the ticket data names customers).
//!
//! Score = weighted mean of the available components (weights are renormalised over the
//! available ones). The previous score uses the 30 days before the window, and NPS and
//! tickets as of that window's last day. Accounts are those with usage in the two windows
//! (60 days up to `as_of`) plus subscription customers active on `as_of`; accounts seen only
//! earlier are left out as long gone, and so are accounts whose subscriptions all ended
//! before `as_of` (churned, no longer at risk).
//!
//! Unknown is not zero: a part whose input is missing is left out of the account's score
//! (the other parts' weights renormalised), never scored 0, and the account says which parts
//! were used and why the others were not ([`AccountHealth::left_out`]):
//! - the usage parts (frequency, breadth, depth) only for accounts the usage data names at
//!   any date; a subscription customer the usage file does not know (its accounts are keyed
//!   by another column) has unknown usage, not none, and is not at risk for it;
//! - depth only when the usage data has event names;
//! - NPS only for accounts with an NPS answer up to the day;
//! - tickets only when the ticket data names customers and at least one of them is an
//!   account here (a ticket file keyed by other ids says nothing about these accounts).
//!
//! An account with no part left has no score and is on no at-risk list.
//!
//! At risk: score below `at_risk_below`, or fallen by at least `drop_points`; each with the
//! reasons that apply.

use crate::util::{date_str, plausible, ratio, Interner};
use records::{Date, Subscriptions, SurveyAnswer, SurveyKind, Ticket, UsageEvent};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Component weights (any non-negative numbers; they are reported with their sum).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HealthWeights {
    /// Active days.
    pub frequency: f64,
    /// Active users.
    pub breadth: f64,
    /// Features used.
    pub depth: f64,
    /// Latest NPS.
    pub nps: f64,
    /// Open tickets (inverted).
    pub tickets: f64,
}

impl Default for HealthWeights {
    fn default() -> Self {
        HealthWeights { frequency: 0.3, breadth: 0.2, depth: 0.2, nps: 0.15, tickets: 0.15 }
    }
}

impl HealthWeights {
    /// Sum of all weights.
    pub fn sum(&self) -> f64 {
        self.frequency + self.breadth + self.depth + self.nps + self.tickets
    }
}

/// Values that score 100 (or 0 for tickets).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HealthTargets {
    /// Active days in 30 that score 100 (default 15).
    pub active_days: u32,
    /// Active users that score 100 (default 5).
    pub active_users: u32,
    /// Distinct features that score 100 (default 5).
    pub features: u32,
    /// Open tickets that score 0 (default 5).
    pub zero_at_open_tickets: u32,
}

impl Default for HealthTargets {
    fn default() -> Self {
        HealthTargets { active_days: 15, active_users: 5, features: 5, zero_at_open_tickets: 5 }
    }
}

/// Options of the health analysis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HealthOptions {
    /// Component weights.
    pub weights: HealthWeights,
    /// Normalisation targets.
    pub targets: HealthTargets,
    /// Last day of the window; `None` = day of the latest usage event.
    pub as_of: Option<Date>,
    /// Scores below this are at risk (default 50).
    pub at_risk_below: f64,
    /// A fall of at least this many points is at risk (default 15).
    pub drop_points: f64,
    /// From this many open tickets on, `ManyOpenTickets` (default 3).
    pub many_open_tickets: u32,
    /// At most this many active users → `FewUsers` (default 1).
    pub few_users: u32,
}

impl Default for HealthOptions {
    fn default() -> Self {
        HealthOptions {
            weights: HealthWeights::default(),
            targets: HealthTargets::default(),
            as_of: None,
            at_risk_below: 50.0,
            drop_points: 15.0,
            many_open_tickets: 3,
            few_users: 1,
        }
    }
}

/// Normalised components (0–100); `None` when the data for one is missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthComponents {
    /// Active days.
    pub frequency: Option<f64>,
    /// Active users.
    pub breadth: Option<f64>,
    /// Features used.
    pub depth: Option<f64>,
    /// Latest NPS × 10.
    pub nps: Option<f64>,
    /// Open tickets, inverted.
    pub tickets: Option<f64>,
}

/// One part of the health score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthPart {
    /// Active days.
    Frequency,
    /// Active users.
    Breadth,
    /// Features used.
    Depth,
    /// Latest NPS answer.
    Nps,
    /// Open tickets.
    Tickets,
}

impl HealthPart {
    /// Every part, in the order of [`HealthWeights`].
    pub const ALL: [HealthPart; 5] = [
        HealthPart::Frequency,
        HealthPart::Breadth,
        HealthPart::Depth,
        HealthPart::Nps,
        HealthPart::Tickets,
    ];

    /// `Nutzungstage` / `active days`.
    pub fn label(self, de: bool) -> &'static str {
        match (self, de) {
            (HealthPart::Frequency, true) => "Nutzungstage",
            (HealthPart::Frequency, false) => "active days",
            (HealthPart::Breadth, true) => "aktive Nutzer",
            (HealthPart::Breadth, false) => "active users",
            (HealthPart::Depth, true) => "genutzte Funktionen",
            (HealthPart::Depth, false) => "features used",
            (HealthPart::Nps, true) => "NPS",
            (HealthPart::Nps, false) => "NPS",
            (HealthPart::Tickets, true) => "offene Tickets",
            (HealthPart::Tickets, false) => "open tickets",
        }
    }
}

/// Why a part was left out of an account's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// The usage data does not name this account (at any date).
    NotInUsage,
    /// The usage data has no event names.
    NoEventNames,
    /// The account has no NPS answer up to the day.
    NoNpsAnswer,
    /// No ticket data names one of the accounts.
    NoTicketData,
}

impl Missing {
    /// `nicht in den Nutzungsdaten` / `not in the usage data`.
    pub fn label(self, de: bool) -> &'static str {
        match (self, de) {
            (Missing::NotInUsage, true) => "nicht in den Nutzungsdaten",
            (Missing::NotInUsage, false) => "not in the usage data",
            (Missing::NoEventNames, true) => "Nutzungsdaten ohne Ereignisnamen",
            (Missing::NoEventNames, false) => "usage data without event names",
            (Missing::NoNpsAnswer, true) => "keine NPS-Antwort",
            (Missing::NoNpsAnswer, false) => "no NPS answer",
            (Missing::NoTicketData, true) => "keine Tickets zu diesen Kunden",
            (Missing::NoTicketData, false) => "no tickets naming these customers",
        }
    }
}

/// A part left out of an account's score, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    /// The part.
    pub part: HealthPart,
    /// Why its input is missing.
    pub why: Missing,
}

/// Health of one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountHealth {
    /// Account id.
    pub account: String,
    /// Weighted score 0–100.
    pub score: Option<f64>,
    /// Score of the previous 30-day window.
    pub previous_score: Option<f64>,
    /// Current components.
    pub components: HealthComponents,
    /// Active days in the window.
    pub active_days: u32,
    /// Active days in the previous window.
    pub previous_active_days: u32,
    /// Distinct active users in the window.
    pub active_users: u32,
    /// Distinct features in the window.
    pub features: u32,
    /// Latest NPS score.
    pub latest_nps: Option<f64>,
    /// Open tickets at `as_of`.
    pub open_tickets: Option<u32>,
    /// Whether the usage data names this account (otherwise its usage is unknown).
    #[serde(default)]
    pub usage_known: bool,
    /// The parts its score was computed from.
    #[serde(default)]
    pub used: Vec<HealthPart>,
    /// The parts left out, each with the reason.
    #[serde(default)]
    pub left_out: Vec<LeftOut>,
}

/// Why an account is at risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RiskReason {
    /// Score below the threshold.
    LowScore {
        /// The score.
        score: f64,
    },
    /// Score fell by at least the configured points.
    ScoreDrop {
        /// Previous score.
        from: f64,
        /// Current score.
        to: f64,
    },
    /// Fewer than half the target active days.
    LowUsage {
        /// Active days in the window.
        active_days: u32,
    },
    /// Active days fell by at least 30 % against the previous window.
    FallingUsage {
        /// Previous active days.
        from: u32,
        /// Current active days.
        to: u32,
    },
    /// Latest NPS answer 0–6.
    Detractor {
        /// The score.
        score: f64,
    },
    /// Many open tickets.
    ManyOpenTickets {
        /// Open tickets.
        n: u32,
    },
    /// Few active users.
    FewUsers {
        /// Active users.
        n: u32,
    },
}

/// An account on the at-risk list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtRisk {
    /// Account id.
    pub account: String,
    /// Current score.
    pub score: Option<f64>,
    /// previous − current score, when both exist.
    pub drop: Option<f64>,
    /// Reasons, most important first.
    pub reasons: Vec<RiskReason>,
    /// Parts left out of the score for missing input (as in [`AccountHealth::left_out`]).
    #[serde(default)]
    pub left_out: Vec<LeftOut>,
}

/// Everything the health analysis produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthReport {
    /// Last day of the window.
    #[serde(with = "date_str")]
    pub as_of: Date,
    /// Window length in days (30).
    pub window_days: u32,
    /// Weights used.
    pub weights: HealthWeights,
    /// Their sum.
    pub weights_sum: f64,
    /// Every account, lowest score first.
    pub accounts: Vec<AccountHealth>,
    /// At-risk accounts, lowest score first.
    pub at_risk: Vec<AtRisk>,
    /// Number of accounts (also when `accounts` was trimmed for display).
    pub accounts_total: usize,
    /// Number of at-risk accounts (also when `at_risk` was trimmed for display).
    pub at_risk_total: usize,
    /// Mean score of the accounts that have one.
    pub mean_score: Option<f64>,
    /// Scored accounts per band of ten points: `[0, 10)`, `[10, 20)`, …, `[90, 100]`.
    pub score_histogram: [u32; 10],
    /// Listed accounts whose usage is unknown (the usage data does not name them).
    #[serde(default)]
    pub usage_unknown: usize,
}

impl HealthReport {
    /// A copy for display with at most `max_accounts` accounts and `max_at_risk` at-risk
    /// entries (the lowest scores); totals, mean and histogram still describe every account.
    /// A browser tab needs no list of a million accounts to draw a distribution.
    pub fn trimmed(&self, max_accounts: usize, max_at_risk: usize) -> HealthReport {
        HealthReport {
            accounts: self.accounts.iter().take(max_accounts).cloned().collect(),
            at_risk: self.at_risk.iter().take(max_at_risk).cloned().collect(),
            ..self.clone_without_lists()
        }
    }

    fn clone_without_lists(&self) -> HealthReport {
        HealthReport {
            as_of: self.as_of,
            window_days: self.window_days,
            weights: self.weights,
            weights_sum: self.weights_sum,
            accounts: Vec::new(),
            at_risk: Vec::new(),
            accounts_total: self.accounts_total,
            at_risk_total: self.at_risk_total,
            mean_score: self.mean_score,
            score_histogram: self.score_histogram,
            usage_unknown: self.usage_unknown,
        }
    }
}

/// Mean and ten-point histogram of the scores that exist.
fn score_summary(accounts: &[AccountHealth]) -> (Option<f64>, [u32; 10]) {
    let mut histogram = [0u32; 10];
    let (mut sum, mut n) = (0.0, 0u32);
    for score in accounts.iter().filter_map(|a| a.score).filter(|s| s.is_finite()) {
        let band = ((score / 10.0).floor().clamp(0.0, 9.0)) as usize;
        histogram[band] += 1;
        sum += score;
        n += 1;
    }
    ((n > 0).then(|| sum / f64::from(n)), histogram)
}

const WINDOW: i32 = 30;

/// Raw per-account counts of one window.
#[derive(Debug, Clone, Copy, Default)]
struct Raw {
    days: u32,
    users: u32,
    features: u32,
    nps: Option<f64>,
    open: Option<u32>,
}

fn scale(value: u32, target: u32) -> f64 {
    (f64::from(value) / f64::from(target.max(1)) * 100.0).min(100.0)
}

fn components(raw: &Raw, usage: Usage, t: &HealthTargets) -> HealthComponents {
    HealthComponents {
        frequency: usage.known.then(|| scale(raw.days, t.active_days)),
        breadth: usage.known.then(|| scale(raw.users, t.active_users)),
        depth: (usage.known && usage.has_features).then(|| scale(raw.features, t.features)),
        nps: raw.nps.map(|s| s * 10.0),
        tickets: raw.open.map(|n| {
            (100.0 - f64::from(n) * 100.0 / f64::from(t.zero_at_open_tickets.max(1))).max(0.0)
        }),
    }
}

/// What is known of an account's usage.
#[derive(Debug, Clone, Copy)]
struct Usage {
    /// The usage data names the account.
    known: bool,
    /// The usage data has event names.
    has_features: bool,
}

/// The parts used and the parts left out (with why) of components `c`.
fn parts(c: &HealthComponents, usage: Usage) -> (Vec<HealthPart>, Vec<LeftOut>) {
    let (mut used, mut left_out) = (Vec::new(), Vec::new());
    for part in HealthPart::ALL {
        let value = match part {
            HealthPart::Frequency => c.frequency,
            HealthPart::Breadth => c.breadth,
            HealthPart::Depth => c.depth,
            HealthPart::Nps => c.nps,
            HealthPart::Tickets => c.tickets,
        };
        if value.is_some() {
            used.push(part);
            continue;
        }
        let why = match part {
            HealthPart::Frequency | HealthPart::Breadth => Missing::NotInUsage,
            HealthPart::Depth if !usage.known => Missing::NotInUsage,
            HealthPart::Depth => Missing::NoEventNames,
            HealthPart::Nps => Missing::NoNpsAnswer,
            HealthPart::Tickets => Missing::NoTicketData,
        };
        left_out.push(LeftOut { part, why });
    }
    (used, left_out)
}

/// Weighted mean of the available components.
pub fn weighted_score(c: &HealthComponents, w: &HealthWeights) -> Option<f64> {
    let parts = [
        (c.frequency, w.frequency),
        (c.breadth, w.breadth),
        (c.depth, w.depth),
        (c.nps, w.nps),
        (c.tickets, w.tickets),
    ];
    let (mut sum, mut weights) = (0.0, 0.0);
    for (value, weight) in parts {
        if let Some(v) = value {
            let weight = weight.max(0.0);
            sum += v * weight;
            weights += weight;
        }
    }
    ratio(sum, weights)
}

/// Counts active days, users and features per account for the days `from..=to`.
fn window_counts(
    events: &[(u32, i32, u32, Option<u32>)],
    n_accounts: usize,
    from: i32,
    to: i32,
) -> Vec<Raw> {
    let mut days: Vec<(u32, i32)> = Vec::new();
    let mut users: Vec<(u32, u32)> = Vec::new();
    let mut features: Vec<(u32, u32)> = Vec::new();
    for &(acc, day, user, feature) in events.iter().filter(|e| (from..=to).contains(&e.1)) {
        days.push((acc, day));
        users.push((acc, user));
        if let Some(f) = feature {
            features.push((acc, f));
        }
    }
    let mut raw = vec![Raw::default(); n_accounts];
    fn count<T: Ord + Copy>(v: &mut Vec<(u32, T)>, raw: &mut [Raw], set: fn(&mut Raw)) {
        v.sort_unstable();
        v.dedup();
        for &(acc, _) in v.iter() {
            if let Some(r) = raw.get_mut(acc as usize) {
                set(r);
            }
        }
    }
    count(&mut days, &mut raw, |r| r.days += 1);
    count(&mut users, &mut raw, |r| r.users += 1);
    count(&mut features, &mut raw, |r| r.features += 1);
    raw
}

/// An account's subscriptions on `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubState {
    /// No subscription rows (trials, free plans): listed.
    NoRows,
    /// Rows, none active: churned, not listed.
    Ended,
    /// At least one active row: listed.
    Active,
}

/// Health scores and the at-risk list; `None` without usage events naming an account.
pub fn health(
    usage: &[UsageEvent],
    surveys: &[SurveyAnswer],
    tickets: &[Ticket],
    subscriptions: &Subscriptions,
    options: &HealthOptions,
) -> Option<HealthReport> {
    let known = crate::usage::account_set(usage);
    health_parts(usage, &known, surveys, tickets, &[subscriptions], options)
}

/// [`health`] over subscriptions in several slices (one per dataset), which the report
/// passes without concatenating them into one copy.
pub(crate) fn health_parts(
    usage: &[UsageEvent],
    usage_accounts: &FxHashSet<&str>,
    surveys: &[SurveyAnswer],
    tickets: &[Ticket],
    subscriptions: &[&Subscriptions],
    options: &HealthOptions,
) -> Option<HealthReport> {
    let as_of = options.as_of.or_else(|| {
        let dates = usage.iter().filter(|e| e.account.is_some()).map(|e| e.timestamp.date());
        dates.filter(|d| plausible(*d)).max()
    })?;
    let mut accounts = Interner::default();
    let mut users = Interner::default();
    let mut features = Interner::default();
    let earliest = as_of.days() - 2 * WINDOW + 1;
    let mut events = Vec::new();
    for e in usage {
        let Some(acc) = e.account.as_deref() else { continue };
        let day = e.timestamp.date().days();
        // Only the two windows matter; accounts seen only earlier (long churned) stay out.
        if day < earliest || day > as_of.days() {
            continue;
        }
        let acc = accounts.intern(acc);
        let feature = e.event.as_deref().map(|f| features.intern(f));
        events.push((acc, day, users.intern(&e.user), feature));
    }
    // Subscription state on `as_of`: customers with rows but none active have churned and
    // are no longer "at risk"; customers without any rows (trials, free plans) stay. The
    // state is kept per listed account, not in a map over every subscription customer: with
    // millions of rows that map was the section's largest allocation.
    let mut state = vec![SubState::NoRows; accounts.len()];
    for s in subscriptions.iter().flat_map(|part| part.iter()) {
        let active = s.state().paid()
            && s.paid_start() <= as_of
            && s.end().is_none_or(|e| as_of < e)
            && s.amount().cents() > 0;
        if active {
            let idx = accounts.intern(s.customer()) as usize;
            if idx >= state.len() {
                state.resize(idx + 1, SubState::NoRows);
            }
            state[idx] = SubState::Active;
        } else if let Some(st) = accounts.get(s.customer()).and_then(|i| state.get_mut(i as usize))
        {
            // An account first interned by a later active row becomes `Active` anyway.
            if *st == SubState::NoRows {
                *st = SubState::Ended;
            }
        }
    }
    let n = accounts.len();
    let has_features = features.len() > 0;
    let mut current = window_counts(&events, n, as_of.days() - WINDOW + 1, as_of.days());
    let previous_end = as_of.add_days(-WINDOW);
    let mut previous = window_counts(&events, n, earliest, previous_end.days());
    for (raw, end) in [(&mut current, as_of), (&mut previous, previous_end)] {
        add_latest_nps(raw, surveys, &accounts, end);
        add_open_tickets(raw, tickets, &accounts, end);
    }
    let t = &options.targets;
    let mut list: Vec<AccountHealth> = (0..n)
        .filter(|&i| state.get(i) != Some(&SubState::Ended))
        .map(|i| {
            let (cur, prev) = (current[i], previous[i]);
            let name = accounts.name(i as u32);
            let usage = Usage { known: usage_accounts.contains(name), has_features };
            let comps = components(&cur, usage, t);
            let (used, left_out) = parts(&comps, usage);
            AccountHealth {
                account: name.to_string(),
                score: weighted_score(&comps, &options.weights),
                previous_score: weighted_score(&components(&prev, usage, t), &options.weights),
                components: comps,
                active_days: cur.days,
                previous_active_days: prev.days,
                active_users: cur.users,
                features: cur.features,
                latest_nps: cur.nps,
                open_tickets: cur.open,
                usage_known: usage.known,
                used,
                left_out,
            }
        })
        .collect();
    list.sort_by(|a, b| {
        let key = |h: &AccountHealth| h.score.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b)).then_with(|| a.account.cmp(&b.account))
    });
    let at_risk: Vec<AtRisk> = list.iter().filter_map(|h| at_risk(h, options)).collect();
    let (mean_score, score_histogram) = score_summary(&list);
    let usage_unknown = list.iter().filter(|h| !h.usage_known).count();
    Some(HealthReport {
        usage_unknown,
        as_of,
        window_days: WINDOW as u32,
        weights: options.weights,
        weights_sum: options.weights.sum(),
        accounts_total: list.len(),
        at_risk_total: at_risk.len(),
        mean_score,
        score_histogram,
        accounts: list,
        at_risk,
    })
}

/// Sets each account's latest valid NPS score (kind NPS or none) up to `end`.
fn add_latest_nps(raw: &mut [Raw], surveys: &[SurveyAnswer], accounts: &Interner, end: Date) {
    let mut latest: HashMap<u32, Date> = HashMap::new();
    for a in surveys {
        let is_nps = matches!(a.kind, Some(SurveyKind::Nps) | None);
        let valid = a.score.is_finite() && (0.0..=10.0).contains(&a.score);
        let Some(acc) = a.customer.as_deref().and_then(|c| accounts.get(c)) else { continue };
        if !is_nps || !valid || a.date > end {
            continue;
        }
        // Of several answers on the account's latest day the lowest counts, so the score does
        // not depend on the order of the file's rows (SQL has no row order to follow).
        let Some(r) = raw.get_mut(acc as usize) else { continue };
        let keep = match latest.get(&acc) {
            Some(d) if a.date < *d => false,
            Some(d) if a.date == *d => r.nps.is_none_or(|s| a.score < s),
            _ => true,
        };
        if keep {
            latest.insert(acc, a.date);
            r.nps = Some(a.score);
        }
    }
}

/// Counts each account's tickets open at the end of `end` (created before, not resolved
/// before); leaves the component out when no ticket names one of the accounts (no ticket
/// data, or ticket data keyed by other ids: what it says of these accounts is unknown).
fn add_open_tickets(raw: &mut [Raw], tickets: &[Ticket], accounts: &Interner, end: Date) {
    if !tickets.iter().any(|t| t.customer.as_deref().is_some_and(|c| accounts.get(c).is_some())) {
        return;
    }
    raw.iter_mut().for_each(|r| r.open = Some(0));
    let end_t = end.add_days(1).at_midnight();
    for t in tickets {
        let Some(acc) = t.customer.as_deref().and_then(|c| accounts.get(c)) else { continue };
        let open = t.created < end_t && t.resolved.is_none_or(|r| r >= end_t);
        if let (true, Some(r)) = (open, raw.get_mut(acc as usize)) {
            r.open = Some(r.open.unwrap_or(0) + 1);
        }
    }
}

fn at_risk(h: &AccountHealth, o: &HealthOptions) -> Option<AtRisk> {
    let drop = match (h.previous_score, h.score) {
        (Some(p), Some(s)) => Some(p - s),
        _ => None,
    };
    let low = h.score.is_some_and(|s| s < o.at_risk_below);
    let fell = drop.is_some_and(|d| d >= o.drop_points);
    if !low && !fell {
        return None;
    }
    let mut reasons = Vec::new();
    if let (true, Some(score)) = (low, h.score) {
        reasons.push(RiskReason::LowScore { score });
    }
    if let (true, Some(from), Some(to)) = (fell, h.previous_score, h.score) {
        reasons.push(RiskReason::ScoreDrop { from, to });
    }
    // Usage reasons only where usage is known: an account the usage data does not name
    // has unknown usage, not low usage.
    if h.usage_known && h.active_days * 2 < o.targets.active_days {
        reasons.push(RiskReason::LowUsage { active_days: h.active_days });
    }
    if h.previous_active_days > 0 && h.active_days * 10 <= h.previous_active_days * 7 {
        reasons.push(RiskReason::FallingUsage { from: h.previous_active_days, to: h.active_days });
    }
    if let Some(score) = h.latest_nps.filter(|s| *s < 7.0) {
        reasons.push(RiskReason::Detractor { score });
    }
    if let Some(n) = h.open_tickets.filter(|n| *n >= o.many_open_tickets) {
        reasons.push(RiskReason::ManyOpenTickets { n });
    }
    if h.usage_known && h.active_users <= o.few_users {
        reasons.push(RiskReason::FewUsers { n: h.active_users });
    }
    Some(AtRisk {
        account: h.account.clone(),
        score: h.score,
        drop,
        reasons,
        left_out: h.left_out.clone(),
    })
}
