//! Underwriters' accounts, the same in every cover pool: shares bought at their value,
//! withdrawal requests that ripen after a cooldown and lapse after a window, and withdrawals
//! of unlocked capital only. Pure bookkeeping on a [`Ledger`]; the pool moves the tokens and
//! keeps the per-account storage.

use crate::{CapitalError, Ledger};
use laas_math::{add, sub, MathError};

/// An underwriter's request to withdraw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Withdrawal {
    /// Shares it may redeem.
    pub shares: u128,
    /// From when, ms.
    pub ready_ms: u64,
}

/// Why an underwriter's deposit, request or withdrawal is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountError {
    /// Nothing deposited or asked for, or worth nothing.
    ZeroAmount,
    /// More shares than held or requested.
    InsufficientShares,
    /// No request is ready yet (`ready_ms` 0: there is none).
    CooldownActive {
        /// When the request ripens, ms.
        ready_ms: u64,
    },
    /// The request's window has passed: request again.
    RequestExpired,
    /// The amount is above the capital not locked.
    CapitalLocked {
        /// What may leave now.
        free: u128,
    },
    /// The ledger refused (overflow, or shares worth nothing).
    Capital(CapitalError),
}

impl From<CapitalError> for AccountError {
    fn from(e: CapitalError) -> Self {
        AccountError::Capital(e)
    }
}

impl From<MathError> for AccountError {
    fn from(e: MathError) -> Self {
        AccountError::Capital(CapitalError::Math(e))
    }
}

/// Books a deposit of `amount` into `ledger`: the shares it buys (also added to the ledger's
/// total). Errors: `ZeroAmount` (nothing, or less than a share), `Capital(NoValue)`.
pub fn deposit(ledger: &mut Ledger, amount: u128) -> Result<u128, AccountError> {
    if amount == 0 {
        return Err(AccountError::ZeroAmount);
    }
    let shares = ledger.shares_for(amount)?;
    if shares == 0 {
        return Err(AccountError::ZeroAmount);
    }
    ledger.funds = add(ledger.funds, amount)?;
    ledger.shares = add(ledger.shares, shares)?;
    Ok(shares)
}

/// A request to withdraw `shares` of the `held` ones, ripening at `now_ms + cooldown_ms`.
/// Errors: `ZeroAmount`, `InsufficientShares`.
pub fn request(held: u128, shares: u128, now_ms: u64, cooldown_ms: u64) -> Result<Withdrawal, AccountError> {
    if shares == 0 {
        return Err(AccountError::ZeroAmount);
    }
    if shares > held {
        return Err(AccountError::InsufficientShares);
    }
    Ok(Withdrawal { shares, ready_ms: now_ms.saturating_add(cooldown_ms) })
}

/// Books the withdrawal of `shares` against `request` (ready, within `window_ms`) from the
/// `held` ones, for what they are worth in `ledger` (rolled to now) within the capital not
/// `locked`. Returns the amount and what is left of the request (`None`: used up).
/// Errors: `CooldownActive`, `RequestExpired`, `ZeroAmount`, `InsufficientShares`,
/// `CapitalLocked`.
pub fn withdraw(
    ledger: &mut Ledger,
    request: Option<Withdrawal>,
    held: u128,
    shares: u128,
    now_ms: u64,
    window_ms: u64,
    locked: u128,
) -> Result<(u128, Option<Withdrawal>), AccountError> {
    let request = request.ok_or(AccountError::CooldownActive { ready_ms: 0 })?;
    if now_ms < request.ready_ms {
        return Err(AccountError::CooldownActive { ready_ms: request.ready_ms });
    }
    if now_ms > request.ready_ms.saturating_add(window_ms) {
        return Err(AccountError::RequestExpired);
    }
    if shares == 0 {
        return Err(AccountError::ZeroAmount);
    }
    if shares > request.shares || shares > held {
        return Err(AccountError::InsufficientShares);
    }
    let amount = ledger.amount_for(shares)?;
    if amount == 0 {
        return Err(AccountError::ZeroAmount);
    }
    let free = ledger.value()?.saturating_sub(locked);
    if amount > free {
        return Err(AccountError::CapitalLocked { free });
    }
    ledger.funds = sub(ledger.funds, amount)?;
    ledger.shares = sub(ledger.shares, shares)?;
    let left = sub(request.shares, shares)?;
    Ok((amount, (left > 0).then_some(Withdrawal { shares: left, ready_ms: request.ready_ms })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn funded() -> Ledger {
        let mut ledger = Ledger::default();
        deposit(&mut ledger, 1_000_000).unwrap();
        ledger
    }

    #[test]
    fn deposits_buy_shares_at_their_value_and_refuse_nothing() {
        let mut ledger = Ledger::default();
        assert_eq!(deposit(&mut ledger, 0), Err(AccountError::ZeroAmount));
        assert_eq!(ledger, Ledger::default());
        let first = deposit(&mut ledger, 1_000).unwrap();
        assert_eq!((ledger.funds, ledger.shares), (1_000, first));
        // The pool doubles in value: the next deposit buys half as many shares per unit.
        ledger.funds = 2_000;
        let second = deposit(&mut ledger, 1_000).unwrap();
        assert_eq!(second, 1_000 * (first + crate::VIRTUAL_SHARES) / 2_001);
        assert!(second < first / 2 + first / 1_000, "{first} {second}");
    }

    #[test]
    fn requests_need_shares_held() {
        assert_eq!(request(10, 0, 5, 100), Err(AccountError::ZeroAmount));
        assert_eq!(request(10, 11, 5, 100), Err(AccountError::InsufficientShares));
        assert_eq!(request(10, 10, 5, 100), Ok(Withdrawal { shares: 10, ready_ms: 105 }));
    }

    #[test]
    fn withdrawals_wait_for_the_cooldown_stay_in_the_window_and_leave_locked_capital() {
        let mut ledger = funded();
        let held = ledger.shares;
        let req = Some(Withdrawal { shares: held, ready_ms: 100 });
        let before = ledger;
        assert_eq!(withdraw(&mut ledger, None, held, 1, 200, 50, 0), Err(AccountError::CooldownActive { ready_ms: 0 }));
        assert_eq!(withdraw(&mut ledger, req, held, 1, 99, 50, 0), Err(AccountError::CooldownActive { ready_ms: 100 }));
        assert_eq!(withdraw(&mut ledger, req, held, 1, 151, 50, 0), Err(AccountError::RequestExpired));
        assert_eq!(withdraw(&mut ledger, req, held, 0, 120, 50, 0), Err(AccountError::ZeroAmount));
        assert_eq!(withdraw(&mut ledger, req, held, held + 1, 120, 50, 0), Err(AccountError::InsufficientShares));
        assert_eq!(withdraw(&mut ledger, req, held, held, 120, 50, 400_000), Err(AccountError::CapitalLocked { free: 600_000 }));
        assert_eq!(ledger, before, "refusals change nothing");
        let half = held / 2;
        let (amount, left) = withdraw(&mut ledger, req, held, half, 120, 50, 400_000).unwrap();
        assert!(amount <= 500_000 && amount >= 499_000, "{amount}");
        assert_eq!(left, Some(Withdrawal { shares: held - half, ready_ms: 100 }));
        assert_eq!(ledger.funds, 1_000_000 - amount);
        let (_, left) = withdraw(&mut ledger, left, held - half, held - half, 150, 50, 0).unwrap();
        assert_eq!(left, None);
    }
}
