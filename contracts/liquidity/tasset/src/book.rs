//! The pool's book-keeping rules, free of storage so they can be tested directly.
//!
//! **Eligibility.** An epoch's fees and emissions are shared among the tAssets held through
//! the whole epoch and not under a matured request. Each holder keeps, in one storage cell,
//! its balance, the part of it `eligible` in the epoch it was last settled in, its request,
//! and what it is owed. The pool keeps a cumulative reward index per eligible tAsset and its
//! value at the opening of every epoch (`index_at`). Settling a holder last seen in epoch `E`
//! at epoch `N > E` credits:
//!
//! * epoch `E`: `eligible × (I[E+1] − I[E])`;
//! * epochs `E+1 … N−1`: the whole balance, except while a request maturing at `M` and
//!   expiring at `X` stood matured, from `max(M, E+1)` to `min(X, N)`, when only the balance
//!   outside it counts;
//!
//! then sets `eligible` to what is held since `N` opened. Within an epoch, a balance that goes
//! out lowers `eligible` (never below zero, never above the balance); one that comes in earns
//! from the next epoch. Every step is O(1): at most five index lookups.
//!
//! **Matured requests are firm.** A matured request's payout is fixed; it is withdrawn or it
//! expires, but it is neither cancelled, replaced nor sent away: otherwise a holder would keep a
//! free option, protected from further losses while matured and back in for a recovery.
//!
//! Each span is credited at the amount held through it (the matured span at the balance outside
//! the request), so no product is larger than what is held. Rounding favours the pool: every
//! credit rounds down.

use laas_math::{add, mul_div, mul_fixed, sub, MathError, Rounding};

/// A pair of reward amounts or indices: the asset and TOKE.
pub type Pair = (u128, u128);

/// One holder, in one storage cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Holder {
    /// tAssets held.
    pub balance: u128,
    /// Of them, held since epoch `epoch` opened and not under a matured request.
    pub eligible: u128,
    /// The epoch this holder was last settled in.
    pub epoch: u32,
    /// Pending or matured withdrawal request, tAssets (0 without one).
    pub request: u128,
    /// The epoch whose opening rollover matures the request (0 without one).
    pub maturity: u32,
    /// Rewards settled and not claimed: (asset, TOKE).
    pub owed: Pair,
}

/// The requests one rollover matured: their NAV, what is left of them and of their payout (in
/// kind: the asset, and TOKE for what the asset could not cover), and when they expire. A
/// withdrawal of part of them pays that part's share of what is left, so the last one pays
/// exactly the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Bucket {
    /// NAV struck by the rollover that matured them, 1e18: the value each tAsset is paid.
    pub nav: u128,
    /// tAssets still under these requests.
    pub outstanding: u128,
    /// What they are still owed in the asset.
    pub payout: u128,
    /// What they are still owed in TOKE.
    pub payout_pairing: u128,
    /// The epoch whose opening rollover expires what is left.
    pub expires_at: u32,
}

impl Bucket {
    /// The share of what is left owed to `amount` of the outstanding tAssets, `(asset, TOKE)`,
    /// rounded down; all of it for all of them.
    pub fn share(&self, amount: u128) -> Result<(u128, u128), MathError> {
        if amount >= self.outstanding {
            return Ok((self.payout, self.payout_pairing));
        }
        Ok((
            mul_div(self.payout, amount, self.outstanding, Rounding::Down)?,
            mul_div(self.payout_pairing, amount, self.outstanding, Rounding::Down)?,
        ))
    }
}

/// Whether a request maturing at `maturity` (a bucket expiring at `expires_at`) stands matured
/// in epoch `epoch`.
pub fn is_matured(request: u128, maturity: u32, expires_at: u32, epoch: u32) -> bool {
    request > 0 && maturity <= epoch && epoch < expires_at
}

