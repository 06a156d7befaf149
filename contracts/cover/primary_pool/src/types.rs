//! What the primary pool stores and answers: products, the pool's parameters, policies,
//! claims, incidents, per-period records, and its error.

use ink::primitives::AccountId;
pub use laas_capital::{Bucket, Withdrawal};
use laas_capital::{AccountError, CapitalError};
use laas_math::{MathError, BPS};
use laas_traits::cover::PolicyCallError;
use laas_traits::layer::{LayerCallError, LayerError};
pub use crate::layers::{ClaimShares, LayerSetup};
pub use crate::triggers::{Assessment, Observed, Trigger};
use laas_traits::token::TokenCallError;
use laas_traits::{AccessError, PSP22Error, RegistryError};

/// Results of the pool's messages.
pub type Result<T> = core::result::Result<T, CoverError>;

/// Errors of the primary pool.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum CoverError {
    /// A role check failed, or new cover is paused.
    Access(AccessError),
    /// A cover-asset transfer failed.
    PSP22(PSP22Error),
    /// The policy token refused (minting).
    Policy(laas_traits::cover::PSP34Error),
    /// The registry refused a reading (stale, no data, too few reporters, unknown position).
    Registry(RegistryError),
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// A cross-contract call could not be made.
    CallFailed,
    /// A zero amount (or one worth no shares, or nothing to pay).
    ZeroAmount,
    /// A parameter is out of range.
    InvalidParams,
    /// No product has this id.
    UnknownProduct,
    /// The product sells no new cover.
    ProductInactive,
    /// The term is outside the product's range.
    TermOutOfRange,
    /// The cover is above the product's per-policy maximum.
    AboveMaxCover,
    /// The cover is above the capacity left (after stress): `available` could be bought.
    CapacityExceeded {
        /// The cover still available on this product, now.
        available: u128,
    },
    /// The premium is above the buyer's limit.
    PremiumAboveLimit {
        /// What the cover costs now.
        premium: u128,
    },
    /// The premium rounds to nothing (a product priced at zero sells nothing).
    ZeroPremium,
    /// The account is blacklisted.
    Blacklisted,
    /// The account is the position's operator or a related party, and the product refuses
    /// them.
    RelatedParty,
    /// Expiry buckets are more than a call can process behind: call `advance` first.
    Behind,
    /// No policy has this id in this pool.
    UnknownPolicy,
    /// Only the policy's current owner may claim.
    NotPolicyOwner,
    /// The policy has a claim already.
    AlreadyClaimed,
    /// The claim is filed outside the cover term (or its trigger window reaches before it).
    OutsideCover,
    /// The trigger does not hold.
    NotTriggered,
    /// Only the claims role settles claims.
    NotClaimsRole,
    /// No claim has this id.
    UnknownClaim,
    /// The claim is settled already.
    ClaimSettled,
    /// Shares above the caller's balance or its withdrawal request.
    InsufficientShares,
    /// No withdrawal request, or its cooldown has not passed: ready at `ready_ms`.
    CooldownActive {
        /// When the request may be withdrawn, ms (0: no request).
        ready_ms: u64,
    },
    /// The amount is above the capital not locked by cover in force and pending claims.
    CapitalLocked {
        /// What can be withdrawn now.
        free: u128,
    },
    /// The period is not over, so it cannot be recalibrated.
    PeriodOpen,
    /// The position's NAV is older than a sale allows (`sale_nav_age_ms`): strike it first.
    StaleNav {
        /// How old it is, ms.
        age_ms: u64,
    },
    /// The withdrawal request's window has passed: request again.
    RequestExpired,
    /// The shares are worth nothing now (premiums not yet earned exceed the funds): no
    /// deposit is priced until they are.
    NoValue,
    /// The reinsurance attaches above where the junior's layer ends: losses in between would
    /// be nobody's.
    LayerGap,
    /// The reinsurance attaches below where the junior's layer ends: two layers would pay the
    /// same loss.
    LayerOverlap,
    /// A layer pool refused (a sale it cannot back: `InsufficientCapital`; paused; …).
    Layer(LayerError),
    /// Cover is in force or claims are pending: the layers behind them cannot change.
    CoverInForce,
    /// A layer pool does not back this pool in this place: another cover asset, another
    /// primary pool, the other layer, or other expiry buckets.
    LayerMismatch,
    /// No recovery is recorded for this claim (it paid no maturity guarantee).
    UnknownRecovery,
    /// The recovery is closed (repaid in full, or written off): nothing more is taken.
    RecoveryClosed,
    /// The trigger already holds (a liquidity gap is open): no cover is sold on it until it
    /// closes.
    TriggerHolds,
}

