#include "engine/graph/graph_builder.h"

#include <random>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "tests/fuzz/fuzz_checks.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Names(const Graph& g, std::span<const NodeId> ids) {
  std::vector<std::string> out;
  for (NodeId v : ids) out.emplace_back(g.name(v));
  return out;
}

TEST(GraphTest, EmptyGraph) {
  Graph g;
  EXPECT_EQ(g.num_nodes(), 0u);
  EXPECT_EQ(g.num_edges(), 0u);
  EXPECT_EQ(g.Find("x"), std::nullopt);
  ASSERT_OK_AND_ASSIGN(Graph built, GraphBuilder().Build());
  EXPECT_EQ(built.num_nodes(), 0u);
  EXPECT_EQ(built.num_kinds(), 0u);
}

//   c ---> a ---> b        (ids in name order: a=0, b=1, c=2, z=3)
//          |
//          +----> z (external: only referenced)
TEST(GraphBuilderTest, IdsInNameOrderAndBothCsrs) {
  GraphBuilder b;
  const auto c = b.Intern("c"), a = b.Intern("a"), bb = b.Intern("b"), z = b.Intern("z");
  ASSERT_TRUE(b.DefineOp(c, "contract"));
  ASSERT_TRUE(b.DefineOp(a));
  ASSERT_TRUE(b.DefineOp(bb));
  b.AddEdge(c, a, EdgeSide::kInputs);
  b.AddEdge(c, a, EdgeSide::kSuccessors);
  b.AddEdge(a, bb, EdgeSide::kBoth);
  b.AddEdge(a, z, EdgeSide::kSuccessors);
  ASSERT_OK_AND_ASSIGN(Graph g, std::move(b).Build());
  ASSERT_EQ(g.num_nodes(), 4u);
  EXPECT_EQ(g.name(0), "a");
  EXPECT_EQ(g.name(3), "z");
  EXPECT_EQ(g.Find("c"), 2u);
  EXPECT_EQ(g.Find("d"), std::nullopt);
  EXPECT_EQ(g.num_edges(), 3u);
  EXPECT_EQ(g.num_externals(), 1u);
  EXPECT_EQ(g.num_ops(), 3u);
  EXPECT_TRUE(g.is_external(3));
  EXPECT_FALSE(g.is_external(0));
  EXPECT_THAT(Names(g, g.out(0)), ElementsAre("b", "z"));
  EXPECT_THAT(Names(g, g.in(0)), ElementsAre("c"));
  EXPECT_THAT(Names(g, g.in(3)), ElementsAre("a"));
  EXPECT_EQ(g.kind_name(g.kind(2)), "contract");
  EXPECT_EQ(g.kind_name(g.kind(0)), "other");
  EXPECT_EQ(g.kind_name(g.kind(3)), "external");
  EXPECT_THAT(g.disagreements(), IsEmpty());  // edges to externals are one-sided by nature
  EXPECT_THAT(g.self_loops(), IsEmpty());
}

TEST(GraphBuilderTest, DuplicatesCollapseAndSidesMerge) {
  GraphBuilder b;
  const auto x = b.Intern("dataset/x"), y = b.Intern("model/y"), w = b.Intern("model/w");
  b.DefineOp(x);
  b.DefineOp(y);
  b.DefineOp(w);
  for (int i = 0; i < 3; ++i) b.AddEdge(x, y, EdgeSide::kInputs);
  b.AddEdge(x, y, EdgeSide::kSuccessors);
  b.AddEdge(x, w, EdgeSide::kInputs);      // only in w.inputs
  b.AddEdge(w, y, EdgeSide::kSuccessors);  // only in w.successors
  b.AddEdge(y, y, EdgeSide::kBoth);        // self-loop
  ASSERT_OK_AND_ASSIGN(Graph g, std::move(b).Build());
  EXPECT_EQ(g.num_edges(), 4u);
  const NodeId gx = *g.Find("dataset/x"), gy = *g.Find("model/y"), gw = *g.Find("model/w");
  EXPECT_THAT(g.out(gx), ElementsAre(gw, gy));
  EXPECT_THAT(g.self_loops(), ElementsAre(gy));
  ASSERT_EQ(g.disagreements().size(), 2u);
  EXPECT_EQ(g.disagreements()[0].from, gx);  // sorted by (from, to)
  EXPECT_EQ(g.disagreements()[0].to, gw);
  EXPECT_EQ(g.disagreements()[0].declared_by, EdgeSide::kInputs);
  EXPECT_EQ(g.disagreements()[1].from, gw);
  EXPECT_EQ(g.disagreements()[1].to, gy);
  EXPECT_EQ(g.disagreements()[1].declared_by, EdgeSide::kSuccessors);
  EXPECT_EQ(g.kind_name(g.kind(gx)), "dataset");
  EXPECT_EQ(g.kind_name(g.kind(gy)), "model");
  EXPECT_GT(g.memory_bytes(), 0u);
}

TEST(GraphBuilderTest, DuplicateDefinitionIsReported) {
  GraphBuilder b;
  const auto x = b.Intern("x");
  EXPECT_TRUE(b.DefineOp(x));
  EXPECT_FALSE(b.DefineOp(x));
  EXPECT_EQ(b.Intern("x"), x);
  EXPECT_TRUE(b.is_defined(x));
}

