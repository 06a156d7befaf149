//! Weights of a CoRE event with 1 and 1,000 voters before the measured ones: a poll over 32
//! candidates opened by proposal, a ballot for one candidate and one spread over all 32, and
//! the finalisation that has the factory create the four winners' reactors.

use dao::dao::{DaoError, PollSetup, Winner};
use laas_e2e_tests::governance::{call, dao_with_voters, pass};
use laas_e2e_tests::suite::{Suite, DAY_MS, E18};
use laas_e2e_tests::{args, args::Bytes, args::Raw, ink_id, Address, Cost};
use psp22::PSP22Error;

const CANDIDATES: usize = 32;

fn measure(voters: usize) -> Vec<(&'static str, Cost)> {
    let mut s = Suite::new(1, 1_000 * E18);
    let (admin, toke, factory, reactor) = (s.admin.clone(), s.toke.clone(), s.factory.clone(), s.reactor.clone());
    let (dao, named) = dao_with_voters(&mut s, &[("proposer", 5_000_000 * E18), ("one", 1_000 * E18), ("all", 1_000 * E18)]);
    let (proposer, one, all) = (named[0].clone(), named[1].clone(), named[2].clone());
    let crowd: Vec<Address> = (0..voters).map(|i| s.chain.user(&format!("voter-{i}"))).collect();
    for voter in &crowd {
        let r: Result<(), PSP22Error> = s.chain.call(&admin, &toke, "PSP22::transfer", &args![voter.clone(), 1_000 * E18, Bytes(&[])]);
        r.expect("TOKE");
        let r: Result<(), laas_traits::VotesError> = s.chain.call(voter, &toke, "Votes::delegate", &args![Some(voter.clone())]);
        r.expect("delegate");
    }
    s.chain.next_block();
    let candidates: Vec<Address> = (0..CANDIDATES)
        .map(|i| {
            let name = format!("C{i}");
            s.chain.deploy(&admin, "test_asset", "new", &args![name.as_str(), name.as_str(), 18u8, 0u128], vec![u8::try_from(i).expect("small")])
        })
        .collect();
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &factory, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.expect("offer the factory");
    let config: reactor::reactor::Config = s.chain.query(&reactor, "get_config", &args![]);
    let setup = PollSetup {
        candidates: candidates.iter().map(ink_id).collect(),
        winners: 4,
        voting_ms: DAY_MS,
        factory: ink_id(&factory),
        reactor_config: parity_scale_codec::Encode::encode(&config),
        genesis: true,
    };
    let opening = [call(&factory, ink::selector_bytes!("AccessControl::accept_admin"), vec![]), call(&dao, ink::selector_bytes!("open_poll"), parity_scale_codec::Encode::encode(&setup))];
    pass(&mut s, &dao, &proposer, &opening).expect("the poll opens");
    for (i, voter) in crowd.iter().enumerate() {
        let ballot = format!("[({}, 10000)]", i % CANDIDATES);
        let r: Result<u128, DaoError> = s.chain.call(voter, &dao, "vote_poll", &args![0u32, Raw(ballot)]);
        r.expect("a voter");
    }
    s.chain.next_block();
    let mut rows = Vec::new();
    let r: Result<u128, DaoError> = s.chain.call(&one, &dao, "vote_poll", &args![0u32, Raw(String::from("[(5, 10000)]"))]);
    r.expect("one candidate");
    rows.push(("vote_poll (one candidate)", s.chain.last_cost()));
    let spread: Vec<String> = (0..CANDIDATES).map(|i| format!("({i}, 300)")).collect();
    let r: Result<u128, DaoError> = s.chain.call(&all, &dao, "vote_poll", &args![0u32, Raw(format!("[{}]", spread.join(", ")))]);
    r.expect("all candidates");
    rows.push(("vote_poll (spread over 32 candidates)", s.chain.last_cost()));
    s.chain.advance_time(DAY_MS);
    let keeper = s.chain.user("keeper");
    let r: Result<Vec<Winner>, DaoError> = s.chain.call(&keeper, &dao, "finalize_poll", &args![0u32]);
    assert_eq!(r.expect("finalised").iter().filter(|w| w.reactor.is_some()).count(), 4);
    rows.push(("finalize_poll (4 reactors created)", s.chain.last_cost()));
    rows
}

/// Prints a CoRE event's weights with 1 and 1,000 voters before.
pub fn core_weights() {
    let small = measure(1);
    let large = measure(1_000);
    crate::print_scaling("dao (CoRE)", "1,000 voters vs 1", &small, &large);
}
