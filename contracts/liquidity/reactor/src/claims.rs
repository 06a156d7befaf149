//! The reactor's claim token, its tAsset: instantiated by the reactor at an address salted by
//! the asset, minted and burnt only by it, upgraded only through it.

use crate::errors::{ReactorError, Result};
use ink::codegen::TraitCallBuilder;
use ink::contract_ref;
use ink::env::DefaultEnvironment;
use ink::prelude::format;
use ink::primitives::{AccountId, Hash};
use laas_traits::{call, PSP22Metadata, TAsset};
use tasset::tasset::TAssetTokenRef;

/// Instantiates the tAsset of `asset` from `code_hash` as `t<SYMBOL>` ("t" + the asset's name)
/// with the asset's decimals, salted by the asset; the caller (the reactor) is its minter.
/// Errors: `AssetMetadata` (the asset has no symbol), `CallFailed`.
pub(crate) fn instantiate(asset: AccountId, code_hash: Hash) -> Result<AccountId> {
    let metadata: contract_ref!(PSP22Metadata, DefaultEnvironment) = asset.into();
    let symbol = call::infallible(metadata.call().token_symbol().try_invoke(), ReactorError::CallFailed)?.ok_or(ReactorError::AssetMetadata)?;
    let name = call::infallible(metadata.call().token_name().try_invoke(), ReactorError::CallFailed)?.unwrap_or_else(|| symbol.clone());
    let decimals = call::infallible(metadata.call().token_decimals().try_invoke(), ReactorError::CallFailed)?;
    let tasset = TAssetTokenRef::new(format!("t{name}"), format!("t{symbol}"), decimals)
        .code_hash(code_hash)
        .endowment(0)
        .salt_bytes(AsRef::<[u8]>::as_ref(&asset))
        .try_instantiate();
    match tasset {
        Ok(Ok(t)) => Ok(ink::ToAccountId::to_account_id(&t)),
        _ => Err(ReactorError::CallFailed),
    }
}

/// Mints `amount` of `tasset` to `to`.
pub(crate) fn mint(tasset: AccountId, to: AccountId, amount: u128) -> Result<()> {
    let mut token: contract_ref!(TAsset, DefaultEnvironment) = tasset.into();
    call::fallible(token.call_mut().mint(to, amount).try_invoke(), ReactorError::CallFailed)
}

/// Burns `amount` of `tasset` held by `from`.
pub(crate) fn burn(tasset: AccountId, from: AccountId, amount: u128) -> Result<()> {
    let mut token: contract_ref!(TAsset, DefaultEnvironment) = tasset.into();
    call::fallible(token.call_mut().burn(from, amount).try_invoke(), ReactorError::CallFailed)
}

/// Moves `tasset` to the uploaded code `code_hash`.
pub(crate) fn upgrade(tasset: AccountId, code_hash: Hash) -> Result<()> {
    let mut token: contract_ref!(TAsset, DefaultEnvironment) = tasset.into();
    call::fallible(token.call_mut().set_code_hash(code_hash).try_invoke(), ReactorError::CallFailed)
}
