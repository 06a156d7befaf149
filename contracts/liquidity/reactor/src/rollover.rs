//! The rollover's steps, the NAV strike between rollovers, and the sharing of venue fees.

use crate::errors::{ReactorError, Result};
use crate::events::{FeesDistributed, NavStruck, RolledOver};
use crate::ledger;
use crate::pool;
use crate::reactor::Reactor;
use crate::types::{Config, Pair};
use ink::codegen::Env;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use laas_cycles::CycleError;
use laas_math::{add, apply_bps, mul_fixed, ratio_fixed, sub, Rounding};
use laas_traits::registry::{Observation, Receipt};
use laas_traits::{token, PositionValue, Rollover};

impl Reactor {
    /// The rollover's steps, in order: collect venue fees; strike NAV; work out what the
    /// maturing requests are owed and who brings it (the pool's own idle asset first, the
    /// reactor the rest); share fees and emissions; recall from the venues what the payouts and
    /// the buffer need; fix the maturing payout in kind (the asset, and TOKE at the TWAP for
    /// what the asset cannot cover); send the pool its payouts and rewards and open its next
    /// epoch (taking its idle deposits); deploy.
    pub(crate) fn roll(&mut self) -> Result<u32> {
        let previous = self.cycle;
        let now = self.env().block_timestamp();
        let cycle = self.schedule.rollover(previous, now)?;
        self.cycle = cycle;
        let config = self.config();
        let collateral = self.get_collateral();
        let venues = self.venues.get().unwrap_or_default();
        let fees = self.collect_venue_fees(&venues)?;
        let valued = self.valued(&venues)?;
        let books = valued.books;
        let nav = ledger::nav(valued.holdings, valued.active)?;
        self.nav = nav;
        self.struck_ms = now;

        // The payouts the pool must hold once this rollover has matured and expired requests.
        let maturing = mul_fixed(books.maturing, nav, Rounding::Down)?;
        let need = add(sub(books.payouts_due, books.expiring)?, maturing)?;
        let have = add(books.reserved, books.idle)?;
        let shortfall = need.saturating_sub(have);
        let from_pool = have.saturating_sub(need);

        // Fees and emissions: the LPs' part to the pool for the tAssets held through the
        // closing epoch, the LDs' part to LD staking for the stake held through it. When none
        // was (or the share per unit is beyond reason), fees go to the treasury and emissions
        // stay budgeted.
        // The emission follows the balance of what was held and staked through the closing
        // epoch (a stake or a deposit made just before the rollover moves nothing); the
        // deployment cap follows the collateral now.
        let stake = self.stake_view(&collateral);
        let value_of = |toke: u128| -> Result<u128> {
            Ok(match valued.price {
                Some(p) => ratio_fixed(toke, p, Rounding::Down)?,
                None => 0,
            })
        };
        let (stake_value, eligible_stake_value) = (value_of(stake.collateral)?, value_of(stake.eligible)?);
        let lp_value = mul_fixed(books.eligible, nav, Rounding::Down)?;
        let cycles = cycle.saturating_sub(previous);
        let (offered, mut lp_emission, mut ld_emission) =
            if valued.price.is_some() { self.emission(cycle, cycles, eligible_stake_value, lp_value)? } else { (0, 0, 0) };
        let (lp_fees, mut ld_fees, mut treasury_fees) = self.split_fees(fees, &config)?;
        let mut lp_rewards = Pair { asset: lp_fees.asset, pairing: add(lp_fees.pairing, lp_emission)? };
        if !ledger::shareable(lp_rewards.asset, lp_rewards.pairing, books.eligible) {
            treasury_fees = treasury_fees.plus(lp_fees.asset, lp_fees.pairing)?;
            lp_emission = 0;
            lp_rewards = Pair::default();
        }
        if !ledger::shareable(ld_fees.asset, add(ld_fees.pairing, ld_emission)?, stake.eligible) {
            // Nothing (or a dust) staked through the closing epoch: the LDs' fees go to the
            // treasury, their emission stays budgeted.
            treasury_fees = treasury_fees.plus(ld_fees.asset, ld_fees.pairing)?;
            ld_fees = Pair::default();
            ld_emission = 0;
        }
        self.spend_emission(offered, lp_emission, ld_emission)?;
        self.env().emit_event(FeesDistributed { lp: Pair { asset: lp_rewards.asset, pairing: sub(lp_rewards.pairing, lp_emission)? }, ld: ld_fees, treasury: treasury_fees });
        self.push_pair(config.treasury, treasury_fees.asset, treasury_fees.pairing)?;

        // Recall what the payouts and the buffer need, then open the pool's epoch.
        let weights = self.weights(&venues, &stake.votes)?;
        let buffer = config.buffer(sub(valued.active, books.maturing)?)?;
        let withheld = add(shortfall, buffer)?;
        let (deployable, _) = self.deployable(&valued.positions, from_pool, withheld, stake_value, &config)?;
        let targets = self.recall_to(&venues, &weights, &valued.positions, deployable, withheld)?;
        // Payouts in kind: the asset first; what the asset cannot cover of the maturing
        // requests' value (the holdings moved into TOKE: a price move, a drained venue) is paid
        // in TOKE at the TWAP this NAV was struck at.
        // Only TOKE on hand is promised: what it cannot cover either stays an asset shortfall,
        // which the next rollovers recall for.
        let funded = shortfall.min(self.idle.asset);
        let due_pairing = sub(books.payouts_due_pairing, books.expiring_pairing)?;
        let spare_pairing = self.idle.pairing.saturating_sub(due_pairing.saturating_sub(books.reserved_pairing));
        let (replaced, payout_pairing) = match valued.price {
            Some(p) => ledger::in_kind(sub(shortfall, funded)?.min(maturing), p, spare_pairing)?,
            None => (0, 0),
        };
        let due_pairing = add(due_pairing, payout_pairing)?;
        let funded_pairing = due_pairing.saturating_sub(books.reserved_pairing).min(self.idle.pairing);
        // Collected fees and the emission budget are held apart from idle holdings; only the
        // payouts come out of them.
        self.idle = self.idle.minus(funded, funded_pairing)?;
        token::push(self.asset, self.tasset, add(funded, lp_rewards.asset)?)?;
        token::push(self.pairing, self.tasset, add(funded_pairing, lp_rewards.pairing)?)?;
        let rollover = Rollover {
            nav,
            payout: sub(maturing, replaced)?,
            payout_pairing,
            funded,
            funded_pairing,
            reward_asset: lp_rewards.asset,
            reward_pairing: lp_rewards.pairing,
            next_boundary_ms: self.next_boundary_ms(),
        };
        let (taken, returned) = pool::roll(self.tasset, rollover)?;
        self.idle = self.idle.plus(taken, returned)?;
        self.epoch = books.epoch.saturating_add(1);
        self.pay_lds(&collateral, &config, ld_fees.asset, add(ld_fees.pairing, ld_emission)?)?;

        self.deploy_to_targets(&venues, &valued.positions, &targets, buffer, valued.price)?;
        // The requests matured here, of the tAssets exposed through the closing epoch; what
        // they are owed and did not get is the unpaid queue, in tAssets at this NAV.
        let unpaid = shortfall.saturating_sub(funded).saturating_sub(replaced);
        let unpaid = if nav == 0 { 0 } else { ratio_fixed(unpaid, nav, Rounding::Up)? };
        let receipt = Receipt { epoch: self.epoch, asset: lp_rewards.asset, pairing: lp_rewards.pairing };
        self.report(Observation { nav, supply: valued.active, requested: books.maturing, unpaid }, Some(receipt));
        self.env().emit_event(RolledOver { cycle, epoch: self.epoch, nav, holdings: valued.holdings, supply: valued.active, deployable });
        Ok(cycle)
    }

