//! Invariants over random operation sequences on the deployed liquidity side: proptest draws a
//! sequence of what LPs, liquidity directors, traders and keepers do (deposits, transfers,
//! requests, withdrawals, claims, rollovers — on time, late or missed — NAV strikes, stakes,
//! votes, unstake requests and unstakes, quotes and swaps on both venues, price shocks, time jumps of random
//! length), runs it against a freshly deployed suite in drink's sandbox, and after every step
//! checks that
//!
//! * the pool's books equal its PSP22 supply and balances, and every request is covered by the
//!   holder's balance;
//! * every token the pool, the reactor, LD staking and the pricer venue hold covers what their
//!   books owe (idle and reserved asset, TOKE set aside for payouts, rewards owed, stake, the
//!   emission budget, inventory and spread fees);
//! * nobody's claimable rewards, with what they claimed, exceed what rollovers distributed;
//! * every matured exit can be taken now, in full (a dry run of `withdraw`).
//!
//! A failing sequence is shrunk to a minimal one. `LAAS_INVARIANT_CASES` sets the number of
//! sequences (CI runs a few; set it higher to search longer).

use laas_e2e_tests::suite::{Suite, E18, WEEK_MS};
use laas_e2e_tests::{args, args::Bytes, Address};
use laas_traits::{PoolError, Position};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use tasset::tasset::EpochOpened;

const LPS: usize = 3;
const LDS: usize = 2;

/// One thing someone does.
#[derive(Debug, Clone)]
enum Op {
    /// An LP deposits `amount` hundredths of a WETH.
    Deposit { lp: usize, amount: u64 },
    /// An LP sends `pct`% of its tWETH to another LP.
    Transfer { from: usize, to: usize, pct: u8 },
    /// An LP asks to withdraw `pct`% of its balance (0 cancels).
    Request { lp: usize, pct: u8 },
    /// An LP withdraws `pct`% of its request.
    Withdraw { lp: usize, pct: u8 },
    /// An LP claims its rewards.
    Claim { lp: usize },
    /// A keeper rolls over (an error when too early is fine).
    Rollover,
    /// A keeper strikes NAV.
    Strike,
    /// A director stakes `amount` thousand TOKE and votes for the venue.
    Stake { ld: usize, amount: u64 },
    /// A director asks to unstake `pct`% of its stake.
    RequestUnstake { ld: usize, pct: u8 },
    /// A director unstakes what matured.
    Unstake { ld: usize },
    /// A director claims its rewards.
    ClaimStake { ld: usize },
    /// A trader swaps `amount` hundredths of a WETH (or its worth in TOKE) on the AMM.
    Swap { asset_in: bool, amount: u64 },
    /// The pricer quotes ±0.5% around the AMM's TWAP (5 WETH a trade, 20 in all, for a day).
    Quote,
    /// A trader swaps `amount` hundredths of a WETH (or its worth in TOKE) at the pricer.
    SwapPricer { asset_in: bool, amount: u64 },
    /// A large trader moves the AMM's price by roughly ×2 or ÷2.
    Shock { up: bool },
    /// Time passes: `minutes`.
    Wait { minutes: u32 },
    /// A week or more passes, so a cycle boundary (or several) goes by unrolled.
    Skip { weeks: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..LPS, 1u64..5_000).prop_map(|(lp, amount)| Op::Deposit { lp, amount }),
        2 => (0..LPS, 0..LPS, 1u8..=100).prop_map(|(from, to, pct)| Op::Transfer { from, to, pct }),
        3 => (0..LPS, 0u8..=100).prop_map(|(lp, pct)| Op::Request { lp, pct }),
        3 => (0..LPS, 1u8..=100).prop_map(|(lp, pct)| Op::Withdraw { lp, pct }),
        1 => (0..LPS).prop_map(|lp| Op::Claim { lp }),
        4 => Just(Op::Rollover),
        1 => Just(Op::Strike),
        2 => (0..LDS, 1u64..500).prop_map(|(ld, amount)| Op::Stake { ld, amount }),
        1 => (0..LDS, 1u8..=100).prop_map(|(ld, pct)| Op::RequestUnstake { ld, pct }),
        1 => (0..LDS).prop_map(|ld| Op::Unstake { ld }),
        1 => (0..LDS).prop_map(|ld| Op::ClaimStake { ld }),
        2 => (any::<bool>(), 1u64..2_000).prop_map(|(asset_in, amount)| Op::Swap { asset_in, amount }),
        1 => Just(Op::Quote),
        2 => (any::<bool>(), 1u64..600).prop_map(|(asset_in, amount)| Op::SwapPricer { asset_in, amount }),
        1 => any::<bool>().prop_map(|up| Op::Shock { up }),
        2 => (1u32..3 * 24 * 60).prop_map(|minutes| Op::Wait { minutes }),
        1 => (1u8..4).prop_map(|weeks| Op::Skip { weeks }),
    ]
}

