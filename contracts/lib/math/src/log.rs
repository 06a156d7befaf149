//! Binary logarithms and powers of two in signed Q64.64 fixed point, for a geometric-mean
//! TWAP (as Uniswap v3 keeps one): an oracle accumulates `log2(price) × time` and averages
//! logarithms, so a short spike moves the mean by its logarithm's weight (one 6-second block at
//! 100× inside a 10-minute window moves it by 100^(6/600) − 1 ≈ 4.7%, where an arithmetic mean
//! doubles), and the accumulator grows by at most 2^71 per millisecond whatever the prices and
//! decimals: it cannot overflow in the life of a pool.
//!
//! A price is taken straight from two reserves, `log2(quote) − log2(base)`, so no fixed-point
//! price has to exist for it (a 0-decimal asset worth 10^9 of an 18-decimal token has a price
//! beyond 1e18 fixed point in `u128`, but its logarithm is 90).
//!
//! Precision: both directions keep 64 fractional bits; `pow2_fixed(log2(a) − log2(b))` is
//! within a few parts in 10^17 of `a / b` (property-tested below).

use crate::{MathError, ONE};

/// 1.0 in Q64.64.
pub const Q64: i128 = 1 << 64;

/// `log2(x)` in Q64.64 (for `x ≥ 1`, between 0 and 127.99…), rounded down.
///
/// # Errors
/// [`MathError::DivisionByZero`] for `x == 0` (whose logarithm is −∞).
pub fn log2(x: u128) -> Result<i128, MathError> {
    if x == 0 {
        return Err(MathError::DivisionByZero);
    }
    let int = 127u32.saturating_sub(x.leading_zeros());
    // The mantissa in Q1.63: 2^63 ≤ m < 2^64.
    let mut m = if int >= 63 { x >> (int - 63) } else { x << (63 - int) };
    let mut result = i128::from(int) << 64;
    // Each squaring of the mantissa yields the next fractional bit. `m < 2^64`, so `m²` fits:
    // the multiplication is exact.
    let mut bit: i128 = 1 << 63;
    while bit > 0 {
        m = m.wrapping_mul(m) >> 63;
        if m >= 1 << 64 {
            m >>= 1;
            result |= bit;
        }
        bit >>= 1;
    }
    Ok(result)
}

/// `ln 2` in Q0.64.
const LN2_Q64: u128 = 0xB172_17F7_D1CF_79AB;

/// `2^f` in Q64.64 for a fraction `0 ≤ f < 1` given in Q0.64: `e^(f·ln 2)` by its series, whose
/// terms fall below one unit in the last place after about 20 of them.
/// Every product is exact: `f`, `ln 2` and `z` are below 2^64 and every term at most 2^64, and
/// the sum stays below 2^65.
fn pow2_fraction(f: u128) -> u128 {
    let z = f.wrapping_mul(LN2_Q64) >> 64;
    let mut term: u128 = 1 << 64;
    let mut sum: u128 = 1 << 64;
    let mut k: u128 = 1;
    while term > 0 && k < 40 {
        term = (term.wrapping_mul(z) >> 64) / k;
        sum = sum.wrapping_add(term);
        k = k.wrapping_add(1);
    }
    sum
}

/// `2^l × 1e18` for `l` in Q64.64: the 1e18 fixed-point number whose base-2 logarithm is `l`,
/// rounded down (0 below 1e-18).
///
/// # Errors
/// [`MathError::Overflow`] if the result does not fit in a `u128` (`l` above about 68.2).
pub fn pow2_fixed(l: i128) -> Result<u128, MathError> {
    let int = l >> 64;
    let fraction = u128::try_from(l - (int << 64)).map_err(|_| MathError::Overflow)?;
    // 2^fraction × 1e18, in [1e18, 2e18): fits with room to shift.
    let mantissa = crate::mul_div(pow2_fraction(fraction), ONE, 1 << 64, crate::Rounding::Down)?;
    if int >= 0 {
        let shift = u32::try_from(int).map_err(|_| MathError::Overflow)?;
        if shift > mantissa.leading_zeros() {
            return Err(MathError::Overflow);
        }
        Ok(mantissa << shift)
    } else {
        let shift = u32::try_from(int.unsigned_abs()).map_err(|_| MathError::Overflow)?;
        Ok(mantissa.checked_shr(shift).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: u128, b: u128, parts_per_1e15: u128) -> bool {
        let (hi, lo) = (a.max(b), a.min(b));
        (hi - lo) <= hi / 1_000_000_000_000_000 * parts_per_1e15 + 1
    }

    #[test]
    fn powers_of_two_are_exact() {
        assert_eq!(log2(1), Ok(0));
        assert_eq!(log2(2), Ok(Q64));
        assert_eq!(log2(1 << 100), Ok(100 * Q64));
        assert_eq!(log2(u128::MAX).map(|l| l >> 64), Ok(127));
        assert_eq!(log2(0), Err(MathError::DivisionByZero));
        assert_eq!(pow2_fixed(0), Ok(ONE));
        assert_eq!(pow2_fixed(3 * Q64), Ok(8 * ONE));
        assert_eq!(pow2_fixed(-Q64), Ok(ONE / 2));
        assert_eq!(pow2_fixed(-200 * Q64), Ok(0));
        assert_eq!(pow2_fixed(69 * Q64), Err(MathError::Overflow));
    }

    #[test]
    fn known_values() {
        // log2(3) = 1.584962500721156…
        let l = log2(3).unwrap();
        assert_eq!(l * 1_000_000_000_000 / Q64, 1_584_962_500_721);
        // 2^0.5 = 1.414213562373095048…
        assert!(close(pow2_fixed(Q64 / 2).unwrap(), 1_414_213_562_373_095_048, 1));
    }

    proptest! {
        #[test]
        fn a_ratio_comes_back_from_its_logarithm(a in 1u128..=u128::MAX, b in 1u128..=u128::MAX) {
            let l = log2(a).unwrap() - log2(b).unwrap();
            // The ratio in 1e18 fixed point, where it fits.
            if let Ok(exact) = crate::mul_div(a, ONE, b, crate::Rounding::Down) {
                if exact > 1_000_000 {
                    let back = pow2_fixed(l).unwrap();
                    prop_assert!(close(back, exact, 100), "{} vs {}", back, exact);
                }
            }
        }

        #[test]
        fn the_logarithm_is_monotone(a in 1u128..=u128::MAX, b in 1u128..=u128::MAX) {
            let (la, lb) = (log2(a).unwrap(), log2(b).unwrap());
            prop_assert_eq!(a.cmp(&b) == core::cmp::Ordering::Less, la < lb || (la == lb && a < b));
        }
    }
}
