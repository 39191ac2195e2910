//! What the worker holds: every imported file with its rows and rejections, and the report
//! options. Pure Rust, so it is tested natively.

use crate::{
    i18n,
    protocol::{
        CsvFile, DrillLine, DrillTable, FileInfo, Place, SegmentChoice, Snapshot, MAX_DRILL_ITEMS,
        SHOWN_SEGMENTS,
    },
};
use analytics::segment::{self, Segment};
use analytics::{Report, ReportOptions};
use ingest::{Accounting, Rejection};
use locale::Lang;
use records::{Attributes, Dataset};

/// At-risk accounts sent to the page at most (the list and its CSV export show these; the
/// count on the tile is the full total).
pub const MAX_AT_RISK: usize = 10_000;

/// One imported file (its rows are in `Store::datasets` at the same index).
struct Stored {
    info: FileInfo,
    rejections: Vec<Rejection>,
    headers: Vec<String>,
    delimiter: char,
    /// The line of each row (empty for the demo data).
    lines: Vec<u32>,
}

/// Every file of this session.
#[derive(Default)]
pub struct Store {
    files: Vec<Stored>,
    /// Kept apart from the entries so the report borrows them without a copy.
    datasets: Vec<Dataset>,
    /// The segment attributes of each dataset (same index).
    attributes: Vec<Attributes>,
    options: ReportOptions,
    choice: SegmentChoice,
    next_id: u32,
}

/// What an import adds besides the rows.
pub struct Extra {
    /// Rejected rows (all the importer kept).
    pub rejections: Vec<Rejection>,
    /// Header cells, for the rejected-rows file.
    pub headers: Vec<String>,
    /// The file's delimiter, so the rejected-rows file opens like the original.
    pub delimiter: char,
    /// A survey file's scales, shown with the import's result.
    pub survey_scales: Vec<ingest::ScaleSetting>,
    /// The line of each row, for the drill-down (empty for the demo data).
    pub lines: Vec<u32>,
    /// The rows' segment attributes.
    pub attributes: Attributes,
}

impl Store {
    /// Adds a file and returns its entry.
    pub fn add(
        &mut self,
        name: String,
        dataset: Dataset,
        accounting: Accounting,
        extra: Extra,
    ) -> FileInfo {
        self.next_id += 1;
        let info = FileInfo {
            id: self.next_id,
            name,
            kind: dataset.kind(),
            accounting,
            survey_scales: extra.survey_scales,
        };
        self.datasets.push(dataset);
        self.attributes.push(extra.attributes);
        self.files.push(Stored {
            info: info.clone(),
            rejections: extra.rejections,
            headers: extra.headers,
            delimiter: extra.delimiter,
            lines: extra.lines,
        });
        info
    }

    /// Adds the demo data of every kind, one file per kind named in `lang`.
    pub fn add_sample(&mut self, lang: Lang) {
        for dataset in sample::demo() {
            let kind = dataset.kind();
            let rows = dataset.len() as u64;
            let accounting = Accounting { rows, used: rows, ..Default::default() };
            let extra = Extra {
                rejections: Vec::new(),
                headers: Vec::new(),
                delimiter: ';',
                survey_scales: Vec::new(),
                lines: Vec::new(),
                attributes: segment::label_attributes(&dataset),
            };
            self.add(i18n::sample_file_name(kind, lang), dataset, accounting, extra);
        }
    }

    /// Removes a file (unknown ids are ignored).
    pub fn remove(&mut self, id: u32) {
        if let Some(i) = self.files.iter().position(|f| f.info.id == id) {
            self.files.remove(i);
            self.datasets.remove(i);
            self.attributes.remove(i);
        }
    }

    /// Sets the report options.
    pub fn set_options(&mut self, options: ReportOptions) {
        self.options = options;
    }

    /// Sets the split and the filter.
    pub fn set_choice(&mut self, choice: SegmentChoice) {
        self.choice = choice;
    }

