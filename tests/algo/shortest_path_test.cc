#include "engine/algo/shortest_path.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Arrows;
using ::etldag::testing::Id;
using ::etldag::testing::kInf;
using ::etldag::testing::Names;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

//   a ──> b ──> d ──> e
//   │           ▲
//   └───> c ────┘
Graph Diamond() { return Arrows({{"a", "b"}, {"a", "c"}, {"b", "d"}, {"c", "d"}, {"d", "e"}}); }

TEST(ShortestPathTest, Diamond) {
  const Graph g = Diamond();
  const NodeId a = Id(g, "a"), c = Id(g, "c"), e = Id(g, "e");
  EXPECT_THAT(Names(g, ShortestPath(g, a, e)), ElementsAre("a", "b", "d", "e"));  // b < c
  EXPECT_THAT(Names(g, ShortestPath(g, c, e)), ElementsAre("c", "d", "e"));
  EXPECT_THAT(ShortestPath(g, e, a), IsEmpty());
  EXPECT_THAT(Names(g, ShortestPath(g, a, a)), ElementsAre("a"));
}

TEST(ShortestPathTest, FromSetBothDirections) {
  const Graph g = Diamond();
  const NodeId a = Id(g, "a"), c = Id(g, "c"), e = Id(g, "e");
  EXPECT_THAT(Names(g, ShortestPathFromSet(g, std::vector<NodeId>{a, c}, e)),
              ElementsAre("c", "d", "e"));
  EXPECT_THAT(Names(g, ShortestPathFromSet(g, std::vector<NodeId>{e}, a, Direction::kUpstream)),
              ElementsAre("e", "d", "b", "a"));
  EXPECT_THAT(Names(g, ShortestPathFromSet(g, std::vector<NodeId>{a, e}, e)), ElementsAre("e"));
  EXPECT_THAT(ShortestPathFromSet(g, {}, e), IsEmpty());
  EXPECT_THAT(ShortestPathFromSet(g, std::vector<NodeId>{e}, a), IsEmpty());
}

// x <──> y cycle: a path never loops.
TEST(ShortestPathTest, Cycle) {
  const Graph g = Arrows({{"x", "y"}, {"y", "x"}, {"y", "z"}});
  EXPECT_THAT(Names(g, ShortestPath(g, Id(g, "x"), Id(g, "z"))), ElementsAre("x", "y", "z"));
  EXPECT_THAT(Names(g, ShortestPath(g, Id(g, "y"), Id(g, "x"))), ElementsAre("y", "x"));
}

// Checks `path` against BFS distances `dist` from the source set (in `dir`):
// right length, every hop an edge of `dir`, and the documented tie-break
// (each node's predecessor is the smallest id one level closer).
void ExpectShortest(const Graph& g, const std::vector<NodeId>& path, NodeId to,
                    const std::vector<uint32_t>& dist, Direction dir) {
  if (dist[to] == kInf) {
    ASSERT_THAT(path, IsEmpty());
    return;
  }
  ASSERT_EQ(path.size(), dist[to] + 1);
  ASSERT_EQ(path.back(), to);
  ASSERT_EQ(dist[path[0]], 0u);
  const Direction back = dir == Direction::kDownstream ? Direction::kUpstream : Direction::kDownstream;
  for (size_t i = 1; i < path.size(); ++i) {
    const auto nb = testing::Nbrs(g, path[i - 1], dir);
    ASSERT_TRUE(std::binary_search(nb.begin(), nb.end(), path[i])) << "hop is not an edge";
    NodeId smallest = kInvalidNode;
    for (NodeId p : testing::Nbrs(g, path[i], back)) {
      if (dist[p] == i - 1) smallest = std::min(smallest, p);
    }
    ASSERT_EQ(path[i - 1], smallest) << "tie-break";
  }
}

TEST(ShortestPathPropertyTest, MatchesFloydWarshall) {
  std::mt19937_64 rng(11);
  for (int iter = 0; iter < 300; ++iter) {
    const uint32_t n = 1 + rng() % 40;
    const Graph g = iter % 2 == 0 ? testing::RandomDigraph(n, rng() % (3 * n), iter)
                                  : testing::RandomDag(n, rng() % (3 * n), iter);
    const auto d = testing::AllPairs(g);
    for (int q = 0; q < 10; ++q) {
      const NodeId from = rng() % n, to = rng() % n;
      const std::vector<NodeId> path = ShortestPath(g, from, to);
      if (d[from][to] == kInf) {
        ASSERT_THAT(path, IsEmpty());
        continue;
      }
      ASSERT_EQ(path.size(), d[from][to] + 1) << "iter " << iter;
      ASSERT_EQ(path.front(), from);
      ExpectShortest(g, path, to, d[from], Direction::kDownstream);
    }
  }
}

TEST(ShortestPathPropertyTest, FromSetMatchesQueueBfs) {
  std::mt19937_64 rng(12);
  for (int iter = 0; iter < 300; ++iter) {
    const uint32_t n = 1 + rng() % 200;
    const Graph g = testing::RandomGraph(n, rng() % (3 * n), rng() % 3, iter, true);
    std::vector<NodeId> sources(rng() % 4);
    for (NodeId& s : sources) s = rng() % n;
    for (Direction dir : {Direction::kDownstream, Direction::kUpstream}) {
      const std::vector<uint32_t> dist = testing::QueueBfs(g, sources, dir);
      for (int q = 0; q < 5; ++q) {
        const NodeId to = rng() % n;
        ExpectShortest(g, ShortestPathFromSet(g, sources, to, dir), to, dist, dir);
      }
    }
  }
}

TEST(ShortestPathPropertyTest, LargeGraphIdenticalForAnyThreadCount) {
  const uint32_t n = 40000;
  const Graph g = testing::RandomGraph(n, 10 * n, 20, 77);
  NodeId hub = 0;
  for (NodeId v = 0; v < n; ++v) {
    if (g.out_degree(v) > g.out_degree(hub)) hub = v;
  }
  const std::vector<NodeId> sources = {hub, 5};
  const std::vector<uint32_t> dist = testing::QueueBfs(g, sources, Direction::kDownstream);
  int reached = 0;
  for (NodeId to = 0; to < n; to += 997) {
    std::vector<NodeId> first;
    for (int threads : testing::kThreadCounts) {
      std::vector<NodeId> path =
          testing::WithThreads(threads, [&] { return ShortestPathFromSet(g, sources, to); });
      if (threads == 1) {
        ExpectShortest(g, path, to, dist, Direction::kDownstream);
        first = std::move(path);
      } else {
        ASSERT_EQ(path, first);
      }
    }
    reached += first.empty() ? 0 : 1;
  }
  EXPECT_GT(reached, 10);
}

}  // namespace
}  // namespace etldag
