// Condense (parallel component edges) and AssessSkips (parallel candidates)
// at 1, 2 and 8 threads: on 200 seeded loader-like random graphs
// (RandomNamedGraph, LoaderShape), large enough to cross every grain size, the results
// must be identical; the 1-thread result is checked against the definition
// (every node in one component) or, for AssessSkips, against the closure
// oracle. (Reachability, topological levels, shortest paths, critical path
// and descendant counts: parallel_paths_test.cc; the graph builder:
// tests/graph/builder_thread_counts_test.cc.)
#include <algorithm>
#include <string>
#include <vector>

#include "engine/algo/condensation.h"
#include "engine/algo/safe_to_skip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::kThreadCounts;
using ::etldag::testing::WithThreads;

bool SameCondensation(const Condensation& a, const Condensation& b) {
  return a.num_components == b.num_components && a.num_cyclic == b.num_cyclic && a.position == b.position &&
         a.member_offsets == b.member_offsets && a.members == b.members && a.out_offsets == b.out_offsets &&
         a.out_targets == b.out_targets && a.cyclic == b.cyclic;
}

bool SameAssessments(const std::vector<SkipAssessment>& a, const std::vector<SkipAssessment>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const SkipAssessment &x = a[i], &y = b[i];
    if (x.node != y.node || x.verdict != y.verdict || x.is_protected != y.is_protected || x.readers != y.readers ||
        x.downstream != y.downstream || x.protected_downstream != y.protected_downstream ||
        x.protected_reached.size() != y.protected_reached.size()) {
      return false;
    }
    for (size_t k = 0; k < x.protected_reached.size(); ++k) {
      if (x.protected_reached[k].node != y.protected_reached[k].node ||
          x.protected_reached[k].path != y.protected_reached[k].path) {
        return false;
      }
    }
  }
  return true;
}

TEST(ThreadCountsTest, CondensationIsIdenticalAtEveryThreadCount) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const Graph g = testing::RandomNamedGraph(testing::LoaderShape(seed), seed);
    const Condensation one = WithThreads(1, [&] { return Condense(g); });
    // Every node in exactly one component, members sorted per component.
    ASSERT_EQ(one.members.size(), g.num_nodes());
    std::vector<NodeId> all = one.members;
    std::sort(all.begin(), all.end());
    for (NodeId v = 0; v < g.num_nodes(); ++v) ASSERT_EQ(all[v], v) << seed;
    for (int threads : kThreadCounts) {
      ASSERT_TRUE(SameCondensation(one, WithThreads(threads, [&] { return Condense(g); })))
          << "seed " << seed << " threads " << threads;
    }
  }
}

TEST(ThreadCountsTest, SafeToSkipIsIdenticalAtEveryThreadCount) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const Graph g = testing::RandomNamedGraph(testing::LoaderShape(seed), seed);
    Bitmap prot(g.num_nodes());
    std::vector<NodeId> candidates;
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      if (g.name(v).find("policy") != std::string_view::npos) prot.Set(v);
      if (v % 3 == 0 && candidates.size() < 60) candidates.push_back(v);
    }
    for (size_t bfs_limit : {size_t{0}, size_t{1} << 30}) {  // the all-nodes path and the per-candidate BFS
      // Explanations (one path per protected node reached) only on small graphs: cheap enough.
      const SafeToSkipOptions opts{.explain = g.num_nodes() <= 500, .bfs_limit = bfs_limit};
      const auto one = WithThreads(1, [&] { return AssessSkips(g, candidates, prot, opts); });
      ASSERT_EQ(one.size(), candidates.size());
      for (const SkipAssessment& a : one) {  // oracle: the downstream closure by DFS
        if (g.num_nodes() > 500) break;
        const std::vector<bool> r = testing::Closure(g, {a.node}, Direction::kDownstream);
        uint32_t down = 0, hit = 0;
        for (NodeId v = 0; v < g.num_nodes(); ++v) {
          if (!r[v] || v == a.node) continue;
          ++down;
          hit += prot.Test(v);
        }
        ASSERT_EQ(a.downstream, down) << seed;
        ASSERT_EQ(a.protected_downstream, hit) << seed;
      }
      for (int threads : kThreadCounts) {
        ASSERT_TRUE(SameAssessments(one, WithThreads(threads, [&] { return AssessSkips(g, candidates, prot, opts); })))
            << "seed " << seed << " threads " << threads << " bfs_limit " << bfs_limit;
      }
    }
  }
}

}  // namespace
}  // namespace etldag
