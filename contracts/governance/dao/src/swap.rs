//! Token-swap onboarding (SPEC §3.7, the first seed's 1:1 swaps): a proposal offers a winning
//! project treasury TOKE for its own token at a rate the proposal fixes; the project accepts
//! by its deadline, the DAO pays the TOKE and places the tokens it received in the project's
//! reactor as PCV (the DAO must be that reactor's treasury). An offer not taken in time moves
//! nothing.
//!
//! Acceptance is one message: the offer is marked taken before any call, and if any step
//! fails (the project short of tokens, the DAO short of TOKE, the reactor refusing) the whole
//! acceptance reverts and nothing has moved.

use crate::errors::DaoError;
use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use laas_traits::token::{self, TokenCallError};
use laas_traits::PSP22Error;

/// An offer made by proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct SwapOffer {
    /// The project's account: it accepts, sends its tokens and receives the TOKE.
    pub project: AccountId,
    /// The project's token.
    pub token: AccountId,
    /// How many of its tokens the DAO receives.
    pub token_amount: u128,
    /// How much TOKE the DAO pays for them.
    pub toke_amount: u128,
    /// The reactor of the project's token, where they are placed as PCV.
    pub reactor: AccountId,
    /// The offer lapses after this time, ms.
    pub deadline_ms: u64,
    /// Whether it was taken.
    pub taken: bool,
}

impl SwapOffer {
    /// Errors: `InvalidSwap` (nothing offered or asked, taken already, or a deadline not in
    /// the future).
    pub fn validate(&self, now_ms: u64) -> Result<(), DaoError> {
        if self.token_amount == 0 || self.toke_amount == 0 || self.taken || self.deadline_ms <= now_ms {
            return Err(DaoError::InvalidSwap);
        }
        Ok(())
    }
}

/// Carries out a taken `offer` for the DAO, whose TOKE is `toke` (see the module).
/// Errors: `SwapShort`, `PlacementRefused`, `PSP22`, `Unreachable`.
pub(crate) fn settle(offer: &SwapOffer, toke: AccountId) -> Result<(), DaoError> {
    if reactor_asset(offer.reactor) != Some(offer.token) {
        return Err(DaoError::PlacementRefused);
    }
    token::pull(offer.token, offer.project, offer.token_amount).map_err(|e| match e {
        TokenCallError::Token(PSP22Error::InsufficientBalance | PSP22Error::InsufficientAllowance) => DaoError::SwapShort,
        other => other.into(),
    })?;
    token::push(toke, offer.project, offer.toke_amount)?;
    token::approve(offer.token, offer.reactor, offer.token_amount)?;
    let placed = build_call::<DefaultEnvironment>()
        .call(offer.reactor)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("place_pcv"))).push_arg(offer.token_amount).push_arg(0u128))
        .returns::<Result<(), crate::dispatch::AnyError>>()
        .try_invoke();
    match placed {
        Ok(Ok(Ok(()))) => Ok(()),
        _ => Err(DaoError::PlacementRefused),
    }
}

/// The asset of `reactor` (`tokens().0`), if it answers.
fn reactor_asset(reactor: AccountId) -> Option<AccountId> {
    let tokens = build_call::<DefaultEnvironment>()
        .call(reactor)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("tokens"))))
        .returns::<(AccountId, AccountId, AccountId)>()
        .try_invoke();
    match tokens {
        Ok(Ok((asset, _, _))) => Some(asset),
        _ => None,
    }
}
