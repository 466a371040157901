# pivot: a thin wrapper over CMake, in the style of DuckDB's.
#   make            Release build (installs Debian packages first if missing)
#   make demo       build only the `pivot` binary, then `pivot run korea-2025` into out/korea-2025/ and print the report's path
#   make test       build and run every test
#   make test-asan  the tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      benchmarks (see docs/performance.md)
#   make fuzz       libFuzzer targets for every loader, a short run each
#   make browser-deps  playwright-core from npm for the headless-Chromium tests (tests/browser)
#   make test-mpi   build with PIVOT_MPI (Open MPI) in build/mpi and run every test there
#   make python     build the Python module and install it for Debian's /usr/bin/python3 (docs/python.md)
#   make install    the Release build into PREFIX (default /usr/local; DESTDIR is honoured)
#   make clean      remove build/ and out/
JOBS ?= $(shell nproc)
BUILD ?= build/release
CMAKE_FLAGS ?=
PREFIX ?= /usr/local

.PHONY: browser-deps all deps release python demo test test-asan test-mpi bench fuzz install clean

all: release

deps:
	@bash scripts/install-deps.sh

release: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

python: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPIVOT_PYTHON=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target pivot_python
	cmake --install $(BUILD) --component python
	cd / && /usr/bin/python3 -c 'import pivot; print("pivot", pivot.__version__, "for", pivot.__file__)'

# The demo needs the binary only, not the tests and benchmarks (docs/performance.md, "Time to the first report").
demo: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target pivot
	./$(BUILD)/pivot run korea-2025 --out out/korea-2025
	@echo "report: $(CURDIR)/out/korea-2025/report.html"

test: release
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

browser-deps: deps
	cd tests/browser && npm ci --no-audit --no-fund

test-asan: deps
	cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPIVOT_SANITIZE=ON -DPIVOT_BENCH=OFF >/dev/null
	cmake --build build/asan -j $(JOBS)
	cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

test-mpi:
	PIVOT_MPI=1 bash scripts/install-deps.sh
	cmake -S . -B build/mpi -DCMAKE_BUILD_TYPE=Release -DPIVOT_MPI=ON -DPIVOT_BENCH=OFF >/dev/null
	cmake --build build/mpi -j $(JOBS)
	cd build/mpi && ctest --output-on-failure -j $(JOBS)

bench: release
	bash scripts/bench.sh

fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPIVOT_FUZZ=ON -DPIVOT_TESTS=OFF -DPIVOT_BENCH=OFF >/dev/null
	cmake --build build/fuzz -j $(JOBS)
	bash scripts/fuzz.sh build/fuzz $(FUZZ_SECONDS)

install: release
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf build out
