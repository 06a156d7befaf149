//! The position registry in the real WASM: tWETH is registered by the factory as position 0
//! and its reactor reports NAV, supply and queue at every rollover and strike; bonded reporters
//! report what the suite cannot see; the derived queries that cover will be priced from answer
//! with the age of their data, and refuse when it is stale.

use laas_e2e_tests::suite::{Suite, DAY_MS, E18, HOUR_MS, WEEK_MS};
use laas_e2e_tests::{args, args::Raw, ink_id, Address};
use laas_traits::{AccessError, Class, RegistryError};
use position_registry::position_registry::{Reading, Snapshot};
use reactor::reactor::ReactorError;

const PLENTY_OF_STAKE: u128 = 10_000_000 * E18;
const PCV_TOKE: u128 = 400_000 * E18;
const BOND: u128 = 1_000 * E18;
/// tWETH, registered by the factory with the reactor.
const TWETH: u32 = 0;

type R<T> = Result<T, RegistryError>;

/// A suite with PCV placed, `lps` LPs of 10 WETH each in the pool, rolled into cycle 1.
fn rolled(lps: &[&str]) -> (Suite, Vec<Address>, Address) {
    let mut s = Suite::new(1, PLENTY_OF_STAKE);
    s.place_pcv(PCV_TOKE);
    let mut out = Vec::new();
    for name in lps {
        let lp = s.chain.user(name);
        s.mint_weth(&lp, 10 * E18);
        assert_eq!(s.deposit(&lp, 10 * E18), Ok(10 * E18));
        out.push(lp);
    }
    let keeper = s.chain.user("keeper");
    s.to_next_cycle();
    s.rollover(&keeper).expect("the first rollover");
    (s, out, keeper)
}

fn query<T: parity_scale_codec::Decode>(s: &mut Suite, message: &str, args: Vec<String>) -> T {
    let registry = s.registry.clone();
    s.chain.query(&registry, message, &args)
}

fn strike(s: &mut Suite, keeper: &Address) -> u128 {
    let reactor = s.reactor.clone();
    let r: Result<u128, ReactorError> = s.chain.call(keeper, &reactor, "strike_nav", &args![]);
    r.expect("strike")
}

#[test]
fn the_factory_registers_tweth_and_rollovers_and_strikes_feed_a_drawdown_that_matches_the_struck_navs() {
    let (mut s, _, keeper) = rolled(&["lp-1", "lp-2", "lp-3", "lp-4"]);
    // Registered with the reactor: an Open position operated by the reactor's admin, fed by it.
    let snapshot: R<Snapshot> = query(&mut s, "snapshot", args![TWETH]);
    let position = snapshot.expect("registered").position;
    assert_eq!(position.registration.token, ink_id(&s.tasset));
    assert_eq!((position.registration.class, position.registration.source), (Class::Open, Some(ink_id(&s.reactor))));
    assert_eq!(position.registration.operator, ink_id(&s.admin));
    let nav: R<Reading> = query(&mut s, "nav", args![TWETH]);
    assert_eq!(nav, Ok(Reading { value: E18, age_ms: 0 }), "the rollover reported NAV 1");
    let receipt = query::<R<Snapshot>>(&mut s, "snapshot", args![TWETH]).expect("known").receipt;
    assert_eq!(receipt.map(|(r, _)| r.epoch), Some(1), "with its reward receipt");

    // WETH quadruples against TOKE and keeps going: PCV is used up and NAV falls below 1. A
    // keeper strikes an hour later (the venue's TWAP has caught up).
    let whale = s.trader("whale", E18, 5_000_000 * E18);
    s.swap(&whale, 0, false, 277_000 * E18);
    s.swap(&whale, 0, false, 1_500_000 * E18);
    s.chain.advance_time(HOUR_MS);
    let struck = strike(&mut s, &keeper);
    assert!(struck < E18, "NAV {struck}");
    let nav: R<Reading> = query(&mut s, "nav", args![TWETH]);
    assert_eq!(nav, Ok(Reading { value: struck, age_ms: 0 }));
    // Peak 1.0 (the rollover, within two hours) to the strike.
    let drawdown: R<Reading> = query(&mut s, "nav_drawdown", args![TWETH, 2 * HOUR_MS]);
    assert_eq!(drawdown.map(|d| d.value), Ok((E18 - struck) * 10_000 / E18));
    // Keepers striking again and again in the next hour cannot flush the peak out.
    s.chain.advance_time(HOUR_MS / 2);
    for _ in 0..3 {
        strike(&mut s, &keeper);
    }
    let again: R<Reading> = query(&mut s, "nav_drawdown", args![TWETH, 2 * HOUR_MS]);
    assert!(again.expect("fresh").value >= (E18 - struck) * 10_000 / E18 - 1);
    let too_long: R<Reading> = query(&mut s, "nav_drawdown", args![TWETH, 65 * HOUR_MS]);
    assert_eq!(too_long, Err(RegistryError::WindowTooLong));

    // Nobody strikes or rolls for over a cycle and a day: NAV is stale and prices nothing.
    s.chain.advance_time(WEEK_MS + DAY_MS + 1);
    let stale: R<Reading> = query(&mut s, "nav_drawdown", args![TWETH, HOUR_MS]);
    assert_eq!(stale, Err(RegistryError::Stale { age_ms: WEEK_MS + DAY_MS + 1 }));
    // Pushes come only from the position's own reactor.
    let registry = s.registry.clone();
    let forged: R<()> = s.chain.call(&whale, &registry, "PositionFeed::observe", &args![Raw(format!("Observation {{ nav: {E18}, supply: 1, requested: 0, unpaid: 0 }}")), Raw("None".into())]);
    assert_eq!(forged, Err(RegistryError::NotSource));
}

