#!/usr/bin/env bash
# Benchmarks (make bench). Times pivot's ktab model on synthetic scenarios
# (160/320/1000 actors x 5 dimensions, scripts/gen-smp-synthetic.py) and, when
# KTAB_EXAMPLES names a directory with KTAB's dummyData-a040.csv and
# dummyData-a080.csv, on those too. When SMPC names a built KTAB smpc (built
# outside the repository from KTAB's public source; no recipe is kept here),
# smpc runs on the same files in the same run and
# the positions are compared (scripts/ktab-reference.sh); smpc runs only up to
# SMPC_MAX_ACTORS actors (default 80: it needs about 45 s there and grows as N^3).
# Writes build/bench/results.md; docs/performance.md holds the latest table.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
DATA=build/bench-data
OUT=build/bench
mkdir -p "$DATA" "$OUT"
[[ -f $DATA/synth-a0160-d5.csv ]] || python3 scripts/gen-smp-synthetic.py 160 5 160 "$DATA/synth-a0160-d5.csv"
[[ -f $DATA/synth-a0320-d5.csv ]] || python3 scripts/gen-smp-synthetic.py 320 5 320 "$DATA/synth-a0320-d5.csv"
[[ -f $DATA/synth-a1000-d5.csv ]] || python3 scripts/gen-smp-synthetic.py 1000 5 1000 "$DATA/synth-a1000-d5.csv"
for name in dummyData-a040 dummyData-a080; do
  if [[ -n ${KTAB_EXAMPLES:-} && -f $KTAB_EXAMPLES/$name.csv ]]; then cp "$KTAB_EXAMPLES/$name.csv" "$DATA/"; fi
done

PIVOT_BENCH_DATA=$DATA "$BUILD/pivot_bench" --benchmark_out="$OUT/pivot_bench.json" --benchmark_out_format=json

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

{
  echo "| scenario | actors | dims | pivot ktab s (all cores) | smpc -O2 s | speed-up | same positions |"
  echo "|---|---|---|---|---|---|---|"
  for f in "$DATA"/*.csv; do
    name=$(basename "$f" .csv)
    read -r actors dims < <(head -1 "$f" | awk -F, '{gsub(/ /,"",$3); gsub(/ /,"",$4); print $3, $4}')
    t_pivot=$(seconds "$BUILD/pivot" forecast "$f" --csv "$OUT/$name")
    t_smpc="-"; speedup="-"; same="-"
    if [[ -n ${SMPC:-} && $actors -le ${SMPC_MAX_ACTORS:-80} ]]; then
      t_smpc=$(printf '%.3f' "$(seconds bash scripts/ktab-reference.sh "$SMPC" "$f" "$OUT/$name.ref.csv")")
      speedup=$(printf '%.0fx' "$(echo "$t_smpc / $t_pivot" | bc -l)")
      same=$(python3 - "$OUT/$name/positions.csv" "$OUT/$name.ref.csv" <<'PY'
import csv, sys
ours = list(csv.DictReader(open(sys.argv[1])))
ref = list(csv.DictReader(open(sys.argv[2])))
actors = sorted({r["actor"] for r in ours}, key=[r["actor"] for r in ours].index)
issues = sorted({r["issue"] for r in ours}, key=[r["issue"] for r in ours].index)
mine = {(int(r["round"]), actors.index(r["actor"]), issues.index(r["issue"])): float(r["position"]) for r in ours}
theirs = {(int(r["turn"]), int(r["actor"]), int(r["dim"])): float(r["position"]) for r in ref}
ok = mine.keys() == theirs.keys() and max(abs(mine[k] - theirs[k]) for k in mine) <= 1e-6
print("yes" if ok else "NO")
PY
)
    fi
    printf '| %s | %s | %s | %.3f | %s | %s | %s |\n' "$name" "$actors" "$dims" "$t_pivot" "$t_smpc" "$speedup" "$same"
  done
} | tee "$OUT/results.md"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" | tee -a "$OUT/results.md"
