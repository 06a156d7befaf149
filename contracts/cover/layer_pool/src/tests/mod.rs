//! Unit tests of the layer pool, off chain: the primary pool is `bob`, shareholders `charlie`
//! and `django`, a stranger `eve`. Token calls cannot run off chain, so the messages that move
//! tokens are exercised in the drink scenarios; here their bookkeeping is, through the
//! messages that move none, and through refusals (which return before any transfer).

use crate::layer_pool::*;
use ink::env::test;
use ink::env::DefaultEnvironment as Env;
use ink::primitives::AccountId;
use laas_traits::{AccessControl, AccessError, CoverLayer};

const HOUR: u64 = 3_600_000;
const PARAMS: LayerParams = LayerParams { cooldown_ms: 7 * 24 * HOUR, withdraw_window_ms: 2 * 24 * HOUR };

fn accounts() -> test::DefaultAccounts<Env> {
    test::default_accounts::<Env>()
}

fn at(ms: u64) {
    test::set_block_timestamp::<Env>(ms);
}

fn as_(who: AccountId) {
    test::set_caller::<Env>(who);
}

/// A junior layer of `bob`'s waterfall with `funds` deposited (booked directly: deposits pull
/// tokens, which only the scenarios can).
fn pool() -> LayerPool {
    let a = accounts();
    at(HOUR);
    as_(a.alice);
    LayerPool::new(a.frank, a.bob, Layer::Junior, HOUR, PARAMS).unwrap()
}

#[ink::test]
fn parameters_are_checked_at_instantiation_and_by_the_admin_only() {
    let a = accounts();
    as_(a.alice);
    assert_eq!(LayerPool::new(a.frank, a.bob, Layer::Junior, 0, PARAMS).err(), Some(LayerError::InvalidParams));
    let no_window = LayerParams { cooldown_ms: 1, withdraw_window_ms: 0 };
    assert_eq!(LayerPool::new(a.frank, a.bob, Layer::Reinsurance, HOUR, no_window).err(), Some(LayerError::InvalidParams));
    let mut p = pool();
    assert_eq!(p.setup(), (a.frank, a.bob, Layer::Junior, HOUR));
    as_(a.eve);
    assert_eq!(p.set_params(PARAMS), Err(LayerError::Access(AccessError::NotAdmin)));
    as_(a.alice);
    assert_eq!(p.set_params(no_window), Err(LayerError::InvalidParams));
    let longer = LayerParams { cooldown_ms: 30 * 24 * HOUR, withdraw_window_ms: HOUR };
    assert_eq!(p.set_params(longer), Ok(()));
    assert_eq!(p.params(), longer);
}

#[ink::test]
fn only_the_primary_pool_underwrites_holds_releases_and_pays() {
    let a = accounts();
    let mut p = pool();
    for who in [a.alice, a.eve, a.charlie] {
        as_(who);
        assert_eq!(p.underwrite(100, 1, 10 * HOUR, 100), Err(LayerError::NotPrimary));
        assert_eq!(p.hold(1), Err(LayerError::NotPrimary));
        assert_eq!(p.release(1), Err(LayerError::NotPrimary));
        assert_eq!(p.pay((0, 0, 0), who, 1), Err(LayerError::NotPrimary));
        assert_eq!(p.recover((0, 0, 0), 1), Err(LayerError::NotPrimary));
    }
    assert_eq!(p.capital().unwrap().exposure, 0);
}

#[ink::test]
fn a_recovery_comes_back_to_the_shareholders() {
    let a = accounts();
    let mut p = pool();
    as_(a.bob);
    assert_eq!(p.recover((0, 2, 110), 0), Err(LayerError::ZeroAmount));
    assert_eq!(p.recover((0, 2, 110), 40), Ok(()));
    assert_eq!(p.recover((0, 2, 110), 2), Ok(()));
    assert_eq!((p.capital().unwrap().funds, p.payouts().recovered), (42, 42));
}

#[ink::test]
fn a_sale_the_capital_cannot_back_is_refused_and_changes_nothing() {
    let a = accounts();
    let mut p = pool();
    as_(a.bob);
    // No capital: a limit of 1,000 cannot be backed (the premium itself is unearned).
    assert_eq!(p.underwrite(1_000, 10, 10 * HOUR, 1_000), Err(LayerError::InsufficientCapital { needed: 1_000, value: 0 }));
    assert_eq!(p.underwrite(0, 10, 10 * HOUR, 1_000), Err(LayerError::ZeroAmount));
    // An end already passed.
    assert_eq!(p.underwrite(1_000, 10, HOUR, 0), Err(LayerError::InvalidParams));
    let c = p.capital().unwrap();
    assert_eq!((c.funds, c.exposure, c.limit), (0, 0, 0));
}

#[ink::test]
fn exposure_within_a_zero_limit_needs_no_capital_and_expires_with_its_bucket() {
    let a = accounts();
    let mut p = pool();
    as_(a.bob);
    // A limit of 0 (the layer not used yet) locks nothing: the sale books the premium.
    assert_eq!(p.underwrite(5_000, 1_000, 10 * HOUR, 0), Ok(()));
    let c = p.capital().unwrap();
    assert_eq!((c.funds, c.unearned, c.exposure, c.locked), (1_000, 1_000, 5_000, 0));
    // Half way the premium is half earned; after the bucket, all of it and no exposure.
    at(HOUR + 9 * HOUR / 2);
    let c = p.capital().unwrap();
    assert_eq!(c.unearned, 500);
    at(11 * HOUR);
    let c = p.capital().unwrap();
    assert_eq!((c.unearned, c.exposure, c.value, c.current), (0, 0, 1_000, true));
}

#[ink::test]
fn held_claims_are_locked_released_only_as_held_and_pause_never_stops_them() {
    let a = accounts();
    let mut p = pool();
    as_(a.bob);
    assert_eq!(p.underwrite(5_000, 2_000, 10 * HOUR, 0), Ok(()));
    at(11 * HOUR);
    as_(a.alice);
    assert_eq!(p.pause(), Ok(()));
    as_(a.bob);
    assert_eq!(p.underwrite(1, 1, 20 * HOUR, 0), Err(LayerError::Access(AccessError::Paused)));
    assert_eq!(p.hold(0), Err(LayerError::ZeroAmount));
    assert_eq!(p.hold(600), Ok(()));
    let c = p.capital().unwrap();
    assert_eq!((c.held, c.value, c.locked), (600, 1_400, 600));
    assert_eq!(p.release(601), Err(LayerError::NotHeld));
    assert_eq!(p.release(100), Ok(()));
    assert_eq!(p.capital().unwrap().held, 500);
    assert_eq!(p.pay((0, 0, 7), a.django, 501), Err(LayerError::NotHeld));
    assert_eq!(p.pay((0, 0, 7), a.django, 0), Err(LayerError::ZeroAmount));
    assert_eq!(p.payouts(), Payouts::default());
}

#[ink::test]
fn shareholders_cannot_request_more_than_they_hold_nor_withdraw_before_the_cooldown() {
    let a = accounts();
    let mut p = pool();
    as_(a.charlie);
    assert_eq!(p.request_withdrawal(0), Err(LayerError::ZeroAmount));
    assert_eq!(p.request_withdrawal(1), Err(LayerError::InsufficientShares));
    assert_eq!(p.withdraw(1), Err(LayerError::CooldownActive { ready_ms: 0 }));
    assert_eq!(p.deposit(0), Err(LayerError::ZeroAmount));
    assert_eq!(p.shareholder(a.charlie), Ok((0, 0, None)));
}
