//! The AMM venue in the real WASM: LPs seed a WETH/TOKE pool, traders swap both ways, fees
//! are kept apart for LPs, the TWAP (a geometric mean) follows time, shrugs off a one-block
//! spike and never averages a stale past in, its window cannot outgrow its price history, and a
//! reactor-style deploy is refused while the spot price is pushed away from the TWAP.

use laas_e2e_tests::{args, args::Bytes, args::Raw, Address, Chain};
use laas_traits::{PositionValue, VenueError};
use psp22::PSP22Error;
use venue_amm::venue_amm::{Reserves, Swapped};

const E18: u128 = 1_000_000_000_000_000_000;
const WINDOW_MS: u64 = 600_000; // 10 minutes
const NEVER: u64 = u64::MAX;

struct World {
    chain: Chain,
    weth: Address,
    toke: Address,
    pool: Address,
}

fn world() -> World {
    let mut chain = Chain::new();
    let alice = chain.user("alice");
    let weth = chain.deploy(&alice, "test_asset", "new", &args!["Wrapped Ether", "WETH", 18u8, 0u128], vec![]);
    let toke = chain.deploy(&alice, "toke", "new", &args![alice], vec![]);
    let pool = chain.deploy(&alice, "venue_amm", "new", &args![weth, toke, 30u16, WINDOW_MS, 200u16], vec![]);
    let mut w = World { chain, weth, toke, pool };
    for name in ["alice", "trader", "reactor"] {
        let user = w.chain.user(name);
        w.fund(&user, 1_000 * E18, 2_000_000 * E18);
    }
    w
}

impl World {
    fn fund(&mut self, user: &Address, weth: u128, toke: u128) {
        let alice = self.chain.user("alice");
        let (weth_addr, toke_addr, pool) = (self.weth.clone(), self.toke.clone(), self.pool.clone());
        let r: Result<(), test_asset::test_asset::Error> = self.chain.call(&alice, &weth_addr, "mint", &args![user, weth]);
        r.unwrap();
        let r: Result<(), PSP22Error> = self.chain.call(&alice, &toke_addr, "PSP22::transfer", &args![user, toke, Bytes(&[])]);
        r.unwrap();
        for token in [&weth_addr, &toke_addr] {
            let r: Result<(), PSP22Error> = self.chain.call(user, token, "PSP22::approve", &args![pool, u128::MAX]);
            r.unwrap();
        }
    }
    fn balance(&mut self, token: &Address, who: &Address) -> u128 {
        self.chain.query(token, "PSP22::balance_of", &args![who])
    }
    fn reserves(&mut self) -> Reserves {
        self.chain.query(&self.pool, "reserves", &args![])
    }
    fn swap(&mut self, who: &Address, asset_in: bool, amount: u128, min_out: u128, deadline: u64) -> Result<u128, VenueError> {
        let pool = self.pool.clone();
        self.chain.call(who, &pool, "swap", &args![asset_in, amount, min_out, deadline])
    }
    fn seed(&mut self) -> u128 {
        // The admin (treasury) seeds: 100 WETH against 200,000 TOKE, 1 WETH = 2,000 TOKE.
        let (lp, pool) = (self.chain.user("alice"), self.pool.clone());
        let r: Result<u128, VenueError> = self.chain.call(&lp, &pool, "add_liquidity", &args![100 * E18, 200_000 * E18, 0u128, 0u128, NEVER]);
        r.unwrap()
    }
}

