//! Unit tests of the DeGenesis pool, off chain: the stage rules, the rate and the split, the
//! whitelist, and every refusal (all made before a token moves). Deposits, publication and
//! finalisation with tokens run in `e2e-tests/tests/genesis.rs`.

use crate::genesis_pool::*;
use crate::sale::{rate, split, stage, toke_for};
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

/// Two assets (WETH at 2,000, a half-dollar token at 0.5), caps of 10,000 a account and 50,000 in all, a target
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
    ];
    for config in bad {
        assert_eq!(GenesisPool::new(config).err(), Some(GenesisError::InvalidConfig));
    }
    let mut zero_price = config();
    zero_price.sales[1].price = 0;
    assert_eq!(GenesisPool::new(zero_price).err(), Some(GenesisError::InvalidConfig));
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
    // 3 WETH worth 6,000 at 75% and TOKE at 2: 2.25 WETH effective, 2,250 TOKE, 0.75 back.
    let deposit = Deposit { asset: 0, amount: 3 * UNIT, value: 6_000 * UNIT, ..Deposit::default() };
    let parts = split(&deposit, ONE * 3 / 4, 2 * ONE).unwrap();
    assert_eq!((parts.effective, parts.toke, parts.ineffective), (9 * UNIT / 4, 2_250 * UNIT, 3 * UNIT / 4));
}

proptest! {
    #[test]
    fn the_toke_taken_at_publication_covers_every_account(
        values in proptest::collection::vec(1u128..1u128 << 80, 1..20), over in 1u128..=ONE, price in 1u128..1u128 << 70,
    ) {
        let total: u128 = values.iter().sum();
        let taken = toke_for(total, over, price, Rounding::Up).unwrap();
        let owed: u128 = values.iter().map(|v| toke_for(*v, over, price, Rounding::Down).unwrap()).sum();
        prop_assert!(owed <= taken);
        for v in &values {
            let d = Deposit { amount: *v, value: *v, ..Deposit::default() };
            let s = split(&d, over, price).unwrap();
            prop_assert_eq!(s.effective + s.ineffective, *v);
        }
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
    assert_eq!(p.deliver(), Err(GenesisError::NothingPending));
}

#[ink::test]
fn an_account_without_a_deposit_has_nothing_to_withdraw() {
    let mut p = pool();
    as_caller(accounts().bob);
    assert_eq!(p.withdraw(), Err(GenesisError::NothingDeposited));
    at(T0 + 6 * DAY);
    assert_eq!(p.withdraw(), Err(GenesisError::NothingDeposited), "the event is off; still nothing");
}
