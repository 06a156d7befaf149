//! The rest of the cover catalogue in the real WASM, as its users meet it: a maturity
//! guarantee on a Term position that settles late is paid through the layers and then
//! recovered from the operator, reinsurance first; a holder who redeems during a redemption
//! burst is subsidised part of the impact cost; governance-failure cover waits for the
//! committee; and the disclosure queries say what each story did.

use laas_e2e_tests::catalogue::{gap_product, governance_product, maturity_product, term_position};
use laas_e2e_tests::cover::{market, observe_depth, TWETH, USD};
use laas_e2e_tests::layers::Layers;
use laas_e2e_tests::suite::{Suite, DAY_MS, E18, HOUR_MS, WEEK_MS};
use laas_e2e_tests::args;
use laas_traits::{AccessError, Reading, RegistryError};
use primary_pool::primary_pool::{ClaimStatus, CoverError};

type R<T> = Result<T, CoverError>;

const TERM: u64 = 30 * DAY_MS;

fn read(s: &mut Suite, message: &str) -> Reading {
    let registry = s.registry.clone();
    let r: Result<Reading, RegistryError> = s.chain.query(&registry, message, &args![TWETH]);
    r.expect(message)
}

#[test]
fn a_term_position_settled_late_is_paid_through_the_layers_then_recovered_from_the_operator_reinsurance_first() {
    let (mut s, cover, _, _) = market();
    let layers = Layers::deploy(&mut s, &cover);
    layers.shareholder(&mut s, &cover, &layers.junior.clone(), "junior-1", 5_000 * USD);
    layers.shareholder(&mut s, &cover, &layers.reinsurance.clone(), "reinsurer-1", 25_000 * USD);
    let operator = s.chain.user("term-operator");
    let maturity = s.chain.now_ms() + 10 * DAY_MS;
    let (_, position) = term_position(&mut s, &operator, maturity);
    assert_eq!(cover.create(&mut s, maturity_product(TWETH, maturity)), Err(CoverError::InvalidParams), "tWETH is not a Term position");
    // A guarantee stating a later maturity than the registered one would sell cover on a
    // position already late.
    assert_eq!(cover.create(&mut s, maturity_product(position, maturity + DAY_MS)), Err(CoverError::InvalidParams));
    let product = cover.create(&mut s, maturity_product(position, maturity)).expect("the maturity guarantee");

    // Two holders buy the guarantee ten days before the maturity; a term that ends before the
    // guarantee can trigger is refused, and so is the operator.
    let (a, b) = (s.chain.user("holder-a"), s.chain.user("holder-b"));
    for holder in [&a, &b, &operator] {
        cover.fund(&mut s, holder, 10_000 * USD);
    }
    assert_eq!(cover.buy(&mut s, &a, product, 2_500 * USD, 10 * DAY_MS, u128::MAX), Err(CoverError::TermOutOfRange));
    assert_eq!(cover.buy(&mut s, &operator, product, 2_500 * USD, TERM, u128::MAX), Err(CoverError::RelatedParty));
    let policy_a = cover.buy(&mut s, &a, product, 2_500 * USD, TERM, u128::MAX).expect("a buys");
    let policy_b = cover.buy(&mut s, &b, product, 2_000 * USD, TERM, u128::MAX).expect("b buys");

    // Half a day past the maturity and still unsettled: not late enough.
    s.chain.advance_time(10 * DAY_MS + DAY_MS / 2);
    assert_eq!(cover.file_claim(&mut s, &a, policy_a).map(|_| ()), Err(CoverError::NotTriggered));
    // Two days past it a claims, b a day and a half later: both claim the whole cover, in one
    // incident of 4,500 however far apart they file — the primary's retention of 1,000, the
    // junior's 2,000, the reinsurance's 1,500.
    s.chain.advance_time(DAY_MS + DAY_MS / 2);
    let (claim_a, filed_a) = cover.file_claim(&mut s, &a, policy_a).expect("a claims");
    s.chain.advance_time(DAY_MS + DAY_MS / 2);
    let (claim_b, filed_b) = cover.file_claim(&mut s, &b, policy_b).expect("b claims");
    assert_eq!(filed_a.incident, filed_b.incident);
    assert_eq!((filed_a.amount, filed_a.shares.primary, filed_a.shares.junior, filed_a.shares.reinsurance), (2_500 * USD, 1_000 * USD, 1_500 * USD, 0));
    assert_eq!((filed_b.amount, filed_b.shares.primary, filed_b.shares.junior, filed_b.shares.reinsurance), (2_000 * USD, 0, 500 * USD, 1_500 * USD));
    let usd_a = cover.usd_of(&mut s, &a);
    assert_eq!(cover.settle(&mut s, claim_a, true), Ok(2_500 * USD));
    assert_eq!(cover.settle(&mut s, claim_b, true), Ok(2_000 * USD));
    assert_eq!(cover.usd_of(&mut s, &a) - usd_a, 2_500 * USD);

    // Each paid claim is a recovery against the operator, for what each layer paid.
    let owed = |r: &primary_pool::primary_pool::Recovery| (r.owed.primary, r.owed.junior, r.owed.reinsurance, r.closed);
    let recovery_a = cover.recovery(&mut s, claim_a).expect("recorded");
    let recovery_b = cover.recovery(&mut s, claim_b).expect("recorded");
    assert_eq!(owed(&recovery_a), (1_000 * USD, 1_500 * USD, 0, false));
    assert_eq!(owed(&recovery_b), (0, 500 * USD, 1_500 * USD, false));
    assert_eq!(recovery_a.incident, filed_a.incident);

    // The operator repays b's recovery: the first 1,000 all to the reinsurance; then it offers
    // 5,000 and only the 1,000 still owed is taken, 500 to the reinsurance and 500 to the junior.
    let (junior_before, reinsurance_before) = (Layers::capital(&mut s, &layers.junior).funds, Layers::capital(&mut s, &layers.reinsurance).funds);
    let pool = cover.pool.clone();
    assert_eq!(cover.repay(&mut s, &operator, claim_b, 0), Err(CoverError::ZeroAmount));
    assert_eq!(cover.repay(&mut s, &operator, 99, USD), Err(CoverError::UnknownRecovery));
    assert_eq!(cover.repay(&mut s, &operator, claim_b, 1_000 * USD), Ok(1_000 * USD));
    assert_eq!(Layers::capital(&mut s, &layers.reinsurance).funds - reinsurance_before, 1_000 * USD);
    assert_eq!(Layers::capital(&mut s, &layers.junior).funds, junior_before, "nothing to the junior while the reinsurance is owed");
    assert_eq!(cover.repay(&mut s, &operator, claim_b, 5_000 * USD), Ok(1_000 * USD));
    assert_eq!(Layers::capital(&mut s, &layers.reinsurance).funds - reinsurance_before, 1_500 * USD);
    assert_eq!(Layers::capital(&mut s, &layers.junior).funds - junior_before, 500 * USD);
    assert_eq!(cover.usd_of(&mut s, &operator), 8_000 * USD, "only what was owed was taken");
    assert!(cover.recovery(&mut s, claim_b).expect("recorded").closed, "repaid in full");
    assert_eq!(cover.repay(&mut s, &operator, claim_b, USD), Err(CoverError::RecoveryClosed));
    assert_eq!(cover.usd_of(&mut s, &operator), 8_000 * USD);

    // a's recovery: 2,000 repaid, the junior's 1,500 first, then 500 to the primary; the admin
    // writes off the rest (only the admin may), after which nothing more is taken.
    let primary_before = cover.capital(&mut s).funds;
    assert_eq!(cover.repay(&mut s, &operator, claim_a, 2_000 * USD), Ok(2_000 * USD));
    assert_eq!(Layers::capital(&mut s, &layers.junior).funds - junior_before, 2_000 * USD);
    assert_eq!(cover.capital(&mut s).funds - primary_before, 500 * USD);
    let closed: R<u128> = s.chain.call(&operator, &pool, "close_recovery", &args![claim_a]);
    assert_eq!(closed, Err(CoverError::Access(AccessError::NotAdmin)));
    assert_eq!(cover.admin::<R<u128>>(&mut s, "close_recovery", args![claim_a]), Ok(500 * USD));
    assert_eq!(cover.repay(&mut s, &operator, claim_a, USD), Err(CoverError::RecoveryClosed));
    let a_now = cover.recovery(&mut s, claim_a).expect("recorded");
    assert_eq!((a_now.repaid_reinsurance, a_now.repaid_junior, a_now.repaid_primary, a_now.closed), (0, 1_500 * USD, 500 * USD, true));
    assert_eq!(Layers::payouts(&mut s, &layers.reinsurance).recovered, 1_500 * USD);
    assert_eq!(Layers::payouts(&mut s, &layers.junior).recovered, 2_000 * USD);

    // Disclosure says the same: two claims of one incident paid 4,500, 4,000 recovered.
    let d = cover.disclosure(&mut s, product, 0);
    assert_eq!((d.record.claims, d.record.triggers, d.record.paid, d.record.recovered), (2, 1, 4_500 * USD, 4_000 * USD));
    assert_eq!(d.average_payout, 2_250 * USD);
    assert_eq!(d.loss_ratio_bps, Some(4_500 * USD * 10_000 / d.record.premiums));
    assert_eq!(d.record.written, 4_500 * USD);
}

