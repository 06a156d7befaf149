//! # Reactor
//!
//! The pool of one asset (SPEC §3.2, §3.3). Liquidity providers deposit the asset and receive
//! its tAsset, which this reactor instantiates and alone mints and burns. Liquidity directors'
//! TOKE stake collateralizes how much of the pool is deployed to venues; the treasury places
//! protocol-controlled value (PCV: TOKE as the pairing side, and asset reserves) alongside.
//!
//! * `deposit` mints tAssets 1:1, or `amount / NAV` once NAV has fallen below 1.
//! * `request_withdrawal` sets the holder's request, maturing at the next cycle (or the one
//!   after if a boundary has passed without a rollover); `withdraw` burns matured tAssets and
//!   pays `amount × NAV`. Transfers of tAssets shrink the sender's request (tAsset hook).
//! * `rollover` (anyone, once per cycle, catching up missed cycles) collects venue fees and
//!   splits them LP / LD / treasury, strikes NAV from time-weighted valuations, recalls
//!   liquidity for matured requests and the reserve buffer, and redeploys the rest by the
//!   venue weights, capped by `collateral × LD stake`.
//!
//! ## Accounting
//! * Holdings = idle asset + idle TOKE at the TWAP + venue positions at the TWAP. PCV is
//!   inside the holdings and is junior: NAV = `min(1, holdings / supply)` only falls below 1
//!   once PCV is gone. NAV is struck at rollover; `deposit` and `withdraw` also value the
//!   positions now (one call per venue, at most [`MAX_VENUES`]), other user messages call no
//!   venue, and nothing a user message does grows with the number of holders.
//! * Fee shares for LPs accrue per tAsset through an index; every balance change (deposit,
//!   withdraw, transfer through the hook) settles the holder first, so accrual is exact.
//! * Requests are bucketed by maturity cycle: a request only ever matures at `cycle + 1` or
//!   `cycle + 2`, so a rollover moves at most two buckets into the matured total.
//!
//! ## Invariants
//! * `supply` equals the tAsset's total supply and each holder's `balance` its tAsset balance.
//! * `matured + Σ queued == Σ holder.request`, and every `request ≤ balance`.
//! * The reactor's token balances ≥ `idle` + LP fees not yet claimed.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod ledger;

#[ink::contract]
pub mod reactor {
    use crate::ledger;
    use ink::codegen::TraitCallBuilder;
    use ink::contract_ref;
    use ink::prelude::{format, vec::Vec};
    use ink::storage::{Lazy, Mapping};
    use laas_access::Roles;
    use laas_cycles::{CycleError, Schedule};
    use laas_math::{add, apply_bps, mul_div, mul_fixed, ratio_fixed, sub, MathError, Rounding, BPS, ONE};
    use laas_traits::{
        AccessControl, AccessError, PSP22Error, PSP22Metadata, PositionValue, ReactorView, RoleHolders, StakeError, StakeSource, TAsset,
        TAssetError, TransferHook, TransferHookError, Venue, VenueError,
    };
    use laas_traits::call;
    use laas_traits::token::{self, TokenCallError};
    use tasset::tasset::TAssetTokenRef;

    /// Most venues one reactor deploys to (SPEC §2: bounded loops).
    pub const MAX_VENUES: usize = 8;

    /// Errors of the reactor.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[allow(clippy::cast_possible_truncation)]
    pub enum ReactorError {
        /// A role check failed, or deposits are paused.
        Access(AccessError),
        /// A venue refused.
        Venue(VenueError),
        /// The tAsset refused to mint or burn.
        TAsset(TAssetError),
        /// A token transfer failed.
        PSP22(PSP22Error),
        /// Arithmetic overflow or division by zero.
        Math(MathError),
        /// The cycle schedule refused (e.g. `TooEarly`: this cycle has already rolled over).
        Cycle(CycleError),
        /// LD staking refused the rewards.
        Stake(StakeError),
        /// A zero amount was given, or it would mint nothing.
        ZeroAmount,
        /// The deposit would take the tAsset supply over the deposit cap.
        CapExceeded,
        /// The request is larger than the caller's tAsset balance.
        InsufficientBalance,
        /// The caller has no matured withdrawal request.
        NotMatured,
        /// More than the matured request was asked.
        ExceedsRequest,
        /// Not enough idle asset (or TOKE) in the reactor for this payment.
        InsufficientLiquidity,
        /// NAV is 0: nothing can be minted against the pool.
        Insolvent,
        /// Only the treasury may place or withdraw PCV.
        NotTreasury,
        /// Fee shares, reserve buffer or tokens are out of range.
        InvalidConfig,
        /// Too many venues, duplicate venues, weights above 10,000 bps, or a venue trading
        /// other tokens.
        InvalidVenues,
        /// A venue being removed still holds part of the reactor's liquidity.
        VenueInUse,
        /// Withdrawing this PCV would leave LP claims or reserved withdrawals uncovered.
        WouldUncoverLps,
        /// The asset does not publish a symbol.
        AssetMetadata,
        /// Only a genesis reactor may carry an emission multiplier above 1×.
        NotGenesis,
        /// A cross-contract call could not be made (missing contract, trap, bad reply).
        CallFailed,
    }

    /// `From<E> for ReactorError` for each error a reactor passes on wrapped in a variant.
    macro_rules! wrap_errors {
        ($($error:ty => $variant:ident),* $(,)?) => {$(
            impl From<$error> for ReactorError {
                fn from(e: $error) -> Self {
                    ReactorError::$variant(e)
                }
            }
        )*};
    }
    wrap_errors!(
        MathError => Math,
        AccessError => Access,
        VenueError => Venue,
        TAssetError => TAsset,
        PSP22Error => PSP22,
        StakeError => Stake,
        CycleError => Cycle,
    );
    impl From<TokenCallError> for ReactorError {
        fn from(e: TokenCallError) -> Self {
            match e {
                TokenCallError::Token(e) => ReactorError::PSP22(e),
                TokenCallError::CallFailed => ReactorError::CallFailed,
            }
        }
    }

    /// Results of this contract's messages.
    pub type Result<T> = core::result::Result<T, ReactorError>;

