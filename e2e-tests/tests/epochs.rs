//! What an audit found, as attacks that must fail: rewards bought at the last minute (a
//! deposit or a stake just before a rollover), and a round trip in one block when a rollover
//! runs late (deposit, request, rollover, withdraw with flash-loan capital; the same for
//! staking). Epochs are rollovers: a request matures at the next epoch, or the one after if a
//! cycle boundary has passed without its rollover, and an epoch's rewards go to what was held
//! through the whole of it.

use laas_e2e_tests::suite::{Suite, E18, WEEK_MS};
use laas_e2e_tests::{args, Address};
use laas_traits::{PoolError, StakeError};
use reactor::reactor::FeesDistributed;

const PCV_TOKE: u128 = 400_000 * E18;

/// A reactor with one AMM venue, LD staking and PCV, an honest LP's 40 WETH held through epoch
/// 1, and a trader who made fees for it during epoch 1.
fn honest_epoch() -> (Suite, Address, Address) {
    let mut s = Suite::new(1, 0);
    s.add_staking();
    s.place_pcv(PCV_TOKE);
    let (lp, ld, keeper) = (s.chain.user("lp"), s.chain.user("ld"), s.chain.user("keeper"));
    s.mint_weth(&lp, 40 * E18);
    s.deposit(&lp, 40 * E18).unwrap();
    s.stake(&ld, 100_000 * E18).unwrap();
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let trader = s.trader("trader", 100 * E18, 1_000_000 * E18);
    for _ in 0..5 {
        let toke = s.swap(&trader, 0, true, 2 * E18);
        s.swap(&trader, 0, false, toke);
    }
    (s, lp, ld)
}

#[test]
fn a_deposit_just_before_the_rollover_earns_nothing_of_the_epoch_it_closes() {
    let (mut s, lp, _) = honest_epoch();
    let (reactor, keeper) = (s.reactor.clone(), s.chain.user("keeper"));
    // At the boundary a sniper deposits ten times the pool, in the rollover's own block.
    s.to_next_cycle();
    let sniper = s.chain.user("sniper");
    s.mint_weth(&sniper, 400 * E18);
    assert_eq!(s.deposit(&sniper, 400 * E18), Ok(400 * E18));
    s.rollover(&keeper).unwrap();
    let lp_fees = s.chain.events::<FeesDistributed>(&reactor)[0].lp;
    assert!(lp_fees.asset > 0 && lp_fees.pairing > 0);
    // The epoch's fees went to the tAssets held through it: all to the honest LP.
    let honest = s.position(&lp);
    assert_eq!(honest.owed_asset, 40 * E18 * (lp_fees.asset * E18 / (40 * E18)) / E18);
    // (Short of the whole by the index's rounding only: less than one unit per whole tWETH.)
    assert!(honest.owed_asset + 40 >= lp_fees.asset && honest.owed_pairing + 40 >= lp_fees.pairing);
    let sniper_position = s.position(&sniper);
    assert_eq!((sniper_position.owed_asset, sniper_position.owed_pairing), (0, 0));
    assert_eq!(s.claim(&sniper), Ok((0, 0)));
    // From the next epoch on the newcomer shares like anyone.
    assert_eq!(s.books().eligible, 440 * E18);
}

#[test]
fn a_stake_just_before_the_rollover_earns_nothing_of_the_epoch_it_closes() {
    let (mut s, _, ld) = honest_epoch();
    let (staking, reactor, keeper) = (s.staking.clone().unwrap(), s.reactor.clone(), s.chain.user("keeper"));
    s.to_next_cycle();
    let sniper = s.chain.user("stake-sniper");
    s.stake(&sniper, 1_000_000 * E18).unwrap();
    s.rollover(&keeper).unwrap();
    let ld_fees = s.chain.events::<FeesDistributed>(&reactor)[0].ld;
    assert!(ld_fees.asset > 0);
    let position = |s: &mut Suite, who: &Address| -> ld_staking::ld_staking::Position {
        let p: Result<ld_staking::ld_staking::Position, StakeError> = s.chain.query(&staking, "position", &args![who, reactor]);
        p.unwrap()
    };
    // All of the LDs' part to the director who staked through the epoch, none to the sniper.
    let honest = position(&mut s, &ld).owed;
    assert!(honest.0 <= ld_fees.asset && ld_fees.asset - honest.0 < 100_000, "{honest:?} of {ld_fees:?}");
    assert_eq!(position(&mut s, &sniper).owed, (0, 0));
    // The sniper's stake did collateralize at once, and it earns from now on.
    let view: laas_traits::StakeView = s.chain.query(&staking, "StakeSource::stake_view", &args![reactor]);
    assert_eq!((view.collateral, view.eligible), (1_100_000 * E18, 1_100_000 * E18));
}

