//! CoRE events (SPEC §3.7, the first seed's roadmap): the DAO polls its voters on which
//! assets get reactors next, and creates the winners' reactors through the factory.
//!
//! * A proposal opens a poll (`open_poll`, applied in place) over up to [`MAX_CANDIDATES`]
//!   assets, naming how many win (at most [`MAX_WINNERS`]), how long it runs, the factory and
//!   the reactors' configuration. Voting power is read at the block before it opened, as for
//!   proposals, so power bought after it counts nothing.
//! * Each voter spreads its power over candidates in bps (at most 10,000 in all), once.
//! * After it closes anyone finalises it: the candidates with the most votes win (ties go to
//!   the earlier candidate; a candidate nobody voted for never wins), and the DAO, as the
//!   factory's admin, creates a reactor for each, paired with TOKE. The factory registers each
//!   new tAsset in the position registry if it has one. A winner the factory refuses (a
//!   reactor for that asset exists already, say) is announced and skipped: one bad candidate
//!   does not hold up the others.
//!
//! The rules are free functions here, tested directly; the messages are the DAO's.

use crate::errors::DaoError;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

/// The most candidates one poll may list (each voter's allocation is read in one pass).
pub const MAX_CANDIDATES: usize = 32;
/// The most reactors one poll may create (each is two instantiations in `finalize_poll`).
pub const MAX_WINNERS: u8 = 4;
/// The most bytes of a reactor configuration a poll carries (a reactor's `Config` takes about
/// 130): with 32 candidates the poll still fits one proposal call
/// ([`crate::proposal::MAX_INPUT`]).
pub const MAX_CONFIG_BYTES: usize = 512;

/// What a proposal opens a poll with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PollSetup {
    /// The candidate assets, each once (1 to [`MAX_CANDIDATES`]).
    pub candidates: Vec<AccountId>,
    /// How many reactors the poll creates (1 to [`MAX_WINNERS`], at most the candidates).
    pub winners: u8,
    /// How long the poll is open to votes, ms.
    pub voting_ms: u64,
    /// The tAsset factory (the DAO must be its admin when the poll is finalised).
    pub factory: AccountId,
    /// The new reactors' configuration, SCALE-encoded as the factory's `create_reactor` takes
    /// it (at most [`MAX_CONFIG_BYTES`]).
    pub reactor_config: Vec<u8>,
    /// Whether they are genesis reactors (accelerated emissions, DeGenesis deposits).
    pub genesis: bool,
}

/// A poll.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Poll {
    /// What it was opened with.
    pub setup: PollSetup,
    /// Voting power is read at the end of this block.
    pub snapshot: u32,
    /// The LD staking whose stake counted at opening, if any.
    pub staking: Option<AccountId>,
    /// Votes close at this time, ms.
    pub ends_ms: u64,
    /// Whether it has been finalised.
    pub finalized: bool,
}

/// One winner of a finalised poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Winner {
    /// The asset.
    pub asset: AccountId,
    /// The votes it had.
    pub votes: u128,
    /// The reactor created for it, or `None` if the factory refused.
    pub reactor: Option<AccountId>,
}

impl PollSetup {
    /// Errors: `InvalidPoll` (see [`DaoError::InvalidPoll`]).
    pub fn validate(&self) -> Result<(), DaoError> {
        let count = self.candidates.len();
        let distinct = self.candidates.iter().enumerate().all(|(i, c)| !self.candidates.iter().skip(i.saturating_add(1)).any(|d| d == c));
        let ok = count > 0
            && count <= MAX_CANDIDATES
            && distinct
            && self.winners > 0
            && self.winners <= MAX_WINNERS
            && usize::from(self.winners) <= count
            && self.voting_ms > 0
            && self.reactor_config.len() <= MAX_CONFIG_BYTES;
        if ok {
            Ok(())
        } else {
            Err(DaoError::InvalidPoll)
        }
    }
}

/// Asks `setup`'s factory for a reactor for `asset` paired with `pairing`, with the poll's
/// configuration (passed on as encoded); the new reactor, or `None` if the factory refused.
pub(crate) fn create_reactor(setup: &PollSetup, asset: AccountId, pairing: AccountId) -> Option<AccountId> {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    let created = build_call::<ink::env::DefaultEnvironment>()
        .call(setup.factory)
        .exec_input(
            ExecutionInput::new(Selector::new(ink::selector_bytes!("create_reactor")))
                .push_arg(asset)
                .push_arg(pairing)
                .push_arg(crate::dispatch::RawInput(&setup.reactor_config))
                .push_arg(setup.genesis),
        )
        .returns::<Result<AccountId, crate::dispatch::AnyError>>()
        .try_invoke();
    match created {
        Ok(Ok(Ok(reactor))) => Some(reactor),
        _ => None,
    }
}

