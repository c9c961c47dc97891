// SummarizeGraph (engine/algo/graph_summary.h) against naive oracles: degrees
// from the edge list, SCCs of 2+ nodes from the DFS closure (u and v share a
// component iff each reaches the other), levels by n rounds of relaxation
// over the edge list; on hundreds of seeded random DAGs and cyclic graphs.
#include "engine/algo/graph_summary.h"

#include <algorithm>
#include <map>
#include <vector>

#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Arrows;
using ::etldag::testing::Closure;
using ::etldag::testing::EdgesOf;
using ::etldag::testing::Id;

struct Oracle {
  uint32_t sources = 0, sinks = 0;
  bool dag = true;
  uint32_t num_levels = 0, widest_level = 0, widest_size = 0;
  size_t cycles = 0, cycle_nodes = 0;
  std::vector<DegreeEntry> top_in, top_out;
};

std::vector<DegreeEntry> NaiveTop(const std::vector<uint32_t>& degree, size_t top_n) {
  std::vector<DegreeEntry> all;
  for (NodeId v = 0; v < degree.size(); ++v) {
    if (degree[v] > 0) all.push_back({v, degree[v]});
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const DegreeEntry& a, const DegreeEntry& b) { return a.degree > b.degree; });
  if (all.size() > top_n) all.resize(top_n);
  return all;
}

Oracle Naive(const Graph& g, size_t top_n) {
  Oracle o;
  const uint32_t n = g.num_nodes();
  const auto edges = EdgesOf(g);
  std::vector<uint32_t> in(n, 0), out(n, 0);
  for (const auto& [u, v] : edges) ++out[u], ++in[v];
  for (NodeId v = 0; v < n; ++v) o.sources += in[v] == 0, o.sinks += out[v] == 0;
  std::vector<std::vector<bool>> reach(n);
  for (NodeId v = 0; v < n; ++v) reach[v] = Closure(g, {v}, Direction::kDownstream);
  std::map<NodeId, size_t> component_size;  // smallest member -> size
  for (NodeId v = 0; v < n; ++v) {
    o.dag = o.dag && !reach[v][v];
    for (NodeId u = 0; u < v; ++u) {
      if (reach[u][v] && reach[v][u]) {  // u is the smallest member of v's component?
        bool smallest = true;
        for (NodeId w = 0; w < u && smallest; ++w) smallest = !(reach[w][v] && reach[v][w]);
        if (smallest) ++component_size[u];
        break;
      }
    }
  }
  for (const auto& [head, others] : component_size) ++o.cycles, o.cycle_nodes += others + 1;
  if (o.dag && n > 0) {
    std::vector<uint32_t> level(n, 0);
    for (uint32_t round = 0; round < n; ++round) {
      for (const auto& [u, v] : edges) level[v] = std::max(level[v], level[u] + 1);
    }
    o.num_levels = *std::max_element(level.begin(), level.end()) + 1;
    std::vector<uint32_t> size(o.num_levels, 0);
    for (uint32_t l : level) ++size[l];
    for (uint32_t l = 0; l < o.num_levels; ++l) {
      if (size[l] > o.widest_size) o.widest_size = size[l], o.widest_level = l;
    }
  }
  o.top_in = NaiveTop(in, top_n);
  o.top_out = NaiveTop(out, top_n);
  return o;
}

void ExpectSame(const std::vector<DegreeEntry>& a, const std::vector<DegreeEntry>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].node, b[i].node) << i;
    EXPECT_EQ(a[i].degree, b[i].degree) << i;
  }
}

void ExpectMatchesOracle(const Graph& g, size_t top_n) {
  const GraphSummary s = SummarizeGraph(g, top_n);
  const Oracle o = Naive(g, top_n);
  EXPECT_EQ(s.sources, o.sources);
  EXPECT_EQ(s.sinks, o.sinks);
  EXPECT_EQ(s.dag, o.dag);
  EXPECT_EQ(s.num_levels, o.num_levels);
  EXPECT_EQ(s.widest_level, o.widest_level);
  EXPECT_EQ(s.widest_size, o.widest_size);
  EXPECT_EQ(s.cycles, o.cycles);
  EXPECT_EQ(s.cycle_nodes, o.cycle_nodes);
  ExpectSame(s.top_in, o.top_in);
  ExpectSame(s.top_out, o.top_out);
  uint64_t kind_total = 0;
  for (const KindEntry& k : s.kinds) kind_total += k.count;
  EXPECT_EQ(kind_total, g.num_nodes());
}

TEST(GraphSummaryTest, RandomDagsMatchTheOracle) {
  for (uint64_t seed = 0; seed < 150; ++seed) {
    SCOPED_TRACE(seed);
    ExpectMatchesOracle(testing::RandomDag(1 + seed % 40, seed % 90, seed), 1 + seed % 7);
  }
}

TEST(GraphSummaryTest, CyclicGraphsMatchTheOracle) {
  for (uint64_t seed = 0; seed < 150; ++seed) {
    SCOPED_TRACE(seed);
    ExpectMatchesOracle(testing::RandomGraph(2 + seed % 30, seed % 60, 1 + seed % 4, seed, seed % 3 == 0), 5);
    ExpectMatchesOracle(testing::RandomDigraph(1 + seed % 25, seed % 50, seed), 3);
  }
}

//   a ──> b ──> c      d ──> e
//         ▲     │      ▲     │
//         └─────┘      └─────┘
TEST(GraphSummaryTest, SmallCyclicGraph) {
  const Graph g = Arrows({{"a", "b"}, {"b", "c"}, {"c", "b"}, {"d", "e"}, {"e", "d"}});
  const GraphSummary s = SummarizeGraph(g, 10);
  EXPECT_FALSE(s.dag);
  EXPECT_EQ(s.num_levels, 0u);
  EXPECT_EQ(s.cycles, 2u);
  EXPECT_EQ(s.cycle_nodes, 4u);
  EXPECT_EQ(s.sources, 1u);  // a
  EXPECT_EQ(s.sinks, 0u);
  ASSERT_FALSE(s.top_in.empty());
  EXPECT_EQ(s.top_in[0].node, Id(g, "b"));  // in-degree 2
  EXPECT_EQ(s.top_in[0].degree, 2u);
}

TEST(GraphSummaryTest, EmptyGraph) {
  const Graph g = testing::GraphFromEdges(0, {});
  const GraphSummary s = SummarizeGraph(g, 10);
  EXPECT_TRUE(s.dag);
  EXPECT_EQ(s.num_levels, 0u);
  EXPECT_TRUE(s.kinds.empty());
  EXPECT_TRUE(s.top_in.empty());
}

}  // namespace
}  // namespace etldag
