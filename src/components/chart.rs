//! A chart as the user gets it: the SVG, a data table for screen readers, SVG and PNG
//! downloads.

use crate::{browser, i18n::tr, state::use_app};
use leptos::prelude::*;

/// A rendered chart with its table alternative.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartData {
    /// The SVG markup (with `<title>` and `<desc>`).
    pub svg: String,
    /// Table headers.
    pub headers: Vec<String>,
    /// Table rows.
    pub rows: Vec<Vec<String>>,
    /// Intrinsic width, for PNG export.
    pub width: u32,
    /// Intrinsic height, for PNG export.
    pub height: u32,
}

/// Width and height from an SVG's own attributes (for PNG export); 640 × 360 if absent.
pub fn svg_size(svg: &str) -> (u32, u32) {
    let attr = |name: &str| -> Option<u32> {
        let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = svg[start..].find('"')? + start;
        locale::parse_f64(&svg[start..end]).map(|v| v as u32)
    };
    (attr("width").unwrap_or(640), attr("height").unwrap_or(360))
}

impl From<charts::Chart> for ChartData {
    fn from(chart: charts::Chart) -> ChartData {
        let (width, height) = svg_size(&chart.svg);
        ChartData {
            svg: chart.svg,
            headers: chart.table.headers,
            rows: chart.table.rows,
            width,
            height,
        }
    }
}

/// Shows `chart` with its table and download buttons; `file_stem` names the downloads.
#[component]
pub fn ChartPanel(
    /// The chart, or `None` while the inputs are invalid.
    #[prop(into)]
    chart: Signal<Option<ChartData>>,
    /// File name stem for downloads.
    #[prop(into)]
    file_stem: String,
) -> impl IntoView {
    let state = use_app();
    let s = move || tr(state.lang.get());
    let stem = StoredValue::new(file_stem);
    view! {
        {move || {
            chart
                .get()
                .map(|c| {
                    let svg_for_dl = c.svg.clone();
                    let svg_for_png = c.svg.clone();
                    let (w, h) = (c.width, c.height);
                    view! {
                        <figure class="chart">
                            <div class="chart-svg" data-testid="chart" inner_html=c.svg.clone()></div>
                            <figcaption class="chart-actions">
                                <button
                                    type="button"
                                    on:click=move |_| {
                                        browser::download(
                                            &format!("{}.svg", stem.get_value()),
                                            "image/svg+xml",
                                            svg_for_dl.as_bytes(),
                                        )
                                    }
                                >
                                    {move || s().download_svg}
                                </button>
                                <button
                                    type="button"
                                    on:click=move |_| {
                                        browser::download_svg_as_png(
                                            &format!("{}.png", stem.get_value()),
                                            &svg_for_png,
                                            w,
                                            h,
                                            2.0,
                                        )
                                    }
                                >
                                    {move || s().download_png}
                                </button>
                            </figcaption>
                            <details class="chart-table">
                                <summary>{move || s().data_table}</summary>
                                <table>
                                    <thead>
                                        <tr>
                                            {c.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {c.rows
                                            .iter()
                                            .map(|row| {
                                                view! {
                                                    <tr>
                                                        {row.iter().map(|cell| view! { <td>{cell.clone()}</td> }).collect_view()}
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </details>
                        </figure>
                    }
                })
        }}
    }
}
