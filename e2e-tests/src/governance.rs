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
