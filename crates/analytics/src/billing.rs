//! The billing conventions every revenue figure follows, in one place: the as-of date, which
//! days of a subscription and which invoice lines make MRR, which currency is analysed, trials,
//! and the revenue that does not recur.
//!
//! # Conventions
//!
//! - **As-of date**: the analysis ends on it. By default it is the latest date in the data
//!   that records something that happened (a subscription created or started, ended or
//!   cancelled, an invoice dated, an answer given, a ticket opened, answered or resolved, a
//!   deal created or closed, a lead created or contacted, a usage event, the first day of a
//!   month with costs), never a scheduled
//!   one (the end of a current period, a trial's end, an end the export marks as scheduled).
//!   Nothing after it counts: rows that start later are left out, ends after it have not
//!   happened yet, and no month after its month appears. Its month is measured on the as-of
//!   day itself and is *partial* unless that day is the month's last.
//! - **Subscription MRR** = amount × quantity − recurring discount (per interval, see
//!   `ingest`), ÷ the interval's months. It is in force on day `d` when `paid start ≤ d <
//!   paid end`: paid start is the trial's end when a trial ends after the start, else the
//!   start; paid end is the day it ended, else the end of the current period when it is set
//!   to cancel then, else open. Never-paid subscriptions (`incomplete`,
//!   `incomplete_expired`) never count; one marked ended without any end date is left out
//!   (its end is unknown); `past_due` and `unpaid` ones count until they end and are counted
//!   in [`BillingReport::past_due`].
//! - **Trials** are counted apart and never make MRR: a trial *starts* on the subscription's
//!   start, *ends* on the earlier of its trial end and the subscription's end, and is
//!   *converted* when the subscription was paid after it (not never-paid, no end on or
//!   before the trial's end). Trial-to-paid rate of a period = converted ÷ ended, both over
//!   the trials that ended in the period by the as-of date.
//! - **Invoices**: only recurring lines make MRR (a service period, a subscription or plan
//!   id, a recurring flag; or every line of a file that marks none, see `ingest`); one-time
//!   charges and refunds/credit notes are summed apart per month ([`NonRecurringMonth`]).
//! - **Currencies** are never summed: one base currency is analysed (the user's choice, else
//!   the one with the most rows), rows in another currency count only with a conversion
//!   rate the user entered (no network), and the rest are left out and counted.

use crate::util::{date_str, month_str, plausible};
use records::{
    Currency, Dataset, Date, Invoice, LineKind, Money, Month, SubRow, SubState, Subscriptions,
};
use serde::{Deserialize, Serialize};

/// The day the analysis ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsOf {
    /// The day (`"YYYY-MM-DD"`).
    #[serde(with = "date_str")]
    pub date: Date,
    /// Whether the user chose it (`false`: the latest date that records something that
    /// happened).
    pub chosen: bool,
    /// Whether its month is cut short (the day is not the month's last).
    pub partial: bool,
}

impl AsOf {
    /// The as-of date `chosen` by the user, or the default `found` in the data.
    pub fn new(chosen: Option<Date>, found: Option<Date>) -> Option<AsOf> {
        let (date, chosen) = match (chosen, found) {
            (Some(d), _) => (d, true),
            (None, Some(d)) => (d, false),
            (None, None) => return None,
        };
        Some(AsOf { date, chosen, partial: date < date.month().last_day() })
    }

    /// The month it ends in.
    pub fn month(&self) -> Month {
        self.date.month()
    }

    /// The latest month it covers completely: the default period.
    pub fn last_complete_month(&self) -> Month {
        if self.partial {
            self.month().add(-1)
        } else {
            self.month()
        }
    }
}

