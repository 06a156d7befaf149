//! The rest of the cover catalogue over a deployed [`Cover`]: a Term position registered with
//! the registry and a maturity guarantee on it, liquidity-gap and governance-failure cover on
//! tWETH, and the recovery ledger's calls.

use crate::cover::{Cover, USD};
use crate::suite::{Suite, DAY_MS};
use crate::{args, args::Raw, Address};
use laas_traits::RegistryError;
use primary_pool::primary_pool::{CoverError, Disclosure, Recovery};

/// A Term position of WETH (the `term_position` dev contract, its own source) maturing at
/// `maturity_ms`, run by `operator` and registered by the admin; returns it and its registry id.
pub fn term_position(s: &mut Suite, operator: &Address, maturity_ms: u64) -> (Address, u32) {
    let (admin, registry, weth) = (s.admin.clone(), s.registry.clone(), s.weth.clone());
    let term = s.chain.deploy(operator, "term_position", "new", &args![weth, maturity_ms, Some(registry.clone())], vec![]);
    let registration = format!("Registration {{ token: {term}, class: Term {{ maturity_ms: {maturity_ms} }}, operator: {operator}, related: [], source: Some({term}), venue: None, reference_size: 0 }}");
    let id: Result<u32, RegistryError> = s.chain.call(&admin, &registry, "PositionFeed::register", &args![Raw(registration)]);
    (term, id.expect("the admin registers the Term position"))
}

/// A maturity guarantee on registry position `position` maturing at `maturity_ms`: pays the
/// whole cover when it settles more than a day late; a 5% chance a year, tier C; up to 10,000
/// a policy, 50,000 in force; terms of 3 to 60 days, bought at least a day before the
/// maturity; the operator and its related parties may not buy.
pub fn maturity_product(position: u32, maturity_ms: u64) -> String {
    let (max, capacity) = (10_000 * USD, 50_000 * USD);
    format!(
        "Product {{ position: {position}, trigger: SettlementDelay {{ maturity_ms: {maturity_ms}, threshold_ms: {DAY_MS} }}, prior_bps: 500, severity_bps: 10000, payout_bps: 10000, deductible: 0, max_payout: {max}, max_cover: {max}, capacity: {capacity}, min_term_ms: {}, max_term_ms: {}, waiting_ms: {DAY_MS}, tier: C, parties: Refuse, active: true }}",
        3 * DAY_MS,
        60 * DAY_MS
    )
}

/// Liquidity-gap cover on tWETH: when redemptions pass `congestion_bps` of supply a day and the
/// AMM's impact for 1 WETH passes `depth_bps`, pays half of the impact above `depth_bps` (at
/// most 20% of impact) on the cover; a 20% chance a year expected at 5% impact, tier B; terms of
/// a day more than the waiting to a year.
pub fn gap_product(congestion_bps: u128, depth_bps: u128, waiting_ms: u64) -> String {
    let (max, capacity) = (10_000 * USD, 50_000 * USD);
    format!(
        "Product {{ position: 0, trigger: LiquidityGap {{ congestion_bps: {congestion_bps}, depth_bps: {depth_bps}, cap_bps: 2000 }}, prior_bps: 2000, severity_bps: 500, payout_bps: 5000, deductible: 0, max_payout: {max}, max_cover: {max}, capacity: {capacity}, min_term_ms: {}, max_term_ms: 31536000000, waiting_ms: {waiting_ms}, tier: B, parties: Multiplier(15000), active: true }}",
        waiting_ms + DAY_MS
    )
}

/// Governance-failure cover on tWETH: pays 80% of the cover when the committee finds the
/// allocation broke its declared limits; a 2% chance a year, tier C; a week's waiting.
pub fn governance_product() -> String {
    let (max, capacity) = (10_000 * USD, 50_000 * USD);
    format!(
        "Product {{ position: 0, trigger: Governance, prior_bps: 200, severity_bps: 10000, payout_bps: 8000, deductible: 0, max_payout: {max}, max_cover: {max}, capacity: {capacity}, min_term_ms: {}, max_term_ms: 31536000000, waiting_ms: {}, tier: C, parties: Refuse, active: true }}",
        8 * DAY_MS,
        7 * DAY_MS
    )
}

impl Cover {
    /// Creates `product` (transcoder syntax) as the admin; returns its id.
    pub fn create(&self, s: &mut Suite, product: String) -> Result<u32, CoverError> {
        self.admin(s, "create_product", args![Raw(product)])
    }

    /// The recovery of claim `claim`.
    pub fn recovery(&self, s: &mut Suite, claim: u64) -> Option<Recovery> {
        s.chain.query(&self.pool, "recovery", &args![claim])
    }

    /// `payer` (who approved the pool) repays up to `amount` into recovery `claim`.
    pub fn repay(&self, s: &mut Suite, payer: &Address, claim: u64, amount: u128) -> Result<u128, CoverError> {
        s.chain.call(payer, &self.pool, "repay_recovery", &args![claim, amount])
    }

    /// Product `product`'s period `period` as disclosed.
    pub fn disclosure(&self, s: &mut Suite, product: u32, period: u64) -> Disclosure {
        let r: Result<Disclosure, CoverError> = s.chain.query(&self.pool, "disclosure", &args![product, period]);
        r.expect("disclosure")
    }
}
