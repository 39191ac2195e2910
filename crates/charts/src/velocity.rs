//! Cumulative expected revenue over one sales cycle (sales velocity), day 0 to the cycle
//! length: `opportunities × deal value × win rate` spread evenly over the cycle.

use crate::axis::{self, cell};
use crate::scale::clean;
// plotters escapes the text it writes; only the root element comes from `Svg`.
use crate::svg::{chars_fitting, plain, truncate, Svg};
use crate::xy;
use crate::{Chart, Meta, Table};

/// Room for the axis titles and the value labels, in user units (long texts end in …).
const PLOT_W: f64 = 500.0;
const PLOT_H: f64 = 250.0;
const Y_LABELS_W: f64 = 80.0;

/// More daily points than this are thinned out; the last day is always kept.
const MAX_POINTS: u32 = 366;

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq)]
pub struct VelocitySpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// Number of open opportunities.
    pub opportunities: f64,
    /// Average deal value.
    pub deal_value: f64,
    /// Win rate as a fraction (0.2 = 20 %).
    pub win_rate: f64,
    /// Length of the sales cycle in days; 0 means nothing to draw.
    pub cycle_days: u32,
    /// X axis title, e.g. "Tag"; also the first table header.
    pub x_label: String,
    /// Y axis title, e.g. "Erwarteter Umsatz"; also the second table header.
    pub y_label: String,
}

/// The plotted points `(day, cumulative expected revenue)`; empty when the inputs are
/// missing, non-finite or the cycle is 0 days. The last point equals the total exactly.
pub fn points(spec: &VelocitySpec) -> Vec<(u32, f64)> {
    let total = clean(spec.opportunities * spec.deal_value * spec.win_rate);
    let (Some(total), cycle) = (total, spec.cycle_days) else { return Vec::new() };
    if cycle == 0 {
        return Vec::new();
    }
    let step = cycle.div_ceil(MAX_POINTS).max(1);
    let mut days: Vec<u32> = (0..=cycle).step_by(step as usize).collect();
    if days.last() != Some(&cycle) {
        days.push(cycle);
    }
    // Scaling the total by d / cycle (rather than adding a daily rate) makes day == cycle
    // exactly the total.
    days.into_iter().map(|d| (d, total * (f64::from(d) / f64::from(cycle)))).collect()
}

/// Draws the cumulative expected revenue as a line with a filled area. `fmt` formats money.
///
/// Drawn with plotters' SVG backend (the sales-velocity calculator is the product's first
/// chart and the style guide's plotters example); the drawing is then wrapped in this crate's
/// accessible root element. plotters measures text with the browser's DOM on wasm32, so tick
/// positions may differ by a pixel between native snapshots and the browser; everything else
/// is the same. Any drawing error falls back to the "no data" chart.
pub fn draw(spec: &VelocitySpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let headers = vec![spec.x_label.clone(), spec.y_label.clone()];
    let pts = points(spec);
    let rows = pts.iter().map(|(d, v)| vec![d.to_string(), cell(Some(*v), fmt)]).collect();
    match plot(spec, &pts, fmt) {
        Some(elements) => Chart {
            svg: Svg::wrap(&spec.meta, xy::WIDTH, xy::HEIGHT, &elements),
            table: Table { headers, rows },
        },
        None => axis::no_data(&spec.meta, xy::WIDTH, xy::HEIGHT, headers),
    }
}

