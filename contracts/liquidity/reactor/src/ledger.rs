//! The reactor's arithmetic, free of storage and calls: NAV, the fee split, whether rewards
//! can be shared, the emission split and the size of a recall from a venue.
//!
//! Every rounding goes against the party that asks: NAV, shares and splits round down,
//! recalls round up.

use laas_math::{apply_bps, mul_div, ratio_fixed, MathError, Rounding, BPS, ONE};

/// NAV per tAsset, 1e18: `min(1, holdings / supply)`; 1 while nothing is minted.
/// PCV is part of `holdings`, so it absorbs losses before NAV moves.
pub fn nav(holdings: u128, supply: u128) -> Result<u128, MathError> {
    if supply == 0 || holdings >= supply {
        return Ok(ONE);
    }
    mul_div(holdings, ONE, supply, Rounding::Down)
}

/// Splits `fee` into `(lp, ld, treasury)`: the LP and LD parts round down, the treasury takes
/// the rest, so the three always add up to `fee`.
pub fn split(fee: u128, lp_bps: u16, ld_bps: u16) -> Result<(u128, u128, u128), MathError> {
    let lp = apply_bps(fee, u128::from(lp_bps), Rounding::Down)?;
    let ld = apply_bps(fee, u128::from(ld_bps), Rounding::Down)?;
    let treasury = fee
        .checked_sub(lp)
        .and_then(|rest| rest.checked_sub(ld))
        .ok_or(MathError::Underflow)?;
    Ok((lp, ld, treasury))
}

/// Largest reward per eligible tAsset one rollover shares (10¹² per unit, 1e18 fixed point): a
/// pool's reward index then cannot overflow in hundreds of millions of epochs. Past it (a dust
/// of eligible tAssets) the rewards go elsewhere.
pub const MAX_INDEX_GROWTH: u128 = ONE * 1_000_000_000_000;

/// Whether rewards of `asset` and `pairing` can be shared over `eligible` tAssets: something
/// was eligible and neither share per tAsset passes [`MAX_INDEX_GROWTH`].
pub fn shareable(asset: u128, pairing: u128, eligible: u128) -> bool {
    if asset == 0 && pairing == 0 {
        return true;
    }
    let fits = |amount: u128| mul_div(amount, ONE, eligible, Rounding::Down).is_ok_and(|g| g <= MAX_INDEX_GROWTH);
    eligible > 0 && fits(asset) && fits(pairing)
}

/// The fraction (bps, rounded up, at most 10,000) of a position holding `position` of the
/// asset to recall so that at most `target` remains.
pub fn recall_bps(position: u128, target: u128) -> Result<u16, MathError> {
    if position <= target {
        return Ok(0);
    }
    let excess = position.checked_sub(target).ok_or(MathError::Underflow)?;
    let bps = mul_div(excess, BPS, position, Rounding::Up)?.min(BPS);
    u16::try_from(bps).map_err(|_| MathError::Overflow)
}

/// The part of a maturing payout paid in TOKE instead of the asset: `uncovered` (asset value the
/// asset on hand cannot pay) at `price` (TOKE per asset, 1e18), as far as `spare` TOKE reaches.
/// Returns `(asset value replaced, TOKE paid)`; the TOKE is worth at most the value replaced,
/// and never more than `spare` (both round down, against the exiting LP).
pub fn in_kind(uncovered: u128, price: u128, spare: u128) -> Result<(u128, u128), MathError> {
    if price == 0 {
        return Err(MathError::DivisionByZero);
    }
    // Spare TOKE worth more than any u128 of the asset covers anything.
    let reach = mul_div(spare, ONE, price, Rounding::Down).unwrap_or(u128::MAX);
    let replaced = uncovered.min(reach);
    Ok((replaced, mul_div(replaced, price, ONE, Rounding::Down)?))
}

/// Largest ratio `r` used by the emission split (10¹² : 1); beyond it the split no longer moves.
pub const MAX_RATIO: u128 = ONE * 1_000_000_000_000;

/// `numerator / denominator` as 1e18 fixed point, saturating at [`MAX_RATIO`] (and for a zero
/// denominator).
pub fn ratio(numerator: u128, denominator: u128) -> u128 {
    ratio_fixed(numerator, denominator, Rounding::Down).map_or(MAX_RATIO, |r| r.min(MAX_RATIO))
}

