//! Subscriptions as an import keeps them: one 32-byte [`SubRow`] per line (on wasm32 and
//! natively), the customer ids' and plan names' text stored once per dataset in an
//! [`Interner`], dates without `Option`'s tag, the currency and the billing interval as small
//! codes. [`Subscription`] stays the owned, plain form that tests, generators and the
//! serialised dataset use; [`Subscriptions`] converts from and to it.
//!
//! A 100 MB export has about 2 M rows and 1.5 M customers: 64 bytes per row on wasm32 and 88
//! natively before (`Text` inline for customer and plan), 32 now plus about 20 bytes per
//! distinct customer (BENCHMARKS.md, issue 18, round three).

use crate::{BillingInterval, Currency, Date, Money, SubState, Subscription};
use serde::{Deserialize, Serialize};
use std::hash::Hasher;
use table::{Probe, Table};

mod table;

/// A customer of one [`Subscriptions`] dataset: the index of its id in the dataset's
/// customer [`Interner`], in order of first appearance. Ids of two datasets do not compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CustomerId(pub u32);

impl CustomerId {
    /// The index as `usize` (for per-customer tables).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Distinct strings stored once, each named by a `u32` in order of first appearance: their
/// bytes end to end, one end offset and one 32-bit hash per string, and a hash table of
/// indices (`table`: a cache line per lookup): a lookup reads a string's text only when its
/// hash matches, and the table grows without reading any text.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    text: String,
    ends: Vec<u32>,
    hashes: Vec<u32>,
    table: Table,
}

/// The Fx hash of `text` folded to 32 bits (both halves: on wasm32 the upper one is 0). The
/// same value as `analytics`' `revenue::hash32`, which groups rows by customer with it.
#[inline]
pub fn hash32(text: &str) -> u32 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    let h = h.finish();
    (h ^ (h >> 32)) as u32
}

#[inline]
fn slice<'a>(text: &'a str, ends: &[u32], id: u32) -> &'a str {
    let i = id as usize;
    let end = ends.get(i).map_or(0, |&e| e as usize);
    let start = match i.checked_sub(1) {
        Some(p) => ends.get(p).map_or(0, |&e| e as usize),
        None => 0,
    };
    text.get(start..end).unwrap_or("")
}

impl Interner {
    /// The index of `value`, adding it when new; `None` when the interner is full (4 GiB of
    /// text or 2³² strings, beyond any file a tab or the CLI reads).
    #[inline]
    pub fn intern(&mut self, value: &str) -> Option<u32> {
        self.intern_hashed(value, hash32(value))
    }

    /// [`Interner::intern`] of a `value` whose [`hash32`] is `h`.
    #[inline]
    fn intern_hashed(&mut self, value: &str, h: u32) -> Option<u32> {
        if self.table.len() != self.ends.len() {
            self.unseal();
        }
        if self.table.capacity() == 0 {
            self.reserve(1);
        }
        let Interner { text, ends, hashes, table } = self;
        let same = |id: u32| hashes.get(id as usize) == Some(&h) && slice(text, ends, id) == value;
        let bucket = match table.find(h, same) {
            Probe::Found(id) => return Some(id),
            Probe::Vacant(bucket) => bucket,
        };
        let id = u32::try_from(ends.len()).ok().filter(|&id| id < u32::MAX)?;
        let end = u32::try_from(text.len() + value.len()).ok()?;
        text.push_str(value);
        ends.push(end);
        hashes.push(h);
        let hashes = &*hashes;
        table.insert_at(bucket, h, id, |id| hashes.get(id as usize).copied().unwrap_or(0));
        Some(id)
    }

    /// Reads the table buckets of the `n` hashes, with room made for them first, so that the
    /// lookups that follow find them in the cache (see [`BATCH`]).
    #[inline]
    fn prefetch(&mut self, hashes: impl Iterator<Item = u32>, n: usize) {
        if self.table.len() != self.ends.len() {
            return;
        }
        self.reserve(n);
        self.table.touch(hashes);
    }

