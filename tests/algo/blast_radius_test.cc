// ComputeBlastRadius vs a std::deque BFS oracle on seeded random graphs:
// downstream set, counts by kind and distance, sinks, protected hits and
// their paths (valid, shortest, equal to ShortestPathFromSet).
#include "engine/algo/blast_radius.h"

#include <map>
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

using ::etldag::testing::kInf;
using ::etldag::testing::Names;
using ::etldag::testing::QueueBfs;
using ::testing::ElementsAre;

Bitmap RandomSubset(uint32_t n, uint64_t seed, uint32_t one_in) {
  std::mt19937_64 rng(seed);
  Bitmap b(n);
  for (NodeId v = 0; v < n; ++v) {
    if (rng() % one_in == 0) b.Set(v);
  }
  return b;
}

void ExpectMatchesOracle(const Graph& g, const std::vector<NodeId>& failed, const Bitmap& prot,
                         const BlastRadius& br) {
  const std::vector<uint32_t> dist = QueueBfs(g, failed, Direction::kDownstream);
  std::vector<NodeId> down, sinks, hits;
  std::vector<uint32_t> by_distance;
  std::map<KindId, uint32_t> by_kind;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (dist[v] == kInf) continue;
    if (prot.Test(v)) hits.push_back(v);
    if (dist[v] == 0) continue;
    down.push_back(v);
    ++by_kind[g.kind(v)];
    if (by_distance.size() < dist[v]) by_distance.resize(dist[v]);
    ++by_distance[dist[v] - 1];
    bool sink = true;
    for (NodeId w : g.out(v)) sink = sink && w == v;
    if (sink) sinks.push_back(v);
  }
  ASSERT_EQ(br.downstream, down);
  EXPECT_EQ(br.by_distance, by_distance);
  EXPECT_EQ(br.sinks, sinks);
  ASSERT_EQ(br.by_kind.size(), by_kind.size());
  for (const KindCount& kc : br.by_kind) EXPECT_EQ(kc.count, by_kind[kc.kind]);
  ASSERT_EQ(br.protected_reached.size(), hits.size());
  for (size_t i = 0; i < hits.size(); ++i) {
    const ProtectedHit& h = br.protected_reached[i];
    ASSERT_EQ(h.node, hits[i]);
    EXPECT_EQ(h.distance, dist[h.node]);
    ASSERT_EQ(h.path.size(), h.distance + 1);
    EXPECT_TRUE(std::binary_search(br.failed.begin(), br.failed.end(), h.path.front()));
    EXPECT_EQ(h.path.back(), h.node);
    for (size_t j = 0; j + 1 < h.path.size(); ++j) {
      const std::span<const NodeId> out = g.out(h.path[j]);
      EXPECT_TRUE(std::binary_search(out.begin(), out.end(), h.path[j + 1]));
    }
    EXPECT_EQ(h.path, ShortestPathFromSet(g, failed, h.node));
  }
}

TEST(BlastRadius, RandomGraphsMatchBfs) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 17 % 400);
    const Graph g = seed % 2 ? testing::RandomDag(n, 2 * n, seed)
                             : testing::RandomGraph(n, 2 * n, 1 + seed % 4, seed, true);
    std::mt19937_64 rng(seed);
    std::vector<NodeId> failed;
    for (uint64_t i = 0; i < 1 + seed % 4; ++i) failed.push_back(static_cast<NodeId>(rng() % n));
    const Bitmap prot = RandomSubset(n, seed + 1000, 1 + seed % 7);
    ExpectMatchesOracle(g, failed, prot, ComputeBlastRadius(g, failed, prot));
  }
}

// One scratch reused for many blast radii (as triage does per root): each
// result matches the oracle, so the scratch is left clean between calls.
TEST(BlastRadius, ScratchReusedMatchesBfs) {
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 13 % 300);
    const Graph g = seed % 2 ? testing::RandomDag(n, 2 * n, seed)
                             : testing::RandomGraph(n, 2 * n, 1 + seed % 4, seed, true);
    const Bitmap prot = RandomSubset(n, seed + 2000, 1 + seed % 5);
    BlastRadiusScratch scratch(n);
    std::mt19937_64 rng(seed);
    for (int call = 0; call < 6; ++call) {
      std::vector<NodeId> failed;
      for (uint64_t i = 0; i < 1 + rng() % 3; ++i) failed.push_back(static_cast<NodeId>(rng() % n));
      ExpectMatchesOracle(g, failed, prot, ComputeBlastRadius(g, failed, prot, scratch));
    }
  }
}

