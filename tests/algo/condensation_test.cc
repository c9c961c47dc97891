// Condense(): components, topological positions and the position-space CSR,
// checked against FindCycles-free brute force (mutual reachability by DFS).
#include "engine/algo/condensation.h"

#include <vector>

#include "engine/algo/topo_levels.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Closure;

void ExpectValid(const Graph& g) {
  const Condensation cd = Condense(g);
  const uint32_t n = g.num_nodes();
  ASSERT_EQ(cd.members.size(), n);
  ASSERT_EQ(cd.member_offsets.back(), n);
  std::vector<std::vector<bool>> reach(n);
  for (NodeId v = 0; v < n; ++v) reach[v] = Closure(g, {v}, Direction::kDownstream);
  for (NodeId u = 0; u < n; ++u) {
    for (NodeId v = 0; v < n; ++v) {  // same component <=> mutually reachable
      const bool same = u == v || (reach[u][v] && reach[v][u]);
      ASSERT_EQ(cd.position[u] == cd.position[v], same) << u << " " << v;
    }
    const uint32_t p = cd.position[u];
    EXPECT_EQ(cd.cyclic[p] != 0, static_cast<bool>(reach[u][u]));
    for (NodeId w : g.out(u)) {  // every edge across components goes forward
      if (cd.position[w] == p) continue;
      ASSERT_GT(cd.position[w], p);
      const std::span<const uint32_t> out = cd.out(p);
      EXPECT_TRUE(std::binary_search(out.begin(), out.end(), cd.position[w]));
    }
  }
  uint32_t num_edges = 0;
  for (uint32_t p = 0; p < cd.num_components; ++p) {
    const std::span<const NodeId> c = cd.component(p);
    ASSERT_FALSE(c.empty());
    EXPECT_TRUE(std::is_sorted(c.begin(), c.end()));
    for (NodeId v : c) EXPECT_EQ(cd.position[v], p);
    const std::span<const uint32_t> out = cd.out(p);
    EXPECT_TRUE(std::adjacent_find(out.begin(), out.end(),
                                   [](uint32_t a, uint32_t b) { return a >= b; }) == out.end());
    for (uint32_t q : out) {  // and each such edge exists in g
      bool found = false;
      for (NodeId v : c) {
        for (NodeId w : g.out(v)) found = found || cd.position[w] == q;
      }
      EXPECT_TRUE(found);
    }
    num_edges += static_cast<uint32_t>(out.size());
  }
  EXPECT_EQ(num_edges, cd.out_targets.size());
}

TEST(Condensation, RandomGraphsAreValid) {
  for (uint64_t seed = 1; seed <= 120; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 11 % 60);
    ExpectValid(seed % 3 == 0 ? testing::RandomDag(n, 2 * n, seed)
                : seed % 3 == 1 ? testing::RandomGraph(n, 2 * n, 3, seed, true)
                                : testing::RandomDigraph(n, n + seed % 20, seed));
  }
}

TEST(Condensation, DagOrderEqualsTopoLevels) {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    const Graph g = testing::RandomDag(200, 500, seed);
    const Condensation cd = Condense(g);
    EXPECT_EQ(cd.num_cyclic, 0u);
    EXPECT_EQ(cd.members, ComputeTopoLevels(g)->order);
    EXPECT_EQ(CondensedTopologicalOrder(g), cd.members);
  }
}

//   a -> b -> c -> b,  c -> d,  e -> e,  f
TEST(Condensation, HandChecked) {
  const Graph g = testing::Arrows({{"a", "b"}, {"b", "c"}, {"c", "b"}, {"c", "d"}, {"e", "e"}},
                                  {"f"});
  const Condensation cd = Condense(g);
  EXPECT_EQ(cd.num_components, 5u);
  EXPECT_EQ(cd.num_cyclic, 2u);
  // Level 0: a, e, f (by smallest id); level 1: {b, c}; level 2: d.
  EXPECT_THAT(testing::Names(g, cd.members), ::testing::ElementsAre("a", "e", "f", "b", "c", "d"));
  EXPECT_EQ(cd.position[testing::Id(g, "c")], 3u);
  EXPECT_THAT(std::vector<uint32_t>(cd.out(0).begin(), cd.out(0).end()),
              ::testing::ElementsAre(3u));
  EXPECT_TRUE(cd.out(1).empty());  // the self-loop is dropped
}

TEST(Condensation, LongRingNoRecursion) {
  const Condensation cd = Condense(testing::Chain(200'000, /*closed=*/true));
  EXPECT_EQ(cd.num_components, 1u);
  EXPECT_EQ(cd.size(0), 200'000u);
}

}  // namespace
}  // namespace etldag
