#!/usr/bin/env bash
# Runs KTAB's smpc (already built, e.g. by ../shared/peers/build-ktab.sh) on a
# KTAB SMP CSV and writes its positions for every turn as tidy CSV
# (turn,actor,dim,position on 0..100), read from smpc's SQLite output.
# Usage: scripts/ktab-reference.sh SMPC INPUT.csv OUT.csv
set -euo pipefail
smpc=$(realpath "$1"); input=$(realpath "$2"); out=$3
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command (Debian package sqlite3)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$input" "$work/input.csv"
cp "$(dirname "$smpc")/smpc-logger.conf" "$work/" 2>/dev/null || cp "$(dirname "$smpc")/../smpc-logger.conf" "$work/"
(cd "$work" && "$smpc" --logmin --seed 15455440707583219804 --csv input.csv --connstr "Driver=QSQLITE;Database=ref" >/dev/null 2>&1)
[[ -s $work/ref.db ]] || { echo "smpc wrote no database for $input" >&2; exit 1; }
{
  echo "turn,actor,dim,position"
  sqlite3 -csv "$work/ref.db" "select Turn_t, Act_i, Dim_k, printf('%.12f', Pos_Coord) from VectorPosition order by 1,2,3"
} > "$out"
