//! Where a deployment goes: drink's in-process sandbox or a node. Both take the same
//! cargo-contract argument syntax and return the same decoded values.

use std::fmt;

use crate::accounts::Signer;
use crate::bundles::Bundle;
use crate::value::Val;

/// Why a deployment, a call or a manifest failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeployError {
    /// The manifest is malformed.
    Manifest(String),
    /// A contract, bundle, constructor, message or account that does not exist.
    Unknown(String),
    /// A bundle cannot be read.
    Bundle {
        /// The bundle.
        name: String,
        /// Why.
        why: String,
    },
    /// Arguments do not encode for the constructor or message.
    Arguments(String),
    /// The node cannot be reached.
    Unreachable {
        /// The endpoint.
        url: String,
        /// Why.
        why: String,
    },
    /// A signer cannot pay fees or storage deposits.
    InsufficientBalance {
        /// The signer's address.
        account: String,
        /// The chain's words.
        why: String,
    },
    /// A constructor returned an error.
    Instantiate {
        /// What was instantiated.
        what: String,
        /// The contract's error, decoded.
        error: String,
    },
    /// A message returned an error.
    Reverted {
        /// What was called.
        what: String,
        /// The contract's error, decoded.
        error: String,
    },
    /// Any other failure reported by the chain or the tooling.
    Chain(String),
    /// Reading or writing the deployment record failed.
    Io(String),
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Manifest(m) => write!(f, "manifest: {m}"),
            Self::Unknown(m) => write!(f, "{m}"),
            Self::Bundle { name, why } => write!(f, "bundle `{name}`: {why} (run scripts/build-contracts.sh)"),
            Self::Arguments(m) => write!(f, "arguments do not fit: {m}"),
            Self::Unreachable { url, why } => write!(f, "cannot reach a node at {url}: {why} (start one with scripts/node.sh start)"),
            Self::InsufficientBalance { account, why } => write!(f, "account {account} cannot pay: {why}"),
            Self::Instantiate { what, error } => write!(f, "instantiating {what} failed: the constructor returned {error}"),
            Self::Reverted { what, error } => write!(f, "{what} failed: the contract returned {error}"),
            Self::Chain(m) => write!(f, "{m}"),
            Self::Io(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for DeployError {}

/// Words by which a chain says an account cannot pay.
const BALANCE_WORDS: [&str; 6] = ["Inability to pay", "StorageDepositNotEnoughFunds", "FundsUnavailable", "BalanceLow", "InsufficientBalance", "NotEnoughFunds"];

/// The error for a chain's refusal `text` of `what`: `InsufficientBalance` if it says `signer`
/// cannot pay, else `Chain`.
pub fn chain_error(what: &str, text: &str, signer: &Signer) -> DeployError {
    if BALANCE_WORDS.iter().any(|w| text.contains(w)) {
        DeployError::InsufficientBalance { account: format!("{} ({})", signer.address, signer.suri), why: compact(text) }
    } else {
        DeployError::Chain(format!("{what}: {}", compact(text)))
    }
}

/// An error text (often pretty-printed JSON) on one line, at most 600 characters, without
/// anyhow's backtrace.
pub fn compact(text: &str) -> String {
    let text = text.split("Stack backtrace:").next().unwrap_or(text);
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.chars().take(600).collect()
}

/// The first non-empty line of a long error text.
pub fn first_line(text: &str) -> String {
    text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").chars().take(400).collect()
}

/// A chain the suite can be deployed to.
pub trait Backend {
    /// A short description (`sandbox`, `ws://127.0.0.1:9944`).
    fn describe(&self) -> String;
    /// Checks the chain answers before anything is sent.
    fn connect(&mut self) -> Result<(), DeployError>;
    /// Uploads a bundle's code unless present; returns its code hash `0x…`.
    fn upload(&mut self, bundle: &Bundle, signer: &Signer) -> Result<String, DeployError>;
    /// Instantiates uploaded code; returns the new contract's address.
    fn instantiate(&mut self, bundle: &Bundle, constructor: &str, args: &[String], salt: &[u8], signer: &Signer) -> Result<String, DeployError>;
    /// Calls a message in a transaction; returns its decoded `Ok` value, or
    /// [`DeployError::Reverted`] (nothing is sent if a dry run already fails).
    fn call(&mut self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer) -> Result<Val, DeployError>;
    /// Reads a message without a transaction; returns its decoded `Ok` value.
    fn query(&mut self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer) -> Result<Val, DeployError>;
    /// Whether a contract lives at `address`.
    fn exists(&mut self, address: &str) -> Result<bool, DeployError>;
    /// Waits (on a node) or travels (in the sandbox) until blocks are stamped at or after `ms`.
    fn wait_until(&mut self, ms: u64) -> Result<(), DeployError>;
    /// The chain's clock: the time of its last block, ms.
    fn now_ms(&mut self) -> Result<u64, DeployError>;
    /// Ends the current block, so what follows reads it as past (the sandbox builds one; a dev
    /// node seals a block for every transaction already).
    fn end_block(&mut self) -> Result<(), DeployError>;
}
