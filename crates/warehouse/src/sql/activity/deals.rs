//! Win rate, win-loss ratios and sales velocity (analytics::deals).

use super::{bounds, days_between, dbl, int_div, round_half_away, select_value, Happened};
use crate::sql::Ctx;
use analytics::Kpi;

const T: &str = "deals";

/// `bounds` and `deals_as_of`: deals created up to the as-of day; a deal closed after it is
/// still open on that day.
fn deals_as_of(ctx: &Ctx<'_>) -> String {
    let c = |col: &str| ctx.col(T, col);
    format!(
        "WITH\n{}deals_as_of AS (  -- created up to the as-of day; closed after it = still open\n  \
         SELECT {created} AS created,\n         \
         CASE WHEN {closed} <= bounds.as_of THEN {closed} END AS closed,\n         \
         CASE WHEN {closed} > bounds.as_of THEN 'open' ELSE {} END AS outcome,\n         \
         {} AS value_cents\n  \
         FROM {} CROSS JOIN bounds\n  WHERE {created} <= bounds.as_of\n),\n",
        bounds(ctx, &[Happened::of(ctx, T, "created"), Happened::of(ctx, T, "closed")]),
        c("outcome"),
        c("value_cents"),
        ctx.table(T),
        created = c("created"),
        closed = c("closed"),
    )
}

/// Win rate, win-loss ratio or win-loss value ratio of the period's closed deals.
pub(super) fn closed(ctx: &Ctx<'_>, kpi: Kpi) -> String {
    let (head, value) = match kpi {
        Kpi::WinRate => (
            "-- KPI win_rate: won / (won + lost) of the deals closed in the period.\n",
            format!("CASE WHEN won + lost > 0 THEN {} / {} END", dbl(ctx, "won"), dbl(ctx, "won + lost")),
        ),
        Kpi::WinLossRatio => (
            "-- KPI win_loss_ratio: won / lost (counts) of the deals closed in the period.\n",
            format!("CASE WHEN lost > 0 THEN {} / {} END", dbl(ctx, "won"), dbl(ctx, "lost")),
        ),
        _ => (
            "-- KPI win_loss_value_ratio: won value / lost value (cents) of the deals closed in the\n\
             -- period; deals without a value add nothing.\n",
            format!(
                "CASE WHEN lost_value <> 0 THEN {} / {} END",
                dbl(ctx, "won_value"),
                dbl(ctx, "lost_value")
            ),
        ),
    };
    format!(
        "{head}\
         -- A closed deal belongs to the month of `closed` (of `created` when there is no close\n\
         -- date); deals of the period pooled, not months averaged.\n\
         {}in_period AS (\n  \
         SELECT SUM(CASE WHEN outcome = 'won' THEN 1 ELSE 0 END) AS won,\n         \
         SUM(CASE WHEN outcome = 'lost' THEN 1 ELSE 0 END) AS lost,\n         \
         COALESCE(SUM(CASE WHEN outcome = 'won' THEN value_cents END), 0) AS won_value,\n         \
         COALESCE(SUM(CASE WHEN outcome = 'lost' THEN value_cents END), 0) AS lost_value\n  \
         FROM deals_as_of CROSS JOIN bounds\n  \
         WHERE outcome IN ('won', 'lost')\n    \
         AND COALESCE(closed, created) >= bounds.period_start\n    \
         AND COALESCE(closed, created) < bounds.period_end\n)\n{}",
        deals_as_of(ctx),
        select_value(ctx, kpi, &value, "in_period CROSS JOIN bounds")
    )
}

/// Sales velocity of the open pipeline (the same for every period).
pub(super) fn velocity(ctx: &Ctx<'_>) -> String {
    let avg = |num: &str, den: &str| {
        // Integer mean rounded half away from zero (non-negative values).
        let q = int_div(ctx, num, den);
        format!("CASE WHEN {den} > 0 THEN {q} + CASE WHEN 2 * ({num} - {q} * {den}) >= {den} THEN 1 ELSE 0 END END")
    };
    format!(
        "-- KPI sales_velocity: expected revenue per day of the open pipeline, in cents:\n\
         -- open deals x average won value x win rate / average sales cycle (days), over every\n\
         -- deal closed up to the as-of day; rounded to the cent. A current state: the same for\n\
         -- every period. Average won value: mean of the won deals with a value, rounded to the\n\
         -- cent; cycle: days from `created` to `closed` of won deals with a close date\n\
         -- (negative gaps left out).\n\
         {}totals AS (\n  \
         SELECT SUM(CASE WHEN outcome = 'open' THEN 1 ELSE 0 END) AS open_deals,\n         \
         SUM(CASE WHEN outcome = 'won' THEN 1 ELSE 0 END) AS won,\n         \
         SUM(CASE WHEN outcome = 'lost' THEN 1 ELSE 0 END) AS lost,\n         \
         COALESCE(SUM(CASE WHEN outcome = 'won' THEN value_cents END), 0) AS won_value,\n         \
         COUNT(CASE WHEN outcome = 'won' THEN value_cents END) AS won_valued,\n         \
         SUM(CASE WHEN outcome = 'won' AND {cycle} >= 0 THEN {cycle} END) AS cycle_days,\n         \
         COUNT(CASE WHEN outcome = 'won' AND {cycle} >= 0 THEN 1 END) AS cycles\n  \
         FROM deals_as_of\n),\n\
         averages AS (\n  \
         SELECT open_deals,\n         \
         {} AS average_won_value,\n         \
         CASE WHEN won + lost > 0 THEN {} / {} END AS win_rate,\n         \
         CASE WHEN cycles > 0 THEN {} / {} END AS average_cycle_days\n  \
         FROM totals\n),\n\
         per_day AS (  -- in cents, before rounding\n  \
         SELECT CASE WHEN average_cycle_days <> 0\n              \
         THEN {} * {} * win_rate / average_cycle_days / 100 * 100 END AS cents\n  \
         FROM averages\n)\n\
         SELECT {} AS kpi, {} AS value\nFROM per_day",
        deals_as_of(ctx),
        avg("won_value", "won_valued"),
        dbl(ctx, "won"),
        dbl(ctx, "won + lost"),
        dbl(ctx, "cycle_days"),
        dbl(ctx, "cycles"),
        dbl(ctx, "open_deals"),
        dbl(ctx, "average_won_value"),
        ctx.text(Kpi::SalesVelocity.id()),
        dbl(ctx, &round_half_away("cents")),
        cycle = days_between(ctx, "created", "closed"),
    )
}
