//! One record's cells: checked as UTF-8 once, read back from spreadsheet-safe form, trimmed,
//! and the skip rules (blank line, repeated header, total row) that look at them.

use super::result::SkipRule;
use crate::csv_safe::restore;

const TOTAL_WORDS: [&str; 13] = [
    "summe",
    "gesamt",
    "gesamtsumme",
    "zwischensumme",
    "gesamtergebnis",
    "ergebnis",
    "total",
    "totals",
    "subtotal",
    "sub-total",
    "grand total",
    "sum",
    "insgesamt",
];

/// The cell without the white space `str::trim` removes. Most cells start and end with a
/// visible ASCII character, and then there is nothing to trim. (`inline(always)` here and on
/// the other per-cell helpers: the size-optimised build, also used for wasm, would otherwise
/// call them.)
#[inline(always)]
fn trim_cell(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    let bytes = s.as_bytes();
    if bytes.is_empty() || (visible(bytes.first()) && visible(bytes.last())) {
        return s;
    }
    s.trim()
}

/// Reused buffers for one record's cells: each cell is checked as UTF-8 and trimmed once per
/// record, not on every access (skip rules, conversion and messages read cells repeatedly).
#[derive(Default)]
pub(crate) struct Cells {
    /// The allocation of the cell list, kept empty between records (a list of `&str` cannot
    /// outlive its record, so it is handed back empty; see [`recycle`]).
    spare: Vec<&'static str>,
    /// The valid, trimmed cells of a record that is not UTF-8 as a whole (only possible when
    /// a non-ASCII delimiter or quote cut a character).
    fallback: String,
}

/// An empty `Vec` of another lifetime on the same allocation (collecting a `vec::IntoIter`
/// into a `Vec` of the same layout reuses the buffer; nothing is mapped, it is empty).
pub(super) fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

impl Cells {
    /// Splits `buf` at `ends` into trimmed cells; a cell that is not valid UTF-8 on its own
    /// reads as empty. Hand the list back with [`Cells::put_back`] to reuse its allocation.
    pub(crate) fn load<'a>(
        &'a mut self,
        buf: &'a [u8],
        ends: &[usize],
        sep: usize,
    ) -> Vec<&'a str> {
        // `Vec<&'static str>` is a `Vec<&'a str>` already (covariance); only the way back
        // needs `recycle`.
        let mut cells: Vec<&'a str> = std::mem::take(&mut self.spare);
        let mut start = 0;
        match std::str::from_utf8(buf) {
            Ok(text) => {
                // In valid text a field is valid on its own exactly when it starts and ends
                // on character boundaries (`get` checks both).
                cells.extend(ends.iter().map(|&end| {
                    let cell = text.get(start..end).map_or("", |c| trim_cell(restore(c)));
                    start = end + sep;
                    cell
                }));
            }
            Err(_) => {
                self.fallback.clear();
                let mut ranges = Vec::with_capacity(ends.len());
                for &end in ends {
                    let field = buf.get(start..end).and_then(|b| std::str::from_utf8(b).ok());
                    let at = self.fallback.len();
                    self.fallback.push_str(trim_cell(restore(field.unwrap_or(""))));
                    ranges.push((at, self.fallback.len()));
                    start = end + sep;
                }
                let text = self.fallback.as_str();
                cells.extend(ranges.into_iter().map(|(a, b)| text.get(a..b).unwrap_or("")));
            }
        }
        cells
    }

    /// Keeps the list's allocation for the next record (`recycle` the list first, which
    /// ends its borrow of `self`).
    pub(super) fn put_back(&mut self, spare: Vec<&'static str>) {
        self.spare = spare;
    }
}

/// One record's trimmed cells.
#[derive(Clone, Copy)]
pub(crate) struct CellView<'a> {
    pub(crate) cells: &'a [&'a str],
}

impl<'a> CellView<'a> {
    pub(crate) fn len(self) -> usize {
        self.cells.len()
    }

    /// Cell `i`, trimmed; `""` past the end.
    #[inline(always)]
    pub(crate) fn get(self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }
}

