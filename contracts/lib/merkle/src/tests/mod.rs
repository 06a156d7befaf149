//! The tree's proofs verify, and nothing else does.

use super::*;
use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use proptest::prelude::*;

/// blake2-256, as the chain's `Blake2x256`.
fn blake2_256(input: &[u8]) -> Hash32 {
    Blake2b::<U32>::digest(input).into()
}

fn accounts(n: u8) -> Vec<Hash32> {
    (0..n).map(|i| [i; 32]).collect()
}

#[test]
fn every_account_proves_its_place_and_strangers_do_not() {
    for n in 1..=9u8 {
        let list = accounts(n);
        let tree = Tree::build(&list, blake2_256);
        for (i, account) in list.iter().enumerate() {
            let proof = tree.proof(i).expect("a listed account");
            assert!(verify(&tree.root(), account, &proof, blake2_256), "{i} of {n}");
            assert!(!verify(&tree.root(), &[200; 32], &proof, blake2_256), "a stranger with {i}'s proof");
        }
        assert!(tree.proof(usize::from(n)).is_none());
    }
    // One account: the root is its leaf, the proof empty.
    let one = Tree::build(&[[7; 32]], blake2_256);
    assert_eq!(one.root(), leaf(&[7; 32], blake2_256));
    assert_eq!(one.proof(0), Some(Vec::new()));
}

#[test]
fn a_node_cannot_pass_for_a_leaf_and_long_proofs_are_refused() {
    let list = accounts(4);
    let tree = Tree::build(&list, blake2_256);
    // The parent of leaves 0 and 1 with its real sibling (the node over 2 and 3) does make
    // the root; claimed as an account with that proof, it is refused: a leaf is hashed with
    // its own prefix, so it never equals a node.
    let parent = node(&leaf(&list[0], blake2_256), &leaf(&list[1], blake2_256), blake2_256);
    let proof = tree.proof(0).expect("listed");
    let upper = &proof[1..];
    assert_eq!(node(&parent, &upper[0], blake2_256), tree.root(), "the right sibling");
    assert!(!verify(&tree.root(), &parent, upper, blake2_256));
    let long = vec![[0u8; 32]; MAX_PROOF + 1];
    assert!(!verify(&tree.root(), &list[0], &long, blake2_256));
}

proptest! {
    #[test]
    fn proofs_verify_for_any_list(n in 1usize..200, pick in 0usize..200, tweak in 0usize..32) {
        let list: Vec<Hash32> = (0..n).map(|i| { let mut a = [0u8; 32]; a[..8].copy_from_slice(&(i as u64).to_le_bytes()); a }).collect();
        let tree = Tree::build(&list, blake2_256);
        let i = pick % n;
        let proof = tree.proof(i).expect("listed");
        prop_assert!(proof.len() <= MAX_PROOF);
        prop_assert!(verify(&tree.root(), &list[i], &proof, blake2_256));
        // Any changed byte of the account breaks it.
        let mut other = list[i];
        other[tweak] ^= 0xff;
        prop_assert!(!verify(&tree.root(), &other, &proof, blake2_256));
    }
}
