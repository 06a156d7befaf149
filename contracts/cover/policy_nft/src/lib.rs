//! # Policy token
//!
//! Cover policies as PSP34 tokens (SPEC §4.2): tradable protection. Each token carries its
//! policy's terms (product, cover amount, start, end, premium); whoever holds it when a
//! trigger holds is who may claim at the pool. The standard's messages and events, with the
//! standard's selectors, so wallets and marketplaces see the policies:
//!
//! * `PSP34::{collection_id, balance_of, owner_of, allowance, approve, transfer,
//!   total_supply}` and `PSP34Metadata::get_attribute` (the collection's `name` and `symbol`;
//!   each policy's `product`, `cover`, `start_ms`, `end_ms` and `premium`, as decimal text).
//! * `PolicyToken::mint` by the minter only (its cover pool, set once by the admin);
//!   `PolicyToken::policy` reads a policy with its owner.
//!
//! Transfers are never paused. Receiving contracts are not called (no `SafeTransferCheck`).
//! Policies are never burnt: a claimed or expired policy stays a record of what was bought.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

mod text;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod policy_nft {
    use crate::text;
    use ink::prelude::string::String;
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use laas_access::Access;
    pub use laas_traits::cover::{Id, PSP34Error, Policy, PolicyToken, PSP34Metadata, PSP34};
    use laas_traits::{AccessControl, AccessError, Role, Roles};

    /// The collection's name attribute.
    pub const NAME: &[u8] = b"LaaS cover policy";
    /// The collection's symbol attribute.
    pub const SYMBOL: &[u8] = b"LAASCOVER";

    /// A token moved (`from: None` when minted).
    #[ink(event)]
    pub struct Transfer {
        /// The previous owner.
        #[ink(topic)]
        pub from: Option<AccountId>,
        /// The new owner.
        #[ink(topic)]
        pub to: Option<AccountId>,
        /// The token.
        pub id: Id,
    }

    /// An operator was approved or unapproved for one token or all of an owner's.
    #[ink(event)]
    pub struct Approval {
        /// The owner.
        #[ink(topic)]
        pub owner: AccountId,
        /// The operator.
        #[ink(topic)]
        pub operator: AccountId,
        /// The token (`None`: all of the owner's).
        pub id: Option<Id>,
        /// Approved or withdrawn.
        pub approved: bool,
    }

    /// The policy token collection.
    #[ink(storage)]
    pub struct PolicyNft {
        /// Who may mint (the cover pool): set once by the admin.
        minter: Option<AccountId>,
        /// How many policies exist.
        supply: u128,
        /// Each policy's owner.
        owners: Mapping<u128, AccountId>,
        /// Each policy's terms.
        terms: Mapping<u128, Policy>,
        /// How many policies each account holds.
        balances: Mapping<AccountId, u32>,
        /// The operator approved for one policy (cleared when it moves).
        approved: Mapping<u128, AccountId>,
        /// Operators approved for all of an owner's policies.
        operators: Mapping<(AccountId, AccountId), ()>,
        /// Admin (sets the minter once, upgrades, hands over to the DAO).
        access: Access,
    }

    impl Default for PolicyNft {
        fn default() -> Self {
            Self::new()
        }
    }