    /// The report over all files (of the filtered rows), `None` without files. A filter
    /// whose attribute or value is gone (its file removed) is dropped.
    pub fn report(&mut self) -> Option<Report> {
        if self.datasets.is_empty() {
            return None;
        }
        let (data, attrs, options) = (&self.datasets, &self.attributes, &self.options);
        match segment::filtered(data, attrs, options, &self.choice.filter) {
            Ok(r) => Some(r),
            Err(_) => {
                self.choice.filter.clear();
                Some(analytics::report(data, options))
            }
        }
    }

    /// The first [`SHOWN_SEGMENTS`] segments of the split; none without a split (or when its
    /// attribute is gone, and then the split is dropped).
    fn segments(&mut self) -> Vec<Segment> {
        let Some(by) = self.choice.by.clone() else { return Vec::new() };
        let (data, attrs, options) = (&self.datasets, &self.attributes, &self.options);
        let choice = (by.as_str(), self.choice.filter.as_slice());
        match segment::split_first(data, attrs, options, choice, SHOWN_SEGMENTS) {
            Ok(split) => {
                let mut segments = split.segments;
                for s in &mut segments {
                    s.report.health = s.report.health.as_ref().map(|h| h.trimmed(0, 0));
                }
                segments
            }
            Err(_) => {
                self.choice.by = None;
                Vec::new()
            }
        }
    }

    /// Every file as the UI lists it.
    pub fn files(&self) -> Vec<FileInfo> {
        self.files.iter().map(|f| f.info.clone()).collect()
    }

    /// The file list and the report, as sent after every change. The page gets the health
    /// section trimmed (no per-account list, at most [`MAX_AT_RISK`] at-risk accounts): a
    /// file of 354,000 customers once made a report that took the tab 4 s to decode.
    pub fn snapshot(&mut self) -> Snapshot {
        let report = self.report().map(|mut r| {
            r.health = r.health.map(|h| h.trimmed(0, MAX_AT_RISK));
            Box::new(r)
        });
        let segments = self.segments();
        Snapshot {
            files: self.files(),
            report,
            attributes: segment::attributes(&self.attributes),
            choice: self.choice.clone(),
            segments,
        }
    }

    /// The rows behind `target` (a KPI's figure in a period, a cohort cell, an account's
    /// health score) with file name and line, of the rows the filter keeps (`None`: no
    /// drill-down for the KPI, or no data for it).
    pub fn drill(&self, target: &analytics::Target) -> Option<DrillTable> {
        let (data, attrs, filter) = (&self.datasets, &self.attributes, &self.choice.filter);
        let d = analytics::drill_where(data, attrs, &self.options, filter, target).ok()??;
        let (kpi, period) = (d.kpi, d.period);
        let place = |r: &analytics::RowRef| {
            let f = self.files.get(r.dataset);
            Place {
                file: f.map(|f| f.info.name.clone()).unwrap_or_default(),
                line: f.and_then(|f| f.lines.get(r.row).copied()),
            }
        };
        let count = d.items.len();
        let items = d
            .items
            .into_iter()
            .take(MAX_DRILL_ITEMS)
            .map(|i| DrillLine {
                rows: i.rows.iter().map(place).collect(),
                key: i.key,
                contribution: i.contribution,
                value: i.value,
                is_figure: i.is_figure,
            })
            .collect();
        Some(DrillTable {
            kpi,
            period,
            additive: d.additive,
            combine: d.combine,
            total: d.total,
            denominator: d.denominator,
            items,
            count,
        })
    }

