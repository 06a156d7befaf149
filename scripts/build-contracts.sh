#!/usr/bin/env bash
# Builds every contract with cargo-contract (release) and exports its bundle (.contract: code
# and metadata) and metadata (.json) into abi/.
#
#   scripts/build-contracts.sh            build, export, report ABI changes
#   scripts/build-contracts.sh --check    same, but fail if an exported ABI differs from the
#                                         committed one (CI: abi/ must match the sources)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

check=0
[ "${1:-}" = "--check" ] && check=1

# Build from a copy of contracts/ in which every contract is a workspace of its own, so all
# contracts share one target directory (see laas_standalone in env.sh): ink! and the other
# dependencies compile once, not once per contract.
# Unchanged files keep their timestamps, so cargo rebuilds only what changed.
stage="$LAAS_CACHE/contracts-stage"
mkdir -p "$stage"
# One build at a time per machine: clones share the staged copy and the target directory.
exec 9>"$stage.lock"
flock 9
rm -rf "$stage/contracts.new" && cp -a contracts "$stage/contracts.new"
for crate in $(laas_contracts); do
  laas_standalone "$stage/contracts.new/$crate"
done
# Move over only files whose content changed, stamped now so cargo sees the change (a
# staged manifest is rewritten every run but keeps its content).
if [ -d "$stage/contracts" ]; then
  (cd "$stage/contracts.new" && find . -type f) | while read -r f; do
    cmp -s "$stage/contracts.new/$f" "$stage/contracts/$f" || { mkdir -p "$(dirname "$stage/contracts/$f")"; cp "$stage/contracts.new/$f" "$stage/contracts/$f"; }
  done
  (cd "$stage/contracts" && find . -type f) | while read -r f; do
    [ -e "$stage/contracts.new/$f" ] || rm -f "$stage/contracts/$f"
  done
  rm -rf "$stage/contracts.new"
else
  mv "$stage/contracts.new" "$stage/contracts"
fi

drift=()
out="$LAAS_WASM_TARGET/ink"
for crate in $(laas_contracts); do
  name=$(basename "$crate")
  printf '[build] %s\n' "$crate"
  CARGO_TARGET_DIR="$LAAS_WASM_TARGET" cargo +debweb contract build --release --quiet \
    --manifest-path "$stage/contracts/$crate/Cargo.toml" >/dev/null
  [ -f "$out/$name.contract" ] || { echo "[build] no bundle produced for $name" >&2; exit 1; }
  if ! python3 scripts/abi_diff.py "abi/$name.json" "$out/$name.json"; then
    drift+=("$name")
  fi
  cp "$out/$name.contract" "$out/$name.json" abi/
done

# A second build of one crate with a feature, exported under another name: its bundle
# replaces the crate's own in the target directory until the next build, so it is removed
# after the copy.
#   variant <crate path> <feature> <exported name>
variant() {
  local crate="$1" feature="$2" export="$3" name
  name=$(basename "$crate")
  printf '[build] %s\n' "$crate --features $feature"
  CARGO_TARGET_DIR="$LAAS_WASM_TARGET" cargo +debweb contract build --release --quiet --features "$feature" \
    --manifest-path "$stage/contracts/$crate/Cargo.toml" >/dev/null
  if ! python3 scripts/abi_diff.py "abi/$export.json" "$out/$name.json"; then
    drift+=("$export")
  fi
  cp "$out/$name.contract" "abi/$export.contract"
  cp "$out/$name.json" "abi/$export.json"
  rm -f "$out/$name.contract" "$out/$name.json"
}
# The test asset's second version (its `next-version` feature adds a field in a new Lazy
# cell), which the upgrade scenario moves a deployed token to.
variant dev/test_asset next-version test_asset_next
# The pool's books code (the tasset crate with its `books` feature): what a pool runs its
# manager's messages and its views in, by delegate call.
variant liquidity/tasset books tasset_books

if [ ${#drift[@]} -gt 0 ]; then
  if [ $check -eq 1 ]; then
    echo "[build] abi/ does not match the sources for: ${drift[*]} (run scripts/build-contracts.sh and commit abi/)" >&2
    exit 1
  fi
  echo "[build] abi/ updated for: ${drift[*]}"
  # The typed client's bindings follow abi/ (CI checks them with scripts/client.sh check).
  bash scripts/client.sh gen
fi
echo "[build] bundles in abi/"