/// The plotters drawing without its root element, or `None` when there is nothing to draw.
fn plot(spec: &VelocitySpec, pts: &[(u32, f64)], fmt: &dyn Fn(f64) -> String) -> Option<String> {
    use plotters::prelude::*;

    let (_, total) = *pts.last()?;
    let (lo, hi) = if total >= 0.0 { (0.0, total.max(1.0) * 1.08) } else { (total * 1.08, 0.0) };
    // plotters writes a value it cannot map as "NaN" or "inf", so the numbers are checked
    // before drawing: finite points and a finite, non-empty axis map to finite coordinates.
    // (Searching the SVG for "inf" instead also matched labels such as "Info" or "Einfluss".)
    if !(lo.is_finite() && hi.is_finite() && lo < hi && pts.iter().all(|(_, v)| v.is_finite())) {
        return None;
    }
    let cycle = spec.cycle_days.max(1);
    let blue = RGBColor(0x00, 0x72, 0xB2);
    let grid = RGBColor(0xe3, 0xe3, 0xe3);
    let ink = RGBColor(0x55, 0x55, 0x55);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (xy::WIDTH as u32, xy::HEIGHT as u32))
            .into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(14)
            .margin_right(24)
            .margin_bottom(6)
            .margin_left(8)
            .x_label_area_size(46)
            .y_label_area_size(96)
            .build_cartesian_2d(0u32..cycle, lo..hi)
            .ok()?;
        let label = ("sans-serif", 13).into_font().color(&ink);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(grid)
            .light_line_style(TRANSPARENT)
            .axis_style(ink)
            .x_labels(8)
            .y_labels(5)
            .label_style(label.clone())
            .axis_desc_style(label)
            .x_desc(truncate(&plain(&spec.x_label), chars_fitting(PLOT_W, 13.0)))
            .y_desc(truncate(&plain(&spec.y_label), chars_fitting(PLOT_H, 13.0)))
            .y_label_formatter(&|v| truncate(&plain(&fmt(*v)), chars_fitting(Y_LABELS_W, 13.0)))
            .draw()
            .ok()?;
        chart
            .draw_series(
                AreaSeries::new(pts.iter().copied(), 0.0, blue.mix(0.15))
                    .border_style(blue.stroke_width(3)),
            )
            .ok()?;
        root.present().ok()?;
    }
    // Keep the drawing, drop plotters' own root element.
    let body_start = svg.find("<svg").and_then(|i| svg[i..].find('>').map(|j| i + j + 1))?;
    let body_end = svg.rfind("</svg>")?;
    let body = svg.get(body_start..body_end)?;
    Some(body.trim().to_string() + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> VelocitySpec {
        VelocitySpec {
            meta: Meta::new("v", "Velocity", "Velocity: one sentence.", "Keine Daten"),
            opportunities: 100.0,
            deal_value: 3000.0,
            win_rate: 0.2,
            cycle_days: 30,
            x_label: "Tag".into(),
            y_label: "Umsatz".into(),
        }
    }

    fn euros(v: f64) -> String {
        format!("{v:.0} €")
    }

    // Regression: the chart was dropped when its SVG contained the text "inf", so an axis
    // title such as "Info" or "Einfluss" blanked it.
    #[test]
    fn labels_containing_inf_are_drawn() {
        let mut s = spec();
        s.x_label = "Info: Tag".into();
        s.y_label = "Einfluss auf den Umsatz".into();
        let chart = draw(&s, &euros);
        assert!(!chart.svg.contains("Keine Daten"), "{}", chart.svg);
        assert!(chart.svg.contains("Info: Tag"), "{}", chart.svg);
        assert!(chart.svg.contains("Einfluss auf den Umsatz"), "{}", chart.svg);
        assert!(chart.svg.contains("<path") || chart.svg.contains("<polygon"), "{}", chart.svg);
        assert_eq!(chart.table.rows.len(), 31);
    }

    #[test]
    fn non_finite_numbers_are_refused() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            // Through the public path: the points are empty, so the "no data" chart is shown.
            let mut s = spec();
            s.win_rate = bad;
            let chart = draw(&s, &euros);
            assert!(chart.svg.contains("Keine Daten"), "{bad}: {}", chart.svg);
            assert!(chart.table.rows.is_empty());
            // Straight to the drawing: a non-finite point is refused before plotters sees it.
            assert_eq!(plot(&spec(), &[(0, 0.0), (15, bad), (30, 60_000.0)], &euros), None);
            assert_eq!(plot(&spec(), &[(0, 0.0), (30, bad)], &euros), None);
        }
        assert!(plot(&spec(), &[(0, 0.0), (30, 60_000.0)], &euros).is_some());
    }
}
