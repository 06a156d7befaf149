//! Liquidity directors in the real WASM: TOKE staked in a reactor collateralizes and steers its
//! deployment (votes across the AMM and pricer venues), emissions are split by the asset:TOKE
//! balance, vesting grants unlock on schedule, and a pricer quotes against reactor inventory.

use laas_e2e_tests::suite::{Suite, E18, WEEK_MS};
use laas_e2e_tests::{args, args::Bytes, args::Raw, ink_id, Address};
use laas_math::{mul_div, Rounding::Down};
use laas_traits::{StakeError, VenueError};
use ld_staking::ld_staking::{Pool, Position};
use psp22::PSP22Error;
use reactor::reactor::{Deployed, Emitted, FeesDistributed, ReactorError};
use venue_pricer::venue_pricer::{Owner, Traded};

const PCV_TOKE: u128 = 400_000 * E18;

/// A reactor with LD staking, PCV and LPs' deposits.
fn directed(deposits: &[(&str, u128)]) -> (Suite, Vec<Address>) {
    directed_with(Suite::new(1, 0), deposits)
}

/// [`directed`] on a given suite (a genesis reactor's, for instance).
fn directed_with(mut s: Suite, deposits: &[(&str, u128)]) -> (Suite, Vec<Address>) {
    s.add_staking();
    s.place_pcv(PCV_TOKE);
    let mut lps = Vec::new();
    for (name, amount) in deposits {
        let lp = s.chain.user(name);
        s.mint_weth(&lp, *amount);
        s.deposit(&lp, *amount).unwrap();
        lps.push(lp);
    }
    (s, lps)
}

fn pool(s: &mut Suite) -> Pool {
    let (staking, reactor) = (s.staking.clone().unwrap(), s.reactor.clone());
    let p: Option<Pool> = s.chain.query(&staking, "get_pool", &args![reactor]);
    p.unwrap()
}

fn position(s: &mut Suite, ld: &Address) -> Position {
    let (staking, reactor) = (s.staking.clone().unwrap(), s.reactor.clone());
    let p: Result<Position, StakeError> = s.chain.query(&staking, "position", &args![ld, reactor]);
    p.unwrap()
}

/// Equal to within one part in 10^15: amounts priced at a TWAP (a geometric mean, exact to
/// about 1e-18).
fn close(a: u128, b: u128) -> bool {
    a.abs_diff(b) <= b / 1_000_000_000_000_000
}

fn votes(s: &mut Suite) -> Vec<(ink::primitives::AccountId, u128)> {
    pool(s).votes
}

fn twap(s: &mut Suite) -> u128 {
    let venue = s.venues[0].clone();
    let t: Result<u128, VenueError> = s.chain.query(&venue, "Venue::twap", &args![]);
    t.unwrap()
}

/// The spec's emission split (SPEC §3.4), written out: `(lp, ld)` of `offered` at `r` (1e18).
fn spec_split(offered: u128, r: u128) -> (u128, u128) {
    let target = E18;
    let sum = r + target;
    let effective = mul_div(offered, 2 * r.min(target), sum, Down).unwrap();
    (mul_div(effective, r, sum, Down).unwrap(), mul_div(effective, target, sum, Down).unwrap())
}

fn set_emissions(s: &mut Suite, rate: u128, multiplier_bps: u32, until: u32) {
    let e = format!("Emissions {{ rate: {rate}, target_ratio: {E18}, genesis_multiplier_bps: {multiplier_bps}, genesis_until: {until} }}");
    s.admin_call("set_emissions", args![Raw(e)]).unwrap();
}

fn fund_emissions(s: &mut Suite, amount: u128) {
    let (treasury, reactor) = (s.treasury.clone(), s.reactor.clone());
    s.give_toke(&treasury, amount);
    let r: Result<(), ReactorError> = s.chain.call(&treasury, &reactor, "fund_emissions", &args![amount]);
    r.unwrap();
}

