//! The global cycle schedule (SPEC §3.2) shared by the factory, reactors and LD staking.
//!
//! Cycle `i` runs over `[genesis + i·duration, genesis + (i+1)·duration)` (ms). Boundaries come
//! from the schedule alone, so rollovers never drift however late they run. A reactor keeps
//! the index of the cycle it last rolled into (`current`); a rollover is due once time has
//! reached a later cycle, and one rollover catches up any number of missed cycles.
//!
//! **Epochs** are rollovers, counted by a reactor's pool and by LD staking: a catch-up rollover
//! opens one epoch however many cycles it catches up. Requests (withdrawals, unstakes) made in
//! epoch `e` mature at `e + 1`, or at `e + 2` when a cycle boundary has passed but its rollover
//! has not run yet ([`epoch_maturity`]) — so a request made in the gap before a late rollover is
//! never matured by it, and nothing matures in the block it was asked for.
#![cfg_attr(not(feature = "std"), no_std)]

/// Why a schedule computation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CycleError {
    /// A zero cycle duration was given.
    ZeroDuration,
    /// The time is before genesis.
    BeforeGenesis,
    /// No cycle boundary has passed since the last rollover.
    TooEarly,
    /// The cycle index would overflow.
    Overflow,
}

/// `(genesis_ms, duration_ms)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Schedule {
    /// Start of cycle 0, ms.
    pub genesis_ms: u64,
    /// Length of every cycle, ms.
    pub duration_ms: u64,
}

impl Schedule {
    /// A schedule; refuses a zero duration.
    pub fn new(genesis_ms: u64, duration_ms: u64) -> Result<Self, CycleError> {
        if duration_ms == 0 {
            return Err(CycleError::ZeroDuration);
        }
        Ok(Self { genesis_ms, duration_ms })
    }

    /// The index of the cycle `now_ms` falls in.
    pub fn index_at(&self, now_ms: u64) -> Result<u32, CycleError> {
        let since = now_ms.checked_sub(self.genesis_ms).ok_or(CycleError::BeforeGenesis)?;
        let index = since.checked_div(self.duration_ms).ok_or(CycleError::ZeroDuration)?;
        u32::try_from(index).map_err(|_| CycleError::Overflow)
    }

    /// When cycle `index` starts, ms.
    pub fn start_of(&self, index: u32) -> Result<u64, CycleError> {
        u64::from(index)
            .checked_mul(self.duration_ms)
            .and_then(|offset| offset.checked_add(self.genesis_ms))
            .ok_or(CycleError::Overflow)
    }

    /// The cycle a rollover at `now_ms` moves to from `current`: the cycle `now_ms` is in.
    /// `TooEarly` unless a boundary has passed since `current` began.
    pub fn rollover(&self, current: u32, now_ms: u64) -> Result<u32, CycleError> {
        let index = self.index_at(now_ms)?;
        if index <= current {
            return Err(CycleError::TooEarly);
        }
        Ok(index)
    }
}

/// The epoch a request made at `now_ms` in epoch `epoch` matures at: the next, or the one after
/// if the cycle boundary at `next_boundary_ms` has passed and its rollover has not run yet.
pub fn epoch_maturity(epoch: u32, now_ms: u64, next_boundary_ms: u64) -> Result<u32, CycleError> {
    let wait: u32 = if now_ms >= next_boundary_ms { 2 } else { 1 };
    epoch.checked_add(wait).ok_or(CycleError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: u64 = 86_400_000;
    const WEEK: u64 = 7 * DAY;

    fn weekly() -> Schedule {
        Schedule::new(1_000, WEEK).unwrap()
    }

    #[test]
    fn cycles_follow_the_schedule() {
        let s = weekly();
        assert_eq!(s.index_at(999), Err(CycleError::BeforeGenesis));
        assert_eq!(s.index_at(1_000), Ok(0));
        assert_eq!(s.index_at(1_000 + WEEK - 1), Ok(0));
        assert_eq!(s.index_at(1_000 + WEEK), Ok(1));
        assert_eq!(s.start_of(3), Ok(1_000 + 3 * WEEK));
        assert_eq!(Schedule::new(0, 0), Err(CycleError::ZeroDuration));
    }

    #[test]
    fn one_rollover_catches_up_missed_cycles_without_drift() {
        let s = weekly();
        assert_eq!(s.rollover(0, 1_000 + WEEK - 1), Err(CycleError::TooEarly));
        // Three and a half weeks late: straight to cycle 4, whose start is on the schedule.
        let now = 1_000 + 4 * WEEK + 3 * DAY + 12;
        assert_eq!(s.rollover(0, now), Ok(4));
        assert_eq!(s.start_of(5), Ok(1_000 + 5 * WEEK));
        // A second rollover in the same cycle is refused.
        assert_eq!(s.rollover(4, now + DAY), Err(CycleError::TooEarly));
    }

    #[test]
    fn requests_in_the_gap_before_a_late_rollover_wait_one_more_epoch() {
        assert_eq!(epoch_maturity(4, 999, 1_000), Ok(5));
        // Boundary passed, rollover not yet run.
        assert_eq!(epoch_maturity(4, 1_000, 1_000), Ok(6));
        assert_eq!(epoch_maturity(u32::MAX, 0, 1), Err(CycleError::Overflow));
    }

    proptest! {
        #[test]
        fn every_time_is_in_the_cycle_whose_bounds_contain_it(genesis in 0u64..1 << 40, duration in 1u64..1 << 30, offset in 0u64..1 << 50) {
            let s = Schedule::new(genesis, duration).unwrap();
            let now = genesis + offset;
            if let Ok(i) = s.index_at(now) {
                prop_assert!(s.start_of(i).unwrap() <= now);
                prop_assert!(now < s.start_of(i + 1).unwrap());
            }
        }

        #[test]
        fn a_request_never_matures_in_the_epoch_it_is_made_nor_the_one_a_due_rollover_opens(epoch in 0u32..1 << 30, now in 0u64..1 << 50, boundary in 0u64..1 << 50) {
            let m = epoch_maturity(epoch, now, boundary).unwrap();
            // The next rollover opens epoch + 1; if the boundary has passed it may run in the
            // very block of the request, so the request waits for the one after.
            prop_assert!(m > epoch);
            prop_assert!(now < boundary || m > epoch + 1);
        }
    }
}
