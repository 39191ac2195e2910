//! MRR per customer and month, the movement waterfall, churn and retention rates per month,
//! quarter and year, ARPU and cohorts.
//!
//! # Definitions
//!
//! - **Customer MRR in month M**: the sum of the customer's subscriptions active on M's last
//!   day (`start ≤ last_day` and (`end` is `None` or `last_day < end`)), each normalised to a
//!   month as `amount ÷ interval months`. Rounding: per customer and month the exact sum
//!   `Σ cents × 12 ÷ interval` is formed in twelfths of a cent (exact, as every interval
//!   divides 12) and rounded once, half up, to a cent. A negative sum (credits) counts as 0.
//!   From invoices: each invoice is spread evenly over `period_months` months starting with
//!   its own month, the remainder cents going to the first month, so the spread sums exactly.
//! - **MRR(M)** = Σ customer MRR; **customers(M)** = customers with MRR > 0; **ARPU** =
//!   MRR ÷ customers (rounded to the cent); **ARR** = MRR × 12.
//! - **Movements** of M against M−1, per customer with MRR x in M−1 and y in M:
//!   new (x = 0 < y, never paid before), reactivation (x = 0 < y, paid in an earlier month),
//!   expansion (0 < x < y, amount y − x), contraction (0 < y < x, amount x − y), churn
//!   (x > 0 = y, amount x). Because totals and movements are sums of the same per-customer
//!   cents, `MRR(M) − MRR(M−1) = new + reactivation + expansion − contraction − churn`
//!   holds exactly, every month.
//! - **Rates of a period** (a month, a quarter or a year), comparing the end of the month
//!   before the period ("start") with the end of the period's last month ("end"), for the
//!   cohort of start customers S (MRR > 0 at start):
//!   - logo churn A = |S with MRR 0 at end| ÷ |S|;
//!   - logo churn B = the same ÷ (|S| + customers outside S with a new or reactivation
//!     movement inside the period);
//!   - revenue churn = (churned MRR + contraction) ÷ start MRR;
//!   - NRR = (start MRR + expansion − contraction − churned MRR) ÷ start MRR (new and
//!     reactivation MRR excluded);
//!   - GRR = (start MRR − contraction − churned MRR) ÷ start MRR;
//!
//!   where churned MRR is the start MRR of members of S at 0 at the end, and expansion and
//!   contraction are the end-minus-start differences of the other members of S. For a month
//!   this is exactly the movement definition; quarters and years are therefore not averages
//!   of months (a customer who churns and returns within the quarter is retained). A zero
//!   denominator gives `None`.
//! - **Cohorts**: customers grouped by the month of their first MRR > 0; for every month k
//!   since, logo retention = cohort customers with MRR > 0 ÷ cohort size and revenue
//!   retention = cohort MRR ÷ cohort MRR in month 0.
//!
//! # Computation
//!
//! Every subscription (or invoice) becomes a "contribution" `(customer, first month, end
//! month, amount)`. Contributions are grouped by customer through a hash partition
//! (`group`), and each customer's MRR row is built only at its change points: a few
//! segments of constant value, rounded per segment (`RowScratch`). The segments update
//! per-month, per-period and per-cohort difference arrays (`sparse`), so a customer costs
//! O(its rows), not O(months). Memory is proportional to rows plus months², never customers ×
//! months: 24 bytes per contribution, partitioned in place, and freed when `finish` returns
//! (`examples/peak.rs` measures the report's peak heap). The analysed range ends with `until` (default: the latest month in which a row
//! starts or ends) and spans at most `max_months` months (capped at 1200); the month before
//! it serves as baseline.

use crate::billing::Terms;
use crate::util::{fx_hash, month_str, ratio};

mod by_id;
pub(crate) mod drill;
mod group;
#[cfg(not(target_arch = "wasm32"))]
mod parallel;
#[cfg(test)]
mod reference;
mod scoped;
mod sparse;
use records::{Invoice, Money, Month, MonthOf, SubRow, Subscriptions};
pub(crate) use scoped::EXCLUDED;
use serde::{Deserialize, Serialize};

/// Options for the revenue analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevenueOptions {
    /// Last month to analyse; `None` = the latest month in which any row starts or ends.
    pub until: Option<Month>,
    /// At most this many months are analysed (the latest ones); older history only decides
    /// whether a customer "paid before". Default 120.
    pub max_months: usize,
}

impl Default for RevenueOptions {
    fn default() -> Self {
        RevenueOptions { until: None, max_months: 120 }
    }
}

