//! A small harness over drink's in-process pallet-contracts sandbox, so that scenarios read
//! like user stories: deploy the real compiled contracts, call them as named users with typed
//! arguments, travel in time, and read events and costs.
//!
//! * Bundles (`<name>.contract`) are loaded from `$LAAS_BUNDLES`, or from `abi/` of this
//!   repository (which `scripts/build-contracts.sh` refreshes from the sources).
//! * Time is the block timestamp in **milliseconds**, as on a real node. The sandbox stamps
//!   every new block with the wall clock in seconds; [`Chain`] keeps its own clock instead, so
//!   runs are deterministic.
//! * Every call records its [`Cost`]: weight (ref_time, proof_size) and storage deposit.

use std::path::PathBuf;

use drink::{
    minimal::{MinimalSandbox, RuntimeEvent},
    pallet_contracts,
    sandbox_api::prelude::*,
    session::{bundle::ContractBundle, Session, NO_ENDOWMENT},
    AccountId32, Sandbox,
};
use parity_scale_codec::Decode;

pub mod args;
pub mod catalogue;
pub mod cover;
pub mod genesis;
pub mod governance;
pub mod layers;
pub mod suite;
pub use args::Arg;

/// An account or contract address on the sandbox chain.
pub type Address = AccountId32;

/// Genesis time of every scenario chain: 2024-01-01T00:00:00Z in milliseconds.
pub const GENESIS_MS: u64 = 1_704_067_200_000;

/// Block time used when time travel spans several blocks.
pub const BLOCK_MS: u64 = 6_000;

/// Native balance given to each named user, enough for any storage deposit.
const USER_FUNDS: u128 = 1_000_000_000_000_000;

/// What a call or deployment cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// Execution weight, picoseconds.
    pub ref_time: u64,
    /// Proof size, bytes (includes the code read from storage).
    pub proof_size: u64,
    /// Storage deposit charged (positive) or refunded (negative), in native units.
    pub storage_deposit: i128,
}

/// A call's return rendered as text, for tests that do not name return types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The decoded return, as the metadata's types print it (`Ok(Err(NotAdmin))`).
    pub text: String,
    /// Whether the contract reverted (a returned `Err` reverts every state change).
    pub reverted: bool,
    /// Events the called contract emitted.
    pub events: usize,
}

/// A sandbox chain with named users and a millisecond clock.
pub struct Chain {
    session: Session<MinimalSandbox>,
    now_ms: u64,
    last_cost: Option<Cost>,
    /// Bundles' metadata read by [`Chain::call_rendered`], by bundle name (read from disk once).
    transcoders: std::collections::HashMap<String, std::sync::Arc<drink::session::contract_transcode::ContractMessageTranscoder>>,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

/// Where compiled bundles are read from.
pub fn bundle_dir() -> PathBuf {
    std::env::var_os("LAAS_BUNDLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../abi"))
}

/// Loads `<bundle_dir>/<name>.contract`, or a bundle given by path.
pub fn load_bundle(name_or_path: &str) -> ContractBundle {
    let path = if name_or_path.ends_with(".contract") {
        PathBuf::from(name_or_path)
    } else {
        bundle_dir().join(format!("{name_or_path}.contract"))
    };
    ContractBundle::load(&path).unwrap_or_else(|e| {
        panic!("cannot load {}: {e:?} (run scripts/build-contracts.sh first)", path.display())
    })
}

