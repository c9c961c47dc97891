// The simdjson floor of the load (bench/support/simdjson_floor.h): the same
// spark_ops.json walked by simdjson On-Demand alone — every op, every name
// and every input/successor string touched, nothing built.
//
//   BM_Floor      walk of the file already in memory (what BM_Parse in
//                 load_bench.cc is compared with)
//   BM_FloorFile  simdjson::padded_string::load + walk (BM_LoadFile's floor)
// bytes/s over the file; items/s = strings touched per second.
#include <cstdint>
#include <string>

#include "bench/support/bench_args.h"
#include "bench/support/bench_support.h"
#include "bench/support/simdjson_floor.h"
#include "benchmark/benchmark.h"

namespace etldag::bench {
namespace {

void Report(benchmark::State& state, const FloorWalk& walk, uint64_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(walk.strings) * state.iterations());
  state.counters["ops"] = static_cast<double>(walk.ops);
  state.counters["strings"] = static_cast<double>(walk.strings);
}

void BM_Floor(benchmark::State& state) {
  const FileBuffer& buf = SparkOpsBuffer(state.range(0));
  FloorWalk walk;
  std::string error;
  for (auto _ : state) {
    if (!WalkSparkOps(buf.data(), &walk, &error)) {
      state.SkipWithError(error.c_str());
      return;
    }
    benchmark::DoNotOptimize(walk.checksum);
  }
  Report(state, walk, buf.data().size());
}
BENCHMARK(BM_Floor)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_FloorFile(benchmark::State& state) {
  const std::string& path = SparkOpsPath(state.range(0));
  const uint64_t bytes = SparkOpsBuffer(state.range(0)).data().size();
  FloorWalk walk;
  std::string error;
  for (auto _ : state) {
    if (!WalkSparkOpsFile(path, &walk, &error)) {
      state.SkipWithError(error.c_str());
      return;
    }
    benchmark::DoNotOptimize(walk.checksum);
  }
  Report(state, walk, bytes);
}
BENCHMARK(BM_FloorFile)->Apply(Sizes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace etldag::bench

BENCHMARK_MAIN();
