//! # LD staking
//!
//! Liquidity directors stake TOKE into reactors (SPEC §3.5). A reactor's stake collateralizes
//! how much of its liquidity is deployed, and its stakers vote how that liquidity is split
//! across the reactor's venues. Stakers earn the LD share of the reactor's venue fees and
//! emissions, per staked TOKE.
//!
//! * `stake` / `request_unstake` / `unstake`: unstaking follows the reactor's withdrawal rule
//!   (the request matures at the reactor's next cycle, or the one after if its rollover is due).
//! * `vote(reactor, allocations)`: weights over the reactor's venues summing to 10,000 bps,
//!   carrying the voter's whole stake in that reactor; per-venue totals move in O(venues) on
//!   every vote or stake change.
//! * Voting power (an account's stake over all reactors) and the total are checkpointed by
//!   block for the DAO (`get_past_stake`, `get_past_total_stake`).
//! * Vesting: the admin creates schedules (cliff, duration, interval) and appoints depositors,
//!   who stake on behalf of beneficiaries; the unvested part cannot be unstaked.
//! * Reactors read stake and votes through [`StakeSource`] and pay LD rewards with `reward`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod vesting;

#[ink::contract]
pub mod ld_staking {
    use crate::vesting::{self, Schedule};
    use ink::codegen::TraitCallBuilder;
    use ink::contract_ref;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_access::Roles;
    use laas_checkpoints::{Checkpoint, Head};
    use laas_math::{add, apply_bps, mul_fixed, ratio_fixed, sub, MathError, Rounding, BPS};
    use laas_traits::{call, token};
    use laas_traits::{
        AccessControl, AccessError, ReactorView, RoleHolders, StakeError, StakeSource,
    };

    /// Most reactors the staking contract serves.
    pub const MAX_REACTORS: usize = 64;
    /// Most venues one vote may name (the reactor's own bound).
    pub const MAX_ALLOCATIONS: usize = 8;

    /// Results of this contract's messages.
    pub type Result<T> = core::result::Result<T, StakeError>;

