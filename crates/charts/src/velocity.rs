//! Cumulative expected revenue over one sales cycle (sales velocity), day 0 to the cycle
//! length: `opportunities × deal value × win rate` spread evenly over the cycle.

use crate::axis::{self, cell};
use crate::scale::clean;
use crate::xy::{self, Line, XyPlot};
use crate::{Chart, Colour, Meta, Table};

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
pub fn draw(spec: &VelocitySpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let headers = vec![spec.x_label.clone(), spec.y_label.clone()];
    let pts = points(spec);
    if pts.is_empty() {
        return axis::no_data(&spec.meta, xy::WIDTH, xy::HEIGHT, headers);
    }
    let x_labels: Vec<String> = pts.iter().map(|(d, _)| d.to_string()).collect();
    let values: Vec<f64> = pts.iter().map(|(_, v)| *v).collect();
    let plot = XyPlot {
        x_labels: &x_labels,
        lines: vec![Line {
            name: &spec.y_label,
            values: &values,
            colour: Colour::Blue.hex(),
            dash: "",
            area: true,
            flagged: &[],
        }],
        x_title: &spec.x_label,
        y_title: &spec.y_label,
        legend: false,
        mark: None,
    };
    let rows = pts.iter().map(|(d, v)| vec![d.to_string(), cell(Some(*v), fmt)]).collect();
    Chart { svg: xy::render(&spec.meta, &plot, fmt), table: Table { headers, rows } }
}
