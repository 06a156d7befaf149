//! # Test asset (development and test chains only)
//!
//! A PSP22 token with metadata standing in for WETH, USDC or a project token on a local
//! chain. The admin (the deployer) mints freely; anyone may draw from a faucet up to
//! `faucet_limit` per account in total, so a dapp on a dev chain can fund its users.
//!
//! Built with the feature `next-version` it is the token's **second version**, which the
//! upgrade scenario moves a deployed token to with `set_code_hash`: it adds a notice the admin
//! sets, kept in a new `Lazy` field, so everything version 1 stored stays where it was.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

/// What only the second version has.
#[cfg(feature = "next-version")]
mod next_version {
    use ink::prelude::string::String;

    /// Version 2: the admin set the notice.
    #[ink::event]
    pub struct NoticeChanged {
        /// The new notice.
        pub notice: String,
    }
}

#[ink::contract]
pub mod test_asset {
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::{Lazy, Mapping};
    use laas_access::Access;
    use laas_traits::{emit_psp22_events, AccessControl, AccessError, PSP22Error, PSP22Metadata, Role, Roles, PSP22};
    use psp22::PSP22Data;

    /// Errors of the non-PSP22 messages.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[allow(clippy::cast_possible_truncation)]
    pub enum Error {
        /// A PSP22 rule was broken (e.g. the supply would overflow).
        PSP22(PSP22Error),
        /// A role check failed (only the admin mints), or the faucet is paused.
        Access(AccessError),
        /// Zero amounts are refused.
        ZeroAmount,
        /// The faucet would give this account more than `faucet_limit` in total.
        FaucetLimitExceeded,
    }

    impl From<PSP22Error> for Error {
        fn from(e: PSP22Error) -> Self {
            Error::PSP22(e)
        }
    }

    impl From<AccessError> for Error {
        fn from(e: AccessError) -> Self {
            Error::Access(e)
        }
    }

