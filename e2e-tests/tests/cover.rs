//! The primary cover market in the real WASM, as its users meet it: a tWETH holder buys
//! NAV-drawdown cover priced from the position registry, which grows dearer and scarcer by
//! itself under stress; policies are PSP34 tokens whose holder claims; underwriters' capital
//! is locked behind cover in force and pending claims, earns premiums over the term, and is
//! paid out by the claims role after a real reactor loss; recalibration moves the product's
//! probability by the credibility formula.

use laas_e2e_tests::cover::{crash, market, observe_depth, Cover, QUARTER_MS, TWETH, USD, WINDOW_MS};
use laas_e2e_tests::suite::{Suite, DAY_MS, E18, HOUR_MS};
use laas_e2e_tests::{args, args::Bytes, args::Raw, ink_id};
use laas_math::{mul_div, Rounding};
use laas_traits::cover::{Id, PSP34Error, Policy};
use laas_traits::RegistryError;
use primary_pool::primary_pool::{Claim, ClaimStatus, CoverError, PolicyRecord, Product, ProductState};

const TERM: u64 = 30 * DAY_MS;

type R<T> = Result<T, CoverError>;

fn owner_of(s: &mut Suite, cover: &Cover, policy: u128) -> Option<ink::primitives::AccountId> {
    s.chain.query(&cover.nft, "PSP34::owner_of", &args![Raw(format!("U128({policy})"))])
}

#[test]
fn a_holders_cover_grows_dearer_and_scarcer_by_itself_when_redemptions_congest_and_the_amm_thins() {
    let (mut s, cover, lps, keeper) = market();
    let holder = lps[0].clone();
    let calm = cover.quote(&mut s, 0, 5_000 * USD, TERM, &holder).expect("a calm quote");
    assert_eq!((calm.margin_bps, calm.party), (3_500 + calm.congestion_bps + calm.depth_bps.div_ceil(2), false));

    // Three of the four LPs ask to leave; the next rollover matures their requests. The AMM's
    // own LP pulls nine tenths of its liquidity.
    for lp in &lps[1..] {
        assert!(s.request(lp, 10 * E18).is_ok());
    }
    s.to_next_cycle();
    s.rollover(&keeper).expect("the rollover that matures them");
    let (admin, venue) = (s.admin.clone(), s.venues[0].clone());
    let shares: u128 = s.chain.query(&venue, "shares_of", &args![admin]);
    let r: Result<(u128, u128), laas_traits::VenueError> = s.chain.call(&admin, &venue, "remove_liquidity", &args![shares * 9 / 10, 0u128, 0u128, u64::MAX]);
    r.expect("the AMM thins");
    observe_depth(&mut s, &keeper);
    // An hour on, both smoothed observables stand at their new levels.
    s.chain.advance_time(HOUR_MS);
    observe_depth(&mut s, &keeper);
    let stressed = cover.quote(&mut s, 0, 5_000 * USD, TERM, &holder).expect("a stressed quote");
    assert!(stressed.congestion_bps > calm.congestion_bps, "congestion {} → {}", calm.congestion_bps, stressed.congestion_bps);
    assert!(stressed.depth_bps > calm.depth_bps, "depth {} → {}", calm.depth_bps, stressed.depth_bps);
    // m = 35% + 1 × congestion + 0.5 × depth fragility, no surcharge at 10% use.
    assert_eq!(stressed.margin_bps, 3_500 + stressed.congestion_bps + stressed.depth_bps.div_ceil(2));
    assert!(stressed.premium > calm.premium);
    // Capacity shrinks by 2 × congestion.
    let shrink = (2 * stressed.congestion_bps).min(10_000);
    assert_eq!(stressed.available, mul_div(50_000 * USD, 10_000 - shrink, 10_000, Rounding::Down).unwrap());
    assert!(stressed.available < calm.available);

    // The holder buys at the stressed price, no more: the token is theirs.
    cover.fund(&mut s, &holder, stressed.premium);
    assert_eq!(cover.buy(&mut s, &holder, 0, 5_000 * USD, TERM, stressed.premium - 1), Err(CoverError::PremiumAboveLimit { premium: stressed.premium }));
    assert_eq!(cover.buy(&mut s, &holder, 0, 5_000 * USD, TERM, stressed.premium), Ok(1));
    assert_eq!(owner_of(&mut s, &cover, 1), Some(ink_id(&holder)));
    assert_eq!(cover.usd_of(&mut s, &holder), 0);
    let (_, terms): (ink::primitives::AccountId, Policy) = s.chain.query::<Option<_>>(&cover.nft, "PolicyToken::policy", &args![1u128]).expect("minted");
    assert_eq!((terms.product, terms.cover, terms.premium, terms.end_ms - terms.start_ms), (0, 5_000 * USD, stressed.premium, TERM));
}

