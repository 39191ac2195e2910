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
    let any = (0..n_rows).any(|r| (0..n_cols).any(|c| value(spec, r, c).is_some()));
    if !any {
        return axis::no_data(&spec.meta, WIDTH, 160.0, headers);
    }
    let widest = spec.row_labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).min(16);
    let left = (widest as f64 * 11.0 * GLYPH + 16.0).max(48.0);
    let grid = Grid {
        left,
        top: if spec.x_label.is_empty() { 26.0 } else { 44.0 },
        cell_w: (WIDTH - left - 12.0) / n_cols as f64,
        rows: n_rows.min(MAX_ROWS),
    };
    let height = grid.top + grid.rows as f64 * CELL_H + 12.0;
    let mut svg = Svg::new(&spec.meta, WIDTH, height);
    headings(&mut svg, spec, &grid);
    cells(&mut svg, spec, &grid, percent);
    let rows = (0..n_rows)
        .map(|r| {
            let mut row = vec![spec.row_labels[r].clone()];
            row.extend((0..n_cols).map(|c| axis::cell(value(spec, r, c), percent)));
            row
        })
        .collect();
    Chart { svg: svg.finish(), table: Table { headers, rows } }
}

/// Cell geometry: left edge of the first column, top of the first row, column width and
/// the number of rows drawn.
struct Grid {
    left: f64,
    top: f64,
    cell_w: f64,
    rows: usize,
}

/// The value of a cell, `None` when missing or non-finite.
fn value(spec: &HeatmapSpec, r: usize, c: usize) -> Option<f64> {
    spec.values.get(r).and_then(|row| row.get(c)).and_then(|v| clean(*v))
}

/// Column title, row-label title and column labels.
fn headings(svg: &mut Svg, spec: &HeatmapSpec, g: &Grid) {
    if !spec.x_label.is_empty() {
        let max = chars_fitting(WIDTH - g.left - 12.0, 12.0);
        let x = g.left + (WIDTH - g.left - 12.0) / 2.0;
        svg.text(
            x,
            16.0,
            &truncate(&spec.x_label, max),
            Anchor::Middle,
            &format!("fill=\"{INK}\""),
        );
    }
    let y_title = truncate(&spec.y_label, chars_fitting(g.left - 8.0, 11.0));
    let bold = format!("font-size=\"11\" fill=\"{INK}\" font-weight=\"600\"");
    svg.text(g.left - 8.0, g.top - 8.0, &y_title, Anchor::End, &bold);
    // Show every k-th column label when the columns are narrower than a label.
    let widest_col =
        spec.col_labels.iter().map(|l| l.chars().count()).max().unwrap_or(1).clamp(1, 8);
    let every = ((widest_col as f64 * 11.0 * GLYPH + 6.0) / g.cell_w).ceil().max(1.0) as usize;
    let muted = format!("font-size=\"11\" fill=\"{MUTED}\"");
    for (c, label) in spec.col_labels.iter().enumerate().filter(|(c, _)| c % every == 0) {
        let text = truncate(label, chars_fitting(g.cell_w * every as f64 - 4.0, 11.0));
        svg.text(g.left + g.cell_w * (c as f64 + 0.5), g.top - 8.0, &text, Anchor::Middle, &muted);
    }
}

/// Row labels and the coloured cells with their values.
fn cells(svg: &mut Svg, spec: &HeatmapSpec, g: &Grid, percent: &dyn Fn(f64) -> String) {
    let text_chars = chars_fitting(g.cell_w - 4.0, 11.0);
    let label_attrs = format!("font-size=\"11\" fill=\"{INK}\"");
    for r in 0..g.rows {
        let y = g.top + r as f64 * CELL_H;
        let label = truncate(&spec.row_labels[r], 16);
        svg.text(g.left - 8.0, y + CELL_H / 2.0 + 4.0, &label, Anchor::End, &label_attrs);
        for c in 0..spec.col_labels.len() {
            let Some(v) = value(spec, r, c) else { continue };
            let x = g.left + c as f64 * g.cell_w;
            let fill = mix(LOW, Colour::Blue.hex(), v);
            let attrs = format!("fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"1\"");
            svg.rect(x, y, g.cell_w, CELL_H, &attrs);
            if g.cell_w >= MIN_TEXT_CELL {
                let text = truncate(&percent(v), text_chars);
                let attrs = format!("font-size=\"11\" fill=\"{}\"", ink_on(&fill));
                svg.text(x + g.cell_w / 2.0, y + CELL_H / 2.0 + 4.0, &text, Anchor::Middle, &attrs);
            }
        }
    }
}
