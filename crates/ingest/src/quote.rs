//! Where records end: the complete records at the start of a cut text (the sniffing window),
//! and whether the input ended inside a quoted field that was never closed.
//!
//! `csv_core` never reports an error: at the end of the input it ends an open quoted field
//! as if it had been closed, so a stray opening quote silently takes every line after it
//! into one cell. These helpers find that case, so the importer can say so with the line
//! number instead of importing a wrong row.

/// A `csv_core` reader for the dialect (the same defaults as the `csv` crate's reader the
/// one-shot import uses: doubled quotes, no escape character, any line break).
pub(crate) fn parser(delimiter: u8, quote: u8) -> csv_core::Reader {
    csv_core::ReaderBuilder::new().delimiter(delimiter).quote(quote).build()
}

/// The line break [`in_quoted_field`] gives a parser at the end of its input.
pub(crate) const PROBE: &[u8] = b"\n";

/// Whether a dialect can tell an open quote at the end: not when its quote or delimiter is
/// a line break.
pub(crate) fn can_probe(delimiter: u8, quote: u8) -> bool {
    !matches!(quote, b'\n' | b'\r') && !matches!(delimiter, b'\n' | b'\r')
}

/// Whether `parser`, having read all its input, stands inside a quoted field.
///
/// It is given one line break ([`PROBE`]): inside a quoted field that byte becomes part of
/// the cell (one output byte, no record), anywhere else it ends the record or is a blank
/// line (no output). The parser is used up; a copy would not do, as `csv_core`'s `Clone`
/// leaves most of its tables behind.
pub(crate) fn in_quoted_field(mut parser: csv_core::Reader, delimiter: u8, quote: u8) -> bool {
    if !can_probe(delimiter, quote) {
        return false;
    }
    let (mut out, mut ends) = ([0u8; 4], [0usize; 4]);
    let (res, _, nout, _) = parser.read_record(PROBE, &mut out, &mut ends);
    res == csv_core::ReadRecordResult::InputEmpty && nout == 1
}

/// What a text cut at an arbitrary byte holds: the length of its complete records (each
/// ended by a line break inside the text), and whether the cut record is inside a quoted
/// field.
pub(crate) fn complete_records(text: &[u8], delimiter: u8, quote: u8) -> (usize, bool) {
    use csv_core::ReadRecordResult as R;
    let mut parser = parser(delimiter, quote);
    // The cells are not needed, only where records end, so the output is overwritten.
    let (mut out, mut ends) = (vec![0u8; 64 * 1024], vec![0usize; 1024]);
    let (mut rest, mut offset, mut complete) = (text, 0, 0);
    while !rest.is_empty() {
        let (res, nin, _, _) = parser.read_record(rest, &mut out, &mut ends);
        rest = &rest[nin..];
        offset += nin;
        match res {
            R::Record => complete = offset,
            // A full buffer only means a long cell or many fields: the parser goes on from
            // where it stopped when given fresh room (its position is kept inside).
            R::InputEmpty | R::OutputFull | R::OutputEndsFull | R::End => {}
        }
        if res == R::InputEmpty || res == R::End {
            break;
        }
    }
    (complete, in_quoted_field(parser, delimiter, quote))
}

/// Whether `tail`, read from where the last record of a file began to the end of the file,
/// ends inside a quoted field that was never closed.
pub(crate) fn ends_in_open_quote(tail: &[u8], delimiter: u8, quote: u8) -> bool {
    complete_records(tail, delimiter, quote).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_records_end_at_a_line_break_outside_quotes() {
        let check = |text: &str, want: (usize, bool)| {
            assert_eq!(complete_records(text.as_bytes(), b',', b'"'), want, "{text:?}");
        };
        // `a,b\n` is complete (4 bytes); `c,d` may go on.
        check("a,b\nc,d", (4, false));
        // The line break inside the quotes does not end the record.
        check("a,b\nc,\"x\ny", (4, true));
        check("a,b\nc,\"x\ny\"\n", (12, false));
        // A closing quote at the very end: the record is cut but not inside quotes.
        check("a,\"x\"", (0, false));
        // Doubled quotes inside a quoted field stay inside it.
        check("a,\"x\"\"", (0, true));
        check("", (0, false));
        // csv_core ends a record at its `\r` and reads the `\n` with the next one.
        check("\n\na\r\n", (4, false));
    }

    #[test]
    fn long_cells_and_many_fields_go_past_the_buffers() {
        let long = format!("h\n\"{}\n{}\"\nnext", "x".repeat(100_000), "y".repeat(70_000));
        assert_eq!(complete_records(long.as_bytes(), b',', b'"'), (long.len() - 4, false));
        let wide = format!("{}\n{}", ",".repeat(5_000), ",".repeat(10));
        assert_eq!(complete_records(wide.as_bytes(), b',', b'"'), (5_001, false));
        assert!(ends_in_open_quote(b"K1,\"basic\nK2,2\n", b',', b'"'));
        assert!(!ends_in_open_quote(b"K1,\"basic\"\n", b',', b'"'));
        assert!(!ends_in_open_quote(b"K1,5\" display\n", b',', b'"'));
        // A line break as quote or delimiter has no open-quote test.
        assert!(!ends_in_open_quote(b"a\nb", b'\n', b'"'));
    }
}
