//! Constant-product arithmetic, free of storage so it can be tested on its own.
//! Every rounding favours the pool: amounts out and shares minted round down.

use laas_math::{apply_bps, mul_div, sqrt_mul, sub, MathError, Rounding, ONE};

/// Shares locked forever at the first mint, so the share price can never be driven to a
/// level where rounding steals from later LPs.
pub const MINIMUM_LIQUIDITY: u128 = 1_000;

/// The output of a swap of `amount_in` and the fee kept from it.
///
/// The fee (`amount_in × fee_bps / 10,000`, rounded up) is set apart for LPs; only the rest
/// enters the curve: `out = in_after_fee × reserve_out / (reserve_in + in_after_fee)`.
pub fn swap_out(amount_in: u128, reserve_in: u128, reserve_out: u128, fee_bps: u16) -> Result<(u128, u128), MathError> {
    let fee = apply_bps(amount_in, u128::from(fee_bps), Rounding::Up)?;
    let in_after_fee = sub(amount_in, fee)?;
    let denominator = reserve_in.checked_add(in_after_fee).ok_or(MathError::Overflow)?;
    let out = mul_div(in_after_fee, reserve_out, denominator, Rounding::Down)?;
    Ok((out, fee))
}

/// Amounts taken and shares minted when `asset` and `pairing` are offered to a pool with
/// reserves `(reserve_asset, reserve_pairing)` and `total_shares` shares.
///
/// First mint: both amounts are taken, `√(asset·pairing)` shares are created and
/// [`MINIMUM_LIQUIDITY`] of them locked. Later mints take the amounts in the pool's ratio (the
/// offered amount that is in excess is left with the caller) and mint pro rata, rounded down.
/// Returns `(asset_used, pairing_used, shares_to_caller, shares_locked)`.
pub fn add_liquidity(
    asset: u128,
    pairing: u128,
    reserve_asset: u128,
    reserve_pairing: u128,
    total_shares: u128,
) -> Result<(u128, u128, u128, u128), MathError> {
    if total_shares == 0 {
        let shares = sqrt_mul(asset, pairing);
        let to_caller = shares.checked_sub(MINIMUM_LIQUIDITY).ok_or(MathError::Underflow)?;
        return Ok((asset, pairing, to_caller, MINIMUM_LIQUIDITY));
    }
    // Pairing needed for all of `asset` at the pool's ratio (rounded up: the caller pays).
    let pairing_needed = mul_div(asset, reserve_pairing, reserve_asset, Rounding::Up)?;
    let (asset_used, pairing_used) = if pairing_needed <= pairing {
        (asset, pairing_needed)
    } else {
        (mul_div(pairing, reserve_asset, reserve_pairing, Rounding::Down)?, pairing)
    };
    let by_asset = mul_div(asset_used, total_shares, reserve_asset, Rounding::Down)?;
    let by_pairing = mul_div(pairing_used, total_shares, reserve_pairing, Rounding::Down)?;
    Ok((asset_used, pairing_used, by_asset.min(by_pairing), 0))
}

/// The reserves `shares` of `total_shares` are worth, rounded down.
pub fn share_of(shares: u128, reserve_asset: u128, reserve_pairing: u128, total_shares: u128) -> Result<(u128, u128), MathError> {
    Ok((
        mul_div(shares, reserve_asset, total_shares, Rounding::Down)?,
        mul_div(shares, reserve_pairing, total_shares, Rounding::Down)?,
    ))
}

/// Spot price of the asset in the pairing token, 1e18 fixed point.
pub fn spot_price(reserve_asset: u128, reserve_pairing: u128) -> Result<u128, MathError> {
    mul_div(reserve_pairing, ONE, reserve_asset, Rounding::Down)
}

/// The reserves the pool would hold with the same `k = asset × pairing` if its price were
/// `price` (1e18 fixed point): `asset' = √(k / price)`, `pairing' = asset' × price`.
/// Valuing an LP share on these, rather than on the actual reserves, makes the value
/// insensitive to a spot price pushed away from `price` within one block.
pub fn fair_reserves(reserve_asset: u128, reserve_pairing: u128, price: u128) -> Result<(u128, u128), MathError> {
    let pairing_in_asset = mul_div(reserve_pairing, ONE, price, Rounding::Down)?;
    let asset = sqrt_mul(reserve_asset, pairing_in_asset);
    let pairing = mul_div(asset, price, ONE, Rounding::Down)?;
    Ok((asset, pairing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_keeps_k_and_sets_the_fee_apart() {
        let (ra, rp) = (1_000_000u128, 2_000_000u128);
        let (out, fee) = swap_out(10_000, ra, rp, 30).unwrap();
        assert_eq!(fee, 30);
        // 9,970 × 2,000,000 / 1,009,970 = 19,743.1 → 19,743
        assert_eq!(out, 19_743);
        assert!((ra + 10_000 - fee) * (rp - out) >= ra * rp);
    }

    #[test]
    fn tiny_swaps_pay_at_least_one_unit_of_fee() {
        let (out, fee) = swap_out(1, 1_000, 1_000, 30).unwrap();
        assert_eq!((out, fee), (0, 1));
    }

    #[test]
    fn first_mint_locks_the_minimum() {
        let (a, p, shares, locked) = add_liquidity(4_000, 9_000, 0, 0, 0).unwrap();
        assert_eq!((a, p, shares, locked), (4_000, 9_000, 6_000 - MINIMUM_LIQUIDITY, MINIMUM_LIQUIDITY));
        assert_eq!(add_liquidity(10, 10, 0, 0, 0), Err(MathError::Underflow));
    }

    #[test]
    fn later_mints_follow_the_pool_ratio() {
        // Pool 1,000 : 2,000 with 1,414 shares; offer 100 : 500 → takes 100 : 200.
        let (a, p, shares, locked) = add_liquidity(100, 500, 1_000, 2_000, 1_414).unwrap();
        assert_eq!((a, p, shares, locked), (100, 200, 141, 0));
        // Offer 100 : 50 → takes 25 : 50.
        let (a, p, shares, _) = add_liquidity(100, 50, 1_000, 2_000, 1_414).unwrap();
        assert_eq!((a, p, shares), (25, 50, 35));
    }

    #[test]
    fn fair_reserves_ignore_a_pushed_spot_price() {
        // Balanced pool at price 2.0: 1,000,000 asset, 2,000,000 pairing.
        let (ra, rp) = (1_000_000u128, 2_000_000u128);
        let fair = fair_reserves(ra, rp, 2 * ONE).unwrap();
        assert_eq!(fair, (1_000_000, 2_000_000));
        // Someone swaps 500,000 asset in (no fee, for the check): k is unchanged.
        let (ra2, rp2) = (1_500_000u128, 1_333_334u128);
        let pushed = fair_reserves(ra2, rp2, 2 * ONE).unwrap();
        assert!(pushed.0.abs_diff(1_000_000) <= 1, "{pushed:?}");
    }
}
