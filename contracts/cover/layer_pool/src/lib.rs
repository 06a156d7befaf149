//! # Layer pool (junior and reinsurance)
//!
//! The capital above the primary pool in the loss waterfall (SPEC §4.4). One contract, deployed
//! once per layer (`Layer::Junior`, `Layer::Reinsurance`): the two differ in where they sit in
//! the waterfall — which the primary pool computes, with `laas_pricing::waterfall::split` — and
//! in their parameters (reinsurance capital waits longer to leave), not in their code.
//!
//! * **Shareholders** (`deposit`, `request_withdrawal`, `withdraw`) hold shares of what the
//!   pool keeps, with the same ledger, cooldown and window as the primary pool's underwriters
//!   (`laas_capital::accounts`).
//! * **Exposure** (`underwrite`, primary pool only): with every policy sold, the primary pool
//!   pays this layer its premium share and reports the layer's part of the policy's max
//!   payout. The premium is earned over the term; the exposure stays in force until the
//!   policy's end plus grace (expiry buckets, `laas_capital::expiry`), and `min(exposure,
//!   limit)` of capital stays locked behind it — the most one incident can take from the layer.
//!   A sale the layer's capital cannot back is refused (`InsufficientCapital`).
//! * **Claims** (`hold`, `release`, `pay`, primary pool only): a claim filed holds the layer's
//!   share at once; a rejection releases it; a payout pays the claimant directly, at most what
//!   the layer holds, and records any shortfall.
//!
//! The guardian pauses new exposure only; deposits, withdrawals, holds and payouts never stop.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod events;
pub mod types;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod layer_pool {
    use crate::events::*;
    pub use crate::types::*;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_access::Access;
    use laas_capital::expiry::word_of;
    use laas_capital::{accounts, bucket_of, rate_of, Ledger};
    use laas_math::{add, sub};
    use laas_traits::{token, AccessControl, AccessError, CoverLayer, Role, Roles};

    /// A layer pool.
    #[ink(storage)]
    pub struct LayerPool {
        /// The cover asset held, paid and earned. Fixed at instantiation.
        asset: AccountId,
        /// The primary pool, the only caller of `underwrite`, `hold`, `release` and `pay`.
        /// Fixed.
        primary: AccountId,
        /// Which layer this pool is. Fixed.
        layer: Layer,
        /// Length of an expiry bucket, ms (the primary pool's). Fixed.
        bucket_ms: u64,
        /// Running totals: funds, unearned premium, exposure in force (`active_cover`), held
        /// claims (`pending_claims`), shares.
        ledger: Ledger,
        /// The per-incident limit, as the primary pool last reported it.
        limit: u128,
        /// What the layer has paid.
        payouts: Payouts,
        /// Tunable parameters (admin-set).
        params: Lazy<LayerParams>,
        /// What ends in each expiry bucket.
        buckets: Mapping<u64, Bucket>,
        /// Which buckets something ends in: one bit per bucket, 128 to a word.
        bucket_marks: Mapping<u64, u128>,
        /// Each shareholder's shares.
        shares: Mapping<AccountId, u128>,
        /// Each shareholder's withdrawal request.
        withdrawals: Mapping<AccountId, Withdrawal>,
        /// What each incident has cost the layer.
        incidents: Mapping<IncidentKey, u128>,
        /// Admin (parameters) and guardian (pauses new exposure).
        access: Access,
    }

    impl LayerPool {
        /// The `layer` of `primary`'s waterfall, holding `asset`, with the primary pool's
        /// expiry buckets of `bucket_ms`. The caller is admin. Errors: `InvalidParams`.
        #[ink(constructor)]
        pub fn new(asset: AccountId, primary: AccountId, layer: Layer, bucket_ms: u64, params: LayerParams) -> Result<Self> {
            params.validate()?;
            if bucket_ms == 0 {
                return Err(LayerError::InvalidParams);
            }
            let now = Self::env().block_timestamp();
            let mut stored = Lazy::new();
            stored.set(&params);
            let ledger = Ledger { clock_ms: now, next_bucket: now.checked_div(bucket_ms).unwrap_or(0).saturating_add(1), ..Ledger::default() };
            Ok(Self {
                asset,
                primary,
                layer,
                bucket_ms,
                ledger,
                limit: 0,
                payouts: Payouts::default(),
                params: stored,
                buckets: Mapping::new(),
                bucket_marks: Mapping::new(),
                shares: Mapping::new(),
                withdrawals: Mapping::new(),
                incidents: Mapping::new(),
                access: Access::new(Self::env().caller()),
            })
        }

        fn params_now(&self) -> LayerParams {
            // Set by the constructor and only ever replaced.
            self.params.get().unwrap_or(LayerParams { cooldown_ms: 0, withdraw_window_ms: 1 })
        }

