//! One insta snapshot per chart with realistic input: the SVG followed by its table.
//! Set `CHARTS_GALLERY=/some/dir` to also write the SVGs there for visual review.

mod common;

use charts::Chart;

fn render(chart: &Chart) -> String {
    let mut out = chart.svg.clone();
    out.push_str("\n--- table ---\n");
    out.push_str(&chart.table.headers.join(" | "));
    out.push('\n');
    for row in &chart.table.rows {
        out.push_str(&row.join(" | "));
        out.push('\n');
    }
    out
}

/// One test per chart, so a changed chart is reported on its own.
macro_rules! snapshot_tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            let (_, chart) = common::gallery()
                .into_iter()
                .find(|(n, _)| *n == stringify!($name))
                .unwrap();
            if let Ok(dir) = std::env::var("CHARTS_GALLERY") {
                std::fs::write(format!("{dir}/{}.svg", stringify!($name)), &chart.svg).unwrap();
            }
            insta::assert_snapshot!(stringify!($name), render(&chart));
        }
    )*};
}

snapshot_tests!(
    velocity,
    nps_bar,
    bands,
    remaining,
    payback,
    funnel,
    waterfall,
    lines,
    segment_lines,
    heatmap,
    stacked_bars,
    stacked_bars_net,
    bars,
    sparkline,
);

#[test]
fn gallery_is_fully_snapshotted() {
    assert_eq!(common::gallery().len(), 14);
}

#[test]
fn output_is_deterministic() {
    let a: Vec<String> = common::gallery().into_iter().map(|(_, c)| c.svg).collect();
    let b: Vec<String> = common::gallery().into_iter().map(|(_, c)| c.svg).collect();
    assert_eq!(a, b);
}