#[test]
fn a_holder_who_redeems_in_a_redemption_burst_is_subsidised_part_of_the_impact_and_an_insider_is_not() {
    let (mut s, cover, lps, keeper) = market();
    let calm_depth = read(&mut s, "depth_fragility").value;
    assert_eq!(read(&mut s, "congestion").value, 0, "nobody is leaving");
    // Gap cover: congestion above 5% of supply a day and impact above today's depth + 1%; two
    // cycles' waiting, so redemption requests already pending when cover is bought (public,
    // and matured by the next rollover, a cycle later at most unless the keepers are late by
    // more than a cycle) are not covered.
    let threshold = calm_depth + 100;
    let product = cover.create(&mut s, gap_product(500, threshold, 2 * WEEK_MS)).expect("the gap product");
    let holder = lps[0].clone();
    cover.fund(&mut s, &holder, 1_000 * USD);
    let policy = cover.buy(&mut s, &holder, product, 8_000 * USD, TERM, u128::MAX).expect("bought in calm");
    // Two calm cycles: nothing to claim.
    for _ in 0..2 {
        s.to_next_cycle();
        s.rollover(&keeper).expect("a calm rollover");
    }
    observe_depth(&mut s, &keeper);
    assert_eq!(cover.file_claim(&mut s, &holder, policy).map(|_| ()), Err(CoverError::NotTriggered));

    // The burst: every LP asks to leave. An insider who sees the requests pending buys gap
    // cover before the rollover that matures them.
    for lp in &lps {
        assert!(s.request(lp, 10 * E18).is_ok());
    }
    let insider = s.chain.user("insider");
    cover.fund(&mut s, &insider, 1_000 * USD);
    let tip = cover.buy(&mut s, &insider, product, 8_000 * USD, TERM, u128::MAX).expect("the gap is not open yet");
    // The rollover matures the requests; the AMM's own LP pulls nine tenths of its liquidity.
    s.to_next_cycle();
    s.rollover(&keeper).expect("the rollover that matures them");
    let (admin, venue) = (s.admin.clone(), s.venues[0].clone());
    let shares: u128 = s.chain.query(&venue, "shares_of", &args![admin]);
    let r: Result<(u128, u128), laas_traits::VenueError> = s.chain.call(&admin, &venue, "remove_liquidity", &args![shares * 9 / 10, 0u128, 0u128, u64::MAX]);
    r.expect("the AMM thins");
    observe_depth(&mut s, &keeper);
    s.chain.advance_time(HOUR_MS);
    observe_depth(&mut s, &keeper);
    let (congestion, impact) = (read(&mut s, "congestion").value, read(&mut s, "depth_fragility").value);
    assert!(congestion > 500 && impact > threshold, "congestion {congestion}, impact {impact}");
    // Someone who sees the gap open tries to insure into it: refused while it lasts.
    let latecomer = s.chain.user("latecomer");
    cover.fund(&mut s, &latecomer, 1_000 * USD);
    assert_eq!(cover.buy(&mut s, &latecomer, product, 8_000 * USD, TERM, u128::MAX), Err(CoverError::TriggerHolds));
    // The insider's gap was recorded inside its waiting: nothing, however fresh the depth.
    observe_depth(&mut s, &keeper);
    assert_eq!(cover.file_claim(&mut s, &insider, tip).map(|_| ()), Err(CoverError::OutsideCover));

    // Half the impact above the threshold, at most 20% of impact, on 8,000.
    let subsidised = (impact - threshold).min(2_000);
    let (claim, filed) = cover.file_claim(&mut s, &holder, policy).expect("the gap is there");
    assert_eq!((filed.measured, filed.magnitude_bps, filed.amount), (impact, subsidised, 8_000 * USD * subsidised / 10_000 / 2));
    assert_eq!(cover.settle(&mut s, claim, true), Ok(filed.amount));

    // Disclosure: an uninsured redemption of the same size paid the whole impact; the insured
    // holder paid it less the subsidy.
    let d = cover.disclosure(&mut s, product, 0);
    let cost = 8_000 * USD * impact / 10_000 + u128::from(8_000 * USD * impact % 10_000 != 0);
    assert_eq!((d.record.claims, d.record.claimed_cover, d.record.impact_cost), (1, 8_000 * USD, cost));
    assert_eq!(d.uninsured_impact_bps, impact);
    assert_eq!(d.insured_impact_bps, (cost - filed.amount) * 10_000 / (8_000 * USD));
    assert!(d.insured_impact_bps < d.uninsured_impact_bps);
}

