//! Claims (the parametric part of SPEC §4.5) and recalibration (§4.3).
//!
//! * A policy's current owner files a claim while its trigger holds during the cover term,
//!   measured by the registry now: the measured event must have begun inside the term (the
//!   drawdown window, the queue's wait), so cover bought in the middle of a loss pays
//!   nothing. The loss given the trigger's magnitude is locked at once.
//! * The claims role (an account the admin sets; the claims arbiter later) settles it: pays
//!   (to the claimant, from the pool) or rejects it. A paid policy's cover is released; every
//!   payout is recorded per incident (position, product, trigger epoch) and per period.
//! * Each closed period, anyone recalibrates a product's probability with credibility.

use crate::events::{ClaimFiled, ClaimSettled, LossSplit, Recalibrated};
use crate::primary_pool::PrimaryPool;
use crate::types::*;
use ink::codegen::Env;
use laas_math::{add, mul_div, sub, Rounding, BPS};
use laas_pricing::{loss_given_trigger, observed_frequency_bps, recalibrate};
use laas_traits::{cover, registry, token, Measure};

impl PrimaryPool {
    /// Files the caller's claim on `policy` (see `file_claim`); returns the claim's id.
    pub(crate) fn file(&mut self, policy: u128) -> Result<u64> {
        let caller = self.env().caller();
        let now = self.env().block_timestamp();
        let record = self.policies.get(policy).ok_or(CoverError::UnknownPolicy)?;
        if record.claim.is_some() {
            return Err(CoverError::AlreadyClaimed);
        }
        if self.blacklist.contains(caller) {
            return Err(CoverError::Blacklisted);
        }
        // A claim may come until the grace period is over, for a trigger crossed by the end.
        if now > record.end_ms.saturating_add(self.params_now().grace_ms) {
            return Err(CoverError::OutsideCover);
        }
        let owner = cover::policy(self.policy_token, policy)?.map(|(owner, _)| owner);
        if owner != Some(caller) {
            return Err(CoverError::NotPolicyOwner);
        }
        let product = self.products.get(record.product).ok_or(CoverError::UnknownProduct)?;
        if product.parties == PartyRule::Refuse && registry::is_party(self.registry, product.position, caller)? {
            return Err(CoverError::RelatedParty);
        }
        let observed = self.evidence(&product)?;
        self.book_claim(policy, record, &product, caller, observed)
    }

    /// Reads what `product`'s trigger is assessed on from the registry: its measure, a
    /// liquidity gap's congestion and depth, or nothing (governance).
    /// Errors: the registry's.
    pub(crate) fn evidence(&self, product: &Product) -> Result<Observed> {
        if let Some(measure) = product.trigger.measure() {
            return Ok(Observed::One(registry::measure(self.registry, product.position, measure)?));
        }
        if let Trigger::LiquidityGap { .. } = product.trigger {
            let congestion = registry::measure(self.registry, product.position, Measure::Congestion)?;
            let depth = registry::measure(self.registry, product.position, Measure::Depth)?;
            return Ok(Observed::Stress { congestion, depth });
        }
        Ok(Observed::Nothing)
    }

