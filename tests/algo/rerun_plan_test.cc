// Rerun plan: waves, makespan and list scheduling on hand-drawn DAGs, and
// against brute-force oracles (transitive closure, fixpoint waves and
// finishes) on hundreds of seeded random DAGs with random exclusions; list
// schedules are checked for validity, greediness and Graham's bounds.
#include "engine/algo/rerun_plan.h"

#include <algorithm>
#include <random>
#include <span>
#include <string>
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

std::vector<std::string> WaveNames(const Graph& g, const RerunPlan& p, uint32_t k) {
  const std::span<const NodeId> nodes = p.wave_nodes(k);
  return Names(g, std::vector<NodeId>(nodes.begin(), nodes.end()));
}

Bitmap SetOf(const Graph& g, std::initializer_list<std::string_view> names) {
  Bitmap b(g.num_nodes());
  for (std::string_view n : names) b.Set(Id(g, n));
  return b;
}

//   f --> x --> b --> c        x is excluded; u is upstream, not failed
//   |     |     ^
//   |     v     |
//   +---> a     u
//         +---> y
Graph Example() {
  return Arrows({{"f", "x"}, {"x", "b"}, {"b", "c"}, {"f", "a"}, {"x", "a"}, {"a", "y"}, {"u", "b"}});
}

TEST(RerunPlan, WavesThroughAnExcludedNode) {
  const Graph g = Example();
  const std::vector<NodeId> failed = {Id(g, "f")};
  // ids: a b c f u x y; weights 1 s each but c = 10 s
  std::vector<Ticks> w(g.num_nodes(), kTicksPerSecond);
  w[Id(g, "c")] = 10 * kTicksPerSecond;
  ASSERT_OK_AND_ASSIGN(const RerunPlan p, PlanRerun(g, failed, SetOf(g, {"x"}), w));
  EXPECT_THAT(Names(g, p.nodes), ElementsAre("a", "b", "c", "f", "y"));
  ASSERT_EQ(p.num_waves, 3u);
  EXPECT_THAT(WaveNames(g, p, 1), ElementsAre("f"));
  EXPECT_THAT(WaveNames(g, p, 2), ElementsAre("a", "b"));  // b waits for f through x
  EXPECT_THAT(WaveNames(g, p, 3), ElementsAre("c", "y"));
  EXPECT_EQ(p.wave[Id(g, "u")], 0u);
  EXPECT_EQ(p.wave[Id(g, "x")], 0u);
  EXPECT_THAT(Names(g, p.skipped), ElementsAre("x"));
  EXPECT_EQ(p.total_work, 14 * kTicksPerSecond);
  EXPECT_EQ(p.makespan, 12 * kTicksPerSecond);
  EXPECT_THAT(Names(g, p.critical_chain), ElementsAre("f", "b", "c"));
  EXPECT_TRUE(p.slot_start.empty());
}

TEST(RerunPlan, ListScheduleByHand) {
  const Graph g = Example();
  const std::vector<NodeId> failed = {Id(g, "f")};
  std::vector<Ticks> w(g.num_nodes(), 1);
  w[Id(g, "c")] = 10;
  ASSERT_OK_AND_ASSIGN(const RerunPlan p,
                       PlanRerun(g, failed, SetOf(g, {"x"}), w, {.slots = 1}));
  // One slot: f; then b (remaining 11) before a (2); c (10) before y (1).
  EXPECT_EQ(p.slot_start[Id(g, "f")], 0);
  EXPECT_EQ(p.slot_start[Id(g, "b")], 1);
  EXPECT_EQ(p.slot_start[Id(g, "c")], 2);
  EXPECT_EQ(p.slot_start[Id(g, "a")], 12);
  EXPECT_EQ(p.slot_start[Id(g, "y")], 13);
  EXPECT_EQ(p.slot_start[Id(g, "u")], -1);
  EXPECT_EQ(p.slots_makespan, 14);
  ASSERT_OK_AND_ASSIGN(const RerunPlan two,
                       PlanRerun(g, failed, SetOf(g, {"x"}), w, {.slots = 2}));
  EXPECT_EQ(two.slots_makespan, 12);
}

TEST(RerunPlan, ExcludedFailedNodeStillPropagates) {
  const Graph g = Arrows({{"a", "b"}, {"b", "c"}});
  const std::vector<NodeId> failed = {Id(g, "a")};
  ASSERT_OK_AND_ASSIGN(const RerunPlan p,
                       PlanRerun(g, failed, SetOf(g, {"a"}), std::vector<Ticks>(3, 1)));
  EXPECT_THAT(Names(g, p.nodes), ElementsAre("b", "c"));
  EXPECT_EQ(p.num_waves, 2u);
}

