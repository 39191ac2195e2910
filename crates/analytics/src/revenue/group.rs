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
    if bits == 0 {
        return Partitioned { rows: rows.to_vec(), offsets: vec![0, rows.len()] };
    }
    let shift = 64 - bits;
    let n_parts = 1usize << bits;
    let mut offsets = vec![0usize; n_parts + 1];
    for r in rows {
        offsets[(r.hash >> shift) as usize + 1] += 1;
    }
    for p in 0..n_parts {
        offsets[p + 1] += offsets[p];
    }
    let mut next = offsets.clone();
    let Some(&fill) = rows.first() else {
        return Partitioned { rows: Vec::new(), offsets: vec![0, 0] };
    };
    let mut parted = vec![fill; rows.len()];
    for r in rows {
        let slot = &mut next[(r.hash >> shift) as usize];
        parted[*slot] = *r;
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
    order: Vec<u32>,
}

impl LocalTable {
    /// Interns the partition's customers and calls `each` per customer; returns their number.
    fn group<'a, F>(&mut self, part: &[Contribution<'a>], each: &mut F) -> u32
    where
        F: FnMut(&[Contribution<'a>], &[u32]),
    {
        self.intern(part);
        let n_local = self.first_row.len();
        // Counting sort by local id, stable so that each customer's rows keep input order.
        self.offsets.clear();
        self.offsets.resize(n_local + 1, 0);
        for &id in &self.ids {
            self.offsets[id as usize + 1] += 1;
        }
        for c in 0..n_local {
            self.offsets[c + 1] += self.offsets[c];
        }
        self.order.clear();
        self.order.resize(part.len(), 0);
        let mut next = self.offsets.clone();
        for (i, &id) in self.ids.iter().enumerate() {
            let slot = &mut next[id as usize];
            self.order[*slot as usize] = i as u32;
            *slot += 1;
        }
        for c in 0..n_local {
            let range = self.offsets[c] as usize..self.offsets[c + 1] as usize;
            each(part, self.order.get(range).unwrap_or(&[]));
        }
        n_local as u32
    }

    fn intern(&mut self, part: &[Contribution<'_>]) {
        let size = (part.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        self.slots.clear();
        self.slots.resize(size, (0, 0));
        self.first_row.clear();
        self.ids.clear();
        for (i, r) in part.iter().enumerate() {
            // The low bits pick the slot; the top bits chose the partition.
            let mut pos = r.hash as usize & mask;
            let id = loop {
                let (hash, id1) = self.slots[pos];
                if id1 == 0 {
                    let id = self.first_row.len() as u32;
                    self.slots[pos] = (r.hash, id + 1);
                    self.first_row.push(i as u32);
                    break id;
                }
                if hash == r.hash && same_name(part[self.first_row[id1 as usize - 1] as usize], *r)
                {
                    break id1 - 1;
                }
                pos = (pos + 1) & mask;
            };
            self.ids.push(id);
        }
    }
}

/// Name equality, without reading the bytes when both rows borrow the same string (the
/// builder hands out the previous row's name for a repeated customer).
fn same_name(a: Contribution<'_>, b: Contribution<'_>) -> bool {
    (a.customer.as_ptr() == b.customer.as_ptr() && a.customer.len() == b.customer.len())
        || a.customer == b.customer
}
