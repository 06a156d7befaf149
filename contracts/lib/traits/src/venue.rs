//! Venues: where a reactor deploys its liquidity (the AMM pool, the pricer). A reactor holds a
//! position in each of its venues and drives it only through this interface.

use ink::primitives::AccountId;
use crate::access::AccessError;
use laas_math::MathError;
use psp22::PSP22Error;

/// Errors of venue operations.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum VenueError {
    /// A token transfer failed.
    PSP22(PSP22Error),
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// A zero amount was given.
    ZeroAmount,
    /// The deadline (block timestamp, ms) has passed.
    Expired,
    /// The result is worse than the caller's minimum.
    Slippage,
    /// Not enough liquidity for the operation.
    InsufficientLiquidity,
    /// The caller holds fewer shares than asked.
    InsufficientShares,
    /// The time-weighted price is not available yet (the pool is younger than the window).
    OracleNotReady,
    /// The spot price is too far from the time-weighted price (possible manipulation).
    PriceDeviation,
    /// A fraction above 10,000 basis points was asked.
    InvalidFraction,
    /// A role check failed (not admin, not guardian, paused).
    Access(AccessError),
    /// A token is not one of the venue's two tokens.
    UnknownToken,
    /// A call to a token contract could not be made.
    CallFailed,
    /// The pricer has posted no quote.
    NoQuote,
    /// The quote has expired.
    QuoteExpired,
    /// The trade is larger than the quote's maximum size.
    TooLarge,
    /// Only the appointed pricer may quote.
    NotPricer,
    /// Only the venue's reactor may deploy into it.
    NotReactor,
    /// A TWAP window shorter than the minimum, longer than the maximum, or longer than the
    /// price history the venue holds.
    InvalidWindow,
    /// The trade is larger than what is left of the quote's total size.
    QuoteSpent,
}

impl From<PSP22Error> for VenueError {
    fn from(e: PSP22Error) -> Self {
        VenueError::PSP22(e)
    }
}

impl From<crate::token::TokenCallError> for VenueError {
    fn from(e: crate::token::TokenCallError) -> Self {
        match e {
            crate::token::TokenCallError::Token(e) => VenueError::PSP22(e),
            crate::token::TokenCallError::CallFailed => VenueError::CallFailed,
        }
    }
}

impl From<AccessError> for VenueError {
    fn from(e: AccessError) -> Self {
        VenueError::Access(e)
    }
}

impl From<MathError> for VenueError {
    fn from(e: MathError) -> Self {
        VenueError::Math(e)
    }
}

/// A position's worth, split by token, valued at the venue's time-weighted price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct PositionValue {
    /// Amount of the reactor's asset.
    pub asset: u128,
    /// Amount of the pairing token (TOKE).
    pub pairing: u128,
    /// The whole position expressed in the asset at the time-weighted price.
    pub in_asset: u128,
}

/// What a reactor needs from a venue.
#[ink::trait_definition]
pub trait Venue {
    /// `(asset, pairing)`: the reactor's asset and the pairing token this venue trades.
    #[ink(message)]
    fn venue_tokens(&self) -> (AccountId, AccountId);

    /// Adds up to `asset` and `pairing` from the caller (who must have approved this venue)
    /// to the caller's position, refusing if the spot price is too far from the time-weighted
    /// price. Returns the amounts actually taken.
    #[ink(message)]
    fn deploy(&mut self, asset: u128, pairing: u128) -> Result<(u128, u128), VenueError>;

    /// Removes `fraction_bps` / 10,000 of the caller's position and sends the tokens to the
    /// caller. Returns `(asset, pairing)` sent.
    #[ink(message)]
    fn withdraw(&mut self, fraction_bps: u16) -> Result<(u128, u128), VenueError>;

    /// The value of `owner`'s position at the time-weighted price (never spot).
    #[ink(message)]
    fn position_value(&self, owner: AccountId) -> Result<PositionValue, VenueError>;

    /// Sends the caller's accrued fees to the caller. Returns `(asset, pairing)` sent.
    #[ink(message)]
    fn collect_fees(&mut self) -> Result<(u128, u128), VenueError>;

    /// Time-weighted price of the asset in the pairing token, 1e18 fixed point.
    #[ink(message)]
    fn twap(&self) -> Result<u128, VenueError>;
}
