#!/usr/bin/env bash
# Sets up the toolchain and runs every test: unit and property tests of all crates, the
# contract build with the ABI check, the typed client's bindings checked against abi/, the
# sandbox scenarios against the compiled WASM, the benchmark figures, the suite deployed onto
# a real chain (chopsticks), and onto a local node when one is built.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
# Every cargo test run's output is kept to total the results at the end.
results=$(mktemp)
trap 'rm -f "$results"' EXIT
t0=$SECONDS
bash scripts/setup.sh
source scripts/env.sh
# The shared host target keeps every test executable each clone ever linked (200-500 MB each,
# a few GB per clone): keep only the newest of each name, and incremental state younger than a
# day (only relinking or recompiling a clone's own crates is lost, never the dependencies).
prune_host_target() {
  local deps="$LAAS_HOST_TARGET/debug/deps" seen=" " path name
  [ -d "$deps" ] || return 0
  while IFS= read -r path; do
    name=$(basename "$path")
    name=${name%-*}
    case "$seen" in
      *" $name "*) rm -f "$path" ;;
      *) seen="$seen$name " ;;
    esac
  done < <(find "$deps" -maxdepth 1 -type f ! -name '*.*' -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
  find "$LAAS_HOST_TARGET/debug/incremental" -mindepth 1 -maxdepth 1 -mtime +0 -exec rm -rf {} + 2>/dev/null || true
}
prune_host_target
t_setup=$((SECONDS - t0))

step "unit and property tests (contracts and libraries)"
t=$SECONDS
CARGO_TARGET_DIR="$LAAS_HOST_TARGET" cargo test --workspace --locked 2>&1 | tee -a "$results"
t_unit=$((SECONDS - t))

step "build contracts, check abi/"
t=$SECONDS
bash scripts/build-contracts.sh --check
t_build=$((SECONDS - t))

step "typed client: bindings generated from abi/, type-check"
t=$SECONDS
bash scripts/client.sh check
t_client=$((SECONDS - t))

step "scenario and deploy-tool tests (drink sandbox, real WASM)"
t=$SECONDS
(cd e2e-tests && CARGO_TARGET_DIR="$LAAS_HOST_TARGET" cargo test --workspace --locked) 2>&1 | tee -a "$results"
t_e2e=$((SECONDS - t))

step "benchmark (weights and storage deposits)"
t=$SECONDS
bash scripts/bench.sh --check
t_bench=$((SECONDS - t))

step "chain smoke test (deploy tool, story and handover on chopsticks running the contracts node's runtime)"
t=$SECONDS
bash scripts/chain-smoke.sh
t_chain=$((SECONDS - t))

step "node smoke test (deploy tool and story on a local node, when one is built)"
t=$SECONDS
bash scripts/node-smoke.sh --if-built
t_node=$((SECONDS - t))

printf '\n== timings (s): setup %d, unit %d, contracts %d, client %d, scenarios %d, bench %d, chain %d, node %d, total %d\n' \
  "$t_setup" "$t_unit" "$t_build" "$t_client" "$t_e2e" "$t_bench" "$t_chain" "$t_node" "$((SECONDS - t0))"
python3 - "$results" <<'PY'
import re, sys
passed = failed = 0
for m in re.finditer(r"test result: \w+\. (\d+) passed; (\d+) failed", open(sys.argv[1]).read()):
    passed += int(m.group(1)); failed += int(m.group(2))
print(f"\nall tests: {passed} passed, {failed} failed")
PY
