//! The event's rules as pure functions: the stage at a time, the rate the totals give, and how
//! a deposit splits.
//!
//! Rounding favours the treasury's TOKE and the account's refund: the TOKE an account gets is
//! rounded down from its deposit's value, so the TOKE the pool holds always covers every
//! account still to finalise ([`toke_for`] of the open value, rounded up).

use crate::types::*;
use laas_math::{mul_div, mul_fixed, ratio_fixed, within_bps, Rounding, ONE};

/// The stage at `now_ms`, with the published terms (if any) and whether the total cap was
/// reached.
pub fn stage(config: &Config, published: Option<&Published>, capped: bool, now_ms: u64) -> Stage {
    match published {
        Some(p) if now_ms < p.at_ms.saturating_add(config.last_look_ms) => Stage::LastLook,
        Some(_) => Stage::Final,
        None if now_ms < config.deposits_end_ms && !capped => Stage::Deposits,
        None if now_ms <= config.publish_by_ms => Stage::AwaitingPublication,
        None => Stage::Aborted,
    }
}

/// The share of every deposit that buys TOKE: `min(1, target / total)`, 1e18 fixed point,
/// rounded down. Errors: `NothingDeposited`, `Math`.
pub fn rate(target: u128, total: u128) -> Result<u128> {
    if total == 0 {
        return Err(GenesisError::NothingDeposited);
    }
    if total <= target {
        return Ok(ONE);
    }
    Ok(ratio_fixed(target, total, Rounding::Down)?)
}

/// Whether the organiser's `offered` rate is within `RATE_TOLERANCE_BPS` of `expected`.
pub fn rate_agrees(offered: u128, expected: u128) -> Result<bool> {
    Ok(within_bps(offered, expected, RATE_TOLERANCE_BPS)?)
}

/// The TOKE that `value` buys at rate `over` and `price`, rounded `rounding`.
pub fn toke_for(value: u128, over: u128, price: u128, rounding: Rounding) -> Result<u128> {
    Ok(ratio_fixed(mul_fixed(value, over, rounding)?, price, rounding)?)
}

/// How `deposit` splits at rate `over` and TOKE price `price`: `effective = amount × over`
/// (rounded down), the TOKE the value of that effective part buys (`value × effective /
/// amount / price`, rounded down: never more than `value × over / price`, and nothing for
/// an effective part of nothing), the rest ineffective.
pub fn split(deposit: &Deposit, over: u128, price: u128) -> Result<Split> {
    let effective = mul_fixed(deposit.amount, over, Rounding::Down)?;
    let effective_value = if deposit.amount == 0 { 0 } else { mul_div(deposit.value, effective, deposit.amount, Rounding::Down)? };
    let toke = ratio_fixed(effective_value, price, Rounding::Down)?;
    Ok(Split { effective, toke, ineffective: deposit.amount.saturating_sub(effective) })
}
