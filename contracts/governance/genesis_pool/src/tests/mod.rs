//! Unit tests of the DeGenesis pool, off chain: the stage rules, the rate and the split, the
//! whitelist, and every refusal (all made before a token moves). Deposits, publication and
//! finalisation with tokens run in `e2e-tests/tests/genesis.rs`.

use crate::genesis_pool::*;
use crate::sale::{rate, rate_agrees, split, stage, toke_for};
use ink::env::test;
use ink::env::DefaultEnvironment as E;
use ink::primitives::AccountId;
use laas_math::{Rounding, ONE};
use proptest::prelude::*;

const DAY: u64 = 86_400_000;
const T0: u64 = 10 * DAY;
const UNIT: u128 = 1_000_000_000_000_000_000;

fn accounts() -> test::DefaultAccounts<E> {
    test::default_accounts::<E>()
}

fn at(ms: u64) {
    test::set_block_timestamp::<E>(ms);
}

fn as_caller(account: AccountId) {
    test::set_caller::<E>(account);
}

fn blake2(input: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(input, &mut out);
    out
}

/// The whitelist: bob, charlie, django.
fn tree() -> laas_merkle::Tree {
    let a = accounts();
    laas_merkle::Tree::build(&[*a.bob.as_ref(), *a.charlie.as_ref(), *a.django.as_ref()], blake2)
}

fn proof(index: usize) -> Vec<[u8; 32]> {
    tree().proof(index).expect("listed")
}

/// Two assets (WETH at 2,000, a half-dollar token at 0.5), caps of 10,000 an account and 50,000 in all, a target
/// of 30,000; deposits for 3 days, publication within 2 more, a day's last look.
fn config() -> Config {
    let a = accounts();
    let sale = |asset: AccountId, price: u128| Sale { asset, price, reactor: a.frank, tasset: a.frank };
    Config {
        toke: a.eve,
        treasury: a.alice,
        sales: vec![sale(AccountId::from([0x11; 32]), 2_000 * ONE), sale(AccountId::from([0x12; 32]), ONE / 2)],
        root: tree().root(),
        account_cap: 10_000 * UNIT,
        total_cap: 50_000 * UNIT,
        target: 30_000 * UNIT,
        deposits_end_ms: T0 + 3 * DAY,
        publish_by_ms: T0 + 5 * DAY,
        last_look_ms: DAY,
        delivery: Delivery::Liquid,
    }
}

fn pool() -> GenesisPool {
    at(T0);
    as_caller(accounts().alice);
    GenesisPool::new(config()).expect("valid")
}

/// Books `account`'s deposit as `deposit` does after its checks (the transfer is the
/// scenario's).
fn book(pool: &mut GenesisPool, account: AccountId, asset: u8, amount: u128, value: u128) {
    pool.deposits.insert(account, &Deposit { asset, amount, value, ..Deposit::default() });
    pool.total += value;
}

#[ink::test]
fn a_config_out_of_range_is_refused() {
    at(T0);
    let bad = [
        Config { sales: vec![], ..config() },
        Config { sales: vec![config().sales[0]; MAX_ASSETS + 1], ..config() },
        Config { account_cap: 60_000 * UNIT, ..config() },
        Config { target: 0, ..config() },
        Config { deposits_end_ms: T0, ..config() },
        Config { publish_by_ms: T0 + DAY, ..config() },
        Config { publish_by_ms: T0 + 3 * DAY, ..config() },
        Config { last_look_ms: 0, ..config() },
        Config { last_look_ms: MAX_LAST_LOOK_MS + 1, ..config() },
        Config { sales: vec![config().sales[0], config().sales[0]], ..config() },
        Config { sales: vec![Sale { asset: accounts().eve, ..config().sales[0] }], ..config() },
    ];
    for config in bad {
        assert_eq!(GenesisPool::new(config).err(), Some(GenesisError::InvalidConfig));
    }
    let mut zero_price = config();
    zero_price.sales[1].price = 0;
    assert_eq!(GenesisPool::new(zero_price).err(), Some(GenesisError::InvalidConfig));
    assert!(GenesisPool::new(Config { last_look_ms: MAX_LAST_LOOK_MS, ..config() }).is_ok(), "the bounds themselves");
}