        fn ensure_primary(&self) -> Result<()> {
            if self.env().caller() != self.primary {
                return Err(LayerError::NotPrimary);
            }
            Ok(())
        }

        /// `ledger` rolled to `now_ms` through the expiry buckets. Reads only.
        fn rolled(&self, ledger: Ledger, now_ms: u64) -> Result<(Ledger, bool)> {
            Ok(laas_capital::roll(ledger, now_ms, self.bucket_ms, |w| self.bucket_marks.get(w).unwrap_or(0), |b| self.buckets.get(b).unwrap_or_default())?)
        }

        /// Capital locked behind exposure in force: `min(exposure, limit)`, at most the value.
        fn cover_lock(&self, ledger: &Ledger) -> Result<u128> {
            Ok(ledger.active_cover.min(self.limit).min(ledger.value()?))
        }

        fn capital_at(&self, now_ms: u64) -> Result<LayerCapital> {
            let (ledger, current) = self.rolled(self.ledger, now_ms)?;
            let value = ledger.value()?;
            let cover_lock = self.cover_lock(&ledger)?;
            Ok(LayerCapital {
                funds: ledger.funds,
                unearned: ledger.unearned()?,
                held: ledger.pending_claims,
                value,
                exposure: ledger.active_cover,
                limit: self.limit,
                locked: add(cover_lock, ledger.pending_claims)?,
                free: value.saturating_sub(cover_lock),
                shares: ledger.shares,
                current,
            })
        }

        // ---- shareholders ----------------------------------------------------------------

        /// Deposits `amount` of the cover asset (approved to the pool) for shares at their value
        /// now; returns the shares. Anyone may call, also while paused. Errors: `ZeroAmount`,
        /// `Behind`, `NoValue`, `PSP22`.
        #[ink(message)]
        pub fn deposit(&mut self, amount: u128) -> Result<u128> {
            let caller = self.env().caller();
            let (mut ledger, current) = self.rolled(self.ledger, self.env().block_timestamp())?;
            if !current {
                return Err(LayerError::Behind);
            }
            let shares = accounts::deposit(&mut ledger, amount).map_err(account_error)?;
            self.ledger = ledger;
            let held = self.shares.get(caller).unwrap_or(0);
            self.shares.insert(caller, &add(held, shares)?);
            token::pull(self.asset, caller, amount)?;
            self.env().emit_event(Deposited { account: caller, amount, shares });
            Ok(shares)
        }

        /// Asks to withdraw `shares` after the cooldown (replacing any earlier request). The
        /// shares stay at risk and earning until withdrawn. A shareholder may call.
        /// Errors: `ZeroAmount`, `InsufficientShares`.
        #[ink(message)]
        pub fn request_withdrawal(&mut self, shares: u128) -> Result<u64> {
            let caller = self.env().caller();
            let now = self.env().block_timestamp();
            let request = accounts::request(self.shares.get(caller).unwrap_or(0), shares, now, self.params_now().cooldown_ms).map_err(account_error)?;
            self.withdrawals.insert(caller, &request);
            self.env().emit_event(WithdrawalRequested { account: caller, shares, ready_ms: request.ready_ms });
            Ok(request.ready_ms)
        }

        /// Redeems `shares` of the caller's ripe request (within its window) for their value,
        /// within the capital not locked by exposure in force and claims held; returns the
        /// amount paid. Never paused. Errors: `CooldownActive`, `RequestExpired`, `ZeroAmount`,
        /// `InsufficientShares`, `CapitalLocked`, `PSP22`.
        #[ink(message)]
        pub fn withdraw(&mut self, shares: u128) -> Result<u128> {
            let caller = self.env().caller();
            let now = self.env().block_timestamp();
            // Lagging buckets never refuse an exit: what is not processed stays locked.
            let (mut ledger, _) = self.rolled(self.ledger, now)?;
            let locked = self.cover_lock(&ledger)?;
            let held = self.shares.get(caller).unwrap_or(0);
            let (amount, left) = accounts::withdraw(&mut ledger, self.withdrawals.get(caller), held, shares, now, self.params_now().withdraw_window_ms, locked).map_err(account_error)?;
            self.ledger = ledger;
            self.shares.insert(caller, &sub(held, shares)?);
            match left {
                Some(request) => {
                    self.withdrawals.insert(caller, &request);
                }
                None => self.withdrawals.remove(caller),
            }
            token::push(self.asset, caller, amount)?;
            self.env().emit_event(Withdrawn { account: caller, shares, amount });
            Ok(amount)
        }

