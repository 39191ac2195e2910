//! The [`Interner`](super::Interner)'s lookup table: buckets of one cache line each, twelve
//! string ids and a one-byte tag (eight bits of the string's hash) per id, so that a lookup
//! reads one cache line (two when a bucket overflowed into the next one) and an insert
//! writes into the line it just read. A hash table with separate control bytes and slots
//! (hashbrown's layout) misses the cache twice for every new string: a 100 MB export brings
//! 1.7 M new customers in 2.05 M rows (BENCHMARKS.md, "Issue 18, round four").
//!
//! The bucket of a hash is `h × buckets / 2³²` (any number of buckets, not only powers of
//! two, so the table is sized to what is reserved); a full bucket passes new ids on to the
//! next one (linear probing, nothing is ever removed). 5⅓ bytes per id, as hashbrown's
//! 5 bytes per slot.

/// Ids per bucket.
const WIDTH: usize = 12;

/// Filled to at most 7/8 of its ids before it grows.
const fn max_len(buckets: usize) -> usize {
    buckets * WIDTH * 7 / 8
}

#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket {
    ids: [u32; WIDTH],
    tags: [u8; WIDTH],
    len: u32,
}

const _: () = assert!(std::mem::size_of::<Bucket>() == 64);

/// The high bit of every byte of `w` that is zero (exact: no false positives).
#[inline(always)]
fn zero_bytes(w: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((w & LOW7).wrapping_add(LOW7)) | w | LOW7)
}

impl Bucket {
    /// One bit (the high bit of its byte) per filled position whose tag is `tag`: bits
    /// 0–63 for positions 0–7, 64–95 for 8–11.
    #[inline(always)]
    fn matches(&self, tag: u8) -> u128 {
        let [a, b, c, d, e, f, g, h, i, j, k, l] = self.tags;
        let lo = u64::from_le_bytes([a, b, c, d, e, f, g, h]);
        let hi = u64::from_le_bytes([i, j, k, l, 0, 0, 0, 0]);
        let rep = u64::from_le_bytes([tag; 8]);
        let both = u128::from(zero_bytes(lo ^ rep)) | u128::from(zero_bytes(hi ^ rep)) << 64;
        // Only the filled positions: `len` bytes of the twelve (bytes 8-15 of the 16).
        let filled = match self.len as usize {
            n @ 0..=8 => (1u128 << (8 * n)) - 1,
            n => ((1u128 << (8 * (n - 8))) - 1) << 64 | u128::from(u64::MAX),
        };
        both & filled
    }
}

/// The lookup table of ids, hashed by the 32-bit hash of the string each names.
#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    buckets: Vec<Bucket>,
    len: usize,
    /// What [`Table::touch`] read (kept, so that the reads are not optimised away).
    touched: u32,
}

/// Where [`Table::find`] stopped: the id found, or the bucket the id belongs in.
pub(super) enum Probe {
    Found(u32),
    Vacant(usize),
}

impl Table {
    #[inline]
    fn bucket_of(&self, h: u32) -> usize {
        ((u64::from(h) * self.buckets.len() as u64) >> 32) as usize
    }

    /// The tag of a hash: its low byte (the bucket comes from its high bits).
    #[inline]
    fn tag(h: u32) -> u8 {
        h as u8
    }

    /// Number of ids in the table.
    #[inline]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Ids there is room for before the table grows.
    #[inline]
    pub(super) fn capacity(&self) -> usize {
        max_len(self.buckets.len())
    }

