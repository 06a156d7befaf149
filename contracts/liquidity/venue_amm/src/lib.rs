//! # AMM venue
//!
//! A constant-product pool between a reactor's asset and the pairing token (TOKE) — the
//! "exchange" liquidity directors can vote a reactor's liquidity into.
//!
//! * Liquidity: `add_liquidity` / `remove_liquidity` with minimum amounts and deadlines;
//!   [`pool::MINIMUM_LIQUIDITY`] shares are locked at the first mint.
//! * Swaps: `swap` with a minimum output and a deadline. The fee (default 0.3%) is **kept
//!   apart from the reserves** and credited to LPs through per-share accumulators; LPs take it
//!   with `collect_fees` at any time.
//! * Oracle: a geometric-mean TWAP over a configurable window — a running sum of
//!   `log2(price) × time` sampled into a ring of observations ([`oracle`]). A trade in the
//!   block of a read moves nothing; `twap()` is the spot only when no trade moved the price
//!   within the whole window.
//! * As a [`Venue`], it lets a reactor deploy, withdraw a fraction, value its position at the
//!   TWAP-fair reserves and collect fees; deploys are refused while spot is more than
//!   `max_deviation_bps` away from the TWAP (withdrawals never wait for the oracle).
//!
//! ## Invariants
//! * `reserve_asset × reserve_pairing` never decreases across a swap.
//! * Token balances of the pool ≥ reserves + uncollected fees (rounding dust stays in the pool).
//! * `total_shares == Σ lp.shares + MINIMUM_LIQUIDITY` once the pool has been seeded.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod events;
pub mod oracle;
pub mod pool;
pub mod types;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod venue_amm {
    pub use crate::events::*;
    use crate::oracle::{self, Observation};
    pub use crate::types::*;
    use crate::pool;
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use laas_access::Access;
    use laas_math::{mul_div, MathError, Rounding, BPS, ONE};
    use laas_traits::token;
    use laas_traits::{AccessControl, AccessError, PositionValue, Role, Roles, Venue, VenueError};

    /// Results of this contract's messages.
    pub type Result<T> = core::result::Result<T, VenueError>;

    /// Highest swap fee: 10%.
    pub const MAX_FEE_BPS: u16 = 1_000;

    /// Shortest TWAP window: one minute.
    pub const MIN_WINDOW_MS: u64 = 60_000;

    /// Longest TWAP window: one day (a longer mean is a stale price).
    pub const MAX_WINDOW_MS: u64 = 86_400_000;

    /// The pool.
    #[ink(storage)]
    pub struct VenueAmm {
        /// The reactor asset (token 0).
        pub(crate) asset: AccountId,
        /// The pairing token, TOKE (token 1).
        pub(crate) pairing: AccountId,
        /// Current reserves; fees are not part of them.
        pub(crate) reserves: Reserves,
        /// Shares in existence, the locked minimum included.
        pub(crate) total_shares: u128,
        /// Swap fee in bps of the input, fixed at instantiation.
        pub(crate) fee_bps: u16,
        /// Fees per share since genesis, 1e18-scaled (asset, pairing).
        pub(crate) fee_per_share: (u128, u128),
        /// Liquidity providers.
        pub(crate) lps: Mapping<AccountId, Lp>,
        /// Oracle running state.
        pub(crate) oracle: OracleState,
        /// Observation ring, by slot.
        pub(crate) observations: Mapping<u32, Observation>,
        /// TWAP window, ms. Admin-set.
        pub(crate) window_ms: u64,
        /// Tolerated spot/TWAP distance for venue deploys, bps. Admin-set.
        pub(crate) max_deviation_bps: u16,
        /// Admin (oracle parameters, unpause; the DAO after handover) and guardian (pause).
        pub(crate) access: Access,
    }

