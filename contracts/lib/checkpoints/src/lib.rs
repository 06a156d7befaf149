//! Histories of a value by block number — voting power, stake, total supply — as used for
//! snapshot voting.
//!
//! A history is stored as a [`Head`] (the number of checkpoints and the latest one, kept
//! together so that a write reads one storage cell) plus the older checkpoints in a map from
//! index to [`Checkpoint`], owned by the contract. The functions here are pure: [`record`]
//! says what to write, [`value_at`] looks up a past value through a closure that reads the
//! contract's map. That keeps the storage layout in the contract and the logic testable.
//!
//! Invariants: checkpoints are strictly increasing in block; at most one per block (a second
//! write in the same block overwrites the latest); index `head.count - 1` is the latest, which
//! lives only in the head; indices `0..head.count - 1` live in the contract's map.
#![cfg_attr(not(feature = "std"), no_std)]

/// A value as it stood from `block` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Checkpoint {
    /// First block at which `value` held.
    pub block: u32,
    /// The value from `block` on.
    pub value: u128,
}

/// The number of checkpoints in a history and its latest checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Head {
    /// Number of checkpoints, the latest included.
    pub count: u32,
    /// The latest checkpoint (index `count - 1`).
    pub latest: Checkpoint,
}

impl Head {
    /// The current value of a history (0 for an empty one).
    pub fn current(head: Option<Self>) -> u128 {
        head.map(|h| h.latest.value).unwrap_or_default()
    }
}

/// What a contract must write to record `value` at `block`: the new head, and, when the
/// previous latest checkpoint becomes history, the `(index, checkpoint)` to store in its map.
///
/// Returns `None` if `block` is earlier than the latest checkpoint (time never runs backwards
/// on chain, so callers treat this as an internal error) or the history is full.
pub fn record(head: Option<Head>, block: u32, value: u128) -> Option<(Head, Option<(u32, Checkpoint)>)> {
    let new = Checkpoint { block, value };
    match head {
        None => Some((Head { count: 1, latest: new }, None)),
        Some(h) if h.latest.block == block => Some((Head { count: h.count, latest: new }, None)),
        Some(h) if h.latest.block < block => {
            let archived_index = h.count.checked_sub(1)?;
            let count = h.count.checked_add(1)?;
            Some((Head { count, latest: new }, Some((archived_index, h.latest))))
        }
        Some(_) => None,
    }
}

/// The value of a history at the end of `block`, reading archived checkpoints through `get`.
///
/// Performs at most ⌈log2(count)⌉ reads: the head answers recent lookups; older ones
/// binary-search the archive, remembering the best checkpoint seen so none is read twice.
pub fn value_at(head: Option<Head>, block: u32, get: impl Fn(u32) -> Option<Checkpoint>) -> u128 {
    let Some(head) = head else { return 0 };
    if head.latest.block <= block {
        return head.latest.value;
    }
    // Binary search over archived indices [0, count - 1) for the last checkpoint at or before
    // `block`: indices below `lo` are at or before it, indices from `hi` on are after it.
    let mut lo: u32 = 0;
    let mut hi: u32 = head.count.saturating_sub(1);
    let mut best: u128 = 0;
    while lo < hi {
        let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
        match get(mid) {
            Some(cp) if cp.block <= block => {
                best = cp.value;
                lo = mid.saturating_add(1);
            }
            _ => hi = mid,
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A history kept the way a contract keeps it.
    #[derive(Default)]
    struct History {
        head: Option<Head>,
        archive: HashMap<u32, Checkpoint>,
    }

    impl History {
        fn write(&mut self, block: u32, value: u128) {
            let (head, archived) = record(self.head, block, value).expect("monotonic");
            if let Some((i, cp)) = archived {
                self.archive.insert(i, cp);
            }
            self.head = Some(head);
        }
        fn at(&self, block: u32) -> u128 {
            value_at(self.head, block, |i| self.archive.get(&i).copied())
        }
    }

    #[test]
    fn empty_history_is_zero() {
        let h = History::default();
        assert_eq!(h.at(0), 0);
        assert_eq!(h.at(u32::MAX), 0);
        assert_eq!(Head::current(None), 0);
    }

    #[test]
    fn same_block_overwrites() {
        let mut h = History::default();
        h.write(5, 10);
        h.write(5, 20);
        assert_eq!(h.head.unwrap().count, 1);
        assert!(h.archive.is_empty());
        assert_eq!(h.at(4), 0);
        assert_eq!(h.at(5), 20);
    }

    #[test]
    fn earlier_block_is_refused() {
        let mut h = History::default();
        h.write(5, 10);
        assert_eq!(record(h.head, 4, 1), None);
    }

    #[test]
    fn lookups_match_a_linear_scan() {
        let mut h = History::default();
        let mut truth: Vec<(u32, u128)> = Vec::new();
        for (i, block) in [1u32, 2, 3, 7, 8, 20, 21, 22, 50, 51, 99].iter().enumerate() {
            let value = (i as u128 + 1) * 100;
            h.write(*block, value);
            truth.push((*block, value));
        }
        assert_eq!(h.head.unwrap().count, truth.len() as u32);
        for query in 0..110u32 {
            let expected = truth.iter().rev().find(|(b, _)| *b <= query).map(|(_, v)| *v).unwrap_or(0);
            assert_eq!(h.at(query), expected, "block {query}");
        }
    }

    #[test]
    fn lookups_read_logarithmically_many_checkpoints() {
        let mut h = History::default();
        for block in 1..=1024u32 {
            h.write(block * 2, u128::from(block));
        }
        let reads = std::cell::Cell::new(0u32);
        let v = value_at(h.head, 3, |i| {
            reads.set(reads.get() + 1);
            h.archive.get(&i).copied()
        });
        assert_eq!(v, 1);
        assert!(reads.get() <= 10, "{} reads", reads.get());
    }
}
