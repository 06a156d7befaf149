//! Weight and storage-deposit benchmark of the LaaS contracts in drink's sandbox.
//!
//! Weights (ref_time, proof_size) and storage deposits are deterministic for the same code
//! and state, so this prints exact figures and ratios, not timings.
//!
//! Compares TOKE's `PSP22::transfer` with the reference token of the `psp22` crate (its
//! example contract, built by `scripts/bench.sh` with the same toolchain and cargo-contract),
//! side by side in one run. `--check` exits non-zero if TOKE's transfer costs more, against
//! the reference, than the bounds below: the accepted price of on-chain checkpointed votes, so
//! that any regression fails.

mod cover;
mod core_event;
mod genesis;
mod layers;
mod registry;

use laas_e2e_tests::{args, args::Bytes, load_bundle, Address, Chain, Cost};
use psp22::PSP22Error;

/// TOKE transfers between holders who have not delegated, at most this multiple of the
/// reference's (ref_time, proof_size): the accepted price of on-chain checkpointed votes
/// (measured 1.052× / 1.092×, the vote machinery's code making each call read about 2 KB
/// more) and of the suite-wide `Roles::roles` query (306 bytes of code): 1.059× / 1.106×.
const PLAIN_BOUND: (f64, f64) = (1.06, 1.11);
/// TOKE transfers between holders delegating to different delegates (two history reads, two
/// to four writes, two `DelegateVotesChanged` events): measured 1.899× / 1.625×.
const DELEGATED_BOUND: (f64, f64) = (1.90, 1.63);

struct Row {
    token: &'static str,
    case: &'static str,
    cost: Cost,
}

/// One transfer between `from` and `to`, in a fresh block, and its cost.
fn transfer(chain: &mut Chain, token: &Address, from: &Address, to: &Address, value: u128) -> Cost {
    chain.next_block();
    let r: Result<(), PSP22Error> = chain.call(from, token, "PSP22::transfer", &args![to, value, Bytes(&[])]);
    r.expect("benchmark transfer succeeds");
    chain.last_cost()
}

