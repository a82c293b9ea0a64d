#!/usr/bin/env bash
# Installs exactly what Folio's build and tests need and is missing, at pinned versions.
# Idempotent: on a machine that already has everything it only checks versions (a few seconds).
set -euo pipefail

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

say() { echo "setup: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli also provides wasm-bindgen-test-runner, the runner for the browser tests.
# Not --locked: the registry lacks one of its locked dependencies.
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Fuzzing (cargo fuzz, on the installed nightly toolchain) is for tests only.
if [ "${FOLIO_SETUP:-all}" != build ] && ! cargo fuzz --version 2>/dev/null | grep -q "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# FOLIO_SETUP=build (the Pages workflow) needs no browser: it only builds.
if [ "${FOLIO_SETUP:-all}" != build ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian's chromium and chromium-driver"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# npm: binaryen (wasm-opt), playwright-core, compromise, axe-core — pinned in package-lock.json.
stamp=node_modules/.folio-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

wasm-opt --version | grep -q "version 132" || { say "wasm-opt is not binaryen 132"; exit 1; }
say "ready"
