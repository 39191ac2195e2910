//! The dashboard's charts, built from the report with crates/charts: MRR movements, MRR and
//! customers over time, cohorts, NPS per month, tickets per week with spikes, response
//! times, the deal funnel, DAU/MAU, the health-score distribution, and a KPI's own trend.

use super::format;
use crate::components::chart::ChartData;
use crate::display::smart_decimals;
use analytics::Report;
use analytics::Tile;
use charts::{Colour, Meta};
use locale::{format_money, format_number, format_percent, Currency, Lang};

/// Months shown in time charts.
const WINDOW: usize = 24;

fn wrap(chart: charts::Chart) -> ChartData {
    ChartData::from(chart)
}

struct Tx(Lang);

impl Tx {
    fn t(&self, de: &str, en: &str) -> String {
        (if self.0 == Lang::De { de } else { en }).to_string()
    }
    fn meta(&self, id: &str, title: (&str, &str), desc: (&str, &str)) -> Meta {
        Meta::new(
            id,
            self.t(title.0, title.1),
            self.t(desc.0, desc.1),
            self.t("Keine Daten", "No data"),
        )
    }
    fn month(&self) -> String {
        self.t("Monat", "Month")
    }
}

fn tail<T>(items: &[T]) -> &[T] {
    &items[items.len().saturating_sub(WINDOW)..]
}

