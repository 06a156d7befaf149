//! The recovery ledger (subrogation, SPEC §4.2 item 2 and §4.5): what the pools paid on a
//! maturity guarantee is owed back by the position's operator.
//!
//! * When a claim on a maturity guarantee is paid, a recovery is recorded under the claim's id
//!   with what each layer actually paid (and which pools they were).
//! * Anyone — the operator, or someone on its behalf — repays into it (`repay_recovery`): the
//!   repayment flows back in the reverse order of the waterfall (`laas_pricing::recover`:
//!   the reinsurance first, then the junior, then the primary), each layer up to what it paid;
//!   only what is owed is taken. Repaid in full, the recovery closes.
//! * The admin may write a recovery off (`close_recovery`); a closed recovery takes nothing
//!   more (`RecoveryClosed`).

use crate::events::{RecoveryClosed, RecoveryOpened, RecoveryRepaid};
use crate::primary_pool::PrimaryPool;
use crate::types::*;
use ink::codegen::Env;
use ink::primitives::AccountId;
use laas_math::add;
use laas_pricing::{recover, Shares};
use laas_traits::{layer, token};

/// What the pools are owed for one paid maturity-guarantee claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Recovery {
    /// The incident it comes from (the position's operator owes it).
    pub incident: Incident,
    /// What each layer paid (the amounts owed) and the pools that paid it.
    pub owed: ClaimShares,
    /// What has come back to the primary.
    pub repaid_primary: u128,
    /// What has come back to the junior.
    pub repaid_junior: u128,
    /// What has come back to the reinsurance.
    pub repaid_reinsurance: u128,
    /// Repaid in full or written off: it takes nothing more.
    pub closed: bool,
}

impl Recovery {
    /// What each layer is still owed.
    pub fn outstanding(&self) -> Shares {
        Shares {
            primary: self.owed.primary.saturating_sub(self.repaid_primary),
            junior: self.owed.junior.saturating_sub(self.repaid_junior),
            reinsurance: self.owed.reinsurance.saturating_sub(self.repaid_reinsurance),
        }
    }
}

impl PrimaryPool {
    /// Records what claim `id` on `incident` paid (`primary`, `junior`, `reinsurance`, by the
    /// pools in `shares`) as owed back by the operator (nothing for a claim that paid nothing).
    pub(crate) fn open_recovery(&mut self, id: u64, incident: Incident, shares: &ClaimShares, paid: (u128, u128, u128)) -> Result<()> {
        let (primary, junior, reinsurance) = paid;
        let owed = ClaimShares { primary, junior, reinsurance, ..*shares };
        let total = add(add(primary, junior)?, reinsurance)?;
        if total == 0 {
            return Ok(());
        }
        self.recoveries.insert(id, &Recovery { incident, owed, repaid_primary: 0, repaid_junior: 0, repaid_reinsurance: 0, closed: false });
        self.env().emit_event(RecoveryOpened { claim: id, position: incident.position, owed: total });
        Ok(())
    }

    /// Takes up to `amount` from the caller into recovery `id` (see `repay_recovery`);
    /// returns what was taken.
    pub(crate) fn repay(&mut self, id: u64, amount: u128) -> Result<u128> {
        if amount == 0 {
            return Err(CoverError::ZeroAmount);
        }
        let mut recovery = self.recoveries.get(id).ok_or(CoverError::UnknownRecovery)?;
        if recovery.closed {
            return Err(CoverError::RecoveryClosed);
        }
        let back = recover(amount, &recovery.outstanding());
        let taken = back.total()?;
        recovery.repaid_primary = add(recovery.repaid_primary, back.primary)?;
        recovery.repaid_junior = add(recovery.repaid_junior, back.junior)?;
        recovery.repaid_reinsurance = add(recovery.repaid_reinsurance, back.reinsurance)?;
        let outstanding = recovery.outstanding().total()?;
        recovery.closed = outstanding == 0;
        self.recoveries.insert(id, &recovery);
        self.ledger.funds = add(self.ledger.funds, back.primary)?;
        let period = self.period_index(self.env().block_timestamp());
        let key = (recovery.incident.product, period);
        let mut record = self.periods.get(key).unwrap_or_default();
        record.recovered = add(record.recovered, taken)?;
        self.periods.insert(key, &record);
        let payer = self.env().caller();
        token::pull(self.cover_asset, payer, taken)?;
        let incident = (recovery.incident.position, recovery.incident.product, recovery.incident.epoch);
        for (pool, part) in [(recovery.owed.reinsurance_pool, back.reinsurance), (recovery.owed.junior_pool, back.junior)] {
            if let (Some(pool), true) = (pool, part > 0) {
                token::push(self.cover_asset, pool, part)?;
                layer::recover(pool, incident, part)?;
            }
        }
        self.env().emit_event(RecoveryRepaid { claim: id, payer, primary: back.primary, junior: back.junior, reinsurance: back.reinsurance, outstanding });
        if recovery.closed {
            self.env().emit_event(RecoveryClosed { claim: id, written_off: 0 });
        }
        Ok(taken)
    }

    /// Writes recovery `id` off (see `close_recovery`); returns what was still owed.
    pub(crate) fn write_off(&mut self, caller: AccountId, id: u64) -> Result<u128> {
        self.access.ensure_admin(caller)?;
        let mut recovery = self.recoveries.get(id).ok_or(CoverError::UnknownRecovery)?;
        if recovery.closed {
            return Err(CoverError::RecoveryClosed);
        }
        let written_off = recovery.outstanding().total()?;
        recovery.closed = true;
        self.recoveries.insert(id, &recovery);
        self.env().emit_event(RecoveryClosed { claim: id, written_off });
        Ok(written_off)
    }
}
