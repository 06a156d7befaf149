//! Weights of the DeGenesis pool with 1 and 1,000 participants before the measured one (the
//! whitelist is the same 1,024 accounts in both runs, so proofs are ten hashes long): a first
//! deposit (with its proof), a top-up, a withdrawal, the organiser's publication, and a
//! finalisation that sends the effective part to the treasury, the TOKE to the account and
//! the rest into the genesis reactor.

use laas_e2e_tests::genesis::{approve_toke, config, deploy, deposit, dollar_reactor, fund, whitelist, DEPOSITS_MS, LAST_LOOK_MS};
use laas_e2e_tests::suite::{Suite, E18};
use laas_e2e_tests::{args, args::Raw, Address, Cost};
use genesis_pool::genesis_pool::{GenesisError, Split};
use laas_math::{ratio_fixed, Rounding, ONE};

const LISTED: usize = 1_024;

fn measure(participants: usize) -> Vec<(&'static str, Cost)> {
    let mut s = Suite::genesis(1, 1_000 * E18);
    let (usd, usd_reactor, usd_pool) = dollar_reactor(&mut s, 1_000_000 * E18);
    let listed: Vec<Address> = (0..LISTED).map(|i| s.chain.user(&format!("listed-{i}"))).collect();
    let (root, proofs) = whitelist(&listed);
    let event = config(&mut s, root, &usd, &usd_reactor, &usd_pool, "Liquid");
    let pool = deploy(&mut s, event);
    for i in 0..participants {
        fund(&mut s, &usd, &listed[i], 10 * E18, &pool);
        deposit(&mut s, &pool, &listed[i], 1, 10 * E18, &proofs[i]).expect("a participant");
    }
    let weth = s.weth.clone();
    let (measured, leaver) = (listed[LISTED - 1].clone(), listed[LISTED - 2].clone());
    fund(&mut s, &weth, &measured, 5 * E18, &pool);
    fund(&mut s, &usd, &leaver, 10 * E18, &pool);
    deposit(&mut s, &pool, &leaver, 1, 10 * E18, &proofs[LISTED - 2]).expect("the leaver");
    s.chain.next_block();
    let mut rows = Vec::new();
    deposit(&mut s, &pool, &measured, 0, 4 * E18, &proofs[LISTED - 1]).expect("first deposit");
    rows.push(("deposit (first, with its proof)", s.chain.last_cost()));
    deposit(&mut s, &pool, &measured, 0, E18, &[]).expect("top-up");
    rows.push(("deposit (top-up)", s.chain.last_cost()));
    let r: Result<u128, GenesisError> = s.chain.call(&leaver, &pool, "withdraw", &args![]);
    r.expect("withdraw");
    rows.push(("withdraw", s.chain.last_cost()));
    s.chain.advance_time(DEPOSITS_MS);
    let (total, ..): (u128, bool, Vec<u128>, u128, u128) = s.chain.query(&pool, "totals", &args![]);
    let over = ratio_fixed(30_000 * E18, total, Rounding::Down).expect("rate").min(ONE);
    s.give_toke(&s.treasury.clone(), 1_000_000 * E18);
    approve_toke(&mut s, &pool, 1_000_000 * E18);
    let admin = s.admin.clone();
    let r: Result<u128, GenesisError> = s.chain.call(&admin, &pool, "publish", &args![ONE, over]);
    r.expect("publish");
    rows.push(("publish (TOKE taken from the treasury)", s.chain.last_cost()));
    s.chain.advance_time(LAST_LOOK_MS);
    let r: Result<Split, GenesisError> = s.chain.call(&measured, &pool, "finalize", &args![Raw("Reactor".into())]);
    r.expect("finalize");
    rows.push(("finalize (TOKE, the rest into the reactor)", s.chain.last_cost()));
    rows
}

/// Prints the DeGenesis pool's weights with 1 and 1,000 participants before.
pub fn genesis_weights() {
    let small = measure(1);
    let large = measure(1_000);
    crate::print_scaling("genesis_pool", "1,000 participants vs 1", &small, &large);
}
