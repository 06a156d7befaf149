//! The DAO in the real WASM, as its users meet it: TOKE holders and liquidity directors propose
//! typed cross-contract calls, vote with the power they had at the block before the proposal,
//! wait out the timelock and execute; proposals are defeated, expire or are cancelled; flash
//! votes count nothing; a failing call reverts the whole execution.

use dao::dao::{Call, DaoError, Params, State};
use laas_e2e_tests::suite::{Suite, DAY_MS, E18};
use laas_e2e_tests::governance::{call, calls_arg, params_arg, PARAMS};
use laas_e2e_tests::{args, args::Bytes, args::Raw, ink_id, Address};
use parity_scale_codec::Encode;
use psp22::PSP22Error;
use reactor::reactor::Config;

/// The liquidity side with LD staking, a DAO voting with TOKE and LD stake, and `holders`
/// each given TOKE and delegating it to themselves; the admin (who holds the rest) does not
/// vote. Returns the suite, the DAO, the council and the holders.
fn governed(holders: &[(&str, u128)]) -> (Suite, Address, Address, Vec<Address>) {
    let mut s = Suite::new(1, 10_000_000 * E18);
    let staking = s.add_staking();
    let (admin, toke) = (s.admin.clone(), s.toke.clone());
    let council = s.chain.user("council");
    let dao = s.chain.deploy(&admin, "dao", "new", &args![toke, Some(staking), params_arg(&PARAMS), Some(council.clone())], vec![]);
    let mut out = Vec::new();
    for (name, amount) in holders {
        let holder = s.chain.user(name);
        let r: Result<(), PSP22Error> = s.chain.call(&admin, &toke, "PSP22::transfer", &args![holder, *amount, Bytes(&[])]);
        r.unwrap();
        let r: Result<(), laas_traits::VotesError> = s.chain.call(&holder, &toke, "Votes::delegate", &args![Some(holder.clone())]);
        r.unwrap();
        out.push(holder);
    }
    s.chain.next_block();
    (s, dao, council, out)
}

/// The reactor's config with a new deposit cap, as a `set_config` call.
fn set_cap(s: &mut Suite, cap: u128) -> Call {
    let reactor = s.reactor.clone();
    let config: Config = s.chain.query(&reactor, "get_config", &args![]);
    Call { target: ink_id(&reactor), selector: ink::selector_bytes!("set_config"), input: Config { deposit_cap: cap, ..config }.encode(), value: 0 }
}

fn propose(s: &mut Suite, dao: &Address, who: &Address, calls: &[Call]) -> Result<u32, DaoError> {
    s.chain.call(who, dao, "propose", &args![calls_arg(calls), Raw(format!("0x{}", "ab".repeat(32)))])
}

fn vote(s: &mut Suite, dao: &Address, who: &Address, id: u32, support: &str) -> Result<u128, DaoError> {
    s.chain.call(who, dao, "vote", &args![id, Raw(String::from(support))])
}

fn execute(s: &mut Suite, dao: &Address, who: &Address, id: u32) -> Result<(), DaoError> {
    s.chain.call(who, dao, "execute", &args![id])
}

fn state(s: &mut Suite, dao: &Address, id: u32) -> Option<State> {
    s.chain.query(dao, "state", &args![id])
}

