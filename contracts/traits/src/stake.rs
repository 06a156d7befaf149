//! Liquidity directors' stake: the TOKE that collateralizes a reactor's deployments.
//! Implemented by LD staking; read by reactors at every rollover.

use ink::primitives::AccountId;

/// Where a reactor reads how much TOKE liquidity directors have staked in it.
#[ink::trait_definition]
pub trait StakeSource {
    /// TOKE staked by liquidity directors in `reactor`. Anyone may call.
    #[ink(message)]
    fn reactor_stake(&self, reactor: AccountId) -> u128;
}
