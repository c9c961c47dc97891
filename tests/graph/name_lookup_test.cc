// NameLookup gives Graph::Find's answer for every query, before and after
// it switches from binary search to its hash index (after kEagerLookups):
// every node's name, names that are not in the graph (prefixes, extensions,
// near misses, the empty name), on graphs of 0 to 5,000 nodes; and for lists
// in name order, where it tries the node after the last one found first.
#include "engine/graph/name_lookup.h"

#include <algorithm>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

TEST(NameLookupTest, SameAnswersAsFind) {
  for (const uint32_t n : {0u, 1u, 7u, 64u, 65u, 300u, 5000u}) {
    std::mt19937 rng(n);
    std::vector<std::string> names;
    std::vector<OpSpec> ops;
    for (uint32_t i = 0; i < n; ++i) names.push_back("dataset/n" + std::to_string(rng() % 100000) + "-" + std::to_string(i));
    for (const std::string& s : names) ops.push_back({s, ""});
    ASSERT_OK_AND_ASSIGN(const Graph g, BuildGraph(ops, {}));
    std::vector<std::string> queries = {"", "dataset/", "x"};
    for (const std::string& s : names) {
      queries.push_back(s);
      queries.push_back(s + "x");
      queries.push_back(s.substr(0, s.size() - 1));
    }
    std::shuffle(queries.begin(), queries.end(), rng);
    NameLookup lookup(g);
    for (const std::string& q : queries) ASSERT_EQ(lookup.Find(q), g.Find(q)) << "n " << n << " '" << q << "'";
    // In batches, from a fresh lookup (the first batch straddles the switch to the index).
    NameLookup batched(g);
    const std::vector<std::string_view> views(queries.begin(), queries.end());
    std::vector<std::optional<NodeId>> got(views.size());
    for (size_t at = 0; at < views.size(); at += 100) {
      const size_t k = std::min<size_t>(100, views.size() - at);
      batched.FindBatch(std::span<const std::string_view>(views).subspan(at, k), got.data() + at);
    }
    for (size_t i = 0; i < views.size(); ++i) ASSERT_EQ(got[i], g.Find(views[i])) << "n " << n << " '" << views[i] << "'";
  }
}

// Lists in name order (the hint's fast path), with gaps, repeats, unknown
// names in between and a reverse pass: still Graph::Find's answers.
TEST(NameLookupTest, OrderedListsSameAnswersAsFind) {
  for (const uint32_t n : {1u, 2u, 300u, 5000u}) {
    std::mt19937 rng(n + 1);
    std::vector<std::string> names;
    for (uint32_t i = 0; i < n; ++i) names.push_back("model/m" + std::to_string(rng() % 1000000) + "-" + std::to_string(i));
    std::vector<OpSpec> ops;
    for (const std::string& name : names) ops.push_back({name, ""});
    ASSERT_OK_AND_ASSIGN(const Graph g, BuildGraph(ops, {}));
    std::vector<std::string> queries;
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      if (rng() % 5 == 0) continue;                                    // a gap
      if (rng() % 7 == 0) queries.push_back(std::string(g.name(v)) + "~");  // unknown
      queries.emplace_back(g.name(v));
      if (rng() % 11 == 0) queries.emplace_back(g.name(v));            // a repeat
    }
    std::vector<std::string> reversed(queries.rbegin(), queries.rend());
    NameLookup lookup(g);
    for (const auto* list : {&queries, &reversed, &queries}) {
      for (const std::string& q : *list) ASSERT_EQ(lookup.Find(q), g.Find(q)) << "n " << n << " '" << q << "'";
    }
  }
}

}  // namespace
}  // namespace etldag