/// Checks a voter's `allocation` (candidate index, bps) over `candidates` candidates: not
/// empty, each index known and once, each share above zero, 10,000 bps at most in all.
/// Errors: `UnknownCandidate`, `OverAllocated`.
pub fn check_allocation(allocation: &[(u8, u16)], candidates: usize) -> Result<(), DaoError> {
    if allocation.is_empty() || allocation.len() > candidates {
        return Err(DaoError::OverAllocated);
    }
    let mut total = 0u32;
    for (i, (candidate, bps)) in allocation.iter().enumerate() {
        if usize::from(*candidate) >= candidates {
            return Err(DaoError::UnknownCandidate);
        }
        if *bps == 0 || allocation.iter().skip(i.saturating_add(1)).any(|(other, _)| other == candidate) {
            return Err(DaoError::OverAllocated);
        }
        total = total.saturating_add(u32::from(*bps));
    }
    if total > 10_000 {
        return Err(DaoError::OverAllocated);
    }
    Ok(())
}

/// The winners among `tallies` (one per candidate, in order): the `winners` highest above
/// zero, highest first, a tie going to the earlier candidate.
pub fn rank(tallies: &[u128], winners: u8) -> Vec<u8> {
    let mut order: Vec<(u8, u128)> = tallies
        .iter()
        .enumerate()
        .filter(|(_, votes)| **votes > 0)
        .filter_map(|(i, votes)| u8::try_from(i).ok().map(|i| (i, *votes)))
        .collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    order.into_iter().take(usize::from(winners)).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> PollSetup {
        PollSetup {
            candidates: (1..=5u8).map(|i| AccountId::from([i; 32])).collect(),
            winners: 2,
            voting_ms: 1,
            factory: AccountId::from([9; 32]),
            reactor_config: Vec::new(),
            genesis: true,
        }
    }

    #[test]
    fn a_poll_needs_distinct_candidates_and_a_winner_count_it_can_fill() {
        assert_eq!(setup().validate(), Ok(()));
        let bad = [
            PollSetup { candidates: Vec::new(), ..setup() },
            PollSetup { candidates: (0..=32u8).map(|i| AccountId::from([i; 32])).collect(), ..setup() },
            PollSetup { candidates: vec![AccountId::from([1; 32]), AccountId::from([1; 32])], winners: 1, ..setup() },
            PollSetup { winners: 0, ..setup() },
            PollSetup { winners: 6, ..setup() },
            PollSetup { candidates: (1..=8u8).map(|i| AccountId::from([i; 32])).collect(), winners: MAX_WINNERS + 1, ..setup() },
            PollSetup { voting_ms: 0, ..setup() },
            PollSetup { reactor_config: vec![0; MAX_CONFIG_BYTES + 1], ..setup() },
        ];
        for poll in bad {
            assert_eq!(poll.validate(), Err(DaoError::InvalidPoll), "{poll:?}");
        }
    }

    #[test]
    fn the_largest_poll_fits_one_proposal_call() {
        let candidates = (0..32u8).map(|i| AccountId::from([i; 32])).collect();
        let largest = PollSetup { candidates, winners: MAX_WINNERS, reactor_config: vec![0; MAX_CONFIG_BYTES], ..setup() };
        assert_eq!(largest.validate(), Ok(()));
        assert!(ink::scale::Encode::encoded_size(&largest) <= crate::proposal::MAX_INPUT);
    }

    #[test]
    fn an_allocation_spreads_at_most_all_the_power_over_known_candidates_once() {
        assert_eq!(check_allocation(&[(0, 6_000), (3, 4_000)], 5), Ok(()));
        assert_eq!(check_allocation(&[(4, 1)], 5), Ok(()), "part of the power is fine");
        assert_eq!(check_allocation(&[(0, 6_000), (3, 4_001)], 5), Err(DaoError::OverAllocated), "over 100%");
        assert_eq!(check_allocation(&[(5, 100)], 5), Err(DaoError::UnknownCandidate));
        assert_eq!(check_allocation(&[(1, 100), (1, 100)], 5), Err(DaoError::OverAllocated), "twice");
        assert_eq!(check_allocation(&[(1, 0)], 5), Err(DaoError::OverAllocated), "a zero share");
        assert_eq!(check_allocation(&[], 5), Err(DaoError::OverAllocated), "nothing");
        assert_eq!(check_allocation(&[(u8::MAX, 10_000)], 5), Err(DaoError::UnknownCandidate));
        assert_eq!(check_allocation(&[(0, u16::MAX), (1, u16::MAX)], 5), Err(DaoError::OverAllocated), "no overflow");
    }

    #[test]
    fn the_most_voted_win_ties_go_to_the_earlier_candidate_and_nobody_wins_with_nothing() {
        assert_eq!(rank(&[5, 9, 9, 0, 7], 2), vec![1, 2]);
        assert_eq!(rank(&[5, 9, 9, 0, 7], 4), vec![1, 2, 4, 0]);
        assert_eq!(rank(&[0, 0, 3], 2), vec![2], "fewer voted-for candidates than winners");
        assert_eq!(rank(&[0, 0], 2), Vec::<u8>::new());
        assert_eq!(rank(&[4, 4, 4], 1), vec![0]);
    }
}
