//! # Reactor
//!
//! The pool of one asset (SPEC §3.2, §3.3). Liquidity providers deposit the asset and receive
//! its tAsset, which this reactor instantiates and alone mints and burns. Liquidity directors'
//! TOKE stake collateralizes how much of the pool is deployed to venues; the treasury places
//! protocol-controlled value (PCV: TOKE as the pairing side, and asset reserves) alongside.
//!
//! * `deposit` mints tAssets 1:1, or `amount / NAV` once NAV has fallen below 1.
//! * `request_withdrawal` sets the holder's request, maturing at the next cycle (or the one
//!   after if a boundary has passed without a rollover); `withdraw` burns matured tAssets and
//!   pays `amount × NAV`. Transfers of tAssets shrink the sender's request (tAsset hook).
//! * `rollover` (anyone, once per cycle, catching up missed cycles) collects venue fees and
//!   splits them LP / LD / treasury, strikes NAV from time-weighted valuations, recalls
//!   liquidity for matured requests and the reserve buffer, and redeploys the rest by the
//!   venue weights, capped by `collateral × LD stake`.
//!
//! ## Accounting
//! * Holdings = idle asset + idle TOKE at the TWAP + venue positions at the TWAP. PCV is
//!   inside the holdings and is junior: NAV = `min(1, holdings / supply)` only falls below 1
//!   once PCV is gone. NAV is struck at rollover; `deposit` and `withdraw` also value the
//!   positions now (one call per venue, at most [`MAX_VENUES`]), other user messages call no
//!   venue, and nothing a user message does grows with the number of holders.
//! * Fee shares for LPs accrue per tAsset through an index; every balance change (deposit,
//!   withdraw, transfer through the hook) settles the holder first, so accrual is exact.
//! * Requests are bucketed by maturity cycle: a request only ever matures at `cycle + 1` or
//!   `cycle + 2`, so a rollover moves at most two buckets into the matured total.
//!
//! ## Invariants
//! * `supply` equals the tAsset's total supply and each holder's `balance` its tAsset balance.
//! * `matured + Σ queued == Σ holder.request`, and every `request ≤ balance`.
//! * The reactor's token balances ≥ `idle` + LP fees not yet claimed.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

mod books;
mod claims;
mod emissions;
pub mod errors;
pub mod events;
pub mod ledger;
mod rollover;
pub mod types;
mod venues;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod reactor {
    pub use crate::errors::{ReactorError, Result};
    pub use crate::events::*;
    use crate::claims;
    use crate::ledger;
    pub use crate::types::*;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_access::Access;
    use laas_cycles::{CycleError, Schedule};
    use laas_math::{add, sub, ONE};
    use laas_traits::token;
    use laas_traits::{
        AccessControl, AccessError, ReactorView, Role, Roles, TransferHook, TransferHookError,
    };

    /// Most venues one reactor deploys to (SPEC §2: bounded loops).
    pub const MAX_VENUES: usize = 8;

