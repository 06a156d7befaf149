//! The deployment manifest: which contracts to instantiate with which constructor arguments,
//! and the calls that wire them (roles, cross-contract addresses, seed liquidity, funding).
//!
//! ```toml
//! [vars]                      # defaults, overridden per network in [networks.<name>.vars]
//! cycle_ms = 604800000
//!
//! [accounts]                  # signers by name; `deployer` is the --suri signer
//! treasury = "//Bob"
//!
//! [[step]]                    # instantiate bundle `toke` as `toke`
//! deploy = "toke"
//! args = ["${account:deployer}"]
//!
//! [[step]]                    # call a message (as another signer with `as`)
//! call = "toke.PSP22::transfer"
//! args = ["${account:treasury}", "1000", "[]"]
//!
//! [[step]]                    # read an address a contract created and name it
//! query = "factory.reactor_of"
//! args = ["${weth}"]
//! bind = { name = "weth_reactor", contract = "reactor" }
//! ```
//!
//! Arguments use cargo-contract's syntax. In them `${name}` is the address of the contract
//! `name`, `${code:bundle}` the code hash of a bundle (uploaded once), `${account:name}` a
//! signer's address and `${var:name}` a variable (`${var:a+b}` is the sum of two or more).
//! Steps run in file order, except that a step is moved after the steps defining what it
//! refers to.
//!
//! A manifest that builds on an earlier one (`deploy/launch.toml` on `deploy/laas.toml`) names
//! the contracts it takes from that deployment's record in `uses = ["toke", …]`, and may wait
//! for the chain's clock (`wait = "${var:now_ms+deposits_ms}"`: a barrier no step crosses;
//! the sandbox and a time-travelling node move their clock, a node is waited for).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::DeployError;

/// The signer every step uses unless it says `as = "…"`.
pub const DEPLOYER: &str = "deployer";

/// A parsed, validated and ordered manifest.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// Signers by name (secret URIs); `deployer` is given on the command line.
    pub accounts: BTreeMap<String, String>,
    /// Contracts taken by name from the record of an earlier deployment.
    pub uses: Vec<String>,
    /// The steps in execution order.
    pub steps: Vec<Step>,
}

/// One step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Its position in the manifest file (1-based).
    pub line: usize,
    /// What it does.
    pub action: Action,
    /// Arguments, with `${…}` references still in.
    pub args: Vec<String>,
    /// The signer's name.
    pub signer: String,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Instantiates bundle `contract` as `name`.
    Deploy {
        /// The instance's name.
        name: String,
        /// The bundle.
        contract: String,
        /// The constructor.
        constructor: String,
        /// Address salt (default: the name's bytes).
        salt: Vec<u8>,
    },
    /// Calls `message` on instance `target`.
    Call {
        /// The instance called.
        target: String,
        /// The message.
        message: String,
    },
    /// Reads `message` on `target` and names the address it returns.
    Query {
        /// The instance read.
        target: String,
        /// The message.
        message: String,
        /// What to name.
        bind: Bind,
    },
    /// Waits until the chain's clock reaches `until_ms`.
    Wait {
        /// The time, ms.
        until_ms: u64,
    },
}

/// An address returned by a query, named as an instance of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bind {
    /// The new instance's name.
    pub name: String,
    /// Its bundle (for its metadata and code hash).
    pub contract: String,
    /// Which address of the returned value (0 = the first).
    #[serde(default)]
    pub index: usize,
}

