//! The governance handover, run on a chain the suite's manifest was deployed to: the deployer
//! offers every governed contract to the DAO, votes its TOKE for one proposal that registers
//! the suite in the DAO, accepts every admin role and makes the DAO the reactor's treasury and
//! LD recipient and the position registry's treasury; after the vote and the timelock a keeper
//! executes it, and the DAO's own `handover_report` must show the deployer and the old
//! treasury holding nothing.
//!
//! A run that dies after proposing leaves a proposal the next run does not reuse: execute it
//! (`dao.execute`) once its timelock is over, or let it expire. A run after a complete
//! handover only checks the report.
//!
//! It needs the manifest to name `dao`, `toke`, `tweth`, `weth`, the governed contracts below,
//! and accounts `treasury` and `keeper`. The guardian the manifest names is the DAO's security
//! council and stays every contract's guardian.

use crate::story::{failed, Story};
use crate::{DeployError, Val};

/// The contracts handed to the DAO (the test WETH and USD are dev tokens and stay the
/// deployer's).
const GOVERNED: [&str; 10] = ["amm", "pricer_venue", "factory", "reactor", "ld_staking", "registry", "cover_pool", "policies", "junior_pool", "reinsurance_pool"];

impl Story<'_> {
    /// One call for a proposal, in cargo-contract's syntax: `message` on `contract` with `args`,
    /// encoded through the contract's own metadata.
    fn proposal_call(&mut self, contract: &str, message: &str, args: &[String]) -> Result<String, DeployError> {
        let entry = self.deployment.entry(contract)?;
        let bundle = self.bundles.get(&entry.contract)?;
        let encoded = bundle.transcoder.encode(message, args).map_err(|e| failed("handover", format!("{contract}.{message}: {e}")))?;
        let (selector, input) = encoded.split_at(4.min(encoded.len()));
        let list = |bytes: &[u8]| bytes.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
        Ok(format!("Call {{ target: {}, selector: [{}], input: [{}], value: 0 }}", entry.address, list(selector), list(input)))
    }

    /// A field of proposal `id` (a time, ms).
    fn proposal_ms(&mut self, id: &str, field: &str) -> Result<u64, DeployError> {
        let proposal = self.read("dao", "proposal", &[id.to_string()])?;
        let value = match proposal.variant() {
            Some(("Some", [p])) => p.field(field).and_then(Val::as_u128),
            _ => None,
        };
        value.and_then(|v| u64::try_from(v).ok()).ok_or_else(|| failed("handover", format!("proposal {id} has no `{field}`: {proposal}")))
    }

    fn handover(&mut self) -> Result<(), DeployError> {
        let dao = self.deployment.address("dao")?.to_string();
        let deployer = self.signers.get(crate::manifest::DEPLOYER)?.address.clone();
        let treasury = self.signers.get("treasury")?.address.clone();

        // A second run after a complete handover only checks the report again.
        let registered = self.read("dao", "registry", &[])?;
        if matches!(&registered, Val::Seq(seq) if !seq.elems.is_empty()) {
            self.say(String::from("the DAO already governs the suite (its registry is set): checking the report"));
            return self.check_report(&dao, deployer, treasury);
        }
        // Step one of two on every governed contract: the deployer offers it to the DAO.
        for contract in GOVERNED {
            self.send(crate::manifest::DEPLOYER, contract, "AccessControl::propose_admin", &[format!("Some({dao})")])?;
        }
        // The deployer votes the TOKE it still holds; its delegation must be in a past block,
        // also for the proposal's dry run (a node's dry runs see the last block's number): a
        // no-op transaction (approving oneself) seals one more block on a node.
        let delegate = self.read("toke", "Votes::delegates", std::slice::from_ref(&deployer))?;
        if !delegate.addresses().contains(&deployer) {
            self.send(crate::manifest::DEPLOYER, "toke", "Votes::delegate", &[format!("Some({deployer})")])?;
        }
        self.backend.end_block()?;
        self.no_op()?;

        let mut registry: Vec<String> = Vec::new();
        for contract in GOVERNED.iter().chain(&["toke", "tweth"]) {
            registry.push(self.deployment.address(contract)?.to_string());
        }
        let mut calls = vec![self.proposal_call("dao", "set_registry", &[format!("[{}]", registry.join(", "))])?];
        for contract in GOVERNED {
            calls.push(self.proposal_call(contract, "AccessControl::accept_admin", &[])?);
        }
        calls.push(self.proposal_call("reactor", "AccessControl::set_role", &[String::from("Treasury"), dao.clone(), String::from("true")])?);
        calls.push(self.proposal_call("reactor", "AccessControl::set_role", &[String::from("LdRecipient"), dao.clone(), String::from("true")])?);
        calls.push(self.proposal_call("registry", "AccessControl::set_role", &[String::from("Treasury"), dao.clone(), String::from("true")])?);
        let description = format!("0x{}", "00".repeat(32));
        let id = self.send(crate::manifest::DEPLOYER, "dao", "propose", &[format!("[{}]", calls.join(", ")), description])?;
        let id = Self::amount(&id, "propose")?.to_string();
        self.say(format!("the deployer proposed the handover ({} calls) as proposal {id}", calls.len()));
        let power = self.send(crate::manifest::DEPLOYER, "dao", "vote", &[id.clone(), String::from("For")])?;
        self.say(format!("the deployer voted for it with {} TOKE", crate::story::tokens(Self::amount(&power, "vote")?)));

        let eta = self.proposal_ms(&id, "eta_ms")?;
        self.say(format!("waiting for the vote to close and the timelock to pass ({eta} ms)"));
        self.backend.wait_until(eta)?;
        // A dev node seals blocks only for transactions: a no-op one seals one after the
        // timelock, so the execution's dry run sees it passed.
        self.no_op()?;
        self.send("keeper", "dao", "execute", std::slice::from_ref(&id))?;
        self.say(format!("a keeper executed proposal {id}"));

        self.check_report(&dao, deployer, treasury)
    }

    /// The DAO's own report must show the deployer and the old treasury holding nothing.
    fn check_report(&mut self, dao: &str, deployer: String, treasury: String) -> Result<(), DeployError> {
        for (who, address) in [("the deployer", deployer), ("the old treasury", treasury)] {
            let report = self.read("dao", "handover_report", &[address])?;
            if !matches!(&report, Val::Seq(seq) if seq.elems.is_empty()) {
                return Err(failed("handover", format!("{who} still holds {report}")));
            }
        }
        let report = self.read("dao", "handover_report", &[dao.to_string()])?;
        self.say(format!("the DAO's report: the deployer and the old treasury hold nothing; the DAO holds {report}"));
        Ok(())
    }
}

/// Runs the handover against `deployment` on `story`'s backend.
pub(crate) fn run(story: &mut Story<'_>) -> Result<(), DeployError> {
    story.handover()
}
