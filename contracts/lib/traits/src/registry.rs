//! The position registry (SPEC §4.1): standardized positions and the observables that price
//! cover and settle claims. Here are the registry's error, the shapes other contracts send it,
//! and the narrow interface they call ([`PositionFeed`]): a factory registers the tAsset of each
//! reactor it creates; a reactor pushes its NAV, supply and queue at every rollover and NAV
//! strike (best effort: [`push`] never fails its caller); a Term position's contract records
//! its settlement.

use crate::access::AccessError;
use ink::env::call::build_call;
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_math::MathError;
use psp22::PSP22Error;

/// Most related parties a position declares (SPEC §2: bounded lists).
pub const MAX_RELATED: usize = 15;
/// Most reporters per position (SPEC §2).
pub const MAX_REPORTERS: usize = 15;
/// Fewest reports an epoch needs for its median to count (SPEC §4.1).
pub const MIN_REPORTS: usize = 3;

/// Errors of the position registry.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum RegistryError {
    /// A role check failed, or registrations and joins are paused.
    Access(AccessError),
    /// A bond transfer failed.
    PSP22(PSP22Error),
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// No position has this id (or this token, or this source).
    UnknownPosition,
    /// The token is already a registered position.
    AlreadyRegistered,
    /// The source already feeds another position.
    SourceTaken,
    /// More related parties than [`MAX_RELATED`].
    TooManyRelated,
    /// A parameter or a registration field is out of range.
    InvalidParams,
    /// Only the position's own source (its reactor, its Term contract) may push this.
    NotSource,
    /// The position is not a Term position.
    NotTerm,
    /// The settlement is already recorded.
    AlreadySettled,
    /// The caller is not whitelisted for this position.
    NotWhitelisted,
    /// The caller is already a reporter of this position, or still has a bond here.
    AlreadyJoined,
    /// The position has [`MAX_REPORTERS`] reporters.
    TooManyReporters,
    /// The bond is below the minimum.
    BondTooSmall,
    /// The caller is not an active reporter of this position.
    NotReporter,
    /// The observable has a first-party source: reporters do not report it.
    FirstParty,
    /// The report is not for the epoch the clock is in.
    WrongEpoch,
    /// The reporter already reported this observable in this epoch.
    AlreadyReported,
    /// The epoch is still open (or there is nothing to close).
    EpochOpen,
    /// Still an active reporter: leave first.
    StillActive,
    /// The bond's cooldown has not passed.
    CooldownActive,
    /// The observable has never been observed.
    NoData,
    /// The data is older than the maximum age: it can price and trigger nothing.
    Stale {
        /// How old the data is, ms.
        age_ms: u64,
    },
    /// The observable is reporter-fed and the position has fewer than [`MIN_REPORTS`]
    /// active reporters.
    TooFewReporters,
    /// The window is longer than the NAV history kept.
    WindowTooLong,
    /// The position has no venue to measure depth at.
    NoVenue,
    /// A reported value is out of range (a share above 100%, a settlement in the future).
    InvalidValue,
    /// The Term position is not due yet: a settlement is recorded from its maturity on.
    NotDue,
    /// A cross-contract call could not be made.
    CallFailed,
}

impl From<AccessError> for RegistryError {
    fn from(e: AccessError) -> Self {
        RegistryError::Access(e)
    }
}

impl From<MathError> for RegistryError {
    fn from(e: MathError) -> Self {
        RegistryError::Math(e)
    }
}

impl From<crate::token::TokenCallError> for RegistryError {
    fn from(e: crate::token::TokenCallError) -> Self {
        match e {
            crate::token::TokenCallError::Token(e) => RegistryError::PSP22(e),
            crate::token::TokenCallError::CallFailed => RegistryError::CallFailed,
        }
    }
}

/// A position's class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Class {
    /// Redeemable on request (a tAsset).
    Open,
    /// Redeemed at a maturity date.
    Term {
        /// When it is due, ms.
        maturity_ms: u64,
    },
}

