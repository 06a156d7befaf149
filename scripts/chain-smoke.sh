#!/usr/bin/env bash
# The node smoke test on a real chain that needs no node build: chopsticks running the
# contracts node's runtime (scripts/chain.sh). Deploys deploy/laas.toml with the deploy tool,
# runs the smoke story (deposit, rollovers, withdraw, tWETH's NAV in the registry), the launch
# manifest (a DeGenesis, deploy/launch.toml) and the
# governance handover, moving the chain's clock instead of waiting; then the typed client's
# own story (dapp/client/bin/smoke.ts: deposit, rollovers, withdraw, stake and vote, cover);
# then a second run must reuse every contract and skip every wiring step. Runs on every CI
# machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

[ -f abi/reactor.contract ] || bash scripts/build-contracts.sh
(cd e2e-tests && CARGO_TARGET_DIR="$LAAS_HOST_TARGET" cargo build --quiet --locked --bin laas-deploy)
deploy="$LAAS_HOST_TARGET/debug/laas-deploy"
port="${LAAS_CHAIN_PORT:-8011}"
out="$(mktemp -d)"

bash scripts/chain.sh stop >/dev/null
bash scripts/chain.sh start
finish() { bash scripts/chain.sh stop; rm -rf "$out"; }
trap finish EXIT

t=$SECONDS
"$deploy" --network local --url "ws://127.0.0.1:$port" --out "$out" --time-travel --smoke --launch --handover
echo "[chain-smoke] deployed, ran the story and handed over in $((SECONDS - t)) s"

t=$SECONDS
bash scripts/client.sh smoke --url "ws://127.0.0.1:$port" --deployments "$out" --network local --abi abi
echo "[chain-smoke] the typed client's story passed in $((SECONDS - t)) s"

echo "[chain-smoke] deploying again: everything must be reused"
again=$("$deploy" --network local --url "ws://127.0.0.1:$port" --out "$out" --time-travel)
echo "$again" | tail -2
echo "$again" | grep -q '^== deployed 0 contract(s), reused 15, sent 0 call(s)' \
  || { echo "[chain-smoke] FAILED: the second run was not idempotent" >&2; exit 1; }
echo "[chain-smoke] passed"
