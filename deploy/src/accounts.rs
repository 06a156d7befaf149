//! Signers: a secret URI (`//Alice`, a mnemonic, a seed) and the sr25519 address it gives,
//! the same key derivation a node and cargo-contract use.

use sp_core::crypto::{AccountId32, Ss58Codec};
use sp_core::{sr25519, Pair};

/// A signer named in a manifest or on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// The secret URI (for example `//Alice`).
    pub suri: String,
    /// Its account, SS58 (generic Substrate prefix 42).
    pub address: String,
}

impl Signer {
    /// Derives the signer of `suri`.
    pub fn from_suri(suri: &str) -> Result<Self, String> {
        let pair = sr25519::Pair::from_string(suri, None).map_err(|e| format!("invalid secret URI {suri:?}: {e:?}"))?;
        let account = AccountId32::from(pair.public());
        Ok(Self { suri: suri.to_string(), address: account.to_ss58check() })
    }

    /// The account's 32 bytes.
    pub fn account_bytes(&self) -> [u8; 32] {
        account_bytes(&self.address).unwrap_or([0; 32])
    }
}

/// Whether `s` is an SS58 account address.
pub fn is_address(s: &str) -> bool {
    AccountId32::from_ss58check(s).is_ok()
}

/// The 32 bytes of an SS58 address.
pub fn account_bytes(address: &str) -> Option<[u8; 32]> {
    AccountId32::from_ss58check(address).ok().map(|a| *<AccountId32 as AsRef<[u8; 32]>>::as_ref(&a))
}

/// The SS58 form of 32 account bytes.
pub fn address_of(bytes: [u8; 32]) -> String {
    AccountId32::new(bytes).to_ss58check()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_accounts_match_the_node() {
        // The well-known dev addresses of every Substrate node.
        assert_eq!(Signer::from_suri("//Alice").map(|s| s.address), Ok(String::from("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")));
        assert_eq!(Signer::from_suri("//Bob").map(|s| s.address), Ok(String::from("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty")));
    }

    #[test]
    fn bad_uris_are_refused() {
        assert!(Signer::from_suri("not a uri at all").is_err());
        assert!(!is_address("5Grw"));
    }
}
