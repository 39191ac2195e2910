//! What the worker holds: every imported file with its rows and rejections, and the report
//! options. Pure Rust, so it is tested natively.

use analytics::{Kpi, Period, Report, ReportOptions};
use ingest::{Accounting, Rejection};
use kennzahl::{
    i18n,
    protocol::{CsvFile, DrillLine, DrillTable, FileInfo, Place, Snapshot, MAX_DRILL_ITEMS},
};
use locale::Lang;
use records::Dataset;

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
    options: ReportOptions,
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
            };
            self.add(i18n::sample_file_name(kind, lang), dataset, accounting, extra);
        }
    }

    /// Removes a file (unknown ids are ignored).
    pub fn remove(&mut self, id: u32) {
        if let Some(i) = self.files.iter().position(|f| f.info.id == id) {
            self.files.remove(i);
            self.datasets.remove(i);
        }
    }

    /// Sets the report options.
    pub fn set_options(&mut self, options: ReportOptions) {
        self.options = options;
    }

    /// The report over all files, `None` without files.
    pub fn report(&self) -> Option<Report> {
        (!self.datasets.is_empty()).then(|| analytics::report(&self.datasets, &self.options))
    }

    /// The file list and the report, as sent after every change. The page gets the health
    /// section trimmed (no per-account list, at most [`MAX_AT_RISK`] at-risk accounts): a
    /// file of 354,000 customers once made a report that took the tab 4 s to decode.
    pub fn snapshot(&self) -> Snapshot {
        let report = self.report().map(|mut r| {
            r.health = r.health.map(|h| h.trimmed(0, MAX_AT_RISK));
            Box::new(r)
        });
        Snapshot { files: self.files.iter().map(|f| f.info.clone()).collect(), report }
    }

    /// The rows behind `kpi` in `period` with file name and line (`None`: no drill-down for
    /// the KPI, or no data for it).
    pub fn drill(&self, kpi: Kpi, period: Period) -> Option<DrillTable> {
        let d = analytics::drill(&self.datasets, &self.options, kpi, period)?;
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
            })
            .collect();
        Some(DrillTable { kpi, period, additive: d.additive, total: d.total, items, count })
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
        let rows = |s: &Store| s.report().map(|r| r.datasets.iter().map(|d| d.rows).sum::<usize>());
        assert_eq!(rows(&store), Some(8));
        store.remove(1);
        assert_eq!(rows(&store), Some(5));
        let files = store.snapshot().files;
        assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["b.csv"]);
        store.remove(2);
        assert_eq!(store.report(), None);
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
        // Line 1 header, 2 A 10,00 from January, 3 rejected, 4 B 20,00 from February.
        let csv = "Kunde;Beginn;Betrag\nA;01.01.2025;10\nB;xx;1\nB;01.02.2025;20\n";
        let Ok(result) = ingest::import(csv.as_bytes(), &Default::default()) else {
            panic!("import failed")
        };
        let mut store = Store::default();
        let extra = Extra { lines: result.lines, ..extra() };
        store.add("abo.csv".into(), result.dataset, result.accounting, extra);
        let month = records::Month::from_ym(2025, 2).unwrap_or_else(|| panic!("month"));
        let Some(d) = store.drill(Kpi::Mrr, Period::Month(month)) else { panic!("no drill") };
        let rows: Vec<(&str, Option<f64>, Vec<Place>)> =
            d.items.iter().map(|i| (i.key.as_str(), i.contribution, i.rows.clone())).collect();
        let at = |line| vec![Place { file: "abo.csv".into(), line: Some(line) }];
        assert_eq!(rows, [("B", Some(2_000.0), at(4)), ("A", Some(1_000.0), at(2))]);
        assert_eq!((d.total, d.count, d.additive), (Some(3_000.0), 2, true));
        // A KPI without a drill-down.
        assert_eq!(store.drill(Kpi::HealthScore, Period::Month(month)), None);
    }
}