#[test]
fn a_proposal_takes_over_a_reactor_and_changes_its_parameters_after_the_vote_and_the_timelock() {
    // 4% quorum of 100M TOKE = 4M: alice alone carries it.
    let (mut s, dao, _, holders) = governed(&[("alice-voter", 5_000_000 * E18), ("bob", 1_000_000 * E18)]);
    let (alice, bob, reactor, admin) = (holders[0].clone(), holders[1].clone(), s.reactor.clone(), s.admin.clone());
    // The deployer offers the reactor to the DAO; the DAO accepts and raises the deposit cap.
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &reactor, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.unwrap();
    let calls = vec![call(&reactor, ink::selector_bytes!("AccessControl::accept_admin"), vec![]), set_cap(&mut s, 5_000_000 * E18)];
    let id = propose(&mut s, &dao, &alice, &calls).unwrap();
    assert_eq!(state(&mut s, &dao, id), Some(State::Active));
    assert_eq!(vote(&mut s, &dao, &alice, id, "For"), Ok(5_000_000 * E18));
    assert_eq!(vote(&mut s, &dao, &bob, id, "Against"), Ok(1_000_000 * E18));
    assert_eq!(vote(&mut s, &dao, &bob, id, "For"), Err(DaoError::AlreadyVoted));
    // Voting closes; the timelock runs; nobody can execute early.
    s.chain.advance_time(DAY_MS);
    assert_eq!(vote(&mut s, &dao, &alice, id, "For"), Err(DaoError::VotingClosed));
    assert_eq!(execute(&mut s, &dao, &bob, id), Err(DaoError::NotExecutable(State::Queued)));
    s.chain.advance_time(2 * DAY_MS);
    assert_eq!(state(&mut s, &dao, id), Some(State::Ready));
    // Anyone executes it.
    let keeper = s.chain.user("keeper");
    assert_eq!(execute(&mut s, &dao, &keeper, id), Ok(()));
    let config: Config = s.chain.query(&reactor, "get_config", &args![]);
    assert_eq!(config.deposit_cap, 5_000_000 * E18);
    let roles: Vec<(laas_traits::Role, ink::primitives::AccountId)> = s.chain.query(&reactor, "Roles::roles", &args![]);
    assert!(roles.contains(&(laas_traits::Role::Admin, ink_id(&dao))));
    assert_eq!(execute(&mut s, &dao, &keeper, id), Err(DaoError::NotExecutable(State::Executed)));
    // The old admin can no longer change anything.
    let r: Result<(), reactor::reactor::ReactorError> = s.chain.call(&admin, &reactor, "set_config", &args![Raw(s.config_arg(1))]);
    assert_eq!(r, Err(reactor::reactor::ReactorError::Access(laas_traits::AccessError::NotAdmin)));
}

#[test]
fn toke_bought_and_stake_added_after_a_proposal_count_nothing_for_it() {
    let (mut s, dao, _, holders) = governed(&[("alice-voter", 5_000_000 * E18)]);
    let (alice, toke, admin) = (holders[0].clone(), s.toke.clone(), s.admin.clone());
    let change = set_cap(&mut s, 1);
    let id = propose(&mut s, &dao, &alice, &[change]).unwrap();
    // A whale buys TOKE and delegates, and a director stakes, after the proposal: nothing.
    let whale = s.chain.user("whale");
    let r: Result<(), PSP22Error> = s.chain.call(&admin, &toke, "PSP22::transfer", &args![whale, 50_000_000 * E18, Bytes(&[])]);
    r.unwrap();
    let r: Result<(), laas_traits::VotesError> = s.chain.call(&whale, &toke, "Votes::delegate", &args![Some(whale.clone())]);
    r.unwrap();
    let director = s.chain.user("director");
    s.stake(&director, 1_000_000 * E18).unwrap();
    s.chain.next_block();
    assert_eq!(vote(&mut s, &dao, &whale, id, "Against"), Err(DaoError::NoVotingPower));
    assert_eq!(vote(&mut s, &dao, &director, id, "Against"), Err(DaoError::NoVotingPower));
    // For the next proposal both count: the director's stake and the whale's delegated TOKE.
    let change = set_cap(&mut s, 2);
    let id2 = propose(&mut s, &dao, &alice, &[change]).unwrap();
    assert_eq!(vote(&mut s, &dao, &director, id2, "Against"), Ok(1_000_000 * E18));
    assert_eq!(vote(&mut s, &dao, &whale, id2, "Against"), Ok(50_000_000 * E18));
    s.chain.advance_time(DAY_MS);
    assert_eq!(state(&mut s, &dao, id2), Some(State::Defeated));
    assert_eq!(execute(&mut s, &dao, &alice, id2), Err(DaoError::NotExecutable(State::Defeated)));
}