#[test]
fn lds_vote_70_30_and_the_next_rollover_deploys_so_stake_changes_rescale_and_unstaking_waits() {
    let (mut s, _) = directed(&[("lp", 40 * E18)]);
    let quoter = s.chain.user("pricer");
    s.add_pricer(&quoter);
    s.set_venue_weights(&[10_000, 0]);
    let (amm, pricer, reactor, keeper) = (s.venues[0].clone(), s.venues[1].clone(), s.reactor.clone(), s.chain.user("keeper"));
    let (ld1, ld2) = (s.chain.user("ld-1"), s.chain.user("ld-2"));

    s.stake(&ld1, 100_000 * E18).unwrap();
    assert_eq!(s.vote(&ld1, &[(0, 7_000), (1, 3_000)]), Ok(()));
    assert_eq!(votes(&mut s), vec![(ink_id(&amm), 70_000 * E18), (ink_id(&pricer), 30_000 * E18)]);

    // 40 WETH supplied, 5% buffer: 38 deployed (the stake allows 100), 70/30 by the vote.
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let deployed: Vec<Deployed> = s.chain.events(&reactor);
    let moved: Vec<(ink::primitives::AccountId, u128, u128)> = deployed.iter().map(|d| (d.venue, d.amounts.asset, d.amounts.pairing)).collect();
    let expected = [(ink_id(&amm), 26_600_000_000_000_000_000, 53_200 * E18), (ink_id(&pricer), 11_400_000_000_000_000_000, 22_800 * E18)];
    assert_eq!(moved.len(), 2);
    for ((venue, asset, toke), (v, a, t)) in moved.iter().zip(expected) {
        // The pricer prices at the AMM's TWAP, a geometric mean read to about 1e-18.
        assert!((*venue, *asset) == (v, a) && close(*toke, t), "{moved:?}");
    }

    // ld-1 doubles its stake: its vote follows. ld-2 puts 200,000 all on the pricer.
    s.stake(&ld1, 100_000 * E18).unwrap();
    assert_eq!(votes(&mut s), vec![(ink_id(&amm), 140_000 * E18), (ink_id(&pricer), 60_000 * E18)]);
    s.stake(&ld2, 200_000 * E18).unwrap();
    s.vote(&ld2, &[(1, 10_000)]).unwrap();
    assert_eq!(votes(&mut s), vec![(ink_id(&amm), 140_000 * E18), (ink_id(&pricer), 260_000 * E18)]);
    // The next rollover moves liquidity to 35/65.
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let inventory: (u128, u128) = s.chain.query(&pricer, "inventory", &args![]);
    assert!(inventory.0.abs_diff(24_700_000_000_000_000_000) < E18 / 1_000, "pricer holds 65% of 38 WETH: {inventory:?}");

    // Unstaking follows the reactor's epochs; requested stake stops voting at once.
    let before = s.chain.block();
    s.chain.next_block();
    let staking = s.staking.clone().unwrap();
    let maturity: Result<u32, StakeError> = s.chain.call(&ld1, &staking, "request_unstake", &args![reactor, 50_000 * E18]);
    assert_eq!(maturity, Ok(3));
    let early: Result<(), StakeError> = s.chain.call(&ld1, &staking, "unstake", &args![reactor, 50_000 * E18]);
    assert_eq!(early, Err(StakeError::NotMatured));
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let r: Result<(), StakeError> = s.chain.call(&ld1, &staking, "unstake", &args![reactor, 50_000 * E18]);
    assert_eq!(r, Ok(()));
    let toke = s.toke.clone();
    assert_eq!(s.balance(&toke, &ld1), 50_000 * E18);
    assert_eq!(votes(&mut s), vec![(ink_id(&amm), 105_000 * E18), (ink_id(&pricer), 245_000 * E18)]);
    s.chain.next_block();
    let past: Result<u128, StakeError> = s.chain.query(&staking, "get_past_stake", &args![ld1, before]);
    assert_eq!(past, Ok(200_000 * E18));
    let now: u128 = s.chain.query(&staking, "get_stake", &args![ld1]);
    assert_eq!(now, 150_000 * E18);
    // Votes must name the reactor's venues, once, summing to 100%.
    assert_eq!(s.vote(&ld2, &[(0, 5_000)]), Err(StakeError::InvalidAllocation));
    let weth = s.weth.clone();
    let r: Result<(), StakeError> = s.chain.call(&ld2, &staking, "vote", &args![reactor, Raw(format!("[({weth}, 10000)])"))]);
    assert_eq!(r, Err(StakeError::InvalidAllocation));
}

