//! Unit tests of the position registry, off chain: registration, first-party observations,
//! reports, medians and marks, and every derived query (bond transfers and depth readings,
//! which call other contracts, run in `e2e-tests/tests/registry.rs`).

mod rules;

use crate::position_registry::*;
use ink::env::test;
use ink::env::DefaultEnvironment as E;
use ink::primitives::AccountId;
use laas_traits::{AccessControl, AccessError, PositionFeed, Role, Roles};

const HOUR: u64 = 3_600_000;
const NAV: u128 = 1_000_000_000_000_000_000;

fn params() -> Params {
    Params {
        max_age_ms: 2 * DAY_MS,
        smoothing_ms: HOUR,
        min_bond: 100,
        band_bps: 500,
        max_deviations: 1,
        deviation_epochs: 4,
        slash_bps: 5_000,
        cooldown_ms: DAY_MS,
    }
}

fn at(ms: u64) {
    test::set_block_timestamp::<E>(ms);
}

fn as_caller(account: AccountId) {
    test::set_caller::<E>(account);
}

/// A registry (alice admin, bob the treasury) with epochs of an hour and buckets of an hour,
/// at day 10.
fn registry() -> (PositionRegistry, test::DefaultAccounts<E>) {
    let a = test::default_accounts::<E>();
    as_caller(a.alice);
    at(10 * DAY_MS);
    (PositionRegistry::new(a.django, a.bob, HOUR, HOUR, params()).expect("valid"), a)
}

fn open(token: AccountId, source: Option<AccountId>, operator: AccountId) -> Registration {
    Registration { token, class: Class::Open, operator, related: vec![], source, venue: None, reference_size: 0 }
}

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

/// Seats `reporters` on `position` as if they had joined with a bond of 1,000 (joining pulls
/// the bond from the token, which only the scenarios can run).
fn seat(r: &mut PositionRegistry, position: u32, reporters: &[AccountId]) {
    for reporter in reporters {
        r.whitelist.insert((position, *reporter), &());
        r.reporter.insert((position, *reporter), &Reporter { bond: 1_000, active: true, unlock_ms: 0, marks: 0, marked_epoch: 0, joined_epoch: 0 });
    }
    r.reporters.insert(position, &reporters.to_vec());
}

/// `source` observes NAV, the requests waiting for the next rollover and the unpaid queue,
/// of a supply of 1,000 shares.
fn observe(r: &mut PositionRegistry, source: AccountId, nav: u128, requested: u128, unpaid: u128) {
    as_caller(source);
    r.observe(Observation { nav, supply: 1_000, requested, unpaid }, None).expect("source");
}

#[ink::test]
fn only_the_admin_or_a_registrar_registers_and_bad_registrations_change_nothing() {
    let (mut r, a) = registry();
    as_caller(a.eve);
    assert_eq!(r.register(open(account(21), None, a.eve)), Err(RegistryError::Access(AccessError::NotAdmin)));
    as_caller(a.alice);
    assert_eq!(r.register(open(account(21), Some(account(22)), a.eve)), Ok(0));
    assert_eq!(r.register(open(account(21), None, a.eve)), Err(RegistryError::AlreadyRegistered));
    assert_eq!(r.register(open(account(23), Some(account(22)), a.eve)), Err(RegistryError::SourceTaken));
    let crowd = Registration { related: vec![a.eve; 16], ..open(account(23), None, a.eve) };
    assert_eq!(r.register(crowd), Err(RegistryError::TooManyRelated));
    let undated = Registration { class: Class::Term { maturity_ms: 0 }, ..open(account(23), None, a.eve) };
    assert_eq!(r.register(undated), Err(RegistryError::InvalidParams));
    let no_size = Registration { venue: Some(account(29)), ..open(account(23), None, a.eve) };
    assert_eq!(r.register(no_size), Err(RegistryError::InvalidParams));
    assert_eq!(r.count(), 1);
    assert_eq!(r.position_of(account(23)), None);
    // A registrar (the factory) may register; the guardian's pause stops registrations.
    r.set_role(Role::Registrar, a.frank, true).expect("admin");
    assert!(r.roles().contains(&(Role::Registrar, a.frank)));
    as_caller(a.frank);
    assert_eq!(r.register(open(account(23), None, a.eve)), Ok(1));
    as_caller(a.alice);
    r.pause().expect("admin");
    assert_eq!(r.register(open(account(24), None, a.eve)), Err(RegistryError::Access(AccessError::Paused)));
}