#[test]
fn a_burst_of_withdrawal_requests_raises_congestion_once_matured_and_a_cancelled_one_counts_nothing() {
    let names = ["lp-1", "lp-2", "lp-3", "lp-4", "lp-5", "lp-6", "lp-7", "lp-8", "lp-9", "lp-10"];
    let (mut s, lps, keeper) = rolled(&names);
    let calm: R<Reading> = query(&mut s, "congestion", args![TWETH]);
    assert_eq!(calm.map(|c| c.value), Ok(0), "the first rollover matured nothing");
    // Three of ten LPs ask for everything: 30% of the supply. A fourth asks too, and cancels
    // just before the rollover: a request that can still be cancelled is no redemption, and
    // keepers striking meanwhile report none.
    for lp in &lps[..4] {
        s.request(lp, 10 * E18).expect("request");
    }
    strike(&mut s, &keeper);
    s.chain.advance_time(2 * HOUR_MS);
    strike(&mut s, &keeper);
    let pending: R<Reading> = query(&mut s, "congestion", args![TWETH]);
    assert_eq!(pending.map(|c| c.value), Ok(0));
    s.to_next_cycle();
    s.request(&lps[3], 0).expect("cancel");
    s.chain.next_block();
    // The rollover matures 30% of the supply after a week: 3,000 / 7 bps a day, rounded up,
    // once it has stood the hour the registry smooths over.
    s.rollover(&keeper).expect("rollover");
    s.chain.advance_time(HOUR_MS);
    let congestion: R<Reading> = query(&mut s, "congestion", args![TWETH]);
    assert_eq!(congestion.map(|c| c.value), Ok(429));
    // Every matured request was paid: nothing is overdue.
    let wait: R<Reading> = query(&mut s, "queue_wait", args![TWETH]);
    assert_eq!(wait.map(|w| w.value), Ok(0));
    assert!(s.withdraw(&lps[0], 10 * E18).expect("paid").0 >= 10 * E18 - 1);
    // The next week matures nothing: congestion fades out over the smoothing window.
    s.to_next_cycle();
    s.rollover(&keeper).expect("rollover");
    s.chain.advance_time(HOUR_MS);
    let after: R<Reading> = query(&mut s, "congestion", args![TWETH]);
    assert_eq!(after.map(|c| c.value), Ok(0));
}

