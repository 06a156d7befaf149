//! DeGenesis in the real WASM, as its participants meet it: whitelisted accounts deposit WETH
//! or dollars, the organiser publishes the TOKE price and the oversubscription rate, one
//! account leaves in the last look, and each of the others takes its TOKE (staked vesting in
//! its asset's genesis reactor) and its unused part back or into the reactor; a whale who
//! fills the cap and leaves does not close deposits for the others; an organiser who never
//! publishes leaves everyone whole.

use genesis_pool::genesis_pool::{Deposit, GenesisError, Split, Stage};
use laas_e2e_tests::genesis::{approve_toke, config, deploy, deposit, dollar_reactor, fund, make_depositor, whitelist, DEPOSITS_MS, LAST_LOOK_MS, PUBLISH_MS};
use laas_e2e_tests::suite::{Suite, DAY_MS, E18};
use laas_e2e_tests::{args, args::Raw, Address};
use laas_math::{mul_div, mul_fixed, Rounding, ONE};

type R<T> = Result<T, GenesisError>;

/// The formula, written out: `effective = amount × over`, TOKE = the value of that effective
/// part over the price (both rounded down), the rest ineffective.
fn expected(amount: u128, value: u128, over: u128, price: u128) -> (u128, u128, u128) {
    let effective = mul_fixed(amount, over, Rounding::Down).unwrap();
    let toke = mul_div(mul_div(value, effective, amount, Rounding::Down).unwrap(), ONE, price, Rounding::Down).unwrap();
    (effective, toke, amount - effective)
}

fn stage(s: &mut Suite, pool: &Address) -> Stage {
    s.chain.query::<Option<Stage>>(pool, "stage", &args![]).expect("configured")
}