    impl VenueAmm {
        /// A pool for `asset` against `pairing` with a swap fee of `fee_bps` (30 = 0.3%, at
        /// most [`MAX_FEE_BPS`]), a TWAP window of `window_ms` (at least [`MIN_WINDOW_MS`]) and a
        /// deviation band of `max_deviation_bps` (at most 10,000). The caller is admin.
        /// Errors: `InvalidFraction` (fee or band out of range), `ZeroAmount` (window too short),
        /// `UnknownToken` (the two tokens are the same).
        #[ink(constructor)]
        pub fn new(asset: AccountId, pairing: AccountId, fee_bps: u16, window_ms: u64, max_deviation_bps: u16) -> Result<Self> {
            if fee_bps > MAX_FEE_BPS || u128::from(max_deviation_bps) > BPS {
                return Err(VenueError::InvalidFraction);
            }
            if !(MIN_WINDOW_MS..=MAX_WINDOW_MS).contains(&window_ms) {
                return Err(VenueError::InvalidWindow);
            }
            if asset == pairing {
                return Err(VenueError::UnknownToken);
            }
            Ok(Self {
                asset,
                pairing,
                reserves: Reserves::default(),
                total_shares: 0,
                fee_bps,
                fee_per_share: (0, 0),
                lps: Mapping::new(),
                oracle: OracleState::default(),
                observations: Mapping::new(),
                window_ms,
                max_deviation_bps,
                access: Access::new(Self::env().caller()),
            })
        }

        // ---- liquidity ------------------------------------------------------------------

        /// Adds liquidity from the caller (who approved this pool on both tokens): takes up to
        /// the desired amounts in the pool's ratio and mints shares. Anyone may call.
        /// Errors: `Access(Paused)`, `Expired`, `ZeroAmount`, `Slippage` (below a minimum),
        /// `InsufficientLiquidity` (first mint too small), token errors.
        #[ink(message)]
        pub fn add_liquidity(&mut self, asset_desired: u128, pairing_desired: u128, asset_min: u128, pairing_min: u128, deadline: u64) -> Result<u128> {
            self.access.ensure_live()?;
            self.ensure_before(deadline)?;
            let provider = self.env().caller();
            let (asset, pairing, shares) = self.mint(provider, asset_desired, pairing_desired)?;
            if asset < asset_min || pairing < pairing_min {
                return Err(VenueError::Slippage);
            }
            token::pull(self.asset, provider, asset)?;
            token::pull(self.pairing, provider, pairing)?;
            Ok(shares)
        }

        /// Burns `shares` of the caller's and pays out their part of the reserves (fees owed
        /// stay collectable). Anyone may call; never blocked by any pause.
        /// Errors: `Expired`, `ZeroAmount`, `InsufficientShares`, `Slippage`.
        #[ink(message)]
        pub fn remove_liquidity(&mut self, shares: u128, asset_min: u128, pairing_min: u128, deadline: u64) -> Result<(u128, u128)> {
            self.ensure_before(deadline)?;
            let provider = self.env().caller();
            let (asset, pairing) = self.burn(provider, shares)?;
            if asset < asset_min || pairing < pairing_min {
                return Err(VenueError::Slippage);
            }
            token::push(self.asset, provider, asset)?;
            token::push(self.pairing, provider, pairing)?;
            Ok((asset, pairing))
        }

