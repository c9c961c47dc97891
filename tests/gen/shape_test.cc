// The generated graphs look like a big company's ETL monorepo: the ranges
// promised in tools/gen/topology.h and data/README.md, measured with a parser.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/gen/parsed_ops.h"
#include "tests/testing/status_matchers.h"
#include "tools/gen/generator.h"

namespace etldag {
namespace {

using ::etldag::testing::Kahn;
using ::etldag::testing::ParsedGraph;
using ::etldag::testing::ParseOps;

template <typename T>
T Quantile(std::vector<T> values, double q) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(q * values.size()))];
}

class ShapeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GenOptions o;
    o.num_ops = 20000;
    o.seed = 2024;
    auto text = GenerateSparkOpsString(o, &durations_);
    ASSERT_TRUE(text.ok());
    graph_ = new ParsedGraph;
    ASSERT_EQ(ParseOps(*text, graph_), "");
  }
  static void TearDownTestSuite() { delete graph_; }

  static ParsedGraph* graph_;
  static std::string durations_;
};
ParsedGraph* ShapeTest::graph_ = nullptr;
std::string ShapeTest::durations_;

TEST_F(ShapeTest, EdgesPerOpAndExternals) {
  const ParsedGraph& g = *graph_;
  const double edges_per_op = static_cast<double>(g.edges.size()) / g.num_ops();
  EXPECT_GE(edges_per_op, 4.0);
  EXPECT_LE(edges_per_op, 6.0);
  uint64_t input_entries = 0;
  for (const auto& op : g.ops) input_entries += op.inputs.size();
  const double external_share = static_cast<double>(g.external_refs) / input_entries;
  EXPECT_GE(external_share, 0.01);
  EXPECT_LE(external_share, 0.08);
  EXPECT_GT(g.num_nodes() - g.num_ops(), 100u);
}

TEST_F(ShapeTest, FanOutIsHeavyTailed) {
  const ParsedGraph& g = *graph_;
  std::vector<size_t> nonzero;
  size_t hubs = 0;
  for (uint32_t v = 0; v < g.num_ops(); ++v) {
    if (!g.out[v].empty()) nonzero.push_back(g.out[v].size());
    if (g.out[v].size() >= 300) {
      ++hubs;
      EXPECT_TRUE(g.ops[v].type == "contract" || g.ops[v].type == "series-contract")
          << g.ops[v].name;
    }
  }
  const size_t small =
      std::count_if(nonzero.begin(), nonzero.end(), [](size_t d) { return d <= 5; });
  EXPECT_GE(static_cast<double>(small) / nonzero.size(), 0.6);  // most feed 1..5
  EXPECT_LE(Quantile(nonzero, 0.5), 5u);
  EXPECT_GE(Quantile(nonzero, 1.0), 800u);  // a hub feeds ~a thousand at 20k ops
  EXPECT_GE(hubs, 3u);                       // ... a handful of them
  EXPECT_LE(hubs, 10u);
  EXPECT_GT(nonzero.size(), g.num_ops() * 8 / 10);  // sinks are a minority
}

TEST_F(ShapeTest, FanInMostlySmallWithAggregators) {
  const ParsedGraph& g = *graph_;
  std::vector<size_t> fan_in;
  for (uint32_t v = 0; v < g.num_ops(); ++v) fan_in.push_back(g.in[v].size());
  const size_t small = std::count_if(fan_in.begin(), fan_in.end(),
                                     [](size_t d) { return d >= 1 && d <= 10; });
  EXPECT_GE(static_cast<double>(small) / fan_in.size(), 0.85);
  const size_t aggregators = std::count_if(fan_in.begin(), fan_in.end(),
                                           [](size_t d) { return d > 100; });
  EXPECT_GE(aggregators, 2u);
  EXPECT_LE(aggregators, 40u);
  EXPECT_EQ(Quantile(fan_in, 0.0), 1u);
}

TEST_F(ShapeTest, LayeredByRole) {
  const ParsedGraph& g = *graph_;
  const auto kahn = Kahn(g);
  ASSERT_EQ(kahn.processed, g.num_nodes());
  EXPECT_GE(kahn.max_level, 20u);
  EXPECT_LE(kahn.max_level, 40u);
  std::map<std::string, std::pair<double, int>> level_by_type;
  int countries = 0;
  for (uint32_t v = 0; v < g.num_ops(); ++v) {
    auto& [sum, count] = level_by_type[g.ops[v].type];
    sum += kahn.level[v];
    ++count;
    countries += g.ops[v].name.starts_with("nu-");
    if (g.ops[v].type == "raw") {
      EXPECT_EQ(kahn.level[v], 1u) << g.ops[v].name;
    }
  }
  ASSERT_EQ(level_by_type.size(), 7u);  // all roles present
  const auto mean = [&](const char* type) {
    return level_by_type[type].first / level_by_type[type].second;
  };
  EXPECT_LT(mean("raw"), mean("contract"));
  EXPECT_LT(mean("contract"), mean("dataset"));
  EXPECT_LT(mean("dataset"), mean("model"));
  EXPECT_LT(mean("dataset"), mean("policy"));
  EXPECT_GT(countries, 2000);
}

TEST_F(ShapeTest, DurationsAreHeavyTailed) {
  std::vector<std::pair<std::string, double>> durations;
  ASSERT_EQ(testing::ParseDurations(durations_, &durations), "");
  ASSERT_EQ(durations.size(), graph_->num_ops());
  std::vector<double> seconds;
  for (const auto& [name, s] : durations) {
    ASSERT_TRUE(graph_->id.count(name) && graph_->id.at(name) < graph_->num_ops()) << name;
    ASSERT_GT(s, 0);
    seconds.push_back(s);
  }
  EXPECT_GE(Quantile(seconds, 0.5), 120);
  EXPECT_LE(Quantile(seconds, 0.5), 300);
  EXPECT_GE(Quantile(seconds, 1.0), 3 * 3600);
  EXPECT_LE(Quantile(seconds, 0.99), 3 * 3600);
}

TEST(ShapeDepthTest, DepthGrowsWithSize) {
  for (const auto& [ops, lo, hi] : {std::tuple{3000, 10, 25}, std::tuple{100000, 30, 60}}) {
    GenOptions o;
    o.num_ops = ops;
    GenSummary summary;
    ASSERT_TRUE(GenerateSparkOpsString(o, nullptr, &summary).ok());
    EXPECT_GE(summary.max_level, static_cast<uint32_t>(lo)) << ops;
    EXPECT_LE(summary.max_level, static_cast<uint32_t>(hi)) << ops;
  }
}

}  // namespace
}  // namespace etldag
