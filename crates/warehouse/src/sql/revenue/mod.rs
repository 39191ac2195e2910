//! Subscriptions and invoices as SQL: MRR per customer and month, movements, churn,
//! retention, trials, non-recurring revenue, ARPU, CAC and retention cost.
//!
//! Every query follows `analytics::billing` and `analytics::revenue` step by step:
//! 1. `as_of`: the day the analysis ends (`Ctx::as_of`, else the latest day something happened
//!    in the tables the query reads, never a scheduled day, never after `CURRENT_DATE`);
//! 2. `base_currency`: the analysed currency (`Ctx::currency`, else the one with the most
//!    rows); rows in another currency are left out (the SQL has no conversion rates);
//! 3. `paid_subscriptions` → `subscription_contributions`: paid start (after a free trial) to
//!    paid end (an end after the as-of day has not happened yet), never-paid rows left out,
//!    the amount per month in twelfths of a cent; or, without subscription rows,
//!    `recurring_invoices` → `invoice_contributions`: each recurring line spread over its
//!    months, the remainder cents in the first;
//! 4. `customer_mrr`: each customer's MRR as segments of constant value (`from_month` up to
//!    `to_month`), the twelfths in force rounded once, half up, to a cent, credits as 0, with
//!    the MRR of the month before (`previous_mrr`) and whether it paid in an earlier month
//!    (`paid_before`: new against reactivation);
//! 5. the period's months inside the analysed months (the first month with a paying row, at
//!    most 120 months back, to the as-of month), then the KPI: levels at the end of the
//!    period's last month, movements summed over its months, churn and retention comparing
//!    the end of the month before the period with its end.
//!
//! The revenue queries read the tables `subscriptions` and `invoices` (an empty table where a
//! kind is missing: revenue comes from subscriptions when that table has rows, else from
//! invoices, as in the app); CAC and retention cost read `costs` too.
//!
//! Where the SQL can differ from the app (none of it occurs in the fixtures or the generated
//! data of `tools/sql_props.py`):
//! - conversion rates (`--rate`) are not part of the SQL: rows in another currency are always
//!   left out;
//! - without `Ctx::as_of` the as-of date comes from the tables the query reads, while the app
//!   looks at every imported file (surveys, tickets, … too);
//! - history older than the 120 analysed months decides "paid before" (new against
//!   reactivation) from the customer's rounded MRR, the app from any row with a positive
//!   amount (they differ only for a customer whose credits outweigh its charges);
//! - sums at the limits of 64-bit cents saturate in the app and overflow in SQL.

mod write;

use super::Ctx;
use analytics::Kpi;
use write::{month_literal, Chain, W};

/// The SQL for a revenue KPI. The levels, movements, churn and retention KPIs ([`CORE`]) share
/// one query, the MRR core ([`core_sql`]), which returns a row for each of them: the same text
/// for each, so a runner that caches by text runs it once per period.
pub fn sql(kpi: Kpi, ctx: &Ctx<'_>) -> Option<String> {
    if CORE.contains(&kpi) {
        return Some(core_sql(ctx));
    }
    let w = W { ctx };
    let mut q = Query { w, chain: Chain::default() };
    let select = match kpi {
        Kpi::NonRecurringRevenue => q.non_recurring(),
        Kpi::TrialsStarted | Kpi::FreeToPaid => q.trials(kpi),
        Kpi::Cac | Kpi::RetentionCost => q.costs(kpi),
        _ => return None,
    };
    let mut head = header(kpi, ctx);
    head.push_str(&conventions(ctx, matches!(kpi, Kpi::Cac | Kpi::RetentionCost)));
    Some(q.chain.render(&head, &select))
}

/// The MRR core query: every level, movement and retention KPI of the period in one query
/// (`mrr`, `arr`, `customers`, `arpu`, the five movements, `churn_rate`, `churn_rate_b`,
/// `revenue_churn`, `ndr`, `grr`), one row each.
pub fn core_sql(ctx: &Ctx<'_>) -> String {
    let (a, b) = ctx.period.months();
    let ids: Vec<&str> = CORE.iter().map(|k| k.id()).collect();
    let mut head = format!(
        "KPIs {} (the MRR core query: one row per KPI), period {}.\n",
        ids.join(", "),
        ctx.period.key()
    );
    for kpi in CORE {
        head.push_str(&format!("{} ({}): {}.\n", kpi.id(), kpi.name(false), what(kpi)));
    }
    head.push_str(&format!(
        "Churn and retention: start = the end of {} (the month before the period), end = the end of {} (or the as-of\nmonth when earlier); start customers = MRR > 0 at start; for a month this is exactly the movement\ndefinition, a quarter or year is not an average of months.\n",
        a.add(-1),
        b
    ));
    core(ctx, &head)
}

