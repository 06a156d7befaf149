//! The loss waterfall in the real WASM: a junior pool and a reinsurance pool back the primary
//! pool; every sale pays them their premium share and locks their capital behind the cover;
//! one incident's claims flow from the primary's retention into the junior and up to the
//! reinsurance; once a period's payouts cross the aggregate threshold the reinsurance takes
//! half of every new incident. The expected shares come from the layers' definition written
//! out here, not from the pool's code.

use laas_e2e_tests::cover::{crash, market, strike, POOL_PARAMS, USD, WINDOW_MS};
use laas_e2e_tests::layers::{Layers, TERMS, TERM_MS};
use laas_e2e_tests::suite::{DAY_MS, E18, HOUR_MS};
use laas_e2e_tests::{args, args::Raw};
use laas_traits::LayerError;
use primary_pool::primary_pool::{ClaimShares, CoverError, Disclosure, IncidentRecord};

type R<T> = Result<T, CoverError>;

/// Each layer's share of a claim of `amount` on an incident whose claims already take `used`
/// (and `aggregate`: the period's payouts had exceeded the threshold when it opened): in the
/// aggregate regime half of the claim off the top to the reinsurance (within its room); then
/// the primary's room under the retention, the junior's room, the reinsurance's room; the
/// rest with the primary.
fn expected(used: (u128, u128, u128), amount: u128, aggregate: bool) -> (u128, u128, u128) {
    let rooms = (TERMS.retention - used.0, TERMS.junior_limit - used.1, TERMS.reinsurance_limit - used.2);
    let top = if aggregate { (amount * u128::from(TERMS.aggregate_share_bps) / 10_000).min(rooms.2) } else { 0 };
    let rest = amount - top;
    let p = rest.min(rooms.0);
    let j = (rest - p).min(rooms.1);
    let r = (rest - p - j).min(rooms.2 - top);
    (p + (rest - p - j - r), j, top + r)
}

fn shares(c: &ClaimShares) -> (u128, u128, u128) {
    (c.primary, c.junior, c.reinsurance)
}

