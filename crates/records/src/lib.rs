//! Domain records shared by `ingest` (which produces them from files), `analytics` (which
//! aggregates them) and `sample` (which generates them).
//!
//! The types are deliberately plain: a calendar [`Date`] without time zone, a UTC
//! [`DateTime`] in seconds, [`Money`] as integer minor units (cents) so that sums are exact,
//! and one struct per dataset kind. Nothing here parses text; that is `ingest`'s job.

#![deny(missing_docs)]

mod attributes;
mod subscriptions;
mod time;

pub use attributes::{AttributeColumn, Attributes, Value};
pub use subscriptions::{hash32, CustomerId, Full, Interner, SubRef, SubRow, Subscriptions};
pub use time::{Date, DateTime, Month, MonthOf};

use serde::{Deserialize, Serialize};

/// An amount of money in minor units (cents). Sums of `Money` are exact; division happens
/// only when a ratio is formed, as `f64`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Money(pub i64);

impl Money {
    /// Zero cents.
    pub const ZERO: Money = Money(0);

    /// Amount in cents.
    pub fn cents(self) -> i64 {
        self.0
    }

    /// Amount in major units as `f64` (for display and ratios only).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Rounds a major-unit `f64` to the nearest cent; `None` for NaN, infinities and values
    /// outside the `i64` cent range.
    pub fn from_f64(major: f64) -> Option<Money> {
        let cents = (major * 100.0).round();
        if cents.is_finite() && cents.abs() < 9.0e15 {
            Some(Money(cents as i64))
        } else {
            None
        }
    }

    /// Saturating sum, so that hostile input cannot overflow.
    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    /// Saturating difference.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        self.saturating_add(rhs)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        self.saturating_sub(rhs)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

/// How often a subscription is billed, as a number of months (1 = monthly, 3 = quarterly,
/// 24 = every two years); the amount is normalised to a month by dividing by
/// [`BillingInterval::months`]. Serialised as that number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BillingInterval(#[serde(deserialize_with = "interval_months")] u16);

/// A serialised interval read back: 1–120 months like [`BillingInterval::of_months`]
/// ([`SubRow`] keeps it in seven bits).
fn interval_months<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let months = u16::deserialize(d)?;
    BillingInterval::of_months(u32::from(months))
        .map(|i| i.0)
        .ok_or_else(|| serde::de::Error::custom("billing interval outside 1-120 months"))
}

impl BillingInterval {
    /// Billed every month.
    pub const MONTH: BillingInterval = BillingInterval(1);
    /// Billed every three months.
    pub const QUARTER: BillingInterval = BillingInterval(3);
    /// Billed every six months.
    pub const HALF_YEAR: BillingInterval = BillingInterval(6);
    /// Billed every year (MRR = amount ÷ 12).
    pub const YEAR: BillingInterval = BillingInterval(12);
    /// The longest interval accepted (ten years).
    pub const MAX_MONTHS: u32 = 120;

    /// An interval of `months` months (1–120); `None` outside that range.
    pub fn of_months(months: u32) -> Option<BillingInterval> {
        (1..=Self::MAX_MONTHS).contains(&months).then_some(BillingInterval(months as u16))
    }

    /// `count` times this interval ("every 3 months", "every 2 years"); `None` when the result
    /// leaves 1–120 months.
    pub fn times(self, count: u32) -> Option<BillingInterval> {
        Self::of_months(u32::from(self.0).checked_mul(count)?)
    }

    /// Number of months one billing period covers.
    pub fn months(self) -> i64 {
        i64::from(self.0)
    }
}

/// The state of a subscription as its export names it (Stripe, Chargebee, Paddle, Recurly and
/// German words), reduced to what the analysis distinguishes. See `SubState::parse` in `ingest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubState {
    /// No status column, or a word the import does not know: the dates decide.
    #[default]
    Unknown,
    /// Paying (active, live, aktiv).
    Active,
    /// In its free trial (trialing, in_trial).
    Trialing,
    /// A payment failed; still counted until it ends, and flagged (past_due, überfällig).
    PastDue,
    /// Payments failed for good but not ended yet; counted until it ends, and flagged.
    Unpaid,
    /// Still running, set to end at the end of the current period (non_renewing,
    /// Stripe's cancel_at_period_end).
    NonRenewing,
    /// Paused (no payments while paused).
    Paused,
    /// Cancelled or ended (canceled, expired, deleted, gekündigt, beendet).
    Ended,
    /// Created but never paid (Stripe's incomplete and incomplete_expired): never MRR.
    NeverPaid,
    /// Scheduled to start later (Chargebee/Recurly "future").
    Future,
}

