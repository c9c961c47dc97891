// Property tests of the loader on seeded random spark_ops.json texts:
//  - round trip: random ops/edges written with shuffled fields, random extra
//    fields, random whitespace and random escapes load into exactly the graph
//    the generator knows (names, externals, kinds, edges, disagreements,
//    self-loops);
//  - mutations: random byte edits of valid texts never crash the loader; it
//    rejects every text the strict scanner (json_syntax.h) rejects, accepts
//    only valid JSON, and every error is located ("t.json:L:C: error: ").
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_format.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/source_location.h"
#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/load/load_test_util.h"
#include "tests/load/random_spark_ops.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::FirstLine;
using ::etldag::testing::ParseJson;

using ::etldag::testing::Mutate;
using ::etldag::testing::Pick;
using ::etldag::testing::RandomFile;
using ::etldag::testing::Rng;
using ::etldag::testing::Truth;

TEST(SparkOpsRandom, RoundTrip) {
  for (uint64_t seed = 0; seed < 300; ++seed) {
    SCOPED_TRACE(seed);
    Truth t;
    const std::string json = RandomFile(seed, t);
    ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(json));
    std::set<std::string> nodes, externals;
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      nodes.emplace(g.name(v));
      if (g.is_external(v)) externals.emplace(g.name(v));
      if (v > 0) {
        ASSERT_LT(g.name(v - 1), g.name(v));  // ids in name order
      }
    }
    ASSERT_EQ(nodes, t.nodes);
    std::set<std::string> want_externals;
    for (const std::string& n : t.nodes) {
      if (!t.ops.count(n)) want_externals.insert(n);
    }
    EXPECT_EQ(externals, want_externals);
    std::set<std::pair<std::string, std::string>> edges, want_edges;
    std::set<std::tuple<std::string, std::string, int>> dis, want_dis;
    std::set<std::string> loops, want_loops;
    for (const auto& [e, sides] : t.edges) {
      want_edges.insert(e);
      if (e.first == e.second) want_loops.insert(e.first);
      if (sides != 3 && t.ops.count(e.first) && t.ops.count(e.second)) want_dis.emplace(e.first, e.second, sides);
    }
    for (NodeId u = 0; u < g.num_nodes(); ++u) {
      for (NodeId v : g.out(u)) edges.emplace(g.name(u), g.name(v));
    }
    for (const Disagreement& d : g.disagreements()) {
      dis.emplace(g.name(d.from), g.name(d.to), static_cast<int>(d.declared_by));
    }
    for (NodeId v : g.self_loops()) loops.emplace(g.name(v));
    EXPECT_EQ(edges, want_edges);
    EXPECT_EQ(dis, want_dis);
    EXPECT_EQ(loops, want_loops);
    for (const std::string& op : t.ops) {
      const std::string kind(g.kind_name(g.kind(*g.Find(op))));
      auto it = t.kinds.find(op);
      if (it == t.kinds.end()) {
        EXPECT_TRUE(kind[0] != 't' && kind[0] != 'k') << kind;  // derived from the name
      } else {
        EXPECT_EQ(kind[0], it->second.empty() ? 't' : 'k') << op;
      }
    }
  }
}

// Parses "t.json:LINE:COL: error: WHAT" (WHAT non-empty).
bool ParseLocation(const std::string& s, uint64_t* line, uint64_t* col) {
  unsigned long long l = 0, c = 0;
  int end = 0;
  if (std::sscanf(s.c_str(), "t.json:%llu:%llu: error: %n", &l, &c, &end) != 2 || end == 0) return false;
  if (static_cast<size_t>(end) >= s.size() || s.compare(0, 7, "t.json:") != 0) return false;
  *line = l;
  *col = c;
  return l >= 1 && c >= 1;
}

TEST(SparkOpsRandom, MutationsAreRejectedWithALocation) {
  int rejected = 0, syntax = 0;
  const char* env = std::getenv("ETLDAG_MUTATION_SEEDS");  // more, for local fuzzing
  const uint64_t seeds = env != nullptr ? std::stoull(env) : 3000;
  for (uint64_t seed = 0; seed < seeds; ++seed) {
    Truth t;
    Rng rng(seed);
    std::string json = RandomFile(seed % 200, t);
    for (size_t i = 0, n = 1 + Pick(rng, 3); i < n; ++i) json = Mutate(json, rng);
    SCOPED_TRACE(json);
    const absl::StatusOr<Graph> g = ParseJson(json);
    const std::optional<load_internal::JsonSyntaxError> err = load_internal::FindJsonSyntaxError(json);
    if (g.ok()) {
      ASSERT_FALSE(err.has_value()) << "accepted invalid JSON: " << err->message;
      continue;
    }
    ++rejected;
    ASSERT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument) << g.status();
    const std::string first = FirstLine(g.status());
    uint64_t line = 0, col = 0;
    ASSERT_TRUE(ParseLocation(first, &line, &col)) << first;
    EXPECT_EQ(first.find("invalid JSON ("), std::string::npos) << first;
    if (!err) continue;  // valid JSON, wrong content
    ++syntax;
    // Syntax errors are the scanner's, at its place; a content error can only
    // come before the first syntax error.
    const LineCol at = LineColAt(json, err->offset);
    if (first.find(err->message) != std::string::npos) {
      EXPECT_EQ(std::make_pair(line, col), std::make_pair(at.line, at.column)) << first;
    } else {
      EXPECT_LE(std::make_pair(line, col), std::make_pair(at.line, at.column)) << first << " / " << err->message;
    }
  }
  EXPECT_GT(rejected, 1000);
  EXPECT_GT(syntax, 500);
}

}  // namespace
}  // namespace etldag
