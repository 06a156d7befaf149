//! Products, parameters and prices: the formula by hand, stress, utilisation, parties and
//! every refusal.

use super::*;
use laas_math::{mul_div, Rounding};
use laas_traits::AccessError;

#[ink::test]
fn a_calm_quote_is_the_formula_by_hand() {
    let mut pool = funded(10_000 * UNIT);
    let (_, priced) = buy(&mut pool, 0, 100 * UNIT, 30 * DAY, accounts().bob, &calm()).unwrap();
    let q = priced.quote;
    // Loss given a 30% drawdown paid at 80%: 24; a 10% chance a year: EL 2.4 a year;
    // margin of tier B 35%; OC 0.5% of the cover a year; for 30 days of 365.
    assert_eq!(q.expected_loss, 2_400_000_000_000_000_000);
    assert_eq!(q.margin_bps, 3_500);
    assert_eq!(q.premium, mul_div(3_740_000_000_000_000_000, 30, 365, Rounding::Up).unwrap());
    assert_eq!(q.premium, 307_397_260_273_972_603);
    assert_eq!((q.utilisation_bps, q.surcharge_bps, q.available, q.party), (200, 0, 5_000 * UNIT, false));
}

#[ink::test]
fn stress_raises_the_price_and_shrinks_the_capacity() {
    let pool = funded(10_000 * UNIT);
    let (product, state, _) = pool.product_now(0).unwrap();
    let calm_quote = pool.price(&product, &state, &pool.ledger, &calm(), 100 * UNIT, 30 * DAY, accounts().bob).unwrap().quote;
    let stressed = pool.price(&product, &state, &pool.ledger, &view(200, 100), 100 * UNIT, 30 * DAY, accounts().bob).unwrap().quote;
    // 35% + 1 × 2% congestion + 0.5 × 1% impact.
    assert_eq!(stressed.margin_bps, 3_750);
    assert!(stressed.premium > calm_quote.premium);
    // 2 × 2% congestion takes 4% of the capacity: 4,800 of the product's 5,000.
    assert_eq!(stressed.available, 4_800 * UNIT);
}

#[ink::test]
fn the_last_unit_of_capacity_costs_more_than_the_first() {
    let mut pool = funded(10_000 * UNIT);
    let bob = accounts().bob;
    for _ in 0..4 {
        buy(&mut pool, 0, 1_000 * UNIT, 30 * DAY, bob, &calm()).unwrap();
    }
    let (product, state, _) = pool.product_now(0).unwrap();
    let q = pool.price(&product, &state, &pool.ledger, &calm(), 500 * UNIT, 30 * DAY, bob).unwrap().quote;
    // 4,500 of 5,000 used: half-way from the 80% kink to full, half the 100% surcharge.
    assert_eq!((q.utilisation_bps, q.surcharge_bps, q.margin_bps), (9_000, 5_000, 8_500));
    buy(&mut pool, 0, 1_000 * UNIT, 30 * DAY, bob, &calm()).unwrap();
    assert_eq!(buy(&mut pool, 0, 1, 30 * DAY, bob, &calm()).err(), Some(CoverError::CapacityExceeded { available: 0 }));
}

#[ink::test]
fn the_pool_capital_caps_every_product() {
    let mut pool = funded(1_500 * UNIT);
    let bob = accounts().bob;
    buy(&mut pool, 0, 1_000 * UNIT, 30 * DAY, bob, &calm()).unwrap();
    let capital = pool.capital().unwrap();
    let (product, state, _) = pool.product_now(1).unwrap();
    let refused = pool.price(&product, &state, &pool.ledger, &calm(), 600 * UNIT, 30 * DAY, bob).err();
    // The pool's value (its capital and the dust of premiums earned at once) less the cover in
    // force, though product 1 alone has room for 5,000.
    assert_eq!(refused, Some(CoverError::CapacityExceeded { available: capital.value - 1_000 * UNIT }));
    assert!(capital.value >= 1_500 * UNIT && capital.value < 1_500 * UNIT + UNIT / 1_000_000);
}

#[ink::test]
fn the_operator_pays_the_multiplier_and_a_refusing_product_turns_it_away() {
    let pool = funded(10_000 * UNIT);
    let a = accounts();
    let (product, state, _) = pool.product_now(0).unwrap();
    let plain = pool.price(&product, &state, &pool.ledger, &calm(), 100 * UNIT, 30 * DAY, a.bob).unwrap().quote;
    let operator = pool.price(&product, &state, &pool.ledger, &calm(), 100 * UNIT, 30 * DAY, a.eve).unwrap().quote;
    assert!(operator.party);
    assert_eq!(operator.premium, mul_div(plain.premium, 15_000, 10_000, Rounding::Up).unwrap());
    let (queue, queue_state, _) = pool.product_now(1).unwrap();
    assert_eq!(pool.price(&queue, &queue_state, &pool.ledger, &calm(), 100 * UNIT, 30 * DAY, a.frank).err(), Some(CoverError::RelatedParty));
}

