//! Registration, first-party observations, depth readings and the derived queries.

use crate::events::{Observed, PositionChanged, PositionRegistered, ReceiptRecorded};
use crate::observe;
use crate::position_registry::PositionRegistry;
use crate::types::*;
use ink::codegen::Env;
use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use laas_math::{mul_div, Rounding, BPS, ONE};
use laas_traits::registry::{MAX_RELATED, MIN_REPORTS};

impl PositionRegistry {
    /// Adds a position (the caller's right checked). Errors: see `register`.
    pub(crate) fn add(&mut self, registration: Registration) -> Result<u32> {
        if registration.related.len() > MAX_RELATED {
            return Err(RegistryError::TooManyRelated);
        }
        if matches!(registration.class, Class::Term { maturity_ms: 0 }) || (registration.venue.is_some() && registration.reference_size == 0) {
            return Err(RegistryError::InvalidParams);
        }
        if self.by_token.contains(registration.token) {
            return Err(RegistryError::AlreadyRegistered);
        }
        if let Some(source) = registration.source {
            if self.by_source.contains(source) {
                return Err(RegistryError::SourceTaken);
            }
            self.by_source.insert(source, &self.count);
        }
        let id = self.count;
        self.count = id.checked_add(1).ok_or(RegistryError::InvalidParams)?;
        self.by_token.insert(registration.token, &id);
        let token = registration.token;
        let position = Position { id, registration, registered_ms: self.env().block_timestamp() };
        self.positions.insert(id, &position);
        self.env().emit_event(PositionRegistered { position: id, token, registration: position.registration });
        Ok(id)
    }

    /// `observe` from an Open position's source. Errors: `NotSource`.
    pub(crate) fn record(&mut self, observation: Observation, receipt: Option<Receipt>) -> Result<()> {
        let id = self.by_source.get(self.env().caller()).ok_or(RegistryError::NotSource)?;
        let position = self.position_or_err(id)?;
        if !first_party(&position, Feed::Nav) {
            return Err(RegistryError::NotSource);
        }
        let now = self.env().block_timestamp();
        self.put(id, Feed::Nav, observation.nav, now)?;
        // Any unpaid amount is a queue (rounded up); a matured dust is no congestion.
        self.put(id, Feed::Queue, share_bps(observation.unpaid, observation.supply, Rounding::Up), now)?;
        if let Some(receipt) = receipt {
            let opened = self.receipts.get(id).map_or(position.registered_ms, |(_, ms)| ms);
            let matured = share_bps(observation.requested, observation.supply, Rounding::Down);
            self.put(id, Feed::Requests, observe::per_day_bps(matured, opened, now)?, now)?;
            self.receipts.insert(id, &(receipt, now));
            self.env().emit_event(ReceiptRecorded { position: id, receipt });
        }
        Ok(())
    }

    /// `settle` from a Term position's source: settled now. Errors: `NotSource`, `NotTerm`,
    /// `AlreadySettled`, `NotDue`.
    pub(crate) fn record_settlement(&mut self) -> Result<()> {
        let id = self.by_source.get(self.env().caller()).ok_or(RegistryError::NotSource)?;
        self.unsettled_term(id)?;
        let now = self.env().block_timestamp();
        self.settle_at(id, now)
    }

    /// `sync_settlement`: asks a Term position's source when it settled. Not settled yet, the
    /// time it said so is kept: a later answer cannot claim a settlement before it.
    pub(crate) fn sync(&mut self, id: u32) -> Result<Option<u64>> {
        let position = self.unsettled_term(id)?;
        let source = position.registration.source.ok_or(RegistryError::NotSource)?;
        let now = self.env().block_timestamp();
        match laas_traits::registry::settled_at(source)? {
            None => {
                self.unsettled_seen.insert(id, &now);
                Ok(None)
            }
            Some(claimed) => {
                if claimed > now || claimed == 0 {
                    return Err(RegistryError::InvalidValue);
                }
                let settled = claimed.max(self.unsettled_seen.get(id).unwrap_or(0));
                self.settle_at(id, settled)?;
                Ok(Some(settled))
            }
        }
    }

    /// Position `id`, if it is a Term position with no settlement recorded. Errors:
    /// `UnknownPosition`, `NotTerm`, `AlreadySettled`.
    fn unsettled_term(&self, id: u32) -> Result<Position> {
        let position = self.position_or_err(id)?;
        if !matches!(position.registration.class, Class::Term { .. }) {
            return Err(RegistryError::NotTerm);
        }
        if self.slots.get((id, Feed::Settlement)).is_some_and(|s| s.raw > 0) {
            return Err(RegistryError::AlreadySettled);
        }
        Ok(position)
    }