#[ink::test]
fn admin_messages_refuse_strangers_and_unknown_positions() {
    let (mut r, a) = registry();
    r.register(open(account(21), None, a.eve)).expect("admin");
    as_caller(a.eve);
    let not_admin = Err(RegistryError::Access(AccessError::NotAdmin));
    assert_eq!(r.set_parties(0, a.eve, vec![]), not_admin);
    assert_eq!(r.set_venue(0, Some(account(29)), 10), not_admin);
    assert_eq!(r.set_params(params()), not_admin);
    assert_eq!(r.allow_reporter(0, a.eve, true), not_admin);
    assert_eq!(r.set_role(Role::Registrar, a.eve, true), Err(AccessError::NotAdmin));
    as_caller(a.alice);
    assert_eq!(r.set_parties(7, a.eve, vec![]), Err(RegistryError::UnknownPosition));
    assert_eq!(r.set_parties(0, a.eve, vec![a.bob; 16]), Err(RegistryError::TooManyRelated));
    assert_eq!(r.set_venue(0, Some(account(29)), 0), Err(RegistryError::InvalidParams));
    assert_eq!(r.set_params(Params { max_deviations: 4, ..params() }), Err(RegistryError::InvalidParams));
    assert_eq!(r.set_params(Params { deviation_epochs: 65, max_deviations: 1, ..params() }), Err(RegistryError::InvalidParams));
    assert_eq!(r.allow_reporter(7, a.eve, true), Err(RegistryError::UnknownPosition));
    assert_eq!(r.nav(7), Err(RegistryError::UnknownPosition));
    assert_eq!(r.snapshot(7).map(|_| ()), Err(RegistryError::UnknownPosition));
    r.set_parties(0, a.frank, vec![a.bob]).expect("admin");
    let position = r.position(0).expect("registered");
    assert_eq!((position.registration.operator, position.registration.related), (a.frank, vec![a.bob]));
    assert_eq!(PositionRegistry::new(a.django, a.bob, 0, HOUR, params()).map(|_| ()), Err(RegistryError::InvalidParams));
}

#[ink::test]
fn only_the_source_pushes_and_drawdown_reads_the_peak_of_the_window() {
    let (mut r, a) = registry();
    let reactor = account(22);
    r.register(open(account(21), Some(reactor), a.eve)).expect("admin");
    as_caller(a.eve);
    assert_eq!(r.observe(Observation { nav: NAV, supply: 1, requested: 0, unpaid: 0 }, None), Err(RegistryError::NotSource));
    assert_eq!(r.nav(0), Err(RegistryError::NoData));
    let start = 10 * DAY_MS;
    observe(&mut r, reactor, NAV, 0, 0);
    // Up 10% an hour later, then down to 0.99 over the next three hours; keepers striking in
    // a burst within one bucket cannot flush its peak.
    at(start + HOUR);
    observe(&mut r, reactor, NAV * 11 / 10, 0, 0);
    for _ in 0..5 {
        observe(&mut r, reactor, NAV, 0, 0);
    }
    at(start + 4 * HOUR);
    observe(&mut r, reactor, NAV * 99 / 100, 0, 0);
    assert_eq!(r.nav(0), Ok(Reading { value: NAV * 99 / 100, age_ms: 0 }));
    // (1.1 − 0.99) / 1.1 = 10% within 4 h (the current hour and the three before it); the
    // last three hours saw no peak above now. Windows are read in whole buckets.
    assert_eq!(r.nav_drawdown(0, 4 * HOUR).map(|d| d.value), Ok(1_000));
    // Three hours back, the NAV in force when the window opened (1.0, after the burst) counts.
    assert_eq!(r.nav_drawdown(0, 3 * HOUR).map(|d| d.value), Ok(100));
    assert_eq!(r.nav_drawdown(0, 65 * HOUR), Err(RegistryError::WindowTooLong));
    assert_eq!(r.nav_drawdown(0, HOUR - 1), Err(RegistryError::InvalidParams));
    // A day later the 1.1 peak has left a 4 h window; past the maximum age nothing answers.
    at(start + 28 * HOUR);
    assert_eq!(r.nav_drawdown(0, 4 * HOUR), Ok(Reading { value: 0, age_ms: 24 * HOUR }));
    assert_eq!(r.nav_drawdown(0, 28 * HOUR).map(|d| d.value), Ok(1_000));
    at(start + 4 * HOUR + 2 * DAY_MS + 1);
    assert_eq!(r.nav(0), Err(RegistryError::Stale { age_ms: 2 * DAY_MS + 1 }));
    assert_eq!(r.nav_drawdown(0, HOUR), Err(RegistryError::Stale { age_ms: 2 * DAY_MS + 1 }));
}

