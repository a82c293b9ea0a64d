# Folio against awk, taking turns: what the shell benchmarks (bench-legacy.sh, bench-mixed.sh)
# share. Each times both sides one after the other, turn by turn, with `time_of`, so that
# neither gets the machine's slow minute alone; `report NAME TIMES...` prints a side's best and
# median (`bytes` must be set, for MB/s).

# Microseconds one command took, its output thrown away.
time_of() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000))
}

# A side's best and median, in seconds and MB/s of `$bytes`.
report() {
  local name=$1
  shift
  printf '%s\n' "$@" | sort -n | awk -v name="$name" -v bytes="$bytes" '
    { t[NR] = $1 }
    END {
      m = t[int((NR + 1) / 2)]
      printf "  %-28s best %6.3f s %7.1f MB/s   median %6.3f s %7.1f MB/s\n", name, t[1] / 1e6, bytes / t[1], m / 1e6, bytes / m
    }'
}
