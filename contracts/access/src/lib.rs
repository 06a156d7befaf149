//! Roles every LaaS contract shares (SPEC §2 "Access control").
//!
//! * **admin**: the deployer at first; hands the role over in two steps (`propose_admin`, then
//!   `accept_admin` by the proposed account) — the "governance handover" to the DAO, after
//!   which the deployer holds nothing.
//! * **guardian**: may pause new exposure (deposits, new cover, swaps). It cannot unpause:
//!   only the admin (the DAO) can. Exits are never gated by [`Roles::ensure_live`].
//!
//! [`Roles`] is a plain value kept in a contract's storage; its methods take the caller
//! explicitly, check, change and emit this crate's events, so every contract shows the same
//! role events in its metadata.
#![cfg_attr(not(feature = "std"), no_std)]

use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
pub use laas_traits::{AccessControl, AccessError, RoleHolders};

/// An account was proposed as the next admin, or a proposal was withdrawn (`None`).
#[ink::event]
pub struct AdminProposed {
    /// The proposed admin, if any.
    #[ink(topic)]
    pub proposed: Option<AccountId>,
}

/// The admin role changed hands.
#[ink::event]
pub struct AdminChanged {
    /// The previous admin.
    #[ink(topic)]
    pub previous: AccountId,
    /// The new admin.
    #[ink(topic)]
    pub admin: AccountId,
}

/// The guardian was set or removed.
#[ink::event]
pub struct GuardianChanged {
    /// The new guardian, if any.
    #[ink(topic)]
    pub guardian: Option<AccountId>,
}

/// New exposure was paused or unpaused.
#[ink::event]
pub struct PauseChanged {
    /// Whether new exposure is now paused.
    pub paused: bool,
    /// Who changed it.
    #[ink(topic)]
    pub by: AccountId,
}

/// The role holders of one contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Roles {
    /// Holds every privileged message.
    pub admin: AccountId,
    /// Proposed next admin, until it accepts.
    pub pending_admin: Option<AccountId>,
    /// May pause new exposure.
    pub guardian: Option<AccountId>,
    /// Whether new exposure is paused.
    pub paused: bool,
}

fn emit<E: ink::env::Event>(event: E) {
    ink::env::emit_event::<DefaultEnvironment, E>(event);
}

impl From<Roles> for RoleHolders {
    fn from(r: Roles) -> Self {
        RoleHolders { admin: r.admin, pending_admin: r.pending_admin, guardian: r.guardian, paused: r.paused }
    }
}

impl Roles {
    /// `admin` holds the role; no guardian; not paused.
    pub fn new(admin: AccountId) -> Self {
        Self { admin, pending_admin: None, guardian: None, paused: false }
    }

    /// `Ok` if `caller` is the admin.
    pub fn ensure_admin(&self, caller: AccountId) -> Result<(), AccessError> {
        if caller != self.admin {
            return Err(AccessError::NotAdmin);
        }
        Ok(())
    }

    /// `Ok` unless new exposure is paused.
    pub fn ensure_live(&self) -> Result<(), AccessError> {
        if self.paused {
            return Err(AccessError::Paused);
        }
        Ok(())
    }

    /// Admin proposes `proposed` as the next admin, replacing any earlier proposal; `None`
    /// withdraws the proposal.
    pub fn propose_admin(&mut self, caller: AccountId, proposed: Option<AccountId>) -> Result<(), AccessError> {
        self.ensure_admin(caller)?;
        self.pending_admin = proposed;
        emit(AdminProposed { proposed });
        Ok(())
    }

    /// The proposed account takes the admin role; the previous admin keeps nothing.
    pub fn accept_admin(&mut self, caller: AccountId) -> Result<(), AccessError> {
        if self.pending_admin != Some(caller) {
            return Err(AccessError::NotPendingAdmin);
        }
        let previous = self.admin;
        self.admin = caller;
        self.pending_admin = None;
        emit(AdminChanged { previous, admin: caller });
        Ok(())
    }

    /// Admin sets (or removes) the guardian.
    pub fn set_guardian(&mut self, caller: AccountId, guardian: Option<AccountId>) -> Result<(), AccessError> {
        self.ensure_admin(caller)?;
        self.guardian = guardian;
        emit(GuardianChanged { guardian });
        Ok(())
    }

    /// Guardian or admin pauses new exposure. Pausing while paused changes nothing.
    pub fn pause(&mut self, caller: AccountId) -> Result<(), AccessError> {
        if caller != self.admin && Some(caller) != self.guardian {
            return Err(AccessError::NotGuardian);
        }
        if !self.paused {
            self.paused = true;
            emit(PauseChanged { paused: true, by: caller });
        }
        Ok(())
    }

    /// Only the admin (the DAO after handover) unpauses.
    pub fn unpause(&mut self, caller: AccountId) -> Result<(), AccessError> {
        self.ensure_admin(caller)?;
        if self.paused {
            self.paused = false;
            emit(PauseChanged { paused: false, by: caller });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> AccountId {
        AccountId::from([n; 32])
    }

    #[test]
    fn handover_takes_two_steps_and_leaves_the_old_admin_nothing() {
        let mut r = Roles::new(id(1));
        assert_eq!(r.propose_admin(id(2), Some(id(2))), Err(AccessError::NotAdmin));
        r.propose_admin(id(1), Some(id(8))).unwrap();
        r.propose_admin(id(1), None).unwrap();
        assert_eq!(r.accept_admin(id(8)), Err(AccessError::NotPendingAdmin));
        r.propose_admin(id(1), Some(id(9))).unwrap();
        assert_eq!(r.admin, id(1));
        assert_eq!(r.accept_admin(id(2)), Err(AccessError::NotPendingAdmin));
        r.accept_admin(id(9)).unwrap();
        assert_eq!((r.admin, r.pending_admin), (id(9), None));
        assert_eq!(r.ensure_admin(id(1)), Err(AccessError::NotAdmin));
        assert_eq!(r.set_guardian(id(1), Some(id(1))), Err(AccessError::NotAdmin));
    }

    #[test]
    fn guardian_pauses_only_admin_unpauses() {
        let mut r = Roles::new(id(1));
        assert_eq!(r.pause(id(3)), Err(AccessError::NotGuardian));
        r.set_guardian(id(1), Some(id(3))).unwrap();
        r.pause(id(3)).unwrap();
        assert_eq!(r.ensure_live(), Err(AccessError::Paused));
        assert_eq!(r.unpause(id(3)), Err(AccessError::NotAdmin));
        assert!(r.paused);
        r.unpause(id(1)).unwrap();
        assert_eq!(r.ensure_live(), Ok(()));
        assert_eq!(r.pause(id(4)), Err(AccessError::NotGuardian));
    }
}
