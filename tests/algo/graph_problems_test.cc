// FindGraphProblems (engine/algo/graph_problems.h): cycles of 2+ nodes
// against the DFS-closure oracle on random graphs; disagreements sorted and
// externals listed on a hand-built graph.
#include "engine/algo/graph_problems.h"

#include <set>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Closure;
using ::etldag::testing::Names;
using ::testing::ElementsAre;

TEST(GraphProblemsTest, CyclesAreTheComponentsOfTwoOrMoreNodes) {
  for (uint64_t seed = 0; seed < 200; ++seed) {
    SCOPED_TRACE(seed);
    const Graph g = testing::RandomGraph(2 + seed % 30, seed % 60, seed % 5, seed, seed % 2 == 0);
    const uint32_t n = g.num_nodes();
    std::vector<std::vector<bool>> reach(n);
    for (NodeId v = 0; v < n; ++v) reach[v] = Closure(g, {v}, Direction::kDownstream);
    std::set<std::vector<NodeId>> expected;
    for (NodeId v = 0; v < n; ++v) {
      std::vector<NodeId> comp;
      for (NodeId u = 0; u < n; ++u) {
        if (u == v || (reach[u][v] && reach[v][u])) comp.push_back(u);
      }
      if (comp.size() >= 2) expected.insert(comp);
    }
    const GraphProblems p = FindGraphProblems(g);
    std::set<std::vector<NodeId>> actual;
    for (size_t i = 0; i < p.cycles.size(); ++i) {
      actual.insert(p.cycles[i].component);
      if (i > 0) {
        EXPECT_LT(p.cycles[i - 1].component[0], p.cycles[i].component[0]);
      }
    }
    EXPECT_EQ(actual, expected);
    EXPECT_TRUE(p.disagreements.empty());  // every edge declared on both sides
    EXPECT_EQ(p.clean(), expected.empty());
  }
}

// a lists b in inputs only, c lists a in successors only: two disagreements;
// "ext" is used but never defined.
TEST(GraphProblemsTest, DisagreementsSortedAndExternalsListed) {
  GraphBuilder b;
  const auto a = b.Intern("a"), bb = b.Intern("b"), c = b.Intern("c"), ext = b.Intern("ext");
  ASSERT_TRUE(b.DefineOp(a));
  ASSERT_TRUE(b.DefineOp(bb));
  ASSERT_TRUE(b.DefineOp(c));
  b.AddEdge(c, a, EdgeSide::kSuccessors);
  b.AddEdge(bb, a, EdgeSide::kInputs);
  b.AddEdge(ext, c, EdgeSide::kInputs);
  absl::StatusOr<Graph> built = std::move(b).Build();
  ASSERT_TRUE(built.ok());
  const Graph& g = *built;
  const GraphProblems p = FindGraphProblems(g);
  EXPECT_TRUE(p.cycles.empty());
  ASSERT_EQ(p.disagreements.size(), 2u);
  EXPECT_EQ(g.name(p.disagreements[0].from), "b");
  EXPECT_EQ(g.name(p.disagreements[1].from), "c");
  EXPECT_FALSE(p.clean());
  EXPECT_THAT(Names(g, p.externals), ElementsAre("ext"));
}

}  // namespace
}  // namespace etldag
