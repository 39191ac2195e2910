//! A conversion funnel: one horizontal bar per step with its count and the drop-off from
//! the previous step.

use crate::axis;
use crate::scale::{clean, Linear};
use crate::svg::{chars_fitting, ink_on, text_width, truncate, Anchor, Svg, GLYPH, INK, MUTED};
use crate::{Chart, Colour, Meta, Table};

const WIDTH: f64 = 640.0;
const ROW: f64 = 36.0;
/// Right-hand column for the drop-off text.
const DROP_COL: f64 = 84.0;

/// One step of [`FunnelSpec`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    /// Name of the step, e.g. "Testkonto".
    pub label: String,
    /// How many reached it; NaN/±∞ are missing.
    pub count: f64,
}

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FunnelSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// The steps, top to bottom.
    pub steps: Vec<Step>,
    /// Table header of the step column.
    pub step_header: String,
    /// Table header of the count column.
    pub count_header: String,
    /// Table header of the drop-off column.
    pub drop_header: String,
}

/// Drop-off text from the previous present count: `−` and the lost share, or `+` when the
/// count grew; empty for the first step or after a zero/missing count.
fn drop_text(prev: Option<f64>, now: Option<f64>, percent: &dyn Fn(f64) -> String) -> String {
    match (prev, now) {
        (Some(p), Some(n)) if p > 0.0 => {
            // n / p overflows for a tiny p and a huge n; such a ratio is not shown.
            let Some(drop) = clean(1.0 - n / p) else { return String::new() };
            if drop >= 0.0 {
                format!("−{}", percent(drop))
            } else {
                format!("+{}", percent(-drop))
            }
        }
        _ => String::new(),
    }
}

/// Draws the funnel. `count` formats counts, `percent` formats a share given as 0..=1.
pub fn draw(
    spec: &FunnelSpec,
    count: &dyn Fn(f64) -> String,
    percent: &dyn Fn(f64) -> String,
) -> Chart {
    let headers =
        vec![spec.step_header.clone(), spec.count_header.clone(), spec.drop_header.clone()];
    let counts: Vec<Option<f64>> = spec.steps.iter().map(|s| clean(s.count)).collect();
    if counts.iter().all(Option::is_none) {
        return axis::no_data(&spec.meta, WIDTH, 120.0, headers);
    }
    let height = 16.0 + spec.steps.len() as f64 * ROW;
    let widest = spec.steps.iter().map(|s| s.label.chars().count()).max().unwrap_or(0).min(24);
    let label_w = (widest as f64 * 12.0 * GLYPH + 12.0).max(60.0);
    let max = counts.iter().flatten().fold(0.0f64, |m, c| m.max(*c));
    let (x0, x1) = (8.0 + label_w, WIDTH - DROP_COL);
    let xs = Linear::new(0.0, if max > 0.0 { max } else { 1.0 }, x0, x1);
    let mut svg = Svg::new(&spec.meta, WIDTH, height);
    let mut rows = Vec::with_capacity(spec.steps.len());
    let mut prev: Option<f64> = None;
    for (i, (step, c)) in spec.steps.iter().zip(&counts).enumerate() {
        let y = 8.0 + i as f64 * ROW;
        let mid = y + ROW / 2.0 + 4.0;
        svg.text(
            x0 - 8.0,
            mid,
            &truncate(&step.label, 24),
            Anchor::End,
            &format!("fill=\"{INK}\""),
        );
        let drop = drop_text(prev, *c, percent);
        if let Some(c) = c {
            let w = (xs.map_clamped(c.max(0.0)) - x0).max(1.0);
            bar(&mut svg, x0, y, w, &count(*c));
            prev = Some(*c);
        }
        svg.text(
            WIDTH - 8.0,
            mid,
            &truncate(&drop, 12),
            Anchor::End,
            &format!("font-size=\"11\" fill=\"{MUTED}\""),
        );
        rows.push(vec![step.label.clone(), axis::cell(*c, count), drop]);
    }
    Chart { svg: svg.finish(), table: Table { headers, rows } }
}

/// One funnel bar with its count: inside the bar when it fits, else right after it.
fn bar(svg: &mut Svg, x0: f64, y: f64, w: f64, text: &str) {
    let colour = Colour::Blue.hex();
    let mid = y + ROW / 2.0 + 4.0;
    svg.rect(x0, y + 4.0, w, ROW - 8.0, &format!("fill=\"{colour}\""));
    if text_width(text, 12.0) + 12.0 <= w {
        let attrs = format!("fill=\"{}\" font-weight=\"600\"", ink_on(colour));
        svg.text(x0 + w - 6.0, mid, text, Anchor::End, &attrs);
    } else {
        // The bar is short, so the space up to the drop-off column is free for the count.
        let room = WIDTH - 90.0 - (x0 + w);
        let text = truncate(text, chars_fitting(room, 12.0));
        svg.text(x0 + w + 6.0, mid, &text, Anchor::Start, &format!("fill=\"{INK}\""));
    }
}