#[test]
fn reporters_show_how_long_an_external_vaults_redemptions_have_gone_unpaid() {
    let (mut s, _, _) = rolled(&["lp-1"]);
    let reporters: Vec<Address> = ["reporter-1", "reporter-2", "reporter-3"].iter().map(|n| s.chain.user(n)).collect();
    let id = external_position(&mut s, &reporters);
    let registry = s.registry.clone();
    let report = |s: &mut Suite, bps: u128| {
        s.chain.advance_time(HOUR_MS);
        let epoch: u64 = s.chain.query(&registry, "current_epoch", &args![]);
        for reporter in &reporters {
            let r: R<()> = s.chain.call(reporter, &registry, "report", &args![id, Raw("Queue".into()), epoch, bps]);
            r.expect("reporter");
        }
    };
    // Nothing unpaid, then 12% of the vault's shares due and unpaid for three epochs.
    report(&mut s, 0);
    for _ in 0..4 {
        report(&mut s, 1_200);
    }
    let stranger = s.chain.user("stranger");
    s.chain.advance_time(HOUR_MS);
    let closed: R<Option<u128>> = s.chain.call(&stranger, &registry, "close_round", &args![id, Raw("Queue".into())]);
    assert_eq!(closed, Ok(Some(1_200)));
    // Seen unpaid from the end of the second epoch to the end of the fifth: three hours.
    let wait: R<Reading> = query(&mut s, "queue_wait", args![id]);
    assert_eq!(wait.map(|w| w.value), Ok(u128::from(3 * HOUR_MS)));
    // A share above 100% is refused.
    let epoch: u64 = s.chain.query(&registry, "current_epoch", &args![]);
    let r: R<()> = s.chain.call(&reporters[0], &registry, "report", &args![id, Raw("Queue".into()), epoch, 10_001u128]);
    assert_eq!(r, Err(RegistryError::InvalidValue));
}

#[test]
fn a_large_swap_raises_depth_fragility_only_once_it_has_stood_and_a_flash_swap_moves_nothing() {
    let (mut s, _, _) = rolled(&["lp-1"]);
    let (admin, registry, amm) = (s.admin.clone(), s.registry.clone(), s.venues[0].clone());
    let unmeasured: R<u128> = s.chain.call(&admin, &registry, "observe_depth", &args![TWETH]);
    assert_eq!(unmeasured, Err(RegistryError::NoVenue));
    let set: R<()> = s.chain.call(&admin, &registry, "set_venue", &args![TWETH, Some(amm.clone()), E18]);
    set.expect("admin");
    let observer = s.chain.user("observer");
    let observe = |s: &mut Suite| -> u128 {
        let r: R<u128> = s.chain.call(&observer, &registry, "observe_depth", &args![TWETH]);
        r.expect("measured")
    };
    let calm = observe(&mut s);
    assert!(calm > 0 && calm < 100, "1 WETH moves a deep pool by {calm} bps");
    s.chain.advance_time(HOUR_MS);

    // A flash manipulation: buy most of the WETH, observe, sell it back, all in one block.
    // Depth is read at the pool's time-weighted price, which one block does not move.
    let whale = s.trader("whale", 1_000 * E18, 5_000_000 * E18);
    let bought = s.swap(&whale, 0, false, 1_000_000 * E18);
    assert!(observe(&mut s).abs_diff(calm) <= 1);
    s.swap(&whale, 0, true, bought);
    assert!(observe(&mut s).abs_diff(calm) <= 1);

    // The same swap left standing: once the TWAP has caught up (its window is ten minutes) the
    // pool reads thin; the smoothed depth moves half way in half an hour, all the way in one.
    s.swap(&whale, 0, false, 1_000_000 * E18);
    s.chain.advance_time(HOUR_MS);
    let thin = observe(&mut s);
    assert!(thin > 4 * calm, "{calm} → {thin}");
    s.chain.advance_time(HOUR_MS / 2);
    let half: R<Reading> = query(&mut s, "depth_fragility", args![TWETH]);
    let half = half.expect("fresh").value;
    assert!(half > calm && half < thin && half.abs_diff((calm + thin) / 2) <= 2, "{calm} → {half} → {thin}");
    s.chain.advance_time(HOUR_MS);
    let full: R<Reading> = query(&mut s, "depth_fragility", args![TWETH]);
    assert_eq!(full.map(|d| d.value), Ok(thin));
}

