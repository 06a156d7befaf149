//! Unit tests of the pool, off chain: everything up to the first token call (the scenarios in
//! `e2e-tests/` run the rest against the real tokens).

use crate::book::Holder;
use crate::tasset::*;
use ink::env::test;
use ink::env::DefaultEnvironment as E;
use ink::primitives::{AccountId, Hash};
use laas_math::ONE;
use laas_traits::{AccessError, ManagedPool, PoolCode, PoolConfig, PoolError, Role, Roles, Rollover, TAsset, PSP22};

const DAY: u64 = 24 * 3_600_000;

fn config() -> PoolConfig {
    PoolConfig { deposit_cap: 1_000_000, max_nav_age_ms: DAY, expiry_epochs: 2, paused: false }
}

/// A pool whose manager is `django`, the asset `eve` and the pairing token `frank`, with its
/// first boundary a week from now.
fn pool() -> (TAssetPool, test::DefaultAccounts<E>) {
    let a = test::default_accounts::<E>();
    test::set_caller::<E>(a.django);
    test::set_block_timestamp::<E>(1_000);
    let p = TAssetPool::new(a.eve, a.frank, 18, config(), 1_000 + 7 * DAY, Hash::from([7; 32])).expect("valid");
    test::set_caller::<E>(a.alice);
    (p, a)
}

/// Gives `who` `balance` tAssets as if deposited (off chain no asset can be pulled).
fn give(p: &mut TAssetPool, who: AccountId, balance: u128) {
    let (mut h, _) = p.settled(who).expect("settle");
    h.balance += balance;
    p.holders.insert(who, &h);
    p.supply += balance;
    ink::env::emit_event::<E, _>(psp22::Transfer { from: None, to: Some(who), value: balance });
}

/// The manager rolls into the next epoch at `nav`, funding exactly what matured requests need
/// and sharing `rewards` (no token moves: nothing is idle).
fn roll(p: &mut TAssetPool, a: &test::DefaultAccounts<E>, nav: u128, rewards: (u128, u128)) {
    roll_funded(p, a, nav, rewards, true)
}

/// `roll`, funding matured payouts (all in the asset) or not (an unfunded payout is owed but
/// not set aside).
fn roll_funded(p: &mut TAssetPool, a: &test::DefaultAccounts<E>, nav: u128, rewards: (u128, u128), fund: bool) {
    let due = p.books().maturing * nav / ONE;
    roll_in_kind(p, a, nav, (due, 0), rewards, fund)
}

/// The manager rolls at `nav`, paying the maturing requests `payout` (asset, TOKE), funding
/// what is short or not.
fn roll_in_kind(p: &mut TAssetPool, a: &test::DefaultAccounts<E>, nav: u128, payout: (u128, u128), rewards: (u128, u128), fund: bool) {
    let caller = ink::env::caller::<E>();
    test::set_caller::<E>(a.django);
    let books = p.books();
    let (funded, funded_pairing) = if fund {
        (
            (books.payouts_due + payout.0).saturating_sub(books.reserved + books.idle),
            (books.payouts_due_pairing + payout.1).saturating_sub(books.reserved_pairing),
        )
    } else {
        (0, 0)
    };
    let r = Rollover {
        nav,
        payout: payout.0,
        payout_pairing: payout.1,
        funded,
        funded_pairing,
        reward_asset: rewards.0,
        reward_pairing: rewards.1,
        next_boundary_ms: u64::MAX,
    };
    assert_eq!(p.roll(r), Ok((0, 0)));
    test::set_caller::<E>(caller);
}

mod psp22_standard {
    use super::*;
    psp22::tests!(TAssetPool, (|supply: u128| {
        let (mut p, a) = pool();
        test::set_caller::<E>(a.alice);
        if supply > 0 {
            give(&mut p, a.alice, supply);
        }
        p
    }));
}

#[ink::test]
fn the_instantiator_manages_and_bad_parameters_are_refused() {
    let (p, a) = pool();
    assert_eq!(p.roles(), vec![(Role::Manager, a.django)]);
    test::set_caller::<E>(a.django);
    let no_expiry = PoolConfig { expiry_epochs: 0, ..config() };
    assert!(matches!(TAssetPool::new(a.eve, a.frank, 18, no_expiry, 0, Hash::from([7; 32])), Err(PoolError::InvalidConfig)));
    assert!(matches!(TAssetPool::new(a.eve, a.eve, 18, config(), 0, Hash::from([7; 32])), Err(PoolError::InvalidConfig)));
}