#[test]
fn an_lp_seeds_the_pool_and_a_trader_swaps_both_ways_paying_fees_to_lps() {
    let mut w = world();
    let shares = w.seed();
    // √(100e18 × 200,000e18) − 1,000 locked.
    let expected_total = laas_math::sqrt_mul(100 * E18, 200_000 * E18);
    assert_eq!(shares, expected_total - 1_000);
    let (lp, trader, pool) = (w.chain.user("alice"), w.chain.user("trader"), w.pool.clone());

    // The trader sells 1 WETH: the fee (0.3%) stays out of the reserves.
    let before = w.reserves();
    let (quoted, fee): (u128, u128) = {
        let q: Result<(u128, u128), VenueError> = w.chain.query(&pool, "quote", &args![true, E18]);
        q.unwrap()
    };
    let toke_before = w.balance(&w.toke.clone(), &trader);
    let out = w.swap(&trader, true, E18, quoted, NEVER).unwrap();
    assert_eq!(out, quoted);
    assert_eq!(fee, 3 * E18 / 1_000);
    let swapped: Vec<Swapped> = w.chain.events(&pool);
    assert_eq!((swapped[0].amount_in, swapped[0].amount_out, swapped[0].fee), (E18, out, fee));
    let after = w.reserves();
    assert_eq!(after.asset, before.asset + E18 - fee);
    assert_eq!(after.pairing, before.pairing - out);
    assert!(laas_math::sqrt_mul(after.asset, after.pairing) >= laas_math::sqrt_mul(before.asset, before.pairing));
    assert_eq!(w.balance(&w.toke.clone(), &trader), toke_before + out);

    // And buys WETH back with TOKE.
    let back = w.swap(&trader, false, out, 0, NEVER).unwrap();
    assert!(back < E18, "round trip loses the fees");

    // The LP's pending fees: its share of both fees, rounded down.
    let pending: Result<(u128, u128), VenueError> = w.chain.query(&pool, "pending_fees", &args![lp]);
    let (fee_weth, fee_toke) = pending.unwrap();
    let fee_toke_paid = out * 30 / 10_000 + u128::from(out * 30 % 10_000 != 0);
    // Only the LP's shares earn (the locked minimum does not): index = fee·1e18 / live shares.
    let share = |fee: u128| fee * E18 / shares * shares / E18;
    assert_eq!(fee_weth, share(fee));
    assert_eq!(fee_toke, share(fee_toke_paid));

    // The LP collects them.
    let weth_before = w.balance(&w.weth.clone(), &lp);
    let r: Result<(u128, u128), VenueError> = w.chain.call(&lp, &pool, "collect", &args![]);
    assert_eq!(r, Ok((fee_weth, fee_toke)));
    assert_eq!(w.balance(&w.weth.clone(), &lp), weth_before + fee_weth);
    let pending: Result<(u128, u128), VenueError> = w.chain.query(&pool, "pending_fees", &args![lp]);
    assert_eq!(pending, Ok((0, 0)));
}

#[test]
fn only_the_admin_seeds_an_empty_pool() {
    let mut w = world();
    let (trader, pool) = (w.chain.user("trader"), w.pool.clone());
    let r: Result<u128, VenueError> =
        w.chain.call(&trader, &pool, "add_liquidity", &args![E18, 2_000 * E18, 0u128, 0u128, NEVER]);
    assert_eq!(r, Err(VenueError::Access(laas_access::AccessError::NotAdmin)));
    let total: u128 = w.chain.query(&pool, "total_shares", &args![]);
    assert_eq!(total, 0);
    // Once seeded, anyone may add at the pool's ratio.
    w.seed();
    let r: Result<u128, VenueError> =
        w.chain.call(&trader, &pool, "add_liquidity", &args![E18, 2_000 * E18, 0u128, 0u128, NEVER]);
    assert!(r.unwrap() > 0);
}

#[test]
fn swaps_respect_slippage_limits_and_deadlines() {
    let mut w = world();
    w.seed();
    let trader = w.chain.user("trader");
    let now = w.chain.now_ms();
    assert_eq!(w.swap(&trader, true, E18, 10_000 * E18, NEVER), Err(VenueError::Slippage));
    assert_eq!(w.swap(&trader, true, E18, 0, now - 1), Err(VenueError::Expired));
    assert_eq!(w.swap(&trader, true, 0, 0, NEVER), Err(VenueError::ZeroAmount));
    // A trader without allowance or funds: the token refuses, nothing changes.
    let broke = w.chain.user("broke");
    let before = w.reserves();
    assert_eq!(w.swap(&broke, true, E18, 0, NEVER), Err(VenueError::PSP22(PSP22Error::InsufficientAllowance)));
    assert_eq!(w.reserves(), before);
}

