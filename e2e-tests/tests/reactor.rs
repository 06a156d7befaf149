//! Reactors in the real WASM: LPs deposit WETH into the pool (tWETH), the treasury places TOKE
//! as PCV, rollovers take the pool's deposits and deploy them to the AMM venue, collect and
//! share its fees, strike NAV at time-weighted prices and set aside the payouts of the
//! requests they mature.

use laas_e2e_tests::suite::{Suite, E18, LD_FEE_BPS, LP_FEE_BPS, WEEK_MS};
use laas_e2e_tests::{args, args::Bytes, args::Raw, ink_id, Address};
use laas_traits::{AccessError, PoolError, PositionValue, VenueError};
use psp22::PSP22Error;
use reactor::reactor::{Deployed, FeesDistributed, Pair, ReactorError, RolledOver};
use tasset::tasset::{WithdrawalRequested, Withdrawn};
use tasset_factory::tasset_factory::{FactoryError, ReactorEntry};

const PLENTY_OF_STAKE: u128 = 10_000_000 * E18;
const PCV_TOKE: u128 = 400_000 * E18;

/// A suite with one AMM venue, PCV placed, and `deposits` made by named LPs.
fn funded(deposits: &[(&str, u128)]) -> (Suite, Vec<Address>) {
    let mut s = Suite::new(1, PLENTY_OF_STAKE);
    s.place_pcv(PCV_TOKE);
    let mut lps = Vec::new();
    for (name, amount) in deposits {
        let lp = s.chain.user(name);
        s.mint_weth(&lp, *amount);
        assert_eq!(s.deposit(&lp, *amount), Ok(*amount), "1:1 at NAV 1");
        lps.push(lp);
    }
    (s, lps)
}

/// Holdings the reactor will value at a rollover in this block: idle WETH, idle TOKE at the
/// first venue's TWAP, its venue positions at their TWAP-fair value, and the pool's idle and
/// reserved WETH less the payouts it owes (in WETH, and in TOKE not yet set aside).
fn expected_holdings(s: &mut Suite) -> u128 {
    let state = s.state();
    let books = s.books();
    let venue = s.venues[0].clone();
    let twap: Result<u128, VenueError> = s.chain.query(&venue, "Venue::twap", &args![]);
    let twap = twap.unwrap();
    let value = |toke: u128, rounding| laas_math::mul_div(toke, E18, twap, rounding).unwrap();
    let owed = books.payouts_due + value(books.payouts_due_pairing - books.reserved_pairing, laas_math::Rounding::Up);
    let mut holdings = state.idle.asset + value(state.idle.pairing, laas_math::Rounding::Down);
    for venue in s.venues.clone() {
        let v: Result<PositionValue, VenueError> = s.chain.query(&venue, "Venue::position_value", &args![s.reactor.clone()]);
        holdings += v.unwrap().in_asset;
    }
    (holdings + books.idle + books.reserved).saturating_sub(owed)
}

/// Travels to the next cycle and rolls over, checking that the holdings the reactor valued
/// are exactly what the venues and its idle balances say at that moment.
fn roll_at_next_cycle(s: &mut Suite, keeper: &Address) -> RolledOver {
    s.to_next_cycle();
    let expected = expected_holdings(s);
    s.rollover(keeper).unwrap();
    let rolled = s.chain.events::<RolledOver>(&s.reactor.clone()).remove(0);
    assert_eq!(rolled.holdings, expected);
    rolled
}

