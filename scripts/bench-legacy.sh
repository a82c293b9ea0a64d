#!/usr/bin/env bash
# A legacy-encoded dump: the core benchmark's 50 MB dump written in Windows-1252, read by
# `folio --no-entities` (JSON included, to /dev/null) and by `awk '!seen[$0]++'`, five turns
# each taking turns; prints each side's best and median MB/s.
#   scripts/bench-legacy.sh            (FOLIO_BENCH_TURNS=5)
source "$(dirname "$0")/lib/preamble.sh"
# shellcheck source=lib/turns.sh
source "$root/scripts/lib/turns.sh"
turns=${FOLIO_BENCH_TURNS:-5}
cargo build --release --quiet -p folio-cli
utf8=${TMPDIR:-/tmp}/folio-bench-50mb.txt
if [ ! -f "$utf8" ]; then
  FOLIO_BENCH_MB=50 FOLIO_BENCH_KEEP=1 cargo bench --quiet --bench core >/dev/null
fi
legacy=${TMPDIR:-/tmp}/folio-bench-50mb-cp1252.txt
iconv -c -f UTF-8 -t WINDOWS-1252 "$utf8" >"$legacy" || true
bytes=$(stat -c %s "$legacy")
folio=() awk_=()
for _ in $(seq "$turns"); do
  folio+=("$(time_of target/release/folio --no-entities "$legacy")")
  awk_+=("$(time_of awk '!seen[$0]++' "$legacy")")
done
echo "a ${bytes}-byte Windows-1252 dump, $turns turns each:"
report "folio --no-entities (JSON)" "${folio[@]}"
report "awk '!seen[\$0]++'" "${awk_[@]}"
printf '  read as: %s\n' "$(target/release/folio --no-entities "$legacy" | tail -c 4000 | grep -o '"encoding":"[^"]*"' | head -1)"