/// A position as it is registered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Registration {
    /// The position token (a tAsset, an external share).
    pub token: AccountId,
    /// Open or Term.
    pub class: Class,
    /// The party responsible for the position (a reactor's admin, a vault's operator).
    pub operator: AccountId,
    /// Parties related to the operator (≤ [`MAX_RELATED`]), for recusal and moral hazard.
    pub related: Vec<AccountId>,
    /// The contract that pushes the position's own observables (its reactor, its Term
    /// contract), if any; the rest comes from reporters.
    pub source: Option<AccountId>,
    /// The exchange pool (`venue_amm`) whose depth is measured for this position, if any.
    pub venue: Option<AccountId>,
    /// The reference size depth is measured for, in the position's underlying asset.
    pub reference_size: u128,
}

/// What a position's source pushes at every rollover and NAV strike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Observation {
    /// NAV per share, 1e18 (0 when nothing is left).
    pub nav: u128,
    /// Shares exposed to NAV (not under a matured request).
    pub supply: u128,
    /// Shares whose redemption this rollover matured (firm requests: a matured request can no
    /// longer be withdrawn or changed): the flow `congestion` reads. 0 at a NAV strike, where
    /// pending requests, which their holders may still cancel, do not count.
    pub requested: u128,
    /// Shares whose redemption is due and not paid (matured requests the pool could not fund):
    /// the queue `queue_wait` reads.
    pub unpaid: u128,
}

/// A reward-distribution receipt: what a rollover paid the position's holders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Receipt {
    /// The epoch the rollover opened.
    pub epoch: u32,
    /// Paid in the asset.
    pub asset: u128,
    /// Paid in the pairing token (TOKE).
    pub pairing: u128,
}

/// A derived query's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Reading {
    /// The value, in the unit the query names.
    pub value: u128,
    /// How old the data behind it is, ms.
    pub age_ms: u64,
}

/// What cover needs to know of a position to sell a policy on it, in one call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Underwriting {
    /// The party responsible for the position.
    pub operator: AccountId,
    /// Parties related to the operator.
    pub related: Vec<AccountId>,
    /// Redemptions, bps of supply per day, smoothed (the registry's `congestion`).
    pub congestion: Reading,
    /// Price impact of the reference size, bps, smoothed (`depth_fragility`); `None` for a
    /// position without a venue.
    pub depth: Option<Reading>,
    /// How old the latest NAV is, ms: a sale wants it fresh, so that a loss already priced
    /// in cannot be covered after the fact.
    pub nav_age_ms: u64,
}

impl Underwriting {
    /// Whether `account` is the operator or one of its related parties.
    pub fn is_party(&self, account: &AccountId) -> bool {
        self.operator == *account || self.related.contains(account)
    }
}

/// The registry's surface for cover: what pricing and claims read.
#[ink::trait_definition]
pub trait CoverFeed {
    /// The position's parties and its stress observables. Anyone may call. Errors:
    /// `UnknownPosition`, and for the observables `NoData`, `Stale`, `TooFewReporters`.
    #[ink(message)]
    fn underwriting(&self, position: u32) -> Result<Underwriting, RegistryError>;

    /// The position's operator and related parties (nothing else, so no stale observable
    /// stands in a claim's way). Anyone may call. Errors: `UnknownPosition`.
    #[ink(message)]
    fn parties(&self, position: u32) -> Result<(AccountId, Vec<AccountId>), RegistryError>;

    /// A Term position's maturity as registered, ms. Anyone may call.
    /// Errors: `UnknownPosition`, `NotTerm`.
    #[ink(message)]
    fn maturity(&self, position: u32) -> Result<u64, RegistryError>;
}

