#include "engine/algo/cycles.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "tests/algo/boost_adapter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Arrows;
using ::etldag::testing::Names;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

//   a ──> b ──> c ──> d ──> e      f ─┐      g ──> h
//   ▲           │     ▲     │      ▲  │
//   └───────────┘     └─────┘      └──┘
TEST(FindCyclesTest, ComponentsAndPaths) {
  const Graph g = Arrows({{"a", "b"}, {"b", "c"}, {"c", "a"}, {"c", "d"}, {"d", "e"},
                          {"e", "d"}, {"f", "f"}, {"g", "h"}});
  const std::vector<Cycle> cycles = FindCycles(g);
  ASSERT_EQ(cycles.size(), 3u);
  EXPECT_THAT(Names(g, cycles[0].component), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Names(g, cycles[0].path), ElementsAre("a", "b", "c", "a"));
  EXPECT_THAT(Names(g, cycles[1].component), ElementsAre("d", "e"));
  EXPECT_THAT(Names(g, cycles[1].path), ElementsAre("d", "e", "d"));
  EXPECT_THAT(Names(g, cycles[2].component), ElementsAre("f"));
  EXPECT_THAT(Names(g, cycles[2].path), ElementsAre("f", "f"));
  EXPECT_EQ(FormatCyclePath(g, cycles[0]), "a -> b -> c -> a");
  EXPECT_EQ(FormatCyclePath(g, cycles[2]), "f -> f");
}

//   a ──> b ──> c ──> a   and   a <──> d   and   a ──> a
// One component {a, b, c, d}; the shortest cycle through a that is not the
// self-loop is a -> d -> a.
TEST(FindCyclesTest, ShortestWitnessIgnoringSelfLoop) {
  const Graph g = Arrows({{"a", "b"}, {"b", "c"}, {"c", "a"}, {"a", "d"}, {"d", "a"}, {"a", "a"}});
  const std::vector<Cycle> cycles = FindCycles(g);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_THAT(Names(g, cycles[0].component), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(Names(g, cycles[0].path), ElementsAre("a", "d", "a"));
}

TEST(FindCyclesTest, DagsAndEmptyHaveNone) {
  EXPECT_THAT(FindCycles(Graph()), IsEmpty());
  EXPECT_THAT(FindCycles(Arrows({{"a", "b"}, {"b", "c"}, {"a", "c"}})), IsEmpty());
  for (int seed = 0; seed < 50; ++seed) {
    EXPECT_THAT(FindCycles(testing::RandomDag(100, 300, seed)), IsEmpty());
  }
}

// The cyclic SCCs according to Boost, as sorted member lists sorted by their
// first member.
std::vector<std::vector<NodeId>> BoostCyclicComponents(const Graph& g) {
  const std::vector<uint32_t> comp = BoostStrongComponents(g);
  std::map<uint32_t, std::vector<NodeId>> by_id;
  for (NodeId v = 0; v < g.num_nodes(); ++v) by_id[comp[v]].push_back(v);
  std::vector<std::vector<NodeId>> out;
  for (auto& [id, members] : by_id) {
    const auto out_v = g.out(members[0]);
    const bool self_loop = std::find(out_v.begin(), out_v.end(), members[0]) != out_v.end();
    if (members.size() > 1 || self_loop) out.push_back(members);  // members already sorted
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ExpectValidWitness(const Graph& g, const Cycle& c,
                        const std::vector<std::vector<uint32_t>>& dist) {
  const std::vector<NodeId>& p = c.path;
  ASSERT_GE(p.size(), 2u);
  ASSERT_EQ(p.front(), c.component[0]);
  ASSERT_EQ(p.back(), c.component[0]);
  const std::set<NodeId> members(c.component.begin(), c.component.end());
  std::set<NodeId> seen;
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    ASSERT_TRUE(members.count(p[i]));
    ASSERT_TRUE(seen.insert(p[i]).second) << "node repeats: not a simple cycle";
    const auto out = g.out(p[i]);
    ASSERT_TRUE(std::binary_search(out.begin(), out.end(), p[i + 1])) << "not an edge";
  }
  // Shortest: |path| - 1 edges == min over non-root in-neighbours u of the
  // root (inside the component) of dist(root, u) + 1.
  const NodeId root = c.component[0];
  if (c.component.size() == 1) {
    ASSERT_EQ(p.size(), 2u);
    return;
  }
  uint32_t best = testing::kInf;
  for (NodeId u : g.in(root)) {
    if (u != root && members.count(u)) best = std::min(best, dist[root][u] + 1);
  }
  ASSERT_EQ(p.size() - 1, best);
}

TEST(FindCyclesPropertyTest, MatchesBoostStrongComponents) {
  std::mt19937_64 rng(3);
  size_t total_cycles = 0;
  for (int iter = 0; iter < 400; ++iter) {
    const uint32_t n = 1 + rng() % 60;
    const Graph g = iter % 2 == 0 ? testing::RandomDigraph(n, rng() % (2 * n + 1), iter)
                                  : testing::RandomGraph(n, rng() % (3 * n), rng() % 5, iter, true);
    const std::vector<Cycle> cycles = FindCycles(g);
    std::vector<std::vector<NodeId>> got;
    for (const Cycle& c : cycles) got.push_back(c.component);
    ASSERT_EQ(got, BoostCyclicComponents(g)) << "iter " << iter;
    const auto dist = testing::AllPairs(g);
    for (const Cycle& c : cycles) ExpectValidWitness(g, c, dist);
    total_cycles += cycles.size();
  }
  EXPECT_GT(total_cycles, 200u);
}

}  // namespace
}  // namespace etldag