#[test]
fn the_stages_follow_the_deadlines_the_cap_and_publication() {
    let c = config();
    let terms = Published { price: ONE, over: ONE, at_ms: T0 + 4 * DAY };
    assert_eq!(stage(&c, None, false, T0), Stage::Deposits);
    assert_eq!(stage(&c, None, true, T0), Stage::AwaitingPublication, "the cap closes deposits");
    assert_eq!(stage(&c, None, false, T0 + 3 * DAY), Stage::AwaitingPublication);
    assert_eq!(stage(&c, None, false, T0 + 5 * DAY), Stage::AwaitingPublication);
    assert_eq!(stage(&c, None, false, T0 + 5 * DAY + 1), Stage::Aborted);
    assert_eq!(stage(&c, Some(&terms), false, T0 + 5 * DAY - 1), Stage::LastLook);
    assert_eq!(stage(&c, Some(&terms), false, T0 + 5 * DAY), Stage::Final);
}

#[test]
fn the_rate_scales_an_oversubscribed_event_and_each_deposit_splits_by_it() {
    assert_eq!(rate(30_000 * UNIT, 40_000 * UNIT), Ok(ONE * 3 / 4));
    assert_eq!(rate(30_000 * UNIT, 20_000 * UNIT), Ok(ONE), "undersubscribed: everything buys TOKE");
    assert_eq!(rate(30_000 * UNIT, 0), Err(GenesisError::NothingDeposited));
    assert_eq!(rate(u128::MAX, 1), Ok(ONE), "a tiny total against a huge target does not overflow");
    // 3 WETH worth 6,000 at 75% and TOKE at 2: 2.25 WETH effective, 2,250 TOKE, 0.75 back.
    let deposit = Deposit { asset: 0, amount: 3 * UNIT, value: 6_000 * UNIT, ..Deposit::default() };
    let parts = split(&deposit, ONE * 3 / 4, 2 * ONE).unwrap();
    assert_eq!((parts.effective, parts.toke, parts.ineffective), (9 * UNIT / 4, 2_250 * UNIT, 3 * UNIT / 4));
}

#[test]
fn a_dust_deposit_whose_effective_part_rounds_to_nothing_buys_no_toke() {
    // One smallest unit of an asset worth 3,000 per unit (value 3,000) at 75%: nothing of it
    // goes to the treasury, so nothing of the TOKE may go to the account.
    let dust = Deposit { asset: 0, amount: 1, value: 3_000, ..Deposit::default() };
    let parts = split(&dust, ONE * 3 / 4, 1).unwrap();
    assert_eq!((parts.effective, parts.toke, parts.ineffective), (0, 0, 1));
    // Three units: two effective, worth 2,000, buying 2,000 at a price of one.
    let small = Deposit { amount: 3, value: 9_000, ..dust };
    assert_eq!(split(&small, ONE * 3 / 4, ONE).map(|p| (p.effective, p.toke)), Ok((2, 6_000)));
}

#[test]
fn the_organisers_rate_may_be_off_by_one_percent_at_most() {
    let expected = ONE * 3 / 4;
    assert_eq!(rate_agrees(expected, expected), Ok(true));
    assert_eq!(rate_agrees(expected + expected / 100, expected), Ok(true));
    assert_eq!(rate_agrees(expected - expected / 100, expected), Ok(true));
    assert_eq!(rate_agrees(expected + expected / 100 + 1, expected), Ok(false));
    assert_eq!(rate_agrees(expected - expected / 100 - 1, expected), Ok(false));
}

