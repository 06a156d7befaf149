//! The pool's stored records: reserves, liquidity providers, oracle state.

/// The pool's reserves (fees excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Reserves {
    /// The reactor asset.
    pub asset: u128,
    /// The pairing token.
    pub pairing: u128,
}

/// One liquidity provider's shares and fee accounting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Lp {
    /// Pool shares held.
    pub shares: u128,
    /// `fee_per_share` (asset, pairing) when this record was last settled.
    pub last_index: (u128, u128),
    /// Fees settled and not yet collected (asset, pairing).
    pub owed: (u128, u128),
}

/// Oracle state kept with the root (read on every reserve change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct OracleState {
    /// Running sum of price × ms (wrapping).
    pub cumulative: u128,
    /// Timestamp the running sum was last extended to, ms.
    pub last_update: u64,
    /// Timestamp of the newest observation, ms.
    pub last_observation: u64,
    /// Ring slot of the next observation.
    pub next_slot: u32,
    /// Observations stored (≤ ring size).
    pub filled: u32,
}