impl From<AccessError> for CoverError {
    fn from(e: AccessError) -> Self {
        CoverError::Access(e)
    }
}

impl From<MathError> for CoverError {
    fn from(e: MathError) -> Self {
        CoverError::Math(e)
    }
}

impl From<CapitalError> for CoverError {
    fn from(e: CapitalError) -> Self {
        match e {
            CapitalError::Math(e) => CoverError::Math(e),
            CapitalError::NoValue => CoverError::NoValue,
        }
    }
}

impl From<AccountError> for CoverError {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::ZeroAmount => CoverError::ZeroAmount,
            AccountError::InsufficientShares => CoverError::InsufficientShares,
            AccountError::CooldownActive { ready_ms } => CoverError::CooldownActive { ready_ms },
            AccountError::RequestExpired => CoverError::RequestExpired,
            AccountError::CapitalLocked { free } => CoverError::CapitalLocked { free },
            AccountError::Capital(e) => e.into(),
        }
    }
}

impl From<LayerCallError> for CoverError {
    fn from(e: LayerCallError) -> Self {
        match e {
            LayerCallError::Layer(e) => CoverError::Layer(e),
            LayerCallError::CallFailed => CoverError::CallFailed,
        }
    }
}

impl From<RegistryError> for CoverError {
    fn from(e: RegistryError) -> Self {
        CoverError::Registry(e)
    }
}

impl From<TokenCallError> for CoverError {
    fn from(e: TokenCallError) -> Self {
        match e {
            TokenCallError::Token(e) => CoverError::PSP22(e),
            TokenCallError::CallFailed => CoverError::CallFailed,
        }
    }
}

impl From<PolicyCallError> for CoverError {
    fn from(e: PolicyCallError) -> Self {
        match e {
            PolicyCallError::Token(e) => CoverError::Policy(e),
            PolicyCallError::CallFailed => CoverError::CallFailed,
        }
    }
}

/// A product's risk tier: its base safety margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Tier {
    /// Lowest margin.
    A,
    /// Middle margin.
    B,
    /// Highest margin.
    C,
}

/// How a product treats the position's operator and related parties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum PartyRule {
    /// They pay the premium times this multiplier, bps (≥ 10,000).
    Multiplier(u32),
    /// They may neither buy nor claim.
    Refuse,
}

/// A cover product (admin-set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Product {
    /// The registry position it covers.
    pub position: u32,
    /// What it pays on.
    pub trigger: Trigger,
    /// The prior probability of the trigger per year, bps (the manual rate recalibration
    /// weighs observations against).
    pub prior_bps: u32,
    /// The expected magnitude of a trigger, bps (what a drawdown past the threshold is
    /// expected to measure; 10,000 for a binary trigger), for the expected loss.
    pub severity_bps: u32,
    /// Share of the measured loss paid, bps.
    pub payout_bps: u32,
    /// Deducted from every payout.
    pub deductible: u128,
    /// Most a policy pays.
    pub max_payout: u128,
    /// Most cover one policy may buy.
    pub max_cover: u128,
    /// Most cover in force on the product at once (before stress shrinks it).
    pub capacity: u128,
    /// Shortest term, ms.
    pub min_term_ms: u64,
    /// Longest term, ms.
    pub max_term_ms: u64,
    /// A policy pays only for events that begin this long after it starts, ms: a loss
    /// already under way (in the venues' prices, not yet struck into NAV) when cover is bought
    /// is not covered.
    pub waiting_ms: u64,
    /// Its tier (base margin).
    pub tier: Tier,
    /// How the position's operator and related parties are treated.
    pub parties: PartyRule,
    /// Whether it sells new cover (claims on policies sold stand regardless).
    pub active: bool,
}

