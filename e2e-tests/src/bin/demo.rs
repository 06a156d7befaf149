//! The suite's demo: deploys the contracts that exist so far into drink's in-process sandbox
//! and walks through a short user story, printing what happens.

use laas_e2e_tests::{address_of, args, args::{Bytes, Raw}, Chain};
use laas_traits::VotesError;
use psp22::PSP22Error;

const E18: u128 = 1_000_000_000_000_000_000;

fn fmt(amount: u128, decimals: u32) -> String {
    let unit = 10u128.pow(decimals);
    let frac = (amount % unit) * 10_000 / unit;
    format!("{}.{frac:04}", amount / unit)
}

fn main() {
    let mut chain = Chain::new();
    let deployer = chain.user("alice");
    let treasury = chain.user("treasury");
    let (lp, ld, buyer) = (chain.user("lp"), chain.user("ld"), chain.user("buyer"));

    println!("== LaaS demo on drink's sandbox (block {}, t = {} ms)", chain.block(), chain.now_ms());

    let toke = chain.deploy(&deployer, "toke", "new", &args![treasury], vec![]);
    println!("deployed TOKE at {toke}: 100,000,000 TOKE minted to the treasury {treasury}");
    let weth = chain.deploy(&deployer, "test_asset", "new", &args!["Wrapped Ether", "WETH", 18u8, 10 * E18], vec![]);
    println!("deployed test WETH at {weth} (faucet: 10 WETH per account)");

    let tasset_code = chain.upload("tasset");
    let minter = chain.deploy(&deployer, "test_minter", "new", &args![Raw(tasset_code), "Tokemak WETH", "tWETH", 18u8, Bytes(&[1u8; 32])], vec![]);
    let tweth = address_of(chain.query(&minter, "tasset", &args![]));
    chain.register("tasset", &tweth);
    println!("a stand-in reactor at {minter} instantiated tWETH at {tweth} and is its minter");

    // An LP draws WETH from the faucet; the stand-in reactor mints 1:1 tWETH for it.
    let r: Result<(), test_asset::test_asset::Error> = chain.call(&lp, &weth, "faucet", &args![10 * E18]);
    r.expect("faucet");
    println!("lp drew 10 WETH from the faucet");
    let r: Result<(), test_minter::test_minter::Error> = chain.call(&deployer, &minter, "mint", &args![lp, 10 * E18]);
    r.expect("mint");
    let cost = chain.last_cost();
    println!("reactor minted 10 tWETH to lp (ref_time {}, proof_size {}, deposit {})", cost.ref_time, cost.proof_size, cost.storage_deposit);

    // The LP sells 4 tWETH; the reactor hears of it before balances move.
    let r: Result<(), PSP22Error> = chain.call(&lp, &tweth, "PSP22::transfer", &args![buyer, 4 * E18, Bytes(&[])]);
    r.expect("tWETH transfer");
    let heard: Vec<test_minter::test_minter::HookObserved> = chain.events(&minter);
    for h in heard {
        println!("reactor notified: {} tWETH about to move from lp to buyer", fmt(h.amount, 18));
    }
    let lp_bal: u128 = chain.query(&tweth, "PSP22::balance_of", &args![lp]);
    let buyer_bal: u128 = chain.query(&tweth, "PSP22::balance_of", &args![buyer]);
    println!("tWETH balances: lp {}, buyer {}", fmt(lp_bal, 18), fmt(buyer_bal, 18));

    // The treasury pays a liquidity director, who delegates its votes to itself.
    let r: Result<(), PSP22Error> = chain.call(&treasury, &toke, "PSP22::transfer", &args![ld, 50_000 * E18, Bytes(&[])]);
    r.expect("TOKE transfer");
    let cost = chain.last_cost();
    println!("treasury paid 50,000 TOKE to ld (ref_time {}, proof_size {})", cost.ref_time, cost.proof_size);
    let r: Result<(), VotesError> = chain.call(&ld, &toke, "Votes::delegate", &args![Some(ld.clone())]);
    r.expect("delegate");
    let snapshot = chain.block();
    chain.advance_blocks(3);
    let r: Result<(), PSP22Error> = chain.call(&ld, &toke, "PSP22::transfer", &args![treasury, 20_000 * E18, Bytes(&[])]);
    r.expect("TOKE transfer back");
    chain.next_block();
    let votes_now: u128 = chain.query(&toke, "Votes::get_votes", &args![ld]);
    let votes_then: Result<u128, VotesError> = chain.query(&toke, "Votes::get_past_votes", &args![ld, snapshot]);
    println!(
        "ld delegated to itself at block {snapshot}: {} votes then, {} now after returning 20,000 TOKE",
        fmt(votes_then.unwrap_or_default(), 18),
        fmt(votes_now, 18)
    );
    // The treasury seeds a WETH/TOKE AMM venue; a trader swaps; the LP's fees wait apart.
    let pool = chain.deploy(&treasury, "venue_amm", "new", &args![weth, toke, 30u16, 600_000u64, 200u16], vec![]);
    println!("deployed the WETH/TOKE AMM venue at {pool} (0.3% fee, 10 min TWAP)");
    let r: Result<(), test_asset::test_asset::Error> = chain.call(&deployer, &weth, "mint", &args![treasury, 100 * E18]);
    r.expect("mint WETH");
    for token in [&weth, &toke] {
        let r: Result<(), PSP22Error> = chain.call(&treasury, token, "PSP22::approve", &args![pool, u128::MAX]);
        r.expect("approve");
    }
    let r: Result<u128, laas_traits::VenueError> =
        chain.call(&treasury, &pool, "add_liquidity", &args![100 * E18, 200_000 * E18, 0u128, 0u128, u64::MAX]);
    r.expect("seed pool");
    println!("treasury seeded the pool with 100 WETH + 200,000 TOKE (1 WETH = 2,000 TOKE)");
    chain.advance_time(600_000);
    let r: Result<(), test_asset::test_asset::Error> = chain.call(&buyer, &weth, "faucet", &args![E18]);
    r.expect("faucet");
    let r: Result<(), PSP22Error> = chain.call(&buyer, &weth, "PSP22::approve", &args![pool, E18]);
    r.expect("approve");
    let r: Result<u128, laas_traits::VenueError> = chain.call(&buyer, &pool, "swap", &args![true, E18, 0u128, u64::MAX]);
    let out = r.expect("swap");
    let cost = chain.last_cost();
    println!("buyer swapped 1 WETH for {} TOKE (ref_time {}, proof_size {})", fmt(out, 18), cost.ref_time, cost.proof_size);
    chain.advance_time(150_000);
    let twap: Result<u128, laas_traits::VenueError> = chain.query(&pool, "Venue::twap", &args![]);
    let fees: Result<(u128, u128), laas_traits::VenueError> = chain.query(&pool, "pending_fees", &args![treasury]);
    let (fee_weth, _) = fees.unwrap_or_default();
    println!(
        "TWAP over the last 10 min: {} TOKE per WETH; treasury's uncollected LP fees: {} WETH",
        fmt(twap.unwrap_or_default(), 18),
        fmt(fee_weth, 18)
    );
    println!("== demo finished at block {}, t = {} ms", chain.block(), chain.now_ms());
}