/// A trigger the registry measures, as cover products name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Measure {
    /// `nav_drawdown(position, window_ms)`, bps.
    NavDrawdown {
        /// The window, ms.
        window_ms: u64,
    },
    /// `queue_wait(position)`, ms.
    QueueWait,
    /// `settlement_delay(position)`, ms (a Term position).
    SettlementDelay,
    /// `congestion(position)`, bps of supply per day.
    Congestion,
    /// `depth_fragility(position)`, bps.
    Depth,
}

/// Asks `registry` for `position`'s underwriting view. Errors: the registry's, or `CallFailed`.
pub fn underwriting(registry: AccountId, position: u32) -> Result<Underwriting, RegistryError> {
    let result = build_call::<DefaultEnvironment>()
        .call(registry)
        .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("CoverFeed::underwriting"))).push_arg(position))
        .returns::<Result<Underwriting, RegistryError>>()
        .try_invoke();
    crate::call::fallible(result, RegistryError::CallFailed)
}

/// Whether `account` is `position`'s operator or a related party, asking `registry`.
/// Errors: the registry's, or `CallFailed`.
pub fn is_party(registry: AccountId, position: u32, account: AccountId) -> Result<bool, RegistryError> {
    let result = build_call::<DefaultEnvironment>()
        .call(registry)
        .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("CoverFeed::parties"))).push_arg(position))
        .returns::<Result<(AccountId, Vec<AccountId>), RegistryError>>()
        .try_invoke();
    let (operator, related) = crate::call::fallible(result, RegistryError::CallFailed)?;
    Ok(operator == account || related.contains(&account))
}

/// A Term position's maturity, asking `registry` (`CoverFeed::maturity`).
/// Errors: the registry's, or `CallFailed`.
pub fn maturity(registry: AccountId, position: u32) -> Result<u64, RegistryError> {
    let result = build_call::<DefaultEnvironment>()
        .call(registry)
        .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("CoverFeed::maturity"))).push_arg(position))
        .returns::<Result<u64, RegistryError>>()
        .try_invoke();
    crate::call::fallible(result, RegistryError::CallFailed)
}

/// Reads `measure` of `position` from `registry` now. Errors: the registry's, or `CallFailed`.
pub fn measure(registry: AccountId, position: u32, measure: Measure) -> Result<Reading, RegistryError> {
    let input = match measure {
        Measure::NavDrawdown { window_ms } => build_call::<DefaultEnvironment>()
            .call(registry)
            .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("nav_drawdown"))).push_arg(position).push_arg(window_ms))
            .returns::<Result<Reading, RegistryError>>()
            .try_invoke(),
        Measure::QueueWait => build_call::<DefaultEnvironment>()
            .call(registry)
            .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("queue_wait"))).push_arg(position))
            .returns::<Result<Reading, RegistryError>>()
            .try_invoke(),
        Measure::SettlementDelay => build_call::<DefaultEnvironment>()
            .call(registry)
            .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("settlement_delay"))).push_arg(position))
            .returns::<Result<Reading, RegistryError>>()
            .try_invoke(),
        Measure::Congestion => build_call::<DefaultEnvironment>()
            .call(registry)
            .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("congestion"))).push_arg(position))
            .returns::<Result<Reading, RegistryError>>()
            .try_invoke(),
        Measure::Depth => build_call::<DefaultEnvironment>()
            .call(registry)
            .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("depth_fragility"))).push_arg(position))
            .returns::<Result<Reading, RegistryError>>()
            .try_invoke(),
    };
    crate::call::fallible(input, RegistryError::CallFailed)
}

/// The registry's surface for the contracts that feed it.
#[ink::trait_definition]
pub trait PositionFeed {
    /// Registers a position; returns its id. Admin or a registrar.
    /// Errors: `Access(NotAdmin)`, `Access(Paused)`, `AlreadyRegistered`, `SourceTaken`,
    /// `TooManyRelated`, `InvalidParams`.
    #[ink(message)]
    fn register(&mut self, registration: Registration) -> Result<u32, RegistryError>;