    /// The reactor.
    #[ink(storage)]
    pub struct Reactor {
        /// The asset LPs deposit.
        pub(crate) asset: AccountId,
        /// The pairing token (TOKE) placed by the treasury.
        pub(crate) pairing: AccountId,
        /// This reactor's tAsset (its minter is this reactor).
        pub(crate) tasset: AccountId,
        /// The global cycle schedule, copied from the factory at creation.
        pub(crate) schedule: Schedule,
        /// The cycle last rolled into.
        pub(crate) cycle: u32,
        /// NAV per tAsset struck at the last rollover, 1e18.
        pub(crate) nav: u128,
        /// tAssets in existence.
        pub(crate) supply: u128,
        /// Asset and TOKE held idle (PCV included; LP fees not yet claimed excluded).
        pub(crate) idle: Pair,
        /// LP fees per tAsset since creation, 1e18.
        pub(crate) fee_index: Pair,
        /// Matured withdrawal requests not yet withdrawn, tAssets.
        pub(crate) matured: u128,
        /// Pending requests by maturity cycle, tAssets.
        pub(crate) queued: Mapping<u32, u128>,
        /// Holders' accounting.
        pub(crate) holders: Mapping<AccountId, Holder>,
        /// Governance parameters (admin-set).
        pub(crate) config: Lazy<Config>,
        /// Where the LD stake is read from (admin-set).
        pub(crate) collateral: Lazy<Collateral>,
        /// Venues and weights (admin-set; ≤ [`MAX_VENUES`]). The first venue prices TOKE.
        pub(crate) venues: Lazy<Vec<VenueSlot>>,
        /// Emission parameters (admin-set; none until set).
        pub(crate) emissions: Lazy<Emissions>,
        /// TOKE funded by the treasury for emissions and not emitted yet.
        pub(crate) emission_budget: u128,
        /// Whether the factory created this as a genesis reactor (SPEC §3.4: only these may
        /// carry accelerated emissions). Fixed at instantiation.
        pub(crate) genesis: bool,
        /// Admin (parameters, venues, unpause) and guardian (pause deposits).
        pub(crate) access: Access,
    }

    impl Reactor {
        /// A reactor for `asset` paired with `pairing`, instantiating its tAsset from
        /// `tasset_code_hash` as `t<SYMBOL>` with the asset's decimals. Normally called by the
        /// factory, which passes its genesis flag; `admin` receives the admin role.
        /// Errors: `InvalidConfig`, `AssetMetadata` (the asset has no symbol), `CallFailed`.
        #[ink(constructor)]
        pub fn new(
            asset: AccountId,
            pairing: AccountId,
            tasset_code_hash: Hash,
            schedule: Schedule,
            config: Config,
            genesis: bool,
            admin: AccountId,
        ) -> Result<Self> {
            config.validate()?;
            if asset == pairing {
                return Err(ReactorError::InvalidConfig);
            }
            let tasset = claims::instantiate(asset, tasset_code_hash)?;
            let cycle = match schedule.index_at(Self::env().block_timestamp()) {
                Ok(index) => index,
                Err(CycleError::BeforeGenesis) => 0,
                Err(e) => return Err(e.into()),
            };
            let mut stored_config = Lazy::new();
            stored_config.set(&config);
            let mut collateral = Lazy::new();
            collateral.set(&Collateral::Fixed(0));
            Ok(Self {
                asset,
                pairing,
                tasset,
                schedule,
                cycle,
                nav: ONE,
                supply: 0,
                idle: Pair::default(),
                fee_index: Pair::default(),
                matured: 0,
                queued: Mapping::new(),
                holders: Mapping::new(),
                config: stored_config,
                collateral,
                venues: Lazy::new(),
                emissions: Lazy::new(),
                emission_budget: 0,
                genesis,
                access: Access::new(admin),
            })
        }

        // ---- liquidity providers ----------------------------------------------------------

        /// Pulls `amount` of the asset from the caller (who approved this reactor) and mints
        /// tAssets: 1:1, or `amount / NAV` below NAV 1, NAV valued now at the venues' TWAPs (the
        /// NAV struck at the last rollover while no valuation can be made). Anyone may call;
        /// blocked by pause. Errors: `Access(Paused)`, `ZeroAmount`, `Insolvent`, `CapExceeded`,
        /// token errors.
        #[ink(message)]
        pub fn deposit(&mut self, amount: u128) -> Result<u128> {
            self.access.ensure_live()?;
            if amount == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            // Minting at NAV ≤ 1 gives at least `amount`: refuse an over-cap deposit before
            // paying for the valuation.
            let cap = self.config().deposit_cap;
            if add(self.supply, amount)? > cap {
                return Err(ReactorError::CapExceeded);
            }
            // Valued now, not at the last rollover: new money neither pays for losses since
            // then nor buys into a recovery at the old price. Only while no valuation can be
            // made (a venue younger than its TWAP window, or one failing until it is written
            // off) does the struck NAV serve.
            let nav = self.nav_now().unwrap_or(self.nav);
            if nav == 0 {
                return Err(ReactorError::Insolvent);
            }
            let minted = ledger::minted_for(amount, nav)?;
            if minted == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            let supply = add(self.supply, minted)?;
            if supply > cap {
                return Err(ReactorError::CapExceeded);
            }
            let account = self.env().caller();
            let mut holder = self.settled(account)?;
            holder.balance = add(holder.balance, minted)?;
            self.holders.insert(account, &holder);
            self.supply = supply;
            self.idle = self.idle.plus(amount, 0)?;
            token::pull(self.asset, account, amount)?;
            claims::mint(self.tasset, account, minted)?;
            self.env().emit_event(Deposited { account, amount, minted });
            Ok(minted)
        }

