//! Segment attributes of an import: the mapped label fields (plan, segment, channel, urgency,
//! ticket type, source, stage; an accounts file's industry, country, region, size, owner) and every unmapped text column, dictionary-encoded per row
//! (one byte each, [`records::AttributeColumn`]).
//!
//! Which unmapped columns are attributes: those the sniffer saw as text or yes/no words (not
//! numbers, money, percentages or dates), that are not nearly unique per row. "Nearly
//! unique" is decided while reading: a column whose values beyond the first 50 distinct
//! ones ("other") make up more than half of its filled cells is an id, a name or free text,
//! and stops being encoded once that is clear (after 1,000 such cells); at the end, a column
//! of more than 20 filled cells of which at least 90 % are distinct is dropped as well.

use super::cells::CellView;
use super::plan::Plan;
use crate::schema::ColumnType;
use crate::sniff::Sniffed;
use records::{AttributeColumn, Attributes};

/// The label fields: mapped, they are attributes whatever their values look like.
pub(crate) const LABEL_FIELDS: [&str; 12] = [
    "plan",
    "segment",
    "channel",
    "urgency",
    "ticket_type",
    "source",
    "stage",
    "industry",
    "country",
    "region",
    "size",
    "owner",
];

/// Cells beyond the dictionary after which a column that is mostly such cells stops.
const GIVE_UP_AFTER: u64 = 1_000;

struct Tracked {
    index: usize,
    mapped: bool,
    column: AttributeColumn,
    filled: u64,
    other: u64,
    dead: bool,
}

impl Tracked {
    /// Keeps the code of one row and counts it; gives the column up (and returns true) when
    /// it is unmapped and most of more than `GIVE_UP_AFTER` filled cells fell outside the
    /// dictionary: an id, a name or free text.
    #[inline]
    fn record(&mut self, code: u8) -> bool {
        self.column.codes.push(code);
        if code == AttributeColumn::NONE {
            return false;
        }
        self.filled += 1;
        if code == AttributeColumn::OTHER {
            self.other += 1;
            if !self.mapped && self.other > GIVE_UP_AFTER && self.other * 2 > self.filled {
                self.dead = true;
                self.column.codes = Vec::new();
                self.column.values = Vec::new();
                return true;
            }
        }
        false
    }
}

/// The attribute columns being read.
#[derive(Default)]
pub(crate) struct AttrSession {
    cols: Vec<Tracked>,
}

impl AttrSession {
    pub(crate) fn new(sniffed: &Sniffed, plan: &Plan) -> AttrSession {
        let mapped_to = |index: usize| {
            plan.specs
                .iter()
                .zip(&plan.cols)
                .find(|(_, c)| c.as_ref().is_some_and(|c| c.index == index))
                .map(|(spec, _)| spec.id)
        };
        let mut cols = Vec::new();
        for (index, header) in plan.headers.iter().enumerate() {
            let field = mapped_to(index);
            let mapped = match field {
                Some(f) if LABEL_FIELDS.contains(&f) => true,
                Some(_) => continue,
                None => false,
            };
            let ty = sniffed.columns.get(index).map(|p| p.ty);
            if !mapped && !matches!(ty, Some(ColumnType::Text | ColumnType::Bool)) {
                continue;
            }
            let column = AttributeColumn::new(header, field);
            cols.push(Tracked { index, mapped, column, filled: 0, other: 0, dead: false });
        }
        AttrSession { cols }
    }

    pub(crate) fn reserve(&mut self, rows: usize) {
        for c in &mut self.cols {
            c.column.codes.reserve(rows);
        }
    }

    /// The attribute values of one used row.
    #[inline]
    pub(crate) fn push(&mut self, view: CellView<'_>) {
        for c in &mut self.cols {
            if c.dead {
                continue;
            }
            let code = c.column.code_of(view.get(c.index));
            c.record(code);
        }
    }

    /// Appends the attributes of `later`, a session over the rows after these (a later
    /// part of the same file), as if its rows had been pushed here: its dictionary values
    /// join this one in the order they first appeared, and its rows' codes, counts and the
    /// give-up rule are replayed. `Err` (nothing changed) when that cannot be exact: a
    /// column still read here that `later` no longer knew every value of (its own
    /// dictionary ran full, or it gave up).
    pub(crate) fn join(&mut self, later: &AttrSession) -> Result<(), ()> {
        if self.cols.len() != later.cols.len() {
            return Err(());
        }
        let exact = self
            .cols
            .iter()
            .zip(&later.cols)
            .all(|(c, l)| c.dead || (c.index == l.index && !l.dead && l.other == 0));
        if !exact {
            return Err(());
        }
        for (c, l) in self.cols.iter_mut().zip(&later.cols) {
            if c.dead {
                continue;
            }
            // In `later`'s first-seen order, so values new here are added as they would
            // have been row by row.
            let codes: Vec<u8> = l.column.values.iter().map(|v| c.column.code_of(v)).collect();
            c.column.codes.reserve(l.column.codes.len());
            for &local in &l.column.codes {
                let code = match local {
                    AttributeColumn::NONE => AttributeColumn::NONE,
                    k => codes.get(usize::from(k)).copied().unwrap_or(AttributeColumn::OTHER),
                };
                if c.record(code) {
                    break;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Attributes {
        let columns = self
            .cols
            .into_iter()
            .filter(|c| !c.dead && c.filled > 0)
            .filter(|c| {
                let mostly_other = c.other * 2 > c.filled;
                let distinct = c.column.values.len() as u64;
                let unique = c.filled > 20 && distinct * 10 >= c.filled * 9;
                c.mapped || !(mostly_other || unique)
            })
            .map(|mut c| {
                c.column.codes.shrink_to_fit();
                c.column
            })
            .collect();
        Attributes { columns }
    }
}
