//! The loss waterfall across the three layers of cover capital (SPEC §4.4): how one
//! incident's loss splits between the primary pool, the junior pool and the reinsurance.
//!
//! * The primary pays the first `retention` of every incident; the junior the layer above, up
//!   to its `junior_limit`; the reinsurance everything above its `attachment` (which must be
//!   exactly where the junior's layer ends: no gap, no overlap), up to its own limit.
//! * Once the claims paid in a period have reached `aggregate_threshold` (a "rainy season"
//!   rather than one black swan), the reinsurance also takes `aggregate_share_bps` of every
//!   further loss in that period, off the top before the layers split the rest.
//!
//! [`split`] computes every layer's share of a whole incident's loss in one place, so the
//! primary pool and any off-chain tool agree to the unit: the shares sum to the loss capped by
//! the three limits. [`fill`] is the same rule applied one claim at a time, as the primary pool
//! meets an incident's claims: each claim fills what the layers still have room for, so a
//! rejected claim gives back exactly its own shares and no layer ever pays past its limit;
//! what no layer has room for stays with the primary, which backs its whole cover. The
//! reinsurance's aggregate share rounds down (the first-loss layers, paid for the frequent
//! losses, take the remainder).

use laas_math::{add, mul_div, MathError, Rounding, BPS};

/// The layers' parameters for an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layers {
    /// What the primary pays of every incident, at most.
    pub retention: u128,
    /// What the junior pays above the retention, at most.
    pub junior_limit: u128,
    /// The loss above which the reinsurance pays: `retention + junior_limit`.
    pub attachment: u128,
    /// What the reinsurance pays of an incident, at most.
    pub reinsurance_limit: u128,
    /// Claims paid in a period from which the reinsurance takes a share of every further loss.
    pub aggregate_threshold: u128,
    /// That share, bps (≤ 10,000).
    pub aggregate_share_bps: u128,
}

/// Why a set of layers is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerError {
    /// The reinsurance attaches above where the junior's layer ends: losses in between would
    /// be nobody's.
    Gap,
    /// The reinsurance attaches below where the junior's layer ends: two layers would pay the
    /// same loss.
    Overlap,
    /// The aggregate share is above 100%.
    Share,
    /// The limits overflow.
    Math(MathError),
}

impl Layers {
    /// Checks that the layers stack without a gap or an overlap. Errors: [`LayerError`].
    pub fn validate(&self) -> Result<(), LayerError> {
        let top_of_junior = add(self.retention, self.junior_limit).map_err(LayerError::Math)?;
        add(top_of_junior, self.reinsurance_limit).map_err(LayerError::Math)?;
        if self.attachment > top_of_junior {
            return Err(LayerError::Gap);
        }
        if self.attachment < top_of_junior {
            return Err(LayerError::Overlap);
        }
        if self.aggregate_share_bps > BPS {
            return Err(LayerError::Share);
        }
        Ok(())
    }

    /// The most an incident can cost the three layers together.
    pub fn capacity(&self) -> Result<u128, MathError> {
        add(add(self.retention, self.junior_limit)?, self.reinsurance_limit)
    }
}

/// One incident's loss split between the layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shares {
    /// The primary pool's share.
    pub primary: u128,
    /// The junior pool's share.
    pub junior: u128,
    /// The reinsurance's share.
    pub reinsurance: u128,
}

impl Shares {
    /// What the layers pay together.
    pub fn total(&self) -> Result<u128, MathError> {
        add(add(self.primary, self.junior)?, self.reinsurance)
    }
}

/// Splits `loss` between `layers` (validated), with `paid_in_period` claims paid in the period
/// before it (the aggregate share applies once they exceed the threshold): the shares sum to
/// `min(loss, capacity)`.
pub fn split(loss: u128, layers: &Layers, paid_in_period: u128) -> Result<Shares, MathError> {
    let aggregate = paid_in_period > layers.aggregate_threshold && layers.aggregate_share_bps > 0;
    let off_the_top = if aggregate { mul_div(loss, layers.aggregate_share_bps.min(BPS), BPS, Rounding::Down)?.min(layers.reinsurance_limit) } else { 0 };
    let rest = loss.saturating_sub(off_the_top);
    let primary = rest.min(layers.retention);
    let junior = rest.saturating_sub(primary).min(layers.junior_limit);
    let above = rest.saturating_sub(primary).saturating_sub(junior).min(layers.reinsurance_limit.saturating_sub(off_the_top));
    Ok(Shares { primary, junior, reinsurance: add(off_the_top, above)? })
}

/// One claim of `amount` on an incident whose live claims already take `used` of each layer
/// (`aggregate`: the reinsurance takes its aggregate share of this incident): the aggregate
/// share off the top, within the reinsurance's room; then the primary's room under the
/// retention, the junior's room, the reinsurance's room; what is left stays with the primary.
/// The shares sum to `amount`; `used` plus them never passes the junior's or the reinsurance's
/// limit. With no claim taken back, claim after claim fills exactly what [`split`] gives the
/// incident's total (the aggregate share rounded per claim).
pub fn fill(amount: u128, used: &Shares, layers: &Layers, aggregate: bool) -> Result<Shares, MathError> {
    let reinsurance_room = layers.reinsurance_limit.saturating_sub(used.reinsurance);
    let off_the_top = if aggregate { mul_div(amount, layers.aggregate_share_bps.min(BPS), BPS, Rounding::Down)?.min(reinsurance_room) } else { 0 };
    let rest = amount.saturating_sub(off_the_top);
    let primary = rest.min(layers.retention.saturating_sub(used.primary));
    let junior = rest.saturating_sub(primary).min(layers.junior_limit.saturating_sub(used.junior));
    let above = rest.saturating_sub(primary).saturating_sub(junior).min(reinsurance_room.saturating_sub(off_the_top));
    let tail = rest.saturating_sub(primary).saturating_sub(junior).saturating_sub(above);
    Ok(Shares { primary: add(primary, tail)?, junior, reinsurance: add(off_the_top, above)? })
}

/// A repayment of `amount` into a recovery whose layers are still owed `owed` (what each
/// paid, less what came back): the reverse of the waterfall, the reinsurance first, then the
/// junior, then the primary, each up to what it is owed. The shares sum to
/// `min(amount, owed.total())`; the rest is not taken.
pub fn recover(amount: u128, owed: &Shares) -> Shares {
    let reinsurance = amount.min(owed.reinsurance);
    let junior = amount.saturating_sub(reinsurance).min(owed.junior);
    let primary = amount.saturating_sub(reinsurance).saturating_sub(junior).min(owed.primary);
    Shares { primary, junior, reinsurance }
}
