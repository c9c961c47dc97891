// ComputeGraphDiff vs an independent set comparison (std::set of names and
// of (input, op) name pairs, DFS closure for the impact) on hundreds of
// seeded random pairs of versions; plus drawn cases, a file against itself,
// an empty graph against a 1M-op chain and every op renamed.
#include "engine/algo/graph_diff.h"

#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using ::etldag::testing::Closure;
using ::etldag::testing::Id;
using ::testing::ElementsAre;
using Names = std::set<std::string>;
using Edges = std::set<std::pair<std::string, std::string>>;

Graph Build(const std::vector<std::pair<std::string, std::string>>& ops,  // name, kind
            const std::vector<std::pair<std::string, std::string>>& edges) {
  std::vector<OpSpec> specs;
  for (const auto& [n, k] : ops) specs.push_back({n, k});
  std::vector<std::pair<std::string_view, std::string_view>> e(edges.begin(), edges.end());
  absl::StatusOr<Graph> g = BuildGraph(specs, e);
  ETLDAG_CHECK(g.ok());
  return std::move(g).value();
}

std::vector<std::string> NamesOf(const Graph& g, const std::vector<NodeId>& ids) {
  return testing::Names(g, ids);
}

TEST(GraphDiff, DrawnCase) {
  // OLD: raw/x -> dataset/a -> model/b ; dataset/c
  // NEW: raw/y -> dataset/a -> model/b(kind policy) ; dataset/a -> dataset/d -> model/b
  const Graph old_g = Build({{"dataset/a", "dataset"}, {"model/b", "model"}, {"dataset/c", "dataset"}},
                            {{"raw/x", "dataset/a"}, {"dataset/a", "model/b"}});
  const Graph new_g = Build({{"dataset/a", "dataset"}, {"model/b", "policy"}, {"dataset/d", "dataset"}},
                            {{"raw/y", "dataset/a"}, {"dataset/a", "model/b"},
                             {"dataset/a", "dataset/d"}, {"dataset/d", "model/b"}});
  const GraphDiff d = ComputeGraphDiff(old_g, new_g);
  EXPECT_FALSE(d.identical());
  EXPECT_THAT(NamesOf(new_g, d.added_ops), ElementsAre("dataset/d"));
  EXPECT_THAT(NamesOf(old_g, d.removed_ops), ElementsAre("dataset/c"));
  EXPECT_THAT(NamesOf(new_g, d.externals_appeared), ElementsAre("raw/y"));
  EXPECT_THAT(NamesOf(old_g, d.externals_vanished), ElementsAre("raw/x"));
  ASSERT_EQ(d.edge_changes.size(), 2u);
  EXPECT_EQ(new_g.name(d.edge_changes[0].op), "dataset/a");
  EXPECT_THAT(NamesOf(new_g, d.edge_changes[0].added_inputs), ElementsAre("raw/y"));
  EXPECT_THAT(NamesOf(old_g, d.edge_changes[0].removed_inputs), ElementsAre("raw/x"));
  EXPECT_EQ(new_g.name(d.edge_changes[1].op), "model/b");
  ASSERT_EQ(d.kind_changes.size(), 1u);
  EXPECT_EQ(new_g.kind_name(d.kind_changes[0].new_kind), "policy");
  EXPECT_EQ(d.modified.Count(), 3u);
  EXPECT_EQ(d.impact.Count(), 3u);
  EXPECT_EQ(d.edges_added, 3u);   // raw/y->a, a->d, d->b
  EXPECT_EQ(d.edges_removed, 1u); // raw/x->a
  EXPECT_TRUE(d.introduced_cycles.empty());
}

TEST(GraphDiff, CycleIntroducedByNew) {
  const Graph old_g = Build({{"a", "t"}, {"b", "t"}}, {{"a", "b"}});
  const Graph new_g = Build({{"a", "t"}, {"b", "t"}}, {{"a", "b"}, {"b", "a"}});
  const GraphDiff d = ComputeGraphDiff(old_g, new_g);
  ASSERT_EQ(d.introduced_cycles.size(), 1u);
  EXPECT_TRUE(ComputeGraphDiff(new_g, new_g).introduced_cycles.empty());  // not new
}