#[test]
fn a_registry_that_refuses_or_traps_never_blocks_a_rollover_or_a_strike() {
    let (mut s, lps, keeper) = rolled(&["lp-1"]);
    s.request(&lps[0], 10 * E18).expect("request");
    let (admin, reactor, weth) = (s.admin.clone(), s.reactor.clone(), s.weth.clone());
    // The reactor pointed at a token (unknown selector: it traps), then at an account with no
    // code: rollovers and strikes carry on, and the LP's exit is served.
    let r: Result<(), AccessError> = s.chain.call(&admin, &reactor, "AccessControl::set_role", &args![Raw("Registry".into()), weth, true]);
    r.expect("admin");
    strike(&mut s, &keeper);
    s.to_next_cycle();
    s.rollover(&keeper).expect("the rollover goes on");
    let nobody = s.chain.user("nobody");
    let r: Result<(), AccessError> = s.chain.call(&admin, &reactor, "AccessControl::set_role", &args![Raw("Registry".into()), nobody, true]);
    r.expect("admin");
    strike(&mut s, &keeper);
    let (paid, _) = s.withdraw(&lps[0], 10 * E18).expect("the exit is served");
    assert!(paid >= 10 * E18 - 1, "paid {paid}");
    // A second registry where this reactor is no source refuses each push: the same.
    let treasury = s.treasury.clone();
    let other = s.chain.deploy(&admin, "position_registry", "new", &args![s.toke.clone(), treasury, HOUR_MS, HOUR_MS, Raw(laas_e2e_tests::suite::REGISTRY_PARAMS.into())], vec![1]);
    let r: Result<(), AccessError> = s.chain.call(&admin, &reactor, "AccessControl::set_role", &args![Raw("Registry".into()), other, true]);
    r.expect("admin");
    s.to_next_cycle();
    s.rollover(&keeper).expect("the rollover goes on");
    // Meanwhile the real registry kept its last reading: stale once old enough.
    let nav: R<Reading> = query(&mut s, "nav", args![TWETH]);
    assert!(nav.is_ok() || matches!(nav, Err(RegistryError::Stale { .. })));
}

/// Registers an external position (a share token the suite does not run, no source) and
/// joins `reporters` to it, each bonding 1,000 TOKE; returns its id.
fn external_position(s: &mut Suite, reporters: &[Address]) -> u32 {
    let (admin, registry, toke) = (s.admin.clone(), s.registry.clone(), s.toke.clone());
    let share = s.chain.deploy(&admin, "test_asset", "new", &args!["Vault Share", "mvWETH", 18u8, 0u128], vec![7]);
    let operator = s.chain.user("vault-operator");
    let registration = format!("Registration {{ token: {share}, class: Open, operator: {operator}, related: [], source: None, venue: None, reference_size: 0 }}");
    let id: R<u32> = s.chain.call(&admin, &registry, "PositionFeed::register", &args![Raw(registration)]);
    let id = id.expect("the admin registers it");
    for reporter in reporters {
        s.give_toke(reporter, BOND);
        s.approve(reporter, &toke, &registry);
        let r: R<()> = s.chain.call(&admin, &registry, "allow_reporter", &args![id, reporter, true]);
        r.expect("admin");
        let joined: R<()> = s.chain.call(reporter, &registry, "join", &args![id, BOND]);
        joined.expect("whitelisted, bonded");
    }
    id
}

/// Each reporter reports its value of the bridge delay for the epoch the clock is in.
fn report_all(s: &mut Suite, id: u32, reports: &[(&Address, u128)]) {
    let registry = s.registry.clone();
    let epoch: u64 = s.chain.query(&registry, "current_epoch", &args![]);
    for (reporter, value) in reports {
        let r: R<()> = s.chain.call(reporter, &registry, "report", &args![id, Raw("BridgeDelay".into()), epoch, *value]);
        r.expect("an active reporter, once per epoch");
    }
}

