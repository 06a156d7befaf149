//! Events of the pool, besides PSP22's `Transfer` and `Approval` (mints and burns are
//! `Transfer`s from and to nobody).

use ink::primitives::AccountId;
use laas_traits::PoolConfig;

/// Asset deposited, tAssets minted.
#[ink::event]
pub struct Deposited {
    /// Who paid.
    #[ink(topic)]
    pub payer: AccountId,
    /// Who received the tAssets.
    #[ink(topic)]
    pub account: AccountId,
    /// Asset paid in.
    pub amount: u128,
    /// tAssets minted.
    pub minted: u128,
}

/// A withdrawal request was set, replaced, cancelled (0) or shrunk by a transfer.
#[ink::event]
pub struct WithdrawalRequested {
    /// The holder.
    #[ink(topic)]
    pub account: AccountId,
    /// The request now, tAssets.
    pub amount: u128,
    /// The epoch it matures at (0 without a request).
    pub maturity: u32,
}

/// Matured tAssets burnt and paid.
#[ink::event]
pub struct Withdrawn {
    /// The holder.
    #[ink(topic)]
    pub account: AccountId,
    /// tAssets burnt.
    pub burnt: u128,
    /// Asset paid.
    pub paid: u128,
    /// TOKE paid (the part of the payout the asset could not cover at maturity).
    pub paid_pairing: u128,
}

/// Fees and emissions claimed.
#[ink::event]
pub struct Claimed {
    /// The holder.
    #[ink(topic)]
    pub account: AccountId,
    /// Asset paid.
    pub asset: u128,
    /// TOKE paid.
    pub pairing: u128,
}

/// The manager opened an epoch.
#[ink::event]
pub struct EpochOpened {
    /// The epoch opened.
    #[ink(topic)]
    pub epoch: u32,
    /// NAV struck, 1e18.
    pub nav: u128,
    /// tAssets whose requests matured.
    pub matured: u128,
    /// Their payout: the asset and TOKE.
    pub payout: (u128, u128),
    /// tAssets whose matured requests expired unclaimed.
    pub expired: u128,
    /// Rewards shared over the closing epoch's eligible tAssets: the asset.
    pub reward_asset: u128,
    /// The same in TOKE.
    pub reward_pairing: u128,
    /// tAssets that shared them.
    pub eligible: u128,
    /// Sent to the manager: idle asset, and TOKE beyond what payouts are owed.
    pub sent: (u128, u128),
}

/// The manager struck NAV between rollovers.
#[ink::event]
pub struct NavStruck {
    /// NAV per tAsset, 1e18.
    pub nav: u128,
}

/// The manager changed the pool's parameters.
#[ink::event]
pub struct PoolConfigChanged {
    /// The new parameters.
    pub config: PoolConfig,
}
