//! Reporters: the whitelist, bonds, reports, each epoch's median and the marks of those who
//! deviate from it.

use crate::events::{BondWithdrawn, ReporterAllowed, ReporterJoined, ReporterLeft, Reported, RoundClosed};
use crate::feeds::first_party;
use crate::observe;
use crate::position_registry::PositionRegistry;
use crate::types::*;
use ink::codegen::Env;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_math::{apply_bps, Rounding};
use laas_traits::registry::{MAX_REPORTERS, MIN_REPORTS};
use laas_traits::token;

impl PositionRegistry {
    /// `allow_reporter` (the admin checked).
    pub(crate) fn allow(&mut self, position: u32, reporter: AccountId, allowed: bool) -> Result<()> {
        self.position_or_err(position)?;
        if allowed {
            self.whitelist.insert((position, reporter), &());
        } else {
            self.whitelist.remove((position, reporter));
            if self.reporter.get((position, reporter)).is_some_and(|r| r.active) {
                self.deactivate(position, reporter, 0)?;
            }
        }
        self.env().emit_event(ReporterAllowed { position, reporter, allowed });
        Ok(())
    }

    /// `join` (the pause checked).
    pub(crate) fn enter(&mut self, position: u32, bond: u128) -> Result<()> {
        let caller = self.env().caller();
        self.position_or_err(position)?;
        if !self.whitelist.contains((position, caller)) {
            return Err(RegistryError::NotWhitelisted);
        }
        if self.reporter.contains((position, caller)) {
            return Err(RegistryError::AlreadyJoined);
        }
        let mut active = self.reporters.get(position).unwrap_or_default();
        if active.len() >= MAX_REPORTERS {
            return Err(RegistryError::TooManyReporters);
        }
        if bond < self.params_now().min_bond || bond == 0 {
            return Err(RegistryError::BondTooSmall);
        }
        active.push(caller);
        self.reporters.insert(position, &active);
        let epoch = self.current_epoch();
        let record = Reporter { bond, active: true, unlock_ms: 0, marks: 0, marked_epoch: epoch, joined_epoch: epoch };
        self.reporter.insert((position, caller), &record);
        token::pull(self.bond_token, caller, bond)?;
        self.env().emit_event(ReporterJoined { position, reporter: caller, bond });
        Ok(())
    }

    /// Stops `reporter` reporting on `position`, slashing `slash_bps` of its bond; the rest
    /// unlocks after the cooldown. A reporter no longer active (it left with a report still in
    /// an open round) is only slashed. Errors: `NotReporter` (no bond here).
    pub(crate) fn deactivate(&mut self, position: u32, reporter: AccountId, slash_bps: u16) -> Result<u128> {
        let mut record = self.reporter.get((position, reporter)).ok_or(RegistryError::NotReporter)?;
        if !record.active && slash_bps == 0 {
            return Err(RegistryError::NotReporter);
        }
        let slashed = apply_bps(record.bond, u128::from(slash_bps), Rounding::Up)?.min(record.bond);
        record.bond = record.bond.saturating_sub(slashed);
        self.slashed = self.slashed.checked_add(slashed).ok_or(RegistryError::Math(laas_math::MathError::Overflow))?;
        if record.active {
            record.active = false;
            record.unlock_ms = self.env().block_timestamp().saturating_add(self.params_now().cooldown_ms);
            let mut active = self.reporters.get(position).unwrap_or_default();
            active.retain(|r| *r != reporter);
            self.reporters.insert(position, &active);
        }
        self.reporter.insert((position, reporter), &record);
        self.env().emit_event(ReporterLeft { position, reporter, slashed, unlock_ms: record.unlock_ms });
        Ok(slashed)
    }

    /// `withdraw_bond`.
    pub(crate) fn release(&mut self, position: u32) -> Result<u128> {
        let caller = self.env().caller();
        let record = self.reporter.get((position, caller)).ok_or(RegistryError::NotReporter)?;
        if record.active {
            return Err(RegistryError::StillActive);
        }
        if self.env().block_timestamp() < record.unlock_ms {
            return Err(RegistryError::CooldownActive);
        }
        // Its last reports are in past rounds (the cooldown is at least an epoch): close them,
        // so a deviation there is marked (and slashed) before the bond leaves.
        let current = self.current_epoch();
        for feed in Feed::ALL {
            if let Some(round) = self.rounds.get((position, feed)) {
                if round.epoch < current && round.reports.iter().any(|(r, _)| *r == caller) {
                    self.finish(position, feed, round)?;
                }
            }
        }
        let record = self.reporter.get((position, caller)).ok_or(RegistryError::NotReporter)?;
        self.reporter.remove((position, caller));
        token::push(self.bond_token, caller, record.bond)?;
        self.env().emit_event(BondWithdrawn { position, reporter: caller, amount: record.bond });
        Ok(record.bond)
    }

