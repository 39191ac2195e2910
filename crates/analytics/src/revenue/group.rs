//! Groups contributions by customer without one big hash table.
//!
//! Interning a million ids into a single table costs a cache miss per row (the table is tens
//! of megabytes). Instead the rows are partitioned by the top bits of their customer hash into
//! buckets of a few hundred rows (one sequential pass, a stable scatter), and every bucket is
//! interned with a small table that stays in the L1/L2 cache. A customer's rows all land in
//! the same bucket, so each bucket is grouped on its own; the customers' order is then by
//! hash, which no figure depends on (every accumulator is a sum).

use super::Contribution;

/// About this many rows per partition keep the partition's table in the L1/L2 cache.
const ROWS_PER_PARTITION: usize = 512;

/// Calls `each(rows, indices)` once per distinct customer, `indices` pointing into `rows` in
/// the input order of that customer's rows, and returns the number of customers.
pub(super) fn for_each_customer<'a, F>(rows: &[Contribution<'a>], mut each: F) -> u32
where
    F: FnMut(&[Contribution<'a>], &[u32]),
{
    let parted = partition(rows);
    let mut table = LocalTable::default();
    let mut n_customers = 0u32;
    for part in parted.parts() {
        n_customers += table.group(part, &mut each);
    }
    n_customers
}

/// Rows reordered so that each partition is contiguous, with the partition boundaries.
struct Partitioned<'a> {
    rows: Vec<Contribution<'a>>,
    offsets: Vec<usize>,
}

impl<'a> Partitioned<'a> {
    fn parts(&self) -> impl Iterator<Item = &[Contribution<'a>]> {
        self.offsets.windows(2).map(|w| self.rows.get(w[0]..w[1]).unwrap_or(&[]))
    }
}

/// Stable scatter of the rows into `2^bits` partitions by the top bits of their hash.
fn partition<'a>(rows: &[Contribution<'a>]) -> Partitioned<'a> {
    let wanted = rows.len().div_ceil(ROWS_PER_PARTITION).max(1);
    // At most 2^14 partitions so the scatter's write streams stay in the cache.
    let bits = wanted.next_power_of_two().trailing_zeros().min(14);
    let Some(&fill) = rows.first() else {
        return Partitioned { rows: Vec::new(), offsets: vec![0, 0] };
    };
    if bits == 0 {
        return Partitioned { rows: rows.to_vec(), offsets: vec![0, rows.len()] };
    }
    let shift = 64 - bits;
    let n_parts = 1usize << bits;
    // Slices, not `Vec`s, in the loops: the size-optimised release profile leaves `Vec`
    // indexing as a call.
    let mut offsets = vec![0usize; n_parts + 1];
    let counts = offsets.as_mut_slice();
    for r in rows {
        counts[(r.hash >> shift) as usize + 1] += 1;
    }
    for p in 0..n_parts {
        counts[p + 1] += counts[p];
    }
    let mut next_vec = offsets.clone();
    let next = next_vec.as_mut_slice();
    let mut parted = vec![fill; rows.len()];
    let out = parted.as_mut_slice();
    for r in rows {
        let slot = &mut next[(r.hash >> shift) as usize];
        out[*slot] = *r;
        *slot += 1;
    }
    Partitioned { rows: parted, offsets }
}

/// Scratch buffers for interning and grouping one partition, reused across partitions.
#[derive(Default)]
struct LocalTable {
    /// Open addressing: `(hash, local id + 1)`, 0 = empty.
    slots: Vec<(u64, u32)>,
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
    fn group<'a, F>(&mut self, part: &[Contribution<'a>], each: &mut F) -> u32
    where
        F: FnMut(&[Contribution<'a>], &[u32]),
    {
        let n_local = self.intern(part);
        let ids = self.ids.get(..part.len()).unwrap_or(&[]);
        // Counting sort by local id, stable so that each customer's rows keep input order.
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
            each(part, &order[offsets[c] as usize..offsets[c + 1] as usize]);
        }
        n_local as u32
    }

    /// Fills `ids` with a dense local id per row; returns the number of ids.
    fn intern(&mut self, part: &[Contribution<'_>]) -> usize {
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
                if hash == r.hash && same_name(&part[first_row[id1 as usize - 1] as usize], r) {
                    break id1 - 1;
                }
                pos = (pos + 1) & mask;
            };
        }
        n_local as usize
    }
}

/// Name equality, without reading the bytes when both rows borrow the same string (the
/// builder hands out the previous row's name for a repeated customer).
fn same_name(a: &Contribution<'_>, b: &Contribution<'_>) -> bool {
    (a.customer.as_ptr() == b.customer.as_ptr() && a.customer.len() == b.customer.len())
        || a.customer == b.customer
}
