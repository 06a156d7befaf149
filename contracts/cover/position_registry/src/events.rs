//! Events of the position registry (role changes use `laas_access`'s shared events).

use crate::types::{Feed, Params, Receipt, Registration};
use ink::primitives::AccountId;

/// A position was registered.
#[ink::event]
pub struct PositionRegistered {
    /// Its id.
    #[ink(topic)]
    pub position: u32,
    /// Its token.
    #[ink(topic)]
    pub token: AccountId,
    /// What was registered.
    pub registration: Registration,
}

/// A position's operator, related parties, venue or reference size changed.
#[ink::event]
pub struct PositionChanged {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// Its registration now.
    pub registration: Registration,
}

/// An observable got a new value: a first-party push, a depth reading, an epoch's median.
#[ink::event]
pub struct Observed {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// The observable.
    pub feed: Feed,
    /// The value observed (NAV 1e18, queue bps, depth bps, delay ms, settlement ms).
    pub value: u128,
}

/// A rollover's reward-distribution receipt was recorded.
#[ink::event]
pub struct ReceiptRecorded {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// The receipt.
    pub receipt: Receipt,
}

/// An account was whitelisted (or struck off) as a reporter of a position.
#[ink::event]
pub struct ReporterAllowed {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// The account.
    #[ink(topic)]
    pub reporter: AccountId,
    /// Whitelisted or not.
    pub allowed: bool,
}

/// A reporter joined a position with a bond.
#[ink::event]
pub struct ReporterJoined {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// The reporter.
    #[ink(topic)]
    pub reporter: AccountId,
    /// Its bond.
    pub bond: u128,
}

/// A reporter stopped reporting: it left, was struck off, or was removed for deviating.
#[ink::event]
pub struct ReporterLeft {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// The reporter.
    #[ink(topic)]
    pub reporter: AccountId,
    /// Bond slashed to the treasury (0 unless removed for deviating).
    pub slashed: u128,
    /// When the rest of its bond may be withdrawn, ms.
    pub unlock_ms: u64,
}

/// A reporter withdrew its bond.
#[ink::event]
pub struct BondWithdrawn {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// The reporter.
    #[ink(topic)]
    pub reporter: AccountId,
    /// The bond paid back.
    pub amount: u128,
}

/// A report was made.
#[ink::event]
pub struct Reported {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// The reporter.
    #[ink(topic)]
    pub reporter: AccountId,
    /// The observable.
    pub feed: Feed,
    /// The epoch.
    pub epoch: u64,
    /// The value.
    pub value: u128,
}

/// An epoch's reports were closed: their median became the observable's value (`median`
/// set), or there were too few to count (`None`).
#[ink::event]
pub struct RoundClosed {
    /// The position.
    #[ink(topic)]
    pub position: u32,
    /// The observable.
    pub feed: Feed,
    /// The epoch.
    pub epoch: u64,
    /// How many reports it had.
    pub reports: u32,
    /// Their median, when there were enough.
    pub median: Option<u128>,
}

/// Slashed bonds were sent to the treasury.
#[ink::event]
pub struct SlashesSwept {
    /// The treasury.
    #[ink(topic)]
    pub treasury: AccountId,
    /// The amount.
    pub amount: u128,
}

/// The parameters changed.
#[ink::event]
pub struct ParamsChanged {
    /// The new parameters.
    pub params: Params,
}