        /// Swaps `amount_in` of the asset (`asset_in = true`) or of the pairing token for the
        /// other, paying at least `min_out`. Anyone may call.
        /// Errors: `Access(Paused)`, `Expired`, `ZeroAmount`, `InsufficientLiquidity`, `Slippage`, token errors.
        #[ink(message)]
        pub fn swap(&mut self, asset_in: bool, amount_in: u128, min_out: u128, deadline: u64) -> Result<u128> {
            self.access.ensure_live()?;
            self.ensure_before(deadline)?;
            if amount_in == 0 {
                return Err(VenueError::ZeroAmount);
            }
            let (reserve_in, reserve_out, out, fee) = self.priced(asset_in, amount_in)?;
            if out < min_out {
                return Err(VenueError::Slippage);
            }
            // Fees go to the shares LPs hold (the locked minimum earns nothing); with no LP
            // left, the fee stays in the curve.
            let live_shares = self.total_shares.saturating_sub(pool::MINIMUM_LIQUIDITY);
            let (credited, index) = if live_shares == 0 {
                (amount_in, 0)
            } else {
                (amount_in.checked_sub(fee).ok_or(MathError::Underflow)?, mul_div(fee, ONE, live_shares, Rounding::Down)?)
            };
            let new_in = reserve_in.checked_add(credited).ok_or(MathError::Overflow)?;
            let new_out = reserve_out.checked_sub(out).ok_or(MathError::Underflow)?;
            self.update_oracle()?;
            let (token_in, token_out) = if asset_in {
                self.reserves = Reserves { asset: new_in, pairing: new_out };
                self.fee_per_share.0 = self.fee_per_share.0.checked_add(index).ok_or(MathError::Overflow)?;
                (self.asset, self.pairing)
            } else {
                self.reserves = Reserves { asset: new_out, pairing: new_in };
                self.fee_per_share.1 = self.fee_per_share.1.checked_add(index).ok_or(MathError::Overflow)?;
                (self.pairing, self.asset)
            };
            let trader = self.env().caller();
            token::pull(token_in, trader, amount_in)?;
            token::push(token_out, trader, out)?;
            self.env().emit_event(Swapped { trader, asset_in, amount_in, amount_out: out, fee });
            Ok(out)
        }

        /// Pays the caller's accrued fees. Anyone may call; never blocked.
        #[ink(message)]
        pub fn collect(&mut self) -> Result<(u128, u128)> {
            let provider = self.env().caller();
            let mut lp = self.settled(provider)?;
            let (asset, pairing) = lp.owed;
            lp.owed = (0, 0);
            self.store_lp(provider, &lp);
            token::push(self.asset, provider, asset)?;
            token::push(self.pairing, provider, pairing)?;
            self.env().emit_event(FeesCollected { provider, asset, pairing });
            Ok((asset, pairing))
        }

        // ---- queries ---------------------------------------------------------------------

        /// Current reserves (fees excluded). Anyone may call.
        #[ink(message)]
        pub fn reserves(&self) -> Reserves {
            self.reserves
        }

        /// Shares of `owner`. Anyone may call.
        #[ink(message)]
        pub fn shares_of(&self, owner: AccountId) -> u128 {
            self.lps.get(owner).unwrap_or_default().shares
        }

        /// Shares in existence (locked minimum included). Anyone may call.
        #[ink(message)]
        pub fn total_shares(&self) -> u128 {
            self.total_shares
        }

        /// Fees `owner` could collect now (asset, pairing). Anyone may call.
        #[ink(message)]
        pub fn pending_fees(&self, owner: AccountId) -> Result<(u128, u128)> {
            Ok(self.settled(owner)?.owed)
        }

        /// Output of swapping `amount_in` now, and the fee. Anyone may call.
        #[ink(message)]
        pub fn quote(&self, asset_in: bool, amount_in: u128) -> Result<(u128, u128)> {
            let (_, _, out, fee) = self.priced(asset_in, amount_in)?;
            Ok((out, fee))
        }

        /// Spot price of the asset in the pairing token, 1e18. For display only: valuation
        /// uses [`Venue::twap`].
        #[ink(message)]
        pub fn spot_price(&self) -> Result<u128> {
            Ok(pool::spot_price(self.reserves.asset, self.reserves.pairing)?)
        }

        /// `(window_ms, max_deviation_bps, fee_bps)`. Anyone may call.
        #[ink(message)]
        pub fn params(&self) -> (u64, u16, u16) {
            (self.window_ms, self.max_deviation_bps, self.fee_bps)
        }

        // ---- administration --------------------------------------------------------------