#[test]
fn the_factory_creates_one_reactor_per_asset_which_runs_its_pool() {
    let mut s = Suite::new(1, PLENTY_OF_STAKE);
    let (factory, admin, weth, toke) = (s.factory.clone(), s.admin.clone(), s.weth.clone(), s.toke.clone());
    let of: Option<ink::primitives::AccountId> = s.chain.query(&factory, "reactor_of", &args![weth]);
    assert_eq!(of, Some(ink_id(&s.reactor)));
    let all: Vec<ReactorEntry> = s.chain.query(&factory, "reactors", &args![]);
    assert_eq!(all, vec![ReactorEntry { asset: ink_id(&weth), reactor: ink_id(&s.reactor), genesis: false }]);
    // The pool (tWETH) takes the asset's metadata and has the reactor as its manager.
    let tasset = s.tasset.clone();
    let symbol: Option<String> = s.chain.query(&tasset, "PSP22Metadata::token_symbol", &args![]);
    let decimals: u8 = s.chain.query(&tasset, "PSP22Metadata::token_decimals", &args![]);
    let roles: Vec<(laas_traits::Role, ink::primitives::AccountId)> = s.chain.query(&tasset, "Roles::roles", &args![]);
    assert_eq!((symbol.as_deref(), decimals, roles), (Some("tWETH"), 18, vec![(laas_traits::Role::Manager, ink_id(&s.reactor))]));
    // A second reactor for the same asset is refused.
    let config = s.config_arg(1);
    let again: Result<ink::primitives::AccountId, FactoryError> =
        s.chain.call(&admin, &factory, "create_reactor", &args![weth, toke, Raw(config), true]);
    assert_eq!(again, Err(FactoryError::AlreadyExists));
    let all: Vec<ReactorEntry> = s.chain.query(&factory, "reactors", &args![]);
    assert_eq!(all.len(), 1);
}

#[test]
fn two_lps_earn_their_share_of_venue_fees_and_lds_and_treasury_receive_theirs() {
    let (mut s, lps) = funded(&[("lp-1", 10 * E18), ("lp-2", 30 * E18)]);
    let (anyone, reactor, venue) = (s.chain.user("keeper"), s.reactor.clone(), s.venues[0].clone());

    // First rollover: the pool's 40 WETH come to the reactor, 5% stays idle, 38 WETH are
    // deployed with 76,000 TOKE of PCV.
    s.to_next_cycle();
    assert_eq!(s.rollover(&anyone), Ok(1));
    assert_eq!(s.books().idle, 0);
    let deployed: Vec<Deployed> = s.chain.events(&reactor);
    assert_eq!(deployed.len(), 1);
    assert_eq!(deployed[0].amounts, Pair { asset: 38 * E18, pairing: 76_000 * E18 });
    assert_eq!(s.state().idle, Pair { asset: 2 * E18, pairing: PCV_TOKE - 76_000 * E18 });

    // A trader goes back and forth through the pool.
    let trader = s.trader("trader", 100 * E18, 1_000_000 * E18);
    for _ in 0..10 {
        let toke = s.swap(&trader, 0, true, 2 * E18);
        s.swap(&trader, 0, false, toke);
    }
    let fees: Result<(u128, u128), VenueError> = s.chain.query(&venue, "pending_fees", &args![reactor]);
    let (fee_weth, fee_toke) = fees.unwrap();
    assert!(fee_weth > 0 && fee_toke > 0);

    // Next rollover collects and shares them: 70% LPs, 20% LDs, the rest to the treasury.
    let (ld, treasury, weth, toke) = (s.ld.clone(), s.treasury.clone(), s.weth.clone(), s.toke.clone());
    let treasury_toke = s.balance(&toke, &treasury);
    s.to_next_cycle();
    assert_eq!(s.rollover(&anyone), Ok(2));
    let share = |fee: u128, bps: u16| fee * u128::from(bps) / 10_000;
    let (lp_weth, lp_toke) = (share(fee_weth, LP_FEE_BPS), share(fee_toke, LP_FEE_BPS));
    let (ld_weth, ld_toke) = (share(fee_weth, LD_FEE_BPS), share(fee_toke, LD_FEE_BPS));
    let distributed: Vec<FeesDistributed> = s.chain.events(&reactor);
    assert_eq!(distributed[0].lp, Pair { asset: lp_weth, pairing: lp_toke });
    assert_eq!(distributed[0].ld, Pair { asset: ld_weth, pairing: ld_toke });
    let (tr_weth, tr_toke) = (fee_weth - lp_weth - ld_weth, fee_toke - lp_toke - ld_toke);
    assert_eq!(distributed[0].treasury, Pair { asset: tr_weth, pairing: tr_toke });
    assert_eq!((s.balance(&weth, &ld), s.balance(&toke, &ld)), (ld_weth, ld_toke));
    assert_eq!(s.balance(&weth, &treasury), tr_weth);
    assert_eq!(s.balance(&toke, &treasury), treasury_toke + tr_toke);

    // Each LP's part: its tWETH held through the epoch × (LP share × 1e18 / eligible) / 1e18,
    // rounded down (no emissions are set in this suite).
    let eligible = 40 * E18;
    let index = (lp_weth * E18 / eligible, lp_toke * E18 / eligible);
    for (lp, tokens) in lps.iter().zip([10 * E18, 30 * E18]) {
        let position = s.position(lp);
        let owed = (position.owed_asset, position.owed_pairing);
        assert_eq!(owed, (tokens * index.0 / E18, tokens * index.1 / E18));
        let before = s.balance(&weth, lp);
        assert_eq!(s.claim(lp), Ok(owed));
        assert_eq!(s.balance(&weth, lp), before + owed.0);
        assert_eq!(s.balance(&toke, lp), owed.1);
        assert_eq!((s.position(lp).owed_asset, s.position(lp).owed_pairing), (0, 0));
    }
}

