//! A layer pool's events: enough for a dashboard to rebuild its capital, its exposure and
//! every payout (reinsurance activations included).

use crate::types::LayerParams;
use ink::primitives::AccountId;

/// A shareholder deposited capital.
#[ink::event]
pub struct Deposited {
    /// The shareholder.
    #[ink(topic)]
    pub account: AccountId,
    /// The cover asset deposited.
    pub amount: u128,
    /// Shares received.
    pub shares: u128,
}

/// A shareholder asked to withdraw (replacing any earlier request).
#[ink::event]
pub struct WithdrawalRequested {
    /// The shareholder.
    #[ink(topic)]
    pub account: AccountId,
    /// Shares it may redeem.
    pub shares: u128,
    /// From when, ms.
    pub ready_ms: u64,
}

/// A shareholder withdrew.
#[ink::event]
pub struct Withdrawn {
    /// The shareholder.
    #[ink(topic)]
    pub account: AccountId,
    /// Shares redeemed.
    pub shares: u128,
    /// The cover asset paid.
    pub amount: u128,
}

/// The primary pool sold cover this layer backs.
#[ink::event]
pub struct Underwritten {
    /// The layer's part of the policy's max payout, now in force.
    pub exposure: u128,
    /// The layer's premium share, earned over the term.
    pub premium: u128,
    /// Until when its capital stays locked (the policy's end plus grace), ms.
    pub until_ms: u64,
    /// The layer's per-incident limit.
    pub limit: u128,
}

/// The primary pool held capital here for a claim filed, or released it (claim rejected).
#[ink::event]
pub struct ClaimHold {
    /// The amount.
    pub amount: u128,
    /// Held (`true`) or released.
    pub held: bool,
}

/// The layer paid its share of an incident's loss.
#[ink::event]
pub struct Paid {
    /// The position of the incident.
    #[ink(topic)]
    pub position: u32,
    /// The product.
    pub product: u32,
    /// The trigger epoch.
    pub epoch: u64,
    /// Paid to.
    #[ink(topic)]
    pub to: AccountId,
    /// Paid.
    pub amount: u128,
    /// Promised but not paid for want of funds.
    pub shortfall: u128,
}

/// The operator's repayment of what the layer paid on an incident came back to it.
#[ink::event]
pub struct Recovered {
    /// The position of the incident.
    #[ink(topic)]
    pub position: u32,
    /// The product.
    pub product: u32,
    /// The trigger epoch.
    pub epoch: u64,
    /// Recovered.
    pub amount: u128,
}

/// The layer's parameters changed.
#[ink::event]
pub struct ParamsSet {
    /// The parameters now.
    pub params: LayerParams,
}