#[test]
fn a_reactor_created_without_the_genesis_flag_refuses_accelerated_emissions() {
    let (mut s, _) = directed(&[]);
    let reactor = s.reactor.clone();
    let is_genesis: bool = s.chain.query(&reactor, "is_genesis", &args![]);
    assert!(!is_genesis);
    let accelerated = format!("Emissions {{ rate: {E18}, target_ratio: {E18}, genesis_multiplier_bps: 20000, genesis_until: 10 }}");
    assert_eq!(s.admin_call("set_emissions", args![Raw(accelerated)]), Err(ReactorError::NotGenesis));
    // 1x is allowed on any reactor.
    set_emissions(&mut s, E18, 10_000, 10);
}

#[test]
fn emissions_follow_the_asset_toke_balance_and_the_rest_stays_budgeted() {
    let (mut s, lps) = directed_with(Suite::genesis(1, 0), &[("lp", 40 * E18)]);
    let (ld, keeper, reactor) = (s.chain.user("ld"), s.chain.user("keeper"), s.reactor.clone());
    let rate = 1_000 * E18;
    set_emissions(&mut s, rate, 10_000, 0);
    fund_emissions(&mut s, 10_000 * E18);
    s.stake(&ld, 20_000 * E18).unwrap();
    // The first rollover closes an epoch through which nothing was held or staked: nothing is
    // emitted, the whole offer stays budgeted.
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let emitted = s.chain.events::<Emitted>(&reactor).remove(0);
    assert_eq!((emitted.offered, emitted.lp, emitted.ld, emitted.budget), (rate, 0, 0, 10_000 * E18));

    let supply = 40 * E18;
    let (mut lp_index, mut budget, mut ld_owed) = (0u128, 10_000 * E18, 0u128);
    // The balance is read from what was held and staked through the closing epoch (a stake
    // added during it collateralizes at once but moves the balance only from the next):
    // asset-heavy (10 WETH of stake for 40 of LP assets), balanced (40:40), then TOKE-heavy
    // (160:40).
    for stake_to_add in [60_000 * E18, 240_000 * E18, 0] {
        let eligible = pool(&mut s).total;
        if stake_to_add > 0 {
            s.stake(&ld, stake_to_add).unwrap();
        }
        s.to_next_cycle();
        let price = twap(&mut s);
        let r = mul_div(mul_div(eligible, E18, price, Down).unwrap(), E18, supply, Down).unwrap();
        let (lp, ld_part) = spec_split(rate, r);
        s.rollover(&keeper).unwrap();
        let emitted = s.chain.events::<Emitted>(&reactor).remove(0);
        assert_eq!((emitted.offered, emitted.lp, emitted.ld), (rate, lp, ld_part), "r = {r}");
        budget -= lp + ld_part;
        assert_eq!(emitted.budget, budget);
        lp_index += mul_div(lp, E18, supply, Down).unwrap();
        ld_owed += mul_div(eligible, mul_div(ld_part, E18, eligible, Down).unwrap(), E18, Down).unwrap();
        if eligible == 80_000 * E18 {
            assert_eq!((lp, ld_part), (rate / 2, rate / 2), "balanced: everything, half and half");
        } else {
            assert!(lp + ld_part < rate, "unbalanced: less is emitted");
        }
    }
    assert_eq!(s.state().emission_budget, budget);
    // The LP's and the LD's rewards are exactly their index shares.
    assert_eq!(s.position(&lps[0]).owed_pairing, mul_div(supply, lp_index, E18, Down).unwrap());
    assert_eq!(position(&mut s, &ld).owed.1, ld_owed);
    let staking = s.staking.clone().unwrap();
    let claimed: Result<(u128, u128), StakeError> = s.chain.call(&ld, &staking, "claim", &args![reactor]);
    assert_eq!(claimed, Ok((0, ld_owed)));

    // A genesis reactor's multiplier doubles the next cycle's emission, then it is over.
    let is_genesis: bool = s.chain.query(&reactor, "is_genesis", &args![]);
    assert!(is_genesis);
    let cycle = s.state().cycle;
    set_emissions(&mut s, rate, 20_000, cycle + 1);
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.chain.events::<Emitted>(&reactor)[0].offered, 2 * rate);
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.chain.events::<Emitted>(&reactor)[0].offered, rate);
}

