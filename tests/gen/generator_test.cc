// The generator's contract: deterministic bytes, valid JSON with unique
// escape-free names and typed ops, successors exactly the reverse of inputs
// (except K injected disagreements), acyclic (except one injected cycle), and
// a summary that matches what a parser finds. Oracle: tests/gen/parsed_ops.h.
#include <cctype>
#include <cstdio>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/gen/parsed_ops.h"
#include "tests/testing/status_matchers.h"
#include "tools/gen/generator.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::Kahn;
using ::etldag::testing::ParsedGraph;
using ::etldag::testing::ParseOps;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;

GenOptions Opts(uint64_t ops, uint64_t seed) {
  GenOptions o;
  o.num_ops = ops;
  o.seed = seed;
  return o;
}

struct Generated {
  std::string text, durations;
  GenSummary summary;
  ParsedGraph graph;
};

// Generates and parses; fails the test on any error.
void Generate(const GenOptions& options, Generated* g) {
  absl::StatusOr<std::string> text = GenerateSparkOpsString(options, &g->durations, &g->summary);
  ASSERT_THAT(text, IsOk());
  g->text = *std::move(text);
  ASSERT_EQ(ParseOps(g->text, &g->graph), "") << "seed " << options.seed;
}

// The role segment of a name: "nu-mx/dataset/x" -> "dataset".
std::string RoleOf(const std::string& name) {
  const size_t slash = name.find('/');
  if (name.starts_with("nu-")) {
    return name.substr(slash + 1, name.find('/', slash + 1) - slash - 1);
  }
  return name.substr(0, slash);
}

// Checks every invariant that holds for all options; returns nothing, fails
// through gtest.
void CheckInvariants(const GenOptions& options, const Generated& g) {
  const ParsedGraph& graph = g.graph;
  ASSERT_EQ(graph.num_ops(), options.num_ops);
  EXPECT_EQ(graph.bad_successors, 0u);  // externals never get successors lists
  for (const auto& op : graph.ops) {
    EXPECT_EQ(op.type, RoleOf(op.name)) << op.name;
    if (options.disagreements == 0) {
      EXPECT_FALSE(op.inputs.empty()) << op.name;
    }
    for (char c : op.name) ASSERT_TRUE(std::isalnum(c) || c == '-' || c == '/') << op.name;
  }
  for (uint32_t v = graph.num_ops(); v < graph.num_nodes(); ++v) {
    EXPECT_TRUE(graph.node_names[v].starts_with("external/")) << graph.node_names[v];
  }
  EXPECT_EQ(graph.one_sided, options.disagreements);
  EXPECT_EQ(g.summary.disagreements.size(), options.disagreements);
  EXPECT_EQ(graph.edges.size(), g.summary.num_edges);
  EXPECT_EQ(graph.num_nodes() - graph.num_ops(), g.summary.num_externals);
  EXPECT_EQ(graph.external_refs, g.summary.external_refs);
  const auto kahn = Kahn(graph);
  if (options.cycle) {
    EXPECT_LT(kahn.processed, graph.num_nodes());
  } else {
    EXPECT_EQ(kahn.processed, graph.num_nodes());
    EXPECT_EQ(kahn.max_level, g.summary.max_level);
  }
}

TEST(GeneratorTest, SameSeedSameBytes) {
  for (GenOptions o : {Opts(2000, 7), Opts(500, 1)}) {
    for (int variant = 0; variant < 3; ++variant) {
      o.cycle = variant == 1;
      o.disagreements = variant == 2 ? 5 : 0;
      o.pretty = variant == 2;
      std::string d1, d2;
      ASSERT_OK_AND_ASSIGN(const std::string a, GenerateSparkOpsString(o, &d1));
      ASSERT_OK_AND_ASSIGN(const std::string b, GenerateSparkOpsString(o, &d2));
      EXPECT_EQ(a, b);
      EXPECT_EQ(d1, d2);
    }
  }
}

TEST(GeneratorTest, DifferentSeedsDiffer) {
  std::set<std::string> texts;
  for (uint64_t seed = 0; seed < 5; ++seed) {
    ASSERT_OK_AND_ASSIGN(std::string text, GenerateSparkOpsString(Opts(300, seed)));
    texts.insert(std::move(text));
  }
  EXPECT_EQ(texts.size(), 5u);
}

TEST(GeneratorTest, DurationsDoNotChangeTheOps) {
  std::string durations;
  ASSERT_OK_AND_ASSIGN(const std::string with, GenerateSparkOpsString(Opts(1000, 3), &durations));
  ASSERT_OK_AND_ASSIGN(const std::string without, GenerateSparkOpsString(Opts(1000, 3)));
  EXPECT_EQ(with, without);
  EXPECT_FALSE(durations.empty());
}

TEST(GeneratorTest, FileAndStringOutputsAreIdentical) {
  const GenOptions o = Opts(3000, 11);
  std::FILE* ops = std::tmpfile();
  std::FILE* dur = std::tmpfile();
  ASSERT_NE(ops, nullptr);
  ASSERT_NE(dur, nullptr);
  GenSummary summary;
  ASSERT_THAT(GenerateSparkOps(o, ops, dur, &summary), IsOk());
  const auto slurp = [](std::FILE* f) {
    std::string s(static_cast<size_t>(std::ftell(f)), '\0');
    std::rewind(f);
    EXPECT_EQ(std::fread(s.data(), 1, s.size(), f), s.size());
    std::fclose(f);
    return s;
  };
  std::string durations;
  ASSERT_OK_AND_ASSIGN(const std::string text, GenerateSparkOpsString(o, &durations));
  EXPECT_EQ(slurp(ops), text);
  EXPECT_EQ(slurp(dur), durations);
  EXPECT_EQ(FormatGenSummary(summary).substr(0, 9), "ops=3000 ");
}

