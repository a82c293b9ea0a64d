#!/usr/bin/env bash
# Sets up what is missing, then runs every test: lint, native (core + CLI), browser
# (wasm-bindgen-test in headless Chromium) and end to end (Playwright on the release build).
# Any failure stops the run with a non-zero status.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "lint (native and wasm)"
# The whole workspace natively (the page's crates compile natively too: their pure helpers are
# tested there), then the page and its worker for the browser, tests included.
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p folio-web -p folio-worker --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p folio-web --features hooks --all-targets -- -D warnings
# The core without its default features, as the page builds it, and with every feature.
cargo clippy -p folio --no-default-features -- -D warnings
cargo clippy -p folio --all-features -- -D warnings
# The core's documentation builds without a broken link.
RUSTDOCFLAGS="-D warnings" cargo doc -p folio --no-deps --all-features --quiet

step "native tests: core, samples, CLI, trainer, the page's helpers"
# Tests that need CoNLL-2003 (FOLIO_DATA, see build.rs) are ignored without it, each with a
# reason; the list is printed again at the end so nobody misses it.
mkdir -p target
cargo test --workspace --all-targets 2>&1 | tee target/native-tests.log

step "Python wheel and the Spark pipeline (local[2]) against folio's JSON"
# The wheel's crate is outside the workspace (it builds against a Python); lint it here.
cargo fmt --manifest-path crates/python/Cargo.toml -- --check
scripts/python.sh

step "browser tests: wasm-bindgen-test in headless Chromium"
cargo test --target wasm32-unknown-unknown -p folio-web

step "release build (offline) with the tests' hooks, and the page people get for a sub-path as the Pages workflow makes it"
# dist/ carries the hooks the end-to-end tests and benchmarks call (`--features hooks`);
# dist-pages/ is the production build, which carries none (tests/e2e/ship.test.mjs checks).
trunk build --release --offline --features hooks
scripts/build-pages.sh /folio/ dist-pages

step "page weight against its budgets"
node scripts/sizes.mjs

step "fuzzing, briefly: every target for ${FOLIO_FUZZ_SECONDS:-10} s from the seed corpus"
# (Long runs, ten minutes a target and more: see fuzz/README.md.)
(
  cd fuzz
  for target in decode segment dedup tagger pipeline model archive records; do
    mkdir -p "corpus/$target"
    cp seeds/* "corpus/$target/"
    cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
      -max_total_time="${FOLIO_FUZZ_SECONDS:-10}" -max_len=20000 -print_final_stats=0 2>&1 | tail -n 1
  done
)

step "end-to-end tests: Playwright on the release build"
node --test tests/e2e/

echo
skipped=$(grep -h ' \.\.\. ignored, ' target/native-tests.log | sed 's/^test /  /' || true)
if [ -n "$skipped" ]; then
  echo "skipped for want of CoNLL-2003 data (set FOLIO_DATA to run them):"
  echo "$skipped"
fi
echo "all tests passed"
