#!/usr/bin/env bash
# Runs the browser checks in tests/browser against a pivot binary: the report
# (node:test specs, *.test.js) and `pivot serve` (serve.spec.mjs), both with
# playwright-core driving Debian's headless Chromium. ctest calls it:
#   scripts/browser-test.sh PATH/TO/pivot
# A missing node, Chromium or playwright-core is a failure, because
# scripts/install-deps.sh installs them; PIVOT_SKIP_BROWSER=1 skips (exit 77)
# on a machine that cannot have them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PIVOT=${1:-$root/build/release/pivot}
export PIVOT=$(realpath "$PIVOT")
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export PIVOT_SCREENSHOTS=${PIVOT_SCREENSHOTS:-$root/out/screenshots}

if [[ "${PIVOT_SKIP_BROWSER:-0}" == 1 ]]; then
  echo "browser tests skipped: PIVOT_SKIP_BROWSER=1" >&2
  exit 77
fi
if ! command -v node >/dev/null || [[ ! -x "$CHROMIUM" ]]; then
  echo "browser tests: node or $CHROMIUM missing (run scripts/install-deps.sh)" >&2
  exit 1
fi
cd "$root/tests/browser"
if [[ ! -d node_modules/playwright-core ]]; then
  npm ci --no-audit --no-fund >&2
fi
node --test --test-reporter=spec ./*.test.js
node serve.spec.mjs "$PIVOT"
