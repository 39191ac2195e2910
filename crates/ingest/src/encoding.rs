//! Encoding detection and a streaming decoder to UTF-8.
//!
//! Order of evidence: a byte-order mark wins; NUL bytes in every other position mean UTF-16
//! without a BOM; valid UTF-8 is UTF-8; anything else is Windows-1252, which is what German
//! Excel writes for "CSV (Trennzeichen-getrennt)".

use crate::decode::{CoderResult, Decoder, Encoding};
use crate::error::{IngestError, SpreadsheetFormat};
use std::io::Read;

/// How many bytes the sniffer looks at first (its first window).
pub const SNIFF_BYTES: usize = 64 * 1024;
/// The most the sniffer reads to find the header and the first complete data record. Its
/// window grows from [`SNIFF_BYTES`] fourfold (256 KiB, 1 MiB, 4 MiB) up to this bound,
/// so a first row with a 2 MB cell or 20,000 columns is read whole. A first row longer
/// than 16 MiB is no export a person can fix by looking at it; the file is refused with
/// the row's line instead of being held in memory whole.
pub const SNIFF_MAX_BYTES: usize = 16 * 1024 * 1024;

/// Rejects files that are not CSV text at all: empty, spreadsheets, binary.
pub fn check_usable(bytes: &[u8]) -> Result<(), IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::ZeroBytes);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(IngestError::Spreadsheet { format: SpreadsheetFormat::Xlsx });
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(IngestError::Spreadsheet { format: SpreadsheetFormat::Xls });
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if utf16_without_bom(head).is_none() && detect_bom(head).is_none() {
        // Control characters other than tab, CR, LF, form feed and the end-of-file mark that
        // old DOS tools append do not occur in text exports.
        let is_control = |b: &u8| *b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A);
        if let Some(offset) = head.iter().position(|b| *b == 0) {
            return Err(IngestError::Binary { offset });
        }
        let n_control = head.iter().filter(|b| is_control(b)).count();
        if n_control * 20 > head.len() {
            let offset = head.iter().position(is_control).unwrap_or(0);
            return Err(IngestError::Binary { offset });
        }
    }
    Ok(())
}

fn detect_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some(Encoding::Utf8Bom)
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some(Encoding::Utf16Le)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// UTF-16 text of Latin-script exports has a NUL in every other byte.
fn utf16_without_bom(head: &[u8]) -> Option<Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even_nul = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nul * 10 >= pairs * 9 && even_nul * 10 < pairs {
        Some(Encoding::Utf16Le)
    } else if even_nul * 10 >= pairs * 9 && odd_nul * 10 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Guesses the encoding from the whole input (UTF-8 validity is checked on all of it, so a
/// single `ü` in Windows-1252 at the end of a large file is still found).
pub fn detect(bytes: &[u8]) -> Encoding {
    if let Some(enc) = detect_bom(bytes) {
        return enc;
    }
    if let Some(enc) = utf16_without_bom(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        return enc;
    }
    // Valid UTF-8 (nearly every file) is decided by one validation pass; counting its
    // characters, as below, would be a second pass over the whole input for nothing.
    if std::str::from_utf8(bytes).is_ok() {
        return Encoding::Utf8;
    }
    let (multibyte, invalid) = utf8_stats(bytes);
    // Windows-1252 umlauts are invalid UTF-8 almost every time, while valid multi-byte
    // sequences in a Windows-1252 file are rare; so a UTF-8 file with a stray broken byte
    // stays UTF-8 (the byte becomes U+FFFD) instead of garbling every umlaut.
    if invalid == 0 || multibyte > 2 * invalid {
        Encoding::Utf8
    } else {
        Encoding::Windows1252
    }
}

/// Valid non-ASCII characters and invalid sequences in `bytes` read as UTF-8. A character
/// cut at the very end (the streaming importer sniffs a prefix) is not counted as invalid.
fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let (mut multibyte, mut invalid) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += non_ascii_chars(s);
                return (multibyte, invalid);
            }
            Err(e) => {
                // The bytes before the error are valid UTF-8 already (no second validation);
                // in Windows-1252 files they are nearly always ASCII, which `is_ascii` checks
                // a word at a time.
                let valid = e.valid_up_to();
                let good = &rest[..valid];
                if !good.is_ascii() {
                    multibyte += good.iter().filter(|&&b| b >= 0xC0).count();
                }
                match e.error_len() {
                    Some(n) => {
                        invalid += 1;
                        rest = &rest[valid + n..];
                    }
                    None => return (multibyte, invalid),
                }
            }
        }
    }
}

