//! Ticket volume, first response time (median, p90), first-contact resolution, resolution
//! rate (analytics::tickets) and lead response time.

use super::{bounds, day_of, dbl, month_start, seconds_between, select_value, Happened};
use crate::sql::Ctx;
use analytics::Kpi;

const T: &str = "tickets";

/// `bounds` and `tickets_as_of`: the tickets opened up to the as-of day; a response or
/// resolution after that day has not happened yet.
fn tickets_as_of(ctx: &Ctx<'_>) -> String {
    let c = |col: &str| ctx.col(T, col);
    let happened = [
        Happened::of(ctx, T, "created"),
        Happened::of(ctx, T, "first_response"),
        Happened::of(ctx, T, "resolved"),
    ];
    format!(
        "WITH\n{}tickets_as_of AS (  -- opened up to the as-of day; later responses and resolutions not yet\n  \
         SELECT {created} AS created,\n         \
         CASE WHEN {fr_day} <= bounds.as_of THEN {fr} END AS first_response,\n         \
         CASE WHEN {res_day} <= bounds.as_of THEN {res} END AS resolved,\n         \
         {} AS contacts, {} AS first_contact_resolution\n  \
         FROM {} CROSS JOIN bounds\n  WHERE {created_day} <= bounds.as_of\n),\n",
        bounds(ctx, &happened),
        c("contacts"),
        c("first_contact_resolution"),
        ctx.table(T),
        created = c("created"),
        created_day = day_of(&c("created")),
        fr = c("first_response"),
        fr_day = day_of(&c("first_response")),
        res = c("resolved"),
        res_day = day_of(&c("resolved")),
    )
}

const IN_PERIOD: &str = "CAST(t.created AS DATE) >= bounds.period_start AND CAST(t.created AS DATE) < bounds.period_end";

/// The ticket volume query.
pub(super) fn volume(ctx: &Ctx<'_>) -> String {
    format!(
        "-- KPI ticket_volume: tickets opened in the period (by the day of `created`), summed\n\
         -- over its months; no value for a period outside the months from the first to the last\n\
         -- ticket.\n\
         {}ticket_months AS (  -- the months the ticket data covers\n  \
         SELECT {} AS first_month, {} AS last_month FROM tickets_as_of\n),\n\
         in_period AS (\n  \
         SELECT COUNT(*) AS opened FROM tickets_as_of AS t CROSS JOIN bounds\n  \
         WHERE {IN_PERIOD}\n)\n{}",
        tickets_as_of(ctx),
        month_start(ctx, "MIN(CAST(created AS DATE))"),
        month_start(ctx, "MAX(CAST(created AS DATE))"),
        select_value(
            ctx,
            Kpi::TicketVolume,
            "CASE WHEN bounds.period_start <= m.last_month AND m.first_month < bounds.period_end\n            \
             THEN opened END",
            "in_period CROSS JOIN ticket_months AS m CROSS JOIN bounds"
        )
    )
}

/// The first response time query: median or nearest-rank p90.
pub(super) fn first_response(ctx: &Ctx<'_>, p90: bool) -> String {
    let (kpi, head, pick) = if p90 {
        (
            Kpi::FirstResponseTimeP90,
            "-- KPI first_response_time_p90: 90th percentile of the minutes from `created` to\n\
             -- `first_response`, nearest rank: the value at rank ceil(0.9 x n) of the sorted times.\n",
            format!(
                "SELECT MAX(minutes) AS value FROM ranked\n  \
                 WHERE rn = CEIL({} * {})",
                dbl(ctx, "0.9"),
                dbl(ctx, "n")
            ),
        )
    } else {
        (
            Kpi::FirstResponseTime,
            "-- KPI first_response_time: median of the minutes from `created` to `first_response`:\n\
             -- the middle value, the mean of the two middle values for an even count.\n",
            "SELECT AVG(minutes) AS value FROM ranked\n  \
             WHERE rn IN (FLOOR((n + 1) / 2.0), FLOOR(n / 2.0) + 1)"
                .to_string(),
        )
    };
    format!(
        "{head}\
         -- Over all tickets opened in the period (not averaged from months); calendar time, no\n\
         -- working hours; a response before the ticket was opened is a data error, left out.\n\
         {}response_minutes AS (  -- minutes to the first response of the period's tickets\n  \
         SELECT {} / 60 AS minutes\n  \
         FROM tickets_as_of AS t CROSS JOIN bounds\n  \
         WHERE {IN_PERIOD}\n    \
         AND t.first_response IS NOT NULL AND {} >= 0\n),\n\
         ranked AS (  -- sorted: rank 1 is the fastest\n  \
         SELECT minutes, ROW_NUMBER() OVER (ORDER BY minutes) AS rn, COUNT(*) OVER () AS n\n  \
         FROM response_minutes\n),\n\
         picked AS (\n  {pick}\n)\n{}",
        tickets_as_of(ctx),
        dbl(ctx, &seconds_between(ctx, "t.created", "t.first_response")),
        seconds_between(ctx, "t.created", "t.first_response"),
        select_value(ctx, kpi, "picked.value", "picked CROSS JOIN bounds")
    )
}

