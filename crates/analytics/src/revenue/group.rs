//! Groups contributions by customer without one big hash table.
//!
//! Interning a million ids into a single table costs a cache miss per row (the table is tens
//! of megabytes). Instead the rows are partitioned by the top bits of their customer hash into
//! buckets of a few hundred rows, and every bucket is interned with a small table that stays
//! in the L1/L2 cache. A customer's rows all land in the same bucket, so each bucket is
//! grouped on its own; the customers' order is then by hash, which no figure depends on
//! (every accumulator is a sum).
//!
//! The partitioning permutes the rows in place (one counting pass, then cycle following), so
//! it needs no second copy of them: with millions of rows that copy was as large as the rows
//! themselves. It is not stable, so each customer's rows are put back into input order by
//! their `row` index before they are handed out.

use super::Contribution;

/// About this many rows per partition keep the partition's table in the L1/L2 cache.
const ROWS_PER_PARTITION: usize = 512;

/// Calls `each(rows, indices)` once per distinct customer, `indices` pointing into `rows` in
/// the input order (`row`) of that customer's rows, and returns the number of customers.
/// Rows with equal hashes are one customer when `same(a.row, b.row)` holds. `rows` is
/// reordered.
pub(super) fn for_each_customer<S, F>(rows: &mut [Contribution], same: S, each: F) -> u32
where
    S: Fn(u32, u32) -> bool,
    F: FnMut(&[Contribution], &[u32]),
{
    for_each_customer_below(rows, 0, same, each)
}

/// [`for_each_customer`] for rows whose top `skip` hash bits are already equal (one
/// partition of [`partition_top`]): they are partitioned by the bits below.
pub(super) fn for_each_customer_below<S, F>(
    rows: &mut [Contribution],
    skip: u32,
    same: S,
    mut each: F,
) -> u32
where
    S: Fn(u32, u32) -> bool,
    F: FnMut(&[Contribution], &[u32]),
{
    let offsets = partition(rows, skip);
    let mut table = LocalTable::default();
    let mut n_customers = 0u32;
    for w in offsets.windows(2) {
        let part = rows.get(w[0]..w[1]).unwrap_or(&[]);
        n_customers += table.group(part, &same, &mut each);
    }
    n_customers
}

/// Permutes the rows in place so that the `2^bits` partitions (by the top bits of the hash
/// below the first `skip`) are contiguous; returns the partition boundaries.
fn partition(rows: &mut [Contribution], skip: u32) -> Vec<usize> {
    let wanted = rows.len().div_ceil(ROWS_PER_PARTITION).max(1);
    // At most 2^14 partitions so the permutation's write streams stay in the cache.
    let bits = wanted.next_power_of_two().trailing_zeros().min(14).min(32 - skip);
    partition_top(rows, skip, bits)
}

/// Permutes the rows in place so that the `2^bits` partitions by hash bits `skip..skip +
/// bits` (counted from the top) are contiguous; returns the `2^bits + 1` boundaries.
pub(super) fn partition_top(rows: &mut [Contribution], skip: u32, bits: u32) -> Vec<usize> {
    if bits == 0 || skip + bits > 32 {
        return vec![0, rows.len()];
    }
    let shift = 32 - bits;
    // `hash << skip`: `skip` < 32 here, as `bits` ≥ 1.
    let key = |r: &Contribution| ((r.hash << skip) >> shift) as usize;
    let n_parts = 1usize << bits;
    // Slices, not `Vec`s, in the loops: the size-optimised release profile leaves `Vec`
    // indexing as a call.
    let mut offsets = vec![0usize; n_parts + 1];
    let counts = offsets.as_mut_slice();
    for r in rows.iter() {
        counts[key(r) + 1] += 1;
    }
    for p in 0..n_parts {
        counts[p + 1] += counts[p];
    }
    let mut next_vec = offsets.clone();
    let next = next_vec.as_mut_slice();
    let ends = offsets.get(1..).unwrap_or(&[]);
    // Cycle following: the row at partition p's next free slot is carried to its own
    // partition's next free slot, whose row is carried on, until one belongs to p. Every row
    // moves once.
    for (p, &end) in ends.iter().enumerate() {
        while next[p] < end {
            let i = next[p];
            let mut carried = rows[i];
            let mut q = key(&carried);
            while q != p {
                let j = next[q];
                next[q] += 1;
                std::mem::swap(&mut carried, &mut rows[j]);
                q = key(&carried);
            }
            rows[i] = carried;
            next[p] += 1;
        }
    }
    offsets
}

