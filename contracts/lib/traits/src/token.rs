//! Calls from a contract to PSP22 tokens: pull (with the payer's allowance), push, approve.
//! Zero amounts make no call. Every contract that moves tokens uses these and maps
//! [`TokenCallError`] into its own error.

use ink::codegen::TraitCallBuilder;
use ink::contract_ref;
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use psp22::{PSP22Error, PSP22};

/// Why a token call failed.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenCallError {
    /// The token refused (balance, allowance, …).
    Token(PSP22Error),
    /// The call could not be made (no contract at the address, a trap, an undecodable reply).
    CallFailed,
}

impl From<PSP22Error> for TokenCallError {
    fn from(e: PSP22Error) -> Self {
        TokenCallError::Token(e)
    }
}

fn unpack(result: crate::call::CallResult<Result<(), PSP22Error>>) -> Result<(), TokenCallError> {
    crate::call::fallible(result, TokenCallError::CallFailed)
}

/// Moves `amount` of `token` from `from` (who approved the calling contract) to the calling
/// contract.
pub fn pull(token: AccountId, from: AccountId, amount: u128) -> Result<(), TokenCallError> {
    if amount == 0 {
        return Ok(());
    }
    let me = ink::env::account_id::<DefaultEnvironment>();
    let mut t: contract_ref!(PSP22, DefaultEnvironment) = token.into();
    unpack(t.call_mut().transfer_from(from, me, amount, Vec::new()).try_invoke())
}

/// Sends `amount` of `token` from the calling contract to `to`.
pub fn push(token: AccountId, to: AccountId, amount: u128) -> Result<(), TokenCallError> {
    if amount == 0 {
        return Ok(());
    }
    let mut t: contract_ref!(PSP22, DefaultEnvironment) = token.into();
    unpack(t.call_mut().transfer(to, amount, Vec::new()).try_invoke())
}

/// Sets the calling contract's allowance of `token` for `spender` to `amount` (0 clears it).
pub fn approve(token: AccountId, spender: AccountId, amount: u128) -> Result<(), TokenCallError> {
    let mut t: contract_ref!(PSP22, DefaultEnvironment) = token.into();
    unpack(t.call_mut().approve(spender, amount).try_invoke())
}
