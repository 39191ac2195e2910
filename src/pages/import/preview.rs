//! What the mapping screen shows, computed from the sniffing result and the user's choices:
//! the effective mapping, decimal style and date order per column, open questions, the
//! first rows read the way the import will read them (formatted in the UI language), and
//! whether the table as read is shown (when the kind or a required column is missing).

use ingest::{
    value::{self, DateOrder, DecimalStyle},
    FieldSpec, FieldType, ImportOptions, Sniffed,
};
use locale::Lang;
use records::DatasetKind;
use std::collections::BTreeMap;

/// Field id → column: the user's mapping, or the suggested one.
pub fn mapping(s: &Sniffed, o: &ImportOptions) -> BTreeMap<String, usize> {
    o.mapping.clone().unwrap_or_else(|| s.mapping.clone())
}

/// Decimal style of column `col`: the user's choice, the detected one, or the usual one for
/// the delimiter.
pub fn decimal(s: &Sniffed, o: &ImportOptions, col: usize) -> DecimalStyle {
    o.decimal
        .get(&col)
        .copied()
        .or_else(|| s.columns.get(col).and_then(|c| c.decimal))
        .unwrap_or(if s.delimiter == ';' { DecimalStyle::Comma } else { DecimalStyle::Point })
}

/// Day/month order of column `col`: decided by its values, else the user's answer, else
/// day first (never used for the import while the question is open).
pub fn order(s: &Sniffed, o: &ImportOptions, col: usize) -> DateOrder {
    s.columns
        .get(col)
        .and_then(|c| c.date.as_ref())
        .and_then(|d| d.order)
        .or(o.date_order)
        .unwrap_or(DateOrder::Dmy)
}

/// Mapped columns whose slash dates read both ways, while the user has not answered.
pub fn open_date_columns(s: &Sniffed, o: &ImportOptions) -> Vec<usize> {
    if o.date_order.is_some() {
        return Vec::new();
    }
    let mut cols: Vec<usize> = mapping(s, o)
        .values()
        .copied()
        .filter(|&c| s.columns.get(c).and_then(|p| p.date.as_ref()).is_some_and(|d| d.ambiguous))
        .collect();
    cols.sort_unstable();
    cols.dedup();
    cols
}

/// Columns read as numbers by some mapped field (these get a decimal-style choice).
pub fn number_columns(s: &Sniffed, o: &ImportOptions, fields: &[FieldSpec]) -> Vec<usize> {
    let map = mapping(s, o);
    let mut cols: Vec<usize> = fields
        .iter()
        .filter(|f| matches!(f.ty, FieldType::Money | FieldType::Number | FieldType::Count))
        .filter_map(|f| map.get(f.id).copied())
        .collect();
    cols.sort_unstable();
    cols.dedup();
    cols
}

/// Required fields without a column.
pub fn missing_required(
    fields: &'static [FieldSpec],
    map: &BTreeMap<String, usize>,
) -> Vec<&'static FieldSpec> {
    fields.iter().filter(|f| f.required && !map.contains_key(f.id)).collect()
}

/// Columns of the table as read shown on the page (a file may have 20,000).
pub const RAW_COLUMNS: usize = 40;
/// Characters of a preview cell shown before `…` (a file may have a 2 MB cell).
pub const CELL_CHARS: usize = 80;

/// Whether the mapping screen shows the table as read: the kind is unknown or a required
/// field has no column, so the user sees what was read before being told what is missing.
pub fn shows_raw_table(s: &Sniffed, o: &ImportOptions) -> bool {
    match s.kind {
        None => true,
        Some(kind) => !missing_required(ingest::fields(kind), &mapping(s, o)).is_empty(),
    }
}

/// `cell` as a preview shows it: cut after [`CELL_CHARS`] characters with `…`.
pub fn shown_cell(cell: &str) -> String {
    match cell.char_indices().nth(CELL_CHARS) {
        Some((i, _)) => format!("{}…", &cell[..i]),
        None => cell.to_string(),
    }
}

