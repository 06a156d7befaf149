//! Making a proposal's call: the selector with its arguments as already-encoded bytes, the reply
//! read as raw bytes. ink! 5.1 reports a callee that reverted as a successful call and decodes
//! its output, so the reply is never decoded as `()`: every suite message a proposal calls
//! returns a `Result`, and the call counts as done only if the reply is an encoded `Ok` (after
//! ink!'s own `Ok`, which `try_invoke` checks).

use crate::proposal::Call;
use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;
use ink::scale::{Decode, Encode, Error, Input, Output};

/// Arguments already SCALE-encoded: written as they are, with no length prefix.
pub(crate) struct RawInput<'a>(pub(crate) &'a [u8]);

impl Encode for RawInput<'_> {
    fn size_hint(&self) -> usize {
        self.0.len()
    }

    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        dest.write(self.0)
    }
}

/// Whatever a message returned, undecoded.
struct RawReply(Vec<u8>);

impl Decode for RawReply {
    fn decode<I: Input>(input: &mut I) -> Result<Self, Error> {
        let len = input.remaining_len()?.ok_or("a reply of unknown length")?;
        let mut bytes = ink::prelude::vec![0u8; len];
        input.read(&mut bytes)?;
        Ok(Self(bytes))
    }
}

/// Any error a callee answers, read and dropped (the DAO only needs to know it failed).
pub(crate) struct AnyError;

impl Decode for AnyError {
    fn decode<I: Input>(input: &mut I) -> Result<Self, Error> {
        let len = input.remaining_len()?.unwrap_or(0);
        let mut bytes = ink::prelude::vec![0u8; len];
        input.read(&mut bytes)?;
        Ok(AnyError)
    }
}

/// Makes `call`; true if the callee answered an encoded `Ok`.
pub(crate) fn succeeds(call: &Call) -> bool {
    let reply = build_call::<DefaultEnvironment>()
        .call(call.target)
        .transferred_value(call.value)
        .exec_input(ExecutionInput::new(Selector::new(call.selector)).push_arg(RawInput(&call.input)))
        .returns::<RawReply>()
        .try_invoke();
    matches!(reply, Ok(Ok(RawReply(bytes))) if bytes.first() == Some(&0))
}
