//! The suite's demo: deploys the liquidity side into drink's in-process sandbox and walks a
//! reactor round trip — deposits, a rollover that deploys to the AMM venue, trading, a rollover
//! that shares the fees, a withdrawal on maturity — then TOKE vote delegation, printing what
//! happens and what each step cost.

use laas_e2e_tests::suite::{Suite, E18};
use laas_e2e_tests::{args, args::Bytes, Chain, Cost};
use laas_traits::VotesError;
use psp22::PSP22Error;
use reactor::reactor::{Deployed, FeesDistributed, Pair, ReactorError, RolledOver};

fn fmt(amount: u128) -> String {
    let frac = (amount % E18) * 10_000 / E18;
    format!("{}.{frac:04}", amount / E18)
}

fn cost(c: Cost) -> String {
    format!("ref_time {}, proof_size {}, deposit {}", c.ref_time, c.proof_size, c.storage_deposit)
}

fn main() {
    let mut s = Suite::new(1, 10_000_000 * E18);
    println!("== LaaS demo on drink's sandbox (block {}, t = {} ms)", s.chain.block(), s.chain.now_ms());
    println!("TOKE {} (100,000,000 to the deployer), test WETH {}", s.toke, s.weth);
    println!("AMM venue {}: seeded by the admin with 100 WETH + 200,000 TOKE, 0.3% fee, 10 min TWAP", s.venues[0]);
    println!("factory {}: weekly cycles from now; it created the WETH reactor {} with tWETH {}", s.factory, s.reactor, s.tasset);
    println!("LD stake (fixed until LD staking lands): 10,000,000 TOKE; deployment cap 2x its value");

    s.place_pcv(400_000 * E18);
    println!("treasury placed 400,000 TOKE of PCV: the pairing side and junior capital");
    let (lp1, lp2, keeper) = (s.chain.user("lp-1"), s.chain.user("lp-2"), s.chain.user("keeper"));
    for (name, lp, amount) in [("lp-1", &lp1, 10 * E18), ("lp-2", &lp2, 30 * E18)] {
        s.mint_weth(lp, amount);
        let minted = s.deposit(lp, amount).expect("deposit");
        println!("{name} deposited {} WETH, got {} tWETH ({})", fmt(amount), fmt(minted), cost(s.chain.last_cost()));
    }

    s.to_next_cycle();
    let cycle = s.rollover(&keeper).expect("rollover");
    let reactor = s.reactor.clone();
    for d in s.chain.events::<Deployed>(&reactor) {
        println!("rollover into cycle {cycle}: deployed {} WETH + {} TOKE to the AMM ({})", fmt(d.amounts.asset), fmt(d.amounts.pairing), cost(s.chain.last_cost()));
    }

    let trader = s.trader("trader", 100 * E18, 1_000_000 * E18);
    for _ in 0..10 {
        let toke = s.swap(&trader, 0, true, 2 * E18);
        s.swap(&trader, 0, false, toke);
    }
    println!("a trader swapped 2 WETH to TOKE and back ten times");

    assert_eq!(s.request(&lp1, 4 * E18), Ok(2));
    println!("lp-1 asked to withdraw 4 tWETH: matures at cycle 2");
    s.to_next_cycle();
    let cycle = s.rollover(&keeper).expect("rollover");
    for f in s.chain.events::<FeesDistributed>(&reactor) {
        println!(
            "rollover into cycle {cycle}: venue fees shared — LPs {} WETH + {} TOKE, LDs {} WETH + {} TOKE, treasury {} WETH + {} TOKE",
            fmt(f.lp.asset), fmt(f.lp.pairing), fmt(f.ld.asset), fmt(f.ld.pairing), fmt(f.treasury.asset), fmt(f.treasury.pairing)
        );
    }
    for r in s.chain.events::<RolledOver>(&reactor) {
        println!("NAV {} per tWETH; holdings {} WETH at TWAP for {} tWETH ({})", fmt(r.nav), fmt(r.holdings), fmt(r.supply), cost(s.chain.last_cost()));
    }
    let paid = s.withdraw(&lp1, 4 * E18).expect("withdraw");
    println!("lp-1 withdrew: 4 tWETH burnt, {} WETH paid ({})", fmt(paid), cost(s.chain.last_cost()));
    let fees: Result<Pair, ReactorError> = s.chain.call(&lp1, &reactor, "claim_fees", &args![]);
    let fees = fees.expect("claim");
    println!("lp-1 claimed {} WETH + {} TOKE of fees", fmt(fees.asset), fmt(fees.pairing));

    delegation(&mut s.chain, &s.toke.clone());
    println!("== demo finished at block {}, t = {} ms", s.chain.block(), s.chain.now_ms());
}

/// A liquidity director receives TOKE and delegates its votes; past votes stay readable.
fn delegation(chain: &mut Chain, toke: &laas_e2e_tests::Address) {
    let (admin, ld) = (chain.user("alice"), chain.user("director"));
    let r: Result<(), PSP22Error> = chain.call(&admin, toke, "PSP22::transfer", &args![ld, 50_000 * E18, Bytes(&[])]);
    r.expect("TOKE transfer");
    let r: Result<(), VotesError> = chain.call(&ld, toke, "Votes::delegate", &args![Some(ld.clone())]);
    r.expect("delegate");
    let snapshot = chain.block();
    chain.advance_blocks(3);
    let r: Result<(), PSP22Error> = chain.call(&ld, toke, "PSP22::transfer", &args![admin, 20_000 * E18, Bytes(&[])]);
    r.expect("TOKE transfer back");
    chain.next_block();
    let now: u128 = chain.query(toke, "Votes::get_votes", &args![ld]);
    let then: Result<u128, VotesError> = chain.query(toke, "Votes::get_past_votes", &args![ld, snapshot]);
    println!(
        "a director delegated 50,000 TOKE to itself at block {snapshot}: {} votes then, {} now after returning 20,000",
        fmt(then.unwrap_or_default()),
        fmt(now)
    );
}