        /// Sets the TWAP window and the deviation band. Admin only. The window stays within
        /// [`MIN_WINDOW_MS`]..=[`MAX_WINDOW_MS`] and may grow only as far back as the
        /// observation ring reaches now, so the TWAP never goes dark (and a rollover never
        /// stalls) however often it is raised.
        /// Errors: `Access(NotAdmin)`, `InvalidWindow`, `InvalidFraction` (band > 100%).
        #[ink(message)]
        pub fn set_oracle_params(&mut self, window_ms: u64, max_deviation_bps: u16) -> Result<()> {
            self.ensure_admin()?;
            if !(MIN_WINDOW_MS..=MAX_WINDOW_MS).contains(&window_ms) || (window_ms > self.window_ms && !self.ring_keeps_up(window_ms)) {
                return Err(VenueError::InvalidWindow);
            }
            if u128::from(max_deviation_bps) > BPS {
                return Err(VenueError::InvalidFraction);
            }
            self.window_ms = window_ms;
            self.max_deviation_bps = max_deviation_bps;
            self.env().emit_event(OracleParamsChanged { window_ms, max_deviation_bps });
            Ok(())
        }

        // ---- internals -------------------------------------------------------------------

        fn ensure_admin(&self) -> Result<()> {
            Ok(self.access.ensure_admin(self.env().caller())?)
        }

        fn ensure_before(&self, deadline: u64) -> Result<()> {
            if self.env().block_timestamp() > deadline {
                return Err(VenueError::Expired);
            }
            Ok(())
        }

        /// The LP record of `owner` with fees accrued since its last settlement moved to `owed`:
        /// `shares × (fee_per_share_now − fee_per_share_then) / 1e18`, rounded down.
        fn settled(&self, owner: AccountId) -> Result<Lp> {
            let mut lp = self.lps.get(owner).unwrap_or_default();
            let (now_asset, now_pairing) = self.fee_per_share;
            let grown_asset = now_asset.checked_sub(lp.last_index.0).ok_or(MathError::Underflow)?;
            let grown_pairing = now_pairing.checked_sub(lp.last_index.1).ok_or(MathError::Underflow)?;
            let accrued_asset = mul_div(lp.shares, grown_asset, ONE, Rounding::Down)?;
            let accrued_pairing = mul_div(lp.shares, grown_pairing, ONE, Rounding::Down)?;
            lp.owed.0 = lp.owed.0.checked_add(accrued_asset).ok_or(MathError::Overflow)?;
            lp.owed.1 = lp.owed.1.checked_add(accrued_pairing).ok_or(MathError::Overflow)?;
            lp.last_index = self.fee_per_share;
            Ok(lp)
        }

        /// `(reserve_in, reserve_out, out, fee)` of a swap of `amount_in`, refusing what `swap`
        /// would refuse for lack of liquidity.
        fn priced(&self, asset_in: bool, amount_in: u128) -> Result<(u128, u128, u128, u128)> {
            let Reserves { asset: ra, pairing: rp } = self.reserves;
            if ra == 0 || rp == 0 {
                return Err(VenueError::InsufficientLiquidity);
            }
            let (reserve_in, reserve_out) = if asset_in { (ra, rp) } else { (rp, ra) };
            let (out, fee) = pool::swap_out(amount_in, reserve_in, reserve_out, self.fee_bps)?;
            if out == 0 || out >= reserve_out {
                return Err(VenueError::InsufficientLiquidity);
            }
            Ok((reserve_in, reserve_out, out, fee))
        }

        fn store_lp(&mut self, owner: AccountId, lp: &Lp) {
            if *lp == Lp::default() {
                self.lps.remove(owner);
            } else {
                self.lps.insert(owner, lp);
            }
        }