fn date_text(y: i32, m: u32, d: u32, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{d:02}.{m:02}.{y:04}"),
        Lang::En => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// One cell of `field` as the import reads it, formatted for `lang`; `Err` when the import
/// would reject it. Whether a cell is readable is decided by the import's own readers
/// (`ingest::read_cell`), so the preview never accepts a cell the import rejects; an empty
/// cell is `Ok("")` unless the field is required.
pub fn cell(
    kind: DatasetKind,
    field: &FieldSpec,
    raw: &str,
    (decimal, order): (DecimalStyle, DateOrder),
    header: &str,
    lang: Lang,
) -> Result<String, ()> {
    ingest::read_cell(kind, field, raw, decimal, order, header).map_err(|_| ())?;
    format_cell(field.ty, raw, decimal, order, lang)
}

/// A cell of type `ty` formatted for `lang` (`Err` when it does not read as that type).
/// Empty cells are `Ok("")`.
pub fn format_cell(
    ty: FieldType,
    raw: &str,
    decimal: DecimalStyle,
    order: DateOrder,
    lang: Lang,
) -> Result<String, ()> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    match ty {
        FieldType::Money => {
            let n = value::parse_number(s, decimal).filter(|n| !n.percent).ok_or(())?;
            let cents = n.value.cents().ok_or(())?;
            Ok(locale::format_number(cents as f64 / 100.0, 2, lang))
        }
        FieldType::Number => {
            let n = value::parse_number(s, decimal).filter(|n| !n.currency).ok_or(())?;
            let text = locale::format_number(n.value.as_f64(), n.value.scale.min(6) as usize, lang);
            Ok(if n.percent { format!("{text} %") } else { text })
        }
        FieldType::Count => {
            let n = value::parse_number(s, decimal).ok_or(())?;
            let i = n.value.as_integer().filter(|i| *i >= 0).ok_or(())?;
            Ok(locale::format_number(i as f64, 0, lang))
        }
        FieldType::Date | FieldType::DateTime => {
            // A written date, or else an Excel serial number, as the import reads them.
            let ((y, m, d), time) = match value::parse_raw_date(s) {
                Some(raw) => (
                    raw.ymd(order).ok_or(())?,
                    raw.time.map(|(h, min, _)| (i64::from(h), i64::from(min))),
                ),
                None => {
                    let dt = value::parse_excel_serial(s).ok_or(())?;
                    let secs = dt.seconds_since(dt.date().at_midnight());
                    (dt.date().ymd(), Some((secs / 3600, secs / 60 % 60)))
                }
            };
            let day = date_text(y, m, d, lang);
            Ok(match (ty, time) {
                (FieldType::DateTime, Some((h, min))) => format!("{day} {h:02}:{min:02}"),
                _ => day,
            })
        }
        FieldType::Month => {
            let m = value::parse_month(s, order).ok_or(())?;
            Ok(match lang {
                Lang::De => format!("{:02}.{:04}", m.number(), m.year()),
                Lang::En => format!("{:04}-{:02}", m.year(), m.number()),
            })
        }
        FieldType::Bool => {
            let b = value::parse_bool(s).ok_or(())?;
            let t = crate::i18n::import::text(lang);
            Ok((if b { t.yes } else { t.no }).into())
        }
        // Shown as written; whether they read is `ingest::read_cell`'s decision (an invoice's
        // period is also a number of months).
        FieldType::Interval
        | FieldType::SurveyKind
        | FieldType::Text
        | FieldType::Outcome
        | FieldType::Duration => Ok(s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateOrder::{Dmy, Mdy};
    use DecimalStyle::{Comma, Point};

    fn check(ty: FieldType, raw: &str, dec: DecimalStyle, ord: DateOrder, de: &str, en: &str) {
        let got = |lang| format_cell(ty, raw, dec, ord, lang).unwrap_or_else(|()| "ERR".into());
        assert_eq!((got(Lang::De), got(Lang::En)), (de.to_string(), en.to_string()), "{raw}");
    }

    #[test]
    fn cells_read_like_the_import_and_show_in_the_ui_language() {
        check(FieldType::Money, "1.234,50 €", Comma, Dmy, "1.234,50", "1,234.50");
        check(FieldType::Money, "12,5", Comma, Dmy, "12,50", "12.50");
        check(FieldType::Money, "12,5,0", Comma, Dmy, "ERR", "ERR");
        check(FieldType::Money, "1,234.5", Point, Dmy, "1.234,50", "1,234.50");
        check(FieldType::Number, "7,25", Comma, Dmy, "7,25", "7.25");
        check(FieldType::Count, "3", Comma, Dmy, "3", "3");
        check(FieldType::Count, "2,5", Comma, Dmy, "ERR", "ERR");
        check(FieldType::Date, "31.12.2024", Comma, Dmy, "31.12.2024", "2024-12-31");
        check(FieldType::Date, "03/04/2025", Point, Dmy, "03.04.2025", "2025-04-03");
        check(FieldType::Date, "03/04/2025", Point, Mdy, "04.03.2025", "2025-03-04");
        check(FieldType::Date, "morgen", Point, Dmy, "ERR", "ERR");
        // Excel serial numbers, as the import reads them.
        check(FieldType::Date, "45658", Comma, Dmy, "01.01.2025", "2025-01-01");
        check(FieldType::DateTime, "45658,75", Comma, Dmy, "01.01.2025 18:00", "2025-01-01 18:00");
        check(FieldType::Date, "2025", Comma, Dmy, "ERR", "ERR");
        check(FieldType::Bool, "ja", Point, Dmy, "ja", "yes");
        check(FieldType::Text, "  Müller GmbH ", Point, Dmy, "Müller GmbH", "Müller GmbH");
        check(FieldType::Money, "", Point, Dmy, "", "");
    }

    #[test]
    fn cells_are_readable_only_when_the_import_reads_them() {
        // Bug: the preview had its own readers and showed a duration such as `lang` or an
        // invoice period of `121` as readable, although the import rejects both.
        let spec = |kind, id: &str| ingest::fields(kind).iter().find(|f| f.id == id).copied();
        let (Some(session), Some(period)) = (
            spec(records::DatasetKind::Usage, "session"),
            spec(records::DatasetKind::Invoices, "period"),
        ) else {
            panic!("fields missing")
        };
        let read = |kind, f: &FieldSpec, raw: &str| cell(kind, f, raw, (Comma, Dmy), "", Lang::De);
        assert_eq!(read(DatasetKind::Usage, &session, "lang"), Err(()));
        assert_eq!(read(DatasetKind::Usage, &session, "90"), Ok("90".into()));
        assert_eq!(read(DatasetKind::Invoices, &period, "121"), Err(()));
        assert_eq!(read(DatasetKind::Invoices, &period, "3"), Ok("3".into()));
    }

    #[test]
    fn the_german_fixture_maps_and_asks_nothing() {
        let bytes = include_bytes!("../../../tests/data/semicolon_decimal_comma_cp1252.csv");
        let Ok(s) = ingest::sniff(bytes) else { panic!("sniff failed") };
        let o = ImportOptions::default();
        let map = mapping(&s, &o);
        assert_eq!(map.get("customer"), Some(&0));
        assert_eq!(map.get("amount"), Some(&3));
        assert_eq!(decimal(&s, &o, 3), Comma);
        assert_eq!(open_date_columns(&s, &o), Vec::<usize>::new());
        let fields = ingest::fields(records::DatasetKind::Subscriptions);
        assert!(missing_required(fields, &map).is_empty());
    }

    #[test]
    fn the_table_as_read_shows_while_the_kind_or_a_required_column_is_missing() {
        // Bug: with no kind (or a required field unmapped) the preview showed no table, only
        // the message about what was missing.
        let Ok(s) = ingest::sniff(b"foo;bar\n1;2\n") else { panic!("sniff failed") };
        assert_eq!(s.kind, None);
        assert!(shows_raw_table(&s, &ImportOptions::default()));
        let csv = "customer,start,amount\nA,2025-01-01,10.00\n";
        let Ok(s) = ingest::sniff(csv.as_bytes()) else { panic!("sniff failed") };
        let mut o = ImportOptions::default();
        assert!(!shows_raw_table(&s, &o));
        let mut map = mapping(&s, &o);
        map.remove("customer");
        o.mapping = Some(map);
        assert!(shows_raw_table(&s, &o));
        assert_eq!(shown_cell(&"x".repeat(2_000_000)), format!("{}…", "x".repeat(80)));
        assert_eq!(shown_cell("Müller"), "Müller");
    }

    #[test]
    fn ambiguous_slash_dates_are_asked_until_answered() {
        let csv = "customer,invoice date,amount\nA,01/02/2025,10.00\nB,03/04/2025,20.00\n";
        let Ok(s) = ingest::sniff(csv.as_bytes()) else { panic!("sniff failed") };
        let mut o = ImportOptions::default();
        assert_eq!(open_date_columns(&s, &o), vec![1]);
        o.date_order = Some(Mdy);
        assert_eq!(open_date_columns(&s, &o), Vec::<usize>::new());
        assert_eq!(order(&s, &o, 1), Mdy);
    }
}
