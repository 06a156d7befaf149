//! # LD staking
//!
//! Liquidity directors stake TOKE into reactors (SPEC §3.5). A reactor's stake collateralizes
//! how much of its liquidity is deployed, and its stakers vote how that liquidity is split
//! across the reactor's venues. Stakers earn the LD share of the reactor's venue fees and
//! emissions, per staked TOKE.
//!
//! * `stake` / `request_unstake` / `unstake`: unstaking follows the reactor's epochs, as
//!   withdrawals do (`laas_cycles::epoch_maturity`): the next epoch, or the one after if a cycle
//!   boundary has passed without its rollover.
//! * `vote(reactor, allocations)`: weights over the reactor's venues summing to 10,000 bps,
//!   carrying the voter's whole stake in that reactor; per-venue totals move in O(venues) on
//!   every vote or stake change.
//! * Voting power (an account's stake over all reactors) and the total are checkpointed by
//!   block for the DAO (`get_past_stake`, `get_past_total_stake`).
//! * Vesting: the admin creates schedules (cliff, duration, interval) and appoints depositors,
//!   who stake on behalf of beneficiaries; the unvested part cannot be unstaked.
//! * Reactors read stake and votes through [`StakeSource`] and pay LD rewards with `reward`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod book;
pub mod events;
pub mod vesting;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod ld_staking {
    pub use crate::book::{Grant, Pool, Position, MAX_ALLOCATIONS};
    use crate::book::{revote, settle, validate};
    pub use crate::events::*;
    use crate::vesting::{self, Schedule};
    use ink::codegen::TraitCallBuilder;
    use ink::contract_ref;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_access::Access;
    use laas_checkpoints::{Checkpoint, Head};
    use laas_math::{add, ratio_fixed, sub, MathError, Rounding};
    use laas_traits::{call, token};
    use laas_traits::{
        AccessControl, AccessError, ReactorView, Role, Roles, StakeError, StakeSource, StakeView,
    };

    /// Most reactors the staking contract serves.
    pub const MAX_REACTORS: usize = 64;
    /// Most depositors (accounts staking vesting grants for beneficiaries).
    pub const MAX_DEPOSITORS: usize = 16;

    /// Results of this contract's messages.
    pub type Result<T> = core::result::Result<T, StakeError>;

    /// A reward index: per eligible TOKE, 1e18 (asset, TOKE).
    type RewardIndex = (u128, u128);

    /// Which voting-power history: an account's (`Some`) or the total (`None`).
    type History = Option<AccountId>;

    /// The LD staking contract.
    #[ink(storage)]
    pub struct LdStaking {
        /// The staked token (TOKE).
        pub(crate) toke: AccountId,
        /// Registered reactors' books.
        pub(crate) pools: Mapping<AccountId, Pool>,
        /// Registered reactors in order (≤ [`MAX_REACTORS`]).
        pub(crate) reactors: Lazy<Vec<AccountId>>,
        /// Each reactor's reward index at the opening of each epoch.
        pub(crate) index_at: Mapping<(AccountId, u32), RewardIndex>,
        /// Positions by (account, reactor).
        pub(crate) positions: Mapping<(AccountId, AccountId), Position>,
        /// Voting-power histories: `Some(account)` → its stake over all reactors; `None` → total.
        pub(crate) heads: Mapping<History, Head>,
        /// Archived checkpoints by (history, index).
        pub(crate) archive: Mapping<(History, u32), Checkpoint>,
        /// Vesting schedules by id (admin-created).
        pub(crate) schedules: Mapping<u32, Schedule>,
        /// Number of schedules created.
        pub(crate) schedule_count: u32,
        /// Accounts allowed to stake on behalf of beneficiaries under a schedule (admin-set
        /// with `set_role`; ≤ [`MAX_DEPOSITORS`]).
        pub(crate) depositors: Lazy<Vec<AccountId>>,
        /// Admin (reactors, schedules, depositors) and guardian (pause new stakes).
        pub(crate) access: Access,
    }

    impl LdStaking {
        /// Staking of `toke`. The caller is admin.
        #[ink(constructor)]
        pub fn new(toke: AccountId) -> Self {
            Self {
                toke,
                pools: Mapping::new(),
                reactors: Lazy::new(),
                index_at: Mapping::new(),
                positions: Mapping::new(),
                heads: Mapping::new(),
                archive: Mapping::new(),
                schedules: Mapping::new(),
                schedule_count: 0,
                depositors: Lazy::new(),
                access: Access::new(Self::env().caller()),
            }
        }

        // ---- stakers --------------------------------------------------------------------