        /// Sets the caller's withdrawal request to `amount` tAssets (0 cancels), replacing any
        /// earlier one. It matures at the next cycle, or the one after if the boundary has
        /// passed and the rollover has not run. Anyone may call; never paused.
        /// Errors: `InsufficientBalance` (more than the caller holds).
        #[ink(message)]
        pub fn request_withdrawal(&mut self, amount: u128) -> Result<u32> {
            let account = self.env().caller();
            let mut holder = self.holders.get(account).unwrap_or_default();
            if amount > holder.balance {
                return Err(ReactorError::InsufficientBalance);
            }
            self.unqueue(&holder, holder.request)?;
            let maturity = if amount == 0 { 0 } else { self.maturity()? };
            if amount > 0 {
                let bucket = self.queued.get(maturity).unwrap_or(0);
                self.queued.insert(maturity, &add(bucket, amount)?);
            }
            holder.request = amount;
            holder.maturity = maturity;
            self.store(account, &holder);
            self.env().emit_event(WithdrawalRequested { account, amount, maturity });
            Ok(maturity)
        }

        /// Burns `amount` of the caller's matured request and pays `amount × NAV` of the asset
        /// (the lower of the NAV struck at the rollover and the NAV now). Anyone may call; works
        /// while paused.
        /// Errors: `ZeroAmount`, `NotMatured`, `ExceedsRequest`, `InsufficientLiquidity` (the
        /// last rollover could not recall enough; the next one will).
        #[ink(message)]
        pub fn withdraw(&mut self, amount: u128) -> Result<u128> {
            if amount == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            let account = self.env().caller();
            let mut holder = self.settled(account)?;
            if holder.request == 0 || holder.maturity > self.cycle {
                return Err(ReactorError::NotMatured);
            }
            if amount > holder.request {
                return Err(ReactorError::ExceedsRequest);
            }
            // The lower of the struck and the live NAV, so exits never take more than their
            // share of losses since the rollover; the struck NAV if no valuation can be made.
            let nav = self.nav_now().map_or(self.nav, |live| live.min(self.nav));
            let paid = ledger::paid_for(amount, nav)?;
            if paid > self.idle.asset {
                return Err(ReactorError::InsufficientLiquidity);
            }
            holder.balance = holder.balance.checked_sub(amount).ok_or(ReactorError::InsufficientBalance)?;
            holder.request = sub(holder.request, amount)?;
            if holder.request == 0 {
                holder.maturity = 0;
            }
            self.store(account, &holder);
            self.matured = sub(self.matured, amount)?;
            self.supply = sub(self.supply, amount)?;
            self.idle = self.idle.minus(paid, 0)?;
            claims::burn(self.tasset, account, amount)?;
            token::push(self.asset, account, paid)?;
            self.env().emit_event(Withdrawn { account, burnt: amount, paid });
            Ok(paid)
        }

