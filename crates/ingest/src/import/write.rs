//! The rejected-rows download.

use super::result::Rejection;
use crate::csv_safe::neutralise;
use crate::error::Lang;

/// Writes rejected rows as CSV: line, reason, then the original cells, with the given
/// delimiter, so the user can fix them in Excel and import them again.
///
/// Every text cell (header, reason and the row's cells) goes through
/// [`crate::csv_safe::neutralise`], so a cell such as `=HYPERLINK(…)` from a hostile file is
/// written as `'=HYPERLINK(…)` and opens as text, not as a formula; the importer reads such
/// cells back to their original value ([`crate::csv_safe::restore`]).
pub fn write_rejections_csv<W: std::io::Write>(
    out: W,
    headers: &[String],
    rejections: &[Rejection],
    delimiter: char,
    lang: Lang,
) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(if delimiter.is_ascii() { delimiter as u8 } else { b';' })
        .from_writer(out);
    let (line, reason) = match lang {
        Lang::De => ("Zeile", "Grund"),
        Lang::En => ("line", "reason"),
    };
    let mut header = vec![line.to_string(), reason.to_string()];
    header.extend(headers.iter().map(|h| neutralise(h)));
    w.write_record(&header)?;
    for r in rejections {
        let mut row = vec![r.line.to_string(), neutralise(r.message(lang))];
        row.extend(r.fields.iter().map(|f| neutralise(f)));
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}
