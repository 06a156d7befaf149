//! The suite's demo: deploys the liquidity side from `deploy/laas.toml` with the deploy tool
//! into drink's in-process sandbox, runs the launch manifest's DeGenesis (`deploy/launch.toml`)
//! and walks a
//! reactor round trip — deposits, a director's stake and 70/30 vote, a rollover that deploys to
//! the AMM and the pricer, trading on both, a rollover that shares fees and emissions, a
//! withdrawal on maturity, claims — then cover on tWETH bought and its policy token sold, TOKE
//! vote delegation, a DAO proposal and a CoRE event that gives a new asset its reactor,
//! printing what happens and what each step cost.

use laas_e2e_tests::suite::{Suite, E18};
use drink::Ss58Codec;
use laas_e2e_tests::governance::{call, calls_arg};
use laas_e2e_tests::{args, args::Bytes, args::Raw, Address, Chain, Cost};
use laas_traits::VotesError;
use psp22::PSP22Error;
use laas_traits::VenueError;
use reactor::reactor::{Deployed, Emitted, FeesDistributed, RolledOver};

fn fmt(amount: u128) -> String {
    let frac = (amount % E18) * 10_000 / E18;
    format!("{}.{frac:04}", amount / E18)
}

fn cost(c: Cost) -> String {
    format!("ref_time {}, proof_size {}, deposit {}", c.ref_time, c.proof_size, c.storage_deposit)
}

