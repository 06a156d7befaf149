//! Unit tests of the primary pool, off chain: products and parameters, pricing against a
//! registry view, capital (shares, earning, locks, expiry buckets, withdrawals), claims and
//! recalibration. Token transfers, policy mints and registry reads call other contracts and
//! run in `e2e-tests/tests/cover.rs`; here the pool's own bookkeeping behind them is called.

mod capital;
mod catalogue;
mod claims;
mod layers;
mod pricing;

use crate::primary_pool::*;
use crate::underwrite::Priced;
use ink::env::test;
use ink::env::DefaultEnvironment as E;
use ink::primitives::AccountId;
use laas_traits::{Reading, Underwriting};

pub const HOUR: u64 = 3_600_000;
pub const DAY: u64 = 24 * HOUR;
pub const QUARTER: u64 = 91 * DAY;
/// The clock at instantiation: day 100, on a bucket boundary.
pub const T0: u64 = 100 * DAY;
pub const UNIT: u128 = 1_000_000_000_000_000_000;

pub fn params() -> Params {
    Params {
        tier_margin_bps: [2_000, 3_500, 5_000],
        congestion_coeff_bps: 10_000,
        depth_coeff_bps: 5_000,
        util_coeff_bps: 10_000,
        util_kink_bps: 8_000,
        shrink_coeff_bps: 20_000,
        oc_bps: 50,
        capacity_ratio_bps: 10_000,
        grace_ms: DAY,
        cooldown_ms: 7 * DAY,
        withdraw_window_ms: 2 * DAY,
        sale_nav_age_ms: 2 * HOUR,
        incident_ms: DAY,
        credibility_k: 4,
    }
}

/// A NAV-drawdown product on position 0: pays above 10% over 12 hours, 80% of the measured
/// loss, 10% a year prior, tier B.
pub fn drawdown_product() -> Product {
    Product {
        position: 0,
        trigger: Trigger::NavDrawdown { window_ms: 12 * HOUR, threshold_bps: 1_000 },
        prior_bps: 1_000,
        severity_bps: 3_000,
        payout_bps: 8_000,
        deductible: 0,
        max_payout: 1_000 * UNIT,
        max_cover: 1_000 * UNIT,
        capacity: 5_000 * UNIT,
        min_term_ms: DAY,
        max_term_ms: 365 * DAY,
        waiting_ms: HOUR,
        tier: Tier::B,
        parties: PartyRule::Multiplier(15_000),
        active: true,
    }
}

/// A queue-wait product on position 0: pays in full when due redemptions wait past 12 hours.
pub fn queue_product() -> Product {
    Product { trigger: Trigger::QueueWait { threshold_ms: 12 * HOUR }, severity_bps: 10_000, parties: PartyRule::Refuse, ..drawdown_product() }
}

pub fn at(ms: u64) {
    test::set_block_timestamp::<E>(ms);
}

pub fn as_caller(account: AccountId) {
    test::set_caller::<E>(account);
}

pub fn accounts() -> test::DefaultAccounts<E> {
    test::default_accounts::<E>()
}

/// A quiet position's registry view: operator `eve`, no congestion, no depth impact.
pub fn calm() -> Underwriting {
    view(0, 0)
}

/// A view with `congestion` and `depth` (bps), operator `eve`, related `frank`.
pub fn view(congestion: u128, depth: u128) -> Underwriting {
    let a = accounts();
    Underwriting { operator: a.eve, related: vec![a.frank], congestion: Reading { value: congestion, age_ms: 0 }, depth: Some(Reading { value: depth, age_ms: 0 }), nav_age_ms: 0 }
}

/// A pool (alice admin, charlie the claims role) with hourly buckets and quarterly periods
/// at `T0`, holding the drawdown product (0) and the queue product (1).
pub fn pool() -> PrimaryPool {
    let a = accounts();
    at(T0);
    as_caller(a.alice);
    let mut pool = PrimaryPool::new(a.django, a.django, a.django, HOUR, QUARTER, params()).unwrap();
    pool.create_product(drawdown_product()).unwrap();
    pool.create_product(queue_product()).unwrap();
    laas_traits::AccessControl::set_role(&mut pool, laas_traits::Role::Claims, a.charlie, true).unwrap();
    pool
}

/// `pool` with `capital` deposited by bob (its bookkeeping; the transfer is the scenario's).
pub fn funded(capital: u128) -> PrimaryPool {
    let mut pool = pool();
    pool.book_deposit(accounts().bob, capital).unwrap();
    pool
}

/// Prices and books `amount` of product `id` for `term` for `buyer` as `sell` does after the
/// registry read; returns the policy id and its price.
pub fn buy(pool: &mut PrimaryPool, id: u32, amount: u128, term: u64, buyer: AccountId, registry: &Underwriting) -> Result<(u128, Priced)> {
    let (product, state, _) = pool.product_now(id)?;
    pool.roll_current()?;
    let priced = pool.price(&product, &state, &pool.ledger, registry, amount, term, buyer)?;
    let (policy, _, _) = pool.book_policy(id, state, amount, term, &priced, priced.quote.premium)?;
    Ok((policy, priced))
}
