//! Accessible SVG charts from plain data, for the Kennzahl app.
//!
//! Reading path: every chart lives in its own module with a spec struct and one
//! `pub fn draw(...) -> Chart`. A [`Chart`] carries the SVG string and a [`Table`] with the
//! same data, which the UI renders for screen readers and offers as CSV. The shared pieces
//! are [`Meta`] (title, one-sentence description, "no data" text, element id) and the
//! colour-blind-safe [`Colour`] palette (Okabe–Ito).
//!
//! ```
//! use charts::{velocity, Meta};
//! let spec = velocity::VelocitySpec {
//!     meta: Meta::new("velocity", "Pipeline-Geschwindigkeit", "60.000 € in 30 Tagen.", "Keine Daten"),
//!     opportunities: 100.0,
//!     deal_value: 3000.0,
//!     win_rate: 0.2,
//!     cycle_days: 30,
//!     x_label: "Tag".into(),
//!     y_label: "Erwarteter Umsatz".into(),
//! };
//! let chart = velocity::draw(&spec, &|v| format!("{v:.0} €"));
//! assert!(chart.svg.contains("role=\"img\""));
//! assert_eq!(chart.table.rows.last().map(|r| r[1].as_str()), Some("60000 €"));
//! ```
//!
//! Architecture invariants:
//! - The crate holds no language text: titles, labels, descriptions and the "no data" text
//!   come from the caller, and numbers are formatted by caller-supplied closures
//!   (`&dyn Fn(f64) -> String`), so German and English formatting stay in the app.
//! - Output is deterministic: text widths are estimated, never measured, so every chart is
//!   byte-identical natively and on wasm32 (the velocity chart too, since issue 18 drew it
//!   without plotters).
//! - No input panics; NaN and ±∞ are treated as missing values and never reach the SVG.
//! - Every SVG has `width`, `height`, `viewBox`, `role="img"`, one `<title>` and one
//!   `<desc>` referenced by `aria-labelledby`, and uses the system font stack.

#![deny(missing_docs)]

mod axis;
mod columns;
mod scale;
mod svg;
mod xy;

pub mod bands;
pub mod bars;
pub mod funnel;
pub mod heatmap;
pub mod lines;
pub mod nps_bar;
pub mod payback;
pub mod remaining;
pub mod sparkline;
pub mod stacked_bars;
pub mod velocity;
pub mod waterfall;

/// A rendered chart: the SVG markup and the same data as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// A complete, standalone `<svg>` element.
    pub svg: String,
    /// The data behind the chart, formatted with the caller's formatters.
    pub table: Table,
}

/// A data table alternative to a chart (for screen readers and CSV export).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Column headings.
    pub headers: Vec<String>,
    /// One entry per data row, each as long as `headers`; missing values are empty strings.
    pub rows: Vec<Vec<String>>,
}

/// Texts and identity shared by every chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Prefix for the `<title>`/`<desc>` ids; must be unique on the page. Characters other
    /// than ASCII letters, digits, `-` and `_` are dropped.
    pub id: String,
    /// Accessible name of the chart (`<title>`).
    pub title: String,
    /// One sentence summarising the data (`<desc>`), written by the caller in its language.
    pub desc: String,
    /// Shown instead of the plot when there is nothing to draw, e.g. "Keine Daten".
    pub no_data: String,
}

impl Meta {
    /// Builds the texts from anything string-like.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        desc: impl Into<String>,
        no_data: impl Into<String>,
    ) -> Meta {
        Meta { id: id.into(), title: title.into(), desc: desc.into(), no_data: no_data.into() }
    }
}

/// The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
/// Every chart also separates series by position, dash pattern or direct labels, never by
/// colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    /// `#0072B2`, the default first series.
    Blue,
    /// `#D55E00`, used for losses, churn and flagged points.
    Vermillion,
    /// `#009E73`, used for gains and healthy ranges.
    BluishGreen,
    /// `#E69F00`.
    Orange,
    /// `#CC79A7`.
    ReddishPurple,
    /// `#56B4E9`.
    SkyBlue,
    /// `#F0E442`; low contrast on white, so only for filled areas with dark text.
    Yellow,
    /// `#999999`, a neutral grey for "passive" or "other" categories.
    Grey,
    /// `#000000`.
    Black,
}

impl Colour {
    /// The colour as `#rrggbb`.
    pub fn hex(self) -> &'static str {
        match self {
            Colour::Blue => "#0072B2",
            Colour::Vermillion => "#D55E00",
            Colour::BluishGreen => "#009E73",
            Colour::Orange => "#E69F00",
            Colour::ReddishPurple => "#CC79A7",
            Colour::SkyBlue => "#56B4E9",
            Colour::Yellow => "#F0E442",
            Colour::Grey => "#999999",
            Colour::Black => "#000000",
        }
    }

    /// Default colour for the `i`-th series: the high-contrast colours first.
    pub fn series(i: usize) -> Colour {
        const ORDER: [Colour; 7] = [
            Colour::Blue,
            Colour::Vermillion,
            Colour::BluishGreen,
            Colour::ReddishPurple,
            Colour::Orange,
            Colour::SkyBlue,
            Colour::Black,
        ];
        ORDER[i % ORDER.len()]
    }
}