    /// Bytes on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        self.buckets.capacity() * std::mem::size_of::<Bucket>()
    }

    /// The id whose hash is `h` and for which `same` holds, else the bucket a new id of
    /// hash `h` goes into. The table must have a bucket (see [`Table::reserve`]).
    #[inline]
    pub(super) fn find(&self, h: u32, mut same: impl FnMut(u32) -> bool) -> Probe {
        let n = self.buckets.len();
        let tag = Self::tag(h);
        let mut b = self.bucket_of(h);
        for _ in 0..n {
            let Some(bucket) = self.buckets.get(b) else { break };
            let mut m = bucket.matches(tag);
            while m != 0 {
                let pos = (m.trailing_zeros() / 8) as usize;
                if let Some(&id) = bucket.ids.get(pos) {
                    if same(id) {
                        return Probe::Found(id);
                    }
                }
                m &= m - 1;
            }
            if (bucket.len as usize) < WIDTH {
                return Probe::Vacant(b);
            }
            b = if b + 1 == n { 0 } else { b + 1 };
        }
        // Unreachable for a table grown before it fills; a vacant bucket is still found.
        Probe::Vacant(self.buckets.iter().position(|x| (x.len as usize) < WIDTH).unwrap_or(0))
    }

    /// Puts `id` (of hash `h`) into bucket `b` from [`Table::find`], which must not have
    /// grown since. `hash_of` gives the hash of every id in the table, for growing.
    #[inline]
    pub(super) fn insert_at(&mut self, b: usize, h: u32, id: u32, hash_of: impl Fn(u32) -> u32) {
        if let Some(bucket) = self.buckets.get_mut(b) {
            let pos = bucket.len as usize;
            if let (Some(slot), Some(tag)) = (bucket.ids.get_mut(pos), bucket.tags.get_mut(pos)) {
                *slot = id;
                *tag = Self::tag(h);
                bucket.len += 1;
                self.len += 1;
            }
        }
        if self.len >= self.capacity() {
            self.grow_to(self.len.saturating_mul(2), hash_of);
        }
    }

    /// Reads the bucket of every hash: independent loads, which the processor keeps in flight
    /// together, so that the lookups that follow find their buckets in the cache.
    #[inline]
    pub(super) fn touch(&mut self, hashes: impl Iterator<Item = u32>) {
        let mut sum = self.touched;
        for h in hashes {
            sum = sum.wrapping_add(self.buckets.get(self.bucket_of(h)).map_or(0, |b| b.len));
        }
        self.touched = sum;
    }

    /// Room for `additional` more ids without growing (growing at least doubles the room, so
    /// that a batch's few more each time cost no rehash of the whole table each time).
    #[inline]
    pub(super) fn reserve(&mut self, additional: usize, hash_of: impl Fn(u32) -> u32) {
        let want = self.len.saturating_add(additional).saturating_add(1);
        if want > self.capacity() {
            self.grow_to(want.max(self.len.saturating_mul(2)), hash_of);
        }
    }

    /// A table with room for `ids` ids holding the same ids as before.
    fn grow_to(&mut self, ids: usize, hash_of: impl Fn(u32) -> u32) {
        let buckets = ids.saturating_mul(8) / (WIDTH * 7) + 1;
        let old = std::mem::replace(&mut self.buckets, vec![Bucket::default(); buckets]);
        self.len = 0;
        // In the order of the old buckets: a bucket's ids are in the order they came, so
        // the ids of one hash keep their order (not needed for lookups, nice for tests).
        for bucket in &old {
            for &id in bucket.ids.iter().take(bucket.len as usize) {
                let h = hash_of(id);
                let mut b = self.bucket_of(h);
                while self.buckets.get(b).is_some_and(|x| x.len as usize == WIDTH) {
                    b = if b + 1 == buckets { 0 } else { b + 1 };
                }
                if let Some(bucket) = self.buckets.get_mut(b) {
                    let pos = bucket.len as usize;
                    if let (Some(slot), Some(tag)) =
                        (bucket.ids.get_mut(pos), bucket.tags.get_mut(pos))
                    {
                        *slot = id;
                        *tag = Self::tag(h);
                        bucket.len += 1;
                        self.len += 1;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_finds_every_filled_position_with_the_tag_and_no_other() {
        let mut b =
            Bucket { tags: [7, 1, 7, 0, 0, 0, 0, 0, 7, 2, 7, 7], len: 11, ..Default::default() };
        let positions = |m: u128| {
            let mut v = Vec::new();
            let mut m = m;
            while m != 0 {
                v.push(m.trailing_zeros() / 8);
                m &= m - 1;
            }
            v
        };
        // Position 11 holds a 7 but is not filled.
        assert_eq!(positions(b.matches(7)), vec![0, 2, 8, 10]);
        // Unfilled zeros (none here: positions 3-7 are filled zeros) and filled ones.
        assert_eq!(positions(b.matches(0)), vec![3, 4, 5, 6, 7]);
        b.len = 2;
        assert_eq!(positions(b.matches(7)), vec![0]);
        assert_eq!(positions(b.matches(0)), Vec::<u32>::new());
        b.len = 12;
        assert_eq!(positions(b.matches(7)), vec![0, 2, 8, 10, 11]);
    }

    #[test]
    fn reserving_a_few_more_again_and_again_grows_by_doubling() {
        // The import reserves a batch's 32 more before each batch: 10,000 ids in batches of
        // 32 must not rebuild the table per batch (it did: 10 MB took 13 s instead of 0.1 s).
        let hash_of = |id: u32| id.wrapping_mul(0x9E37_79B9);
        let mut t = Table::default();
        let mut grown = 0;
        for id in 0..10_000u32 {
            if id % 32 == 0 {
                let before = t.buckets.len();
                t.reserve(32, hash_of);
                grown += usize::from(t.buckets.len() != before);
            }
            if let Probe::Vacant(b) = t.find(hash_of(id), |_| false) {
                t.insert_at(b, hash_of(id), id, hash_of);
            }
        }
        assert_eq!(t.len(), 10_000);
        // 33 ids room first, then doubling: 66, 132, ..., 16,896 ≥ 10,000 + 33: 10 sizes.
        assert!(grown <= 11, "{grown} rebuilds");
    }

    #[test]
    fn full_buckets_pass_ids_on_and_lookups_follow() {
        // Every id has the same hash: they fill bucket after bucket, and each is found.
        let hash_of = |_id: u32| 0x8000_0000u32;
        let mut t = Table::default();
        t.reserve(4, hash_of);
        for id in 0..100u32 {
            match t.find(hash_of(id), |x| x == id) {
                Probe::Found(_) => panic!("{id} found before it was inserted"),
                Probe::Vacant(b) => t.insert_at(b, hash_of(id), id, hash_of),
            }
        }
        assert_eq!(t.len(), 100);
        for id in 0..100u32 {
            assert!(matches!(t.find(hash_of(id), |x| x == id), Probe::Found(x) if x == id));
        }
        assert!(t.capacity() >= 100);
    }
}
