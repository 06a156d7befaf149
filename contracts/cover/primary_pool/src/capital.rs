//! The primary pool's capital: rolling its ledger and its products' cover through the expiry
//! buckets, deposits and withdrawals (the ledger and the buckets: `laas-capital`).

use crate::primary_pool::PrimaryPool;
use crate::types::*;
use ink::codegen::Env;
pub use laas_capital::{bucket_of, rate_of, Ledger};
use laas_capital::accounts;
use laas_capital::expiry::word_of;
use laas_math::{add, sub};

impl PrimaryPool {
    /// `ledger` rolled forward to `now_ms` through the pool's expiry buckets (see
    /// `laas_capital::roll`). Reads only.
    pub(crate) fn rolled(&self, ledger: Ledger, now_ms: u64) -> Result<(Ledger, bool)> {
        Ok(laas_capital::roll(ledger, now_ms, self.bucket_ms, |w| self.bucket_marks.get(w).unwrap_or(0), |b| self.buckets.get(b).unwrap_or_default())?)
    }

    /// A product's state rolled forward to `now_ms`: its cover whose buckets have passed
    /// released (in at most `MAX_STEPS` storage reads). Returns whether it reached `now_ms`.
    pub(crate) fn product_rolled(&self, id: u32, mut state: ProductState, now_ms: u64) -> (ProductState, bool) {
        let word = |w| self.product_marks.get((id, w)).unwrap_or(0);
        let ending = |b| self.product_buckets.get((id, b)).unwrap_or(0);
        let (cover, next, current) = laas_capital::roll_cover(state.active_cover, state.next_bucket, now_ms, self.bucket_ms, word, ending);
        state.active_cover = cover;
        state.next_bucket = next;
        (state, current)
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
        let shares = accounts::deposit(&mut self.ledger, amount)?;
        let held = self.shares.get(account).unwrap_or(0);
        self.shares.insert(account, &add(held, shares)?);
        Ok(shares)
    }

    /// Redeems `shares` of `account`'s ready request for what they are worth, within the free
    /// capital; returns the amount. Errors: `CooldownActive`, `RequestExpired`,
    /// `InsufficientShares`, `ZeroAmount`, `CapitalLocked`.
    pub(crate) fn book_withdrawal(&mut self, account: ink::primitives::AccountId, shares: u128) -> Result<u128> {
        let now = self.env().block_timestamp();
        let params = self.params_now();
        // An exit is never refused for lagging buckets: what is not processed yet stays
        // locked, which only errs against the leaver.
        let (mut ledger, _) = self.rolled(self.ledger, now)?;
        let locked = ledger.locked(params.capacity_ratio_bps)?;
        let held = self.shares.get(account).unwrap_or(0);
        let (amount, left) = accounts::withdraw(&mut ledger, self.withdrawals.get(account), held, shares, now, params.withdraw_window_ms, locked)?;
        self.ledger = ledger;
        self.shares.insert(account, &sub(held, shares)?);
        match left {
            Some(request) => {
                self.withdrawals.insert(account, &request);
            }
            None => self.withdrawals.remove(account),
        }
        Ok(amount)
    }
}
