//! The pool's storage, shared by its two codes: the pool's own (the messages liquidity
//! providers call) and its books code (the messages its manager calls, the views), which the
//! pool runs in its own storage by delegate call (see `lib.rs`). Both contracts hold exactly one
//! [`Pool`], so every field sits under the same key in either.

use crate::book::{Bucket, Holder, Pair};
use ink::primitives::{AccountId, Hash};
use ink::storage::Mapping;
use laas_traits::PoolConfig;

/// Everything a pool stores.
#[ink::storage_item]
#[cfg_attr(feature = "std", derive(Debug))]
pub struct Pool {
    /// The reactor that instantiated and runs this pool.
    pub manager: AccountId,
    /// The code this pool runs its manager's messages and its views in (delegate call).
    pub books_code: Hash,
    /// The asset LPs deposit and are paid in.
    pub asset: AccountId,
    /// The pairing token (TOKE), in which part of the rewards come.
    pub pairing: AccountId,
    /// The asset's decimals, the pool's too (read from the asset when the pool was created).
    pub decimals: u8,
    /// tAssets in existence.
    pub supply: u128,
    /// The current epoch (rollovers since creation).
    pub epoch: u32,
    /// When the next cycle boundary falls, ms (from the manager).
    pub next_boundary_ms: u64,
    /// NAV per tAsset at the last strike, 1e18.
    pub nav: u128,
    /// When it was struck, ms.
    pub struck_ms: u64,
    /// tAssets held through the current epoch and not under a matured request.
    pub eligible: u128,
    /// tAssets under matured requests.
    pub matured: u128,
    /// Asset not set aside: deposits since the last rollover, released payouts.
    pub idle: u128,
    /// Asset set aside for matured payouts.
    pub reserved: u128,
    /// TOKE set aside for matured payouts.
    pub reserved_pairing: u128,
    /// What matured requests are owed in the asset.
    pub payouts_due: u128,
    /// What matured requests are owed in TOKE.
    pub payouts_due_pairing: u128,
    /// Rewards per eligible tAsset since creation, 1e18: (asset, TOKE).
    pub index: Pair,
    /// Parameters (set by the manager).
    pub config: PoolConfig,
    /// Every holder: balance, eligibility, request and rewards owed, in one cell.
    pub holders: Mapping<AccountId, Holder>,
    /// `(owner, spender) → allowance`.
    pub allowances: Mapping<(AccountId, AccountId), u128>,
    /// Pending requests by the epoch they mature at, tAssets.
    pub queued: Mapping<u32, u128>,
    /// Matured requests by the epoch that matured them.
    pub buckets: Mapping<u32, Bucket>,
    /// Which bucket each epoch's opening expires.
    pub expiring: Mapping<u32, u32>,
    /// The reward index at the opening of each epoch.
    pub index_at: Mapping<u32, Pair>,
}