fn core(ctx: &Ctx<'_>, head: &str) -> String {
    let w = W { ctx };
    let mut q = Query { w, chain: Chain::default() };
    q.figures();
    let mut cases = String::new();
    for kpi in CORE {
        let value = match kpi {
            Kpi::Mrr | Kpi::Arr | Kpi::Customers | Kpi::Arpu => q.level(kpi),
            Kpi::ChurnRate | Kpi::ChurnRateB | Kpi::RevenueChurn | Kpi::Ndr | Kpi::Grr => {
                q.retention(kpi)
            }
            _ => q.movement(kpi),
        };
        cases.push_str(&format!("         WHEN '{}' THEN {value}\n", kpi.id()));
    }
    let names: Vec<String> =
        CORE.iter().enumerate().map(|(i, k)| format!("({}, '{}')", i + 1, k.id())).collect();
    let select = format!(
        "SELECT k.kpi,
       CASE k.kpi
{cases}       END AS value
FROM (VALUES {}) AS k(row_no, kpi)
LEFT JOIN figures AS f ON 1 = 1
ORDER BY k.row_no",
        names.join(", ")
    );
    let mut head = head.to_string();
    head.push_str(&conventions(ctx, false));
    q.chain.render(&head, &select)
}

/// The KPIs [`core_sql`] returns, in its row order.
pub const CORE: [Kpi; 14] = [
    Kpi::Mrr,
    Kpi::Arr,
    Kpi::Customers,
    Kpi::Arpu,
    Kpi::NewMrr,
    Kpi::ReactivationMrr,
    Kpi::ExpansionMrr,
    Kpi::ContractionMrr,
    Kpi::ChurnedMrr,
    Kpi::ChurnRate,
    Kpi::ChurnRateB,
    Kpi::RevenueChurn,
    Kpi::Ndr,
    Kpi::Grr,
];

/// What a revenue KPI is, in one line.
fn what(kpi: Kpi) -> &'static str {
    match kpi {
        Kpi::Mrr => "in cents: the sum of customer MRR at the end of the period's last month with data",
        Kpi::Arr => "in cents: MRR × 12 at the end of the period's last month with data",
        Kpi::Customers => "customers with MRR > 0 at the end of the period's last month with data",
        Kpi::Arpu => "in cents: MRR ÷ paying customers at the end of the period's last month with data, rounded half up to the cent",
        Kpi::NewMrr => "in cents, summed over the period's months: MRR of customers paying for the first time (0 → x, never paid before)",
        Kpi::ReactivationMrr => "in cents, summed over the period's months: MRR of customers coming back (0 → x, paid in an earlier month)",
        Kpi::ExpansionMrr => "in cents, summed over the period's months: increase of customers paying in both months (x → y > x)",
        Kpi::ContractionMrr => "in cents, summed over the period's months: decrease of customers still paying (x → y, 0 < y < x)",
        Kpi::ChurnedMrr => "in cents, summed over the period's months: MRR of customers who stopped paying (x → 0)",
        Kpi::ChurnRate => "logo churn, variant A: start customers with no MRR at the end ÷ start customers",
        Kpi::ChurnRateB => "logo churn, variant B: churned start customers ÷ (start customers + customers with a new or reactivation movement inside the period)",
        Kpi::RevenueChurn => "gross revenue churn: (churned MRR + contraction of start customers) ÷ start MRR",
        Kpi::Ndr => "net revenue retention: (start MRR + expansion − contraction − churned MRR) ÷ start MRR, new and reactivation MRR excluded",
        Kpi::Grr => "gross revenue retention: (start MRR − contraction − churned MRR) ÷ start MRR",
        Kpi::NonRecurringRevenue => "in cents: one-time charges plus refunds and credit notes (negative) of the invoices dated in the period",
        Kpi::TrialsStarted => "free trials that started in the period (a subscription whose trial end lies after its start)",
        Kpi::FreeToPaid => "trials converted ÷ trials ended, both over the trials that ended in the period by the as-of day",
        Kpi::Cac => "in cents: (sales + marketing cost) ÷ new customers (the `new` movement, not reactivations), pooled over the period's cost months, rounded half up",
        Kpi::RetentionCost => "in cents: customer-success cost ÷ customer-months (paying customers at each month's end), pooled over the period's cost months, rounded half up",
        _ => "",
    }
}

/// The comment every query starts with: the KPI, its variant and the conventions.
fn header(kpi: Kpi, ctx: &Ctx<'_>) -> String {
    format!(
        "KPI {} ({}), period {}.\n{}.\n",
        kpi.id(),
        kpi.name(false),
        ctx.period.key(),
        what(kpi)
    )
}