fn measure_transfers(chain: &mut Chain, token: &Address, name: &'static str, holder: &Address, rows: &mut Vec<Row>) {
    let a = chain.user(&format!("{name}-a"));
    let b = chain.user(&format!("{name}-b"));
    transfer(chain, token, holder, &a, 1_000_000);
    rows.push(Row { token: name, case: "to a new holder", cost: transfer(chain, token, &a, &b, 1_000) });
    rows.push(Row { token: name, case: "between holders", cost: transfer(chain, token, &a, &b, 1_000) });
    rows.push(Row { token: name, case: "emptying sender", cost: {
        let c = chain.user(&format!("{name}-c"));
        transfer(chain, token, holder, &c, 500);
        transfer(chain, token, &c, &b, 500)
    }});
}

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let reference_path = std::env::var("LAAS_PSP22_REFERENCE")
        .expect("set LAAS_PSP22_REFERENCE to the psp22 crate's built token (scripts/bench.sh does)");

    let mut chain = Chain::new();
    let alice = chain.user("alice");
    let mut rows = Vec::new();

    // The reference token, deployed from the crate's own example contract.
    let reference = chain.deploy(&alice, &reference_path, "new", &args![1_000_000_000_000u128, Some("Reference"), Some("REF"), 18u8], vec![]);
    let reference_deploy = chain.last_cost();
    measure_transfers(&mut chain, &reference, "reference", &alice, &mut rows);

    let toke = chain.deploy(&alice, "toke", "new", &args![alice], vec![]);
    let toke_deploy = chain.last_cost();
    measure_transfers(&mut chain, &toke, "TOKE", &alice, &mut rows);

    // TOKE between holders who both delegated (to different delegates): votes move too.
    let (d1, d2) = (chain.user("delegate-1"), chain.user("delegate-2"));
    let (a, b) = (chain.user("TOKE-a"), chain.user("TOKE-b"));
    for (who, to) in [(&a, &d1), (&b, &d2)] {
        let r: Result<(), laas_traits::VotesError> = chain.call(who, &toke, "Votes::delegate", &args![Some(to.clone())]);
        r.expect("delegate");
    }
    transfer(&mut chain, &toke, &a, &b, 1_000);
    rows.push(Row { token: "TOKE", case: "both delegated", cost: transfer(&mut chain, &toke, &a, &b, 1_000) });
    rows.push(Row { token: "TOKE", case: "both delegated, same block", cost: {
        let r: Result<(), PSP22Error> = chain.call(&a, &toke, "PSP22::transfer", &args![b, 1_000u128, Bytes(&[])]);
        r.expect("transfer");
        chain.last_cost()
    }});

    let code = |name: &str| load_bundle(name).wasm.len();
    println!("code size: reference {} bytes, TOKE {} bytes", code(&reference_path), code("toke"));
    println!(
        "instantiate: reference ref_time {} proof_size {} deposit {}; TOKE ref_time {} proof_size {} deposit {}",
        reference_deploy.ref_time, reference_deploy.proof_size, reference_deploy.storage_deposit,
        toke_deploy.ref_time, toke_deploy.proof_size, toke_deploy.storage_deposit
    );
    println!();
    println!("{:<10} {:<28} {:>14} {:>11} {:>9}   vs reference (between holders)", "token", "PSP22::transfer", "ref_time", "proof_size", "deposit");
    let base = rows
        .iter()
        .find(|r| r.token == "reference" && r.case == "between holders")
        .map(|r| r.cost)
        .expect("reference row");
    for r in &rows {
        let rt = r.cost.ref_time as f64 / base.ref_time as f64;
        let ps = r.cost.proof_size as f64 / base.proof_size as f64;
        println!(
            "{:<10} {:<28} {:>14} {:>11} {:>9}   {:.3}x / {:.3}x",
            r.token, r.case, r.cost.ref_time, r.cost.proof_size, r.cost.storage_deposit, rt, ps
        );
    }

    amm_weights(&mut chain);
    pool_weights(base, &reference_path);
    staking_weights();
    dao_weights();
    registry::registry_weights();
    cover::cover_weights();
    layers::layer_weights();
    genesis::genesis_weights();
    core_event::core_weights();

    if check {
        let mut failures = Vec::new();
        for r in rows.iter().filter(|r| r.token == "TOKE") {
            let bound = if r.case.starts_with("both delegated") { DELEGATED_BOUND } else { PLAIN_BOUND };
            let (rt, ps) = (r.cost.ref_time as f64 / base.ref_time as f64, r.cost.proof_size as f64 / base.proof_size as f64);
            if rt > bound.0 || ps > bound.1 {
                failures.push(format!("TOKE {}: {rt:.3}x / {ps:.3}x the reference, over the bound {:.2}x / {:.2}x", r.case, bound.0, bound.1));
            }
        }
        if !failures.is_empty() {
            for f in &failures {
                eprintln!("bound exceeded: {f}");
            }
            std::process::exit(1);
        }
        println!(
            "\nbounds held: TOKE transfer <= {:.2}x / {:.2}x the reference without delegation, <= {:.2}x / {:.2}x with it",
            PLAIN_BOUND.0, PLAIN_BOUND.1, DELEGATED_BOUND.0, DELEGATED_BOUND.1
        );
    }
}

