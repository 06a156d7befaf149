//! The DAO's error.

use crate::proposal::State;
use laas_math::MathError;
use laas_traits::{PSP22Error, StakeError, VotesError};

/// What can go wrong.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum DaoError {
    /// A proposal needs at least one call.
    NoCalls,
    /// More than [`crate::proposal::MAX_CALLS`] calls.
    TooManyCalls,
    /// A call's arguments are longer than [`crate::proposal::MAX_INPUT`] bytes, or all the
    /// calls together take more than [`crate::proposal::MAX_PROPOSAL_BYTES`].
    ArgumentsTooLarge,
    /// A call carries native value: no suite message accepts it.
    ValueNotAccepted,
    /// The proposer's power at the snapshot is under the threshold.
    BelowThreshold,
    /// No proposal with that id.
    UnknownProposal,
    /// Voting on this proposal is closed.
    VotingClosed,
    /// This account already voted on this proposal.
    AlreadyVoted,
    /// This account had no voting power at the snapshot.
    NoVotingPower,
    /// The proposal is not executable now; its state says why.
    NotExecutable(State),
    /// The proposal can no longer be cancelled; its state says why.
    NotCancellable(State),
    /// Only the proposer, or the security council while the proposal is queued or ready,
    /// may cancel it.
    NotAllowed,
    /// Only a proposal of this DAO may do this.
    OnlyByProposal,
    /// Parameters that could not govern.
    InvalidParams,
    /// The `index`-th call of the proposal failed (the execution reverted).
    CallFailed(u8),
    /// A call to TOKE, LD staking or a registered contract could not be made.
    Unreachable,
    /// TOKE refused a votes query.
    Votes(VotesError),
    /// LD staking refused a stake query.
    Stake(StakeError),
    /// Arithmetic overflow.
    Math(MathError),
    /// The chain refused the new code.
    UpgradeFailed,
    /// A registry of more than [`crate::proposal::MAX_REGISTERED`] contracts, one listing a contract twice, or
    /// listing the DAO itself.
    InvalidRegistry,
    /// An LD staking contract that does not answer `get_past_stake` (or the DAO itself).
    InvalidStaking,
    /// LD staking's own TOKE is delegated: its stake would count twice. No proposal is made
    /// until that is undone.
    StakeDelegated,
    /// A CoRE poll with no candidate, more than [`crate::core_event::MAX_CANDIDATES`] or one
    /// twice, no winner or more winners than candidates (or than
    /// [`crate::core_event::MAX_WINNERS`]), no voting time, or a reactor configuration longer
    /// than [`crate::core_event::MAX_CONFIG_BYTES`].
    InvalidPoll,
    /// No poll with that id.
    UnknownPoll,
    /// The poll is closed to votes.
    PollClosed,
    /// The poll is still open: it is finalised after it closes.
    PollOpen,
    /// The poll was finalised already.
    PollFinalized,
    /// An allocation of more than 10,000 bps of the voter's power, of nothing, or giving a
    /// candidate a zero share or a share twice.
    OverAllocated,
    /// The allocation names a candidate the poll does not have.
    UnknownCandidate,
    /// A swap offer of nothing, or past its deadline already.
    InvalidSwap,
    /// No swap offer with that id.
    UnknownSwap,
    /// The offer's deadline passed: nothing moves.
    SwapExpired,
    /// The offer was taken already.
    SwapTaken,
    /// Only the project the offer was made to may accept it.
    NotProject,
    /// The project's balance or allowance to the DAO is short of the tokens the offer asks.
    SwapShort,
    /// A token transfer (the DAO's TOKE, the project's tokens) failed.
    PSP22(PSP22Error),
    /// The reactor refused the tokens as PCV (the DAO must be its treasury).
    PlacementRefused,
}

impl From<VotesError> for DaoError {
    fn from(e: VotesError) -> Self {
        DaoError::Votes(e)
    }
}

impl From<StakeError> for DaoError {
    fn from(e: StakeError) -> Self {
        DaoError::Stake(e)
    }
}

impl From<MathError> for DaoError {
    fn from(e: MathError) -> Self {
        DaoError::Math(e)
    }
}


impl From<laas_traits::token::TokenCallError> for DaoError {
    fn from(e: laas_traits::token::TokenCallError) -> Self {
        match e {
            laas_traits::token::TokenCallError::Token(e) => DaoError::PSP22(e),
            laas_traits::token::TokenCallError::CallFailed => DaoError::Unreachable,
        }
    }
}