        /// Mints shares to `provider` for up to the given amounts (no token movement).
        fn mint(&mut self, provider: AccountId, asset_desired: u128, pairing_desired: u128) -> Result<(u128, u128, u128)> {
            if asset_desired == 0 || pairing_desired == 0 {
                return Err(VenueError::ZeroAmount);
            }
            if self.total_shares == 0 {
                // The first mint sets the price: only the admin (treasury/DAO) seeds a pool, so
                // nobody can front-run a reactor with a dust deposit at an arbitrary price.
                self.access.ensure_admin(provider)?;
            }
            let Reserves { asset: ra, pairing: rp } = self.reserves;
            let (asset, pairing, shares, locked) = pool::add_liquidity(asset_desired, pairing_desired, ra, rp, self.total_shares)
                .map_err(|_| VenueError::InsufficientLiquidity)?;
            if shares == 0 || asset == 0 || pairing == 0 {
                return Err(VenueError::InsufficientLiquidity);
            }
            self.update_oracle()?;
            let mut lp = self.settled(provider)?;
            lp.shares = lp.shares.checked_add(shares).ok_or(MathError::Overflow)?;
            self.store_lp(provider, &lp);
            self.total_shares = self
                .total_shares
                .checked_add(shares)
                .and_then(|t| t.checked_add(locked))
                .ok_or(MathError::Overflow)?;
            self.reserves = Reserves {
                asset: ra.checked_add(asset).ok_or(MathError::Overflow)?,
                pairing: rp.checked_add(pairing).ok_or(MathError::Overflow)?,
            };
            self.env().emit_event(LiquidityAdded { provider, asset, pairing, shares });
            Ok((asset, pairing, shares))
        }

        /// Burns `shares` of `provider` and returns their reserves (no token movement).
        fn burn(&mut self, provider: AccountId, shares: u128) -> Result<(u128, u128)> {
            if shares == 0 {
                return Err(VenueError::ZeroAmount);
            }
            let mut lp = self.settled(provider)?;
            lp.shares = lp.shares.checked_sub(shares).ok_or(VenueError::InsufficientShares)?;
            let Reserves { asset: ra, pairing: rp } = self.reserves;
            let (asset, pairing) = pool::share_of(shares, ra, rp, self.total_shares)?;
            self.update_oracle()?;
            self.store_lp(provider, &lp);
            self.total_shares = self.total_shares.checked_sub(shares).ok_or(MathError::Underflow)?;
            self.reserves = Reserves {
                asset: ra.checked_sub(asset).ok_or(MathError::Underflow)?,
                pairing: rp.checked_sub(pairing).ok_or(MathError::Underflow)?,
            };
            self.env().emit_event(LiquidityRemoved { provider, asset, pairing, shares });
            Ok((asset, pairing))
        }

        /// Extends the running sum to now at the current (pre-change) price, and samples it
        /// into the ring when the last sample is older than a quarter of the window.
        fn update_oracle(&mut self) -> Result<()> {
            let now = self.env().block_timestamp();
            let mut o = self.oracle;
            let elapsed = now.saturating_sub(o.last_update);
            if elapsed == 0 && o.filled > 0 {
                return Ok(());
            }
            let mut price = 0;
            if self.reserves.asset > 0 && self.reserves.pairing > 0 {
                price = oracle::log_price(self.reserves.asset, self.reserves.pairing)?;
                o.cumulative = oracle::accumulate(o.cumulative, price, elapsed);
            }
            let since = o.last_update;
            o.last_update = now;
            if o.filled == 0 || now.saturating_sub(o.last_observation) >= self.window_ms / 4 {
                self.observations.insert(o.next_slot, &Observation { timestamp: now, cumulative: o.cumulative, price, since });
                o.next_slot = o.next_slot.saturating_add(1) % oracle::SLOTS;
                o.filled = o.filled.saturating_add(1).min(oracle::SLOTS);
                o.last_observation = now;
            }
            self.oracle = o;
            Ok(())
        }