/// The MRR movements of one month (or the sum over a period), each a non-negative amount in
/// the usual waterfall sense, with the number of customers behind each.
///
/// Identity, exact in cents: `MRR(M) − MRR(M−1) = new + reactivation + expansion − contraction
/// − churn`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movements {
    /// MRR of customers paying for the first time (0 → x, never paid before).
    pub new: Money,
    /// MRR of customers coming back (0 → x, paid in some earlier month).
    pub reactivation: Money,
    /// Increase of customers who paid in both months (x → y > x).
    pub expansion: Money,
    /// Decrease of customers who still pay (x → y, 0 < y < x).
    pub contraction: Money,
    /// MRR lost from customers who stopped paying (x → 0).
    pub churn: Money,
    /// Customers behind `new`.
    pub new_customers: u32,
    /// Customers behind `reactivation`.
    pub reactivated_customers: u32,
    /// Customers behind `expansion`.
    pub expanded_customers: u32,
    /// Customers behind `contraction`.
    pub contracted_customers: u32,
    /// Customers behind `churn`.
    pub churned_customers: u32,
}

impl Movements {
    /// `new + reactivation + expansion − contraction − churn`, which equals the MRR change.
    pub fn net(&self) -> Money {
        self.new + self.reactivation + self.expansion - self.contraction - self.churn
    }

    fn add(&mut self, other: &Movements) {
        self.new = self.new + other.new;
        self.reactivation = self.reactivation + other.reactivation;
        self.expansion = self.expansion + other.expansion;
        self.contraction = self.contraction + other.contraction;
        self.churn = self.churn + other.churn;
        self.new_customers += other.new_customers;
        self.reactivated_customers += other.reactivated_customers;
        self.expanded_customers += other.expanded_customers;
        self.contracted_customers += other.contracted_customers;
        self.churned_customers += other.churned_customers;
    }
}

/// Churn and retention of the customers who paid at the end of the month before a period,
/// compared with the end of the period (a month, quarter or year). For a single month this is
/// exactly the movement-based definition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Retention {
    /// Customers with MRR > 0 at the end of the month before the period.
    pub start_customers: u32,
    /// Their MRR then.
    pub start_mrr: Money,
    /// Start customers with no MRR at the end of the period.
    pub churned_customers: u32,
    /// Start MRR of the churned customers.
    pub churned_mrr: Money,
    /// MRR increase of start customers still paying at the end.
    pub expansion: Money,
    /// MRR decrease of start customers still paying at the end.
    pub contraction: Money,
    /// Customers who were not start customers and had a new or reactivation movement inside
    /// the period.
    pub new_or_reactivated_customers: u32,
    /// Logo churn, variant A: churned ÷ start customers.
    pub logo_churn_a: Option<f64>,
    /// Logo churn, variant B: churned ÷ (start customers + new or reactivated customers).
    pub logo_churn_b: Option<f64>,
    /// Gross revenue churn: (churned MRR + contraction) ÷ start MRR.
    pub revenue_churn: Option<f64>,
    /// Net revenue retention: (start MRR + expansion − contraction − churned MRR) ÷ start MRR.
    pub nrr: Option<f64>,
    /// Gross revenue retention: (start MRR − contraction − churned MRR) ÷ start MRR.
    pub grr: Option<f64>,
}

impl Retention {
    fn finish(mut self) -> Retention {
        let start = self.start_mrr.cents() as f64;
        let churned = f64::from(self.churned_customers);
        self.logo_churn_a = ratio(churned, f64::from(self.start_customers));
        self.logo_churn_b = ratio(
            churned,
            f64::from(self.start_customers) + f64::from(self.new_or_reactivated_customers),
        );
        let lost = (self.churned_mrr + self.contraction).cents() as f64;
        self.revenue_churn = ratio(lost, start);
        self.nrr = ratio((self.start_mrr + self.expansion).cents() as f64 - lost, start);
        self.grr = ratio(start - lost, start);
        self
    }
}

/// Revenue figures of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthRevenue {
    /// The month (`"YYYY-MM"` in JSON).
    #[serde(with = "month_str")]
    pub month: Month,
    /// MRR at the end of the month, in cents.
    pub mrr: Money,
    /// ARR = MRR × 12.
    pub arr: Money,
    /// Customers with MRR > 0.
    pub customers: u32,
    /// ARPU = MRR ÷ paying customers, rounded to the cent; `None` without customers.
    pub arpu: Option<Money>,
    /// Movements against the previous month.
    pub movements: Movements,
    /// Churn and retention against the previous month.
    pub retention: Retention,
}

