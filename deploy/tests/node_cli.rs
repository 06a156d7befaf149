//! The node backend's handling of cargo-contract, against a stand-in `cargo` that prints what
//! cargo-contract 5.0.3 prints (the shapes of `--output-json` and of its errors) and logs how
//! it was called. The real node is exercised by scripts/node-smoke.sh.

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use laas_deploy::node::NodeBackend;
use laas_deploy::{Backend, Bundles, DeployError, Signer, Val};

/// A stand-in cargo answering with `script` (a `case "$*" in … esac` body), and its call log.
struct FakeCargo {
    dir: PathBuf,
    // Keeps the port open so `connect` succeeds.
    _listener: TcpListener,
    url: String,
}

impl FakeCargo {
    fn new(name: &str, script: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("laas-fake-cargo-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let log = dir.join("calls.log");
        let body = format!("#!/bin/sh\necho \"$*\" >> '{}'\ncase \"$*\" in\n{script}\nesac\n", log.display());
        let path = dir.join("cargo");
        std::fs::write(&path, body).expect("script");
        std::process::Command::new("chmod").arg("+x").arg(&path).status().expect("chmod");
        let listener = TcpListener::bind("127.0.0.1:0").expect("port");
        let url = format!("ws://127.0.0.1:{}", listener.local_addr().expect("addr").port());
        Self { dir, _listener: listener, url }
    }

    fn backend(&self) -> NodeBackend {
        let mut node = NodeBackend::with_cargo(&self.url, &self.dir.join("cargo").display().to_string());
        node.connect().expect("the stand-in port is open");
        node
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.join("calls.log")).unwrap_or_default().lines().map(String::from).collect()
    }
}

impl Drop for FakeCargo {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

fn bundles() -> Bundles {
    let dir = std::env::var_os("LAAS_BUNDLES").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../abi"));
    Bundles::new(&dir)
}

fn alice() -> Signer {
    Signer::from_suri("//Alice").expect("alice")
}

const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

#[test]
fn code_already_on_chain_counts_as_uploaded() {
    let fake = FakeCargo::new("upload", r#"*upload*) echo 'This contract has already been uploaded with code hash: 0xab' >&2; exit 1 ;;"#);
    let bundle = bundles().get("toke").expect("toke");
    assert_eq!(fake.backend().upload(&bundle, &alice()), Ok(bundle.code_hash.clone()));
}

#[test]
fn a_reverting_constructor_is_decoded_from_the_dry_run_and_never_sent() {
    let dry = r#"{"result":{"Tuple":{"ident":"Ok","values":[{"Tuple":{"ident":"Err","values":[{"Tuple":{"ident":"Cycle","values":[{"Tuple":{"ident":"ZeroDuration","values":[]}}]}}]}}]}},"contract":"5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty","reverted":true}"#;
    let fake = FakeCargo::new("ctor", &format!("*instantiate*) echo '{dry}' ;;"));
    let bundle = bundles().get("tasset_factory").expect("bundle");
    let args = vec![String::from("0x00"), String::from("0x00"), String::from("0"), String::from("0")];
    match fake.backend().instantiate(&bundle, "new", &args, b"factory", &alice()) {
        Err(DeployError::Instantiate { error, .. }) => assert_eq!(error, "Err(Cycle(ZeroDuration))"),
        other => panic!("expected a decoded constructor error, got {other:?}"),
    }
    let calls = fake.calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(!calls[0].contains("--execute"));
    assert!(calls[0].contains("--salt 0x666163746f7279") && calls[0].ends_with("--args 0x00 0x00 0 0"), "{}", calls[0]);
}

#[test]
fn an_instantiation_is_dry_run_then_sent() {
    let dry = r#"{"result":{"Tuple":{"ident":"Ok","values":[{"Unit":null}]}},"contract":"X","reverted":false}"#;
    let sent = format!(r#"{{"contract":"{BOB}","code_hash":"0x01","events":[]}}"#);
    let script = format!("*--execute*) echo '{sent}' ;;\n*instantiate*) echo '{dry}' ;;");
    let fake = FakeCargo::new("inst", &script);
    let bundle = bundles().get("toke").expect("bundle");
    let address = fake.backend().instantiate(&bundle, "new", &[BOB.to_string()], b"toke", &alice());
    assert_eq!(address.as_deref(), Ok(BOB));
    assert_eq!(fake.calls().len(), 2);
}

#[test]
fn a_failing_message_is_decoded_from_the_dry_run_and_never_sent() {
    let dry = r#"{"reverted":true,"data":{"Tuple":{"ident":"Ok","values":[{"Tuple":{"ident":"Err","values":[{"Tuple":{"ident":"InsufficientAllowance","values":[]}}]}}]}}}"#;
    let fake = FakeCargo::new("call-err", &format!("*call*) echo '{dry}' ;;"));
    let bundle = bundles().get("toke").expect("bundle");
    let result = fake.backend().call(&bundle, BOB, "PSP22::transfer_from", &[BOB.into(), BOB.into(), "5".into(), "[]".into()], &alice());
    assert_eq!(result, Err(DeployError::Reverted { what: String::from("toke.PSP22::transfer_from"), error: String::from("Err(InsufficientAllowance)") }));
    assert_eq!(fake.calls().len(), 1);
}

#[test]
fn a_message_is_dry_run_then_sent_with_execute_before_its_arguments() {
    let dry = r#"{"reverted":false,"data":{"Tuple":{"ident":"Ok","values":[{"UInt":340282366920938463463374607431768211455}]}}}"#;
    let script = format!("*--execute*) echo '[]' ;;\n*call*) echo '{dry}' ;;");
    let fake = FakeCargo::new("call-ok", &script);
    let bundle = bundles().get("toke").expect("bundle");
    let value = fake.backend().call(&bundle, BOB, "PSP22::balance_of", &[BOB.into()], &alice());
    assert_eq!(value, Ok(Val::UInt(u128::MAX)));
    let calls = fake.calls();
    assert_eq!(calls.len(), 2);
    assert!(calls[1].contains("--execute --skip-confirm --args"), "{}", calls[1]);
}

#[test]
fn a_signer_that_cannot_pay_is_named() {
    let err = r#"{"module_error":{"pallet":"Contracts","error":"StorageDepositNotEnoughFunds","docs":["Origin does not have enough balance to pay the required storage deposits."]}}"#;
    let fake = FakeCargo::new("poor", &format!("*) echo '{err}' >&2; exit 1 ;;"));
    let bundle = bundles().get("toke").expect("bundle");
    match fake.backend().instantiate(&bundle, "new", &[BOB.to_string()], b"toke", &alice()) {
        Err(DeployError::InsufficientBalance { account, .. }) => assert!(account.contains("//Alice")),
        other => panic!("expected insufficient balance, got {other:?}"),
    }
}

#[test]
fn a_missing_contract_is_reported_as_absent() {
    let fake = FakeCargo::new("info", r#"*info*) echo 'No contract information was found for account id 5FHne…' >&2; exit 1 ;;"#);
    assert_eq!(fake.backend().exists(BOB), Ok(false));
}