/// Weights of the AMM venue's main messages on a seeded WETH/TOKE pool.
fn amm_weights(chain: &mut Chain) {
    const E18: u128 = 1_000_000_000_000_000_000;
    const NEVER: u64 = u64::MAX;
    let alice = chain.user("alice");
    let weth = chain.deploy(&alice, "test_asset", "new", &args!["Wrapped Ether", "WETH", 18u8, 0u128], vec![]);
    let toke = chain.deploy(&alice, "toke", "new", &args![alice], vec![1]);
    let pool = chain.deploy(&alice, "venue_amm", "new", &args![weth, toke, 30u16, 600_000u64, 200u16], vec![]);
    let r: Result<(), test_asset::test_asset::Error> = chain.call(&alice, &weth, "mint", &args![alice, 1_000_000 * E18]);
    r.expect("mint");
    for token in [&weth, &toke] {
        let r: Result<(), PSP22Error> = chain.call(&alice, token, "PSP22::approve", &args![pool, u128::MAX]);
        r.expect("approve");
    }
    let mut rows: Vec<(&str, Cost)> = Vec::new();
    let mut measure = |chain: &mut Chain, label: &'static str, message: &str, args: Vec<String>| {
        chain.next_block();
        let r: Result<(u128, u128), laas_traits::VenueError> = match message {
            "swap" | "add_liquidity" => {
                let r: Result<u128, laas_traits::VenueError> = chain.call(&alice, &pool, message, &args);
                r.map(|v| (v, 0))
            }
            _ => chain.call(&alice, &pool, message, &args),
        };
        r.unwrap_or_else(|e| panic!("{label}: {e:?}"));
        rows.push((label, chain.last_cost()));
    };
    measure(chain, "add_liquidity (first)", "add_liquidity", args![100 * E18, 200_000 * E18, 0u128, 0u128, NEVER]);
    measure(chain, "add_liquidity", "add_liquidity", args![10 * E18, 20_000 * E18, 0u128, 0u128, NEVER]);
    measure(chain, "swap asset -> TOKE", "swap", args![true, E18, 0u128, NEVER]);
    measure(chain, "swap TOKE -> asset", "swap", args![false, 2_000 * E18, 0u128, NEVER]);
    measure(chain, "collect", "collect", args![]);
    measure(chain, "remove_liquidity", "remove_liquidity", args![E18, 0u128, 0u128, NEVER]);
    println!();
    println!("{:<28} {:>14} {:>11} {:>9}", "venue_amm", "ref_time", "proof_size", "deposit");
    for (label, c) in rows {
        println!("{:<28} {:>14} {:>11} {:>9}", label, c.ref_time, c.proof_size, c.storage_deposit);
    }
}

/// The LD stake behind the pool benchmarks' reactor, TOKE.
const STAKE: u128 = 10_000_000 * laas_e2e_tests::suite::E18;

/// The reactor's rollover before the pool/manager split (the same benchmark, 1 venue): first
/// deploy and fees + rebalance, `(ref_time, proof_size)`. The target is at most 1.3× these.
const ROLLOVER_BEFORE: [(u64, u64); 2] = [(20_804_295_486, 363_506), (21_723_789_495, 362_351)];