/// The latest date in the data that records something that happened (see the module docs);
/// dates outside the plausible range (a year 9999 placeholder) and after `today` (what has
/// not happened yet, whatever the export calls it) are ignored.
pub fn latest_happened(datasets: &[Dataset], today: Option<Date>) -> Option<Date> {
    let mut latest: Option<Date> = None;
    let see = |latest: &mut Option<Date>, d: Date| {
        if later(*latest, today, d) {
            *latest = Some(d);
        }
    };
    for d in datasets {
        let l = &mut latest;
        match d {
            // Written out, without a call per row: the report of a million subscriptions in
            // wasm spent a tenth of its time here.
            Dataset::Subscriptions(rows) => {
                for s in rows.rows() {
                    let start = s.start();
                    if later(*l, today, start) && s.state() != SubState::Future {
                        *l = Some(start);
                    }
                    if let (Some(e), false) = (s.end(), s.end_scheduled()) {
                        if later(*l, today, e) {
                            *l = Some(e);
                        }
                    }
                }
            }
            Dataset::Invoices(rows) => rows.iter().for_each(|i| see(l, i.date)),
            Dataset::Surveys(rows) => rows.iter().for_each(|a| see(l, a.date)),
            Dataset::Tickets(rows) => rows.iter().for_each(|t| {
                see(l, t.created.date());
                t.first_response.into_iter().chain(t.resolved).for_each(|x| see(l, x.date()));
            }),
            Dataset::Deals(rows) => rows.iter().for_each(|x| {
                see(l, x.created);
                x.closed.into_iter().for_each(|c| see(l, c));
            }),
            Dataset::Leads(rows) => rows.iter().for_each(|x| {
                see(l, x.created.date());
                x.first_contact.into_iter().for_each(|c| see(l, c.date()));
            }),
            Dataset::Usage(rows) => rows.iter().for_each(|e| see(l, e.timestamp.date())),
            // Accounts carry no dates.
            Dataset::Accounts(_) => {}
            // A cost row names a month: its spending had begun by the month's first day.
            Dataset::Costs(rows) => rows.iter().for_each(|c| see(l, c.month.first_day())),
        }
    }
    latest
}

/// Whether `d` is later than `latest`, plausible and not after `today` (what
/// [`latest_happened`] keeps).
#[inline(always)]
fn later(latest: Option<Date>, today: Option<Date>, d: Date) -> bool {
    latest.is_none_or(|l| d > l) && plausible(d) && today.is_none_or(|t| d <= t)
}

/// A conversion rate the user entered: one unit of `currency` is `to_base` units of the base
/// currency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    /// The foreign currency.
    pub currency: Currency,
    /// Units of the base currency per unit of it.
    pub to_base: f64,
}

/// Which currency to analyse and how to convert others (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CurrencyOptions {
    /// The currency to analyse; `None`: the one with the most rows.
    #[serde(default)]
    pub base: Option<Currency>,
    /// Conversion rates into the base currency.
    #[serde(default)]
    pub rates: Vec<Rate>,
}

/// The currencies of the revenue rows and what was done with them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrencyUse {
    /// The analysed currency.
    pub base: Currency,
    /// Whether the user chose it (`false`: the one with the most rows).
    pub chosen: bool,
    /// Rows per currency named in the files, most first.
    pub rows: Vec<(Currency, u64)>,
    /// Rates applied to rows in other currencies.
    pub converted: Vec<Rate>,
    /// Rows in another currency without a rate: left out.
    pub left_out: u64,
}

/// The subscription and invoice datasets among `datasets`, each by reference: what
/// [`Terms::new`] and the revenue pass read. Not gathered into one list of rows: a
/// concatenated copy of millions of subscription rows would be a report's largest allocation.
pub(crate) fn revenue_inputs(datasets: &[Dataset]) -> (Vec<&Subscriptions>, Vec<&[Invoice]>) {
    let subs = datasets
        .iter()
        .filter_map(|d| if let Dataset::Subscriptions(v) = d { Some(v) } else { None })
        .collect();
    let invoices = datasets
        .iter()
        .filter_map(|d| if let Dataset::Invoices(v) = d { Some(v.as_slice()) } else { None })
        .collect();
    (subs, invoices)
}

/// The rules one report applies to subscriptions and invoices.
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    pub(crate) as_of: Option<Date>,
    base: Option<Currency>,
    rates: Vec<Rate>,
}

