//! Surveys, tickets, leads, deals, usage and health as SQL.
//!
//! One query per KPI, each self-contained: a comment naming the KPI and its conventions,
//! then CTEs named after the definition's steps. Every query starts with `bounds`: the
//! as-of day (given, or derived from the tables the query reads: the latest day something
//! happened, never after `CURRENT_DATE`) and the period's first day and the first day after
//! it. Every dataset is clipped to the as-of day as the report does: later rows are left out,
//! and what happened later (a reply, a resolution, a deal's close) has not happened yet.
//! A period that begins after the as-of day has no value (`NULL`), except for the current
//! states (sales velocity, health score, at-risk accounts).
//!
//! The report's default as-of day looks at every imported file; a query sees only its own
//! tables, so pass the dashboard's as-of day (`--as-of`) to get its number exactly.
//!
//! Spark: gaps between timestamps are taken from their wall-clock fields (day, hour, minute,
//! second), so the session time zone does not matter unless a time falls into the hour a
//! daylight-saving change skips (which Spark moves); a UTC session avoids even that.

mod deals;
mod health;
mod surveys;
mod tickets;
mod usage;

use super::{Ctx, Dialect};
use analytics::Kpi;

/// The SQL for a survey, ticket, lead, deal, usage or health KPI.
pub fn sql(kpi: Kpi, ctx: &Ctx<'_>) -> Option<String> {
    let sql = match kpi {
        Kpi::Nps => Some(surveys::nps(ctx)),
        Kpi::Csat => Some(surveys::csat(ctx)),
        Kpi::Ces => Some(surveys::ces(ctx)),
        Kpi::TicketVolume => Some(tickets::volume(ctx)),
        Kpi::FirstResponseTime => Some(tickets::first_response(ctx, false)),
        Kpi::FirstResponseTimeP90 => Some(tickets::first_response(ctx, true)),
        Kpi::Fcr => Some(tickets::fcr(ctx)),
        Kpi::ResolutionRate => Some(tickets::resolution_rate(ctx)),
        Kpi::LeadResponseTime => Some(tickets::lead_response(ctx)),
        Kpi::WinRate | Kpi::WinLossRatio | Kpi::WinLossValueRatio => Some(deals::closed(ctx, kpi)),
        Kpi::SalesVelocity => Some(deals::velocity(ctx)),
        Kpi::DauMau | Kpi::ProductUsageRate => Some(usage::active_users(ctx, kpi)),
        Kpi::AvgSessionDuration | Kpi::SessionsPerDay => Some(usage::sessions(ctx, kpi)),
        Kpi::AtRisk | Kpi::HealthScore => Some(health::health(ctx, kpi)),
        _ => None,
    };
    sql.map(|s| tidy(&s))
}