/// The emission split of `offered` TOKE at balance `r` and target `target` (both 1e18):
/// `E_eff = E·2·min(r, R*)/(r + R*)`, LPs `E_eff·r/(r + R*)`, LDs `E_eff·R*/(r + R*)`, each
/// rounded down. Returns `(lp, ld)`; `offered − lp − ld` stays in the budget.
pub fn emission_split(offered: u128, r: u128, target: u128) -> Result<(u128, u128), MathError> {
    let sum = r.checked_add(target).ok_or(MathError::Overflow)?;
    if sum == 0 {
        return Ok((0, 0));
    }
    let twice_min = r.min(target).checked_mul(2).ok_or(MathError::Overflow)?;
    let effective = mul_div(offered, twice_min, sum, Rounding::Down)?;
    let lp = mul_div(effective, r, sum, Rounding::Down)?;
    let ld = mul_div(effective, target, sum, Rounding::Down)?;
    Ok((lp, ld))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const E18: u128 = ONE;

    #[test]
    fn nav_is_capped_at_one_and_one_while_empty() {
        assert_eq!(nav(0, 0), Ok(ONE));
        assert_eq!(nav(3 * E18, 2 * E18), Ok(ONE));
        assert_eq!(nav(E18, 2 * E18), Ok(ONE / 2));
        assert_eq!(nav(0, 2 * E18), Ok(0));
    }

    #[test]
    fn rewards_are_shared_only_over_something_and_within_reason() {
        assert!(shareable(0, 0, 0));
        assert!(!shareable(1, 0, 0));
        assert!(shareable(1_000 * E18, 5 * E18, E18));
        assert!(!shareable(1_000_000_000_000_001, 0, 1));
        assert!(shareable(0, 1_000_000_000_000, 1));
    }

    #[test]
    fn the_split_always_adds_up() {
        assert_eq!(split(1_000, 7_000, 2_000), Ok((700, 200, 100)));
        assert_eq!(split(999, 7_000, 2_000), Ok((699, 199, 101)));
        assert_eq!(split(0, 7_000, 2_000), Ok((0, 0, 0)));
    }

    #[test]
    fn recalls_round_up_and_stop_at_everything() {
        assert_eq!(recall_bps(100, 100), Ok(0));
        assert_eq!(recall_bps(100, 150), Ok(0));
        assert_eq!(recall_bps(100, 50), Ok(5_000));
        assert_eq!(recall_bps(3, 1), Ok(6_667));
        assert_eq!(recall_bps(100, 0), Ok(10_000));
    }

    #[test]
    fn balanced_reactors_emit_everything_half_and_half() {
        assert_eq!(emission_split(1_000, ONE, ONE), Ok((500, 500)));
        // Asset-heavy (r = 1/3): E_eff = E·2·(1/3)/(4/3) = E/2; LPs 1/4 of it, LDs 3/4.
        assert_eq!(emission_split(1_200, ONE / 3, ONE), Ok((149, 449)));
        // TOKE-heavy (r = 3): E_eff = E·2/4 = E/2; LPs 3/4 of it, LDs 1/4.
        assert_eq!(emission_split(1_200, 3 * ONE, ONE), Ok((450, 150)));
        assert_eq!(emission_split(1_200, 0, ONE), Ok((0, 0)));
        assert_eq!(ratio(1, 0), MAX_RATIO);
        assert_eq!(ratio(1, 4), ONE / 4);
    }

    proptest! {
        #[test]
        fn emissions_never_exceed_the_offer(offered in 0u128..1 << 100, r in 0u128..MAX_RATIO, target in 1u128..1 << 80) {
            let (lp, ld) = emission_split(offered, r, target).unwrap();
            prop_assert!(lp + ld <= offered);
        }

        #[test]
        fn toke_paid_in_kind_is_on_hand_and_worth_no_more_than_it_replaces(
            uncovered in 0u128..1 << 100,
            price in 1u128..1 << 90,
            spare in 0u128..1 << 110,
        ) {
            let (replaced, toke) = in_kind(uncovered, price, spare).unwrap();
            prop_assert!(replaced <= uncovered && toke <= spare);
            prop_assert!(mul_div(toke, ONE, price, Rounding::Down).unwrap() <= replaced);
            // Everything uncovered is replaced when the spare TOKE is worth it.
            if mul_div(uncovered, price, ONE, Rounding::Up).is_ok_and(|v| v <= spare) {
                prop_assert_eq!(replaced, uncovered);
            }
        }

        #[test]
        fn a_recall_leaves_at_most_the_target(position in 1u128..1 << 100, target in 0u128..1 << 100) {
            let bps = recall_bps(position, target).unwrap();
            let kept = position - mul_div(position, u128::from(bps), BPS, Rounding::Down).unwrap();
            if position <= target {
                prop_assert_eq!(bps, 0);
            } else {
                // The fraction rounds up; the venue's share arithmetic may leave one unit more.
                prop_assert!(kept <= target + 1);
            }
        }
    }
}