    /// Whether `strings` more strings of `text` bytes in all surely fit.
    #[inline]
    fn has_room(&self, text: usize, strings: usize) -> bool {
        let max = u32::MAX as usize;
        self.text.len().saturating_add(text) <= max && self.ends.len().saturating_add(strings) < max
    }

    /// Makes room in the table for `additional` more strings without growing (growing reads
    /// every kept hash again, at random).
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        let hashes = &self.hashes;
        self.table.reserve(additional, |id| hashes.get(id as usize).copied().unwrap_or(0));
    }

    /// The index of `value`, if it was interned (after [`Interner::seal`]: by a scan).
    pub fn find(&self, value: &str) -> Option<u32> {
        let h = hash32(value);
        let (text, ends, hashes) = (&self.text, &self.ends, &self.hashes);
        let same = |id: u32| hashes.get(id as usize) == Some(&h) && slice(text, ends, id) == value;
        if self.table.len() != self.ends.len() || self.table.capacity() == 0 {
            return (0..u32::try_from(self.ends.len()).unwrap_or(u32::MAX)).find(|&id| same(id));
        }
        match self.table.find(h, same) {
            Probe::Found(id) => Some(id),
            Probe::Vacant(_) => None,
        }
    }

    /// Frees the lookup table (5⅓ bytes an id: 150 MB for a 1 GB export's 14 M customers)
    /// and the spare room of the text, once nothing more is interned: the strings, their ids
    /// and hashes stay. A later [`Interner::intern`] builds the table again first.
    pub fn seal(&mut self) {
        self.table = Table::default();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.hashes.shrink_to_fit();
    }

    /// Builds the lookup table of a sealed interner again from the kept hashes.
    fn unseal(&mut self) {
        let Interner { hashes, table, .. } = self;
        let hashes = &*hashes;
        let hash_of = |id: u32| hashes.get(id as usize).copied().unwrap_or(0);
        *table = Table::default();
        table.reserve(hashes.len(), hash_of);
        for (id, &h) in (0u32..).zip(hashes.iter()) {
            if let Probe::Vacant(bucket) = table.find(h, |_| false) {
                table.insert_at(bucket, h, id, hash_of);
            }
        }
    }

    /// [`hash32`] of the string of index `id` (0 for an index never handed out).
    pub fn hash(&self, id: u32) -> u32 {
        self.hashes.get(id as usize).copied().unwrap_or(0)
    }

    /// The string of index `id` ("" for an index never handed out).
    #[inline]
    pub fn get(&self, id: u32) -> &str {
        slice(&self.text, &self.ends, id)
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Bytes the interner holds on the heap (text, offsets, table).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * 4
            + self.hashes.capacity() * 4
            + self.table.heap_bytes()
    }
}

/// An `Option<Date>` in the four bytes of a `Date`: `i32::MIN` days (5.8 million years before
/// 1970, never a date of an export) stands for `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OptionDate(i32);

impl OptionDate {
    const NONE: i32 = i32::MIN;

    fn new(date: Option<Date>) -> OptionDate {
        OptionDate(date.map_or(Self::NONE, Date::days))
    }

    fn get(self) -> Option<Date> {
        (self.0 != Self::NONE).then(|| Date::from_days(self.0))
    }
}

/// `Option<Currency>` as a number: 0 for `None`, else 1 + the three capital letters read as a
/// number in base 26 (at most 17,576).
fn currency_code(currency: Option<Currency>) -> u16 {
    let Some(c) = currency else { return 0 };
    let digit = |b: u8| u16::from(b.saturating_sub(b'A').min(25));
    let [a, b, c] = c.0;
    1 + (digit(a) * 26 + digit(b)) * 26 + digit(c)
}

