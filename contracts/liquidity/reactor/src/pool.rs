//! Calls to the reactor's pool, its tAsset: instantiated by the reactor at an address salted by
//! the asset, and run by it alone through `ManagedPool`.

use crate::errors::{ReactorError, Result};
use ink::codegen::TraitCallBuilder;
use ink::contract_ref;
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use laas_traits::{call, Books, ManagedPool, PSP22Metadata, PoolCode, PoolConfig, PoolError, Role, Roles, Rollover};
use tasset::tasset::TAssetPoolRef;

type Pool = contract_ref!(ManagedPool, DefaultEnvironment);

/// Instantiates the pool of `asset` from `code` (its own code, running its books code), salted
/// by the asset; the caller (the reactor) is its manager. The pool is `t<SYMBOL>` (it reads
/// the asset's name and symbol when asked), so the asset must have a symbol; it keeps the
/// asset's decimals. Errors: `AssetMetadata` (the asset has no symbol), `Pool(..)`,
/// `CallFailed`.
pub(crate) fn instantiate(asset: AccountId, pairing: AccountId, code: PoolCode, config: PoolConfig, next_boundary_ms: u64) -> Result<AccountId> {
    let metadata: contract_ref!(PSP22Metadata, DefaultEnvironment) = asset.into();
    call::infallible(metadata.call().token_symbol().try_invoke(), ReactorError::CallFailed)?.ok_or(ReactorError::AssetMetadata)?;
    let decimals = call::infallible(metadata.call().token_decimals().try_invoke(), ReactorError::CallFailed)?;
    let pool = TAssetPoolRef::new(asset, pairing, decimals, config, next_boundary_ms, code.books)
        .code_hash(code.pool)
        .endowment(0)
        .salt_bytes(AsRef::<[u8]>::as_ref(&asset))
        .try_instantiate();
    match pool {
        Ok(Ok(Ok(p))) => Ok(ink::ToAccountId::to_account_id(&p)),
        Ok(Ok(Err(e))) => Err(ReactorError::Pool(e)),
        _ => Err(ReactorError::CallFailed),
    }
}

/// The pool's books.
pub(crate) fn books(pool: AccountId) -> Result<Books> {
    let pool: Pool = pool.into();
    call::infallible(pool.call().books().try_invoke(), ReactorError::CallFailed)
}

/// Opens the pool's next epoch; returns what it sent back: its idle asset, and TOKE beyond what
/// its payouts are owed.
pub(crate) fn roll(pool: AccountId, rollover: Rollover) -> Result<(u128, u128)> {
    let mut pool: Pool = pool.into();
    call::fallible(pool.call_mut().roll(rollover).try_invoke(), ReactorError::CallFailed)
}

/// Records a NAV strike in the pool.
pub(crate) fn strike(pool: AccountId, nav: u128) -> Result<()> {
    let mut pool: Pool = pool.into();
    call::fallible(pool.call_mut().strike(nav).try_invoke(), ReactorError::CallFailed)
}

/// Sets the pool's parameters.
pub(crate) fn configure(pool: AccountId, config: PoolConfig) -> Result<()> {
    let mut pool: Pool = pool.into();
    call::fallible(pool.call_mut().configure(config).try_invoke(), ReactorError::CallFailed)
}

/// Moves the pool to the uploaded codes `code`, then checks that the pool still answers as
/// this reactor's pool through its new books code (its roles name the reactor its manager):
/// a books hash pointing at any other code would leave the pool unable to roll over, so such
/// an upgrade is refused and, the transaction reverting, undone.
/// Errors: `Pool(..)`, `Pool(UpgradeFailed)` (it no longer answers), `CallFailed`.
pub(crate) fn upgrade(pool: AccountId, code: PoolCode) -> Result<()> {
    let mut managed: Pool = pool.into();
    call::fallible(managed.call_mut().set_code_hash(code).try_invoke(), ReactorError::CallFailed)?;
    let roles: contract_ref!(Roles, DefaultEnvironment) = pool.into();
    let me = ink::env::account_id::<DefaultEnvironment>();
    match roles.call().roles().try_invoke() {
        Ok(Ok(holders)) if holders.contains(&(Role::Manager, me)) => Ok(()),
        _ => Err(ReactorError::Pool(PoolError::UpgradeFailed)),
    }
}
