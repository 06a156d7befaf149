//! The pricing rules, by example and over random inputs.

use super::*;
use proptest::prelude::*;

const E6: u128 = 1_000_000;
const DAY_MS: u64 = 86_400_000;

#[test]
fn a_trigger_pays_its_magnitude_of_the_cover_less_the_deductible_up_to_the_cap() {
    // A 25% drawdown on 10,000 of cover at an 80% payout ratio: 2,000, less 100.
    assert_eq!(loss_given_trigger(10_000 * E6, 2_500, 8_000, 100 * E6, u128::MAX), Ok(1_900 * E6));
    // A binary trigger pays the whole cover (at 100%), capped by the maximum payout.
    assert_eq!(loss_given_trigger(10_000 * E6, 10_000, 10_000, 0, 5_000 * E6), Ok(5_000 * E6));
    // Magnitudes above 100% count as 100%; a deductible above the loss leaves nothing.
    assert_eq!(loss_given_trigger(100, 30_000, 10_000, 0, u128::MAX), Ok(100));
    assert_eq!(loss_given_trigger(100, 1_000, 10_000, 50, u128::MAX), Ok(0));
}

#[test]
fn a_premium_loads_the_expected_loss_and_adds_the_operating_cost_pro_rata() {
    // Two triggers: 2% a year for 1,900 and 0.5% a year for 10,000: EL = 38 + 50 = 88.
    let el = expected_loss(&[(200, 1_900 * E6), (50, 10_000 * E6)]).expect("fits");
    assert_eq!(el, 88 * E6);
    // A 20% margin and 2 a year of operating cost, for a quarter of a year (91.25 days).
    let quarter = YEAR_MS / 4;
    assert_eq!(premium(el, 2_000, 2 * E6, quarter), Ok((88 * E6 * 12 / 10 + 2 * E6) / 4));
    // Rounded up: a premium for a millisecond is never free.
    assert_eq!(premium(1, 0, 0, 1), Ok(1));
    assert_eq!(with_multiplier(100, 15_000), Ok(150));
}

#[test]
fn stress_raises_the_margin_and_shrinks_capacity() {
    let m = Margin { base_bps: 2_000, congestion_coeff_bps: 20_000, depth_coeff_bps: 5_000 };
    assert_eq!(m.bps(0, 0), Ok(2_000));
    // 300 bps a day of redemptions (×2) and 500 bps of impact (×0.5): +600 +250.
    assert_eq!(m.bps(300, 500), Ok(2_850));
    // Capacity 80% of capital, shrinking 3 bps of itself per bps of congestion.
    assert_eq!(capacity(1_000_000, 8_000, 0, 30_000), Ok(800_000));
    assert_eq!(capacity(1_000_000, 8_000, 300, 30_000), Ok(728_000));
    assert_eq!(capacity(1_000_000, 8_000, 10_000, 30_000), Ok(0));
}

#[test]
fn the_last_unit_of_capacity_costs_more_than_the_first() {
    assert_eq!(utilisation_surcharge_bps(3_000, 5_000, 8_000), Ok(0));
    assert_eq!(utilisation_surcharge_bps(3_000, 8_000, 8_000), Ok(0));
    assert_eq!(utilisation_surcharge_bps(3_000, 9_000, 8_000), Ok(1_500));
    assert_eq!(utilisation_surcharge_bps(3_000, 10_000, 8_000), Ok(3_000));
    assert_eq!(utilisation_surcharge_bps(3_000, 10_000, 10_000), Ok(0));
    assert_eq!(used_bps(0, 0), Ok(0));
    assert_eq!(used_bps(1, 0), Ok(10_000));
    assert_eq!(used_bps(1, 3), Ok(3_334));
}