/// A `${…}` reference in an argument.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ref {
    /// `${name}`: an instance's address.
    Contract(String),
    /// `${code:bundle}`: a bundle's code hash.
    Code(String),
    /// `${account:name}`: a signer's address.
    Account(String),
    /// `${var:name}`: a variable.
    Var(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    vars: BTreeMap<String, toml::Value>,
    #[serde(default)]
    networks: BTreeMap<String, RawNetwork>,
    #[serde(default)]
    accounts: BTreeMap<String, String>,
    #[serde(default)]
    uses: Vec<String>,
    #[serde(default, rename = "step")]
    steps: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNetwork {
    #[serde(default)]
    vars: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    deploy: Option<String>,
    contract: Option<String>,
    constructor: Option<String>,
    salt: Option<String>,
    call: Option<String>,
    query: Option<String>,
    wait: Option<String>,
    bind: Option<Bind>,
    #[serde(default)]
    args: Vec<toml::Value>,
    #[serde(rename = "as")]
    signer: Option<String>,
    /// A comment shown in progress output.
    #[allow(dead_code)]
    note: Option<String>,
}

impl Step {
    /// The instance this step creates or names, if any.
    pub fn defines(&self) -> Option<&str> {
        match &self.action {
            Action::Deploy { name, .. } => Some(name),
            Action::Query { bind, .. } => Some(&bind.name),
            Action::Call { .. } | Action::Wait { .. } => None,
        }
    }

    /// Every reference in the step: its target and those in its arguments.
    pub fn refs(&self) -> Vec<Ref> {
        let mut refs: Vec<Ref> = self.args.iter().flat_map(|a| refs_in(a)).collect();
        if let Action::Call { target, .. } | Action::Query { target, .. } = &self.action {
            refs.push(Ref::Contract(target.clone()));
        }
        refs
    }

    /// Instances the step depends on.
    pub fn contract_refs(&self) -> BTreeSet<String> {
        self.refs()
            .into_iter()
            .filter_map(|r| match r {
                Ref::Contract(name) => Some(name),
                _ => None,
            })
            .collect()
    }

    /// A stable identity for the deployment journal.
    pub fn key(&self) -> String {
        format!("{} | {} | as {}", self.describe(), self.args.join(" | "), self.signer)
    }

    /// One line saying what the step does.
    pub fn describe(&self) -> String {
        match &self.action {
            Action::Deploy { name, contract, constructor, .. } => format!("deploy {name} = {contract}::{constructor}"),
            Action::Call { target, message } => format!("call {target}.{message}"),
            Action::Query { target, message, bind } => format!("read {target}.{message} -> {} ({})", bind.name, bind.contract),
            Action::Wait { until_ms } => format!("wait until {until_ms} ms"),
        }
    }
}

/// The references in one argument, in order.
pub fn refs_in(arg: &str) -> Vec<Ref> {
    let mut out = Vec::new();
    let mut rest = arg;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let body = &after[..end];
        out.push(match body.split_once(':') {
            Some(("code", b)) => Ref::Code(b.to_string()),
            Some(("account", a)) => Ref::Account(a.to_string()),
            Some(("var", v)) => Ref::Var(v.to_string()),
            _ => Ref::Contract(body.to_string()),
        });
        rest = &after[end + 1..];
    }
    out
}