/// The billing conventions, as comment lines.
fn conventions(ctx: &Ctx<'_>, costs: bool) -> String {
    let costs = if costs { " and costs" } else { "" };
    let as_of = match ctx.as_of {
        Some(d) => format!("As of {d}: nothing after it counts; its month is measured on that day."),
        None => "As of the latest day something happened in the tables read (never a scheduled day, never after today);\nthe app's default looks at every imported file: pass the dashboard's as-of date to match it exactly.".to_string(),
    };
    let currency = match ctx.currency {
        Some(c) => format!("Currency {c}: rows in other currencies are left out, rows without one count."),
        None => "Currency: the one with the most rows; rows in other currencies are left out, rows without one count.".to_string(),
    };
    format!(
        "Conventions (Kennzahl billing): MRR = amount ÷ interval months from the paid start (after a free trial) to the paid end;\nnever-paid subscriptions never count; per customer and month the exact twelfths of a cent are rounded once, half up, to a cent.\n{as_of}\n{currency}\nReads the tables subscriptions and invoices (create an empty one for a kind you do not have){}.\nMonths are numbered year × 12 + month − 1.\n",
        costs
    )
}

/// One query being written: the dialect writer and the `WITH` chain.
struct Query<'a> {
    w: W<'a>,
    chain: Chain,
}

