//! One horizontal bar split into detractors, passives and promoters, with their shares.

use crate::axis::{self, LegendItem, Swatch};
use crate::scale::clean;
use crate::svg::{ink_on, text_width, Anchor, Svg, FONT_SIZE};
use crate::{Chart, Colour, Meta, Table};

const WIDTH: f64 = 640.0;
const PAD: f64 = 16.0;

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NpsBarSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// Number of detractors (scores 0–6); negative or non-finite counts as 0.
    pub detractors: f64,
    /// Number of passives (7–8).
    pub passives: f64,
    /// Number of promoters (9–10).
    pub promoters: f64,
    /// Names of the three groups in the order detractors, passives, promoters.
    pub labels: [String; 3],
    /// Table header of the group column.
    pub category_header: String,
    /// Table header of the count column.
    pub count_header: String,
    /// Table header of the share column.
    pub share_header: String,
}

/// Draws the bar. `count` formats counts, `percent` formats a share given as 0..=1.
pub fn draw(
    spec: &NpsBarSpec,
    count: &dyn Fn(f64) -> String,
    percent: &dyn Fn(f64) -> String,
) -> Chart {
    let headers =
        vec![spec.category_header.clone(), spec.count_header.clone(), spec.share_header.clone()];
    let counts =
        [spec.detractors, spec.passives, spec.promoters].map(|c| clean(c).unwrap_or(0.0).max(0.0));
    let total: f64 = counts.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return axis::no_data(&spec.meta, WIDTH, 96.0, headers);
    }
    let colours = [Colour::Vermillion.hex(), Colour::Grey.hex(), Colour::BluishGreen.hex()];
    let shares = counts.map(|c| c / total);
    // The legend repeats every share, so narrow segments without inline text stay readable.
    let items: Vec<LegendItem> = (0..3)
        .map(|i| LegendItem {
            name: format!("{} {}", spec.labels[i], percent(shares[i])),
            colour: colours[i].to_string(),
            swatch: Swatch::Block,
        })
        .collect();
    let (bar_y, bar_h, bar_w) = (12.0, 40.0, WIDTH - 2.0 * PAD);
    let height = bar_y + bar_h + 12.0 + axis::legend_height(&items, bar_w) + 8.0;
    let mut svg = Svg::new(&spec.meta, WIDTH, height);
    let mut x = PAD;
    for i in 0..3 {
        let w = shares[i] * bar_w;
        if w <= 0.0 {
            continue;
        }
        svg.rect(
            x,
            bar_y,
            w,
            bar_h,
            &format!("fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"", colours[i]),
        );
        let text = percent(shares[i]);
        if text_width(&text, FONT_SIZE) + 8.0 <= w {
            let attrs = format!("fill=\"{}\" font-weight=\"600\"", ink_on(colours[i]));
            svg.text(x + w / 2.0, bar_y + bar_h / 2.0 + 4.0, &text, Anchor::Middle, &attrs);
        }
        x += w;
    }
    axis::legend(&mut svg, &items, PAD, bar_y + bar_h + 12.0, bar_w);
    let rows = (0..3)
        .map(|i| vec![spec.labels[i].clone(), count(counts[i]), percent(shares[i])])
        .collect();
    Chart { svg: svg.finish(), table: Table { headers, rows } }
}