        /// Whether the observation ring reaches a window of `window` back now and at every
        /// later write: with samples taken at least `window / 4` apart from the last one, the
        /// `j`-th write into a full ring evicts the oldest, and the sample that becomes the
        /// oldest must still be a window old by then (at most 16 reads).
        fn ring_keeps_up(&self, window: u64) -> bool {
            let o = self.oracle;
            let now = self.env().block_timestamp();
            let step = window / 4;
            let free = u64::from(oracle::SLOTS.saturating_sub(o.filled));
            (0..o.filled).all(|j| {
                let Some(sample) = self.observations.get(oracle::slot(j, o.next_slot, o.filled)) else { return false };
                // When it becomes the oldest: now for the current oldest, else at the earliest
                // write that evicts the one before it.
                let when = if j == 0 { now } else { o.last_observation.saturating_add(step.saturating_mul(free.saturating_add(u64::from(j)))) };
                sample.timestamp.saturating_add(window) <= when
            }) && o.filled > 0
        }

        /// The geometric-mean price over the window ending now, 1e18. If no trade has moved
        /// the reserves within the window, the price held all through it and is the spot.
        /// Otherwise the mean runs from the window's start (read exactly where the price held
        /// across it, as after an idle spell) or from the sample just before it, never from
        /// more than two windows back (`OracleNotReady` then: only just after the window was
        /// shortened). A trade in this block moves nothing: the running sum is extended to now
        /// at the price before it.
        fn time_weighted_price(&self) -> Result<u128> {
            let now = self.env().block_timestamp();
            let o = self.oracle;
            let (asset, pairing) = (self.reserves.asset, self.reserves.pairing);
            let target = now.checked_sub(self.window_ms).ok_or(VenueError::OracleNotReady)?;
            if o.filled > 0 && o.last_update <= target {
                return pool::spot_price(asset, pairing).map_err(|_| VenueError::OracleNotReady);
            }
            let then = oracle::sum_at(target, o.next_slot, o.filled, |s| self.observations.get(s)).ok_or(VenueError::OracleNotReady)?;
            if now.saturating_sub(then.timestamp) > self.window_ms.saturating_mul(2) {
                return Err(VenueError::OracleNotReady);
            }
            let price = oracle::log_price(asset, pairing).map_err(|_| VenueError::OracleNotReady)?;
            let cumulative_now = oracle::accumulate(o.cumulative, price, now.saturating_sub(o.last_update));
            let mean = oracle::average(then, now, cumulative_now).ok_or(VenueError::OracleNotReady)?;
            // A mean within 2^-50 (about 1e-15) of the current price is that price, read exactly
            // from the reserves rather than through `2^mean` (exact to about 1e-18 only).
            if mean.abs_diff(price) <= oracle::SAME_PRICE {
                return pool::spot_price(asset, pairing).map_err(|_| VenueError::OracleNotReady);
            }
            Ok(laas_math::log::pow2_fixed(mean)?)
        }

        /// Refuses when spot is outside the band around the TWAP (an empty pool passes).
        fn ensure_spot_near_twap(&self) -> Result<()> {
            if self.reserves.asset == 0 || self.reserves.pairing == 0 {
                return Ok(());
            }
            let spot = pool::spot_price(self.reserves.asset, self.reserves.pairing)?;
            let twap = self.time_weighted_price()?;
            if !laas_math::within_bps(spot, twap, self.max_deviation_bps)? {
                return Err(VenueError::PriceDeviation);
            }
            Ok(())
        }

    }

    impl AccessControl for VenueAmm {
        /// Proposes the next admin, or withdraws the proposal (`None`). Admin only.
        #[ink(message)]
        fn propose_admin(&mut self, admin: Option<AccountId>) -> core::result::Result<(), AccessError> {
            self.access.propose_admin(self.env().caller(), admin)
        }

        /// Takes the admin role. Only the proposed account may call.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AccessError> {
            self.access.accept_admin(self.env().caller())
        }