#[test]
fn a_withdrawal_waits_for_its_epoch_and_a_transfer_shrinks_the_request() {
    let (mut s, lps) = funded(&[("lp-1", 10 * E18), ("lp-2", 10 * E18)]);
    let (lp1, lp2, keeper) = (lps[0].clone(), lps[1].clone(), s.chain.user("keeper"));
    let (weth, tasset) = (s.weth.clone(), s.tasset.clone());
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();

    // Requested in epoch 1: matures at 2; not before.
    assert_eq!(s.request(&lp1, 4 * E18), Ok(2));
    assert_eq!(s.withdraw(&lp1, 4 * E18), Err(PoolError::NotMatured));
    s.to_next_cycle();
    assert_eq!(s.withdraw(&lp1, 4 * E18), Err(PoolError::NotMatured), "the boundary alone is not enough");
    // Requested after the boundary but before the rollover: one epoch later (3).
    assert_eq!(s.request(&lp2, 5 * E18), Ok(3));
    s.rollover(&keeper).unwrap();
    // The rollover set the 4 WETH aside in the pool, and kept its buffer idle.
    assert_eq!((s.books().reserved, s.books().payouts_due), (4 * E18, 4 * E18));
    assert!(s.state().idle.asset >= E18 * 8 / 10);
    assert_eq!(s.withdraw(&lp1, 5 * E18), Err(PoolError::ExceedsRequest));
    assert_eq!(s.withdraw(&lp1, 4 * E18), Ok((4 * E18, 0)));
    let withdrawn: Vec<Withdrawn> = s.chain.events(&tasset);
    assert_eq!((withdrawn[0].burnt, withdrawn[0].paid), (4 * E18, 4 * E18));
    assert_eq!(s.balance(&weth, &lp1), 4 * E18);
    assert_eq!(s.balance(&tasset, &lp1), 6 * E18);
    assert_eq!(s.withdraw(&lp2, 5 * E18), Err(PoolError::NotMatured));
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.withdraw(&lp2, 5 * E18), Ok((5 * E18, 0)));

    // lp-1 asks for all 6, then sends 4 tWETH away: the request shrinks to the 2 it keeps.
    let maturity = s.request(&lp1, 6 * E18).unwrap();
    let friend = s.chain.user("friend");
    let r: Result<(), PSP22Error> = s.chain.call(&lp1, &tasset, "PSP22::transfer", &args![friend, 4 * E18, Bytes(&[])]);
    r.unwrap();
    let shrunk: Vec<WithdrawalRequested> = s.chain.events(&tasset);
    assert_eq!((shrunk[0].amount, shrunk[0].maturity), (2 * E18, maturity));
    assert_eq!((s.position(&lp1).request, s.position(&lp1).balance), (2 * E18, 2 * E18));
    assert_eq!(s.position(&friend).balance, 4 * E18);
    assert_eq!(s.books().maturing, 2 * E18);
}

