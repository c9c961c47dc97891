#include "engine/algo/topo_levels.h"

#include <algorithm>
#include <random>
#include <vector>

#include "tests/algo/boost_adapter.h"
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
using ::testing::HasSubstr;

//   a ──> b ──> c
//   │           ▲
//   └───────────┘        d ──> e
TEST(TopoLevelsTest, LongestChainNotShortest) {
  const Graph g = Arrows({{"a", "b"}, {"b", "c"}, {"a", "c"}, {"d", "e"}});
  ASSERT_OK_AND_ASSIGN(const TopoLevels t, ComputeTopoLevels(g));
  EXPECT_THAT(t.level, ElementsAre(0, 1, 2, 0, 1));  // a b c d e
  EXPECT_EQ(t.num_levels, 3u);
  EXPECT_THAT(t.level_sizes, ElementsAre(2, 2, 1));
  EXPECT_THAT(Names(g, t.order), ElementsAre("a", "d", "b", "e", "c"));
}

TEST(TopoLevelsTest, EmptyAndIsolated) {
  ASSERT_OK_AND_ASSIGN(const TopoLevels empty, ComputeTopoLevels(Graph()));
  EXPECT_EQ(empty.num_levels, 0u);
  EXPECT_TRUE(empty.level.empty() && empty.order.empty() && empty.level_sizes.empty());
  const Graph g = Arrows({}, {"x", "y"});
  ASSERT_OK_AND_ASSIGN(const TopoLevels t, ComputeTopoLevels(g));
  EXPECT_EQ(t.num_levels, 1u);
  EXPECT_THAT(t.level_sizes, ElementsAre(2));
}

//   a ──> b ──> c ──> d        (and c ──> a closes a cycle)
//   ▲           │
//   └───────────┘
TEST(TopoLevelsTest, CycleIsNamedInTheError) {
  const Graph g = Arrows({{"a", "b"}, {"b", "c"}, {"c", "a"}, {"c", "d"}});
  EXPECT_THAT(ComputeTopoLevels(g),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("a -> b -> c -> a")));
}

TEST(TopoLevelsTest, SelfLoopIsACycle) {
  const Graph g = Arrows({{"a", "b"}, {"b", "b"}});
  EXPECT_THAT(ComputeTopoLevels(g),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("b -> b")));
}

// Checks every documented property of `t` for the DAG g.
void ExpectValidLevels(const Graph& g, const TopoLevels& t) {
  const uint32_t n = g.num_nodes();
  ASSERT_EQ(t.level.size(), n);
  ASSERT_EQ(t.order.size(), n);
  std::vector<uint32_t> sizes(t.num_levels, 0);
  for (NodeId v = 0; v < n; ++v) {
    uint32_t want = 0;
    for (NodeId u : g.in(v)) {
      ASSERT_GT(t.level[v], t.level[u]);
      want = std::max(want, t.level[u] + 1);
    }
    ASSERT_EQ(t.level[v], want) << "node " << v;
    ASSERT_LT(t.level[v], t.num_levels);
    ++sizes[t.level[v]];
  }
  ASSERT_EQ(sizes, t.level_sizes);
  if (n > 0) {
    ASSERT_EQ(*std::max_element(t.level.begin(), t.level.end()) + 1, t.num_levels);
  }
  // order: a permutation sorted by (level, id), hence topological.
  for (size_t i = 1; i < n; ++i) {
    const NodeId a = t.order[i - 1], b = t.order[i];
    ASSERT_TRUE(t.level[a] < t.level[b] || (t.level[a] == t.level[b] && a < b));
  }
}

// Levels by dynamic programming over Boost's topological order (independent).
std::vector<uint32_t> LevelsFromBoostOrder(const Graph& g, const std::vector<NodeId>& order) {
  std::vector<uint32_t> level(g.num_nodes(), 0);
  for (NodeId u : order) {
    for (NodeId v : g.out(u)) level[v] = std::max(level[v], level[u] + 1);
  }
  return level;
}

TEST(TopoLevelsPropertyTest, RandomDagsMatchBoost) {
  std::mt19937_64 rng(99);
  for (int iter = 0; iter < 300; ++iter) {
    const uint32_t n = 1 + rng() % 200;
    const Graph g = testing::RandomDag(n, rng() % (4 * n), iter);
    ASSERT_OK_AND_ASSIGN(const TopoLevels t, ComputeTopoLevels(g));
    ExpectValidLevels(g, t);
    ASSERT_OK_AND_ASSIGN(const std::vector<NodeId> boost_order, BoostTopologicalOrder(g));
    ASSERT_EQ(t.level, LevelsFromBoostOrder(g, boost_order)) << "iter " << iter;
  }
}

TEST(TopoLevelsPropertyTest, CyclicGraphsFailLikeBoost) {
  std::mt19937_64 rng(5);
  int cyclic = 0;
  for (int iter = 0; iter < 300; ++iter) {
    const uint32_t n = 1 + rng() % 100;
    const Graph g = testing::RandomGraph(n, rng() % (3 * n), rng() % 3, iter, true);
    const absl::StatusOr<TopoLevels> t = ComputeTopoLevels(g);
    ASSERT_EQ(t.ok(), BoostTopologicalOrder(g).ok()) << "iter " << iter;
    if (t.ok()) {
      ExpectValidLevels(g, *t);
    } else {
      ++cyclic;
      ASSERT_THAT(t, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(" -> ")));
    }
  }
  EXPECT_GT(cyclic, 50);  // the test exercises both outcomes
  EXPECT_GT(300 - cyclic, 50);
}

TEST(TopoLevelsPropertyTest, LargeDagIdenticalForAnyThreadCount) {
  const Graph g = testing::RandomDag(200000, 600000, 42);
  absl::StatusOr<TopoLevels> first;
  for (int threads : testing::kThreadCounts) {
    absl::StatusOr<TopoLevels> t = testing::WithThreads(threads, [&] { return ComputeTopoLevels(g); });
    ASSERT_TRUE(t.ok());
    if (threads == 1) {
      ExpectValidLevels(g, *t);
      ASSERT_GT(*std::max_element(t->level_sizes.begin(), t->level_sizes.end()), 4096u);
      first = std::move(t);
      continue;
    }
    EXPECT_EQ(t->level, first->level);
    EXPECT_EQ(t->order, first->order);
    EXPECT_EQ(t->level_sizes, first->level_sizes);
  }
}

}  // namespace
}  // namespace etldag