proptest! {
    #[test]
    fn the_toke_taken_at_publication_covers_every_account_and_each_buys_at_most_its_share(
        deposits in proptest::collection::vec((1u128..1u128 << 70, 1u128..1u128 << 80), 1..20),
        over in 1u128..=ONE,
        price in 1u128..1u128 << 70,
    ) {
        // Each deposit: an amount and its asset's unit price; its value as `deposit` books it.
        let deposits: Vec<Deposit> = deposits
            .iter()
            .map(|(amount, unit)| Deposit { amount: *amount, value: laas_math::mul_fixed(*amount, *unit, Rounding::Down).unwrap(), ..Deposit::default() })
            .filter(|d| d.value > 0)
            .collect();
        let total: u128 = deposits.iter().map(|d| d.value).sum();
        prop_assume!(total > 0);
        let taken = toke_for(total, over, price, Rounding::Up).unwrap();
        let mut owed = 0u128;
        for d in &deposits {
            let s = split(d, over, price).unwrap();
            prop_assert!(s.effective <= laas_math::mul_fixed(d.amount, over, Rounding::Down).unwrap());
            prop_assert!(s.toke <= toke_for(d.value, over, price, Rounding::Down).unwrap(), "no more than its value's share");
            if s.effective == 0 {
                prop_assert_eq!(s.toke, 0, "nothing paid, nothing bought");
            }
            prop_assert_eq!(s.ineffective, d.amount - s.effective);
            owed += s.toke;
        }
        prop_assert!(owed <= taken);
    }
}

#[ink::test]
fn only_whitelisted_accounts_with_their_proof_deposit() {
    let mut p = pool();
    let a = accounts();
    assert!(p.is_whitelisted(a.bob, proof(0)));
    assert!(!p.is_whitelisted(a.eve, proof(0)), "another's proof");
    as_caller(a.eve);
    assert_eq!(p.deposit(0, UNIT, proof(0)), Err(GenesisError::NotWhitelisted));
    as_caller(a.charlie);
    assert_eq!(p.deposit(0, UNIT, proof(0)), Err(GenesisError::NotWhitelisted), "bob's proof for charlie");
    assert_eq!(p.deposit(2, UNIT, proof(1)), Err(GenesisError::UnknownAsset));
    assert_eq!(p.deposit(0, 0, proof(1)), Err(GenesisError::ZeroAmount));
    assert_eq!(p.deposit(1, 1, proof(1)), Err(GenesisError::ZeroAmount), "worth nothing");
    assert_eq!(p.deposit(0, 6 * UNIT, proof(1)), Err(GenesisError::OverAccountCap { room: 10_000 * UNIT }));
    book(&mut p, a.charlie, 0, 4 * UNIT, 8_000 * UNIT);
    assert_eq!(p.deposit(1, UNIT, vec![]), Err(GenesisError::OtherAsset));
    assert_eq!(p.deposit(0, 2 * UNIT, vec![]), Err(GenesisError::OverAccountCap { room: 2_000 * UNIT }));
    p.total = 49_000 * UNIT;
    as_caller(a.django);
    assert_eq!(p.deposit(1, 4_000 * UNIT, proof(2)), Err(GenesisError::OverTotalCap { room: 1_000 * UNIT }));
    as_caller(a.alice);
    laas_traits::AccessControl::pause(&mut p).unwrap();
    as_caller(a.django);
    assert_eq!(p.deposit(1, UNIT, proof(2)), Err(laas_traits::AccessError::Paused.into()));
    at(T0 + 3 * DAY);
    as_caller(a.alice);
    laas_traits::AccessControl::unpause(&mut p).unwrap();
    as_caller(a.django);
    assert_eq!(p.deposit(1, UNIT, proof(2)), Err(GenesisError::DepositsClosed));
    assert_eq!(p.deposits.get(a.django), None, "nothing changed");
}

#[ink::test]
fn only_the_organiser_publishes_the_rate_the_totals_give_in_time() {
    let mut p = pool();
    let a = accounts();
    book(&mut p, a.bob, 0, 20 * UNIT, 40_000 * UNIT);
    as_caller(a.alice);
    assert_eq!(p.publish(2 * ONE, ONE * 3 / 4), Err(GenesisError::DepositsOpen));
    at(T0 + 3 * DAY);
    as_caller(a.bob);
    assert_eq!(p.publish(2 * ONE, ONE * 3 / 4), Err(laas_traits::AccessError::NotAdmin.into()));
    as_caller(a.alice);
    assert_eq!(p.publish(0, ONE * 3 / 4), Err(GenesisError::InvalidPrice));
    assert_eq!(p.publish(2 * ONE, ONE), Err(GenesisError::WrongRate { expected: ONE * 3 / 4 }));
    assert_eq!(p.published(), None);
    at(T0 + 5 * DAY + 1);
    assert_eq!(p.publish(2 * ONE, ONE * 3 / 4), Err(GenesisError::PublishDeadlinePassed));
    assert_eq!(p.stage(), Some(Stage::Aborted));
    // Published (booked as `publish` does before taking the TOKE): not twice.
    at(T0 + 4 * DAY);
    p.published = Some(Published { price: 2 * ONE, over: ONE * 3 / 4, at_ms: T0 + 4 * DAY });
    assert_eq!(p.publish(2 * ONE, ONE * 3 / 4), Err(GenesisError::AlreadyPublished));
    assert_eq!(p.preview(a.bob).map(|s| s.toke), Some(15_000 * UNIT));
}

