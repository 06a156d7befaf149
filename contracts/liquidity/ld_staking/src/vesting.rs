//! Vesting schedules for team and investor stakes: nothing before the cliff, then linear in
//! whole intervals, everything once the duration has passed.

use laas_math::{mul_div, MathError, Rounding};

/// A vesting schedule, times in ms from the grant's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Schedule {
    /// Nothing vests before this.
    pub cliff_ms: u64,
    /// Everything has vested after this.
    pub duration_ms: u64,
    /// Vesting steps in whole intervals.
    pub interval_ms: u64,
}

/// Why a schedule is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidSchedule;

impl Schedule {
    /// A schedule needs a positive duration and interval, an interval no longer than the
    /// duration, and a cliff within it.
    pub fn validate(&self) -> Result<(), InvalidSchedule> {
        if self.duration_ms == 0 || self.interval_ms == 0 || self.interval_ms > self.duration_ms || self.cliff_ms > self.duration_ms {
            return Err(InvalidSchedule);
        }
        Ok(())
    }
}

/// TOKE of a `total` grant started at `start_ms` that has vested at `now_ms`:
/// 0 before `start + cliff`; `total` from `start + duration`; in between
/// `total × ⌊elapsed / interval⌋ × interval / duration`, rounded down.
pub fn vested(schedule: &Schedule, total: u128, start_ms: u64, now_ms: u64) -> Result<u128, MathError> {
    let elapsed = now_ms.saturating_sub(start_ms);
    if elapsed < schedule.cliff_ms {
        return Ok(0);
    }
    if elapsed >= schedule.duration_ms {
        return Ok(total);
    }
    let steps = elapsed.checked_div(schedule.interval_ms).ok_or(MathError::DivisionByZero)?;
    let counted = steps.checked_mul(schedule.interval_ms).ok_or(MathError::Overflow)?;
    mul_div(total, u128::from(counted), u128::from(schedule.duration_ms), Rounding::Down)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTH: u64 = 30 * 24 * 3_600_000;
    const S: Schedule = Schedule { cliff_ms: 6 * MONTH, duration_ms: 24 * MONTH, interval_ms: MONTH };

    #[test]
    fn nothing_before_the_cliff_then_monthly_steps_then_everything() {
        let total = 2_400;
        assert_eq!(vested(&S, total, 1_000, 1_000), Ok(0));
        assert_eq!(vested(&S, total, 1_000, 1_000 + 6 * MONTH - 1), Ok(0));
        assert_eq!(vested(&S, total, 1_000, 1_000 + 6 * MONTH), Ok(600));
        assert_eq!(vested(&S, total, 1_000, 1_000 + 7 * MONTH - 1), Ok(600));
        assert_eq!(vested(&S, total, 1_000, 1_000 + 7 * MONTH), Ok(700));
        assert_eq!(vested(&S, total, 1_000, 1_000 + 24 * MONTH), Ok(total));
        assert_eq!(vested(&S, total, 1_000, u64::MAX), Ok(total));
        // Before the start (a clock never runs back, but the arithmetic must not wrap).
        assert_eq!(vested(&S, total, 1_000, 0), Ok(0));
    }

    #[test]
    fn bad_schedules_are_refused() {
        assert!(S.validate().is_ok());
        assert!(Schedule { duration_ms: 0, ..S }.validate().is_err());
        assert!(Schedule { interval_ms: 0, ..S }.validate().is_err());
        assert!(Schedule { interval_ms: 25 * MONTH, ..S }.validate().is_err());
        assert!(Schedule { cliff_ms: 25 * MONTH, ..S }.validate().is_err());
    }
}
