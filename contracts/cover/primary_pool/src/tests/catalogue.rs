//! The rest of the catalogue: the maturity guarantee and its recovery ledger, liquidity-gap
//! and governance-failure cover, and disclosure. (Repayments move tokens and call the layers:
//! their flow runs in `e2e-tests/tests/catalogue.rs`; here the checks before it.)

use super::*;
use laas_math::BPS;

/// A maturity guarantee on position 0 maturing at day 110: pays in full past a day late.
fn maturity_product() -> Product {
    Product { trigger: Trigger::SettlementDelay { maturity_ms: T0 + 10 * DAY, threshold_ms: DAY }, severity_bps: 10_000, min_term_ms: 2 * DAY, parties: PartyRule::Refuse, ..drawdown_product() }
}

/// Liquidity-gap cover: congestion above 500 bps a day and impact above 200 bps; half the
/// impact above 200 bps subsidised, at most 1,000 bps of it.
fn gap_product() -> Product {
    Product { trigger: Trigger::LiquidityGap { congestion_bps: 500, depth_bps: 200, cap_bps: 1_000 }, payout_bps: 5_000, ..drawdown_product() }
}

fn governance_product() -> Product {
    Product { trigger: Trigger::Governance, severity_bps: 10_000, parties: PartyRule::Refuse, ..drawdown_product() }
}

fn reading(value: u128, age_ms: u64) -> Reading {
    Reading { value, age_ms }
}

#[test]
fn each_trigger_reads_its_own_evidence() {
    let now = T0 + 12 * DAY;
    let maturity = maturity_product().trigger;
    let late = maturity.assess(Observed::One(reading(u128::from(DAY + 1), 0)), now);
    assert_eq!((late.hit, late.magnitude_bps, late.began_ms, late.crossed_ms), (true, BPS, T0 + 10 * DAY, T0 + 11 * DAY));
    assert!(!maturity.assess(Observed::One(reading(u128::from(DAY), 0)), now).hit, "exactly the threshold is on time");
    let gap = gap_product().trigger;
    let stress = |congestion, depth| Observed::Stress { congestion: reading(congestion, HOUR), depth: reading(depth, 0) };
    let hit = gap.assess(stress(800, 700), now);
    // 700 − 200 = 500 bps of impact subsidised, seen an hour ago (the older reading).
    assert_eq!((hit.hit, hit.magnitude_bps, hit.measured, hit.began_ms), (true, 500, 700, now - HOUR));
    assert_eq!(gap.assess(stress(800, 5_000), now).magnitude_bps, 1_000, "capped");
    assert!(!gap.assess(stress(500, 700), now).hit, "no congestion, no gap");
    assert!(!gap.assess(stress(800, 200), now).hit, "impact a holder bears alone");
    let governance = Trigger::Governance.assess(Observed::Nothing, now);
    assert_eq!((governance.hit, governance.magnitude_bps, governance.began_ms), (true, BPS, now));
    // Evidence of another kind never triggers.
    assert!(!gap.assess(Observed::One(reading(9_000, 0)), now).hit);
    assert!(!Trigger::Governance.assess(Observed::One(reading(1, 0)), now).hit);
    assert_eq!(gap.max_magnitude_bps(), 1_000);
    assert!(!Trigger::LiquidityGap { congestion_bps: 0, depth_bps: 200, cap_bps: 0 }.is_valid());
    assert!(!Trigger::SettlementDelay { maturity_ms: 0, threshold_ms: DAY }.is_valid());
}