#[test]
fn the_twap_follows_time_not_the_last_trade() {
    let mut w = world();
    w.seed();
    let (trader, pool) = (w.chain.user("trader"), w.pool.clone());
    let twap: Result<u128, VenueError> = w.chain.query(&pool, "Venue::twap", &args![]);
    assert_eq!(twap, Err(VenueError::OracleNotReady));

    // A full window at 2,000 TOKE per WETH.
    w.chain.advance_time(WINDOW_MS);
    w.swap(&trader, true, E18 / 1_000, 0, NEVER).unwrap(); // a tiny trade records the price
    w.chain.advance_time(WINDOW_MS / 4);
    let twap: Result<u128, VenueError> = w.chain.query(&pool, "Venue::twap", &args![]);
    let twap = twap.unwrap();
    assert!(twap.abs_diff(2_000 * E18) < 2_000 * E18 / 1_000, "{twap}");

    // Someone dumps 20 WETH: spot falls ~30%, the TWAP barely moves within the block.
    w.swap(&trader, true, 20 * E18, 0, NEVER).unwrap();
    let spot: Result<u128, VenueError> = w.chain.query(&pool, "spot_price", &args![]);
    assert!(spot.unwrap() < 1_400 * E18);
    let twap_after: Result<u128, VenueError> = w.chain.query(&pool, "Venue::twap", &args![]);
    assert!(twap_after.unwrap().abs_diff(twap) < twap / 100);

    // A reactor deploying now is refused (spot outside the 2% band), as is a withdrawal.
    let reactor = w.chain.user("reactor");
    let r: Result<(u128, u128), VenueError> = w.chain.call(&reactor, &pool, "Venue::deploy", &args![E18, 2_000 * E18]);
    assert_eq!(r, Err(VenueError::PriceDeviation));
}

#[test]
fn a_reactor_deploys_values_its_position_at_the_twap_and_withdraws() {
    let mut w = world();
    w.seed();
    let (reactor, trader, pool) = (w.chain.user("reactor"), w.chain.user("trader"), w.pool.clone());
    w.chain.advance_time(WINDOW_MS);
    w.swap(&trader, true, E18 / 1_000, 0, NEVER).unwrap();
    w.chain.advance_time(WINDOW_MS);

    let r: Result<(u128, u128), VenueError> = w.chain.call(&reactor, &pool, "Venue::deploy", &args![10 * E18, 50_000 * E18]);
    let (asset, pairing) = r.unwrap();
    assert_eq!(asset, 10 * E18);
    assert!(pairing < 50_000 * E18 && pairing > 19_900 * E18, "takes the pool ratio: {pairing}");

    let value: Result<PositionValue, VenueError> = w.chain.query(&pool, "Venue::position_value", &args![reactor]);
    let value = value.unwrap();
    // Worth ~20 WETH in asset terms (10 WETH + ~20,000 TOKE at ~2,000).
    assert!(value.in_asset.abs_diff(20 * E18) < E18 / 50, "{value:?}");

    // Withdraw half, then the rest; fractions above 100% are refused.
    let r: Result<(u128, u128), VenueError> = w.chain.call(&reactor, &pool, "Venue::withdraw", &args![10_001u16]);
    assert_eq!(r, Err(VenueError::InvalidFraction));
    let r: Result<(u128, u128), VenueError> = w.chain.call(&reactor, &pool, "Venue::withdraw", &args![5_000u16]);
    let (a1, _) = r.unwrap();
    assert!(a1.abs_diff(5 * E18) < E18 / 1_000);
    let r: Result<(u128, u128), VenueError> = w.chain.call(&reactor, &pool, "Venue::withdraw", &args![10_000u16]);
    r.unwrap();
    let shares: u128 = w.chain.query(&pool, "shares_of", &args![reactor]);
    assert_eq!(shares, 0);
}

