//! Time on a development chain that stamps blocks itself (chopsticks, `scripts/chain.sh`):
//! its blocks do not follow the wall clock, so waiting for a time means moving the chain's
//! clock there with chopsticks' `dev_timeTravel`, never back. Plain JSON-RPC over HTTP on the
//! node's port (chopsticks serves both), so the deploy tool needs no client library for it.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::backend::DeployError;

/// `Timestamp::Now`'s storage key: twox128("Timestamp") ++ twox128("Now").
const TIMESTAMP_NOW: &str = "0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb";

/// Calls `method(params)` on the chain at `host_port` over HTTP; returns its `result`.
fn call(host_port: &str, method: &str, params: serde_json::Value) -> Result<serde_json::Value, DeployError> {
    let failed = |why: String| DeployError::Chain(format!("{method} at {host_port}: {why}"));
    let body = serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string();
    let mut stream = TcpStream::connect(host_port).map_err(|e| failed(e.to_string()))?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| failed(e.to_string()))?;
    let request = format!("POST / HTTP/1.1\r\nHost: {host_port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    stream.write_all(request.as_bytes()).map_err(|e| failed(e.to_string()))?;
    let mut response = String::new();
    stream.read_to_string(&mut response).map_err(|e| failed(e.to_string()))?;
    // The JSON document is the body: from its first brace to its last (whatever the framing).
    let (start, end) = (response.find('{'), response.rfind('}'));
    let json = match (start, end) {
        (Some(s), Some(e)) if s < e => &response[s..=e],
        _ => return Err(failed(format!("no JSON in the reply: {}", response.lines().next().unwrap_or("")))),
    };
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| failed(e.to_string()))?;
    if let Some(error) = value.get("error") {
        return Err(failed(error.to_string()));
    }
    Ok(value["result"].clone())
}

/// The chain's time now (the last block's `Timestamp::Now`), ms.
pub fn now_ms(host_port: &str) -> Result<u64, DeployError> {
    let raw = call(host_port, "state_getStorage", serde_json::json!([TIMESTAMP_NOW]))?;
    let hex = raw.as_str().unwrap_or("0x");
    decode_u64(hex).ok_or_else(|| DeployError::Chain(format!("Timestamp::Now is not a u64: {raw}")))
}

/// A SCALE-encoded `u64` (eight little-endian bytes) from its `0x` hex.
fn decode_u64(hex: &str) -> Option<u64> {
    let hex = hex.strip_prefix("0x").unwrap_or(hex);
    if hex.len() != 16 {
        return None;
    }
    let mut bytes = [0u8; 8];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_timestamp_decodes_from_its_storage_hex() {
        assert_eq!(super::decode_u64("0x0100000000000000"), Some(1));
        assert_eq!(super::decode_u64("0x39d4c3ec9a010000"), Some(0x0000_019a_ecc3_d439));
        assert_eq!(super::decode_u64("0x01"), None);
        assert_eq!(super::decode_u64("0xzz00000000000000"), None);
    }
}

/// Moves the chain's clock to `ms` for the next block, unless it is there already.
pub fn travel_to(host_port: &str, ms: u64) -> Result<(), DeployError> {
    if now_ms(host_port)? >= ms {
        return Ok(());
    }
    call(host_port, "dev_timeTravel", serde_json::json!([ms]))?;
    Ok(())
}
