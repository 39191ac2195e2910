//! The shared line/area renderer behind `velocity`, `remaining`, `payback` and `lines`:
//! evenly spaced x positions with category labels, one value axis, gaps for missing values.

use crate::axis::{self, Frame, LegendItem, Swatch};
use crate::scale::{clean, nice, Linear};
use crate::svg::{chars_fitting, truncate, Anchor, Svg, FONT_SIZE, INK};
use crate::Meta;

/// Width and height of the full-size line charts.
pub(crate) const WIDTH: f64 = 640.0;
/// See [`WIDTH`].
pub(crate) const HEIGHT: f64 = 320.0;

/// Dash patterns that tell series apart without colour.
pub(crate) const DASHES: [&str; 4] = [
    "",
    " stroke-dasharray=\"7 4\"",
    " stroke-dasharray=\"2 3\"",
    " stroke-dasharray=\"10 3 2 3\"",
];

/// One series to draw.
pub(crate) struct Line<'a> {
    pub(crate) name: &'a str,
    /// One value per x position; NaN/±∞ are gaps.
    pub(crate) values: &'a [f64],
    pub(crate) colour: &'static str,
    pub(crate) dash: &'static str,
    /// Fill the area between the line and zero.
    pub(crate) area: bool,
    /// Indices drawn with a ring marker (spikes, anomalies).
    pub(crate) flagged: &'a [usize],
}

/// A vertical marker at a fractional x index with a label, e.g. the payback month.
pub(crate) struct VMark {
    pub(crate) at: f64,
    pub(crate) label: String,
}

/// Everything the renderer needs.
pub(crate) struct XyPlot<'a> {
    pub(crate) x_labels: &'a [String],
    pub(crate) lines: Vec<Line<'a>>,
    pub(crate) x_title: &'a str,
    pub(crate) y_title: &'a str,
    pub(crate) legend: bool,
    pub(crate) mark: Option<VMark>,
}

/// True when no series has a finite value at a labelled position.
pub(crate) fn is_empty(plot: &XyPlot) -> bool {
    let n = plot.x_labels.len();
    plot.lines.iter().all(|l| l.values.iter().take(n).all(|v| clean(*v).is_none()))
}

/// Renders the plot (callers check [`is_empty`] first and draw the "no data" chart instead).
pub(crate) fn render(meta: &Meta, plot: &XyPlot, fmt: &dyn Fn(f64) -> String) -> String {
    let n = plot.x_labels.len();
    let (lo, hi) = plot
        .lines
        .iter()
        .flat_map(|l| l.values.iter().take(n).filter_map(|v| clean(*v)))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (0.0, 0.0) };
    let mut ticks = nice(lo, hi, true);
    let labels = axis::tick_labels(&mut ticks, fmt);
    let items: Vec<LegendItem> = if plot.legend {
        plot.lines
            .iter()
            .map(|l| LegendItem {
                name: l.name.to_string(),
                colour: l.colour.to_string(),
                swatch: Swatch::Line(l.dash),
            })
            .collect()
    } else {
        Vec::new()
    };
    let left = axis::left_margin(&labels, plot.y_title);
    let legend_h = axis::legend_height(&items, WIDTH - left - 16.0);
    let frame = Frame { left, top: 14.0 + legend_h, right: WIDTH - 28.0, bottom: HEIGHT - 44.0 };

    let mut svg = Svg::new(meta, WIDTH, HEIGHT);
    axis::legend(&mut svg, &items, left, 4.0, WIDTH - left - 16.0);
    axis::y_axis(&mut svg, &frame, &ticks, &labels, plot.y_title);
    let xs = x_scale(&frame, n);
    let slot = if n > 1 { frame.width() / (n - 1) as f64 } else { frame.width() };
    axis::x_labels(&mut svg, &frame, plot.x_labels, &|i| xs.map(i as f64), slot, WIDTH);
    axis::x_title(&mut svg, &frame, plot.x_title);
    let ys = frame.y_scale(&ticks);

    if let Some(mark) = &plot.mark {
        draw_mark(&mut svg, &frame, &xs, mark);
    }
    for line in &plot.lines {
        draw_line(&mut svg, line, n, &xs, &ys);
    }
    svg.finish()
}