/// Weights of what LPs do with the pool (tWETH) against the reference transfer `base`: over
/// the test WETH (the suite's own asset, with an admin surface) and over a plain PSP22 (the
/// reference token as the asset, as a real wrapped ether would be); a breakdown of a deposit;
/// the reactor's rollover with one and three venues; and every LP message of one more LP after
/// 1 and after 1,000 LPs (O(1): the figures must not move). The targets are judged over the
/// plain asset: the pool's cost is what it adds to the asset's own transfer.
fn pool_weights(base: Cost, reference: &str) {
    use laas_e2e_tests::suite::{Suite, E18};

    let mut rows: Vec<(String, Cost, Option<f64>)> = Vec::new();
    let mut breakdown = String::new();
    for (asset, plain) in [("test WETH", false), ("plain PSP22", true)] {
        for venues in [1usize, 3] {
            if plain && venues == 3 {
                continue;
            }
            let mut s = if plain { Suite::with_plain_asset(venues, STAKE, reference) } else { Suite::new(venues, STAKE) };
            let target = |t: f64| if plain { Some(t) } else { None };
            s.place_pcv(1_000_000 * E18);
            let keeper = s.chain.user("keeper");
            let (lp, friend) = (s.chain.user("lp"), s.chain.user("friend"));
            s.mint_weth(&lp, 100 * E18);
            s.chain.next_block();
            s.deposit(&lp, 50 * E18).expect("deposit");
            if venues == 1 {
                rows.push((format!("{asset}: deposit (new holder)"), s.chain.last_cost(), target(3.0)));
                s.chain.next_block();
                s.deposit(&lp, 10 * E18).expect("deposit");
                let deposit = s.chain.last_cost();
                rows.push((format!("{asset}: deposit (holder)"), deposit, target(3.0)));
                if plain {
                    breakdown = deposit_breakdown(&mut s, deposit, reference);
                }
                s.chain.next_block();
                s.request(&lp, 5 * E18).expect("request");
                rows.push((format!("{asset}: request_withdrawal"), s.chain.last_cost(), target(1.75)));
                s.chain.next_block();
                let pool = s.tasset.clone();
                let r: Result<(), psp22::PSP22Error> = s.chain.call(&lp, &pool, "PSP22::transfer", &args![friend, E18, Bytes(&[])]);
                r.expect("transfer");
                rows.push((format!("{asset}: tWETH PSP22::transfer"), s.chain.last_cost(), target(1.75)));
            }
            s.to_next_cycle();
            s.rollover(&keeper).expect("rollover");
            rows.push((format!("{asset}: rollover, {venues} venue(s), first deploy"), s.chain.last_cost(), None));
            let trader = s.trader("trader", 100 * E18, 1_000_000 * E18);
            for v in 0..venues {
                let out = s.swap(&trader, v, true, E18);
                s.swap(&trader, v, false, out);
            }
            s.to_next_cycle();
            s.rollover(&keeper).expect("rollover");
            rows.push((format!("{asset}: rollover, {venues} venue(s), fees + rebalance"), s.chain.last_cost(), None));
            if venues == 1 {
                s.chain.next_block();
                s.withdraw(&lp, 4 * E18).expect("withdraw");
                rows.push((format!("{asset}: withdraw"), s.chain.last_cost(), target(3.0)));
                s.chain.next_block();
                s.claim(&lp).expect("claim");
                rows.push((format!("{asset}: claim (asset and TOKE)"), s.chain.last_cost(), target(3.0)));
            }
        }
    }

    println!();
    println!("{:<50} {:>14} {:>11} {:>9}   vs reference transfer   target", "pool (tWETH) and reactor", "ref_time", "proof_size", "deposit");
    for (label, c, target) in &rows {
        let (rt, ps) = (c.ref_time as f64 / base.ref_time as f64, c.proof_size as f64 / base.proof_size as f64);
        let verdict = match target {
            Some(t) if rt <= *t && ps <= *t => format!("<= {t}x: met"),
            Some(t) => format!("<= {t}x: MISSED"),
            None => String::new(),
        };
        println!("{:<50} {:>14} {:>11} {:>9}   {:>7.3}x / {:.3}x      {verdict}", label, c.ref_time, c.proof_size, c.storage_deposit, rt, ps);
    }
    for (i, label) in ["test WETH: rollover, 1 venue(s), first deploy", "test WETH: rollover, 1 venue(s), fees + rebalance"].iter().enumerate() {
        if let Some((_, c, _)) = rows.iter().find(|(l, _, _)| l == label) {
            let (rt, ps) = (c.ref_time as f64 / ROLLOVER_BEFORE[i].0 as f64, c.proof_size as f64 / ROLLOVER_BEFORE[i].1 as f64);
            let met = if rt <= 1.3 && ps <= 1.3 { "met" } else { "MISSED" };
            println!("{label} vs before the pool/manager split: {rt:.3}x / {ps:.3}x (target <= 1.3x: {met})");
        }
    }
    let code = load_bundle("tasset").wasm.len();
    println!("pool (tasset) code: {code} bytes (target <= 30,000: {})", if code <= 30_000 { "met" } else { "MISSED" });
    println!(
        "its books code (tasset_books: the manager's messages and the views, run by delegate call): {} bytes",
        load_bundle("tasset_books").wasm.len()
    );
    println!("{breakdown}");
    flat_in_holders();
}