fn currency_of(code: u16) -> Option<Currency> {
    let n = code.checked_sub(1)?;
    let letter = |d: u16| b'A' + (d % 26) as u8;
    Some(Currency([letter(n / 676), letter(n / 26), letter(n)]))
}

/// The bit of [`SubRow`]'s interval byte that holds `end_scheduled` (intervals are 1–120).
const SCHEDULED: u8 = 0x80;

/// One subscription line, 32 bytes on every target. Read through its methods; the customer
/// id's and the plan's text through [`Subscriptions::customer`] and [`Subscriptions::plan`]
/// (or a [`SubRef`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubRow {
    amount: Money,
    customer: CustomerId,
    /// 0: no plan; else 1 + the index in the dataset's plan interner.
    plan: u32,
    start: Date,
    trial_end: OptionDate,
    end: OptionDate,
    /// [`currency_code`].
    currency: u16,
    /// Months of the billing interval (1–120), and [`SCHEDULED`].
    interval: u8,
    state: SubState,
}

// The import keeps every row (2.05 M rows of a 100 MB export are 66 MB): the build fails if
// a row grows (BENCHMARKS.md, issue 18, round three).
const _: () = assert!(std::mem::size_of::<SubRow>() == 32);

impl SubRow {
    /// The customer, as an index into its dataset's customers ([`Subscriptions::customers`]).
    pub fn customer_id(&self) -> CustomerId {
        self.customer
    }

    /// First day of the subscription, its free trial included.
    pub fn start(&self) -> Date {
        self.start
    }

    /// Last day of the free trial plus one (the first paid day), when it had a trial.
    pub fn trial_end(&self) -> Option<Date> {
        self.trial_end.get()
    }

    /// The first day it no longer pays ([`Subscription::end`]); `None` while open.
    pub fn end(&self) -> Option<Date> {
        self.end.get()
    }

    /// Whether `end` is scheduled rather than a day on which it ended.
    pub fn end_scheduled(&self) -> bool {
        self.interval & SCHEDULED != 0
    }

    /// Amount billed per interval.
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// Billing interval.
    pub fn interval(&self) -> BillingInterval {
        BillingInterval(u16::from(self.interval & !SCHEDULED))
    }

    /// State from the export's status column.
    pub fn state(&self) -> SubState {
        self.state
    }

    /// Currency, if the file names one.
    pub fn currency(&self) -> Option<Currency> {
        currency_of(self.currency)
    }

    /// Whether it has a plan name.
    pub fn has_plan(&self) -> bool {
        self.plan != 0
    }

    /// The first paid day: the end of the trial when a trial ends after the start, else the
    /// start.
    pub fn paid_start(&self) -> Date {
        match self.trial_end() {
            Some(t) if t > self.start => t,
            _ => self.start,
        }
    }

    /// Whether it began with a free trial.
    pub fn had_trial(&self) -> bool {
        self.trial_end().is_some_and(|t| t > self.start)
    }
}

/// The rows of a subscriptions file with their customers' and plans' text.
#[derive(Debug, Clone, Default)]
pub struct Subscriptions {
    rows: Vec<SubRow>,
    // Boxed: `Dataset`'s variants stay a few words each.
    customers: Box<Interner>,
    plans: Box<Interner>,
    /// Customers of rows pushed with [`Subscriptions::push_deferred`], not yet looked up.
    pending: Box<Pending>,
}

/// Rows whose customer is looked up later, in a batch: see [`Subscriptions::push_deferred`].
#[derive(Debug, Clone, Default)]
struct Pending {
    /// Row index, [`hash32`] of the customer id and the end of its text in `text`.
    rows: Vec<(usize, u32, usize)>,
    text: String,
}

/// Customers looked up in one batch: the batch's table lookups (cache misses, one each in a
/// table of megabytes) are issued one after another before any is needed, so the processor
/// waits for them together instead of one by one (BENCHMARKS.md, issue 18, round four).
const BATCH: usize = 32;

