//! Unit tests of the policy token: minting by the minter only, the standard's transfers and
//! approvals, and its attributes.

use crate::policy_nft::*;
use crate::text::decimal;
use ink::env::test::{default_accounts, set_caller, DefaultAccounts};
use ink::env::DefaultEnvironment;
use laas_traits::{AccessControl, AccessError, Role, Roles};

fn accounts() -> DefaultAccounts<DefaultEnvironment> {
    default_accounts::<DefaultEnvironment>()
}

fn policy() -> Policy {
    Policy { product: 2, cover: 1_000, start_ms: 10, end_ms: 20, premium: 7 }
}

/// A collection whose minter is `charlie` (standing in for the pool), with policy 1 minted to
/// `bob`.
fn minted() -> PolicyNft {
    let a = accounts();
    set_caller::<DefaultEnvironment>(a.alice);
    let mut nft = PolicyNft::new();
    nft.set_role(Role::Minter, a.charlie, true).unwrap();
    set_caller::<DefaultEnvironment>(a.charlie);
    nft.mint(a.bob, 1, policy()).unwrap();
    nft
}

#[ink::test]
fn the_minter_mints_and_no_one_else() {
    let a = accounts();
    let mut nft = minted();
    assert_eq!(nft.owner_of(Id::U128(1)), Some(a.bob));
    assert_eq!(nft.policy(1), Some((a.bob, policy())));
    assert_eq!(nft.balance_of(a.bob), 1);
    assert_eq!(nft.total_supply(), 1);
    assert_eq!(nft.mint(a.bob, 1, policy()), Err(PSP34Error::TokenExists));
    set_caller::<DefaultEnvironment>(a.bob);
    assert_eq!(nft.mint(a.bob, 2, policy()), Err(PSP34Error::Custom("NotMinter".into())));
    assert_eq!(nft.total_supply(), 1);
}

#[ink::test]
fn the_minter_is_set_once_by_the_admin() {
    let a = accounts();
    let mut nft = minted();
    set_caller::<DefaultEnvironment>(a.bob);
    assert_eq!(nft.set_role(Role::Minter, a.bob, true), Err(AccessError::NotAdmin));
    set_caller::<DefaultEnvironment>(a.alice);
    assert_eq!(nft.set_role(Role::Minter, a.bob, true), Err(AccessError::FixedRole));
    assert_eq!(nft.minter(), Some(a.charlie));
    assert!(nft.roles().contains(&(Role::Minter, a.charlie)));
}

#[ink::test]
fn the_owner_transfers_and_the_right_to_claim_moves_with_it() {
    let a = accounts();
    let mut nft = minted();
    set_caller::<DefaultEnvironment>(a.bob);
    nft.transfer(a.django, Id::U128(1), Vec::new()).unwrap();
    assert_eq!(nft.owner_of(Id::U128(1)), Some(a.django));
    assert_eq!(nft.policy(1), Some((a.django, policy())));
    assert_eq!((nft.balance_of(a.bob), nft.balance_of(a.django)), (0, 1));
}

#[ink::test]
fn strangers_and_unknown_ids_cannot_move_a_policy() {
    let a = accounts();
    let mut nft = minted();
    set_caller::<DefaultEnvironment>(a.eve);
    assert_eq!(nft.transfer(a.eve, Id::U128(1), Vec::new()), Err(PSP34Error::NotApproved));
    assert_eq!(nft.transfer(a.eve, Id::U128(9), Vec::new()), Err(PSP34Error::TokenNotExists));
    assert_eq!(nft.transfer(a.eve, Id::U64(1), Vec::new()), Err(PSP34Error::TokenNotExists));
    assert_eq!(nft.approve(a.frank, Some(Id::U128(1)), true), Err(PSP34Error::NotApproved));
    assert_eq!(nft.owner_of(Id::U128(1)), Some(a.bob));
}

#[ink::test]
fn a_one_policy_approval_is_spent_by_the_move() {
    let a = accounts();
    let mut nft = minted();
    set_caller::<DefaultEnvironment>(a.bob);
    assert_eq!(nft.approve(a.bob, Some(Id::U128(1)), true), Err(PSP34Error::SelfApprove));
    nft.approve(a.eve, Some(Id::U128(1)), true).unwrap();
    assert!(nft.allowance(a.bob, a.eve, Some(Id::U128(1))));
    assert!(!nft.allowance(a.bob, a.eve, None));
    set_caller::<DefaultEnvironment>(a.eve);
    nft.transfer(a.frank, Id::U128(1), Vec::new()).unwrap();
    assert!(!nft.allowance(a.frank, a.eve, Some(Id::U128(1))));
    assert_eq!(nft.transfer(a.eve, Id::U128(1), Vec::new()), Err(PSP34Error::NotApproved));
}

#[ink::test]
fn an_operator_of_all_moves_any_and_can_be_withdrawn() {
    let a = accounts();
    let mut nft = minted();
    set_caller::<DefaultEnvironment>(a.bob);
    nft.approve(a.eve, None, true).unwrap();
    assert!(nft.allowance(a.bob, a.eve, Some(Id::U128(1))));
    nft.approve(a.eve, None, false).unwrap();
    set_caller::<DefaultEnvironment>(a.eve);
    assert_eq!(nft.transfer(a.eve, Id::U128(1), Vec::new()), Err(PSP34Error::NotApproved));
    set_caller::<DefaultEnvironment>(a.bob);
    nft.approve(a.eve, None, true).unwrap();
    set_caller::<DefaultEnvironment>(a.eve);
    nft.transfer(a.eve, Id::U128(1), Vec::new()).unwrap();
    assert_eq!(nft.owner_of(Id::U128(1)), Some(a.eve));
}

#[ink::test]
fn attributes_read_as_decimal_text() {
    let nft = minted();
    assert_eq!(nft.get_attribute(Id::U128(1), b"cover".to_vec()), Some(b"1000".to_vec()));
    assert_eq!(nft.get_attribute(Id::U128(1), b"end_ms".to_vec()), Some(b"20".to_vec()));
    assert_eq!(nft.get_attribute(Id::U128(1), b"colour".to_vec()), None);
    assert_eq!(nft.get_attribute(nft.collection_id(), b"symbol".to_vec()), Some(SYMBOL.to_vec()));
    assert_eq!(decimal(0), b"0".to_vec());
    assert_eq!(decimal(u128::MAX), b"340282366920938463463374607431768211455".to_vec());
}

#[test]
fn the_standard_selectors_are_served() {
    // `PSP34::transfer` as the standard publishes it.
    assert_eq!(ink::selector_bytes!("PSP34::transfer"), [0x31, 0x28, 0xd6, 0x1b]);
    assert_eq!(ink::selector_bytes!("PSP34::owner_of"), [0x11, 0x68, 0x62, 0x4d]);
}