#[ink::test]
fn nothing_is_finalised_before_the_last_look_ends_nor_twice_and_nobody_withdraws_after() {
    let mut p = pool();
    let a = accounts();
    book(&mut p, a.bob, 0, 20 * UNIT, 40_000 * UNIT);
    as_caller(a.bob);
    assert_eq!(p.finalize(Choice::Refund), Err(GenesisError::NotFinal));
    p.published = Some(Published { price: 2 * ONE, over: ONE * 3 / 4, at_ms: T0 + 4 * DAY });
    at(T0 + 4 * DAY);
    assert_eq!(p.finalize(Choice::Refund), Err(GenesisError::NotFinal), "the last look is open");
    assert_eq!(p.release_excess(), Err(GenesisError::NotFinal));
    at(T0 + 5 * DAY);
    assert_eq!(p.withdraw(), Err(GenesisError::WithdrawalsClosed));
    as_caller(a.charlie);
    assert_eq!(p.finalize(Choice::Refund), Err(GenesisError::NothingDeposited));
    p.deposits.insert(a.bob, &Deposit { done: true, ..p.deposits.get(a.bob).unwrap() });
    as_caller(a.bob);
    assert_eq!(p.finalize(Choice::Reactor), Err(GenesisError::AlreadyFinalized));
    assert_eq!(p.deliver(false), Err(GenesisError::NothingPending));
    assert_eq!(p.deliver(true), Err(GenesisError::NothingPending), "liquid delivery is only for vested TOKE");
}

#[ink::test]
fn an_account_without_a_deposit_has_nothing_to_withdraw() {
    let mut p = pool();
    as_caller(accounts().bob);
    assert_eq!(p.withdraw(), Err(GenesisError::NothingDeposited));
    at(T0 + 6 * DAY);
    assert_eq!(p.withdraw(), Err(GenesisError::NothingDeposited), "the event is off; still nothing");
}

#[ink::test]
fn pending_vested_toke_is_taken_liquid_only_after_the_schedules_length() {
    let a = accounts();
    at(T0);
    as_caller(a.alice);
    let vested = Delivery::Vested { staking: a.frank, schedule: 0, liquid_after_ms: 360 * DAY };
    let mut p = GenesisPool::new(Config { delivery: vested, ..config() }).expect("valid");
    p.published = Some(Published { price: 2 * ONE, over: ONE, at_ms: T0 + 4 * DAY });
    p.deposits.insert(a.bob, &Deposit { asset: 0, amount: UNIT, value: 2_000 * UNIT, done: true, pending: 1_000 * UNIT });
    p.toke_held = 1_000 * UNIT;
    p.toke_pending = 1_000 * UNIT;
    let at_ms = T0 + 5 * DAY + 360 * DAY;
    at(at_ms - 1);
    as_caller(a.bob);
    assert_eq!(p.deliver(true), Err(GenesisError::TooEarlyForLiquid { at_ms }));
    assert_eq!(p.deposits.get(a.bob).map(|d| d.pending), Some(1_000 * UNIT), "still pending");
    as_caller(a.charlie);
    assert_eq!(p.deliver(true), Err(GenesisError::NothingPending), "only the account's own");
}

#[ink::test]
fn the_code_is_never_replaced_not_even_by_the_organiser() {
    let mut p = pool();
    as_caller(accounts().alice);
    let hash = ink::primitives::Hash::from([7; 32]);
    assert_eq!(laas_traits::AccessControl::set_code_hash(&mut p, hash), Err(laas_traits::AccessError::FixedCode));
}