/// The customer of a row whose lookup is pending (never an interned id: an interner holds
/// fewer than `u32::MAX` strings).
const PENDING: CustomerId = CustomerId(u32::MAX);

/// The interner of a [`Subscriptions`] is full (more than 4 GiB of distinct customer ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

impl Subscriptions {
    /// No rows.
    pub fn new() -> Subscriptions {
        Subscriptions::default()
    }

    /// Appends a row, interning its customer and plan.
    pub fn push(&mut self, s: &Subscription) -> Result<(), Full> {
        self.flush_pending();
        let customer = match self.same_as_last(&s.customer) {
            Some(last) => last,
            None => CustomerId(self.customers.intern(&s.customer).ok_or(Full)?),
        };
        self.push_with(s, customer)
    }

    /// The last row's customer when it is `customer` too (exports often list a customer's
    /// rows together: then its id is reused without a lookup); `None` while that row's
    /// lookup is pending.
    #[inline]
    fn same_as_last(&self, customer: &str) -> Option<CustomerId> {
        let last = self.rows.last()?.customer;
        (last != PENDING && self.customers.get(last.0) == customer).then_some(last)
    }

    /// Appends a row like [`Subscriptions::push`], but looks its customer up later, with a
    /// batch of others (the import's way: a third faster on a file of mostly new customers).
    /// Until [`Subscriptions::flush_pending`] (or any other `&mut` method but this one and
    /// [`Subscriptions::reserve`]) the ids of the latest rows are not set: read nothing in
    /// between.
    #[inline]
    pub fn push_deferred(&mut self, s: &Subscription) -> Result<(), Full> {
        let p = &*self.pending;
        let text = p.text.len().saturating_add(s.customer.len());
        if !self.customers.has_room(text, p.rows.len() + 1) {
            // Close to full: exactly as `push`, which knows which ids are new.
            return self.push(s);
        }
        if let Some(last) = self.same_as_last(&s.customer) {
            return self.push_with(s, last);
        }
        let p = &mut *self.pending;
        p.text.push_str(&s.customer);
        p.rows.push((self.rows.len(), hash32(&s.customer), p.text.len()));
        let full = p.rows.len() >= BATCH;
        self.push_with(s, PENDING)?;
        if full {
            self.flush_pending();
        }
        Ok(())
    }

    /// Looks up the customers of the rows pushed with [`Subscriptions::push_deferred`]:
    /// first every table bucket they need (one read each, the processor overlaps them), then
    /// each in row order, so ids are handed out in order of first appearance as by `push`.
    #[inline]
    pub fn flush_pending(&mut self) {
        let p = &mut *self.pending;
        if p.rows.is_empty() {
            return;
        }
        self.customers.prefetch(p.rows.iter().map(|&(_, h, _)| h), p.rows.len());
        let mut start = 0;
        for &(row, h, end) in &p.rows {
            let text = p.text.get(start..end).unwrap_or("");
            start = end;
            // Room was checked in `push_deferred`.
            let id = self.customers.intern_hashed(text, h).map_or(PENDING, CustomerId);
            if let Some(r) = self.rows.get_mut(row) {
                r.customer = id;
            }
        }
        p.rows.clear();
        p.text.clear();
    }

