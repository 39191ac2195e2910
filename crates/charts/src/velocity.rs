//! Cumulative expected revenue over one sales cycle (sales velocity), day 0 to the cycle
//! length: `opportunities × deal value × win rate` spread evenly over the cycle.

use crate::axis::{self, cell};
use crate::scale::clean;
use crate::xy;
use crate::{Chart, Meta};

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
/// Drawn by the crate's own line renderer (like `remaining` and `payback`; until issue 18 it
/// was drawn with plotters, 31 kB of the calculator module), so it is byte-identical natively
/// and on wasm32. The x positions are the plotted days, evenly spaced.
pub fn draw(spec: &VelocitySpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let headers = vec![spec.x_label.clone(), spec.y_label.clone()];
    let pts = points(spec);
    if pts.is_empty() {
        return axis::no_data(&spec.meta, xy::WIDTH, xy::HEIGHT, headers);
    }
    let x_labels: Vec<String> = pts.iter().map(|(d, _)| d.to_string()).collect();
    let values: Vec<f64> = pts.iter().map(|(_, v)| *v).collect();
    let rows = pts.iter().map(|(d, v)| vec![d.to_string(), cell(Some(*v), fmt)]).collect();
    let titles = (spec.x_label.as_str(), spec.y_label.as_str());
    xy::area_chart(&spec.meta, &x_labels, &values, titles, rows, fmt)
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

    // Regression (issue 18, without plotters): 31 day labels on the plot's width were cut to
    // "…" from day 10 on; now every second day shows whole.
    #[test]
    fn day_numbers_are_whole_labels() {
        let svg = draw(&spec(), &euros).svg;
        for day in ["0", "2", "10", "20", "30"] {
            assert!(svg.contains(&format!(">{day}</text>")), "{day}: {svg}");
        }
        assert!(!svg.contains(">1</text>") && !svg.contains(">…</text>"), "{svg}");
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
            for field in [&mut s.opportunities, &mut s.deal_value] {
                *field = bad;
            }
            assert!(draw(&s, &euros).svg.contains("Keine Daten"), "{bad}");
            assert!(!draw(&s, &euros).svg.contains("NaN") && !draw(&s, &euros).svg.contains("inf"));
        }
        assert!(!draw(&spec(), &euros).svg.contains("Keine Daten"));
    }
}
