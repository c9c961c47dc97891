#!/usr/bin/env bash
# ThreadSanitizer stage (step 4 of test.sh; tests/README.md, "ThreadSanitizer"):
# a clang 14 -fsanitize=thread build of the engine, the etldag binary and the
# test binaries whose code runs in parallel (base, graph, load, algo), built
# against the std::thread stand-in for oneTBB (tests/tsan/tbb); their
# parallel tests run, then the release build's CLI thread-count test runs the
# TSan etldag binary.
# Usage: tools/scripts/tsan.sh [--build-only|--test-only]
#   (after step 1 of test.sh: it uses build/; test.sh builds while the fuzz
#   stage runs, then tests)
set -euo pipefail
cd "$(dirname "$0")/../.."
jobs=$(nproc)
mode=${1:-all}
case $mode in all|--build-only|--test-only) ;; *) echo "usage: $0 [--build-only|--test-only]" >&2; exit 2 ;; esac
if [ "$mode" != --test-only ]; then
cmake -S . -B build-tsan -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DETLDAG_SANITIZE=thread -DETLDAG_TBB_STAND_IN=ON \
  -DETLDAG_WERROR=ON -DETLDAG_BUILD_TESTS=ON -DETLDAG_BUILD_BENCH=OFF -DETLDAG_PYTHON=OFF >/dev/null
cmake --build build-tsan -j"$jobs" --target etldag etldag_base_test etldag_graph_test etldag_load_test etldag_algo_test
fi
[ "$mode" = --build-only ] && exit 0
# The tests that run parallel code: atomics, the graph builder, snapshot
# reading, the chunked and region-parallel loaders, every parallel algorithm.
# The stand-in's default concurrency is 8 (the tests that pin 1, 2 and 8
# threads through WithThreads run as written).
tests='TrySetAtomic|ThreadCounts|Snapshot|ChunkedLoad|Regions|LoadGraph|ManifestParallel|ParallelPaths|DescendantCounts|BlastRadius|Reach|ShortestPath|TopoLevels|CriticalPath|Condens|SafeToSkip|Triage|BigGraphs'
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
ETLDAG_TBB_STAND_IN_THREADS=8 ctest --test-dir build-tsan --output-on-failure -j"$jobs" -R "$tests" -E 'slow|Death'
echo "== tsan: the etldag binary at --threads 1, 2, 8"
ETLDAG_BIN="$PWD/build-tsan/tools/etldag/etldag" \
  build/tests/cli/etldag_cli_test --gtest_filter='CliShapesTest.OutputIsIdenticalAtEveryThreadCount'
