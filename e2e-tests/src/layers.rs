//! The capital layers over a deployed [`Cover`]: a junior pool and a reinsurance pool
//! (`layer_pool`, one contract deployed twice), set as the primary pool's layers with a
//! premium split, each with shareholders' capital behind it.

use crate::cover::{Cover, USD};
use crate::suite::{Suite, DAY_MS, HOUR_MS};
use crate::{args, args::Raw, Address};
use laas_traits::{LayerError, PSP22Error};
use layer_pool::layer_pool::{LayerCapital, Payouts};
use primary_pool::primary_pool::CoverError;

/// Junior shareholders may leave a day after asking, for a week.
pub const JUNIOR_PARAMS: &str = "LayerParams { cooldown_ms: 86400000, withdraw_window_ms: 604800000 }";
/// Reinsurance capital is long-term: thirty days' notice.
pub const REINSURANCE_PARAMS: &str = "LayerParams { cooldown_ms: 2592000000, withdraw_window_ms: 604800000 }";

/// The waterfall of the scenarios, in whole USD: the primary retains 1,000 of every incident,
/// the junior takes the next 2,000, the reinsurance attaches at 3,000 for up to 20,000 — and
/// once 5,000 has been paid in a period, takes half of every new incident off the top.
/// Premiums: 20% to the junior, 10% to the reinsurance, 5% to the treasury.
pub struct Terms {
    pub retention: u128,
    pub junior_limit: u128,
    pub reinsurance_limit: u128,
    pub aggregate_threshold: u128,
    pub aggregate_share_bps: u32,
    pub junior_premium_bps: u32,
    pub reinsurance_premium_bps: u32,
    pub treasury_premium_bps: u32,
}

/// The scenarios' terms.
pub const TERMS: Terms = Terms {
    retention: 1_000 * USD,
    junior_limit: 2_000 * USD,
    reinsurance_limit: 20_000 * USD,
    aggregate_threshold: 5_000 * USD,
    aggregate_share_bps: 5_000,
    junior_premium_bps: 2_000,
    reinsurance_premium_bps: 1_000,
    treasury_premium_bps: 500,
};

/// The two layers and the treasury the premium share goes to.
pub struct Layers {
    pub junior: Address,
    pub reinsurance: Address,
    pub treasury: Address,
}

impl Terms {
    /// The primary pool's `LayerSetup` for these terms, in transcoder syntax.
    pub fn setup(&self, junior: Option<&Address>, reinsurance: Option<&Address>, attachment: u128, treasury: &Address) -> String {
        let opt = |a: Option<&Address>| a.map_or(String::from("None"), |a| format!("Some({a})"));
        format!(
            "LayerSetup {{ junior: {}, reinsurance: {}, retention: {}, junior_limit: {}, attachment: {attachment}, reinsurance_limit: {}, aggregate_threshold: {}, aggregate_share_bps: {}, junior_premium_bps: {}, reinsurance_premium_bps: {}, treasury_premium_bps: {}, treasury: {treasury} }}",
            opt(junior),
            opt(reinsurance),
            self.retention,
            self.junior_limit,
            self.reinsurance_limit,
            self.aggregate_threshold,
            self.aggregate_share_bps,
            self.junior_premium_bps,
            self.reinsurance_premium_bps,
            self.treasury_premium_bps,
        )
    }
}

impl Layers {
    /// Deploys the junior and the reinsurance pool over `cover`'s primary pool (its hourly
    /// buckets) and sets them as its layers with [`TERMS`].
    pub fn deploy(s: &mut Suite, cover: &Cover) -> Self {
        let admin = s.admin.clone();
        let treasury = s.chain.user("dao-treasury");
        let junior = s.chain.deploy(&admin, "layer_pool", "new", &args![cover.usd, cover.pool, Raw("Junior".into()), HOUR_MS, Raw(JUNIOR_PARAMS.into())], vec![1]);
        let reinsurance = s.chain.deploy(&admin, "layer_pool", "new", &args![cover.usd, cover.pool, Raw("Reinsurance".into()), HOUR_MS, Raw(REINSURANCE_PARAMS.into())], vec![2]);
        let attachment = TERMS.retention + TERMS.junior_limit;
        let setup = TERMS.setup(Some(&junior), Some(&reinsurance), attachment, &treasury);
        let r: Result<(), CoverError> = cover.admin(s, "set_layers", vec![setup]);
        r.expect("the layers are set");
        Self { junior, reinsurance, treasury }
    }

    /// A shareholder `name` deposits `amount` in `layer`; returns it and its shares.
    pub fn shareholder(&self, s: &mut Suite, cover: &Cover, layer: &Address, name: &str, amount: u128) -> (Address, u128) {
        let who = s.chain.user(name);
        let admin = s.admin.clone();
        let r: Result<(), test_asset::test_asset::Error> = s.chain.call(&admin, &cover.usd, "mint", &args![who, amount]);
        r.expect("mint USD");
        let r: Result<(), PSP22Error> = s.chain.call(&who, &cover.usd, "PSP22::approve", &args![layer, amount]);
        r.expect("approve the layer");
        let r: Result<u128, LayerError> = s.chain.call(&who, layer, "deposit", &args![amount]);
        (who, r.expect("a shareholder deposits"))
    }

    /// `layer`'s capital now.
    pub fn capital(s: &mut Suite, layer: &Address) -> LayerCapital {
        let r: Result<LayerCapital, LayerError> = s.chain.query(layer, "capital", &args![]);
        r.expect("capital")
    }

    /// What `layer` has paid.
    pub fn payouts(s: &mut Suite, layer: &Address) -> Payouts {
        s.chain.query(layer, "payouts", &args![])
    }
}

/// The scenarios' cover term: thirty days.
pub const TERM_MS: u64 = 30 * DAY_MS;
