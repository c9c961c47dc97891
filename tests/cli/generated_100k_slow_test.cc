// The foundation's "done when", at full size: on a 100,000-op generated file
// (seed 42, as bench/compare.sh uses), downstream and upstream equal the
// transitive closure computed by an independent implementation (the test
// oracle of tests/gen/parsed_ops.h: simdjson DOM parse, its own adjacency,
// a plain queue BFS), with and without a depth limit, from a hub, a
// mid-graph op, a deep op and an external; and validate finds the injected
// cycle and prints it (exit 1). Labelled slow (release stage of test.sh).
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "engine/algo/cycles.h"
#include "engine/algo/reachability.h"
#include "engine/load/file_buffer.h"
#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/etldag_binary.h"
#include "tests/gen/parsed_ops.h"
#include "tests/testing/bfs_oracle.h"
#include "tests/testing/status_matchers.h"
#include "tools/gen/generator.h"

namespace etldag::testing {
namespace {

constexpr uint64_t kOps = 100000;

// Names within `depth` hops of `seed` along `adj` (the seed excluded): the
// BFS oracle over the independent reading's adjacency.
std::set<std::string> OracleClosure(const ParsedGraph& pg, const std::vector<std::vector<uint32_t>>& adj,
                                    uint32_t seed, uint32_t depth) {
  const uint32_t seeds[] = {seed};
  const std::vector<uint32_t> dist =
      BfsDistances(pg.num_nodes(), seeds, [&](uint32_t v) -> const std::vector<uint32_t>& { return adj[v]; }, depth);
  std::set<std::string> out;
  for (uint32_t v = 0; v < pg.num_nodes(); ++v) {
    if (v != seed && dist[v] != kInf) out.insert(pg.node_names[v]);
  }
  return out;
}

std::set<std::string> EngineClosure(const Graph& g, NodeId seed, Direction dir, uint32_t depth) {
  const NodeId seeds[] = {seed};
  const Bitmap r = Reach(g, seeds, {dir, depth, false});
  std::set<std::string> out;
  r.ForEach([&](size_t v) { out.insert(std::string(g.name(static_cast<NodeId>(v)))); });
  return out;
}

TEST(Generated100k, DownstreamAndUpstreamAreTheExactClosure) {
  GenOptions opts;
  opts.num_ops = kOps;
  ASSERT_OK_AND_ASSIGN(const std::string json, GenerateSparkOpsString(opts));
  ParsedGraph pg;
  ASSERT_EQ(ParseOps(json, &pg), "");
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseSparkOps("g100k.json", FileBuffer::FromString(json).data()));
  ASSERT_EQ(g.num_nodes(), pg.num_nodes());
  ASSERT_EQ(g.num_ops(), kOps);

  // Seeds: the widest fan-out, a mid-file op, the deepest op, an external.
  const KahnResult kahn = Kahn(pg);
  uint32_t hub = 0, deep = 0;
  for (uint32_t v = 0; v < pg.num_ops(); ++v) {
    if (pg.out[v].size() > pg.out[hub].size()) hub = v;
    if (kahn.level[v] > kahn.level[deep]) deep = v;
  }
  ASSERT_GT(pg.num_nodes(), pg.num_ops());
  const uint32_t seeds[] = {hub, pg.num_ops() / 2, deep, pg.num_ops()};
  size_t checked = 0;
  for (const uint32_t s : seeds) {
    const std::string& name = pg.node_names[s];
    const std::optional<NodeId> id = g.Find(name);
    ASSERT_TRUE(id.has_value()) << name;
    for (const uint32_t depth : {kUnlimitedDepth, 1u, 3u}) {
      SCOPED_TRACE(name + " depth " + std::to_string(depth));
      const std::set<std::string> down = OracleClosure(pg, pg.out, s, depth);
      const std::set<std::string> up = OracleClosure(pg, pg.in, s, depth);
      EXPECT_EQ(EngineClosure(g, *id, Direction::kDownstream, depth), down);
      EXPECT_EQ(EngineClosure(g, *id, Direction::kUpstream, depth), up);
      checked += down.size() + up.size();
    }
  }
  EXPECT_GT(checked, kOps / 2);  // the hub's closure is a large part of the graph
}

TEST(Generated100k, ValidateFindsTheInjectedCycleAndPrintsIt) {
  GenOptions opts;
  opts.num_ops = kOps;
  opts.cycle = true;
  GenSummary summary;
  ASSERT_OK_AND_ASSIGN(const std::string json, GenerateSparkOpsString(opts, nullptr, &summary));
  ASSERT_GE(summary.cycle.size(), 2u);
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseSparkOps("cycle.json", FileBuffer::FromString(json).data()));
  const std::vector<Cycle> cycles = FindCycles(g);
  ASSERT_EQ(cycles.size(), 1u);
  std::set<std::string> members, injected(summary.cycle.begin(), summary.cycle.end());
  for (NodeId v : cycles[0].component) members.insert(std::string(g.name(v)));
  EXPECT_EQ(members, injected);

  ScratchDir dir;
  const std::string path = dir.Path("cycle.json");
  WriteFile(path, json);
  const CliResult r = RunEtldag(dir, {"validate", path});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("1 cycle"));
  for (const std::string& name : summary.cycle) EXPECT_THAT(r.out, ::testing::HasSubstr(name));
}

}  // namespace
}  // namespace etldag::testing
