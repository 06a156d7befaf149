//! The registry's rules as pure functions: smoothing, medians, deviation marks, depth,
//! drawdown and congestion. No storage, no environment: unit-tested directly.

use crate::types::{Bucket, Reporter, Slot, DAY_MS};
use laas_math::{mul_div, MathError, Rounding, BPS};

/// The smoothed value of `slot` at `now`: the smoothed value moves toward the latest
/// observation by the share of the window that observation has stood (`min(now − updated,
/// window) / window`). An observation counts only for the time it stood, so a value pushed
/// and undone within a block moves nothing.
pub fn smoothed_at(slot: &Slot, now: u64, window_ms: u64) -> Result<u128, MathError> {
    let stood = u128::from(now.saturating_sub(slot.updated_ms).min(window_ms));
    let window = u128::from(window_ms);
    let step = mul_div(slot.raw.abs_diff(slot.smoothed), stood, window, Rounding::Down)?;
    if slot.raw >= slot.smoothed {
        slot.smoothed.checked_add(step).ok_or(MathError::Overflow)
    } else {
        slot.smoothed.checked_sub(step).ok_or(MathError::Underflow)
    }
}

/// `previous` (if the observable was seen before) after observing `value` at `now`. A queue
/// remembers since when it has been non-empty.
pub fn observed(previous: Option<Slot>, value: u128, now: u64, window_ms: u64) -> Result<Slot, MathError> {
    Ok(match previous {
        None => Slot { raw: value, smoothed: value, updated_ms: now, since_ms: if value > 0 { now } else { 0 } },
        Some(slot) => Slot {
            raw: value,
            smoothed: smoothed_at(&slot, now, window_ms)?,
            updated_ms: now,
            since_ms: match (value, slot.since_ms) {
                (0, _) => 0,
                (_, 0) => now,
                (_, since) => since,
            },
        },
    })
}

/// The two middle values of `values` (sorted in place; the same one for an odd count), and
/// of them the one on the safe side (`higher_is_safe`: the higher), so reports split evenly
/// between two camps never move the value toward a payout. `None` for no values.
pub fn middles(values: &mut [u128], higher_is_safe: bool) -> Option<(u128, u128, u128)> {
    values.sort_unstable();
    let n = values.len();
    let upper = *values.get(n / 2)?;
    let lower = if n & 1 == 1 { upper } else { *values.get((n / 2).saturating_sub(1))? };
    Some((lower, upper, if higher_is_safe { upper } else { lower }))
}

/// Whether `value` lies further from `median` than `band_bps` of it and at least `floor` (a
/// difference of less than `floor` never deviates, so values near zero are not marked for
/// noise).
pub fn deviates(value: u128, median: u128, band_bps: u16, floor: u128) -> Result<bool, MathError> {
    Ok(value.abs_diff(median) > floor && !laas_math::within_bps(value, median, band_bps)?)
}

/// Records in `reporter` whether it deviated in `epoch`, counting over the last `epochs`
/// epochs; returns how many of them it deviated in. Marks for an epoch already marked add to
/// it (several observables in one epoch count once); a round closed late marks its own epoch.
pub fn mark(reporter: &mut Reporter, epoch: u64, deviated: bool, epochs: u8) -> u32 {
    let bit = if epoch >= reporter.marked_epoch {
        let shift = epoch.saturating_sub(reporter.marked_epoch);
        reporter.marks = u32::try_from(shift).ok().and_then(|s| reporter.marks.checked_shl(s)).unwrap_or(0);
        reporter.marked_epoch = epoch;
        1
    } else {
        u32::try_from(reporter.marked_epoch.saturating_sub(epoch)).ok().and_then(|s| 1u64.checked_shl(s)).unwrap_or(0)
    };
    if deviated {
        reporter.marks |= bit;
    }
    let kept = 1u64.checked_shl(u32::from(epochs)).map_or(u64::MAX, |b| b.wrapping_sub(1));
    reporter.marks &= kept;
    reporter.marks.count_ones()
}

/// Price impact of buying `reference` of the asset from a constant-product pool holding
/// `reserve` of it, bps (10,000 when the pool cannot deliver it): the price paid at the margin
/// rises by `reserve² / (reserve − reference)²`; this reports the average-price impact
/// `reference / (reserve − reference)`, capped at 100%.
pub fn impact_bps(reserve: u128, reference: u128) -> Result<u128, MathError> {
    if reference >= reserve {
        return Ok(BPS);
    }
    Ok(mul_div(reference, BPS, reserve.saturating_sub(reference), Rounding::Up)?.min(BPS))
}

/// Drawdown from `peak` to `latest`, bps (0 when `latest` is at or above the peak).
pub fn drawdown_bps(peak: u128, latest: u128) -> Result<u128, MathError> {
    if latest >= peak || peak == 0 {
        return Ok(0);
    }
    mul_div(peak.saturating_sub(latest), BPS, peak, Rounding::Down)
}

/// `bps` of the supply that moved over the window from `since_ms` to `now`, per day (a window
/// shorter than a day reads as one day).
pub fn per_day_bps(bps: u128, since_ms: u64, now: u64) -> Result<u128, MathError> {
    let days_ms = now.saturating_sub(since_ms).max(DAY_MS);
    mul_div(bps, u128::from(DAY_MS), u128::from(days_ms), Rounding::Up)
}

/// `bucket` after observing `nav` in bucket `index`: a bucket of an older pass restarts.
pub fn bucketed(bucket: Option<Bucket>, index: u64, nav: u128) -> Bucket {
    match bucket {
        Some(b) if b.index == index => Bucket { index, peak: b.peak.max(nav), last: nav },
        _ => Bucket { index, peak: nav, last: nav },
    }
}