#[test]
fn recalibration_moves_by_exactly_the_credibility_weight() {
    // Prior 2%, observed 6% over n = 4 periods, k = 12: Z = 1/4, p = 0.25×6% + 0.75×2% = 3%.
    assert_eq!(recalibrate(200, 600, 4, 12), Ok(300));
    assert_eq!(recalibrate(200, 600, 0, 12), Ok(200));
    assert_eq!(recalibrate(200, 600, 0, 0), Ok(200));
    assert_eq!(recalibrate(200, 600, 1_000_000, 0), Ok(600));
    // One trigger in 8 quarterly periods (2 years): 50% a year.
    assert_eq!(observed_frequency_bps(1, 8, YEAR_MS / 4), Ok(5_000));
    assert_eq!(observed_frequency_bps(3, 0, DAY_MS), Ok(0));
}

/// Primary 100, junior 400 above it, reinsurance 1,500 above 500; from 1,000 paid in a
/// period the reinsurance takes 30% of every loss off the top.
const LAYERS: Layers = Layers { retention: 100, junior_limit: 400, attachment: 500, reinsurance_limit: 1_500, aggregate_threshold: 1_000, aggregate_share_bps: 3_000 };

#[test]
fn a_loss_flows_down_the_layers() {
    let shares = |loss, paid| split(loss, &LAYERS, paid).map(|s| (s.primary, s.junior, s.reinsurance));
    // Inside the retention; through the junior; into the reinsurance; past every limit.
    assert_eq!(shares(80, 0), Ok((80, 0, 0)));
    assert_eq!(shares(300, 0), Ok((100, 200, 0)));
    assert_eq!(shares(1_200, 0), Ok((100, 400, 700)));
    assert_eq!(shares(5_000, 0), Ok((100, 400, 1_500)));
    // Once more than 1,000 is paid in the period: 30% off the top first, then the layers.
    assert_eq!(shares(300, 1_000), Ok((100, 200, 0)));
    assert_eq!(shares(300, 1_001), Ok((100, 110, 90)));
    assert_eq!(shares(5_000, 1_001), Ok((100, 400, 1_500)));
    assert_eq!(LAYERS.validate(), Ok(()));
    assert_eq!(Layers { attachment: 600, ..LAYERS }.validate(), Err(LayerError::Gap));
    assert_eq!(Layers { attachment: 400, ..LAYERS }.validate(), Err(LayerError::Overlap));
    assert_eq!(Layers { aggregate_share_bps: 10_001, ..LAYERS }.validate(), Err(LayerError::Share));
}

#[test]
fn claims_fill_the_layers_room_in_order_and_a_rejection_gives_back_only_its_own() {
    let take = |s: Shares| (s.primary, s.junior, s.reinsurance);
    let none = Shares::default();
    // A: 100 fills the retention; B: 600 the junior's 400 and 200 of the reinsurance.
    let a = fill(100, &none, &LAYERS, false).unwrap();
    assert_eq!(take(a), (100, 0, 0));
    let b = fill(600, &a, &LAYERS, false).unwrap();
    assert_eq!(take(b), (0, 400, 200));
    // A is rejected: the retention's room is back, and C fills it first, not the reinsurance.
    let used = Shares { primary: 0, ..b };
    assert_eq!(take(fill(150, &used, &LAYERS, false).unwrap()), (100, 0, 50));
    // Past every limit the rest stays with the primary.
    let full = Shares { primary: 100, junior: 400, reinsurance: 1_500 };
    assert_eq!(take(fill(70, &full, &LAYERS, false).unwrap()), (70, 0, 0));
    // The aggregate share off the top, within the reinsurance's room.
    assert_eq!(take(fill(300, &none, &LAYERS, true).unwrap()), (100, 110, 90));
    assert_eq!(take(fill(300, &Shares { reinsurance: 1_450, ..none }, &LAYERS, true).unwrap()), (100, 150, 50));
}

#[test]
fn a_recovery_flows_back_reinsurance_first() {
    let owed = Shares { primary: 100, junior: 400, reinsurance: 250 };
    let take = |s: Shares| (s.reinsurance, s.junior, s.primary);
    assert_eq!(take(recover(200, &owed)), (200, 0, 0));
    assert_eq!(take(recover(300, &owed)), (250, 50, 0));
    assert_eq!(take(recover(700, &owed)), (250, 400, 50));
    // More than is owed: only what is owed is taken.
    assert_eq!(take(recover(2_000, &owed)), (250, 400, 100));
    assert_eq!(take(recover(0, &owed)), (0, 0, 0));
}

