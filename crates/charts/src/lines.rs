//! One or more series over time labels (MRR, FRT median and p90, DAU/MAU), with optional
//! ring markers on flagged points such as spikes.

use crate::axis::{self, cell};
use crate::scale::clean;
use crate::xy::{self, Line, XyPlot, DASHES};
use crate::{Chart, Colour, Meta, Table};

/// One series of [`LinesSpec`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// Legend name and table header.
    pub name: String,
    /// One value per x label; NaN/±∞ are gaps, extra values are ignored.
    pub values: Vec<f64>,
    /// Indices (into `values`) to mark, e.g. detected spikes.
    pub flagged: Vec<usize>,
    /// Fixed colour; by default the palette order.
    pub colour: Option<Colour>,
}

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinesSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// Labels of the x positions (months, weeks, days), already formatted.
    pub x_labels: Vec<String>,
    /// The series; all share one value axis.
    pub series: Vec<Series>,
    /// X axis title; first table header.
    pub x_label: String,
    /// Y axis title.
    pub y_label: String,
    /// Header of the table column that names the flagged series per row, e.g. "Auffällig".
    /// The column exists only when some point is flagged.
    pub flag_label: String,
}

/// The series of a split (issue 17): the total first, black and solid, then one series per
/// segment (at most six: five and the rest) in the palette's other colours, each with its own
/// dash pattern, so a segment is told apart by dash and legend, never by colour alone.
pub fn segment_series(total: Series, segments: Vec<(String, Vec<f64>)>) -> Vec<Series> {
    let mut out = vec![Series { colour: Some(Colour::Black), ..total }];
    out.extend(segments.into_iter().enumerate().map(|(i, (name, values))| Series {
        name,
        values,
        flagged: Vec::new(),
        // `Colour::series` ends with black, the total's colour: six segments at most use it.
        colour: Some(Colour::series(i % 6)),
    }));
    out
}

/// Draws the series as lines with distinct colours and dash patterns. `fmt` formats values.
pub fn draw(spec: &LinesSpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let n = spec.x_labels.len();
    let any_flag = spec.series.iter().any(|s| s.flagged.iter().any(|&i| i < n));
    let mut headers = vec![spec.x_label.clone()];
    headers.extend(spec.series.iter().map(|s| s.name.clone()));
    if any_flag {
        headers.push(spec.flag_label.clone());
    }
    let plot = XyPlot {
        x_labels: &spec.x_labels,
        lines: spec
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| Line {
                name: &s.name,
                values: &s.values,
                colour: s.colour.unwrap_or(Colour::series(i)).hex(),
                dash: DASHES[i % DASHES.len()],
                area: false,
                flagged: &s.flagged,
            })
            .collect(),
        x_title: &spec.x_label,
        y_title: &spec.y_label,
        legend: spec.series.len() > 1,
        mark: None,
    };
    if xy::is_empty(&plot) {
        return axis::no_data(&spec.meta, xy::WIDTH, xy::HEIGHT, headers);
    }
    let rows = spec
        .x_labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut row = vec![label.clone()];
            row.extend(
                spec.series.iter().map(|s| cell(s.values.get(i).and_then(|v| clean(*v)), fmt)),
            );
            if any_flag {
                let names: Vec<&str> = spec
                    .series
                    .iter()
                    .filter(|s| s.flagged.contains(&i))
                    .map(|s| s.name.as_str())
                    .collect();
                row.push(names.join(", "));
            }
            row
        })
        .collect();
    Chart { svg: xy::render(&spec.meta, &plot, fmt), table: Table { headers, rows } }
}
