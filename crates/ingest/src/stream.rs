//! The chunked importer: bytes arrive slice by slice (a Web Worker reading a `Blob`), are
//! decoded to UTF-8 block by block and parsed with `csv_core`'s push parser, so memory is
//! bounded by the sniffing head (64 KiB, more when the first data row is longer, at most
//! [`crate::SNIFF_MAX_BYTES`]), one record and the typed rows. Plain lines (no
//! quotes, no lone `\r`) between records are split in place without `csv_core`
//! ([`simple_record`]), the same way it would split them.
//!
//! Records go through the same [`Session`] as the one-shot [`crate::import`], so skip rules,
//! rejections and accounting are identical (a property test checks this for random splits).

use crate::encoding::{LineTracker, SNIFF_BYTES};
use crate::error::IngestError;
use crate::import::{ImportResult, Progress, Session};
use crate::sniff::{self, HeadSniff, Sniffed};
use crate::ImportOptions;

mod join;
pub use join::{Fork, Part};

/// Decoded bytes are produced in blocks of this size.
const BLOCK: usize = 16 * 1024;

/// Chunked front end: `push` slices in file order, then `finish`.
///
/// Until 64 KiB have arrived the bytes are only collected; then the head is sniffed
/// (encoding, delimiter, header, kind, mapping — the same decisions as [`crate::sniff`]; when
/// the first data row goes on past the head, more is collected first, as the sniffer asks)
/// and from there on every pushed slice is decoded and parsed right away. One difference to the
/// one-shot [`crate::import`]: the encoding is decided from the head alone, so invalid UTF-8
/// after the first 64 KiB of a UTF-8 file becomes U+FFFD instead of switching the whole
/// file to Windows-1252.
pub struct Importer {
    options: ImportOptions,
    state: State,
    received: u64,
    /// The whole file's size, when the caller knows it: the rows are then reserved once.
    file_size: Option<u64>,
    /// What the head was sniffed as, and the rows per byte it promises (for [`Importer::fork`]).
    sniffed: Option<Box<(Sniffed, HeadRate)>>,
}

/// Line breaks and bytes of the sniffed head.
type HeadRate = Option<(u64, u64)>;

/// Rows expected in a file of `file_size` bytes whose first `head.len()` bytes hold `head`'s
/// line breaks, with 1/16 to spare (rows vary in length); `None` when the head has too few
/// lines to tell. A file of long rows wastes nothing: the estimate only reserves.
fn expected_rows(head: &[u8], file_size: u64) -> Option<usize> {
    let lines = head.iter().filter(|&&b| b == b'\n').count() as u64;
    if lines < 2 || head.is_empty() {
        return None;
    }
    let rows = file_size.saturating_mul(lines) / head.len() as u64;
    // At most 64 M rows are reserved up front; a larger file grows as it goes.
    Some(rows.saturating_add(rows / 16).min(64 << 20) as usize)
}

enum State {
    /// Bytes collected, and how many the sniffer wants before it is asked (again).
    Head(Vec<u8>, usize),
    Running(Box<Running>),
    Failed(IngestError),
}

struct Running {
    session: Session,
    decoder: crate::decode::Decoder,
    scratch: Vec<u8>,
    parser: csv_core::Reader,
    fields: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    lines: LineTracker,
    /// Decoded bytes consumed by the parser.
    offset: u64,
    /// Decoded offset where the current record's read began.
    read_start: u64,
    /// Byte classes for [`simple_record`].
    classes: Classes,
    /// Delimiter and quote, for the open-quote test at the end.
    dialect: (u8, u8),
    /// Set at the end of the input when the last record's quote was never closed.
    open_quote: bool,
    /// Whether `csv_core` stands between two records, having read at least one: only then
    /// may a line be split by [`simple_record`] instead.
    between_records: bool,
}

impl Importer {
    /// An importer with the given options.
    pub fn new(options: ImportOptions) -> Importer {
        Importer {
            options,
            state: State::Head(Vec::new(), SNIFF_BYTES),
            received: 0,
            file_size: None,
            sniffed: None,
        }
    }

    /// An importer for a file of `file_size` bytes: once the head is sniffed, room for the
    /// expected rows is reserved in one piece, which saves the copies (and the transient
    /// double memory) of growing a vector of millions of rows step by step.
    pub fn with_file_size(options: ImportOptions, file_size: u64) -> Importer {
        Importer { file_size: Some(file_size), ..Importer::new(options) }
    }

