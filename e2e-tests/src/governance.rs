//! Building DAO proposals in tests and the demo: calls with already-encoded arguments, and the
//! `Vec<Call>` argument of `propose` in cargo-contract's syntax.

use crate::args::Raw;
use crate::{address_of, ink_id, Address};
use dao::dao::Call;

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
