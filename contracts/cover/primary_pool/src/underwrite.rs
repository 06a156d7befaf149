//! Pricing and selling cover (SPEC §4.2–4.3): the quote from a product, the pool's capital and
//! the registry's stress observables; the sale that books it.

use crate::capital::{bucket_of, rate_of, Ledger};
use crate::events::CoverBought;
use crate::primary_pool::PrimaryPool;
use crate::types::*;
use ink::codegen::Env;
use ink::primitives::AccountId;
use laas_math::{add, mul_div, Rounding, BPS};
use laas_pricing::{capacity, expected_loss, loss_given_trigger, premium, used_bps, utilisation_surcharge_bps, with_multiplier, Margin, YEAR_MS};
use laas_traits::cover::{self, Policy};
use laas_traits::{registry, token, Underwriting};

/// What a sale needs besides the quote.
pub(crate) struct Priced {
    /// The quote.
    pub quote: Quote,
    /// The expected loss of the cover over its term (the period's predicted loss).
    pub predicted: u128,
}

impl PrimaryPool {
    /// Prices `amount` of cover on product `id` for `term_ms` for `buyer`, from the product's
    /// rolled state, the rolled ledger and the registry's view. Reads only.
    /// Errors: `ZeroAmount`, `ProductInactive`, `TermOutOfRange` (also: a maturity guarantee
    /// whose term cannot cover the maturity), `AboveMaxCover`,
    /// `Blacklisted`, `RelatedParty`, `StaleNav`, `CapacityExceeded`, `ZeroPremium`, `Math`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn price(&self, product: &Product, state: &ProductState, ledger: &Ledger, view: &Underwriting, amount: u128, term_ms: u64, buyer: AccountId) -> Result<Priced> {
        if amount == 0 {
            return Err(CoverError::ZeroAmount);
        }
        if !product.active {
            return Err(CoverError::ProductInactive);
        }
        let now = self.env().block_timestamp();
        if term_ms < product.min_term_ms || term_ms > product.max_term_ms || !product.trigger.coverable(now, now.saturating_add(term_ms), product.waiting_ms) {
            return Err(CoverError::TermOutOfRange);
        }
        if amount > product.max_cover {
            return Err(CoverError::AboveMaxCover);
        }
        if self.blacklist.contains(buyer) {
            return Err(CoverError::Blacklisted);
        }
        let party = view.is_party(&buyer);
        if party && product.parties == PartyRule::Refuse {
            return Err(CoverError::RelatedParty);
        }
        let params = self.params_now();
        if view.nav_age_ms > params.sale_nav_age_ms {
            return Err(CoverError::StaleNav { age_ms: view.nav_age_ms });
        }
        // Liquidity-gap cover is sold only on a position with a venue, and never while the gap
        // it pays on is already there.
        if let Trigger::LiquidityGap { .. } = product.trigger {
            let depth = view.depth.ok_or(CoverError::Registry(laas_traits::RegistryError::NoData))?;
            if product.trigger.assess(Observed::Stress { congestion: view.congestion, depth }, now).hit {
                return Err(CoverError::TriggerHolds);
            }
        }
        let congestion = view.congestion.value;
        let depth = view.depth.map(|d| d.value).unwrap_or(0);
        let shrink = u128::from(params.shrink_coeff_bps);
        let pool_capacity = capacity(ledger.value()?, u128::from(params.capacity_ratio_bps), congestion, shrink)?;
        let product_capacity = capacity(product.capacity, BPS, congestion, shrink)?;
        let available = product_capacity.saturating_sub(state.active_cover).min(pool_capacity.saturating_sub(ledger.active_cover));
        if amount > available {
            return Err(CoverError::CapacityExceeded { available });
        }
        let utilisation_bps = used_bps(add(state.active_cover, amount)?, product_capacity)?;
        let loss = loss_given_trigger(amount, u128::from(product.severity_bps), u128::from(product.payout_bps), product.deductible, product.max_payout)?;
        let el = expected_loss(&[(u128::from(state.p_bps), loss)])?;
        let surcharge_bps = utilisation_surcharge_bps(u128::from(params.util_coeff_bps), utilisation_bps, u128::from(params.util_kink_bps))?;
        let margin = Margin {
            base_bps: params.tier_margin(product.tier),
            congestion_coeff_bps: u128::from(params.congestion_coeff_bps),
            depth_coeff_bps: u128::from(params.depth_coeff_bps),
        };
        let margin_bps = add(margin.bps(congestion, depth)?, surcharge_bps)?;
        let oc = mul_div(amount, u128::from(params.oc_bps), BPS, Rounding::Up)?;
        let mut cost = premium(el, margin_bps, oc, term_ms)?;
        if let (true, PartyRule::Multiplier(multiplier)) = (party, product.parties) {
            cost = with_multiplier(cost, u128::from(multiplier))?;
        }
        if cost == 0 {
            return Err(CoverError::ZeroPremium);
        }
        let predicted = mul_div(el, u128::from(term_ms), u128::from(YEAR_MS), Rounding::Up)?;
        let quote = Quote {
            premium: cost,
            expected_loss: el,
            margin_bps,
            surcharge_bps,
            utilisation_bps,
            available,
            congestion_bps: congestion,
            depth_bps: depth,
            party,
        };
        Ok(Priced { quote, predicted })
    }

    /// `InvalidParams` unless `product` fits its position as the registry has it: a maturity
    /// guarantee on a Term position with the same maturity; governance cover on any position;
    /// the other triggers on an Open one. (Off chain, where no contract can be called, the
    /// unit tests take it as given.)
    pub(crate) fn check_position(&self, product: &Product) -> Result<()> {
        if cfg!(test) {
            return Ok(());
        }
        let maturity = registry::maturity(self.registry, product.position);
        let fits = match (product.trigger, maturity) {
            (Trigger::SettlementDelay { maturity_ms, .. }, Ok(registered)) => maturity_ms == registered,
            (Trigger::Governance, Ok(_) | Err(laas_traits::RegistryError::NotTerm)) => true,
            (Trigger::NavDrawdown { .. } | Trigger::QueueWait { .. } | Trigger::LiquidityGap { .. }, Err(laas_traits::RegistryError::NotTerm)) => true,
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(CoverError::InvalidParams)
        }
    }

    /// The product and its state rolled to now. Errors: `UnknownProduct`.
    pub(crate) fn product_now(&self, id: u32) -> Result<(Product, ProductState, bool)> {
        let product = self.products.get(id).ok_or(CoverError::UnknownProduct)?;
        let state = self.product_states.get(id).unwrap_or_default();
        let (state, current) = self.product_rolled(id, state, self.env().block_timestamp());
        Ok((product, state, current))
    }

    /// The quote for `buyer` now (see `quote`).
    pub(crate) fn quote_now(&self, id: u32, amount: u128, term_ms: u64, buyer: AccountId) -> Result<Quote> {
        let (product, state, _) = self.product_now(id)?;
        let (ledger, _) = self.rolled(self.ledger, self.env().block_timestamp())?;
        let view = registry::underwriting(self.registry, product.position)?;
        Ok(self.price(&product, &state, &ledger, &view, amount, term_ms, buyer)?.quote)
    }

    /// Sells the caller cover (see `buy_cover`); returns the policy's id.
    pub(crate) fn sell(&mut self, id: u32, amount: u128, term_ms: u64, max_premium: u128) -> Result<u128> {
        self.access.ensure_live()?;
        let buyer = self.env().caller();
        let (product, state, current) = self.product_now(id)?;
        if !current {
            return Err(CoverError::Behind);
        }
        self.roll_current()?;
        let view = registry::underwriting(self.registry, product.position)?;
        let priced = self.price(&product, &state, &self.ledger, &view, amount, term_ms, buyer)?;
        let cost = priced.quote.premium;
        if cost > max_premium {
            return Err(CoverError::PremiumAboveLimit { premium: cost });
        }
        // The layers' and the treasury's shares of the premium; the primary books the rest.
        let max_loss = loss_given_trigger(amount, product.trigger.max_magnitude_bps(), u128::from(product.payout_bps), product.deductible, product.max_payout)?;
        let cession = self.cession(cost, max_loss)?;
        let (policy, terms, lock_until) = self.book_policy(id, state, amount, term_ms, &priced, cession.kept)?;
        self.treasury_due = add(self.treasury_due, cession.treasury)?;
        token::pull(self.cover_asset, buyer, cost)?;
        self.cede(&cession, lock_until)?;
        cover::mint(self.policy_token, buyer, policy, terms)?;
        self.env().emit_event(CoverBought { policy, product: id, buyer, cover: amount, premium: cost, start_ms: terms.start_ms, end_ms: terms.end_ms, margin_bps: priced.quote.margin_bps });
        Ok(policy)
    }

    /// Books a priced sale of `amount` on product `id` (its rolled `state`) for `term_ms`
    /// from now: the primary's premium (`kept`) earning and capital lock until the expiry
    /// bucket after the end plus the grace period, the product's cover, the period's record
    /// (the whole premium written), the policy. Returns the policy's id and terms, and when
    /// its lock ends.
    pub(crate) fn book_policy(&mut self, id: u32, mut state: ProductState, amount: u128, term_ms: u64, priced: &Priced, kept: u128) -> Result<(u128, Policy, u64)> {
        let now = self.env().block_timestamp();
        let cost = priced.quote.premium;
        let end_ms = now.checked_add(term_ms).ok_or(CoverError::TermOutOfRange)?;
        let lock_until = end_ms.checked_add(self.params_now().grace_ms).ok_or(CoverError::TermOutOfRange)?;
        let bucket = bucket_of(lock_until, self.bucket_ms)?;
        let duration = bucket.saturating_mul(self.bucket_ms).saturating_sub(now);
        let rate = rate_of(kept, duration)?;
        self.ledger.book_sale(kept, rate, duration, amount)?;
        let mut ending = self.buckets.get(bucket).unwrap_or_default();
        ending.rate = add(ending.rate, rate)?;
        ending.cover = add(ending.cover, amount)?;
        self.buckets.insert(bucket, &ending);
        self.mark(id, bucket);
        let product_ending = self.product_buckets.get((id, bucket)).unwrap_or(0);
        self.product_buckets.insert((id, bucket), &add(product_ending, amount)?);
        state.active_cover = add(state.active_cover, amount)?;
        self.product_states.insert(id, &state);
        let period = self.period_index(now);
        let mut record = self.periods.get((id, period)).unwrap_or_default();
        record.written = add(record.written, amount)?;
        record.premiums = add(record.premiums, cost)?;
        record.predicted = add(record.predicted, priced.predicted)?;
        record.max_end_ms = record.max_end_ms.max(end_ms);
        self.periods.insert((id, period), &record);
        let policy = self.policy_count.checked_add(1).ok_or(CoverError::Math(laas_math::MathError::Overflow))?;
        self.policy_count = policy;
        self.policies.insert(policy, &PolicyRecord { product: id, cover: amount, start_ms: now, end_ms, premium: cost, bucket, claim: None });
        Ok((policy, Policy { product: id, cover: amount, start_ms: now, end_ms, premium: cost }, lock_until))
    }
}
