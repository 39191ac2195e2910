//! A KPI's trend split by segment (issue 17): the total line and one line per shown segment
//! (at most five and the rest), over the periods of the tile's trend. Every point is a
//! segment's own figure (`analytics::tiles` of its report), so MRR lines add up to the total
//! line each month; the chart's table lists every series.

use super::format;
use crate::components::chart::ChartData;
use analytics::{Kpi, Tile, Unit};
use charts::lines::{self, LinesSpec, Series};
use charts::Meta;
use locale::{format_money, Currency, Lang};

/// The segments' tiles as the dashboard shows them: label and tiles of the period.
pub type SegmentTiles = Vec<(String, Vec<Tile>)>;

/// The lines of `kpi`: the total (from `totals`) and each segment; `None` when the total has
/// no tile for it.
pub fn spec(kpi: Kpi, totals: &[Tile], segments: &SegmentTiles, lang: Lang) -> Option<LinesSpec> {
    let de = lang == Lang::De;
    let t = |g: &str, e: &str| if de { g.to_string() } else { e.to_string() };
    let total = totals.iter().find(|x| x.figure.kpi == kpi)?;
    let periods: Vec<_> = total.trend.iter().map(|p| p.period).collect();
    let nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
    let series_of = |tile: Option<&Tile>| -> Vec<f64> {
        periods
            .iter()
            .map(|p| {
                let point = tile.and_then(|x| x.trend.iter().find(|q| q.period == *p));
                nan(point.and_then(|q| q.value))
            })
            .collect()
    };
    let name = kpi.name(de);
    let segs = segments
        .iter()
        .map(|(label, tiles)| {
            (label.clone(), series_of(tiles.iter().find(|x| x.figure.kpi == kpi)))
        })
        .collect();
    let total_series =
        Series { name: t("Gesamt", "Total"), values: series_of(Some(total)), ..Default::default() };
    Some(LinesSpec {
        meta: Meta::new(
            format!("d-seg-{}", kpi.id()),
            t(&format!("{name} je Segment"), &format!("{name} by segment")),
            t(
                &format!("{name} je Zeitraum: gesamt und je Segment, eine Linie pro Segment."),
                &format!("{name} per period: the total and each segment, one line per segment."),
            ),
            t("Keine Daten", "No data"),
        ),
        x_labels: periods.iter().map(|p| p.label()).collect(),
        series: lines::segment_series(total_series, segs),
        x_label: t("Zeitraum", "Period"),
        y_label: name.to_string(),
        flag_label: String::new(),
    })
}

/// The chart of [`spec`], its values formatted for `lang` and `cur`.
pub fn chart(
    kpi: Kpi,
    totals: &[Tile],
    segments: &SegmentTiles,
    lang: Lang,
    cur: Currency,
) -> Option<ChartData> {
    let spec = spec(kpi, totals, segments, lang)?;
    let unit = kpi.unit();
    let fmt = move |v: f64| match unit {
        Unit::Money => format_money(v / 100.0, cur, lang, 0),
        _ => format::value(unit, v, lang, cur),
    };
    Some(ChartData::from(lines::draw(&spec, &fmt)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use analytics::segment;
    use analytics::{Period, ReportOptions};

    /// The demo data split by plan as the dashboard gets it (five shown and the rest).
    fn demo_split(shown: usize) -> (Vec<Tile>, SegmentTiles, Period) {
        let data = sample::demo();
        let attrs: Vec<_> = data.iter().map(segment::label_attributes).collect();
        let options = ReportOptions::default();
        let total =
            segment::filtered(&data, &attrs, &options, &[]).unwrap_or_else(|e| panic!("{e}"));
        let Some(as_of) = total.as_of else { panic!("no as-of day") };
        let period = Period::Month(as_of.date.month());
        let split = segment::split_first(&data, &attrs, &options, ("plan", &[]), shown)
            .unwrap_or_else(|e| panic!("{e}"));
        let segs = split
            .segments
            .iter()
            .map(|s| (s.label(true), analytics::tiles(&s.report, period)))
            .collect();
        (analytics::tiles(&total, period), segs, period)
    }

    /// MRR by plan: the segment lines add up to the total line in every month, also when
    /// only two plans are shown and the rest is one line.
    #[test]
    fn mrr_lines_by_plan_add_up_to_the_total_line_each_month() {
        for shown in [5, 2] {
            let (totals, segs, _) = demo_split(shown);
            let Some(spec) = spec(Kpi::Mrr, &totals, &segs, Lang::De) else { panic!("no MRR") };
            assert_eq!(spec.series[0].name, "Gesamt");
            assert_eq!(spec.series.len(), segs.len() + 1);
            assert!(spec.x_labels.len() >= 12, "{}", spec.x_labels.len());
            let total = &spec.series[0].values;
            for (i, t) in total.iter().enumerate() {
                let sum: f64 =
                    spec.series[1..].iter().map(|s| s.values[i]).filter(|v| v.is_finite()).sum();
                assert!(*t > 0.0, "month {i}");
                assert_eq!(sum, *t, "shown {shown}, month {}", spec.x_labels[i]);
            }
        }
        // Two shown: Basic/Pro/Business/(none) by rows, so the third line is the rest of two.
        let (_, segs, _) = demo_split(2);
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[2].0, "Rest (2 weitere)");
    }

    #[test]
    fn the_table_lists_every_series_and_ratios_get_lines_too() {
        let (totals, segs, _) = demo_split(5);
        for kpi in [Kpi::Mrr, Kpi::ChurnRate, Kpi::Ndr, Kpi::Grr, Kpi::Arpu] {
            let Some(c) = chart(kpi, &totals, &segs, Lang::En, Currency::Eur) else {
                panic!("no chart for {}", kpi.id())
            };
            let mut want = vec!["Period".to_string(), "Total".to_string()];
            want.extend(segs.iter().map(|(l, _)| l.clone()));
            assert_eq!(c.headers, want, "{}", kpi.id());
            assert!(c.svg.contains(&format!("{} by segment", kpi.name(false))));
        }
    }
}
