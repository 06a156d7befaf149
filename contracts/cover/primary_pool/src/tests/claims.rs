//! Claims (filing, the lock, settlement) and recalibration.

use super::*;
use laas_traits::Roles;

/// `funded(1,000)` with policy 1: 500 of drawdown cover for 30 days bought by bob at `T0`.
fn insured() -> PrimaryPool {
    let mut pool = funded(1_000 * UNIT);
    buy(&mut pool, 0, 500 * UNIT, 30 * DAY, accounts().bob, &calm()).unwrap();
    pool
}

fn file(pool: &mut PrimaryPool, policy: u128, value: u128) -> Result<u64> {
    let record = pool.policies.get(policy).unwrap();
    let product = pool.products.get(record.product).unwrap();
    pool.book_claim(policy, record, &product, accounts().bob, Observed::One(laas_traits::Reading { value, age_ms: 0 }))
}

#[ink::test]
fn a_drawdown_inside_the_term_pays_its_magnitude_and_is_locked_at_once() {
    let mut pool = insured();
    at(T0 + 2 * DAY);
    let before = pool.capital().unwrap().value;
    assert_eq!(file(&mut pool, 1, 1_000), Err(CoverError::NotTriggered));
    let id = file(&mut pool, 1, 2_500).unwrap();
    let claim = pool.claim(id).unwrap();
    // 25% of 500 at 80%.
    assert_eq!((claim.amount, claim.magnitude_bps, claim.status), (100 * UNIT, 2_500, ClaimStatus::Pending));
    assert_eq!(claim.incident, Incident { position: 0, product: 0, epoch: 102 });
    let after = pool.capital().unwrap();
    assert_eq!(after.pending_claims, 100 * UNIT);
    assert!(before - after.value >= 100 * UNIT && before - after.value < 100 * UNIT + UNIT);
    assert_eq!(pool.policy(1).unwrap().claim, Some(id));
}

#[ink::test]
fn a_loss_that_began_before_the_cover_pays_nothing() {
    let mut pool = insured();
    // The day-long window opened before the policy did.
    at(T0 + 12 * HOUR);
    assert_eq!(file(&mut pool, 1, 5_000), Err(CoverError::OutsideCover));
    // A queue already waiting when cover began, or within the hour of waiting after.
    let mut queue = funded(1_000 * UNIT);
    at(T0 + HOUR);
    buy(&mut queue, 1, 100 * UNIT, 30 * DAY, accounts().bob, &calm()).unwrap();
    at(T0 + 16 * HOUR);
    assert_eq!(file(&mut queue, 1, u128::from(16 * HOUR)), Err(CoverError::OutsideCover));
    assert_eq!(file(&mut queue, 1, u128::from(14 * HOUR + 1)), Err(CoverError::OutsideCover));
    // Measured by an observation an hour old: the queue began an hour earlier than it reads.
    let product = queue.products.get(1).unwrap();
    let record = queue.policies.get(1).unwrap();
    let stale = laas_traits::Reading { value: u128::from(13 * HOUR + HOUR / 2), age_ms: HOUR };
    assert_eq!(queue.book_claim(1, record, &product, accounts().bob, Observed::One(stale)), Err(CoverError::OutsideCover));
    // One that began after pays in full (80%).
    let id = file(&mut queue, 1, u128::from(14 * HOUR)).unwrap();
    assert_eq!(queue.claim(id).unwrap().amount, 80 * UNIT);
}

#[ink::test]
fn claims_are_refused_for_the_wrong_policy_holder_or_time() {
    let mut pool = insured();
    at(T0 + 2 * DAY);
    assert_eq!(pool.file_claim(9), Err(CoverError::UnknownPolicy));
    pool.set_blacklisted(accounts().bob, true).unwrap();
    as_caller(accounts().bob);
    assert_eq!(pool.file_claim(1), Err(CoverError::Blacklisted));
    as_caller(accounts().alice);
    pool.set_blacklisted(accounts().bob, false).unwrap();
    at(T0 + 31 * DAY + 1);
    as_caller(accounts().bob);
    assert_eq!(pool.file_claim(1), Err(CoverError::OutsideCover));
    at(T0 + 2 * DAY);
    file(&mut pool, 1, 2_500).unwrap();
    assert_eq!(pool.file_claim(1), Err(CoverError::AlreadyClaimed));
}

#[ink::test]
fn a_queue_that_crossed_its_limit_in_the_term_is_claimed_in_the_grace_one_after_it_is_not() {
    let mut queue = funded(1_000 * UNIT);
    buy(&mut queue, 1, 100 * UNIT, 2 * DAY, accounts().bob, &calm()).unwrap();
    at(T0 + 2 * DAY + 6 * HOUR);
    assert_eq!(file(&mut queue, 1, u128::from(13 * HOUR)), Err(CoverError::OutsideCover));
    let id = file(&mut queue, 1, u128::from(19 * HOUR)).unwrap();
    assert_eq!(queue.claim(id).unwrap().amount, 80 * UNIT);
}

