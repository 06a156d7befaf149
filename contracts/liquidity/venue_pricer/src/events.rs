//! The pricer venue's events.

use crate::quote::Quote;
use crate::venue_pricer::Params;
use ink::primitives::AccountId;

/// The pricer posted a quote.
#[ink::event]
pub struct QuotePosted {
    /// The pricer.
    #[ink(topic)]
    pub pricer: AccountId,
    /// The quote.
    pub quote: Quote,
}

/// A trader swapped at the quote.
#[ink::event]
pub struct Traded {
    /// The trader.
    #[ink(topic)]
    pub trader: AccountId,
    /// True if the trader sold the asset.
    pub asset_in: bool,
    /// Amount paid in.
    pub amount_in: u128,
    /// Amount paid out.
    pub amount_out: u128,
    /// TOKE paid beyond the reference TWAP, shared by pricer and owners.
    pub spread: u128,
}

/// Parameters changed.
#[ink::event]
pub struct ParamsChanged {
    /// The new parameters.
    pub params: Params,
}

/// Inventory was added (`added = true`) or withdrawn by an owner.
#[ink::event]
pub struct InventoryMoved {
    /// The owner.
    #[ink(topic)]
    pub owner: AccountId,
    /// Direction.
    pub added: bool,
    /// Asset moved.
    pub asset: u128,
    /// TOKE moved.
    pub pairing: u128,
    /// Shares minted or burnt.
    pub shares: u128,
}

/// Fees paid (to an owner, or the pricer's share to a pricer).
#[ink::event]
pub struct FeesPaid {
    /// The receiver.
    #[ink(topic)]
    pub to: AccountId,
    /// TOKE paid.
    pub amount: u128,
}

/// The pricer withdrew its quote.
#[ink::event]
pub struct QuoteCancelled {
    /// The pricer.
    #[ink(topic)]
    pub pricer: AccountId,
}
