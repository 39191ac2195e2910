//! The chunked importer: bytes arrive slice by slice (a Web Worker reading a `Blob`), are
//! decoded to UTF-8 block by block and parsed with `csv_core`'s push parser, so memory is
//! bounded by the 64 KiB sniffing head, one record and the typed rows.
//!
//! Records go through the same [`Session`] as the one-shot [`crate::import`], so skip rules,
//! rejections and accounting are identical (a property test checks this for random splits).

use crate::encoding::{LineTracker, SNIFF_BYTES};
use crate::error::IngestError;
use crate::import::{ImportResult, Progress, Session};
use crate::ImportOptions;

/// Decoded bytes are produced in blocks of this size.
const BLOCK: usize = 16 * 1024;

/// Chunked front end: `push` slices in file order, then `finish`.
///
/// Until 64 KiB have arrived the bytes are only collected; then the head is sniffed
/// (encoding, delimiter, header, kind, mapping — the same decisions as [`crate::sniff`]) and
/// from there on every pushed slice is decoded and parsed right away. One difference to the
/// one-shot [`crate::import`]: the encoding is decided from the head alone, so invalid UTF-8
/// after the first 64 KiB of a UTF-8 file becomes U+FFFD instead of switching the whole
/// file to Windows-1252.
pub struct Importer {
    options: ImportOptions,
    state: State,
    received: u64,
    /// The whole file's size, when the caller knows it: the rows are then reserved once.
    file_size: Option<u64>,
}

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
    Head(Vec<u8>),
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
}

impl Importer {
    /// An importer with the given options.
    pub fn new(options: ImportOptions) -> Importer {
        Importer { options, state: State::Head(Vec::new()), received: 0, file_size: None }
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
            State::Head(head) => {
                head.extend_from_slice(chunk);
                if head.len() >= SNIFF_BYTES {
                    let head = std::mem::take(head);
                    self.start(&head)?;
                }
            }
            State::Running(run) => run.feed(chunk, false),
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
        if let State::Head(head) = &mut self.state {
            let head = std::mem::take(head);
            self.start(&head)?;
        }
        match self.state {
            State::Running(mut run) => {
                run.feed(&[], true);
                let trailing = run.lines.trailing_blanks(run.read_start);
                Ok(run.session.finish(trailing))
            }
            State::Failed(e) => Err(e),
            State::Head(_) => Err(IngestError::ZeroBytes),
        }
    }

    fn start(&mut self, head: &[u8]) -> Result<(), IngestError> {
        match Running::new(head, &self.options) {
            Ok(mut run) => {
                if let Some(rows) = self.file_size.and_then(|size| expected_rows(head, size)) {
                    run.session.reserve(rows);
                }
                let bom = run.session_encoding_bom(head);
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
    fn new(head: &[u8], options: &ImportOptions) -> Result<Running, IngestError> {
        let sniffed = crate::sniff::sniff_with(head, options)?;
        let session = Session::new(&sniffed, options)?;
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
            let n = self.step(data);
            if n == usize::MAX {
                break;
            }
            data = &data[n..];
        }
    }

    fn parse_end(&mut self) {
        // Repeated empty input flushes a last record without terminator, then reports End.
        for _ in 0..4 {
            if self.step(&[]) == usize::MAX {
                break;
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
        match res {
            R::InputEmpty => {}
            R::OutputFull => self.fields.resize(self.fields.len() * 2, 0),
            R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
            R::Record => {
                let (line, blanks) = self.lines.locate(self.read_start);
                self.read_start = self.offset;
                let (buf, ends) = (&self.fields[..self.out_len], &self.ends[..self.ends_len]);
                self.session.record(buf, ends, line, blanks);
                self.out_len = 0;
                self.ends_len = 0;
            }
            R::End => return usize::MAX,
        }
        nin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
