//! # Pricer venue
//!
//! A non-AMM venue (SPEC §3.6): reactors deploy inventory (asset and TOKE) into it, and an
//! appointed **pricer** quotes `(bid, ask, max_size, expiry)` at which traders swap against
//! that inventory. A quote outside ±band of the reference AMM venue's TWAP, an expired quote
//! and a trade above the maximum size are refused. Each trade's spread over the TWAP (in TOKE)
//! is set apart: the pricer's share is claimable by the pricer, the rest is the inventory
//! owners' fee, collected by them like an AMM's (per-share index). Governance (the admin)
//! appoints, replaces or removes the pricer.
//!
//! As a [`Venue`], positions are shares of the inventory, valued at the reference TWAP.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod events;
pub mod quote;

#[ink::contract]
pub mod venue_pricer {
    pub use crate::events::*;
    use crate::quote::{self, Quote};
    use ink::codegen::TraitCallBuilder;
    use ink::contract_ref;
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use laas_access::Access;
    use laas_math::{add, apply_bps, mul_div, sub, Rounding, BPS, ONE};
    use laas_traits::token;
    use laas_traits::{AccessControl, AccessError, PositionValue, Role, Roles, Venue, VenueError};

    /// Results of this contract's messages.
    pub type Result<T> = core::result::Result<T, VenueError>;

