//! # Test asset (development and test chains only)
//!
//! A PSP22 token with metadata standing in for WETH, USDC or a project token on a local
//! chain. The owner (the deployer) mints freely; anyone may draw from a faucet up to
//! `faucet_limit` per account in total, so a dapp on a dev chain can fund its users.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod test_asset {
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::{Lazy, Mapping};
    use laas_traits::{emit_psp22_events, PSP22Error, PSP22Metadata, PSP22};
    use psp22::PSP22Data;

    /// Errors of the non-PSP22 messages.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[allow(clippy::cast_possible_truncation)]
    pub enum Error {
        /// A PSP22 rule was broken (e.g. the supply would overflow).
        PSP22(PSP22Error),
        /// Only the owner may call this message.
        NotOwner,
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

    /// The owner changed the faucet limit.
    #[ink(event)]
    pub struct FaucetLimitChanged {
        /// New lifetime limit per account.
        pub limit: u128,
    }

    /// A mintable test token.
    #[ink(storage)]
    pub struct TestAsset {
        /// Balances, allowances and supply.
        data: PSP22Data,
        /// The deployer: may mint any amount and set the faucet limit.
        owner: AccountId,
        /// Most the faucet gives one account over its lifetime.
        faucet_limit: u128,
        /// What the faucet has given each account so far.
        drawn: Mapping<AccountId, u128>,
        /// Token metadata (lazy: only the metadata queries read it).
        metadata: Lazy<Metadata>,
    }

    impl TestAsset {
        /// Creates the token with no supply; the caller becomes the owner.
        #[ink(constructor)]
        pub fn new(name: String, symbol: String, decimals: u8, faucet_limit: u128) -> Self {
            let mut metadata = Lazy::new();
            metadata.set(&Metadata { name, symbol, decimals });
            Self {
                data: PSP22Data::default(),
                owner: Self::env().caller(),
                faucet_limit,
                drawn: Mapping::new(),
                metadata,
            }
        }

        /// Mints `amount` to `to`. Owner only. Errors: `NotOwner`, `ZeroAmount`,
        /// `PSP22(Custom)` on supply overflow.
        #[ink(message)]
        pub fn mint(&mut self, to: AccountId, amount: u128) -> Result<(), Error> {
            if self.env().caller() != self.owner {
                return Err(Error::NotOwner);
            }
            self.mint_checked(to, amount)
        }

        /// Mints `amount` to the caller, up to `faucet_limit` per account in total.
        /// Anyone may call. Errors: `ZeroAmount`, `FaucetLimitExceeded`.
        #[ink(message)]
        pub fn faucet(&mut self, amount: u128) -> Result<(), Error> {
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

        /// Sets the faucet's lifetime limit per account. Owner only. Errors: `NotOwner`.
        #[ink(message)]
        pub fn set_faucet_limit(&mut self, limit: u128) -> Result<(), Error> {
            if self.env().caller() != self.owner {
                return Err(Error::NotOwner);
            }
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

        /// The owner (deployer). Anyone may call.
        #[ink(message)]
        pub fn owner(&self) -> AccountId {
            self.owner
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
                t.mint(t.owner(), supply).expect("mint");
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
            assert_eq!(t.mint(a.bob, 5), Err(Error::NotOwner));
            assert_eq!(t.set_faucet_limit(9), Err(Error::NotOwner));
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
