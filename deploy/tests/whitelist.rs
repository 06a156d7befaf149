//! `laas-deploy --whitelist`: the root and proofs it prints verify as the genesis pool
//! verifies them, for every listed account and no other; bad lists are refused.

use laas_deploy::accounts::account_bytes;
use laas_deploy::whitelist::whitelist_json;

const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const CHARLIE: &str = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";

fn unhex(s: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&s[2 + 2 * i..4 + 2 * i], 16).expect("hex");
    }
    out
}

#[test]
fn every_listed_account_proves_its_place_against_the_printed_root() {
    let json = whitelist_json(&format!("# the launch list\n{ALICE}\n\n{BOB}  # a comment\n{CHARLIE}\n")).expect("a valid list");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let root = unhex(v["root"].as_str().expect("root"));
    for address in [ALICE, BOB, CHARLIE] {
        let proof: Vec<[u8; 32]> = v["proofs"][address].as_array().expect("a proof").iter().map(|h| unhex(h.as_str().expect("hex"))).collect();
        let account = account_bytes(address).expect("address");
        assert!(laas_merkle::verify(&root, &account, &proof, sp_crypto_hashing::blake2_256), "{address}");
        assert!(!laas_merkle::verify(&root, &[9; 32], &proof, sp_crypto_hashing::blake2_256));
    }
}

#[test]
fn a_bad_list_is_refused() {
    assert!(whitelist_json("").is_err());
    assert!(whitelist_json(&format!("{ALICE}\n{ALICE}\n")).is_err(), "listed twice");
    assert!(whitelist_json("not-an-address\n").is_err());
}
