//! Layout helpers shared by the charts with a value axis: margins, the y axis with grid and
//! formatted ticks, category labels on the x axis, legends and the "no data" chart.

use crate::scale::{Linear, Ticks};
use crate::svg::{
    chars_fitting, fit, text_width, truncate, Anchor, Svg, AXIS, FONT_SIZE, GLYPH, GRID, INK, MUTED,
};
use crate::{Chart, Meta, Table};

/// Tick labels longer than this are cut; the table carries the full value.
const MAX_TICK_CHARS: usize = 14;
/// Legend names longer than this are cut.
const MAX_LEGEND_CHARS: usize = 28;

/// The plot area in SVG user units.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub(crate) left: f64,
    pub(crate) top: f64,
    pub(crate) right: f64,
    pub(crate) bottom: f64,
}

impl Frame {
    pub(crate) fn width(&self) -> f64 {
        self.right - self.left
    }
    pub(crate) fn height(&self) -> f64 {
        self.bottom - self.top
    }
    /// The y scale for a tick domain.
    pub(crate) fn y_scale(&self, ticks: &Ticks) -> Linear {
        Linear::new(ticks.lo, ticks.hi, self.bottom, self.top)
    }
}

/// Formatted, truncated tick labels. When the caller's formatter rounds neighbouring ticks
/// to the same text (0, 0.2, 0.4 … shown as whole numbers), ticks are thinned to every 2nd,
/// 5th, 10th … until no two neighbours read the same, so the axis never repeats a label.
pub(crate) fn tick_labels(ticks: &mut Ticks, fmt: &dyn Fn(f64) -> String) -> Vec<String> {
    let all: Vec<String> =
        ticks.values.iter().map(|v| truncate(&fmt(*v), MAX_TICK_CHARS)).collect();
    for stride in [1, 2, 5, 10, 25, 50] {
        let picked: Vec<usize> = (0..all.len()).step_by(stride).collect();
        let distinct = picked.windows(2).all(|w| all[w[0]] != all[w[1]]);
        if distinct || stride == 50 {
            ticks.values = picked.iter().map(|&i| ticks.values[i]).collect();
            return picked.into_iter().map(|i| all[i].clone()).collect();
        }
    }
    all
}

/// Left margin that fits the widest tick label plus the rotated axis title.
pub(crate) fn left_margin(labels: &[String], y_label: &str) -> f64 {
    let widest = labels.iter().map(|l| text_width(l, FONT_SIZE - 1.0)).fold(0.0, f64::max);
    let title = if y_label.is_empty() { 0.0 } else { 20.0 };
    (widest + 12.0).max(28.0) + title + 6.0
}

/// Grid lines, tick labels and the rotated axis title of a value axis.
pub(crate) fn y_axis(svg: &mut Svg, frame: &Frame, ticks: &Ticks, labels: &[String], title: &str) {
    let scale = frame.y_scale(ticks);
    for (v, label) in ticks.values.iter().zip(labels) {
        let y = scale.map(*v);
        let stroke = if *v == 0.0 { AXIS } else { GRID };
        svg.line(frame.left, y, frame.right, y, &format!("stroke=\"{stroke}\" stroke-width=\"1\""));
        svg.text(
            frame.left - 6.0,
            y + 4.0,
            label,
            Anchor::End,
            &format!("font-size=\"11\" fill=\"{MUTED}\""),
        );
    }
    if !title.is_empty() {
        let max = chars_fitting(frame.height(), FONT_SIZE);
        svg.text_vertical(
            14.0,
            (frame.top + frame.bottom) / 2.0,
            &truncate(title, max),
            &format!("fill=\"{INK}\""),
        );
    }
}

/// Category labels under the plot. `pos(i)` is the centre of category `i` and `slot` the
/// space one category has; when labels would collide only every k-th is shown.
pub(crate) fn x_labels(
    svg: &mut Svg,
    frame: &Frame,
    labels: &[String],
    pos: &dyn Fn(usize) -> f64,
    slot: f64,
    canvas_width: f64,
) {
    let size = FONT_SIZE - 1.0;
    let n = labels.len();
    if n == 0 {
        return;
    }
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1).clamp(1, 12);
    // Cutting labels to a few characters reads better than dropping every other one, so
    // labels are only skipped when not even seven characters (or the whole label) fit, with
    // the same room as `max_chars` below (day numbers 10…30 were cut to "…").
    let fit_all = chars_fitting(slot - 6.0, size);
    let every = if fit_all >= widest.min(7) {
        1
    } else {
        let need = widest.min(7) as f64 * size * GLYPH + 8.0;
        let raw = need / slot;
        if raw.is_finite() && raw < n as f64 {
            readable_stride(raw.ceil() as usize)
        } else {
            n
        }
    };
    let max_chars = chars_fitting(slot * every as f64 - 6.0, size).min(12);
    let y = frame.bottom + 16.0;
    for (i, label) in labels.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let text = truncate(label, max_chars);
        // Labels at the ends of a line chart sit on the plot edge; keep them on the canvas.
        let half = text_width(&text, size) / 2.0;
        let x = fit(pos(i), half + 2.0, canvas_width - half - 2.0);
        svg.text(x, y, &text, Anchor::Middle, &format!("font-size=\"11\" fill=\"{MUTED}\""));
    }
}

