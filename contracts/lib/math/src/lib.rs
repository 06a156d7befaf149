//! Fixed-point arithmetic shared by the LaaS contracts and off-chain tools.
//!
//! * [`mul_div`] computes `a * b / c` exactly, with a 256-bit intermediate product, and
//!   rounds in the direction the caller names. Protocol code always picks the direction that
//!   favours the protocol: [`Rounding::Down`] on payouts and mints, [`Rounding::Up`] on
//!   charges and burns.
//! * Ratios are basis points ([`BPS`] = 100%); prices and reward accumulators are 1e18
//!   fixed point ([`ONE`] = 1.0).
//!
//! Every function is total: overflow and division by zero are [`MathError`]s, never panics.
#![cfg_attr(not(feature = "std"), no_std)]

pub mod log;
mod u256;

/// 100% in basis points.
pub const BPS: u128 = 10_000;

/// 1.0 in 1e18 fixed point.
pub const ONE: u128 = 1_000_000_000_000_000_000;

/// Why an arithmetic operation could not produce a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum MathError {
    /// The result does not fit in a `u128`.
    Overflow,
    /// The result would be negative.
    Underflow,
    /// The divisor is zero.
    DivisionByZero,
}

/// Direction in which an inexact quotient is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// Towards zero (floor): use for amounts the protocol pays out or mints.
    Down,
    /// Away from zero (ceiling): use for amounts the protocol charges or burns.
    Up,
}

/// `a * b / c`, rounded as asked, computed with a 256-bit intermediate so that `a * b` may
/// exceed `u128::MAX` as long as the quotient fits.
///
/// # Errors
/// [`MathError::DivisionByZero`] if `c == 0`; [`MathError::Overflow`] if the quotient (after
/// rounding) does not fit in a `u128`.
pub fn mul_div(a: u128, b: u128, c: u128, rounding: Rounding) -> Result<u128, MathError> {
    if c == 0 {
        return Err(MathError::DivisionByZero);
    }
    // Fast path: the product fits in 128 bits.
    if let Some(product) = a.checked_mul(b) {
        let quotient = product.checked_div(c).ok_or(MathError::DivisionByZero)?;
        let exact = product.checked_rem(c).ok_or(MathError::DivisionByZero)? == 0;
        return round(quotient, exact, rounding);
    }
    let (quotient, remainder) = u256::U256::mul(a, b).div_rem(c)?;
    round(quotient, remainder == 0, rounding)
}

fn round(quotient: u128, exact: bool, rounding: Rounding) -> Result<u128, MathError> {
    match rounding {
        Rounding::Up if !exact => quotient.checked_add(1).ok_or(MathError::Overflow),
        _ => Ok(quotient),
    }
}

/// `amount * bps / 10_000`, rounded as asked. `bps` may exceed 10,000 (a multiplier).
///
/// # Errors
/// [`MathError::Overflow`] if the result does not fit in a `u128`.
pub fn apply_bps(amount: u128, bps: u128, rounding: Rounding) -> Result<u128, MathError> {
    mul_div(amount, bps, BPS, rounding)
}

/// `amount * price / 1e18`: converts an amount at a 1e18 fixed-point price.
///
/// # Errors
/// [`MathError::Overflow`] if the result does not fit in a `u128`.
pub fn mul_fixed(amount: u128, price: u128, rounding: Rounding) -> Result<u128, MathError> {
    mul_div(amount, price, ONE, rounding)
}

/// `numerator * 1e18 / denominator`: the ratio of two amounts as a 1e18 fixed-point number.
///
/// # Errors
/// [`MathError::DivisionByZero`] if `denominator == 0`; [`MathError::Overflow`] if the ratio
/// does not fit in a `u128`.
pub fn ratio_fixed(numerator: u128, denominator: u128, rounding: Rounding) -> Result<u128, MathError> {
    mul_div(numerator, ONE, denominator, rounding)
}

/// `⌊√(a·b)⌋` computed exactly with a 256-bit intermediate (the geometric mean used for an
/// AMM's first liquidity and for fair LP valuation). Rounds down. Total: never fails.
pub fn sqrt_mul(a: u128, b: u128) -> u128 {
    u256::U256::sqrt_of_product(a, b)
}

/// Whether `value` lies within `max_bps` of `reference` (a price band around a reference).
///
/// # Errors
/// Never in practice: `reference × max_bps / 10,000` always fits.
pub fn within_bps(value: u128, reference: u128, max_bps: u16) -> Result<bool, MathError> {
    let distance = value.abs_diff(reference);
    let allowed = mul_div(reference, u128::from(max_bps), BPS, Rounding::Down)?;
    Ok(distance <= allowed)
}

/// Checked `a + b`.
///
/// # Errors
/// [`MathError::Overflow`].
pub fn add(a: u128, b: u128) -> Result<u128, MathError> {
    a.checked_add(b).ok_or(MathError::Overflow)
}