/// The deployed suite with its actors, and what rollovers distributed and holders claimed.
struct World {
    s: Suite,
    lps: Vec<Address>,
    lds: Vec<Address>,
    trader: Address,
    keeper: Address,
    staking: Address,
    pricer: Address,
    distributed: (u128, u128),
    claimed: (u128, u128),
}

fn world() -> World {
    let mut s = Suite::new(1, 0);
    let staking = s.add_staking();
    let pricer = s.chain.user("pricer");
    let pricer_venue = s.add_pricer(&pricer);
    s.set_venue_weights(&[5_000, 5_000]);
    s.place_pcv(1_000_000 * E18);
    let lps: Vec<Address> = (0..LPS).map(|i| s.chain.user(&format!("lp-{i}"))).collect();
    for lp in &lps {
        s.mint_weth(lp, 1_000 * E18);
    }
    let lds: Vec<Address> = (0..LDS).map(|i| s.chain.user(&format!("ld-{i}"))).collect();
    let trader = s.trader("trader", 10_000 * E18, 20_000_000 * E18);
    let (weth, toke) = (s.weth.clone(), s.toke.clone());
    s.approve(&trader, &weth, &pricer_venue);
    s.approve(&trader, &toke, &pricer_venue);
    let keeper = s.chain.user("keeper");
    World { s, lps, lds, trader, keeper, staking, pricer, distributed: (0, 0), claimed: (0, 0) }
}

fn pct(amount: u128, pct: u8) -> u128 {
    amount / 100 * u128::from(pct)
}

