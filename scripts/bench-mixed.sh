#!/usr/bin/env bash
# A mixed folder as scrapers leave them: 300 dump files, 250 in UTF-8 (about 164 KB each) and
# 50 in Windows-1252 (about 200 KB each), 51 MB in all, cut at line ends from the core
# benchmark's 50 MB dump (or from $FOLIO_NEWS, a folder of real news that scripts/real-news.py
# writes, joined). Times `folio --no-entities` (every core, JSON to /dev/null) and
# `awk '!seen[$0]++'` over the same files, taking turns; prints each side's best and median.
#   scripts/bench-mixed.sh            (FOLIO_BENCH_TURNS=5)
source "$(dirname "$0")/lib/preamble.sh"
# shellcheck source=lib/turns.sh
source "$root/scripts/lib/turns.sh"
turns=${FOLIO_BENCH_TURNS:-5}
cargo build --release --quiet -p folio-cli
work=${TMPDIR:-/tmp}/folio-bench-mixed
rm -rf "$work" && mkdir -p "$work/utf8" "$work/files"
source_text=$work/source.txt
if [ -n "${FOLIO_NEWS:-}" ]; then
  find "$FOLIO_NEWS" -name '*.txt' -print0 | sort -z | xargs -0 cat >"$source_text"
else
  dump=${TMPDIR:-/tmp}/folio-bench-50mb.txt
  if [ ! -f "$dump" ]; then
    FOLIO_BENCH_MB=50 FOLIO_BENCH_KEEP=1 cargo bench --quiet --bench core >/dev/null
  fi
  cp "$dump" "$source_text"
fi
# The first 41 MB as 250 UTF-8 files, the next 10 MB as 50 files written in Windows-1252.
head -c 41000000 "$source_text" >"$work/first.txt"
(tail -c +41000001 "$source_text" || true) | head -c 10000000 >"$work/second.txt"
split -n l/250 -d -a 3 "$work/first.txt" "$work/files/utf8-"
split -n l/50 -d -a 3 "$work/second.txt" "$work/utf8/legacy-"
for f in "$work"/utf8/legacy-*; do
  iconv -c -f UTF-8 -t WINDOWS-1252 "$f" >"$work/files/$(basename "$f")" || true
done
mapfile -t files < <(find "$work/files" -type f | sort)
bytes=$(cat "${files[@]}" | wc -c)
folio=() awk_=()
for _ in $(seq "$turns"); do
  folio+=("$(time_of target/release/folio --no-entities "${files[@]}")")
  awk_+=("$(time_of awk '!seen[$0]++' "${files[@]}")")
done
echo "${#files[@]} files, $bytes bytes ($(ls "$work"/files/legacy-* | wc -l) in Windows-1252), $turns turns each, $(nproc) cores:"
report "folio --no-entities (JSON)" "${folio[@]}"
report "awk '!seen[\$0]++'" "${awk_[@]}"
printf '  legacy files read as: %s\n' "$(target/release/folio --no-entities "$work"/files/legacy-* | grep -o '"encoding":"[^"]*"' | sort | uniq -c | tr '\n' ' ')"
