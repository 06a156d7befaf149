//! What a cross-contract call returned, unpacked into the caller's own error: the callee's
//! `Err` converted with `From`, and anything that stopped the call itself (no contract at the
//! address, a trap, an undecodable reply, ink!'s `LangError`) as the caller's `failed` value.

/// The result of `try_invoke()` on a message returning `T`.
pub type CallResult<T> = Result<ink::MessageResult<T>, ink::env::Error>;

/// A fallible message's result: the callee's error converted, or `failed`.
pub fn fallible<T, E, R: From<E>>(result: CallResult<Result<T, E>>, failed: R) -> Result<T, R> {
    match result {
        Ok(Ok(inner)) => inner.map_err(R::from),
        _ => Err(failed),
    }
}

/// An infallible message's value, or `failed`.
pub fn infallible<T, R>(result: CallResult<T>, failed: R) -> Result<T, R> {
    match result {
        Ok(Ok(value)) => Ok(value),
        _ => Err(failed),
    }
}
