//! Building DAO proposals in tests and the demo: the scenarios' parameters, calls with
//! already-encoded arguments, and the `Vec<Call>` argument of `propose` in cargo-contract's
//! syntax.

use crate::args::Raw;
use crate::suite::{DAY_MS, E18};
use crate::{address_of, ink_id, Address};
use dao::dao::{Call, Params};

/// The DAO parameters the scenarios use: 1,000 TOKE to propose, a 4% quorum, a day of voting,
/// a two-day timelock and a week to execute.
pub const PARAMS: Params = Params {
    proposal_threshold: 1_000 * E18,
    quorum_bps: 400,
    voting_period_ms: DAY_MS,
    timelock_ms: 2 * DAY_MS,
    execution_window_ms: 7 * DAY_MS,
};

/// `p` as a constructor or message argument.
pub fn params_arg(p: &Params) -> Raw {
    Raw(format!(
        "Params {{ proposal_threshold: {}, quorum_bps: {}, voting_period_ms: {}, timelock_ms: {}, execution_window_ms: {} }}",
        p.proposal_threshold, p.quorum_bps, p.voting_period_ms, p.timelock_ms, p.execution_window_ms
    ))
}

/// A call of `selector` on `target` with `input` (SCALE-encoded arguments), carrying no value.
pub fn call(target: &Address, selector: [u8; 4], input: Vec<u8>) -> Call {
    Call { target: ink_id(target), selector, input, value: 0 }
}

/// `calls` as the `propose` message's argument.
pub fn calls_arg(calls: &[Call]) -> Raw {
    let list = |bytes: &[u8]| bytes.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
    let items: Vec<String> = calls
        .iter()
        .map(|c| format!("Call {{ target: {}, selector: [{}], input: [{}], value: {} }}", address_of(c.target), list(&c.selector), list(&c.input), c.value))
        .collect();
    Raw(format!("[{}]", items.join(", ")))
}

/// A DAO over `s`'s TOKE (no LD staking, no council) with [`PARAMS`], and `voters` each given
/// its TOKE by the admin and delegating it to itself (the first carries the quorum alone).
/// Returns the DAO and the voters.
pub fn dao_with_voters(s: &mut crate::suite::Suite, voters: &[(&str, u128)]) -> (Address, Vec<Address>) {
    let (admin, toke) = (s.admin.clone(), s.toke.clone());
    let dao = s.chain.deploy(&admin, "dao", "new", &crate::args![toke.clone(), None::<Address>, params_arg(&PARAMS), None::<Address>], vec![]);
    let mut out = Vec::new();
    for (name, votes) in voters {
        let voter = s.chain.user(name);
        let r: Result<(), psp22::PSP22Error> = s.chain.call(&admin, &toke, "PSP22::transfer", &crate::args![voter.clone(), *votes, crate::args::Bytes(&[])]);
        r.expect("the admin gives the voter TOKE");
        let r: Result<(), laas_traits::VotesError> = s.chain.call(&voter, &toke, "Votes::delegate", &crate::args![Some(voter.clone())]);
        r.expect("the voter delegates to itself");
        out.push(voter);
    }
    s.chain.next_block();
    (dao, out)
}

/// `voter` proposes `calls`, votes for them, waits out the vote and the timelock, and a keeper
/// executes them: what the execution returned.
pub fn pass(s: &mut crate::suite::Suite, dao: &Address, voter: &Address, calls: &[Call]) -> Result<(), dao::dao::DaoError> {
    let id: Result<u32, dao::dao::DaoError> = s.chain.call(voter, dao, "propose", &crate::args![calls_arg(calls), Raw(format!("0x{}", "ab".repeat(32)))]);
    let id = id?;
    let power: Result<u128, dao::dao::DaoError> = s.chain.call(voter, dao, "vote", &crate::args![id, Raw(String::from("For"))]);
    power?;
    s.chain.advance_time(PARAMS.voting_period_ms + PARAMS.timelock_ms);
    let keeper = s.chain.user("keeper");
    s.chain.call(&keeper, dao, "execute", &crate::args![id])
}
