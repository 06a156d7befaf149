//! The LaaS deploy tool: reads a deployment manifest ([`manifest`]), uploads each code once,
//! instantiates the contracts in dependency order, wires them with calls, and records the
//! addresses ([`record`]). The same manifest deploys into drink's in-process sandbox
//! ([`sandbox`]) or onto a node through cargo-contract ([`node`]).
//!
//! Re-running is idempotent: contracts in the record that still exist on the chain are reused,
//! and wiring steps already done are skipped unless a contract they touch was deployed anew.

pub mod accounts;
pub mod backend;
pub mod bundles;
pub mod devchain;
mod handover;
pub mod manifest;
pub mod node;
pub mod record;
pub mod sandbox;
pub mod story;
pub mod value;
pub mod whitelist;

use std::collections::{BTreeMap, BTreeSet};

pub use accounts::Signer;
pub use backend::{Backend, DeployError};
pub use bundles::{Bundle, Bundles};
pub use manifest::Manifest;
pub use record::{Entry, Record};
pub use value::Val;

use manifest::{Action, Ref, Step, DEPLOYER};

/// The signers of a manifest, by name.
#[derive(Debug, Clone)]
pub struct Signers(BTreeMap<String, Signer>);

impl Signers {
    /// The manifest's accounts plus `deployer`, with `overrides` (`name → suri`) applied.
    pub fn new(manifest: &Manifest, deployer_suri: &str, overrides: &BTreeMap<String, String>) -> Result<Self, DeployError> {
        let mut suris = manifest.accounts.clone();
        suris.insert(DEPLOYER.to_string(), deployer_suri.to_string());
        for (name, suri) in overrides {
            if !suris.contains_key(name) {
                return Err(DeployError::Unknown(format!("--account {name}=…: the manifest has no account `{name}`")));
            }
            suris.insert(name.clone(), suri.clone());
        }
        let signers = suris
            .into_iter()
            .map(|(name, suri)| Signer::from_suri(&suri).map(|s| (name.clone(), s)).map_err(|e| DeployError::Manifest(format!("account {name}: {e}"))))
            .collect::<Result<_, _>>()?;
        Ok(Self(signers))
    }

    /// The signer `name`.
    pub fn get(&self, name: &str) -> Result<&Signer, DeployError> {
        self.0.get(name).ok_or_else(|| DeployError::Unknown(format!("unknown account `{name}`")))
    }

    /// Every signer.
    pub fn all(&self) -> impl Iterator<Item = &Signer> {
        self.0.values()
    }
}

/// The outcome of a run: every contract, and what was done to get there.
#[derive(Debug, Clone, Default)]
pub struct Deployment {
    /// Contracts by instance name.
    pub contracts: BTreeMap<String, Entry>,
    /// Contracts instantiated in this run.
    pub deployed: BTreeSet<String>,
    /// Contracts reused from the record.
    pub reused: BTreeSet<String>,
    /// Wiring steps sent in this run.
    pub calls: usize,
    /// Wiring steps skipped as already done.
    pub skipped: usize,
}

impl Deployment {
    /// The record of instance `name`.
    pub fn entry(&self, name: &str) -> Result<&Entry, DeployError> {
        self.contracts.get(name).ok_or_else(|| DeployError::Unknown(format!("the deployment has no contract `{name}`")))
    }

    /// The address of instance `name`.
    pub fn address(&self, name: &str) -> Result<&str, DeployError> {
        self.entry(name).map(|e| e.address.as_str())
    }

    /// Whether `step` refers to a contract instantiated in this run.
    fn touches_new(&self, step: &Step) -> bool {
        step.contract_refs().iter().any(|c| self.deployed.contains(c))
    }
}

/// Runs a manifest against a chain.
pub struct Deployer<'a> {
    /// The manifest.
    pub manifest: &'a Manifest,
    /// Its signers.
    pub signers: &'a Signers,
    /// Compiled bundles.
    pub bundles: &'a mut Bundles,
    /// Progress lines go here.
    pub progress: &'a mut dyn FnMut(&str),
}