TEST(RerunPlan, EmptyAndFullyExcluded) {
  const Graph g = Arrows({{"a", "b"}});
  ASSERT_OK_AND_ASSIGN(const RerunPlan none, PlanRerun(g, {}, Bitmap(2), std::vector<Ticks>(2, 1),
                                                       {.slots = 3}));
  EXPECT_TRUE(none.nodes.empty());
  EXPECT_EQ(none.num_waves, 0u);
  EXPECT_EQ(none.makespan, 0);
  EXPECT_EQ(none.slots_makespan, 0);
  const std::vector<NodeId> failed = {0};
  ASSERT_OK_AND_ASSIGN(const RerunPlan all,
                       PlanRerun(g, failed, SetOf(g, {"a", "b"}), std::vector<Ticks>(2, 1)));
  EXPECT_TRUE(all.nodes.empty());
  EXPECT_TRUE(all.critical_chain.empty());
}

TEST(RerunPlan, CycleInsideTheRerunIsAnErrorOutsideItIsNot) {
  const Graph g = Arrows({{"a", "b"}, {"b", "c"}, {"c", "b"}, {"x", "y"}, {"y", "x"}, {"y", "a"}});
  const std::vector<Ticks> w(g.num_nodes(), 1);
  const std::vector<NodeId> at_a = {Id(g, "a")};
  EXPECT_THAT(PlanRerun(g, at_a, Bitmap(g.num_nodes()), w),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("b -> c -> b")));
  const Graph h = Arrows({{"a", "b"}, {"x", "y"}, {"y", "x"}, {"y", "a"}});
  const std::vector<NodeId> h_a = {Id(h, "a")};
  ASSERT_OK_AND_ASSIGN(const RerunPlan p,
                       PlanRerun(h, h_a, Bitmap(h.num_nodes()), std::vector<Ticks>(4, 1)));
  EXPECT_THAT(Names(h, p.nodes), ElementsAre("a", "b"));
}

