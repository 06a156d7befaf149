//! A CoRE event in the real WASM, as the community meets it: the DAO, now the factory's admin,
//! polls its voters over three candidate assets; they spread their power; the two with the
//! most votes get genesis reactors from the factory (their tAssets registered as positions);
//! then a winning project swaps its tokens for the DAO's TOKE and the tokens become its
//! reactor's PCV, while an offer left too long lapses and moves nothing.

use dao::dao::{DaoError, Poll, PollSetup, SwapOffer, Winner};
use laas_e2e_tests::governance::{call, dao_with_voters, pass};
use laas_e2e_tests::suite::{Suite, DAY_MS, E18};
use laas_e2e_tests::{address_of, args, args::Bytes, ink_id, Address};
use laas_traits::{AccessError, Role};
use parity_scale_codec::Encode;
use psp22::PSP22Error;
use reactor::reactor::{Config, Pcv, ReactorError};

type D<T> = Result<T, DaoError>;

fn token(s: &mut Suite, name: &str, symbol: &str) -> Address {
    let admin = s.admin.clone();
    s.chain.deploy(&admin, "test_asset", "new", &args![name, symbol, 18u8, 0u128], symbol.as_bytes().to_vec())
}

fn mint(s: &mut Suite, token: &Address, to: &Address, amount: u128) {
    let admin = s.admin.clone();
    let r: Result<(), test_asset::test_asset::Error> = s.chain.call(&admin, token, "mint", &args![to, amount]);
    r.expect("mint");
}

