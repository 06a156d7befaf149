//! Unit tests of the reactor (off chain: built in place, no cross-contract calls).

use crate::reactor::*;
use ink::primitives::{AccountId, Hash};
use ink::storage::{Lazy, Mapping};
use laas_access::Access;
use laas_cycles::Schedule;
use laas_math::ONE;
use laas_cycles::CycleError;
use laas_traits::{AccessControl, AccessError, Role, Roles, TransferHook, TransferHookError};
use ink::env::test;
use ink::env::DefaultEnvironment as E;

const DAY: u64 = 24 * 3_600_000;
const WEEK: u64 = 7 * DAY;
const GENESIS: u64 = 1_000;

fn tasset_id() -> AccountId {
    AccountId::from([0x77; 32])
}

fn config(a: &test::DefaultAccounts<E>) -> Config {
    Config {
        treasury: a.charlie,
        ld_recipient: a.django,
        deposit_cap: 1_000_000,
        lp_fee_bps: 7_000,
        ld_fee_bps: 2_000,
        reserve_bps: 500,
        collateral_bps: 20_000,
    }
}

/// A reactor built in place: the constructor's calls to the asset and the tAsset
/// cannot run off chain, and these tests exercise what happens before any call.
fn reactor() -> (Reactor, test::DefaultAccounts<E>) {
    let a = test::default_accounts::<E>();
    test::set_caller::<E>(a.alice);
    test::set_block_timestamp::<E>(GENESIS + DAY);
    let mut stored = Lazy::new();
    stored.set(&config(&a));
    let r = Reactor {
        asset: a.eve,
        pairing: a.frank,
        tasset: tasset_id(),
        schedule: Schedule::new(GENESIS, WEEK).expect("valid"),
        cycle: 0,
        nav: ONE,
        supply: 0,
        idle: Pair::default(),
        fee_index: Pair::default(),
        matured: 0,
        queued: Mapping::new(),
        holders: Mapping::new(),
        config: stored,
        collateral: Lazy::new(),
        venues: Lazy::new(),
        emissions: Lazy::new(),
        emission_budget: 0,
        genesis: false,
        access: Access::new(a.alice),
    };
    (r, a)
}

fn give(r: &mut Reactor, who: AccountId, balance: u128) {
    r.holders.insert(who, &Holder { balance, ..Holder::default() });
    r.supply += balance;
    r.idle.asset += balance;
}

#[ink::test]
fn only_a_genesis_reactor_carries_an_emission_multiplier() {
    let (mut r, _) = reactor();
    let accelerated = Emissions { rate: 1_000, target_ratio: ONE, genesis_multiplier_bps: 20_000, genesis_until: 4 };
    assert!(!r.is_genesis());
    assert_eq!(r.set_emissions(accelerated), Err(ReactorError::NotGenesis));
    assert_eq!(r.emissions.get(), None);
    // 1x is no acceleration: any reactor may set it.
    let plain = Emissions { genesis_multiplier_bps: 10_000, ..accelerated };
    assert_eq!(r.set_emissions(plain), Ok(()));
    r.genesis = true;
    assert!(r.is_genesis());
    assert_eq!(r.set_emissions(accelerated), Ok(()));
    assert_eq!(r.emissions.get(), Some(accelerated));
}

#[ink::test]
fn privileged_messages_refuse_others_and_change_nothing() {
    let (mut r, a) = reactor();
    test::set_caller::<E>(a.bob);
    let not_admin = || Err(ReactorError::Access(AccessError::NotAdmin));
    let mut changed = config(&a);
    changed.deposit_cap = 1;
    assert_eq!(r.set_config(changed), not_admin());
    assert_eq!(r.set_collateral(Collateral::Fixed(5)), not_admin());
    assert_eq!(r.set_venues(Vec::new()), not_admin());
    assert_eq!(r.write_off_venue(a.bob), not_admin());
    assert_eq!(r.place_pcv(1, 1), Err(ReactorError::NotTreasury));
    assert_eq!(r.withdraw_pcv(1, 1), Err(ReactorError::NotTreasury));
    assert_eq!(r.propose_admin(Some(a.bob)), Err(AccessError::NotAdmin));
    assert_eq!(r.set_role(Role::Guardian, a.bob, true), Err(AccessError::NotAdmin));
    assert_eq!(r.pause(), Err(AccessError::NotGuardian));
    assert_eq!(r.unpause(), Err(AccessError::NotAdmin));
    assert_eq!(r.get_config(), config(&a));
    assert_eq!(r.get_collateral(), Collateral::Fixed(0));
    assert_eq!(r.set_code_hash(Hash::from([9; 32])), Err(AccessError::NotAdmin));
    assert_eq!(r.upgrade_tasset(Hash::from([9; 32])), Err(ReactorError::Access(AccessError::NotAdmin)));
    assert_eq!(r.set_role(Role::Treasury, a.bob, true), Err(AccessError::NotAdmin));
    assert_eq!(r.roles(), vec![(Role::Admin, a.alice), (Role::Treasury, a.charlie), (Role::LdRecipient, a.django), (Role::TAsset, tasset_id())]);
    let emissions = Emissions { rate: 1, target_ratio: ONE, genesis_multiplier_bps: 10_000, genesis_until: 0 };
    assert_eq!(r.set_emissions(emissions), not_admin());
    assert_eq!(r.fund_emissions(1), Err(ReactorError::NotTreasury));
    assert_eq!((r.emissions.get(), r.emission_budget), (None, 0));
}