impl Product {
    /// Checks ranges. Errors: `InvalidParams`.
    pub fn validate(&self) -> Result<()> {
        let bps = u32::try_from(BPS).unwrap_or(u32::MAX);
        let trigger_ok = self.trigger.is_valid();
        // The operator decides when a Term position settles and how it is governed: it may not
        // hold cover on either.
        let multiplier_ok = match (self.parties, self.trigger) {
            (PartyRule::Multiplier(_), Trigger::SettlementDelay { .. } | Trigger::Governance) => false,
            (PartyRule::Multiplier(m), _) => m >= bps,
            (PartyRule::Refuse, _) => true,
        };
        let ok = trigger_ok
            && multiplier_ok
            && self.severity_bps <= bps
            && self.payout_bps > 0
            && self.payout_bps <= bps
            && self.max_cover > 0
            && self.max_payout > 0
            && self.capacity > 0
            && self.min_term_ms > self.waiting_ms.saturating_add(self.trigger.span_ms())
            && self.min_term_ms <= self.max_term_ms;
        if ok {
            Ok(())
        } else {
            Err(CoverError::InvalidParams)
        }
    }
}

/// What changes on a product as cover is written, expires, is claimed and recalibrated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ProductState {
    /// The probability of the trigger per year now, bps (the prior, recalibrated).
    pub p_bps: u32,
    /// Cover in force (bought, not expired, not paid out).
    pub active_cover: u128,
    /// The first of its expiry buckets not yet processed.
    pub next_bucket: u64,
    /// The first period not yet recalibrated.
    pub next_period: u64,
    /// Periods recalibrated so far (the exposure-periods `n`).
    pub periods: u32,
    /// Incidents paid in those periods.
    pub triggers: u32,
    /// The latest end of the policies sold in the periods recalibrated so far, ms: a period
    /// it reaches into had cover in force.
    pub covered_until_ms: u64,
}

/// The pool's parameters (admin-set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Params {
    /// Base margin of tiers A, B and C, bps.
    pub tier_margin_bps: [u32; 3],
    /// Margin per bps of congestion, bps (10,000 adds the congestion itself).
    pub congestion_coeff_bps: u32,
    /// Margin per bps of depth fragility, bps.
    pub depth_coeff_bps: u32,
    /// Utilisation surcharge at full use, bps of margin.
    pub util_coeff_bps: u32,
    /// Utilisation where the surcharge starts, bps.
    pub util_kink_bps: u32,
    /// Capacity lost per bps of congestion, bps (all of it at 10,000 bps of shrink).
    pub shrink_coeff_bps: u32,
    /// Operating and reinsurance cost per year, bps of the cover.
    pub oc_bps: u32,
    /// Cover the capital may back, bps of it (at most 10,000: fully collateralised).
    pub capacity_ratio_bps: u32,
    /// Capital stays locked this long after a policy ends, ms.
    pub grace_ms: u64,
    /// Between a withdrawal request and the withdrawal, ms.
    pub cooldown_ms: u64,
    /// How long a request may be used once its cooldown is over, ms (then it expires).
    pub withdraw_window_ms: u64,
    /// The oldest NAV a sale accepts, ms.
    pub sale_nav_age_ms: u64,
    /// Incidents are counted per trigger epoch of this length, ms.
    pub incident_ms: u64,
    /// The credibility constant `k` of recalibration.
    pub credibility_k: u32,
}

impl Params {
    /// Checks ranges. Errors: `InvalidParams`.
    pub fn validate(&self) -> Result<()> {
        let bps = u32::try_from(BPS).unwrap_or(u32::MAX);
        // Fully collateralised at most: leverage waits for the junior and reinsurance layers.
        let ratio_ok = self.capacity_ratio_bps > 0 && self.capacity_ratio_bps <= bps;
        if !ratio_ok || self.util_kink_bps > bps || self.incident_ms == 0 || self.withdraw_window_ms == 0 || self.shrink_coeff_bps > bps.saturating_mul(100) {
            return Err(CoverError::InvalidParams);
        }
        Ok(())
    }

    /// The base margin of `tier`, bps.
    pub fn tier_margin(&self, tier: Tier) -> u128 {
        let [a, b, c] = self.tier_margin_bps;
        u128::from(match tier {
            Tier::A => a,
            Tier::B => b,
            Tier::C => c,
        })
    }
}

/// What the pool keeps of a policy it sold (the token carries the same terms for wallets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PolicyRecord {
    /// Its product.
    pub product: u32,
    /// The cover.
    pub cover: u128,
    /// Cover starts, ms.
    pub start_ms: u64,
    /// Cover ends, ms.
    pub end_ms: u64,
    /// The premium paid.
    pub premium: u128,
    /// The expiry bucket its capital lock and premium earning end in.
    pub bucket: u64,
    /// Its claim, once filed.
    pub claim: Option<u64>,
}