/// Revenue figures of a quarter or year, computed from its start and end (not averaged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodRevenue {
    /// `2025-Q1` or `2025`.
    pub label: String,
    /// First month of the period inside the analysed range.
    #[serde(with = "month_str")]
    pub first: Month,
    /// Last month of the period inside the analysed range.
    #[serde(with = "month_str")]
    pub last: Month,
    /// False when the analysed range cuts the period.
    pub complete: bool,
    /// MRR at the end of the month before the period.
    pub mrr_start: Money,
    /// MRR at the end of the period's last month.
    pub mrr_end: Money,
    /// Customers at the end of the month before the period.
    pub customers_start: u32,
    /// Customers at the end of the period.
    pub customers_end: u32,
    /// Sum of the monthly movements (their net equals `mrr_end − mrr_start`).
    pub movements: Movements,
    /// Retention of the start customers, end against start.
    pub retention: Retention,
}

/// One cell of a cohort row: the cohort `months_since` months after its first month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortCell {
    /// Months since the cohort's first month (0 = the first month).
    pub months_since: u32,
    /// The calendar month.
    #[serde(with = "month_str")]
    pub month: Month,
    /// Cohort customers with MRR > 0 in this month.
    pub active_customers: u32,
    /// The cohort's MRR in this month.
    pub mrr: Money,
    /// Active customers ÷ cohort size.
    pub logo_retention: Option<f64>,
    /// Cohort MRR ÷ cohort MRR in month 0.
    pub revenue_retention: Option<f64>,
}

/// Customers grouped by the month of their first MRR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    /// Month of first MRR.
    #[serde(with = "month_str")]
    pub first_month: Month,
    /// Cohort size.
    pub customers: u32,
    /// Cohort MRR in its first month.
    pub initial_mrr: Money,
    /// One cell for every month since, up to the last analysed month.
    pub cells: Vec<CohortCell>,
}

/// Everything the revenue analysis produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevenueReport {
    /// Distinct customers seen in the rows.
    pub customers_total: u32,
    /// One entry per month of the analysed range, oldest first.
    pub months: Vec<MonthRevenue>,
    /// Calendar quarters overlapping the range.
    pub quarters: Vec<PeriodRevenue>,
    /// Calendar years overlapping the range.
    pub years: Vec<PeriodRevenue>,
    /// The month ranges the report was asked for (`ReportOptions::ranges`), labelled
    /// `2025-01..2025-06`, computed from their start and end like quarters.
    #[serde(default)]
    pub ranges: Vec<PeriodRevenue>,
    /// Cohorts by month of first MRR (customers whose first MRR lies before the range are
    /// left out because their first month is unknown).
    pub cohorts: Vec<Cohort>,
}

/// MRR of every customer per month from subscriptions.
///
/// A subscription counts in month M when it is active on M's last day (`start ≤ last_day` and
/// `end` is `None` or `last_day < end`), i.e. for the months `start.month() ≤ M < end.month()`.
/// Amounts are normalised to a month by summing, per customer and month, `cents × 12 ÷
/// interval months` (an exact integer in twelfths of a cent) and rounding that sum once, half
/// up, to a cent; negative sums (credits) count as 0. All totals and movements are sums of
/// these per-customer cents, so the movement identity holds exactly.
pub fn revenue_from_subscriptions(
    subscriptions: &Subscriptions,
    options: &RevenueOptions,
) -> Option<RevenueReport> {
    let mut builder = Builder::new(Terms::default());
    builder.add_subscriptions(subscriptions);
    builder.finish(options, &[])
}

/// MRR of every customer per month from invoices: each invoice's amount is spread evenly over
/// `period_months` months (0 is treated as 1) starting with the invoice's month, the remainder
/// cents going to the first month so that the spread sums exactly to the invoice.
pub fn revenue_from_invoices(
    invoices: &[Invoice],
    options: &RevenueOptions,
) -> Option<RevenueReport> {
    let mut builder = Builder::new(Terms::default());
    builder.add_invoices(invoices);
    builder.finish(options, &[])
}

/// One amount in twelfths of a cent of one customer, active for the months `from ≤ M < to`.
/// A row that is never active still becomes a contribution (with `units` 0), so that its
/// customer is counted in `customers_total`.
///
/// 24 bytes on every target: the customer is named by the contribution's own index (`row`)
/// through [`Names`] instead of a borrowed `&str`, and only half of its hash is kept. Millions
/// of these are the revenue section's largest allocation, and wasm memory never shrinks.
#[derive(Debug, Clone, Copy)]
struct Contribution {
    units: i64,
    /// 32 bits of the customer's Fx hash ([`hash32`]), computed once per row and used to
    /// group rows by customer (top bits pick the partition, low bits the slot).
    hash: u32,
    /// Index of this contribution in the builder: names the customer and restores the
    /// customer's input order after the (unstable) partitioning.
    row: u32,
    from: Month,
    to: Month,
}