#[test]
fn tassets_sent_mid_epoch_earn_nothing_for_it_on_either_side() {
    let (mut s, lps) = directed(&[("lp-1", 30 * E18), ("lp-2", 10 * E18)]);
    let (ld, keeper, reactor, tasset) = (s.chain.user("ld"), s.chain.user("keeper"), s.reactor.clone(), s.tasset.clone());
    set_emissions(&mut s, 1_000 * E18, 10_000, 0);
    fund_emissions(&mut s, 10_000 * E18);
    s.stake(&ld, 80_000 * E18).unwrap();
    // Epoch 1 opens with all 40 tWETH held through it.
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.books().eligible, 40 * E18);
    // Mid-epoch, lp-1 sends half its tWETH to lp-3: those 15 earn nothing for this epoch,
    // neither for lp-1 nor for lp-3.
    s.chain.advance_time(3 * 24 * 3_600_000);
    let lp3 = s.chain.user("lp-3");
    let r: Result<(), PSP22Error> = s.chain.call(&lps[0], &tasset, "PSP22::transfer", &args![lp3, 15 * E18, Bytes(&[])]);
    r.unwrap();
    assert_eq!(s.books().eligible, 25 * E18);
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let first = s.chain.events::<Emitted>(&reactor)[0].lp;
    // Epoch 2: everyone held throughout.
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let second = s.chain.events::<Emitted>(&reactor)[0].lp;

    let index = |emitted: u128, eligible: u128| mul_div(emitted, E18, eligible, Down).unwrap();
    let earned = |balance: u128, growth: u128| mul_div(balance, growth, E18, Down).unwrap();
    let (i1, i2) = (index(first, 25 * E18), index(second, 40 * E18));
    assert_eq!(s.position(&lps[0]).owed_pairing, earned(15 * E18, i1) + earned(15 * E18, i2));
    assert_eq!(s.position(&lps[1]).owed_pairing, earned(10 * E18, i1) + earned(10 * E18, i2));
    assert_eq!(s.position(&lp3).owed_pairing, earned(15 * E18, i2));
}

