//! `laas-deploy --whitelist FILE`: a DeGenesis whitelist as a Merkle tree (`laas_merkle`,
//! blake2-256, as the `genesis_pool` contract verifies it): its root, for the pool's
//! configuration, and each account's proof, for the account's first deposit.

use crate::accounts::account_bytes;

/// The whitelist of the SS58 addresses in `text` (one per line; blank lines and `#` comments
/// ignored), as JSON: `{ "root": "0x…", "proofs": { "<address>": ["0x…", …] } }`.
/// Errors: a line that is not an address, a repeated address, or no address at all.
pub fn whitelist_json(text: &str) -> Result<String, String> {
    let mut addresses: Vec<&str> = Vec::new();
    for line in text.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()) {
        if addresses.contains(&line) {
            return Err(format!("{line} is listed twice"));
        }
        addresses.push(line);
    }
    if addresses.is_empty() {
        return Err(String::from("the whitelist is empty"));
    }
    let ids = addresses.iter().map(|a| account_bytes(a).ok_or_else(|| format!("{a} is not an SS58 address"))).collect::<Result<Vec<[u8; 32]>, String>>()?;
    let tree = laas_merkle::Tree::build(&ids, sp_crypto_hashing::blake2_256);
    let mut proofs = serde_json::Map::new();
    for (i, address) in addresses.iter().enumerate() {
        let proof = tree.proof(i).ok_or_else(|| format!("no proof for {address}"))?;
        proofs.insert(address.to_string(), serde_json::Value::from(proof.iter().map(hex).collect::<Vec<_>>()));
    }
    let out = serde_json::json!({ "root": hex(&tree.root()), "proofs": proofs });
    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())
}

/// `0x`-prefixed lowercase hex.
pub fn hex(bytes: &[u8; 32]) -> String {
    let mut s = String::from("0x");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
