//! The pool's books code: what its manager runs (`ManagedPool`: the books, the rollover, NAV
//! strikes, parameters, upgrades) and the views (a position, the token's metadata, roles).
//! The pool runs these in its own storage by delegate call, so the code liquidity providers'
//! calls load stays small; the books contract (`books.rs`) dispatches them, and off chain the
//! pool's unit tests call them directly.

use crate::book::Bucket;
use crate::events::{EpochOpened, NavStruck, PoolConfigChanged};
use crate::holders::emit;
use crate::state::Pool;
use ink::env::DefaultEnvironment;
use ink::codegen::TraitCallBuilder;
use ink::contract_ref;
use ink::prelude::{format, string::String, vec, vec::Vec};
use ink::primitives::AccountId;
use laas_math::{add, ratio_fixed, sub, MathError, Rounding};
use laas_traits::{call, token, Books, PSP22Error, PSP22Metadata, PoolCode, PoolConfig, PoolError, Position, Role, Rollover};

type Result<T> = core::result::Result<T, PoolError>;

/// The asset, read for the pool's metadata.
type AssetMetadata = contract_ref!(PSP22Metadata, DefaultEnvironment);

impl Pool {
    /// Errors with `NotManager` unless the caller is the manager.
    fn ensure_manager(&self) -> Result<()> {
        if ink::env::caller::<DefaultEnvironment>() != self.manager {
            return Err(PoolError::NotManager);
        }
        Ok(())
    }

    /// The books a rollover or a strike needs. Anyone may call.
    pub fn books(&self) -> Books {
        let next = self.epoch.saturating_add(1);
        let expiring = self.expiring.get(next).and_then(|m| self.buckets.get(m)).unwrap_or_default();
        Books {
            epoch: self.epoch,
            supply: self.supply,
            matured: self.matured,
            maturing: self.queued.get(next).unwrap_or(0),
            eligible: self.eligible,
            idle: self.idle,
            reserved: self.reserved,
            reserved_pairing: self.reserved_pairing,
            payouts_due: self.payouts_due,
            payouts_due_pairing: self.payouts_due_pairing,
            expiring: expiring.payout,
            expiring_pairing: expiring.payout_pairing,
            nav: self.nav,
            struck_ms: self.struck_ms,
        }
    }

