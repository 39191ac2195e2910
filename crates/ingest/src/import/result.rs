//! What an import produces: the dataset, the accounting of every row, the rejections with
//! their reasons, and the settings it ran with.

use crate::error::Lang;
use crate::value::{DateOrder, DecimalStyle};
use records::{Dataset, DatasetKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a row was skipped without being an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipRule {
    /// An empty line, or one with only delimiters and spaces.
    BlankLine,
    /// The header row repeated (concatenated exports, page breaks).
    RepeatedHeader,
    /// A sum row such as "Summe", "Total", "Gesamt", "Gesamtergebnis".
    TotalRow,
    /// A second header row right below the header, as SurveyMonkey writes it (`Response`,
    /// `Open-Ended Response` under each question), with no value in a required column.
    SubHeader,
}

impl SkipRule {
    /// Name of the rule for the user.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SkipRule::BlankLine, Lang::De) => "Leerzeile",
            (SkipRule::BlankLine, Lang::En) => "blank line",
            (SkipRule::RepeatedHeader, Lang::De) => "wiederholte Kopfzeile",
            (SkipRule::RepeatedHeader, Lang::En) => "repeated header",
            (SkipRule::TotalRow, Lang::De) => "Summenzeile",
            (SkipRule::TotalRow, Lang::En) => "total row",
            (SkipRule::SubHeader, Lang::De) => "zweite Kopfzeile",
            (SkipRule::SubHeader, Lang::En) => "second header row",
        }
    }
}

/// Where every data row of the file went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounting {
    /// Data rows in the file (physical records after the header, blank lines included).
    pub rows: u64,
    /// Rows that became records.
    pub used: u64,
    /// Rows rejected with a reason.
    pub rejected: u64,
    /// Rows skipped, per rule (only rules that fired, in rule order).
    pub skipped_by_rule: Vec<(SkipRule, u64)>,
}

impl Accounting {
    /// Total skipped rows.
    pub fn skipped(&self) -> u64 {
        self.skipped_by_rule.iter().map(|(_, n)| n).sum()
    }

    /// The invariant `used + rejected + skipped == rows`.
    pub fn adds_up(&self) -> bool {
        self.used + self.rejected + self.skipped() == self.rows
    }
}

/// What a rejected cell should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expected {
    /// A number.
    Number,
    /// An amount of money.
    Money,
    /// A whole number ≥ 0.
    Count,
    /// A date.
    Date,
    /// A date, optionally with time.
    DateTime,
    /// A month.
    Month,
    /// A yes/no value.
    Bool,
    /// A billing interval.
    Interval,
    /// won/lost/open.
    Outcome,
    /// NPS/CSAT/CES.
    SurveyKind,
    /// A duration.
    Duration,
    /// Any non-empty value (a required cell was empty).
    Value,
    /// A score on the survey scale of its file (CSAT or CES answers outside it).
    Scale {
        /// Lowest answer of the scale.
        min: u8,
        /// Highest answer of the scale.
        max: u8,
    },
    /// A closing quote: the row's last cell opens a quote that the file never closes, so
    /// every line after it would be part of that cell.
    ClosingQuote {
        /// The file's last line, where the open cell ends.
        last_line: u64,
    },
    /// A row with the header's number of fields.
    Fields {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
}

impl Expected {
    /// Short label (`Zahl` / `number`).
    pub fn label(self, lang: Lang) -> &'static str {
        use Expected::*;
        match (self, lang) {
            (Number, Lang::De) => "Zahl",
            (Number, Lang::En) => "number",
            (Money, Lang::De) => "Betrag",
            (Money, Lang::En) => "amount",
            (Count, Lang::De) => "ganze Zahl",
            (Count, Lang::En) => "whole number",
            (Date, Lang::De) => "Datum",
            (Date, Lang::En) => "date",
            (DateTime, Lang::De) => "Datum/Uhrzeit",
            (DateTime, Lang::En) => "date/time",
            (Month, Lang::De) => "Monat",
            (Month, Lang::En) => "month",
            (Bool, Lang::De) => "Ja/Nein",
            (Bool, Lang::En) => "yes/no",
            (Interval, Lang::De) => "Intervall",
            (Interval, Lang::En) => "interval",
            (Outcome, Lang::De) => "Ergebnis",
            (Outcome, Lang::En) => "outcome",
            (SurveyKind, Lang::De) => "Fragetyp",
            (SurveyKind, Lang::En) => "question type",
            (Duration, Lang::De) => "Dauer",
            (Duration, Lang::En) => "duration",
            (Value, Lang::De) => "Wert",
            (Value, Lang::En) => "value",
            (Scale { .. }, Lang::De) => "Antwort auf der Skala",
            (Scale { .. }, Lang::En) => "answer on the scale",
            (ClosingQuote { .. }, Lang::De) => "schließendes Anführungszeichen",
            (ClosingQuote { .. }, Lang::En) => "closing quote",
            (Fields { .. }, Lang::De) => "Feldanzahl",
            (Fields { .. }, Lang::En) => "field count",
        }
    }
}