#[test]
fn loss_ratios_and_their_volatility() {
    assert_eq!(loss_ratio_bps(300, 1_000), Some(3_000));
    assert_eq!(loss_ratio_bps(300, 0), None);
    // Ratios 2,000 / 4,000 / 6,000 / 8,000: mean 5,000, variance 5,000,000, σ = 2,236.
    assert_eq!(volatility_bps(&[2_000, 4_000, 6_000, 8_000]), 2_236);
    assert_eq!(volatility_bps(&[7_000, 7_000, 7_000]), 0);
    assert_eq!(volatility_bps(&[9_000]), 0);
    // A dust sale in a period of large payouts: the ratio is capped, and so is the volatility.
    let dust = loss_ratio_bps(4_500 * 10u128.pow(18), 1);
    assert_eq!(dust, Some(metrics::MAX_RATIO_BPS));
    assert_eq!(volatility_bps(&[u128::MAX; 8]), 0);
    assert_eq!(volatility_bps(&[0, u128::MAX, 0, u128::MAX, 0, u128::MAX, 0, u128::MAX]), metrics::MAX_RATIO_BPS / 2);
    assert_eq!(share_bps(25, 100), Ok(2_500));
    assert_eq!(share_bps(25, 0), Ok(0));
}

proptest! {
    #[test]
    fn a_repayment_never_passes_what_each_layer_is_owed(
        amount in 0u128..1u128 << 100, primary in 0u128..1u128 << 90, junior in 0u128..1u128 << 90, reinsurance in 0u128..1u128 << 90,
    ) {
        let owed = Shares { primary, junior, reinsurance };
        let back = recover(amount, &owed);
        prop_assert!(back.primary <= primary && back.junior <= junior && back.reinsurance <= reinsurance);
        prop_assert_eq!(back.total().expect("fits"), amount.min(owed.total().expect("fits")));
        // A layer below is repaid only once every layer above it is whole.
        prop_assert!(back.junior == 0 || back.reinsurance == reinsurance);
        prop_assert!(back.primary == 0 || (back.junior == junior && back.reinsurance == reinsurance));
    }

    #[test]
    fn claim_by_claim_the_layers_fill_what_the_whole_incident_splits(
        retention in 0u128..1u128 << 90, junior in 0u128..1u128 << 90, reinsurance in 0u128..1u128 << 90,
        claims in proptest::collection::vec(0u128..1u128 << 90, 1..12), share in 0u128..=10_000, aggregate: bool,
    ) {
        let layers = Layers { retention, junior_limit: junior, attachment: retention + junior, reinsurance_limit: reinsurance, aggregate_threshold: 0, aggregate_share_bps: share };
        let mut used = Shares::default();
        let mut total = 0u128;
        for amount in &claims {
            let s = fill(*amount, &used, &layers, aggregate).expect("fits");
            prop_assert_eq!(s.total().expect("fits"), *amount);
            used = Shares { primary: used.primary + s.primary, junior: used.junior + s.junior, reinsurance: used.reinsurance + s.reinsurance };
            total += amount;
            prop_assert!(used.junior <= junior && used.reinsurance <= reinsurance);
        }
        // The incident's split, the tail above every limit with the primary.
        let whole = split(total, &layers, if aggregate { 1 } else { 0 }).expect("fits");
        let tail = total - whole.total().expect("fits");
        if !aggregate || share == 0 {
            prop_assert_eq!((used.primary, used.junior, used.reinsurance), (whole.primary + tail, whole.junior, whole.reinsurance));
        } else {
            // The aggregate share rounds down per claim: the reinsurance takes at most one unit
            // less per claim; the first-loss layers take it.
            let n = claims.len() as u128;
            prop_assert!(used.reinsurance <= whole.reinsurance && used.reinsurance + n >= whole.reinsurance);
            prop_assert_eq!(used.total().expect("fits"), total);
        }
    }

    #[test]
    fn the_layers_shares_sum_to_the_loss_capped_by_their_limits(
        retention in 0u128..1u128 << 100, junior in 0u128..1u128 << 100, reinsurance in 0u128..1u128 << 100,
        loss in 0u128..1u128 << 103, paid in 0u128..1u128 << 100, threshold in 0u128..1u128 << 100, share in 0u128..=10_000,
    ) {
        let layers = Layers { retention, junior_limit: junior, attachment: retention + junior, reinsurance_limit: reinsurance, aggregate_threshold: threshold, aggregate_share_bps: share };
        prop_assert_eq!(layers.validate(), Ok(()));
        let s = split(loss, &layers, paid).expect("fits");
        prop_assert_eq!(s.total().expect("fits"), loss.min(layers.capacity().expect("fits")));
        prop_assert!(s.primary <= retention && s.junior <= junior && s.reinsurance <= reinsurance);
        // Without the aggregate share, a bigger loss never costs any layer less.
        if paid <= threshold {
            let t = split(loss + 1, &layers, paid).expect("fits");
            prop_assert!(t.primary >= s.primary && t.junior >= s.junior && t.reinsurance >= s.reinsurance);
        }
    }

    #[test]
    fn a_loss_never_exceeds_the_cover_nor_the_cap(cover in 0u128..1u128 << 100, magnitude in 0u128..20_000, payout in 0u128..20_000, deductible in 0u128..1u128 << 90, cap in 0u128..1u128 << 100) {
        let loss = loss_given_trigger(cover, magnitude, payout, deductible, cap).expect("fits");
        prop_assert!(loss <= cover && loss <= cap);
    }

    #[test]
    fn premiums_grow_with_the_expected_loss_the_margin_and_the_term(el in 0u128..1u128 << 80, m in 0u128..50_000, oc in 0u128..1u128 << 60, term in 1u64..10 * YEAR_MS) {
        let p = premium(el, m, oc, term).expect("fits");
        prop_assert!(premium(el + 1, m, oc, term).expect("fits") >= p);
        prop_assert!(premium(el, m + 1, oc, term).expect("fits") >= p);
        prop_assert!(premium(el, m, oc, term + 1).expect("fits") >= p);
        // Never below the pro-rata expected loss.
        prop_assert!(p >= laas_math::mul_div(el, u128::from(term), u128::from(YEAR_MS), laas_math::Rounding::Down).expect("fits"));
    }

    #[test]
    fn the_surcharge_rises_with_use_from_zero_at_the_kink_to_the_coefficient(coeff in 0u128..100_000, used in 0u128..12_000, kink in 0u128..10_000) {
        let s = utilisation_surcharge_bps(coeff, used, kink).expect("fits");
        prop_assert!(s <= coeff);
        prop_assert!(utilisation_surcharge_bps(coeff, used + 1, kink).expect("fits") >= s);
        if used <= kink { prop_assert_eq!(s, 0); }
    }

    #[test]
    fn a_recalibrated_probability_lies_between_prior_and_observation(prior in 0u128..100_000, observed in 0u128..100_000, n in 0u128..1_000_000, k in 0u128..1_000_000) {
        let p = recalibrate(prior, observed, n, k).expect("fits");
        prop_assert!(p >= prior.min(observed) && p <= prior.max(observed));
    }

    #[test]
    fn capacity_only_shrinks_under_stress(capital in 0u128..1u128 << 100, ratio in 0u128..20_000, congestion in 0u128..20_000, coeff in 0u128..100_000) {
        let c = capacity(capital, ratio, congestion, coeff).expect("fits");
        prop_assert!(c <= capacity(capital, ratio, 0, coeff).expect("fits"));
        prop_assert!(capacity(capital, ratio, congestion + 1, coeff).expect("fits") <= c);
    }
}
