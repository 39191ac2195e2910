//! Customers remaining month by month at a constant monthly churn rate:
//! `customers × (1 − churn)^month`.

use crate::axis::{self, cell};
use crate::scale::clean;
use crate::xy;
use crate::{Chart, Meta};

/// Horizons longer than this are cut (50 years of months).
const MAX_MONTHS: u32 = 600;

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq)]
pub struct RemainingSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// Customers at month 0.
    pub customers: f64,
    /// Monthly churn as a fraction (0.03 = 3 %); clamped to 0..=1.
    pub monthly_churn: f64,
    /// Horizon in months, usually 12; 0 means nothing to draw.
    pub months: u32,
    /// X axis title, e.g. "Monat"; first table header.
    pub x_label: String,
    /// Y axis title, e.g. "Verbleibende Kunden"; second table header.
    pub y_label: String,
}

/// Customers remaining at months 0..=months; empty for missing inputs or a 0 horizon.
pub fn values(spec: &RemainingSpec) -> Vec<f64> {
    let (Some(start), Some(churn)) = (clean(spec.customers), clean(spec.monthly_churn)) else {
        return Vec::new();
    };
    if spec.months == 0 {
        return Vec::new();
    }
    let keep = 1.0 - churn.clamp(0.0, 1.0);
    (0..=spec.months.min(MAX_MONTHS)).map(|m| start * keep.powi(m as i32)).collect()
}

/// Draws the remaining customers as a line with a filled area. `fmt` formats counts.
pub fn draw(spec: &RemainingSpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let headers = vec![spec.x_label.clone(), spec.y_label.clone()];
    let values = values(spec);
    if values.is_empty() {
        return axis::no_data(&spec.meta, xy::WIDTH, xy::HEIGHT, headers);
    }
    let x_labels = xy::index_labels(values.len());
    let rows =
        values.iter().enumerate().map(|(m, v)| vec![m.to_string(), cell(Some(*v), fmt)]).collect();
    let titles = (spec.x_label.as_str(), spec.y_label.as_str());
    xy::area_chart(&spec.meta, &x_labels, &values, titles, rows, fmt)
}
