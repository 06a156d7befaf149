#!/usr/bin/env bash
# Sets up the toolchain, builds every contract into abi/, deploys the suite from
# deploy/laas.toml into drink's in-process sandbox (no node needed) and runs the demo user
# story, printing what happens.
#
#   scripts/demo.sh           the sandbox demo
#   scripts/demo.sh --node    the same manifest onto a local dev node instead (built once per
#                             machine, about 100 min), with the smoke story through its RPC
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build-contracts.sh
case "${1:-}" in
  --node) exec bash scripts/node-smoke.sh ;;
  "") ;;
  *) echo "usage: scripts/demo.sh [--node]" >&2; exit 2 ;;
esac
cd e2e-tests
CARGO_TARGET_DIR="$LAAS_HOST_TARGET" cargo run --quiet --locked --bin demo
