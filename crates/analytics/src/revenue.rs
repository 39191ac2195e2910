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
//! One pass per customer: every subscription (or invoice) is turned into a "contribution"
//! `(customer index, first month, end month, amount)`; contributions are grouped by customer
//! with a counting sort, and each customer's monthly row is rebuilt in a scratch buffer and
//! folded into per-month, per-period and per-cohort accumulators. Memory is therefore
//! proportional to rows plus months², never customers × months. The analysed range ends with
//! `until` (default: the latest month in which a row starts or ends) and spans at most
//! `max_months` months (capped at 1200); the month before it serves as baseline.

use crate::util::{month_str, quarter_label, ratio, Interner};
use records::{Invoice, Money, Month, Subscription};
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
    subscriptions: &[Subscription],
    options: &RevenueOptions,
) -> Option<RevenueReport> {
    let mut builder = Builder::default();
    builder.add_subscriptions(subscriptions);
    builder.finish(options)
}

/// MRR of every customer per month from invoices: each invoice's amount is spread evenly over
/// `period_months` months (0 is treated as 1) starting with the invoice's month, the remainder
/// cents going to the first month so that the spread sums exactly to the invoice.
pub fn revenue_from_invoices(
    invoices: &[Invoice],
    options: &RevenueOptions,
) -> Option<RevenueReport> {
    let mut builder = Builder::default();
    builder.add_invoices(invoices);
    builder.finish(options)
}

/// One amount in twelfths of a cent, active for the months `from ≤ M < to`.
#[derive(Debug, Clone, Copy)]
struct Contribution {
    customer: u32,
    from: Month,
    to: Month,
    units: i64,
}

/// Collects contributions from any number of subscription or invoice slices.
#[derive(Debug, Default)]
pub(crate) struct Builder<'a> {
    customers: Interner<'a>,
    rows: Vec<Contribution>,
    earliest: Option<Month>,
    latest: Option<Month>,
}

impl<'a> Builder<'a> {
    pub(crate) fn add_subscriptions(&mut self, subscriptions: &'a [Subscription]) {
        self.rows.reserve(subscriptions.len());
        // At most one new customer per row.
        self.customers.reserve(subscriptions.len());
        for sub in subscriptions {
            let customer = self.customers.intern(&sub.customer);
            let from = sub.start.month();
            let to = sub.end.map(|e| e.month()).unwrap_or_else(open_end);
            self.see(from);
            if sub.end.is_some() && to > from {
                self.see(to);
            }
            // interval months are 1, 3, 6 or 12, so the division is exact.
            let units = sub.amount.cents().saturating_mul(12) / sub.interval.months();
            if to > from {
                self.rows.push(Contribution { customer, from, to, units });
            }
        }
    }

    pub(crate) fn add_invoices(&mut self, invoices: &'a [Invoice]) {
        self.rows.reserve(invoices.len() * 2);
        for inv in invoices {
            let customer = self.customers.intern(&inv.customer);
            let n = i64::from(inv.period_months.clamp(1, 1200));
            let from = inv.date.month();
            let to = from.add(n as i32);
            self.see(from);
            self.see(to.add(-1));
            let base = inv.amount.cents().div_euclid(n);
            let first = inv.amount.cents() - base * (n - 1);
            self.rows.push(Contribution {
                customer,
                from,
                to: from.add(1),
                units: first.saturating_mul(12),
            });
            if n > 1 {
                self.rows.push(Contribution {
                    customer,
                    from: from.add(1),
                    to,
                    units: base.saturating_mul(12),
                });
            }
        }
    }

    fn see(&mut self, month: Month) {
        if self.earliest.is_none_or(|e| month < e) {
            self.earliest = Some(month);
        }
        if self.latest.is_none_or(|l| month > l) {
            self.latest = Some(month);
        }
    }

    /// The analysed months (`window[0]` is the baseline month before the first reported one).
    fn window(&self, options: &RevenueOptions) -> Option<(Month, usize)> {
        let earliest = self.earliest?;
        let until = options.until.or(self.latest)?;
        // Capped so that the cohort triangle (months²) stays small whatever the caller asks.
        let max = options.max_months.clamp(1, 1200) as i32;
        let first = if until.since(earliest) >= max { until.add(1 - max) } else { earliest };
        let n = until.since(first) + 1;
        if n <= 0 {
            return None;
        }
        Some((first, n as usize))
    }