    /// Adds the next slice of the file. Errors that make the file unusable surface here as
    /// soon as the head is sniffed (and again from [`Importer::finish`]).
    pub fn push(&mut self, chunk: &[u8]) -> Result<Progress, IngestError> {
        self.received += chunk.len() as u64;
        match &mut self.state {
            State::Head(head, need) => {
                head.extend_from_slice(chunk);
                if head.len() >= *need {
                    let head = std::mem::take(head);
                    let whole = self.file_size.is_some_and(|size| head.len() as u64 >= size);
                    self.start(head, whole)?;
                }
            }
            State::Running(run) => {
                run.feed(chunk, false);
                run.session.spill();
            }
            State::Failed(e) => return Err(e.clone()),
        }
        Ok(self.progress())
    }

    /// Rows and bytes so far (`total_bytes` is what was received, the importer does not know
    /// the file size).
    pub fn progress(&self) -> Progress {
        let rows = match &self.state {
            State::Running(run) => run.session.rows(),
            _ => 0,
        };
        Progress { rows, bytes: self.received, total_bytes: self.received }
    }

    /// Ends the input and returns the result.
    pub fn finish(mut self) -> Result<ImportResult, IngestError> {
        if let State::Head(head, _) = &mut self.state {
            let head = std::mem::take(head);
            self.start(head, true)?;
        }
        match self.state {
            State::Running(mut run) => {
                run.feed(&[], true);
                let trailing = run.lines.trailing_blanks(run.read_start);
                Ok(run.session.finish(trailing))
            }
            State::Failed(e) => Err(e),
            State::Head(..) => Err(IngestError::ZeroBytes),
        }
    }

    /// Sniffs the head (`whole`: it is the whole file) and starts parsing, or keeps
    /// collecting when the sniffer asks for a longer head.
    fn start(&mut self, head: Vec<u8>, whole: bool) -> Result<(), IngestError> {
        let sniffed = match sniff::sniff_prefix(&head, whole, &self.options) {
            Ok(HeadSniff::Sniffed(sniffed)) => sniffed,
            Ok(HeadSniff::ReadMore(need)) => {
                self.state = State::Head(head, need);
                return Ok(());
            }
            Err(e) => {
                self.state = State::Failed(e.clone());
                return Err(e);
            }
        };
        match Running::new(&sniffed, &self.options) {
            Ok(mut run) => {
                if let Some(rows) = self.file_size.and_then(|size| expected_rows(&head, size)) {
                    run.session.reserve(rows);
                }
                let lines = head.iter().filter(|&&b| b == b'\n').count() as u64;
                self.sniffed = Some(Box::new((*sniffed, Some((lines, head.len() as u64)))));
                let bom = run.session_encoding_bom(&head);
                run.feed(&head[bom..], false);
                self.state = State::Running(Box::new(run));
                Ok(())
            }
            Err(e) => {
                self.state = State::Failed(e.clone());
                Err(e)
            }
        }
    }
}

impl Running {
    fn new(sniffed: &Sniffed, options: &ImportOptions) -> Result<Running, IngestError> {
        let session = Session::new(sniffed, options)?;
        let parser = csv_core::ReaderBuilder::new()
            .delimiter(sniffed.delimiter as u8)
            .quote(sniffed.quote as u8)
            .build();
        Ok(Running {
            session,
            decoder: sniffed.encoding.decoder(),
            scratch: vec![0; 3 * BLOCK + 16],
            parser,
            fields: vec![0; 1024],
            ends: vec![0; 32],
            out_len: 0,
            ends_len: 0,
            lines: LineTracker::default(),
            offset: 0,
            read_start: 0,
            classes: byte_classes(sniffed.delimiter as u8, sniffed.quote as u8),
            dialect: (sniffed.delimiter as u8, sniffed.quote as u8),
            open_quote: false,
            between_records: false,
        })
    }

    fn session_encoding_bom(&self, head: &[u8]) -> usize {
        self.session.encoding().bom_len(head)
    }

    /// Decodes `input` block by block and parses what was decoded; `last` flushes both.
    fn feed(&mut self, mut input: &[u8], last: bool) {
        loop {
            let block = input.len().min(BLOCK);
            let is_last = last && block == input.len();
            let (result, read, written, _) =
                self.decoder.decode_to_utf8(&input[..block], &mut self.scratch, is_last);
            input = &input[read..];
            let decoded = std::mem::take(&mut self.scratch);
            self.lines.feed(&decoded[..written]);
            self.parse(&decoded[..written]);
            self.scratch = decoded;
            if input.is_empty() && result == crate::decode::CoderResult::InputEmpty {
                break;
            }
        }
        if last {
            self.parse_end();
        }
    }