        /// Pays the caller's LP fees (asset and TOKE). Anyone may call; never paused.
        #[ink(message)]
        pub fn claim_fees(&mut self) -> Result<Pair> {
            let account = self.env().caller();
            let mut holder = self.settled(account)?;
            let fees = holder.owed;
            holder.owed = Pair::default();
            self.store(account, &holder);
            self.push_pair(account, fees.asset, fees.pairing)?;
            self.env().emit_event(FeesClaimed { account, fees });
            Ok(fees)
        }

        // ---- the cycle ------------------------------------------------------------------

        /// Rolls into the cycle the clock is in (catching up missed ones): matures requests,
        /// collects and shares venue fees, strikes NAV, recalls liquidity for matured requests
        /// and the buffer, and redeploys by weight (not while paused). Anyone may call, once
        /// per cycle. A venue that refuses a collect, recall or deploy is skipped with
        /// [`VenueSkipped`]; valuation failures abort (NAV is never struck on a guess).
        /// Errors: `Cycle(TooEarly | BeforeGenesis)`, `Venue(OracleNotReady)`.
        #[ink(message)]
        pub fn rollover(&mut self) -> Result<u32> {
            self.roll()
        }

        // ---- treasury -------------------------------------------------------------------

        /// Places PCV: pulls `asset` and `pairing` (TOKE) from the treasury into the reactor's
        /// idle holdings, as junior capital and the pairing side. Treasury only.
        /// Errors: `NotTreasury`, `ZeroAmount`, token errors.
        #[ink(message)]
        pub fn place_pcv(&mut self, asset: u128, pairing: u128) -> Result<()> {
            let treasury = self.ensure_treasury()?;
            if asset == 0 && pairing == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            self.idle = self.idle.plus(asset, pairing)?;
            token::pull(self.asset, treasury, asset)?;
            token::pull(self.pairing, treasury, pairing)?;
            self.env().emit_event(PcvMoved { placed: true, amounts: Pair { asset, pairing } });
            Ok(())
        }

        /// Returns PCV surplus to the treasury from idle holdings, only while the holdings
        /// left (at time-weighted prices) still cover every tAsset and the idle asset left
        /// covers matured requests and the buffer. Treasury only.
        /// Errors: `NotTreasury`, `ZeroAmount`, `InsufficientLiquidity`, `WouldUncoverLps`.
        #[ink(message)]
        pub fn withdraw_pcv(&mut self, asset: u128, pairing: u128) -> Result<()> {
            let treasury = self.ensure_treasury()?;
            if asset == 0 && pairing == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            self.idle = self.idle.minus(asset, pairing).map_err(|_| ReactorError::InsufficientLiquidity)?;
            let venues = self.venues.get().unwrap_or_default();
            let (_, _, holdings) = self.valuation(&venues)?;
            let config = self.config();
            if holdings < self.supply || self.idle.asset < self.withheld(&config)? {
                return Err(ReactorError::WouldUncoverLps);
            }
            self.push_pair(treasury, asset, pairing)?;
            self.env().emit_event(PcvMoved { placed: false, amounts: Pair { asset, pairing } });
            Ok(())
        }

        /// Adds `amount` TOKE (approved) from the treasury to the emission budget. Treasury
        /// only. Errors: `NotTreasury`, `ZeroAmount`, token errors.
        #[ink(message)]
        pub fn fund_emissions(&mut self, amount: u128) -> Result<()> {
            let treasury = self.ensure_treasury()?;
            if amount == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            self.emission_budget = add(self.emission_budget, amount)?;
            token::pull(self.pairing, treasury, amount)?;
            self.env().emit_event(EmissionsFunded { amount, budget: self.emission_budget });
            Ok(())
        }

        // ---- administration -------------------------------------------------------------

        /// Replaces the parameters. Admin only. Errors: `Access(NotAdmin)`, `InvalidConfig`.
        #[ink(message)]
        pub fn set_config(&mut self, config: Config) -> Result<()> {
            self.ensure_admin()?;
            config.validate()?;
            self.config.set(&config);
            self.env().emit_event(ConfigChanged { config });
            Ok(())
        }

