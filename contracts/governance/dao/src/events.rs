//! The DAO's events.

use crate::proposal::{Params, Support};
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};

/// A proposal was made.
#[ink::event]
pub struct ProposalCreated {
    /// Its id.
    #[ink(topic)]
    pub id: u32,
    /// Who made it.
    #[ink(topic)]
    pub proposer: AccountId,
    /// Voting power is read at the end of this block.
    pub snapshot: u32,
    /// Votes close at this time, ms.
    pub voting_ends_ms: u64,
    /// How many calls it makes.
    pub calls: u8,
    /// The hash of its description (kept off chain).
    pub description: Hash,
}

/// A vote was cast.
#[ink::event]
pub struct VoteCast {
    /// The proposal.
    #[ink(topic)]
    pub id: u32,
    /// The voter.
    #[ink(topic)]
    pub voter: AccountId,
    /// For, against or abstain.
    pub support: Support,
    /// The voter's power at the snapshot.
    pub power: u128,
}

/// A proposal's calls were made.
#[ink::event]
pub struct ProposalExecuted {
    /// The proposal.
    #[ink(topic)]
    pub id: u32,
}

/// A proposal was cancelled.
#[ink::event]
pub struct ProposalCancelled {
    /// The proposal.
    #[ink(topic)]
    pub id: u32,
    /// By its proposer or the security council.
    pub by: AccountId,
}

/// The DAO's parameters changed (by a proposal).
#[ink::event]
pub struct ParamsChanged {
    /// The new parameters.
    pub params: Params,
}

/// The security council changed (by a proposal).
#[ink::event]
pub struct CouncilChanged {
    /// The new council, if any.
    pub council: Option<AccountId>,
}

/// The list of governed suite contracts changed (by proposal).
#[ink::event]
pub struct RegistryChanged {
    /// The new list.
    pub contracts: Vec<AccountId>,
}

/// The LD staking contract counted for voting power changed (by proposal).
#[ink::event]
pub struct StakingChanged {
    /// The new one, if any.
    pub staking: Option<AccountId>,
}
