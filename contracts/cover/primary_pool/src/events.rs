//! The primary pool's events: enough for a dashboard to rebuild products, capital, policies,
//! claims and recalibrations.

use crate::types::{LayerSetup, Params, Product};
use ink::primitives::AccountId;

/// A product was created or its sale terms changed.
#[ink::event]
pub struct ProductSet {
    /// The product.
    #[ink(topic)]
    pub product: u32,
    /// Its terms now.
    pub terms: Product,
}

/// The pool's parameters changed.
#[ink::event]
pub struct ParamsSet {
    /// The parameters now.
    pub params: Params,
}

/// An account was blacklisted or cleared.
#[ink::event]
pub struct BlacklistSet {
    /// The account.
    #[ink(topic)]
    pub account: AccountId,
    /// Blacklisted (`true`) or cleared.
    pub listed: bool,
}

/// An underwriter deposited capital.
#[ink::event]
pub struct Deposited {
    /// The underwriter.
    #[ink(topic)]
    pub account: AccountId,
    /// The cover asset deposited.
    pub amount: u128,
    /// Shares received.
    pub shares: u128,
}

/// An underwriter asked to withdraw (replacing any earlier request).
#[ink::event]
pub struct WithdrawalRequested {
    /// The underwriter.
    #[ink(topic)]
    pub account: AccountId,
    /// Shares it may redeem.
    pub shares: u128,
    /// From when, ms.
    pub ready_ms: u64,
}

/// An underwriter withdrew.
#[ink::event]
pub struct Withdrawn {
    /// The underwriter.
    #[ink(topic)]
    pub account: AccountId,
    /// Shares redeemed.
    pub shares: u128,
    /// The cover asset paid.
    pub amount: u128,
}

/// Cover was sold: a policy token minted to the buyer.
#[ink::event]
pub struct CoverBought {
    /// The policy (its token id).
    #[ink(topic)]
    pub policy: u128,
    /// The product.
    #[ink(topic)]
    pub product: u32,
    /// The buyer.
    #[ink(topic)]
    pub buyer: AccountId,
    /// The cover.
    pub cover: u128,
    /// The premium paid.
    pub premium: u128,
    /// Cover starts, ms.
    pub start_ms: u64,
    /// Cover ends, ms.
    pub end_ms: u64,
    /// The margin priced in, bps.
    pub margin_bps: u128,
}

/// A claim was filed and its amount locked.
#[ink::event]
pub struct ClaimFiled {
    /// The claim.
    #[ink(topic)]
    pub claim: u64,
    /// The policy.
    #[ink(topic)]
    pub policy: u128,
    /// Who filed it.
    #[ink(topic)]
    pub claimant: AccountId,
    /// The amount locked.
    pub amount: u128,
    /// The trigger's magnitude, bps.
    pub magnitude_bps: u128,
    /// What the trigger's measure read (see `Claim::measured`).
    pub measured: u128,
    /// The incident's position.
    pub position: u32,
    /// The incident's product.
    pub product: u32,
    /// The incident's trigger epoch.
    pub epoch: u64,
}

/// A claim was paid or rejected.
#[ink::event]
pub struct ClaimSettled {
    /// The claim.
    #[ink(topic)]
    pub claim: u64,
    /// The policy.
    #[ink(topic)]
    pub policy: u128,
    /// What was paid.
    pub paid: u128,
    /// Whether it was rejected.
    pub rejected: bool,
}

/// The layers above the pool and the premium split changed.
#[ink::event]
pub struct LayersSet {
    /// The setup now.
    pub setup: LayerSetup,
}

/// The treasury's accrued premium share was paid to it.
#[ink::event]
pub struct TreasurySwept {
    /// The amount.
    pub amount: u128,
}

/// A paid claim's loss as the layers paid it.
#[ink::event]
pub struct LossSplit {
    /// The claim.
    #[ink(topic)]
    pub claim: u64,
    /// Paid by the primary pool.
    pub primary: u128,
    /// Paid by the junior pool.
    pub junior: u128,
    /// Paid by the reinsurance pool.
    pub reinsurance: u128,
}

/// A product's probability was recalibrated over a closed period.
#[ink::event]
pub struct Recalibrated {
    /// The product.
    #[ink(topic)]
    pub product: u32,
    /// The period folded in.
    pub period: u64,
    /// The probability before, bps per year.
    pub previous_bps: u32,
    /// The frequency observed over every period so far, bps per year.
    pub observed_bps: u128,
    /// The probability now, bps per year.
    pub p_bps: u32,
    /// Exposure-periods observed (`n`).
    pub periods: u32,
    /// The period's predicted loss.
    pub predicted: u128,
    /// The period's actual loss (claims paid).
    pub actual: u128,
}

/// A paid maturity guarantee left the operator owing the pools what they paid.
#[ink::event]
pub struct RecoveryOpened {
    /// The claim (the recovery's id).
    #[ink(topic)]
    pub claim: u64,
    /// The position whose operator owes it.
    #[ink(topic)]
    pub position: u32,
    /// Owed, all layers together.
    pub owed: u128,
}

/// A repayment into a recovery flowed back to the layers, reinsurance first.
#[ink::event]
pub struct RecoveryRepaid {
    /// The recovery (its claim).
    #[ink(topic)]
    pub claim: u64,
    /// Who paid.
    #[ink(topic)]
    pub payer: AccountId,
    /// Back to the primary pool.
    pub primary: u128,
    /// Back to the junior pool.
    pub junior: u128,
    /// Back to the reinsurance pool.
    pub reinsurance: u128,
    /// Still owed.
    pub outstanding: u128,
}

/// A recovery closed: repaid in full (nothing written off) or written off by the admin.
#[ink::event]
pub struct RecoveryClosed {
    /// The recovery (its claim).
    #[ink(topic)]
    pub claim: u64,
    /// What was still owed and is given up.
    pub written_off: u128,
}
