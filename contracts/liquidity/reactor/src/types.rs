//! The reactor's parameters and records, as stored and as its messages take and return them.

use crate::errors::{ReactorError, Result};
use ink::primitives::AccountId;
use laas_math::{add, apply_bps, sub, Rounding, BPS};
use laas_traits::PoolConfig;

/// An amount of the asset and of the pairing token (TOKE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Pair {
    /// The reactor's asset.
    pub asset: u128,
    /// The pairing token.
    pub pairing: u128,
}

impl Pair {
    pub(crate) fn plus(self, asset: u128, pairing: u128) -> Result<Pair> {
        Ok(Pair { asset: add(self.asset, asset)?, pairing: add(self.pairing, pairing)? })
    }
    pub(crate) fn minus(self, asset: u128, pairing: u128) -> Result<Pair> {
        Ok(Pair { asset: sub(self.asset, asset)?, pairing: sub(self.pairing, pairing)? })
    }
}

/// Governance parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Config {
    /// Receives the protocol's fee share; the only account that places and withdraws PCV
    /// (the `Treasury` role).
    pub treasury: AccountId,
    /// Receives the liquidity directors' fee share (LD staking, once deployed).
    pub ld_recipient: AccountId,
    /// Largest tAsset supply deposits may reach.
    pub deposit_cap: u128,
    /// While NAV is below 1, a deposit needs a strike at most this old, ms.
    pub max_nav_age_ms: u64,
    /// A matured request not withdrawn within this many epochs expires (2 to 520; it may only
    /// grow).
    pub expiry_epochs: u32,
    /// LPs' share of venue fees, bps.
    pub lp_fee_bps: u16,
    /// Liquidity directors' share of venue fees, bps. The treasury takes the rest.
    pub ld_fee_bps: u16,
    /// Idle buffer kept out of venues, bps of the tAsset supply.
    pub reserve_bps: u16,
    /// Deployment cap as a multiple of the LD stake's value, bps (20,000 = 2×).
    pub collateral_bps: u32,
}

impl Config {
    /// Asset the reactor keeps idle for requests to come: `reserve_bps` of the tAssets not
    /// under matured requests (`active`), rounded up.
    pub(crate) fn buffer(&self, active: u128) -> Result<u128> {
        Ok(apply_bps(active, u128::from(self.reserve_bps), Rounding::Up)?)
    }

    /// The pool's parameters these give, paused or not.
    pub(crate) fn pool_config(&self, paused: bool) -> PoolConfig {
        PoolConfig { deposit_cap: self.deposit_cap, max_nav_age_ms: self.max_nav_age_ms, expiry_epochs: self.expiry_epochs, paused }
    }

    pub(crate) fn validate(&self) -> Result<()> {
        let fees = u128::from(self.lp_fee_bps).saturating_add(u128::from(self.ld_fee_bps));
        if fees > BPS || u128::from(self.reserve_bps) > BPS || !self.pool_config(false).expiry_in_range() {
            return Err(ReactorError::InvalidConfig);
        }
        Ok(())
    }
}

/// Where the LD stake that collateralizes deployments is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Collateral {
    /// A TOKE amount set by the admin (before LD staking exists).
    Fixed(u128),
    /// A [`StakeSource`] contract (LD staking), asked at every rollover.
    Source(AccountId),
}

/// TOKE emissions to this reactor's LPs and LDs (SPEC §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Emissions {
    /// TOKE emitted per cycle when LD stake and LP assets are balanced.
    pub rate: u128,
    /// Target ratio `R*` of LD stake value to LP value, 1e18 (default 1.0).
    pub target_ratio: u128,
    /// Multiplier of the rate for a genesis reactor, bps (20,000 = 2×; below 10,000 counts
    /// as 1×). Above 10,000 only on a genesis reactor.
    pub genesis_multiplier_bps: u32,
    /// The multiplier applies to rollovers into cycles up to this one.
    pub genesis_until: u32,
}

/// A venue and the share of deployable liquidity it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct VenueSlot {
    /// The venue contract (implements [`Venue`]).
    pub venue: AccountId,
    /// Its weight, bps; weights add up to at most 10,000 (the rest stays idle).
    pub weight_bps: u16,
}

/// What the treasury has moved into and out of a reactor as PCV, cumulatively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PcvFlows {
    /// Placed by `place_pcv`.
    pub placed: Pair,
    /// Returned by `withdraw_pcv`.
    pub withdrawn: Pair,
}

/// The treasury's view of a reactor (SPEC §3.8): what it put in and took out, and what the
/// PCV is worth now after what the LPs still in are owed. The emission budget (also the
/// treasury's) is not in it: `State::emission_budget` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Pcv {
    /// PCV placed and withdrawn so far.
    pub flows: PcvFlows,
    /// Everything backing the LPs' tAssets and the PCV, valued now at the venues' TWAPs, in
    /// the asset (payouts owed to matured requests already taken out).
    pub holdings: u128,
    /// What the tAssets not under matured requests are owed: their number at par, or the
    /// holdings if those fall short (PCV is junior capital).
    pub lp_liabilities: u128,
    /// What is left for the treasury: `holdings − lp_liabilities`.
    pub value: u128,
}

/// The reactor's side of the books, for dapps (the pool's are `ManagedPool::books` on its
/// tAsset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct State {
    /// The cycle last rolled into.
    pub cycle: u32,
    /// The epoch the last rollover opened (rollovers since creation).
    pub epoch: u32,
    /// When the next rollover becomes possible, ms.
    pub next_rollover_ms: u64,
    /// NAV per tAsset at the last strike, 1e18.
    pub nav: u128,
    /// When it was struck, ms.
    pub struck_ms: u64,
    /// Asset and TOKE held idle by the reactor (PCV included).
    pub idle: Pair,
    /// TOKE left in the emission budget.
    pub emission_budget: u128,
}

/// Where a reactor stands against the singularity (`Reactor::singularity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Singularity {
    /// PCV's share of the deployed liquidity, bps: `min(1, pcv_value / deployed)`.
    pub ratio_bps: u16,
    /// The PCV's value now, in the asset (`Pcv::value`).
    pub pcv_value: u128,
    /// The liquidity deployed to venues, both sides, valued at their TWAPs, in the asset.
    pub deployed: u128,
    /// The ratio from which governance may switch the LPs' emissions off, bps.
    pub threshold_bps: u16,
    /// Whether the LPs' emissions are off (the LDs' go on; the LPs' share stays budgeted).
    pub lp_emissions_off: bool,
}