/// The first-contact resolution query.
pub(super) fn fcr(ctx: &Ctx<'_>) -> String {
    format!(
        "-- KPI fcr: First Contact Resolution, tickets resolved at the first contact / tickets\n\
         -- where that is known, over the tickets opened in the period. Known: the exported flag,\n\
         -- else the contact count (1 contact and resolved by the as-of day = yes; more contacts\n\
         -- or unresolved = no); tickets with neither are left out.\n\
         {}judged AS (\n  \
         SELECT COALESCE(t.first_contact_resolution,\n                  \
         CASE WHEN t.contacts IS NULL THEN NULL\n                       \
         WHEN t.contacts = 1 AND t.resolved IS NOT NULL THEN TRUE\n                       \
         ELSE FALSE END) AS first_contact\n  \
         FROM tickets_as_of AS t CROSS JOIN bounds\n  \
         WHERE {IN_PERIOD}\n),\n\
         in_period AS (\n  \
         SELECT SUM(CASE WHEN first_contact THEN 1 ELSE 0 END) AS resolved_first,\n         \
         COUNT(first_contact) AS known\n  FROM judged\n)\n{}",
        tickets_as_of(ctx),
        select_value(
            ctx,
            Kpi::Fcr,
            &format!(
                "CASE WHEN known > 0 THEN {} / {} END",
                dbl(ctx, "resolved_first"),
                dbl(ctx, "known")
            ),
            "in_period CROSS JOIN bounds"
        )
    )
}

/// The resolution rate query.
pub(super) fn resolution_rate(ctx: &Ctx<'_>) -> String {
    format!(
        "-- KPI resolution_rate: of the tickets opened in the period, the share resolved by the\n\
         -- as-of day. Unknown (not 0 %) when no ticket has a resolution time at all (no such\n\
         -- column in the export).\n\
         {}records_resolution AS (  -- whether the data records resolutions at all\n  \
         SELECT COUNT(resolved) > 0 AS recorded FROM tickets_as_of\n),\n\
         in_period AS (\n  \
         SELECT COUNT(t.resolved) AS resolved, COUNT(*) AS opened\n  \
         FROM tickets_as_of AS t CROSS JOIN bounds\n  WHERE {IN_PERIOD}\n)\n{}",
        tickets_as_of(ctx),
        select_value(
            ctx,
            Kpi::ResolutionRate,
            &format!(
                "CASE WHEN r.recorded AND opened > 0 THEN {} / {} END",
                dbl(ctx, "resolved"),
                dbl(ctx, "opened")
            ),
            "in_period CROSS JOIN records_resolution AS r CROSS JOIN bounds"
        )
    )
}

/// The lead response query.
pub(super) fn lead_response(ctx: &Ctx<'_>) -> String {
    const L: &str = "leads";
    let c = |col: &str| ctx.col(L, col);
    let happened = [Happened::of(ctx, L, "created"), Happened::of(ctx, L, "first_contact")];
    format!(
        "-- KPI lead_response_time: the share of the period's leads (by the day they came in)\n\
         -- first contacted within 5 minutes (300 s, inclusive). A lead never contacted counts as\n\
         -- not within 5 minutes; a lead contacted before it came in is left out; without any\n\
         -- first contact in the data (no such column) there is no share.\n\
         WITH\n{}leads_as_of AS (  -- came in up to the as-of day; a later first contact not yet\n  \
         SELECT {created} AS created,\n         \
         CASE WHEN {fc_day} <= bounds.as_of THEN {fc} END AS first_contact\n  \
         FROM {} CROSS JOIN bounds\n  WHERE {created_day} <= bounds.as_of\n),\n\
         records_contacts AS (  -- whether the data records first contacts at all\n  \
         SELECT COUNT(first_contact) > 0 AS recorded FROM leads_as_of\n),\n\
         judged AS (  -- seconds to the first contact; NULL: never contacted\n  \
         SELECT {} AS seconds, l.first_contact IS NULL AS never\n  \
         FROM leads_as_of AS l CROSS JOIN bounds\n  \
         WHERE CAST(l.created AS DATE) >= bounds.period_start\n    \
         AND CAST(l.created AS DATE) < bounds.period_end\n),\n\
         in_period AS (\n  \
         SELECT SUM(CASE WHEN seconds >= 0 AND seconds <= 300 THEN 1 ELSE 0 END) AS fast,\n         \
         SUM(CASE WHEN seconds >= 0 OR (never AND r.recorded) THEN 1 ELSE 0 END) AS judged\n  \
         FROM judged CROSS JOIN records_contacts AS r\n)\n{}",
        bounds(ctx, &happened),
        ctx.table(L),
        seconds_between(ctx, "l.created", "l.first_contact"),
        select_value(
            ctx,
            Kpi::LeadResponseTime,
            &format!("CASE WHEN judged > 0 THEN {} / {} END", dbl(ctx, "fast"), dbl(ctx, "judged")),
            "in_period CROSS JOIN bounds"
        ),
        created = c("created"),
        created_day = day_of(&c("created")),
        fc = c("first_contact"),
        fc_day = day_of(&c("first_contact")),
    )
}
