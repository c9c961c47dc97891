// Blast radius on the loaded graph, default protected set (policy nodes).
//   BM_BlastRadius  ComputeBlastRadius of one failed node — hub, mid, deep
//                   (engine/algo/blast_radius.h); items/s = downstream nodes
//   BM_RankAll      the all-nodes ranking of `blast-radius --top 10`: exact
//                   ComputeDescendantCounts + TopByDownstream
//                   (engine/algo/descendant_counts.h) at 1..hardware threads;
//                   items/s = nodes ranked per second
#include <cstdint>
#include <string>
#include <vector>

#include "bench/support/bench_args.h"
#include "bench/support/bench_support.h"
#include "benchmark/benchmark.h"
#include "engine/algo/blast_radius.h"
#include "engine/algo/descendant_counts.h"
#include "engine/algo/protected_set.h"

namespace etldag::bench {
namespace {

void BM_BlastRadius(benchmark::State& state) {
  const Graph& g = BenchGraph(state.range(0));
  const Bitmap prot = DefaultProtectedSet(g);
  const NodeId failed[] = {ProbeNode(state.range(0), state.range(1))};
  size_t downstream = 0, hits = 0;
  for (auto _ : state) {
    const BlastRadius br = ComputeBlastRadius(g, failed, prot);
    downstream = br.downstream.size();
    hits = br.protected_reached.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(downstream) * state.iterations());
  state.counters["downstream"] = static_cast<double>(downstream);
  state.counters["protected_hit"] = static_cast<double>(hits);
  state.SetLabel(std::string(ProbeName(state.range(1))));
}
BENCHMARK(BM_BlastRadius)->Apply(SizesAndProbes)->Unit(benchmark::kMicrosecond);

void BM_RankAll(benchmark::State& state) {
  const Graph& g = BenchGraph(state.range(0));
  const Bitmap prot = DefaultProtectedSet(g);
  const ThreadLimit limit(static_cast<int>(state.range(1)));
  uint32_t top = 0;
  for (auto _ : state) {
    const DescendantCounts counts = ComputeDescendantCounts(g, &prot);
    const std::vector<RankedNode> ranked = TopByDownstream(counts, 10);
    top = ranked.empty() ? 0 : ranked[0].downstream;
  }
  state.SetItemsProcessed(static_cast<int64_t>(g.num_nodes()) * state.iterations());
  state.counters["top_downstream"] = top;
}
BENCHMARK(BM_RankAll)->Apply(SizesAndThreads)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace etldag::bench

BENCHMARK_MAIN();
