// ComputeNearestProtected vs the definition (all-pairs hop distances) on
// seeded random DAGs and cyclic graphs, and the paths it spells out.
#include "engine/algo/nearest_protected.h"

#include <algorithm>
#include <random>

#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::AllPairs;
using ::etldag::testing::kInf;

TEST(NearestProtected, MatchesAllPairsDistancesOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 13 % 90);
    const Graph g = seed % 3 == 0 ? testing::RandomGraph(n, 2 * n, 3, seed, true)
                                  : testing::RandomDag(n, n + seed % 40, seed);
    std::mt19937_64 rng(seed);
    Bitmap prot(n);
    for (NodeId v = 0; v < n; ++v) {
      if (rng() % (2 + seed % 11) == 0) prot.Set(v);
    }
    const std::vector<std::vector<uint32_t>> d = AllPairs(g);
    const NearestProtected np = ComputeNearestProtected(g, prot);
    for (NodeId v = 0; v < n; ++v) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << " node " << v);
      uint32_t best = kInf;
      for (NodeId p = 0; p < n; ++p) {
        if (prot.Test(p) && p != v) best = std::min(best, d[v][p]);
      }
      if (prot.Test(v)) {
        EXPECT_EQ(np.dist[v], 0u);
        EXPECT_FALSE(NearestProtectedHit(np, v).has_value());
        continue;
      }
      EXPECT_EQ(np.dist[v], best == kInf ? kUnreached : best);
      const std::optional<ProtectedHit> hit = NearestProtectedHit(np, v);
      ASSERT_EQ(hit.has_value(), best != kInf);
      if (!hit) continue;
      EXPECT_EQ(hit->distance, best);
      ASSERT_EQ(hit->path.size(), best + 1u);
      EXPECT_EQ(hit->path.front(), v);
      EXPECT_EQ(hit->path.back(), hit->node);
      EXPECT_TRUE(prot.Test(hit->node));
      for (size_t i = 1; i < hit->path.size(); ++i) {
        const std::span<const NodeId> out = g.out(hit->path[i - 1]);
        EXPECT_TRUE(std::binary_search(out.begin(), out.end(), hit->path[i]));
        if (i + 1 < hit->path.size()) {
          EXPECT_FALSE(prot.Test(hit->path[i]));  // the first protected node ends it
        }
      }
    }
  }
}

TEST(NearestProtected, ChainOfAMillionNeedsNoRecursion) {
  const Graph g = testing::Chain(1000000);
  Bitmap prot(g.num_nodes());
  prot.Set(g.num_nodes() - 1);
  const NearestProtected np = ComputeNearestProtected(g, prot);
  const std::optional<ProtectedHit> hit = NearestProtectedHit(np, 0);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->distance, g.num_nodes() - 1);
}

}  // namespace
}  // namespace etldag
