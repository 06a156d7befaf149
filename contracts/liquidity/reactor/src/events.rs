//! Events of the reactor (role changes, pauses and upgrades use `laas_access`'s shared events).

use crate::errors::ReactorError;
use crate::types::{Collateral, Config, Emissions, Pair, VenueSlot};
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_traits::PoolCode;

/// NAV was struck between rollovers (by anyone who paid for it).
#[ink::event]
pub struct NavStruck {
    /// NAV per tAsset, 1e18.
    pub nav: u128,
    /// What the LPs' tAssets are backed by, valued in the asset at time-weighted prices.
    pub holdings: u128,
    /// tAssets sharing it (those not under matured requests).
    pub supply: u128,
}

/// A rollover completed.
#[ink::event]
pub struct RolledOver {
    /// The cycle rolled into.
    #[ink(topic)]
    pub cycle: u32,
    /// The epoch this rollover opened.
    #[ink(topic)]
    pub epoch: u32,
    /// NAV struck, 1e18.
    pub nav: u128,
    /// What the LPs' tAssets are backed by, valued in the asset at time-weighted prices.
    pub holdings: u128,
    /// tAssets sharing it (those not under matured requests when it was struck).
    pub supply: u128,
    /// Asset the venues may hold after this rollover.
    pub deployable: u128,
}

/// Venue fees collected at a rollover and how they were shared.
#[ink::event]
pub struct FeesDistributed {
    /// Sent to the pool for the tAssets held through the closing epoch.
    pub lp: Pair,
    /// Sent to the LD recipient.
    pub ld: Pair,
    /// Sent to the treasury.
    pub treasury: Pair,
}

/// TOKE emitted at a rollover.
#[ink::event]
pub struct Emitted {
    /// Emission offered this rollover (rate × cycles × multiplier, capped by the budget).
    pub offered: u128,
    /// Credited to tAsset holders.
    pub lp: u128,
    /// Paid to liquidity directors.
    pub ld: u128,
    /// Budget left.
    pub budget: u128,
}

/// The treasury funded emissions.
#[ink::event]
pub struct EmissionsFunded {
    /// TOKE added.
    pub amount: u128,
    /// Budget now.
    pub budget: u128,
}

/// Emission parameters changed.
#[ink::event]
pub struct EmissionsChanged {
    /// The new parameters.
    pub emissions: Emissions,
}

/// Liquidity moved into a venue.
#[ink::event]
pub struct Deployed {
    /// The venue.
    #[ink(topic)]
    pub venue: AccountId,
    /// Amounts added.
    pub amounts: Pair,
}

/// Liquidity pulled back from a venue.
#[ink::event]
pub struct Recalled {
    /// The venue.
    #[ink(topic)]
    pub venue: AccountId,
    /// Amounts received.
    pub amounts: Pair,
}

/// A venue refused a step of the rollover; the rollover went on without it.
#[ink::event]
pub struct VenueSkipped {
    /// The venue.
    #[ink(topic)]
    pub venue: AccountId,
    /// Why.
    pub error: ReactorError,
}

/// The treasury placed (`placed = true`) or withdrew PCV.
#[ink::event]
pub struct PcvMoved {
    /// Direction.
    pub placed: bool,
    /// Amounts.
    pub amounts: Pair,
}

/// Parameters changed.
#[ink::event]
pub struct ConfigChanged {
    /// The new parameters.
    pub config: Config,
}

/// The collateral source changed.
#[ink::event]
pub struct CollateralChanged {
    /// The new source.
    pub collateral: Collateral,
}

/// The pool's (tAsset's) codes were replaced through this reactor.
#[ink::event]
pub struct TAssetUpgraded {
    /// The pool's new codes: its own and its books code.
    #[ink(topic)]
    pub code: PoolCode,
}

/// The venue list changed.
#[ink::event]
pub struct VenuesChanged {
    /// The new list.
    pub venues: Vec<VenueSlot>,
}

/// The position registry refused (or failed on) this reactor's report of its NAV, supply and
/// queue; the rollover or strike went on without it.
#[ink::event]
pub struct RegistryRefused {
    /// The registry.
    #[ink(topic)]
    pub registry: AccountId,
}

/// Governance set the singularity threshold, or switched the LPs' emissions off.
#[ink::event]
pub struct SingularityChanged {
    /// The threshold, bps.
    pub threshold_bps: u16,
    /// Whether the LPs' emissions are off.
    pub lp_emissions_off: bool,
    /// The ratio when it changed, bps (0 when only the threshold was set).
    pub ratio_bps: u16,
}

/// The treasury took TOKE back from the emission budget.
#[ink::event]
pub struct EmissionsWithdrawn {
    /// TOKE returned.
    pub amount: u128,
    /// Budget left.
    pub budget: u128,
}