#[ink::test]
fn matured_requests_show_as_congestion_and_only_unpaid_redemptions_as_a_queue() {
    let (mut r, a) = registry();
    let reactor = account(22);
    r.register(open(account(21), Some(reactor), a.eve)).expect("admin");
    let start = 10 * DAY_MS;
    let rollover = |r: &mut PositionRegistry, epoch: u32, requested: u128, unpaid: u128| {
        as_caller(reactor);
        r.observe(Observation { nav: NAV, supply: 1_000, requested, unpaid }, Some(Receipt { epoch, asset: 0, pairing: 0 })).expect("source");
    };
    // Strikes report no requests: pending ones may still be cancelled.
    observe(&mut r, reactor, NAV, 500, 0);
    assert_eq!(r.congestion(0), Err(RegistryError::NoData));
    // A week after registration the rollover matures 21% of the supply: 3% a day.
    at(start + 7 * DAY_MS);
    rollover(&mut r, 1, 210, 0);
    assert_eq!(r.congestion(0).map(|c| c.value), Ok(300));
    assert_eq!(r.queue_wait(0).map(|q| q.value), Ok(0));
    // The next week matures nothing and leaves 10% unpaid: congestion fades over the
    // smoothing window, and the unpaid queue waits from that rollover to the last observation
    // that still sees it.
    at(start + 14 * DAY_MS);
    rollover(&mut r, 2, 0, 100);
    at(start + 14 * DAY_MS + HOUR / 2);
    assert_eq!(r.congestion(0).map(|c| c.value), Ok(150));
    at(start + 14 * DAY_MS + 5 * HOUR);
    observe(&mut r, reactor, NAV, 0, 100);
    at(start + 14 * DAY_MS + 9 * HOUR);
    assert_eq!(r.queue_wait(0), Ok(Reading { value: u128::from(5 * HOUR), age_ms: 4 * HOUR }));
    // Any unpaid amount is a queue; once paid, it is gone.
    observe(&mut r, reactor, NAV, 0, 0);
    assert_eq!(r.queue_wait(0).map(|q| q.value), Ok(0));
    let snapshot = r.snapshot(0).expect("known");
    assert_eq!(snapshot.receipt.map(|(rc, ms)| (rc.epoch, ms)), Some((2, start + 14 * DAY_MS)));
}

#[ink::test]
fn a_term_position_shows_how_late_it_settled() {
    let (mut r, a) = registry();
    let term = account(23);
    let maturity_ms = 11 * DAY_MS;
    r.register(Registration { class: Class::Term { maturity_ms }, ..open(account(21), Some(term), a.eve) }).expect("admin");
    r.register(open(account(24), Some(account(50)), a.eve)).expect("admin");
    assert_eq!(r.settlement_delay(0).map(|d| d.value), Ok(0));
    assert_eq!(r.settlement_delay(1), Err(RegistryError::NotTerm));
    // Cover can be sold on it without redemption or NAV observations (a maturity guarantee);
    // an Open position without them cannot be priced.
    let view = laas_traits::CoverFeed::underwriting(&r, 0).expect("a quiet Term position");
    assert_eq!((view.congestion, view.nav_age_ms, view.operator), (Reading { value: 0, age_ms: 0 }, 0, a.eve));
    assert_eq!(laas_traits::CoverFeed::underwriting(&r, 1), Err(RegistryError::NoData));
    assert_eq!(laas_traits::CoverFeed::maturity(&r, 0), Ok(maturity_ms));
    assert_eq!(laas_traits::CoverFeed::maturity(&r, 1), Err(RegistryError::NotTerm));
    assert_eq!(laas_traits::CoverFeed::maturity(&r, 9), Err(RegistryError::UnknownPosition));
    as_caller(account(50));
    assert_eq!(r.settle(), Err(RegistryError::NotTerm));
    as_caller(a.eve);
    assert_eq!(r.settle(), Err(RegistryError::NotSource));
    as_caller(term);
    assert_eq!(r.settle(), Err(RegistryError::NotDue));
    // Unsettled two hours past maturity: two hours late and counting.
    at(maturity_ms + 2 * HOUR);
    assert_eq!(r.settlement_delay(0).map(|d| d.value), Ok(u128::from(2 * HOUR)));
    at(maturity_ms + 3 * HOUR);
    as_caller(term);
    r.settle().expect("source");
    assert_eq!(r.settle(), Err(RegistryError::AlreadySettled));
    at(maturity_ms + 30 * HOUR);
    assert_eq!(r.settlement_delay(0), Ok(Reading { value: u128::from(3 * HOUR), age_ms: 0 }));
    // A Term position's NAV comes from reporters, not from its contract.
    as_caller(term);
    assert_eq!(r.observe(Observation { nav: NAV, supply: 1, requested: 0, unpaid: 0 }, None), Err(RegistryError::NotSource));
}