    /// One reactor's stake book.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Pool {
        /// The reactor's asset (rewards come in it and in TOKE).
        pub asset: AccountId,
        /// TOKE staked in the reactor.
        pub total: u128,
        /// TOKE of it under unstake requests: still staked and earning, but no longer counted
        /// as collateral.
        pub leaving: u128,
        /// Rewards per staked TOKE since registration, 1e18 (asset, TOKE).
        pub index: (u128, u128),
        /// TOKE voting for each venue.
        pub votes: Vec<(AccountId, u128)>,
    }

    /// A vesting grant on a stake.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Grant {
        /// The schedule.
        pub schedule: u32,
        /// TOKE granted.
        pub total: u128,
        /// Vesting start, ms.
        pub start_ms: u64,
    }

    /// One account's stake in one reactor.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Position {
        /// TOKE staked.
        pub stake: u128,
        /// Pending or matured unstake request.
        pub request: u128,
        /// The reactor cycle from which the request can be unstaked (0 without a request).
        pub maturity: u32,
        /// The vote: venue and weight (bps, summing to 10,000), empty if not voting.
        pub allocation: Vec<(AccountId, u16)>,
        /// Pool index at the last settlement.
        pub index: (u128, u128),
        /// Rewards settled and not claimed (asset, TOKE).
        pub owed: (u128, u128),
        /// A vesting grant, if the stake was made by a depositor.
        pub grant: Option<Grant>,
    }

    /// TOKE staked.
    #[ink(event)]
    pub struct Staked {
        /// The staker (beneficiary for a vesting grant).
        #[ink(topic)]
        pub account: AccountId,
        /// The reactor.
        #[ink(topic)]
        pub reactor: AccountId,
        /// TOKE added.
        pub amount: u128,
    }

    /// An unstake request was set, replaced or cancelled (0).
    #[ink(event)]
    pub struct UnstakeRequested {
        /// The staker.
        #[ink(topic)]
        pub account: AccountId,
        /// The reactor.
        #[ink(topic)]
        pub reactor: AccountId,
        /// TOKE requested.
        pub amount: u128,
        /// Reactor cycle it matures at.
        pub maturity: u32,
    }

    /// TOKE unstaked and paid.
    #[ink(event)]
    pub struct Unstaked {
        /// The staker.
        #[ink(topic)]
        pub account: AccountId,
        /// The reactor.
        #[ink(topic)]
        pub reactor: AccountId,
        /// TOKE paid.
        pub amount: u128,
    }

    /// A vote was cast or replaced.
    #[ink(event)]
    pub struct Voted {
        /// The voter.
        #[ink(topic)]
        pub account: AccountId,
        /// The reactor.
        #[ink(topic)]
        pub reactor: AccountId,
        /// The allocation.
        pub allocation: Vec<(AccountId, u16)>,
    }

    /// Rewards claimed.
    #[ink(event)]
    pub struct Claimed {
        /// The staker.
        #[ink(topic)]
        pub account: AccountId,
        /// The reactor.
        #[ink(topic)]
        pub reactor: AccountId,
        /// Asset paid.
        pub asset: u128,
        /// TOKE paid.
        pub toke: u128,
    }

    /// A reactor paid LD rewards.
    #[ink(event)]
    pub struct Rewarded {
        /// The reactor.
        #[ink(topic)]
        pub reactor: AccountId,
        /// Asset received.
        pub asset: u128,
        /// TOKE received.
        pub toke: u128,
    }

    /// A reactor was registered.
    #[ink(event)]
    pub struct ReactorAdded {
        /// The reactor.
        #[ink(topic)]
        pub reactor: AccountId,
        /// Its asset.
        pub asset: AccountId,
    }

    /// A vesting schedule was created.
    #[ink(event)]
    pub struct ScheduleCreated {
        /// Its id.
        pub id: u32,
        /// The schedule.
        pub schedule: Schedule,
    }

    /// A depositor was appointed or removed.
    #[ink(event)]
    pub struct DepositorChanged {
        /// The account.
        #[ink(topic)]
        pub depositor: AccountId,
        /// Whether it may now stake for others.
        pub allowed: bool,
    }

    /// Which voting-power history: an account's (`Some`) or the total (`None`).
    type History = Option<AccountId>;

    /// The LD staking contract.
    #[ink(storage)]
    pub struct LdStaking {
        /// The staked token (TOKE).
        toke: AccountId,
        /// Registered reactors' books.
        pools: Mapping<AccountId, Pool>,
        /// Registered reactors in order (≤ [`MAX_REACTORS`]).
        reactors: Lazy<Vec<AccountId>>,
        /// Positions by (account, reactor).
        positions: Mapping<(AccountId, AccountId), Position>,
        /// Voting-power histories: `Some(account)` → its stake over all reactors; `None` → total.
        heads: Mapping<History, Head>,
        /// Archived checkpoints by (history, index).
        archive: Mapping<(History, u32), Checkpoint>,
        /// Vesting schedules by id (admin-created).
        schedules: Mapping<u32, Schedule>,
        /// Number of schedules created.
        schedule_count: u32,
        /// Accounts allowed to stake on behalf of beneficiaries under a schedule (admin-set).
        depositors: Mapping<AccountId, ()>,
        /// Admin (reactors, schedules, depositors) and guardian (pause new stakes).
        roles: Roles,
    }

    impl LdStaking {
        /// Staking of `toke`. The caller is admin.
        #[ink(constructor)]
        pub fn new(toke: AccountId) -> Self {
            Self {
                toke,
                pools: Mapping::new(),
                reactors: Lazy::new(),
                positions: Mapping::new(),
                heads: Mapping::new(),
                archive: Mapping::new(),
                schedules: Mapping::new(),
                schedule_count: 0,
                depositors: Mapping::new(),
                roles: Roles::new(Self::env().caller()),
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
            if !self.depositors.contains(depositor) {
                return Err(StakeError::NotDepositor);
            }
            if !self.schedules.contains(schedule) {
                return Err(StakeError::UnknownSchedule);
            }
            let grant = Grant { schedule, total: amount, start_ms: self.env().block_timestamp() };
            self.add_stake(depositor, beneficiary, reactor, amount, Some(grant))
        }

        /// Sets the caller's unstake request in `reactor` to `amount` (0 cancels), maturing when
        /// a withdrawal requested now at that reactor would. Anyone may call; never paused.
        /// Errors: `UnknownReactor`, `InsufficientStake`, `CallFailed`.
        #[ink(message)]
        pub fn request_unstake(&mut self, reactor: AccountId, amount: u128) -> Result<u32> {
            let account = self.env().caller();
            let mut pool = self.pool(reactor)?;
            let mut position = self.positions.get((account, reactor)).unwrap_or_default();
            if amount > position.stake {
                return Err(StakeError::InsufficientStake);
            }
            pool.leaving = add(sub(pool.leaving, position.request)?, amount)?;
            let maturity = if amount == 0 {
                0
            } else {
                let view: contract_ref!(ReactorView) = reactor.into();
                call::infallible(view.call().request_maturity().try_invoke(), StakeError::CallFailed)?
            };
            position.request = amount;
            position.maturity = maturity;
            self.save_position(account, reactor, &position);
            self.pools.insert(reactor, &pool);
            self.env().emit_event(UnstakeRequested { account, reactor, amount, maturity });
            Ok(maturity)
        }

        /// Unstakes `amount` of the caller's matured request in `reactor` and pays the TOKE;
        /// the vote keeps its weights on the smaller stake. Anyone may call; never paused.
        /// Errors: `ZeroAmount`, `NotMatured`, `ExceedsRequest`, `Vesting` (the unvested part
        /// stays staked), `CallFailed`.
        #[ink(message)]
        pub fn unstake(&mut self, reactor: AccountId, amount: u128) -> Result<()> {
            if amount == 0 {
                return Err(StakeError::ZeroAmount);
            }
            let account = self.env().caller();
            let mut pool = self.pool(reactor)?;
            let mut position = self.positions.get((account, reactor)).unwrap_or_default();
            if position.request == 0 {
                return Err(StakeError::NotMatured);
            }
            let view: contract_ref!(ReactorView) = reactor.into();
            let cycle = call::infallible(view.call().current_cycle().try_invoke(), StakeError::CallFailed)?;
            if position.maturity > cycle {
                return Err(StakeError::NotMatured);
            }
            if amount > position.request {
                return Err(StakeError::ExceedsRequest);
            }
            let left = sub(position.stake, amount)?;
            if left < self.unvested(&position)? {
                return Err(StakeError::Vesting);
            }
            settle(&pool, &mut position)?;
            revote(&mut pool, &position.allocation, position.stake, left)?;
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
            // Take the old vote out, put the new one in: O(venues).
            revote(&mut pool, &position.allocation, position.stake, 0)?;
            revote(&mut pool, &allocation, 0, position.stake)?;
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
            let Some(mut position) = self.positions.get((account, reactor)) else {
                return Ok((0, 0));
            };
            settle(&pool, &mut position)?;
            let (asset, toke) = position.owed;
            position.owed = (0, 0);
            self.save_position(account, reactor, &position);
            token::push(pool.asset, account, asset)?;
            token::push(self.toke, account, toke)?;
            self.env().emit_event(Claimed { account, reactor, asset, toke });
            Ok((asset, toke))
        }

        // ---- administration -------------------------------------------------------------

        /// Registers `reactor` (asset read from it). Admin only.
        /// Errors: `Access(NotAdmin)`, `AlreadyRegistered`, `TooManyReactors`, `CallFailed`.
        #[ink(message)]
        pub fn add_reactor(&mut self, reactor: AccountId) -> Result<()> {
            self.roles.ensure_admin(self.env().caller())?;
            if self.pools.contains(reactor) {
                return Err(StakeError::AlreadyRegistered);
            }
            let mut reactors = self.reactors.get().unwrap_or_default();
            if reactors.len() >= MAX_REACTORS {
                return Err(StakeError::TooManyReactors);
            }
            let view: contract_ref!(ReactorView) = reactor.into();
            let asset = call::infallible(view.call().reactor_asset().try_invoke(), StakeError::CallFailed)?;
            reactors.push(reactor);
            self.reactors.set(&reactors);
            self.pools.insert(reactor, &Pool { asset, total: 0, leaving: 0, index: (0, 0), votes: Vec::new() });
            self.env().emit_event(ReactorAdded { reactor, asset });
            Ok(())
        }

        /// Creates a vesting schedule; returns its id. Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidSchedule`.
        #[ink(message)]
        pub fn create_schedule(&mut self, schedule: Schedule) -> Result<u32> {
            self.roles.ensure_admin(self.env().caller())?;
            schedule.validate().map_err(|_| StakeError::InvalidSchedule)?;
            let id = self.schedule_count;
            self.schedule_count = id.checked_add(1).ok_or(StakeError::Math(MathError::Overflow))?;
            self.schedules.insert(id, &schedule);
            self.env().emit_event(ScheduleCreated { id, schedule });
            Ok(id)
        }

        /// Allows or stops `depositor` staking for beneficiaries. Admin only.
        /// Errors: `Access(NotAdmin)`.
        #[ink(message)]
        pub fn set_depositor(&mut self, depositor: AccountId, allowed: bool) -> Result<()> {
            self.roles.ensure_admin(self.env().caller())?;
            if allowed {
                self.depositors.insert(depositor, &());
            } else {
                self.depositors.remove(depositor);
            }
            self.env().emit_event(DepositorChanged { depositor, allowed });
            Ok(())
        }

        // ---- queries --------------------------------------------------------------------

        /// `account`'s position in `reactor`, rewards settled to now. Anyone may call.
        #[ink(message)]
        pub fn position(&self, account: AccountId, reactor: AccountId) -> Result<Position> {
            let pool = self.pool(reactor)?;
            let mut position = self.positions.get((account, reactor)).unwrap_or_default();
            settle(&pool, &mut position)?;
            Ok(position)
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
            self.roles.ensure_live()?;
            if amount == 0 {
                return Err(StakeError::ZeroAmount);
            }
            let mut pool = self.pool(reactor)?;
            let mut position = self.positions.get((account, reactor)).unwrap_or_default();
            if grant.is_some() {
                if position.grant.is_some() {
                    return Err(StakeError::GrantExists);
                }
                position.grant = grant;
            }
            settle(&pool, &mut position)?;
            let stake = add(position.stake, amount)?;
            revote(&mut pool, &position.allocation, position.stake, stake)?;
            position.stake = stake;
            pool.total = add(pool.total, amount)?;
            self.positions.insert((account, reactor), &position);
            self.pools.insert(reactor, &pool);
            self.record(Some(account), amount, true)?;
            self.record(None, amount, true)?;
            token::pull(self.toke, payer, amount)?;
            self.env().emit_event(Staked { account, reactor, amount });
            Ok(())
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

    /// Moves rewards accrued on `position`'s stake since its last settlement into `owed`.
    fn settle(pool: &Pool, position: &mut Position) -> Result<()> {
        let grown_asset = sub(pool.index.0, position.index.0)?;
        let grown_toke = sub(pool.index.1, position.index.1)?;
        let asset = mul_fixed(position.stake, grown_asset, Rounding::Down)?;
        let toke = mul_fixed(position.stake, grown_toke, Rounding::Down)?;
        position.owed = (add(position.owed.0, asset)?, add(position.owed.1, toke)?);
        position.index = pool.index;
        Ok(())
    }

    /// Moves a vote's weight from a stake of `old` to a stake of `new`: each venue's total
    /// loses `old × bps` and gains `new × bps`. O(venues).
    fn revote(pool: &mut Pool, allocation: &[(AccountId, u16)], old: u128, new: u128) -> Result<()> {
        for (venue, bps) in allocation {
            let out = apply_bps(old, u128::from(*bps), Rounding::Down)?;
            let inn = apply_bps(new, u128::from(*bps), Rounding::Down)?;
            match pool.votes.iter_mut().find(|(v, _)| v == venue) {
                Some((_, total)) => *total = add(sub(*total, out)?, inn)?,
                None => pool.votes.push((*venue, sub(inn, out)?)),
            }
        }
        pool.votes.retain(|(_, total)| *total > 0);
        Ok(())
    }

    /// An allocation must name distinct venues of the reactor, at most
    /// [`MAX_ALLOCATIONS`], with weights summing to exactly 10,000 bps.
    fn validate(allocation: &[(AccountId, u16)], venues: &[AccountId]) -> Result<()> {
        if allocation.len() > MAX_ALLOCATIONS {
            return Err(StakeError::InvalidAllocation);
        }
        let mut sum: u128 = 0;
        for (i, (venue, bps)) in allocation.iter().enumerate() {
            let repeated = allocation.iter().skip(i.saturating_add(1)).any(|(v, _)| v == venue);
            if repeated || *bps == 0 || !venues.contains(venue) {
                return Err(StakeError::InvalidAllocation);
            }
            sum = add(sum, u128::from(*bps))?;
        }
        if sum != BPS {
            return Err(StakeError::InvalidAllocation);
        }
        Ok(())
    }

    impl StakeSource for LdStaking {
        /// TOKE staked in `reactor` and not under an unstake request: the collateral. Anyone
        /// may call.
        #[ink(message)]
        fn reactor_stake(&self, reactor: AccountId) -> u128 {
            self.pools.get(reactor).map(|p| p.total.saturating_sub(p.leaving)).unwrap_or(0)
        }

        /// TOKE voting for each of `reactor`'s venues. Anyone may call.
        #[ink(message)]
        fn venue_votes(&self, reactor: AccountId) -> Vec<(AccountId, u128)> {
            self.pools.get(reactor).map(|p| p.votes).unwrap_or_default()
        }

        /// Pulls `asset` and `toke` (approved by the calling reactor) and shares them over the
        /// reactor's stake. Registered reactors only. With no stake, nothing is pulled.
        /// Errors: `UnknownReactor`, token errors.
        #[ink(message)]
        fn reward(&mut self, asset: u128, toke: u128) -> Result<()> {
            let reactor = self.env().caller();
            let mut pool = self.pool(reactor)?;
            if pool.total == 0 || (asset == 0 && toke == 0) {
                return Ok(());
            }
            pool.index = (
                add(pool.index.0, ratio_fixed(asset, pool.total, Rounding::Down)?)?,
                add(pool.index.1, ratio_fixed(toke, pool.total, Rounding::Down)?)?,
            );
            self.pools.insert(reactor, &pool);
            token::pull(pool.asset, reactor, asset)?;
            token::pull(self.toke, reactor, toke)?;
            self.env().emit_event(Rewarded { reactor, asset, toke });
            Ok(())
        }
    }

    impl AccessControl for LdStaking {
        /// Proposes the next admin, or withdraws the proposal (`None`). Admin only.
        #[ink(message)]
        fn propose_admin(&mut self, admin: Option<AccountId>) -> core::result::Result<(), AccessError> {
            self.roles.propose_admin(self.env().caller(), admin)
        }

        /// Takes the admin role. Only the proposed account may call.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AccessError> {
            self.roles.accept_admin(self.env().caller())
        }

        /// Sets or removes the guardian. Admin only.
        #[ink(message)]
        fn set_guardian(&mut self, guardian: Option<AccountId>) -> core::result::Result<(), AccessError> {
            self.roles.set_guardian(self.env().caller(), guardian)
        }

        /// Pauses new stakes; unstaking, votes and claims keep working. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.roles.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.roles.unpause(self.env().caller())
        }

        /// Role holders and pause state. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> RoleHolders {
            self.roles.into()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test;
        use ink::env::DefaultEnvironment as E;

        const MONTH: u64 = 30 * 24 * 3_600_000;

        fn staking() -> (LdStaking, test::DefaultAccounts<E>) {
            let a = test::default_accounts::<E>();
            test::set_caller::<E>(a.alice);
            (LdStaking::new(a.frank), a)
        }

        /// Registers `reactor` without asking it for its asset (no calls off chain).
        fn register(s: &mut LdStaking, reactor: AccountId, asset: AccountId) {
            s.pools.insert(reactor, &Pool { asset, total: 0, leaving: 0, index: (0, 0), votes: Vec::new() });
        }

        fn venue(n: u8) -> AccountId {
            AccountId::from([n; 32])
        }

        #[ink::test]
        fn positions_holding_nothing_are_not_stored() {
            let (mut s, a) = staking();
            register(&mut s, a.django, a.eve);
            test::set_caller::<E>(a.bob);
            // Cancelling a request one never made stores no empty position.
            assert_eq!(s.request_unstake(a.django, 0), Ok(0));
            assert_eq!(s.positions.get((a.bob, a.django)), None);
            // A position whose stake is gone but whose rewards are owed stays until claimed.
            s.positions.insert((a.bob, a.django), &Position { owed: (0, 5), index: (0, 7), ..Position::default() });
            assert_eq!(s.request_unstake(a.django, 0), Ok(0));
            assert!(s.positions.get((a.bob, a.django)).is_some());
        }

        #[ink::test]
        fn privileged_messages_refuse_others_and_change_nothing() {
            let (mut s, a) = staking();
            test::set_caller::<E>(a.bob);
            let not_admin = || Err(StakeError::Access(AccessError::NotAdmin));
            assert_eq!(s.add_reactor(a.charlie), not_admin());
            let schedule = Schedule { cliff_ms: 0, duration_ms: MONTH, interval_ms: MONTH };
            assert_eq!(s.create_schedule(schedule), not_admin().map(|_: ()| 0));
            assert_eq!(s.set_depositor(a.bob, true), not_admin());
            assert_eq!(s.propose_admin(Some(a.bob)), Err(AccessError::NotAdmin));
            assert_eq!(s.set_guardian(Some(a.bob)), Err(AccessError::NotAdmin));
            assert_eq!(s.pause(), Err(AccessError::NotGuardian));
            assert_eq!(s.unpause(), Err(AccessError::NotAdmin));
            assert_eq!(s.stake_vesting(a.bob, a.charlie, 1, 0), Err(StakeError::NotDepositor));
            assert!(s.reactors().is_empty());
            assert_eq!(s.schedule(0), None);
            // Rewards come only from registered reactors.
            assert_eq!(s.reward(1, 1), Err(StakeError::UnknownReactor));
        }

        #[ink::test]
        fn schedules_and_depositors_are_set_by_the_admin() {
            let (mut s, a) = staking();
            let bad = Schedule { cliff_ms: 0, duration_ms: 0, interval_ms: 1 };
            assert_eq!(s.create_schedule(bad), Err(StakeError::InvalidSchedule));
            let good = Schedule { cliff_ms: MONTH, duration_ms: 12 * MONTH, interval_ms: MONTH };
            assert_eq!(s.create_schedule(good), Ok(0));
            assert_eq!(s.create_schedule(good), Ok(1));
            assert_eq!(s.schedule(1), Some(good));
            s.set_depositor(a.bob, true).unwrap();
            test::set_caller::<E>(a.bob);
            assert_eq!(s.stake_vesting(a.charlie, a.django, 1, 7), Err(StakeError::UnknownSchedule));
            assert_eq!(s.stake_vesting(a.charlie, a.django, 1, 0), Err(StakeError::UnknownReactor));
        }

        #[ink::test]
        fn bad_input_is_refused_before_any_call() {
            let (mut s, a) = staking();
            let reactor = a.django;
            assert_eq!(s.stake(reactor, 1), Err(StakeError::UnknownReactor));
            register(&mut s, reactor, a.eve);
            assert_eq!(s.stake(reactor, 0), Err(StakeError::ZeroAmount));
            assert_eq!(s.request_unstake(reactor, 1), Err(StakeError::InsufficientStake));
            assert_eq!(s.request_unstake(a.charlie, 1), Err(StakeError::UnknownReactor));
            assert_eq!(s.unstake(reactor, 0), Err(StakeError::ZeroAmount));
            assert_eq!(s.unstake(reactor, 1), Err(StakeError::NotMatured));
            assert_eq!(s.vote(reactor, Vec::new()), Err(StakeError::NotStaked));
            assert_eq!(s.claim(reactor), Ok((0, 0)));
            assert_eq!(s.claim(a.charlie), Err(StakeError::UnknownReactor));
            // A registered reactor with no stake pays nothing in.
            test::set_caller::<E>(reactor);
            assert_eq!(s.reward(5, 5), Ok(()));
            assert_eq!(s.get_pool(reactor).map(|p| p.index), Some((0, 0)));
            test::set_caller::<E>(a.alice);
            s.set_guardian(Some(a.bob)).unwrap();
            test::set_caller::<E>(a.bob);
            s.pause().unwrap();
            assert_eq!(s.stake(reactor, 1), Err(StakeError::Access(AccessError::Paused)));
        }

        #[ink::test]
        fn past_stake_lookups_need_an_ended_block() {
            let (s, a) = staking();
            let now = ink::env::block_number::<E>();
            assert_eq!(s.get_past_stake(a.bob, now), Err(StakeError::FutureLookup));
            assert_eq!(s.get_past_total_stake(now), Err(StakeError::FutureLookup));
            test::advance_block::<E>();
            assert_eq!(s.get_past_stake(a.bob, now), Ok(0));
        }

        #[ink::test]
        fn allocations_must_cover_exactly_the_reactors_venues() {
            let venues = [venue(1), venue(2), venue(3)];
            assert_eq!(validate(&[(venue(1), 7_000), (venue(2), 3_000)], &venues), Ok(()));
            assert_eq!(validate(&[(venue(1), 7_000), (venue(2), 2_999)], &venues), Err(StakeError::InvalidAllocation));
            assert_eq!(validate(&[(venue(1), 5_000), (venue(1), 5_000)], &venues), Err(StakeError::InvalidAllocation));
            assert_eq!(validate(&[(venue(9), 10_000)], &venues), Err(StakeError::InvalidAllocation));
            assert_eq!(validate(&[(venue(1), 10_000), (venue(2), 0)], &venues), Err(StakeError::InvalidAllocation));
            let nine: Vec<(AccountId, u16)> = (0..9u8).map(|i| (venue(i), 1)).collect();
            assert_eq!(validate(&nine, &venues), Err(StakeError::InvalidAllocation));
        }

        #[ink::test]
        fn votes_follow_stake_in_o_venues() {
            let mut pool = Pool { asset: venue(0), total: 0, leaving: 0, index: (0, 0), votes: Vec::new() };
            let split = [(venue(1), 7_000), (venue(2), 3_000)];
            revote(&mut pool, &split, 0, 1_000).unwrap();
            assert_eq!(pool.votes, vec![(venue(1), 700), (venue(2), 300)]);
            // The stake doubles: the vote rescales.
            revote(&mut pool, &split, 1_000, 2_000).unwrap();
            assert_eq!(pool.votes, vec![(venue(1), 1_400), (venue(2), 600)]);
            // Withdrawn: venues without votes disappear.
            revote(&mut pool, &split, 2_000, 0).unwrap();
            assert!(pool.votes.is_empty());
        }
    }
}
