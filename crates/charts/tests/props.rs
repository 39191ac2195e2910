//! Property tests: arbitrary numbers (NaN, ±∞, subnormals, extremes) and arbitrary text
//! never panic and always give well-formed, accessible SVG with matching table sizes.

mod common;

use charts::*;
use common::check_svg;
use proptest::prelude::*;

/// Any f64 bit pattern, biased towards the special values.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN),
        Just(f64::MIN_POSITIVE),
        -1e6..1e6f64,
        any::<u64>().prop_map(f64::from_bits),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[<>&\"' a-zäöü\u{0}\n…€]{0,60}", any::<String>()]
}

/// A formatter that is honest about what it receives.
fn fmt(v: f64) -> String {
    assert!(v.is_finite(), "formatter received {v}");
    format!("{v:.2}")
}

fn meta(t: &str) -> Meta {
    Meta::new(t, t, t, t)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn lines_and_bars_never_break(values in prop::collection::vec(any_f64(), 0..40), label in text()) {
        let labels: Vec<String> = values.iter().map(|_| label.clone()).collect();
        let l = lines::draw(&lines::LinesSpec {
            meta: meta(&label),
            x_labels: labels.clone(),
            series: vec![lines::Series { name: label.clone(), values: values.clone(), flagged: vec![0, 3], colour: None }],
            x_label: label.clone(),
            y_label: label.clone(),
            flag_label: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&l.svg), Ok(()));
        let b = bars::draw(&bars::BarsSpec {
            meta: meta(&label),
            labels: labels.clone(),
            values: values.clone(),
            highlighted: vec![1],
            x_label: label.clone(),
            y_label: label.clone(),
            highlight_label: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&b.svg), Ok(()));
        let s = sparkline::draw(&sparkline::SparklineSpec {
            meta: meta(&label),
            values: values.clone(),
            labels: vec![],
            x_label: label.clone(),
            y_label: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&s.svg), Ok(()));
        // Bug: the expected row count was read from the SVG under test, so a sparkline that
        // drew nothing and listed nothing passed. The expectation comes from the values: one
        // row per value (gaps as empty cells, labels 1, 2, 3, …) when any value is finite,
        // else the "no data" chart with no rows.
        let expected: Vec<Vec<String>> = if values.iter().any(|v| v.is_finite()) {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let cell = if v.is_finite() { fmt(v.clamp(-1e300, 1e300)) /* the charts clamp to ±1e300 */ } else { String::new() };
                    vec![(i + 1).to_string(), cell]
                })
                .collect()
        } else {
            Vec::new()
        };
        prop_assert_eq!(&s.table.rows, &expected);
    }

    #[test]
    fn grids_and_flows_never_break(values in prop::collection::vec(any_f64(), 0..24), label in text()) {
        let w = waterfall::draw(&waterfall::WaterfallSpec {
            meta: meta(&label),
            start_label: label.clone(),
            start: values.first().copied().unwrap_or(f64::NAN),
            steps: values.iter().map(|d| waterfall::Step { label: label.clone(), delta: *d }).collect(),
            end_label: label.clone(),
            x_label: label.clone(),
            y_label: label.clone(),
            total_label: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&w.svg), Ok(()));
        let h = heatmap::draw(&heatmap::HeatmapSpec {
            meta: meta(&label),
            row_labels: vec![label.clone(); 3],
            col_labels: values.iter().map(|_| label.clone()).collect(),
            values: vec![values.clone(), values.iter().rev().copied().collect()],
            x_label: label.clone(),
            y_label: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&h.svg), Ok(()));
        let f = funnel::draw(&funnel::FunnelSpec {
            meta: meta(&label),
            steps: values.iter().map(|c| funnel::Step { label: label.clone(), count: *c }).collect(),
            step_header: label.clone(),
            count_header: label.clone(),
            drop_header: label.clone(),
        }, &fmt, &fmt);
        prop_assert_eq!(check_svg(&f.svg), Ok(()));
        let st = stacked_bars::draw(&stacked_bars::StackedBarsSpec {
            meta: meta(&label),
            x_labels: values.iter().map(|_| label.clone()).collect(),
            series: vec![
                stacked_bars::Series { name: label.clone(), values: values.clone(), colour: None },
                stacked_bars::Series { name: label.clone(), values: values.iter().map(|v| -v).collect(), colour: None },
            ],
            x_label: label.clone(),
            y_label: label.clone(),
            net_label: Some(label.clone()),
        }, &fmt);
        prop_assert_eq!(check_svg(&st.svg), Ok(()));
    }

    #[test]
    fn scalar_charts_never_break(a in any_f64(), b in any_f64(), c in any_f64(), days in any::<u32>(), label in text()) {
        let v = velocity::draw(&velocity::VelocitySpec {
            meta: meta(&label), opportunities: a, deal_value: b, win_rate: c,
            cycle_days: days % 5000, x_label: label.clone(), y_label: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&v.svg), Ok(()));
        let r = remaining::draw(&remaining::RemainingSpec {
            meta: meta(&label), customers: a, monthly_churn: c, months: days % 700,
            x_label: label.clone(), y_label: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&r.svg), Ok(()));
        let p = payback::draw(&payback::PaybackSpec {
            meta: meta(&label), cac: a, monthly_margin: b, months: days % 700,
            x_label: label.clone(), y_label: label.clone(), margin_label: label.clone(),
            cac_label: label.clone(), crossing_label: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&p.svg), Ok(()));
        let n = nps_bar::draw(&nps_bar::NpsBarSpec {
            meta: meta(&label), detractors: a, passives: b, promoters: c,
            labels: [label.clone(), label.clone(), label.clone()],
            category_header: label.clone(), count_header: label.clone(), share_header: label.clone(),
        }, &fmt, &fmt);
        prop_assert_eq!(check_svg(&n.svg), Ok(()));
        let band = |from: f64, to: f64| bands::Band { from, to, label: label.clone(), colour: Colour::Yellow };
        let bd = bands::draw(&bands::BandsSpec {
            meta: meta(&label), value: c, bands: vec![band(a, b), band(b, a + 1.0)],
            value_label: label.clone(), band_header: label.clone(), range_header: label.clone(),
        }, &fmt);
        prop_assert_eq!(check_svg(&bd.svg), Ok(()));
    }
}
