#!/usr/bin/env bash
# Installs everything the suite needs to build and test, idempotently.
# Quick when everything is already present; fails with a clear message otherwise.
#
#   - Debian's rustc-web 1.85 (with rust-src) linked as the rustup toolchain `debweb`,
#     used only for the contracts (WASM, -Zbuild-std).
#   - rust-lld from rust-web-llvm + lld-22 (the wasm linker cargo-contract needs).
#   - cargo-contract 5.0.3 (built with the stable toolchain, cached in ~/.cargo/bin).
#
# See ../shared/TOOLCHAIN.md for why these exact versions.
set -euo pipefail

RUST_WEB_VERSION="1.85.0+dfsg3-1~deb12u3"
CARGO_CONTRACT_VERSION="5.0.3"

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "not root and no sudo: cannot install Debian packages"
  SUDO="sudo"
fi

installed_version() { dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null | awk '$3=="installed"{print $4}'; }

# 1. Debian packages ---------------------------------------------------------------
pinned=(rustc-web cargo-web rust-web-src libstd-rust-web-dev rust-web-clippy)
unpinned=(rust-web-llvm lld-22)
want=()
for p in "${pinned[@]}"; do
  [ "$(installed_version "$p")" = "$RUST_WEB_VERSION" ] || want+=("$p=$RUST_WEB_VERSION")
done
for p in "${unpinned[@]}"; do
  [ -n "$(installed_version "$p")" ] || want+=("$p")
done
if [ ${#want[@]} -gt 0 ]; then
  log "installing Debian packages: ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || die "apt-get update failed"
  $SUDO apt-get install -y -qq --allow-downgrades "${want[@]}" >/dev/null \
    || die "could not install ${want[*]} (is Debian bookworm's main archive reachable?)"
else
  log "Debian rust-web ${RUST_WEB_VERSION} packages present"
fi

# Node.js and npm run chopsticks, the chain the smoke test deploys onto (scripts/chain.sh). A
# machine may have them from elsewhere (a nodejs build that bundles npm conflicts with Debian's
# npm package): only what is missing as a command is installed.
node_want=()
command -v node >/dev/null 2>&1 || node_want+=(nodejs)
command -v npm >/dev/null 2>&1 || node_want+=(npm)
if [ ${#node_want[@]} -gt 0 ]; then
  log "installing Debian packages: ${node_want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || die "apt-get update failed"
  $SUDO apt-get install -y -qq "${node_want[@]}" >/dev/null || die "could not install ${node_want[*]}"
else
  log "node $(node --version) and npm $(npm --version) present"
fi
command -v rust-lld >/dev/null 2>&1 || die "rust-lld not found after installing rust-web-llvm"
rust-lld -flavor wasm --version >/dev/null 2>&1 || die "rust-lld cannot link wasm (lld-22 missing?)"

# 2. The `debweb` rustup toolchain ---------------------------------------------------
command -v rustup >/dev/null 2>&1 || die "rustup not found: the machine's Rust toolchain is required"
if ! rustup toolchain list | grep -q '^debweb'; then
  log "linking rustup toolchain debweb -> /usr"
  rustup toolchain link debweb /usr
fi
rustc +debweb --version | grep -q '^rustc 1\.85\.' || die "toolchain debweb is not rustc 1.85"
[ -d /usr/lib/rustlib/src/rust/library ] || die "rust-src of rustc-web missing (/usr/lib/rustlib/src/rust/library)"

# 3. cargo-contract -----------------------------------------------------------------
if cargo contract --version 2>/dev/null | grep -q " ${CARGO_CONTRACT_VERSION}-"; then
  log "cargo-contract ${CARGO_CONTRACT_VERSION} present"
else
  log "installing cargo-contract ${CARGO_CONTRACT_VERSION} (one-off, 15-25 minutes on 2 cores)"
  cargo +stable install "cargo-contract@${CARGO_CONTRACT_VERSION}" --locked --quiet \
    || die "cargo install cargo-contract@${CARGO_CONTRACT_VERSION} failed"
fi

log "toolchain ready"
