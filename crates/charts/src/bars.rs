//! Simple categorical bars (ticket volume per week, a health-score histogram), with
//! flagged bars (spikes) drawn in a second colour and marked with a triangle.

use crate::axis::{self, cell, LegendItem, Swatch};
use crate::columns::{self, ColumnPlot};
use crate::scale::clean;
use crate::{Chart, Colour, Meta, Table};

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarsSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// Category labels (weeks, score buckets such as "0–10").
    pub labels: Vec<String>,
    /// One value per label; NaN/±∞ are missing, extra values are ignored.
    pub values: Vec<f64>,
    /// Indices of bars to highlight, e.g. detected spikes.
    pub highlighted: Vec<usize>,
    /// X axis title; first table header.
    pub x_label: String,
    /// Y axis title; second table header.
    pub y_label: String,
    /// Legend name for highlighted bars and the text of the table's highlight column,
    /// e.g. "Spitze". The column exists only when a bar is highlighted.
    pub highlight_label: String,
}

/// Draws the bars. `fmt` formats values.
pub fn draw(spec: &BarsSpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let n = spec.labels.len();
    let flagged: Vec<bool> = (0..n).map(|i| spec.highlighted.contains(&i)).collect();
    let any_flag = flagged.iter().any(|f| *f);
    let mut headers = vec![spec.x_label.clone(), spec.y_label.clone()];
    if any_flag {
        headers.push(spec.highlight_label.clone());
    }
    let value = |i: usize| spec.values.get(i).and_then(|v| clean(*v));
    let (normal, flag) = (Colour::Blue.hex(), Colour::Vermillion.hex());
    let legend = if any_flag {
        vec![
            LegendItem {
                name: spec.y_label.clone(),
                colour: normal.to_string(),
                swatch: Swatch::Block,
            },
            LegendItem {
                name: spec.highlight_label.clone(),
                colour: flag.to_string(),
                swatch: Swatch::Block,
            },
        ]
    } else {
        Vec::new()
    };
    let plot = ColumnPlot {
        x_labels: &spec.labels,
        columns: (0..n).map(|i| vec![(value(i), if flagged[i] { flag } else { normal })]).collect(),
        legend,
        flagged: flagged.clone(),
        net: false,
        x_title: &spec.x_label,
        y_title: &spec.y_label,
    };
    if columns::is_empty(&plot) {
        return axis::no_data(&spec.meta, columns::WIDTH, columns::HEIGHT, headers);
    }
    let rows = (0..n)
        .map(|i| {
            let mut row = vec![spec.labels[i].clone(), cell(value(i), fmt)];
            if any_flag {
                row.push(if flagged[i] { spec.highlight_label.clone() } else { String::new() });
            }
            row
        })
        .collect();
    Chart { svg: columns::render(&spec.meta, &plot, fmt), table: Table { headers, rows } }
}