#[test]
fn an_oversubscribed_degenesis_sells_three_quarters_of_every_deposit_and_each_account_takes_its_toke_and_the_rest() {
    let mut s = Suite::genesis(1, 1_000 * E18);
    let staking = s.add_staking();
    let admin = s.admin.clone();
    let r: Result<u32, laas_traits::StakeError> = s.chain.call(&admin, &staking, "create_schedule", &args![Raw(format!("Schedule {{ cliff_ms: {}, duration_ms: {}, interval_ms: {} }}", 30 * DAY_MS, 360 * DAY_MS, 30 * DAY_MS))]);
    let schedule = r.expect("a year's vesting with a month's cliff");
    // The dollar's reactor takes at most 1,000 in deposits: it will refuse a genesis deposit.
    let (usd, usd_reactor, usd_pool) = dollar_reactor(&mut s, 1_000 * E18);
    let names = ["ana", "ben", "cleo", "dan"];
    let accounts: Vec<Address> = names.iter().map(|n| s.chain.user(n)).collect();
    let (root, proofs) = whitelist(&accounts);
    // An account whose TOKE LD staking keeps refusing may take it liquid after a year.
    let delivery = format!("Vested {{ staking: {staking}, schedule: {schedule}, liquid_after_ms: {} }}", 360 * DAY_MS);
    let event = config(&mut s, root, &usd, &usd_reactor, &usd_pool, &delivery);
    let pool = deploy(&mut s, event);
    make_depositor(&mut s, &staking, &pool);
    let weth = s.weth.clone();
    for (i, account) in accounts.iter().enumerate() {
        let (token, amount) = if i % 3 == 0 { (&weth, 10 * E18) } else { (&usd, 20_000 * E18) };
        fund(&mut s, token, account, amount, &pool);
    }

    // Deposits: ana and dan 5 WETH (10,000 each), ben and cleo 10,000 dollars. A stranger, a
    // borrowed proof, a second asset and an account above its cap are refused.
    let stranger = s.chain.user("stranger");
    fund(&mut s, &usd, &stranger, 1_000 * E18, &pool);
    assert_eq!(deposit(&mut s, &pool, &stranger, 1, 100 * E18, &proofs[1]), Err(GenesisError::NotWhitelisted));
    assert_eq!(deposit(&mut s, &pool, &accounts[0], 0, 5 * E18, &proofs[0]), Ok(10_000 * E18));
    assert_eq!(deposit(&mut s, &pool, &accounts[1], 1, 10_000 * E18, &proofs[1]), Ok(10_000 * E18));
    assert_eq!(deposit(&mut s, &pool, &accounts[1], 0, E18, &[]), Err(GenesisError::OtherAsset));
    assert_eq!(deposit(&mut s, &pool, &accounts[2], 1, 20_001 * E18, &proofs[2]), Err(GenesisError::OverAccountCap { room: 20_000 * E18 }));
    assert_eq!(deposit(&mut s, &pool, &accounts[2], 1, 10_000 * E18, &proofs[2]), Ok(10_000 * E18));
    assert_eq!(deposit(&mut s, &pool, &accounts[3], 0, 5 * E18, &proofs[3]), Ok(10_000 * E18));

    // The organiser publishes after the deposits close: 40,000 against a target of 30,000 is
    // 75%; TOKE at 2 (value per TOKE). A rate more than 1% from the one the totals give is
    // refused; within it (the organiser read the totals before a withdrawal), the totals'
    // own rate is what is published.
    s.chain.advance_time(DEPOSITS_MS);
    assert_eq!(stage(&mut s, &pool), Stage::AwaitingPublication);
    let over = ONE * 3 / 4;
    let price = 2 * ONE;
    let r: R<u128> = s.chain.call(&admin, &pool, "publish", &args![price, ONE]);
    assert_eq!(r, Err(GenesisError::WrongRate { expected: over }));
    let r: R<u128> = s.chain.call(&accounts[0], &pool, "publish", &args![price, over]);
    assert_eq!(r, Err(GenesisError::Access(laas_traits::AccessError::NotAdmin)));
    // The treasury (the DAO) has not approved the TOKE yet: refused, nothing changes.
    s.give_toke(&s.treasury.clone(), 100_000 * E18);
    let r: R<u128> = s.chain.call(&admin, &pool, "publish", &args![price, over]);
    assert!(matches!(r, Err(GenesisError::PSP22(_))), "{r:?}");
    approve_toke(&mut s, &pool, 15_000 * E18);
    let r: R<u128> = s.chain.call(&admin, &pool, "publish", &args![price, over + over / 200]);
    assert_eq!(r, Ok(15_000 * E18), "40,000 × 75% / 2");
    assert_eq!(stage(&mut s, &pool), Stage::LastLook);
    let published: Option<genesis_pool::genesis_pool::Published> = s.chain.query(&pool, "published", &args![]);
    assert_eq!(published.map(|p| (p.price, p.over)), Some((price, over)), "the totals' rate, exactly");

    // Last look: dan leaves with everything.
    let r: R<u128> = s.chain.call(&accounts[3], &pool, "withdraw", &args![]);
    assert_eq!(r, Ok(5 * E18));
    assert_eq!(s.balance(&weth, &accounts[3]), 10 * E18);
    let r: R<Split> = s.chain.call(&accounts[0], &pool, "finalize", &args![Raw("Refund".into())]);
    assert_eq!(r, Err(GenesisError::NotFinal));

    // Final: ana puts her unused WETH into the genesis reactor, ben takes his dollars back,
    // cleo asks for the dollar reactor, which is full and refuses: she is refunded.
    s.chain.advance_time(LAST_LOOK_MS);
    let r: R<u128> = s.chain.call(&accounts[0], &pool, "withdraw", &args![]);
    assert_eq!(r, Err(GenesisError::WithdrawalsClosed));
    let treasury = s.treasury.clone();
    let tweth = s.tasset.clone();
    let weth_reactor = s.reactor.clone();
    let deposits: Vec<Deposit> = accounts[..3].iter().map(|a| s.chain.query::<Option<Deposit>>(&pool, "deposit_of", &args![a]).expect("deposited")).collect();
    let choices = ["Reactor", "Refund", "Reactor"];
    let mut splits = Vec::new();
    for (i, account) in accounts[..3].iter().enumerate() {
        let r: R<Split> = s.chain.call(account, &pool, "finalize", &args![Raw(choices[i].into())]);
        let split = r.expect("finalised");
        assert_eq!((split.effective, split.toke, split.ineffective), expected(deposits[i].amount, deposits[i].value, over, price), "{}", names[i]);
        splits.push(split);
    }
    // 3.75 WETH and 7,500 + 7,500 dollars to the treasury; 3,750 TOKE each.
    assert_eq!(s.balance(&weth, &treasury), 15 * E18 / 4);
    assert_eq!(s.balance(&usd, &treasury), 15_000 * E18);
    assert!(splits.iter().all(|p| p.toke == 3_750 * E18));
    // ana: 1.25 WETH became tWETH in the genesis reactor; her TOKE vests in the WETH reactor.
    assert_eq!(s.balance(&tweth, &accounts[0]), 5 * E18 / 4);
    assert_eq!(s.balance(&weth, &accounts[0]), 5 * E18);
    let vested: Result<(u128, u128), laas_traits::StakeError> = s.chain.query(&staking, "vested", &args![accounts[0], weth_reactor]);
    assert_eq!(vested, Ok((0, 3_750 * E18)), "granted, nothing vested before the cliff");
    // ben and cleo: 2,500 dollars back each (cleo's reactor refused).
    assert_eq!(s.balance(&usd, &accounts[1]), 12_500 * E18);
    assert_eq!(s.balance(&usd, &accounts[2]), 12_500 * E18);
    assert_eq!(s.balance(&usd_pool, &accounts[2]), 0);
    // Their TOKE was to vest in the dollar reactor, which LD staking does not know yet: it
    // waits in the pool until the reactor is registered and ben asks again. Liquid is not
    // on offer before the vesting would have run its course.
    let r: R<u128> = s.chain.call(&accounts[1], &pool, "deliver", &args![false]);
    assert!(matches!(r, Err(GenesisError::Staking(laas_traits::StakeError::UnknownReactor))), "{r:?}");
    let liquid_at = published.map(|p| p.at_ms + LAST_LOOK_MS + 360 * DAY_MS).unwrap();
    let r: R<u128> = s.chain.call(&accounts[2], &pool, "deliver", &args![true]);
    assert_eq!(r, Err(GenesisError::TooEarlyForLiquid { at_ms: liquid_at }));
    let r: Result<(), laas_traits::StakeError> = s.chain.call(&admin, &staking, "add_reactor", &args![usd_reactor]);
    r.expect("the dollar reactor joins LD staking");
    let r: R<u128> = s.chain.call(&accounts[1], &pool, "deliver", &args![false]);
    assert_eq!(r, Ok(3_750 * E18));
    let vested: Result<(u128, u128), laas_traits::StakeError> = s.chain.query(&staking, "vested", &args![accounts[1], usd_reactor]);
    assert_eq!(vested, Ok((0, 3_750 * E18)));
    let r: R<u128> = s.chain.call(&accounts[1], &pool, "deliver", &args![false]);
    assert_eq!(r, Err(GenesisError::NothingPending), "once");
    // cleo waits out the year and takes hers liquid.
    let now = s.chain.now_ms();
    s.chain.advance_time(liquid_at - now);
    let toke = s.toke.clone();
    let r: R<u128> = s.chain.call(&accounts[2], &pool, "deliver", &args![true]);
    assert_eq!(r, Ok(3_750 * E18));
    assert_eq!(s.balance(&toke, &accounts[2]), 3_750 * E18);
    // Nothing twice; dan's share of the TOKE goes back to the treasury.
    let r: R<Split> = s.chain.call(&accounts[0], &pool, "finalize", &args![Raw("Refund".into())]);
    assert_eq!(r, Err(GenesisError::AlreadyFinalized));
    let before = s.balance(&toke, &treasury);
    let r: R<u128> = s.chain.call(&accounts[3], &pool, "release_excess", &args![]);
    assert_eq!(r, Ok(3_750 * E18));
    assert_eq!(s.balance(&toke, &treasury) - before, 3_750 * E18);
    assert_eq!(s.balance(&toke, &pool), 0, "every TOKE taken is delivered or returned");
}

