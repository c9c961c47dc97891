// Reachability (engine/algo/reachability.h): the transitive downstream and
// upstream of one node — the hub, a mid-graph node and a deep node
// (bench_support.h says how they are picked) — on the loaded graph.
// Counters: reached = nodes in the result; items/s = edges scanned per second
// (the degrees, in the traversal's direction, of the seed and every node
// reached).
#include <cstdint>
#include <string>

#include "bench/support/bench_args.h"
#include "bench/support/bench_support.h"
#include "benchmark/benchmark.h"
#include "engine/algo/reachability.h"

namespace etldag::bench {
namespace {

void RunReach(benchmark::State& state, Direction dir) {
  const Graph& g = BenchGraph(state.range(0));
  const NodeId seed = ProbeNode(state.range(0), state.range(1));
  const NodeId seeds[] = {seed};
  const ReachOptions opts{dir, kUnlimitedDepth, false};
  size_t reached = 0;
  for (auto _ : state) {
    Bitmap r = Reach(g, seeds, opts);
    reached = r.Count();
    benchmark::DoNotOptimize(r);
  }
  const Bitmap r = Reach(g, seeds, opts);
  uint64_t scanned = dir == Direction::kDownstream ? g.out_degree(seed) : g.in_degree(seed);
  r.ForEach([&](size_t v) {
    const NodeId u = static_cast<NodeId>(v);
    scanned += dir == Direction::kDownstream ? g.out_degree(u) : g.in_degree(u);
  });
  state.SetItemsProcessed(static_cast<int64_t>(scanned) * state.iterations());
  state.counters["reached"] = static_cast<double>(reached);
  state.SetLabel(std::string(ProbeName(state.range(1))));
}

void BM_Downstream(benchmark::State& state) { RunReach(state, Direction::kDownstream); }
BENCHMARK(BM_Downstream)->Apply(SizesAndProbes)->Unit(benchmark::kMicrosecond);

void BM_Upstream(benchmark::State& state) { RunReach(state, Direction::kUpstream); }
BENCHMARK(BM_Upstream)->Apply(SizesAndProbes)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace etldag::bench

BENCHMARK_MAIN();