#[test]
fn the_last_unit_of_capacity_costs_more_and_past_it_cover_is_refused() {
    let (mut s, cover, _, _) = market();
    let buyer = s.chain.user("buyer");
    cover.fund(&mut s, &buyer, 20_000 * USD);
    // Four policies of 10,000 fill 80% of the 50,000 (nothing congests: no shrink).
    for _ in 0..4 {
        cover.buy(&mut s, &buyer, 0, 10_000 * USD, TERM, u128::MAX).expect("within capacity");
    }
    let last = cover.quote(&mut s, 0, 1_000 * USD, TERM, &buyer).expect("a quote near the top");
    let nobody = s.chain.user("nobody");
    let first = cover.quote(&mut s, 0, 1_000 * USD, TERM, &nobody).map(|q| q.surcharge_bps);
    assert!(last.surcharge_bps > 0 && last.utilisation_bps > 8_000, "{last:?}");
    assert_eq!(first, Ok(last.surcharge_bps), "the surcharge follows the product's use, not the buyer");
    // The last 10,000 fill the product; past it, nothing more.
    assert_eq!(last.available, 10_000 * USD);
    cover.buy(&mut s, &buyer, 0, 10_000 * USD, TERM, u128::MAX).expect("the last of the capacity");
    assert_eq!(cover.buy(&mut s, &buyer, 0, USD, TERM, u128::MAX), Err(CoverError::CapacityExceeded { available: 0 }));
    // Bad input, each with its reason and nothing changed.
    assert_eq!(cover.buy(&mut s, &buyer, 0, 0, TERM, u128::MAX), Err(CoverError::ZeroAmount));
    assert_eq!(cover.buy(&mut s, &buyer, 0, USD, HOUR_MS, u128::MAX), Err(CoverError::TermOutOfRange));
    assert_eq!(cover.buy(&mut s, &buyer, 0, 10_001 * USD, TERM, u128::MAX), Err(CoverError::AboveMaxCover));
    assert_eq!(cover.buy(&mut s, &buyer, 9, USD, TERM, u128::MAX), Err(CoverError::UnknownProduct));
    assert_eq!(cover.capital(&mut s).active_cover, 50_000 * USD);
}

