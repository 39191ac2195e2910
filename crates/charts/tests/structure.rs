//! Structural tests over every chart kind and every edge case: accessibility attributes,
//! no NaN/inf in the markup, well-formed XML, escaping, and table sizes.

mod common;

use charts::*;
use common::*;

/// The input shapes every chart must survive.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Case {
    Empty,
    Single,
    Zeros,
    Negative,
    NonFinite,
    LongLabels,
    Huge,
}

const CASES: [Case; 7] = [
    Case::Empty,
    Case::Single,
    Case::Zeros,
    Case::Negative,
    Case::NonFinite,
    Case::LongLabels,
    Case::Huge,
];

const LONG: &str = "Eine sehr lange Beschriftung, die nie in eine Achse passt und gekürzt wird";

fn values(case: Case) -> Vec<f64> {
    match case {
        Case::Empty => vec![],
        Case::Single => vec![42.0],
        Case::Zeros => vec![0.0; 6],
        Case::Negative => vec![-5.0, 3.0, -12.0, 7.0, 0.0, -1.0],
        Case::NonFinite => vec![1.0, f64::NAN, f64::INFINITY, 4.0, f64::NEG_INFINITY, 2.0],
        Case::LongLabels => vec![10.0, 20.0, 30.0, 25.0, 15.0, 5.0],
        Case::Huge => vec![1e300, 5e299, 1e15, 2.5e300, f64::MAX, 7e307],
    }
}

fn labels(case: Case, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| if case == Case::LongLabels { format!("{LONG} {i}") } else { format!("P{i}") })
        .collect()
}

fn label(case: Case, short: &str) -> String {
    if case == Case::LongLabels {
        LONG.to_string()
    } else {
        short.to_string()
    }
}