pub(super) fn skip_rule(cells: CellView, headers: &[String], has_header: bool) -> Option<SkipRule> {
    let n = cells.len();
    let Some(first) = (0..n).map(|i| cells.get(i)).find(|c| !c.is_empty()) else {
        return Some(SkipRule::BlankLine);
    };
    if has_header
        && n == headers.len()
        && headers.iter().enumerate().all(|(i, h)| cells.get(i).eq_ignore_ascii_case(h))
    {
        return Some(SkipRule::RepeatedHeader);
    }
    // No total word has a digit, and lower-casing neither adds nor removes ASCII digits, so
    // rows starting with an id or a date (nearly all) skip the allocation below (8 % of a
    // typed import, measured with perf).
    if first.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if is_total_word(first) {
        return Some(SkipRule::TotalRow);
    }
    None
}

/// Words SurveyMonkey writes in its second header row, under each question.
const SUB_HEADER_WORDS: &[&str] = &[
    "response",
    "open-ended response",
    "other (please specify)",
    "antwort",
    "offene antwort",
    "sonstiges (bitte angeben)",
];

/// Whether the first row below the header is a second header row (SurveyMonkey's export
/// has one): every required column empty or a sub-header word, and at least one such word.
/// Read as data it would be rejected for its empty date; it is no row of answers.
pub(super) fn is_sub_header(cells: CellView, plan: &super::plan::Plan) -> bool {
    let word = |s: &str| SUB_HEADER_WORDS.contains(&s.to_lowercase().as_str());
    let required_unread =
        plan.specs.iter().zip(&plan.cols).filter(|(spec, _)| spec.required).all(|(_, col)| {
            col.as_ref().is_none_or(|c| {
                let s = cells.get(c.index);
                s.is_empty() || word(s)
            })
        });
    required_unread && (0..cells.len()).any(|i| word(cells.get(i)))
}

