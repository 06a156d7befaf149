//! The stake book: one reactor's pool, one account's position, and the pure rules that move
//! them — reward settlement by epoch, vote totals that follow stake in O(venues), and the
//! shape of a valid vote.
//!
//! **Epochs and eligibility** (as in the reactor's pool): epochs are the reactor's rollovers,
//! which tell LD staking each one they open. An epoch's LD rewards are shared over the stake
//! held through the whole epoch and not under an unstake request: a stake made during an epoch
//! earns from the next one; a request takes its stake out of the votes, the collateral and the
//! rewards at once. The pool keeps a reward index per eligible TOKE and its value at the
//! opening of each epoch; settling a position last seen in epoch `E` at epoch `N > E` credits
//! `eligible × (I[E+1] − I[E]) + (stake − request) × (I[N] − I[E+1])`.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_math::{add, apply_bps, mul_fixed, sub, Rounding, BPS};
use laas_traits::StakeError;

/// Results of the book's rules.
type Result<T> = core::result::Result<T, StakeError>;

/// Most venues one vote may name (the reactor's own bound).
pub const MAX_ALLOCATIONS: usize = 8;

/// One reactor's stake book.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Pool {
    /// The reactor's asset (rewards come in it and in TOKE).
    pub asset: AccountId,
    /// TOKE staked in the reactor.
    pub total: u128,
    /// TOKE of it under unstake requests: still staked, but neither collateral, nor votes, nor
    /// earning.
    pub leaving: u128,
    /// TOKE staked through the whole current epoch and not under a request: what shares the
    /// rewards the next rollover brings.
    pub eligible: u128,
    /// The reactor's current epoch (told by its rollovers).
    pub epoch: u32,
    /// When the reactor's next cycle boundary falls, ms: a request made at or after it,
    /// before the next rollover, waits one more epoch.
    pub next_boundary_ms: u64,
    /// Rewards per eligible TOKE since registration, 1e18 (asset, TOKE).
    pub index: (u128, u128),
    /// TOKE voting for each venue.
    pub votes: Vec<(AccountId, u128)>,
}

/// A vesting grant on a stake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Grant {
    /// The schedule.
    pub schedule: u32,
    /// TOKE granted.
    pub total: u128,
    /// Vesting start, ms.
    pub start_ms: u64,
}

/// One account's stake in one reactor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Position {
    /// TOKE staked.
    pub stake: u128,
    /// Pending or matured unstake request.
    pub request: u128,
    /// The reactor epoch from which the request can be unstaked (0 without a request).
    pub maturity: u32,
    /// Of the stake, what was held since epoch `epoch` opened and is not under a request.
    pub eligible: u128,
    /// The reactor epoch this position was last settled in.
    pub epoch: u32,
    /// The vote: venue and weight (bps, summing to 10,000), empty if not voting. It carries
    /// the stake not under a request.
    pub allocation: Vec<(AccountId, u16)>,
    /// Rewards settled and not claimed (asset, TOKE).
    pub owed: (u128, u128),
    /// A vesting grant, if the stake was made by a depositor.
    pub grant: Option<Grant>,
}

impl Position {
    /// The stake that votes and collateralizes: what is not under a request.
    pub fn active(&self) -> u128 {
        self.stake.saturating_sub(self.request)
    }
}

/// Settles `position` to the pool's epoch (see the module docs); `index_at(x)` is the pool's
/// index at the opening of epoch `x`.
pub fn settle(pool: &Pool, position: &mut Position, index_at: impl Fn(u32) -> (u128, u128)) -> Result<()> {
    if position.epoch >= pool.epoch {
        return Ok(());
    }
    let next = position.epoch.checked_add(1).ok_or(laas_math::MathError::Overflow)?;
    let (first, then) = (index_at(position.epoch), index_at(next));
    let now = if pool.epoch == next { then } else { index_at(pool.epoch) };
    let credit = |eligible: u128, active: u128, a: u128, b: u128, c: u128| -> Result<u128> {
        Ok(add(mul_fixed(eligible, sub(b, a)?, Rounding::Down)?, mul_fixed(active, sub(c, b)?, Rounding::Down)?)?)
    };
    let asset = credit(position.eligible, position.active(), first.0, then.0, now.0)?;
    let toke = credit(position.eligible, position.active(), first.1, then.1, now.1)?;
    position.owed = (add(position.owed.0, asset)?, add(position.owed.1, toke)?);
    position.eligible = position.active();
    position.epoch = pool.epoch;
    Ok(())
}

/// Moves a vote's weight from a stake of `old` to a stake of `new`: each venue's total
/// loses `old × bps` and gains `new × bps`. O(venues).
pub fn revote(pool: &mut Pool, allocation: &[(AccountId, u16)], old: u128, new: u128) -> Result<()> {
    for (venue, bps) in allocation {
        let out = apply_bps(old, u128::from(*bps), Rounding::Down)?;
        let inn = apply_bps(new, u128::from(*bps), Rounding::Down)?;
        match pool.votes.iter_mut().find(|(v, _)| v == venue) {
            Some((_, total)) => *total = add(sub(*total, out)?, inn)?,
            None => pool.votes.push((*venue, sub(inn, out)?)),
        }
    }
    pool.votes.retain(|(_, total)| *total > 0);
    Ok(())
}

/// An allocation must name distinct venues of the reactor, at most
/// [`MAX_ALLOCATIONS`], with weights summing to exactly 10,000 bps.
pub fn validate(allocation: &[(AccountId, u16)], venues: &[AccountId]) -> Result<()> {
    if allocation.len() > MAX_ALLOCATIONS {
        return Err(StakeError::InvalidAllocation);
    }
    let mut sum: u128 = 0;
    for (i, (venue, bps)) in allocation.iter().enumerate() {
        let repeated = allocation.iter().skip(i.saturating_add(1)).any(|(v, _)| v == venue);
        if repeated || *bps == 0 || !venues.contains(venue) {
            return Err(StakeError::InvalidAllocation);
        }
        sum = add(sum, u128::from(*bps))?;
    }
    if sum != BPS {
        return Err(StakeError::InvalidAllocation);
    }
    Ok(())
}
