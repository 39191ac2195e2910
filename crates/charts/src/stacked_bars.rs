//! Stacked bars per category, e.g. NPS detractors, passives and promoters per month, or
//! MRR movements per month (negative series stack downwards) with a net line.

use crate::axis::{self, cell, LegendItem, Swatch};
use crate::columns::{self, ColumnPlot};
use crate::scale::clean;
use crate::svg::INK;
use crate::{Chart, Colour, Meta, Table};

/// One stacked series of [`StackedBarsSpec`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// Legend name and table header.
    pub name: String,
    /// One value per x label; NaN/±∞ are missing; negative values stack below zero.
    pub values: Vec<f64>,
    /// Fixed colour; by default the palette order.
    pub colour: Option<Colour>,
}

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StackedBarsSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// Category labels (months), already formatted.
    pub x_labels: Vec<String>,
    /// The series, stacked bottom-up in this order.
    pub series: Vec<Series>,
    /// X axis title; first table header.
    pub x_label: String,
    /// Y axis title.
    pub y_label: String,
    /// When set, a line through each column's sum is drawn and listed under this name
    /// (e.g. "Netto"), also as the table's last column.
    pub net_label: Option<String>,
}

/// Draws the stacked bars. `fmt` formats values.
pub fn draw(spec: &StackedBarsSpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let n = spec.x_labels.len();
    let mut headers = vec![spec.x_label.clone()];
    headers.extend(spec.series.iter().map(|s| s.name.clone()));
    if let Some(net) = &spec.net_label {
        headers.push(net.clone());
    }
    let colours: Vec<&'static str> = spec
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| s.colour.unwrap_or(Colour::series(i)).hex())
        .collect();
    let value = |s: &Series, i: usize| s.values.get(i).and_then(|v| clean(*v));
    let columns: Vec<Vec<(Option<f64>, &'static str)>> = (0..n)
        .map(|i| spec.series.iter().zip(&colours).map(|(s, c)| (value(s, i), *c)).collect())
        .collect();
    let mut legend: Vec<LegendItem> = spec
        .series
        .iter()
        .zip(&colours)
        .map(|(s, c)| LegendItem {
            name: s.name.clone(),
            colour: c.to_string(),
            swatch: Swatch::Block,
        })
        .collect();
    if let Some(net) = &spec.net_label {
        legend.push(LegendItem {
            name: net.clone(),
            colour: INK.to_string(),
            swatch: Swatch::Line(""),
        });
    }
    let plot = ColumnPlot {
        x_labels: &spec.x_labels,
        columns,
        legend,
        flagged: Vec::new(),
        net: spec.net_label.is_some(),
        x_title: &spec.x_label,
        y_title: &spec.y_label,
    };
    if columns::is_empty(&plot) {
        return axis::no_data(&spec.meta, columns::WIDTH, columns::HEIGHT, headers);
    }
    let rows = (0..n)
        .map(|i| {
            let mut row = vec![spec.x_labels[i].clone()];
            row.extend(spec.series.iter().map(|s| cell(value(s, i), fmt)));
            if spec.net_label.is_some() {
                row.push(cell(plot.columns.get(i).and_then(|c| columns::column_sum(c)), fmt));
            }
            row
        })
        .collect();
    Chart { svg: columns::render(&spec.meta, &plot, fmt), table: Table { headers, rows } }
}