impl Deployer<'_> {
    /// Checks every bundle, constructor, message and argument without touching a chain, and
    /// reports what would be done (`record` says what would be reused).
    pub fn plan(&mut self, record: &Record) -> Result<(), DeployError> {
        let placeholder = self.signers.get(DEPLOYER)?.address.clone();
        for step in &self.manifest.steps {
            let mut resolve = |r: &Ref| -> Result<String, DeployError> {
                Ok(match r {
                    Ref::Contract(c) => record.contracts.get(c).map(|e| e.address.clone()).unwrap_or_else(|| placeholder.clone()),
                    Ref::Code(b) => self.bundles.get(b)?.code_hash.clone(),
                    Ref::Account(a) => self.signers.get(a)?.address.clone(),
                    Ref::Var(v) => v.clone(),
                })
            };
            let args = step.args.iter().map(|a| manifest::substitute(a, &mut resolve)).collect::<Result<Vec<_>, _>>()?;
            let status = match &step.action {
                Action::Deploy { name, contract, constructor, .. } => {
                    self.bundles.get(contract)?.encode_constructor(constructor, &args)?;
                    if record.contracts.contains_key(name) { "reuse if still on chain" } else { "deploy" }
                }
                Action::Wait { .. } => "wait",
                Action::Call { target, message } | Action::Query { target, message, .. } => {
                    let bundle = self.bundle_of(target, record)?;
                    self.bundles.get(&bundle)?.encode_message(message, &args)?;
                    if matches!(step.action, Action::Query { .. }) {
                        "read"
                    } else if record.done.contains(&step.key()) {
                        "skip if its contracts are reused"
                    } else {
                        "send"
                    }
                }
            };
            (self.progress)(&format!("[plan] step {:>2}: {} ({}) as {} — {status}", step.line, step.describe(), args.join(", "), step.signer));
        }
        Ok(())
    }

    /// The bundle name of instance `name` (from its deploy step or query binding, or for a
    /// used contract from `record`).
    fn bundle_of(&self, name: &str, record: &Record) -> Result<String, DeployError> {
        self.manifest
            .steps
            .iter()
            .find_map(|s| match &s.action {
                Action::Deploy { name: n, contract, .. } if n == name => Some(contract.clone()),
                Action::Query { bind, .. } if bind.name == name => Some(bind.contract.clone()),
                _ => None,
            })
            .or_else(|| record.contracts.get(name).filter(|_| self.manifest.uses.iter().any(|u| u == name)).map(|e| e.contract.clone()))
            .ok_or_else(|| DeployError::Unknown(format!("unknown contract `{name}`")))
    }

    /// The contracts the manifest `uses`, from the record of the deployment it builds on.
    fn used(&self, record: &Record, out: &mut Deployment) -> Result<(), DeployError> {
        for name in &self.manifest.uses {
            let entry = record.contracts.get(name).ok_or_else(|| {
                DeployError::Unknown(format!("this manifest uses `{name}`, which this network's record does not hold: deploy the manifest it builds on first"))
            })?;
            out.contracts.insert(name.clone(), entry.clone());
            out.reused.insert(name.clone());
        }
        Ok(())
    }

    /// Deploys and wires everything into `backend`, keeping `record` up to date after each
    /// step, so that an interrupted run resumes where it stopped.
    pub fn run(&mut self, backend: &mut dyn Backend, record: &mut Record) -> Result<Deployment, DeployError> {
        backend.connect()?;
        self.forget_if_gone(backend, record)?;
        let mut out = Deployment::default();
        self.used(record, &mut out)?;
        let mut uploaded: BTreeMap<String, String> = BTreeMap::new();
        for step in &self.manifest.steps {
            let signer = self.signers.get(&step.signer)?.clone();
            self.step(backend, record, step, &signer, &mut uploaded, &mut out)?;
        }
        Ok(out)
    }

    /// The step's arguments with every reference resolved; code referred to is uploaded.
    fn resolve_args(&mut self, backend: &mut dyn Backend, step: &Step, signer: &Signer, uploaded: &mut BTreeMap<String, String>, out: &Deployment) -> Result<Vec<String>, DeployError> {
        let mut args = Vec::with_capacity(step.args.len());
        for a in &step.args {
            for r in manifest::refs_in(a) {
                if let Ref::Code(b) = r {
                    self.ensure_uploaded(backend, &b, signer, uploaded)?;
                }
            }
            let mut resolve = |r: &Ref| -> Result<String, DeployError> {
                match r {
                    Ref::Contract(c) => out.address(c).map(String::from),
                    Ref::Code(b) => uploaded.get(b).cloned().ok_or_else(|| DeployError::Unknown(format!("code `{b}` not uploaded"))),
                    Ref::Account(a) => Ok(self.signers.get(a)?.address.clone()),
                    Ref::Var(v) => Ok(v.clone()),
                }
            };
            args.push(manifest::substitute(a, &mut resolve)?);
        }
        Ok(args)
    }

    fn step(
        &mut self,
        backend: &mut dyn Backend,
        record: &mut Record,
        step: &Step,
        signer: &Signer,
        uploaded: &mut BTreeMap<String, String>,
        out: &mut Deployment,
    ) -> Result<(), DeployError> {
        let at = format!("step {:>2}", step.line);
        match &step.action {
            Action::Deploy { name, contract, constructor, salt } => {
                let bundle = self.bundles.get(contract)?;
                if let Some(entry) = record.contracts.get(name).filter(|e| &e.contract == contract) {
                    if entry.code_hash != bundle.code_hash {
                        (self.progress)(&format!("[{at}] note: {name} on chain runs code {} but abi/{contract}.contract is now {}; keeping the deployed one", entry.code_hash, bundle.code_hash));
                    }
                    (self.progress)(&format!("[{at}] {name}: reused at {}", entry.address));
                    out.contracts.insert(name.clone(), entry.clone());
                    out.reused.insert(name.clone());
                    return Ok(());
                }
                let args = &self.resolve_args(backend, step, signer, uploaded, out)?;
                bundle.encode_constructor(constructor, args)?;
                let code_hash = self.ensure_uploaded(backend, contract, signer, uploaded)?;
                let address = backend.instantiate(&bundle, constructor, args, salt, signer)?;
                let entry = Entry { contract: contract.clone(), address: address.clone(), code_hash };
                (self.progress)(&format!("[{at}] {name}: {contract}::{constructor} instantiated at {address}"));
                record.contracts.insert(name.clone(), entry.clone());
                record.save()?;
                out.contracts.insert(name.clone(), entry);
                out.deployed.insert(name.clone());
            }
            Action::Call { target, message } => {
                if record.done.contains(&step.key()) && !out.touches_new(step) {
                    (self.progress)(&format!("[{at}] {target}.{message}: already done"));
                    out.skipped += 1;
                    return Ok(());
                }
                let callee = out.entry(target)?.clone();
                let bundle = self.bundles.get(&callee.contract)?;
                let args = &self.resolve_args(backend, step, signer, uploaded, out)?;
                let value = backend.call(&bundle, &callee.address, message, args, signer)?;
                let shown = match value.to_string().as_str() {
                    "()" => String::new(),
                    v => format!(" -> {v}"),
                };
                (self.progress)(&format!("[{at}] {target}.{message} as {}{shown}", step.signer));
                record.done.insert(step.key());
                record.save()?;
                out.calls += 1;
            }
            Action::Wait { until_ms } => {
                backend.wait_until(*until_ms)?;
                (self.progress)(&format!("[{at}] the chain's clock has reached {until_ms} ms"));
            }
            Action::Query { target, message, bind } => {
                let callee = out.entry(target)?.clone();
                let bundle = self.bundles.get(&callee.contract)?;
                let args = &self.resolve_args(backend, step, signer, uploaded, out)?;
                let value = backend.query(&bundle, &callee.address, message, args, signer)?;
                let found = value.addresses();
                let bound = found.get(bind.index).ok_or_else(|| DeployError::Reverted {
                    what: format!("{target}.{message}"),
                    error: format!("{value}, which has no address #{} to name `{}`", bind.index, bind.name),
                })?;
                let code_hash = self.bundles.get(&bind.contract)?.code_hash.clone();
                let entry = Entry { contract: bind.contract.clone(), address: bound.clone(), code_hash };
                (self.progress)(&format!("[{at}] {}: {} at {bound} (from {target}.{message})", bind.name, bind.contract));
                if out.touches_new(step) || record.contracts.get(&bind.name) != Some(&entry) {
                    out.deployed.insert(bind.name.clone());
                } else {
                    out.reused.insert(bind.name.clone());
                }
                record.contracts.insert(bind.name.clone(), entry.clone());
                record.save()?;
                out.contracts.insert(bind.name.clone(), entry);
            }
        }
        Ok(())
    }

    fn ensure_uploaded(&mut self, backend: &mut dyn Backend, contract: &str, signer: &Signer, uploaded: &mut BTreeMap<String, String>) -> Result<String, DeployError> {
        if let Some(hash) = uploaded.get(contract) {
            return Ok(hash.clone());
        }
        let bundle = self.bundles.get(contract)?;
        let hash = backend.upload(&bundle, signer)?;
        (self.progress)(&format!("[upload] {contract}: code {hash}"));
        uploaded.insert(contract.to_string(), hash.clone());
        Ok(hash)
    }

    /// A record whose contracts are gone (a fresh dev chain) is forgotten.
    fn forget_if_gone(&mut self, backend: &mut dyn Backend, record: &mut Record) -> Result<(), DeployError> {
        let mut gone = Vec::new();
        for (name, entry) in &record.contracts {
            if !backend.exists(&entry.address)? {
                gone.push(name.clone());
            }
        }
        if !gone.is_empty() {
            (self.progress)(&format!("[record] {} recorded contract(s) are not on this chain ({}): deploying anew", gone.len(), gone.join(", ")));
            record.clear();
            record.save()?;
        }
        Ok(())
    }
}