#[ink::test]
fn the_median_of_three_ignores_a_liar_who_is_removed_after_repeated_deviations() {
    let (mut r, a) = registry();
    r.register(open(account(21), None, a.eve)).expect("admin");
    let (honest, liar) = ([account(11), account(12), account(13)], account(14));
    seat(&mut r, 0, &[honest[0], honest[1], honest[2], liar]);
    as_caller(a.eve);
    let epoch = r.current_epoch();
    assert_eq!(r.report(0, Feed::BridgeDelay, epoch, 60_000), Err(RegistryError::NotReporter));
    for (n, value) in [(0, 60_000u128), (1, 61_000), (2, 59_000)] {
        as_caller(honest[n]);
        r.report(0, Feed::BridgeDelay, epoch, value).expect("reporter");
    }
    assert_eq!(r.report(0, Feed::BridgeDelay, epoch, 60_000), Err(RegistryError::AlreadyReported));
    assert_eq!(r.report(0, Feed::BridgeDelay, epoch + 1, 60_000), Err(RegistryError::WrongEpoch));
    assert_eq!(r.report(0, Feed::BridgeDelay, epoch - 1, 60_000), Err(RegistryError::WrongEpoch));
    as_caller(liar);
    r.report(0, Feed::BridgeDelay, epoch, 9_000_000).expect("reporter");
    assert_eq!(r.close_round(0, Feed::BridgeDelay), Err(RegistryError::EpochOpen));
    assert_eq!(r.bridge_delay(0), Err(RegistryError::NoData));
    // Of 59,000, 60,000, 61,000 and 9,000,000 the median on the safe side is 60,000: the liar
    // moves nothing.
    at((epoch + 1) * HOUR);
    assert_eq!(r.close_round(0, Feed::BridgeDelay), Ok(Some(60_000)));
    assert_eq!(r.bridge_delay(0).map(|d| d.value), Ok(60_000));
    assert_eq!(r.reporter_of(0, liar).map(|l| (l.active, l.marks)), Some((true, 1)));
    // A second deviation within four epochs removes it: half its bond is slashed, the rest
    // unlocks after the cooldown; it is struck off the whitelist.
    let epoch = epoch + 1;
    for (reporter, value) in [(honest[0], 60_000u128), (honest[1], 60_000), (honest[2], 60_000), (liar, 1)] {
        as_caller(reporter);
        r.report(0, Feed::BridgeDelay, epoch, value).expect("reporter");
    }
    at((epoch + 1) * HOUR);
    as_caller(honest[0]);
    r.report(0, Feed::BridgeDelay, epoch + 1, 60_000).expect("closes the previous round first");
    let removed = r.reporter_of(0, liar).expect("bond kept");
    assert_eq!((removed.active, removed.bond, removed.unlock_ms), (false, 500, (epoch + 1) * HOUR + DAY_MS));
    assert_eq!(r.setup().3, 500);
    assert!(!r.is_whitelisted(0, liar));
    assert_eq!(r.snapshot(0).map(|s| s.reporters.len()), Ok(3));
    as_caller(liar);
    assert_eq!(r.report(0, Feed::BridgeDelay, epoch + 1, 1), Err(RegistryError::NotReporter));
    assert_eq!(r.withdraw_bond(0), Err(RegistryError::CooldownActive));
    // An honest reporter leaves: with two left the delay is reporter-fed and answers nothing.
    as_caller(honest[2]);
    assert_eq!(r.withdraw_bond(0), Err(RegistryError::StillActive));
    r.leave(0).expect("reporter");
    assert_eq!(r.leave(0), Err(RegistryError::NotReporter));
    assert_eq!(r.bridge_delay(0), Err(RegistryError::TooFewReporters));
}