/// The customer's Fx hash folded to 32 bits. Folding (rather than keeping the upper half, as
/// with the hand-written hash before) keeps all bits on wasm32, where `rustc_hash::FxHasher`
/// computes in `usize` and the upper half of its `u64` is 0.
/// Equal to the interner's [`records::hash32`] (a test holds them equal): a subscription's
/// hash comes from its dataset's customers, an invoice's from here.
fn hash32(name: &str) -> u32 {
    let hash = fx_hash(name.as_bytes());
    (hash ^ (hash >> 32)) as u32
}

/// The slices the contributions came from, each with the index of its first contribution.
#[derive(Debug, Default)]
struct Names<'a> {
    sources: Vec<(u32, Source<'a>)>,
}

#[derive(Debug, Clone, Copy)]
enum Source<'a> {
    Subscriptions(&'a Subscriptions),
    /// Every invoice makes exactly two contributions.
    Invoices(&'a [Invoice]),
}

impl<'a> Names<'a> {
    /// The customer of contribution `row` ("" for an index outside every slice).
    fn get(&self, row: u32) -> &'a str {
        // Usually one slice, at most one per dataset: a backwards scan beats a search.
        let Some(&(first, source)) = self.sources.iter().rev().find(|s| s.0 <= row) else {
            return "";
        };
        let idx = (row - first) as usize;
        match source {
            Source::Subscriptions(rows) => rows.get(idx).map_or("", |s| s.customer()),
            Source::Invoices(rows) => rows.get(idx / 2).map_or("", |i| i.customer.as_str()),
        }
    }

    /// The slice (in the order they were added) and the row within it of contribution `row`.
    fn locate(&self, row: u32) -> Option<(usize, usize)> {
        let k = self.sources.iter().rposition(|s| s.0 <= row)?;
        let (first, source) = self.sources.get(k)?;
        let idx = (row - first) as usize;
        Some((k, if let Source::Invoices(_) = source { idx / 2 } else { idx }))
    }

    /// Whether contributions `a` and `b` belong to the same customer: by the customer id
    /// when both come from one subscriptions dataset (no text read), else by name.
    fn same(&self, a: u32, b: u32) -> bool {
        if let (Some((sa, ia)), Some((sb, ib))) = (self.customer_id(a), self.customer_id(b)) {
            if sa == sb {
                return ia == ib;
            }
        }
        self.get(a) == self.get(b)
    }

    /// The source (slice index) and customer id of contribution `row` when it came from
    /// subscriptions.
    fn customer_id(&self, row: u32) -> Option<(usize, records::CustomerId)> {
        let k = self.sources.iter().rposition(|s| s.0 <= row)?;
        let (first, Source::Subscriptions(rows)) = self.sources.get(k)? else { return None };
        let sub = rows.rows().get((row - first) as usize)?;
        Some((k, sub.customer_id()))
    }
}

/// Collects contributions from any number of subscription or invoice slices.
#[derive(Debug, Default)]
pub(crate) struct Builder<'a> {
    /// Which days and lines count, in which currency ([`crate::billing`]).
    terms: Terms,
    rows: Vec<Contribution>,
    names: Names<'a>,
    earliest: Option<Month>,
    latest: Option<Month>,
    /// The previous row's customer and hash: exports often list a customer's rows together,
    /// and then the name is hashed once.
    last: Option<(&'a str, u32)>,
    /// For a segment's report ([`crate::segment`]): the segment key of every contribution
    /// (by its `row`), filled by [`Builder::add_keys`]; empty otherwise.
    keys: Vec<u16>,
    /// The first and so far only source when it is a subscriptions dataset: its
    /// contributions are built only when something needs them ([`Builder::materialise`]);
    /// [`Builder::finish`] groups its rows by customer id instead ([`by_id`]).
    deferred: Option<&'a Subscriptions>,
}

