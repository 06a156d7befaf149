//! Proposals and their rules, free of storage so they can be tested directly: what a proposal
//! holds, the parameters that govern it, and the state it is in at a given time.
//!
//! A proposal is **active** from its creation until `voting_ends_ms`; then it has **succeeded**
//! if more voted for than against and `for + abstain` reached the quorum fixed at creation, else
//! it is **defeated**. A succeeded proposal waits out the timelock (**queued**), is then
//! **ready** to execute for `execution_window_ms`, and **expires** after that. Cancelled and
//! executed are final.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

/// The most suite contracts the DAO's registry lists: its handover report reads them all, one
/// call each.
pub const MAX_REGISTERED: usize = 31;

/// The most calls one proposal may make.
pub const MAX_CALLS: usize = 16;
/// The most bytes of encoded arguments one call may carry: enough for a CoRE poll over
/// [`crate::core_event::MAX_CANDIDATES`] assets with its reactors' configuration.
pub const MAX_INPUT: usize = 2_048;
/// The most bytes a proposal's calls may take in all, encoded: they must fit the contract's
/// 16 KiB I/O buffer and storage cell with room to spare.
pub const MAX_PROPOSAL_BYTES: usize = 12 * 1_024;

/// The bytes `calls` take encoded (target, selector, length prefix, arguments, value).
pub fn encoded_size(calls: &[Call]) -> usize {
    calls.iter().fold(0usize, |sum, c| sum.saturating_add(c.input.len().saturating_add(32 + 4 + 4 + 16)))
}

/// One cross-contract call of a proposal: `selector` with its arguments already SCALE-encoded
/// in `input`, sent to `target` with `value` of the chain's native token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Call {
    /// The contract called (the DAO itself for its own parameters).
    pub target: AccountId,
    /// The message's selector.
    pub selector: [u8; 4],
    /// The message's arguments, SCALE-encoded in order.
    pub input: Vec<u8>,
    /// Native value sent with the call.
    pub value: u128,
}

/// How the DAO decides: every duration and threshold, changed only by a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Params {
    /// Voting power needed to propose, at the block before the proposal.
    pub proposal_threshold: u128,
    /// Share of TOKE's total supply at that block that must vote for or abstain, bps.
    pub quorum_bps: u16,
    /// How long a proposal is open to votes, ms.
    pub voting_period_ms: u64,
    /// How long a succeeded proposal waits before it can be executed, ms.
    pub timelock_ms: u64,
    /// How long it can then be executed before it expires, ms.
    pub execution_window_ms: u64,
}

impl Params {
    /// Whether the parameters can govern: a quorum above zero and at most everything, and
    /// every period at least a minute and at most a year.
    pub fn valid(&self) -> bool {
        const MINUTE: u64 = 60_000;
        const YEAR: u64 = 365 * 24 * 3_600_000;
        let period = |ms: u64| (MINUTE..=YEAR).contains(&ms);
        self.quorum_bps > 0
            && self.quorum_bps <= 10_000
            && period(self.voting_period_ms)
            && period(self.timelock_ms)
            && period(self.execution_window_ms)
    }
}

/// A proposal's record (its calls are kept apart: only execution reads them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Proposal {
    /// Who proposed it (may cancel it before execution).
    pub proposer: AccountId,
    /// Voting power is read at the end of this block (the one before creation).
    pub snapshot: u32,
    /// The LD staking contract whose past stake counts for this proposal: the DAO's at
    /// creation, so a later `set_staking` changes no proposal already made.
    pub staking: Option<AccountId>,
    /// Votes close at this time, ms.
    pub voting_ends_ms: u64,
    /// It can be executed from this time (the end of voting plus the timelock), ms.
    pub eta_ms: u64,
    /// …until this time, ms.
    pub expires_ms: u64,
    /// `for + abstain` needed, fixed at creation from the supply at the snapshot.
    pub quorum: u128,
    /// Votes for.
    pub for_votes: u128,
    /// Votes against.
    pub against_votes: u128,
    /// Abstentions (they count toward the quorum).
    pub abstain_votes: u128,
    /// Executed (final).
    pub executed: bool,
    /// Cancelled (final).
    pub cancelled: bool,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum State {
    /// Open to votes.
    Active,
    /// Voting closed without a majority for, or short of the quorum.
    Defeated,
    /// Succeeded, waiting out the timelock.
    Queued,
    /// Executable now.
    Ready,
    /// Succeeded but not executed in its window.
    Expired,
    /// Executed.
    Executed,
    /// Cancelled.
    Cancelled,
}

/// A vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Support {
    /// Against.
    Against,
    /// For.
    For,
    /// Abstain (counts toward the quorum only).
    Abstain,
}

impl Proposal {
    /// Whether the vote carried: more for than against, and the quorum reached.
    pub fn carried(&self) -> bool {
        self.for_votes > self.against_votes && self.for_votes.saturating_add(self.abstain_votes) >= self.quorum
    }

    /// The state at `now_ms`.
    pub fn state(&self, now_ms: u64) -> State {
        if self.cancelled {
            State::Cancelled
        } else if self.executed {
            State::Executed
        } else if now_ms < self.voting_ends_ms {
            State::Active
        } else if !self.carried() {
            State::Defeated
        } else if now_ms < self.eta_ms {
            State::Queued
        } else if now_ms < self.expires_ms {
            State::Ready
        } else {
            State::Expired
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal() -> Proposal {
        Proposal {
            proposer: AccountId::from([1; 32]),
            snapshot: 9,
            staking: None,
            voting_ends_ms: 100,
            eta_ms: 150,
            expires_ms: 200,
            quorum: 10,
            for_votes: 0,
            against_votes: 0,
            abstain_votes: 0,
            executed: false,
            cancelled: false,
        }
    }

    #[test]
    fn a_proposal_moves_through_its_states_with_time() {
        let p = Proposal { for_votes: 8, abstain_votes: 2, against_votes: 7, ..proposal() };
        assert_eq!(p.state(99), State::Active);
        assert_eq!(p.state(100), State::Queued);
        assert_eq!(p.state(150), State::Ready);
        assert_eq!(p.state(199), State::Ready);
        assert_eq!(p.state(200), State::Expired);
        assert_eq!(Proposal { executed: true, ..p }.state(160), State::Executed);
        assert_eq!(Proposal { cancelled: true, ..p }.state(160), State::Cancelled);
    }

    #[test]
    fn without_a_majority_or_the_quorum_it_is_defeated() {
        // A tie is no majority.
        assert_eq!(Proposal { for_votes: 8, against_votes: 8, abstain_votes: 5, ..proposal() }.state(100), State::Defeated);
        // A majority short of the quorum (for + abstain = 9 < 10).
        assert_eq!(Proposal { for_votes: 5, abstain_votes: 4, ..proposal() }.state(100), State::Defeated);
        assert_eq!(Proposal { for_votes: 6, abstain_votes: 4, ..proposal() }.state(100), State::Queued);
    }

    #[test]
    fn parameters_must_be_able_to_govern() {
        let good = Params { proposal_threshold: 1, quorum_bps: 400, voting_period_ms: 60_000, timelock_ms: 60_000, execution_window_ms: 60_000 };
        assert!(good.valid());
        assert!(!Params { quorum_bps: 0, ..good }.valid());
        assert!(!Params { quorum_bps: 10_001, ..good }.valid());
        assert!(!Params { voting_period_ms: 59_999, ..good }.valid());
        assert!(!Params { timelock_ms: 366 * 24 * 3_600_000, ..good }.valid());
    }
}
