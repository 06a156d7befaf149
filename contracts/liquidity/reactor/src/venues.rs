//! Calls to venues: valuing positions at their time-weighted prices, collecting fees, and
//! the rollover's recall and deploy steps. A venue that refuses a collect, recall or deploy is
//! skipped with `VenueSkipped`; a valuation that cannot be made is an error.

use crate::errors::{ReactorError, Result};
use crate::ledger;
use crate::events::{Deployed, Recalled, VenueSkipped};
use crate::reactor::{Reactor, MAX_VENUES};
use crate::types::{Pair, VenueSlot};
use ink::codegen::{Env, TraitCallBuilder};
use ink::contract_ref;
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_math::{add, apply_bps, mul_div, mul_fixed, MathError, Rounding, BPS, ONE};
use laas_traits::{call, token, PositionValue, Venue, VenueError};

impl Reactor {
    /// A venue list may hold at most [`MAX_VENUES`] distinct venues, each trading this
    /// reactor's asset against its pairing token, with weights adding up to at most 10,000
    /// bps; a venue may leave it only once the reactor holds nothing there.
    pub(crate) fn check_venues(&self, venues: &[VenueSlot]) -> Result<()> {
        if venues.len() > MAX_VENUES {
            return Err(ReactorError::InvalidVenues);
        }
        let mut total: u128 = 0;
        for (i, slot) in venues.iter().enumerate() {
            total = add(total, u128::from(slot.weight_bps))?;
            let duplicate = venues.iter().skip(i.saturating_add(1)).any(|other| other.venue == slot.venue);
            let venue: contract_ref!(Venue, DefaultEnvironment) = slot.venue.into();
            let tokens = call::infallible(venue.call().venue_tokens().try_invoke(), ReactorError::CallFailed);
            if duplicate || tokens != Ok((self.asset, self.pairing)) {
                return Err(ReactorError::InvalidVenues);
            }
        }
        if total > BPS {
            return Err(ReactorError::InvalidVenues);
        }
        let me = self.env().account_id();
        for old in self.venues.get().unwrap_or_default() {
            if venues.iter().all(|slot| slot.venue != old.venue) && self.venue_value(old.venue, me)?.in_asset > 0 {
                return Err(ReactorError::VenueInUse);
            }
        }
        Ok(())
    }

    /// Venue positions, the TOKE price (asset in TOKE, 1e18, from the first venue) and the
    /// holdings valued in the asset.
    pub(crate) fn valuation(&self, venues: &[VenueSlot]) -> Result<(Vec<PositionValue>, Option<u128>, u128)> {
        let me = self.env().account_id();
        let mut positions = Vec::with_capacity(venues.len());
        let mut holdings = self.idle.asset;
        for slot in venues {
            let value = self.venue_value(slot.venue, me)?;
            holdings = add(holdings, value.in_asset)?;
            positions.push(value);
        }
        let price = match venues.first() {
            None => None,
            Some(first) => {
                let venue: contract_ref!(Venue, DefaultEnvironment) = first.venue.into();
                match call::fallible(venue.call().twap().try_invoke(), ReactorError::CallFailed) {
                    Ok(p) if p > 0 => Some(p),
                    // A young pool has no TWAP yet; that only matters once TOKE is held.
                    Err(ReactorError::Venue(VenueError::OracleNotReady)) if self.idle.pairing == 0 => None,
                    Ok(_) => return Err(MathError::DivisionByZero.into()),
                    Err(e) => return Err(e),
                }
            }
        };
        if let Some(p) = price {
            holdings = add(holdings, mul_div(self.idle.pairing, ONE, p, Rounding::Down)?)?;
        }
        Ok((positions, price, holdings))
    }

    pub(crate) fn venue_value(&self, venue: AccountId, owner: AccountId) -> Result<PositionValue> {
        let venue: contract_ref!(Venue, DefaultEnvironment) = venue.into();
        call::fallible(venue.call().position_value(owner).try_invoke(), ReactorError::CallFailed)
    }

    /// Collects fees from every venue; a venue that refuses is skipped.
    pub(crate) fn collect_venue_fees(&mut self, venues: &[VenueSlot]) -> Result<Pair> {
        let mut fees = Pair::default();
        for slot in venues {
            let mut venue: contract_ref!(Venue, DefaultEnvironment) = slot.venue.into();
            match call::fallible(venue.call_mut().collect_fees().try_invoke(), ReactorError::CallFailed) {
                Ok((asset, pairing)) => fees = fees.plus(asset, pairing)?,
                Err(error) => self.env().emit_event(VenueSkipped { venue: slot.venue, error }),
            }
        }
        Ok(fees)
    }