#[ink::test]
fn bad_emission_parameters_are_refused_and_change_nothing() {
    let (mut r, a) = reactor();
    let flat = Emissions { rate: 1, target_ratio: 0, genesis_multiplier_bps: 10_000, genesis_until: 0 };
    assert_eq!(r.set_emissions(flat), Err(ReactorError::InvalidConfig));
    assert_eq!(r.emissions.get(), None);
    test::set_caller::<E>(config(&a).treasury);
    assert_eq!(r.fund_emissions(0), Err(ReactorError::ZeroAmount));
    assert_eq!(r.emission_budget, 0);
}

#[ink::test]
fn the_admin_sets_parameters_within_range() {
    let (mut r, a) = reactor();
    let mut bad = config(&a);
    bad.lp_fee_bps = 8_001;
    assert_eq!(r.set_config(bad), Err(ReactorError::InvalidConfig));
    bad = config(&a);
    bad.reserve_bps = 10_001;
    assert_eq!(r.set_config(bad), Err(ReactorError::InvalidConfig));
    assert_eq!(r.get_config(), config(&a));
    let mut good = config(&a);
    good.deposit_cap = 5;
    r.set_config(good).unwrap();
    assert_eq!(r.get_config().deposit_cap, 5);
    r.set_collateral(Collateral::Source(a.bob)).unwrap();
    assert_eq!(r.get_collateral(), Collateral::Source(a.bob));
    let nine = (0..9u8).map(|i| VenueSlot { venue: AccountId::from([i; 32]), weight_bps: 1 }).collect();
    assert_eq!(r.set_venues(nine), Err(ReactorError::InvalidVenues));
    assert_eq!(r.write_off_venue(a.bob), Err(ReactorError::InvalidVenues));
}

#[ink::test]
fn the_treasury_and_ld_recipient_are_re_pointed_never_removed() {
    let (mut r, a) = reactor();
    r.set_role(Role::Treasury, a.bob, true).unwrap();
    r.set_role(Role::LdRecipient, a.eve, true).unwrap();
    assert_eq!((r.get_config().treasury, r.get_config().ld_recipient), (a.bob, a.eve));
    assert_eq!(r.set_role(Role::Treasury, a.bob, false), Err(AccessError::RoleRequired));
    assert_eq!(r.set_role(Role::TAsset, a.bob, true), Err(AccessError::FixedRole));
    assert_eq!(r.set_role(Role::Pricer, a.bob, true), Err(AccessError::UnknownRole));
    assert_eq!(r.set_role(Role::Admin, a.bob, true), Err(AccessError::FixedRole));
    assert_eq!(r.roles(), vec![(Role::Admin, a.alice), (Role::Treasury, a.bob), (Role::LdRecipient, a.eve), (Role::TAsset, tasset_id())]);
    // The old treasury lost its power over PCV.
    test::set_caller::<E>(a.charlie);
    assert_eq!(r.place_pcv(1, 0), Err(ReactorError::NotTreasury));
}

#[ink::test]
fn deposits_refuse_bad_input_before_any_call() {
    let (mut r, a) = reactor();
    assert_eq!(r.deposit(0), Err(ReactorError::ZeroAmount));
    assert_eq!(r.deposit(1_000_001), Err(ReactorError::CapExceeded));
    // Everything lost: NAV now is 0.
    r.supply = 100;
    assert_eq!(r.deposit(1), Err(ReactorError::Insolvent));
    r.supply = 0;
    r.set_role(Role::Guardian, a.bob, true).unwrap();
    test::set_caller::<E>(a.bob);
    r.pause().unwrap();
    assert_eq!(r.deposit(1), Err(ReactorError::Access(AccessError::Paused)));
    assert_eq!(r.state().supply, 0);
}