        /// Processes expiry buckets whose time has come (at most 128 per call). Anyone may
        /// call. Returns whether the pool is current. Errors: `Math`.
        #[ink(message)]
        pub fn advance(&mut self) -> Result<bool> {
            let (ledger, current) = self.rolled(self.ledger, self.env().block_timestamp())?;
            self.ledger = ledger;
            Ok(current)
        }

        // ---- admin and queries -----------------------------------------------------------

        /// Replaces the parameters. Admin only. Errors: `Access(NotAdmin)`, `InvalidParams`.
        #[ink(message)]
        pub fn set_params(&mut self, params: LayerParams) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            params.validate()?;
            self.params.set(&params);
            self.env().emit_event(ParamsSet { params });
            Ok(())
        }

        /// The capital now: funds, unearned premium, held claims, share value, exposure, limit,
        /// locked and free capital. Anyone may call. Errors: `Math`.
        #[ink(message)]
        pub fn capital(&self) -> Result<LayerCapital> {
            self.capital_at(self.env().block_timestamp())
        }

        /// A shareholder's shares, what they are worth now, and its withdrawal request. Anyone
        /// may call. Errors: `Math`.
        #[ink(message)]
        pub fn shareholder(&self, account: AccountId) -> Result<(u128, u128, Option<Withdrawal>)> {
            let (ledger, _) = self.rolled(self.ledger, self.env().block_timestamp())?;
            let shares = self.shares.get(account).unwrap_or(0);
            Ok((shares, ledger.amount_for(shares)?, self.withdrawals.get(account)))
        }

        /// What the layer has paid, on how many incidents, and any shortfall. Anyone may call.
        #[ink(message)]
        pub fn payouts(&self) -> Payouts {
            self.payouts
        }

        /// What an incident has cost the layer. Anyone may call.
        #[ink(message)]
        pub fn incident(&self, position: u32, product: u32, epoch: u64) -> u128 {
            self.incidents.get((position, product, epoch)).unwrap_or(0)
        }

        /// The parameters in force. Anyone may call.
        #[ink(message)]
        pub fn params(&self) -> LayerParams {
            self.params_now()
        }