impl SubState {
    /// Whether a subscription in this state ever made revenue.
    pub fn paid(self) -> bool {
        self != SubState::NeverPaid
    }

    /// Whether it is flagged beside the figures (counted, but payments are failing).
    pub fn at_risk(self) -> bool {
        matches!(self, SubState::PastDue | SubState::Unpaid)
    }
}

/// A currency as its ISO 4217 code in capitals (`EUR`, `USD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The euro.
    pub const EUR: Currency = Currency(*b"EUR");

    /// A three-letter code (any case), or a currency sign (€, $, £, CHF, Fr.); `None` for
    /// anything else.
    pub fn parse(text: &str) -> Option<Currency> {
        let t = text.trim();
        let sign = match t {
            "€" => Some(*b"EUR"),
            "$" | "US$" => Some(*b"USD"),
            "£" => Some(*b"GBP"),
            "Fr." | "SFr." | "sFr." => Some(*b"CHF"),
            _ => None,
        };
        if let Some(code) = sign {
            return Some(Currency(code));
        }
        let b = t.as_bytes();
        (b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic))
            .then(|| Currency([b[0], b[1], b[2]].map(|c| c.to_ascii_uppercase())))
    }

    /// The code, e.g. `"EUR"`.
    pub fn code(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Currency::parse(&text).ok_or_else(|| serde::de::Error::custom("not a currency code"))
    }
}

/// Text of an id or label cell (customer ids, plan names, statuses): up to 12 bytes on wasm32
/// (24 natively) are stored inline, so the millions of short ids of a large export cost no
/// heap allocation each. Derefs to `str`; build one with `.into()`.
pub type Text = compact_str::CompactString;

/// One subscription line of a billing export, in its plain, owned form: what the import
/// builds per line and tests and generators write; a dataset keeps it as a [`SubRow`] in
/// [`Subscriptions`].
///
/// It makes MRR on day `d` when it was ever paid ([`SubState::paid`]) and `paid_start() ≤ d`
/// and (`end` is `None` or `d < end`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    /// Customer (account) identifier.
    pub customer: Text,
    /// First day of the subscription, its free trial included.
    pub start: Date,
    /// Last day of the free trial plus one (the first paid day), when it had a trial.
    #[serde(default)]
    pub trial_end: Option<Date>,
    /// The first day it no longer pays ("paid end"): the day it ended, or the end of the
    /// current period when it is set to cancel then; `None` while open.
    pub end: Option<Date>,
    /// Whether `end` is scheduled (the end of a period not yet reached when exported) rather
    /// than a day on which it ended; a scheduled day never decides the as-of date.
    #[serde(default)]
    pub end_scheduled: bool,
    /// Amount billed per interval: price × quantity − recurring discount.
    pub amount: Money,
    /// Billing interval.
    pub interval: BillingInterval,
    /// Plan name, if the file has one.
    pub plan: Option<Text>,
    /// State from the export's status column.
    #[serde(default)]
    pub state: SubState,
    /// Currency, if the file names one.
    #[serde(default)]
    pub currency: Option<Currency>,
}

impl Subscription {
    /// A monthly subscription in no particular state: the form tests and generators start
    /// from (`Subscription { plan: …, ..Subscription::new(…) }`).
    pub fn new(customer: &str, start: Date, end: Option<Date>, amount: Money) -> Subscription {
        Subscription {
            customer: customer.into(),
            start,
            trial_end: None,
            end,
            end_scheduled: false,
            amount,
            interval: BillingInterval::MONTH,
            plan: None,
            state: SubState::Unknown,
            currency: None,
        }
    }

    /// The first paid day: the end of the trial when a trial ends after the start, else the
    /// start.
    pub fn paid_start(&self) -> Date {
        match self.trial_end {
            Some(t) if t > self.start => t,
            _ => self.start,
        }
    }

    /// Whether it began with a free trial.
    pub fn had_trial(&self) -> bool {
        self.trial_end.is_some_and(|t| t > self.start)
    }
}

// What a dataset keeps of a subscription is a 32-byte `SubRow` (subscriptions.rs); this
// plain form (64 bytes on wasm32, 88 natively) exists per row only while it is converted.

/// What an invoice line is: only recurring lines make MRR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A subscription charge (it has a service period, a subscription or plan id, or a
    /// recurring flag; or the file says nothing either way).
    #[default]
    Recurring,
    /// A one-time charge (setup fee, one-off purchase, a line without any recurring sign in a
    /// file that marks recurring lines).
    OneTime,
    /// A refund or credit note (a negative one-time amount).
    Refund,
}

