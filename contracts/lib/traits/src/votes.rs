//! Snapshot voting power: delegation and block-numbered checkpoints (TOKE implements it; the
//! DAO reads it).

use ink::primitives::AccountId;

/// Errors of vote delegation and past-vote queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum VotesError {
    /// The account already delegates to this delegatee (or is already undelegated).
    SameDelegate,
    /// Past values can be asked only for blocks that have ended (strictly before the current one).
    FutureLookup,
    /// A vote total would overflow or underflow; signals a broken invariant.
    Arithmetic,
}

/// Voting power by delegation, with history by block number for snapshot votes.
///
/// An account's balance counts as votes only once it delegates (possibly to itself);
/// delegation is not transitive, so delegation loops cannot amplify votes.
#[ink::trait_definition]
pub trait Votes {
    /// Delegates the caller's votes to `delegatee`, or withdraws delegation with `None`.
    /// Any account may call. Emits `DelegateChanged` and `DelegateVotesChanged` for each
    /// delegate whose votes change.
    #[ink(message)]
    fn delegate(&mut self, delegatee: Option<AccountId>) -> Result<(), VotesError>;

    /// The account `account` delegates its votes to, if any.
    #[ink(message)]
    fn delegates(&self, account: AccountId) -> Option<AccountId>;

    /// Votes currently delegated to `account`.
    #[ink(message)]
    fn get_votes(&self, account: AccountId) -> u128;

    /// Votes delegated to `account` at the end of `block`, which must have ended.
    #[ink(message)]
    fn get_past_votes(&self, account: AccountId, block: u32) -> Result<u128, VotesError>;

    /// Total supply at the end of `block`, which must have ended.
    #[ink(message)]
    fn get_past_total_supply(&self, block: u32) -> Result<u128, VotesError>;
}
