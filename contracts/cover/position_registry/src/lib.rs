//! # Position registry
//!
//! Standardized positions and their observables (SPEC §4.1): the carriers of a liquidity
//! position's risks that cover is priced from and claims are settled by.
//!
//! * **Positions**: a reactor's tAsset (registered by the factory when it creates the reactor,
//!   or by the admin) or an external position token; `Open` (redeemable on request) or `Term`
//!   (with a maturity); its operator and related parties (≤ 15); the contract that pushes its
//!   own observables (its *source*); the exchange pool its depth is measured at.
//! * **First-party observables**: an Open position's source (its reactor) pushes NAV, supply,
//!   requests and the unpaid queue at every rollover and NAV strike (`observe`, O(1): three
//!   slots and one history bucket), and a Term position's contract its settlement (`settle`,
//!   or `sync_settlement` reads it from the contract). NAV history is a ring of
//!   [`NAV_BUCKETS`] time buckets per position, each keeping its peak, so no number of pushes
//!   can flush a drawdown out of the window.
//! * **Reporters**, whitelisted and bonded per position (≤ 15), report what the suite cannot see
//!   itself. An epoch's value is the **median of at least 3 reports** (and of more than half
//!   the active reporters); a reporter deviating from the median beyond a band more than N
//!   times in M epochs is removed and part of its bond slashed to the treasury.
//! * **Market observables** (queue, requests, depth, bridge delay) are smoothed over a time
//!   window: each observation counts for the time it stood, so a spike undone within a block
//!   moves nothing; depth is read at the AMM's time-weighted price.
//!   Data older than the maximum age prices and triggers nothing: every derived query returns
//!   the data's age, and `Stale` past it.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod events;
mod feeds;
pub mod observe;
mod reporters;
pub mod types;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod position_registry {
    pub use crate::events::*;
    pub use crate::types::*;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_access::Access;
    use laas_traits::registry::MAX_RELATED;
    use laas_traits::{AccessControl, AccessError, CoverFeed, PositionFeed, Role, Roles};

    /// Most registrars (factories) at once.
    pub const MAX_REGISTRARS: usize = 4;

    /// The registry.
    #[ink(storage)]
    pub struct PositionRegistry {
        /// The token reporters bond in (TOKE). Fixed at instantiation.
        pub(crate) bond_token: AccountId,
        /// Length of a reporting epoch, ms. Fixed at instantiation.
        pub(crate) epoch_ms: u64,
        /// Length of one NAV-history bucket, ms. Fixed at instantiation.
        pub(crate) bucket_ms: u64,
        /// Positions registered so far (the next id).
        pub(crate) count: u32,
        /// Slashed bonds not yet swept to the treasury.
        pub(crate) slashed: u128,
        /// Receives slashed bonds (admin-set, always held).
        pub(crate) treasury: AccountId,
        /// Tunable parameters (admin-set).
        pub(crate) params: Lazy<Params>,
        /// Accounts that may register positions besides the admin (≤ [`MAX_REGISTRARS`]).
        pub(crate) registrars: Lazy<Vec<AccountId>>,
        /// Every position by id.
        pub(crate) positions: Mapping<u32, Position>,
        /// Position id of each token.
        pub(crate) by_token: Mapping<AccountId, u32>,
        /// Position id each source feeds.
        pub(crate) by_source: Mapping<AccountId, u32>,
        /// The current value of each observable of each position.
        pub(crate) slots: Mapping<(u32, Feed), Slot>,
        /// NAV history: bucket `index % NAV_BUCKETS` of each position.
        pub(crate) history: Mapping<(u32, u64), Bucket>,
        /// The last reward-distribution receipt of each position and when it came, ms.
        pub(crate) receipts: Mapping<u32, (Receipt, u64)>,
        /// Accounts whitelisted to report on a position (admin-set).
        pub(crate) whitelist: Mapping<(u32, AccountId), ()>,
        /// Active reporters of each position (≤ 15).
        pub(crate) reporters: Mapping<u32, Vec<AccountId>>,
        /// Each reporter's bond and marks, per position (kept until its bond is withdrawn).
        pub(crate) reporter: Mapping<(u32, AccountId), Reporter>,
        /// The open round of reports of each observable of each position.
        pub(crate) rounds: Mapping<(u32, Feed), Round>,
        /// When a Term position's own contract last said it had not settled, ms: a later
        /// answer cannot claim a settlement before then.
        pub(crate) unsettled_seen: Mapping<u32, u64>,
        /// Admin (registers, whitelists, sets parameters) and guardian (pauses registrations
        /// and joins).
        pub(crate) access: Access,
    }

