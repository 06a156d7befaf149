//! Compiled contract bundles (`<name>.contract`): code, code hash and metadata.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use contract_transcode::ContractMessageTranscoder;

use crate::DeployError;

/// One compiled contract.
pub struct Bundle {
    /// The bundle's name (`reactor` for `reactor.contract`).
    pub name: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// The blake2-256 hash of its WASM, `0x…` (the code hash on chain).
    pub code_hash: String,
    /// Constructor labels.
    pub constructors: Vec<String>,
    /// Message labels (trait messages as `Trait::message`).
    pub messages: Vec<String>,
    /// Encodes arguments and decodes return values from the metadata.
    pub transcoder: Rc<ContractMessageTranscoder>,
}

impl Bundle {
    /// Reads `path`.
    pub fn load(name: &str, path: &Path) -> Result<Self, DeployError> {
        let bad = |why: String| DeployError::Bundle { name: name.to_string(), why };
        let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(format!("{} is not JSON: {e}", path.display())))?;
        let code_hash = json["source"]["hash"].as_str().ok_or_else(|| bad(String::from("no source.hash")))?.to_string();
        let labels = |section: &str| -> Vec<String> {
            json["spec"][section]
                .as_array()
                .map(|items| items.iter().filter_map(|c| c["label"].as_str().map(String::from)).collect())
                .unwrap_or_default()
        };
        let transcoder = ContractMessageTranscoder::load(path).map_err(|e| bad(format!("metadata: {e}")))?;
        Ok(Self {
            name: name.to_string(),
            path: path.to_path_buf(),
            code_hash,
            constructors: labels("constructors"),
            messages: labels("messages"),
            transcoder: Rc::new(transcoder),
        })
    }

    /// The WASM code.
    pub fn wasm(&self) -> Result<Vec<u8>, DeployError> {
        let bad = |why: String| DeployError::Bundle { name: self.name.clone(), why };
        let text = std::fs::read_to_string(&self.path).map_err(|e| bad(e.to_string()))?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        let hex = json["source"]["wasm"].as_str().ok_or_else(|| bad(String::from("no source.wasm")))?;
        decode_hex(hex).ok_or_else(|| bad(String::from("source.wasm is not hex")))
    }

    /// Encodes a constructor call.
    pub fn encode_constructor(&self, constructor: &str, args: &[String]) -> Result<Vec<u8>, DeployError> {
        if !self.constructors.iter().any(|c| c == constructor) {
            return Err(DeployError::Unknown(format!("{} has no constructor `{constructor}` (it has: {})", self.name, self.constructors.join(", "))));
        }
        self.transcoder
            .encode(constructor, args)
            .map_err(|e| DeployError::Arguments(format!("{}::{constructor}({}): {e}", self.name, args.join(", "))))
    }

    /// Encodes a message call.
    pub fn encode_message(&self, message: &str, args: &[String]) -> Result<Vec<u8>, DeployError> {
        if !self.messages.iter().any(|m| m == message) {
            return Err(DeployError::Unknown(format!("{} has no message `{message}`", self.name)));
        }
        self.transcoder
            .encode(message, args)
            .map_err(|e| DeployError::Arguments(format!("{}::{message}({}): {e}", self.name, args.join(", "))))
    }
}

/// Every `*.contract` bundle in a directory, by name.
pub struct Bundles {
    /// The directory.
    pub dir: PathBuf,
    loaded: BTreeMap<String, Rc<Bundle>>,
}

impl Bundles {
    /// Bundles in `dir` (loaded on first use).
    pub fn new(dir: &Path) -> Self {
        Self { dir: dir.to_path_buf(), loaded: BTreeMap::new() }
    }

    /// Names of the bundles present.
    pub fn available(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".contract")).map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// The bundle `name`.
    pub fn get(&mut self, name: &str) -> Result<Rc<Bundle>, DeployError> {
        if let Some(b) = self.loaded.get(name) {
            return Ok(b.clone());
        }
        let path = self.dir.join(format!("{name}.contract"));
        if !path.is_file() {
            return Err(DeployError::Unknown(format!(
                "no contract `{name}`: {} does not exist (bundles there: {})",
                path.display(),
                self.available().join(", ")
            )));
        }
        let bundle = Rc::new(Bundle::load(name, &path)?);
        self.loaded.insert(name.to_string(), bundle.clone());
        Ok(bundle)
    }
}

/// `0x`-prefixed or bare hex to bytes.
pub fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| s.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect()
}

/// Bytes as `0x…` hex.
pub fn encode_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 + bytes.len() * 2);
    s.push_str("0x");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
