//! What a product pays on (SPEC §4.2): the four kinds of cover and how a claim's evidence is
//! read and assessed.
//!
//! * **Parametric cover** — a NAV drawdown over a window, a redemption queue's wait: measured
//!   by the position registry now.
//! * **Maturity guarantee** — a Term position settled (or still unsettled) more than a
//!   threshold after its maturity: the registry's `settlement_delay`. What the layers pay is
//!   then owed back by the operator (`recoveries`).
//! * **Liquidity-gap cover** — redemptions concentrated (congestion) and the venue's price
//!   impact for the reference size above thresholds: the policy subsidises the impact above
//!   the threshold along a linear curve (the payout ratio of it), up to a cap.
//! * **Governance-failure cover** — non-parametric (concentration above a threshold, an
//!   allocation to an unaudited target): nothing on chain measures it, so a claim records
//!   the policy's full loss and waits for the claims role (the committee) to pay or reject.

use laas_math::BPS;
use laas_traits::{Measure, Reading};

/// What a product pays on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Trigger {
    /// `nav_drawdown(position, window_ms)` above `threshold_bps`; pays in proportion to the
    /// drawdown.
    NavDrawdown {
        /// The drawdown window, ms.
        window_ms: u64,
        /// The drawdown that triggers, bps (exclusive).
        threshold_bps: u32,
    },
    /// `queue_wait(position)` above `threshold_ms`; pays in full (binary).
    QueueWait {
        /// The wait that triggers, ms (exclusive).
        threshold_ms: u64,
    },
    /// The maturity guarantee of a Term position: `settlement_delay(position)` above
    /// `threshold_ms`; pays in full, and what is paid is owed back by the operator.
    SettlementDelay {
        /// The position's maturity, as registered, ms: a policy must be in force from
        /// `waiting_ms` before it until `threshold_ms` after it.
        maturity_ms: u64,
        /// The delay that triggers, ms (exclusive).
        threshold_ms: u64,
    },
    /// Liquidity-gap cover: `congestion(position)` above `congestion_bps` and
    /// `depth_fragility(position)` above `depth_bps`; pays the payout ratio of the impact
    /// above `depth_bps`, at most `cap_bps` of it.
    LiquidityGap {
        /// The redemptions per day that make a gap, bps of supply (exclusive).
        congestion_bps: u32,
        /// The price impact a holder bears alone, bps (exclusive).
        depth_bps: u32,
        /// The most impact subsidised, bps.
        cap_bps: u32,
    },
    /// Governance-failure cover (non-parametric): a claim waits for the claims role.
    Governance,
}

/// The evidence a claim is assessed on, read from the registry when it is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    /// One reading of the trigger's measure.
    One(Reading),
    /// A liquidity gap's congestion and price impact.
    Stress {
        /// Redemptions per day, bps of supply.
        congestion: Reading,
        /// Price impact of the reference size, bps.
        depth: Reading,
    },
    /// Nothing (a non-parametric trigger).
    Nothing,
}

/// What a trigger's evidence says (see [`Trigger::assess`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    /// Whether it passes the threshold.
    pub hit: bool,
    /// The magnitude the loss is computed from, bps (≤ 100%).
    pub magnitude_bps: u128,
    /// What was measured, in the measure's unit (drawdown or impact bps, wait or delay ms; 0
    /// for a non-parametric trigger).
    pub measured: u128,
    /// When the measured event began, ms.
    pub began_ms: u64,
    /// When it crossed the threshold, ms.
    pub crossed_ms: u64,
}

impl Trigger {
    /// The registry query that measures it alone, if one does (the liquidity gap reads the
    /// underwriting view's two observables; governance reads nothing).
    pub fn measure(&self) -> Option<Measure> {
        match self {
            Trigger::NavDrawdown { window_ms, .. } => Some(Measure::NavDrawdown { window_ms: *window_ms }),
            Trigger::QueueWait { .. } => Some(Measure::QueueWait),
            Trigger::SettlementDelay { .. } => Some(Measure::SettlementDelay),
            Trigger::LiquidityGap { .. } | Trigger::Governance => None,
        }
    }

