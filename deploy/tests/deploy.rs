//! The deploy tool against the real compiled contracts in drink's sandbox: the suite's
//! manifest deploys and passes the smoke story, re-runs are idempotent, and every failure is
//! reported specifically and leaves the record consistent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use laas_deploy::node::NodeBackend;
use laas_deploy::sandbox::SandboxBackend;
use laas_deploy::{story, Backend, Bundles, DeployError, Deployer, Deployment, Manifest, Record, Signers};

/// 2024-01-01T00:00:00Z, ms.
const GENESIS_MS: u64 = 1_704_067_200_000;

fn bundle_dir() -> PathBuf {
    std::env::var_os("LAAS_BUNDLES").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../abi"))
}

fn suite_manifest() -> Manifest {
    Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("laas.toml"), "sandbox", GENESIS_MS).expect("the suite's manifest is valid")
}

/// A deployment run collecting its progress lines.
struct Run {
    manifest: Manifest,
    signers: Signers,
    bundles: Bundles,
    lines: Vec<String>,
}

impl Run {
    fn new(manifest: Manifest, deployer: &str) -> Self {
        let signers = Signers::new(&manifest, deployer, &BTreeMap::new()).expect("signers");
        Self { manifest, signers, bundles: Bundles::new(&bundle_dir()), lines: Vec::new() }
    }

    fn sandbox(&self) -> SandboxBackend {
        SandboxBackend::new(GENESIS_MS, self.signers.all()).expect("sandbox")
    }

    fn deploy(&mut self, backend: &mut dyn Backend, record: &mut Record) -> Result<Deployment, DeployError> {
        let lines = &mut self.lines;
        let mut progress = |l: &str| lines.push(l.to_string());
        Deployer { manifest: &self.manifest, signers: &self.signers, bundles: &mut self.bundles, progress: &mut progress }.run(backend, record)
    }

    fn plan(&mut self, record: &Record) -> Result<(), DeployError> {
        let lines = &mut self.lines;
        let mut progress = |l: &str| lines.push(l.to_string());
        Deployer { manifest: &self.manifest, signers: &self.signers, bundles: &mut self.bundles, progress: &mut progress }.plan(record)
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("laas-deploy-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    dir
}

#[test]
fn the_suite_deploys_wires_and_passes_the_smoke_story() {
    let mut run = Run::new(suite_manifest(), "//Alice");
    let mut chain = run.sandbox();
    let dir = temp_dir("suite");
    let mut record = Record::open(&dir, "sandbox").expect("record");
    let deployment = run.deploy(&mut chain, &mut record).expect("the suite deploys");
    let names: Vec<&str> = deployment.contracts.keys().map(String::as_str).collect();
    assert_eq!(names, ["amm", "cover_pool", "dao", "factory", "junior_pool", "ld_staking", "policies", "pricer_venue", "reactor", "registry", "reinsurance_pool", "toke", "tweth", "usd", "weth"]);
    assert_eq!(deployment.calls, 39);
    // Each code is uploaded once, though the factory's argument and its own deploy need some.
    // (14 codes: a pool has two; the junior and the reinsurance pool share one.)
    assert_eq!(run.lines.iter().filter(|l| l.starts_with("[upload]")).count(), 14);

    // The record written for dapps: name → contract, address, code hash.
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("sandbox.json")).expect("written")).expect("json");
    for (name, entry) in &deployment.contracts {
        assert_eq!(json[name]["address"], entry.address.as_str());
        assert_eq!(json[name]["contract"], entry.contract.as_str());
        assert!(entry.code_hash.starts_with("0x") && entry.code_hash.len() == 66);
    }
    // The reactor was created by the factory: it runs the reactor code the factory was given.
    assert_eq!(json["reactor"]["code_hash"], run.bundles.get("reactor").expect("bundle").code_hash.as_str());

    // Roles are wired: the admin is the deployer, the guardian the manifest's guardian.
    let (alice, guardian) = (run.signers.get("deployer").expect("deployer").clone(), run.signers.get("guardian").expect("guardian").address.clone());
    for name in ["amm", "factory", "reactor", "ld_staking", "pricer_venue", "registry"] {
        let entry = &deployment.contracts[name];
        let bundle = run.bundles.get(&entry.contract).expect("bundle");
        let roles = chain.query(&bundle, &entry.address, "Roles::roles", &[], &alice).expect("roles");
        let holders = |role: &str| roles.role_holders().into_iter().filter(|(r, _)| r == role).map(|(_, h)| h).collect::<Vec<_>>();
        assert_eq!((holders("Admin"), holders("Guardian")), (vec![alice.address.clone()], vec![guardian.clone()]), "{name}: {roles}");
    }