    /// Opens the next epoch (see `ManagedPool::roll`). Manager only.
    /// Errors: `NotManager`, `Math` (rewards with nothing eligible), token errors.
    pub fn roll(&mut self, r: Rollover) -> Result<(u128, u128)> {
        self.ensure_manager()?;
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
        self.struck_ms = ink::env::block_timestamp::<DefaultEnvironment>();
        self.next_boundary_ms = r.next_boundary_ms;
        self.eligible = sub(self.supply, self.matured)?;
        token::push(self.asset, self.manager, sent)?;
        token::push(self.pairing, self.manager, sent_pairing)?;
        emit(EpochOpened {
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

    /// Records a NAV strike made between rollovers. Manager only. Errors: `NotManager`.
    pub fn strike(&mut self, nav: u128) -> Result<()> {
        self.ensure_manager()?;
        self.nav = nav;
        self.struck_ms = ink::env::block_timestamp::<DefaultEnvironment>();
        emit(NavStruck { nav });
        Ok(())
    }

    /// Replaces the parameters; `expiry_epochs` stays within its range and never shortens (a
    /// shorter window would let older requests outlive newer ones). Manager only.
    /// Errors: `NotManager`, `InvalidConfig`.
    pub fn configure(&mut self, config: PoolConfig) -> Result<()> {
        self.ensure_manager()?;
        if config.expiry_epochs < self.config.expiry_epochs || !config.expiry_in_range() {
            return Err(PoolError::InvalidConfig);
        }
        self.config = config;
        emit(PoolConfigChanged { config });
        Ok(())
    }

    /// Moves the pool to the uploaded codes `code` (balances stay): the pool's own code, and
    /// the books code, locked as a delegate dependency so it cannot be removed while the pool
    /// needs it. Manager only. Errors: `NotManager`, `UpgradeFailed` (no code under the pool
    /// hash); a books hash with no code uploaded traps, changing nothing.
    pub fn set_code(&mut self, code: PoolCode) -> Result<()> {
        self.ensure_manager()?;
        ink::env::set_code_hash::<DefaultEnvironment>(&code.pool).map_err(|_| PoolError::UpgradeFailed)?;
        if code.books != self.books_code {
            ink::env::lock_delegate_dependency::<DefaultEnvironment>(&code.books);
            ink::env::unlock_delegate_dependency::<DefaultEnvironment>(&self.books_code);
            self.books_code = code.books;
        }
        Ok(())
    }

    /// tAssets `spender` may still move from `owner`. Anyone may call.
    pub fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
        self.allowances.get((owner, spender)).unwrap_or(0)
    }

    /// Raises the caller's allowance for `spender` (saturating). No-op for oneself or 0.
    pub fn increase_allowance(&mut self, spender: AccountId, delta: u128) -> core::result::Result<(), PSP22Error> {
        let owner = ink::env::caller::<DefaultEnvironment>();
        if owner == spender || delta == 0 {
            return Ok(());
        }
        let amount = self.allowance(owner, spender).saturating_add(delta);
        self.set_allowance(owner, spender, amount);
        Ok(())
    }

    /// Lowers the caller's allowance for `spender`. No-op for oneself or 0.
    /// Errors: `InsufficientAllowance`.
    pub fn decrease_allowance(&mut self, spender: AccountId, delta: u128) -> core::result::Result<(), PSP22Error> {
        let owner = ink::env::caller::<DefaultEnvironment>();
        if owner == spender || delta == 0 {
            return Ok(());
        }
        let amount = self.allowance(owner, spender).checked_sub(delta).ok_or(PSP22Error::InsufficientAllowance)?;
        self.set_allowance(owner, spender, amount);
        Ok(())
    }

    /// `account`'s position, rewards settled to now. Anyone may call.
    pub fn position(&self, account: AccountId) -> Position {
        let (holder, bucket) = self.settled(account).unwrap_or_default();
        let (payout, payout_pairing) = bucket.and_then(|b: Bucket| b.share(holder.request).ok()).unwrap_or_default();
        Position {
            balance: holder.balance,
            eligible: holder.eligible,
            request: holder.request,
            maturity: holder.maturity,
            matured: bucket.is_some(),
            payout,
            payout_pairing,
            owed_asset: holder.owed.0,
            owed_pairing: holder.owed.1,
        }
    }

    /// The manager: the reactor that instantiated this pool (fixed). Anyone may call.
    pub fn roles(&self) -> Vec<(Role, AccountId)> {
        vec![(Role::Manager, self.manager)]
    }

    /// The asset's metadata, as the pool's own with a "t" before (`None` where the asset
    /// answers nothing).
    fn asset_text(&self, read: impl FnOnce(&AssetMetadata) -> Option<String>) -> Option<String> {
        let asset: AssetMetadata = self.asset.into();
        read(&asset).map(|text| format!("t{text}"))
    }

    /// "t" and the asset's name (its symbol if it has no name). Read from the asset. Anyone may
    /// call.
    pub fn token_name(&self) -> Option<String> {
        self.asset_text(|a| call::infallible(a.call().token_name().try_invoke(), ()).ok().flatten().or_else(|| call::infallible(a.call().token_symbol().try_invoke(), ()).ok().flatten()))
    }

    /// "t" and the asset's symbol. Read from the asset. Anyone may call.
    pub fn token_symbol(&self) -> Option<String> {
        self.asset_text(|a| call::infallible(a.call().token_symbol().try_invoke(), ()).ok().flatten())
    }

    /// The asset's decimals (recorded when the pool was created). Anyone may call.
    pub fn token_decimals(&self) -> u8 {
        self.decimals
    }

    /// Returns to idle whatever is set aside beyond what matured requests are owed.
    fn release_excess_reserve(&mut self) -> Result<()> {
        let excess = self.reserved.saturating_sub(self.payouts_due);
        self.reserved = sub(self.reserved, excess)?;
        self.idle = add(self.idle, excess)?;
        Ok(())
    }
}