#[test]
fn an_organiser_who_never_publishes_leaves_everyone_whole() {
    let mut s = Suite::genesis(1, 1_000 * E18);
    let (usd, usd_reactor, usd_pool) = dollar_reactor(&mut s, 1_000_000 * E18);
    let accounts: Vec<Address> = ["ana", "ben"].iter().map(|n| s.chain.user(n)).collect();
    let (root, proofs) = whitelist(&accounts);
    let event = config(&mut s, root, &usd, &usd_reactor, &usd_pool, "Liquid");
    let pool = deploy(&mut s, event);
    let weth = s.weth.clone();
    fund(&mut s, &weth, &accounts[0], 5 * E18, &pool);
    fund(&mut s, &usd, &accounts[1], 7_000 * E18, &pool);
    assert_eq!(deposit(&mut s, &pool, &accounts[0], 0, 5 * E18, &proofs[0]), Ok(10_000 * E18));
    assert_eq!(deposit(&mut s, &pool, &accounts[1], 1, 7_000 * E18, &proofs[1]), Ok(7_000 * E18));
    // The guardian's pause stops new deposits, never the way out.
    let admin = s.admin.clone();
    let r: Result<(), laas_traits::AccessError> = s.chain.call(&admin, &pool, "AccessControl::pause", &args![]);
    r.expect("paused");
    s.chain.advance_time(PUBLISH_MS + 1);
    assert_eq!(stage(&mut s, &pool), Stage::Aborted);
    let r: R<u128> = s.chain.call(&admin, &pool, "publish", &args![ONE, ONE]);
    assert_eq!(r, Err(GenesisError::PublishDeadlinePassed));
    assert_eq!(deposit(&mut s, &pool, &accounts[1], 1, E18, &[]), Err(GenesisError::Access(laas_traits::AccessError::Paused)));
    for (i, (token, amount)) in [(&weth, 5 * E18), (&usd, 7_000 * E18)].into_iter().enumerate() {
        let r: R<u128> = s.chain.call(&accounts[i], &pool, "withdraw", &args![]);
        assert_eq!(r, Ok(amount));
        assert_eq!(s.balance(token, &accounts[i]), amount, "whole");
    }
    let r: R<u128> = s.chain.call(&accounts[0], &pool, "withdraw", &args![]);
    assert_eq!(r, Err(GenesisError::NothingDeposited));
    let (total, _, amounts, toke, _): (u128, bool, Vec<u128>, u128, u128) = s.chain.query(&pool, "totals", &args![]);
    assert_eq!((total, amounts, toke), (0, vec![0, 0], 0));
}

