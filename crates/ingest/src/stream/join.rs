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
        // The rows go in blocks (`Session::spill`); the line numbers in one vector.
        if let (Some(size), Some((lines, len))) = (size, self.rate) {
            if lines >= 2 && len > 0 {
                let rows = size.saturating_mul(lines) / len;
                run.session.reserve_lines(rows.saturating_add(rows / 16).min(64 << 20) as usize);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::SNIFF_BYTES;
    use proptest::prelude::*;

    /// The file through one importer.
    fn whole(bytes: &[u8]) -> ImportResult {
        let mut imp = Importer::new(ImportOptions::default());
        for chunk in bytes.chunks(70_000) {
            imp.push(chunk).unwrap();
        }
        imp.finish().unwrap()
    }

    /// The file in two parts cut after the first `\n` at or after `middle` (as `kennzahl`
    /// cuts it), and whether the parts were joined (else the first importer read on).
    fn in_parts(bytes: &[u8], middle: usize) -> (ImportResult, bool) {
        let head = SNIFF_BYTES.min(bytes.len());
        let mut a = Importer::new(ImportOptions::default());
        a.push(&bytes[..head]).unwrap();
        let fork = a.fork().expect("the head is sniffed");
        let middle = middle.clamp(head, bytes.len());
        let Some(i) = bytes[middle..].iter().position(|&b| b == b'\n') else {
            a.push(&bytes[head..]).unwrap();
            return (a.finish().unwrap(), false);
        };
        let cut = middle + i + 1;
        a.push(&bytes[head..cut]).unwrap();
        let lines = bytes[..cut].iter().filter(|&&b| b == b'\n').count() as u64;
        let mut b = fork.start(lines + 1, Some((bytes.len() - cut) as u64)).unwrap();
        for chunk in bytes[cut..].chunks(5000) {
            b.push(chunk).unwrap();
        }
        match a.join(b.finish_part().unwrap()) {
            Ok(result) => (result, true),
            Err(both) => {
                let (mut a, _) = *both;
                a.push(&bytes[cut..]).unwrap();
                (a.finish().unwrap(), false)
            }
        }
    }

    /// `n` subscription rows (about 60 bytes each) with a note column; `special(i)` may
    /// replace row `i`'s line.
    fn file(n: usize, crlf: bool, special: impl Fn(usize) -> Option<String>) -> Vec<u8> {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut out = format!("customer,start,end,amount,interval,plan,note{eol}");
        for i in 0..n {
            let line = special(i).unwrap_or_else(|| {
                let plan = ["Basic", "Pro", "Team"][i % 3];
                format!(
                    "K{:05},2024-{:02}-{:02},,{}.00,month,{plan},ok",
                    i % 700,
                    i % 12 + 1,
                    i % 28 + 1,
                    10 + i % 90
                )
            });
            out.push_str(&line);
            out.push_str(eol);
        }
        out.into_bytes()
    }

    fn assert_same(got: &ImportResult, want: &ImportResult) {
        assert_eq!(got.accounting, want.accounting);
        assert_eq!(got.rejections, want.rejections);
        assert_eq!(got.attributes, want.attributes);
        assert!(got.lines == want.lines, "lines differ");
        assert!(got.dataset == want.dataset, "rows differ");
        assert!(got == want, "settings or assumptions differ");
    }

    #[test]
    fn a_plain_file_is_joined_into_the_one_importer_result() {
        for crlf in [false, true] {
            let bytes = file(4000, crlf, |_| None);
            let want = whole(&bytes);
            assert_eq!(want.accounting.used, 4000);
            let (got, joined) = in_parts(&bytes, bytes.len() / 2);
            assert!(joined, "crlf {crlf}: not joined");
            assert_same(&got, &want);
        }
    }

    #[test]
    fn rejections_blank_lines_and_new_values_after_the_cut_keep_their_lines_and_order() {
        // Row i is on line i + 2. Around the middle (row 2000, line 2002): two blank lines
        // as row 2001 (lines 2003 and 2004), so row 2003's bad amount is on line 2006; a
        // plan first seen after the cut.
        let bytes = file(4000, false, |i| match i {
            2001 => Some(String::from("\n")),
            2003 => Some(String::from("K00001,2024-01-01,,abc,month,Basic,ok")),
            2010 | 3999 => Some(format!("K00002,2024-01-01,,5.00,month,Enterprise,late{i}")),
            _ => None,
        });
        let want = whole(&bytes);
        assert_eq!(want.rejections.len(), 1);
        assert_eq!(want.rejections[0].line, 2006);
        // The middle falls inside row 1990-something: the cut is before the specials.
        let middle = bytes.len() / 2;
        let (got, joined) = in_parts(&bytes, middle);
        assert!(joined);
        assert_same(&got, &want);
        let plan = got.attributes.column("plan").unwrap();
        assert_eq!(plan.values, ["Basic", "Pro", "Team", "Enterprise"]);
        // Cut right before each special line (the `\n` ending the line before it).
        for row in [2000, 2001, 2002, 2003, 2004] {
            let start = nth_line_start(&bytes, row + 1);
            let (got, _) = in_parts(&bytes, start - 1);
            assert_same(&got, &want);
        }
    }

    /// Byte offset where line `n` (1-based) starts.
    fn nth_line_start(bytes: &[u8], n: usize) -> usize {
        bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').nth(n - 2).map_or(0, |(i, _)| i + 1)
    }

    #[test]
    fn a_cut_inside_a_quoted_cell_or_beyond_the_attributes_is_refused_and_read_on() {
        // Row 2000's note holds three line breaks; cut after the first of them.
        let bytes = file(4000, false, |i| {
            (i == 2000).then(|| String::from("K00003,2024-02-02,,7.00,month,Pro,\"a\nb\nc\nd\""))
        });
        let want = whole(&bytes);
        assert_eq!(want.accounting.used, 4000);
        let inside = nth_line_start(&bytes, 2002) + 1;
        let (got, joined) = in_parts(&bytes, inside);
        assert!(!joined, "a cut inside quotes must not be joined");
        assert_same(&got, &want);
        // 60 plans after the cut: the later part's own dictionary runs full, so its rows'
        // codes cannot be mapped exactly; read on instead.
        let bytes = file(4000, false, |i| {
            (i >= 3000).then(|| format!("K{:05},2024-01-01,,5.00,month,P{},ok", i, i % 60))
        });
        let want = whole(&bytes);
        let (got, joined) = in_parts(&bytes, bytes.len() / 2);
        assert!(!joined);
        assert_same(&got, &want);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        // Quoted line breaks, stray quotes, bad rows, blank lines and new plans near a
        // random cut: the parts, joined or read on, give the one importer's result.
        #[test]
        fn parts_give_the_one_importer_result(
            specials in proptest::collection::vec((0usize..40, 0usize..7), 0..12),
            offset in 0usize..3000,
            crlf in any::<bool>(),
        ) {
            let at = |i: usize| specials.iter().find(|s| 1980 + s.0 == i).map(|s| s.1);
            let bytes = file(3000, crlf, |i| match at(i)? {
                0 => Some(String::from("K00001,2024-01-01,,x,month,Basic,ok")),
                1 => Some(String::new()),
                2 => Some(String::from("K00002,2024-01-01,,1.00,month,Pro,\"a\nb\"")),
                3 => Some(String::from("K00003,2024-01-01,,1.00,month,Pro,5\" disk")),
                4 => Some(format!("K00004,2024-01-01,,1.00,month,New{i},ok")),
                5 => Some(String::from("K00005,2024-01-01")),
                _ => Some(String::from("\"K00006\",\"2024-01-01\",,\"2,00\",month,Team,\"\"")),
            });
            let want = whole(&bytes);
            let middle = nth_line_start(&bytes, 1970) + offset * 5;
            let (got, _) = in_parts(&bytes, middle);
            prop_assert!(got == want, "differs for cut near {}", middle);
        }
    }
}
