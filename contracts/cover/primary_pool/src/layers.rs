//! The layers above the primary pool (SPEC §4.4): the junior pool and the reinsurance pool
//! (`layer_pool`), how premiums are split with them and the DAO treasury, and how every
//! incident's loss is split between the three with `laas_pricing::waterfall::split`.
//!
//! * **Sales**: of every premium, the junior and the reinsurance get their share (paid to
//!   them at once and earned over the term there, with the policy's exposure locked behind
//!   it), the treasury its share (accrued here, swept by anyone), the primary the rest.
//! * **Claims**: an incident's claims fill the layers in filing order
//!   (`laas_pricing::waterfall::fill`): the primary's room under the retention first, then
//!   the junior's, then the reinsurance's, so the primary pays the first `retention` of the
//!   incident however many policies it hits and no layer pays past its limit; what no layer
//!   has room for stays with the primary, which backs its whole cover. A rejected claim gives
//!   back exactly its own shares. Whether the reinsurance also takes its aggregate share is
//!   fixed when the incident opens: by the claims paid in the period before it. Each layer
//!   holds its share when the claim is filed and pays it to the claimant when it is paid; the
//!   primary pool calls each in turn, never one through another.
//! * The layers change only with no cover in force and no claim pending: who backs a policy
//!   is who was paid for it.

use crate::primary_pool::PrimaryPool;
use ink::codegen::Env;
use crate::types::*;
use ink::primitives::AccountId;
use laas_math::{mul_div, sub, Rounding, BPS};
use laas_pricing::waterfall::{fill, LayerError as Stack, Layers, Shares};
use laas_traits::{layer, token};

/// The layers above the primary pool and the premium split (admin-set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct LayerSetup {
    /// The junior pool (`None`: no junior layer; its limit and premium share must be 0).
    pub junior: Option<AccountId>,
    /// The reinsurance pool (`None`: none; its limit and premium share must be 0).
    pub reinsurance: Option<AccountId>,
    /// What the primary pays of every incident, at most.
    pub retention: u128,
    /// What the junior pays above the retention, at most.
    pub junior_limit: u128,
    /// Where the reinsurance attaches: exactly `retention + junior_limit`.
    pub attachment: u128,
    /// What the reinsurance pays of an incident, at most.
    pub reinsurance_limit: u128,
    /// Claims paid in a period from which the reinsurance takes a share of every new incident.
    pub aggregate_threshold: u128,
    /// That share, bps.
    pub aggregate_share_bps: u32,
    /// The junior's share of every premium, bps.
    pub junior_premium_bps: u32,
    /// The reinsurance's share of every premium, bps.
    pub reinsurance_premium_bps: u32,
    /// The DAO treasury's share of every premium, bps.
    pub treasury_premium_bps: u32,
    /// Where the treasury's share goes.
    pub treasury: AccountId,
}

impl LayerSetup {
    /// The waterfall's terms.
    pub fn terms(&self) -> Layers {
        Layers {
            retention: self.retention,
            junior_limit: self.junior_limit,
            attachment: self.attachment,
            reinsurance_limit: self.reinsurance_limit,
            aggregate_threshold: self.aggregate_threshold,
            aggregate_share_bps: u128::from(self.aggregate_share_bps),
        }
    }

    /// Errors: `LayerGap`, `LayerOverlap` (the reinsurance does not attach where the junior's
    /// layer ends), `InvalidParams` (a share over 100%, premium shares over 100% together, a
    /// layer without an account given a limit or a share, or with an account and no limit).
    pub fn validate(&self) -> Result<()> {
        self.terms().validate().map_err(|e| match e {
            Stack::Gap => CoverError::LayerGap,
            Stack::Overlap => CoverError::LayerOverlap,
            Stack::Share | Stack::Math(_) => CoverError::InvalidParams,
        })?;
        let shares = u128::from(self.junior_premium_bps).saturating_add(u128::from(self.reinsurance_premium_bps)).saturating_add(u128::from(self.treasury_premium_bps));
        let fits = |pool: Option<AccountId>, limit: u128, share: u32| match pool {
            Some(_) => limit > 0,
            None => limit == 0 && share == 0,
        };
        if shares > BPS
            || !fits(self.junior, self.junior_limit, self.junior_premium_bps)
            || !fits(self.reinsurance, self.reinsurance_limit, self.reinsurance_premium_bps)
            || (self.reinsurance.is_none() && self.aggregate_share_bps > 0)
            || (self.junior.is_some() && self.junior == self.reinsurance)
        {
            return Err(CoverError::InvalidParams);
        }
        Ok(())
    }
}

/// A claim's share of its incident, per layer, and the layers that hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ClaimShares {
    /// The primary's share.
    pub primary: u128,
    /// The junior's share, held by `junior_pool`.
    pub junior: u128,
    /// The reinsurance's share, held by `reinsurance_pool`.
    pub reinsurance: u128,
    /// The junior pool when the claim was filed.
    pub junior_pool: Option<AccountId>,
    /// The reinsurance pool when the claim was filed.
    pub reinsurance_pool: Option<AccountId>,
}

/// What a sale cedes: to each layer its premium and exposure, to the treasury its share.
pub(crate) struct Cession {
    /// Premium the primary keeps.
    pub kept: u128,
    /// The junior's premium and exposure.
    pub junior: (u128, u128),
    /// The reinsurance's premium and exposure.
    pub reinsurance: (u128, u128),
    /// The treasury's premium.
    pub treasury: u128,
}

fn part(premium: u128, bps: u32) -> Result<u128> {
    Ok(mul_div(premium, u128::from(bps), BPS, Rounding::Down)?)
}