#[test]
fn vesting_grants_unlock_nothing_before_the_cliff_then_by_interval_then_everything() {
    let (mut s, _) = directed(&[]);
    let (admin, depositor, member, keeper) = (s.admin.clone(), s.chain.user("depositor"), s.chain.user("member"), s.chain.user("keeper"));
    let (staking, reactor, toke) = (s.staking.clone().unwrap(), s.reactor.clone(), s.toke.clone());
    let schedule = Raw(format!("Schedule {{ cliff_ms: {}, duration_ms: {}, interval_ms: {} }}", 4 * WEEK_MS, 12 * WEEK_MS, 2 * WEEK_MS));
    let id: Result<u32, StakeError> = s.chain.call(&admin, &staking, "create_schedule", &args![schedule]);
    assert_eq!(id, Ok(0));
    let r: Result<(), StakeError> = s.chain.call(&member, &staking, "stake_vesting", &args![member, reactor, 1u128, 0u32]);
    assert_eq!(r, Err(StakeError::NotDepositor));
    let r: Result<(), laas_traits::AccessError> =
        s.chain.call(&admin, &staking, "AccessControl::set_role", &args![Raw(String::from("Depositor")), depositor, true]);
    r.unwrap();
    s.give_toke(&depositor, 12_000 * E18);
    s.approve(&depositor, &toke, &staking);
    let r: Result<(), StakeError> = s.chain.call(&depositor, &staking, "stake_vesting", &args![member, reactor, 12_000 * E18, 0u32]);
    r.unwrap();
    let start = position(&mut s, &member).grant.unwrap().start_ms;
    let vested = |s: &mut Suite| -> u128 {
        let v: Result<(u128, u128), StakeError> = s.chain.query(&staking, "vested", &args![member, reactor]);
        v.unwrap().0
    };
    let unstake = |s: &mut Suite, amount: u128| -> Result<(), StakeError> { s.chain.call(&member, &staking, "unstake", &args![reactor, amount]) };
    let travel_to = |s: &mut Suite, t: u64| {
        let now = s.chain.now_ms();
        s.chain.advance_time(t - now);
        let _ = s.rollover(&keeper);
    };

    assert_eq!(vested(&mut s), 0);
    let r: Result<u32, StakeError> = s.chain.call(&member, &staking, "request_unstake", &args![reactor, 12_000 * E18]);
    r.unwrap();
    travel_to(&mut s, start + 4 * WEEK_MS - 1);
    assert_eq!(vested(&mut s), 0);
    assert_eq!(unstake(&mut s, E18), Err(StakeError::Vesting));
    travel_to(&mut s, start + 4 * WEEK_MS);
    assert_eq!(vested(&mut s), 4_000 * E18);
    assert_eq!(unstake(&mut s, 4_000 * E18), Ok(()));
    assert_eq!(unstake(&mut s, 1), Err(StakeError::Vesting));
    travel_to(&mut s, start + 7 * WEEK_MS);
    assert_eq!(vested(&mut s), 6_000 * E18, "whole two-week intervals only");
    assert_eq!(unstake(&mut s, 2_000 * E18), Ok(()));
    travel_to(&mut s, start + 12 * WEEK_MS);
    assert_eq!(vested(&mut s), 12_000 * E18);
    assert_eq!(unstake(&mut s, 6_000 * E18), Ok(()));
    assert_eq!(s.balance(&toke, &member), 12_000 * E18);
}

