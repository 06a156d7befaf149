//! The cover market over a deployed [`Suite`]: a stable cover asset, the policy token and the
//! primary pool, wired (the pool mints policies, `claims` settles claims) with a NAV-drawdown
//! product on tWETH (registry position 0).

use crate::suite::{Suite, DAY_MS, E18, HOUR_MS};

const _: () = assert!(WINDOW_MS == 21_600_000 && DAY_MS == 86_400_000);
use crate::{args, args::Raw, Address};
use laas_traits::{AccessError, PSP22Error, RegistryError};
use reactor::reactor::ReactorError;
use primary_pool::primary_pool::{Capital, Claim, CoverError, Quote};

/// A recalibration period: a quarter (91 days).
pub const QUARTER_MS: u64 = 91 * DAY_MS;
/// One unit of the cover asset (18 decimals).
pub const USD: u128 = E18;
/// tWETH's position in the registry.
pub const TWETH: u32 = 0;
/// The drawdown product's window: 6 hours.
pub const WINDOW_MS: u64 = 6 * HOUR_MS;

/// The pool's parameters: tier margins 20/35/50%; margin +1× congestion and +0.5× depth
/// fragility; a surcharge of up to 100% past 80% use; capacity −2× congestion; OC 0.5% a year;
/// fully collateralised; a day of grace; withdrawals a day after the request, for a week;
/// sales on a NAV at most two hours old; incidents per day; credibility constant 4.
pub const POOL_PARAMS: &str = "Params { tier_margin_bps: [2000, 3500, 5000], congestion_coeff_bps: 10000, depth_coeff_bps: 5000, util_coeff_bps: 10000, util_kink_bps: 8000, shrink_coeff_bps: 20000, oc_bps: 50, capacity_ratio_bps: 10000, grace_ms: 86400000, cooldown_ms: 86400000, withdraw_window_ms: 604800000, sale_nav_age_ms: 7200000, incident_ms: 86400000, credibility_k: 4 }";

/// The NAV-drawdown product on tWETH: pays above 10% over 6 hours, 80% of the measured loss;
/// a 10% chance a year (prior), expected at 30%; at most 10,000 a policy, 50,000 in force;
/// terms of a day to a year; losses that begin in a policy's first hour are not covered; tier
/// B; the operator pays 1.5×.
pub const DRAWDOWN_PRODUCT: &str = "Product { position: 0, trigger: NavDrawdown { window_ms: 21600000, threshold_bps: 1000 }, prior_bps: 1000, severity_bps: 3000, payout_bps: 8000, deductible: 0, max_payout: 10000000000000000000000, max_cover: 10000000000000000000000, capacity: 50000000000000000000000, min_term_ms: 86400000, max_term_ms: 31536000000, waiting_ms: 3600000, tier: B, parties: Multiplier(15000), active: true }";

/// The cover market's contracts.
pub struct Cover {
    /// The stable cover asset (a test asset).
    pub usd: Address,
    /// The policy token (PSP34).
    pub nft: Address,
    /// The primary pool.
    pub pool: Address,
    /// The claims role.
    pub claims: Address,
}

impl Cover {
    /// Deploys the cover asset, the policy token and the primary pool (hourly expiry
    /// buckets, quarterly periods) over `s`'s registry, makes the pool the token's minter and
    /// `claims` its claims role, and creates the drawdown product (product 0).
    pub fn deploy(s: &mut Suite) -> Self {
        let admin = s.admin.clone();
        let claims = s.chain.user("claims-desk");
        let usd = s.chain.deploy(&admin, "test_asset", "new", &args!["Test Dollar", "USD", 18u8, 0u128], vec![1]);
        let nft = s.chain.deploy(&admin, "policy_nft", "new", &args![], vec![]);
        let registry = s.registry.clone();
        let pool = s.chain.deploy(&admin, "primary_pool", "new", &args![usd, registry, nft, HOUR_MS, QUARTER_MS, Raw(POOL_PARAMS.into())], vec![]);
        let r: Result<(), AccessError> = s.chain.call(&admin, &nft, "AccessControl::set_role", &args![Raw("Minter".into()), pool, true]);
        r.expect("the pool mints policies");
        let r: Result<(), AccessError> = s.chain.call(&admin, &pool, "AccessControl::set_role", &args![Raw("Claims".into()), claims, true]);
        r.expect("the claims desk settles claims");
        let cover = Self { usd, nft, pool, claims };
        let r: Result<u32, CoverError> = cover.admin(s, "create_product", args![Raw(DRAWDOWN_PRODUCT.into())]);
        assert_eq!(r, Ok(0), "the drawdown product");
        cover
    }

    /// Calls `message` on the pool as the admin.
    pub fn admin<R: parity_scale_codec::Decode>(&self, s: &mut Suite, message: &str, args: Vec<String>) -> R {
        let admin = s.admin.clone();
        s.chain.call(&admin, &self.pool, message, &args)
    }

    /// Mints `amount` of the cover asset to `to` and lets the pool pull it.
    pub fn fund(&self, s: &mut Suite, to: &Address, amount: u128) {
        let admin = s.admin.clone();
        let r: Result<(), test_asset::test_asset::Error> = s.chain.call(&admin, &self.usd, "mint", &args![to, amount]);
        r.expect("mint USD");
        let r: Result<(), PSP22Error> = s.chain.call(to, &self.usd, "PSP22::approve", &args![self.pool, u128::MAX]);
        r.expect("approve the pool");
    }

