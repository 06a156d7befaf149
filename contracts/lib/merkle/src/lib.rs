//! Whitelists as Merkle trees over 32-byte account ids (the DeGenesis pool's, SPEC §3.7).
//!
//! * A leaf is `H(0x00 ‖ account)`; a node is `H(0x01 ‖ min(a, b) ‖ max(a, b))`: the prefixes
//!   keep a leaf from passing for a node, and sorted pairs make a proof a plain list of
//!   siblings (no left/right bits).
//! * A level with an odd node carries it up unchanged.
//! * `H` is passed in: contracts use the chain's blake2-256 (`ink::env::hash_bytes`), the
//!   deploy tool the same function off chain, so roots built by one verify in the other.
//!
//! Verification allocates nothing and reads at most [`MAX_PROOF`] siblings.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;

/// A 32-byte hash.
pub type Hash32 = [u8; 32];

/// The longest proof accepted: a tree of up to 2³² accounts.
pub const MAX_PROOF: usize = 32;

/// The leaf of `account`.
pub fn leaf(account: &Hash32, hash: fn(&[u8]) -> Hash32) -> Hash32 {
    let mut input = [0u8; 33];
    if let Some(tail) = input.get_mut(1..) {
        tail.copy_from_slice(account);
    }
    hash(&input)
}

/// The parent of `a` and `b` (in either order).
pub fn node(a: &Hash32, b: &Hash32, hash: fn(&[u8]) -> Hash32) -> Hash32 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    // The prefix byte is 0x01: every byte not overwritten below.
    let mut input = [1u8; 65];
    if let Some(left) = input.get_mut(1..33) {
        left.copy_from_slice(lo);
    }
    if let Some(right) = input.get_mut(33..) {
        right.copy_from_slice(hi);
    }
    hash(&input)
}

/// Whether `proof` shows `account` in the tree of `root` (false for a proof longer than
/// [`MAX_PROOF`]).
pub fn verify(root: &Hash32, account: &Hash32, proof: &[Hash32], hash: fn(&[u8]) -> Hash32) -> bool {
    if proof.len() > MAX_PROOF {
        return false;
    }
    let computed = proof.iter().fold(leaf(account, hash), |acc, sibling| node(&acc, sibling, hash));
    computed == *root
}

/// A whole tree, for whoever publishes the whitelist: its root and each account's proof.
pub struct Tree {
    /// The levels, leaves first, the root's level last.
    levels: Vec<Vec<Hash32>>,
}

impl Tree {
    /// The tree of `accounts`, in their order (an empty list has the all-zero root).
    pub fn build(accounts: &[Hash32], hash: fn(&[u8]) -> Hash32) -> Self {
        let mut levels = Vec::new();
        let mut level: Vec<Hash32> = accounts.iter().map(|a| leaf(a, hash)).collect();
        while level.len() > 1 {
            let next = level.chunks(2).map(|pair| match pair {
                [a, b] => node(a, b, hash),
                [a] => *a,
                _ => [0u8; 32],
            });
            let next: Vec<Hash32> = next.collect();
            levels.push(core::mem::replace(&mut level, next));
        }
        levels.push(level);
        Tree { levels }
    }

    /// The root.
    pub fn root(&self) -> Hash32 {
        self.levels.last().and_then(|l| l.first()).copied().unwrap_or([0u8; 32])
    }

    /// The proof of the account at `index` (in the order given to `build`), if there is one.
    pub fn proof(&self, index: usize) -> Option<Vec<Hash32>> {
        let leaves = self.levels.first()?;
        if index >= leaves.len() {
            return None;
        }
        let mut proof = Vec::new();
        let mut i = index;
        for level in self.levels.iter().take(self.levels.len().saturating_sub(1)) {
            if let Some(sibling) = level.get(i ^ 1) {
                proof.push(*sibling);
            }
            i /= 2;
        }
        Some(proof)
    }
}

#[cfg(test)]
mod tests;