    impl PositionRegistry {
        /// A registry whose reporters bond `bond_token`, report in epochs of `epoch_ms` and
        /// whose NAV history keeps buckets of `bucket_ms` (the longest drawdown window is 64
        /// of them); slashed bonds go to `treasury`. The caller is admin.
        /// Errors: `InvalidParams` (a zero epoch or bucket, parameters out of range).
        #[ink(constructor)]
        pub fn new(bond_token: AccountId, treasury: AccountId, epoch_ms: u64, bucket_ms: u64, params: Params) -> Result<Self> {
            params.validate(epoch_ms)?;
            if epoch_ms == 0 || bucket_ms == 0 {
                return Err(RegistryError::InvalidParams);
            }
            let mut stored = Lazy::new();
            stored.set(&params);
            Ok(Self {
                bond_token,
                epoch_ms,
                bucket_ms,
                count: 0,
                slashed: 0,
                treasury,
                params: stored,
                registrars: Lazy::new(),
                positions: Mapping::new(),
                by_token: Mapping::new(),
                by_source: Mapping::new(),
                slots: Mapping::new(),
                history: Mapping::new(),
                receipts: Mapping::new(),
                whitelist: Mapping::new(),
                reporters: Mapping::new(),
                reporter: Mapping::new(),
                rounds: Mapping::new(),
                unsettled_seen: Mapping::new(),
                access: Access::new(Self::env().caller()),
            })
        }

        // ---- positions (admin) ----------------------------------------------------------

        /// Replaces a position's operator and related parties (≤ 15). Admin only.
        /// Errors: `Access(NotAdmin)`, `UnknownPosition`, `TooManyRelated`.
        #[ink(message)]
        pub fn set_parties(&mut self, position: u32, operator: AccountId, related: Vec<AccountId>) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            let mut p = self.position_or_err(position)?;
            if related.len() > MAX_RELATED {
                return Err(RegistryError::TooManyRelated);
            }
            p.registration.operator = operator;
            p.registration.related = related;
            self.positions.insert(position, &p);
            self.env().emit_event(PositionChanged { position, registration: p.registration });
            Ok(())
        }

