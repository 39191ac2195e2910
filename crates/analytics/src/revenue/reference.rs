//! The revenue computation as it was before the change-point rewrite (issue 10): a dense row
//! per customer and month. Kept as the oracle the fast version is compared with; since the
//! KPI spine (issue 14) it also computes requested month ranges, densely, like its quarters.

use super::*;
use crate::billing::Terms;
use crate::util::{quarter_label, ratio, Interner};

/// The old entry point for subscriptions.
pub(super) fn revenue_from_subscriptions(
    slices: &[&'_ Subscriptions],
    options: &RevenueOptions,
) -> Option<RevenueReport> {
    let mut builder = Builder::default();
    for s in slices {
        builder.add_subscriptions(s);
    }
    builder.finish(options, &[])
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
pub(super) struct Builder<'a> {
    terms: Terms,
    customers: Interner<'a>,
    rows: Vec<Contribution>,
    earliest: Option<Month>,
    latest: Option<Month>,
}

impl<'a> Builder<'a> {
    pub(super) fn add_subscriptions(&mut self, subscriptions: &'a Subscriptions) {
        self.rows.reserve(subscriptions.len());
        for sub in subscriptions.iter() {
            let customer = self.customers.intern(sub.customer());
            let paid =
                self.terms.paid_days(&sub).zip(self.terms.amount(sub.amount(), sub.currency()));
            let Some(((start, end), amount)) = paid else { continue };
            let from = start.month();
            let to = end.map(|e| e.month()).unwrap_or_else(open_end);
            self.see(from);
            if end.is_some() && to > from {
                self.see(to);
            }
            // Twelfths of a cent, rounded half up (exact when the interval divides a year).
            let months = f64::from(sub.interval().months() as i32);
            let units = ((amount.cents() as f64 * 12.0) / months + 0.5).floor() as i64;
            if to > from {
                self.rows.push(Contribution { customer, from, to, units });
            }
        }
    }

    pub(super) fn add_invoices(&mut self, invoices: &'a [Invoice]) {
        self.rows.reserve(invoices.len() * 2);
        for inv in invoices {
            let customer = self.customers.intern(&inv.customer);
            let amount = self.terms.amount(inv.amount, inv.currency);
            let Some(amount) = amount.filter(|_| self.terms.recurring(inv)) else { continue };
            let n = i64::from(inv.period_months.clamp(1, 1200));
            let from = inv.service_start.unwrap_or(inv.date).month();
            let to = from.add(n as i32);
            self.see(from);
            self.see(to.add(-1));
            let base = amount.cents().div_euclid(n);
            let first = amount.cents() - base * (n - 1);
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
        let until = options.until.or(self.terms.as_of.map(|d| d.month())).or(self.latest)?;
        // Capped so that the cohort triangle (months²) stays small whatever the caller asks.
        let max = options.max_months.clamp(1, 1200) as i32;
        let first = if until.since(earliest) >= max { until.add(1 - max) } else { earliest };
        let n = until.since(first) + 1;
        if n <= 0 {
            return None;
        }
        Some((first, n as usize))
    }

    pub(super) fn finish(
        &self,
        options: &RevenueOptions,
        ranges: &[(Month, Month)],
    ) -> Option<RevenueReport> {
        let (first, n_months) = self.window(options)?;
        let mut acc = Accumulators::new(first, n_months, ranges);
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
    n_years: usize,
    /// cohort_customers[c][k], cohort_mrr[c][k] for cohorts starting at column c (1-based).
    cohort_customers: Vec<Vec<u32>>,
    cohort_mrr: Vec<Vec<i64>>,
    scratch_kind: Vec<u8>,
}

const KIND_NONE: u8 = 0;
const KIND_NEW: u8 = 1;

impl Accumulators {
    fn new(first: Month, n: usize, ranges: &[(Month, Month)]) -> Accumulators {
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
        let n_years = periods.len() - n_quarters;
        for &(a, b) in ranges {
            let (a, b) = (a.min(b), a.max(b));
            let (lo, hi) = (a.since(first) + 1, b.since(first) + 1);
            let label = crate::period::Period::Range(a, b).key();
            if hi < 1 || lo > n as i32 || periods.iter().any(|p| p.label == label) {
                continue;
            }
            let complete = lo >= 1 && hi as usize <= n;
            let (a, b) = (lo.max(1) as usize, (hi as usize).min(n));
            periods.push(Period { label, a, b, complete, ret: Retention::default() });
        }
        Accumulators {
            first,
            n,
            mrr: vec![Money::ZERO; width],
            customers: vec![0; width],
            movements: vec![Movements::default(); width],
            monthly: vec![Retention::default(); width],
            periods,
            n_quarters,
            n_years,
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
        let ranges = periods.split_off(self.n_quarters + self.n_years);
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
        RevenueReport { customers_total, months, quarters: periods, years, ranges, cohorts }
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

#[cfg(test)]
pub(super) mod tests {
    use super::super::{group, Builder, Contribution};
    use super::*;
    use crate::billing::{CurrencyOptions, Rate};
    use proptest::prelude::*;
    use records::{BillingInterval, Currency, Date, LineKind, SubState, Subscription};

    fn new_report(slices: &[&Subscriptions], options: &RevenueOptions) -> Option<RevenueReport> {
        let mut builder = Builder::default();
        for s in slices {
            builder.add_subscriptions(s);
        }
        builder.finish(options, &[])
    }

    fn interval(i: u8) -> BillingInterval {
        // 5 and 24 months do not divide a year: their twelfths are rounded per row.
        let months = [1, 3, 6, 12, 5, 24];
        BillingInterval::of_months(months[usize::from(i) % months.len()]).unwrap()
    }

    fn state(i: u8) -> SubState {
        use SubState::*;
        [Unknown, Active, Active, Trialing, PastDue, NeverPaid, Ended, NonRenewing]
            [usize::from(i % 8)]
    }

    fn currency(i: u8) -> Option<Currency> {
        [None, None, Currency::parse("EUR"), Currency::parse("USD")][usize::from(i % 4)]
    }

    pub(in crate::revenue) fn arb_sub() -> impl Strategy<Value = Subscription> {
        // Small amounts make the once-per-customer rounding of twelfths visible; negative
        // ones are credits; `end` before `start` gives rows that are never active; trials,
        // states and currencies exercise the billing terms on both sides.
        let amount = prop_oneof![-30i64..30, -20_000i64..200_000];
        let extra = (proptest::option::of(-20i32..120), 0u8..8, 0u8..4);
        (0u8..6, 0i32..1500, proptest::option::of(-60i32..900), amount, 0u8..6, extra).prop_map(
            |(c, start, len, amount, i, (trial, st, cur))| {
                let base = Date::from_ymd(2022, 1, 1).unwrap();
                Subscription {
                    trial_end: trial.map(|t| base.add_days(start + t)),
                    interval: interval(i),
                    state: state(st),
                    currency: currency(cur),
                    ..Subscription::new(
                        &format!("c{c}"),
                        base.add_days(start),
                        len.map(|l| base.add_days(start + l)),
                        Money(amount),
                    )
                }
            },
        )
    }

    pub(in crate::revenue) fn arb_terms() -> impl Strategy<Value = CurrencyOptions> {
        (0u8..4, proptest::option::of(1u32..300)).prop_map(|(base, rate)| CurrencyOptions {
            base: currency(base),
            rates: rate
                .map(|r| Rate {
                    currency: Currency::parse("USD").unwrap(),
                    to_base: f64::from(r) / 100.0,
                })
                .into_iter()
                .collect(),
        })
    }

    fn arb_invoice() -> impl Strategy<Value = Invoice> {
        let extra = (proptest::option::of(-40i32..40), 0u8..3, 0u8..4);
        (0u8..6, 0i32..1500, -5_000i64..100_000, 0u32..14, extra).prop_map(
            |(c, day, amount, months, (service, line, cur))| {
                let date = Date::from_ymd(2022, 1, 1).unwrap().add_days(day);
                Invoice {
                    service_start: service.map(|s| date.add_days(s)),
                    line: [LineKind::Recurring, LineKind::OneTime, LineKind::Refund]
                        [usize::from(line)],
                    currency: currency(cur),
                    ..Invoice::new(&format!("c{c}"), date, Money(amount), months)
                }
            },
        )
    }

    pub(in crate::revenue) fn arb_as_of() -> impl Strategy<Value = Option<Date>> {
        proptest::option::of(0i32..1700)
            .prop_map(|d| d.map(|d| Date::from_ymd(2022, 1, 1).unwrap().add_days(d)))
    }

    pub(in crate::revenue) fn arb_options() -> impl Strategy<Value = RevenueOptions> {
        // `until` from before the data to after it; `max_months` often cuts the range so
        // that rows before the window decide "paid before".
        (proptest::option::of(0i32..70), 1usize..60).prop_map(|(until, max_months)| {
            let until = until.map(|k| Month::from_ym(2021, 6).unwrap().add(k));
            RevenueOptions { until, max_months }
        })
    }

    pub(in crate::revenue) fn arb_ranges() -> impl Strategy<Value = Vec<(Month, Month)>> {
        // Ranges inside, across and outside the analysed months, overlapping each other so
        // that the fast version needs several layers.
        let base = Month::from_ym(2021, 6).unwrap();
        proptest::collection::vec((0i32..70, 0i32..30), 0..6).prop_map(move |v| {
            v.into_iter().map(|(a, len)| (base.add(a), base.add(a + len))).collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn ranges_equal_dense_rows(
            subs in proptest::collection::vec(arb_sub(), 0..40),
            options in arb_options(),
            ranges in arb_ranges(),
            as_of in arb_as_of(),
            money in arb_terms(),
        ) {
            let subs = Subscriptions::from(subs);
            let (terms, _) = Terms::new(as_of, &money, &[&subs], &[]);
            let mut fast = Builder::new(terms.clone());
            fast.add_subscriptions(&subs);
            let mut dense = super::Builder { terms, ..super::Builder::default() };
            dense.add_subscriptions(&subs);
            let (fast, dense) = (fast.finish(&options, &ranges), dense.finish(&options, &ranges));
            prop_assert_eq!(&fast, &dense);
            // Every requested range that overlaps the analysed months is reported.
            if let Some(r) = &fast {
                let (first, last) = (r.months[0].month, r.months[r.months.len() - 1].month);
                let mut wanted: Vec<String> = ranges
                    .iter()
                    .filter(|(a, b)| *a.min(b) <= last && *a.max(b) >= first)
                    .map(|&(a, b)| crate::period::Period::range(a, b).key())
                    .collect();
                wanted.sort();
                wanted.dedup();
                let mut got: Vec<String> = r.ranges.iter().map(|p| p.label.clone()).collect();
                got.sort();
                prop_assert_eq!(got, wanted);
            }
        }

        #[test]
        fn change_points_equal_dense_rows_for_subscriptions(
            subs in proptest::collection::vec(arb_sub(), 0..40),
            split in 0usize..40,
            options in arb_options(),
        ) {
            let (a, b) = subs.split_at(split.min(subs.len()));
            let (a, b) = (Subscriptions::from(a.to_vec()), Subscriptions::from(b.to_vec()));
            let slices: &[&Subscriptions] = &[&a, &b];
            prop_assert_eq!(
                new_report(slices, &options),
                revenue_from_subscriptions(slices, &options)
            );
        }

        #[test]
        fn change_points_equal_dense_rows_for_invoices(
            invoices in proptest::collection::vec(arb_invoice(), 0..30),
            options in arb_options(),
            as_of in arb_as_of(),
            money in arb_terms(),
        ) {
            let (terms, _) = Terms::new(as_of, &money, &[], &[&invoices]);
            let mut fast = Builder::new(terms.clone());
            fast.add_invoices(&invoices);
            let mut dense = super::Builder { terms, ..super::Builder::default() };
            dense.add_invoices(&invoices);
            prop_assert_eq!(fast.finish(&options, &[]), dense.finish(&options, &[]));
        }
    }

    /// A subscription's hash comes from its dataset's interner, an invoice's from `hash32`:
    /// if they differed, one customer's rows would land in two partitions.
    #[test]
    fn the_interners_hash_is_the_revenue_hash() {
        let names = ["", "K00001", "Müller GmbH", "c-1", "a-customer-id-longer-than-24-bytes"];
        let subs: Subscriptions = names
            .iter()
            .map(|n| Subscription::new(n, Date::from_days(0), None, Money(1)))
            .collect();
        for (i, n) in names.iter().enumerate() {
            assert_eq!(subs.customers().hash(i as u32), super::super::hash32(n), "{n}");
        }
        assert_eq!(super::super::hash32("K00001"), records::hash32("K00001"));
        assert_ne!(super::super::hash32("K00001"), super::super::hash32("K00002"));
    }

    /// Rows of 1000 customers spread over many hash partitions, each customer's rows far apart.
    #[test]
    fn many_partitions_equal_dense_rows() {
        let base = Date::from_ymd(2022, 1, 1).unwrap();
        let mut state = 12345u64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let subs: Subscriptions = (0..3000)
            .map(|i| {
                let start = next(1200) as i32;
                Subscription {
                    interval: interval(next(4) as u8),
                    ..Subscription::new(
                        &format!("K{}", 1_000_000 + i % 1000),
                        base.add_days(start),
                        (next(3) > 0).then(|| base.add_days(start + next(700) as i32)),
                        Money(next(50_000) as i64 - 5_000),
                    )
                }
            })
            .collect();
        let options = RevenueOptions { until: None, max_months: 30 };
        let new = new_report(&[&subs], &options).unwrap();
        assert_eq!(new.customers_total, 1000);
        assert_eq!(Some(new), revenue_from_subscriptions(&[&subs], &options));
    }

    // Issue 10: contributions were 40 bytes natively (a borrowed name) and copied once more
    // for partitioning; 24 bytes on every target is what the peak-heap budget assumes.
    #[test]
    fn contributions_are_24_bytes() {
        assert_eq!(std::mem::size_of::<Contribution>(), 24);
    }

    /// The grouping partitions by the top bits of `hash32` and probes by its low bits, so both
    /// ends must spread sequential 8-byte ids like random values: 4096 ids over 256 top-byte
    /// values (random: ≈ 255 distinct) and over 4096 low-12-bit slots (random: ≈ 2590).
    #[test]
    fn hash32_spreads_sequential_ids_over_top_and_low_bits() {
        let hashes: Vec<u32> =
            (0..4096).map(|i| super::super::hash32(&format!("K{}", 1_000_000 + i))).collect();
        let top: std::collections::BTreeSet<u32> = hashes.iter().map(|h| h >> 24).collect();
        let low: std::collections::BTreeSet<u32> = hashes.iter().map(|h| h & 0xfff).collect();
        assert!(top.len() > 240, "only {} of 256 partitions used", top.len());
        assert!(low.len() > 2000, "only {} of 4096 slots used", low.len());
    }

    /// Different names with the same hash must stay different customers.
    #[test]
    fn equal_hashes_with_different_names_stay_apart() {
        let m = Month::from_ym(2025, 1).unwrap();
        let names = ["a", "b", "a", "c"];
        let mut rows: Vec<Contribution> =
            (0..4).map(|row| Contribution { units: 0, hash: 42, row, from: m, to: m }).collect();
        let same = |a: u32, b: u32| names[a as usize] == names[b as usize];
        let mut groups = Vec::new();
        let n = group::for_each_customer(&mut rows, same, |part, indices| {
            groups.push(indices.iter().map(|&i| part[i as usize].row).collect::<Vec<_>>());
        });
        assert_eq!(n, 3);
        groups.sort();
        assert_eq!(groups, vec![vec![0, 2], vec![1], vec![3]]);
    }

    /// The in-place partitioning is not stable; every customer's rows must still come in
    /// input order, across many partitions (2000 rows, 4 partitions, 7 rows per customer).
    #[test]
    fn customers_rows_come_in_input_order_across_partitions() {
        let m = Month::from_ym(2025, 1).unwrap();
        let customer = |row: u32| row % 300;
        let mut rows: Vec<Contribution> = (0..2000u32)
            .map(|row| {
                let hash = super::super::hash32(&format!("K{}", customer(row)));
                Contribution { units: 0, hash, row, from: m, to: m }
            })
            .collect();
        let same = |a: u32, b: u32| customer(a) == customer(b);
        let mut seen = Vec::new();
        let n = group::for_each_customer(&mut rows, same, |part, indices| {
            let rows: Vec<u32> = indices.iter().map(|&i| part[i as usize].row).collect();
            seen.push(rows);
        });
        assert_eq!(n, 300);
        seen.sort();
        // Customer c has rows c, c + 300, c + 600, … below 2000.
        let expected: Vec<Vec<u32>> = (0..300).map(|c| (c..2000).step_by(300).collect()).collect();
        assert_eq!(seen, expected);
    }
}

#[cfg(test)]
mod twelfths_tests {
    use super::super::{twelfths, twelfths_wide};
    use proptest::prelude::*;

    proptest! {
        /// The 64-bit path equals the 128-bit one for every interval and amount, the
        /// amounts near the overflow bound included.
        #[test]
        fn the_64_bit_path_equals_the_128_bit_path(
            cents in prop_oneof![
                -1_000_000_000i64..1_000_000_000,
                any::<i64>(),
                (i64::MAX / 12 - 3..=i64::MAX / 12 + 3),
                (i64::MIN / 12 - 3..=i64::MIN / 12 + 3),
            ],
            months in 0i64..=130,
        ) {
            prop_assert_eq!(twelfths(cents, months), twelfths_wide(cents, months));
        }
    }

    #[test]
    fn the_bound_of_the_64_bit_path_saturates_just_past_it() {
        // 768,614,336,404,564,650 × 12 = i64::MAX − 7; one cent more overflows and saturates.
        let safe = i64::MAX / 12;
        assert_eq!(twelfths(safe, 1), 9_223_372_036_854_775_800);
        assert_eq!(twelfths(safe + 1, 1), i64::MAX);
        assert_eq!(twelfths(-safe - 1, 1), i64::MIN);
        assert_eq!(twelfths(safe + 1, 12), safe + 1);
    }

    #[test]
    fn twelfths_are_exact_for_intervals_that_divide_a_year() {
        for cents in [0, 1, -1, 999, 4_900, -250, 1_000_000_007] {
            for months in [1, 2, 3, 4, 6, 12] {
                assert_eq!(twelfths(cents, months), cents * 12 / months, "{cents} / {months}");
            }
        }
    }

    #[test]
    fn other_intervals_round_half_up_to_a_twelfth() {
        // 1.00 every 5 months: 1200/5 = 240 twelfths exactly; 1.01: 1212/5 = 242.4 → 242.
        assert_eq!(twelfths(100, 5), 240);
        assert_eq!(twelfths(101, 5), 242);
        // 1.03 every 24 months: 1236/24 = 51.5 → 52 (half up); −51.5 → −51.
        assert_eq!(twelfths(103, 24), 52);
        assert_eq!(twelfths(-103, 24), -51);
    }

    #[test]
    fn twelfths_saturate_instead_of_overflowing() {
        assert_eq!(twelfths(i64::MAX, 1), i64::MAX);
        assert_eq!(twelfths(i64::MIN, 1), i64::MIN);
        assert_eq!(twelfths(i64::MAX, 12), i64::MAX);
    }
}