/// Drops the aliases that repeat the column's own name (`customer AS customer`, written where
/// a mapping file may give the column another name).
fn tidy(sql: &str) -> String {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(i) = rest.find(" AS ") {
        let (before, after) = (&rest[..i], &rest[i + 4..]);
        let name_start = before.rfind(|c: char| !ident(c)).map_or(0, |j| j + 1);
        let name = &before[name_start..];
        let plain = !name.is_empty() && !before[..name_start].ends_with('.');
        let repeats = after.starts_with(name) && !after[name.len()..].starts_with(ident);
        if plain && repeats {
            out.push_str(before);
            rest = &after[name.len()..];
        } else {
            out.push_str(&rest[..i + 4]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A day something happened, for the derived as-of day: a table and an expression over its
/// (already mapped) columns, with an optional condition.
pub(super) struct Happened {
    table: String,
    day: String,
    when: Option<String>,
}

impl Happened {
    /// `CAST(column AS DATE)` of a canonical column.
    fn of(ctx: &Ctx<'_>, table: &str, column: &str) -> Happened {
        let day = format!("CAST({} AS DATE)", ctx.col(table, column));
        Happened { table: ctx.table(table), day, when: None }
    }

    /// Only rows that meet `when`.
    fn when(mut self, when: String) -> Happened {
        self.when = Some(when);
        self
    }
}

/// The `bounds` CTE (one row: `as_of`, `period_start`, `period_end` = the first day after
/// the period), followed by a comma.
pub(super) fn bounds(ctx: &Ctx<'_>, happened: &[Happened]) -> String {
    let (first, last) = ctx.period.months();
    let start = ctx.date(first.first_day());
    let end = ctx.date(last.add(1).first_day());
    match ctx.as_of {
        Some(day) => format!(
            "bounds AS (  -- the as-of day; the period (period_end: the first day after it)\n  \
             SELECT {} AS as_of, {start} AS period_start, {end} AS period_end\n),\n",
            ctx.date(day)
        ),
        None => {
            let parts: Vec<String> = happened
                .iter()
                .map(|h| {
                    let mut s = format!("    SELECT {} AS day FROM {}", h.day, h.table);
                    if let Some(w) = &h.when {
                        s.push_str(&format!(" WHERE {w}"));
                    }
                    s
                })
                .collect();
            format!(
                "bounds AS (  -- as-of day: the latest day something happened, never after today\n  \
                 SELECT MAX(day) AS as_of, {start} AS period_start, {end} AS period_end\n  \
                 FROM (\n{}\n  ) AS happened\n  WHERE day <= CURRENT_DATE\n),\n",
                parts.join("\n    UNION ALL\n")
            )
        }
    }
}

/// `expr` as a double.
pub(super) fn dbl(ctx: &Ctx<'_>, expr: &str) -> String {
    match ctx.dialect {
        Dialect::Postgres => format!("CAST({expr} AS DOUBLE PRECISION)"),
        _ => format!("CAST({expr} AS DOUBLE)"),
    }
}

/// The day of a timestamp.
pub(super) fn day_of(expr: &str) -> String {
    format!("CAST({expr} AS DATE)")
}

/// A day plus `n` days (`n` an integer expression).
pub(super) fn add_days(ctx: &Ctx<'_>, day: &str, n: i32) -> String {
    match ctx.dialect {
        Dialect::Spark => format!("date_add({day}, {n})"),
        _ if n < 0 => format!("({day} - {})", -n),
        _ => format!("({day} + {n})"),
    }
}

/// Whole days from `a` to `b` (dates).
pub(super) fn days_between(ctx: &Ctx<'_>, a: &str, b: &str) -> String {
    match ctx.dialect {
        Dialect::DuckDb => format!("date_diff('day', {a}, {b})"),
        Dialect::Postgres => format!("({b} - {a})"),
        Dialect::Spark => format!("datediff({b}, {a})"),
    }
}

/// Whole seconds from timestamp `a` to timestamp `b`.
pub(super) fn seconds_between(ctx: &Ctx<'_>, a: &str, b: &str) -> String {
    match ctx.dialect {
        Dialect::DuckDb => format!("date_diff('second', {a}, {b})"),
        Dialect::Postgres => format!("CAST(EXTRACT(EPOCH FROM ({b} - {a})) AS BIGINT)"),
        // From the wall-clock fields, so the session time zone (a daylight-saving change)
        // cannot shift the gap: the tables hold times without zone.
        Dialect::Spark => format!(
            "(datediff(CAST({b} AS DATE), CAST({a} AS DATE)) * 86400\n           \
             + (hour({b}) - hour({a})) * 3600 + (minute({b}) - minute({a})) * 60\n           \
             + (second({b}) - second({a})))"
        ),
    }
}

/// The first day of the month of a date.
pub(super) fn month_start(ctx: &Ctx<'_>, day: &str) -> String {
    match ctx.dialect {
        Dialect::Spark => format!("trunc({day}, 'MM')"),
        _ => format!("CAST(date_trunc('month', {day}) AS DATE)"),
    }
}

/// Integer division of non-negative integers, rounded down.
pub(super) fn int_div(ctx: &Ctx<'_>, a: &str, b: &str) -> String {
    match ctx.dialect {
        Dialect::DuckDb => format!("({a} // {b})"),
        Dialect::Postgres => format!("({a} / {b})"),
        Dialect::Spark => format!("({a} DIV {b})"),
    }
}

/// A double rounded to a whole number, halves away from zero (Rust's `f64::round`;
/// PostgreSQL's `round(double)` rounds halves to even, so it is spelt out).
pub(super) fn round_half_away(x: &str) -> String {
    format!(
        "SIGN({x}) * (FLOOR(ABS({x})) + CASE WHEN ABS({x}) - FLOOR(ABS({x})) >= 0.5 THEN 1 ELSE 0 END)"
    )
}

/// The closing `SELECT` of a query: `kpi` and `value`, with `value` NULL for a period that
/// begins after the as-of day.
pub(super) fn select_value(ctx: &Ctx<'_>, kpi: Kpi, value: &str, from: &str) -> String {
    format!(
        "SELECT {} AS kpi,\n  CASE WHEN bounds.period_start > bounds.as_of THEN NULL\n       ELSE {} END AS value\nFROM {from}",
        ctx.text(kpi.id()),
        dbl(ctx, value)
    )
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_drops_only_aliases_that_repeat_a_plain_name() {
        let sql = "SELECT customer AS customer, a.kind AS kind, \"Kunde\" AS customer,\n  \
                   score AS scores, CAST(x AS DATE) AS day, day AS day\nFROM t";
        assert_eq!(
            tidy(sql),
            "SELECT customer, a.kind AS kind, \"Kunde\" AS customer,\n  \
             score AS scores, CAST(x AS DATE) AS day, day\nFROM t"
        );
    }
}
