#!/usr/bin/env bash
# A local substrate-contracts-node (crates.io `contracts-node` 0.42.0), built once per machine
# and cached outside the clone.
#
#   scripts/node.sh build    build and cache the binary if missing (about 100 minutes on 2
#                            cores the first time; seconds when cached)
#   scripts/node.sh start    start a dev node on 127.0.0.1:9944 (temporary state), wait for RPC
#   scripts/node.sh stop     stop it
#   scripts/node.sh status   print the binary path and whether a node is running
#   scripts/node.sh path     print the binary path if it is built (exit 1 otherwise)
#
# Why the build needs more than `cargo install` (../shared/TOOLCHAIN.md): the node's runtime
# is compiled to WASM by substrate-wasm-builder, which needs a wasm32 standard library. Debian's
# rustc-web ships only the host one, so this script builds core/alloc/std for
# wasm32-unknown-unknown from rust-src once, into a private sysroot, and hands the wasm builder a
# toolchain whose `rustc` adds `--sysroot` for it. The runtime's own dependency resolution must
# use the crate's lockfile (WASM_BUILD_WORKSPACE_HINT), or it picks crates needing a newer Rust.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

VERSION="0.42.0"
NODE_DIR="$LAAS_CACHE/node-$VERSION"
NODE_BIN="$NODE_DIR/bin/substrate-contracts-node"
RUN_DIR="$LAAS_CACHE/node-run"
RPC_PORT="${LAAS_NODE_PORT:-9944}"

log() { printf '[node] %s\n' "$*"; }
die() { printf '[node] ERROR: %s\n' "$*" >&2; exit 1; }

apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

# A sysroot holding the host libraries (linked from Debian's) and a wasm32 std built here.
build_sysroot() {
  local sysroot="$NODE_DIR/sysroot" wasm_lib
  wasm_lib="$sysroot/lib/rustlib/wasm32-unknown-unknown/lib"
  [ -f "$sysroot/.built" ] && return 0
  log "building a wasm32 standard library from rust-src (once)"
  mkdir -p "$sysroot/lib/rustlib" "$wasm_lib"
  for d in src etc x86_64-unknown-linux-gnu; do
    ln -sfn "/usr/lib/rustlib/$d" "$sysroot/lib/rustlib/$d"
  done
  local crate="$NODE_DIR/std-build"
  mkdir -p "$crate/src"
  printf '[package]\nname = "std-build"\nversion = "0.0.0"\nedition = "2021"\n[workspace]\n' > "$crate/Cargo.toml"
  printf 'pub fn touch() {}\n' > "$crate/src/lib.rs"
  (cd "$crate" && RUSTC_BOOTSTRAP=1 __CARGO_DEFAULT_LIB_METADATA=laas-node \
    cargo +debweb build --quiet --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
  cp "$crate/target/wasm32-unknown-unknown/release/deps/"*.rlib "$wasm_lib/"
  touch "$sysroot/.built"
}

# A rustup toolchain `laas-node` whose rustc uses that sysroot.
link_toolchain() {
  local tc="$NODE_DIR/toolchain" sysroot="$NODE_DIR/sysroot"
  mkdir -p "$tc/bin"
  cat > "$tc/bin/rustc" <<EOF
#!/usr/bin/env bash
for arg in "\$@"; do
  case "\$arg" in --sysroot|--sysroot=*) exec /usr/bin/rustc "\$@" ;; esac
done
exec /usr/bin/rustc --sysroot "$sysroot" "\$@"
EOF
  chmod +x "$tc/bin/rustc"
  ln -sfn /usr/bin/cargo "$tc/bin/cargo"
  ln -sfn /usr/bin/rustdoc "$tc/bin/rustdoc"
  ln -sfn "$sysroot/lib" "$tc/lib"
  rustup toolchain list | grep -q '^laas-node' || rustup toolchain link laas-node "$tc"
}

# The crate's own manifest and lockfile, for the wasm builder to resolve the runtime with.
workspace_hint() {
  local hint="$NODE_DIR/crate"
  [ -f "$hint/Cargo.lock" ] && return 0
  log "fetching contracts-node $VERSION's source"
  mkdir -p "$hint"
  curl -sSfL "https://static.crates.io/crates/contracts-node/contracts-node-$VERSION.crate" \
    | tar -xz -C "$hint" --strip-components=1 || die "could not download contracts-node $VERSION from crates.io"
}

build() {
  if [ -x "$NODE_BIN" ]; then
    log "cached: $NODE_BIN"
    return 0
  fi
  bash scripts/setup.sh >/dev/null
  apt_install clang libclang-dev protobuf-compiler
  build_sysroot
  link_toolchain
  workspace_hint
  log "building contracts-node $VERSION (about 100 minutes on 2 cores the first time)"
  local start=$SECONDS
  WASM_BUILD_TOOLCHAIN=laas-node \
  WASM_BUILD_WORKSPACE_HINT="$NODE_DIR/crate" \
  __CARGO_DEFAULT_LIB_METADATA=laas-node \
  CARGO_TARGET_DIR="$NODE_DIR/target" \
    nice -n 10 cargo +debweb install "contracts-node@$VERSION" --locked --root "$NODE_DIR" \
    || die "building contracts-node failed (see the output above)"
  [ -x "$NODE_BIN" ] || die "the build finished but $NODE_BIN is missing"
  log "built in $(( (SECONDS - start) / 60 )) min: $NODE_BIN"
  # The build directory is large (about 9 GB) and not needed to run the node.
  rm -rf "$NODE_DIR/target"
}

start() {
  [ -x "$NODE_BIN" ] || die "no node binary: run scripts/node.sh build first"
  mkdir -p "$RUN_DIR"
  if [ -f "$RUN_DIR/pid" ] && kill -0 "$(cat "$RUN_DIR/pid")" 2>/dev/null; then
    log "already running (pid $(cat "$RUN_DIR/pid")) on ws://127.0.0.1:$RPC_PORT"
    return 0
  fi
  "$NODE_BIN" --dev --tmp --rpc-port "$RPC_PORT" --listen-addr /ip4/127.0.0.1/tcp/30333 \
    --no-prometheus --no-telemetry --no-mdns >"$RUN_DIR/node.log" 2>&1 &
  echo $! > "$RUN_DIR/pid"
  local body='{"id":1,"jsonrpc":"2.0","method":"chain_getHeader","params":[]}'
  for _ in $(seq 1 60); do
    if curl -sf -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$RPC_PORT" | grep -q '"number"'; then
      log "running (pid $(cat "$RUN_DIR/pid")) on ws://127.0.0.1:$RPC_PORT"
      return 0
    fi
    kill -0 "$(cat "$RUN_DIR/pid")" 2>/dev/null || die "the node exited; see $RUN_DIR/node.log"
    sleep 1
  done
  stop
  die "the node did not answer on port $RPC_PORT within 60 s; see $RUN_DIR/node.log"
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

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status)
    if [ -x "$NODE_BIN" ]; then log "binary: $NODE_BIN"; else log "binary: not built (scripts/node.sh build)"; fi
    if [ -f "$RUN_DIR/pid" ] && kill -0 "$(cat "$RUN_DIR/pid")" 2>/dev/null; then log "running: pid $(cat "$RUN_DIR/pid")"; else log "not running"; fi ;;
  path) [ -x "$NODE_BIN" ] && echo "$NODE_BIN" ;;
  *) echo "usage: scripts/node.sh build|start|stop|status|path" >&2; exit 2 ;;
esac
