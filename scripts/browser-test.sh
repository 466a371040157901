#!/usr/bin/env bash
# Runs the browser checks in tests/browser (node:test + playwright-core driving
# Debian's headless Chromium) against a pivot binary. ctest calls it:
#   scripts/browser-test.sh PATH/TO/pivot
# Exit 77 (ctest: skipped) when node, Chromium or playwright-core is missing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PIVOT=${1:-$root/build/release/pivot}
export PIVOT=$(realpath "$PIVOT")
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

if ! command -v node >/dev/null || [[ ! -x "$CHROMIUM" ]]; then
  echo "browser tests skipped: node or $CHROMIUM missing (scripts/install-deps.sh installs them)" >&2
  exit 77
fi
cd "$root/tests/browser"
if [[ ! -d node_modules/playwright-core ]]; then
  npm ci --no-audit --no-fund >&2 || { echo "browser tests skipped: npm ci failed" >&2; exit 77; }
fi
exec node --test --test-reporter=spec ./*.test.js
