//! Weights of the primary cover pool: a quote, a purchase (premium pulled, policy minted),
//! a policy token's transfer, an underwriter's deposit, withdrawal request and withdrawal,
//! with 1 and 1,000 policies sold before.

use laas_e2e_tests::cover::{Cover, USD};
use laas_e2e_tests::suite::{Suite, DAY_MS, E18, HOUR_MS};
use laas_e2e_tests::{args, args::Bytes, args::Raw, Cost};
use laas_traits::cover::PSP34Error;
use laas_traits::RegistryError;
use primary_pool::primary_pool::{CoverError, Quote};

const STAKE: u128 = 10_000_000 * E18;
const TERM: u64 = 30 * DAY_MS;

/// The suite rolled into cycle 1 with the cover market, `policies − 1` policies of 10 USD
/// sold before the measured one; returns its costs.
fn measure(policies: u128) -> Vec<(&'static str, Cost)> {
    let mut s = Suite::new(1, STAKE);
    s.place_pcv(1_000_000 * E18);
    let (admin, registry, amm) = (s.admin.clone(), s.registry.clone(), s.venues[0].clone());
    let (keeper, lp) = (s.chain.user("keeper"), s.chain.user("lp"));
    s.mint_weth(&lp, 100 * E18);
    s.deposit(&lp, 50 * E18).expect("deposit");
    s.to_next_cycle();
    s.rollover(&keeper).expect("rollover");
    let r: Result<(), RegistryError> = s.chain.call(&admin, &registry, "set_venue", &args![0u32, Some(amm), E18]);
    r.expect("venue");
    let r: Result<u128, RegistryError> = s.chain.call(&keeper, &registry, "observe_depth", &args![0u32]);
    r.expect("depth");
    let cover = Cover::deploy(&mut s);
    let (underwriter, shares) = cover.underwriter(&mut s, "underwriter", 1_000_000 * USD);
    let buyer = s.chain.user("buyer");
    cover.fund(&mut s, &buyer, 1_000_000 * USD);
    for _ in 1..policies {
        cover.buy(&mut s, &buyer, 0, 10 * USD, TERM, u128::MAX).expect("a policy");
    }
    s.chain.next_block();
    let mut rows = Vec::new();
    let r: Result<Quote, CoverError> = s.chain.call(&buyer, &cover.pool, "quote", &args![0u32, 10 * USD, TERM, buyer]);
    r.expect("quote");
    rows.push(("quote", s.chain.last_cost()));
    let policy = cover.buy(&mut s, &buyer, 0, 10 * USD, TERM, u128::MAX).expect("the measured policy");
    rows.push(("buy_cover (premium pulled, policy minted)", s.chain.last_cost()));
    let holder = s.chain.user("holder");
    let r: Result<(), PSP34Error> = s.chain.call(&buyer, &cover.nft, "PSP34::transfer", &args![holder, Raw(format!("U128({policy})")), Bytes(&[])]);
    r.expect("transfer");
    rows.push(("PSP34::transfer (a policy)", s.chain.last_cost()));
    let (second, _) = cover.underwriter(&mut s, "underwriter-2", 1_000 * USD);
    rows.push(("deposit", s.chain.last_cost()));
    let r: Result<u64, CoverError> = s.chain.call(&second, &cover.pool, "request_withdrawal", &args![shares / 1_000_000]);
    r.expect("request");
    rows.push(("request_withdrawal", s.chain.last_cost()));
    s.chain.advance_time(DAY_MS + HOUR_MS);
    let r: Result<u128, CoverError> = s.chain.call(&second, &cover.pool, "withdraw", &args![shares / 1_000_000]);
    r.expect("withdraw");
    rows.push(("withdraw (a day of buckets rolled)", s.chain.last_cost()));
    let _ = underwriter;
    rows
}

/// Prints the cover pool's weights with 1 and 1,000 policies sold.
pub fn cover_weights() {
    let small = measure(1);
    let large = measure(1_000);
    crate::print_scaling("primary_pool / policy_nft", "1,000 policies vs 1", &small, &large);
}
