//! # tAsset: a reactor's pool
//!
//! The token liquidity providers of one reactor hold (tWETH, tUSDC, …) and the pool they touch
//! (SPEC §3.3): a PSP22 token with metadata whose decimals are the asset's, plus
//!
//! * `deposit` / `deposit_for`: the asset in, tAssets out — 1:1, or `amount / NAV` at the
//!   latest strike while NAV is below 1 (the strike must then be recent: `StaleNav`);
//! * `request_withdrawal`: made in epoch `e`, matures at the rollover that opens `e + 1`, or
//!   `e + 2` if a cycle boundary has passed and its rollover has not run — never in the block
//!   of the request. The rollover that matures it fixes its payout at that strike's NAV and
//!   sets it aside; `withdraw` burns matured tAssets and pays that payout. A matured request
//!   not withdrawn within `expiry_epochs` expires and its payout returns to the pool;
//! * `claim`: the holder's share of fees and emissions. An epoch's rewards go to the tAssets
//!   held through the whole epoch and not under a matured request (see [`book`]): a deposit
//!   or a transfer in earns from the next epoch, so rewards cannot be bought at the last
//!   minute.
//!
//! Its reactor (the manager, which instantiated it) runs it through [`ManagedPool`]: it reads
//! the books, opens each epoch (`roll`: matures and expires requests, shares rewards, takes
//! the idle asset to deploy), records NAV strikes, sets the parameters and upgrades the code.
//! User messages call no contract but the tokens they move, and none grows with the number of
//! holders.
//!
//! ## Invariants
//! * `Σ balance == supply`; every `request ≤ balance`.
//! * `Σ pending requests maturing at e == queued[e]`; `Σ bucket.outstanding == matured`.
//! * The pool's asset ≥ `idle + reserved` + unclaimed asset rewards; `reserved ≤ payouts_due`
//!   unless the pool is over-funded for an instant within `roll`.
//! * Within an epoch `eligible` only falls; `Σ holders' eligible == eligible`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod book;
pub mod events;
mod holders;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod tasset {
    use crate::book::{Bucket, Holder, Pair};
    pub use crate::events::*;
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::{Lazy, Mapping};
    use laas_math::{add, sub, ONE};
    use laas_traits::{
        token, Books, ManagedPool, PSP22Error, PSP22Metadata, PoolConfig, PoolError, Position, Role, Roles, Rollover, TAsset, PSP22,
    };
    use psp22::Transfer;

    /// Results of the pool's own messages.
    pub type Result<T> = core::result::Result<T, PoolError>;