#[test]
fn the_operator_pays_its_multiplier_a_blacklisted_buyer_is_refused_and_the_guardian_pauses_new_cover_only() {
    let (mut s, cover, lps, _) = market();
    let admin = s.admin.clone();
    let plain = cover.quote(&mut s, 0, 1_000 * USD, TERM, &lps[0]).expect("a holder's quote");
    // tWETH's operator is the reactor's admin.
    let operator = cover.quote(&mut s, 0, 1_000 * USD, TERM, &admin).expect("the operator's quote");
    assert!(operator.party);
    assert_eq!(operator.premium, mul_div(plain.premium, 15_000, 10_000, Rounding::Up).unwrap());
    let mallory = s.chain.user("mallory");
    let r: R<()> = cover.admin(&mut s, "set_blacklisted", args![mallory, true]);
    r.expect("blacklisted");
    cover.fund(&mut s, &mallory, 1_000 * USD);
    assert_eq!(cover.buy(&mut s, &mallory, 0, 1_000 * USD, TERM, u128::MAX), Err(CoverError::Blacklisted));
    let r: R<()> = s.chain.call(&mallory, &cover.pool, "set_blacklisted", &args![mallory, false]);
    assert_eq!(r, Err(CoverError::Access(laas_traits::AccessError::NotAdmin)));
    // Paused: no new cover, but underwriters still come and go.
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &cover.pool, "AccessControl::pause", &args![]);
    r.expect("paused");
    let holder = lps[0].clone();
    cover.fund(&mut s, &holder, 1_000 * USD);
    assert_eq!(cover.buy(&mut s, &holder, 0, 1_000 * USD, TERM, u128::MAX), Err(CoverError::Access(laas_traits::AccessError::Paused)));
    cover.underwriter(&mut s, "underwriter-2", 1_000 * USD);
}

#[test]
fn a_policy_changes_hands_and_its_new_holder_is_paid_by_the_claims_desk_after_a_real_reactor_loss() {
    let (mut s, cover, lps, keeper) = market();
    let (bob, carol) = (lps[0].clone(), s.chain.user("carol"));
    cover.fund(&mut s, &bob, 1_000 * USD);
    let policy = cover.buy(&mut s, &bob, 0, 10_000 * USD, TERM, u128::MAX).expect("bought");
    // Bob sells the policy to Carol: a plain PSP34 transfer. A stranger cannot move it.
    let r: Result<(), PSP34Error> = s.chain.call(&keeper, &cover.nft, "PSP34::transfer", &args![keeper, Raw(format!("U128({policy})")), Bytes(&[])]);
    assert_eq!(r, Err(PSP34Error::NotApproved));
    let r: Result<(), PSP34Error> = s.chain.call(&bob, &cover.nft, "PSP34::transfer", &args![carol, Raw(format!("U128({policy})")), Bytes(&[])]);
    r.expect("transferred");
    assert_eq!(owner_of(&mut s, &cover, policy), Some(ink_id(&carol)));

    // Before the window has run inside the term, and before any loss, nothing pays.
    let r: R<u64> = s.chain.call(&carol, &cover.pool, "file_claim", &args![policy]);
    assert_eq!(r, Err(CoverError::NotTriggered));
    s.chain.advance_time(WINDOW_MS);
    let struck = crash(&mut s, &keeper);
    assert!(struck < E18, "NAV {struck}");
    let drawdown = (E18 - struck) * 10_000 / E18;
    assert!(drawdown > 1_000, "a drawdown of {drawdown} bps");
    // New cover is paused; claims are not. Bob sold the policy: only Carol may claim.
    let admin = s.admin.clone();
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &cover.pool, "AccessControl::pause", &args![]);
    r.expect("paused");
    let r: R<u64> = s.chain.call(&bob, &cover.pool, "file_claim", &args![policy]);
    assert_eq!(r, Err(CoverError::NotPolicyOwner));
    let before = cover.capital(&mut s);
    let r: R<u64> = s.chain.call(&carol, &cover.pool, "file_claim", &args![policy]);
    let claim_id = r.expect("the trigger holds");
    let claim: Option<Claim> = s.chain.query(&cover.pool, "claim", &args![claim_id]);
    let claim = claim.expect("filed");
    // The drawdown's magnitude × the cover × 80%.
    let expected = mul_div(mul_div(10_000 * USD, drawdown.min(10_000), 10_000, Rounding::Down).unwrap(), 8_000, 10_000, Rounding::Down).unwrap();
    assert_eq!((claim.amount, claim.magnitude_bps, claim.status), (expected.min(10_000 * USD), drawdown, ClaimStatus::Pending));
    assert_eq!(cover.capital(&mut s).pending_claims, claim.amount, "locked at once");
    assert!(cover.capital(&mut s).value + claim.amount <= before.value + USD);
    let r: R<u64> = s.chain.call(&carol, &cover.pool, "file_claim", &args![policy]);
    assert_eq!(r, Err(CoverError::AlreadyClaimed));

    // Only the claims desk settles.
    let r: R<u128> = s.chain.call(&carol, &cover.pool, "settle_claim", &args![claim_id, true]);
    assert_eq!(r, Err(CoverError::NotClaimsRole));
    let desk = cover.claims.clone();
    let r: R<u128> = s.chain.call(&desk, &cover.pool, "settle_claim", &args![claim_id, true]);
    assert_eq!(r, Ok(claim.amount));
    assert_eq!(cover.usd_of(&mut s, &carol), claim.amount);
    let capital = cover.capital(&mut s);
    assert_eq!((capital.pending_claims, capital.active_cover), (0, 0), "the policy is spent");
    let epoch = claim.incident.epoch;
    let incident: primary_pool::primary_pool::IncidentRecord = s.chain.query(&cover.pool, "incident", &args![TWETH, 0u32, epoch]);
    assert_eq!((incident.claims, incident.paid), (1, claim.amount));
    let r: R<u128> = s.chain.call(&desk, &cover.pool, "settle_claim", &args![claim_id, true]);
    assert_eq!(r, Err(CoverError::ClaimSettled));
}