#[test]
fn pcv_absorbs_impermanent_loss_until_it_is_exhausted_then_nav_haircuts_exits_and_entries() {
    let (mut s, lps) = funded(&[("lp-1", 40 * E18)]);
    let (lp, keeper, reactor) = (lps[0].clone(), s.chain.user("keeper"), s.reactor.clone());
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let start = s.chain.events::<RolledOver>(&reactor)[0].holdings;
    assert_eq!(start, 40 * E18 + PCV_TOKE / 2_000, "LP WETH plus PCV TOKE at 2,000");

    // WETH quadruples against TOKE: the position loses, PCV pays, LPs keep NAV 1.
    let whale = s.trader("whale", E18, 5_000_000 * E18);
    s.swap(&whale, 0, false, 277_000 * E18);
    let rolled = roll_at_next_cycle(&mut s, &keeper);
    assert!(rolled.holdings < start && rolled.holdings > 40 * E18, "a loss, absorbed by PCV");
    assert_eq!(rolled.nav, E18);

    // Much further: PCV is gone and NAV falls below 1.
    s.swap(&whale, 0, false, 1_500_000 * E18);
    let rolled = roll_at_next_cycle(&mut s, &keeper);
    assert!(rolled.holdings < 40 * E18);
    assert_eq!(rolled.nav, rolled.holdings * E18 / (40 * E18));
    let nav = rolled.nav;

    // An exit pays the haircut of the strike that matured it…
    s.request(&lp, 10 * E18).unwrap();
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let struck = s.state().nav;
    assert!(struck < E18 && struck.abs_diff(nav) < E18 / 1_000);
    assert_eq!(s.position(&lp).payout, 10 * E18 * struck / E18);
    assert_eq!(s.withdraw(&lp, 10 * E18), Ok((10 * E18 * struck / E18, 0)));
    // …and new money mints at that strike, so it does not pay for the old loss.
    let newcomer = s.chain.user("newcomer");
    s.mint_weth(&newcomer, 10 * E18);
    assert_eq!(s.deposit(&newcomer, 10 * E18), Ok(10 * E18 * E18 / struck));

    // Should a venue fail for good, the admin writes it off: it leaves the books.
    let (admin, venue) = (s.admin.clone(), s.venues[0].clone());
    let r: Result<(), ReactorError> = s.chain.call(&admin, &reactor, "write_off_venue", &args![venue]);
    assert_eq!(r, Ok(()));
    let venues: Vec<reactor::reactor::VenueSlot> = s.chain.query(&reactor, "get_venues", &args![]);
    assert!(venues.is_empty());
}

#[test]
fn a_pool_pushed_off_its_twap_before_the_rollover_cannot_delay_matured_exits() {
    let (mut s, lps) = funded(&[("lp-1", 40 * E18)]);
    let (lp, keeper, reactor) = (lps[0].clone(), s.chain.user("keeper"), s.reactor.clone());
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.request(&lp, 30 * E18), Ok(2));
    s.to_next_cycle();
    // Right before the rollover, in its block, someone drains a fifth of the pool's WETH: the
    // TWAP does not move, so the recall sized on it returns less WETH than it counted on.
    let whale = s.trader("whale", E18, 100_000 * E18);
    s.swap(&whale, 0, false, 70_000 * E18);
    s.rollover(&keeper).unwrap();
    let recalled: Vec<reactor::reactor::Recalled> = s.chain.events(&reactor);
    assert_eq!(recalled.len(), 2, "the sized recall, then the rest of the position");
    assert_eq!(s.withdraw(&lp, 30 * E18), Ok((30 * E18, 0)));
}

#[test]
fn a_venue_emptied_by_the_sized_recall_is_not_asked_again() {
    let (mut s, lps) = funded(&[("lp-1", 40 * E18)]);
    let (lp, keeper, reactor) = (lps[0].clone(), s.chain.user("keeper"), s.reactor.clone());
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.request(&lp, 40 * E18), Ok(2));
    // The LD stake is gone: nothing may stay deployed, so the sized recall takes the whole
    // position. A drained pool pays less WETH than counted on; TOKE at the TWAP makes up the
    // rest of the payout (tests/exits.rs).
    s.admin_call("set_collateral", args![Raw(String::from("Fixed(0)"))]).unwrap();
    s.to_next_cycle();
    let whale = s.trader("whale", E18, 100_000 * E18);
    s.swap(&whale, 0, false, 70_000 * E18);
    s.rollover(&keeper).unwrap();
    let recalled: Vec<reactor::reactor::Recalled> = s.chain.events(&reactor);
    let skipped: Vec<reactor::reactor::VenueSkipped> = s.chain.events(&reactor);
    assert_eq!((recalled.len(), skipped.len()), (1, 0), "one recall, no second call to an empty venue");
    let (paid, paid_toke) = s.withdraw(&lp, 40 * E18).expect("the exit is whole, in kind");
    assert!(paid < 40 * E18 && paid_toke > 0);
}