impl Query<'_> {
    /// The user's names of the tables and columns read.
    fn t(&self, table: &str, alias: &str) -> String {
        self.w.from(table, alias)
    }

    fn c(&self, alias: &str, table: &str, column: &str) -> String {
        self.w.col(alias, table, column)
    }

    /// The period's first and last month numbers, as SQL showing the months.
    fn period_bounds(&self) -> (String, String) {
        let (a, b) = self.w.ctx.period.months();
        (month_literal(a), month_literal(b))
    }

    /// `as_of(as_of_day, as_of_month)`; `costs`: whether the derived date looks at costs too.
    fn as_of(&mut self, costs: bool) {
        let w = &self.w;
        if let Some(d) = w.ctx.as_of {
            let day = w.date(d);
            let body = format!("SELECT {day} AS as_of_day, {} AS as_of_month", w.month_no(&day));
            self.chain.step(
                "as_of",
                "the day the analysis ends (chosen): nothing after it counts",
                &body,
            );
            return;
        }
        let (s, i) = ("subscriptions", "invoices");
        let mut body = format!(
            "SELECT {} AS happened_on FROM {} WHERE {} <> 'future'\nUNION ALL\nSELECT {} FROM {} WHERE NOT {}\nUNION ALL\nSELECT {} FROM {}",
            self.c("s", s, "start_date"),
            self.t(s, "s"),
            self.c("s", s, "state"),
            self.c("s", s, "end_date"),
            self.t(s, "s"),
            self.c("s", s, "end_scheduled"),
            self.c("i", i, "invoice_date"),
            self.t(i, "i"),
        );
        if costs {
            body.push_str(&format!(
                "\nUNION ALL\nSELECT {} FROM {}",
                self.c("c", "costs", "month"),
                self.t("costs", "c")
            ));
        }
        self.chain.step(
            "happened",
            "days on which something happened: a start (not of a future subscription), an end that is not\nscheduled, an invoice date (a cost month's first day)",
            &body,
        );
        let body = format!(
            "SELECT MAX(happened_on) AS as_of_day, {} AS as_of_month\nFROM happened\nWHERE happened_on <= CURRENT_DATE AND happened_on BETWEEN DATE '1000-01-01' AND DATE '9999-12-31'",
            self.w.month_no("MAX(happened_on)")
        );
        self.chain.step(
            "as_of",
            "the day the analysis ends: the latest day something happened, never after today",
            &body,
        );
    }

    /// The condition that a row's currency is analysed (`alias.currency`).
    fn currency_ok(&mut self, alias: &str, table: &str) -> String {
        let col = self.c(alias, table, "currency");
        if let Some(code) = self.w.ctx.currency {
            return format!("({col} IS NULL OR {col} = {})", self.w.ctx.text(code));
        }
        let body = format!(
            "SELECT currency FROM (\n  SELECT {} AS currency FROM {} WHERE {} IS NOT NULL\n  UNION ALL\n  SELECT {} FROM {} WHERE {} IS NOT NULL\n) AS named\nGROUP BY currency\nORDER BY COUNT(*) DESC, currency\nLIMIT 1",
            self.c("s", "subscriptions", "currency"),
            self.t("subscriptions", "s"),
            self.c("s", "subscriptions", "currency"),
            self.c("i", "invoices", "currency"),
            self.t("invoices", "i"),
            self.c("i", "invoices", "currency"),
        );
        self.chain.step(
            "base_currency",
            "the currency analysed: the one named by the most subscription and invoice rows (ties: alphabetical)",
            &body,
        );
        format!("({col} IS NULL OR {col} = (SELECT currency FROM base_currency))")
    }

    /// Everything up to `customer_mrr`.
    fn customer_mrr(&mut self) {
        self.as_of(false);
        let s = "subscriptions";
        let sub_currency = self.currency_ok("s", s);
        let body = format!(
            "SELECT {customer} AS customer,
       CASE WHEN {trial_end} > {start} THEN {trial_end} ELSE {start} END AS paid_start,
       CASE WHEN {end} <= a.as_of_day THEN {end} END AS paid_end,
       {amount} AS amount_cents,
       GREATEST({interval}, 1) AS interval_months
FROM {from} CROSS JOIN as_of AS a
WHERE {state} <> 'never_paid'
  AND NOT ({state} = 'ended' AND {end} IS NULL)
  AND {sub_currency}",
            customer = self.c("s", s, "customer"),
            trial_end = self.c("s", s, "trial_end"),
            start = self.c("s", s, "start_date"),
            end = self.c("s", s, "end_date"),
            amount = self.c("s", s, "amount_cents"),
            interval = self.c("s", s, "interval_months"),
            state = self.c("s", s, "state"),
            from = self.t(s, "s"),
        );
        self.chain.step(
            "paid_subscriptions",
            "subscriptions that pay: never-paid ones never count, one marked ended without an end date is left out;\npaid start = the trial's end when a trial ends after the start, else the start;\npaid end = the end date when it lies on or before the as-of day (a later end has not happened yet)",
            &body,
        );
        let w = &self.w;
        let units = w.floor_div("24 * p.amount_cents + p.interval_months", "2 * p.interval_months");
        let body = format!(
            "SELECT p.customer,
       {} AS from_month,
       {} AS to_month,
       {units} AS units
FROM paid_subscriptions AS p CROSS JOIN as_of AS a
WHERE p.paid_start <= a.as_of_day",
            w.month_no("p.paid_start"),
            w.month_no("p.paid_end"),
        );
        self.chain.step(
            "subscription_contributions",
            "in force in the months from the paid start's month up to (not including) the paid end's month;\nunits = amount per month in twelfths of a cent: exact for intervals that divide a year, else rounded half up",
            &body,
        );
        let i = "invoices";
        let inv_currency = self.currency_ok("i", i);
        let body = format!(
            "SELECT {customer} AS customer,
       {from_month} AS from_month,
       LEAST(GREATEST({months}, 1), 1200) AS months,
       {amount} AS amount_cents
FROM {from} CROSS JOIN as_of AS a
WHERE {line} = 'recurring'
  AND {date} <= a.as_of_day
  AND {inv_currency}",
            customer = self.c("i", i, "customer"),
            from_month = self.w.month_no(&format!(
                "COALESCE({}, {})",
                self.c("i", i, "service_start"),
                self.c("i", i, "invoice_date")
            )),
            months = self.c("i", i, "period_months"),
            amount = self.c("i", i, "amount_cents"),
            from = self.t(i, "i"),
            line = self.c("i", i, "line"),
            date = self.c("i", i, "invoice_date"),
        );
        self.chain.step(
            "recurring_invoices",
            "recurring invoice lines dated on or before the as-of day (one-time charges and refunds never make MRR);\na line covers period_months months from its service start (else its date)",
            &body,
        );
        let w = &self.w;
        let base = w.floor_div("r.amount_cents", "r.months");
        let body = format!(
            "SELECT r.customer, r.from_month, r.from_month + 1 AS to_month,
       12 * (r.amount_cents - ({base}) * (r.months - 1)) AS units
FROM recurring_invoices AS r
UNION ALL
SELECT r.customer, r.from_month + 1, r.from_month + r.months, 12 * ({base})
FROM recurring_invoices AS r
WHERE r.months > 1"
        );
        self.chain.step(
            "invoice_contributions",
            "each line spread evenly over its months, the remainder cents going to the first month",
            &body,
        );
        let body = format!(
            "SELECT customer, from_month, to_month, units FROM subscription_contributions
UNION ALL
SELECT customer, from_month, to_month, units FROM invoice_contributions
WHERE NOT EXISTS (SELECT 1 FROM {})",
            self.t(s, "any_subscription")
        );
        self.chain.step(
            "contributions",
            "revenue comes from subscriptions when there are any, else from invoices",
            &body,
        );
        let body = "SELECT c.customer,
       CASE WHEN e.edge = 'start' THEN c.from_month ELSE c.to_month END AS month_no,
       CASE WHEN e.edge = 'end' THEN -c.units
            WHEN c.to_month IS NULL OR c.to_month > c.from_month THEN c.units
            ELSE 0 END AS delta
FROM contributions AS c
CROSS JOIN (VALUES ('start'), ('end')) AS e(edge)
WHERE e.edge = 'start' OR c.to_month > c.from_month";
        self.chain.step(
            "mrr_changes",
            "a contribution adds its units in its first month (start) and takes them away in the month it ends (end);\none that ends before it begins adds nothing, but its month still counts as analysed",
            body,
        );
        let body = "SELECT c.customer, c.month_no, CAST(SUM(c.delta) AS BIGINT) AS delta
FROM mrr_changes AS c CROSS JOIN as_of AS a
WHERE c.month_no <= a.as_of_month
GROUP BY c.customer, c.month_no";
        self.chain.step("monthly_changes", "per customer and month, up to the as-of month", body);
        let running = "CAST(SUM(delta) OVER (PARTITION BY customer ORDER BY month_no ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT)";
        let rounded = self.w.idiv(&format!("{running} + 6"), "12");
        let body = format!(
            "SELECT customer,
       month_no AS from_month,
       LEAD(month_no) OVER (PARTITION BY customer ORDER BY month_no) AS to_month,
       GREATEST({rounded}, 0) AS mrr
FROM monthly_changes"
        );
        self.chain.step(
            "customer_segments",
            "each customer's MRR from from_month up to (not including) to_month (open: NULL): the units in force,\nrounded once, half up, to a cent; a negative sum (credits) counts as 0",
            &body,
        );
        let body = "SELECT customer, from_month, to_month, mrr,
       LAG(mrr, 1, 0) OVER (PARTITION BY customer ORDER BY from_month) AS previous_mrr,
       COALESCE(MAX(CASE WHEN mrr > 0 THEN 1 ELSE 0 END) OVER (
         PARTITION BY customer ORDER BY from_month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS paid_before
FROM customer_segments";
        self.chain.step(
            "customer_mrr",
            "with the MRR of the month before each segment (previous_mrr) and whether the customer paid in an\nearlier month (paid_before = 1: a return is a reactivation, not new)",
            body,
        );
    }

    /// `period(first_month, last_month)`: the period's months up to the as-of month (and at
    /// most 120 months back); no row when none is. Months before the first with data need no
    /// clipping: every customer's MRR is 0 there.
    fn period(&mut self) {
        self.customer_mrr();
        let (a, b) = self.period_bounds();
        let body = format!(
            "SELECT GREATEST({a}, a.as_of_month - 119) AS first_month,
       LEAST({b}, a.as_of_month) AS last_month
FROM as_of AS a
WHERE GREATEST({a}, a.as_of_month - 119) <= LEAST({b}, a.as_of_month)"
        );
        let (pa, pb) = self.w.ctx.period.months();
        let comment = format!(
            "the period {} ({pa} to {pb}) up to the as-of month (the app analyses at most 120 months);\nno row when it begins after the as-of month",
            self.w.ctx.period.key()
        );
        self.chain.step("period", &comment, &body);
    }

    /// `analysed_months(first_month, last_month)`: from the first month with a paying row (at
    /// most 120 months back) to the as-of month; no row without any.
    fn analysed_months(&mut self) {
        self.customer_mrr();
        let body = "SELECT GREATEST(MIN(m.from_month), MIN(a.as_of_month) - 119) AS first_month,
       MIN(a.as_of_month) AS last_month
FROM customer_mrr AS m CROSS JOIN as_of AS a
HAVING COUNT(*) > 0";
        self.chain.step(
            "analysed_months",
            "the months with revenue figures: from the first month of a paying row (at most 120 months) to the as-of month",
            body,
        );
    }

    /// `customer_period` and `figures`: one pass over every customer's segments gives its MRR
    /// at start and end and its movements in the period; `figures` sums them.
    fn figures(&mut self) {
        self.period();
        let at = |month: &str| {
            format!("m.from_month <= {month} AND (m.to_month IS NULL OR m.to_month > {month})")
        };
        let inside = "m.from_month >= p.first_month";
        let body = format!(
            "SELECT m.customer,
       COALESCE(CAST(SUM(CASE WHEN {start} THEN m.mrr END) AS BIGINT), 0) AS start_mrr,
       COALESCE(CAST(SUM(CASE WHEN {end} THEN m.mrr END) AS BIGINT), 0) AS end_mrr,
       MAX(CASE WHEN {inside} AND m.previous_mrr = 0 AND m.mrr > 0 THEN 1 ELSE 0 END) AS came_in,
       SUM(CASE WHEN {inside} AND m.previous_mrr = 0 AND m.mrr > 0 AND m.paid_before = 0 THEN m.mrr ELSE 0 END) AS new_mrr,
       SUM(CASE WHEN {inside} AND m.previous_mrr = 0 AND m.mrr > 0 AND m.paid_before = 1 THEN m.mrr ELSE 0 END) AS reactivation_mrr,
       SUM(CASE WHEN {inside} AND m.previous_mrr > 0 AND m.mrr > m.previous_mrr THEN m.mrr - m.previous_mrr ELSE 0 END) AS expansion_mrr,
       SUM(CASE WHEN {inside} AND m.mrr > 0 AND m.mrr < m.previous_mrr THEN m.previous_mrr - m.mrr ELSE 0 END) AS contraction_mrr,
       SUM(CASE WHEN {inside} AND m.previous_mrr > 0 AND m.mrr = 0 THEN m.previous_mrr ELSE 0 END) AS churned_mrr
FROM period AS p
JOIN customer_mrr AS m ON m.from_month <= p.last_month
GROUP BY m.customer",
            start = at("p.first_month - 1"),
            end = at("p.last_month"),
        );
        self.chain.step(
            "customer_period",
            "per customer: MRR at the end of the month before the period (start) and at the end of the period's\nlast month with data (end); came_in = 1: a new or reactivation movement inside the period; the\nmovements of the period's months (where its MRR changes against the month before)",
            &body,
        );
        let sum =
            |expr: &str, name: &str| format!("COALESCE(CAST(SUM({expr}) AS BIGINT), 0) AS {name}");
        let fields = [
            sum("c.end_mrr", "mrr"),
            "COUNT(CASE WHEN c.end_mrr > 0 THEN 1 END) AS customers".to_string(),
            sum("c.new_mrr", "new_mrr"),
            sum("c.reactivation_mrr", "reactivation_mrr"),
            sum("c.expansion_mrr", "expansion_mrr"),
            sum("c.contraction_mrr", "contraction_mrr"),
            sum("c.churned_mrr", "churned_mrr"),
            "COUNT(CASE WHEN c.start_mrr > 0 THEN 1 END) AS start_customers".to_string(),
            sum("c.start_mrr", "start_mrr"),
            "COUNT(CASE WHEN c.start_mrr > 0 AND c.end_mrr = 0 THEN 1 END) AS churned_customers"
                .to_string(),
            sum("CASE WHEN c.start_mrr > 0 AND c.end_mrr = 0 THEN c.start_mrr END", "churned_start_mrr"),
            sum("CASE WHEN c.start_mrr > 0 AND c.end_mrr > c.start_mrr THEN c.end_mrr - c.start_mrr END", "expansion"),
            sum("CASE WHEN c.end_mrr > 0 AND c.end_mrr < c.start_mrr THEN c.start_mrr - c.end_mrr END", "contraction"),
            "COUNT(CASE WHEN c.start_mrr = 0 AND c.came_in = 1 THEN 1 END) AS new_or_reactivated"
                .to_string(),
        ];
        let body = format!(
            "SELECT {}
FROM period AS p
JOIN customer_period AS c ON 1 = 1
GROUP BY p.first_month",
            fields.join(",\n       ")
        );
        self.chain.step(
            "figures",
            "the period's figures in one row (none when the period ends before the first month with data):\nlevels at the end, movements summed over its months, and the start customers (MRR > 0 at start)\ncompared with the end: churned (0 at the end; churned_start_mrr = their start MRR), expansion and\ncontraction (end minus start of the others), new or reactivated customers outside them",
            &body,
        );
    }

    /// A level KPI from `figures f`.
    fn level(&self, kpi: Kpi) -> String {
        let w = &self.w;
        match kpi {
            Kpi::Mrr => w.double("f.mrr"),
            Kpi::Arr => w.double("f.mrr * 12"),
            Kpi::Customers => w.double("f.customers"),
            _ => format!(
                "CASE WHEN f.customers > 0 THEN {} END",
                w.double(&w.div_round("f.mrr", "f.customers"))
            ),
        }
    }

    /// A movement KPI from `figures f`.
    fn movement(&self, kpi: Kpi) -> String {
        self.w.double(&format!("f.{}", kpi.id()))
    }

    /// A churn or retention KPI from `figures f`.
    fn retention(&self, kpi: Kpi) -> String {
        let w = &self.w;
        match kpi {
            Kpi::ChurnRate => w.ratio("f.churned_customers", "f.start_customers"),
            Kpi::ChurnRateB => {
                w.ratio("f.churned_customers", "f.start_customers + f.new_or_reactivated")
            }
            Kpi::RevenueChurn => w.ratio("f.churned_start_mrr + f.contraction", "f.start_mrr"),
            Kpi::Ndr => format!(
                "({} - {}) / NULLIF({}, 0)",
                w.double("f.start_mrr + f.expansion"),
                w.double("f.churned_start_mrr + f.contraction"),
                w.double("f.start_mrr")
            ),
            _ => format!(
                "({} - {}) / NULLIF({}, 0)",
                w.double("f.start_mrr"),
                w.double("f.churned_start_mrr + f.contraction"),
                w.double("f.start_mrr")
            ),
        }
    }

    /// `period_open`: 1 when the period does not begin after the as-of month (a figure of a
    /// later period is unknown, not 0).
    fn not_after_as_of(&self) -> String {
        let (a, _) = self.period_bounds();
        format!("{a} <= a.as_of_month")
    }

    fn non_recurring(&mut self) -> String {
        self.as_of(false);
        let i = "invoices";
        let currency = self.currency_ok("i", i);
        let line = self.c("i", i, "line");
        let amount = self.c("i", i, "amount_cents");
        let date = self.c("i", i, "invoice_date");
        let body = format!(
            "SELECT {} AS month_no,
       CASE WHEN {line} = 'refund' THEN -ABS({amount}) ELSE {amount} END AS cents
FROM {} CROSS JOIN as_of AS a
WHERE {line} <> 'recurring'
  AND {date} <= a.as_of_day
  AND {currency}",
            self.w.month_no(&date),
            self.t(i, "i"),
        );
        self.chain.step(
            "non_recurring_lines",
            "one-time charges and refunds or credit notes (money going back, whatever sign the export gave it),\ndated on or before the as-of day",
            &body,
        );
        let (a, b) = self.period_bounds();
        let body = format!(
            "SELECT COUNT(*) AS lines,
       COALESCE(CAST(SUM(CASE WHEN month_no BETWEEN {a} AND {b} THEN cents END) AS BIGINT), 0) AS cents
FROM non_recurring_lines"
        );
        self.chain.step(
            "non_recurring",
            "the lines of the period (and whether there are any at all)",
            &body,
        );
        format!(
            "SELECT 'non_recurring_revenue' AS kpi,
       (SELECT CASE WHEN n.lines > 0 AND {} THEN {} END FROM non_recurring AS n CROSS JOIN as_of AS a) AS value",
            self.not_after_as_of(),
            self.w.double("n.cents")
        )
    }

    fn trials(&mut self, kpi: Kpi) -> String {
        self.as_of(false);
        let s = "subscriptions";
        let start = self.c("s", s, "start_date");
        let trial_end = self.c("s", s, "trial_end");
        let end = self.c("s", s, "end_date");
        let body = format!(
            "SELECT {} AS started_month,
       CASE WHEN {end} < {trial_end} THEN {end} ELSE {trial_end} END AS ended_on,
       CASE WHEN {} <> 'never_paid' AND ({end} IS NULL OR {end} > {trial_end}) THEN 1 ELSE 0 END AS converted
FROM {} CROSS JOIN as_of AS a
WHERE {trial_end} > {start}
  AND {start} <= a.as_of_day",
            self.w.month_no(&start),
            self.c("s", s, "state"),
            self.t(s, "s"),
        );
        self.chain.step(
            "trials",
            "free trials started by the as-of day: a trial starts on the subscription's start and ends on the\nearlier of its trial end and the subscription's end; converted = paid after it (not never-paid,\nno end on or before the trial's end); trials never make MRR",
            &body,
        );
        let (a, b) = self.period_bounds();
        let ended = format!(
            "t.ended_on <= a.as_of_day AND {} BETWEEN {a} AND {b}",
            self.w.month_no("t.ended_on")
        );
        let body = format!(
            "SELECT COUNT(*) AS trials,
       COUNT(CASE WHEN t.started_month BETWEEN {a} AND {b} THEN 1 END) AS started,
       COUNT(CASE WHEN {ended} THEN 1 END) AS ended,
       COALESCE(SUM(CASE WHEN {ended} THEN t.converted END), 0) AS converted
FROM trials AS t CROSS JOIN as_of AS a"
        );
        self.chain.step(
            "period_trials",
            "trials started in the period, and trials that ended in it by the as-of day",
            &body,
        );
        let value = if kpi == Kpi::TrialsStarted {
            self.w.double("t.started")
        } else {
            self.w.ratio("t.converted", "t.ended")
        };
        format!(
            "SELECT '{}' AS kpi,
       (SELECT CASE WHEN t.trials > 0 AND {} THEN {value} END FROM period_trials AS t CROSS JOIN as_of AS a) AS value",
            kpi.id(),
            self.not_after_as_of()
        )
    }

    fn costs(&mut self, kpi: Kpi) -> String {
        self.as_of(true);
        self.analysed_months();
        let c = "costs";
        let month = self.w.month_no(&self.c("c", c, "month"));
        let body = format!(
            "SELECT month_no,
       CAST(SUM(acquisition_cost) AS BIGINT) AS acquisition_cost,
       CAST(SUM(customer_success_cost) AS BIGINT) AS customer_success_cost
FROM (
  SELECT {month} AS month_no,
         {} + {} AS acquisition_cost,
         {} AS customer_success_cost
  FROM {} CROSS JOIN as_of AS a
  WHERE {month} <= a.as_of_month
) AS cost_rows
GROUP BY month_no",
            self.c("c", c, "sales_cents"),
            self.c("c", c, "marketing_cents"),
            self.c("c", c, "customer_success_cents"),
            self.t(c, "c"),
        );
        self.chain.step(
            "cost_months",
            "costs per month up to the as-of month (several rows of a month are added up);\nacquisition = sales + marketing",
            &body,
        );
        let (a, b) = self.period_bounds();
        let series = self.w.month_series(&a, &b, "m");
        let body = format!(
            "SELECT m.month_no,
       COALESCE(c.acquisition_cost, 0) AS acquisition_cost,
       COALESCE(c.customer_success_cost, 0) AS customer_success_cost
FROM {series}
JOIN (SELECT MIN(month_no) AS first_month, MAX(month_no) AS last_month FROM cost_months) AS k
  ON m.month_no BETWEEN k.first_month AND k.last_month
JOIN analysed_months AS r ON m.month_no BETWEEN r.first_month AND r.last_month
LEFT JOIN cost_months AS c ON c.month_no = m.month_no"
        );
        self.chain.step(
            "pooled_months",
            "the period's months from the first to the last cost month that have revenue figures",
            &body,
        );
        let body = "SELECT p.month_no,
       MIN(p.acquisition_cost) AS acquisition_cost,
       MIN(p.customer_success_cost) AS customer_success_cost,
       COUNT(CASE WHEN s.from_month = p.month_no AND s.previous_mrr = 0 AND s.mrr > 0 AND s.paid_before = 0 THEN 1 END) AS new_customers,
       COUNT(CASE WHEN s.mrr > 0 THEN 1 END) AS customers
FROM pooled_months AS p
LEFT JOIN customer_mrr AS s
  ON s.from_month <= p.month_no AND (s.to_month IS NULL OR s.to_month > p.month_no)
GROUP BY p.month_no";
        self.chain.step(
            "month_customers",
            "per pooled month: new customers (the `new` movement, not reactivations) and paying customers at its end",
            body,
        );
        let body = "SELECT CAST(SUM(acquisition_cost) AS BIGINT) AS acquisition_cost,
       CAST(SUM(customer_success_cost) AS BIGINT) AS customer_success_cost,
       CAST(SUM(new_customers) AS BIGINT) AS new_customers,
       CAST(SUM(customers) AS BIGINT) AS customer_months
FROM month_customers";
        self.chain.step("pooled", "the period's pooled costs and counts", body);
        let w = &self.w;
        let (num, den) = if kpi == Kpi::Cac {
            ("p.acquisition_cost", "p.new_customers")
        } else {
            ("p.customer_success_cost", "p.customer_months")
        };
        let value = w.double(&w.div_round(num, den));
        format!(
            "SELECT '{}' AS kpi,
       (SELECT CASE WHEN {den} > 0 AND {} THEN {value} END FROM pooled AS p CROSS JOIN as_of AS a) AS value",
            kpi.id(),
            self.not_after_as_of()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::{Dialect, Mapping};
    use analytics::Period;
    use records::Month;

    #[test]
    fn month_numbers() {
        let m = Month::from_ym(2025, 7).unwrap();
        assert_eq!(month_literal(m), "2025 * 12 + 7 - 1");
    }

    #[test]
    fn every_revenue_kpi_has_sql_naming_it() {
        let mapping = Mapping::default();
        let period = Period::Quarter(Month::from_ym(2025, 7).unwrap());
        for dialect in Dialect::ALL {
            let ctx = Ctx { dialect, period, as_of: None, currency: None, mapping: &mapping };
            for kpi in Kpi::ALL {
                let Some(q) = super::super::kpi_sql(kpi, &ctx) else { continue };
                let first = q.lines().next().unwrap_or_default();
                assert!(first.starts_with("-- KPI"), "{q}");
                assert!(first.contains(kpi.id()), "{q}");
                assert!(q.contains(&format!("'{}'", kpi.id())), "{q}");
            }
        }
    }
}