impl World {
    fn run(&mut self, op: &Op) {
        let (pool, reactor, staking) = (self.s.tasset.clone(), self.s.reactor.clone(), self.staking.clone());
        self.s.chain.next_block();
        match *op {
            Op::Deposit { lp, amount } => {
                let _ = self.s.deposit(&self.lps[lp].clone(), u128::from(amount) * E18 / 100);
            }
            Op::Transfer { from, to, pct: p } => {
                let (from, to) = (self.lps[from].clone(), self.lps[to].clone());
                let balance = self.s.balance(&pool, &from);
                let _: Result<(), psp22::PSP22Error> = self.s.chain.call(&from, &pool, "PSP22::transfer", &args![to, pct(balance, p), Bytes(&[])]);
            }
            Op::Request { lp, pct: p } => {
                let lp = self.lps[lp].clone();
                let balance = self.s.balance(&pool, &lp);
                let _ = self.s.request(&lp, pct(balance, p));
            }
            Op::Withdraw { lp, pct: p } => {
                let lp = self.lps[lp].clone();
                let request = self.s.position(&lp).request;
                let _ = self.s.withdraw(&lp, pct(request, p).max(1));
            }
            Op::Claim { lp } => {
                if let Ok((asset, toke)) = self.s.claim(&self.lps[lp].clone()) {
                    self.claimed = (self.claimed.0 + asset, self.claimed.1 + toke);
                }
            }
            Op::Rollover => {
                let keeper = self.keeper.clone();
                if self.s.rollover(&keeper).is_ok() {
                    for e in self.s.chain.events::<EpochOpened>(&pool) {
                        self.distributed = (self.distributed.0 + e.reward_asset, self.distributed.1 + e.reward_pairing);
                    }
                }
            }
            Op::Strike => {
                let keeper = self.keeper.clone();
                let _: Result<u128, reactor::reactor::ReactorError> = self.s.chain.call(&keeper, &reactor, "strike_nav", &args![]);
            }
            Op::Stake { ld, amount } => {
                let ld = self.lds[ld].clone();
                if self.s.stake(&ld, u128::from(amount) * 1_000 * E18).is_ok() {
                    let _ = self.s.vote(&ld, &[(0, 5_000), (1, 5_000)]);
                }
            }
            Op::RequestUnstake { ld, pct: p } => {
                let ld = self.lds[ld].clone();
                let stake: u128 = self.s.chain.query(&staking, "get_stake", &args![ld]);
                let _: Result<u32, laas_traits::StakeError> = self.s.chain.call(&ld, &staking, "request_unstake", &args![reactor, pct(stake, p)]);
            }
            Op::Unstake { ld } => {
                let ld = self.lds[ld].clone();
                let position: Result<ld_staking::book::Position, laas_traits::StakeError> = self.s.chain.query(&staking, "position", &args![ld, reactor]);
                let request = position.map(|p| p.request).unwrap_or(0);
                let _: Result<(), laas_traits::StakeError> = self.s.chain.call(&ld, &staking, "unstake", &args![reactor, request]);
            }
            Op::ClaimStake { ld } => {
                let ld = self.lds[ld].clone();
                let _: Result<(u128, u128), laas_traits::StakeError> = self.s.chain.call(&ld, &staking, "claim", &args![reactor]);
            }
            Op::Swap { asset_in, amount } => {
                let amount = u128::from(amount) * E18 / 100;
                let amount = if asset_in { amount } else { amount * 2_000 };
                self.swap(asset_in, amount);
            }
            Op::Quote => {
                let (pricer, amm, venue) = (self.pricer.clone(), self.s.venues[0].clone(), self.s.venues[1].clone());
                let twap: Result<u128, laas_traits::VenueError> = self.s.chain.query(&amm, "Venue::twap", &args![]);
                if let Ok(mid) = twap {
                    let expiry = self.s.chain.now_ms() + 24 * 3_600_000;
                    let _: Result<(), laas_traits::VenueError> =
                        self.s.chain.call(&pricer, &venue, "post_quote", &args![mid - mid / 200, mid + mid / 200, 5 * E18, 20 * E18, expiry]);
                }
            }
            Op::SwapPricer { asset_in, amount } => {
                let (trader, venue) = (self.trader.clone(), self.s.venues[1].clone());
                let amount = u128::from(amount) * E18 / 100;
                let amount = if asset_in { amount } else { amount * 2_000 };
                let _: Result<u128, laas_traits::VenueError> = self.s.chain.call(&trader, &venue, "swap", &args![asset_in, amount, 0u128, u64::MAX]);
            }
            Op::Shock { up } => {
                // About 41% of the side the trader buys: the price moves ×2 or ÷2.
                let venue = self.s.venues[0].clone();
                let r: venue_amm::venue_amm::Reserves = self.s.chain.query(&venue, "reserves", &args![]);
                let amount = if up { r.pairing / 100 * 41 } else { r.asset / 100 * 41 };
                self.swap(!up, amount);
            }
            Op::Wait { minutes } => self.s.chain.advance_time(u64::from(minutes) * 60_000),
            Op::Skip { weeks } => self.s.chain.advance_time(u64::from(weeks) * WEEK_MS),
        }
    }

    fn swap(&mut self, asset_in: bool, amount: u128) {
        let (trader, venue) = (self.trader.clone(), self.s.venues[0].clone());
        if amount > 0 {
            let _: Result<u128, laas_traits::VenueError> = self.s.chain.call(&trader, &venue, "swap", &args![asset_in, amount, 0u128, u64::MAX]);
        }
    }

