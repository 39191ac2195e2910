//! Errors for files that cannot be imported at all, with German and English messages.
//!
//! Problems with single rows are not errors: they become [`crate::Rejection`]s and the rest
//! of the file is still imported.

use records::DatasetKind;
use serde::{Deserialize, Serialize};

/// Language of user-facing messages (the product's one language type, from `locale`).
pub use locale::Lang;

/// Which spreadsheet format was given instead of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpreadsheetFormat {
    /// Excel 2007+ (`.xlsx`, a ZIP archive; also `.ods`, `.numbers`).
    Xlsx,
    /// Excel 97–2003 (`.xls`, an OLE compound file).
    Xls,
}

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IngestError {
    /// The file has 0 bytes.
    #[error("the file is empty (0 bytes)")]
    ZeroBytes,
    /// The file contains only whitespace or blank lines.
    #[error("the file contains only blank lines")]
    OnlyWhitespace,
    /// The file has a header row but no data rows.
    #[error("the file has a header row but no data rows")]
    HeaderOnly {
        /// The header cells found.
        headers: Vec<String>,
    },
    /// The file looks binary (NUL bytes or many control characters).
    #[error("the file is not text (binary content at byte {offset})")]
    Binary {
        /// Byte offset of the first NUL or control character.
        offset: usize,
    },
    /// A spreadsheet file was given instead of CSV.
    #[error("this is a spreadsheet ({format:?}), not a CSV file")]
    Spreadsheet {
        /// Which format was recognised from the magic bytes.
        format: SpreadsheetFormat,
    },
    /// No dataset kind matches the headers well enough.
    #[error("no known dataset kind matches the columns {headers:?}")]
    UnknownKind {
        /// The header cells found.
        headers: Vec<String>,
    },
    /// A required field of the chosen kind has no column.
    #[error("required column {field} for {kind:?} is missing")]
    MissingColumn {
        /// The dataset kind.
        kind: DatasetKind,
        /// The field id (e.g. `customer`).
        field: String,
        /// German label of the field.
        label_de: String,
    },
    /// The mapping names a column that does not exist or a field the kind does not have.
    #[error("mapping of {field} to column {index} is invalid ({columns} columns)")]
    BadMapping {
        /// The field id.
        field: String,
        /// The column index given.
        index: usize,
        /// Number of columns in the file.
        columns: usize,
    },
    /// The caller cancelled the import through the progress callback.
    #[error("import cancelled after {rows} rows")]
    Cancelled {
        /// Rows processed before cancelling.
        rows: u64,
    },
    /// The first data row (or the header) does not end within the sniffing bound, so the
    /// columns cannot be told: a row longer than the bound, or a quote that is never closed.
    #[error("the row starting on line {line} does not end within {limit_bytes} bytes")]
    RowTooLong {
        /// Physical line where the row starts.
        line: u64,
        /// The bound in bytes ([`crate::SNIFF_MAX_BYTES`]).
        limit_bytes: u64,
        /// Whether the bound was reached inside a quoted field (a quote never closed).
        open_quote: bool,
    },
    /// Reading failed below the CSV layer (should not happen for in-memory input).
    #[error("read error near line {line}: {message}")]
    Read {
        /// Physical line.
        line: u64,
        /// The underlying message.
        message: String,
    },
}