/// A suite whose rollover is two boundaries late: the clock is in cycle 3, the reactor still in
/// cycle 1 (epoch 1).
fn late_rollover() -> (Suite, Address) {
    let (mut s, _, _) = honest_epoch();
    s.chain.advance_time(2 * WEEK_MS);
    let attacker = s.trader("attacker", 1_000 * E18, 2_000_000 * E18);
    (s, attacker)
}

#[test]
fn in_one_block_a_late_rollover_matures_nothing_requested_in_it() {
    let (mut s, attacker) = late_rollover();
    let keeper = s.chain.user("keeper");
    // Flash-loan sized: deposit, request everything, roll over, withdraw — all in one block.
    assert_eq!(s.deposit(&attacker, 1_000 * E18), Ok(1_000 * E18));
    let epoch = s.state().epoch;
    assert_eq!(s.request(&attacker, 1_000 * E18), Ok(epoch + 2), "a boundary has passed: one more epoch");
    s.rollover(&keeper).unwrap();
    assert_eq!(s.state().epoch, epoch + 1, "a catch-up rollover opens one epoch");
    assert_eq!(s.withdraw(&attacker, 1_000 * E18), Err(PoolError::NotMatured));
    assert_eq!(s.books().matured, 0);
}

#[test]
fn a_standing_matured_request_cannot_carry_new_money_out_in_one_block() {
    let (mut s, lp, _) = honest_epoch();
    let keeper = s.chain.user("keeper");
    // The LP's request of 10 matures at the next rollover.
    s.request(&lp, 10 * E18).unwrap();
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert!(s.position(&lp).matured);
    // Two boundaries later, in one block: a large deposit, a rollover, then a withdrawal of
    // more than the matured request.
    s.chain.advance_time(2 * WEEK_MS);
    s.mint_weth(&lp, 500 * E18);
    s.deposit(&lp, 500 * E18).unwrap();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.withdraw(&lp, 510 * E18), Err(PoolError::ExceedsRequest));
    // The matured request is firm: it cannot be swapped for a bigger one; the new money waits
    // in the queue like anyone's once the matured part is out.
    assert_eq!(s.request(&lp, 510 * E18), Err(PoolError::RequestMatured));
    assert_eq!(s.withdraw(&lp, 10 * E18), Ok((10 * E18, 0)));
    let epoch = s.state().epoch;
    assert_eq!(s.request(&lp, 500 * E18), Ok(epoch + 1));
}

#[test]
fn in_one_block_a_late_rollover_releases_no_stake_requested_in_it() {
    let (mut s, attacker) = late_rollover();
    let (staking, reactor, keeper) = (s.staking.clone().unwrap(), s.reactor.clone(), s.chain.user("keeper"));
    s.stake(&attacker, 500_000 * E18).unwrap();
    let maturity: Result<u32, StakeError> = s.chain.call(&attacker, &staking, "request_unstake", &args![reactor, 500_000 * E18]);
    let epoch = s.state().epoch;
    assert_eq!(maturity, Ok(epoch + 2));
    s.rollover(&keeper).unwrap();
    let r: Result<(), StakeError> = s.chain.call(&attacker, &staking, "unstake", &args![reactor, 500_000 * E18]);
    assert_eq!(r, Err(StakeError::NotMatured));
    // The next rollover releases it.
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let r: Result<(), StakeError> = s.chain.call(&attacker, &staking, "unstake", &args![reactor, 500_000 * E18]);
    assert_eq!(r, Ok(()));
}
