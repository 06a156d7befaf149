//! Weights of a sale that pays two layers their premium share, and of a claim's payout
//! through the loss waterfall: paid by the primary pool alone, by
//! the primary and the junior, and by all three layers (the primary pool calls each layer in
//! turn; each pays the claimant itself), with 1 and 1,000 policies sold before; and of a
//! maturity guarantee paid through all three (which opens a recovery) and repaid by the
//! operator back through them, reinsurance first.

use laas_e2e_tests::catalogue::{maturity_product, term_position};
use laas_e2e_tests::cover::{crash, market, strike, Cover, POOL_PARAMS, USD, WINDOW_MS};
use laas_e2e_tests::layers::Layers;
use laas_e2e_tests::suite::{Suite, DAY_MS, HOUR_MS};
use laas_e2e_tests::{args, args::Raw, Address, Cost};
use primary_pool::primary_pool::{Claim, CoverError};

const TERM: u64 = 30 * DAY_MS;

fn file_and_pay(s: &mut Suite, cover: &Cover, holder: &Address, policy: u128, keeper: &Address) -> (Claim, Cost) {
    // A new incident each hour (the drawdown still holds within its window).
    s.chain.advance_time(HOUR_MS);
    strike(s, keeper);
    let (id, claim) = cover.file_claim(s, holder, policy).expect("filed");
    cover.settle(s, id, true).expect("paid");
    (claim, s.chain.last_cost())
}

/// The market with the layers of the scenarios (retention 1,000 USD, the junior 2,000 above,
/// the reinsurance above 3,000) and `policies − 1` policies of 10 USD sold before three
/// holders' policies of 1,000, 3,000 and 10,000 USD. After a crash of about 62%, each claim,
/// in an incident of its own, pays about 500, 1,500 and 5,000: inside the retention, into the
/// junior, into the reinsurance.
fn measure(policies: u128) -> Vec<(&'static str, Cost)> {
    let (mut s, cover, lps, keeper) = market();
    let layers = Layers::deploy(&mut s, &cover);
    let (junior, reinsurance) = (layers.junior.clone(), layers.reinsurance.clone());
    layers.shareholder(&mut s, &cover, &junior, "junior", 100_000 * USD);
    layers.shareholder(&mut s, &cover, &reinsurance, "reinsurer", 100_000 * USD);
    let buyer = s.chain.user("buyer");
    cover.fund(&mut s, &buyer, 100_000 * USD);
    // A Term position maturing in five days, and 10,000 of its maturity guarantee.
    let operator = s.chain.user("term-operator");
    let maturity = s.chain.now_ms() + 5 * DAY_MS;
    let (_, position) = term_position(&mut s, &operator, maturity);
    let product = cover.create(&mut s, maturity_product(position, maturity)).expect("the maturity guarantee");
    let guaranteed = s.chain.user("guaranteed");
    cover.fund(&mut s, &guaranteed, 1_000 * USD);
    let guarantee = cover.buy(&mut s, &guaranteed, product, 10_000 * USD, TERM, u128::MAX).expect("guaranteed");
    for _ in 1..policies {
        cover.buy(&mut s, &buyer, 0, 10 * USD, TERM, u128::MAX).expect("a policy");
    }
    let mut rows = Vec::new();
    let mut bought = Vec::new();
    for (i, amount) in [1_000 * USD, 3_000 * USD, 10_000 * USD].into_iter().enumerate() {
        let holder = lps[i].clone();
        cover.fund(&mut s, &holder, 1_000 * USD);
        bought.push((holder.clone(), cover.buy(&mut s, &holder, 0, amount, TERM, u128::MAX).expect("bought")));
        if i == 0 {
            rows.push(("buy_cover (premium split with two layers)", s.chain.last_cost()));
        }
    }
    s.chain.advance_time(WINDOW_MS);
    crash(&mut s, &keeper);
    let hourly = POOL_PARAMS.replace("incident_ms: 86400000", "incident_ms: 3600000");
    let r: Result<(), CoverError> = cover.admin(&mut s, "set_params", args![Raw(hourly)]);
    r.expect("hourly incidents");
    for ((holder, policy), (label, layers_paying)) in bought.iter().zip([("settle_claim: primary only", 1), ("settle_claim: primary + junior", 2), ("settle_claim: all three layers", 3)]) {
        let (claim, cost) = file_and_pay(&mut s, &cover, holder, *policy, &keeper);
        let paying = [claim.shares.primary, claim.shares.junior, claim.shares.reinsurance].iter().filter(|v| **v > 0).count();
        assert_eq!(paying, layers_paying, "{label}: {:?}", claim.shares);
        rows.push((label, cost));
    }
    // Past the maturity by two days, unsettled: the guarantee pays 1,000 / 2,000 / 7,000 and
    // the operator repays it all, 7,000 to the reinsurance, 2,000 to the junior, 1,000 back.
    s.chain.advance_time(maturity + 2 * DAY_MS - s.chain.now_ms());
    let (id, claim) = cover.file_claim(&mut s, &guaranteed, guarantee).expect("filed");
    assert!(claim.shares.reinsurance > 0 && claim.shares.junior > 0, "{:?}", claim.shares);
    cover.settle(&mut s, id, true).expect("paid");
    rows.push(("settle_claim: maturity guarantee (a recovery)", s.chain.last_cost()));
    cover.fund(&mut s, &operator, 10_000 * USD);
    assert_eq!(cover.repay(&mut s, &operator, id, 10_000 * USD), Ok(10_000 * USD));
    rows.push(("repay_recovery: back through three layers", s.chain.last_cost()));
    rows
}

/// Prints the waterfall's weights with 1 and 1,000 policies sold.
pub fn layer_weights() {
    let small = measure(1);
    let large = measure(1_000);
    crate::print_scaling("primary_pool → layer_pool (payouts)", "1,000 policies vs 1", &small, &large);
}
