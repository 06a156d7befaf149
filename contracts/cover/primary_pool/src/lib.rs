//! # Primary cover pool
//!
//! The first layer of the cover market (SPEC §4.2–4.4): products priced from the position
//! registry, policies sold as PSP34 tokens, and underwriting capital that cannot run ahead of
//! claims.
//!
//! * **Products** (admin): one registered position each, a trigger the registry measures
//!   (NAV drawdown over a window, redemption-queue wait), payout ratio, deductible, max payout,
//!   max cover per policy, capacity, term range, tier and a rule for the position's operator
//!   and related parties (a premium multiplier, or refused). What a policy pays on (position,
//!   trigger, payout terms) is fixed at creation; sale terms can change.
//! * **Pricing** (`quote`, `buy_cover`): `premium = (EL × (1 + m) + OC) × term / year` with
//!   `m` = the tier's margin + congestion and depth-fragility terms from the registry + a
//!   utilisation surcharge past a kink; capacity shrinks with congestion. Stale observables
//!   refuse the quote. See `laas-pricing`.
//! * **Capital** (`deposit`, `request_withdrawal`, `withdraw`): shares of what the pool holds
//!   for underwriters; premiums earned over each policy's term; capital locked behind cover in
//!   force until its end plus a grace period, released by expiry buckets; withdrawals after a
//!   cooldown and of unlocked capital only (see `capital`).
//! * **Claims** (`file_claim` by a policy's owner, `settle_claim` by the claims role) and
//!   **recalibration** (`recalibrate`, anyone, once per closed period): see `claims`.
//!
//! The guardian pauses new cover only; deposits, withdrawals, claims and settlements never
//! stop.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod capital;
mod claims;
pub mod disclosure;
pub mod events;
pub mod layers;
pub mod recoveries;
pub mod triggers;
pub mod types;
mod underwrite;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod primary_pool {
    pub use crate::capital::Ledger;
    pub use crate::disclosure::Disclosure;
    pub use crate::recoveries::Recovery;
    use crate::events::*;
    pub use crate::types::*;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_access::Access;
    use laas_traits::{token, AccessControl, AccessError, Role, Roles};

    /// The primary pool.
    #[ink(storage)]
    pub struct PrimaryPool {
        /// The asset cover is bought, paid and underwritten in. Fixed at instantiation.
        pub(crate) cover_asset: AccountId,
        /// The position registry products are priced and claims measured by. Fixed.
        pub(crate) registry: AccountId,
        /// The policy token (PSP34) this pool mints. Fixed.
        pub(crate) policy_token: AccountId,
        /// Length of an expiry bucket, ms. Fixed.
        pub(crate) bucket_ms: u64,
        /// Length of a recalibration period, ms (a quarter by default). Fixed.
        pub(crate) period_ms: u64,
        /// When period 0 began (the instantiation), ms.
        pub(crate) genesis_ms: u64,
        /// Running totals of capital, earning, cover in force and pending claims.
        pub(crate) ledger: Ledger,
        /// Products created so far (the next id).
        pub(crate) product_count: u32,
        /// Policies sold so far (the last id; ids start at 1).
        pub(crate) policy_count: u128,
        /// Claims filed so far (the next id).
        pub(crate) claim_count: u64,
        /// Settles claims (admin-set; the claims arbiter later).
        pub(crate) claims_role: Option<AccountId>,
        /// Tunable parameters (admin-set).
        pub(crate) params: Lazy<Params>,
        /// Every product's terms.
        pub(crate) products: Mapping<u32, Product>,
        /// Every product's running state.
        pub(crate) product_states: Mapping<u32, ProductState>,
        /// What ends in each expiry bucket, pool-wide.
        pub(crate) buckets: Mapping<u64, Bucket>,
        /// Cover of each product ending in each expiry bucket.
        pub(crate) product_buckets: Mapping<(u32, u64), u128>,
        /// Which buckets something ends in, pool-wide: one bit per bucket, 128 to a word.
        pub(crate) bucket_marks: Mapping<u64, u128>,
        /// Which buckets each product's cover ends in.
        pub(crate) product_marks: Mapping<(u32, u64), u128>,
        /// Each underwriter's shares.
        pub(crate) shares: Mapping<AccountId, u128>,
        /// Each underwriter's withdrawal request.
        pub(crate) withdrawals: Mapping<AccountId, Withdrawal>,
        /// Every policy sold.
        pub(crate) policies: Mapping<u128, PolicyRecord>,
        /// Every claim filed.
        pub(crate) claims: Mapping<u64, Claim>,
        /// What each incident (position, product, trigger epoch) has paid.
        pub(crate) incidents: Mapping<IncidentKey, IncidentRecord>,
        /// Each product's record of each period.
        pub(crate) periods: Mapping<(u32, u64), PeriodRecord>,
        /// Accounts that may not buy or claim (admin-set).
        pub(crate) blacklist: Mapping<AccountId, ()>,
        /// The junior and reinsurance layers and the premium split (admin-set; none: the
        /// primary pays every loss and keeps every premium).
        pub(crate) layers: Lazy<LayerSetup>,
        /// The treasury's premium share accrued and not swept yet (not the underwriters').
        pub(crate) treasury_due: u128,
        /// Claims filed and not settled.
        pub(crate) open_claims: u32,
        /// Claims paid in each period by every layer (the reinsurance's aggregate trigger).
        pub(crate) period_paid: Mapping<u64, u128>,
        /// What operators owe back for the maturity guarantees paid, by claim.
        pub(crate) recoveries: Mapping<u64, Recovery>,
        /// Admin (products, parameters, blacklist, claims role) and guardian (pauses new
        /// cover).
        pub(crate) access: Access,
    }