/// Settles `holder` to epoch `now` (see the module docs). `index_at(x)` is the index at the
/// opening of epoch `x ≤ now`; `expires_at` is when the holder's request expires, if it has
/// matured by `now` (its bucket's), else `None`. Drops a request that has expired.
pub fn settle(holder: &mut Holder, now: u32, index_at: impl Fn(u32) -> Pair, expires_at: Option<u32>) -> Result<(), MathError> {
    if holder.epoch >= now {
        return Ok(());
    }
    let first = holder.epoch;
    let next = first.checked_add(1).ok_or(MathError::Overflow)?;
    // The span after the entry epoch, cut where the request stood matured: [next, from) and
    // [until, now) at the whole balance, [from, until) at the balance outside the request.
    let (from, until) = match expires_at {
        Some(expires_at) if holder.request > 0 => {
            let from = holder.maturity.max(next).min(now);
            (from, expires_at.min(now).max(from))
        }
        _ => (now, now),
    };
    let outside = sub(holder.balance, holder.request)?;
    let spans = [(first, next, holder.eligible), (next, from, holder.balance), (from, until, outside), (until, now, holder.balance)];
    let mut credit = (0u128, 0u128);
    for (start, end, amount) in spans {
        if start >= end || amount == 0 {
            continue;
        }
        let (a, b) = (index_at(start), index_at(end));
        credit.0 = add(credit.0, mul_fixed(amount, sub(b.0, a.0)?, Rounding::Down)?)?;
        credit.1 = add(credit.1, mul_fixed(amount, sub(b.1, a.1)?, Rounding::Down)?)?;
    }
    holder.owed = (add(holder.owed.0, credit.0)?, add(holder.owed.1, credit.1)?);
    if expires_at.is_some_and(|x| x <= now) {
        holder.request = 0;
        holder.maturity = 0;
    }
    let matured = expires_at.is_some_and(|x| is_matured(holder.request, holder.maturity, x, now));
    holder.eligible = if matured { sub(holder.balance, holder.request)? } else { holder.balance };
    holder.epoch = now;
    Ok(())
}

/// `holder` sends `amount` away (a transfer): the balance drops, a pending request shrinks to
/// what is left, and `eligible` to what is left outside a matured request. Returns `(request
/// cut, eligible cut)`. What is under a matured request cannot be sent (`Underflow`).
pub fn send(holder: &mut Holder, amount: u128, matured: bool) -> Result<(u128, u128), MathError> {
    let free = if matured { sub(holder.balance, holder.request)? } else { holder.balance };
    if amount > free {
        return Err(MathError::Underflow);
    }
    holder.balance = sub(holder.balance, amount)?;
    let cut = holder.request.saturating_sub(holder.balance);
    holder.request = sub(holder.request, cut)?;
    if holder.request == 0 {
        holder.maturity = 0;
    }
    let outside = if matured { sub(holder.balance, holder.request)? } else { holder.balance };
    let eligible = holder.eligible.min(outside);
    let eligible_cut = sub(holder.eligible, eligible)?;
    holder.eligible = eligible;
    Ok((cut, eligible_cut))
}

#[cfg(test)]
mod tests {
    use super::*;
    use laas_math::ONE;
    use proptest::prelude::*;

