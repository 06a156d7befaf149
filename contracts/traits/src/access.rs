//! The role interface every LaaS contract with roles implements, and its error. The roles'
//! logic and events live in `laas-access`; the interface is here so the DAO can hand every
//! contract over through the same selectors, and so other interfaces (e.g. `VenueError`) can
//! carry the error without pulling role events into every contract's metadata.

use ink::primitives::AccountId;

/// Why a role check failed.
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
}

/// Role holders of a contract (see `laas_access::Roles`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct RoleHolders {
    /// Holds every privileged message.
    pub admin: AccountId,
    /// Proposed next admin, until it accepts.
    pub pending_admin: Option<AccountId>,
    /// May pause new exposure.
    pub guardian: Option<AccountId>,
    /// Whether new exposure is paused.
    pub paused: bool,
}

/// Admin handover, guardian and pause, with the same selectors on every contract.
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

    /// Sets or removes the guardian. Admin only.
    #[ink(message)]
    fn set_guardian(&mut self, guardian: Option<AccountId>) -> Result<(), AccessError>;

    /// Pauses new exposure; exits keep working. Guardian or admin.
    #[ink(message)]
    fn pause(&mut self) -> Result<(), AccessError>;

    /// Lifts the pause. Admin only.
    #[ink(message)]
    fn unpause(&mut self) -> Result<(), AccessError>;

    /// The role holders and the pause state. Anyone may call.
    #[ink(message)]
    fn roles(&self) -> RoleHolders;
}