    impl PrimaryPool {
        /// A pool underwriting in `cover_asset`, pricing from `registry`, minting policies on
        /// `policy_token` (whose minter this pool must then be made), with expiry buckets of
        /// `bucket_ms` and recalibration periods of `period_ms`. The caller is admin.
        /// Errors: `InvalidParams`.
        #[ink(constructor)]
        pub fn new(cover_asset: AccountId, registry: AccountId, policy_token: AccountId, bucket_ms: u64, period_ms: u64, params: Params) -> Result<Self> {
            params.validate()?;
            if bucket_ms == 0 || period_ms == 0 {
                return Err(CoverError::InvalidParams);
            }
            let now = Self::env().block_timestamp();
            let mut stored = Lazy::new();
            stored.set(&params);
            let ledger = Ledger { clock_ms: now, next_bucket: now.checked_div(bucket_ms).unwrap_or(0).saturating_add(1), ..Ledger::default() };
            Ok(Self {
                cover_asset,
                registry,
                policy_token,
                bucket_ms,
                period_ms,
                genesis_ms: now,
                ledger,
                product_count: 0,
                policy_count: 0,
                claim_count: 0,
                claims_role: None,
                params: stored,
                products: Mapping::new(),
                product_states: Mapping::new(),
                buckets: Mapping::new(),
                product_buckets: Mapping::new(),
                bucket_marks: Mapping::new(),
                product_marks: Mapping::new(),
                shares: Mapping::new(),
                withdrawals: Mapping::new(),
                policies: Mapping::new(),
                claims: Mapping::new(),
                incidents: Mapping::new(),
                periods: Mapping::new(),
                blacklist: Mapping::new(),
                layers: Lazy::new(),
                treasury_due: 0,
                open_claims: 0,
                period_paid: Mapping::new(),
                recoveries: Mapping::new(),
                access: Access::new(Self::env().caller()),
            })
        }

        /// The parameters in force.
        pub(crate) fn params_now(&self) -> Params {
            // Set by the constructor and only ever replaced.
            self.params.get().unwrap_or(Params {
                tier_margin_bps: [0; 3],
                congestion_coeff_bps: 0,
                depth_coeff_bps: 0,
                util_coeff_bps: 0,
                util_kink_bps: 10_000,
                shrink_coeff_bps: 0,
                oc_bps: 0,
                capacity_ratio_bps: 10_000,
                grace_ms: 0,
                cooldown_ms: 0,
                withdraw_window_ms: 1,
                sale_nav_age_ms: 0,
                incident_ms: 1,
                credibility_k: 0,
            })
        }