    fn index(values: &[u128]) -> impl Fn(u32) -> Pair + '_ {
        move |x| {
            let v = values.get(x as usize).copied().unwrap_or(0);
            (v, v / 2)
        }
    }

    #[test]
    fn within_an_epoch_nothing_is_credited() {
        let mut h = Holder { balance: 10, eligible: 4, epoch: 3, ..Holder::default() };
        settle(&mut h, 3, index(&[0, 0, 0, 7 * ONE]), None).unwrap();
        assert_eq!((h.owed, h.eligible), ((0, 0), 4));
    }

    #[test]
    fn the_epoch_of_entry_pays_the_eligible_part_and_later_ones_the_balance() {
        // Index per eligible tAsset: +1 per epoch. Entered in epoch 1 with 4 of 10 eligible.
        let mut h = Holder { balance: 10, eligible: 4, epoch: 1, ..Holder::default() };
        settle(&mut h, 4, index(&[0, ONE, 2 * ONE, 3 * ONE, 4 * ONE]), None).unwrap();
        // Epoch 1: 4; epochs 2 and 3: 10 each.
        assert_eq!(h.owed.0, 24);
        assert_eq!((h.eligible, h.epoch), (10, 4));
    }

    #[test]
    fn a_matured_request_earns_nothing_until_it_expires() {
        // Settled in epoch 0 with a request of 6 of 10 maturing at epoch 2, expiring at 4.
        let mut h = Holder { balance: 10, eligible: 10, epoch: 0, request: 6, maturity: 2, owed: (0, 0) };
        let at = [0, ONE, 2 * ONE, 3 * ONE, 4 * ONE, 5 * ONE, 6 * ONE];
        let mut now3 = h;
        settle(&mut now3, 3, index(&at), Some(4)).unwrap();
        // Epochs 0 and 1: 10 each; epoch 2: 4.
        assert_eq!(now3.owed.0, 24);
        assert_eq!((now3.eligible, now3.request), (4, 6));
        settle(&mut h, 6, index(&at), Some(4)).unwrap();
        // Epochs 0, 1: 10; 2, 3: 4; 4, 5: 10 (expired: the tAssets are the holder's again).
        assert_eq!(h.owed.0, 48);
        assert_eq!((h.eligible, h.request, h.maturity), (10, 0, 0));
    }

    #[test]
    fn sending_shrinks_the_request_then_what_is_eligible() {
        let mut h = Holder { balance: 10, eligible: 6, request: 8, maturity: 5, ..Holder::default() };
        assert_eq!(send(&mut h, 3, false), Ok((1, 0)));
        assert_eq!((h.balance, h.request, h.eligible), (7, 7, 6));
        assert_eq!(send(&mut h, 3, false), Ok((3, 2)));
        assert_eq!((h.balance, h.request, h.eligible), (4, 4, 4));
        assert_eq!(send(&mut h, 5, false), Err(MathError::Underflow));
        let mut m = Holder { balance: 10, eligible: 4, request: 6, maturity: 1, ..Holder::default() };
        // Matured: only what is outside the request can be sent.
        assert_eq!(send(&mut m, 5, true), Err(MathError::Underflow));
        assert_eq!(send(&mut m, 3, true), Ok((0, 3)));
        assert_eq!((m.balance, m.request, m.eligible), (7, 6, 1));
    }

    #[test]
    fn withdrawals_share_what_is_left_and_the_last_takes_the_rest() {
        let mut b = Bucket { nav: ONE, outstanding: 3, payout: 10, payout_pairing: 7, expires_at: 9 };
        assert_eq!(b.share(1), Ok((3, 2)));
        b = Bucket { outstanding: 2, payout: 7, payout_pairing: 5, ..b };
        assert_eq!(b.share(5), Ok((7, 5)));
        assert_eq!(b.share(2), Ok((7, 5)));
    }

    /// Brute force: the holder's rewards epoch by epoch, rounded once at the end.
    fn by_epoch(h: &Holder, now: u32, at: &[u128], expires_at: Option<u32>) -> u128 {
        let mut total = 0u128;
        for x in h.epoch..now {
            let gain = at[x as usize + 1] - at[x as usize];
            let held = if x == h.epoch {
                h.eligible
            } else {
                let matured = expires_at.is_some_and(|e| h.request > 0 && h.maturity <= x && x < e);
                if matured { h.balance - h.request } else { h.balance }
            };
            total += held * gain;
        }
        total / ONE
    }

    proptest! {
        #[test]
        fn shares_never_pay_more_than_the_bucket_holds(
            payout in 0u128..1 << 100,
            payout_pairing in 0u128..1 << 100,
            parts in proptest::collection::vec(1u128..1 << 40, 1..8),
        ) {
            let outstanding: u128 = parts.iter().sum();
            let mut b = Bucket { nav: ONE, outstanding, payout, payout_pairing, expires_at: 1 };
            let (mut paid, mut paid_pairing) = (0u128, 0u128);
            for part in parts {
                let (x, y) = b.share(part).unwrap();
                b = Bucket { outstanding: b.outstanding - part, payout: b.payout - x, payout_pairing: b.payout_pairing - y, ..b };
                paid += x;
                paid_pairing += y;
            }
            // Everything is paid out, to the unit, once every tAsset has withdrawn.
            prop_assert_eq!((paid, paid_pairing, b.payout, b.payout_pairing), (payout, payout_pairing, 0, 0));
        }

        #[test]
        fn settlement_matches_epoch_by_epoch_within_rounding(
            steps in proptest::collection::vec(0u128..1_000 * ONE, 1..12),
            balance in 0u128..1_000_000_000_000,
            eligible_share in 0u128..=100,
            request_share in 0u128..=100,
            first in 0u32..4,
            maturity_gap in 1u32..5,
            expiry in 1u32..5,
            matures in any::<bool>(),
        ) {
            let mut at = vec![0u128];
            for s in &steps {
                at.push(at.last().unwrap() + s);
            }
            let now = u32::try_from(at.len() - 1).unwrap();
            prop_assume!(first < now);
            let request = balance * request_share / 100;
            let maturity = first + maturity_gap;
            let expires_at = if matures && maturity <= now { Some(maturity + expiry) } else { None };
            let matured_at_first = expires_at.is_some_and(|e| is_matured(request, maturity, e, first));
            let outside = if matured_at_first { balance - request } else { balance };
            let h = Holder { balance, eligible: outside * eligible_share / 100, epoch: first, request, maturity, owed: (0, 0) };
            let mut settled = h;
            settle(&mut settled, now, |x| (at[x as usize], 0), expires_at).unwrap();
            let exact = by_epoch(&h, now, &at, expires_at);
            // Never more than the exact share; short of it by rounding only (four roundings).
            prop_assert!(settled.owed.0 <= exact, "{} > {}", settled.owed.0, exact);
            prop_assert!(exact <= settled.owed.0 + 4, "{} << {}", settled.owed.0, exact);
        }
    }
}
