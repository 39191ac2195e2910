//! Whether a file fits into the memory an import may use, decided from its size and head
//! before a byte of the rest is read.
//!
//! The browser's import worker is wasm32: its whole memory is at most 4 GiB, and one
//! allocation (the vector of typed rows) at most `isize::MAX` bytes, 2 GiB. Past either limit
//! the worker traps (measured with a 1.5 GB subscriptions export: the worker died two seconds
//! into the import and every file imported before was gone). [`check`] says beforehand, so
//! the app can stop with a message that names the CLI instead.

use records::{
    Account, CostRow, DatasetKind, Deal, Invoice, Lead, SubRow, SurveyAnswer, Ticket, UsageEvent,
};

/// Bytes per subscription row for its customer in the dataset's interner: a distinct customer
/// of 8 characters costs about 26 (text, end offset, hash, and a table slot of 5 bytes with
/// up to half the table free); the bench files have 0.83 customers per row.
pub const INTERNED_BYTES_PER_SUBSCRIPTION: usize = 24;

/// The address space of a wasm32 memory: 65,536 pages of 64 KiB.
pub const WASM32_MEMORY: u64 = 1 << 32;

/// The largest single allocation on wasm32 (`isize::MAX` bytes).
pub const WASM32_MAX_ALLOCATION: u64 = (1 << 31) - 1;

/// Kept free beside the rows: the file's slices in flight, the report's per-customer tables,
/// the messages to the page, the allocator's slack and a row estimate that fell short (its
/// vector then doubles). A quarter of the address space: an import near the limit is one that
/// was never measured, so the limit errs on the side of the CLI.
pub const HEADROOM: u64 = 1 << 30;

/// Bytes per row besides the typed row: its line number (`u32`, drill-down) and its segment
/// attribute codes (one byte per column; eight columns allowed for).
pub const KEPT_BYTES_PER_ROW: u64 = 4 + 8;

/// Bytes per row the report needs while it runs (`cargo run -p analytics --example peak`
/// measured 24 for subscriptions; rounded up).
pub const REPORT_BYTES_PER_ROW: u64 = 32;

/// What an import of one file will hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    /// Expected data rows (from the head's line breaks, with 1/16 to spare).
    pub rows: u64,
    /// Bytes of one typed row of the file's kind on this target.
    pub row_bytes: u64,
}

impl Footprint {
    /// Bytes of the vector of typed rows (one allocation).
    pub fn rows_bytes(&self) -> u64 {
        self.rows.saturating_mul(self.row_bytes)
    }

    /// Bytes the import and the report need in all.
    pub fn need(&self) -> u64 {
        let per_row = self.row_bytes + KEPT_BYTES_PER_ROW + REPORT_BYTES_PER_ROW;
        self.rows.saturating_mul(per_row)
    }
}

/// The file does not fit: what it would need and what there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooBig {
    /// Bytes the import would need.
    pub need: u64,
    /// Bytes the import may still use.
    pub available: u64,
    /// The largest file of the same kind and row length that fits now, in bytes.
    pub max_file: u64,
}

/// Bytes of one typed row of `kind` on this target (wasm32 in the browser).
pub fn row_bytes(kind: DatasetKind) -> u64 {
    use std::mem::size_of;
    (match kind {
        DatasetKind::Subscriptions => size_of::<SubRow>() + INTERNED_BYTES_PER_SUBSCRIPTION,
        DatasetKind::Invoices => size_of::<Invoice>(),
        DatasetKind::Surveys => size_of::<SurveyAnswer>(),
        DatasetKind::Tickets => size_of::<Ticket>(),
        DatasetKind::Deals => size_of::<Deal>(),
        DatasetKind::Leads => size_of::<Lead>(),
        DatasetKind::Usage => size_of::<UsageEvent>(),
        DatasetKind::Costs => size_of::<CostRow>(),
        DatasetKind::Accounts => size_of::<Account>(),
    }) as u64
}

/// The footprint of a file of `file_size` bytes that starts with `head`; `None` when the head
/// has too few lines to tell (a file that small always fits).
pub fn footprint(head: &[u8], file_size: u64, kind: DatasetKind) -> Option<Footprint> {
    let lines = head.iter().filter(|&&b| b == b'\n').count() as u64;
    if lines < 2 {
        return None;
    }
    let rows = file_size.saturating_mul(lines) / head.len() as u64;
    Some(Footprint { rows: rows.saturating_add(rows / 16), row_bytes: row_bytes(kind) })
}

/// Whether an import of `footprint` for a file of `file_size` bytes fits, with `in_use` bytes
/// of the worker's memory taken already (the files imported before).
pub fn check(footprint: Footprint, file_size: u64, in_use: u64) -> Result<(), TooBig> {
    let available = WASM32_MEMORY.saturating_sub(in_use.saturating_add(HEADROOM));
    let need = footprint.need();
    if need <= available && footprint.rows_bytes() <= WASM32_MAX_ALLOCATION {
        return Ok(());
    }
    // The file size at which both limits just hold, for the same bytes per row.
    let by_memory = scale(file_size, available, need);
    let by_allocation = scale(file_size, WASM32_MAX_ALLOCATION, footprint.rows_bytes());
    Err(TooBig { need, available, max_file: by_memory.min(by_allocation) })
}