        /// The recalibration period `now_ms` falls in.
        pub(crate) fn period_index(&self, now_ms: u64) -> u64 {
            now_ms.saturating_sub(self.genesis_ms).checked_div(self.period_ms).unwrap_or(0)
        }

        // ---- products and parameters (admin) -------------------------------------------

        /// Creates a product; returns its id. Its probability starts at its prior. Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidParams` (also: a maturity guarantee whose
        /// maturity is not its Term position's as registered, or a parametric trigger on a
        /// Term position, or an unknown position).
        #[ink(message)]
        pub fn create_product(&mut self, product: Product) -> Result<u32> {
            self.access.ensure_admin(self.env().caller())?;
            product.validate()?;
            self.check_position(&product)?;
            let id = self.product_count;
            self.product_count = id.checked_add(1).ok_or(CoverError::InvalidParams)?;
            let now = self.env().block_timestamp();
            let state = ProductState {
                p_bps: product.prior_bps,
                next_bucket: now.checked_div(self.bucket_ms).unwrap_or(0).saturating_add(1),
                next_period: self.period_index(now),
                ..ProductState::default()
            };
            self.products.insert(id, &product);
            self.product_states.insert(id, &state);
            self.env().emit_event(ProductSet { product: id, terms: product });
            Ok(id)
        }

        /// Changes a product's sale terms (capacity, max cover, term range, tier, party rule,
        /// active flag, prior, severity). What its policies pay on — position, trigger, payout
        /// ratio, deductible, max payout — is fixed: create another product instead. Admin
        /// only. Errors: `Access(NotAdmin)`, `UnknownProduct`, `InvalidParams` (claim terms
        /// changed, or out of range).
        #[ink(message)]
        pub fn set_product(&mut self, id: u32, product: Product) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            let old = self.products.get(id).ok_or(CoverError::UnknownProduct)?;
            product.validate()?;
            let same_claim_terms = old.position == product.position
                && old.trigger == product.trigger
                && old.payout_bps == product.payout_bps
                && old.deductible == product.deductible
                && old.max_payout == product.max_payout;
            if !same_claim_terms {
                return Err(CoverError::InvalidParams);
            }
            self.products.insert(id, &product);
            self.env().emit_event(ProductSet { product: id, terms: product });
            Ok(())
        }