        /// Sets (or clears) the exchange pool a position's depth is measured at and the
        /// reference size, in the underlying asset. Admin only.
        /// Errors: `Access(NotAdmin)`, `UnknownPosition`, `InvalidParams` (a venue with a zero
        /// reference size).
        #[ink(message)]
        pub fn set_venue(&mut self, position: u32, venue: Option<AccountId>, reference_size: u128) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            let mut p = self.position_or_err(position)?;
            if venue.is_some() && reference_size == 0 {
                return Err(RegistryError::InvalidParams);
            }
            p.registration.venue = venue;
            p.registration.reference_size = reference_size;
            self.positions.insert(position, &p);
            self.env().emit_event(PositionChanged { position, registration: p.registration });
            Ok(())
        }

        /// Re-points (or clears) the contract that pushes a position's own observables: for a
        /// source that went silent, or a reactor replaced. Without a source its observables
        /// come from reporters. Admin only.
        /// Errors: `Access(NotAdmin)`, `UnknownPosition`, `SourceTaken`.
        #[ink(message)]
        pub fn set_source(&mut self, position: u32, source: Option<AccountId>) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            self.resource(position, source)
        }

        /// Replaces the parameters. Admin only. Errors: `Access(NotAdmin)`, `InvalidParams`.
        #[ink(message)]
        pub fn set_params(&mut self, params: Params) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            params.validate(self.epoch_ms)?;
            self.params.set(&params);
            self.env().emit_event(ParamsChanged { params });
            Ok(())
        }

        // ---- observables ----------------------------------------------------------------

        /// Reads the price impact of buying the position's reference size at its venue now
        /// (bps) into its depth, smoothed over the window. Anyone may call (and pay for it).
        /// Errors: `UnknownPosition`, `NoVenue`, `CallFailed` (the venue did not answer).
        #[ink(message)]
        pub fn observe_depth(&mut self, position: u32) -> Result<u128> {
            self.depth_now(position)
        }

        /// NAV per share, 1e18, with its age. Anyone may call.
        /// Errors: `UnknownPosition`, `NoData`, `Stale`, `TooFewReporters` (reporter-fed).
        #[ink(message)]
        pub fn nav(&self, position: u32) -> Result<Reading> {
            let (slot, age_ms) = self.fresh(position, Feed::Nav)?;
            Ok(Reading { value: slot.raw, age_ms })
        }

        /// Drawdown of NAV from its peak inside the last `window_ms` to the latest NAV, bps, with
        /// the latest NAV's age. The window is read in whole history buckets (the current one
        /// and those before it), so it never reaches back further than `window_ms`. Anyone may
        /// call. The NAV in force when the window opened counts as a peak too. Errors:
        /// `UnknownPosition`, `NoData`, `Stale`, `TooFewReporters`, `InvalidParams` (shorter
        /// than a bucket), `WindowTooLong` (63 buckets or more: the history keeps 64).
        #[ink(message)]
        pub fn nav_drawdown(&self, position: u32, window_ms: u64) -> Result<Reading> {
            self.drawdown(position, window_ms)
        }

        /// How late a Term position settled (or, unsettled past its maturity, how late it is
        /// now), ms; 0 if settled on time or not due. With the age of the settlement data (0
        /// once a settlement is recorded, which is final, or when the clock alone speaks).
        /// Anyone may call. Errors: `UnknownPosition`, `NotTerm`, and for a reporter-fed
        /// position not settled yet `NoData`, `Stale`, `TooFewReporters`.
        #[ink(message)]
        pub fn settlement_delay(&self, position: u32) -> Result<Reading> {
            self.delay(position)
        }

        /// How long redemptions that are due have gone unpaid, ms (0 with none unpaid):
        /// from the first observation that saw them to the latest one that still did (requests
        /// waiting for their scheduled rollover are not a queue: see `congestion`). Anyone may
        /// call. Errors: `UnknownPosition`, `NoData`, `Stale`, `TooFewReporters`.
        #[ink(message)]
        pub fn queue_wait(&self, position: u32) -> Result<Reading> {
            self.wait(position)
        }

        /// Redemptions, bps of the supply per day, smoothed: for a position with a source, the
        /// requests its last rollover matured (firm) over the days since the rollover before
        /// (at least one); pending requests, which may still be cancelled, do not count. Anyone
        /// may call.
        /// Errors: `UnknownPosition`, `NoData`, `Stale`, `TooFewReporters`.
        #[ink(message)]
        pub fn congestion(&self, position: u32) -> Result<Reading> {
            self.congestion_now(position)
        }

        /// Price impact of buying the reference size, bps, smoothed. Anyone may call.
        /// Errors: `UnknownPosition`, `NoData`, `Stale`, `TooFewReporters` (no venue).
        #[ink(message)]
        pub fn depth_fragility(&self, position: u32) -> Result<Reading> {
            self.smoothed(position, Feed::Depth)
        }

        /// Cross-chain confirmation delay, ms, smoothed (always reporter-fed). Anyone may call.
        /// Errors: `UnknownPosition`, `NoData`, `Stale`, `TooFewReporters`.
        #[ink(message)]
        pub fn bridge_delay(&self, position: u32) -> Result<Reading> {
            self.smoothed(position, Feed::BridgeDelay)
        }

        /// Asks a Term position's own contract (`TermSource::settled_at`) whether it has settled,
        /// for a settlement whose push did not arrive (made before registration, or lost):
        /// settled, it is recorded (never earlier than the last time the contract said it had
        /// not); not yet, the time it said so is kept. Anyone may call. A Term position's source
        /// speaks for its operator: register only sources whose word the cover may rest on.
        /// Returns when it settled, or `None`. Errors: `UnknownPosition`, `NotTerm`,
        /// `NotSource` (no source), `AlreadySettled`, `NotDue`, `InvalidValue` (a settlement in
        /// the future), `CallFailed`.
        #[ink(message)]
        pub fn sync_settlement(&mut self, position: u32) -> Result<Option<u64>> {
            self.sync(position)
        }

        // ---- reporters ------------------------------------------------------------------

        /// Whitelists `reporter` for `position`, or strikes it off (an active reporter stops
        /// reporting; its bond returns after the cooldown, unslashed). Admin only.
        /// Errors: `Access(NotAdmin)`, `UnknownPosition`.
        #[ink(message)]
        pub fn allow_reporter(&mut self, position: u32, reporter: AccountId, allowed: bool) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            self.allow(position, reporter, allowed)
        }

        /// Joins `position` as a reporter, bonding `bond` of the bond token (approved). The
        /// caller must be whitelisted. Errors: `Access(Paused)`, `UnknownPosition`,
        /// `NotWhitelisted`, `AlreadyJoined`, `TooManyReporters`, `BondTooSmall`, token errors.
        #[ink(message)]
        pub fn join(&mut self, position: u32, bond: u128) -> Result<()> {
            self.access.ensure_live()?;
            self.enter(position, bond)
        }

        /// Stops reporting on `position`; the bond returns after the cooldown. Active reporters
        /// only. Errors: `NotReporter`.
        #[ink(message)]
        pub fn leave(&mut self, position: u32) -> Result<()> {
            let caller = self.env().caller();
            self.deactivate(position, caller, 0)?;
            Ok(())
        }

        /// Pays back the caller's bond on `position` (what was not slashed) once it has left and
        /// the cooldown has passed; first closes every past round holding one of its reports, so
        /// leaving never escapes a deviation's mark. Never paused. Errors: `NotReporter` (no bond
        /// here), `StillActive`, `CooldownActive`, token errors.
        #[ink(message)]
        pub fn withdraw_bond(&mut self, position: u32) -> Result<u128> {
            self.release(position)
        }

        /// Reports `value` of `feed` for `position` in `epoch`, which must be the epoch the
        /// clock is in. Closes the previous epoch's reports first if still open. Active
        /// reporters of the position who joined before this epoch only, once per observable and
        /// epoch. Errors: `UnknownPosition`, `FirstParty`, `InvalidValue` (a share or impact
        /// above 100%, a settlement in the future), `AlreadySettled`, `NotReporter`,
        /// `WrongEpoch`, `AlreadyReported`, `TooManyReporters` (15 reports in this epoch).
        #[ink(message)]
        pub fn report(&mut self, position: u32, feed: Feed, epoch: u64, value: u128) -> Result<()> {
            self.submit(position, feed, epoch, value)
        }

        /// Closes the reports of a past epoch on `feed` of `position`: with at least 3, and more
        /// than half of the active reporters, their median becomes the value and deviating
        /// reporters are marked (and removed and slashed past the limit). Anyone may call.
        /// Errors: `EpochOpen` (no open round of a past epoch).
        #[ink(message)]
        pub fn close_round(&mut self, position: u32, feed: Feed) -> Result<Option<u128>> {
            let round = self.rounds.get((position, feed)).ok_or(RegistryError::EpochOpen)?;
            if round.epoch >= self.current_epoch() {
                return Err(RegistryError::EpochOpen);
            }
            self.finish(position, feed, round)
        }

        /// Sends slashed bonds to the treasury. Anyone may call. Returns the amount.
        /// Errors: token errors.
        #[ink(message)]
        pub fn sweep(&mut self) -> Result<u128> {
            let amount = self.slashed;
            self.slashed = 0;
            laas_traits::token::push(self.bond_token, self.treasury, amount)?;
            self.env().emit_event(SlashesSwept { treasury: self.treasury, amount });
            Ok(amount)
        }

        // ---- queries --------------------------------------------------------------------

        /// The position with id `position`, if any. Anyone may call.
        #[ink(message)]
        pub fn position(&self, position: u32) -> Option<Position> {
            self.positions.get(position)
        }

        /// The id of the position of `token`, if registered. Anyone may call.
        #[ink(message)]
        pub fn position_of(&self, token: AccountId) -> Option<u32> {
            self.by_token.get(token)
        }

        /// How many positions are registered (ids run from 0). Anyone may call.
        #[ink(message)]
        pub fn count(&self) -> u32 {
            self.count
        }

        /// Everything known of a position's observables, raw. Anyone may call.
        /// Errors: `UnknownPosition`.
        #[ink(message)]
        pub fn snapshot(&self, position: u32) -> Result<Snapshot> {
            let p = self.position_or_err(position)?;
            Ok(Snapshot {
                position: p,
                slots: Feed::ALL.iter().map(|f| self.slots.get((position, *f)).unwrap_or_default()).collect(),
                receipt: self.receipts.get(position),
                reporters: self.reporters.get(position).unwrap_or_default(),
            })
        }

        /// A reporter's bond and marks on a position, if it has a bond there. Anyone may call.
        #[ink(message)]
        pub fn reporter_of(&self, position: u32, reporter: AccountId) -> Option<Reporter> {
            self.reporter.get((position, reporter))
        }

        /// Whether `reporter` is whitelisted for `position`. Anyone may call.
        #[ink(message)]
        pub fn is_whitelisted(&self, position: u32, reporter: AccountId) -> bool {
            self.whitelist.contains((position, reporter))
        }

        /// The open round of reports on `feed` of `position`, if any. Anyone may call.
        #[ink(message)]
        pub fn round(&self, position: u32, feed: Feed) -> Option<Round> {
            self.rounds.get((position, feed))
        }

        /// The epoch the clock is in (reports are for it). Anyone may call.
        #[ink(message)]
        pub fn current_epoch(&self) -> u64 {
            self.env().block_timestamp().checked_div(self.epoch_ms).unwrap_or(0)
        }

        /// The parameters. Anyone may call.
        #[ink(message)]
        pub fn params(&self) -> Params {
            self.params_now()
        }

        /// `(bond token, epoch ms, bucket ms, slashed bonds not swept)`. Anyone may call.
        #[ink(message)]
        pub fn setup(&self) -> (AccountId, u64, u64, u128) {
            (self.bond_token, self.epoch_ms, self.bucket_ms, self.slashed)
        }
    }

    impl PositionFeed for PositionRegistry {
        /// Registers a position; returns its id. Admin or a registrar (the factory).
        /// Errors: `Access(NotAdmin)`, `Access(Paused)`, `AlreadyRegistered`, `SourceTaken`,
        /// `TooManyRelated`, `InvalidParams` (a Term maturity of 0, a venue without a reference
        /// size).
        #[ink(message)]
        fn register(&mut self, registration: Registration) -> Result<u32> {
            let caller = self.env().caller();
            if caller != self.access.admin && !self.registrars.get().unwrap_or_default().contains(&caller) {
                return Err(AccessError::NotAdmin.into());
            }
            self.access.ensure_live()?;
            self.add(registration)
        }

        /// Records the caller's position's NAV, its requests and unpaid queue (as bps of its
        /// supply) now, and a rollover's reward receipt. Only the source of an Open position
        /// (its reactor). Errors: `NotSource`.
        #[ink(message)]
        fn observe(&mut self, observation: Observation, receipt: Option<Receipt>) -> Result<()> {
            self.record(observation, receipt)
        }

        /// Records that the caller's Term position settled now. Only its source.
        /// Errors: `NotSource`, `NotTerm`, `AlreadySettled`.
        #[ink(message)]
        fn settle(&mut self) -> Result<()> {
            self.record_settlement()
        }
    }

    impl CoverFeed for PositionRegistry {
        /// The position's operator and related parties with its congestion, depth fragility
        /// (none without a venue) and the age of its NAV, for a cover pool's quote in one call.
        /// Anyone may call. A Term position without redemption or NAV observations reads as
        /// uncongested with a current NAV (see below). Errors: `UnknownPosition`, `NoData`,
        /// `Stale`, `TooFewReporters`.
        #[ink(message)]
        fn underwriting(&self, position: u32) -> Result<Underwriting> {
            let found = self.position_or_err(position)?;
            // A Term position redeems at its maturity, not on request, and is worth its
            // settlement: without redemption or NAV observations (none, or too few reporters
            // for a median — which a position whose reporters all left also reads, however
            // old their last reports) it reads as uncongested and its NAV as current. Cover
            // pools sell only maturity guarantees (and governance cover) on Term positions,
            // which these readings price but never trigger.
            let term = matches!(found.registration.class, Class::Term { .. });
            let congestion = match self.congestion_now(position) {
                Err(RegistryError::NoData | RegistryError::TooFewReporters) if term => Reading { value: 0, age_ms: 0 },
                reading => reading?,
            };
            let depth = match found.registration.venue {
                Some(_) => Some(self.smoothed(position, Feed::Depth)?),
                None => None,
            };
            let nav_age_ms = match self.fresh(position, Feed::Nav) {
                Err(RegistryError::NoData | RegistryError::TooFewReporters) if term => 0,
                fresh => fresh?.1,
            };
            Ok(Underwriting { operator: found.registration.operator, related: found.registration.related, congestion, depth, nav_age_ms })
        }

        /// The position's operator and related parties. Anyone may call.
        /// Errors: `UnknownPosition`.
        #[ink(message)]
        fn parties(&self, position: u32) -> Result<(AccountId, Vec<AccountId>)> {
            let found = self.position_or_err(position)?;
            Ok((found.registration.operator, found.registration.related))
        }

        /// A Term position's maturity as registered, ms. Anyone may call.
        /// Errors: `UnknownPosition`, `NotTerm`.
        #[ink(message)]
        fn maturity(&self, position: u32) -> Result<u64> {
            match self.position_or_err(position)?.registration.class {
                Class::Term { maturity_ms } => Ok(maturity_ms),
                Class::Open => Err(RegistryError::NotTerm),
            }
        }
    }

    impl AccessControl for PositionRegistry {
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

        /// Re-points the treasury (always held: `RoleRequired` on revoke), adds or removes a
        /// registrar (≤ 4), or sets the guardian. Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            let caller = self.env().caller();
            match role {
                Role::Treasury => {
                    let mut treasury = self.treasury;
                    self.access.set_required(caller, &mut treasury, role, account, granted)?;
                    self.treasury = treasury;
                    Ok(())
                }
                Role::Registrar => {
                    let mut registrars = self.registrars.get().unwrap_or_default();
                    self.access.set_member(caller, &mut registrars, MAX_REGISTRARS, role, account, granted)?;
                    self.registrars.set(&registrars);
                    Ok(())
                }
                _ => self.access.set_role(caller, role, account, granted),
            }
        }

        /// Pauses registrations and reporters joining; pushes, reports, leaving and bond
        /// withdrawals keep working. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.unpause(self.env().caller())
        }

        /// Whether registrations and joins are paused. Anyone may call.
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

    impl Roles for PositionRegistry {
        /// Admin, pending admin, guardian, the treasury and the registrars. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let mut roles = self.access.holders();
            roles.push((Role::Treasury, self.treasury));
            for registrar in self.registrars.get().unwrap_or_default() {
                roles.push((Role::Registrar, registrar));
            }
            roles
        }
    }
}