/// A claim's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum ClaimStatus {
    /// Filed; its amount is locked.
    Pending,
    /// Paid this amount.
    Paid(u128),
    /// Rejected by the claims role.
    Rejected,
}

/// An incident: a trigger of a product on a position in a trigger epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Incident {
    /// The position.
    pub position: u32,
    /// The product.
    pub product: u32,
    /// The trigger epoch (`filed_ms / incident_ms`).
    pub epoch: u64,
}

/// A filed claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Claim {
    /// The policy.
    pub policy: u128,
    /// Who filed it (the policy's owner then), and who is paid.
    pub claimant: AccountId,
    /// What the trigger's measure makes the policy pay (locked while pending).
    pub amount: u128,
    /// The incident it belongs to.
    pub incident: Incident,
    /// The trigger's magnitude, bps.
    pub magnitude_bps: u128,
    /// What the trigger's measure read (drawdown or impact bps, wait or delay ms; 0 when
    /// nothing is measured).
    pub measured: u128,
    /// When it was filed, ms.
    pub filed_ms: u64,
    /// Pending, paid or rejected.
    pub status: ClaimStatus,
    /// Its share of the incident per layer (summing to `amount`, or less above the layers'
    /// capacity), and the layers holding them.
    pub shares: ClaimShares,
}

/// An incident's key: (position, product, trigger epoch).
pub type IncidentKey = (u32, u32, u64);

/// What an incident has paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct IncidentRecord {
    /// Claims paid.
    pub claims: u32,
    /// Paid in total, by every layer.
    pub paid: u128,
    /// The primary's shares of the claims filed and not rejected (the next claim fills what
    /// each layer still has room for).
    pub primary: u128,
    /// The junior's shares of them.
    pub junior: u128,
    /// The reinsurance's shares of them.
    pub reinsurance: u128,
    /// Claims paid in the period when the incident opened (the reinsurance takes its
    /// aggregate share if they exceeded the threshold).
    pub base: u128,
}

/// A product's record of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PeriodRecord {
    /// Cover written.
    pub written: u128,
    /// Premiums written.
    pub premiums: u128,
    /// The expected loss of the cover written, over its terms (predicted losses).
    pub predicted: u128,
    /// Claims paid (actual losses).
    pub paid: u128,
    /// Incidents that paid for the first time in the period.
    pub triggers: u32,
    /// Claims paid.
    pub claims: u32,
    /// The cover of the policies whose claims were paid.
    pub claimed_cover: u128,
    /// What the measured impact cost those policies' cover, before the subsidy (liquidity-gap
    /// cover; the same redemptions' cost to an uninsured holder).
    pub impact_cost: u128,
    /// Taken back from operators (maturity guarantees' recoveries).
    pub recovered: u128,
    /// The latest end of the policies sold in the period, ms.
    pub max_end_ms: u64,
}

/// A price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Quote {
    /// What the cover costs.
    pub premium: u128,
    /// The expected loss per year of the cover.
    pub expected_loss: u128,
    /// The margin applied (tier, stress, utilisation), bps.
    pub margin_bps: u128,
    /// The utilisation surcharge within it, bps.
    pub surcharge_bps: u128,
    /// The product's capacity used after this policy, bps.
    pub utilisation_bps: u128,
    /// The cover still available on the product before this policy (after stress).
    pub available: u128,
    /// The congestion read, bps of supply per day.
    pub congestion_bps: u128,
    /// The depth fragility read, bps.
    pub depth_bps: u128,
    /// Whether the buyer pays the operator's multiplier.
    pub party: bool,
}

/// The pool's capital, as underwriters see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Capital {
    /// The cover asset held for underwriters (deposits and premiums, less payouts and
    /// withdrawals).
    pub funds: u128,
    /// Premiums not earned yet.
    pub unearned: u128,
    /// Claims filed and not settled.
    pub pending_claims: u128,
    /// What the shares are worth: funds − unearned − pending claims.
    pub value: u128,
    /// Cover in force.
    pub active_cover: u128,
    /// Capital locked behind cover in force and pending claims.
    pub locked: u128,
    /// What may be withdrawn now.
    pub free: u128,
    /// Shares outstanding.
    pub shares: u128,
    /// Whether the expiry buckets are processed up to now.
    pub current: bool,
}
