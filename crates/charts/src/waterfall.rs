//! MRR bridge for one period: the starting MRR, each movement (new, reactivation,
//! expansion, contraction, churn) as a floating bar, and the resulting end MRR.

use crate::axis::{self, cell, Frame};
use crate::scale::{clean, nice};
use crate::svg::{chars_fitting, truncate, Anchor, Svg, INK, MUTED};
use crate::{Chart, Colour, Meta, Table};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 320.0;

/// One movement of [`WaterfallSpec`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    /// Name of the movement, e.g. "Neu" or "Abwanderung".
    pub label: String,
    /// Signed change: positive for new/expansion, negative for contraction/churn.
    /// NaN/±∞ are missing and change nothing.
    pub delta: f64,
}

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WaterfallSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// Label of the first bar, e.g. "Start".
    pub start_label: String,
    /// Value at the start of the period; missing means nothing to draw.
    pub start: f64,
    /// The movements in display order.
    pub steps: Vec<Step>,
    /// Label of the last bar, e.g. "Ende"; its value is start + Σ deltas.
    pub end_label: String,
    /// Header of the label column.
    pub x_label: String,
    /// Y axis title and header of the change column, e.g. "MRR".
    pub y_label: String,
    /// Header of the running-total column, e.g. "Stand".
    pub total_label: String,
}

/// One drawn bar: label, the level it starts from, the level it ends at, and the value text.
struct Bar {
    label: String,
    from: f64,
    to: f64,
    colour: &'static str,
    text: String,
}

/// Draws the waterfall. `fmt` formats money; positive movements get a leading `+`.
pub fn draw(spec: &WaterfallSpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let headers = vec![spec.x_label.clone(), spec.y_label.clone(), spec.total_label.clone()];
    let Some(start) = clean(spec.start) else {
        return axis::no_data(&spec.meta, WIDTH, HEIGHT, headers);
    };
    let mut bars = vec![Bar {
        label: spec.start_label.clone(),
        from: 0.0,
        to: start,
        colour: Colour::Blue.hex(),
        text: fmt(start),
    }];
    let mut rows = vec![vec![spec.start_label.clone(), fmt(start), fmt(start)]];
    let mut level = start;
    for step in &spec.steps {
        let delta = clean(step.delta);
        if let Some(d) = delta {
            let next = clean(level + d).unwrap_or(level);
            let (colour, text) = if d >= 0.0 {
                (Colour::BluishGreen.hex(), format!("+{}", fmt(d)))
            } else {
                (Colour::Vermillion.hex(), fmt(d))
            };
            bars.push(Bar { label: step.label.clone(), from: level, to: next, colour, text });
            level = next;
        } else {
            bars.push(Bar {
                label: step.label.clone(),
                from: level,
                to: level,
                colour: Colour::Grey.hex(),
                text: String::new(),
            });
        }
        rows.push(vec![step.label.clone(), cell(delta, fmt), fmt(level)]);
    }
    bars.push(Bar {
        label: spec.end_label.clone(),
        from: 0.0,
        to: level,
        colour: Colour::Blue.hex(),
        text: fmt(level),
    });
    rows.push(vec![spec.end_label.clone(), fmt(level), fmt(level)]);
    let svg = render(spec, &bars, fmt);
    Chart { svg, table: Table { headers, rows } }
}

fn render(spec: &WaterfallSpec, bars: &[Bar], fmt: &dyn Fn(f64) -> String) -> String {
    let (lo, hi) = bars
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), b| (lo.min(b.from.min(b.to)), hi.max(b.from.max(b.to))));
    let mut ticks = nice(lo, hi, true);
    let labels = axis::tick_labels(&mut ticks, fmt);
    let left = axis::left_margin(&labels, &spec.y_label);
    // The extra top room keeps value labels above the highest bar inside the picture.
    let frame = Frame { left, top: 24.0, right: WIDTH - 20.0, bottom: HEIGHT - 44.0 };
    let mut svg = Svg::new(&spec.meta, WIDTH, HEIGHT);
    axis::y_axis(&mut svg, &frame, &ticks, &labels, &spec.y_label);
    let slot = frame.width() / bars.len() as f64;
    let centre = |i: usize| frame.left + slot * (i as f64 + 0.5);
    let names: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    axis::x_labels(&mut svg, &frame, &names, &centre, slot, WIDTH);
    let ys = frame.y_scale(&ticks);
    let bar_w = (slot * 0.64).min(72.0);
    let text_chars = chars_fitting(slot - 4.0, 11.0);
    for (i, bar) in bars.iter().enumerate() {
        let x = centre(i) - bar_w / 2.0;
        let (y_from, y_to) = (ys.map(bar.from), ys.map(bar.to));
        let (top, bottom) = (y_from.min(y_to), y_from.max(y_to));
        // A zero movement still gets a hairline so the category is visibly present.
        svg.rect(x, top, bar_w, (bottom - top).max(1.0), &format!("fill=\"{}\"", bar.colour));
        if i + 1 < bars.len() {
            let next_x = centre(i + 1) - bar_w / 2.0;
            svg.line(
                x + bar_w,
                y_to,
                next_x,
                y_to,
                &format!("stroke=\"{MUTED}\" stroke-width=\"1\" stroke-dasharray=\"3 2\""),
            );
        }
        let falling = bar.to < bar.from;
        let below = bottom + 14.0;
        let y = if falling && below <= frame.bottom - 2.0 { below } else { top - 5.0 };
        svg.text(
            centre(i),
            y,
            &truncate(&bar.text, text_chars),
            Anchor::Middle,
            &format!("font-size=\"11\" fill=\"{INK}\""),
        );
    }
    svg.finish()
}