fn main() {
    println!("== LaaS demo: deploying deploy/laas.toml, then the launch manifest deploy/launch.toml, into drink's in-process sandbox (the same manifests `scripts/demo.sh --node` deploys onto a node)");
    let (mut s, signers, genesis) = Suite::launched(&mut |line| println!("   {line}")).unwrap_or_else(|e| {
        eprintln!("deployment failed: {e}");
        std::process::exit(1)
    });
    let staking = s.staking.clone().expect("the manifest deploys LD staking");
    let pricer = s.venues[1].clone();
    let quoter = signers.get("pricer").ok().and_then(|p| Address::from_ss58check(&p.address).ok()).expect("the manifest names a pricer");
    let reactor = s.reactor.clone();
    println!("== deployed at block {}, t = {} ms:", s.chain.block(), s.chain.now_ms());
    println!("TOKE {} (100,000,000 to the deployer), test WETH {}", s.toke, s.weth);
    println!("AMM venue {}: seeded by the admin with 100 WETH + 200,000 TOKE, 0.3% fee, 10 min TWAP", s.venues[0]);
    println!("factory {}: weekly cycles from now; it created the WETH reactor {} with tWETH {}", s.factory, s.reactor, s.tasset);
    println!("LD staking {staking} feeds the reactor its LD stake and votes; pricer venue {pricer} quotes within 2% of the AMM's TWAP");
    println!("treasury placed 400,000 TOKE of PCV (pairing side, junior capital) and funded 10,000 TOKE of emissions (1,000 per cycle)");
    degenesis(&mut s, &signers, &genesis);

    let (lp1, lp2, keeper, director) = (s.chain.user("lp-1"), s.chain.user("lp-2"), s.chain.user("keeper"), s.chain.user("director"));
    for (name, lp, amount) in [("lp-1", &lp1, 10 * E18), ("lp-2", &lp2, 30 * E18)] {
        s.mint_weth(lp, amount);
        let minted = s.deposit(lp, amount).expect("deposit");
        println!("{name} deposited {} WETH into the pool, got {} tWETH ({})", fmt(amount), fmt(minted), cost(s.chain.last_cost()));
    }
    s.stake(&director, 80_000 * E18).expect("stake");
    s.vote(&director, &[(0, 7_000), (1, 3_000)]).expect("vote");
    println!("a director staked 80,000 TOKE (worth 40 WETH: balanced with the LPs) and voted 70% AMM / 30% pricer");

    s.to_next_cycle();
    let cycle = s.rollover(&keeper).expect("rollover");
    for d in s.chain.events::<Deployed>(&reactor) {
        let venue = if d.venue == laas_e2e_tests::ink_id(&pricer) { "pricer" } else { "AMM" };
        println!("rollover into cycle {cycle}: deployed {} WETH + {} TOKE to the {venue}", fmt(d.amounts.asset), fmt(d.amounts.pairing));
    }
    println!("(the rollover cost {})", cost(s.chain.last_cost()));

    let trader = s.trader("trader", 100 * E18, 1_000_000 * E18);
    for _ in 0..10 {
        let toke = s.swap(&trader, 0, true, 2 * E18);
        s.swap(&trader, 0, false, toke);
    }
    let expiry = s.chain.now_ms() + 3_600_000;
    let r: Result<(), VenueError> = s.chain.call(&quoter, &pricer, "post_quote", &args![1_990 * E18, 2_010 * E18, 5 * E18, 50 * E18, expiry]);
    r.expect("quote");
    let (weth, toke) = (s.weth.clone(), s.toke.clone());
    s.approve(&trader, &weth, &pricer);
    s.approve(&trader, &toke, &pricer);
    let r: Result<u128, VenueError> = s.chain.call(&trader, &pricer, "swap", &args![true, 2 * E18, 0u128, u64::MAX]);
    println!("a trader swapped on the AMM ten times each way, and sold 2 WETH to the pricer's 1,990 bid for {} TOKE", fmt(r.expect("pricer swap")));

    assert_eq!(s.request(&lp1, 4 * E18), Ok(2));
    println!("lp-1 asked to withdraw 4 tWETH: matures at epoch 2, the next rollover's, which fixes its payout");
    s.to_next_cycle();
    let cycle = s.rollover(&keeper).expect("rollover");
    for f in s.chain.events::<FeesDistributed>(&reactor) {
        println!(
            "rollover into cycle {cycle}: venue fees shared — LPs (who held through the epoch) {} WETH + {} TOKE, LDs {} WETH + {} TOKE, treasury {} WETH + {} TOKE",
            fmt(f.lp.asset), fmt(f.lp.pairing), fmt(f.ld.asset), fmt(f.ld.pairing), fmt(f.treasury.asset), fmt(f.treasury.pairing)
        );
    }
    for e in s.chain.events::<Emitted>(&reactor) {
        println!("emissions: {} TOKE to LPs, {} TOKE to LDs, {} TOKE left in the budget", fmt(e.lp), fmt(e.ld), fmt(e.budget));
    }
    for r in s.chain.events::<RolledOver>(&reactor) {
        println!("NAV {} per tWETH; holdings {} WETH at TWAP for {} tWETH ({})", fmt(r.nav), fmt(r.holdings), fmt(r.supply), cost(s.chain.last_cost()));
    }
    // The reactor reported the rollover to the position registry, where tWETH is position 0.
    let registry = s.registry.clone();
    type Reading = Result<position_registry::position_registry::Reading, laas_traits::RegistryError>;
    let nav: Reading = s.chain.query(&registry, "nav", &args![0u32]);
    let drawdown: Reading = s.chain.query(&registry, "nav_drawdown", &args![0u32, 24 * 3_600_000u64]);
    let unpaid: Reading = s.chain.query(&registry, "queue_wait", &args![0u32]);
    if let (Ok(nav), Ok(drawdown), Ok(unpaid)) = (nav, drawdown, unpaid) {
        println!(
            "the position registry holds what the reactor reported: tWETH NAV {} ({} s old), drawdown over 24 h {} bps, due redemptions unpaid for {} ms",
            fmt(nav.value), nav.age_ms / 1_000, drawdown.value, unpaid.value
        );
    }
    let (paid, paid_toke) = s.withdraw(&lp1, 4 * E18).expect("withdraw");
    println!("lp-1 withdrew: 4 tWETH burnt, {} WETH + {} TOKE paid ({})", fmt(paid), fmt(paid_toke), cost(s.chain.last_cost()));
    let (fee_asset, fee_toke) = s.claim(&lp1).expect("claim");
    println!("lp-1 claimed {} WETH + {} TOKE of fees and emissions from the pool", fmt(fee_asset), fmt(fee_toke));
    let r: Result<(u128, u128), laas_traits::StakeError> = s.chain.call(&director, &staking, "claim", &args![reactor]);
    let (asset, toke_paid) = r.expect("LD claim");
    println!("the director claimed {} WETH + {} TOKE of LD rewards", fmt(asset), fmt(toke_paid));

    cover(&mut s, &lp2, &lp1, &keeper);
    delegation(&mut s.chain, &s.admin.clone(), &s.toke.clone());
    governance(&mut s);
    core_event(&mut s);
    println!("== demo finished at block {}, t = {} ms", s.chain.block(), s.chain.now_ms());
}

