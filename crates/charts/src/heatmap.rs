//! A cohort grid: one row per cohort, one column per month since start, each cell's value
//! (0..=1, e.g. retention) shown as text and as colour intensity.

use crate::axis;
use crate::scale::clean;
use crate::svg::{chars_fitting, ink_on, mix, truncate, Anchor, Svg, GLYPH, INK, MUTED};
use crate::{Chart, Colour, Meta, Table};

const WIDTH: f64 = 640.0;
const CELL_H: f64 = 24.0;
/// Rows beyond this are left out of the picture (the table keeps them all).
const MAX_ROWS: usize = 120;
/// Cells narrower than this show colour only.
const MIN_TEXT_CELL: f64 = 30.0;
/// Colour for value 0; value 1 is Okabe–Ito blue.
const LOW: &str = "#f2f7fb";

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeatmapSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// One label per cohort (row), e.g. "2024-01".
    pub row_labels: Vec<String>,
    /// One label per column, e.g. "0", "1", … months since start.
    pub col_labels: Vec<String>,
    /// `values[row][col]`, usually 0..=1; NaN/±∞ or a short row mean "no value yet".
    /// The colour clamps to 0..=1, the text shows the real value.
    pub values: Vec<Vec<f64>>,
    /// Title over the columns, e.g. "Monate seit Start".
    pub x_label: String,
    /// Title of the row labels, e.g. "Kohorte"; first table header.
    pub y_label: String,
}

/// Draws the grid. `percent` formats a value given as a fraction (0.42 → "42 %").
pub fn draw(spec: &HeatmapSpec, percent: &dyn Fn(f64) -> String) -> Chart {
    let mut headers = vec![spec.y_label.clone()];
    headers.extend(spec.col_labels.iter().cloned());
    let (n_rows, n_cols) = (spec.row_labels.len(), spec.col_labels.len());
    let value =
        |r: usize, c: usize| spec.values.get(r).and_then(|row| row.get(c)).and_then(|v| clean(*v));
    let any = (0..n_rows).any(|r| (0..n_cols).any(|c| value(r, c).is_some()));
    if !any {
        return axis::no_data(&spec.meta, WIDTH, 160.0, headers);
    }
    let widest = spec.row_labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).min(16);
    let left = (widest as f64 * 11.0 * GLYPH + 16.0).max(48.0);
    let top = if spec.x_label.is_empty() { 26.0 } else { 44.0 };
    let cell_w = (WIDTH - left - 12.0) / n_cols as f64;
    let drawn_rows = n_rows.min(MAX_ROWS);
    let height = top + drawn_rows as f64 * CELL_H + 12.0;

    let mut svg = Svg::new(&spec.meta, WIDTH, height);
    if !spec.x_label.is_empty() {
        let max = chars_fitting(WIDTH - left - 12.0, 12.0);
        svg.text(
            left + (WIDTH - left - 12.0) / 2.0,
            16.0,
            &truncate(&spec.x_label, max),
            Anchor::Middle,
            &format!("fill=\"{INK}\""),
        );
    }
    let y_title = truncate(&spec.y_label, chars_fitting(left - 8.0, 11.0));
    svg.text(
        left - 8.0,
        top - 8.0,
        &y_title,
        Anchor::End,
        &format!("font-size=\"11\" fill=\"{INK}\" font-weight=\"600\""),
    );
    // Show every k-th column label when the columns are narrower than a label.
    let widest_col =
        spec.col_labels.iter().map(|l| l.chars().count()).max().unwrap_or(1).clamp(1, 8);
    let every = ((widest_col as f64 * 11.0 * GLYPH + 6.0) / cell_w).ceil().max(1.0) as usize;
    for (c, label) in spec.col_labels.iter().enumerate().filter(|(c, _)| c % every == 0) {
        let text = truncate(label, chars_fitting(cell_w * every as f64 - 4.0, 11.0));
        svg.text(
            left + cell_w * (c as f64 + 0.5),
            top - 8.0,
            &text,
            Anchor::Middle,
            &format!("font-size=\"11\" fill=\"{MUTED}\""),
        );
    }
    let text_chars = chars_fitting(cell_w - 4.0, 11.0);
    for r in 0..drawn_rows {
        let y = top + r as f64 * CELL_H;
        svg.text(
            left - 8.0,
            y + CELL_H / 2.0 + 4.0,
            &truncate(&spec.row_labels[r], 16),
            Anchor::End,
            &format!("font-size=\"11\" fill=\"{INK}\""),
        );
        for c in 0..n_cols {
            let Some(v) = value(r, c) else { continue };
            let x = left + c as f64 * cell_w;
            let fill = mix(LOW, Colour::Blue.hex(), v);
            svg.rect(
                x,
                y,
                cell_w,
                CELL_H,
                &format!("fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"1\""),
            );
            if cell_w >= MIN_TEXT_CELL {
                let text = truncate(&percent(v), text_chars);
                svg.text(
                    x + cell_w / 2.0,
                    y + CELL_H / 2.0 + 4.0,
                    &text,
                    Anchor::Middle,
                    &format!("font-size=\"11\" fill=\"{}\"", ink_on(&fill)),
                );
            }
        }
    }
    let rows = (0..n_rows)
        .map(|r| {
            let mut row = vec![spec.row_labels[r].clone()];
            row.extend((0..n_cols).map(|c| axis::cell(value(r, c), percent)));
            row
        })
        .collect();
    Chart { svg: svg.finish(), table: Table { headers, rows } }
}