fn nan(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

/// The text of the SVG's `<title>`, shown as the chart's visible heading.
pub fn svg_title(svg: &str) -> String {
    let Some(start) = svg.find("<title") else { return String::new() };
    let rest = &svg[start..];
    let (Some(open), Some(close)) = (rest.find('>'), rest.find("</title>")) else {
        return String::new();
    };
    rest.get(open + 1..close)
        .unwrap_or_default()
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// One chart per entry, with the file stem for its downloads.
pub fn overview(
    r: &Report,
    lang: Lang,
    cur: Currency,
    risk_below: f64,
) -> Vec<(&'static str, ChartData)> {
    let mut out = Vec::new();
    let tx = Tx(lang);
    let money = move |v: f64| format_money(v / 100.0, cur, lang, 0);
    let count = move |v: f64| format_number(v, smart_decimals(v, 1), lang);
    let pct = move |v: f64| format_percent(v, 0, lang);
    if let Some(rev) = &r.revenue {
        let months = tail(&rev.months);
        let labels: Vec<String> = months.iter().map(|m| m.month.to_string()).collect();
        let series = |name: String, f: &dyn Fn(&analytics::revenue::Movements) -> i64, c| {
            charts::stacked_bars::Series {
                name,
                values: months.iter().map(|m| f(&m.movements) as f64).collect(),
                colour: Some(c),
            }
        };
        let spec = charts::stacked_bars::StackedBarsSpec {
            meta: tx.meta("d-mrr-moves", ("MRR-Bewegungen pro Monat", "MRR movements per month"), ("Neu, Reaktivierung und Expansion nach oben, Kontraktion und Abwanderung nach unten; die Linie ist die Netto-Veränderung.", "New, reactivation and expansion upwards, contraction and churn downwards; the line is the net change.")),
            x_labels: labels.clone(),
            series: vec![
                series(tx.t("Neu", "New"), &|m| m.new.cents(), Colour::BluishGreen),
                series(tx.t("Reaktivierung", "Reactivation"), &|m| m.reactivation.cents(), Colour::SkyBlue),
                series(tx.t("Expansion", "Expansion"), &|m| m.expansion.cents(), Colour::Blue),
                series(tx.t("Kontraktion", "Contraction"), &|m| -m.contraction.cents(), Colour::Orange),
                series(tx.t("Abwanderung", "Churn"), &|m| -m.churn.cents(), Colour::Vermillion),
            ],
            x_label: tx.month(),
            y_label: "MRR".into(),
            net_label: Some(tx.t("Netto", "Net")),
        };
        out.push(("mrr-movements", wrap(charts::stacked_bars::draw(&spec, &money))));
        let line = |id: &str,
                    title: (&str, &str),
                    name: String,
                    values: Vec<f64>,
                    fmt: &dyn Fn(f64) -> String| {
            let spec = charts::lines::LinesSpec {
                meta: tx.meta(id, title, title),
                x_labels: labels.clone(),
                series: vec![charts::lines::Series {
                    name: name.clone(),
                    values,
                    ..Default::default()
                }],
                x_label: tx.month(),
                y_label: name,
                flag_label: String::new(),
            };
            wrap(charts::lines::draw(&spec, fmt))
        };
        out.push((
            "mrr",
            line(
                "d-mrr",
                ("MRR über die Zeit", "MRR over time"),
                "MRR".into(),
                months.iter().map(|m| m.mrr.cents() as f64).collect(),
                &money,
            ),
        ));
        out.push((
            "customers",
            line(
                "d-customers",
                ("Kunden über die Zeit", "Customers over time"),
                tx.t("Kunden", "Customers"),
                months.iter().map(|m| f64::from(m.customers)).collect(),
                &count,
            ),
        ));
        for (id, logo) in [("cohorts-logo", true), ("cohorts-revenue", false)] {
            out.push((id, cohorts(rev, logo, &tx, &pct)));
        }
    }
    out.extend(support(r, &tx, &count, &pct));
    if let Some(h) = &r.health {
        out.push(("health-distribution", health_bars(h, &tx, &count, risk_below)));
    }
    out
}

fn cohorts(
    rev: &analytics::revenue::RevenueReport,
    logo: bool,
    tx: &Tx,
    pct: &dyn Fn(f64) -> String,
) -> ChartData {
    let cohorts = tail(&rev.cohorts);
    let cols = cohorts.iter().map(|c| c.cells.len()).max().unwrap_or(0).min(13);
    let title = if logo {
        ("Kohorten: Kundenbindung", "Cohorts: logo retention")
    } else {
        ("Kohorten: Umsatzbindung", "Cohorts: revenue retention")
    };
    let spec = charts::heatmap::HeatmapSpec {
        meta: tx.meta(if logo { "d-coh-logo" } else { "d-coh-rev" }, title, ("Jede Zeile ist der Monat des ersten Umsatzes; die Spalten zählen die Monate seither.", "Each row is the month of first revenue; columns count the months since.")),
        row_labels: cohorts.iter().map(|c| c.first_month.to_string()).collect(),
        col_labels: (0..cols).map(|i| i.to_string()).collect(),
        values: cohorts
            .iter()
            .map(|c| c.cells.iter().take(cols).map(|x| nan(if logo { x.logo_retention } else { x.revenue_retention })).collect())
            .collect(),
        x_label: tx.t("Monate seit Start", "Months since start"),
        y_label: tx.t("Kohorte", "Cohort"),
    };
    wrap(charts::heatmap::draw(&spec, pct))
}

fn support(
    r: &Report,
    tx: &Tx,
    count: &dyn Fn(f64) -> String,
    pct: &dyn Fn(f64) -> String,
) -> Vec<(&'static str, ChartData)> {
    let mut out = Vec::new();
    if let Some(s) = &r.surveys {
        let months = tail(&s.months);
        let share = |f: &dyn Fn(&analytics::surveys::NpsSummary) -> u32| -> Vec<f64> {
            months
                .iter()
                .map(|m| {
                    if m.nps.responses == 0 {
                        f64::NAN
                    } else {
                        f64::from(f(&m.nps)) / f64::from(m.nps.responses)
                    }
                })
                .collect()
        };
        let spec = charts::stacked_bars::StackedBarsSpec {
            meta: tx.meta(
                "d-nps",
                ("NPS-Antworten pro Monat", "NPS answers per month"),
                (
                    "Anteile der Kritiker, Passiven und Promotoren je Monat.",
                    "Shares of detractors, passives and promoters per month.",
                ),
            ),
            x_labels: months.iter().map(|m| m.month.to_string()).collect(),
            series: vec![
                charts::stacked_bars::Series {
                    name: tx.t("Kritiker (0–6)", "Detractors (0–6)"),
                    values: share(&|n| n.detractors),
                    colour: Some(Colour::Vermillion),
                },
                charts::stacked_bars::Series {
                    name: tx.t("Passive (7–8)", "Passives (7–8)"),
                    values: share(&|n| n.passives),
                    colour: Some(Colour::Grey),
                },
                charts::stacked_bars::Series {
                    name: tx.t("Promotoren (9–10)", "Promoters (9–10)"),
                    values: share(&|n| n.promoters),
                    colour: Some(Colour::BluishGreen),
                },
            ],
            x_label: tx.month(),
            y_label: tx.t("Anteil", "Share"),
            net_label: None,
        };
        out.push(("nps", wrap(charts::stacked_bars::draw(&spec, pct))));
    }
    if let Some(t) = &r.tickets {
        let weeks = &t.weeks[t.weeks.len().saturating_sub(52)..];
        let spec = charts::bars::BarsSpec {
            meta: tx.meta(
                "d-tickets",
                ("Tickets pro Woche", "Tickets per week"),
                (
                    "Eröffnete Tickets je ISO-Woche; Spitzen sind markiert.",
                    "Tickets opened per ISO week; spikes are marked.",
                ),
            ),
            // The year is in the table; the axis has room for the week only.
            labels: weeks
                .iter()
                .map(|w| w.week.rsplit('-').next().unwrap_or(&w.week).to_string())
                .collect(),
            values: weeks.iter().map(|w| f64::from(w.opened)).collect(),
            highlighted: weeks
                .iter()
                .enumerate()
                .filter(|(_, w)| t.spikes.iter().any(|s| s.week == w.week))
                .map(|(i, _)| i)
                .collect(),
            x_label: tx.t("Woche", "Week"),
            y_label: tx.t("Tickets", "Tickets"),
            highlight_label: tx.t("Spitze", "Spike"),
        };
        out.push(("tickets-per-week", wrap(charts::bars::draw(&spec, count))));
        let months = tail(&t.months);
        let spec = charts::lines::LinesSpec {
            meta: tx.meta(
                "d-frt",
                ("Erste Antwortzeit", "First response time"),
                (
                    "Median und 90. Perzentil in Minuten je Monat.",
                    "Median and 90th percentile in minutes per month.",
                ),
            ),
            x_labels: months.iter().map(|m| m.month.to_string()).collect(),
            series: vec![
                charts::lines::Series {
                    name: "Median".into(),
                    values: months.iter().map(|m| nan(m.first_response_median_minutes)).collect(),
                    ..Default::default()
                },
                charts::lines::Series {
                    name: "P90".into(),
                    values: months.iter().map(|m| nan(m.first_response_p90_minutes)).collect(),
                    ..Default::default()
                },
            ],
            x_label: tx.month(),
            y_label: tx.t("Minuten", "Minutes"),
            flag_label: String::new(),
        };
        out.push(("first-response-time", wrap(charts::lines::draw(&spec, count))));
    }
    if let Some(d) = &r.deals {
        // What the funnel had to assume is said in its description, not hidden.
        let mut desc = (
            "Deals, die jede Phase erreicht haben, und der Verlust zur vorigen Phase; ein verlorener Deal zählt bis zur Phase, in der er verloren ging, der letzte Schritt nur gewonnene Deals.".to_string(),
            "Deals that reached each stage and the loss from the previous stage; a lost deal counts up to the stage it was lost at, the last step holds won deals only.".to_string(),
        );
        if d.stage_order == analytics::deals::StageOrder::FirstSeen {
            desc.0.push_str(" Reihenfolge der Phasen angenommen: wie zuerst in der Datei.");
            desc.1.push_str(" Stage order assumed: as first seen in the file.");
        }
        if d.lost_stage_unknown > 0 {
            let n = d.lost_stage_unknown;
            desc.0.push_str(&format!(
                " {n} verlorene Deals ohne Phase beim Verlust: nur in der ersten Phase gezählt."
            ));
            desc.1.push_str(&format!(
                " {n} lost deals without their stage at loss: counted in the first stage only."
            ));
        }
        let spec = charts::funnel::FunnelSpec {
            meta: tx.meta("d-funnel", ("Deal-Funnel", "Deal funnel"), (&desc.0, &desc.1)),
            // The engine leaves closing stages out and ends with the won deals only.
            steps: d
                .funnel
                .iter()
                .map(|s| charts::funnel::Step {
                    label: if s.won_step && s.stage == "won" {
                        tx.t("Gewonnen", "Won")
                    } else {
                        s.stage.clone()
                    },
                    count: f64::from(s.reached),
                })
                .collect(),
            step_header: tx.t("Phase", "Stage"),
            count_header: tx.t("Erreicht", "Reached"),
            drop_header: tx.t("Verlust", "Drop-off"),
        };
        out.push(("deal-funnel", wrap(charts::funnel::draw(&spec, count, pct))));
    }
    if let Some(u) = &r.usage {
        let months = tail(&u.months);
        let spec = charts::lines::LinesSpec {
            meta: tx.meta(
                "d-daumau",
                ("DAU/MAU", "DAU/MAU"),
                (
                    "Durchschnittliche tägliche ÷ monatliche aktive Nutzer.",
                    "Average daily ÷ monthly active users.",
                ),
            ),
            x_labels: months.iter().map(|m| m.month.to_string()).collect(),
            series: vec![charts::lines::Series {
                name: "DAU/MAU".into(),
                values: months.iter().map(|m| nan(m.dau_mau)).collect(),
                ..Default::default()
            }],
            x_label: tx.month(),
            y_label: "DAU/MAU".into(),
            flag_label: String::new(),
        };
        out.push(("dau-mau", wrap(charts::lines::draw(&spec, pct))));
    }
    out
}

fn health_bars(
    h: &analytics::health::HealthReport,
    tx: &Tx,
    count: &dyn Fn(f64) -> String,
    below: f64,
) -> ChartData {
    // The histogram covers every account, also when the list sent to the page is trimmed.
    let buckets = h.score_histogram;
    let labels: Vec<String> = (0..10).map(|i| format!("{}–{}", i * 10, i * 10 + 10)).collect();
    let spec = charts::bars::BarsSpec {
        meta: tx.meta(
            "d-health",
            ("Verteilung der Health Scores", "Health score distribution"),
            (
                "Kunden je Score-Bereich; Bereiche unter der Gefährdungsschwelle sind markiert.",
                "Accounts per score range; ranges below the at-risk threshold are marked.",
            ),
        ),
        labels,
        values: buckets.iter().map(|b| f64::from(*b)).collect(),
        highlighted: (0..10u32)
            .filter(|i| f64::from(i * 10 + 10) <= below)
            .map(|i| i as usize)
            .collect(),
        x_label: tx.t("Score", "Score"),
        y_label: tx.t("Kunden", "Accounts"),
        highlight_label: tx.t("gefährdet", "at risk"),
    };
    wrap(charts::bars::draw(&spec, count))
}

/// A line of one KPI's trend, for its detail view.
pub fn trend(f: &Tile, lang: Lang, cur: Currency) -> ChartData {
    let tx = Tx(lang);
    let kpi = f.figure.kpi;
    let name = kpi.name(lang == Lang::De);
    let unit = kpi.unit();
    // Axis labels read better without cents.
    let fmt = move |v: f64| match unit {
        analytics::Unit::Money => format_money(v / 100.0, cur, lang, 0),
        _ => format::value(unit, v, lang, cur),
    };
    let spec = charts::lines::LinesSpec {
        meta: Meta::new(
            format!("d-trend-{}", kpi.id()),
            name,
            tx.t(&format!("{name} je Zeitraum."), &format!("{name} per period.")),
            tx.t("Keine Daten", "No data"),
        ),
        x_labels: f.trend.iter().map(|p| p.period.label()).collect(),
        series: vec![charts::lines::Series {
            name: name.to_string(),
            values: f.trend.iter().map(|p| nan(p.value)).collect(),
            ..Default::default()
        }],
        x_label: tx.t("Zeitraum", "Period"),
        y_label: name.to_string(),
        flag_label: String::new(),
    };
    wrap(charts::lines::draw(&spec, &fmt))
}

/// The tile's sparkline (SVG only; the tile shows the numbers).
pub fn sparkline(f: &Tile, lang: Lang, cur: Currency) -> String {
    let kpi = f.figure.kpi;
    let name = kpi.name(lang == Lang::De);
    let unit = kpi.unit();
    let fmt = move |v: f64| format::value(unit, v, lang, cur);
    let spec = charts::sparkline::SparklineSpec {
        meta: Meta::new(format!("spark-{}", kpi.id()), name, name, ""),
        values: f.trend.iter().map(|p| nan(p.value)).collect(),
        labels: f.trend.iter().map(|p| p.period.label()).collect(),
        x_label: String::new(),
        y_label: String::new(),
    };
    charts::sparkline::draw(&spec, &fmt).svg
}
