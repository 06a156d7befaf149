//! TOKE emissions (SPEC §3.4) and the liquidity directors' side of a rollover: their stake,
//! their venue votes and their share of fees and emissions.

use crate::errors::{ReactorError, Result};
use crate::events::{Emitted, VenueSkipped};
use crate::ledger;
use crate::reactor::Reactor;
use crate::types::{Collateral, Config, VenueSlot};
use ink::codegen::{Env, TraitCallBuilder};
use ink::contract_ref;
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use laas_math::{add, apply_bps, mul_div, sub, MathError, Rounding, BPS};
use laas_traits::{call, token, StakeSource};

impl Reactor {
    /// Emits this rollover's TOKE (SPEC §3.4): `E = rate × cycles` (× the genesis
    /// multiplier while it lasts), at most the budget; with `r` = LD stake value / LP value,
    /// LPs get `E_eff·r/(r+R*)` through the per-tAsset index and LDs `E_eff·R*/(r+R*)`
    /// (returned, to be paid), `E_eff = E·2·min(r,R*)/(r+R*)`; the rest stays budgeted.
    pub(crate) fn emit(&mut self, cycle: u32, cycles: u32, stake_value: u128) -> Result<u128> {
        let Some(emissions) = self.emissions.get() else { return Ok(0) };
        let lp_value = ledger::paid_for(self.supply, self.nav)?;
        let multiplier = if cycle <= emissions.genesis_until { emissions.genesis_multiplier_bps.max(10_000) } else { 10_000 };
        let due = apply_bps(emissions.rate.saturating_mul(u128::from(cycles)), u128::from(multiplier), Rounding::Down)?;
        let offered = due.min(self.emission_budget);
        if offered == 0 || lp_value == 0 {
            return Ok(0);
        }
        let r = ledger::ratio(stake_value, lp_value);
        let (mut lp, ld) = ledger::emission_split(offered, r, emissions.target_ratio)?;
        // An index that would overflow (a dust supply) keeps the LPs' part in the budget.
        match ledger::index_growth(lp, self.supply).ok().and_then(|g| self.fee_index.plus(0, g).ok()) {
            Some(index) => self.fee_index = index,
            None => lp = 0,
        }
        let emitted = add(lp, ld)?;
        self.emission_budget = sub(self.emission_budget, emitted)?;
        self.env().emit_event(Emitted { offered, lp, ld, budget: self.emission_budget });
        Ok(ld)
    }

    /// TOKE staked by liquidity directors in this reactor.
    pub(crate) fn ld_stake(&self, collateral: &Collateral) -> Result<u128> {
        match collateral {
            Collateral::Fixed(amount) => Ok(*amount),
            Collateral::Source(source) => {
                let source: contract_ref!(StakeSource, DefaultEnvironment) = (*source).into();
                call::infallible(source.call().reactor_stake(self.env().account_id()).try_invoke(), ReactorError::CallFailed)
            }
        }
    }

    /// Pays liquidity directors: to LD staking's `reward` (which pulls what it is approved)
    /// when the stake comes from it and is not zero; to the treasury when nobody is staked
    /// or LD staking refuses; else (a fixed stake) to the LD recipient.
    pub(crate) fn pay_lds(&mut self, collateral: &Collateral, stake: u128, config: &Config, asset: u128, pairing: u128) -> Result<()> {
        if asset == 0 && pairing == 0 {
            return Ok(());
        }
        let recipient = match collateral {
            Collateral::Source(staking) if stake > 0 => {
                token::approve(self.asset, *staking, asset)?;
                token::approve(self.pairing, *staking, pairing)?;
                let mut source: contract_ref!(StakeSource, DefaultEnvironment) = (*staking).into();
                match call::fallible(source.call_mut().reward(asset, pairing).try_invoke(), ReactorError::CallFailed) {
                    Ok(()) => return Ok(()),
                    // LD staking refused: the rollover goes on and the treasury holds the
                    // LDs' part.
                    Err(error) => {
                        token::approve(self.asset, *staking, 0)?;
                        token::approve(self.pairing, *staking, 0)?;
                        self.env().emit_event(VenueSkipped { venue: *staking, error });
                        config.treasury
                    }
                }
            }
            Collateral::Source(_) => config.treasury,
            Collateral::Fixed(_) => config.ld_recipient,
        };
        self.push_pair(recipient, asset, pairing)
    }

    /// Each venue's share of deployment, bps: the LDs' votes when LD staking has any for
    /// these venues, else the admin's weights.
    pub(crate) fn weights(&self, venues: &[VenueSlot], collateral: &Collateral) -> Result<Vec<u16>> {
        let admin: Vec<u16> = venues.iter().map(|v| v.weight_bps).collect();
        let Collateral::Source(source) = collateral else { return Ok(admin) };
        let source: contract_ref!(StakeSource, DefaultEnvironment) = (*source).into();
        let votes = call::infallible(source.call().venue_votes(self.env().account_id()).try_invoke(), ReactorError::CallFailed)?;
        let voted: Vec<u128> = venues
            .iter()
            .map(|slot| votes.iter().find(|(v, _)| *v == slot.venue).map_or(0, |(_, n)| *n))
            .collect();
        let total = voted.iter().try_fold(0u128, |sum, n| add(sum, *n))?;
        if total == 0 {
            return Ok(admin);
        }
        voted
            .iter()
            .map(|n| {
                let bps = mul_div(*n, BPS, total, Rounding::Down)?;
                u16::try_from(bps).map_err(|_| ReactorError::Math(MathError::Overflow))
            })
            .collect()
    }
}
