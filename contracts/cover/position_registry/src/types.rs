//! What the registry stores and answers: its parameters, the observables' slots, the NAV
//! history's buckets, reporters and their rounds.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
pub use laas_traits::registry::{Class, Observation, Reading, Receipt, Registration, RegistryError, Underwriting};

/// Results of the registry's messages.
pub type Result<T> = core::result::Result<T, RegistryError>;

/// Buckets of NAV history kept per position: the longest drawdown window is
/// `NAV_BUCKETS × bucket_ms`.
pub const NAV_BUCKETS: u64 = 64;

/// Most epochs a reporter's deviations are counted over (the bits of its mark).
pub const MAX_DEVIATION_EPOCHS: u8 = 64;

/// One day, ms: the unit of `congestion`.
pub const DAY_MS: u64 = 86_400_000;

/// An observable a position has (SPEC §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Feed {
    /// NAV per share, 1e18. First-party for an Open position with a source.
    Nav,
    /// Shares whose redemption is due and unpaid, bps of the supply. First-party for an Open
    /// position with a source.
    Queue,
    /// Redemptions, bps of the supply per day: for a position with a source, the requests
    /// each rollover matured (firm) over the days since the one before. First-party for an
    /// Open position with a source.
    Requests,
    /// Price impact of buying the reference size, bps. Measured at the position's venue
    /// when it has one (`observe_depth`), else reported.
    Depth,
    /// Cross-chain message confirmation delay, ms. Always reported.
    BridgeDelay,
    /// When the Term position settled, ms (0: not yet). First-party for a Term position with
    /// a source; final once recorded.
    Settlement,
}

impl Feed {
    /// Every observable, in order.
    pub const ALL: [Feed; 6] = [Feed::Nav, Feed::Queue, Feed::Requests, Feed::Depth, Feed::BridgeDelay, Feed::Settlement];

    /// Whether a higher value is the safe side (no payout comes from it): NAV (a drawdown
    /// pays). For the others (queues, depth, delays, settlement times, with "not settled" read
    /// as the latest of all) a lower value is. An epoch whose reports split evenly takes the
    /// middle report on the safe side.
    pub fn higher_is_safe(self) -> bool {
        matches!(self, Feed::Nav)
    }

    /// The largest value a report may carry (`InvalidValue` above): 100% for the shares of
    /// the supply and the price impact, any other number otherwise (a settlement is also
    /// checked against the clock).
    pub fn max_value(self) -> u128 {
        match self {
            Feed::Queue | Feed::Requests | Feed::Depth => 10_000,
            _ => u128::MAX,
        }
    }

    /// The smallest difference from the median that can count as a deviation, whatever the
    /// relative band: a quarter of a percent of the supply or price, a second of delay.
    pub fn deviation_floor(self) -> u128 {
        match self {
            Feed::Queue | Feed::Requests | Feed::Depth => 25,
            Feed::BridgeDelay => 1_000,
            Feed::Nav | Feed::Settlement => 0,
        }
    }
}

/// A registered position.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Position {
    /// Its id.
    pub id: u32,
    /// What was registered (token, class, operator, related parties, source, venue).
    pub registration: Registration,
    /// When it was registered, ms.
    pub registered_ms: u64,
}

/// The registry's tunable parameters (admin-set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Params {
    /// Data older than this prices and triggers nothing, ms.
    pub max_age_ms: u64,
    /// Window of the time-weighted smoothing of market observables, ms.
    pub smoothing_ms: u64,
    /// Smallest bond a reporter joins with, in the bond token.
    pub min_bond: u128,
    /// A report further than this from its epoch's median deviates, bps of the median.
    pub band_bps: u16,
    /// A reporter deviating more than this many times…
    pub max_deviations: u8,
    /// …within this many epochs (≤ 64) is removed and slashed.
    pub deviation_epochs: u8,
    /// Part of a removed reporter's bond sent to the treasury, bps.
    pub slash_bps: u16,
    /// A leaving reporter's bond returns after this long, ms (at least one reporting epoch,
    /// so its last reports are counted, and marked, first).
    pub cooldown_ms: u64,
}

impl Params {
    /// Errors: `InvalidParams` (a zero age or window, a band of 0 or above 100%, no room for
    /// a deviation count within the epochs counted, a slash above 100%, a cooldown shorter than
    /// a reporting epoch of `epoch_ms`).
    pub fn validate(&self, epoch_ms: u64) -> Result<()> {
        let ok = self.max_age_ms > 0
            && self.cooldown_ms >= epoch_ms
            && self.smoothing_ms > 0
            && self.band_bps > 0
            && self.band_bps <= 10_000
            && self.deviation_epochs > 0
            && self.deviation_epochs <= MAX_DEVIATION_EPOCHS
            && self.max_deviations < self.deviation_epochs
            && self.slash_bps <= 10_000;
        if ok { Ok(()) } else { Err(RegistryError::InvalidParams) }
    }
}

/// The current value of one observable of one position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Slot {
    /// The latest observation (a push, an epoch's median, a depth reading).
    pub raw: u128,
    /// The time-weighted smoothed value as of `updated_ms` (market observables).
    pub smoothed: u128,
    /// When it was last observed, ms.
    pub updated_ms: u64,
    /// Queue only: since when it has been seen non-empty, ms (0: empty).
    pub since_ms: u64,
}

/// One bucket of a position's NAV history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Bucket {
    /// Which bucket of time it holds (`ms / bucket_ms`); a slot holding an older index is
    /// empty for the current pass of the ring.
    pub index: u64,
    /// Highest NAV observed in it, 1e18.
    pub peak: u128,
    /// The last NAV observed in it (in force until the next observation), 1e18.
    pub last: u128,
}

/// A reporter of one position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Reporter {
    /// The bond held, in the bond token.
    pub bond: u128,
    /// Whether it reports now (false once it left or was removed).
    pub active: bool,
    /// When its bond may be withdrawn, ms (once inactive).
    pub unlock_ms: u64,
    /// One bit per epoch, newest lowest: whether it deviated then.
    pub marks: u64,
    /// The epoch of the lowest bit of `marks`.
    pub marked_epoch: u64,
    /// The epoch it joined in: it reports from the next one.
    pub joined_epoch: u64,
}

/// The reports of one observable of one position in one epoch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Round {
    /// The epoch.
    pub epoch: u64,
    /// Reporters entitled to report in it (active and seated before it), counted when it
    /// opened: its quorum is the larger of 3 and a majority of them.
    pub eligible: u32,
    /// Each reporter's value (≤ 15).
    pub reports: Vec<(AccountId, u128)>,
}


/// Everything known of one position's observables, for a dapp.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Snapshot {
    /// The position.
    pub position: Position,
    /// NAV, queue, requests, depth, bridge delay and settlement slots, in [`Feed::ALL`] order.
    pub slots: Vec<Slot>,
    /// The last reward-distribution receipt and when it came, ms.
    pub receipt: Option<(Receipt, u64)>,
    /// Active reporters.
    pub reporters: Vec<AccountId>,
}
