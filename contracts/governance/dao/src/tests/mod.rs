//! Unit tests of the DAO, off chain: everything decided before a call to TOKE or LD staking
//! (the scenarios in `e2e-tests/tests/dao.rs` run the rest against the real contracts).

use crate::dao::*;
use ink::env::test;
use ink::env::DefaultEnvironment as E;
use ink::primitives::{AccountId, Hash};
use laas_traits::{Role, Roles};

fn params() -> Params {
    Params { proposal_threshold: 1_000, quorum_bps: 400, voting_period_ms: 86_400_000, timelock_ms: 172_800_000, execution_window_ms: 604_800_000 }
}

fn dao() -> (Dao, test::DefaultAccounts<E>) {
    let a = test::default_accounts::<E>();
    test::set_caller::<E>(a.alice);
    // The DAO's own account (the off-chain default would be the caller's).
    test::set_callee::<E>(a.charlie);
    (Dao::new(a.django, Some(a.eve), params(), Some(a.frank)).expect("valid"), a)
}

fn call(target: AccountId, input: usize) -> Call {
    Call { target, selector: [1, 2, 3, 4], input: vec![0; input], value: 0 }
}

#[ink::test]
fn bad_proposals_are_refused_before_any_power_is_read() {
    let (mut d, a) = dao();
    assert_eq!(d.propose(vec![], Hash::default()), Err(DaoError::NoCalls));
    assert_eq!(d.propose(vec![call(a.bob, 0); MAX_CALLS + 1], Hash::default()), Err(DaoError::TooManyCalls));
    assert_eq!(d.propose(vec![call(a.bob, MAX_INPUT + 1)], Hash::default()), Err(DaoError::ArgumentsTooLarge));
    // Sixteen calls of 2 KB each would not fit the contract's buffer: refused, not trapped.
    assert_eq!(d.propose(vec![call(a.bob, MAX_INPUT); MAX_CALLS], Hash::default()), Err(DaoError::ArgumentsTooLarge));
    assert_eq!(d.propose(vec![Call { value: 1, ..call(a.bob, 0) }], Hash::default()), Err(DaoError::ValueNotAccepted));
    assert_eq!(d.proposal_count(), 0);
}

#[ink::test]
fn unknown_proposals_and_outside_settings_are_refused() {
    let (mut d, a) = dao();
    assert_eq!(d.vote(0, Support::For), Err(DaoError::UnknownProposal));
    assert_eq!(d.execute(0), Err(DaoError::UnknownProposal));
    assert_eq!(d.cancel(0), Err(DaoError::UnknownProposal));
    assert_eq!(d.state(0), None);
    // The DAO's settings change only through its own proposals.
    assert_eq!(d.set_params(Params { quorum_bps: 1, ..params() }), Err(DaoError::OnlyByProposal));
    assert_eq!(d.set_council(Some(a.bob)), Err(DaoError::OnlyByProposal));
    assert_eq!(d.set_code_hash(Hash::from([9; 32])), Err(DaoError::OnlyByProposal));
    assert_eq!(d.set_registry(vec![a.bob]), Err(DaoError::OnlyByProposal));
    assert_eq!(d.set_staking(None), Err(DaoError::OnlyByProposal));
    assert_eq!(d.registry(), vec![]);
    assert_eq!(d.params(), params());
    assert_eq!(d.roles(), vec![(Role::Guardian, a.frank)]);
}

#[ink::test]
fn parameters_that_cannot_govern_are_refused_at_creation() {
    let a = test::default_accounts::<E>();
    assert!(matches!(Dao::new(a.django, None, Params { quorum_bps: 0, ..params() }, None), Err(DaoError::InvalidParams)));
    assert!(matches!(Dao::new(a.django, None, Params { timelock_ms: 0, ..params() }, None), Err(DaoError::InvalidParams)));
}

#[ink::test]
fn the_registry_lists_each_contract_once_never_the_dao_and_at_most_the_cap() {
    let (mut d, a) = dao();
    // As the DAO itself (a proposal's call, applied in place).
    test::set_caller::<E>(a.charlie);
    assert_eq!(d.set_registry(vec![a.bob, a.django, a.bob]), Err(DaoError::InvalidRegistry));
    let many: Vec<AccountId> = (0..=MAX_REGISTERED).map(|i| AccountId::from([u8::try_from(100 + i).expect("small"); 32])).collect();
    assert_eq!(d.set_registry(many.clone()), Err(DaoError::InvalidRegistry));
    assert_eq!(d.set_registry(vec![a.bob, a.charlie]), Err(DaoError::InvalidRegistry));
    assert_eq!(d.set_staking(Some(a.charlie)), Err(DaoError::InvalidStaking));
    assert_eq!(d.registry(), vec![]);
    assert_eq!(d.set_registry(many[..MAX_REGISTERED].to_vec()), Ok(()));
    assert_eq!(d.registry().len(), MAX_REGISTERED);
    assert_eq!(d.set_registry(vec![a.bob]), Ok(()));
    assert_eq!(d.registry(), vec![a.bob]);
    // With nothing registered the report is empty without a call.
    assert_eq!(d.set_registry(vec![]), Ok(()));
    assert_eq!(d.handover_report(a.alice), Ok(vec![]));
    assert_eq!(d.set_staking(None), Ok(()));
}

