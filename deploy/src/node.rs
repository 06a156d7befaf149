//! Deploying onto a node through cargo-contract 5.0.3 (installed by scripts/setup.sh), which
//! signs and submits the extrinsics and encodes and decodes with the bundles' metadata. Every
//! call is dry-run first, so a message that would fail is reported with its decoded error and
//! never sent.

use std::net::{TcpStream, ToSocketAddrs};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::accounts::Signer;
use crate::backend::{chain_error, compact, first_line, Backend, DeployError};
use crate::bundles::{encode_hex, Bundle};
use crate::value::Val;

/// Words by which cargo-contract says it could not reach the node.
const UNREACHABLE_WORDS: [&str; 3] = ["Connection refused", "error trying to connect", "Networking or low-level protocol error"];

/// The default endpoint: a local dev node.
pub const LOCAL_URL: &str = "ws://127.0.0.1:9944";

/// A node reached over RPC.
pub struct NodeBackend {
    url: String,
    /// The `cargo` that runs cargo-contract.
    cargo: String,
    /// The chain stamps its own blocks (chopsticks): waiting moves its clock.
    time_travel: bool,
}

/// What a cargo-contract run printed.
struct Output {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Output {
    fn json(&self) -> Result<serde_json::Value, DeployError> {
        // Progress lines may precede the JSON document.
        let start = self.stdout.find('{').ok_or_else(|| DeployError::Chain(format!("cargo-contract printed no JSON: {}", first_line(&self.stdout))))?;
        serde_json::from_str(&self.stdout[start..]).map_err(|e| DeployError::Chain(format!("cargo-contract output is not JSON ({e}): {}", first_line(&self.stdout))))
    }

    fn text(&self) -> String {
        format!("{}\n{}", self.stderr.trim(), self.stdout.trim())
    }
}

impl NodeBackend {
    /// A node at `url` (`ws://host:port` or `wss://…`).
    pub fn new(url: &str) -> Self {
        Self::with_cargo(url, "cargo")
    }

    /// A node at `url`, driven through the given `cargo` executable.
    pub fn with_cargo(url: &str, cargo: &str) -> Self {
        Self { url: url.to_string(), cargo: cargo.to_string(), time_travel: false }
    }

    /// This backend on a chain whose clock is moved rather than waited for (chopsticks:
    /// `dev_timeTravel`).
    pub fn time_travelling(mut self) -> Self {
        self.time_travel = true;
        self
    }

    /// `host:port` of the endpoint (the default port when the URL names none).
    fn host_port(&self) -> Option<String> {
        let rest = self.url.split_once("://").map(|(_, r)| r)?;
        let host_port = rest.split('/').next().unwrap_or(rest);
        let default_port = if self.url.starts_with("wss://") { 443 } else { 9944 };
        Some(if host_port.contains(':') { host_port.to_string() } else { format!("{host_port}:{default_port}") })
    }

    fn cargo_contract(&self, args: &[String]) -> Result<Output, DeployError> {
        let out = Command::new(&self.cargo)
            .arg("contract")
            .args(args)
            // Errors without anyhow's backtrace.
            .env("RUST_BACKTRACE", "0")
            .env("RUST_LIB_BACKTRACE", "0")
            .output()
            .map_err(|e| DeployError::Chain(format!("cannot run cargo-contract (run scripts/setup.sh): {e}")))?;
        Ok(Output { ok: out.status.success(), stdout: String::from_utf8_lossy(&out.stdout).into_owned(), stderr: String::from_utf8_lossy(&out.stderr).into_owned() })
    }

    /// Maps a failed run to the most specific error.
    fn failure(&self, what: &str, out: &Output, signer: &Signer) -> DeployError {
        let text = out.text();
        if UNREACHABLE_WORDS.iter().any(|w| text.contains(w)) {
            return DeployError::Unreachable { url: self.url.clone(), why: first_line(&text) };
        }
        chain_error(what, &text, signer)
    }

    fn common(&self, signer: &Signer) -> Vec<String> {
        vec!["--url".into(), self.url.clone(), "--suri".into(), signer.suri.clone(), "--output-json".into()]
    }

    fn call_args(&self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer) -> Vec<String> {
        let mut a: Vec<String> = vec!["call".into(), bundle.path.display().to_string(), "--contract".into(), address.into(), "--message".into(), message.into()];
        a.extend(self.common(signer));
        if !args.is_empty() {
            a.push("--args".into());
            a.extend(args.iter().cloned());
        }
        a
    }

    /// Dry-runs a message; returns its decoded `Ok` value and the gas limits to send it with.
    fn dry_run(&self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer) -> Result<(Val, Vec<String>), DeployError> {
        let what = format!("{}.{message}", bundle.name);
        let out = self.cargo_contract(&self.call_args(bundle, address, message, args, signer))?;
        if !out.ok {
            return Err(self.failure(&what, &out, signer));
        }
        let json = out.json()?;
        let value = Val::from_json(&json["data"]).map_err(DeployError::Chain)?;
        let value = value.into_result(json["reverted"].as_bool() == Some(true)).map_err(|error| DeployError::Reverted { what, error })?;
        Ok((value, gas_limits(&json)))
    }
}

impl Backend for NodeBackend {
    fn describe(&self) -> String {
        format!("node at {}", self.url)
    }

