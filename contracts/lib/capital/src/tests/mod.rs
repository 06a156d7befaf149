//! The ledger and the expiry buckets, over random sales.

use crate::expiry::word_of;
use crate::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

const HOUR: u64 = 3_600_000;

/// Buckets and their bitmap, as a pool keeps them.
#[derive(Default)]
struct Store {
    buckets: BTreeMap<u64, Bucket>,
    words: BTreeMap<u64, u128>,
}

impl Store {
    /// Books a sale at `now` of `premium` and `cover` locked until `until`.
    fn sell(&mut self, ledger: &mut Ledger, now: u64, until: u64, premium: u128, cover: u128) {
        let index = bucket_of(until, HOUR).unwrap();
        let duration = index * HOUR - now;
        let rate = rate_of(premium, duration).unwrap();
        ledger.book_sale(premium, rate, duration, cover).unwrap();
        let b = self.buckets.entry(index).or_default();
        b.rate += rate;
        b.cover += cover;
        let (w, bit) = word_of(index);
        *self.words.entry(w).or_default() |= bit;
    }

    fn roll(&self, ledger: Ledger, now: u64) -> (Ledger, bool) {
        roll(ledger, now, HOUR, |w| self.words.get(&w).copied().unwrap_or(0), |b| self.buckets.get(&b).copied().unwrap_or_default()).unwrap()
    }
}

#[test]
fn a_premium_is_earned_linearly_to_its_bucket_and_its_cover_released_there() {
    let mut store = Store::default();
    let mut ledger = Ledger { next_bucket: 1, ..Ledger::default() };
    store.sell(&mut ledger, 0, 10 * HOUR, 1_000_000, 500);
    assert_eq!((ledger.unearned().unwrap(), ledger.active_cover), (1_000_000, 500));
    let (half, current) = store.roll(ledger, 5 * HOUR);
    assert!(current);
    assert_eq!(half.unearned().unwrap(), 500_000);
    let (done, _) = store.roll(ledger, 10 * HOUR);
    assert_eq!((done.unearned().unwrap(), done.rate, done.active_cover, done.value().unwrap()), (0, 0, 0, 1_000_000));
}

#[test]
fn shares_keep_their_value_and_the_first_cannot_inflate_it() {
    let mut ledger = Ledger::default();
    let first = ledger.shares_for(1_000).unwrap();
    ledger.funds += 1_000;
    ledger.shares += first;
    assert_eq!(ledger.amount_for(first).unwrap(), 1_000);
    // Shares outstanding and worth nothing: no deposit is priced.
    let broke = Ledger { shares: 10, ..Ledger::default() };
    assert_eq!(broke.shares_for(1), Err(CapitalError::NoValue));
}

proptest! {
    #[test]
    fn unearned_premium_never_exceeds_what_was_paid_and_ends_at_zero(
        sales in proptest::collection::vec((0u64..500, 1u64..2_000, 1u128..1u128 << 80), 1..20),
    ) {
        let mut store = Store::default();
        let mut ledger = Ledger { next_bucket: 1, ..Ledger::default() };
        let mut paid = 0u128;
        let mut last_end = 0u64;
        let mut now = 0u64;
        for (after, hours, premium) in sales {
            now += after * 60_000;
            let (rolled, current) = store.roll(ledger, now);
            prop_assert!(current);
            ledger = rolled;
            let until = now + hours * 60_000;
            store.sell(&mut ledger, now, until, premium, 1);
            paid += premium;
            last_end = last_end.max(until);
            prop_assert!(ledger.unearned().unwrap() <= paid);
        }
        let (end, current) = store.roll(ledger, last_end + HOUR);
        prop_assert!(current);
        prop_assert_eq!((end.unearned().unwrap(), end.rate, end.active_cover), (0, 0, 0));
        prop_assert_eq!(end.value().unwrap(), paid);
    }
}