/// One invoice or payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    /// Customer (account) identifier.
    pub customer: Text,
    /// Invoice or payment date.
    pub date: Date,
    /// Amount of the invoice.
    pub amount: Money,
    /// Number of months the invoice covers, starting with the month of `service_start` or
    /// else of `date` (1 if the file names no period).
    pub period_months: u32,
    /// First day of the service period, when the file names one.
    #[serde(default)]
    pub service_start: Option<Date>,
    /// Recurring or not.
    #[serde(default)]
    pub line: LineKind,
    /// Currency, if the file names one.
    #[serde(default)]
    pub currency: Option<Currency>,
}

impl Invoice {
    /// A recurring one-month invoice: the form tests and generators start from.
    pub fn new(customer: &str, date: Date, amount: Money, period_months: u32) -> Invoice {
        Invoice {
            customer: customer.into(),
            date,
            amount,
            period_months,
            service_start: None,
            line: LineKind::Recurring,
            currency: None,
        }
    }
}

/// What a survey question measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SurveyKind {
    /// Net Promoter Score question, scale 0–10.
    Nps,
    /// Customer satisfaction, scale 1–5 or 1–10.
    Csat,
    /// Customer effort score.
    Ces,
}

/// One survey answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyAnswer {
    /// Date the answer was given.
    pub date: Date,
    /// The score as given.
    pub score: f64,
    /// Question kind, if the file says (otherwise the analysis assumes NPS for 0–10 scores).
    pub kind: Option<SurveyKind>,
    /// Customer or account identifier, if any.
    pub customer: Option<String>,
    /// Segment, if any.
    pub segment: Option<String>,
    /// Free-text comment, if any.
    pub comment: Option<String>,
    /// The answer scale of a CSAT or CES answer, as the import decided it for the file
    /// (`None`: not decided, e.g. rows built in memory; the analysis then decides per data
    /// set with [`SurveyScale::fitting`]).
    #[serde(default)]
    pub scale: Option<SurveyScale>,
}

/// The answer scale of a CSAT or CES question. NPS is always 0–10 and needs none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SurveyScale {
    /// 1 to 5.
    #[serde(rename = "1-5")]
    OneToFive,
    /// 1 to 7.
    #[serde(rename = "1-7")]
    OneToSeven,
    /// 1 to 10.
    #[serde(rename = "1-10")]
    OneToTen,
    /// 0 to 10.
    #[serde(rename = "0-10")]
    ZeroToTen,
}

impl SurveyScale {
    /// Every scale, smallest first.
    pub const ALL: [SurveyScale; 4] = [
        SurveyScale::OneToFive,
        SurveyScale::OneToSeven,
        SurveyScale::OneToTen,
        SurveyScale::ZeroToTen,
    ];

    /// The scales a CES question uses (1 very easy … 5, or the 1–7 agreement scale).
    pub const CES: [SurveyScale; 2] = [SurveyScale::OneToFive, SurveyScale::OneToSeven];

    /// Lowest answer.
    pub const fn min(self) -> u8 {
        match self {
            SurveyScale::ZeroToTen => 0,
            _ => 1,
        }
    }

    /// Highest answer.
    pub const fn max(self) -> u8 {
        match self {
            SurveyScale::OneToFive => 5,
            SurveyScale::OneToSeven => 7,
            SurveyScale::OneToTen | SurveyScale::ZeroToTen => 10,
        }
    }

    /// `1-5`, `0-10`: the id the CLI and the serialised form use.
    pub const fn id(self) -> &'static str {
        match self {
            SurveyScale::OneToFive => "1-5",
            SurveyScale::OneToSeven => "1-7",
            SurveyScale::OneToTen => "1-10",
            SurveyScale::ZeroToTen => "0-10",
        }
    }

    /// `1–5`, `0–10` (with an en dash, for people).
    pub const fn label(self) -> &'static str {
        match self {
            SurveyScale::OneToFive => "1–5",
            SurveyScale::OneToSeven => "1–7",
            SurveyScale::OneToTen => "1–10",
            SurveyScale::ZeroToTen => "0–10",
        }
    }

    /// Whether `score` is an answer on this scale (a finite number from min to max).
    pub fn contains(self, score: f64) -> bool {
        score.is_finite() && (f64::from(self.min())..=f64::from(self.max())).contains(&score)
    }

    /// The first of `candidates` (smallest first) that holds every answer from `min` to
    /// `max`; `None` when none does. This is how a file's scale follows from its values: a
    /// 0 means 0–10, a highest answer of 5 means 1–5, of 7 means 1–7.
    pub fn fitting(min: f64, max: f64, candidates: &[SurveyScale]) -> Option<SurveyScale> {
        candidates.iter().copied().find(|s| s.contains(min) && s.contains(max))
    }
}

