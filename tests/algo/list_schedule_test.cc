// ListSchedule (engine/algo/list_schedule.h) against a serial simulation
// oracle written from the rule alone: at each event time, every task
// finishing then completes (and pass-through nodes whose member predecessors
// are all complete complete with it), then free slots take ready tasks by
// highest priority, smallest id. The oracle rescans every node at every
// step, with no heaps and no predecessor counters. Seeded random DAGs with
// random members, zero weights, tied priorities and 1-5 slots; plus Graham's
// bounds, precedence, and the 1-slot and many-slot extremes.
#include "engine/algo/list_schedule.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "engine/base/bitmap.h"
#include "gtest/gtest.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

struct Instance {
  Bitmap tasks, pass;
  std::vector<Ticks> weight, priority;
};

Instance RandomInstance(const Graph& g, std::mt19937_64& rng) {
  const uint32_t n = g.num_nodes();
  Instance in{Bitmap(n), Bitmap(n), std::vector<Ticks>(n, 0), std::vector<Ticks>(n, 0)};
  for (NodeId v = 0; v < n; ++v) {
    const uint64_t r = rng() % 10;
    if (r < 6) {
      in.tasks.Set(v);
    } else if (r < 8) {
      in.pass.Set(v);
    }
    in.weight[v] = static_cast<Ticks>(rng() % 4 == 0 ? 0 : rng() % 20);
    in.priority[v] = static_cast<Ticks>(rng() % 5);
  }
  return in;
}

bool IsMember(const Instance& in, NodeId v) { return in.tasks.Test(v) || in.pass.Test(v); }

// Serial oracle: the schedule by the rule, rescanning everything each step.
Schedule OracleSchedule(const Graph& g, const Instance& in, uint32_t slots) {
  const uint32_t n = g.num_nodes();
  Schedule s;
  s.start.assign(n, kNotScheduled);
  std::vector<bool> done(n, false);
  auto preds_done = [&](NodeId v) {
    for (NodeId u : g.in(v)) {
      if (IsMember(in, u) && !done[u]) return false;
    }
    return true;
  };
  auto complete_pass_through = [&] {
    for (bool changed = true; changed;) {
      changed = false;
      for (NodeId v = 0; v < n; ++v) {
        if (in.pass.Test(v) && !done[v] && preds_done(v)) done[v] = changed = true;
      }
    }
  };
  std::vector<std::pair<Ticks, NodeId>> running;  // (finish, task)
  uint32_t free = slots;
  Ticks t = 0;
  complete_pass_through();
  for (;;) {
    while (free > 0) {
      NodeId best = n;
      for (NodeId v = 0; v < n; ++v) {
        if (!in.tasks.Test(v) || s.start[v] != kNotScheduled || !preds_done(v)) continue;
        if (best == n || in.priority[v] > in.priority[best]) best = v;  // ties: smallest id
      }
      if (best == n) break;
      s.start[best] = t;
      running.emplace_back(t + in.weight[best], best);
      --free;
    }
    if (running.empty()) break;
    t = std::min_element(running.begin(), running.end())->first;
    s.makespan = t;
    for (size_t i = 0; i < running.size();) {
      if (running[i].first == t) {
        done[running[i].second] = true;
        ++free;
        running[i] = running.back();
        running.pop_back();
      } else {
        ++i;
      }
    }
    complete_pass_through();
  }
  return s;
}

// W (total task weight) and C (the longest weighted chain of members;
// pass-through nodes weigh 0), by Kahn's order over the member subgraph.
std::pair<Ticks, Ticks> WorkAndSpan(const Graph& g, const Instance& in) {
  const uint32_t n = g.num_nodes();
  std::vector<uint32_t> indeg(n, 0);
  std::vector<Ticks> finish(n, 0);
  std::vector<NodeId> queue;
  Ticks work = 0, span = 0;
  for (NodeId v = 0; v < n; ++v) {
    if (!IsMember(in, v)) continue;
    if (in.tasks.Test(v)) work += in.weight[v];
    for (NodeId u : g.in(v)) indeg[v] += IsMember(in, u) ? 1 : 0;
    if (indeg[v] == 0) queue.push_back(v);
  }
  for (size_t head = 0; head < queue.size(); ++head) {
    const NodeId v = queue[head];
    Ticks ready = 0;
    for (NodeId u : g.in(v)) {
      if (IsMember(in, u)) ready = std::max(ready, finish[u]);
    }
    finish[v] = ready + (in.tasks.Test(v) ? in.weight[v] : 0);
    span = std::max(span, finish[v]);
    for (NodeId w : g.out(v)) {
      if (IsMember(in, w) && --indeg[w] == 0) queue.push_back(w);
    }
  }
  return {work, span};
}

TEST(ListSchedulePropertyTest, MatchesTheSerialSimulation) {
  for (uint64_t seed = 0; seed < 300; ++seed) {
    std::mt19937_64 rng(seed);
    const uint32_t n = 1 + static_cast<uint32_t>(rng() % 40);
    const Graph g = testing::RandomDag(n, rng() % (3 * n + 1), seed);
    const Instance in = RandomInstance(g, rng);
    const uint32_t slots = 1 + static_cast<uint32_t>(rng() % 5);
    const Schedule got = ListSchedule(g, in.tasks, in.pass, in.weight, in.priority, slots);
    const Schedule want = OracleSchedule(g, in, slots);
    ASSERT_EQ(got.start, want.start) << "seed " << seed << " slots " << slots;
    ASSERT_EQ(got.makespan, want.makespan) << "seed " << seed;

    // Graham's bounds and precedence.
    const auto [work, span] = WorkAndSpan(g, in);
    EXPECT_GE(got.makespan, std::max(span, (work + slots - 1) / slots)) << "seed " << seed;
    EXPECT_LE(got.makespan, work / slots + span) << "seed " << seed;
    for (NodeId v = 0; v < n; ++v) {
      EXPECT_EQ(got.start[v] != kNotScheduled, in.tasks.Test(v)) << "seed " << seed << " node " << v;
      if (!in.tasks.Test(v)) continue;
      for (NodeId u : g.in(v)) {
        if (in.tasks.Test(u)) {
          EXPECT_GE(got.start[v], got.start[u] + in.weight[u]) << "seed " << seed;
        }
      }
    }
    // One slot runs the tasks back to back; as many slots as tasks give the span.
    EXPECT_EQ(ListSchedule(g, in.tasks, in.pass, in.weight, in.priority, 1).makespan, work) << "seed " << seed;
    EXPECT_EQ(ListSchedule(g, in.tasks, in.pass, in.weight, in.priority, n).makespan, span) << "seed " << seed;
  }
}

}  // namespace
}  // namespace etldag