/// Checked `a - b`.
///
/// # Errors
/// [`MathError::Underflow`] if `b > a`.
pub fn sub(a: u128, b: u128) -> Result<u128, MathError> {
    a.checked_sub(b).ok_or(MathError::Underflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_checks() {
        assert!(within_bps(102, 100, 200).unwrap());
        assert!(within_bps(98, 100, 200).unwrap());
        assert!(!within_bps(103, 100, 200).unwrap());
        assert!(!within_bps(97, 100, 200).unwrap());
    }

    #[test]
    fn exact_division_is_the_same_both_ways() {
        assert_eq!(mul_div(6, 7, 3, Rounding::Down), Ok(14));
        assert_eq!(mul_div(6, 7, 3, Rounding::Up), Ok(14));
    }

    #[test]
    fn inexact_division_rounds_as_asked() {
        assert_eq!(mul_div(10, 1, 3, Rounding::Down), Ok(3));
        assert_eq!(mul_div(10, 1, 3, Rounding::Up), Ok(4));
    }

    #[test]
    fn zero_divisor_is_an_error() {
        assert_eq!(mul_div(1, 1, 0, Rounding::Down), Err(MathError::DivisionByZero));
        assert_eq!(mul_div(0, 0, 0, Rounding::Up), Err(MathError::DivisionByZero));
    }

    #[test]
    fn product_above_u128_with_fitting_quotient() {
        // (2^128 - 1) * 1e18 / 1e18 = 2^128 - 1
        assert_eq!(mul_div(u128::MAX, ONE, ONE, Rounding::Down), Ok(u128::MAX));
        assert_eq!(mul_div(u128::MAX, u128::MAX, u128::MAX, Rounding::Up), Ok(u128::MAX));
        // (2^127) * 4 / 8 = 2^126
        assert_eq!(mul_div(1 << 127, 4, 8, Rounding::Down), Ok(1 << 126));
    }

    #[test]
    fn quotient_above_u128_is_overflow() {
        assert_eq!(mul_div(u128::MAX, 2, 1, Rounding::Down), Err(MathError::Overflow));
        assert_eq!(mul_div(u128::MAX, u128::MAX, 2, Rounding::Down), Err(MathError::Overflow));
    }

    #[test]
    fn rounding_up_at_the_top_overflows() {
        // u128::MAX * 3 / 2 overflows; u128::MAX * (u128::MAX - 1) / u128::MAX rounds up to u128::MAX - 1 + 1.
        assert_eq!(
            mul_div(u128::MAX, u128::MAX - 1, u128::MAX, Rounding::Up),
            Ok(u128::MAX - 1)
        );
    }

    #[test]
    fn square_roots_of_products() {
        assert_eq!(sqrt_mul(0, 5), 0);
        assert_eq!(sqrt_mul(4, 9), 6);
        assert_eq!(sqrt_mul(2, 4), 2); // √8 = 2.83 → 2
        assert_eq!(sqrt_mul(u128::MAX, u128::MAX), u128::MAX);
        assert_eq!(sqrt_mul(ONE, ONE), ONE);
    }

    #[test]
    fn bps_and_fixed_point_helpers() {
        assert_eq!(apply_bps(1_000, 3_000, Rounding::Down), Ok(300));
        assert_eq!(apply_bps(1, 3_000, Rounding::Down), Ok(0));
        assert_eq!(apply_bps(1, 3_000, Rounding::Up), Ok(1));
        assert_eq!(mul_fixed(5, ONE / 2, Rounding::Down), Ok(2));
        assert_eq!(mul_fixed(5, ONE / 2, Rounding::Up), Ok(3));
        assert_eq!(ratio_fixed(1, 3, Rounding::Down), Ok(333_333_333_333_333_333));
        assert_eq!(ratio_fixed(1, 3, Rounding::Up), Ok(333_333_333_333_333_334));
        assert_eq!(ratio_fixed(1, 0, Rounding::Up), Err(MathError::DivisionByZero));
        assert_eq!(add(u128::MAX, 1), Err(MathError::Overflow));
        assert_eq!(sub(1, 2), Err(MathError::Underflow));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Down and Up bracket the exact quotient and differ by at most one.
        #[test]
        fn rounding_brackets_the_exact_quotient(a: u128, b: u128, c in 1u128..) {
            let down = mul_div(a, b, c, Rounding::Down);
            let up = mul_div(a, b, c, Rounding::Up);
            match (down, up) {
                (Ok(d), Ok(u)) => prop_assert!(u == d || u == d + 1),
                (Ok(d), Err(MathError::Overflow)) => prop_assert_eq!(d, u128::MAX),
                (Err(MathError::Overflow), Err(MathError::Overflow)) => {}
                other => prop_assert!(false, "unexpected {:?}", other),
            }
        }

        /// When the product fits in 128 bits the result equals plain integer arithmetic.
        #[test]
        fn agrees_with_u128_when_the_product_fits(a in 0u128..(1 << 64), b in 0u128..(1 << 64), c in 1u128..) {
            let p = a * b;
            prop_assert_eq!(mul_div(a, b, c, Rounding::Down), Ok(p / c));
            prop_assert_eq!(mul_div(a, b, c, Rounding::Up), Ok(p.div_ceil(c)));
        }

        /// Multiplying by x and dividing by x is the identity, even when a * x overflows u128.
        #[test]
        fn scaling_up_and_down_is_identity(a: u128, x in 1u128..) {
            prop_assert_eq!(mul_div(a, x, x, Rounding::Down), Ok(a));
            prop_assert_eq!(mul_div(a, x, x, Rounding::Up), Ok(a));
        }
    }
}
