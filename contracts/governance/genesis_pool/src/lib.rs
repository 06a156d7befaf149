//! # DeGenesis pool
//!
//! The launch event (SPEC §3.7, after Tokemak's DefiRound), in three stages with deadlines,
//! every parameter fixed at instantiation:
//!
//! 1. **Deposits** (`deposit`): whitelisted accounts (a Merkle proof against the configured
//!    root, `laas_merkle`) deposit one base asset each, valued at the configured prices, up to
//!    a per-account cap; the total value is capped, and reaching the cap closes the stage.
//! 2. **Last look** (`publish`, then `withdraw`): the organiser (the pool's admin) publishes
//!    the TOKE price and the rate `over = min(1, target / total)`, which must be what the
//!    totals give; the pool takes the TOKE the deposits can buy from the treasury (approved to
//!    it beforehand by a DAO proposal). Accounts may still withdraw everything.
//! 3. **Finalisation** (`finalize`, each account): `effective = deposit × over` goes to the
//!    treasury for TOKE at the published price, transferred or staked vesting in the asset's
//!    reactor at LD staking; the rest is refunded or deposited in the asset's genesis reactor
//!    for tAssets, the account's choice (refunded if the reactor refuses).
//!
//! Exits never depend on the organiser: an account withdraws everything at any time until the
//! last look ends, and if nothing is published by the deadline the event is off and everyone
//! withdraws. The guardian pauses new deposits only.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod events;
mod finalize;
pub mod sale;
pub mod types;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod genesis_pool {
    use crate::events::*;
    pub use crate::types::*;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_access::Access;
    use laas_math::{add, mul_fixed, sub, Rounding};
    use laas_traits::{token, AccessControl, AccessError, Role, Roles};

    /// The DeGenesis pool.
    #[ink(storage)]
    pub struct GenesisPool {
        /// The event's terms. Fixed at instantiation.
        pub(crate) config: Lazy<Config>,
        /// The published TOKE price and rate, once published.
        pub(crate) published: Option<Published>,
        /// Whether deposits reached the total cap, which closes them (until a withdrawal
        /// makes room before the deadline).
        pub(crate) capped: bool,
        /// The value of the deposits not withdrawn nor finalised.
        pub(crate) total: u128,
        /// The amount of each asset deposited and not withdrawn nor finalised.
        pub(crate) amounts: Mapping<u8, u128>,
        /// Each account's deposit.
        pub(crate) deposits: Mapping<AccountId, Deposit>,
        /// TOKE the pool holds for accounts (taken at publication).
        pub(crate) toke_held: u128,
        /// Of it, vested TOKE LD staking refused, waiting for `deliver`.
        pub(crate) toke_pending: u128,
        /// Admin (the organiser: publishes) and guardian (pauses deposits).
        pub(crate) access: Access,
    }

    impl GenesisPool {
        /// The event `config`; the caller is the organiser (admin). Errors: `InvalidConfig`.
        #[ink(constructor)]
        pub fn new(config: Config) -> Result<Self> {
            config.validate(Self::env().block_timestamp())?;
            let organiser = Self::env().caller();
            Self::env().emit_event(Opened {
                organiser,
                root: config.root,
                deposits_end_ms: config.deposits_end_ms,
                publish_by_ms: config.publish_by_ms,
            });
            let mut stored = Lazy::new();
            stored.set(&config);
            Ok(Self {
                config: stored,
                published: None,
                capped: false,
                total: 0,
                amounts: Mapping::new(),
                deposits: Mapping::new(),
                toke_held: 0,
                toke_pending: 0,
                access: Access::new(organiser),
            })
        }

        pub(crate) fn config_now(&self) -> Result<Config> {
            self.config.get().ok_or(GenesisError::InvalidConfig)
        }

        pub(crate) fn stage_now(&self, config: &Config) -> Stage {
            crate::sale::stage(config, self.published.as_ref(), self.capped, self.env().block_timestamp())
        }