/// `size × limit ÷ used`, without overflow (`used` > 0 here).
fn scale(size: u64, limit: u64, used: u64) -> u64 {
    if used == 0 {
        return u64::MAX;
    }
    (u128::from(size) * u128::from(limit) / u128::from(used)).try_into().unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footprint_scales_the_heads_rows_to_the_file() {
        // 10 lines in 60 bytes: a 6,000-byte file has 1,000 rows, plus 1/16 = 1,062.
        let head = "a,b,c\n".repeat(10);
        let fp = footprint(head.as_bytes(), 6_000, DatasetKind::Subscriptions);
        assert_eq!(fp.map(|f| f.rows), Some(1_062));
        assert_eq!(footprint(b"a,b\n1,2", 1 << 40, DatasetKind::Subscriptions), None);
    }

    #[test]
    fn need_counts_the_row_its_line_and_attributes_and_the_report() {
        let fp = Footprint { rows: 1_000, row_bytes: 64 };
        // 64 + 4 + 8 + 32 = 108 bytes per row.
        assert_eq!(fp.need(), 108_000);
        assert_eq!(fp.rows_bytes(), 64_000);
    }

    /// A head like the bench files': 1,388 line breaks in 65,536 bytes.
    fn bench_head() -> Vec<u8> {
        let mut head = vec![b'a'; 65_536];
        for i in 0..1_388 {
            head[i * 47 + 46] = b'\n';
        }
        head
    }

    #[test]
    fn a_100_mb_subscriptions_export_fits() {
        let fp = footprint(&bench_head(), 99_999_946, DatasetKind::Subscriptions);
        // 99,999,946 × 1,388 ÷ 65,536 = 2,117,920 rows, + 1/16 = 2,250,287.
        let fp = Footprint { row_bytes: 64, ..fp.unwrap_or(Footprint { rows: 0, row_bytes: 0 }) };
        assert_eq!(fp.rows, 2_250_287);
        // × 108 bytes = 243 MB, far below 4 GiB − 1 GiB − 20 MiB in use.
        assert_eq!(fp.need(), 243_030_996);
        assert_eq!(check(fp, 99_999_946, 20 << 20), Ok(()));
    }

    #[test]
    fn the_1_5_gb_bench_file_does_not_fit_and_the_limit_names_the_largest_that_does() {
        let fp = footprint(&bench_head(), 1_499_999_982, DatasetKind::Subscriptions);
        let fp = Footprint { row_bytes: 64, ..fp.unwrap_or(Footprint { rows: 0, row_bytes: 0 }) };
        assert_eq!(fp.rows, 33_754_347);
        // The rows alone are 2,160,278,208 bytes: over the 2 GiB a wasm32 allocation may
        // have (the trap the worker died of), and all of it, 3,645,469,476 bytes, over the
        // 3,200,253,952 left of 4 GiB after the headroom and 20 MiB in use.
        assert_eq!(fp.rows_bytes(), 2_160_278_208);
        let err = check(fp, 1_499_999_982, 20 << 20);
        assert_eq!(
            err,
            Err(TooBig {
                need: 3_645_469_476,
                available: 3_200_253_952,
                // 1,499,999,982 × 3,200,253,952 ÷ 3,645,469,476 (memory is the tighter
                // limit; by the allocation alone 1,491,116,014).
                max_file: 1_316_807_314,
            })
        );
    }

    #[test]
    fn memory_taken_by_earlier_files_counts() {
        // 1 GiB in use leaves exactly 2 GiB: 2 GiB ÷ 108 bytes = 19,884,107 rows fit
        // (2,147,483,556 bytes), one more row does not.
        let fits = Footprint { rows: 19_884_107, row_bytes: 64 };
        assert_eq!(check(fits, 1, 1 << 30), Ok(()));
        let over = Footprint { rows: 19_884_108, row_bytes: 64 };
        assert!(check(over, 1, 1 << 30).is_err());
    }

    #[test]
    fn the_2_gib_allocation_limit_applies_alone() {
        // Rows of 2 KiB (no real kind has them; the limit is about one vector): 1.1 M rows
        // are 2.25 GiB in one allocation, while all of it (2.29 GiB) would fit in memory.
        let fp = Footprint { rows: 1_100_000, row_bytes: 2_048 };
        assert!(fp.need() <= WASM32_MEMORY - HEADROOM);
        let err = check(fp, 1_000_000_000, 0);
        // 1e9 × 2,147,483,647 ÷ 2,252,800,000 = 953,250,908.
        assert_eq!(err.map_err(|e| e.max_file), Err(953_250_908));
        assert_eq!(check(Footprint { rows: 1_000_000, row_bytes: 2_048 }, 1, 0), Ok(()));
    }

    #[test]
    fn every_kind_has_a_row_size_and_subscriptions_are_32_bytes_and_their_customer() {
        for kind in DatasetKind::ALL {
            assert!(row_bytes(kind) >= 16, "{kind:?}");
        }
        // The 32-byte row (asserted in `records` on every target) + 24 for the interner.
        assert_eq!(row_bytes(DatasetKind::Subscriptions), 56);
    }
}
