#!/usr/bin/env bash
# Times `pivot solve --method enummixed` and lrsnash (Debian lrslib) on the
# same random integer bimatrix games (payoffs 0..99) and checks that both
# report the identical set of extreme equilibria. Usage: bench-games.sh [SIZES...]
# Times are CPU seconds (user + system, /usr/bin/time): the development
# machine is shared, so wall-clock time measures the neighbours' load too.
set -euo pipefail
cd "$(dirname "$0")/.."
pivot=build/release/pivot
sizes=("${@:-6 8 10 12}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpu() { local out=$1; shift; /usr/bin/time -f "%U %S" -o "$work/time" "$@" > "$out" 2>/dev/null; awk '{ printf "%.3f", $1 + $2 }' "$work/time"; }
printf "%-6s %-8s %12s %12s %8s %s\n" size seed pivot_cpu_s lrsnash_cpu_s speedup same_set
for size in ${sizes[@]}; do
  for seed in 1 2 3; do
    python3 scripts/random-bimatrix.py "$size" "$seed" "$work/g.nfg" --lrs "$work/g.lrs"
    pivot_s=$(cpu "$work/pivot.raw" "$pivot" solve "$work/g.nfg" --method enummixed)
    sort "$work/pivot.raw" > "$work/pivot.txt"
    lrs_s="-"; speedup="-"; same="lrsnash missing"
    if command -v lrsnash >/dev/null; then
      lrs_s=$(cpu "$work/lrs.out" lrsnash "$work/g.lrs")
      # /usr/bin/time counts in 10 ms steps: no ratio below that.
      if [[ $pivot_s != 0.000 ]]; then speedup=$(printf '%.1fx' "$(echo "$lrs_s / $pivot_s" | bc -l)"); fi
      # lrsnash groups: "2 y.. payoff" lines then "1 x.. payoff" lines; pair every x with every y.
      awk -v m="$size" '
        function flush() { for (i = 1; i <= nx; i++) for (j = 1; j <= ny; j++) print "NE" xs[i] ys[j]; nx = 0; ny = 0 }
        $1 == "2" { if (nx > 0) flush(); s = ""; for (k = 2; k <= m + 1; k++) s = s "," $k; ys[++ny] = s; next }
        $1 == "1" { s = ""; for (k = 2; k <= m + 1; k++) s = s "," $k; xs[++nx] = s; next }
        { flush() } END { flush() }' "$work/lrs.out" | sort > "$work/lrs.txt"
      if cmp -s "$work/pivot.txt" "$work/lrs.txt"; then same="yes ($(wc -l < "$work/pivot.txt"))"; else same="NO"; fi
    fi
    printf "%-6s %-8s %12s %12s %8s %s\n" "$size" "$seed" "$pivot_s" "$lrs_s" "$speedup" "$same"
  done
done
