// ComputeTriage vs a brute-force classification straight from the
// definitions in triage.h (explicit-stack DFS per node), on hundreds of
// seeded random DAGs and run states, with and without --failed; plus small
// drawn cases.
#include "engine/algo/triage.h"

#include <algorithm>
#include <random>
#include <vector>

#include "engine/algo/protected_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Arrows;
using ::etldag::testing::Closure;
using ::etldag::testing::Id;
using ::etldag::testing::Names;
using ::testing::ElementsAre;

Bitmap Set(const Graph& g, std::initializer_list<std::string_view> names) {
  Bitmap b(g.num_nodes());
  for (std::string_view n : names) b.Set(Id(g, n));
  return b;
}

//   raw/x -> dataset/a -> dataset/b -> model/c -> policy/p
//                 \-> dataset/d            dataset/e (alone, pending with F)
TEST(Triage, RootCollateralStale) {
  const Graph g = Arrows({{"raw/x", "dataset/a"}, {"dataset/a", "dataset/b"},
                          {"dataset/b", "model/c"}, {"model/c", "policy/p"},
                          {"dataset/a", "dataset/d"}, {"dataset/e", "dataset/f"}},
                         {"raw/x"});
  const Bitmap unc = Set(g, {"dataset/a", "dataset/b", "policy/p", "dataset/f"});
  const Bitmap prot = DefaultProtectedSet(g);
  const Triage t = ComputeTriage(g, {.uncommitted = &unc, .protected_set = &prot});
  ASSERT_EQ(t.roots.size(), 2u);
  EXPECT_EQ(g.name(t.roots[0].node), "dataset/a");  // reaches policy/p: most harmful
  EXPECT_EQ(t.roots[0].skip.verdict, SkipVerdict::kUnsafe);
  EXPECT_THAT(Names(g, t.roots[0].clear), ElementsAre("dataset/b", "policy/p"));
  EXPECT_EQ(g.name(t.roots[1].node), "dataset/f");
  EXPECT_EQ(t.roots[1].skip.verdict, SkipVerdict::kEmptyCommitSafe);
  EXPECT_THAT(Names(g, t.collateral), ElementsAre("dataset/b", "policy/p"));
  EXPECT_THAT(Names(g, t.stale), ElementsAre("dataset/d", "model/c"));
  EXPECT_TRUE(t.pending.empty());
  EXPECT_THAT(Names(g, NearestRootPath(g, t, Id(g, "policy/p"))),
              ElementsAre("dataset/a", "dataset/b", "model/c", "policy/p"));
  // With F = {dataset/a}: dataset/f is pending, not a root.
  const Bitmap failed = Set(g, {"dataset/a"});
  const Triage tf =
      ComputeTriage(g, {.uncommitted = &unc, .failed = &failed, .protected_set = &prot});
  ASSERT_EQ(tf.roots.size(), 1u);
  EXPECT_FALSE(tf.inferred);
  EXPECT_THAT(Names(g, tf.pending), ElementsAre("dataset/f"));
}

struct Oracle {
  std::vector<RunClass> cls;
  std::vector<uint32_t> roots_upstream;
  std::vector<NodeId> roots;
};

// Straight from triage.h: one DFS per node for its ancestors.
Oracle Classify(const Graph& g, const Bitmap& unc, const Bitmap* failed) {
  const uint32_t n = g.num_nodes();
  std::vector<bool> u(n), s(n);
  for (NodeId v = 0; v < n; ++v) {
    if (g.is_external(v)) continue;
    u[v] = unc.Test(v) || (failed != nullptr && failed->Test(v));
    s[v] = failed != nullptr ? failed->Test(v) : u[v];
  }
  Oracle o;
  std::vector<std::vector<bool>> anc(n);
  for (NodeId v = 0; v < n; ++v) anc[v] = Closure(g, {v}, Direction::kUpstream);
  for (NodeId v = 0; v < n; ++v) {
    bool minimal = s[v];
    for (NodeId w = 0; w < n && minimal; ++w) minimal = !(s[w] && anc[v][w]);
    if (minimal) o.roots.push_back(v);
  }
  o.cls.assign(n, RunClass::kCommitted);
  o.roots_upstream.assign(n, 0);
  for (NodeId v = 0; v < n; ++v) {
    uint32_t above = 0;
    for (NodeId r : o.roots) above += anc[v][r];
    const bool is_root = std::find(o.roots.begin(), o.roots.end(), v) != o.roots.end();
    if (g.is_external(v)) {
      o.cls[v] = RunClass::kExternal;
    } else if (is_root) {
      o.cls[v] = RunClass::kRootFailure;
    } else if (u[v]) {
      o.cls[v] = above > 0 ? RunClass::kCollateral : RunClass::kPending;
      if (above > 0) o.roots_upstream[v] = above;
    }
  }
  return o;
}