    pub(crate) fn finish(&self, options: &RevenueOptions) -> Option<RevenueReport> {
        let (first, n_months) = self.window(options)?;
        let mut acc = Accumulators::new(first, n_months);
        let n_cust = self.customers.len();
        // Counting sort of contributions by customer.
        let mut offsets = vec![0usize; n_cust + 1];
        for r in &self.rows {
            offsets[r.customer as usize + 1] += 1;
        }
        for i in 0..n_cust {
            offsets[i + 1] += offsets[i];
        }
        let mut order = vec![0u32; self.rows.len()];
        let mut next = offsets.clone();
        for (i, r) in self.rows.iter().enumerate() {
            let slot = &mut next[r.customer as usize];
            order[*slot] = i as u32;
            *slot += 1;
        }
        // Column 0 is the baseline month (first − 1); columns 1..=n are the reported months.
        let baseline = first.add(-1);
        let width = n_months + 1;
        let mut diff = vec![0i64; width + 1];
        let mut row = vec![0i64; width];
        for c in 0..n_cust {
            diff.iter_mut().for_each(|d| *d = 0);
            let mut paid_before = false;
            for &i in &order[offsets[c]..offsets[c + 1]] {
                let r = self.rows[i as usize];
                if r.from < baseline && r.units > 0 {
                    paid_before = true;
                }
                let lo = r.from.since(baseline).clamp(0, width as i32) as usize;
                let hi = r.to.since(baseline).clamp(0, width as i32) as usize;
                if lo < hi {
                    diff[lo] = diff[lo].saturating_add(r.units);
                    diff[hi] = diff[hi].saturating_sub(r.units);
                }
            }
            let mut running = 0i64;
            for (col, value) in row.iter_mut().enumerate() {
                running = running.saturating_add(diff[col]);
                // Round half up to a cent once per customer and month; credits count as 0.
                *value = running.saturating_add(6).div_euclid(12).max(0);
            }
            acc.add_customer(&row, paid_before);
        }
        Some(acc.finish(n_cust as u32))
    }
}

/// A month after any real data, used as the end of open subscriptions.
fn open_end() -> Month {
    // Dates are limited to the years 1000–9999, so January 10000 is after all of them.
    records::Date::from_days(0).month().add((10_000 - 1970) * 12)
}

/// A quarter or year as column range `a..=b` (1-based, reported months).
struct Period {
    label: String,
    a: usize,
    b: usize,
    complete: bool,
    ret: Retention,
}

struct Accumulators {
    first: Month,
    n: usize,
    mrr: Vec<Money>,
    customers: Vec<u32>,
    movements: Vec<Movements>,
    monthly: Vec<Retention>,
    periods: Vec<Period>,
    n_quarters: usize,
    /// cohort_customers[c][k], cohort_mrr[c][k] for cohorts starting at column c (1-based).
    cohort_customers: Vec<Vec<u32>>,
    cohort_mrr: Vec<Vec<i64>>,
    scratch_kind: Vec<u8>,
}

const KIND_NONE: u8 = 0;
const KIND_NEW: u8 = 1;

impl Accumulators {
    fn new(first: Month, n: usize) -> Accumulators {
        let width = n + 1;
        let mut periods = Vec::new();
        let mut push_periods = |key: &dyn Fn(Month) -> (i32, String), span: i32| {
            let mut col = 1;
            while col <= n {
                let month = first.add(col as i32 - 1);
                let (id, label) = key(month);
                let mut end = col;
                while end < n && key(first.add(end as i32)).0 == id {
                    end += 1;
                }
                let complete = (end - col + 1) as i32 == span;
                periods.push(Period { label, a: col, b: end, complete, ret: Retention::default() });
                col = end + 1;
            }
        };
        push_periods(&|m| (m.year() * 4 + m.quarter() as i32, quarter_label(m)), 3);
        push_periods(&|m| (m.year(), format!("{}", m.year())), 12);
        let n_quarters = periods.iter().filter(|p| p.label.contains('Q')).count();
        Accumulators {
            first,
            n,
            mrr: vec![Money::ZERO; width],
            customers: vec![0; width],
            movements: vec![Movements::default(); width],
            monthly: vec![Retention::default(); width],
            periods,
            n_quarters,
            cohort_customers: (0..width).map(|c| vec![0; width - c]).collect(),
            cohort_mrr: (0..width).map(|c| vec![0; width - c]).collect(),
            scratch_kind: vec![KIND_NONE; width],
        }
    }

