//! The numbers behind the tiles: which KPIs the dashboard shows, their units and good
//! direction, and their value for a month, a quarter or a custom month range, read from an
//! [`analytics::Report`]. Pure functions, tested natively.
//!
//! Quarter figures come from the report's own quarter roll-ups (rates compare the quarter's
//! start and end; surveys and tickets are pooled), never from averaged months. A custom range
//! pools counts where the report has them and otherwise averages the months, and says so.

use analytics::Report;
use records::Month;

/// How a KPI's number is stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Integer cents.
    Money,
    /// Cents per day.
    MoneyPerDay,
    /// A count.
    Count,
    /// A fraction (0.25 = 25 %).
    Ratio,
    /// NPS points, −100 … 100.
    Points,
    /// A mean score on the survey's scale.
    Score,
    /// Minutes.
    Minutes,
    /// Seconds.
    Seconds,
    /// A ratio of two counts or values (2.5 = 2.5 : 1).
    Multiple,
}

/// Which direction of change is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Rising is good.
    Higher,
    /// Falling is good.
    Lower,
    /// Neither.
    Neutral,
}

/// One KPI on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiSpec {
    /// Id used in test ids, thresholds and exports.
    pub id: &'static str,
    /// Id of the definition text in [`analytics::definitions`].
    pub def_id: &'static str,
    /// German name.
    pub de: &'static str,
    /// English name.
    pub en: &'static str,
    /// Unit.
    pub unit: Unit,
    /// Good direction.
    pub better: Better,
}

const fn k(
    id: &'static str,
    def_id: &'static str,
    de: &'static str,
    en: &'static str,
    unit: Unit,
    better: Better,
) -> KpiSpec {
    KpiSpec { id, def_id, de, en, unit, better }
}

use Better::{Higher, Lower, Neutral};
use Unit::*;

/// Every tile, in display order.
pub const KPIS: &[KpiSpec] = &[
    k("mrr", "mrr", "MRR", "MRR", Money, Higher),
    k("arr", "arr", "ARR", "ARR", Money, Higher),
    k("customers", "customers", "Kunden", "Customers", Count, Higher),
    k("arpu", "arpu", "ARPU", "ARPU", Money, Higher),
    k("new_mrr", "mrr_movements", "Neu-MRR", "New MRR", Money, Higher),
    k("expansion_mrr", "mrr_movements", "Expansions-MRR", "Expansion MRR", Money, Higher),
    k("contraction_mrr", "mrr_movements", "Kontraktions-MRR", "Contraction MRR", Money, Lower),
    k("churned_mrr", "mrr_movements", "Abgewanderter MRR", "Churned MRR", Money, Lower),
    k("churn_rate", "churn_rate", "Kundenabwanderung (A)", "Logo churn (A)", Ratio, Lower),
    k("revenue_churn", "revenue_churn", "Umsatzabwanderung", "Revenue churn", Ratio, Lower),
    k("ndr", "ndr", "Netto-Umsatzbindung (NRR)", "Net revenue retention", Ratio, Higher),
    k("grr", "grr", "Brutto-Umsatzbindung (GRR)", "Gross revenue retention", Ratio, Higher),
    k("nps", "nps", "NPS", "NPS", Points, Higher),
    k("csat", "csat", "CSAT", "CSAT", Ratio, Higher),
    k("ces", "ces", "CES", "CES", Score, Neutral),
    k("ticket_volume", "ticket_volume", "Ticketvolumen", "Ticket volume", Count, Lower),
    k(
        "first_response_time",
        "first_response_time",
        "Erste Antwort (Median)",
        "First response (median)",
        Minutes,
        Lower,
    ),
    k(
        "first_response_time_p90",
        "first_response_time",
        "Erste Antwort (P90)",
        "First response (p90)",
        Minutes,
        Lower,
    ),
    k("fcr", "fcr", "Erstlösungsquote", "First contact resolution", Ratio, Higher),
    k("resolution_rate", "resolution_rate", "Lösungsquote", "Resolution rate", Ratio, Higher),
    k(
        "lead_response_time",
        "lead_response_time",
        "Leads in 5 Min. kontaktiert",
        "Leads contacted within 5 min",
        Ratio,
        Higher,
    ),
    k("win_rate", "win_rate", "Gewinnrate", "Win rate", Ratio, Higher),
    k(
        "win_loss_ratio",
        "win_loss_ratio",
        "Gewinn/Verlust (Anzahl)",
        "Win/loss (count)",
        Multiple,
        Higher,
    ),
    k(
        "win_loss_value_ratio",
        "win_loss_ratio",
        "Gewinn/Verlust (Wert)",
        "Win/loss (value)",
        Multiple,
        Higher,
    ),
    k(
        "sales_velocity",
        "sales_velocity",
        "Vertriebsgeschwindigkeit",
        "Sales velocity",
        MoneyPerDay,
        Higher,
    ),
    k("dau_mau", "dau_mau", "DAU/MAU", "DAU/MAU", Ratio, Higher),
    k(
        "avg_session_duration",
        "avg_session_duration",
        "Ø Sitzungsdauer",
        "Avg. session duration",
        Seconds,
        Higher,
    ),
    k("cac", "cac", "CAC", "CAC", Money, Lower),
    k("retention_cost", "retention_cost", "Kundenbindungskosten", "Retention cost", Money, Lower),
    k("at_risk", "health_score", "Gefährdete Kunden", "Accounts at risk", Count, Lower),
    k("health_score", "health_score", "Ø Health Score", "Avg. health score", Points, Higher),
];

