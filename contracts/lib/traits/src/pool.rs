//! A reactor's pool — its tAsset (tWETH, tUSDC, …): the PSP22 token liquidity providers hold,
//! deposit into, ask to leave and withdraw from ([`TAsset`]), and the narrow interface through
//! which its reactor runs it ([`ManagedPool`]). As in Tokemak v1, where the Pool is the tAsset
//! and the Manager runs cycles: LPs touch only the pool; the reactor strikes NAV, moves assets
//! in and out of the pool, and opens each epoch.
//!
//! **Epochs are rollovers.** Epoch `e` runs from the rollover that opened it to the next one.
//! A request made in epoch `e` matures at the rollover that opens `e + 1`, or `e + 2` if a cycle
//! boundary has passed and its rollover has not run yet; a catch-up rollover opens one epoch
//! however many cycles it catches up. The rollover that matures a request fixes its payout at
//! that strike's NAV and sets it aside, **in kind**: the asset, and what the asset cannot cover
//! in TOKE at that rollover's TWAP, so an exit is never trapped because the reactor's holdings
//! moved into TOKE (a price move, a drained venue).

use crate::access::AccessError;
use ink::primitives::{AccountId, Hash};
use laas_math::MathError;
use psp22::PSP22Error;

/// Errors of a pool's own (non-PSP22) messages.
#[derive(Debug, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)]
pub enum PoolError {
    /// A token transfer failed, or a PSP22 rule was broken.
    PSP22(PSP22Error),
    /// Deposits are paused (`Paused`).
    Access(AccessError),
    /// Arithmetic overflow or division by zero.
    Math(MathError),
    /// Only the pool's reactor may call this.
    NotManager,
    /// A zero amount was given, or it would mint nothing.
    ZeroAmount,
    /// The deposit would take the supply over the deposit cap.
    CapExceeded,
    /// NAV is below 1 and its last strike is older than the pool allows: someone must
    /// `strike_nav` on the reactor first.
    StaleNav,
    /// NAV is 0: nothing can be minted against the pool.
    Insolvent,
    /// More than the caller holds.
    InsufficientBalance,
    /// The caller has no matured withdrawal request.
    NotMatured,
    /// More than the matured request was asked.
    ExceedsRequest,
    /// The payouts set aside do not cover this withdrawal yet; the next rollover tops them up.
    InsufficientReserve,
    /// A matured request is firm: withdraw it (or let it expire) before asking again.
    RequestMatured,
    /// A pool parameter is out of range.
    InvalidConfig,
    /// The chain refused the new code (no code uploaded under that hash).
    UpgradeFailed,
    /// A cross-contract call could not be made.
    CallFailed,
}

impl From<PSP22Error> for PoolError {
    fn from(e: PSP22Error) -> Self {
        PoolError::PSP22(e)
    }
}

impl From<AccessError> for PoolError {
    fn from(e: AccessError) -> Self {
        PoolError::Access(e)
    }
}

impl From<MathError> for PoolError {
    fn from(e: MathError) -> Self {
        PoolError::Math(e)
    }
}

impl From<crate::token::TokenCallError> for PoolError {
    fn from(e: crate::token::TokenCallError) -> Self {
        match e {
            crate::token::TokenCallError::Token(e) => PoolError::PSP22(e),
            crate::token::TokenCallError::CallFailed => PoolError::CallFailed,
        }
    }
}

/// One holder's position, as a dapp reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Position {
    /// tAssets held.
    pub balance: u128,
    /// Of them, held since the current epoch opened and not under a matured request: what
    /// shares this epoch's fees and emissions.
    pub eligible: u128,
    /// Pending or matured withdrawal request, tAssets (0 without one).
    pub request: u128,
    /// The epoch whose opening rollover matures the request (0 without one).
    pub maturity: u32,
    /// Whether the request has matured and can be withdrawn now.
    pub matured: bool,
    /// What withdrawing the whole matured request pays in the asset (0 if not matured).
    pub payout: u128,
    /// …and in TOKE, the part the asset could not cover at its maturity.
    pub payout_pairing: u128,
    /// Fees and emissions settled and not claimed: the asset.
    pub owed_asset: u128,
    /// Fees and emissions settled and not claimed: TOKE.
    pub owed_pairing: u128,
}

