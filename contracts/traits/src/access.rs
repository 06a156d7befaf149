//! The error of role checks, shared by every contract with roles. The roles themselves, and
//! their events, live in `laas-access`; the error is here so that interfaces (e.g.
//! `VenueError`) can carry it without pulling role events into every contract's metadata.

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
