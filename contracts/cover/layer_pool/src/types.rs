//! What a layer pool stores and answers, and its error.

use laas_capital::{AccountError, CapitalError};

pub use laas_capital::{Bucket, Withdrawal};
pub use laas_traits::layer::{IncidentKey, LayerError};

/// Results of the layer pool's messages.
pub type Result<T> = core::result::Result<T, LayerError>;

/// Which layer of the waterfall a pool is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Layer {
    /// Co-insurance above the primary's retention, up to its limit: higher risk, higher yield.
    Junior,
    /// Above the attachment point, or a share of every loss once a period's claims cross the
    /// aggregate threshold: long-term capital for the rare large loss.
    Reinsurance,
}

/// The ledger's error as the layer's.
pub fn capital_error(e: CapitalError) -> LayerError {
    match e {
        CapitalError::Math(e) => LayerError::Math(e),
        CapitalError::NoValue => LayerError::NoValue,
    }
}

/// An account refusal as the layer's error.
pub fn account_error(e: AccountError) -> LayerError {
    match e {
        AccountError::ZeroAmount => LayerError::ZeroAmount,
        AccountError::InsufficientShares => LayerError::InsufficientShares,
        AccountError::CooldownActive { ready_ms } => LayerError::CooldownActive { ready_ms },
        AccountError::RequestExpired => LayerError::RequestExpired,
        AccountError::CapitalLocked { free } => LayerError::CapitalLocked { free },
        AccountError::Capital(e) => capital_error(e),
    }
}

/// A layer pool's tunable parameters (admin-set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct LayerParams {
    /// Between a withdrawal request and when it may be withdrawn, ms (long for reinsurance).
    pub cooldown_ms: u64,
    /// How long a ripe request may be withdrawn, ms (> 0).
    pub withdraw_window_ms: u64,
}

impl LayerParams {
    /// Errors: `InvalidParams` (an empty window).
    pub fn validate(&self) -> Result<()> {
        if self.withdraw_window_ms == 0 {
            return Err(LayerError::InvalidParams);
        }
        Ok(())
    }
}

/// The layer's capital now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct LayerCapital {
    /// The cover asset held for shareholders.
    pub funds: u128,
    /// Premium shares not yet earned.
    pub unearned: u128,
    /// Held by the primary pool for claims filed and not settled.
    pub held: u128,
    /// What the shares are worth: funds − unearned − held.
    pub value: u128,
    /// Exposure in force (the layer's part of every policy's max payout).
    pub exposure: u128,
    /// The layer's per-incident limit, as the primary pool last set it.
    pub limit: u128,
    /// Locked: min(exposure, limit) behind cover in force, plus what is held.
    pub locked: u128,
    /// What may be withdrawn now.
    pub free: u128,
    /// Shares outstanding.
    pub shares: u128,
    /// Whether every passed expiry bucket is processed.
    pub current: bool,
}

/// What the layer has paid: in total, and how many incidents it has paid on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Payouts {
    /// Paid to claimants, in total.
    pub paid: u128,
    /// Incidents it paid on (activations, for the reinsurance).
    pub incidents: u32,
    /// Promised but not paid for want of funds (the primary pool records the shortfall too).
    pub shortfall: u128,
    /// Taken back from operators (a maturity guarantee's recovery), in total.
    pub recovered: u128,
}
