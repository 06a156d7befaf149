//! Calls to venues: valuing positions at their time-weighted prices, collecting fees, and
//! the rollover's recall and deploy steps. A venue that refuses a collect, recall or deploy is
//! skipped with `VenueSkipped`; a valuation that cannot be made is an error.

use crate::errors::{ReactorError, Result};
use crate::ledger;
use crate::events::{Deployed, Recalled, VenueSkipped};
use crate::pool;
use crate::reactor::{Reactor, MAX_VENUES};
use crate::types::{Pair, VenueSlot};
use ink::codegen::{Env, TraitCallBuilder};
use ink::contract_ref;
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_math::{add, apply_bps, mul_div, mul_fixed, sub, MathError, Rounding, BPS, ONE};
use laas_traits::{call, token, Books, PositionValue, Venue, VenueError};

/// What NAV is struck from (see [`Reactor::valued`]).
pub(crate) struct Valued {
    /// Each venue's position, in the venue list's order.
    pub positions: Vec<PositionValue>,
    /// The first venue's TWAP (asset in TOKE, 1e18), if it has one.
    pub price: Option<u128>,
    /// The pool's books.
    pub books: Books,
    /// What the LPs' tAssets are backed by, in the asset.
    pub holdings: u128,
    /// tAssets not under matured requests: those that share the holdings.
    pub active: u128,
}

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

    /// Everything NAV is struck from: the venue positions, the TOKE price (asset in TOKE, 1e18,
    /// from the first venue), the pool's books, what the LPs' tAssets are backed by and how
    /// many tAssets share it (those not under matured requests). Holdings are the reactor's
    /// idle asset, idle TOKE at the TWAP and venue positions at the TWAP, plus the pool's idle
    /// and reserved asset, less the payouts matured requests are owed.
    pub(crate) fn valued(&self, venues: &[VenueSlot]) -> Result<Valued> {
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
        // The pool's idle and reserved asset are the reactor's; what matured requests are still
        // owed is not: in the asset, and in TOKE not yet set aside (valued at the TWAP, rounded
        // against the LPs still in).
        let books = pool::books(self.tasset)?;
        let unreserved_pairing = books.payouts_due_pairing.saturating_sub(books.reserved_pairing);
        let owed_pairing = match price {
            Some(p) => mul_div(unreserved_pairing, ONE, p, Rounding::Up)?,
            None if unreserved_pairing == 0 => 0,
            // TOKE is owed and cannot be valued: no NAV is struck on a guess.
            None => return Err(VenueError::OracleNotReady.into()),
        };
        let holdings = add(holdings, add(books.idle, books.reserved)?)?.saturating_sub(add(books.payouts_due, owed_pairing)?);
        let active = sub(books.supply, books.matured)?;
        Ok(Valued { positions, price, books, holdings, active })
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

    /// Recalls what each venue holds beyond `deployable × weight`, so the asset is idle for
    /// payouts and other venues; should the reactor's idle asset still be short of `withheld`
    /// (a pool pushed off its TWAP returns less than the fair amount a recall was sized on),
    /// pulls whole positions venue by venue until it is not (the next rollover redeploys).
    /// Returns each venue's target.
    pub(crate) fn recall_to(&mut self, venues: &[VenueSlot], weights: &[u16], positions: &[PositionValue], deployable: u128, withheld: u128) -> Result<Vec<u128>> {
        let mut targets = Vec::with_capacity(venues.len());
        let mut left_in = Vec::with_capacity(venues.len());
        for ((slot, position), weight) in venues.iter().zip(positions).zip(weights) {
            let target = apply_bps(deployable, u128::from(*weight), Rounding::Down)?;
            targets.push(target);
            let fraction = ledger::recall_bps(position.asset, target)?;
            let paid = self.recall(slot.venue, fraction)?;
            left_in.push(position.asset > 0 && !(paid && fraction == 10_000));
        }
        for (slot, left) in venues.iter().zip(left_in) {
            if self.idle.asset >= withheld {
                break;
            }
            if left {
                self.recall(slot.venue, 10_000)?;
            }
        }
        Ok(targets)
    }

    /// Deploys to each venue up to its target from idle asset beyond `withheld`, paired with
    /// idle TOKE at the venue's TWAP. Nothing while paused. `first_price` is the first venue's
    /// TWAP read by this rollover's valuation: a TWAP does not move within a block, so
    /// deploying there does not ask again.
    pub(crate) fn deploy_to_targets(&mut self, venues: &[VenueSlot], positions: &[PositionValue], targets: &[u128], withheld: u128, first_price: Option<u128>) -> Result<()> {
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