#[ink::test]
fn requests_mature_next_cycle_or_one_later_when_a_rollover_is_due() {
    let (mut r, a) = reactor();
    give(&mut r, a.bob, 100);
    assert_eq!(r.request_withdrawal(1), Err(ReactorError::InsufficientBalance));
    test::set_caller::<E>(a.bob);
    assert_eq!(r.request_withdrawal(101), Err(ReactorError::InsufficientBalance));
    assert_eq!(r.request_withdrawal(60), Ok(1));
    assert_eq!(r.queued(1), 60);
    // Replacing moves the request; the boundary has passed without a rollover: +2.
    test::set_block_timestamp::<E>(GENESIS + WEEK + DAY);
    assert_eq!(r.request_withdrawal(40), Ok(2));
    assert_eq!((r.queued(1), r.queued(2)), (0, 40));
    assert_eq!(r.holder(a.bob).map(|h| (h.request, h.maturity)), Ok((40, 2)));
    // Cancelling.
    assert_eq!(r.request_withdrawal(0), Ok(0));
    assert_eq!(r.queued(2), 0);
}

#[ink::test]
fn withdrawals_wait_for_maturity_and_stay_within_the_request() {
    let (mut r, a) = reactor();
    give(&mut r, a.bob, 100);
    test::set_caller::<E>(a.bob);
    assert_eq!(r.withdraw(0), Err(ReactorError::ZeroAmount));
    assert_eq!(r.withdraw(10), Err(ReactorError::NotMatured));
    r.request_withdrawal(50).unwrap();
    assert_eq!(r.withdraw(10), Err(ReactorError::NotMatured));
    test::set_block_timestamp::<E>(GENESIS + WEEK);
    assert_eq!(r.rollover(), Ok(1));
    assert_eq!(r.state().matured, 50);
    assert_eq!(r.state().nav, ONE);
    assert_eq!(r.withdraw(51), Err(ReactorError::ExceedsRequest));
}

#[ink::test]
fn one_rollover_catches_up_and_a_second_in_the_same_cycle_is_refused() {
    let (mut r, a) = reactor();
    give(&mut r, a.bob, 100);
    test::set_caller::<E>(a.bob);
    assert_eq!(r.rollover(), Err(ReactorError::Cycle(CycleError::TooEarly)));
    r.request_withdrawal(30).unwrap();
    test::set_block_timestamp::<E>(GENESIS + 3 * WEEK + DAY);
    assert_eq!(r.rollover(), Ok(3));
    assert_eq!(r.state().cycle, 3);
    assert_eq!(r.state().next_rollover_ms, GENESIS + 4 * WEEK);
    assert_eq!((r.state().matured, r.queued(1)), (30, 0));
    assert_eq!(r.rollover(), Err(ReactorError::Cycle(CycleError::TooEarly)));
}

#[ink::test]
fn a_rollover_before_genesis_is_refused() {
    let (mut r, _) = reactor();
    test::set_block_timestamp::<E>(GENESIS - 1);
    assert_eq!(r.rollover(), Err(ReactorError::Cycle(CycleError::BeforeGenesis)));
}

#[ink::test]
fn the_hook_accepts_only_the_tasset_shrinks_requests_and_settles_fees() {
    let (mut r, a) = reactor();
    give(&mut r, a.bob, 100);
    test::set_caller::<E>(a.bob);
    r.request_withdrawal(80).unwrap();
    r.fee_index = Pair { asset: ONE, pairing: 0 };
    assert_eq!(r.before_tasset_transfer(a.bob, a.charlie, 50, 100, 0), Err(TransferHookError::UnknownToken));
    test::set_caller::<E>(tasset_id());
    assert_eq!(r.before_tasset_transfer(a.bob, a.charlie, 50, 100, 0), Ok(()));
    let bob = r.holder(a.bob).unwrap();
    assert_eq!((bob.balance, bob.request, bob.maturity, bob.owed.asset), (50, 50, 1, 100));
    assert_eq!(r.queued(1), 50);
    let charlie = r.holder(a.charlie).unwrap();
    assert_eq!((charlie.balance, charlie.request, charlie.owed.asset), (50, 0, 0));
    // The receiver earns from now on only.
    r.fee_index = Pair { asset: 2 * ONE, pairing: 0 };
    assert_eq!(r.holder(a.charlie).unwrap().owed.asset, 50);
    assert_eq!(r.holder(a.bob).unwrap().owed.asset, 150);
    // More than the sender holds is refused (the tAsset checks first anyway).
    assert_eq!(r.before_tasset_transfer(a.bob, a.charlie, 51, 50, 50), Err(TransferHookError::Rejected));
}

#[ink::test]
fn nothing_to_claim_pays_nothing() {
    let (mut r, a) = reactor();
    test::set_caller::<E>(a.bob);
    assert_eq!(r.claim_fees(), Ok(Pair::default()));
}