    /// The rollover's deploy step again, between rollovers (see `redeploy`).
    pub(crate) fn deploy_again(&mut self) -> Result<()> {
        self.access.ensure_live()?;
        match self.schedule.rollover(self.cycle, self.env().block_timestamp()) {
            Err(CycleError::TooEarly) => {}
            Ok(_) => return Err(ReactorError::RolloverDue),
            Err(e) => return Err(e.into()),
        }
        let config = self.config();
        let collateral = self.get_collateral();
        let venues = self.venues.get().unwrap_or_default();
        let valued = self.valued(&venues)?;
        let books = valued.books;
        let stake = self.stake_view(&collateral);
        let stake_value = match valued.price {
            Some(p) => ratio_fixed(stake.collateral, p, Rounding::Down)?,
            None => 0,
        };
        let weights = self.weights(&venues, &stake.votes)?;
        // Kept idle: the buffer, and what matured payouts are owed but not set aside yet.
        let buffer = config.buffer(sub(valued.active, books.maturing)?)?;
        let withheld = add(buffer, books.payouts_due.saturating_sub(books.reserved))?;
        let (deployable, in_venues) = self.deployable(&valued.positions, 0, withheld, stake_value, &config)?;
        let targets = weights.iter().map(|w| apply_bps(deployable, u128::from(*w), Rounding::Down)).collect::<core::result::Result<Vec<u128>, _>>()?;
        // Nothing is recalled here, so a venue above its target (weights moved since the
        // rollover) still counts: all venues together stay within `deployable`.
        let room = deployable.saturating_sub(in_venues);
        let kept = withheld.max(self.idle.asset.saturating_sub(room));
        self.deploy_to_targets(&venues, &valued.positions, &targets, kept, valued.price)
    }