    /// Whether its parameters are in range.
    pub fn is_valid(&self) -> bool {
        let bps = u32::try_from(BPS).unwrap_or(u32::MAX);
        match *self {
            Trigger::NavDrawdown { window_ms, threshold_bps } => window_ms > 0 && threshold_bps < bps,
            Trigger::QueueWait { threshold_ms } => threshold_ms > 0,
            Trigger::SettlementDelay { maturity_ms, threshold_ms } => maturity_ms > 0 && threshold_ms > 0,
            Trigger::LiquidityGap { depth_bps, cap_bps, .. } => depth_bps < bps && cap_bps > 0 && cap_bps <= bps,
            Trigger::Governance => true,
        }
    }

    /// Whether a policy from `start_ms` to `end_ms` can ever pay, with `waiting_ms` of waiting:
    /// a maturity guarantee must be bought `waiting_ms` before the maturity and last until the
    /// delay that triggers; other triggers can hit at any time.
    pub fn coverable(&self, start_ms: u64, end_ms: u64, waiting_ms: u64) -> bool {
        match *self {
            Trigger::SettlementDelay { maturity_ms, threshold_ms } => start_ms.saturating_add(waiting_ms) <= maturity_ms && maturity_ms.saturating_add(threshold_ms) <= end_ms,
            _ => true,
        }
    }

    /// The largest magnitude a claim can have, bps: what a policy's most possible loss is
    /// computed from.
    pub fn max_magnitude_bps(&self) -> u128 {
        match self {
            Trigger::LiquidityGap { cap_bps, .. } => u128::from(*cap_bps),
            _ => BPS,
        }
    }

    /// For the evidence `observed` at `now_ms`: whether it triggers, the magnitude, when the
    /// measured event began (the drawdown window's start; when the queue began to wait or the
    /// gap was observed, counted from the observation's age; the maturity; the filing of a
    /// governance claim) and when it crossed the threshold (now for a drawdown; the queue's
    /// start plus the threshold; the maturity plus the threshold). Evidence of another kind
    /// than the trigger's does not trigger.
    pub fn assess(&self, observed: Observed, now_ms: u64) -> Assessment {
        let miss = Assessment { hit: false, magnitude_bps: 0, measured: 0, began_ms: now_ms, crossed_ms: now_ms };
        match (*self, observed) {
            (Trigger::NavDrawdown { window_ms, threshold_bps }, Observed::One(r)) => Assessment {
                hit: r.value > u128::from(threshold_bps),
                magnitude_bps: r.value.min(BPS),
                measured: r.value,
                began_ms: now_ms.saturating_sub(window_ms),
                crossed_ms: now_ms,
            },
            (Trigger::QueueWait { threshold_ms }, Observed::One(r)) => {
                let wait = u64::try_from(r.value).unwrap_or(u64::MAX);
                let began_ms = now_ms.saturating_sub(r.age_ms).saturating_sub(wait);
                Assessment { hit: wait > threshold_ms, magnitude_bps: BPS, measured: r.value, began_ms, crossed_ms: began_ms.saturating_add(threshold_ms) }
            }
            (Trigger::SettlementDelay { maturity_ms, threshold_ms }, Observed::One(r)) => Assessment {
                hit: r.value > u128::from(threshold_ms),
                magnitude_bps: BPS,
                measured: r.value,
                began_ms: maturity_ms,
                crossed_ms: maturity_ms.saturating_add(threshold_ms),
            },
            (Trigger::LiquidityGap { congestion_bps, depth_bps, cap_bps }, Observed::Stress { congestion, depth }) => {
                let seen_ms = now_ms.saturating_sub(congestion.age_ms.max(depth.age_ms));
                Assessment {
                    hit: congestion.value > u128::from(congestion_bps) && depth.value > u128::from(depth_bps),
                    magnitude_bps: depth.value.saturating_sub(u128::from(depth_bps)).min(u128::from(cap_bps)),
                    measured: depth.value,
                    began_ms: seen_ms,
                    crossed_ms: seen_ms,
                }
            }
            (Trigger::Governance, Observed::Nothing) => Assessment { hit: true, magnitude_bps: BPS, measured: 0, began_ms: now_ms, crossed_ms: now_ms },
            _ => miss,
        }
    }

    /// How long the trigger takes to measure: a drawdown's window, a queue's or a
    /// settlement's threshold (nothing for the others).
    pub fn span_ms(&self) -> u64 {
        match self {
            Trigger::NavDrawdown { window_ms, .. } => *window_ms,
            Trigger::QueueWait { threshold_ms } | Trigger::SettlementDelay { threshold_ms, .. } => *threshold_ms,
            Trigger::LiquidityGap { .. } | Trigger::Governance => 0,
        }
    }
}
