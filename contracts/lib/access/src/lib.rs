//! Roles every LaaS contract shares (SPEC §2 "Access control", "Upgrades").
//!
//! * **admin**: the deployer at first; hands the role over in two steps (`propose_admin`, then
//!   `accept_admin` by the proposed account) — the "governance handover" to the DAO, after
//!   which the deployer holds nothing.
//! * **guardian**: may pause new exposure (deposits, new cover, swaps). It cannot unpause:
//!   only the admin (the DAO) can. Exits are never gated by [`Access::ensure_live`].
//! * **a contract's own roles** (a reactor's treasury, a venue's pricer, staking depositors):
//!   kept by the contract, set through [`Access::set_optional`], [`Access::set_required`] and
//!   [`Access::set_member`], so every role change is checked and announced the same way.
//! * **upgrades**: [`Access::set_code_hash`] replaces the contract's code, admin only.
//!
//! [`Access`] is a plain value kept in a contract's storage; its methods take the caller
//! explicitly, check, change and emit this crate's events, so every contract shows the same
//! role events in its metadata.
#![cfg_attr(not(feature = "std"), no_std)]

use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
pub use laas_traits::{AccessControl, AccessError, Role, Roles};

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

/// A role was granted to or revoked from an account.
#[ink::event]
pub struct RoleChanged {
    /// The role.
    pub role: Role,
    /// The account.
    #[ink(topic)]
    pub account: AccountId,
    /// Granted (`true`) or revoked.
    pub granted: bool,
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

/// The contract's code was replaced.
#[ink::event]
pub struct Upgraded {
    /// The new code.
    #[ink(topic)]
    pub code_hash: Hash,
}

/// The shared role holders of one contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Access {
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

impl Access {
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

    /// `set_role` for the roles every contract has: the guardian is set or revoked here; the
    /// admin and pending admin change only through the handover (`FixedRole`); any other role
    /// is not this contract's (`UnknownRole`). A contract handles its own roles first and
    /// passes the rest here. Admin only.
    pub fn set_role(&mut self, caller: AccountId, role: Role, account: AccountId, granted: bool) -> Result<(), AccessError> {
        match role {
            Role::Guardian => {
                let mut guardian = self.guardian;
                self.set_optional(caller, &mut guardian, role, account, granted)?;
                self.guardian = guardian;
                Ok(())
            }
            Role::Admin | Role::PendingAdmin => self.refuse_fixed(caller),
            _ => {
                self.ensure_admin(caller)?;
                Err(AccessError::UnknownRole)
            }
        }
    }

    /// `set_role` for a role this contract binds at instantiation or registration (a venue's
    /// reactor, a reactor's tAsset): never set this way. Errors: `NotAdmin`, `FixedRole`.
    pub fn refuse_fixed(&self, caller: AccountId) -> Result<(), AccessError> {
        self.ensure_admin(caller)?;
        Err(AccessError::FixedRole)
    }

    /// Grants a role with at most one holder (replacing it) or revokes it from its holder.
    /// Admin only. Errors: `NotAdmin`, `NotHolder`.
    pub fn set_optional(&self, caller: AccountId, holder: &mut Option<AccountId>, role: Role, account: AccountId, granted: bool) -> Result<(), AccessError> {
        self.ensure_admin(caller)?;
        if granted {
            *holder = Some(account);
        } else if *holder == Some(account) {
            *holder = None;
        } else {
            return Err(AccessError::NotHolder);
        }
        emit(RoleChanged { role, account, granted });
        Ok(())
    }

    /// Grants a role that always has exactly one holder (replacing it); it cannot be revoked.
    /// Admin only. Errors: `NotAdmin`, `RoleRequired`.
    pub fn set_required(&self, caller: AccountId, holder: &mut AccountId, role: Role, account: AccountId, granted: bool) -> Result<(), AccessError> {
        self.ensure_admin(caller)?;
        if !granted {
            return Err(AccessError::RoleRequired);
        }
        *holder = account;
        emit(RoleChanged { role, account, granted });
        Ok(())
    }

