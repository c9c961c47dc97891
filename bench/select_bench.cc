// Selectors (engine/query/select.h): parse + evaluate on the loaded graph.
//   BM_SelectGlob     "*/policy/*"  — a glob over every name
//   BM_SelectKind     "kind:model"  — a method over every node
//   BM_SelectHubDescendants  "HUB+"  — graph operator: the hub and its
//                     descendants (a BFS from the selected seeds)
//   BM_SelectDeepAncestors   "+DEEP" — the deep node and its ancestors
//   BM_SelectAtMid           "@MID"  — the mid node's descendants and all
//                     their ancestors
// (HUB, MID, DEEP: the probe nodes of bench_support.h.)
// Counters: selected = nodes selected; items/s = nodes selected per second.
#include <cstdint>
#include <string>
#include <vector>

#include "bench/support/bench_args.h"
#include "bench/support/bench_support.h"
#include "benchmark/benchmark.h"
#include "engine/query/select.h"

namespace etldag::bench {
namespace {

void RunSelect(benchmark::State& state, const std::string& selector) {
  const Graph& g = BenchGraph(state.range(0));
  const std::vector<std::string> args = {selector};
  uint32_t count = 0;
  for (auto _ : state) {
    absl::StatusOr<Selection> s = Select(g, args);
    if (!s.ok()) {
      state.SkipWithError("select failed");
      return;
    }
    count = s->count;
  }
  state.SetItemsProcessed(static_cast<int64_t>(count) * state.iterations());
  state.counters["selected"] = count;
}

std::string ProbeSelector(const benchmark::State& state, int64_t probe) {
  return std::string(BenchGraph(state.range(0)).name(ProbeNode(state.range(0), probe)));
}

void BM_SelectGlob(benchmark::State& state) { RunSelect(state, "*/policy/*"); }
BENCHMARK(BM_SelectGlob)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_SelectKind(benchmark::State& state) { RunSelect(state, "kind:model"); }
BENCHMARK(BM_SelectKind)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_SelectHubDescendants(benchmark::State& state) {
  RunSelect(state, ProbeSelector(state, kHub) + "+");
}
BENCHMARK(BM_SelectHubDescendants)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_SelectDeepAncestors(benchmark::State& state) {
  RunSelect(state, "+" + ProbeSelector(state, kDeep));
}
BENCHMARK(BM_SelectDeepAncestors)->Apply(Sizes)->Unit(benchmark::kMillisecond);

void BM_SelectAtMid(benchmark::State& state) { RunSelect(state, "@" + ProbeSelector(state, kMid)); }
BENCHMARK(BM_SelectAtMid)->Apply(Sizes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace etldag::bench

BENCHMARK_MAIN();
