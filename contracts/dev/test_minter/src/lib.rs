//! # Test minter (tests only)
//!
//! Stands in for a reactor in the tAsset scenarios: it instantiates its own tAsset from a
//! code hash with a deterministic salt (as reactors do), forwards `mint`/`burn` to it, and
//! implements the [`TransferHook`] by recording every notification in an event and in
//! storage. It can be told to refuse transfers, to show that a refusing minter blocks them.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod test_minter {
    use ink::prelude::string::String;
    use ink::codegen::TraitCallBuilder;
    use laas_traits::call;
    use laas_traits::{TAsset, TAssetError, TransferHook, TransferHookError};
    use tasset::tasset::TAssetTokenRef;

    impl From<TAssetError> for Error {
        fn from(e: TAssetError) -> Self {
            Error::TAsset(e)
        }
    }

    /// Errors of the fixture.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[allow(clippy::cast_possible_truncation)]
    pub enum Error {
        /// The tAsset refused the call.
        TAsset(TAssetError),
        /// The cross-contract call itself failed.
        CallFailed,
    }

    /// The tAsset announced a transfer.
    #[ink(event)]
    pub struct HookObserved {
        /// Sender.
        #[ink(topic)]
        pub from: AccountId,
        /// Recipient.
        #[ink(topic)]
        pub to: AccountId,
        /// Amount about to move.
        pub amount: u128,
        /// The sender's balance when the hook ran.
        pub from_balance: u128,
        /// The recipient's balance when the hook ran.
        pub to_balance: u128,
    }

    /// The fixture.
    #[ink(storage)]
    pub struct TestMinter {
        /// The tAsset this contract instantiated and mints.
        tasset: TAssetTokenRef,
        /// Number of hook calls seen from the tAsset.
        hook_calls: u32,
        /// Whether to refuse transfers.
        reject: bool,
    }

    impl TestMinter {
        /// Instantiates a tAsset from `tasset_code_hash` (salted with `salt`) and becomes its
        /// minter.
        #[ink(constructor)]
        pub fn new(tasset_code_hash: Hash, name: String, symbol: String, decimals: u8, salt: [u8; 32]) -> Self {
            let tasset = TAssetTokenRef::new(name, symbol, decimals)
                .code_hash(tasset_code_hash)
                .endowment(0)
                .salt_bytes(salt)
                .instantiate();
            Self { tasset, hook_calls: 0, reject: false }
        }

        /// The instantiated tAsset's address.
        #[ink(message)]
        pub fn tasset(&self) -> AccountId {
            ink::ToAccountId::to_account_id(&self.tasset)
        }

        /// Mints through the tAsset. Anyone may call (test fixture).
        #[ink(message)]
        pub fn mint(&mut self, to: AccountId, amount: u128) -> Result<(), Error> {
            let result = self.tasset.call_mut().mint(to, amount).try_invoke();
            call::fallible(result, Error::CallFailed)
        }

        /// Burns through the tAsset. Anyone may call (test fixture).
        #[ink(message)]
        pub fn burn(&mut self, from: AccountId, amount: u128) -> Result<(), Error> {
            let result = self.tasset.call_mut().burn(from, amount).try_invoke();
            call::fallible(result, Error::CallFailed)
        }

        /// Makes the hook refuse (`true`) or accept transfers. Anyone may call (fixture).
        #[ink(message)]
        pub fn set_reject(&mut self, reject: bool) {
            self.reject = reject;
        }

        /// Number of hook calls seen.
        #[ink(message)]
        pub fn hook_calls(&self) -> u32 {
            self.hook_calls
        }
    }

    impl TransferHook for TestMinter {
        /// Records the notification; refuses calls from other accounts than its tAsset, and
        /// every transfer while `reject` is set.
        #[ink(message)]
        fn before_tasset_transfer(
            &mut self,
            from: AccountId,
            to: AccountId,
            amount: u128,
            from_balance: u128,
            to_balance: u128,
        ) -> Result<(), TransferHookError> {
            if self.env().caller() != self.tasset() {
                return Err(TransferHookError::UnknownToken);
            }
            if self.reject {
                return Err(TransferHookError::Rejected);
            }
            self.hook_calls = self.hook_calls.saturating_add(1);
            self.env().emit_event(HookObserved { from, to, amount, from_balance, to_balance });
            Ok(())
        }
    }
}