#[test]
fn only_the_admin_tunes_the_oracle_and_only_the_guardian_or_admin_pauses() {
    use laas_access::AccessError::{NotAdmin, NotGuardian, Paused};
    let mut w = world();
    w.seed();
    let (mallory, alice, guardian, trader, lp, pool) =
        (w.chain.user("mallory"), w.chain.user("alice"), w.chain.user("guardian"), w.chain.user("trader"), w.chain.user("alice"), w.pool.clone());
    let r: Result<(), VenueError> = w.chain.call(&mallory, &pool, "set_oracle_params", &args![60_000u64, 10_000u16]);
    assert_eq!(r, Err(VenueError::Access(NotAdmin)));
    for (message, args) in [
        ("AccessControl::propose_admin", args![Some(mallory.clone())]),
        ("AccessControl::set_role", args![Raw(String::from("Guardian")), mallory, true]),
        ("AccessControl::set_code_hash", args![Raw(format!("0x{}", "11".repeat(32)))]),
        ("AccessControl::unpause", args![]),
    ] {
        let r: Result<(), laas_access::AccessError> = w.chain.call(&mallory, &pool, message, &args);
        assert_eq!(r, Err(NotAdmin), "{message}");
    }
    let r: Result<(), laas_access::AccessError> = w.chain.call(&mallory, &pool, "AccessControl::pause", &args![]);
    assert_eq!(r, Err(NotGuardian));
    let r: Result<(), VenueError> = w.chain.call(&alice, &pool, "set_oracle_params", &args![0u64, 100u16]);
    assert_eq!(r, Err(VenueError::InvalidWindow));
    let params: (u64, u16, u16) = w.chain.query(&pool, "params", &args![]);
    assert_eq!(params, (WINDOW_MS, 200, 30));

    // The guardian pauses: swaps stop, the LP can still leave.
    let r: Result<(), laas_access::AccessError> = w.chain.call(&alice, &pool, "AccessControl::set_role", &args![Raw(String::from("Guardian")), guardian, true]);
    r.unwrap();
    let r: Result<(), laas_access::AccessError> = w.chain.call(&guardian, &pool, "AccessControl::pause", &args![]);
    r.unwrap();
    assert_eq!(w.swap(&trader, true, E18, 0, NEVER), Err(VenueError::Access(Paused)));
    let shares: u128 = w.chain.query(&pool, "shares_of", &args![lp]);
    let r: Result<(u128, u128), VenueError> = w.chain.call(&lp, &pool, "remove_liquidity", &args![shares, 0u128, 0u128, NEVER]);
    assert!(r.is_ok());
    // Only the admin lifts the pause.
    let r: Result<(), laas_access::AccessError> = w.chain.call(&guardian, &pool, "AccessControl::unpause", &args![]);
    assert_eq!(r, Err(NotAdmin));
    let r: Result<(), laas_access::AccessError> = w.chain.call(&alice, &pool, "AccessControl::unpause", &args![]);
    r.unwrap();
    // The admin hands over to the DAO in two steps; afterwards the deployer holds nothing.
    let dao = w.chain.user("dao");
    let r: Result<(), laas_access::AccessError> = w.chain.call(&alice, &pool, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.unwrap();
    let r: Result<(), laas_access::AccessError> = w.chain.call(&dao, &pool, "AccessControl::accept_admin", &args![]);
    r.unwrap();
    let roles: Vec<(laas_traits::Role, ink::primitives::AccountId)> = w.chain.query(&pool, "Roles::roles", &args![]);
    assert_eq!(roles, vec![(laas_traits::Role::Admin, laas_e2e_tests::ink_id(&dao)), (laas_traits::Role::Guardian, laas_e2e_tests::ink_id(&guardian))]);
    let r: Result<(), VenueError> = w.chain.call(&alice, &pool, "set_oracle_params", &args![60_000u64, 100u16]);
    assert_eq!(r, Err(VenueError::Access(NotAdmin)));
}

fn twap(w: &mut World) -> Result<u128, VenueError> {
    let pool = w.pool.clone();
    w.chain.query(&pool, "Venue::twap", &args![])
}

/// A seeded pool with a window of history at 2,000 TOKE per WETH and a sample a quarter window
/// old.
fn settled() -> World {
    let mut w = world();
    w.seed();
    let trader = w.chain.user("trader");
    w.chain.advance_time(WINDOW_MS);
    w.swap(&trader, true, E18 / 1_000, 0, NEVER).unwrap();
    w.chain.advance_time(WINDOW_MS / 4);
    w
}

#[test]
fn a_one_block_spike_at_100x_moves_the_twap_by_under_five_percent() {
    let mut w = settled();
    let before = twap(&mut w).unwrap();
    // A whale pushes WETH to 100× for one 6-second block (the venue's WETH side to a tenth)
    // and sells back in the next block.
    let whale = w.chain.user("whale");
    w.fund(&whale, E18, 10_000_000 * E18);
    let reserves = w.reserves();
    let got = w.swap(&whale, false, reserves.pairing * 9 * 1_003 / 1_000, 0, NEVER).unwrap();
    let spot: Result<u128, VenueError> = w.chain.query(&w.pool.clone(), "spot_price", &args![]);
    assert!(spot.unwrap() > 90 * before, "spiked to 100x");
    w.chain.next_block();
    w.swap(&whale, true, got, 0, NEVER).unwrap();
    let unwound: Result<u128, VenueError> = w.chain.query(&w.pool.clone(), "spot_price", &args![]);
    // Five minutes later the window holds ~294 s at the old price, the 6-second spike and 300 s
    // at the unwound price (fees left it ~0.5% higher): the geometric mean is their weighted
    // mean, and the spike adds 100^(6/600) − 1 ≈ 4.7% to it (an arithmetic mean would double).
    w.chain.advance_time(WINDOW_MS / 2);
    let after = twap(&mut w).unwrap();
    let without_spike = laas_math::sqrt_mul(before, unwound.unwrap());
    assert!(after > without_spike * 104 / 100 && after < without_spike * 105 / 100, "{without_spike} -> {after}");
}

#[test]
fn after_an_idle_spell_the_twap_is_the_price_that_held_and_never_a_stale_average() {
    let mut w = settled();
    let trader = w.chain.user("trader");
    // A day without trades: the price held all along, so the TWAP is that price exactly.
    w.chain.advance_time(24 * 3_600_000);
    let spot: Result<u128, VenueError> = w.chain.query(&w.pool.clone(), "spot_price", &args![]);
    let old = spot.unwrap();
    assert_eq!(twap(&mut w), Ok(old));
    // Then the price moves for real and holds. Half a window later the TWAP is the geometric
    // mean of the two prices over exactly the last window (read back exactly across the idle
    // day), not an average over the day.
    w.swap(&trader, true, 20 * E18, 0, NEVER).unwrap();
    let new: Result<u128, VenueError> = w.chain.query(&w.pool.clone(), "spot_price", &args![]);
    let new = new.unwrap();
    w.chain.advance_time(WINDOW_MS / 2);
    let mean = laas_math::sqrt_mul(old, new);
    let now = twap(&mut w).unwrap();
    assert!(now.abs_diff(mean) < mean / 100_000, "{now} vs {mean}");
    w.swap(&trader, true, E18 / 1_000, 0, NEVER).unwrap();
    w.chain.advance_time(WINDOW_MS * 3 / 4);
    let moved: Result<u128, VenueError> = w.chain.query(&w.pool.clone(), "spot_price", &args![]);
    let (moved, now) = (moved.unwrap(), twap(&mut w).unwrap());
    assert!(now.abs_diff(moved) < moved / 1_000, "{now} vs spot {moved}");
}

#[test]
fn the_window_cannot_outgrow_the_price_history_however_often_it_is_raised() {
    let mut w = settled();
    let alice = w.chain.user("alice");
    let pool = w.pool.clone();
    let set = |w: &mut World, window: u64| -> Result<(), VenueError> { w.chain.call(&alice, &pool, "set_oracle_params", &args![window, 200u16]) };
    // The ring reaches back 1.25 windows: 1.25 windows is allowed, a step more is not.
    assert_eq!(set(&mut w, 2 * WINDOW_MS), Err(VenueError::InvalidWindow));
    assert_eq!(set(&mut w, WINDOW_MS * 5 / 4), Ok(()));
    assert_eq!(set(&mut w, WINDOW_MS * 5 / 4 + 1), Err(VenueError::InvalidWindow));
    assert!(twap(&mut w).is_ok(), "the TWAP stays readable");
    assert_eq!(set(&mut w, 86_400_001), Err(VenueError::InvalidWindow));
    let params: (u64, u16, u16) = w.chain.query(&pool, "params", &args![]);
    assert_eq!(params.0, WINDOW_MS * 5 / 4);
    // A day later, with a ring packed densely by steady trading: the history reaches back a
    // day, but the samples that would soon become the oldest do not reach a day back, so a
    // one-day window would go dark within hours. Refused; a modest raise is not.
    let trader = w.chain.user("trader");
    w.chain.advance_time(24 * 3_600_000);
    for _ in 0..15 {
        w.swap(&trader, true, E18 / 1_000, 0, NEVER).unwrap();
        w.chain.advance_time(WINDOW_MS * 5 / 16);
    }
    assert_eq!(set(&mut w, 86_400_000), Err(VenueError::InvalidWindow));
    assert_eq!(set(&mut w, 2 * WINDOW_MS), Ok(()));
    assert!(twap(&mut w).is_ok());
}