        /// Stakes `amount` TOKE of the caller's (approved to this contract) in `reactor`. Anyone
        /// may call; blocked by pause. Errors: `Access(Paused)`, `ZeroAmount`, `UnknownReactor`,
        /// token errors.
        #[ink(message)]
        pub fn stake(&mut self, reactor: AccountId, amount: u128) -> Result<()> {
            let account = self.env().caller();
            self.add_stake(account, account, reactor, amount, None)
        }

        /// Stakes `amount` TOKE of the caller's (a depositor) for `beneficiary` in `reactor`,
        /// vesting under schedule `schedule` from now. One grant per beneficiary and reactor.
        /// Depositors only. Errors: `NotDepositor`, `UnknownSchedule`, `GrantExists`, and those of
        /// `stake`.
        #[ink(message)]
        pub fn stake_vesting(&mut self, beneficiary: AccountId, reactor: AccountId, amount: u128, schedule: u32) -> Result<()> {
            let depositor = self.env().caller();
            if !self.depositors.get().unwrap_or_default().contains(&depositor) {
                return Err(StakeError::NotDepositor);
            }
            if !self.schedules.contains(schedule) {
                return Err(StakeError::UnknownSchedule);
            }
            let grant = Grant { schedule, total: amount, start_ms: self.env().block_timestamp() };
            self.add_stake(depositor, beneficiary, reactor, amount, Some(grant))
        }

        /// Sets the caller's unstake request in `reactor` to `amount` (0 cancels), replacing any
        /// earlier one. What is requested stops voting, collateralizing and earning at once (a
        /// cancelled request votes again at once and earns from the next epoch). It matures at
        /// the reactor's next epoch, or the one after if its cycle boundary has passed and its
        /// rollover has not run — never in the block of the request. Anyone may call; never
        /// paused. Errors: `UnknownReactor`, `InsufficientStake`.
        #[ink(message)]
        pub fn request_unstake(&mut self, reactor: AccountId, amount: u128) -> Result<u32> {
            let account = self.env().caller();
            let mut pool = self.pool(reactor)?;
            let mut position = self.settled(&pool, account, reactor)?;
            if amount > position.stake {
                return Err(StakeError::InsufficientStake);
            }
            let before = position.active();
            pool.leaving = add(sub(pool.leaving, position.request)?, amount)?;
            let maturity = if amount == 0 {
                0
            } else {
                laas_cycles::epoch_maturity(pool.epoch, self.env().block_timestamp(), pool.next_boundary_ms)
                    .map_err(|_| StakeError::Math(MathError::Overflow))?
            };
            position.request = amount;
            position.maturity = maturity;
            let after = position.active();
            revote(&mut pool, &position.allocation, before, after)?;
            let eligible = position.eligible.min(after);
            pool.eligible = sub(pool.eligible, sub(position.eligible, eligible)?)?;
            position.eligible = eligible;
            self.save_position(account, reactor, &position);
            self.pools.insert(reactor, &pool);
            self.env().emit_event(UnstakeRequested { account, reactor, amount, maturity });
            Ok(maturity)
        }

        /// Unstakes `amount` of the caller's matured request in `reactor` and pays the TOKE.
        /// Anyone may call; never paused. Errors: `ZeroAmount`, `NotMatured`, `ExceedsRequest`,
        /// `Vesting` (the unvested part stays staked).
        #[ink(message)]
        pub fn unstake(&mut self, reactor: AccountId, amount: u128) -> Result<()> {
            if amount == 0 {
                return Err(StakeError::ZeroAmount);
            }
            let account = self.env().caller();
            let mut pool = self.pool(reactor)?;
            let mut position = self.settled(&pool, account, reactor)?;
            if position.request == 0 || (position.maturity > pool.epoch && position.maturity > self.reactor_epoch(reactor)) {
                return Err(StakeError::NotMatured);
            }
            if amount > position.request {
                return Err(StakeError::ExceedsRequest);
            }
            let left = sub(position.stake, amount)?;
            if left < self.unvested(&position)? {
                return Err(StakeError::Vesting);
            }
            // What leaves was under the request: it neither voted nor was eligible.
            pool.total = sub(pool.total, amount)?;
            pool.leaving = sub(pool.leaving, amount)?;
            position.stake = left;
            position.request = sub(position.request, amount)?;
            if position.request == 0 {
                position.maturity = 0;
            }
            self.save_position(account, reactor, &position);
            self.pools.insert(reactor, &pool);
            self.record(Some(account), amount, false)?;
            self.record(None, amount, false)?;
            token::push(self.toke, account, amount)?;
            self.env().emit_event(Unstaked { account, reactor, amount });
            Ok(())
        }