/// One support ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// Ticket identifier.
    pub id: String,
    /// When the ticket was opened.
    pub created: DateTime,
    /// First answer to the customer, if any.
    pub first_response: Option<DateTime>,
    /// When it was resolved, if it was.
    pub resolved: Option<DateTime>,
    /// Number of contacts (interactions) until resolution, if exported.
    pub contacts: Option<u32>,
    /// Whether it was resolved in the first interaction, if exported directly.
    pub first_contact_resolution: Option<bool>,
    /// Channel (mail, phone, chat …).
    pub channel: Option<String>,
    /// Urgency or priority.
    pub urgency: Option<String>,
    /// Type (question, problem, complaint …).
    pub ticket_type: Option<String>,
    /// Customer or account identifier, if any.
    pub customer: Option<String>,
}

/// Outcome of a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DealOutcome {
    /// Closed and won.
    Won,
    /// Closed and lost.
    Lost,
    /// Still open.
    Open,
}

/// One deal (opportunity) from a CRM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// Deal identifier.
    pub id: String,
    /// Day the deal was created.
    pub created: Date,
    /// Day it was closed, if it was.
    pub closed: Option<Date>,
    /// Won, lost or open.
    pub outcome: DealOutcome,
    /// Deal value; `None` when the export leaves it empty (CRMs often do for open deals), so a
    /// missing amount is never read as a deal worth 0.
    pub value: Option<Money>,
    /// Pipeline stage, if exported.
    pub stage: Option<String>,
    /// Lead source, if exported.
    pub source: Option<String>,
    /// For a lost deal, the pipeline stage it was lost at, where the export tells: a "lost at
    /// stage" column, or its stage when that is a pipeline stage (Pipedrive keeps a lost deal
    /// in its stage; HubSpot and Salesforce move it to "Closed Lost", which tells nothing).
    #[serde(default)]
    pub lost_at_stage: Option<String>,
}

/// One lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    /// Lead identifier, if any.
    pub id: Option<String>,
    /// When the lead came in.
    pub created: DateTime,
    /// First contact by sales, if any.
    pub first_contact: Option<DateTime>,
}

/// One usage event (or session) from product analytics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageEvent {
    /// When it happened.
    pub timestamp: DateTime,
    /// User identifier.
    pub user: Text,
    /// Account (customer) identifier, if any.
    pub account: Option<Text>,
    /// Event or feature name, if any.
    pub event: Option<Text>,
    /// Session duration in seconds, if the row is a session.
    pub session_seconds: Option<f64>,
}

/// Costs of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostRow {
    /// The month.
    pub month: Month,
    /// Sales cost.
    pub sales: Money,
    /// Marketing cost.
    pub marketing: Money,
    /// Customer-success cost (CS and support payroll, programmes, training …).
    pub customer_success: Money,
}

/// A customer's row in an accounts file (a CRM account export): the customer id only; its
/// other columns (plan, country, industry, size, owner, …) are segment attributes
/// ([`Attributes`]), joined to the customer's rows in the other files. No money, no dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Customer identifier.
    pub customer: Text,
}

/// The kinds of dataset the product understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatasetKind {
    /// Subscriptions from a billing tool.
    Subscriptions,
    /// Invoices or payments.
    Invoices,
    /// Survey answers (NPS, CSAT, CES).
    Surveys,
    /// Support tickets.
    Tickets,
    /// CRM deals.
    Deals,
    /// Leads.
    Leads,
    /// Product usage events.
    Usage,
    /// Monthly costs.
    Costs,
    /// Customer attributes only (CRM accounts: industry, country, size, owner, …).
    Accounts,
}

impl DatasetKind {
    /// Every kind, in display order.
    pub const ALL: [DatasetKind; 9] = [
        DatasetKind::Subscriptions,
        DatasetKind::Invoices,
        DatasetKind::Surveys,
        DatasetKind::Tickets,
        DatasetKind::Deals,
        DatasetKind::Leads,
        DatasetKind::Usage,
        DatasetKind::Costs,
        DatasetKind::Accounts,
    ];