#[test]
fn missed_cycles_are_caught_up_by_one_rollover_and_a_second_is_refused() {
    let (mut s, lps) = funded(&[("lp-1", 10 * E18)]);
    let keeper = s.chain.user("keeper");
    assert_eq!(s.rollover(&keeper), Err(ReactorError::Cycle(laas_cycles::CycleError::TooEarly)));
    s.request(&lps[0], 3 * E18).unwrap();
    s.chain.advance_time(3 * WEEK_MS + WEEK_MS / 2);
    assert_eq!(s.rollover(&keeper), Ok(3));
    assert_eq!((s.state().epoch, s.books().matured), (1, 3 * E18), "one epoch, however many cycles");
    assert_eq!(s.rollover(&keeper), Err(ReactorError::Cycle(laas_cycles::CycleError::TooEarly)));
    let state = s.state();
    assert_eq!(state.cycle, 3);
    let schedule: laas_cycles::Schedule = s.chain.query(&s.reactor.clone(), "schedule", &args![]);
    assert_eq!(state.next_rollover_ms, schedule.genesis_ms + 4 * WEEK_MS, "on the schedule, no drift");
    assert_eq!(s.withdraw(&lps[0], 3 * E18), Ok((3 * E18, 0)));
}

#[test]
fn an_unbalanced_reactor_deploys_only_what_ld_stake_collateralizes() {
    let (mut s, _) = funded(&[("lp-1", 40 * E18)]);
    // 20,000 TOKE staked = 10 WETH at 2,000; ×2 collateral: at most 20 WETH deployed.
    s.admin_call("set_collateral", args![Raw(format!("Fixed({})", 20_000 * E18))]).unwrap();
    let keeper = s.chain.user("keeper");
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let deployed: Vec<Deployed> = s.chain.events(&s.reactor.clone());
    assert_eq!(deployed[0].amounts.asset, 20 * E18);
    assert_eq!(s.state().idle.asset, 20 * E18);
}

