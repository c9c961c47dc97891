// Property tests: selector results on hundreds of seeded random graphs (DAGs
// and cyclic ones, with kinds and externals) equal a brute-force evaluator
// that shares no code with the engine: per-seed BFS, fnmatch(3) for globs,
// std::set operations for unions, intersections and excludes.
#include <fnmatch.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "engine/query/select.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/bfs_oracle.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using NodeSet = std::set<NodeId>;
constexpr uint32_t kInf = kAllDepths;

// Hop distances from one node (kInf = unreachable), along out- or in-edges.
std::vector<uint32_t> Bfs(const Graph& g, NodeId s, bool down) {
  return testing::QueueBfs(g, {s}, down ? Direction::kDownstream : Direction::kUpstream);
}

NodeSet Within(const std::vector<uint32_t>& dist, uint32_t depth) {
  NodeSet out;
  for (NodeId v = 0; v < dist.size(); ++v) {
    if (dist[v] != kInf && dist[v] <= depth) out.insert(v);
  }
  return out;
}

bool Fnmatch(const std::string& pattern, std::string_view text) {
  return fnmatch(pattern.c_str(), std::string(text).c_str(), 0) == 0;
}

// The brute-force meaning of one atom (dbt's, per node, then unioned).
NodeSet BruteAtom(const Graph& g, const SelectorAtom& a) {
  NodeSet base;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    const std::string_view text = a.method == SelectorMethod::kKind ? g.kind_name(g.kind(v)) : g.name(v);
    bool hit = false;
    if (a.method == SelectorMethod::kExternal) {
      hit = g.is_external(v) == (a.value == "true");
    } else {
      hit = a.glob ? Fnmatch(a.value, text) : text == a.value;
    }
    if (hit) base.insert(v);
  }
  NodeSet out = base;
  for (NodeId s : base) {
    if (a.childrens_parents) {
      for (NodeId d : Within(Bfs(g, s, true), kInf)) {
        for (NodeId u : Within(Bfs(g, d, false), kInf)) out.insert(u);
      }
      continue;
    }
    if (a.children) out.merge(Within(Bfs(g, s, true), a.children_depth));
    if (a.parents) out.merge(Within(Bfs(g, s, false), a.parents_depth));
  }
  return out;
}

NodeSet BruteUnion(const Graph& g, const Selector& s, std::vector<std::string>* unmatched) {
  NodeSet all;
  for (const SelectorTerm& t : s.terms) {
    NodeSet meet = BruteAtom(g, t.atoms[0]);
    for (size_t i = 1; i < t.atoms.size(); ++i) {
      const NodeSet other = BruteAtom(g, t.atoms[i]);
      std::erase_if(meet, [&](NodeId v) { return !other.count(v); });
    }
    if (meet.empty() && unmatched != nullptr) unmatched->push_back(t.text);
    all.merge(meet);
  }
  return all;
}

// A random ETL-like graph: up to 44 short path-like names (repeated draws
// collapse), some ops with an explicit kind, ~1 in 8 external, edges either
// forward in a hidden order (DAG, two seeds in three) or uniform (cycles likely).
Graph RandomEtlGraph(std::mt19937_64& rng) {
  auto pick = [&](uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng); };
  const uint32_t names = static_cast<uint32_t>(pick(45));
  const bool dag = pick(3) != 0;
  const testing::NamedShape shape{.names = names, .edges = names == 0 ? 0 : pick(3 * uint64_t{names}),
                                  .unique_names = false, .external_one_in = 8, .kind_one_in = 2,
                                  .random_sides = false, .dag = dag};
  return testing::RandomNamedGraph(shape, rng());
}

std::string RandomAtom(const Graph& g, std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  std::string value;
  const size_t method = pick(10);
  if (method < 6) {
    const char* kGlobs[] = {"*", "dataset/*", "*/policy/*", "*a", "?*b", "[a-m]*", "*[!1]", "ab/a*", "zz*"};
    if (g.num_nodes() > 0 && pick(2) == 0) {
      value = std::string(g.name(static_cast<NodeId>(pick(g.num_nodes()))));
      if (value[0] >= '0' && value[0] <= '9') value = '"' + value + '"';  // "11+" would read as 11+ (parents)
    } else {
      value = kGlobs[pick(9)];
    }
  } else if (method < 8) {
    const char* kGlobs[] = {"d*", "*o*", "[mp]*", "ext*", "none*"};
    value = g.num_kinds() > 0 && pick(2) == 0 ? "kind:" + std::string(g.kind_name(static_cast<KindId>(pick(g.num_kinds()))))
                                              : std::string("kind:") + kGlobs[pick(5)];
  } else {
    value = pick(2) ? "external:true" : "external:false";
  }
  auto depth = [&]() { return pick(3) == 0 ? std::string() : std::to_string(pick(4)); };
  if (pick(10) == 0) return "@" + (pick(3) == 0 ? depth() + "+" : "") + value;
  std::string atom = value;
  if (pick(3) == 0) atom = depth() + "+" + atom;
  if (pick(3) == 0) atom += "+" + depth();
  return atom;
}

