// Whole-graph structure passes on the loaded graph:
//   BM_TopoLevels  ComputeTopoLevels (engine/algo/topo_levels.h), Kahn by levels
//   BM_FindCycles  FindCycles (engine/algo/cycles.h), iterative Tarjan; the
//                  generated graphs are DAGs, so this is the "validate: no
//                  cycle" cost
// items/s = edges of the graph per second.
#include <cstdint>

#include "bench/support/bench_args.h"
#include "bench/support/bench_support.h"
#include "benchmark/benchmark.h"
#include "engine/algo/cycles.h"
#include "engine/algo/topo_levels.h"

namespace etldag::bench {
namespace {

void BM_TopoLevels(benchmark::State& state) {
  const Graph& g = BenchGraph(state.range(0));
  uint32_t levels = 0;
  for (auto _ : state) {
    absl::StatusOr<TopoLevels> lv = ComputeTopoLevels(g);
    if (!lv.ok()) {
      state.SkipWithError("not a DAG");
      return;
    }
    levels = lv->num_levels;
    benchmark::DoNotOptimize(lv->order.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(g.num_edges()) * state.iterations());
  state.counters["levels"] = levels;
}
BENCHMARK(BM_TopoLevels)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_FindCycles(benchmark::State& state) {
  const Graph& g = BenchGraph(state.range(0));
  size_t cycles = 0;
  for (auto _ : state) {
    const std::vector<Cycle> c = FindCycles(g);
    cycles = c.size();
    benchmark::DoNotOptimize(c.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(g.num_edges()) * state.iterations());
  state.counters["cycles"] = static_cast<double>(cycles);
}
BENCHMARK(BM_FindCycles)->Apply(Sizes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace etldag::bench

BENCHMARK_MAIN();
