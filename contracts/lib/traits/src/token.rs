//! Calls from a contract to PSP22 tokens: pull (with the payer's allowance), push, approve.
//! Zero amounts make no call. Every contract that moves tokens uses these and maps
//! [`TokenCallError`] into its own error.

use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::scale::{Encode, Output};
use psp22::PSP22Error;

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

/// The arguments of the PSP22 messages the suite calls, encoded as those messages take them.
/// Every token call goes through one call site ([`invoke`]): one copy of the call machinery
/// in each contract's code rather than one per message, which every call that loads the code
/// pays for in its proof.
enum Args {
    /// `PSP22::transfer(to, value, data)`, with empty data.
    Transfer { to: AccountId, value: u128 },
    /// `PSP22::transfer_from(from, to, value, data)`, with empty data.
    TransferFrom { from: AccountId, to: AccountId, value: u128 },
    /// `PSP22::approve(spender, value)`.
    Approve { spender: AccountId, value: u128 },
}

impl Args {
    /// The message's selector (the standard's).
    fn selector(&self) -> [u8; 4] {
        match self {
            Args::Transfer { .. } => ink::selector_bytes!("PSP22::transfer"),
            Args::TransferFrom { .. } => ink::selector_bytes!("PSP22::transfer_from"),
            Args::Approve { .. } => ink::selector_bytes!("PSP22::approve"),
        }
    }
}

impl Encode for Args {
    fn encode_to<T: Output + ?Sized>(&self, dest: &mut T) {
        let no_data: Vec<u8> = Vec::new();
        match self {
            Args::Transfer { to, value } => (to, value, &no_data).encode_to(dest),
            Args::TransferFrom { from, to, value } => (from, to, value, &no_data).encode_to(dest),
            Args::Approve { spender, value } => (spender, value).encode_to(dest),
        }
    }
}

/// Calls `token` with `args`; every PSP22 message called returns `Result<(), PSP22Error>`.
fn invoke(token: AccountId, args: Args) -> Result<(), TokenCallError> {
    let result = build_call::<DefaultEnvironment>()
        .call(token)
        .exec_input(ExecutionInput::new(Selector::new(args.selector())).push_arg(args))
        .returns::<Result<(), PSP22Error>>()
        .try_invoke();
    crate::call::fallible(result, TokenCallError::CallFailed)
}

/// Moves `amount` of `token` from `from` (who approved the calling contract) to the calling
/// contract.
pub fn pull(token: AccountId, from: AccountId, amount: u128) -> Result<(), TokenCallError> {
    if amount == 0 {
        return Ok(());
    }
    let me = ink::env::account_id::<DefaultEnvironment>();
    invoke(token, Args::TransferFrom { from, to: me, value: amount })
}

/// Sends `amount` of `token` from the calling contract to `to`.
pub fn push(token: AccountId, to: AccountId, amount: u128) -> Result<(), TokenCallError> {
    if amount == 0 {
        return Ok(());
    }
    invoke(token, Args::Transfer { to, value: amount })
}

/// Sets the calling contract's allowance of `token` for `spender` to `amount` (0 clears it).
pub fn approve(token: AccountId, spender: AccountId, amount: u128) -> Result<(), TokenCallError> {
    invoke(token, Args::Approve { spender, value: amount })
}