    /// Adds `account` to a role with several holders (at most `cap`; adding a holder again
    /// changes nothing but is announced) or removes it. Admin only.
    /// Errors: `NotAdmin`, `TooManyHolders`, `NotHolder`.
    pub fn set_member(&self, caller: AccountId, holders: &mut Vec<AccountId>, cap: usize, role: Role, account: AccountId, granted: bool) -> Result<(), AccessError> {
        self.ensure_admin(caller)?;
        let position = holders.iter().position(|h| *h == account);
        match (granted, position) {
            (true, Some(_)) => {}
            (true, None) if holders.len() >= cap => return Err(AccessError::TooManyHolders),
            (true, None) => holders.push(account),
            (false, Some(i)) => {
                holders.swap_remove(i);
            }
            (false, None) => return Err(AccessError::NotHolder),
        }
        emit(RoleChanged { role, account, granted });
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

    /// The admin, a pending admin and the guardian, as `roles()` lists them; a contract
    /// appends its own roles.
    pub fn holders(&self) -> Vec<(Role, AccountId)> {
        let mut list = Vec::with_capacity(3);
        list.push((Role::Admin, self.admin));
        if let Some(pending) = self.pending_admin {
            list.push((Role::PendingAdmin, pending));
        }
        if let Some(guardian) = self.guardian {
            list.push((Role::Guardian, guardian));
        }
        list
    }

    /// Replaces the calling contract's code with `code_hash` (uploaded beforehand). The
    /// storage stays: a new version adds fields only in `Lazy` or `Mapping` cells. Admin only.
    /// Errors: `NotAdmin`, `UpgradeFailed`.
    pub fn set_code_hash(&self, caller: AccountId, code_hash: Hash) -> Result<(), AccessError> {
        self.ensure_admin(caller)?;
        ink::env::set_code_hash::<DefaultEnvironment>(&code_hash).map_err(|_| AccessError::UpgradeFailed)?;
        emit(Upgraded { code_hash });
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
        let mut r = Access::new(id(1));
        assert_eq!(r.propose_admin(id(2), Some(id(2))), Err(AccessError::NotAdmin));
        r.propose_admin(id(1), Some(id(8))).unwrap();
        r.propose_admin(id(1), None).unwrap();
        assert_eq!(r.accept_admin(id(8)), Err(AccessError::NotPendingAdmin));
        r.propose_admin(id(1), Some(id(9))).unwrap();
        assert_eq!(r.admin, id(1));
        assert_eq!(r.holders(), vec![(Role::Admin, id(1)), (Role::PendingAdmin, id(9))]);
        assert_eq!(r.accept_admin(id(2)), Err(AccessError::NotPendingAdmin));
        r.accept_admin(id(9)).unwrap();
        assert_eq!((r.admin, r.pending_admin), (id(9), None));
        assert_eq!(r.ensure_admin(id(1)), Err(AccessError::NotAdmin));
        assert_eq!(r.set_role(id(1), Role::Guardian, id(1), true), Err(AccessError::NotAdmin));
        assert_eq!(r.holders(), vec![(Role::Admin, id(9))]);
    }

    #[test]
    fn guardian_pauses_only_admin_unpauses() {
        let mut r = Access::new(id(1));
        assert_eq!(r.pause(id(3)), Err(AccessError::NotGuardian));
        r.set_role(id(1), Role::Guardian, id(3), true).unwrap();
        r.pause(id(3)).unwrap();
        assert_eq!(r.ensure_live(), Err(AccessError::Paused));
        assert_eq!(r.unpause(id(3)), Err(AccessError::NotAdmin));
        assert!(r.paused);
        r.unpause(id(1)).unwrap();
        assert_eq!(r.ensure_live(), Ok(()));
        assert_eq!(r.pause(id(4)), Err(AccessError::NotGuardian));
    }

    #[test]
    fn the_guardian_is_granted_replaced_and_revoked_only_from_its_holder() {
        let mut r = Access::new(id(1));
        r.set_role(id(1), Role::Guardian, id(3), true).unwrap();
        r.set_role(id(1), Role::Guardian, id(4), true).unwrap();
        assert_eq!(r.guardian, Some(id(4)));
        assert_eq!(r.set_role(id(1), Role::Guardian, id(3), false), Err(AccessError::NotHolder));
        assert_eq!(r.guardian, Some(id(4)));
        r.set_role(id(1), Role::Guardian, id(4), false).unwrap();
        assert_eq!(r.guardian, None);
        assert_eq!(r.holders(), vec![(Role::Admin, id(1))]);
    }

    #[test]
    fn the_admin_is_not_set_as_a_role_and_foreign_roles_are_unknown() {
        let mut r = Access::new(id(1));
        assert_eq!(r.set_role(id(1), Role::Admin, id(2), true), Err(AccessError::FixedRole));
        assert_eq!(r.set_role(id(1), Role::PendingAdmin, id(2), true), Err(AccessError::FixedRole));
        assert_eq!(r.set_role(id(1), Role::Treasury, id(2), true), Err(AccessError::UnknownRole));
        assert_eq!(r.set_role(id(2), Role::Treasury, id(2), true), Err(AccessError::NotAdmin));
        assert_eq!(r, Access::new(id(1)));
    }

    #[test]
    fn required_roles_are_replaced_never_revoked() {
        let r = Access::new(id(1));
        let mut treasury = id(5);
        assert_eq!(r.set_required(id(2), &mut treasury, Role::Treasury, id(6), true), Err(AccessError::NotAdmin));
        assert_eq!(r.set_required(id(1), &mut treasury, Role::Treasury, id(5), false), Err(AccessError::RoleRequired));
        r.set_required(id(1), &mut treasury, Role::Treasury, id(6), true).unwrap();
        assert_eq!(treasury, id(6));
    }

    #[test]
    fn members_are_added_once_up_to_the_cap_and_removed_only_if_held() {
        let r = Access::new(id(1));
        let mut members = Vec::new();
        r.set_member(id(1), &mut members, 2, Role::Depositor, id(5), true).unwrap();
        r.set_member(id(1), &mut members, 2, Role::Depositor, id(5), true).unwrap();
        r.set_member(id(1), &mut members, 2, Role::Depositor, id(6), true).unwrap();
        assert_eq!(members, vec![id(5), id(6)]);
        assert_eq!(r.set_member(id(1), &mut members, 2, Role::Depositor, id(7), true), Err(AccessError::TooManyHolders));
        assert_eq!(r.set_member(id(1), &mut members, 2, Role::Depositor, id(7), false), Err(AccessError::NotHolder));
        assert_eq!(r.set_member(id(2), &mut members, 2, Role::Depositor, id(5), false), Err(AccessError::NotAdmin));
        r.set_member(id(1), &mut members, 2, Role::Depositor, id(5), false).unwrap();
        assert_eq!(members, vec![id(6)]);
    }

    #[test]
    fn only_the_admin_may_upgrade() {
        let r = Access::new(id(1));
        assert_eq!(r.set_code_hash(id(2), Hash::from([7; 32])), Err(AccessError::NotAdmin));
    }
}
