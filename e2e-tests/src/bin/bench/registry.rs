//! Weights of the position registry: the reactor's first-party push (measured as the cost it
//! adds to a NAV strike, and inside a rollover), a reporter's report (plain, and the first of
//! an epoch, which closes the last one), and every derived query, with 1 and 1,000 positions
//! registered and 3 and 1,002 reports made before on the position measured.

use laas_e2e_tests::suite::{Suite, E18, HOUR_MS};
use laas_e2e_tests::{args, args::Raw, Address, Cost};
use laas_traits::{AccessError, RegistryError};
use reactor::reactor::ReactorError;

const STAKE: u128 = 10_000_000 * E18;
const BOND: u128 = 1_000 * E18;

/// The suite with `positions` positions registered (tWETH and external ones, the last with
/// three bonded reporters who each reported in `epochs` past epochs); returns its costs.
fn measure(positions: usize, epochs: usize) -> Vec<(&'static str, Cost)> {
    let mut s = Suite::new(1, STAKE);
    s.place_pcv(1_000_000 * E18);
    let (admin, registry, reactor, toke, amm) = (s.admin.clone(), s.registry.clone(), s.reactor.clone(), s.toke.clone(), s.venues[0].clone());
    let (keeper, lp) = (s.chain.user("keeper"), s.chain.user("lp"));
    s.mint_weth(&lp, 100 * E18);
    s.deposit(&lp, 50 * E18).expect("deposit");
    let mut id = 0u32;
    for i in 1..positions {
        let token = s.chain.user(&format!("share-{i}"));
        let registration = format!("Registration {{ token: {token}, class: Open, operator: {admin}, related: [], source: None, venue: None, reference_size: 0 }}");
        let r: Result<u32, RegistryError> = s.chain.call(&admin, &registry, "PositionFeed::register", &args![Raw(registration)]);
        id = r.expect("register");
    }
    let r: Result<(), RegistryError> = s.chain.call(&admin, &registry, "set_venue", &args![0u32, Some(amm), E18]);
    r.expect("venue");
    // A Term position (its source an account that has not settled it): settlement_delay reads
    // the clock past its maturity.
    let (term, maturity) = (s.chain.user("term-share"), s.chain.now_ms() + HOUR_MS);
    let registration = format!("Registration {{ token: {term}, class: Term {{ maturity_ms: {maturity} }}, operator: {admin}, related: [], source: Some({term}), venue: None, reference_size: 0 }}");
    let r: Result<u32, RegistryError> = s.chain.call(&admin, &registry, "PositionFeed::register", &args![Raw(registration)]);
    let term_id = r.expect("register");
    let reporters: Vec<Address> = (0..3).map(|i| s.chain.user(&format!("reporter-{i}"))).collect();
    for reporter in &reporters {
        s.give_toke(reporter, BOND);
        s.approve(reporter, &toke, &registry);
        let r: Result<(), RegistryError> = s.chain.call(&admin, &registry, "allow_reporter", &args![id, reporter, true]);
        r.expect("whitelist");
        let r: Result<(), RegistryError> = s.chain.call(reporter, &registry, "join", &args![id, BOND]);
        r.expect("join");
    }
    let report = |s: &mut Suite, reporter: &Address, value: u128| -> Cost {
        let epoch: u64 = s.chain.query(&registry, "current_epoch", &args![]);
        let r: Result<(), RegistryError> = s.chain.call(reporter, &registry, "report", &args![id, Raw("BridgeDelay".into()), epoch, value]);
        r.expect("report");
        s.chain.last_cost()
    };
    for _ in 0..epochs {
        s.chain.advance_time(HOUR_MS);
        for reporter in &reporters {
            report(&mut s, reporter, 60_000);
        }
    }
    s.chain.advance_time(HOUR_MS);
    let mut rows = Vec::new();
    rows.push(("report (first of an epoch: closes the last)", report(&mut s, &reporters[0], 60_000)));
    rows.push(("report", report(&mut s, &reporters[1], 61_000)));
    report(&mut s, &reporters[2], 59_000);
    s.chain.advance_time(HOUR_MS);
    let r: Result<Option<u128>, RegistryError> = s.chain.call(&keeper, &registry, "close_round", &args![id, Raw("BridgeDelay".into())]);
    assert_eq!(r, Ok(Some(60_000)), "the last epoch's median");
    rows.push(("close_round (3 reports)", s.chain.last_cost()));

    s.to_next_cycle();
    s.rollover(&keeper).expect("rollover");
    rows.push(("rollover with its push", s.chain.last_cost()));
    s.chain.advance_time(HOUR_MS);
    let strike = |s: &mut Suite| -> Cost {
        s.chain.next_block();
        let r: Result<u128, ReactorError> = s.chain.call(&keeper, &reactor, "strike_nav", &args![]);
        r.expect("strike");
        s.chain.last_cost()
    };
    let with_push = strike(&mut s);
    let r: Result<(), AccessError> = s.chain.call(&admin, &reactor, "AccessControl::set_role", &args![Raw("Registry".into()), registry.clone(), false]);
    r.expect("revoke");
    let without = strike(&mut s);
    rows.push(("strike_nav with its push", with_push));
    rows.push(("  of which the push", Cost {
        ref_time: with_push.ref_time.saturating_sub(without.ref_time),
        proof_size: with_push.proof_size.saturating_sub(without.proof_size),
        storage_deposit: with_push.storage_deposit.saturating_sub(without.storage_deposit),
    }));
    let observer = s.chain.user("observer");
    let r: Result<u128, RegistryError> = s.chain.call(&observer, &registry, "observe_depth", &args![0u32]);
    r.expect("depth");
    rows.push(("observe_depth", s.chain.last_cost()));
    s.chain.advance_time(HOUR_MS);
    s.chain.next_block();
    for (label, message, position, extra) in [
        ("nav", "nav", 0u32, None),
        ("nav_drawdown (24 h)", "nav_drawdown", 0, Some(24 * HOUR_MS)),
        ("queue_wait", "queue_wait", 0, None),
        ("congestion", "congestion", 0, None),
        ("depth_fragility", "depth_fragility", 0, None),
        ("bridge_delay (reporter-fed)", "bridge_delay", id, None),
        ("settlement_delay (Term, unsettled)", "settlement_delay", term_id, None),
    ] {
        let arguments = match extra {
            Some(window) => args![position, window],
            None => args![position],
        };
        let r: Result<position_registry::position_registry::Reading, RegistryError> = s.chain.call(&observer, &registry, message, &arguments);
        r.unwrap_or_else(|e| panic!("{message}: {e:?}"));
        rows.push((label, s.chain.last_cost()));
    }
    rows
}

/// Prints the registry's weights with 1 and 1,000 positions, 3 and 1,002 reports.
pub fn registry_weights() {
    let small = measure(1, 1);
    let large = measure(1_000, 334);
    crate::print_scaling("position_registry", "1,000 positions and 1,002 reports vs 1 and 3", &small, &large);
}
