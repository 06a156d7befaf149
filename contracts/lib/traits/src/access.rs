//! The role interface every LaaS contract shares, and its error. The roles' logic and events
//! live in `laas-access`; the interfaces are here so the DAO can hand every contract over
//! through the same selectors, and so other interfaces (e.g. `VenueError`) can carry the
//! error without pulling role events into every contract's metadata.
//!
//! * [`Roles::roles`] lists every role a contract knows and who holds it, with one selector
//!   everywhere (even on TOKE, which has none): the governance handover proves on chain that
//!   the deployer holds nothing by reading it.
//! * [`AccessControl`] is the admin's surface: the two-step handover, one setter for every
//!   other role, pause and upgrades.

use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};

/// A role in the suite. One enum for every contract, so a role reads the same everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Role {
    /// Holds every privileged message; changes hands only in two steps
    /// (`propose_admin`, `accept_admin`).
    Admin,
    /// Proposed next admin, until it accepts.
    PendingAdmin,
    /// May pause new exposure; only the admin unpauses.
    Guardian,
    /// A reactor's treasury: receives the protocol's fee share, places and withdraws PCV,
    /// funds emissions.
    Treasury,
    /// Receives a reactor's liquidity-director fee share.
    LdRecipient,
    /// Posts quotes on a pricer venue.
    Pricer,
    /// Stakes vesting grants in LD staking on behalf of beneficiaries.
    Depositor,
    /// Runs a pool (a tAsset): opens its epochs, records NAV strikes, moves its idle asset,
    /// sets its parameters and upgrades it. Its reactor, fixed at instantiation.
    Manager,
    /// A reactor bound to this contract: the one whose inventory a pricer venue holds (only it
    /// deploys), or one registered with LD staking (pays LD rewards). Fixed.
    Reactor,
    /// A reactor's pool (its tAsset). Fixed at instantiation.
    Pool,
    /// The position registry a contract reports its observables to (a reactor's NAV, supply
    /// and queue; the registry a factory registers new reactors' tAssets in). Optional.
    Registry,
    /// May register positions in the position registry (the factory). Several holders.
    Registrar,
    /// May mint policy tokens (a cover pool). Set once by the admin, then fixed.
    Minter,
    /// Settles filed claims on a cover pool: pays or rejects them (an account set by the
    /// admin; the claims arbiter later). Optional.
    Claims,
    /// The primary cover pool a layer pool backs: the only caller of its `CoverLayer`
    /// messages. Fixed at the layer's instantiation.
    Primary,
}

/// Why a role check or a role change failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum AccessError {
    /// Only the admin may call this message.
    NotAdmin,
    /// Only the guardian or the admin may call this message.
    NotGuardian,
    /// Only the proposed admin may accept the role.
    NotPendingAdmin,
    /// New exposure is paused.
    Paused,
    /// This contract has no such role.
    UnknownRole,
    /// The role is not set with `set_role`: the admin changes hands through the handover, and
    /// bound contracts are fixed.
    FixedRole,
    /// The role must always have a holder: grant it to another account instead.
    RoleRequired,
    /// The account does not hold the role it was to be revoked from.
    NotHolder,
    /// The role already has as many holders as it may.
    TooManyHolders,
    /// The chain refused the new code (no code uploaded under that hash).
    UpgradeFailed,
    /// A contract this one runs could not be told of the change (e.g. a reactor's pool of a
    /// pause); nothing changed.
    CallFailed,
    /// This contract's code is never replaced: it holds accounts' funds under terms fixed at
    /// instantiation (the DeGenesis pool).
    FixedCode,
}

/// Who holds which role, with one selector on every contract.
#[ink::trait_definition]
pub trait Roles {
    /// Every role this contract knows with its holder, one pair per holder (a role with
    /// several holders appears once for each; an unheld role does not appear). Anyone may
    /// call.
    #[ink(message)]
    fn roles(&self) -> Vec<(Role, AccountId)>;
}

/// Admin handover, role assignment, pause and upgrades, with the same selectors on every
/// contract that has an admin.
#[ink::trait_definition]
pub trait AccessControl {
    /// Proposes `admin` as the next admin (first step of the handover to the DAO); `None`
    /// withdraws a proposal. Admin only.
    #[ink(message)]
    fn propose_admin(&mut self, admin: Option<AccountId>) -> Result<(), AccessError>;

    /// Takes the admin role. Only the proposed account may call; the previous admin keeps
    /// nothing.
    #[ink(message)]
    fn accept_admin(&mut self) -> Result<(), AccessError>;

    /// Grants `role` to `account` (`granted = true`; for a role with one holder this replaces
    /// it) or revokes it from `account`. Admin only.
    /// Errors: `NotAdmin`, `UnknownRole`, `FixedRole`, `RoleRequired`, `NotHolder`,
    /// `TooManyHolders`.
    #[ink(message)]
    fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> Result<(), AccessError>;

    /// Pauses new exposure; exits keep working. Guardian or admin.
    #[ink(message)]
    fn pause(&mut self) -> Result<(), AccessError>;

    /// Lifts the pause. Admin only.
    #[ink(message)]
    fn unpause(&mut self) -> Result<(), AccessError>;

    /// Whether new exposure is paused. Anyone may call.
    #[ink(message)]
    fn paused(&self) -> bool;

    /// Replaces this contract's code with the uploaded code `code_hash`; storage stays. A new
    /// version may add storage only in `Lazy` or `Mapping` fields (never change or reorder
    /// the root's fields), so everything stored survives. Admin only (the DAO after its
    /// timelock, once handed over). Errors: `NotAdmin`, `UpgradeFailed`.
    #[ink(message)]
    fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), AccessError>;
}
