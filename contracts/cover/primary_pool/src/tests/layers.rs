//! The layers above the pool: their setup, the premium split and every claim's share of its
//! incident by the waterfall. The calls to the layer pools run in the scenarios
//! (`e2e-tests/tests/layers.rs`); here the pool's own arithmetic behind them.

use super::*;
use laas_traits::AccessError;

/// Retention 100, junior 200 above it, reinsurance 500 above 300; after 1,000 paid in a
/// period the reinsurance takes half of every new incident; premiums 20% junior, 10%
/// reinsurance, 5% treasury.
fn setup() -> LayerSetup {
    let a = accounts();
    LayerSetup {
        junior: Some(a.charlie),
        reinsurance: Some(a.eve),
        retention: 100,
        junior_limit: 200,
        attachment: 300,
        reinsurance_limit: 500,
        aggregate_threshold: 1_000,
        aggregate_share_bps: 5_000,
        junior_premium_bps: 2_000,
        reinsurance_premium_bps: 1_000,
        treasury_premium_bps: 500,
        treasury: a.frank,
    }
}

#[ink::test]
fn layers_are_set_by_the_admin_only_and_must_stack_without_a_gap_or_an_overlap() {
    let mut pool = pool();
    as_caller(accounts().eve);
    assert_eq!(pool.set_layers(setup()), Err(CoverError::Access(AccessError::NotAdmin)));
    as_caller(accounts().alice);
    let cases = [
        (LayerSetup { attachment: 301, ..setup() }, CoverError::LayerGap),
        (LayerSetup { attachment: 299, ..setup() }, CoverError::LayerOverlap),
        (LayerSetup { aggregate_share_bps: 10_001, ..setup() }, CoverError::InvalidParams),
        (LayerSetup { junior_premium_bps: 9_000, reinsurance_premium_bps: 1_000, treasury_premium_bps: 1, ..setup() }, CoverError::InvalidParams),
        (LayerSetup { junior: None, ..setup() }, CoverError::InvalidParams),
        (LayerSetup { junior_limit: 0, attachment: 100, ..setup() }, CoverError::InvalidParams),
        (LayerSetup { reinsurance: None, reinsurance_limit: 0, reinsurance_premium_bps: 0, ..setup() }, CoverError::InvalidParams),
        (LayerSetup { reinsurance: Some(accounts().charlie), ..setup() }, CoverError::InvalidParams),
    ];
    for (bad, error) in cases {
        assert_eq!(pool.set_layers(bad), Err(error), "{bad:?}");
    }
    assert_eq!(pool.layers(), (None, 0));
    assert_eq!(pool.set_layers(setup()), Ok(()));
    assert_eq!(pool.layers(), (Some(setup()), 0));
    // A junior alone is a valid stack too.
    let junior_only = LayerSetup { reinsurance: None, reinsurance_limit: 0, reinsurance_premium_bps: 0, aggregate_share_bps: 0, ..setup() };
    assert_eq!(pool.set_layers(junior_only), Ok(()));
}

#[ink::test]
fn without_layers_the_primary_keeps_every_premium_and_takes_every_loss() {
    let pool = pool();
    let c = pool.cession(1_000, 800).unwrap();
    assert_eq!((c.kept, c.junior, c.reinsurance, c.treasury), (1_000, (0, 0), (0, 0), 0));
    let open = IncidentRecord { primary: 5_000, base: u128::MAX, ..IncidentRecord::default() };
    let shares = pool.claim_shares(&open, 1_000_000).unwrap();
    assert_eq!((shares.primary, shares.junior, shares.reinsurance), (1_000_000, 0, 0));
}

#[ink::test]
fn premiums_are_split_by_the_parameters_and_exposure_is_capped_by_each_limit() {
    let mut pool = pool();
    pool.set_layers(setup()).unwrap();
    let c = pool.cession(1_001, 250).unwrap();
    // 20% and 10% and 5%, rounded down; the primary keeps the rest.
    assert_eq!((c.junior.0, c.reinsurance.0, c.treasury, c.kept), (200, 100, 50, 651));
    assert_eq!((c.junior.1, c.reinsurance.1), (200, 250));
    // A policy that can pay nothing cedes nothing: its premium stays with the primary.
    let c = pool.cession(1_001, 0).unwrap();
    assert_eq!((c.junior, c.reinsurance, c.treasury, c.kept), ((0, 0), (0, 0), 50, 951));
}

#[ink::test]
fn the_layers_behind_cover_in_force_cannot_change() {
    let mut pool = funded(1_000 * UNIT);
    pool.set_layers(setup()).unwrap();
    // (The sale's calls to the layers run in the scenarios: here the pool books it alone.)
    pool.layers.set(&LayerSetup { junior: None, reinsurance: None, junior_limit: 0, attachment: 100, reinsurance_limit: 0, aggregate_share_bps: 0, junior_premium_bps: 0, reinsurance_premium_bps: 0, ..setup() });
    at(T0 + HOUR);
    buy(&mut pool, 0, 100 * UNIT, 30 * DAY, accounts().bob, &calm()).unwrap();
    assert_eq!(pool.set_layers(setup()), Err(CoverError::CoverInForce));
    // Once the policy's lock has ended (its end, the grace, its bucket), they can.
    at(T0 + 32 * DAY + 2 * HOUR);
    assert_eq!(pool.set_layers(setup()), Ok(()));
}

#[ink::test]
fn an_incident_is_split_in_filing_order_whatever_the_number_of_claims() {
    let mut pool = pool();
    pool.set_layers(setup()).unwrap();
    let parts = |open: &IncidentRecord, amount| {
        let s = pool.claim_shares(open, amount).unwrap();
        (s.primary, s.junior, s.reinsurance)
    };
    let fresh = IncidentRecord::default();
    // Inside the retention.
    assert_eq!(parts(&fresh, 60), (60, 0, 0));
    // A second claim on the same incident exhausts the retention and flows to the junior.
    assert_eq!(parts(&IncidentRecord { primary: 60, ..fresh }, 100), (40, 60, 0));
    // A catastrophe: every layer to its limit, the rest stays with the primary.
    assert_eq!(parts(&fresh, 2_000), (1_300, 200, 500));
    // Past the period's aggregate threshold the reinsurance takes half off the top.
    assert_eq!(parts(&IncidentRecord { base: 1_001, ..fresh }, 120), (60, 0, 60));
    assert_eq!(parts(&IncidentRecord { base: 1_000, ..fresh }, 120), (100, 20, 0), "at the threshold, not past it");
    // Records carry the layers that held each share.
    let s = pool.claim_shares(&fresh, 400).unwrap();
    assert_eq!((s.junior_pool, s.reinsurance_pool), (Some(accounts().charlie), Some(accounts().eve)));
}