    fn check(&mut self) -> Result<(), TestCaseError> {
        let (pool, reactor, staking, weth, toke) = (self.s.tasset.clone(), self.s.reactor.clone(), self.staking.clone(), self.s.weth.clone(), self.s.toke.clone());
        let supply: u128 = self.s.chain.query(&pool, "PSP22::total_supply", &args![]);
        let books = self.s.books();
        let positions: Vec<Position> = self.lps.clone().iter().map(|lp| self.s.position(lp)).collect();
        // The pool's books equal its token.
        prop_assert_eq!(positions.iter().map(|p| p.balance).sum::<u128>(), supply, "balances add up to the supply");
        prop_assert_eq!(books.supply, supply);
        prop_assert!(books.matured <= supply);
        for p in &positions {
            prop_assert!(p.request <= p.balance, "a request beyond the balance: {:?}", p);
            prop_assert!(p.eligible <= p.balance);
        }
        prop_assert!(books.reserved <= books.payouts_due && books.reserved_pairing <= books.payouts_due_pairing);
        // The pool's tokens cover what it owes.
        let owed = positions.iter().fold((0u128, 0u128), |o, p| (o.0 + p.owed_asset, o.1 + p.owed_pairing));
        let (pool_weth, pool_toke) = (self.s.balance(&weth, &pool), self.s.balance(&toke, &pool));
        prop_assert!(pool_weth >= books.idle + books.reserved + owed.0, "pool WETH {} < {} + {} + {}", pool_weth, books.idle, books.reserved, owed.0);
        prop_assert!(pool_toke >= books.reserved_pairing + owed.1, "pool TOKE {} < {} + {}", pool_toke, books.reserved_pairing, owed.1);
        // Nobody can claim more than was distributed.
        prop_assert!(owed.0 + self.claimed.0 <= self.distributed.0, "asset rewards {} + {} > {}", owed.0, self.claimed.0, self.distributed.0);
        prop_assert!(owed.1 + self.claimed.1 <= self.distributed.1, "TOKE rewards {} + {} > {}", owed.1, self.claimed.1, self.distributed.1);
        // The reactor's tokens cover its idle holdings and its emission budget.
        let state = self.s.state();
        prop_assert!(self.s.balance(&weth, &reactor) >= state.idle.asset);
        prop_assert!(self.s.balance(&toke, &reactor) >= state.idle.pairing + state.emission_budget);
        // LD staking holds every stake and what it owes.
        let staked: Option<ld_staking::book::Pool> = self.s.chain.query(&staking, "get_pool", &args![reactor]);
        let total = staked.map(|p| p.total).unwrap_or(0);
        let mut stakes = 0u128;
        let mut ld_owed = (0u128, 0u128);
        for ld in self.lds.clone() {
            let position: Result<ld_staking::book::Position, laas_traits::StakeError> = self.s.chain.query(&staking, "position", &args![ld, reactor]);
            if let Ok(p) = position {
                prop_assert!(p.request <= p.stake);
                stakes += p.stake;
                ld_owed = (ld_owed.0 + p.owed.0, ld_owed.1 + p.owed.1);
            }
        }
        prop_assert_eq!(stakes, total, "stakes add up");
        prop_assert!(self.s.balance(&toke, &staking) >= total + ld_owed.1);
        prop_assert!(self.s.balance(&weth, &staking) >= ld_owed.0);
        // The pricer venue holds its inventory, the owners' fees and the pricer's share.
        let venue = self.s.venues[1].clone();
        let inventory: (u128, u128) = self.s.chain.query(&venue, "inventory", &args![]);
        let owner: Result<venue_pricer::venue_pricer::Owner, laas_traits::VenueError> = self.s.chain.query(&venue, "owner", &args![reactor]);
        let pricer_owed: u128 = self.s.chain.query(&venue, "pricer_owed", &args![self.pricer.clone()]);
        let fees = owner.map(|o| o.owed).unwrap_or(0) + pricer_owed;
        prop_assert!(self.s.balance(&weth, &venue) >= inventory.0);
        prop_assert!(self.s.balance(&toke, &venue) >= inventory.1 + fees, "pricer venue TOKE < {:?} + {}", inventory, fees);
        // Every matured exit can be taken now, in full.
        for (lp, p) in self.lps.clone().iter().zip(&positions) {
            if p.matured {
                let r: Result<(u128, u128), PoolError> = self.s.chain.dry_run(lp, &pool, "TAsset::withdraw", &args![p.request]);
                prop_assert_eq!(r, Ok((p.payout, p.payout_pairing)), "a matured exit fails: {:?}", p);
            }
        }
        Ok(())
    }
}

#[test]
fn invariants_hold_over_random_operation_sequences() {
    let cases = std::env::var("LAAS_INVARIANT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(6);
    let mut runner = TestRunner::new(Config { cases, max_shrink_iters: 200, failure_persistence: None, ..Config::default() });
    let result = runner.run(&proptest::collection::vec(op(), 10..40), |ops| {
        let mut w = world();
        for op in &ops {
            w.run(op);
            w.check().map_err(|e| TestCaseError::fail(format!("after {op:?}: {e}")))?;
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
