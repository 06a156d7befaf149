#!/usr/bin/env bash
# The typed client's contract bindings (dapp/client/src/bindings/), generated from abi/ by
# dedot's typink generator (pinned in dapp/client/package-lock.json), never written by hand.
#
#   scripts/client.sh gen      regenerate every contract's bindings from abi/*.json
#   scripts/client.sh check    fail if the committed bindings differ from what abi/ generates,
#                              type-check the client and run its unit tests — run by scripts/test.sh
#   scripts/client.sh smoke [--url … --deployments DIR --network NAME]
#                              the client's smoke story against a deployed suite on a dev chain
#                              (scripts/chain-smoke.sh runs it on chopsticks)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

CLIENT="dapp/client"
BINDINGS="$CLIENT/src/bindings"
# The client's npm packages are installed once per lockfile, outside the clone.
LOCK_HASH="$(sha256sum "$CLIENT/package-lock.json" | cut -c1-16)"
TOOL_DIR="$LAAS_CACHE/client-$LOCK_HASH"

log() { printf '[client] %s\n' "$*"; }
die() { printf '[client] ERROR: %s\n' "$*" >&2; exit 1; }

install() {
  command -v npm >/dev/null || die "npm is missing: run scripts/setup.sh"
  if [ ! -x "$TOOL_DIR/node_modules/.bin/dedot" ]; then
    log "installing the client's packages ($CLIENT/package-lock.json) into $TOOL_DIR"
    rm -rf "$TOOL_DIR.new" && mkdir -p "$TOOL_DIR.new"
    cp "$CLIENT/package.json" "$CLIENT/package-lock.json" "$TOOL_DIR.new/"
    (cd "$TOOL_DIR.new" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed"
    rm -rf "$TOOL_DIR" && mv "$TOOL_DIR.new" "$TOOL_DIR"
  fi
  # The client resolves its packages from the cached install.
  ln -sfn "$TOOL_DIR/node_modules" "$CLIENT/node_modules"
}

# Compiles the client, its tests and scripts into dapp/client/dist (not committed).
compile() {
  rm -rf "$CLIENT/dist"
  (cd "$CLIENT" && "$TOOL_DIR/node_modules/.bin/tsc" -p tsconfig.json --noEmit false --outDir dist) || die "the client does not compile"
}

# Generates every contract's bindings into $1.
generate() {
  local out="$1" meta
  rm -rf "$out" && mkdir -p "$out"
  for meta in abi/*.json; do
    # The test asset's second version exists only for the upgrade scenario.
    [ "$(basename "$meta")" = "test_asset_next.json" ] && continue
    # Named after the file: the pool's books code shares the pool's contract name.
    "$TOOL_DIR/node_modules/.bin/dedot" typink -m "$meta" -o "$out" -c "$(basename "$meta" .json)" >/dev/null 2>&1 \
      || die "dedot could not generate bindings for $meta"
  done
}

case "${1:-}" in
  gen)
    install
    generate "$BINDINGS"
    log "bindings for $(ls "$BINDINGS" | wc -l) contracts in $BINDINGS"
    ;;
  check)
    install
    fresh="$(mktemp -d)"
    trap 'rm -rf "$fresh"' EXIT
    generate "$fresh"
    diff -r "$BINDINGS" "$fresh" >/dev/null \
      || { diff -r "$BINDINGS" "$fresh" | head -20; die "the committed bindings differ from abi/: run scripts/client.sh gen"; }
    log "bindings match abi/ ($(ls "$BINDINGS" | wc -l) contracts)"
    compile
    log "the client type-checks"
    (cd "$CLIENT" && node --test dist/test/) || die "the client's unit tests failed"
    ;;
  smoke)
    shift
    install
    compile
    node "$CLIENT/dist/bin/smoke.js" "$@"
    ;;
  *) echo "usage: scripts/client.sh gen|check|smoke" >&2; exit 2 ;;
esac
