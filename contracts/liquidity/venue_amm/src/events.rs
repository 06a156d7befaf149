//! Events of the AMM venue (role changes, pauses and upgrades use `laas_access`'s shared
//! events).

use ink::primitives::AccountId;

/// Liquidity was added.
#[ink::event]
pub struct LiquidityAdded {
    /// The provider.
    #[ink(topic)]
    pub provider: AccountId,
    /// Asset taken.
    pub asset: u128,
    /// Pairing token taken.
    pub pairing: u128,
    /// Shares minted to the provider.
    pub shares: u128,
}

/// Liquidity was removed.
#[ink::event]
pub struct LiquidityRemoved {
    /// The provider.
    #[ink(topic)]
    pub provider: AccountId,
    /// Asset paid out.
    pub asset: u128,
    /// Pairing token paid out.
    pub pairing: u128,
    /// Shares burnt.
    pub shares: u128,
}

/// A swap happened.
#[ink::event]
pub struct Swapped {
    /// The trader.
    #[ink(topic)]
    pub trader: AccountId,
    /// True if the asset went in (and the pairing token came out).
    pub asset_in: bool,
    /// Amount paid in, fee included.
    pub amount_in: u128,
    /// Amount paid out.
    pub amount_out: u128,
    /// Fee set apart for LPs, in the input token.
    pub fee: u128,
}

/// An LP collected fees.
#[ink::event]
pub struct FeesCollected {
    /// The provider.
    #[ink(topic)]
    pub provider: AccountId,
    /// Asset fees paid.
    pub asset: u128,
    /// Pairing fees paid.
    pub pairing: u128,
}

/// Oracle parameters changed.
#[ink::event]
pub struct OracleParamsChanged {
    /// New TWAP window, ms.
    pub window_ms: u64,
    /// New tolerated spot/TWAP distance for venue deploys, bps.
    pub max_deviation_bps: u16,
}
