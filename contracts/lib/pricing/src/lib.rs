//! Cover pricing (SPEC §4.3; the second seed §4): what a policy costs and what a trigger pays,
//! as pure functions of a product's parameters and the position registry's observables.
//!
//! * A trigger `i` (a NAV drawdown past a threshold, a queue waiting past a limit) has a
//!   probability per year `pᵢ` and a loss given it `Lᵢ` ([`loss_given_trigger`]):
//!   `magnitude × cover × payout ratio − deductible`, capped by the maximum payout.
//! * The expected loss per year is `EL = Σ pᵢ × Lᵢ` ([`expected_loss`]).
//! * The premium for a term is `(EL × (1 + m) + OC) × term / year` ([`premium`]), where the
//!   margin `m` = the tier's base + `c_cong × congestion` + `c_depth × depth fragility`
//!   ([`Margin::bps`]) + a utilisation surcharge that grows past a kink
//!   ([`utilisation_surcharge_bps`]), so prices rise by themselves under stress and the last
//!   unit of capacity costs more than the first; and `OC` is the operating and reinsurance
//!   cost per year.
//! * Capacity shrinks under stress too ([`capacity`]).
//! * One incident's loss splits between the primary, junior and reinsurance layers
//!   ([`waterfall::split`]).
//! * What the operator repays of a maturity guarantee flows back the other way, the
//!   reinsurance first ([`waterfall::recover`]).
//! * Disclosure: loss ratios and their volatility ([`metrics`]).
//! * Each period the probabilities are recalibrated with credibility
//!   `Z = n / (n + k)`: `p_new = Z × p_observed + (1 − Z) × p_prior` ([`recalibrate`]).
//!
//! Units: amounts in the cover asset's smallest unit; ratios, probabilities per year,
//! observables and coefficients in basis points (10,000 = 100%, or 1× for a coefficient);
//! durations in ms. Rounding favours the pool: charges (premiums, margins, expected losses) round
//! up, payouts and capacity round down. Every function is total: overflow is a [`MathError`].
#![cfg_attr(not(feature = "std"), no_std)]

pub mod metrics;
pub mod waterfall;

pub use metrics::{loss_ratio_bps, share_bps, volatility_bps};
pub use waterfall::{fill, recover, split, LayerError, Layers, Shares};

use laas_math::{add, mul_div, MathError, Rounding, BPS};

/// A year, ms (365 days): the unit of probabilities, expected losses and operating costs.
pub const YEAR_MS: u64 = 365 * 86_400_000;

/// What a trigger pays on a policy of `cover`: `magnitude × cover × payout ratio −
/// deductible`, at most `max_payout`, never below zero. `magnitude_bps` is the measured size
/// of the trigger (a drawdown of 25% is 2,500; a binary trigger is 10,000), capped at 100%.
/// Rounded down.
pub fn loss_given_trigger(cover: u128, magnitude_bps: u128, payout_bps: u128, deductible: u128, max_payout: u128) -> Result<u128, MathError> {
    let measured = mul_div(cover, magnitude_bps.min(BPS), BPS, Rounding::Down)?;
    let paid = mul_div(measured, payout_bps.min(BPS), BPS, Rounding::Down)?;
    Ok(paid.saturating_sub(deductible).min(max_payout))
}

/// Expected loss per year, `Σ pᵢ × Lᵢ`, for triggers given as `(pᵢ, Lᵢ)` with `pᵢ` in bps per
/// year (above 10,000 for a trigger expected more than once a year). Rounded up.
pub fn expected_loss(triggers: &[(u128, u128)]) -> Result<u128, MathError> {
    triggers.iter().try_fold(0u128, |sum, (p_bps, loss)| add(sum, mul_div(*loss, *p_bps, BPS, Rounding::Up)?))
}

/// A product's safety margin: its tier's base and what the registry's stress observables add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Margin {
    /// The tier's base margin, bps (e.g. A 2,000, B 3,500, C 5,000).
    pub base_bps: u128,
    /// Margin per unit of congestion (bps of supply redeemed per day), bps per bps: 10,000
    /// adds the congestion itself.
    pub congestion_coeff_bps: u128,
    /// Margin per unit of depth fragility (bps of price impact), bps per bps.
    pub depth_coeff_bps: u128,
}