fn hex(h: &[u8]) -> String {
    let mut s = String::from("0x");
    for b in h {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

impl Chain {
    /// A fresh chain at block 1, time [`GENESIS_MS`].
    pub fn new() -> Self {
        let mut session = Session::<MinimalSandbox>::default();
        session.sandbox().set_timestamp(GENESIS_MS);
        Self { session, now_ms: GENESIS_MS, last_cost: None, transcoders: Default::default() }
    }

    /// A chain already set up elsewhere (by the deploy tool's sandbox backend), at `now_ms`.
    pub fn from_session(session: Session<MinimalSandbox>, now_ms: u64) -> Self {
        Self { session, now_ms, last_cost: None, transcoders: Default::default() }
    }

    /// The funded account named `name` (the same name always gives the same account).
    /// "alice" is the sandbox's default, pre-funded account.
    pub fn user(&mut self, name: &str) -> Address {
        if name == "alice" {
            return MinimalSandbox::default_actor();
        }
        let mut bytes = [0u8; 32];
        let hash = name_to_id(name.as_bytes());
        bytes.copy_from_slice(&hash);
        let account = AccountId32::new(bytes);
        if self.session.sandbox().free_balance(&account) == 0 {
            self.session
                .sandbox()
                .mint_into(&account, USER_FUNDS)
                .expect("funding a user never fails");
        }
        account
    }

    /// Uploads a bundle's code; returns its code hash as a `0x…` argument string.
    pub fn upload(&mut self, contract: &str) -> String {
        let bundle = load_bundle(contract);
        let hash = self.session.upload_bundle(bundle).expect("upload");
        hex(hash.as_ref())
    }

    /// Makes calls to `address` (a contract instantiated by another contract) use the
    /// metadata of bundle `contract`.
    pub fn register(&mut self, contract: &str, address: &Address) {
        let bundle = load_bundle(contract);
        self.session.set_transcoder(address.clone(), &bundle.transcoder);
    }

    /// Instantiates `contract` with `constructor(args)` as `deployer`. Panics on failure (a
    /// scenario's setup must succeed).
    pub fn deploy(&mut self, deployer: &Address, contract: &str, constructor: &str, args: &[String], salt: Vec<u8>) -> Address {
        self.try_deploy(deployer, contract, constructor, args, salt)
            .unwrap_or_else(|e| panic!("deploying {contract}::{constructor}({args:?}) failed: {e}"))
    }

    /// Instantiates `contract`, returning a description of the failure instead of panicking.
    pub fn try_deploy(&mut self, deployer: &Address, contract: &str, constructor: &str, args: &[String], salt: Vec<u8>) -> Result<Address, String> {
        let bundle = load_bundle(contract);
        self.session.set_actor(deployer.clone());
        self.forget_events();
        let result = self.session.deploy_bundle(bundle, constructor, args, salt, NO_ENDOWMENT);
        let deployed = self.session.record().last_deploy_result();
        self.last_cost = Some(Cost {
            ref_time: deployed.gas_consumed.ref_time(),
            proof_size: deployed.gas_consumed.proof_size(),
            storage_deposit: deposit_of(&deployed.storage_deposit),
        });
        result.map_err(|e| format!("{e:?}"))
    }

    /// Calls `message(args)` on `contract` as `caller` and decodes its return value `R`
    /// (for fallible messages `R` is the message's `Result<_, Error>`; a returned `Err`
    /// reverts the call's state changes, exactly as on chain). Panics if the call cannot be
    /// made at all (trap, unknown message, bad arguments).
    pub fn call<R: Decode>(&mut self, caller: &Address, contract: &Address, message: &str, args: &[String]) -> R {
        self.session.set_actor(caller.clone());
        self.forget_events();
        let outcome = self.session.call_with_address::<_, R>(contract.clone(), message, args, NO_ENDOWMENT);
        let result = self.session.record().call_results().last().expect("a call was recorded");
        self.last_cost = Some(Cost {
            ref_time: result.gas_consumed.ref_time(),
            proof_size: result.gas_consumed.proof_size(),
            storage_deposit: deposit_of(&result.storage_deposit),
        });
        match outcome {
            Ok(Ok(value)) => value,
            Ok(Err(lang)) => panic!("{message}: ink! LangError {lang:?}"),
            Err(drink::session::error::SessionError::CallReverted(data)) => {
                match <Result<R, ink::LangError> as Decode>::decode(&mut &data[..]) {
                    Ok(Ok(value)) => value,
                    other => panic!("{message}: reverted with undecodable data {data:?} ({:?})", other.is_ok()),
                }
            }
            Err(e) => panic!("{message}({args:?}) failed: {e:?}"),
        }
    }

    /// Calls `message(args)` on `contract` (an instance of bundle `bundle`) as `caller`
    /// without naming its return type: what it returned is decoded with the bundle's metadata
    /// and rendered as text (`Ok(Err(Access(NotAdmin)))`), with whether the call reverted and
    /// how many events `contract` emitted. For tests that sweep many messages (the access
    /// matrix). Panics if the call cannot be made at all.
    pub fn call_rendered(&mut self, caller: &Address, contract: &Address, bundle: &str, message: &str, args: &[String]) -> Rendered {
        self.session.set_actor(caller.clone());
        self.forget_events();
        let outcome = self.session.call_with_address::<_, ()>(contract.clone(), message, args, NO_ENDOWMENT);
        let (data, reverted) = match outcome {
            Err(drink::session::error::SessionError::CallReverted(data)) => (data, true),
            Err(drink::session::error::SessionError::CallFailed(e)) => panic!("{message}({args:?}) could not be made: {e:?}"),
            Err(drink::session::error::SessionError::Encoding(e)) => panic!("{message}({args:?}): arguments do not encode: {e}"),
            _ => (self.session.record().last_call_return().to_vec(), false),
        };
        let transcoder = self.transcoders.entry(bundle.to_string()).or_insert_with(|| load_bundle(bundle).transcoder.clone());
        let text = transcoder
            .decode_message_return(message, &mut &data[..])
            .map(|value| value.to_string())
            .unwrap_or_else(|e| panic!("{bundle}.{message}: undecodable return {data:?}: {e}"));
        let events = self.contract_events(contract).len();
        Rendered { text, reverted, events }
    }

    /// Reads `message(args)` without changing state (a dry run), as a dapp's query would.
    pub fn query<R: Decode>(&mut self, contract: &Address, message: &str, args: &[String]) -> R {
        self.dry_run_as_is(contract, message, args)
    }

    /// Runs `message(args)` on `contract` as `caller` without keeping any change (a dry run)
    /// and decodes what it returned, whether it would revert or not: what would happen if
    /// `caller` sent it now.
    pub fn dry_run<R: Decode>(&mut self, caller: &Address, contract: &Address, message: &str, args: &[String]) -> R {
        self.session.set_actor(caller.clone());
        self.dry_run_as_is(contract, message, args)
    }

    /// A dry run as the session's current actor, its reply decoded.
    fn dry_run_as_is<R: Decode>(&mut self, contract: &Address, message: &str, args: &[String]) -> R {
        let result = self
            .session
            .dry_run_call(contract.clone(), message, args, NO_ENDOWMENT)
            .unwrap_or_else(|e| panic!("dry run {message}: {e:?}"));
        let data = result.result.unwrap_or_else(|e| panic!("dry run {message}: {e:?}")).data;
        match <Result<R, ink::LangError> as Decode>::decode(&mut &data[..]) {
            Ok(Ok(value)) => value,
            _ => panic!("dry run {message}: undecodable return {data:?}"),
        }
    }

    /// Clears the block's event list before an interaction. drink records each interaction's
    /// own events, but finds them by re-reading the whole block's list, which would make a
    /// long run of calls in one block quadratic.
    fn forget_events(&mut self) {
        self.session.sandbox().reset_events();
    }

    /// Cost of the last call or deployment.
    pub fn last_cost(&self) -> Cost {
        self.last_cost.expect("nothing was called yet")
    }

    /// Events of type `E` emitted by `contract` during the last call or deployment, in order.
    pub fn events<E: ink::env::Event + Decode>(&self, contract: &Address) -> Vec<E> {
        self.contract_events(contract)
            .into_iter()
            .filter(|(topics, _)| E::SIGNATURE_TOPIC.is_some_and(|sig| topics.first() == Some(&sig)))
            .map(|(_, data)| E::decode(&mut &data[..]).expect("event decodes as its own type"))
            .collect()
    }

    /// All events of the last interaction as `(emitter, signature topic)`, in emission order.
    pub fn event_trace(&self) -> Vec<(Address, Option<[u8; 32]>)> {
        self.raw_events()
            .into_iter()
            .map(|(contract, topics, _)| (contract, topics.first().copied()))
            .collect()
    }

    fn contract_events(&self, contract: &Address) -> Vec<(Vec<[u8; 32]>, Vec<u8>)> {
        self.raw_events()
            .into_iter()
            .filter(|(emitter, _, _)| emitter == contract)
            .map(|(_, topics, data)| (topics, data))
            .collect()
    }

    fn raw_events(&self) -> Vec<(Address, Vec<[u8; 32]>, Vec<u8>)> {
        let Some(batch) = self.session.record().event_batches().last() else { return Vec::new() };
        batch
            .all_events()
            .iter()
            .filter_map(|record| match &record.event {
                RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted { contract, data }) => {
                    Some((contract.clone(), record.topics.iter().map(|t| t.0).collect(), data.clone()))
                }
                _ => None,
            })
            .collect()
    }

    /// The current block number.
    pub fn block(&mut self) -> u32 {
        self.session.sandbox().block_number()
    }

    /// The current block timestamp, milliseconds.
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// Seals the current block and starts the next, [`BLOCK_MS`] later.
    pub fn next_block(&mut self) {
        self.advance_blocks(1);
    }

    /// Builds `n` blocks, [`BLOCK_MS`] apart.
    pub fn advance_blocks(&mut self, n: u32) {
        for _ in 0..n {
            self.session.sandbox().build_block();
            self.now_ms = self.now_ms.saturating_add(BLOCK_MS);
            self.session.sandbox().set_timestamp(self.now_ms);
        }
    }

    /// Travels `ms` milliseconds forward in one new block.
    pub fn advance_time(&mut self, ms: u64) {
        self.session.sandbox().build_block();
        self.now_ms = self.now_ms.saturating_add(ms);
        self.session.sandbox().set_timestamp(self.now_ms);
    }
}

fn deposit_of(d: &pallet_contracts::StorageDeposit<u128>) -> i128 {
    match d {
        pallet_contracts::StorageDeposit::Charge(c) => i128::try_from(*c).unwrap_or(i128::MAX),
        pallet_contracts::StorageDeposit::Refund(r) => -i128::try_from(*r).unwrap_or(i128::MAX),
    }
}

/// A stable 32-byte id for a user name (not cryptographic; it only has to be distinct).
fn name_to_id(name: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut state: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, slot) in out.iter_mut().enumerate() {
        for b in name.iter().chain(std::iter::once(&(i as u8))) {
            state ^= u64::from(*b);
            state = state.wrapping_mul(0x0100_0000_01b3);
        }
        *slot = (state >> 24) as u8;
    }
    out
}

/// The ink! `AccountId` of a sandbox address (for comparing decoded events and returns).
pub fn ink_id(address: &Address) -> ink::primitives::AccountId {
    ink::primitives::AccountId::from(*<Address as AsRef<[u8; 32]>>::as_ref(address))
}

/// The sandbox address of an ink! `AccountId` returned by a contract.
pub fn address_of(id: ink::primitives::AccountId) -> Address {
    Address::new(*id.as_ref())
}