#[test]
fn delegated_votes_and_ld_stake_each_count_once() {
    let (mut s, dao, _, holders) = governed(&[("alice-voter", 5_000_000 * E18)]);
    let (alice, toke, staking, reactor) = (holders[0].clone(), s.toke.clone(), s.staking.clone().unwrap(), s.reactor.clone());
    // Alice stakes 1M of her own delegated TOKE: her votes fall by what her stake rises by, in
    // the same block, so her power stays 5M.
    s.approve(&alice, &toke, &staking);
    let r: Result<(), laas_traits::StakeError> = s.chain.call(&alice, &staking, "stake", &args![reactor, 1_000_000 * E18]);
    r.unwrap();
    s.chain.next_block();
    let block = s.chain.block() - 1;
    let votes: Result<u128, laas_traits::VotesError> = s.chain.query(&toke, "Votes::get_past_votes", &args![alice, block]);
    assert_eq!(votes, Ok(4_000_000 * E18));
    let power: Result<u128, DaoError> = s.chain.query(&dao, "voting_power", &args![alice, block]);
    assert_eq!(power, Ok(5_000_000 * E18));
    // LD staking itself holds 1M TOKE and votes with none of it.
    let staking = s.staking.clone().unwrap();
    let power: Result<u128, DaoError> = s.chain.query(&dao, "voting_power", &args![staking, block]);
    assert_eq!(power, Ok(0));
}

#[test]
fn no_proposal_is_made_while_the_staking_contracts_toke_is_delegated() {
    // LD staking cannot delegate its TOKE; stand an account that can in for it, to show the
    // DAO refuses to count stake twice: a DAO whose "staking" has delegated its TOKE takes no
    // proposal until the delegation is undone.
    let (mut s, _, _, holders) = governed(&[("alice-voter", 5_000_000 * E18), ("fake-staking", 1_000 * E18)]);
    let (alice, fake, toke, admin) = (holders[0].clone(), holders[1].clone(), s.toke.clone(), s.admin.clone());
    let dao = s.chain.deploy(&admin, "dao", "new", &args![toke, Some(fake.clone()), params_arg(&PARAMS), None::<Address>], vec![1]);
    s.chain.next_block();
    let change = set_cap(&mut s, 5);
    assert_eq!(propose(&mut s, &dao, &alice, &[change]), Err(DaoError::StakeDelegated));
}

#[test]
fn a_new_staking_contract_counts_for_later_proposals_only_and_a_bad_one_is_refused() {
    let (mut s, dao, _, holders) = governed(&[("alice-voter", 5_000_000 * E18)]);
    let (alice, toke, staking, reactor, director) = (holders[0].clone(), s.toke.clone(), s.staking.clone().unwrap(), s.reactor.clone(), s.chain.user("director"));
    // A director stakes 2M TOKE (LD stake counts as voting power).
    s.give_toke(&director, 2_000_000 * E18);
    s.approve(&director, &toke, &staking);
    let r: Result<(), laas_traits::StakeError> = s.chain.call(&director, &staking, "stake", &args![reactor, 2_000_000 * E18]);
    r.unwrap();
    s.chain.next_block();
    // A proposal to stop counting LD stake passes; another proposal is made while it waits.
    let me = dao.clone();
    let unset = call(&me, ink::selector_bytes!("set_staking"), Option::<ink::primitives::AccountId>::None.encode());
    let id = propose(&mut s, &dao, &alice, &[unset]).unwrap();
    vote(&mut s, &dao, &alice, id, "For").unwrap();
    s.chain.advance_time(3 * DAY_MS - 3_600_000);
    let change = set_cap(&mut s, 7);
    let before = propose(&mut s, &dao, &alice, &[change]).unwrap();
    s.chain.advance_time(3_600_000);
    assert_eq!(execute(&mut s, &dao, &alice, id), Ok(()));
    // The proposal made before the change still counts the director's stake; one made after
    // does not.
    assert_eq!(vote(&mut s, &dao, &director, before, "Against"), Ok(2_000_000 * E18));
    s.chain.next_block();
    let change = set_cap(&mut s, 8);
    let after = propose(&mut s, &dao, &alice, &[change]).unwrap();
    assert_eq!(vote(&mut s, &dao, &director, after, "Against"), Err(DaoError::NoVotingPower));
    // A staking contract that does not answer `get_past_stake` (here TOKE) is refused: every
    // later proposal would fail to read power.
    let wrong = call(&me, ink::selector_bytes!("set_staking"), Some(ink_id(&toke)).encode());
    let id = propose(&mut s, &dao, &alice, &[wrong]).unwrap();
    vote(&mut s, &dao, &alice, id, "For").unwrap();
    s.chain.advance_time(3 * DAY_MS);
    assert_eq!(execute(&mut s, &dao, &alice, id), Err(DaoError::InvalidStaking));
}

