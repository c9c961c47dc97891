#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test:
#   1. Release build with -Werror: unit, property and golden CLI tests (ctest)
#   2. the benchmarks are built (not run) in step 1
#   3. AddressSanitizer + UndefinedBehaviorSanitizer build of the tests (g++), ctest
#   4. bounded libFuzzer runs of every fuzz target (clang 14), if tests/fuzz exists
# Usage: tools/scripts/test.sh [--quick]   (--quick: step 1 only)
set -euo pipefail
cd "$(dirname "$0")/../.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
jobs=$(nproc)
t=$SECONDS
lap() { echo "== ($((SECONDS - t)) s)"; t=$SECONDS; }  # CI budget: all stages < 20 min on 2 cores

tools/scripts/deps.sh
echo "== [1/4] release build + tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DETLDAG_WERROR=ON \
  -DETLDAG_BUILD_TESTS=ON -DETLDAG_BUILD_BENCH=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
lap
[ "$quick" = 1 ] && exit 0

echo "== [3/4] ASan + UBSan build + tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1" -DETLDAG_WERROR=ON \
  -DETLDAG_SANITIZE=address,undefined -DETLDAG_BUILD_TESTS=ON -DETLDAG_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -E 'slow'  # slow.*: 1M-node shapes
lap

if [ -x tests/fuzz/run_fuzz.sh ]; then
  echo "== [4/4] bounded fuzz runs"
  tools/scripts/deps.sh clang-14 libclang-rt-14-dev
  tests/fuzz/run_fuzz.sh --seconds "${ETLDAG_FUZZ_SECONDS:-30}"
  lap
fi
echo "== all tests passed"