#[test]
fn one_incident_flows_from_the_retention_into_the_junior_and_the_reinsurance_and_a_rainy_period_brings_the_reinsurance_in() {
    let (mut s, cover, lps, keeper) = market();
    let layers = Layers::deploy(&mut s, &cover);
    let junior_pool = layers.junior.clone();
    let (junior_holder, junior_shares) = layers.shareholder(&mut s, &cover, &junior_pool, "junior-1", 5_000 * USD);
    layers.shareholder(&mut s, &cover, &layers.reinsurance.clone(), "reinsurer-1", 30_000 * USD);
    // The junior's shareholder keeps a ripe exit option (an hour's cooldown here), hoping to
    // leave with everything once it sees claims coming.
    let admin = s.admin.clone();
    let r: Result<(), LayerError> = s.chain.call(&admin, &junior_pool, "set_params", &args![Raw("LayerParams { cooldown_ms: 3600000, withdraw_window_ms: 604800000 }".into())]);
    r.expect("an hour's cooldown");
    let r: Result<u64, LayerError> = s.chain.call(&junior_holder, &junior_pool, "request_withdrawal", &args![junior_shares]);
    r.expect("requested");

    // Five holders buy cover; each sale pays the layers and the treasury their premium share.
    let covers = [1_000 * USD, 3_000 * USD, 10_000 * USD, 10_000 * USD, 10_000 * USD];
    let mut holders = Vec::new();
    let mut policies = Vec::new();
    for (i, amount) in covers.iter().enumerate() {
        let holder = lps.get(i).cloned().unwrap_or_else(|| s.chain.user("holder-5"));
        cover.fund(&mut s, &holder, 2_000 * USD);
        let (primary, junior, reinsurance) = (cover.capital(&mut s), Layers::capital(&mut s, &layers.junior), Layers::capital(&mut s, &layers.reinsurance));
        let (_, due_before): (Option<primary_pool::primary_pool::LayerSetup>, u128) = s.chain.query(&cover.pool, "layers", &args![]);
        let usd_before = cover.usd_of(&mut s, &holder);
        let policy = cover.buy(&mut s, &holder, 0, *amount, TERM_MS, u128::MAX).expect("bought");
        let premium = usd_before - cover.usd_of(&mut s, &holder);
        let (j, r, t) = (premium * 2_000 / 10_000, premium * 1_000 / 10_000, premium * 500 / 10_000);
        let (_, due): (Option<primary_pool::primary_pool::LayerSetup>, u128) = s.chain.query(&cover.pool, "layers", &args![]);
        assert_eq!(Layers::capital(&mut s, &layers.junior).funds - junior.funds, j, "the junior's 20%");
        assert_eq!(Layers::capital(&mut s, &layers.reinsurance).funds - reinsurance.funds, r, "the reinsurance's 10%");
        assert_eq!(due - due_before, t, "the treasury's 5%");
        assert_eq!(cover.capital(&mut s).funds - primary.funds, premium - j - r - t, "the primary keeps the rest");
        // Each layer's exposure: the policy's most (80% of its cover) up to the layer's limit.
        let max_loss = amount * 8_000 / 10_000;
        assert_eq!(Layers::capital(&mut s, &layers.junior).exposure - junior.exposure, max_loss.min(TERMS.junior_limit));
        holders.push(holder);
        policies.push(policy);
    }
    let junior = Layers::capital(&mut s, &layers.junior);
    assert_eq!(junior.locked, junior.exposure.min(TERMS.junior_limit), "the junior's capital backs its limit");
    assert!(junior.unearned > 0, "premiums are earned over the term");

    // The NAV falls; four holders claim in the same incident, in order.
    s.chain.advance_time(WINDOW_MS);
    let struck = crash(&mut s, &keeper);
    let drawdown = (E18 - struck) * 10_000 / E18;
    assert!(drawdown > 1_000, "a drawdown of {drawdown} bps");
    let mut filed = 0;
    let mut per_layer = (0, 0, 0);
    let mut claims = Vec::new();
    for i in 0..4 {
        let (id, claim) = cover.file_claim(&mut s, &holders[i], policies[i]).expect("the trigger holds");
        assert_eq!(shares(&claim.shares), expected(per_layer, claim.amount, false), "claim {i} of {} after {per_layer:?}", claim.amount);
        filed += claim.amount;
        per_layer = (per_layer.0 + claim.shares.primary, per_layer.1 + claim.shares.junior, per_layer.2 + claim.shares.reinsurance);
        claims.push((id, claim));
    }
    println!("drawdown {drawdown} bps; claims {:?}; layers {per_layer:?}", claims.iter().map(|(_, c)| c.amount).collect::<Vec<_>>());
    // The first loss stays inside the retention; by the last one every layer pays.
    assert_eq!(shares(&claims[0].1.shares), (claims[0].1.amount, 0, 0));
    assert!(per_layer.1 == TERMS.junior_limit && per_layer.2 > 0, "the junior is exhausted and the reinsurance reached: {per_layer:?}");
    // Each layer holds its share at once.
    assert_eq!(Layers::capital(&mut s, &layers.junior).held, per_layer.1);
    // The junior's shareholder, its request ripe, cannot leave with what is held nor with
    // what backs the cover in force: only the rest is free, and that is all that leaves.
    let junior = Layers::capital(&mut s, &junior_pool);
    assert_eq!(junior.free, junior.value - junior.exposure.min(TERMS.junior_limit).min(junior.value));
    assert!(junior.value + junior.held <= junior.funds, "what is held is not counted as the shares' value");
    let r: Result<u128, LayerError> = s.chain.call(&junior_holder, &junior_pool, "withdraw", &args![junior_shares]);
    assert_eq!(r, Err(LayerError::CapitalLocked { free: junior.free }));
    assert_eq!(Layers::capital(&mut s, &layers.reinsurance).held, per_layer.2);

    // The claims desk pays them: each layer pays its share to the claimant directly.
    for (i, (id, claim)) in claims.iter().enumerate() {
        let before = cover.usd_of(&mut s, &holders[i]);
        assert_eq!(cover.settle(&mut s, *id, true), Ok(claim.amount));
        assert_eq!(cover.usd_of(&mut s, &holders[i]) - before, claim.amount);
    }
    assert_eq!(Layers::payouts(&mut s, &layers.junior).paid, per_layer.1);
    assert_eq!(Layers::payouts(&mut s, &layers.reinsurance).paid, per_layer.2);
    assert_eq!(Layers::capital(&mut s, &layers.junior).held, 0);
    let epoch = claims[0].1.incident.epoch;
    let incident: IncidentRecord = s.chain.query(&cover.pool, "incident", &args![0u32, 0u32, epoch]);
    assert_eq!((incident.claims, incident.paid), (4, filed));
    let period: u64 = s.chain.query(&cover.pool, "current_period", &args![]);
    let paid: u128 = s.chain.query(&cover.pool, "period_paid", &args![period]);
    assert_eq!(paid, filed);
    assert!(paid >= TERMS.aggregate_threshold, "the period's payouts crossed the aggregate threshold: {paid}");

    // A rainy period: the next incident (incidents are hourly from now) opens past the
    // threshold, so the reinsurance takes half of it off the top.
    let hourly = POOL_PARAMS.replace("incident_ms: 86400000", "incident_ms: 3600000");
    let r: R<()> = cover.admin(&mut s, "set_params", args![Raw(hourly)]);
    r.expect("hourly incidents");
    s.chain.advance_time(HOUR_MS);
    strike(&mut s, &keeper);
    let (id, claim) = cover.file_claim(&mut s, &holders[4], policies[4]).expect("the trigger holds");
    assert_ne!(claim.incident.epoch, epoch, "a new incident");
    assert_eq!(shares(&claim.shares), expected((0, 0, 0), claim.amount, true));
    assert_eq!(cover.settle(&mut s, id, true), Ok(claim.amount));
    assert_eq!(Layers::payouts(&mut s, &layers.reinsurance).incidents, 2, "two reinsurance activations");

    // What the drawdown product's disclosure says of the period is what happened: five
    // policies written, five claims paid in two incidents, the loss ratio of it.
    let d: R<Disclosure> = s.chain.query(&cover.pool, "disclosure", &args![0u32, period]);
    let d = d.expect("disclosure");
    let total = filed + claim.amount;
    assert_eq!((d.record.written, d.record.claims, d.record.triggers, d.record.paid), (covers.iter().sum::<u128>(), 5, 2, total));
    assert_eq!(d.average_payout, total / 5);
    assert_eq!(d.loss_ratio_bps, Some(total * 10_000 / d.record.premiums));
    assert!(d.record.predicted > 0 && d.record.predicted < d.record.paid, "a bad period: actual above predicted");
}