/// A tWETH holder buys NAV-drawdown cover on tWETH from the primary pool (the treasury
/// underwrote 100,000 USD at deployment) and sells the policy token to another account, which
/// now holds the right to claim.
fn cover(s: &mut Suite, holder: &Address, buyer: &Address, keeper: &Address) {
    use primary_pool::primary_pool::{Capital, CoverError, Quote};
    let cover = s.cover.take().expect("the manifest deploys the cover market");
    let registry = s.registry.clone();
    let r: Result<u128, laas_traits::RegistryError> = s.chain.call(keeper, &registry, "observe_depth", &args![0u32]);
    let depth = r.expect("depth");
    println!("a keeper measured tWETH's depth at the AMM: buying 1 WETH moves its price {depth} bps");
    let term = 30 * 86_400_000u64;
    let quote: Result<Quote, CoverError> = s.chain.query(&cover.pool, "quote", &args![0u32, 5_000 * E18, term, holder]);
    let quote = quote.expect("a quote");
    println!(
        "cover quote for 5,000 USD of NAV-drawdown cover on tWETH for 30 days: premium {} USD (expected loss {} a year, margin {} bps from congestion {} bps/day and depth {} bps; {} USD of capacity left)",
        fmt(quote.premium), fmt(quote.expected_loss), quote.margin_bps, quote.congestion_bps, quote.depth_bps, fmt(quote.available)
    );
    cover.fund(s, holder, quote.premium);
    let r: Result<u128, CoverError> = s.chain.call(holder, &cover.pool, "buy_cover", &args![0u32, 5_000 * E18, term, quote.premium]);
    let policy = r.expect("buy cover");
    println!("lp-2 bought it: policy token {policy} minted to lp-2 ({})", cost(s.chain.last_cost()));
    let r: Result<(), laas_traits::cover::PSP34Error> = s.chain.call(holder, &cover.nft, "PSP34::transfer", &args![buyer, Raw(format!("U128({policy})")), Bytes(&[])]);
    r.expect("transfer the policy");
    let spent = cost(s.chain.last_cost());
    let owner: Option<ink::primitives::AccountId> = s.chain.query(&cover.nft, "PSP34::owner_of", &args![Raw(format!("U128({policy})"))]);
    println!("lp-2 transferred the policy to lp-1 ({spent}); its owner, who may claim, is now lp-1: {}", owner == Some(laas_e2e_tests::ink_id(buyer)));
    let capital: Result<Capital, CoverError> = s.chain.query(&cover.pool, "capital", &args![]);
    let capital = capital.expect("capital");
    println!(
        "the pool: {} USD held, {} unearned (earned over the term), {} USD of cover in force, {} locked, {} free to withdraw",
        fmt(capital.funds), fmt(capital.unearned), fmt(capital.active_cover), fmt(capital.locked), fmt(capital.free)
    );
    s.cover = Some(cover);
}

/// A TOKE holder receives TOKE and delegates its votes to itself; past votes stay readable.
fn delegation(chain: &mut Chain, admin: &Address, toke: &Address) {
    let (admin, ld) = (admin.clone(), chain.user("delegator"));
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
        "a TOKE holder delegated 50,000 TOKE to itself at block {snapshot}: {} votes then, {} now after returning 20,000",
        fmt(then.unwrap_or_default()),
        fmt(now)
    );
}

