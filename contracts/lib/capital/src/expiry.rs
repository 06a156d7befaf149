//! Expiry buckets marked in bitmaps (one bit per bucket, 128 to a storage word), so rolling
//! the clock forward reads only the buckets something ends in and one word per 128 empty
//! ones: a pool idle for months catches up in one call, and no message ever loops over
//! policies.

use crate::Ledger;
use laas_math::MathError;

/// Most storage reads one roll makes (a marked bucket, or a word of 128 buckets); past that,
/// the pool's `advance` catches up.
pub const MAX_STEPS: u32 = 128;

/// An expiry bucket: what ends in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Bucket {
    /// The premium-earning rate that stops, scaled by [`crate::RATE_SCALE`] per ms.
    pub rate: u128,
    /// The cover whose capital lock ends.
    pub cover: u128,
}

/// The last bucket whose boundary (`index × bucket_ms`) is at or before `now_ms`.
pub fn last_passed(now_ms: u64, bucket_ms: u64) -> u64 {
    now_ms.checked_div(bucket_ms).unwrap_or(0)
}

/// `ledger` rolled forward to `now_ms`: premiums earned and every marked bucket whose boundary
/// has passed released, in at most [`MAX_STEPS`] reads of `word` (bitmap word `i`) and
/// `bucket` (what ends in bucket `b`). Returns whether it reached `now_ms` (else it stands at
/// the last bucket processed).
pub fn roll(mut ledger: Ledger, now_ms: u64, bucket_ms: u64, word: impl Fn(u64) -> u128, bucket: impl Fn(u64) -> Bucket) -> Result<(Ledger, bool), MathError> {
    let last = last_passed(now_ms, bucket_ms);
    for _ in 0..MAX_STEPS {
        match step(word(ledger.next_bucket / WORD_BITS), ledger.next_bucket, last) {
            Step::Expire(index) => {
                ledger.earn(index.saturating_mul(bucket_ms))?;
                let ending = bucket(index);
                ledger.rate = ledger.rate.saturating_sub(ending.rate);
                ledger.active_cover = ledger.active_cover.saturating_sub(ending.cover);
                ledger.next_bucket = index.saturating_add(1);
            }
            Step::Skip(index) => ledger.next_bucket = index,
            Step::Done(index) => {
                ledger.next_bucket = index;
                ledger.earn(now_ms)?;
                return Ok((ledger, true));
            }
        }
    }
    Ok((ledger, false))
}

/// A cover total (a product's) rolled from bucket `next` to `now_ms`: `ending(b)` leaves it
/// for every marked bucket `b` passed, in at most [`MAX_STEPS`] reads. Returns the total, the
/// next bucket and whether it reached `now_ms`.
pub fn roll_cover(mut cover: u128, mut next: u64, now_ms: u64, bucket_ms: u64, word: impl Fn(u64) -> u128, ending: impl Fn(u64) -> u128) -> (u128, u64, bool) {
    let last = last_passed(now_ms, bucket_ms);
    for _ in 0..MAX_STEPS {
        match step(word(next / WORD_BITS), next, last) {
            Step::Expire(index) => {
                cover = cover.saturating_sub(ending(index));
                next = index.saturating_add(1);
            }
            Step::Skip(index) => next = index,
            Step::Done(index) => return (cover, index, true),
        }
    }
    (cover, next, false)
}

/// Buckets per bitmap word.
pub const WORD_BITS: u64 = 128;

/// The bitmap word bucket `bucket` is in, and its bit there.
pub fn word_of(bucket: u64) -> (u64, u128) {
    let shift = u32::try_from(bucket % WORD_BITS).unwrap_or(0);
    (bucket / WORD_BITS, 1u128.checked_shl(shift).unwrap_or(0))
}

/// The first marked bucket at or after `from` within `from`'s word `word`, if any.
pub fn first_marked(word: u128, from: u64) -> Option<u64> {
    let shift = u32::try_from(from % WORD_BITS).unwrap_or(0);
    let ahead = word & u128::MAX.checked_shl(shift).unwrap_or(0);
    if ahead == 0 {
        return None;
    }
    Some(from.saturating_sub(u64::from(shift)).saturating_add(u64::from(ahead.trailing_zeros())))
}

/// What rolling from bucket `next` to the last passed bucket `last` does next, given the word
/// `next` is in: process a marked bucket, or jump to where the search goes on.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Bucket `0` has passed and is marked: release it, go on from the one after.
    Expire(u64),
    /// Nothing passed is marked up to there: go on from this bucket.
    Skip(u64),
    /// Every passed bucket is processed: the next one to look at is this.
    Done(u64),
}

/// The next step of a roll from bucket `next` when buckets up to `last` have passed.
pub fn step(word: u128, next: u64, last: u64) -> Step {
    if next > last {
        return Step::Done(next);
    }
    match first_marked(word, next) {
        Some(bucket) if bucket <= last => Step::Expire(bucket),
        Some(_) => Step::Done(last.saturating_add(1)),
        None => {
            let word_end = (next / WORD_BITS).saturating_add(1).saturating_mul(WORD_BITS);
            Step::Skip(word_end.min(last.saturating_add(1)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_buckets_are_found_and_empty_words_skipped() {
        let (w, bit) = word_of(300);
        assert_eq!((w, bit), (2, 1u128 << 44));
        assert_eq!(first_marked(bit, 256), Some(300));
        assert_eq!(first_marked(bit, 300), Some(300));
        assert_eq!(first_marked(bit, 301), None);
        assert_eq!(step(bit, 256, 1_000), Step::Expire(300));
        assert_eq!(step(bit, 256, 299), Step::Done(300));
        assert_eq!(step(0, 5, 1_000), Step::Skip(128));
        assert_eq!(step(0, 5, 50), Step::Skip(51));
        assert_eq!(step(0, 51, 50), Step::Done(51));
        assert_eq!(first_marked(1u128 << 127, 127), Some(127));
    }
}