    /// What may be in the venues after a deploy: the asset the reactor controls (idle, in the
    /// venues at `positions`, and `extra` coming from the pool) less `withheld`, at most
    /// `collateral_bps` of the LD stake's value. Returns it with what is in the venues now.
    fn deployable(&self, positions: &[PositionValue], extra: u128, withheld: u128, stake_value: u128, config: &Config) -> Result<(u128, u128)> {
        let in_venues = positions.iter().try_fold(0u128, |sum, p| add(sum, p.asset))?;
        let controlled = add(add(self.idle.asset, in_venues)?, extra)?;
        let cap = apply_bps(stake_value, u128::from(config.collateral_bps), Rounding::Down)?;
        Ok((controlled.saturating_sub(withheld).min(cap), in_venues))
    }

    /// Strikes NAV now and records it in the pool.
    pub(crate) fn strike(&mut self) -> Result<u128> {
        let venues = self.venues.get().unwrap_or_default();
        let valued = self.valued(&venues)?;
        let books = valued.books;
        let nav = ledger::nav(valued.holdings, valued.active)?;
        self.nav = nav;
        self.struck_ms = self.env().block_timestamp();
        pool::strike(self.tasset, nav)?;
        // What matured requests are owed and not set aside (unpaid), in tAssets at this NAV.
        // Pending requests, which may still be cancelled, are not reported.
        let owed = books.payouts_due.saturating_sub(books.reserved);
        let unpaid = if nav == 0 { 0 } else { ratio_fixed(owed, nav, Rounding::Up)? };
        self.report(Observation { nav, supply: valued.active, requested: 0, unpaid }, None);
        self.env().emit_event(NavStruck { nav, holdings: valued.holdings, supply: valued.active });
        Ok(nav)
    }

    /// Splits collected venue fees into the LPs', the LDs' and the treasury's parts.
    pub(crate) fn split_fees(&self, fees: Pair, config: &Config) -> Result<(Pair, Pair, Pair)> {
        let (lp_asset, ld_asset, tr_asset) = ledger::split(fees.asset, config.lp_fee_bps, config.ld_fee_bps)?;
        let (lp_pairing, ld_pairing, tr_pairing) = ledger::split(fees.pairing, config.lp_fee_bps, config.ld_fee_bps)?;
        Ok((
            Pair { asset: lp_asset, pairing: lp_pairing },
            Pair { asset: ld_asset, pairing: ld_pairing },
            Pair { asset: tr_asset, pairing: tr_pairing },
        ))
    }

    /// Pays `asset` and `pairing` to `to` (zero amounts make no call).
    pub(crate) fn push_pair(&self, to: AccountId, asset: u128, pairing: u128) -> Result<()> {
        token::push(self.asset, to, asset)?;
        Ok(token::push(self.pairing, to, pairing)?)
    }
}