impl<'a> Builder<'a> {
    /// A builder that applies `terms`.
    pub(crate) fn new(terms: Terms) -> Builder<'a> {
        Builder { terms, ..Builder::default() }
    }

    pub(crate) fn add_subscriptions(&mut self, subscriptions: &'a Subscriptions) {
        self.materialise();
        if self.names.sources.is_empty() {
            // The only dataset so far: its contributions wait (see `deferred`).
            self.names.sources.push((0, Source::Subscriptions(subscriptions)));
            self.deferred = Some(subscriptions);
            return;
        }
        self.names.sources.push((self.rows.len() as u32, Source::Subscriptions(subscriptions)));
        self.build_subscriptions(subscriptions);
    }

    /// Builds the contributions of a deferred subscriptions dataset (see `deferred`), for
    /// the passes that group contributions by hash.
    pub(super) fn materialise(&mut self) {
        if let Some(subscriptions) = self.deferred.take() {
            self.build_subscriptions(subscriptions);
        }
    }

    /// The contributions of `subscriptions`, whose source is already in `names`.
    fn build_subscriptions(&mut self, subscriptions: &'a Subscriptions) {
        let months = DayMonths::default();
        let open_end = open_end();
        let (mut earliest, mut latest) = (self.earliest, self.latest);
        let first = self.rows.len() as u32;
        // The customers' hashes were computed once per customer by the import's interner
        // (the same `hash32`), so no row's text is read here.
        let customers = subscriptions.customers();
        // Exactly, not amortised: `extend` would double the capacity for a second dataset.
        self.rows.reserve_exact(subscriptions.len());
        // `extend` over a mapped slice writes in place; a `push` per row stays a call in the
        // size-optimised release profile.
        let terms = &self.terms;
        self.rows.extend(subscriptions.rows().iter().zip(first..).map(|(sub, row)| {
            let hash = customers.hash(sub.customer_id().0);
            let Span { units, from, to, seen } = span(terms, &months, open_end, sub);
            if seen > 0 {
                see(&mut earliest, &mut latest, from);
            }
            if seen > 1 {
                see(&mut earliest, &mut latest, to);
            }
            Contribution { units, hash, row, from, to }
        }));
        (self.earliest, self.latest) = (earliest, latest);
    }

    pub(crate) fn add_invoices(&mut self, invoices: &'a [Invoice]) {
        self.materialise();
        let first = self.rows.len() as u32;
        self.names.sources.push((first, Source::Invoices(invoices)));
        self.rows.reserve_exact(invoices.len() * 2);
        let month_of = MonthOf::default();
        let mut row = first;
        for inv in invoices {
            let hash = key(&mut self.last, &inv.customer);
            let amount = self.terms.amount(inv.amount, inv.currency);
            let (amount, n) = match amount.filter(|_| self.terms.recurring(inv)) {
                Some(a) => (a, i64::from(inv.period_months.clamp(1, 1200))),
                // Two empty contributions keep the index arithmetic (see below).
                None => {
                    let from = month_of.get(inv.date);
                    let empty = Contribution { units: 0, hash, row, from, to: from };
                    self.rows.push(empty);
                    self.rows.push(Contribution { row: row + 1, ..empty });
                    row += 2;
                    continue;
                }
            };
            let from = month_of.get(inv.service_start.unwrap_or(inv.date));
            let to = from.add(n as i32);
            see(&mut self.earliest, &mut self.latest, from);
            see(&mut self.earliest, &mut self.latest, to.add(-1));
            let base = amount.cents().div_euclid(n);
            let first_cents = amount.cents() - base * (n - 1);
            let units = twelfths(first_cents, 1);
            self.rows.push(Contribution { units, hash, row, from, to: from.add(1) });
            // Always a second one (empty for a single month), so that contribution `row`
            // is invoice `row / 2` of its slice.
            let (rest, units) = if n > 1 { (to, twelfths(base, 1)) } else { (from.add(1), 0) };
            self.rows.push(Contribution { units, hash, row: row + 1, from: from.add(1), to: rest });
            row += 2;
        }
    }

    /// The segment keys of the rows added last (one per subscription, or per invoice: an
    /// invoice makes two contributions), for [`Builder::finish_scoped`].
    pub(crate) fn add_keys(&mut self, keys: &[u16], per_row: usize) {
        self.materialise();
        self.keys.resize(self.rows.len() - keys.len() * per_row, scoped::EXCLUDED);
        for &k in keys {
            self.keys.extend(std::iter::repeat_n(k, per_row));
        }
    }

    /// The report of segment `target` only: the MRR of the contributions keyed `target`,
    /// each customer's rounded MRR shared out over its segments so that the segments add up
    /// to the total, and movements classified by the customer's total (see
    /// [`crate::segment`]). Keys come from [`Builder::add_keys`].
    pub(crate) fn finish_scoped(
        mut self,
        options: &RevenueOptions,
        ranges: &[(Month, Month)],
        target: u16,
    ) -> Option<RevenueReport> {
        self.materialise();
        let (first, n_months) = self.window(options)?;
        let mut acc = sparse::Accumulators::new(first, n_months, ranges);
        let baseline = first.add(-1);
        let names = &self.names;
        let keys = &self.keys;
        let same = |a, b| names.same(a, b);
        let mut scratch = scoped::Scratch::default();
        let mut customers = 0u32;
        group::for_each_customer(&mut self.rows, same, |rows, indices| {
            let key = |r: &Contribution| keys.get(r.row as usize).copied();
            let mine = indices.iter().filter_map(|&i| rows.get(i as usize));
            if !mine.clone().any(|r| key(r) == Some(target)) {
                return;
            }
            customers += 1;
            let (seg, total, paid_before) =
                scratch.build(mine, key, target, baseline, n_months + 1);
            acc.add_customer_in_segment(seg, total, paid_before);
        });
        Some(acc.finish(customers))
    }

    /// The analysed months (`window[0]` is the baseline month before the first reported one).
    fn window(&self, options: &RevenueOptions) -> Option<(Month, usize)> {
        window(&self.terms, self.earliest, self.latest, options)
    }

    /// The report; consumes the builder so that its contributions are freed before the
    /// caller allocates anything else.
    pub(crate) fn finish(
        self,
        options: &RevenueOptions,
        ranges: &[(Month, Month)],
    ) -> Option<RevenueReport> {
        // A single subscriptions dataset is grouped by customer id, its contributions built
        // one customer at a time (`by_id`): the same report.
        if let Some(subscriptions) = self.deferred {
            return by_id::finish(&self.terms, subscriptions, options, ranges);
        }
        // Natively, a large pass goes on all cores (`parallel`): the same report.
        #[cfg(not(target_arch = "wasm32"))]
        match parallel::threads_for(self.rows.len()) {
            1 => {}
            threads => return self.finish_on_threads(options, ranges, threads),
        }
        self.finish_on_one_thread(options, ranges)
    }

    /// [`Builder::finish`] on the calling thread.
    fn finish_on_one_thread(
        mut self,
        options: &RevenueOptions,
        ranges: &[(Month, Month)],
    ) -> Option<RevenueReport> {
        self.materialise();
        let (first, n_months) = self.window(options)?;
        let mut acc = sparse::Accumulators::new(first, n_months, ranges);
        // Column 0 is the baseline month (first − 1); columns 1..=n are the reported months.
        let baseline = first.add(-1);
        let mut row = RowScratch::default();
        let names = &self.names;
        let same = |a, b| names.same(a, b);
        let n_customers = group::for_each_customer(&mut self.rows, same, |rows, indices| {
            let (segments, paid_before) = row.build(rows, indices, baseline, n_months + 1);
            acc.add_customer(segments, paid_before);
        });
        Some(acc.finish(n_customers))
    }
}

