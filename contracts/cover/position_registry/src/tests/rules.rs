//! The registry's pure rules.

use crate::observe::*;
use crate::types::{Bucket, Reporter, Slot, DAY_MS};

#[test]
fn medians_take_the_middle_or_of_the_two_middles_the_one_on_the_safe_side() {
    let safe = |values: &mut [u128], higher: bool| middles(values, higher).map(|(_, _, m)| m);
    assert_eq!(safe(&mut [], false), None);
    assert_eq!(safe(&mut [7], false), Some(7));
    assert_eq!(middles(&mut [9, 1, 5], false), Some((5, 5, 5)));
    // Split evenly, two liars cannot move a delay up, nor a NAV down.
    assert_eq!(middles(&mut [60_000, 61_000, u128::MAX, u128::MAX], false), Some((61_000, u128::MAX, 61_000)));
    assert_eq!(safe(&mut [0, 0, 100, 101], true), Some(100));
    assert_eq!(safe(&mut [9, 1, 5, 2], false), Some(2));
}

#[test]
fn an_observation_counts_for_the_time_it_stood() {
    let first = observed(None, 100, 0, 1_000).expect("fits");
    assert_eq!((first.raw, first.smoothed), (100, 100));
    // A spike observed and undone in the same block moves nothing.
    let spiked = observed(Some(first), 10_000, 500, 1_000).expect("fits");
    let undone = observed(Some(spiked), 100, 500, 1_000).expect("fits");
    assert_eq!(undone.smoothed, 100);
    assert_eq!(smoothed_at(&undone, 5_000, 1_000), Ok(100));
    // A level that stands half the window moves the smoothed value half way.
    let moved = observed(Some(first), 300, 0, 1_000).expect("fits");
    assert_eq!(smoothed_at(&moved, 500, 1_000), Ok(200));
    assert_eq!(smoothed_at(&moved, 9_000, 1_000), Ok(300));
    let falling = Slot { raw: 0, smoothed: 300, updated_ms: 0, since_ms: 0 };
    assert_eq!(smoothed_at(&falling, 250, 1_000), Ok(225));
}

#[test]
fn a_queue_remembers_since_when_it_is_non_empty() {
    let empty = observed(None, 0, 10, 1_000).expect("fits");
    assert_eq!(empty.since_ms, 0);
    let queued = observed(Some(empty), 5, 20, 1_000).expect("fits");
    let still = observed(Some(queued), 8, 30, 1_000).expect("fits");
    assert_eq!((queued.since_ms, still.since_ms), (20, 20));
    assert_eq!(observed(Some(still), 0, 40, 1_000).map(|s| s.since_ms), Ok(0));
}

#[test]
fn marks_count_deviations_over_the_last_epochs() {
    let mut r = Reporter::default();
    assert_eq!(mark(&mut r, 0, true, 4), 1);
    assert_eq!(mark(&mut r, 0, false, 4), 1);
    assert_eq!(mark(&mut r, 2, true, 4), 2);
    // Four epochs later the first deviation no longer counts.
    assert_eq!(mark(&mut r, 4, false, 4), 1);
    assert_eq!(mark(&mut r, 200, true, 4), 1);
    assert_eq!(mark(&mut r, 201, true, 64), 2);
    // A round closed late marks its own epoch, not the newest.
    let mut late = Reporter::default();
    assert_eq!(mark(&mut late, 10, true, 4), 1);
    assert_eq!(mark(&mut late, 9, true, 4), 2);
    assert_eq!(mark(&mut late, 11, false, 4), 2);
    assert_eq!(mark(&mut late, 13, false, 4), 1);
    assert_eq!(mark(&mut late, 14, false, 4), 0);
    assert!(deviates(106, 100, 500, 0).expect("fits"));
    assert!(!deviates(105, 100, 500, 0).expect("fits"));
    assert!(deviates(1, 0, 500, 0).expect("fits"));
    // Near zero, a difference within the floor is noise.
    assert!(!deviates(20, 0, 500, 25).expect("fits"));
    assert!(deviates(26, 0, 500, 25).expect("fits"));
}

#[test]
fn depth_drawdown_and_congestion_in_bps() {
    assert_eq!(impact_bps(1_000, 10), Ok(102));
    assert_eq!(impact_bps(1_000, 1_000), Ok(10_000));
    assert_eq!(impact_bps(1_000, 600), Ok(10_000));
    assert_eq!(drawdown_bps(110, 99), Ok(1_000));
    assert_eq!(drawdown_bps(100, 120), Ok(0));
    assert_eq!(drawdown_bps(0, 0), Ok(0));
    assert_eq!(per_day_bps(2_000, 0, DAY_MS / 2), Ok(2_000));
    assert_eq!(per_day_bps(2_100, 0, 7 * DAY_MS), Ok(300));
    assert_eq!(bucketed(Some(Bucket { index: 3, peak: 9, last: 9 }), 3, 5), Bucket { index: 3, peak: 9, last: 5 });
    assert_eq!(bucketed(Some(Bucket { index: 3, peak: 9, last: 9 }), 67, 5), Bucket { index: 67, peak: 5, last: 5 });
}
