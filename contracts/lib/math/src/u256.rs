//! The minimum of 256-bit unsigned arithmetic `mul_div` needs: a full 128×128 product and
//! its division by a 128-bit divisor.

use crate::MathError;

/// An unsigned 256-bit number as two 128-bit halves.
/// Field order (hi, lo) makes the derived ordering numeric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct U256 {
    hi: u128,
    lo: u128,
}

const HALF_BITS: u32 = 64;
const LOW_MASK: u128 = u64::MAX as u128;

impl U256 {
    /// The exact product `a * b`.
    pub(crate) fn mul(a: u128, b: u128) -> Self {
        // Schoolbook multiplication on 64-bit limbs; no partial product can overflow u128.
        let (a_hi, a_lo) = (a >> HALF_BITS, a & LOW_MASK);
        let (b_hi, b_lo) = (b >> HALF_BITS, b & LOW_MASK);
        let lo_lo = a_lo.wrapping_mul(b_lo);
        let hi_lo = a_hi.wrapping_mul(b_lo);
        let lo_hi = a_lo.wrapping_mul(b_hi);
        let hi_hi = a_hi.wrapping_mul(b_hi);
        // The middle column: at most 3 * (2^64 - 1), which fits in u128.
        let middle = (lo_lo >> HALF_BITS)
            .wrapping_add(hi_lo & LOW_MASK)
            .wrapping_add(lo_hi & LOW_MASK);
        let lo = (middle << HALF_BITS) | (lo_lo & LOW_MASK);
        let hi = hi_hi
            .wrapping_add(hi_lo >> HALF_BITS)
            .wrapping_add(lo_hi >> HALF_BITS)
            .wrapping_add(middle >> HALF_BITS);
        Self { hi, lo }
    }

    /// `⌊√(a·b)⌋`, which always fits in 128 bits. Bit-by-bit: 128 steps of one product
    /// and one comparison.
    pub(crate) fn sqrt_of_product(a: u128, b: u128) -> u128 {
        let target = Self::mul(a, b);
        let mut root: u128 = 0;
        for bit in (0..128u32).rev() {
            let candidate = root | (1u128 << bit);
            if Self::mul(candidate, candidate) <= target {
                root = candidate;
            }
        }
        root
    }

    /// `(self / d, self % d)` when the quotient fits in 128 bits.
    ///
    /// The quotient fits iff `hi < d`; otherwise this is [`MathError::Overflow`].
    pub(crate) fn div_rem(self, d: u128) -> Result<(u128, u128), MathError> {
        if d == 0 {
            return Err(MathError::DivisionByZero);
        }
        if self.hi >= d {
            return Err(MathError::Overflow);
        }
        if self.hi == 0 {
            let q = self.lo.checked_div(d).ok_or(MathError::DivisionByZero)?;
            let r = self.lo.checked_rem(d).ok_or(MathError::DivisionByZero)?;
            return Ok((q, r));
        }
        // Restoring long division, one bit of `lo` at a time. The running remainder `r`
        // stays below `d`; `carry` records the bit shifted out of `r` (r < 2^129 transiently).
        let mut r = self.hi;
        let mut q: u128 = 0;
        for i in (0..128u32).rev() {
            let carry = r >> 127;
            r = (r << 1) | ((self.lo >> i) & 1);
            q <<= 1;
            if carry == 1 || r >= d {
                r = r.wrapping_sub(d);
                q |= 1;
            }
        }
        Ok((q, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference 256-bit value as four 64-bit limbs (little endian) via u128 column sums.
    fn reference_mul(a: u128, b: u128) -> (u128, u128) {
        let a = [a as u64 as u128, (a >> 64) as u64 as u128];
        let b = [b as u64 as u128, (b >> 64) as u64 as u128];
        let mut limbs = [0u128; 4];
        for (i, x) in a.iter().enumerate() {
            let mut carry = 0u128;
            for (j, y) in b.iter().enumerate() {
                let t = limbs[i + j] + x * y % (1 << 64) + carry;
                carry = (x * y >> 64) + (t >> 64);
                limbs[i + j] = t & LOW_MASK;
            }
            limbs[i + 2] += carry;
        }
        (limbs[3] << 64 | limbs[2], limbs[1] << 64 | limbs[0])
    }

    proptest! {
        #[test]
        fn sqrt_is_the_floor_root(a: u128, b: u128) {
            let r = U256::sqrt_of_product(a, b);
            let p = U256::mul(a, b);
            prop_assert!(U256::mul(r, r) <= p);
            if r < u128::MAX {
                prop_assert!(U256::mul(r + 1, r + 1) > p);
            }
        }

        #[test]
        fn product_matches_reference(a: u128, b: u128) {
            let p = U256::mul(a, b);
            prop_assert_eq!((p.hi, p.lo), reference_mul(a, b));
        }

        #[test]
        fn division_inverts_multiplication(a: u128, b: u128, d in 1u128..) {
            let p = U256::mul(a, b);
            match p.div_rem(d) {
                Ok((q, r)) => {
                    prop_assert!(r < d);
                    // q * d + r == a * b, checked in 256 bits.
                    let back = U256::mul(q, d);
                    let (lo, carry) = back.lo.overflowing_add(r);
                    let hi = back.hi + u128::from(carry);
                    prop_assert_eq!((hi, lo), (p.hi, p.lo));
                }
                Err(e) => {
                    prop_assert_eq!(e, MathError::Overflow);
                    prop_assert!(p.hi >= d);
                }
            }
        }
    }
}
