// ComputeRetractionSet vs set algebra over a DFS oracle, and its order
// (every edge inside the set goes forward; name order when asked).
#include "engine/algo/retraction_set.h"

#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Closure;
using ::etldag::testing::Names;
using ::testing::ElementsAre;

TEST(RetractionSet, RandomGraphsMatchSetAlgebra) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 19 % 300);
    const bool cyclic = seed % 2 == 0;
    const Graph g = cyclic ? testing::RandomGraph(n, 2 * n, 1 + seed % 3, seed, true)
                           : testing::RandomDag(n, 2 * n, seed);
    std::mt19937_64 rng(seed);
    std::vector<NodeId> bad;
    for (uint64_t i = 0; i < 1 + seed % 3; ++i) bad.push_back(static_cast<NodeId>(rng() % n));
    Bitmap committed(n);
    for (NodeId v = 0; v < n; ++v) {
      if (rng() % 4 != 0) committed.Set(v);
    }
    const bool use_committed = seed % 3 != 0;
    const std::vector<bool> down = Closure(g, bad, Direction::kDownstream);
    std::vector<bool> is_bad(n, false);
    for (NodeId b : bad) is_bad[b] = true;
    std::vector<NodeId> want;
    uint32_t closure = 0, bad_count = 0;
    for (NodeId v = 0; v < n; ++v) {
      const bool in = is_bad[v] || down[v];
      closure += in;
      bad_count += is_bad[v];
      if (in && (!use_committed || committed.Test(v))) want.push_back(v);
    }
    RetractionOptions opts;
    if (use_committed) opts.committed = &committed;
    opts.order = RetractionOrder::kName;
    const RetractionSet by_name = ComputeRetractionSet(g, bad, opts);
    ASSERT_EQ(by_name.nodes, want);
    EXPECT_EQ(by_name.bad, bad_count);
    EXPECT_EQ(by_name.downstream, closure - bad_count);
    EXPECT_EQ(by_name.not_committed, closure - want.size());

    opts.order = RetractionOrder::kTopological;
    const RetractionSet topo = ComputeRetractionSet(g, bad, opts);
    std::vector<NodeId> sorted = topo.nodes;
    std::sort(sorted.begin(), sorted.end());
    ASSERT_EQ(sorted, want);
    std::vector<uint32_t> rank(n, 0);
    for (uint32_t i = 0; i < topo.nodes.size(); ++i) rank[topo.nodes[i]] = i;
    for (NodeId u : topo.nodes) {  // upstream first, except inside a cycle
      for (NodeId w : g.out(u)) {
        if (std::binary_search(sorted.begin(), sorted.end(), w) && rank[w] < rank[u]) {
          EXPECT_TRUE(Closure(g, {w}, Direction::kDownstream)[u]) << "edge not on a cycle";
        }
      }
    }
  }
}

//  a -> c -> e ;  b -> d -> e ;  c -> d        bad = {a}
TEST(RetractionSet, TopologicalThenName) {
  const Graph g = testing::Arrows({{"a", "c"}, {"c", "e"}, {"b", "d"}, {"d", "e"}, {"c", "d"}});
  const std::vector<NodeId> bad = {testing::Id(g, "a")};
  EXPECT_THAT(Names(g, ComputeRetractionSet(g, bad).nodes), ElementsAre("a", "c", "d", "e"));
  Bitmap committed(g.num_nodes());
  committed.Set(testing::Id(g, "e"));
  committed.Set(testing::Id(g, "a"));
  committed.Set(testing::Id(g, "b"));
  const RetractionSet rs = ComputeRetractionSet(g, bad, {.committed = &committed});
  EXPECT_THAT(Names(g, rs.nodes), ElementsAre("a", "e"));
  EXPECT_EQ(rs.not_committed, 2u);
}

TEST(RetractionSet, EmptySelection) {
  const Graph g = testing::Chain(3);
  const RetractionSet rs = ComputeRetractionSet(g, {});
  EXPECT_TRUE(rs.nodes.empty());
  EXPECT_EQ(rs.bad, 0u);
}

}  // namespace
}  // namespace etldag