#[test]
fn a_pricer_trades_reactor_inventory_at_valid_quotes_only() {
    let mut s = Suite::new(1, 10_000_000 * E18);
    let quoter = s.chain.user("pricer");
    let venue = s.add_pricer(&quoter);
    s.set_venue_weights(&[5_000, 5_000]);
    s.place_pcv(PCV_TOKE);
    let lp = s.chain.user("lp");
    s.mint_weth(&lp, 40 * E18);
    s.deposit(&lp, 40 * E18).unwrap();
    let (keeper, reactor, admin) = (s.chain.user("keeper"), s.reactor.clone(), s.admin.clone());
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let inventory: (u128, u128) = s.chain.query(&venue, "inventory", &args![]);
    assert!(inventory.0 == 19 * E18 && close(inventory.1, 38_000 * E18), "{inventory:?}");

    // Trades of at most `size` each, 6 WETH in all over the quote's life.
    let post = |s: &mut Suite, who: &Address, bid: u128, ask: u128, size: u128, expiry: u64| -> Result<(), VenueError> {
        s.chain.call(who, &venue, "post_quote", &args![bid, ask, size, 6 * E18, expiry])
    };
    let stranger = s.chain.user("stranger");
    let expiry = s.chain.now_ms() + 3_600_000;
    assert_eq!(post(&mut s, &stranger, 1_990 * E18, 2_010 * E18, 5 * E18, expiry), Err(VenueError::NotPricer));
    assert_eq!(post(&mut s, &quoter, 1_900 * E18, 2_010 * E18, 5 * E18, expiry), Err(VenueError::PriceDeviation));
    // Both sides above mid (the inventory would sell below what it buys at): refused.
    assert_eq!(post(&mut s, &quoter, 2_001 * E18, 2_010 * E18, 5 * E18, expiry), Err(VenueError::PriceDeviation));
    // Only the reactor puts inventory in: anyone else could swap at the TWAP for free.
    let r: Result<(u128, u128), VenueError> = s.chain.call(&stranger, &venue, "Venue::deploy", &args![E18, 0u128]);
    assert_eq!(r, Err(VenueError::NotReactor));
    assert_eq!(post(&mut s, &quoter, 1_990 * E18, 2_010 * E18, 5 * E18, expiry), Ok(()));

    let trader = s.trader("trader", 10 * E18, 100_000 * E18);
    let (weth, toke) = (s.weth.clone(), s.toke.clone());
    s.approve(&trader, &weth, &venue);
    s.approve(&trader, &toke, &venue);
    let swap = |s: &mut Suite, asset_in: bool, amount: u128| -> Result<u128, VenueError> {
        s.chain.call(&trader, &venue, "swap", &args![asset_in, amount, 0u128, u64::MAX])
    };
    // Selling 2 WETH at 1,990 and buying 2 back at 2,010: 20 TOKE of spread each way.
    assert_eq!(swap(&mut s, true, 2 * E18), Ok(3_980 * E18));
    assert_eq!(s.chain.events::<Traded>(&venue)[0].spread, 20 * E18);
    assert_eq!(swap(&mut s, false, 4_020 * E18), Ok(2 * E18));
    assert_eq!(swap(&mut s, true, 6 * E18), Err(VenueError::TooLarge));
    // 4 of the quote's 6 WETH are used: a 3-WETH trade is refused, however many trades it
    // would take.
    assert_eq!(swap(&mut s, true, 3 * E18), Err(VenueError::QuoteSpent));
    let quote: Option<venue_pricer::quote::Quote> = s.chain.query(&venue, "get_quote", &args![]);
    assert_eq!(quote.map(|q| q.remaining), Some(2 * E18));
    // The pricer withdraws the quote (a stranger cannot); then no trade is made until it
    // posts again.
    let cancel = |s: &mut Suite, who: &Address| -> Result<(), VenueError> { s.chain.call(who, &venue, "cancel_quote", &args![]) };
    assert_eq!(cancel(&mut s, &stranger), Err(VenueError::NotPricer));
    assert_eq!(cancel(&mut s, &quoter), Ok(()));
    assert_eq!(swap(&mut s, true, E18), Err(VenueError::NoQuote));
    assert_eq!(cancel(&mut s, &quoter), Err(VenueError::NoQuote));
    // A new quote starts a new total; buying counts against it as selling does.
    assert_eq!(post(&mut s, &quoter, 1_990 * E18, 2_010 * E18, 5 * E18, expiry), Ok(()));
    let quote: Option<venue_pricer::quote::Quote> = s.chain.query(&venue, "get_quote", &args![]);
    assert_eq!(quote.map(|q| q.remaining), Some(6 * E18));
    assert_eq!(swap(&mut s, false, 8_040 * E18), Ok(4 * E18));
    assert_eq!(swap(&mut s, false, 6_030 * E18), Err(VenueError::QuoteSpent));
    assert_eq!(swap(&mut s, true, 4 * E18), Err(VenueError::QuoteSpent));
    assert_eq!(swap(&mut s, true, 2 * E18), Ok(3_980 * E18));
    let pricer_owed: u128 = s.chain.query(&venue, "pricer_owed", &args![quoter]);
    assert_eq!(pricer_owed, 30 * E18, "30% of 100 TOKE: 20 + 20 + 40 + 20");
    // The other 70% is the owners' by share: the reactor holds all 38 (WETH-valued) shares.
    let per_share = |owners: u128| mul_div(owners * E18, E18, 38 * E18, Down).unwrap();
    let owner_fees = mul_div(38 * E18, 3 * per_share(14) + per_share(28), E18, Down).unwrap();
    let owner: Result<Owner, VenueError> = s.chain.query(&venue, "owner", &args![reactor]);
    assert_eq!(owner.unwrap().owed, owner_fees);
    // The AMM's price moves 3% and its TWAP follows within the window: the standing quote no
    // longer straddles mid and no trade can use it, though it has not expired.
    let amm = s.venues[0].clone();
    let r: Result<u128, VenueError> = s.chain.call(&trader, &amm, "swap", &args![false, 4_000 * E18, 0u128, u64::MAX]);
    r.unwrap();
    s.chain.advance_time(20 * 60_000);
    assert_eq!(swap(&mut s, true, E18), Err(VenueError::PriceDeviation));
    // Later still, the quote expires.
    s.chain.advance_time(3_600_001);
    assert_eq!(swap(&mut s, true, E18), Err(VenueError::QuoteExpired));

    // Governance replaces the pricer: the quote is dropped, the old pricer keeps its earnings.
    let successor = s.chain.user("pricer-2");
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &venue, "AccessControl::set_role", &args![Raw(String::from("Pricer")), successor, true]);
    r.unwrap();
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&stranger, &venue, "AccessControl::set_role", &args![Raw(String::from("Pricer")), stranger, true]);
    assert_eq!(r, Err(laas_traits::AccessError::NotAdmin));
    assert_eq!(swap(&mut s, true, E18), Err(VenueError::NoQuote));
    let expiry = s.chain.now_ms() + 3_600_000;
    assert_eq!(post(&mut s, &quoter, 1_990 * E18, 2_010 * E18, 5 * E18, expiry), Err(VenueError::NotPricer));
    let claimed: Result<u128, VenueError> = s.chain.call(&quoter, &venue, "claim_pricer_share", &args![]);
    assert_eq!(claimed, Ok(30 * E18));
    assert_eq!(s.balance(&toke, &quoter), 30 * E18);

    // The reactor's spread share comes home at the next rollover with the AMM's fees, shared
    // like venue fees.
    let amm_fees: Result<(u128, u128), VenueError> = s.chain.query(&amm, "pending_fees", &args![reactor]);
    let (_, amm_toke) = amm_fees.unwrap();
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let shared = s.chain.events::<FeesDistributed>(&reactor).remove(0);
    assert_eq!(shared.lp.pairing + shared.ld.pairing + shared.treasury.pairing, owner_fees + amm_toke);
}

