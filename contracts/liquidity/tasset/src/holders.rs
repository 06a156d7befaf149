//! The storage steps behind the liquidity providers' messages: loading a holder settled to the
//! current epoch, moving balances, dropping requests, minting, allowances.

// The books code (the `books` feature) uses only the settling steps here.
#![cfg_attr(feature = "books", allow(dead_code))]

use crate::book::{self, Bucket, Holder};
use crate::events::{Deposited, WithdrawalRequested};
use crate::state::Pool;
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use laas_math::{add, ratio_fixed, sub, Rounding, ONE};
use laas_traits::{token, AccessError, PSP22Error, PoolError};
use psp22::{Approval, Transfer};

type Result<T> = core::result::Result<T, PoolError>;

/// Emits one of the pool's events (either code emits them as the pool).
pub(crate) fn emit<E: ink::env::Event>(event: E) {
    ink::env::emit_event::<DefaultEnvironment, E>(event);
}

/// A pool error met inside a PSP22 message: PSP22 errors as they are, anything else (only
/// arithmetic can happen there, on books that broke an invariant) as the standard's `Custom`
/// with an empty message (a text would be code every transfer loads).
fn psp22_error(e: PoolError) -> PSP22Error {
    match e {
        PoolError::PSP22(e) => e,
        _ => PSP22Error::Custom(ink::prelude::string::String::new()),
    }
}

impl Pool {
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
        emit(Transfer { from: Some(from), to: Some(to), value });
        if cut > 0 {
            emit(WithdrawalRequested { account: from, amount: sender.request, maturity: sender.maturity });
        }
        Ok(())
    }

    /// Mints for `account` what `amount` of the asset, pulled from `payer`, buys (see
    /// `TAsset::deposit`).
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
        } else if ink::env::block_timestamp::<DefaultEnvironment>().saturating_sub(self.struck_ms) > self.config.max_nav_age_ms {
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
        emit(Transfer { from: None, to: Some(account), value: minted });
        emit(Deposited { payer, account, amount, minted });
        Ok(minted)
    }

    /// Sets (0 removes) an allowance, with its `Approval` event.
    pub(crate) fn set_allowance(&mut self, owner: AccountId, spender: AccountId, amount: u128) {
        if amount == 0 {
            self.allowances.remove((owner, spender));
        } else {
            self.allowances.insert((owner, spender), &amount);
        }
        emit(Approval { owner, spender, amount });
    }
}
