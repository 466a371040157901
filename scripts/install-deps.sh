#!/usr/bin/env bash
# Installs the Debian packages pivot needs to build, test and benchmark.
# Idempotent: installs only what is missing, so `make` can call it every time.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git bc python3
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev
  libeigen3-dev libgmp-dev libtbb-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  librandom123-dev
  libcpp-httplib-dev
  lrslib
  clang libclang-rt-14-dev
  chromium
  # The Python module (python/, docs/python.md) and its tests and notebook, all from Debian.
  pybind11-dev python3-dev python3-setuptools python3-pip python3-numpy python3-pandas python3-matplotlib
  python3-pytest python3-nbclient python3-nbformat python3-ipykernel
)
# Node.js and npm drive the browser checks (tests/browser); Debian's only if none is installed.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
# Open MPI only for the PIVOT_MPI build (`make test-mpi` sets PIVOT_MPI=1).
if [[ "${PIVOT_MPI:-0}" == 1 ]]; then
  packages+=(libopenmpi-dev openmpi-bin)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  echo "[install-deps] installing: ${missing[*]}" >&2
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core for the browser checks, pinned by tests/browser/package-lock.json.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ! -d "$root/tests/browser/node_modules/playwright-core" ]] && command -v npm >/dev/null; then
  echo "[install-deps] npm ci in tests/browser" >&2
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund --loglevel=error) ||
    echo "[install-deps] npm ci failed: browser tests will be skipped" >&2
fi