/// Replaces every reference in `arg` with `resolve(reference)`.
pub fn substitute(arg: &str, resolve: &mut dyn FnMut(&Ref) -> Result<String, DeployError>) -> Result<String, DeployError> {
    let mut out = String::with_capacity(arg.len());
    let mut rest = arg;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            return Err(DeployError::Manifest(format!("unclosed `${{` in argument {arg:?}")));
        };
        let r = refs_in(&rest[start..start + 3 + end]).pop().ok_or_else(|| DeployError::Manifest(format!("bad reference in {arg:?}")))?;
        out.push_str(&resolve(&r)?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Variable `name`, or the sum of the variables in `a+b+…`.
fn var(vars: &BTreeMap<String, String>, name: &str) -> Result<String, String> {
    if !name.contains('+') {
        return vars.get(name).cloned().ok_or_else(|| format!("unknown variable `{name}`"));
    }
    let mut sum: u128 = 0;
    for part in name.split('+').map(str::trim) {
        let value = vars.get(part).ok_or_else(|| format!("unknown variable `{part}`"))?;
        let n: u128 = value.parse().map_err(|_| format!("variable `{part}` = {value:?} is not a number to add"))?;
        sum = sum.checked_add(n).ok_or_else(|| format!("`{name}` overflows"))?;
    }
    Ok(sum.to_string())
}

fn toml_arg(v: &toml::Value) -> Result<String, String> {
    match v {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(n) => Ok(n.to_string()),
        toml::Value::Boolean(b) => Ok(b.to_string()),
        other => Err(format!("argument {other} must be a string, an integer or a boolean")),
    }
}

fn split_target(what: &str, line: usize) -> Result<(String, String), DeployError> {
    match what.split_once('.') {
        Some((t, m)) if !t.is_empty() && !m.is_empty() => Ok((t.to_string(), m.to_string())),
        _ => Err(DeployError::Manifest(format!("step {line}: `{what}` must be `<contract>.<message>`"))),
    }
}

impl Manifest {
    /// Reads and validates the manifest at `path` for `network`; `${var:now_ms}` is `now_ms`
    /// (the chain's time when the run starts).
    pub fn load(path: &Path, network: &str, now_ms: u64) -> Result<Self, DeployError> {
        let text = std::fs::read_to_string(path).map_err(|e| DeployError::Manifest(format!("cannot read {}: {e}", path.display())))?;
        Self::parse(&text, network, now_ms)
    }

    /// Parses and validates manifest text for `network`.
    pub fn parse(text: &str, network: &str, now_ms: u64) -> Result<Self, DeployError> {
        let raw: RawManifest = toml::from_str(text).map_err(|e| DeployError::Manifest(e.to_string()))?;
        let mut vars = raw.vars;
        vars.insert(String::from("now_ms"), toml::Value::String(now_ms.to_string()));
        if let Some(net) = raw.networks.get(network) {
            vars.extend(net.vars.clone());
        }
        let vars: BTreeMap<String, String> = vars
            .into_iter()
            .map(|(k, v)| toml_arg(&v).map(|s| (k.clone(), s)).map_err(|e| DeployError::Manifest(format!("var {k}: {e}"))))
            .collect::<Result<_, _>>()?;
        let mut steps = Vec::with_capacity(raw.steps.len());
        for (i, s) in raw.steps.into_iter().enumerate() {
            steps.push(Self::step(i + 1, s, &vars)?);
        }
        let manifest = Self { accounts: raw.accounts, uses: raw.uses, steps };
        manifest.validate()?;
        Ok(Self { steps: order(manifest.steps)?, ..manifest })
    }

    fn step(line: usize, s: RawStep, vars: &BTreeMap<String, String>) -> Result<Step, DeployError> {
        let bad = |why: &str| DeployError::Manifest(format!("step {line}: {why}"));
        let mut args = Vec::with_capacity(s.args.len());
        for a in &s.args {
            let a = toml_arg(a).map_err(|e| bad(&e))?;
            // Variables are fixed per network: substitute them now.
            let a = substitute(&a, &mut |r| match r {
                Ref::Var(v) => var(vars, v).map_err(|e| bad(&e)),
                Ref::Contract(c) => Ok(format!("${{{c}}}")),
                Ref::Code(c) => Ok(format!("${{code:{c}}}")),
                Ref::Account(c) => Ok(format!("${{account:{c}}}")),
            })?;
            args.push(a);
        }
        let signer = s.signer.unwrap_or_else(|| DEPLOYER.to_string());
        if let Some(until) = s.wait {
            if s.deploy.is_some() || s.call.is_some() || s.query.is_some() || !s.args.is_empty() || s.bind.is_some() {
                return Err(bad("a `wait` step takes nothing else"));
            }
            let until = substitute(&until, &mut |r| match r {
                Ref::Var(v) => var(vars, v).map_err(|e| bad(&e)),
                _ => Err(bad("`wait` takes a time: a number or variables")),
            })?;
            let until_ms = until.trim().parse().map_err(|_| bad(&format!("`wait = {until:?}` is not a time in ms")))?;
            return Ok(Step { line, action: Action::Wait { until_ms }, args, signer: DEPLOYER.to_string() });
        }
        let action = match (s.deploy, s.call, s.query) {
            (Some(name), None, None) => {
                if s.bind.is_some() {
                    return Err(bad("`bind` belongs to `query` steps"));
                }
                let contract = s.contract.unwrap_or_else(|| name.clone());
                let salt = s.salt.unwrap_or_else(|| name.clone()).into_bytes();
                Action::Deploy { name, contract, constructor: s.constructor.unwrap_or_else(|| String::from("new")), salt }
            }
            (None, Some(call), None) => {
                if s.contract.is_some() || s.constructor.is_some() || s.salt.is_some() || s.bind.is_some() {
                    return Err(bad("a `call` step takes only `args` and `as`"));
                }
                let (target, message) = split_target(&call, line)?;
                Action::Call { target, message }
            }
            (None, None, Some(query)) => {
                let bind = s.bind.ok_or_else(|| bad("a `query` step needs `bind = { name, contract }`"))?;
                let (target, message) = split_target(&query, line)?;
                Action::Query { target, message, bind }
            }
            _ => return Err(bad("needs exactly one of `deploy`, `call` or `query`")),
        };
        Ok(Step { line, action, args, signer })
    }

    /// Names are defined once (a used contract counts as defined); every reference names
    /// something defined; signers exist.
    fn validate(&self) -> Result<(), DeployError> {
        let mut defined = BTreeSet::new();
        for name in &self.uses {
            if !defined.insert(name.to_string()) {
                return Err(DeployError::Manifest(format!("`{name}` is used twice")));
            }
        }
        for s in &self.steps {
            if let Some(name) = s.defines() {
                if !defined.insert(name.to_string()) {
                    return Err(DeployError::Manifest(format!("step {}: `{name}` is defined twice", s.line)));
                }
            }
        }
        let known_account = |a: &str| a == DEPLOYER || self.accounts.contains_key(a);
        for s in &self.steps {
            if !known_account(&s.signer) {
                return Err(DeployError::Unknown(format!("step {}: unknown signer `{}` (add it under [accounts])", s.line, s.signer)));
            }
            for r in s.refs() {
                match r {
                    Ref::Contract(c) if !defined.contains(&c) => {
                        return Err(DeployError::Unknown(format!("step {} ({}): unknown contract `{c}`: no step deploys or names it", s.line, s.describe())))
                    }
                    Ref::Account(a) if !known_account(&a) => {
                        return Err(DeployError::Unknown(format!("step {}: unknown account `{a}` (add it under [accounts])", s.line)))
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Bundle names the manifest uses.
    pub fn bundles(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for s in &self.steps {
            match &s.action {
                Action::Deploy { contract, .. } => {
                    out.insert(contract.clone());
                }
                Action::Query { bind, .. } => {
                    out.insert(bind.contract.clone());
                }
                Action::Call { .. } | Action::Wait { .. } => {}
            }
            for r in s.refs() {
                if let Ref::Code(b) = r {
                    out.insert(b);
                }
            }
        }
        out
    }
}

/// Orders steps so that each comes after the steps defining what it refers to, keeping file
/// order wherever it already is one. A `wait` is a barrier: it comes after every step above
/// it and before every step below it.
fn order(steps: Vec<Step>) -> Result<Vec<Step>, DeployError> {
    let definer: BTreeMap<String, usize> = steps.iter().enumerate().filter_map(|(i, s)| s.defines().map(|n| (n.to_string(), i))).collect();
    let is_wait = |s: &Step| matches!(s.action, Action::Wait { .. });
    let deps: Vec<BTreeSet<usize>> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut d: BTreeSet<usize> = s.contract_refs().iter().filter_map(|c| definer.get(c).copied()).filter(|d| *d != i).collect();
            if is_wait(s) {
                d.extend(0..i);
            } else {
                d.extend((0..i).filter(|&j| is_wait(&steps[j])));
            }
            d
        })
        .collect();
    let mut placed = vec![false; steps.len()];
    let mut order = Vec::with_capacity(steps.len());
    while order.len() < steps.len() {
        let next = (0..steps.len()).find(|&i| !placed[i] && deps[i].iter().all(|d| placed[*d]));
        match next {
            Some(i) => {
                placed[i] = true;
                order.push(i);
            }
            None => {
                let stuck: Vec<String> = (0..steps.len()).filter(|&i| !placed[i]).map(|i| steps[i].describe()).collect();
                return Err(DeployError::Manifest(format!("circular references between: {}", stuck.join("; "))));
            }
        }
    }
    let mut slots: Vec<Option<Step>> = steps.into_iter().map(Some).collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
        [vars]
        cycle = 100
        [networks.fast.vars]
        cycle = 5
        [accounts]
        treasury = "//Bob"
    "#;

    fn parse(steps: &str, network: &str) -> Result<Manifest, DeployError> {
        Manifest::parse(&format!("{BASE}\n{steps}"), network, 0)
    }

    #[test]
    fn variables_are_chosen_per_network() {
        let steps = r#"
            [[step]]
            deploy = "factory"
            contract = "tasset_factory"
            args = ["${code:reactor}", "${var:cycle}"]
        "#;
        let m = parse(steps, "other").expect("valid");
        assert_eq!(m.steps[0].args, vec!["${code:reactor}", "100"]);
        let m = parse(steps, "fast").expect("valid");
        assert_eq!(m.steps[0].args[1], "5");
        assert_eq!(m.bundles().into_iter().collect::<Vec<_>>(), vec!["reactor", "tasset_factory"]);
    }

    #[test]
    fn steps_follow_what_they_refer_to() {
        let steps = r#"
            [[step]]
            call = "toke.PSP22::transfer"
            args = ["${account:treasury}", 5, "[]"]
            [[step]]
            deploy = "amm"
            contract = "venue_amm"
            args = ["${weth}", "${toke}"]
            [[step]]
            deploy = "weth"
            contract = "test_asset"
            [[step]]
            deploy = "toke"
        "#;
        let m = parse(steps, "x").expect("valid");
        let order: Vec<usize> = m.steps.iter().map(|s| s.line).collect();
        assert_eq!(order, vec![3, 4, 1, 2]);
    }

    #[test]
    fn unknown_contracts_accounts_and_variables_are_named() {
        let unknown = |steps: &str| match parse(steps, "x") {
            Err(e) => e.to_string(),
            Ok(_) => String::from("accepted"),
        };
        assert!(unknown("[[step]]\ncall = \"ghost.run\"").contains("unknown contract `ghost`"));
        assert!(unknown("[[step]]\ndeploy = \"a\"\nargs = [\"${ghost}\"]").contains("unknown contract `ghost`"));
        assert!(unknown("[[step]]\ndeploy = \"a\"\nargs = [\"${account:ghost}\"]").contains("unknown account `ghost`"));
        assert!(unknown("[[step]]\ndeploy = \"a\"\nas = \"ghost\"").contains("unknown signer `ghost`"));
        assert!(unknown("[[step]]\ndeploy = \"a\"\nargs = [\"${var:ghost}\"]").contains("unknown variable `ghost`"));
    }

    #[test]
    fn malformed_steps_are_refused() {
        let refused = |steps: &str| parse(steps, "x").is_err();
        assert!(refused("[[step]]\ndeploy = \"a\"\ncall = \"a.b\""));
        assert!(refused("[[step]]\nargs = []"));
        assert!(refused("[[step]]\ncall = \"nodot\"\n[[step]]\ndeploy = \"nodot\""));
        assert!(refused("[[step]]\nquery = \"a.b\"\n[[step]]\ndeploy = \"a\""));
        assert!(refused("[[step]]\ndeploy = \"a\"\n[[step]]\ndeploy = \"a\""));
        assert!(refused("[[step]]\ndeploy = \"a\"\ntypo = 1"));
        assert!(refused("[[step]]\ndeploy = \"a\"\nargs = [[1]]"));
    }

    #[test]
    fn sums_of_variables_waits_and_used_contracts() {
        let steps = r#"
            [vars]
            a = 10
            b = 32
            [[step]]
            call = "toke.PSP22::transfer"
            args = ["${account:treasury}", "${var:a+b}", "[]"]
            [[step]]
            wait = "${var:now_ms+a}"
            [[step]]
            deploy = "x"
            [[step]]
            call = "x.run"
        "#;
        let m = Manifest::parse(&format!("uses = [\"toke\"]\n[accounts]\ntreasury = \"//Bob\"\n{steps}"), "n", 1_000).expect("valid");
        assert_eq!(m.uses, vec!["toke"]);
        assert_eq!(m.steps[0].args[1], "42");
        assert_eq!(m.steps[1].action, Action::Wait { until_ms: 1_010 });
        assert_eq!(m.steps.iter().map(|s| s.line).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
        // A step below a wait never moves above it, though it needs nothing above; a step above
        // it that needs one below is a cycle.
        let below = "[[step]]\nwait = \"5\"\n[[step]]\ndeploy = \"y\"";
        let m = parse(below, "x").expect("valid");
        assert_eq!(m.steps.iter().map(|s| s.line).collect::<Vec<_>>(), vec![1, 2]);
        let across = "[[step]]\ncall = \"y.run\"\n[[step]]\nwait = \"5\"\n[[step]]\ndeploy = \"y\"";
        assert!(matches!(parse(across, "x"), Err(DeployError::Manifest(m)) if m.contains("circular")));
        let refused = |steps: &str| parse(steps, "x").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused("[[step]]\nwait = \"${var:cycle+ghost}\"").contains("unknown variable `ghost`"));
        assert!(refused("[[step]]\nwait = \"soon\"").contains("not a time"));
        assert!(refused("[[step]]\nwait = \"${toke}\"").contains("takes a time"));
        assert!(refused("[[step]]\nwait = \"5\"\ncall = \"a.b\"").contains("nothing else"));
    }

    #[test]
    fn circular_references_are_refused() {
        let steps = r#"
            [[step]]
            deploy = "a"
            args = ["${b}"]
            [[step]]
            deploy = "b"
            args = ["${a}"]
        "#;
        assert!(matches!(parse(steps, "x"), Err(DeployError::Manifest(m)) if m.contains("circular")));
    }

    #[test]
    fn substitution_replaces_every_reference() {
        let mut resolve = |r: &Ref| -> Result<String, DeployError> {
            Ok(match r {
                Ref::Contract(c) => format!("<{c}>"),
                Ref::Code(c) => format!("#{c}"),
                Ref::Account(a) => format!("@{a}"),
                Ref::Var(v) => v.clone(),
            })
        };
        let out = substitute("VenueSlot { venue: ${amm}, weight: 1 } ${code:x}${account:y}", &mut resolve).expect("ok");
        assert_eq!(out, "VenueSlot { venue: <amm>, weight: 1 } #x@y");
        assert!(substitute("${open", &mut resolve).is_err());
    }
}