/// What the pool's manager reads to run a rollover or strike NAV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Books {
    /// The current epoch.
    pub epoch: u32,
    /// tAssets in existence.
    pub supply: u128,
    /// tAssets under matured requests: their payouts are set aside, they no longer share
    /// gains, losses or rewards.
    pub matured: u128,
    /// tAssets whose requests the next rollover matures.
    pub maturing: u128,
    /// tAssets held through the whole current epoch and not matured: who shares the rewards the
    /// next rollover brings.
    pub eligible: u128,
    /// Asset in the pool not set aside: deposits since the last rollover and released payouts.
    pub idle: u128,
    /// Asset set aside for matured payouts.
    pub reserved: u128,
    /// TOKE set aside for matured payouts.
    pub reserved_pairing: u128,
    /// What matured requests are owed in the asset; above `reserved` by what the next rollover
    /// must bring.
    pub payouts_due: u128,
    /// What matured requests are owed in TOKE; above `reserved_pairing` by what the next
    /// rollover must bring.
    pub payouts_due_pairing: u128,
    /// Of `payouts_due`, what the next rollover releases because its requests expire unclaimed.
    pub expiring: u128,
    /// Of `payouts_due_pairing`, the same.
    pub expiring_pairing: u128,
    /// NAV per tAsset at the last strike, 1e18.
    pub nav: u128,
    /// When it was struck, ms.
    pub struck_ms: u64,
}

/// What the manager tells the pool at a rollover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Rollover {
    /// NAV per tAsset struck by this rollover, 1e18: the value each maturing tAsset is paid.
    pub nav: u128,
    /// The maturing requests' payout in the asset: `maturing × nav`, less what is paid in TOKE.
    pub payout: u128,
    /// The maturing requests' payout in TOKE: the value the asset cannot cover, at this
    /// rollover's TWAP.
    pub payout_pairing: u128,
    /// The asset the manager sent the pool before the call for payouts.
    pub funded: u128,
    /// The TOKE the manager sent the pool before the call for payouts.
    pub funded_pairing: u128,
    /// Fees and emissions for the closing epoch's eligible holders, sent before the call: the
    /// asset.
    pub reward_asset: u128,
    /// The same in TOKE.
    pub reward_pairing: u128,
    /// When the next cycle boundary falls, ms: a request made at or after it, before the next
    /// rollover, waits one more epoch.
    pub next_boundary_ms: u64,
}

/// A pool's two codes. Its own code holds what liquidity providers call to move value
/// (PSP22 transfers and approvals, deposits, requests, withdrawals, claims); its **books code**
/// holds what its manager calls and the views (and the rarely used allowance changes), and the
/// pool runs it in its own storage by delegate call. Those value-moving calls load only the
/// first, which keeps their proofs small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PoolCode {
    /// The pool's own code (the `tasset` bundle).
    pub pool: Hash,
    /// Its books code (the `tasset_books` bundle).
    pub books: Hash,
}

/// The pool's parameters, set by its manager (from the reactor's governance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PoolConfig {
    /// Largest supply deposits may reach.
    pub deposit_cap: u128,
    /// While NAV is below 1, a deposit needs a strike at most this old, ms.
    pub max_nav_age_ms: u64,
    /// A matured request that is not withdrawn within this many epochs expires (its payout
    /// returns to the pool); at least 1, and it may only grow.
    pub expiry_epochs: u32,
    /// Whether deposits are paused (exits never are).
    pub paused: bool,
}

/// The shortest expiry window: a payout a rollover could not fully set aside gets at least one
/// more rollover to be topped up before it expires.
pub const MIN_EXPIRY_EPOCHS: u32 = 2;
/// The longest expiry window (ten years of weekly epochs): epochs stay far from overflowing.
pub const MAX_EXPIRY_EPOCHS: u32 = 520;

impl PoolConfig {
    /// Whether `expiry_epochs` is within [`MIN_EXPIRY_EPOCHS`]..=[`MAX_EXPIRY_EPOCHS`].
    pub fn expiry_in_range(&self) -> bool {
        (MIN_EXPIRY_EPOCHS..=MAX_EXPIRY_EPOCHS).contains(&self.expiry_epochs)
    }
}

