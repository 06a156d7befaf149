//! Events of LD staking (role changes use `laas_access`'s shared events).

use crate::vesting::Schedule;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

/// TOKE staked.
#[ink::event]
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
#[ink::event]
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
#[ink::event]
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
#[ink::event]
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
#[ink::event]
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

/// A reactor opened an epoch and paid the LD rewards of the one it closed.
#[ink::event]
pub struct Rewarded {
    /// The reactor.
    #[ink(topic)]
    pub reactor: AccountId,
    /// The epoch it opened.
    pub epoch: u32,
    /// Asset received.
    pub asset: u128,
    /// TOKE received.
    pub toke: u128,
    /// The stake that shared them (held through the closing epoch).
    pub eligible: u128,
}

/// A reactor was registered.
#[ink::event]
pub struct ReactorAdded {
    /// The reactor.
    #[ink(topic)]
    pub reactor: AccountId,
    /// Its asset.
    pub asset: AccountId,
}

/// A vesting schedule was created.
#[ink::event]
pub struct ScheduleCreated {
    /// Its id.
    pub id: u32,
    /// The schedule.
    pub schedule: Schedule,
}
