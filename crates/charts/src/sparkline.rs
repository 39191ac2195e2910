//! A tiny line for KPI tiles: no axes, no text, a dot on the latest value. The accessible
//! title, description and table still carry the data.

use crate::axis::{self, cell};
use crate::scale::{clean, nice, Linear};
use crate::svg::Svg;
use crate::{Chart, Colour, Meta, Table};

/// Width of a sparkline.
pub const WIDTH: f64 = 120.0;
/// Height of a sparkline.
pub const HEIGHT: f64 = 32.0;
const PAD: f64 = 4.0;

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SparklineSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// The values, oldest first; NaN/±∞ are gaps.
    pub values: Vec<f64>,
    /// Label per value for the table (e.g. months); missing labels become 1, 2, 3, …
    pub labels: Vec<String>,
    /// Table header of the label column.
    pub x_label: String,
    /// Table header of the value column.
    pub y_label: String,
}

/// Draws the sparkline. `fmt` formats values for the table.
pub fn draw(spec: &SparklineSpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let headers = vec![spec.x_label.clone(), spec.y_label.clone()];
    let present: Vec<(usize, f64)> =
        spec.values.iter().enumerate().filter_map(|(i, v)| clean(*v).map(|v| (i, v))).collect();
    if present.is_empty() {
        return axis::no_data(&spec.meta, WIDTH, HEIGHT, headers);
    }
    let (lo, hi) = present
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, v)| (lo.min(*v), hi.max(*v)));
    // A flat series is drawn through the middle rather than along an edge.
    let ticks = nice(lo, hi, false);
    let (lo, hi) = if lo < hi { (lo, hi) } else { (ticks.lo, ticks.hi) };
    let n = spec.values.len();
    let xs = if n > 1 {
        Linear::new(0.0, (n - 1) as f64, PAD, WIDTH - PAD)
    } else {
        Linear::new(0.0, 0.0, PAD, WIDTH - PAD)
    };
    let ys = Linear::new(lo, hi, HEIGHT - PAD, PAD);
    let colour = Colour::Blue.hex();

    let mut svg = Svg::with_background(&spec.meta, WIDTH, HEIGHT, None);
    // Consecutive present values form one stroke; an isolated value becomes a dot.
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, v) in spec.values.iter().enumerate() {
        match clean(*v) {
            Some(v) => run.push((xs.map(i as f64), ys.map(v))),
            None => stroke(&mut svg, &mut run, colour),
        }
    }
    stroke(&mut svg, &mut run, colour);
    if let Some((i, v)) = present.last() {
        svg.circle(xs.map(*i as f64), ys.map(*v), 2.5, &format!("fill=\"{colour}\""));
    }
    let rows = spec
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let label = spec.labels.get(i).cloned().unwrap_or_else(|| (i + 1).to_string());
            vec![label, cell(clean(*v), fmt)]
        })
        .collect();
    Chart { svg: svg.finish(), table: Table { headers, rows } }
}

fn stroke(svg: &mut Svg, run: &mut Vec<(f64, f64)>, colour: &str) {
    if run.len() > 1 {
        svg.path(
            run,
            false,
            &format!(
                "fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-linejoin=\"round\""
            ),
        );
    } else if let Some((x, y)) = run.first() {
        svg.circle(*x, *y, 1.5, &format!("fill=\"{colour}\""));
    }
    run.clear();
}
