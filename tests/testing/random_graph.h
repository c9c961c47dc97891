// The seeded graph generators of the tests (header-only; link etldag_graph):
// graphs over ids (RandomGraph, RandomDag, RandomDigraph, Chain, Star) and
// named graphs shaped like a loader's (RandomNamedGraph, NamedShape).
//
// In the graphs over ids, node i is named NodeName(i, n) = "n" + i zero-padded to the width of n-1, so
// names sort like numbers and node i gets id i in the built Graph. Every node
// is an op of kind "test" (no externals). Edges are declared on both sides;
// duplicates collapse in the builder. Same arguments -> same graph.
#ifndef ETLDAG_TESTS_TESTING_RANDOM_GRAPH_H_
#define ETLDAG_TESTS_TESTING_RANDOM_GRAPH_H_

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/check.h"
#include "engine/graph/graph.h"
#include "engine/graph/graph_builder.h"

namespace etldag::testing {

using EdgeList = std::vector<std::pair<NodeId, NodeId>>;

inline std::string NodeName(uint32_t i, uint32_t n) {
  const size_t width = std::to_string(n > 0 ? n - 1 : 0).size();
  std::string digits = std::to_string(i);
  return "n" + std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

// The graph with nodes 0..n-1 and `edges` (aborts if the builder fails).
inline Graph GraphFromEdges(uint32_t n, const EdgeList& edges) {
  GraphBuilder b;
  b.Reserve(n, edges.size());
  for (uint32_t i = 0; i < n; ++i) {
    const GraphBuilder::Pid pid = b.Intern(NodeName(i, n));
    ETLDAG_CHECK(pid == i);
    ETLDAG_CHECK(b.DefineOp(pid, "test"));
  }
  for (const auto& [u, v] : edges) b.AddEdge(u, v, EdgeSide::kBoth);
  absl::StatusOr<Graph> g = std::move(b).Build();
  ETLDAG_CHECK(g.ok());
  return std::move(g).value();
}

// Every edge u -> v of g, by u then v.
inline EdgeList EdgesOf(const Graph& g) {
  EdgeList edges;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    for (NodeId v : g.out(u)) edges.emplace_back(u, v);
  }
  return edges;
}

inline uint64_t Uniform(std::mt19937_64& rng, uint64_t bound) {  // in [0, bound)
  return std::uniform_int_distribution<uint64_t>(0, bound - 1)(rng);
}

// DAG: a random permutation `perm` of the nodes (a hidden topological order,
// unrelated to ids); m random position pairs a < b give perm[a] -> perm[b].
// Then `back_edges` edges perm[b] -> perm[a] with a <= b close cycles (a == b
// is a self-loop, only when self_loops). back_edges = 0 keeps it a DAG.
inline Graph RandomGraph(uint32_t n, uint64_t m, uint32_t back_edges, uint64_t seed,
                         bool self_loops = false) {
  std::mt19937_64 rng(seed);
  std::vector<NodeId> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), rng);
  EdgeList edges;
  for (uint64_t i = 0; n >= 2 && i < m; ++i) {
    uint64_t a = Uniform(rng, n), b = Uniform(rng, n - 1);
    if (b >= a) ++b;  // b != a
    if (a > b) std::swap(a, b);
    edges.emplace_back(perm[a], perm[b]);
  }
  for (uint32_t i = 0; n >= 1 && i < back_edges; ++i) {
    uint64_t a = Uniform(rng, n), b = Uniform(rng, n);
    if (a == b && !self_loops) {
      if (n < 2) continue;
      b = (a + 1) % n;
    }
    if (a > b) std::swap(a, b);
    edges.emplace_back(perm[b], perm[a]);
  }
  return GraphFromEdges(n, edges);
}

inline Graph RandomDag(uint32_t n, uint64_t m, uint64_t seed) {
  return RandomGraph(n, m, 0, seed);
}

// Uniform random digraph: m edges with independent uniform ends (cycles and
// self-loops likely).
inline Graph RandomDigraph(uint32_t n, uint64_t m, uint64_t seed) {
  std::mt19937_64 rng(seed);
  EdgeList edges;
  for (uint64_t i = 0; n >= 1 && i < m; ++i) {
    const NodeId u = static_cast<NodeId>(Uniform(rng, n));
    edges.emplace_back(u, static_cast<NodeId>(Uniform(rng, n)));
  }
  return GraphFromEdges(n, edges);
}

// 0 -> 1 -> ... -> n-1; with `closed`, also n-1 -> 0 (a ring: one big cycle).
inline Graph Chain(uint32_t n, bool closed = false) {
  EdgeList edges;
  edges.reserve(n);
  for (uint32_t i = 0; i + 1 < n; ++i) edges.emplace_back(i, i + 1);
  if (closed && n >= 1) edges.emplace_back(n - 1, 0);
  return GraphFromEdges(n, edges);
}