        /// Directs the caller's stake in `reactor` over its venues: `(venue, bps)` pairs summing
        /// to 10,000, each venue one of the reactor's, at most once; an empty list withdraws the
        /// vote. Anyone may call.
        /// Errors: `UnknownReactor`, `InvalidAllocation`, `NotStaked`, `CallFailed`.
        #[ink(message)]
        pub fn vote(&mut self, reactor: AccountId, allocation: Vec<(AccountId, u16)>) -> Result<()> {
            let account = self.env().caller();
            let mut pool = self.pool(reactor)?;
            let mut position = self.positions.get((account, reactor)).ok_or(StakeError::NotStaked)?;
            if !allocation.is_empty() {
                let view: contract_ref!(ReactorView) = reactor.into();
                let venues = call::infallible(view.call().venue_list().try_invoke(), StakeError::CallFailed)?;
                validate(&allocation, &venues)?;
            }
            // Take the old vote out, put the new one in: O(venues). It carries the stake not
            // under a request.
            revote(&mut pool, &position.allocation, position.active(), 0)?;
            revote(&mut pool, &allocation, 0, position.active())?;
            position.allocation = allocation.clone();
            self.positions.insert((account, reactor), &position);
            self.pools.insert(reactor, &pool);
            self.env().emit_event(Voted { account, reactor, allocation });
            Ok(())
        }

        /// Pays the caller's LD rewards from `reactor` (asset and TOKE). Anyone may call; never
        /// paused. Errors: `UnknownReactor`, token errors.
        #[ink(message)]
        pub fn claim(&mut self, reactor: AccountId) -> Result<(u128, u128)> {
            let account = self.env().caller();
            let pool = self.pool(reactor)?;
            if !self.positions.contains((account, reactor)) {
                return Ok((0, 0));
            }
            let mut position = self.settled(&pool, account, reactor)?;
            let (asset, toke) = position.owed;
            position.owed = (0, 0);
            self.save_position(account, reactor, &position);
            token::push(pool.asset, account, asset)?;
            token::push(self.toke, account, toke)?;
            self.env().emit_event(Claimed { account, reactor, asset, toke });
            Ok((asset, toke))
        }

        // ---- administration -------------------------------------------------------------

        /// Registers `reactor` (its asset, epoch and next cycle boundary read from it). Admin
        /// only.
        /// Errors: `Access(NotAdmin)`, `AlreadyRegistered`, `TooManyReactors`, `CallFailed`.
        #[ink(message)]
        pub fn add_reactor(&mut self, reactor: AccountId) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            if self.pools.contains(reactor) {
                return Err(StakeError::AlreadyRegistered);
            }
            let mut reactors = self.reactors.get().unwrap_or_default();
            if reactors.len() >= MAX_REACTORS {
                return Err(StakeError::TooManyReactors);
            }
            let view: contract_ref!(ReactorView) = reactor.into();
            let asset = call::infallible(view.call().reactor_asset().try_invoke(), StakeError::CallFailed)?;
            let (epoch, next_boundary_ms) = call::infallible(view.call().epoch_info().try_invoke(), StakeError::CallFailed)?;
            reactors.push(reactor);
            self.reactors.set(&reactors);
            let pool = Pool { asset, total: 0, leaving: 0, eligible: 0, epoch, next_boundary_ms, index: (0, 0), votes: Vec::new() };
            self.pools.insert(reactor, &pool);
            self.env().emit_event(ReactorAdded { reactor, asset });
            Ok(())
        }

        /// Creates a vesting schedule; returns its id. Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidSchedule`.
        #[ink(message)]
        pub fn create_schedule(&mut self, schedule: Schedule) -> Result<u32> {
            self.access.ensure_admin(self.env().caller())?;
            schedule.validate().map_err(|_| StakeError::InvalidSchedule)?;
            let id = self.schedule_count;
            self.schedule_count = id.checked_add(1).ok_or(StakeError::Math(MathError::Overflow))?;
            self.schedules.insert(id, &schedule);
            self.env().emit_event(ScheduleCreated { id, schedule });
            Ok(id)
        }

        // ---- queries --------------------------------------------------------------------

        /// `account`'s position in `reactor`, rewards settled to now. Anyone may call.
        #[ink(message)]
        pub fn position(&self, account: AccountId, reactor: AccountId) -> Result<Position> {
            let pool = self.pool(reactor)?;
            self.settled(&pool, account, reactor)
        }

        /// `reactor`'s book. Anyone may call.
        #[ink(message)]
        pub fn get_pool(&self, reactor: AccountId) -> Option<Pool> {
            self.pools.get(reactor)
        }