    fn parse(&mut self, mut data: &[u8]) {
        // An empty input means end of file to csv_core, so only call it with data here.
        while !data.is_empty() {
            if self.between_records {
                if let Some(split) = simple_record(data, &self.classes, &mut self.ends) {
                    self.offset += split.consumed as u64;
                    let (line, blanks) = self.lines.locate(self.read_start);
                    self.read_start = self.offset;
                    let ends = &self.ends[..split.ends_len];
                    let text = &data[split.start..split.start + split.len];
                    self.session.record(text, ends, 1, line, blanks);
                    data = &data[split.consumed..];
                    continue;
                }
            }
            let n = self.step(data);
            if n == usize::MAX {
                break;
            }
            data = &data[n..];
        }
    }

    fn parse_end(&mut self) {
        // The end of the input ends an open quoted field without a word from csv_core; ask
        // before it flushes the record.
        self.probe_open_quote();
        // Repeated empty input flushes a last record without terminator, then reports End.
        for _ in 0..4 {
            if self.step(&[]) == usize::MAX {
                break;
            }
        }
    }

    /// Gives the parser one line break after the end of the input
    /// ([`crate::quote::PROBE`]). A record that ends there is the last record, as the end of
    /// the input would have ended it; a cell that takes the line break stood inside a quote
    /// that was never closed: it gives the byte back and is flushed as an open quote.
    fn probe_open_quote(&mut self) {
        use csv_core::ReadRecordResult as R;
        let (delimiter, quote) = self.dialect;
        if !crate::quote::can_probe(delimiter, quote) {
            return;
        }
        loop {
            let (res, _, nout, nend) = self.parser.read_record(
                crate::quote::PROBE,
                &mut self.fields[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                R::OutputFull => self.fields.resize(self.fields.len() * 2, 0),
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                R::Record => return self.record(),
                R::InputEmpty => {
                    if nout == 1 {
                        self.open_quote = true;
                        self.out_len -= 1;
                    }
                    return;
                }
                R::End => return,
            }
        }
    }

    /// One `read_record` call; returns bytes consumed (`usize::MAX` at end of input).
    fn step(&mut self, data: &[u8]) -> usize {
        use csv_core::ReadRecordResult as R;
        let (res, nin, nout, nend) = self.parser.read_record(
            data,
            &mut self.fields[self.out_len..],
            &mut self.ends[self.ends_len..],
        );
        self.offset += nin as u64;
        self.out_len += nout;
        self.ends_len += nend;
        self.between_records = res == R::Record;
        match res {
            R::InputEmpty => {}
            R::OutputFull => self.fields.resize(self.fields.len() * 2, 0),
            R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
            R::Record => self.record(),
            R::End => return usize::MAX,
        }
        nin
    }

    /// Hands the record in `fields`/`ends` to the session.
    fn record(&mut self) {
        let (line, blanks) = self.lines.locate(self.read_start);
        self.read_start = self.offset;
        if self.open_quote {
            // The last cell ends where the probe's line break was taken back.
            if let Some(end) = self.ends[..self.ends_len].last_mut() {
                *end = (*end).min(self.out_len);
            }
        }
        let (buf, ends) = (&self.fields[..self.out_len], &self.ends[..self.ends_len]);
        if self.open_quote {
            let last_line = self.lines.last_line();
            self.session.unclosed_quote((buf, ends, 0), line, blanks, last_line);
        } else {
            self.session.record(buf, ends, 0, line, blanks);
        }
        self.out_len = 0;
        self.ends_len = 0;
    }
}

/// A plain line split without `csv_core`: see [`simple_record`].
#[derive(Debug, PartialEq)]
struct Split {
    /// Where the record starts in the input (1 after a skipped `\n`).
    start: usize,
    /// Input bytes taken, the line break included.
    consumed: usize,
    /// The line's length without its line break: the record's bytes, delimiters included.
    len: usize,
    /// Field ends written to `ends` (the positions of the delimiters, then `len`).
    ends_len: usize,
}

/// What a byte means to [`simple_record`].
const PLAIN: u8 = 0;
const DELIMITER: u8 = 1;
const CR: u8 = 2;
const LF: u8 = 3;
const OTHER: u8 = 4;

/// The byte classes for [`simple_record`], and the delimiter and quote repeated in a word
/// for finding them eight bytes at a time.
struct Classes {
    table: [u8; 256],
    delimiter: u64,
    quote: u64,
}

/// The classes of a dialect: the quote (also when it is the delimiter or a line break, as
/// `csv_core` reads it as a quote first) makes a line not plain.
fn byte_classes(delimiter: u8, quote: u8) -> Classes {
    let repeat = |b: u8| u64::from_le_bytes([b; 8]);
    let mut table = [PLAIN; 256];
    if matches!(delimiter, b'\r' | b'\n') {
        // A line break as delimiter: no line is plain.
        table = [OTHER; 256];
    } else {
        table[usize::from(delimiter)] = DELIMITER;
        table[usize::from(b'\r')] = CR;
        table[usize::from(b'\n')] = LF;
        table[usize::from(quote)] = OTHER;
    }
    Classes { table, delimiter: repeat(delimiter), quote: repeat(quote) }
}

/// The high bit of every byte of `w` that is zero (exact: no false positives).
#[inline(always)]
fn zero_bytes(w: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((w & LOW7).wrapping_add(LOW7)) | w | LOW7)
}

