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
use laas_traits::{call, token, StakeSource, StakeView};

type Staking = contract_ref!(StakeSource, DefaultEnvironment);

impl Reactor {
    /// This rollover's emission (SPEC §3.4): `E = rate × cycles` (× the genesis multiplier while
    /// it lasts), at most the budget; with `r` = LD stake value / LP value, LPs get
    /// `E_eff·r/(r+R*)` and LDs `E_eff·R*/(r+R*)`, `E_eff = E·2·min(r,R*)/(r+R*)`; the LPs'
    /// part is 0 once switched off at the singularity. Returns `(offered, lp, ld)`; nothing is
    /// taken from the budget yet.
    pub(crate) fn emission(&self, cycle: u32, cycles: u32, stake_value: u128, lp_value: u128) -> Result<(u128, u128, u128)> {
        let Some(emissions) = self.emissions.get() else { return Ok((0, 0, 0)) };
        let multiplier = if cycle <= emissions.genesis_until { emissions.genesis_multiplier_bps.max(10_000) } else { 10_000 };
        let due = apply_bps(emissions.rate.saturating_mul(u128::from(cycles)), u128::from(multiplier), Rounding::Down)?;
        let offered = due.min(self.emission_budget);
        if offered == 0 || lp_value == 0 {
            return Ok((offered, 0, 0));
        }
        let r = ledger::ratio(stake_value, lp_value);
        let (lp, ld) = ledger::emission_split(offered, r, emissions.target_ratio)?;
        // Past the singularity the LPs' share is not emitted: it stays in the budget.
        let lp_off = self.singularity.get().is_some_and(|(_, off)| off);
        Ok((offered, if lp_off { 0 } else { lp }, ld))
    }

    /// Takes what was emitted (`lp + ld`) from the budget.
    pub(crate) fn spend_emission(&mut self, offered: u128, lp: u128, ld: u128) -> Result<()> {
        if offered == 0 {
            return Ok(());
        }
        self.emission_budget = sub(self.emission_budget, add(lp, ld)?)?;
        self.env().emit_event(Emitted { offered, lp, ld, budget: self.emission_budget });
        Ok(())
    }

    /// The LDs' stake as a rollover needs it: from LD staking, or the fixed amount (all of it
    /// eligible, no votes). Should LD staking not answer, the rollover goes on as if nothing
    /// were staked (nothing deployed, the LDs' part to the treasury), with [`VenueSkipped`]:
    /// LPs' exits never wait on LD staking.
    pub(crate) fn stake_view(&self, collateral: &Collateral) -> StakeView {
        match collateral {
            Collateral::Fixed(amount) => StakeView { collateral: *amount, eligible: *amount, votes: Vec::new() },
            Collateral::Source(staking) => {
                let source: Staking = (*staking).into();
                match call::infallible(source.call().stake_view(self.env().account_id()).try_invoke(), ReactorError::CallFailed) {
                    Ok(view) => view,
                    Err(error) => {
                        self.env().emit_event(VenueSkipped { venue: *staking, error });
                        StakeView::default()
                    }
                }
            }
        }
    }

    /// Pays the liquidity directors `asset` and `pairing` (already checked shareable over the
    /// stake held through the closing epoch) and tells LD staking the epoch just opened: it
    /// pulls what it is approved. Should LD staking refuse, the treasury takes the LDs' part.
    /// With a fixed stake the LD recipient is paid.
    pub(crate) fn pay_lds(&mut self, collateral: &Collateral, config: &Config, asset: u128, pairing: u128) -> Result<()> {
        let recipient = match collateral {
            Collateral::Source(staking) => {
                self.allow(*staking, asset, pairing, false)?;
                let mut source: Staking = (*staking).into();
                let told = source.call_mut().roll(self.epoch, self.next_boundary_ms(), asset, pairing).try_invoke();
                match call::fallible(told, ReactorError::CallFailed) {
                    Ok(()) => return Ok(()),
                    // LD staking refused: the rollover goes on and the treasury holds the
                    // LDs' part.
                    Err(error) => {
                        self.allow(*staking, asset, pairing, true)?;
                        self.env().emit_event(VenueSkipped { venue: *staking, error });
                        config.treasury
                    }
                }
            }
            Collateral::Fixed(_) => config.ld_recipient,
        };
        self.push_pair(recipient, asset, pairing)
    }

    /// Approves `spender` to pull `asset` and `pairing` (or, `revoke`, takes those approvals
    /// back); zero amounts make no call.
    fn allow(&self, spender: ink::primitives::AccountId, asset: u128, pairing: u128, revoke: bool) -> Result<()> {
        if asset > 0 {
            token::approve(self.asset, spender, if revoke { 0 } else { asset })?;
        }
        if pairing > 0 {
            token::approve(self.pairing, spender, if revoke { 0 } else { pairing })?;
        }
        Ok(())
    }

    /// Each venue's share of deployment, bps: the LDs' votes when they have any for these
    /// venues, else the admin's weights.
    pub(crate) fn weights(&self, venues: &[VenueSlot], votes: &[(ink::primitives::AccountId, u128)]) -> Result<Vec<u16>> {
        let admin: Vec<u16> = venues.iter().map(|v| v.weight_bps).collect();
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
