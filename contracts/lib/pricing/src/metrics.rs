//! Disclosure metrics (SPEC §4.6): what a dashboard shows of a product's periods, as pure
//! functions the pool's queries use.

use laas_math::{mul_div, sqrt_mul, MathError, Rounding, BPS};

/// The largest loss ratio counted, bps (a million times the premium): a period that sold
/// a dust policy and paid large claims on older ones reads as this, not as an overflow.
pub const MAX_RATIO_BPS: u128 = 10_000_000_000;

/// Claims paid per premium written, bps, rounded down, at most [`MAX_RATIO_BPS`]; `None` when
/// nothing was written (a period without sales has no loss ratio, whatever it paid on older
/// policies).
pub fn loss_ratio_bps(paid: u128, premiums: u128) -> Option<u128> {
    if premiums == 0 {
        return None;
    }
    Some(mul_div(paid, BPS, premiums, Rounding::Down).unwrap_or(MAX_RATIO_BPS).min(MAX_RATIO_BPS))
}

/// The population standard deviation of `ratios` (bps, each taken at most
/// [`MAX_RATIO_BPS`]), rounded down; 0 for fewer than two. Total: squares of capped ratios
/// cannot overflow.
pub fn volatility_bps(ratios: &[u128]) -> u128 {
    let n = ratios.len();
    if n < 2 {
        return 0;
    }
    let capped = || ratios.iter().map(|r| (*r).min(MAX_RATIO_BPS));
    let count = u128::try_from(n).unwrap_or(u128::MAX);
    let mean = capped().fold(0u128, u128::saturating_add).checked_div(count).unwrap_or(0);
    let squares = capped().fold(0u128, |acc, r| {
        let d = r.abs_diff(mean);
        acc.saturating_add(d.saturating_mul(d))
    });
    sqrt_mul(squares.checked_div(count).unwrap_or(0), 1)
}

/// `part` of `whole`, bps, rounded down (0 of nothing).
pub fn share_bps(part: u128, whole: u128) -> Result<u128, MathError> {
    if whole == 0 {
        return Ok(0);
    }
    mul_div(part, BPS, whole, Rounding::Down)
}