#[ink::test]
fn fewer_than_three_reports_set_no_value_and_first_party_feeds_take_no_reports() {
    let (mut r, a) = registry();
    r.register(open(account(21), Some(account(22)), a.eve)).expect("admin");
    seat(&mut r, 0, &[account(11), account(12), account(13)]);
    let epoch = r.current_epoch();
    as_caller(account(11));
    assert_eq!(r.report(0, Feed::Nav, epoch, NAV), Err(RegistryError::FirstParty));
    assert_eq!(r.report(7, Feed::Nav, epoch, NAV), Err(RegistryError::UnknownPosition));
    r.report(0, Feed::Depth, epoch, 40).expect("reporter");
    as_caller(account(12));
    r.report(0, Feed::Depth, epoch, 45).expect("reporter");
    at((epoch + 1) * HOUR);
    assert_eq!(r.close_round(0, Feed::Depth), Ok(None));
    assert_eq!(r.depth_fragility(0), Err(RegistryError::NoData));
    assert_eq!(r.round(0, Feed::Depth), None);
}

#[ink::test]
fn struck_off_reporters_stop_and_roles_are_listed() {
    let (mut r, a) = registry();
    r.register(open(account(21), None, a.eve)).expect("admin");
    seat(&mut r, 0, &[account(11)]);
    r.allow_reporter(0, account(11), false).expect("admin");
    let record = r.reporter_of(0, account(11)).expect("bond kept");
    assert_eq!((record.active, record.bond), (false, 1_000));
    assert_eq!(r.setup().3, 0);
    as_caller(account(12));
    assert_eq!(r.join(0, 1_000), Err(RegistryError::NotWhitelisted));
    as_caller(a.alice);
    r.allow_reporter(0, account(12), true).expect("admin");
    as_caller(account(12));
    assert_eq!(r.join(0, 99), Err(RegistryError::BondTooSmall));
    assert_eq!(r.join(9, 100), Err(RegistryError::UnknownPosition));
    as_caller(account(11));
    assert_eq!(r.join(0, 1_000), Err(RegistryError::NotWhitelisted));
    let roles = r.roles();
    assert!(roles.contains(&(Role::Admin, a.alice)) && roles.contains(&(Role::Treasury, a.bob)));
}

#[ink::test]
fn a_liar_who_leaves_is_still_marked_before_its_bond_returns() {
    let (mut r, a) = registry();
    r.register(open(account(21), None, a.eve)).expect("admin");
    let (honest, liar) = ([account(11), account(12), account(13)], account(14));
    seat(&mut r, 0, &[honest[0], honest[1], honest[2], liar]);
    // Already one deviation on its record: one more removes it, and takes its whole bond (so
    // nothing is paid back here, off chain).
    r.set_params(Params { slash_bps: 10_000, ..params() }).expect("admin");
    r.reporter.insert((0, liar), &Reporter { bond: 1_000, active: true, unlock_ms: 0, marks: 1, marked_epoch: r.current_epoch() - 1, joined_epoch: 0 });
    let epoch = r.current_epoch();
    for (reporter, value) in [(honest[0], 60_000u128), (honest[1], 60_000), (honest[2], 60_000), (liar, 9_000_000)] {
        as_caller(reporter);
        r.report(0, Feed::BridgeDelay, epoch, value).expect("reporter");
    }
    // It leaves at once and nobody closes the round; after the cooldown its withdrawal closes
    // the round first: marked, removed, half its bond slashed.
    as_caller(liar);
    r.leave(0).expect("reporter");
    at((epoch + 1) * HOUR + DAY_MS);
    assert_eq!(r.withdraw_bond(0), Ok(0));
    assert_eq!(r.setup().3, 1_000);
    assert!(!r.is_whitelisted(0, liar));
    assert_eq!(r.round(0, Feed::BridgeDelay), None);
    assert_eq!(r.bridge_delay(0), Ok(Reading { value: 60_000, age_ms: DAY_MS }));
}

