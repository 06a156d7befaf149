//! The DeGenesis pool's events: enough to rebuild every account's deposit and outcome.

use crate::types::{Published, Split};
use ink::primitives::AccountId;

/// The event was set up: its terms are `GenesisPool::config`.
#[ink::event]
pub struct Opened {
    /// The organiser (admin).
    #[ink(topic)]
    pub organiser: AccountId,
    /// The whitelist's Merkle root.
    pub root: [u8; 32],
    /// Deposits close at this time, ms.
    pub deposits_end_ms: u64,
    /// The organiser must publish by this time, ms.
    pub publish_by_ms: u64,
}

/// A whitelisted account deposited.
#[ink::event]
pub struct Deposited {
    /// Who.
    #[ink(topic)]
    pub account: AccountId,
    /// The asset's index.
    pub asset: u8,
    /// The amount.
    pub amount: u128,
    /// Its value.
    pub value: u128,
    /// The event's total value now.
    pub total: u128,
}

/// An account took its whole deposit back.
#[ink::event]
pub struct Withdrawn {
    /// Who.
    #[ink(topic)]
    pub account: AccountId,
    /// The asset's index.
    pub asset: u8,
    /// The amount.
    pub amount: u128,
    /// The event's total value now.
    pub total: u128,
}

/// The organiser published the TOKE price and the rate; the pool took the TOKE needed from
/// the treasury.
#[ink::event]
pub struct TermsPublished {
    /// The terms.
    pub terms: Published,
    /// The total value deposited then.
    pub total: u128,
    /// TOKE taken from the treasury.
    pub toke: u128,
}

/// An account's deposit was finalised.
#[ink::event]
pub struct Finalized {
    /// Who.
    #[ink(topic)]
    pub account: AccountId,
    /// The asset's index.
    pub asset: u8,
    /// How it split.
    pub split: Split,
    /// Whether the TOKE was staked vesting (else transferred).
    pub vested: bool,
    /// tAssets minted for the ineffective part (`None`: refunded).
    pub tassets: Option<u128>,
}

/// LD staking refused an account's vested TOKE: it waits in the pool for `deliver`.
#[ink::event]
pub struct DeliveryPending {
    /// Who.
    #[ink(topic)]
    pub account: AccountId,
    /// The TOKE waiting.
    pub toke: u128,
}

/// Vested TOKE that was waiting was staked for its account, or transferred to it.
#[ink::event]
pub struct Delivered {
    /// Who.
    #[ink(topic)]
    pub account: AccountId,
    /// The TOKE delivered.
    pub toke: u128,
    /// Transferred (true) or staked vesting (false).
    pub liquid: bool,
}

/// TOKE no account can claim any more went back to the treasury.
#[ink::event]
pub struct ExcessReturned {
    /// TOKE returned.
    pub toke: u128,
}
