//! The singularity (SPEC §3.7, the first seed's roadmap): how much of the liquidity a reactor
//! has deployed its PCV could supply on its own. At 100% the protocol no longer needs outside
//! LPs there, and governance may switch the LPs' share of emissions off.
//!
//! `ratio = min(1, PCV value / deployed)`: the share of the deployed liquidity (every venue
//! position, both sides, valued at the venues' TWAPs) the PCV owns outright, that is what the
//! holdings are worth after the LPs still in are owed (`Reactor::pcv`). At 100% the PCV alone
//! could keep every position in place if every LP left. Nothing deployed is a ratio of zero:
//! a reactor that provides no liquidity has reached nothing.

use crate::errors::{ReactorError, Result};
use crate::reactor::Reactor;
use crate::types::Singularity;
use crate::venues::Valued;
use laas_math::{add, mul_div, sub, Rounding, BPS};

/// The threshold until governance sets one: 100%.
pub const DEFAULT_THRESHOLD_BPS: u16 = 10_000;

impl Reactor {
    /// The ratio now and what governance has set (see the module).
    pub(crate) fn singularity_now(&self, valued: &Valued) -> Result<Singularity> {
        let deployed = valued.positions.iter().try_fold(0u128, |sum, p| add(sum, p.in_asset))?;
        let pcv_value = sub(valued.holdings, valued.active.min(valued.holdings))?;
        let ratio_bps = if deployed == 0 { 0 } else { mul_div(pcv_value.min(deployed), BPS, deployed, Rounding::Down)? };
        let (threshold_bps, lp_emissions_off) = self.singularity.get().unwrap_or((DEFAULT_THRESHOLD_BPS, false));
        Ok(Singularity {
            ratio_bps: u16::try_from(ratio_bps).map_err(|_| ReactorError::Math(laas_math::MathError::Overflow))?,
            pcv_value,
            deployed,
            threshold_bps,
            lp_emissions_off,
        })
    }
}
