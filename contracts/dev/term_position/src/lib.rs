//! # Term position (development and test only)
//!
//! The smallest `Term` position a cover product can be written on: holders deposit an asset
//! until the maturity; after it the operator settles (as late as it likes: a scenario makes it
//! late), which records the settlement in the position registry (best effort), and holders
//! redeem their deposits. Shares are not transferable.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod term_position {
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use laas_traits::{registry, token, PSP22Error, Role, Roles, TermSource};

    /// Errors of the Term position.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[allow(clippy::cast_possible_truncation)]
    pub enum TermError {
        /// A token transfer failed.
        PSP22(PSP22Error),
        /// A zero amount.
        ZeroAmount,
        /// Deposits close at the maturity.
        Matured,
        /// The maturity has not come yet.
        NotMatured,
        /// Only the operator settles.
        NotOperator,
        /// Already settled.
        AlreadySettled,
        /// Not settled yet: nothing can be redeemed.
        NotSettled,
        /// The caller holds nothing.
        NothingToRedeem,
        /// A cross-contract call could not be made.
        CallFailed,
        /// Arithmetic overflow.
        Overflow,
    }

    impl From<token::TokenCallError> for TermError {
        fn from(e: token::TokenCallError) -> Self {
            match e {
                token::TokenCallError::Token(e) => TermError::PSP22(e),
                token::TokenCallError::CallFailed => TermError::CallFailed,
            }
        }
    }

    /// Results of this contract's messages.
    pub type Result<T> = core::result::Result<T, TermError>;

    /// A deposit was made.
    #[ink(event)]
    pub struct Deposited {
        /// The holder.
        #[ink(topic)]
        pub holder: AccountId,
        /// The amount.
        pub amount: u128,
    }

    /// The operator settled the position.
    #[ink(event)]
    pub struct Settled {
        /// When, ms.
        pub at_ms: u64,
        /// Whether the registry recorded it.
        pub recorded: bool,
    }

    /// A holder redeemed.
    #[ink(event)]
    pub struct Redeemed {
        /// The holder.
        #[ink(topic)]
        pub holder: AccountId,
        /// The amount.
        pub amount: u128,
    }

    /// The Term position.
    #[ink(storage)]
    pub struct TermPosition {
        /// The asset deposited. Fixed.
        asset: AccountId,
        /// When it is due, ms. Fixed.
        maturity_ms: u64,
        /// Who settles it (the instantiator). Fixed.
        operator: AccountId,
        /// The position registry its settlement is recorded in, if any. Fixed.
        registry: Option<AccountId>,
        /// When it was settled, ms (`None` until then).
        settled_ms: Option<u64>,
        /// Deposits outstanding.
        total: u128,
        /// Each holder's deposit.
        balances: Mapping<AccountId, u128>,
    }

    impl TermPosition {
        /// A Term position in `asset` due at `maturity_ms`, recording its settlement in
        /// `registry`. The caller is its operator.
        #[ink(constructor)]
        pub fn new(asset: AccountId, maturity_ms: u64, registry: Option<AccountId>) -> Self {
            Self { asset, maturity_ms, operator: Self::env().caller(), registry, settled_ms: None, total: 0, balances: Mapping::new() }
        }

        /// Deposits `amount` of the asset (approved) before the maturity. Anyone may call.
        /// Errors: `ZeroAmount`, `Matured`, token errors.
        #[ink(message)]
        pub fn deposit(&mut self, amount: u128) -> Result<()> {
            let holder = self.env().caller();
            if amount == 0 {
                return Err(TermError::ZeroAmount);
            }
            if self.env().block_timestamp() >= self.maturity_ms {
                return Err(TermError::Matured);
            }
            let balance = self.balances.get(holder).unwrap_or(0).checked_add(amount).ok_or(TermError::Overflow)?;
            self.total = self.total.checked_add(amount).ok_or(TermError::Overflow)?;
            self.balances.insert(holder, &balance);
            token::pull(self.asset, holder, amount)?;
            self.env().emit_event(Deposited { holder, amount });
            Ok(())
        }

        /// Settles the position at or after its maturity and records it in the registry
        /// (best effort). Operator only. Errors: `NotOperator`, `NotMatured`, `AlreadySettled`.
        #[ink(message)]
        pub fn settle(&mut self) -> Result<()> {
            if self.env().caller() != self.operator {
                return Err(TermError::NotOperator);
            }
            let now = self.env().block_timestamp();
            if now < self.maturity_ms {
                return Err(TermError::NotMatured);
            }
            if self.settled_ms.is_some() {
                return Err(TermError::AlreadySettled);
            }
            self.settled_ms = Some(now);
            let recorded = self.registry.is_some_and(registry::push_settlement);
            self.env().emit_event(Settled { at_ms: now, recorded });
            Ok(())
        }

        /// Pays the caller's deposit back once settled. Anyone with a deposit.
        /// Errors: `NotSettled`, `NothingToRedeem`, token errors.
        #[ink(message)]
        pub fn redeem(&mut self) -> Result<u128> {
            let holder = self.env().caller();
            if self.settled_ms.is_none() {
                return Err(TermError::NotSettled);
            }
            let amount = self.balances.get(holder).unwrap_or(0);
            if amount == 0 {
                return Err(TermError::NothingToRedeem);
            }
            self.balances.remove(holder);
            self.total = self.total.saturating_sub(amount);
            token::push(self.asset, holder, amount)?;
            self.env().emit_event(Redeemed { holder, amount });
            Ok(amount)
        }

        /// `(asset, maturity ms, settled ms, deposits outstanding)`. Anyone may call.
        #[ink(message)]
        pub fn terms(&self) -> (AccountId, u64, Option<u64>, u128) {
            (self.asset, self.maturity_ms, self.settled_ms, self.total)
        }

        /// `holder`'s deposit. Anyone may call.
        #[ink(message)]
        pub fn balance_of(&self, holder: AccountId) -> u128 {
            self.balances.get(holder).unwrap_or(0)
        }
    }

    impl TermSource for TermPosition {
        /// When it was settled, ms (`None` until then). Anyone may call.
        #[ink(message)]
        fn settled_at(&self) -> Option<u64> {
            self.settled_ms
        }
    }

    impl Roles for TermPosition {
        /// The operator, listed as the admin (it alone settles). Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            ink::prelude::vec![(Role::Admin, self.operator)]
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test;
        use ink::env::DefaultEnvironment as E;

        #[ink::test]
        fn only_the_operator_settles_after_the_maturity_and_only_once() {
            let a = test::default_accounts::<E>();
            test::set_caller::<E>(a.alice);
            test::set_block_timestamp::<E>(100);
            let mut t = TermPosition::new(a.django, 1_000, None);
            assert_eq!(t.deposit(0), Err(TermError::ZeroAmount));
            assert_eq!(t.settle(), Err(TermError::NotMatured));
            assert_eq!(t.redeem(), Err(TermError::NotSettled));
            test::set_block_timestamp::<E>(1_000);
            assert_eq!(t.deposit(5), Err(TermError::Matured));
            test::set_caller::<E>(a.bob);
            assert_eq!(t.settle(), Err(TermError::NotOperator));
            test::set_caller::<E>(a.alice);
            test::set_block_timestamp::<E>(5_000);
            assert_eq!(t.settle(), Ok(()));
            assert_eq!(t.settle(), Err(TermError::AlreadySettled));
            assert_eq!(t.terms(), (a.django, 1_000, Some(5_000), 0));
            assert_eq!(t.settled_at(), Some(5_000));
            assert_eq!(t.redeem(), Err(TermError::NothingToRedeem));
            assert_eq!(t.roles(), vec![(Role::Admin, a.alice)]);
        }
    }
}
