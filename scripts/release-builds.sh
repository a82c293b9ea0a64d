#!/usr/bin/env bash
# Builds the release page N times in a row (default 20), each into a fresh folder, and checks
# every build's integrity digests against its files (scripts/check-integrity.mjs; the build's
# own post-build hook checks too, so a bad build fails at once). Trunk's pipelines run in
# parallel, and a digest taken while another pipeline rewrote the file made a page that never
# started: this is how to show that no longer happens. Not part of the test suite (minutes).
#   scripts/release-builds.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-20}
FOLIO_SETUP=build "$root/scripts/setup.sh"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq 1 "$n"); do
  # A touched source makes each build link and run wasm-bindgen again, as a real change does.
  touch crates/web/src/main.rs crates/worker/src/main.rs
  trunk build --release --offline --dist "$out/$i" >"$out/$i.log" 2>&1 || {
    tail -n 20 "$out/$i.log"
    echo "release build $i of $n failed"
    exit 1
  }
  node scripts/check-integrity.mjs "$out/$i"
  rm -rf "$out/$i"
done
echo "$n release builds in a row, every integrity digest right"