// Center 0 and leaves 1..leaves: 0 -> leaf (outward) or leaf -> 0 (inward).
inline Graph Star(uint32_t leaves, bool outward = true) {
  EdgeList edges;
  edges.reserve(leaves);
  for (uint32_t i = 1; i <= leaves; ++i) {
    edges.push_back(outward ? std::pair<NodeId, NodeId>{0, i} : std::pair<NodeId, NodeId>{i, 0});
  }
  return GraphFromEdges(leaves + 1, edges);
}

// Named graphs, shaped like what a loader builds (names, externals, kinds,
// edges declared on either side), for code that depends on names and kinds.
// Names are drawn from a few prefixes (shared prefixes, non-ASCII, none);
// with unique_names each ends in "_" + its draw index, else it is 1 to 3
// characters of "ab1/" (short, glob-friendly) and repeated draws collapse
// into one node.
struct NamedShape {
  uint32_t names = 100;          // names drawn
  uint64_t edges = 200;          // edges drawn
  bool unique_names = true;
  uint32_t external_one_in = 7;  // ~1 name in this many is not defined as an op (0: every name is an op)
  uint32_t kind_one_in = 4;      // ~1 op in this many has an explicit kind, the others derive it
  bool random_sides = true;      // each edge declared in inputs, successors or both (else both)
  bool dag = false;              // edges forward in a hidden order (no cycle, no self-loop)
  bool loader_like = false;      // as spark_ops loading guarantees: every edge has an op at one end
                                 // and every external feeds some op (not with dag)
};

inline Graph RandomNamedGraph(const NamedShape& s, uint64_t seed) {
  ETLDAG_CHECK(!(s.dag && s.loader_like));
  static constexpr const char* kPrefixes[] = {"dataset/", "model/", "policy/", "nu-mx/policy/", "raw/",
                                              "contract/", "ab/", "", "\xC3\xA9/"};
  static constexpr const char* kKinds[] = {"dataset", "model", "policy", "k0", "k1"};
  std::mt19937_64 rng(seed);
  GraphBuilder b;
  uint32_t n = 0;  // distinct names so far: provisional ids 0..n-1
  for (uint32_t i = 0; i < s.names; ++i) {
    std::string name = kPrefixes[Uniform(rng, std::size(kPrefixes))];
    if (s.unique_names) {
      name += std::to_string(Uniform(rng, 5000)) + "_" + std::to_string(i);
    } else {
      for (uint64_t len = 1 + Uniform(rng, 3); len > 0; --len) name += "ab1/"[Uniform(rng, 4)];
    }
    const GraphBuilder::Pid pid = b.Intern(name);
    if (pid < n) continue;  // drawn before
    ETLDAG_CHECK(pid == n);
    ++n;
    if (s.external_one_in == 0 || Uniform(rng, s.external_one_in) != 0) {
      const bool kind = s.kind_one_in != 0 && Uniform(rng, s.kind_one_in) == 0;
      ETLDAG_CHECK(b.DefineOp(pid, kind ? kKinds[Uniform(rng, std::size(kKinds))] : ""));
    }
  }
  std::vector<uint32_t> order(n);  // order[position] = node: the hidden order of a dag
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  uint32_t op = n;  // an op every external feeds (loader_like)
  for (uint32_t v = 0; v < n && op == n; ++v) op = b.is_defined(v) ? v : n;
  if (s.loader_like && n > 0 && op == n) ETLDAG_CHECK(b.DefineOp(op = 0));
  for (uint64_t e = 0; n > 0 && e < s.edges; ++e) {
    uint64_t a = Uniform(rng, n), c = Uniform(rng, n);
    const EdgeSide side = s.random_sides ? static_cast<EdgeSide>(1 + Uniform(rng, 3)) : EdgeSide::kBoth;
    if (s.dag && a == c) continue;
    if (s.dag && a > c) std::swap(a, c);
    const uint32_t u = order[a], v = order[c];
    if (s.loader_like && !b.is_defined(u) && !b.is_defined(v)) continue;
    b.AddEdge(u, v, side);
  }
  for (uint32_t v = 0; s.loader_like && v < n; ++v) {
    if (!b.is_defined(v)) b.AddEdge(v, op, EdgeSide::kInputs);
  }
  absl::StatusOr<Graph> g = std::move(b).Build();
  ETLDAG_CHECK(g.ok());
  return std::move(g).value();
}

// The loader-like shape of the thread-count tests: 1 to 400 names (1 to
// 6,000 when seed % 4 == 0: large enough to cross every grain size), up to
// 3 edges a name.
inline NamedShape LoaderShape(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const uint32_t n = 1 + static_cast<uint32_t>(rng() % (seed % 4 == 0 ? 6000 : 400));
  return {.names = n, .edges = rng() % (3 * uint64_t{n} + 1), .loader_like = true};
}

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_TESTING_RANDOM_GRAPH_H_