    /// Appends a row with its customer's id.
    #[inline]
    fn push_with(&mut self, s: &Subscription, customer: CustomerId) -> Result<(), Full> {
        let plan = match &s.plan {
            Some(p) => self.plans.intern(p).and_then(|i| i.checked_add(1)).ok_or(Full)?,
            None => 0,
        };
        let months = u8::try_from(s.interval.months()).unwrap_or(1) & !SCHEDULED;
        self.rows.push(SubRow {
            amount: s.amount,
            customer,
            plan,
            start: s.start,
            trial_end: OptionDate::new(s.trial_end),
            end: OptionDate::new(s.end),
            currency: currency_code(s.currency),
            interval: months | if s.end_scheduled { SCHEDULED } else { 0 },
            state: s.state,
        });
        Ok(())
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Reserves room for `additional` more rows, and in the customer table for 13/16 as many
    /// customers (the 11 MB hashbrown's 2²¹ slots held: a 100 MB export's 1.7 M customers in
    /// 2.05 M rows, 2.25 M reserved, fit without growing).
    pub fn reserve(&mut self, additional: usize) {
        self.rows.reserve(additional);
        self.customers.reserve(additional / 16 * 13);
    }

    /// Whether the rows of `later` (datasets of their own, read after this one) can be
    /// [appended](Subscriptions::append) without an interner running full. It counts every
    /// string of every part, as if none were known yet: a `false` may be too careful, never
    /// wrong.
    pub fn has_room_for<'a>(&self, later: impl IntoIterator<Item = &'a Subscriptions>) -> bool {
        let (mut text, mut count) = (self.customers.text.len(), self.customers.len());
        let (mut plan_text, mut plans) = (self.plans.text.len(), self.plans.len());
        for part in later {
            text = text.saturating_add(part.customers.text.len());
            count = count.saturating_add(part.customers.len());
            plan_text = plan_text.saturating_add(part.plans.text.len());
            plans = plans.saturating_add(part.plans.len());
        }
        let max = u32::MAX as usize;
        text <= max && count < max && plan_text <= max && plans < max
    }

    /// Appends `other`'s rows (a chunk imported apart, e.g. on another thread): its customers
    /// and plans are interned here once each, its rows' codes mapped to this dataset's.
    pub fn append(&mut self, other: &Subscriptions) -> Result<(), Full> {
        self.flush_pending();
        let map = |from: &Interner, into: &mut Interner| -> Result<Vec<u32>, Full> {
            (0..from.len() as u32).map(|i| into.intern(from.get(i)).ok_or(Full)).collect()
        };
        let customers = map(&other.customers, &mut self.customers)?;
        let plans = map(&other.plans, &mut self.plans)?;
        self.rows.reserve(other.rows.len());
        for r in &other.rows {
            let customer = CustomerId(customers.get(r.customer.index()).copied().ok_or(Full)?);
            let plan = match r.plan.checked_sub(1) {
                Some(p) => plans.get(p as usize).and_then(|c| c.checked_add(1)).ok_or(Full)?,
                None => 0,
            };
            self.rows.push(SubRow { customer, plan, ..*r });
        }
        Ok(())
    }

    /// Keeps the first `len` rows (their customers and plans stay interned).
    pub fn truncate(&mut self, len: usize) {
        self.flush_pending();
        self.rows.truncate(len);
    }

    /// Frees the customer interner's lookup table once the rows are all read (the import's
    /// last step): the report reads ids, hashes and text, never looks a customer up by name.
    pub fn seal(&mut self) {
        self.flush_pending();
        self.customers.seal();
    }

    /// Gives back the rows' spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.flush_pending();
        self.rows.shrink_to_fit();
    }

    /// Rows there is room for without reallocating.
    pub fn capacity(&self) -> usize {
        self.rows.capacity()
    }

    /// The rows.
    pub fn rows(&self) -> &[SubRow] {
        &self.rows
    }

    /// The customers' ids, indexed by [`CustomerId`].
    pub fn customers(&self) -> &Interner {
        &self.customers
    }

    /// The customer id of `row` (a row of this dataset).
    pub fn customer(&self, row: &SubRow) -> &str {
        self.customers.get(row.customer.0)
    }

    /// The plan name of `row` (a row of this dataset), if any.
    pub fn plan(&self, row: &SubRow) -> Option<&str> {
        let i = row.plan.checked_sub(1)?;
        Some(self.plans.get(i))
    }

    /// Row `i` with its text.
    pub fn get(&self, i: usize) -> Option<SubRef<'_>> {
        self.rows.get(i).map(|row| SubRef { subs: self, row })
    }

    /// Every row with its text, in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = SubRef<'_>> + DoubleEndedIterator + Clone {
        self.rows.iter().map(move |row| SubRef { subs: self, row })
    }

    /// Every row in its owned, plain form (tests, and the few rows a drill-down shows).
    pub fn to_vec(&self) -> Vec<Subscription> {
        self.iter().map(|r| r.to_subscription()).collect()
    }

    /// Bytes the rows and interners hold on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<SubRow>()
            + self.customers.heap_bytes()
            + self.plans.heap_bytes()
    }
}

