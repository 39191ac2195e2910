//! CAC payback: cumulative gross margin per customer against the acquisition cost, with the
//! month where the two lines cross marked.

use crate::axis::{self, cell};
use crate::scale::clean;
use crate::xy::{self, Line, VMark, XyPlot, DASHES};
use crate::{Chart, Colour, Meta, Table};

/// Horizons longer than this are cut (50 years of months).
const MAX_MONTHS: u32 = 600;

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq)]
pub struct PaybackSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// Customer acquisition cost.
    pub cac: f64,
    /// Gross margin one customer brings per month (MRR × gross margin %).
    pub monthly_margin: f64,
    /// Horizon in months; 0 means nothing to draw.
    pub months: u32,
    /// X axis title, e.g. "Monat"; first table header.
    pub x_label: String,
    /// Y axis title, e.g. "Betrag".
    pub y_label: String,
    /// Legend name and table header of the cumulative margin line.
    pub margin_label: String,
    /// Legend name and table header of the CAC line.
    pub cac_label: String,
    /// Text next to the crossing marker, formatted by the caller, e.g. "Amortisiert nach 8,3 Monaten".
    pub crossing_label: String,
}

/// Month (fractional) where cumulative margin reaches the CAC; `None` when it never does
/// with a positive margin, or when an input is missing.
pub fn payback_months(spec: &PaybackSpec) -> Option<f64> {
    let (cac, margin) = (clean(spec.cac)?, clean(spec.monthly_margin)?);
    if margin <= 0.0 {
        return None;
    }
    clean(cac.max(0.0) / margin)
}

/// Draws both lines; the crossing is marked when it falls inside the horizon.
/// `fmt` formats money.
pub fn draw(spec: &PaybackSpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let headers = vec![spec.x_label.clone(), spec.margin_label.clone(), spec.cac_label.clone()];
    let (Some(cac), Some(margin)) = (clean(spec.cac), clean(spec.monthly_margin)) else {
        return axis::no_data(&spec.meta, xy::WIDTH, xy::HEIGHT, headers);
    };
    if spec.months == 0 {
        return axis::no_data(&spec.meta, xy::WIDTH, xy::HEIGHT, headers);
    }
    let months = spec.months.min(MAX_MONTHS);
    let cumulative: Vec<f64> = (0..=months).map(|m| margin * f64::from(m)).collect();
    let cac_line = vec![cac; cumulative.len()];
    let x_labels = xy::index_labels(cumulative.len());
    let mark = payback_months(spec)
        .filter(|m| *m <= f64::from(months))
        .map(|at| VMark { at, label: spec.crossing_label.clone() });
    let plot = XyPlot {
        x_labels: &x_labels,
        lines: vec![
            Line {
                name: &spec.margin_label,
                values: &cumulative,
                colour: Colour::BluishGreen.hex(),
                dash: DASHES[0],
                area: true,
                flagged: &[],
            },
            Line {
                name: &spec.cac_label,
                values: &cac_line,
                colour: Colour::Vermillion.hex(),
                dash: DASHES[1],
                area: false,
                flagged: &[],
            },
        ],
        x_title: &spec.x_label,
        y_title: &spec.y_label,
        legend: true,
        mark,
    };
    let rows = cumulative
        .iter()
        .enumerate()
        .map(|(m, v)| vec![m.to_string(), cell(Some(*v), fmt), cell(Some(cac), fmt)])
        .collect();
    Chart { svg: xy::render(&spec.meta, &plot, fmt), table: Table { headers, rows } }
}