#[ink::test]
fn only_the_claims_role_settles_and_a_rejection_unlocks() {
    let mut pool = insured();
    at(T0 + 2 * DAY);
    let id = file(&mut pool, 1, 2_500).unwrap();
    let locked = pool.capital().unwrap().value;
    as_caller(accounts().bob);
    assert_eq!(pool.settle_claim(id, true), Err(CoverError::NotClaimsRole));
    as_caller(accounts().charlie);
    assert_eq!(pool.settle_claim(7, true), Err(CoverError::UnknownClaim));
    assert_eq!(pool.settle_claim(id, false), Ok(0));
    assert_eq!(pool.claim(id).unwrap().status, ClaimStatus::Rejected);
    assert_eq!(pool.policy(1).unwrap().claim, None, "the policy may be claimed on again");
    assert_eq!(pool.capital().unwrap().pending_claims, 0);
    assert!(pool.capital().unwrap().value >= locked + 100 * UNIT);
    assert_eq!(pool.settle_claim(id, true), Err(CoverError::ClaimSettled));
    as_caller(accounts().alice);
    assert!(pool.roles().contains(&(laas_traits::Role::Claims, accounts().charlie)));
}

#[ink::test]
fn a_payout_is_recorded_per_incident_and_period_and_frees_the_cover() {
    let mut pool = insured();
    at(T0 + 2 * DAY);
    let id = file(&mut pool, 1, 2_500).unwrap();
    let claim = pool.claim(id).unwrap();
    pool.ledger.pending_claims -= claim.shares.primary;
    assert_eq!(pool.pay(&claim, 0), Ok(100 * UNIT));
    assert_eq!(pool.incident(0, 0, 102), IncidentRecord { claims: 1, paid: 100 * UNIT, primary: 100 * UNIT, junior: 0, reinsurance: 0, base: 0 });
    let period = pool.period(0, 0);
    assert_eq!((period.written, period.paid, period.triggers), (500 * UNIT, 100 * UNIT, 1));
    assert!(period.predicted > 0);
    let capital = pool.capital().unwrap();
    assert_eq!((capital.active_cover, capital.pending_claims), (0, 0));
    assert_eq!(pool.product(0).map(|(_, s)| s.active_cover), Some(0));
    assert!(capital.funds < 1_000 * UNIT);
}

#[ink::test]
fn recalibration_moves_p_by_the_credibility_formula() {
    let mut pool = insured();
    at(T0 + 2 * DAY);
    let id = file(&mut pool, 1, 2_500).unwrap();
    let claim = pool.claim(id).unwrap();
    pool.ledger.pending_claims -= claim.shares.primary;
    pool.pay(&claim, 0).unwrap();
    assert_eq!(pool.recalibrate(0), Err(CoverError::PeriodOpen));
    assert_eq!(pool.recalibrate(5), Err(CoverError::UnknownProduct));
    at(T0 + QUARTER);
    // One incident in a quarter: ⌈10,000 × 365 / 91⌉ = 40,110 bps a year observed; with
    // n = 1 and k = 4: ⌈(40,110 + 4 × 1,000) / 5⌉ = 8,822.
    assert_eq!(pool.recalibrate(0), Ok(8_822));
    assert_eq!(pool.recalibrate(0), Err(CoverError::PeriodOpen));
    // A quarter with no cover in force is no exposure: p stays.
    at(T0 + 2 * QUARTER);
    assert_eq!(pool.recalibrate(0), Ok(8_822));
    assert_eq!(pool.product(0).map(|(_, s)| (s.p_bps, s.periods, s.triggers)), Some((8_822, 1, 1)));
    // A quarter with cover sold in it: ⌈10,000 × 365 / 182⌉ = 20,055 observed over n = 2:
    // ⌈(2 × 20,055 + 4 × 1,000) / 6⌉ = 7,352.
    at(T0 + 3 * QUARTER - 10 * DAY);
    buy(&mut pool, 0, 100 * UNIT, 30 * DAY, accounts().bob, &calm()).unwrap();
    at(T0 + 4 * QUARTER);
    assert_eq!(pool.recalibrate(0), Ok(7_352));
    // The next quarter, which that cover reached into, counts too: n = 3, ⌈10,000 × 365 /
    // 273⌉ = 13,370, ⌈(3 × 13,370 + 4 × 1,000) / 7⌉ = 6,302.
    at(T0 + 5 * QUARTER);
    assert_eq!(pool.recalibrate(0), Ok(6_302));
    assert_eq!(pool.product(0).map(|(_, s)| (s.p_bps, s.periods, s.triggers)), Some((6_302, 3, 1)));
}
