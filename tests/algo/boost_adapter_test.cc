#include "tests/algo/boost_adapter.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::Arrows;
using ::etldag::testing::Names;
using ::etldag::testing::StatusIs;
using ::testing::ElementsAre;

//   c ──> a ──> b        d
TEST(BoostAdapterTest, TopologicalOrderIsForward) {
  const Graph g = Arrows({{"c", "a"}, {"a", "b"}}, {"d"});
  ASSERT_OK_AND_ASSIGN(const std::vector<NodeId> order, BoostTopologicalOrder(g));
  ASSERT_EQ(order.size(), 4u);
  std::vector<size_t> pos(4);
  for (size_t i = 0; i < order.size(); ++i) pos[order[i]] = i;
  EXPECT_LT(pos[2], pos[0]);  // c before a
  EXPECT_LT(pos[0], pos[1]);  // a before b
}

TEST(BoostAdapterTest, CycleIsAStatusNotAnException) {
  EXPECT_THAT(BoostTopologicalOrder(Arrows({{"a", "b"}, {"b", "a"}})),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(BoostTopologicalOrder(Arrows({{"a", "a"}})),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

//   a ──> b ──> c ──> d
//   ▲     │
//   └─────┘
TEST(BoostAdapterTest, StrongComponents) {
  const Graph g = Arrows({{"a", "b"}, {"b", "a"}, {"b", "c"}, {"c", "d"}});
  const std::vector<uint32_t> comp = BoostStrongComponents(g);
  ASSERT_EQ(comp.size(), 4u);
  EXPECT_EQ(comp[0], comp[1]);
  EXPECT_NE(comp[1], comp[2]);
  EXPECT_NE(comp[2], comp[3]);
  EXPECT_NE(comp[0], comp[3]);
}

TEST(BoostAdapterTest, EmptyGraph) {
  EXPECT_TRUE(BoostStrongComponents(Graph()).empty());
  ASSERT_OK_AND_ASSIGN(const std::vector<NodeId> order, BoostTopologicalOrder(Graph()));
  EXPECT_TRUE(order.empty());
}

// Cross-check of the oracle itself: same component iff mutually reachable
// (Floyd-Warshall).
TEST(BoostAdapterPropertyTest, ComponentsAreMutualReachability) {
  std::mt19937_64 rng(8);
  for (int iter = 0; iter < 100; ++iter) {
    const uint32_t n = 1 + rng() % 30;
    const Graph g = testing::RandomDigraph(n, rng() % (2 * n + 1), iter);
    const std::vector<uint32_t> comp = BoostStrongComponents(g);
    const auto d = testing::AllPairs(g);
    for (NodeId u = 0; u < n; ++u) {
      for (NodeId v = 0; v < n; ++v) {
        const bool mutual = d[u][v] != testing::kInf && d[v][u] != testing::kInf;
        ASSERT_EQ(comp[u] == comp[v], mutual) << "iter " << iter;
      }
    }
  }
}

}  // namespace
}  // namespace etldag