impl Terms {
    /// The terms for these rows: the as-of date and the currency choice (resolved against the
    /// currencies the rows name).
    pub(crate) fn new(
        as_of: Option<Date>,
        options: &CurrencyOptions,
        subs: &[&Subscriptions],
        invoices: &[&[Invoice]],
    ) -> (Terms, Option<CurrencyUse>) {
        let mut rows: Vec<(Currency, u64)> = Vec::new();
        let mut count = |c: Option<Currency>, n: u64| {
            let Some(c) = c else { return };
            match rows.iter_mut().find(|(x, _)| *x == c) {
                Some((_, m)) => *m += n,
                None => rows.push((c, n)),
            }
        };
        // Runs of one currency are counted at once: files name one currency on most rows,
        // and a search per row was a tenth of the report of a million rows in wasm.
        for part in subs {
            let mut run: Option<(Option<Currency>, u64)> = None;
            for s in part.rows() {
                let c = s.currency();
                match &mut run {
                    Some((r, n)) if *r == c => *n += 1,
                    _ => {
                        if let Some((r, n)) = run.replace((c, 1)) {
                            count(r, n);
                        }
                    }
                }
            }
            if let Some((r, n)) = run {
                count(r, n);
            }
        }
        for i in invoices.iter().flat_map(|p| p.iter()) {
            count(i.currency, 1);
        }
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let base = options.base.or_else(|| rows.first().map(|r| r.0));
        let valid =
            |r: &&Rate| r.to_base.is_finite() && r.to_base > 0.0 && Some(r.currency) != base;
        let rates: Vec<Rate> = options.rates.iter().filter(valid).copied().collect();
        let terms = Terms { as_of, base, rates };
        let usage = base.map(|base| {
            let converted: Vec<Rate> = terms
                .rates
                .iter()
                .filter(|r| rows.iter().any(|(c, _)| *c == r.currency))
                .copied()
                .collect();
            let left_out = rows
                .iter()
                .filter(|(c, _)| *c != base && !converted.iter().any(|r| r.currency == *c))
                .map(|(_, n)| n)
                .sum();
            CurrencyUse { base, chosen: options.base.is_some(), rows, converted, left_out }
        });
        (terms, usage)
    }

    /// The amount in the base currency; `None` when it is in another currency without a rate.
    /// A row without a currency is taken to be in the base currency (its file names none).
    #[inline(always)]
    pub(crate) fn amount(&self, amount: Money, currency: Option<Currency>) -> Option<Money> {
        match (currency, self.base) {
            (None, _) | (_, None) => Some(amount),
            (Some(c), Some(base)) if c == base => Some(amount),
            (Some(c), Some(_)) => {
                let rate = self.rates.iter().find(|r| r.currency == c)?;
                Money::from_f64(amount.as_f64() * rate.to_base)
            }
        }
    }

    /// The days the subscription pays for, as of the as-of date: `[paid start, paid end)`,
    /// with an end after the as-of date not yet happened (open). `None` when it never counts.
    #[inline(always)]
    pub(crate) fn paid_days(&self, s: &SubRow) -> Option<(Date, Option<Date>)> {
        if !s.state().paid() || (s.state() == SubState::Ended && s.end().is_none()) {
            return None;
        }
        let start = s.paid_start();
        let mut end = s.end();
        if let Some(a) = self.as_of {
            if start > a {
                return None;
            }
            if end.is_some_and(|e| e > a) {
                end = None;
            }
        }
        Some((start, end))
    }

    /// Whether an invoice line makes MRR: a recurring line dated by the as-of date.
    pub(crate) fn recurring(&self, inv: &Invoice) -> bool {
        inv.line == LineKind::Recurring && self.as_of.is_none_or(|a| inv.date <= a)
    }
}

/// Trials of one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialMonth {
    /// The month.
    #[serde(with = "month_str")]
    pub month: Month,
    /// Trials that started in it.
    pub started: u32,
    /// Trials that ended in it (by the as-of date), converted or not.
    pub ended: u32,
    /// Of those, the ones that became paying.
    pub converted: u32,
}

/// One-time charges and refunds of one month (from invoices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonRecurringMonth {
    /// The month of the invoice date.
    #[serde(with = "month_str")]
    pub month: Month,
    /// One-time charges (setup fees, one-off purchases).
    pub one_time: Money,
    /// Refunds and credit notes (a negative amount).
    pub refunds: Money,
    /// Lines behind both.
    pub lines: u32,
}

