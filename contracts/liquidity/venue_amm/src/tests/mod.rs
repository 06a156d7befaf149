//! Unit tests of the AMM venue (off chain).

use crate::venue_amm::*;
use ink::primitives::Hash;
use laas_traits::{AccessControl, AccessError, Role, Roles, Venue, VenueError};
use ink::env::test;
use ink::env::DefaultEnvironment as E;

fn pool() -> (VenueAmm, test::DefaultAccounts<E>) {
    let a = test::default_accounts::<E>();
    test::set_caller::<E>(a.alice);
    (VenueAmm::new(a.django, a.eve, 30, 60_000, 200).expect("valid parameters"), a)
}

#[ink::test]
fn admin_messages_refuse_others_and_change_nothing() {
    use laas_access::AccessError::*;
    let (mut p, a) = pool();
    test::set_caller::<E>(a.bob);
    assert_eq!(p.set_oracle_params(60_000, 1), Err(VenueError::Access(NotAdmin)));
    assert_eq!(p.propose_admin(Some(a.bob)), Err(NotAdmin));
    assert_eq!(p.accept_admin(), Err(NotPendingAdmin));
    assert_eq!(p.set_role(Role::Guardian, a.bob, true), Err(NotAdmin));
    assert_eq!(p.pause(), Err(NotGuardian));
    assert_eq!(p.unpause(), Err(NotAdmin));
    assert_eq!(p.params(), (60_000, 200, 30));
    assert_eq!(p.roles(), vec![(Role::Admin, a.alice)]);
    assert_eq!(p.set_code_hash(Hash::from([9; 32])), Err(NotAdmin));
    assert_eq!(p.set_role(Role::Pricer, a.bob, true), Err(NotAdmin));
}

#[ink::test]
fn admin_hands_over_in_two_steps() {
    let (mut p, a) = pool();
    p.propose_admin(Some(a.bob)).unwrap();
    assert_eq!(p.access.admin, a.alice);
    test::set_caller::<E>(a.bob);
    p.accept_admin().unwrap();
    assert_eq!(p.access.admin, a.bob);
    p.set_oracle_params(60_000, 100).unwrap();
    assert_eq!(p.params(), (60_000, 100, 30));
    test::set_caller::<E>(a.alice);
    assert_eq!(p.set_oracle_params(60_000, 1), Err(VenueError::Access(laas_access::AccessError::NotAdmin)));
}

#[ink::test]
fn a_pause_blocks_new_exposure_but_not_exits() {
    let (mut p, a) = pool();
    p.set_role(Role::Guardian, a.charlie, true).unwrap();
    test::set_caller::<E>(a.charlie);
    p.pause().unwrap();
    let paused = Err(VenueError::Access(laas_access::AccessError::Paused));
    assert_eq!(p.swap(true, 1, 0, u64::MAX), paused);
    assert_eq!(p.add_liquidity(1, 1, 0, 0, u64::MAX), paused);
    assert_eq!(Venue::deploy(&mut p, 1, 1), paused.map(|_: u128| (0, 0)));
    // Exits are not gated: they fail here only for lack of shares.
    assert_eq!(p.remove_liquidity(1, 0, 0, u64::MAX), Err(VenueError::InsufficientShares));
    assert_eq!(p.collect(), Ok((0, 0)));
    assert_eq!(p.unpause(), Err(AccessError::NotAdmin));
    test::set_caller::<E>(a.alice);
    p.unpause().unwrap();
    assert!(!p.paused());
}

#[ink::test]
fn bad_oracle_params_are_refused() {
    let (mut p, _) = pool();
    assert_eq!(p.set_oracle_params(0, 100), Err(VenueError::InvalidWindow));
    assert_eq!(p.set_oracle_params(59_999, 100), Err(VenueError::InvalidWindow));
    assert_eq!(p.set_oracle_params(60_000, 10_001), Err(VenueError::InvalidFraction));
    // No price history yet: the window cannot grow.
    assert_eq!(p.set_oracle_params(60_001, 100), Err(VenueError::InvalidWindow));
    assert_eq!(p.set_oracle_params(MAX_WINDOW_MS + 1, 100), Err(VenueError::InvalidWindow));
    assert_eq!(p.params(), (60_000, 200, 30));
}

#[ink::test]
fn bad_constructor_parameters_are_refused() {
    let a = test::default_accounts::<E>();
    assert!(matches!(VenueAmm::new(a.django, a.eve, 1_001, 60_000, 200), Err(VenueError::InvalidFraction)));
    assert!(matches!(VenueAmm::new(a.django, a.eve, 30, 60_000, 10_001), Err(VenueError::InvalidFraction)));
    assert!(matches!(VenueAmm::new(a.django, a.eve, 30, 59_999, 200), Err(VenueError::InvalidWindow)));
    assert!(matches!(VenueAmm::new(a.django, a.eve, 30, MAX_WINDOW_MS + 1, 200), Err(VenueError::InvalidWindow)));
    assert!(matches!(VenueAmm::new(a.django, a.django, 30, 60_000, 200), Err(VenueError::UnknownToken)));
}

#[ink::test]
fn only_the_admin_seeds_an_empty_pool() {
    let (mut p, a) = pool();
    test::set_caller::<E>(a.bob);
    let not_admin = Err(VenueError::Access(laas_access::AccessError::NotAdmin));
    assert_eq!(p.add_liquidity(1_000_000, 1_000_000, 0, 0, u64::MAX), not_admin);
    assert_eq!(Venue::deploy(&mut p, 1_000_000, 1_000_000), not_admin.map(|_: u128| (0, 0)));
    assert_eq!(p.total_shares(), 0);
}

#[ink::test]
fn empty_pool_refuses_swaps_and_quotes_and_has_no_twap() {
    let (mut p, _) = pool();
    assert_eq!(p.swap(true, 10, 0, u64::MAX), Err(VenueError::InsufficientLiquidity));
    assert_eq!(p.swap(true, 0, 0, u64::MAX), Err(VenueError::ZeroAmount));
    assert_eq!(p.quote(true, 10), Err(VenueError::InsufficientLiquidity));
    assert_eq!(p.twap(), Err(VenueError::OracleNotReady));
}

#[ink::test]
fn expired_deadlines_are_refused() {
    let (mut p, _) = pool();
    test::set_block_timestamp::<E>(1_000);
    assert_eq!(p.swap(true, 10, 0, 999), Err(VenueError::Expired));
    assert_eq!(p.add_liquidity(10, 10, 0, 0, 999), Err(VenueError::Expired));
    assert_eq!(p.remove_liquidity(10, 0, 0, 999), Err(VenueError::Expired));
}

#[ink::test]
fn removing_more_shares_than_held_is_refused() {
    let (mut p, _) = pool();
    assert_eq!(p.remove_liquidity(1, 0, 0, u64::MAX), Err(VenueError::InsufficientShares));
    assert_eq!(p.remove_liquidity(0, 0, 0, u64::MAX), Err(VenueError::ZeroAmount));
    assert_eq!(Venue::withdraw(&mut p, 10_001), Err(VenueError::InvalidFraction));
}
