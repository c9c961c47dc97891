#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test:
#   1. Release build with -Werror (tests and benchmarks; the benchmarks are
#      built, not run): unit, property, adversarial and golden CLI tests
#   2. clang 14 AddressSanitizer + UndefinedBehaviorSanitizer build (with
#      libFuzzer coverage, so the same build serves step 3): every test
#      except the 1M-node shapes (label "slow", run in step 1)
#   3. bounded libFuzzer runs of every fuzz target (12 s each, fixed seed),
#      while step 4's tree builds in the background
#   4. clang 14 ThreadSanitizer build of the engine and its parallel tests
#      (tools/scripts/tsan.sh; oneTBB replaced by a std::thread stand-in)
# Usage: tools/scripts/test.sh [--quick]   (--quick: step 1 only)
# CI budget: all steps < 25 min on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
jobs=$(nproc)
t=$SECONDS
lap() { echo "== ($((SECONDS - t)) s)"; t=$SECONDS; }

if [ "$quick" = 1 ]; then tools/scripts/deps.sh; else tools/scripts/deps.sh clang-14 libclang-rt-14-dev; fi
lap
echo "== [1/4] release build + tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DETLDAG_WERROR=ON \
  -DETLDAG_BUILD_TESTS=ON -DETLDAG_BUILD_BENCH=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
lap
[ "$quick" = 1 ] && exit 0

echo "== [2/4] ASan + UBSan build (clang 14) + tests"
cmake -S . -B build-san -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DETLDAG_WERROR=ON -DETLDAG_FUZZ=ON \
  -DETLDAG_BUILD_TESTS=ON -DETLDAG_BUILD_BENCH=OFF >/dev/null
cmake --build build-san -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-san --output-on-failure -j"$jobs" -E 'slow'  # slow.*: 1M-node shapes
lap

echo "== [3/4] bounded fuzz runs, while the ThreadSanitizer tree builds (build-san/tsan-build.log)"
tools/scripts/tsan.sh --build-only > build-san/tsan-build.log 2>&1 &
tsan_build=$!
tests/fuzz/run_fuzz.sh --prebuilt --build-dir build-san --seconds "${ETLDAG_FUZZ_SECONDS:-12}"
wait "$tsan_build" || { tail -50 build-san/tsan-build.log; echo "== the ThreadSanitizer build failed"; exit 1; }
lap
echo "== [4/4] ThreadSanitizer parallel tests (clang 14)"
tools/scripts/tsan.sh --test-only
lap
echo "== all tests passed"