/// The DAO the manifest deployed takes the reactor over and raises its deposit cap: the
/// deployer offers the reactor, proposes, votes its TOKE; after the vote and the timelock a
/// keeper executes.
fn governance(s: &mut Suite) {
    let (dao, admin, reactor, toke) = (s.dao.clone().expect("the manifest deploys the DAO"), s.admin.clone(), s.reactor.clone(), s.toke.clone());
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &reactor, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.expect("offer the reactor");
    let r: Result<(), VotesError> = s.chain.call(&admin, &toke, "Votes::delegate", &args![Some(admin.clone())]);
    r.expect("delegate");
    s.chain.next_block();
    let config: reactor::reactor::Config = s.chain.query(&reactor, "get_config", &args![]);
    let new_cap = config.deposit_cap.saturating_mul(2);
    let input: Vec<u8> = parity_scale_codec::Encode::encode(&reactor::reactor::Config { deposit_cap: new_cap, ..config });
    let calls = [call(&reactor, ink::selector_bytes!("AccessControl::accept_admin"), vec![]), call(&reactor, ink::selector_bytes!("set_config"), input)];
    let id: Result<u32, dao::dao::DaoError> = s.chain.call(&admin, &dao, "propose", &args![calls_arg(&calls), Raw(format!("0x{}", "ab".repeat(32)))]);
    let id = id.expect("propose");
    let power: Result<u128, dao::dao::DaoError> = s.chain.call(&admin, &dao, "vote", &args![id, Raw(String::from("For"))]);
    println!("the deployer proposed that the DAO take the reactor over and double its deposit cap (proposal {id}), and voted {} TOKE for it", fmt(power.expect("vote")));
    let params: dao::dao::Params = s.chain.query(&dao, "params", &args![]);
    s.chain.advance_time(params.voting_period_ms + params.timelock_ms);
    let keeper = s.chain.user("keeper");
    let r: Result<(), dao::dao::DaoError> = s.chain.call(&keeper, &dao, "execute", &args![id]);
    r.expect("execute");
    let spent = cost(s.chain.last_cost());
    let config: reactor::reactor::Config = s.chain.query(&reactor, "get_config", &args![]);
    println!("after the vote and the timelock a keeper executed it ({spent}): the DAO administers the reactor, whose deposit cap is now {} WETH", fmt(config.deposit_cap));
}

/// What the launch manifest's DeGenesis did: two whitelisted accounts deposited WETH, the
/// organiser published, and each finalised.
fn degenesis(s: &mut Suite, signers: &laas_deploy::Signers, genesis: &Address) {
    use genesis_pool::genesis_pool::{Deposit, Published, Stage};
    let account = |name: &str| signers.get(name).ok().and_then(|a| Address::from_ss58check(&a.address).ok()).expect("a manifest account");
    let (lp, keeper) = (account("lp"), account("keeper"));
    let stage: Option<Stage> = s.chain.query(genesis, "stage", &args![]);
    let published: Option<Published> = s.chain.query(genesis, "published", &args![]);
    let published = published.expect("the organiser published");
    println!(
        "DeGenesis {genesis} ({stage:?}): the lp deposited 200 WETH and the keeper 100 (600,000 at 2,000 a WETH) against a target of 480,000; the organiser published TOKE at {} and the rate {}",
        fmt(published.price),
        fmt(published.over)
    );
    let (staking, reactor, tweth) = (s.staking.clone().expect("LD staking"), s.reactor.clone(), s.tasset.clone());
    for (name, who, choice) in [("lp", &lp, "put its unused WETH into the genesis reactor"), ("keeper", &keeper, "took its unused WETH back")] {
        let deposit: Option<Deposit> = s.chain.query(genesis, "deposit_of", &args![who]);
        let vested: Result<(u128, u128), laas_traits::StakeError> = s.chain.query(&staking, "vested", &args![who, reactor]);
        let (_, granted) = vested.expect("granted");
        println!(
            "  the {name} ({} WETH deposited) {choice}: {} TOKE vesting in LD staking over a year, {} tWETH, {} WETH back",
            fmt(deposit.map_or(0, |d| d.amount)),
            fmt(granted),
            fmt(s.balance(&tweth, who)),
            fmt(s.balance(&s.weth.clone(), who))
        );
    }
}

