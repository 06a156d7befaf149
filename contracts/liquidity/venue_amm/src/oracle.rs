//! The time-weighted average price oracle: a running sum of `log2(price) × time`, sampled into a
//! small ring of observations, so that the **geometric** mean price over the last `window` can
//! be read on chain (as Uniswap v3 keeps it).
//!
//! * A short spike moves a geometric mean by its logarithm's weight only: one 6-second block
//!   at 100× inside a 10-minute window moves it by 100^(6/600) − 1 ≈ 4.7%, where an arithmetic
//!   mean roughly doubles.
//! * The logarithm is taken from the two reserves (`log2(pairing) − log2(asset)`, Q64.64), so
//!   it exists for any pair of `u128` reserves, whatever the tokens' decimals: at most 2^71 per
//!   millisecond. The running sum wraps around `u128` on purpose (as in Uniswap v2): only
//!   differences are used, and a difference over any span shorter than 2^55 ms (a million
//!   years) is exact.

use laas_math::{log, MathError};

/// Slots in the observation ring.
pub const SLOTS: u32 = 16;

/// Two `log2` prices this close (2^-50, Q64.64: about one part in 10^15) are the same price.
pub const SAME_PRICE: u128 = 1 << 14;

/// A sample of the running sum, with the price that held over the stretch just before it: the
/// sum before `timestamp` can then be read exactly back to `since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Observation {
    /// Block timestamp, ms.
    pub timestamp: u64,
    /// Running sum of `log2(price)` (Q64.64) × ms up to `timestamp`, wrapping.
    pub cumulative: u128,
    /// `log2(price)` (Q64.64) from `since` to `timestamp`: no trade moved it in between.
    pub price: i128,
    /// When that stretch began (the previous update), ms.
    pub since: u64,
}

/// `log2` of the price of the asset in the pairing token (Q64.64), from the reserves.
/// Errors: `DivisionByZero` if either reserve is empty.
pub fn log_price(reserve_asset: u128, reserve_pairing: u128) -> Result<i128, MathError> {
    let (quote, base) = (log::log2(reserve_pairing)?, log::log2(reserve_asset)?);
    quote.checked_sub(base).ok_or(MathError::Overflow)
}

/// The two's-complement bits of a signed value, for the wrapping sum.
#[allow(clippy::cast_sign_loss)]
fn bits(x: i128) -> u128 {
    x as u128
}

/// The signed value of a wrapping difference.
#[allow(clippy::cast_possible_wrap)]
fn signed(x: u128) -> i128 {
    x as i128
}

/// The running sum extended from `from` by `elapsed_ms` at `log_price`.
pub fn accumulate(from: u128, log_price: i128, elapsed_ms: u64) -> u128 {
    from.wrapping_add(bits(log_price).wrapping_mul(u128::from(elapsed_ms)))
}

/// The physical slot of the `i`-th oldest observation in a ring with `filled` samples whose
/// next write goes to `next`.
pub fn slot(i: u32, next: u32, filled: u32) -> u32 {
    if filled < SLOTS { i } else { next.saturating_add(i) % SLOTS }
}

/// The running sum at `target` (ms) read from the ring, or at the newest sample before it:
/// exactly at `target` when the sample after it shows the price held from before `target`,
/// otherwise at the newest sample at or before `target` (at most a quarter of a window
/// earlier, as the ring samples at most that far apart while trades happen). `None` if the
/// ring does not reach back to `target`. At most ⌈log2(SLOTS)⌉ + 3 reads.
pub fn sum_at(target: u64, next: u32, filled: u32, get: impl Fn(u32) -> Option<Observation>) -> Option<Observation> {
    let (i, then) = newest_at_or_before(target, next, filled, &get)?;
    let after = i.checked_add(1).filter(|j| *j < filled).and_then(|j| get(slot(j, next, filled)));
    match after {
        Some(a) if a.since <= target => {
            let back = a.timestamp.saturating_sub(target);
            let cumulative = a.cumulative.wrapping_sub(bits(a.price).wrapping_mul(u128::from(back)));
            Some(Observation { timestamp: target, cumulative, price: a.price, since: a.since })
        }
        _ => Some(then),
    }
}

