//! Underwriting capital: the ledger of what the pool holds for its underwriters, premiums
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

use crate::primary_pool::PrimaryPool;
use crate::types::*;
use ink::codegen::Env;
use crate::expiry::{step, word_of, Step, WORD_BITS};
use laas_math::{add, mul_div, sub, Rounding, BPS};

/// The scale of premium-earning rates (per ms).
pub const RATE_SCALE: u128 = 1_000_000_000;
/// Most storage reads one roll makes (a marked bucket, or a word of 128 buckets); past
/// that, `advance` catches up.
pub const MAX_STEPS: u32 = 128;
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
    pub fn unearned(&self) -> Result<u128> {
        Ok(mul_div(self.unearned_scaled, 1, RATE_SCALE, Rounding::Up)?)
    }

    /// What the shares are worth: funds − unearned − pending claims (0 at worst).
    pub fn value(&self) -> Result<u128> {
        Ok(self.funds.saturating_sub(self.unearned()?).saturating_sub(self.pending_claims))
    }

    /// Capital locked behind cover in force: `cover × 10,000 / ratio`, at most the value.
    pub fn locked(&self, capacity_ratio_bps: u32) -> Result<u128> {
        let backing = mul_div(self.active_cover, BPS, u128::from(capacity_ratio_bps), Rounding::Up)?;
        Ok(backing.min(self.value()?))
    }

    /// Shares `amount` buys now (rounded down), priced at funds − unearned: pending claims
    /// are not taken off, so a depositor cannot buy in cheaply and gain when one is rejected.
    /// Errors: `NoValue` (shares outstanding and worth nothing).
    pub fn shares_for(&self, amount: u128) -> Result<u128> {
        let gross = self.funds.saturating_sub(self.unearned()?);
        if gross == 0 && self.shares > 0 {
            return Err(CoverError::NoValue);
        }
        Ok(mul_div(amount, add(self.shares, VIRTUAL_SHARES)?, add(gross, 1)?, Rounding::Down)?)
    }

    /// What `shares` are worth now (rounded down).
    pub fn amount_for(&self, shares: u128) -> Result<u128> {
        Ok(mul_div(shares, add(self.value()?, 1)?, add(self.shares, VIRTUAL_SHARES)?, Rounding::Down)?)
    }

    /// Earns premiums from the clock to `to_ms` (not before the clock).
    fn earn(&mut self, to_ms: u64) -> Result<()> {
        let elapsed = u128::from(to_ms.saturating_sub(self.clock_ms));
        let earned = mul_div(self.rate, elapsed, 1, Rounding::Down)?.min(self.unearned_scaled);
        self.unearned_scaled = sub(self.unearned_scaled, earned)?;
        self.clock_ms = self.clock_ms.max(to_ms);
        Ok(())
    }

    /// Takes a sale: `premium` earned at `rate` over `duration_ms`, `cover` in force.
    pub fn book_sale(&mut self, premium: u128, rate: u128, duration_ms: u64, cover: u128) -> Result<()> {
        self.funds = add(self.funds, premium)?;
        self.unearned_scaled = add(self.unearned_scaled, mul_div(rate, u128::from(duration_ms), 1, Rounding::Down)?)?;
        self.rate = add(self.rate, rate)?;
        self.active_cover = add(self.active_cover, cover)?;
        Ok(())
    }
}

/// The expiry bucket of a lock that ends at `until_ms` (the first boundary at or after it).
pub fn bucket_of(until_ms: u64, bucket_ms: u64) -> Result<u64> {
    let index = mul_div(u128::from(until_ms), 1, u128::from(bucket_ms), Rounding::Up)?;
    u64::try_from(index).map_err(|_| CoverError::Math(laas_math::MathError::Overflow))
}

/// The premium-earning rate of `premium` over `duration_ms` (scaled; rounded down).
pub fn rate_of(premium: u128, duration_ms: u64) -> Result<u128> {
    Ok(mul_div(premium, RATE_SCALE, u128::from(duration_ms.max(1)), Rounding::Down)?)
}

impl PrimaryPool {
    /// `ledger` rolled forward to `now_ms`: premiums earned and every marked expiry bucket
    /// whose boundary has passed released, in at most [`MAX_STEPS`] storage reads. Returns
    /// whether it reached `now_ms` (else it stands at the last bucket processed). Reads only.
    pub(crate) fn rolled(&self, mut ledger: Ledger, now_ms: u64) -> Result<(Ledger, bool)> {
        let last = self.last_passed(now_ms);
        for _ in 0..MAX_STEPS {
            let word = self.bucket_marks.get(ledger.next_bucket / WORD_BITS).unwrap_or(0);
            match step(word, ledger.next_bucket, last) {
                Step::Expire(bucket) => {
                    ledger.earn(bucket.saturating_mul(self.bucket_ms))?;
                    let ending = self.buckets.get(bucket).unwrap_or_default();
                    ledger.rate = ledger.rate.saturating_sub(ending.rate);
                    ledger.active_cover = ledger.active_cover.saturating_sub(ending.cover);
                    ledger.next_bucket = bucket.saturating_add(1);
                }
                Step::Skip(bucket) => ledger.next_bucket = bucket,
                Step::Done(bucket) => {
                    ledger.next_bucket = bucket;
                    ledger.earn(now_ms)?;
                    return Ok((ledger, true));
                }
            }
        }
        Ok((ledger, false))
    }

