#!/usr/bin/env bash
# A real contracts chain in seconds, on any machine: chopsticks (npm, pinned in chain/) running
# substrate-contracts-node 0.42.0's own runtime from its dev chain spec (chain/, committed), one
# block per transaction. Its blocks are stamped by chopsticks, not the wall clock: the deploy
# tool moves its clock (`--time-travel`) instead of waiting. See chain/ for the one patch it
# needs (child-trie reads at genesis).
#
#   scripts/chain.sh start    install chopsticks if missing (cached), start on 127.0.0.1:8011
#   scripts/chain.sh stop     stop it
#   scripts/chain.sh status   whether it runs
#   scripts/chain.sh spec     regenerate chain/contracts-node.spec.json.gz from the cached node
#                             binary (scripts/node.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

PORT="${LAAS_CHAIN_PORT:-8011}"
SPEC="chain/contracts-node.spec.json.gz"
# chopsticks is installed once per lockfile, outside the clone.
LOCK_HASH="$(sha256sum chain/package-lock.json | cut -c1-16)"
TOOL_DIR="$LAAS_CACHE/chopsticks-$LOCK_HASH"
RUN_DIR="$LAAS_CACHE/chain-run"

log() { printf '[chain] %s\n' "$*"; }
die() { printf '[chain] ERROR: %s\n' "$*" >&2; exit 1; }

install() {
  command -v npm >/dev/null || die "npm is missing: run scripts/setup.sh"
  if [ ! -x "$TOOL_DIR/node_modules/.bin/chopsticks" ]; then
    log "installing chopsticks (chain/package-lock.json) into $TOOL_DIR"
    rm -rf "$TOOL_DIR.new" && mkdir -p "$TOOL_DIR.new"
    cp chain/package.json chain/package-lock.json "$TOOL_DIR.new/"
    (cd "$TOOL_DIR.new" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed"
    rm -rf "$TOOL_DIR" && mv "$TOOL_DIR.new" "$TOOL_DIR"
  fi
  node chain/patch-genesis-provider.cjs "$TOOL_DIR" >/dev/null || die "patching chopsticks failed"
}

start() {
  install
  mkdir -p "$RUN_DIR"
  if [ -f "$RUN_DIR/pid" ] && kill -0 "$(cat "$RUN_DIR/pid")" 2>/dev/null; then
    log "already running (pid $(cat "$RUN_DIR/pid")) on ws://127.0.0.1:$PORT"
    return 0
  fi
  gunzip -c "$SPEC" > "$RUN_DIR/spec.json"
  (cd "$RUN_DIR" && exec node "$TOOL_DIR/node_modules/@acala-network/chopsticks/chopsticks.cjs" \
    --chain-spec="$RUN_DIR/spec.json" --port "$PORT" --build-block-mode Instant >"$RUN_DIR/chain.log" 2>&1) &
  echo $! > "$RUN_DIR/pid"
  local t=$SECONDS
  for _ in $(seq 1 120); do
    if grep -q "RPC listening" "$RUN_DIR/chain.log" 2>/dev/null; then
      log "running (pid $(cat "$RUN_DIR/pid")) on ws://127.0.0.1:$PORT, up in $((SECONDS - t)) s"
      return 0
    fi
    kill -0 "$(cat "$RUN_DIR/pid")" 2>/dev/null || die "chopsticks exited; see $RUN_DIR/chain.log"
    sleep 1
  done
  stop
  die "chopsticks did not listen on port $PORT within 120 s; see $RUN_DIR/chain.log"
}

stop() {
  if [ -f "$RUN_DIR/pid" ]; then
    local pid
    pid="$(cat "$RUN_DIR/pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      log "stopped (pid $pid)"
    fi
    rm -f "$RUN_DIR/pid"
  fi
}

spec() {
  local bin
  bin="$(bash scripts/node.sh path)" || die "no node binary: run scripts/node.sh build first"
  # chopsticks wants the spec's `properties` to be an object; the dev spec has none.
  "$bin" build-spec --dev --raw 2>/dev/null | python3 -c '
import json, sys
spec = json.load(sys.stdin)
spec["properties"] = {"tokenSymbol": "UNIT", "tokenDecimals": 12, "ss58Format": 42}
spec["bootNodes"] = []
json.dump(spec, sys.stdout, sort_keys=True)' | gzip -9 -n > "$SPEC"
  log "wrote $SPEC ($(wc -c < "$SPEC") bytes)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if [ -f "$RUN_DIR/pid" ] && kill -0 "$(cat "$RUN_DIR/pid")" 2>/dev/null; then log "running: pid $(cat "$RUN_DIR/pid")"; else log "not running"; fi ;;
  spec) spec ;;
  *) echo "usage: scripts/chain.sh start|stop|status|spec" >&2; exit 2 ;;
esac
