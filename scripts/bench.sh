#!/usr/bin/env bash
# Prints the weights (ref_time, proof_size) and storage deposits of the suite's main messages,
# measured in drink's sandbox against the compiled contracts in abi/.
#
# TOKE's transfer is compared with the `psp22` crate's own example token, built here from the
# crate's published source with the same toolchain, cargo-contract, dependency versions
# (this workspace's Cargo.lock) and release profile as the suite's contracts.
#
#   scripts/bench.sh [--check]     --check: exit non-zero if a target is missed
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# Locate the psp22 crate's source that this workspace resolves to.
src=$(cargo metadata --format-version 1 --locked 2>/dev/null | python3 -c '
import json, sys, os
meta = json.load(sys.stdin)
print(next(os.path.dirname(p["manifest_path"]) for p in meta["packages"] if p["name"] == "psp22"))')
ref="$LAAS_CACHE/psp22-reference"
bundle="$LAAS_WASM_TARGET/ink/psp22.contract"
stamp="$src $(sha256sum Cargo.lock | cut -d' ' -f1) $(sha256sum "$0" | cut -d' ' -f1)"
if [ ! -f "$bundle" ] || [ "$(cat "$bundle.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "[bench] building the psp22 reference token from $src"
  rm -rf "$ref" && mkdir -p "$ref" && cp -r "$src"/. "$ref"/
  rm -f "$ref/Cargo.toml.orig"
  # cargo-contract's clippy gate rejects the crate's error enum as the derive of
  # parity-scale-codec 3.7 expands it (see ../shared/TOOLCHAIN.md); allow that one lint on that
  # one enum, as the suite's own contracts do. A lint attribute changes no generated code.
  sed -i 's/^pub enum PSP22Error/#[allow(clippy::cast_possible_truncation)]\npub enum PSP22Error/' "$ref/errors.rs"
  # Built exactly like the suite's contracts: same lockfile, same release profile.
  laas_standalone "$ref"
  CARGO_TARGET_DIR="$LAAS_WASM_TARGET" cargo +debweb contract build --release --quiet \
    --manifest-path "$ref/Cargo.toml" >/dev/null
  printf '%s' "$stamp" > "$bundle.stamp"
fi

cd e2e-tests
LAAS_PSP22_REFERENCE="$bundle" CARGO_TARGET_DIR="$LAAS_HOST_TARGET" \
  cargo run --quiet --locked --bin bench -- "$@"
