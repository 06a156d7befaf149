//! The pool LPs touch (tWETH) in the real WASM: deposits at the latest strike, payouts fixed by
//! the rollover that matures a request, a mid-cycle loss that nobody can profit from through a
//! stale NAV, requests that expire, deposits for someone else.

use laas_e2e_tests::suite::{Suite, DAY_MS, E18, EXPIRY_EPOCHS, MAX_NAV_AGE_MS};
use laas_e2e_tests::{args, Address};
use laas_traits::PoolError;
use reactor::reactor::{NavStruck, ReactorError};
use tasset::tasset::Deposited;

const PCV_TOKE: u128 = 20_000 * E18;

/// One AMM venue, little PCV (10 WETH's worth), 40 WETH of LPs deployed by a first rollover.
fn deployed() -> (Suite, Vec<Address>) {
    let mut s = Suite::new(1, 10_000_000 * E18);
    s.place_pcv(PCV_TOKE);
    let mut lps = Vec::new();
    for (name, amount) in [("lp-1", 30 * E18), ("lp-2", 10 * E18)] {
        let lp = s.chain.user(name);
        s.mint_weth(&lp, amount);
        s.deposit(&lp, amount).unwrap();
        lps.push(lp);
    }
    let keeper = s.chain.user("keeper");
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    (s, lps)
}

#[test]
fn a_mid_cycle_loss_gives_nobody_value_through_a_stale_nav() {
    let (mut s, lps) = deployed();
    let (keeper, reactor) = (s.chain.user("keeper"), s.reactor.clone());
    // lp-2's request matures at the next rollover, at NAV 1: its payout is fixed then.
    s.request(&lps[1], 10 * E18).unwrap();
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let fixed = s.position(&lps[1]).payout;
    assert_eq!(fixed, 10 * E18);
    // Mid-cycle, WETH soars against TOKE: the venue position loses more than PCV can cover.
    let whale = s.trader("whale", E18, 5_000_000 * E18);
    s.swap(&whale, 0, false, 1_500_000 * E18);
    s.chain.advance_time(DAY_MS / 2);
    let live: Result<u128, ReactorError> = s.chain.query(&reactor, "nav_now", &args![]);
    let live = live.unwrap();
    assert!(live < E18, "the loss is real: {live}");
    // The matured payout is not touched by the loss: lp-2 leaves with exactly what was fixed.
    assert_eq!(s.withdraw(&lps[1], 10 * E18), Ok((fixed, 0)));
    // A keeper strikes NAV: a newcomer now mints at it, not at the stale 1.
    let struck: Result<u128, ReactorError> = s.chain.call(&keeper, &reactor, "strike_nav", &args![]);
    let struck = struck.unwrap();
    assert_eq!(struck, live);
    assert_eq!(s.chain.events::<NavStruck>(&reactor)[0].nav, struck);
    let newcomer = s.chain.user("newcomer");
    s.mint_weth(&newcomer, 20 * E18);
    assert_eq!(s.deposit(&newcomer, 10 * E18), Ok(10 * E18 * E18 / struck));
    // Once that strike is older than a day, NAV below 1 takes a fresh one: otherwise a buyer
    // could mint cheaply at an old low after a recovery.
    s.chain.advance_time(MAX_NAV_AGE_MS + 1);
    assert_eq!(s.deposit(&newcomer, 10 * E18), Err(PoolError::StaleNav));
    let r: Result<u128, ReactorError> = s.chain.call(&keeper, &reactor, "strike_nav", &args![]);
    let fresh = r.unwrap();
    assert_eq!(s.deposit(&newcomer, 10 * E18), Ok(10 * E18 * E18 / fresh));
    // The LPs who stay share the loss pro rata: lp-1's claim is its tWETH at the struck NAV,
    // exactly as the newcomer's is.
    assert_eq!(s.position(&lps[0]).balance, 30 * E18);
}

#[test]
fn a_matured_request_not_taken_expires_and_its_payout_returns_to_the_pool() {
    let (mut s, lps) = deployed();
    let keeper = s.chain.user("keeper");
    s.request(&lps[0], 12 * E18).unwrap();
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!((s.books().matured, s.books().payouts_due), (12 * E18, 12 * E18));
    let eligible = s.books().eligible;
    assert_eq!(eligible, 28 * E18, "matured tAssets share nothing");
    for _ in 0..EXPIRY_EPOCHS - 1 {
        s.to_next_cycle();
        s.rollover(&keeper).unwrap();
    }
    assert_eq!(s.books().expiring, 12 * E18);
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    // Expired: nothing owed any more, the tAssets are lp-1's to keep earning with or to ask
    // for again.
    let position = s.position(&lps[0]);
    assert_eq!((position.request, position.matured, position.balance), (0, false, 30 * E18));
    assert_eq!((s.books().matured, s.books().payouts_due, s.books().reserved), (0, 0, 0));
    assert_eq!(s.books().eligible, 40 * E18);
    assert_eq!(s.withdraw(&lps[0], 12 * E18), Err(PoolError::NotMatured));
}

#[test]
fn a_deposit_for_someone_else_mints_to_them_and_bad_deposits_change_nothing() {
    let (mut s, _) = deployed();
    let (payer, beneficiary, pool) = (s.chain.user("payer"), s.chain.user("beneficiary"), s.tasset.clone());
    s.mint_weth(&payer, 5 * E18);
    let minted: Result<u128, PoolError> = s.chain.call(&payer, &pool, "TAsset::deposit_for", &args![beneficiary, 5 * E18]);
    assert_eq!(minted, Ok(5 * E18));
    let deposited: Vec<Deposited> = s.chain.events(&pool);
    assert_eq!((deposited[0].amount, deposited[0].minted), (5 * E18, 5 * E18));
    assert_eq!((s.position(&beneficiary).balance, s.position(&payer).balance), (5 * E18, 0));
    let books = s.books();
    let r: Result<u128, PoolError> = s.chain.call(&payer, &pool, "TAsset::deposit_for", &args![beneficiary, 0u128]);
    assert_eq!(r, Err(PoolError::ZeroAmount));
    let r: Result<u128, PoolError> = s.chain.call(&payer, &pool, "TAsset::deposit_for", &args![beneficiary, E18]);
    assert!(matches!(r, Err(PoolError::PSP22(_))), "the payer has no WETH left");
    assert_eq!(s.books(), books);
}
