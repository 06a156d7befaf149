//! The smoke story, run on whatever chain a manifest was deployed to: an LP deposits WETH into
//! the pool (tWETH), asks to withdraw part of it, keepers roll the reactor over until the
//! request matures, and the LP withdraws. Every step is checked against balances read back.
//!
//! It needs the manifest to name `weth` (minted by the deployer), `reactor` and `tweth`, and
//! accounts `lp` and `keeper`.

use crate::{Backend, Bundles, DeployError, Deployment, Signers, Val};

/// One whole token (18 decimals).
pub(crate) const E18: u128 = 1_000_000_000_000_000_000;

/// A story told on a deployed suite: who sends what, read back through its bundles.
pub(crate) struct Story<'a> {
    pub(crate) backend: &'a mut dyn Backend,
    pub(crate) bundles: &'a mut Bundles,
    pub(crate) deployment: &'a Deployment,
    pub(crate) signers: &'a Signers,
    pub(crate) progress: &'a mut dyn FnMut(&str),
}

/// `amount` (18 decimals) as a decimal number.
pub(crate) fn tokens(amount: u128) -> String {
    format!("{}.{:04}", amount / E18, (amount % E18) / (E18 / 10_000))
}

pub(crate) fn failed(what: &str, why: String) -> DeployError {
    DeployError::Chain(format!("{what}: {why}"))
}