/// The hash of `name`, computed only when it differs from the previous row's customer.
fn key<'a>(last: &mut Option<(&'a str, u32)>, name: &'a str) -> u32 {
    if let Some((last_name, hash)) = *last {
        if last_name == name {
            return hash;
        }
    }
    let hash = hash32(name);
    *last = Some((name, hash));
    hash
}

/// What one subscription row contributes (a [`Contribution`] without its hash and index):
/// `units` twelfths of a cent for the months `from ≤ M < to`.
#[derive(Debug, Clone, Copy)]
struct Span {
    units: i64,
    from: Month,
    to: Month,
    /// The months the row adds to the range of months seen: none (0, it never counts),
    /// `from` (1), or `from` and `to` (2: it ends, after its start's month).
    seen: u8,
}

/// The [`Span`] of `sub` under `terms`; `open_end` stands for a missing end.
#[inline(always)]
fn span(terms: &Terms, months: &DayMonths, open_end: Month, sub: &SubRow) -> Span {
    let paid = terms.paid_days(sub).zip(terms.amount(sub.amount(), sub.currency()));
    // A row that never counts still names its customer (see `Contribution`).
    let Some(((start, end), amount)) = paid else {
        let from = months.get(sub.start());
        return Span { units: 0, from, to: from, seen: 0 };
    };
    let from = months.get(start);
    let to = end.map_or(open_end, |e| months.get(e));
    let seen = if end.is_some() && to > from { 2 } else { 1 };
    let units = twelfths(amount.cents(), sub.interval().months());
    let (to, units) = if to > from { (to, units) } else { (from, 0) };
    Span { units, from, to, seen }
}