#[ink::test]
fn reports_need_a_reporter_seated_before_the_epoch_a_value_in_range_and_a_majority() {
    let (mut r, a) = registry();
    r.register(open(account(21), None, a.eve)).expect("admin");
    r.register(Registration { class: Class::Term { maturity_ms: 10 * DAY_MS + HOUR }, ..open(account(23), None, a.eve) }).expect("admin");
    let seated: Vec<AccountId> = (0..7).map(|n| account(40 + n)).collect();
    seat(&mut r, 0, &seated);
    seat(&mut r, 1, &seated[..3]);
    let epoch = r.current_epoch();
    // A reporter joining now reports from the next epoch.
    r.reporter.insert((0, account(60)), &Reporter { bond: 1, active: true, joined_epoch: epoch, marked_epoch: epoch, ..Reporter::default() });
    as_caller(account(60));
    assert_eq!(r.report(0, Feed::Depth, epoch, 10), Err(RegistryError::NotReporter));
    as_caller(seated[0]);
    assert_eq!(r.report(0, Feed::Queue, epoch, 10_001), Err(RegistryError::InvalidValue));
    assert_eq!(r.report(1, Feed::Settlement, epoch, u128::from(10 * DAY_MS + 1)), Err(RegistryError::InvalidValue));
    // Three reports of seven reporters are no majority: no value.
    for reporter in &seated[..3] {
        as_caller(*reporter);
        r.report(0, Feed::Depth, epoch, 40).expect("reporter");
    }
    at((epoch + 1) * HOUR);
    assert_eq!(r.close_round(0, Feed::Depth), Ok(None));
    // Settlement reports split evenly between "not yet" and a time take the time (the safe
    // side): final once recorded, it stays without further reports.
    let epoch = epoch + 1;
    at(epoch * HOUR + HOUR / 2);
    for (reporter, value) in [(seated[0], 0u128), (seated[1], u128::from(epoch * HOUR)), (seated[2], u128::from(epoch * HOUR))] {
        as_caller(reporter);
        r.report(1, Feed::Settlement, epoch, value).expect("reporter");
    }
    at((epoch + 1) * HOUR);
    assert_eq!(r.close_round(1, Feed::Settlement), Ok(Some(u128::from(epoch * HOUR))));
    as_caller(seated[0]);
    assert_eq!(r.report(1, Feed::Settlement, epoch + 1, 0), Err(RegistryError::AlreadySettled));
    at(40 * DAY_MS);
    let late = u128::from(epoch * HOUR - (10 * DAY_MS + HOUR));
    assert_eq!(r.settlement_delay(1), Ok(Reading { value: late, age_ms: 0 }));
}

#[ink::test]
fn an_even_split_marks_neither_camp_and_a_silent_source_can_be_replaced() {
    let (mut r, a) = registry();
    r.register(open(account(21), None, a.eve)).expect("admin");
    let four = [account(11), account(12), account(13), account(14)];
    seat(&mut r, 0, &four);
    let epoch = r.current_epoch();
    for (reporter, nav) in four.iter().zip([NAV * 8 / 10, NAV * 8 / 10, NAV, NAV]) {
        as_caller(*reporter);
        r.report(0, Feed::Nav, epoch, nav).expect("reporter");
    }
    at((epoch + 1) * HOUR);
    // NAV takes the higher middle (a drawdown pays), and nobody is marked.
    assert_eq!(r.close_round(0, Feed::Nav), Ok(Some(NAV)));
    assert!(four.iter().all(|x| r.reporter_of(0, *x).is_some_and(|rec| rec.marks == 0)));

    // A reactor that stops pushing: the admin re-points the position to another source.
    as_caller(a.alice);
    r.register(open(account(23), Some(account(24)), a.eve)).expect("admin");
    assert_eq!(r.set_source(1, Some(account(24))), Ok(()));
    assert_eq!(r.set_source(0, Some(account(24))), Err(RegistryError::SourceTaken));
    r.set_source(1, Some(account(25))).expect("admin");
    as_caller(account(24));
    assert_eq!(r.observe(Observation { nav: NAV, supply: 1, requested: 0, unpaid: 0 }, None), Err(RegistryError::NotSource));
    observe(&mut r, account(25), NAV, 0, 0);
    as_caller(a.eve);
    assert_eq!(r.set_source(1, None), Err(RegistryError::Access(AccessError::NotAdmin)));
    as_caller(a.alice);
    r.set_source(1, None).expect("admin");
    assert_eq!(r.nav(1), Err(RegistryError::TooFewReporters), "reporter-fed now");
}