#[ink::test]
fn a_maturity_guarantee_sells_only_terms_that_cover_the_maturity() {
    let mut pool = funded(1_000 * UNIT);
    let id = pool.create_product(maturity_product()).unwrap();
    // Ends before the maturity plus the threshold.
    assert_eq!(buy(&mut pool, id, 100 * UNIT, 10 * DAY, accounts().bob, &calm()).map(|_| ()), Err(CoverError::TermOutOfRange));
    // Bought inside the waiting period before the maturity.
    at(T0 + 10 * DAY - HOUR / 2);
    assert_eq!(buy(&mut pool, id, 100 * UNIT, 5 * DAY, accounts().bob, &calm()).map(|_| ()), Err(CoverError::TermOutOfRange));
    at(T0 + DAY);
    let (policy, _) = buy(&mut pool, id, 100 * UNIT, 20 * DAY, accounts().bob, &calm()).unwrap();
    // Settled two days late: pays in full (80%).
    at(T0 + 13 * DAY);
    let record = pool.policies.get(policy).unwrap();
    let product = pool.products.get(id).unwrap();
    let claim = pool.book_claim(policy, record, &product, accounts().bob, Observed::One(reading(u128::from(2 * DAY), 0))).unwrap();
    assert_eq!(pool.claim(claim).map(|c| (c.amount, c.measured)), Some((80 * UNIT, u128::from(2 * DAY))));
    // A second holder claims on the same late settlement three days later: one incident (its
    // epoch is the crossing's, not the filing's), so the retention and the layers' limits
    // apply to both together.
    at(T0 + 2 * DAY);
    let (second, _) = buy(&mut pool, id, 100 * UNIT, 20 * DAY, accounts().charlie, &calm()).unwrap();
    at(T0 + 16 * DAY);
    let record = pool.policies.get(second).unwrap();
    let later = pool.book_claim(second, record, &product, accounts().charlie, Observed::One(reading(u128::from(5 * DAY), 0))).unwrap();
    let (first, second) = (pool.claim(claim).unwrap().incident, pool.claim(later).unwrap().incident);
    assert_eq!(first, second);
    assert_eq!(first.epoch, (T0 + 11 * DAY) / DAY);
    assert_eq!(pool.incident(0, id, first.epoch).primary, 160 * UNIT);
}

#[ink::test]
fn the_operator_may_hold_no_guarantee_on_its_own_settlement_or_governance() {
    let mut pool = pool();
    for product in [maturity_product(), governance_product()] {
        let priced_for_the_operator = Product { parties: PartyRule::Multiplier(20_000), ..product };
        assert_eq!(pool.create_product(priced_for_the_operator), Err(CoverError::InvalidParams));
        assert!(pool.create_product(product).is_ok());
    }
}

#[ink::test]
fn liquidity_gap_cover_is_not_sold_while_the_gap_is_open_nor_without_a_venue() {
    let mut pool = funded(1_000 * UNIT);
    let id = pool.create_product(gap_product()).unwrap();
    assert_eq!(buy(&mut pool, id, 100 * UNIT, 30 * DAY, accounts().bob, &view(800, 700)).map(|_| ()), Err(CoverError::TriggerHolds));
    let no_venue = Underwriting { depth: None, ..calm() };
    assert_eq!(buy(&mut pool, id, 100 * UNIT, 30 * DAY, accounts().bob, &no_venue).map(|_| ()), Err(CoverError::Registry(laas_traits::RegistryError::NoData)));
    // Congested but deep, or thin but calm: sold (at the stressed margin).
    assert!(buy(&mut pool, id, 100 * UNIT, 30 * DAY, accounts().bob, &view(800, 150)).is_ok());
    assert!(buy(&mut pool, id, 100 * UNIT, 30 * DAY, accounts().bob, &view(100, 700)).is_ok());
}

