//! Cells that are safe to open in a spreadsheet, and the way back.
//!
//! Excel, LibreOffice and Google Sheets run a CSV cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return as a formula, so a cell such as `=HYPERLINK("http://x","y")`
//! from a hostile export becomes a live link when the user opens a download. Every CSV that
//! Kennzahl writes from user data passes its text cells through [`neutralise`], which puts an
//! apostrophe in front of such a cell; the importer reads every cell through [`restore`], so
//! a download that the user fixes in Excel and imports again gives the original values.
//!
//! The rule, exactly: a cell *needs* the apostrophe when it starts with any number of
//! apostrophes (zero or more) followed by one of the six formula characters. [`neutralise`]
//! adds one apostrophe to such a cell and leaves every other cell alone; [`restore`] removes
//! one apostrophe from a cell that starts with an apostrophe and *needs* one after it, and
//! leaves every other cell alone. So `'=1` reads back as `=1`, `''=1` as `'=1`, while
//! `'Hello`, `'12` and a lone `'` stay as they are, and `restore(&neutralise(s)) == s` for
//! every string `s`.

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` is written with an extra leading apostrophe: any number of apostrophes
/// followed by a formula character (the apostrophes are counted so that a cell which already
/// looks neutralised also survives the way back).
fn needs_apostrophe(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// The cell as it is written to a CSV file that a spreadsheet may open: with one leading
/// apostrophe when it [starts like a formula](self), unchanged otherwise.
///
/// ```
/// use ingest::csv_safe::neutralise;
/// assert_eq!(neutralise("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
/// assert_eq!(neutralise("K00001"), "K00001");
/// assert_eq!(neutralise("'=1"), "''=1");
/// ```
pub fn neutralise(cell: &str) -> String {
    if needs_apostrophe(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The cell as [`neutralise`] got it: one leading apostrophe removed when what follows
/// [starts like a formula](self); every other cell unchanged (an ordinary `'Hello` keeps its
/// apostrophe). The importer reads every cell through this before trimming it.
///
/// ```
/// use ingest::csv_safe::restore;
/// assert_eq!(restore("'=1"), "=1");
/// assert_eq!(restore("''=1"), "'=1");
/// assert_eq!(restore("'Hello"), "'Hello");
/// ```
#[inline(always)]
pub fn restore(cell: &str) -> &str {
    // Nearly no cell starts with an apostrophe, so the check costs one byte comparison.
    match cell.strip_prefix('\'') {
        Some(rest) if needs_apostrophe(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::{neutralise, restore};
    use proptest::prelude::*;

    /// Original cell, the cell as written, and (implied) the written cell read back.
    fn check(original: &str, written: &str) {
        assert_eq!(neutralise(original), written, "neutralise {original:?}");
        assert_eq!(restore(written), original, "restore {written:?}");
    }

    #[test]
    fn formula_starts_get_one_apostrophe_and_lose_it_again() {
        for (original, written) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("+49 30 1234", "'+49 30 1234"),
            ("-1+2", "'-1+2"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("=", "'="),
            // A cell that already looks neutralised keeps its own apostrophe on the way back.
            ("'=1", "''=1"),
            ("''-2", "'''-2"),
            // Ordinary cells, also with an apostrophe of their own, are left alone.
            ("K00001", "K00001"),
            ("", ""),
            ("a=b", "a=b"),
            (" =1", " =1"),
            ("'Hello", "'Hello"),
            ("'12", "'12"),
            ("'", "'"),
            ("''", "''"),
            ("\u{a0}-3", "\u{a0}-3"),
            ("\n=1", "\n=1"),
        ] {
            check(original, written);
        }
    }

    #[test]
    fn restore_leaves_cells_that_neutralise_never_writes() {
        // `restore` only undoes what `neutralise` adds; nothing else loses a character.
        for cell in ["'Hello", "'", "'' ", "'1=2", "O'Brien", "'\u{a0}=1", "' =1"] {
            assert_eq!(restore(cell), cell);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        // The way back gives every string, and nothing written starts like a formula.
        #[test]
        fn neutralise_then_restore_is_the_identity(s in "['=+@\t\r-]{0,3}\\PC{0,6}|\\PC{0,10}") {
            let written = neutralise(&s);
            prop_assert!(!written.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", written);
            prop_assert_eq!(restore(&written), s.as_str());
        }

        #[test]
        fn neutralise_then_restore_on_any_text(s in any::<String>()) {
            let written = neutralise(&s);
            prop_assert_eq!(restore(&written), s.as_str());
        }
    }
}