        /// The fixed setup: cover asset, primary pool, layer, bucket length. Anyone may call.
        #[ink(message)]
        pub fn setup(&self) -> (AccountId, AccountId, Layer, u64) {
            (self.asset, self.primary, self.layer, self.bucket_ms)
        }
    }

    impl CoverLayer for LayerPool {
        /// Books cover the primary pool sold: `premium` (already transferred to this pool by
        /// the primary pool) earned until `until_ms`, and `exposure` (the layer's part of the
        /// policy's max payout) in force until then, with the layer's per-incident `limit`.
        /// Refused if the layer's capital would not back `min(exposure in force, limit)` plus
        /// what is held. Primary pool only; not while paused. Errors: `NotPrimary`,
        /// `Access(Paused)`, `ZeroAmount` (no exposure), `InvalidParams` (`until_ms` passed),
        /// `Behind`, `InsufficientCapital`.
        #[ink(message)]
        fn underwrite(&mut self, exposure: u128, premium: u128, until_ms: u64, limit: u128) -> Result<()> {
            self.ensure_primary()?;
            self.access.ensure_live()?;
            if exposure == 0 {
                return Err(LayerError::ZeroAmount);
            }
            let now = self.env().block_timestamp();
            let (mut ledger, current) = self.rolled(self.ledger, now)?;
            if !current {
                return Err(LayerError::Behind);
            }
            let bucket = bucket_of(until_ms, self.bucket_ms)?;
            let end = bucket.checked_mul(self.bucket_ms).ok_or(LayerError::InvalidParams)?;
            let duration = end.checked_sub(now).filter(|d| *d > 0).ok_or(LayerError::InvalidParams)?;
            let rate = rate_of(premium, duration)?;
            ledger.book_sale(premium, rate, duration, exposure)?;
            // What is held for claims is already off the value: the rest must back the limit.
            let (needed, value) = (ledger.active_cover.min(limit), ledger.value()?);
            if needed > value {
                return Err(LayerError::InsufficientCapital { needed, value });
            }
            let mut ending = self.buckets.get(bucket).unwrap_or_default();
            ending.rate = add(ending.rate, rate)?;
            ending.cover = add(ending.cover, exposure)?;
            self.buckets.insert(bucket, &ending);
            let (word, bit) = word_of(bucket);
            let marks = self.bucket_marks.get(word).unwrap_or(0);
            if marks & bit == 0 {
                self.bucket_marks.insert(word, &(marks | bit));
            }
            self.ledger = ledger;
            self.limit = limit;
            self.env().emit_event(Underwritten { exposure, premium, until_ms, limit });
            Ok(())
        }

        /// Holds `amount` for a claim filed against the layer's share: locked at once, and
        /// counted off the shares' value. Primary pool only; never paused. Errors:
        /// `NotPrimary`, `ZeroAmount`.
        #[ink(message)]
        fn hold(&mut self, amount: u128) -> Result<()> {
            self.ensure_primary()?;
            if amount == 0 {
                return Err(LayerError::ZeroAmount);
            }
            self.ledger.pending_claims = add(self.ledger.pending_claims, amount)?;
            self.env().emit_event(ClaimHold { amount, held: true });
            Ok(())
        }

        /// Releases `amount` held for a claim that was rejected. Primary pool only.
        /// Errors: `NotPrimary`, `ZeroAmount`, `NotHeld`.
        #[ink(message)]
        fn release(&mut self, amount: u128) -> Result<()> {
            self.ensure_primary()?;
            if amount == 0 {
                return Err(LayerError::ZeroAmount);
            }
            self.ledger.pending_claims = self.ledger.pending_claims.checked_sub(amount).ok_or(LayerError::NotHeld)?;
            self.env().emit_event(ClaimHold { amount, held: false });
            Ok(())
        }

        /// Pays `amount` held for incident `incident` to `to`: at most what the layer holds in
        /// funds, the rest recorded as a shortfall. Returns what was paid. Primary pool only;
        /// never paused. Errors: `NotPrimary`, `ZeroAmount`, `NotHeld`, `PSP22`.
        #[ink(message)]
        fn pay(&mut self, incident: IncidentKey, to: AccountId, amount: u128) -> Result<u128> {
            self.ensure_primary()?;
            if amount == 0 {
                return Err(LayerError::ZeroAmount);
            }
            let (mut ledger, _) = self.rolled(self.ledger, self.env().block_timestamp())?;
            ledger.pending_claims = ledger.pending_claims.checked_sub(amount).ok_or(LayerError::NotHeld)?;
            let paid = amount.min(ledger.funds);
            let shortfall = sub(amount, paid)?;
            ledger.funds = sub(ledger.funds, paid)?;
            self.ledger = ledger;
            let before = self.incidents.get(incident).unwrap_or(0);
            if before == 0 && paid > 0 {
                self.payouts.incidents = self.payouts.incidents.saturating_add(1);
            }
            self.incidents.insert(incident, &add(before, paid)?);
            self.payouts.paid = add(self.payouts.paid, paid)?;
            self.payouts.shortfall = add(self.payouts.shortfall, shortfall)?;
            token::push(self.asset, to, paid)?;
            let (position, product, epoch) = incident;
            self.env().emit_event(Paid { position, product, epoch, to, amount: paid, shortfall });
            Ok(paid)
        }

        /// Takes back `amount` (transferred here by the primary pool just before) that the
        /// operator repaid for what this layer paid on `incident`: it goes to the shareholders.
        /// Primary pool only. Errors: `NotPrimary`, `ZeroAmount`.
        #[ink(message)]
        fn recover(&mut self, incident: IncidentKey, amount: u128) -> Result<()> {
            self.ensure_primary()?;
            if amount == 0 {
                return Err(LayerError::ZeroAmount);
            }
            self.ledger.funds = add(self.ledger.funds, amount)?;
            self.payouts.recovered = add(self.payouts.recovered, amount)?;
            let (position, product, epoch) = incident;
            self.env().emit_event(Recovered { position, product, epoch, amount });
            Ok(())
        }
    }

    impl AccessControl for LayerPool {
        /// Proposes the next admin, or withdraws the proposal (`None`). Admin only.
        #[ink(message)]
        fn propose_admin(&mut self, admin: Option<AccountId>) -> core::result::Result<(), AccessError> {
            self.access.propose_admin(self.env().caller(), admin)
        }

        /// Takes the admin role. Only the proposed account may call.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AccessError> {
            self.access.accept_admin(self.env().caller())
        }

        /// Sets or revokes the guardian (the primary pool is fixed: `FixedRole`). Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            let caller = self.env().caller();
            if role == Role::Primary {
                self.access.ensure_admin(caller)?;
                return Err(AccessError::FixedRole);
            }
            self.access.set_role(caller, role, account, granted)
        }

        /// Pauses new exposure (so the primary pool's sales); deposits, withdrawals, holds and
        /// payouts keep working. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.unpause(self.env().caller())
        }

        /// Whether new exposure is paused. Anyone may call.
        #[ink(message)]
        fn paused(&self) -> bool {
            self.access.paused
        }

        /// Replaces this contract's code (storage stays; see `laas_access`). Admin only.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> core::result::Result<(), AccessError> {
            self.access.set_code_hash(self.env().caller(), code_hash)
        }
    }

    impl Roles for LayerPool {
        /// Admin, pending admin, guardian and the primary pool. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let mut list = self.access.holders();
            list.push((Role::Primary, self.primary));
            list
        }
    }
}
