//! The time-weighted average price oracle: a running sum of price × time, sampled into a
//! small ring of observations so that the average over the last `window` can be read on chain.
//!
//! The running sum wraps around `u128` on purpose (as in Uniswap v2): only differences of two
//! sums are used, and a difference is exact as long as the true sum over the window fits in a
//! `u128` (prices below ~3.4e38 / window_ms in 1e18 fixed point).

/// Slots in the observation ring.
pub const SLOTS: u32 = 16;

/// A sample of the running sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Observation {
    /// Block timestamp, ms.
    pub timestamp: u64,
    /// Running sum of price × ms up to `timestamp`.
    pub cumulative: u128,
}

/// The running sum extended from `from` by `elapsed_ms` at `price`.
pub fn accumulate(from: u128, price: u128, elapsed_ms: u64) -> u128 {
    from.wrapping_add(price.wrapping_mul(u128::from(elapsed_ms)))
}

/// The physical slot of the `i`-th oldest observation in a ring with `filled` samples whose
/// next write goes to `next`.
pub fn slot(i: u32, next: u32, filled: u32) -> u32 {
    if filled < SLOTS { i } else { next.saturating_add(i) % SLOTS }
}

/// The newest observation taken at or before `target` (ms), searching the ring in
/// at most ⌈log2(SLOTS)⌉ + 2 reads through `get(physical_slot)`.
pub fn newest_at_or_before(target: u64, next: u32, filled: u32, get: impl Fn(u32) -> Option<Observation>) -> Option<Observation> {
    // Invariant: logical indices < lo are at or before target; indices >= hi are after it.
    let (mut lo, mut hi) = (0u32, filled);
    while lo < hi {
        let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
        match get(slot(mid, next, filled)) {
            Some(o) if o.timestamp <= target => lo = mid.saturating_add(1),
            _ => hi = mid,
        }
    }
    get(slot(lo.checked_sub(1)?, next, filled))
}

/// The average price between an observation and the current running sum.
pub fn average(then: Observation, now_ms: u64, cumulative_now: u128) -> Option<u128> {
    let elapsed = now_ms.checked_sub(then.timestamp).filter(|e| *e > 0)?;
    cumulative_now.wrapping_sub(then.cumulative).checked_div(u128::from(elapsed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn ring(samples: &[(u64, u128)]) -> (HashMap<u32, Observation>, u32, u32) {
        let mut map = HashMap::new();
        let (mut next, mut filled) = (0u32, 0u32);
        for (t, c) in samples {
            map.insert(next, Observation { timestamp: *t, cumulative: *c });
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
        assert_eq!(newest_at_or_before(10, next, filled, get).unwrap().cumulative, 1);
        assert_eq!(newest_at_or_before(29, next, filled, get).unwrap().cumulative, 2);
        assert_eq!(newest_at_or_before(99, next, filled, get).unwrap().cumulative, 3);
    }

    #[test]
    fn finds_it_in_a_wrapped_ring() {
        let samples: Vec<(u64, u128)> = (1..=40u64).map(|i| (i * 10, u128::from(i))).collect();
        let (m, next, filled) = ring(&samples);
        let get = |s: u32| m.get(&s).copied();
        // Only the last 16 samples (t = 250..=400) remain.
        assert_eq!(newest_at_or_before(249, next, filled, get), None);
        for t in 250..=400u64 {
            assert_eq!(newest_at_or_before(t, next, filled, get).unwrap().timestamp, t / 10 * 10);
        }
    }

    #[test]
    fn averages_survive_wrapping() {
        let then = Observation { timestamp: 1_000, cumulative: u128::MAX - 5 };
        let now = accumulate(then.cumulative, 7, 2);
        assert_eq!(average(then, 1_002, now), Some(7));
        assert_eq!(average(then, 1_000, now), None);
    }
}