    /// An amount of the asset and of the pairing token (TOKE).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Pair {
        /// The reactor's asset.
        pub asset: u128,
        /// The pairing token.
        pub pairing: u128,
    }

    impl Pair {
        fn plus(self, asset: u128, pairing: u128) -> Result<Pair> {
            Ok(Pair { asset: add(self.asset, asset)?, pairing: add(self.pairing, pairing)? })
        }
        fn minus(self, asset: u128, pairing: u128) -> Result<Pair> {
            Ok(Pair { asset: sub(self.asset, asset)?, pairing: sub(self.pairing, pairing)? })
        }
    }

    /// Governance parameters.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Config {
        /// Receives the protocol's fee share; the only account that places and withdraws PCV.
        pub treasury: AccountId,
        /// Receives the liquidity directors' fee share (LD staking, once deployed).
        pub ld_recipient: AccountId,
        /// Largest tAsset supply deposits may reach.
        pub deposit_cap: u128,
        /// LPs' share of venue fees, bps.
        pub lp_fee_bps: u16,
        /// Liquidity directors' share of venue fees, bps. The treasury takes the rest.
        pub ld_fee_bps: u16,
        /// Idle buffer kept out of venues, bps of the tAsset supply.
        pub reserve_bps: u16,
        /// Deployment cap as a multiple of the LD stake's value, bps (20,000 = 2×).
        pub collateral_bps: u32,
    }

    impl Config {
        fn validate(&self) -> Result<()> {
            let fees = u128::from(self.lp_fee_bps).saturating_add(u128::from(self.ld_fee_bps));
            if fees > BPS || u128::from(self.reserve_bps) > BPS {
                return Err(ReactorError::InvalidConfig);
            }
            Ok(())
        }
    }

    /// Where the LD stake that collateralizes deployments is read from.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[allow(clippy::cast_possible_truncation)]
    pub enum Collateral {
        /// A TOKE amount set by the admin (before LD staking exists).
        Fixed(u128),
        /// A [`StakeSource`] contract (LD staking), asked at every rollover.
        Source(AccountId),
    }

    /// TOKE emissions to this reactor's LPs and LDs (SPEC §3.4).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Emissions {
        /// TOKE emitted per cycle when LD stake and LP assets are balanced.
        pub rate: u128,
        /// Target ratio `R*` of LD stake value to LP value, 1e18 (default 1.0).
        pub target_ratio: u128,
        /// Multiplier of the rate for a genesis reactor, bps (20,000 = 2×; below 10,000 counts
        /// as 1×). Above 10,000 only on a genesis reactor.
        pub genesis_multiplier_bps: u32,
        /// The multiplier applies to rollovers into cycles up to this one.
        pub genesis_until: u32,
    }

    /// A venue and the share of deployable liquidity it receives.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct VenueSlot {
        /// The venue contract (implements [`Venue`]).
        pub venue: AccountId,
        /// Its weight, bps; weights add up to at most 10,000 (the rest stays idle).
        pub weight_bps: u16,
    }

    /// One tAsset holder's accounting.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Holder {
        /// tAsset balance (mirrors the tAsset: mint, burn and the transfer hook keep it).
        pub balance: u128,
        /// Pending or matured withdrawal request, in tAssets.
        pub request: u128,
        /// Cycle from which the request can be withdrawn (0 without a request).
        pub maturity: u32,
        /// Fee index when this holder was last settled.
        pub index: Pair,
        /// Settled LP fees not yet claimed.
        pub owed: Pair,
    }

    /// The reactor's books, for dapps.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct State {
        /// The cycle last rolled into.
        pub cycle: u32,
        /// When the next rollover becomes possible, ms.
        pub next_rollover_ms: u64,
        /// NAV per tAsset struck at the last rollover, 1e18.
        pub nav: u128,
        /// tAssets in existence.
        pub supply: u128,
        /// Asset and TOKE held idle in the reactor (PCV included, LP fees excluded).
        pub idle: Pair,
        /// Matured withdrawal requests not yet withdrawn, tAssets.
        pub matured: u128,
        /// LP fee and reward index (per tAsset, 1e18).
        pub fee_index: Pair,
        /// TOKE left in the emission budget.
        pub emission_budget: u128,
    }

    /// Asset deposited, tAssets minted.
    #[ink(event)]
    pub struct Deposited {
        /// The depositor.
        #[ink(topic)]
        pub account: AccountId,
        /// Asset pulled in.
        pub amount: u128,
        /// tAssets minted.
        pub minted: u128,
    }

    /// A withdrawal request was set, replaced, cancelled (amount 0) or shrunk by a transfer.
    #[ink(event)]
    pub struct WithdrawalRequested {
        /// The holder.
        #[ink(topic)]
        pub account: AccountId,
        /// The request now, tAssets.
        pub amount: u128,
        /// The cycle it matures at.
        pub maturity: u32,
    }

    /// tAssets burnt, asset paid.
    #[ink(event)]
    pub struct Withdrawn {
        /// The holder.
        #[ink(topic)]
        pub account: AccountId,
        /// tAssets burnt.
        pub burnt: u128,
        /// Asset paid (`burnt × NAV`).
        pub paid: u128,
    }

    /// A holder claimed LP fees.
    #[ink(event)]
    pub struct FeesClaimed {
        /// The holder.
        #[ink(topic)]
        pub account: AccountId,
        /// Fees paid.
        pub fees: Pair,
    }

    /// A rollover completed.
    #[ink(event)]
    pub struct RolledOver {
        /// The cycle rolled into.
        #[ink(topic)]
        pub cycle: u32,
        /// NAV struck, 1e18.
        pub nav: u128,
        /// Holdings valued in the asset at time-weighted prices.
        pub holdings: u128,
        /// tAssets in existence.
        pub supply: u128,
        /// Asset the venues may hold after this rollover.
        pub deployable: u128,
    }

    /// Venue fees collected at a rollover and how they were shared.
    #[ink(event)]
    pub struct FeesDistributed {
        /// Credited to tAsset holders.
        pub lp: Pair,
        /// Sent to the LD recipient.
        pub ld: Pair,
        /// Sent to the treasury.
        pub treasury: Pair,
    }

    /// TOKE emitted at a rollover.
    #[ink(event)]
    pub struct Emitted {
        /// Emission offered this rollover (rate × cycles × multiplier, capped by the budget).
        pub offered: u128,
        /// Credited to tAsset holders.
        pub lp: u128,
        /// Paid to liquidity directors.
        pub ld: u128,
        /// Budget left.
        pub budget: u128,
    }

    /// The treasury funded emissions.
    #[ink(event)]
    pub struct EmissionsFunded {
        /// TOKE added.
        pub amount: u128,
        /// Budget now.
        pub budget: u128,
    }

    /// Emission parameters changed.
    #[ink(event)]
    pub struct EmissionsChanged {
        /// The new parameters.
        pub emissions: Emissions,
    }

    /// Liquidity moved into a venue.
    #[ink(event)]
    pub struct Deployed {
        /// The venue.
        #[ink(topic)]
        pub venue: AccountId,
        /// Amounts added.
        pub amounts: Pair,
    }

    /// Liquidity pulled back from a venue.
    #[ink(event)]
    pub struct Recalled {
        /// The venue.
        #[ink(topic)]
        pub venue: AccountId,
        /// Amounts received.
        pub amounts: Pair,
    }

    /// A venue refused a step of the rollover; the rollover went on without it.
    #[ink(event)]
    pub struct VenueSkipped {
        /// The venue.
        #[ink(topic)]
        pub venue: AccountId,
        /// Why.
        pub error: ReactorError,
    }

    /// The treasury placed (`placed = true`) or withdrew PCV.
    #[ink(event)]
    pub struct PcvMoved {
        /// Direction.
        pub placed: bool,
        /// Amounts.
        pub amounts: Pair,
    }

    /// Parameters changed.
    #[ink(event)]
    pub struct ConfigChanged {
        /// The new parameters.
        pub config: Config,
    }

    /// The collateral source changed.
    #[ink(event)]
    pub struct CollateralChanged {
        /// The new source.
        pub collateral: Collateral,
    }

    /// The venue list changed.
    #[ink(event)]
    pub struct VenuesChanged {
        /// The new list.
        pub venues: Vec<VenueSlot>,
    }

    /// The reactor.
    #[ink(storage)]
    pub struct Reactor {
        /// The asset LPs deposit.
        asset: AccountId,
        /// The pairing token (TOKE) placed by the treasury.
        pairing: AccountId,
        /// This reactor's tAsset (its minter is this reactor).
        tasset: AccountId,
        /// The global cycle schedule, copied from the factory at creation.
        schedule: Schedule,
        /// The cycle last rolled into.
        cycle: u32,
        /// NAV per tAsset struck at the last rollover, 1e18.
        nav: u128,
        /// tAssets in existence.
        supply: u128,
        /// Asset and TOKE held idle (PCV included; LP fees not yet claimed excluded).
        idle: Pair,
        /// LP fees per tAsset since creation, 1e18.
        fee_index: Pair,
        /// Matured withdrawal requests not yet withdrawn, tAssets.
        matured: u128,
        /// Pending requests by maturity cycle, tAssets.
        queued: Mapping<u32, u128>,
        /// Holders' accounting.
        holders: Mapping<AccountId, Holder>,
        /// Governance parameters (admin-set).
        config: Lazy<Config>,
        /// Where the LD stake is read from (admin-set).
        collateral: Lazy<Collateral>,
        /// Venues and weights (admin-set; ≤ [`MAX_VENUES`]). The first venue prices TOKE.
        venues: Lazy<Vec<VenueSlot>>,
        /// Emission parameters (admin-set; none until set).
        emissions: Lazy<Emissions>,
        /// TOKE funded by the treasury for emissions and not emitted yet.
        emission_budget: u128,
        /// Whether the factory created this as a genesis reactor (SPEC §3.4: only these may
        /// carry accelerated emissions). Fixed at instantiation.
        genesis: bool,
        /// Admin (parameters, venues, unpause) and guardian (pause deposits).
        roles: Roles,
    }

    impl Reactor {
        /// A reactor for `asset` paired with `pairing`, instantiating its tAsset from
        /// `tasset_code_hash` as `t<SYMBOL>` with the asset's decimals. Normally called by the
        /// factory, which passes its genesis flag; `admin` receives the admin role.
        /// Errors: `InvalidConfig`, `AssetMetadata` (the asset has no symbol), `CallFailed`.
        #[ink(constructor)]
        pub fn new(
            asset: AccountId,
            pairing: AccountId,
            tasset_code_hash: Hash,
            schedule: Schedule,
            config: Config,
            genesis: bool,
            admin: AccountId,
        ) -> Result<Self> {
            config.validate()?;
            if asset == pairing {
                return Err(ReactorError::InvalidConfig);
            }
            let metadata: contract_ref!(PSP22Metadata) = asset.into();
            let symbol = call::infallible(metadata.call().token_symbol().try_invoke(), ReactorError::CallFailed)?.ok_or(ReactorError::AssetMetadata)?;
            let name = call::infallible(metadata.call().token_name().try_invoke(), ReactorError::CallFailed)?.unwrap_or_else(|| symbol.clone());
            let decimals = call::infallible(metadata.call().token_decimals().try_invoke(), ReactorError::CallFailed)?;
            let tasset = TAssetTokenRef::new(format!("t{name}"), format!("t{symbol}"), decimals)
                .code_hash(tasset_code_hash)
                .endowment(0)
                .salt_bytes(AsRef::<[u8]>::as_ref(&asset))
                .try_instantiate();
            let tasset = match tasset {
                Ok(Ok(t)) => ink::ToAccountId::to_account_id(&t),
                _ => return Err(ReactorError::CallFailed),
            };
            let cycle = match schedule.index_at(Self::env().block_timestamp()) {
                Ok(index) => index,
                Err(CycleError::BeforeGenesis) => 0,
                Err(e) => return Err(e.into()),
            };
            let mut stored_config = Lazy::new();
            stored_config.set(&config);
            let mut collateral = Lazy::new();
            collateral.set(&Collateral::Fixed(0));
            Ok(Self {
                asset,
                pairing,
                tasset,
                schedule,
                cycle,
                nav: ONE,
                supply: 0,
                idle: Pair::default(),
                fee_index: Pair::default(),
                matured: 0,
                queued: Mapping::new(),
                holders: Mapping::new(),
                config: stored_config,
                collateral,
                venues: Lazy::new(),
                emissions: Lazy::new(),
                emission_budget: 0,
                genesis,
                roles: Roles::new(admin),
            })
        }

        // ---- liquidity providers ----------------------------------------------------------

        /// Pulls `amount` of the asset from the caller (who approved this reactor) and mints
        /// tAssets: 1:1, or `amount / NAV` below NAV 1, NAV valued now at the venues' TWAPs (the
        /// NAV struck at the last rollover while no valuation can be made). Anyone may call;
        /// blocked by pause. Errors: `Access(Paused)`, `ZeroAmount`, `Insolvent`, `CapExceeded`,
        /// token errors.
        #[ink(message)]
        pub fn deposit(&mut self, amount: u128) -> Result<u128> {
            self.roles.ensure_live()?;
            if amount == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            // Minting at NAV ≤ 1 gives at least `amount`: refuse an over-cap deposit before
            // paying for the valuation.
            let cap = self.config().deposit_cap;
            if add(self.supply, amount)? > cap {
                return Err(ReactorError::CapExceeded);
            }
            // Valued now, not at the last rollover: new money neither pays for losses since
            // then nor buys into a recovery at the old price. Only while no valuation can be
            // made (a venue younger than its TWAP window, or one failing until it is written
            // off) does the struck NAV serve.
            let nav = self.nav_now().unwrap_or(self.nav);
            if nav == 0 {
                return Err(ReactorError::Insolvent);
            }
            let minted = ledger::minted_for(amount, nav)?;
            if minted == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            let supply = add(self.supply, minted)?;
            if supply > cap {
                return Err(ReactorError::CapExceeded);
            }
            let account = self.env().caller();
            let mut holder = self.settled(account)?;
            holder.balance = add(holder.balance, minted)?;
            self.holders.insert(account, &holder);
            self.supply = supply;
            self.idle = self.idle.plus(amount, 0)?;
            token::pull(self.asset, account, amount)?;
            let mut tasset: contract_ref!(TAsset) = self.tasset.into();
            call::fallible(tasset.call_mut().mint(account, minted).try_invoke(), ReactorError::CallFailed)?;
            self.env().emit_event(Deposited { account, amount, minted });
            Ok(minted)
        }

        /// Sets the caller's withdrawal request to `amount` tAssets (0 cancels), replacing any
        /// earlier one. It matures at the next cycle, or the one after if the boundary has
        /// passed and the rollover has not run. Anyone may call; never paused.
        /// Errors: `InsufficientBalance` (more than the caller holds).
        #[ink(message)]
        pub fn request_withdrawal(&mut self, amount: u128) -> Result<u32> {
            let account = self.env().caller();
            let mut holder = self.holders.get(account).unwrap_or_default();
            if amount > holder.balance {
                return Err(ReactorError::InsufficientBalance);
            }
            self.unqueue(&holder, holder.request)?;
            let maturity = if amount == 0 { 0 } else { self.maturity()? };
            if amount > 0 {
                let bucket = self.queued.get(maturity).unwrap_or(0);
                self.queued.insert(maturity, &add(bucket, amount)?);
            }
            holder.request = amount;
            holder.maturity = maturity;
            self.store(account, &holder);
            self.env().emit_event(WithdrawalRequested { account, amount, maturity });
            Ok(maturity)
        }

        /// Burns `amount` of the caller's matured request and pays `amount × NAV` of the asset
        /// (the lower of the NAV struck at the rollover and the NAV now). Anyone may call; works
        /// while paused.
        /// Errors: `ZeroAmount`, `NotMatured`, `ExceedsRequest`, `InsufficientLiquidity` (the
        /// last rollover could not recall enough; the next one will).
        #[ink(message)]
        pub fn withdraw(&mut self, amount: u128) -> Result<u128> {
            if amount == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            let account = self.env().caller();
            let mut holder = self.settled(account)?;
            if holder.request == 0 || holder.maturity > self.cycle {
                return Err(ReactorError::NotMatured);
            }
            if amount > holder.request {
                return Err(ReactorError::ExceedsRequest);
            }
            // The lower of the struck and the live NAV, so exits never take more than their
            // share of losses since the rollover; the struck NAV if no valuation can be made.
            let nav = self.nav_now().map_or(self.nav, |live| live.min(self.nav));
            let paid = ledger::paid_for(amount, nav)?;
            if paid > self.idle.asset {
                return Err(ReactorError::InsufficientLiquidity);
            }
            holder.balance = holder.balance.checked_sub(amount).ok_or(ReactorError::InsufficientBalance)?;
            holder.request = sub(holder.request, amount)?;
            if holder.request == 0 {
                holder.maturity = 0;
            }
            self.store(account, &holder);
            self.matured = sub(self.matured, amount)?;
            self.supply = sub(self.supply, amount)?;
            self.idle = self.idle.minus(paid, 0)?;
            let mut tasset: contract_ref!(TAsset) = self.tasset.into();
            call::fallible(tasset.call_mut().burn(account, amount).try_invoke(), ReactorError::CallFailed)?;
            token::push(self.asset, account, paid)?;
            self.env().emit_event(Withdrawn { account, burnt: amount, paid });
            Ok(paid)
        }

        /// Pays the caller's LP fees (asset and TOKE). Anyone may call; never paused.
        #[ink(message)]
        pub fn claim_fees(&mut self) -> Result<Pair> {
            let account = self.env().caller();
            let mut holder = self.settled(account)?;
            let fees = holder.owed;
            holder.owed = Pair::default();
            self.store(account, &holder);
            self.push_pair(account, fees.asset, fees.pairing)?;
            self.env().emit_event(FeesClaimed { account, fees });
            Ok(fees)
        }

        // ---- the cycle ------------------------------------------------------------------

        /// Rolls into the cycle the clock is in (catching up missed ones): matures requests,
        /// collects and shares venue fees, strikes NAV, recalls liquidity for matured requests
        /// and the buffer, and redeploys by weight (not while paused). Anyone may call, once
        /// per cycle. A venue that refuses a collect, recall or deploy is skipped with
        /// [`VenueSkipped`]; valuation failures abort (NAV is never struck on a guess).
        /// Errors: `Cycle(TooEarly | BeforeGenesis)`, `Venue(OracleNotReady)`.
        #[ink(message)]
        pub fn rollover(&mut self) -> Result<u32> {
            let previous = self.cycle;
            let cycle = self.schedule.rollover(previous, self.env().block_timestamp())?;
            // Requests only ever mature one or two cycles after the last rollover.
            let mut matured = self.queued.take(previous.saturating_add(1)).unwrap_or(0);
            if cycle >= previous.saturating_add(2) {
                matured = add(matured, self.queued.take(previous.saturating_add(2)).unwrap_or(0))?;
            }
            self.matured = add(self.matured, matured)?;
            self.cycle = cycle;

            let config = self.config();
            let collateral = self.get_collateral();
            let venues = self.venues.get().unwrap_or_default();
            let fees = self.collect_venue_fees(&venues)?;
            let (positions, price, holdings) = self.valuation(&venues)?;
            self.nav = ledger::nav(holdings, self.supply)?;

            // Fees and emissions: LPs through the per-tAsset index, LDs paid below.
            let ld_fees = self.distribute(fees, &config)?;
            let stake = self.ld_stake(&collateral)?;
            let stake_value = match price {
                Some(p) => ratio_fixed(stake, p, Rounding::Down)?,
                None => 0,
            };
            let cycles = cycle.saturating_sub(previous);
            let ld_emission = if price.is_some() { self.emit(cycle, cycles, stake_value)? } else { 0 };
            self.pay_lds(&collateral, stake, &config, ld_fees.asset, add(ld_fees.pairing, ld_emission)?)?;

            let weights = self.weights(&venues, &collateral)?;
            let withheld = self.withheld(&config)?;
            let in_venues = positions.iter().try_fold(0u128, |sum, p| add(sum, p.asset))?;
            let controlled = add(self.idle.asset, in_venues)?;
            let cap = apply_bps(stake_value, u128::from(config.collateral_bps), Rounding::Down)?;
            let deployable = controlled.saturating_sub(withheld).min(cap);
            self.rebalance(&venues, &weights, &positions, deployable, withheld, price)?;
            self.env().emit_event(RolledOver { cycle, nav: self.nav, holdings, supply: self.supply, deployable });
            Ok(cycle)
        }

        // ---- treasury -------------------------------------------------------------------

        /// Places PCV: pulls `asset` and `pairing` (TOKE) from the treasury into the reactor's
        /// idle holdings, as junior capital and the pairing side. Treasury only.
        /// Errors: `NotTreasury`, `ZeroAmount`, token errors.
        #[ink(message)]
        pub fn place_pcv(&mut self, asset: u128, pairing: u128) -> Result<()> {
            let treasury = self.ensure_treasury()?;
            if asset == 0 && pairing == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            self.idle = self.idle.plus(asset, pairing)?;
            token::pull(self.asset, treasury, asset)?;
            token::pull(self.pairing, treasury, pairing)?;
            self.env().emit_event(PcvMoved { placed: true, amounts: Pair { asset, pairing } });
            Ok(())
        }

        /// Returns PCV surplus to the treasury from idle holdings, only while the holdings
        /// left (at time-weighted prices) still cover every tAsset and the idle asset left
        /// covers matured requests and the buffer. Treasury only.
        /// Errors: `NotTreasury`, `ZeroAmount`, `InsufficientLiquidity`, `WouldUncoverLps`.
        #[ink(message)]
        pub fn withdraw_pcv(&mut self, asset: u128, pairing: u128) -> Result<()> {
            let treasury = self.ensure_treasury()?;
            if asset == 0 && pairing == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            self.idle = self.idle.minus(asset, pairing).map_err(|_| ReactorError::InsufficientLiquidity)?;
            let venues = self.venues.get().unwrap_or_default();
            let (_, _, holdings) = self.valuation(&venues)?;
            let config = self.config();
            if holdings < self.supply || self.idle.asset < self.withheld(&config)? {
                return Err(ReactorError::WouldUncoverLps);
            }
            self.push_pair(treasury, asset, pairing)?;
            self.env().emit_event(PcvMoved { placed: false, amounts: Pair { asset, pairing } });
            Ok(())
        }

        /// Adds `amount` TOKE (approved) from the treasury to the emission budget. Treasury
        /// only. Errors: `NotTreasury`, `ZeroAmount`, token errors.
        #[ink(message)]
        pub fn fund_emissions(&mut self, amount: u128) -> Result<()> {
            let treasury = self.ensure_treasury()?;
            if amount == 0 {
                return Err(ReactorError::ZeroAmount);
            }
            self.emission_budget = add(self.emission_budget, amount)?;
            token::pull(self.pairing, treasury, amount)?;
            self.env().emit_event(EmissionsFunded { amount, budget: self.emission_budget });
            Ok(())
        }

        // ---- administration -------------------------------------------------------------

        /// Replaces the parameters. Admin only. Errors: `Access(NotAdmin)`, `InvalidConfig`.
        #[ink(message)]
        pub fn set_config(&mut self, config: Config) -> Result<()> {
            self.ensure_admin()?;
            config.validate()?;
            self.config.set(&config);
            self.env().emit_event(ConfigChanged { config });
            Ok(())
        }

        /// Sets where the LD stake is read from. Admin only (LD staking, once deployed).
        /// Errors: `Access(NotAdmin)`.
        #[ink(message)]
        pub fn set_collateral(&mut self, collateral: Collateral) -> Result<()> {
            self.ensure_admin()?;
            self.collateral.set(&collateral);
            self.env().emit_event(CollateralChanged { collateral });
            Ok(())
        }

        /// Sets the emission parameters. Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidConfig` (a zero target ratio), `NotGenesis` (a
        /// multiplier above 1× on a reactor the factory did not create as a genesis reactor).
        #[ink(message)]
        pub fn set_emissions(&mut self, emissions: Emissions) -> Result<()> {
            self.ensure_admin()?;
            if emissions.target_ratio == 0 {
                return Err(ReactorError::InvalidConfig);
            }
            if emissions.genesis_multiplier_bps > 10_000 && !self.genesis {
                return Err(ReactorError::NotGenesis);
            }
            self.emissions.set(&emissions);
            self.env().emit_event(EmissionsChanged { emissions });
            Ok(())
        }

        /// Replaces the venues and their weights; the first venue prices TOKE. Each venue must
        /// trade this reactor's asset against its pairing token; a venue may only leave the
        /// list once the reactor holds nothing in it (weight it 0 and roll over first).
        /// Admin only. Errors: `Access(NotAdmin)`, `InvalidVenues`, `VenueInUse`.
        #[ink(message)]
        pub fn set_venues(&mut self, venues: Vec<VenueSlot>) -> Result<()> {
            self.ensure_admin()?;
            if venues.len() > MAX_VENUES {
                return Err(ReactorError::InvalidVenues);
            }
            let mut total: u128 = 0;
            for (i, slot) in venues.iter().enumerate() {
                total = add(total, u128::from(slot.weight_bps))?;
                let duplicate = venues.iter().skip(i.saturating_add(1)).any(|other| other.venue == slot.venue);
                let venue: contract_ref!(Venue) = slot.venue.into();
                let tokens = call::infallible(venue.call().venue_tokens().try_invoke(), ReactorError::CallFailed);
                if duplicate || tokens != Ok((self.asset, self.pairing)) {
                    return Err(ReactorError::InvalidVenues);
                }
            }
            if total > BPS {
                return Err(ReactorError::InvalidVenues);
            }
            let me = self.env().account_id();
            for old in self.venues.get().unwrap_or_default() {
                if venues.iter().all(|slot| slot.venue != old.venue) && self.venue_value(old.venue, me)?.in_asset > 0 {
                    return Err(ReactorError::VenueInUse);
                }
            }
            self.venues.set(&venues);
            self.env().emit_event(VenuesChanged { venues });
            Ok(())
        }

        /// Drops `venue` from the list without recalling or valuing its position: the way out
        /// for a venue that fails for good (its position is written off, which lowers NAV at
        /// the next rollover; PCV absorbs it first). Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidVenues` (not in the list).
        #[ink(message)]
        pub fn write_off_venue(&mut self, venue: AccountId) -> Result<()> {
            self.ensure_admin()?;
            let mut venues = self.venues.get().unwrap_or_default();
            let before = venues.len();
            venues.retain(|slot| slot.venue != venue);
            if venues.len() == before {
                return Err(ReactorError::InvalidVenues);
            }
            self.venues.set(&venues);
            self.env().emit_event(VenuesChanged { venues });
            Ok(())
        }

        // ---- queries --------------------------------------------------------------------

        /// The books: cycle, next rollover time, NAV, supply, idle holdings, matured requests,
        /// fee index. Anyone may call.
        #[ink(message)]
        pub fn state(&self) -> State {
            State {
                cycle: self.cycle,
                next_rollover_ms: self.schedule.start_of(self.cycle.saturating_add(1)).unwrap_or(u64::MAX),
                nav: self.nav,
                supply: self.supply,
                idle: self.idle,
                matured: self.matured,
                fee_index: self.fee_index,
                emission_budget: self.emission_budget,
            }
        }

        /// NAV per tAsset valued now at the venues' TWAPs, 1e18: what a deposit mints at (a
        /// withdrawal pays the lower of this and the struck NAV). Anyone may call.
        /// Errors: `Venue(..)` when a valuation cannot be made.
        #[ink(message)]
        pub fn nav_now(&self) -> Result<u128> {
            let venues = self.venues.get().unwrap_or_default();
            let (_, _, holdings) = self.valuation(&venues)?;
            Ok(ledger::nav(holdings, self.supply)?)
        }

        /// `account`'s balance, request and fees, with fees accrued up to now. Anyone may call.
        #[ink(message)]
        pub fn holder(&self, account: AccountId) -> Result<Holder> {
            self.settled(account)
        }

        /// Requests maturing at `cycle` that have not matured yet, tAssets. Anyone may call.
        #[ink(message)]
        pub fn queued(&self, cycle: u32) -> u128 {
            self.queued.get(cycle).unwrap_or(0)
        }

        /// Whether this is a genesis reactor (may carry accelerated emissions). Anyone may call.
        #[ink(message)]
        pub fn is_genesis(&self) -> bool {
            self.genesis
        }

        /// `(asset, pairing, tasset)`. Anyone may call.
        #[ink(message)]
        pub fn tokens(&self) -> (AccountId, AccountId, AccountId) {
            (self.asset, self.pairing, self.tasset)
        }

        /// The parameters. Anyone may call.
        #[ink(message)]
        pub fn get_config(&self) -> Config {
            self.config()
        }

        /// The collateral source. Anyone may call.
        #[ink(message)]
        pub fn get_collateral(&self) -> Collateral {
            self.collateral.get().unwrap_or(Collateral::Fixed(0))
        }

        /// The venues and weights. Anyone may call.
        #[ink(message)]
        pub fn get_venues(&self) -> Vec<VenueSlot> {
            self.venues.get().unwrap_or_default()
        }

        /// The cycle schedule. Anyone may call.
        #[ink(message)]
        pub fn schedule(&self) -> Schedule {
            self.schedule
        }

        // ---- internals ------------------------------------------------------------------

        fn config(&self) -> Config {
            // Set by the constructor and only ever replaced.
            self.config.get().unwrap_or(Config {
                treasury: self.roles.admin,
                ld_recipient: self.roles.admin,
                deposit_cap: 0,
                lp_fee_bps: 0,
                ld_fee_bps: 0,
                reserve_bps: 0,
                collateral_bps: 0,
            })
        }

        fn ensure_admin(&self) -> Result<()> {
            Ok(self.roles.ensure_admin(self.env().caller())?)
        }

        fn ensure_treasury(&self) -> Result<AccountId> {
            let caller = self.env().caller();
            if caller != self.config().treasury {
                return Err(ReactorError::NotTreasury);
            }
            Ok(caller)
        }

        /// The cycle a request made now matures at.
        fn maturity(&self) -> Result<u32> {
            match self.schedule.maturity(self.cycle, self.env().block_timestamp()) {
                Err(CycleError::BeforeGenesis) => Ok(self.cycle.saturating_add(1)),
                other => Ok(other?),
            }
        }

        /// Takes `amount` of `holder`'s request out of its maturity bucket (or the matured
        /// total).
        fn unqueue(&mut self, holder: &Holder, amount: u128) -> Result<()> {
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

        fn store(&mut self, account: AccountId, holder: &Holder) {
            if *holder == Holder::default() {
                self.holders.remove(account);
            } else {
                self.holders.insert(account, holder);
            }
        }

        /// `account`'s record with fees accrued on its balance moved into `owed`.
        fn settled(&self, account: AccountId) -> Result<Holder> {
            let mut holder = self.holders.get(account).unwrap_or_default();
            self.settle(&mut holder)?;
            Ok(holder)
        }

        fn settle(&self, holder: &mut Holder) -> Result<()> {
            let accrued_asset = ledger::accrued(holder.balance, holder.index.asset, self.fee_index.asset)?;
            let accrued_pairing = ledger::accrued(holder.balance, holder.index.pairing, self.fee_index.pairing)?;
            holder.owed = holder.owed.plus(accrued_asset, accrued_pairing)?;
            holder.index = self.fee_index;
            Ok(())
        }

        /// Settles both sides of a tAsset transfer at the balances the tAsset reported, moves
        /// the mirrored balances and shrinks the sender's request to what it keeps.
        fn move_claims(&mut self, from: AccountId, to: AccountId, amount: u128, from_balance: u128, to_balance: u128) -> Result<()> {
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
        fn withheld(&self, config: &Config) -> Result<u128> {
            let claims = add(self.matured, self.queued(self.cycle.saturating_add(1)))?;
            let reserved = ledger::paid_for(claims, self.nav)?;
            let buffer = apply_bps(self.supply, u128::from(config.reserve_bps), Rounding::Up)?;
            Ok(add(reserved, buffer)?)
        }

        /// Venue positions, the TOKE price (asset in TOKE, 1e18, from the first venue) and the
        /// holdings valued in the asset.
        fn valuation(&self, venues: &[VenueSlot]) -> Result<(Vec<PositionValue>, Option<u128>, u128)> {
            let me = self.env().account_id();
            let mut positions = Vec::with_capacity(venues.len());
            let mut holdings = self.idle.asset;
            for slot in venues {
                let value = self.venue_value(slot.venue, me)?;
                holdings = add(holdings, value.in_asset)?;
                positions.push(value);
            }
            let price = match venues.first() {
                None => None,
                Some(first) => {
                    let venue: contract_ref!(Venue) = first.venue.into();
                    match call::fallible(venue.call().twap().try_invoke(), ReactorError::CallFailed) {
                        Ok(p) if p > 0 => Some(p),
                        // A young pool has no TWAP yet; that only matters once TOKE is held.
                        Err(ReactorError::Venue(VenueError::OracleNotReady)) if self.idle.pairing == 0 => None,
                        Ok(_) => return Err(MathError::DivisionByZero.into()),
                        Err(e) => return Err(e),
                    }
                }
            };
            if let Some(p) = price {
                holdings = add(holdings, mul_div(self.idle.pairing, ONE, p, Rounding::Down)?)?;
            }
            Ok((positions, price, holdings))
        }

        fn venue_value(&self, venue: AccountId, owner: AccountId) -> Result<PositionValue> {
            let venue: contract_ref!(Venue) = venue.into();
            call::fallible(venue.call().position_value(owner).try_invoke(), ReactorError::CallFailed)
        }

        /// Collects fees from every venue; a venue that refuses is skipped.
        fn collect_venue_fees(&mut self, venues: &[VenueSlot]) -> Result<Pair> {
            let mut fees = Pair::default();
            for slot in venues {
                let mut venue: contract_ref!(Venue) = slot.venue.into();
                match call::fallible(venue.call_mut().collect_fees().try_invoke(), ReactorError::CallFailed) {
                    Ok((asset, pairing)) => fees = fees.plus(asset, pairing)?,
                    Err(error) => self.env().emit_event(VenueSkipped { venue: slot.venue, error }),
                }
            }
            Ok(fees)
        }

        /// Shares collected fees: LPs through the per-tAsset index (the treasury takes their
        /// part while no tAsset exists), the LD recipient and the treasury by transfer.
        fn distribute(&mut self, fees: Pair, config: &Config) -> Result<Pair> {
            if fees == Pair::default() {
                return Ok(Pair::default());
            }
            let (mut lp_asset, ld_asset, mut tr_asset) = ledger::split(fees.asset, config.lp_fee_bps, config.ld_fee_bps)?;
            let (mut lp_pairing, ld_pairing, mut tr_pairing) = ledger::split(fees.pairing, config.lp_fee_bps, config.ld_fee_bps)?;
            // With no tAssets, or a supply so small that the index would overflow, the
            // treasury takes the LPs' part rather than the rollover failing.
            let credited = ledger::index_growth(lp_asset, self.supply)
                .and_then(|a| Ok((a, ledger::index_growth(lp_pairing, self.supply)?)))
                .ok()
                .and_then(|(a, p)| self.fee_index.plus(a, p).ok());
            match credited {
                Some(index) => self.fee_index = index,
                None => {
                    tr_asset = add(tr_asset, lp_asset)?;
                    tr_pairing = add(tr_pairing, lp_pairing)?;
                    lp_asset = 0;
                    lp_pairing = 0;
                }
            }
            self.push_pair(config.treasury, tr_asset, tr_pairing)?;
            let ld = Pair { asset: ld_asset, pairing: ld_pairing };
            self.env().emit_event(FeesDistributed {
                lp: Pair { asset: lp_asset, pairing: lp_pairing },
                ld,
                treasury: Pair { asset: tr_asset, pairing: tr_pairing },
            });
            Ok(ld)
        }

        /// Emits this rollover's TOKE (SPEC §3.4): `E = rate × cycles` (× the genesis
        /// multiplier while it lasts), at most the budget; with `r` = LD stake value / LP value,
        /// LPs get `E_eff·r/(r+R*)` through the per-tAsset index and LDs `E_eff·R*/(r+R*)`
        /// (returned, to be paid), `E_eff = E·2·min(r,R*)/(r+R*)`; the rest stays budgeted.
        fn emit(&mut self, cycle: u32, cycles: u32, stake_value: u128) -> Result<u128> {
            let Some(emissions) = self.emissions.get() else { return Ok(0) };
            let lp_value = ledger::paid_for(self.supply, self.nav)?;
            let multiplier = if cycle <= emissions.genesis_until { emissions.genesis_multiplier_bps.max(10_000) } else { 10_000 };
            let due = apply_bps(emissions.rate.saturating_mul(u128::from(cycles)), u128::from(multiplier), Rounding::Down)?;
            let offered = due.min(self.emission_budget);
            if offered == 0 || lp_value == 0 {
                return Ok(0);
            }
            let r = ledger::ratio(stake_value, lp_value);
            let (mut lp, ld) = ledger::emission_split(offered, r, emissions.target_ratio)?;
            // An index that would overflow (a dust supply) keeps the LPs' part in the budget.
            match ledger::index_growth(lp, self.supply).ok().and_then(|g| self.fee_index.plus(0, g).ok()) {
                Some(index) => self.fee_index = index,
                None => lp = 0,
            }
            let emitted = add(lp, ld)?;
            self.emission_budget = sub(self.emission_budget, emitted)?;
            self.env().emit_event(Emitted { offered, lp, ld, budget: self.emission_budget });
            Ok(ld)
        }

        /// Pays liquidity directors: to LD staking's `reward` (which pulls what it is approved)
        /// when the stake comes from it and is not zero; to the treasury when nobody is staked
        /// or LD staking refuses; else (a fixed stake) to the LD recipient.
        fn pay_lds(&mut self, collateral: &Collateral, stake: u128, config: &Config, asset: u128, pairing: u128) -> Result<()> {
            if asset == 0 && pairing == 0 {
                return Ok(());
            }
            let recipient = match collateral {
                Collateral::Source(staking) if stake > 0 => {
                    token::approve(self.asset, *staking, asset)?;
                    token::approve(self.pairing, *staking, pairing)?;
                    let mut source: contract_ref!(StakeSource) = (*staking).into();
                    match call::fallible(source.call_mut().reward(asset, pairing).try_invoke(), ReactorError::CallFailed) {
                        Ok(()) => return Ok(()),
                        // LD staking refused: the rollover goes on and the treasury holds the
                        // LDs' part.
                        Err(error) => {
                            token::approve(self.asset, *staking, 0)?;
                            token::approve(self.pairing, *staking, 0)?;
                            self.env().emit_event(VenueSkipped { venue: *staking, error });
                            config.treasury
                        }
                    }
                }
                Collateral::Source(_) => config.treasury,
                Collateral::Fixed(_) => config.ld_recipient,
            };
            self.push_pair(recipient, asset, pairing)
        }

        /// TOKE staked by liquidity directors in this reactor.
        fn ld_stake(&self, collateral: &Collateral) -> Result<u128> {
            match collateral {
                Collateral::Fixed(amount) => Ok(*amount),
                Collateral::Source(source) => {
                    let source: contract_ref!(StakeSource) = (*source).into();
                    call::infallible(source.call().reactor_stake(self.env().account_id()).try_invoke(), ReactorError::CallFailed)
                }
            }
        }

        /// Each venue's share of deployment, bps: the LDs' votes when LD staking has any for
        /// these venues, else the admin's weights.
        fn weights(&self, venues: &[VenueSlot], collateral: &Collateral) -> Result<Vec<u16>> {
            let admin: Vec<u16> = venues.iter().map(|v| v.weight_bps).collect();
            let Collateral::Source(source) = collateral else { return Ok(admin) };
            let source: contract_ref!(StakeSource) = (*source).into();
            let votes = call::infallible(source.call().venue_votes(self.env().account_id()).try_invoke(), ReactorError::CallFailed)?;
            let voted: Vec<u128> = venues
                .iter()
                .map(|slot| votes.iter().find(|(v, _)| *v == slot.venue).map_or(0, |(_, n)| *n))
                .collect();
            let total = voted.iter().try_fold(0u128, |sum, n| add(sum, *n))?;
            if total == 0 {
                return Ok(admin);
            }
            voted
                .iter()
                .map(|n| {
                    let bps = mul_div(*n, BPS, total, Rounding::Down)?;
                    u16::try_from(bps).map_err(|_| ReactorError::Math(MathError::Overflow))
                })
                .collect()
        }

        /// Brings each venue to `deployable × weight`: recalls first (so the asset is idle for
        /// withdrawals and other venues), then deploys from idle asset beyond `withheld`,
        /// paired with idle TOKE at the venue's TWAP. No deploys while paused.
        /// `first_price` is the first venue's TWAP read by this rollover's valuation: a TWAP
        /// does not move within a block, so deploying there does not ask again.
        fn rebalance(&mut self, venues: &[VenueSlot], weights: &[u16], positions: &[PositionValue], deployable: u128, withheld: u128, first_price: Option<u128>) -> Result<()> {
            let mut targets = Vec::with_capacity(venues.len());
            let mut left_in = Vec::with_capacity(venues.len());
            for ((slot, position), weight) in venues.iter().zip(positions).zip(weights) {
                let target = apply_bps(deployable, u128::from(*weight), Rounding::Down)?;
                targets.push(target);
                let fraction = ledger::recall_bps(position.asset, target)?;
                let paid = self.recall(slot.venue, fraction)?;
                left_in.push(position.asset > 0 && !(paid && fraction == 10_000));
            }
            // A pool pushed away from its TWAP returns less asset than the fair amount a recall
            // was sized on. Should matured requests and the buffer still lack cover, pull the
            // rest of the positions not already emptied, venue by venue, until they have it (the
            // next rollover redeploys).
            for (slot, left) in venues.iter().zip(left_in) {
                if self.idle.asset >= withheld {
                    break;
                }
                if left {
                    self.recall(slot.venue, 10_000)?;
                }
            }
            if self.roles.paused {
                return Ok(());
            }
            for (i, ((slot, position), target)) in venues.iter().zip(positions).zip(targets).enumerate() {
                let free = self.idle.asset.saturating_sub(withheld);
                let amount = target.saturating_sub(position.asset).min(free);
                if amount == 0 {
                    continue;
                }
                let known_price = if i == 0 { first_price } else { None };
                if let Err(error) = self.deploy_to(slot.venue, amount, known_price) {
                    self.env().emit_event(VenueSkipped { venue: slot.venue, error });
                }
            }
            Ok(())
        }

        /// Withdraws `fraction_bps` of the reactor's position in `venue` into idle holdings; a
        /// venue that refuses (or holds nothing) is skipped with [`VenueSkipped`]. Returns
        /// whether the venue paid out.
        fn recall(&mut self, venue_id: AccountId, fraction_bps: u16) -> Result<bool> {
            if fraction_bps == 0 {
                return Ok(false);
            }
            let mut venue: contract_ref!(Venue) = venue_id.into();
            match call::fallible(venue.call_mut().withdraw(fraction_bps).try_invoke(), ReactorError::CallFailed) {
                Ok((asset, pairing)) => {
                    self.idle = self.idle.plus(asset, pairing)?;
                    self.env().emit_event(Recalled { venue: venue_id, amounts: Pair { asset, pairing } });
                    Ok(true)
                }
                Err(error) => {
                    self.env().emit_event(VenueSkipped { venue: venue_id, error });
                    Ok(false)
                }
            }
        }

        /// Deploys `amount` of the asset to `venue` with the TOKE its TWAP asks for (an AMM
        /// takes its spot ratio of both, a pricer takes both), leaving no allowance behind.
        /// `known_price` is the venue's TWAP if already read in this block.
        fn deploy_to(&mut self, venue_id: AccountId, amount: u128, known_price: Option<u128>) -> Result<()> {
            let mut venue: contract_ref!(Venue) = venue_id.into();
            let price = match known_price {
                Some(p) => p,
                None => call::fallible(venue.call().twap().try_invoke(), ReactorError::CallFailed)?,
            };
            let pairing = mul_fixed(amount, price, Rounding::Up)?.min(self.idle.pairing);
            token::approve(self.asset, venue_id, amount)?;
            token::approve(self.pairing, venue_id, pairing)?;
            let taken = call::fallible(venue.call_mut().deploy(amount, pairing).try_invoke(), ReactorError::CallFailed);
            if taken.as_ref().map_or(true, |(a, _)| *a < amount) {
                token::approve(self.asset, venue_id, 0)?;
            }
            if taken.as_ref().map_or(true, |(_, p)| *p < pairing) {
                token::approve(self.pairing, venue_id, 0)?;
            }
            let (asset, pairing) = taken?;
            self.idle = self.idle.minus(asset, pairing)?;
            self.env().emit_event(Deployed { venue: venue_id, amounts: Pair { asset, pairing } });
            Ok(())
        }

        /// Pays `asset` and `pairing` to `to` (zero amounts make no call).
        fn push_pair(&self, to: AccountId, asset: u128, pairing: u128) -> Result<()> {
            token::push(self.asset, to, asset)?;
            Ok(token::push(self.pairing, to, pairing)?)
        }
    }

    impl ReactorView for Reactor {
        /// The cycle last rolled into. Anyone may call.
        #[ink(message)]
        fn current_cycle(&self) -> u32 {
            self.cycle
        }

        /// The cycle a withdrawal requested now would mature at. Anyone may call.
        #[ink(message)]
        fn request_maturity(&self) -> u32 {
            self.maturity().unwrap_or(u32::MAX)
        }

        /// The venues this reactor deploys to. Anyone may call.
        #[ink(message)]
        fn venue_list(&self) -> Vec<AccountId> {
            self.venues.get().unwrap_or_default().iter().map(|slot| slot.venue).collect()
        }

        /// The asset of this reactor. Anyone may call.
        #[ink(message)]
        fn reactor_asset(&self) -> AccountId {
            self.asset
        }
    }

    impl TransferHook for Reactor {
        /// Settles fees of both holders and shrinks the sender's request to the balance it
        /// keeps. Only this reactor's tAsset may call.
        #[ink(message)]
        fn before_tasset_transfer(
            &mut self,
            from: AccountId,
            to: AccountId,
            amount: u128,
            from_balance: u128,
            to_balance: u128,
        ) -> core::result::Result<(), TransferHookError> {
            if self.env().caller() != self.tasset {
                return Err(TransferHookError::UnknownToken);
            }
            self.move_claims(from, to, amount, from_balance, to_balance)
                .map_err(|_| TransferHookError::Rejected)
        }
    }

    impl AccessControl for Reactor {
        /// Proposes the next admin, or withdraws the proposal (`None`). Admin only.
        #[ink(message)]
        fn propose_admin(&mut self, admin: Option<AccountId>) -> core::result::Result<(), AccessError> {
            self.roles.propose_admin(self.env().caller(), admin)
        }

        /// Takes the admin role. Only the proposed account may call.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AccessError> {
            self.roles.accept_admin(self.env().caller())
        }

        /// Sets or removes the guardian. Admin only.
        #[ink(message)]
        fn set_guardian(&mut self, guardian: Option<AccountId>) -> core::result::Result<(), AccessError> {
            self.roles.set_guardian(self.env().caller(), guardian)
        }

        /// Pauses deposits and new deployments; requests, withdrawals, fee claims and
        /// rollovers (recalls) keep working. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.roles.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.roles.unpause(self.env().caller())
        }

        /// Role holders and pause state. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> RoleHolders {
            self.roles.into()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test;
        use ink::env::DefaultEnvironment as E;

        const DAY: u64 = 24 * 3_600_000;
        const WEEK: u64 = 7 * DAY;
        const GENESIS: u64 = 1_000;

        fn tasset_id() -> AccountId {
            AccountId::from([0x77; 32])
        }

        fn config(a: &test::DefaultAccounts<E>) -> Config {
            Config {
                treasury: a.charlie,
                ld_recipient: a.django,
                deposit_cap: 1_000_000,
                lp_fee_bps: 7_000,
                ld_fee_bps: 2_000,
                reserve_bps: 500,
                collateral_bps: 20_000,
            }
        }

        /// A reactor built in place: the constructor's calls to the asset and the tAsset
        /// cannot run off chain, and these tests exercise what happens before any call.
        fn reactor() -> (Reactor, test::DefaultAccounts<E>) {
            let a = test::default_accounts::<E>();
            test::set_caller::<E>(a.alice);
            test::set_block_timestamp::<E>(GENESIS + DAY);
            let mut stored = Lazy::new();
            stored.set(&config(&a));
            let r = Reactor {
                asset: a.eve,
                pairing: a.frank,
                tasset: tasset_id(),
                schedule: Schedule::new(GENESIS, WEEK).expect("valid"),
                cycle: 0,
                nav: ONE,
                supply: 0,
                idle: Pair::default(),
                fee_index: Pair::default(),
                matured: 0,
                queued: Mapping::new(),
                holders: Mapping::new(),
                config: stored,
                collateral: Lazy::new(),
                venues: Lazy::new(),
                emissions: Lazy::new(),
                emission_budget: 0,
                genesis: false,
                roles: Roles::new(a.alice),
            };
            (r, a)
        }

        fn give(r: &mut Reactor, who: AccountId, balance: u128) {
            r.holders.insert(who, &Holder { balance, ..Holder::default() });
            r.supply += balance;
            r.idle.asset += balance;
        }

        #[ink::test]
        fn only_a_genesis_reactor_carries_an_emission_multiplier() {
            let (mut r, _) = reactor();
            let accelerated = Emissions { rate: 1_000, target_ratio: ONE, genesis_multiplier_bps: 20_000, genesis_until: 4 };
            assert!(!r.is_genesis());
            assert_eq!(r.set_emissions(accelerated), Err(ReactorError::NotGenesis));
            assert_eq!(r.emissions.get(), None);
            // 1x is no acceleration: any reactor may set it.
            let plain = Emissions { genesis_multiplier_bps: 10_000, ..accelerated };
            assert_eq!(r.set_emissions(plain), Ok(()));
            r.genesis = true;
            assert!(r.is_genesis());
            assert_eq!(r.set_emissions(accelerated), Ok(()));
            assert_eq!(r.emissions.get(), Some(accelerated));
        }

        #[ink::test]
        fn privileged_messages_refuse_others_and_change_nothing() {
            let (mut r, a) = reactor();
            test::set_caller::<E>(a.bob);
            let not_admin = || Err(ReactorError::Access(AccessError::NotAdmin));
            let mut changed = config(&a);
            changed.deposit_cap = 1;
            assert_eq!(r.set_config(changed), not_admin());
            assert_eq!(r.set_collateral(Collateral::Fixed(5)), not_admin());
            assert_eq!(r.set_venues(Vec::new()), not_admin());
            assert_eq!(r.write_off_venue(a.bob), not_admin());
            assert_eq!(r.place_pcv(1, 1), Err(ReactorError::NotTreasury));
            assert_eq!(r.withdraw_pcv(1, 1), Err(ReactorError::NotTreasury));
            assert_eq!(r.propose_admin(Some(a.bob)), Err(AccessError::NotAdmin));
            assert_eq!(r.set_guardian(Some(a.bob)), Err(AccessError::NotAdmin));
            assert_eq!(r.pause(), Err(AccessError::NotGuardian));
            assert_eq!(r.unpause(), Err(AccessError::NotAdmin));
            assert_eq!(r.get_config(), config(&a));
            assert_eq!(r.get_collateral(), Collateral::Fixed(0));
            assert_eq!(r.roles(), RoleHolders::from(Roles::new(a.alice)));
            let emissions = Emissions { rate: 1, target_ratio: ONE, genesis_multiplier_bps: 10_000, genesis_until: 0 };
            assert_eq!(r.set_emissions(emissions), not_admin());
            assert_eq!(r.fund_emissions(1), Err(ReactorError::NotTreasury));
            assert_eq!((r.emissions.get(), r.emission_budget), (None, 0));
        }

        #[ink::test]
        fn bad_emission_parameters_are_refused_and_change_nothing() {
            let (mut r, a) = reactor();
            let flat = Emissions { rate: 1, target_ratio: 0, genesis_multiplier_bps: 10_000, genesis_until: 0 };
            assert_eq!(r.set_emissions(flat), Err(ReactorError::InvalidConfig));
            assert_eq!(r.emissions.get(), None);
            test::set_caller::<E>(config(&a).treasury);
            assert_eq!(r.fund_emissions(0), Err(ReactorError::ZeroAmount));
            assert_eq!(r.emission_budget, 0);
        }

        #[ink::test]
        fn the_admin_sets_parameters_within_range() {
            let (mut r, a) = reactor();
            let mut bad = config(&a);
            bad.lp_fee_bps = 8_001;
            assert_eq!(r.set_config(bad), Err(ReactorError::InvalidConfig));
            bad = config(&a);
            bad.reserve_bps = 10_001;
            assert_eq!(r.set_config(bad), Err(ReactorError::InvalidConfig));
            assert_eq!(r.get_config(), config(&a));
            let mut good = config(&a);
            good.deposit_cap = 5;
            r.set_config(good).unwrap();
            assert_eq!(r.get_config().deposit_cap, 5);
            r.set_collateral(Collateral::Source(a.bob)).unwrap();
            assert_eq!(r.get_collateral(), Collateral::Source(a.bob));
            let nine = (0..9u8).map(|i| VenueSlot { venue: AccountId::from([i; 32]), weight_bps: 1 }).collect();
            assert_eq!(r.set_venues(nine), Err(ReactorError::InvalidVenues));
            assert_eq!(r.write_off_venue(a.bob), Err(ReactorError::InvalidVenues));
        }

        #[ink::test]
        fn deposits_refuse_bad_input_before_any_call() {
            let (mut r, a) = reactor();
            assert_eq!(r.deposit(0), Err(ReactorError::ZeroAmount));
            assert_eq!(r.deposit(1_000_001), Err(ReactorError::CapExceeded));
            // Everything lost: NAV now is 0.
            r.supply = 100;
            assert_eq!(r.deposit(1), Err(ReactorError::Insolvent));
            r.supply = 0;
            r.set_guardian(Some(a.bob)).unwrap();
            test::set_caller::<E>(a.bob);
            r.pause().unwrap();
            assert_eq!(r.deposit(1), Err(ReactorError::Access(AccessError::Paused)));
            assert_eq!(r.state().supply, 0);
        }

        #[ink::test]
        fn requests_mature_next_cycle_or_one_later_when_a_rollover_is_due() {
            let (mut r, a) = reactor();
            give(&mut r, a.bob, 100);
            assert_eq!(r.request_withdrawal(1), Err(ReactorError::InsufficientBalance));
            test::set_caller::<E>(a.bob);
            assert_eq!(r.request_withdrawal(101), Err(ReactorError::InsufficientBalance));
            assert_eq!(r.request_withdrawal(60), Ok(1));
            assert_eq!(r.queued(1), 60);
            // Replacing moves the request; the boundary has passed without a rollover: +2.
            test::set_block_timestamp::<E>(GENESIS + WEEK + DAY);
            assert_eq!(r.request_withdrawal(40), Ok(2));
            assert_eq!((r.queued(1), r.queued(2)), (0, 40));
            assert_eq!(r.holder(a.bob).map(|h| (h.request, h.maturity)), Ok((40, 2)));
            // Cancelling.
            assert_eq!(r.request_withdrawal(0), Ok(0));
            assert_eq!(r.queued(2), 0);
        }

        #[ink::test]
        fn withdrawals_wait_for_maturity_and_stay_within_the_request() {
            let (mut r, a) = reactor();
            give(&mut r, a.bob, 100);
            test::set_caller::<E>(a.bob);
            assert_eq!(r.withdraw(0), Err(ReactorError::ZeroAmount));
            assert_eq!(r.withdraw(10), Err(ReactorError::NotMatured));
            r.request_withdrawal(50).unwrap();
            assert_eq!(r.withdraw(10), Err(ReactorError::NotMatured));
            test::set_block_timestamp::<E>(GENESIS + WEEK);
            assert_eq!(r.rollover(), Ok(1));
            assert_eq!(r.state().matured, 50);
            assert_eq!(r.state().nav, ONE);
            assert_eq!(r.withdraw(51), Err(ReactorError::ExceedsRequest));
        }

        #[ink::test]
        fn one_rollover_catches_up_and_a_second_in_the_same_cycle_is_refused() {
            let (mut r, a) = reactor();
            give(&mut r, a.bob, 100);
            test::set_caller::<E>(a.bob);
            assert_eq!(r.rollover(), Err(ReactorError::Cycle(CycleError::TooEarly)));
            r.request_withdrawal(30).unwrap();
            test::set_block_timestamp::<E>(GENESIS + 3 * WEEK + DAY);
            assert_eq!(r.rollover(), Ok(3));
            assert_eq!(r.state().cycle, 3);
            assert_eq!(r.state().next_rollover_ms, GENESIS + 4 * WEEK);
            assert_eq!((r.state().matured, r.queued(1)), (30, 0));
            assert_eq!(r.rollover(), Err(ReactorError::Cycle(CycleError::TooEarly)));
        }

        #[ink::test]
        fn a_rollover_before_genesis_is_refused() {
            let (mut r, _) = reactor();
            test::set_block_timestamp::<E>(GENESIS - 1);
            assert_eq!(r.rollover(), Err(ReactorError::Cycle(CycleError::BeforeGenesis)));
        }

        #[ink::test]
        fn the_hook_accepts_only_the_tasset_shrinks_requests_and_settles_fees() {
            let (mut r, a) = reactor();
            give(&mut r, a.bob, 100);
            test::set_caller::<E>(a.bob);
            r.request_withdrawal(80).unwrap();
            r.fee_index = Pair { asset: ONE, pairing: 0 };
            assert_eq!(r.before_tasset_transfer(a.bob, a.charlie, 50, 100, 0), Err(TransferHookError::UnknownToken));
            test::set_caller::<E>(tasset_id());
            assert_eq!(r.before_tasset_transfer(a.bob, a.charlie, 50, 100, 0), Ok(()));
            let bob = r.holder(a.bob).unwrap();
            assert_eq!((bob.balance, bob.request, bob.maturity, bob.owed.asset), (50, 50, 1, 100));
            assert_eq!(r.queued(1), 50);
            let charlie = r.holder(a.charlie).unwrap();
            assert_eq!((charlie.balance, charlie.request, charlie.owed.asset), (50, 0, 0));
            // The receiver earns from now on only.
            r.fee_index = Pair { asset: 2 * ONE, pairing: 0 };
            assert_eq!(r.holder(a.charlie).unwrap().owed.asset, 50);
            assert_eq!(r.holder(a.bob).unwrap().owed.asset, 150);
            // More than the sender holds is refused (the tAsset checks first anyway).
            assert_eq!(r.before_tasset_transfer(a.bob, a.charlie, 51, 50, 50), Err(TransferHookError::Rejected));
        }

        #[ink::test]
        fn nothing_to_claim_pays_nothing() {
            let (mut r, a) = reactor();
            test::set_caller::<E>(a.bob);
            assert_eq!(r.claim_fees(), Ok(Pair::default()));
        }
    }
}
