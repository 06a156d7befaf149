//! Finalisation: each account's deposit split by the published rate, the effective part to
//! the treasury, its TOKE delivered, the rest refunded or deposited in the asset's genesis
//! reactor; and the TOKE nobody can claim returned.
//!
//! The account's record is marked done before any call, so nothing is paid twice; a reactor
//! or LD staking that refuses never blocks the account: the asset is refunded, the vested
//! TOKE waits in the pool for `deliver`.

use crate::events::{Delivered, DeliveryPending, ExcessReturned, Finalized};
use crate::genesis_pool::GenesisPool;
use crate::sale::{split, toke_for};
use crate::types::*;
use ink::codegen::Env;
use ink::primitives::AccountId;
use laas_math::{add, sub, Rounding};
use laas_traits::{pool, stake, token};

impl GenesisPool {
    /// Finalises `account`'s deposit with `choice` (see `finalize`).
    pub(crate) fn finalize_for(&mut self, account: AccountId, choice: Choice) -> Result<Split> {
        let config = self.config_now()?;
        let terms = match (self.stage_now(&config), self.published) {
            (Stage::Final, Some(terms)) => terms,
            _ => return Err(GenesisError::NotFinal),
        };
        let mut record = self.deposits.get(account).ok_or(GenesisError::NothingDeposited)?;
        if record.done {
            return Err(GenesisError::AlreadyFinalized);
        }
        let sale = *config.sales.get(usize::from(record.asset)).ok_or(GenesisError::UnknownAsset)?;
        let parts = split(&record, terms.over, terms.price)?;
        record.done = true;
        self.deposits.insert(account, &record);
        self.amounts.insert(record.asset, &sub(self.amounts.get(record.asset).unwrap_or(0), record.amount)?);
        self.total = sub(self.total, record.value)?;
        self.toke_held = sub(self.toke_held, parts.toke)?;
        token::push(sale.asset, config.treasury, parts.effective)?;
        let vested = match config.delivery {
            Delivery::Liquid => {
                token::push(config.toke, account, parts.toke)?;
                false
            }
            Delivery::Vested { staking, schedule, .. } => {
                if !self.stake_for(&config, staking, schedule, account, sale.reactor, parts.toke)? {
                    self.hold_pending(account, parts.toke)?;
                }
                true
            }
        };
        let tassets = match choice {
            Choice::Reactor if parts.ineffective > 0 => self.deposit_in_reactor(&sale, account, parts.ineffective)?,
            _ => None,
        };
        if tassets.is_none() {
            token::push(sale.asset, account, parts.ineffective)?;
        }
        self.env().emit_event(Finalized { account, asset: record.asset, split: parts, vested, tassets });
        Ok(parts)
    }

    /// Stakes `toke` vesting for `account` in `reactor`; whether LD staking took it (its
    /// allowance is cleared if not).
    fn stake_for(&self, config: &Config, staking: AccountId, schedule: u32, account: AccountId, reactor: AccountId, toke: u128) -> Result<bool> {
        if toke == 0 {
            return Ok(true);
        }
        token::approve(config.toke, staking, toke)?;
        match stake::stake_vesting(staking, account, reactor, toke, schedule) {
            Ok(()) => Ok(true),
            Err(_) => {
                token::approve(config.toke, staking, 0)?;
                Ok(false)
            }
        }
    }

    /// Keeps `toke` refused by LD staking for `account` until `deliver`.
    fn hold_pending(&mut self, account: AccountId, toke: u128) -> Result<()> {
        let mut record = self.deposits.get(account).ok_or(GenesisError::NothingDeposited)?;
        record.pending = add(record.pending, toke)?;
        self.deposits.insert(account, &record);
        self.toke_held = add(self.toke_held, toke)?;
        self.toke_pending = add(self.toke_pending, toke)?;
        self.env().emit_event(DeliveryPending { account, toke });
        Ok(())
    }

    /// Deposits `amount` of `sale`'s asset in its genesis reactor's pool for `account`; the
    /// tAssets minted, or `None` if the pool refused (its allowance is then cleared and the
    /// caller refunds).
    fn deposit_in_reactor(&self, sale: &Sale, account: AccountId, amount: u128) -> Result<Option<u128>> {
        token::approve(sale.asset, sale.tasset, amount)?;
        match pool::deposit_for(sale.tasset, account, amount) {
            Ok(minted) => Ok(Some(minted)),
            Err(_) => {
                token::approve(sale.asset, sale.tasset, 0)?;
                Ok(None)
            }
        }
    }

    /// Delivers `account`'s pending vested TOKE, staked or liquid (see `deliver`).
    pub(crate) fn retry_delivery(&mut self, account: AccountId, liquid: bool) -> Result<u128> {
        let config = self.config_now()?;
        let mut record = self.deposits.get(account).ok_or(GenesisError::NothingPending)?;
        let (Delivery::Vested { staking, schedule, liquid_after_ms }, true) = (config.delivery, record.pending > 0) else {
            return Err(GenesisError::NothingPending);
        };
        if liquid {
            let final_at = self.published.map_or(u64::MAX, |p| p.at_ms.saturating_add(config.last_look_ms));
            let at_ms = final_at.saturating_add(liquid_after_ms);
            if self.env().block_timestamp() < at_ms {
                return Err(GenesisError::TooEarlyForLiquid { at_ms });
            }
        }
        let sale = *config.sales.get(usize::from(record.asset)).ok_or(GenesisError::UnknownAsset)?;
        let toke = record.pending;
        record.pending = 0;
        self.deposits.insert(account, &record);
        self.toke_held = sub(self.toke_held, toke)?;
        self.toke_pending = sub(self.toke_pending, toke)?;
        if liquid {
            token::push(config.toke, account, toke)?;
        } else {
            token::approve(config.toke, staking, toke)?;
            stake::stake_vesting(staking, account, sale.reactor, toke, schedule).map_err(GenesisError::Staking)?;
        }
        self.env().emit_event(Delivered { account, toke, liquid });
        Ok(toke)
    }

    /// Returns the TOKE held beyond what pending deliveries and the open deposits can still
    /// claim (see `release_excess`).
    pub(crate) fn excess(&mut self) -> Result<u128> {
        let config = self.config_now()?;
        let terms = match (self.stage_now(&config), self.published) {
            (Stage::Final, Some(terms)) => terms,
            _ => return Err(GenesisError::NotFinal),
        };
        let owed = add(toke_for(self.total, terms.over, terms.price, Rounding::Up)?, self.toke_pending)?;
        let excess = self.toke_held.saturating_sub(owed);
        if excess > 0 {
            self.toke_held = sub(self.toke_held, excess)?;
            token::push(config.toke, config.treasury, excess)?;
            self.env().emit_event(ExcessReturned { toke: excess });
        }
        Ok(excess)
    }
}
