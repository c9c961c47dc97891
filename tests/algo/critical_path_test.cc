// Critical path method: hand-checked tiny DAGs, brute-force oracles on
// hundreds of seeded random DAGs (relaxation to a fixpoint for ES/LS, path
// enumeration for "zero slack exactly on longest chains"), thread-count
// independence, and a 1,000,000-node chain.
#include "engine/algo/critical_path.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::Arrows;
using ::etldag::testing::Id;
using ::etldag::testing::Names;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr Ticks kS = kTicksPerSecond;

//   a(1) --> b(2) --> d(1) --> e(0)
//     |               ^
//     +----> c(5) ----+               f(1) (isolated)
Graph Diamond() {
  return Arrows({{"a", "b"}, {"a", "c"}, {"b", "d"}, {"c", "d"}, {"d", "e"}}, {"f"});
}

TEST(CriticalPath, DiamondByHand) {
  const Graph g = Diamond();
  // ids in name order: a b c d e f
  const std::vector<Ticks> w = {1 * kS, 2 * kS, 5 * kS, 1 * kS, 0, 1 * kS};
  ASSERT_OK_AND_ASSIGN(const CriticalPath cp, ComputeCriticalPath(g, w));
  EXPECT_EQ(cp.total, 7 * kS);
  EXPECT_THAT(cp.earliest_start, ElementsAre(0, kS, kS, 6 * kS, 7 * kS, 0));
  EXPECT_THAT(cp.earliest_finish, ElementsAre(kS, 3 * kS, 6 * kS, 7 * kS, 7 * kS, kS));
  EXPECT_THAT(cp.latest_start, ElementsAre(0, 4 * kS, kS, 6 * kS, 7 * kS, 6 * kS));
  EXPECT_THAT(cp.latest_finish, ElementsAre(kS, 6 * kS, 6 * kS, 7 * kS, 7 * kS, 7 * kS));
  EXPECT_EQ(cp.slack(Id(g, "b")), 3 * kS);
  EXPECT_EQ(cp.slack(Id(g, "f")), 6 * kS);
  EXPECT_THAT(Names(g, cp.chain), ElementsAre("a", "c", "d", "e"));
  EXPECT_THAT(Names(g, LongestChainTo(g, cp, Id(g, "d"))), ElementsAre("a", "c", "d"));
  EXPECT_THAT(Names(g, LongestChainThrough(g, cp, Id(g, "b"))), ElementsAre("a", "b", "d", "e"));
  EXPECT_THAT(Names(g, LongestChainThrough(g, cp, Id(g, "f"))), ElementsAre("f"));
  EXPECT_THAT(Names(g, NearCritical(g, cp, 5)), ElementsAre("b", "f"));
  EXPECT_THAT(Names(g, NearCritical(g, cp, 1)), ElementsAre("b"));
}

TEST(CriticalPath, UnitWeightsAreLevelsAndTiesGoToSmallestId) {
  const Graph g = Diamond();
  const std::vector<Ticks> w(g.num_nodes(), 1);
  ASSERT_OK_AND_ASSIGN(const CriticalPath cp, ComputeCriticalPath(g, w));
  EXPECT_EQ(cp.total, 4);
  EXPECT_THAT(Names(g, cp.chain), ElementsAre("a", "b", "d", "e"));  // b before c
  EXPECT_THAT(Names(g, LongestChainTo(g, cp, Id(g, "e"))), ElementsAre("a", "b", "d", "e"));
  EXPECT_TRUE(NearCritical(g, cp, 3) == std::vector<NodeId>{Id(g, "f")});
}

TEST(CriticalPath, NearCriticalSkipsExternals) {
  // e (external) -> b(1) -> c(0) <- a(5): e and b both have slack 4.
  absl::StatusOr<Graph> g = BuildGraph({{"a", ""}, {"b", ""}, {"c", ""}},
                                       {{"e", "b"}, {"b", "c"}, {"a", "c"}});
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE(g->is_external(Id(*g, "e")));
  const std::vector<Ticks> w = {5, 1, 0, 0};  // a b c e
  ASSERT_OK_AND_ASSIGN(const CriticalPath cp, ComputeCriticalPath(*g, w));
  EXPECT_EQ(cp.slack(Id(*g, "e")), 4);
  EXPECT_THAT(Names(*g, NearCritical(*g, cp, 5)), ElementsAre("b"));
}