/// Evenly spaced positions; a single point sits in the middle.
fn x_scale(frame: &Frame, n: usize) -> Linear {
    if n > 1 {
        Linear::new(0.0, (n - 1) as f64, frame.left, frame.right)
    } else {
        Linear::new(0.0, 0.0, frame.left, frame.right)
    }
}

fn draw_mark(svg: &mut Svg, frame: &Frame, xs: &Linear, mark: &VMark) {
    let x = xs.map_clamped(mark.at);
    svg.line(
        x,
        frame.top,
        x,
        frame.bottom,
        &format!("stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\""),
    );
    // Put the label on the side with more room so it is never clipped.
    let room_right = frame.right - x;
    let (tx, anchor, room) = if room_right >= x - frame.left {
        (x + 5.0, Anchor::Start, room_right)
    } else {
        (x - 5.0, Anchor::End, x - frame.left)
    };
    let label = truncate(&mark.label, chars_fitting(room - 6.0, FONT_SIZE));
    svg.text(tx, frame.top + 14.0, &label, anchor, &format!("fill=\"{INK}\" font-weight=\"600\""));
}

/// Splits a series into runs of consecutive present values.
fn runs(values: &[f64], n: usize) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().take(n).enumerate() {
        match clean(*v) {
            Some(v) => current.push((i, v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn draw_line(svg: &mut Svg, line: &Line, n: usize, xs: &Linear, ys: &Linear) {
    let base = ys.map_clamped(0.0);
    for run in runs(line.values, n) {
        let pts: Vec<(f64, f64)> =
            run.iter().map(|(i, v)| (xs.map(*i as f64), ys.map(*v))).collect();
        if line.area && pts.len() > 1 {
            let mut poly = pts.clone();
            if let (Some(first), Some(last)) = (pts.first(), pts.last()) {
                poly.push((last.0, base));
                poly.push((first.0, base));
            }
            svg.path(
                &poly,
                true,
                &format!("fill=\"{}\" fill-opacity=\"0.15\" stroke=\"none\"", line.colour),
            );
        }
        if pts.len() == 1 {
            // An isolated value has no neighbours to connect to; a dot keeps it visible.
            svg.circle(pts[0].0, pts[0].1, 3.5, &format!("fill=\"{}\"", line.colour));
        } else {
            svg.path(
                &pts,
                false,
                &format!(
                    "fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{}",
                    line.colour, line.dash
                ),
            );
        }
    }
    for &i in line.flagged {
        if let Some(v) = line.values.get(i).and_then(|v| clean(*v)).filter(|_| i < n) {
            svg.circle(
                xs.map(i as f64),
                ys.map(v),
                5.5,
                &format!("fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2.5\"", line.colour),
            );
            svg.circle(xs.map(i as f64), ys.map(v), 2.0, &format!("fill=\"{}\"", line.colour));
        }
    }
}

/// One blue line with a filled area and no legend (the velocity and remaining-customers
/// charts): `values` over `x_labels`, titled by the axis labels; `rows` the data table.
pub(crate) fn area_chart(
    meta: &Meta,
    x_labels: &[String],
    values: &[f64],
    (x_title, y_title): (&str, &str),
    rows: Vec<Vec<String>>,
    fmt: &dyn Fn(f64) -> String,
) -> crate::Chart {
    let plot = XyPlot {
        x_labels,
        lines: vec![Line {
            name: y_title,
            values,
            colour: crate::Colour::Blue.hex(),
            dash: "",
            area: true,
            flagged: &[],
        }],
        x_title,
        y_title,
        legend: false,
        mark: None,
    };
    let headers = vec![x_title.to_string(), y_title.to_string()];
    crate::Chart { svg: render(meta, &plot, fmt), table: crate::Table { headers, rows } }
}

/// Day or month numbers 0..=n as x labels; language-neutral digits.
pub(crate) fn index_labels(n: usize) -> Vec<String> {
    (0..n).map(|i| i.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_at_missing_values() {
        let r = runs(&[1.0, f64::NAN, 2.0, 3.0, f64::INFINITY], 5);
        assert_eq!(r, vec![vec![(0, 1.0)], vec![(2, 2.0), (3, 3.0)]]);
        assert_eq!(runs(&[1.0, 2.0, 3.0], 2), vec![vec![(0, 1.0), (1, 2.0)]]);
    }
}