#[ink::test]
fn only_the_manager_runs_the_pool() {
    let (mut p, a) = pool();
    for stranger in [a.alice, a.bob, a.eve] {
        test::set_caller::<E>(stranger);
        let r = Rollover { nav: ONE, ..Rollover::default() };
        assert_eq!(p.roll(r), Err(PoolError::NotManager));
        assert_eq!(p.strike(ONE / 2), Err(PoolError::NotManager));
        assert_eq!(p.configure(PoolConfig { paused: true, ..config() }), Err(PoolError::NotManager));
        assert_eq!(p.set_code_hash(PoolCode { pool: Hash::from([9; 32]), books: Hash::from([8; 32]) }), Err(PoolError::NotManager));
    }
    assert_eq!((p.epoch, p.nav, p.config), (0, ONE, config()));
}

#[ink::test]
fn the_expiry_window_never_shortens() {
    let (mut p, a) = pool();
    test::set_caller::<E>(a.django);
    assert_eq!(p.configure(PoolConfig { expiry_epochs: 1, ..config() }), Err(PoolError::InvalidConfig));
    assert_eq!(p.configure(PoolConfig { expiry_epochs: 521, ..config() }), Err(PoolError::InvalidConfig));
    assert_eq!(p.configure(PoolConfig { expiry_epochs: 5, deposit_cap: 7, ..config() }), Ok(()));
    assert_eq!((p.config.expiry_epochs, p.config.deposit_cap), (5, 7));
}

#[ink::test]
fn deposits_refuse_bad_input_before_any_call() {
    let (mut p, a) = pool();
    assert_eq!(p.deposit(0), Err(PoolError::ZeroAmount));
    assert_eq!(p.deposit(1_000_001), Err(PoolError::CapExceeded));
    // Below 1, a deposit needs a fresh strike; at 0 nothing can be minted.
    test::set_caller::<E>(a.django);
    p.strike(ONE / 2).unwrap();
    test::set_caller::<E>(a.alice);
    test::set_block_timestamp::<E>(1_000 + DAY + 1);
    assert_eq!(p.deposit(10), Err(PoolError::StaleNav));
    assert_eq!(p.deposit_for(a.bob, 10), Err(PoolError::StaleNav));
    test::set_caller::<E>(a.django);
    p.strike(0).unwrap();
    test::set_caller::<E>(a.alice);
    assert_eq!(p.deposit(10), Err(PoolError::Insolvent));
    test::set_caller::<E>(a.django);
    p.configure(PoolConfig { paused: true, ..config() }).unwrap();
    test::set_caller::<E>(a.alice);
    assert_eq!(p.deposit(10), Err(PoolError::Access(AccessError::Paused)));
    assert_eq!((p.supply, p.idle), (0, 0));
}

#[ink::test]
fn requests_mature_next_epoch_or_one_later_after_a_boundary_never_now() {
    let (mut p, a) = pool();
    give(&mut p, a.alice, 100);
    assert_eq!(p.request_withdrawal(101), Err(PoolError::InsufficientBalance));
    assert_eq!(p.request_withdrawal(40), Ok(1));
    assert_eq!(p.queued.get(1), Some(40));
    // The boundary passes, the rollover has not run: a new request waits one more epoch.
    test::set_block_timestamp::<E>(1_000 + 7 * DAY);
    assert_eq!(p.request_withdrawal(30), Ok(2));
    assert_eq!((p.queued.get(1), p.queued.get(2)), (None, Some(30)));
    assert_eq!(p.withdraw(30), Err(PoolError::NotMatured));
    // Cancelling empties the queue.
    assert_eq!(p.request_withdrawal(0), Ok(0));
    assert_eq!(p.queued.get(2), None);
    assert_eq!(p.position(a.alice).request, 0);
}

#[ink::test]
fn a_rollover_matures_requests_at_its_nav_and_they_expire_unclaimed() {
    let (mut p, a) = pool();
    give(&mut p, a.alice, 100);
    p.request_withdrawal(40).unwrap();
    // Unfunded here (off chain no asset moves): owed, not set aside, so not yet payable.
    roll_funded(&mut p, &a, ONE * 9 / 10, (0, 0), false);
    let pos = p.position(a.alice);
    assert!(pos.matured);
    assert_eq!((pos.request, pos.payout, pos.eligible), (40, 36, 60));
    assert_eq!((p.matured, p.payouts_due, p.reserved, p.eligible), (40, 36, 0, 60));
    assert_eq!(p.books().payouts_due, 36);
    assert_eq!(p.withdraw(41), Err(PoolError::ExceedsRequest));
    assert_eq!(p.withdraw(40), Err(PoolError::InsufficientReserve));
    // Two epochs later the request expires: what it was owed is owed no more, and the tAssets
    // earn again.
    roll_funded(&mut p, &a, ONE, (0, 0), false);
    assert_eq!(p.books().expiring, 36);
    roll_funded(&mut p, &a, ONE, (0, 0), false);
    let pos = p.position(a.alice);
    assert!(!pos.matured);
    assert_eq!((pos.request, pos.eligible), (0, 100));
    assert_eq!((p.matured, p.payouts_due, p.eligible), (0, 0, 100));
    assert_eq!(p.withdraw(40), Err(PoolError::NotMatured));
}

