#!/usr/bin/env bash
# The one way in to Folio's benchmarks.
#
#   scripts/bench.sh                 lists them, each with what it measures and against what
#   scripts/bench.sh NAME [ARGS...]  runs one (its settings are environment variables, listed)
#
# Each compares Folio with what a user would otherwise run (awk, compromise) on the same input
# in the same run; the README's sections give their figures and how they were taken.
source "$(dirname "$0")/lib/preamble.sh"

# name | what it measures, against what | settings
benchmarks=(
  "core|decode, segment and dedup on one thread, MB/s, against awk '!seen[\$0]++' (cargo bench)|FOLIO_BENCH_MB=10,50"
  "legacy|folio --no-entities on a 50 MB Windows-1252 dump, against awk|FOLIO_BENCH_TURNS=5"
  "mixed|folio --no-entities on 300 files (250 UTF-8, 50 Windows-1252), against awk|FOLIO_NEWS=folder FOLIO_BENCH_TURNS=5"
  "scale|folio on real news at 1x, 2x, 4x and 8x, --jobs 1 and 2: time per article|FOLIO_NEWS=folder (required); ARGS: base MB"
  "entities|folio --annotate against compromise: tokens and words a second|FOLIO_BENCH_WORDS=200000 FOLIO_BENCH_RUNS=3"
  "browser|the page in headless Chromium: folders read, first article, long tasks, memory; its tagger against compromise in a page|FOLIO_PAGE_MB=1,10,100 FOLIO_PAGE_NEWS=folder FOLIO_PAGE_WORKERS=N FOLIO_BENCH_ENTITIES=0"
  "codec|the worker bridge's two codecs (bincode, serde-wasm-bindgen) in Chromium|"
  "trace-page|where the tab's time goes reading a folder: busy time per thread, the page thread's work and functions (a Chrome trace, no comparison)|FOLIO_PAGE_NEWS=folder FOLIO_PAGE_MB=10 FOLIO_PAGE_WORKERS=2 FOLIO_PAGE_SETTLE=3; ARGS: trace file"
  "profile-wasm|where tagging spends its time as WebAssembly in V8 (no comparison: a profile)|ARGS: model file"
  "spark|the PySpark pipeline: sign and tag per core, shuffle bytes per article (after scripts/python.sh)|FOLIO_BENCH_ARTICLES=20000"
)

list() {
  echo "scripts/bench.sh NAME [ARGS...] runs one of:"
  for b in "${benchmarks[@]}"; do
    IFS='|' read -r name what settings <<<"$b"
    printf '  %-13s %s\n' "$name" "$what"
    [ -n "$settings" ] && printf '  %-13s   (%s)\n' "" "$settings"
  done
  return 0
}

name=${1:-}
[ $# -gt 0 ] && shift
case "$name" in
  "" | -h | --help | list) list ;;
  core) cargo bench --bench core "$@" ;;
  legacy) exec scripts/bench-legacy.sh "$@" ;;
  mixed) exec scripts/bench-mixed.sh "$@" ;;
  scale) exec scripts/bench-scale.sh "$@" ;;
  entities) exec node scripts/bench-entities.mjs "$@" ;;
  browser) exec node scripts/bench-browser.mjs "$@" ;;
  codec) exec scripts/bench-codec.sh "$@" ;;
  trace-page) exec node scripts/trace-page.mjs "$@" ;;
  profile-wasm) exec node scripts/profile-wasm.mjs "$@" ;;
  spark) exec "$root/target/python-venv/bin/python" scripts/bench-spark.py "$@" ;;
  *)
    echo "bench.sh: no benchmark named '$name'" >&2
    list >&2
    exit 2
    ;;
esac