#[test]
fn with_nobody_staked_the_ld_share_goes_to_the_treasury_and_liquidity_comes_home() {
    let (mut s, _) = directed(&[("lp", 40 * E18)]);
    let (ld, keeper, reactor, venue) = (s.chain.user("ld"), s.chain.user("keeper"), s.reactor.clone(), s.venues[0].clone());
    let staking = s.staking.clone().unwrap();
    s.stake(&ld, 100_000 * E18).unwrap();
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.state().idle.asset, 2 * E18, "38 WETH deployed");
    // The only LD asks to leave: its stake stops counting as collateral at once.
    let r: Result<u32, StakeError> = s.chain.call(&ld, &staking, "request_unstake", &args![reactor, 100_000 * E18]);
    assert_eq!(r, Ok(2));
    let view: laas_traits::StakeView = s.chain.query(&staking, "StakeSource::stake_view", &args![reactor]);
    assert_eq!((view.collateral, view.eligible), (0, 0));
    // Trading earns fees; at the next rollover nobody is staked to receive the LD share.
    let trader = s.trader("trader", 10 * E18, 100_000 * E18);
    let out = s.swap(&trader, 0, true, 2 * E18);
    s.swap(&trader, 0, false, out);
    let (treasury, weth) = (s.treasury.clone(), s.weth.clone());
    let before = s.balance(&weth, &treasury);
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let shared = s.chain.events::<FeesDistributed>(&reactor).remove(0);
    // The LDs' 20% joins the treasury's 10%: 30% of the fees (LPs keep their 70%).
    assert_eq!(shared.ld, reactor::reactor::Pair::default());
    let fees = shared.lp.asset + shared.treasury.asset;
    assert!(shared.treasury.asset * 10 >= fees * 3 - 10 && shared.treasury.asset > 0);
    assert_eq!(s.balance(&weth, &treasury), before + shared.treasury.asset);
    assert_eq!(s.balance(&weth, &staking), 0);
    let r: Result<(), StakeError> = s.chain.call(&ld, &staking, "unstake", &args![reactor, 100_000 * E18]);
    assert_eq!(r, Ok(()));
    // Without collateral nothing stays deployed.
    let left: Result<laas_traits::PositionValue, VenueError> = s.chain.query(&venue, "Venue::position_value", &args![reactor]);
    assert_eq!(left.unwrap().asset, 0);
}