    /// Brings each venue to `deployable × weight`: recalls first (so the asset is idle for
    /// withdrawals and other venues), then deploys from idle asset beyond `withheld`,
    /// paired with idle TOKE at the venue's TWAP. No deploys while paused.
    /// `first_price` is the first venue's TWAP read by this rollover's valuation: a TWAP
    /// does not move within a block, so deploying there does not ask again.
    pub(crate) fn rebalance(&mut self, venues: &[VenueSlot], weights: &[u16], positions: &[PositionValue], deployable: u128, withheld: u128, first_price: Option<u128>) -> Result<()> {
        let mut targets = Vec::with_capacity(venues.len());
        let mut left_in = Vec::with_capacity(venues.len());
        for ((slot, position), weight) in venues.iter().zip(positions).zip(weights) {
            let target = apply_bps(deployable, u128::from(*weight), Rounding::Down)?;
            targets.push(target);
            let fraction = ledger::recall_bps(position.asset, target)?;
            let paid = self.recall(slot.venue, fraction)?;
            left_in.push(position.asset > 0 && !(paid && fraction == 10_000));
        }
        // A pool pushed away from its TWAP returns less asset than the fair amount a recall
        // was sized on. Should matured requests and the buffer still lack cover, pull the
        // rest of the positions not already emptied, venue by venue, until they have it (the
        // next rollover redeploys).
        for (slot, left) in venues.iter().zip(left_in) {
            if self.idle.asset >= withheld {
                break;
            }
            if left {
                self.recall(slot.venue, 10_000)?;
            }
        }
        if self.access.paused {
            return Ok(());
        }
        for (i, ((slot, position), target)) in venues.iter().zip(positions).zip(targets).enumerate() {
            let free = self.idle.asset.saturating_sub(withheld);
            let amount = target.saturating_sub(position.asset).min(free);
            if amount == 0 {
                continue;
            }
            let known_price = if i == 0 { first_price } else { None };
            if let Err(error) = self.deploy_to(slot.venue, amount, known_price) {
                self.env().emit_event(VenueSkipped { venue: slot.venue, error });
            }
        }
        Ok(())
    }

    /// Withdraws `fraction_bps` of the reactor's position in `venue` into idle holdings; a
    /// venue that refuses (or holds nothing) is skipped with [`VenueSkipped`]. Returns
    /// whether the venue paid out.
    pub(crate) fn recall(&mut self, venue_id: AccountId, fraction_bps: u16) -> Result<bool> {
        if fraction_bps == 0 {
            return Ok(false);
        }
        let mut venue: contract_ref!(Venue, DefaultEnvironment) = venue_id.into();
        match call::fallible(venue.call_mut().withdraw(fraction_bps).try_invoke(), ReactorError::CallFailed) {
            Ok((asset, pairing)) => {
                self.idle = self.idle.plus(asset, pairing)?;
                self.env().emit_event(Recalled { venue: venue_id, amounts: Pair { asset, pairing } });
                Ok(true)
            }
            Err(error) => {
                self.env().emit_event(VenueSkipped { venue: venue_id, error });
                Ok(false)
            }
        }
    }

    /// Deploys `amount` of the asset to `venue` with the TOKE its TWAP asks for (an AMM
    /// takes its spot ratio of both, a pricer takes both), leaving no allowance behind.
    /// `known_price` is the venue's TWAP if already read in this block.
    pub(crate) fn deploy_to(&mut self, venue_id: AccountId, amount: u128, known_price: Option<u128>) -> Result<()> {
        let mut venue: contract_ref!(Venue, DefaultEnvironment) = venue_id.into();
        let price = match known_price {
            Some(p) => p,
            None => call::fallible(venue.call().twap().try_invoke(), ReactorError::CallFailed)?,
        };
        let pairing = mul_fixed(amount, price, Rounding::Up)?.min(self.idle.pairing);
        token::approve(self.asset, venue_id, amount)?;
        token::approve(self.pairing, venue_id, pairing)?;
        let taken = call::fallible(venue.call_mut().deploy(amount, pairing).try_invoke(), ReactorError::CallFailed);
        if taken.as_ref().map_or(true, |(a, _)| *a < amount) {
            token::approve(self.asset, venue_id, 0)?;
        }
        if taken.as_ref().map_or(true, |(_, p)| *p < pairing) {
            token::approve(self.pairing, venue_id, 0)?;
        }
        let (asset, pairing) = taken?;
        self.idle = self.idle.minus(asset, pairing)?;
        self.env().emit_event(Deployed { venue: venue_id, amounts: Pair { asset, pairing } });
        Ok(())
    }
}
