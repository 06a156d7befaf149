//! The governance handover, as the deployer of the suite lives it: the suite is deployed from
//! its manifest, a DAO is deployed beside it, the deployer offers every governed contract to the
//! DAO, and one proposal — voted, timelocked, executed by a keeper — registers the suite in the
//! DAO, accepts every admin role, gives the guardian role to the security council, makes the
//! DAO the reactor's treasury and LD recipient and removes the deployer's depositor role. The
//! DAO's on-chain `handover_report` then shows the deployer (and the old treasury and guardian)
//! holding nothing; the council pauses at once and only the DAO unpauses; the DAO, now the
//! treasury, places PCV and funds emissions by proposal and reads what its PCV is worth.

use dao::dao::{Call, DaoError, State};
use drink::Ss58Codec;
use laas_e2e_tests::suite::{Suite, E18};
use laas_e2e_tests::governance::{call, calls_arg, params_arg, PARAMS};
use laas_e2e_tests::{args, args::Raw, ink_id, Address};
use laas_traits::{AccessError, Role};
use parity_scale_codec::Encode;


type Report = Result<Vec<(ink::primitives::AccountId, Role)>, DaoError>;

/// `deployer` proposes `calls` and votes its TOKE for them; after the vote and the timelock
/// `keeper` executes them. Returns what the execution returned.
fn carried(s: &mut Suite, dao: &Address, deployer: &Address, keeper: &Address, calls: &[Call]) -> Result<(), DaoError> {
    let id: Result<u32, DaoError> = s.chain.call(deployer, dao, "propose", &args![calls_arg(calls), Raw(format!("0x{}", "ab".repeat(32)))]);
    let id = id.expect("the deployer proposes");
    let power: Result<u128, DaoError> = s.chain.call(deployer, dao, "vote", &args![id, Raw(String::from("For"))]);
    assert!(power.expect("votes") > 4_000_000 * E18, "the deployer carries the quorum");
    s.chain.advance_time(PARAMS.voting_period_ms + PARAMS.timelock_ms);
    let state: Option<State> = s.chain.query(dao, "state", &args![id]);
    assert_eq!(state, Some(State::Ready));
    s.chain.call(keeper, dao, "execute", &args![id])
}

fn set_role(target: &Address, role: Role, account: &Address, granted: bool) -> Call {
    call(target, ink::selector_bytes!("AccessControl::set_role"), (role, ink_id(account), granted).encode())
}