        /// Registered reactors. Anyone may call.
        #[ink(message)]
        pub fn reactors(&self) -> Vec<AccountId> {
            self.reactors.get().unwrap_or_default()
        }

        /// Vesting schedule `id`. Anyone may call.
        #[ink(message)]
        pub fn schedule(&self, id: u32) -> Option<Schedule> {
            self.schedules.get(id)
        }

        /// `(vested, granted)` TOKE of `account`'s grant in `reactor` now. Anyone may call.
        #[ink(message)]
        pub fn vested(&self, account: AccountId, reactor: AccountId) -> Result<(u128, u128)> {
            let position = self.positions.get((account, reactor)).unwrap_or_default();
            let Some(grant) = position.grant else { return Ok((0, 0)) };
            let unvested = self.unvested(&position)?;
            Ok((sub(grant.total, unvested)?, grant.total))
        }

        /// `account`'s stake over all reactors now (its voting power). Anyone may call.
        #[ink(message)]
        pub fn get_stake(&self, account: AccountId) -> u128 {
            Head::current(self.heads.get(Some(account)))
        }

        /// `account`'s stake over all reactors at the end of `block`, which must have ended.
        /// Anyone may call. Errors: `FutureLookup`.
        #[ink(message)]
        pub fn get_past_stake(&self, account: AccountId, block: u32) -> Result<u128> {
            self.past(Some(account), block)
        }

        /// All TOKE staked at the end of `block`, which must have ended. Anyone may call.
        /// Errors: `FutureLookup`.
        #[ink(message)]
        pub fn get_past_total_stake(&self, block: u32) -> Result<u128> {
            self.past(None, block)
        }

        // ---- internals ------------------------------------------------------------------

        fn pool(&self, reactor: AccountId) -> Result<Pool> {
            self.pools.get(reactor).ok_or(StakeError::UnknownReactor)
        }

        fn add_stake(&mut self, payer: AccountId, account: AccountId, reactor: AccountId, amount: u128, grant: Option<Grant>) -> Result<()> {
            self.access.ensure_live()?;
            if amount == 0 {
                return Err(StakeError::ZeroAmount);
            }
            let mut pool = self.pool(reactor)?;
            let mut position = self.settled(&pool, account, reactor)?;
            if grant.is_some() {
                if position.grant.is_some() {
                    return Err(StakeError::GrantExists);
                }
                position.grant = grant;
            }
            // New stake votes and collateralizes at once, and earns from the next epoch.
            let before = position.active();
            position.stake = add(position.stake, amount)?;
            revote(&mut pool, &position.allocation, before, position.active())?;
            pool.total = add(pool.total, amount)?;
            self.positions.insert((account, reactor), &position);
            self.pools.insert(reactor, &pool);
            self.record(Some(account), amount, true)?;
            self.record(None, amount, true)?;
            token::pull(self.toke, payer, amount)?;
            self.env().emit_event(Staked { account, reactor, amount });
            Ok(())
        }

        /// `account`'s position in `reactor`'s `pool`, rewards settled to the pool's epoch.
        fn settled(&self, pool: &Pool, account: AccountId, reactor: AccountId) -> Result<Position> {
            let mut position = self.positions.get((account, reactor)).unwrap_or_default();
            if position.epoch < pool.epoch {
                settle(pool, &mut position, |x| if x == pool.epoch { pool.index } else { self.index_at.get((reactor, x)).unwrap_or_default() })?;
            }
            Ok(position)
        }

        /// `reactor`'s epoch as it says now (0 if it cannot be asked): asked only when its
        /// rollovers have not told LD staking enough for a request to mature, so that a reactor
        /// whose stake is read from elsewhere cannot trap unstakes.
        fn reactor_epoch(&self, reactor: AccountId) -> u32 {
            let view: contract_ref!(ReactorView) = reactor.into();
            call::infallible(view.call().epoch_info().try_invoke(), StakeError::CallFailed).map_or(0, |(epoch, _)| epoch)
        }

        /// The part of `position`'s grant not vested yet.
        fn unvested(&self, position: &Position) -> Result<u128> {
            let Some(grant) = position.grant else { return Ok(0) };
            let schedule = self.schedules.get(grant.schedule).ok_or(StakeError::UnknownSchedule)?;
            let vested = vesting::vested(&schedule, grant.total, grant.start_ms, self.env().block_timestamp())?;
            Ok(sub(grant.total, vested)?)
        }