/// Every LP message of one more LP (deposit, transfer, request, withdraw, claim) after 1 and
/// after 1,000 LPs: nothing reads the other holders, so the figures must be identical.
fn flat_in_holders() {
    use laas_e2e_tests::suite::{Suite, E18};
    const MESSAGES: [&str; 5] = ["deposit", "PSP22::transfer", "request_withdrawal", "withdraw", "claim"];

    let mut flat: Vec<(usize, [Cost; 5])> = Vec::new();
    for others in [1usize, 1_000] {
        let mut s = Suite::new(1, STAKE);
        s.place_pcv(1_000_000 * E18);
        for i in 0..others {
            let lp = s.chain.user(&format!("lp-{i}"));
            s.mint_weth(&lp, E18);
            s.deposit(&lp, E18).expect("deposit");
        }
        let (probe, friend, keeper) = (s.chain.user("probe"), s.chain.user("lp-0"), s.chain.user("keeper"));
        s.mint_weth(&probe, 10 * E18);
        s.chain.next_block();
        s.deposit(&probe, 10 * E18).expect("deposit");
        let deposit = s.chain.last_cost();
        s.chain.next_block();
        let pool = s.tasset.clone();
        let r: Result<(), psp22::PSP22Error> = s.chain.call(&probe, &pool, "PSP22::transfer", &args![friend, E18, Bytes(&[])]);
        r.expect("transfer");
        let transfer = s.chain.last_cost();
        s.chain.next_block();
        s.request(&probe, 9 * E18).expect("request");
        let request = s.chain.last_cost();
        s.to_next_cycle();
        s.rollover(&keeper).expect("rollover");
        s.chain.next_block();
        s.withdraw(&probe, 9 * E18).expect("withdraw");
        let withdraw = s.chain.last_cost();
        s.chain.next_block();
        s.claim(&friend).expect("claim");
        flat.push((others, [deposit, transfer, request, withdraw, s.chain.last_cost()]));
    }
    for (others, costs) in &flat {
        for (name, c) in MESSAGES.iter().zip(costs) {
            println!("{:<40} {:>14} {:>11} {:>9}", format!("{name} after {others} LP(s)"), c.ref_time, c.proof_size, c.storage_deposit);
        }
    }
    if let [(_, one), (_, thousand)] = flat.as_slice() {
        let ratios: Vec<String> = MESSAGES
            .iter()
            .zip(one.iter().zip(thousand))
            .map(|(name, (a, b))| format!("{name} {:.3}x / {:.3}x", b.ref_time as f64 / a.ref_time as f64, b.proof_size as f64 / a.proof_size as f64))
            .collect();
        println!("1,000 LPs vs 1 (ref_time / proof_size): {}", ratios.join("; "));
    }
}

/// Where a deposit's weight goes: the code read for each contract it runs (the pool, and the
/// asset for its `transfer_from`), the asset's own part measured as the same `transfer_from`
/// made directly, and the pool's own execution and storage as the rest.
fn deposit_breakdown(s: &mut laas_e2e_tests::suite::Suite, deposit: Cost, asset_bundle: &str) -> String {
    let (weth, spender, from, to) = (s.weth.clone(), s.chain.user("bench-spender"), s.chain.user("bench-from"), s.chain.user("bench-to"));
    s.mint_weth(&from, 10 * laas_e2e_tests::suite::E18);
    s.approve(&from, &weth, &spender);
    s.chain.next_block();
    let r: Result<(), psp22::PSP22Error> = s.chain.call(&spender, &weth, "PSP22::transfer_from", &args![from, to, 1_000u128, Bytes(&[])]);
    r.expect("transfer_from");
    let pull = s.chain.last_cost();
    let (pool_code, weth_code) = (load_bundle("tasset").wasm.len(), load_bundle(asset_bundle).wasm.len());
    let code = pool_code + weth_code;
    format!(
        "a deposit over the plain asset, {} ref_time / {} proof: the asset's transfer_from made directly costs {} / {}; \
         of the deposit's proof, {} bytes are code (the pool's {}, the asset's {}) and {} the two contracts' accounts and storage \
         (the pool's root and the holder's cell; the asset's allowance and two balances) and the call between them",
        deposit.ref_time,
        deposit.proof_size,
        pull.ref_time,
        pull.proof_size,
        code,
        pool_code,
        weth_code,
        deposit.proof_size.saturating_sub(code as u64),
    )
}