    /// Records the caller's position's NAV, supply, requests and unpaid queue now, and the
    /// reward receipt of a rollover. Only the source of an Open position. Errors: `NotSource`.
    #[ink(message)]
    fn observe(&mut self, observation: Observation, receipt: Option<Receipt>) -> Result<(), RegistryError>;

    /// Records that the caller's Term position settled now. Only the position's source.
    /// Errors: `NotSource`, `NotTerm`, `AlreadySettled`, `NotDue`.
    #[ink(message)]
    fn settle(&mut self) -> Result<(), RegistryError>;
}

/// Most ref-time a push may spend: a registry that loops or refuses costs its caller no more.
pub const PUSH_REF_TIME: u64 = 20_000_000_000;
/// Most proof size a push may add: the registry's code and the few records it reads and
/// writes. A dev node (pallet-contracts 38) weighs a push about twice as heavy in proof as the
/// sandbox does (a rollover's push there needs more than 160 KiB), so the cap leaves room.
pub const PUSH_PROOF_SIZE: u64 = 512 * 1024;

/// Pushes `observation` (and `receipt`) to `registry`, best effort: whatever the registry
/// answers, traps or costs beyond the limits above, the caller goes on (SPEC §4.1: a registry
/// that refuses never blocks a rollover). Returns whether the registry took it.
pub fn push(registry: AccountId, observation: Observation, receipt: Option<Receipt>) -> bool {
    // Only an `Ok(())` reply counts; the error is not decoded (its decoder would be code every
    // caller loads), so any other reply reads as a refusal.
    let result = build_call::<DefaultEnvironment>()
        .call(registry)
        .ref_time_limit(PUSH_REF_TIME)
        .proof_size_limit(PUSH_PROOF_SIZE)
        .exec_input(
            ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("PositionFeed::observe")))
                .push_arg(observation)
                .push_arg(receipt),
        )
        .returns::<Result<(), ()>>()
        .try_invoke();
    matches!(result, Ok(Ok(Ok(()))))
}

/// What a Term position's contract answers about its settlement, so the registry can record
/// it even when the contract's own best-effort push was lost.
#[ink::trait_definition]
pub trait TermSource {
    /// When the position settled, ms (`None`: not yet). Anyone may call.
    #[ink(message)]
    fn settled_at(&self) -> Option<u64>;
}

/// When `source` (a Term position's contract) says it settled: `Ok(None)` if not yet.
/// Errors: `CallFailed` (no answer).
pub fn settled_at(source: AccountId) -> Result<Option<u64>, RegistryError> {
    let result = build_call::<DefaultEnvironment>()
        .call(source)
        .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("TermSource::settled_at"))))
        .returns::<Option<u64>>()
        .try_invoke();
    crate::call::infallible(result, RegistryError::CallFailed)
}

/// Records the caller's settlement in `registry`, best effort (as [`push`]).
pub fn push_settlement(registry: AccountId) -> bool {
    let result = build_call::<DefaultEnvironment>()
        .call(registry)
        .ref_time_limit(PUSH_REF_TIME)
        .proof_size_limit(PUSH_PROOF_SIZE)
        .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("PositionFeed::settle"))))
        .returns::<Result<(), ()>>()
        .try_invoke();
    matches!(result, Ok(Ok(Ok(()))))
}

/// Registers `registration` in `registry` (the caller must be its registrar). Errors: the
/// registry's, or `CallFailed`.
pub fn register(registry: AccountId, registration: Registration) -> Result<u32, RegistryError> {
    let result = build_call::<DefaultEnvironment>()
        .call(registry)
        .exec_input(ink::env::call::ExecutionInput::new(ink::env::call::Selector::new(ink::selector_bytes!("PositionFeed::register"))).push_arg(registration))
        .returns::<Result<u32, RegistryError>>()
        .try_invoke();
    crate::call::fallible(result, RegistryError::CallFailed)
}
