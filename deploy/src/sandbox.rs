//! Deploying into drink's in-process pallet-contracts sandbox: no node, the same WASM, the
//! same argument syntax and decoded values as on a node. Time is travelled, not waited for.

use drink::{
    minimal::MinimalSandbox,
    pallet_contracts::Determinism,
    sandbox_api::prelude::*,
    session::Session,
    AccountId32, Sandbox,
};

use crate::accounts::{account_bytes, address_of, Signer};
use crate::backend::{chain_error, Backend, DeployError};
use crate::bundles::{decode_hex, encode_hex, Bundle};
use crate::value::Val;

/// Native balance given to every manifest signer, enough for any storage deposit.
pub const SIGNER_FUNDS: u128 = 1_000_000_000_000_000;

/// The sandbox chain.
pub struct SandboxBackend {
    session: Session<MinimalSandbox>,
    now_ms: u64,
}

fn account(address: &str) -> Result<AccountId32, DeployError> {
    account_bytes(address).map(AccountId32::new).ok_or_else(|| DeployError::Unknown(format!("`{address}` is not an address")))
}

fn to_val(value: contract_transcode::Value) -> Result<Val, DeployError> {
    let json = serde_json::to_value(&value).map_err(|e| DeployError::Chain(format!("cannot represent {value}: {e}")))?;
    Val::from_json(&json).map_err(DeployError::Chain)
}

impl SandboxBackend {
    /// A fresh chain at time `genesis_ms`, with every signer in `fund` given [`SIGNER_FUNDS`].
    pub fn new<'a>(genesis_ms: u64, fund: impl IntoIterator<Item = &'a Signer>) -> Result<Self, DeployError> {
        let mut session = Session::<MinimalSandbox>::default();
        session.sandbox().set_timestamp(genesis_ms);
        let mut backend = Self { session, now_ms: genesis_ms };
        for s in fund {
            backend.fund(s, SIGNER_FUNDS)?;
        }
        Ok(backend)
    }

    /// Gives `signer` `amount` native units.
    pub fn fund(&mut self, signer: &Signer, amount: u128) -> Result<(), DeployError> {
        let who = account(&signer.address)?;
        self.session.sandbox().mint_into(&who, amount).map(|_| ()).map_err(|e| DeployError::Chain(format!("funding {}: {e:?}", signer.address)))
    }

    /// Hands the chain over (to the scenario harness) with its clock, ms.
    pub fn into_session(self) -> (Session<MinimalSandbox>, u64) {
        (self.session, self.now_ms)
    }

    fn exec(&mut self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer, dry: bool) -> Result<Val, DeployError> {
        let data = bundle.encode_message(message, args)?;
        let (dest, origin) = (account(address)?, account(&signer.address)?);
        let sandbox = self.session.sandbox();
        sandbox.reset_events();
        let gas = MinimalSandbox::default_gas_limit();
        let result = if dry {
            sandbox.dry_run(|s| s.call_contract(dest, 0, data, origin, gas, None, Determinism::Enforced))
        } else {
            sandbox.call_contract(dest, 0, data, origin, gas, None, Determinism::Enforced)
        };
        let what = format!("{}.{message}", bundle.name);
        let ret = result.result.map_err(|e| chain_error(&what, &format!("{e:?}"), signer))?;
        let value = bundle
            .transcoder
            .decode_message_return(message, &mut &ret.data[..])
            .map_err(|e| DeployError::Chain(format!("{what}: undecodable return: {e}")))?;
        to_val(value)?.into_result(ret.did_revert()).map_err(|error| DeployError::Reverted { what, error })
    }
}

impl Backend for SandboxBackend {
    fn describe(&self) -> String {
        String::from("drink sandbox (in-process)")
    }

    fn connect(&mut self) -> Result<(), DeployError> {
        Ok(())
    }

    fn upload(&mut self, bundle: &Bundle, signer: &Signer) -> Result<String, DeployError> {
        let origin = account(&signer.address)?;
        let wasm = bundle.wasm()?;
        let result = self.session.sandbox().upload_contract(wasm, origin, None, Determinism::Enforced);
        result.map(|r| encode_hex(r.code_hash.as_ref())).map_err(|e| chain_error(&format!("uploading {}", bundle.name), &format!("{e:?}"), signer))
    }

    fn instantiate(&mut self, bundle: &Bundle, constructor: &str, args: &[String], salt: &[u8], signer: &Signer) -> Result<String, DeployError> {
        let data = bundle.encode_constructor(constructor, args)?;
        let origin = account(&signer.address)?;
        let code = decode_hex(&bundle.code_hash).ok_or_else(|| DeployError::Bundle { name: bundle.name.clone(), why: String::from("bad code hash") })?;
        let sandbox = self.session.sandbox();
        sandbox.reset_events();
        let gas = MinimalSandbox::default_gas_limit();
        let result = sandbox.instantiate_contract(code, 0, data, salt.to_vec(), origin, gas, None);
        let what = format!("{}::{constructor}", bundle.name);
        let ret = result.result.map_err(|e| chain_error(&format!("instantiating {what}"), &format!("{e:?}"), signer))?;
        if ret.result.did_revert() {
            let error = bundle
                .transcoder
                .decode_constructor_return(constructor, &mut &ret.result.data[..])
                .ok()
                .and_then(|v| to_val(v).ok())
                .map(Val::error_text)
                .unwrap_or_else(|| format!("undecodable data {}", encode_hex(&ret.result.data)));
            return Err(DeployError::Instantiate { what, error });
        }
        Ok(address_of(*<AccountId32 as AsRef<[u8; 32]>>::as_ref(&ret.account_id)))
    }

    fn call(&mut self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer) -> Result<Val, DeployError> {
        self.exec(bundle, address, message, args, signer, false)
    }

    fn query(&mut self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer) -> Result<Val, DeployError> {
        self.exec(bundle, address, message, args, signer, true)
    }

    fn exists(&mut self, address: &str) -> Result<bool, DeployError> {
        let who = account(address)?;
        type Runtime = <MinimalSandbox as Sandbox>::Runtime;
        Ok(self.session.sandbox().execute_with(|| drink::pallet_contracts::Pallet::<Runtime>::code_hash(&who).is_some()))
    }

    fn end_block(&mut self) -> Result<(), DeployError> {
        // A new block starts without a time: it keeps the clock's.
        self.session.sandbox().build_block();
        self.session.sandbox().set_timestamp(self.now_ms);
        Ok(())
    }

    fn now_ms(&mut self) -> Result<u64, DeployError> {
        Ok(self.now_ms)
    }

    fn wait_until(&mut self, ms: u64) -> Result<(), DeployError> {
        if ms > self.now_ms {
            self.session.sandbox().build_block();
            self.now_ms = ms;
            self.session.sandbox().set_timestamp(ms);
        }
        Ok(())
    }
}
