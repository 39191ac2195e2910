//! Sessions over parts of one file: a [`Session::continuation`] reads the records after a
//! line end of the file (its line numbers already counted from the file's start), and
//! [`Session::join`] appends it to the session that read the records before, with the
//! result of a single session over the whole file (see `crate::stream::join`).

use super::Session;
use crate::error::IngestError;
use crate::sniff::Sniffed;
use crate::ImportOptions;
use records::Dataset;

/// Rows of a later part per spilled block (about 23 MB of subscription rows natively).
const SPILL_ROWS: usize = if cfg!(test) { 500 } else { 1 << 18 };

impl Session {
    /// A session for the records after a line end of the file, whose header (and any
    /// preamble) lies before it.
    pub(crate) fn continuation(
        sniffed: &Sniffed,
        options: &ImportOptions,
    ) -> Result<Session, IngestError> {
        let mut session = Session::new(sniffed, options)?;
        session.started = true;
        session.start_line = 0;
        session.continued = true;
        session.out.reserve(2 * SPILL_ROWS);
        Ok(session)
    }

    /// For a [`Session::continuation`]: moves the rows read so far aside once they fill a
    /// block (called between slices, not per row), and starts the next block with room for
    /// twice its rows, so that a slice's rows never make it grow.
    pub(crate) fn spill(&mut self) {
        if self.continued && self.out.len() >= SPILL_ROWS {
            self.flush_pending();
            let mut next = Dataset::empty(self.out.kind());
            next.reserve(2 * SPILL_ROWS);
            self.spilled.push(std::mem::replace(&mut self.out, next));
        }
    }

    /// Reserves room for the line numbers of about `rows` rows.
    pub(crate) fn reserve_lines(&mut self, rows: usize) {
        self.lines.reserve_exact(rows);
    }

    /// Whether the header (or the first data row) has been read.
    pub(crate) fn past_header(&self) -> bool {
        self.started
    }

    /// Appends `later` (a [`Session::continuation`] over the records right after this
    /// session's last one) as if this session had read its records itself. `Err(later)`,
    /// with nothing changed, when the attributes cannot be joined exactly (see
    /// `AttrSession::join`): then the caller reads those records here instead.
    pub(crate) fn join(&mut self, later: Session) -> Result<(), Box<Session>> {
        let mut later = later;
        self.flush_pending();
        later.flush_pending();
        if self.out.kind() != later.out.kind()
            || !subscriptions_fit(&self.out, &later)
            || self.attrs.join(&later.attrs).is_err()
        {
            return Err(Box::new(later));
        }
        let Session { acc, skips, rejections, out, lines, spilled, .. } = later;
        // Block by block, each freed once copied.
        for block in spilled {
            append(&mut self.out, block);
        }
        append(&mut self.out, out);
        self.acc.rows += acc.rows;
        self.acc.used += acc.used;
        self.acc.rejected += acc.rejected;
        for (rule, n) in skips {
            *self.skips.entry(rule).or_default() += n;
        }
        let room = self.max_rejections.saturating_sub(self.rejections.len());
        self.rejections.extend(rejections.into_iter().take(room));
        self.lines.extend_from_slice(&lines);
        Ok(())
    }
}

/// Whether the customer and plan interners of `into` can take every block of `later`
/// (always, short of 4 GiB of distinct ids; when not, the caller reads on one thread, which
/// rejects the rows past the limit as that import does).
fn subscriptions_fit(into: &Dataset, later: &Session) -> bool {
    let Dataset::Subscriptions(a) = into else { return true };
    let blocks = later.spilled.iter().chain(std::iter::once(&later.out));
    a.has_room_for(blocks.filter_map(|d| match d {
        Dataset::Subscriptions(s) => Some(s),
        _ => None,
    }))
}

/// Appends the rows of `later` to `into` (of the same kind; checked before).
fn append(into: &mut Dataset, later: Dataset) {
    match (into, later) {
        (Dataset::Subscriptions(a), Dataset::Subscriptions(b)) => {
            // Room was checked before the join (`subscriptions_fit`).
            let _ = a.append(&b);
        }
        (Dataset::Invoices(a), Dataset::Invoices(b)) => a.extend(b),
        (Dataset::Surveys(a), Dataset::Surveys(b)) => a.extend(b),
        (Dataset::Tickets(a), Dataset::Tickets(b)) => a.extend(b),
        (Dataset::Deals(a), Dataset::Deals(b)) => a.extend(b),
        (Dataset::Leads(a), Dataset::Leads(b)) => a.extend(b),
        (Dataset::Usage(a), Dataset::Usage(b)) => a.extend(b),
        (Dataset::Costs(a), Dataset::Costs(b)) => a.extend(b),
        (Dataset::Accounts(a), Dataset::Accounts(b)) => a.extend(b),
        _ => {}
    }
}