#[test]
fn privileged_messages_refuse_strangers_and_bad_input_changes_nothing() {
    let (mut s, lps) = funded(&[("lp-1", 10 * E18)]);
    let (stranger, reactor, factory, lp) = (s.chain.user("stranger"), s.reactor.clone(), s.factory.clone(), lps[0].clone());
    let not_admin = Err(ReactorError::Access(AccessError::NotAdmin));
    let config = s.config_arg(1);
    let venue = s.venues[0].clone();
    let calls: Vec<(&str, Vec<String>)> = vec![
        ("set_config", args![Raw(config.clone())]),
        ("set_collateral", args![Raw(String::from("Fixed(1)"))]),
        ("set_venues", args![Raw(String::from("[]"))]),
    ];
    for (message, a) in calls {
        let r: Result<(), ReactorError> = s.chain.call(&stranger, &reactor, message, &a);
        assert_eq!(r, not_admin, "{message}");
    }
    for message in ["place_pcv", "withdraw_pcv"] {
        let r: Result<(), ReactorError> = s.chain.call(&stranger, &reactor, message, &args![1u128, 1u128]);
        assert_eq!(r, Err(ReactorError::NotTreasury), "{message}");
    }
    let r: Result<(), AccessError> = s.chain.call(&stranger, &reactor, "AccessControl::propose_admin", &args![Some(stranger.clone())]);
    assert_eq!(r, Err(AccessError::NotAdmin));
    let r: Result<(), AccessError> = s.chain.call(&stranger, &reactor, "AccessControl::pause", &args![]);
    assert_eq!(r, Err(AccessError::NotGuardian));
    let (weth, toke) = (s.weth.clone(), s.toke.clone());
    let r: Result<ink::primitives::AccountId, FactoryError> =
        s.chain.call(&stranger, &factory, "create_reactor", &args![toke, weth, Raw(config), false]);
    assert_eq!(r, Err(FactoryError::Access(AccessError::NotAdmin)));
    let hash = format!("0x{}", "11".repeat(32));
    let r: Result<(), FactoryError> = s.chain.call(&stranger, &factory, "set_code_hashes", &args![Raw(hash.clone()), Raw(format!("PoolCode {{ pool: {hash}, books: {hash} }}"))]);
    assert_eq!(r, Err(FactoryError::Access(AccessError::NotAdmin)));
    // Only the reactor runs its pool.
    let rollover = Raw(String::from(
        "Rollover { nav: 1, payout: 0, payout_pairing: 0, funded: 0, funded_pairing: 0, reward_asset: 0, reward_pairing: 0, next_boundary_ms: 0 }",
    ));
    let pool = s.tasset.clone();
    let r: Result<u128, PoolError> = s.chain.call(&stranger, &pool, "ManagedPool::roll", &args![rollover]);
    assert_eq!(r, Err(PoolError::NotManager));

    // Bad input.
    let before = (s.state(), s.books());
    assert_eq!(s.deposit(&lp, 0), Err(PoolError::ZeroAmount));
    assert_eq!(s.deposit(&stranger, 1), Err(PoolError::PSP22(PSP22Error::InsufficientAllowance)));
    assert_eq!(s.deposit(&lp, 1_000_000 * E18), Err(PoolError::CapExceeded));
    assert_eq!(s.request(&lp, 10 * E18 + 1), Err(PoolError::InsufficientBalance));
    assert_eq!(s.withdraw(&lp, 1), Err(PoolError::NotMatured));
    assert_eq!(s.admin_call("set_venues", args![Raw(format!("[VenueSlot {{ venue: {venue}, weight_bps: 10001 }}]"))]), Err(ReactorError::InvalidVenues));
    assert_eq!(s.admin_call("set_venues", args![Raw(format!("[VenueSlot {{ venue: {weth}, weight_bps: 1 }}]"))]), Err(ReactorError::InvalidVenues));
    let treasury = s.treasury.clone();
    let r: Result<(), ReactorError> = s.chain.call(&treasury, &reactor, "withdraw_pcv", &args![11 * E18, 0u128]);
    assert_eq!(r, Err(ReactorError::InsufficientLiquidity));
    let r: Result<(), ReactorError> = s.chain.call(&treasury, &reactor, "withdraw_pcv", &args![0u128, 0u128]);
    assert_eq!(r, Err(ReactorError::ZeroAmount));
    assert_eq!((s.state(), s.books()), before);

    // Once deployed, a venue cannot be dropped while it holds liquidity.
    let keeper = s.chain.user("keeper");
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.admin_call("set_venues", args![Raw(String::from("[]"))]), Err(ReactorError::VenueInUse));
    let r: Result<(), ReactorError> = s.chain.call(&stranger, &reactor, "write_off_venue", &args![venue]);
    assert_eq!(r, not_admin);
    // PCV may leave while LPs stay covered: the 10 tWETH are backed by WETH alone here, so the
    // treasury may take all its idle TOKE back…
    let idle_toke = s.state().idle.pairing;
    let r: Result<(), ReactorError> = s.chain.call(&treasury, &reactor, "withdraw_pcv", &args![0u128, idle_toke]);
    assert_eq!(r, Ok(()));
    // …but not the LPs' idle WETH.
    let idle_weth = s.state().idle.asset;
    let r: Result<(), ReactorError> = s.chain.call(&treasury, &reactor, "withdraw_pcv", &args![idle_weth, 0u128]);
    assert_eq!(r, Err(ReactorError::WouldUncoverLps));
}

#[test]
fn a_pause_stops_deposits_and_deployment_but_not_exits() {
    let (mut s, lps) = funded(&[("lp-1", 10 * E18)]);
    let (lp, keeper, admin, reactor) = (lps[0].clone(), s.chain.user("keeper"), s.admin.clone(), s.reactor.clone());
    s.request(&lp, 2 * E18).unwrap();
    let r: Result<(), AccessError> = s.chain.call(&admin, &reactor, "AccessControl::pause", &args![]);
    r.unwrap();
    assert_eq!(s.deposit(&lp, E18), Err(PoolError::Access(AccessError::Paused)));
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert!(s.chain.events::<Deployed>(&reactor).is_empty(), "nothing deployed while paused");
    assert_eq!(s.withdraw(&lp, 2 * E18), Ok((2 * E18, 0)));
    assert_eq!(s.claim(&lp), Ok((0, 0)));
    assert_eq!(s.books().supply, 8 * E18);
    // Only the admin lifts the pause, for the pool too.
    let r: Result<(), AccessError> = s.chain.call(&admin, &reactor, "AccessControl::unpause", &args![]);
    r.unwrap();
    assert_eq!(s.deposit(&lp, E18), Ok(E18));
}