        /// Deposits `amount` of base asset `asset` (its index in the configuration) for the
        /// caller, who must be whitelisted: `proof` shows it in the Merkle tree (needed only
        /// for the first deposit; later ones add to it, in the same asset). Returns the value
        /// credited. Anyone whitelisted, while deposits are open. Errors: `Access(Paused)`,
        /// `DepositsClosed`, `ZeroAmount`, `UnknownAsset`, `NotWhitelisted`, `OtherAsset`,
        /// `OverAccountCap`, `OverTotalCap`, `PSP22`.
        #[ink(message)]
        pub fn deposit(&mut self, asset: u8, amount: u128, proof: Vec<[u8; 32]>) -> Result<u128> {
            self.access.ensure_live()?;
            let config = self.config_now()?;
            if self.stage_now(&config) != Stage::Deposits {
                return Err(GenesisError::DepositsClosed);
            }
            if amount == 0 {
                return Err(GenesisError::ZeroAmount);
            }
            let sale = *config.sales.get(usize::from(asset)).ok_or(GenesisError::UnknownAsset)?;
            let account = self.env().caller();
            let mut record = match self.deposits.get(account) {
                Some(record) if record.asset != asset => return Err(GenesisError::OtherAsset),
                Some(record) => record,
                None if whitelisted(&config.root, &account, &proof) => Deposit { asset, ..Deposit::default() },
                None => return Err(GenesisError::NotWhitelisted),
            };
            let value = mul_fixed(amount, sale.price, Rounding::Down)?;
            if value == 0 {
                return Err(GenesisError::ZeroAmount);
            }
            let account_value = add(record.value, value)?;
            if account_value > config.account_cap {
                return Err(GenesisError::OverAccountCap { room: config.account_cap.saturating_sub(record.value) });
            }
            let total = add(self.total, value)?;
            if total > config.total_cap {
                return Err(GenesisError::OverTotalCap { room: config.total_cap.saturating_sub(self.total) });
            }
            record.amount = add(record.amount, amount)?;
            record.value = account_value;
            self.deposits.insert(account, &record);
            self.amounts.insert(asset, &add(self.amounts.get(asset).unwrap_or(0), amount)?);
            self.total = total;
            self.capped = total == config.total_cap;
            token::pull(sale.asset, account, amount)?;
            self.env().emit_event(Deposited { account, asset, amount, value, total });
            Ok(value)
        }

        /// Takes the caller's whole deposit back. Anyone with a deposit, until the last look
        /// ends (and at any time once the event is off); never paused. Before the deposit
        /// deadline, it reopens deposits closed by the cap. Returns the amount.
        /// Errors: `WithdrawalsClosed`, `NothingDeposited`, `PSP22`.
        #[ink(message)]
        pub fn withdraw(&mut self) -> Result<u128> {
            let config = self.config_now()?;
            if self.stage_now(&config) == Stage::Final {
                return Err(GenesisError::WithdrawalsClosed);
            }
            let account = self.env().caller();
            let record = self.deposits.get(account).ok_or(GenesisError::NothingDeposited)?;
            let sale = *config.sales.get(usize::from(record.asset)).ok_or(GenesisError::UnknownAsset)?;
            self.deposits.remove(account);
            self.amounts.insert(record.asset, &sub(self.amounts.get(record.asset).unwrap_or(0), record.amount)?);
            self.total = sub(self.total, record.value)?;
            if self.published.is_none() && self.env().block_timestamp() < config.deposits_end_ms {
                // Room again: filling the cap and leaving must not close the stage for others.
                self.capped = false;
            }
            token::push(sale.asset, account, record.amount)?;
            self.env().emit_event(Withdrawn { account, asset: record.asset, amount: record.amount, total: self.total });
            Ok(record.amount)
        }

        /// Publishes the TOKE price (value per smallest TOKE unit, 1e18 fixed point) and the
        /// rate `over` (1e18 fixed point), which must agree within `RATE_TOLERANCE_BPS` with
        /// `min(1, target / total)` of the deposits now (so one withdrawal just before cannot
        /// make it fail); that computed rate is what is published. Takes the TOKE the deposits
        /// buy (rounded up) from the treasury, which must have approved it. Opens the last
        /// look. Returns the TOKE taken. The organiser (admin) only, after deposits
        /// close and by the publication deadline. Errors: `Access(NotAdmin)`, `DepositsOpen`,
        /// `AlreadyPublished`, `PublishDeadlinePassed`, `InvalidPrice`, `NothingDeposited`,
        /// `WrongRate`, `PSP22` (the treasury's allowance).
        #[ink(message)]
        pub fn publish(&mut self, price: u128, over: u128) -> Result<u128> {
            self.access.ensure_admin(self.env().caller())?;
            let config = self.config_now()?;
            match self.stage_now(&config) {
                Stage::Deposits => return Err(GenesisError::DepositsOpen),
                Stage::LastLook | Stage::Final => return Err(GenesisError::AlreadyPublished),
                Stage::Aborted => return Err(GenesisError::PublishDeadlinePassed),
                Stage::AwaitingPublication => {}
            }
            if price == 0 {
                return Err(GenesisError::InvalidPrice);
            }
            let expected = crate::sale::rate(config.target, self.total)?;
            if !crate::sale::rate_agrees(over, expected)? {
                return Err(GenesisError::WrongRate { expected });
            }
            let toke = crate::sale::toke_for(self.total, expected, price, Rounding::Up)?;
            let terms = Published { price, over: expected, at_ms: self.env().block_timestamp() };
            self.published = Some(terms);
            self.toke_held = toke;
            token::pull(config.toke, config.treasury, toke)?;
            self.env().emit_event(TermsPublished { terms, total: self.total, toke });
            Ok(toke)
        }