#[test]
fn a_core_event_creates_two_reactors_and_onboards_a_project_by_token_swap() {
    let mut s = Suite::new(1, 1_000 * E18);
    let (admin, factory, toke, registry) = (s.admin.clone(), s.factory.clone(), s.toke.clone(), s.registry.clone());
    let (dao, voters) = dao_with_voters(&mut s, &[("ana", 5_000_000 * E18), ("ben", 3_000_000 * E18)]);
    let (ana, ben) = (voters[0].clone(), voters[1].clone());
    let candidates = [token(&mut s, "Alpha", "ALPHA"), token(&mut s, "Beta", "BETA"), token(&mut s, "Gamma", "GAMMA")];

    // The deployer offers the factory to the DAO; one proposal accepts it and opens the poll:
    // three candidates, two winners, a day's vote; the new reactors are genesis reactors
    // whose treasury is the DAO.
    let r: Result<(), AccessError> = s.chain.call(&admin, &factory, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.unwrap();
    let reactor = s.reactor.clone();
    let weth_config: Config = s.chain.query(&reactor, "get_config", &args![]);
    let config = Config { treasury: ink_id(&dao), ld_recipient: ink_id(&dao), ..weth_config };
    let setup = PollSetup {
        candidates: candidates.iter().map(ink_id).collect(),
        winners: 2,
        voting_ms: DAY_MS,
        factory: ink_id(&factory),
        reactor_config: config.encode(),
        genesis: true,
    };
    let opening = [call(&factory, ink::selector_bytes!("AccessControl::accept_admin"), vec![]), call(&dao, ink::selector_bytes!("open_poll"), setup.encode())];
    assert_eq!(pass(&mut s, &dao, &ana, &opening), Ok(()));
    let poll: Option<Poll> = s.chain.query(&dao, "poll", &args![0u32]);
    assert_eq!(poll.map(|p| p.setup), Some(setup.clone()));
    // Nobody opens a poll but a proposal.
    let r: D<()> = s.chain.call(&ana, &dao, "open_poll", &args![laas_e2e_tests::args::Raw(format!("PollSetup {{ candidates: [{}], winners: 1, voting_ms: 1, factory: {factory}, reactor_config: [], genesis: false }}", candidates[0]))]);
    assert_eq!(r, Err(DaoError::OnlyByProposal));

    // ana spreads her 5M: 60% Alpha, 40% Gamma; ben gives his 3M to Beta. TOKE bought after
    // the poll opened counts nothing; ballots over 100% or for a fourth candidate are refused.
    let vote = |s: &mut Suite, who: &Address, allocation: &str| -> D<u128> { s.chain.call(who, &dao, "vote_poll", &args![0u32, laas_e2e_tests::args::Raw(allocation.into())]) };
    assert_eq!(vote(&mut s, &ana, "[(0, 6000), (2, 4001)]"), Err(DaoError::OverAllocated));
    assert_eq!(vote(&mut s, &ana, "[(3, 100)]"), Err(DaoError::UnknownCandidate));
    assert_eq!(vote(&mut s, &ana, "[(0, 6000), (2, 4000)]"), Ok(5_000_000 * E18));
    assert_eq!(vote(&mut s, &ana, "[(1, 100)]"), Err(DaoError::AlreadyVoted));
    assert_eq!(vote(&mut s, &ben, "[(1, 10000)]"), Ok(3_000_000 * E18));
    let late = s.chain.user("late");
    let r: Result<(), PSP22Error> = s.chain.call(&admin, &toke, "PSP22::transfer", &args![late.clone(), 9_000_000 * E18, Bytes(&[])]);
    r.unwrap();
    let r: Result<(), laas_traits::VotesError> = s.chain.call(&late, &toke, "Votes::delegate", &args![Some(late.clone())]);
    r.unwrap();
    s.chain.next_block();
    assert_eq!(vote(&mut s, &late, "[(2, 10000)]"), Err(DaoError::NoVotingPower));
    let tally: Vec<u128> = s.chain.query(&dao, "poll_tally", &args![0u32]);
    assert_eq!(tally, vec![3_000_000 * E18, 3_000_000 * E18, 2_000_000 * E18]);

    // Not before it closes; then anyone finalises, once. Alpha and Beta tie: the earlier
    // candidate is ranked first. Each gets a genesis reactor administered by the DAO, and its
    // tAsset is registered as a position.
    let keeper = s.chain.user("keeper");
    let r: D<Vec<Winner>> = s.chain.call(&keeper, &dao, "finalize_poll", &args![0u32]);
    assert_eq!(r, Err(DaoError::PollOpen));
    s.chain.advance_time(DAY_MS);
    assert_eq!(vote(&mut s, &ben, "[(2, 10000)]"), Err(DaoError::PollClosed));
    let r: D<Vec<Winner>> = s.chain.call(&keeper, &dao, "finalize_poll", &args![0u32]);
    let winners = r.expect("finalised");
    assert_eq!(winners.iter().map(|w| (w.asset, w.votes)).collect::<Vec<_>>(), vec![(ink_id(&candidates[0]), 3_000_000 * E18), (ink_id(&candidates[1]), 3_000_000 * E18)]);
    let mut reactors = Vec::new();
    for (winner, asset) in winners.iter().zip(&candidates) {
        let created = address_of(winner.reactor.expect("the factory created it"));
        s.chain.register("reactor", &created);
        let of: Option<ink::primitives::AccountId> = s.chain.query(&factory, "reactor_of", &args![asset.clone()]);
        assert_eq!(of, winner.reactor);
        let genesis: bool = s.chain.query(&created, "is_genesis", &args![]);
        let roles: Vec<(Role, ink::primitives::AccountId)> = s.chain.query(&created, "Roles::roles", &args![]);
        assert!(genesis && roles.contains(&(Role::Admin, ink_id(&dao))) && roles.contains(&(Role::Treasury, ink_id(&dao))));
        let (_, _, tasset): (ink::primitives::AccountId, ink::primitives::AccountId, ink::primitives::AccountId) = s.chain.query(&created, "tokens", &args![]);
        let position: Option<u32> = s.chain.query(&registry, "position_of", &args![address_of(tasset)]);
        assert!(position.is_some(), "registered");
        reactors.push(created);
    }
    let gamma: Option<ink::primitives::AccountId> = s.chain.query(&factory, "reactor_of", &args![candidates[2].clone()]);
    assert_eq!(gamma, None);
    let r: D<Vec<Winner>> = s.chain.call(&keeper, &dao, "finalize_poll", &args![0u32]);
    assert_eq!(r, Err(DaoError::PollFinalized));

    // Beta's project is onboarded: the DAO offers 5,000 TOKE for 10,000 BETA (a rate fixed in
    // the proposal), within ten days; Alpha's offer is left to lapse.
    let (beta, beta_reactor) = (candidates[1].clone(), reactors[1].clone());
    let (beta_project, alpha_project) = (s.chain.user("beta-project"), s.chain.user("alpha-project"));
    mint(&mut s, &beta, &beta_project, 10_000 * E18);
    mint(&mut s, &candidates[0], &alpha_project, 10_000 * E18);
    let r: Result<(), PSP22Error> = s.chain.call(&admin, &toke, "PSP22::transfer", &args![dao.clone(), 20_000 * E18, Bytes(&[])]);
    r.unwrap();
    let deadline = s.chain.now_ms() + 10 * DAY_MS;
    let offer = SwapOffer { project: ink_id(&beta_project), token: ink_id(&beta), token_amount: 10_000 * E18, toke_amount: 5_000 * E18, reactor: ink_id(&beta_reactor), deadline_ms: deadline, taken: false };
    let lapsing = SwapOffer { project: ink_id(&alpha_project), token: ink_id(&candidates[0]), reactor: ink_id(&reactors[0]), deadline_ms: deadline - 6 * DAY_MS, ..offer };
    let offers = [call(&dao, ink::selector_bytes!("offer_swap"), offer.encode()), call(&dao, ink::selector_bytes!("offer_swap"), lapsing.encode())];
    assert_eq!(pass(&mut s, &dao, &ana, &offers), Ok(()));

    // The project approves one token short: refused, nothing moves. A stranger cannot take
    // its offer. With the full amount approved it goes through, once.
    let accept = |s: &mut Suite, who: &Address, id: u32| -> D<()> { s.chain.call(who, &dao, "accept_swap", &args![id]) };
    let r: Result<(), PSP22Error> = s.chain.call(&beta_project, &beta, "PSP22::approve", &args![dao.clone(), 10_000 * E18 - 1]);
    r.unwrap();
    assert_eq!(accept(&mut s, &beta_project, 0), Err(DaoError::SwapShort));
    assert_eq!(accept(&mut s, &alpha_project, 0), Err(DaoError::NotProject));
    assert_eq!(s.balance(&toke, &beta_project), 0);
    let r: Result<(), PSP22Error> = s.chain.call(&beta_project, &beta, "PSP22::approve", &args![dao.clone(), 10_000 * E18]);
    r.unwrap();
    assert_eq!(accept(&mut s, &beta_project, 0), Ok(()));
    assert_eq!(accept(&mut s, &beta_project, 0), Err(DaoError::SwapTaken));
    assert_eq!((s.balance(&toke, &beta_project), s.balance(&beta, &beta_project)), (5_000 * E18, 0));
    assert_eq!(s.balance(&toke, &dao), 15_000 * E18);
    assert_eq!(s.balance(&beta, &beta_reactor), 10_000 * E18, "Beta's tokens are its reactor's PCV");
    let pcv: Result<Pcv, ReactorError> = s.chain.query(&beta_reactor, "pcv", &args![]);
    assert_eq!(pcv.expect("valued").flows.placed.asset, 10_000 * E18);
    let offer_now: Option<SwapOffer> = s.chain.query(&dao, "swap_offer", &args![0u32]);
    assert!(offer_now.is_some_and(|o| o.taken));

    // Alpha's project comes too late: nothing moves.
    let r: Result<(), PSP22Error> = s.chain.call(&alpha_project, &candidates[0], "PSP22::approve", &args![dao.clone(), 10_000 * E18]);
    r.unwrap();
    s.chain.advance_time(4 * DAY_MS);
    assert_eq!(accept(&mut s, &alpha_project, 1), Err(DaoError::SwapExpired));
    assert_eq!((s.balance(&toke, &alpha_project), s.balance(&candidates[0], &alpha_project)), (0, 10_000 * E18));
    assert_eq!(s.balance(&toke, &dao), 15_000 * E18);
}
