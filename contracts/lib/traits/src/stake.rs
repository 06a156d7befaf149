//! Liquidity directors' stake: the TOKE that collateralizes a reactor's deployments and votes
//! where its liquidity goes. Implemented by LD staking; read and paid by reactors at every
//! rollover, which also tells LD staking the reactor's epoch (stake follows the same epochs
//! and eligibility as the pool). [`ReactorView`] is what LD staking reads from a reactor.

use crate::access::AccessError;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_math::MathError;
use psp22::PSP22Error;

/// Errors of LD staking.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum StakeError {
    /// A role check failed, or new stakes are paused.
    Access(AccessError),
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// A token transfer failed.
    PSP22(PSP22Error),
    /// A zero amount was given.
    ZeroAmount,
    /// The reactor is not registered with LD staking.
    UnknownReactor,
    /// The reactor is already registered.
    AlreadyRegistered,
    /// The reactor list is full.
    TooManyReactors,
    /// More than the stake was asked.
    InsufficientStake,
    /// The caller has no stake in this reactor.
    NotStaked,
    /// No matured unstake request.
    NotMatured,
    /// More than the matured request was asked.
    ExceedsRequest,
    /// The unvested part of a grant cannot be unstaked.
    Vesting,
    /// Weights must name distinct venues of the reactor and sum to 10,000 bps.
    InvalidAllocation,
    /// Only appointed depositors may stake for others.
    NotDepositor,
    /// No such vesting schedule.
    UnknownSchedule,
    /// A vesting schedule needs a positive duration and interval, both no shorter than the cliff allows.
    InvalidSchedule,
    /// The beneficiary already has a grant in this reactor.
    GrantExists,
    /// Rewards were offered for an epoch through which nothing was staked.
    NothingEligible,
    /// Past values can be asked only for blocks that have ended.
    FutureLookup,
    /// A cross-contract call could not be made.
    CallFailed,
}

impl From<AccessError> for StakeError {
    fn from(e: AccessError) -> Self {
        StakeError::Access(e)
    }
}

impl From<MathError> for StakeError {
    fn from(e: MathError) -> Self {
        StakeError::Math(e)
    }
}

impl From<crate::token::TokenCallError> for StakeError {
    fn from(e: crate::token::TokenCallError) -> Self {
        match e {
            crate::token::TokenCallError::Token(e) => StakeError::PSP22(e),
            crate::token::TokenCallError::CallFailed => StakeError::CallFailed,
        }
    }
}

impl From<PSP22Error> for StakeError {
    fn from(e: PSP22Error) -> Self {
        StakeError::PSP22(e)
    }
}

/// One reactor's stake, as its rollover reads it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct StakeView {
    /// TOKE staked and not under unstake requests: what collateralizes deployments.
    pub collateral: u128,
    /// TOKE staked through the whole current epoch and not under unstake requests: what
    /// shares the rewards the next rollover brings.
    pub eligible: u128,
    /// TOKE voting for each venue, as `(venue, votes)`.
    pub votes: Vec<(AccountId, u128)>,
}

/// Where a reactor reads its LDs' stake and votes, and pays their rewards.
#[ink::trait_definition]
pub trait StakeSource {
    /// What a rollover of `reactor` needs: its LDs' collateral, the stake that shares the
    /// closing epoch's rewards, and the votes. Anyone may call.
    #[ink(message)]
    fn stake_view(&self, reactor: AccountId) -> StakeView;

    /// Called by a registered reactor at every rollover: it opened `epoch`, its next cycle
    /// boundary falls at `next_boundary_ms`; pulls `asset` and `toke` (approved by the reactor)
    /// and shares them over the stake held through the closing epoch (refused if none was).
    /// Registered reactors only. Errors: `UnknownReactor`, `NothingEligible`, token errors.
    #[ink(message)]
    fn roll(&mut self, epoch: u32, next_boundary_ms: u64, asset: u128, toke: u128) -> Result<(), StakeError>;
}

/// What LD staking reads from a reactor when it registers it or checks a vote.
#[ink::trait_definition]
pub trait ReactorView {
    /// The epoch the reactor's last rollover opened, and when its next cycle boundary falls
    /// (ms): a request made at or after it, before the next rollover, waits one more epoch.
    #[ink(message)]
    fn epoch_info(&self) -> (u32, u64);

    /// The venues the reactor deploys to.
    #[ink(message)]
    fn venue_list(&self) -> Vec<AccountId>;

    /// The reactor's asset.
    #[ink(message)]
    fn reactor_asset(&self) -> AccountId;
}

/// `stake_vesting` on LD staking `staking`: stakes `amount` TOKE of the calling contract (a
/// depositor, which approved `staking`) for `beneficiary` in `reactor`, vesting under
/// `schedule`. Errors: LD staking's, or `CallFailed`.
pub fn stake_vesting(staking: AccountId, beneficiary: AccountId, reactor: AccountId, amount: u128, schedule: u32) -> Result<(), StakeError> {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    let result = build_call::<ink::env::DefaultEnvironment>()
        .call(staking)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("stake_vesting"))).push_arg(beneficiary).push_arg(reactor).push_arg(amount).push_arg(schedule))
        .returns::<Result<(), StakeError>>()
        .try_invoke();
    crate::call::fallible(result, StakeError::CallFailed)
}