/// One rejected row: where, what was expected, what was found, and what to fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// Physical line where the row starts (the header is line 1 when the file starts with it).
    pub line: u64,
    /// Header of the offending column (`None` for a wrong field count).
    pub column: Option<String>,
    /// Index of the offending column.
    pub column_index: Option<usize>,
    /// What the cell should have been.
    pub expected: Expected,
    /// The cell as found.
    pub found: String,
    /// German message, e.g. `Zeile 17, Spalte Betrag: »12,5,0« ist keine Zahl …`.
    pub message_de: String,
    /// English message.
    pub message_en: String,
    /// The row's cells as read, untrimmed, a neutralised cell as its original value
    /// ([`crate::csv_safe::restore`]), for the rejected-rows file.
    pub fields: Vec<String>,
}

impl Rejection {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.message_de,
            Lang::En => &self.message_en,
        }
    }
}

/// How one field was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSetting {
    /// Field id (`amount`, `start`, …).
    pub field: String,
    /// Column index.
    pub column: usize,
    /// Column header.
    pub header: String,
    /// Decimal style used for numbers.
    pub decimal: DecimalStyle,
    /// Day/month order used for slash dates.
    pub date_order: DateOrder,
    /// True when the order was not decidable from the values (taken from the options or
    /// day-first by default).
    pub date_ambiguous: bool,
}

/// The settings an import ran with (detected or given), so the UI can show and change them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Encoding.
    pub encoding: crate::Encoding,
    /// Delimiter.
    pub delimiter: char,
    /// Quote character.
    pub quote: char,
    /// Whether a header row was used.
    pub has_header: bool,
    /// Header cells.
    pub headers: Vec<String>,
    /// Dataset kind.
    pub kind: DatasetKind,
    /// Field id → column index.
    pub mapping: BTreeMap<String, usize>,
    /// Per mapped field: column, decimal style and date order.
    pub fields: Vec<FieldSetting>,
    /// A survey file's CSAT and CES scales and where each came from (empty for other kinds
    /// and for kinds the file has no answers of).
    #[serde(default)]
    pub survey_scales: Vec<ScaleSetting>,
}

/// Where a survey file's scale came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleSource {
    /// The user chose it ([`crate::ImportOptions::survey_scale`]).
    Chosen,
    /// The score column's header names it (`Zufriedenheit (1–5)`).
    Header,
    /// The smallest scale that holds every answer of the file.
    Values,
}

impl ScaleSource {
    /// `gewählt` / `chosen`, … for "scale 1–5 (from the header)".
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ScaleSource::Chosen, Lang::De) => "gewählt",
            (ScaleSource::Chosen, Lang::En) => "chosen",
            (ScaleSource::Header, Lang::De) => "aus der Kopfzeile",
            (ScaleSource::Header, Lang::En) => "from the header",
            (ScaleSource::Values, Lang::De) => "aus den Werten",
            (ScaleSource::Values, Lang::En) => "from the values",
        }
    }
}

/// The scale of one question kind of a survey file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleSetting {
    /// CSAT or CES.
    pub kind: records::SurveyKind,
    /// The scale its answers were read on.
    pub scale: records::SurveyScale,
    /// Where it came from.
    pub source: ScaleSource,
}

/// Progress of a running import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Data rows processed so far.
    pub rows: u64,
    /// Input bytes consumed so far (approximate: the reader buffers ahead).
    pub bytes: u64,
    /// Input size.
    pub total_bytes: u64,
}

/// Everything an import produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportResult {
    /// The typed rows.
    pub dataset: Dataset,
    /// Where every row went.
    pub accounting: Accounting,
    /// Rejected rows (at most `max_rejections`; the accounting counts all).
    pub rejections: Vec<Rejection>,
    /// Settings used.
    pub settings: Settings,
    /// What the import assumed because the export lacks a column, to show beside the figures.
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    /// The rows' segment attributes (one code per row of `dataset`, per attribute column).
    #[serde(default)]
    pub attributes: records::Attributes,
    /// The physical line (1 = the file's first line) where each row of `dataset` starts,
    /// one per row: the drill-down names it beside the row's contribution. 4 bytes a row.
    #[serde(default)]
    pub lines: Vec<u32>,
}

/// Something an import assumed because the export lacks a column (or a value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    /// The field the export lacks (`closed`, `first_response`, `lost_stage`, …).
    pub field: String,
    /// What was assumed, in German.
    pub message_de: String,
    /// What was assumed, in English.
    pub message_en: String,
}

impl Assumption {
    /// The text in `lang`.
    pub fn message(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::De => &self.message_de,
            crate::Lang::En => &self.message_en,
        }
    }
}