struct Version {
  std::map<std::string, std::string> ops;  // name -> kind
  Edges edges;                             // (input, op)
};

Version RandomVersion(std::mt19937_64& rng, uint32_t names) {
  Version v;
  for (uint32_t i = 0; i < names; ++i) {
    if (rng() % 4 == 0) continue;  // not an op in this version
    v.ops["n" + std::to_string(i)] = rng() % 5 == 0 ? "other" : "t";
  }
  for (const auto& [op, kind] : v.ops) {
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) {
      v.edges.insert({"n" + std::to_string(rng() % names), op});
    }
  }
  return v;
}

Graph BuildVersion(const Version& v) {
  std::vector<std::pair<std::string, std::string>> ops(v.ops.begin(), v.ops.end());
  std::vector<std::pair<std::string, std::string>> edges(v.edges.begin(), v.edges.end());
  return Build(ops, edges);
}

Version Mutate(std::mt19937_64& rng, Version v, uint32_t names) {
  for (int k = static_cast<int>(rng() % 6); k > 0; --k) {
    const std::string n = "n" + std::to_string(rng() % names);
    switch (rng() % 4) {
      case 0: v.ops[n] = "t"; break;
      case 1:
        v.ops.erase(n);
        for (auto it = v.edges.begin(); it != v.edges.end();) {
          it = it->second == n ? v.edges.erase(it) : std::next(it);
        }
        break;
      case 2:
        if (v.ops.count(n)) v.edges.insert({"n" + std::to_string(rng() % names), n});
        break;
      case 3:
        if (v.ops.count(n)) v.ops[n] = v.ops[n] == "t" ? "other" : "t";
        break;
    }
  }
  return v;
}

void ExpectMatchesSets(const Version& a, const Version& b) {
  const Graph og = BuildVersion(a), ng = BuildVersion(b);
  const GraphDiff d = ComputeGraphDiff(og, ng);
  Names ops_a, ops_b, ext_a, ext_b;
  for (NodeId v = 0; v < og.num_nodes(); ++v) (og.is_external(v) ? ext_a : ops_a).emplace(og.name(v));
  for (NodeId v = 0; v < ng.num_nodes(); ++v) (ng.is_external(v) ? ext_b : ops_b).emplace(ng.name(v));
  const auto minus = [](const Names& x, const Names& y) {
    std::vector<std::string> out;
    for (const std::string& s : x) if (!y.count(s)) out.push_back(s);
    return out;
  };
  EXPECT_EQ(NamesOf(ng, d.added_ops), minus(ops_b, ops_a));
  EXPECT_EQ(NamesOf(og, d.removed_ops), minus(ops_a, ops_b));
  EXPECT_EQ(NamesOf(ng, d.externals_appeared), minus(ext_b, ext_a));
  EXPECT_EQ(NamesOf(og, d.externals_vanished), minus(ext_a, ext_b));
  std::set<std::string> modified(d.added_ops.empty() ? std::set<std::string>{} : std::set<std::string>{});
  for (const std::string& s : minus(ops_b, ops_a)) modified.insert(s);
  Edges added, removed;
  for (const auto& e : b.edges) if (!a.edges.count(e)) added.insert(e);
  for (const auto& e : a.edges) if (!b.edges.count(e)) removed.insert(e);
  Edges got_added, got_removed;
  for (const EdgeChange& c : d.edge_changes) {
    for (NodeId u : c.added_inputs) got_added.insert({std::string(ng.name(u)), std::string(ng.name(c.op))});
    for (NodeId u : c.removed_inputs) got_removed.insert({std::string(og.name(u)), std::string(ng.name(c.op))});
  }
  Edges want_added, want_removed;  // between ops present in both versions
  for (const auto& e : added) if (ops_a.count(e.second) && ops_b.count(e.second)) want_added.insert(e);
  for (const auto& e : removed) if (ops_a.count(e.second) && ops_b.count(e.second)) want_removed.insert(e);
  EXPECT_EQ(got_added, want_added);
  EXPECT_EQ(got_removed, want_removed);
  EXPECT_EQ(d.edges_added, added.size());
  EXPECT_EQ(d.edges_removed, removed.size());
  for (const auto& e : want_added) modified.insert(e.second);
  for (const auto& e : want_removed) modified.insert(e.second);
  Names kinds;
  for (const auto& [n, k] : b.ops) {
    if (a.ops.count(n) && a.ops.at(n) != k) kinds.insert(n), modified.insert(n);
  }
  Names got_kinds;
  for (const KindChange& k : d.kind_changes) got_kinds.emplace(ng.name(k.op));
  EXPECT_EQ(got_kinds, kinds);
  std::vector<NodeId> seeds;
  for (const std::string& s : modified) seeds.push_back(Id(ng, s));
  EXPECT_EQ(d.modified.ToVector(), std::vector<NodeId>(seeds.begin(), seeds.end()));
  const std::vector<bool> down = Closure(ng, seeds, Direction::kDownstream);
  Bitmap impact(ng.num_nodes());
  for (NodeId v = 0; v < ng.num_nodes(); ++v) if (down[v]) impact.Set(v);
  for (NodeId v : seeds) impact.Set(v);
  EXPECT_EQ(d.impact, impact);
  EXPECT_EQ(d.identical(), ops_a == ops_b && ext_a == ext_b && added.empty() && removed.empty() && kinds.empty());
}

