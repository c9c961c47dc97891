// Tests of the shared generators in tests/testing/random_graph.h.
#include "tests/testing/random_graph.h"

#include <vector>

#include "tests/algo/boost_adapter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace etldag::testing {
namespace {

using ::testing::ElementsAre;

TEST(RandomGraphTest, NamesSortLikeNumbersSoNodeIIsIdI) {
  EXPECT_EQ(NodeName(7, 1000), "n007");
  EXPECT_EQ(NodeName(0, 1), "n0");
  const Graph g = GraphFromEdges(12, {{3, 10}, {10, 11}, {3, 10}});
  ASSERT_EQ(g.num_nodes(), 12u);
  for (NodeId i = 0; i < 12; ++i) EXPECT_EQ(g.name(i), NodeName(i, 12));
  EXPECT_THAT(EdgesOf(g), ElementsAre(std::pair<NodeId, NodeId>{3, 10},
                                      std::pair<NodeId, NodeId>{10, 11}));
}

TEST(RandomGraphTest, DeterministicForASeed) {
  EXPECT_EQ(EdgesOf(RandomGraph(100, 300, 5, 9, true)), EdgesOf(RandomGraph(100, 300, 5, 9, true)));
  EXPECT_NE(EdgesOf(RandomDag(100, 300, 1)), EdgesOf(RandomDag(100, 300, 2)));
  EXPECT_EQ(EdgesOf(RandomDigraph(50, 80, 4)), EdgesOf(RandomDigraph(50, 80, 4)));
}

TEST(RandomGraphTest, DagsAreAcyclicAndBackEdgesMakeCycles) {
  int cyclic = 0;
  for (uint64_t seed = 0; seed < 100; ++seed) {
    const Graph dag = RandomDag(1 + seed % 50, 3 * (1 + seed % 50), seed);
    EXPECT_TRUE(BoostTopologicalOrder(dag).ok());
    EXPECT_TRUE(dag.self_loops().empty());
    const Graph g = RandomGraph(2 + seed % 50, 2 * (2 + seed % 50), 3, seed);
    EXPECT_TRUE(g.self_loops().empty());  // self_loops = false
    cyclic += BoostTopologicalOrder(g).ok() ? 0 : 1;
  }
  EXPECT_GT(cyclic, 50);
}

TEST(RandomGraphTest, ShapesAndEdgeCases) {
  EXPECT_EQ(Chain(0).num_nodes(), 0u);
  EXPECT_EQ(Chain(1).num_edges(), 0u);
  EXPECT_EQ(Chain(5).num_edges(), 4u);
  EXPECT_EQ(Chain(5, /*closed=*/true).num_edges(), 5u);
  EXPECT_EQ(Chain(1, /*closed=*/true).self_loops().size(), 1u);
  const Graph out = Star(4);
  EXPECT_EQ(out.out_degree(0), 4u);
  EXPECT_EQ(Star(4, /*outward=*/false).in_degree(0), 4u);
  EXPECT_EQ(RandomDag(1, 10, 1).num_edges(), 0u);
  EXPECT_EQ(RandomGraph(0, 10, 10, 1).num_nodes(), 0u);
}

}  // namespace
}  // namespace etldag::testing
