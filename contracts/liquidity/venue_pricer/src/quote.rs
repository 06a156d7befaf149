//! Quotes and trades at a quote, free of storage. Prices are TOKE per unit of the asset,
//! 1e18 fixed point; `mid` is the reference AMM's time-weighted price.
//!
//! A trade at the quote is split into a part at mid, which moves inventory value-neutrally,
//! and the **spread** (what the trader pays beyond mid, in TOKE), which is set apart for the
//! pricer and the inventory's owners. Amounts out round down. A quote must straddle mid, so
//! the spread is never negative.

use laas_math::{mul_fixed, ratio_fixed, within_bps, MathError, Rounding};
use laas_traits::VenueError;

/// A pricer's standing offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Quote {
    /// TOKE paid per asset bought from traders, 1e18.
    pub bid: u128,
    /// TOKE asked per asset sold to traders, 1e18.
    pub ask: u128,
    /// Largest trade, in asset units.
    pub max_size: u128,
    /// What is left of the quote's total size over its life, in asset units: every trade
    /// takes the asset it moves from it, and none may take more than is left.
    pub remaining: u128,
    /// Last valid timestamp, ms.
    pub expiry_ms: u64,
}

/// A quote is well formed if `0 < bid ≤ ask`; checked once, when it is posted.
pub fn shape(quote: &Quote) -> Result<(), VenueError> {
    if quote.bid == 0 || quote.bid > quote.ask {
        return Err(VenueError::InvalidFraction);
    }
    Ok(())
}

/// A well-formed quote fits `mid` if `bid ≤ mid ≤ ask` (the inventory never buys above or
/// sells below mid) and both lie within `band_bps` of `mid`; checked at posting and at every
/// trade.
pub fn fits(quote: &Quote, mid: u128, band_bps: u16) -> Result<(), VenueError> {
    if quote.bid > mid || quote.ask < mid {
        return Err(VenueError::PriceDeviation);
    }
    if !within_bps(quote.bid, mid, band_bps)? || !within_bps(quote.ask, mid, band_bps)? {
        return Err(VenueError::PriceDeviation);
    }
    Ok(())
}

/// A trader sells `amount` of the asset at `bid`: `(toke_out, spread)`.
pub fn sell_asset(amount: u128, bid: u128, mid: u128) -> Result<(u128, u128), MathError> {
    let out = mul_fixed(amount, bid, Rounding::Down)?;
    let at_mid = mul_fixed(amount, mid, Rounding::Down)?;
    Ok((out, at_mid.saturating_sub(out)))
}

/// A trader pays `toke_in` for the asset at `ask`: `(asset_out, spread)`.
pub fn buy_asset(toke_in: u128, ask: u128, mid: u128) -> Result<(u128, u128), MathError> {
    let out = ratio_fixed(toke_in, ask, Rounding::Down)?;
    let at_mid = mul_fixed(out, mid, Rounding::Up)?;
    Ok((out, toke_in.saturating_sub(at_mid)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use laas_math::ONE;

    const MID: u128 = 2_000 * ONE;

    /// Both checks, as a quote posted against `mid` goes through them.
    fn check(quote: &Quote, mid: u128, band_bps: u16) -> Result<(), VenueError> {
        shape(quote)?;
        fits(quote, mid, band_bps)
    }

    fn quote(bid: u128, ask: u128) -> Quote {
        Quote { bid, ask, max_size: ONE, remaining: ONE, expiry_ms: 0 }
    }

    #[test]
    fn quotes_must_be_ordered_and_near_mid() {
        assert_eq!(check(&quote(1_990 * ONE, 2_010 * ONE), MID, 100), Ok(()));
        assert_eq!(check(&quote(2_010 * ONE, 1_990 * ONE), MID, 100), Err(VenueError::InvalidFraction));
        assert_eq!(check(&quote(0, 1_990 * ONE), MID, 100), Err(VenueError::InvalidFraction));
        assert_eq!(check(&quote(1_970 * ONE, 2_010 * ONE), MID, 100), Err(VenueError::PriceDeviation));
        assert_eq!(check(&quote(1_990 * ONE, 2_030 * ONE), MID, 100), Err(VenueError::PriceDeviation));
    }

    #[test]
    fn the_spread_is_what_the_trader_pays_beyond_mid() {
        // Selling 2 asset at 1,990: 3,980 TOKE out, 20 TOKE of spread.
        assert_eq!(sell_asset(2 * ONE, 1_990 * ONE, MID), Ok((3_980 * ONE, 20 * ONE)));
        // Paying 4,020 TOKE at 2,010: 2 asset out, 20 TOKE of spread.
        assert_eq!(buy_asset(4_020 * ONE, 2_010 * ONE, MID), Ok((2 * ONE, 20 * ONE)));
        // A quote on one side of mid is refused.
        assert_eq!(check(&quote(2_001 * ONE, 2_010 * ONE), MID, 100), Err(VenueError::PriceDeviation));
        assert_eq!(check(&quote(1_990 * ONE, 1_999 * ONE), MID, 100), Err(VenueError::PriceDeviation));
    }
}