/// What liquidity providers do with a pool.
#[ink::trait_definition]
pub trait TAsset {
    /// Pulls `amount` of the asset from the caller (who approved the pool) and mints tAssets
    /// to the caller: 1:1, or `amount / NAV` at the latest strike while NAV is below 1 (which
    /// must then be recent). Returns the tAssets minted. Anyone may call; paused with the
    /// reactor.
    #[ink(message)]
    fn deposit(&mut self, amount: u128) -> Result<u128, PoolError>;

    /// `deposit` paid by the caller, with the tAssets minted to `beneficiary`.
    #[ink(message)]
    fn deposit_for(&mut self, beneficiary: AccountId, amount: u128) -> Result<u128, PoolError>;

    /// Sets the caller's withdrawal request to `amount` tAssets (0 cancels), replacing any
    /// earlier one (a matured one's payout returns to the pool). Returns the epoch it matures
    /// at. Anyone may call; never paused.
    #[ink(message)]
    fn request_withdrawal(&mut self, amount: u128) -> Result<u32, PoolError>;

    /// Burns `amount` tAssets of the caller's matured request and pays their share of its
    /// payout, fixed when the request matured: the asset, and TOKE for what the asset could not
    /// cover then. Returns `(asset, TOKE)` paid. Anyone may call; never paused.
    #[ink(message)]
    fn withdraw(&mut self, amount: u128) -> Result<(u128, u128), PoolError>;

    /// Pays the caller's fees and emissions: `(asset, TOKE)`. Anyone may call; never paused.
    #[ink(message)]
    fn claim(&mut self) -> Result<(u128, u128), PoolError>;

    /// `account`'s position, rewards settled to now. Anyone may call.
    #[ink(message)]
    fn position(&self, account: AccountId) -> Position;
}

/// How a reactor runs its pool. Every message but `books` is for the manager alone; `roles()`
/// names the manager.
#[ink::trait_definition]
pub trait ManagedPool {
    /// The books a rollover or a strike needs. Anyone may call.
    #[ink(message)]
    fn books(&self) -> Books;

    /// Opens the next epoch: expires the matured requests whose time is up, matures the
    /// requests due with the payout the manager fixed (asset and TOKE) and sets it aside from
    /// idle asset and what the manager funded, shares the rewards over the closing epoch's
    /// eligible tAssets, and sends the rest of the idle asset (and any TOKE beyond what
    /// payouts are owed) to the manager. Returns `(asset, TOKE)` sent. Manager only.
    #[ink(message)]
    fn roll(&mut self, rollover: Rollover) -> Result<(u128, u128), PoolError>;

    /// Records a NAV strike made between rollovers. Manager only.
    #[ink(message)]
    fn strike(&mut self, nav: u128) -> Result<(), PoolError>;

    /// Replaces the pool's parameters. Manager only. Errors: `InvalidConfig`.
    #[ink(message)]
    fn configure(&mut self, config: PoolConfig) -> Result<(), PoolError>;

    /// Replaces the pool's codes (balances stay): its own and its books code. Manager only: a
    /// reactor's admin upgrades its pool through the reactor. Errors: `NotManager`,
    /// `UpgradeFailed`.
    #[ink(message)]
    fn set_code_hash(&mut self, code: PoolCode) -> Result<(), PoolError>;
}

/// `TAsset::deposit_for` on pool `tasset`: deposits `amount` of its asset from the calling
/// contract (which approved the pool) for `beneficiary`; returns the tAssets minted.
/// Errors: the pool's, or `CallFailed`.
pub fn deposit_for(tasset: AccountId, beneficiary: AccountId, amount: u128) -> Result<u128, PoolError> {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    let result = build_call::<ink::env::DefaultEnvironment>()
        .call(tasset)
        .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("TAsset::deposit_for"))).push_arg(beneficiary).push_arg(amount))
        .returns::<Result<u128, PoolError>>()
        .try_invoke();
    crate::call::fallible(result, PoolError::CallFailed)
}
