// TopologicalOrderOf (engine/algo/topo_order.h) against a naive oracle:
// repeatedly place the smallest node of the set whose in-set predecessors
// are all placed (O(k^2)); on seeded random DAGs and cyclic graphs, with
// random subsets.
#include "engine/algo/topo_order.h"

#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Arrows;
using ::etldag::testing::Names;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The naive order, or an empty optional when the induced subgraph is cyclic.
std::optional<std::vector<NodeId>> Naive(const Graph& g, const Bitmap& nodes) {
  const std::vector<NodeId> members = nodes.ToVector();
  std::vector<bool> placed(g.num_nodes(), false);
  std::vector<NodeId> order;
  while (order.size() < members.size()) {
    bool progress = false;
    for (NodeId v : members) {
      if (placed[v]) continue;
      bool ready = true;
      for (NodeId u : g.in(v)) ready = ready && (!nodes.Test(u) || placed[u]);
      if (!ready) continue;
      placed[v] = true;
      order.push_back(v);
      progress = true;
      break;  // restart: the smallest ready node first
    }
    if (!progress) return std::nullopt;
  }
  return order;
}

Bitmap RandomSubset(const Graph& g, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Bitmap b(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (rng() % 3 != 0) b.Set(v);
  }
  return b;
}

TEST(TopoOrderTest, MatchesTheOracleOnRandomGraphs) {
  size_t cyclic = 0;
  for (uint64_t seed = 0; seed < 300; ++seed) {
    SCOPED_TRACE(seed);
    const Graph g = seed % 2 == 0 ? testing::RandomDag(1 + seed % 40, seed % 100, seed)
                                  : testing::RandomGraph(2 + seed % 30, seed % 60, 1 + seed % 3, seed,
                                                         seed % 5 == 0);
    const Bitmap nodes = RandomSubset(g, seed);
    const std::optional<std::vector<NodeId>> want = Naive(g, nodes);
    const absl::StatusOr<std::vector<NodeId>> got = TopologicalOrderOf(g, nodes);
    if (!want.has_value()) {
      ++cyclic;
      ASSERT_FALSE(got.ok());
      EXPECT_EQ(got.status().code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_THAT(std::string(got.status().message()), HasSubstr("the selection has a cycle: "));
      continue;
    }
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, *want);
  }
  EXPECT_GT(cyclic, 10u);
}

//   b ──> a ──> c      d ──> e ──> f
//                      ▲           │
//                      └───────────┘
TEST(TopoOrderTest, TiesByNameAndOneNamedCycle) {
  const Graph g = Arrows({{"b", "a"}, {"a", "c"}, {"d", "e"}, {"e", "f"}, {"f", "d"}});
  Bitmap abc(g.num_nodes());
  for (std::string_view n : {"a", "b", "c"}) abc.Set(testing::Id(g, n));
  const absl::StatusOr<std::vector<NodeId>> order = TopologicalOrderOf(g, abc);
  ASSERT_TRUE(order.ok());
  EXPECT_THAT(Names(g, *order), ElementsAre("b", "a", "c"));
  Bitmap all(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) all.Set(v);
  const absl::StatusOr<std::vector<NodeId>> cyc = TopologicalOrderOf(g, all);
  ASSERT_FALSE(cyc.ok());
  EXPECT_EQ(cyc.status().message(), "the selection has a cycle: d -> e -> f -> d");
  Bitmap de(g.num_nodes());  // the cycle cut: no error
  de.Set(testing::Id(g, "d"));
  de.Set(testing::Id(g, "e"));
  EXPECT_TRUE(TopologicalOrderOf(g, de).ok());
}

}  // namespace
}  // namespace etldag