    fn add_customer(&mut self, row: &[i64], paid_before: bool) {
        let mut ever = paid_before || row[0] > 0;
        let mut first_col = None;
        if row[0] > 0 {
            self.mrr[0] = self.mrr[0] + Money(row[0]);
            self.customers[0] += 1;
        }
        for col in 1..row.len() {
            let (prev, cur) = (row[col - 1], row[col]);
            self.scratch_kind[col] = KIND_NONE;
            if cur > 0 {
                self.mrr[col] = self.mrr[col] + Money(cur);
                self.customers[col] += 1;
            }
            let mv = &mut self.movements[col];
            if prev == 0 && cur > 0 {
                if ever {
                    mv.reactivation = mv.reactivation + Money(cur);
                    mv.reactivated_customers += 1;
                } else {
                    mv.new = mv.new + Money(cur);
                    mv.new_customers += 1;
                    first_col = Some(col);
                }
                self.scratch_kind[col] = KIND_NEW;
            } else if prev > 0 && cur == 0 {
                mv.churn = mv.churn + Money(prev);
                mv.churned_customers += 1;
            } else if cur > prev {
                mv.expansion = mv.expansion + Money(cur - prev);
                mv.expanded_customers += 1;
            } else if cur < prev {
                mv.contraction = mv.contraction + Money(prev - cur);
                mv.contracted_customers += 1;
            }
            ever |= cur > 0;
            add_retention(&mut self.monthly[col], row, col, col, &self.scratch_kind);
        }
        for p in &mut self.periods {
            add_retention(&mut p.ret, row, p.a, p.b, &self.scratch_kind);
        }
        if let Some(c) = first_col {
            for (k, &value) in row[c..].iter().enumerate() {
                if value > 0 {
                    self.cohort_customers[c][k] += 1;
                    self.cohort_mrr[c][k] += value;
                }
            }
        }
    }

    fn finish(mut self, customers_total: u32) -> RevenueReport {
        let mut months = Vec::with_capacity(self.n);
        for col in 1..=self.n {
            let mrr = self.mrr[col];
            let customers = self.customers[col];
            months.push(MonthRevenue {
                month: self.first.add(col as i32 - 1),
                mrr,
                arr: Money(mrr.cents().saturating_mul(12)),
                customers,
                arpu: div_round(mrr.cents(), i64::from(customers)).map(Money),
                movements: self.movements[col],
                retention: self.monthly[col].finish(),
            });
        }
        let mut periods = Vec::with_capacity(self.periods.len());
        for p in std::mem::take(&mut self.periods) {
            let mut movements = Movements::default();
            for col in p.a..=p.b {
                movements.add(&self.movements[col]);
            }
            periods.push(PeriodRevenue {
                label: p.label,
                first: self.first.add(p.a as i32 - 1),
                last: self.first.add(p.b as i32 - 1),
                complete: p.complete,
                mrr_start: self.mrr[p.a - 1],
                mrr_end: self.mrr[p.b],
                customers_start: self.customers[p.a - 1],
                customers_end: self.customers[p.b],
                movements,
                retention: p.ret.finish(),
            });
        }
        let years = periods.split_off(self.n_quarters);
        let mut cohorts = Vec::new();
        for c in 1..=self.n {
            let size = self.cohort_customers[c][0];
            if size == 0 {
                continue;
            }
            let initial = self.cohort_mrr[c][0];
            let cells = (0..=self.n - c)
                .map(|k| CohortCell {
                    months_since: k as u32,
                    month: self.first.add((c + k) as i32 - 1),
                    active_customers: self.cohort_customers[c][k],
                    mrr: Money(self.cohort_mrr[c][k]),
                    logo_retention: ratio(f64::from(self.cohort_customers[c][k]), f64::from(size)),
                    revenue_retention: ratio(self.cohort_mrr[c][k] as f64, initial as f64),
                })
                .collect();
            cohorts.push(Cohort {
                first_month: self.first.add(c as i32 - 1),
                customers: size,
                initial_mrr: Money(initial),
                cells,
            });
        }
        RevenueReport { customers_total, months, quarters: periods, years, cohorts }
    }
}

/// Folds one customer into the retention of the period `a..=b` (columns).
fn add_retention(ret: &mut Retention, row: &[i64], a: usize, b: usize, kinds: &[u8]) {
    let start = row[a - 1];
    let end = row[b];
    if start > 0 {
        ret.start_customers += 1;
        ret.start_mrr = ret.start_mrr + Money(start);
        if end == 0 {
            ret.churned_customers += 1;
            ret.churned_mrr = ret.churned_mrr + Money(start);
        } else if end > start {
            ret.expansion = ret.expansion + Money(end - start);
        } else {
            ret.contraction = ret.contraction + Money(start - end);
        }
    } else if kinds[a..=b].contains(&KIND_NEW) {
        ret.new_or_reactivated_customers += 1;
    }
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