    /// `report`.
    pub(crate) fn submit(&mut self, position: u32, feed: Feed, epoch: u64, value: u128) -> Result<()> {
        let caller = self.env().caller();
        let p = self.position_or_err(position)?;
        if first_party(&p, feed) {
            return Err(RegistryError::FirstParty);
        }
        let settlement = feed == Feed::Settlement;
        if value > feed.max_value() || (settlement && value > u128::from(self.env().block_timestamp())) {
            return Err(RegistryError::InvalidValue);
        }
        if settlement && self.slots.get((position, feed)).is_some_and(|s| s.raw > 0) {
            return Err(RegistryError::AlreadySettled);
        }
        let current = self.current_epoch();
        if epoch != current {
            return Err(RegistryError::WrongEpoch);
        }
        let mut round = match self.rounds.get((position, feed)) {
            Some(round) if round.epoch == current => round,
            Some(past) => {
                self.finish(position, feed, past)?;
                self.open_round(position, current)
            }
            None => self.open_round(position, current),
        };
        // Checked after closing the last round, which may have removed the caller. A reporter
        // reports from the epoch after it joined.
        if !self.reporter.get((position, caller)).is_some_and(|r| r.active && r.joined_epoch < current) {
            return Err(RegistryError::NotReporter);
        }
        if round.reports.iter().any(|(r, _)| *r == caller) {
            return Err(RegistryError::AlreadyReported);
        }
        // Reporters who left this epoch keep their reports in it: a round holds at most as many
        // reports as a position may have reporters.
        if round.reports.len() >= MAX_REPORTERS {
            return Err(RegistryError::TooManyReporters);
        }
        round.reports.push((caller, value));
        self.rounds.insert((position, feed), &round);
        self.env().emit_event(Reported { position, reporter: caller, feed, epoch, value });
        Ok(())
    }

    /// A new round of `epoch` on `position`, counting the reporters entitled to report in it.
    fn open_round(&self, position: u32, epoch: u64) -> Round {
        let eligible = self
            .reporters
            .get(position)
            .unwrap_or_default()
            .iter()
            .filter(|r| self.reporter.get((position, **r)).is_some_and(|rec| rec.active && rec.joined_epoch < epoch))
            .count();
        Round { epoch, eligible: u32::try_from(eligible).unwrap_or(u32::MAX), reports: Vec::new() }
    }

    /// Closes `round`. With at least [`MIN_REPORTS`] reports and a majority of the reporters
    /// entitled to report in it, their median (of the two middle reports, the one on the safe
    /// side) becomes the value of `feed`, observed at the end of the round's epoch; each
    /// reporter still on the whitelist is marked for deviating or not (deviating from both
    /// middle reports: an even split marks neither camp), and one past the limit is removed
    /// and slashed. Settlement times read "not settled" (0) as the latest time of all and
    /// deviate by more than an epoch. A feed that has become first-party takes nothing from
    /// reporters. Returns the median.
    pub(crate) fn finish(&mut self, position: u32, feed: Feed, round: Round) -> Result<Option<u128>> {
        self.rounds.remove((position, feed));
        let p = self.position_or_err(position)?;
        let quorum = usize::try_from(round.eligible / 2).unwrap_or(usize::MAX).saturating_add(1).max(MIN_REPORTS);
        let settlement = feed == Feed::Settlement;
        let read = |v: u128| if settlement && v == 0 { u128::MAX } else { v };
        let mut values: Vec<u128> = round.reports.iter().map(|(_, v)| read(*v)).collect();
        let middles = if values.len() >= quorum && !first_party(&p, feed) { observe::middles(&mut values, feed.higher_is_safe()) } else { None };
        let median = middles.map(|(_, _, m)| if m == u128::MAX && settlement { 0 } else { m });
        if let (Some((lower, upper, _)), Some(value)) = (middles, median) {
            let params = self.params_now();
            let end = round.epoch.saturating_add(1).saturating_mul(self.epoch_ms);
            let taken = self.put(position, feed, value, end.min(self.env().block_timestamp()))?;
            let (band, floor) = if settlement { (0, u128::from(self.epoch_ms)) } else { (params.band_bps, feed.deviation_floor()) };
            for (reporter, report) in round.reports.iter().filter(|_| taken) {
                let v = read(*report);
                let deviated = observe::deviates(v, lower, band, floor)? && observe::deviates(v, upper, band, floor)?;
                self.judge(position, *reporter, round.epoch, deviated, &params)?;
            }
        }
        let reports = u32::try_from(round.reports.len()).unwrap_or(u32::MAX);
        self.env().emit_event(RoundClosed { position, feed, epoch: round.epoch, reports, median });
        Ok(median)
    }

    /// Marks `reporter` for deviating (or not) in `epoch`; past the limit it is struck off the
    /// whitelist, removed and slashed, once. A reporter already struck off is not marked.
    fn judge(&mut self, position: u32, reporter: AccountId, epoch: u64, deviated: bool, params: &Params) -> Result<()> {
        let Some(mut record) = self.reporter.get((position, reporter)) else { return Ok(()) };
        if !self.whitelist.contains((position, reporter)) {
            return Ok(());
        }
        let marks = observe::mark(&mut record, epoch, deviated, params.deviation_epochs);
        if marks <= u32::from(params.max_deviations) {
            self.reporter.insert((position, reporter), &record);
            return Ok(());
        }
        record.marks = 0;
        self.reporter.insert((position, reporter), &record);
        self.whitelist.remove((position, reporter));
        self.env().emit_event(ReporterAllowed { position, reporter, allowed: false });
        if record.active || params.slash_bps > 0 {
            self.deactivate(position, reporter, params.slash_bps)?;
        }
        Ok(())
    }
}
