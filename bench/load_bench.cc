// Loading spark_ops.json: read, parse (+ intern + collect edges) and build
// (sort, CSR), reported separately, and the whole load's ratio to the
// simdjson floor (floor_bench.cc; bench/support/simdjson_floor.h).
//
//   BM_Read      FileBuffer::Read of the file (page cache warm)      bytes/s
//   BM_Parse     ParseSparkOps over the buffer in memory: parse + build;
//                counters parse_ms / build_ms from LoadStats, and
//                x_floor = (parse + build) / floor walk of the same buffer
//                (the floor is measured once, min of 5, before the loop)
//   BM_LoadFile  LoadSparkOpsFile: read + parse + build, as a command pays it;
//                counters read_ms / parse_ms / build_ms, and x_floor =
//                whole load / (simdjson's read of the file + floor walk)
//   BM_Intern    interning alone (names collected beforehand), one batch per
//                op as the loader does; BM_InternOneByOne: one call per name
// items/s = edges of the built graph per second (BM_Intern*: name strings).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bench/support/bench_args.h"
#include "bench/support/bench_support.h"
#include "bench/support/simdjson_floor.h"
#include "benchmark/benchmark.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/file_buffer.h"
#include "engine/load/spark_ops.h"

namespace etldag::bench {
namespace {

constexpr auto kAvg = benchmark::Counter::kAvgIterations;

void BM_Read(benchmark::State& state) {
  const std::string& path = SparkOpsPath(state.range(0));
  uint64_t bytes = 0;
  for (auto _ : state) {
    absl::StatusOr<FileBuffer> buf = FileBuffer::Read(path);
    if (!buf.ok()) {
      state.SkipWithError("read failed");
      return;
    }
    bytes = buf->data().size();
    benchmark::DoNotOptimize(buf->data().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_Read)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void ReportStats(benchmark::State& state, const LoadStats& sum, uint64_t edges, bool with_read) {
  const double n = static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(sum.file_bytes / (n > 0 ? n : 1)) * state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(edges) * state.iterations());
  if (with_read) state.counters["read_ms"] = benchmark::Counter(1e3 * sum.read_seconds, kAvg);
  state.counters["parse_ms"] = benchmark::Counter(1e3 * sum.parse_seconds, kAvg);
  state.counters["build_ms"] = benchmark::Counter(1e3 * sum.build_seconds, kAvg);
  const double total = (with_read ? sum.read_seconds : 0) + sum.parse_seconds + sum.build_seconds;
  const double floor = with_read ? FloorFileSeconds(state.range(0)) : FloorSeconds(state.range(0));
  state.counters["x_floor"] = n > 0 ? total / n / floor : 0;
}

void Accumulate(const LoadStats& s, LoadStats* sum) {
  sum->read_seconds += s.read_seconds;
  sum->parse_seconds += s.parse_seconds;
  sum->build_seconds += s.build_seconds;
  sum->file_bytes += s.file_bytes;
}

void BM_Parse(benchmark::State& state) {
  const FileBuffer& buf = SparkOpsBuffer(state.range(0));
  FloorSeconds(state.range(0));  // measured before the timed loop
  LoadStats sum;
  uint64_t edges = 0;
  for (auto _ : state) {
    LoadStats stats;
    absl::StatusOr<Graph> g = ParseSparkOps(buf.display_name(), buf.data(), &stats);
    if (!g.ok()) {
      state.SkipWithError("parse failed");
      return;
    }
    edges = g->num_edges();
    stats.file_bytes = buf.data().size();
    Accumulate(stats, &sum);
  }
  ReportStats(state, sum, edges, /*with_read=*/false);
}
BENCHMARK(BM_Parse)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_LoadFile(benchmark::State& state) {
  const std::string& path = SparkOpsPath(state.range(0));
  FloorFileSeconds(state.range(0));
  LoadStats sum;
  uint64_t edges = 0;
  for (auto _ : state) {
    LoadStats stats;
    absl::StatusOr<Graph> g = LoadSparkOpsFile(path, &stats);
    if (!g.ok()) {
      state.SkipWithError("load failed");
      return;
    }
    edges = g->num_edges();
    Accumulate(stats, &sum);
  }
  ReportStats(state, sum, edges, /*with_read=*/true);
}
BENCHMARK(BM_LoadFile)->Apply(Sizes)->Unit(benchmark::kMillisecond);

// Interning alone: every name string of the file (collected beforehand by
// simdjson, bench/support/simdjson_floor.h) fed to a fresh GraphBuilder as
// the loader does, one InternBatch per op (BM_Intern) or one Intern per
// string (BM_InternOneByOne, the old way: no overlapped cache misses).
// items/s = name strings per second; names = distinct names interned.
template <bool kBatched>
void InternBench(benchmark::State& state) {
  const FileBuffer& buf = SparkOpsBuffer(state.range(0));
  std::vector<std::string> owned;
  std::vector<size_t> op_starts;
  std::string error;
  if (!CollectOpNames(buf.data(), &owned, &op_starts, &error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  const std::vector<std::string_view> names(owned.begin(), owned.end());
  std::vector<GraphBuilder::Pid> pids(names.size());
  size_t distinct = 0;
  for (auto _ : state) {
    GraphBuilder b;
    b.Reserve(buf.data().size() / 384, 0);  // as the loader reserves (op_reader.cc)
    for (size_t k = 0; k + 1 < op_starts.size(); ++k) {
      const size_t from = op_starts[k], to = op_starts[k + 1];
      if (kBatched) {
        b.InternBatch(std::span<const std::string_view>(names).subspan(from, to - from), pids.data() + from);
      } else {
        for (size_t i = from; i < to; ++i) pids[i] = b.Intern(names[i]);
      }
    }
    distinct = b.num_interned();
    benchmark::DoNotOptimize(pids.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(names.size()) * state.iterations());
  state.counters["names"] = static_cast<double>(distinct);
  state.counters["strings"] = static_cast<double>(names.size());
}
void BM_Intern(benchmark::State& state) { InternBench<true>(state); }
void BM_InternOneByOne(benchmark::State& state) { InternBench<false>(state); }
BENCHMARK(BM_Intern)->Apply(Sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InternOneByOne)->Apply(Sizes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace etldag::bench

BENCHMARK_MAIN();
