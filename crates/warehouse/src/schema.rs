//! The canonical tables: one per dataset kind, the columns every generated query reads.
//!
//! Dates are ISO (`2025-07-01`), timestamps ISO without zone (`2025-07-01 09:30:00`, the
//! time as the export gave it), money is integer cents, booleans `true`/`false`, missing
//! values empty. `kennzahl tables` writes these files; a user's own tables can carry other
//! names (see [`crate::sql::Mapping`]).

use crate::sql::Dialect;
use records::DatasetKind;

/// The type of a canonical column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// Text.
    Text,
    /// A calendar day.
    Date,
    /// A day and time, no time zone.
    Timestamp,
    /// Money in integer cents.
    Cents,
    /// An integer.
    Int,
    /// A floating-point number.
    Float,
    /// `true` or `false`.
    Bool,
}

/// One canonical column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Column name.
    pub name: &'static str,
    /// Column type.
    pub ty: ColType,
    /// Whether it may be empty.
    pub nullable: bool,
    /// What it holds (English).
    pub doc: &'static str,
}

/// One canonical table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// Table name (also the file name, `<name>.csv`).
    pub name: &'static str,
    /// The dataset kind it holds.
    pub kind: DatasetKind,
    /// Its columns, in file order.
    pub columns: &'static [Column],
}

const fn col(name: &'static str, ty: ColType, nullable: bool, doc: &'static str) -> Column {
    Column { name, ty, nullable, doc }
}

use ColType::{Bool, Cents, Date, Float, Int, Text, Timestamp};

/// Every canonical table, in [`DatasetKind::ALL`] order.
pub const TABLES: [Table; 9] = [
    Table {
        name: "subscriptions",
        kind: DatasetKind::Subscriptions,
        columns: &[
            col("customer", Text, false, "customer (account) id"),
            col("start_date", Date, false, "first day, free trial included"),
            col("trial_end", Date, true, "first paid day after a free trial"),
            col("end_date", Date, true, "paid end: first day it no longer pays"),
            col("end_scheduled", Bool, false, "end_date is a scheduled day not reached yet"),
            col("amount_cents", Cents, false, "amount per interval, discount deducted"),
            col("interval_months", Int, false, "billing interval in months"),
            col("plan", Text, true, "plan name"),
            col("state", Text, false, "unknown, active, trialing, past_due, unpaid, non_renewing, paused, ended, never_paid, future"),
            col("currency", Text, true, "ISO 4217 code"),
        ],
    },
    Table {
        name: "invoices",
        kind: DatasetKind::Invoices,
        columns: &[
            col("customer", Text, false, "customer (account) id"),
            col("invoice_date", Date, false, "invoice or payment day"),
            col("amount_cents", Cents, false, "amount"),
            col("period_months", Int, false, "months the invoice covers (1 when not named)"),
            col("service_start", Date, true, "first day of the service period"),
            col("line", Text, false, "recurring, one_time or refund"),
            col("currency", Text, true, "ISO 4217 code"),
        ],
    },
    Table {
        name: "survey_answers",
        kind: DatasetKind::Surveys,
        columns: &[
            col("answer_date", Date, false, "day of the answer"),
            col("score", Float, false, "score as given"),
            col("kind", Text, true, "nps, csat or ces"),
            col("customer", Text, true, "customer (account) id"),
            col("segment", Text, true, "segment"),
            col("scale", Text, true, "CSAT/CES scale as the import decided it: 1-5, 1-7, 1-10, 0-10"),
        ],
    },
    Table {
        name: "tickets",
        kind: DatasetKind::Tickets,
        columns: &[
            col("id", Text, false, "ticket id"),
            col("created", Timestamp, false, "opened"),
            col("first_response", Timestamp, true, "first agent response"),
            col("resolved", Timestamp, true, "resolved"),
            col("contacts", Int, true, "contacts until resolved"),
            col("first_contact_resolution", Bool, true, "resolved at the first contact"),
            col("channel", Text, true, "channel"),
            col("urgency", Text, true, "urgency or priority"),
            col("ticket_type", Text, true, "type"),
            col("customer", Text, true, "customer (account) id"),
        ],
    },
    Table {
        name: "deals",
        kind: DatasetKind::Deals,
        columns: &[
            col("id", Text, false, "deal id"),
            col("created", Date, false, "created"),
            col("closed", Date, true, "closed (won or lost)"),
            col("outcome", Text, false, "won, lost or open"),
            col("value_cents", Cents, true, "deal value"),
            col("stage", Text, true, "pipeline stage"),
            col("source", Text, true, "lead source"),
            col("lost_at_stage", Text, true, "stage a lost deal was lost at"),
        ],
    },
    Table {
        name: "leads",
        kind: DatasetKind::Leads,
        columns: &[
            col("id", Text, true, "lead id"),
            col("created", Timestamp, false, "created"),
            col("first_contact", Timestamp, true, "first contact"),
        ],
    },
    Table {
        name: "usage_events",
        kind: DatasetKind::Usage,
        columns: &[
            col("event_time", Timestamp, false, "when"),
            col("user_id", Text, false, "user id"),
            col("account", Text, true, "customer (account) id"),
            col("event", Text, true, "event name"),
            col("session_seconds", Float, true, "session length in seconds"),
        ],
    },
    Table {
        name: "costs",
        kind: DatasetKind::Costs,
        columns: &[
            col("month", Date, false, "first day of the month"),
            col("sales_cents", Cents, false, "sales cost"),
            col("marketing_cents", Cents, false, "marketing cost"),
            col("customer_success_cents", Cents, false, "customer-success cost"),
        ],
    },
    Table {
        name: "accounts",
        kind: DatasetKind::Accounts,
        columns: &[col("customer_id", Text, false, "customer id (its attributes are segments)")],
    },
];

/// The canonical table of a dataset kind.
pub fn table(kind: DatasetKind) -> &'static Table {
    let i = DatasetKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &TABLES[i]
}

impl ColType {
    /// The column type in a dialect's `CREATE TABLE`.
    pub fn sql(self, dialect: Dialect) -> &'static str {
        match (self, dialect) {
            (Text, Dialect::Spark) => "STRING",
            (Text, _) => "VARCHAR",
            (Date, _) => "DATE",
            (Timestamp, _) => "TIMESTAMP",
            (Cents, _) => "BIGINT",
            (Int, _) => "INTEGER",
            (Float, Dialect::Postgres) => "DOUBLE PRECISION",
            (Float, _) => "DOUBLE",
            (Bool, _) => "BOOLEAN",
        }
    }
}