    fn connect(&mut self) -> Result<(), DeployError> {
        let unreachable = |why: String| DeployError::Unreachable { url: self.url.clone(), why };
        let host_port = self.host_port().ok_or_else(|| unreachable(String::from("not a ws:// or wss:// URL")))?;
        let addrs: Vec<_> = host_port.to_socket_addrs().map_err(|e| unreachable(format!("cannot resolve {host_port}: {e}")))?.collect();
        let mut last = String::from("no address");
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, Duration::from_secs(5)) {
                Ok(_) => return Ok(()),
                Err(e) => last = e.to_string(),
            }
        }
        Err(unreachable(last))
    }

    fn upload(&mut self, bundle: &Bundle, signer: &Signer) -> Result<String, DeployError> {
        let mut args: Vec<String> = vec!["upload".into(), bundle.path.display().to_string(), "--execute".into()];
        args.extend(self.common(signer));
        let out = self.cargo_contract(&args)?;
        if out.ok {
            let json = out.json()?;
            return Ok(json["code_hash"].as_str().map(String::from).unwrap_or_else(|| bundle.code_hash.clone()));
        }
        if out.text().contains("already been uploaded") {
            return Ok(bundle.code_hash.clone());
        }
        Err(self.failure(&format!("uploading {}", bundle.name), &out, signer))
    }

    fn instantiate(&mut self, bundle: &Bundle, constructor: &str, args: &[String], salt: &[u8], signer: &Signer) -> Result<String, DeployError> {
        let what = format!("{}::{constructor}", bundle.name);
        let mut base: Vec<String> = vec!["instantiate".into(), bundle.path.display().to_string(), "--constructor".into(), constructor.into(), "--salt".into(), encode_hex(salt)];
        base.extend(self.common(signer));
        let with_args = |mut a: Vec<String>| {
            if !args.is_empty() {
                a.push("--args".into());
                a.extend(args.iter().cloned());
            }
            a
        };
        // Dry run: a constructor error is decoded and nothing is sent.
        let out = self.cargo_contract(&with_args(base.clone()))?;
        if !out.ok {
            return Err(self.failure(&what, &out, signer));
        }
        let json = out.json()?;
        if json["reverted"].as_bool() == Some(true) {
            let error = Val::from_json(&json["result"]).map_err(DeployError::Chain)?.error_text();
            return Err(DeployError::Instantiate { what, error });
        }
        let mut exec = base;
        exec.extend(["--execute".to_string(), "--skip-confirm".to_string()]);
        exec.extend(gas_limits(&json));
        let out = self.cargo_contract(&with_args(exec))?;
        if !out.ok {
            return Err(self.failure(&what, &out, signer));
        }
        out.json()?["contract"].as_str().map(String::from).ok_or_else(|| DeployError::Chain(format!("{what}: no contract address in {}", compact(&out.stdout))))
    }

    fn call(&mut self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer) -> Result<Val, DeployError> {
        let (value, limits) = self.dry_run(bundle, address, message, args, signer)?;
        let mut exec = self.call_args(bundle, address, message, args, signer);
        // `--execute` before `--args`, which takes every value after it.
        let at = exec.iter().position(|a| a == "--args").unwrap_or(exec.len());
        exec.splice(at..at, ["--execute".to_string(), "--skip-confirm".to_string()].into_iter().chain(limits));
        let out = self.cargo_contract(&exec)?;
        if !out.ok {
            return Err(self.failure(&format!("{}.{message}", bundle.name), &out, signer));
        }
        Ok(value)
    }

    fn query(&mut self, bundle: &Bundle, address: &str, message: &str, args: &[String], signer: &Signer) -> Result<Val, DeployError> {
        Ok(self.dry_run(bundle, address, message, args, signer)?.0)
    }

    fn exists(&mut self, address: &str) -> Result<bool, DeployError> {
        let args: Vec<String> = vec!["info".into(), "--contract".into(), address.into(), "--url".into(), self.url.clone(), "--output-json".into()];
        let out = self.cargo_contract(&args)?;
        if out.ok {
            return Ok(true);
        }
        let text = out.text();
        if UNREACHABLE_WORDS.iter().any(|w| text.contains(w)) {
            return Err(DeployError::Unreachable { url: self.url.clone(), why: first_line(&text) });
        }
        Ok(false)
    }

    fn end_block(&mut self) -> Result<(), DeployError> {
        Ok(())
    }

    fn now_ms(&mut self) -> Result<u64, DeployError> {
        let host_port = self.host_port().ok_or_else(|| DeployError::Unreachable { url: self.url.clone(), why: String::from("not a ws:// URL") })?;
        crate::devchain::now_ms(&host_port)
    }

    fn wait_until(&mut self, ms: u64) -> Result<(), DeployError> {
        if self.time_travel {
            let host_port = self.host_port().ok_or_else(|| DeployError::Unreachable { url: self.url.clone(), why: String::from("not a ws:// URL") })?;
            return crate::devchain::travel_to(&host_port, ms.saturating_add(1_000));
        }
        // A dev node stamps each block with the wall clock when it seals it; a second of
        // margin keeps the next transaction's block clear of the boundary.
        let target = ms.saturating_add(1_000);
        loop {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
            let now = u64::try_from(now).unwrap_or(u64::MAX);
            if now >= target {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis((target - now).min(1_000)));
        }
    }
}

/// `--gas` and `--proof-size` for sending what a dry run answered with `json`: what it required
/// plus a quarter. A call that runs in the next block can need a little more than its dry run
/// did (a cover pool's roll may cross one more expiry bucket), and unused gas is refunded.
/// Empty if the dry run reported none (cargo-contract then estimates again).
fn gas_limits(json: &serde_json::Value) -> Vec<String> {
    let required = &json["gas_required"];
    let with_margin = |v: &serde_json::Value| v.as_u64().map(|n| n.saturating_add(n / 4).to_string());
    match (with_margin(&required["ref_time"]), with_margin(&required["proof_size"])) {
        (Some(gas), Some(proof)) => vec!["--gas".into(), gas, "--proof-size".into(), proof],
        _ => Vec::new(),
    }
}

