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
//! the idle asset to deploy), records NAV strikes, sets the parameters and replaces both codes.
//! The messages LPs send call no contract but the tokens they move (the name and symbol
//! queries read the asset's), and none grows with the number of holders.
//!
//! ## Two codes, one storage
//! A call's proof carries the code of every contract it runs, so the code liquidity providers'
//! calls load is kept to what they need. The pool's own code (this crate's default build, the
//! `tasset` bundle) holds PSP22 and the `TAsset` messages that move value; the manager's
//! messages and the views (`books`, `roll`, `strike`, `configure`, `set_code_hash`,
//! `position`, the metadata, `roles`) live in its **books code** (this crate built with the
//! `books` feature, the `tasset_books` bundle, [`books`]), which the pool runs in its own
//! storage by a delegate tail call: the books code's reply is the pool's, and the pool's code
//! does not resume, so nothing it loaded is written back. Both codes hold one
//! [`state::Pool`], so every field has the same key in either. The pool locks its books code
//! as a delegate dependency, so that code cannot be removed while the pool uses it; the
//! manager replaces both codes together (`set_code_hash(PoolCode)`).
//!
//! ## Invariants
//! * `Σ balance == supply`; every `request ≤ balance`.
//! * `Σ pending requests maturing at e == queued[e]`; `Σ bucket.outstanding == matured`.
//! * The pool's asset ≥ `idle + reserved` + unclaimed asset rewards; `reserved ≤ payouts_due`
//!   unless the pool is over-funded for an instant within `roll`.
//! * Within an epoch `eligible` only falls; `Σ holders' eligible == eligible`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod book;
#[cfg(feature = "books")]
pub mod books;
pub mod events;
mod holders;
mod manage;
pub mod state;

#[cfg(test)]
mod tests;

#[cfg(not(feature = "books"))]
#[ink::contract]
pub mod tasset {
    pub use crate::events::*;
    use crate::state::Pool;
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::{CallFlags, ReturnFlags};
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::Mapping;
    use laas_math::{add, sub, ONE};
    use laas_traits::{
        token, Books, ManagedPool, PSP22Error, PSP22Metadata, PoolCode, PoolConfig, PoolError, Position, Role, Roles, Rollover, TAsset, PSP22,
    };
    use psp22::Transfer;

    /// Results of the pool's own messages.
    pub type Result<T> = core::result::Result<T, PoolError>;

    /// The pool of one reactor.
    #[ink(storage)]
    pub struct TAssetPool {
        /// Everything the pool stores (its books code reads and writes the same).
        pub(crate) pool: Pool,
    }

    impl core::ops::Deref for TAssetPool {
        type Target = Pool;
        fn deref(&self) -> &Pool {
            &self.pool
        }
    }

    impl core::ops::DerefMut for TAssetPool {
        fn deref_mut(&mut self) -> &mut Pool {
            &mut self.pool
        }
    }

    impl TAssetPool {
        /// The pool of `asset` (rewards also in `pairing`), with the asset's `decimals`, running
        /// its manager's messages and views in `books_code` (locked as a delegate dependency);
        /// the caller (the reactor instantiating it) is its manager. Its first cycle boundary
        /// falls at `next_boundary_ms`. Its name and symbol are the asset's with a "t" before,
        /// read from the asset when asked.
        /// Errors: `InvalidConfig`; a `books_code` with no code uploaded traps.
        #[ink(constructor)]
        pub fn new(asset: AccountId, pairing: AccountId, decimals: u8, config: PoolConfig, next_boundary_ms: u64, books_code: Hash) -> Result<Self> {
            if !config.expiry_in_range() || asset == pairing {
                return Err(PoolError::InvalidConfig);
            }
            // Off chain (unit tests) there are no codes to lock.
            if !cfg!(test) {
                Self::env().lock_delegate_dependency(&books_code);
            }
            Ok(Self {
                pool: Pool {
                    manager: Self::env().caller(),
                    books_code,
                    asset,
                    pairing,
                    decimals,
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
                },
            })
        }