/// Non-ASCII characters in valid UTF-8: each starts with exactly one lead byte `>= 0xC0`
/// (continuation bytes are `0x80..0xC0`), so counting bytes gives the `chars()` count
/// without decoding (the scan covers the whole input of `ingest::import`).
fn non_ascii_chars(s: &str) -> usize {
    s.bytes().filter(|&b| b >= 0xC0).count()
}

/// Decodes a sniffing window (the file's first bytes, BOM included) to a `String`.
pub fn decode_head(window: &[u8], enc: Encoding) -> String {
    let start = enc.bom_len(window);
    crate::decode::decode_all(&window[start..], enc)
}

/// The decoded text of `bytes` from decoded offset `from` to the end, as [`DecodeReader`]
/// hands it out. UTF-8 that needs no decoding is a slice; other input is decoded again from
/// the start (only the one-shot import's check of a last record that ran to the end of
/// the file asks for it).
pub fn decoded_from(bytes: &[u8], enc: Encoding, from: u64) -> Vec<u8> {
    let mut reader = DecodeReader::new(bytes, enc);
    if reader.decoder.is_none() {
        let start = reader.pos.saturating_add(usize::try_from(from).unwrap_or(usize::MAX));
        return bytes.get(start..).unwrap_or_default().to_vec();
    }
    let mut skip = from;
    let mut buf = vec![0u8; BLOCK];
    let mut out = Vec::new();
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => return out,
            Ok(n) => n,
        };
        let keep = n.saturating_sub(usize::try_from(skip).unwrap_or(usize::MAX));
        skip = skip.saturating_sub(n as u64);
        out.extend_from_slice(&buf[n - keep..n]);
    }
}

/// A `Read` that yields the input as UTF-8 without a BOM. UTF-8 input is passed through
/// without copying into a second buffer of the whole file; other encodings are decoded in
/// small blocks, so memory stays bounded.
pub struct DecodeReader<'a> {
    input: &'a [u8],
    pos: usize,
    decoder: Option<Decoder>,
    buf: Vec<u8>,
    buf_start: usize,
    buf_end: usize,
    finished: bool,
    /// Physical lines of the text handed out so far, for line numbers of records.
    pub lines: LineTracker,
}

const BLOCK: usize = 16 * 1024;

impl<'a> DecodeReader<'a> {
    /// Reader over `bytes` in encoding `enc`.
    pub fn new(bytes: &'a [u8], enc: Encoding) -> DecodeReader<'a> {
        let pos = enc.bom_len(bytes);
        // Invalid UTF-8 in a file the caller insists is UTF-8 is replaced by U+FFFD, so that
        // the CSV layer only ever sees valid text.
        let needs_decoder = !matches!(enc, Encoding::Utf8 | Encoding::Utf8Bom)
            || std::str::from_utf8(&bytes[pos..]).is_err();
        let decoder = needs_decoder.then(|| enc.decoder());
        DecodeReader {
            input: bytes,
            pos,
            decoder,
            buf: vec![0; 3 * BLOCK + 16],
            buf_start: 0,
            buf_end: 0,
            finished: false,
            lines: LineTracker::default(),
        }
    }

    /// Bytes of the original input consumed so far.
    pub fn consumed(&self) -> usize {
        self.pos
    }

    /// Whether every byte of the input has been handed out.
    pub fn exhausted(&self) -> bool {
        match self.decoder {
            None => self.pos == self.input.len(),
            Some(_) => self.finished && self.buf_start == self.buf_end,
        }
    }
}

impl Read for DecodeReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let Some(decoder) = self.decoder.as_mut() else {
            let rest = &self.input[self.pos..];
            let n = rest.len().min(out.len());
            out[..n].copy_from_slice(&rest[..n]);
            self.pos += n;
            self.lines.feed(&out[..n]);
            return Ok(n);
        };
        // A block can decode to nothing (half a UTF-16 unit at its end), so refill until
        // there is output or the input is exhausted.
        while self.buf_start == self.buf_end {
            let end = self.input.len().min(self.pos + BLOCK);
            let last = end == self.input.len();
            if self.finished {
                return Ok(0);
            }
            let (result, read, written, _) =
                decoder.decode_to_utf8(&self.input[self.pos..end], &mut self.buf, last);
            self.pos += read;
            self.buf_start = 0;
            self.buf_end = written;
            if last && result == CoderResult::InputEmpty {
                self.finished = true;
            }
        }
        let n = (self.buf_end - self.buf_start).min(out.len());
        out[..n].copy_from_slice(&self.buf[self.buf_start..self.buf_start + n]);
        self.buf_start += n;
        self.lines.feed(&out[..n]);
        Ok(n)
    }
}

