//! tAssets: a reactor's claim token, and the hook through which a tAsset tells its reactor
//! that balances are about to move.

use ink::primitives::{AccountId, Hash};
use psp22::PSP22Error;

/// Errors of the tAsset's own (non-PSP22) messages.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum TAssetError {
    /// A PSP22 rule was broken (e.g. burning more than the balance).
    PSP22(PSP22Error),
    /// Only the minter (the reactor that instantiated the tAsset) may mint and burn.
    NotMinter,
    /// Minting or burning zero is refused.
    ZeroAmount,
    /// The chain refused the new code (no code uploaded under that hash).
    UpgradeFailed,
}

impl From<PSP22Error> for TAssetError {
    fn from(e: PSP22Error) -> Self {
        TAssetError::PSP22(e)
    }
}

/// Supply management of a tAsset, called by its minter only.
#[ink::trait_definition]
pub trait TAsset {
    /// Mints `amount` tAssets to `to`. Minter only. Emits `Transfer(None, to, amount)`.
    #[ink(message)]
    fn mint(&mut self, to: AccountId, amount: u128) -> Result<(), TAssetError>;

    /// Burns `amount` tAssets held by `from` (no allowance needed: the minter burns on
    /// withdrawal). Minter only. Emits `Transfer(from, None, amount)`.
    #[ink(message)]
    fn burn(&mut self, from: AccountId, amount: u128) -> Result<(), TAssetError>;

    /// The account allowed to mint and burn: the contract that instantiated this tAsset.
    #[ink(message)]
    fn minter(&self) -> AccountId;

    /// Replaces the tAsset's code with the uploaded code `code_hash`; balances and
    /// allowances stay (a new version adds storage only in `Lazy` or `Mapping` fields).
    /// Minter only: a reactor's admin upgrades its tAsset through the reactor.
    /// Errors: `NotMinter`, `UpgradeFailed`.
    #[ink(message)]
    fn set_code_hash(&mut self, code_hash: Hash) -> Result<(), TAssetError>;
}

/// Why a minter refused a tAsset transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum TransferHookError {
    /// The hook was called by an account other than the minter's own tAsset.
    UnknownToken,
    /// The minter refuses this transfer (for example its accounting would overflow).
    Rejected,
}

/// Implemented by a tAsset's minter (the reactor). The tAsset calls it on every transfer
/// between holders, after its own checks and before balances move, so that the minter can
/// keep per-holder accounting (pending withdrawal requests, reward debt) exact. The current
/// balances are passed along because the minter cannot call back into the tAsset while it is
/// being called by it (ink! forbids reentrancy by default).
/// It is not called on mint or burn, which the minter itself initiates.
#[ink::trait_definition]
pub trait TransferHook {
    /// `amount` tAssets are about to move from `from` (holding `from_balance` now) to `to`
    /// (holding `to_balance` now). Only the minter's own tAsset may call this. An `Err`
    /// aborts the transfer.
    #[ink(message)]
    fn before_tasset_transfer(
        &mut self,
        from: AccountId,
        to: AccountId,
        amount: u128,
        from_balance: u128,
        to_balance: u128,
    ) -> Result<(), TransferHookError>;
}