TEST(GraphDiff, MatchesSetComparisonOnRandomVersions) {
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    std::mt19937_64 rng(seed);
    const uint32_t names = 1 + static_cast<uint32_t>(rng() % 40);
    const Version a = RandomVersion(rng, names);
    const Version b = seed % 5 == 0 ? RandomVersion(rng, names) : Mutate(rng, a, names);
    SCOPED_TRACE(seed);
    ExpectMatchesSets(a, b);
    ExpectMatchesSets(a, a);
  }
}

TEST(GraphDiff, AgainstItselfIsIdentical) {
  const Graph g = testing::RandomDag(2000, 8000, 7);
  const GraphDiff d = ComputeGraphDiff(g, g);
  EXPECT_TRUE(d.identical());
  EXPECT_EQ(d.impact.Count(), 0u);
}

TEST(GraphDiff, EmptyAgainstMillionChain) {
  const Graph empty = Build({}, {});
  const Graph chain = testing::Chain(1000000);
  const GraphDiff d = ComputeGraphDiff(empty, chain);
  EXPECT_EQ(d.added_ops.size(), 1000000u);
  EXPECT_EQ(d.impact.Count(), 1000000u);
  EXPECT_EQ(d.edges_added, 999999u);
  const GraphDiff back = ComputeGraphDiff(chain, empty);
  EXPECT_EQ(back.removed_ops.size(), 1000000u);
  EXPECT_EQ(back.edges_removed, 999999u);
  EXPECT_EQ(back.impact.Count(), 0u);
}

TEST(GraphDiff, EveryOpRenamed) {
  std::vector<std::pair<std::string, std::string>> ops_a, ops_b, edges_a, edges_b;
  for (int i = 0; i < 1000; ++i) {
    ops_a.push_back({"old/" + std::to_string(i), "t"});
    ops_b.push_back({"new/" + std::to_string(i), "t"});
    if (i > 0) {
      edges_a.push_back({"old/" + std::to_string(i - 1), "old/" + std::to_string(i)});
      edges_b.push_back({"new/" + std::to_string(i - 1), "new/" + std::to_string(i)});
    }
  }
  const GraphDiff d = ComputeGraphDiff(Build(ops_a, edges_a), Build(ops_b, edges_b));
  EXPECT_EQ(d.added_ops.size(), 1000u);
  EXPECT_EQ(d.removed_ops.size(), 1000u);
  EXPECT_TRUE(d.edge_changes.empty());
  EXPECT_EQ(d.impact.Count(), 1000u);
}

}  // namespace
}  // namespace etldag
