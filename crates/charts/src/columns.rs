//! The shared column renderer behind `bars` and `stacked_bars`: one column per category,
//! positive segments stacked upwards from zero and negative ones downwards, an optional net
//! line through the column sums and optional markers above flagged columns.

use crate::axis::{self, Frame, LegendItem};
use crate::scale::{clean, nice, Linear};
use crate::svg::{Svg, INK};
use crate::Meta;

/// Width and height of the column charts.
pub(crate) const WIDTH: f64 = 640.0;
/// See [`WIDTH`].
pub(crate) const HEIGHT: f64 = 320.0;

/// Everything the renderer needs.
pub(crate) struct ColumnPlot<'a> {
    pub(crate) x_labels: &'a [String],
    /// Per column, its segments bottom-up as (value, colour); `None` values are skipped.
    pub(crate) columns: Vec<Vec<(Option<f64>, &'static str)>>,
    pub(crate) legend: Vec<LegendItem>,
    /// Columns to mark with a triangle (in addition to their colour).
    pub(crate) flagged: Vec<bool>,
    /// Draw a line through the column sums.
    pub(crate) net: bool,
    pub(crate) x_title: &'a str,
    pub(crate) y_title: &'a str,
}

/// True when no column has a present value.
pub(crate) fn is_empty(plot: &ColumnPlot) -> bool {
    plot.columns.iter().all(|c| c.iter().all(|(v, _)| v.is_none()))
}

/// Sum of the present values of a column; `None` when it has none.
pub(crate) fn column_sum(segments: &[(Option<f64>, &'static str)]) -> Option<f64> {
    let present: Vec<f64> = segments.iter().filter_map(|(v, _)| *v).collect();
    if present.is_empty() {
        None
    } else {
        clean(present.iter().sum())
    }
}

/// Renders the plot (callers check [`is_empty`] first).
pub(crate) fn render(meta: &Meta, plot: &ColumnPlot, fmt: &dyn Fn(f64) -> String) -> String {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for col in &plot.columns {
        let pos: f64 = col.iter().filter_map(|(v, _)| *v).filter(|v| *v > 0.0).sum();
        let neg: f64 = col.iter().filter_map(|(v, _)| *v).filter(|v| *v < 0.0).sum();
        hi = hi.max(clean(pos).unwrap_or(0.0));
        lo = lo.min(clean(neg).unwrap_or(0.0));
    }
    let mut ticks = nice(lo, hi, true);
    let labels = axis::tick_labels(&mut ticks, fmt);
    let left = axis::left_margin(&labels, plot.y_title);
    let legend_h = axis::legend_height(&plot.legend, WIDTH - left - 16.0);
    let any_flag = plot.flagged.iter().any(|f| *f);
    let top = 14.0 + legend_h + if any_flag { 10.0 } else { 0.0 };
    let frame = Frame { left, top, right: WIDTH - 20.0, bottom: HEIGHT - 44.0 };

    let mut svg = Svg::new(meta, WIDTH, HEIGHT);
    axis::legend(&mut svg, &plot.legend, left, 4.0, WIDTH - left - 16.0);
    axis::y_axis(&mut svg, &frame, &ticks, &labels, plot.y_title);
    let n = plot.x_labels.len().max(1);
    let slot = frame.width() / n as f64;
    let centre = |i: usize| frame.left + slot * (i as f64 + 0.5);
    axis::x_labels(&mut svg, &frame, plot.x_labels, &centre, slot, WIDTH);
    axis::x_title(&mut svg, &frame, plot.x_title);

    let ys = frame.y_scale(&ticks);
    let bar_w = (slot * 0.7).clamp(1.0, 64.0);
    // Thin white gaps between segments keep adjacent colours apart for every viewer.
    let gap = if bar_w > 6.0 { " stroke=\"#ffffff\" stroke-width=\"1\"" } else { "" };
    for (i, col) in plot.columns.iter().enumerate().take(plot.x_labels.len()) {
        let x = centre(i) - bar_w / 2.0;
        let top_y = draw_column(&mut svg, col, x, bar_w, &ys, gap);
        if plot.flagged.get(i).copied().unwrap_or(false) {
            let cx = centre(i);
            let y = top_y - 4.0;
            svg.path(
                &[(cx - 5.0, y - 8.0), (cx + 5.0, y - 8.0), (cx, y)],
                true,
                &format!("fill=\"{INK}\""),
            );
        }
    }
    if plot.net {
        draw_net(&mut svg, plot, &centre, &ys);
    }
    svg.finish()
}

/// Draws one column's segments; returns the y of its top edge (for markers).
fn draw_column(
    svg: &mut Svg,
    col: &[(Option<f64>, &'static str)],
    x: f64,
    w: f64,
    ys: &Linear,
    gap: &str,
) -> f64 {
    let (mut up, mut down) = (0.0f64, 0.0f64);
    for (v, colour) in col {
        let Some(v) = *v else { continue };
        let (from, to) = if v >= 0.0 {
            up += v;
            (up - v, up)
        } else {
            down += v;
            (down - v, down)
        };
        let (y0, y1) = (ys.map(from), ys.map(to));
        svg.rect(x, y1, w, y0 - y1, &format!("fill=\"{colour}\"{gap}"));
    }
    ys.map(up.max(0.0))
}

fn draw_net(svg: &mut Svg, plot: &ColumnPlot, centre: &dyn Fn(usize) -> f64, ys: &Linear) {
    let pts: Vec<(f64, f64)> = plot
        .columns
        .iter()
        .enumerate()
        .take(plot.x_labels.len())
        .filter_map(|(i, col)| column_sum(col).map(|s| (centre(i), ys.map(s))))
        .collect();
    if pts.len() > 1 {
        svg.path(&pts, false, &format!("fill=\"none\" stroke=\"{INK}\" stroke-width=\"2\""));
    }
    for (x, y) in pts {
        svg.circle(x, y, 3.5, &format!("fill=\"{INK}\" stroke=\"#ffffff\" stroke-width=\"1\""));
    }
}
