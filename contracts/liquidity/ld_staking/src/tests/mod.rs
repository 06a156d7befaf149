//! Unit tests of LD staking (off chain: no cross-contract calls).

use crate::book::{revote, settle, validate};
use crate::ld_staking::*;
use crate::vesting::Schedule;
use ink::primitives::{AccountId, Hash};
use laas_traits::{AccessControl, AccessError, Role, Roles, StakeError, StakeSource};
use laas_math::ONE;
use ink::env::test;
use ink::env::DefaultEnvironment as E;

const MONTH: u64 = 30 * 24 * 3_600_000;

fn staking() -> (LdStaking, test::DefaultAccounts<E>) {
    let a = test::default_accounts::<E>();
    test::set_caller::<E>(a.alice);
    (LdStaking::new(a.frank), a)
}

/// Registers `reactor` without asking it for its asset (no calls off chain).
fn register(s: &mut LdStaking, reactor: AccountId, asset: AccountId) {
    s.pools.insert(reactor, &Pool { asset, total: 0, leaving: 0, eligible: 0, epoch: 0, next_boundary_ms: 1_000, index: (0, 0), votes: Vec::new() });
}

fn venue(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

#[ink::test]
fn positions_holding_nothing_are_not_stored() {
    let (mut s, a) = staking();
    register(&mut s, a.django, a.eve);
    test::set_caller::<E>(a.bob);
    // Cancelling a request one never made stores no empty position.
    assert_eq!(s.request_unstake(a.django, 0), Ok(0));
    assert_eq!(s.positions.get((a.bob, a.django)), None);
    // A position whose stake is gone but whose rewards are owed stays until claimed.
    s.positions.insert((a.bob, a.django), &Position { owed: (0, 5), ..Position::default() });
    assert_eq!(s.request_unstake(a.django, 0), Ok(0));
    assert!(s.positions.get((a.bob, a.django)).is_some());
}

#[ink::test]
fn privileged_messages_refuse_others_and_change_nothing() {
    let (mut s, a) = staking();
    test::set_caller::<E>(a.bob);
    let not_admin = || Err(StakeError::Access(AccessError::NotAdmin));
    assert_eq!(s.add_reactor(a.charlie), not_admin());
    let schedule = Schedule { cliff_ms: 0, duration_ms: MONTH, interval_ms: MONTH };
    assert_eq!(s.create_schedule(schedule), not_admin().map(|_: ()| 0));
    assert_eq!(s.set_role(Role::Depositor, a.bob, true), Err(AccessError::NotAdmin));
    assert_eq!(s.set_code_hash(Hash::from([9; 32])), Err(AccessError::NotAdmin));
    assert_eq!(s.propose_admin(Some(a.bob)), Err(AccessError::NotAdmin));
    assert_eq!(s.set_role(Role::Guardian, a.bob, true), Err(AccessError::NotAdmin));
    assert_eq!(s.pause(), Err(AccessError::NotGuardian));
    assert_eq!(s.unpause(), Err(AccessError::NotAdmin));
    assert_eq!(s.stake_vesting(a.bob, a.charlie, 1, 0), Err(StakeError::NotDepositor));
    assert!(s.reactors().is_empty());
    assert_eq!(s.schedule(0), None);
    assert_eq!(s.roles(), vec![(Role::Admin, a.alice)]);
    // Rewards come only from registered reactors.
    assert_eq!(s.roll(1, 0, 1, 1), Err(StakeError::UnknownReactor));
}

#[ink::test]
fn schedules_and_depositors_are_set_by_the_admin() {
    let (mut s, a) = staking();
    let bad = Schedule { cliff_ms: 0, duration_ms: 0, interval_ms: 1 };
    assert_eq!(s.create_schedule(bad), Err(StakeError::InvalidSchedule));
    let good = Schedule { cliff_ms: MONTH, duration_ms: 12 * MONTH, interval_ms: MONTH };
    assert_eq!(s.create_schedule(good), Ok(0));
    assert_eq!(s.create_schedule(good), Ok(1));
    assert_eq!(s.schedule(1), Some(good));
    s.set_role(Role::Depositor, a.bob, true).unwrap();
    assert_eq!(s.roles(), vec![(Role::Admin, a.alice), (Role::Depositor, a.bob)]);
    assert_eq!(s.set_role(Role::Reactor, a.bob, true), Err(AccessError::FixedRole));
    test::set_caller::<E>(a.bob);
    assert_eq!(s.stake_vesting(a.charlie, a.django, 1, 7), Err(StakeError::UnknownSchedule));
    assert_eq!(s.stake_vesting(a.charlie, a.django, 1, 0), Err(StakeError::UnknownReactor));
}

#[ink::test]
fn bad_input_is_refused_before_any_call() {
    let (mut s, a) = staking();
    let reactor = a.django;
    assert_eq!(s.stake(reactor, 1), Err(StakeError::UnknownReactor));
    register(&mut s, reactor, a.eve);
    assert_eq!(s.stake(reactor, 0), Err(StakeError::ZeroAmount));
    assert_eq!(s.request_unstake(reactor, 1), Err(StakeError::InsufficientStake));
    assert_eq!(s.request_unstake(a.charlie, 1), Err(StakeError::UnknownReactor));
    assert_eq!(s.unstake(reactor, 0), Err(StakeError::ZeroAmount));
    assert_eq!(s.unstake(reactor, 1), Err(StakeError::NotMatured));
    assert_eq!(s.vote(reactor, Vec::new()), Err(StakeError::NotStaked));
    assert_eq!(s.claim(reactor), Ok((0, 0)));
    assert_eq!(s.claim(a.charlie), Err(StakeError::UnknownReactor));
    // Rewards for an epoch through which nothing was staked are refused; the epoch opens.
    test::set_caller::<E>(reactor);
    assert_eq!(s.roll(1, 5_000, 5, 5), Err(StakeError::NothingEligible));
    assert_eq!(s.roll(1, 5_000, 0, 0), Ok(()));
    assert_eq!(s.get_pool(reactor).map(|p| (p.index, p.epoch, p.next_boundary_ms)), Some(((0, 0), 1, 5_000)));
    test::set_caller::<E>(a.alice);
    s.set_role(Role::Guardian, a.bob, true).unwrap();
    test::set_caller::<E>(a.bob);
    s.pause().unwrap();
    assert_eq!(s.stake(reactor, 1), Err(StakeError::Access(AccessError::Paused)));
}

#[ink::test]
fn past_stake_lookups_need_an_ended_block() {
    let (s, a) = staking();
    let now = ink::env::block_number::<E>();
    assert_eq!(s.get_past_stake(a.bob, now), Err(StakeError::FutureLookup));
    assert_eq!(s.get_past_total_stake(now), Err(StakeError::FutureLookup));
    test::advance_block::<E>();
    assert_eq!(s.get_past_stake(a.bob, now), Ok(0));
}

#[ink::test]
fn allocations_must_cover_exactly_the_reactors_venues() {
    let venues = [venue(1), venue(2), venue(3)];
    assert_eq!(validate(&[(venue(1), 7_000), (venue(2), 3_000)], &venues), Ok(()));
    assert_eq!(validate(&[(venue(1), 7_000), (venue(2), 2_999)], &venues), Err(StakeError::InvalidAllocation));
    assert_eq!(validate(&[(venue(1), 5_000), (venue(1), 5_000)], &venues), Err(StakeError::InvalidAllocation));
    assert_eq!(validate(&[(venue(9), 10_000)], &venues), Err(StakeError::InvalidAllocation));
    assert_eq!(validate(&[(venue(1), 10_000), (venue(2), 0)], &venues), Err(StakeError::InvalidAllocation));
    let nine: Vec<(AccountId, u16)> = (0..9u8).map(|i| (venue(i), 1)).collect();
    assert_eq!(validate(&nine, &venues), Err(StakeError::InvalidAllocation));
}

#[ink::test]
fn votes_follow_stake_in_o_venues() {
    let mut pool = Pool { asset: venue(0), total: 0, leaving: 0, eligible: 0, epoch: 0, next_boundary_ms: 0, index: (0, 0), votes: Vec::new() };
    let split = [(venue(1), 7_000), (venue(2), 3_000)];
    revote(&mut pool, &split, 0, 1_000).unwrap();
    assert_eq!(pool.votes, vec![(venue(1), 700), (venue(2), 300)]);
    // The stake doubles: the vote rescales.
    revote(&mut pool, &split, 1_000, 2_000).unwrap();
    assert_eq!(pool.votes, vec![(venue(1), 1_400), (venue(2), 600)]);
    // Withdrawn: venues without votes disappear.
    revote(&mut pool, &split, 2_000, 0).unwrap();
    assert!(pool.votes.is_empty());
}

#[ink::test]
fn requested_stake_stops_voting_and_earning_at_once_and_matures_by_epoch() {
    let (mut s, a) = staking();
    let reactor = a.django;
    register(&mut s, reactor, a.eve);
    // Bob's 100 TOKE, staked before epoch 3 opened, vote 60/40.
    let mut pool = s.pools.get(reactor).unwrap();
    pool.total = 100;
    pool.eligible = 100;
    pool.epoch = 3;
    pool.votes = vec![(venue(1), 60), (venue(2), 40)];
    s.pools.insert(reactor, &pool);
    let staked = Position { stake: 100, eligible: 100, epoch: 3, allocation: vec![(venue(1), 6_000), (venue(2), 4_000)], ..Position::default() };
    s.positions.insert((a.bob, reactor), &staked);
    test::set_caller::<E>(a.bob);
    test::set_block_timestamp::<E>(999);
    assert_eq!(s.request_unstake(reactor, 30), Ok(4));
    let pool = s.get_pool(reactor).unwrap();
    assert_eq!((pool.leaving, pool.eligible), (30, 70));
    assert_eq!(pool.votes, vec![(venue(1), 42), (venue(2), 28)]);
    assert_eq!(s.stake_view(reactor).collateral, 70);
    // Past the boundary, before the rollover: one more epoch. Cancelling votes again at once.
    test::set_block_timestamp::<E>(1_000);
    assert_eq!(s.request_unstake(reactor, 10), Ok(5));
    assert_eq!(s.request_unstake(reactor, 0), Ok(0));
    let pool = s.get_pool(reactor).unwrap();
    assert_eq!((pool.leaving, pool.eligible), (0, 70));
    assert_eq!(pool.votes, vec![(venue(1), 60), (venue(2), 40)]);
}

#[ink::test]
fn settlement_pays_the_eligible_part_of_the_entry_epoch_and_the_active_stake_after() {
    let pool = Pool { asset: venue(0), total: 0, leaving: 0, eligible: 0, epoch: 5, next_boundary_ms: 0, index: (0, 0), votes: Vec::new() };
    let mut p = Position { stake: 100, request: 20, eligible: 30, epoch: 2, ..Position::default() };
    // Index per eligible TOKE: +1 each epoch.
    settle(&pool, &mut p, |x| (u128::from(x) * ONE, 0)).unwrap();
    // Epoch 2: 30; epochs 3 and 4: 80 each.
    assert_eq!(p.owed.0, 190);
    assert_eq!((p.eligible, p.epoch), (80, 5));
}