/// Scratch buffers for interning and grouping one partition, reused across partitions.
#[derive(Default)]
struct LocalTable {
    /// Open addressing: `(hash, local id + 1)`, 0 = empty.
    slots: Vec<(u32, u32)>,
    /// First row of every local customer, to compare names on a hash match.
    first_row: Vec<u32>,
    /// Local customer of every row.
    ids: Vec<u32>,
    offsets: Vec<u32>,
    next: Vec<u32>,
    order: Vec<u32>,
}

impl LocalTable {
    /// Interns the partition's customers and calls `each` per customer; returns their number.
    fn group<S, F>(&mut self, part: &[Contribution], same: &S, each: &mut F) -> u32
    where
        S: Fn(u32, u32) -> bool,
        F: FnMut(&[Contribution], &[u32]),
    {
        let n_local = self.intern(part, same);
        let ids = self.ids.get(..part.len()).unwrap_or(&[]);
        // Counting sort by local id.
        self.offsets.clear();
        self.offsets.resize(n_local + 1, 0);
        let offsets = self.offsets.as_mut_slice();
        for &id in ids {
            offsets[id as usize + 1] += 1;
        }
        for c in 0..n_local {
            offsets[c + 1] += offsets[c];
        }
        self.next.clear();
        self.next.extend_from_slice(offsets);
        let next = self.next.as_mut_slice();
        self.order.clear();
        self.order.resize(part.len(), 0);
        let order = self.order.as_mut_slice();
        for (i, &id) in ids.iter().enumerate() {
            let slot = &mut next[id as usize];
            order[*slot as usize] = i as u32;
            *slot += 1;
        }
        for c in 0..n_local {
            let Some(indices) = order.get_mut(offsets[c] as usize..offsets[c + 1] as usize) else {
                continue;
            };
            // Input order, which the partitioning lost: with saturating sums the order of a
            // customer's rows matters.
            if indices.len() > 1 {
                indices.sort_unstable_by_key(|&i| part.get(i as usize).map_or(0, |r| r.row));
            }
            each(part, indices);
        }
        n_local as u32
    }

    /// Fills `ids` with a dense local id per row; returns the number of ids.
    fn intern<S: Fn(u32, u32) -> bool>(&mut self, part: &[Contribution], same: &S) -> usize {
        let size = (part.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        self.slots.clear();
        self.slots.resize(size, (0, 0));
        let slots = self.slots.as_mut_slice();
        self.first_row.clear();
        self.first_row.resize(part.len(), 0);
        let first_row = self.first_row.as_mut_slice();
        self.ids.clear();
        self.ids.resize(part.len(), 0);
        let ids = self.ids.as_mut_slice();
        let mut n_local = 0u32;
        for (i, r) in part.iter().enumerate() {
            // The low bits pick the slot; the top bits chose the partition.
            let mut pos = r.hash as usize & mask;
            ids[i] = loop {
                let (hash, id1) = slots[pos];
                if id1 == 0 {
                    slots[pos] = (r.hash, n_local + 1);
                    first_row[n_local as usize] = i as u32;
                    n_local += 1;
                    break n_local - 1;
                }
                if hash == r.hash && same(part[first_row[id1 as usize - 1] as usize].row, r.row) {
                    break id1 - 1;
                }
                pos = (pos + 1) & mask;
            };
        }
        n_local as usize
    }
}