        /// Sets the guardian (the venue has no roles of its own). Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            self.access.set_role(self.env().caller(), role, account, granted)
        }

        /// Pauses swaps, new liquidity and deployments; removals and fee collection keep working. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.unpause(self.env().caller())
        }

        /// Whether new exposure is paused. Anyone may call.
        #[ink(message)]
        fn paused(&self) -> bool {
            self.access.paused
        }

        /// Replaces this contract's code (storage stays; see `laas_access`). Admin only.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> core::result::Result<(), AccessError> {
            self.access.set_code_hash(self.env().caller(), code_hash)
        }
    }

    impl Roles for VenueAmm {
        /// Admin, pending admin and guardian. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            self.access.holders()
        }
    }

    impl Venue for VenueAmm {
        /// `(asset, pairing)` token addresses. Anyone may call.
        #[ink(message)]
        fn venue_tokens(&self) -> (AccountId, AccountId) {
            (self.asset, self.pairing)
        }

        /// Adds the caller's liquidity (no minimums: protected by the spot/TWAP band instead).
        /// Meant for reactors; anyone may call once the admin has seeded the pool.
        /// Errors: `Access(Paused | NotAdmin)`, `PriceDeviation`, `OracleNotReady`,
        /// `ZeroAmount`, `InsufficientLiquidity`, token errors.
        #[ink(message)]
        fn deploy(&mut self, asset: u128, pairing: u128) -> Result<(u128, u128)> {
            self.access.ensure_live()?;
            self.ensure_spot_near_twap()?;
            let owner = self.env().caller();
            let (asset, pairing, _) = self.mint(owner, asset, pairing)?;
            token::pull(self.asset, owner, asset)?;
            token::pull(self.pairing, owner, pairing)?;
            Ok((asset, pairing))
        }

        /// Removes `fraction_bps` of the caller's shares. No price band: a proportional
        /// withdrawal from skewed reserves is worth more, not less, at the true price, so it
        /// cannot be sandwiched, and an exit must never wait for the oracle.
        /// Errors: `InvalidFraction`, `ZeroAmount`.
        #[ink(message)]
        fn withdraw(&mut self, fraction_bps: u16) -> Result<(u128, u128)> {
            if u128::from(fraction_bps) > BPS {
                return Err(VenueError::InvalidFraction);
            }
            let owner = self.env().caller();
            let shares = mul_div(self.shares_of(owner), u128::from(fraction_bps), BPS, Rounding::Down)?;
            let (asset, pairing) = self.burn(owner, shares)?;
            token::push(self.asset, owner, asset)?;
            token::push(self.pairing, owner, pairing)?;
            Ok((asset, pairing))
        }

        /// `owner`'s share of the TWAP-fair reserves, and its worth in the asset.
        /// Errors: `OracleNotReady`.
        #[ink(message)]
        fn position_value(&self, owner: AccountId) -> Result<PositionValue> {
            let shares = self.shares_of(owner);
            if shares == 0 {
                return Ok(PositionValue::default());
            }
            let price = self.time_weighted_price()?;
            let (fair_asset, fair_pairing) = pool::fair_reserves(self.reserves.asset, self.reserves.pairing, price)?;
            let (asset, pairing) = pool::share_of(shares, fair_asset, fair_pairing, self.total_shares)?;
            let pairing_in_asset = mul_div(pairing, ONE, price, Rounding::Down)?;
            let in_asset = asset.checked_add(pairing_in_asset).ok_or(MathError::Overflow)?;
            Ok(PositionValue { asset, pairing, in_asset })
        }

        /// Pays the caller's accrued fees (as `collect`).
        #[ink(message)]
        fn collect_fees(&mut self) -> Result<(u128, u128)> {
            self.collect()
        }

        /// TWAP of the asset in the pairing token over at least the window, 1e18.
        /// Errors: `OracleNotReady` while the pool is younger than the window.
        #[ink(message)]
        fn twap(&self) -> Result<u128> {
            self.time_weighted_price()
        }
    }
}