/// The newest observation taken at or before `target` (ms) and its logical index, searching
/// the ring in at most ⌈log2(SLOTS)⌉ + 2 reads through `get(physical_slot)`.
pub fn newest_at_or_before(target: u64, next: u32, filled: u32, get: impl Fn(u32) -> Option<Observation>) -> Option<(u32, Observation)> {
    // Invariant: logical indices < lo are at or before target; indices >= hi are after it.
    let (mut lo, mut hi) = (0u32, filled);
    while lo < hi {
        let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
        match get(slot(mid, next, filled)) {
            Some(o) if o.timestamp <= target => lo = mid.saturating_add(1),
            _ => hi = mid,
        }
    }
    let i = lo.checked_sub(1)?;
    get(slot(i, next, filled)).map(|o| (i, o))
}

/// The mean `log2(price)` (Q64.64) between an observation and the current running sum.
pub fn average(then: Observation, now_ms: u64, cumulative_now: u128) -> Option<i128> {
    let elapsed = now_ms.checked_sub(then.timestamp).filter(|e| *e > 0)?;
    signed(cumulative_now.wrapping_sub(then.cumulative)).checked_div(i128::from(elapsed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn ring(samples: &[(u64, u128)]) -> (HashMap<u32, Observation>, u32, u32) {
        let mut map = HashMap::new();
        let (mut next, mut filled) = (0u32, 0u32);
        for (t, c) in samples {
            map.insert(next, Observation { timestamp: *t, cumulative: *c, ..Observation::default() });
            next = (next + 1) % SLOTS;
            filled = (filled + 1).min(SLOTS);
        }
        (map, next, filled)
    }

    #[test]
    fn finds_the_newest_sample_before_a_time_in_a_partial_ring() {
        let (m, next, filled) = ring(&[(10, 1), (20, 2), (30, 3)]);
        let get = |s: u32| m.get(&s).copied();
        assert_eq!(newest_at_or_before(5, next, filled, get), None);
        assert_eq!(newest_at_or_before(10, next, filled, get).unwrap().1.cumulative, 1);
        assert_eq!(newest_at_or_before(29, next, filled, get).unwrap().1.cumulative, 2);
        assert_eq!(newest_at_or_before(99, next, filled, get).unwrap(), (2, Observation { timestamp: 30, cumulative: 3, ..Observation::default() }));
    }

    #[test]
    fn finds_it_in_a_wrapped_ring() {
        let samples: Vec<(u64, u128)> = (1..=40u64).map(|i| (i * 10, u128::from(i))).collect();
        let (m, next, filled) = ring(&samples);
        let get = |s: u32| m.get(&s).copied();
        // Only the last 16 samples (t = 250..=400) remain.
        assert_eq!(newest_at_or_before(249, next, filled, get), None);
        for t in 250..=400u64 {
            assert_eq!(newest_at_or_before(t, next, filled, get).unwrap().1.timestamp, t / 10 * 10);
        }
    }

    #[test]
    fn the_sum_at_a_time_is_exact_where_the_price_held_and_a_sample_before_it_otherwise() {
        // Samples at 100 (sum 1,000) and 400; price 7 held from 150 to 400.
        let a = Observation { timestamp: 100, cumulative: 1_000, price: 3, since: 90 };
        let b = Observation { timestamp: 400, cumulative: accumulate(1_150, 7, 250), price: 7, since: 150 };
        let m: HashMap<u32, Observation> = [(0, a), (1, b)].into_iter().collect();
        let get = |s: u32| m.get(&s).copied();
        assert_eq!(sum_at(300, 2, 2, get).map(|o| (o.timestamp, o.cumulative)), Some((300, accumulate(1_150, 7, 150))));
        assert_eq!(sum_at(150, 2, 2, get).map(|o| (o.timestamp, o.cumulative)), Some((150, 1_150)));
        // Before 150 the price moved: the sample at 100 is the start.
        assert_eq!(sum_at(149, 2, 2, get), Some(a));
        assert_eq!(sum_at(99, 2, 2, get), None);
        // After the newest sample: that sample.
        assert_eq!(sum_at(500, 2, 2, get), Some(b));
    }

    #[test]
    fn averages_survive_wrapping_and_negative_logarithms() {
        let then = Observation { timestamp: 1_000, cumulative: u128::MAX - 5, ..Observation::default() };
        let now = accumulate(then.cumulative, 7, 2);
        assert_eq!(average(then, 1_002, now), Some(7));
        assert_eq!(average(then, 1_000, now), None);
        let down = accumulate(accumulate(then.cumulative, -3 * log::Q64, 4), log::Q64, 4);
        assert_eq!(average(then, 1_008, down), Some(-log::Q64));
    }

    /// A price in whole tokens (`numerator / denominator` TOKE per asset) as reserves of an
    /// asset with `decimals` against an 18-decimal TOKE.
    fn reserves(decimals: u32, numerator: u128, denominator: u128, depth: u128) -> (u128, u128) {
        let asset = depth * 10u128.pow(decimals) * denominator;
        let pairing = depth * 10u128.pow(18) * numerator;
        (asset, pairing)
    }

    #[test]
    fn a_one_block_spike_moves_the_mean_by_its_logarithm_weight() {
        // 2,000 TOKE per WETH for 594 s, 100× for one 6-second block.
        let (a, p) = reserves(18, 2_000, 1, 100);
        let (sa, sp) = reserves(18, 200_000, 1, 100);
        let (calm, spike) = (log_price(a, p).unwrap(), log_price(sa, sp).unwrap());
        let sum = accumulate(accumulate(0, calm, 594_000), spike, 6_000);
        let mean = average(Observation::default(), 600_000, sum).unwrap();
        let twap = log::pow2_fixed(mean).unwrap();
        let calm_price = 2_000 * laas_math::ONE;
        assert!(twap > calm_price && twap < calm_price * 105 / 100, "{twap}");
        // An arithmetic mean would be (594 × 2,000 + 6 × 200,000) / 600 ≈ 3,980.
    }

    proptest! {
        /// Decimals 0–18, prices 1e-9 to 1e9 TOKE per whole asset, a century of milliseconds:
        /// the running sum's differences stay exact, and the mean of a constant price is that
        /// price.
        #[test]
        fn the_accumulator_cannot_overflow_in_the_life_of_a_pool(
            decimals in 0u32..=18,
            exponent in -9i32..=9,
            mantissa in 1u128..10,
            depth in 1u128..1_000_000,
            start in any::<u128>(),
        ) {
            let (numerator, denominator) = if exponent >= 0 { (mantissa * 10u128.pow(exponent.unsigned_abs()), 1) } else { (mantissa, 10u128.pow(exponent.unsigned_abs())) };
            let (asset, pairing) = reserves(decimals, numerator, denominator, depth);
            let l = log_price(asset, pairing).unwrap();
            // |log2 price| per ms stays far below what a century needs to overflow an i128.
            const CENTURY_MS: u64 = 100 * 365 * 24 * 3_600_000;
            prop_assert!(l.unsigned_abs().checked_mul(u128::from(CENTURY_MS)).is_some_and(|v| v < 1 << 126));
            let then = Observation { timestamp: 0, cumulative: start, ..Observation::default() };
            let now = accumulate(start, l, CENTURY_MS);
            prop_assert_eq!(average(then, CENTURY_MS, now), Some(l));
            // Where the price has a 1e18 fixed-point value, the mean gives it back.
            if let Ok(exact) = laas_math::mul_div(pairing, laas_math::ONE, asset, laas_math::Rounding::Down) {
                match log::pow2_fixed(l) {
                    Ok(back) => prop_assert!(back.abs_diff(exact) <= exact / 10_000_000_000_000_000 + 2, "{} vs {}", back, exact),
                    // Only a price at the very top of the range may round past it.
                    Err(_) => prop_assert!(exact > u128::MAX / 2),
                }
            }
        }
    }
}
