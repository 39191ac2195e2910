//! Streaming decoders from the four encodings the sniffer can report (UTF-8, UTF-16LE/BE,
//! Windows-1252) to UTF-8, with the WHATWG Encoding Standard's replacement rules.
//!
//! This replaces `encoding_rs`, whose decoder type dispatches over every encoding of the
//! standard and so brought the Chinese, Japanese and Korean tables (about 130 kB) into the
//! import worker's wasm, although a CSV import only ever needs these four. The tests compare
//! every decoder with `encoding_rs` on random input split at random points.

use serde::{Deserialize, Serialize};

// The encoding names live here, next to their decoders, so this module depends on nothing
// else in the crate and `encoding` (detection, streaming reader) builds on it.
/// Text encoding of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 without byte-order mark.
    Utf8,
    /// UTF-8 with byte-order mark (Excel "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little endian (Excel "Unicode text"), with or without BOM.
    Utf16Le,
    /// UTF-16 big endian, with or without BOM.
    Utf16Be,
    /// Windows-1252 (Western European ANSI), the fallback for invalid UTF-8.
    Windows1252,
}

impl Encoding {
    /// Human-readable name (`UTF-8`, `Windows-1252`, …).
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// A streaming decoder from this encoding to UTF-8 (the BOM is not removed by it).
    pub(crate) fn decoder(self) -> Decoder {
        Decoder::new(self)
    }

    /// Length of the byte-order mark this encoding's file starts with, if any.
    pub(crate) fn bom_len(self, bytes: &[u8]) -> usize {
        match self {
            Encoding::Utf8Bom if bytes.starts_with(b"\xEF\xBB\xBF") => 3,
            Encoding::Utf16Le if bytes.starts_with(b"\xFF\xFE") => 2,
            Encoding::Utf16Be if bytes.starts_with(b"\xFE\xFF") => 2,
            _ => 0,
        }
    }
}

/// Why [`Decoder::decode_to_utf8`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CoderResult {
    /// All of the input was consumed.
    InputEmpty,
    /// The output buffer has no room for the next character.
    OutputFull,
}

/// Windows-1252 bytes 0x80–0x9F (WHATWG index); the other bytes are their own code point.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// A streaming decoder: feed it the input in pieces of any size, `last` on the final piece.
/// A BOM is not removed here (the caller skips it, see [`Encoding::bom_len`]).
#[derive(Debug, Clone)]
pub(crate) struct Decoder {
    encoding: Encoding,
    /// UTF-8: the start of a sequence cut by the end of the previous piece (at most 3 bytes).
    /// UTF-16: an odd byte left over (at most 1).
    pending: [u8; 4],
    pending_len: usize,
    /// UTF-16: a lead surrogate waiting for its trail.
    lead: Option<u16>,
}

impl Decoder {
    /// A decoder for `encoding` (UTF-8 with or without BOM decode alike).
    pub(crate) fn new(encoding: Encoding) -> Decoder {
        Decoder { encoding, pending: [0; 4], pending_len: 0, lead: None }
    }

