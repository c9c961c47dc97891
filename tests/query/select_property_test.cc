// Property tests: selector results on hundreds of seeded random graphs (DAGs
// and cyclic ones, with kinds and externals) equal a brute-force evaluator
// that shares no code with the engine: per-seed BFS, fnmatch(3) for globs,
// std::set operations for unions, intersections and excludes.
#include <fnmatch.h>

#include <deque>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "engine/query/select.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using NodeSet = std::set<NodeId>;
constexpr uint32_t kInf = kAllDepths;

// Hop distances from one node (kInf = unreachable), along out- or in-edges.
std::vector<uint32_t> Bfs(const Graph& g, NodeId s, bool down) {
  std::vector<uint32_t> dist(g.num_nodes(), kInf);
  std::deque<NodeId> queue = {s};
  dist[s] = 0;
  while (!queue.empty()) {
    const NodeId u = queue.front();
    queue.pop_front();
    for (NodeId v : down ? g.out(u) : g.in(u)) {
      if (dist[v] == kInf) {
        dist[v] = dist[u] + 1;
        queue.push_back(v);
      }
    }
  }
  return dist;
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

// A random ETL-like graph: ops with path-like names, some with an explicit
// kind, a few externals, edges either forward in a hidden order (DAG) or
// uniform (cycles likely).
Graph RandomEtlGraph(std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const char* kPrefixes[] = {"dataset/", "model/", "policy/", "nu-mx/policy/", "contract/", "", "ab/"};
  const char* kKinds[] = {"", "", "dataset", "model", "policy"};
  std::set<std::string> names;
  const size_t n_ops = pick(40), n_ext = pick(5);
  while (names.size() < n_ops + n_ext) {
    std::string name = kPrefixes[pick(7)];
    for (size_t len = 1 + pick(3); len > 0; --len) name += "ab1/"[pick(4)];
    names.insert(name);
  }
  std::vector<std::string> order(names.begin(), names.end());
  std::shuffle(order.begin(), order.end(), rng);
  GraphBuilder b;
  std::vector<GraphBuilder::Pid> pids;
  for (size_t i = 0; i < order.size(); ++i) {
    pids.push_back(b.Intern(order[i]));
    if (i < n_ops) {
      EXPECT_TRUE(b.DefineOp(pids.back(), kKinds[pick(5)]));
    }
  }
  const bool dag = pick(3) != 0;
  const size_t m = order.empty() ? 0 : pick(3 * order.size());
  for (size_t e = 0; e < m; ++e) {
    size_t u = pick(order.size()), v = pick(order.size());
    if (dag && u == v) continue;
    if (dag && u > v) std::swap(u, v);
    b.AddEdge(pids[u], pids[v], EdgeSide::kBoth);
  }
  absl::StatusOr<Graph> g = std::move(b).Build();
  EXPECT_THAT(g, IsOk());
  return std::move(g).value();
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
