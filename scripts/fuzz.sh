#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR for SECONDS each (default 60), seeded
# from fuzz/corpus/NAME/ (copied to a temporary directory, so the repository is
# not modified) and with the dictionary fuzz/NAME.dict where there is one. Fails if any target finds a crash, a sanitizer report, a hang
# or an exception other than pivot::InputError.
#   scripts/fuzz.sh build/fuzz [SECONDS]
# Crashing inputs are kept in $FUZZ_ARTIFACTS (default: BUILD_DIR/fuzz-artifacts).
# FUZZ_JOBS=N runs N targets at a time.
set -euo pipefail

if (($# < 1)); then
  echo "usage: $0 BUILD_DIR [SECONDS]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
seconds=${2:-60}
[[ -n "$seconds" ]] || seconds=60
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
artifacts=${FUZZ_ARTIFACTS:-$build/fuzz-artifacts}
mkdir -p "$artifacts"

# UBSan reports count as crashes; leaks too.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}

work=$(mktemp -d "${TMPDIR:-/tmp}/pivot-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

targets=()
for src in "$root"/fuzz/*_fuzz.cpp; do
  targets+=("$(basename "$src" .cpp)")
done

# One target: its run, its stats lines, and a line in $work/failed when it found something.
fuzz_one() {
  local target=$1 name=${1%_fuzz}
  local bin=$build/$target
  if [[ ! -x "$bin" ]]; then
    echo "[fuzz] $target: not built in $build" >&2
    echo "$target (not built)" >>"$work/failed"
    return
  fi
  local corpus=$work/$name
  mkdir -p "$corpus" "$artifacts/$name"
  if [[ -d "$root/fuzz/corpus/$name" ]]; then cp -R "$root/fuzz/corpus/$name/." "$corpus/"; fi
  echo "[fuzz] $target for ${seconds}s" >&2
  local log=$work/$name.log
  local dict=()
  if [[ -f "$root/fuzz/$name.dict" ]]; then dict=(-dict="$root/fuzz/$name.dict"); fi
  if "$bin" "$corpus" "${dict[@]}" -max_len=4096 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$artifacts/$name/" >"$log" 2>&1; then
    { grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' "$log" || true
      echo "corpus_files: $(find "$corpus" -type f | wc -l)"; } | sed "s/^/[fuzz] $target: /" >&2
  else
    tail -n 60 "$log" >&2
    echo "$target" >>"$work/failed"
  fi
}

# FUZZ_JOBS targets at a time (default 1).
jobs=${FUZZ_JOBS:-1}
running=0
for target in "${targets[@]}"; do
  fuzz_one "$target" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait
failed=()
if [[ -f "$work/failed" ]]; then mapfile -t failed <"$work/failed"; fi

if ((${#failed[@]})); then
  echo "[fuzz] FAILED: ${failed[*]} (inputs under $artifacts)" >&2
  exit 1
fi
echo "[fuzz] all ${#targets[@]} targets ran ${seconds}s without a failure" >&2