#[test]
fn the_deployer_hands_the_suite_to_the_dao_in_one_proposal_and_keeps_nothing() {
    let (mut s, signers) = Suite::from_manifest(&mut |_| {}).expect("the manifest deploys");
    let signer = |name: &str| Address::from_ss58check(&signers.get(name).expect("signer").address).expect("address");
    let (deployer, treasury, guardian) = (s.admin.clone(), signer("treasury"), signer("guardian"));
    let (council, keeper) = (s.chain.user("council"), s.chain.user("keeper"));
    let (toke, reactor, factory, tasset) = (s.toke.clone(), s.reactor.clone(), s.factory.clone(), s.tasset.clone());
    let staking = s.staking.clone().expect("staking");
    let (amm, pricer_venue) = (s.venues[0].clone(), s.venues[1].clone());
    let governed = [amm.clone(), pricer_venue.clone(), factory.clone(), reactor.clone(), staking.clone()];
    let dao = s.chain.deploy(
        &deployer,
        "dao",
        "new",
        &args![
            toke.clone(),
            Some(staking.clone()),
            params_arg(&PARAMS),
            Some(council.clone())
        ],
        vec![],
    );
    // The deployer holds the TOKE not yet distributed and votes with it; it names itself a
    // depositor of LD staking (vesting grants), as a launch would.
    let r: Result<(), laas_traits::VotesError> = s.chain.call(&deployer, &toke, "Votes::delegate", &args![Some(deployer.clone())]);
    r.unwrap();
    let r: Result<(), AccessError> = s.chain.call(&deployer, &staking, "AccessControl::set_role", &args![Raw(String::from("Depositor")), deployer.clone(), true]);
    r.unwrap();
    s.chain.next_block();

    // Nothing is registered yet, and only a proposal registers contracts.
    let report: Report = s.chain.query(&dao, "handover_report", &args![deployer.clone()]);
    assert_eq!(report, Ok(vec![]));
    let r: Result<(), DaoError> = s.chain.call(&deployer, &dao, "set_registry", &args![Raw(format!("[{factory}]"))]);
    assert_eq!(r, Err(DaoError::OnlyByProposal));

    // The deployer offers every governed contract to the DAO (step one of two).
    for contract in &governed {
        let r: Result<(), AccessError> = s.chain.call(&deployer, contract, "AccessControl::propose_admin", &args![Some(dao.clone())]);
        r.unwrap();
    }

    // One proposal does the rest: 14 calls.
    let registry: Vec<ink::primitives::AccountId> = governed.iter().chain([&toke, &tasset]).map(ink_id).collect();
    let mut calls = vec![call(&dao, ink::selector_bytes!("set_registry"), registry.encode())];
    for contract in &governed {
        calls.push(call(contract, ink::selector_bytes!("AccessControl::accept_admin"), vec![]));
        calls.push(set_role(contract, Role::Guardian, &council, true));
    }
    calls.push(set_role(&reactor, Role::Treasury, &dao, true));
    calls.push(set_role(&reactor, Role::LdRecipient, &dao, true));
    calls.push(set_role(&staking, Role::Depositor, &deployer, false));
    assert_eq!(calls.len(), 14);
    let r = carried(&mut s, &dao, &deployer, &keeper, &calls);
    r.expect("a keeper executes the handover");

    // On chain, through the DAO's own report: the deployer, the old treasury and the old
    // guardian hold nothing in any registered contract; the DAO and its council hold the rest.
    let registered: Vec<ink::primitives::AccountId> = s.chain.query(&dao, "registry", &args![]);
    assert_eq!(registered, registry);
    for gone in [&deployer, &treasury, &guardian] {
        let report: Report = s.chain.query(&dao, "handover_report", &args![gone.clone()]);
        assert_eq!(report, Ok(vec![]), "{gone} still holds roles");
    }
    let report: Report = s.chain.query(&dao, "handover_report", &args![dao.clone()]);
    let report = report.expect("report");
    for contract in &governed {
        assert!(report.contains(&(ink_id(contract), Role::Admin)), "the DAO administers {contract}");
    }
    assert!(report.contains(&(ink_id(&reactor), Role::Treasury)) && report.contains(&(ink_id(&reactor), Role::LdRecipient)));
    let report: Report = s.chain.query(&dao, "handover_report", &args![council.clone()]);
    assert_eq!(report.expect("report").len(), governed.len(), "the council guards every governed contract");

    // The council pauses new exposure at once; only the DAO (by proposal) unpauses.
    let r: Result<(), AccessError> = s.chain.call(&council, &reactor, "AccessControl::pause", &args![]);
    r.unwrap();
    let r: Result<(), AccessError> = s.chain.call(&council, &reactor, "AccessControl::unpause", &args![]);
    assert_eq!(r, Err(AccessError::NotAdmin));
    let r: Result<(), AccessError> = s.chain.call(&deployer, &reactor, "AccessControl::unpause", &args![]);
    assert_eq!(r, Err(AccessError::NotAdmin));
    let unpause = vec![call(&reactor, ink::selector_bytes!("AccessControl::unpause"), vec![])];
    let r = carried(&mut s, &dao, &deployer, &keeper, &unpause);
    r.expect("the DAO unpauses");
    let paused: bool = s.chain.query(&reactor, "AccessControl::paused", &args![]);
    assert!(!paused);

    // The DAO is the treasury now: what it holds it places as PCV and funds emissions with,
    // by proposal. (It receives the protocol's fee share at each rollover; here the deployer
    // hands it TOKE and WETH.)
    let weth = s.weth.clone();
    let r: Result<(), psp22::PSP22Error> = s.chain.call(&deployer, &toke, "PSP22::transfer", &args![dao.clone(), 3_000_000 * E18, laas_e2e_tests::args::Bytes(&[])]);
    r.unwrap();
    let r: Result<(), psp22::PSP22Error> = s.chain.call(&deployer, &weth, "PSP22::transfer", &args![dao.clone(), 50 * E18, laas_e2e_tests::args::Bytes(&[])]);
    r.unwrap();
    let before: Result<reactor::reactor::Pcv, reactor::reactor::ReactorError> = s.chain.query(&reactor, "pcv", &args![]);
    let before = before.expect("the reactor values its PCV");
    let budget_before: reactor::reactor::State = s.chain.query(&reactor, "state", &args![]);
    let treasury_moves = vec![
        call(&toke, ink::selector_bytes!("PSP22::approve"), (ink_id(&reactor), 3_000_000 * E18).encode()),
        call(&weth, ink::selector_bytes!("PSP22::approve"), (ink_id(&reactor), 50 * E18).encode()),
        call(&reactor, ink::selector_bytes!("place_pcv"), (50 * E18, 1_000_000 * E18).encode()),
        call(&reactor, ink::selector_bytes!("fund_emissions"), (2_000_000 * E18).encode()),
    ];
    let r = carried(&mut s, &dao, &deployer, &keeper, &treasury_moves);
    r.expect("the DAO places PCV and funds emissions");
    let after: Result<reactor::reactor::Pcv, reactor::reactor::ReactorError> = s.chain.query(&reactor, "pcv", &args![]);
    let after = after.expect("the reactor values its PCV");
    assert_eq!(after.flows.placed.asset - before.flows.placed.asset, 50 * E18);
    assert_eq!(after.flows.placed.pairing - before.flows.placed.pairing, 1_000_000 * E18);
    // 50 WETH and 1M TOKE (at the AMM's 2,000 TOKE per WETH: 500 WETH) more behind the LPs,
    // all of it the treasury's: the LPs are owed what they were.
    assert_eq!(after.lp_liabilities, before.lp_liabilities);
    assert!(after.value >= before.value + 549 * E18 && after.value <= before.value + 551 * E18, "{before:?} → {after:?}");
    assert_eq!(after.holdings - after.lp_liabilities, after.value);
    let budget: reactor::reactor::State = s.chain.query(&reactor, "state", &args![]);
    assert_eq!(budget.emission_budget, budget_before.emission_budget + 2_000_000 * E18);

    // A registry listing a contract twice is refused, and the whole proposal with it.
    let twice = vec![call(&dao, ink::selector_bytes!("set_registry"), vec![ink_id(&factory), ink_id(&factory)].encode())];
    let r = carried(&mut s, &dao, &deployer, &keeper, &twice);
    assert_eq!(r, Err(DaoError::InvalidRegistry));
    let still: Vec<ink::primitives::AccountId> = s.chain.query(&dao, "registry", &args![]);
    assert_eq!(still, registry);
}
