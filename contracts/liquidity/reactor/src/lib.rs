//! # Reactor
//!
//! The manager of one asset's pool (SPEC §3.2, §3.3). Liquidity providers touch only the pool,
//! the reactor's tAsset, which this reactor instantiates and alone runs: deposits, withdrawal
//! requests, withdrawals and claims are the pool's messages and call no venue. The reactor
//! deploys the pool's asset to venues, strikes NAV, and opens each epoch:
//!
//! * `rollover` (anyone, once per cycle, catching up missed cycles in one epoch) collects venue
//!   fees; strikes NAV from time-weighted valuations with PCV as junior capital; fixes the
//!   payout of the requests it matures at that NAV and sets it aside in the pool; shares fees
//!   and emissions among the tAssets held through the closing epoch (through the pool) and
//!   the LDs' stake (through LD staking); takes the pool's idle deposits; and redeploys by the
//!   venue weights, capped by `collateral × LD stake`.
//! * `strike_nav` (anyone who pays for it) strikes NAV between rollovers, so that while NAV is
//!   below 1 deposits mint at a recent value.
//! * The treasury places and withdraws PCV and funds emissions; the admin sets parameters,
//!   venues, emissions and the LD stake source.
//!
//! ## Accounting
//! * Holdings are the reactor's idle asset, its idle TOKE at the TWAP and its venue positions at
//!   the TWAP, plus the pool's idle and reserved asset, less the payouts matured requests are
//!   owed. PCV is inside the holdings and is junior: NAV, `min(1, holdings / tAssets not under
//!   matured requests)`, only falls below 1 once PCV is gone.
//! * A request's payout is fixed by the rollover that matures it, so a later loss does not touch
//!   it and an exit never pays more than the strike that matured it.
//! * Nothing a rollover does grows with the number of holders: it reads the pool's totals.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

mod emissions;
pub mod errors;
pub mod events;
mod governance;
pub mod ledger;
mod pool;
mod rollover;
mod singularity;
pub mod types;
mod venues;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod reactor {
    pub use crate::errors::{ReactorError, Result};
    pub use crate::events::*;
    use crate::ledger;
    use crate::pool;
    pub use crate::types::*;
    use ink::prelude::vec::Vec;
    use ink::storage::Lazy;
    use laas_access::Access;
    use laas_cycles::{CycleError, Schedule};
    use laas_math::{add, sub, ONE};
    use laas_traits::token;
    use laas_traits::{AccessControl, AccessError, PoolCode, ReactorView, Role, Roles};

    /// Most venues one reactor deploys to (SPEC §2: bounded loops).
    pub const MAX_VENUES: usize = 8;

    /// The reactor.
    #[ink(storage)]
    pub struct Reactor {
        /// The asset LPs deposit.
        pub(crate) asset: AccountId,
        /// The pairing token (TOKE) placed by the treasury.
        pub(crate) pairing: AccountId,
        /// This reactor's pool, its tAsset (this reactor is its manager).
        pub(crate) tasset: AccountId,
        /// The global cycle schedule, copied from the factory at creation.
        pub(crate) schedule: Schedule,
        /// The cycle last rolled into.
        pub(crate) cycle: u32,
        /// The epoch the last rollover opened (the pool's).
        pub(crate) epoch: u32,
        /// NAV per tAsset at the last strike, 1e18.
        pub(crate) nav: u128,
        /// When it was struck, ms.
        pub(crate) struck_ms: u64,
        /// Asset and TOKE held idle by the reactor (PCV included).
        pub(crate) idle: Pair,
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
        /// PCV placed and withdrawn so far (lazy: only the treasury's messages touch it).
        pub(crate) pcv_flows: Lazy<PcvFlows>,
        /// Whether the factory created this as a genesis reactor (SPEC §3.4: only these may
        /// carry accelerated emissions). Fixed at instantiation.
        pub(crate) genesis: bool,
        /// The singularity threshold (bps; 100% until the admin sets one) and whether the
        /// LPs' emissions are switched off (admin-set; see `switch_off_lp_emissions`).
        pub(crate) singularity: Lazy<(u16, bool)>,
        /// The position registry this reactor reports its NAV, supply and queue to at every
        /// rollover and strike, if any (set by the factory at creation; admin-set after).
        pub(crate) registry: Option<AccountId>,
        /// Admin (parameters, venues, unpause) and guardian (pause deposits and deployments).
        pub(crate) access: Access,
    }

