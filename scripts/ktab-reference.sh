#!/usr/bin/env bash
# Runs KTAB's smpc (already built outside the repository from KTAB's public
# source; this script builds nothing and holds no KTAB code) on a KTAB SMP CSV and writes
# its positions for every turn as tidy CSV (turn,actor,dim,position on KTAB's
# 0..100 scale, turn 0 = input), read from smpc's SQLite output.
#
# Usage: scripts/ktab-reference.sh SMPC INPUT.csv OUT.csv
#
# smpc needs smpc-logger.conf in its cwd; it is taken from $KTAB_ROOT/src/
# examples/smp if KTAB_ROOT is set (KTAB's source checkout in $KTAB_ROOT/src),
# else from next to the smpc binary or its parent.  smpc is run in a temporary dir as
#   smpc --logmin --seed 15455440707583219804 --csv ref.csv \
#        --connstr "Driver=QSQLITE;Database=ref"
# and the positions are
#   select Turn_t, Act_i, Dim_k, Pos_Coord from VectorPosition order by 1,2,3
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 SMPC INPUT.csv OUT.csv" >&2; exit 2; }
smpc=$(realpath "$1"); input=$(realpath "$2"); out=$3
[[ -x $smpc ]] || { echo "not an executable: $1" >&2; exit 1; }
[[ -f $input ]] || { echo "no such input: $2" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command (Debian package sqlite3)" >&2; exit 1; }

conf=
for c in ${KTAB_ROOT:+"$KTAB_ROOT/src/examples/smp/smpc-logger.conf"} \
         "$(dirname "$smpc")/smpc-logger.conf" "$(dirname "$smpc")/../smpc-logger.conf"; do
  [[ -f $c ]] && { conf=$c; break; }
done
[[ -n $conf ]] || { echo "smpc-logger.conf not found (set KTAB_ROOT)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$input" "$work/ref.csv"
cp "$conf" "$work/smpc-logger.conf"
rc=0
(cd "$work" && "$smpc" --logmin --seed 15455440707583219804 --csv ref.csv \
   --connstr "Driver=QSQLITE;Database=ref" >smpc.out 2>&1) || rc=$?

fail() {
  echo "ktab-reference: $* (input $input, smpc exit $rc)" >&2
  for f in "$work"/smpc.out "$work"/smpc-*_log.txt; do
    [[ -s $f ]] && { echo "--- tail of $(basename "$f"):" >&2; tail -20 "$f" >&2; }
  done
  exit 1
}
[[ -s $work/ref.db ]] || fail "smpc wrote no database"
rows=$(sqlite3 "$work/ref.db" "select count(*) from VectorPosition" 2>/dev/null) || fail "no VectorPosition table"
turns=$(sqlite3 "$work/ref.db" "select max(Turn_t) from VectorPosition")
[[ $rows -gt 0 ]] || fail "VectorPosition is empty"
[[ ${turns:-0} -ge 1 ]] || fail "smpc stored only the initial state"
[[ $rc -eq 0 ]] || fail "smpc failed"

tmp=$out.tmp.$$
{
  echo "turn,actor,dim,position"
  sqlite3 -csv "$work/ref.db" \
    "select Turn_t, Act_i, Dim_k, printf('%.12f', Pos_Coord) from VectorPosition order by 1,2,3"
} > "$tmp"
mv "$tmp" "$out"
echo "ktab-reference: $(basename "$input"): $turns turns, $rows rows -> $out" >&2
