// Binary snapshots (engine/graph/snapshot.h).
//
//   BM_SnapshotSave  WriteSnapshot of the loaded graph to the cache directory
//                    (temporary file, fsync, rename — as `etldag index` does)
//   BM_SnapshotLoad  ReadSnapshot: mmap + checksums + structure verification;
//                    counters map_ms / checksum_ms / verify_ms
//   BM_SnapshotLoadAndFind  ReadSnapshot + one name lookup: what a query
//                    command pays before its algorithm runs
// bytes/s over the snapshot file; items/s = edges.
#include <cstdint>
#include <cstdio>
#include <string>

#include "bench/support/bench_args.h"
#include "bench/support/bench_support.h"
#include "benchmark/benchmark.h"
#include "engine/graph/snapshot.h"

namespace etldag::bench {
namespace {

constexpr auto kAvg = benchmark::Counter::kAvgIterations;

void BM_SnapshotSave(benchmark::State& state) {
  const Graph& g = BenchGraph(state.range(0));
  const std::string path = CacheDir() + "/save_bench_" + std::to_string(state.range(0)) + ".etldag";
  for (auto _ : state) {
    const absl::Status s = WriteSnapshot(g, path);
    if (!s.ok()) {
      state.SkipWithError("write failed");
      return;
    }
  }
  SnapshotReadStats stats;
  if (ReadSnapshot(path, &stats).ok()) {
    state.SetBytesProcessed(static_cast<int64_t>(stats.file_bytes) * state.iterations());
  }
  state.SetItemsProcessed(static_cast<int64_t>(g.num_edges()) * state.iterations());
  std::remove(path.c_str());
}
BENCHMARK(BM_SnapshotSave)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_SnapshotLoad(benchmark::State& state) {
  const std::string& path = SnapshotPath(state.range(0));
  SnapshotReadStats sum;
  uint64_t edges = 0;
  for (auto _ : state) {
    SnapshotReadStats stats;
    absl::StatusOr<Graph> g = ReadSnapshot(path, &stats);
    if (!g.ok()) {
      state.SkipWithError("read failed");
      return;
    }
    edges = g->num_edges();
    sum.map_seconds += stats.map_seconds;
    sum.checksum_seconds += stats.checksum_seconds;
    sum.verify_seconds += stats.verify_seconds;
    sum.file_bytes = stats.file_bytes;
  }
  state.SetBytesProcessed(static_cast<int64_t>(sum.file_bytes) * state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(edges) * state.iterations());
  state.counters["map_ms"] = benchmark::Counter(1e3 * sum.map_seconds, kAvg);
  state.counters["checksum_ms"] = benchmark::Counter(1e3 * sum.checksum_seconds, kAvg);
  state.counters["verify_ms"] = benchmark::Counter(1e3 * sum.verify_seconds, kAvg);
}
BENCHMARK(BM_SnapshotLoad)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_SnapshotLoadAndFind(benchmark::State& state) {
  const std::string& path = SnapshotPath(state.range(0));
  const std::string name(BenchGraph(state.range(0)).name(ProbeNode(state.range(0), kHub)));
  for (auto _ : state) {
    absl::StatusOr<Graph> g = ReadSnapshot(path);
    if (!g.ok() || !g->Find(name).has_value()) {
      state.SkipWithError("read or lookup failed");
      return;
    }
  }
}
BENCHMARK(BM_SnapshotLoadAndFind)->Apply(Sizes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace etldag::bench

BENCHMARK_MAIN();
