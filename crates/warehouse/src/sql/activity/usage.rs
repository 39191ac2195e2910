//! DAU/MAU, product usage rate, session length and sessions per day (analytics::usage).

use super::{add_days, bounds, day_of, days_between, dbl, select_value, Happened};
use crate::sql::Ctx;
use analytics::Kpi;

const T: &str = "usage_events";

/// `bounds`, `events` (up to the as-of day, with their day) and `observed` (the days of
/// the period inside the data's range, from the first to the last event).
fn events(ctx: &Ctx<'_>) -> String {
    let c = |col: &str| ctx.col(T, col);
    let first = "GREATEST(d.first_day, bounds.period_start)";
    let last = format!("LEAST(d.last_day, {})", add_days(ctx, "bounds.period_end", -1));
    format!(
        "WITH\n{}events AS (  -- the events up to the as-of day\n  \
         SELECT {day} AS day, {} AS user_id, {} AS session_seconds\n  \
         FROM {} CROSS JOIN bounds\n  WHERE {day} <= bounds.as_of\n),\n\
         data_days AS (  -- the data's range: the first to the last day with an event\n  \
         SELECT MIN(day) AS first_day, MAX(day) AS last_day FROM events\n),\n\
         observed_span AS (  -- the period's part of that range\n  \
         SELECT {first} AS first_day,\n         {last} AS last_day\n  \
         FROM data_days AS d CROSS JOIN bounds\n  WHERE d.first_day IS NOT NULL\n),\n\
         observed AS (  -- its days (days without events count too); 0 outside the data\n  \
         SELECT COALESCE(MAX(CASE WHEN first_day <= last_day THEN {} + 1 END), 0) AS days\n  \
         FROM observed_span\n),\n\
         period_events AS (\n  \
         SELECT e.* FROM events AS e CROSS JOIN bounds\n  \
         WHERE e.day >= bounds.period_start AND e.day < bounds.period_end\n),\n",
        bounds(ctx, &[Happened::of(ctx, T, "event_time")]),
        c("user_id"),
        c("session_seconds"),
        ctx.table(T),
        days_between(ctx, "first_day", "last_day"),
        day = day_of(&c("event_time")),
    )
}

/// DAU/MAU or the product usage rate of the period.
pub(super) fn active_users(ctx: &Ctx<'_>, kpi: Kpi) -> String {
    let (head, value) = if kpi == Kpi::DauMau {
        (
            "-- KPI dau_mau: stickiness, average daily active users / active users of the period.\n\
             -- DAU: distinct users with an event on a day; the average runs over the observed\n\
             -- days (the period's days between the first and the last event of the data, days\n\
             -- without events counting 0); active users are distinct over the whole period.\n",
            format!(
                "CASE WHEN o.days > 0 AND u.users > 0\n            \
                 THEN {} / {} / {} END",
                dbl(ctx, "u.user_days"),
                dbl(ctx, "o.days"),
                dbl(ctx, "u.users")
            ),
        )
    } else {
        (
            "-- KPI product_usage_rate: active users of the period / licensed users. The number of\n\
             -- licensed users is in no table (the report takes it as an option, and the CLI and\n\
             -- the dashboard do not set it): enter it in `licensed` to get the rate; NULL as in\n\
             -- the dashboard until then.\n",
            format!(
                "CASE WHEN o.days > 0 AND l.users > 0 THEN {} / l.users END",
                dbl(ctx, "u.users")
            ),
        )
    };
    let licensed = if kpi == Kpi::ProductUsageRate {
        format!("licensed AS (  -- licensed users: replace NULL by your number\n  SELECT {} AS users\n),\n", dbl(ctx, "NULL"))
    } else {
        String::new()
    };
    let from = if kpi == Kpi::ProductUsageRate {
        "active AS u CROSS JOIN observed AS o CROSS JOIN licensed AS l CROSS JOIN bounds"
    } else {
        "active AS u CROSS JOIN observed AS o CROSS JOIN bounds"
    };
    format!(
        "{head}{}{licensed}active AS (  -- distinct users, and distinct (day, user) pairs = the sum of DAU\n  \
         SELECT (SELECT COUNT(DISTINCT user_id) FROM period_events) AS users,\n         \
         (SELECT COUNT(*) FROM (SELECT DISTINCT day, user_id FROM period_events) AS p) AS user_days\n\
         )\n{}",
        events(ctx),
        select_value(ctx, kpi, &value, from)
    )
}

/// Average session duration or sessions per day of the period.
pub(super) fn sessions(ctx: &Ctx<'_>, kpi: Kpi) -> String {
    let (head, value) = if kpi == Kpi::AvgSessionDuration {
        (
            "-- KPI avg_session_duration: seconds of the period's sessions / sessions. A session is\n\
             -- an event row with `session_seconds` (>= 0).\n",
            format!("CASE WHEN s.sessions > 0 THEN s.seconds / {} END", dbl(ctx, "s.sessions")),
        )
    } else {
        (
            "-- KPI sessions_per_day: the period's sessions / observed days (the period's days\n\
             -- between the first and the last event of the data). A session is an event row with\n\
             -- `session_seconds` (>= 0).\n",
            format!(
                "CASE WHEN o.days > 0 THEN {} / {} END",
                dbl(ctx, "s.sessions"),
                dbl(ctx, "o.days")
            ),
        )
    };
    format!(
        "{head}{}sessions AS (\n  \
         SELECT COUNT(*) AS sessions, SUM(session_seconds) AS seconds\n  \
         FROM period_events WHERE session_seconds >= 0\n)\n{}",
        events(ctx),
        select_value(ctx, kpi, &value, "sessions AS s CROSS JOIN observed AS o CROSS JOIN bounds")
    )
}
