//! Underwriting capital for the cover pools (SPEC §4.4): the ledger of what the pool holds for its underwriters, premiums
//! earned over each policy's term, capital locked behind cover in force, and the expiry
//! buckets that release both without ever looping over policies.
//!
//! **Earning.** A policy whose capital lock ends at the boundary `E` of its expiry bucket
//! earns its premium linearly from its sale to `E` at `rate = premium × RATE_SCALE / (E −
//! sale)` per ms. The pool keeps the sum of the rates in force and the unearned premium
//! (scaled), `Σ rate × (E − now)`, which falls by `Σ rate` per ms between boundaries and loses
//! nothing at a boundary (every policy ending there has earned everything), where the
//! bucket's rates leave the sum. Exact integers throughout; what the rate's rounding leaves
//! (less than one unit per policy and ms of term / `RATE_SCALE`) counts as earned at the sale.
//!
//! **Value of a share**: `(funds − unearned − pending claims + 1) / (shares + VIRTUAL_SHARES)`
//! when withdrawn, so a premium cannot be sniped by buying shares just before it is earned, a
//! filed claim lowers what leaves at once, and the first depositor cannot inflate the price
//! against the next (virtual shares). Deposits are priced without taking pending claims off:
//! a newcomer shares a pending claim rather than profiting when it is rejected.
//!
//! **Locks**: capital of `cover × 10,000 / capacity ratio` stays locked for every policy
//! until its expiry bucket passes (its end plus the grace period), and the amount of every
//! pending claim until it is settled; only the rest can be withdrawn.

#![cfg_attr(not(feature = "std"), no_std)]

pub mod accounts;
pub mod expiry;

pub use accounts::{AccountError, Withdrawal};
pub use expiry::{roll, roll_cover, Bucket, MAX_STEPS};

use laas_math::{add, mul_div, sub, MathError, Rounding, BPS};

/// Why the ledger refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapitalError {
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// Shares are outstanding and worth nothing: no deposit is priced until they are.
    NoValue,
}

impl From<MathError> for CapitalError {
    fn from(e: MathError) -> Self {
        CapitalError::Math(e)
    }
}

/// The scale of premium-earning rates (per ms).
pub const RATE_SCALE: u128 = 1_000_000_000;
/// Virtual shares (and one virtual unit of value) against share-price inflation.
pub const VIRTUAL_SHARES: u128 = 1_000;

/// The pool's running totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Ledger {
    /// The cover asset held for underwriters: deposits and premiums, less payouts and
    /// withdrawals.
    pub funds: u128,
    /// Premiums not yet earned, scaled by [`RATE_SCALE`].
    pub unearned_scaled: u128,
    /// Sum of the earning rates in force, scaled, per ms.
    pub rate: u128,
    /// Earning is accounted up to here, ms.
    pub clock_ms: u64,
    /// The first expiry bucket not yet processed.
    pub next_bucket: u64,
    /// Cover in force.
    pub active_cover: u128,
    /// Claims filed and not settled.
    pub pending_claims: u128,
    /// Shares outstanding.
    pub shares: u128,
}

impl Ledger {
    /// Premiums not yet earned (rounded up: the pool never counts as earned what is not).
    pub fn unearned(&self) -> Result<u128, MathError> {
        mul_div(self.unearned_scaled, 1, RATE_SCALE, Rounding::Up)
    }

    /// What the shares are worth: funds − unearned − pending claims (0 at worst).
    pub fn value(&self) -> Result<u128, MathError> {
        Ok(self.funds.saturating_sub(self.unearned()?).saturating_sub(self.pending_claims))
    }

    /// Capital locked behind cover in force: `cover × 10,000 / ratio`, at most the value.
    pub fn locked(&self, capacity_ratio_bps: u32) -> Result<u128, MathError> {
        let backing = mul_div(self.active_cover, BPS, u128::from(capacity_ratio_bps), Rounding::Up)?;
        Ok(backing.min(self.value()?))
    }

    /// Shares `amount` buys now (rounded down), priced at funds − unearned: pending claims
    /// are not taken off, so a depositor cannot buy in cheaply and gain when one is rejected.
    /// Errors: `NoValue` (shares outstanding and worth nothing).
    pub fn shares_for(&self, amount: u128) -> Result<u128, CapitalError> {
        let gross = self.funds.saturating_sub(self.unearned()?);
        if gross == 0 && self.shares > 0 {
            return Err(CapitalError::NoValue);
        }
        Ok(mul_div(amount, add(self.shares, VIRTUAL_SHARES)?, add(gross, 1)?, Rounding::Down)?)
    }

    /// What `shares` are worth now (rounded down).
    pub fn amount_for(&self, shares: u128) -> Result<u128, MathError> {
        mul_div(shares, add(self.value()?, 1)?, add(self.shares, VIRTUAL_SHARES)?, Rounding::Down)
    }

    /// Earns premiums from the clock to `to_ms` (not before the clock).
    pub fn earn(&mut self, to_ms: u64) -> Result<(), MathError> {
        let elapsed = u128::from(to_ms.saturating_sub(self.clock_ms));
        let earned = mul_div(self.rate, elapsed, 1, Rounding::Down)?.min(self.unearned_scaled);
        self.unearned_scaled = sub(self.unearned_scaled, earned)?;
        self.clock_ms = self.clock_ms.max(to_ms);
        Ok(())
    }

    /// Takes a sale: `premium` earned at `rate` over `duration_ms`, `cover` in force.
    pub fn book_sale(&mut self, premium: u128, rate: u128, duration_ms: u64, cover: u128) -> Result<(), MathError> {
        self.funds = add(self.funds, premium)?;
        self.unearned_scaled = add(self.unearned_scaled, mul_div(rate, u128::from(duration_ms), 1, Rounding::Down)?)?;
        self.rate = add(self.rate, rate)?;
        self.active_cover = add(self.active_cover, cover)?;
        Ok(())
    }
}

/// The expiry bucket of a lock that ends at `until_ms` (the first boundary at or after it).
pub fn bucket_of(until_ms: u64, bucket_ms: u64) -> Result<u64, MathError> {
    let index = mul_div(u128::from(until_ms), 1, u128::from(bucket_ms), Rounding::Up)?;
    u64::try_from(index).map_err(|_| MathError::Overflow)
}

/// The premium-earning rate of `premium` over `duration_ms` (scaled; rounded down).
pub fn rate_of(premium: u128, duration_ms: u64) -> Result<u128, MathError> {
    mul_div(premium, RATE_SCALE, u128::from(duration_ms.max(1)), Rounding::Down)
}

#[cfg(test)]
mod tests;
