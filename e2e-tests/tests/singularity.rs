//! The singularity in the real WASM: as the treasury's PCV comes to cover the threshold's
//! share of a reactor's deployed liquidity, a DAO proposal switches the LPs' emissions off
//! (refused below it); the LDs' emissions go on, the LPs' share stays budgeted and the
//! treasury takes it back; the factory reports the suite's reactors against the singularity.

use laas_e2e_tests::governance::{call, dao_with_voters, pass};
use laas_e2e_tests::suite::{Suite, E18};
use laas_e2e_tests::{args, args::Raw, ink_id};
use laas_math::{mul_div, Rounding::Down, BPS};
use laas_traits::{AccessError, PositionValue, VenueError};
use parity_scale_codec::Encode;
use reactor::reactor::{Emitted, Pcv, ReactorError, Singularity};

type R<T> = Result<T, ReactorError>;

fn singularity(s: &mut Suite) -> Singularity {
    let reactor = s.reactor.clone();
    let now: R<Singularity> = s.chain.query(&reactor, "singularity", &args![]);
    now.expect("the reactor values its holdings")
}

/// The ratio written out: the PCV's value (the reactor's own report) over the venue position
/// (the venue's valuation at its TWAP), capped at 100%, bps.
fn expected_ratio(s: &mut Suite) -> u16 {
    let (reactor, venue) = (s.reactor.clone(), s.venues[0].clone());
    let pcv: R<Pcv> = s.chain.query(&reactor, "pcv", &args![]);
    let position: Result<PositionValue, VenueError> = s.chain.query(&venue, "Venue::position_value", &args![reactor]);
    let deployed = position.expect("valued").in_asset;
    u16::try_from(mul_div(pcv.expect("valued").value.min(deployed), BPS, deployed, Down).unwrap()).unwrap()
}

#[test]
fn a_reactor_whose_pcv_covers_nine_tenths_of_its_liquidity_has_its_lp_emissions_switched_off_by_proposal() {
    // A reactor with 80,000 TOKE of PCV (40 WETH at the seed's 2,000), an LP's 40 WETH, an
    // emission budget of 10,000 TOKE at 1,000 a cycle, and a fixed LD stake.
    let mut s = Suite::new(1, 10_000_000 * E18);
    let (admin, reactor, treasury, factory) = (s.admin.clone(), s.reactor.clone(), s.treasury.clone(), s.factory.clone());
    s.place_pcv(80_000 * E18);
    let lp = s.chain.user("lp");
    s.mint_weth(&lp, 40 * E18);
    s.deposit(&lp, 40 * E18).unwrap();
    let emissions = format!("Emissions {{ rate: {}, target_ratio: {E18}, genesis_multiplier_bps: 10000, genesis_until: 0 }}", 1_000 * E18);
    s.admin_call("set_emissions", args![Raw(emissions)]).unwrap();
    s.give_toke(&treasury, 10_000 * E18);
    let r: R<()> = s.chain.call(&treasury, &reactor, "fund_emissions", &args![10_000 * E18]);
    r.unwrap();
    let keeper = s.chain.user("keeper");
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();

    // The reactor passes to a DAO, which sets the threshold at 90%.
    let (dao, voters) = dao_with_voters(&mut s, &[("voter", 5_000_000 * E18)]);
    let voter = voters[0].clone();
    let r: Result<(), AccessError> = s.chain.call(&admin, &reactor, "AccessControl::propose_admin", &args![Some(dao.clone())]);
    r.unwrap();
    let take_over = [
        call(&reactor, ink::selector_bytes!("AccessControl::accept_admin"), vec![]),
        call(&reactor, ink::selector_bytes!("set_singularity_threshold"), 9_000u16.encode()),
    ];
    assert_eq!(pass(&mut s, &dao, &voter, &take_over), Ok(()));

    // Deployed: the LP's WETH and the PCV's TOKE beside it, valued at the TWAP. The PCV
    // covers about half of it: switching the LPs' emissions off is refused, by proposal or
    // not.
    let venue = s.venues[0].clone();
    let position: Result<PositionValue, VenueError> = s.chain.query(&venue, "Venue::position_value", &args![reactor.clone()]);
    let now = singularity(&mut s);
    assert_eq!(now.deployed, position.unwrap().in_asset);
    assert!(now.deployed > 0);
    let ratio = expected_ratio(&mut s);
    assert_eq!((now.ratio_bps, now.threshold_bps, now.lp_emissions_off), (ratio, 9_000, false));
    assert!(ratio < 9_000, "{ratio}");
    let switch_off = [call(&reactor, ink::selector_bytes!("switch_off_lp_emissions"), vec![])];
    assert_eq!(pass(&mut s, &dao, &voter, &switch_off), Err(dao::dao::DaoError::CallFailed(0)));
    let r: R<()> = s.chain.call(&admin, &reactor, "switch_off_lp_emissions", &args![]);
    assert_eq!(r, Err(ReactorError::Access(AccessError::NotAdmin)), "the old admin has no say");
    let r: R<()> = s.chain.call(&admin, &reactor, "set_singularity_threshold", &args![1u16]);
    assert_eq!(r, Err(ReactorError::Access(AccessError::NotAdmin)));

    // The treasury places 1,000,000 TOKE more: the PCV now covers everything deployed.
    s.place_pcv(1_000_000 * E18);
    let now = singularity(&mut s);
    assert_eq!(now.ratio_bps, expected_ratio(&mut s));
    assert_eq!(now.ratio_bps, 10_000);
    let (ratios, reached): (Vec<(ink::primitives::AccountId, Option<u16>)>, u32) = s.chain.query(&factory, "singularity", &args![]);
    assert_eq!((ratios, reached), (vec![(ink_id(&reactor), Some(now.ratio_bps))], 1), "the suite's view");
    assert_eq!(pass(&mut s, &dao, &voter, &switch_off), Ok(()));
    assert!(singularity(&mut s).lp_emissions_off);

    // The next rollover pays the LDs their share and nothing to the LPs: theirs stays budgeted.
    s.to_next_cycle();
    s.rollover(&keeper).unwrap();
    let emitted = s.chain.events::<Emitted>(&reactor).remove(0);
    assert_eq!(emitted.lp, 0);
    assert!(emitted.ld > 0 && emitted.ld < emitted.offered, "ld {} of {}", emitted.ld, emitted.offered);
    assert_eq!(s.state().emission_budget, emitted.budget);

    // The treasury takes the budget back; nobody else can, and not more than it holds.
    let budget = emitted.budget;
    let stranger = s.chain.user("stranger");
    let r: R<()> = s.chain.call(&stranger, &reactor, "withdraw_emissions", &args![budget]);
    assert_eq!(r, Err(ReactorError::NotTreasury));
    let r: R<()> = s.chain.call(&treasury, &reactor, "withdraw_emissions", &args![budget + 1]);
    assert_eq!(r, Err(ReactorError::InsufficientBudget));
    let r: R<()> = s.chain.call(&treasury, &reactor, "withdraw_emissions", &args![0u128]);
    assert_eq!(r, Err(ReactorError::ZeroAmount));
    let toke = s.toke.clone();
    let before = s.balance(&toke, &treasury);
    let r: R<()> = s.chain.call(&treasury, &reactor, "withdraw_emissions", &args![budget]);
    r.unwrap();
    assert_eq!(s.balance(&toke, &treasury) - before, budget);
    assert_eq!(s.state().emission_budget, 0);
}