/// The month of a day, from a table for 2¹⁴ days (32 kB, about 45 years) and by
/// [`MonthOf`] outside it: two months per row were a tenth of the report in wasm, and a
/// table lookup is a subtraction and a load.
#[derive(Debug)]
struct DayMonths {
    /// The table's first day (in days since 1970).
    first: i32,
    /// The month of the first day.
    base: Month,
    /// Months since `base` of the days from `first` on; empty: always [`MonthOf`].
    table: Box<[u16]>,
    month_of: MonthOf,
}

impl Default for DayMonths {
    /// No table: every month by [`MonthOf`].
    fn default() -> Self {
        let month_of = MonthOf::default();
        let base = month_of.get(records::Date::from_days(0));
        DayMonths { first: 0, base, table: Box::default(), month_of }
    }
}

impl DayMonths {
    const DAYS: usize = 1 << 14;

    /// The table for the 2¹⁴ days up to 400 days after the first day of `until`.
    fn ending_after(until: Month) -> DayMonths {
        let month_of = MonthOf::default();
        let first = until.first_day().days().saturating_add(400).saturating_sub(Self::DAYS as i32);
        let base = month_of.get(records::Date::from_days(first));
        let mut table = vec![0u16; Self::DAYS];
        let (mut k, mut next) = (0u16, base.add(1).first_day().days());
        for (day, slot) in (first..).zip(table.iter_mut()) {
            if day >= next {
                k += 1;
                next = base.add(i32::from(k) + 1).first_day().days();
            }
            *slot = k;
        }
        DayMonths { first, base, table: table.into_boxed_slice(), month_of }
    }

    /// The month `date` lies in (equal to `date.month()`).
    #[inline(always)]
    fn get(&self, date: records::Date) -> Month {
        let i = date.days().wrapping_sub(self.first) as u32 as usize;
        match self.table.get(i) {
            Some(&k) => self.base.add(i32::from(k)),
            None => self.month_of.get(date),
        }
    }
}

/// Widens the range of months seen.
fn see(earliest: &mut Option<Month>, latest: &mut Option<Month>, month: Month) {
    if earliest.is_none_or(|e| month < e) {
        *earliest = Some(month);
    }
    if latest.is_none_or(|l| month > l) {
        *latest = Some(month);
    }
}

/// The analysed months of rows whose earliest and latest months are these
/// (`.0` is the first reported month; the baseline is the month before it).
fn window(
    terms: &Terms,
    earliest: Option<Month>,
    latest: Option<Month>,
    options: &RevenueOptions,
) -> Option<(Month, usize)> {
    let earliest = earliest?;
    let as_of = terms.as_of.map(|d| d.month());
    let until = options.until.or(as_of).or(latest)?;
    // Capped so that the cohort triangle (months²) stays small whatever the caller asks.
    let max = options.max_months.clamp(1, 1200) as i32;
    let first = if until.since(earliest) >= max { until.add(1 - max) } else { earliest };
    let n = until.since(first) + 1;
    if n <= 0 {
        return None;
    }
    Some((first, n as usize))
}

/// `cents × 12 ÷ interval_months`, the multiplication saturating like `i64::saturating_mul`
/// but without the 128-bit multiply that the overflow check costs on wasm.
fn twelfths(cents: i64, interval_months: i64) -> i64 {
    // An interval that divides a year and an amount whose product cannot overflow: the
    // exact twelfths in 64 bits (wasm has no 128-bit division; this is nearly every row).
    const SAFE: i64 = i64::MAX / 12;
    let per_year = match interval_months {
        1 => 12,
        2 => 6,
        3 => 4,
        4 => 3,
        6 => 2,
        12 => 1,
        _ => 0,
    };
    if per_year > 0 && (-SAFE..=SAFE).contains(&cents) {
        return cents * per_year;
    }
    twelfths_wide(cents, interval_months)
}

