//! Capital: shares, premiums earned over the term, locks, expiry buckets, cooldowns.

use super::*;

#[ink::test]
fn shares_are_priced_at_the_value_and_the_first_depositor_cannot_inflate_it() {
    let mut pool = pool();
    let a = accounts();
    let first = pool.book_deposit(a.bob, 1_000 * UNIT).unwrap();
    assert_eq!(first, 1_000 * UNIT * 1_000);
    let second = pool.book_deposit(a.django, 1_000 * UNIT).unwrap();
    assert!(second <= first && second >= first - 1_000);
    assert_eq!(pool.book_deposit(a.bob, 0), Err(CoverError::ZeroAmount));
    // A tiny deposit after a lone unit: the virtual shares keep one unit worth a share.
    let mut lone = self::pool();
    assert_eq!(lone.book_deposit(a.bob, 1).unwrap(), 1_000);
    assert_eq!(lone.book_deposit(a.django, 1).unwrap(), 1_000);
}

#[ink::test]
fn premiums_are_earned_over_the_term_not_at_the_sale() {
    let mut pool = funded(1_000 * UNIT);
    let (_, priced) = buy(&mut pool, 0, 100 * UNIT, 30 * DAY, accounts().bob, &calm()).unwrap();
    let premium = priced.quote.premium;
    let capital = pool.capital().unwrap();
    assert_eq!(capital.funds, 1_000 * UNIT + premium);
    // Earned over 31 days (the term and the day of grace), all but the rate's dust unearned.
    assert!(capital.unearned <= premium && capital.unearned + 1_000 >= premium);
    at(T0 + 31 * DAY / 2);
    let half = pool.capital().unwrap();
    assert!(half.unearned.abs_diff(premium / 2) <= 1_000);
    at(T0 + 31 * DAY);
    let done = pool.capital().unwrap();
    assert_eq!((done.unearned, done.value, done.active_cover), (0, 1_000 * UNIT + premium, 0));
}

#[ink::test]
fn a_late_share_buyer_cannot_snipe_the_premium() {
    let mut pool = funded(1_000 * UNIT);
    let a = accounts();
    let (_, priced) = buy(&mut pool, 0, 1_000 * UNIT, 30 * DAY, a.bob, &calm()).unwrap();
    at(T0 + 31 * DAY - HOUR);
    let shares = pool.book_deposit(a.django, 1_000 * UNIT).unwrap();
    at(T0 + 31 * DAY);
    let (_, worth, _) = pool.underwriter(a.django).unwrap();
    // The last hour of 744 is all the late buyer shares in: half of it.
    let gain = worth.saturating_sub(1_000 * UNIT);
    assert!(gain <= priced.quote.premium / 744 / 2 + 1, "gain {gain}");
    assert!(shares > 0);
}

#[ink::test]
fn capital_behind_cover_stays_locked_until_the_end_plus_grace() {
    let mut pool = funded(1_000 * UNIT);
    let a = accounts();
    buy(&mut pool, 0, 600 * UNIT, 30 * DAY, a.django, &calm()).unwrap();
    as_caller(a.bob);
    let all = pool.shares.get(a.bob).unwrap();
    at(T0 + 23 * DAY);
    pool.request_withdrawal(all).unwrap();
    at(T0 + 30 * DAY);
    let free = pool.capital().unwrap().free;
    assert!(free >= 401 * UNIT && free < 403 * UNIT);
    assert_eq!(pool.book_withdrawal(a.bob, all), Err(CoverError::CapitalLocked { free }));
    // Part of it leaves now.
    let part = all / 3;
    assert!(pool.book_withdrawal(a.bob, part).unwrap() > 333 * UNIT);
    // The rest once the day of grace is over: premium included.
    at(T0 + 31 * DAY);
    let rest = pool.book_withdrawal(a.bob, all - part).unwrap();
    assert!(rest > 666 * UNIT);
    assert_eq!(pool.capital().unwrap().shares, 0);
}

#[ink::test]
fn withdrawals_wait_for_their_cooldown_and_their_request() {
    let mut pool = funded(1_000 * UNIT);
    let a = accounts();
    let all = pool.shares.get(a.bob).unwrap();
    assert_eq!(pool.book_withdrawal(a.bob, all), Err(CoverError::CooldownActive { ready_ms: 0 }));
    as_caller(a.bob);
    assert_eq!(pool.request_withdrawal(0), Err(CoverError::ZeroAmount));
    assert_eq!(pool.request_withdrawal(all + 1), Err(CoverError::InsufficientShares));
    let ready = pool.request_withdrawal(all / 2).unwrap();
    assert_eq!(ready, T0 + 7 * DAY);
    at(ready - 1);
    assert_eq!(pool.book_withdrawal(a.bob, all / 2), Err(CoverError::CooldownActive { ready_ms: ready }));
    at(ready);
    assert_eq!(pool.book_withdrawal(a.bob, all / 2 + 1), Err(CoverError::InsufficientShares));
    assert_eq!(pool.book_withdrawal(a.bob, all / 2).unwrap(), 500 * UNIT);
    assert_eq!(pool.withdrawals.get(a.bob), None);
    // A request is good for its window only: a standing request cannot wait for a loss.
    let ready = pool.request_withdrawal(all / 4).unwrap();
    at(ready + 2 * DAY + 1);
    assert_eq!(pool.book_withdrawal(a.bob, all / 4), Err(CoverError::RequestExpired));
}

#[ink::test]
fn cover_expires_bucket_by_bucket() {
    let mut pool = funded(10_000 * UNIT);
    let bob = accounts().bob;
    buy(&mut pool, 0, 100 * UNIT, 10 * DAY, bob, &calm()).unwrap();
    at(T0 + 90 * 60_000);
    buy(&mut pool, 1, 200 * UNIT, 20 * DAY, bob, &calm()).unwrap();
    assert_eq!(pool.capital().unwrap().active_cover, 300 * UNIT);
    at(T0 + 11 * DAY);
    assert_eq!(pool.capital().unwrap().active_cover, 200 * UNIT);
    assert_eq!(pool.product(0).map(|(_, s)| s.active_cover), Some(0));
    // The second ends at day 20.5 + a day of grace, rounded up to the hour.
    at(T0 + 21 * DAY + 90 * 60_000 - 1);
    assert_eq!(pool.capital().unwrap().active_cover, 200 * UNIT);
    at(T0 + 21 * DAY + 2 * HOUR);
    assert_eq!(pool.capital().unwrap().active_cover, 0);
    assert_eq!(pool.product(1).map(|(_, s)| s.active_cover), Some(0));
}

#[ink::test]
fn a_long_silence_is_caught_up_by_advance_and_never_blocks_an_exit() {
    let mut pool = funded(1_000 * UNIT);
    let a = accounts();
    as_caller(a.bob);
    let all = pool.shares.get(a.bob).unwrap();
    pool.request_withdrawal(all).unwrap();
    at(T0 + 700 * DAY);
    // 16,800 hourly buckets, 132 words of them: more than one call reads.
    assert!(!pool.capital().unwrap().current);
    assert_eq!(pool.book_deposit(a.django, UNIT), Err(CoverError::Behind));
    assert!(!pool.advance().unwrap());
    assert!(pool.advance().unwrap());
    assert!(pool.book_deposit(a.django, UNIT).is_ok());
    as_caller(a.bob);
    pool.request_withdrawal(all).unwrap();
    at(T0 + 708 * DAY);
    assert!(pool.book_withdrawal(a.bob, all).unwrap() >= 1_000 * UNIT - 1);
}