/// Weights of LD staking: `stake`, `vote` and `claim` of one more liquidity director after 1
/// and after 1,000 others, and the reactor's rollover with 1 and with 1,000 stakers (it reads
/// totals, never stakers, so the figures must not move).
fn staking_weights() {
    use laas_e2e_tests::suite::{Suite, E18};
    use laas_traits::StakeError;

    let mut rows: Vec<(usize, [Cost; 4])> = Vec::new();
    for others in [1usize, 1_000] {
        let mut s = Suite::new(1, 0);
        let staking = s.add_staking();
        s.place_pcv(1_000_000 * E18);
        let lp = s.chain.user("lp");
        s.mint_weth(&lp, 40 * E18);
        s.deposit(&lp, 40 * E18).expect("deposit");
        let (admin, toke, reactor) = (s.admin.clone(), s.toke.clone(), s.reactor.clone());
        let stake = |s: &mut Suite, ld: &Address, amount: u128, measured: bool| -> Cost {
            let r: Result<(), PSP22Error> = s.chain.call(&admin, &toke, "PSP22::transfer", &args![ld, amount, Bytes(&[])]);
            r.expect("TOKE");
            s.approve(ld, &toke, &staking);
            if measured {
                s.chain.next_block();
            }
            let r: Result<(), StakeError> = s.chain.call(ld, &staking, "stake", &args![reactor, amount]);
            r.expect("stake");
            let cost = s.chain.last_cost();
            s.vote(ld, &[(0, 10_000)]).expect("vote");
            cost
        };
        // The same total stake either way, so the reactor's rollover has the same work to do.
        let each = 1_000_000 * E18 / u128::try_from(others).expect("small");
        for i in 0..others {
            let ld = s.chain.user(&format!("ld-{i}"));
            stake(&mut s, &ld, each, false);
        }
        let probe = s.chain.user("probe");
        let stake_cost = stake(&mut s, &probe, 1_000 * E18, true);
        s.chain.next_block();
        s.vote(&probe, &[(0, 10_000)]).expect("vote");
        let vote_cost = s.chain.last_cost();
        let keeper = s.chain.user("keeper");
        // Fees to share: a trader goes through the pool.
        let trader = s.trader("trader", 10 * E18, 100_000 * E18);
        s.to_next_cycle();
        s.rollover(&keeper).expect("rollover");
        let out = s.swap(&trader, 0, true, E18);
        s.swap(&trader, 0, false, out);
        s.to_next_cycle();
        s.rollover(&keeper).expect("rollover");
        let rollover_cost = s.chain.last_cost();
        s.chain.next_block();
        let r: Result<(u128, u128), StakeError> = s.chain.call(&probe, &staking, "claim", &args![reactor]);
        assert!(r.expect("claim").0 > 0, "the probe earned a share of the fees");
        rows.push((others, [stake_cost, vote_cost, s.chain.last_cost(), rollover_cost]));
    }
    println!();
    println!("{:<40} {:>14} {:>11} {:>9}", "ld_staking", "ref_time", "proof_size", "deposit");
    for (others, costs) in &rows {
        for (label, c) in ["stake", "vote", "claim", "reactor rollover"].iter().zip(costs) {
            println!("{:<40} {:>14} {:>11} {:>9}", format!("{label} with {others} staker(s)"), c.ref_time, c.proof_size, c.storage_deposit);
        }
    }
    if let [(_, one), (_, many)] = rows.as_slice() {
        let ratios: Vec<String> = ["stake", "vote", "claim", "rollover"]
            .iter()
            .zip(one.iter().zip(many))
            .map(|(label, (a, b))| format!("{label} {:.3}x / {:.3}x", b.ref_time as f64 / a.ref_time as f64, b.proof_size as f64 / a.proof_size as f64))
            .collect();
        println!("1,000 stakers vs 1 (ref_time / proof_size): {}", ratios.join("; "));
    }
}