#[test]
fn only_the_primary_pool_draws_on_a_layer_and_a_layers_locked_capital_cannot_leave() {
    let (mut s, cover, lps, _keeper) = market();
    let layers = Layers::deploy(&mut s, &cover);
    let junior = layers.junior.clone();
    // Only pools that back this pool, in their place, can be its layers.
    let admin = s.admin.clone();
    let elsewhere = s.chain.deploy(&admin, "layer_pool", "new", &args![cover.usd, admin, Raw("Junior".into()), HOUR_MS, Raw(laas_e2e_tests::layers::JUNIOR_PARAMS.into())], vec![9]);
    let attachment = TERMS.retention + TERMS.junior_limit;
    for (j, r) in [(&elsewhere, &layers.reinsurance), (&layers.reinsurance, &layers.junior)] {
        let r: R<()> = cover.admin(&mut s, "set_layers", vec![TERMS.setup(Some(j), Some(r), attachment, &layers.treasury)]);
        assert_eq!(r, Err(CoverError::LayerMismatch));
    }
    // A junior without the capital to back its limit refuses a sale, and so the primary pool.
    let holder = lps[0].clone();
    cover.fund(&mut s, &holder, 2_000 * USD);
    let r = cover.buy(&mut s, &holder, 0, 10_000 * USD, 2 * DAY_MS, u128::MAX);
    assert!(matches!(r, Err(CoverError::Layer(LayerError::InsufficientCapital { .. }))), "{r:?}");
    let (shareholder, shares) = layers.shareholder(&mut s, &cover, &junior, "junior-1", 2_500 * USD);
    layers.shareholder(&mut s, &cover, &layers.reinsurance.clone(), "reinsurer-1", 10_000 * USD);
    let stranger = s.chain.user("stranger");
    let r: Result<u128, LayerError> = s.chain.call(&stranger, &junior, "CoverLayer::pay", &args![Raw("(0, 0, 0)".into()), stranger, USD]);
    assert_eq!(r, Err(LayerError::NotPrimary));
    let r: Result<(), LayerError> = s.chain.call(&stranger, &junior, "CoverLayer::underwrite", &args![USD, 0u128, DAY_MS * 1_000, USD]);
    assert_eq!(r, Err(LayerError::NotPrimary));

    // Cover sold: 2,000 of the junior's capital backs its limit until the policy's end + grace.
    cover.buy(&mut s, &holder, 0, 10_000 * USD, 2 * DAY_MS, u128::MAX).expect("bought");
    let r: Result<u64, LayerError> = s.chain.call(&shareholder, &junior, "request_withdrawal", &args![shares]);
    r.expect("requested");
    s.chain.advance_time(DAY_MS);
    let r: Result<u128, LayerError> = s.chain.call(&shareholder, &junior, "withdraw", &args![shares]);
    assert!(matches!(r, Err(LayerError::CapitalLocked { .. })), "{r:?}");
    let capital = Layers::capital(&mut s, &junior);
    assert_eq!(capital.locked, TERMS.junior_limit);
    // The free part leaves; the rest after the policy's end plus the grace period.
    let r: Result<(u128, u128, Option<layer_pool::layer_pool::Withdrawal>), LayerError> = s.chain.query(&junior, "shareholder", &args![shareholder]);
    let (_, worth, _) = r.expect("shareholder");
    let part = laas_math::mul_div(shares, capital.free, worth, laas_math::Rounding::Down).expect("fits");
    let r: Result<u128, LayerError> = s.chain.call(&shareholder, &junior, "withdraw", &args![part]);
    assert!(r.expect("the free capital leaves") <= capital.free);
    // After the policy's end and the grace period, the rest leaves too.
    s.chain.advance_time(2 * DAY_MS + HOUR_MS);
    let r: Result<u64, LayerError> = s.chain.call(&shareholder, &junior, "request_withdrawal", &args![shares - part]);
    r.expect("requested again");
    s.chain.advance_time(DAY_MS);
    let r: Result<u128, LayerError> = s.chain.call(&shareholder, &junior, "withdraw", &args![shares - part]);
    assert!(r.expect("unlocked") > 0);
    assert_eq!(Layers::capital(&mut s, &junior).locked, 0);
}