fn poll_setup(a: &test::DefaultAccounts<E>) -> PollSetup {
    PollSetup { candidates: vec![a.bob, a.django, a.eve], winners: 2, voting_ms: 1_000, factory: a.frank, reactor_config: vec![], genesis: true }
}

#[ink::test]
fn a_core_poll_is_opened_only_by_proposal_and_refuses_bad_ballots_before_reading_power() {
    let (mut d, a) = dao();
    test::set_block_timestamp::<E>(5_000);
    assert_eq!(d.open_poll(poll_setup(&a)), Err(DaoError::OnlyByProposal));
    assert_eq!(d.poll(0), None);
    test::set_caller::<E>(a.charlie);
    assert_eq!(d.open_poll(PollSetup { winners: 4, ..poll_setup(&a) }), Err(DaoError::InvalidPoll));
    assert_eq!(d.open_poll(poll_setup(&a)), Ok(()));
    let poll = d.poll(0).expect("opened");
    assert_eq!((poll.ends_ms, poll.finalized, poll.staking), (6_000, false, Some(a.eve)));
    assert_eq!(d.poll_tally(0), vec![0, 0, 0]);
    test::set_caller::<E>(a.bob);
    assert_eq!(d.vote_poll(1, vec![(0, 100)]), Err(DaoError::UnknownPoll));
    assert_eq!(d.vote_poll(0, vec![(3, 100)]), Err(DaoError::UnknownCandidate));
    assert_eq!(d.vote_poll(0, vec![(0, 6_000), (1, 4_001)]), Err(DaoError::OverAllocated));
    assert_eq!(d.finalize_poll(0), Err(DaoError::PollOpen));
    assert_eq!(d.finalize_poll(1), Err(DaoError::UnknownPoll));
    test::set_block_timestamp::<E>(6_000);
    assert_eq!(d.vote_poll(0, vec![(0, 100)]), Err(DaoError::PollClosed));
    // Nobody voted: finalising creates nothing, and only once.
    assert_eq!(d.finalize_poll(0), Ok(vec![]));
    assert_eq!(d.finalize_poll(0), Err(DaoError::PollFinalized));
    assert!(d.poll(0).expect("kept").finalized);
}

#[ink::test]
fn a_swap_offer_is_made_only_by_proposal_and_taken_only_by_its_project_in_time() {
    let (mut d, a) = dao();
    test::set_block_timestamp::<E>(5_000);
    let offer = SwapOffer { project: a.bob, token: a.django, token_amount: 100, toke_amount: 100, reactor: a.frank, deadline_ms: 9_000, taken: false };
    assert_eq!(d.offer_swap(offer), Err(DaoError::OnlyByProposal));
    test::set_caller::<E>(a.charlie);
    assert_eq!(d.offer_swap(SwapOffer { token_amount: 0, ..offer }), Err(DaoError::InvalidSwap));
    assert_eq!(d.offer_swap(SwapOffer { toke_amount: 0, ..offer }), Err(DaoError::InvalidSwap));
    assert_eq!(d.offer_swap(SwapOffer { deadline_ms: 5_000, ..offer }), Err(DaoError::InvalidSwap));
    assert_eq!(d.offer_swap(SwapOffer { taken: true, ..offer }), Err(DaoError::InvalidSwap));
    assert_eq!(d.offer_swap(offer), Ok(()));
    assert_eq!(d.swap_offer(0), Some(offer));
    // Polls and offers count apart.
    assert_eq!(d.open_poll(poll_setup(&a)), Ok(()));
    assert_eq!(d.offer_swap(offer), Ok(()));
    assert!(d.poll(0).is_some() && d.swap_offer(1).is_some() && d.poll(1).is_none());
    assert_eq!(d.accept_swap(0), Err(DaoError::NotProject));
    test::set_caller::<E>(a.bob);
    assert_eq!(d.accept_swap(2), Err(DaoError::UnknownSwap));
    test::set_block_timestamp::<E>(9_001);
    assert_eq!(d.accept_swap(0), Err(DaoError::SwapExpired));
    assert_eq!(d.swap_offer(0), Some(offer), "an expired offer moves nothing");
}