    /// Name, symbol and decimals.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Metadata {
        /// e.g. "Wrapped Ether".
        pub name: String,
        /// e.g. "WETH".
        pub symbol: String,
        /// e.g. 18.
        pub decimals: u8,
    }

    /// The admin changed the faucet limit.
    #[ink(event)]
    pub struct FaucetLimitChanged {
        /// New lifetime limit per account.
        pub limit: u128,
    }

    #[cfg(feature = "next-version")]
    pub use crate::next_version::NoticeChanged;

    /// A mintable test token.
    #[ink(storage)]
    pub struct TestAsset {
        /// Balances, allowances and supply.
        data: PSP22Data,
        /// Admin (mints any amount, sets the faucet limit; the deployer) and guardian (pauses
        /// the faucet).
        access: Access,
        /// Most the faucet gives one account over its lifetime.
        faucet_limit: u128,
        /// What the faucet has given each account so far.
        drawn: Mapping<AccountId, u128>,
        /// Token metadata (lazy: only the metadata queries read it).
        metadata: Lazy<Metadata>,
        /// Version 2 only: a notice the admin sets. A field added by an upgrade lives in a
        /// `Lazy` (or `Mapping`) cell of its own, so version 1's storage is read unchanged.
        #[cfg(feature = "next-version")]
        notice: Lazy<String>,
    }

    impl TestAsset {
        /// Creates the token with no supply; the caller becomes the admin.
        #[ink(constructor)]
        pub fn new(name: String, symbol: String, decimals: u8, faucet_limit: u128) -> Self {
            let mut metadata = Lazy::new();
            metadata.set(&Metadata { name, symbol, decimals });
            Self {
                data: PSP22Data::default(),
                access: Access::new(Self::env().caller()),
                faucet_limit,
                drawn: Mapping::new(),
                metadata,
                #[cfg(feature = "next-version")]
                notice: Lazy::new(),
            }
        }

        /// Mints `amount` to `to`. Admin only. Errors: `Access(NotAdmin)`, `ZeroAmount`,
        /// `PSP22(Custom)` on supply overflow.
        #[ink(message)]
        pub fn mint(&mut self, to: AccountId, amount: u128) -> Result<(), Error> {
            self.access.ensure_admin(self.env().caller())?;
            self.mint_checked(to, amount)
        }

        /// Mints `amount` to the caller, up to `faucet_limit` per account in total.
        /// Anyone may call; blocked by pause. Errors: `Access(Paused)`, `ZeroAmount`,
        /// `FaucetLimitExceeded`.
        #[ink(message)]
        pub fn faucet(&mut self, amount: u128) -> Result<(), Error> {
            self.access.ensure_live()?;
            let caller = self.env().caller();
            let drawn = self
                .drawn
                .get(caller)
                .unwrap_or_default()
                .checked_add(amount)
                .filter(|total| *total <= self.faucet_limit)
                .ok_or(Error::FaucetLimitExceeded)?;
            self.mint_checked(caller, amount)?;
            self.drawn.insert(caller, &drawn);
            Ok(())
        }

        /// Sets the faucet's lifetime limit per account. Admin only. Errors: `Access(NotAdmin)`.
        #[ink(message)]
        pub fn set_faucet_limit(&mut self, limit: u128) -> Result<(), Error> {
            self.access.ensure_admin(self.env().caller())?;
            self.faucet_limit = limit;
            self.env().emit_event(FaucetLimitChanged { limit });
            Ok(())
        }

        /// The faucet's lifetime limit per account. Anyone may call.
        #[ink(message)]
        pub fn faucet_limit(&self) -> u128 {
            self.faucet_limit
        }

        /// What the faucet has given `account` so far. Anyone may call.
        #[ink(message)]
        pub fn faucet_drawn(&self, account: AccountId) -> u128 {
            self.drawn.get(account).unwrap_or_default()
        }

        /// The code version: 1, or 2 when built with `next-version`. Anyone may call.
        #[ink(message)]
        pub fn version(&self) -> u32 {
            if cfg!(feature = "next-version") {
                2
            } else {
                1
            }
        }

        /// Version 2: sets the notice. Admin only. Errors: `Access(NotAdmin)`.
        #[cfg(feature = "next-version")]
        #[ink(message)]
        pub fn set_notice(&mut self, notice: String) -> Result<(), Error> {
            self.access.ensure_admin(self.env().caller())?;
            self.notice.set(&notice);
            self.env().emit_event(NoticeChanged { notice });
            Ok(())
        }

        /// Version 2: the notice, if the admin set one. Anyone may call.
        #[cfg(feature = "next-version")]
        #[ink(message)]
        pub fn notice(&self) -> Option<String> {
            self.notice.get()
        }

        fn mint_checked(&mut self, to: AccountId, amount: u128) -> Result<(), Error> {
            if amount == 0 {
                return Err(Error::ZeroAmount);
            }
            let events = self.data.mint(to, amount)?;
            emit_psp22_events(events);
            Ok(())
        }
    }

    impl AccessControl for TestAsset {
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

        /// Sets the guardian (the token has no roles of its own). Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> Result<(), AccessError> {
            self.access.set_role(self.env().caller(), role, account, granted)
        }

        /// Pauses the faucet; transfers keep working. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> Result<(), AccessError> {
            self.access.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> Result<(), AccessError> {
            self.access.unpause(self.env().caller())
        }

        /// Whether the faucet is paused. Anyone may call.
        #[ink(message)]
        fn paused(&self) -> bool {
            self.access.paused
        }

        /// Replaces this token's code (balances stay; see `laas_access`). Admin only.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), AccessError> {
            self.access.set_code_hash(self.env().caller(), code_hash)
        }
    }

    impl Roles for TestAsset {
        /// Admin, pending admin and guardian. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            self.access.holders()
        }
    }

    impl PSP22 for TestAsset {
        /// Tokens in existence. Anyone may call.
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.data.total_supply()
        }

        /// Tokens held by `owner`. Anyone may call.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.data.balance_of(owner)
        }

        /// Tokens `spender` may still move from `owner`. Anyone may call.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.data.allowance(owner, spender)
        }

        /// Moves `value` from the caller to `to`. Errors: `InsufficientBalance`.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let events = self.data.transfer(self.env().caller(), to, value)?;
            emit_psp22_events(events);
            Ok(())
        }

        /// Moves `value` from `from` to `to` with the caller's allowance.
        /// Errors: `InsufficientAllowance`, `InsufficientBalance`.
        #[ink(message)]
        fn transfer_from(&mut self, from: AccountId, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let events = self.data.transfer_from(self.env().caller(), from, to, value)?;
            emit_psp22_events(events);
            Ok(())
        }

        /// Sets the caller's allowance for `spender`. Any account may call.
        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> Result<(), PSP22Error> {
            let events = self.data.approve(self.env().caller(), spender, value)?;
            emit_psp22_events(events);
            Ok(())
        }

        /// Raises the caller's allowance for `spender`. Any account may call.
        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta_value: u128) -> Result<(), PSP22Error> {
            let events = self.data.increase_allowance(self.env().caller(), spender, delta_value)?;
            emit_psp22_events(events);
            Ok(())
        }

        /// Lowers the caller's allowance for `spender`. Errors: `InsufficientAllowance`.
        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta_value: u128) -> Result<(), PSP22Error> {
            let events = self.data.decrease_allowance(self.env().caller(), spender, delta_value)?;
            emit_psp22_events(events);
            Ok(())
        }
    }

    impl PSP22Metadata for TestAsset {
        /// The name given at instantiation.
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.metadata.get().map(|m| m.name)
        }

        /// The symbol given at instantiation.
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.metadata.get().map(|m| m.symbol)
        }

        /// The decimals given at instantiation.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.metadata.get().map(|m| m.decimals).unwrap_or_default()
        }
    }

    #[cfg(test)]
    mod psp22_standard {
        use super::TestAsset;
        psp22::tests!(TestAsset, (|supply: u128| {
            let mut t = TestAsset::new(String::new(), String::new(), 0, 0);
            if supply > 0 {
                t.mint(t.access.admin, supply).expect("mint");
            }
            t
        }));
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test;
        use ink::env::DefaultEnvironment as E;

        fn setup() -> (TestAsset, test::DefaultAccounts<E>) {
            let a = test::default_accounts::<E>();
            test::set_caller::<E>(a.alice);
            (TestAsset::new(String::from("Wrapped Ether"), String::from("WETH"), 18, 1_000), a)
        }

        #[ink::test]
        fn owner_mints_others_cannot() {
            let (mut t, a) = setup();
            t.mint(a.bob, 5).unwrap();
            assert_eq!(t.balance_of(a.bob), 5);
            test::set_caller::<E>(a.bob);
            assert_eq!(t.mint(a.bob, 5), Err(Error::Access(AccessError::NotAdmin)));
            assert_eq!(t.set_faucet_limit(9), Err(Error::Access(AccessError::NotAdmin)));
            assert_eq!(t.set_code_hash(Hash::from([9; 32])), Err(AccessError::NotAdmin));
            assert_eq!(t.set_role(Role::Guardian, a.bob, true), Err(AccessError::NotAdmin));
            assert_eq!(t.total_supply(), 5);
            assert_eq!(t.faucet_limit(), 1_000);
        }

        #[ink::test]
        fn faucet_is_capped_per_account() {
            let (mut t, a) = setup();
            test::set_caller::<E>(a.bob);
            t.faucet(600).unwrap();
            assert_eq!(t.faucet(401), Err(Error::FaucetLimitExceeded));
            t.faucet(400).unwrap();
            assert_eq!(t.faucet(1), Err(Error::FaucetLimitExceeded));
            assert_eq!(t.faucet_drawn(a.bob), 1_000);
            assert_eq!(t.faucet(0), Err(Error::ZeroAmount));
            test::set_caller::<E>(a.charlie);
            t.faucet(1_000).unwrap();
            assert_eq!(t.total_supply(), 2_000);
        }

        #[ink::test]
        fn zero_mint_and_overflow_are_refused() {
            let (mut t, a) = setup();
            assert_eq!(t.mint(a.bob, 0), Err(Error::ZeroAmount));
            t.mint(a.bob, u128::MAX).unwrap();
            assert!(matches!(t.mint(a.bob, 1), Err(Error::PSP22(PSP22Error::Custom(_)))));
            assert_eq!(t.total_supply(), u128::MAX);
        }

        #[ink::test]
        fn metadata_is_kept() {
            let (t, _) = setup();
            assert_eq!(t.token_name().as_deref(), Some("Wrapped Ether"));
            assert_eq!(t.token_symbol().as_deref(), Some("WETH"));
            assert_eq!(t.token_decimals(), 18);
        }
    }
}