#[test]
fn three_honest_reporters_outvote_a_liar_who_is_slashed_after_repeated_deviations() {
    let (mut s, _, _) = rolled(&["lp-1"]);
    let (registry, toke, treasury) = (s.registry.clone(), s.toke.clone(), s.treasury.clone());
    let names = ["reporter-1", "reporter-2", "reporter-3", "liar"];
    let reporters: Vec<Address> = names.iter().map(|n| s.chain.user(n)).collect();
    let id = external_position(&mut s, &reporters[..3]);
    let liar = reporters[3].clone();

    // The liar is whitelisted but tries to join with less than the minimum bond: refused, and
    // it keeps its TOKE.
    s.give_toke(&liar, BOND);
    s.approve(&liar, &toke, &registry);
    let admin = s.admin.clone();
    let r: R<()> = s.chain.call(&admin, &registry, "allow_reporter", &args![id, liar.clone(), true]);
    r.expect("admin");
    let short: R<()> = s.chain.call(&liar, &registry, "join", &args![id, BOND - 1]);
    assert_eq!(short, Err(RegistryError::BondTooSmall));
    assert_eq!(s.balance(&toke, &liar), BOND);
    let joined: R<()> = s.chain.call(&liar, &registry, "join", &args![id, BOND]);
    joined.expect("bonded");
    let stranger = s.chain.user("stranger");
    let epoch: u64 = s.chain.query(&registry, "current_epoch", &args![]);
    let not_reporter: R<()> = s.chain.call(&stranger, &registry, "report", &args![id, Raw("BridgeDelay".into()), epoch, 1u128]);
    assert_eq!(not_reporter, Err(RegistryError::NotReporter));
    let first_party: R<()> = s.chain.call(&liar, &registry, "report", &args![TWETH, Raw("Nav".into()), epoch, 1u128]);
    assert_eq!(first_party, Err(RegistryError::FirstParty));

    // Three epochs: honest reports of about a minute, the liar's of two hours.
    let (honest, lie) = ([60_000u128, 61_000, 59_000], 7_200_000u128);
    for round in 0..3u64 {
        s.chain.advance_time(HOUR_MS);
        let reports: Vec<(&Address, u128)> = reporters.iter().zip(honest.iter().chain([lie].iter())).map(|(r, v)| (r, *v)).collect();
        report_all(&mut s, id, &reports);
        let now: u64 = s.chain.query(&registry, "current_epoch", &args![]);
        let twice: R<()> = s.chain.call(&liar, &registry, "report", &args![id, Raw("BridgeDelay".into()), now, lie]);
        assert_eq!(twice, Err(RegistryError::AlreadyReported), "round {round}");
        let past: R<()> = s.chain.call(&reporters[0], &registry, "report", &args![id, Raw("BridgeDelay".into()), epoch, 1u128]);
        assert_eq!(past, Err(RegistryError::WrongEpoch));
        let r: R<Option<u128>> = s.chain.call(&stranger, &registry, "close_round", &args![id, Raw("BridgeDelay".into())]);
        assert_eq!(r, Err(RegistryError::EpochOpen), "the epoch is still open");
        s.chain.advance_time(HOUR_MS);
        let closed: R<Option<u128>> = s.chain.call(&stranger, &registry, "close_round", &args![id, Raw("BridgeDelay".into())]);
        // Of 59,000, 60,000, 61,000 and 7,200,000 the median on the safe side: 60,000.
        assert_eq!(closed, Ok(Some(60_000)));
    }
    // The third deviation within six epochs removed the liar and slashed half its bond.
    let record: Option<position_registry::position_registry::Reporter> = s.chain.query(&registry, "reporter_of", &args![id, liar.clone()]);
    let record = record.expect("its bond is kept until withdrawn");
    assert_eq!((record.active, record.bond), (false, BOND / 2));
    let whitelisted: bool = s.chain.query(&registry, "is_whitelisted", &args![id, liar.clone()]);
    assert!(!whitelisted);
    let before = s.balance(&toke, &treasury);
    let swept: R<u128> = s.chain.call(&stranger, &registry, "sweep", &args![]);
    assert_eq!(swept, Ok(BOND / 2));
    assert_eq!(s.balance(&toke, &treasury), before + BOND / 2);
    let early: R<u128> = s.chain.call(&liar, &registry, "withdraw_bond", &args![id]);
    assert_eq!(early, Err(RegistryError::CooldownActive));

    // The smoothed delay is the honest one; the honest reporters keep answering.
    let delay: R<Reading> = query(&mut s, "bridge_delay", args![id]);
    assert_eq!(delay.map(|d| d.value), Ok(60_000));
    // One honest reporter leaves: two are too few, the delay answers nothing. Its bond, and the
    // rest of the liar's, return after the cooldown, even with the registry paused.
    let r: R<()> = s.chain.call(&reporters[2], &registry, "leave", &args![id]);
    r.expect("reporter");
    let few: R<Reading> = query(&mut s, "bridge_delay", args![id]);
    assert_eq!(few, Err(RegistryError::TooFewReporters));
    let r: Result<(), AccessError> = s.chain.call(&admin, &registry, "AccessControl::pause", &args![]);
    r.expect("admin");
    s.chain.advance_time(DAY_MS);
    let back: R<u128> = s.chain.call(&reporters[2], &registry, "withdraw_bond", &args![id]);
    assert_eq!(back, Ok(BOND));
    let rest: R<u128> = s.chain.call(&liar, &registry, "withdraw_bond", &args![id]);
    assert_eq!(rest, Ok(BOND / 2));
    assert_eq!((s.balance(&toke, &reporters[2]), s.balance(&toke, &liar)), (BOND, BOND / 2));
    let rejoin: R<()> = s.chain.call(&liar, &registry, "join", &args![id, BOND / 2]);
    assert_eq!(rejoin, Err(RegistryError::Access(AccessError::Paused)));
}

