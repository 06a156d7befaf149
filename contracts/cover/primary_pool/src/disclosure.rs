//! Disclosure (SPEC §4.6): what a dashboard shows of a product's period and of the pool's
//! reserves, computed on chain from the records the sales, claims and recoveries keep (a
//! dashboard can rebuild them from the events: `CoverBought`, `ClaimFiled` with what was
//! measured, `ClaimSettled`, `RecoveryRepaid`).

use crate::primary_pool::PrimaryPool;
use crate::types::*;
use ink::codegen::Env;
use laas_math::add;
use laas_pricing::{loss_ratio_bps, observed_frequency_bps, share_bps, volatility_bps};

/// Periods the loss ratio's rolling volatility looks back over (this one included).
pub const VOLATILITY_PERIODS: usize = 8;

/// A product's period as disclosed, with the pool's reserves now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Disclosure {
    /// What the period recorded: cover and premiums written, predicted losses, claims paid,
    /// incidents triggered, claims, claimed cover, impact cost, recoveries.
    pub record: PeriodRecord,
    /// Claims paid per premium written, bps, at most `laas_pricing::metrics::MAX_RATIO_BPS`
    /// (`None`: nothing written in the period).
    pub loss_ratio_bps: Option<u128>,
    /// The standard deviation of the loss ratio over the last `VOLATILITY_PERIODS` periods up to
    /// this one that wrote premiums, bps.
    pub volatility_bps: u128,
    /// The periods that volatility is measured over.
    pub volatility_periods: u32,
    /// What a paid claim paid on average in the period (0 with none).
    pub average_payout: u128,
    /// The product's trigger frequency observed over its recalibrated periods, per year, bps.
    pub frequency_bps: u128,
    /// Liquidity-gap cover: what the insured holders' redemptions cost in impact after the
    /// subsidy, bps of their cover.
    pub insured_impact_bps: u128,
    /// What the same redemptions cost an uninsured holder in the same congestion, bps.
    pub uninsured_impact_bps: u128,
    /// The pool's reserves now: premiums not yet earned plus claims pending.
    pub reserves: u128,
    /// The pool's funds per reserve now, bps (0 with no reserves).
    pub reserve_coverage_bps: u128,
    /// The pool's funds per cover in force now, bps (the layers above add their capital).
    pub cover_backing_bps: u128,
}

impl PrimaryPool {
    /// Product `id`'s period `period` as disclosed (see `disclosure`).
    pub(crate) fn disclose(&self, id: u32, period: u64) -> Result<Disclosure> {
        let state = self.product_states.get(id).ok_or(CoverError::UnknownProduct)?;
        let record = self.periods.get((id, period)).unwrap_or_default();
        let mut ratios = [0u128; VOLATILITY_PERIODS];
        let mut n = 0usize;
        for back in 0..VOLATILITY_PERIODS {
            let Some(index) = u64::try_from(back).ok().and_then(|back| period.checked_sub(back)) else { break };
            let past = self.periods.get((id, index)).unwrap_or_default();
            if let (Some(ratio), Some(slot)) = (loss_ratio_bps(past.paid, past.premiums), ratios.get_mut(n)) {
                *slot = ratio;
                n = n.saturating_add(1);
            }
        }
        let (ledger, _) = self.rolled(self.ledger, self.env().block_timestamp())?;
        let reserves = add(ledger.unearned()?, ledger.pending_claims)?;
        let uninsured_impact_bps = share_bps(record.impact_cost, record.claimed_cover)?;
        Ok(Disclosure {
            record,
            loss_ratio_bps: loss_ratio_bps(record.paid, record.premiums),
            volatility_bps: volatility_bps(ratios.get(..n).unwrap_or(&[])),
            volatility_periods: u32::try_from(n).unwrap_or(u32::MAX),
            average_payout: record.paid.checked_div(u128::from(record.claims)).unwrap_or(0),
            frequency_bps: observed_frequency_bps(u128::from(state.triggers), u128::from(state.periods), self.period_ms)?,
            insured_impact_bps: share_bps(record.impact_cost.saturating_sub(record.paid), record.claimed_cover)?,
            uninsured_impact_bps,
            reserves,
            reserve_coverage_bps: share_bps(ledger.funds, reserves)?,
            cover_backing_bps: share_bps(ledger.funds, ledger.active_cover)?,
        })
    }
}
