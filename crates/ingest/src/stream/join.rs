//! One file imported in parts, for callers with threads (`kennzahl`'s `read`): the
//! importer of the file's start is [forked](Importer::fork) once its head is sniffed; the
//! [`Fork`] [starts](Fork::start) an importer for the part after a `\n` byte further on (its
//! first line number counted by the caller), which reads to the end of the file and becomes
//! a [`Part`]; the first importer reads up to that byte and [joins](Importer::join) the part.
//! The result is the one of a single importer over the whole file: same rows, lines,
//! accounting, rejections (with their lines) and attribute codes.
//!
//! A `\n` byte is not always a record's end (it may stand inside a quoted cell, or a stray
//! quote may have opened one): the join checks that the first importer stopped right after
//! a record's line end with nothing begun, and refuses otherwise, as it does when the
//! attributes cannot be joined exactly; the caller then pushes the rest of the file into
//! the first importer, which gives the same result more slowly.

use super::{Importer, Running, State};
use crate::encoding::LineTracker;
use crate::error::IngestError;
use crate::import::{ImportResult, Session};
use crate::sniff::Sniffed;
use crate::{Encoding, ImportOptions};

/// What an importer for a later part of a file needs from the importer of its start.
#[derive(Debug, Clone)]
pub struct Fork {
    sniffed: Sniffed,
    options: ImportOptions,
    /// Line breaks and bytes of the sniffed head, to reserve the part's rows.
    rate: Option<(u64, u64)>,
}

/// A later part of a file read to the file's end, to be [joined](Importer::join).
pub struct Part {
    session: Session,
    /// Blank lines after its last record.
    trailing: u64,
}

impl Importer {
    /// What importers of later parts of this file need; `None` before the head is sniffed,
    /// and for files that cannot be cut at a `\n` byte: UTF-16, or a line break as
    /// delimiter or quote.
    pub fn fork(&self) -> Option<Fork> {
        let (sniffed, rate) = self.sniffed.as_deref()?;
        let State::Running(_) = &self.state else { return None };
        let ascii =
            matches!(sniffed.encoding, Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Windows1252);
        let breaks = |c: char| matches!(c, '\n' | '\r');
        if !ascii || breaks(sniffed.delimiter) || breaks(sniffed.quote) {
            return None;
        }
        Some(Fork { sniffed: sniffed.clone(), options: self.options.clone(), rate: *rate })
    }

    /// Whether the bytes pushed so far end right after a record's line end, past the
    /// header, with nothing of a next record begun: where a later part may start.
    pub fn at_line_start(&self) -> bool {
        matches!(&self.state, State::Running(run) if run.at_line_start())
    }

    /// Ends an importer made by [`Fork::start`] at the end of the file.
    pub fn finish_part(self) -> Result<Part, IngestError> {
        match self.state {
            State::Running(mut run) => {
                run.feed(&[], true);
                let trailing = run.lines.trailing_blanks(run.read_start);
                Ok(Part { session: run.session, trailing })
            }
            State::Failed(e) => Err(e),
            State::Head(..) => Err(IngestError::ZeroBytes),
        }
    }

    /// Appends `part`, read from where the bytes pushed here end to the end of the file,
    /// and ends the import. `Err` gives both back when this importer does not stand at a
    /// line start ([`Importer::at_line_start`]) or the attributes cannot be joined exactly:
    /// push the rest of the file here and [`Importer::finish`] then.
    #[allow(clippy::result_large_err)]
    pub fn join(mut self, part: Part) -> Result<ImportResult, Box<(Importer, Part)>> {
        let state = std::mem::replace(&mut self.state, State::Failed(IngestError::ZeroBytes));
        let mut run = match state {
            State::Running(run) if run.at_line_start() => run,
            other => {
                self.state = other;
                return Err(Box::new((self, part)));
            }
        };
        let Part { session, trailing } = part;
        match run.session.join(session) {
            Ok(()) => Ok(run.session.finish(trailing)),
            Err(session) => {
                self.state = State::Running(run);
                Err(Box::new((self, Part { session: *session, trailing })))
            }
        }
    }
}

impl Fork {
    /// An importer for the part of the file from the start of line `first_line` (after the
    /// header) to its end, `size` bytes when known: push its bytes, then
    /// [`Importer::finish_part`].
    pub fn start(&self, first_line: u64, size: Option<u64>) -> Result<Importer, IngestError> {
        let mut run = Running::new(&self.sniffed, &self.options)?;
        run.session = Session::continuation(&self.sniffed, &self.options)?;
        run.lines = LineTracker::from_line(first_line);
        if let (Some(size), Some((lines, len))) = (size, self.rate) {
            if lines >= 2 && len > 0 {
                let rows = size.saturating_mul(lines) / len;
                run.session.reserve(rows.saturating_add(rows / 16).min(64 << 20) as usize);
            }
        }
        Ok(Importer {
            options: self.options.clone(),
            state: State::Running(Box::new(run)),
            received: 0,
            file_size: size,
            sniffed: Some(Box::new((self.sniffed.clone(), self.rate))),
        })
    }
}

impl Running {
    /// See [`Importer::at_line_start`]. The parser has taken every decoded byte, which end
    /// with `\n` and a line that is not blank (the blank lines after a part's last record
    /// are the next part's to count), and holds no field; the last record ended at the end
    /// (a `\n` line end, or a plain line taken whole) or one byte before it (at the `\r` of
    /// a `\r\n`, whose `\n` `csv_core` then read as a blank line's, staying at a record's
    /// start).
    fn at_line_start(&self) -> bool {
        let fed = self.lines.fed();
        self.session.past_header()
            && self.lines.ends_with_newline()
            && self.lines.last_line_blank() == Some(false)
            && self.offset == fed
            && self.out_len == 0
            && self.ends_len == 0
            && !self.open_quote
            && (self.read_start == fed || self.read_start + 1 == fed)
    }
}