/// Whether a row whose first cell is `cell` is a total row that the import skips (`Summe`,
/// `Gesamt:`, `Total`, …, in any case, with or without a colon).
pub fn is_total_word(cell: &str) -> bool {
    let word = cell.trim_end_matches(':').trim().to_lowercase();
    TOTAL_WORDS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::{Cells, TOTAL_WORDS};
    use proptest::prelude::*;

    /// How a cell was read before `Cells`: its own UTF-8 check and trim on every access.
    fn cell_before(buf: &[u8], ends: &[usize], i: usize) -> String {
        let start = if i == 0 { 0 } else { ends[i - 1] };
        let field = ends.get(i).and_then(|&end| buf.get(start..end)).unwrap_or_default();
        std::str::from_utf8(field).unwrap_or("").trim().to_string()
    }

    fn cells_now(buf: &[u8], ends: &[usize]) -> Vec<String> {
        let mut cells = Cells::default();
        let list = cells.load(buf, ends, 0);
        let view = super::CellView { cells: &list };
        (0..=ends.len()).map(|i| view.get(i).to_string()).collect()
    }

    fn check_cells(buf: &[u8], ends: &[usize]) {
        let before: Vec<String> = (0..=ends.len()).map(|i| cell_before(buf, ends, i)).collect();
        assert_eq!(cells_now(buf, ends), before, "{buf:?} {ends:?}");
    }

    fn ends_from(len: usize, mut cuts: Vec<usize>) -> Vec<usize> {
        cuts.iter_mut().for_each(|c| *c = (*c).min(len));
        cuts.push(len);
        cuts.sort_unstable();
        cuts
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        // One UTF-8 check per record and one trim per cell give every cell exactly as the
        // per-access check did, also when cuts split a character (then a cell is no text).
        #[test]
        fn cells_match_per_access_reading(
            text in "[ a1\t\r\u{a0}\u{2003}ä€x]{0,16}",
            cuts in proptest::collection::vec(0..20usize, 0..6),
        ) {
            check_cells(text.as_bytes(), &ends_from(text.len(), cuts));
        }

        #[test]
        fn cells_match_per_access_reading_on_bytes(
            buf in proptest::collection::vec(any::<u8>(), 0..24),
            cuts in proptest::collection::vec(0..30usize, 0..6),
        ) {
            let ends = ends_from(buf.len(), cuts);
            check_cells(&buf, &ends);
        }
    }

    /// A line split at `delimiter` both ways: in place (`sep` 1) and copied together
    /// without the delimiters (`sep` 0, as csv_core writes fields); cells and rejected
    /// fields must match.
    fn check_in_place(line: &[u8], delimiter: u8) {
        let (mut joined, mut joined_ends, mut line_ends) = (Vec::new(), Vec::new(), Vec::new());
        for (i, &b) in line.iter().enumerate() {
            if b == delimiter {
                joined_ends.push(joined.len());
                line_ends.push(i);
            } else {
                joined.push(b);
            }
        }
        joined_ends.push(joined.len());
        line_ends.push(line.len());
        let read = |buf: &[u8], ends: &[usize], sep: usize| {
            let mut cells = Cells::default();
            let list = cells.load(buf, ends, sep);
            list.iter().map(|c| c.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(read(line, &line_ends, 1), read(&joined, &joined_ends, 0), "{line:?}");
        let plan =
            crate::import::plan::build_plan(&sniffed_subscriptions(), &Default::default()).unwrap();
        let problem = || crate::import::rejection::Problem {
            col: 0,
            expected: crate::Expected::Value,
            found: String::new(),
            decimal: crate::value::DecimalStyle::Point,
        };
        let in_place =
            crate::import::rejection::rejection(&plan, line, &line_ends, 1, 3, problem());
        let copied =
            crate::import::rejection::rejection(&plan, &joined, &joined_ends, 0, 3, problem());
        assert_eq!(in_place, copied);
    }

    fn sniffed_subscriptions() -> crate::Sniffed {
        crate::sniff(b"customer,start,amount\nK1,2025-01-01,10\n").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        // Cells read in place between delimiters are the cells of the copied fields, for any
        // bytes and any delimiter byte (also one that is part of a UTF-8 character).
        #[test]
        fn cells_in_place_match_copied_fields(
            line in proptest::collection::vec(
                prop::sample::select(vec![b'a', b' ', b',', b';', 0xC3, 0xA4, 0xE2, 0x82, 0xAC, 0xFF]),
                0..24,
            ),
            delimiter in prop::sample::select(vec![b',', b';', 0xA4, 0xC3]),
        ) {
            check_in_place(&line, delimiter);
        }
    }

    #[test]
    fn cells_in_place_are_the_fields_between_delimiters() {
        let mut cells = Cells::default();
        // ` ACME ,€12,50,` (`€` is three bytes) with `,` at 6, 12 and 15: four cells, the
        // last empty.
        let line = " ACME ,€12,50,".as_bytes();
        let list = cells.load(line, &[6, 12, 15, 16], 1);
        assert_eq!(list, ["ACME", "€12", "50", ""]);
        // An `ä` (C3 A4) cut by a delimiter byte A4: neither side is text.
        check_in_place("xä,y".as_bytes(), 0xA4);
    }

    #[test]
    fn cells_are_trimmed_and_cut_characters_read_as_empty() {
        // `€` is E2 82 AC: cut after its first byte, neither half is text on its own.
        let buf = " ACME \u{a0}€12,50\t".as_bytes();
        assert_eq!(cells_now(buf, &[6, 9, 17]), ["ACME", "", "", ""]);
        assert_eq!(cells_now(buf, &[6, 11, 17]), ["ACME", "€", "12,50", ""]);
        // A record that is not UTF-8 as a whole keeps its valid cells.
        assert_eq!(cells_now(b" K\xfcnde;x \x80", &[6, 7, 9, 10]), ["", ";", "x", "", ""]);
        assert_eq!(cells_now(b"ab \xff", &[3, 4]), ["ab", "", ""]);
    }

    // The digit shortcut in `skip_rule` must never hide a total row: whatever the text, if
    // it has an ASCII digit, its normalised form is no total word.
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn cells_with_digits_are_never_total_words(s in "\\PC{0,8}[0-9]\\PC{0,8}") {
            let word = s.trim_end_matches(':').trim().to_lowercase();
            prop_assert!(!TOTAL_WORDS.contains(&word.as_str()));
        }
    }

    #[test]
    fn total_words_have_no_digits() {
        assert!(TOTAL_WORDS.iter().all(|w| !w.bytes().any(|b| b.is_ascii_digit())));
        for (cell, total) in [
            ("Summe:", true),
            ("  Gesamt ", true),
            ("GRAND TOTAL", true),
            ("sum", true),
            ("Summen", false),
            ("Total Care GmbH", false),
            ("", false),
        ] {
            assert_eq!(super::is_total_word(cell), total, "{cell:?}");
        }
    }
}