impl IngestError {
    /// Message for the user in the given language, saying what to do.
    pub fn message(&self, lang: Lang) -> String {
        use IngestError::*;
        match (self, lang) {
            (ZeroBytes, Lang::De) => "Die Datei ist leer (0 Bytes). Bitte den Export erneut \
                                      speichern."
                .into(),
            (ZeroBytes, Lang::En) => "The file is empty (0 bytes). Please export it again.".into(),
            (OnlyWhitespace, Lang::De) => "Die Datei enthält nur Leerzeilen.".into(),
            (OnlyWhitespace, Lang::En) => "The file contains only blank lines.".into(),
            (HeaderOnly { headers }, Lang::De) => format!(
                "Die Datei hat nur eine Kopfzeile ({}) und keine Datenzeilen.",
                headers.join(", ")
            ),
            (HeaderOnly { headers }, Lang::En) => {
                format!("The file has only a header row ({}) and no data rows.", headers.join(", "))
            }
            (Binary { offset }, Lang::De) => format!(
                "Die Datei ist keine Textdatei (Binärdaten ab Byte {offset}). Bitte als CSV \
                 exportieren."
            ),
            (Binary { offset }, Lang::En) => format!(
                "The file is not text (binary data at byte {offset}). Please export as CSV."
            ),
            (Spreadsheet { format }, Lang::De) => format!(
                "Das ist eine Excel-Datei ({}), keine CSV-Datei. In Excel »Speichern unter« → \
                 »CSV (Trennzeichen-getrennt)« wählen.",
                spreadsheet_name(*format)
            ),
            (Spreadsheet { format }, Lang::En) => format!(
                "This is an Excel file ({}), not a CSV file. In Excel choose “Save as” → “CSV”.",
                spreadsheet_name(*format)
            ),
            (UnknownKind { headers }, Lang::De) => format!(
                "Die Spalten ({}) passen zu keiner bekannten Datenart. Bitte die Datenart \
                 auswählen und die Spalten zuordnen.",
                headers.join(", ")
            ),
            (UnknownKind { headers }, Lang::En) => format!(
                "The columns ({}) match no known dataset kind. Please choose the kind and map \
                 the columns.",
                headers.join(", ")
            ),
            (MissingColumn { kind, label_de, .. }, Lang::De) => format!(
                "Für {} fehlt die Pflichtspalte »{label_de}«. Bitte eine Spalte zuordnen.",
                kind.id()
            ),
            (MissingColumn { kind, field, .. }, Lang::En) => format!(
                "The required column “{field}” for {} is missing. Please map a column to it.",
                kind.id()
            ),
            (BadMapping { field, index, columns }, Lang::De) => format!(
                "Zuordnung ungültig: Feld »{field}« → Spalte {} (die Datei hat {columns} \
                 Spalten).",
                index + 1
            ),
            (BadMapping { field, index, columns }, Lang::En) => format!(
                "Invalid mapping: field “{field}” → column {} (the file has {columns} columns).",
                index + 1
            ),
            (Cancelled { rows }, Lang::De) => format!("Import nach {rows} Zeilen abgebrochen."),
            (Cancelled { rows }, Lang::En) => format!("Import cancelled after {rows} rows."),
            (RowTooLong { line, limit_bytes, open_quote }, Lang::De) => {
                let mib = limit_bytes >> 20;
                let why = if *open_quote {
                    "Ein Anführungszeichen in ihr wird nicht geschlossen – bitte das \
                     schließende Anführungszeichen ergänzen oder das öffnende entfernen."
                } else {
                    "Bitte prüfen, ob die Datei Zeilenumbrüche hat und wirklich eine CSV-Datei ist."
                };
                format!("Zeile {line}: Die Zeile endet nicht innerhalb von {mib} MiB. {why}")
            }
            (RowTooLong { line, limit_bytes, open_quote }, Lang::En) => {
                let mib = limit_bytes >> 20;
                let why = if *open_quote {
                    "A quote in it is never closed – please add the closing quote or remove the \
                     opening one."
                } else {
                    "Please check that the file has line breaks and really is a CSV file."
                };
                format!("Line {line}: the row does not end within {mib} MiB. {why}")
            }
            (Read { line, message }, Lang::De) => {
                format!("Lesefehler bei Zeile {line}: {message}")
            }
            (Read { line, message }, Lang::En) => format!("Read error near line {line}: {message}"),
        }
    }
}

fn spreadsheet_name(format: SpreadsheetFormat) -> &'static str {
    match format {
        SpreadsheetFormat::Xlsx => ".xlsx",
        SpreadsheetFormat::Xls => ".xls",
    }
}