/// A row of a [`Subscriptions`] with access to its text; derefs to the [`SubRow`].
#[derive(Debug, Clone, Copy)]
pub struct SubRef<'a> {
    subs: &'a Subscriptions,
    row: &'a SubRow,
}

impl<'a> SubRef<'a> {
    /// Customer (account) identifier.
    pub fn customer(&self) -> &'a str {
        self.subs.customer(self.row)
    }

    /// Plan name, if the file has one.
    pub fn plan(&self) -> Option<&'a str> {
        self.subs.plan(self.row)
    }

    /// The row without its text.
    pub fn row(&self) -> &'a SubRow {
        self.row
    }

    /// The owned, plain form.
    pub fn to_subscription(&self) -> Subscription {
        let r = self.row;
        Subscription {
            customer: self.customer().into(),
            start: r.start,
            trial_end: r.trial_end(),
            end: r.end(),
            end_scheduled: r.end_scheduled(),
            amount: r.amount,
            interval: r.interval(),
            plan: self.plan().map(Into::into),
            state: r.state,
            currency: r.currency(),
        }
    }
}

impl std::ops::Deref for SubRef<'_> {
    type Target = SubRow;
    fn deref(&self) -> &SubRow {
        self.row
    }
}

impl FromIterator<Subscription> for Subscriptions {
    fn from_iter<I: IntoIterator<Item = Subscription>>(iter: I) -> Subscriptions {
        let mut subs = Subscriptions::new();
        for s in iter {
            // Full only beyond 4 GiB of customer ids: never for rows built in memory.
            if subs.push(&s).is_err() {
                break;
            }
        }
        subs
    }
}

impl From<Vec<Subscription>> for Subscriptions {
    fn from(rows: Vec<Subscription>) -> Subscriptions {
        rows.into_iter().collect()
    }
}

impl PartialEq for Subscriptions {
    fn eq(&self, other: &Subscriptions) -> bool {
        self.len() == other.len()
            && self.iter().zip(other.iter()).all(|(a, b)| {
                a.row.customer == b.row.customer
                    && a.customer() == b.customer()
                    && a.plan() == b.plan()
                    && SubRow { customer: b.row.customer, plan: a.row.plan, ..*b.row } == *a.row
            })
    }
}

impl Serialize for Subscriptions {
    /// As a sequence of [`Subscription`]s: the serialised form of a dataset did not change.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(|r| r.to_subscription()))
    }
}