/// Finds the physical line where a record's content starts and the blank lines before it.
///
/// `csv` skips empty lines silently and its `Position` for a record points at where reading
/// began, i.e. before those blank lines (and at the `\n` of a `\r\n`). So the reader notes
/// every line it hands to `csv` — start offset and whether it is empty — and the import asks,
/// per record, for the first non-empty line at or after the record's read position. Lines
/// behind the current record are dropped, so the queue only spans csv's read-ahead.
#[derive(Debug, Default)]
pub struct LineTracker {
    offset: u64,
    /// Completed lines: start offset and whether they are empty (`\r` ignored); the ones
    /// before `head` are dropped already (a `Vec` and an index: cheaper per record than a
    /// `VecDeque` in the size-optimised build; the dropped ones go once per `feed`).
    done: Vec<(u64, bool)>,
    head: usize,
    cur_start: u64,
    cur_empty: bool,
    started: bool,
    /// Number of the first line in `done` (or of the current line when `done` is empty).
    front_no: u64,
}

impl LineTracker {
    /// A tracker for input that starts at the start of line `first` of a file (a later
    /// part of it, see `crate::stream::join`).
    pub(crate) fn from_line(first: u64) -> LineTracker {
        LineTracker { started: true, cur_empty: true, front_no: first.max(1), ..Default::default() }
    }

    pub(crate) fn feed(&mut self, data: &[u8]) {
        if !self.started {
            self.started = true;
            self.cur_empty = true;
            self.front_no = 1;
        }
        self.done.drain(..self.head);
        self.head = 0;
        // Jump from newline to newline; only a line that is still empty so far is looked at
        // byte by byte, and a line with content stops that look at its first byte.
        let mut pos = 0;
        while let Some(i) = find_newline(&data[pos..]) {
            let line = &data[pos..pos + i];
            self.cur_empty = self.cur_empty && line.iter().all(|&b| b == b'\r');
            self.done.push((self.cur_start, self.cur_empty));
            pos += i + 1;
            self.cur_start = self.offset + pos as u64;
            self.cur_empty = true;
        }
        self.cur_empty = self.cur_empty && data[pos..].iter().all(|&b| b == b'\r');
        self.offset += data.len() as u64;
    }

    fn pop(&mut self) {
        self.head += 1;
        self.front_no += 1;
    }

    fn front(&self) -> Option<(u64, bool)> {
        self.done.get(self.head).copied()
    }

    /// For a record read from decoded offset `start`: its first line and the number of
    /// blank lines skipped before it.
    pub fn locate(&mut self, start: u64) -> (u64, u64) {
        while self.front().is_some_and(|l| l.0 < start) {
            self.pop();
        }
        let mut blanks = 0;
        while self.front().is_some_and(|l| l.1) {
            self.pop();
            blanks += 1;
        }
        (self.front_no.max(1), blanks)
    }

    /// Whether the last line ended so far is blank (`None` when none ended in the last
    /// `feed`).
    pub(crate) fn last_line_blank(&self) -> Option<bool> {
        self.done.last().map(|l| l.1)
    }

    /// Decoded bytes fed so far.
    pub fn fed(&self) -> u64 {
        self.offset
    }

    /// Whether the input fed so far ends with `\n`.
    pub fn ends_with_newline(&self) -> bool {
        self.offset > 0 && self.cur_start == self.offset
    }

