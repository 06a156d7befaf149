//! `laas-deploy`: deploys and wires the suite from a manifest. See `--help`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use laas_deploy::node::{NodeBackend, LOCAL_URL};
use laas_deploy::sandbox::SandboxBackend;
use laas_deploy::{story, Backend, Bundles, DeployError, Deployer, Manifest, Record, Signers};

const USAGE: &str = "\
laas-deploy: deploy and wire the LaaS suite from a manifest

USAGE: laas-deploy [OPTIONS]

  --manifest <FILE>     the deployment manifest [default: deploy/laas.toml]
                        (default paths are relative to the repository root)
  --network <NAME>      network name: picks [networks.<NAME>.vars] and the record file
                        deployments/<NAME>.json [default: local, or sandbox with --sandbox]
  --url <URL>           node endpoint [default: ws://127.0.0.1:9944]
  --suri <SURI>         the deployer's secret URI [default: //Alice]
  --account <NAME=SURI> replace the secret URI of a manifest account (repeatable)
  --sandbox             deploy into drink's in-process sandbox instead of a node
  --time-travel         the node stamps its own blocks (chopsticks, scripts/chain.sh): wait by
                        moving its clock (dev_timeTravel) rather than by the wall clock
  --bundles <DIR>       where the .contract bundles are [default: abi]
  --out <DIR>           where deployment records go [default: deployments]
  --dry-run             check the manifest, bundles and arguments and print the plan; send nothing
  --smoke               after deploying, run the smoke story (deposit, rollovers, withdraw)
  --launch              after deploying (and the smoke story), run the launch manifest
                        deploy/launch.toml on the same chain: a DeGenesis from deposits to
                        finalisation, waiting out its stages
  --handover            after deploying (and the smoke story and launch), hand the suite over
                        to the DAO:
                        one proposal, voted by the deployer, executed after the timelock
  --whitelist <FILE>    print a DeGenesis whitelist's Merkle root and each account's proof
                        (JSON) from FILE's SS58 addresses, one per line; deploy nothing
  -h, --help            this text
";

struct Options {
    manifest: PathBuf,
    network: Option<String>,
    url: String,
    suri: String,
    accounts: BTreeMap<String, String>,
    sandbox: bool,
    time_travel: bool,
    bundles: PathBuf,
    out: PathBuf,
    dry_run: bool,
    smoke: bool,
    handover: bool,
    launch: bool,
    whitelist: Option<PathBuf>,
}

/// The repository root: the working directory if it holds `deploy/laas.toml`, else the
/// checkout this tool was built from.
fn repo_root() -> PathBuf {
    if std::path::Path::new("deploy/laas.toml").is_file() {
        PathBuf::from(".")
    } else {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        root.canonicalize().unwrap_or(root)
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let root = repo_root();
    let mut o = Options {
        manifest: root.join("deploy/laas.toml"),
        network: None,
        url: LOCAL_URL.to_string(),
        suri: String::from("//Alice"),
        accounts: BTreeMap::new(),
        sandbox: false,
        time_travel: false,
        bundles: root.join("abi"),
        out: root.join("deployments"),
        dry_run: false,
        smoke: false,
        handover: false,
        launch: false,
        whitelist: None,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--manifest" => o.manifest = PathBuf::from(value()?),
            "--network" => o.network = Some(value()?),
            "--url" => o.url = value()?,
            "--suri" => o.suri = value()?,
            "--account" => {
                let v = value()?;
                let (name, suri) = v.split_once('=').ok_or_else(|| format!("--account takes NAME=SURI, got {v:?}"))?;
                o.accounts.insert(name.to_string(), suri.to_string());
            }
            "--sandbox" => o.sandbox = true,
            "--time-travel" => o.time_travel = true,
            "--bundles" => o.bundles = PathBuf::from(value()?),
            "--out" => o.out = PathBuf::from(value()?),
            "--dry-run" => o.dry_run = true,
            "--smoke" => o.smoke = true,
            "--handover" => o.handover = true,
            "--launch" => o.launch = true,
            "--whitelist" => o.whitelist = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(Some(o))
}

fn run(o: &Options) -> Result<(), DeployError> {
    let network = o.network.clone().unwrap_or_else(|| String::from(if o.sandbox { "sandbox" } else { "local" }));
    let start_ms = now_ms();
    let manifest = Manifest::load(&o.manifest, &network, start_ms)?;
    let signers = Signers::new(&manifest, &o.suri, &o.accounts)?;
    let mut bundles = Bundles::new(&o.bundles);
    let mut progress = |line: &str| println!("{line}");
    let mut backend: Box<dyn Backend> = if o.sandbox {
        Box::new(SandboxBackend::new(start_ms, signers.all())?)
    } else {
        let node = NodeBackend::new(&o.url);
        Box::new(if o.time_travel { node.time_travelling() } else { node })
    };
    // The sandbox's chain ends with the process: its record is not kept.
    let mut record = if o.sandbox { Record::in_memory() } else { Record::open(&o.out, &network)? };
    println!("== {} steps from {} for network `{network}` on the {}", manifest.steps.len(), o.manifest.display(), backend.describe());
    let mut deployer = Deployer { manifest: &manifest, signers: &signers, bundles: &mut bundles, progress: &mut progress };
    if o.dry_run {
        deployer.plan(&record)?;
        println!("== dry run: the manifest, bundles and arguments check out; nothing was sent");
        return Ok(());
    }
    let deployment = deployer.run(backend.as_mut(), &mut record)?;
    println!(
        "== deployed {} contract(s), reused {}, sent {} call(s), skipped {} already done",
        deployment.deployed.len(),
        deployment.reused.len(),
        deployment.calls,
        deployment.skipped
    );
    if let Some(path) = record.path() {
        println!("== addresses written to {}", path.display());
    }
    if o.smoke {
        story::smoke(backend.as_mut(), &mut bundles, &deployment, &signers, &mut progress)?;
        println!("== smoke story passed on the {}", backend.describe());
    }
    if o.launch {
        let path = repo_root().join("deploy/launch.toml");
        // Its deadlines count from the chain's clock now (a dev node stamps blocks with the
        // wall clock, but may not have sealed one for a while).
        let chain_now = backend.now_ms()?;
        let launch = Manifest::load(&path, &network, if o.sandbox { chain_now } else { chain_now.max(now_ms()) })?;
        let overrides: BTreeMap<String, String> = o.accounts.iter().filter(|(name, _)| launch.accounts.contains_key(*name)).map(|(k, v)| (k.clone(), v.clone())).collect();
        let launch_signers = Signers::new(&launch, &o.suri, &overrides)?;
        println!("== {} steps from {}", launch.steps.len(), path.display());
        let mut deployer = Deployer { manifest: &launch, signers: &launch_signers, bundles: &mut bundles, progress: &mut progress };
        let launched = deployer.run(backend.as_mut(), &mut record)?;
        println!("== launched: deployed {} contract(s), sent {} call(s), skipped {} already done", launched.deployed.len(), launched.calls, launched.skipped);
    }
    if o.handover {
        story::handover(backend.as_mut(), &mut bundles, &deployment, &signers, &mut progress)?;
        println!("== the suite is handed over to the DAO on the {}", backend.describe());
    }
    Ok(())
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &options.whitelist {
        let listed = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display())).and_then(|text| laas_deploy::whitelist::whitelist_json(&text));
        return match listed {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
