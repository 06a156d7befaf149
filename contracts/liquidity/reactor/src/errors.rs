//! The reactor's error, and how the errors of what it calls are wrapped into it.

use laas_cycles::CycleError;
use laas_math::MathError;
use laas_traits::token::TokenCallError;
use laas_traits::{AccessError, PSP22Error, PoolError, StakeError, VenueError};

/// Errors of the reactor.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum ReactorError {
    /// A role check failed.
    Access(AccessError),
    /// A venue refused.
    Venue(VenueError),
    /// The reactor's pool (its tAsset) refused.
    Pool(PoolError),
    /// A token transfer failed.
    PSP22(PSP22Error),
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// The cycle schedule refused (e.g. `TooEarly`: this cycle has already rolled over).
    Cycle(CycleError),
    /// LD staking refused the rewards.
    Stake(StakeError),
    /// A zero amount was given.
    ZeroAmount,
    /// Not enough idle asset (or TOKE) in the reactor for this payment.
    InsufficientLiquidity,
    /// Only the treasury may place or withdraw PCV.
    NotTreasury,
    /// Fee shares, reserve buffer or tokens are out of range.
    InvalidConfig,
    /// Too many venues, duplicate venues, weights above 10,000 bps, or a venue trading
    /// other tokens.
    InvalidVenues,
    /// A venue being removed still holds part of the reactor's liquidity.
    VenueInUse,
    /// Withdrawing this PCV would leave LP claims or the reserve buffer uncovered.
    WouldUncoverLps,
    /// The asset does not publish a symbol.
    AssetMetadata,
    /// Only a genesis reactor may carry an emission multiplier above 1×.
    NotGenesis,
    /// A cross-contract call could not be made (missing contract, trap, bad reply).
    CallFailed,
    /// A cycle boundary has passed: the rollover, not a redeploy, deploys now.
    RolloverDue,
    /// The LPs' emissions stay on until PCV supplies `threshold_bps` of the deployed
    /// liquidity; it supplies `ratio_bps`.
    BelowSingularity {
        /// The ratio now, bps.
        ratio_bps: u16,
        /// The governance threshold, bps.
        threshold_bps: u16,
    },
    /// More than the emission budget holds.
    InsufficientBudget,
}

/// `From<E> for ReactorError` for each error a reactor passes on wrapped in a variant.
macro_rules! wrap_errors {
    ($($error:ty => $variant:ident),* $(,)?) => {$(
        impl From<$error> for ReactorError {
            fn from(e: $error) -> Self {
                ReactorError::$variant(e)
            }
        }
    )*};
}
wrap_errors!(
    MathError => Math,
    AccessError => Access,
    VenueError => Venue,
    PoolError => Pool,
    PSP22Error => PSP22,
    StakeError => Stake,
    CycleError => Cycle,
);
impl From<TokenCallError> for ReactorError {
    fn from(e: TokenCallError) -> Self {
        match e {
            TokenCallError::Token(e) => ReactorError::PSP22(e),
            TokenCallError::CallFailed => ReactorError::CallFailed,
        }
    }
}

/// Results of this contract's messages.
pub type Result<T> = core::result::Result<T, ReactorError>;
