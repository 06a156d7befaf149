//! What the DeGenesis pool is configured with, stores and answers, and its error.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_math::MathError;
use laas_traits::{AccessError, PSP22Error, StakeError};

/// Results of the pool's messages.
pub type Result<T> = core::result::Result<T, GenesisError>;

/// The most base assets one event sells against.
pub const MAX_ASSETS: usize = 8;

/// The longest last look, ms (30 days): accounts' deposits are not held longer after
/// publication.
pub const MAX_LAST_LOOK_MS: u64 = 30 * 24 * 3_600_000;

/// How far the organiser's rate may be from the one the totals give (a withdrawal between
/// its reading and the publication), in bps of that rate; the totals' rate is what is
/// published.
pub const RATE_TOLERANCE_BPS: u16 = 100;

/// Errors of the DeGenesis pool.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum GenesisError {
    /// A role check failed (only the admin organises), or deposits are paused.
    Access(AccessError),
    /// A token transfer failed.
    PSP22(PSP22Error),
    /// A call to another contract could not be made.
    CallFailed,
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// The configuration is out of range.
    InvalidConfig,
    /// The account is not in the whitelist, or the proof does not show it.
    NotWhitelisted,
    /// No base asset has this index.
    UnknownAsset,
    /// The account deposited another base asset: one asset per account.
    OtherAsset,
    /// A zero amount, or one worth nothing at the configured price.
    ZeroAmount,
    /// The deposit would take the account above its cap: `room` value is left.
    OverAccountCap {
        /// The value the account may still deposit.
        room: u128,
    },
    /// The deposit would take the event above its total cap: `room` value is left.
    OverTotalCap {
        /// The value the event may still take.
        room: u128,
    },
    /// Deposits are closed (their deadline passed, or the total cap was reached).
    DepositsClosed,
    /// Deposits are still open: nothing can be published yet.
    DepositsOpen,
    /// The price and rate are published already.
    AlreadyPublished,
    /// The publication deadline passed: the event is off and everyone withdraws.
    PublishDeadlinePassed,
    /// The organiser's rate is more than `RATE_TOLERANCE_BPS` from `min(1, target / total)`
    /// of the deposits now: `expected`.
    WrongRate {
        /// The rate the totals give, 1e18 fixed point.
        expected: u128,
    },
    /// A zero TOKE price.
    InvalidPrice,
    /// Nothing was deposited: there is nothing to sell.
    NothingDeposited,
    /// Withdrawals are over: the last look has ended.
    WithdrawalsClosed,
    /// The event is not final: not published yet, or its last look is still open.
    NotFinal,
    /// The account's deposit is finalised already.
    AlreadyFinalized,
    /// No vested TOKE is waiting to be delivered to this account.
    NothingPending,
    /// LD staking refused a vested delivery (it stays pending: `deliver` retries).
    Staking(StakeError),
    /// Pending vested TOKE may be taken liquid only `liquid_after_ms` after the last look.
    TooEarlyForLiquid {
        /// When it may, ms.
        at_ms: u64,
    },
}

impl From<AccessError> for GenesisError {
    fn from(e: AccessError) -> Self {
        GenesisError::Access(e)
    }
}

impl From<MathError> for GenesisError {
    fn from(e: MathError) -> Self {
        GenesisError::Math(e)
    }
}

impl From<laas_traits::token::TokenCallError> for GenesisError {
    fn from(e: laas_traits::token::TokenCallError) -> Self {
        match e {
            laas_traits::token::TokenCallError::Token(e) => GenesisError::PSP22(e),
            laas_traits::token::TokenCallError::CallFailed => GenesisError::CallFailed,
        }
    }
}

/// One base asset the event sells TOKE against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Sale {
    /// The asset (a PSP22).
    pub asset: AccountId,
    /// Its value per smallest unit, 1e18 fixed point (in the event's unit of account).
    pub price: u128,
    /// Its genesis reactor: vested TOKE is staked there.
    pub reactor: AccountId,
    /// That reactor's pool (its tAsset): the ineffective part may be deposited there.
    pub tasset: AccountId,
}

