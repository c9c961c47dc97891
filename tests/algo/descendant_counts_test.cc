// ComputeDescendantCounts vs a per-node DFS oracle (oracles.h) on seeded random
// DAGs and cyclic graphs, at 1, 2 and 8 threads and every block size.
#include "engine/algo/descendant_counts.h"

#include <cstdint>
#include <vector>

#include "engine/algo/protected_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::Chain;
using ::etldag::testing::Closure;
using ::etldag::testing::kThreadCounts;
using ::etldag::testing::WithThreads;
using ::etldag::testing::RandomDag;
using ::etldag::testing::RandomDigraph;
using ::etldag::testing::RandomGraph;

// Every third node protected (an arbitrary, seed-independent set).
Bitmap EveryThird(const Graph& g) {
  Bitmap b(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); v += 3) b.Set(v);
  return b;
}

DescendantCounts Oracle(const Graph& g, const Bitmap& prot) {
  DescendantCounts o;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    const std::vector<bool> r = Closure(g, {v}, Direction::kDownstream);
    uint32_t all = 0, hit = 0;
    for (NodeId w = 0; w < g.num_nodes(); ++w) {
      if (r[w] && w != v) {  // v reached through a cycle is not its own descendant
        ++all;
        hit += prot.Test(w);
      }
    }
    o.downstream.push_back(all);
    o.protected_downstream.push_back(hit);
  }
  return o;
}

void ExpectMatchesOracle(const Graph& g, uint32_t block_words) {
  const Bitmap prot = EveryThird(g);
  const DescendantCounts want = Oracle(g, prot);
  DescendantCountsOptions opts;
  opts.block_words = block_words;
  const DescendantCounts got = ComputeDescendantCounts(g, &prot, opts);
  ASSERT_EQ(got.downstream, want.downstream) << "block_words=" << block_words;
  ASSERT_EQ(got.protected_downstream, want.protected_downstream);
}

//  a -> b -> c      d (isolated)     e <-> f -> g
TEST(DescendantCounts, TinyHandChecked) {
  ASSERT_OK_AND_ASSIGN(const Graph g,
                       BuildGraph({{"a", ""}, {"b", ""}, {"c", ""}, {"d", ""}, {"e", ""},
                                   {"f", ""}, {"g", "policy"}},
                                  {{"a", "b"}, {"b", "c"}, {"e", "f"}, {"f", "e"}, {"f", "g"}}));
  const Bitmap prot = DefaultProtectedSet(g);
  const DescendantCounts c = ComputeDescendantCounts(g, &prot);
  EXPECT_THAT(c.downstream, ::testing::ElementsAre(2, 1, 0, 0, 2, 2, 0));
  EXPECT_THAT(c.protected_downstream, ::testing::ElementsAre(0, 0, 0, 0, 1, 1, 0));
  const std::vector<RankedNode> top = TopByDownstream(c, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].node, 0u);  // a: 2 (tie with e, f broken by name)
  EXPECT_EQ(top[1].node, 4u);
  EXPECT_EQ(top[2].node, 5u);
  EXPECT_EQ(top[1].protected_downstream, 1u);
  Bitmap among(7);
  among.Set(1);
  among.Set(5);
  among.Set(6);
  const std::vector<RankedNode> some = TopByDownstream(c, 10, &among);
  ASSERT_EQ(some.size(), 3u);
  EXPECT_EQ(some[0].node, 5u);  // f: 2
  EXPECT_EQ(some[1].node, 1u);  // b: 1
  EXPECT_EQ(some[2].node, 6u);  // g: 0
}

TEST(DescendantCounts, RandomDagsMatchBfs) {
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 7 % 300);
    const Graph g = RandomDag(n, n * (1 + seed % 4), seed);
    ExpectMatchesOracle(g, 1u << (seed % 5));
  }
}

TEST(DescendantCounts, RandomCyclicGraphsMatchBfs) {
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    const uint32_t n = 1 + static_cast<uint32_t>(seed * 13 % 250);
    const Graph g = seed % 2 ? RandomGraph(n, 2 * n, 1 + seed % 5, seed, /*self_loops=*/true)
                             : RandomDigraph(n, n + seed % 40, seed);
    ExpectMatchesOracle(g, 1u << (seed % 5));
  }
}

TEST(DescendantCounts, IdenticalAtEveryThreadCount) {
  const Graph g = RandomGraph(5000, 20000, 3, 77);
  const Bitmap prot = EveryThird(g);
  DescendantCountsOptions opts;
  opts.block_words = 1;  // many blocks, so workers really share them
  std::vector<DescendantCounts> results;
  for (int threads : kThreadCounts) {
    results.push_back(WithThreads(threads, [&] { return ComputeDescendantCounts(g, &prot, opts); }));
  }
  const DescendantCounts want = Oracle(g, prot);
  for (const DescendantCounts& r : results) {
    EXPECT_EQ(r.downstream, want.downstream);
    EXPECT_EQ(r.protected_downstream, want.protected_downstream);
  }
}

TEST(DescendantCounts, ChainAndRingClosedForm) {
  const uint32_t n = 20000;
  const DescendantCounts chain = ComputeDescendantCounts(Chain(n), nullptr);
  const DescendantCounts ring = ComputeDescendantCounts(Chain(n, /*closed=*/true), nullptr);
  for (NodeId v = 0; v < n; ++v) {
    ASSERT_EQ(chain.downstream[v], n - 1 - v);
    ASSERT_EQ(ring.downstream[v], n - 1);
    ASSERT_EQ(chain.protected_downstream[v], 0u);
  }
}

TEST(DescendantCounts, EmptyGraphAndTopLimit) {
  const Graph empty;
  EXPECT_TRUE(ComputeDescendantCounts(empty, nullptr).downstream.empty());
  const DescendantCounts c = ComputeDescendantCounts(Chain(5), nullptr);
  EXPECT_EQ(TopByDownstream(c, 100).size(), 5u);
  EXPECT_TRUE(TopByDownstream(c, 0).empty());
}

TEST(DescendantCounts, StatsReportTheBlocking) {
  DescendantCountsOptions opts;
  opts.block_words = 3;  // rounded down to a power of two
  DescendantCountsStats stats;
  ComputeDescendantCounts(Chain(1000), nullptr, opts, &stats);
  EXPECT_EQ(stats.block_words, 2u);
  EXPECT_EQ(stats.num_blocks, 8u);  // ceil(1000 / 128)
  EXPECT_EQ(stats.num_components, 1000u);
  opts.block_words = 0;
  opts.memory_budget_bytes = 1;  // the budget forces the smallest block
  ComputeDescendantCounts(Chain(1000), nullptr, opts, &stats);
  EXPECT_EQ(stats.block_words, 1u);
  opts.memory_budget_bytes = size_t{1} << 30;
  ComputeDescendantCounts(Chain(1000), nullptr, opts, &stats);
  EXPECT_EQ(stats.block_words, kDefaultBlockWords);
}

}  // namespace
}  // namespace etldag