    /// A product's state rolled forward to `now_ms`: its cover whose buckets have passed
    /// released (in at most [`MAX_STEPS`] storage reads). Returns whether it reached `now_ms`.
    pub(crate) fn product_rolled(&self, id: u32, mut state: ProductState, now_ms: u64) -> (ProductState, bool) {
        let last = self.last_passed(now_ms);
        for _ in 0..MAX_STEPS {
            let word = self.product_marks.get((id, state.next_bucket / WORD_BITS)).unwrap_or(0);
            match step(word, state.next_bucket, last) {
                Step::Expire(bucket) => {
                    let ending = self.product_buckets.get((id, bucket)).unwrap_or(0);
                    state.active_cover = state.active_cover.saturating_sub(ending);
                    state.next_bucket = bucket.saturating_add(1);
                }
                Step::Skip(bucket) => state.next_bucket = bucket,
                Step::Done(bucket) => {
                    state.next_bucket = bucket;
                    return (state, true);
                }
            }
        }
        (state, false)
    }

    /// The last bucket whose boundary is at or before `now_ms`.
    fn last_passed(&self, now_ms: u64) -> u64 {
        now_ms.checked_div(self.bucket_ms).unwrap_or(0)
    }

    /// Marks bucket `bucket` (pool-wide and for product `id`) as one something ends in.
    pub(crate) fn mark(&mut self, id: u32, bucket: u64) {
        let (word, bit) = word_of(bucket);
        let marks = self.bucket_marks.get(word).unwrap_or(0);
        if marks & bit == 0 {
            self.bucket_marks.insert(word, &(marks | bit));
        }
        let marks = self.product_marks.get((id, word)).unwrap_or(0);
        if marks & bit == 0 {
            self.product_marks.insert((id, word), &(marks | bit));
        }
    }

    /// Rolls the stored ledger to now; returns whether it is current.
    pub(crate) fn roll(&mut self) -> Result<bool> {
        let now = self.env().block_timestamp();
        let (ledger, current) = self.rolled(self.ledger, now)?;
        self.ledger = ledger;
        Ok(current)
    }

    /// Rolls the stored ledger to now, or `Behind` (changing nothing) if one call cannot
    /// reach it.
    pub(crate) fn roll_current(&mut self) -> Result<()> {
        let (ledger, current) = self.rolled(self.ledger, self.env().block_timestamp())?;
        if !current {
            return Err(CoverError::Behind);
        }
        self.ledger = ledger;
        Ok(())
    }

    /// The capital as underwriters see it at `now_ms` (rolled in memory).
    pub(crate) fn capital_at(&self, now_ms: u64) -> Result<Capital> {
        let (ledger, current) = self.rolled(self.ledger, now_ms)?;
        let ratio = self.params_now().capacity_ratio_bps;
        let value = ledger.value()?;
        let cover_lock = ledger.locked(ratio)?;
        Ok(Capital {
            funds: ledger.funds,
            unearned: ledger.unearned()?,
            pending_claims: ledger.pending_claims,
            value,
            active_cover: ledger.active_cover,
            locked: add(cover_lock, ledger.pending_claims)?,
            free: value.saturating_sub(cover_lock),
            shares: ledger.shares,
            current,
        })
    }

    /// Credits `amount` deposited by `account` with shares; returns them. Errors: `ZeroAmount`
    /// (nothing, or worth no share), `Behind`, `NoValue`.
    pub(crate) fn book_deposit(&mut self, account: ink::primitives::AccountId, amount: u128) -> Result<u128> {
        if amount == 0 {
            return Err(CoverError::ZeroAmount);
        }
        self.roll_current()?;
        let shares = self.ledger.shares_for(amount)?;
        if shares == 0 {
            return Err(CoverError::ZeroAmount);
        }
        self.ledger.funds = add(self.ledger.funds, amount)?;
        self.ledger.shares = add(self.ledger.shares, shares)?;
        let held = self.shares.get(account).unwrap_or(0);
        self.shares.insert(account, &add(held, shares)?);
        Ok(shares)
    }

    /// Redeems `shares` of `account`'s ready request for what they are worth, within the free
    /// capital; returns the amount. Errors: `CooldownActive`, `RequestExpired`,
    /// `InsufficientShares`, `ZeroAmount`, `CapitalLocked`.
    pub(crate) fn book_withdrawal(&mut self, account: ink::primitives::AccountId, shares: u128) -> Result<u128> {
        let now = self.env().block_timestamp();
        let request = self.withdrawals.get(account).ok_or(CoverError::CooldownActive { ready_ms: 0 })?;
        if now < request.ready_ms {
            return Err(CoverError::CooldownActive { ready_ms: request.ready_ms });
        }
        if now > request.ready_ms.saturating_add(self.params_now().withdraw_window_ms) {
            return Err(CoverError::RequestExpired);
        }
        let held = self.shares.get(account).unwrap_or(0);
        if shares == 0 {
            return Err(CoverError::ZeroAmount);
        }
        if shares > request.shares || shares > held {
            return Err(CoverError::InsufficientShares);
        }
        // An exit is never refused for lagging buckets: what is not processed yet stays
        // locked, which only errs against the leaver.
        self.roll()?;
        let amount = self.ledger.amount_for(shares)?;
        if amount == 0 {
            return Err(CoverError::ZeroAmount);
        }
        let free = self.ledger.value()?.saturating_sub(self.ledger.locked(self.params_now().capacity_ratio_bps)?);
        if amount > free {
            return Err(CoverError::CapitalLocked { free });
        }
        self.ledger.funds = sub(self.ledger.funds, amount)?;
        self.ledger.shares = sub(self.ledger.shares, shares)?;
        self.shares.insert(account, &sub(held, shares)?);
        let left = sub(request.shares, shares)?;
        if left == 0 {
            self.withdrawals.remove(account);
        } else {
            self.withdrawals.insert(account, &Withdrawal { shares: left, ready_ms: request.ready_ms });
        }
        Ok(amount)
    }
}