    /// Number of the last line fed that has any byte (0 before any input): at the end of
    /// the input, the file's last line.
    pub fn last_line(&self) -> u64 {
        let current = self.front_no + (self.done.len() - self.head) as u64;
        current - u64::from(self.cur_start == self.offset && current > 0)
    }

    /// Blank lines after decoded offset `end` (the end of the last record) at end of input.
    pub fn trailing_blanks(&mut self, end: u64) -> u64 {
        while self.front().is_some_and(|l| l.0 < end) {
            self.pop();
        }
        self.done[self.head..].iter().filter(|l| l.1).count() as u64
    }
}

/// Position of the first `\n`, eight bytes at a time (a word has a zero byte after the XOR
/// exactly when one of its bytes was `\n`; the classic test below has no false positives
/// for the first zero byte, and the byte loop finds the exact place).
fn find_newline(s: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut words = s.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let x = u64::from_le_bytes(w) ^ (ONES * u64::from(b'\n'));
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            return word.iter().position(|&b| b == b'\n').map(|i| at + i);
        }
        at += 8;
    }
    words.remainder().iter().position(|&b| b == b'\n').map(|i| at + i)
}

#[cfg(test)]
mod tests {
    // The byte count of lead bytes must equal the char count it replaced, for any text.
    proptest::proptest! {
        // The word-at-a-time search finds the same first newline as a byte loop.
        #[test]
        fn find_newline_matches_byte_search(
            s in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::Just(b'\n'), proptest::prelude::Just(b'\r'),
                proptest::prelude::Just(0x0b_u8), proptest::prelude::Just(0x8a_u8),
                proptest::prelude::any::<u8>()
            ], 0..40)
        ) {
            proptest::prop_assert_eq!(
                super::find_newline(&s),
                s.iter().position(|&b| b == b'\n')
            );
        }

        // Feeding by newline jumps leaves the tracker exactly as the byte loop it replaced,
        // whatever the text and wherever the blocks are cut.
        #[test]
        fn line_tracker_matches_byte_loop(
            s in "[a\\r\\n ;]{0,60}",
            cut in 0..61usize,
        ) {
            let (a, b) = s.as_bytes().split_at(cut.min(s.len()));
            let mut now = super::LineTracker::default();
            let mut before = super::LineTracker::default();
            for part in [a, b] {
                now.feed(part);
                feed_byte_by_byte(&mut before, part);
            }
            proptest::prop_assert_eq!(&now.done[now.head..], &before.done[before.head..]);
            proptest::prop_assert_eq!(
                (now.offset, now.cur_start, now.cur_empty, now.front_no),
                (before.offset, before.cur_start, before.cur_empty, before.front_no)
            );
        }

        // Counting lead bytes in the valid part without validating it again gives the counts
        // the version with a second validation gave, on any bytes.
        #[test]
        fn utf8_stats_match_revalidating_version(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::any::<u8>(), proptest::prelude::Just(b'a'),
                proptest::prelude::Just(0xC3_u8), proptest::prelude::Just(0xBC_u8)
            ], 0..40)
        ) {
            proptest::prop_assert_eq!(super::utf8_stats(&bytes), utf8_stats_revalidating(&bytes));
        }

        #[test]
        fn non_ascii_chars_counts_like_chars(s in "\\PC{0,64}") {
            proptest::prop_assert_eq!(super::non_ascii_chars(&s), s.chars().filter(|c| !c.is_ascii()).count());
        }
    }

    use super::*;

    /// `utf8_stats` as it was: the valid part validated a second time to count its chars.
    fn utf8_stats_revalidating(bytes: &[u8]) -> (usize, usize) {
        let (mut multibyte, mut invalid) = (0, 0);
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => return (multibyte + non_ascii_chars(s), invalid),
                Err(e) => {
                    let valid = e.valid_up_to();
                    let good = std::str::from_utf8(&rest[..valid]).unwrap_or_default();
                    multibyte += non_ascii_chars(good);
                    match e.error_len() {
                        Some(n) => {
                            invalid += 1;
                            rest = &rest[valid + n..];
                        }
                        None => return (multibyte, invalid),
                    }
                }
            }
        }
    }

    #[test]
    fn utf8_counts_of_mixed_text() {
        // `ü` valid twice, then two Windows-1252 bytes (`ü`, `ö`) and a cut `ü` at the end.
        assert_eq!(utf8_stats(b"M\xc3\xbcller \xc3\xbc K\xfcln K\xf6ln \xc3"), (2, 2));
    }

    /// `LineTracker::feed` as it was before the newline search, kept to compare against.
    fn feed_byte_by_byte(t: &mut LineTracker, data: &[u8]) {
        if !t.started {
            t.started = true;
            t.cur_empty = true;
            t.front_no = 1;
        }
        for (i, &b) in data.iter().enumerate() {
            if b == b'\n' {
                t.done.push((t.cur_start, t.cur_empty));
                t.cur_start = t.offset + i as u64 + 1;
                t.cur_empty = true;
            } else if b != b'\r' {
                t.cur_empty = false;
            }
        }
        t.offset += data.len() as u64;
    }

    #[test]
    fn lines_and_blanks_are_located() {
        // Lines: 1 `h`, 2 empty, 3 `\r` only, 4 `x;y`, 5 empty (after the last newline).
        let mut t = LineTracker::default();
        t.feed(b"h\n\n\r");
        t.feed(b"\nx;y\n");
        assert_eq!(t.locate(0), (1, 0));
        // A record read from offset 2 starts on line 4, after two blank lines.
        assert_eq!(t.locate(2), (4, 2));
        assert_eq!(t.trailing_blanks(9), 0);
        assert_eq!(super::find_newline(b"0123456789\n"), Some(10));
        assert_eq!(super::find_newline(b"01234567"), None);
    }

    fn decode_all(bytes: &[u8], enc: Encoding) -> String {
        let mut s = String::new();
        DecodeReader::new(bytes, enc).read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn detects_and_decodes() {
        assert_eq!(detect(b"a;b\n1;2\n"), Encoding::Utf8);
        assert_eq!(detect(b"\xEF\xBB\xBFa;b"), Encoding::Utf8Bom);
        assert_eq!(detect(b"K\xfcnde;Betrag\n"), Encoding::Windows1252);
        // A UTF-8 file with one broken byte among many umlauts stays UTF-8.
        let broken = ["Müller;Köln;Groß;".as_bytes(), b"\xff"].concat();
        assert_eq!(detect(&broken), Encoding::Utf8);
        assert_eq!(detect(b"M\xfcller;K\xf6ln;\xc3\xbc"), Encoding::Windows1252);
        // A cut character at the end of a prefix is not evidence against UTF-8.
        assert_eq!(detect(&"Müller".as_bytes()[..2]), Encoding::Utf8);
        assert_eq!(decode_all(b"K\xfcnde \x80\n", Encoding::Windows1252), "Künde €\n");
        assert_eq!(decode_all(b"\xEF\xBB\xBFa", Encoding::Utf8Bom), "a");
        let utf16: Vec<u8> = "\u{feff}ä;b\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(detect(&utf16), Encoding::Utf16Le);
        assert_eq!(decode_all(&utf16, Encoding::Utf16Le), "ä;b\n");
        let no_bom: Vec<u8> = "ab;cd\n".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(detect(&no_bom), Encoding::Utf16Be);
    }

    #[test]
    fn large_input_decodes_across_blocks() {
        let text = "Müller;€\n".repeat(10_000);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        assert_eq!(decode_all(&bytes, Encoding::Windows1252), text);
    }

    #[test]
    fn unusable_files() {
        assert_eq!(check_usable(b""), Err(IngestError::ZeroBytes));
        assert_eq!(
            check_usable(b"PK\x03\x04rest"),
            Err(IngestError::Spreadsheet { format: SpreadsheetFormat::Xlsx })
        );
        assert_eq!(
            check_usable(b"\xD0\xCF\x11\xE0rest"),
            Err(IngestError::Spreadsheet { format: SpreadsheetFormat::Xls })
        );
        assert_eq!(check_usable(b"ab\0cd"), Err(IngestError::Binary { offset: 2 }));
        assert!(check_usable(b"a;b\r\n1;2\r\n").is_ok());
    }
}