    /// Books a claim on `policy` (its `record`, of `product`) by `caller` for the trigger's
    /// evidence `observed` now: whether it triggers for an event that began after the waiting period
    /// and crossed the threshold by the end of the term, what it pays, the lock. Returns the
    /// claim's id. Errors: `NotTriggered`, `OutsideCover`, `ZeroAmount`.
    pub(crate) fn book_claim(&mut self, policy: u128, mut record: PolicyRecord, product: &Product, caller: ink::primitives::AccountId, observed: Observed) -> Result<u64> {
        let now = self.env().block_timestamp();
        let Assessment { hit, magnitude_bps, measured, began_ms, crossed_ms } = product.trigger.assess(observed, now);
        if !hit {
            return Err(CoverError::NotTriggered);
        }
        if began_ms < record.start_ms.saturating_add(product.waiting_ms) || crossed_ms > record.end_ms {
            return Err(CoverError::OutsideCover);
        }
        let amount = loss_given_trigger(record.cover, magnitude_bps, u128::from(product.payout_bps), product.deductible, product.max_payout)?;
        if amount == 0 {
            return Err(CoverError::ZeroAmount);
        }
        self.roll()?;
        // The epoch of the crossing, not of the filing: claims on one late settlement or one
        // waiting queue filed days apart are one incident.
        let epoch = crossed_ms.checked_div(self.params_now().incident_ms).unwrap_or(0);
        let incident = Incident { position: product.position, product: record.product, epoch };
        let key = (incident.position, incident.product, incident.epoch);
        // The incident's claims are split in filing order; whether the reinsurance takes its
        // aggregate share is fixed when the incident opens.
        let mut open = self.incidents.get(key).unwrap_or_default();
        if open.primary == 0 && open.junior == 0 && open.reinsurance == 0 {
            open.base = self.period_paid.get(self.period_index(now)).unwrap_or(0);
        }
        let shares = self.claim_shares(&open, amount)?;
        open.primary = add(open.primary, shares.primary)?;
        open.junior = add(open.junior, shares.junior)?;
        open.reinsurance = add(open.reinsurance, shares.reinsurance)?;
        self.incidents.insert(key, &open);
        self.open_claims = self.open_claims.saturating_add(1);
        self.ledger.pending_claims = add(self.ledger.pending_claims, shares.primary)?;
        let id = self.claim_count;
        self.claim_count = id.checked_add(1).ok_or(CoverError::Math(laas_math::MathError::Overflow))?;
        self.claims.insert(id, &Claim { policy, claimant: caller, amount, incident, magnitude_bps, measured, filed_ms: now, status: ClaimStatus::Pending, shares });
        record.claim = Some(id);
        self.policies.insert(policy, &record);
        self.hold_in_layers(&shares, true)?;
        self.env().emit_event(ClaimFiled { claim: id, policy, claimant: caller, amount, magnitude_bps, measured, position: incident.position, product: incident.product, epoch: incident.epoch });
        Ok(id)
    }

    /// Pays or rejects claim `id` (see `settle_claim`); returns what was paid.
    pub(crate) fn settle(&mut self, id: u64, pay: bool) -> Result<u128> {
        if Some(self.env().caller()) != self.claims_role {
            return Err(CoverError::NotClaimsRole);
        }
        let mut claim = self.claims.get(id).ok_or(CoverError::UnknownClaim)?;
        if claim.status != ClaimStatus::Pending {
            return Err(CoverError::ClaimSettled);
        }
        self.roll()?;
        self.ledger.pending_claims = sub(self.ledger.pending_claims, claim.shares.primary)?;
        self.open_claims = self.open_claims.saturating_sub(1);
        let key = (claim.incident.position, claim.incident.product, claim.incident.epoch);
        let paid = if pay {
            // Each layer pays its share to the claimant itself (ink! forbids re-entry, so the
            // bookkeeping after these calls cannot be raced).
            let (junior, reinsurance) = self.pay_from_layers(&claim.shares, key, claim.claimant)?;
            let primary = self.pay(&claim, add(junior, reinsurance)?)?;
            if let Some(Product { trigger: Trigger::SettlementDelay { .. }, .. }) = self.products.get(claim.incident.product) {
                self.open_recovery(id, claim.incident, &claim.shares, (primary, junior, reinsurance))?;
            }
            token::push(self.cover_asset, claim.claimant, primary)?;
            self.env().emit_event(LossSplit { claim: id, primary, junior, reinsurance });
            add(add(primary, junior)?, reinsurance)?
        } else {
            self.hold_in_layers(&claim.shares, false)?;
            let mut open = self.incidents.get(key).unwrap_or_default();
            open.primary = open.primary.saturating_sub(claim.shares.primary);
            open.junior = open.junior.saturating_sub(claim.shares.junior);
            open.reinsurance = open.reinsurance.saturating_sub(claim.shares.reinsurance);
            self.incidents.insert(key, &open);
            self.reopen(claim.policy)
        };
        claim.status = if pay { ClaimStatus::Paid(paid) } else { ClaimStatus::Rejected };
        self.claims.insert(id, &claim);
        self.env().emit_event(ClaimSettled { claim: id, policy: claim.policy, paid, rejected: !pay });
        Ok(paid)
    }

    /// A rejected claim's policy may be claimed on again (for another reading). Returns 0.
    fn reopen(&mut self, policy: u128) -> u128 {
        if let Some(mut record) = self.policies.get(policy) {
            record.claim = None;
            self.policies.insert(policy, &record);
        }
        0
    }