    let (bundles, signers) = (&mut run.bundles, &run.signers);
    let mut said = Vec::new();
    story::smoke(&mut chain, bundles, &deployment, signers, &mut |l: &str| said.push(l.to_string())).expect("the smoke story passes");
    assert!(said.iter().any(|l| l.contains("withdrew 4 tWETH")), "{said:?}");

    // Then the handover: one DAO proposal, and the deployer holds nothing the DAO governs.
    let handed = story::handover(&mut chain, bundles, &deployment, signers, &mut |l: &str| said.push(l.to_string()));
    handed.unwrap_or_else(|e| panic!("the handover fails: {e:?}; it said {said:#?}"));
    assert!(said.iter().any(|l| l.contains("the deployer and the old treasury hold nothing")), "{said:?}");
    // A second run finds the suite handed over and only checks the report.
    said.clear();
    let again = story::handover(&mut chain, bundles, &deployment, signers, &mut |l: &str| said.push(l.to_string()));
    again.unwrap_or_else(|e| panic!("a second run fails: {e:?}; it said {said:#?}"));
    assert!(said.iter().any(|l| l.contains("already governs the suite")), "{said:?}");
    for name in ["amm", "factory", "reactor", "ld_staking", "pricer_venue", "registry"] {
        let entry = &deployment.contracts[name];
        let bundle = run.bundles.get(&entry.contract).expect("bundle");
        let roles = chain.query(&bundle, &entry.address, "Roles::roles", &[], &alice).expect("roles");
        let admins: Vec<String> = roles.role_holders().into_iter().filter(|(r, _)| r == "Admin").map(|(_, h)| h).collect();
        assert_eq!(admins, vec![deployment.contracts["dao"].address.clone()], "{name}: {roles}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_launch_manifest_runs_a_degenesis_on_the_deployed_suite() {
    let mut run = Run::new(suite_manifest(), "//Alice");
    let mut chain = run.sandbox();
    let mut record = Record::in_memory();
    run.deploy(&mut chain, &mut record).expect("the suite deploys");
    // Its deadlines count from the chain's clock, which the suite's deployment moved on.
    let now = chain.now_ms().expect("clock");
    let launch = Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("launch.toml"), "sandbox", now).expect("the launch manifest is valid");
    let mut launch_run = Run::new(launch, "//Alice");
    let launched = launch_run.deploy(&mut chain, &mut record).unwrap_or_else(|e| panic!("the launch fails: {e}; it said {:#?}", launch_run.lines));
    assert_eq!(launched.deployed.iter().map(String::as_str).collect::<Vec<_>>(), ["genesis"]);
    assert_eq!(launched.calls, 14);
    assert_eq!(launch_run.lines.iter().filter(|l| l.contains("the chain's clock has reached")).count(), 2);

    let alice = launch_run.signers.get("deployer").expect("deployer").clone();
    let address = |name: &str| launched.contracts[name].address.clone();
    let account = |name: &str| launch_run.signers.get(name).expect("signer").address.clone();
    let mut read = |contract: &str, at: &str, message: &str, args: &[String]| -> String {
        let bundle = launch_run.bundles.get(contract).expect("bundle");
        chain.query(&bundle, at, message, args, &alice).expect("query").to_string()
    };
    let genesis = address("genesis");
    assert_eq!(read("genesis_pool", &genesis, "stage", &[]), "Some(Final)");
    // 80% of 600,000 bought 480,000 TOKE: the lp's 320,000 and the keeper's 160,000 vest in
    // the WETH reactor; 240 WETH went to the treasury.
    let reactor = address("reactor");
    for (who, toke) in [("lp", "320000000000000000000000"), ("keeper", "160000000000000000000000")] {
        let vested = read("ld_staking", &address("ld_staking"), "vested", &[account(who), reactor.clone()]);
        assert!(vested.contains(&format!("(0, {toke})")), "{who}: {vested}");
    }
    let (weth, tweth) = (address("weth"), address("tweth"));
    assert_eq!(read("test_asset", &weth, "PSP22::balance_of", &[account("treasury")]), "240000000000000000000");
    // The lp's unused 40 WETH became tWETH in the genesis reactor; the keeper's 20 came back.
    assert_eq!(read("tasset", &tweth, "PSP22::balance_of", &[account("lp")]), "40000000000000000000");
    assert_eq!(read("test_asset", &weth, "PSP22::balance_of", &[account("keeper")]), "20000000000000000000");
    assert_eq!(read("toke", &address("toke"), "PSP22::balance_of", &[genesis.clone()]), "0");
}

#[test]
fn a_rerun_reuses_everything_and_a_fresh_chain_gets_a_fresh_deployment() {
    let mut run = Run::new(suite_manifest(), "//Alice");
    let mut chain = run.sandbox();
    let dir = temp_dir("rerun");
    let mut record = Record::open(&dir, "sandbox").expect("record");
    let first = run.deploy(&mut chain, &mut record).expect("first run");

    // Same chain, record read back from disk: nothing deployed or sent again.
    let mut record = Record::open(&dir, "sandbox").expect("record");
    run.lines.clear();
    let again = run.deploy(&mut chain, &mut record).expect("second run");
    assert!(again.deployed.is_empty(), "{:?}", again.deployed);
    assert_eq!(again.reused.len(), 15);
    assert_eq!((again.calls, again.skipped), (0, 39));
    assert_eq!(again.contracts, first.contracts);
    assert!(!run.lines.iter().any(|l| l.starts_with("[upload]")), "{:?}", run.lines);

    // The plan of a third run says the same without sending anything.
    run.lines.clear();
    run.plan(&record).expect("plan");
    assert_eq!(run.lines.iter().filter(|l| l.ends_with("reuse if still on chain")).count(), 13);

    // A new chain (a restarted --tmp dev node): the record is stale and is replaced.
    let mut fresh_chain = run.sandbox();
    run.lines.clear();
    let fresh = run.deploy(&mut fresh_chain, &mut record).expect("fresh run");
    assert!(run.lines.iter().any(|l| l.contains("not on this chain")), "{:?}", run.lines);
    assert_eq!((fresh.deployed.len(), fresh.calls), (15, 39));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_grown_manifest_deploys_only_what_is_new_and_rewires_what_it_touches() {
    let manifest = |weth_salt: &str, extra: &str| {
        let text = format!(
            r#"
            [[step]]
            deploy = "toke"
            args = ["${{account:deployer}}"]
            [[step]]
            deploy = "weth"
            contract = "test_asset"
            salt = "{weth_salt}"
            args = ['"Wrapped Ether"', '"WETH"', 18, 0]
            [[step]]
            call = "toke.PSP22::approve"
            args = ["${{weth}}", 5]
            {extra}
            "#
        );
        Manifest::parse(&text, "sandbox", 0).expect("valid")
    };
    let mut run = Run::new(manifest("a", ""), "//Alice");
    let mut chain = run.sandbox();
    let mut record = Record::in_memory();
    run.deploy(&mut chain, &mut record).expect("first run");

    // The manifest gains a venue; everything else is reused and not sent again.
    let venue = "[[step]]\ndeploy = \"amm\"\ncontract = \"venue_amm\"\nargs = [\"${weth}\", \"${toke}\", 30, 600000, 200]";
    run.manifest = manifest("a", venue);
    let grown = run.deploy(&mut chain, &mut record).expect("grown run");
    assert_eq!(grown.deployed.iter().collect::<Vec<_>>(), ["amm"]);
    assert_eq!((grown.calls, grown.skipped), (0, 1));

    // WETH is redeployed (a new salt, its record entry dropped): the approval naming it is
    // sent again, to the new address.
    record.contracts.remove("weth");
    run.manifest = manifest("b", venue);
    let rewired = run.deploy(&mut chain, &mut record).expect("rewired run");
    assert!(rewired.deployed.contains("weth") && rewired.deployed.contains("amm") == false);
    assert_eq!((rewired.calls, rewired.skipped), (1, 0));
}

#[test]
fn a_failing_constructor_is_reported_with_its_decoded_error_and_nothing_recorded() {
    let text = r#"
        [[step]]
        deploy = "factory"
        contract = "tasset_factory"
        args = ["${code:reactor}", "PoolCode { pool: ${code:tasset}, books: ${code:tasset_books} }", 0, 0]
    "#;
    let mut run = Run::new(Manifest::parse(text, "sandbox", 0).expect("valid"), "//Alice");
    let mut chain = run.sandbox();
    let mut record = Record::in_memory();
    match run.deploy(&mut chain, &mut record) {
        Err(DeployError::Instantiate { what, error }) => {
            assert_eq!(what, "tasset_factory::new");
            assert!(error.contains("ZeroDuration"), "{error}");
        }
        other => panic!("expected a constructor error, got {other:?}"),
    }
    assert!(record.contracts.is_empty());
}

#[test]
fn a_failing_message_stops_the_run_with_its_decoded_error() {
    let text = r#"
        [accounts]
        stranger = "//Ferdie"
        [[step]]
        deploy = "weth"
        contract = "test_asset"
        args = ['"Wrapped Ether"', '"WETH"', 18, 0]
        [[step]]
        call = "weth.mint"
        as = "stranger"
        args = ["${account:stranger}", 5]
        [[step]]
        deploy = "toke"
        args = ["${account:deployer}"]
    "#;
    let mut run = Run::new(Manifest::parse(text, "sandbox", 0).expect("valid"), "//Alice");
    let mut chain = run.sandbox();
    let mut record = Record::in_memory();
    match run.deploy(&mut chain, &mut record) {
        Err(DeployError::Reverted { what, error }) => {
            assert_eq!(what, "test_asset.mint");
            assert!(error.starts_with("Err("), "{error}");
        }
        other => panic!("expected the minter check to refuse, got {other:?}"),
    }
    // What was done before the failure is recorded; nothing after it ran.
    assert_eq!(record.contracts.keys().collect::<Vec<_>>(), ["weth"]);
    assert!(record.done.is_empty());
}

#[test]
fn an_unfunded_deployer_is_told_it_cannot_pay() {
    let mut run = Run::new(suite_manifest(), "//Nobody");
    // Only the manifest's named accounts are funded, not the deployer.
    let named: Vec<_> = run.signers.all().filter(|s| s.suri != "//Nobody").cloned().collect();
    let mut chain = SandboxBackend::new(GENESIS_MS, named.iter()).expect("sandbox");
    let mut record = Record::in_memory();
    match run.deploy(&mut chain, &mut record) {
        Err(DeployError::InsufficientBalance { account, .. }) => assert!(account.contains("//Nobody"), "{account}"),
        other => panic!("expected an insufficient balance, got {other:?}"),
    }
}

#[test]
fn unknown_contracts_are_refused_before_anything_is_sent() {
    // A reference to an instance nothing defines: refused when the manifest is read.
    let text = "[[step]]\ncall = \"ghost.run\"";
    assert!(matches!(Manifest::parse(text, "x", 0), Err(DeployError::Unknown(m)) if m.contains("unknown contract `ghost`")));

    // A bundle that does not exist: the plan names it and lists those that do.
    let text = "[[step]]\ndeploy = \"ghost\"\n[[step]]\ndeploy = \"toke\"\nargs = [\"${account:deployer}\"]";
    let mut run = Run::new(Manifest::parse(text, "x", 0).expect("valid"), "//Alice");
    match run.plan(&Record::in_memory()) {
        Err(DeployError::Unknown(m)) => assert!(m.contains("no contract `ghost`") && m.contains("toke"), "{m}"),
        other => panic!("expected an unknown bundle, got {other:?}"),
    }
    // A constructor or message the bundle lacks, and arguments that do not encode.
    for (text, word) in [
        ("[[step]]\ndeploy = \"toke\"\nconstructor = \"mint_all\"\nargs = [1]", "no constructor `mint_all`"),
        ("[[step]]\ndeploy = \"toke\"\nargs = [\"${account:deployer}\"]\n[[step]]\ncall = \"toke.steal\"", "no message `steal`"),
    ] {
        let mut run = Run::new(Manifest::parse(text, "x", 0).expect("valid"), "//Alice");
        assert!(matches!(run.plan(&Record::in_memory()), Err(DeployError::Unknown(m)) if m.contains(word)));
    }
    let text = "[[step]]\ndeploy = \"toke\"\nargs = [\"not an address\"]";
    let mut run = Run::new(Manifest::parse(text, "x", 0).expect("valid"), "//Alice");
    assert!(matches!(run.plan(&Record::in_memory()), Err(DeployError::Arguments(_))));
    // The suite's own manifest checks out.
    let mut run = Run::new(suite_manifest(), "//Alice");
    run.plan(&Record::in_memory()).expect("the suite's plan");
    assert_eq!(run.lines.len(), 54);
}

#[test]
fn an_unreachable_node_is_reported_before_anything_is_sent() {
    // Nothing listens on port 1.
    let mut run = Run::new(suite_manifest(), "//Alice");
    let mut node = NodeBackend::new("ws://127.0.0.1:1");
    let mut record = Record::in_memory();
    match run.deploy(&mut node, &mut record) {
        Err(DeployError::Unreachable { url, .. }) => assert_eq!(url, "ws://127.0.0.1:1"),
        other => panic!("expected an unreachable node, got {other:?}"),
    }
    assert!(run.lines.is_empty());
    assert!(matches!(NodeBackend::new("127.0.0.1:9944").connect(), Err(DeployError::Unreachable { .. })));
}
