// AssessSkips vs the definition (DFS oracle) on seeded random graphs, with
// the per-candidate BFS path and the all-nodes counts path compared.
#include "engine/algo/safe_to_skip.h"

#include <algorithm>
#include <random>
#include <vector>

#include "engine/algo/protected_set.h"
#include "engine/algo/shortest_path.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::Closure;
using ::etldag::testing::Names;
using ::testing::ElementsAre;

// The verdict straight from the definition in safe_to_skip.h.
SkipVerdict OracleVerdict(const Graph& g, NodeId c, const Bitmap& prot, uint32_t* down,
                          std::vector<NodeId>* hits) {
  const std::vector<bool> r = Closure(g, {c}, Direction::kDownstream);
  *down = 0;
  hits->clear();
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (!r[v] || v == c) continue;
    ++*down;
    if (prot.Test(v)) hits->push_back(v);
  }
  if (prot.Test(c) || !hits->empty()) return SkipVerdict::kUnsafe;
  return *down == 0 ? SkipVerdict::kEmptyCommitSafe : SkipVerdict::kSkipSafe;
}

void ExpectMatchesDefinition(const Graph& g, const Bitmap& prot, size_t bfs_limit) {
  std::vector<NodeId> all(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) all[v] = g.num_nodes() - 1 - v;  // unsorted
  const std::vector<SkipAssessment> got =
      AssessSkips(g, all, prot, {.explain = true, .bfs_limit = bfs_limit});
  ASSERT_EQ(got.size(), g.num_nodes());
  for (NodeId c = 0; c < g.num_nodes(); ++c) {
    const SkipAssessment& a = got[c];
    ASSERT_EQ(a.node, c);
    uint32_t down;
    std::vector<NodeId> hits;
    ASSERT_EQ(a.verdict, OracleVerdict(g, c, prot, &down, &hits)) << c;
    EXPECT_EQ(a.downstream, down);
    EXPECT_EQ(a.protected_downstream, hits.size());
    EXPECT_EQ(a.is_protected, prot.Test(c));
    uint32_t readers = 0;
    for (NodeId w : g.out(c)) readers += w != c;
    EXPECT_EQ(a.readers, readers);
    if (a.verdict != SkipVerdict::kUnsafe) {
      EXPECT_TRUE(a.protected_reached.empty());
      EXPECT_FALSE(a.nearest_protected.has_value());
      continue;
    }
    // The nearest protected node: at the smallest distance of any hit, with a
    // real shortest path to it (present whenever something protected is
    // downstream and c is not protected itself).
    if (!hits.empty() && !a.is_protected) {
      ASSERT_TRUE(a.nearest_protected.has_value()) << c;
      uint32_t best = UINT32_MAX;
      for (NodeId h : hits) best = std::min<uint32_t>(best, ShortestPath(g, c, h).size() - 1);
      EXPECT_EQ(a.nearest_protected->distance, best);
      EXPECT_TRUE(prot.Test(a.nearest_protected->node));
      EXPECT_EQ(a.nearest_protected->path.size(), best + 1u);
      EXPECT_EQ(a.nearest_protected->path.front(), c);
      EXPECT_EQ(a.nearest_protected->path.back(), a.nearest_protected->node);
      for (size_t i = 1; i < a.nearest_protected->path.size(); ++i) {
        const std::span<const NodeId> out = g.out(a.nearest_protected->path[i - 1]);
        EXPECT_TRUE(std::binary_search(out.begin(), out.end(), a.nearest_protected->path[i]));
      }
    } else if (hits.empty()) {
      EXPECT_FALSE(a.nearest_protected.has_value());
    }
    ASSERT_EQ(a.protected_reached.size(), hits.size());
    for (size_t i = 0; i < hits.size(); ++i) {
      EXPECT_EQ(a.protected_reached[i].node, hits[i]);
      EXPECT_EQ(a.protected_reached[i].path, ShortestPath(g, c, hits[i]));
    }
  }
}

TEST(SafeToSkip, RandomGraphsMatchDefinitionBothWays) {
  for (uint64_t seed = 1; seed <= 120; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 7 % 150);
    const Graph g = seed % 2 ? testing::RandomDag(n, n + seed % 50, seed)
                             : testing::RandomGraph(n, 2 * n, 2, seed, true);
    std::mt19937_64 rng(seed);
    Bitmap prot(n);
    for (NodeId v = 0; v < n; ++v) {
      if (rng() % (2 + seed % 9) == 0) prot.Set(v);
    }
    ExpectMatchesDefinition(g, prot, /*bfs_limit=*/1'000'000);  // one BFS each
    ExpectMatchesDefinition(g, prot, /*bfs_limit=*/0);          // all-nodes counts
  }
}

//  dataset/a -> dataset/b -> policy/c      dataset/d -> model/e     model/f
//  policy/c -> dataset/g   (a protected node is unsafe whatever is downstream)
TEST(SafeToSkip, HandChecked) {
  ASSERT_OK_AND_ASSIGN(const Graph g,
                       BuildGraph({{"dataset/a", ""}, {"dataset/b", ""}, {"policy/c", ""},
                                   {"dataset/d", ""}, {"model/e", ""}, {"model/f", ""},
                                   {"dataset/g", ""}},
                                  {{"dataset/a", "dataset/b"}, {"dataset/b", "policy/c"},
                                   {"dataset/d", "model/e"}, {"policy/c", "dataset/g"}}));
  const Bitmap prot = DefaultProtectedSet(g);
  std::vector<NodeId> all(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) all[v] = v;
  const std::vector<SkipAssessment> r = AssessSkips(g, all, prot);
  std::vector<std::string> verdicts;
  for (const SkipAssessment& a : r) {
    verdicts.push_back(std::string(g.name(a.node)) + " " + std::string(SkipVerdictName(a.verdict)));
  }
  EXPECT_THAT(verdicts, ElementsAre("dataset/a unsafe", "dataset/b unsafe",
                                    "dataset/d skip-safe", "dataset/g empty-commit-safe",
                                    "model/e empty-commit-safe", "model/f empty-commit-safe",
                                    "policy/c unsafe"));
  EXPECT_EQ(r[2].downstream, 1u);
  EXPECT_EQ(r[2].readers, 1u);
  ASSERT_EQ(r[0].protected_reached.size(), 1u);
  EXPECT_THAT(Names(g, r[0].protected_reached[0].path),
              ElementsAre("dataset/a", "dataset/b", "policy/c"));
  EXPECT_TRUE(r[6].is_protected);
  EXPECT_EQ(r[6].protected_downstream, 0u);
}

TEST(SafeToSkip, NoExplainLeavesPathsOut) {
  const Graph g = testing::Chain(3);
  Bitmap prot(3);
  prot.Set(2);
  const std::vector<NodeId> c = {0, 0, 1};
  for (size_t limit : {size_t{0}, size_t{100}}) {
    const std::vector<SkipAssessment> r =
        AssessSkips(g, c, prot, {.explain = false, .bfs_limit = limit});
    ASSERT_EQ(r.size(), 2u);  // duplicates collapse
    EXPECT_EQ(r[0].verdict, SkipVerdict::kUnsafe);
    EXPECT_EQ(r[0].protected_downstream, 1u);
    EXPECT_TRUE(r[0].protected_reached.empty());
  }
}

}  // namespace
}  // namespace etldag