    /// A new underwriter `name` who deposits `amount`; returns it and its shares.
    pub fn underwriter(&self, s: &mut Suite, name: &str, amount: u128) -> (Address, u128) {
        let who = s.chain.user(name);
        self.fund(s, &who, amount);
        let shares: Result<u128, CoverError> = s.chain.call(&who, &self.pool, "deposit", &args![amount]);
        (who, shares.expect("an underwriter deposits"))
    }

    /// What `amount` of cover on `product` for `term_ms` costs `buyer` now.
    pub fn quote(&self, s: &mut Suite, product: u32, amount: u128, term_ms: u64, buyer: &Address) -> Result<Quote, CoverError> {
        s.chain.query(&self.pool, "quote", &args![product, amount, term_ms, buyer])
    }

    /// `buyer` buys `amount` of cover on `product` for `term_ms`, paying at most `max_premium`.
    pub fn buy(&self, s: &mut Suite, buyer: &Address, product: u32, amount: u128, term_ms: u64, max_premium: u128) -> Result<u128, CoverError> {
        s.chain.call(buyer, &self.pool, "buy_cover", &args![product, amount, term_ms, max_premium])
    }

    /// `holder` files a claim on `policy`; returns its id and the claim as the pool recorded it.
    pub fn file_claim(&self, s: &mut Suite, holder: &Address, policy: u128) -> Result<(u64, Claim), CoverError> {
        let id: u64 = s.chain.call::<Result<u64, CoverError>>(holder, &self.pool, "file_claim", &args![policy])?;
        let claim: Option<Claim> = s.chain.query(&self.pool, "claim", &args![id]);
        Ok((id, claim.expect("a filed claim is recorded")))
    }

    /// The claims desk pays (`pay`) or rejects claim `id`; returns what was paid.
    pub fn settle(&self, s: &mut Suite, id: u64, pay: bool) -> Result<u128, CoverError> {
        let desk = self.claims.clone();
        s.chain.call(&desk, &self.pool, "settle_claim", &args![id, pay])
    }

    /// The pool's capital now.
    pub fn capital(&self, s: &mut Suite) -> Capital {
        let r: Result<Capital, CoverError> = s.chain.query(&self.pool, "capital", &args![]);
        r.expect("capital")
    }

    /// `account`'s balance of the cover asset.
    pub fn usd_of(&self, s: &mut Suite, account: &Address) -> u128 {
        s.balance(&self.usd.clone(), account)
    }
}

/// TOKE staked behind the reactor in the cover scenarios.
pub const PLENTY_OF_STAKE: u128 = 10_000_000 * E18;
/// TOKE placed as PCV in the cover scenarios.
pub const PCV_TOKE: u128 = 400_000 * E18;
/// The registry-test suite: PCV placed, four LPs of 10 WETH, rolled into cycle 1; the cover
/// market deployed over it with 100,000 USD underwritten; depth measured at the AMM.
pub fn market() -> (Suite, Cover, Vec<Address>, Address) {
    let mut s = Suite::new(1, PLENTY_OF_STAKE);
    s.place_pcv(PCV_TOKE);
    let mut lps = Vec::new();
    for name in ["lp-1", "lp-2", "lp-3", "lp-4"] {
        let lp = s.chain.user(name);
        s.mint_weth(&lp, 10 * E18);
        assert_eq!(s.deposit(&lp, 10 * E18), Ok(10 * E18));
        lps.push(lp);
    }
    let keeper = s.chain.user("keeper");
    s.to_next_cycle();
    s.rollover(&keeper).expect("the first rollover");
    let cover = Cover::deploy(&mut s);
    cover.underwriter(&mut s, "underwriter-1", 100_000 * USD);
    let (admin, registry, venue) = (s.admin.clone(), s.registry.clone(), s.venues[0].clone());
    let r: Result<(), RegistryError> = s.chain.call(&admin, &registry, "set_venue", &args![TWETH, Some(venue.clone()), E18]);
    r.expect("depth is measured for 1 WETH at the AMM");
    observe_depth(&mut s, &keeper);
    (s, cover, lps, keeper)
}

/// A keeper measures tWETH's depth at the AMM; returns it.
pub fn observe_depth(s: &mut Suite, keeper: &Address) -> u128 {
    let registry = s.registry.clone();
    let r: Result<u128, RegistryError> = s.chain.call(keeper, &registry, "observe_depth", &args![TWETH]);
    r.expect("depth")
}

/// A keeper strikes the reactor's NAV; returns it.
pub fn strike(s: &mut Suite, keeper: &Address) -> u128 {
    let reactor = s.reactor.clone();
    let r: Result<u128, ReactorError> = s.chain.call(keeper, &reactor, "strike_nav", &args![]);
    r.expect("strike")
}

/// WETH quadruples against TOKE and keeps going: PCV is used up and tWETH's NAV falls; an hour
/// later (the TWAP caught up) a keeper strikes it. Returns the struck NAV.
pub fn crash(s: &mut Suite, keeper: &Address) -> u128 {
    let whale = s.trader("whale", E18, 5_000_000 * E18);
    s.swap(&whale, 0, false, 277_000 * E18);
    s.swap(&whale, 0, false, 1_500_000 * E18);
    s.chain.advance_time(HOUR_MS);
    strike(s, keeper)
}
