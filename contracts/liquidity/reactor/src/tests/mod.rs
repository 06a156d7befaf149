//! Unit tests of the reactor (off chain: built in place, no cross-contract calls).

use crate::reactor::*;
use ink::primitives::{AccountId, Hash};
use ink::storage::Lazy;
use laas_access::Access;
use laas_cycles::Schedule;
use laas_math::ONE;
use laas_cycles::CycleError;
use laas_traits::{AccessControl, AccessError, ReactorView, Role, Roles};
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
        max_nav_age_ms: DAY,
        expiry_epochs: 4,
        lp_fee_bps: 7_000,
        ld_fee_bps: 2_000,
        reserve_bps: 500,
        collateral_bps: 20_000,
    }
}

/// A reactor built in place: the constructor's calls to the asset and the pool cannot run off
/// chain, and these tests exercise what happens before any call (the scenarios in
/// `e2e-tests/` run the rest).
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
        epoch: 0,
        nav: ONE,
        struck_ms: GENESIS + DAY,
        idle: Pair::default(),
        config: stored,
        collateral: Lazy::new(),
        venues: Lazy::new(),
        emissions: Lazy::new(),
        emission_budget: 0,
        pcv_flows: Lazy::new(),
        genesis: false,
        singularity: Lazy::new(),
        registry: None,
        access: Access::new(a.alice),
    };
    (r, a)
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
    assert_eq!(r.upgrade_tasset(laas_traits::PoolCode { pool: Hash::from([9; 32]), books: Hash::from([9; 32]) }), Err(ReactorError::Access(AccessError::NotAdmin)));
    assert_eq!(r.set_role(Role::Treasury, a.bob, true), Err(AccessError::NotAdmin));
    assert_eq!(r.roles(), vec![(Role::Admin, a.alice), (Role::Treasury, a.charlie), (Role::LdRecipient, a.django), (Role::Pool, tasset_id())]);
    let emissions = Emissions { rate: 1, target_ratio: ONE, genesis_multiplier_bps: 10_000, genesis_until: 0 };
    assert_eq!(r.set_emissions(emissions), not_admin());
    assert_eq!(r.fund_emissions(1), Err(ReactorError::NotTreasury));
    assert_eq!(r.withdraw_emissions(1), Err(ReactorError::NotTreasury));
    assert_eq!(r.set_singularity_threshold(5_000), not_admin());
    assert_eq!(r.switch_off_lp_emissions(), not_admin());
    assert_eq!((r.emissions.get(), r.emission_budget, r.singularity.get()), (None, 0, None));
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
    r.emission_budget = 500;
    assert_eq!(r.withdraw_emissions(0), Err(ReactorError::ZeroAmount));
    assert_eq!(r.withdraw_emissions(501), Err(ReactorError::InsufficientBudget));
    assert_eq!(r.emission_budget, 500);
}

#[ink::test]
fn the_singularity_threshold_is_a_share_and_switching_off_keeps_it() {
    let (mut r, _) = reactor();
    assert_eq!(r.set_singularity_threshold(0), Err(ReactorError::InvalidConfig));
    assert_eq!(r.set_singularity_threshold(10_001), Err(ReactorError::InvalidConfig));
    assert_eq!(r.singularity.get(), None, "100% until set");
    assert_eq!(r.set_singularity_threshold(9_000), Ok(()));
    assert_eq!(r.singularity.get(), Some((9_000, false)));
    // Once off, a new threshold does not turn the LPs' emissions back on.
    r.singularity.set(&(9_000, true));
    assert_eq!(r.set_singularity_threshold(10_000), Ok(()));
    assert_eq!(r.singularity.get(), Some((10_000, true)));
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
    bad = config(&a);
    bad.expiry_epochs = 0;
    assert_eq!(r.set_config(bad), Err(ReactorError::InvalidConfig));
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
    assert_eq!(r.set_role(Role::Pool, a.bob, true), Err(AccessError::FixedRole));
    assert_eq!(r.set_role(Role::Pricer, a.bob, true), Err(AccessError::UnknownRole));
    assert_eq!(r.set_role(Role::Admin, a.bob, true), Err(AccessError::FixedRole));
    assert_eq!(r.roles(), vec![(Role::Admin, a.alice), (Role::Treasury, a.bob), (Role::LdRecipient, a.eve), (Role::Pool, tasset_id())]);
    // The old treasury lost its power over PCV.
    test::set_caller::<E>(a.charlie);
    assert_eq!(r.place_pcv(1, 0), Err(ReactorError::NotTreasury));
}

#[ink::test]
fn a_rollover_is_refused_before_the_boundary_and_before_genesis() {
    let (mut r, _) = reactor();
    assert_eq!(r.rollover(), Err(ReactorError::Cycle(CycleError::TooEarly)));
    assert_eq!(r.state().cycle, 0);
    test::set_block_timestamp::<E>(GENESIS - 1);
    assert_eq!(r.rollover(), Err(ReactorError::Cycle(CycleError::BeforeGenesis)));
}

#[ink::test]
fn the_epoch_and_the_next_boundary_are_told_to_ld_staking() {
    let (r, a) = reactor();
    assert_eq!(r.epoch_info(), (0, GENESIS + WEEK));
    assert_eq!(r.reactor_asset(), a.eve);
    assert!(r.venue_list().is_empty());
    assert_eq!(r.state().next_rollover_ms, GENESIS + WEEK);
}

#[ink::test]
fn only_the_admin_points_the_reactor_at_a_position_registry() {
    let (mut r, a) = reactor();
    test::set_caller::<E>(a.bob);
    assert_eq!(r.set_role(Role::Registry, a.django, true), Err(AccessError::NotAdmin));
    test::set_caller::<E>(a.alice);
    r.set_role(Role::Registry, a.django, true).expect("admin");
    assert!(r.roles().contains(&(Role::Registry, a.django)));
    assert_eq!(r.set_role(Role::Registry, a.bob, false), Err(AccessError::NotHolder));
    r.set_role(Role::Registry, a.django, false).expect("admin");
    assert!(!r.roles().iter().any(|(role, _)| *role == Role::Registry));
}
