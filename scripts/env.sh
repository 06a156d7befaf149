# Sourced by the project's scripts: where build output lives.
# Build caches sit outside the clone (reused across clones on one machine, never required).
LAAS_CACHE="${LAAS_CACHE:-$HOME/.cache/laas}"
# Host-side builds (unit tests, scenario tests, tools) with the stable toolchain.
export LAAS_HOST_TARGET="${LAAS_HOST_TARGET:-$LAAS_CACHE/target-host}"
# Contract (WASM) builds with cargo-contract and the debweb toolchain.
export LAAS_WASM_TARGET="${LAAS_WASM_TARGET:-$LAAS_CACHE/target-wasm}"
mkdir -p "$LAAS_HOST_TARGET" "$LAAS_WASM_TARGET"
# The contract crates: every crate under contracts/ with an `ink-as-dependency` feature.
laas_contracts() {
  local manifest
  for manifest in contracts/*/Cargo.toml; do
    grep -q '^ink-as-dependency' "$manifest" && basename "$(dirname "$manifest")"
  done
}
