#!/usr/bin/python3
"""pivot.forecast from Python against the C++ call it makes (pipeline::forecast_run,
timed by pivot_bench's pipeline_forecast/* in the same run). Prints a Markdown table for
docs/performance.md ("Python"). Usage, from the checkout, after a build with PIVOT_PYTHON:

    PYTHONPATH=build/release/python /usr/bin/python3 bench/python_forecast.py [build/release]
"""

import json
import os
import statistics
import subprocess
import sys
import time

import pivot

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build/release"
SHARED = os.environ.get("PIVOT_SHARED_DATA", "../shared/data")


def seconds_per_call(call, min_time=2.0):
    """Median over batches of repeated calls lasting `min_time` seconds in all."""
    call()  # warm up
    times, spent = [], 0.0
    while spent < min_time:
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return statistics.median(times), len(times)


def cpp_times():
    out = subprocess.run([f"{BUILD}/pivot_bench", "--benchmark_filter=pipeline_forecast/",
                          "--benchmark_format=json"], capture_output=True, text=True, check=True,
                         env={**os.environ, "PIVOT_SHARED_DATA": SHARED}).stdout
    # Real time per iteration (ms); the benchmark's median is not reported without repetitions.
    return {b["name"].removeprefix("pipeline_forecast/").removesuffix("/min_time:2.000/real_time"): b["real_time"]
            for b in json.loads(out)["benchmarks"]}


def main():
    cpp = cpp_times()
    cores = os.cpu_count()
    scenarios = {"korea-2025": "korea-2025"}
    if os.path.exists(f"{SHARED}/ktab/dummyData-a080.csv"):
        scenarios["dummyData-a080"] = f"{SHARED}/ktab/dummyData-a080.csv"
    print("| scenario | threads | C++ `forecast_run` | `pivot.forecast` | ratio | + `.outcome`, `.positions` |")
    print("|---|---|---|---|---|---|")
    for name, path in scenarios.items():
        scenario = pivot.load(path)
        for threads in (1, cores):
            key = next(k for k in cpp if k.startswith(f"{name}/threads:{threads}"))
            py, _ = seconds_per_call(lambda: pivot.forecast(scenario, threads=threads))
            frames, _ = seconds_per_call(lambda: (lambda r: (r.outcome, r.positions))(
                pivot.forecast(scenario, threads=threads)))
            print(f"| {name} | {threads} | {cpp[key]:.2f} ms | {py * 1e3:.2f} ms | {py * 1e3 / cpp[key]:.3f} | "
                  f"{frames * 1e3:.2f} ms |")


if __name__ == "__main__":
    main()