/// Weights of the DAO: `propose`, `vote` and `execute` (a proposal making one call) with 1 and
/// with 1,000 other voters, each holding delegated TOKE: power is read at a past block, never
/// by walking voters, so the figures must not move.
fn dao_weights() {
    use dao::dao::{Call, DaoError};
    use laas_e2e_tests::suite::{Suite, DAY_MS, E18};
    use parity_scale_codec::Encode;

    const PARAMS: &str = "Params { proposal_threshold: 1, quorum_bps: 100, voting_period_ms: 86400000, timelock_ms: 86400000, execution_window_ms: 604800000 }";
    let mut rows: Vec<(usize, [Cost; 3])> = Vec::new();
    for others in [1usize, 1_000] {
        let mut s = Suite::new(1, 0);
        let (admin, toke) = (s.admin.clone(), s.toke.clone());
        let dao = s.chain.deploy(&admin, "dao", "new", &args![toke, None::<Address>, laas_e2e_tests::args::Raw(String::from(PARAMS)), None::<Address>], vec![]);
        let mut voters = Vec::new();
        for i in 0..=others {
            let voter = s.chain.user(&format!("voter-{i}"));
            // The probe alone carries the 1% quorum.
            let amount = if i == 0 { 1_000_000 * E18 } else { 10_000 * E18 };
            let r: Result<(), PSP22Error> = s.chain.call(&admin, &toke, "PSP22::transfer", &args![voter, amount, Bytes(&[])]);
            r.expect("TOKE");
            let r: Result<(), laas_traits::VotesError> = s.chain.call(&voter, &toke, "Votes::delegate", &args![Some(voter.clone())]);
            r.expect("delegate");
            voters.push(voter);
        }
        s.chain.next_block();
        // A proposal that lowers its own quorum: one call, applied in place.
        let params = dao::dao::Params { proposal_threshold: 1, quorum_bps: 50, voting_period_ms: DAY_MS, timelock_ms: DAY_MS, execution_window_ms: 7 * DAY_MS };
        let call = Call { target: laas_e2e_tests::ink_id(&dao), selector: ink::selector_bytes!("set_params"), input: params.encode(), value: 0 };
        let list = |b: &[u8]| b.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ");
        let calls = format!("[Call {{ target: {dao}, selector: [{}], input: [{}], value: 0 }}]", list(&call.selector), list(&call.input));
        let probe = voters[0].clone();
        let r: Result<u32, DaoError> = s.chain.call(&probe, &dao, "propose", &args![laas_e2e_tests::args::Raw(calls), laas_e2e_tests::args::Raw(format!("0x{}", "ab".repeat(32)))]);
        let id = r.expect("propose");
        let propose = s.chain.last_cost();
        for voter in voters.iter().skip(1) {
            let r: Result<u128, DaoError> = s.chain.call(voter, &dao, "vote", &args![id, laas_e2e_tests::args::Raw(String::from("For"))]);
            r.expect("vote");
        }
        let r: Result<u128, DaoError> = s.chain.call(&probe, &dao, "vote", &args![id, laas_e2e_tests::args::Raw(String::from("For"))]);
        r.expect("vote");
        let vote = s.chain.last_cost();
        s.chain.advance_time(2 * DAY_MS);
        let r: Result<(), DaoError> = s.chain.call(&probe, &dao, "execute", &args![id]);
        r.expect("execute");
        rows.push((others, [propose, vote, s.chain.last_cost()]));
    }
    println!();
    println!("{:<40} {:>14} {:>11} {:>9}", "dao", "ref_time", "proof_size", "deposit");
    for (others, costs) in &rows {
        for (label, c) in ["propose (one call)", "vote", "execute (one call)"].iter().zip(costs) {
            println!("{:<40} {:>14} {:>11} {:>9}", format!("{label}, {} voters", others + 1), c.ref_time, c.proof_size, c.storage_deposit);
        }
    }
    if let [(_, one), (_, many)] = rows.as_slice() {
        let ratios: Vec<String> = ["propose", "vote", "execute"]
            .iter()
            .zip(one.iter().zip(many))
            .map(|(label, (a, b))| format!("{label} {:.3}x / {:.3}x", b.ref_time as f64 / a.ref_time as f64, b.proof_size as f64 / a.proof_size as f64))
            .collect();
        println!("1,001 voters vs 2 (ref_time / proof_size): {}", ratios.join("; "));
    }
}

/// Prints `small` and `large` (the same calls measured at two sizes) as one table under
/// `title`: each call's weight at the small size and how it scales to the large (`compared`
/// says which sizes).
pub(crate) fn print_scaling(title: &str, compared: &str, small: &[(&str, Cost)], large: &[(&str, Cost)]) {
    println!();
    println!("{title:<46} {:>14} {:>11} {:>9}   {compared}", "ref_time", "proof_size", "deposit");
    for ((label, a), (_, b)) in small.iter().zip(large) {
        println!(
            "{:<46} {:>14} {:>11} {:>9}   {:.3}x / {:.3}x",
            label,
            a.ref_time,
            a.proof_size,
            a.storage_deposit,
            b.ref_time as f64 / a.ref_time.max(1) as f64,
            b.proof_size as f64 / a.proof_size.max(1) as f64
        );
    }
}