    impl Reactor {
        /// A reactor for `asset` paired with `pairing`, instantiating its tAsset from
        /// `tasset_code` (the pool's code and its books code) as `t<SYMBOL>` with the asset's
        /// decimals. Normally called by the
        /// factory, which passes its genesis flag and its position registry (`registry`, which
        /// this reactor then reports to); `admin` receives the admin role.
        /// Errors: `InvalidConfig`, `AssetMetadata` (the asset has no symbol), `CallFailed`.
        #[ink(constructor)]
        #[allow(clippy::too_many_arguments)]
        pub fn new(
            asset: AccountId,
            pairing: AccountId,
            tasset_code: PoolCode,
            schedule: Schedule,
            config: Config,
            genesis: bool,
            admin: AccountId,
            registry: Option<AccountId>,
        ) -> Result<Self> {
            config.validate()?;
            if asset == pairing {
                return Err(ReactorError::InvalidConfig);
            }
            let cycle = match schedule.index_at(Self::env().block_timestamp()) {
                Ok(index) => index,
                Err(CycleError::BeforeGenesis) => 0,
                Err(e) => return Err(e.into()),
            };
            let next_boundary_ms = schedule.start_of(cycle.saturating_add(1))?;
            let tasset = pool::instantiate(asset, pairing, tasset_code, config.pool_config(false), next_boundary_ms)?;
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
                epoch: 0,
                nav: ONE,
                struck_ms: Self::env().block_timestamp(),
                idle: Pair::default(),
                config: stored_config,
                collateral,
                venues: Lazy::new(),
                emissions: Lazy::new(),
                emission_budget: 0,
                pcv_flows: Lazy::new(),
                genesis,
                singularity: Lazy::new(),
                registry,
                access: Access::new(admin),
            })
        }

        // ---- the cycle ------------------------------------------------------------------

        /// Rolls into the cycle the clock is in and opens the pool's next epoch (one epoch
        /// however many cycles were missed): collects and shares venue fees, strikes NAV, fixes
        /// and sets aside the payouts of the requests it matures, pays emissions, takes the
        /// pool's idle deposits, recalls and redeploys by weight (deploying nothing while
        /// paused), and reports NAV, supply, the unpaid queue and the LPs' rewards to the
        /// position registry (best effort: a registry that refuses changes nothing here). Anyone may call, once per cycle. A venue that refuses a collect, recall or
        /// deploy is skipped with [`VenueSkipped`]; a valuation that cannot be made aborts
        /// (NAV is never struck on a guess).
        /// Errors: `Cycle(TooEarly | BeforeGenesis)`, `Venue(OracleNotReady)`.
        #[ink(message)]
        pub fn rollover(&mut self) -> Result<u32> {
            self.roll()
        }

        /// Strikes NAV now from the venues' time-weighted valuations and records it in the
        /// pool (and, best effort, with supply and queue in the position registry), so that
        /// deposits while NAV is below 1 mint at a recent value. Anyone may call
        /// (and pay for it). Returns the NAV. Errors: `Venue(..)` when a valuation cannot be
        /// made.
        #[ink(message)]
        pub fn strike_nav(&mut self) -> Result<u128> {
            self.strike()
        }

        /// Retries the rollover's deploy step within the same cycle: deploys idle asset (beyond
        /// the buffer and any payout not yet set aside) to each venue up to its weight of what
        /// LD stake collateralizes, recalling nothing. For a deploy a venue refused at the
        /// rollover (a spot price pushed out of its band by a sandwich), so the liquidity is not
        /// idle for the whole cycle. Anyone may call; a venue that still refuses is skipped with
        /// [`VenueSkipped`]. Errors: `Access(Paused)`, `RolloverDue` (a boundary has passed:
        /// roll over instead), `Venue(..)` when a valuation cannot be made.
        #[ink(message)]
        pub fn redeploy(&mut self) -> Result<()> {
            self.deploy_again()
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
            let mut flows = self.pcv_flows.get().unwrap_or_default();
            flows.placed = flows.placed.plus(asset, pairing)?;
            self.pcv_flows.set(&flows);
            token::pull(self.asset, treasury, asset)?;
            token::pull(self.pairing, treasury, pairing)?;
            self.env().emit_event(PcvMoved { placed: true, amounts: Pair { asset, pairing } });
            Ok(())
        }

        /// Returns PCV surplus to the treasury from idle holdings, only while the holdings
        /// left (at time-weighted prices, the pool's side included) still cover every tAsset
        /// not under a matured request at par, and the idle asset left covers the reserve
        /// buffer. Treasury only.
        /// Errors: `NotTreasury`, `ZeroAmount`, `InsufficientLiquidity`, `WouldUncoverLps`.
        #[ink(message)]
        pub fn withdraw_pcv(&mut self, asset: u128, pairing: u128) -> Result<()> {
            let treasury = self.ensure_treasury()?;
            if asset == 0 && pairing == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            self.idle = self.idle.minus(asset, pairing).map_err(|_| ReactorError::InsufficientLiquidity)?;
            let venues = self.venues.get().unwrap_or_default();
            let valued = self.valued(&venues)?;
            if valued.holdings < valued.active || self.idle.asset < self.config().buffer(valued.active)? {
                return Err(ReactorError::WouldUncoverLps);
            }
            let mut flows = self.pcv_flows.get().unwrap_or_default();
            flows.withdrawn = flows.withdrawn.plus(asset, pairing)?;
            self.pcv_flows.set(&flows);
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

        /// Returns `amount` TOKE of the emission budget to the treasury (what the LPs no
        /// longer earn once their emissions are off, or any budget governance takes back).
        /// Treasury only. Errors: `NotTreasury`, `ZeroAmount`, `InsufficientBudget`, token
        /// errors.
        #[ink(message)]
        pub fn withdraw_emissions(&mut self, amount: u128) -> Result<()> {
            let treasury = self.ensure_treasury()?;
            if amount == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            self.emission_budget = sub(self.emission_budget, amount).map_err(|_| ReactorError::InsufficientBudget)?;
            token::push(self.pairing, treasury, amount)?;
            self.env().emit_event(EmissionsWithdrawn { amount, budget: self.emission_budget });
            Ok(())
        }

        // ---- administration -------------------------------------------------------------

        /// Sets the singularity ratio from which the LPs' emissions may be switched off, bps
        /// (1 to 10,000). Admin only (the DAO, by proposal).
        /// Errors: `Access(NotAdmin)`, `InvalidConfig`.
        #[ink(message)]
        pub fn set_singularity_threshold(&mut self, threshold_bps: u16) -> Result<()> {
            self.ensure_admin()?;
            if threshold_bps == 0 || u128::from(threshold_bps) > laas_math::BPS {
                return Err(ReactorError::InvalidConfig);
            }
            let (_, off) = self.singularity.get().unwrap_or((crate::singularity::DEFAULT_THRESHOLD_BPS, false));
            self.singularity.set(&(threshold_bps, off));
            self.env().emit_event(SingularityChanged { threshold_bps, lp_emissions_off: off, ratio_bps: 0 });
            Ok(())
        }

        /// Switches the LPs' share of emissions off for good: from the next rollover the LDs
        /// are paid theirs as before and the LPs' share stays in the budget (the treasury
        /// takes it back with `withdraw_emissions`). Only once PCV supplies the threshold's
        /// share of the deployed liquidity (`singularity`). Admin only (the DAO, by proposal).
        /// Errors: `Access(NotAdmin)`, `BelowSingularity`, `Venue(..)` (no valuation).
        #[ink(message)]
        pub fn switch_off_lp_emissions(&mut self) -> Result<()> {
            self.ensure_admin()?;
            let venues = self.venues.get().unwrap_or_default();
            let now = self.singularity_now(&self.valued(&venues)?)?;
            if now.ratio_bps < now.threshold_bps {
                return Err(ReactorError::BelowSingularity { ratio_bps: now.ratio_bps, threshold_bps: now.threshold_bps });
            }
            self.singularity.set(&(now.threshold_bps, true));
            self.env().emit_event(SingularityChanged { threshold_bps: now.threshold_bps, lp_emissions_off: true, ratio_bps: now.ratio_bps });
            Ok(())
        }

        /// Replaces the parameters (the pool's with them: its deposit cap, its NAV age and its
        /// expiry window, which may only grow). Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidConfig`, `Pool(InvalidConfig)`.
        #[ink(message)]
        pub fn set_config(&mut self, config: Config) -> Result<()> {
            self.ensure_admin()?;
            config.validate()?;
            pool::configure(self.tasset, config.pool_config(self.access.paused))?;
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

        /// Upgrades this reactor's pool (its tAsset) to the uploaded codes `code`: its own and its
        /// books code (balances stay; the pool accepts code changes only from its reactor). The
        /// pool must still answer as this reactor's pool afterwards, or nothing changes.
        /// Admin only. Errors: `Access(NotAdmin)`, `Pool(UpgradeFailed)` (no pool code under that
        /// hash, or a books code that does not run the pool), `CallFailed` (a books hash with no
        /// code uploaded: the pool refuses to run without it).
        #[ink(message)]
        pub fn upgrade_tasset(&mut self, code: PoolCode) -> Result<()> {
            self.ensure_admin()?;
            pool::upgrade(self.tasset, code)?;
            self.env().emit_event(TAssetUpgraded { code });
            Ok(())
        }

        // ---- queries --------------------------------------------------------------------

        /// The reactor's side of the books: cycle, epoch, next rollover time, NAV and when it
        /// was struck, idle holdings, emission budget. Anyone may call.
        #[ink(message)]
        pub fn state(&self) -> State {
            State {
                cycle: self.cycle,
                epoch: self.epoch,
                next_rollover_ms: self.next_boundary_ms(),
                nav: self.nav,
                struck_ms: self.struck_ms,
                idle: self.idle,
                emission_budget: self.emission_budget,
            }
        }

        /// NAV per tAsset valued now at the venues' TWAPs, 1e18, without striking it. Anyone
        /// may call. Errors: `Venue(..)` when a valuation cannot be made.
        #[ink(message)]
        pub fn nav_now(&self) -> Result<u128> {
            let venues = self.venues.get().unwrap_or_default();
            let valued = self.valued(&venues)?;
            Ok(ledger::nav(valued.holdings, valued.active)?)
        }

        /// The treasury's view of this reactor: PCV placed and withdrawn, the holdings valued now
        /// at the venues' TWAPs, what the LPs still in are owed, and what is left for the
        /// treasury. Anyone may call. Errors: `Venue(..)` when a valuation cannot be made.
        #[ink(message)]
        pub fn pcv(&self) -> Result<Pcv> {
            let venues = self.venues.get().unwrap_or_default();
            let valued = self.valued(&venues)?;
            let lp_liabilities = valued.active.min(valued.holdings);
            Ok(Pcv {
                flows: self.pcv_flows.get().unwrap_or_default(),
                holdings: valued.holdings,
                lp_liabilities,
                value: sub(valued.holdings, lp_liabilities)?,
            })
        }

        /// PCV's share of the deployed liquidity (both sides at the venues' TWAPs), the
        /// threshold and whether the LPs' emissions are off. Anyone may call.
        /// Errors: `Venue(..)` when a valuation cannot be made.
        #[ink(message)]
        pub fn singularity(&self) -> Result<Singularity> {
            let venues = self.venues.get().unwrap_or_default();
            self.singularity_now(&self.valued(&venues)?)
        }

        /// Whether this is a genesis reactor (may carry accelerated emissions). Anyone may call.
        #[ink(message)]
        pub fn is_genesis(&self) -> bool {
            self.genesis
        }

        /// `(asset, pairing, tasset)`: the tAsset is the reactor's pool. Anyone may call.
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
        /// The epoch the last rollover opened, and when the next cycle boundary falls, ms.
        /// Anyone may call.
        #[ink(message)]
        fn epoch_info(&self) -> (u32, u64) {
            (self.epoch, self.next_boundary_ms())
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

        /// Re-points the treasury or the LD recipient (both always held: `RoleRequired` on
        /// revoke), sets or revokes the guardian or the position registry this reactor reports
        /// to; the pool is fixed (`FixedRole`). Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            self.set_own_role(role, account, granted)
        }

        /// Pauses deposits (in the pool) and deployments to venues; withdrawals, claims and
        /// rollovers keep working. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.pause(self.env().caller())?;
            self.tell_pool_paused()
        }

        /// Lifts the pause (in the pool too). Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.unpause(self.env().caller())?;
            self.tell_pool_paused()
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
        /// Admin, pending admin, guardian, the treasury, the LD recipient, the pool and the
        /// position registry. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let config = self.config();
            let mut roles = self.access.holders();
            roles.push((Role::Treasury, config.treasury));
            roles.push((Role::LdRecipient, config.ld_recipient));
            roles.push((Role::Pool, self.tasset));
            if let Some(registry) = self.registry {
                roles.push((Role::Registry, registry));
            }
            roles
        }
    }
}
