#!/usr/bin/env bash
# Cost per article as a collection of real news grows: `folio` (tagging and the entity index
# included) over the first 1x, 2x, 4x and 8x of a folder of real news, in reading order, with
# `--jobs 1` and with every core. Nothing in Folio may cost more per article as the collection
# and its vocabulary of names grow: time per article should stay flat (within 20%).
#   FOLIO_NEWS=/path/to/news scripts/bench-scale.sh [BASE_MB]   (default 12.5)
# FOLIO_NEWS is a folder scripts/real-news.py wrote (the whole corpus: 8x needs 100 MB).
source "$(dirname "$0")/lib/preamble.sh"
: "${FOLIO_NEWS:?set FOLIO_NEWS to a folder of real news (scripts/real-news.py)}"
base=${1:-12.5}
cargo build --release --quiet -p folio-cli
mapfile -t all < <(find "$FOLIO_NEWS" -name '*.txt' | sort)
run() { # jobs, files...: seconds and articles
  local jobs=$1 start end
  shift
  start=$(date +%s%N)
  target/release/folio --jobs "$jobs" "$@" >"${TMPDIR:-/tmp}/folio-scale.json"
  end=$(date +%s%N)
  local articles
  articles=$(grep -o '"stats":{[^}]*}' "${TMPDIR:-/tmp}/folio-scale.json" | grep -o '"articles":[0-9]*' | cut -d: -f2)
  echo "$(((end - start) / 1000000)) $articles"
}
printf '%-6s %10s %8s %9s %9s %14s %14s\n' scale MB files articles names "jobs 1 ms/art" "jobs $(nproc) ms/art"
for scale in 1 2 4 8; do
  limit=$(awk -v b="$base" -v s="$scale" 'BEGIN { printf "%d", b * s * 1e6 }')
  files=() bytes=0
  for f in "${all[@]}"; do
    size=$(stat -c %s "$f")
    [ $((bytes + size)) -gt "$limit" ] && break
    files+=("$f")
    bytes=$((bytes + size))
  done
  read -r t1 articles < <(run 1 "${files[@]}")
  names=$(grep -oE '"entities":[0-9]+' "${TMPDIR:-/tmp}/folio-scale.json" | tail -1 | cut -d: -f2)
  read -r tn _ < <(run "$(nproc)" "${files[@]}")
  awk -v s="${scale}x" -v mb="$bytes" -v f="${#files[@]}" -v a="$articles" -v n="$names" -v t1="$t1" -v tn="$tn" \
    'BEGIN { printf "%-6s %10.1f %8d %9d %9d %14.3f %14.3f\n", s, mb / 1e6, f, a, n, t1 / a, tn / a }'
done