#[ink::test]
fn a_payout_the_asset_cannot_cover_is_fixed_in_toke_and_expires_in_kind() {
    let (mut p, a) = pool();
    give(&mut p, a.alice, 100);
    give(&mut p, a.bob, 100);
    p.request_withdrawal(40).unwrap();
    test::set_caller::<E>(a.bob);
    p.request_withdrawal(60).unwrap();
    // 100 tAssets at NAV 0.9 are owed 90 of value: the manager had 30 of the asset, the other
    // 60 of value come as 240 TOKE (4 TOKE per asset at the TWAP). Nothing is set aside yet.
    roll_in_kind(&mut p, &a, ONE * 9 / 10, (30, 240), (0, 0), false);
    let (alice, bob) = (p.position(a.alice), p.position(a.bob));
    assert_eq!((alice.payout, alice.payout_pairing), (12, 96));
    assert_eq!((bob.payout, bob.payout_pairing), (18, 144));
    let books = p.books();
    assert_eq!((books.payouts_due, books.payouts_due_pairing, books.reserved_pairing), (30, 240, 0));
    assert_eq!(p.withdraw(60), Err(PoolError::InsufficientReserve));
    // Unclaimed, both parts of the payout expire.
    roll_funded(&mut p, &a, ONE, (0, 0), false);
    assert_eq!((p.books().expiring, p.books().expiring_pairing), (30, 240));
    roll_funded(&mut p, &a, ONE, (0, 0), false);
    assert_eq!((p.payouts_due, p.payouts_due_pairing, p.matured), (0, 0, 0));
}

#[ink::test]
fn a_matured_request_is_firm_until_withdrawn_or_expired() {
    let (mut p, a) = pool();
    give(&mut p, a.alice, 100);
    p.request_withdrawal(50).unwrap();
    roll(&mut p, &a, ONE, (0, 0));
    assert_eq!((p.reserved, p.idle), (50, 0));
    // Neither cancelled, nor replaced, nor sent away: the payout is fixed.
    assert_eq!(p.request_withdrawal(0), Err(PoolError::RequestMatured));
    assert_eq!(p.request_withdrawal(80), Err(PoolError::RequestMatured));
    assert_eq!(p.transfer(a.bob, 51, Vec::new()), Err(laas_traits::PSP22Error::InsufficientBalance));
    // What is outside the request moves freely.
    assert_eq!(p.transfer(a.bob, 50, Vec::new()), Ok(()));
    let alice = p.position(a.alice);
    assert_eq!((alice.balance, alice.request, alice.eligible), (50, 50, 0));
    assert_eq!((p.matured, p.payouts_due, p.reserved), (50, 50, 50));
}

#[ink::test]
fn rewards_go_to_what_was_held_through_the_epoch() {
    let (mut p, a) = pool();
    give(&mut p, a.alice, 100);
    roll(&mut p, &a, ONE, (0, 0));
    // Epoch 1: Alice's 100 are eligible; Bob arrives mid-epoch with 300.
    give(&mut p, a.bob, 300);
    assert_eq!(p.eligible, 100);
    roll(&mut p, &a, ONE, (1_000, 50));
    assert_eq!((p.position(a.alice).owed_asset, p.position(a.alice).owed_pairing), (1_000, 50));
    assert_eq!(p.position(a.bob).owed_asset, 0);
    // Epoch 2: both held throughout.
    roll(&mut p, &a, ONE, (400, 0));
    assert_eq!((p.position(a.alice).owed_asset, p.position(a.bob).owed_asset), (1_100, 300));
}

#[ink::test]
fn what_leaves_mid_epoch_earns_nothing_for_it_and_shrinks_the_request() {
    let (mut p, a) = pool();
    give(&mut p, a.alice, 100);
    roll(&mut p, &a, ONE, (0, 0));
    p.request_withdrawal(80).unwrap();
    // Alice sends 60 away: her request shrinks to the 40 she keeps, 60 leave the eligible.
    p.transfer(a.bob, 60, Vec::new()).unwrap();
    let alice = p.position(a.alice);
    assert_eq!((alice.balance, alice.request, alice.eligible), (40, 40, 40));
    assert_eq!((p.position(a.bob).eligible, p.eligible), (0, 40));
    assert_eq!(p.queued.get(2), Some(40));
    roll(&mut p, &a, ONE, (400, 0));
    assert_eq!((p.position(a.alice).owed_asset, p.position(a.bob).owed_asset), (400, 0));
    assert_eq!(p.transfer(a.bob, 41, Vec::new()), Err(laas_traits::PSP22Error::InsufficientBalance));
}

#[ink::test]
fn claiming_nothing_pays_nothing_and_empty_holders_are_not_stored() {
    let (mut p, a) = pool();
    assert_eq!(p.claim(), Ok((0, 0)));
    assert_eq!(p.request_withdrawal(0), Ok(0));
    assert_eq!(p.holders.get(a.alice), None::<Holder>);
}