#[test]
fn an_underwriter_cannot_withdraw_a_pending_claim_while_others_withdraw_the_rest_and_locks_end_after_the_grace() {
    let (mut s, cover, lps, keeper) = market();
    let (second, _) = cover.underwriter(&mut s, "underwriter-2", 100_000 * USD);
    let first = s.chain.user("underwriter-1");
    let bob = lps[0].clone();
    cover.fund(&mut s, &bob, 1_000 * USD);
    let policy = cover.buy(&mut s, &bob, 0, 10_000 * USD, 2 * DAY_MS, u128::MAX).expect("two days of cover");
    // Both underwriters ask to leave with everything.
    let mut shares = Vec::new();
    for who in [&first, &second] {
        let (held, _, _): (u128, u128, Option<primary_pool::primary_pool::Withdrawal>) =
            s.chain.query::<Result<_, CoverError>>(&cover.pool, "underwriter", &args![who]).expect("an underwriter");
        let r: R<u64> = s.chain.call(who, &cover.pool, "request_withdrawal", &args![held]);
        r.expect("requested");
        let r: R<u128> = s.chain.call(who, &cover.pool, "withdraw", &args![held]);
        assert!(matches!(r, Err(CoverError::CooldownActive { .. })), "{r:?}");
        shares.push(held);
    }
    // A loss inside the term; the claim is filed and locked.
    s.chain.advance_time(WINDOW_MS);
    crash(&mut s, &keeper);
    let r: R<u64> = s.chain.call(&bob, &cover.pool, "file_claim", &args![policy]);
    let claim: Claim = s.chain.query::<Option<Claim>>(&cover.pool, "claim", &args![r.expect("filed")]).expect("a claim");
    // A day on: the first underwriter takes all its share; the second cannot take all of its
    // own, since the cover in force and the claim stay behind.
    s.chain.advance_time(DAY_MS);
    let r: R<u128> = s.chain.call(&first, &cover.pool, "withdraw", &args![shares[0]]);
    let paid_first = r.expect("the first leaves");
    let capital = cover.capital(&mut s);
    assert_eq!(capital.locked, 10_000 * USD + claim.amount);
    let r: R<u128> = s.chain.call(&second, &cover.pool, "withdraw", &args![shares[1]]);
    assert_eq!(r, Err(CoverError::CapitalLocked { free: capital.free }));
    // What is free leaves (a share's worth rounds down).
    let (_, worth, _): (u128, u128, Option<primary_pool::primary_pool::Withdrawal>) =
        s.chain.query::<Result<_, CoverError>>(&cover.pool, "underwriter", &args![second]).expect("an underwriter");
    let part = mul_div(shares[1], capital.free, worth, Rounding::Down).unwrap();
    let r: R<u128> = s.chain.call(&second, &cover.pool, "withdraw", &args![part]);
    assert!(r.expect("the free part leaves") <= capital.free);
    // The first bore half of the pending claim, as the second does.
    assert!((paid_first + claim.amount / 2).abs_diff(100_000 * USD) < USD, "paid {paid_first}");
    // The desk pays; the policy ended at day 2 and its grace at day 3: everything is free.
    let desk = cover.claims.clone();
    let _: R<u128> = s.chain.call(&desk, &cover.pool, "settle_claim", &args![0u64, true]);
    s.chain.advance_time(2 * DAY_MS);
    let capital = cover.capital(&mut s);
    assert_eq!((capital.locked, capital.active_cover, capital.unearned), (0, 0, 0));
    let r: R<u128> = s.chain.call(&second, &cover.pool, "withdraw", &args![shares[1] - part]);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(cover.capital(&mut s).shares, 0);
}