std::string RandomTerm(const Graph& g, std::mt19937_64& rng) {
  std::string term = RandomAtom(g, rng);
  for (size_t k = std::uniform_int_distribution<size_t>(0, 2)(rng); k > 0; --k) term += "," + RandomAtom(g, rng);
  return term;
}

// Terms spread over arguments: each argument gets one or more, space-separated.
std::vector<std::string> RandomArgs(const Graph& g, std::mt19937_64& rng, size_t max_terms) {
  std::vector<std::string> args;
  const size_t terms = std::uniform_int_distribution<size_t>(0, max_terms)(rng);
  for (size_t t = 0; t < terms; ++t) {
    if (args.empty() || rng() % 2 == 0) args.emplace_back(); else args.back() += "  ";
    args.back() += RandomTerm(g, rng);
  }
  return args;
}

TEST(SelectPropertyTest, RandomSelectorsEqualBruteForce) {
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    std::mt19937_64 rng(seed);
    const Graph g = RandomEtlGraph(rng);
    for (int round = 0; round < 5; ++round) {
      const std::vector<std::string> include = RandomArgs(g, rng, 3), exclude = RandomArgs(g, rng, 2);
      SCOPED_TRACE("seed " + std::to_string(seed) + ": " + ::testing::PrintToString(include) +
                   " --exclude " + ::testing::PrintToString(exclude));
      absl::StatusOr<Selector> inc = ParseSelector(include), exc = ParseSelector(exclude);
      ASSERT_THAT(inc, IsOk());
      ASSERT_THAT(exc, IsOk());
      absl::StatusOr<Selection> sel = EvaluateSelector(g, *inc, *exc);
      ASSERT_THAT(sel, IsOk());
      std::vector<std::string> unmatched;
      NodeSet expected;
      if (inc->terms.empty()) {
        for (NodeId v = 0; v < g.num_nodes(); ++v) expected.insert(v);
      } else {
        expected = BruteUnion(g, *inc, &unmatched);
      }
      for (NodeId v : BruteUnion(g, *exc, nullptr)) expected.erase(v);
      const std::vector<NodeId> got = sel->nodes.ToVector();
      ASSERT_EQ(NodeSet(got.begin(), got.end()), expected);
      ASSERT_EQ(sel->count, expected.size());
      ASSERT_EQ(sel->unmatched, unmatched);
    }
  }
}

// x+N, N+x and @x from single nodes on plain random graphs (DAGs, cyclic
// graphs with self-loops), every depth 0..4 and unlimited.
TEST(SelectPropertyTest, GraphOperatorsFromEachNode) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const uint32_t n = 1 + seed % 60;
    const Graph g = seed % 2 ? testing::RandomDag(n, 2 * n, seed) : testing::RandomGraph(n, 2 * n, 3, seed, true);
    for (NodeId x = 0; x < n; ++x) {
      const std::string name(g.name(x));
      const std::vector<uint32_t> down = Bfs(g, x, true), up = Bfs(g, x, false);
      for (uint32_t d : {0u, 1u, 2u, 3u, 4u, kInf}) {
        const std::string ds = d == kInf ? "" : std::to_string(d);
        absl::StatusOr<Selection> child = Select(g, {name + "+" + ds});
        absl::StatusOr<Selection> parent = Select(g, {ds + "+" + name});
        ASSERT_THAT(child, IsOk());
        ASSERT_THAT(parent, IsOk());
        const std::vector<NodeId> c = child->nodes.ToVector(), p = parent->nodes.ToVector();
        ASSERT_EQ(NodeSet(c.begin(), c.end()), Within(down, d)) << "seed " << seed << " " << name << "+" << ds;
        ASSERT_EQ(NodeSet(p.begin(), p.end()), Within(up, d)) << "seed " << seed << " " << ds << "+" << name;
      }
      NodeSet at;
      for (NodeId v : Within(down, kInf)) at.merge(Within(Bfs(g, v, false), kInf));
      absl::StatusOr<Selection> sel = Select(g, {"@" + name});
      ASSERT_THAT(sel, IsOk());
      const std::vector<NodeId> got = sel->nodes.ToVector();
      ASSERT_EQ(NodeSet(got.begin(), got.end()), at) << "seed " << seed << " @" << name;
    }
  }
}

}  // namespace
}  // namespace etldag