/// Draws chart `kind` for `case`; returns the chart and the expected number of table rows.
fn build(kind: &str, case: Case) -> (Chart, usize) {
    let v = values(case);
    let n = v.len();
    let m = meta(&format!("{kind}-{case:?}"), &label(case, "Titel"));
    match kind {
        "velocity" => {
            let mut s = velocity_sample();
            s.meta = m;
            s.x_label = label(case, "Tag");
            // The y title too: the x title has the plot's whole width (about 80 characters).
            s.y_label = label(case, "Erwarteter Umsatz");
            let rows = match case {
                Case::Empty => {
                    s.cycle_days = 0;
                    0
                }
                Case::Single => {
                    s.cycle_days = 1;
                    2
                }
                Case::Zeros => {
                    s.win_rate = 0.0;
                    31
                }
                Case::Negative => {
                    s.deal_value = -3000.0;
                    31
                }
                Case::NonFinite => {
                    s.win_rate = f64::NAN;
                    0
                }
                Case::LongLabels => 31,
                Case::Huge => {
                    // 4294967295 days in steps of ceil(4294967295 / 366) = 11734884: days
                    // 0, 1×step … 365×step = 4283232660 (366 points), plus the last day.
                    s.opportunities = 1e150;
                    s.deal_value = 1e150;
                    s.cycle_days = u32::MAX;
                    367
                }
            };
            (velocity::draw(&s, &eur), rows)
        }
        "remaining" => {
            let mut s = remaining_sample();
            s.meta = m;
            s.y_label = label(case, "Kunden");
            let rows = match case {
                Case::Empty => {
                    s.months = 0;
                    0
                }
                Case::Single => {
                    s.months = 1;
                    2
                }
                Case::Zeros => {
                    s.customers = 0.0;
                    13
                }
                Case::Negative => {
                    s.customers = -100.0;
                    s.monthly_churn = -0.5;
                    13
                }
                Case::NonFinite => {
                    s.monthly_churn = f64::NAN;
                    0
                }
                Case::LongLabels => 13,
                Case::Huge => {
                    s.customers = 1e300;
                    s.months = u32::MAX;
                    601
                }
            };
            (remaining::draw(&s, &count), rows)
        }
        "payback" => {
            let mut s = payback_sample();
            s.meta = m;
            s.crossing_label = label(case, "Amortisiert");
            let rows = match case {
                Case::Empty => {
                    s.months = 0;
                    0
                }
                Case::Single => {
                    s.months = 1;
                    2
                }
                Case::Zeros => {
                    s.cac = 0.0;
                    s.monthly_margin = 0.0;
                    19
                }
                Case::Negative => {
                    s.monthly_margin = -100.0;
                    19
                }
                Case::NonFinite => {
                    s.cac = f64::INFINITY;
                    0
                }
                Case::LongLabels => 19,
                Case::Huge => {
                    s.cac = 1e300;
                    s.monthly_margin = 1e298;
                    s.months = u32::MAX;
                    601
                }
            };
            (payback::draw(&s, &eur), rows)
        }
        "nps_bar" => {
            let mut s = nps_sample();
            s.meta = m;
            s.labels = [label(case, "Kritiker"), label(case, "Passive"), label(case, "Promotoren")];
            let (d, p, pr, rows) = match case {
                Case::Empty | Case::Zeros => (0.0, 0.0, 0.0, 0),
                Case::Single => (0.0, 0.0, 1.0, 3),
                Case::Negative => (-5.0, 3.0, 10.0, 3),
                Case::NonFinite => (f64::NAN, f64::INFINITY, 5.0, 3),
                Case::LongLabels => (24.0, 41.0, 85.0, 3),
                Case::Huge => (1e300, 1e300, 1e300, 3),
            };
            (s.detractors, s.passives, s.promoters) = (d, p, pr);
            (nps_bar::draw(&s, &count, &pct), rows)
        }
        "bands" => {
            let mut s = bands_sample();
            s.meta = m;
            let band = |from: f64, to: f64| bands::Band {
                from,
                to,
                label: label(case, "Bereich"),
                colour: Colour::Orange,
            };
            let rows = match case {
                Case::Empty => {
                    s.bands.clear();
                    s.value = f64::NAN;
                    0
                }
                Case::Single => {
                    s.bands = vec![band(0.0, 1.0)];
                    s.value = 0.5;
                    2
                }
                Case::Zeros => {
                    s.bands = vec![band(0.0, 0.0)];
                    s.value = 0.0;
                    2
                }
                Case::Negative => {
                    s.bands = vec![band(-3.0, -1.0), band(-1.0, 0.0)];
                    s.value = -5.0;
                    3
                }
                Case::NonFinite => {
                    s.bands = vec![band(f64::NAN, 1.0), band(1.0, 2.0)];
                    s.value = f64::INFINITY;
                    2
                }
                Case::LongLabels => {
                    for b in &mut s.bands {
                        b.label = LONG.into();
                    }
                    5
                }
                Case::Huge => {
                    s.bands = vec![band(0.0, 1e300), band(1e300, f64::MAX)];
                    s.value = 1e308;
                    3
                }
            };
            (bands::draw(&s, &ratio), rows)
        }
        "funnel" => {
            let mut s = funnel_sample();
            s.meta = m;
            s.steps = labels(case, n)
                .into_iter()
                .zip(&v)
                .map(|(label, c)| funnel::Step { label, count: *c })
                .collect();
            let rows = if case == Case::Empty { 0 } else { n };
            (funnel::draw(&s, &count, &pct), rows)
        }
        "waterfall" => {
            let mut s = waterfall_sample();
            s.meta = m;
            s.start = v.first().copied().unwrap_or(f64::NAN);
            s.steps = labels(case, n)
                .into_iter()
                .zip(&v)
                .skip(1)
                .map(|(label, d)| waterfall::Step { label, delta: *d })
                .collect();
            let rows = if case == Case::Empty { 0 } else { n + 1 };
            (waterfall::draw(&s, &eur), rows)
        }
        "lines" => {
            let mut s = lines_sample();
            s.meta = m;
            s.x_labels = labels(case, n);
            s.series[0].values = v.clone();
            s.series[1].values = v.iter().rev().copied().collect();
            s.series[0].name = label(case, "Median");
            let rows = if case == Case::Empty { 0 } else { n };
            (lines::draw(&s, &|x| de(x, 1)), rows)
        }
        "heatmap" => {
            let mut s = heatmap_sample();
            s.meta = m;
            s.col_labels = labels(case, n);
            s.row_labels = if n == 0 {
                vec![]
            } else {
                vec![label(case, "2024-01"), "2024-02".into(), "2024-03".into()]
            };
            s.values = vec![v.clone(), v.iter().map(|x| x / 2.0).collect(), vec![]];
            let rows = if case == Case::Empty { 0 } else { 3 };
            (heatmap::draw(&s, &pct), rows)
        }
        "stacked_bars" => {
            let mut s = movements_sample();
            s.meta = m;
            s.x_labels = labels(case, n);
            for (i, series) in s.series.iter_mut().enumerate() {
                series.values = v.iter().map(|x| x * (i as f64 + 1.0)).collect();
            }
            s.series[0].name = label(case, "Neu");
            let rows = if case == Case::Empty { 0 } else { n };
            (stacked_bars::draw(&s, &eur), rows)
        }
        "bars" => {
            let mut s = bars_sample();
            s.meta = m;
            s.labels = labels(case, n);
            s.values = v;
            s.highlighted = vec![1, 99];
            let rows = if case == Case::Empty { 0 } else { n };
            (bars::draw(&s, &count), rows)
        }
        "sparkline" => {
            let mut s = sparkline_sample();
            s.meta = m;
            s.labels = labels(case, n);
            s.values = v;
            let rows = if case == Case::Empty { 0 } else { n };
            (sparkline::draw(&s, &|x| de(x, 1)), rows)
        }
        other => panic!("unknown chart kind {other}"),
    }
}