#[test]
fn recalibration_moves_the_probability_toward_the_observed_frequency_by_the_credibility_formula() {
    let (mut s, cover, lps, keeper) = market();
    let bob = lps[0].clone();
    cover.fund(&mut s, &bob, 1_000 * USD);
    let policy = cover.buy(&mut s, &bob, 0, 1_000 * USD, TERM, u128::MAX).expect("bought");
    s.chain.advance_time(WINDOW_MS);
    crash(&mut s, &keeper);
    let r: R<u64> = s.chain.call(&bob, &cover.pool, "file_claim", &args![policy]);
    let desk = cover.claims.clone();
    let r: R<u128> = s.chain.call(&desk, &cover.pool, "settle_claim", &args![r.expect("filed"), true]);
    let paid = r.expect("paid");
    let r: R<u32> = s.chain.call(&keeper, &cover.pool, "recalibrate", &args![0u32]);
    assert_eq!(r, Err(CoverError::PeriodOpen));
    s.chain.advance_time(QUARTER_MS);
    let r: R<u32> = s.chain.call(&keeper, &cover.pool, "recalibrate", &args![0u32]);
    // One incident in one quarter: p = (1 × p_observed + 4 × 10%) / (1 + 4).
    let observed = laas_pricing::observed_frequency_bps(1, 1, QUARTER_MS).unwrap();
    let expected = laas_pricing::recalibrate(1_000, observed, 1, 4).unwrap();
    assert_eq!(r, Ok(u32::try_from(expected).unwrap()));
    let (_, state): (Product, ProductState) = s.chain.query::<Option<_>>(&cover.pool, "product", &args![0u32]).expect("product 0");
    assert_eq!((state.p_bps, state.periods, state.triggers), (u32::try_from(expected).unwrap(), 1, 1));
    let record: primary_pool::primary_pool::PeriodRecord = s.chain.query(&cover.pool, "period", &args![0u32, 0u64]);
    assert_eq!((record.paid, record.triggers, record.written), (paid, 1, 1_000 * USD));
    assert!(record.predicted > 0, "predicted and actual losses are both recorded");
    let policy_record: Option<PolicyRecord> = s.chain.query(&cover.pool, "policy", &args![policy]);
    assert_eq!(policy_record.map(|p| p.claim), Some(Some(0)));
}

#[test]
fn a_stale_registry_refuses_the_quote() {
    let (mut s, cover, lps, _) = market();
    // Nine days without a rollover or a depth reading: older than the registry's 8-day limit.
    s.chain.advance_time(9 * DAY_MS);
    let r = cover.quote(&mut s, 0, 1_000 * USD, TERM, &lps[0]);
    assert!(matches!(r, Err(CoverError::Registry(RegistryError::Stale { .. }))), "{r:?}");
    let _ = Id::U128(0);
}