/// What the byte at `i` of a line does: `Err(())` ends the shortcut, `Ok(Some(split))` ends
/// the line, `Ok(None)` goes on (plain byte or delimiter).
#[inline(always)]
fn special(
    data: &[u8],
    i: usize,
    class: u8,
    ends: &mut [usize],
    ends_len: &mut usize,
) -> Result<Option<Split>, ()> {
    let mut end = |consumed: usize| -> Result<Option<Split>, ()> {
        *ends.get_mut(*ends_len).ok_or(())? = i;
        Ok(Some(Split { start: 0, consumed, len: i, ends_len: *ends_len + 1 }))
    };
    match class {
        PLAIN => Ok(None),
        DELIMITER => {
            *ends.get_mut(*ends_len).ok_or(())? = i;
            *ends_len += 1;
            Ok(None)
        }
        LF if i > 0 => end(i + 1),
        CR if i > 0 && data.get(i + 1) == Some(&b'\n') => end(i + 2),
        _ => Err(()),
    }
}

/// Splits the record at the start of `data` without `csv_core`, when its line is plain (see
/// [`plain_line`]). One `\n` in front is passed over: `csv_core` ends a CRLF record after the
/// CR and then reads the LF (as it reads a blank line's) without a record, so without this
/// every record after one that `csv_core` read would go to it again. Blank lines are
/// counted by the line tracker, not here.
fn simple_record(data: &[u8], classes: &Classes, ends: &mut [usize]) -> Option<Split> {
    if let Some(split) = plain_line(data, classes, ends) {
        return Some(split);
    }
    // Only tried when the line itself is not plain (it fails on its first byte for a
    // leading LF), so LF files pay nothing for it.
    let split = plain_line(data.strip_prefix(b"\n")?, classes, ends)?;
    Some(Split { start: 1, consumed: split.consumed + 1, ..split })
}

