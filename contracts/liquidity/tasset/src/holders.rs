//! The pool's storage steps behind its messages: loading a holder settled to the current
//! epoch, moving balances, dropping requests, keeping the payout reserve, and opening an epoch.

use crate::book::{self, Bucket, Holder};
use crate::events::{Deposited, EpochOpened, WithdrawalRequested};
use crate::tasset::TAssetPool;
use ink::codegen::Env;
use ink::primitives::AccountId;
use laas_math::{add, ratio_fixed, sub, MathError, Rounding, ONE};
use laas_traits::{token, AccessError, PSP22Error, PoolError, Rollover};
use psp22::{Approval, Transfer};

type Result<T> = core::result::Result<T, PoolError>;

/// A pool error met inside a PSP22 message: PSP22 errors as they are, anything else (only
/// arithmetic can happen there) as the standard's `Custom`.
fn psp22_error(e: PoolError) -> PSP22Error {
    match e {
        PoolError::PSP22(e) => e,
        _ => PSP22Error::Custom(ink::prelude::string::String::from("Arithmetic")),
    }
}

impl TAssetPool {
    /// The reward index at the opening of epoch `x` (the current one's is kept in the root).
    pub(crate) fn index_at_epoch(&self, x: u32) -> book::Pair {
        if x == self.epoch {
            self.index
        } else {
            self.index_at.get(x).unwrap_or_default()
        }
    }

    /// `account`'s cell, rewards settled to the current epoch, with the bucket of its request
    /// if that stands matured now (read once: every message that needs one gets it here).
    pub(crate) fn settled(&self, account: AccountId) -> Result<(Holder, Option<Bucket>)> {
        let mut holder = self.holders.get(account).unwrap_or_default();
        let bucket = if holder.request > 0 && holder.maturity <= self.epoch { self.buckets.get(holder.maturity) } else { None };
        if holder.epoch < self.epoch {
            book::settle(&mut holder, self.epoch, |x| self.index_at_epoch(x), bucket.map(|b| b.expires_at))?;
        }
        let matured = bucket.filter(|b| book::is_matured(holder.request, holder.maturity, b.expires_at, self.epoch));
        Ok((holder, matured))
    }

    /// Stores a holder, or removes a cell that holds nothing.
    pub(crate) fn store(&mut self, account: AccountId, holder: &Holder) {
        if holder.balance == 0 && holder.owed == (0, 0) && holder.request == 0 {
            self.holders.remove(account);
        } else {
            self.holders.insert(account, holder);
        }
    }

    /// Takes `amount` of `holder`'s pending request out of the queue of the epoch it matures
    /// at (a matured request is firm: it is never unqueued). The holder's own fields are left
    /// to the caller.
    pub(crate) fn unqueue(&mut self, holder: &Holder, amount: u128) -> Result<()> {
        if amount == 0 || holder.maturity <= self.epoch {
            return Ok(());
        }
        let left = sub(self.queued.get(holder.maturity).unwrap_or(0), amount)?;
        if left == 0 {
            self.queued.remove(holder.maturity);
        } else {
            self.queued.insert(holder.maturity, &left);
        }
        Ok(())
    }

    /// Drops `amount` of `holder`'s pending request (all of it to replace or cancel it).
    pub(crate) fn drop_request(&mut self, holder: &mut Holder, amount: u128) -> Result<()> {
        self.unqueue(holder, amount)?;
        holder.request = sub(holder.request, amount)?;
        if holder.request == 0 {
            holder.maturity = 0;
        }
        Ok(())
    }

    /// Returns to idle whatever is set aside beyond what matured requests are owed.
    pub(crate) fn release_excess_reserve(&mut self) -> Result<()> {
        let excess = self.reserved.saturating_sub(self.payouts_due);
        self.reserved = sub(self.reserved, excess)?;
        self.idle = add(self.idle, excess)?;
        Ok(())
    }

    /// Moves `value` tAssets between two distinct holders (checked by the caller): both are
    /// settled first; the sender's request shrinks to what it keeps, and what leaves stops
    /// counting as eligible this epoch.
    pub(crate) fn move_balance(&mut self, from: AccountId, to: AccountId, value: u128) -> core::result::Result<(), PSP22Error> {
        let (mut sender, matured) = self.settled(from).map_err(psp22_error)?;
        let before = sender;
        // More than the balance, or what stands under a matured request (the payout's), cannot
        // be sent.
        let (cut, eligible_cut) = book::send(&mut sender, value, matured.is_some()).map_err(|_| PSP22Error::InsufficientBalance)?;
        let (mut receiver, _) = self.settled(to).map_err(psp22_error)?;
        // A matured request keeps its tAssets (`send` refuses them), so only a pending one is cut.
        self.unqueue(&before, cut).map_err(psp22_error)?;
        self.eligible = sub(self.eligible, eligible_cut).map_err(|e| psp22_error(e.into()))?;
        receiver.balance = add(receiver.balance, value).map_err(|e| psp22_error(e.into()))?;
        self.store(from, &sender);
        self.store(to, &receiver);
        self.env().emit_event(Transfer { from: Some(from), to: Some(to), value });
        if cut > 0 {
            self.env().emit_event(WithdrawalRequested { account: from, amount: sender.request, maturity: sender.maturity });
        }
        Ok(())
    }