impl Story<'_> {
    /// Calls `message` on `contract` as `who` in a transaction, or reads it (`read_only`).
    pub(crate) fn send_or_read(&mut self, who: &str, contract: &str, message: &str, args: &[String], read_only: bool) -> Result<Val, DeployError> {
        let entry = self.deployment.entry(contract)?;
        let bundle = self.bundles.get(&entry.contract)?;
        let signer = self.signers.get(who)?;
        if read_only {
            self.backend.query(&bundle, &entry.address, message, args, signer)
        } else {
            self.backend.call(&bundle, &entry.address, message, args, signer)
        }
    }

    pub(crate) fn send(&mut self, who: &str, contract: &str, message: &str, args: &[String]) -> Result<Val, DeployError> {
        self.send_or_read(who, contract, message, args, false)
    }

    pub(crate) fn read(&mut self, contract: &str, message: &str, args: &[String]) -> Result<Val, DeployError> {
        self.send_or_read(crate::manifest::DEPLOYER, contract, message, args, true)
    }

    pub(crate) fn amount(v: &Val, what: &str) -> Result<u128, DeployError> {
        v.as_u128().ok_or_else(|| failed(what, format!("expected an amount, got {v}")))
    }

    pub(crate) fn balance(&mut self, token: &str, who: &str) -> Result<u128, DeployError> {
        let address = self.signers.get(who)?.address.clone();
        let v = self.read(token, "PSP22::balance_of", &[address])?;
        Self::amount(&v, "balance_of")
    }

    pub(crate) fn state_field(&mut self, field: &str) -> Result<u128, DeployError> {
        let state = self.read("reactor", "state", &[])?;
        state.field(field).and_then(Val::as_u128).ok_or_else(|| failed("smoke story: reactor state", format!("no `{field}` in {state}")))
    }

    /// A transaction that changes nothing (the keeper approving itself): a dev node seals a
    /// block for it, so later dry runs see the time and block number after it.
    pub(crate) fn no_op(&mut self) -> Result<(), DeployError> {
        let keeper = self.signers.get("keeper")?.address.clone();
        self.send("keeper", "weth", "PSP22::approve", &[keeper, String::from("0")])?;
        Ok(())
    }

    pub(crate) fn say(&mut self, line: String) {
        (self.progress)(&format!("[story] {line}"));
    }

    fn run(&mut self) -> Result<(), DeployError> {
        let (deposit, exit) = (10 * E18, 4 * E18);
        let lp = self.signers.get("lp")?.address.clone();
        let pool = self.deployment.address("tweth")?.to_string();

        self.send(crate::manifest::DEPLOYER, "weth", "mint", &[lp.clone(), deposit.to_string()])?;
        self.send("lp", "weth", "PSP22::approve", &[pool, deposit.to_string()])?;
        let t_before = self.balance("tweth", "lp")?;
        let minted = self.send("lp", "tweth", "TAsset::deposit", &[deposit.to_string()])?;
        let minted = Self::amount(&minted, "deposit")?;
        let t_after = self.balance("tweth", "lp")?;
        if minted == 0 || t_after.checked_sub(t_before) != Some(minted) {
            return Err(failed("smoke story: deposit", format!("minted {minted}, but the tWETH balance went {t_before} -> {t_after}")));
        }
        self.say(format!("lp deposited 10 WETH and received {} tWETH", tokens(minted)));

        let maturity = self.send("lp", "tweth", "TAsset::request_withdrawal", &[exit.to_string()])?;
        let maturity = Self::amount(&maturity, "request_withdrawal")?;
        self.say(format!("lp asked to withdraw 4 tWETH; the request matures at epoch {maturity}"));

        for _ in 0..4 {
            let epoch = self.state_field("epoch")?;
            if epoch >= maturity {
                break;
            }
            let cycle = self.state_field("cycle")?;
            let next = self.state_field("next_rollover_ms")?;
            let next = u64::try_from(next).map_err(|_| failed("smoke story: state", String::from("next_rollover_ms out of range")))?;
            self.say(format!("cycle {cycle}: waiting for the next cycle boundary ({next} ms)"));
            self.backend.wait_until(next)?;
            // A dev node seals blocks only for transactions, and dry runs see the last block's
            // time: a no-op transaction seals one after the boundary.
            self.no_op()?;
            let rolled = self.send("keeper", "reactor", "rollover", &[])?;
            self.say(format!("keeper rolled the reactor over into cycle {rolled}"));
        }
        let epoch = self.state_field("epoch")?;
        if epoch < maturity {
            return Err(failed("smoke story: rollover", format!("still at epoch {epoch} after four rollovers, the request matures at {maturity}")));
        }

        let (w_before, t_before) = (self.balance("weth", "lp")?, self.balance("tweth", "lp")?);
        // Paid in kind: WETH, and TOKE for what WETH could not cover (none in this story).
        let paid = self.send("lp", "tweth", "TAsset::withdraw", &[exit.to_string()])?;
        let (paid, paid_toke) = match &paid {
            Val::Tuple(t) => match (t.ident.as_deref(), t.values.as_slice()) {
                (None, [weth, toke]) => (Self::amount(weth, "withdraw")?, Self::amount(toke, "withdraw")?),
                _ => return Err(failed("smoke story: withdraw", format!("expected (WETH, TOKE) paid, got {paid}"))),
            },
            other => return Err(failed("smoke story: withdraw", format!("expected (WETH, TOKE) paid, got {other}"))),
        };
        let (w_after, t_after) = (self.balance("weth", "lp")?, self.balance("tweth", "lp")?);
        if paid == 0 || paid_toke != 0 || w_after.checked_sub(w_before) != Some(paid) || t_before.checked_sub(t_after) != Some(exit) {
            return Err(failed("smoke story: withdraw", format!("paid {paid} + {paid_toke} TOKE; WETH {w_before} -> {w_after}, tWETH {t_before} -> {t_after}")));
        }
        self.say(format!("lp withdrew 4 tWETH at epoch {epoch} and received {} WETH", tokens(paid)));

        // The reactor reported each rollover to the position registry (tWETH is position 0).
        if self.deployment.entry("registry").is_ok() {
            // A read returns the message's `Ok` value (an `Err` fails the story).
            let reading = self.read("registry", "nav", &[String::from("0")])?;
            let (Some(value), Some(age)) = (reading.field("value").and_then(Val::as_u128), reading.field("age_ms").and_then(Val::as_u128)) else {
                return Err(failed("smoke story: registry", format!("tWETH's NAV is not readable: {reading}")));
            };
            self.say(format!("the position registry holds tWETH's NAV as its reactor reported it: {} ({} s old)", tokens(value), age / 1_000));
        }
        Ok(())
    }
}

/// Runs the smoke story against `deployment` on `backend`.
pub fn smoke(backend: &mut dyn Backend, bundles: &mut Bundles, deployment: &Deployment, signers: &Signers, progress: &mut dyn FnMut(&str)) -> Result<(), DeployError> {
    Story { backend, bundles, deployment, signers, progress }.run()
}

/// Runs the governance handover (`crate::handover`) against `deployment` on `backend`.
pub fn handover(backend: &mut dyn Backend, bundles: &mut Bundles, deployment: &Deployment, signers: &Signers, progress: &mut dyn FnMut(&str)) -> Result<(), DeployError> {
    crate::handover::run(&mut Story { backend, bundles, deployment, signers, progress })
}
