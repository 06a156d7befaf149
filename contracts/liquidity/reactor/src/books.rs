//! The holders' books: the parameters and role checks every message starts with, request
//! buckets by maturity, fee settlement per holder, and what the reactor keeps idle.

use crate::errors::{ReactorError, Result};
use crate::events::WithdrawalRequested;
use crate::ledger;
use crate::reactor::Reactor;
use crate::types::{Config, Holder};
use ink::codegen::Env;
use ink::primitives::AccountId;
use laas_traits::{AccessError, Role};
use laas_cycles::CycleError;
use laas_math::{add, apply_bps, sub, Rounding};

impl Reactor {
    /// `set_role` for the reactor's own roles (the treasury and the LD recipient, always
    /// held; the tAsset, fixed), passing the shared ones to `laas_access`.
    pub(crate) fn set_own_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
        let caller = self.env().caller();
        let mut config = self.config();
        let holder = match role {
            Role::Treasury => &mut config.treasury,
            Role::LdRecipient => &mut config.ld_recipient,
            Role::TAsset => return self.access.refuse_fixed(caller),
            _ => return self.access.set_role(caller, role, account, granted),
        };
        self.access.set_required(caller, holder, role, account, granted)?;
        self.config.set(&config);
        Ok(())
    }

    pub(crate) fn config(&self) -> Config {
        // Set by the constructor and only ever replaced.
        self.config.get().unwrap_or(Config {
            treasury: self.access.admin,
            ld_recipient: self.access.admin,
            deposit_cap: 0,
            lp_fee_bps: 0,
            ld_fee_bps: 0,
            reserve_bps: 0,
            collateral_bps: 0,
        })
    }

    pub(crate) fn ensure_admin(&self) -> Result<()> {
        Ok(self.access.ensure_admin(self.env().caller())?)
    }

    pub(crate) fn ensure_treasury(&self) -> Result<AccountId> {
        let caller = self.env().caller();
        if caller != self.config().treasury {
            return Err(ReactorError::NotTreasury);
        }
        Ok(caller)
    }

    /// The cycle a request made now matures at.
    pub(crate) fn maturity(&self) -> Result<u32> {
        match self.schedule.maturity(self.cycle, self.env().block_timestamp()) {
            Err(CycleError::BeforeGenesis) => Ok(self.cycle.saturating_add(1)),
            other => Ok(other?),
        }
    }

    /// Takes `amount` of `holder`'s request out of its maturity bucket (or the matured
    /// total).
    pub(crate) fn unqueue(&mut self, holder: &Holder, amount: u128) -> Result<()> {
        if amount == 0 {
            return Ok(());
        }
        if holder.maturity > self.cycle {
            let left = sub(self.queued.get(holder.maturity).unwrap_or(0), amount)?;
            if left == 0 {
                self.queued.remove(holder.maturity);
            } else {
                self.queued.insert(holder.maturity, &left);
            }
        } else {
            self.matured = sub(self.matured, amount)?;
        }
        Ok(())
    }

    pub(crate) fn store(&mut self, account: AccountId, holder: &Holder) {
        if *holder == Holder::default() {
            self.holders.remove(account);
        } else {
            self.holders.insert(account, holder);
        }
    }

    /// `account`'s record with fees accrued on its balance moved into `owed`.
    pub(crate) fn settled(&self, account: AccountId) -> Result<Holder> {
        let mut holder = self.holders.get(account).unwrap_or_default();
        self.settle(&mut holder)?;
        Ok(holder)
    }

    pub(crate) fn settle(&self, holder: &mut Holder) -> Result<()> {
        let accrued_asset = ledger::accrued(holder.balance, holder.index.asset, self.fee_index.asset)?;
        let accrued_pairing = ledger::accrued(holder.balance, holder.index.pairing, self.fee_index.pairing)?;
        holder.owed = holder.owed.plus(accrued_asset, accrued_pairing)?;
        holder.index = self.fee_index;
        Ok(())
    }

    /// Settles both sides of a tAsset transfer at the balances the tAsset reported, moves
    /// the mirrored balances and shrinks the sender's request to what it keeps.
    pub(crate) fn move_claims(&mut self, from: AccountId, to: AccountId, amount: u128, from_balance: u128, to_balance: u128) -> Result<()> {
        let mut sender = self.holders.get(from).unwrap_or_default();
        sender.balance = from_balance;
        self.settle(&mut sender)?;
        sender.balance = from_balance.checked_sub(amount).ok_or(ReactorError::InsufficientBalance)?;
        let mut receiver = self.holders.get(to).unwrap_or_default();
        receiver.balance = to_balance;
        self.settle(&mut receiver)?;
        receiver.balance = add(to_balance, amount)?;
        if sender.request > sender.balance {
            let cut = sub(sender.request, sender.balance)?;
            self.unqueue(&sender, cut)?;
            sender.request = sender.balance;
            if sender.request == 0 {
                sender.maturity = 0;
            }
            self.env().emit_event(WithdrawalRequested { account: from, amount: sender.request, maturity: sender.maturity });
        }
        self.store(from, &sender);
        self.store(to, &receiver);
        Ok(())
    }

    /// Asset kept idle: matured requests and those maturing next cycle, at NAV, plus the
    /// reserve buffer.
    pub(crate) fn withheld(&self, config: &Config) -> Result<u128> {
        let claims = add(self.matured, self.queued(self.cycle.saturating_add(1)))?;
        let reserved = ledger::paid_for(claims, self.nav)?;
        let buffer = apply_bps(self.supply, u128::from(config.reserve_bps), Rounding::Up)?;
        Ok(add(reserved, buffer)?)
    }
}