    /// Books the payout of `claim`: the primary's share (what its funds allow), the policy's
    /// released cover, and the incident's and the period's payouts with what the layers
    /// paid (`layers_paid`). Returns the primary's part.
    pub(crate) fn pay(&mut self, claim: &Claim, layers_paid: u128) -> Result<u128> {
        let primary = claim.shares.primary.min(self.ledger.funds);
        self.ledger.funds = sub(self.ledger.funds, primary)?;
        let paid = add(primary, layers_paid)?;
        let record = self.policies.get(claim.policy).ok_or(CoverError::UnknownPolicy)?;
        let cover = record.cover;
        // The policy is spent: its cover no longer backs anything (its premium keeps earning).
        if record.bucket >= self.ledger.next_bucket {
            let mut ending = self.buckets.get(record.bucket).unwrap_or_default();
            ending.cover = ending.cover.saturating_sub(record.cover);
            self.buckets.insert(record.bucket, &ending);
            self.ledger.active_cover = self.ledger.active_cover.saturating_sub(record.cover);
        }
        let mut state = self.product_states.get(record.product).unwrap_or_default();
        if record.bucket >= state.next_bucket {
            let key = (record.product, record.bucket);
            let ending = self.product_buckets.get(key).unwrap_or(0);
            self.product_buckets.insert(key, &ending.saturating_sub(record.cover));
            state.active_cover = state.active_cover.saturating_sub(record.cover);
            self.product_states.insert(record.product, &state);
        }
        let key = (claim.incident.position, claim.incident.product, claim.incident.epoch);
        let mut incident = self.incidents.get(key).unwrap_or_default();
        let first = incident.claims == 0;
        incident.claims = incident.claims.saturating_add(1);
        incident.paid = add(incident.paid, paid)?;
        self.incidents.insert(key, &incident);
        let period = self.period_index(self.env().block_timestamp());
        let mut record = self.periods.get((claim.incident.product, period)).unwrap_or_default();
        record.paid = add(record.paid, paid)?;
        record.claims = record.claims.saturating_add(1);
        record.claimed_cover = add(record.claimed_cover, cover)?;
        if let Some(Product { trigger: Trigger::LiquidityGap { .. }, .. }) = self.products.get(claim.incident.product) {
            record.impact_cost = add(record.impact_cost, mul_div(cover, claim.measured, BPS, Rounding::Up)?)?;
        }
        if first {
            record.triggers = record.triggers.saturating_add(1);
        }
        self.periods.insert((claim.incident.product, period), &record);
        self.period_paid.insert(period, &add(self.period_paid.get(period).unwrap_or(0), paid)?);
        Ok(primary)
    }

    /// Folds product `id`'s first period not yet recalibrated (see `recalibrate`): a period
    /// without cover in force adds no exposure and leaves the probability. Returns the new
    /// probability, bps.
    pub(crate) fn fold(&mut self, id: u32) -> Result<u32> {
        let product = self.products.get(id).ok_or(CoverError::UnknownProduct)?;
        let mut state = self.product_states.get(id).unwrap_or_default();
        let current = self.period_index(self.env().block_timestamp());
        if state.next_period >= current {
            return Err(CoverError::PeriodOpen);
        }
        let period = state.next_period;
        let record = self.periods.get((id, period)).unwrap_or_default();
        // An exposure-period: cover was sold in it, or cover sold before reached into it.
        let starts_ms = self.genesis_ms.saturating_add(period.saturating_mul(self.period_ms));
        if record.written > 0 || state.covered_until_ms > starts_ms {
            state.periods = state.periods.saturating_add(1);
            state.triggers = state.triggers.saturating_add(record.triggers);
        }
        state.covered_until_ms = state.covered_until_ms.max(record.max_end_ms);
        let observed_bps = observed_frequency_bps(u128::from(state.triggers), u128::from(state.periods), self.period_ms)?;
        let k = u128::from(self.params_now().credibility_k);
        let p_new = recalibrate(u128::from(product.prior_bps), observed_bps, u128::from(state.periods), k)?;
        let p_new = u32::try_from(p_new).unwrap_or(u32::MAX);
        let previous_bps = state.p_bps;
        state.p_bps = p_new;
        state.next_period = period.saturating_add(1);
        self.product_states.insert(id, &state);
        self.env().emit_event(Recalibrated {
            product: id,
            period,
            previous_bps,
            observed_bps,
            p_bps: p_new,
            periods: state.periods,
            predicted: record.predicted,
            actual: record.paid,
        });
        Ok(p_new)
    }
}