impl Margin {
    /// `m = base + c_cong × congestion + c_depth × depth`, bps, rounded up.
    pub fn bps(&self, congestion_bps: u128, depth_bps: u128) -> Result<u128, MathError> {
        let congestion = mul_div(self.congestion_coeff_bps, congestion_bps, BPS, Rounding::Up)?;
        let depth = mul_div(self.depth_coeff_bps, depth_bps, BPS, Rounding::Up)?;
        add(add(self.base_bps, congestion)?, depth)
    }
}

/// The utilisation surcharge, bps of margin: `c_util × max(0, u − kink) / (1 − kink)`, with
/// `u` the share of the product's capacity in use after the policy (capped at 100%) and the
/// kink where the surcharge starts; 0 with a kink at or above 100%. Rounded up.
pub fn utilisation_surcharge_bps(coeff_bps: u128, used_after_bps: u128, kink_bps: u128) -> Result<u128, MathError> {
    if kink_bps >= BPS || used_after_bps <= kink_bps {
        return Ok(0);
    }
    mul_div(coeff_bps, used_after_bps.min(BPS).saturating_sub(kink_bps), BPS.saturating_sub(kink_bps), Rounding::Up)
}

/// `part` of `whole` in bps (100% for an empty `whole` with a part), rounded up: the use of a
/// capacity counted on the pool's side.
pub fn used_bps(part: u128, whole: u128) -> Result<u128, MathError> {
    if part == 0 {
        return Ok(0);
    }
    if whole == 0 {
        return Ok(BPS);
    }
    Ok(mul_div(part, BPS, whole, Rounding::Up)?.min(BPS))
}

/// The premium for a term of `term_ms`: `(EL × (1 + m) + OC) × term / year`, with the
/// expected loss `el` and operating cost `oc` per year and the margin `margin_bps` (tier,
/// stress and surcharge together). Rounded up.
pub fn premium(el: u128, margin_bps: u128, oc: u128, term_ms: u64) -> Result<u128, MathError> {
    let loaded = mul_div(el, add(BPS, margin_bps)?, BPS, Rounding::Up)?;
    mul_div(add(loaded, oc)?, u128::from(term_ms), u128::from(YEAR_MS), Rounding::Up)
}

/// What a premium becomes with a rate multiplier (the position's operator and related parties
/// pay more), bps: 10,000 leaves it. Rounded up.
pub fn with_multiplier(premium: u128, multiplier_bps: u128) -> Result<u128, MathError> {
    mul_div(premium, multiplier_bps, BPS, Rounding::Up)
}

/// The cover a product may write: `capital × ratio`, shrunk under stress by
/// `shrink_coeff × congestion` (bps of the capacity per bps of congestion; all of it at 100%).
/// Rounded down.
pub fn capacity(capital: u128, ratio_bps: u128, congestion_bps: u128, shrink_coeff_bps: u128) -> Result<u128, MathError> {
    let full = mul_div(capital, ratio_bps, BPS, Rounding::Down)?;
    let shrink = mul_div(shrink_coeff_bps, congestion_bps, BPS, Rounding::Up)?.min(BPS);
    mul_div(full, BPS.saturating_sub(shrink), BPS, Rounding::Down)
}

/// Credibility-weighted recalibration of a probability per year (bps):
/// `p_new = Z × p_observed + (1 − Z) × p_prior` with `Z = n / (n + k)`, `n` the exposure-periods
/// observed and `k` the credibility constant, computed exactly as
/// `(n × p_observed + k × p_prior) / (n + k)` and rounded up. With `n + k = 0` (no
/// observation, no prior weight) the prior stands.
pub fn recalibrate(p_prior_bps: u128, p_observed_bps: u128, n: u128, k: u128) -> Result<u128, MathError> {
    let weight = add(n, k)?;
    if weight == 0 {
        return Ok(p_prior_bps);
    }
    let observed = mul_div(n, p_observed_bps, 1, Rounding::Down)?;
    let prior = mul_div(k, p_prior_bps, 1, Rounding::Down)?;
    mul_div(add(observed, prior)?, 1, weight, Rounding::Up)
}

/// The frequency observed over `periods` exposure-periods of `period_ms` each, in bps per year:
/// `triggers / (periods × period / year)`. Rounded up; 0 without exposure.
pub fn observed_frequency_bps(triggers: u128, periods: u128, period_ms: u64) -> Result<u128, MathError> {
    let exposure_ms = mul_div(periods, u128::from(period_ms), 1, Rounding::Down)?;
    if exposure_ms == 0 {
        return Ok(0);
    }
    mul_div(mul_div(triggers, BPS, 1, Rounding::Down)?, u128::from(YEAR_MS), exposure_ms, Rounding::Up)
}

#[cfg(test)]
mod tests;