    /// The manager's rollover (see `ManagedPool::roll`).
    pub(crate) fn open_epoch(&mut self, r: Rollover) -> Result<(u128, u128)> {
        let epoch = self.epoch.checked_add(1).ok_or(MathError::Overflow)?;
        // The closing epoch's rewards, over what was eligible through it.
        let mut index = self.index;
        if r.reward_asset > 0 || r.reward_pairing > 0 {
            index = (
                add(index.0, ratio_fixed(r.reward_asset, self.eligible, Rounding::Down)?)?,
                add(index.1, ratio_fixed(r.reward_pairing, self.eligible, Rounding::Down)?)?,
            );
        }
        let rewarded = self.eligible;
        self.index = index;
        self.index_at.insert(epoch, &index);
        // Matured requests whose time is up: their payouts return to the pool.
        let mut expired = 0;
        if let Some(at) = self.expiring.take(epoch) {
            if let Some(mut bucket) = self.buckets.get(at) {
                expired = bucket.outstanding;
                self.payouts_due = sub(self.payouts_due, bucket.payout)?;
                self.payouts_due_pairing = sub(self.payouts_due_pairing, bucket.payout_pairing)?;
                self.matured = sub(self.matured, bucket.outstanding)?;
                bucket.outstanding = 0;
                bucket.payout = 0;
                bucket.payout_pairing = 0;
                self.buckets.insert(at, &bucket);
            }
        }
        // Requests due now mature, with the payout the manager fixed at this strike.
        let maturing = self.queued.take(epoch).unwrap_or(0);
        let payout = if maturing > 0 { (r.payout, r.payout_pairing) } else { (0, 0) };
        if maturing > 0 {
            let expires_at = epoch.checked_add(self.config.expiry_epochs).ok_or(MathError::Overflow)?;
            let bucket = Bucket { nav: r.nav, outstanding: maturing, payout: payout.0, payout_pairing: payout.1, expires_at };
            self.buckets.insert(epoch, &bucket);
            self.expiring.insert(expires_at, &epoch);
            self.payouts_due = add(self.payouts_due, payout.0)?;
            self.payouts_due_pairing = add(self.payouts_due_pairing, payout.1)?;
            self.matured = add(self.matured, maturing)?;
        }
        // Set aside what matured requests are owed, from idle asset and what was funded; the
        // rest goes to the manager to deploy, with any TOKE beyond what payouts are owed.
        self.idle = add(self.idle, r.funded)?;
        let short = self.payouts_due.saturating_sub(self.reserved);
        let moved = short.min(self.idle);
        self.idle = sub(self.idle, moved)?;
        self.reserved = add(self.reserved, moved)?;
        self.release_excess_reserve()?;
        let sent = self.idle;
        self.idle = 0;
        let reserved_pairing = add(self.reserved_pairing, r.funded_pairing)?;
        self.reserved_pairing = reserved_pairing.min(self.payouts_due_pairing);
        let sent_pairing = sub(reserved_pairing, self.reserved_pairing)?;
        self.epoch = epoch;
        self.nav = r.nav;
        self.struck_ms = self.env().block_timestamp();
        self.next_boundary_ms = r.next_boundary_ms;
        self.eligible = sub(self.supply, self.matured)?;
        token::push(self.asset, self.manager, sent)?;
        token::push(self.pairing, self.manager, sent_pairing)?;
        self.env().emit_event(EpochOpened {
            epoch,
            nav: r.nav,
            matured: maturing,
            payout,
            expired,
            reward_asset: r.reward_asset,
            reward_pairing: r.reward_pairing,
            eligible: rewarded,
            sent: (sent, sent_pairing),
        });
        Ok((sent, sent_pairing))
    }
}

impl TAssetPool {
    pub(crate) fn ensure_manager(&self) -> Result<()> {
        if self.env().caller() != self.manager {
            return Err(PoolError::NotManager);
        }
        Ok(())
    }

    pub(crate) fn mint_for(&mut self, payer: AccountId, account: AccountId, amount: u128) -> Result<u128> {
        if self.config.paused {
            return Err(PoolError::Access(AccessError::Paused));
        }
        if amount == 0 {
            return Err(PoolError::ZeroAmount);
        }
        let minted = if self.nav >= ONE {
            amount
        } else if self.nav == 0 {
            return Err(PoolError::Insolvent);
        } else if self.env().block_timestamp().saturating_sub(self.struck_ms) > self.config.max_nav_age_ms {
            return Err(PoolError::StaleNav);
        } else {
            ratio_fixed(amount, self.nav, Rounding::Down)?
        };
        if minted == 0 {
            return Err(PoolError::ZeroAmount);
        }
        let supply = add(self.supply, minted)?;
        if supply > self.config.deposit_cap {
            return Err(PoolError::CapExceeded);
        }
        let (mut holder, _) = self.settled(account)?;
        holder.balance = add(holder.balance, minted)?;
        self.store(account, &holder);
        self.supply = supply;
        self.idle = add(self.idle, amount)?;
        token::pull(self.asset, payer, amount)?;
        self.env().emit_event(Transfer { from: None, to: Some(account), value: minted });
        self.env().emit_event(Deposited { payer, account, amount, minted });
        Ok(minted)
    }

    pub(crate) fn set_allowance(&mut self, owner: AccountId, spender: AccountId, amount: u128) {
        if amount == 0 {
            self.allowances.remove((owner, spender));
        } else {
            self.allowances.insert((owner, spender), &amount);
        }
        self.env().emit_event(Approval { owner, spender, amount });
    }
}