#[test]
fn the_council_vetoes_a_proposal_that_hides_a_call_to_the_dao_among_others() {
    let (mut s, dao, council, holders) = governed(&[("alice-voter", 5_000_000 * E18)]);
    let alice = holders[0].clone();
    let cancel = |s: &mut Suite, who: &Address, id: u32| -> Result<(), DaoError> { s.chain.call(who, &dao, "cancel", &args![id]) };
    // Only a proposal made of nothing but calls to the DAO itself escapes the council's veto
    // (so a council cannot block its own replacement); adding one to other calls does not.
    let me = dao.clone();
    let keep_council = call(&me, ink::selector_bytes!("set_council"), Some(ink_id(&council)).encode());
    let change = set_cap(&mut s, 9);
    let mixed = propose(&mut s, &dao, &alice, &[change, keep_council.clone()]).unwrap();
    let replace = propose(&mut s, &dao, &alice, &[keep_council]).unwrap();
    vote(&mut s, &dao, &alice, mixed, "For").unwrap();
    vote(&mut s, &dao, &alice, replace, "For").unwrap();
    s.chain.advance_time(DAY_MS);
    assert_eq!(cancel(&mut s, &council, mixed), Ok(()));
    assert_eq!(cancel(&mut s, &council, replace), Err(DaoError::NotAllowed));
}