/// Splits the line at the start of `data` the way `csv_core` would, when that is plain:
/// the line ends in `\n` (or `\r\n`) inside `data`, is not empty, and has no quote and no
/// other `\r`; then its fields are the bytes between delimiters, and they are left where
/// they are (no copy). Anything else (quotes, blank lines, a lone `\r`, a line cut by the
/// end of `data`, more fields than `ends` holds) is `None` and left to `csv_core`.
///
/// Call it only where `csv_core` stands between records, after a `Record`: its state there
/// (`EndRecord` or `CRLF`) reads a leading `\n` as part of a blank line and anything else as
/// a new record, as it would after the plain lines, so skipping them leaves it right. Nearly
/// every line of an export is plain, and csv_core's state machine cost a quarter of the
/// chunked import in the size-optimised build. Eight bytes are looked at in one go: only
/// delimiters, quotes and line breaks are classified one by one.
#[inline(always)]
fn plain_line(data: &[u8], classes: &Classes, ends: &mut [usize]) -> Option<Split> {
    const CRS: u64 = 0x0D0D_0D0D_0D0D_0D0D;
    const LFS: u64 = 0x0A0A_0A0A_0A0A_0A0A;
    let mut ends_len = 0;
    let mut i = 0;
    while let Some(word) = data.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        let mut hits = zero_bytes(w ^ classes.delimiter)
            | zero_bytes(w ^ classes.quote)
            | zero_bytes(w ^ CRS)
            | zero_bytes(w ^ LFS);
        while hits != 0 {
            let at = i + (hits.trailing_zeros() / 8) as usize;
            hits &= hits - 1;
            let class = classes.table[usize::from(*data.get(at)?)];
            if let Some(split) = special(data, at, class, ends, &mut ends_len).ok()? {
                return Some(split);
            }
        }
        i += 8;
    }
    while let Some(&b) = data.get(i) {
        let class = classes.table[usize::from(b)];
        if let Some(split) = special(data, i, class, ends, &mut ends_len).ok()? {
            return Some(split);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(data: &[u8], delimiter: u8, quote: u8) -> Option<(Split, Vec<usize>)> {
        let mut ends = [0; 8];
        let split = simple_record(data, &byte_classes(delimiter, quote), &mut ends)?;
        let ends = ends[..split.ends_len].to_vec();
        Some((split, ends))
    }

    #[test]
    fn plain_lines_are_split_in_place() {
        // `a,b\r\n`: two fields ending at the comma (1) and before the CR (3); all five bytes
        // are taken, the line break included.
        let want = Split { start: 0, consumed: 5, len: 3, ends_len: 2 };
        assert_eq!(split(b"a,b\r\nc", b',', b'"'), Some((want, vec![1, 3])));
        let want = Split { start: 0, consumed: 4, len: 3, ends_len: 3 };
        assert_eq!(split(b";;x\n", b';', b'"'), Some((want, vec![0, 1, 3])));
        // The LF of a CRLF that csv_core stopped before (or of a blank line) is passed over.
        let want = Split { start: 1, consumed: 5, len: 2, ends_len: 1 };
        assert_eq!(split(b"\nab\r\n", b',', b'"'), Some((want, vec![2])));
        // Quotes, blank lines, a lone CR, a cut line and too many fields go to csv_core.
        for data in [
            &b"a,\"b\"\n"[..],
            b"\n\nx\n",
            b"\r\nx\n",
            b"\n\rx\n",
            b"a\rb\n",
            b"a,b",
            b",,,,,,,,\n",
        ] {
            assert_eq!(split(data, b',', b'"'), None, "{data:?}");
        }
        // A quote that is also the delimiter is a quote; a line break as delimiter is never
        // plain.
        assert_eq!(split(b"a'b\n", b'\'', b'\''), None);
        assert_eq!(split(b"ab\n", b'\n', b'"'), None);
    }

    /// Records of `data` (cells and (line, blanks)) as `Running` reads them, with or without
    /// the plain-line shortcut, and how many lines the shortcut took.
    fn records(data: &[u8], delimiter: u8, quote: u8, fast: bool) -> (Vec<Rec>, usize) {
        use csv_core::ReadRecordResult as R;
        let mut parser = csv_core::ReaderBuilder::new().delimiter(delimiter).quote(quote).build();
        let classes = byte_classes(delimiter, quote);
        let (mut fields, mut ends) = (vec![0u8; 4096], vec![0usize; 512]);
        let mut lines = LineTracker::default();
        lines.feed(data);
        let (mut rest, mut offset, mut read_start, mut between) = (data, 0u64, 0u64, false);
        let (mut out, mut n_fast) = (Vec::new(), 0);
        let (mut out_len, mut ends_len) = (0, 0);
        let cells = |buf: &[u8], ends: &[usize], sep: usize| {
            let mut start = 0;
            let mut cells = Vec::new();
            for &end in ends {
                cells.push(buf[start..end].to_vec());
                start = end + sep;
            }
            cells
        };
        loop {
            if fast && between {
                if let Some(split) = simple_record(rest, &classes, &mut ends) {
                    offset += split.consumed as u64;
                    let at = lines.locate(read_start);
                    read_start = offset;
                    let text = &rest[split.start..split.start + split.len];
                    out.push((cells(text, &ends[..split.ends_len], 1), at));
                    rest = &rest[split.consumed..];
                    n_fast += 1;
                    continue;
                }
            }
            let (res, nin, nout, nend) =
                parser.read_record(rest, &mut fields[out_len..], &mut ends[ends_len..]);
            offset += nin as u64;
            rest = &rest[nin..];
            (out_len, ends_len) = (out_len + nout, ends_len + nend);
            between = res == R::Record;
            match res {
                R::Record => {
                    let at = lines.locate(read_start);
                    read_start = offset;
                    out.push((cells(&fields[..out_len], &ends[..ends_len], 0), at));
                    (out_len, ends_len) = (0, 0);
                }
                R::InputEmpty => {}
                R::End => break,
                R::OutputFull | R::OutputEndsFull => panic!("test buffers too small"),
            }
        }
        (out, n_fast)
    }

    type Rec = (Vec<Vec<u8>>, (u64, u64));
    type Cut<'a> = (Vec<&'a [u8]>, (u64, u64));

    #[test]
    fn the_shortcut_takes_plain_lines_and_reads_them_as_csv_core() {
        let data = b"h1,h2\nK1,\"a,b\"\r\nK2,x\r\n\r\n\nK3,y\rK4,z\nK5";
        let (slow, none) = records(data, b',', b'"', false);
        let (fast, n_fast) = records(data, b',', b'"', true);
        // K2 (after the LF of K1's CRLF, which csv_core left) and K4 (after K3's lone CR)
        // are plain; the rest has a quote, starts with blank lines or has no line break.
        assert_eq!((none, n_fast), (0, 2));
        assert_eq!(fast, slow);
        let rows: Vec<Cut> =
            fast.iter().map(|(c, at)| (c.iter().map(|c| &c[..]).collect(), *at)).collect();
        let want: Vec<Cut> = vec![
            (vec![b"h1", b"h2"], (1, 0)),
            (vec![b"K1", b"a,b"], (2, 0)),
            (vec![b"K2", b"x"], (3, 0)),
            // Two blank lines, then K3 and K4 on line 6 (a lone CR ends a record, not a line).
            (vec![b"K3", b"y"], (6, 2)),
            // K4 starts inside line 6, after the CR; the line tracker names the next line
            // start (the same with and without the shortcut, and in the one-shot import).
            (vec![b"K4", b"z"], (7, 0)),
            (vec![b"K5"], (7, 0)),
        ];
        assert_eq!(rows, want);
    }

    #[test]
    fn zero_bytes_marks_exactly_the_zero_bytes() {
        // Bytes 1 and 6 are zero; 0x80 and 0x01 next to them must not be marked.
        let w = u64::from_le_bytes([0x80, 0, 0x01, 0xFF, 0x7F, 0x0A, 0, 0x80]);
        assert_eq!(zero_bytes(w), 0x0080_0000_0000_8000);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn zero_bytes_matches_a_byte_loop(bytes in any::<[u8; 8]>()) {
            let want = bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == 0)
                .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
            prop_assert_eq!(zero_bytes(u64::from_le_bytes(bytes)), want);
        }

        // Whatever the text, delimiter and quote, taking plain lines without csv_core gives
        // the same records at the same lines with the same blank lines before them.
        #[test]
        fn shortcut_matches_csv_core(
            parts in proptest::collection::vec(
                prop::sample::select(vec![
                    "a", "1", ",", ";", "\"", "'", "\n", "\r", "\r\n", " ", "ä", "x,y", "\t",
                ]),
                0..80,
            ),
            delimiter in prop::sample::select(vec![b',', b';', b'\t', b'\n', b'"', 0xA4]),
            quote in prop::sample::select(vec![b'"', b'\'', b',', b'\n']),
        ) {
            let data = parts.concat();
            let (slow, _) = records(data.as_bytes(), delimiter, quote, false);
            let (fast, _) = records(data.as_bytes(), delimiter, quote, true);
            prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn expected_rows_scale_the_head_to_the_file() {
        // 10 lines in 40 bytes; a 4,000-byte file has about 1,000, plus 1/16 to spare.
        let head = "a,b\n".repeat(10);
        assert_eq!(expected_rows(head.as_bytes(), 4_000), Some(1_062));
        // One line tells nothing about the rest.
        assert_eq!(expected_rows(b"customer,start\n", 1 << 30), None);
        assert_eq!(expected_rows(b"", 100), None);
    }

    #[test]
    fn a_known_file_size_reserves_the_rows_once() {
        let mut csv = String::from("customer,start,amount\n");
        for i in 0..20_000 {
            csv.push_str(&format!("K{:06},2025-01-{:02},{}.00\n", i, i % 28 + 1, 10 + i % 90));
        }
        let bytes = csv.as_bytes();
        let mut imp = Importer::with_file_size(ImportOptions::default(), bytes.len() as u64);
        for chunk in bytes.chunks(70_000) {
            imp.push(chunk).unwrap();
            let State::Running(run) = &imp.state else { panic!("not started") };
            // Reserved when the head was sniffed, and never grown afterwards.
            let cap = run.session.capacity();
            assert!((20_000..=22_000).contains(&cap), "capacity {cap}");
        }
        let result = imp.finish().unwrap();
        assert_eq!(result.accounting.used, 20_000);
    }
}