impl NonRecurringMonth {
    /// Non-recurring revenue: one-time charges plus (negative) refunds.
    pub fn net(&self) -> Money {
        self.one_time + self.refunds
    }
}

/// What the billing conventions did with the rows, for the notes beside the figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BillingReport {
    /// The currency analysed, when the rows name any.
    pub currency: Option<CurrencyUse>,
    /// Subscriptions never paid (incomplete, incomplete_expired): never MRR.
    pub never_paid: u32,
    /// Subscriptions marked ended without an end date: left out.
    pub ended_without_date: u32,
    /// Subscriptions in MRR on the as-of date whose payments are failing (past_due,
    /// unpaid).
    pub past_due: u32,
    /// Subscriptions in their trial on the as-of date.
    pub in_trial: u32,
    /// Subscriptions set to end at a later date (cancel at period end), still in MRR on the
    /// as-of date.
    pub ending_later: u32,
    /// Trials per month (months with any).
    pub trials: Vec<TrialMonth>,
    /// One-time charges and refunds per month (months with any).
    pub non_recurring: Vec<NonRecurringMonth>,
}

/// The billing section: counts of the states the conventions treat apart, trials and
/// non-recurring revenue.
pub(crate) fn billing(
    terms: &Terms,
    subs: &[&Subscriptions],
    invoices: &[&[Invoice]],
    currency: Option<CurrencyUse>,
) -> Option<BillingReport> {
    if subs.iter().all(|p| p.is_empty()) && invoices.iter().all(|p| p.is_empty()) {
        return None;
    }
    let mut out = BillingReport { currency, ..BillingReport::default() };
    let before = |d: Date| terms.as_of.is_none_or(|a| d <= a);
    let mut trials: Vec<TrialMonth> = Vec::new();
    let trial = |month| TrialMonth { month, started: 0, ended: 0, converted: 0 };
    for s in subs.iter().flat_map(|p| p.rows()) {
        if !s.state().paid() {
            out.never_paid += 1;
        } else if s.state() == SubState::Ended && s.end().is_none() {
            out.ended_without_date += 1;
        }
        if let (Some(a), Some((start, end))) = (terms.as_of, terms.paid_days(s)) {
            let in_force = start <= a && end.is_none_or(|e| a < e);
            out.past_due += u32::from(in_force && s.state().at_risk());
            let later = s.end_scheduled() && s.end().is_some_and(|e| e > a);
            out.ending_later += u32::from(in_force && later);
        }
        if !s.had_trial() || !before(s.start()) {
            continue;
        }
        entry(&mut trials, s.start().month(), |t| t.month, trial).started += 1;
        let trial_end = s.paid_start();
        let decided = s.end().map_or(trial_end, |e| e.min(trial_end));
        if !before(decided) {
            out.in_trial += 1;
            continue;
        }
        let converted = s.state().paid() && s.end().is_none_or(|e| e > trial_end);
        let t = entry(&mut trials, decided.month(), |t| t.month, trial);
        t.ended += 1;
        t.converted += u32::from(converted);
    }
    out.trials = trials;
    let mut months: Vec<NonRecurringMonth> = Vec::new();
    for inv in invoices.iter().flat_map(|p| p.iter()) {
        if inv.line == LineKind::Recurring || !before(inv.date) {
            continue;
        }
        let Some(amount) = terms.amount(inv.amount, inv.currency) else { continue };
        let empty = |month| NonRecurringMonth {
            month,
            one_time: Money::ZERO,
            refunds: Money::ZERO,
            lines: 0,
        };
        let m = entry(&mut months, inv.date.month(), |m| m.month, empty);
        // A refund is money going back, whatever sign the export gave it.
        match inv.line {
            LineKind::Refund => m.refunds = m.refunds - Money(amount.cents().abs()),
            _ => m.one_time = m.one_time + amount,
        }
        m.lines += 1;
    }
    out.non_recurring = months;
    Some(out)
}

