#!/usr/bin/env bash
# Deploys deploy/laas.toml onto a local dev node (substrate-contracts-node, scripts/node.sh)
# with the deploy tool and runs the smoke story through the node's RPC: an LP deposits, the
# keeper rolls 75-second cycles over, the LP withdraws; then the governance handover: one DAO
# proposal (one-minute vote and timelock on this network) hands every governed contract to the
# DAO, and its report shows the deployer holding nothing. A second deploy run must reuse every
# contract and skip every wiring step. Addresses are written to deployments/local.json.
#
#   scripts/node-smoke.sh              build the node if needed (about 100 min the first time)
#   scripts/node-smoke.sh --if-built   skip with a notice if the node is not built (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [ "${1:-}" = "--if-built" ] && ! bash scripts/node.sh path >/dev/null 2>&1; then
  echo "[node-smoke] SKIPPED: no substrate-contracts-node is cached on this machine;"
  echo "[node-smoke] run 'bash scripts/demo.sh --node' to build it (once) and run the node smoke test"
  exit 0
fi
bash scripts/node.sh build
[ -f abi/reactor.contract ] || bash scripts/build-contracts.sh
(cd e2e-tests && CARGO_TARGET_DIR="$LAAS_HOST_TARGET" cargo build --quiet --locked --bin laas-deploy)
deploy="$LAAS_HOST_TARGET/debug/laas-deploy"
port="${LAAS_NODE_PORT:-9944}"

started=""
if ! bash scripts/node.sh status 2>/dev/null | grep -q 'running: pid'; then
  bash scripts/node.sh start
  started=1
fi
stop_node() { [ -n "$started" ] && bash scripts/node.sh stop; }
trap stop_node EXIT

t=$SECONDS
"$deploy" --network local --url "ws://127.0.0.1:$port" --smoke --handover
echo "[node-smoke] deployed, ran the story and handed over in $((SECONDS - t)) s"

echo "[node-smoke] deploying again: everything must be reused"
again=$("$deploy" --network local --url "ws://127.0.0.1:$port")
echo "$again" | tail -2
echo "$again" | grep -q '^== deployed 0 contract(s), reused 15, sent 0 call(s)' \
  || { echo "[node-smoke] FAILED: the second run was not idempotent" >&2; exit 1; }
echo "[node-smoke] passed"