//  raw/a -> dataset/b -> model/c -> policy/d
//                     \-> dataset/e          nu/policy/f (failed too)
TEST(BlastRadius, HandChecked) {
  ASSERT_OK_AND_ASSIGN(const Graph g,
                       BuildGraph({{"raw/a", ""}, {"dataset/b", ""}, {"model/c", ""},
                                   {"policy/d", ""}, {"dataset/e", ""}, {"nu/policy/f", ""}},
                                  {{"raw/a", "dataset/b"}, {"dataset/b", "model/c"},
                                   {"model/c", "policy/d"}, {"dataset/b", "dataset/e"}}));
  const std::vector<NodeId> failed = {*g.Find("raw/a"), *g.Find("nu/policy/f")};
  const BlastRadius br = ComputeBlastRadius(g, failed, DefaultProtectedSet(g));
  EXPECT_THAT(Names(g, br.downstream),
              ElementsAre("dataset/b", "dataset/e", "model/c", "policy/d"));
  EXPECT_THAT(br.by_distance, ElementsAre(1, 2, 1));
  EXPECT_THAT(Names(g, br.sinks), ElementsAre("dataset/e", "policy/d"));
  ASSERT_EQ(br.by_kind.size(), 3u);  // dataset 2, model 1, policy 1
  EXPECT_EQ(g.kind_name(br.by_kind[0].kind), "dataset");
  EXPECT_EQ(br.by_kind[0].count, 2u);
  ASSERT_EQ(br.protected_reached.size(), 2u);
  EXPECT_EQ(g.name(br.protected_reached[0].node), "nu/policy/f");  // failed itself
  EXPECT_EQ(br.protected_reached[0].distance, 0u);
  EXPECT_THAT(Names(g, br.protected_reached[0].path), ElementsAre("nu/policy/f"));
  EXPECT_THAT(Names(g, br.protected_reached[1].path),
              ElementsAre("raw/a", "dataset/b", "model/c", "policy/d"));
}

TEST(BlastRadius, FailedNodeReachedFromAnotherIsNotDownstream) {
  const Graph g = testing::Chain(4);  // n0 -> n1 -> n2 -> n3
  const std::vector<NodeId> failed = {0, 2, 2};
  const BlastRadius br = ComputeBlastRadius(g, failed, Bitmap(4));
  EXPECT_THAT(br.failed, ElementsAre(0u, 2u));
  EXPECT_THAT(br.downstream, ElementsAre(1u, 3u));
  EXPECT_THAT(br.by_distance, ElementsAre(2));
}

TEST(BlastRadius, NothingDownstream) {
  const Graph g = testing::Arrows({{"a", "a"}}, {"b"});  // self-loop only
  const std::vector<NodeId> failed = {0, 1};
  const BlastRadius br = ComputeBlastRadius(g, failed, Bitmap(2));
  EXPECT_TRUE(br.downstream.empty());
  EXPECT_TRUE(br.by_distance.empty());
  EXPECT_TRUE(br.sinks.empty());
  EXPECT_TRUE(br.protected_reached.empty());
}

TEST(BlastRadius, LongChainPathNoRecursion) {
  const uint32_t n = 200'000;  // deep enough to overflow any recursion
  const Graph g = testing::Chain(n);
  Bitmap prot(n);
  prot.Set(n - 1);
  const std::vector<NodeId> failed = {0};
  const BlastRadius br = ComputeBlastRadius(g, failed, prot);
  EXPECT_EQ(br.downstream.size(), n - 1);
  EXPECT_EQ(br.by_distance.size(), n - 1);
  ASSERT_EQ(br.protected_reached.size(), 1u);
  EXPECT_EQ(br.protected_reached[0].path.size(), n);
}

}  // namespace
}  // namespace etldag
