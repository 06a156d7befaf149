//! The parameters and role checks the reactor's messages start with, its own roles, and what
//! it tells its pool of them.

use crate::errors::{ReactorError, Result};
use crate::events::RegistryRefused;
use crate::pool;
use crate::reactor::Reactor;
use crate::types::Config;
use ink::codegen::Env;
use ink::primitives::AccountId;
use laas_traits::registry::{self, Observation, Receipt};
use laas_traits::{AccessError, Role};

impl Reactor {
    /// `set_role` for the reactor's own roles (the treasury and the LD recipient, always
    /// held; the pool, fixed), passing the shared ones to `laas_access`.
    pub(crate) fn set_own_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
        let caller = self.env().caller();
        let mut config = self.config();
        let holder = match role {
            Role::Treasury => &mut config.treasury,
            Role::LdRecipient => &mut config.ld_recipient,
            Role::Pool => return self.access.refuse_fixed(caller),
            Role::Registry => {
                let mut registry = self.registry;
                self.access.set_optional(caller, &mut registry, role, account, granted)?;
                self.registry = registry;
                return Ok(());
            }
            _ => return self.access.set_role(caller, role, account, granted),
        };
        self.access.set_required(caller, holder, role, account, granted)?;
        self.config.set(&config);
        Ok(())
    }

    /// Tells the pool whether deposits are paused, after a pause or unpause.
    pub(crate) fn tell_pool_paused(&self) -> core::result::Result<(), AccessError> {
        pool::configure(self.tasset, self.config().pool_config(self.access.paused)).map_err(|_| AccessError::CallFailed)
    }

    pub(crate) fn config(&self) -> Config {
        // Set by the constructor and only ever replaced.
        self.config.get().unwrap_or(Config {
            treasury: self.access.admin,
            ld_recipient: self.access.admin,
            deposit_cap: 0,
            max_nav_age_ms: 0,
            expiry_epochs: laas_traits::pool::MIN_EXPIRY_EPOCHS,
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

    /// Reports `observation` (and a rollover's reward receipt) to the position registry, if one
    /// is set; best effort (`laas_traits::registry::push`): a refusal is announced with
    /// [`RegistryRefused`] and changes nothing else.
    pub(crate) fn report(&self, observation: Observation, receipt: Option<Receipt>) {
        if let Some(registry) = self.registry {
            if !registry::push(registry, observation, receipt) {
                self.env().emit_event(RegistryRefused { registry });
            }
        }
    }

    /// When the next cycle boundary falls, ms.
    pub(crate) fn next_boundary_ms(&self) -> u64 {
        self.schedule.start_of(self.cycle.saturating_add(1)).unwrap_or(u64::MAX)
    }
}
