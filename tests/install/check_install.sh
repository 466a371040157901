#!/usr/bin/env bash
# ctest 'install': `cmake --install` into a temporary prefix, then
#  1. the installed tree holds the binary, the libraries, the headers, the
#     built-in scenarios and the CMake package;
#  2. PREFIX/bin/pivot, run from another directory, reads the built-in scenarios
#     from PREFIX/share/pivot/scenarios (a marked copy there is the one it prints);
#  3. a consumer project (tests/install/consumer) configures with
#     -DCMAKE_PREFIX_PATH=PREFIX, builds against pivot::pivot and prints the weighted
#     mean of korea-2025's first issue, which must equal the one computed here from
#     actors.csv by Python.
# Everything is written under a temporary directory, removed at the end.
#   tests/install/check_install.sh BUILD_DIR SOURCE_DIR CMAKE GENERATOR CXX LAUNCHER VERSION
set -euo pipefail
build=$1 source=$2 cmake=$3 generator=$4 cxx=$5 launcher=$6 version=$7
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "FAIL: $*"; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }

# 1. The installed tree.
config=$(find "$prefix" -path '*/cmake/pivot/pivotConfig.cmake' | head -1)
[[ -n $config ]] || fail "no lib*/cmake/pivot/pivotConfig.cmake under the prefix"
libdir=$(dirname "$(dirname "$(dirname "$config")")")
for f in bin/pivot include/pivot/pivot.hpp include/pivot/pipeline/pipeline.hpp \
         share/pivot/scenarios/korea-2025/actors.csv share/pivot/scenarios/korea-2025/games \
         share/doc/pivot/LICENSE; do
  [[ -e $prefix/$f ]] || fail "$f not installed"
done
for m in core scenario bargain games econ uncertainty output report pipeline serve; do
  [[ -f $libdir/libpivot_$m.a ]] || fail "libpivot_$m.a not installed in $libdir"
done
[[ -f $(dirname "$config")/pivotConfigVersion.cmake ]] || fail "no pivotConfigVersion.cmake"
[[ -f $(dirname "$config")/pivotTargets.cmake ]] || fail "no pivotTargets.cmake"
if grep -q "$source\|$build" "$(dirname "$config")"/*.cmake; then
  fail "the installed CMake package names the source or build tree"
fi

# 2. The installed binary finds the installed scenarios, from any directory.
scenario=$prefix/share/pivot/scenarios/korea-2025
sed -i 's/^title = "/title = "(installed copy) /' "$scenario/scenario.toml"
mkdir "$tmp/elsewhere"
first=$(cd "$tmp/elsewhere" && "$prefix/bin/pivot" forecast korea-2025 --model mean | head -1)
[[ $first == "korea-2025 — (installed copy) "* ]] || fail "PREFIX/bin/pivot did not read PREFIX/share/pivot/scenarios: '$first'"

# 3. A consumer built against the installed package.
launcher_flag=()
[[ -n $launcher && $launcher != *NOTFOUND ]] && launcher_flag=(-DCMAKE_CXX_COMPILER_LAUNCHER="$launcher")
"$cmake" -S "$source/tests/install/consumer" -B "$tmp/consumer" -G "$generator" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" "${launcher_flag[@]}" \
  -DCMAKE_PREFIX_PATH="$prefix" -DPIVOT_WANT_VERSION="$version" >"$tmp/configure.log" 2>&1 \
  || { cat "$tmp/configure.log"; fail "configuring the consumer"; }
grep -q "pivot $version from $prefix/" "$tmp/configure.log" || { cat "$tmp/configure.log"; fail "find_package(pivot) did not find the installed package"; }
"$cmake" --build "$tmp/consumer" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "building the consumer"; }
got=$(cd "$tmp/elsewhere" && "$tmp/consumer/consumer" "$scenario")
want=$(python3 - "$scenario/actors.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
issue = "us-tariff-korea"
w = [float(r["capability"]) * float(r[issue + ".salience"]) for r in rows]
x = [float(r[issue + ".position"]) for r in rows]
print(f"{issue} {sum(a * b for a, b in zip(w, x)) / sum(w):.6f}")
PY
)
[[ $got == "$want" ]] || fail "consumer printed '$got', expected '$want'"
echo "ok: installed to a temporary prefix; PREFIX/bin/pivot reads PREFIX/share/pivot/scenarios; consumer printed '$got'"
