//! The DAO's events.

use crate::core_event::Winner;
use crate::proposal::{Params, Support};
use crate::swap::SwapOffer;
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

/// A proposal opened a CoRE poll.
#[ink::event]
pub struct PollOpened {
    /// Its id.
    #[ink(topic)]
    pub id: u32,
    /// The candidate assets, in order.
    pub candidates: Vec<AccountId>,
    /// How many win.
    pub winners: u8,
    /// Voting power is read at the end of this block.
    pub snapshot: u32,
    /// Votes close at this time, ms.
    pub ends_ms: u64,
}

/// A voter spread its power over a poll's candidates.
#[ink::event]
pub struct PollVoted {
    /// The poll.
    #[ink(topic)]
    pub id: u32,
    /// Who.
    #[ink(topic)]
    pub voter: AccountId,
    /// Its power at the snapshot.
    pub power: u128,
    /// (candidate index, bps).
    pub allocation: Vec<(u8, u16)>,
}

/// A poll was finalised: its winners and the reactors created for them.
#[ink::event]
pub struct PollFinalized {
    /// The poll.
    #[ink(topic)]
    pub id: u32,
    /// The winners, most votes first.
    pub winners: Vec<Winner>,
}

/// A proposal offered a project TOKE for its token.
#[ink::event]
pub struct SwapOffered {
    /// The offer's id.
    #[ink(topic)]
    pub id: u32,
    /// The offer.
    pub offer: SwapOffer,
}

/// A project took a swap offer: the DAO paid the TOKE and placed the tokens as PCV.
#[ink::event]
pub struct SwapAccepted {
    /// The offer's id.
    #[ink(topic)]
    pub id: u32,
    /// The project.
    #[ink(topic)]
    pub project: AccountId,
    /// The project's tokens placed as PCV.
    pub token_amount: u128,
    /// The TOKE paid.
    pub toke_amount: u128,
}