impl PrimaryPool {
    /// How a sale's `premium` for cover whose most it can pay is `max_loss` is split.
    pub(crate) fn cession(&self, premium: u128, max_loss: u128) -> Result<Cession> {
        let Some(setup) = self.layers.get() else {
            return Ok(Cession { kept: premium, junior: (0, 0), reinsurance: (0, 0), treasury: 0 });
        };
        // A layer without exposure in the policy (none set, or a policy that can pay nothing)
        // is ceded no premium.
        let ceded = |bps: u32, limit: u128| -> Result<(u128, u128)> {
            let exposure = max_loss.min(limit);
            Ok((if exposure == 0 { 0 } else { part(premium, bps)? }, exposure))
        };
        let junior = ceded(setup.junior_premium_bps, setup.junior_limit)?;
        let reinsurance = ceded(setup.reinsurance_premium_bps, setup.reinsurance_limit)?;
        let treasury = part(premium, setup.treasury_premium_bps)?;
        let kept = sub(sub(sub(premium, junior.0)?, reinsurance.0)?, treasury)?;
        Ok(Cession { kept, junior, reinsurance, treasury })
    }

    /// Pays each layer its premium and books its exposure until `until_ms` (after the sale is
    /// booked here). A layer that cannot back it refuses, and so the sale.
    pub(crate) fn cede(&mut self, cession: &Cession, until_ms: u64) -> Result<()> {
        let Some(setup) = self.layers.get() else { return Ok(()) };
        for (pool, (premium, exposure), limit) in [(setup.junior, cession.junior, setup.junior_limit), (setup.reinsurance, cession.reinsurance, setup.reinsurance_limit)] {
            let Some(pool) = pool else { continue };
            if exposure == 0 {
                continue;
            }
            token::push(self.cover_asset, pool, premium)?;
            layer::underwrite(pool, exposure, premium, until_ms, limit)?;
        }
        Ok(())
    }

    /// The share of each layer in a claim of `amount` on `incident` (what its live claims
    /// already take, and the period's payouts when it opened).
    pub(crate) fn claim_shares(&self, incident: &IncidentRecord, amount: u128) -> Result<ClaimShares> {
        let Some(setup) = self.layers.get() else {
            return Ok(ClaimShares { primary: amount, ..ClaimShares::default() });
        };
        let used = Shares { primary: incident.primary, junior: incident.junior, reinsurance: incident.reinsurance };
        let aggregate = setup.aggregate_share_bps > 0 && incident.base > setup.aggregate_threshold;
        let Shares { primary, junior, reinsurance } = fill(amount, &used, &setup.terms(), aggregate)?;
        Ok(ClaimShares { primary, junior, reinsurance, junior_pool: setup.junior, reinsurance_pool: setup.reinsurance })
    }

    /// Holds (`held`) or releases a claim's shares in its layers.
    pub(crate) fn hold_in_layers(&self, shares: &ClaimShares, held: bool) -> Result<()> {
        for (pool, amount) in [(shares.junior_pool, shares.junior), (shares.reinsurance_pool, shares.reinsurance)] {
            if let (Some(pool), true) = (pool, amount > 0) {
                layer::hold(pool, amount, held)?;
            }
        }
        Ok(())
    }

    /// Has each layer pay its share of a claim to `to`; returns what the junior and the
    /// reinsurance paid.
    pub(crate) fn pay_from_layers(&self, shares: &ClaimShares, incident: IncidentKey, to: AccountId) -> Result<(u128, u128)> {
        let mut paid = [0u128; 2];
        for (slot, (pool, amount)) in paid.iter_mut().zip([(shares.junior_pool, shares.junior), (shares.reinsurance_pool, shares.reinsurance)]) {
            if let (Some(pool), true) = (pool, amount > 0) {
                *slot = layer::pay(pool, incident, to, amount)?;
            }
        }
        Ok((paid[0], paid[1]))
    }

    /// Pays the treasury's accrued premium share to the treasury; returns it. Anyone may call.
    pub(crate) fn sweep(&mut self) -> Result<u128> {
        let due = self.treasury_due;
        let Some(setup) = self.layers.get() else { return Ok(0) };
        self.treasury_due = 0;
        token::push(self.cover_asset, setup.treasury, due)?;
        Ok(due)
    }

    /// Sets the layers (see `set_layers`): only with no cover in force and no claim pending,
    /// and only layer pools that back this pool in their place; what the treasury has accrued
    /// is paid to it first. Returns what was swept.
    pub(crate) fn replace_layers(&mut self, setup: &LayerSetup) -> Result<u128> {
        setup.validate()?;
        let (ledger, _) = self.rolled(self.ledger, self.env().block_timestamp())?;
        if ledger.active_cover > 0 || self.open_claims > 0 {
            return Err(CoverError::CoverInForce);
        }
        self.check_layer(setup.junior, 0)?;
        self.check_layer(setup.reinsurance, 1)?;
        let swept = if self.treasury_due > 0 { self.sweep()? } else { 0 };
        self.layers.set(setup);
        Ok(swept)
    }

    /// `LayerMismatch` unless `pool` (if any) is layer `kind` (0 junior, 1 reinsurance) of this
    /// pool, in its cover asset and with its expiry buckets. (Off chain, where no contract can
    /// be called, the unit tests take it as given.)
    fn check_layer(&self, pool: Option<AccountId>, kind: u8) -> Result<()> {
        let Some(pool) = pool else { return Ok(()) };
        if cfg!(test) {
            return Ok(());
        }
        let (asset, primary, layer, bucket_ms) = layer::setup(pool)?;
        if asset != self.cover_asset || primary != self.env().account_id() || layer != kind || bucket_ms != self.bucket_ms {
            return Err(CoverError::LayerMismatch);
        }
        Ok(())
    }
}