        /// Stores a position, or removes it once it holds neither stake nor rewards owed (an
        /// unstaked vote, request or grant weighs nothing).
        fn save_position(&mut self, account: AccountId, reactor: AccountId, position: &Position) {
            if position.stake == 0 && position.owed == (0, 0) {
                self.positions.remove((account, reactor));
            } else {
                self.positions.insert((account, reactor), position);
            }
        }

        fn record(&mut self, history: History, amount: u128, increase: bool) -> Result<()> {
            let head = self.heads.get(history);
            let previous = Head::current(head);
            let value = if increase { add(previous, amount)? } else { sub(previous, amount)? };
            let (head, archived) = laas_checkpoints::record(head, self.env().block_number(), value)
                .ok_or(StakeError::Math(MathError::Overflow))?;
            if let Some((index, checkpoint)) = archived {
                self.archive.insert((history, index), &checkpoint);
            }
            self.heads.insert(history, &head);
            Ok(())
        }

        fn past(&self, history: History, block: u32) -> Result<u128> {
            if block >= self.env().block_number() {
                return Err(StakeError::FutureLookup);
            }
            Ok(laas_checkpoints::value_at(self.heads.get(history), block, |i| self.archive.get((history, i))))
        }

    }

    impl StakeSource for LdStaking {
        /// `reactor`'s collateral (TOKE staked and not under requests), the stake eligible for
        /// the closing epoch's rewards, and the votes. Anyone may call.
        #[ink(message)]
        fn stake_view(&self, reactor: AccountId) -> StakeView {
            self.pools
                .get(reactor)
                .map(|p| StakeView { collateral: p.total.saturating_sub(p.leaving), eligible: p.eligible, votes: p.votes })
                .unwrap_or_default()
        }

        /// The calling reactor opened `epoch`: pulls `asset` and `toke` (approved) and shares
        /// them over the stake held through the closing epoch, then opens the epoch here (all
        /// stake not under a request is eligible for it). Registered reactors only.
        /// Errors: `UnknownReactor`, `NothingEligible` (rewards with nothing eligible), token
        /// errors.
        #[ink(message)]
        fn roll(&mut self, epoch: u32, next_boundary_ms: u64, asset: u128, toke: u128) -> Result<()> {
            let reactor = self.env().caller();
            let mut pool = self.pool(reactor)?;
            if asset > 0 || toke > 0 {
                if pool.eligible == 0 {
                    return Err(StakeError::NothingEligible);
                }
                pool.index = (
                    add(pool.index.0, ratio_fixed(asset, pool.eligible, Rounding::Down)?)?,
                    add(pool.index.1, ratio_fixed(toke, pool.eligible, Rounding::Down)?)?,
                );
            }
            let rewarded = pool.eligible;
            // Positions last settled in the closing epoch read the index at the opening of the
            // one after it: should the reactor have skipped telling some epochs, that is this
            // one's index too.
            let after = pool.epoch.saturating_add(1);
            if epoch > after {
                self.index_at.insert((reactor, after), &pool.index);
            }
            pool.epoch = epoch;
            pool.next_boundary_ms = next_boundary_ms;
            pool.eligible = sub(pool.total, pool.leaving)?;
            self.index_at.insert((reactor, epoch), &pool.index);
            self.pools.insert(reactor, &pool);
            token::pull(pool.asset, reactor, asset)?;
            token::pull(self.toke, reactor, toke)?;
            self.env().emit_event(Rewarded { reactor, epoch, asset, toke, eligible: rewarded });
            Ok(())
        }
    }

    impl AccessControl for LdStaking {
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

        /// Appoints or removes a depositor (at most [`MAX_DEPOSITORS`]), or sets the guardian; registered reactors are fixed (`FixedRole`). Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            let caller = self.env().caller();
            match role {
                Role::Depositor => {
                    let mut depositors = self.depositors.get().unwrap_or_default();
                    self.access.set_member(caller, &mut depositors, MAX_DEPOSITORS, role, account, granted)?;
                    self.depositors.set(&depositors);
                    Ok(())
                }
                Role::Reactor => self.access.refuse_fixed(caller),
                _ => self.access.set_role(caller, role, account, granted),
            }
        }

        /// Pauses new stakes; unstaking, votes and claims keep working. Guardian or admin.
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

    impl Roles for LdStaking {
        /// Admin, pending admin, guardian, the depositors and the registered reactors (they pay LD rewards). Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let mut roles = self.access.holders();
            roles.extend(self.depositors.get().unwrap_or_default().into_iter().map(|d| (Role::Depositor, d)));
            roles.extend(self.reactors.get().unwrap_or_default().into_iter().map(|r| (Role::Reactor, r)));
            roles
        }
    }
}