#[test]
fn a_term_position_settled_late_shows_its_delay() {
    let (mut s, _, _) = rolled(&["lp-1"]);
    let (admin, registry, weth) = (s.admin.clone(), s.registry.clone(), s.weth.clone());
    let operator = s.chain.user("term-operator");
    let maturity = s.chain.now_ms() + DAY_MS;
    let term = s.chain.deploy(&operator, "term_position", "new", &args![weth.clone(), maturity, Some(registry.clone())], vec![]);
    let registration = format!("Registration {{ token: {term}, class: Term {{ maturity_ms: {maturity} }}, operator: {operator}, related: [], source: Some({term}), venue: None, reference_size: 0 }}");
    let id: R<u32> = s.chain.call(&admin, &registry, "PositionFeed::register", &args![Raw(registration.clone())]);
    let id = id.expect("the admin registers it");
    let again: R<u32> = s.chain.call(&admin, &registry, "PositionFeed::register", &args![Raw(registration)]);
    assert_eq!(again, Err(RegistryError::AlreadyRegistered));
    let holder = s.chain.user("holder");
    s.mint_weth(&holder, 5 * E18);
    s.approve(&holder, &weth, &term);
    let r: Result<(), term_position::term_position::TermError> = s.chain.call(&holder, &term, "deposit", &args![5 * E18]);
    r.expect("deposit before maturity");

    let on_time: R<Reading> = query(&mut s, "settlement_delay", args![id]);
    assert_eq!(on_time.map(|d| d.value), Ok(0), "not due yet");
    // A day past maturity and still unsettled: a day late, and counting.
    s.chain.advance_time(2 * DAY_MS);
    let late: R<Reading> = query(&mut s, "settlement_delay", args![id]);
    assert_eq!(late.map(|d| d.value), Ok(u128::from(DAY_MS)));
    // Settled three days late: the delay stops there.
    s.chain.advance_time(2 * DAY_MS);
    let r: Result<(), term_position::term_position::TermError> = s.chain.call(&operator, &term, "settle", &args![]);
    r.expect("the operator settles");
    s.chain.advance_time(DAY_MS);
    let delay: R<Reading> = query(&mut s, "settlement_delay", args![id]);
    assert_eq!(delay, Ok(Reading { value: u128::from(3 * DAY_MS), age_ms: 0 }), "a settlement is final");
    let r: Result<u128, term_position::term_position::TermError> = s.chain.call(&holder, &term, "redeem", &args![]);
    assert_eq!(r, Ok(5 * E18));
    let tweth: R<Reading> = query(&mut s, "settlement_delay", args![TWETH]);
    assert_eq!(tweth, Err(RegistryError::NotTerm));

    // A Term position whose settlement never reached the registry (its contract was not told
    // of it): it reads late and counting until anyone syncs it from the contract itself.
    let maturity = s.chain.now_ms() + DAY_MS;
    let quiet = s.chain.deploy(&operator, "term_position", "new", &args![weth, maturity, None::<Address>], vec![]);
    let registration = format!("Registration {{ token: {quiet}, class: Term {{ maturity_ms: {maturity} }}, operator: {operator}, related: [], source: Some({quiet}), venue: None, reference_size: 0 }}");
    let id: R<u32> = s.chain.call(&admin, &registry, "PositionFeed::register", &args![Raw(registration)]);
    let id = id.expect("the admin registers it");
    let anyone = s.chain.user("anyone");
    let early: R<Option<u64>> = s.chain.call(&anyone, &registry, "sync_settlement", &args![id]);
    assert_eq!(early, Ok(None), "not settled yet");
    s.chain.advance_time(DAY_MS + HOUR_MS);
    let r: Result<(), term_position::term_position::TermError> = s.chain.call(&operator, &quiet, "settle", &args![]);
    r.expect("settled an hour late");
    s.chain.advance_time(DAY_MS);
    let unknown: R<Reading> = query(&mut s, "settlement_delay", args![id]);
    assert_eq!(unknown.map(|d| d.value), Ok(u128::from(DAY_MS + HOUR_MS)));
    let synced: R<Option<u64>> = s.chain.call(&anyone, &registry, "sync_settlement", &args![id]);
    assert_eq!(synced, Ok(Some(maturity + HOUR_MS)));
    let known: R<Reading> = query(&mut s, "settlement_delay", args![id]);
    assert_eq!(known, Ok(Reading { value: u128::from(HOUR_MS), age_ms: 0 }));
    let again: R<Option<u64>> = s.chain.call(&anyone, &registry, "sync_settlement", &args![id]);
    assert_eq!(again, Err(RegistryError::AlreadySettled));
}