        /// Sets where the LD stake is read from. Admin only (LD staking, once deployed).
        /// Errors: `Access(NotAdmin)`.
        #[ink(message)]
        pub fn set_collateral(&mut self, collateral: Collateral) -> Result<()> {
            self.ensure_admin()?;
            self.collateral.set(&collateral);
            self.env().emit_event(CollateralChanged { collateral });
            Ok(())
        }

        /// Sets the emission parameters. Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidConfig` (a zero target ratio), `NotGenesis` (a
        /// multiplier above 1× on a reactor the factory did not create as a genesis reactor).
        #[ink(message)]
        pub fn set_emissions(&mut self, emissions: Emissions) -> Result<()> {
            self.ensure_admin()?;
            if emissions.target_ratio == 0 {
                return Err(ReactorError::InvalidConfig);
            }
            if emissions.genesis_multiplier_bps > 10_000 && !self.genesis {
                return Err(ReactorError::NotGenesis);
            }
            self.emissions.set(&emissions);
            self.env().emit_event(EmissionsChanged { emissions });
            Ok(())
        }

        /// Replaces the venues and their weights; the first venue prices TOKE. Each venue must
        /// trade this reactor's asset against its pairing token; a venue may only leave the
        /// list once the reactor holds nothing in it (weight it 0 and roll over first).
        /// Admin only. Errors: `Access(NotAdmin)`, `InvalidVenues`, `VenueInUse`.
        #[ink(message)]
        pub fn set_venues(&mut self, venues: Vec<VenueSlot>) -> Result<()> {
            self.ensure_admin()?;
            self.check_venues(&venues)?;
            self.venues.set(&venues);
            self.env().emit_event(VenuesChanged { venues });
            Ok(())
        }

        /// Drops `venue` from the list without recalling or valuing its position: the way out
        /// for a venue that fails for good (its position is written off, which lowers NAV at
        /// the next rollover; PCV absorbs it first). Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidVenues` (not in the list).
        #[ink(message)]
        pub fn write_off_venue(&mut self, venue: AccountId) -> Result<()> {
            self.ensure_admin()?;
            let mut venues = self.venues.get().unwrap_or_default();
            let before = venues.len();
            venues.retain(|slot| slot.venue != venue);
            if venues.len() == before {
                return Err(ReactorError::InvalidVenues);
            }
            self.venues.set(&venues);
            self.env().emit_event(VenuesChanged { venues });
            Ok(())
        }

        /// Upgrades this reactor's tAsset to the uploaded code `code_hash` (balances stay; the
        /// tAsset accepts code changes only from its reactor). Admin only.
        /// Errors: `Access(NotAdmin)`, `TAsset(UpgradeFailed)`, `CallFailed`.
        #[ink(message)]
        pub fn upgrade_tasset(&mut self, code_hash: Hash) -> Result<()> {
            self.ensure_admin()?;
            claims::upgrade(self.tasset, code_hash)?;
            self.env().emit_event(TAssetUpgraded { code_hash });
            Ok(())
        }

        // ---- queries --------------------------------------------------------------------

        /// The books: cycle, next rollover time, NAV, supply, idle holdings, matured requests,
        /// fee index. Anyone may call.
        #[ink(message)]
        pub fn state(&self) -> State {
            State {
                cycle: self.cycle,
                next_rollover_ms: self.schedule.start_of(self.cycle.saturating_add(1)).unwrap_or(u64::MAX),
                nav: self.nav,
                supply: self.supply,
                idle: self.idle,
                matured: self.matured,
                fee_index: self.fee_index,
                emission_budget: self.emission_budget,
            }
        }

        /// NAV per tAsset valued now at the venues' TWAPs, 1e18: what a deposit mints at (a
        /// withdrawal pays the lower of this and the struck NAV). Anyone may call.
        /// Errors: `Venue(..)` when a valuation cannot be made.
        #[ink(message)]
        pub fn nav_now(&self) -> Result<u128> {
            let venues = self.venues.get().unwrap_or_default();
            let (_, _, holdings) = self.valuation(&venues)?;
            Ok(ledger::nav(holdings, self.supply)?)
        }