#[test]
fn proposals_are_defeated_expire_or_are_cancelled_by_the_right_people_only() {
    let (mut s, dao, council, holders) = governed(&[("alice-voter", 5_000_000 * E18), ("bob", 3_000_000 * E18)]);
    let (alice, bob, stranger) = (holders[0].clone(), holders[1].clone(), s.chain.user("stranger"));
    let cancel = |s: &mut Suite, who: &Address, id: u32| -> Result<(), DaoError> { s.chain.call(who, &dao, "cancel", &args![id]) };
    // Short of the quorum: 3M of the 4M needed.
    let change = set_cap(&mut s, 1);
    let short = propose(&mut s, &dao, &bob, &[change]).unwrap();
    vote(&mut s, &dao, &bob, short, "For").unwrap();
    // Carried, then left unexecuted past its window.
    let change = set_cap(&mut s, 2);
    let late = propose(&mut s, &dao, &alice, &[change]).unwrap();
    vote(&mut s, &dao, &alice, late, "For").unwrap();
    // Cancelled by its proposer while active; the council may not cancel an active one.
    let change = set_cap(&mut s, 3);
    let withdrawn = propose(&mut s, &dao, &alice, &[change]).unwrap();
    assert_eq!(cancel(&mut s, &council, withdrawn), Err(DaoError::NotAllowed));
    assert_eq!(cancel(&mut s, &stranger, withdrawn), Err(DaoError::NotAllowed));
    assert_eq!(cancel(&mut s, &alice, withdrawn), Ok(()));
    assert_eq!(vote(&mut s, &dao, &bob, withdrawn, "For"), Err(DaoError::VotingClosed));
    // Cancelled by the council while queued.
    let change = set_cap(&mut s, 4);
    let stopped = propose(&mut s, &dao, &alice, &[change]).unwrap();
    vote(&mut s, &dao, &alice, stopped, "For").unwrap();
    s.chain.advance_time(DAY_MS);
    assert_eq!(state(&mut s, &dao, short), Some(State::Defeated));
    assert_eq!(state(&mut s, &dao, stopped), Some(State::Queued));
    assert_eq!(cancel(&mut s, &stranger, stopped), Err(DaoError::NotAllowed));
    assert_eq!(cancel(&mut s, &council, stopped), Ok(()));
    assert_eq!(cancel(&mut s, &council, stopped), Err(DaoError::NotCancellable(State::Cancelled)));
    s.chain.advance_time(2 * DAY_MS + 7 * DAY_MS);
    assert_eq!(state(&mut s, &dao, late), Some(State::Expired));
    assert_eq!(execute(&mut s, &dao, &alice, late), Err(DaoError::NotExecutable(State::Expired)));
    assert_eq!(execute(&mut s, &dao, &alice, stopped), Err(DaoError::NotExecutable(State::Cancelled)));
    assert_eq!(execute(&mut s, &dao, &alice, 99), Err(DaoError::UnknownProposal));
}

#[test]
fn abstentions_count_toward_the_quorum_and_the_council_and_proposer_cancel_queued_or_ready_ones() {
    let (mut s, dao, council, holders) = governed(&[("alice-voter", 5_000_000 * E18), ("bob", 3_000_000 * E18)]);
    let (alice, bob) = (holders[0].clone(), holders[1].clone());
    let cancel = |s: &mut Suite, who: &Address, id: u32| -> Result<(), DaoError> { s.chain.call(who, &dao, "cancel", &args![id]) };
    // The reactor is offered to the DAO; the third proposal takes it and sets the cap.
    let (admin, reactor) = (s.admin.clone(), s.reactor.clone());
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &reactor, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.unwrap();
    let accept = call(&reactor, ink::selector_bytes!("AccessControl::accept_admin"), vec![]);
    let changes: Vec<Vec<Call>> = vec![vec![set_cap(&mut s, 1)], vec![set_cap(&mut s, 2)], vec![accept, set_cap(&mut s, 3)]];
    // Bob's 3M for are short of the 4M quorum on their own; alice's abstention completes it.
    let ids: Vec<u32> = changes.iter().map(|c| propose(&mut s, &dao, &bob, c).unwrap()).collect();
    for id in &ids {
        assert_eq!(vote(&mut s, &dao, &bob, *id, "For"), Ok(3_000_000 * E18));
        assert_eq!(vote(&mut s, &dao, &alice, *id, "Abstain"), Ok(5_000_000 * E18));
    }
    s.chain.advance_time(DAY_MS);
    assert_eq!(state(&mut s, &dao, ids[0]), Some(State::Queued));
    // The proposer cancels a queued one; the council a ready one.
    assert_eq!(cancel(&mut s, &bob, ids[0]), Ok(()));
    s.chain.advance_time(2 * DAY_MS);
    assert_eq!(cancel(&mut s, &council, ids[1]), Ok(()));
    // An executed one can no longer be cancelled, by anyone.
    assert_eq!(execute(&mut s, &dao, &alice, ids[2]), Ok(()));
    assert_eq!(cancel(&mut s, &bob, ids[2]), Err(DaoError::NotCancellable(State::Executed)));
    assert_eq!(cancel(&mut s, &council, ids[2]), Err(DaoError::NotCancellable(State::Executed)));
    let config: Config = s.chain.query(&s.reactor.clone(), "get_config", &args![]);
    assert_eq!(config.deposit_cap, 3);
}

