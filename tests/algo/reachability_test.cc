#include "engine/algo/reachability.h"

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

std::vector<std::string> ReachNames(const Graph& g, std::vector<std::string_view> seeds,
                                    ReachOptions opts = {}) {
  std::vector<NodeId> ids;
  for (std::string_view s : seeds) ids.push_back(Id(g, s));
  return Names(g, Reach(g, ids, opts).ToVector());
}

//   a ──> b ──> d
//   │           ▲
//   └───> c ────┘        e (isolated)
Graph Diamond() { return Arrows({{"a", "b"}, {"a", "c"}, {"b", "d"}, {"c", "d"}}, {"e"}); }

TEST(ReachTest, DiamondDownstream) {
  const Graph g = Diamond();
  EXPECT_THAT(ReachNames(g, {"a"}), ElementsAre("b", "c", "d"));
  EXPECT_THAT(ReachNames(g, {"a"}, {.include_seeds = true}), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(ReachNames(g, {"a"}, {.max_depth = 1}), ElementsAre("b", "c"));
  EXPECT_THAT(ReachNames(g, {"a"}, {.max_depth = 0}), IsEmpty());
  EXPECT_THAT(ReachNames(g, {"a"}, {.max_depth = 0, .include_seeds = true}), ElementsAre("a"));
  EXPECT_THAT(ReachNames(g, {"d"}), IsEmpty());
  EXPECT_THAT(ReachNames(g, {"e"}, {.include_seeds = true}), ElementsAre("e"));
}

TEST(ReachTest, DiamondUpstream) {
  const Graph g = Diamond();
  const ReachOptions up{.direction = Direction::kUpstream};
  EXPECT_THAT(ReachNames(g, {"d"}, up), ElementsAre("a", "b", "c"));
  EXPECT_THAT(ReachNames(g, {"d"}, {.direction = Direction::kUpstream, .max_depth = 1}),
              ElementsAre("b", "c"));
  EXPECT_THAT(ReachNames(g, {"a"}, up), IsEmpty());
}

TEST(ReachTest, SeedReachedFromAnotherSeedIsNotReported) {
  const Graph g = Diamond();
  EXPECT_THAT(ReachNames(g, {"a", "b"}), ElementsAre("c", "d"));
  EXPECT_THAT(ReachNames(g, {"b", "a", "b"}, {.include_seeds = true}),
              ElementsAre("a", "b", "c", "d"));
}

//   x ──> y ──> z      s ─┐
//   ▲     │            ▲  │ (self-loop)
//   └─────┘            └──┘
TEST(ReachTest, SeedOnACycleIsNotItsOwnDescendant) {
  const Graph g = Arrows({{"x", "y"}, {"y", "x"}, {"y", "z"}, {"s", "s"}});
  EXPECT_THAT(ReachNames(g, {"x"}), ElementsAre("y", "z"));
  EXPECT_THAT(ReachNames(g, {"x"}, {.include_seeds = true}), ElementsAre("x", "y", "z"));
  EXPECT_THAT(ReachNames(g, {"s"}), IsEmpty());
  EXPECT_THAT(ReachNames(g, {"z"}, {.direction = Direction::kUpstream}), ElementsAre("x", "y"));
}

TEST(ReachTest, EmptySeedsAndEmptyGraph) {
  const Graph g = Diamond();
  const Bitmap r = Reach(g, {}, {.include_seeds = true});
  EXPECT_EQ(r.size(), g.num_nodes());
  EXPECT_EQ(r.Count(), 0u);
  const Graph empty;
  EXPECT_EQ(Reach(empty, {}).size(), 0u);
  EXPECT_THAT(ReachDistances(empty, {}, Direction::kDownstream), IsEmpty());
}

TEST(ReachDistancesTest, Diamond) {
  const Graph g = Diamond();  // ids: a b c d e
  const NodeId a = Id(g, "a"), d = Id(g, "d");
  EXPECT_THAT(ReachDistances(g, std::vector<NodeId>{a}, Direction::kDownstream),
              ElementsAre(0, 1, 1, 2, kUnreached));
  EXPECT_THAT(ReachDistances(g, std::vector<NodeId>{a}, Direction::kDownstream, 1),
              ElementsAre(0, 1, 1, kUnreached, kUnreached));
  EXPECT_THAT(ReachDistances(g, std::vector<NodeId>{d}, Direction::kUpstream),
              ElementsAre(2, 1, 1, 0, kUnreached));
}

// Property test against Floyd-Warshall on hundreds of small random graphs:
// v is in Reach iff 1 <= min over seeds of dist(seed, v) <= max_depth, or it
// is a seed and include_seeds.
TEST(ReachPropertyTest, MatchesFloydWarshallOnSmallRandomGraphs) {
  std::mt19937_64 rng(20240601);
  const uint32_t depths[] = {0, 1, 2, 3, kUnlimitedDepth};
  for (int iter = 0; iter < 400; ++iter) {
    const uint32_t n = 1 + rng() % 40;
    const uint64_t m = rng() % (3 * n + 1);
    const Graph g = iter % 3 == 0 ? testing::RandomDigraph(n, m, iter)
                                  : testing::RandomGraph(n, m, iter % 3 == 1 ? 0 : 3, iter, true);
    const auto d = testing::AllPairs(g);
    std::vector<NodeId> seeds(rng() % 4);
    for (NodeId& s : seeds) s = rng() % n;
    for (Direction dir : {Direction::kDownstream, Direction::kUpstream}) {
      const ReachOptions opts{dir, depths[rng() % 5], rng() % 2 == 0};
      std::vector<uint32_t> want_dist(n, kInf);
      for (NodeId v = 0; v < n; ++v) {
        for (NodeId s : seeds) {
          want_dist[v] = std::min(want_dist[v], dir == Direction::kDownstream ? d[s][v] : d[v][s]);
        }
        if (want_dist[v] > opts.max_depth) want_dist[v] = kUnreached;
      }
      const Bitmap got = Reach(g, seeds, opts);
      for (NodeId v = 0; v < n; ++v) {
        const bool is_seed = std::count(seeds.begin(), seeds.end(), v) > 0;
        const bool want = (want_dist[v] >= 1 && want_dist[v] != kUnreached) ||
                          (opts.include_seeds && is_seed);
        ASSERT_EQ(got.Test(v), want) << "iter " << iter << " node " << v;
      }
      ASSERT_EQ(ReachDistances(g, seeds, dir, opts.max_depth), want_dist) << "iter " << iter;
    }
  }
}

// Unlimited depth: the explicit-stack DFS closure minus the seeds.
TEST(ReachPropertyTest, MatchesClosure) {
  std::mt19937_64 rng(7);
  for (int iter = 0; iter < 200; ++iter) {
    const uint32_t n = 1 + rng() % 300;
    const Graph g = testing::RandomGraph(n, rng() % (4 * n), rng() % 4, iter, true);
    std::vector<NodeId> seeds(1 + rng() % 5);
    for (NodeId& s : seeds) s = rng() % n;
    for (Direction dir : {Direction::kDownstream, Direction::kUpstream}) {
      std::vector<bool> want = testing::Closure(g, seeds, dir);
      for (NodeId s : seeds) want[s] = false;
      const Bitmap got = Reach(g, seeds, {.direction = dir});
      for (NodeId v = 0; v < n; ++v) ASSERT_EQ(got.Test(v), want[v]) << "iter " << iter;
    }
  }
}

// Large graphs, where frontiers exceed the parallel threshold: equal to the
// deque BFS oracle and identical for 1, 2 and 8 threads.
TEST(ReachPropertyTest, LargeGraphsAnyThreadCount) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    const uint32_t n = 40000;
    const Graph g = testing::RandomGraph(n, 10 * n, seed % 2 == 0 ? 50 : 0, seed);
    for (Direction dir : {Direction::kDownstream, Direction::kUpstream}) {
      // Seeds: the node of largest degree in `dir` (early in the hidden
      // topological order, so its reach is large) and an arbitrary one.
      NodeId hub = 0;
      for (NodeId v = 0; v < n; ++v) {
        if (testing::Nbrs(g, v, dir).size() > testing::Nbrs(g, hub, dir).size()) hub = v;
      }
      const std::vector<NodeId> seeds = {hub, static_cast<NodeId>(seed * 7919 % n)};
      const std::vector<uint32_t> want = testing::QueueBfs(g, seeds, dir);
      std::vector<uint32_t> level_size(n + 1, 0);
      for (uint32_t x : want) {
        if (x != kInf) ++level_size[x];
      }
      if (seed <= 2) {  // make sure the parallel step really runs
        ASSERT_GT(*std::max_element(level_size.begin(), level_size.end()), 4096u);
      }
      for (uint32_t depth : {3u, kUnlimitedDepth}) {
        std::vector<uint32_t> want_d = want;
        for (uint32_t& x : want_d) {
          if (x > depth) x = kUnreached;
        }
        for (int threads : testing::kThreadCounts) {
          const auto got = testing::WithThreads(
              threads, [&] { return ReachDistances(g, seeds, dir, depth); });
          ASSERT_EQ(got, want_d) << "seed " << seed << " threads " << threads;
          const Bitmap reach = testing::WithThreads(threads, [&] {
            return Reach(g, seeds, {.direction = dir, .max_depth = depth});
          });
          for (NodeId v = 0; v < n; ++v) {
            ASSERT_EQ(reach.Test(v), want_d[v] != kUnreached && want_d[v] >= 1);
          }
        }
      }
    }
  }
}

TEST(ReachTest, WideStarUsesParallelStep) {
  const Graph g = testing::Star(100000);  // 0 -> 1..100000, 1 -> ... none
  for (int threads : testing::kThreadCounts) {
    const Bitmap r = testing::WithThreads(threads, [&] {
      return Reach(g, std::vector<NodeId>{0}, {});
    });
    EXPECT_EQ(r.Count(), 100000u);
    EXPECT_FALSE(r.Test(0));
  }
  const Graph in = testing::Star(100000, /*outward=*/false);
  std::vector<NodeId> leaves(100000);
  for (NodeId i = 0; i < leaves.size(); ++i) leaves[i] = i + 1;
  EXPECT_EQ(Reach(in, leaves, {}).ToVector(), std::vector<NodeId>{0});
}

}  // namespace
}  // namespace etldag