#[ink::test]
fn bad_purchases_are_refused_with_their_reason() {
    let mut pool = funded(10_000 * UNIT);
    let a = accounts();
    let (product, state, _) = pool.product_now(0).unwrap();
    let price = |pool: &PrimaryPool, product: &Product, amount: u128, term: u64, buyer: AccountId| pool.price(product, &state, &pool.ledger, &calm(), amount, term, buyer).err();
    assert_eq!(price(&pool, &product, 0, 30 * DAY, a.bob), Some(CoverError::ZeroAmount));
    assert_eq!(price(&pool, &product, UNIT, HOUR, a.bob), Some(CoverError::TermOutOfRange));
    assert_eq!(price(&pool, &product, UNIT, 366 * DAY, a.bob), Some(CoverError::TermOutOfRange));
    assert_eq!(price(&pool, &product, 1_001 * UNIT, 30 * DAY, a.bob), Some(CoverError::AboveMaxCover));
    let old_nav = Underwriting { nav_age_ms: 2 * HOUR + 1, ..calm() };
    assert_eq!(pool.price(&product, &state, &pool.ledger, &old_nav, UNIT, 30 * DAY, a.bob).err(), Some(CoverError::StaleNav { age_ms: 2 * HOUR + 1 }));
    let inactive = Product { active: false, ..product };
    assert_eq!(price(&pool, &inactive, UNIT, 30 * DAY, a.bob), Some(CoverError::ProductInactive));
    let free = Product { prior_bps: 0, ..product };
    let mut no_cost = params();
    no_cost.oc_bps = 0;
    pool.set_params(no_cost).unwrap();
    let never = ProductState { p_bps: 0, ..state };
    assert_eq!(pool.price(&free, &never, &pool.ledger, &calm(), UNIT, 30 * DAY, a.bob).err(), Some(CoverError::ZeroPremium));
    pool.set_blacklisted(a.bob, true).unwrap();
    assert_eq!(price(&pool, &product, UNIT, 30 * DAY, a.bob), Some(CoverError::Blacklisted));
    assert!(pool.is_blacklisted(a.bob));
}

#[ink::test]
fn products_and_parameters_are_the_admins_and_claim_terms_are_fixed() {
    let mut pool = pool();
    let a = accounts();
    as_caller(a.bob);
    assert_eq!(pool.create_product(drawdown_product()), Err(CoverError::Access(AccessError::NotAdmin)));
    assert_eq!(pool.set_product(0, drawdown_product()), Err(CoverError::Access(AccessError::NotAdmin)));
    assert_eq!(pool.set_params(params()), Err(CoverError::Access(AccessError::NotAdmin)));
    assert_eq!(pool.set_blacklisted(a.eve, true), Err(CoverError::Access(AccessError::NotAdmin)));
    assert_eq!(laas_traits::AccessControl::set_role(&mut pool, laas_traits::Role::Claims, a.bob, true), Err(AccessError::NotAdmin));
    as_caller(a.alice);
    let no_window = Product { trigger: Trigger::NavDrawdown { window_ms: 0, threshold_bps: 1_000 }, ..drawdown_product() };
    assert_eq!(pool.create_product(no_window), Err(CoverError::InvalidParams));
    assert_eq!(pool.create_product(Product { min_term_ms: 2 * DAY, max_term_ms: DAY, ..drawdown_product() }), Err(CoverError::InvalidParams));
    assert_eq!(pool.create_product(Product { parties: PartyRule::Multiplier(9_000), ..drawdown_product() }), Err(CoverError::InvalidParams));
    // A term no longer than the waiting period and the window could never pay.
    assert_eq!(pool.create_product(Product { min_term_ms: 13 * HOUR, ..drawdown_product() }), Err(CoverError::InvalidParams));
    assert_eq!(pool.set_params(Params { capacity_ratio_bps: 10_001, ..params() }), Err(CoverError::InvalidParams));
    assert_eq!(pool.set_params(Params { withdraw_window_ms: 0, ..params() }), Err(CoverError::InvalidParams));
    assert_eq!(pool.set_product(0, Product { payout_bps: 1_000, ..drawdown_product() }), Err(CoverError::InvalidParams));
    assert_eq!(pool.set_product(0, Product { trigger: Trigger::NavDrawdown { window_ms: DAY, threshold_bps: 5_000 }, ..drawdown_product() }), Err(CoverError::InvalidParams));
    assert_eq!(pool.set_product(7, drawdown_product()), Err(CoverError::UnknownProduct));
    pool.set_product(0, Product { capacity: UNIT, active: false, ..drawdown_product() }).unwrap();
    assert_eq!(pool.product(0).map(|(p, _)| (p.capacity, p.active)), Some((UNIT, false)));
    assert_eq!(pool.set_params(Params { capacity_ratio_bps: 0, ..params() }), Err(CoverError::InvalidParams));
    assert_eq!(pool.product_count(), 2);
}