    /// Name, symbol and decimals, read only by the metadata queries.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Metadata {
        /// e.g. "tWrapped Ether".
        pub name: String,
        /// e.g. "tWETH".
        pub symbol: String,
        /// The asset's decimals.
        pub decimals: u8,
    }

    /// The pool of one reactor.
    #[ink(storage)]
    pub struct TAssetPool {
        /// The reactor that instantiated and runs this pool.
        pub(crate) manager: AccountId,
        /// The asset LPs deposit and are paid in.
        pub(crate) asset: AccountId,
        /// The pairing token (TOKE), in which part of the rewards come.
        pub(crate) pairing: AccountId,
        /// tAssets in existence.
        pub(crate) supply: u128,
        /// The current epoch (rollovers since creation).
        pub(crate) epoch: u32,
        /// When the next cycle boundary falls, ms (from the manager).
        pub(crate) next_boundary_ms: u64,
        /// NAV per tAsset at the last strike, 1e18.
        pub(crate) nav: u128,
        /// When it was struck, ms.
        pub(crate) struck_ms: u64,
        /// tAssets held through the current epoch and not under a matured request.
        pub(crate) eligible: u128,
        /// tAssets under matured requests.
        pub(crate) matured: u128,
        /// Asset not set aside: deposits since the last rollover, released payouts.
        pub(crate) idle: u128,
        /// Asset set aside for matured payouts.
        pub(crate) reserved: u128,
        /// TOKE set aside for matured payouts.
        pub(crate) reserved_pairing: u128,
        /// What matured requests are owed in the asset.
        pub(crate) payouts_due: u128,
        /// What matured requests are owed in TOKE.
        pub(crate) payouts_due_pairing: u128,
        /// Rewards per eligible tAsset since creation, 1e18: (asset, TOKE).
        pub(crate) index: Pair,
        /// Parameters (set by the manager).
        pub(crate) config: PoolConfig,
        /// Every holder: balance, eligibility, request and rewards owed, in one cell.
        pub(crate) holders: Mapping<AccountId, Holder>,
        /// `(owner, spender) → allowance`.
        pub(crate) allowances: Mapping<(AccountId, AccountId), u128>,
        /// Pending requests by the epoch they mature at, tAssets.
        pub(crate) queued: Mapping<u32, u128>,
        /// Matured requests by the epoch that matured them.
        pub(crate) buckets: Mapping<u32, Bucket>,
        /// Which bucket each epoch's opening expires.
        pub(crate) expiring: Mapping<u32, u32>,
        /// The reward index at the opening of each epoch.
        pub(crate) index_at: Mapping<u32, Pair>,
        /// Token metadata (lazy: only the metadata queries read it).
        pub(crate) metadata: Lazy<Metadata>,
    }

    impl TAssetPool {
        /// The pool of `asset` (rewards also in `pairing`), named and with the decimals given;
        /// the caller (the reactor instantiating it) is its manager. Its first cycle boundary
        /// falls at `next_boundary_ms`. Errors: `InvalidConfig`.
        #[ink(constructor)]
        pub fn new(name: String, symbol: String, decimals: u8, asset: AccountId, pairing: AccountId, config: PoolConfig, next_boundary_ms: u64) -> Result<Self> {
            if !config.expiry_in_range() || asset == pairing {
                return Err(PoolError::InvalidConfig);
            }
            let mut metadata = Lazy::new();
            metadata.set(&Metadata { name, symbol, decimals });
            Ok(Self {
                manager: Self::env().caller(),
                asset,
                pairing,
                supply: 0,
                epoch: 0,
                next_boundary_ms,
                nav: ONE,
                struck_ms: Self::env().block_timestamp(),
                eligible: 0,
                matured: 0,
                idle: 0,
                reserved: 0,
                reserved_pairing: 0,
                payouts_due: 0,
                payouts_due_pairing: 0,
                index: (0, 0),
                config,
                holders: Mapping::new(),
                allowances: Mapping::new(),
                queued: Mapping::new(),
                buckets: Mapping::new(),
                expiring: Mapping::new(),
                index_at: Mapping::new(),
                metadata,
            })
        }
    }

    impl PSP22 for TAssetPool {
        /// tAssets in existence. Anyone may call.
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.supply
        }

        /// tAssets held by `owner`. Anyone may call.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.holders.get(owner).map(|h| h.balance).unwrap_or(0)
        }

        /// tAssets `spender` may still move from `owner`. Anyone may call.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.allowances.get((owner, spender)).unwrap_or(0)
        }

        /// Moves `value` tAssets from the caller to `to`; the caller's pending request shrinks to
        /// what it keeps, and what leaves stops earning this epoch. tAssets under a matured
        /// request stay. A zero value or a transfer to oneself is a no-op (PSP22).
        /// Errors: `InsufficientBalance`.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, _data: Vec<u8>) -> core::result::Result<(), PSP22Error> {
            let from = self.env().caller();
            if from == to || value == 0 {
                return Ok(());
            }
            self.move_balance(from, to, value)
        }

        /// Moves `value` tAssets from `from` to `to` with the allowance `from` gave the caller
        /// (none needed if the caller is `from`). Errors: `InsufficientAllowance` (checked
        /// first), `InsufficientBalance`.
        #[ink(message)]
        fn transfer_from(&mut self, from: AccountId, to: AccountId, value: u128, _data: Vec<u8>) -> core::result::Result<(), PSP22Error> {
            let caller = self.env().caller();
            if from == to || value == 0 {
                return Ok(());
            }
            if caller == from {
                return self.move_balance(from, to, value);
            }
            let left = self.allowance(from, caller).checked_sub(value).ok_or(PSP22Error::InsufficientAllowance)?;
            self.move_balance(from, to, value)?;
            self.set_allowance(from, caller, left);
            Ok(())
        }

        /// Sets the caller's allowance for `spender`; approving oneself is a no-op.
        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner != spender {
                self.set_allowance(owner, spender, value);
            }
            Ok(())
        }

        /// Raises the caller's allowance for `spender` (saturating). No-op for oneself or 0.
        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner == spender || delta_value == 0 {
                return Ok(());
            }
            let amount = self.allowance(owner, spender).saturating_add(delta_value);
            self.set_allowance(owner, spender, amount);
            Ok(())
        }

        /// Lowers the caller's allowance for `spender`. No-op for oneself or 0.
        /// Errors: `InsufficientAllowance`.
        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner == spender || delta_value == 0 {
                return Ok(());
            }
            let amount = self.allowance(owner, spender).checked_sub(delta_value).ok_or(PSP22Error::InsufficientAllowance)?;
            self.set_allowance(owner, spender, amount);
            Ok(())
        }
    }

    impl PSP22Metadata for TAssetPool {
        /// "t" and the asset's name.
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.metadata.get().map(|m| m.name)
        }

        /// "t" and the asset's symbol.
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.metadata.get().map(|m| m.symbol)
        }

        /// The asset's decimals.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.metadata.get().map(|m| m.decimals).unwrap_or_default()
        }
    }

    impl TAsset for TAssetPool {
        /// Pulls `amount` of the asset from the caller (approved to the pool) and mints tAssets
        /// to the caller: 1:1, or `amount / NAV` while the latest strike is below 1 (it must
        /// then be at most `max_nav_age_ms` old). Anyone may call; paused with the reactor.
        /// Errors: `Access(Paused)`, `ZeroAmount`, `Insolvent`, `StaleNav`, `CapExceeded`,
        /// token errors.
        #[ink(message)]
        fn deposit(&mut self, amount: u128) -> Result<u128> {
            let caller = self.env().caller();
            self.mint_for(caller, caller, amount)
        }

        /// `deposit` paid by the caller, minted to `beneficiary`. Same errors.
        #[ink(message)]
        fn deposit_for(&mut self, beneficiary: AccountId, amount: u128) -> Result<u128> {
            self.mint_for(self.env().caller(), beneficiary, amount)
        }

        /// Sets the caller's request to `amount` tAssets (0 cancels), replacing a pending one.
        /// It matures at the next epoch, or the one after if a cycle boundary has passed without
        /// a rollover. A matured request is firm: it is withdrawn or expires. Anyone may call;
        /// never paused. Errors: `InsufficientBalance`, `RequestMatured`.
        #[ink(message)]
        fn request_withdrawal(&mut self, amount: u128) -> Result<u32> {
            let account = self.env().caller();
            let (mut holder, matured) = self.settled(account)?;
            if amount > holder.balance {
                return Err(PoolError::InsufficientBalance);
            }
            if matured.is_some() {
                return Err(PoolError::RequestMatured);
            }
            let old = holder.request;
            self.drop_request(&mut holder, old)?;
            if amount > 0 {
                let maturity = laas_cycles::epoch_maturity(self.epoch, self.env().block_timestamp(), self.next_boundary_ms)
                    .map_err(|_| PoolError::Math(laas_math::MathError::Overflow))?;
                self.queued.insert(maturity, &add(self.queued.get(maturity).unwrap_or(0), amount)?);
                holder.request = amount;
                holder.maturity = maturity;
            }
            self.store(account, &holder);
            self.env().emit_event(WithdrawalRequested { account, amount, maturity: holder.maturity });
            Ok(holder.maturity)
        }

        /// Burns `amount` tAssets of the caller's matured request and pays their share of its
        /// payout, fixed by the rollover that matured it: the asset, and TOKE for what the asset
        /// could not cover then. Anyone may call; never paused. Errors: `ZeroAmount`,
        /// `NotMatured`, `ExceedsRequest`, `InsufficientReserve` (a payout the rollover could
        /// not set aside in full; the next one tops it up), token errors.
        #[ink(message)]
        fn withdraw(&mut self, amount: u128) -> Result<(u128, u128)> {
            if amount == 0 {
                return Err(PoolError::ZeroAmount);
            }
            let account = self.env().caller();
            let (mut holder, matured) = self.settled(account)?;
            let mut bucket = matured.ok_or(PoolError::NotMatured)?;
            let matured_at = holder.maturity;
            if amount > holder.request {
                return Err(PoolError::ExceedsRequest);
            }
            let (paid, paid_pairing) = bucket.share(amount)?;
            if paid > self.reserved || paid_pairing > self.reserved_pairing {
                return Err(PoolError::InsufficientReserve);
            }
            holder.balance = sub(holder.balance, amount)?;
            holder.request = sub(holder.request, amount)?;
            if holder.request == 0 {
                holder.maturity = 0;
            }
            bucket.outstanding = sub(bucket.outstanding, amount)?;
            bucket.payout = sub(bucket.payout, paid)?;
            bucket.payout_pairing = sub(bucket.payout_pairing, paid_pairing)?;
            self.reserved = sub(self.reserved, paid)?;
            self.payouts_due = sub(self.payouts_due, paid)?;
            self.reserved_pairing = sub(self.reserved_pairing, paid_pairing)?;
            self.payouts_due_pairing = sub(self.payouts_due_pairing, paid_pairing)?;
            self.buckets.insert(matured_at, &bucket);
            self.matured = sub(self.matured, amount)?;
            self.supply = sub(self.supply, amount)?;
            self.store(account, &holder);
            token::push(self.asset, account, paid)?;
            token::push(self.pairing, account, paid_pairing)?;
            self.env().emit_event(Transfer { from: Some(account), to: None, value: amount });
            self.env().emit_event(Withdrawn { account, burnt: amount, paid, paid_pairing });
            Ok((paid, paid_pairing))
        }

        /// Pays the caller's fees and emissions, `(asset, TOKE)`. Anyone may call; never paused.
        #[ink(message)]
        fn claim(&mut self) -> Result<(u128, u128)> {
            let account = self.env().caller();
            let (mut holder, _) = self.settled(account)?;
            let (asset, pairing) = holder.owed;
            holder.owed = (0, 0);
            self.store(account, &holder);
            token::push(self.asset, account, asset)?;
            token::push(self.pairing, account, pairing)?;
            self.env().emit_event(Claimed { account, asset, pairing });
            Ok((asset, pairing))
        }

        /// `account`'s position, rewards settled to now. Anyone may call.
        #[ink(message)]
        fn position(&self, account: AccountId) -> Position {
            let (holder, bucket) = self.settled(account).unwrap_or_default();
            let (payout, payout_pairing) = bucket.and_then(|b| b.share(holder.request).ok()).unwrap_or_default();
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
    }

    impl ManagedPool for TAssetPool {
        /// The books a rollover or a strike needs. Anyone may call.
        #[ink(message)]
        fn books(&self) -> Books {
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

        /// Opens the next epoch (see the trait). Manager only.
        /// Errors: `NotManager`, `Math` (rewards with nothing eligible), token errors.
        #[ink(message)]
        fn roll(&mut self, rollover: Rollover) -> Result<(u128, u128)> {
            self.ensure_manager()?;
            self.open_epoch(rollover)
        }

        /// Records a NAV strike. Manager only. Errors: `NotManager`.
        #[ink(message)]
        fn strike(&mut self, nav: u128) -> Result<()> {
            self.ensure_manager()?;
            self.nav = nav;
            self.struck_ms = self.env().block_timestamp();
            self.env().emit_event(NavStruck { nav });
            Ok(())
        }

        /// Replaces the parameters; `expiry_epochs` stays within its range and never shortens (a
        /// shorter window would let older requests outlive newer ones). Manager only.
        /// Errors: `NotManager`, `InvalidConfig`.
        #[ink(message)]
        fn configure(&mut self, config: PoolConfig) -> Result<()> {
            self.ensure_manager()?;
            if config.expiry_epochs < self.config.expiry_epochs || !config.expiry_in_range() {
                return Err(PoolError::InvalidConfig);
            }
            self.config = config;
            self.env().emit_event(PoolConfigChanged { config });
            Ok(())
        }

        /// Replaces the code (balances stay). Manager only: the reactor's admin upgrades its
        /// pool through the reactor. Errors: `NotManager`, `UpgradeFailed`.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> Result<()> {
            self.ensure_manager()?;
            self.env().set_code_hash(&code_hash).map_err(|_| PoolError::UpgradeFailed)
        }
    }

    impl Roles for TAssetPool {
        /// The manager: the reactor that instantiated this pool (fixed). Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            ink::prelude::vec![(Role::Manager, self.manager)]
        }
    }
}