TEST(GeneratorTest, ValidUniqueTypedAndConsistent) {
  Generated g;
  ASSERT_NO_FATAL_FAILURE(Generate(Opts(5000, 42), &g));
  ASSERT_NO_FATAL_FAILURE(CheckInvariants(Opts(5000, 42), g));
  EXPECT_EQ(g.graph.one_sided, 0u);
  // The loader's tolerance gets exercised: field order, missing successors,
  // null descriptions, and a shuffled (unsorted) op order.
  int name_not_first = 0, no_successors = 0, null_description = 0, unsorted = 0;
  for (size_t i = 0; i < g.graph.ops.size(); ++i) {
    const auto& op = g.graph.ops[i];
    name_not_first += op.keys.front() != "name";
    no_successors += !op.has_successors;
    null_description += op.description_null;
    unsorted += i > 0 && op.name < g.graph.ops[i - 1].name;
  }
  EXPECT_GT(name_not_first, 250);
  EXPECT_GT(no_successors, 50);
  EXPECT_GT(null_description, 250);
  EXPECT_GT(unsorted, 1000);
}

TEST(GeneratorTest, PrettyAndCompactCarryTheSameGraph) {
  GenOptions o = Opts(800, 5);
  Generated compact, pretty;
  ASSERT_NO_FATAL_FAILURE(Generate(o, &compact));
  o.pretty = true;
  ASSERT_NO_FATAL_FAILURE(Generate(o, &pretty));
  EXPECT_NE(compact.text, pretty.text);
  EXPECT_GT(pretty.text.size(), compact.text.size());
  ASSERT_EQ(compact.graph.node_names, pretty.graph.node_names);
  EXPECT_EQ(compact.graph.edges, pretty.graph.edges);
  EXPECT_EQ(compact.durations.size() + 2 * 800, pretty.durations.size());  // "  " indents
}

TEST(GeneratorTest, DisagreementsAreExactlyK) {
  Generated base;
  ASSERT_NO_FATAL_FAILURE(Generate(Opts(4000, 9), &base));
  for (uint64_t k : {1, 7, 100}) {
    GenOptions o = Opts(4000, 9);
    o.disagreements = k;
    Generated g;
    ASSERT_NO_FATAL_FAILURE(Generate(o, &g));
    ASSERT_NO_FATAL_FAILURE(CheckInvariants(o, g));
    EXPECT_EQ(g.graph.edges.size(), base.graph.edges.size());  // only one side dropped
    EXPECT_THAT(g.summary.disagreements.front(), HasSubstr("only in"));
  }
}

TEST(GeneratorTest, CycleIsRealAndConsistent) {
  for (uint64_t seed = 0; seed < 20; ++seed) {
    GenOptions o = Opts(seed < 10 ? 3 + seed : 2000, seed);
    o.cycle = true;
    Generated g;
    ASSERT_NO_FATAL_FAILURE(Generate(o, &g));
    ASSERT_NO_FATAL_FAILURE(CheckInvariants(o, g));
    const auto& cycle = g.summary.cycle;
    ASSERT_GE(cycle.size(), 3u);
    EXPECT_EQ(std::set<std::string>(cycle.begin(), cycle.end()).size(), cycle.size());
    for (size_t i = 0; i < cycle.size(); ++i) {
      const uint32_t u = g.graph.id.at(cycle[i]);
      const uint32_t v = g.graph.id.at(cycle[(i + 1) % cycle.size()]);
      EXPECT_EQ(g.graph.Sides(u, v), 3) << cycle[i] << " -> " << cycle[(i + 1) % cycle.size()];
    }
    // The back edge is the only change: removing it leaves the DAG.
    Generated dag;
    ASSERT_NO_FATAL_FAILURE(Generate(Opts(o.num_ops, seed), &dag));
    EXPECT_EQ(g.graph.edges.size(), dag.graph.edges.size() + 1);
  }
}

TEST(GeneratorTest, TinyGraphs) {
  for (uint64_t n = 0; n <= 12; ++n) {
    Generated g;
    ASSERT_NO_FATAL_FAILURE(Generate(Opts(n, n), &g));
    ASSERT_NO_FATAL_FAILURE(CheckInvariants(Opts(n, n), g));
  }
  ASSERT_OK_AND_ASSIGN(const std::string empty, GenerateSparkOpsString(Opts(0, 1)));
  EXPECT_EQ(empty, "[]\n");
}

TEST(GeneratorTest, ImpossibleRequestsAreInvalidArgument) {
  GenOptions o = Opts(2, 1);
  o.cycle = true;
  EXPECT_THAT(GenerateSparkOpsString(o), StatusIs(absl::StatusCode::kInvalidArgument));
  o = Opts(50, 1);
  o.disagreements = 100000;
  EXPECT_THAT(GenerateSparkOpsString(o),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--disagreements")));
  o = Opts(kGenMaxOps + 1, 1);
  EXPECT_THAT(GenerateSparkOpsString(o), StatusIs(absl::StatusCode::kInvalidArgument));
}

// Property test: every invariant on 150 seeded graphs of varied size/options.
TEST(GeneratorTest, InvariantsHoldOnManySeeds) {
  for (uint64_t seed = 100; seed < 250; ++seed) {
    GenOptions o = Opts(3 + (seed * 7919) % 900, seed);
    o.cycle = seed % 3 == 0;
    o.disagreements = seed % 4 == 0 ? seed % 13 : 0;
    Generated g;
    ASSERT_NO_FATAL_FAILURE(Generate(o, &g));
    ASSERT_NO_FATAL_FAILURE(CheckInvariants(o, g)) << "seed " << seed;
  }
}

}  // namespace
}  // namespace etldag
