// Acceptance of `generate --run-state/--mutate` with triage and diff: on a
// generated 100k-op graph with a generated run state, triage (given the
// injected roots as --failed would) finds exactly the injected roots and
// classifies every node as an independent oracle does (std::deque BFS over
// the definitions of engine/algo/triage.h); the diff of two generated
// versions equals a set comparison of names and (input, op) name pairs.
#include <deque>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/algo/graph_diff.h"
#include "engine/algo/protected_set.h"
#include "engine/algo/triage.h"
#include "engine/load/file_buffer.h"
#include "engine/load/name_list.h"
#include "engine/load/spark_ops.h"
#include "gtest/gtest.h"
#include "tests/testing/bfs_oracle.h"
#include "tools/etldag/gen_state.h"
#include "tools/gen/generator.h"

namespace etldag::cli {
namespace {

Graph Parse(const std::string& text) {
  const FileBuffer buf = FileBuffer::FromString(text, "gen.json");
  absl::StatusOr<Graph> g = ParseSparkOps("gen.json", buf.data());
  EXPECT_TRUE(g.ok()) << g.status();
  return std::move(g).value();
}

Graph Generated(uint64_t ops, uint64_t seed) {
  GenOptions opts;
  opts.num_ops = ops;
  opts.seed = seed;
  absl::StatusOr<std::string> text = GenerateSparkOpsString(opts);
  EXPECT_TRUE(text.ok());
  return Parse(*text);
}

// Downstream closure (seeds excluded unless reached): the BFS oracle.
std::vector<bool> Below(const Graph& g, const std::vector<NodeId>& seeds) {
  return ::etldag::testing::Closure(g, seeds, Direction::kDownstream);
}

TEST(RunStateAcceptance, TriageFindsTheInjectedRootsOn100kOps) {
  const Graph g = Generated(100000, 7);
  const GeneratedRunState rs = GenerateRunState(g, {.seed = 7});
  ASSERT_EQ(rs.roots.size(), 3u);
  const FileBuffer buf = FileBuffer::FromString(rs.json, "run.json");
  absl::StatusOr<NameList> list = ParseNameList("run.json", buf.data(), g);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->ids.size(), g.num_ops());  // an id for every dataset
  Bitmap unc = list->listed;
  unc.Subtract(list->committed);
  EXPECT_EQ(unc.Count(), rs.uncommitted);
  Bitmap failed(g.num_nodes());
  for (NodeId r : rs.roots) failed.Set(r);
  const Bitmap prot = DefaultProtectedSet(g);
  const Triage t = ComputeTriage(g, {.uncommitted = &unc, .failed = &failed, .protected_set = &prot});
  std::vector<NodeId> roots;
  for (const TriageRoot& r : t.roots) roots.push_back(r.node);
  std::sort(roots.begin(), roots.end());
  EXPECT_EQ(roots, rs.roots);
  const std::vector<bool> below = Below(g, rs.roots);
  size_t collateral = 0, pending = 0;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    RunClass want = RunClass::kCommitted;
    if (g.is_external(v)) {
      want = RunClass::kExternal;
    } else if (failed.Test(v)) {
      want = RunClass::kRootFailure;
    } else if (unc.Test(v)) {
      want = below[v] ? RunClass::kCollateral : RunClass::kPending;
    }
    collateral += want == RunClass::kCollateral;
    pending += want == RunClass::kPending;
    ASSERT_EQ(t.cls[v], want) << g.name(v);
  }
  EXPECT_GT(collateral, 0u);
  EXPECT_GT(pending, 0u);
  EXPECT_EQ(t.collateral.size(), collateral);
  EXPECT_EQ(t.pending.size(), pending);
}

using NameSet = std::set<std::string>;
using EdgeSet = std::set<std::pair<std::string, std::string>>;

void Sets(const Graph& g, NameSet* ops, NameSet* ext, EdgeSet* edges) {
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    (g.is_external(v) ? ext : ops)->emplace(g.name(v));
    for (NodeId u : g.in(v)) edges->emplace(g.name(u), g.name(v));
  }
}

TEST(RunStateAcceptance, DiffOfTwoGeneratedVersionsEqualsSetComparison) {
  const Graph old_g = Generated(20000, 11);
  std::vector<std::string> log;
  const Graph new_g = Parse(GenerateNextVersion(old_g, 40, 11, &log));
  EXPECT_FALSE(log.empty());
  const GraphDiff d = ComputeGraphDiff(old_g, new_g);
  NameSet ops_a, ext_a, ops_b, ext_b;
  EdgeSet ea, eb;
  Sets(old_g, &ops_a, &ext_a, &ea);
  Sets(new_g, &ops_b, &ext_b, &eb);
  NameSet added, removed;
  for (const std::string& s : ops_b) if (!ops_a.count(s)) added.insert(s);
  for (const std::string& s : ops_a) if (!ops_b.count(s)) removed.insert(s);
  NameSet got_added, got_removed;
  for (NodeId v : d.added_ops) got_added.emplace(new_g.name(v));
  for (NodeId v : d.removed_ops) got_removed.emplace(old_g.name(v));
  EXPECT_EQ(got_added, added);
  EXPECT_EQ(got_removed, removed);
  uint64_t edges_added = 0, edges_removed = 0;
  NameSet modified = added;
  for (const auto& e : eb) {
    if (ea.count(e)) continue;
    ++edges_added;
    modified.insert(e.second);
  }
  for (const auto& e : ea) {
    if (eb.count(e)) continue;
    ++edges_removed;
    if (ops_b.count(e.second)) modified.insert(e.second);
  }
  EXPECT_EQ(d.edges_added, edges_added);
  EXPECT_EQ(d.edges_removed, edges_removed);
  NameSet got_modified;
  d.modified.ForEach([&](size_t v) { got_modified.emplace(new_g.name(static_cast<NodeId>(v))); });
  EXPECT_EQ(got_modified, modified);
  std::vector<NodeId> seeds;
  d.modified.ForEach([&](size_t v) { seeds.push_back(static_cast<NodeId>(v)); });
  const std::vector<bool> below = Below(new_g, seeds);
  for (NodeId v = 0; v < new_g.num_nodes(); ++v) {
    ASSERT_EQ(d.impact.Test(v), below[v] || d.modified.Test(v)) << new_g.name(v);
  }
  EXPECT_TRUE(ComputeGraphDiff(old_g, old_g).identical());
}

}  // namespace
}  // namespace etldag::cli
