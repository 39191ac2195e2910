//! Health score and at-risk accounts (analytics::health, default options).

use super::{add_days, bounds, day_of, dbl, Happened};
use crate::sql::Ctx;
use analytics::Kpi;

/// The health score (mean over the scored accounts) or the number of at-risk accounts.
pub(super) fn health(ctx: &Ctx<'_>, kpi: Kpi) -> String {
    let (u, s, t, sub) = ("usage_events", "survey_answers", "tickets", "subscriptions");
    let uc = |c: &str| ctx.col(u, c);
    let sc = |c: &str| ctx.col(s, c);
    let tc = |c: &str| ctx.col(t, c);
    let bc = |c: &str| ctx.col(sub, c);
    let happened = [
        Happened::of(ctx, u, "event_time"),
        Happened::of(ctx, s, "answer_date"),
        Happened::of(ctx, t, "created"),
        Happened::of(ctx, t, "first_response"),
        Happened::of(ctx, t, "resolved"),
        Happened::of(ctx, sub, "start_date").when(format!("{} <> 'future'", bc("state"))),
        Happened::of(ctx, sub, "end_date").when(format!("NOT {}", bc("end_scheduled"))),
    ];
    let d = |x: &str| dbl(ctx, x);
    let as_of = "bounds.as_of";
    let window_start = add_days(ctx, as_of, -59);
    let current_start = add_days(ctx, as_of, -29);
    let previous_end = add_days(ctx, as_of, -30);
    let scale = |v: &str, target: u32| format!("LEAST({} / {target} * 100, {})", d(v), d("100"));
    // Weighted mean of the parts present, added in the engine's order (frequency, breadth,
    // depth, NPS, tickets) so that the sums are the same doubles.
    const PARTS: [(&str, &str); 5] = [
        ("frequency", "0.3"),
        ("breadth", "0.2"),
        ("depth", "0.2"),
        ("nps", "0.15"),
        ("tickets", "0.15"),
    ];
    let weights: Vec<String> = PARTS.iter().map(|(n, w)| format!("{} AS {n}", d(w))).collect();
    let weighted = |p: &str| {
        let sum: Vec<String> =
            PARTS.iter().map(|(n, _)| format!("COALESCE(p.{p}{n} * w.{n}, 0)")).collect();
        let present: Vec<String> = PARTS
            .iter()
            .map(|(n, _)| format!("CASE WHEN p.{p}{n} IS NOT NULL THEN w.{n} ELSE 0 END"))
            .collect();
        format!("({})\n    / NULLIF({}, 0)", sum.join(" + "), present.join("\n             + "))
    };
    let latest_nps = |name: &str, end: &str| {
        format!(
            "{name} AS (  -- each account's latest NPS answer up to {end}\n  \
             SELECT customer, score FROM (\n    \
             SELECT customer, score,\n           \
             ROW_NUMBER() OVER (PARTITION BY customer ORDER BY answer_date DESC, score) AS rn\n    \
             FROM nps_answers CROSS JOIN bounds WHERE answer_date <= {end}\n  ) AS ranked\n  \
             WHERE rn = 1\n),\n"
        )
    };
    let head = if kpi == Kpi::HealthScore {
        "-- KPI health_score: the mean health score (0-100) of the accounts that have one.\n"
    } else {
        "-- KPI at_risk: accounts whose health score is below 50 or fell by at least 15 points\n\
         -- against the previous window.\n"
    };
    let result = if kpi == Kpi::HealthScore {
        "AVG(score)".to_string()
    } else {
        "COALESCE(SUM(CASE WHEN score < 50 OR previous_score - score >= 15 THEN 1 ELSE 0 END), 0)"
            .to_string()
    };
    format!(
        "{head}\
         -- A current state, the same for every period: the 30-day window ending on the as-of\n\
         -- day. Parts, each 0-100 against fixed targets (min(100, value / target x 100)):\n\
         -- frequency = active days / 15 (weight 0.3), breadth = active users / 5 (0.2), depth =\n\
         -- distinct event names / 5 (0.2), NPS = the latest NPS answer x 10 (0.15), tickets =\n\
         -- max(0, 100 - open tickets x 100 / 5) (0.15). Score = weighted mean of the parts\n\
         -- present: a part whose input is missing is left out, never 0 (usage parts only for\n\
         -- accounts the usage data names; depth only with event names; NPS only with an answer;\n\
         -- tickets only when a ticket names one of the accounts). The previous score: the 30\n\
         -- days before, NPS and tickets as of that window's last day. Accounts: those with usage\n\
         -- in the 60 days up to the as-of day plus customers with an active subscription (paid,\n\
         -- started, not ended, amount > 0), without those whose subscriptions all ended.\n\
         -- No usage up to the as-of day: no health figures (NULL). Reads usage_events,\n\
         -- survey_answers, tickets and subscriptions: create empty ones for kinds you lack.\n\
         -- Ties: of several NPS answers of one account on its latest day the lowest counts,\n\
         -- as in the engine.\n\
         WITH\n{}events AS (  -- usage up to the as-of day\n  \
         SELECT {ev_day} AS day, {} AS user_id, {} AS account, {} AS event\n  \
         FROM {} CROSS JOIN bounds\n  WHERE {ev_day} <= {as_of}\n),\n\
         usage_accounts AS (  -- accounts the usage data names (their usage is known)\n  \
         SELECT DISTINCT account FROM events WHERE account IS NOT NULL\n),\n\
         window_events AS (  -- the current and the previous 30-day window\n  \
         SELECT e.* FROM events AS e CROSS JOIN bounds\n  \
         WHERE e.account IS NOT NULL AND e.day >= {window_start}\n),\n\
         event_names AS (  -- whether the usage data has event names (for depth)\n  \
         SELECT COUNT(event) > 0 AS present FROM window_events\n),\n\
         subscription_state AS (  -- per customer: 1 when a subscription is active on the as-of day\n  \
         SELECT {} AS customer,\n         \
         MAX(CASE WHEN {} <> 'never_paid'\n                   \
         AND CASE WHEN {trial} > {start} THEN {trial} ELSE {start} END <= {as_of}\n                   \
         AND ({end} IS NULL OR {as_of} < {end})\n                   \
         AND {} > 0 THEN 1 ELSE 0 END) AS active\n  \
         FROM {} CROSS JOIN bounds\n  GROUP BY {}\n),\n\
         seen_accounts AS (  -- accounts with usage in the windows, customers with an active subscription\n  \
         SELECT account FROM window_events\n  \
         UNION\n  \
         SELECT customer FROM subscription_state WHERE active = 1\n),\n\
         accounts AS (  -- without those whose subscriptions all ended (churned)\n  \
         SELECT a.account, k.account IS NOT NULL AS usage_known\n  \
         FROM seen_accounts AS a\n  \
         LEFT JOIN subscription_state AS s ON s.customer = a.account\n  \
         LEFT JOIN usage_accounts AS k ON k.account = a.account\n  \
         WHERE s.customer IS NULL OR s.active = 1\n),\n\
         usage_counts AS (  -- active days, users and event names per window\n  \
         SELECT account,\n         \
         COUNT(DISTINCT CASE WHEN day >= {current_start} THEN day END) AS days,\n         \
         COUNT(DISTINCT CASE WHEN day >= {current_start} THEN user_id END) AS users,\n         \
         COUNT(DISTINCT CASE WHEN day >= {current_start} THEN event END) AS features,\n         \
         COUNT(DISTINCT CASE WHEN day <= {previous_end} THEN day END) AS previous_days,\n         \
         COUNT(DISTINCT CASE WHEN day <= {previous_end} THEN user_id END) AS previous_users,\n         \
         COUNT(DISTINCT CASE WHEN day <= {previous_end} THEN event END) AS previous_features\n  \
         FROM window_events CROSS JOIN bounds\n  GROUP BY account\n),\n\
         nps_answers AS (  -- NPS answers up to the as-of day naming a customer\n  \
         SELECT {} AS customer, {a_day} AS answer_date, {score} AS score\n  \
         FROM {} CROSS JOIN bounds\n  \
         WHERE {a_day} <= {as_of} AND {} IS NOT NULL\n    \
         AND ({kind} = 'nps' OR {kind} IS NULL) AND {score} >= 0 AND {score} <= 10\n),\n\
         {}{}tickets_as_of AS (  -- tickets opened up to the as-of day naming a customer\n  \
         SELECT {} AS customer, {t_day} AS created_day, {res_day} AS resolved_day\n  \
         FROM {} CROSS JOIN bounds\n  WHERE {t_day} <= {as_of} AND {} IS NOT NULL\n),\n\
         ticket_data AS (  -- tickets count only when one names an account seen here\n  \
         SELECT COUNT(*) > 0 AS present FROM tickets_as_of AS t\n  \
         WHERE t.customer IN (SELECT account FROM seen_accounts)\n),\n\
         open_tickets AS (  -- open at the end of the as-of day and of the previous window\n  \
         SELECT customer,\n         \
         SUM(CASE WHEN resolved_day IS NULL OR resolved_day > {as_of} THEN 1 ELSE 0 END) AS open_now,\n         \
         SUM(CASE WHEN created_day <= {previous_end}\n                   \
         AND (resolved_day IS NULL OR resolved_day > {previous_end}) THEN 1 ELSE 0 END) AS open_before\n  \
         FROM tickets_as_of CROSS JOIN bounds\n  GROUP BY customer\n),\n\
         parts AS (  -- each part 0-100, NULL when its input is missing\n  \
         SELECT a.account,\n         \
         CASE WHEN a.usage_known THEN {} END AS frequency,\n         \
         CASE WHEN a.usage_known THEN {} END AS breadth,\n         \
         CASE WHEN a.usage_known AND n.present THEN {} END AS depth,\n         \
         cur.score * 10 AS nps,\n         \
         CASE WHEN td.present THEN GREATEST(100 - {} * 100 / 5, {}) END AS tickets,\n         \
         CASE WHEN a.usage_known THEN {} END AS previous_frequency,\n         \
         CASE WHEN a.usage_known THEN {} END AS previous_breadth,\n         \
         CASE WHEN a.usage_known AND n.present THEN {} END AS previous_depth,\n         \
         prev.score * 10 AS previous_nps,\n         \
         CASE WHEN td.present THEN GREATEST(100 - {} * 100 / 5, {}) END AS previous_tickets\n  \
         FROM accounts AS a\n  \
         CROSS JOIN event_names AS n CROSS JOIN ticket_data AS td\n  \
         LEFT JOIN usage_counts AS c ON c.account = a.account\n  \
         LEFT JOIN latest_nps AS cur ON cur.customer = a.account\n  \
         LEFT JOIN previous_nps AS prev ON prev.customer = a.account\n  \
         LEFT JOIN open_tickets AS o ON o.customer = a.account\n),\n\
         weights AS (  -- the parts' weights (the report's defaults)\n  \
         SELECT {}\n),\n\
         scores AS (  -- weighted mean of the parts present (weights renormalised)\n  \
         SELECT p.account,\n    {} AS score,\n    {} AS previous_score\n  \
         FROM parts AS p CROSS JOIN weights AS w\n)\n\
         SELECT {} AS kpi,\n  \
         CASE WHEN (SELECT COUNT(*) FROM events) = 0 THEN NULL ELSE {} END AS value\n\
         FROM scores",
        bounds(ctx, &happened),
        uc("user_id"),
        uc("account"),
        uc("event"),
        ctx.table(u),
        bc("customer"),
        bc("state"),
        bc("amount_cents"),
        ctx.table(sub),
        bc("customer"),
        sc("customer"),
        ctx.table(s),
        sc("customer"),
        latest_nps("latest_nps", as_of),
        latest_nps("previous_nps", &previous_end),
        tc("customer"),
        ctx.table(t),
        tc("customer"),
        scale("COALESCE(c.days, 0)", 15),
        scale("COALESCE(c.users, 0)", 5),
        scale("COALESCE(c.features, 0)", 5),
        d("COALESCE(o.open_now, 0)"),
        d("0"),
        scale("COALESCE(c.previous_days, 0)", 15),
        scale("COALESCE(c.previous_users, 0)", 5),
        scale("COALESCE(c.previous_features, 0)", 5),
        d("COALESCE(o.open_before, 0)"),
        d("0"),
        weights.join(", "),
        weighted(""),
        weighted("previous_"),
        ctx.text(kpi.id()),
        d(&result),
        ev_day = day_of(&uc("event_time")),
        trial = bc("trial_end"),
        start = bc("start_date"),
        end = bc("end_date"),
        a_day = sc("answer_date"),
        score = sc("score"),
        kind = sc("kind"),
        t_day = day_of(&tc("created")),
        res_day = day_of(&tc("resolved")),
    )
}