TEST(RerunPlan, BadArguments) {
  const Graph g = Arrows({{"a", "b"}});
  const std::vector<NodeId> bad = {7};
  EXPECT_THAT(PlanRerun(g, bad, Bitmap(2), std::vector<Ticks>(2, 1)),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(PlanRerun(g, {}, Bitmap(5), std::vector<Ticks>(2, 1)),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

// ---- oracles ---------------------------------------------------------------

struct Oracle {
  std::vector<std::vector<bool>> reaches;  // reaches[a][b]: a path a -> ... -> b
  std::vector<bool> rerun;
  std::vector<uint32_t> wave;
  std::vector<Ticks> ef;  // finish with unlimited parallelism
  Ticks makespan = 0, work = 0;
};

Oracle MakeOracle(const Graph& g, const std::vector<NodeId>& failed, const Bitmap& excluded,
                  const std::vector<Ticks>& w) {
  const uint32_t n = g.num_nodes();
  Oracle o;
  for (NodeId a = 0; a < n; ++a) o.reaches.push_back(testing::Closure(g, {a}, Direction::kDownstream));
  o.rerun = testing::Closure(g, failed, Direction::kDownstream);
  for (NodeId f : failed) o.rerun[f] = true;
  for (NodeId v = 0; v < n; ++v) o.rerun[v] = o.rerun[v] && !excluded.Test(v);
  o.wave.assign(n, 0);
  o.ef.assign(n, 0);
  for (bool changed = true; changed;) {  // fixpoint over all rerun pairs
    changed = false;
    for (NodeId b = 0; b < n; ++b) {
      if (!o.rerun[b]) continue;
      uint32_t wave = 1;
      Ticks ef = w[b];
      for (NodeId a = 0; a < n; ++a) {
        if (!o.rerun[a] || !o.reaches[a][b]) continue;
        wave = std::max(wave, o.wave[a] + 1);
        ef = std::max(ef, o.ef[a] + w[b]);
      }
      changed |= wave != o.wave[b] || ef != o.ef[b];
      o.wave[b] = wave;
      o.ef[b] = ef;
    }
  }
  for (NodeId v = 0; v < n; ++v) {
    if (!o.rerun[v]) continue;
    o.makespan = std::max(o.makespan, o.ef[v]);
    o.work += w[v];
  }
  return o;
}

// Validity, greediness (no slot idles while a task waits) and Graham's bounds.
void CheckSchedule(const Oracle& o, const std::vector<Ticks>& w, const RerunPlan& p, uint32_t k) {
  const uint32_t n = static_cast<uint32_t>(w.size());
  std::vector<Ticks> times;
  Ticks last = 0;
  for (NodeId v = 0; v < n; ++v) {
    ASSERT_EQ(p.slot_start[v] >= 0, o.rerun[v]);
    if (!o.rerun[v]) continue;
    times.push_back(p.slot_start[v]);
    times.push_back(p.slot_start[v] + w[v]);
    last = std::max(last, p.slot_start[v] + w[v]);
  }
  EXPECT_EQ(p.slots_makespan, last);
  auto running_at = [&](Ticks t) {
    uint32_t c = 0;
    for (NodeId v = 0; v < n; ++v) c += o.rerun[v] && p.slot_start[v] <= t && t < p.slot_start[v] + w[v];
    return c;
  };
  for (Ticks t : times) EXPECT_LE(running_at(t), k);
  for (NodeId b = 0; b < n; ++b) {
    if (!o.rerun[b]) continue;
    Ticks ready = 0;
    for (NodeId a = 0; a < n; ++a) {
      if (o.rerun[a] && o.reaches[a][b]) ready = std::max(ready, p.slot_start[a] + w[a]);
    }
    EXPECT_GE(p.slot_start[b], ready) << "starts before a dependency finished";
    for (Ticks t : times) {
      if (t >= ready && t < p.slot_start[b]) {
        EXPECT_EQ(running_at(t), k) << "idle slot";
      }
    }
  }
  EXPECT_GE(p.slots_makespan, o.makespan);
  EXPECT_GE(p.slots_makespan * k, o.work);
  EXPECT_LE(p.slots_makespan * k, o.work + (k - 1) * o.makespan);  // Graham
}

TEST(RerunPlan, MatchesOraclesOnRandomDags) {
  for (uint64_t seed = 0; seed < 300; ++seed) {
    std::mt19937_64 rng(seed);
    const uint32_t n = 2 + seed % 24;
    const Graph g = testing::RandomDag(n, n + rng() % (2 * n), seed);
    std::vector<NodeId> failed;
    for (uint64_t i = 0, k = 1 + rng() % 3; i < k; ++i) failed.push_back(rng() % n);
    Bitmap excluded(n);
    std::vector<Ticks> w(n);
    for (NodeId v = 0; v < n; ++v) {
      if (rng() % 4 == 0) excluded.Set(v);
      w[v] = rng() % 5 == 0 ? 0 : static_cast<Ticks>(rng() % 20);
    }
    const uint32_t k = 1 + seed % 4;
    ASSERT_OK_AND_ASSIGN(const RerunPlan p, PlanRerun(g, failed, excluded, w, {.slots = k}));
    const Oracle o = MakeOracle(g, failed, excluded, w);
    std::vector<NodeId> expect_nodes;
    for (NodeId v = 0; v < n; ++v) {
      if (o.rerun[v]) expect_nodes.push_back(v);
      ASSERT_EQ(p.wave[v], o.wave[v]) << "seed " << seed << " node " << v;
    }
    EXPECT_EQ(p.nodes, expect_nodes);
    size_t in_waves = 0;
    for (uint32_t k = 1; k <= p.num_waves; ++k) {
      EXPECT_FALSE(p.wave_nodes(k).empty());
      EXPECT_TRUE(std::is_sorted(p.wave_nodes(k).begin(), p.wave_nodes(k).end()));
      for (NodeId v : p.wave_nodes(k)) EXPECT_EQ(p.wave[v], k);
      in_waves += p.wave_nodes(k).size();
    }
    EXPECT_EQ(in_waves, p.nodes.size());
    EXPECT_EQ(p.total_work, o.work);
    EXPECT_EQ(p.makespan, o.makespan) << "seed " << seed;
    Ticks chain_weight = 0;
    for (size_t i = 0; i < p.critical_chain.size(); ++i) {
      ASSERT_TRUE(o.rerun[p.critical_chain[i]]);
      if (i > 0) {
        EXPECT_TRUE(o.reaches[p.critical_chain[i - 1]][p.critical_chain[i]]);
      }
      chain_weight += w[p.critical_chain[i]];
    }
    EXPECT_EQ(chain_weight, o.makespan) << "seed " << seed;
    CheckSchedule(o, w, p, k);
  }
}

TEST(RerunPlan, MillionNodeChain) {
  const uint32_t n = 1'000'000;
  const Graph g = testing::Chain(n);
  const std::vector<NodeId> failed = {0};
  Bitmap excluded(n);
  excluded.Set(n / 2);
  ASSERT_OK_AND_ASSIGN(const RerunPlan p,
                       PlanRerun(g, failed, excluded, std::vector<Ticks>(n, 1), {.slots = 4}));
  EXPECT_EQ(p.nodes.size(), n - 1);
  EXPECT_EQ(p.num_waves, n - 1);
  EXPECT_EQ(p.makespan, n - 1);
  EXPECT_EQ(p.slots_makespan, n - 1);
  EXPECT_EQ(p.critical_chain.size(), n - 1);
}

}  // namespace
}  // namespace etldag
