//! The pool's books code (this crate built with the `books` feature; the `tasset_books`
//! bundle): the contract a pool runs its manager's messages and its views in, by delegate
//! call, in the pool's own storage. Its messages carry the pool's selectors, so the pool
//! forwards a call unchanged. It is never a contract of its own: its constructor refuses.

#[ink::contract]
pub mod tasset_books {
    use crate::state::Pool;
    use ink::prelude::{string::String, vec::Vec};
    use laas_traits::{Books, ManagedPool, PSP22Error, PSP22Metadata, PoolCode, PoolConfig, PoolError, Position, Role, Roles, Rollover};

    /// Results of the pool's own messages.
    pub type Result<T> = core::result::Result<T, PoolError>;

    /// The pool's storage, as the pool holds it.
    #[ink(storage)]
    pub struct TAssetBooks {
        /// Everything the pool stores.
        pool: Pool,
    }

    impl TAssetBooks {
        /// Refuses: the books code runs only inside a pool. Errors: `NotManager`.
        #[ink(constructor)]
        pub fn new() -> Result<Self> {
            Err(PoolError::NotManager)
        }

        /// `PSP22::allowance`: tAssets `spender` may still move from `owner`. Anyone may call.
        #[ink(message, selector = 0x4d47d921)]
        pub fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.pool.allowance(owner, spender)
        }

        /// `PSP22::increase_allowance`: raises the caller's allowance for `spender`.
        #[ink(message, selector = 0x96d6b57a)]
        pub fn increase_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            self.pool.increase_allowance(spender, delta_value)
        }

        /// `PSP22::decrease_allowance`: lowers the caller's allowance for `spender`.
        /// Errors: `InsufficientAllowance`.
        #[ink(message, selector = 0xfecb57d5)]
        pub fn decrease_allowance(&mut self, spender: AccountId, delta_value: u128) -> core::result::Result<(), PSP22Error> {
            self.pool.decrease_allowance(spender, delta_value)
        }

        /// `TAsset::position`: `account`'s position, rewards settled to now. Anyone may call
        /// (through the pool).
        #[ink(message, selector = 0x6e1bc697)]
        pub fn position(&self, account: AccountId) -> Position {
            self.pool.position(account)
        }
    }

    impl ManagedPool for TAssetBooks {
        /// The books a rollover or a strike needs. Anyone may call.
        #[ink(message)]
        fn books(&self) -> Books {
            self.pool.books()
        }

        /// Opens the next epoch. Manager only. Errors: `NotManager`, `Math`, token errors.
        #[ink(message)]
        fn roll(&mut self, rollover: Rollover) -> Result<(u128, u128)> {
            self.pool.roll(rollover)
        }

        /// Records a NAV strike. Manager only. Errors: `NotManager`.
        #[ink(message)]
        fn strike(&mut self, nav: u128) -> Result<()> {
            self.pool.strike(nav)
        }

        /// Replaces the parameters. Manager only. Errors: `NotManager`, `InvalidConfig`.
        #[ink(message)]
        fn configure(&mut self, config: PoolConfig) -> Result<()> {
            self.pool.configure(config)
        }

        /// Replaces both of the pool's codes. Manager only. Errors: `NotManager`,
        /// `UpgradeFailed`.
        #[ink(message)]
        fn set_code_hash(&mut self, code: PoolCode) -> Result<()> {
            self.pool.set_code(code)
        }
    }

    impl PSP22Metadata for TAssetBooks {
        /// "t" and the asset's name. Anyone may call.
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.pool.token_name()
        }

        /// "t" and the asset's symbol. Anyone may call.
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.pool.token_symbol()
        }

        /// The asset's decimals. Anyone may call.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.pool.token_decimals()
        }
    }

    impl Roles for TAssetBooks {
        /// The pool's manager. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            self.pool.roles()
        }
    }
}
