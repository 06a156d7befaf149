//! Cover policies as tokens (SPEC §4.2): the PSP34 standard (the ink! NFT standard, messages
//! and types exactly as the standard names them, so wallets and marketplaces recognise a
//! policy), the terms a policy carries, and the narrow interface a cover pool calls on its
//! policy token ([`PolicyToken`]: mint, read a policy with its owner).

use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::prelude::string::String;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

/// A PSP34 token id, with every form the standard allows. Policies are `U128`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Id {
    /// An 8-bit id.
    U8(u8),
    /// A 16-bit id.
    U16(u16),
    /// A 32-bit id.
    U32(u32),
    /// A 64-bit id.
    U64(u64),
    /// A 128-bit id (a policy's).
    U128(u128),
    /// Any bytes.
    Bytes(Vec<u8>),
}

/// The errors of the PSP34 standard.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum PSP34Error {
    /// Anything else, described (here: `"NotMinter"`, `"Overflow"`).
    Custom(String),
    /// An owner approving itself.
    SelfApprove,
    /// The caller is neither the owner nor approved.
    NotApproved,
    /// A token with this id exists already.
    TokenExists,
    /// No token has this id.
    TokenNotExists,
    /// A receiving contract refused the token (not raised here: receivers are not called).
    SafeTransferCheckFailed(String),
}

/// The PSP34 standard's messages (selectors `PSP34::…`).
#[ink::trait_definition]
pub trait PSP34 {
    /// The collection's id (the contract's account id as bytes). Anyone may call.
    #[ink(message)]
    fn collection_id(&self) -> Id;

    /// How many tokens `owner` holds. Anyone may call.
    #[ink(message)]
    fn balance_of(&self, owner: AccountId) -> u32;

    /// Who owns token `id`, if it exists. Anyone may call.
    #[ink(message)]
    fn owner_of(&self, id: Id) -> Option<AccountId>;

    /// Whether `operator` may move `owner`'s token `id` (`None`: all of `owner`'s tokens).
    /// Anyone may call.
    #[ink(message)]
    fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<Id>) -> bool;

    /// Lets `operator` move the caller's token `id` (`None`: all of the caller's tokens) or
    /// withdraws that leave. The owner (or, for one token, an operator of all the owner's
    /// tokens) may call. Errors: `SelfApprove`, `TokenNotExists`, `NotApproved`.
    #[ink(message)]
    fn approve(&mut self, operator: AccountId, id: Option<Id>, approved: bool) -> Result<(), PSP34Error>;

    /// Moves token `id` to `to`. Its owner or an approved operator may call; a one-token
    /// approval ends with the transfer. Errors: `TokenNotExists`, `NotApproved`.
    #[ink(message)]
    fn transfer(&mut self, to: AccountId, id: Id, data: Vec<u8>) -> Result<(), PSP34Error>;

    /// How many tokens exist. Anyone may call.
    #[ink(message)]
    fn total_supply(&self) -> u128;
}

/// The PSP34 metadata extension.
#[ink::trait_definition]
pub trait PSP34Metadata {
    /// The attribute `key` of token `id`, or of the collection when `id` is the collection's
    /// id (`None`: no such attribute). Anyone may call.
    #[ink(message)]
    fn get_attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>>;
}

/// The terms a policy token carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Policy {
    /// The pool's product it covers.
    pub product: u32,
    /// The amount covered, in the pool's cover asset.
    pub cover: u128,
    /// When cover starts, ms.
    pub start_ms: u64,
    /// When cover ends, ms.
    pub end_ms: u64,
    /// The premium paid.
    pub premium: u128,
}

/// What a cover pool calls on its policy token.
#[ink::trait_definition]
pub trait PolicyToken {
    /// Mints policy `id` with `policy` to `to`. Only the minter (the pool). Errors:
    /// `Custom("NotMinter")`, `TokenExists`.
    #[ink(message)]
    fn mint(&mut self, to: AccountId, id: u128, policy: Policy) -> Result<(), PSP34Error>;

    /// Policy `id`'s owner and terms, if it exists. Anyone may call.
    #[ink(message)]
    fn policy(&self, id: u128) -> Option<(AccountId, Policy)>;
}

/// Why a call to the policy token failed.
#[derive(Debug, PartialEq, Eq)]
pub enum PolicyCallError {
    /// The token refused.
    Token(PSP34Error),
    /// The call could not be made.
    CallFailed,
}

impl From<PSP34Error> for PolicyCallError {
    fn from(e: PSP34Error) -> Self {
        PolicyCallError::Token(e)
    }
}

/// Mints policy `id` on `token` to `to` (the caller must be its minter).
pub fn mint(token: AccountId, to: AccountId, id: u128, policy: Policy) -> Result<(), PolicyCallError> {
    let result = build_call::<DefaultEnvironment>()
        .call(token)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("PolicyToken::mint"))).push_arg(to).push_arg(id).push_arg(policy))
        .returns::<Result<(), PSP34Error>>()
        .try_invoke();
    crate::call::fallible(result, PolicyCallError::CallFailed)
}

/// Policy `id` on `token` with its owner (`None`: no such policy). Errors: `CallFailed`.
pub fn policy(token: AccountId, id: u128) -> Result<Option<(AccountId, Policy)>, PolicyCallError> {
    let result = build_call::<DefaultEnvironment>()
        .call(token)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("PolicyToken::policy"))).push_arg(id))
        .returns::<Option<(AccountId, Policy)>>()
        .try_invoke();
    crate::call::infallible(result, PolicyCallError::CallFailed)
}

#[cfg(test)]
mod tests {
    /// The standard's published selectors.
    #[test]
    fn psp34_selectors_are_the_standards() {
        assert_eq!(ink::selector_bytes!("PSP34::collection_id"), [0xff, 0xa2, 0x7a, 0x5f]);
        assert_eq!(ink::selector_bytes!("PSP34::total_supply"), [0x62, 0x84, 0x13, 0xfe]);
        assert_eq!(ink::selector_bytes!("PSP34::balance_of"), [0xcd, 0xe7, 0xe5, 0x5f]);
    }
}
