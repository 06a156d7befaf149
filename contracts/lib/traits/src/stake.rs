//! Liquidity directors' stake: the TOKE that collateralizes a reactor's deployments and votes
//! where its liquidity goes. Implemented by LD staking; read and paid by reactors at every
//! rollover. [`ReactorView`] is what LD staking reads from a reactor.

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

/// Where a reactor reads its LDs' stake and votes, and pays their rewards.
#[ink::trait_definition]
pub trait StakeSource {
    /// TOKE staked by liquidity directors in `reactor` and not on its way out (under an
    /// unstake request). Anyone may call.
    #[ink(message)]
    fn reactor_stake(&self, reactor: AccountId) -> u128;

    /// TOKE voting for each venue of `reactor`, as `(venue, votes)`. Anyone may call.
    #[ink(message)]
    fn venue_votes(&self, reactor: AccountId) -> Vec<(AccountId, u128)>;

    /// Pulls `asset` and `toke` from the calling reactor (which approved them) and shares them
    /// over the TOKE staked in it. Registered reactors only.
    #[ink(message)]
    fn reward(&mut self, asset: u128, toke: u128) -> Result<(), StakeError>;
}

/// What LD staking reads from a reactor.
#[ink::trait_definition]
pub trait ReactorView {
    /// The cycle the reactor last rolled into.
    #[ink(message)]
    fn current_cycle(&self) -> u32;

    /// The cycle a request made now matures at (the reactor's withdrawal rule).
    #[ink(message)]
    fn request_maturity(&self) -> u32;

    /// The venues the reactor deploys to.
    #[ink(message)]
    fn venue_list(&self) -> Vec<AccountId>;

    /// The reactor's asset.
    #[ink(message)]
    fn reactor_asset(&self) -> AccountId;
}