#[test]
fn a_deploy_pushed_out_of_band_at_the_rollover_is_retried_by_a_keeper_within_the_cycle() {
    let (mut s, _) = funded(&[("lp-1", 40 * E18)]);
    let (keeper, reactor) = (s.chain.user("keeper"), s.reactor.clone());
    let redeploy = |s: &mut Suite| -> Result<(), ReactorError> { s.chain.call(&keeper, &reactor, "redeploy", &args![]) };
    s.to_next_cycle();
    // In the rollover's block a sandwich pushes the venue's spot about 6% off its TWAP: the
    // venue refuses the deploy, and the LPs' WETH stays idle.
    let sandwich = s.trader("sandwich", 10 * E18, 100_000 * E18);
    let toke_out = s.swap(&sandwich, 0, true, 3 * E18);
    s.rollover(&keeper).unwrap();
    let skipped: Vec<reactor::reactor::VenueSkipped> = s.chain.events(&reactor);
    assert_eq!(skipped[0].error, ReactorError::Venue(VenueError::PriceDeviation));
    assert_eq!(s.state().idle.asset, 40 * E18);
    // Retried while the spot is still pushed: refused again, nothing moves.
    s.chain.next_block();
    assert_eq!(redeploy(&mut s), Ok(()));
    assert_eq!(s.chain.events::<reactor::reactor::VenueSkipped>(&reactor).len(), 1);
    assert_eq!(s.state().idle.asset, 40 * E18);
    // The sandwich unwinds; a keeper's retry in the same cycle deploys all but the buffer.
    s.swap(&sandwich, 0, false, toke_out);
    s.chain.next_block();
    assert_eq!(redeploy(&mut s), Ok(()));
    let deployed: Vec<Deployed> = s.chain.events(&reactor);
    assert_eq!(deployed.len(), 1);
    let idle = s.state().idle.asset;
    assert!(idle >= 2 * E18 && idle < 2 * E18 + E18 / 10, "the 5% buffer stays: {idle}");
    // A second retry tops up at most the rounding the venue's spot ratio left idle; the buffer
    // is never deployed.
    s.chain.next_block();
    assert_eq!(redeploy(&mut s), Ok(()));
    let idle = s.state().idle.asset;
    assert!(idle >= 2 * E18 && idle < 2 * E18 + E18 / 1_000, "{idle}");
    // Past the next boundary the rollover deploys, not a retry; nor does a paused reactor.
    s.to_next_cycle();
    assert_eq!(redeploy(&mut s), Err(ReactorError::RolloverDue));
    s.rollover(&keeper).unwrap();
    let admin = s.admin.clone();
    let r: Result<(), AccessError> = s.chain.call(&admin, &reactor, "AccessControl::pause", &args![]);
    r.unwrap();
    assert_eq!(redeploy(&mut s), Err(ReactorError::Access(AccessError::Paused)));
}

#[test]
fn retries_after_the_weights_move_stay_within_what_ld_stake_collateralizes() {
    let mut s = Suite::new(2, PLENTY_OF_STAKE);
    s.place_pcv(PCV_TOKE);
    let lp = s.chain.user("lp-1");
    s.mint_weth(&lp, 40 * E18);
    s.deposit(&lp, 40 * E18).unwrap();
    // 20,000 TOKE staked = 10 WETH at 2,000; ×2 collateral: at most 20 WETH deployed.
    s.admin_call("set_collateral", args![Raw(format!("Fixed({})", 20_000 * E18))]).unwrap();
    let (keeper, reactor) = (s.chain.user("keeper"), s.reactor.clone());
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    assert_eq!(s.state().idle.asset, 20 * E18, "10 + 10 deployed");
    // The weights move to one venue, then to the other; retries never recall, and never take
    // the total past the cap (the venue above its new target still counts).
    for weights in [[10_000u16, 0], [0, 10_000]] {
        s.set_venue_weights(&weights);
        s.chain.next_block();
        let r: Result<(), ReactorError> = s.chain.call(&keeper, &reactor, "redeploy", &args![]);
        assert_eq!(r, Ok(()));
        assert!(s.state().idle.asset >= 20 * E18 - E18 / 1_000, "{}", s.state().idle.asset);
    }
}