        /// `account`'s balance, request and fees, with fees accrued up to now. Anyone may call.
        #[ink(message)]
        pub fn holder(&self, account: AccountId) -> Result<Holder> {
            self.settled(account)
        }

        /// Requests maturing at `cycle` that have not matured yet, tAssets. Anyone may call.
        #[ink(message)]
        pub fn queued(&self, cycle: u32) -> u128 {
            self.queued.get(cycle).unwrap_or(0)
        }

        /// Whether this is a genesis reactor (may carry accelerated emissions). Anyone may call.
        #[ink(message)]
        pub fn is_genesis(&self) -> bool {
            self.genesis
        }

        /// `(asset, pairing, tasset)`. Anyone may call.
        #[ink(message)]
        pub fn tokens(&self) -> (AccountId, AccountId, AccountId) {
            (self.asset, self.pairing, self.tasset)
        }

        /// The parameters. Anyone may call.
        #[ink(message)]
        pub fn get_config(&self) -> Config {
            self.config()
        }

        /// The collateral source. Anyone may call.
        #[ink(message)]
        pub fn get_collateral(&self) -> Collateral {
            self.collateral.get().unwrap_or(Collateral::Fixed(0))
        }

        /// The venues and weights. Anyone may call.
        #[ink(message)]
        pub fn get_venues(&self) -> Vec<VenueSlot> {
            self.venues.get().unwrap_or_default()
        }

        /// The cycle schedule. Anyone may call.
        #[ink(message)]
        pub fn schedule(&self) -> Schedule {
            self.schedule
        }

    }

    impl ReactorView for Reactor {
        /// The cycle last rolled into. Anyone may call.
        #[ink(message)]
        fn current_cycle(&self) -> u32 {
            self.cycle
        }

        /// The cycle a withdrawal requested now would mature at. Anyone may call.
        #[ink(message)]
        fn request_maturity(&self) -> u32 {
            self.maturity().unwrap_or(u32::MAX)
        }

        /// The venues this reactor deploys to. Anyone may call.
        #[ink(message)]
        fn venue_list(&self) -> Vec<AccountId> {
            self.venues.get().unwrap_or_default().iter().map(|slot| slot.venue).collect()
        }

        /// The asset of this reactor. Anyone may call.
        #[ink(message)]
        fn reactor_asset(&self) -> AccountId {
            self.asset
        }
    }

    impl TransferHook for Reactor {
        /// Settles fees of both holders and shrinks the sender's request to the balance it
        /// keeps. Only this reactor's tAsset may call.
        #[ink(message)]
        fn before_tasset_transfer(
            &mut self,
            from: AccountId,
            to: AccountId,
            amount: u128,
            from_balance: u128,
            to_balance: u128,
        ) -> core::result::Result<(), TransferHookError> {
            if self.env().caller() != self.tasset {
                return Err(TransferHookError::UnknownToken);
            }
            self.move_claims(from, to, amount, from_balance, to_balance)
                .map_err(|_| TransferHookError::Rejected)
        }
    }

    impl AccessControl for Reactor {
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

        /// Re-points the treasury or the LD recipient (both always held: `RoleRequired` on revoke), or sets the guardian; the tAsset is fixed (`FixedRole`). Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            self.set_own_role(role, account, granted)
        }

        /// Pauses deposits and deployments to venues; withdrawals, claims and rollovers keep working. Guardian or admin.
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

    impl Roles for Reactor {
        /// Admin, pending admin, guardian, the treasury, the LD recipient and the tAsset. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let config = self.config();
            let mut roles = self.access.holders();
            roles.push((Role::Treasury, config.treasury));
            roles.push((Role::LdRecipient, config.ld_recipient));
            roles.push((Role::TAsset, self.tasset));
            roles
        }
    }

}
