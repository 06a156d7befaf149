//! Registration, first-party observations, depth readings and the derived queries.

use crate::events::{Observed, PositionRegistered, ReceiptRecorded};
use crate::observe;
use crate::position_registry::PositionRegistry;
use crate::types::*;
use ink::codegen::Env;
use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use laas_math::{mul_div, Rounding, BPS};
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

    /// `observe` from a position's source. Errors: `NotSource`.
    pub(crate) fn record(&mut self, observation: Observation, receipt: Option<Receipt>) -> Result<()> {
        let id = self.by_source.get(self.env().caller()).ok_or(RegistryError::NotSource)?;
        let now = self.env().block_timestamp();
        self.put(id, Feed::Nav, observation.nav, now)?;
        let queue_bps = if observation.queued == 0 {
            0
        } else {
            mul_div(observation.queued, BPS, observation.supply, Rounding::Up).unwrap_or(BPS).min(BPS)
        };
        self.put(id, Feed::Queue, queue_bps, now)?;
        if let Some(receipt) = receipt {
            self.receipts.insert(id, &(receipt, now));
            self.env().emit_event(ReceiptRecorded { position: id, receipt });
        }
        Ok(())
    }

    /// `settle` from a Term position's source. Errors: `NotSource`, `NotTerm`,
    /// `AlreadySettled`.
    pub(crate) fn record_settlement(&mut self) -> Result<()> {
        let id = self.by_source.get(self.env().caller()).ok_or(RegistryError::NotSource)?;
        let position = self.position_or_err(id)?;
        if !matches!(position.registration.class, Class::Term { .. }) {
            return Err(RegistryError::NotTerm);
        }
        if self.slots.get((id, Feed::Settlement)).is_some_and(|s| s.raw > 0) {
            return Err(RegistryError::AlreadySettled);
        }
        let now = self.env().block_timestamp();
        self.put(id, Feed::Settlement, u128::from(now), now)
    }

    /// Observes `value` of `feed` for position `id` at `at`: the slot (smoothed), and for NAV
    /// the history bucket.
    pub(crate) fn put(&mut self, id: u32, feed: Feed, value: u128, at: u64) -> Result<()> {
        let window = self.params_now().smoothing_ms;
        let slot = observe::observed(self.slots.get((id, feed)), value, at, window)?;
        self.slots.insert((id, feed), &slot);
        if feed == Feed::Nav {
            let index = at.checked_div(self.bucket_ms).unwrap_or(0);
            let key = (id, index % NAV_BUCKETS);
            let bucket = observe::bucketed(self.history.get(key), index, value);
            self.history.insert(key, &bucket);
        }
        self.env().emit_event(Observed { position: id, feed, value });
        Ok(())
    }

    /// `observe_depth`: the venue's reserves now, as the impact of the reference size.
    pub(crate) fn depth_now(&mut self, id: u32) -> Result<u128> {
        let position = self.position_or_err(id)?;
        let venue = position.registration.venue.ok_or(RegistryError::NoVenue)?;
        let reserve = reserve_of(venue)?;
        let impact = observe::impact_bps(reserve, position.registration.reference_size)?;
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

    /// `nav_drawdown`: the peak over the buckets the window covers against the latest NAV.
    pub(crate) fn drawdown(&self, id: u32, window_ms: u64) -> Result<Reading> {
        let buckets = window_ms.checked_div(self.bucket_ms).unwrap_or(u64::MAX);
        if buckets >= NAV_BUCKETS {
            return Err(RegistryError::WindowTooLong);
        }
        let (slot, age_ms) = self.fresh(id, Feed::Nav)?;
        let now_index = self.env().block_timestamp().checked_div(self.bucket_ms).unwrap_or(0);
        let mut peak = slot.raw;
        for back in 0..=buckets {
            let index = now_index.saturating_sub(back);
            if let Some(bucket) = self.history.get((id, index % NAV_BUCKETS)) {
                if bucket.index == index {
                    peak = peak.max(bucket.peak);
                }
            }
            if index == 0 {
                break;
            }
        }
        Ok(Reading { value: observe::drawdown_bps(peak, slot.raw)?, age_ms })
    }

    /// `settlement_delay`.
    pub(crate) fn delay(&self, id: u32) -> Result<Reading> {
        let position = self.position_or_err(id)?;
        let Class::Term { maturity_ms } = position.registration.class else {
            return Err(RegistryError::NotTerm);
        };
        let now = self.env().block_timestamp();
        let (settled_ms, age_ms) = if first_party(&position, Feed::Settlement) {
            match self.slots.get((id, Feed::Settlement)) {
                Some(slot) => (slot.raw, now.saturating_sub(slot.updated_ms)),
                None => (0, 0),
            }
        } else {
            let (slot, age_ms) = self.fresh(id, Feed::Settlement)?;
            (slot.raw, age_ms)
        };
        let delay = if settled_ms == 0 {
            now.saturating_sub(maturity_ms)
        } else {
            u64::try_from(settled_ms).unwrap_or(u64::MAX).saturating_sub(maturity_ms)
        };
        Ok(Reading { value: u128::from(delay), age_ms })
    }

    /// `congestion`.
    pub(crate) fn congestion_now(&self, id: u32) -> Result<Reading> {
        let (slot, age_ms) = self.fresh(id, Feed::Queue)?;
        let now = self.env().block_timestamp();
        let queue = observe::smoothed_at(&slot, now, self.params_now().smoothing_ms)?;
        let since = if slot.since_ms == 0 { now } else { slot.since_ms };
        Ok(Reading { value: observe::congestion_bps(queue, since, now)?, age_ms })
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
/// than from reporters.
pub(crate) fn first_party(position: &Position, feed: Feed) -> bool {
    match feed {
        Feed::Nav | Feed::Queue | Feed::Settlement => position.registration.source.is_some(),
        Feed::Depth => position.registration.venue.is_some(),
        Feed::BridgeDelay => false,
    }
}

/// The asset reserve of an exchange pool (`venue_amm::reserves`, `(asset, pairing)`).
fn reserve_of(venue: AccountId) -> Result<u128> {
    let result = build_call::<DefaultEnvironment>()
        .call(venue)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("reserves"))))
        .returns::<(u128, u128)>()
        .try_invoke();
    match result {
        Ok(Ok((asset, _))) => Ok(asset),
        _ => Err(RegistryError::CallFailed),
    }
}