#[test]
fn bad_proposals_are_refused_and_a_failing_call_reverts_the_whole_execution() {
    let (mut s, dao, _, holders) = governed(&[("alice-voter", 5_000_000 * E18), ("minnow", 999 * E18)]);
    let (alice, minnow, reactor, admin) = (holders[0].clone(), holders[1].clone(), s.reactor.clone(), s.admin.clone());
    assert_eq!(propose(&mut s, &dao, &alice, &[]), Err(DaoError::NoCalls));
    let cap = set_cap(&mut s, 7);
    assert_eq!(propose(&mut s, &dao, &alice, &vec![cap.clone(); 17]), Err(DaoError::TooManyCalls));
    assert_eq!(propose(&mut s, &dao, &alice, &[Call { input: vec![0; dao::dao::MAX_INPUT + 1], ..cap.clone() }]), Err(DaoError::ArgumentsTooLarge));
    assert_eq!(propose(&mut s, &dao, &minnow, &[cap.clone()]), Err(DaoError::BelowThreshold));
    // The DAO is offered the reactor; a proposal accepts it, sets the cap, then calls a message
    // that refuses (the DAO is not the treasury): everything reverts, the reactor stays
    // offered, and the proposal stays executable until it expires.
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &reactor, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.unwrap();
    let refusing = Call { target: ink_id(&reactor), selector: ink::selector_bytes!("place_pcv"), input: (1u128, 0u128).encode(), value: 0 };
    let id = propose(&mut s, &dao, &alice, &[call(&reactor, ink::selector_bytes!("AccessControl::accept_admin"), vec![]), cap, refusing]).unwrap();
    vote(&mut s, &dao, &alice, id, "For").unwrap();
    s.chain.advance_time(3 * DAY_MS);
    assert_eq!(execute(&mut s, &dao, &alice, id), Err(DaoError::CallFailed(2)));
    assert_eq!(state(&mut s, &dao, id), Some(State::Ready));
    let config: Config = s.chain.query(&reactor, "get_config", &args![]);
    assert_ne!(config.deposit_cap, 7);
    let roles: Vec<(laas_traits::Role, ink::primitives::AccountId)> = s.chain.query(&reactor, "Roles::roles", &args![]);
    assert!(roles.contains(&(laas_traits::Role::Admin, ink_id(&admin))), "the deployer is still admin");
    // A call to a message that does not exist fails the same way.
    let bogus = Call { target: ink_id(&reactor), selector: [0xde, 0xad, 0xbe, 0xef], input: vec![], value: 0 };
    let id2 = propose(&mut s, &dao, &alice, &[bogus]).unwrap();
    vote(&mut s, &dao, &alice, id2, "For").unwrap();
    s.chain.advance_time(3 * DAY_MS);
    assert_eq!(execute(&mut s, &dao, &alice, id2), Err(DaoError::CallFailed(0)));
}