    /// Records that Term position `id` settled at `settled_ms` (final), from its maturity on.
    /// Errors: `NotDue`.
    fn settle_at(&mut self, id: u32, settled_ms: u64) -> Result<()> {
        let position = self.position_or_err(id)?;
        let now = self.env().block_timestamp();
        if let Class::Term { maturity_ms } = position.registration.class {
            if now < maturity_ms {
                return Err(RegistryError::NotDue);
            }
        }
        self.put(id, Feed::Settlement, u128::from(settled_ms), now)?;
        Ok(())
    }

    /// `set_source` (the admin checked).
    pub(crate) fn resource(&mut self, id: u32, source: Option<AccountId>) -> Result<()> {
        let mut position = self.position_or_err(id)?;
        if let Some(new) = source {
            if self.by_source.get(new).is_some_and(|other| other != id) {
                return Err(RegistryError::SourceTaken);
            }
        }
        if let Some(old) = position.registration.source {
            self.by_source.remove(old);
        }
        if let Some(new) = source {
            self.by_source.insert(new, &id);
        }
        position.registration.source = source;
        self.positions.insert(id, &position);
        self.env().emit_event(PositionChanged { position: id, registration: position.registration });
        Ok(())
    }

    /// Observes `value` of `feed` for position `id` at `at`: the slot (smoothed), and for NAV
    /// the history bucket. Returns whether it was taken: an observation older than the slot's
    /// (a late epoch's median) is not.
    pub(crate) fn put(&mut self, id: u32, feed: Feed, value: u128, at: u64) -> Result<bool> {
        let window = self.params_now().smoothing_ms;
        let previous = self.slots.get((id, feed));
        if previous.is_some_and(|p| p.updated_ms > at) {
            return Ok(false);
        }
        let slot = observe::observed(previous, value, at, window)?;
        self.slots.insert((id, feed), &slot);
        if feed == Feed::Nav {
            let index = at.checked_div(self.bucket_ms).unwrap_or(0);
            let key = (id, index % NAV_BUCKETS);
            let bucket = observe::bucketed(self.history.get(key), index, value);
            self.history.insert(key, &bucket);
        }
        self.env().emit_event(Observed { position: id, feed, value });
        Ok(true)
    }

    /// `observe_depth`: the venue's reserves valued at its time-weighted price (a swap moves
    /// neither its invariant nor, within a block, its TWAP), as the impact of the reference
    /// size.
    pub(crate) fn depth_now(&mut self, id: u32) -> Result<u128> {
        let position = self.position_or_err(id)?;
        let venue = position.registration.venue.ok_or(RegistryError::NoVenue)?;
        let (asset, pairing) = reserves_of(venue)?;
        let twap = twap_of(venue)?;
        // The asset reserve the pool would hold at its TWAP with its invariant unchanged:
        // sqrt(asset × pairing / twap).
        let fair = laas_math::sqrt_mul(asset, mul_div(pairing, ONE, twap, Rounding::Down)?);
        let impact = observe::impact_bps(fair, position.registration.reference_size)?;
        self.put(id, Feed::Depth, impact, self.env().block_timestamp())?;
        Ok(impact)
    }

    /// The slot of `feed` of position `id` and its age, if it may be used: reporter-fed
    /// observables need enough active reporters, every one must be younger than the maximum
    /// age. Errors: `UnknownPosition`, `TooFewReporters`, `NoData`, `Stale`.
    pub(crate) fn fresh(&self, id: u32, feed: Feed) -> Result<(Slot, u64)> {
        let position = self.position_or_err(id)?;
        if !first_party(&position, feed) && self.reporters.get(id).unwrap_or_default().len() < MIN_REPORTS {
            return Err(RegistryError::TooFewReporters);
        }
        let slot = self.slots.get((id, feed)).ok_or(RegistryError::NoData)?;
        let age_ms = self.env().block_timestamp().saturating_sub(slot.updated_ms);
        if age_ms > self.params_now().max_age_ms {
            return Err(RegistryError::Stale { age_ms });
        }
        Ok((slot, age_ms))
    }

    /// The smoothed value of `feed` now, with its age.
    pub(crate) fn smoothed(&self, id: u32, feed: Feed) -> Result<Reading> {
        let (slot, age_ms) = self.fresh(id, feed)?;
        let value = observe::smoothed_at(&slot, self.env().block_timestamp(), self.params_now().smoothing_ms)?;
        Ok(Reading { value, age_ms })
    }

