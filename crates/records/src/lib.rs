//! Domain records shared by `ingest` (which produces them from files), `analytics` (which
//! aggregates them) and `sample` (which generates them).
//!
//! The types are deliberately plain: a calendar [`Date`] without time zone, a UTC
//! [`DateTime`] in seconds, [`Money`] as integer minor units (cents) so that sums are exact,
//! and one struct per dataset kind. Nothing here parses text; that is `ingest`'s job.

#![deny(missing_docs)]

mod time;

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

/// How often a subscription is billed; the amount is normalised to a month by dividing by
/// [`BillingInterval::months`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BillingInterval {
    /// Billed every month.
    Month,
    /// Billed every three months.
    Quarter,
    /// Billed every six months.
    HalfYear,
    /// Billed every year (MRR = amount ÷ 12).
    Year,
}

impl BillingInterval {
    /// Number of months one billing period covers.
    pub fn months(self) -> i64 {
        match self {
            BillingInterval::Month => 1,
            BillingInterval::Quarter => 3,
            BillingInterval::HalfYear => 6,
            BillingInterval::Year => 12,
        }
    }
}

/// Text of an id or label cell (customer ids, plan names, statuses): up to 12 bytes on wasm32
/// (24 natively) are stored inline, so the millions of short ids of a large export cost no
/// heap allocation each. Derefs to `str`; build one with `.into()`.
pub type Text = compact_str::CompactString;

/// One subscription line of a billing export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    /// Customer (account) identifier.
    pub customer: Text,
    /// First day the subscription is active.
    pub start: Date,
    /// Day it ended or was cancelled; `None` while active. A subscription counts as active
    /// on day `d` when `start <= d` and (`end` is `None` or `d < end`).
    pub end: Option<Date>,
    /// Amount billed per interval.
    pub amount: Money,
    /// Billing interval.
    pub interval: BillingInterval,
    /// Plan name, if the file has one.
    pub plan: Option<Text>,
    /// Status text as exported (e.g. "active", "canceled"), if any.
    pub status: Option<Text>,
}

// The import worker keeps every row: 64 bytes per subscription on wasm32 (2.05 M rows of a
// 100 MB export are 131 MB; BENCHMARKS.md, memory). The wasm build fails if that grows.
#[cfg(target_arch = "wasm32")]
const _: () = assert!(std::mem::size_of::<Subscription>() == 64);

/// One invoice or payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    /// Customer (account) identifier.
    pub customer: Text,
    /// Invoice or payment date.
    pub date: Date,
    /// Amount of the invoice.
    pub amount: Money,
    /// Number of months the invoice covers, starting with the month of `date` (1 if the file
    /// names no period).
    pub period_months: u32,
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
}

impl DatasetKind {
    /// Every kind, in display order.
    pub const ALL: [DatasetKind; 8] = [
        DatasetKind::Subscriptions,
        DatasetKind::Invoices,
        DatasetKind::Surveys,
        DatasetKind::Tickets,
        DatasetKind::Deals,
        DatasetKind::Leads,
        DatasetKind::Usage,
        DatasetKind::Costs,
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
    /// Subscriptions.
    Subscriptions(Vec<Subscription>),
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
}

impl Dataset {
    /// An empty dataset of `kind`.
    pub fn empty(kind: DatasetKind) -> Dataset {
        match kind {
            DatasetKind::Subscriptions => Dataset::Subscriptions(Vec::new()),
            DatasetKind::Invoices => Dataset::Invoices(Vec::new()),
            DatasetKind::Surveys => Dataset::Surveys(Vec::new()),
            DatasetKind::Tickets => Dataset::Tickets(Vec::new()),
            DatasetKind::Deals => Dataset::Deals(Vec::new()),
            DatasetKind::Leads => Dataset::Leads(Vec::new()),
            DatasetKind::Usage => Dataset::Usage(Vec::new()),
            DatasetKind::Costs => Dataset::Costs(Vec::new()),
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
        }
    }
}
