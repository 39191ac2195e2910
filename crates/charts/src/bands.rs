//! A single value marked against coloured bands on a horizontal scale, e.g. CLV:CAC with
//! "loss" below 1, "critical" 1–2, "marginal" 2–3 and "healthy" from 3.

use crate::axis;
use crate::scale::{clean, Linear};
use crate::svg::{chars_fitting, fit, mix, text_width, truncate, Anchor, Svg, INK, MUTED};
use crate::{Chart, Colour, Meta, Table};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 100.0;
const PAD: f64 = 20.0;

/// One range of [`BandsSpec`].
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Lower edge of the range.
    pub from: f64,
    /// Upper edge of the range.
    pub to: f64,
    /// Name shown inside the band, e.g. "gesund".
    pub label: String,
    /// Band colour (drawn as a light tint so the marker and text stay readable).
    pub colour: Colour,
}

/// Input for [`draw`].
#[derive(Debug, Clone, PartialEq)]
pub struct BandsSpec {
    /// Title, description, "no data" text, id.
    pub meta: Meta,
    /// The value to mark; NaN/±∞ draws the bands without a marker.
    pub value: f64,
    /// The ranges, left to right; bands with non-finite edges are skipped. The scale spans
    /// from the smallest to the largest edge; a value outside is pinned to the nearer end.
    pub bands: Vec<Band>,
    /// Name of the value for the table's last row, e.g. "CLV:CAC".
    pub value_label: String,
    /// Table header of the name column.
    pub band_header: String,
    /// Table header of the range column.
    pub range_header: String,
}

/// Draws the bands and the marker. `fmt` formats values and band edges.
pub fn draw(spec: &BandsSpec, fmt: &dyn Fn(f64) -> String) -> Chart {
    let headers = vec![spec.band_header.clone(), spec.range_header.clone()];
    let bands: Vec<(f64, f64, &Band)> = spec
        .bands
        .iter()
        .filter_map(|b| match (clean(b.from), clean(b.to)) {
            (Some(a), Some(z)) => Some((a.min(z), a.max(z), b)),
            _ => None,
        })
        .collect();
    let value = clean(spec.value);
    let (lo, hi) = bands
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (a, z, _)| (lo.min(*a), hi.max(*z)));
    let (lo, hi) = match (lo <= hi, value) {
        // Bands that are all one point still need a visible scale around that point.
        (true, _) if lo == hi => (lo - 1.0, hi + 1.0),
        (true, _) => (lo, hi),
        (false, Some(v)) => (v - 1.0, v + 1.0),
        (false, None) => return axis::no_data(&spec.meta, WIDTH, HEIGHT, headers),
    };
    let xs = Linear::new(lo, hi, PAD, WIDTH - PAD);
    let mut svg = Svg::new(&spec.meta, WIDTH, HEIGHT);
    if bands.is_empty() {
        svg.rect(PAD, BAND_Y, WIDTH - 2.0 * PAD, BAND_H, "fill=\"#eeeeee\"");
    }
    for (a, z, band) in &bands {
        let (x0, x1) = (xs.map(*a), xs.map(*z));
        let attrs = format!("fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"", tint(band));
        svg.rect(x0, BAND_Y, x1 - x0, BAND_H, &attrs);
    }
    edge_labels(&mut svg, &bands, &xs, BAND_Y + BAND_H + 16.0, fmt);
    if let Some(v) = value {
        marker(&mut svg, xs.map_clamped(v), &truncate(&fmt(v), 24));
    }
    band_names(&mut svg, &bands, &xs);
    let mut rows: Vec<Vec<String>> = bands
        .iter()
        .map(|(a, z, b)| vec![b.label.clone(), format!("{} – {}", fmt(*a), fmt(*z))])
        .collect();
    rows.push(vec![spec.value_label.clone(), axis::cell(value, fmt)]);
    Chart { svg: svg.finish(), table: Table { headers, rows } }
}

/// Top and height of the band strip.
const BAND_Y: f64 = 40.0;
const BAND_H: f64 = 34.0;

/// The light tint a band is drawn in.
fn tint(band: &Band) -> String {
    mix("#ffffff", band.colour.hex(), 0.38)
}

/// The value marker: a bar through the strip, a triangle above it and the value text.
fn marker(svg: &mut Svg, x: f64, text: &str) {
    let ink = format!("fill=\"{INK}\"");
    svg.line(
        x,
        BAND_Y - 6.0,
        x,
        BAND_Y + BAND_H + 4.0,
        &format!("stroke=\"{INK}\" stroke-width=\"3\""),
    );
    svg.path(&[(x - 6.0, BAND_Y - 14.0), (x + 6.0, BAND_Y - 14.0), (x, BAND_Y - 6.0)], true, &ink);
    let half = text_width(text, 13.0) / 2.0;
    // Keep the value text inside the picture when the marker sits near an edge.
    let tx = fit(x, PAD + half, WIDTH - PAD - half);
    let attrs = format!("font-size=\"13\" font-weight=\"700\" fill=\"{INK}\"");
    svg.text(tx, BAND_Y - 19.0, text, Anchor::Middle, &attrs);
}

/// Band names, drawn after the marker with a halo in their band's tint so the marker
/// never hides them; bands too narrow for text stay unnamed (the table names them).
fn band_names(svg: &mut Svg, bands: &[(f64, f64, &Band)], xs: &Linear) {
    for (a, z, band) in bands {
        let (x0, x1) = (xs.map(*a), xs.map(*z));
        if x1 - x0 < 16.0 {
            continue;
        }
        let label = truncate(&band.label, chars_fitting(x1 - x0 - 6.0, 12.0));
        let halo = format!(
            "fill=\"{INK}\" stroke=\"{}\" stroke-width=\"4\" paint-order=\"stroke\" stroke-linejoin=\"round\"",
            tint(band)
        );
        svg.text((x0 + x1) / 2.0, BAND_Y + BAND_H / 2.0 + 4.0, &label, Anchor::Middle, &halo);
    }
}

/// Edge values under the bands, skipping any that would overlap the previous one.
fn edge_labels(
    svg: &mut Svg,
    bands: &[(f64, f64, &Band)],
    xs: &Linear,
    y: f64,
    fmt: &dyn Fn(f64) -> String,
) {
    let mut edges: Vec<f64> = bands.iter().flat_map(|(a, z, _)| [*a, *z]).collect();
    // Insertion sort: a handful of edges, and no std sort in the calculator's wasm (issue 18).
    for i in 1..edges.len() {
        let mut j = i;
        while j > 0 && edges[j - 1] > edges[j] {
            edges.swap(j - 1, j);
            j -= 1;
        }
    }
    edges.dedup();
    let mut last_right = f64::NEG_INFINITY;
    for e in edges {
        let text = truncate(&fmt(e), 12);
        let x = xs.map(e);
        let half = text_width(&text, 11.0) / 2.0;
        let cx = fit(x, PAD + half - 8.0, WIDTH - PAD - half + 8.0);
        if cx - half < last_right + 6.0 {
            continue;
        }
        svg.line(x, y - 14.0, x, y - 10.0, &format!("stroke=\"{MUTED}\""));
        svg.text(cx, y, &text, Anchor::Middle, &format!("font-size=\"11\" fill=\"{MUTED}\""));
        last_right = cx + half;
    }
}