    /// The rejected rows of file `id` as CSV (with a byte-order mark so Excel reads the
    /// umlauts) with a file name for it; `None` for a file that is not (or no longer) here.
    pub fn rejections_csv(&self, id: u32, lang: Lang) -> Option<CsvFile> {
        let f = self.files.iter().find(|f| f.info.id == id)?;
        let mut out = Vec::new();
        ingest::write_rejections_csv(&mut out, &f.headers, &f.rejections, f.delimiter, lang)
            .ok()?;
        let stem = f.info.name.rsplit_once('.').map_or(f.info.name.as_str(), |(s, _)| s);
        let text = String::from_utf8_lossy(&out);
        Some(CsvFile {
            name: i18n::rejections_file_name(stem, lang),
            csv: format!("\u{feff}{text}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use analytics::segment::Condition;
    use analytics::{Kpi, Period, Target};
    use records::DatasetKind;

    fn costs(n: usize) -> Dataset {
        sample::generate(DatasetKind::Costs, n, 1)
    }

    fn extra() -> Extra {
        Extra {
            rejections: Vec::new(),
            headers: vec!["a".into()],
            delimiter: ';',
            survey_scales: Vec::new(),
            lines: Vec::new(),
            attributes: Attributes::default(),
        }
    }

    #[test]
    fn files_are_added_removed_and_reported() {
        let mut store = Store::default();
        assert_eq!(store.report(), None);
        let acc = Accounting { rows: 3, used: 3, ..Default::default() };
        let a = store.add("a.csv".into(), costs(3), acc.clone(), extra());
        let b = store.add("b.csv".into(), costs(5), acc, extra());
        assert_eq!((a.id, b.id, a.kind), (1, 2, DatasetKind::Costs));
        let rows =
            |s: &mut Store| s.report().map(|r| r.datasets.iter().map(|d| d.rows).sum::<usize>());
        assert_eq!(rows(&mut store), Some(8));
        store.remove(1);
        assert_eq!(rows(&mut store), Some(5));
        let files = store.snapshot().files;
        assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["b.csv"]);
        store.remove(2);
        assert_eq!(store.report(), None);
    }

    fn fixture(store: &mut Store, name: &str) {
        let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).unwrap_or_default();
        let Ok(r) = ingest::import(&bytes, &Default::default()) else { panic!("{name}") };
        let extra = Extra { attributes: r.attributes, ..extra() };
        store.add(name.into(), r.dataset, r.accounting, extra);
    }

    #[test]
    fn segments_follow_the_choice_and_a_choice_whose_file_is_gone_is_dropped() {
        let mut store = Store::default();
        fixture(&mut store, "segments_subscriptions.csv");
        fixture(&mut store, "segments_tickets.csv");
        store.set_options(ReportOptions {
            as_of: records::Date::from_ymd(2025, 4, 30),
            ..ReportOptions::default()
        });
        let keys: Vec<String> = store.snapshot().attributes.into_iter().map(|a| a.key).collect();
        assert_eq!(keys, ["plan", "land", "channel", "urgency"]);
        let filter = vec!["channel=Telefon".parse().unwrap_or_else(|_| panic!("condition"))];
        store.set_choice(SegmentChoice { by: Some("plan".into()), filter });
        let snap = store.snapshot();
        // Only K2's phone ticket is left, and K2 is on Team: one segment.
        let labels: Vec<String> = snap.segments.iter().map(|s| s.label(false)).collect();
        assert_eq!(labels, ["Team"]);
        store.set_choice(SegmentChoice { by: Some("plan".into()), filter: Vec::new() });
        let snap = store.snapshot();
        let march = |s: &Segment| s.report.revenue.as_ref().map(|r| r.months[2].mrr.cents());
        let mrr: Vec<Option<i64>> = snap.segments.iter().map(march).collect();
        assert_eq!(mrr, [Some(13_000), Some(55_000), Some(2_050)]);
        // Removing the tickets file takes the channel away: a filter on it is dropped.
        store.set_choice(SegmentChoice {
            by: Some("channel".into()),
            filter: vec![Condition { attribute: "channel".into(), value: "E-Mail".into() }],
        });
        store.remove(2);
        let snap = store.snapshot();
        assert_eq!(snap.choice, SegmentChoice::default());
        assert!(snap.segments.is_empty());
        assert!(snap.report.is_some());
    }

    #[test]
    fn sample_files_are_named_in_the_requested_language() {
        // LoadSample once carried a bare `de: bool`; now it carries the one Lang type.
        let mut store = Store::default();
        store.add_sample(Lang::En);
        let names: Vec<String> = store.snapshot().files.into_iter().map(|f| f.name).collect();
        assert_eq!(names.len(), sample::DEMO_SIZES.len());
        assert!(names.contains(&"Sample data (costs)".to_string()), "{names:?}");
        store.add_sample(Lang::De);
        let names: Vec<String> = store.snapshot().files.into_iter().map(|f| f.name).collect();
        assert!(names.contains(&"Beispieldaten (costs)".to_string()), "{names:?}");
    }

    #[test]
    fn rejected_rows_come_back_with_line_reason_and_cells() {
        let csv = "Kunde;Beginn;Betrag\nA;01.01.2025;10\nB;01.01.2025;12,5,0\n";
        let result = ingest::import(csv.as_bytes(), &Default::default());
        let Ok(result) = result else { panic!("import failed") };
        assert_eq!(result.accounting.rejected, 1);
        let mut store = Store::default();
        let extra = Extra {
            rejections: result.rejections,
            headers: result.settings.headers,
            delimiter: result.settings.delimiter,
            survey_scales: result.settings.survey_scales,
            lines: result.lines,
            attributes: result.attributes,
        };
        let info = store.add("abo.csv".into(), result.dataset, result.accounting, extra);
        let Some(CsvFile { name, csv }) = store.rejections_csv(info.id, Lang::De) else {
            panic!("no csv")
        };
        assert_eq!(name, "abo-abgelehnt.csv");
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("\u{feff}Zeile;Grund;Kunde;Beginn;Betrag"));
        let row = lines.next().unwrap_or_default();
        assert!(row.starts_with("3;"), "{row}");
        assert!(row.ends_with(";B;01.01.2025;12,5,0"), "{row}");
        assert_eq!(store.rejections_csv(99, Lang::De), None);
        let english = store.rejections_csv(info.id, Lang::En).map(|f| f.name);
        assert_eq!(english.as_deref(), Some("abo-rejected.csv"));
    }

    #[test]
    fn drill_names_each_rows_file_and_line() {
        // Line 1 header, 2 A 10,00 Team from January, 3 rejected, 4 B 20,00 Pro from February.
        let csv =
            "Kunde;Beginn;Betrag;Tarif\nA;01.01.2025;10;Team\nB;xx;1;Pro\nB;01.02.2025;20;Pro\n";
        let Ok(result) = ingest::import(csv.as_bytes(), &Default::default()) else {
            panic!("import failed")
        };
        let mut store = Store::default();
        let extra = Extra { lines: result.lines, attributes: result.attributes, ..extra() };
        store.add("abo.csv".into(), result.dataset, result.accounting, extra);
        let month = records::Month::from_ym(2025, 2).unwrap_or_else(|| panic!("month"));
        let kpi = |kpi, p| Target::Kpi(kpi, p);
        let Some(d) = store.drill(&kpi(Kpi::Mrr, Period::Month(month))) else { panic!("no drill") };
        let rows: Vec<(&str, Option<f64>, Vec<Place>)> =
            d.items.iter().map(|i| (i.key.as_str(), i.contribution, i.rows.clone())).collect();
        let at = |line| vec![Place { file: "abo.csv".into(), line: Some(line) }];
        assert_eq!(rows, [("B", Some(2_000.0), at(4)), ("A", Some(1_000.0), at(2))]);
        assert_eq!((d.total, d.count, d.additive), (Some(3_000.0), 2, true));
        // ARPU: the same rows, their sum ÷ 2 customers.
        let arpu = store.drill(&kpi(Kpi::Arpu, Period::Month(month)));
        let arpu = arpu.map(|d| (d.combine, d.denominator, d.total));
        assert_eq!(arpu, Some((analytics::Combine::PerUnit, Some(2.0), Some(1_500.0))));
        // A KPI without a drill-down, and one without its data.
        assert_eq!(store.drill(&kpi(Kpi::SalesVelocity, Period::Month(month))), None);
        assert_eq!(store.drill(&kpi(Kpi::HealthScore, Period::Month(month))), None);
        // A cohort cell: January's cohort one month on is A alone, shown as MRR of February.
        let jan = records::Month::from_ym(2025, 1).unwrap_or_else(|| panic!("month"));
        let Some(c) = store.drill(&Target::Cohort(jan, 1)) else { panic!("no cohort drill") };
        let rows: Vec<(&str, Option<f64>, Vec<Place>)> =
            c.items.iter().map(|i| (i.key.as_str(), i.contribution, i.rows.clone())).collect();
        assert_eq!(rows, [("A", Some(1_000.0), at(2))]);
        assert_eq!(
            (c.kpi, c.period, c.total, c.count),
            (Kpi::Mrr, Period::Month(month), Some(1_000.0), 1)
        );
        let feb = store.drill(&Target::Cohort(month, 0));
        assert_eq!(
            feb.map(|d| (d.items[0].key.clone(), d.total)),
            Some(("B".into(), Some(2_000.0)))
        );
        // With the filter "only plan Pro": the rows behind the filtered figure, B alone.
        let filter = vec![Condition { attribute: "tarif".into(), value: "Pro".into() }];
        store.set_choice(SegmentChoice { by: None, filter });
        let pro = store.drill(&kpi(Kpi::Mrr, Period::Month(month)));
        let pro = pro.map(|d| (d.items.iter().map(|i| i.key.clone()).collect::<Vec<_>>(), d.total));
        assert_eq!(pro, Some((vec!["B".to_string()], Some(2_000.0))));
    }

    #[test]
    fn the_sample_snapshot_crosses_the_wire_unchanged() {
        // Every section of the report (the sample has every kind), the segments of a split
        // and the attributes: one JSON string from the worker gives the page the same values,
        // floats to the last bit.
        use crate::protocol::{from_wire, to_wire, Response};
        let mut store = Store::default();
        store.add_sample(Lang::En);
        let by = store.snapshot().attributes.first().map(|a| a.key.clone());
        assert!(by.is_some());
        store.set_choice(SegmentChoice { by, filter: Vec::new() });
        let snap = store.snapshot();
        let sections = snap.report.as_ref().map(|r| {
            (r.revenue.is_some(), r.health.is_some(), r.tickets.is_some(), r.surveys.is_some())
        });
        assert_eq!(sections, Some((true, true, true, true)));
        assert!(snap.report.as_ref().is_some_and(|r| r.deals.is_some()));
        assert!(snap.segments.len() >= 2, "{}", snap.segments.len());
        let sent = Response::Snapshot { job: 7, answer: snap };
        let text = to_wire(&sent).unwrap_or_default();
        assert!(text.starts_with(r#"{"snapshot":{"job":7,"answer":{"files":["#), "{text:.80}");
        let back = from_wire::<Response>(&text);
        // What crosses comes back as sent: the same text again ...
        assert_eq!(back.as_ref().and_then(to_wire).as_deref(), Some(text.as_str()));
        // ... and the same values, but for the deal section's running sums, which are never
        // serialised (`#[serde(skip)]`, in any format; the page does not use them).
        let without_deals = |r: Option<Response>| match r {
            Some(Response::Snapshot { answer: mut s, .. }) => {
                let reports = s.report.iter_mut().map(|r| &mut **r);
                for r in reports.chain(s.segments.iter_mut().map(|g| &mut g.report)) {
                    r.deals = None;
                }
                Some(s)
            }
            _ => None,
        };
        let back = without_deals(back);
        assert!(back.is_some());
        assert_eq!(back, without_deals(Some(sent)));
    }

    #[test]
    fn the_report_export_is_serde_jsons_pretty_text() {
        // The page's JSON export re-lays the compact text (`protocol::pretty`) instead of
        // pretty-printing with serde: the same bytes, for the sample's whole report.
        let mut store = Store::default();
        store.add_sample(Lang::De);
        let Some(report) = store.snapshot().report else { panic!("no report") };
        let compact = crate::protocol::to_wire(&report).unwrap_or_default();
        let want = serde_json::to_string_pretty(&report).unwrap_or_default();
        assert!(want.len() > 10_000, "{}", want.len());
        assert_eq!(crate::protocol::pretty(&compact), want);
    }
}