const KINDS: [&str; 12] = [
    "velocity",
    "remaining",
    "payback",
    "nps_bar",
    "bands",
    "funnel",
    "waterfall",
    "lines",
    "heatmap",
    "stacked_bars",
    "bars",
    "sparkline",
];

#[test]
fn every_kind_survives_every_edge_case() {
    let mut failures = Vec::new();
    for kind in KINDS {
        for case in CASES {
            let (chart, rows) = build(kind, case);
            // CHARTS_EDGE=/some/dir writes every edge-case SVG there for visual review.
            if let Ok(dir) = std::env::var("CHARTS_EDGE") {
                std::fs::write(format!("{dir}/{kind}-{case:?}.svg"), &chart.svg).unwrap();
            }
            if let Err(e) = check_svg(&chart.svg) {
                failures.push(format!("{kind}/{case:?}: {e}"));
            }
            if chart.table.rows.len() != rows {
                failures.push(format!(
                    "{kind}/{case:?}: {} table rows, want {rows}",
                    chart.table.rows.len()
                ));
            }
            let width = chart.table.headers.len();
            if let Some(bad) = chart.table.rows.iter().find(|r| r.len() != width) {
                failures.push(format!("{kind}/{case:?}: row {bad:?} has not {width} cells"));
            }
            if case == Case::Empty && !chart.svg.contains(">Keine Daten</text>") {
                failures.push(format!("{kind}/{case:?}: no 'no data' text"));
            }
            // Sparklines draw no text at all, so there is nothing to truncate.
            if case == Case::LongLabels && kind != "sparkline" && !chart.svg.contains('…') {
                failures.push(format!("{kind}/{case:?}: long label not truncated"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn samples_pass_structure_checks() {
    for (name, chart) in gallery() {
        assert_eq!(check_svg(&chart.svg), Ok(()), "{name}");
        assert!(!chart.table.rows.is_empty(), "{name}");
    }
}

#[test]
fn caller_text_is_escaped_everywhere() {
    let evil = "<script>&\"'";
    let escaped = "&lt;script&gt;&amp;&quot;&apos;";
    let mut s = bars_sample();
    s.meta = Meta::new("x\"><script>", evil, evil, evil);
    s.labels[0] = evil.into();
    s.y_label = evil.into();
    s.highlight_label = evil.into();
    let chart = bars::draw(&s, &|_| evil.to_string());
    assert_eq!(check_svg(&chart.svg), Ok(()));
    assert!(!chart.svg.contains("<script"));
    assert!(
        chart.svg.contains(&format!("<title id=\"xscript-title\">{escaped}</title>")),
        "{}",
        chart.svg
    );
    assert!(chart.svg.contains(&format!("<desc id=\"xscript-desc\">{escaped}</desc>")));
    assert!(chart.svg.contains(&format!(">{escaped}</text>")));
    // The table is plain data: the UI escapes it when rendering, so it keeps the raw text.
    assert_eq!(chart.table.rows[0][0], evil);

    let mut n = nps_sample();
    n.labels[0] = evil.into();
    let chart = nps_bar::draw(&n, &count, &pct);
    assert!(chart.svg.contains(&format!(">{escaped} 16 %</text>")), "{}", chart.svg);
    assert_eq!(check_svg(&chart.svg), Ok(()));
}

#[test]
fn velocity_reaches_the_total_linearly() {
    // 100 opportunities × 3000 € × 20 % = 60,000 € over 30 days; half-way is 30,000 €.
    let pts = velocity::points(&velocity_sample());
    assert_eq!(pts.len(), 31);
    assert_eq!(pts[0], (0, 0.0));
    assert_eq!(pts[15], (15, 30_000.0));
    assert_eq!(pts[30], (30, 60_000.0));
    let chart = velocity::draw(&velocity_sample(), &eur);
    assert_eq!(chart.table.headers, ["Tag", "Erwarteter Umsatz"]);
    assert_eq!(chart.table.rows[15], ["15", "30.000 €"]);
    assert_eq!(chart.table.rows[30], ["30", "60.000 €"]);
}

#[test]
fn velocity_thins_long_cycles_but_keeps_the_last_day() {
    let mut s = velocity_sample();
    s.cycle_days = 1000;
    let pts = velocity::points(&s);
    // step = ceil(1000 / 366) = 3: days 0, 3, …, 999 (334 points) and then day 1000.
    assert_eq!(pts.len(), 335);
    assert_eq!(pts[334], (1000, 60_000.0));
    assert_eq!(pts[1], (3, 180.0));
}

#[test]
fn remaining_customers_follow_the_churn_rate() {
    let v = remaining::values(&remaining_sample());
    assert_eq!(v.len(), 13);
    assert_eq!(v[0], 1000.0);
    assert!((v[1] - 970.0).abs() < 1e-9);
    // 1000 × 0.97^12 = 693.8
    assert!((v[12] - 693.8).abs() < 0.05, "{}", v[12]);
    let chart = remaining::draw(&remaining_sample(), &count);
    assert_eq!(chart.table.rows[12], ["12", "694"]);
}

#[test]
fn payback_crossing_is_cac_over_margin() {
    let check = |cac: f64, margin: f64, want: Option<f64>| {
        let mut s = payback_sample();
        (s.cac, s.monthly_margin) = (cac, margin);
        assert_eq!(payback::payback_months(&s), want, "cac {cac}, margin {margin}");
    };
    check(1200.0, 150.0, Some(8.0));
    check(1000.0, 300.0, Some(1000.0 / 300.0));
    check(1200.0, 0.0, None);
    check(1200.0, -10.0, None);
    check(f64::NAN, 150.0, None);
    // The marker label is drawn only when the crossing lies inside the horizon.
    let mut s = payback_sample();
    assert!(payback::draw(&s, &eur).svg.contains("Amortisiert nach 8 Monaten"));
    s.months = 6;
    assert!(!payback::draw(&s, &eur).svg.contains("Amortisiert nach 8 Monaten"));
}

#[test]
fn funnel_drop_off_is_relative_to_previous_step() {
    let chart = funnel::draw(&funnel_sample(), &count, &pct);
    let drops: Vec<&str> = chart.table.rows.iter().map(|r| r[2].as_str()).collect();
    // 1 − 1800/12000 = 85 %, 1 − 950/1800 = 47 %, 1 − 310/950 = 67 %.
    assert_eq!(drops, ["", "−85 %", "−47 %", "−67 %"]);
    assert_eq!(chart.table.rows[1][1], "1.800");
}

#[test]
fn waterfall_table_carries_running_totals() {
    let chart = waterfall::draw(&waterfall_sample(), &eur);
    let totals: Vec<&str> = chart.table.rows.iter().map(|r| r[2].as_str()).collect();
    // 48,000 + 6,200 + 800 + 2,100 − 1,300 − 3,900 = 51,900.
    assert_eq!(
        totals,
        ["48.000 €", "54.200 €", "55.000 €", "57.100 €", "55.800 €", "51.900 €", "51.900 €"]
    );
    assert!(chart.svg.contains(">+6.200 €</text>"));
    assert!(chart.svg.contains(">−3.900 €</text>"));
}

#[test]
fn nps_shares_and_counts() {
    let chart = nps_bar::draw(&nps_sample(), &count, &pct);
    // 24 / 150 = 16 %, 41 / 150 = 27.3 %, 85 / 150 = 56.7 %.
    assert_eq!(
        chart.table.rows,
        [["Kritiker", "24", "16 %"], ["Passive", "41", "27 %"], ["Promotoren", "85", "57 %"]]
    );
}

#[test]
fn missing_values_leave_empty_cells() {
    let mut s = lines_sample();
    s.series[0].values[3] = f64::NAN;
    let chart = lines::draw(&s, &|x| de(x, 1));
    assert_eq!(chart.table.headers, ["Monat", "Median", "90. Perzentil", "Auffällig"]);
    assert_eq!(chart.table.rows[3], ["Apr 24", "", "8,2", ""]);
    assert_eq!(chart.table.rows[7], ["Aug 24", "6,8", "14,2", "Median, 90. Perzentil"]);
    let heat = heatmap::draw(&heatmap_sample(), &pct);
    assert_eq!(heat.table.rows[5], ["2024-06", "100 %", "", "", "", "", ""]);
}

#[test]
fn stacked_net_column_sums_series() {
    let chart = stacked_bars::draw(&movements_sample(), &eur);
    // Jan: 5200 + 1500 − 800 − 3100 = 2800.
    assert_eq!(
        chart.table.rows[0],
        ["Jan 24", "5.200 €", "1.500 €", "−800 €", "−3.100 €", "2.800 €"]
    );
}

#[test]
fn bars_mark_highlighted_rows() {
    let chart = bars::draw(&bars_sample(), &count);
    let flagged: Vec<usize> = chart
        .table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r[2] == "Spitze")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(flagged, [5, 9]);
    // One triangle marker per highlighted bar, drawn as a closed three-point path.
    assert_eq!(chart.svg.matches(" Z\" fill=\"#1a1a1a\"").count(), 2);
}

#[test]
fn duplicate_ids_are_avoidable() {
    let a = sparkline::draw(&sparkline_sample(), &|x| de(x, 1));
    let mut s = sparkline_sample();
    s.meta.id = "other".into();
    let b = sparkline::draw(&s, &|x| de(x, 1));
    assert!(a.svg.contains("id=\"mrr-spark-title\""));
    assert!(b.svg.contains("id=\"other-title\""));
}

#[test]
fn funnel_drop_off_never_overflows() {
    // Bug: a subnormal count followed by a huge one made the drop-off −∞ and passed it to
    // the caller's percent formatter (found by the property tests).
    let mut s = funnel_sample();
    s.steps = vec![
        funnel::Step { label: "a".into(), count: f64::MIN_POSITIVE },
        funnel::Step { label: "b".into(), count: f64::MAX },
    ];
    let chart = funnel::draw(&s, &count, &pct);
    assert_eq!(chart.table.rows[1][2], "");
    assert_eq!(check_svg(&chart.svg), Ok(()));
}