    /// Stable identifier (`subscriptions`, `invoices`, …) used in URLs, JSON and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            DatasetKind::Subscriptions => "subscriptions",
            DatasetKind::Invoices => "invoices",
            DatasetKind::Surveys => "surveys",
            DatasetKind::Tickets => "tickets",
            DatasetKind::Deals => "deals",
            DatasetKind::Leads => "leads",
            DatasetKind::Usage => "usage",
            DatasetKind::Costs => "costs",
            DatasetKind::Accounts => "accounts",
        }
    }

    /// Inverse of [`DatasetKind::id`].
    pub fn from_id(id: &str) -> Option<DatasetKind> {
        DatasetKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Typed rows of one imported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "rows", rename_all = "snake_case")]
pub enum Dataset {
    /// Subscriptions (serialised as a list of [`Subscription`]s).
    Subscriptions(Subscriptions),
    /// Invoices.
    Invoices(Vec<Invoice>),
    /// Survey answers.
    Surveys(Vec<SurveyAnswer>),
    /// Tickets.
    Tickets(Vec<Ticket>),
    /// Deals.
    Deals(Vec<Deal>),
    /// Leads.
    Leads(Vec<Lead>),
    /// Usage events.
    Usage(Vec<UsageEvent>),
    /// Costs.
    Costs(Vec<CostRow>),
    /// Accounts (customer attributes only).
    Accounts(Vec<Account>),
}

impl Dataset {
    /// An empty dataset of `kind`.
    pub fn empty(kind: DatasetKind) -> Dataset {
        match kind {
            DatasetKind::Subscriptions => Dataset::Subscriptions(Subscriptions::new()),
            DatasetKind::Invoices => Dataset::Invoices(Vec::new()),
            DatasetKind::Surveys => Dataset::Surveys(Vec::new()),
            DatasetKind::Tickets => Dataset::Tickets(Vec::new()),
            DatasetKind::Deals => Dataset::Deals(Vec::new()),
            DatasetKind::Leads => Dataset::Leads(Vec::new()),
            DatasetKind::Usage => Dataset::Usage(Vec::new()),
            DatasetKind::Costs => Dataset::Costs(Vec::new()),
            DatasetKind::Accounts => Dataset::Accounts(Vec::new()),
        }
    }

    /// The kind of this dataset.
    pub fn kind(&self) -> DatasetKind {
        match self {
            Dataset::Subscriptions(_) => DatasetKind::Subscriptions,
            Dataset::Invoices(_) => DatasetKind::Invoices,
            Dataset::Surveys(_) => DatasetKind::Surveys,
            Dataset::Tickets(_) => DatasetKind::Tickets,
            Dataset::Deals(_) => DatasetKind::Deals,
            Dataset::Leads(_) => DatasetKind::Leads,
            Dataset::Usage(_) => DatasetKind::Usage,
            Dataset::Costs(_) => DatasetKind::Costs,
            Dataset::Accounts(_) => DatasetKind::Accounts,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Dataset::Subscriptions(v) => v.len(),
            Dataset::Invoices(v) => v.len(),
            Dataset::Surveys(v) => v.len(),
            Dataset::Tickets(v) => v.len(),
            Dataset::Deals(v) => v.len(),
            Dataset::Leads(v) => v.len(),
            Dataset::Usage(v) => v.len(),
            Dataset::Costs(v) => v.len(),
            Dataset::Accounts(v) => v.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reserves room for `additional` more rows, so that a large import fills one allocation
    /// instead of copying its rows at every doubling (memory that is reserved but never
    /// written costs no physical pages).
    pub fn reserve(&mut self, additional: usize) {
        match self {
            Dataset::Subscriptions(v) => v.reserve(additional),
            Dataset::Invoices(v) => v.reserve(additional),
            Dataset::Surveys(v) => v.reserve(additional),
            Dataset::Tickets(v) => v.reserve(additional),
            Dataset::Deals(v) => v.reserve(additional),
            Dataset::Leads(v) => v.reserve(additional),
            Dataset::Usage(v) => v.reserve(additional),
            Dataset::Costs(v) => v.reserve(additional),
            Dataset::Accounts(v) => v.reserve(additional),
        }
    }

    /// Rows this dataset has room for without reallocating.
    pub fn capacity(&self) -> usize {
        match self {
            Dataset::Subscriptions(v) => v.capacity(),
            Dataset::Invoices(v) => v.capacity(),
            Dataset::Surveys(v) => v.capacity(),
            Dataset::Tickets(v) => v.capacity(),
            Dataset::Deals(v) => v.capacity(),
            Dataset::Leads(v) => v.capacity(),
            Dataset::Usage(v) => v.capacity(),
            Dataset::Costs(v) => v.capacity(),
            Dataset::Accounts(v) => v.capacity(),
        }
    }
}
