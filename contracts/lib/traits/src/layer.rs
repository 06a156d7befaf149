//! The layers above the primary cover pool (the junior and the reinsurance pool, SPEC §4.4):
//! what the primary pool calls on them, and their error. Only the primary pool a layer backs
//! may call these; it calls each layer in turn, never through another (pallet-contracts allows
//! few nested frames).

use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use laas_math::MathError;
use psp22::PSP22Error;

use crate::AccessError;

/// An incident: (position, product, trigger epoch).
pub type IncidentKey = (u32, u32, u64);

/// Errors of a layer pool.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum LayerError {
    /// A role check failed, or new exposure is paused.
    Access(AccessError),
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// The cover asset refused a transfer.
    PSP22(PSP22Error),
    /// A call to the cover asset failed outright.
    CallFailed,
    /// Only the primary pool this layer backs may call.
    NotPrimary,
    /// Nothing deposited, asked for, held or paid.
    ZeroAmount,
    /// Parameters out of range.
    InvalidParams,
    /// After this exposure the layer's capital would not back its limit: the sale is refused.
    InsufficientCapital {
        /// What the layer would have to lock.
        needed: u128,
        /// What it is worth.
        value: u128,
    },
    /// More released or paid than the primary pool holds here.
    NotHeld,
    /// Expiry buckets are more than a call can process behind: call `advance` first.
    Behind,
    /// Shares above the caller's balance or its withdrawal request.
    InsufficientShares,
    /// No withdrawal request, or its cooldown has not passed: ready at `ready_ms`.
    CooldownActive {
        /// When the request may be withdrawn, ms (0: no request).
        ready_ms: u64,
    },
    /// The withdrawal request's window has passed: request again.
    RequestExpired,
    /// The amount is above the capital not locked by cover in force and claims held.
    CapitalLocked {
        /// What can be withdrawn now.
        free: u128,
    },
    /// The shares are worth nothing now: no deposit is priced until they are.
    NoValue,
}

impl From<AccessError> for LayerError {
    fn from(e: AccessError) -> Self {
        LayerError::Access(e)
    }
}

impl From<MathError> for LayerError {
    fn from(e: MathError) -> Self {
        LayerError::Math(e)
    }
}

impl From<crate::token::TokenCallError> for LayerError {
    fn from(e: crate::token::TokenCallError) -> Self {
        match e {
            crate::token::TokenCallError::Token(e) => LayerError::PSP22(e),
            crate::token::TokenCallError::CallFailed => LayerError::CallFailed,
        }
    }
}

/// What the primary pool calls on a layer.
#[ink::trait_definition]
pub trait CoverLayer {
    /// Books cover the primary pool sold: `premium` (already transferred to the layer) earned
    /// until `until_ms`, `exposure` (the layer's part of the policy's max payout) in force
    /// until then, under the layer's per-incident `limit`. Primary pool only.
    #[ink(message)]
    fn underwrite(&mut self, exposure: u128, premium: u128, until_ms: u64, limit: u128) -> Result<(), LayerError>;

    /// Holds `amount` for a claim filed. Primary pool only.
    #[ink(message)]
    fn hold(&mut self, amount: u128) -> Result<(), LayerError>;

    /// Releases `amount` held for a claim rejected. Primary pool only.
    #[ink(message)]
    fn release(&mut self, amount: u128) -> Result<(), LayerError>;

    /// Pays `amount` held for `incident` to `to` (at most the layer's funds); returns what was
    /// paid. Primary pool only.
    #[ink(message)]
    fn pay(&mut self, incident: IncidentKey, to: AccountId, amount: u128) -> Result<u128, LayerError>;

    /// Takes back `amount` (already transferred to the layer) recovered from the operator
    /// for what the layer paid on `incident`. Primary pool only.
    #[ink(message)]
    fn recover(&mut self, incident: IncidentKey, amount: u128) -> Result<(), LayerError>;
}

/// Why a call to a layer failed.
#[derive(Debug, PartialEq, Eq)]
pub enum LayerCallError {
    /// The layer refused.
    Layer(LayerError),
    /// The call could not be made.
    CallFailed,
}

impl From<LayerError> for LayerCallError {
    fn from(e: LayerError) -> Self {
        LayerCallError::Layer(e)
    }
}

/// `CoverLayer::underwrite` on `layer`.
pub fn underwrite(layer: AccountId, exposure: u128, premium: u128, until_ms: u64, limit: u128) -> Result<(), LayerCallError> {
    let result = build_call::<DefaultEnvironment>()
        .call(layer)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("CoverLayer::underwrite"))).push_arg(exposure).push_arg(premium).push_arg(until_ms).push_arg(limit))
        .returns::<Result<(), LayerError>>()
        .try_invoke();
    crate::call::fallible(result, LayerCallError::CallFailed)
}

/// `CoverLayer::hold` (`held`) or `CoverLayer::release` on `layer`.
pub fn hold(layer: AccountId, amount: u128, held: bool) -> Result<(), LayerCallError> {
    let selector = if held { ink::selector_bytes!("CoverLayer::hold") } else { ink::selector_bytes!("CoverLayer::release") };
    let result = build_call::<DefaultEnvironment>()
        .call(layer)
        .exec_input(ExecutionInput::new(Selector::new(selector)).push_arg(amount))
        .returns::<Result<(), LayerError>>()
        .try_invoke();
    crate::call::fallible(result, LayerCallError::CallFailed)
}

/// `CoverLayer::pay` on `layer`: what it paid.
pub fn pay(layer: AccountId, incident: IncidentKey, to: AccountId, amount: u128) -> Result<u128, LayerCallError> {
    let result = build_call::<DefaultEnvironment>()
        .call(layer)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("CoverLayer::pay"))).push_arg(incident).push_arg(to).push_arg(amount))
        .returns::<Result<u128, LayerError>>()
        .try_invoke();
    crate::call::fallible(result, LayerCallError::CallFailed)
}

/// `CoverLayer::recover` on `layer`.
pub fn recover(layer: AccountId, incident: IncidentKey, amount: u128) -> Result<(), LayerCallError> {
    let result = build_call::<DefaultEnvironment>()
        .call(layer)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("CoverLayer::recover"))).push_arg(incident).push_arg(amount))
        .returns::<Result<(), LayerError>>()
        .try_invoke();
    crate::call::fallible(result, LayerCallError::CallFailed)
}

/// A layer's fixed setup: its cover asset, the primary pool it backs, which layer it is
/// (0 junior, 1 reinsurance: the index of its `Layer`) and its bucket length.
pub fn setup(layer: AccountId) -> Result<(AccountId, AccountId, u8, u64), LayerCallError> {
    let result = build_call::<DefaultEnvironment>()
        .call(layer)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("setup"))))
        .returns::<(AccountId, AccountId, u8, u64)>()
        .try_invoke();
    crate::call::infallible(result, LayerCallError::CallFailed)
}