    /// Decodes as much of `src` as fits into `dst`. Returns why it stopped, the bytes read,
    /// the bytes written and whether anything was replaced by U+FFFD. With `last`, a cut
    /// sequence at the end becomes U+FFFD.
    pub(crate) fn decode_to_utf8(
        &mut self,
        src: &[u8],
        dst: &mut [u8],
        last: bool,
    ) -> (CoderResult, usize, usize, bool) {
        let mut out = Out { dst, len: 0, replaced: false };
        let (result, read) = match self.encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => self.utf8(src, &mut out, last),
            Encoding::Windows1252 => windows_1252(src, &mut out),
            Encoding::Utf16Le => self.utf16(src, &mut out, last, u16::from_le_bytes),
            Encoding::Utf16Be => self.utf16(src, &mut out, last, u16::from_be_bytes),
        };
        (result, read, out.len, out.replaced)
    }

    fn utf8(&mut self, src: &[u8], out: &mut Out, last: bool) -> (CoderResult, usize) {
        let mut pos = 0;
        // Finish a sequence the previous piece cut, byte by byte.
        while self.pending_len > 0 {
            let Some(&b) = src.get(pos) else {
                if !last {
                    return (CoderResult::InputEmpty, pos);
                }
                // The cut sequence is all there is: one replacement for it.
                if !out.char('\u{FFFD}') {
                    return (CoderResult::OutputFull, pos);
                }
                out.replaced = true;
                self.pending_len = 0;
                return (CoderResult::InputEmpty, pos);
            };
            let mut seq = self.pending;
            seq[self.pending_len] = b;
            match std::str::from_utf8(&seq[..self.pending_len + 1]) {
                Ok(s) => {
                    if !out.str(s) {
                        return (CoderResult::OutputFull, pos);
                    }
                    self.pending_len = 0;
                    pos += 1;
                }
                Err(e) if e.error_len().is_none() => {
                    self.pending = seq;
                    self.pending_len += 1;
                    pos += 1;
                }
                Err(_) => {
                    // `b` does not continue the sequence: the pending bytes are one maximal
                    // subpart, replaced once; `b` is decoded afresh below.
                    if !out.char('\u{FFFD}') {
                        return (CoderResult::OutputFull, pos);
                    }
                    out.replaced = true;
                    self.pending_len = 0;
                }
            }
        }
        loop {
            let rest = &src[pos..];
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    let n = out.str_prefix(s);
                    pos += n;
                    let result = if n == s.len() {
                        CoderResult::InputEmpty
                    } else {
                        CoderResult::OutputFull
                    };
                    return (result, pos);
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    // Safety of the slice: `valid_up_to` bytes are valid UTF-8.
                    let good = std::str::from_utf8(&rest[..valid]).unwrap_or_default();
                    let n = out.str_prefix(good);
                    pos += n;
                    if n < valid {
                        return (CoderResult::OutputFull, pos);
                    }
                    match e.error_len() {
                        Some(bad) => {
                            if !out.char('\u{FFFD}') {
                                return (CoderResult::OutputFull, pos);
                            }
                            out.replaced = true;
                            pos += bad;
                        }
                        None if last => {
                            if !out.char('\u{FFFD}') {
                                return (CoderResult::OutputFull, pos);
                            }
                            out.replaced = true;
                            return (CoderResult::InputEmpty, src.len());
                        }
                        None => {
                            let cut = &rest[valid..];
                            self.pending[..cut.len()].copy_from_slice(cut);
                            self.pending_len = cut.len();
                            return (CoderResult::InputEmpty, src.len());
                        }
                    }
                }
            }
        }
    }

    fn utf16(
        &mut self,
        src: &[u8],
        out: &mut Out,
        last: bool,
        unit: fn([u8; 2]) -> u16,
    ) -> (CoderResult, usize) {
        let mut pos = 0;
        loop {
            // The next code unit: a pending odd byte plus one from `src`, or two from `src`.
            let (u, used) = if self.pending_len == 1 {
                match src.get(pos) {
                    Some(&b) => (unit([self.pending[0], b]), 1),
                    None => break,
                }
            } else {
                match (src.get(pos), src.get(pos + 1)) {
                    (Some(&a), Some(&b)) => (unit([a, b]), 2),
                    (Some(&a), None) => {
                        self.pending[0] = a;
                        self.pending_len = 1;
                        pos += 1;
                        break;
                    }
                    _ => break,
                }
            };
            let ch = match (self.lead, u) {
                (Some(lead), 0xDC00..=0xDFFF) => {
                    let c = 0x10000 + ((u32::from(lead) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                    Some(char::from_u32(c).unwrap_or('\u{FFFD}'))
                }
                (Some(_), _) => {
                    // The lead had no trail: replace it and look at this unit again.
                    if !out.char('\u{FFFD}') {
                        return (CoderResult::OutputFull, pos);
                    }
                    out.replaced = true;
                    self.lead = None;
                    continue;
                }
                (None, 0xD800..=0xDBFF) => None,
                (None, 0xDC00..=0xDFFF) => Some('\u{FFFD}'),
                (None, _) => Some(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')),
            };
            match ch {
                None => self.lead = Some(u),
                Some(c) => {
                    if !out.char(c) {
                        return (CoderResult::OutputFull, pos);
                    }
                    out.replaced |= c == '\u{FFFD}';
                    self.lead = None;
                }
            }
            self.pending_len = 0;
            pos += used;
        }
        if last && (self.lead.is_some() || self.pending_len > 0) {
            // A lead surrogate without trail, an odd byte, or both at the end: one
            // replacement, as the standard's UTF-16 decoder does at end of queue.
            if !out.char('\u{FFFD}') {
                return (CoderResult::OutputFull, pos);
            }
            out.replaced = true;
            self.lead = None;
            self.pending_len = 0;
        }
        (CoderResult::InputEmpty, pos)
    }
}

fn windows_1252(src: &[u8], out: &mut Out) -> (CoderResult, usize) {
    let mut pos = 0;
    while pos < src.len() {
        // ASCII runs are copied as they are.
        let run = src[pos..].iter().position(|&b| b >= 0x80).unwrap_or(src.len() - pos);
        let room = out.dst.len() - out.len;
        let n = run.min(room);
        out.dst[out.len..out.len + n].copy_from_slice(&src[pos..pos + n]);
        out.len += n;
        pos += n;
        if n < run {
            return (CoderResult::OutputFull, pos);
        }
        let Some(&b) = src.get(pos) else { break };
        let c = if (0x80..0xA0).contains(&b) {
            WINDOWS_1252_HIGH[usize::from(b - 0x80)]
        } else {
            char::from(b)
        };
        if !out.char(c) {
            return (CoderResult::OutputFull, pos);
        }
        pos += 1;
    }
    (CoderResult::InputEmpty, pos)
}

/// Decodes a whole input (without its BOM) at once.
pub(crate) fn decode_all(bytes: &[u8], encoding: Encoding) -> String {
    if matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut decoder = Decoder::new(encoding);
    // Every input byte becomes at most 3 output bytes (a Windows-1252 byte or half a UTF-16
    // unit each at most one 3-byte character), plus 3 for a replacement at the end.
    let mut buf = vec![0u8; bytes.len() * 3 + 3];
    let (_, _, written, _) = decoder.decode_to_utf8(bytes, &mut buf, true);
    buf.truncate(written);
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The output buffer and how much of it is written.
struct Out<'a> {
    dst: &'a mut [u8],
    len: usize,
    replaced: bool,
}

impl Out<'_> {
    /// Writes `c` if it fits whole.
    fn char(&mut self, c: char) -> bool {
        let n = c.len_utf8();
        if self.dst.len() - self.len < n {
            return false;
        }
        c.encode_utf8(&mut self.dst[self.len..self.len + n]);
        self.len += n;
        true
    }

    /// Writes `s` if it fits whole.
    fn str(&mut self, s: &str) -> bool {
        if self.dst.len() - self.len < s.len() {
            return false;
        }
        self.dst[self.len..self.len + s.len()].copy_from_slice(s.as_bytes());
        self.len += s.len();
        true
    }

    /// Writes the longest prefix of `s` that fits and ends on a character boundary; returns
    /// its length.
    fn str_prefix(&mut self, s: &str) -> usize {
        let mut n = s.len().min(self.dst.len() - self.len);
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        self.dst[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codec(e: Encoding) -> &'static encoding_rs::Encoding {
        match e {
            Encoding::Utf8 | Encoding::Utf8Bom => encoding_rs::UTF_8,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }

    /// Ours, fed in pieces cut at `cuts`, into an output buffer of `room` bytes that is
    /// emptied whenever it is full.
    fn ours(bytes: &[u8], e: Encoding, cuts: &[usize], room: usize) -> String {
        let mut d = Decoder::new(e);
        let mut text = Vec::new();
        let mut buf = vec![0u8; room];
        let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
        bounds.push(bytes.len());
        bounds.sort_unstable();
        let mut start = 0;
        for (i, &end) in bounds.iter().enumerate() {
            let last = i + 1 == bounds.len();
            let mut piece = &bytes[start..end];
            loop {
                let (r, read, written, _) = d.decode_to_utf8(piece, &mut buf, last);
                text.extend_from_slice(&buf[..written]);
                piece = &piece[read..];
                if r == CoderResult::InputEmpty {
                    break;
                }
            }
            start = end;
        }
        String::from_utf8(text).unwrap()
    }

    fn theirs(bytes: &[u8], e: Encoding) -> String {
        codec(e).decode_without_bom_handling(bytes).0.into_owned()
    }

    const ALL: [Encoding; 4] =
        [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Windows1252];

    /// Bytes that hit the interesting cases: ASCII, high Windows-1252 bytes, UTF-8 lead and
    /// continuation bytes, surrogate halves in either byte order.
    fn tricky_bytes() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(
            prop_oneof![
                any::<u8>(),
                Just(b'a'),
                Just(0x80u8),
                Just(0xC3),
                Just(0xA4),
                Just(0xE2),
                Just(0x82),
                Just(0xAC),
                Just(0xF0),
                Just(0x9F),
                Just(0xD8),
                Just(0xDC),
                Just(0x00),
            ],
            0..64,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn matches_encoding_rs_in_any_pieces(
            bytes in tricky_bytes(),
            cuts in prop::collection::vec(0usize..100, 0..5),
            room in 4usize..40,
        ) {
            for e in ALL {
                prop_assert_eq!(ours(&bytes, e, &cuts, room), theirs(&bytes, e), "{:?}", e);
                prop_assert_eq!(decode_all(&bytes, e), theirs(&bytes, e), "{:?}", e);
            }
        }

        #[test]
        fn valid_text_round_trips(s in "\\PC{0,40}", cuts in prop::collection::vec(0usize..200, 0..4)) {
            let utf16le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
            let utf16be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
            prop_assert_eq!(ours(s.as_bytes(), Encoding::Utf8, &cuts, 64), s.clone());
            prop_assert_eq!(ours(&utf16le, Encoding::Utf16Le, &cuts, 64), s.clone());
            prop_assert_eq!(ours(&utf16be, Encoding::Utf16Be, &cuts, 64), s);
        }
    }

    #[test]
    fn every_windows_1252_byte_matches_the_standard() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(
            decode_all(&bytes, Encoding::Windows1252),
            theirs(&bytes, Encoding::Windows1252)
        );
        assert_eq!(decode_all(b"K\xfcnde \x80 \x9f", Encoding::Windows1252), "Künde € Ÿ");
    }

    #[test]
    fn cut_sequences_and_lone_surrogates_become_replacements() {
        // "€" cut after two of its three bytes, at the end of the input.
        assert_eq!(decode_all(b"a\xE2\x82", Encoding::Utf8), "a\u{FFFD}");
        // A lone trail surrogate, then "b"; an odd byte at the end.
        assert_eq!(decode_all(&[0x00, 0xDC, b'b', 0, 7], Encoding::Utf16Le), "\u{FFFD}b\u{FFFD}");
        // A lead surrogate followed by "c" instead of a trail.
        assert_eq!(decode_all(&[0xD8, 0x3D, 0, b'c'], Encoding::Utf16Be), "\u{FFFD}c");
    }

    #[test]
    fn a_full_output_buffer_stops_before_a_character() {
        let mut d = Decoder::new(Encoding::Windows1252);
        let mut buf = [0u8; 4];
        // "a€b": "a" (1 byte) fits, "€" (3 bytes) fits exactly, "b" does not.
        let (r, read, written, _) = d.decode_to_utf8(b"a\x80b", &mut buf, true);
        assert_eq!((r, read, written), (CoderResult::OutputFull, 2, 4));
        assert_eq!(&buf, "a€".as_bytes());
    }
}