#[test]
fn a_whale_who_fills_the_cap_and_leaves_does_not_close_deposits_for_the_others() {
    let mut s = Suite::genesis(1, 1_000 * E18);
    let (usd, usd_reactor, usd_pool) = dollar_reactor(&mut s, 1_000_000 * E18);
    let accounts: Vec<Address> = ["whale", "ben"].iter().map(|n| s.chain.user(n)).collect();
    let (root, proofs) = whitelist(&accounts);
    // One account's cap is the whole event's: 20,000.
    let event = config(&mut s, root, &usd, &usd_reactor, &usd_pool, "Liquid").replace(&format!("total_cap: {}", 100_000 * E18), &format!("total_cap: {}", 20_000 * E18));
    let pool = deploy(&mut s, event);
    let weth = s.weth.clone();
    fund(&mut s, &weth, &accounts[0], 10 * E18, &pool);
    fund(&mut s, &usd, &accounts[1], 8_000 * E18, &pool);
    assert_eq!(deposit(&mut s, &pool, &accounts[0], 0, 10 * E18, &proofs[0]), Ok(20_000 * E18));
    assert_eq!(stage(&mut s, &pool), Stage::AwaitingPublication, "the cap closes deposits");
    assert_eq!(deposit(&mut s, &pool, &accounts[1], 1, 8_000 * E18, &proofs[1]), Err(GenesisError::DepositsClosed));
    // The whale leaves before the deadline: the room is open again.
    let r: R<u128> = s.chain.call(&accounts[0], &pool, "withdraw", &args![]);
    assert_eq!(r, Ok(10 * E18));
    assert_eq!(stage(&mut s, &pool), Stage::Deposits);
    assert_eq!(deposit(&mut s, &pool, &accounts[1], 1, 8_000 * E18, &proofs[1]), Ok(8_000 * E18));
    // Undersubscribed: all of ben's deposit buys TOKE at 2, delivered liquid.
    s.chain.advance_time(DEPOSITS_MS);
    s.give_toke(&s.treasury.clone(), 10_000 * E18);
    approve_toke(&mut s, &pool, 4_000 * E18);
    let admin = s.admin.clone();
    let r: R<u128> = s.chain.call(&admin, &pool, "publish", &args![2 * ONE, ONE]);
    assert_eq!(r, Ok(4_000 * E18));
    s.chain.advance_time(LAST_LOOK_MS);
    let r: R<Split> = s.chain.call(&accounts[1], &pool, "finalize", &args![Raw("Reactor".into())]);
    assert_eq!(r, Ok(Split { effective: 8_000 * E18, toke: 4_000 * E18, ineffective: 0 }));
    let toke = s.toke.clone();
    assert_eq!(s.balance(&toke, &accounts[1]), 4_000 * E18);
    assert_eq!(s.balance(&usd, &s.treasury.clone()), 8_000 * E18);
    assert_eq!(s.balance(&usd_pool, &accounts[1]), 0, "nothing left over for the reactor");
    let r: R<u128> = s.chain.call(&accounts[1], &pool, "release_excess", &args![]);
    assert_eq!(r, Ok(0), "nothing to return");
}
