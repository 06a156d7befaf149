//! Exits are never trapped (SPEC §3.3): a matured request's payout is fixed at the rollover that
//! matures it as `request × NAV` in value and paid in kind — the asset, and what the asset
//! cannot cover in TOKE at that rollover's TWAP — set aside at that rollover.
//!
//! Before in-kind payouts, NAV counted the reactor's TOKE at the TWAP but `withdraw` paid only in
//! the asset: once the holdings had moved into TOKE (the asset rising against TOKE, or a whale
//! draining the venue's asset side just before the rollover), the payouts set aside fell short
//! and the last LPs got `InsufficientReserve` until the treasury acted. In both stories below
//! every LP asks for everything and every LP leaves with full value at the struck NAV.

use laas_e2e_tests::suite::{Suite, E18, WINDOW_MS};
use laas_e2e_tests::{args, Address};
use laas_math::{mul_fixed, ratio_fixed, Rounding};
use laas_traits::VenueError;
use reactor::reactor::RolledOver;
use tasset::tasset::EpochOpened;
use venue_amm::venue_amm::Reserves;

const PLENTY_OF_STAKE: u128 = 10_000_000 * E18;
const PCV_TOKE: u128 = 400_000 * E18;
const DEPOSITS: [(&str, u128); 3] = [("lp-1", 40 * E18), ("lp-2", 35 * E18), ("lp-3", 25 * E18)];

/// Three LPs' 100 WETH deployed into the venue beside the treasury's PCV.
fn deployed() -> (Suite, Vec<Address>, Address) {
    let mut s = Suite::new(1, PLENTY_OF_STAKE);
    s.place_pcv(PCV_TOKE);
    let mut lps = Vec::new();
    for (name, amount) in DEPOSITS {
        let lp = s.chain.user(name);
        s.mint_weth(&lp, amount);
        assert_eq!(s.deposit(&lp, amount), Ok(amount));
        lps.push(lp);
    }
    let keeper = s.chain.user("keeper");
    s.to_next_cycle();
    s.rollover(&keeper).expect("first rollover deploys");
    assert!(s.state().idle.asset < 10 * E18, "nearly everything is in the venue");
    (s, lps, keeper)
}

fn twap(s: &mut Suite) -> u128 {
    let venue = s.venues[0].clone();
    let twap: Result<u128, VenueError> = s.chain.query(&venue, "Venue::twap", &args![]);
    twap.expect("twap")
}

/// Every LP asked for everything; after the rollover that matured it, each withdraws it all
/// and is paid `request × NAV` in value at that rollover's TWAP: the asset, and TOKE for the
/// rest. Returns the TOKE paid in all.
fn everyone_leaves_whole(s: &mut Suite, lps: &[Address], twap_at_rollover: u128) -> u128 {
    let nav = s.chain.events::<RolledOver>(&s.reactor.clone()).remove(0).nav;
    let opened = s.chain.events::<EpochOpened>(&s.tasset.clone()).remove(0);
    assert_eq!(opened.matured, 100 * E18);
    let mut toke_paid = 0;
    for (lp, (name, amount)) in lps.iter().zip(DEPOSITS) {
        let position = s.position(lp);
        assert!(position.matured, "{name}");
        let (weth_before, toke_before) = (s.balance(&s.weth.clone(), lp), s.balance(&s.toke.clone(), lp));
        let paid = s.withdraw(lp, amount);
        let (asset, toke) = paid.unwrap_or_else(|e| panic!("{name} cannot leave: {e:?}"));
        assert_eq!((asset, toke), (position.payout, position.payout_pairing), "{name}: as the position said");
        assert_eq!(s.balance(&s.weth.clone(), lp) - weth_before, asset);
        assert_eq!(s.balance(&s.toke.clone(), lp) - toke_before, toke);
        // Full value at the struck NAV, the TOKE at the rollover's TWAP (rounding: a few units).
        let value = asset + ratio_fixed(toke, twap_at_rollover, Rounding::Down).unwrap();
        let owed = mul_fixed(amount, nav, Rounding::Down).unwrap();
        assert!(value <= owed && owed - value <= 1_000, "{name}: paid {value} of {owed}");
        toke_paid += toke;
        assert_eq!(s.balance(&s.tasset.clone(), lp), 0);
    }
    let books = s.books();
    assert_eq!((books.supply, books.matured, books.payouts_due, books.payouts_due_pairing), (0, 0, 0, 0));
    toke_paid
}

#[test]
fn the_asset_quadruples_against_toke_and_every_lp_still_leaves_with_full_value() {
    let (mut s, lps, keeper) = deployed();
    // WETH goes from 2,000 to about 8,000 TOKE: a buyer doubles the venue's TOKE side (and so
    // halves its WETH), and the price holds for longer than the TWAP's window.
    let venue = s.venues[0].clone();
    let before: Reserves = s.chain.query(&venue, "reserves", &args![]);
    let buyer = s.trader("buyer", E18, 2 * before.pairing);
    s.swap(&buyer, 0, false, before.pairing * 1_003 / 1_000);
    s.chain.advance_time(2 * WINDOW_MS);
    s.swap(&buyer, 0, false, E18);
    let price = twap(&mut s);
    assert!(price > 7_500 * E18 && price < 8_500 * E18, "TWAP {price}");

    for (lp, (_, amount)) in lps.iter().zip(DEPOSITS) {
        s.request(lp, amount).expect("request everything");
    }
    s.to_next_cycle();
    let price = twap(&mut s);
    s.rollover(&keeper).expect("rollover");
    // The venue position came back half in TOKE: the asset cannot cover 100 WETH.
    let opened = s.chain.events::<EpochOpened>(&s.tasset.clone()).remove(0);
    assert!(opened.payout.0 < 100 * E18 && opened.payout.1 > 0, "paid partly in TOKE: {:?}", opened.payout);
    let toke_paid = everyone_leaves_whole(&mut s, &lps, price);
    assert_eq!(toke_paid, opened.payout.1);
}

#[test]
fn a_whale_drains_the_asset_side_before_the_rollover_and_every_lp_still_leaves_with_full_value() {
    let (mut s, lps, keeper) = deployed();
    for (lp, (_, amount)) in lps.iter().zip(DEPOSITS) {
        s.request(lp, amount).expect("request everything");
    }
    s.to_next_cycle();
    // In the rollover's block a whale buys most of the venue's WETH: the TWAP does not move,
    // but every recall returns far less WETH and far more TOKE than it was sized on.
    let price = twap(&mut s);
    let venue = s.venues[0].clone();
    let before: Reserves = s.chain.query(&venue, "reserves", &args![]);
    let whale = s.trader("whale", E18, 10 * before.pairing);
    s.swap(&whale, 0, false, 3 * before.pairing);
    let drained: Reserves = s.chain.query(&venue, "reserves", &args![]);
    assert!(drained.asset < before.asset / 3);
    s.rollover(&keeper).expect("the rollover goes on");
    // Same block, same TWAP (read through the running sum: to about 1e-18).
    assert!(twap(&mut s).abs_diff(price) < price / 1_000_000_000_000_000);
    let opened = s.chain.events::<EpochOpened>(&s.tasset.clone()).remove(0);
    assert!(opened.payout.1 > 0, "paid partly in TOKE: {:?}", opened.payout);
    everyone_leaves_whole(&mut s, &lps, price);
}
