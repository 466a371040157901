#!/usr/bin/env bash
# Times pivot's game solvers beside Gambit's command-line tools on the same
# random integer games (payoffs 0..99, scripts/random-bimatrix.py, seed 1):
#   enummixed  all extreme equilibria, exact    (gambit-enummixed)
#   lcp        one equilibrium, exact           (gambit-lcp -e 1)
#   logit      the QRE path's terminal point    (gambit-logit -e)
#   kuhn       Kuhn poker with N cards, one equilibrium by the sequence-form
#              LCP, exact (gambit-lcp on the .efg)
# Gambit is built outside the repository from its public source; point GAMBIT
# at its tools (the folder holding gambit-lcp etc., default
# $HOME/peers/gambit/bin). Times are CPU seconds (user + system), since the
# development machine is shared. A peer run longer
# than PEER_TIMEOUT seconds (default 600) is reported as ">LIMIT".
#   scripts/bench-gambit.sh [enummixed:SIZE|lcp:SIZE|logit:SIZE|kuhn:CARDS ...]
set -euo pipefail
cd "$(dirname "$0")/.."
pivot=build/release/pivot
gambit=${GAMBIT:-$HOME/peers/gambit/bin}
limit=${PEER_TIMEOUT:-600}
cases=("${@:-enummixed:12 enummixed:15 lcp:100 lcp:200 logit:100 logit:200}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[[ -x $pivot ]] || { echo "build pivot first (make)" >&2; exit 2; }
[[ -x $gambit/gambit-lcp ]] || { echo "no Gambit tools in $gambit (build Gambit outside the repository from its public source and point GAMBIT at its tools)" >&2; exit 2; }

# cpu OUT CMD...: runs CMD with stdout to OUT, prints its CPU seconds, or >LIMIT.
cpu() {
  local out=$1; shift
  if /usr/bin/time -f "%U %S" -o "$work/time" timeout "$limit" "$@" > "$out" 2>/dev/null; then
    awk '{ printf "%.2f", $1 + $2 }' "$work/time"
  else
    printf ">%s" "$limit"
  fi
}

kuhn_efg() {  # kuhn_efg CARDS FILE: ante 1, one card each, check/bet, fold/call
  python3 - "$@" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
deals = [(a, b) for a in range(n) for b in range(n) if a != b]
lines = ['EFG 2 R "Kuhn poker" { "1" "2" } ""',
         'c "" 1 "deal" {' + "".join(f' "{a}-{b}" 1/{len(deals)}' for a, b in deals) + " } 0"]
outcome = 0
def leaf(u):
    global outcome
    outcome += 1
    lines.append(f't "" {outcome} "" {{ {u} {-u} }}')
for a, b in deals:
    win = 1 if a > b else -1
    lines.append(f'p "" 1 {a + 1} "" {{ "check" "bet" }} 0')
    lines.append(f'p "" 2 {b + 1} "" {{ "check" "bet" }} 0')
    leaf(win)
    lines.append(f'p "" 1 {n + a + 1} "" {{ "fold" "call" }} 0')
    leaf(-1); leaf(2 * win)
    lines.append(f'p "" 2 {n + b + 1} "" {{ "fold" "call" }} 0')
    leaf(1); leaf(2 * win)
open(path, "w").write("\n".join(lines) + "\n")
PY
}

printf "%-10s %-8s %12s %12s %9s %s\n" method size pivot_cpu_s gambit_cpu_s speedup note
for c in ${cases[@]}; do
  method=${c%%:*}; size=${c#*:}
  if [[ $method == kuhn ]]; then
    game=$work/kuhn$size.efg
    kuhn_efg "$size" "$game"
  else
    game=$work/g$size.nfg
    python3 scripts/random-bimatrix.py "$size" 1 "$game"
  fi
  case $method in
    enummixed) ours=(--method enummixed); theirs=("$gambit/gambit-enummixed" -q) ;;
    lcp) ours=(--method lcp --max-equilibria 1); theirs=("$gambit/gambit-lcp" -q -e 1) ;;
    logit) ours=(--method logit); theirs=("$gambit/gambit-logit" -q -e -d 12) ;;
    kuhn) ours=(--method lcp); theirs=("$gambit/gambit-lcp" -q) ;;
    *) echo "unknown case $c" >&2; exit 2 ;;
  esac
  p=$(cpu "$work/pivot.out" "$pivot" solve "$game" "${ours[@]}")
  g=$(cpu "$work/gambit.out" "${theirs[@]}" "$game")
  note="pivot $(grep -c '^NE' "$work/pivot.out" || true) NE, gambit $(grep -c '^NE' "$work/gambit.out" || true) NE"
  if [[ $method == enummixed && $g != ">"* ]]; then
    if cmp -s <(grep '^NE' "$work/pivot.out" | sort) <(grep '^NE' "$work/gambit.out" | sort); then note="$note, same set"
    else note="$note, sets differ"; fi
  fi
  speedup=-
  if [[ $g != ">"* && $p != ">"* && $p != 0.00 ]]; then speedup=$(printf '%.1fx' "$(echo "$g / $p" | bc -l)"); fi
  label="${size}x$size"; [[ $method == kuhn ]] && label="$size cards"
  printf "%-10s %-8s %12s %12s %9s %s\n" "$method" "$label" "$p" "$g" "$speedup" "$note"
done