    /// `nav_drawdown`: the peak over the whole buckets the window covers (the current one
    /// and those before it, never reaching back past the window) and the NAV in force when the
    /// window opened (the last one of the newest bucket before it, within the history kept),
    /// against the latest NAV.
    pub(crate) fn drawdown(&self, id: u32, window_ms: u64) -> Result<Reading> {
        let buckets = window_ms.checked_div(self.bucket_ms).unwrap_or(0);
        if buckets == 0 {
            return Err(RegistryError::InvalidParams);
        }
        if buckets >= NAV_BUCKETS {
            return Err(RegistryError::WindowTooLong);
        }
        let (slot, age_ms) = self.fresh(id, Feed::Nav)?;
        let now_index = self.env().block_timestamp().checked_div(self.bucket_ms).unwrap_or(0);
        let mut peak = slot.raw;
        for back in 0..NAV_BUCKETS {
            let Some(index) = now_index.checked_sub(back) else { break };
            let Some(bucket) = self.history.get((id, index % NAV_BUCKETS)).filter(|b| b.index == index) else { continue };
            if back < buckets {
                peak = peak.max(bucket.peak);
            } else {
                peak = peak.max(bucket.last);
                break;
            }
        }
        Ok(Reading { value: observe::drawdown_bps(peak, slot.raw)?, age_ms })
    }

    /// `settlement_delay`: a recorded settlement is final (age 0); unsettled, the clock
    /// speaks, for a reporter-fed position only while its reports are fresh.
    pub(crate) fn delay(&self, id: u32) -> Result<Reading> {
        let position = self.position_or_err(id)?;
        let Class::Term { maturity_ms } = position.registration.class else {
            return Err(RegistryError::NotTerm);
        };
        let now = self.env().block_timestamp();
        let recorded = self.slots.get((id, Feed::Settlement)).filter(|s| s.raw > 0);
        let (settled_ms, age_ms) = match recorded {
            Some(slot) => (u64::try_from(slot.raw).unwrap_or(u64::MAX), 0),
            None if first_party(&position, Feed::Settlement) => (now, 0),
            None => (now, self.fresh(id, Feed::Settlement)?.1),
        };
        Ok(Reading { value: u128::from(settled_ms.saturating_sub(maturity_ms)), age_ms })
    }

    /// `queue_wait`: from the first observation of an unpaid queue to the latest one that
    /// still saw it (time after the latest observation is not counted).
    pub(crate) fn wait(&self, id: u32) -> Result<Reading> {
        let (slot, age_ms) = self.fresh(id, Feed::Queue)?;
        let value = if slot.raw == 0 { 0 } else { slot.updated_ms.saturating_sub(slot.since_ms) };
        Ok(Reading { value: u128::from(value), age_ms })
    }

    /// `congestion`: redemptions per day, smoothed.
    pub(crate) fn congestion_now(&self, id: u32) -> Result<Reading> {
        self.smoothed(id, Feed::Requests)
    }

    pub(crate) fn position_or_err(&self, id: u32) -> Result<Position> {
        self.positions.get(id).ok_or(RegistryError::UnknownPosition)
    }

    pub(crate) fn params_now(&self) -> Params {
        // Set by the constructor and only ever replaced.
        self.params.get().unwrap_or(Params {
            max_age_ms: 1,
            smoothing_ms: 1,
            min_bond: u128::MAX,
            band_bps: 1,
            max_deviations: 0,
            deviation_epochs: 1,
            slash_bps: 0,
            cooldown_ms: u64::MAX,
        })
    }
}

/// Whether `feed` of `position` comes from the suite itself (its source, its venue) rather
/// than from reporters: an Open position's source pushes NAV, the unpaid queue and requests; a
/// Term position's source its settlement; a venue gives depth; bridge delays are reported.
pub(crate) fn first_party(position: &Position, feed: Feed) -> bool {
    let r = &position.registration;
    let term = matches!(r.class, Class::Term { .. });
    match feed {
        Feed::Nav | Feed::Queue | Feed::Requests => r.source.is_some() && !term,
        Feed::Settlement => r.source.is_some() && term,
        Feed::Depth => r.venue.is_some(),
        Feed::BridgeDelay => false,
    }
}

/// `part` of `supply` in bps, rounded as asked, at most 100%.
fn share_bps(part: u128, supply: u128, rounding: Rounding) -> u128 {
    if part == 0 {
        return 0;
    }
    mul_div(part, BPS, supply, rounding).unwrap_or(BPS).min(BPS)
}

/// The reserves of an exchange pool (`venue_amm::reserves`: asset, pairing).
fn reserves_of(venue: AccountId) -> Result<(u128, u128)> {
    let result = build_call::<DefaultEnvironment>()
        .call(venue)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("reserves"))))
        .returns::<(u128, u128)>()
        .try_invoke();
    laas_traits::call::infallible(result, RegistryError::CallFailed)
}

/// The time-weighted price of an exchange pool's asset in its pairing token, 1e18
/// (`Venue::twap`). Errors: `CallFailed` (no answer, or no TWAP yet).
fn twap_of(venue: AccountId) -> Result<u128> {
    let result = build_call::<DefaultEnvironment>()
        .call(venue)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("Venue::twap"))))
        .returns::<core::result::Result<u128, laas_traits::VenueError>>()
        .try_invoke();
    match result {
        Ok(Ok(Ok(twap))) if twap > 0 => Ok(twap),
        _ => Err(RegistryError::CallFailed),
    }
}
