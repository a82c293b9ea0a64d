#!/usr/bin/env bash
# Trains the tagger with several shuffling seeds and prints each seed's dev (eng.testa) and
# WikiGold F1 as Folio shows names (the tagger and the name rules), and their means: a change
# is kept only when the mean improves on dev without lowering WikiGold (models/README.md).
#   scripts/seeds.sh [SEEDS] [FIT FLAGS...]     e.g. scripts/seeds.sh "0 1 2 3" --holidays
# SEEDS defaults to "0 1 2 3"; the flags go to `train fit` (`target/release/train fit --help`
# lists them). Models go to a temp folder, two seeds at a time (the machine has two cores);
# FOLIO_KEEP_MODELS=DIR keeps them there. FOLIO_DATA says where conll2003/ is, as for the tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seeds=${1:-0 1 2 3}
shift || true
flags=("$@")
out=${FOLIO_KEEP_MODELS:-$(mktemp -d)}
mkdir -p "$out"
cargo build --release --quiet -p folio-train
run() {
  target/release/train fit --seed "$1" --out "$out/seed$1.bin" ${flags[@]+"${flags[@]}"} \
    >"$out/seed$1.out" 2>"$out/seed$1.err"
}
set -- $seeds
while [ $# -gt 0 ]; do
  run "$1" & first=$!
  second=
  if [ $# -gt 1 ]; then run "$2" & second=$!; fi
  # A run that fails stops the script, its error shown: an empty table is no result.
  wait "$first" || { tail -5 "$out/seed$1.err"; exit 1; }
  if [ -n "$second" ]; then wait "$second" || { tail -5 "$out/seed$2.err"; exit 1; }; fi
  shift; [ $# -gt 0 ] && shift
done
printf '%-6s %-8s %-8s\n' seed dev WikiGold
for s in $seeds; do
  dev=$(grep -A1 'dev (eng.testa) as Folio shows names' "$out/seed$s.out" | awk '/^all/ {print $7}')
  wiki=$(grep -A1 '^WikiGold' "$out/seed$s.out" | awk '/^all/ {print $7}')
  printf '%-6s %-8s %-8s\n' "$s" "$dev" "$wiki"
done | tee "$out/table"
awk '{d+=$2; w+=$3; n++} END {printf "mean   %.4f   %.4f\n", d/n, w/n}' "$out/table"