/// The spec of a KPI id.
pub fn spec(id: &str) -> Option<&'static KpiSpec> {
    KPIS.iter().find(|s| s.id == id)
}

/// The period the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Period {
    /// One calendar month.
    Month(Month),
    /// A calendar quarter, starting with this month.
    Quarter(Month),
    /// Whole months from the first to the last, both included.
    Range(Month, Month),
}

impl Period {
    /// First and last month.
    pub fn months(&self) -> (Month, Month) {
        match self {
            Period::Month(m) => (*m, *m),
            Period::Quarter(first) => (*first, first.add(2)),
            Period::Range(a, b) => (*a.min(b), *a.max(b)),
        }
    }

    /// The period of the same length just before.
    pub fn previous(&self) -> Period {
        self.shifted(-1)
    }

    /// The period `n` lengths later (earlier for negative `n`).
    pub fn shifted(&self, n: i32) -> Period {
        match self {
            Period::Month(m) => Period::Month(m.add(n)),
            Period::Quarter(first) => Period::Quarter(first.add(3 * n)),
            Period::Range(..) => {
                let (a, b) = self.months();
                let len = b.since(a) + 1;
                Period::Range(a.add(len * n), b.add(len * n))
            }
        }
    }

    /// `2025-11`, `2025-Q3` or `2025-01–2025-06`.
    pub fn label(&self) -> String {
        match self {
            Period::Month(m) => m.to_string(),
            Period::Quarter(first) => quarter_label(*first),
            Period::Range(..) => {
                let (a, b) = self.months();
                format!("{a}–{b}")
            }
        }
    }

    /// The URL form: `2025-11`, `2025-Q3`, `2025-01_2025-06`.
    pub fn to_param(&self) -> String {
        match self {
            Period::Range(..) => {
                let (a, b) = self.months();
                format!("{a}_{b}")
            }
            other => other.label(),
        }
    }

    /// Reads [`Period::to_param`]'s form.
    pub fn from_param(text: &str) -> Option<Period> {
        if let Some((a, b)) = text.split_once('_') {
            return Some(Period::Range(parse_month(a)?, parse_month(b)?));
        }
        if let Some(q) = parse_quarter(text) {
            return Some(Period::Quarter(q));
        }
        parse_month(text).map(Period::Month)
    }
}

/// `2025-Q3` for any month of that quarter.
pub fn quarter_label(m: Month) -> String {
    format!("{}-Q{}", m.year(), m.quarter())
}

/// The first month of the quarter containing `m`.
pub fn quarter_start(m: Month) -> Month {
    m.add(-(((m.number() - 1) % 3) as i32))
}

/// Reads `2025-07`.
pub fn parse_month(text: &str) -> Option<Month> {
    let (y, m) = text.trim().split_once('-')?;
    Month::from_ym(y.parse().ok()?, m.parse().ok()?)
}