        /// Runs the message this call asked for in the books code, in this pool's storage, with
        /// the call's input forwarded as it came, and ends this call with its reply (a delegate
        /// tail call: this code does not resume, so the storage it loaded is never written back
        /// over what the books code wrote). If the books code traps (it never should), the call
        /// reverts with ink!'s `CouldNotReadInput` as its reply.
        fn forward(&self) -> ! {
            let _ = build_call::<Environment>()
                .delegate(self.books_code)
                .call_flags(CallFlags::TAIL_CALL | CallFlags::FORWARD_INPUT)
                // Ignored: the input forwarded is the call's own.
                .exec_input(ExecutionInput::new(Selector::new([0; 4])))
                .returns::<()>()
                .try_invoke();
            ink::env::return_value::<core::result::Result<(), ink::LangError>>(ReturnFlags::REVERT, &Err(ink::LangError::CouldNotReadInput))
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

        /// tAssets `spender` may still move from `owner`. Anyone may call. (Books code.)
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            if cfg!(test) {
                return self.pool.allowance(owner, spender);
            }
            self.forward()
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
            let left = self.allowances.get((from, caller)).unwrap_or(0).checked_sub(value).ok_or(PSP22Error::InsufficientAllowance)?;
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
        /// (Books code.)
        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            if cfg!(test) {
                return self.pool.increase_allowance(spender, delta_value);
            }
            self.forward()
        }

        /// Lowers the caller's allowance for `spender`. No-op for oneself or 0.
        /// Errors: `InsufficientAllowance`. (Books code.)
        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            if cfg!(test) {
                return self.pool.decrease_allowance(spender, delta_value);
            }
            self.forward()
        }
    }

    /// The views and the manager's messages below run in the books code (see the crate docs);
    /// off chain, where nothing can be delegated to, the unit tests run the same code directly.
    impl PSP22Metadata for TAssetPool {
        /// "t" and the asset's name. Anyone may call.
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            if cfg!(test) {
                return self.pool.token_name();
            }
            self.forward()
        }

        /// "t" and the asset's symbol. Anyone may call.
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            if cfg!(test) {
                return self.pool.token_symbol();
            }
            self.forward()
        }

        /// The asset's decimals. Anyone may call.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            if cfg!(test) {
                return self.pool.token_decimals();
            }
            self.forward()
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
            let payer = self.env().caller();
            self.mint_for(payer, beneficiary, amount)
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
                let queued = add(self.queued.get(maturity).unwrap_or(0), amount)?;
                self.queued.insert(maturity, &queued);
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
            if cfg!(test) {
                return self.pool.position(account);
            }
            self.forward()
        }
    }

    impl ManagedPool for TAssetPool {
        /// The books a rollover or a strike needs. Anyone may call.
        #[ink(message)]
        fn books(&self) -> Books {
            if cfg!(test) {
                return self.pool.books();
            }
            self.forward()
        }

        /// Opens the next epoch (see the trait). Manager only.
        /// Errors: `NotManager`, `Math` (rewards with nothing eligible), token errors.
        #[ink(message)]
        fn roll(&mut self, rollover: Rollover) -> Result<(u128, u128)> {
            if cfg!(test) {
                return self.pool.roll(rollover);
            }
            self.forward()
        }

        /// Records a NAV strike. Manager only. Errors: `NotManager`.
        #[ink(message)]
        fn strike(&mut self, nav: u128) -> Result<()> {
            if cfg!(test) {
                return self.pool.strike(nav);
            }
            self.forward()
        }

        /// Replaces the parameters; `expiry_epochs` stays within its range and never shortens.
        /// Manager only. Errors: `NotManager`, `InvalidConfig`.
        #[ink(message)]
        fn configure(&mut self, config: PoolConfig) -> Result<()> {
            if cfg!(test) {
                return self.pool.configure(config);
            }
            self.forward()
        }

        /// Replaces both codes (balances stay). Manager only: the reactor's admin upgrades its
        /// pool through the reactor. Errors: `NotManager`, `UpgradeFailed`.
        #[ink(message)]
        fn set_code_hash(&mut self, code: PoolCode) -> Result<()> {
            if cfg!(test) {
                return self.pool.set_code(code);
            }
            self.forward()
        }
    }

    impl Roles for TAssetPool {
        /// The manager: the reactor that instantiated this pool (fixed). Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            if cfg!(test) {
                return self.pool.roles();
            }
            self.forward()
        }
    }
}
