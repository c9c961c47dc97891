// Critical path with durations (engine/algo/critical_path.h) on the loaded
// graph, with the generator's durations file (durations_<N>.json).
//   BM_ReadDurations  ReadDurationsFile + ResolveDurations + WeightsFromSeconds
//   BM_CriticalPath   ComputeCriticalPath (topological levels + forward and
//                     backward CPM passes) given the weights
// items/s = edges of the graph per second.
#include <cstdint>
#include <optional>
#include <vector>

#include "bench/support/bench_args.h"
#include "bench/support/bench_support.h"
#include "benchmark/benchmark.h"
#include "engine/algo/critical_path.h"
#include "engine/algo/weights.h"
#include "engine/load/durations.h"

namespace etldag::bench {
namespace {

[[nodiscard]] absl::StatusOr<std::vector<Ticks>> Weights(const Graph& g, int64_t ops) {
  absl::StatusOr<Durations> d = ReadDurationsFile(DurationsPath(ops), g);
  if (!d.ok()) return d.status();
  const NodeDurations nd = ResolveDurations(g, &*d, std::nullopt);
  return WeightsFromSeconds(nd.seconds);
}

void BM_ReadDurations(benchmark::State& state) {
  const Graph& g = BenchGraph(state.range(0));
  for (auto _ : state) {
    absl::StatusOr<std::vector<Ticks>> w = Weights(g, state.range(0));
    if (!w.ok()) {
      state.SkipWithError("durations failed");
      return;
    }
    benchmark::DoNotOptimize(w->data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(g.num_nodes()) * state.iterations());
}
BENCHMARK(BM_ReadDurations)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_CriticalPath(benchmark::State& state) {
  const Graph& g = BenchGraph(state.range(0));
  const absl::StatusOr<std::vector<Ticks>> w = Weights(g, state.range(0));
  if (!w.ok()) {
    state.SkipWithError("durations failed");
    return;
  }
  double total = 0, chain = 0;
  for (auto _ : state) {
    absl::StatusOr<CriticalPath> cp = ComputeCriticalPath(g, *w);
    if (!cp.ok()) {
      state.SkipWithError("not a DAG");
      return;
    }
    total = TicksToSeconds(cp->total);
    chain = static_cast<double>(cp->chain.size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(g.num_edges()) * state.iterations());
  state.counters["total_s"] = total;
  state.counters["chain"] = chain;
}
BENCHMARK(BM_CriticalPath)->Apply(Sizes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace etldag::bench

BENCHMARK_MAIN();