/// Reads `2025-Q3` into its first month.
pub fn parse_quarter(text: &str) -> Option<Month> {
    let (y, q) = text.trim().split_once("-Q")?;
    let q: u32 = q.parse().ok()?;
    if !(1..=4).contains(&q) {
        return None;
    }
    Month::from_ym(y.parse().ok()?, (q - 1) * 3 + 1)
}

/// Every month any section of the report has figures for, oldest first.
pub fn months_with_data(r: &Report) -> Vec<Month> {
    let mut out: Vec<Month> = Vec::new();
    if let Some(x) = &r.revenue {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.surveys {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.tickets {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.deals {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.usage {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.costs {
        out.extend(x.months.iter().map(|m| m.month));
    }
    if let Some(x) = &r.leads {
        out.extend(x.iter().map(|m| m.month));
    }
    out.sort();
    out.dedup();
    out
}

/// The latest complete month: the latest month with data, unless the data visibly ends
/// inside it (the health window ends before its last day), then the month before.
pub fn default_month(r: &Report) -> Option<Month> {
    let last = *months_with_data(r).last()?;
    let ends_inside =
        r.health.as_ref().is_some_and(|h| h.as_of.month() == last && h.as_of < last.last_day());
    Some(if ends_inside { last.add(-1) } else { last })
}

/// Quarters (first months) that have any data, oldest first.
pub fn quarters_with_data(r: &Report) -> Vec<Month> {
    let mut out: Vec<Month> = months_with_data(r).into_iter().map(quarter_start).collect();
    out.dedup();
    out
}

/// How a figure was formed, for the note beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The value of the month.
    Month,
    /// The level at the end of the period.
    EndOfPeriod,
    /// Compares the customers at the period's start with its end (quarter and year rates).
    StartToEnd,
    /// Counted over the whole period (answers, tickets, deals pooled).
    Pooled,
    /// Summed over the period's months.
    Sum,
    /// The mean of the months' values (no exact figure exists for a custom range).
    MeanOfMonths,
    /// The current state, independent of the period (open pipeline, health window).
    Current,
}

/// One KPI's figures for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The KPI.
    pub spec: &'static KpiSpec,
    /// Value in the period.
    pub value: Option<f64>,
    /// Value in the previous period.
    pub previous: Option<f64>,
    /// How the value was formed.
    pub basis: Basis,
    /// Values of the period and the ones before it, oldest first (label, value).
    pub trend: Vec<(String, Option<f64>)>,
}

/// Periods in a tile's trend line.
pub const TREND_LEN: i32 = 12;

/// Figures of every KPI with any value in the report, for `period`.
pub fn figures(r: &Report, period: &Period) -> Vec<Figure> {
    let prev = period.previous();
    KPIS.iter()
        .filter_map(|spec| {
            let (now, basis) = value(r, spec.id, period);
            let trend: Vec<(String, Option<f64>)> = (0..TREND_LEN)
                .rev()
                .map(|n| {
                    let p = period.shifted(-n);
                    (p.label(), value(r, spec.id, &p).0)
                })
                .collect();
            if now.is_none() && trend.iter().all(|(_, v)| v.is_none()) {
                return None;
            }
            // Periods before the data starts are left out rather than drawn as a gap.
            let first = trend.iter().position(|(_, v)| v.is_some()).unwrap_or(0);
            let trend = trend[first..].to_vec();
            // A current state has no previous period to compare with.
            let previous = if basis == Basis::Current { None } else { value_of(r, spec.id, &prev) };
            Some(Figure { spec, value: now, previous, basis, trend })
        })
        .collect()
}

/// The value of one KPI in a period, without the note.
pub fn value_of(r: &Report, id: &str, period: &Period) -> Option<f64> {
    value(r, id, period).0
}

/// The value of one KPI in a period and how it was formed.
pub fn value(r: &Report, id: &str, period: &Period) -> (Option<f64>, Basis) {
    let (first, last) = period.months();
    let single = first == last;
    let quarter = matches!(period, Period::Quarter(_));
    let pooled = if single { Basis::Month } else { Basis::Pooled };
    let averaged = if single { Basis::Month } else { Basis::MeanOfMonths };
    match id {
        "mrr" | "arr" | "customers" | "arpu" => {
            let level = if single { Basis::Month } else { Basis::EndOfPeriod };
            (super::sections::revenue_level(r, id, first, last), level)
        }
        "new_mrr" | "expansion_mrr" | "contraction_mrr" | "churned_mrr" => {
            let basis = if single { Basis::Month } else { Basis::Sum };
            (super::sections::movement(r, id, first, last), basis)
        }
        "churn_rate" | "revenue_churn" | "ndr" | "grr" => {
            if quarter {
                (super::sections::quarter_rate(r, id, first), Basis::StartToEnd)
            } else {
                (super::sections::mean_rate(r, id, first, last), averaged)
            }
        }
        "nps" | "csat" | "ces" => (super::sections::survey(r, id, first, last, quarter), pooled),
        "ticket_volume" => (
            super::sections::tickets(r, id, first, last),
            if single { Basis::Month } else { Basis::Sum },
        ),
        "fcr" | "resolution_rate" => (super::sections::tickets(r, id, first, last), pooled),
        "first_response_time" | "first_response_time_p90" => {
            if quarter {
                (super::sections::ticket_quarter(r, id, first), Basis::Pooled)
            } else {
                (super::sections::tickets(r, id, first, last), averaged)
            }
        }
        "lead_response_time" => (super::sections::leads(r, first, last), pooled),
        "win_rate" | "win_loss_ratio" | "win_loss_value_ratio" => {
            (super::sections::deals(r, id, first, last), pooled)
        }
        "sales_velocity" => (
            r.deals.as_ref().and_then(|d| d.velocity.per_day).map(|v| v.cents() as f64),
            Basis::Current,
        ),
        "dau_mau" => (super::sections::usage(r, id, first, last), averaged),
        "avg_session_duration" => (super::sections::usage(r, id, first, last), pooled),
        "cac" | "retention_cost" => (super::sections::costs(r, id, first, last), pooled),
        "at_risk" => (r.health.as_ref().map(|h| h.at_risk_total as f64), Basis::Current),
        "health_score" => (super::sections::health_mean(r), Basis::Current),
        _ => (None, Basis::Month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, n: u32) -> Month {
        Month::from_ym(y, n).unwrap()
    }

    #[test]
    fn periods_shift_and_round_trip_through_the_url() {
        let check = |p: Period, label: &str, prev: Period| {
            assert_eq!(p.label(), label);
            assert_eq!(p.previous(), prev);
            assert_eq!(Period::from_param(&p.to_param()), Some(p));
        };
        check(Period::Month(m(2025, 1)), "2025-01", Period::Month(m(2024, 12)));
        check(Period::Quarter(m(2025, 1)), "2025-Q1", Period::Quarter(m(2024, 10)));
        check(
            Period::Range(m(2025, 3), m(2025, 5)),
            "2025-03–2025-05",
            Period::Range(m(2024, 12), m(2025, 2)),
        );
        assert_eq!(quarter_start(m(2025, 9)), m(2025, 7));
        assert_eq!(parse_quarter("2025-Q5"), None);
        assert_eq!(Period::from_param("x"), None);
    }

    #[test]
    fn sample_figures_match_the_report() {
        let r = analytics::report(&sample::demo(), &analytics::ReportOptions::default());
        let month = default_month(&r).unwrap();
        let figs = figures(&r, &Period::Month(month));
        let get = |id: &str| figs.iter().find(|f| f.spec.id == id).and_then(|f| f.value);
        let rev = r.revenue.as_ref().unwrap().months.iter().find(|x| x.month == month).unwrap();
        assert_eq!(get("mrr"), Some(rev.mrr.cents() as f64));
        assert_eq!(get("churn_rate"), rev.retention.logo_churn_a);
        let q = Period::Quarter(quarter_start(month));
        let rq =
            r.revenue.as_ref().unwrap().quarters.iter().find(|x| x.label == q.label()).unwrap();
        assert_eq!(value_of(&r, "churn_rate", &q), rq.retention.logo_churn_a);
        let sq =
            r.surveys.as_ref().unwrap().quarters.iter().find(|x| x.label == q.label()).unwrap();
        assert_eq!(value_of(&r, "nps", &q), sq.nps.nps);
        // A one-month range pools exactly what the month has.
        assert_eq!(value_of(&r, "nps", &Period::Range(month, month)), get("nps"));
    }
}