/// [`twelfths`] in 128 bits, for any interval and amount.
fn twelfths_wide(cents: i64, interval_months: i64) -> i64 {
    // Exact for intervals that divide a year (1, 2, 3, 4, 6, 12 months); any other (every
    // 5 months, every 2 years) is rounded half up to a twelfth of a cent per row first.
    let months = i128::from(interval_months.max(1));
    let units = i128::from(cents) * 12;
    let rounded = (2 * units + months).div_euclid(2 * months);
    rounded.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// Buffers for turning one customer's contributions into the segments of its MRR row.
#[derive(Default)]
struct RowScratch {
    /// `(column, units, is_end)` in input order, then stably sorted by column.
    events: Vec<(u32, i64, bool)>,
    segments: Vec<sparse::Segment>,
    /// The segments of a single-contribution customer (no `Vec` calls on the common path).
    one: [sparse::Segment; 3],
}

impl RowScratch {
    /// The customer's segments (first at column 0, adjacent values differ) and whether it
    /// paid before the baseline month.
    fn build(
        &mut self,
        rows: &[Contribution],
        indices: &[u32],
        baseline: Month,
        width: usize,
    ) -> (&[sparse::Segment], bool) {
        if let [i] = indices {
            if let Some(r) = rows.get(*i as usize) {
                return self.build_one(r, baseline, width);
            }
        }
        self.build_many(indices.iter().filter_map(|&i| rows.get(i as usize)), baseline, width)
    }

    /// `build` for the customer's contributions `mine`, in input order.
    fn build_many<'r>(
        &mut self,
        mine: impl Iterator<Item = &'r Contribution>,
        baseline: Month,
        width: usize,
    ) -> (&[sparse::Segment], bool) {
        let mut paid_before = false;
        self.events.clear();
        for r in mine {
            if r.from < baseline && r.units > 0 {
                paid_before = true;
            }
            let lo = column(r.from, baseline, width);
            let hi = column(r.to, baseline, width);
            if lo < hi {
                self.events.push((lo, r.units, false));
                if (hi as usize) < width {
                    self.events.push((hi, r.units, true));
                }
            }
        }
        // Stable, so that each column's deltas are summed in input order: with saturation
        // the order matters, and this is the order of the dense difference array.
        self.events.sort_by_key(|e| e.0);
        self.segments.clear();
        self.segments.push((0, 0));
        let mut running = 0i64;
        let mut k = 0;
        while let Some(&(col, _, _)) = self.events.get(k) {
            let mut delta = 0i64;
            while let Some(&(c, units, is_end)) = self.events.get(k) {
                if c != col {
                    break;
                }
                delta =
                    if is_end { delta.saturating_sub(units) } else { delta.saturating_add(units) };
                k += 1;
            }
            running = running.saturating_add(delta);
            // Round half up to a cent once per customer and month; credits count as 0.
            let value = running.saturating_add(6).div_euclid(12).max(0);
            match self.segments.last_mut() {
                Some(last) if col == 0 => last.1 = value,
                Some(last) if last.1 == value => {}
                _ => self.segments.push((col, value)),
            }
        }
        (&self.segments, paid_before)
    }

    /// `build` for a customer with a single contribution (most customers), without sorting.
    fn build_one(
        &mut self,
        r: &Contribution,
        baseline: Month,
        width: usize,
    ) -> (&[sparse::Segment], bool) {
        let (paying, paid_before) = single(r, baseline, width);
        if let Some((lo, hi, value)) = paying {
            self.one = [(0, 0), (lo, value), (hi, 0)];
            let first = usize::from(lo == 0);
            let last = if (hi as usize) < width { 3 } else { 2 };
            (&self.one[first..last], paid_before)
        } else {
            self.one[0] = (0, 0);
            (&self.one[..1], paid_before)
        }
    }
}

/// The row of a customer with the single contribution `r`: the columns `lo..hi` in which it
/// pays `value` cents (> 0; none when it never pays), and whether it paid before the
/// baseline month. After the end the running sum is 0 (or −1 for `i64::MIN` units), i.e. 0
/// cents.
#[inline(always)]
fn single(r: &Contribution, baseline: Month, width: usize) -> (Option<(u32, u32, i64)>, bool) {
    let lo = column(r.from, baseline, width);
    let hi = column(r.to, baseline, width);
    let value = r.units.saturating_add(6).div_euclid(12).max(0);
    let paid_before = r.from < baseline && r.units > 0;
    ((lo < hi && value > 0).then_some((lo, hi, value)), paid_before)
}

/// The column of `month` (baseline = 0), limited to `0..=width`. Written out because
/// `Ord::clamp` stays a call in the size-optimised release profile.
#[inline(always)]
fn column(month: Month, baseline: Month, width: usize) -> u32 {
    let col = month.since(baseline);
    if col <= 0 {
        0
    } else if col as usize >= width {
        width as u32
    } else {
        col as u32
    }
}

/// A month after any real data, used as the end of open subscriptions.
fn open_end() -> Month {
    // Dates are limited to the years 1000–9999, so January 10000 is after all of them.
    records::Date::from_days(0).month().add((10_000 - 1970) * 12)
}

/// Integer division rounded half away from zero; `None` for a zero divisor.
pub(crate) fn div_round(num: i64, den: i64) -> Option<i64> {
    if den == 0 {
        return None;
    }
    let q = num / den;
    let r = num % den;
    if 2 * r.abs() >= den.abs() {
        Some(q + if (num < 0) == (den < 0) { 1 } else { -1 })
    } else {
        Some(q)
    }
}
