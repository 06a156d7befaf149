//! What has been deployed on a network: `deployments/<network>.json` for dapps
//! (`{ name: { contract, address, code_hash } }`), and the tool's journal of wiring steps done,
//! `deployments/<network>.steps.json`, which makes re-runs idempotent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::DeployError;

/// One deployed contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The bundle it runs (`reactor`); its ABI is `abi/<contract>.json`.
    pub contract: String,
    /// Its address, SS58.
    pub address: String,
    /// Its code hash, `0x…`.
    pub code_hash: String,
}

/// The contracts and the wiring steps done on one network.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// Contracts by instance name.
    pub contracts: BTreeMap<String, Entry>,
    /// Keys of wiring steps done ([`crate::manifest::Step::key`]).
    pub done: BTreeSet<String>,
    /// Where it is saved (`None`: kept in memory only).
    file: Option<PathBuf>,
}

impl Record {
    /// An in-memory record (the sandbox's chain lives only as long as the process).
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// The record of `network` in `dir`, empty if there is none yet.
    pub fn open(dir: &Path, network: &str) -> Result<Self, DeployError> {
        let file = dir.join(format!("{network}.json"));
        let mut record = Self { file: Some(file.clone()), ..Self::default() };
        if file.is_file() {
            let text = std::fs::read_to_string(&file).map_err(|e| DeployError::Io(format!("{}: {e}", file.display())))?;
            record.contracts = serde_json::from_str(&text).map_err(|e| DeployError::Io(format!("{} is not a deployment record: {e}", file.display())))?;
        }
        let journal = Self::journal_path(&file);
        if journal.is_file() {
            let text = std::fs::read_to_string(&journal).map_err(|e| DeployError::Io(format!("{}: {e}", journal.display())))?;
            record.done = serde_json::from_str(&text).map_err(|e| DeployError::Io(format!("{}: {e}", journal.display())))?;
        }
        Ok(record)
    }

    fn journal_path(file: &Path) -> PathBuf {
        file.with_extension("steps.json")
    }

    /// Forgets everything (the recorded chain is gone).
    pub fn clear(&mut self) {
        self.contracts.clear();
        self.done.clear();
    }

    /// Writes the record (no-op in memory).
    pub fn save(&self) -> Result<(), DeployError> {
        let Some(file) = &self.file else { return Ok(()) };
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| DeployError::Io(format!("{}: {e}", dir.display())))?;
        }
        let write = |path: &Path, json: Result<String, serde_json::Error>| {
            let json = json.map_err(|e| DeployError::Io(e.to_string()))?;
            std::fs::write(path, json + "\n").map_err(|e| DeployError::Io(format!("{}: {e}", path.display())))
        };
        write(file, serde_json::to_string_pretty(&self.contracts))?;
        write(&Self::journal_path(file), serde_json::to_string_pretty(&self.done))
    }

    /// The file written, if any.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_record_reads_back() {
        let dir = std::env::temp_dir().join(format!("laas-record-{}", std::process::id()));
        let mut r = Record::open(&dir, "net").expect("empty");
        assert!(r.contracts.is_empty());
        r.contracts.insert("toke".into(), Entry { contract: "toke".into(), address: "5X".into(), code_hash: "0x01".into() });
        r.done.insert("call x".into());
        r.save().expect("save");
        let back = Record::open(&dir, "net").expect("read");
        assert_eq!(back.contracts, r.contracts);
        assert_eq!(back.done, r.done);
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("net.json")).expect("file")).expect("json");
        assert_eq!(json["toke"]["address"], "5X");
        std::fs::remove_dir_all(dir).ok();
    }
}