#[test]
fn governance_failure_cover_is_bought_and_locked_and_waits_for_the_committee() {
    let (mut s, cover, lps, _) = market();
    let product = cover.create(&mut s, governance_product()).expect("the governance product");
    let (holder, other) = (lps[0].clone(), lps[1].clone());
    cover.fund(&mut s, &holder, 1_000 * USD);
    cover.fund(&mut s, &other, 1_000 * USD);
    let quote = cover.quote(&mut s, product, 5_000 * USD, 60 * DAY_MS, &holder).expect("priced from its prior");
    assert!(quote.premium > 0);
    let policy = cover.buy(&mut s, &holder, product, 5_000 * USD, 60 * DAY_MS, quote.premium).expect("bought");
    let second = cover.buy(&mut s, &other, product, 5_000 * USD, 60 * DAY_MS, u128::MAX).expect("bought");
    let locked = cover.capital(&mut s).locked;
    assert!(locked >= 10_000 * USD, "the cover in force locks capital");
    // A claim inside the week's waiting is refused; after it, the whole loss is locked and
    // nothing is paid until the committee decides.
    assert_eq!(cover.file_claim(&mut s, &holder, policy).map(|_| ()), Err(CoverError::OutsideCover));
    s.chain.advance_time(8 * DAY_MS);
    let (claim, filed) = cover.file_claim(&mut s, &holder, policy).expect("filed for the committee");
    let (rejected, _) = cover.file_claim(&mut s, &other, second).expect("filed for the committee");
    assert_eq!((filed.amount, filed.status), (4_000 * USD, ClaimStatus::Pending));
    assert_eq!(cover.capital(&mut s).pending_claims, 8_000 * USD);
    let usd = cover.usd_of(&mut s, &holder);
    let anyone: R<u128> = s.chain.call(&holder, &cover.pool.clone(), "settle_claim", &args![claim, true]);
    assert_eq!(anyone, Err(CoverError::NotClaimsRole));
    assert_eq!(cover.settle(&mut s, rejected, false), Ok(0));
    assert_eq!(cover.settle(&mut s, claim, true), Ok(4_000 * USD));
    assert_eq!(cover.usd_of(&mut s, &holder) - usd, 4_000 * USD);
    assert_eq!(cover.capital(&mut s).pending_claims, 0);
    let d = cover.disclosure(&mut s, product, 0);
    assert_eq!((d.record.claims, d.record.paid, d.average_payout), (1, 4_000 * USD, 4_000 * USD));
}