#[test]
fn the_dao_changes_its_own_parameters_and_council_only_by_proposal() {
    let (mut s, dao, council, holders) = governed(&[("alice-voter", 5_000_000 * E18)]);
    let alice = holders[0].clone();
    let r: Result<(), DaoError> = s.chain.call(&alice, &dao, "set_params", &args![params_arg(&PARAMS)]);
    assert_eq!(r, Err(DaoError::OnlyByProposal));
    let faster = Params { timelock_ms: DAY_MS, ..PARAMS };
    let new_council = s.chain.user("new-council");
    let calls = [
        call(&dao, ink::selector_bytes!("set_params"), faster.encode()),
        call(&dao, ink::selector_bytes!("set_council"), Some(ink_id(&new_council)).encode()),
    ];
    let id = propose(&mut s, &dao, &alice, &calls).unwrap();
    vote(&mut s, &dao, &alice, id, "For").unwrap();
    s.chain.advance_time(3 * DAY_MS);
    assert_eq!(execute(&mut s, &dao, &alice, id), Ok(()));
    let params: Params = s.chain.query(&dao, "params", &args![]);
    assert_eq!(params, faster);
    let roles: Vec<(laas_traits::Role, ink::primitives::AccountId)> = s.chain.query(&dao, "Roles::roles", &args![]);
    assert_eq!(roles, vec![(laas_traits::Role::Guardian, ink_id(&new_council))]);
    // The old council has no say any more; the new one cannot veto its own replacement.
    let replace = call(&dao, ink::selector_bytes!("set_council"), Some(ink_id(&council)).encode());
    let id = propose(&mut s, &dao, &alice, &[replace]).unwrap();
    vote(&mut s, &dao, &alice, id, "For").unwrap();
    s.chain.advance_time(DAY_MS);
    assert_eq!(state(&mut s, &dao, id), Some(State::Queued));
    let r: Result<(), DaoError> = s.chain.call(&new_council, &dao, "cancel", &args![id]);
    assert_eq!(r, Err(DaoError::NotAllowed));
    s.chain.advance_time(DAY_MS);
    assert_eq!(execute(&mut s, &dao, &alice, id), Ok(()));
    // Parameters that could not govern are refused even by a proposal (the execution reverts).
    let broken = Params { quorum_bps: 0, ..PARAMS };
    let id = propose(&mut s, &dao, &alice, &[call(&dao, ink::selector_bytes!("set_params"), broken.encode())]).unwrap();
    vote(&mut s, &dao, &alice, id, "For").unwrap();
    s.chain.advance_time(2 * DAY_MS);
    assert_eq!(execute(&mut s, &dao, &alice, id), Err(DaoError::InvalidParams));
}

#[test]
fn after_the_timelock_a_proposal_upgrades_a_contract_and_everything_it_stored_stays() {
    let (mut s, dao, _, holders) = governed(&[("alice-voter", 5_000_000 * E18)]);
    let (alice, admin, weth) = (holders[0].clone(), s.admin.clone(), s.weth.clone());
    let holder = s.chain.user("weth-holder");
    s.mint_weth(&holder, 7 * E18);
    // The test WETH is handed to the DAO: its deployer offers it, a proposal accepts it and
    // moves it to its next version (a new field in a cell of its own).
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &weth, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.unwrap();
    let next = s.chain.upload("test_asset_next");
    let hash: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&next.trim_start_matches("0x")[2 * i..2 * i + 2], 16).unwrap()).collect();
    let calls = [
        call(&weth, ink::selector_bytes!("AccessControl::accept_admin"), vec![]),
        call(&weth, ink::selector_bytes!("AccessControl::set_code_hash"), hash),
    ];
    let id = propose(&mut s, &dao, &alice, &calls).unwrap();
    vote(&mut s, &dao, &alice, id, "For").unwrap();
    s.chain.advance_time(DAY_MS);
    // Not before the timelock: the token is still version 1.
    assert_eq!(execute(&mut s, &dao, &alice, id), Err(DaoError::NotExecutable(State::Queued)));
    let version: u32 = s.chain.query(&weth, "version", &args![]);
    assert_eq!(version, 1);
    s.chain.advance_time(2 * DAY_MS);
    assert_eq!(execute(&mut s, &dao, &alice, id), Ok(()));
    // Calls to the token now use version 2's metadata.
    s.chain.register("test_asset_next", &weth);
    let version: u32 = s.chain.query(&weth, "version", &args![]);
    assert_eq!(version, 2);
    let balance: u128 = s.chain.query(&weth, "PSP22::balance_of", &args![holder]);
    assert_eq!(balance, 7 * E18);
    let notice: Option<String> = s.chain.query(&weth, "notice", &args![]);
    assert_eq!(notice, None);
    // Only the DAO upgrades it now.
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &weth, "AccessControl::set_code_hash", &args![Raw(next)]);
    assert_eq!(r, Err(laas_traits::AccessError::NotAdmin));
}
