#!/usr/bin/env bash
# Sets up the toolchain, builds every contract into abi/, and runs the demo user story in
# drink's in-process sandbox (no node needed), printing what happens.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build-contracts.sh
cd e2e-tests
CARGO_TARGET_DIR="$LAAS_HOST_TARGET" cargo run --quiet --locked --bin demo