        /// Finalises the caller's deposit: its effective part to the treasury, the TOKE it
        /// buys to the caller (or staked vesting for it), the rest refunded (`Refund`) or
        /// deposited in the asset's genesis reactor (`Reactor`; refunded if it refuses).
        /// Anyone with a deposit, once the last look is over; never paused. Returns how it
        /// split. Errors: `NotFinal`, `NothingDeposited` (none, or withdrawn),
        /// `AlreadyFinalized`, `PSP22`, `CallFailed`, `Math`.
        #[ink(message)]
        pub fn finalize(&mut self, choice: Choice) -> Result<Split> {
            self.finalize_for(self.env().caller(), choice)
        }

        /// Delivers the caller's vested TOKE that LD staking refused at finalisation: staked
        /// again (`liquid` false), or transferred (`liquid` true, allowed from the
        /// configuration's `liquid_after_ms` after the last look, so a refusal the account
        /// caused cannot shorten its vesting). The account only. Returns it. Errors:
        /// `NothingPending`, `Staking`, `TooEarlyForLiquid`, `PSP22`.
        #[ink(message)]
        pub fn deliver(&mut self, liquid: bool) -> Result<u128> {
            self.retry_delivery(self.env().caller(), liquid)
        }

        /// Returns to the treasury the TOKE no account can claim any more (bought for deposits
        /// withdrawn in the last look, and rounding). Anyone, once final. Returns it.
        /// Errors: `NotFinal`, `PSP22`.
        #[ink(message)]
        pub fn release_excess(&mut self) -> Result<u128> {
            self.excess()
        }

        /// The stage now. Anyone may call.
        #[ink(message)]
        pub fn stage(&self) -> Option<Stage> {
            self.config.get().map(|config| self.stage_now(&config))
        }

        /// The event's terms. Anyone may call.
        #[ink(message)]
        pub fn config(&self) -> Option<Config> {
            self.config.get()
        }

        /// The published TOKE price and rate. Anyone may call.
        #[ink(message)]
        pub fn published(&self) -> Option<Published> {
            self.published
        }

        /// `account`'s deposit. Anyone may call.
        #[ink(message)]
        pub fn deposit_of(&self, account: AccountId) -> Option<Deposit> {
            self.deposits.get(account)
        }

        /// How `account`'s deposit splits at the published terms (`None` before publication
        /// or without a deposit). Anyone may call.
        #[ink(message)]
        pub fn preview(&self, account: AccountId) -> Option<Split> {
            let terms = self.published?;
            let record = self.deposits.get(account)?;
            crate::sale::split(&record, terms.over, terms.price).ok()
        }

        /// The value open (deposited, not withdrawn nor finalised), whether the cap closed
        /// deposits, the amount of each asset open, and the TOKE held (and of it pending).
        /// Anyone may call.
        #[ink(message)]
        pub fn totals(&self) -> (u128, bool, Vec<u128>, u128, u128) {
            let count = self.config.get().map_or(0, |c| c.sales.len());
            let amounts = (0..count).map(|i| u8::try_from(i).ok().and_then(|i| self.amounts.get(i)).unwrap_or(0)).collect();
            (self.total, self.capped, amounts, self.toke_held, self.toke_pending)
        }

        /// Whether `proof` shows `account` in the whitelist. Anyone may call.
        #[ink(message)]
        pub fn is_whitelisted(&self, account: AccountId, proof: Vec<[u8; 32]>) -> bool {
            self.config.get().is_some_and(|c| whitelisted(&c.root, &account, &proof))
        }
    }

    /// Whether `proof` shows `account` under `root` (blake2-256, the chain's hasher).
    fn whitelisted(root: &[u8; 32], account: &AccountId, proof: &[[u8; 32]]) -> bool {
        laas_merkle::verify(root, account.as_ref(), proof, blake2_256)
    }

    fn blake2_256(input: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        ink::env::hash_bytes::<ink::env::hash::Blake2x256>(input, &mut out);
        out
    }

    impl AccessControl for GenesisPool {
        /// Proposes the next admin (organiser), or withdraws the proposal (`None`). Admin only.
        #[ink(message)]
        fn propose_admin(&mut self, admin: Option<AccountId>) -> core::result::Result<(), AccessError> {
            self.access.propose_admin(self.env().caller(), admin)
        }

        /// Takes the admin role. Only the proposed account may call.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AccessError> {
            self.access.accept_admin(self.env().caller())
        }

        /// Sets or revokes the guardian. Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            self.access.set_role(self.env().caller(), role, account, granted)
        }

        /// Pauses new deposits; withdrawals, publication and finalisation keep working.
        /// Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.unpause(self.env().caller())
        }

        /// Whether new deposits are paused. Anyone may call.
        #[ink(message)]
        fn paused(&self) -> bool {
            self.access.paused
        }

        /// Refused to everyone (`FixedCode`): the pool holds accounts' deposits under terms
        /// fixed at instantiation, and the organiser who holds its admin role must not be able
        /// to change the code that pays them out.
        #[ink(message)]
        fn set_code_hash(&mut self, _code_hash: Hash) -> core::result::Result<(), AccessError> {
            Err(AccessError::FixedCode)
        }
    }

    impl Roles for GenesisPool {
        /// Admin (the organiser), pending admin and guardian. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            self.access.holders()
        }
    }
}