/// How the TOKE bought is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[allow(clippy::cast_possible_truncation)]
pub enum Delivery {
    /// Transferred to the account.
    Liquid,
    /// Staked for the account in its asset's reactor at LD staking, vesting under a schedule
    /// (the pool must be an LD-staking depositor).
    Vested {
        /// LD staking.
        staking: AccountId,
        /// The vesting schedule's id there.
        schedule: u32,
        /// If LD staking keeps refusing an account's TOKE (a grant it already holds there,
        /// a reactor removed), the account may take it liquid this long after the last look
        /// ends, ms: at least the schedule's length, so nothing vests sooner than planned.
        liquid_after_ms: u64,
    },
}

/// The whole event, fixed at instantiation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Config {
    /// TOKE.
    pub toke: AccountId,
    /// The DAO treasury: sells the TOKE (approving it to the pool before publication) and
    /// receives the effective deposits.
    pub treasury: AccountId,
    /// The base assets (1 to `MAX_ASSETS`).
    pub sales: Vec<Sale>,
    /// The whitelist's Merkle root (`laas_merkle`, blake2-256).
    pub root: [u8; 32],
    /// Most value one account may deposit.
    pub account_cap: u128,
    /// Most value the event takes: reaching it closes deposits.
    pub total_cap: u128,
    /// The value the event means to raise: above it, every deposit is scaled down.
    pub target: u128,
    /// Deposits close at this time, ms.
    pub deposits_end_ms: u64,
    /// The organiser must publish by this time, ms; after it, the event is off.
    pub publish_by_ms: u64,
    /// How long accounts may still withdraw after publication, ms.
    pub last_look_ms: u64,
    /// How the TOKE is delivered.
    pub delivery: Delivery,
}

impl Config {
    /// Errors: `InvalidConfig` (no asset or more than `MAX_ASSETS`, an asset listed twice or
    /// TOKE itself listed, a zero price, caps or target of zero, an account cap above the
    /// total, deadlines out of order — deposits end in the future, publication strictly
    /// after it — or a last look of zero or above `MAX_LAST_LOOK_MS`).
    pub fn validate(&self, now_ms: u64) -> Result<()> {
        let distinct = self
            .sales
            .iter()
            .enumerate()
            .all(|(i, s)| s.asset != self.toke && self.sales.iter().skip(i.saturating_add(1)).all(|t| t.asset != s.asset));
        let ok = !self.sales.is_empty()
            && self.sales.len() <= MAX_ASSETS
            && distinct
            && self.sales.iter().all(|s| s.price > 0)
            && self.account_cap > 0
            && self.account_cap <= self.total_cap
            && self.target > 0
            && self.deposits_end_ms > now_ms
            && self.publish_by_ms > self.deposits_end_ms
            && self.last_look_ms > 0
            && self.last_look_ms <= MAX_LAST_LOOK_MS;
        if ok {
            Ok(())
        } else {
            Err(GenesisError::InvalidConfig)
        }
    }
}

/// Where the event stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum Stage {
    /// Whitelisted accounts deposit (and may withdraw).
    Deposits,
    /// Deposits closed; the organiser has until `publish_by_ms` to publish. Accounts may
    /// withdraw.
    AwaitingPublication,
    /// Published; accounts may still withdraw until the last look ends.
    LastLook,
    /// Each account finalises its deposit.
    Final,
    /// Not published in time: every account withdraws everything.
    Aborted,
}

/// The published terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Published {
    /// The TOKE price: value per smallest TOKE unit, 1e18 fixed point.
    pub price: u128,
    /// The share of every deposit that buys TOKE, 1e18 fixed point (≤ 1).
    pub over: u128,
    /// When it was published, ms.
    pub at_ms: u64,
}

/// One account's deposit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Deposit {
    /// Its asset's index.
    pub asset: u8,
    /// The amount deposited.
    pub amount: u128,
    /// Its value at the configured price.
    pub value: u128,
    /// Finalised (or withdrawn in full).
    pub done: bool,
    /// Vested TOKE LD staking refused, waiting for `deliver`.
    pub pending: u128,
}

/// What to do with the part of a deposit that buys no TOKE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum Choice {
    /// Send it back.
    Refund,
    /// Deposit it in the asset's genesis reactor for tAssets (refunded if the reactor
    /// refuses).
    Reactor,
}

/// How a deposit splits at finalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Split {
    /// The amount of the asset that buys TOKE (goes to the treasury).
    pub effective: u128,
    /// The TOKE it buys.
    pub toke: u128,
    /// The amount of the asset that buys nothing.
    pub ineffective: u128,
}
