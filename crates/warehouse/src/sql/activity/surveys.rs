//! NPS, CSAT and CES (analytics::surveys).

use super::{bounds, dbl, month_start, select_value, Happened};
use crate::sql::Ctx;
use analytics::Kpi;

const T: &str = "survey_answers";

/// `bounds` and `answers`: the answers up to the as-of day, canonical names.
fn answers(ctx: &Ctx<'_>) -> String {
    let c = |col: &str| ctx.col(T, col);
    format!(
        "WITH\n{}answers AS (  -- the answers up to the as-of day\n  \
         SELECT {} AS answer_date, {} AS score, {} AS kind, {} AS customer, {} AS scale\n  \
         FROM {} CROSS JOIN bounds\n  WHERE {} <= bounds.as_of\n),\n",
        bounds(ctx, &[Happened::of(ctx, T, "answer_date")]),
        c("answer_date"),
        c("score"),
        c("kind"),
        c("customer"),
        c("scale"),
        ctx.table(T),
        c("answer_date"),
    )
}

/// The NPS query.
pub(super) fn nps(ctx: &Ctx<'_>) -> String {
    format!(
        "-- KPI nps: Net Promoter Score, % promoters - % detractors (-100 .. +100), answers of\n\
         -- the period pooled. NPS answers: kind 'nps', or no kind and a score from 0 to 10;\n\
         -- 9-10 promoter, 7-8 passive, 0-6 detractor (a fractional score by its value).\n\
         {}nps_answers AS (  -- kind nps, or no kind; a score on the 0-10 scale\n  \
         SELECT answer_date, score FROM answers\n  \
         WHERE (kind = 'nps' OR kind IS NULL) AND score >= 0 AND score <= 10\n),\n\
         in_period AS (  -- promoters, detractors and all answers of the period\n  \
         SELECT SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,\n         \
         SUM(CASE WHEN score < 7 THEN 1 ELSE 0 END) AS detractors,\n         \
         COUNT(*) AS responses\n  \
         FROM nps_answers CROSS JOIN bounds\n  \
         WHERE answer_date >= bounds.period_start AND answer_date < bounds.period_end\n)\n{}",
        answers(ctx),
        select_value(
            ctx,
            Kpi::Nps,
            &format!(
                "CASE WHEN responses > 0 THEN {} * 100 / {} END",
                dbl(ctx, "promoters - detractors"),
                dbl(ctx, "responses")
            ),
            "in_period CROSS JOIN bounds"
        )
    )
}

/// The CTEs that put every CSAT or CES answer on its scale and pick the headline scale: the
/// one with the most answers (ties: the smaller scale), as `analytics::surveys` does.
fn on_scale(kind: &str, candidates: &[&str]) -> String {
    let fits: Vec<String> = candidates
        .iter()
        .map(|s| {
            let (lo, hi) = range(s);
            format!("WHEN MIN(score) >= {lo} AND MAX(score) <= {hi} THEN '{s}'")
        })
        .collect();
    let valid: Vec<String> = ["1-5", "1-7", "1-10", "0-10"]
        .iter()
        .map(|s| {
            let (lo, hi) = range(s);
            format!("(scale = '{s}' AND score >= {lo} AND score <= {hi})")
        })
        .collect();
    format!(
        "unset_scale AS (  -- answers without a scale: the smallest scale holding all of them\n  \
         SELECT CASE {} END AS scale\n  \
         FROM answers WHERE kind = '{kind}' AND scale IS NULL\n),\n\
         {kind}_answers AS (  -- each answer on its file's scale; scores outside it are left out\n  \
         SELECT answer_date, score, scale FROM (\n    \
         SELECT a.answer_date, a.score, COALESCE(a.scale, u.scale) AS scale\n    \
         FROM answers AS a CROSS JOIN unset_scale AS u WHERE a.kind = '{kind}'\n  ) AS placed\n  \
         WHERE {}\n),\n\
         headline_scale AS (  -- never pooled across scales: the scale with the most answers\n  \
         SELECT scale FROM {kind}_answers GROUP BY scale\n  \
         ORDER BY COUNT(*) DESC,\n           \
         CASE scale WHEN '1-5' THEN 1 WHEN '1-7' THEN 2 WHEN '1-10' THEN 3 ELSE 4 END\n  \
         LIMIT 1\n),\n",
        fits.join("\n              "),
        valid.join("\n     OR "),
    )
}

fn range(scale: &str) -> (u8, u8) {
    match scale {
        "1-5" => (1, 5),
        "1-7" => (1, 7),
        "1-10" => (1, 10),
        _ => (0, 10),
    }
}

/// The CSAT query.
pub(super) fn csat(ctx: &Ctx<'_>) -> String {
    format!(
        "-- KPI csat: Customer Satisfaction, satisfied answers / answers of the period (a fraction).\n\
         -- Each answer on its own file's scale; satisfied: 4-5 on 1-5, 6-7 on 1-7, 6-10 on 1-10\n\
         -- and 0-10. Answers on different scales are never pooled: the figure uses the scale\n\
         -- with the most answers up to the as-of day (ties: the smaller scale).\n\
         {}{}in_period AS (  -- the period's answers on the headline scale\n  \
         SELECT SUM(CASE WHEN (a.scale = '1-5' AND a.score >= 4) OR (a.scale <> '1-5' AND a.score >= 6)\n                  \
         THEN 1 ELSE 0 END) AS satisfied,\n         \
         COUNT(*) AS responses\n  \
         FROM csat_answers AS a JOIN headline_scale AS h ON a.scale = h.scale CROSS JOIN bounds\n  \
         WHERE a.answer_date >= bounds.period_start AND a.answer_date < bounds.period_end\n)\n{}",
        answers(ctx),
        on_scale("csat", &["1-5", "1-7", "1-10", "0-10"]),
        select_value(
            ctx,
            Kpi::Csat,
            &format!(
                "CASE WHEN responses > 0 THEN {} / {} END",
                dbl(ctx, "satisfied"),
                dbl(ctx, "responses")
            ),
            "in_period CROSS JOIN bounds"
        )
    )
}

/// The CES query.
pub(super) fn ces(ctx: &Ctx<'_>) -> String {
    format!(
        "-- KPI ces: Customer Effort Score, the mean score of the period's answers (months' means\n\
         -- weighted by their answers). Each answer on its own file's scale (1-5: lower is better;\n\
         -- 1-7 agreement: higher is better); never pooled across scales: the figure uses the\n\
         -- scale with the most answers up to the as-of day (ties: the smaller scale).\n\
         {}{}months AS (  -- per month: answers on the headline scale and their mean\n  \
         SELECT {} AS month, COUNT(*) AS responses, SUM(a.score) / COUNT(*) AS mean\n  \
         FROM ces_answers AS a JOIN headline_scale AS h ON a.scale = h.scale CROSS JOIN bounds\n  \
         WHERE a.answer_date >= bounds.period_start AND a.answer_date < bounds.period_end\n  \
         GROUP BY {}\n),\n\
         in_period AS (  -- the period: the months' means weighted by their answers\n  \
         SELECT SUM(mean * responses) AS total, SUM(responses) AS responses FROM months\n)\n{}",
        answers(ctx),
        on_scale("ces", &["1-5", "1-7"]),
        month_start(ctx, "a.answer_date"),
        month_start(ctx, "a.answer_date"),
        select_value(
            ctx,
            Kpi::Ces,
            &format!("CASE WHEN responses > 0 THEN total / {} END", dbl(ctx, "responses")),
            "in_period CROSS JOIN bounds"
        )
    )
}
