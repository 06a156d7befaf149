//! The rollover's steps and the sharing of venue fees.

use crate::errors::Result;
use crate::events::{FeesDistributed, RolledOver};
use crate::ledger;
use crate::reactor::Reactor;
use crate::types::{Config, Pair};
use ink::codegen::Env;
use ink::primitives::AccountId;
use laas_math::{add, apply_bps, ratio_fixed, Rounding};
use laas_traits::token;

impl Reactor {
    /// The rollover's steps, in order: mature the due request buckets, collect venue fees,
    /// strike NAV, share fees and emissions, then recall and deploy to the venues.
    pub(crate) fn roll(&mut self) -> Result<u32> {
        let previous = self.cycle;
        let cycle = self.schedule.rollover(previous, self.env().block_timestamp())?;
        // Requests only ever mature one or two cycles after the last rollover.
        let mut matured = self.queued.take(previous.saturating_add(1)).unwrap_or(0);
        if cycle >= previous.saturating_add(2) {
            matured = add(matured, self.queued.take(previous.saturating_add(2)).unwrap_or(0))?;
        }
        self.matured = add(self.matured, matured)?;
        self.cycle = cycle;

        let config = self.config();
        let collateral = self.get_collateral();
        let venues = self.venues.get().unwrap_or_default();
        let fees = self.collect_venue_fees(&venues)?;
        let (positions, price, holdings) = self.valuation(&venues)?;
        self.nav = ledger::nav(holdings, self.supply)?;

        // Fees and emissions: LPs through the per-tAsset index, LDs paid below.
        let ld_fees = self.distribute(fees, &config)?;
        let stake = self.ld_stake(&collateral)?;
        let stake_value = match price {
            Some(p) => ratio_fixed(stake, p, Rounding::Down)?,
            None => 0,
        };
        let cycles = cycle.saturating_sub(previous);
        let ld_emission = if price.is_some() { self.emit(cycle, cycles, stake_value)? } else { 0 };
        self.pay_lds(&collateral, stake, &config, ld_fees.asset, add(ld_fees.pairing, ld_emission)?)?;

        let weights = self.weights(&venues, &collateral)?;
        let withheld = self.withheld(&config)?;
        let in_venues = positions.iter().try_fold(0u128, |sum, p| add(sum, p.asset))?;
        let controlled = add(self.idle.asset, in_venues)?;
        let cap = apply_bps(stake_value, u128::from(config.collateral_bps), Rounding::Down)?;
        let deployable = controlled.saturating_sub(withheld).min(cap);
        self.rebalance(&venues, &weights, &positions, deployable, withheld, price)?;
        self.env().emit_event(RolledOver { cycle, nav: self.nav, holdings, supply: self.supply, deployable });
        Ok(cycle)
    }

    /// Shares collected fees: LPs through the per-tAsset index (the treasury takes their
    /// part while no tAsset exists), the LD recipient and the treasury by transfer.
    pub(crate) fn distribute(&mut self, fees: Pair, config: &Config) -> Result<Pair> {
        if fees == Pair::default() {
            return Ok(Pair::default());
        }
        let (mut lp_asset, ld_asset, mut tr_asset) = ledger::split(fees.asset, config.lp_fee_bps, config.ld_fee_bps)?;
        let (mut lp_pairing, ld_pairing, mut tr_pairing) = ledger::split(fees.pairing, config.lp_fee_bps, config.ld_fee_bps)?;
        // With no tAssets, or a supply so small that the index would overflow, the
        // treasury takes the LPs' part rather than the rollover failing.
        let credited = ledger::index_growth(lp_asset, self.supply)
            .and_then(|a| Ok((a, ledger::index_growth(lp_pairing, self.supply)?)))
            .ok()
            .and_then(|(a, p)| self.fee_index.plus(a, p).ok());
        match credited {
            Some(index) => self.fee_index = index,
            None => {
                tr_asset = add(tr_asset, lp_asset)?;
                tr_pairing = add(tr_pairing, lp_pairing)?;
                lp_asset = 0;
                lp_pairing = 0;
            }
        }
        self.push_pair(config.treasury, tr_asset, tr_pairing)?;
        let ld = Pair { asset: ld_asset, pairing: ld_pairing };
        self.env().emit_event(FeesDistributed {
            lp: Pair { asset: lp_asset, pairing: lp_pairing },
            ld,
            treasury: Pair { asset: tr_asset, pairing: tr_pairing },
        });
        Ok(ld)
    }

    /// Pays `asset` and `pairing` to `to` (zero amounts make no call).
    pub(crate) fn push_pair(&self, to: AccountId, asset: u128, pairing: u128) -> Result<()> {
        token::push(self.asset, to, asset)?;
        Ok(token::push(self.pairing, to, pairing)?)
    }
}