/// The entry of `month` in a list sorted by month, inserted with `empty` when missing.
fn entry<T>(
    list: &mut Vec<T>,
    month: Month,
    month_of: impl Fn(&T) -> Month,
    empty: impl FnOnce(Month) -> T,
) -> &mut T {
    let i = match list.binary_search_by(|x| month_of(x).cmp(&month)) {
        Ok(i) => i,
        Err(i) => {
            list.insert(i, empty(month));
            i
        }
    };
    &mut list[i]
}

/// The as-of date and what the billing conventions did, as sentences for the note beside the
/// figures (the dashboard and the CLI print the same ones). `de`: German, else English.
pub fn notes(as_of: Option<&AsOf>, billing: Option<&BillingReport>, de: bool) -> Vec<String> {
    let mut out = Vec::new();
    let t = |g: String, e: String| if de { g } else { e };
    if let Some(a) = as_of {
        let why = match (a.chosen, de) {
            (true, true) => "gewählt",
            (true, false) => "chosen",
            (false, true) => "letztes Ereignis in den Daten",
            (false, false) => "latest event in the data",
        };
        let (y, m, d) = a.date.ymd();
        out.push(t(
            format!("Stichtag {d:02}.{m:02}.{y} ({why}); nichts danach zählt."),
            format!("As of {} ({why}); nothing after it counts.", a.date),
        ));
        if a.partial {
            let m = a.month();
            out.push(t(
                format!("{m} ist ein Teilmonat: gemessen am Stichtag."),
                format!("{m} is a partial month: measured on the as-of date."),
            ));
        }
    }
    let Some(b) = billing else { return out };
    if let Some(c) = &b.currency {
        if c.rows.len() > 1 || c.chosen {
            let why = match (c.chosen, de) {
                (true, true) => "gewählt",
                (true, false) => "chosen",
                (false, true) => "die meisten Zeilen",
                (false, false) => "most rows",
            };
            out.push(t(
                format!("Analysierte Währung: {} ({why}).", c.base),
                format!("Currency analysed: {} ({why}).", c.base),
            ));
        }
        for r in &c.converted {
            let rate =
                if de { r.to_base.to_string().replace('.', ",") } else { r.to_base.to_string() };
            out.push(t(
                format!("{} umgerechnet: 1 {} = {rate} {}.", r.currency, r.currency, c.base),
                format!("{} converted: 1 {} = {rate} {}.", r.currency, r.currency, c.base),
            ));
        }
        if c.left_out > 0 {
            let others: Vec<&str> = c
                .rows
                .iter()
                .filter(|(x, _)| *x != c.base && !c.converted.iter().any(|r| r.currency == *x))
                .map(|(x, _)| x.code())
                .collect();
            let others = others.join(", ");
            out.push(t(
                format!(
                    "{} Zeilen in {others} ohne Umrechnungskurs nicht berücksichtigt.",
                    c.left_out
                ),
                format!("{} rows in {others} left out (no conversion rate).", c.left_out),
            ));
        }
    }
    let counts = [
        (
            b.never_paid,
            "Nie bezahlte Abonnements (incomplete), nicht im MRR",
            "Never-paid subscriptions (incomplete), not in MRR",
        ),
        (
            b.ended_without_date,
            "Als beendet markierte Abonnements ohne Enddatum, nicht berücksichtigt",
            "Subscriptions marked ended without an end date, left out",
        ),
        (
            b.past_due,
            "Abonnements mit fehlgeschlagener Zahlung (past_due/unpaid), im MRR bis zu ihrem Ende",
            "Subscriptions with failing payments (past_due/unpaid), in MRR until they end",
        ),
        (
            b.ending_later,
            "Zu einem späteren Tag gekündigte Abonnements (Periodenende oder fester Tag), im MRR bis dahin",
            "Subscriptions cancelled for a later day (period end or a set day), in MRR until then",
        ),
        (
            b.in_trial,
            "Abonnements in der Testphase am Stichtag (kein MRR)",
            "Subscriptions in trial on the as-of date (no MRR)",
        ),
    ];
    for (n, g, e) in counts {
        if n > 0 {
            out.push(t(format!("{g}: {n}."), format!("{e}: {n}.")));
        }
    }
    out
}
