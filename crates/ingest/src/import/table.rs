//! The table as read: the header and every record's cells as text, before any typing, so a
//! file whose kind is unknown or whose required column is missing can still be shown to the
//! user before they are told what is missing. Read with the import's own reader and dialect,
//! so the table is exactly what the import would convert.

use crate::csv_safe::restore;
use crate::error::IngestError;
use crate::sniff::Sniffed;
use serde::{Deserialize, Serialize};

/// One record as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// Physical line where the record starts (the header is line 1 when the file starts with
    /// it).
    pub line: u64,
    /// The cells, untrimmed; a cell neutralised by an earlier download reads as its value.
    pub cells: Vec<String>,
}

/// A file as read: header and every data record, untyped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Physical line of the header row (of the first data row without one).
    pub header_line: u64,
    /// Header cells (`column_N` without a header row), as the sniffer named them.
    pub headers: Vec<String>,
    /// Every record after the header that has a non-blank cell (blank lines and rows of
    /// only delimiters are left out; lines above the header too).
    pub rows: Vec<TableRow>,
}

/// Reads the whole input as a table in the layout `sniffed` found (encoding, delimiter,
/// quote, header row).
pub fn read_table(bytes: &[u8], sniffed: &Sniffed) -> Result<Table, IngestError> {
    let mut rdr = super::reader(bytes, sniffed);
    let mut rec = csv::ByteRecord::new();
    let mut rows = Vec::new();
    let mut read_start = 0u64;
    let mut header_seen = !sniffed.has_header;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(IngestError::Read { line, message: e.to_string() });
            }
        }
        let (line, _) = rdr.get_mut().lines.locate(read_start);
        read_start = rdr.position().byte();
        if line < sniffed.header_line {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let cells: Vec<String> =
            rec.iter().map(|c| restore(&String::from_utf8_lossy(c)).to_string()).collect();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            rows.push(TableRow { line, cells });
        }
    }
    Ok(Table { header_line: sniffed.header_line, headers: sniffed.headers.clone(), rows })
}
