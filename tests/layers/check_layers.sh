#!/usr/bin/env bash
# The dependency rule, checked through the compiler (src/README.md): for every
# module M and every module N, a file of M that includes one of N's public
# headers must preprocess when N is M itself or one M depends on, and must fail
# ("file not found") otherwise. Each module's include path is the folder of
# links CMake made for it: build/layers/M.
#   tests/layers/check_layers.sh CXX LAYERS_DIR INCLUDE_DIR
set -uo pipefail
cxx=$1 layers=$2 include=$3
modules=(core scenario bargain games econ uncertainty output report pipeline serve)
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
checked=0 failed=0
for m in "${modules[@]}"; do
  for n in "${modules[@]}"; do
    header=$(cd "$include/pivot/$n" && ls *.hpp | head -1)
    printf '#include "pivot/%s/%s"\n' "$n" "$header" >"$probe/probe.cpp"
    if [[ -e "$layers/$m/pivot/$n" ]]; then expect=ok; else expect=refused; fi
    if "$cxx" -std=c++20 -E -o /dev/null -I"$layers/$m" -isystem /usr/include/eigen3 "$probe/probe.cpp" 2>"$probe/err"; then
      got=ok
    elif grep -q "No such file" "$probe/err"; then
      got=refused
    else
      got="error: $(head -1 "$probe/err")"
    fi
    checked=$((checked + 1))
    if [[ $got != "$expect" ]]; then
      echo "FAIL: $m including pivot/$n/$header: expected $expect, got $got"
      failed=$((failed + 1))
    fi
  done
done
# The rule itself: each module sees exactly the modules before it that it depends on.
expected_views=(
  "core:core"
  "scenario:core scenario"
  "bargain:bargain core scenario"
  "games:core games scenario"
  "econ:core econ scenario"
  "uncertainty:bargain core econ games scenario uncertainty"
  "output:bargain core econ games output scenario uncertainty"
  "report:bargain core econ games output report scenario uncertainty"
  "pipeline:bargain core econ games output pipeline report scenario uncertainty"
  "serve:bargain core econ games output pipeline report scenario serve uncertainty"
)
for entry in "${expected_views[@]}"; do
  m=${entry%%:*} want=${entry#*:}
  have=$(ls "$layers/$m/pivot" | sort | tr '\n' ' ' | sed 's/ $//')
  checked=$((checked + 1))
  if [[ $have != "$want" ]]; then
    echo "FAIL: $m sees [$have], the rule says [$want]"
    failed=$((failed + 1))
  fi
done
echo "layers: $((checked - failed)) passed, $failed failed"
((failed == 0))
