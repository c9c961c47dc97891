// Shared inputs of the Google Benchmark binaries (bench/*_bench.cc).
//
// Inputs are generated at bench time by the project's generator (etldag_gen,
// seed 42) into a cache directory — $ETLDAG_BENCH_DIR, default
// /tmp/etldag-bench/ — never into the tree: spark_ops_<N>.json,
// durations_<N>.json and spark_ops_<N>.etldag (the same names and stamps as
// bench/compare.sh uses). A file is reused when its ".ok" stamp exists (and
// a snapshot is not older than its JSON); delete the directory to start over.
// Every accessor below generates or loads once per process and caches.
//
// Sizes and thread counts of the benchmarks: bench_args.h.
//
// Probes (deterministic, from the topological levels of the graph):
//   hub  the node with the most out-edges (ties: smallest id = name order);
//   mid  the first node at or after position n/2 of the level order that has
//        in- and out-edges (a mid-graph node);
//   deep the smallest-id node with out-edges on the deepest level that has
//        any (small downstream, large upstream).
#ifndef ETLDAG_BENCH_SUPPORT_BENCH_SUPPORT_H_
#define ETLDAG_BENCH_SUPPORT_BENCH_SUPPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/types.h"
#include "engine/graph/graph.h"
#include "engine/load/file_buffer.h"

namespace etldag::bench {

enum Probe : int64_t { kHub = 0, kMid = 1, kDeep = 2 };
inline constexpr int kNumProbes = 3;
std::string_view ProbeName(int64_t probe);

// The cache directory (created on first use).
const std::string& CacheDir();

// Paths of the generated files for `ops` ops (generated on first use). Any
// failure aborts the benchmark binary with a message: benchmarks have no
// meaningful way to continue without their input.
const std::string& SparkOpsPath(int64_t ops);
const std::string& DurationsPath(int64_t ops);
const std::string& SnapshotPath(int64_t ops);

// The JSON file in a padded buffer, read once.
const FileBuffer& SparkOpsBuffer(int64_t ops);
// The graph loaded from the JSON file, once.
const Graph& BenchGraph(int64_t ops);
// The probe node of BenchGraph(ops).
NodeId ProbeNode(int64_t ops, int64_t probe);

// Seconds of the simdjson floor walk (simdjson_floor.h) over
// SparkOpsBuffer(ops): the minimum of several runs, measured once.
double FloorSeconds(int64_t ops);
// The same walk including simdjson's own read of the file
// (WalkSparkOpsFile): the whole-process floor, minus process start-up.
double FloorFileSeconds(int64_t ops);

}  // namespace etldag::bench

#endif  // ETLDAG_BENCH_SUPPORT_BENCH_SUPPORT_H_