void ExpectMatchesOracle(const Graph& g, const Bitmap& unc, const Bitmap* failed,
                         const Bitmap& prot) {
  const Oracle o = Classify(g, unc, failed);
  const Triage t = ComputeTriage(g, {.uncommitted = &unc, .failed = failed, .protected_set = &prot});
  ASSERT_EQ(t.cls, o.cls);
  EXPECT_EQ(t.roots_upstream, o.roots_upstream);
  std::vector<NodeId> roots;
  for (const TriageRoot& r : t.roots) roots.push_back(r.node);
  std::sort(roots.begin(), roots.end());
  EXPECT_EQ(roots, o.roots);
  for (size_t i = 1; i < t.roots.size(); ++i) {  // most harmful first
    const TriageRoot& a = t.roots[i - 1];
    const TriageRoot& b = t.roots[i];
    EXPECT_TRUE(a.skip.is_protected >= b.skip.is_protected);
  }
  for (const TriageRoot& r : t.roots) {
    const std::vector<bool> down = Closure(g, {r.node}, Direction::kDownstream);
    std::vector<NodeId> clear;
    uint32_t count = 0;
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      if (!down[v] || v == r.node) continue;
      ++count;
      if (o.cls[v] == RunClass::kCollateral) clear.push_back(v);
    }
    EXPECT_EQ(r.clear, clear);
    EXPECT_EQ(r.downstream, count);
  }
  const std::vector<bool> below_roots = Closure(g, o.roots, Direction::kDownstream);
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    const bool stale = below_roots[v] && o.cls[v] == RunClass::kCommitted;
    EXPECT_EQ(std::binary_search(t.stale.begin(), t.stale.end(), v), stale);
    if (o.cls[v] != RunClass::kCollateral) continue;
    const std::vector<NodeId> path = NearestRootPath(g, t, v);
    ASSERT_GE(path.size(), 2u);
    EXPECT_EQ(o.cls[path.front()], RunClass::kRootFailure);
    EXPECT_EQ(path.back(), v);
    for (size_t i = 1; i < path.size(); ++i) {
      const auto out = g.out(path[i - 1]);
      EXPECT_TRUE(std::find(out.begin(), out.end(), path[i]) != out.end());
    }
    EXPECT_EQ(path.size() - 1, t.root_dist[v]);
  }
}

TEST(Triage, MatchesOracleOnRandomDagsAndRunStates) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    std::mt19937_64 rng(seed);
    const uint32_t n = 2 + static_cast<uint32_t>(rng() % 60);
    const Graph g = testing::RandomDag(n, rng() % (3 * n), seed);
    Bitmap unc(g.num_nodes()), failed(g.num_nodes()), prot(g.num_nodes());
    const uint64_t share = 1 + rng() % 4;
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      if (rng() % share == 0) unc.Set(v);
      if (rng() % 7 == 0) failed.Set(v);
      if (rng() % 9 == 0) prot.Set(v);
    }
    SCOPED_TRACE(seed);
    ExpectMatchesOracle(g, unc, nullptr, prot);
    ExpectMatchesOracle(g, unc, &failed, prot);
  }
}

TEST(Triage, ManyRootsCountedAcrossBitsetPasses) {
  // 200 sources all uncommitted... no: 200 roots feeding one sink.
  std::vector<std::pair<std::string_view, std::string_view>> edges;
  std::vector<std::string> names;
  names.reserve(200);
  for (int i = 0; i < 200; ++i) names.push_back("dataset/s" + std::to_string(1000 + i));
  for (const std::string& s : names) edges.push_back({s, "model/sink"});
  const Graph g = Arrows(edges);
  Bitmap unc(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) unc.Set(v);
  const Bitmap prot = DefaultProtectedSet(g);
  const Triage t = ComputeTriage(g, {.uncommitted = &unc, .protected_set = &prot});
  EXPECT_EQ(t.roots.size(), 200u);
  EXPECT_EQ(t.roots_upstream[Id(g, "model/sink")], 200u);
}

TEST(Triage, MillionChainNoRecursion) {
  const Graph g = testing::Chain(1000000);
  Bitmap unc(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) unc.Set(v);
  const Bitmap prot(g.num_nodes());
  const Triage t = ComputeTriage(g, {.uncommitted = &unc, .protected_set = &prot});
  ASSERT_EQ(t.roots.size(), 1u);
  EXPECT_EQ(t.collateral.size(), 999999u);
  EXPECT_EQ(t.roots[0].clear.size(), 999999u);
}

}  // namespace
}  // namespace etldag
