//! The stake book: one reactor's pool, one account's position, and the pure rules that move
//! them — reward settlement by index, vote totals that follow stake in O(venues), and the
//! shape of a valid vote.

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
    /// TOKE of it under unstake requests: still staked and earning, but no longer counted
    /// as collateral.
    pub leaving: u128,
    /// Rewards per staked TOKE since registration, 1e18 (asset, TOKE).
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
    /// The reactor cycle from which the request can be unstaked (0 without a request).
    pub maturity: u32,
    /// The vote: venue and weight (bps, summing to 10,000), empty if not voting.
    pub allocation: Vec<(AccountId, u16)>,
    /// Pool index at the last settlement.
    pub index: (u128, u128),
    /// Rewards settled and not claimed (asset, TOKE).
    pub owed: (u128, u128),
    /// A vesting grant, if the stake was made by a depositor.
    pub grant: Option<Grant>,
}

/// Moves rewards accrued on `position`'s stake since its last settlement into `owed`.
pub fn settle(pool: &Pool, position: &mut Position) -> Result<()> {
    let grown_asset = sub(pool.index.0, position.index.0)?;
    let grown_toke = sub(pool.index.1, position.index.1)?;
    let asset = mul_fixed(position.stake, grown_asset, Rounding::Down)?;
    let toke = mul_fixed(position.stake, grown_toke, Rounding::Down)?;
    position.owed = (add(position.owed.0, asset)?, add(position.owed.1, toke)?);
    position.index = pool.index;
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