#[ink::test]
fn a_recovery_takes_nothing_it_does_not_owe_and_only_the_admin_writes_it_off() {
    let mut pool = funded(1_000 * UNIT);
    let incident = Incident { position: 0, product: 2, epoch: 110 };
    let shares = ClaimShares { primary: 30 * UNIT, ..ClaimShares::default() };
    pool.open_recovery(4, incident, &shares, (30 * UNIT, 0, 0)).unwrap();
    let recovery = pool.recovery(4).unwrap();
    assert_eq!((recovery.owed.primary, recovery.outstanding().total(), recovery.closed), (30 * UNIT, Ok(30 * UNIT), false));
    assert_eq!(pool.repay_recovery(4, 0), Err(CoverError::ZeroAmount));
    assert_eq!(pool.repay_recovery(5, UNIT), Err(CoverError::UnknownRecovery));
    as_caller(accounts().eve);
    assert_eq!(pool.close_recovery(4), Err(CoverError::Access(laas_traits::AccessError::NotAdmin)));
    as_caller(accounts().alice);
    assert_eq!(pool.close_recovery(4), Ok(30 * UNIT));
    assert_eq!(pool.repay_recovery(4, UNIT), Err(CoverError::RecoveryClosed));
    assert_eq!(pool.close_recovery(4), Err(CoverError::RecoveryClosed));
    // A claim that paid nothing owes nothing: no recovery is opened.
    pool.open_recovery(6, incident, &shares, (0, 0, 0)).unwrap();
    assert_eq!(pool.recovery(6), None);
    assert_eq!(pool.repay_recovery(6, UNIT), Err(CoverError::UnknownRecovery));
}

#[ink::test]
fn a_governance_claim_locks_the_full_loss_for_the_committee() {
    let mut pool = funded(1_000 * UNIT);
    let id = pool.create_product(governance_product()).unwrap();
    let (policy, _) = buy(&mut pool, id, 200 * UNIT, 30 * DAY, accounts().bob, &calm()).unwrap();
    let record = pool.policies.get(policy).unwrap();
    let product = pool.products.get(id).unwrap();
    // Inside the waiting period.
    assert_eq!(pool.book_claim(policy, record, &product, accounts().bob, Observed::Nothing), Err(CoverError::OutsideCover));
    at(T0 + 2 * DAY);
    let claim = pool.book_claim(policy, record, &product, accounts().bob, Observed::Nothing).unwrap();
    assert_eq!(pool.claim(claim).map(|c| (c.amount, c.status)), Some((160 * UNIT, ClaimStatus::Pending)));
    assert_eq!(pool.capital().unwrap().pending_claims, 160 * UNIT);
}

#[ink::test]
fn disclosure_reports_what_the_period_did() {
    let mut pool = funded(1_000 * UNIT);
    let id = pool.create_product(gap_product()).unwrap();
    let (policy, priced) = buy(&mut pool, id, 400 * UNIT, 30 * DAY, accounts().bob, &calm()).unwrap();
    at(T0 + 2 * DAY);
    let record = pool.policies.get(policy).unwrap();
    let product = pool.products.get(id).unwrap();
    let stress = Observed::Stress { congestion: reading(800, 0), depth: reading(700, 0) };
    let claim = pool.book_claim(policy, record, &product, accounts().bob, stress).unwrap();
    let claim = pool.claim(claim).unwrap();
    // Half of the 500 bps above the threshold, on 400: 10.
    assert_eq!(claim.amount, 10 * UNIT);
    pool.ledger.pending_claims -= claim.shares.primary;
    pool.pay(&claim, 0).unwrap();
    let d = pool.disclosure(id, 0).unwrap();
    assert_eq!((d.record.claims, d.record.claimed_cover, d.record.impact_cost), (1, 400 * UNIT, 28 * UNIT));
    assert_eq!(d.loss_ratio_bps, Some(10 * UNIT * BPS / priced.quote.premium));
    assert_eq!((d.average_payout, d.volatility_periods, d.volatility_bps), (10 * UNIT, 1, 0));
    // An uninsured redemption paid 700 bps of impact; the insured one 700 − 250 = 450.
    assert_eq!((d.uninsured_impact_bps, d.insured_impact_bps), (700, 450));
    assert_eq!(d.cover_backing_bps, 0, "no cover in force after the payout");
    assert_eq!(pool.disclosure(9, 0).map(|_| ()), Err(CoverError::UnknownProduct));
    assert_eq!(pool.disclosure(id, 3).map(|d| (d.record.claims, d.loss_ratio_bps)), Ok((0, None)));
}