#[test]
fn privileged_staking_messages_refuse_strangers() {
    let (mut s, _) = directed(&[]);
    let (stranger, staking, reactor) = (s.chain.user("stranger"), s.staking.clone().unwrap(), s.reactor.clone());
    let not_admin = Err(StakeError::Access(laas_traits::AccessError::NotAdmin));
    let r: Result<(), StakeError> = s.chain.call(&stranger, &staking, "add_reactor", &args![stranger]);
    assert_eq!(r, not_admin);
    let r: Result<(), laas_traits::AccessError> =
        s.chain.call(&stranger, &staking, "AccessControl::set_role", &args![Raw(String::from("Depositor")), stranger, true]);
    assert_eq!(r, Err(laas_traits::AccessError::NotAdmin));
    let schedule = Raw(String::from("Schedule { cliff_ms: 0, duration_ms: 10, interval_ms: 1 }"));
    let r: Result<u32, StakeError> = s.chain.call(&stranger, &staking, "create_schedule", &args![schedule]);
    assert_eq!(r, Err(StakeError::Access(laas_traits::AccessError::NotAdmin)));
    // Only registered reactors pay rewards; a second registration is refused.
    let r: Result<(), StakeError> = s.chain.call(&stranger, &staking, "StakeSource::roll", &args![1u32, 0u64, 1u128, 1u128]);
    assert_eq!(r, Err(StakeError::UnknownReactor));
    let admin = s.admin.clone();
    let r: Result<(), StakeError> = s.chain.call(&admin, &staking, "add_reactor", &args![reactor]);
    assert_eq!(r, Err(StakeError::AlreadyRegistered));
    // Bad input.
    assert_eq!(s.stake(&stranger, 0), Err(StakeError::ZeroAmount));
    let r: Result<u32, StakeError> = s.chain.call(&stranger, &staking, "request_unstake", &args![reactor, 1u128]);
    assert_eq!(r, Err(StakeError::InsufficientStake));
    let r: Result<(), ReactorError> = {
        let e = format!("Emissions {{ rate: 1, target_ratio: 1, genesis_multiplier_bps: 0, genesis_until: 0 }}");
        s.chain.call(&stranger, &reactor, "set_emissions", &args![Raw(e)])
    };
    assert_eq!(r, Err(ReactorError::Access(laas_traits::AccessError::NotAdmin)));
    let r: Result<(), ReactorError> = s.chain.call(&stranger, &reactor, "fund_emissions", &args![1u128]);
    assert_eq!(r, Err(ReactorError::NotTreasury));
}