/// The smallest stride ≥ `min` from 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 24, 25, 30, 40, 50,
/// 60 and their multiples of ten, so that day and month axes show round positions.
pub(crate) fn readable_stride(min: usize) -> usize {
    const STEPS: [usize; 16] = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 24, 25, 30, 40, 50, 60];
    let mut scale = 1usize;
    loop {
        if let Some(s) = STEPS.iter().map(|s| s * scale).find(|s| *s >= min) {
            return s;
        }
        match scale.checked_mul(10) {
            Some(next) => scale = next,
            None => return min,
        }
    }
}

/// The x axis title, centred under the plot.
pub(crate) fn x_title(svg: &mut Svg, frame: &Frame, title: &str) {
    if title.is_empty() {
        return;
    }
    let max = chars_fitting(frame.width(), FONT_SIZE);
    svg.text(
        (frame.left + frame.right) / 2.0,
        frame.bottom + 34.0,
        &truncate(title, max),
        Anchor::Middle,
        &format!("fill=\"{INK}\""),
    );
}

/// How a legend entry's swatch is drawn.
#[derive(Clone, Copy)]
pub(crate) enum Swatch {
    /// A filled square, for bars and areas.
    Block,
    /// A short line with the series' dash pattern.
    Line(&'static str),
}

/// One legend entry.
pub(crate) struct LegendItem {
    pub(crate) name: String,
    pub(crate) colour: String,
    pub(crate) swatch: Swatch,
}

/// Lays legend entries out in rows from (x, y) within `width`; returns the height used.
pub(crate) fn legend_height(items: &[LegendItem], width: f64) -> f64 {
    legend_layout(items, 0.0, 0.0, width).1
}

/// Draws the legend (see [`legend_height`]).
pub(crate) fn legend(svg: &mut Svg, items: &[LegendItem], x: f64, y: f64, width: f64) {
    let (positions, _) = legend_layout(items, x, y, width);
    for (item, (ix, iy, name)) in items.iter().zip(positions) {
        match item.swatch {
            Swatch::Block => {
                svg.rect(ix, iy - 9.0, 10.0, 10.0, &format!("fill=\"{}\"", item.colour))
            }
            Swatch::Line(dash) => svg.line(
                ix - 2.0,
                iy - 4.0,
                ix + 14.0,
                iy - 4.0,
                &format!("stroke=\"{}\" stroke-width=\"2.5\"{dash}", item.colour),
            ),
        }
        svg.text(ix + 18.0, iy, &name, Anchor::Start, &format!("fill=\"{INK}\""));
    }
}

fn legend_layout(
    items: &[LegendItem],
    x: f64,
    y: f64,
    width: f64,
) -> (Vec<(f64, f64, String)>, f64) {
    let mut out = Vec::with_capacity(items.len());
    let (mut cx, mut row) = (x, 0.0);
    for item in items {
        let name = truncate(&item.name, MAX_LEGEND_CHARS);
        let w = 18.0 + text_width(&name, FONT_SIZE) + 16.0;
        if cx > x && cx + w > x + width {
            cx = x;
            row += 1.0;
        }
        out.push((cx, y + 12.0 + row * 18.0, name));
        cx += w;
    }
    let height = if items.is_empty() { 0.0 } else { (row + 1.0) * 18.0 + 4.0 };
    (out, height)
}

/// The chart shown when there is nothing to plot: the frame, accessible texts, the caller's
/// "no data" text in the middle, and a table with headers only.
pub(crate) fn no_data(meta: &Meta, width: f64, height: f64, headers: Vec<String>) -> Chart {
    let mut svg = Svg::new(meta, width, height);
    svg.rect(0.5, 0.5, width - 1.0, height - 1.0, &format!("fill=\"none\" stroke=\"{GRID}\""));
    let size = if height < 60.0 { 10.0 } else { FONT_SIZE };
    let text = truncate(&meta.no_data, chars_fitting(width - 8.0, size));
    svg.text(
        width / 2.0,
        height / 2.0 + size / 3.0,
        &text,
        Anchor::Middle,
        &format!("font-size=\"{size}\" fill=\"{MUTED}\""),
    );
    Chart { svg: svg.finish(), table: Table { headers, rows: Vec::new() } }
}

/// A formatted cell for a possibly missing value: empty when missing.
pub(crate) fn cell(v: Option<f64>, fmt: &dyn Fn(f64) -> String) -> String {
    v.map(fmt).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{readable_stride, tick_labels};
    use crate::scale::nice;

    #[test]
    fn strides_are_round() {
        for (min, want) in
            [(0, 1), (1, 1), (7, 10), (11, 12), (27, 30), (33, 40), (61, 100), (130, 150)]
        {
            assert_eq!(readable_stride(min), want, "readable_stride({min})");
        }
    }

    #[test]
    fn rounded_tick_labels_are_thinned() {
        // Bug: all-zero data gave a 0..1 axis labelled "0 0 0 1 1 1" by a whole-number formatter.
        let mut ticks = nice(0.0, 0.0, true);
        let labels = tick_labels(&mut ticks, &|v| format!("{v:.0}"));
        assert_eq!(labels, ["0", "1"]);
        assert_eq!(ticks.values, [0.0, 1.0]);
        let mut ticks = nice(0.0, 100.0, true);
        assert_eq!(tick_labels(&mut ticks, &|v| format!("{v:.0}")).len(), 6);
    }
}
