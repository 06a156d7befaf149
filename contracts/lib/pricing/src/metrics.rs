//! Disclosure metrics (SPEC §4.6): what a dashboard shows of a product's periods, as pure
//! functions the pool's queries use.

use laas_math::{mul_div, sqrt_mul, MathError, Rounding, BPS};

/// Claims paid per premium written, bps, rounded down; `None` when nothing was written (a
/// period without sales has no loss ratio, whatever it paid on older policies).
pub fn loss_ratio_bps(paid: u128, premiums: u128) -> Result<Option<u128>, MathError> {
    if premiums == 0 {
        return Ok(None);
    }
    Ok(Some(mul_div(paid, BPS, premiums, Rounding::Down)?))
}

/// The population standard deviation of `ratios` (bps), rounded down; 0 for fewer than two.
pub fn volatility_bps(ratios: &[u128]) -> Result<u128, MathError> {
    let n = u128::try_from(ratios.len()).map_err(|_| MathError::Overflow)?;
    if n < 2 {
        return Ok(0);
    }
    let sum = ratios.iter().try_fold(0u128, |acc, r| acc.checked_add(*r).ok_or(MathError::Overflow))?;
    let mean = mul_div(sum, 1, n, Rounding::Down)?;
    let squares = ratios.iter().try_fold(0u128, |acc, r| {
        let d = r.abs_diff(mean);
        d.checked_mul(d).and_then(|sq| acc.checked_add(sq)).ok_or(MathError::Overflow)
    })?;
    Ok(sqrt_mul(mul_div(squares, 1, n, Rounding::Down)?, 1))
}

/// `part` of `whole`, bps, rounded down (0 of nothing).
pub fn share_bps(part: u128, whole: u128) -> Result<u128, MathError> {
    if whole == 0 {
        return Ok(0);
    }
    mul_div(part, BPS, whole, Rounding::Down)
}