/// A CoRE event: the DAO takes the factory over and polls its voters over two new assets;
/// the deployer's votes go 70/30; after the poll closes a keeper finalises it and the winner
/// gets a genesis reactor, its tAsset registered as a position.
fn core_event(s: &mut Suite) {
    use dao::dao::{DaoError, PollSetup, Winner};
    let (dao, admin, factory) = (s.dao.clone().expect("the manifest deploys the DAO"), s.admin.clone(), s.factory.clone());
    let candidates: Vec<Address> = ["LINK", "DOT"].iter().map(|symbol| s.chain.deploy(&admin, "test_asset", "new", &args![*symbol, *symbol, 18u8, 0u128], symbol.as_bytes().to_vec())).collect();
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &factory, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.expect("offer the factory");
    let reactor = s.reactor.clone();
    let config: reactor::reactor::Config = s.chain.query(&reactor, "get_config", &args![]);
    let setup = PollSetup {
        candidates: candidates.iter().map(laas_e2e_tests::ink_id).collect(),
        winners: 1,
        voting_ms: 3 * 86_400_000,
        factory: laas_e2e_tests::ink_id(&factory),
        reactor_config: parity_scale_codec::Encode::encode(&reactor::reactor::Config { treasury: laas_e2e_tests::ink_id(&dao), ..config }),
        genesis: true,
    };
    let calls = [call(&factory, ink::selector_bytes!("AccessControl::accept_admin"), vec![]), call(&dao, ink::selector_bytes!("open_poll"), parity_scale_codec::Encode::encode(&setup))];
    let id: Result<u32, DaoError> = s.chain.call(&admin, &dao, "propose", &args![calls_arg(&calls), Raw(format!("0x{}", "cd".repeat(32)))]);
    let id = id.expect("propose");
    let r: Result<u128, DaoError> = s.chain.call(&admin, &dao, "vote", &args![id, Raw(String::from("For"))]);
    r.expect("vote");
    let params: dao::dao::Params = s.chain.query(&dao, "params", &args![]);
    s.chain.advance_time(params.voting_period_ms + params.timelock_ms);
    let keeper = s.chain.user("keeper");
    let r: Result<(), DaoError> = s.chain.call(&keeper, &dao, "execute", &args![id]);
    r.expect("execute");
    println!("CoRE: a proposal handed the factory to the DAO and opened a poll over LINK and DOT, one winner, three days");
    let r: Result<u128, DaoError> = s.chain.call(&admin, &dao, "vote_poll", &args![0u32, Raw(String::from("[(0, 7000), (1, 3000)]"))]);
    let power = r.expect("poll vote");
    println!("  the deployer spread its {} votes 70% LINK, 30% DOT ({})", fmt(power), cost(s.chain.last_cost()));
    s.chain.advance_time(setup.voting_ms);
    let r: Result<Vec<Winner>, DaoError> = s.chain.call(&keeper, &dao, "finalize_poll", &args![0u32]);
    let winners = r.expect("finalise");
    let spent = cost(s.chain.last_cost());
    for w in winners {
        let registry = s.registry.clone();
        let reactor = w.reactor.map(laas_e2e_tests::address_of);
        let tasset = reactor.clone().map(|r| {
            s.chain.register("reactor", &r);
            let (_, _, t): (ink::primitives::AccountId, ink::primitives::AccountId, ink::primitives::AccountId) = s.chain.query(&r, "tokens", &args![]);
            laas_e2e_tests::address_of(t)
        });
        let position: Option<u32> = tasset.as_ref().and_then(|t| s.chain.query(&registry, "position_of", &args![t.clone()]));
        println!("  a keeper finalised it ({spent}): LINK won with {} votes; the factory created its genesis reactor {reactor:?}, whose tAsset is position {position:?} in the registry", fmt(w.votes));
    }
}
