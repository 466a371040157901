#!/usr/bin/env bash
# The namespace rule (src/README.md, "Conventions"), checked on every header:
#   - a public header (include/pivot/M/) declares in `pivot`, or in a
#     component's namespace: pivot::trade, pivot::gravity, pivot::deal,
#     pivot::linkage (econ and their writers in output) or pivot::pipeline;
#     a nested `detail` holds what a template needs;
#   - a private header (src/M/) declares in `pivot::M` (or below it), or in
#     econ in a component's `detail`;
#   - the CLI's headers (apps/pivot/) declare in `pivot::cli`.
#   tests/layers/check_namespaces.sh SOURCE_DIR
set -uo pipefail
cd "$1" || exit 2
components='(trade|gravity|deal|linkage|pipeline)'
failed=0 checked=0
check() {  # FILE REGEX: every namespace the file opens must match REGEX
  local file=$1 allowed=$2
  checked=$((checked + 1))
  while IFS= read -r ns; do
    [[ $ns =~ ^$allowed$ ]] && continue
    echo "FAIL: $file opens namespace $ns"
    failed=$((failed + 1))
  done < <(grep -oE '^namespace [A-Za-z_:]+' "$file" | cut -d' ' -f2)
}
for file in include/pivot/*/*.hpp include/pivot/*/*/*.hpp; do
  check "$file" "(pivot|pivot::$components|detail)"
done
while IFS= read -r file; do
  module=$(cut -d/ -f2 <<<"$file")
  if [[ $module == econ ]]; then
    check "$file" "pivot::$components::detail"
  else
    check "$file" "pivot::$module(::[a-z_]+)*"
  fi
done < <(find src -name '*.hpp' | sort)
for file in apps/pivot/*.hpp; do
  check "$file" "pivot::cli"
done
echo "$checked headers checked, $failed namespaces outside the rule"
[[ $failed -eq 0 && $checked -gt 0 ]]