        /// Replaces the pool's parameters. Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidParams`.
        #[ink(message)]
        pub fn set_params(&mut self, params: Params) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            params.validate()?;
            self.params.set(&params);
            self.env().emit_event(ParamsSet { params });
            Ok(())
        }

        /// Blacklists `account` (it may not buy or claim) or clears it. Admin only.
        /// Errors: `Access(NotAdmin)`.
        #[ink(message)]
        pub fn set_blacklisted(&mut self, account: AccountId, listed: bool) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            if listed {
                self.blacklist.insert(account, &());
            } else {
                self.blacklist.remove(account);
            }
            self.env().emit_event(BlacklistSet { account, listed });
            Ok(())
        }

        /// Sets the junior and reinsurance layers, their limits in the waterfall and the
        /// premium split; only with no cover in force and no claim pending (who backs a policy
        /// is who was paid for it). The treasury's accrued share is swept to it first. Admin
        /// only. Errors: `Access(NotAdmin)`, `LayerGap`, `LayerOverlap`, `InvalidParams`,
        /// `CoverInForce`, `LayerMismatch` (a pool that is not this pool's junior or
        /// reinsurance in its asset and buckets), `PSP22`.
        #[ink(message)]
        pub fn set_layers(&mut self, setup: LayerSetup) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            let swept = self.replace_layers(&setup)?;
            if swept > 0 {
                self.env().emit_event(TreasurySwept { amount: swept });
            }
            self.env().emit_event(LayersSet { setup });
            Ok(())
        }

        /// Pays the treasury's accrued premium share to the treasury; returns it. Anyone may
        /// call. Errors: `PSP22`.
        #[ink(message)]
        pub fn sweep_treasury(&mut self) -> Result<u128> {
            let due = self.sweep()?;
            self.env().emit_event(TreasurySwept { amount: due });
            Ok(due)
        }

        // ---- capital (underwriters) ----------------------------------------------------

        /// Deposits `amount` of the cover asset (approved to the pool) for shares at their
        /// value now (pending claims not taken off); returns the shares. Anyone may call, also
        /// while new cover is paused. Errors: `ZeroAmount`, `Behind`, `NoValue`, `PSP22`.
        #[ink(message)]
        pub fn deposit(&mut self, amount: u128) -> Result<u128> {
            let caller = self.env().caller();
            let shares = self.book_deposit(caller, amount)?;
            token::pull(self.cover_asset, caller, amount)?;
            self.env().emit_event(Deposited { account: caller, amount, shares });
            Ok(shares)
        }

        /// Asks to withdraw `shares` after the cooldown (replacing any earlier request, whose
        /// cooldown starts again). The shares stay at risk and earning until withdrawn. An
        /// underwriter may call. Errors: `ZeroAmount`, `InsufficientShares`.
        #[ink(message)]
        pub fn request_withdrawal(&mut self, shares: u128) -> Result<u64> {
            let caller = self.env().caller();
            let now = self.env().block_timestamp();
            let request = laas_capital::accounts::request(self.shares.get(caller).unwrap_or(0), shares, now, self.params_now().cooldown_ms)?;
            let ready_ms = request.ready_ms;
            self.withdrawals.insert(caller, &request);
            self.env().emit_event(WithdrawalRequested { account: caller, shares, ready_ms });
            Ok(ready_ms)
        }

        /// Redeems `shares` of the caller's ready request (within its window) for their value,
        /// within the capital not locked by cover in force and pending claims; returns the
        /// amount paid. Never paused. Errors: `CooldownActive`, `RequestExpired`, `ZeroAmount`,
        /// `InsufficientShares`, `CapitalLocked`, `PSP22`.
        #[ink(message)]
        pub fn withdraw(&mut self, shares: u128) -> Result<u128> {
            let caller = self.env().caller();
            let amount = self.book_withdrawal(caller, shares)?;
            token::push(self.cover_asset, caller, amount)?;
            self.env().emit_event(Withdrawn { account: caller, shares, amount });
            Ok(amount)
        }

        /// Processes expiry buckets whose time has come (at most 128 per call): premiums
        /// earned, capital released. Anyone may call; needed only after a very long quiet spell
        /// (every message reads up to 128 storage words of buckets itself).
        /// Returns whether the pool is current. Errors: `Math`.
        #[ink(message)]
        pub fn advance(&mut self) -> Result<bool> {
            self.roll()
        }

        /// Processes a product's expiry buckets (as `advance`). Anyone may call.
        /// Returns whether the product is current. Errors: `UnknownProduct`.
        #[ink(message)]
        pub fn advance_product(&mut self, product: u32) -> Result<bool> {
            let (_, state, current) = self.product_now(product)?;
            self.product_states.insert(product, &state);
            Ok(current)
        }

        // ---- cover (buyers) --------------------------------------------------------------

        /// What `amount` of cover on `product` for `term_ms` costs `buyer` now, with the margin,
        /// surcharge, utilisation and capacity behind it. Anyone may call. Errors:
        /// `UnknownProduct`, `ZeroAmount`, `ProductInactive`, `TermOutOfRange`,
        /// `AboveMaxCover`, `Blacklisted`, `RelatedParty`, `StaleNav`, `CapacityExceeded`,
        /// `ZeroPremium`, `Registry(Stale | NoData | …)`.
        #[ink(message)]
        pub fn quote(&self, product: u32, amount: u128, term_ms: u64, buyer: AccountId) -> Result<Quote> {
            self.quote_now(product, amount, term_ms, buyer)
        }

        /// Buys `amount` of cover on `product` for `term_ms` from now, paying the quoted
        /// premium (approved to the pool) if it is at most `max_premium`; the policy token is
        /// minted to the caller. Returns the policy's id. Anyone not blacklisted may call,
        /// unless new cover is paused. Errors: as `quote`, and `Access(Paused)`,
        /// `PremiumAboveLimit`, `Behind`, `PSP22`, `Policy`.
        #[ink(message)]
        pub fn buy_cover(&mut self, product: u32, amount: u128, term_ms: u64, max_premium: u128) -> Result<u128> {
            self.sell(product, amount, term_ms, max_premium)
        }

        // ---- claims --------------------------------------------------------------------

        /// Files a claim on `policy` while its trigger holds: the registry's measure now must
        /// pass the product's threshold, the measured event must have begun after the
        /// product's waiting period from the policy's start and crossed the threshold by its
        /// end, and the claim must come by the end of the grace period. The loss given the
        /// trigger's magnitude is locked at once. Only the policy token's current owner, not blacklisted (nor, for a
        /// product that refuses them, the operator or a related party). Returns the claim's
        /// id. Errors: `UnknownPolicy`, `AlreadyClaimed`, `Blacklisted`, `OutsideCover`,
        /// `NotPolicyOwner`, `RelatedParty`, `NotTriggered`, `ZeroAmount`, `Registry`.
        #[ink(message)]
        pub fn file_claim(&mut self, policy: u128) -> Result<u64> {
            self.file(policy)
        }

        /// Settles pending claim `claim`: pays its amount (at most what the pool holds) to the
        /// claimant, releases the policy's cover and records the payout per incident and
        /// period (`pay = true`), or rejects it (the policy may be claimed on again); either way
        /// its lock ends. Only the claims role.
        /// Returns what was paid. Errors: `NotClaimsRole`, `UnknownClaim`, `ClaimSettled`,
        /// `PSP22`.
        #[ink(message)]
        pub fn settle_claim(&mut self, claim: u64, pay: bool) -> Result<u128> {
            self.settle(claim, pay)
        }

        /// Repays up to `amount` into the recovery of maturity-guarantee claim `claim` (the
        /// caller must have approved the pool): it flows back to the reinsurance first, then
        /// the junior, then the primary, each up to what it paid; only what is still owed is
        /// taken, and the recovery closes when nothing is. Anyone may call (the operator, or
        /// someone for it). Returns what was taken. Errors: `ZeroAmount`, `UnknownRecovery`,
        /// `RecoveryClosed`, `PSP22`, `Layer`.
        #[ink(message)]
        pub fn repay_recovery(&mut self, claim: u64, amount: u128) -> Result<u128> {
            self.repay(claim, amount)
        }

        /// Writes off what is still owed on recovery `claim` and closes it. Admin only.
        /// Returns what was written off. Errors: `Access(NotAdmin)`, `UnknownRecovery`,
        /// `RecoveryClosed`.
        #[ink(message)]
        pub fn close_recovery(&mut self, claim: u64) -> Result<u128> {
            self.write_off(self.env().caller(), claim)
        }

        /// The recovery of maturity-guarantee claim `claim`: what each layer paid and has had
        /// back, and whether it is closed. Anyone may call.
        #[ink(message)]
        pub fn recovery(&self, claim: u64) -> Option<Recovery> {
            self.recoveries.get(claim)
        }

        /// Product `product`'s period `period` as disclosed: its record, the loss ratio and
        /// its rolling volatility, the average payout, the observed trigger frequency, for
        /// liquidity-gap cover the insured holders' net impact cost against an uninsured
        /// holder's, and the pool's reserves and coverage now. Anyone may call.
        /// Errors: `UnknownProduct`, `Math`.
        #[ink(message)]
        pub fn disclosure(&self, product: u32, period: u64) -> Result<Disclosure> {
            self.disclose(product, period)
        }

        /// Recalibrates `product`'s probability over its first period not yet folded in (which
        /// must be over): `p = Z × p_observed + (1 − Z) × p_prior`, `Z = n / (n + k)`, with `n`
        /// the periods with cover in force observed and `p_observed` the incidents paid in them
        /// per year. Records
        /// the period's predicted and actual losses in the event. Anyone may call, once per
        /// period. Returns the new probability, bps. Errors: `UnknownProduct`, `PeriodOpen`.
        #[ink(message)]
        pub fn recalibrate(&mut self, product: u32) -> Result<u32> {
            self.fold(product)
        }

        // ---- queries -------------------------------------------------------------------

        /// A product's terms and its state now. Anyone may call.
        #[ink(message)]
        pub fn product(&self, id: u32) -> Option<(Product, ProductState)> {
            self.product_now(id).ok().map(|(product, state, _)| (product, state))
        }

        /// How many products exist. Anyone may call.
        #[ink(message)]
        pub fn product_count(&self) -> u32 {
            self.product_count
        }

        /// The capital now: funds, unearned premiums, pending claims, share value, cover in
        /// force, locked and free capital. Anyone may call. Errors: `Math`.
        #[ink(message)]
        pub fn capital(&self) -> Result<Capital> {
            self.capital_at(self.env().block_timestamp())
        }

        /// An underwriter's shares, what they are worth now, and its withdrawal request.
        /// Anyone may call. Errors: `Math`.
        #[ink(message)]
        pub fn underwriter(&self, account: AccountId) -> Result<(u128, u128, Option<Withdrawal>)> {
            let (ledger, _) = self.rolled(self.ledger, self.env().block_timestamp())?;
            let shares = self.shares.get(account).unwrap_or(0);
            Ok((shares, ledger.amount_for(shares)?, self.withdrawals.get(account)))
        }

        /// A policy as the pool keeps it. Anyone may call.
        #[ink(message)]
        pub fn policy(&self, id: u128) -> Option<PolicyRecord> {
            self.policies.get(id)
        }

        /// A claim. Anyone may call.
        #[ink(message)]
        pub fn claim(&self, id: u64) -> Option<Claim> {
            self.claims.get(id)
        }

        /// What an incident has paid. Anyone may call.
        #[ink(message)]
        pub fn incident(&self, position: u32, product: u32, epoch: u64) -> IncidentRecord {
            self.incidents.get((position, product, epoch)).unwrap_or_default()
        }

        /// A product's record of a period (written, premiums, predicted and actual losses,
        /// triggers). Anyone may call.
        #[ink(message)]
        pub fn period(&self, product: u32, period: u64) -> PeriodRecord {
            self.periods.get((product, period)).unwrap_or_default()
        }

        /// The layers and premium split in force (`None`: the primary alone), and the
        /// treasury's share not swept yet. Anyone may call.
        #[ink(message)]
        pub fn layers(&self) -> (Option<LayerSetup>, u128) {
            (self.layers.get(), self.treasury_due)
        }

        /// Claims paid in `period` by every layer. Anyone may call.
        #[ink(message)]
        pub fn period_paid(&self, period: u64) -> u128 {
            self.period_paid.get(period).unwrap_or(0)
        }

        /// The period the clock is in. Anyone may call.
        #[ink(message)]
        pub fn current_period(&self) -> u64 {
            self.period_index(self.env().block_timestamp())
        }

        /// Whether `account` is blacklisted. Anyone may call.
        #[ink(message)]
        pub fn is_blacklisted(&self, account: AccountId) -> bool {
            self.blacklist.contains(account)
        }

        /// The parameters in force. Anyone may call.
        #[ink(message)]
        pub fn params(&self) -> Params {
            self.params_now()
        }

        /// The fixed setup: cover asset, registry, policy token, bucket and period lengths,
        /// genesis. Anyone may call.
        #[ink(message)]
        pub fn setup(&self) -> (AccountId, AccountId, AccountId, u64, u64, u64) {
            (self.cover_asset, self.registry, self.policy_token, self.bucket_ms, self.period_ms, self.genesis_ms)
        }
    }

    impl AccessControl for PrimaryPool {
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

        /// Sets or revokes the claims role or the guardian. Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            let caller = self.env().caller();
            match role {
                Role::Claims => {
                    let mut holder = self.claims_role;
                    self.access.set_optional(caller, &mut holder, role, account, granted)?;
                    self.claims_role = holder;
                    Ok(())
                }
                _ => self.access.set_role(caller, role, account, granted),
            }
        }

        /// Pauses new cover; deposits, withdrawals, claims and settlements keep working.
        /// Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.unpause(self.env().caller())
        }

        /// Whether new cover is paused. Anyone may call.
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

    impl Roles for PrimaryPool {
        /// Admin, pending admin, guardian and the claims role. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let mut list = self.access.holders();
            if let Some(claims) = self.claims_role {
                list.push((Role::Claims, claims));
            }
            list
        }
    }
}