    impl PolicyNft {
        /// An empty collection; the caller is admin and sets the minter with
        /// `set_role(Minter, pool, true)`.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self {
                minter: None,
                supply: 0,
                owners: Mapping::new(),
                terms: Mapping::new(),
                balances: Mapping::new(),
                approved: Mapping::new(),
                operators: Mapping::new(),
                access: Access::new(Self::env().caller()),
            }
        }

        /// The minter (the cover pool), once set. Anyone may call.
        #[ink(message)]
        pub fn minter(&self) -> Option<AccountId> {
            self.minter
        }

        /// A policy's number, or `TokenNotExists` for an id of another form.
        fn number(id: &Id) -> Result<u128, PSP34Error> {
            match id {
                Id::U128(n) => Ok(*n),
                _ => Err(PSP34Error::TokenNotExists),
            }
        }

        /// Whether `operator` may move `owner`'s policy `n`.
        fn may_move(&self, owner: AccountId, operator: AccountId, n: u128) -> bool {
            owner == operator || self.approved.get(n) == Some(operator) || self.operators.contains((owner, operator))
        }

        /// `account`'s balance changed by one.
        fn count(&mut self, account: AccountId, up: bool) -> Result<(), PSP34Error> {
            let held = self.balances.get(account).unwrap_or(0);
            let next = if up { held.checked_add(1) } else { held.checked_sub(1) };
            let next = next.ok_or_else(|| PSP34Error::Custom(String::from("Overflow")))?;
            if next == 0 {
                self.balances.remove(account);
            } else {
                self.balances.insert(account, &next);
            }
            Ok(())
        }
    }

    impl PSP34 for PolicyNft {
        /// The collection's id: this contract's account id as bytes. Anyone may call.
        #[ink(message)]
        fn collection_id(&self) -> Id {
            let me = self.env().account_id();
            Id::Bytes(AsRef::<[u8]>::as_ref(&me).to_vec())
        }

        /// How many policies `owner` holds. Anyone may call.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u32 {
            self.balances.get(owner).unwrap_or(0)
        }

        /// Who holds policy `id`. Anyone may call.
        #[ink(message)]
        fn owner_of(&self, id: Id) -> Option<AccountId> {
            Self::number(&id).ok().and_then(|n| self.owners.get(n))
        }

        /// Whether `operator` may move `owner`'s policy `id` (or all of them: `None`). Anyone
        /// may call.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<Id>) -> bool {
            if self.operators.contains((owner, operator)) {
                return true;
            }
            match id.map(|id| Self::number(&id)) {
                Some(Ok(n)) => self.owners.get(n) == Some(owner) && self.approved.get(n) == Some(operator),
                _ => false,
            }
        }

        /// Approves `operator` for the caller's policy `id`, or for all the caller's policies
        /// (`None`), or withdraws it (`approved = false`). For one policy, its owner or an
        /// operator of all the owner's policies may call. Errors: `SelfApprove`,
        /// `TokenNotExists`, `NotApproved`.
        #[ink(message)]
        fn approve(&mut self, operator: AccountId, id: Option<Id>, approved: bool) -> Result<(), PSP34Error> {
            let caller = self.env().caller();
            if operator == caller {
                return Err(PSP34Error::SelfApprove);
            }
            let owner = match &id {
                None => {
                    if approved {
                        self.operators.insert((caller, operator), &());
                    } else {
                        self.operators.remove((caller, operator));
                    }
                    caller
                }
                Some(id) => {
                    let n = Self::number(id)?;
                    let owner = self.owners.get(n).ok_or(PSP34Error::TokenNotExists)?;
                    if owner != caller && !self.operators.contains((owner, caller)) {
                        return Err(PSP34Error::NotApproved);
                    }
                    if operator == owner {
                        return Err(PSP34Error::SelfApprove);
                    }
                    if approved {
                        self.approved.insert(n, &operator);
                    } else if self.approved.get(n) == Some(operator) {
                        self.approved.remove(n);
                    }
                    owner
                }
            };
            self.env().emit_event(Approval { owner, operator, id, approved });
            Ok(())
        }

        /// Moves policy `id` to `to` (with it, the right to claim). Its owner or an approved
        /// operator may call; a one-policy approval ends with the move. Never paused.
        /// Errors: `TokenNotExists`, `NotApproved`.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, id: Id, _data: Vec<u8>) -> Result<(), PSP34Error> {
            let caller = self.env().caller();
            let n = Self::number(&id)?;
            let from = self.owners.get(n).ok_or(PSP34Error::TokenNotExists)?;
            if !self.may_move(from, caller, n) {
                return Err(PSP34Error::NotApproved);
            }
            self.approved.remove(n);
            if from != to {
                self.count(from, false)?;
                self.count(to, true)?;
                self.owners.insert(n, &to);
            }
            self.env().emit_event(Transfer { from: Some(from), to: Some(to), id });
            Ok(())
        }

        /// How many policies exist. Anyone may call.
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.supply
        }
    }

    impl PSP34Metadata for PolicyNft {
        /// The collection's `name` and `symbol` (under the collection's id), and each policy's
        /// `product`, `cover`, `start_ms`, `end_ms` and `premium` as decimal text. Anyone may
        /// call.
        #[ink(message)]
        fn get_attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>> {
            if id == self.collection_id() {
                return match key.as_slice() {
                    b"name" => Some(NAME.to_vec()),
                    b"symbol" => Some(SYMBOL.to_vec()),
                    _ => None,
                };
            }
            let policy = self.terms.get(Self::number(&id).ok()?)?;
            let value = match key.as_slice() {
                b"product" => u128::from(policy.product),
                b"cover" => policy.cover,
                b"start_ms" => u128::from(policy.start_ms),
                b"end_ms" => u128::from(policy.end_ms),
                b"premium" => policy.premium,
                _ => return None,
            };
            Some(text::decimal(value))
        }
    }

    impl PolicyToken for PolicyNft {
        /// Mints policy `id` with its terms to `to`. Only the minter (the cover pool).
        /// Errors: `Custom("NotMinter")`, `TokenExists`.
        #[ink(message)]
        fn mint(&mut self, to: AccountId, id: u128, policy: Policy) -> Result<(), PSP34Error> {
            if self.minter != Some(self.env().caller()) {
                return Err(PSP34Error::Custom(String::from("NotMinter")));
            }
            if self.owners.contains(id) {
                return Err(PSP34Error::TokenExists);
            }
            self.supply = self.supply.checked_add(1).ok_or_else(|| PSP34Error::Custom(String::from("Overflow")))?;
            self.count(to, true)?;
            self.owners.insert(id, &to);
            self.terms.insert(id, &policy);
            self.env().emit_event(Transfer { from: None, to: Some(to), id: Id::U128(id) });
            Ok(())
        }

        /// Policy `id`'s owner and terms. Anyone may call.
        #[ink(message)]
        fn policy(&self, id: u128) -> Option<(AccountId, Policy)> {
            Some((self.owners.get(id)?, self.terms.get(id)?))
        }
    }

    impl AccessControl for PolicyNft {
        /// Proposes the next admin, or withdraws the proposal (`None`). Admin only.
        #[ink(message)]
        fn propose_admin(&mut self, admin: Option<AccountId>) -> Result<(), AccessError> {
            self.access.propose_admin(self.env().caller(), admin)
        }

        /// Takes the admin role. Only the proposed account may call.
        #[ink(message)]
        fn accept_admin(&mut self) -> Result<(), AccessError> {
            self.access.accept_admin(self.env().caller())
        }

        /// Sets the minter (its cover pool) once: later changes are `FixedRole`, so no one can
        /// point minting elsewhere; or the guardian. Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> Result<(), AccessError> {
            let caller = self.env().caller();
            match role {
                Role::Minter if self.minter.is_some() => self.access.refuse_fixed(caller),
                Role::Minter => {
                    let mut minter = self.minter;
                    self.access.set_optional(caller, &mut minter, role, account, granted)?;
                    self.minter = minter;
                    Ok(())
                }
                _ => self.access.set_role(caller, role, account, granted),
            }
        }

        /// Nothing here is paused (transfers never are; the pool pauses new cover); the flag is
        /// kept for the shared interface. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> Result<(), AccessError> {
            self.access.pause(self.env().caller())
        }

        /// Lifts the flag. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> Result<(), AccessError> {
            self.access.unpause(self.env().caller())
        }

        /// The flag (it pauses nothing here). Anyone may call.
        #[ink(message)]
        fn paused(&self) -> bool {
            self.access.paused
        }

        /// Replaces this contract's code (storage stays; see `laas_access`). Admin only.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), AccessError> {
            self.access.set_code_hash(self.env().caller(), code_hash)
        }
    }

    impl Roles for PolicyNft {
        /// Admin, pending admin, guardian and the minter. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let mut list = self.access.holders();
            if let Some(minter) = self.minter {
                list.push((Role::Minter, minter));
            }
            list
        }
    }
}
