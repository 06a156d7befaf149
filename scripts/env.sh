# Sourced by the project's scripts: where build output lives.
# Build caches sit outside the clone (reused across clones on one machine, never required).
LAAS_CACHE="${LAAS_CACHE:-$HOME/.cache/laas}"
# Host-side builds (unit tests, scenario tests, tools) with the stable toolchain.
export LAAS_HOST_TARGET="${LAAS_HOST_TARGET:-$LAAS_CACHE/target-host}"
# Contract (WASM) builds with cargo-contract and the debweb toolchain.
export LAAS_WASM_TARGET="${LAAS_WASM_TARGET:-$LAAS_CACHE/target-wasm}"
mkdir -p "$LAAS_HOST_TARGET" "$LAAS_WASM_TARGET"
# The contract crates, as paths under contracts/ (`liquidity/reactor`): every crate with an
# `ink-as-dependency` feature, in the domain folders (lib/ holds library crates only).
laas_contracts() {
  local manifest
  for manifest in contracts/*/*/Cargo.toml; do
    grep -q '^ink-as-dependency' "$manifest" && dirname "${manifest#contracts/}"
  done
}

# Makes the crate at $1 a workspace of its own that builds exactly like the suite's contracts:
# this workspace's release profile and Cargo.lock. cargo-contract gives every member of a
# workspace a target directory of its own (recompiling ink! and every dependency per contract);
# a crate that is its own workspace builds in the shared `$LAAS_WASM_TARGET/ink`.
laas_standalone() {
  local dir="$1"
  cp Cargo.lock "$dir/Cargo.lock"
  python3 - "$dir/Cargo.toml" <<'PY'
import re, sys
root = open("Cargo.toml").read()
profile = re.search(r"^\[profile\.release\][^\[]*", root, re.M)
with open(sys.argv[1], "a") as f:
    f.write("\n[workspace]\n")
    if profile:
        f.write("\n" + profile.group(0))
PY
}