impl<'de> Deserialize<'de> for Subscriptions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let rows = Vec::<Subscription>::deserialize(d)?;
        let n = rows.len();
        let subs = Subscriptions::from(rows);
        if subs.len() == n {
            Ok(subs)
        } else {
            Err(serde::de::Error::custom("too many distinct customer ids"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Date {
        Date::from_ymd(2025, 1, d).unwrap()
    }

    #[test]
    fn rows_keep_every_field_and_intern_the_text_once() {
        let a = Subscription {
            trial_end: Some(day(8)),
            end_scheduled: true,
            interval: BillingInterval::of_months(120).unwrap(),
            plan: Some("Team".into()),
            state: SubState::NonRenewing,
            currency: Currency::parse("zar"),
            ..Subscription::new("c-17", day(1), Some(day(20)), Money(-4_250))
        };
        let b = Subscription::new("c-2", day(3), None, Money(990));
        let c = Subscription {
            plan: Some("Team".into()),
            ..Subscription::new("c-17", day(5), None, Money(1))
        };
        let subs = Subscriptions::from(vec![a.clone(), b.clone(), c.clone()]);
        let back: Vec<Subscription> = subs.iter().map(|r| r.to_subscription()).collect();
        assert_eq!(back, vec![a, b, c]);
        assert_eq!(subs.customers().len(), 2);
        assert_eq!(subs.rows()[2].customer_id(), CustomerId(0));
        assert_eq!(subs.get(1).map(|r| r.customer()), Some("c-2"));
        assert_eq!(subs.get(0).and_then(|r| r.plan()), Some("Team"));
        assert_eq!(subs.get(1).and_then(|r| r.plan()), None);
        let r = subs.rows()[0];
        assert_eq!(
            (r.end(), r.trial_end(), r.end_scheduled()),
            (Some(day(20)), Some(day(8)), true)
        );
        assert_eq!(
            (r.interval().months(), r.currency().map(|c| c.to_string())),
            (120, Some("ZAR".into()))
        );
        assert_eq!(subs.rows()[1].currency(), None);
        assert!(!subs.rows()[1].end_scheduled());
    }

    #[test]
    fn append_maps_the_other_datasets_codes_to_its_own() {
        let plain = |c: &str, plan: Option<&str>| Subscription {
            plan: plan.map(Into::into),
            ..Subscription::new(c, day(1), None, Money(100))
        };
        let a = vec![plain("x", Some("Pro")), plain("y", None)];
        let b = vec![plain("z", Some("Team")), plain("x", Some("Team")), plain("y", Some("Pro"))];
        let mut joined = Subscriptions::from(a.clone());
        joined.append(&Subscriptions::from(b.clone())).unwrap();
        let all: Vec<Subscription> = a.into_iter().chain(b).collect();
        assert_eq!(joined.to_vec(), all);
        assert_eq!(joined, Subscriptions::from(all));
        // x, y, z once each: "x" of the second part has the first part's id.
        assert_eq!(joined.customers().len(), 3);
        assert_eq!(joined.rows()[3].customer_id(), CustomerId(0));
    }

    #[test]
    fn appended_parts_equal_one_dataset_ids_included() {
        // Customers and plans repeat across every cut, some are new after it.
        let rows: Vec<Subscription> = [
            ("c-1", Some("Pro")),
            ("c-2", None),
            ("c-1", Some("Team")),
            ("c-3", Some("Pro")),
            ("c-2", Some("Basic")),
            ("c-4", None),
            ("c-3", Some("Team")),
        ]
        .iter()
        .enumerate()
        .map(|(i, (c, p))| Subscription {
            plan: p.map(Into::into),
            ..Subscription::new(c, day(1 + i as u32), None, Money(100 * i as i64))
        })
        .collect();
        let whole = Subscriptions::from(rows.clone());
        for cut in 0..=rows.len() {
            for second in cut..=rows.len() {
                let mut a = Subscriptions::from(rows[..cut].to_vec());
                let b = Subscriptions::from(rows[cut..second].to_vec());
                let c = Subscriptions::from(rows[second..].to_vec());
                assert!(a.has_room_for([&b, &c]));
                assert_eq!(a.append(&b), Ok(()));
                assert_eq!(a.append(&c), Ok(()));
                // `==` compares the customer ids too: the order of first appearance holds.
                assert_eq!(a, whole, "cuts at {cut} and {second}");
                assert_eq!(a.to_vec(), rows);
            }
        }
        assert_eq!(whole.customers().len(), 4);
    }

    #[test]
    fn a_sealed_interner_finds_and_interns_as_before() {
        let mut i = Interner::default();
        for k in 0..1_000 {
            assert_eq!(i.intern(&format!("k{k}")), Some(k));
        }
        i.seal();
        assert!(i.heap_bytes() < 1_000 * 16, "{} bytes", i.heap_bytes());
        assert_eq!((i.find("k999"), i.find("k1000")), (Some(999), None));
        // Known strings keep their ids; a new one gets the next id, once.
        assert_eq!(i.intern("k17"), Some(17));
        assert_eq!(i.intern("new"), Some(1_000));
        assert_eq!(i.intern("new"), Some(1_000));
        assert_eq!((i.len(), i.get(1_000), i.find("k0")), (1_001, "new", Some(0)));
    }

    #[test]
    fn deferred_rows_equal_rows_pushed_one_by_one_ids_included() {
        // 200 rows over 70 customers: repeats next to each other, within a batch and across
        // batches (BATCH is 32), and a part pushed after the interner was sealed.
        let rows: Vec<Subscription> = (0..200u32)
            .map(|i| {
                let c = match i % 5 {
                    0 | 1 => format!("c{}", i / 5),
                    2 => format!("c{}", (i * 7) % 70),
                    _ => format!("c{}", i % 70),
                };
                Subscription {
                    plan: (i % 3 == 0).then(|| format!("p{}", i % 4).into()),
                    ..Subscription::new(&c, day(1 + i % 28), None, Money(i64::from(i)))
                }
            })
            .collect();
        let eager = Subscriptions::from(rows.clone());
        let mut deferred = Subscriptions::new();
        for (i, s) in rows.iter().enumerate() {
            if i == 120 {
                deferred.seal();
            }
            deferred.push_deferred(s).unwrap();
        }
        // The last rows wait for their batch: their ids are not set yet.
        let waiting = deferred.pending.rows.len();
        assert!((1..BATCH).contains(&waiting), "{waiting}");
        assert_eq!(deferred.rows().last().map(|r| r.customer_id()), Some(PENDING));
        deferred.flush_pending();
        // `==` compares the ids, and the text through them.
        assert_eq!(deferred, eager);
        assert_eq!(deferred.to_vec(), rows);
        // c0-c39 (i / 5), c14 and c49 (7i mod 70 for i = 2 mod 5), and of i mod 70 for i = 3, 4
        // mod 5 the twelve from c40 up: 52.
        assert_eq!(deferred.customers().len(), 52);
        assert!(deferred.rows().iter().all(|r| r.customer_id() != PENDING));
    }

    #[test]
    fn currency_codes_round_trip_at_the_ends_of_the_alphabet() {
        for code in ["AAA", "ZZZ", "EUR", "USD", "AZA"] {
            let c = Currency::parse(code);
            assert_eq!(currency_of(currency_code(c)), c, "{code}");
        }
        assert_eq!(currency_code(Currency::parse("AAA")), 1);
        assert_eq!(currency_code(Currency::parse("ZZZ")), 17_576);
        assert_eq!(currency_of(0), None);
    }

    #[test]
    fn interner_finds_what_it_stored_and_nothing_else() {
        let mut i = Interner::default();
        let ids: Vec<_> = ["b", "", "a", "b", "ab"].iter().map(|s| i.intern(s)).collect();
        assert_eq!(ids, vec![Some(0), Some(1), Some(2), Some(0), Some(3)]);
        assert_eq!((i.get(3), i.get(1), i.get(9)), ("ab", "", ""));
        assert_eq!((i.find("a"), i.find("ba")), (Some(2), None));
        for n in 0..10_000 {
            assert_eq!(i.intern(&format!("x{n}")), Some(4 + n));
        }
        assert_eq!(i.find("x9999"), Some(10_003));
    }

    #[test]
    fn serialised_as_the_plain_rows() {
        let rows = vec![Subscription {
            plan: Some("Pro".into()),
            ..Subscription::new("k1", day(2), Some(day(9)), Money(500))
        }];
        let plain = serde_json::to_string(&rows).unwrap();
        let subs = Subscriptions::from(rows);
        assert_eq!(serde_json::to_string(&subs).unwrap(), plain);
        let back: Subscriptions = serde_json::from_str(&plain).unwrap();
        assert_eq!(back, subs);
    }
}