TEST(CriticalPath, CycleIsFailedPreconditionNamingIt) {
  const Graph g = Arrows({{"a", "b"}, {"b", "a"}, {"b", "c"}});
  const std::vector<Ticks> w(g.num_nodes(), 1);
  EXPECT_THAT(ComputeCriticalPath(g, w),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("a -> b -> a")));
}

TEST(CriticalPath, BadWeights) {
  const Graph g = Diamond();
  EXPECT_THAT(ComputeCriticalPath(g, std::vector<Ticks>(3, 1)),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<Ticks> w(g.num_nodes(), 1);
  w[2] = -1;
  EXPECT_THAT(ComputeCriticalPath(g, w), testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(CriticalPath, EmptyGraph) {
  const Graph g;
  ASSERT_OK_AND_ASSIGN(const CriticalPath cp, ComputeCriticalPath(g, {}));
  EXPECT_EQ(cp.total, 0);
  EXPECT_TRUE(cp.chain.empty());
}

// ---- oracles ---------------------------------------------------------------

struct OracleCpm {
  std::vector<Ticks> es, tail;  // tail(v) = heaviest chain starting at v
  Ticks total = 0;
};

// Relaxation over all edges until nothing changes (Bellman-Ford style).
OracleCpm Relax(const Graph& g, const std::vector<Ticks>& w) {
  const uint32_t n = g.num_nodes();
  OracleCpm o{std::vector<Ticks>(n, 0), w, 0};
  for (bool changed = true; changed;) {
    changed = false;
    for (NodeId u = 0; u < n; ++u) {
      for (NodeId v : g.out(u)) {
        if (o.es[u] + w[u] > o.es[v]) o.es[v] = o.es[u] + w[u], changed = true;
        if (w[u] + o.tail[v] > o.tail[u]) o.tail[u] = w[u] + o.tail[v], changed = true;
      }
    }
  }
  for (NodeId v = 0; v < n; ++v) o.total = std::max(o.total, o.es[v] + w[v]);
  return o;
}

// Nodes lying on at least one chain of weight `total`, by enumerating every
// source-to-sink path (explicit stack; small graphs only).
std::vector<bool> OnSomeLongestPath(const Graph& g, const std::vector<Ticks>& w, Ticks total) {
  std::vector<bool> on(g.num_nodes(), false);
  struct Frame { NodeId v; size_t next; Ticks sum; };
  for (NodeId s = 0; s < g.num_nodes(); ++s) {
    if (g.in_degree(s) > 0) continue;
    std::vector<Frame> stack{{s, 0, w[s]}};
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (g.out_degree(f.v) == 0 && f.sum == total) {
        for (const Frame& x : stack) on[x.v] = true;
      }
      if (f.next == g.out_degree(f.v)) {
        stack.pop_back();
        continue;
      }
      const NodeId nx = g.out(f.v)[f.next++];
      stack.push_back({nx, 0, f.sum + w[nx]});
    }
  }
  return on;
}

// `chain` is a path of g from a source to... its last node; returns its weight.
Ticks ChainWeight(const Graph& g, const std::vector<NodeId>& chain, const std::vector<Ticks>& w) {
  Ticks sum = 0;
  for (size_t i = 0; i < chain.size(); ++i) {
    if (i > 0) {
      const auto out = g.out(chain[i - 1]);
      EXPECT_TRUE(std::binary_search(out.begin(), out.end(), chain[i])) << "not an edge";
    }
    sum += w[chain[i]];
  }
  if (!chain.empty()) {
    EXPECT_EQ(g.in_degree(chain.front()), 0u) << "does not start at a source";
  }
  return sum;
}

std::vector<Ticks> RandomWeights(uint32_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Ticks> w(n);
  for (Ticks& x : w) x = (rng() % 4 == 0) ? 0 : static_cast<Ticks>(rng() % 10);
  return w;
}

TEST(CriticalPath, MatchesOraclesOnRandomDags) {
  for (uint64_t seed = 0; seed < 400; ++seed) {
    const uint32_t n = 1 + seed % 13;
    const Graph g = testing::RandomDag(n, seed % 3 == 0 ? 2 * n : n + seed % 7, seed);
    const std::vector<Ticks> w = RandomWeights(n, seed * 7 + 1);
    ASSERT_OK_AND_ASSIGN(const CriticalPath cp, ComputeCriticalPath(g, w));
    const OracleCpm o = Relax(g, w);
    const std::vector<bool> on = OnSomeLongestPath(g, w, o.total);
    ASSERT_EQ(cp.total, o.total) << "seed " << seed;
    std::vector<std::pair<Ticks, NodeId>> by_slack;
    for (NodeId v = 0; v < n; ++v) {
      EXPECT_EQ(cp.earliest_start[v], o.es[v]) << "seed " << seed << " v " << v;
      EXPECT_EQ(cp.earliest_finish[v], o.es[v] + w[v]);
      EXPECT_EQ(cp.latest_start[v], o.total - o.tail[v]);
      EXPECT_EQ(cp.latest_finish[v], cp.latest_start[v] + w[v]);
      EXPECT_GE(cp.slack(v), 0);
      EXPECT_EQ(cp.slack(v) == 0, on[v]) << "seed " << seed << " v " << v;
      if (cp.slack(v) > 0) by_slack.emplace_back(cp.slack(v), v);
      EXPECT_EQ(ChainWeight(g, LongestChainTo(g, cp, v), w), cp.earliest_finish[v]);
      const std::vector<NodeId> through = LongestChainThrough(g, cp, v);
      EXPECT_EQ(ChainWeight(g, through, w), o.total - cp.slack(v));
      EXPECT_NE(std::find(through.begin(), through.end(), v), through.end());
      EXPECT_EQ(g.out_degree(through.back()), 0u);
    }
    EXPECT_EQ(ChainWeight(g, cp.chain, w), o.total) << "seed " << seed;
    EXPECT_EQ(g.out_degree(cp.chain.back()), 0u);
    std::sort(by_slack.begin(), by_slack.end());
    const std::vector<NodeId> near = NearCritical(g, cp, 3);
    ASSERT_EQ(near.size(), std::min<size_t>(3, by_slack.size()));
    for (size_t i = 0; i < near.size(); ++i) EXPECT_EQ(near[i], by_slack[i].second);
  }
}

TEST(CriticalPath, IdenticalForAnyThreadCountOnWideLevels) {
  for (uint64_t seed = 0; seed < 3; ++seed) {
    const uint32_t n = 30000;
    const Graph g = testing::RandomDag(n, 3 * n, 100 + seed);
    const std::vector<Ticks> w = RandomWeights(n, seed);
    const OracleCpm o = Relax(g, w);
    std::vector<CriticalPath> runs;
    for (int threads : testing::kThreadCounts) {
      absl::StatusOr<CriticalPath> cp =
          testing::WithThreads(threads, [&] { return ComputeCriticalPath(g, w); });
      ASSERT_TRUE(cp.ok());
      runs.push_back(std::move(cp).value());
    }
    EXPECT_EQ(runs[0].earliest_start, o.es);
    EXPECT_EQ(runs[0].total, o.total);
    for (const CriticalPath& r : runs) {
      EXPECT_EQ(r.earliest_start, runs[0].earliest_start);
      EXPECT_EQ(r.latest_start, runs[0].latest_start);
      EXPECT_EQ(r.chain, runs[0].chain);
    }
  }
}

TEST(CriticalPath, MillionNodeChain) {
  const uint32_t n = 1'000'000;
  const Graph g = testing::Chain(n);
  const std::vector<Ticks> w(n, kS);
  ASSERT_OK_AND_ASSIGN(const CriticalPath cp, ComputeCriticalPath(g, w));
  EXPECT_EQ(cp.total, Ticks{n} * kS);
  EXPECT_EQ(cp.chain.size(), n);
  EXPECT_EQ(cp.slack(n / 2), 0);
  EXPECT_EQ(LongestChainTo(g, cp, n - 1).size(), n);
  EXPECT_EQ(LongestChainThrough(g, cp, 7).size(), n);
  EXPECT_TRUE(NearCritical(g, cp, 10).empty());
}

}  // namespace
}  // namespace etldag