    /// An inventory owner's shares and fee accounting.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Owner {
        /// Inventory shares.
        pub shares: u128,
        /// Fee index when last settled.
        pub index: u128,
        /// Settled TOKE fees not collected.
        pub owed: u128,
    }

    /// The venue's parameters.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Params {
        /// Largest distance of bid and ask from the reference TWAP, bps.
        pub band_bps: u16,
        /// The pricer's share of each trade's spread, bps.
        pub pricer_share_bps: u16,
    }

    /// The venue.
    #[ink(storage)]
    pub struct VenuePricer {
        /// The reactor asset.
        asset: AccountId,
        /// The pairing token (TOKE).
        pairing: AccountId,
        /// The AMM venue whose TWAP is the reference price.
        reference: AccountId,
        /// The reactor whose inventory this venue trades: the only account that may deploy.
        reactor: AccountId,
        /// The appointed pricer (admin-set with `set_role`).
        pricer: Option<AccountId>,
        /// The pricer's current quote.
        quote: Option<Quote>,
        /// Parameters (admin-set).
        params: Params,
        /// Inventory held for owners (fees excluded): (asset, TOKE).
        inventory: (u128, u128),
        /// Inventory shares in existence.
        total_shares: u128,
        /// Owners (reactors).
        owners: Mapping<AccountId, Owner>,
        /// Owners' TOKE fees per share since creation, 1e18.
        fee_per_share: u128,
        /// Pricer shares of spreads not claimed yet, by pricer account.
        pricer_owed: Mapping<AccountId, u128>,
        /// Admin (pricer, parameters, unpause) and guardian (pause trades and deploys).
        access: Access,
    }

    impl VenuePricer {
        /// A pricer venue for `asset`/`pairing` priced against the TWAP of `reference` (the
        /// reactor's AMM venue), trading the inventory of `reactor`. The caller is admin. Errors: `InvalidFraction` (a bps above
        /// 10,000), `UnknownToken` (the same token twice).
        #[ink(constructor)]
        pub fn new(asset: AccountId, pairing: AccountId, reference: AccountId, reactor: AccountId, params: Params) -> Result<Self> {
            validate(&params)?;
            if asset == pairing {
                return Err(VenueError::UnknownToken);
            }
            Ok(Self {
                asset,
                pairing,
                reference,
                reactor,
                pricer: None,
                quote: None,
                params,
                inventory: (0, 0),
                total_shares: 0,
                owners: Mapping::new(),
                fee_per_share: 0,
                pricer_owed: Mapping::new(),
                access: Access::new(Self::env().caller()),
            })
        }

        /// Posts the pricer's quote, replacing the last: trades of at most `max_size` of the
        /// asset each and `total_size` in all, until `expiry_ms`. Pricer only.
        /// Errors: `NotPricer`, `QuoteExpired` (expiry not in the future), `ZeroAmount` (no
        /// size), `InvalidFraction` (bid 0 or above ask), `PriceDeviation` (outside the band),
        /// `OracleNotReady`.
        #[ink(message)]
        pub fn post_quote(&mut self, bid: u128, ask: u128, max_size: u128, total_size: u128, expiry_ms: u64) -> Result<()> {
            let pricer = self.env().caller();
            if self.pricer != Some(pricer) {
                return Err(VenueError::NotPricer);
            }
            if expiry_ms <= self.env().block_timestamp() {
                return Err(VenueError::QuoteExpired);
            }
            if max_size == 0 || total_size == 0 {
                return Err(VenueError::ZeroAmount);
            }
            let quote = Quote { bid, ask, max_size, remaining: total_size, expiry_ms };
            quote::shape(&quote)?;
            quote::fits(&quote, self.reference_twap()?, self.params.band_bps)?;
            self.quote = Some(quote);
            self.env().emit_event(QuotePosted { pricer, quote });
            Ok(())
        }

        /// Withdraws the standing quote: no trade is made at it any more. Pricer only.
        /// Errors: `NotPricer`, `NoQuote`.
        #[ink(message)]
        pub fn cancel_quote(&mut self) -> Result<()> {
            let pricer = self.env().caller();
            if self.pricer != Some(pricer) {
                return Err(VenueError::NotPricer);
            }
            self.quote.take().ok_or(VenueError::NoQuote)?;
            self.env().emit_event(QuoteCancelled { pricer });
            Ok(())
        }

        /// Sells `amount_in` of the asset at the bid (`asset_in = true`) or pays `amount_in`
        /// TOKE for the asset at the ask, receiving at least `min_out`. Anyone may call.
        /// Errors: `Access(Paused)`, `Expired` (deadline), `ZeroAmount`, `NoQuote`,
        /// `QuoteExpired`, `PriceDeviation` (the TWAP moved away from the quote), `TooLarge`
        /// (above the quote's largest trade), `QuoteSpent` (above what is left of its total
        /// size), `Slippage`, `InsufficientLiquidity` (inventory), token errors.
        #[ink(message)]
        pub fn swap(&mut self, asset_in: bool, amount_in: u128, min_out: u128, deadline: u64) -> Result<u128> {
            self.access.ensure_live()?;
            let now = self.env().block_timestamp();
            if now > deadline {
                return Err(VenueError::Expired);
            }
            if amount_in == 0 {
                return Err(VenueError::ZeroAmount);
            }
            let mut quote = self.quote.ok_or(VenueError::NoQuote)?;
            if now > quote.expiry_ms {
                return Err(VenueError::QuoteExpired);
            }
            if asset_in && amount_in > quote.max_size {
                return Err(VenueError::TooLarge);
            }
            let mid = self.reference_twap()?;
            quote::fits(&quote, mid, self.params.band_bps)?;
            let (asset, toke) = self.inventory;
            let (out, spread) = if asset_in {
                let (out, spread) = quote::sell_asset(amount_in, quote.bid, mid)?;
                let toke_left = toke.checked_sub(add(out, spread)?).ok_or(VenueError::InsufficientLiquidity)?;
                self.inventory = (add(asset, amount_in)?, toke_left);
                (out, spread)
            } else {
                let (out, spread) = quote::buy_asset(amount_in, quote.ask, mid)?;
                if out > quote.max_size {
                    return Err(VenueError::TooLarge);
                }
                let asset_left = asset.checked_sub(out).ok_or(VenueError::InsufficientLiquidity)?;
                self.inventory = (asset_left, add(toke, sub(amount_in, spread)?)?);
                (out, spread)
            };
            if out == 0 {
                return Err(VenueError::ZeroAmount);
            }
            if out < min_out {
                return Err(VenueError::Slippage);
            }
            let traded = if asset_in { amount_in } else { out };
            quote.remaining = quote.remaining.checked_sub(traded).ok_or(VenueError::QuoteSpent)?;
            self.quote = Some(quote);
            self.share_spread(spread)?;
            let trader = self.env().caller();
            let (token_in, token_out) = if asset_in { (self.asset, self.pairing) } else { (self.pairing, self.asset) };
            token::pull(token_in, trader, amount_in)?;
            token::push(token_out, trader, out)?;
            self.env().emit_event(Traded { trader, asset_in, amount_in, amount_out: out, spread });
            Ok(out)
        }

        /// Pays the caller's accrued pricer share of spreads (TOKE). Any past or present
        /// pricer may call; never paused.
        #[ink(message)]
        pub fn claim_pricer_share(&mut self) -> Result<u128> {
            let pricer = self.env().caller();
            let owed = self.pricer_owed.take(pricer).unwrap_or(0);
            token::push(self.pairing, pricer, owed)?;
            self.env().emit_event(FeesPaid { to: pricer, amount: owed });
            Ok(owed)
        }

        /// Sets the band and the pricer's share. Admin only.
        /// Errors: `Access(NotAdmin)`, `InvalidFraction`.
        #[ink(message)]
        pub fn set_params(&mut self, params: Params) -> Result<()> {
            self.ensure_admin()?;
            validate(&params)?;
            self.params = params;
            self.env().emit_event(ParamsChanged { params });
            Ok(())
        }

        /// The standing quote, if any. Anyone may call.
        #[ink(message)]
        pub fn get_quote(&self) -> Option<Quote> {
            self.quote
        }

        /// The appointed pricer. Anyone may call.
        #[ink(message)]
        pub fn pricer(&self) -> Option<AccountId> {
            self.pricer
        }

        /// `(asset, TOKE)` inventory, fees excluded. Anyone may call.
        #[ink(message)]
        pub fn inventory(&self) -> (u128, u128) {
            self.inventory
        }

        /// The parameters. Anyone may call.
        #[ink(message)]
        pub fn params(&self) -> Params {
            self.params
        }

        /// `owner`'s shares and fees accrued to now. Anyone may call.
        #[ink(message)]
        pub fn owner(&self, owner: AccountId) -> Result<Owner> {
            self.settled(owner)
        }

        /// TOKE the pricer account `pricer` may claim. Anyone may call.
        #[ink(message)]
        pub fn pricer_owed(&self, pricer: AccountId) -> u128 {
            self.pricer_owed.get(pricer).unwrap_or(0)
        }

        fn ensure_admin(&self) -> Result<()> {
            Ok(self.access.ensure_admin(self.env().caller())?)
        }

        fn reference_twap(&self) -> Result<u128> {
            let reference: contract_ref!(Venue) = self.reference.into();
            laas_traits::call::fallible(reference.call().twap().try_invoke(), VenueError::CallFailed)
        }

        /// The pricer's share goes to the current pricer, the rest to owners per share.
        fn share_spread(&mut self, spread: u128) -> Result<()> {
            if spread == 0 || self.total_shares == 0 {
                return Ok(());
            }
            let to_pricer = match self.pricer {
                Some(pricer) => {
                    let part = apply_bps(spread, u128::from(self.params.pricer_share_bps), Rounding::Down)?;
                    let owed = self.pricer_owed.get(pricer).unwrap_or(0);
                    self.pricer_owed.insert(pricer, &add(owed, part)?);
                    part
                }
                None => 0,
            };
            let to_owners = sub(spread, to_pricer)?;
            self.fee_per_share = add(self.fee_per_share, mul_div(to_owners, ONE, self.total_shares, Rounding::Down)?)?;
            Ok(())
        }

        fn settled(&self, owner: AccountId) -> Result<Owner> {
            let mut o = self.owners.get(owner).unwrap_or_default();
            let grown = sub(self.fee_per_share, o.index)?;
            o.owed = add(o.owed, mul_div(o.shares, grown, ONE, Rounding::Down)?)?;
            o.index = self.fee_per_share;
            Ok(o)
        }

        fn store(&mut self, owner: AccountId, o: &Owner) {
            if *o == Owner::default() {
                self.owners.remove(owner);
            } else {
                self.owners.insert(owner, o);
            }
        }

        /// The inventory's worth in the asset at `price`.
        fn worth(&self, asset: u128, pairing: u128, price: u128) -> Result<u128> {
            Ok(add(asset, mul_div(pairing, ONE, price, Rounding::Down)?)?)
        }

    }

    fn validate(params: &Params) -> Result<()> {
        if u128::from(params.band_bps) > BPS || u128::from(params.pricer_share_bps) > BPS {
            return Err(VenueError::InvalidFraction);
        }
        Ok(())
    }

    impl Venue for VenuePricer {
        /// `(asset, pairing)`. Anyone may call.
        #[ink(message)]
        fn venue_tokens(&self) -> (AccountId, AccountId) {
            (self.asset, self.pairing)
        }

        /// Adds `asset` and `pairing` (both taken in full) to the caller's inventory share,
        /// minted by value at the reference TWAP. Only the venue's reactor may call (anyone
        /// else could swap at the TWAP for free by depositing one token and withdrawing both);
        /// paused with trades. Errors: `Access(Paused)`, `NotReactor`, `ZeroAmount`,
        /// `OracleNotReady`, token errors.
        #[ink(message)]
        fn deploy(&mut self, asset: u128, pairing: u128) -> Result<(u128, u128)> {
            self.access.ensure_live()?;
            if self.env().caller() != self.reactor {
                return Err(VenueError::NotReactor);
            }
            let price = self.reference_twap()?;
            let value = self.worth(asset, pairing, price)?;
            let held = self.worth(self.inventory.0, self.inventory.1, price)?;
            let shares = if self.total_shares == 0 || held == 0 { value } else { mul_div(value, self.total_shares, held, Rounding::Down)? };
            if shares == 0 {
                return Err(VenueError::ZeroAmount);
            }
            let owner = self.env().caller();
            let mut o = self.settled(owner)?;
            o.shares = add(o.shares, shares)?;
            self.store(owner, &o);
            self.total_shares = add(self.total_shares, shares)?;
            self.inventory = (add(self.inventory.0, asset)?, add(self.inventory.1, pairing)?);
            token::pull(self.asset, owner, asset)?;
            token::pull(self.pairing, owner, pairing)?;
            self.env().emit_event(InventoryMoved { owner, added: true, asset, pairing, shares });
            Ok((asset, pairing))
        }

        /// Withdraws `fraction_bps` of the caller's share of the inventory. Never paused.
        /// Errors: `InvalidFraction`, `ZeroAmount`.
        #[ink(message)]
        fn withdraw(&mut self, fraction_bps: u16) -> Result<(u128, u128)> {
            if u128::from(fraction_bps) > BPS {
                return Err(VenueError::InvalidFraction);
            }
            let owner = self.env().caller();
            let mut o = self.settled(owner)?;
            let shares = mul_div(o.shares, u128::from(fraction_bps), BPS, Rounding::Down)?;
            if shares == 0 {
                return Err(VenueError::ZeroAmount);
            }
            let asset = mul_div(self.inventory.0, shares, self.total_shares, Rounding::Down)?;
            let pairing = mul_div(self.inventory.1, shares, self.total_shares, Rounding::Down)?;
            o.shares = sub(o.shares, shares)?;
            self.store(owner, &o);
            self.total_shares = sub(self.total_shares, shares)?;
            self.inventory = (sub(self.inventory.0, asset)?, sub(self.inventory.1, pairing)?);
            token::push(self.asset, owner, asset)?;
            token::push(self.pairing, owner, pairing)?;
            self.env().emit_event(InventoryMoved { owner, added: false, asset, pairing, shares });
            Ok((asset, pairing))
        }

        /// `owner`'s share of the inventory, valued at the reference TWAP.
        /// Errors: `OracleNotReady` (only when the owner holds a share).
        #[ink(message)]
        fn position_value(&self, owner: AccountId) -> Result<PositionValue> {
            let shares = self.owners.get(owner).unwrap_or_default().shares;
            if shares == 0 {
                return Ok(PositionValue::default());
            }
            let price = self.reference_twap()?;
            let asset = mul_div(self.inventory.0, shares, self.total_shares, Rounding::Down)?;
            let pairing = mul_div(self.inventory.1, shares, self.total_shares, Rounding::Down)?;
            Ok(PositionValue { asset, pairing, in_asset: self.worth(asset, pairing, price)? })
        }

        /// Pays the caller's share of spreads (TOKE). Never paused. Returns `(0, TOKE paid)`.
        #[ink(message)]
        fn collect_fees(&mut self) -> Result<(u128, u128)> {
            let owner = self.env().caller();
            let mut o = self.settled(owner)?;
            let owed = o.owed;
            o.owed = 0;
            self.store(owner, &o);
            token::push(self.pairing, owner, owed)?;
            self.env().emit_event(FeesPaid { to: owner, amount: owed });
            Ok((0, owed))
        }

        /// The reference AMM's TWAP (asset in TOKE, 1e18).
        #[ink(message)]
        fn twap(&self) -> Result<u128> {
            self.reference_twap()
        }
    }

    impl AccessControl for VenuePricer {
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

        /// Appoints, replaces or removes the pricer (its standing quote is dropped), or sets the guardian; the reactor is fixed (`FixedRole`). Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            let caller = self.env().caller();
            match role {
                Role::Pricer => {
                    let mut pricer = self.pricer;
                    self.access.set_optional(caller, &mut pricer, role, account, granted)?;
                    self.pricer = pricer;
                    self.quote = None;
                    Ok(())
                }
                Role::Reactor => self.access.refuse_fixed(caller),
                _ => self.access.set_role(caller, role, account, granted),
            }
        }

        /// Pauses trades and deploys; withdrawals and claims keep working. Guardian or admin.
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

    impl Roles for VenuePricer {
        /// Admin, pending admin, guardian, the pricer and the reactor whose inventory the venue holds. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let mut roles = self.access.holders();
            if let Some(pricer) = self.pricer {
                roles.push((Role::Pricer, pricer));
            }
            roles.push((Role::Reactor, self.reactor));
            roles
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test;
        use ink::env::DefaultEnvironment as E;

        fn venue() -> (VenuePricer, test::DefaultAccounts<E>) {
            let a = test::default_accounts::<E>();
            test::set_caller::<E>(a.alice);
            let params = Params { band_bps: 100, pricer_share_bps: 3_000 };
            (VenuePricer::new(a.django, a.eve, a.frank, a.charlie, params).expect("valid"), a)
        }

        #[ink::test]
        fn privileged_messages_refuse_others_and_change_nothing() {
            let (mut v, a) = venue();
            test::set_caller::<E>(a.bob);
            let not_admin = || Err(VenueError::Access(AccessError::NotAdmin));
            assert_eq!(v.set_role(Role::Pricer, a.bob, true), Err(AccessError::NotAdmin));
            assert_eq!(v.set_role(Role::Guardian, a.bob, true), Err(AccessError::NotAdmin));
            assert_eq!(v.set_code_hash(Hash::from([9; 32])), Err(AccessError::NotAdmin));
            assert_eq!(v.set_params(Params { band_bps: 1, pricer_share_bps: 1 }), not_admin());
            assert_eq!(v.post_quote(1, 2, 3, 3, u64::MAX), Err(VenueError::NotPricer));
            v.quote = Some(Quote { bid: 1, ask: 2, max_size: 3, remaining: 3, expiry_ms: u64::MAX });
            assert_eq!(v.cancel_quote(), Err(VenueError::NotPricer));
            assert!(v.get_quote().is_some());
            v.quote = None;
            assert_eq!(v.propose_admin(Some(a.bob)), Err(AccessError::NotAdmin));
            assert_eq!(v.pause(), Err(AccessError::NotGuardian));
            assert_eq!(v.pricer(), None);
            assert_eq!(v.roles(), vec![(Role::Admin, a.alice), (Role::Reactor, a.charlie)]);
            assert_eq!(v.params(), Params { band_bps: 100, pricer_share_bps: 3_000 });
        }

        #[ink::test]
        fn bad_parameters_and_trades_are_refused_before_any_call() {
            let (mut v, a) = venue();
            assert_eq!(v.set_params(Params { band_bps: 10_001, pricer_share_bps: 0 }), Err(VenueError::InvalidFraction));
            assert!(matches!(
                VenuePricer::new(a.django, a.django, a.frank, a.charlie, Params { band_bps: 1, pricer_share_bps: 1 }),
                Err(VenueError::UnknownToken)
            ));
            assert_eq!(v.swap(true, 0, 0, u64::MAX), Err(VenueError::ZeroAmount));
            assert_eq!(v.swap(true, 1, 0, u64::MAX), Err(VenueError::NoQuote));
            test::set_block_timestamp::<E>(10);
            assert_eq!(v.swap(true, 1, 0, 9), Err(VenueError::Expired));
            v.set_role(Role::Pricer, a.bob, true).unwrap();
            test::set_caller::<E>(a.bob);
            assert_eq!(v.post_quote(1, 2, 3, 3, 10), Err(VenueError::QuoteExpired));
            assert_eq!(v.post_quote(1, 2, 0, 3, 11), Err(VenueError::ZeroAmount));
            assert_eq!(v.post_quote(1, 2, 3, 0, 11), Err(VenueError::ZeroAmount));
            assert_eq!(v.cancel_quote(), Err(VenueError::NoQuote));
            v.quote = Some(Quote { bid: 1, ask: 2, max_size: 3, remaining: 3, expiry_ms: u64::MAX });
            assert_eq!(v.cancel_quote(), Ok(()));
            assert_eq!(v.get_quote(), None);
            assert_eq!(Venue::withdraw(&mut v, 10_001), Err(VenueError::InvalidFraction));
            assert_eq!(Venue::withdraw(&mut v, 10_000), Err(VenueError::ZeroAmount));
            assert_eq!(v.claim_pricer_share(), Ok(0));
            assert_eq!(v.inventory(), (0, 0));
        }

        #[ink::test]
        fn replacing_the_pricer_drops_the_quote_and_a_pause_stops_trades() {
            let (mut v, a) = venue();
            v.quote = Some(Quote { bid: 1, ask: 2, max_size: 3, remaining: 3, expiry_ms: u64::MAX });
            v.set_role(Role::Pricer, a.charlie, true).unwrap();
            assert_eq!(v.get_quote(), None);
            assert_eq!(v.pricer(), Some(a.charlie));
            assert_eq!(v.roles(), vec![(Role::Admin, a.alice), (Role::Pricer, a.charlie), (Role::Reactor, a.charlie)]);
            // The reactor is bound at instantiation; only the appointed pricer can be revoked.
            assert_eq!(v.set_role(Role::Reactor, a.bob, true), Err(AccessError::FixedRole));
            assert_eq!(v.set_role(Role::Pricer, a.bob, false), Err(AccessError::NotHolder));
            assert_eq!(v.set_role(Role::Treasury, a.bob, true), Err(AccessError::UnknownRole));
            v.set_role(Role::Pricer, a.charlie, false).unwrap();
            assert_eq!(v.pricer(), None);
            v.pause().unwrap();
            assert_eq!(v.swap(true, 1, 0, u64::MAX), Err(VenueError::Access(AccessError::Paused)));
            assert_eq!(Venue::deploy(&mut v, 1, 1), Err(VenueError::Access(AccessError::Paused)));
            v.unpause().unwrap();
            assert_eq!(Venue::deploy(&mut v, 1, 1), Err(VenueError::NotReactor));
        }
    }
}
