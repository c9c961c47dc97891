// Every parallel path of the algo module on hundreds of small seeded random
// graphs: with the serial threshold lowered to 1 item (parallel_threshold.h),
// each frontier step and per-level loop runs as a parallel_for even on a
// 20-node graph, and descendant counts run many 64-node blocks. At 1, 2 and
// 8 threads the results must equal the serial oracles (tests/algo/oracles.h)
// and each other: reachability and BFS distances (both directions, depth
// limits, several seeds), shortest paths, topological levels, critical path
// and descendant counts.
#include <algorithm>
#include <random>
#include <vector>

#include "engine/algo/critical_path.h"
#include "engine/algo/descendant_counts.h"
#include "engine/algo/internal/parallel_threshold.h"
#include "engine/algo/reachability.h"
#include "engine/algo/shortest_path.h"
#include "engine/algo/topo_levels.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::kInf;
using ::etldag::testing::kThreadCounts;
using ::etldag::testing::WithThreads;

class ParallelPaths : public ::testing::Test {
 protected:
  void SetUp() override { SetParallelThresholdForTesting(1); }
  void TearDown() override { SetParallelThresholdForTesting(kDefaultParallelThreshold); }
};

// Longest-path levels by repeated relaxation (DAGs only).
std::vector<uint32_t> OracleLevels(const Graph& g) {
  std::vector<uint32_t> level(g.num_nodes(), 0);
  for (bool changed = true; changed;) {
    changed = false;
    for (NodeId u = 0; u < g.num_nodes(); ++u) {
      for (NodeId v : g.out(u)) {
        if (level[u] + 1 > level[v]) level[v] = level[u] + 1, changed = true;
      }
    }
  }
  return level;
}

TEST_F(ParallelPaths, ReachAndDistancesMatchTheOracleAtEveryThreadCount) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 7 % 120);
    const Graph g = seed % 3 == 0 ? testing::RandomGraph(n, 3 * n, 4, seed, true)
                                  : testing::RandomDag(n, 2 * n + seed % 30, seed);
    std::mt19937_64 rng(seed);
    std::vector<NodeId> seeds;
    for (size_t i = 0, k = 1 + rng() % 3; i < k; ++i) seeds.push_back(static_cast<NodeId>(rng() % n));
    for (const Direction dir : {Direction::kDownstream, Direction::kUpstream}) {
      const std::vector<uint32_t> want = testing::QueueBfs(g, seeds, dir);
      for (const uint32_t depth : {1u, 2u, kUnlimitedDepth}) {
        for (const int threads : kThreadCounts) {
          SCOPED_TRACE(::testing::Message() << "seed " << seed << " depth " << depth << " threads " << threads);
          const std::vector<uint32_t> dist = WithThreads(threads, [&] { return ReachDistances(g, seeds, dir, depth); });
          const Bitmap reach = WithThreads(threads, [&] { return Reach(g, seeds, {dir, depth, false}); });
          for (NodeId v = 0; v < n; ++v) {
            const uint32_t w = want[v] == kInf || want[v] > depth ? kUnreached : want[v];
            ASSERT_EQ(dist[v], w) << v;
            ASSERT_EQ(reach.Test(v), w != kUnreached && w >= 1) << v;
          }
        }
      }
    }
    const NodeId from = seeds[0], to = static_cast<NodeId>(rng() % n);
    const std::vector<NodeId> path0 = WithThreads(1, [&] { return ShortestPath(g, from, to); });
    const std::vector<uint32_t> d = testing::QueueBfs(g, {from}, Direction::kDownstream);
    ASSERT_EQ(path0.empty(), d[to] == kInf);
    if (!path0.empty()) {
      ASSERT_EQ(path0.size(), d[to] + 1u);
    }
    for (const int threads : kThreadCounts) {
      ASSERT_EQ(WithThreads(threads, [&] { return ShortestPath(g, from, to); }), path0) << "seed " << seed;
    }
  }
}

TEST_F(ParallelPaths, LevelsCriticalPathAndCountsMatchAtEveryThreadCount) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 11 % 200);
    const Graph g = testing::RandomDag(n, 2 * n + seed % 50, seed);
    std::mt19937_64 rng(seed);
    std::vector<Ticks> w(n);
    for (Ticks& x : w) x = rng() % 4 == 0 ? 0 : static_cast<Ticks>(rng() % 10);
    Bitmap prot(n);
    for (NodeId v = 0; v < n; ++v) {
      if (rng() % 5 == 0) prot.Set(v);
    }
    const std::vector<uint32_t> levels = OracleLevels(g);
    std::vector<CriticalPath> cps;
    std::vector<DescendantCounts> counts;
    for (const int threads : kThreadCounts) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << " threads " << threads);
      const absl::StatusOr<TopoLevels> t = WithThreads(threads, [&] { return ComputeTopoLevels(g); });
      ASSERT_TRUE(t.ok());
      ASSERT_EQ(t->level, levels);
      absl::StatusOr<CriticalPath> cp = WithThreads(threads, [&] { return ComputeCriticalPath(g, w); });
      ASSERT_TRUE(cp.ok());
      cps.push_back(std::move(cp).value());
      DescendantCountsOptions opts;
      opts.block_words = 1;  // 64-node blocks: many blocks, run concurrently
      counts.push_back(WithThreads(threads, [&] { return ComputeDescendantCounts(g, &prot, opts); }));
    }
    for (NodeId v = 0; v < n; ++v) {  // the 1-thread counts against a DFS closure
      const std::vector<bool> r = testing::Closure(g, {v}, Direction::kDownstream);
      uint32_t down = 0, pdown = 0;
      for (NodeId u = 0; u < n; ++u) {
        if (!r[u] || u == v) continue;
        ++down;
        pdown += prot.Test(u);
      }
      ASSERT_EQ(counts[0].downstream[v], down) << "seed " << seed << " node " << v;
      ASSERT_EQ(counts[0].protected_downstream[v], pdown);
    }
    Ticks total = 0;  // the critical path's length by relaxation
    std::vector<Ticks> es(n, 0);
    for (uint32_t round = 0; round <= n; ++round) {
      for (NodeId u = 0; u < n; ++u) {
        for (NodeId v : g.out(u)) es[v] = std::max(es[v], es[u] + w[u]);
      }
    }
    for (NodeId v = 0; v < n; ++v) total = std::max(total, es[v] + w[v]);
    ASSERT_EQ(cps[0].earliest_start, es) << "seed " << seed;
    ASSERT_EQ(cps[0].total, total);
    for (size_t i = 1; i < cps.size(); ++i) {
      ASSERT_EQ(cps[i].earliest_start, cps[0].earliest_start);
      ASSERT_EQ(cps[i].latest_start, cps[0].latest_start);
      ASSERT_EQ(cps[i].chain, cps[0].chain);
      ASSERT_EQ(counts[i].downstream, counts[0].downstream);
      ASSERT_EQ(counts[i].protected_downstream, counts[0].protected_downstream);
    }
  }
}

}  // namespace
}  // namespace etldag