TEST(GraphBuilderTest, BadPidIsAnErrorNotACrash) {
  GraphBuilder b;
  b.Intern("x");
  b.AddEdge(0, 7, EdgeSide::kBoth);
  EXPECT_THAT(std::move(b).Build(), testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(GraphBuilderTest, BuildGraphConvenienceAndByteOrder) {
  ASSERT_OK_AND_ASSIGN(Graph g, BuildGraph({{"b", ""}, {"B", ""}, {"\xc3\xa9", ""}, {"a", ""}},
                                           {{"a", "b"}, {"B", "a"}}));
  EXPECT_EQ(g.name(0), "B");  // byte-wise order: uppercase first, UTF-8 last
  EXPECT_EQ(g.name(3), "\xc3\xa9");
  EXPECT_THAT(BuildGraph({{"a", ""}, {"a", ""}}, {}),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

// Random multigraph: CSR must equal the deduplicated edge set, both ways.
TEST(GraphBuilderTest, RandomEdgesMatchSetOracle) {
  for (uint32_t seed = 1; seed <= 50; ++seed) {
    std::mt19937 rng(seed);
    const int n = 1 + static_cast<int>(rng() % 60);
    GraphBuilder b;
    std::vector<GraphBuilder::Pid> pid(n);
    for (int i = 0; i < n; ++i) pid[i] = b.Intern("n" + std::to_string(i));
    std::set<std::pair<std::string, std::string>> oracle;
    const int m = static_cast<int>(rng() % 200);
    for (int e = 0; e < m; ++e) {
      const int u = static_cast<int>(rng() % n), v = static_cast<int>(rng() % n);
      b.AddEdge(pid[u], pid[v], EdgeSide::kBoth);
      oracle.emplace("n" + std::to_string(u), "n" + std::to_string(v));
    }
    ASSERT_OK_AND_ASSIGN(Graph g, std::move(b).Build());
    std::set<std::pair<std::string, std::string>> out_edges, in_edges;
    for (NodeId u = 0; u < g.num_nodes(); ++u) {
      ASSERT_TRUE(std::is_sorted(g.out(u).begin(), g.out(u).end()));
      ASSERT_TRUE(std::is_sorted(g.in(u).begin(), g.in(u).end()));
      for (NodeId v : g.out(u)) out_edges.emplace(g.name(u), g.name(v));
      for (NodeId v : g.in(u)) in_edges.emplace(g.name(v), g.name(u));
    }
    EXPECT_EQ(out_edges, oracle) << "seed " << seed;
    EXPECT_EQ(in_edges, oracle) << "seed " << seed;
    EXPECT_EQ(g.num_edges(), oracle.size());
  }
}

// Random ops and edges fed to one builder, or split between two builders
// (at a random point, names overlapping) merged afterwards: the same graph.
TEST(GraphBuilderTest, MergeFromBuildsWhatOneBuilderWould) {
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    std::mt19937 rng(seed);
    const int n = 1 + static_cast<int>(rng() % 40), m = static_cast<int>(rng() % 120);
    const int split_op = static_cast<int>(rng() % (n + 1)), split_edge = static_cast<int>(rng() % (m + 1));
    std::vector<std::pair<int, int>> edges;
    for (int e = 0; e < m; ++e) edges.emplace_back(static_cast<int>(rng() % (n + 5)), static_cast<int>(rng() % (n + 5)));
    const char* kinds[] = {"", "dataset", "model"};
    GraphBuilder one, first, second;
    for (int i = 0; i < n; ++i) {  // ops 0..n-1; names n..n+4 stay external
      const std::string name = "op/" + std::to_string(i);
      const char* kind = kinds[i % 3];
      ASSERT_TRUE(one.DefineOp(one.Intern(name), kind));
      GraphBuilder& part = i < split_op ? first : second;
      ASSERT_TRUE(part.DefineOp(part.Intern(name), kind));
    }
    for (int e = 0; e < m; ++e) {
      const std::string u = "op/" + std::to_string(edges[e].first), v = "op/" + std::to_string(edges[e].second);
      const EdgeSide side = static_cast<EdgeSide>(1 + e % 3);
      one.AddEdge(one.Intern(u), one.Intern(v), side);
      GraphBuilder& part = e < split_edge ? first : second;
      part.AddEdge(part.Intern(u), part.Intern(v), side);
    }
    ASSERT_TRUE(first.MergeFrom(std::move(second)));
    EXPECT_EQ(second.num_interned(), 0u);  // its memory was handed over and freed
    ASSERT_OK_AND_ASSIGN(const Graph expected, std::move(one).Build());
    ASSERT_OK_AND_ASSIGN(const Graph merged, std::move(first).Build());
    EXPECT_TRUE(fuzz::SameGraph(merged, expected)) << "seed " << seed;
  }
}

TEST(GraphBuilderTest, MergeFromRefusesAnOpDefinedInBoth) {
  GraphBuilder a, b;
  ASSERT_TRUE(a.DefineOp(a.Intern("x")));
  b.Intern("y");
  ASSERT_TRUE(b.DefineOp(b.Intern("x")));
  EXPECT_FALSE(a.MergeFrom(std::move(b)));
  GraphBuilder c, d;  // referenced in one, defined in the other: fine
  c.Intern("x");
  ASSERT_TRUE(d.DefineOp(d.Intern("x"), "model"));
  ASSERT_TRUE(c.MergeFrom(std::move(d)));
  ASSERT_OK_AND_ASSIGN(const Graph g, std::move(c).Build());
  ASSERT_EQ(g.num_nodes(), 1u);
  EXPECT_FALSE(g.is_external(0));
  EXPECT_EQ(g.kind_name(g.kind(0)), "model");
}

}  // namespace
}  // namespace etldag
